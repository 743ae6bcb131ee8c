package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// TestSchema: catalog schema speaks the user's language, takes the
// catalog's vocabularies, writes a file with -o, and requires less of a
// translation; a broken catalog.yaml writes nothing.
func TestSchema(t *testing.T) {
	type schema struct {
		Title      string
		Required   []string
		Properties map[string]struct {
			Title string
			Items struct{ Enum []string }
		}
	}
	read := func(t *testing.T, s string) schema {
		t.Helper()
		var sc schema
		if err := json.Unmarshal([]byte(s), &sc); err != nil {
			t.Fatalf("not JSON: %v\n%s", err, s)
		}
		return sc
	}

	code, out, errOut := catalogCmd(t, nil, "schema", "--dir", "../../catalog", "--lang", "es")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	es := read(t, out)
	if es.Title != "Encabezado de una práctica del catálogo" || es.Properties["themes"].Title != "Temas" {
		t.Errorf("not in Spanish: %q, %q", es.Title, es.Properties["themes"].Title)
	}
	if !slices.Contains(es.Required, "countries") || !slices.Contains(es.Properties["themes"].Items.Enum, "immediate-assistance") {
		t.Errorf("required %v; themes %v", es.Required, es.Properties["themes"].Items.Enum)
	}

	file := filepath.Join(t.TempDir(), "translation.schema.json")
	code, out, errOut = catalogCmd(t, map[string]string{"CATALOG_LANG": "en"}, "schema", "--dir", "../../catalog", "--translation", "-o", file)
	if code != 0 || out != "" || !strings.Contains(errOut, "schema written to") {
		t.Fatalf("exit %d; stdout %q; stderr %q", code, out, errOut)
	}
	src, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	if en := read(t, string(src)); !slices.Equal(en.Required, []string{"title", "summary"}) || en.Properties["themes"].Title != "Themes" {
		t.Errorf("translation: required %v, themes %q", en.Required, en.Properties["themes"].Title)
	}

	dir := filepath.Join(t.TempDir(), "catalog")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "catalog.yaml"), []byte("languages: [es]\nchapters: region\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	code, out, errOut = catalogCmd(t, nil, "schema", "--dir", dir, "--lang", "es")
	if code != 1 || out != "" || !strings.Contains(errOut, "chapters") || !strings.Contains(errOut, "corríjalos") {
		t.Errorf("broken catalog.yaml: exit %d; stdout %q; stderr %q", code, out, errOut)
	}
}
