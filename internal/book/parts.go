package book

import (
	"fmt"
	"math"
	"strconv"
	"strings"

	"catalog/internal/gate"
	"catalog/internal/layout"
	"catalog/internal/media"
	"catalog/internal/pdfdraw"
)

// The parts of a publication around the practices: the cover, the
// imprint on its back, the chapter openers, and the dot leaders of the
// contents, the chapters' lists and the indexes.

// accent is the cover's second blue, lighter than brand.
var accent = pdfdraw.Color{R: 0x2e, G: 0x6d, B: 0xa4}

// display draws runs as lines of a display size (a cover's title), with
// a leading tighter than the text's, from b.y on the current page, and
// returns the lines drawn.
func (b *book) display(runs []layout.Run, x, width, size, lead float64, color pdfdraw.Color) int {
	lines := layout.Break(runs, width, size, b.measure)
	step := size * pt * lead
	for _, ln := range lines {
		// line puts the baseline at 0.74 of the text's line height.
		b.line(ln, x, b.y+step*0.8-lineHeight(size)*0.74, size, color)
		b.y += step
	}
	return len(lines)
}

// fitSize is the largest size, from size down to least, at which runs
// broken to width take no more than h millimetres at the leading lead.
func (b *book) fitSize(runs []layout.Run, width, size, least, lead, h float64) float64 {
	for ; size > least; size-- {
		if float64(len(layout.Break(runs, width, size, b.measure)))*size*pt*lead <= h {
			break
		}
	}
	return size
}

// edition is the edition's name from catalog.yaml, or "".
func (b *book) edition() string { return b.cfg.Edition.In(b.lang, b.cfg.DefaultLanguage()) }

// date is the build date in words, or "" when the book has none.
func (b *book) date() string {
	if b.opt.Date.IsZero() {
		return ""
	}
	return b.words.Date(b.lang, b.opt.Date.UTC())
}

// cover draws the first page, the whole of it: the publisher at the top,
// the title large, the subtitle, the cover image if catalog.yaml gives
// one, the countries of the practices, then the edition and its date, and the logos on a white band at
// the foot. It has no running header and no page number.
func (b *book) cover() {
	b.newPage()
	cfg, def := b.cfg, b.cfg.DefaultLanguage()
	b.d.Rect(0, 0, pageW, pageH, &brand, nil, 0)
	b.d.Rect(0, 0, 7, pageH, &accent, nil, 0)
	logos := b.logos()
	foot := pageH // where the white band of logos starts
	if len(logos) > 0 {
		foot = pageH - 40
		b.d.Rect(0, foot, pageW, pageH-foot, &white, nil, 0)
		b.d.Rect(0, foot, 7, pageH-foot, &accent, nil, 0)
	}

	// A long title or subtitle is set smaller, so that they keep to
	// their part of the page. Drawn first, as they are read first (the
	// book's H1), though the publisher stands above them.
	b.y = 78
	title := []layout.Run{{Text: cfg.Title.In(b.lang, def), Style: layout.Bold}}
	b.tag("H1", func() { b.display(title, marginL, textW, b.fitSize(title, textW, 30, 16, 1.12, 80), 1.12, white) })
	if s := cfg.Subtitle.In(b.lang, def); s != "" {
		b.y += 7
		b.tag("P", func() {
			b.display(plain(s), marginL, textW*0.9, b.fitSize(plain(s), textW*0.9, 14, 10, 1.3, 30), 1.3, paleBg)
		})
	}
	below := b.y
	b.y = top + 4
	if p := cfg.Publisher.In(b.lang, def); p != "" {
		b.text(plain(p), marginL, textW, 11, layout.Bold, paleBg)
		b.y += 3
	}
	b.d.Line(marginL, b.y, marginL+28, b.y, 1.2, paleBg)
	b.y = below

	// The edition's block stands on the foot of the page (or on the
	// band of logos).
	var lines []string
	switch ed, date := b.edition(), b.date(); {
	case ed != "" && date != "":
		lines = []string{ed, date}
	case ed != "":
		lines = []string{ed}
	case date != "":
		lines = []string{fmt.Sprintf(b.word("edition"), date)}
	}
	edTop := min(foot-12, bottom) - float64(len(lines))*lineHeight(11) - 5 // 1 mm to spare: need breaks the page on a hair

	// The countries of the practices, above the edition.
	low := edTop
	if codes := sortedKeys(b.cat.ByCountry); len(codes) > 0 {
		runs := plain(b.countryList(codes, "\u00a0·  ")) // the dot stays with the name before it
		const size = 10.5
		n := len(layout.Break(runs, textW, size, b.measure))
		y := b.y
		b.y = edTop - 6 - float64(n)*lineHeight(size)
		if b.y > y+10 { // room for them
			low = b.y
			b.text(runs, marginL, textW, size, 0, paleBg)
		}
		b.y = y
	}

	if img := cfg.Book.CoverImage; img != "" {
		imgTop := b.y + 12
		if data, wPx, hPx := b.readImage(img); data != nil {
			w, h := fit(wPx, hPx, textW, low-8-imgTop)
			if w > 20 && h > 20 { // else there is no room worth the name
				b.d.Artifact(func() { _ = b.d.Image(img, data, marginL, imgTop, w, h) }) // a picture, no content
			}
		}
	}

	b.y = edTop
	b.d.Line(marginL, b.y, pageW-marginR, b.y, 0.3, paleBg)
	b.y += 4
	for i, s := range lines {
		st, c := layout.Style(0), paleBg
		if i == 0 {
			st, c = layout.Bold, white
		}
		b.text(plain(s), marginL, textW, 11, st, c)
	}

	if len(logos) > 0 {
		b.drawLogos(logos, foot)
	}
}

// logo is an image read from the catalog's media folder.
type logo struct {
	name     string
	data     []byte
	wPx, hPx int
}

// logos reads catalog.yaml's logos; one that cannot be read is left out.
func (b *book) logos() []logo {
	var out []logo
	for _, name := range b.cfg.Book.Logos {
		if data, w, h := b.readImage(name); data != nil {
			out = append(out, logo{name, data, w, h})
		}
	}
	return out
}

// drawLogos draws the logos in a row on the white band from y, each 14 mm
// high (at most 50 mm wide), the row scaled down to the text's width.
func (b *book) drawLogos(logos []logo, y float64) {
	const h, maxW, gap = 14.0, 50.0, 10.0
	ws := make([]float64, len(logos))
	total := gap * float64(len(logos)-1)
	for i, l := range logos {
		ws[i], _ = fit(l.wPx, l.hPx, maxW, h)
		total += ws[i]
	}
	scale := min(1, textW/total)
	x := marginL
	for i, l := range logos {
		w, lh := fit(l.wPx, l.hPx, ws[i]*scale, h*scale)
		b.d.Artifact(func() { _ = b.d.Image(l.name, l.data, x, y+(40-lh)/2, w, lh) }) // the publisher is named in text
		x += ws[i]*scale + gap*scale
	}
}

// fit sizes an image of wPx by hPx pixels to the largest that fits in w
// by h millimetres.
func fit(wPx, hPx int, w, h float64) (float64, float64) {
	if wPx <= 0 || hPx <= 0 || w <= 0 || h <= 0 {
		return 0, 0
	}
	r := float64(hPx) / float64(wPx)
	if w*r > h {
		return h / r, h
	}
	return w, w * r
}

// readImage reads an image of the catalog's media folder through the
// gate: its data and size in pixels, or no data when it cannot be read
// or is no PNG or JPEG.
func (b *book) readImage(name string) ([]byte, int, int) {
	if b.media == nil || !strings.HasPrefix(name, "media/") {
		return nil, 0, 0
	}
	data, err := b.media.ReadFile(b.media.Path(name), gate.MaxMedia)
	if err != nil {
		return nil, 0, 0
	}
	w, h, _, err := media.ImageSize(data)
	if err != nil || w == 0 || h == 0 {
		return nil, 0, 0
	}
	return data, w, h
}

// imprint draws the back of the cover: the title, © the publisher and
// the year, the edition and its date, the disclaimer and the suggested
// citation, standing on the foot of the page. It has no running header
// and no page number.
func (b *book) imprint() {
	b.newPage()
	b.bare[b.d.Page()] = true
	cfg, def := b.cfg, b.cfg.DefaultLanguage()
	type para struct {
		runs  []layout.Run
		size  float64
		color pdfdraw.Color
		space float64 // before it
	}
	var paras []para
	add := func(runs []layout.Run, size float64, color pdfdraw.Color, space float64) {
		paras = append(paras, para{runs, size, color, space})
	}
	add([]layout.Run{{Text: cfg.Title.In(b.lang, def), Style: layout.Bold}}, 11, brand, 0)
	if s := cfg.Subtitle.In(b.lang, def); s != "" {
		add(plain(s), 9.5, muted, 0.5)
	}
	first := 6.0
	if p := cfg.Publisher.In(b.lang, def); p != "" && !b.opt.Date.IsZero() {
		add(plain(fmt.Sprintf(b.word("imprint_copyright"), p, b.opt.Date.UTC().Year())), 9.5, ink, first)
		first = 0.5
	} else if p != "" {
		add(plain("© "+p), 9.5, ink, first)
		first = 0.5
	}
	switch ed, date := b.edition(), b.date(); {
	case ed != "" && date != "":
		add(plain(fmt.Sprintf(b.word("imprint_edition"), ed, date)), 9.5, ink, first)
	case ed != "":
		add(plain(ed), 9.5, ink, first)
	case date != "":
		add(plain(fmt.Sprintf(b.word("edition"), date)), 9.5, ink, first)
	}
	disclaimer := cfg.Book.Disclaimer.In(b.lang, def)
	if disclaimer == "" {
		disclaimer = b.word("imprint_disclaimer")
	}
	add(plain(disclaimer), 9, muted, 6)
	add([]layout.Run{{Text: b.word("imprint_citation"), Style: layout.Bold}}, 9.5, ink, 6)
	add(b.citation(), 9.5, ink, 0.5)

	h := 0.0
	for _, p := range paras {
		h += p.space + float64(len(layout.Break(p.runs, textW, p.size, b.measure)))*lineHeight(p.size)
	}
	b.y = max(top, bottom-h-1) // 1 mm to spare: need is strict
	b.d.Line(marginL, b.y-4, marginL+28, b.y-4, 0.8, brand)
	for _, p := range paras {
		b.y += p.space
		b.text(p.runs, marginL, textW, p.size, 0, p.color)
	}
}

// citation is the suggested citation: catalog.yaml's, or one made of the
// catalog's fields in the usual style, "Publisher (2026). Title: Subtitle.
// Edition. https://…/es/", the title in italics and the address linked.
func (b *book) citation() []layout.Run {
	cfg, def := b.cfg, b.cfg.DefaultLanguage()
	if c := cfg.Book.Citation.In(b.lang, def); c != "" {
		return plain(c)
	}
	var runs []layout.Run
	year := b.word("citation_no_date")
	if !b.opt.Date.IsZero() {
		year = strconv.Itoa(b.opt.Date.UTC().Year())
	}
	lead := "(" + year + "). "
	if p := cfg.Publisher.In(b.lang, def); p != "" {
		lead = p + " " + lead
	}
	runs = append(runs, layout.Run{Text: lead})
	title := cfg.Title.In(b.lang, def)
	if s := cfg.Subtitle.In(b.lang, def); s != "" {
		title += ": " + s
	}
	runs = append(runs, layout.Run{Text: sentence(title), Style: layout.Italic})
	if ed := b.edition(); ed != "" {
		runs = append(runs, layout.Run{Text: " " + sentence(ed)})
	}
	if cfg.BaseURL != "" {
		u := strings.TrimSuffix(cfg.BaseURL, "/") + "/" + b.lang + "/"
		runs = append(runs, layout.Run{Text: " "}, layout.Run{Text: u, Link: u})
	}
	return runs
}

// sentence ends s with a full stop, unless it ends with a stop already.
func sentence(s string) string {
	if strings.HasSuffix(s, ".") || strings.HasSuffix(s, "?") || strings.HasSuffix(s, "!") {
		return s
	}
	return s + "."
}

// pendingNumber is a page number drawn once the page is known: that of
// the practice id, at the end of a line whose top is y on page, which
// ends at x; the entry's whole area (from x0, y0) links to the practice.
type pendingNumber struct {
	id           string
	page         int
	x, y, size   float64
	x0, y0, w, h float64
	link         int // its reserved Link element
}

// chapterOpener starts chapter n (from 1) on a new page: its number, its
// title large, how many practices it has, and the list of them, each with
// its page (drawn at the end, by numbers) and linked.
func (b *book) chapterOpener(n int, ch chapter) {
	b.chapter = ch.title
	b.newPage()
	b.mark(ch.title, 0)
	b.y = top + 30
	// The chapter's number is a P before its H1, which says its title as
	// the contents and the bookmarks do.
	b.text(plain(fmt.Sprintf(b.word("chapter_n"), n)), marginL, textW, 11, layout.Bold, accent)
	b.y += 2
	b.tag("H1", func() { b.display([]layout.Run{{Text: ch.title, Style: layout.Bold}}, marginL, textW, 28, 1.15, brand) })
	b.y += 4
	b.d.Line(marginL, b.y, marginL+28, b.y, 1.2, brand)
	b.y += 4
	b.text(plain(b.count("practice_count", len(ch.practices))), marginL, textW, 10, 0, muted)
	b.y += 10
	const size = 10.5
	lh := lineHeight(size)
	// A TOC of the chapter: each entry a Link, reserved, which its page
	// number joins at the end (drawNumbers).
	b.d.Begin(pdfdraw.Tag{Role: "TOC"})
	defer b.d.End()
	for _, x := range ch.practices {
		lines := layout.Break(plain(x.In(b.lang).Title), textW-tocNumW, size, b.measure)
		b.need(float64(len(lines)) * lh)
		y0 := b.y
		var link int
		b.tag("TOCI", func() {
			link = b.d.Reserve(pdfdraw.Tag{Role: "Link"})
			b.d.Within(link, func() {
				for _, ln := range lines {
					b.line(ln, marginL, b.y, size, ink)
					b.y += lh
				}
			})
		})
		last := lines[len(lines)-1]
		b.numbers = append(b.numbers, pendingNumber{id: x.ID, page: b.d.Page(), x: marginL + last.Width, y: b.y - lh, size: size,
			x0: marginL, y0: y0, w: textW, h: b.y - y0, link: link})
		b.y += 2.5
	}
}

// drawNumbers draws the page numbers the chapters' lists wait for.
func (b *book) drawNumbers() {
	for _, n := range b.numbers {
		b.d.SetPage(n.page)
		b.d.Within(n.link, func() {
			b.leaders(n.x, n.y, n.size, pdfdraw.Regular, strconv.Itoa(b.pageOf[n.id]), ink)
			b.d.LinkAnchor(n.x0, n.y0, n.w, n.h, b.anchors[n.id])
		})
		b.d.Release(n.link)
	}
}

// leaders draws the page number num right-aligned at the right margin,
// on the line whose top is y, and dot leaders to it from x, where the
// entry's text ends. The dots stand on a grid from the left margin, so
// that they line up from one entry to the next.
func (b *book) leaders(x, y, size float64, st pdfdraw.Style, num string, color pdfdraw.Color) {
	base := y + lineHeight(size)*0.74
	right := pageW - marginR
	// The number with a space before it, so that the text read from the
	// page (tagged: the dots are an artifact) is "Title 12", not "Title12".
	num = " " + num
	nw := b.d.Measure(num, st, size)
	b.d.Text(right-nw, base, num, st, size, color)
	pitch := b.d.Measure(" .", pdfdraw.Regular, size)
	if pitch <= 0 {
		return
	}
	from := math.Ceil((x+1-marginL)/pitch) * pitch
	n := int((right - nw - 1.5 - marginL - from) / pitch)
	if n >= 2 {
		b.d.Artifact(func() { b.d.Text(marginL+from, base, strings.Repeat(" .", n), pdfdraw.Regular, size, muted) })
	}
}
