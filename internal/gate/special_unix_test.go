//go:build unix

package gate

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"syscall"
	"testing"
	"time"
)

// TestSpecialFiles: a named pipe and a device are refused without
// blocking or reading, by every way of reading.
func TestSpecialFiles(t *testing.T) {
	dir := tree(t)
	fifo := filepath.Join(dir, "practices/fifo.es.md")
	if err := syscall.Mkfifo(fifo, 0o644); err != nil {
		t.Skipf("no named pipes here: %v", err)
	}
	names := []string{"practices/fifo.es.md"}
	// A character device (the same as /dev/zero) needs root to be made.
	if err := syscall.Mknod(filepath.Join(dir, "practices/zero.es.md"), syscall.S_IFCHR|0o644, 1<<8|5); err == nil {
		names = append(names, "practices/zero.es.md")
	} else if !errors.Is(err, syscall.EPERM) {
		t.Fatal(err)
	} else {
		t.Log("no device made (not root): only the named pipe")
	}
	f, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range names {
		path := f.Path(name)
		reads := map[string]func() error{
			"ReadFile": func() error { _, err := f.ReadFile(path, MaxText); return err },
			"Files":    func() error { r := f.Files(); defer r.Close(); _, err := r.Read(path, MaxText, nil); return err },
			"Stat":     func() error { _, err := f.Stat(path); return err },
			"FS": func() error {
				_, err := fs.ReadFile(f.FS(f.Path("practices"), MaxText), filepath.Base(name))
				return err
			},
			"Type": func() error {
				entries, err := os.ReadDir(filepath.Dir(path))
				if err != nil {
					return err
				}
				for _, e := range entries {
					if e.Name() == filepath.Base(name) {
						_, err = f.Type(path, e)
						return err
					}
				}
				return errors.New("not listed")
			},
		}
		for how, read := range reads {
			done := make(chan error, 1)
			go func() { done <- read() }()
			select {
			case err := <-done:
				if refusedBy(err) != "special-file" {
					t.Errorf("%s %s: %v, want a special-file refusal", how, name, err)
				}
			case <-time.After(5 * time.Second):
				t.Fatalf("%s %s: still waiting after 5 s", how, name)
			}
		}
	}
}
