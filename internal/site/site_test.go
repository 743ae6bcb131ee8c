package site

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"flag"
	"fmt"
	"io/fs"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"golang.org/x/net/html"
	"gopkg.in/yaml.v3"

	"catalog/internal/collation"
	"catalog/internal/export"
	"catalog/internal/load"
	"catalog/internal/markdown"
	"catalog/internal/model"
	"catalog/internal/output"
	"catalog/templates"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/golden")

var date = time.Date(2026, 1, 2, 0, 0, 0, 0, time.UTC)

// render loads the catalog in dir (whatever its diagnostics: the site
// must be safe even for a catalog that validate would refuse) and renders
// it into memory.
func render(t testing.TB, dir string, workers int) (*output.Memory, *model.Catalog) {
	t.Helper()
	cat, _, err := load.Catalog(dir)
	if err != nil {
		t.Fatal(err)
	}
	out := &output.Memory{}
	if err := Render(cat, Options{Date: date, Templates: templates.For(dir), Workers: workers, Data: true}, out); err != nil {
		t.Fatal(err)
	}
	if err := export.Write(cat.Public(), export.Options{Date: date}, out); err != nil {
		t.Fatal(err)
	}
	return out, cat
}

// TestGolden compares every file of the test catalog's site with
// testdata/golden; go test ./internal/site -update rewrites them.
func TestGolden(t *testing.T) {
	out, _ := render(t, "testdata/catalog", 0)
	golden := filepath.Join("testdata", "golden")
	if *update {
		if err := os.RemoveAll(golden); err != nil {
			t.Fatal(err)
		}
	}
	names := out.Names()
	for _, name := range names {
		if strings.HasPrefix(name, "assets/") {
			continue // copied as they are from templates/assets
		}
		got, _ := out.File(name)
		file := filepath.Join(golden, filepath.FromSlash(name))
		if *update {
			if err := os.MkdirAll(filepath.Dir(file), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(file, got, 0o644); err != nil {
				t.Fatal(err)
			}
			continue
		}
		want, err := os.ReadFile(file)
		if err != nil {
			t.Errorf("%s: not in testdata/golden (run go test ./internal/site -update)", name)
			continue
		}
		if !bytes.Equal(got, want) {
			t.Errorf("%s differs from testdata/golden/%s (run go test ./internal/site -update and review the diff):\n%s", name, name, firstDiff(want, got))
		}
	}
	// A golden file that the site no longer writes is a page that went missing.
	_ = filepath.WalkDir(golden, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(golden, p)
		if !slices.Contains(names, filepath.ToSlash(rel)) {
			t.Errorf("%s is in testdata/golden but was not written", rel)
		}
		return nil
	})
}

func firstDiff(want, got []byte) string {
	w, g := strings.Split(string(want), "\n"), strings.Split(string(got), "\n")
	for i := range max(len(w), len(g)) {
		var a, b string
		if i < len(w) {
			a = w[i]
		}
		if i < len(g) {
			b = g[i]
		}
		if a != b {
			return fmt.Sprintf("line %d:\n  want: %s\n  got:  %s", i+1, a, b)
		}
	}
	return ""
}

// pages parses every HTML file of a site.
func pages(t *testing.T, out *output.Memory) map[string]*html.Node {
	t.Helper()
	docs := map[string]*html.Node{}
	for _, name := range out.Names() {
		if !strings.HasSuffix(name, ".html") {
			continue
		}
		b, _ := out.File(name)
		doc, err := html.Parse(bytes.NewReader(b))
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		docs[name] = doc
	}
	return docs
}

func walk(n *html.Node, f func(*html.Node)) {
	f(n)
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		walk(c, f)
	}
}

func attr(n *html.Node, key string) (string, bool) {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val, true
		}
	}
	return "", false
}

// TestLinksResolve crawls the sample catalog's site and the test
// catalog's: every relative href and src names a file of the site, and
// every fragment an id on the page it names.
func TestLinksResolve(t *testing.T) {
	for _, dir := range []string{"../../catalog", "testdata/catalog"} {
		t.Run(path.Base(path.Dir(dir+"/x")), func(t *testing.T) {
			out, cat := render(t, dir, 0)
			docs := pages(t, out)
			// 404.html's links are paths from the site's root, which
			// is base_url's path, else the host's.
			root := "/"
			if u, err := url.Parse(cat.Config.BaseURL); err == nil && u.Path != "" {
				root = strings.TrimSuffix(u.Path, "/") + "/"
			}
			ids := map[string]map[string]bool{}
			for name, doc := range docs {
				ids[name] = map[string]bool{}
				walk(doc, func(n *html.Node) {
					if id, ok := attr(n, "id"); ok && n.Type == html.ElementNode {
						if ids[name][id] {
							t.Errorf("%s: id %q used twice", name, id)
						}
						ids[name][id] = true
					}
				})
			}
			links := 0
			for name, doc := range docs {
				walk(doc, func(n *html.Node) {
					if n.Type != html.ElementNode {
						return
					}
					for _, key := range []string{"href", "src"} {
						v, ok := attr(n, key)
						if !ok {
							continue
						}
						u, err := url.Parse(v)
						if err != nil {
							t.Errorf("%s: <%s %s=%q>: %v", name, n.Data, key, v, err)
							continue
						}
						if u.Scheme != "" {
							continue // external; validate judges those
						}
						links++
						target := name
						switch {
						case strings.HasPrefix(u.Path, "/"):
							if name != "404.html" || !strings.HasPrefix(u.Path, root) {
								t.Errorf("%s: <%s %s=%q>: a path from the root (root %s)", name, n.Data, key, v, root)
								continue
							}
							target = strings.TrimPrefix(u.Path, root)
							if target == "" || strings.HasSuffix(target, "/") {
								target += "index.html"
							}
							if _, ok := out.File(target); !ok {
								t.Errorf("%s: <%s %s=%q>: no file %s", name, n.Data, key, v, target)
								continue
							}
						case u.Path != "":
							target = path.Join(path.Dir(name), u.Path)
							if _, ok := out.File(target); !ok {
								t.Errorf("%s: <%s %s=%q>: no file %s", name, n.Data, key, v, target)
								continue
							}
						}
						if u.Fragment != "" && strings.HasSuffix(target, ".html") && !ids[target][u.Fragment] {
							t.Errorf("%s: <%s %s=%q>: no id %q in %s", name, n.Data, key, v, u.Fragment, target)
						}
					}
				})
			}
			if links < 100 {
				t.Errorf("only %d links checked: the crawler is not seeing the pages", links)
			}
		})
	}
}

// TestRestrictedNowhere: a restricted practice leaves no trace in any
// file of the site: no page, card, search entry, link, count or country.
func TestRestrictedNowhere(t *testing.T) {
	for _, tc := range []struct {
		dir   string
		marks []string
	}{
		{"testdata/catalog", []string{"ni-hidden", "Zz", "zz", "countries/ni/", "countries/hn/"}},
		{"../../catalog", []string{"sv-consejo-nacional-trata", "Consejo Nacional contra la Trata de Personas de El Salvador", "National Council against Trafficking in Persons of El Salvador", "CNCTP",
			// its acronym as the search data keeps words: a stem, folded
			"cnctp"}},
	} {
		out, cat := render(t, tc.dir, 0)
		restricted := 0
		for _, p := range cat.Practices {
			if p.Restricted() {
				restricted++
			}
		}
		if restricted == 0 {
			t.Fatalf("%s has no restricted practice to test with", tc.dir)
		}
		for _, name := range out.Names() {
			b, _ := out.File(name)
			for _, m := range tc.marks {
				if bytes.Contains(b, []byte(m)) {
					t.Errorf("%s: %s shows %q, from a restricted practice", tc.dir, name, m)
				}
			}
		}
	}
}

// TestHostile renders a practice written to attack its readers (every
// value and link that validate refuses, rendered anyway) and checks that
// nothing in the site can run script: no inline script, no event handler
// attribute, no URL with a scheme other than http, https and mailto, and
// search data that no value can break out of.
func TestHostile(t *testing.T) {
	out, _ := render(t, "testdata/hostile", 0)
	docs := pages(t, out)
	if len(docs) < 10 {
		t.Fatalf("only %d pages", len(docs))
	}
	for name, doc := range docs {
		walk(doc, func(n *html.Node) {
			if n.Type != html.ElementNode {
				return
			}
			if n.Namespace == "svg" {
				// The picture of exchanges only, made of shapes and text.
				if !svgElements[n.Data] {
					t.Errorf("%s: an SVG <%s> element", name, n.Data)
				}
				if c, _ := attr(n.Parent, "class"); n.Data == "svg" && (n.Parent.Data != "figure" || !strings.HasPrefix(c, "exchange-map ")) {
					t.Errorf("%s: an <svg> outside the picture of exchanges", name)
				}
			}
			switch n.Data {
			case "script":
				if typ, _ := attr(n, "type"); typ == "application/ld+json" {
					// Data, not script (TestPracticeLD reads it).
					if n.FirstChild == nil || !json.Valid([]byte(n.FirstChild.Data)) {
						t.Errorf("%s: an ld+json script that is not JSON", name)
					}
					break
				}
				src, ok := attr(n, "src")
				if !ok || n.FirstChild != nil {
					t.Errorf("%s: an inline script", name)
				} else if src != "index.js" && !strings.Contains(src, "assets/") {
					t.Errorf("%s: script from %q", name, src)
				}
			case "iframe", "object", "embed", "math", "base", "form":
				if n.Data == "form" {
					if a, ok := attr(n, "action"); ok && a != "index.html" && !(name == "404.html" && strings.HasSuffix(a, "/search/")) {
						t.Errorf("%s: a form posts to %q", name, a)
					}
					break
				}
				t.Errorf("%s: a <%s> element", name, n.Data)
			}
			for _, a := range n.Attr {
				key := strings.ToLower(a.Key)
				if strings.HasPrefix(key, "on") || key == "style" || key == "srcdoc" {
					t.Errorf("%s: <%s %s=%q>", name, n.Data, a.Key, a.Val)
				}
				if key == "href" || key == "src" || key == "action" || key == "formaction" {
					v := strings.ToLower(strings.TrimSpace(a.Val))
					u, err := url.Parse(v)
					if err != nil || (u.Scheme != "" && u.Scheme != "http" && u.Scheme != "https" && u.Scheme != "mailto") || strings.Contains(v, "javascript") || strings.HasPrefix(v, "//") {
						t.Errorf("%s: <%s %s=%q>", name, n.Data, a.Key, a.Val)
					}
				}
			}
		})
	}
	page, _ := out.File("es/practices/xx-hostile/index.html")
	for _, text := range []string{"\noculta, <a", "raw HTML omitted"} {
		if !bytes.Contains(page, []byte(text)) {
			t.Errorf("the practice page has no %q", text)
		}
	}
	if bytes.Contains(page, []byte("xx-hidden")) {
		t.Error("the link to the restricted practice survived")
	}
	for _, lang := range []string{"es", "en"} {
		js, _ := out.File(lang + "/search/index.js")
		if bytes.ContainsAny(js, "<>") {
			t.Errorf("%s/search/index.js holds a raw < or >", lang)
		}
		data := strings.TrimSuffix(strings.TrimPrefix(string(js), "window.catalogSearch = "), ";\n")
		var entries []map[string]any
		if err := json.Unmarshal([]byte(data), &entries); err != nil || len(entries) != 1 {
			t.Errorf("%s/search/index.js: %d entries, %v", lang, len(entries), err)
		}
	}
	// The feeds hold the hostile texts as text: they read as Atom, and
	// the entry's summary is the summary, markup and all, not markup.
	for _, lang := range []string{"es", "en"} {
		src, ok := out.File(lang + "/feed.xml")
		var f readFeed
		if err := xml.Unmarshal(src, &f); !ok || err != nil || len(f.Entries) != 1 {
			t.Errorf("%s/feed.xml: %v, %d entries", lang, err, len(f.Entries))
		} else if !strings.Contains(f.Entries[0].Title+f.Entries[0].Summary, "<") {
			t.Errorf("%s/feed.xml: the hostile markup is gone from the entry (%q): the test no longer tests it", lang, f.Entries[0].Title)
		}
	}
	for _, name := range out.Names() {
		if b, _ := out.File(name); bytes.Contains(b, []byte("ZgotmplZ")) {
			t.Errorf("%s: html/template refused a value (ZgotmplZ): a template puts it where it cannot be safe", name)
		}
		if !strings.HasPrefix(name, "es/") && !strings.HasPrefix(name, "en/") && !strings.HasPrefix(name, "assets/") && !strings.HasPrefix(name, "catalog.") && name != "index.html" && name != "404.html" && name != "sitemap.xml" {
			t.Errorf("the site wrote %s", name)
		}
	}
}

// svgElements are the elements the picture of exchanges may hold.
var svgElements = map[string]bool{"svg": true, "title": true, "desc": true, "defs": true, "marker": true, "path": true, "rect": true, "g": true, "circle": true, "text": true}

// TestDeterministic: parallel rendering gives the same bytes as one
// worker.
func TestDeterministic(t *testing.T) {
	one, _ := render(t, "../../catalog", 1)
	many, _ := render(t, "../../catalog", 8)
	if !slices.Equal(one.Names(), many.Names()) {
		t.Fatalf("different files:\n%v\n%v", one.Names(), many.Names())
	}
	for _, name := range one.Names() {
		a, _ := one.File(name)
		b, _ := many.File(name)
		if !bytes.Equal(a, b) {
			t.Errorf("%s differs between 1 and 8 workers", name)
		}
	}
}

// TestMediaOfListPages: an image that only the home page's intro shows is
// copied, however many workers render the list pages. The media were
// copied by a job beside those pages, which could run before the home
// page was made (one run in seven of TestCacheSameAsFresh lost it).
func TestMediaOfListPages(t *testing.T) {
	r := newCacheRun(t, "testdata/catalog") // for its helpers: no cache here
	r.edit(t, "practices/cr-alpha.es.md", `!\[Esquema del albergue\]\(\.\./media/diagram\.png\)`, "")
	r.edit(t, "intro.es.md", `\z`, "\n![Esquema](media/diagram.png)\n")
	dir := r.dir
	for _, workers := range []int{1, 2, 64} {
		out, _ := render(t, dir, workers)
		if _, ok := out.File("media/diagram.png"); !ok {
			t.Errorf("%d workers: media/diagram.png not copied", workers)
		}
	}
}

// TestPagesInTheirLanguage: each page says its language, names countries
// in it, and a practice with no translation says so.
func TestPagesInTheirLanguage(t *testing.T) {
	out, _ := render(t, "testdata/catalog", 0)
	for _, tc := range []struct {
		file string
		want []string
	}{
		{"es/index.html", []string{`<html lang="es">`, "Panamá", `hreflang="en"`}},
		{"en/index.html", []string{`<html lang="en">`, ">Panama<"}},
		{"en/practices/pa-beta/index.html", []string{`<article lang="es">`, "not yet translated into English", "Línea de ayuda Beta de Panamá"}},
		{"en/practices/cr-alpha/index.html", []string{"<h1>Costa Rica&#39;s &#34;Alpha&#34; shelter</h1>", `href="../pa-beta/index.html"`}},
		{"es/practices/cr-alpha/index.html", []string{`href="../pa-beta/index.html#resultados"`, `<h2 id="descripcion">Descripción</h2>`, "“de puertas abiertas” – así lo llaman –", `src="../../../media/diagram.png"`}},
		{"es/countries/gt/index.html", []string{"Intercambios realizados", "Albergue"}},
		{"es/exchanges/index.html", []string{"Guatemala", ">Costa Rica</a>, <a href=\"../countries/pa/index.html\">Panamá</a>"}},
	} {
		b, ok := out.File(tc.file)
		if !ok {
			t.Errorf("%s not written", tc.file)
			continue
		}
		for _, w := range tc.want {
			if !bytes.Contains(b, []byte(w)) {
				t.Errorf("%s: no %q", tc.file, w)
			}
		}
	}
	if _, ok := out.File("media/diagram.png"); !ok {
		t.Error("media/diagram.png was not copied")
	}
}

func TestCollation(t *testing.T) {
	words := []string{"Oso", "Ñandú", "nube", "Ángel", "Azul", "avión"}
	if got, want := collation.Sort("es", words, func(s string) string { return s }), []string{"Ángel", "avión", "Azul", "nube", "Ñandú", "Oso"}; !slices.Equal(got, want) {
		t.Errorf("es: got %v, want %v", got, want)
	}
	// In English, Ñ is an N with a mark.
	if got, want := collation.Sort("en", words, func(s string) string { return s }), []string{"Ángel", "avión", "Azul", "Ñandú", "nube", "Oso"}; !slices.Equal(got, want) {
		t.Errorf("en: got %v, want %v", got, want)
	}
	// Countries in Spanish: Panamá before Perú, Belice before Brasil.
	p := &page{s: &site{}, Lang: "es"}
	if got, want := p.Countries([]string{"PE", "BR", "PA", "BZ"}), []string{"BZ", "BR", "PA", "PE"}; !slices.Equal(got, want) {
		t.Errorf("countries: got %v, want %v", got, want)
	}
}

func TestRelative(t *testing.T) {
	for _, tc := range [][3]string{
		{"es/practices/a/index.html", "es/practices/b/index.html", "../b/index.html"},
		{"es/practices/a/index.html", "es/practices/a/index.html", "index.html"},
		{"es/practices/a/index.html", "assets/style.css", "../../../assets/style.css"},
		{"es/index.html", "es/countries/cr/index.html", "countries/cr/index.html"},
		{"es/index.html", "en/index.html", "../en/index.html"},
		{"index.html", "es/index.html", "es/index.html"},
		{"es/search/index.html", "catalog.json", "../../catalog.json"},
	} {
		if got := relative(tc[0], tc[1]); got != tc[2] {
			t.Errorf("relative(%q, %q) = %q, want %q", tc[0], tc[1], got, tc[2])
		}
	}
}

// relativeBySplit is how relative was first written, with strings.Split:
// FuzzRelative holds the faster one to it.
func relativeBySplit(from, to string) string {
	fromDir := strings.Split(path.Dir(from), "/")
	toParts := strings.Split(to, "/")
	if fromDir[0] == "." {
		fromDir = nil
	}
	i := 0
	for i < len(fromDir) && i < len(toParts)-1 && fromDir[i] == toParts[i] {
		i++
	}
	return strings.Repeat("../", len(fromDir)-i) + strings.Join(toParts[i:], "/")
}

// FuzzRelative compares relative with relativeBySplit on the clean,
// relative paths of a site (no "." or ".." part, no empty part but a
// trailing one in to).
func FuzzRelative(f *testing.F) {
	for _, p := range [][2]string{
		{"es/practices/a/index.html", "es/practices/b/index.html"},
		{"es/practices/a/index.html", "es/practices/"},
		{"es/practices/a/index.html", "es/practices/ab/index.html"},
		{"es/x/index.html", "es/x"},
		{"index.html", "es/index.html"},
		{"es/search/index.html", "catalog.json"},
	} {
		f.Add(p[0], p[1])
	}
	f.Fuzz(func(t *testing.T, from, to string) {
		if !sitePath(from, false) || !sitePath(to, true) {
			return
		}
		if got, want := relative(from, to), relativeBySplit(from, to); got != want {
			t.Errorf("relative(%q, %q) = %q, want %q", from, to, got, want)
		}
	})
}

// sitePath reports whether p is a clean relative path of a file in the
// site, or of a folder when trailing says a final slash may end it.
func sitePath(p string, trailing bool) bool {
	if trailing {
		p = strings.TrimSuffix(p, "/")
	}
	for part := range strings.SplitSeq(p, "/") {
		if part == "" || part == "." || part == ".." {
			return false
		}
	}
	return true
}

func TestSearchStems(t *testing.T) {
	for _, c := range []struct{ lang, text, want string }{
		// Singular and plural, gender, accents and case meet; a word
		// written with accents adds the stem of its unaccented form
		// (explotación: "explot", explotacion: "explotacion"); niñez
		// joins niño; a superscript is no digit.
		{"es", "Albergue, ALBERGUES; Niñas, NIÑOS y la niñez: explotación (2018) m² — Ελληνικά",
			"alberg nin y la explot explotacion 2018 m ελληνικα"},
		{"en", "Shelters for the shelter; children and a child: trafficking, trafficked",
			"shelter for the child and a traffick"},
		// Pasted text carries soft hyphens and zero-width spaces inside
		// words: "Vice\u00adpresidencia" was two words, and a search for
		// vicepresidencia found nothing.
		{"es", "Vice\u00adpresidencia de la explo\u200btación", "vicepresident de la explot explotacion"},
		// A language with no stemmer: words folded only.
		{"pt", "Abrigos de Proteção", "abrigos de protecao"},
	} {
		if got := searchStems(c.lang, c.text); got != c.want {
			t.Errorf("searchStems(%s, %q) = %q, want %q", c.lang, c.text, got, c.want)
		}
	}
	// Each stem once, in order of first use, across texts.
	if got, want := searchStems("es", "trata de personas", "Personas y TRATA"), "trat de person y"; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
}

func TestBodyLead(t *testing.T) {
	long := strings.Repeat("palabra ", 100)
	got := bodyLead(long, nil)
	if len(got) > leadSize || strings.HasSuffix(got, " ") || !strings.HasPrefix(long, got) {
		t.Errorf("bodyLead cut %q", got)
	}
	// The headings go: every body opens with one.
	if got := bodyLead("Descripción\nUn  texto\ncorto.\nResultados\n", []markdown.Heading{{Text: "Descripción"}, {Text: "Resultados"}}); got != "Un texto corto." {
		t.Errorf("bodyLead = %q", got)
	}
	if got := bodyLead(strings.Repeat("ñ", 200), nil); !utf8.ValidString(got) || len(got) > leadSize {
		t.Errorf("bodyLead cut a letter: %q", got)
	}
}

// FuzzSearchStems: any text gives stems that are single words, once each,
// and never panics.
func FuzzSearchStems(f *testing.F) {
	for _, s := range []string{"Niñas, NIÑOS y adolescentes", "ǅemal ﬁn Straße \xff\xfe año\u0301", "Vice\u00adpresidencia\u200b", ""} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		for _, lang := range []string{"es", "en"} {
			got := searchStems(lang, text)
			seen := map[string]bool{}
			for _, w := range strings.Split(got, " ") {
				if got != "" && (w == "" || seen[w]) {
					t.Fatalf("searchStems(%s, %q) = %q: an empty or repeated stem", lang, text, got)
				}
				seen[w] = true
			}
		}
	})
}

// TestWords: every language file has the words of every other, and every
// word a template asks for exists.
func TestWords(t *testing.T) {
	files, err := fs.Glob(templates.FS, "i18n/*.yaml")
	if err != nil || len(files) < 2 {
		t.Fatalf("%v %v", files, err)
	}
	keys := map[string]map[string]string{}
	for _, f := range files {
		b, _ := fs.ReadFile(templates.FS, f)
		m := map[string]string{}
		if err := yaml.Unmarshal(b, &m); err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		keys[f] = m
	}
	for a, ma := range keys {
		for b, mb := range keys {
			for k := range ma {
				if _, ok := mb[k]; !ok {
					t.Errorf("%s has %q, %s has not", a, k, b)
				}
			}
		}
	}
	used := regexp.MustCompile(`\.(?:T|N) "([a-z_.]+)"|WordIn [.$a-z]+ "([a-z_]+)"|printf "([a-z-]+)\.%s"`)
	pages, _ := fs.Glob(templates.FS, "html/*.html")
	en := keys["i18n/en.yaml"]
	for _, p := range pages {
		b, _ := fs.ReadFile(templates.FS, p)
		for _, m := range used.FindAllStringSubmatch(string(b), -1) {
			switch {
			case m[1] != "" && en[m[1]] == "":
				t.Errorf("%s asks for %q, which i18n/en.yaml lacks", p, m[1])
			case m[2] != "" && en[m[2]] == "":
				t.Errorf("%s asks for %q, which i18n/en.yaml lacks", p, m[2])
			case m[3] != "":
				found := false
				for k := range en {
					found = found || strings.HasPrefix(k, m[3]+".")
				}
				if !found {
					t.Errorf("%s asks for %s.*, which i18n/en.yaml lacks", p, m[3])
				}
			}
		}
	}
}

// TestLanguageWithoutWords: a catalog language with no words file of its
// own gets English words, but is named in itself.
func TestLanguageWithoutWords(t *testing.T) {
	dir := t.TempDir()
	for _, f := range []string{"catalog.yaml", "practices/pa-beta.es.md"} {
		b, err := os.ReadFile(filepath.Join("testdata/catalog", f))
		if err != nil {
			t.Fatal(err)
		}
		b = bytes.Replace(b, []byte("languages: [es, en]"), []byte("languages: [es, pt]"), 1)
		os.MkdirAll(filepath.Dir(filepath.Join(dir, f)), 0o755)
		os.WriteFile(filepath.Join(dir, f), b, 0o644)
	}
	out, _ := render(t, dir, 0)
	b, _ := out.File("es/index.html")
	if !bytes.Contains(b, []byte(`lang="pt">Português</a>`)) {
		t.Errorf("Portuguese is not named in itself:\n%s", b)
	}
	b, _ = out.File("pt/index.html")
	if !bytes.Contains(b, []byte(`<html lang="pt">`)) || !bytes.Contains(b, []byte(">Countries<")) {
		t.Errorf("the Portuguese home lacks its lang or English words")
	}
}

// TestTidy: the blank lines that actions leave go, those of a code block
// stay (a body's fenced code lost its blank lines on the site).
func TestTidy(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"<p>a</p>\n\n  \n<p>b</p>\n", "<p>a</p>\n<p>b</p>\n"},
		{"<div>\n\n<pre><code>uno\n\ntres\n  \n</code></pre>\n\n<p>x</p>\n", "<div>\n<pre><code>uno\n\ntres\n  \n</code></pre>\n<p>x</p>\n"},
		{"<pre class=\"x\">a\n\nb</pre>\n\n<p>c</p>", "<pre class=\"x\">a\n\nb</pre>\n<p>c</p>"},
		{"<pre>a</pre><pre>b\n\nc</pre>\n\n", "<pre>a</pre><pre>b\n\nc</pre>\n"},
		{"<pre>a\n</pre>\n\n<prefix>\n\n", "<pre>a\n</pre>\n<prefix>\n"},
		{"<p>&lt;pre&gt;</p>\n\n<p>y</p>\n", "<p>&lt;pre&gt;</p>\n<p>y</p>\n"},
	} {
		if got := string(tidy([]byte(tc.in))); got != tc.want {
			t.Errorf("tidy(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

// TestCodeBlockBlankLines: a practice's code block keeps its blank lines
// on its page.
func TestCodeBlockBlankLines(t *testing.T) {
	r := newCacheRun(t, "testdata/catalog") // for its helpers: no cache here
	r.edit(t, "practices/pa-beta.es.md", `\z`, "\n```\nlínea uno\n\nlínea tres\n```\n")
	dir := r.dir
	out, _ := render(t, dir, 2)
	page, _ := out.File("es/practices/pa-beta/index.html")
	if !bytes.Contains(page, []byte("<pre><code>línea uno\n\nlínea tres\n</code></pre>")) {
		t.Errorf("the code block lost its blank line:\n%s", page)
	}
}
