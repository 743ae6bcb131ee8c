// Package pdfdraw is the book's PDF writer, and the only code that writes
// PDF: pages, text runs at absolute positions, lines, rectangles, images,
// links, bookmarks and document metadata.
//
// It replaced a wrapper around fpdf, for memory and time on long books:
// fpdf keeps every page uncompressed until Output and then copies them all
// into one buffer (a 34,000-page book took 1.77 GB and 17 s; here 107 MB
// and 3.8 s). Here a page's content is built in one reused buffer while
// the page is current and deflated as soon as the page is left (AddPage,
// SetPage, Output); a page drawn on again later (SetPage, for "page X of
// N") gets another compressed chunk, and its /Contents is the array of its
// chunks. Every chunk is wrapped in q … Q and sets the colours, line width
// and font it uses itself, so that no chunk depends on the state another
// left. Each chunk is written as a stream object of the file as soon as
// it is compressed: into Options.Out when it is given, so that what the
// document holds is small per-page records, else into memory until
// Output. Output writes the rest: the pages, fonts, images, outline and
// cross-references.
//
// Text is set in the six fonts of package fonts (Liberation Serif and Go
// Mono), as Type0 fonts addressing glyphs by their IDs in the font (one
// byte for most, see codes.go), each embedded as a subset of the glyphs
// drawn (renumbered, without hinting; a CIDToGIDMap finds them), with the
// exact advance widths that Measure adds up and a
// ToUnicode map so that text can be extracted. Consecutive lines of text
// share one text object and are placed relative to each other. Page
// content is deflated by compress/zlib at BestSpeed; short chunks are
// stored as they are. Every string goes through fonts.Drawable first: a
// character the fonts lack becomes '?' and never fails the document.
//
// Units are millimetres and font sizes points; the origin is the top-left
// corner of the page and y grows downwards. The same calls give the same
// bytes.
package pdfdraw

import (
	"bytes"
	"compress/zlib"
	"errors"
	"fmt"
	"io"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	"catalog/internal/fonts"
)

// Style selects one of the book's fonts.
type Style = fonts.Style

// The styles of the book's fonts.
const (
	Regular    = fonts.Regular
	Bold       = fonts.Bold
	Italic     = fonts.Italic
	BoldItalic = fonts.BoldItalic
	Mono       = fonts.Mono
	MonoBold   = fonts.MonoBold
)

// Color is an sRGB colour.
type Color struct{ R, G, B uint8 }

// Info is the document metadata shown by PDF viewers and read by screen
// readers (Lang) and search engines.
type Info struct {
	Title, Author, Subject, Keywords string
	// Lang is a BCP 47 tag such as "es" or "es-AR".
	Lang string
	// Created is written as both the creation and the modification date, so
	// that the same input gives the same bytes. The zero time is written as
	// 1970-01-01, never as "now".
	Created time.Time
}

// Options configure a new document.
type Options struct {
	Info Info
	// PageW and PageH are the page size in millimetres; if either is 0 the
	// page is A4 portrait, 210×297.
	PageW, PageH float64
	// Out, when not nil, receives the file as it is made: each page's
	// content as soon as it is drawn, the rest at Output(nil). Without it
	// the document keeps the file in memory until Output(w). A book's
	// pages are most of its bytes: 105 MB a language for 10,000 practices.
	Out io.Writer
	// Tagged makes a Tagged PDF: a structure tree built with Begin and
	// End, marked content, artifacts (see tag.go).
	Tagged bool
}

// Doc is a PDF document being drawn. It is not safe for concurrent use.
type Doc struct {
	err        error
	info       Info
	pageW      float64
	pageH      float64
	outputDone bool

	pages []pageRec
	cur   int // current page, 1-based; 0 before the first AddPage

	// content is the current page's chunk being drawn, open says whether
	// it has begun ("q" written); gs is the state set in it so far.
	content bytes.Buffer
	open    bool
	gs      gstate
	zbuf    bytes.Buffer // a chunk compressed

	// out writes the file from New on: to Options.Out, or to mem (when
	// memory is true) until Output gives the writer.
	out    *pdfOut
	mem    arena
	memory bool

	fonts   [numStyles]*fontUse // nil until the style is measured or drawn
	anchors []anchor            // anchor id n is anchors[n-1]
	images  map[string]*imageRec
	imgList []*imageRec // in the order of registration
	marks   []bookmark

	// st is the structure tree of a tagged document, else nil; mk is the
	// marked-content sequence open in the chunk (of mkElem's, opened in a
	// text object when mkInText).
	st       *structTree
	mk       markKind
	mkElem   *structElem
	mkInText bool
}

// pageRec is what a page keeps: the object numbers of its content chunks,
// already written, and its links.
type pageRec struct {
	num    int // the page's object number
	chunks []int
	links  []link
	mcids  []int32 // a tagged page's: the element of each MCID
}

// storeBelow is the length under which a chunk is stored, not deflated:
// such as the running header and footer that frame adds to every page at
// the end, about 290 bytes, which deflate by no more than a quarter (a
// dynamic block's Huffman codes cost tens of bytes before the first
// token), not worth a compressor's run per page.
const storeBelow = 512

// link is a link annotation: a rectangle in PDF points and either a URI or
// an anchor.
type link struct {
	rect   [4]float64
	uri    string
	anchor int
	// A tagged link's object number and StructParent key, set when made.
	num, key int
	tagged   bool
	elem     *structElem // its Link element: its text is the /Contents
}

type anchor struct {
	page           int
	y              float64 // mm from the top
	placed, linked bool
}

type bookmark struct {
	title string
	level int
	page  int
	y     float64
}

// gstate is the graphics state a chunk has set; the zero value is "nothing
// set yet", so every chunk sets what it uses itself.
//
// Consecutive Text calls share one text object (BT … ET): a line is then
// placed relative to the previous one (TD, which also sets the leading),
// and a line straight below the previous one at the same leading is shown
// with ' alone. Positions are kept in hundredths of a point, rounded as
// an absolute position would be, so that a relative move lands exactly
// where the absolute one did. Anything else drawn ends the text object.
type gstate struct {
	font               Style
	size               float64
	fill, stroke       Color
	lineWidth          float64
	hasFont, hasFill   bool
	hasStroke, hasLine bool

	inText  bool  // a text object is open
	tx, ty  int64 // its line start, hundredths of a point
	leading int64 // TL set by the latest TD, hundredths of a point
	hasTL   bool
}

const (
	ptToMM = 25.4 / 72
	k      = 72 / 25.4 // points per millimetre
)

// New starts an empty document (no page yet) with the metadata of
// opt.Info set.
func New(opt Options) (*Doc, error) {
	w, h := opt.PageW, opt.PageH
	if w == 0 || h == 0 {
		w, h = 210, 297
	}
	if w < 0 || h < 0 || w != w || h != h {
		return nil, fmt.Errorf("pdfdraw: page size %g×%g mm is negative", w, h)
	}
	// Fail early if a font cannot be used.
	for st := Regular; st <= MonoBold; st++ {
		if _, err := loadFont(st); err != nil {
			return nil, err
		}
	}
	d := &Doc{info: opt.Info, pageW: w, pageH: h, images: map[string]*imageRec{}}
	sink := opt.Out
	if sink == nil {
		sink, d.memory = &d.mem, true
	}
	d.out = newPDFOut(sink)
	if opt.Tagged {
		d.initTags()
	}
	return d, nil
}

func (d *Doc) ok() bool { return d.err == nil }

// drawable reports whether op may draw now: after an error, before the
// first page or after Output it may not, and the latter two are errors.
func (d *Doc) drawable(op string) bool {
	if d.err != nil {
		return false
	}
	switch {
	case d.outputDone:
		d.err = fmt.Errorf("pdfdraw: %s after Output", op)
	case d.cur == 0:
		d.err = fmt.Errorf("pdfdraw: %s before the first AddPage", op)
	}
	return d.err == nil
}

// Err returns the first error that made the document unusable, or nil.
// Once it is set every drawing method does nothing and Output returns it.
func (d *Doc) Err() error { return d.err }

// PageW returns the page width in millimetres.
func (d *Doc) PageW() float64 { return d.pageW }

// PageH returns the page height in millimetres.
func (d *Doc) PageH() float64 { return d.pageH }

// AddPage appends a page and makes it current.
func (d *Doc) AddPage() {
	if !d.ok() {
		return
	}
	if d.outputDone {
		d.err = errors.New("pdfdraw: AddPage after Output")
		return
	}
	d.closeChunk()
	d.pages = append(d.pages, pageRec{num: d.out.alloc(1)})
	d.cur = len(d.pages)
}

// Pages returns the number of pages.
func (d *Doc) Pages() int { return len(d.pages) }

// Page returns the current page, 1-based (0 before the first AddPage).
func (d *Doc) Page() int { return d.cur }

// SetPage makes page n current, so that later drawing, links and bookmarks
// go to it; the book uses it to back-fill the table of contents and the
// "page X of N" footers. AddPage still appends at the end.
func (d *Doc) SetPage(n int) {
	if !d.drawable("SetPage") {
		return
	}
	if n < 1 || n > len(d.pages) {
		d.err = fmt.Errorf("pdfdraw: SetPage(%d): the document has %d pages", n, len(d.pages))
		return
	}
	if n != d.cur {
		d.closeChunk()
		d.cur = n
	}
}

// zlibWriters are reused: a flate compressor is half a megabyte of tables
// that would otherwise be allocated and zeroed for every chunk.
var zlibWriters = sync.Pool{New: func() any {
	zw, err := zlib.NewWriterLevel(nil, zlib.BestSpeed)
	if err != nil {
		panic(err) // only for an invalid level constant
	}
	return zw
}}

// deflate compresses data into w with a pooled writer.
func deflate(w io.Writer, data []byte) error {
	zw := zlibWriters.Get().(*zlib.Writer)
	defer zlibWriters.Put(zw)
	zw.Reset(w)
	if _, err := zw.Write(data); err != nil {
		return err
	}
	return zw.Close()
}

// begin opens a chunk of the current page if none is open.
func (d *Doc) begin() *bytes.Buffer {
	if !d.open {
		d.content.Reset()
		d.content.WriteString("q\n")
		d.gs = gstate{}
		d.open = true
	}
	return &d.content
}

// closeChunk ends the open chunk, if any, and keeps it compressed as the
// current page's next content stream.
func (d *Doc) closeChunk() {
	if !d.open {
		return
	}
	d.open = false
	d.endText(&d.content)
	d.content.Write(d.endMark(d.content.AvailableBuffer()))
	d.content.WriteString("Q\n")
	data, dict := d.content.Bytes(), ""
	if len(data) >= storeBelow {
		d.zbuf.Reset()
		deflate(&d.zbuf, data) // writing to a bytes.Buffer cannot fail
		data, dict = d.zbuf.Bytes(), "/Filter /FlateDecode"
	}
	num := d.out.alloc(1)
	d.out.stream(num, dict, data)
	if err := d.out.err; err != nil && d.err == nil {
		d.err = fmt.Errorf("pdfdraw: %w", err) // a full disk stops the drawing
	}
	p := &d.pages[d.cur-1]
	p.chunks = append(p.chunks, num)
	if d.content.Cap() > 1<<20 {
		d.content = bytes.Buffer{} // do not keep one huge page's buffer
	}
}

// font returns what the document uses of the font of st, which must have
// loaded (New checked).
func (d *Doc) font(st Style) *fontUse {
	if int(st) >= numStyles {
		st = Regular
	}
	if d.fonts[st] == nil {
		f, _ := loadFont(st)
		d.fonts[st] = newFontUse(f)
	}
	return d.fonts[st]
}

// Measure returns the width in millimetres of s set in st at size points,
// as Text would draw it (after fonts.Drawable).
func (d *Doc) Measure(s string, st Style, size float64) float64 {
	if !d.ok() {
		return 0
	}
	f := d.font(st).f
	units := 0
	for i := 0; i < len(s); {
		r, n := rune(s[i]), 1
		if r >= utf8.RuneSelf {
			r, n = utf8.DecodeRuneInString(s[i:])
		}
		if r >= rune(len(f.plainAdv)) || f.plainAdv[r] < 0 {
			units = 0
			for _, r := range fonts.Drawable(s) {
				units += int(f.adv[f.glyph(r)])
			}
			break
		}
		units += int(f.plainAdv[r])
		i += n
	}
	return float64(units) * size / float64(f.upem) * ptToMM
}

// Ascent returns the height in millimetres of st's ascender above the
// baseline at size points, from the font's own metrics (Liberation
// Serif's ascent is 0.891 em, Go Mono's 0.944).
func (d *Doc) Ascent(st Style, size float64) float64 {
	f := d.font(st).f
	return float64(f.ascent) / float64(f.upem) * size * ptToMM
}

// Text draws s with the left end of its baseline at (x, y). s goes through
// fonts.Drawable first, so a character the fonts lack becomes '?' and never
// fails the document. No line breaking: the caller lays out lines.
func (d *Doc) Text(x, y float64, s string, st Style, size float64, c Color) {
	d.text(x, y, s, st, size, c, false)
}

// TextSpace draws s as Text does, followed by a space: invisible, but a
// reader of the text (a screen reader, a copy) gets the space that a line
// break took.
func (d *Doc) TextSpace(x, y float64, s string, st Style, size float64, c Color) {
	d.text(x, y, s, st, size, c, true)
}

func (d *Doc) text(x, y float64, s string, st Style, size float64, c Color, space bool) {
	if !d.drawable("Text") {
		return
	}
	s = fonts.Drawable(s)
	if s == "" {
		return
	}
	if int(st) >= numStyles {
		st = Regular
	}
	u := d.font(st)
	b := d.begin()
	buf := b.AvailableBuffer()
	if !d.gs.hasFill || d.gs.fill != c {
		buf = appendColor(buf, c, " rg\n")
		d.gs.fill, d.gs.hasFill = c, true
	}
	if !d.gs.inText {
		buf = d.endMark(buf) // one opened outside a text object
		buf = append(buf, "BT "...)
	}
	if d.st != nil {
		kind, e := d.want()
		buf = d.mark(buf, kind, e, true)
		if kind == markElem && e.role == "Link" && len(e.text) < 1000 {
			e.text += s
			if space {
				e.text += " "
			}
		}
	}
	if !d.gs.hasFont || d.gs.font != st || d.gs.size != size {
		buf = append(buf, "/F"...)
		buf = append(buf, byte('1'+st))
		buf = append(buf, ' ')
		buf = appendNum(buf, size, 3)
		buf = append(buf, " Tf "...)
		d.gs.font, d.gs.size, d.gs.hasFont = st, size, true
	}
	tx, ty := hundredths(x*k), hundredths((d.pageH-y)*k)
	show := " Tj\n"
	switch {
	case !d.gs.inText:
		buf = appendHundredths(buf, tx)
		buf = append(buf, ' ')
		buf = appendHundredths(buf, ty)
		buf = append(buf, " Td "...)
		d.gs.inText = true
	case tx == d.gs.tx && d.gs.hasTL && d.gs.ty-ty == d.gs.leading:
		show = "'\n" // the next line: T* then Tj
	default:
		buf = appendHundredths(buf, tx-d.gs.tx)
		buf = append(buf, ' ')
		buf = appendHundredths(buf, ty-d.gs.ty)
		buf = append(buf, " TD "...)
		d.gs.leading, d.gs.hasTL = d.gs.ty-ty, true
	}
	d.gs.tx, d.gs.ty = tx, ty
	// The glyph codes (see codes.go) as a literal string: a third
	// smaller after deflating than the same codes in hex.
	buf = append(buf, '(')
	f := u.f
	for _, r := range s {
		g := f.glyph(r)
		u.mark(g, r)
		buf = appendGlyph(buf, g)
	}
	if space {
		g := f.glyph(' ')
		u.mark(g, ' ')
		buf = appendGlyph(buf, g)
	}
	buf = append(buf, ')')
	buf = append(buf, show...)
	b.Write(buf)
}

// endText ends the open text object, if any, before a path or an image
// is drawn or the chunk is closed.
func (d *Doc) endText(b *bytes.Buffer) {
	if d.gs.inText {
		if d.mkInText {
			b.Write(d.endMark(b.AvailableBuffer()))
		}
		b.WriteString("ET\n")
		d.gs.inText = false
	}
}

// LinkURL makes the rectangle (x, y, w, h) of the current page open url.
// Non-ASCII characters and spaces in url are percent-encoded, as a PDF URI
// must be 7-bit ASCII.
func (d *Doc) LinkURL(x, y, w, h float64, url string) {
	if url == "" || !d.drawable("LinkURL") {
		return
	}
	l := link{rect: d.rect(x, y, w, h), uri: asciiURL(url)}
	if d.st != nil {
		d.tagLink(&l)
	}
	p := &d.pages[d.cur-1]
	p.links = append(p.links, l)
}

// rect converts a rectangle in millimetres from the top-left corner to a
// PDF rectangle [llx lly urx ury] in points.
func (d *Doc) rect(x, y, w, h float64) [4]float64 {
	x1, x2 := x*k, (x+w)*k
	y1, y2 := (d.pageH-y-h)*k, (d.pageH-y)*k
	return [4]float64{min(x1, x2), min(y1, y2), max(x1, x2), max(y1, y2)}
}

// NewAnchor returns a new internal link target, to be placed with
// PlaceAnchor (before or after links to it are made). Output fails if a
// linked anchor was never placed.
func (d *Doc) NewAnchor() int {
	if !d.ok() {
		return 0
	}
	d.anchors = append(d.anchors, anchor{})
	return len(d.anchors)
}

func (d *Doc) anchor(id int) *anchor {
	if id < 1 || id > len(d.anchors) {
		return nil
	}
	return &d.anchors[id-1]
}

// PlaceAnchor makes anchor id point at height y of page n.
func (d *Doc) PlaceAnchor(id, page int, y float64) {
	if !d.ok() {
		return
	}
	a := d.anchor(id)
	if a == nil {
		d.err = fmt.Errorf("pdfdraw: PlaceAnchor(%d): no such anchor", id)
		return
	}
	if page < 1 || page > len(d.pages) {
		d.err = fmt.Errorf("pdfdraw: PlaceAnchor(%d, page %d): the document has %d pages", id, page, len(d.pages))
		return
	}
	a.page, a.y, a.placed = page, max(y, 0), true
}

// LinkAnchor makes the rectangle (x, y, w, h) of the current page jump to
// anchor id.
func (d *Doc) LinkAnchor(x, y, w, h float64, id int) {
	if !d.drawable("LinkAnchor") {
		return
	}
	a := d.anchor(id)
	if a == nil {
		d.err = fmt.Errorf("pdfdraw: LinkAnchor(%d): no such anchor", id)
		return
	}
	a.linked = true
	l := link{rect: d.rect(x, y, w, h), anchor: id}
	if d.st != nil {
		d.tagLink(&l)
	}
	p := &d.pages[d.cur-1]
	p.links = append(p.links, l)
}

// Bookmark adds an outline entry pointing at height y of the current page.
// Entries nest in call order: level 0 is a top-level entry, level n+1 a
// child of the latest entry of level n. The first entry is always level 0
// and a level deeper than the latest entry's plus one is raised to that.
func (d *Doc) Bookmark(text string, level int, y float64) {
	if !d.drawable("Bookmark") {
		return
	}
	if len(d.marks) == 0 || level < 0 {
		level = 0
	} else if last := d.marks[len(d.marks)-1].level; level > last+1 {
		level = last + 1
	}
	d.marks = append(d.marks, bookmark{title: metaText(text), level: level, page: d.cur, y: max(y, 0)})
}

// Line draws a line of the given width (mm) and colour.
func (d *Doc) Line(x1, y1, x2, y2, width float64, c Color) {
	if !d.drawable("Line") {
		return
	}
	b := d.begin()
	d.endText(b)
	buf := d.mark(b.AvailableBuffer(), markArtifact, nil, false)
	buf = d.setStroke(buf, width, c)
	buf = appendNum(buf, x1*k, 2)
	buf = append(buf, ' ')
	buf = appendNum(buf, (d.pageH-y1)*k, 2)
	buf = append(buf, " m "...)
	buf = appendNum(buf, x2*k, 2)
	buf = append(buf, ' ')
	buf = appendNum(buf, (d.pageH-y2)*k, 2)
	buf = append(buf, " l S\n"...)
	b.Write(buf)
}

// Rect draws a rectangle with top-left corner (x, y), filled with fill
// and/or outlined with stroke at lineWidth; a nil colour skips that part.
func (d *Doc) Rect(x, y, w, h float64, fill *Color, stroke *Color, lineWidth float64) {
	if (fill == nil && stroke == nil) || !d.drawable("Rect") {
		return
	}
	b := d.begin()
	d.endText(b)
	buf := d.mark(b.AvailableBuffer(), markArtifact, nil, false)
	op := " re S\n"
	if fill != nil {
		if !d.gs.hasFill || d.gs.fill != *fill {
			buf = appendColor(buf, *fill, " rg\n")
			d.gs.fill, d.gs.hasFill = *fill, true
		}
		op = " re f\n"
	}
	if stroke != nil {
		buf = d.setStroke(buf, lineWidth, *stroke)
		if fill != nil {
			op = " re B\n"
		}
	}
	buf = appendNum(buf, x*k, 2)
	buf = append(buf, ' ')
	buf = appendNum(buf, (d.pageH-y)*k, 2)
	buf = append(buf, ' ')
	buf = appendNum(buf, w*k, 2)
	buf = append(buf, ' ')
	buf = appendNum(buf, -h*k, 2)
	buf = append(buf, op...)
	b.Write(buf)
}

// setStroke appends the line width and colour of what is stroked next,
// each only when it changes within the chunk.
func (d *Doc) setStroke(buf []byte, width float64, c Color) []byte {
	if !d.gs.hasLine || d.gs.lineWidth != width {
		buf = appendNum(buf, width*k, 3)
		buf = append(buf, " w\n"...)
		d.gs.lineWidth, d.gs.hasLine = width, true
	}
	if !d.gs.hasStroke || d.gs.stroke != c {
		buf = appendColor(buf, c, " RG\n")
		d.gs.stroke, d.gs.hasStroke = c, true
	}
	return buf
}

// Output finishes the document and writes what it has not written yet:
// to w, which must be nil when Options.Out was given (the file goes on
// there) and not nil otherwise. It can be called once; the document is
// complete afterwards.
func (d *Doc) Output(w io.Writer) error {
	if !d.ok() {
		return d.err
	}
	if d.outputDone {
		return errors.New("pdfdraw: Output called twice")
	}
	if (w == nil) == d.memory {
		return errors.New("pdfdraw: Output needs a writer exactly when New had no Options.Out")
	}
	d.outputDone = true
	for i, a := range d.anchors {
		if a.linked && !a.placed {
			d.err = fmt.Errorf("pdfdraw: anchor %d is linked to but was never placed", i+1)
			return d.err
		}
	}
	d.closeChunk()
	if len(d.pages) == 0 {
		d.pages = append(d.pages, pageRec{num: d.out.alloc(1)})
		d.cur = 1
	}
	if d.memory {
		if buf, ok := w.(*bytes.Buffer); ok {
			// Grow once to about the file's size rather than doubling
			// through a long book's megabytes (a fifth of a 34,000-page
			// book's time).
			buf.Grow(d.sizeHint())
		}
		// What was written so far goes first, then the rest straight to w.
		if err := d.out.moveTo(w, &d.mem); err != nil {
			d.err = fmt.Errorf("pdfdraw: %w", err)
			return d.err
		}
	}
	if err := d.write(); err != nil {
		d.err = fmt.Errorf("pdfdraw: %w", err)
	}
	return d.err
}

// sizeHint is a generous guess at the size of the file Output writes: the
// compressed content, the images, and room for the objects around them
// (fonts, pages, links, bookmarks, cross-references).
func (d *Doc) sizeHint() int {
	n := int(d.out.pos) + 1<<20 + 256*len(d.marks)
	for _, p := range d.pages {
		n += 512 + 96*len(p.chunks) + 160*len(p.links)
	}
	for _, im := range d.imgList {
		n += len(im.data) + len(im.smask) + 512
	}
	return n
}

// metaText prepares s for a PDF text string (title, author, bookmarks):
// valid UTF-8, no control or format characters. Viewers draw these with
// their own fonts, so the book's font coverage does not apply, and a
// character past the Basic Multilingual Plane (an emoji, a rare Han
// character) is written as a UTF-16 surrogate pair.
func metaText(s string) string {
	s = strings.ToValidUTF8(s, "\uFFFD")
	return strings.Map(func(r rune) rune {
		switch {
		case fonts.Invisible(r):
			if r == '\t' || r == '\n' || r == '\r' {
				return ' '
			}
			return -1
		}
		return r
	}, s)
}

// langTag keeps a language tag to the characters BCP 47 allows; "es_AR"
// becomes "es-AR".
func langTag(s string) string {
	return strings.Map(func(r rune) rune {
		switch {
		case r == '_':
			return '-'
		case r == '-', r >= 'a' && r <= 'z', r >= 'A' && r <= 'Z', r >= '0' && r <= '9':
			return r
		}
		return -1
	}, s)
}

// asciiURL percent-encodes the bytes of url that may not appear in a PDF
// URI string (non-ASCII, controls, space).
func asciiURL(url string) string {
	const hex = "0123456789ABCDEF"
	var b strings.Builder
	for i := 0; i < len(url); i++ {
		c := url[i]
		if c <= ' ' || c >= 0x7F {
			b.WriteByte('%')
			b.WriteByte(hex[c>>4])
			b.WriteByte(hex[c&15])
			continue
		}
		b.WriteByte(c)
	}
	return b.String()
}
