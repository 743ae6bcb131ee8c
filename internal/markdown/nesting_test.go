package markdown

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/yuin/goldmark/ast"
	east "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/text"
)

// nested builds a text that nests kind d deep, on its second line.
func nested(k Kind, d int) string { return "Texto.\n" + Nested(k, d) + "\n" }

func TestNestingLimit(t *testing.T) {
	for k := range Kinds {
		t.Run(k.String(), func(t *testing.T) {
			if d, over := Nesting([]byte(nested(k, MaxNesting))); over {
				t.Errorf("at the limit: refused: %v", d)
			}
			d, over := Nesting([]byte(nested(k, MaxNesting+1)))
			if want := (Deep{Line: 2, Depth: MaxNesting + 1, Kind: k}); !over || d != want {
				t.Errorf("past the limit: got %+v, %v; want %+v", d, over, want)
			}
		})
	}
}

// Texts that nest by other means than the obvious one, each measured at
// least as deep as goldmark builds it.
func TestNestingMeasures(t *testing.T) {
	for _, tc := range []struct {
		src  string
		kind Kind
		want int
	}{
		{"- a\n  - b\n    - c\n", List, 3},
		{"1. a\n   1. b\n      1. c\n", List, 4},
		{"> a\n> > b\n> > > c\n", Quote, 3},
		{"[a](x) [b](y) [c](z)\n", Bracket, 1},
		{"[a\n[b\n[c\n", Bracket, 3},
		{"![a ![b ![c](x)](y)](z)\n", Bracket, 3},
		{"[a `]` [b `]` [c\n", Bracket, 3},      // a ']' in a code span closes nothing
		{"[a \\] [b\n", Bracket, 2},             // nor an escaped one
		{"[x [a](<x]>) [b\n", Bracket, 2},       // nor one in a destination
		{"[x [a](x \"]\") [b\n", Bracket, 2},    // or a title
		{"[a <b title=\"]\"> [b\n", Bracket, 2}, // or raw HTML
		{"[a\n\n[b\n", Bracket, 1},              // a blank line ends a paragraph
		{"[a\n- [b\n", Bracket, 1},              // and so does a list item
		{"[a <https://x.org/]> [b](c) [d\n", Bracket, 2},
		{"*a* _b_ **c** ~~d~~ ~~e~~\n", Emphasis, 4}, // '~' is counted, never taken off
		{"*a **b *c* d** e*\n", Emphasis, 4},
		{"*a*, (*b*).\n", Emphasis, 1},
		{"`*a*` *b\n", Emphasis, 2},
		{"((a)) (b)\n", Paren, 2},
	} {
		got, _ := measure([]byte(tc.src), 0)
		if got[tc.kind] != tc.want {
			t.Errorf("%q: %s measured %d, want %d", tc.src, tc.kind, got[tc.kind], tc.want)
		}
	}
}

// TestNestingPractices: the sample catalog's texts, and a long legal text
// with lists six deep, are far from the limit.
func TestNestingPractices(t *testing.T) {
	files, _ := filepath.Glob("../../catalog/practices/*.md")
	intros, _ := filepath.Glob("../../catalog/intro*.md")
	var deepest [Kinds]int
	for _, f := range append(files, intros...) {
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		got, _ := measure(src, 0)
		for k := range Kinds {
			deepest[k] = max(deepest[k], got[k])
		}
	}
	t.Logf("sample catalog, deepest: %v", deepest)
	legal := legalText(6, 40)
	got, _ := measure([]byte(legal), 0)
	t.Logf("legal text, deepest: %v", got)
	for k := range Kinds {
		if deepest[k] > MaxNesting/4 || got[k] > MaxNesting/2 {
			t.Errorf("%s: measured %d in the sample, %d in a legal text: too near the limit %d", k, deepest[k], got[k], MaxNesting)
		}
	}
}

// legalText is a law's articles: numbered lists `levels` deep, indented
// four columns a level, each item with bold, italics and a link or two,
// `articles` times.
func legalText(levels, articles int) string {
	var b strings.Builder
	for a := range articles {
		b.WriteString("**Artículo " + strings.Repeat("I", a%4+1) + ".** *Definiciones* (véase [la ley](https://example.org/ley_9095(2012)) y el [reglamento](reglamento.md)):\n\n")
		for l := range levels {
			indent := strings.Repeat("    ", l)
			b.WriteString(indent + "1. Se entiende por *trata* (art. 5) lo que dice **[el Protocolo](https://example.org/p)**;\n")
			b.WriteString(indent + "2. _la víctima_, según la [Convención][c]: ver la [nota](#n) y el *inciso* b);\n")
			b.WriteString(indent + "   > «Cita textual del *Código Penal*», [fuente](https://example.org/cp)\n")
		}
		b.WriteString("\n")
	}
	b.WriteString("[c]: https://example.org/c\n")
	return b.String()
}

// treeDepths returns the deepest chains of goldmark's tree: block
// containers (lists, quotes, footnotes), links and images, emphasis and
// strikethrough.
func treeDepths(doc ast.Node) (blocks, links, emphasis int) {
	var walk func(n ast.Node, b, l, e int)
	walk = func(n ast.Node, b, l, e int) {
		switch n.(type) {
		case *ast.List, *ast.Blockquote, *east.Footnote:
			b++
		case *ast.Link, *ast.Image:
			l++
		case *ast.Emphasis, *east.Strikethrough:
			e++
		}
		blocks, links, emphasis = max(blocks, b), max(links, l), max(emphasis, e)
		for c := n.FirstChild(); c != nil; c = c.NextSibling() {
			walk(c, b, l, e)
		}
	}
	walk(doc, 0, 0, 0)
	return
}

// FuzzNesting: the scan never panics, and what it accepts goldmark builds
// no deeper than it measured.
func FuzzNesting(f *testing.F) {
	for k := range Kinds {
		f.Add(nested(k, 3))
	}
	for _, s := range []string{
		"[a `]` ![b `]` ![c](x)](y)](z)", "*a **b** c*", "> - > - x\n  - y", "[^1]: [^2]: x\n\n[^1]\n[^2]",
		"a|b\n-|-\n*[x|]*", "_a_b_ __c__", "[a](b \"t\n]]\") [c", "<a title=']]'>[[x](u)](v)",
		"a**b c* d** *e*", "*a _b* c_ d", "**(a)**; *b*", "[a](b(c)d) [e](f 'g') ![h](<i>)", "`]` ] *a` *b",
		legalText(2, 1),
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		src := []byte(s)
		deepest, _ := measure(src, 0)
		if d, over := Nesting(src); over != (max(deepest[List], deepest[Quote], deepest[Bracket], deepest[Emphasis], deepest[Paren]) > MaxNesting) {
			t.Fatalf("Nesting says %+v, %v; the measures are %v", d, over, deepest)
		}
		if len(src) > 1024 {
			return // goldmark's time on a deep long text is not this target's subject
		}
		doc := md.Parser().Parse(text.NewReader(src))
		blocks, links, emphasis := treeDepths(doc)
		if blocks > max(deepest[List], deepest[Quote]) || links > deepest[Bracket] || emphasis > deepest[Emphasis] {
			t.Fatalf("goldmark nests blocks %d, links %d, emphasis %d; the scan measured %v", blocks, links, emphasis, deepest)
		}
	})
}

// A body past the limit is shown as written, escaped, and never parsed.
func TestTooDeepAsText(t *testing.T) {
	src := []byte(nested(List, MaxNesting+1) + "<script>x</script> <!-- nota -->\n")
	if _, err := Parse(src); err == nil {
		t.Fatal("Parse parsed a body past the limit")
	}
	doc, err := Render(src, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if got := string(doc.HTML); !strings.HasPrefix(got, "<pre>Texto.\n- - ") || strings.Contains(got, "<script") || !strings.Contains(got, "&lt;script&gt;") {
		t.Errorf("Render: %.200q", got)
	}
	if out := string(WithoutHTML(src)); strings.Contains(out, "<") || strings.Contains(out, "nota") || strings.Contains(out, "script") {
		t.Errorf("WithoutHTML: %q", out)
	}
}

// benchSizes are the sizes of the texts the benchmarks render: doubling,
// so that a time that doubles with them is linear.
var benchSizes = []int{32 << 10, 64 << 10, 128 << 10}

// BenchmarkDeepest renders the worst texts that validate accepts, each
// kind nested to the limit again and again, at doubling sizes: the time
// per byte must not grow with the size.
func BenchmarkDeepest(b *testing.B) {
	for k := range Kinds {
		for _, size := range benchSizes {
			src := Deepest(k, size)
			if d, over := Nesting(src); over {
				b.Fatalf("%s: refused: %v", k, d)
			}
			b.Run(fmt.Sprintf("%s/KB=%d", k, size>>10), func(b *testing.B) {
				b.SetBytes(int64(len(src)))
				for b.Loop() {
					if _, err := Render(src, Options{TopLevel: 2}); err != nil {
						b.Fatal(err)
					}
				}
			})
		}
	}
}

// BenchmarkNesting is the scan on the sample catalog's texts, which
// validate makes of every body it reads.
func BenchmarkNesting(b *testing.B) {
	files, _ := filepath.Glob("../../catalog/practices/*.md")
	var src []byte
	for _, f := range files {
		text, err := os.ReadFile(f)
		if err != nil {
			b.Fatal(err)
		}
		src = append(src, text...)
	}
	b.SetBytes(int64(len(src)))
	for b.Loop() {
		Nesting(src)
	}
}
