//go:build unix

package serve

import (
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

// TestSpecialFile: a named pipe that appears among the practices is a
// problem in the overlay, not a rebuild that waits forever; once it is
// gone, the site is served again and later saves are seen.
func TestSpecialFile(t *testing.T) {
	dir := copyCatalog(t)
	ts := startServer(t, dir)
	page, file := samplePractice(t, ts, dir)
	fifo := filepath.Join(dir, "practices", "zz-tuberia.es.md")
	if err := syscall.Mkfifo(fifo, 0o644); err != nil {
		t.Skipf("no named pipes here: %v", err)
	}
	ts.pollPage(t, page, "the overlay for a named pipe", func(status int, body string) bool {
		return strings.Contains(body, "zz-tuberia.es.md") && strings.Contains(body, "[special-file]")
	})
	if err := os.Remove(fifo); err != nil {
		t.Fatal(err)
	}
	ts.pollPage(t, page, "the site once the pipe is gone", func(status int, body string) bool {
		return status == 200 && !strings.Contains(body, "catalog serve</title>")
	})
	setTitle(t, file, "Equipo tras la tubería")
	ts.pollPage(t, page, "a save after the pipe", func(status int, body string) bool {
		return strings.Contains(body, "Equipo tras la tubería")
	})
}
