package fonts

import (
	"bytes"
	"sync"
	"testing"

	"golang.org/x/image/font/sfnt"
)

// spanish is what a Spanish-language catalog needs beyond ASCII, plus the
// typographic punctuation editors paste from word processors.
const spanish = "áéíóúñü¿¡ÁÉÍÓÚÑÜ“”‘’«»–—…·•€"

func TestTTFParses(t *testing.T) {
	for s := Regular; s <= MonoBold; s++ {
		if _, err := sfnt.Parse(TTF(s)); err != nil {
			t.Errorf("%s: %v", s, err)
		}
	}
	if !bytes.Equal(TTF(Style(200)), TTF(Regular)) {
		t.Error("unknown style should fall back to Regular")
	}
	// Each call returns its own copy: the PDF writer scribbles on it.
	a := TTF(Mono)
	a[0] ^= 0xFF
	if b := TTF(Mono); b[0] == a[0] {
		t.Error("TTF returns a shared slice")
	}
}

func TestCoversSpanishAndASCII(t *testing.T) {
	for _, r := range spanish {
		if !Covers(r) {
			t.Errorf("Covers(%U %q) = false, want true", r, r)
		}
	}
	// Drawable's ASCII fast path relies on this.
	for r := rune(0x20); r < 0x7F; r++ {
		if !hasGlyph(r) {
			t.Errorf("printable ASCII %U has no glyph in every style", r)
		}
	}
}

func TestCoversRefuses(t *testing.T) {
	for _, r := range []rune{
		0x1F600,  // 😀: above the BMP, where the fonts have no glyph
		0x10000,  // first rune above the BMP
		0x2713,   // ✓: in no font of the book
		0x222A,   // ∪: in Go Mono, not in Liberation Serif
		0x2070,   // ⁰: in Go Mono, not in Liberation Serif
		0x200B,   // zero width space: format character, no glyph
		0xE000,   // private use
		-1,       // not a rune
		0x110000, // beyond Unicode
	} {
		if Covers(r) {
			t.Errorf("Covers(%U) = true, want false", r)
		}
	}
}

func TestCoversAgreesWithFonts(t *testing.T) {
	// The bitmap must say exactly what the fonts say, for every style.
	var fs []*sfnt.Font
	for s := Regular; s <= MonoBold; s++ {
		f, err := sfnt.Parse(TTF(s))
		if err != nil {
			t.Fatal(err)
		}
		fs = append(fs, f)
	}
	var buf sfnt.Buffer
	for _, r := range "aZ ñ€“…→ĀЯω✓↩⇒★\u2009\u00a0" {
		want := true
		for _, f := range fs {
			if gi, err := f.GlyphIndex(&buf, r); err != nil || gi == 0 {
				want = false
			}
		}
		if got := hasGlyph(r); got != want {
			t.Errorf("hasGlyph(%U) = %v, fonts say %v", r, got, want)
		}
	}
}

func TestCoversConcurrent(t *testing.T) {
	var wg sync.WaitGroup
	for range 8 {
		wg.Go(func() {
			for _, r := range spanish {
				if !Covers(r) {
					t.Errorf("Covers(%U) = false", r)
				}
			}
		})
	}
	wg.Wait()
}

func TestDrawable(t *testing.T) {
	tests := []struct{ in, want string }{
		{"plain ASCII text.", "plain ASCII text."},
		{"", ""},
		{"Capítulo Ñandú: “¿qué?” — ¡sí! 5 €…", "Capítulo Ñandú: “¿qué?” — ¡sí! 5 €…"},
		{"zero\u200bwidth", "zerowidth"},
		{"soft\u00adhyphen", "softhyphen"},
		{"\ufeffbom", "bom"},
		{"tab\tand\nnewline\r", "tabandnewline"},
		{"joiner\u200d\u200e", "joiner"},
		{"emoji 😀!", "emoji ?!"},
		{"heart ❤️", "heart ?"}, // U+2764 then variation selector 16
		{"check ✓", "check ?"},
		{"bad \xff byte", "bad ? byte"},
		{"decomposed e\u0301 n\u0303", "decomposed é ñ"},
		{"narrow\u202fno-break", "narrow\u00a0no-break"},
		{"thin\u2009space", "thin space"},
		{"non\u2011breaking", "non-breaking"},
		{"private \ue000", "private ?"},
	}
	for _, tt := range tests {
		if got := Drawable(tt.in); got != tt.want {
			t.Errorf("Drawable(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// TestDrawableShortcut holds the shortcut for common text to the long way:
// every rune below U+0300 that the shortcut keeps as it is, the long way
// keeps too, alone and before a combining accent (which the shortcut
// leaves to the long way).
func TestDrawableShortcut(t *testing.T) {
	kept := 0
	for r := range rune(0x300) {
		s := string(r)
		if !asIs(s) {
			continue
		}
		kept++
		if got := drawable(s); got != s {
			t.Errorf("%U: the shortcut keeps it, the long way makes it %q", r, got)
		}
		if asIs(s + "\u0301") {
			t.Errorf("%U + U+0301: the shortcut keeps a combining accent", r)
		}
	}
	if kept < 0x7F-0x20+90 {
		t.Errorf("the shortcut keeps only %d runes below U+0300; ASCII and Latin-1 letters are more", kept)
	}
}

func TestDrawableOutputIsCovered(t *testing.T) {
	in := "a\u200b😀\u2009✓é\u00ad\xfe\u202f→\x00"
	for _, r := range Drawable(in) {
		if !hasGlyph(r) {
			t.Errorf("Drawable(%q) contains %U, which has no glyph", in, r)
		}
	}
}

func TestInvisible(t *testing.T) {
	for _, r := range "\t\n\x00\u200b\u00ad\ufeff\u200d\u2028\ufe0f" {
		if !Invisible(r) {
			t.Errorf("Invisible(%U) = false", r)
		}
	}
	for _, r := range " aé\u00a0€" {
		if Invisible(r) {
			t.Errorf("Invisible(%U) = true", r)
		}
	}
}

func BenchmarkCovers(b *testing.B) {
	Covers('a')
	text := []rune("Capítulo Ñandú: “¿qué?” — ¡sí! La práctica protege a las víctimas de trata…")
	b.ResetTimer()
	for b.Loop() {
		for _, r := range text {
			if !Covers(r) {
				b.Fatal(r)
			}
		}
	}
}

func BenchmarkDrawable(b *testing.B) {
	text := "Capítulo Ñandú: “¿qué?” — ¡sí! La práctica protege a las víctimas de trata…"
	for b.Loop() {
		Drawable(text)
	}
}
