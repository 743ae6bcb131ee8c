package pdfdraw

import (
	"bytes"
	"math"
	"math/rand/v2"
	"slices"
	"strconv"
	"strings"
	"testing"

	"catalog/internal/fonts"
)

// shownGlyphs returns the glyph IDs of the strings shown in a content
// stream (by Tj or '), undoing the literal-string escapes and the glyph
// codes of codes.go. Only shown text
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
	// Codes: a byte below 0xC0 is a glyph ID; a byte from 0xC0 begins
	// the two-byte code 0xC000 + ID.
	var out []uint16
	for i := 0; i < len(raw); i++ {
		if raw[i] < oneByteGlyphs {
			out = append(out, uint16(raw[i]))
			continue
		}
		if i+1 == len(raw) {
			t.Fatalf("string ends within a two-byte code")
		}
		out = append(out, (uint16(raw[i])<<8|uint16(raw[i+1]))-0xC000)
		i++
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

// textStarts replays the text positioning operators of a content stream
// (BT, ET, Td, TD, TL, ') and returns where each string is shown, in
// hundredths of a point. Numbers are read as the decimals they are.
func textStarts(t *testing.T, content string) [][2]int64 {
	t.Helper()
	var out [][2]int64
	var x, y, tl int64
	inText := false
	var nums []int64
	num := func(s string) int64 {
		v, err := strconv.ParseFloat(s, 64)
		if err != nil {
			t.Fatalf("operand %q: %v", s, err)
		}
		return int64(math.Round(v * 100))
	}
	for _, line := range strings.Split(content, "\n") {
		for tok := range strings.FieldsSeq(line) {
			switch {
			case strings.HasPrefix(tok, "("):
				// A shown string: its position is the line start.
				if !inText {
					t.Fatalf("string outside BT … ET: %q", line)
				}
				if strings.HasSuffix(line, ")'") {
					y -= tl
				}
				out = append(out, [2]int64{x, y})
				nums = nums[:0]
			case tok == "BT":
				if inText {
					t.Fatalf("BT within a text object")
				}
				inText, x, y = true, 0, 0
			case tok == "ET":
				inText = false
			case tok == "Td", tok == "TD":
				x, y = x+nums[len(nums)-2], y+nums[len(nums)-1]
				if tok == "TD" {
					tl = -nums[len(nums)-1]
				}
				nums = nums[:0]
			case tok == "TL":
				tl = nums[len(nums)-1]
			case tok[0] == '/' || tok[0] >= 'a' && tok[0] <= 'z' || tok[0] >= 'A' && tok[0] <= 'Z':
				if tok[0] != '/' && inText && tok != "Tf" && tok != "rg" && tok != "Tj" {
					t.Fatalf("%s within a text object", tok)
				}
				nums = nums[:0]
			default:
				nums = append(nums, num(tok))
			}
			if strings.HasPrefix(tok, "(") {
				break // the rest of the line is the string and its operator
			}
		}
	}
	if inText {
		t.Fatalf("text object not ended")
	}
	return out
}

// TestTextPositions: text drawn one run after another, across font,
// colour and line changes and graphics between them, is shown exactly
// where an absolute position would put it, rounded to 0.01 pt.
func TestTextPositions(t *testing.T) {
	d, err := New(Options{})
	if err != nil {
		t.Fatal(err)
	}
	d.AddPage()
	rng := rand.New(rand.NewPCG(1, 2))
	var want [][2]int64
	x, y := 22.0, 26.0
	for i := range 400 {
		switch rng.IntN(6) {
		case 0: // the next line
			x, y = 22, y+5.115
		case 1: // further along the line
			x += rng.Float64() * 50
		case 2: // anywhere, even off the page
			x, y = rng.Float64()*300-50, rng.Float64()*400-50
		case 3:
			d.Line(0, y, 100, y, 0.2, red)
		case 4:
			y += 5.115 // the same leading again
		}
		st := Style(rng.IntN(numStyles))
		c := black
		if i%7 == 0 {
			c = red
		}
		// E, F and y are glyphs 40, 41 and 92, whose one-byte codes are
		// ( ) and \ and must be escaped. (No apostrophe: its code is a
		// line feed, which the parser above does not expect.)
		d.Text(x, y, "Línea (Ey F) \\", st, 9+float64(rng.IntN(3)), c)
		want = append(want, [2]int64{hundredths(x * k), hundredths((297 - y) * k)})
	}
	var buf bytes.Buffer
	if err := d.Output(&buf); err != nil {
		t.Fatal(err)
	}
	content := chunks(t, buf.Bytes(), 1)[0]
	got := textStarts(t, content)
	if !slices.Equal(got, want) {
		for i := range min(len(got), len(want)) {
			if got[i] != want[i] {
				t.Fatalf("string %d shown at %v, want %v", i, got[i], want[i])
			}
		}
		t.Fatalf("%d strings shown, want %d", len(got), len(want))
	}
	if !strings.Contains(content, ")'\n") || !strings.Contains(content, " TD (") {
		t.Errorf("no line was shown with ' or placed with TD:\n%s", content)
	}
	pdfcpuValidate(t, buf.Bytes(), 1)
}
