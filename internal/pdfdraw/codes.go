package pdfdraw

// Glyph codes. Text shows glyphs by ID, but not in Identity-H's two bytes
// each: the fonts' encoding is an embedded CMap in which a glyph below
// oneByteGlyphs is the single byte of its ID, and any other glyph is the
// two bytes 0xC000 + ID. The letters, digits and punctuation of Spanish
// and English text are all below it (fewer than 2 in 1,000 glyphs of a
// generated book are not), so the content streams are about 40% smaller
// before deflating, deflating takes a fifth less time, and the book's
// file is a fifth smaller. The CID of every code is the code itself, and
// a CIDToGIDMap gives its glyph: MuPDF turns the ToUnicode map (codes to
// text) into one from CIDs to text within the encoding's codespace, and a
// CID outside it (glyph ID 537, a bullet, under the code 0xC219) lost its
// text there: copying or searching a bullet or a dash gave U+FFFD. The
// ToUnicode map uses the codes.

import "fmt"

// oneByteGlyphs bounds the glyphs with a one-byte code. A one-byte code
// may not begin a two-byte one, so the two-byte codes start at its value
// times 256.
const oneByteGlyphs = 0xC0

// maxGlyphs is the number of glyphs the codes can address: the two-byte
// codes run from 0xC000 + oneByteGlyphs to 0xFFFF.
const maxGlyphs = 0x10000 - 0xC000

// encodingName is the /CMapName of the encoding.
const encodingName = "GoGlyphs-H"

// glyphCodeSpace is the codespace of the encoding and of the ToUnicode
// maps, which must read the same codes.
var glyphCodeSpace = fmt.Sprintf(`2 begincodespacerange
<00> <%02X>
<C000> <FFFF>
endcodespacerange
`, oneByteGlyphs-1)

// glyphCodesCMap is the encoding's CMap: each code to its CID, which is
// the code itself. The two-byte ranges each vary in the last byte only, as
// CMap readers expect.
var glyphCodesCMap = func() []byte {
	b := fmt.Appendf(nil, `%%!PS-Adobe-3.0 Resource-CMap
/CIDInit /ProcSet findresource begin
12 dict begin
begincmap
/CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> def
/CMapName /%s def
/CMapType 1 def
/WMode 0 def
%s`, encodingName, glyphCodeSpace)
	b = fmt.Appendf(b, "1 begincidrange\n<00> <%02X> 0\nendcidrange\n", oneByteGlyphs-1)
	b = append(b, "64 begincidrange\n"...)
	for hi := 0xC0; hi <= 0xFF; hi++ {
		b = fmt.Appendf(b, "<%02X00> <%02XFF> %d\n", hi, hi, hi*256)
	}
	b = append(b, `endcidrange
endcmap
CMapName currentdict /CMap defineresource pop
end
end
`...)
	return b
}()

// appendGlyph appends the code of glyph g to the inside of a literal
// string. Only ( ) \ and CR need escaping: a CR would be read as a line
// end (LF is kept as it is).
func appendGlyph(b []byte, g uint16) []byte {
	if g >= oneByteGlyphs {
		c := 0xC000 + g // g < maxGlyphs: the fonts are checked at loading
		b = append(b, byte(c>>8))
		g = c & 0xFF
	}
	switch c := byte(g); c {
	case '(', ')', '\\':
		return append(b, '\\', c)
	case '\r':
		return append(b, '\\', 'r')
	default:
		return append(b, c)
	}
}

// appendHexCode appends the code of glyph g in hex, for the ToUnicode map.
func appendHexCode(b []byte, g int) []byte {
	const hex = "0123456789ABCDEF"
	if g < oneByteGlyphs {
		return append(b, hex[g>>4], hex[g&15])
	}
	c := 0xC000 + g
	return append(b, hex[c>>12], hex[c>>8&15], hex[c>>4&15], hex[c&15])
}

// glyphCID is the CID of glyph g: its code, as a number.
func glyphCID(g int) int {
	if g < oneByteGlyphs {
		return g
	}
	return 0xC000 + g
}

// cidToGIDMap is the CIDToGIDMap of a font whose used glyphs are used:
// two bytes, the glyph's ID in the subset (gids, by its ID in the font), for
// each CID up to the last one used (zero, .notdef, for the CIDs that are no
// code of a used glyph).
func cidToGIDMap(used []bool, gids []uint16) []byte {
	last := 0
	for g, ok := range used {
		if ok {
			last = g
		}
	}
	m := make([]byte, 2*(glyphCID(last)+1))
	for g, ok := range used {
		if ok {
			c := glyphCID(g)
			m[2*c], m[2*c+1] = byte(gids[g]>>8), byte(gids[g])
		}
	}
	return m
}
