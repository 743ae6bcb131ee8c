package build

import (
	"os"
	"path/filepath"
	"testing"
)

// TestRemoveTree removes a tree shaped like an output, with files and
// folders at every depth and links to a folder outside it, which must
// stay as it was.
func TestRemoveTree(t *testing.T) {
	root := t.TempDir()
	outside := filepath.Join(root, "outside")
	keep := filepath.Join(outside, "keep.txt")
	dir := filepath.Join(root, "public")
	files := []string{Marker, "index.html", "es/index.html", "es/practices/index.html"}
	for i := range 50 {
		files = append(files, filepath.Join("es/practices", string(rune('a'+i%26))+string(rune('a'+i/26)), "index.html"))
	}
	files = append(files, "en/countries/ar/index.html", "en/countries/ar/deep/deeper/x.txt")
	for _, name := range append(files, "../outside/keep.txt") {
		path := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(name), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	for _, link := range []string{"link", "es/link", "es/practices/link", "en/countries/ar/link"} {
		if err := os.Symlink(outside, filepath.Join(dir, link)); err != nil {
			t.Fatal(err)
		}
	}
	if err := removeTree(dir); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Lstat(dir); !os.IsNotExist(err) {
		t.Errorf("%s is still there (%v)", dir, err)
	}
	if b, err := os.ReadFile(keep); err != nil || string(b) != "../outside/keep.txt" {
		t.Errorf("the folder a link led to lost its file: %q, %v", b, err)
	}
	if err := removeTree(dir); err != nil {
		t.Errorf("removing it again: %v", err)
	}
}
