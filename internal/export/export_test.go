package export

import (
	"bytes"
	"cmp"
	"encoding/csv"
	"encoding/json"
	"encoding/xml"
	"flag"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"catalog/internal/config"
	"catalog/internal/load"
	"catalog/internal/model"
	"catalog/internal/output"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/")

const (
	sample     = "../../catalog"
	restricted = "sv-consejo-nacional-trata"
	baseURL    = "https://example.org/catalogo"
)

// date is the fixed build date of every test.
var date = time.Date(2026, 1, 2, 15, 4, 5, 0, time.UTC)

// loadSample loads the sample catalog, as loaded, restricted practice
// included; the Config is a copy, so that a test may change it.
func loadSample(t *testing.T) *model.Catalog {
	t.Helper()
	cat, _, err := load.Catalog(sample)
	if err != nil {
		t.Fatal(err)
	}
	cfg := *cat.Config
	cat.Config = &cfg
	return cat
}

// write runs Write into memory with the base URL given.
func write(t *testing.T, cat *model.Catalog, base string) *output.Memory {
	t.Helper()
	cfg := *cat.Config
	cfg.BaseURL = base
	c := *cat
	c.Config = &cfg
	var out output.Memory
	if err := Write(&c, Options{Date: date}, &out); err != nil {
		t.Fatal(err)
	}
	return &out
}

func file(t *testing.T, out *output.Memory, name string) []byte {
	t.Helper()
	data, ok := out.File(name)
	if !ok {
		t.Fatalf("%s not written (files: %v)", name, out.Names())
	}
	return data
}

func TestGolden(t *testing.T) {
	out := write(t, loadSample(t).Public(), baseURL)
	if got, want := out.Names(), []string{CSVFile, JSONFile, SchemaFile, SitemapFile}; !slices.Equal(got, want) {
		t.Errorf("files %v, want %v", got, want)
	}
	for _, name := range []string{JSONFile, CSVFile, SitemapFile} {
		got := file(t, out, name)
		golden := filepath.Join("testdata", name)
		if *update {
			if err := os.WriteFile(golden, got, 0o644); err != nil {
				t.Fatal(err)
			}
			continue
		}
		want, err := os.ReadFile(golden)
		if err != nil {
			t.Fatalf("%v (run go test -update to create it)", err)
		}
		if !bytes.Equal(got, want) {
			t.Errorf("%s differs from %s at %s (run go test -update and review the diff)", name, golden, firstDiff(got, want))
		}
	}
}

// firstDiff describes where two files first differ.
func firstDiff(got, want []byte) string {
	gl, wl := strings.SplitAfter(string(got), "\n"), strings.SplitAfter(string(want), "\n")
	for i := range max(len(gl), len(wl)) {
		var g, w string
		if i < len(gl) {
			g = gl[i]
		}
		if i < len(wl) {
			w = wl[i]
		}
		if g != w {
			return "line " + strconv.Itoa(i+1) + ":\n got: " + strings.TrimRight(g, "\r\n") + "\nwant: " + strings.TrimRight(w, "\r\n")
		}
	}
	return "no line"
}

// TestRestricted checks that no output names the restricted practice,
// both from the public catalog (the normal build) and from the full one
// (a caller that forgot Public): Write drops it on its own.
func TestRestricted(t *testing.T) {
	cat := loadSample(t)
	p := cat.Practice(restricted)
	if p == nil || !p.Restricted() {
		t.Fatalf("the sample catalog no longer has %s as a restricted practice; update this test", restricted)
	}
	traces := []string{restricted}
	for _, text := range p.Texts {
		traces = append(traces, text.Title)
	}
	if len(traces) < 3 {
		t.Fatalf("%s has texts in %d languages, want es and en", restricted, len(traces)-1)
	}
	for _, c := range []struct {
		name string
		cat  *model.Catalog
	}{{"public catalog", cat.Public()}, {"full catalog", cat}} {
		out := write(t, c.cat, baseURL)
		for _, name := range out.Names() {
			data := file(t, out, name)
			for _, trace := range traces {
				if bytes.Contains(data, []byte(trace)) {
					t.Errorf("%s: %s contains %q", c.name, name, trace)
				}
			}
		}
	}
}

// TestBodyWithoutHTML: a body's HTML comments and tags, which no page and
// no book shows, are not published with it in catalog.json; the rest of
// the body is, as written.
func TestBodyWithoutHTML(t *testing.T) {
	cat := loadSample(t).Public()
	p := cat.Practices[0]
	text := p.Texts[cat.Config.DefaultLanguage()]
	note := "<!-- nota interna: la víctima, María López, tel. +502 5555 1234 -->"
	text.Body = []byte("## Descripción\n\n" + note + "\n\nUn <span>texto</span> visible.\n")
	data := file(t, write(t, cat, baseURL), "catalog.json")
	if bytes.Contains(data, []byte("María López")) || bytes.Contains(data, []byte("span")) {
		t.Errorf("catalog.json publishes the body's raw HTML")
	}
	if !bytes.Contains(data, []byte(`"body": "## Descripción\n\n\nUn texto visible.\n"`)) {
		t.Errorf("catalog.json lacks the rest of the body")
	}
}

func TestJSON(t *testing.T) {
	cat := loadSample(t)
	data := file(t, write(t, cat.Public(), ""), JSONFile)
	var doc struct {
		Title     map[string]string
		Languages []string
		Built     string
		Practices []struct {
			ID    string
			Texts map[string]json.RawMessage
		}
	}
	var ids []string
	if err := json.Unmarshal(data, &doc); err != nil {
		t.Fatal(err)
	}
	if len(doc.Practices) != 9 {
		t.Errorf("%d practices, want 9", len(doc.Practices))
	}
	if doc.Built != "2026-01-02" || !slices.Equal(doc.Languages, []string{"es", "en"}) || doc.Title["en"] == "" {
		t.Errorf("built %q, languages %v, title %v", doc.Built, doc.Languages, doc.Title)
	}
	for _, p := range doc.Practices {
		ids = append(ids, p.ID)
		if len(p.Texts) == 0 {
			t.Errorf("%s has no texts", p.ID)
		}
		for lang := range p.Texts {
			if !cat.Config.HasLanguage(lang) {
				t.Errorf("%s has a text in %q, not a catalog language", p.ID, lang)
			}
		}
	}
	if !slices.IsSorted(ids) {
		t.Error("practices are not sorted by id")
	}
	if regexp.MustCompile(`:\s*null`).Match(data) {
		t.Error("a list is null instead of []")
	}
	if !bytes.HasSuffix(data, []byte("}\n")) || !bytes.HasPrefix(data, []byte("{\n  \"")) {
		t.Error("not indented by 2 spaces with a trailing newline")
	}
	// The source language comes first in texts, in catalog order.
	if i, j := bytes.Index(data, []byte(`"es": {`)), bytes.Index(data, []byte(`"en": {`)); i < 0 || j < i {
		t.Error(`texts are not in catalog language order ("es" before "en")`)
	}
}

func TestCSV(t *testing.T) {
	data := file(t, write(t, loadSample(t).Public(), ""), CSVFile)
	rows := readCSV(t, data)
	if len(rows) != 19 {
		t.Fatalf("%d rows, want the header and 18", len(rows))
	}
	if !slices.Equal(rows[0], csvHeader) {
		t.Errorf("header %v", rows[0])
	}
	if bytes.Contains(bytes.ReplaceAll(data, []byte("\r\n"), nil), []byte("\n")) {
		t.Error("a line ends in LF, not CRLF")
	}
	col := func(name string) int { return slices.Index(csvHeader, name) }
	var seen []string
	for _, r := range rows[1:] {
		if len(r) != len(csvHeader) {
			t.Fatalf("row %v has %d cells", r[:2], len(r))
		}
		seen = append(seen, r[0]+"."+r[1])
		if r[0] == "pa-comision-nacional" {
			want := map[string]string{"es": "Panamá", "en": "Panama"}[r[1]]
			if got := r[col("country_names")]; got != want {
				t.Errorf("%s country_names %q, want %q", r[1], got, want)
			}
		}
	}
	// Sorted by id, then in catalog language order (es before en).
	if !slices.IsSortedFunc(seen, func(a, b string) int {
		ia, la, _ := strings.Cut(a, ".")
		ib, lb, _ := strings.Cut(b, ".")
		return cmp.Or(strings.Compare(ia, ib), strings.Compare(lb, la))
	}) || seen[0] != "ar-consejo-federal.es" || seen[1] != "ar-consejo-federal.en" {
		t.Errorf("rows in order %v, want by id, then es before en", seen)
	}
}

func readCSV(t *testing.T, data []byte) [][]string {
	t.Helper()
	rest, ok := bytes.CutPrefix(data, []byte(bom))
	if !ok {
		t.Fatal("no UTF-8 BOM")
	}
	rows, err := csv.NewReader(bytes.NewReader(rest)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	return rows
}

// tiny builds a one-practice catalog in es and en with the source text
// given; translate adds an English text.
func tiny(t *testing.T, src *model.Text, translate bool) *model.Catalog {
	t.Helper()
	src.Lang = "es"
	p := &model.Practice{
		ID: "xx-tiny", Source: src, Texts: map[string]*model.Text{"es": src},
		Countries: []string{"PA"}, Scope: "national", Themes: []string{"legislation"},
		Period: model.Period{Start: model.YearMonth{Year: 2020}}, Status: "ongoing", Level: "good",
		Sources: []model.Source{{Title: "Informe"}}, Visibility: "public",
	}
	if translate {
		en := *src
		en.Lang, en.Title = "en", "English title"
		p.Texts["en"] = &en
	}
	return model.New("", config.Default(), []*model.Practice{p}, nil)
}

func TestFormulaInjection(t *testing.T) {
	cat := tiny(t, &model.Text{
		Title:        `=HYPERLINK("http://x")`,
		Summary:      "-2+3 línea\nsegunda",
		Institutions: []model.Institution{{Name: "@SUM(A1)", Type: "ngo"}},
		Partners:     []model.Institution{{Name: "Red", Acronym: "+R"}},
	}, false)
	rows := readCSV(t, file(t, write(t, cat, ""), CSVFile))
	if len(rows) != 2 {
		t.Fatalf("%d rows, want 2", len(rows))
	}
	r := rows[1]
	for name, want := range map[string]string{
		"title":        `'=HYPERLINK("http://x")`,
		"summary":      "'-2+3 línea\nsegunda",
		"institutions": "'@SUM(A1)",
		"partners":     "Red (+R)",
		"sources":      "Informe",
		"period_start": "2020",
		"period_end":   "",
	} {
		if got := r[slices.Index(csvHeader, name)]; got != want {
			t.Errorf("%s = %q, want %q", name, got, want)
		}
	}
}

func TestDefuse(t *testing.T) {
	for in, want := range map[string]string{
		"":           "",
		"=1+1":       "'=1+1",
		"+1":         "'+1",
		"-1":         "'-1",
		"@x":         "'@x",
		"\tx":        "'\tx",
		"\rx":        "'\rx",
		"a=1":        "a=1",
		" =1":        " =1",
		"Panamá":     "Panamá",
		"'already":   "'already",
		"2026-01-02": "2026-01-02",
	} {
		if got := defuse(in); got != want {
			t.Errorf("defuse(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestUntranslated: a practice with no English file has no English text
// in the data, while its English page (which shows the source) is still in
// the sitemap, without claiming to be a translation.
func TestUntranslated(t *testing.T) {
	cat := tiny(t, &model.Text{Title: "Solo en español <b> & co", LastReviewed: time.Date(2025, 5, 6, 0, 0, 0, 0, time.UTC)}, false)
	out := write(t, cat, "https://example.org")
	data := file(t, out, JSONFile)
	if !bytes.Contains(data, []byte(`"title": "Solo en español \u003cb\u003e \u0026 co"`)) {
		t.Errorf("JSON does not escape <, > and & as HTML-safe:\n%s", data)
	}
	if bytes.Contains(data, []byte(`"en": {`)) {
		t.Error("JSON has an English text the practice does not have")
	}
	if rows := readCSV(t, file(t, out, CSVFile)); len(rows) != 2 || rows[1][1] != "es" {
		t.Errorf("CSV rows %v, want one in es", rows)
	}
	urls := readSitemap(t, file(t, out, SitemapFile))
	en := urls["https://example.org/en/practices/xx-tiny/"]
	if en == nil || en.LastMod != "2025-05-06" || len(en.Links) != 0 {
		t.Errorf("English page in the sitemap: %+v", en)
	}
}

type sitemapEntry struct {
	Loc     string `xml:"loc"`
	LastMod string `xml:"lastmod"`
	Links   []struct {
		Rel      string `xml:"rel,attr"`
		Hreflang string `xml:"hreflang,attr"`
		Href     string `xml:"href,attr"`
	} `xml:"http://www.w3.org/1999/xhtml link"`
}

// readSitemap parses a sitemap as a crawler would, namespaces included.
func readSitemap(t *testing.T, data []byte) map[string]*sitemapEntry {
	t.Helper()
	var doc struct {
		XMLName xml.Name        `xml:"http://www.sitemaps.org/schemas/sitemap/0.9 urlset"`
		URLs    []*sitemapEntry `xml:"http://www.sitemaps.org/schemas/sitemap/0.9 url"`
	}
	if err := xml.Unmarshal(data, &doc); err != nil {
		t.Fatal(err)
	}
	out := map[string]*sitemapEntry{}
	var locs []string
	for _, u := range doc.URLs {
		if out[u.Loc] != nil {
			t.Errorf("%s is listed twice", u.Loc)
		}
		out[u.Loc] = u
		locs = append(locs, u.Loc)
	}
	if !slices.IsSorted(locs) {
		t.Error("URLs are not sorted")
	}
	return out
}

func TestSitemap(t *testing.T) {
	cat := loadSample(t).Public()
	if out := write(t, cat, ""); slices.Contains(out.Names(), SitemapFile) {
		t.Error("sitemap.xml written without a base_url")
	}
	slash := file(t, write(t, cat, "https://example.org/"), SitemapFile)
	bare := file(t, write(t, cat, "https://example.org"), SitemapFile)
	if !bytes.Equal(slash, bare) {
		t.Errorf("a trailing slash on base_url changes the sitemap: %s", firstDiff(slash, bare))
	}
	urls := readSitemap(t, bare)
	want := 1 + len(cat.Config.Languages)*(5+len(cat.ByCountry)+len(cat.ByTheme)+len(cat.Practices))
	if len(urls) != want {
		t.Errorf("%d URLs, want %d", len(urls), want)
	}
	for loc := range urls {
		if rest, ok := strings.CutPrefix(loc, "https://example.org/"); !ok || strings.Contains(rest, "//") || !strings.HasSuffix(loc, "/") {
			t.Errorf("bad URL %q", loc)
		}
	}
	for _, must := range []string{"https://example.org/", "https://example.org/es/", "https://example.org/en/search/",
		"https://example.org/es/countries/pa/", "https://example.org/en/exchanges/"} {
		if urls[must] == nil {
			t.Errorf("%s missing", must)
		}
	}
	p := urls["https://example.org/en/practices/pa-comision-nacional/"]
	if p == nil {
		t.Fatal("practice page missing")
	}
	reviewed := cat.Practice("pa-comision-nacional").Texts["en"].LastReviewed.Format(time.DateOnly)
	if p.LastMod != reviewed || len(p.Links) != 2 || p.Links[0].Hreflang != "es" ||
		p.Links[0].Href != "https://example.org/es/practices/pa-comision-nacional/" || p.Links[0].Rel != "alternate" {
		t.Errorf("practice page %+v, want lastmod %s and alternates in es and en", p, reviewed)
	}
	if urls["https://example.org/es/"].LastMod != "" {
		t.Error("lastmod on a page that is not a practice")
	}
}

func TestDeterministic(t *testing.T) {
	cat := loadSample(t).Public()
	a, b := write(t, cat, baseURL), write(t, cat, baseURL)
	for _, name := range a.Names() {
		if !bytes.Equal(file(t, a, name), file(t, b, name)) {
			t.Errorf("%s differs between two runs", name)
		}
	}
}

// TestIndentedJSON holds indentedJSON to the Encoder it replaces, for no
// practice, one, and more than a batch (texts with characters the Encoder
// escapes for HTML).
func TestIndentedJSON(t *testing.T) {
	for _, n := range []int{0, 1, 300} {
		doc := jsonCatalog{Title: map[string]string{"es": "Catálogo <b>"}, Languages: []string{"es", "en"}, Built: "2026-01-02", Practices: []jsonPractice{}}
		for i := range n {
			doc.Practices = append(doc.Practices, jsonPractice{
				ID:        "p-" + strconv.Itoa(i),
				Countries: []string{"CR"},
				Texts: jsonTexts{
					{lang: "es", Title: "Práctica & <cosas>", Body: "## Cuerpo\n\nTexto \"citado\" " + strconv.Itoa(i)},
					{lang: "en", Title: "Practice", Body: "Body\u2028line"},
				},
			})
		}
		var want bytes.Buffer
		enc := json.NewEncoder(&want)
		enc.SetIndent("", "  ")
		if err := enc.Encode(doc); err != nil {
			t.Fatal(err)
		}
		var b bytes.Buffer
		if err := indentedJSON(&b, doc, len(doc.Practices), func(i int) jsonPractice { return doc.Practices[i] }); err != nil {
			t.Fatal(err)
		}
		got := b.Bytes()
		if !bytes.Equal(got, want.Bytes()) {
			t.Errorf("%d practices: differs from the Encoder at %s", n, firstDiff(got, want.Bytes()))
		}
	}
}

// TestStreamed: a folder takes the files as streams (output.Streamer); they
// are the bytes that Write gives in memory.
func TestStreamed(t *testing.T) {
	cat := loadSample(t).Public()
	mem := write(t, cat, baseURL)
	cfg := *cat.Config
	cfg.BaseURL = baseURL
	c := *cat
	c.Config = &cfg
	root := t.TempDir()
	if err := Write(&c, Options{Date: date}, &output.Dir{Root: root}); err != nil {
		t.Fatal(err)
	}
	for _, name := range mem.Names() {
		got, err := os.ReadFile(filepath.Join(root, name))
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(got, file(t, mem, name)) {
			t.Errorf("%s streamed differs from %s in memory at %s", name, name, firstDiff(got, file(t, mem, name)))
		}
	}
}
