// Package layout turns a practice body into what a page-drawing renderer
// needs: blocks of styled runs (Lower), lines that fit a width (Break) and
// table column widths (Columns). It knows nothing of PDF: the caller gives
// the function that measures text, so the same code serves any font.
//
// Lower reads a body with the site's own parser (package markdown), so the
// book and the site agree on every construct; like the site, it drops raw
// HTML and keeps only http, https, mailto and relative links.
package layout

import (
	"bufio"
	"bytes"
	"html"
	"strconv"
	"strings"

	"github.com/yuin/goldmark/ast"
	east "github.com/yuin/goldmark/extension/ast"
	ghtml "github.com/yuin/goldmark/renderer/html"
	"github.com/yuin/goldmark/util"

	"catalog/internal/markdown"
)

// Style is a set of text styles.
type Style uint8

// The styles combine: a bold word inside italics is Bold|Italic.
const (
	Bold Style = 1 << iota
	Italic
	Mono
	Strike
	Super
)

// Run is a piece of text in one style.
type Run struct {
	Text  string
	Style Style
	// Link is "" or the URL the run links to, as LowerOptions.Link gave it.
	Link string
	// Lang is "" or the language of a run in another language than its
	// text's (a source's title): the book tags it with its /Lang.
	Lang string
}

// hardBreak is the text of the run that a hard line break becomes.
const hardBreak = "\n"

// Block is one of Heading, Paragraph, List, Quote, Code, Table, Image,
// Rule and Footnotes.
type Block interface{ isBlock() }

// Heading is a heading, at the level written in the body (1–6).
type Heading struct {
	Level int
	Runs  []Run
}

// Paragraph is a paragraph, or the text of a tight list item.
type Paragraph struct{ Runs []Run }

// List is a bulleted or numbered list. Start is the first number of an
// ordered list; Tight lists are drawn without space between items.
type List struct {
	Ordered bool
	Start   int
	Tight   bool
	Items   [][]Block
}

// Quote is a block quote.
type Quote struct{ Blocks []Block }

// Code is an indented or fenced code block, one string a line, with tabs
// expanded to tab stops every 4 columns.
type Code struct{ Lines []string }

// Align is the alignment of a table column.
type Align uint8

// The alignments a GFM table's delimiter row can ask for.
const (
	AlignNone Align = iota
	AlignLeft
	AlignCenter
	AlignRight
)

func (a Align) String() string {
	switch a {
	case AlignLeft:
		return "left"
	case AlignCenter:
		return "center"
	case AlignRight:
		return "right"
	}
	return "none"
}

// Table is a GFM table. Every row has as many cells as Align has columns.
type Table struct {
	Align  []Align
	Header [][]Run
	Rows   [][][]Run
}

// Image is an image alone in its paragraph. Dest is what
// LowerOptions.Link(dest, true) returned.
type Image struct{ Dest, Alt string }

// Rule is a thematic break.
type Rule struct{}

// Footnotes are a body's footnotes, in the order of their numbers; they
// come last in the blocks of a body.
type Footnotes struct{ Items []Footnote }

// Footnote is the footnote that references with Link "#fn:N" point to.
type Footnote struct {
	N      int
	Blocks []Block
}

func (Heading) isBlock()   {}
func (Paragraph) isBlock() {}
func (List) isBlock()      {}
func (Quote) isBlock()     {}
func (Code) isBlock()      {}
func (Table) isBlock()     {}
func (Image) isBlock()     {}
func (Rule) isBlock()      {}
func (Footnotes) isBlock() {}

// LowerOptions say how the links of one body are lowered.
type LowerOptions struct {
	// Link maps a link or image destination (entity-decoded, trimmed, and
	// already judged safe by markdown.Safe) to what the book uses; false
	// drops the link and keeps its text (an image becomes a Paragraph
	// with its alt text). Nil keeps every safe destination as it is.
	Link func(dest string, image bool) (string, bool)
	// PrintURLs writes " <address>" after the text of a link to an http
	// or https address, unless the text shows that address already: on
	// paper a link is only its text. The site's print stylesheet does
	// the same.
	PrintURLs bool
}

// Lower parses a body as the site does and returns its blocks. Raw HTML
// is dropped; an unsafe or refused link leaves its text; footnotes come
// last, in one Footnotes block. A body that nests deeper than
// markdown.MaxNesting (which validate refuses) is not parsed: it is one
// paragraph of its lines as they are written.
func Lower(src []byte, opt LowerOptions) []Block {
	doc, err := markdown.Parse(src)
	if err != nil {
		return asText(src)
	}
	l := &lowerer{src: src, opt: opt}
	return l.blocks(doc)
}

// asText is src as one paragraph, a line a line.
func asText(src []byte) []Block {
	var runs []Run
	for i, line := range strings.Split(string(src), "\n") {
		if i > 0 {
			runs = append(runs, Run{Text: hardBreak})
		}
		if line != "" {
			runs = append(runs, Run{Text: line})
		}
	}
	return []Block{Paragraph{Runs: runs}}
}

type lowerer struct {
	src []byte
	opt LowerOptions
	buf bytes.Buffer
	w   *bufio.Writer
}

func (l *lowerer) blocks(parent ast.Node) []Block {
	var out []Block
	for n := parent.FirstChild(); n != nil; n = n.NextSibling() {
		out = l.block(out, n)
	}
	return out
}

func (l *lowerer) block(out []Block, n ast.Node) []Block {
	switch n := n.(type) {
	case *ast.Heading:
		if runs := l.inlines(n); len(runs) > 0 {
			out = append(out, Heading{Level: n.Level, Runs: runs})
		}
	case *ast.Paragraph, *ast.TextBlock:
		if img, ok := n.FirstChild().(*ast.Image); ok && n.ChildCount() == 1 {
			return l.image(out, img)
		}
		if runs := l.inlines(n); len(runs) > 0 {
			out = append(out, Paragraph{Runs: runs})
		}
	case *ast.ThematicBreak:
		out = append(out, Rule{})
	case *ast.CodeBlock, *ast.FencedCodeBlock:
		out = append(out, l.code(n))
	case *ast.Blockquote:
		if blocks := l.blocks(n); len(blocks) > 0 {
			out = append(out, Quote{Blocks: blocks})
		}
	case *ast.List:
		list := List{Ordered: n.IsOrdered(), Tight: n.IsTight}
		if list.Ordered {
			list.Start = n.Start
		}
		for item := n.FirstChild(); item != nil; item = item.NextSibling() {
			list.Items = append(list.Items, l.blocks(item))
		}
		out = append(out, list)
	case *ast.HTMLBlock:
		// Raw HTML is not rendered; validate warns about it.
	case *east.Table:
		out = append(out, l.table(n))
	case *east.FootnoteList:
		var notes Footnotes
		for fn := n.FirstChild(); fn != nil; fn = fn.NextSibling() {
			if fn, ok := fn.(*east.Footnote); ok {
				notes.Items = append(notes.Items, Footnote{N: fn.Index, Blocks: l.blocks(fn)})
			}
		}
		if len(notes.Items) > 0 {
			out = append(out, notes)
		}
	default:
		// A block kind of an extension not enabled here: keep what it holds.
		if c := n.FirstChild(); c != nil && c.Type() == ast.TypeInline {
			if runs := l.inlines(n); len(runs) > 0 {
				out = append(out, Paragraph{Runs: runs})
			}
			return out
		}
		for c := n.FirstChild(); c != nil; c = c.NextSibling() {
			out = l.block(out, c)
		}
	}
	return out
}

// image lowers a paragraph that holds only an image.
func (l *lowerer) image(out []Block, img *ast.Image) []Block {
	var alt []Run
	l.inline(&alt, img, 0, "")
	alt = trim(alt)
	if dest, ok := l.resolve(string(img.Destination), true, true); ok {
		var b strings.Builder
		for _, r := range alt {
			if r.Text == hardBreak {
				r.Text = " "
			}
			b.WriteString(r.Text)
		}
		return append(out, Image{Dest: dest, Alt: b.String()})
	}
	if len(alt) > 0 {
		out = append(out, Paragraph{Runs: alt})
	}
	return out
}

func (l *lowerer) code(n ast.Node) Code {
	var c Code
	lines := n.Lines()
	for i := 0; i < lines.Len(); i++ {
		seg := lines.At(i)
		line := string(seg.Value(l.src)) // with the padding a split tab left
		line = strings.TrimRight(line, "\r\n")
		c.Lines = append(c.Lines, expandTabs(line))
	}
	return c
}

func expandTabs(s string) string {
	if !strings.Contains(s, "\t") {
		return s
	}
	var b strings.Builder
	col := 0
	for _, r := range s {
		if r == '\t' {
			n := 4 - col%4
			b.WriteString("    "[:n])
			col += n
			continue
		}
		b.WriteRune(r)
		col++
	}
	return b.String()
}

func (l *lowerer) table(n *east.Table) Table {
	t := Table{Align: make([]Align, len(n.Alignments))}
	for i, a := range n.Alignments {
		switch a {
		case east.AlignLeft:
			t.Align[i] = AlignLeft
		case east.AlignCenter:
			t.Align[i] = AlignCenter
		case east.AlignRight:
			t.Align[i] = AlignRight
		}
	}
	row := func(r ast.Node) [][]Run {
		cells := make([][]Run, len(t.Align))
		i := 0
		for c := r.FirstChild(); c != nil && i < len(cells); c = c.NextSibling() {
			cells[i] = l.inlines(c)
			i++
		}
		return cells
	}
	for r := n.FirstChild(); r != nil; r = r.NextSibling() {
		switch r.(type) {
		case *east.TableHeader:
			t.Header = row(r)
		case *east.TableRow:
			t.Rows = append(t.Rows, row(r))
		}
	}
	return t
}

// inlines lowers the inline content of a block.
func (l *lowerer) inlines(n ast.Node) []Run {
	var runs []Run
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		l.inline(&runs, c, 0, "")
	}
	return trim(runs)
}

func (l *lowerer) inline(runs *[]Run, n ast.Node, style Style, link string) {
	children := func(style Style, link string) {
		for c := n.FirstChild(); c != nil; c = c.NextSibling() {
			l.inline(runs, c, style, link)
		}
	}
	switch n := n.(type) {
	case *ast.Text:
		v := n.Segment.Value(l.src)
		if n.IsRaw() {
			add(runs, Run{Text: string(v), Style: style, Link: link})
		} else {
			add(runs, Run{Text: l.unescape(v), Style: style, Link: link})
		}
		switch {
		case n.HardLineBreak():
			add(runs, Run{Text: hardBreak})
		case n.SoftLineBreak():
			add(runs, Run{Text: " ", Style: style, Link: link})
		}
	case *ast.String:
		if n.IsCode() || n.IsRaw() {
			add(runs, Run{Text: string(n.Value), Style: style, Link: link})
		} else {
			add(runs, Run{Text: l.unescape(n.Value), Style: style, Link: link})
		}
	case *ast.CodeSpan:
		// As goldmark renders it: the text as written, a line end a space.
		var b strings.Builder
		for c := n.FirstChild(); c != nil; c = c.NextSibling() {
			var v []byte
			switch c := c.(type) {
			case *ast.Text:
				v = c.Segment.Value(l.src)
			case *ast.String:
				v = c.Value
			}
			if bytes.HasSuffix(v, []byte("\n")) {
				v = append(v[:len(v)-1:len(v)-1], ' ')
			}
			b.Write(v)
		}
		add(runs, Run{Text: b.String(), Style: style | Mono, Link: link})
	case *ast.Emphasis:
		if n.Level >= 2 {
			children(style|Bold, link)
		} else {
			children(style|Italic, link)
		}
	case *east.Strikethrough:
		children(style|Strike, link)
	case *ast.Link:
		dest, ok := l.resolve(string(n.Destination), false, true)
		if ok {
			link = dest
		}
		from := len(*runs)
		children(style, link)
		if ok && l.opt.PrintURLs && printedURL(dest) && !showsAddress((*runs)[from:], dest) {
			add(runs, Run{Text: " <" + dest + ">", Style: style, Link: link})
		}
	case *ast.AutoLink:
		dest := string(n.URL(l.src))
		if n.AutoLinkType == ast.AutoLinkEmail && !strings.HasPrefix(strings.ToLower(dest), "mailto:") {
			dest = "mailto:" + dest
		}
		if d, ok := l.resolve(dest, false, false); ok {
			link = d
		}
		add(runs, Run{Text: string(n.Label(l.src)), Style: style, Link: link})
	case *ast.Image:
		// An image among text is its alt text.
		children(style, link)
	case *ast.RawHTML:
		// Raw HTML is not rendered.
	case *east.FootnoteLink:
		num := strconv.Itoa(n.Index)
		add(runs, Run{Text: num, Style: style | Super, Link: "#fn:" + num})
	case *east.FootnoteBacklink:
		// The book's footnotes need no way back.
	default:
		children(style, link)
	}
}

// printedURL reports a destination PrintURLs writes out: an address on
// the web, as the book's linker returns it.
func printedURL(dest string) bool {
	d := strings.ToLower(dest)
	return strings.HasPrefix(d, "http://") || strings.HasPrefix(d, "https://")
}

// showsAddress reports whether a link's text is its address, give or take
// the scheme, "www." and a final slash: "https://oit.org/" written as
// "oit.org".
func showsAddress(runs []Run, dest string) bool {
	var b strings.Builder
	for _, r := range runs {
		b.WriteString(r.Text)
	}
	bare := func(s string) string {
		s = strings.ToLower(strings.TrimSpace(s))
		for _, p := range []string{"https://", "http://", "www."} {
			s = strings.TrimPrefix(s, p)
		}
		return strings.TrimSuffix(s, "/")
	}
	return bare(b.String()) == bare(dest)
}

// resolve judges a destination as markdown.Render does, then asks the
// caller. The caller gets the destination as the site's href has it before
// percent-escaping: a link's with backslash escapes and character
// references decoded, as goldmark does, an autolink's as written.
func (l *lowerer) resolve(raw string, image, decode bool) (string, bool) {
	if !markdown.Safe(strings.TrimSpace(html.UnescapeString(raw)), image) {
		return "", false // what the site refuses
	}
	dest := raw
	if decode {
		dest = string(util.ResolveEntityNames(util.ResolveNumericReferences(util.UnescapePunctuations([]byte(raw)))))
	}
	dest = strings.TrimSpace(dest)
	if !markdown.Safe(dest, image) {
		return "", false
	}
	if l.opt.Link == nil {
		return dest, true
	}
	return l.opt.Link(dest, image)
}

// unescape decodes backslash escapes and character references exactly as
// goldmark's HTML writer does: it writes through that writer and decodes
// the HTML it wrote, so the book's text is the site's text.
func (l *lowerer) unescape(v []byte) string {
	if bytes.IndexByte(v, '\\') < 0 && bytes.IndexByte(v, '&') < 0 && bytes.IndexByte(v, 0) < 0 {
		return string(v)
	}
	l.buf.Reset()
	if l.w == nil {
		l.w = bufio.NewWriter(&l.buf)
	}
	ghtml.DefaultWriter.Write(l.w, v)
	_ = l.w.Flush()
	return html.UnescapeString(l.buf.String())
}

// add appends r to runs; merge joins what looks the same afterwards, so
// that a long paragraph is not copied once a line.
func add(runs *[]Run, r Run) {
	if r.Text != "" {
		*runs = append(*runs, r)
	}
}

// merge joins adjacent runs of the same style and link, but leaves each
// hard break a run of its own.
func merge(runs []Run) []Run {
	out := runs[:0]
	for i := 0; i < len(runs); {
		r := runs[i]
		j := i + 1
		if r.Text != hardBreak {
			for j < len(runs) && runs[j].Style == r.Style && runs[j].Link == r.Link && runs[j].Text != hardBreak {
				j++
			}
		}
		if j > i+1 {
			var b strings.Builder
			for _, s := range runs[i:j] {
				b.WriteString(s.Text)
			}
			r.Text = b.String()
		}
		out = append(out, r)
		i = j
	}
	return out
}

// trim drops the space and hard breaks at either end of a block's runs,
// which raw HTML dropped beside a line end can leave. Code keeps its
// spaces.
func trim(runs []Run) []Run {
	runs = merge(runs)
	for len(runs) > 0 {
		r := &runs[0]
		if r.Style&Mono == 0 {
			r.Text = strings.TrimLeft(r.Text, " \t")
		}
		if r.Text != "" && r.Text != hardBreak {
			break
		}
		runs = runs[1:]
	}
	for len(runs) > 0 {
		r := &runs[len(runs)-1]
		if r.Style&Mono == 0 {
			r.Text = strings.TrimRight(r.Text, " \t")
		}
		if r.Text != "" && r.Text != hardBreak {
			break
		}
		runs = runs[:len(runs)-1]
	}
	if len(runs) == 0 {
		return nil
	}
	return runs
}
