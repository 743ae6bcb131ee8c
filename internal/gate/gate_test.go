package gate

import (
	"bytes"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"

	"catalog/internal/diag"
	"catalog/internal/lang"
)

// secret is what lies outside the catalog folder: no read may return it.
const secret = "SECRET-OUTSIDE-THE-CATALOG"

// tree makes a catalog folder "cat" beside a folder "outside" that holds
// the secret, and returns the catalog folder.
func tree(t *testing.T) string {
	t.Helper()
	top := t.TempDir()
	for name, text := range map[string]string{
		"outside/secret.txt":        secret,
		"outside/html/page.html":    secret,
		"cat/catalog.yaml":          "title: T\n",
		"cat/practices/a.es.md":     "---\ntitle: A\n---\n",
		"cat/drafts/b.es.md":        "---\ntitle: B\n---\n",
		"cat/media/pic.png":         "png",
		"cat/templates/html/x.html": "x",
	} {
		path := filepath.Join(top, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return filepath.Join(top, "cat")
}

func symlink(t *testing.T, target, link string) {
	t.Helper()
	if err := os.Symlink(target, link); err != nil {
		t.Skipf("no symbolic links here: %v", err)
	}
}

// refusedBy returns the rule of a refusal, or "".
func refusedBy(err error) string {
	var e *Error
	if errors.As(err, &e) {
		return e.Rule.ID
	}
	return ""
}

// TestLinks: a link inside the folder is followed; a link out, absolute or
// relative, of a file or of a folder on its way, is refused as `symlink`,
// naming the link.
func TestLinks(t *testing.T) {
	dir := tree(t)
	symlink(t, "../drafts/b.es.md", filepath.Join(dir, "practices/b.es.md"))
	symlink(t, "../../outside/secret.txt", filepath.Join(dir, "practices/out.es.md"))
	symlink(t, filepath.Join(dir, "../outside/secret.txt"), filepath.Join(dir, "practices/abs.es.md"))
	symlink(t, "../outside", filepath.Join(dir, "shelf"))
	f, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	for _, tc := range []struct {
		name, rule, says string
	}{
		{"practices/a.es.md", "", ""},
		{"practices/b.es.md", "", ""},
		{"practices/out.es.md", "symlink", "a symbolic link to ../../outside/secret.txt, outside the catalog folder"},
		{"practices/abs.es.md", "symlink", "catalog follows only relative links"},
		{"shelf/secret.txt", "symlink", filepath.Join(dir, "shelf") + " is a symbolic link to ../outside"},
	} {
		path := f.Path(tc.name)
		reads := map[string]func() ([]byte, error){
			"ReadFile": func() ([]byte, error) { return f.ReadFile(path, MaxText) },
			"ReadHead": func() ([]byte, error) { return f.ReadHead(path, 2, MaxText) },
			"Files":    func() ([]byte, error) { r := f.Files(); defer r.Close(); return r.Read(path, MaxText, nil) },
			"Stat":     func() ([]byte, error) { _, err := f.Stat(path); return nil, err },
		}
		for how, read := range reads {
			data, err := read()
			if bytes.Contains(data, []byte(secret)) {
				t.Errorf("%s %s read the secret", how, tc.name)
			}
			if got := refusedBy(err); got != tc.rule {
				t.Errorf("%s %s: refused by %q (%v), want %q", how, tc.name, got, err, tc.rule)
			}
			if tc.rule != "" && (!strings.Contains(err.Error(), tc.says) || !strings.HasPrefix(err.Error(), path+": ")) {
				t.Errorf("%s %s: %q does not name the file and say %q", how, tc.name, err, tc.says)
			}
			if tc.rule == "" && err != nil {
				t.Errorf("%s %s: %v", how, tc.name, err)
			}
		}
	}
	// A folder that leads out is refused to a walk, which reports it
	// once and reads nothing below it.
	var walked []string
	err = f.WalkDir(f.Path("shelf"), func(path string, d fs.DirEntry, err error) error {
		walked = append(walked, path)
		if refusedBy(err) != "symlink" {
			t.Errorf("walk of a folder out: %v", err)
		}
		return err
	})
	if len(walked) != 1 || refusedBy(err) != "symlink" {
		t.Errorf("walk of a folder out: %v, %v", walked, err)
	}
	// Type follows a link inside, and refuses one out.
	err = f.WalkDir(f.Path("practices"), func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		typ, err := f.Type(path, d)
		want := ""
		if base := filepath.Base(path); base == "out.es.md" || base == "abs.es.md" {
			want = "symlink"
		}
		if refusedBy(err) != want || want == "" && typ != 0 {
			t.Errorf("Type(%s) = %v, %v; want a regular file or %q", path, typ, err, want)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	// A path outside the folder is not a name in it.
	if _, err := f.ReadFile(filepath.Join(dir, "../outside/secret.txt"), MaxText); err == nil {
		t.Error("read a path outside the folder")
	}
}

// TestTemplatesFS: the fs.FS of a folder reads through the gate.
func TestTemplatesFS(t *testing.T) {
	dir := tree(t)
	symlink(t, "../../../outside/secret.txt", filepath.Join(dir, "templates/html/out.html"))
	f, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	if err := fstest.TestFS(f.FS(f.Path("media"), MaxText), "pic.png"); err != nil {
		t.Errorf("the folder as an fs.FS: %v", err)
	}
	fsys := f.FS(f.Path("templates"), 4)
	if data, err := fs.ReadFile(fsys, "html/x.html"); err != nil || string(data) != "x" {
		t.Errorf("html/x.html: %q, %v", data, err)
	}
	for _, read := range []func() ([]byte, error){
		func() ([]byte, error) { return fs.ReadFile(fsys, "html/out.html") },
		func() ([]byte, error) {
			file, err := fsys.Open("html/out.html")
			if err != nil {
				return nil, err
			}
			defer file.Close()
			var b bytes.Buffer
			_, err = b.ReadFrom(file)
			return b.Bytes(), err
		},
	} {
		data, err := read()
		if bytes.Contains(data, []byte(secret)) || refusedBy(err) != "symlink" {
			t.Errorf("html/out.html: %q, %v", data, err)
		}
	}
	if err := os.WriteFile(filepath.Join(dir, "templates/html/big.html"), []byte("12345"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := fs.ReadFile(fsys, "html/big.html"); refusedBy(err) != "file-size" {
		t.Errorf("a template over the limit: %v", err)
	}
	if _, err := fsys.Open("../catalog.yaml"); err == nil {
		t.Error("opened a name that is not valid in an fs.FS")
	}
}

// TestSize: a file over the limit is refused before it is read; the head
// of a file is read without the rest.
func TestSize(t *testing.T) {
	dir := tree(t)
	f, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	path := f.Path("practices/a.es.md")
	if _, err := f.ReadFile(path, 10); refusedBy(err) != "file-size" || !strings.Contains(err.Error(), "up to 0 KiB") {
		t.Errorf("over the limit: %v", err)
	}
	if data, err := f.ReadHead(path, 4, MaxText); err != nil || string(data) != "---\n" {
		t.Errorf("head: %q, %v", data, err)
	}
	want, _ := os.ReadFile(path)
	if data, err := f.ReadHead(path, 1000, MaxText); err != nil || !bytes.Equal(data, want) {
		t.Errorf("head longer than the file: %q, %v", data, err)
	}
	// A read into a buffer too small for the file grows it; one just the
	// size reads it without growing.
	r := f.Files()
	defer r.Close()
	for _, n := range []int{0, 3, len(want) + 1, 64} {
		data, err := r.Read(path, MaxText, make([]byte, 0, n))
		if err != nil || !bytes.Equal(data, want) {
			t.Errorf("into %d bytes: %q, %v", n, data, err)
		}
	}
}

// TestEscapeError holds the text of os.Root's refusal of a name out of
// the root, which escapes recognises (os keeps the error unexported).
func TestEscapeError(t *testing.T) {
	root, err := os.OpenRoot(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	_, err = root.Open("../x")
	if !escapes(err) {
		t.Fatalf("os.Root's error for ../x is %q: update escapes", err)
	}
	if escapes(fs.ErrNotExist) || escapes(nil) {
		t.Error("escapes says yes to other errors")
	}
}

// TestCreate: a new file is made inside the folder only, never over one.
func TestCreate(t *testing.T) {
	dir := tree(t)
	symlink(t, "../outside", filepath.Join(dir, "shelf"))
	f, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.Create(f.Path("shelf/new.es.md")); refusedBy(err) != "symlink" {
		t.Errorf("a new file through a link out: %v", err)
	}
	if _, err := os.Stat(filepath.Join(dir, "../outside/new.es.md")); err == nil {
		t.Error("made a file outside the folder")
	}
	if _, err := f.Create(f.Path("practices/a.es.md")); !errors.Is(err, fs.ErrExist) {
		t.Errorf("over an existing file: %v", err)
	}
	file, err := f.Create(f.Path("nuevo/b.es.md"))
	if err != nil {
		t.Fatal(err)
	}
	file.Close()
	if err := f.Remove(f.Path("nuevo/b.es.md")); err != nil {
		t.Error(err)
	}
}

// TestRefusalsInSpanish: a refusal's problem is said in the user's
// language, its Error in English.
func TestRefusalsInSpanish(t *testing.T) {
	es := lang.For("es")
	for _, tc := range []struct {
		e      *Error
		en, es string
	}{
		{tooBig("a.es.md", 3<<20, MaxText), "the file is 3.0 MiB; catalog reads files of this kind up to 2.0 MiB",
			"el archivo ocupa 3.0 MiB; catalog lee archivos de este tipo de 2.0 MiB como máximo"},
		{special("a.es.md", fs.ModeNamedPipe), "a named pipe (FIFO), not a regular file",
			"una tubería con nombre (FIFO), no un archivo normal"},
	} {
		if !strings.Contains(tc.e.Error(), tc.en) {
			t.Errorf("Error: %q, want %q in it", tc.e.Error(), tc.en)
		}
		if got := diag.In(es, []diag.Diagnostic{tc.e.Diagnostic()})[0].Message; !strings.HasPrefix(got, tc.es) {
			t.Errorf("in Spanish: %q, want it to start %q", got, tc.es)
		}
	}
}
