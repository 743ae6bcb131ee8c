package lang

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"gopkg.in/yaml.v3"
)

// systemWords are the keys of es/os.yaml: the operating system's words,
// which no format of the code gives.
var systemWords = func() map[string]bool {
	b, err := formatFiles.ReadFile("es/os.yaml")
	if err != nil {
		panic(err)
	}
	var m map[string]string
	if err := yaml.Unmarshal(b, &m); err != nil {
		panic(err)
	}
	out := map[string]bool{}
	for k := range m {
		out[k] = true
	}
	return out
}()

// TestErrorf: an Errorf error reads as fmt.Errorf's in English, is said
// again by its Spanish format with the errors among its arguments said
// too, and errors.Is/As see what it wraps.
func TestErrorf(t *testing.T) {
	_, missing := os.Open(filepath.Join(t.TempDir(), "nada.md"))
	// A format of the code (config's), so that es/ has it.
	err := Errorf("%w in %s: that folder is not a catalog; give the catalog's folder with --dir", missing, "x/")
	if want := fmt.Errorf("%w in %s: that folder is not a catalog; give the catalog's folder with --dir", missing, "x/").Error(); err.Error() != want {
		t.Errorf("English: %q, want %q", err.Error(), want)
	}
	if !errors.Is(err, fs.ErrNotExist) {
		t.Error("errors.Is does not see the wrapped error")
	}
	var pe *fs.PathError
	if !errors.As(err, &pe) {
		t.Error("errors.As does not see the wrapped *fs.PathError")
	}
	es := For("es").Error(err)
	for _, s := range []string{"no se puede abrir", "no existe el archivo o la carpeta", "no es un catálogo", "x/"} {
		if !strings.Contains(es, s) {
			t.Errorf("Spanish %q lacks %q", es, s)
		}
	}
	if en := For("en").Error(err); en != err.Error() {
		t.Errorf("English printer: %q", en)
	}
}

// TestSystemErrorsInSpanish makes real errors of the system and checks
// that es/os.yaml says each (the texts are Linux's and macOS's; on
// Windows the system words its errors in its own language).
func TestSystemErrorsInSpanish(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "f.md")
	if err := os.WriteFile(file, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	_, open := os.Open(filepath.Join(dir, "nada"))
	_, stat := os.Stat(filepath.Join(file, "x"))
	mkdir := os.Mkdir(file, 0o755)
	_, read := os.ReadFile(dir)
	wrapped := fmt.Errorf("%s: %w", "catalog.es.pdf", open)
	cases := []struct {
		err  error
		want string
	}{
		{open, "no se puede abrir " + filepath.Join(dir, "nada") + ": no existe el archivo o la carpeta"},
		{stat, "no se puede consultar " + filepath.Join(file, "x") + ": no es una carpeta"},
		{mkdir, "no se puede crear la carpeta " + file + ": el archivo ya existe"},
		{read, "no se puede leer " + dir + ": es una carpeta"},
		{wrapped, "catalog.es.pdf: no se puede abrir " + filepath.Join(dir, "nada") + ": no existe el archivo o la carpeta"},
		{fs.ErrNotExist, "el archivo no existe"},
		{errors.New("something else"), "something else"},
	}
	if os.PathSeparator != '/' {
		t.Skip("the system's errno texts are Linux's and macOS's")
	}
	p := For("es")
	for _, c := range cases {
		if got := p.Error(c.err); got != c.want {
			t.Errorf("%q in Spanish: %q, want %q", c.err, got, c.want)
		}
	}
	for _, e := range []syscall.Errno{syscall.ENOENT, syscall.EACCES, syscall.EPERM, syscall.EISDIR, syscall.ENOTDIR, syscall.EEXIST, syscall.ENOTEMPTY, syscall.ENOSPC, syscall.EROFS, syscall.ELOOP, syscall.ENAMETOOLONG, syscall.EMFILE, syscall.EIO} {
		if got := p.Error(e); got == e.Error() {
			t.Errorf("es/os.yaml lacks the system's %q", e.Error())
		}
	}
	for key := range systemWords {
		if strings.Contains(key, "%") {
			continue
		}
		found := false
		for _, e := range []error{fs.ErrNotExist, fs.ErrExist, fs.ErrPermission, fs.ErrInvalid, fs.ErrClosed} {
			found = found || e.Error() == key
		}
		for e := syscall.Errno(1); e < 200 && !found; e++ {
			found = e.Error() == key
		}
		if !found {
			t.Errorf("es/os.yaml: %q is no error of this system", key)
		}
	}
}

// TestProblemWithAnError: a problem whose argument is an error of the
// system says that error in the problem's language too.
func TestProblemWithAnError(t *testing.T) {
	_, err := os.Open(filepath.Join(t.TempDir(), "nada.md"))
	got := For("es").Sprintf("cannot read: %v", err)
	if !strings.HasPrefix(got, "no se puede leer: no se puede abrir ") || !strings.HasSuffix(got, ": no existe el archivo o la carpeta") {
		t.Errorf("Spanish: %q", got)
	}
}

// uncomparable is an error of a type == cannot compare, as some libraries
// have (a list of errors).
type uncomparable []string

func (u uncomparable) Error() string { return strings.Join(u, "; ") }

// TestErrorOfAnyType: an error of any type is said without a panic.
func TestErrorOfAnyType(t *testing.T) {
	err := uncomparable{"a", "b"}
	if got := For("es").Error(err); got != "a; b" {
		t.Errorf("got %q", got)
	}
	if got := For("es").Error(fmt.Errorf("x: %w", err)); got != "x: a; b" {
		t.Errorf("wrapped: got %q", got)
	}
}
