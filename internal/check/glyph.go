package check

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"

	"catalog/internal/diag"
	"catalog/internal/fonts"
	"catalog/internal/model"
)

// RuleGlyph reports characters that the PDF book's fonts cannot draw.
var RuleGlyph = &diag.Rule{ID: "glyph", Severity: diag.Warning,
	Doc: "A character that the PDF book's embedded fonts cannot draw (an emoji, a script the fonts lack): the book prints `?` in its place. Reported once per character and file."}

// glyphs reports the characters of text that the book cannot draw: a
// stretch of them (a word in a script the fonts lack) as one problem, and
// each character only the first time in a file (seen holds those).
//
// The body is []byte and the front matter's fields are strings; the body
// is not copied into a string for it.
func glyphs[T string | []byte](text T, seen *map[rune]bool, report func(off int, chars string)) {
	start, chars := -1, []rune(nil)
	flush := func() {
		if start >= 0 && len(chars) > 0 {
			report(start, string(chars))
		}
		start, chars = -1, nil
	}
	prev := rune(0)
	for i := 0; i < len(text); {
		c := text[i]
		if c < utf8.RuneSelf {
			if start >= 0 && c != ' ' {
				flush() // a character the book draws ends the stretch
			}
			i++
			if start < 0 {
				// Nothing to report is pending: pass the rest of the ASCII.
				for i < len(text) && text[i] < utf8.RuneSelf {
					i++
				}
				c = text[i-1]
			}
			prev = rune(c)
			continue
		}
		// At most 4 bytes: converting them to a string does not allocate.
		r, size := utf8.DecodeRuneInString(string(text[i:min(i+utf8.UTFMax, len(text))]))
		switch {
		case excused(prev, r):
			flush()
		case !(*seen)[r]:
			if *seen == nil {
				*seen = map[rune]bool{}
			}
			(*seen)[r] = true
			if start < 0 {
				start = i
			}
			chars = append(chars, r)
		}
		prev = r
		i += size
	}
	flush()
}

// excused reports a character that glyphs does not report, after prev:
// not a character (invalid UTF-8), invisible, drawn, or drawn composed with
// the letter before it.
func excused(prev, r rune) bool {
	return drawn(r) || composes(prev, r)
}

// drawn reports a character that glyphs does not report, whatever comes
// before it: not a character (invalid UTF-8), drawn, or invisible.
func drawn(r rune) bool {
	return r == utf8.RuneError || fonts.Covers(r) || fonts.Invisible(r)
}

// composes reports a combining mark that, with the letter before it,
// makes a letter the fonts have: the book composes text before drawing it
// ("e" + U+0301 is drawn "é").
func composes(prev, r rune) bool {
	if !unicode.Is(unicode.Mn, r) || prev == 0 {
		return false
	}
	c := []rune(norm.NFC.String(string(prev) + string(r)))
	return len(c) == 1 && fonts.Covers(c[0])
}

// runeCodes are the code points of chars, for a message: "U+1F600 U+2764".
func runeCodes(chars string) string {
	var codes []string
	for _, r := range chars {
		codes = append(codes, fmt.Sprintf("U+%04X", r))
	}
	return strings.Join(codes, " ")
}

// frontGlyphs checks the front matter's text fields.
func (ps *pass) frontGlyphs(t *model.Text, fields []textField, seen *map[rune]bool) {
	for _, f := range fields {
		glyphs(f.value, seen, func(_ int, chars string) {
			ps.warnAt(t, RuleGlyph, f.path(), "the PDF book's fonts have no %q (%s): the book prints \"?\" instead; write it another way", chars, runeCodes(chars))
		})
	}
}
