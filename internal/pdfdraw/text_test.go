package pdfdraw

import (
	"bytes"
	"math"
	"slices"
	"testing"

	"catalog/internal/fonts"
)

// shownGlyphs returns the glyph IDs of the strings shown in a content
// stream (by Tj or '), undoing the literal-string escapes. Only shown text
// has strings in the content the writer makes.
func shownGlyphs(t testing.TB, content []byte) []uint16 {
	t.Helper()
	var raw []byte
	for {
		i := bytes.IndexByte(content, '(')
		if i < 0 {
			break
		}
		if bytes.IndexByte(content[:i], ')') >= 0 {
			t.Fatalf("unbalanced ) outside a string: %q", content[:i])
		}
		content = content[i+1:]
		for j := 0; ; j++ {
			if j >= len(content) {
				t.Fatalf("unterminated string")
			}
			c := content[j]
			if c == '\\' {
				j++
				switch content[j] {
				case 'r':
					raw = append(raw, '\r')
				case 'n':
					raw = append(raw, '\n')
				default:
					raw = append(raw, content[j])
				}
				continue
			}
			if c == ')' {
				if !bytes.HasPrefix(content[j:], []byte(") Tj\n")) && !bytes.HasPrefix(content[j:], []byte(")'\n")) {
					t.Fatalf("string not followed by Tj or ': %q", content[j:min(j+20, len(content))])
				}
				content = content[j+1:]
				break
			}
			if c == '(' || c == '\r' {
				t.Fatalf("unescaped %q in a string", c)
			}
			raw = append(raw, c)
		}
	}
	if bytes.IndexByte(content, ')') >= 0 {
		t.Fatalf("unbalanced ) outside a string: %q", content)
	}
	if len(raw)%2 != 0 {
		t.Fatalf("odd string length %d", len(raw))
	}
	var out []uint16
	for i := 0; i < len(raw); i += 2 {
		out = append(out, uint16(raw[i])<<8|uint16(raw[i+1]))
	}
	return out
}

// TestEveryGlyph draws every rune the book can draw, in every style, and
// reads the glyph IDs back from the content: every byte value the escaping
// must handle comes up ('(' is glyph 40 and so on).
func TestEveryGlyph(t *testing.T) {
	d, err := New(Options{})
	if err != nil {
		t.Fatal(err)
	}
	var runes []rune
	for r := rune(0x20); r < 0x10000; r++ {
		if fonts.Covers(r) && !fonts.Invisible(r) && (r < 0xD800 || r > 0xDFFF) {
			runes = append(runes, r)
		}
	}
	s := fonts.Drawable(string(runes))
	d.AddPage()
	for st := Regular; st <= MonoBold; st++ {
		d.Text(10, 10, s, st, 10, black)
	}
	var buf bytes.Buffer
	if err := d.Output(&buf); err != nil {
		t.Fatal(err)
	}
	pdf := buf.Bytes()
	got := shownGlyphs(t, []byte(chunks(t, pdf, 1)[0]))
	var want []uint16
	for st := Regular; st <= MonoBold; st++ {
		f, _ := loadFont(st)
		for _, r := range s {
			g := f.glyph(r)
			if g == 0 {
				t.Errorf("%s: no glyph for %U", st, r)
			}
			want = append(want, g)
		}
	}
	if !slices.Equal(got, want) {
		t.Errorf("the content shows %d glyphs, want %d (or different ones)", len(got), len(want))
	}
	pdfcpuValidate(t, pdf, 1)
	qpdfCheck(t, pdf)
	t.Logf("%d runes, %d bytes", len([]rune(s)), len(pdf))
}

// FuzzText: any string in any style at any position draws the glyphs of
// fonts.Drawable(s), Measure is the sum of their advances, and the
// document still writes.
func FuzzText(f *testing.F) {
	f.Add("Protección (de) \\víctimas\r\n", uint8(0), 10.0, 20.0, 11.0)
	f.Add("\xff\xfe😀\u200b\u00ad", uint8(7), math.NaN(), math.Inf(1), -3.0)
	f.Add("()()\\\\", uint8(4), -1e300, 1e300, 0.0)
	f.Fuzz(func(t *testing.T, s string, style uint8, x, y, size float64) {
		d, err := New(Options{})
		if err != nil {
			t.Fatal(err)
		}
		st := Style(style)
		d.AddPage()
		d.Text(x, y, s, st, size, red)
		m := d.Measure(s, st, size)
		font := d.font(st)
		units := 0
		var want []uint16
		for _, r := range fonts.Drawable(s) {
			g := font.f.glyph(r)
			units += int(font.f.adv[g])
			want = append(want, g)
		}
		if exp := float64(units) * size / float64(font.f.upem) * ptToMM; m != exp && !(math.IsNaN(m) && math.IsNaN(exp)) {
			t.Errorf("Measure = %g, want %g", m, exp)
		}
		var buf bytes.Buffer
		if err := d.Output(&buf); err != nil {
			t.Fatal(err)
		}
		var got []uint16
		if c := chunks(t, buf.Bytes(), 1); len(c) > 0 {
			got = shownGlyphs(t, []byte(c[0]))
		}
		if !slices.Equal(got, want) {
			t.Errorf("drew %v, want %v", got, want)
		}
	})
}
