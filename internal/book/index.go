package book

import (
	"fmt"
	"strconv"
	"strings"

	"catalog/internal/collation"
	"catalog/internal/layout"
	"catalog/internal/model"
	"catalog/internal/pdfdraw"
)

// entry draws one index line: a practice's title, dot leaders and its
// page, all clickable. The entry's lines stay on one page.
func (b *book) entry(x *model.Practice, indent float64) {
	const size = 9.5
	lh := lineHeight(size)
	lines := layout.Break(plain(x.In(b.lang).Title), textW-indent-tocNumW, size, b.measure)
	b.need(float64(len(lines)) * lh)
	y0 := b.y
	// A P that is a Link: the title, the page and the clickable area.
	b.tag("P", func() {
		b.tag("Link", func() {
			for _, ln := range lines {
				b.line(ln, marginL+indent, b.y, size, ink)
				b.y += lh
			}
			b.leaders(marginL+indent+lines[len(lines)-1].Width, b.y-lh, size, pdfdraw.Regular, strconv.Itoa(b.pageOf[x.ID]), ink)
			b.d.LinkAnchor(marginL+indent, y0, textW-indent, b.y-y0, b.anchors[x.ID])
		})
	})
}

// themeIndex lists the practices of each theme, themes grouped by pillar.
func (b *book) themeIndex() {
	b.section(b.word("index_by_theme"), 0)
	title := func(x *model.Practice) string { return x.In(b.lang).Title }
	for _, pl := range b.cfg.Pillars.Terms {
		printed := false
		for _, th := range b.cfg.Themes.Terms {
			list := b.cat.ByTheme[th.Slug]
			if th.Pillar != pl.Slug || len(list) == 0 {
				continue
			}
			if !printed {
				b.need(lineHeight(12) + 3*lineHeight(10))
				b.y += 2
				b.tag("H2", func() { b.text(plain(b.label(&b.cfg.Pillars, pl.Slug)), marginL, textW, 12, layout.Bold, brand) })
				printed = true
			}
			b.need(lineHeight(10) + lineHeight(9.5))
			b.tag("H3", func() { b.text(plain(b.label(&b.cfg.Themes, th.Slug)), marginL+2, textW, 10, layout.Bold, ink) })
			for _, x := range collation.Sort(b.lang, list, title) {
				b.entry(x, 6)
			}
			b.y += 1
		}
	}
}

// countryIndex lists the practices of each country.
func (b *book) countryIndex() {
	b.section(b.word("index_by_country"), 0)
	title := func(x *model.Practice) string { return x.In(b.lang).Title }
	for _, cc := range collation.Sort(b.lang, sortedKeys(b.cat.ByCountry), b.country) {
		b.need(lineHeight(10) + lineHeight(9.5))
		b.tag("H2", func() { b.text(plain(b.country(cc)), marginL, textW, 10, layout.Bold, ink) })
		for _, x := range collation.Sort(b.lang, b.cat.ByCountry[cc], title) {
			b.entry(x, 6)
		}
		b.y += 1.5
	}
}

// exchangeTable lists who visited which practice: visiting country and
// institutions, host country, practice (with its page), kind, outcome,
// year.
func (b *book) exchangeTable() {
	b.section(b.word("exchange_table"), 0)
	if len(b.cat.Exchanges) == 0 {
		b.text(plain(b.word("exchanges_none")), marginL, textW, bodySize, 0, ink)
		return
	}
	t := layout.Table{Align: []layout.Align{layout.AlignNone, layout.AlignNone, layout.AlignNone, layout.AlignNone, layout.AlignNone, layout.AlignRight},
		Header: [][]layout.Run{plain(b.word("visitors_institutions")), plain(b.word("hosts")), plain(b.word("practice")),
			plain(b.word("kind")), plain(b.word("outcome")), plain(b.word("year"))}}
	for _, ev := range b.cat.Exchanges {
		t.Rows = append(t.Rows, b.exchangeRow(ev))
	}
	b.table(t, marginL, textW)
}

// exchangeRow is a visit's row of the exchange table.
func (b *book) exchangeRow(ev model.ExchangeVisit) [][]layout.Run {
	// The institutions and notes as the book's language has them.
	var e model.Exchange
	for _, list := range [][]model.Exchange{ev.Practice.In(b.lang).Exchanges, ev.Practice.Exchanges()} {
		if ev.Exchange >= 0 && ev.Exchange < len(list) {
			e = list[ev.Exchange]
			break
		}
	}
	visitor := []layout.Run{{Text: b.country(ev.Visitor)}}
	if len(e.Institutions) > 0 {
		visitor = append(visitor, layout.Run{Text: "\n"}, layout.Run{Text: strings.Join(e.Institutions, "; "), Style: layout.Italic})
	}
	practice := []layout.Run{b.practiceLink(ev.Practice),
		{Text: " (" + b.pageRef(ev.Practice.ID) + ")"}}
	return [][]layout.Run{visitor, plain(strings.Join(b.countryNames(ev.Hosts), ", ")), practice,
		plain(b.word("kind." + ev.Kind)), plain(b.outcome(e)), plain(strconv.Itoa(ev.Year))}
}

// frame draws, on every page but the cover and the imprint, the running header (the
// catalog's title and the chapter) and the footer "page X of N": only now
// is N known.
func (b *book) frame() {
	n := b.d.Pages()
	title := b.cfg.Title.In(b.lang, b.cfg.DefaultLanguage())
	for p := 2; p <= n; p++ {
		if b.bare[p] {
			continue
		}
		b.d.SetPage(p)
		b.d.Artifact(func() { b.frameOf(p, n, title) })
	}
}

// frameOf draws the header and footer of page p of n, the current page.
func (b *book) frameOf(p, n int, title string) {
	const size = 7.5
	head := title
	if r := []rune(head); len(r) > 80 {
		head = string(r[:79]) + "…"
	}
	b.d.Text(marginL, 15, head, pdfdraw.Regular, size, muted)
	if ch := b.headers[p]; ch != "" {
		w := b.d.Measure(ch, pdfdraw.Bold, size)
		if w < textW/2 {
			b.d.Text(pageW-marginR-w, 15, ch, pdfdraw.Bold, size, muted)
		}
	}
	b.d.Line(marginL, 17, pageW-marginR, 17, 0.2, rule)
	foot := fmt.Sprintf(b.word("page_of"), p, n)
	w := b.d.Measure(foot, pdfdraw.Regular, size)
	b.d.Text((pageW-w)/2, pageH-12, foot, pdfdraw.Regular, size, muted)
}
