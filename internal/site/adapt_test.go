package site

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/net/html"
)

// text is the text of n and its descendants, with runs of space as one.
func text(n *html.Node) string {
	var b strings.Builder
	walk(n, func(c *html.Node) {
		if c.Type == html.TextNode {
			b.WriteString(c.Data)
			b.WriteByte(' ')
		}
	})
	return strings.Join(strings.Fields(b.String()), " ")
}

// find returns the first element of doc for which match is true.
func find(doc *html.Node, match func(*html.Node) bool) *html.Node {
	var found *html.Node
	walk(doc, func(n *html.Node) {
		if found == nil && n.Type == html.ElementNode && match(n) {
			found = n
		}
	})
	return found
}

func hasClass(n *html.Node, class string) bool {
	v, _ := attr(n, "class")
	for _, c := range strings.Fields(v) {
		if c == class {
			return true
		}
	}
	return false
}

// parsePage parses one page of a rendered site.
func parsePage(t *testing.T, out interface{ File(string) ([]byte, bool) }, name string) *html.Node {
	t.Helper()
	b, ok := out.File(name)
	if !ok {
		t.Fatalf("no page %s", name)
	}
	doc, err := html.Parse(bytes.NewReader(b))
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	return doc
}

// TestAdaptationBox: cr-alpha's page says what adapting it takes, in the
// page's language; pa-beta's, which says nothing of it, has no box.
func TestAdaptationBox(t *testing.T) {
	out, _ := render(t, "testdata/catalog", 0)
	for _, tc := range []struct {
		lang string
		want []string
	}{
		{"es", []string{"Adaptación", "Requisitos", "Base legal", "Capacidad de albergue", "Personal especializado", "Costo", "Medio", "Hace falta un albergue con personal propio y una ley que lo respalde."}},
		{"en", []string{"Adaptation", "Requirements", "Legal basis", "Shelter capacity", "Specialised staff", "Cost", "Medium", "It takes a shelter with staff of its own and a law behind it."}},
	} {
		doc := parsePage(t, out, tc.lang+"/practices/cr-alpha/index.html")
		box := find(doc, func(n *html.Node) bool { return n.Data == "section" && hasClass(n, "adaptation") })
		if box == nil {
			t.Errorf("%s: cr-alpha's page has no adaptation box", tc.lang)
			continue
		}
		got := text(box)
		for _, w := range tc.want {
			if !strings.Contains(got, w) {
				t.Errorf("%s: the adaptation box has no %q: %s", tc.lang, w, got)
			}
		}
		if items := find(box, func(n *html.Node) bool { return hasClass(n, "requirements") }); items == nil || strings.Count(text(items), " ") < 2 {
			t.Errorf("%s: the requirements are not a list", tc.lang)
		}
		if b, _ := out.File(tc.lang + "/practices/pa-beta/index.html"); bytes.Contains(b, []byte(`class="adaptation"`)) {
			t.Errorf("%s: pa-beta's page has an adaptation box but no adaptation", tc.lang)
		}
	}
}

// TestAdaptedLinks: pa-beta names cr-alpha as the practice it adapts, and
// cr-alpha names pa-beta as one that adapted it, each with its countries
// and year; ni-hidden, which also adapts cr-alpha, shows on neither.
func TestAdaptedLinks(t *testing.T) {
	out, _ := render(t, "testdata/catalog", 0)
	for _, tc := range []struct {
		page, heading, href string
		want                []string
	}{
		{"es/practices/pa-beta/index.html", "Adaptada de", "../cr-alpha/index.html", []string{"Albergue \"Alfa\" de Costa Rica", "Costa Rica, Panamá, 2021", "Tomó la línea de ayuda del albergue Alfa."}},
		{"en/practices/pa-beta/index.html", "Adapted from", "../cr-alpha/index.html", []string{"Costa Rica's \"Alpha\" shelter", "Costa Rica, Panama, 2021"}},
		{"es/practices/cr-alpha/index.html", "Adaptada en", "../pa-beta/index.html", []string{"Línea de ayuda Beta de Panamá", "(Panamá, 2021)", "Tomó la línea de ayuda del albergue Alfa."}},
		{"en/practices/cr-alpha/index.html", "Adapted in", "../pa-beta/index.html", []string{"Línea de ayuda Beta de Panamá", "(Panama, 2021)"}},
	} {
		doc := parsePage(t, out, tc.page)
		dt := find(doc, func(n *html.Node) bool { return n.Data == "dt" && text(n) == tc.heading })
		if dt == nil {
			t.Errorf("%s: no %q", tc.page, tc.heading)
			continue
		}
		dd := dt.NextSibling
		for dd != nil && dd.Type != html.ElementNode {
			dd = dd.NextSibling
		}
		if dd == nil || dd.Data != "dd" {
			t.Errorf("%s: %q has no dd", tc.page, tc.heading)
			continue
		}
		var hrefs []string
		walk(dd, func(n *html.Node) {
			if n.Type == html.ElementNode && n.Data == "a" {
				h, _ := attr(n, "href")
				hrefs = append(hrefs, h)
			}
		})
		if len(hrefs) != 1 || hrefs[0] != tc.href {
			t.Errorf("%s: %q links to %v, want [%s]", tc.page, tc.heading, hrefs, tc.href)
		}
		for _, w := range tc.want {
			if !strings.Contains(text(dd), w) {
				t.Errorf("%s: %q has no %q: %s", tc.page, tc.heading, w, text(dd))
			}
		}
	}
}

// TestOutcomeShown: the practice page tells what came of each visit and
// the tables of visits show the visiting institutions and the outcome.
func TestOutcomeShown(t *testing.T) {
	out, _ := render(t, "testdata/catalog", 0)
	for _, tc := range []struct{ lang, outcome, note string }{
		{"es", "Resultado: En adaptación.", "La Secretaría de Prueba estudia un protocolo como este."},
		{"en", "Outcome: Being adapted.", "The Testing Secretariat is studying a protocol like this one."},
	} {
		doc := parsePage(t, out, tc.lang+"/practices/cr-alpha/index.html")
		h := find(doc, func(n *html.Node) bool {
			return n.Data == "h2" && func() bool { id, _ := attr(n, "id"); return id == "exchanges" }()
		})
		if h == nil {
			t.Fatalf("%s: no exchanges on cr-alpha's page", tc.lang)
		}
		got := text(h.Parent)
		for _, w := range []string{tc.outcome, tc.note} {
			if !strings.Contains(got, w) {
				t.Errorf("%s: the exchanges have no %q: %s", tc.lang, w, got)
			}
		}
	}
	for _, tc := range []struct{ page, head, cells string }{
		{"es/exchanges/index.html", "País visitante Instituciones visitantes País anfitrión Práctica Tipo Resultado", "Guatemala Secretaría de Prueba Costa Rica , Panamá Albergue \"Alfa\" de Costa Rica Visita de estudio En adaptación"},
		{"en/exchanges/index.html", "Visiting country Visiting institutions Host country Practice Kind Outcome", "Guatemala Testing Secretariat Costa Rica , Panama Costa Rica's \"Alpha\" shelter Study visit Being adapted"},
		{"en/countries/gt/index.html", "Year Visiting country Visiting institutions Host country Practice Kind Outcome", "2019 Guatemala Testing Secretariat Costa Rica , Panama Costa Rica's \"Alpha\" shelter Study visit Being adapted"},
	} {
		doc := parsePage(t, out, tc.page)
		head := find(doc, func(n *html.Node) bool { return n.Data == "thead" })
		row := find(doc, func(n *html.Node) bool { return n.Data == "tbody" })
		if head == nil || row == nil {
			t.Errorf("%s: no table of visits", tc.page)
			continue
		}
		if got := text(head); got != tc.head {
			t.Errorf("%s: columns %q, want %q", tc.page, got, tc.head)
		}
		if got := text(row); got != tc.cells {
			t.Errorf("%s: row %q, want %q", tc.page, got, tc.cells)
		}
	}
}

// ldScripts returns the contents of the page's ld+json scripts.
func ldScripts(doc *html.Node) []string {
	var out []string
	walk(doc, func(n *html.Node) {
		if typ, _ := attr(n, "type"); n.Type == html.ElementNode && n.Data == "script" && typ == "application/ld+json" {
			s := ""
			if n.FirstChild != nil {
				s = n.FirstChild.Data
			}
			out = append(out, s)
		}
	})
	return out
}

type ldTest struct {
	Type            string `json:"@type"`
	Name            string `json:"name"`
	InLanguage      string `json:"inLanguage"`
	URL             string `json:"url"`
	SpatialCoverage []struct {
		Type string `json:"@type"`
		Name string `json:"name"`
	} `json:"spatialCoverage"`
	IsBasedOn []struct {
		Name, URL string
	} `json:"isBasedOn"`
	WorkTranslation   []struct{ URL, InLanguage string } `json:"workTranslation"`
	TranslationOfWork *struct{ URL string }              `json:"translationOfWork"`
}

// TestPracticeLD: each practice page describes itself in exactly one
// ld+json script, valid JSON whatever its title holds, that names what it
// adapts and its translations and no restricted practice.
func TestPracticeLD(t *testing.T) {
	out, cat := render(t, "testdata/hostile", 0)
	title := cat.Practice("xx-hostile").Source.Title
	if !strings.Contains(title, "</script><script>alert(1)</script>") || !strings.Contains(title, "\u2028") {
		t.Fatalf("the hostile title lost what the test needs: %q", title)
	}
	for _, lang := range []string{"es", "en"} {
		name := lang + "/practices/xx-hostile/index.html"
		scripts := ldScripts(parsePage(t, out, name))
		if len(scripts) != 1 {
			t.Fatalf("%s: %d ld+json scripts, want 1", name, len(scripts))
		}
		var ld ldTest
		if err := json.Unmarshal([]byte(scripts[0]), &ld); err != nil {
			t.Fatalf("%s: %v\n%s", name, err, scripts[0])
		}
		if ld.Name != title {
			t.Errorf("%s: name %q, want %q", name, ld.Name, title)
		}
		if strings.ContainsAny(scripts[0], "<>\u2028\u2029") {
			t.Errorf("%s: the JSON-LD holds a raw <, > or line separator", name)
		}
		if strings.Contains(scripts[0], "xx-hidden") || len(ld.IsBasedOn) != 0 {
			t.Errorf("%s: the JSON-LD names the restricted practice: %s", name, scripts[0])
		}
	}

	out, _ = render(t, "testdata/catalog", 0)
	for _, tc := range []struct {
		page, lang, url, basedOn, translation string
	}{
		{"es/practices/pa-beta/index.html", "es", "https://example.org/catalogo/es/practices/pa-beta/", "https://example.org/catalogo/es/practices/cr-alpha/", ""},
		{"es/practices/cr-alpha/index.html", "es", "https://example.org/catalogo/es/practices/cr-alpha/", "", "https://example.org/catalogo/en/practices/cr-alpha/"},
		{"en/practices/cr-alpha/index.html", "en", "https://example.org/catalogo/en/practices/cr-alpha/", "", "https://example.org/catalogo/es/practices/cr-alpha/"},
	} {
		scripts := ldScripts(parsePage(t, out, tc.page))
		if len(scripts) != 1 {
			t.Fatalf("%s: %d ld+json scripts, want 1", tc.page, len(scripts))
		}
		var ld ldTest
		if err := json.Unmarshal([]byte(scripts[0]), &ld); err != nil {
			t.Fatalf("%s: %v", tc.page, err)
		}
		if ld.Type != "CreativeWork" || ld.InLanguage != tc.lang || ld.URL != tc.url || len(ld.SpatialCoverage) == 0 || ld.SpatialCoverage[0].Type != "Country" {
			t.Errorf("%s: %s", tc.page, scripts[0])
		}
		var based []string
		for _, b := range ld.IsBasedOn {
			based = append(based, b.URL)
		}
		if want := tc.basedOn; (want == "" && len(based) != 0) || (want != "" && (len(based) != 1 || based[0] != want)) {
			t.Errorf("%s: isBasedOn %v, want %q", tc.page, based, want)
		}
		var tr string
		switch {
		case ld.TranslationOfWork != nil:
			tr = ld.TranslationOfWork.URL
		case len(ld.WorkTranslation) == 1:
			tr = ld.WorkTranslation[0].URL
		}
		if tr != tc.translation {
			t.Errorf("%s: other language %q, want %q", tc.page, tr, tc.translation)
		}
		for _, mark := range []string{"ni-hidden", "Zz", "Nicaragua"} {
			if strings.Contains(scripts[0], mark) {
				t.Errorf("%s: the JSON-LD shows %q", tc.page, mark)
			}
		}
	}
}

// TestInheritedNoteLang: a translation that leaves the adaptation's note
// out shows the source's, marked as in the source's language.
func TestInheritedNoteLang(t *testing.T) {
	dir := t.TempDir()
	if err := os.CopyFS(dir, os.DirFS("testdata/catalog")); err != nil {
		t.Fatal(err)
	}
	file := filepath.Join(dir, "practices", "cr-alpha.en.md")
	src, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	edited := strings.Replace(string(src), "adaptation:\n  note: It takes a shelter with staff of its own and a law behind it.\n", "", 1)
	if edited == string(src) {
		t.Fatal("cr-alpha.en.md has no adaptation note to leave out")
	}
	if err := os.WriteFile(file, []byte(edited), 0o644); err != nil {
		t.Fatal(err)
	}
	out, _ := render(t, dir, 0)
	page, _ := out.File("en/practices/cr-alpha/index.html")
	if want := `<p lang="es">Hace falta un albergue con personal propio y una ley que lo respalde.</p>`; !bytes.Contains(page, []byte(want)) {
		t.Errorf("the English page does not show the Spanish note as Spanish: no %s", want)
	}
}
