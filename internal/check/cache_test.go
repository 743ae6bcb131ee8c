package check

import (
	"bytes"
	"image"
	"image/jpeg"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"catalog/internal/diag"
	"catalog/internal/model"
)

// TestCacheSameAsFresh makes the changes a writer makes while catalog
// serve runs, and after each holds a check with the cache to a fresh one
// (the same problems, to the byte) and to checking again only what it
// must.
func TestCacheSameAsFresh(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "catalog")
	if err := os.CopyFS(dir, os.DirFS("../../catalog")); err != nil {
		t.Fatal(err)
	}
	file := filepath.Join(dir, "practices", "ar-linea-145.es.md")
	edit := func(name, old, new string) {
		t.Helper()
		path := filepath.Join(dir, name)
		b, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(string(b), old) {
			t.Fatalf("%s: no %q", name, old)
		}
		if err := os.WriteFile(path, []byte(strings.Replace(string(b), old, new, 1)), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write := func(name, text string) {
		t.Helper()
		path := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	src, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	now := today
	var c Cache
	practices := 0
	steps := []struct {
		name    string
		change  func()
		checked int // -1: every practice
		shows   string
	}{
		{"first check", func() {}, -1, ""},
		{"no change", func() {}, 0, ""},
		{"a title", func() { edit("practices/ar-linea-145.es.md", "title: Línea 145,", "title: La Línea 145,") }, 1, ""},
		{"a link to a missing image", func() {
			edit("practices/ar-linea-145.es.md", "- La línea solo funciona", "![Afiche](../media/afiche.png)\n\n- La línea solo funciona")
		}, 1, "afiche.png"},
		// No practice file changed, and the problem must go.
		{"the image added", func() { write("media/afiche.png", "png") }, 1, ""},
		{"a related practice not in the catalog", func() {
			edit("practices/ar-linea-145.es.md", "related: [ar-programa-rescate,", "related: [ar-nueva, ar-programa-rescate,")
		}, 1, "ar-nueva"},
		// Every practice may link to the new one: all are checked.
		{"that practice added", func() {
			write("practices/ar-nueva.es.md", strings.Replace(string(src), "title: Línea 145,", "title: Nueva,", 1))
		}, -1, ""},
		// adapted_from's checks read the practices it names: a change
		// to those, or to what they adapt, checks every practice again.
		{"adapted from a practice nothing links it to", func() {
			edit("practices/ar-linea-145.es.md", "related: [ar-nueva,", "adapted_from: [gt-svet]\nrelated: [ar-nueva,")
		}, -1, "nothing links this practice to \"gt-svet\""},
		{"which adapts it in turn", func() {
			edit("practices/gt-svet.es.md", "\nrelated: [", "\nadapted_from: [ar-linea-145]\nrelated: [")
		}, -1, "goes round in a circle: ar-linea-145 → gt-svet → ar-linea-145"},
		{"and no longer", func() { edit("practices/gt-svet.es.md", "\nadapted_from: [ar-linea-145]\n", "\n") }, -1, "nothing links this practice to \"gt-svet\""},
		{"catalog.yaml", func() { edit("catalog.yaml", "\n", "\n# a comment, and then\n") }, 0, ""},
		{"the next day", func() { now = now.Add(24 * time.Hour) }, -1, ""},
		{"a practice removed", func() {
			if err := os.Remove(filepath.Join(dir, "practices", "ar-nueva.es.md")); err != nil {
				t.Fatal(err)
			}
		}, -1, "ar-nueva"},
	}
	for _, step := range steps {
		step.change()
		cat, want, err := Catalog(dir, Options{Now: now})
		if err != nil {
			t.Fatalf("%s: %v", step.name, err)
		}
		_, got, err := Catalog(dir, Options{Now: now, Cache: &c})
		if err != nil {
			t.Fatalf("%s: %v", step.name, err)
		}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("%s: with the cache:\n%s\nfresh:\n%s", step.name, printed(got), printed(want))
		}
		if step.shows != "" && !strings.Contains(printed(want), step.shows) {
			t.Errorf("%s: no problem names %q: the step tests nothing\n%s", step.name, step.shows, printed(want))
		}
		practices = len(cat.Practices)
		reused, checked := c.Counts()
		wantChecked := step.checked
		if wantChecked < 0 {
			wantChecked = practices
		}
		if checked != wantChecked || reused != practices-wantChecked {
			t.Errorf("%s: %d practices checked and %d reused; want %d checked", step.name, checked, reused, wantChecked)
		}
	}
}

func printed(ds []diag.Diagnostic) string {
	var b strings.Builder
	diag.WriteText(&b, ds)
	return b.String()
}

// TestBookImageProblem: an image the book draws passes, even a JPEG whose
// size comes after more metadata than the first read takes; one it cannot
// draw does not; and a file replaced by another is judged again.
func TestBookImageProblem(t *testing.T) {
	dir := t.TempDir()
	var small bytes.Buffer
	if err := jpeg.Encode(&small, image.NewGray(image.Rect(0, 0, 4, 4)), nil); err != nil {
		t.Fatal(err)
	}
	// SOI, then five APP15 segments of 64 kB each, then the rest.
	big := []byte{0xFF, 0xD8}
	for range 5 {
		big = append(big, 0xFF, 0xEF, 0xFF, 0xFF)
		big = append(big, make([]byte, 0xFFFF-2)...)
	}
	big = append(big, small.Bytes()[2:]...)
	path := filepath.Join(dir, "foto.jpg")
	if err := os.WriteFile(path, big, 0o644); err != nil {
		t.Fatal(err)
	}
	cat := &model.Catalog{Dir: dir}
	if err := bookImageProblem(cat, path, stampOf(cat, path)); err != nil {
		t.Errorf("a JPEG with %d kB of metadata: %v", (len(big)-small.Len())>>10, err)
	}
	gif := []byte("GIF89a\x01\x00\x01\x00\x80\x00\x00\x00\x00\x00\xff\xff\xff!\xf9\x04\x01\x00\x00\x00\x00,\x00\x00\x00\x00\x01\x00\x01\x00\x00\x02\x01D\x00;")
	if err := os.WriteFile(path, gif, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := bookImageProblem(cat, path, stampOf(cat, path)); err == nil {
		t.Error("a GIF under the same name, written after: no problem")
	}
}
