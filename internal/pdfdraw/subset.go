package pdfdraw

// Font subsetting: the embedded font keeps every glyph ID (so that the
// content streams can address glyphs by their IDs in the original font, with
// /CIDToGIDMap /Identity), but the outlines of the glyphs not drawn are
// emptied. Only the tables a PDF reader needs are kept.

import (
	"encoding/binary"
	"hash/fnv"
	"slices"
)

// subsetTables are the tables kept, in the order of their tags (the
// table directory must be sorted). name, kern, GPOS… are dropped, and the
// cmap is replaced by an empty one: a CIDFontType2 font with an identity
// CID → GID map never looks a rune up, but some font parsers insist on
// having the table.
var subsetTables = []string{"OS/2", "cmap", "cvt ", "fpgm", "glyf", "head", "hhea", "hmtx", "loca", "maxp", "post", "prep"}

// emptyCmap is a cmap table with one (3,1) format 4 subtable that maps no
// character: only the final 0xFFFF segment.
var emptyCmap = []byte{
	0, 0, 0, 1, // version, one subtable
	0, 3, 0, 1, 0, 0, 0, 12, // Windows, Unicode BMP, at offset 12
	0, 4, 0, 24, 0, 0, // format 4, length, language
	0, 2, 0, 2, 0, 0, 0, 0, // segCountX2, searchRange, entrySelector, rangeShift
	0xFF, 0xFF, 0, 0, // endCode, reservedPad
	0xFF, 0xFF, 0, 1, 0, 0, // startCode, idDelta, idRangeOffset
}

// closure returns keep with glyph 0 and the components of the composite
// glyphs it marks added, as a new slice.
func (f *fontData) closure(keep []bool) []bool {
	out := make([]bool, f.numGlyphs)
	var stack []uint16
	push := func(g uint16) {
		if int(g) < len(out) && !out[g] {
			out[g] = true
			stack = append(stack, g)
		}
	}
	push(0)
	for g, k := range keep {
		if k && g < len(out) {
			push(uint16(g))
		}
	}
	glyf := f.tables["glyf"]
	be := binary.BigEndian
	for len(stack) > 0 {
		g := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		data := glyf[f.loca[g]:f.loca[g+1]]
		if len(data) < 10 || int16(be.Uint16(data)) >= 0 {
			continue // empty or simple glyph
		}
		for p := 10; p+4 <= len(data); {
			flags := be.Uint16(data[p:])
			push(be.Uint16(data[p+2:]))
			p += 4
			if flags&0x0001 != 0 { // ARG_1_AND_2_ARE_WORDS
				p += 4
			} else {
				p += 2
			}
			switch {
			case flags&0x0008 != 0: // WE_HAVE_A_SCALE
				p += 2
			case flags&0x0040 != 0: // WE_HAVE_AN_X_AND_Y_SCALE
				p += 4
			case flags&0x0080 != 0: // WE_HAVE_A_TWO_BY_TWO
				p += 8
			}
			if flags&0x0020 == 0 { // MORE_COMPONENTS
				break
			}
		}
	}
	return out
}

// subset returns a TrueType font with the glyphs of keep (after closure)
// and empty outlines for the others, glyph IDs unchanged.
func (f *fontData) subset(keep []bool) []byte {
	keep = f.closure(keep)
	be := binary.BigEndian
	src := f.tables["glyf"]
	var glyf []byte
	loca := make([]byte, 4*(f.numGlyphs+1))
	for g := range f.numGlyphs {
		be.PutUint32(loca[4*g:], uint32(len(glyf)))
		if keep[g] {
			glyf = append(glyf, src[f.loca[g]:f.loca[g+1]]...)
			for len(glyf)%4 != 0 {
				glyf = append(glyf, 0)
			}
		}
	}
	be.PutUint32(loca[4*f.numGlyphs:], uint32(len(glyf)))

	head := slices.Clone(f.tables["head"])
	be.PutUint32(head[8:], 0)  // checkSumAdjustment, set below
	be.PutUint16(head[50:], 1) // indexToLocFormat: long offsets

	type table struct {
		tag  string
		data []byte
	}
	var tables []table
	for _, tag := range subsetTables {
		data := f.tables[tag]
		switch tag {
		case "glyf":
			data = glyf
		case "loca":
			data = loca
		case "head":
			data = head
		case "cmap":
			data = emptyCmap
		case "post":
			// Version 3: no glyph names.
			if len(data) < 32 {
				continue
			}
			data = slices.Clone(data[:32])
			be.PutUint32(data, 0x00030000)
		}
		if data == nil {
			continue
		}
		tables = append(tables, table{tag, data})
	}

	n := len(tables)
	size := 12 + 16*n
	for _, t := range tables {
		size += (len(t.data) + 3) &^ 3
	}
	out := make([]byte, 12+16*n, size)
	be.PutUint32(out, 0x00010000)
	be.PutUint16(out[4:], uint16(n))
	entrySelector := 0
	for 1<<(entrySelector+1) <= n {
		entrySelector++
	}
	searchRange := 16 << entrySelector
	be.PutUint16(out[6:], uint16(searchRange))
	be.PutUint16(out[8:], uint16(entrySelector))
	be.PutUint16(out[10:], uint16(16*n-searchRange))
	headAt := 0
	for i, t := range tables {
		rec := out[12+16*i:]
		copy(rec, t.tag)
		be.PutUint32(rec[4:], checksum(t.data))
		be.PutUint32(rec[8:], uint32(len(out)))
		be.PutUint32(rec[12:], uint32(len(t.data)))
		if t.tag == "head" {
			headAt = len(out)
		}
		out = append(out, t.data...)
		for len(out)%4 != 0 {
			out = append(out, 0)
		}
	}
	be.PutUint32(out[headAt+8:], 0xB1B0AFBA-checksum(out))
	return out
}

// checksum is the TrueType table checksum: the sum of big-endian uint32s,
// the last one padded with zeros.
func checksum(b []byte) uint32 {
	var sum uint32
	for len(b) >= 4 {
		sum += binary.BigEndian.Uint32(b)
		b = b[4:]
	}
	if len(b) > 0 {
		var last [4]byte
		copy(last[:], b)
		sum += binary.BigEndian.Uint32(last[:])
	}
	return sum
}

// subsetTag is the six capital letters that name a subset ("ABCDEF+"),
// derived from the font and the glyphs drawn, so the same text gives the
// same name and different subsets of a font different names.
func subsetTag(name string, used []bool) string {
	h := fnv.New64a()
	h.Write([]byte(name))
	for g, u := range used {
		if u {
			h.Write([]byte{byte(g >> 8), byte(g)})
		}
	}
	v := h.Sum64()
	tag := make([]byte, 6)
	for i := range tag {
		tag[i] = 'A' + byte(v%26)
		v /= 26
	}
	return string(tag)
}
