package check

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// FuzzPractice runs the whole pipeline (load, every check, ignores) on one
// arbitrary practice file: no input may panic (the "internal" rule reports
// a recovered panic), and every position lies inside the file.
func FuzzPractice(f *testing.F) {
	seeds, _ := filepath.Glob("../../testdata/broken/practices/*.md")
	more, _ := filepath.Glob("../../testdata/validate/practices/*.md")
	for _, p := range append(seeds, more...) {
		if src, err := os.ReadFile(p); err == nil {
			f.Add(src)
		}
	}
	dir := f.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "catalog.yaml"), []byte("title: Fuzz\nlanguages: [es]\n"), 0o644); err != nil {
		f.Fatal(err)
	}
	if err := os.MkdirAll(filepath.Join(dir, "practices"), 0o755); err != nil {
		f.Fatal(err)
	}
	path := filepath.Join(dir, "practices", "fuzz.es.md")
	f.Fuzz(func(t *testing.T, src []byte) {
		if err := os.WriteFile(path, src, 0o644); err != nil {
			t.Fatal(err)
		}
		_, ds, err := Catalog(dir, Options{Now: today})
		if err != nil {
			t.Fatal(err)
		}
		text := strings.ReplaceAll(strings.ReplaceAll(string(src), "\r\n", "\n"), "\r", "\n")
		lines := strings.Count(text, "\n") + 1
		for _, d := range ds {
			if d.Rule.ID == "internal" {
				t.Fatalf("internal error: %s", d.Message)
			}
			if d.Line < 0 || d.Line > lines+1 {
				t.Fatalf("%s:%d: line outside a file of %d lines: %s [%s]", d.File, d.Line, lines, d.Message, d.Rule.ID)
			}
		}
	})
}
