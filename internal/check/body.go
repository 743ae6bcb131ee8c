package check

import (
	"bytes"
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/text"

	"catalog/internal/markdown"
)

// body is what the checks need from a parsed body; the tree itself is not
// kept.
type body struct {
	src       []byte
	lineStart []int // byte offset of each line's start
	firstLine int   // file line of src's first line

	headings []span
	html     []span
	links    []link
	texts    []segment // text that readers see (for personal data)
}

// segment is a stretch of the source, [start, stop).
type segment struct{ start, stop int }

type span struct {
	off  int
	text string
}

type link struct {
	off   int
	dest  string
	image bool
}

// parseBody parses a body, unless it nests deeper than markdown.Parse
// goes (the error says where).
func parseBody(src []byte, firstLine int) (*body, error) {
	b := &body{src: src, firstLine: firstLine, lineStart: []int{0}}
	for i, c := range src {
		if c == '\n' {
			b.lineStart = append(b.lineStart, i+1)
		}
	}
	// The parse of the site and the book: the checks see the same tree.
	doc, err := markdown.Parse(src)
	if err != nil {
		return nil, err
	}
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *ast.Heading:
			b.headings = append(b.headings, span{offset(n), plainText(n, src)})
		case *ast.HTMLBlock:
			if n.HTMLBlockType != ast.HTMLBlockType2 { // type 2 is a comment
				b.html = append(b.html, span{offset(n), firstLineOf(n.Lines(), src)})
			}
		case *ast.RawHTML:
			if n.Segments.Len() > 0 {
				seg := n.Segments.At(0)
				raw := string(seg.Value(src))
				if !strings.HasPrefix(raw, "<!--") {
					b.html = append(b.html, span{seg.Start, raw})
				}
			}
		case *ast.Link:
			b.links = append(b.links, link{offset(n), string(n.Destination), false})
		case *ast.Image:
			b.links = append(b.links, link{offset(n), string(n.Destination), true})
		case *ast.AutoLink:
			b.links = append(b.links, link{offset(n), string(n.URL(src)), false})
			return ast.WalkSkipChildren, nil
		case *ast.Text:
			b.addText(n.Segment.Start, n.Segment.Stop)
		case *ast.CodeBlock, *ast.FencedCodeBlock:
			lines := n.Lines()
			for i := 0; i < lines.Len(); i++ {
				seg := lines.At(i)
				b.addText(seg.Start, seg.Stop)
			}
		}
		return ast.WalkContinue, nil
	})
	return b, nil
}

// addText records visible text, merging it with the previous stretch when
// they touch, so that a phone number the parser split at a punctuation
// mark is seen whole.
func (b *body) addText(start, stop int) {
	if n := len(b.texts); n > 0 && b.texts[n-1].stop == start {
		b.texts[n-1].stop = stop
		return
	}
	b.texts = append(b.texts, segment{start, stop})
}

// offset finds where a node starts in the source.
func offset(n ast.Node) int {
	if p := n.Pos(); p >= 0 {
		return p
	}
	if n.Type() == ast.TypeBlock && n.Lines().Len() > 0 {
		return n.Lines().At(0).Start
	}
	if t, ok := n.(*ast.Text); ok {
		return t.Segment.Start
	}
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		if p := offset(c); p >= 0 {
			return p
		}
	}
	if p := n.Parent(); p != nil {
		return offset(p)
	}
	return 0
}

func firstLineOf(lines *text.Segments, src []byte) string {
	if lines.Len() == 0 {
		return ""
	}
	seg := lines.At(0)
	return strings.TrimSpace(string(seg.Value(src)))
}

// plainText is the text of an inline tree (a heading's words).
func plainText(n ast.Node, src []byte) string {
	var b strings.Builder
	_ = ast.Walk(n, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch c := c.(type) {
		case *ast.Text:
			b.Write(c.Segment.Value(src))
			if c.SoftLineBreak() || c.HardLineBreak() {
				b.WriteByte(' ')
			}
		case *ast.String:
			b.Write(c.Value)
		case *ast.CodeSpan:
			for t := c.FirstChild(); t != nil; t = t.NextSibling() {
				if tn, ok := t.(*ast.Text); ok {
					b.Write(tn.Segment.Value(src))
				}
			}
			return ast.WalkSkipChildren, nil
		}
		return ast.WalkContinue, nil
	})
	return strings.TrimSpace(b.String())
}

// bodyPos is body.pos without the table of line starts, for the few
// positions of a body that is not parsed.
func bodyPos(src []byte, firstLine, off int) (line, col int) {
	off = min(max(off, 0), len(src))
	start := bytes.LastIndexByte(src[:off], '\n') + 1
	return firstLine + bytes.Count(src[:off], []byte("\n")), utf8.RuneCount(src[start:off]) + 1
}

// pos turns a body offset into a file line and character column.
func (b *body) pos(off int) (line, col int) {
	if off < 0 {
		off = 0
	}
	off = min(off, len(b.src))
	i := sort.Search(len(b.lineStart), func(i int) bool { return b.lineStart[i] > off }) - 1
	i = max(i, 0)
	return b.firstLine + i, utf8.RuneCount(b.src[b.lineStart[i]:off]) + 1
}
