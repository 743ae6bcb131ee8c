package pdfdraw

import (
	"bytes"
	"encoding/binary"
	"slices"
	"testing"

	"golang.org/x/image/font/sfnt"
	"golang.org/x/image/math/fixed"
)

// composites returns the glyphs of f made of other glyphs.
func composites(f *fontData) []int {
	var out []int
	glyf := f.tables["glyf"]
	for g := range f.numGlyphs {
		data := glyf[f.loca[g]:f.loca[g+1]]
		if len(data) >= 10 && int16(binary.BigEndian.Uint16(data)) < 0 {
			out = append(out, g)
		}
	}
	return out
}

// checkSubset subsets f to keep and checks the result: a valid font with
// the kept glyphs only (keep and their components, after .notdef), in their
// order, each with its outline and advance unchanged, no hinting
// instructions, and a correct checksum adjustment.
func checkSubset(t *testing.T, f *fontData, keep []bool) {
	t.Helper()
	sub, gids := f.subset(keep)
	if got := checksum(sub); got != 0xB1B0AFBA {
		t.Errorf("file checksum %#x, want 0xB1B0AFBA", got)
	}
	sf, err := sfnt.Parse(sub)
	if err != nil {
		t.Fatalf("subset does not parse: %v", err)
	}
	orig, err := sfnt.Parse(f.ttf)
	if err != nil {
		t.Fatal(err)
	}
	kept := f.closure(keep)
	if n := count(kept); sf.NumGlyphs() != n {
		t.Fatalf("subset has %d glyphs, want %d", sf.NumGlyphs(), n)
	}
	var b1, b2 sfnt.Buffer
	ppem := fixed.I(f.upem)
	next := 0
	for g := range f.numGlyphs {
		if !kept[g] {
			if gids[g] != 0 {
				t.Fatalf("glyph %d not kept but numbered %d", g, gids[g])
			}
			continue
		}
		if int(gids[g]) != next {
			t.Fatalf("glyph %d numbered %d, want %d", g, gids[g], next)
		}
		next++
		gi, ni := sfnt.GlyphIndex(g), sfnt.GlyphIndex(gids[g])
		a1, err1 := orig.GlyphAdvance(&b1, gi, ppem, 0)
		a2, err2 := sf.GlyphAdvance(&b2, ni, ppem, 0)
		if err1 != nil || err2 != nil || a1 != a2 {
			t.Fatalf("glyph %d: advance %v (%v) in the subset, %v (%v) in the font", g, a2, err2, a1, err1)
		}
		// A composite glyph's outline is its components': equal outlines
		// mean the components were renumbered right.
		s1, err := orig.LoadGlyph(&b1, gi, ppem, nil)
		if err != nil {
			t.Fatal(err)
		}
		s2, err := sf.LoadGlyph(&b2, ni, ppem, nil)
		if err != nil {
			t.Fatalf("glyph %d does not load from the subset: %v", g, err)
		}
		if !slices.Equal(s1, s2) {
			t.Fatalf("glyph %d's outline changed", g)
		}
	}
	sfd, err := parseFont(sub)
	if err != nil {
		t.Fatalf("subset does not parse: %v", err)
	}
	for _, tag := range []string{"fpgm", "prep", "cvt ", "name", "kern", "GPOS"} {
		if sfd.tables[tag] != nil {
			t.Errorf("subset keeps the %q table", tag)
		}
	}
	if g, n := instructed(sfd); n > 0 {
		t.Errorf("glyph %d of the subset has %d bytes of instructions", g, n)
	}
}

// instructed returns a glyph of f with hinting instructions and their
// length, or 0, 0.
func instructed(f *fontData) (int, int) {
	be := binary.BigEndian
	glyf := f.tables["glyf"]
	for g := range f.numGlyphs {
		data := glyf[f.loca[g]:f.loca[g+1]]
		if len(data) < 10 {
			continue
		}
		if nc := int(int16(be.Uint16(data))); nc >= 0 {
			if at := 10 + 2*nc; at+2 <= len(data) && be.Uint16(data[at:]) != 0 {
				return g, int(be.Uint16(data[at:]))
			}
			continue
		}
		for p := 10; p+4 <= len(data); {
			flags := be.Uint16(data[p:])
			if flags&0x0100 != 0 {
				return g, -1
			}
			p += 6 + 2*int(flags&1) + map[bool]int{true: 2}[flags&0x0008 != 0] +
				map[bool]int{true: 4}[flags&0x0040 != 0] + map[bool]int{true: 8}[flags&0x0080 != 0]
			if flags&0x0020 == 0 {
				if len(data)-p > 3 {
					return g, len(data) - p // bytes after the last component
				}
				break
			}
		}
	}
	return 0, 0
}

func TestSubset(t *testing.T) {
	for st := Regular; st <= MonoBold; st++ {
		f, err := loadFont(st)
		if err != nil {
			t.Fatal(err)
		}
		comp := composites(f)
		keep := make([]bool, f.numGlyphs)
		for _, r := range "Protección de víctimas ÁÉÍÓÚÑ «»—€…" {
			keep[f.glyph(r)] = true
		}
		for _, g := range comp[:min(len(comp), 5)] {
			keep[g] = true
		}
		sub, _ := f.subset(keep)
		t.Logf("%s: %d glyphs, %d composite, subset %d of %d bytes", st, f.numGlyphs, len(comp), len(sub), len(f.ttf))
		if st <= BoldItalic {
			if len(comp) == 0 {
				t.Errorf("%s: no composite glyph; this test needs some", st)
			}
			if g, n := instructed(f); n == 0 {
				t.Errorf("%s: no glyph has instructions; this test needs some", st)
			} else {
				t.Logf("%s: glyph %d has %d bytes of instructions", st, g, n)
			}
		}
		checkSubset(t, f, keep)
		if len(comp) > 0 {
			// The components of a composite glyph are kept.
			one := make([]bool, f.numGlyphs)
			one[comp[0]] = true
			if n := count(f.closure(one)); n < 3 {
				t.Errorf("%s: composite glyph %d keeps %d glyphs", st, comp[0], n)
			}
		}
		checkSubset(t, f, make([]bool, f.numGlyphs)) // only .notdef
		all := make([]bool, f.numGlyphs)
		for i := range all {
			all[i] = true
		}
		checkSubset(t, f, all)
	}
}

func count(b []bool) int {
	n := 0
	for _, v := range b {
		if v {
			n++
		}
	}
	return n
}

func TestSubsetTag(t *testing.T) {
	a, b := make([]bool, 10), make([]bool, 10)
	a[3], b[4] = true, true
	ta, tb := subsetTag("LiberationSerif", a), subsetTag("LiberationSerif", b)
	if ta == tb || ta != subsetTag("LiberationSerif", slices.Clone(a)) || ta == subsetTag("LiberationSerif-Bold", a) {
		t.Errorf("tags %s %s", ta, tb)
	}
	for _, tag := range []string{ta, tb} {
		if len(tag) != 6 || bytes.ContainsFunc([]byte(tag), func(r rune) bool { return r < 'A' || r > 'Z' }) {
			t.Errorf("bad tag %q", tag)
		}
	}
}

// FuzzSubset: any set of glyphs of any style subsets to a font that keeps
// those glyphs' outlines and empties the rest.
func FuzzSubset(f *testing.F) {
	f.Add(uint8(0), []byte("Protección"))
	f.Add(uint8(4), []byte{0, 1, 2, 255, 254})
	f.Fuzz(func(t *testing.T, style uint8, glyphs []byte) {
		font, err := loadFont(Style(style % uint8(numStyles)))
		if err != nil {
			t.Fatal(err)
		}
		keep := make([]bool, font.numGlyphs)
		for i := 0; i+1 < len(glyphs); i += 2 {
			keep[int(binary.BigEndian.Uint16(glyphs[i:]))%font.numGlyphs] = true
		}
		checkSubset(t, font, keep)
	})
}

// TestClosure: a hand-made glyf table checks that the components of composite glyphs are kept, nested
// ones included, and that bad component data is survived.
func TestClosure(t *testing.T) {
	be := binary.BigEndian
	simple := make([]byte, 12) // numberOfContours 1, bbox, …
	be.PutUint16(simple, 1)
	header := func() []byte { b := make([]byte, 10); be.PutUint16(b, 0xFFFF); return b }
	component := func(b []byte, flags, glyph uint16, extra int) []byte {
		b = be.AppendUint16(b, flags)
		b = be.AppendUint16(b, glyph)
		return append(b, make([]byte, extra)...)
	}
	glyphs := [][]byte{
		0: simple, 1: simple, 2: simple, 3: simple,
		// 4 = 1 (word args, scale) + 2 (byte args, 2×2 matrix)
		4: component(component(header(), 0x0001|0x0008|0x0020, 1, 4+2), 0x0080, 2, 2+8),
		5: component(header(), 0, 4, 2),                                   // nested: 5 → 4 → 1, 2
		6: component(header(), 0x0020, 999, 2),                            // out of range, then cut short
		7: component(component(header(), 0x0040|0x0020, 3, 2+4), 0, 7, 2), // itself
	}
	f := &fontData{numGlyphs: len(glyphs), tables: map[string][]byte{}}
	var glyf []byte
	for _, g := range glyphs {
		f.loca = append(f.loca, uint32(len(glyf)))
		glyf = append(glyf, g...)
	}
	f.loca = append(f.loca, uint32(len(glyf)))
	f.tables["glyf"] = glyf
	for _, c := range []struct {
		keep []int
		want []int
	}{
		{nil, []int{0}},
		{[]int{4}, []int{0, 1, 2, 4}},
		{[]int{5}, []int{0, 1, 2, 4, 5}},
		{[]int{6}, []int{0, 6}},
		{[]int{7}, []int{0, 3, 7}},
	} {
		keep := make([]bool, f.numGlyphs)
		for _, g := range c.keep {
			keep[g] = true
		}
		var got []int
		for g, k := range f.closure(keep) {
			if k {
				got = append(got, g)
			}
		}
		if !slices.Equal(got, c.want) {
			t.Errorf("closure of %v = %v, want %v", c.keep, got, c.want)
		}
	}
}

// TestAppendOutline: a glyph loses its instructions, a composite glyph's
// components are renumbered (one out of range becomes .notdef), and data
// that is no glyph is copied as it is.
func TestAppendOutline(t *testing.T) {
	be := binary.BigEndian
	gids := []uint16{0, 0, 1, 0, 2}
	glyph := func(parts ...any) []byte {
		var b []byte
		for _, p := range parts {
			switch p := p.(type) {
			case int:
				b = be.AppendUint16(b, uint16(p))
			case []byte:
				b = append(b, p...)
			}
		}
		return b
	}
	bbox := []byte{1, 2, 3, 4, 5, 6, 7, 8}
	for _, c := range []struct {
		name     string
		in, want []byte
	}{
		{"simple",
			glyph(2, bbox, 3, 7, 3, []byte{0xB0, 1, 2}, []byte{9, 9, 9}),
			glyph(2, bbox, 3, 7, 0, []byte{9, 9, 9})},
		{"simple, instructions cut short",
			glyph(1, bbox, 3, 9, []byte{0xB0}),
			glyph(1, bbox, 3, 9, []byte{0xB0})},
		{"composite",
			glyph(-1, bbox, 0x0020|0x0100, 2, 0, 0x0001|0x0100, 4, 0, 0, 2, []byte{0xB0, 1}),
			glyph(-1, bbox, 0x0020, 1, 0, 0x0001, 2, 0, 0)},
		{"composite, component out of range",
			glyph(-1, bbox, 0x0008, 999, 0, 0x4000),
			glyph(-1, bbox, 0x0008, 0, 0, 0x4000)},
		{"composite cut short",
			glyph(-1, bbox, 0x0020, 4, 0),
			glyph(-1, bbox, 0x0020, 2, 0)},
		{"not a glyph", []byte{1, 2, 3}, []byte{1, 2, 3}},
	} {
		if got := appendOutline([]byte{0xEE}, c.in, gids); !bytes.Equal(got[1:], c.want) || got[0] != 0xEE {
			t.Errorf("%s: % x, want % x", c.name, got[1:], c.want)
		}
	}
}
