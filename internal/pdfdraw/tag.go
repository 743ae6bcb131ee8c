package pdfdraw

// Tagged PDF: the logical structure that screen readers and reflow read.
//
// A tagged document (Options.Tagged) has a structure tree under one
// Document element. Begin opens an element as the last child of the open
// one, End closes it; everything Text and Image draw while an element is
// open is marked content of that element (/Role <</MCID n>> BDC … EMC,
// MCIDs counted per page), and a link made while it is open is an OBJR
// kid of it, the annotation's /StructParent pointing back. Lines and
// rectangles are always artifacts (rules, tints, bars: decoration), and
// so is whatever is drawn inside Artifact (running headers, footers, page
// numbers). Text drawn outside any element and outside Artifact is left
// unmarked, so that a test can find it.
//
// The tree's order is the reading order, whatever order the pages are
// drawn in: Reserve makes an element in its place in the tree without
// opening it, and Within opens it later (the contents, drawn last, from
// the place reserved before the chapters). An element is written to the
// file as soon as it is closed for good, so that a long book keeps only
// the open elements and, per page, the element of each MCID.

import (
	"fmt"
	"slices"
	"strconv"
)

// Tag describes a structure element.
type Tag struct {
	// Role is a standard structure type: Document, Sect, H1…H6, P, L,
	// LI, Lbl, LBody, Table, TR, TH, TD, Figure, Link, Note, TOC, TOCI,
	// BlockQuote, Code, Span…
	Role string
	// Lang is the BCP 47 language of the element when it is not the
	// document's.
	Lang string
	// Alt is the replacement text of a Figure (or a Formula).
	Alt string
	// Scope is a TH's: Row, Column or Both.
	Scope string
}

// kid kinds.
const (
	kidElem = iota // n is the element's object number
	kidMCID        // marked content n of page
	kidOBJR        // annotation object n on page
)

type kid struct {
	kind uint8
	page int32
	n    int32
}

// structElem is an element not yet written.
type structElem struct {
	num, parent int
	role        string
	more        *elemMore // nil for most elements
	kids        []kid
	page        int    // the page of its first marked content, 0 if none
	held        bool   // reserved: written at Release or Output, not at End
	text        string // a Link's text so far, for its annotation's /Contents
}

// elemMore is what few elements have: a language, an Alt, a scope, a
// Figure's bounding box (in points, when hasBBox).
type elemMore struct {
	tag     Tag
	bbox    [4]float64
	hasBBox bool
}

func newStructElem(num, parent int, t Tag) *structElem {
	e := &structElem{num: num, parent: parent, role: t.Role}
	if t.Lang != "" || t.Alt != "" || t.Scope != "" || t.Role == "Figure" {
		e.more = &elemMore{tag: t}
	}
	return e
}

// structTree is a tagged document's tree while it is drawn.
type structTree struct {
	root   int         // the StructTreeRoot's object number
	doc    *structElem // the Document element
	stack  []*structElem
	held   map[int]*structElem
	annots []int32 // by StructParent key: the annotation's element
	artif  int     // depth of Artifact calls
	spare  []*structElem
}

// markKind is what the open marked-content sequence of a chunk belongs to.
type markKind uint8

const (
	markNone markKind = iota
	markArtifact
	markElem
)

// Tagged reports whether the document is tagged.
func (d *Doc) Tagged() bool { return d.st != nil }

func (d *Doc) initTags() {
	d.st = &structTree{held: map[int]*structElem{}}
	d.out.compact = true
	d.st.root = d.out.alloc(1)
	d.st.doc = newStructElem(d.out.alloc(1), d.st.root, Tag{Role: "Document"})
}

// open returns the innermost open element: the Document when none is.
func (t *structTree) open() *structElem {
	if n := len(t.stack); n > 0 {
		return t.stack[n-1]
	}
	return t.doc
}

// Role returns the role of the innermost open element, "" when none is
// open (or the document is not tagged).
func (d *Doc) Role() string {
	if d.st == nil || len(d.st.stack) == 0 {
		return ""
	}
	return d.st.open().role
}

// newElem makes an element as the last child of the open one.
func (d *Doc) newElem(t Tag) *structElem {
	parent := d.st.open()
	e := newStructElem(d.out.alloc(1), parent.num, t)
	parent.kids = append(parent.kids, kid{kind: kidElem, n: int32(e.num)})
	return e
}

// tagOK reports whether a structure call may go on: the document is
// tagged, not failed and not output.
func (d *Doc) tagOK(op string) bool {
	if d.err != nil || d.st == nil {
		return false
	}
	if d.outputDone {
		d.err = fmt.Errorf("pdfdraw: %s after Output", op)
		return false
	}
	return true
}

// Begin opens a structure element, the last child of the open one, and
// returns its id. In an untagged document it does nothing.
func (d *Doc) Begin(t Tag) int {
	if !d.tagOK("Begin") {
		return 0
	}
	e := d.newElem(t)
	d.st.stack = append(d.st.stack, e)
	return e.num
}

// End closes the innermost open element; one not reserved is written.
func (d *Doc) End() {
	if !d.tagOK("End") {
		return
	}
	n := len(d.st.stack)
	if n == 0 {
		d.err = fmt.Errorf("pdfdraw: End without Begin")
		return
	}
	e := d.st.stack[n-1]
	d.st.stack = d.st.stack[:n-1]
	if !e.held {
		d.writeElem(e)
	}
}

// Tag draws f inside a new element t: Begin, f, End.
func (d *Doc) Tag(t Tag, f func()) {
	d.Begin(t)
	f()
	d.End()
}

// Reserve makes an element in its place in the tree, the last child of
// the open one, without opening it, and returns its id for Within. It is
// written at Release, or at Output.
func (d *Doc) Reserve(t Tag) int {
	if !d.tagOK("Reserve") {
		return 0
	}
	e := d.newElem(t)
	e.held = true
	d.st.held[e.num] = e
	return e.num
}

// Within runs f with the reserved element id open, as if the elements
// open now were not: what f tags goes into id, in the order drawn.
func (d *Doc) Within(id int, f func()) {
	if d.st == nil || id == 0 {
		f()
		return
	}
	e := d.st.held[id]
	if e == nil {
		if d.err == nil {
			d.err = fmt.Errorf("pdfdraw: Within(%d): no such reserved element", id)
		}
		return
	}
	saved := d.st.stack
	stack := d.st.spare // a stack for f, reused (a table's cells)
	d.st.spare = nil
	d.st.stack = append(stack[:0], e)
	f()
	if len(d.st.stack) != 1 && d.err == nil {
		d.err = fmt.Errorf("pdfdraw: Within(%d): %d elements left open", id, len(d.st.stack)-1)
	}
	d.st.spare = d.st.stack[:0]
	d.st.stack = saved
}

// Release writes the reserved element id: no more goes into it.
func (d *Doc) Release(id int) {
	if d.st == nil {
		return
	}
	if e := d.st.held[id]; e != nil {
		delete(d.st.held, id)
		d.writeElem(e)
	}
}

// Artifact draws f as an artifact: running headers, footers, page
// numbers, decoration that a screen reader skips.
func (d *Doc) Artifact(f func()) {
	if d.st != nil {
		d.st.artif++
		defer func() { d.st.artif-- }()
	}
	f()
}

// InArtifact reports whether drawing goes to an artifact now.
func (d *Doc) InArtifact() bool { return d.st != nil && d.st.artif > 0 }

// want is what Text or Image draws into now: the open element (not the
// Document), an artifact, or nothing (untagged).
func (d *Doc) want() (markKind, *structElem) {
	switch {
	case d.st == nil:
		return markNone, nil
	case d.st.artif > 0:
		return markArtifact, nil
	case len(d.st.stack) == 0:
		return markNone, nil
	}
	return markElem, d.st.open()
}

// mark makes the chunk's open marked-content sequence the one of (kind,
// e), opened inside a text object or not, and appends what that takes:
// EMC of the one open, BMC or BDC of the new.
func (d *Doc) mark(buf []byte, kind markKind, e *structElem, inText bool) []byte {
	if d.st == nil {
		return buf
	}
	if d.mk != markNone && d.mk == kind && d.mkElem == e && d.mkInText == inText {
		return buf
	}
	buf = d.endMark(buf)
	switch kind {
	case markArtifact:
		buf = append(buf, "/Artifact BMC\n"...)
	case markElem:
		p := &d.pages[d.cur-1]
		n := len(p.mcids)
		p.mcids = append(p.mcids, int32(e.num))
		e.kids = append(e.kids, kid{kind: kidMCID, page: int32(d.cur), n: int32(n)})
		if e.page == 0 {
			e.page = d.cur
		}
		buf = append(buf, '/')
		buf = append(buf, e.role...)
		buf = append(buf, " <</MCID "...)
		buf = strconv.AppendInt(buf, int64(n), 10)
		buf = append(buf, ">> BDC\n"...)
	default:
		return buf
	}
	d.mk, d.mkElem, d.mkInText = kind, e, inText
	return buf
}

// endMark closes the open marked-content sequence, if any.
func (d *Doc) endMark(buf []byte) []byte {
	if d.mk == markNone {
		return buf
	}
	d.mk, d.mkElem = markNone, nil
	return append(buf, "EMC\n"...)
}

// tagLink makes the link annotation l of the current page a kid of the
// open element, when there is one.
func (d *Doc) tagLink(l *link) {
	kind, e := d.want()
	if kind != markElem {
		return
	}
	l.num = d.out.alloc(1)
	l.key = len(d.st.annots)
	l.tagged = true
	l.elem = e
	d.st.annots = append(d.st.annots, int32(e.num))
	e.kids = append(e.kids, kid{kind: kidOBJR, page: int32(d.cur), n: int32(l.num)})
	if e.page == 0 {
		e.page = d.cur
	}
}

// figureBox sets the bounding box of the open Figure element.
func (d *Doc) figureBox(r [4]float64) {
	if kind, e := d.want(); kind == markElem && e.more != nil && e.role == "Figure" && !e.more.hasBBox {
		e.more.bbox, e.more.hasBBox = r, true
	}
}

// pageNum returns the object number of page p (1-based).
func (d *Doc) pageNum(p int) int { return d.pages[p-1].num }

// writeElem writes an element as a StructElem object.
func (d *Doc) writeElem(e *structElem) {
	o := d.out
	o.beginCompact(e.num)
	o.b = append(o.b, "<< /S /"...) // /Type /StructElem is optional
	o.b = append(o.b, e.role...)
	o.b = append(o.b, " /P "...)
	o.b = appendRef(o.b, e.parent)
	if e.page != 0 {
		o.b = append(o.b, " /Pg "...)
		o.b = appendRef(o.b, d.pageNum(e.page))
	}
	if e.role == "Note" { // PDF/UA wants an ID on every note
		o.b = append(o.b, " /ID (note"...)
		o.b = strconv.AppendInt(o.b, int64(e.num), 10)
		o.b = append(o.b, ')')
	}
	if m := e.more; m != nil {
		d.appendMore(m)
	}
	// /K n for a lone kid, else an array.
	o.b = append(o.b, " /K "...)
	if len(e.kids) != 1 {
		o.b = append(o.b, '[')
	}
	for i, k := range e.kids {
		if i > 0 {
			o.b = append(o.b, ' ')
		}
		switch k.kind {
		case kidElem:
			o.b = appendRef(o.b, int(k.n))
		case kidMCID:
			if int(k.page) == e.page {
				o.b = strconv.AppendInt(o.b, int64(k.n), 10)
				break
			}
			o.b = append(o.b, "<< /Type /MCR /Pg "...)
			o.b = appendRef(o.b, d.pageNum(int(k.page)))
			o.b = append(o.b, " /MCID "...)
			o.b = strconv.AppendInt(o.b, int64(k.n), 10)
			o.b = append(o.b, " >>"...)
		case kidOBJR:
			o.b = append(o.b, "<< /Type /OBJR /Obj "...)
			o.b = appendRef(o.b, int(k.n))
			if int(k.page) != e.page { // else the element's /Pg
				o.b = append(o.b, " /Pg "...)
				o.b = appendRef(o.b, d.pageNum(int(k.page)))
			}
			o.b = append(o.b, " >>"...)
		}
	}
	if len(e.kids) != 1 {
		o.b = append(o.b, ']')
	}
	o.b = append(o.b, " >>"...)
	o.endCompact()
	e.kids = nil
}

// appendMore appends an element's language, Alt and attributes.
func (d *Doc) appendMore(m *elemMore) {
	o := d.out
	if lang := langTag(m.tag.Lang); lang != "" {
		o.b = append(o.b, " /Lang "...)
		o.b = appendLiteral(o.b, lang)
	}
	if alt := metaText(m.tag.Alt); alt != "" || m.tag.Role == "Figure" {
		o.b = append(o.b, " /Alt "...)
		o.b = appendShortText(o.b, alt)
	}
	switch {
	case m.tag.Scope != "":
		o.b = append(o.b, " /A << /O /Table /Scope /"...)
		o.b = append(o.b, m.tag.Scope...)
		o.b = append(o.b, " >>"...)
	case m.hasBBox:
		o.b = append(o.b, " /A << /O /Layout /Placement /Block /BBox ["...)
		o.b = appendNums(o.b, m.bbox[:], 2)
		o.b = append(o.b, "] >>"...)
	}
}

// writeTree writes what is left of the tree at Output: the open and the
// reserved elements, the Document, the root and the parent tree. It
// returns the parent tree's next key.
func (d *Doc) writeTree(parentTree int) int {
	st := d.st
	for i := len(st.stack) - 1; i >= 0; i-- {
		if e := st.stack[i]; !e.held {
			d.writeElem(e)
		}
	}
	st.stack = nil
	held := make([]int, 0, len(st.held))
	for n := range st.held {
		held = append(held, n)
	}
	slices.Sort(held)
	for _, n := range held {
		d.writeElem(st.held[n])
	}
	d.writeElem(st.doc)

	o := d.out
	next := len(st.annots) + len(d.pages)
	o.begin(st.root)
	o.b = append(o.b, "<< /Type /StructTreeRoot /K "...)
	o.b = appendRef(o.b, st.doc.num)
	o.b = append(o.b, " /ParentTree "...)
	o.b = appendRef(o.b, parentTree)
	o.b = append(o.b, " /ParentTreeNextKey "...)
	o.b = strconv.AppendInt(o.b, int64(next), 10)
	o.b = append(o.b, " >>"...)
	o.end()

	// The parent tree: annotations first (keys 0…), then the pages, each
	// page's array of elements by MCID an object of its own (compact).
	arrays := make([]int, len(d.pages))
	for i, p := range d.pages {
		arrays[i] = o.alloc(1)
		o.beginCompact(arrays[i])
		o.b = append(o.b, '[')
		for j, e := range p.mcids {
			if j > 0 {
				o.b = append(o.b, ' ')
			}
			o.b = appendRef(o.b, int(e))
		}
		o.b = append(o.b, ']')
		o.endCompact()
	}
	o.begin(parentTree)
	o.b = append(o.b, "<< /Nums ["...)
	key := 0
	for _, e := range st.annots {
		o.b = strconv.AppendInt(o.b, int64(key), 10)
		o.b = append(o.b, ' ')
		o.b = appendRef(o.b, int(e))
		o.b = append(o.b, '\n')
		key++
		if len(o.b) > 64<<10 {
			o.Write(o.b)
			o.b = o.b[:0]
		}
	}
	for _, num := range arrays {
		o.b = strconv.AppendInt(o.b, int64(key), 10)
		o.b = append(o.b, ' ')
		o.b = appendRef(o.b, num)
		o.b = append(o.b, '\n')
		key++
		if len(o.b) > 64<<10 {
			o.Write(o.b)
			o.b = o.b[:0]
		}
	}
	o.b = append(o.b, "] >>"...)
	o.end()
	return next
}

// xmp is the document's XMP metadata: the title (which PDF/UA wants
// there) and the language.
func (d *Doc) xmp() []byte {
	var b []byte
	b = append(b, `<?xpacket begin="`+"\uFEFF"+`" id="W5M0MpCehiHzreSzNTczkc9d"?>
<x:xmpmeta xmlns:x="adobe:ns:meta/">
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
<rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:pdf="http://ns.adobe.com/pdf/1.3/">
<dc:format>application/pdf</dc:format>
<dc:title><rdf:Alt><rdf:li xml:lang="x-default">`...)
	b = appendXML(b, metaText(d.info.Title))
	b = append(b, "</rdf:li></rdf:Alt></dc:title>\n"...)
	if lang := langTag(d.info.Lang); lang != "" {
		b = append(b, "<dc:language><rdf:Bag><rdf:li>"...)
		b = append(b, lang...)
		b = append(b, "</rdf:li></rdf:Bag></dc:language>\n"...)
	}
	b = append(b, "<pdf:Producer>catalog</pdf:Producer>\n</rdf:Description>\n</rdf:RDF>\n</x:xmpmeta>\n<?xpacket end=\"r\"?>"...)
	return b
}

// appendShortText appends s as a PDF text string, in PDFDocEncoding
// (a byte a character) when s is printable ASCII and Latin-1, as most
// Spanish and English is, else in UTF-16BE (two bytes a character).
func appendShortText(b []byte, s string) []byte {
	for _, r := range s {
		if r < ' ' || r > 0xFF || r >= 0x7F && r <= 0xA0 || r == 0xAD {
			return appendText(b, s)
		}
	}
	raw := make([]byte, 0, len(s))
	for _, r := range s {
		raw = append(raw, byte(r))
	}
	return appendLiteral(b, string(raw))
}

func appendXML(b []byte, s string) []byte {
	for _, r := range s {
		switch r {
		case '&':
			b = append(b, "&amp;"...)
		case '<':
			b = append(b, "&lt;"...)
		case '>':
			b = append(b, "&gt;"...)
		default:
			b = append(b, string(r)...)
		}
	}
	return b
}
