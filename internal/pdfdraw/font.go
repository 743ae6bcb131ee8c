package pdfdraw

// The book's fonts, read once per process: the TrueType tables a PDF needs,
// the metrics of the font descriptor, a rune → glyph table for the Basic
// Multilingual Plane and every glyph's advance width. All of it is
// read-only after loading and shared by every document; what a document
// used (glyphs, their Unicode values) is kept in fontUse.

import (
	"encoding/binary"
	"errors"
	"fmt"
	"math"
	"sync"

	"golang.org/x/image/font/sfnt"

	"catalog/internal/fonts"
)

const numStyles = int(fonts.MonoBold) + 1

// psNames are the PostScript names of the fonts (as their name tables say),
// the base of each subset's /BaseFont.
var psNames = [numStyles]string{
	fonts.Regular:    "LiberationSerif",
	fonts.Bold:       "LiberationSerif-Bold",
	fonts.Italic:     "LiberationSerif-Italic",
	fonts.BoldItalic: "LiberationSerif-BoldItalic",
	fonts.Mono:       "GoMono",
	fonts.MonoBold:   "GoMonoBold",
}

// fontData is one TrueType font, parsed.
type fontData struct {
	ttf       []byte
	tables    map[string][]byte // by tag, slices of ttf
	upem      int
	numGlyphs int
	adv       []uint16 // advance width of each glyph, font units
	lsb       []int16  // left side bearing of each glyph, font units
	loca      []uint32 // glyph offsets into glyf, numGlyphs+1
	cmap      []uint16 // glyph of each rune of the BMP; 0 = none

	// plainAdv is, for each rune below U+0300 that fonts.Drawable keeps
	// as it is whatever surrounds it, the advance of its glyph; -1 for the
	// others. Measure adds these up in one pass for most strings, instead
	// of calling fonts.Drawable and then looking each rune up.
	plainAdv [0x300]int32

	// Font descriptor metrics in font units, as the tables say.
	ascent, descent, capHeight int
	bbox                       [4]int
	italicAngle                float64
	fixedPitch                 bool
	weight                     int
}

var fontCache [numStyles]struct {
	once sync.Once
	f    *fontData
	err  error
}

// loadFont returns the parsed font of st (Regular for an unknown style).
func loadFont(st Style) (*fontData, error) {
	if int(st) >= numStyles {
		st = Regular
	}
	c := &fontCache[st]
	c.once.Do(func() {
		c.f, c.err = parseFont(fonts.TTF(st))
		if c.err != nil {
			c.err = fmt.Errorf("pdfdraw: parsing the %s font: %w", st, c.err)
			return
		}
		c.f.setPlain()
	})
	return c.f, c.err
}

var errFont = errors.New("malformed TrueType font")

// parseFont reads the tables of a TrueType (glyf) font that the PDF writer
// needs. It checks every offset it follows.
func parseFont(ttf []byte) (*fontData, error) {
	be := binary.BigEndian
	if len(ttf) < 12 || be.Uint32(ttf) != 0x00010000 {
		return nil, fmt.Errorf("%w: not a TrueType outline font", errFont)
	}
	n := int(be.Uint16(ttf[4:]))
	if len(ttf) < 12+16*n {
		return nil, fmt.Errorf("%w: table directory cut short", errFont)
	}
	f := &fontData{ttf: ttf, tables: map[string][]byte{}}
	for i := range n {
		rec := ttf[12+16*i:]
		tag := string(rec[:4])
		off, length := uint64(be.Uint32(rec[8:])), uint64(be.Uint32(rec[12:]))
		if off+length > uint64(len(ttf)) {
			return nil, fmt.Errorf("%w: table %q beyond the end of the file", errFont, tag)
		}
		f.tables[tag] = ttf[off : off+length]
	}
	for _, tag := range []string{"head", "hhea", "hmtx", "maxp", "loca", "glyf"} {
		if f.tables[tag] == nil {
			return nil, fmt.Errorf("%w: no %q table", errFont, tag)
		}
	}

	head := f.tables["head"]
	if len(head) < 54 {
		return nil, fmt.Errorf("%w: short head table", errFont)
	}
	f.upem = int(be.Uint16(head[18:]))
	if f.upem < 16 || f.upem > 16384 {
		return nil, fmt.Errorf("%w: unitsPerEm %d", errFont, f.upem)
	}
	for i := range 4 {
		f.bbox[i] = int(int16(be.Uint16(head[36+2*i:])))
	}
	longLoca := be.Uint16(head[50:]) != 0

	maxp := f.tables["maxp"]
	if len(maxp) < 6 {
		return nil, fmt.Errorf("%w: short maxp table", errFont)
	}
	f.numGlyphs = int(be.Uint16(maxp[4:]))
	if f.numGlyphs == 0 {
		return nil, fmt.Errorf("%w: no glyphs", errFont)
	}
	if f.numGlyphs > maxGlyphs {
		return nil, fmt.Errorf("%w: %d glyphs, more than the %d the glyph codes address", errFont, f.numGlyphs, maxGlyphs)
	}

	hhea := f.tables["hhea"]
	if len(hhea) < 36 {
		return nil, fmt.Errorf("%w: short hhea table", errFont)
	}
	f.ascent = int(int16(be.Uint16(hhea[4:])))
	f.descent = int(int16(be.Uint16(hhea[6:])))
	numHMetrics := int(be.Uint16(hhea[34:]))
	hmtx := f.tables["hmtx"]
	if numHMetrics == 0 || numHMetrics > f.numGlyphs || len(hmtx) < 4*numHMetrics {
		return nil, fmt.Errorf("%w: %d horizontal metrics for %d glyphs", errFont, numHMetrics, f.numGlyphs)
	}
	f.adv = make([]uint16, f.numGlyphs)
	f.lsb = make([]int16, f.numGlyphs)
	for g := range f.adv {
		if g < numHMetrics {
			f.adv[g] = be.Uint16(hmtx[4*g:])
			f.lsb[g] = int16(be.Uint16(hmtx[4*g+2:]))
		} else {
			f.adv[g] = f.adv[numHMetrics-1]
			if at := 4*numHMetrics + 2*(g-numHMetrics); at+2 <= len(hmtx) {
				f.lsb[g] = int16(be.Uint16(hmtx[at:]))
			}
		}
	}

	loca, glyf := f.tables["loca"], f.tables["glyf"]
	f.loca = make([]uint32, f.numGlyphs+1)
	for g := range f.loca {
		var off uint32
		if longLoca {
			if len(loca) < 4*(g+1) {
				return nil, fmt.Errorf("%w: short loca table", errFont)
			}
			off = be.Uint32(loca[4*g:])
		} else {
			if len(loca) < 2*(g+1) {
				return nil, fmt.Errorf("%w: short loca table", errFont)
			}
			off = 2 * uint32(be.Uint16(loca[2*g:]))
		}
		if off > uint32(len(glyf)) || g > 0 && off < f.loca[g-1] {
			return nil, fmt.Errorf("%w: glyph %d has a bad offset", errFont, g)
		}
		f.loca[g] = off
	}

	f.capHeight = f.ascent
	f.weight = 400
	if os2 := f.tables["OS/2"]; len(os2) >= 78 {
		f.weight = int(be.Uint16(os2[4:]))
		if be.Uint16(os2) >= 2 && len(os2) >= 90 {
			f.capHeight = int(int16(be.Uint16(os2[88:])))
		}
	}
	if post := f.tables["post"]; len(post) >= 16 {
		f.italicAngle = float64(int32(be.Uint32(post[4:]))) / 65536
		f.fixedPitch = be.Uint32(post[12:]) != 0
	}

	sf, err := sfnt.Parse(ttf)
	if err != nil {
		return nil, err
	}
	var buf sfnt.Buffer
	f.cmap = make([]uint16, 0x10000)
	for r := range rune(0x10000) {
		gi, err := sf.GlyphIndex(&buf, r)
		if err == nil && int(gi) < f.numGlyphs {
			f.cmap[r] = uint16(gi)
		}
	}
	return f, nil
}

// setPlain fills f.plainAdv. Below U+0300 there are no combining marks,
// so a rune that Drawable keeps alone it keeps in any string.
func (f *fontData) setPlain() {
	for r := range rune(len(f.plainAdv)) {
		f.plainAdv[r] = -1
		if s := string(r); fonts.Drawable(s) == s {
			f.plainAdv[r] = int32(f.adv[f.glyph(r)])
		}
	}
}

// glyph returns the glyph of r, 0 (.notdef) when the font lacks it.
func (f *fontData) glyph(r rune) uint16 {
	if r < 0 || int(r) >= len(f.cmap) {
		return 0
	}
	return f.cmap[r]
}

// flags returns the font descriptor's /Flags: symbolic (the glyphs are
// addressed by ID, not a standard encoding), italic, fixed pitch and force
// bold as the tables say.
func (f *fontData) flags() int {
	fl := 4
	if f.fixedPitch {
		fl |= 1
	}
	if f.italicAngle != 0 {
		fl |= 64
	}
	if f.weight >= 600 {
		fl |= 1 << 18
	}
	return fl
}

// stemV estimates the dominant stem width from the weight class, as
// fpdf does (PDF readers use it only for substitution).
func (f *fontData) stemV() int {
	return 50 + int(math.Pow(float64(f.weight)/65, 2))
}

// em1000 scales font units to the 1/1000 em of PDF glyph space.
func (f *fontData) em1000(v int) float64 { return float64(v) * 1000 / float64(f.upem) }

// fontUse is what a document drew with one font.
type fontUse struct {
	f *fontData
	// used marks the glyphs drawn; uni is the Unicode value given to each
	// in the ToUnicode map: the smallest rune drawn with it.
	used []bool
	uni  []rune
	any  bool
}

func newFontUse(f *fontData) *fontUse {
	return &fontUse{f: f, used: make([]bool, f.numGlyphs), uni: make([]rune, f.numGlyphs)}
}

// mark records that glyph g was drawn for r.
func (u *fontUse) mark(g uint16, r rune) {
	if !u.used[g] {
		u.used[g] = true
		u.uni[g] = r
		u.any = true
	} else if r < u.uni[g] {
		u.uni[g] = r
	}
}
