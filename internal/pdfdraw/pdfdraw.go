// Package pdfdraw is the one narrow door to the PDF writer (fpdf): pages,
// text runs at absolute positions, lines, rectangles, images, links,
// bookmarks and document metadata. The book renderer lays out everything
// itself and calls only this package, so that the writer can be swapped
// (github.com/go-pdf/fpdf → codeberg.org/go-pdf/fpdf is one import line) and
// so that fpdf's traps stay in one place:
//
//   - Its Write and MultiCell are quadratic on UTF-8 text and its page-count
//     alias is slow and breaks font subsetting; none of them is used. Text is
//     drawn one run at a time, "page X of N" is back-filled with SetPage.
//   - Its errors are sticky and a call after one can panic: every method
//     here is a no-op once Err is set, fpdf panics are turned into Err, and
//     images are fully decoded before fpdf sees them.
//   - It cannot draw runes above U+FFFF or invalid UTF-8 and has no fallback
//     font: every string goes through fonts.Drawable (text) or a metadata
//     sanitizer (title, bookmarks) first, and only the embedded fonts of
//     package fonts are registered, never the cp1252 core fonts.
//   - Its output is byte-stable only with sorted catalog maps and fixed
//     dates, which New sets.
//   - It compresses every page with a freshly allocated zlib writer, which
//     dominated the time of a long book: it writes uncompressed and Output
//     deflates the streams itself (deflate.go).
//
// Units are millimetres and font sizes points; the origin is the top-left
// corner of the page and y grows downwards.
package pdfdraw

import (
	"bytes"
	"errors"
	"fmt"
	"image"
	"image/draw"
	_ "image/jpeg" // for image.DecodeConfig
	"image/png"
	"io"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/go-pdf/fpdf"

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
}

// Doc is a PDF document being drawn. It is not safe for concurrent use.
type Doc struct {
	f      *fpdf.Fpdf
	err    error
	pageW  float64
	pageH  float64
	ascent [fonts.MonoBold + 1]float64 // per style, in 1/1000 em

	// font is what fpdf last selected in the current page's content stream;
	// Text re-selects only when it differs, which keeps streams small.
	font struct {
		style Style
		size  float64
		valid bool
	}

	anchors    map[int]*anchor // by id (fpdf's link number)
	images     map[string]bool // names registered with fpdf
	levels     []int           // of the bookmarks, in call order
	outputDone bool

	// deflate is how Output compresses; only tests and benchmarks change
	// it from deflateStreams.
	deflate deflateMode
}

type deflateMode int

const (
	deflateStreams deflateMode = iota // fpdf writes uncompressed, compressStreams deflates
	deflateByFpdf                     // fpdf compresses each page itself, as before deflate.go
	deflateNone                       // fpdf's uncompressed output as it is
)

type anchor struct{ placed, linked bool }

// family and fpdf style string of each Style.
var fontKeys = [fonts.MonoBold + 1]struct{ family, style string }{
	fonts.Regular:    {"go", ""},
	fonts.Bold:       {"go", "B"},
	fonts.Italic:     {"go", "I"},
	fonts.BoldItalic: {"go", "BI"},
	fonts.Mono:       {"gomono", ""},
	fonts.MonoBold:   {"gomono", "B"},
}

func fontKey(st Style) (family, style string) {
	if int(st) >= len(fontKeys) {
		st = Regular
	}
	k := fontKeys[st]
	return k.family, k.style
}

const ptToMM = 25.4 / 72

// New starts an empty document (no page yet) with the book's embedded fonts
// registered and the metadata of opt.Info set.
func New(opt Options) (*Doc, error) {
	w, h := opt.PageW, opt.PageH
	if w == 0 || h == 0 {
		w, h = 210, 297
	}
	if w < 0 || h < 0 {
		return nil, fmt.Errorf("pdfdraw: page size %g×%g mm is negative", w, h)
	}
	f := fpdf.NewCustom(&fpdf.InitType{OrientationStr: "P", UnitStr: "mm", Size: fpdf.SizeType{Wd: w, Ht: h}})
	d := &Doc{f: f, pageW: w, pageH: h, anchors: map[int]*anchor{}, images: map[string]bool{}}

	// Text never breaks pages by itself: the layout decides.
	f.SetAutoPageBreak(false, 0)
	f.SetMargins(0, 0, 0)
	// Output compresses the streams; see deflate.go.
	f.SetCompression(false)
	f.SetCatalogSort(true)
	created := opt.Info.Created
	if created.IsZero() {
		created = time.Unix(0, 0)
	}
	created = created.UTC()
	f.SetCreationDate(created)
	f.SetModificationDate(created)
	// fpdf would write an empty value as a lone byte order mark.
	for _, m := range []struct {
		set   func(string, bool)
		value string
	}{
		{f.SetTitle, opt.Info.Title},
		{f.SetAuthor, opt.Info.Author},
		{f.SetSubject, opt.Info.Subject},
		{f.SetKeywords, opt.Info.Keywords},
		{f.SetCreator, "catalog"},
	} {
		if v := metaText(m.value); v != "" {
			m.set(v, true)
		}
	}
	f.SetLang(langTag(opt.Info.Lang))

	for st := Regular; st <= MonoBold; st++ {
		family, style := fontKey(st)
		// fonts.TTF returns a private copy, which this document needs:
		// fpdf writes into the font bytes while subsetting them.
		f.AddUTF8FontFromBytes(family, style, fonts.TTF(st))
		if err := f.Error(); err != nil {
			return nil, fmt.Errorf("pdfdraw: registering the %s font: %w", st, err)
		}
		// fpdf prints a font it cannot parse to stdout and carries on
		// without it; an empty descriptor is how that shows.
		desc := f.GetFontDesc(family, style)
		if desc.Ascent == 0 {
			return nil, fmt.Errorf("pdfdraw: the PDF writer could not load the %s font", st)
		}
		d.ascent[st] = float64(desc.Ascent)
	}
	// A UTF-8 font must be current before the first Bookmark, or fpdf
	// writes bookmark titles as Latin-1 and accents come out garbled.
	f.SetFont(fontKeys[Regular].family, fontKeys[Regular].style, 10)
	if err := f.Error(); err != nil {
		return nil, fmt.Errorf("pdfdraw: selecting the regular font: %w", err)
	}
	d.font.style, d.font.size, d.font.valid = Regular, 10, true
	return d, nil
}

// ok reports whether the document is still usable, adopting fpdf's error.
func (d *Doc) ok() bool {
	if d.err == nil {
		if err := d.f.Error(); err != nil {
			d.err = fmt.Errorf("pdfdraw: %w", err)
		}
	}
	return d.err == nil
}

// guard turns a panic inside fpdf into the document's error: the caller gets
// a failed Output it can report instead of a crashed build. Use as
// "defer d.guard()".
func (d *Doc) guard() {
	if r := recover(); r != nil && d.err == nil {
		d.err = fmt.Errorf("pdfdraw: PDF writer failed: %v", r)
	}
}

// drawable reports whether op may draw now. Drawing before the first page
// or after Output is a caller bug that fpdf would not notice: it would write
// the operators into the file's own buffer and corrupt it.
func (d *Doc) drawable(op string) bool {
	if !d.ok() {
		return false
	}
	switch {
	case d.outputDone:
		d.err = fmt.Errorf("pdfdraw: %s after Output", op)
	case d.Pages() == 0:
		d.err = fmt.Errorf("pdfdraw: %s before the first AddPage", op)
	}
	return d.err == nil
}

// Err returns the first error that made the document unusable, or nil.
// Once it is set every drawing method does nothing and Output returns it.
func (d *Doc) Err() error {
	d.ok()
	return d.err
}

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
	defer d.guard()
	d.f.AddPage()
	d.font.valid = false
}

// Pages returns the number of pages.
func (d *Doc) Pages() int { return d.f.PageCount() }

// Page returns the current page, 1-based (0 before the first AddPage).
func (d *Doc) Page() int { return d.f.PageNo() }

// SetPage makes page n current, so that later drawing, links and bookmarks
// go to it; the book uses it to back-fill the table of contents and the
// "page X of N" footers. AddPage still appends at the end.
func (d *Doc) SetPage(n int) {
	if !d.drawable("SetPage") {
		return
	}
	if n < 1 || n > d.Pages() {
		d.err = fmt.Errorf("pdfdraw: SetPage(%d): the document has %d pages", n, d.Pages())
		return
	}
	defer d.guard()
	d.f.SetPage(n)
	// fpdf tracks one graphics state for the whole document, but page n's
	// content stream ended in whatever state it was left in. Re-emit what
	// fpdf believes is current so that stream and tracker agree again
	// (otherwise black text could come out in page n's last fill colour).
	d.f.SetDrawColor(d.f.GetDrawColor())
	d.f.SetFillColor(d.f.GetFillColor())
	d.f.SetLineWidth(d.f.GetLineWidth())
	d.font.valid = false
}

// useFont selects st at size in the current page's content stream.
func (d *Doc) useFont(st Style, size float64) {
	if d.font.valid && d.font.style == st && d.font.size == size {
		return
	}
	family, style := fontKey(st)
	d.f.SetFont(family, style, size)
	d.font.style, d.font.size, d.font.valid = st, size, true
}

// Measure returns the width in millimetres of s set in st at size points,
// as Text would draw it (after fonts.Drawable).
func (d *Doc) Measure(s string, st Style, size float64) float64 {
	if !d.ok() {
		return 0
	}
	defer d.guard()
	s = fonts.Drawable(s)
	// Widths depend on the face only: switch face if needed, keep the size.
	if !d.font.valid || d.font.style != st {
		d.useFont(st, size)
	}
	return float64(d.f.GetStringSymbolWidth(s)) / 1000 * size * ptToMM
}

// Ascent returns the height in millimetres of st's ascender above the
// baseline at size points, from the font's own metrics (the Go fonts'
// ascent is 0.944 em in every style).
func (d *Doc) Ascent(st Style, size float64) float64 {
	if int(st) >= len(d.ascent) {
		st = Regular
	}
	return d.ascent[st] / 1000 * size * ptToMM
}

// Text draws s with the left end of its baseline at (x, y). s goes through
// fonts.Drawable first, so a character the fonts lack becomes '?' and never
// fails the document. No line breaking: the caller lays out lines.
func (d *Doc) Text(x, y float64, s string, st Style, size float64, c Color) {
	if !d.drawable("Text") {
		return
	}
	s = fonts.Drawable(s)
	if s == "" {
		return
	}
	defer d.guard()
	d.useFont(st, size)
	// With the fill colour the same as the text's, fpdf draws the text
	// as it is; otherwise it wraps every string in "q colour … Q", a
	// quarter more bytes for each line of a book to carry and compress.
	r, g, b := int(c.R), int(c.G), int(c.B)
	if fr, fg, fb := d.f.GetFillColor(); fr != r || fg != g || fb != b {
		d.f.SetFillColor(r, g, b)
	}
	d.f.SetTextColor(r, g, b)
	d.f.Text(x, y, s)
}

// LinkURL makes the rectangle (x, y, w, h) of the current page open url.
// Non-ASCII characters and spaces in url are percent-encoded, as a PDF URI
// must be 7-bit ASCII.
func (d *Doc) LinkURL(x, y, w, h float64, url string) {
	if url == "" || !d.drawable("LinkURL") {
		return
	}
	defer d.guard()
	d.f.LinkString(x, y, w, h, asciiURL(url))
}

// NewAnchor returns a new internal link target, to be placed with
// PlaceAnchor (before or after links to it are made). Output fails if a
// linked anchor was never placed.
func (d *Doc) NewAnchor() int {
	if !d.ok() {
		return 0
	}
	defer d.guard()
	id := d.f.AddLink()
	d.anchors[id] = &anchor{}
	return id
}

// PlaceAnchor makes anchor id point at height y of page n.
func (d *Doc) PlaceAnchor(id, page int, y float64) {
	if !d.ok() {
		return
	}
	a := d.anchors[id]
	if a == nil {
		d.err = fmt.Errorf("pdfdraw: PlaceAnchor(%d): no such anchor", id)
		return
	}
	if page < 1 || page > d.Pages() {
		d.err = fmt.Errorf("pdfdraw: PlaceAnchor(%d, page %d): the document has %d pages", id, page, d.Pages())
		return
	}
	defer d.guard()
	d.f.SetLink(id, max(y, 0), page)
	a.placed = true
}

// LinkAnchor makes the rectangle (x, y, w, h) of the current page jump to
// anchor id.
func (d *Doc) LinkAnchor(x, y, w, h float64, id int) {
	if !d.drawable("LinkAnchor") {
		return
	}
	a := d.anchors[id]
	if a == nil {
		d.err = fmt.Errorf("pdfdraw: LinkAnchor(%d): no such anchor", id)
		return
	}
	defer d.guard()
	d.f.Link(x, y, w, h, id)
	a.linked = true
}

// Bookmark adds an outline entry pointing at height y of the current page.
// Entries nest in call order: level 0 is a top-level entry, level n+1 a
// child of the latest entry of level n. The first entry is always level 0
// and a level deeper than the latest entry's plus one is raised to that,
// because fpdf would otherwise build a broken outline tree.
func (d *Doc) Bookmark(text string, level int, y float64) {
	if !d.drawable("Bookmark") {
		return
	}
	defer d.guard()
	if len(d.levels) == 0 || level < 0 {
		level = 0
	} else if last := d.levels[len(d.levels)-1]; level > last+1 {
		level = last + 1
	}
	// fpdf writes the title as UTF-16 only while a UTF-8 font is current:
	// New selects one before anything else and every registered font is
	// UTF-8, so that holds from the first call on.
	d.f.Bookmark(metaText(text), level, max(y, 0)) // fpdf reads y == -1 as "current y"
	d.levels = append(d.levels, level)
}

// Line draws a line of the given width (mm) and colour.
func (d *Doc) Line(x1, y1, x2, y2, width float64, c Color) {
	if !d.drawable("Line") {
		return
	}
	defer d.guard()
	d.setStroke(width, c)
	d.f.Line(x1, y1, x2, y2)
}

// Rect draws a rectangle with top-left corner (x, y), filled with fill
// and/or outlined with stroke at lineWidth; a nil colour skips that part.
func (d *Doc) Rect(x, y, w, h float64, fill *Color, stroke *Color, lineWidth float64) {
	if (fill == nil && stroke == nil) || !d.drawable("Rect") {
		return
	}
	defer d.guard()
	style := ""
	if fill != nil {
		d.f.SetFillColor(int(fill.R), int(fill.G), int(fill.B))
		style += "F"
	}
	if stroke != nil {
		d.setStroke(lineWidth, *stroke)
		style += "D"
	}
	d.f.Rect(x, y, w, h, style)
}

// setStroke sets the line width and colour of what is stroked next, each
// only when it changes (fpdf writes both into the page at every call).
func (d *Doc) setStroke(width float64, c Color) {
	if d.f.GetLineWidth() != width {
		d.f.SetLineWidth(width)
	}
	r, g, b := int(c.R), int(c.G), int(c.B)
	if dr, dg, db := d.f.GetDrawColor(); dr != r || dg != g || db != b {
		d.f.SetDrawColor(r, g, b)
	}
}

// maxImagePixels bounds the images the book accepts: PNGs are fully decoded
// to check them, and a full A4 page at 300 dpi is under 9 megapixels.
const maxImagePixels = 40_000_000

// ImageSize returns the pixel size and format ("png" or "jpeg") of an
// image, reading only its header. Any other format, and images of more than
// 40 megapixels, are errors.
func ImageSize(data []byte) (wPx, hPx int, format string, err error) {
	cfg, format, err := image.DecodeConfig(bytes.NewReader(data))
	if err != nil {
		if errors.Is(err, image.ErrFormat) {
			return 0, 0, "", errors.New("not a PNG or JPEG image")
		}
		return 0, 0, "", err
	}
	if format != "png" && format != "jpeg" {
		return 0, 0, "", fmt.Errorf("%s image: only PNG and JPEG are supported", strings.ToUpper(format))
	}
	if cfg.Width <= 0 || cfg.Height <= 0 {
		return 0, 0, "", fmt.Errorf("%s image has no pixels (%d×%d)", format, cfg.Width, cfg.Height)
	}
	if cfg.Width*cfg.Height > maxImagePixels {
		return 0, 0, "", fmt.Errorf("image is %d×%d pixels; reduce it below %d megapixels", cfg.Width, cfg.Height, maxImagePixels/1_000_000)
	}
	return cfg.Width, cfg.Height, format, nil
}

// Image draws the image data at (x, y) with size w×h mm; if w or h is 0 (or
// negative) it follows from the other and the aspect ratio, and if both are,
// the image is drawn at 96 dpi. The image is embedded once per name: later
// calls with the same name reuse it and ignore data. A bad image returns an
// error and leaves the document usable.
func (d *Doc) Image(name string, data []byte, x, y, w, h float64) (err error) {
	if !d.drawable("Image") {
		return d.err
	}
	defer func() {
		d.guard()
		if err == nil && d.err != nil {
			err = d.err
		}
	}()
	opts := fpdf.ImageOptions{AllowNegativePosition: true}
	if !d.images[name] {
		checked, format, cerr := checkedImage(data)
		if cerr != nil {
			return fmt.Errorf("image %s: %w", name, cerr)
		}
		opts.ImageType = map[string]string{"png": "PNG", "jpeg": "JPG"}[format]
		d.f.RegisterImageOptionsReader(name, opts, bytes.NewReader(checked))
		if ferr := d.f.Error(); ferr != nil {
			// The error arose in this call (ok was checked above) and fpdf
			// records the image only on success, so clearing it is safe.
			d.f.ClearError()
			return fmt.Errorf("image %s: %w", name, ferr)
		}
		d.images[name] = true
	}
	// fpdf reads negative sizes as dots per inch.
	d.f.ImageOptions(name, x, y, max(w, 0), max(h, 0), false, opts, 0, "")
	d.ok()
	return d.err
}

// checkedImage validates data completely and returns it in a form fpdf
// reads: fpdf's own PNG parser panics on truncated files and rejects
// interlaced and 16-bit PNGs, which are re-encoded here.
func checkedImage(data []byte) ([]byte, string, error) {
	_, _, format, err := ImageSize(data)
	if err != nil {
		return nil, "", err
	}
	if format == "jpeg" {
		// fpdf embeds JPEG data as is after reading the same header
		// ImageSize read; a damaged JPEG damages only its own picture.
		return data, format, nil
	}
	img, err := png.Decode(bytes.NewReader(data))
	if err != nil {
		return nil, "", fmt.Errorf("damaged PNG: %w", err)
	}
	// IHDR: bit depth at byte 24, interlace method at byte 28.
	if len(data) > 28 && data[24] <= 8 && data[28] == 0 {
		return data, format, nil
	}
	rgba := image.NewNRGBA(img.Bounds())
	draw.Draw(rgba, rgba.Bounds(), img, img.Bounds().Min, draw.Src)
	var buf bytes.Buffer
	if err := png.Encode(&buf, rgba); err != nil {
		return nil, "", err
	}
	return buf.Bytes(), format, nil
}

// Output writes the finished document to w. It can be called once; the
// document is complete afterwards.
func (d *Doc) Output(w io.Writer) (err error) {
	if !d.ok() {
		return d.err
	}
	if d.outputDone {
		return errors.New("pdfdraw: Output called twice")
	}
	d.outputDone = true
	for id, a := range d.anchors {
		if a.linked && !a.placed {
			d.err = fmt.Errorf("pdfdraw: anchor %d is linked to but was never placed", id)
			return d.err
		}
	}
	defer func() {
		d.guard()
		if err == nil {
			err = d.err
		}
	}()
	if d.Pages() == 0 {
		d.f.AddPage()
	}
	// fpdf writes pages 1..current: after back-filling an earlier page with
	// SetPage, the last page must be current again or the rest is lost.
	d.f.SetPage(d.Pages())
	if d.deflate != deflateStreams {
		d.f.SetCompression(d.deflate == deflateByFpdf)
		if err := d.f.Output(w); err != nil {
			d.err = fmt.Errorf("pdfdraw: %w", err)
		}
		return d.err
	}
	dw := &deflateWriter{w: w}
	if err := d.f.Output(dw); err != nil {
		d.err = fmt.Errorf("pdfdraw: %w", err)
	} else if dw.calls != 1 {
		d.err = errors.New("pdfdraw: the PDF writer wrote nothing")
	}
	return d.err
}

// metaText prepares s for a PDF text string written as UTF-16 by fpdf
// (title, author, bookmarks): valid UTF-8, only the Basic Multilingual Plane
// (fpdf's converter would corrupt the rest), no control or format
// characters. Viewers draw these with their own fonts, so the book's font
// coverage does not apply.
func metaText(s string) string {
	s = strings.ToValidUTF8(s, "\uFFFD")
	return strings.Map(func(r rune) rune {
		switch {
		case r > 0xFFFF:
			return utf8.RuneError
		case fonts.Invisible(r):
			if r == '\t' || r == '\n' || r == '\r' {
				return ' '
			}
			return -1
		}
		return r
	}, s)
}

// langTag keeps a language tag to the characters BCP 47 allows, since fpdf
// writes it into the catalog unescaped; "es_AR" becomes "es-AR".
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
