package pdfdraw

// Font subsetting: the embedded font holds only the glyphs drawn (and
// .notdef, and the components of the composite glyphs drawn), renumbered in
// their original order; the content streams still address glyphs by their
// IDs in the original font (see codes.go), and the font's /CIDToGIDMap maps
// each code to the glyph's ID in the subset. Only the tables a PDF reader
// needs are kept, and the glyphs lose their hinting instructions: PDF
// readers draw at any size and resolution and rarely run them, and in the
// Liberation fonts they are a third of each glyph's bytes.

import (
	"encoding/binary"
	"hash/fnv"
	"slices"
)

// subsetTables are the tables kept, in the order of their tags (the
// table directory must be sorted). name, kern, GPOS… are dropped, and so
// are the hinting tables (cvt, fpgm, prep, gasp) since the instructions
// that use them are; the cmap is replaced by an empty one: a CIDFontType2
// font with a CIDToGIDMap never looks a rune up, but some font parsers
// insist on having the table.
var subsetTables = []string{"OS/2", "cmap", "glyf", "head", "hhea", "hmtx", "loca", "maxp", "post"}

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
		components(data, func(p int) { push(be.Uint16(data[p+2:])) })
	}
	return out
}

// components calls at with the offset of each component record of the
// composite glyph data (its flags, then its glyph index), and returns the
// offset past the last one, where the glyph's instructions begin, with
// ok; a glyph that ends before its last component gives ok false.
func components(data []byte, at func(p int)) (end int, ok bool) {
	be := binary.BigEndian
	p := 10
	for p+4 <= len(data) {
		flags := be.Uint16(data[p:])
		at(p)
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
			return p, true
		}
	}
	return p, false
}

// subset returns a TrueType font with the glyphs of keep (after closure),
// renumbered in their order and without hinting instructions, and the new
// ID of each glyph of f (0 for the glyphs left out).
func (f *fontData) subset(keep []bool) ([]byte, []uint16) {
	keep = f.closure(keep)
	gids := make([]uint16, f.numGlyphs)
	n := 0
	for g, k := range keep {
		if k {
			gids[g] = uint16(n)
			n++
		}
	}
	be := binary.BigEndian
	src := f.tables["glyf"]
	glyf := []byte{} // a table even when every glyph kept is empty
	offsets := make([]int, 0, n+1)
	hmtx := make([]byte, 0, 4*n)
	for g, k := range keep {
		if !k {
			continue
		}
		offsets = append(offsets, len(glyf))
		glyf = appendOutline(glyf, src[f.loca[g]:f.loca[g+1]], gids)
		for len(glyf)%4 != 0 {
			glyf = append(glyf, 0)
		}
		hmtx = be.AppendUint16(hmtx, f.adv[g])
		hmtx = be.AppendUint16(hmtx, uint16(f.lsb[g]))
	}
	offsets = append(offsets, len(glyf))
	// Short offsets (halved, two bytes) when the glyphs fit: every offset
	// is even, the glyphs being padded to four bytes.
	short := len(glyf) < 0x20000
	var loca []byte
	for _, off := range offsets {
		if short {
			loca = be.AppendUint16(loca, uint16(off/2))
		} else {
			loca = be.AppendUint32(loca, uint32(off))
		}
	}

	head := slices.Clone(f.tables["head"])
	be.PutUint32(head[8:], 0) // checkSumAdjustment, set below
	locFormat := uint16(1)
	if short {
		locFormat = 0
	}
	be.PutUint16(head[50:], locFormat)
	hhea := slices.Clone(f.tables["hhea"])
	be.PutUint16(hhea[34:], uint16(n)) // numberOfHMetrics: every glyph has its own
	maxp := slices.Clone(f.tables["maxp"])
	be.PutUint16(maxp[4:], uint16(n))
	if len(maxp) >= 32 {
		be.PutUint16(maxp[26:], 0) // maxSizeOfInstructions
	}

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
		case "hhea":
			data = hhea
		case "hmtx":
			data = hmtx
		case "maxp":
			data = maxp
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

	nt := len(tables)
	size := 12 + 16*nt
	for _, t := range tables {
		size += (len(t.data) + 3) &^ 3
	}
	out := make([]byte, 12+16*nt, size)
	be.PutUint32(out, 0x00010000)
	be.PutUint16(out[4:], uint16(nt))
	entrySelector := 0
	for 1<<(entrySelector+1) <= nt {
		entrySelector++
	}
	searchRange := 16 << entrySelector
	be.PutUint16(out[6:], uint16(searchRange))
	be.PutUint16(out[8:], uint16(entrySelector))
	be.PutUint16(out[10:], uint16(16*nt-searchRange))
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
	return out, gids
}

// appendOutline appends glyph data to glyf without its instructions, the
// components of a composite glyph renumbered by gids (a component out of
// range becomes .notdef). Data it cannot read as a glyph is copied as it
// is.
func appendOutline(glyf, data []byte, gids []uint16) []byte {
	be := binary.BigEndian
	if len(data) < 10 {
		return append(glyf, data...)
	}
	if nc := int(int16(be.Uint16(data))); nc >= 0 {
		// A simple glyph: header, endPtsOfContours, instructionLength,
		// instructions, then flags and coordinates.
		at := 10 + 2*nc
		if at+2 > len(data) {
			return append(glyf, data...)
		}
		end := at + 2 + int(be.Uint16(data[at:]))
		if end > len(data) {
			return append(glyf, data...)
		}
		glyf = append(glyf, data[:at]...)
		glyf = append(glyf, 0, 0)
		return append(glyf, data[end:]...)
	}
	start := len(glyf)
	glyf = append(glyf, data...)
	comp := glyf[start:]
	end, ok := components(comp, func(p int) {
		be.PutUint16(comp[p:], be.Uint16(comp[p:])&^0x0100) // WE_HAVE_INSTRUCTIONS
		if c := int(be.Uint16(comp[p+2:])); c < len(gids) {
			be.PutUint16(comp[p+2:], gids[c])
		} else {
			be.PutUint16(comp[p+2:], 0)
		}
	})
	if !ok {
		return glyf
	}
	// The instructions, if any, follow the last component.
	return glyf[:start+min(end, len(comp))]
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
