package sitetest

import (
	"encoding/json"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"catalog/internal/stem"
	"catalog/internal/synth"
)

// bigSite builds, once per run, the html of a generated catalog of 1,000
// practices, the size at which a query must answer within 50 ms.
var big built

func bigSite(t *testing.T) string {
	return big.get(t, func() (string, error) {
		cat := filepath.Join(tmpRoot, "synth-1000")
		if err := synth.Write(cat, synth.Options{Practices: 1000, Seed: 1}); err != nil {
			return "", err
		}
		return buildInto(cat, filepath.Join(tmpRoot, "synth-1000-public"), []string{"html"})
	})
}

// sampleWords are the distinct words of every file of the sample catalog
// and of the site's own words (country and theme names are searched).
func sampleWords(t *testing.T) []string {
	t.Helper()
	seen := map[string]bool{}
	var words []string
	read := func(path string) {
		b, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		stem.Words(string(b), func(w string) {
			if !seen[w] {
				seen[w] = true
				words = append(words, w)
			}
		})
	}
	root := repoRoot(t)
	for _, dir := range []string{filepath.Join(root, "catalog"), filepath.Join(root, "templates", "i18n")} {
		err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
			if err == nil && !d.IsDir() && (strings.HasSuffix(path, ".md") || strings.HasSuffix(path, ".yaml")) {
				read(path)
			}
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	sort.Strings(words)
	return words
}

// TestStemmerEqual: the page's stemmer (stem.js) gives every word of the
// sample the stems the build gives it (internal/stem), in both languages:
// a query stems as the index was stemmed.
func TestStemmerEqual(t *testing.T) {
	b := newBrowser(t)
	dir := site(t)
	tb := b.newTab(t)
	tb.open(t, dir, "es/search/index.html")
	words := sampleWords(t)
	// Words no sample has, for the steps the sample's words miss.
	words = append(words, "albergues", "niñez", "Niñez", "NIÑOS", "haciéndola", "ejecutarse", "convirtiéndolas",
		"arguyendo", "averigüé", "generously", "communication", "arsenals", "'twas", "skies", "dying", "proceedings",
		"hopping", "hoped", "agreed", "feed", "cried", "ties", "gas", "this", "bias", "happily", "electrical",
		"hopefulness", "formalize", "adjustable", "Vice\u00adpresidencia", "explo\u200btación", "año\u0301")
	in, _ := json.Marshal(words)
	for _, lang := range []string{"es", "en"} {
		got := eval[[][2]string](t, tb, `(function(ws){ return ws.map(function(w){ return window.catalogStem.stems(`+"\""+lang+"\""+`, w); }); })(`+string(in)+`)`)
		if len(got) != len(words) {
			t.Fatalf("%s: %d stems for %d words", lang, len(got), len(words))
		}
		bad := 0
		for i, w := range words {
			s, alt := stem.Both(lang, w)
			if got[i] != [2]string{s, alt} {
				if bad++; bad <= 20 {
					t.Errorf("%s: %q stems to %q in Go, %q in stem.js", lang, w, []string{s, alt}, got[i][:])
				}
			}
		}
		if bad > 20 {
			t.Errorf("%s: %d words in all stem apart", lang, bad)
		}
		t.Logf("%s: %d words compared", lang, len(words))
	}
	tb.checkConsole(t)
}

// searchCase is a query a reader typed and the practices it must find
// first, in any order: those that have the most words of the query, in
// the title, summary, countries, institutions, themes or body (not the
// criteria's notes nor the sources). Of those, marked must show a word of
// the query marked: in the title, the snippet, or the line that names a
// match further in the body or in a theme or institution.
type searchCase struct {
	lang, query string
	first       []string
	marked      []string
}

var searchCases = []searchCase{
	// Singular and plural meet: both find the same practices (the theme
	// "Albergue" is ar-programa-rescate's).
	{"es", "albergue", []string{"ar-programa-rescate", "gt-svet"}, []string{"ar-programa-rescate", "gt-svet"}},
	{"es", "albergues", []string{"ar-programa-rescate", "gt-svet"}, []string{"gt-svet"}},
	{"es", "Albergues", []string{"ar-programa-rescate", "gt-svet"}, []string{"gt-svet"}},
	// niño, niñas, niñez meet (niñez, the word for children as a group,
	// by the stemmer's small table of its own); those with both words of
	// the query come first.
	{"es", "trata niños", []string{"gt-svet", "reg-conferencia-regional-migracion"}, []string{"gt-svet", "reg-conferencia-regional-migracion"}},
	{"es", "niñez", []string{"gt-svet", "reg-conferencia-regional-migracion"}, []string{"gt-svet", "reg-conferencia-regional-migracion"}},
	{"es", "ninas", []string{"gt-svet", "reg-conferencia-regional-migracion"}, []string{"gt-svet", "reg-conferencia-regional-migracion"}},
	// Where the Spanish stemmer leaves a plural apart (mujer "muj",
	// mujeres "mujer"; línea "line", líneas "lin"), the query looks for
	// its singular or plural too.
	{"es", "mujer", []string{"ar-consejo-federal", "reg-conferencia-regional-migracion"}, []string{"ar-consejo-federal", "reg-conferencia-regional-migracion"}},
	{"es", "mujeres", []string{"ar-consejo-federal", "reg-conferencia-regional-migracion"}, []string{"ar-consejo-federal", "reg-conferencia-regional-migracion"}},
	{"es", "linea", []string{"ar-linea-145", "ar-programa-rescate", "hn-cicesct", "pa-comision-nacional"}, []string{"ar-linea-145", "hn-cicesct"}},
	{"es", "líneas", []string{"ar-linea-145", "ar-programa-rescate", "hn-cicesct", "pa-comision-nacional"}, []string{"ar-linea-145", "hn-cicesct"}},
	{"en", "shelter", []string{"ar-programa-rescate", "cr-equipo-respuesta-inmediata", "gt-svet", "pa-comision-nacional"}, []string{"cr-equipo-respuesta-inmediata"}},
	{"en", "shelters", []string{"ar-programa-rescate", "cr-equipo-respuesta-inmediata", "gt-svet", "pa-comision-nacional"}, []string{"cr-equipo-respuesta-inmediata"}},
	{"en", "children trafficking", []string{"cr-equipo-respuesta-inmediata", "gt-svet", "reg-conferencia-regional-migracion"}, []string{"cr-equipo-respuesta-inmediata", "gt-svet", "reg-conferencia-regional-migracion"}},
	{"en", "child", []string{"cr-equipo-respuesta-inmediata", "gt-svet", "reg-conferencia-regional-migracion"}, nil},
}

func TestSearchQueries(t *testing.T) {
	b := newBrowser(t)
	dir := site(t)
	tb := b.newTab(t)
	for _, c := range searchCases {
		tb.open(t, dir, c.lang+"/search/index.html")
		results, status := search(t, tb, c.query)
		checkStatus(t, c.query, len(results), status)
		if len(results) < len(c.first) {
			t.Errorf("%s %q: %d results %q, want %q first", c.lang, c.query, len(results), hrefs(results), c.first)
			continue
		}
		var top []string
		for _, r := range results[:len(c.first)] {
			top = append(top, strings.TrimSuffix(strings.TrimPrefix(r.Href, "../practices/"), "/index.html"))
		}
		slices.Sort(top)
		want := slices.Sorted(slices.Values(c.first))
		if !slices.Equal(top, want) {
			t.Errorf("%s %q: first results %q, want %q (all: %q)", c.lang, c.query, top, want, hrefs(results))
		}
		// A marked result shows why it matched.
		marked := eval[map[string]string](t, tb, `Object.fromEntries(Array.from(document.querySelectorAll("#search-results > li")).map(li => [li.querySelector("a").getAttribute("href"), Array.from(li.querySelectorAll("mark")).map(m => m.textContent).join(" ")]))`)
		for _, id := range c.marked {
			if m := marked["../"+practiceHref(id)]; m == "" {
				t.Errorf("%s %q: the result %s marks no word", c.lang, c.query, id)
			}
		}
	}
	tb.checkConsole(t)
}

// TestSearchSpeed: at 1,000 practices a query (the search and the
// drawing of its first results) takes under 50 ms in the browser. Each
// query runs three times and counts its fastest (a pause of the loaded
// machine is not the query's), and the test holds the median of the
// queries to the limit: one slow query does not decide.
func TestSearchSpeed(t *testing.T) {
	b := newBrowser(t)
	dir := bigSite(t)
	tb := b.newTab(t)
	tb.open(t, dir, "es/search/index.html")
	queries := []string{"trata", "albergues", "trata niños", "red de albergues", "protección víctimas", "explotacion laboral", "alb", "de", "mesa interinstitucional", "fiscalía especializada", "retorno asistido"}
	in, _ := json.Marshal(queries)
	ms := eval[[]float64](t, tb, `(function(qs){ return qs.map(function(q){
		var best = Infinity;
		for (var i = 0; i < 3; i++) { var t0 = performance.now(); window.catalogSearchShow(q); best = Math.min(best, performance.now() - t0); }
		return best;
	}); })(`+string(in)+`)`)
	if len(ms) != len(queries) {
		t.Fatalf("%d times for %d queries", len(ms), len(queries))
	}
	sorted := slices.Sorted(slices.Values(ms))
	median := sorted[len(sorted)/2]
	t.Logf("1,000 practices: query times %v ms, median %.1f ms", ms, median)
	if limit := 50.0; median > limit {
		t.Errorf("at 1,000 practices the median query takes %.1f ms, over %v ms (times %v)", median, limit, ms)
	}
	n := eval[int](t, tb, `document.querySelectorAll("#search-results > li a").length`)
	if n == 0 {
		t.Error(`the last query ("retorno asistido") found nothing at 1,000 practices`)
	}
	tb.checkConsole(t)
}

// TestSearchPhone: on a small phone the results, their snippets and the
// line that names a match further in the text fit the width.
func TestSearchPhone(t *testing.T) {
	b := newBrowser(t)
	dir := site(t)
	tb := b.newTab(t)
	const width = 320
	tb.do(t, "emulating a phone", chromedp.EmulateViewport(width, 800))
	for _, c := range []struct{ lang, query string }{{"es", "trata niños"}, {"es", "albergues"}, {"en", "children trafficking"}, {"en", "shelter"}} {
		tb.open(t, dir, c.lang+"/search/index.html")
		results, _ := search(t, tb, c.query)
		if len(results) == 0 {
			t.Errorf("%s %q: no results", c.lang, c.query)
		}
		if w := eval[int](t, tb, `document.documentElement.scrollWidth`); w > width {
			t.Errorf("%s %q: at %d px the results page is %d px wide", c.lang, c.query, width, w)
		}
	}
	tb.checkConsole(t)
}
