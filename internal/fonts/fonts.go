// Package fonts owns the TrueType fonts embedded in the PDF book and knows
// which characters they can draw.
//
// The book's text is set in Liberation Serif (github.com/go-fonts/liberation,
// SIL Open Font License 1.1) in four styles: a report face (metrics of
// Times) whose lining figures have serifs of the text's kind, so that
// "26.842" and "2012–2017" read as part of a sentence, not typewritten. Its
// figures are all half an em wide (tabular, as Times's are; neither it nor
// DejaVu has proportional ones by default), so columns of numbers align. Code and identifiers are set in Go Mono (golang.org/x/image/font/
// gofont, BSD licence) in two styles. A character is drawable only when every
// style has a glyph for it, mono included, so that a word keeps its letters
// whether it is set in body text, a heading, emphasis or code: Liberation
// Serif has Greek, Cyrillic and more than Go Mono, and the few characters Go
// Mono has and Liberation Serif lacks are refused as well.
// validate reports the characters Covers refuses; the book renderer passes
// every string through Drawable so that such a character becomes '?' instead
// of a blank box or a failed build.
package fonts

import (
	"bytes"
	"fmt"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/go-fonts/liberation/liberationserifbold"
	"github.com/go-fonts/liberation/liberationserifbolditalic"
	"github.com/go-fonts/liberation/liberationserifitalic"
	"github.com/go-fonts/liberation/liberationserifregular"
	"golang.org/x/image/font/gofont/gomono"
	"golang.org/x/image/font/gofont/gomonobold"
	"golang.org/x/image/font/sfnt"
	"golang.org/x/text/unicode/norm"
)

// Style selects one of the book's fonts.
type Style uint8

// The styles of the book. Mono and MonoBold are for code and identifiers.
const (
	Regular Style = iota
	Bold
	Italic
	BoldItalic
	Mono
	MonoBold
)

// numStyles is the number of styles; Style values are 0..numStyles-1.
const numStyles = int(MonoBold) + 1

var styleNames = [numStyles]string{"regular", "bold", "italic", "bold-italic", "mono", "mono-bold"}

func (s Style) String() string {
	if int(s) < numStyles {
		return styleNames[s]
	}
	return fmt.Sprintf("Style(%d)", uint8(s))
}

var ttfs = [numStyles][]byte{
	Regular:    liberationserifregular.TTF,
	Bold:       liberationserifbold.TTF,
	Italic:     liberationserifitalic.TTF,
	BoldItalic: liberationserifbolditalic.TTF,
	Mono:       gomono.TTF,
	MonoBold:   gomonobold.TTF,
}

// TTF returns a private copy of the TrueType file of style s (Regular for an
// unknown style). A copy, so that no caller can change the fonts that every
// document of the process shares.
func TTF(s Style) []byte {
	if int(s) >= numStyles {
		s = Regular
	}
	return bytes.Clone(ttfs[s])
}

// glyphs is a bitmap of the Basic Multilingual Plane: bit r is set when
// every style has a glyph for r. Building it takes one cmap lookup per rune
// and font (a few milliseconds), once per process; afterwards Covers is a
// shift and a mask, cheap enough for validate to call it on every character
// of every practice.
var glyphs = sync.OnceValue(func() *[0x10000 / 64]uint64 {
	var bits [0x10000 / 64]uint64
	for r := range bits {
		bits[r] = ^uint64(0)
	}
	var buf sfnt.Buffer
	for s := range numStyles {
		f, err := sfnt.Parse(ttfs[s])
		if err != nil {
			// The fonts are embedded at build time; a parse failure is a
			// broken build, not a condition a user could act on.
			panic(fmt.Sprintf("fonts: parsing embedded %s font: %v", Style(s), err))
		}
		for r := rune(0); r < 0x10000; r++ {
			if bits[r>>6]&(1<<(r&63)) == 0 {
				continue
			}
			if gi, err := f.GlyphIndex(&buf, r); err != nil || gi == 0 {
				bits[r>>6] &^= 1 << (r & 63)
			}
		}
	}
	return &bits
})

func hasGlyph(r rune) bool {
	return r >= 0 && r <= 0xFFFF && glyphs()[r>>6]&(1<<(r&63)) != 0
}

// substitute returns the covered character drawn in place of r when the
// fonts lack r but have one that looks the same at body-text sizes, or 0.
// These are the typographic spaces and hyphens that careful writers (and
// French typography, with its narrow no-break space before « ; : ? ! ») put
// in text; drawing them as '?' would punish correct typing.
func substitute(r rune) rune {
	switch r {
	case 0x2007, 0x202F: // figure space, narrow no-break space
		return 0x00A0
	case 0x1680, 0x2000, 0x2001, 0x2002, 0x2003, 0x2004, 0x2005, 0x2006,
		0x2008, 0x2009, 0x200A, 0x205F, 0x3000: // other spaces
		return ' '
	case 0x2010, 0x2011: // hyphen, non-breaking hyphen
		return '-'
	case 0x2012: // figure dash
		return 0x2013
	}
	return 0
}

// Covers reports whether the book can draw r as written: every style's font
// has a glyph for r, or for a character that looks the same (a typographic
// space or hyphen, see Drawable). Runes above U+FFFF are never covered: the
// fonts have no glyph there (emoji among them). Characters that
// Invisible reports are not covered either; Drawable removes them.
func Covers(r rune) bool {
	return hasGlyph(r) || substitute(r) != 0
}

// Invisible reports whether Drawable removes r: control characters
// (including tab and newline), format characters (U+200B zero width space,
// U+00AD soft hyphen, U+FEFF, U+200D zero width joiner, direction marks…),
// line and paragraph separators, and variation selectors. None of them has
// a glyph, and the book draws laid-out lines, so a checker should not report
// them as characters the fonts miss.
func Invisible(r rune) bool {
	if r < 0x80 {
		return r < 0x20 || r == 0x7F
	}
	return unicode.In(r, unicode.Cc, unicode.Cf, unicode.Zl, unicode.Zp) ||
		unicode.Is(unicode.Variation_Selector, r)
}

// Drawable returns s as the book can draw it: composed to NFC (so a letter
// typed as base + combining accent becomes the precomposed letter the fonts
// have), with every Invisible character removed, typographic spaces and
// hyphens the fonts lack replaced by their look-alikes, and every other rune
// that Covers refuses, including bytes that are not valid UTF-8, replaced by
// '?'. Callers lay out lines and expand tabs before drawing.
func Drawable(s string) string {
	if asIs(s) {
		return s
	}
	return drawable(s)
}

// drawable is Drawable the long way, for any string.
func drawable(s string) string {
	if !norm.NFC.IsNormalString(s) {
		s = norm.NFC.String(s)
	}
	out := make([]byte, 0, len(s))
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		i += size
		switch {
		case r == utf8.RuneError && size <= 1:
			out = append(out, '?')
		case r >= 0x20 && r < 0x7F:
			out = append(out, byte(r))
		case Invisible(r):
			// removed
		case hasGlyph(r):
			out = utf8.AppendRune(out, r)
		case substitute(r) != 0:
			out = utf8.AppendRune(out, substitute(r))
		default:
			out = append(out, '?')
		}
	}
	return string(out)
}

// asIs reports whether Drawable would return s unchanged, for the strings
// most text is made of: every rune below U+0300, where nothing needs
// composing, and drawn as it is. Others take the long way.
func asIs(s string) bool {
	plain := plainRunes()
	for _, r := range s {
		if r >= rune(len(plain)) || !plain[r] {
			return false
		}
	}
	return true
}

// plainRunes says, for each rune below U+0300, whether Drawable keeps it as
// it is: printable ASCII, or a rune the fonts have that is not Invisible.
// Below U+0300 there are no combining marks, so such runes are in NFC
// whatever surrounds them.
var plainRunes = sync.OnceValue(func() *[0x300]bool {
	var plain [0x300]bool
	for r := range rune(len(plain)) {
		plain[r] = r >= 0x20 && r < 0x7F || !Invisible(r) && hasGlyph(r)
	}
	return &plain
})
