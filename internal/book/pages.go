package book

import (
	"strconv"
	"strings"

	"catalog/internal/layout"
	"catalog/internal/model"
	"catalog/internal/pdfdraw"
	"catalog/internal/words"
)

func plain(s string) []layout.Run { return []layout.Run{{Text: s}} }

// tocLine is the height of one line of the contents.
var tocLine = lineHeight(bodySize)

const tocNumW = 14.0 // the page number column

// reserveContents lays the contents out before anything else is drawn (its
// entries are known: the chapters and practices, the indexes), adds the
// pages it needs and returns their number; contents draws it at the end.
func (b *book) reserveContents(chapters []chapter) int {
	add := func(level int, text string, anchor int) {
		b.tocOf[anchor] = append(b.tocOf[anchor], len(b.toc))
		b.toc = append(b.toc, tocEntry{level: level, text: text, anchor: anchor})
	}
	if len(b.acronyms) > 0 {
		add(0, b.word("acronyms"), b.d.NewAnchor())
	}
	if len(b.cat.Intro[b.lang]) > 0 {
		add(0, b.word("intro"), b.d.NewAnchor())
	}
	for _, ch := range chapters {
		add(0, ch.title, b.d.NewAnchor())
		for _, x := range ch.practices {
			add(1, x.In(b.lang).Title, b.anchors[x.ID])
		}
	}
	add(0, b.word("index_by_theme"), b.d.NewAnchor())
	add(0, b.word("index_by_country"), b.d.NewAnchor())
	add(0, b.word("exchange_table"), b.d.NewAnchor())
	// Simulate contents() exactly: an entry that does not fit goes to the
	// next page whole.
	pages, y := 1, top+lineHeight(18)+6
	for _, e := range b.toc {
		h := float64(b.tocLines(e)) * tocLine
		if e.level == 0 {
			h += 2
		}
		if y+h > bottom {
			pages++
			y = top
		}
		y += h
	}
	b.chapter = b.word("contents")
	// The contents are drawn last, in the place they have in the tree.
	b.reserved = b.d.Reserve(pdfdraw.Tag{Role: "Sect"})
	for range pages {
		b.newPage()
	}
	return pages
}

func (b *book) tocIndent(e tocEntry) float64 { return float64(e.level) * 6 }

func (b *book) tocLines(e tocEntry) int {
	w := textW - b.tocIndent(e) - tocNumW
	st := layout.Style(0)
	if e.level == 0 {
		st = layout.Bold
	}
	return max(1, len(layout.Break([]layout.Run{{Text: e.text, Style: st}}, w, bodySize, b.measure)))
}

// contents draws the reserved contents pages, now that every entry's
// page is known.
func (b *book) contents(start, pages int) {
	b.d.Within(b.reserved, func() { b.drawContents(start) })
	b.d.Release(b.reserved)
}

// drawContents draws the contents from page start: a TOC with an entry
// (TOCI) a chapter, and the practices of each in a TOC of their own.
func (b *book) drawContents(start int) {
	b.d.SetPage(start)
	b.y = top
	b.tag("H1", func() { b.text(plain(b.word("contents")), marginL, textW, 18, layout.Bold, brand) })
	b.y += 6
	page := start
	b.d.Begin(pdfdraw.Tag{Role: "TOC"})
	nested := false
	for _, e := range b.toc {
		if e.level > 0 && !nested {
			b.d.Begin(pdfdraw.Tag{Role: "TOC"})
		} else if e.level == 0 && nested {
			b.d.End()
		}
		nested = e.level > 0
		n := b.tocLines(e)
		h := float64(n) * tocLine
		if e.level == 0 {
			h += 2
		}
		if b.y+h > bottom {
			page++
			b.d.SetPage(page)
			b.y = top
		}
		if e.level == 0 {
			b.y += 2
		}
		x := marginL + b.tocIndent(e)
		st := layout.Style(0)
		if e.level == 0 {
			st = layout.Bold
		}
		y0 := b.y
		lines := layout.Break([]layout.Run{{Text: e.text, Style: st}}, textW-b.tocIndent(e)-tocNumW, bodySize, b.measure)
		b.tag("TOCI", func() {
			b.tag("Link", func() {
				for _, ln := range lines {
					b.line(ln, x, b.y, bodySize, ink)
					b.y += tocLine
				}
				b.leaders(x+lines[len(lines)-1].Width, b.y-tocLine, bodySize, fontOf(st), strconv.Itoa(e.page), ink)
				b.d.LinkAnchor(x, y0, pageW-marginR-x, b.y-y0, e.anchor)
			})
		})
	}
	if nested {
		b.d.End()
	}
	b.d.End()
}

// section starts a part of the book (intro, index) on a new page, with
// its heading, bookmark and contents entry.
func (b *book) section(title string, level int) {
	b.chapter = title
	b.newPage()
	b.mark(title, level)
	b.tag(headingRole(level+1), func() { b.text(plain(title), marginL, textW, 18, layout.Bold, brand) })
	b.y += 4
}

// mark places the contents entry titled so, and its bookmark, here.
func (b *book) mark(title string, level int) {
	for i := range b.toc {
		if b.toc[i].text == title && b.toc[i].page == 0 && b.toc[i].level == level {
			b.toc[i].page = b.d.Page()
			b.d.PlaceAnchor(b.toc[i].anchor, b.d.Page(), b.y)
			break
		}
	}
	b.d.Bookmark(title, level, b.y)
}

// practice draws one practice from a new page.
func (b *book) practice(x *model.Practice, ch chapter, first bool) {
	t := x.In(b.lang)
	b.newPage()
	if first {
		b.mark(ch.title, 0)
		b.d.Rect(marginL, b.y, textW, 12, &paleBg, nil, 0)
		b.tag("H1", func() { b.d.Text(marginL+3, b.y+8.2, ch.title, pdfdraw.Bold, 14, brand) })
		b.y += 18
	}
	b.d.Begin(b.sectTag(t.Lang))
	defer b.d.End()
	b.pageOf[x.ID] = b.d.Page()
	anchor := b.anchors[x.ID]
	b.d.PlaceAnchor(anchor, b.d.Page(), b.y)
	for _, i := range b.tocOf[anchor] {
		b.toc[i].page = b.d.Page()
	}
	b.d.Bookmark(t.Title, 1, b.y)
	names := b.countryNames(x.Countries)
	b.text(plain(strings.Join(names, ", ")+" · "+b.word("level."+x.Level)), marginL, textW, smallSize, 0, muted)
	b.y += 1
	b.tag("H2", func() { b.text(plain(t.Title), marginL, textW, 17, layout.Bold, brand) })
	b.y += 3
	b.text(plain(t.Summary), marginL, textW, 10.5, layout.Italic, ink)
	b.y += 4
	b.facts(x, t, names)
	b.y += 4
	if b.adaptation(x, t) {
		b.y += 4
	}
	b.headingBase = 1 // the body's sections are under the practice's H2
	b.body(t.Body)
	b.headingBase = 0
	b.sources(x)
}

// body draws a Markdown body, its footnote references linked to its notes.
func (b *book) body(src []byte) {
	b.footnotes = map[string]int{}
	blocks := layout.Lower(src, layout.LowerOptions{Link: b.linker(), PrintURLs: true})
	for _, bl := range blocks {
		if fn, ok := bl.(layout.Footnotes); ok {
			for _, item := range fn.Items {
				b.footnotes["#fn:"+strconv.Itoa(item.N)] = b.d.NewAnchor()
			}
		}
	}
	b.blocks(blocks, marginL, textW, 2)
}

// fact is one row of a practice's box of facts.
type fact struct {
	label string
	value []layout.Run
}

// facts draws the box of a practice's facts, a row at a time, so that a
// long box may continue on the next page. countries are the names of the
// practice's countries, sorted.
func (b *book) facts(x *model.Practice, t *model.Text, countries []string) {
	var rows []fact
	add := func(key string, runs []layout.Run) {
		if len(runs) > 0 {
			rows = append(rows, fact{b.word(key), runs})
		}
	}
	join := func(items []string) []layout.Run {
		if len(items) == 0 {
			return nil
		}
		return plain(strings.Join(items, ", "))
	}
	add("countries", join(countries))
	add("scope", plain(b.word("scope."+x.Scope)))
	inst := func(list []model.Institution) []layout.Run {
		var out []layout.Run
		for i, in := range list {
			if i > 0 {
				out = append(out, layout.Run{Text: "\n"})
			}
			name := in.Name
			if in.Acronym != "" {
				name += " (" + in.Acronym + ")"
			}
			out = append(out, layout.Run{Text: name})
		}
		return out
	}
	add("institutions", inst(t.Institutions))
	add("partners", inst(t.Partners))
	var themes []string
	for _, th := range x.Themes {
		themes = append(themes, b.label(&b.cfg.Themes, th)+" ("+b.label(&b.cfg.Pillars, b.pillarOf(th))+")")
	}
	add("themes", join(themes))
	var groups, forms []string
	for _, g := range x.TargetGroups {
		groups = append(groups, b.label(&b.cfg.TargetGroups, g))
	}
	for _, f := range x.ExploitationForms {
		forms = append(forms, b.label(&b.cfg.ExploitationForms, f))
	}
	add("target_groups", join(groups))
	add("exploitation_forms", join(forms))
	add("period", plain(words.Text(b.words.Period(b.lang, x.Period))))
	add("status", plain(b.word("status."+x.Status)))
	add("level", plain(b.word("level."+x.Level)))
	var crit []layout.Run
	for i, c := range t.Criteria {
		if i > 0 {
			crit = append(crit, layout.Run{Text: "\n"})
		}
		crit = append(crit, layout.Run{Text: b.label(&b.cfg.Criteria, c.Criterion) + ": ", Style: layout.Bold}, layout.Run{Text: b.word("rating." + c.Rating)})
		if c.Note != "" {
			crit = append(crit, layout.Run{Text: ". " + c.Note})
		}
	}
	add("criteria", crit)
	exchanges := t.Exchanges
	if len(exchanges) == 0 && x.Source != nil {
		exchanges = x.Source.Exchanges
	}
	var ex []layout.Run
	for i, e := range exchanges {
		if i > 0 {
			ex = append(ex, layout.Run{Text: "\n"})
		}
		ex = append(ex, b.exchangeRuns(e)...)
	}
	add("exchanges_of_practice", ex)
	var rel []layout.Run
	seen := map[string]bool{}
	for _, id := range append(append([]string{}, x.Related...), x.RelatedBy...) {
		q := b.cat.Practice(id)
		if q == nil || q.Restricted() || seen[id] {
			continue
		}
		seen[id] = true
		if len(rel) > 0 {
			rel = append(rel, layout.Run{Text: "\n"})
		}
		rel = append(rel, b.practiceLink(q))
	}
	add("related", rel)
	if c := t.Contact; c != nil {
		s := c.Institution
		if c.Role != "" {
			s += ", " + c.Role
		}
		runs := plain(s)
		if c.URL != "" {
			runs = append(runs, layout.Run{Text: "\n"}, layout.Run{Text: c.URL, Link: c.URL})
		}
		if c.Email != "" {
			runs = append(runs, layout.Run{Text: "\n"}, layout.Run{Text: c.Email, Link: "mailto:" + c.Email})
		}
		add("contact", runs)
	}
	add("last_reviewed", plain(b.words.Date(b.lang, t.LastReviewed)))

	b.factRows(rows)
}

// factRows draws rows of facts as a tinted box, a row at a time, so that
// a long box may continue on the next page.
func (b *book) factRows(rows []fact) {
	const labelW, pad = 40.0, 2.5
	valueW := textW - labelW - 2*pad
	size := 9.5
	lh := lineHeight(size)
	// A table of a row each, the label its header.
	b.d.Begin(pdfdraw.Tag{Role: "Table"})
	defer b.d.End()
	for _, r := range rows {
		lines := layout.Break(r.value, valueW, size, b.measure)
		label := layout.Break([]layout.Run{{Text: r.label, Style: layout.Bold}}, labelW-pad, size, b.measure)
		n := max(len(lines), len(label))
		b.d.Begin(pdfdraw.Tag{Role: "TR"})
		th := b.d.Reserve(pdfdraw.Tag{Role: "TH", Scope: "Row"})
		td := b.d.Reserve(pdfdraw.Tag{Role: "TD"})
		// A row taller than a page goes on over the next, a part a page.
		b.box(n, lh, 0.75, bottom-top, func(from, to int) {
			h := float64(to-from)*lh + 1.5
			b.d.Rect(marginL, b.y, textW, h, &tint, nil, 0)
			y := b.y + 0.75
			b.d.Within(th, func() {
				for i := from; i < min(to, len(label)); i++ {
					b.line(label[i], marginL+pad, y+float64(i-from)*lh, size, ink)
				}
			})
			b.d.Within(td, func() {
				b.carryLinks(func() {
					for i := from; i < min(to, len(lines)); i++ {
						b.line(lines[i], marginL+pad+labelW, y+float64(i-from)*lh, size, ink)
					}
				})
			})
			b.y += h
		}, func() {})
		b.d.Release(th)
		b.d.Release(td)
		b.d.End()
	}
}

func (b *book) pillarOf(theme string) string {
	if t := b.cfg.Themes.Term(theme); t != nil {
		return t.Pillar
	}
	return ""
}

// sources draws a practice's numbered sources.
func (b *book) sources(x *model.Practice) {
	t := x.In(b.lang)
	b.y += 3
	b.need(lineHeight(12) + 2*lineHeight(smallSize))
	b.tag("H3", func() { b.text(plain(b.word("sources")), marginL, textW, 12, layout.Bold, brand) })
	b.y += 1
	b.d.Begin(pdfdraw.Tag{Role: "L"})
	defer b.d.End()
	for i, s := range x.Sources {
		runs := []layout.Run{{Text: s.Title, Lang: b.docLang(s, t.Lang)}}
		if s.Publisher != "" {
			runs = append(runs, layout.Run{Text: ". " + s.Publisher})
		}
		if s.Year != 0 {
			runs = append(runs, layout.Run{Text: ", " + strconv.Itoa(s.Year)})
		}
		runs = append(runs, layout.Run{Text: "."})
		if s.URL != "" && strings.HasPrefix(s.URL, "http") {
			runs = append(runs, layout.Run{Text: " " + s.URL, Link: s.URL})
		}
		num := strconv.Itoa(i+1) + "."
		b.need(lineHeight(smallSize))
		b.tag("LI", func() {
			b.tag("Lbl", func() { b.d.Text(marginL, b.y+lineHeight(smallSize)*0.74, num, pdfdraw.Regular, smallSize, muted) })
			b.tag("LBody", func() { b.text(runs, marginL+7, textW-7, smallSize, 0, ink) })
		})
		b.y += 0.8
	}
}
