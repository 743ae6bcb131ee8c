package pdfdraw

// Output: the objects of the file, numbered and written in a fixed order,
// then the cross-reference table and the trailer.
//
//	1 catalog, 2 page tree, 3 document information, 4 the resources shared
//	by every page (inherited from the page tree): numbered first, written
//	at Output. Then the pages' content chunks, numbered and written as they
//	are drawn (closeChunk). Then, at Output, the outline root, the pages,
//	the fonts (6 objects each), the images (1 or 2), the outline entries,
//	and each page's link annotations.

import (
	"bufio"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"hash"
	"io"
	"strconv"
	"strings"
	"time"
	"unicode/utf16"
)

const (
	catalogObj   = 1
	pagesObj     = 2
	infoObj      = 3
	resourcesObj = 4
)

// pdfOut writes the file, keeping the offset of every object and a hash of
// everything written for the trailer's /ID.
type pdfOut struct {
	bw      *bufio.Writer
	h       hash.Hash
	pos     int64
	offsets []int64 // by object number; 0 is the free-list head
	next    int     // the next free object number
	b       []byte  // scratch for one object's text
	err     error   // the first write error

	// compact puts small objects into object streams (objstm.go): inStm
	// is, by object number, the stream an object is in (its index is
	// then in offsets), stm* the objects waiting for the next stream.
	compact bool
	inStm   []int32
	cnum    int
	stmHead []byte
	stmData []byte
	stmObjs []int32
	zstm    bytesWriter // an object stream deflated
}

// newPDFOut starts a file on w: its header, and objects 1 to 4 numbered.
func newPDFOut(w io.Writer) *pdfOut {
	o := &pdfOut{bw: bufio.NewWriterSize(w, 256<<10), h: sha256.New(), next: resourcesObj + 1}
	o.Write([]byte("%PDF-1.7\n%\xE2\xE3\xCF\xD3\n"))
	return o
}

// alloc numbers n objects and returns the first number.
func (o *pdfOut) alloc(n int) int {
	first := o.next
	o.next += n
	return first
}

// moveTo writes what o has written so far into mem to w, and has o go on
// writing to w.
func (o *pdfOut) moveTo(w io.Writer, mem *arena) error {
	if err := o.bw.Flush(); err != nil {
		return err
	}
	if err := mem.writeTo(w, span{0, mem.size}); err != nil {
		return err
	}
	*mem = arena{}
	o.bw = bufio.NewWriterSize(w, 256<<10)
	return nil
}

func (o *pdfOut) Write(p []byte) (int, error) {
	n, err := o.bw.Write(p)
	if err != nil && o.err == nil {
		o.err = err
	}
	o.h.Write(p)
	o.pos += int64(n)
	return n, err
}

// begin starts object num in the scratch buffer.
func (o *pdfOut) begin(num int) {
	o.grow(num)
	o.offsets[num] = o.pos
	o.b = strconv.AppendInt(o.b[:0], int64(num), 10)
	o.b = append(o.b, " 0 obj\n"...)
}

// end finishes the object begun with begin and writes it.
func (o *pdfOut) end() {
	o.b = append(o.b, "\nendobj\n"...)
	o.Write(o.b)
}

// stream writes object num as a stream of dict's entries (without << >>
// and /Length; may be empty) and data.
func (o *pdfOut) stream(num int, dict string, data []byte) {
	o.begin(num)
	o.b = append(o.b, "<< "...)
	if dict != "" {
		o.b = append(o.b, dict...)
		o.b = append(o.b, ' ')
	}
	o.b = append(o.b, "/Length "...)
	o.b = strconv.AppendInt(o.b, int64(len(data)), 10)
	o.b = append(o.b, " >>\nstream\n"...)
	o.Write(o.b)
	o.Write(data)
	o.b = append(o.b[:0], "\nendstream"...)
	o.end()
}

func appendRef(b []byte, num int) []byte {
	b = strconv.AppendInt(b, int64(num), 10)
	return append(b, " 0 R"...)
}

// appendLiteral appends raw as a PDF literal string.
func appendLiteral(b []byte, raw string) []byte {
	b = append(b, '(')
	for i := 0; i < len(raw); i++ {
		switch c := raw[i]; c {
		case '\\', '(', ')':
			b = append(b, '\\', c)
		case '\r':
			b = append(b, '\\', 'r')
		case '\n':
			b = append(b, '\\', 'n')
		default:
			b = append(b, c)
		}
	}
	return append(b, ')')
}

// appendText appends s as a PDF text string: UTF-16BE with a byte order
// mark, as a literal string.
func appendText(b []byte, s string) []byte {
	raw := []byte{0xFE, 0xFF}
	for _, u := range utf16.Encode([]rune(s)) {
		raw = append(raw, byte(u>>8), byte(u))
	}
	return appendLiteral(b, string(raw))
}

// fontObjs are the object numbers of one embedded font.
type fontObjs struct {
	type0, cid, desc, file, toUnicode, cidToGID int
}

func (d *Doc) write() error {
	o := d.out

	// Numbering, after the chunks.
	alloc := o.alloc
	outlineRoot := 0
	if len(d.marks) > 0 {
		outlineRoot = alloc(1)
	}
	pageRef := d.pageNum
	parentTree, metadata := 0, 0
	if d.st != nil {
		parentTree, metadata = alloc(1), alloc(1)
	}
	var fontNums [numStyles]fontObjs
	encodingObj := 0 // the CMap of glyph codes, shared by the fonts
	for st, u := range d.fonts {
		if u != nil && u.any {
			if encodingObj == 0 {
				encodingObj = alloc(1)
			}
			b := alloc(6)
			fontNums[st] = fontObjs{b, b + 1, b + 2, b + 3, b + 4, b + 5}
		}
	}
	imgNums := make([]int, len(d.imgList))
	smaskNums := make([]int, len(d.imgList))
	for i, im := range d.imgList {
		imgNums[i] = alloc(1)
		if im.smask != nil {
			smaskNums[i] = alloc(1)
		}
	}
	markBase := alloc(len(d.marks))

	// Catalog.
	o.begin(catalogObj)
	o.b = append(o.b, "<< /Type /Catalog /Pages 2 0 R"...)
	if outlineRoot != 0 {
		o.b = append(o.b, " /Outlines "...)
		o.b = appendRef(o.b, outlineRoot)
		o.b = append(o.b, " /PageMode /UseOutlines"...)
	}
	if lang := langTag(d.info.Lang); lang != "" {
		o.b = append(o.b, " /Lang "...)
		o.b = appendLiteral(o.b, lang)
	}
	if d.st != nil {
		o.b = append(o.b, " /MarkInfo << /Marked true >> /StructTreeRoot "...)
		o.b = appendRef(o.b, d.st.root)
		o.b = append(o.b, " /ViewerPreferences << /DisplayDocTitle true >> /Metadata "...)
		o.b = appendRef(o.b, metadata)
	}
	o.b = append(o.b, " >>"...)
	o.end()
	if d.st != nil {
		d.writeTree(parentTree)
		o.stream(metadata, "/Type /Metadata /Subtype /XML", d.xmp())
	}

	// Page tree.
	o.begin(pagesObj)
	// The resources and the page size are inherited by every page.
	o.b = append(o.b, "<< /Type /Pages /Resources 4 0 R /MediaBox [0 0 "...)
	o.b = appendNum(o.b, d.pageW*k, 2)
	o.b = append(o.b, ' ')
	o.b = appendNum(o.b, d.pageH*k, 2)
	o.b = append(o.b, "] /Count "...)
	o.b = strconv.AppendInt(o.b, int64(len(d.pages)), 10)
	o.b = append(o.b, " /Kids ["...)
	for p := range d.pages {
		if p > 0 {
			o.b = append(o.b, ' ')
		}
		o.b = appendRef(o.b, pageRef(p+1))
		if len(o.b) > 64<<10 {
			o.Write(o.b)
			o.b = o.b[:0]
		}
	}
	o.b = append(o.b, "] >>"...)
	o.end()

	// Document information.
	o.begin(infoObj)
	o.b = append(o.b, "<<"...)
	for _, e := range []struct{ key, value string }{
		{"Title", d.info.Title}, {"Author", d.info.Author},
		{"Subject", d.info.Subject}, {"Keywords", d.info.Keywords},
		{"Creator", "catalog"}, {"Producer", "catalog"},
	} {
		if v := metaText(e.value); v != "" {
			o.b = append(o.b, " /"...)
			o.b = append(o.b, e.key...)
			o.b = append(o.b, ' ')
			o.b = appendText(o.b, v)
		}
	}
	created := d.info.Created
	if created.IsZero() {
		created = time.Unix(0, 0)
	}
	date := created.UTC().Format("D:20060102150405") + "Z00'00'"
	o.b = append(o.b, " /CreationDate "...)
	o.b = appendLiteral(o.b, date)
	o.b = append(o.b, " /ModDate "...)
	o.b = appendLiteral(o.b, date)
	o.b = append(o.b, " >>"...)
	o.end()

	// Resources.
	o.begin(resourcesObj)
	o.b = append(o.b, "<< /ProcSet [/PDF /Text /ImageB /ImageC /ImageI]"...)
	if d.anyFont() {
		o.b = append(o.b, " /Font <<"...)
		for st, n := range fontNums {
			if n.type0 != 0 {
				o.b = append(o.b, " /F"...)
				o.b = append(o.b, byte('1'+st))
				o.b = append(o.b, ' ')
				o.b = appendRef(o.b, n.type0)
			}
		}
		o.b = append(o.b, " >>"...)
	}
	if len(d.imgList) > 0 {
		o.b = append(o.b, " /XObject <<"...)
		for i := range d.imgList {
			o.b = append(o.b, " /I"...)
			o.b = strconv.AppendInt(o.b, int64(i+1), 10)
			o.b = append(o.b, ' ')
			o.b = appendRef(o.b, imgNums[i])
		}
		o.b = append(o.b, " >>"...)
	}
	o.b = append(o.b, " >>"...)
	o.end()

	d.writeOutline(o, outlineRoot, markBase, pageRef)

	if encodingObj != 0 {
		o.stream(encodingObj, "/Type /CMap /CMapName /"+encodingName+" /CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >>", glyphCodesCMap)
	}
	for st, n := range fontNums {
		if n.type0 != 0 {
			d.writeFont(o, Style(st), n, encodingObj)
		}
	}
	for i, im := range d.imgList {
		d.writeImage(o, im, imgNums[i], smaskNums[i])
	}

	// Pages, each followed by its links; their chunks are written.
	for p := range d.pages {
		pg := &d.pages[p]
		for i := range pg.links {
			if pg.links[i].num == 0 {
				pg.links[i].num = alloc(1)
			}
		}
		o.begin(pageRef(p + 1))
		o.b = append(o.b, "<< /Type /Page /Parent 2 0 R"...)
		if d.st != nil {
			o.b = append(o.b, " /StructParents "...)
			o.b = strconv.AppendInt(o.b, int64(len(d.st.annots)+p), 10)
			if len(pg.links) > 0 {
				o.b = append(o.b, " /Tabs /S"...)
			}
		}
		if len(pg.chunks) > 0 {
			o.b = append(o.b, " /Contents ["...)
			for i, num := range pg.chunks {
				if i > 0 {
					o.b = append(o.b, ' ')
				}
				o.b = appendRef(o.b, num)
			}
			o.b = append(o.b, ']')
		}
		if len(pg.links) > 0 {
			o.b = append(o.b, " /Annots ["...)
			for i := range pg.links {
				if i > 0 {
					o.b = append(o.b, ' ')
				}
				o.b = appendRef(o.b, pg.links[i].num)
			}
			o.b = append(o.b, ']')
		}
		o.b = append(o.b, " >>"...)
		o.end()
		for _, l := range pg.links {
			o.beginCompact(l.num)
			o.b = append(o.b, "<< /Type /Annot /Subtype /Link /Rect ["...)
			o.b = appendNums(o.b, l.rect[:], 2)
			o.b = append(o.b, "] /Border [0 0 0] "...)
			if l.tagged {
				o.b = append(o.b, "/StructParent "...)
				o.b = strconv.AppendInt(o.b, int64(l.key), 10)
				contents := strings.Join(strings.Fields(l.elem.text), " ")
				if contents == "" {
					contents = l.uri
				}
				if contents = metaText(contents); contents != "" {
					o.b = append(o.b, " /Contents "...)
					o.b = appendShortText(o.b, contents)
				}
				o.b = append(o.b, ' ')
			}
			if l.uri != "" {
				o.b = append(o.b, "/A << /S /URI /URI "...)
				o.b = appendLiteral(o.b, l.uri)
				o.b = append(o.b, " >>"...)
			} else {
				a := d.anchors[l.anchor-1]
				o.b = d.appendDest(o.b, pageRef(a.page), a.y)
			}
			o.b = append(o.b, " >>"...)
			o.endCompact()
		}
	}

	// Cross-reference table and trailer.
	id := hex.EncodeToString(o.h.Sum(nil)[:16])
	if o.compact {
		o.writeXRefStream(id)
		return o.bw.Flush()
	}
	xref := o.pos
	b := fmt.Appendf(nil, "xref\n0 %d\n0000000000 65535 f \n", len(o.offsets))
	for _, off := range o.offsets[1:] {
		b = fmt.Appendf(b, "%010d 00000 n \n", off)
		if len(b) > 64<<10 {
			o.Write(b)
			b = b[:0]
		}
	}
	b = fmt.Appendf(b, "trailer\n<< /Size %d /Root 1 0 R /Info 3 0 R /ID [<%s> <%s>] >>\nstartxref\n%d\n%%%%EOF\n",
		len(o.offsets), id, id, xref)
	o.Write(b)
	return o.bw.Flush()
}

func (d *Doc) anyFont() bool {
	for _, u := range d.fonts {
		if u != nil && u.any {
			return true
		}
	}
	return false
}

// appendDest appends "/Dest [page /XYZ 0 top 0]" for height y (mm from the
// top) of the page object pageNum.
func (d *Doc) appendDest(b []byte, pageNum int, y float64) []byte {
	b = append(b, "/Dest ["...)
	b = appendRef(b, pageNum)
	b = append(b, " /XYZ 0 "...)
	b = appendNum(b, (d.pageH-y)*k, 2)
	return append(b, " 0]"...)
}

// writeOutline writes the outline root and entries. Entries are closed:
// a viewer shows the top level and opens the rest on demand.
func (d *Doc) writeOutline(o *pdfOut, root, base int, pageRef func(int) int) {
	n := len(d.marks)
	if n == 0 {
		return
	}
	parent := make([]int, n) // index, or -1 for the root
	first, last := make([]int, n), make([]int, n)
	prev, nxt := make([]int, n), make([]int, n)
	kids := make([]int, n)
	for i := range n {
		first[i], last[i], prev[i], nxt[i] = -1, -1, -1, -1
	}
	rootFirst, rootLast, top := -1, -1, 0
	var stack []int // the latest entry of each level
	for i, m := range d.marks {
		stack = append(stack[:m.level], i)
		p := -1
		if m.level > 0 {
			p = stack[m.level-1]
		}
		parent[i] = p
		if p < 0 {
			if rootLast >= 0 {
				nxt[rootLast], prev[i] = i, rootLast
			} else {
				rootFirst = i
			}
			rootLast = i
			top++
		} else {
			if last[p] >= 0 {
				nxt[last[p]], prev[i] = i, last[p]
			} else {
				first[p] = i
			}
			last[p] = i
			kids[p]++
		}
	}
	o.begin(root)
	o.b = append(o.b, "<< /Type /Outlines /First "...)
	o.b = appendRef(o.b, base+rootFirst)
	o.b = append(o.b, " /Last "...)
	o.b = appendRef(o.b, base+rootLast)
	o.b = append(o.b, " /Count "...)
	o.b = strconv.AppendInt(o.b, int64(top), 10)
	o.b = append(o.b, " >>"...)
	o.end()
	for i, m := range d.marks {
		o.begin(base + i)
		o.b = append(o.b, "<< /Title "...)
		o.b = appendText(o.b, m.title)
		o.b = append(o.b, " /Parent "...)
		if parent[i] < 0 {
			o.b = appendRef(o.b, root)
		} else {
			o.b = appendRef(o.b, base+parent[i])
		}
		for _, r := range []struct {
			key string
			i   int
		}{{" /Prev ", prev[i]}, {" /Next ", nxt[i]}, {" /First ", first[i]}, {" /Last ", last[i]}} {
			if r.i >= 0 {
				o.b = append(o.b, r.key...)
				o.b = appendRef(o.b, base+r.i)
			}
		}
		if kids[i] > 0 {
			o.b = append(o.b, " /Count -"...)
			o.b = strconv.AppendInt(o.b, int64(kids[i]), 10)
		}
		o.b = append(o.b, ' ')
		o.b = d.appendDest(o.b, pageRef(m.page), m.y)
		o.b = append(o.b, " >>"...)
		o.end()
	}
}

// writeFont writes the five objects of one font: the Type0 font, its
// CIDFontType2 descendant, the font descriptor, the subset font file and
// the ToUnicode map.
func (d *Doc) writeFont(o *pdfOut, st Style, n fontObjs, encoding int) {
	u := d.fonts[st]
	f := u.f
	name := subsetTag(psNames[st], u.used) + "+" + psNames[st]

	o.begin(n.type0)
	o.b = fmt.Appendf(o.b, "<< /Type /Font /Subtype /Type0 /BaseFont /%s /Encoding %d 0 R /DescendantFonts [%d 0 R] /ToUnicode %d 0 R >>",
		name, encoding, n.cid, n.toUnicode)
	o.end()

	o.begin(n.cid)
	o.b = fmt.Appendf(o.b, "<< /Type /Font /Subtype /CIDFontType2 /BaseFont /%s /CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> /FontDescriptor %d 0 R /CIDToGIDMap %d 0 R /W [",
		name, n.desc, n.cidToGID)
	// Widths by CID, which is the glyph's code (see codes.go): a run of
	// glyphs is a run of CIDs unless it crosses oneByteGlyphs.
	for g := 0; g < len(u.used); {
		if !u.used[g] {
			g++
			continue
		}
		o.b = strconv.AppendInt(o.b, int64(glyphCID(g)), 10)
		o.b = append(o.b, " ["...)
		for start := g; g < len(u.used) && u.used[g] && (g == start || g != oneByteGlyphs); g++ {
			if g > start {
				o.b = append(o.b, ' ')
			}
			// Exact: the widths are the ones Measure adds up.
			o.b = strconv.AppendFloat(o.b, f.em1000(int(f.adv[g])), 'f', -1, 64)
		}
		o.b = append(o.b, "] "...)
	}
	o.b = append(o.b, "] >>"...)
	o.end()

	o.begin(n.desc)
	o.b = fmt.Appendf(o.b, "<< /Type /FontDescriptor /FontName /%s /Flags %d /FontBBox [", name, f.flags())
	for i, v := range f.bbox {
		if i > 0 {
			o.b = append(o.b, ' ')
		}
		o.b = appendNum(o.b, f.em1000(v), 0)
	}
	o.b = append(o.b, "] /ItalicAngle "...)
	o.b = appendNum(o.b, f.italicAngle, 2)
	o.b = append(o.b, " /Ascent "...)
	o.b = appendNum(o.b, f.em1000(f.ascent), 0)
	o.b = append(o.b, " /Descent "...)
	o.b = appendNum(o.b, f.em1000(f.descent), 0)
	o.b = append(o.b, " /CapHeight "...)
	o.b = appendNum(o.b, f.em1000(f.capHeight), 0)
	o.b = fmt.Appendf(o.b, " /StemV %d /FontFile2 %d 0 R >>", f.stemV(), n.file)
	o.end()

	sub, gids := f.subset(u.used)
	var z bytesWriter
	deflate(&z, sub)
	o.stream(n.file, "/Filter /FlateDecode /Length1 "+strconv.Itoa(len(sub)), z)

	z = z[:0]
	deflate(&z, toUnicode(u))
	o.stream(n.toUnicode, "/Filter /FlateDecode", z)

	z = z[:0]
	deflate(&z, cidToGIDMap(u.used, gids))
	o.stream(n.cidToGID, "/Filter /FlateDecode", z)
}

// bytesWriter is an io.Writer appending to itself.
type bytesWriter []byte

func (b *bytesWriter) Write(p []byte) (int, error) {
	*b = append(*b, p...)
	return len(p), nil
}

// toUnicode returns the ToUnicode CMap of the glyphs drawn with u.
func toUnicode(u *fontUse) []byte {
	b := []byte(`/CIDInit /ProcSet findresource begin
12 dict begin
begincmap
/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def
/CMapName /Adobe-Identity-UCS def
/CMapType 2 def
` + glyphCodeSpace)
	var gids []int
	for g, used := range u.used {
		if used {
			gids = append(gids, g)
		}
	}
	for len(gids) > 0 {
		n := min(len(gids), 100)
		b = fmt.Appendf(b, "%d beginbfchar\n", n)
		for _, g := range gids[:n] {
			b = append(b, '<')
			b = appendHexCode(b, g)
			b = append(b, "> <"...)
			for _, c := range utf16.Encode([]rune{u.uni[g]}) {
				b = fmt.Appendf(b, "%04X", c)
			}
			b = append(b, ">\n"...)
		}
		b = append(b, "endbfchar\n"...)
		gids = gids[n:]
	}
	return append(b, `endcmap
CMapName currentdict /CMap defineresource pop
end
end
`...)
}

// writeImage writes an image XObject and its soft mask.
func (d *Doc) writeImage(o *pdfOut, im *imageRec, num, smask int) {
	dict := fmt.Sprintf("/Type /XObject /Subtype /Image /Width %d /Height %d /ColorSpace /%s /BitsPerComponent 8", im.wPx, im.hPx, im.cs)
	if im.jpeg {
		dict += " /Filter /DCTDecode"
	} else {
		dict += " /Filter /FlateDecode"
	}
	if im.cmyk {
		dict += " /Decode [1 0 1 0 1 0 1 0]"
	}
	if smask != 0 {
		dict += fmt.Sprintf(" /SMask %d 0 R", smask)
	}
	o.stream(num, dict, im.data)
	if smask != 0 {
		o.stream(smask, fmt.Sprintf("/Type /XObject /Subtype /Image /Width %d /Height %d /ColorSpace /DeviceGray /BitsPerComponent 8 /Filter /FlateDecode", im.wPx, im.hPx), im.smask)
	}
}
