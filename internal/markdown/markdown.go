// Package markdown turns a practice body (or a catalog's intro) into safe
// HTML for the site: CommonMark with GitHub tables, strikethrough,
// footnotes and typographic quotes. It owns what a body may and may not do
// in a reader's browser: raw HTML is never rendered, and only http, https,
// mailto and relative links survive; every other link becomes its text.
package markdown

import (
	"bytes"
	"html"
	"net/url"
	"strconv"
	"strings"
	"unicode"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	east "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
	"golang.org/x/text/unicode/norm"
)

// The typographer writes characters, not entities: the same text then
// reads the same in the HTML, the search data and the PDF.
var typography = map[extension.TypographicPunctuation]string{
	extension.LeftSingleQuote:  "‘",
	extension.RightSingleQuote: "’",
	extension.LeftDoubleQuote:  "“",
	extension.RightDoubleQuote: "”",
	extension.EnDash:           "–",
	extension.EmDash:           "—",
	extension.Ellipsis:         "…",
	extension.LeftAngleQuote:   "«",
	extension.RightAngleQuote:  "»",
	extension.Apostrophe:       "’",
}

// md is safe for concurrent use: goldmark's parser and renderer keep no
// state between documents.
var md = goldmark.New(
	goldmark.WithExtensions(
		extension.NewTable(tableOptions...),
		extension.Strikethrough,
		extension.NewFootnote(extension.WithFootnoteBacklinkHTML("↩")),
		extension.NewTypographer(extension.WithTypographicSubstitutions(typography)),
	),
	// Before the table extension's renderer (priority 500), whose
	// function it calls.
	goldmark.WithRendererOptions(renderer.WithNodeRenderers(util.Prioritized(newScrollingTables(tableOptions...), 400))),
)

var tableOptions = []extension.TableOption{extension.WithTableCellAlignMethod(extension.TableCellAlignStyle)}

// Parse parses a body or an intro, once Nesting has vouched for it: the
// one parse of Markdown in catalog, so that the checks, the site, the book
// and the data read the same tree (goldmark's time grows with the square
// of some nestings, and a catalog comes from anyone). A body that nests
// deeper than MaxNesting is not parsed: the error is its Deep.
func Parse(src []byte) (ast.Node, error) {
	if deep, over := Nesting(src); over {
		return nil, deep
	}
	return md.Parser().Parse(text.NewReader(src)), nil
}

// Without html.WithUnsafe, goldmark writes raw HTML as a comment that says
// it was omitted; validate warns about it.

// Options say how links and headings of one body are rendered.
type Options struct {
	// Link maps a link or image destination, as written, to the URL the
	// page should use; false drops the link and keeps its text (an image
	// becomes its description). Nil keeps every safe destination.
	Link func(dest string, image bool) (string, bool)
	// TopLevel is the level that the body's highest heading is given, so
	// that a body's headings sit under the page's own (2 under an h1).
	TopLevel int
	// Reserved lists ids the page already uses; headings get other ids.
	Reserved []string
	// TableLabel names the scrolling box of each table for screen
	// readers ("Tabla"); empty leaves the box unnamed.
	TableLabel string
}

// Document is a rendered body.
type Document struct {
	HTML []byte
	// Text is the visible text, for search: its words, with the white
	// space between them as the body has it, and a line break after each
	// block.
	Text string
	// Headings are the body's headings, in order.
	Headings []Heading
}

// Heading is a heading of a body, with the id it was given.
type Heading struct {
	Level int
	ID    string
	Text  string
}

// Render renders src. A body that nests deeper than MaxNesting (which
// validate refuses) is shown as it is written, as preformatted text.
func Render(src []byte, opt Options) (*Document, error) {
	doc, err := Parse(src)
	if err != nil {
		return asText(src), nil
	}
	out := &Document{}
	ids := map[string]bool{}
	for _, r := range opt.Reserved {
		ids[r] = true
	}
	shift := 0
	if opt.TopLevel > 0 {
		top := 7
		_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
			if h, ok := n.(*ast.Heading); ok && entering && h.Level < top {
				top = h.Level
			}
			if n.Type() == ast.TypeInline || n.Kind() == ast.KindParagraph || n.Kind() == ast.KindHeading || n.Kind() == ast.KindTextBlock {
				return ast.WalkSkipChildren, nil // no heading inside
			}
			return ast.WalkContinue, nil
		})
		if top < 7 {
			shift = opt.TopLevel - top
		}
	}
	var unwrap []ast.Node
	// collapsed is the image being unwrapped that the walk is inside:
	// it becomes its whole text at once, so what it holds is not
	// unwrapped again (with images nested n deep, that was n copies of
	// the text).
	var collapsed ast.Node
	// The text and the HTML are each about as long as the source: sized
	// once, they are not copied again and again as they grow.
	var words strings.Builder
	words.Grow(len(src))
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			if n.Type() == ast.TypeBlock {
				words.WriteByte('\n')
			}
			if n == collapsed {
				collapsed = nil
			}
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *east.Table:
			if opt.TableLabel != "" {
				n.SetAttributeString(tableLabel, []byte(opt.TableLabel))
			}
		case *ast.Heading:
			n.Level = min(max(n.Level+shift, 1), 6)
			label := plain(n, src)
			id := unique(ids, Slug(label))
			n.SetAttributeString("id", []byte(id))
			out.Headings = append(out.Headings, Heading{Level: n.Level, ID: id, Text: label})
		case *ast.Link:
			if collapsed != nil {
				break
			}
			dest, ok := resolve(opt, string(n.Destination), false)
			if !ok {
				unwrap = append(unwrap, n)
				break
			}
			n.Destination = []byte(dest)
		case *ast.Image:
			if collapsed != nil {
				break
			}
			dest, ok := resolve(opt, string(n.Destination), true)
			if !ok {
				unwrap = append(unwrap, n)
				collapsed = n
				break
			}
			n.Destination = []byte(dest)
		case *ast.AutoLink:
			if collapsed != nil {
				break
			}
			if _, ok := resolve(opt, string(n.URL(src)), false); !ok {
				unwrap = append(unwrap, n)
			}
		case *ast.Text:
			words.Write(n.Segment.Value(src))
			if n.SoftLineBreak() || n.HardLineBreak() {
				words.WriteByte(' ')
			}
		case *ast.String:
			words.Write(n.Value)
		case *ast.CodeSpan:
			words.Write(plainBytes(n, src))
			return ast.WalkSkipChildren, nil
		case *ast.CodeBlock, *ast.FencedCodeBlock:
			lines := n.Lines()
			for i := 0; i < lines.Len(); i++ {
				seg := lines.At(i)
				words.Write(seg.Value(src))
			}
		}
		return ast.WalkContinue, nil
	})
	for _, n := range unwrap {
		unwrapNode(n, src)
	}
	var buf bytes.Buffer
	buf.Grow(len(src) + len(src)/4)
	if err := md.Renderer().Render(&buf, src, doc); err != nil {
		return nil, err
	}
	out.HTML = buf.Bytes()
	out.Text = words.String()
	return out, nil
}

// asText is src shown as it is written, escaped, in linear time.
func asText(src []byte) *Document {
	var b bytes.Buffer
	b.Grow(len(src) + len(src)/8 + 16)
	b.WriteString("<pre>")
	b.WriteString(html.EscapeString(string(src)))
	b.WriteString("</pre>\n")
	return &Document{HTML: b.Bytes(), Text: string(src)}
}

// resolve judges a destination as a browser will read it (character
// references decoded, surrounding space ignored), then asks the page.
func resolve(opt Options, dest string, image bool) (string, bool) {
	dest = strings.TrimSpace(html.UnescapeString(dest))
	if !Safe(dest, image) {
		return "", false
	}
	if opt.Link == nil {
		return dest, true
	}
	out, ok := opt.Link(dest, image)
	if !ok || !Safe(out, image) {
		return "", false
	}
	return out, true
}

// Safe reports whether a URL may appear in a page: http, https, mailto
// (not for an image) or a relative reference.
func Safe(dest string, image bool) bool {
	for _, r := range dest {
		if r < ' ' || r == 0x7f {
			return false // a browser strips tabs and newlines: "java\tscript:"
		}
	}
	u, err := url.Parse(dest)
	if err != nil {
		return false
	}
	switch strings.ToLower(u.Scheme) {
	case "http", "https":
		return u.Host != ""
	case "mailto":
		return !image
	case "":
		// "//host/x" is protocol-relative: a link elsewhere, written
		// without the scheme that validate asks for.
		return !strings.HasPrefix(dest, "//") && !strings.HasPrefix(dest, `\\`)
	}
	return false
}

// unwrapNode replaces a link by its content, and an image or autolink by
// its text.
func unwrapNode(n ast.Node, src []byte) {
	parent := n.Parent()
	if parent == nil {
		return
	}
	switch n.(type) {
	case *ast.Link:
		for c := n.FirstChild(); c != nil; {
			next := c.NextSibling()
			parent.InsertBefore(parent, n, c)
			c = next
		}
	case *ast.AutoLink:
		parent.InsertBefore(parent, n, ast.NewString(n.(*ast.AutoLink).Label(src)))
	default:
		parent.InsertBefore(parent, n, ast.NewString(plainBytes(n, src)))
	}
	parent.RemoveChild(parent, n)
}

func plain(n ast.Node, src []byte) string { return string(plainBytes(n, src)) }

// plainBytes is the text of n's inline content.
func plainBytes(n ast.Node, src []byte) []byte { return appendPlain(nil, n, src) }

// appendPlain appends the text of n's inline content to b: each byte is
// copied once, however deep the content nests.
func appendPlain(b []byte, n ast.Node, src []byte) []byte {
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		switch c := c.(type) {
		case *ast.Text:
			b = append(b, c.Segment.Value(src)...)
			if c.SoftLineBreak() {
				b = append(b, ' ')
			}
		case *ast.String:
			b = append(b, c.Value...)
		case *ast.AutoLink:
			b = append(b, c.Label(src)...)
		default:
			b = appendPlain(b, c, src)
		}
	}
	return b
}

// Slug makes an id or URL part from a label: lower case, accents dropped
// (Descripción → descripcion), anything else but letters and digits a
// single hyphen. goldmark's own heading ids drop accented letters
// altogether ("descripcin").
func Slug(s string) string {
	var b strings.Builder
	hyphen := false
	for _, r := range norm.NFD.String(s) {
		switch {
		case unicode.Is(unicode.Mn, r):
			continue
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			if hyphen && b.Len() > 0 {
				b.WriteByte('-')
			}
			hyphen = false
			b.WriteRune(unicode.ToLower(r))
		default:
			hyphen = true
		}
	}
	if b.Len() == 0 {
		return "section"
	}
	return b.String()
}

func unique(used map[string]bool, id string) string {
	out := id
	for i := 2; used[out]; i++ {
		out = id + "-" + strconv.Itoa(i)
	}
	used[out] = true
	return out
}
