// Package book renders a catalog as a printable PDF book, one per
// language: cover, imprint, table of contents, list of acronyms, intro, one chapter per
// country (or pillar), each opening on a page that lists its practices, each practice on a new page with its facts, body and sources,
// then indexes by theme and by country and the table of exchanges. It
// reads the same model as the site; bodies are lowered by package layout
// and drawn through package pdfdraw, the only one that writes PDF. Page
// numbers that are known only at the end (contents, "page X of N") are
// drawn last, by going back to their pages.
package book

import (
	"bytes"
	"fmt"
	"io"
	"io/fs"
	"path"
	"slices"
	"strings"
	"sync"
	"time"

	"catalog/internal/collation"
	"catalog/internal/config"
	"catalog/internal/country"
	"catalog/internal/gate"
	"catalog/internal/layout"
	"catalog/internal/model"
	"catalog/internal/output"
	"catalog/internal/pdfdraw"
	"catalog/internal/words"
)

// Options tune the book.
type Options struct {
	// Date is the build date on the cover and in the metadata
	// (SOURCE_DATE_EPOCH).
	Date time.Time
	// Templates hold the words of each language (i18n/LANG.yaml).
	Templates fs.FS
}

// FileName is the book's file for a language.
func FileName(lang string) string { return "catalog." + lang + ".pdf" }

// Write writes catalog.LANG.pdf for every language of the catalog, the
// languages in parallel.
func Write(cat *model.Catalog, opt Options, out output.Writer) error {
	if cat.Public() != cat {
		cat = cat.Public()
	}
	w, err := words.Load(opt.Templates, cat.Config.Languages)
	if err != nil {
		return err
	}
	return eachLanguage(cat.Config.Languages, func(lang string) error {
		name := FileName(lang)
		var err error
		if s, ok := out.(output.Streamer); ok {
			// Straight into the file: a long book is not held twice.
			err = s.Stream(name, func(out io.Writer) error { return Render(cat, lang, opt, w, out) })
		} else {
			var buf bytes.Buffer
			if err = Render(cat, lang, opt, w, &buf); err == nil {
				err = out.Write(name, buf.Bytes())
			}
		}
		if err != nil {
			return fmt.Errorf("%s: %w", name, err)
		}
		return nil
	})
}

// eachLanguage runs f for every language, the languages in parallel, and
// returns the error of the first language (in langs' order) that failed.
func eachLanguage(langs []string, f func(lang string) error) error {
	errs := make([]error, len(langs))
	var wg sync.WaitGroup
	for i, lang := range langs {
		wg.Go(func() { errs[i] = f(lang) })
	}
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	return nil
}

// Page geometry, in millimetres (A4).
const (
	pageW   = 210.0
	pageH   = 297.0
	marginL = 22.0
	marginR = 22.0
	top     = 26.0
	bottom  = pageH - 24.0
	textW   = pageW - marginL - marginR
	pt      = 25.4 / 72 // one point in millimetres
)

// Sizes in points.
const (
	bodySize  = 11.0
	smallSize = 9.0
	leading   = 1.4 // line height / font size
)

var (
	ink    = pdfdraw.Color{R: 0x1c, G: 0x24, B: 0x30}
	muted  = pdfdraw.Color{R: 0x4a, G: 0x55, B: 0x63}
	brand  = pdfdraw.Color{R: 0x12, G: 0x35, B: 0x5b}
	link   = pdfdraw.Color{R: 0x0b, G: 0x53, B: 0x94}
	tint   = pdfdraw.Color{R: 0xf1, G: 0xf3, B: 0xf7}
	rule   = pdfdraw.Color{R: 0xc5, G: 0xcb, B: 0xd3}
	white  = pdfdraw.Color{R: 0xff, G: 0xff, B: 0xff}
	paleBg = pdfdraw.Color{R: 0xdc, G: 0xe6, B: 0xf2}
)

// book is one language's book while it is drawn.
type book struct {
	cat   *model.Catalog
	cfg   *config.Config
	lang  string
	words *words.Words
	opt   Options
	d     *pdfdraw.Doc
	media *gate.Folder // the catalog's folder, or nil

	y       float64
	chapter string         // the running header
	headers map[int]string // page → running header

	anchors   map[string]int // practice ID → link target
	pageOf    map[string]int // practice ID → its first page
	toc       []tocEntry
	tocOf     map[int][]int  // link target → its entries in toc
	footnotes map[string]int // "#fn:N" of the current practice → link target
	quotes    []openQuote    // the block quotes being drawn, outermost first
	acronyms  []acronym      // the list of acronyms, after the contents
	bare      map[int]bool   // pages without running header and footer (the imprint)
	numbers   []pendingNumber

	headingBase int // the depth of a body's highest heading, less 2
	reserved    int // the structure element of what is drawn last (contents)
	// openLink is the destination of the Link element left open at the
	// end of a line, to go on on the next (carry: lines of one text).
	openLink string
	carry    bool
}

// openQuote is a block quote being drawn: where its bar goes and where it
// starts on the current page.
type openQuote struct{ x, y0 float64 }

type tocEntry struct {
	level  int
	text   string
	anchor int
	page   int
}

// newBook starts a document of cat in lang: the book or a dossier.
func newBook(cat *model.Catalog, lang string, w *words.Words, opt Options) *book {
	return &book{cat: cat, cfg: cat.Config, lang: lang, words: w, opt: opt,
		headers: map[int]string{}, bare: map[int]bool{}, anchors: map[string]int{}, pageOf: map[string]int{}, tocOf: map[int][]int{}}
}

// open starts b's PDF, written to out, with its title, subject and
// keywords, and opens the catalog's folder for its images.
func (b *book) open(out io.Writer, title, subject, keywords string) (*pdfdraw.Doc, error) {
	cfg := b.cfg
	d, err := pdfdraw.New(pdfdraw.Options{Info: pdfdraw.Info{
		Title:    title,
		Author:   cfg.Publisher.In(b.lang, cfg.DefaultLanguage()),
		Subject:  subject,
		Keywords: keywords,
		Lang:     b.lang,
		Created:  b.opt.Date,
	}, Out: out, Tagged: true})
	if err != nil {
		return nil, err
	}
	b.d = d
	if folder, err := b.cat.Gate(); err == nil {
		b.media = folder
	}
	return d, nil
}

// Render draws the book of one language into out: the public book, with
// restricted practices left out. A zero opt.Date leaves the edition line
// off the cover.
func Render(cat *model.Catalog, lang string, opt Options, w *words.Words, out io.Writer) error {
	cat = cat.Public() // the book never shows a restricted practice
	cfg := cat.Config
	b := newBook(cat, lang, w, opt)
	d, err := b.open(out, cfg.Title.In(lang, cfg.DefaultLanguage()), cfg.Subtitle.In(lang, cfg.DefaultLanguage()), b.keywords())
	if err != nil {
		return err
	}
	for _, x := range cat.Practices {
		b.anchors[x.ID] = d.NewAnchor()
	}
	chapters := b.chapters()
	b.acronyms = acronyms(cat, lang)

	b.cover()
	b.imprint()
	tocStart := d.Pages() + 1
	tocPages := b.reserveContents(chapters)
	b.acronymList(b.acronyms)
	if intro := cat.Intro[lang]; len(intro) > 0 {
		b.section(b.word("intro"), 0)
		b.body(intro)
	}
	for i, ch := range chapters {
		b.chapterOpener(i+1, ch)
		for _, x := range ch.practices {
			b.practice(x, ch, false)
		}
	}
	b.chapter = ""
	b.themeIndex()
	b.countryIndex()
	b.exchangeTable()
	b.contents(tocStart, tocPages)
	b.drawNumbers()
	b.frame()
	if err := d.Err(); err != nil {
		return err
	}
	return d.Output(nil) // the pages are in out already
}

func (b *book) word(key string) string { return b.words.Get(b.lang, key) }

func (b *book) country(cc string) string {
	if n := country.Name(cc, b.lang); n != "" {
		return n
	}
	return cc
}

func (b *book) label(v *config.Vocabulary, slug string) string { return b.cfg.Label(v, slug, b.lang) }

func (b *book) keywords() string {
	var kw []string
	for _, pl := range b.cfg.Pillars.Terms {
		kw = append(kw, b.label(&b.cfg.Pillars, pl.Slug))
	}
	for _, cc := range collation.Sort(b.lang, sortedKeys(b.cat.ByCountry), b.country) {
		kw = append(kw, b.country(cc))
	}
	return strings.Join(kw, ", ")
}

// chapter is a group of practices: a country's, a pillar's, or the
// regional ones.
type chapter struct {
	title     string
	practices []*model.Practice
}

// chapters groups the practices as catalog.yaml says: by country (a
// practice goes in the chapter of its first country; regional ones in a
// chapter of their own, last) or by pillar (its first pillar).
func (b *book) chapters() []chapter {
	byKey := map[string][]*model.Practice{}
	var regional []*model.Practice
	for _, x := range b.cat.Practices {
		switch {
		case x.Restricted():
		case b.cfg.Chapters == "pillar" && len(x.Pillars) > 0:
			byKey[x.Pillars[0]] = append(byKey[x.Pillars[0]], x)
		case b.cfg.Chapters != "pillar" && x.Scope == "regional" || len(x.Countries) == 0:
			regional = append(regional, x)
		default:
			key := x.Countries[0]
			if b.cfg.Chapters == "pillar" {
				key = ""
			}
			byKey[key] = append(byKey[key], x)
		}
	}
	title := func(x *model.Practice) string { return x.In(b.lang).Title }
	var out []chapter
	if b.cfg.Chapters == "pillar" {
		for _, pl := range b.cfg.Pillars.Terms {
			if list := byKey[pl.Slug]; len(list) > 0 {
				out = append(out, chapter{b.label(&b.cfg.Pillars, pl.Slug), collation.Sort(b.lang, list, title)})
			}
		}
	} else {
		codes := collation.Sort(b.lang, sortedKeys(byKey), b.country)
		for _, cc := range codes {
			out = append(out, chapter{b.country(cc), collation.Sort(b.lang, byKey[cc], title)})
		}
	}
	if len(regional) > 0 || len(byKey[""]) > 0 {
		out = append(out, chapter{b.word("regional_practices"), collation.Sort(b.lang, append(regional, byKey[""]...), title)})
	}
	return out
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

// newPage starts a page; the running header is the current chapter's.
func (b *book) newPage() {
	// Open quotes get their bar on the page they leave.
	for i, q := range b.quotes {
		if b.y > q.y0+1 {
			b.d.Line(q.x, q.y0, q.x, min(b.y, bottom), 0.8, rule)
		}
		b.quotes[i].y0 = top
	}
	b.d.AddPage()
	b.y = top
	b.headers[b.d.Page()] = b.chapter
}

// need starts a new page unless h millimetres fit on this one.
func (b *book) need(h float64) {
	if b.y+h > bottom {
		b.newPage()
	}
}

func lineHeight(size float64) float64 { return size * pt * leading }

// measure is text width for the line breaker.
func (b *book) measure(text string, st layout.Style, size float64) float64 {
	return b.d.Measure(text, fontOf(st), runSize(st, size))
}

// monoScale is the size of code within text, relative to the text: Go
// Mono's small letters are 0.53 em tall, Liberation Serif's 0.45, so code
// at the text's size would look a size larger than the words around it.
const monoScale = 0.85

// runSize is the size a run of style st is drawn at in text of size
// points: smaller for superscripts and code.
func runSize(st layout.Style, size float64) float64 {
	if st&layout.Super != 0 {
		size *= 0.7
	}
	if st&layout.Mono != 0 {
		size *= monoScale
	}
	return size
}

func fontOf(st layout.Style) pdfdraw.Style {
	switch {
	case st&layout.Mono != 0 && st&layout.Bold != 0:
		return pdfdraw.MonoBold
	case st&layout.Mono != 0:
		return pdfdraw.Mono
	case st&layout.Bold != 0 && st&layout.Italic != 0:
		return pdfdraw.BoldItalic
	case st&layout.Bold != 0:
		return pdfdraw.Bold
	case st&layout.Italic != 0:
		return pdfdraw.Italic
	}
	return pdfdraw.Regular
}

// text draws runs as wrapped lines from b.y, each line on the page it
// fits on, and returns the number of lines; tagged as a P unless the
// open element holds text itself (a heading, a cell).
func (b *book) text(runs []layout.Run, x, width, size float64, base layout.Style, color pdfdraw.Color) int {
	if b.needP() {
		n := 0
		b.tag("P", func() { n = b.text(runs, x, width, size, base, color) })
		return n
	}
	if base != 0 {
		runs = slices.Clone(runs)
		for i := range runs {
			runs[i].Style |= base
		}
	}
	lines := layout.Break(runs, width, size, b.measure)
	lh := lineHeight(size)
	b.carryLinks(func() {
		for _, ln := range lines {
			b.need(lh)
			b.line(ln, x, b.y, size, color)
			b.y += lh
		}
	})
	return len(lines)
}

// line draws one broken line with its top at y.
func (b *book) line(ln layout.Line, x, y, size float64, color pdfdraw.Color) {
	lh := lineHeight(size)
	baseline := y + lh*0.74
	// The space the line break took (or the break itself), given back
	// to a reader of the text: after the line's last run, drawn at its
	// end (invisible). Not after a cut in a word.
	first, last := -1, -1
	for i, r := range ln.Runs {
		if r.Text != "\n" {
			if first < 0 {
				first = i
			}
			last = i
		}
	}
	space := b.d.Tagged() && !ln.Cut
	for i, r := range ln.Runs {
		if r.Text == "\n" {
			continue
		}
		sz, by := runSize(r.Style, size), baseline
		if r.Style&layout.Super != 0 {
			by = baseline - size*pt*0.35
		}
		st := fontOf(r.Style)
		var w float64
		if len(ln.Runs) == 1 {
			w = ln.Width // what b.measure gave the breaker for this run
		} else {
			w = b.d.Measure(r.Text, st, sz)
		}
		c := color
		if r.Link != "" {
			c = link
		}
		// A link is a Link element, its text and its annotations (one a
		// line when it goes on over lines), unless one is open (a line of
		// the contents).
		tagLink := r.Link != "" && b.d.Tagged() && !b.d.InArtifact() && (b.openLink != "" || b.d.Role() != "Link")
		switch {
		case tagLink && (b.openLink != r.Link || i != first):
			b.endLink()
			b.d.Begin(pdfdraw.Tag{Role: "Link"})
			b.openLink = r.Link
		case !tagLink:
			b.endLink()
		}
		// A run in another language (a source's title) is a Span that
		// says its language.
		span := r.Lang != "" && !tagLink && b.d.Tagged() && !b.d.InArtifact()
		if span {
			b.d.Begin(pdfdraw.Tag{Role: "Span", Lang: r.Lang})
		}
		if space && i == last {
			b.d.TextSpace(x, by, r.Text, st, sz, c)
		} else {
			b.d.Text(x, by, r.Text, st, sz, c)
		}
		if span {
			b.d.End()
		}
		if r.Style&layout.Strike != 0 {
			b.d.Line(x, by-sz*pt*0.28, x+w, by-sz*pt*0.28, 0.2, c)
		}
		if r.Link != "" {
			b.linkTo(r.Link, x, y, w, lh)
		}
		if tagLink && (!b.carry || i != last) {
			b.endLink()
		}
		x += w
	}
}

// endLink ends the Link element left open, if any.
func (b *book) endLink() {
	if b.openLink != "" {
		b.openLink = ""
		b.d.End()
	}
}

// carryLinks runs f, which draws the lines of one text: a link that goes
// on from one line to the next is one Link element.
func (b *book) carryLinks(f func()) {
	saved := b.carry
	b.carry = true
	f()
	b.endLink()
	b.carry = saved
}

// linkTo makes a clickable area: to another practice, to a footnote, or
// out of the book.
func (b *book) linkTo(dest string, x, y, w, h float64) {
	switch {
	case strings.HasPrefix(dest, "#practice:"):
		if a, ok := b.anchors[strings.TrimPrefix(dest, "#practice:")]; ok {
			b.d.LinkAnchor(x, y, w, h, a)
		}
	case strings.HasPrefix(dest, "#"):
		if a, ok := b.footnotes[dest]; ok {
			b.d.LinkAnchor(x, y, w, h, a)
		}
	default:
		b.d.LinkURL(x, y, w, h, dest)
	}
}

// linker maps a body's link destinations: practice files to their pages
// in the book, media files to the media folder; other relative links
// (and links to practices not in the book) keep only their text.
func (b *book) linker() func(string, bool) (string, bool) {
	return func(dest string, image bool) (string, bool) {
		if strings.HasPrefix(dest, "#") {
			return dest, !image
		}
		if i := strings.Index(dest, ":"); i > 0 && !strings.ContainsAny(dest[:i], "/?#") {
			return dest, true // http, https, mailto: layout judged it safe
		}
		p := dest
		if i := strings.IndexAny(p, "?#"); i >= 0 {
			p = p[:i]
		}
		if id := model.LinkedPractice(p); id != "" && !image {
			if q := b.cat.Practice(id); q == nil || q.Restricted() {
				return "", false
			}
			if _, ok := b.anchors[id]; !ok { // not in this document (a dossier)
				return "", false
			}
			return "#practice:" + id, true
		}
		clean := strings.TrimPrefix(path.Clean(strings.TrimPrefix(p, "/")), "../")
		if strings.HasPrefix(clean, "media/") && fs.ValidPath(clean) && image {
			return clean, true
		}
		return "", false
	}
}
