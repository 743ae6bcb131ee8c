package layout

import (
	"fmt"
	"reflect"
	"strings"
	"testing"

	"catalog/internal/markdown"
)

const body = `# Descripción

Un **equipo** de *respuesta* ` + "`inmediata`" + ` ~~viejo~~ con [enlace](https://example.org/a?b=1&amp;c=2 "t") y <https://example.org/auto>.
Línea siguiente\
tras un corte "citado" -- y...

3. tres
4. cuatro
   - a ***b*** c
   - d

> cita
>
> - uno
> - dos

` + "```go\n\tx := 1\nfoo\tbar\n```" + `

| Izq | Centro | Der | Nada |
| :-- | :-: | --: | --- |
| a | **b** | c | d |
| e |

![Mapa de *rutas*](media/mapa.png)

Texto con ![icono](media/i.png) dentro y nota[^1].

[^1]: La nota *dice* algo.

---

<div class="x">oculto</div>

Con <span>html</span> en línea y [peligro](javascript:alert(1)) y <mailto:a@b.example> y <x@y.example>.

## Resultados ¡ya!
`

const bodyTree = `h1 ["Descripción"]
p ["Un "]["equipo"|b][" de "]["respuesta"|i][" "]["inmediata"|m][" "]["viejo"|s][" con "]["enlace"||https://example.org/a?b=1&c=2][" y "]["https://example.org/auto"||https://example.org/auto][". Línea siguiente"]["\n"]["tras un corte “citado” – y…"]
ol start=3 tight
  li
    p ["tres"]
  li
    p ["cuatro"]
    ul tight
      li
        p ["a "]["b"|bi][" c"]
      li
        p ["d"]
quote
  p ["cita"]
  ul tight
    li
      p ["uno"]
    li
      p ["dos"]
code ["    x := 1" "foo bar"]
table [left center right none]
  th ["Izq"] ["Centro"] ["Der"] ["Nada"]
  td ["a"] ["b"|b] ["c"] ["d"]
  td ["e"] [] [] []
img "media/mapa.png" alt="Mapa de rutas"
p ["Texto con icono dentro y nota"]["1"|^|#fn:1]["."]
hr
p ["Con html en línea y peligro y "]["mailto:a@b.example"||mailto:a@b.example][" y "]["x@y.example"||mailto:x@y.example]["."]
h2 ["Resultados ¡ya!"]
footnotes
  fn 1
    p ["La nota "]["dice"|i][" algo."]
`

func TestLower(t *testing.T) {
	got := dump(Lower([]byte(body), LowerOptions{}))
	if got != bodyTree {
		t.Errorf("Lower:\n%s\nwant:\n%s", got, bodyTree)
	}
}

// The printed form above hides the types; this pins them down.
func TestLowerTypes(t *testing.T) {
	src := "Hola *a*  \nb[^n].\n\n- x\n\n- y\n\n[^n]: nota\n"
	want := []Block{
		Paragraph{Runs: []Run{{Text: "Hola "}, {Text: "a", Style: Italic}, {Text: "\n"}, {Text: "b"}, {Text: "1", Style: Super, Link: "#fn:1"}, {Text: "."}}},
		List{Items: [][]Block{{Paragraph{Runs: []Run{{Text: "x"}}}}, {Paragraph{Runs: []Run{{Text: "y"}}}}}},
		Footnotes{Items: []Footnote{{N: 1, Blocks: []Block{Paragraph{Runs: []Run{{Text: "nota"}}}}}}},
	}
	if got := Lower([]byte(src), LowerOptions{}); !reflect.DeepEqual(got, want) {
		t.Errorf("Lower:\n%#v\nwant:\n%#v", got, want)
	}
}

func TestLowerLinkOption(t *testing.T) {
	var asked []string
	opt := LowerOptions{Link: func(dest string, image bool) (string, bool) {
		asked = append(asked, dest)
		switch {
		case strings.HasPrefix(dest, "media/"):
			return "/catalog/" + dest, image
		case dest == "other-practice.md":
			return "#practice-other", true
		}
		return dest, !strings.Contains(dest, "refused")
	}}
	src := `![Mapa](media/mapa.png)

![Fuera](https://example.org/refused.png)

[otra](other-practice.md), [fuera](https://example.org/refused), [media](media/x.pdf),
[espacios]( <https://example.org/a&amp;b> ), [js](JavaScript:alert(1)), [datos](data:text/html,x)
`
	want := `img "/catalog/media/mapa.png" alt="Mapa"
p ["Fuera"]
p ["otra"||#practice-other][", fuera, media, "]["espacios"||https://example.org/a&b][", js, datos"]
`
	if got := dump(Lower([]byte(src), opt)); got != want {
		t.Errorf("Lower:\n%s\nwant:\n%s", got, want)
	}
	// Unsafe destinations never reach the caller.
	wantAsked := []string{"media/mapa.png", "https://example.org/refused.png", "other-practice.md", "https://example.org/refused", "media/x.pdf", "https://example.org/a&b"}
	if !reflect.DeepEqual(asked, wantAsked) {
		t.Errorf("Link asked %q, want %q", asked, wantAsked)
	}
}

// TestLowerPrintURLs: on paper a link to the web shows its address after
// its text, unless the text is the address already; links within the
// book and mailto keep only their text.
func TestLowerPrintURLs(t *testing.T) {
	opt := LowerOptions{PrintURLs: true, Link: func(dest string, image bool) (string, bool) {
		if dest == "otra.md" {
			return "#practice:otra", true
		}
		return dest, !strings.Contains(dest, "refused")
	}}
	src := `Ver el [informe **anual**](https://oit.org/informe), [oit.org](https://www.oit.org/),
<https://unodc.org>, [https://iom.int](https://iom.int), [otra](otra.md),
[correo](mailto:a@b.org), [fuera](https://example.org/refused).
`
	want := `p ["Ver el "]["informe "||https://oit.org/informe]["anual"|b|https://oit.org/informe][" <https://oit.org/informe>"||https://oit.org/informe][", "]["oit.org"||https://www.oit.org/][", "]["https://unodc.org"||https://unodc.org][", "]["https://iom.int"||https://iom.int][", "]["otra"||#practice:otra][", "]["correo"||mailto:a@b.org][", fuera."]
`
	if got := dump(Lower([]byte(src), opt)); got != want {
		t.Errorf("Lower:\n%s\nwant:\n%s", got, want)
	}
	opt.PrintURLs = false
	if got := dump(Lower([]byte(src), opt)); strings.Contains(got, "<https://oit.org/informe>") {
		t.Errorf("without PrintURLs the address is printed:\n%s", got)
	}
}

func TestLowerEdges(t *testing.T) {
	for _, tc := range []struct{ name, src, want string }{
		{"empty", "", ""},
		{"only html", "<div>\nx\n</div>\n\n<!-- c -->\n", ""},
		{"html around text", "<b></b> <i></i>\n\n<span>a</span>  \nb\n", "p [\"a\"][\"\\n\"][\"b\"]\n"},
		{"escapes and entities", `\*no\* &copy; &#35; &#x263A; \\ a&b`, "p [\"*no* © # ☺ \\\\ a&b\"]\n"},
		{"code span keeps escapes", "`\\*x\\*  &amp;`", "p [\"\\\\*x\\\\*  &amp;\"|m]\n"},
		{"code span line end", "`a\nb`", "p [\"a b\"|m]\n"},
		{"setext and empty heading", "Título\n===\n\n#\n", "h1 [\"Título\"]\n"},
		{"linked image", "[![alt](i.png)](https://example.org)", "p [\"alt\"||https://example.org]\n"},
		{"empty fence", "```\n```\n", "code []\n"},
		{"indented code", "    a\n\tb\n", "code [\"a\" \"b\"]\n"},
		{"nested emphasis", "*a **b ~~c~~** `d`*", "p [\"a \"|i][\"b \"|bi][\"c\"|bis][\" \"|i][\"d\"|im]\n"},
		{"ordered from zero", "0. a\n", "ol start=0 tight\n  li\n    p [\"a\"]\n"},
		{"nested past the limit, as written", "a\n" + strings.Repeat(">", markdown.MaxNesting+1) + " *b*\n",
			"p [\"a\"][\"\\n\"][\"" + strings.Repeat(">", markdown.MaxNesting+1) + " *b*\"][\"\\n\"]\n"},
		{"loose list", "- a\n\n  b\n- c\n", "ul\n  li\n    p [\"a\"]\n    p [\"b\"]\n  li\n    p [\"c\"]\n"},
		{"two footnote refs", "a[^x] b[^y] c[^x]\n\n[^y]: Y\n[^x]: X\n", "p [\"a\"][\"1\"|^|#fn:1][\" b\"][\"2\"|^|#fn:2][\" c\"][\"1\"|^|#fn:1]\n" +
			"footnotes\n  fn 1\n    p [\"X\"]\n  fn 2\n    p [\"Y\"]\n"},
		{"unused footnote", "a\n\n[^z]: Z\n", "p [\"a\"]\n"},
		{"link in bold", "**[a](/b)**", "p [\"a\"|b|/b]\n"},
		{"destinations decoded as goldmark does", "[a](/x\\_y&ouml;) <https://e.example/?a&amp;b>",
			"p [\"a\"||/x_yö][\" \"][\"https://e.example/?a&amp;b\"||https://e.example/?a&amp;b]\n"},
		{"escaped scheme still unsafe", "[a](javascript&#58;alert(1)) [b](java\\script:x)", "p [\"a b\"]\n"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := dump(Lower([]byte(tc.src), LowerOptions{})); got != tc.want {
				t.Errorf("Lower(%q):\n%s\nwant:\n%s", tc.src, got, tc.want)
			}
		})
	}
}

func BenchmarkLower(b *testing.B) {
	src := []byte(strings.Repeat(body, 20))
	b.SetBytes(int64(len(src)))
	for b.Loop() {
		Lower(src, LowerOptions{})
	}
}

// BenchmarkDeepest lowers the worst bodies that validate accepts
// (markdown.Deepest), at doubling sizes: the time per byte must not grow
// with the size.
func BenchmarkDeepest(b *testing.B) {
	for k := range markdown.Kinds {
		for _, size := range []int{32 << 10, 64 << 10, 128 << 10} {
			src := markdown.Deepest(k, size)
			if d, over := markdown.Nesting(src); over {
				b.Fatalf("%s: refused: %v", k, d)
			}
			b.Run(fmt.Sprintf("%s/KB=%d", k, size>>10), func(b *testing.B) {
				b.SetBytes(int64(len(src)))
				for b.Loop() {
					Lower(src, LowerOptions{})
				}
			})
		}
	}
}
