package load

import (
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"catalog/internal/model"
)

// TestFileCache: a load with a cache takes the unchanged files from it and
// reads the changed, new and renamed ones, and the catalog it gives is the
// one a load without the cache gives.
func TestFileCache(t *testing.T) {
	defer func(w time.Duration) { racyWindow = w }(racyWindow)
	racyWindow = 0 // trust times as soon as the clock has moved on
	dir := t.TempDir()
	write := func(name, text string) {
		t.Helper()
		if err := os.MkdirAll(filepath.Dir(filepath.Join(dir, name)), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	practice := func(title string) string {
		return "---\ntitle: " + title + "\nsummary: S.\ncountries: [CR]\n---\nTexto.\n"
	}
	write("catalog.yaml", "title: T\nlanguages: [es, en]\n")
	write("practices/a.es.md", practice("Alfa"))
	write("practices/a.en.md", practice("Alpha"))
	write("practices/b.es.md", practice("Beta"))
	var cache FileCache
	var last, lastFresh *model.Catalog
	titles := func(wantReads, wantParses int) string {
		t.Helper()
		time.Sleep(20 * time.Millisecond) // past the file system's clock tick
		cat, ds, err := CatalogWith(dir, Options{Files: &cache})
		if err != nil {
			t.Fatal(err)
		}
		cat.Folder = nil // an open handle, compared by its content below
		// The loads share what they took from the cache: this one must
		// not have changed the last one's catalog (serve still shows it).
		if last != nil && !reflect.DeepEqual(last, lastFresh) {
			t.Errorf("the last load's catalog changed under this one")
		}
		if got := cache.Reads(); got != wantReads {
			t.Errorf("%d files read, want %d", got, wantReads)
		}
		if got := cache.Parses(); got != wantParses {
			t.Errorf("%d files parsed, want %d", got, wantParses)
		}
		fresh, fds, err := Catalog(dir)
		if err != nil {
			t.Fatal(err)
		}
		fresh.Folder = nil
		var got, want []string
		for i, p := range cat.Practices {
			for _, lang := range []string{"es", "en"} {
				got = append(got, p.ID+":"+p.In(lang).Title)
				want = append(want, fresh.Practices[i].ID+":"+fresh.Practices[i].In(lang).Title)
			}
			if p.Hash != fresh.Practices[i].Hash {
				t.Errorf("%s: Hash differs from a load without the cache", p.ID)
			}
		}
		if !reflect.DeepEqual(cat, fresh) {
			t.Errorf("the catalog differs from a load without the cache")
		}
		if !reflect.DeepEqual(ds, fds) {
			t.Errorf("the problems differ from a load without the cache:\n%v\n%v", ds, fds)
		}
		if strings.Join(got, " ") != strings.Join(want, " ") || len(ds) != len(fds) {
			t.Errorf("with the cache %v (%d problems), without %v (%d)", got, len(ds), want, len(fds))
		}
		last, lastFresh = cat, fresh
		return strings.Join(got, " ")
	}
	if got := titles(3, 3); got != "a:Alfa a:Alpha b:Beta b:Beta" {
		t.Fatalf("first load: %s", got)
	}
	titles(0, 0)
	write("practices/b.es.md", practice("Bota")) // same size, new bytes
	if got := titles(1, 1); got != "a:Alfa a:Alpha b:Bota b:Bota" {
		t.Errorf("after an edit of the same size: %s", got)
	}
	write("practices/c.es.md", practice("Gama"))
	if err := os.Rename(filepath.Join(dir, "practices/a.en.md"), filepath.Join(dir, "practices/a.en.tmp")); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "practices/a.en.tmp"), []byte(practice("Alpha!")), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Rename(filepath.Join(dir, "practices/a.en.tmp"), filepath.Join(dir, "practices/a.en.md")); err != nil {
		t.Fatal(err)
	}
	if got := titles(2, 2); got != "a:Alfa a:Alpha! b:Bota b:Bota c:Gama c:Gama" {
		t.Errorf("after a new file and a save by rename: %s", got)
	}
	// Other languages read every file name anew: each file is parsed
	// again, none read again, and a.en.md is now in a language the
	// catalog does not have.
	write("catalog.yaml", "title: T\nlanguages: [es]\n")
	if got := titles(0, 4); got != "a:Alfa a:Alfa b:Bota b:Bota c:Gama c:Gama" {
		t.Errorf("in Spanish only: %s", got)
	}
	titles(0, 0)
	// Files changed within the racy window are never kept.
	racyWindow = time.Hour
	cache = FileCache{}
	titles(4, 4)
	titles(4, 4)
}
