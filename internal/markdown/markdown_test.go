package markdown

import (
	"bytes"
	"strings"
	"testing"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

func TestRender(t *testing.T) {
	for _, tc := range []struct {
		name, src string
		opt       Options
		want      []string
		not       []string
	}{
		{name: "typography in characters", src: `"Comillas" -- y 'simples'... ---`,
			want: []string{"“Comillas” – y ‘simples’… —"}, not: []string{"&ldquo;", "&ndash;"}},
		{name: "heading ids keep accented letters", src: "## Descripción\n\n## Lecciones aprendidas\n\n## Descripción",
			want: []string{`<h2 id="descripcion">`, `<h2 id="lecciones-aprendidas">`, `<h2 id="descripcion-2">`}},
		{name: "reserved ids", src: "## Sources", opt: Options{Reserved: []string{"sources"}},
			want: []string{`<h2 id="sources-2">`}},
		{name: "headings shifted under the page's", src: "# Uno\n\n## Dos", opt: Options{TopLevel: 2},
			want: []string{`<h2 id="uno">`, `<h3 id="dos">`}},
		{name: "shift never passes h6", src: "# Uno\n\n###### Seis", opt: Options{TopLevel: 3},
			want: []string{`<h3 id="uno">`, `<h6 id="seis">`}},
		{name: "raw HTML is not rendered", src: "<script>alert(1)</script>\n\nTexto <b onclick=x>negrita</b>",
			want: []string{"<!-- raw HTML omitted -->"}, not: []string{"<script", "<b ", "onclick"}},
		{name: "unsafe links keep their text", src: "[uno](javascript:alert(1)) [dos](&#106;avascript:x) [tres](data:text/html,x) [cuatro](//evil.example) <vbscript:x>",
			want: []string{"uno dos tres cuatro vbscript:x"}, not: []string{"href"}},
		{name: "unsafe images become their description", src: "![una imagen](javascript:x)",
			want: []string{"<p>una imagen</p>"}, not: []string{"<img"}},
		{name: "safe links stay", src: "[a](https://example.org/x) [b](mailto:info@example.org) [c](#seccion) [d](otra.md)",
			want: []string{`href="https://example.org/x"`, `href="mailto:info@example.org"`, `href="#seccion"`, `href="otra.md"`}},
		{name: "unsafe images nested become their description once", src: "![a ![b ![c](javascript:x) d](javascript:y) e](javascript:z)",
			want: []string{"<p>a b c d e</p>"}, not: []string{"<img"}},
		{name: "a safe image inside an unsafe one is its description", src: "![a ![b](x.png) c](javascript:z)",
			want: []string{"<p>a b c</p>"}, not: []string{"<img"}},
		{name: "mailto images are refused", src: "![x](mailto:a@b.org)", not: []string{"<img"}},
		{name: "the page maps links", src: "[otra](otra.es.md) [fuera](fuera.md)",
			opt: Options{Link: func(dest string, image bool) (string, bool) {
				if dest == "otra.es.md" {
					return "../otra/index.html", true
				}
				return "", false
			}},
			want: []string{`<a href="../otra/index.html">otra</a> fuera`}},
		{name: "a mapping to an unsafe URL is refused", src: "[x](y.md)",
			opt: Options{Link: func(string, bool) (string, bool) { return "javascript:x", true }},
			not: []string{"href"}},
		{name: "tables align with style, not the obsolete align attribute", src: "| a | b |\n| --: | :-- |\n| 1 | 2 |",
			want: []string{`style="text-align:right"`}, not: []string{"align=\""}},
		{name: "footnotes", src: "Texto.[^1]\n\n[^1]: Nota.", want: []string{`href="#fn:1"`, `id="fn:1"`}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			doc, err := Render([]byte(tc.src), tc.opt)
			if err != nil {
				t.Fatal(err)
			}
			got := string(doc.HTML)
			for _, w := range tc.want {
				if !strings.Contains(got, w) {
					t.Errorf("no %q in\n%s", w, got)
				}
			}
			for _, n := range tc.not {
				if strings.Contains(got, n) {
					t.Errorf("%q in\n%s", n, got)
				}
			}
		})
	}
}

func TestText(t *testing.T) {
	doc, err := Render([]byte("## Título\n\nUn *texto* con `código` y [enlace](https://x.org).\n\n- uno\n- dos"), Options{})
	if err != nil {
		t.Fatal(err)
	}
	if got, want := strings.Join(strings.Fields(doc.Text), " "), "Título Un texto con código y enlace. uno dos"; got != want {
		t.Errorf("text %q, want %q", got, want)
	}
	if len(doc.Headings) != 1 || doc.Headings[0].Text != "Título" || doc.Headings[0].ID != "titulo" {
		t.Errorf("headings %+v", doc.Headings)
	}
}

func TestSlug(t *testing.T) {
	for in, want := range map[string]string{
		"Descripción":           "descripcion",
		"Lecciones aprendidas":  "lecciones-aprendidas",
		"  ¿Qué es la trata?  ": "que-es-la-trata",
		"Niñas y niños":         "ninas-y-ninos",
		"2018: año":             "2018-ano",
		"¡!":                    "section",
		"Ελληνικά":              "ελληνικα",
	} {
		if got := Slug(in); got != want {
			t.Errorf("Slug(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestSafe(t *testing.T) {
	for dest, want := range map[string]bool{
		"https://example.org":  true,
		"http://example.org/x": true,
		"mailto:a@b.org":       true,
		"../media/a.png":       true,
		"#x":                   true,
		"":                     true,
		"https://":             false,
		"javascript:x":         false,
		" JAVASCRIPT:x":        false,
		"java\tscript:x":       false,
		"data:text/html,x":     false,
		"//evil.example":       false,
		`\\evil.example`:       false,
		"file:///etc/passwd":   false,
		"vbscript:x":           false,
	} {
		if got := Safe(dest, false); got != want {
			t.Errorf("Safe(%q) = %v, want %v", dest, got, want)
		}
	}
}

// FuzzRender: no body makes Render fail or panic, and whatever it
// renders holds no script, no event handler and no javascript: URL.
func FuzzRender(f *testing.F) {
	for _, s := range []string{
		"## Descripción\n\nTexto [enlace](https://x.org) y ![img](media/a.png).",
		"<script>x</script>", "[a](javascript:x)", "[a](&#106;avascript:x)", "<javascript:x>",
		"| a |\n| - |\n| <b onclick=x> |", "Texto.[^1]\n\n[^1]: [n](javascript:x)",
		"# a\n## a\n### a", "[a](<java\nscript:x>)", "*[a](javascript:x)*",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, src string) {
		doc, err := Render([]byte(src), Options{TopLevel: 2, Reserved: []string{"main"}})
		if err != nil {
			t.Fatal(err)
		}
		nodes, err := html.ParseFragment(bytes.NewReader(doc.HTML), &html.Node{Type: html.ElementNode, Data: "div", DataAtom: atom.Div})
		if err != nil {
			t.Fatal(err)
		}
		var check func(*html.Node)
		check = func(n *html.Node) {
			if n.Type == html.ElementNode {
				switch n.Data {
				case "script", "iframe", "svg", "math", "object", "embed", "style", "base", "form":
					t.Fatalf("<%s> in the HTML of %q:\n%s", n.Data, src, doc.HTML)
				}
				for _, a := range n.Attr {
					if strings.HasPrefix(a.Key, "on") || a.Key == "style" && !strings.HasPrefix(a.Val, "text-align:") {
						t.Fatalf("%s=%q in the HTML of %q:\n%s", a.Key, a.Val, src, doc.HTML)
					}
					if (a.Key == "href" || a.Key == "src") && !Safe(a.Val, a.Key == "src") {
						t.Fatalf("%s=%q in the HTML of %q:\n%s", a.Key, a.Val, src, doc.HTML)
					}
				}
			}
			for c := n.FirstChild; c != nil; c = c.NextSibling {
				check(c)
			}
		}
		for _, n := range nodes {
			check(n)
		}
		low := string(doc.HTML)
		if strings.Contains(low, `id="main"`) {
			t.Fatalf("a heading took a reserved id: %s", doc.HTML)
		}
	})
}
