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
