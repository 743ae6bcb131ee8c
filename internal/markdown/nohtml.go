package markdown

import (
	"bytes"
	"slices"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/text"
)

// WithoutHTML returns a body without its raw HTML: HTML blocks, comments
// and inline tags, which neither the site nor the book shows. The data
// exports publish bodies as Markdown, and a writer's <!-- note --> there,
// which no page shows and no check reads for personal data, was
// published with them. Cutting a tag out can join what is left into a
// new one ("<<!-- -->b>"), so it cuts again until none is left.
//
// A body that nests deeper than MaxNesting, which validate refuses, is
// not parsed: everything that might be a tag or a comment is cut.
func WithoutHTML(src []byte) []byte {
	for range 8 {
		if !mayHoldHTML(src) {
			return src
		}
		cuts, err := htmlSegments(src)
		if err != nil {
			return cutTags(src)
		}
		if len(cuts) == 0 {
			return src
		}
		src = cut(src, cuts)
	}
	return src
}

// htmlSegments returns the byte ranges of src that are raw HTML.
func htmlSegments(src []byte) ([]text.Segment, error) {
	var cuts []text.Segment
	doc, err := Parse(src)
	if err != nil {
		return nil, err
	}
	ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *ast.HTMLBlock:
			lines := n.Lines()
			for i := range lines.Len() {
				cuts = append(cuts, lines.At(i))
			}
			if n.HasClosure() {
				cuts = append(cuts, n.ClosureLine)
			}
			return ast.WalkSkipChildren, nil
		case *ast.RawHTML:
			for i := range n.Segments.Len() {
				cuts = append(cuts, n.Segments.At(i))
			}
		}
		return ast.WalkContinue, nil
	})
	return cuts, nil
}

// cutTags returns src without anything that might be raw HTML, read
// more widely than CommonMark does: from "<!--" to "-->", and from a '<'
// before a letter, '/', '!' or '?' to the next '>' (or the end). Any other
// '<' is written "&lt;", so that what is left cannot join into a tag.
func cutTags(src []byte) []byte {
	out := make([]byte, 0, len(src))
	for {
		i := bytes.IndexByte(src, '<')
		if i < 0 {
			return append(out, src...)
		}
		if i+1 == len(src) || !tagStart(src[i+1]) {
			out = append(append(out, src[:i]...), "&lt;"...)
			src = src[i+1:]
			continue
		}
		out = append(out, src[:i]...)
		end := []byte(">")
		if bytes.HasPrefix(src[i:], []byte("<!--")) {
			end = []byte("-->")
		}
		j := bytes.Index(src[i+1:], end)
		if j < 0 {
			return out
		}
		src = src[i+1+j+len(end):]
	}
}

// cut returns src without the ranges cuts.
func cut(src []byte, cuts []text.Segment) []byte {
	slices.SortFunc(cuts, func(a, b text.Segment) int { return a.Start - b.Start })
	out := make([]byte, 0, len(src))
	at := 0
	for _, c := range cuts {
		if c.Start > at {
			out = append(out, src[at:c.Start]...)
		}
		at = max(at, c.Stop)
	}
	return append(out, src[min(at, len(src)):]...)
}

func tagStart(c byte) bool {
	return 'a' <= c|0x20 && c|0x20 <= 'z' || c == '/' || c == '!' || c == '?'
}

// mayHoldHTML reports whether src has what could start raw HTML: "<!",
// "<?", "</", or "<" and a tag name ended by a blank, "/" or ">". An
// autolink (<https://…>, <a@b.org>) is none of these, so most bodies are
// not parsed again.
func mayHoldHTML(src []byte) bool {
	for i := bytes.IndexByte(src, '<'); i >= 0; {
		rest := src[i+1:]
		if len(rest) > 0 {
			switch c := rest[0]; {
			case c == '!' || c == '?' || c == '/':
				return true
			case 'a' <= c|0x20 && c|0x20 <= 'z':
				j := 1
				for j < len(rest) && ('a' <= rest[j]|0x20 && rest[j]|0x20 <= 'z' || '0' <= rest[j] && rest[j] <= '9' || rest[j] == '-') {
					j++
				}
				if j == len(rest) || bytes.IndexByte([]byte(" \t\n\r/>"), rest[j]) >= 0 {
					return true
				}
			}
		}
		next := bytes.IndexByte(rest, '<')
		if next < 0 {
			return false
		}
		i += 1 + next
	}
	return false
}
