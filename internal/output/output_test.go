package output

import (
	"errors"
	"io"
	"os"
	"path/filepath"
	"testing"
)

// TestDirStream: a streamed file lands under the root with its folders
// made; one whose writer fails is not left behind; names that leave the
// root are refused.
func TestDirStream(t *testing.T) {
	d := &Dir{Root: t.TempDir()}
	if err := d.Stream("a/b/book.pdf", func(w io.Writer) error {
		_, err := io.WriteString(w, "%PDF-1.7 contenido")
		return err
	}); err != nil {
		t.Fatal(err)
	}
	if got, err := os.ReadFile(filepath.Join(d.Root, "a", "b", "book.pdf")); err != nil || string(got) != "%PDF-1.7 contenido" {
		t.Errorf("streamed file: %q, %v", got, err)
	}
	boom := errors.New("boom")
	if err := d.Stream("a/broken.pdf", func(w io.Writer) error {
		io.WriteString(w, "half")
		return boom
	}); !errors.Is(err, boom) {
		t.Errorf("failing write: %v, want boom", err)
	}
	if _, err := os.Stat(filepath.Join(d.Root, "a", "broken.pdf")); !os.IsNotExist(err) {
		t.Errorf("a failed stream left its file: %v", err)
	}
	for _, name := range []string{"../x", "/abs", "a/../../x", ""} {
		if err := d.Stream(name, func(io.Writer) error { return nil }); err == nil {
			t.Errorf("Stream(%q) accepted", name)
		}
	}
}

// TestDirWrite: files land under the root with every folder made, whether
// a folder's parent was made by an earlier write or not; a folder's place
// taken by a file is an error, and names that leave the root are refused.
func TestDirWrite(t *testing.T) {
	root := t.TempDir()
	d := &Dir{Root: root}
	files := map[string]string{
		"index.html":                  "home",
		"es/practices/a/index.html":   "a",
		"es/practices/b/index.html":   "b",
		"es/practices/b/x/y/z.html":   "deep",
		"en/practices/a/index.html":   "a en",
		"es/practices/c/d/index.html": "c",
	}
	for _, name := range []string{"index.html", "es/practices/a/index.html", "es/practices/b/index.html",
		"es/practices/b/x/y/z.html", "en/practices/a/index.html", "es/practices/c/d/index.html"} {
		if err := d.Write(name, []byte(files[name])); err != nil {
			t.Fatal(err)
		}
	}
	for name, want := range files {
		got, err := os.ReadFile(filepath.Join(root, filepath.FromSlash(name)))
		if err != nil || string(got) != want {
			t.Errorf("%s: %q, %v; want %q", name, got, err, want)
		}
	}
	if err := d.Write("index.html/x.html", []byte("x")); err == nil {
		t.Error("writing under a file: no error")
	}
	if err := d.Write("../out.html", []byte("x")); err == nil {
		t.Error("a name outside the root: no error")
	}
}

// TestMemoryKeep: Memory keeps a copy of what it is given, or with Keep the
// bytes themselves; a name written twice is an error either way.
func TestMemoryKeep(t *testing.T) {
	for _, keep := range []bool{false, true} {
		m := &Memory{Keep: keep}
		data := []byte("página")
		if err := m.Write("es/index.html", data); err != nil {
			t.Fatal(err)
		}
		data[0] = 'P'
		got, _ := m.File("es/index.html")
		if want := map[bool]string{false: "página", true: "Página"}[keep]; string(got) != want {
			t.Errorf("Keep %v: %q, want %q", keep, got, want)
		}
		if err := m.Write("es/index.html", data); err == nil {
			t.Errorf("Keep %v: a name written twice is no error", keep)
		}
	}
}
