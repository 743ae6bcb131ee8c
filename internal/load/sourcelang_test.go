package load

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestSourceLang: a source's lang is a language tag, written as Go's
// language package writes it ("EN" is en, "pt-br" pt-BR); anything else
// is a field-type problem at its line, and the source is kept without it.
func TestSourceLang(t *testing.T) {
	for _, tc := range []struct{ value, want, problem string }{
		{"en", "en", ""},
		{"EN", "en", ""},
		{"pt-br", "pt-BR", ""},
		{"español", "", `sources[0].lang` + "` must be a language code such as en, pt or fr, not \"español\""},
		{"Guatemala", "", "must be a language code"},
	} {
		dir := t.TempDir()
		src, err := os.ReadFile(filepath.Join(fixture, "catalog.yaml"))
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, "catalog.yaml"), src, 0o644); err != nil {
			t.Fatal(err)
		}
		os.Mkdir(filepath.Join(dir, "practices"), 0o755)
		doc := "---\ntitle: X\nsummary: X.\ncountries: [CR]\nsources:\n  - title: Informe\n    url: https://example.org/\n    lang: " + tc.value + "\n---\n"
		if err := os.WriteFile(filepath.Join(dir, "practices", "cr-x.es.md"), []byte(doc), 0o644); err != nil {
			t.Fatal(err)
		}
		cat, ds, err := CatalogWith(dir, Options{})
		if err != nil {
			t.Fatal(err)
		}
		var got string
		if x := cat.Practice("cr-x"); x != nil && len(x.Sources) == 1 {
			got = x.Sources[0].Lang
		}
		if got != tc.want {
			t.Errorf("lang: %s read as %q, want %q", tc.value, got, tc.want)
		}
		found := false
		for _, d := range ds {
			if d.Rule.ID == "field-type" && strings.Contains(d.Message, "language code") {
				found = true
				if tc.problem == "" || !strings.Contains(d.Message, tc.problem) || d.Line != 8 {
					t.Errorf("lang: %s: %s:%d: %s", tc.value, d.File, d.Line, d.Message)
				}
			}
		}
		if found != (tc.problem != "") {
			t.Errorf("lang: %s: problem reported %t, want %t: %v", tc.value, found, tc.problem != "", ds)
		}
	}
}
