package site

import (
	"html/template"
	"testing"
	"testing/fstest"
	"time"

	"catalog/internal/config"
	"catalog/internal/words"
)

// TestViewIsT: a language's view gives what the page's methods give, for
// the keys of its words, of English's and of the built-in English words
// that a catalog's own words left out (T gives the key itself).
func TestViewIsT(t *testing.T) {
	fsys := fstest.MapFS{
		"i18n/en.yaml": {Data: []byte("details: Details\nbuilt_on: Built on %s\nonly_en: Only English\n")},
		"i18n/es.yaml": {Data: []byte("details: Detalles\nbuilt_on: Hecho el %s\nonly_es: Solo español\n")},
	}
	w, err := words.Load(fsys, []string{"es"})
	if err != nil {
		t.Fatal(err)
	}
	cfg := &config.Config{Languages: []string{"es", "en"}, Title: config.Localized{"es": "Catálogo", "en": "Catalog"}}
	s := &site{cfg: cfg, words: w, opt: Options{Date: time.Date(2025, 11, 24, 0, 0, 0, 0, time.UTC)}}
	for _, lang := range cfg.Languages {
		v := s.view(lang, []string{"skip", "details"})
		p := &page{s: s, Lang: lang}
		for _, key := range []string{"details", "built_on", "only_en", "only_es", "skip"} {
			if got, ok := v.W[key]; !ok && key != "only_es" || ok && got != p.T(key) {
				t.Errorf("%s: W[%q] = %q, %v; T gives %q", lang, key, got, ok, p.T(key))
			}
		}
		// BuiltOn is T's sentence with the date in a <time> element.
		if got, want := v.BuiltOn, template.HTML(p.T("built_on", `<time datetime="2025-11-24">`+p.Date()+`</time>`)); got != want {
			t.Errorf("%s: BuiltOn %q, want %q", lang, got, want)
		}
		if v.Catalog.Title != p.Site("title") || v.Catalog.Subtitle != p.Site("subtitle") || v.Catalog.Publisher != p.Site("publisher") {
			t.Errorf("%s: view %+v is not what T and Site give", lang, v)
		}
	}
}
