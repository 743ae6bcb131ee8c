package book

import (
	"bytes"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"

	"catalog/internal/collation"
	"catalog/internal/country"
	"catalog/internal/layout"
	"catalog/internal/model"
	"catalog/internal/output"
	"catalog/internal/pdfdraw"
	"catalog/internal/words"
)

// Dossier is what a dossier for a visiting delegation holds: practices in
// full, each with a feasibility worksheet at the end, and for a country's
// dossier the regional practices it takes part in and its exchanges.
type Dossier struct {
	// Host is the country the dossier presents (on its cover), "" for
	// none.
	Host string
	// Visitors are the visiting countries that the worksheets ask about
	// ("Does Honduras have…?"); none: "your country".
	Visitors []string
	// Practices are drawn in full, in this order, each with a worksheet.
	Practices []*model.Practice
	// Regional are drawn in summary: the regional practices Host takes
	// part in.
	Regional []*model.Practice
	// Exchanges says the dossier has the section of Host's exchanges,
	// received and sent (a country's dossier).
	Exchanges bool
}

// DossierName is the site path of a country's dossier in a language:
// beside the country's page.
func DossierName(lang, cc string) string {
	return lang + "/countries/" + strings.ToLower(cc) + "/dossier.pdf"
}

// DossierCountries lists the countries that get a dossier: those that
// have a page on the site (a public practice, or a visit to one), by code.
func DossierCountries(cat *model.Catalog) []string {
	cat = cat.Public()
	set := map[string]bool{}
	for cc := range cat.ByCountry {
		set[cc] = true
	}
	for _, ev := range cat.Exchanges {
		set[ev.Visitor] = true
	}
	var out []string
	for cc := range set {
		if country.Name(cc, "en") != "" {
			out = append(out, cc)
		}
	}
	slices.Sort(out)
	return out
}

// CountryDossier is the dossier of country cc in lang: its own public
// practices (all but the regional ones) and the regional practices it
// takes part in, each sorted by title, and its exchanges.
func CountryDossier(cat *model.Catalog, cc, lang string) Dossier {
	cat = cat.Public()
	d := Dossier{Host: cc, Exchanges: true}
	for _, x := range cat.ByCountry[cc] {
		if x.Scope == "regional" {
			d.Regional = append(d.Regional, x)
		} else {
			d.Practices = append(d.Practices, x)
		}
	}
	title := func(x *model.Practice) string { return x.In(lang).Title }
	d.Practices = collation.Sort(lang, d.Practices, title)
	d.Regional = collation.Sort(lang, d.Regional, title)
	return d
}

// WriteDossiers writes every country's dossier (DossierCountries) in every
// language of the catalog, the languages in parallel.
func WriteDossiers(cat *model.Catalog, opt Options, out output.Writer) error {
	cat = cat.Public()
	w, err := words.Load(opt.Templates, cat.Config.Languages)
	if err != nil {
		return err
	}
	codes := DossierCountries(cat)
	return eachLanguage(cat.Config.Languages, func(lang string) error {
		for _, cc := range codes {
			name := DossierName(lang, cc)
			var buf bytes.Buffer
			if err := RenderDossier(cat, lang, opt, w, CountryDossier(cat, cc, lang), &buf); err != nil {
				return fmt.Errorf("%s: %w", name, err)
			}
			if err := out.Write(name, buf.Bytes()); err != nil {
				return err
			}
		}
		return nil
	})
}

// RenderDossier draws a dossier in lang into out. Restricted practices
// are left out, wherever they are named.
func RenderDossier(cat *model.Catalog, lang string, opt Options, w *words.Words, ds Dossier, out io.Writer) error {
	cat = cat.Public()
	public := func(list []*model.Practice) []*model.Practice {
		var keep []*model.Practice
		for _, x := range list {
			if x == nil {
				continue
			}
			if q := cat.Practice(x.ID); q != nil && !slices.Contains(keep, q) {
				keep = append(keep, q)
			}
		}
		return keep
	}
	ds.Practices, ds.Regional = public(ds.Practices), public(ds.Regional)
	cfg := cat.Config
	b := newBook(cat, lang, w, opt)
	title := b.word("dossier")
	if ds.Host != "" {
		title += ": " + b.country(ds.Host)
	}
	d, err := b.open(out, title, cfg.Title.In(lang, cfg.DefaultLanguage()), b.dossierKeywords(ds))
	if err != nil {
		return err
	}
	// Only the practices drawn in full are link targets: a link to any
	// other keeps its text alone (see linker).
	for _, x := range ds.Practices {
		b.anchors[x.ID] = d.NewAnchor()
	}

	b.dossierCover(ds)
	contentsY := b.y
	// The cover's contents are drawn last, in their place in the tree.
	b.reserved = b.d.Reserve(pdfdraw.Tag{Role: "Sect"})
	var contents []contentsEntry
	if len(ds.Practices) > 0 {
		ch := chapter{title: b.word("practices")}
		if ds.Host != "" {
			ch.title = fmt.Sprintf(b.word("dossier_practices_of"), b.country(ds.Host))
		}
		b.chapter = ch.title
		for i, x := range ds.Practices {
			b.practice(x, ch, i == 0)
			contents = append(contents, contentsEntry{text: x.In(lang).Title, page: b.pageOf[x.ID], anchor: b.anchors[x.ID]})
		}
	}
	if len(ds.Regional) > 0 {
		page := b.d.Pages() + 1
		b.regional(ds)
		contents = append(contents, b.at(b.count("dossier_regional_count", len(ds.Regional)), page))
	}
	if ds.Exchanges && ds.Host != "" {
		page := b.d.Pages() + 1
		b.dossierExchanges(ds.Host)
		contents = append(contents, b.at(b.word("exchanges"), page))
	}
	b.chapter = b.word("worksheets")
	for i, x := range ds.Practices {
		page := b.d.Pages() + 1
		b.worksheet(x, ds.Visitors, i == 0)
		if i == 0 {
			contents = append(contents, b.at(b.count("dossier_worksheet_count", len(ds.Practices)), page))
		}
	}
	b.chapter = ""
	b.d.Within(b.reserved, func() { b.coverContents(contentsY, contents, len(ds.Practices)) })
	b.d.Release(b.reserved)
	b.frame()
	if err := d.Err(); err != nil {
		return err
	}
	return d.Output(nil)
}

func (b *book) dossierKeywords(ds Dossier) string {
	var kw []string
	if ds.Host != "" {
		kw = append(kw, b.country(ds.Host))
	}
	for _, x := range ds.Practices {
		kw = append(kw, x.In(b.lang).Title)
	}
	return strings.Join(kw, ", ")
}

// countryList names the countries, sorted by name, joined with sep.
func (b *book) countryList(codes []string, sep string) string {
	var names []string
	for _, cc := range collation.Sort(b.lang, slices.Clone(codes), b.country) {
		names = append(names, b.country(cc))
	}
	return strings.Join(names, sep)
}

// countryPhrase names the countries, sorted by name, as a phrase:
// "Honduras", "Honduras y Panamá", "Belice, Honduras y Panamá", with the
// conjunction of key ("and", "or").
func (b *book) countryPhrase(codes []string, key string) string {
	names := strings.Split(b.countryList(codes, "\x00"), "\x00")
	if len(names) < 2 {
		return strings.Join(names, "")
	}
	return strings.Join(names[:len(names)-1], ", ") + " " + b.word(key) + " " + names[len(names)-1]
}

// dossierCover draws the first page: the band with "Dossier for a
// delegation" and the country, the visitors, then the catalog's title,
// the edition's date and the language.
func (b *book) dossierCover(ds Dossier) {
	b.newPage()
	b.d.Bookmark(b.word("dossier_cover"), 0, 0)
	b.d.Rect(0, 0, pageW, 150, &brand, nil, 0)
	cfg, def := b.cfg, b.cfg.DefaultLanguage()
	b.y = 48
	b.text(plain(b.word("dossier")), marginL, textW, 13, layout.Bold, paleBg)
	b.y += 4
	name := b.word("practices")
	if ds.Host != "" {
		name = b.country(ds.Host)
	}
	b.tag("H1", func() { b.text(plain(name), marginL, textW, 30, layout.Bold, white) })
	if len(ds.Visitors) > 0 {
		b.y += 4
		b.text(plain(fmt.Sprintf(b.word("dossier_visitors"), b.countryPhrase(ds.Visitors, "dossier_and"))), marginL, textW, 14, 0, white)
	}
	b.y += 8
	b.d.Line(marginL, b.y, marginL+40, b.y, 0.6, paleBg)
	if len(ds.Practices) > 0 {
		b.y += 6
		b.text(plain(b.count("dossier_count", len(ds.Practices))), marginL, textW, 11, 0, white)
	}

	b.y = 165
	b.text(plain(cfg.Title.In(b.lang, def)), marginL, textW, 14, layout.Bold, ink)
	if s := cfg.Subtitle.In(b.lang, def); s != "" {
		b.y += 1
		b.text(plain(s), marginL, textW, 11, 0, muted)
	}
	b.y += 6
	b.text(plain(cfg.Publisher.In(b.lang, def)), marginL, textW, 11, layout.Bold, ink)
	if !b.opt.Date.IsZero() {
		b.y += 1
		b.text(plain(fmt.Sprintf(b.word("edition"), b.words.Date(b.lang, b.opt.Date.UTC()))), marginL, textW, 10.5, 0, muted)
	}
	b.y += 1
	b.text(plain(fmt.Sprintf(b.word("dossier_language"), b.word("language_name"))), marginL, textW, 10.5, 0, muted)

	// What the dossier holds is drawn below at the end (coverContents),
	// when the pages are known.
	b.y += 10
}

// contentsEntry is a line of the cover's contents: a practice or a
// section, its page and the anchor it links to.
type contentsEntry struct {
	text   string
	page   int
	anchor int
}

// at makes an anchor at the top of page, for the cover's contents.
func (b *book) at(text string, page int) contentsEntry {
	a := b.d.NewAnchor()
	b.d.PlaceAnchor(a, page, top)
	return contentsEntry{text: text, page: page, anchor: a}
}

// coverContents draws the dossier's contents on the cover, from y: a line
// an entry, dot leaders to its page on the right, clickable; as many as fit, then a line
// that says how many more practices there are.
func (b *book) coverContents(y float64, entries []contentsEntry, practices int) {
	const size = 9.5
	lh := lineHeight(size)
	b.d.SetPage(1)
	b.y = y
	b.tag("H2", func() { b.text(plain(b.word("dossier_holds")), marginL, textW, 10, layout.Bold, brand) })
	b.y += 1
	b.d.Begin(pdfdraw.Tag{Role: "TOC"})
	defer b.d.End()
	fit := max(1, int((bottom-b.y)/lh))
	if len(entries) > fit {
		// Practices are left out, the sections kept.
		drop := min(practices, len(entries)-fit+1)
		rest := slices.Clone(entries[:practices-drop])
		rest = append(rest, contentsEntry{text: b.count("dossier_more", drop)})
		entries = append(rest, entries[practices:]...)
	}
	for _, e := range entries {
		text := e.text
		w := textW - 5 - tocNumW
		if b.d.Measure(text, pdfdraw.Regular, size) > w { // one line each: cut
			r := []rune(text)
			for len(r) > 1 && b.d.Measure(string(r)+"…", pdfdraw.Regular, size) > w {
				r = r[:len(r)-1]
			}
			text = strings.TrimSpace(string(r)) + "…"
		}
		base := b.y + lh*0.74
		b.d.Artifact(func() { b.d.Text(marginL+1, base, "•", pdfdraw.Regular, size, muted) })
		b.tag("TOCI", func() {
			if e.page == 0 {
				b.d.Text(marginL+5, base, text, pdfdraw.Regular, size, ink)
				return
			}
			b.tag("Link", func() {
				b.d.Text(marginL+5, base, text, pdfdraw.Regular, size, ink)
				b.leaders(marginL+5+b.d.Measure(text, pdfdraw.Regular, size), b.y, size, pdfdraw.Regular, strconv.Itoa(e.page), ink)
				b.d.LinkAnchor(marginL+5, b.y, textW-5, lh, e.anchor)
			})
		})
		b.y += lh
	}
}

// count is the words for key with the number n: key_one when n is 1
// and the language has it, as the site's pages count.
func (b *book) count(key string, n int) string {
	if w, ok := b.words.Lookup(b.lang, key+"_one"); n == 1 && ok {
		return w
	}
	if w, ok := b.words.Lookup("en", key+"_one"); n == 1 && ok && !b.words.Own(b.lang) {
		return w
	}
	return fmt.Sprintf(b.word(key), n)
}

// bullet draws a line of a list with a bullet.
func (b *book) bullet(runs []layout.Run, size float64) {
	b.need(lineHeight(size))
	b.d.Artifact(func() { b.d.Text(marginL+1, b.y+lineHeight(size)*0.74, "•", pdfdraw.Regular, size, muted) })
	b.text(runs, marginL+5, textW-5, size, 0, ink)
}

// siteURL is the address of a practice's page on the published site, or
// "" when catalog.yaml gives no base_url.
func (b *book) siteURL(id string) string {
	if b.cfg.BaseURL == "" {
		return ""
	}
	return strings.TrimSuffix(b.cfg.BaseURL, "/") + "/" + b.lang + "/practices/" + id + "/"
}

// regional lists the regional practices the host takes part in: title,
// countries, summary and the address of its page.
func (b *book) regional(ds Dossier) {
	b.section(b.word("regional_practices"), 0)
	b.text(plain(fmt.Sprintf(b.word("dossier_regional_intro"), b.country(ds.Host))), marginL, textW, bodySize, layout.Italic, muted)
	b.y += 4
	for _, x := range ds.Regional {
		t := x.In(b.lang)
		b.need(lineHeight(12) + lineHeight(smallSize) + 3*lineHeight(9.5))
		b.tag("H2", func() { b.text(plain(t.Title), marginL, textW, 12, layout.Bold, brand) })
		b.y += 0.5
		b.text(plain(b.countryList(x.Countries, ", ")), marginL, textW, smallSize, 0, muted)
		b.y += 1
		b.text(plain(t.Summary), marginL, textW, 9.5, 0, ink)
		if u := b.siteURL(x.ID); u != "" {
			b.y += 0.5
			b.text([]layout.Run{{Text: u, Link: u}}, marginL, textW, smallSize, 0, ink)
		}
		b.y += 5
	}
}

// dossierExchanges lists the visits made to the host's practices and those
// its institutions made, with what came of each.
func (b *book) dossierExchanges(cc string) {
	b.section(b.word("exchanges"), 0)
	type visit struct {
		ev       model.ExchangeVisit
		visitors []string
	}
	var received, sent []visit
	seen := map[string]int{}
	for _, ev := range b.cat.Exchanges {
		if ev.Visitor == cc {
			sent = append(sent, visit{ev: ev, visitors: []string{ev.Visitor}})
		}
		if slices.Contains(ev.Hosts, cc) {
			// One entry per visit, all its visitors together.
			key := ev.Practice.ID + "#" + strconv.Itoa(ev.Exchange)
			if i, ok := seen[key]; ok {
				received[i].visitors = append(received[i].visitors, ev.Visitor)
				continue
			}
			seen[key] = len(received)
			received = append(received, visit{ev: ev, visitors: []string{ev.Visitor}})
		}
	}
	if len(received) == 0 && len(sent) == 0 {
		b.text(plain(b.word("exchanges_none")), marginL, textW, bodySize, 0, ink)
		return
	}
	group := func(title string, list []visit, host bool) {
		if len(list) == 0 {
			return
		}
		b.need(lineHeight(12) + 4*lineHeight(9.5))
		b.y += 2
		b.tag("H2", func() { b.text(plain(title), marginL, textW, 12, layout.Bold, brand) })
		b.y += 2
		for _, v := range list {
			countries := b.countryList(v.visitors, ", ")
			if !host {
				countries = b.countryList(v.ev.Practice.Countries, ", ")
			}
			b.exchange(v.ev, countries)
		}
	}
	group(b.word("exchanges_received"), received, true)
	group(b.word("exchanges_sent"), sent, false)
}

// exchange draws one visit: year, kind and the other countries; the
// practice (with its page when the dossier has it); the institutions; the
// outcome and its note.
func (b *book) exchange(ev model.ExchangeVisit, countries string) {
	t := ev.Practice.In(b.lang)
	var ex model.Exchange
	switch {
	case ev.Exchange < len(t.Exchanges):
		ex = t.Exchanges[ev.Exchange]
	case ev.Practice.Source != nil && ev.Exchange < len(ev.Practice.Source.Exchanges):
		ex = ev.Practice.Source.Exchanges[ev.Exchange]
	}
	const size = 9.5
	type part struct {
		runs  []layout.Run
		size  float64
		base  layout.Style
		color pdfdraw.Color
	}
	head := fmt.Sprintf("%d · %s · %s", ev.Year, b.word("kind."+ev.Kind), countries)
	parts := []part{{plain(head), 10.5, layout.Bold, ink}}
	row := func(label string, value []layout.Run) {
		runs := append([]layout.Run{{Text: label + ": ", Style: layout.Bold}}, value...)
		parts = append(parts, part{runs, size, 0, ink})
	}
	practice := []layout.Run{{Text: t.Title}}
	if _, ok := b.anchors[ev.Practice.ID]; ok {
		practice[0].Link = "#practice:" + ev.Practice.ID
		practice = append(practice, layout.Run{Text: " (" + fmt.Sprintf(b.word("page_short"), b.pageOf[ev.Practice.ID]) + ")"})
	} else if u := b.siteURL(ev.Practice.ID); u != "" { // another country's: its page on the site
		practice[0].Link = u
	}
	row(b.word("practice"), practice)
	if len(ex.Institutions) > 0 {
		row(b.word("institutions"), plain(strings.Join(ex.Institutions, "; ")))
	}
	value := plain(b.outcome(ex))
	if ex.OutcomeNote != "" {
		value = append(value, layout.Run{Text: ". " + ex.OutcomeNote})
	}
	row(b.word("outcome"), value)
	if ex.Note != "" {
		parts = append(parts, part{[]layout.Run{{Text: ex.Note, Style: layout.Italic}}, size, 0, muted})
	}
	// The entry goes whole to the next page when it does not fit on this
	// one (unless it is longer than a page).
	h := 0.0
	for _, p := range parts {
		h += float64(len(layout.Break(p.runs, textW-3, p.size, b.measure))) * lineHeight(p.size)
	}
	b.need(min(h, bottom-top))
	y0, page := b.y, b.d.Page()
	for i, p := range parts {
		if i == 0 { // the visit's heading
			b.tag("H3", func() { b.text(p.runs, marginL+3, textW-3, p.size, p.base, p.color) })
			continue
		}
		b.text(p.runs, marginL+3, textW-3, p.size, p.base, p.color)
	}
	if b.d.Page() == page { // a bar beside the entry, when it is on one page
		b.d.Line(marginL+0.6, y0+0.5, marginL+0.6, b.y-0.5, 0.8, rule)
	}
	b.y += 4
}

// Worksheet geometry, in millimetres: the gap between ruled lines (room
// for handwriting) and the side of a box to tick.
const (
	ruleGap = 8.5
	tickBox = 4.5
)

// ruled draws n ruled lines for handwriting from b.y, from x to the right
// margin.
func (b *book) ruled(n int, x float64) {
	for range n {
		b.y += ruleGap
		b.d.Line(x, b.y, pageW-marginR, b.y, 0.3, muted)
	}
	b.y += 2
}

// worksheet draws a practice's feasibility worksheet, one page for a
// visiting team to fill in by hand: whether their country has what the
// practice requires, with room for notes; the cost; who runs it; the
// contact; the sources.
func (b *book) worksheet(x *model.Practice, visitors []string, first bool) {
	t := x.In(b.lang)
	b.newPage()
	if first {
		b.d.Bookmark(b.word("worksheets"), 0, b.y)
	}
	b.d.Bookmark(t.Title, 1, b.y)
	b.text(plain(b.word("worksheet")), marginL, textW, 10, layout.Bold, muted)
	b.y += 0.5
	// A worksheet is a part of its own: its title an H1.
	b.tag("H1", func() { b.text(plain(t.Title), marginL, textW, 15, layout.Bold, brand) })
	b.y += 0.5
	ref := b.countryList(x.Countries, ", ")
	if p := b.pageOf[x.ID]; p > 0 {
		ref += " · " + fmt.Sprintf(b.word("dossier_see_page"), p)
	}
	b.text(plain(ref), marginL, textW, smallSize, 0, muted)

	// Who fills it in, and when.
	b.y += 3
	const size = 9.5
	lh := lineHeight(size)
	half := (textW - 8) / 2
	for i, key := range []string{"worksheet_team", "worksheet_date"} {
		x0 := marginL + float64(i)*(half+8)
		label := b.word(key) + ":"
		lw := b.d.Measure(label, pdfdraw.Bold, size)
		b.tag("P", func() { b.d.Text(x0, b.y+ruleGap-1.2, label, pdfdraw.Bold, size, ink) })
		b.d.Line(x0+lw+2, b.y+ruleGap, x0+half, b.y+ruleGap, 0.3, muted)
	}
	b.y += ruleGap + 5

	facts := b.worksheetFacts(x, t)
	factsH := 0.0
	for _, r := range facts {
		factsH += float64(len(layout.Break(r, textW, size, b.measure)))*lh + 1
	}
	if a := t.Adaptation; a != nil && a.Note != "" {
		factsH += float64(len(layout.Break(plain(a.Note), textW, size, b.measure)))*lh + 2
	}
	const notesMin = lineHeight12 + 2*ruleGap + 4 // the heading and two lines
	room := bottom - b.y - factsH - notesMin - lineHeight(11) - 6

	who := b.word("worksheet_your_country")
	if len(visitors) > 0 {
		who = b.countryPhrase(visitors, "worksheet_or")
	}
	b.tag("H2", func() {
		b.text(plain(fmt.Sprintf(b.word("worksheet_exists"), who)), marginL, textW, 11, layout.Bold, brand)
	})
	b.y += 2
	var requires []string
	if t.Adaptation != nil {
		requires = t.Adaptation.Requires
	}
	if len(requires) == 0 {
		b.text(plain(b.word("worksheet_not_recorded")), marginL, textW, size, layout.Italic, muted)
		b.ruled(3, marginL)
	} else {
		// As many lines for notes under each as the page has room for,
		// one to three.
		rowH := lineHeight(10.5) + 2
		lines := int((room - float64(len(requires))*(rowH+2)) / (float64(len(requires)) * ruleGap))
		lines = max(1, min(3, lines))
		for _, code := range requires {
			b.need(rowH + ruleGap)
			b.d.Rect(marginL, b.y+0.4, tickBox, tickBox, nil, &ink, 0.35)
			b.text(plain(b.label(&b.cfg.Requirements, code)), marginL+tickBox+3, textW-tickBox-3, 10.5, layout.Bold, ink)
			b.y -= 3
			b.ruled(lines, marginL+tickBox+3)
		}
		if a := t.Adaptation; a.Note != "" {
			b.text([]layout.Run{{Text: a.Note, Style: layout.Italic}}, marginL, textW, size, 0, muted)
			b.y += 2
		}
	}

	b.y += 2
	for _, r := range facts {
		b.text(r, marginL, textW, size, 0, ink)
		b.y += 1
	}

	// Free lines to the foot of the page, when there is room for some:
	// the worksheet is one page.
	b.y += 3
	if n := int((bottom - b.y - lineHeight12 - 2) / ruleGap); n >= 1 {
		b.tag("H2", func() { b.text(plain(b.word("worksheet_notes")), marginL, textW, 12, layout.Bold, brand) })
		b.ruled(n, marginL)
	}
}

// lineHeight12 is the height of a line of 12 point type.
const lineHeight12 = 12 * pt * leading

// worksheetFacts are the worksheet's rows after the checklist: the cost,
// the institutions and partners, the contact and the sources.
func (b *book) worksheetFacts(x *model.Practice, t *model.Text) [][]layout.Run {
	var rows [][]layout.Run
	add := func(key string, value string) {
		if value != "" {
			rows = append(rows, []layout.Run{{Text: b.word(key) + ": ", Style: layout.Bold}, {Text: value}})
		}
	}
	cost := "unknown"
	if t.Adaptation != nil && t.Adaptation.Cost != "" {
		cost = t.Adaptation.Cost
	}
	add("worksheet_cost", b.word("cost."+cost))
	names := func(list []model.Institution) string {
		var out []string
		for _, in := range list {
			name := in.Name
			if in.Acronym != "" {
				name += " (" + in.Acronym + ")"
			}
			out = append(out, name)
		}
		return strings.Join(out, "; ")
	}
	add("institutions", names(t.Institutions))
	add("partners", names(t.Partners))
	if c := t.Contact; c != nil {
		s := c.Institution
		if c.Role != "" {
			s += ", " + c.Role
		}
		for _, more := range []string{c.URL, c.Email} {
			if more != "" {
				s += " · " + more
			}
		}
		add("contact", s)
	}
	// The sources a line each, under their label.
	for i, s := range x.Sources {
		var row []layout.Run
		if i == 0 {
			row = []layout.Run{{Text: b.word("sources") + ":", Style: layout.Bold}, {Text: "\n"}}
		}
		rest := ""
		if s.Publisher != "" {
			rest += ". " + s.Publisher
		}
		if s.Year != 0 {
			rest += ", " + strconv.Itoa(s.Year)
		}
		row = append(row, layout.Run{Text: strconv.Itoa(i+1) + ". "}, layout.Run{Text: s.Title, Lang: b.docLang(s, b.lang)})
		if rest != "" {
			row = append(row, layout.Run{Text: rest})
		}
		rows = append(rows, row)
	}
	return rows
}
