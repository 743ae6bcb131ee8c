// Package output is where a build writes its files: a folder on disk for
// `catalog build`, memory for `catalog serve` and for tests. Renderers name
// files by slash-separated paths relative to the output's root and cannot
// name anything outside it.
package output

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"slices"
	"sync"
)

// Writer receives the files of a build. Write may be called from several
// goroutines at once.
type Writer interface {
	Write(name string, data []byte) error
}

// checkName refuses a name that could leave the output's root.
func checkName(name string) error {
	if !fs.ValidPath(name) || name == "." || path.Clean(name) != name {
		return fmt.Errorf("output: invalid file name %q", name)
	}
	return nil
}

// Dir writes into a folder on disk.
type Dir struct {
	Root string

	mu   sync.Mutex
	made map[string]bool
}

// Write writes data to Root/name, making parent folders as needed.
func (d *Dir) Write(name string, data []byte) error {
	if err := checkName(name); err != nil {
		return err
	}
	full := filepath.Join(d.Root, filepath.FromSlash(name))
	if err := d.mkdir(filepath.Dir(full)); err != nil {
		return err
	}
	return os.WriteFile(full, data, 0o644)
}

func (d *Dir) mkdir(dir string) error {
	d.mu.Lock()
	defer d.mu.Unlock()
	if d.made[dir] {
		return nil
	}
	// Each practice has a folder of its own: when its parent is made,
	// one mkdir does what MkdirAll does with a stat of each folder of the
	// path first (three system calls for each of 20,000 folders).
	if parent := filepath.Dir(dir); d.made[parent] && parent != dir {
		if err := os.Mkdir(dir, 0o755); err != nil && !errors.Is(err, fs.ErrExist) {
			return err
		}
	} else if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	if d.made == nil {
		d.made = map[string]bool{}
	}
	// MkdirAll made the parents too: remember them, or every practice's
	// folder would go through MkdirAll again.
	for p := dir; !d.made[p]; p = filepath.Dir(p) {
		d.made[p] = true
		if p == d.Root || filepath.Dir(p) == p {
			break
		}
	}
	return nil
}

// Streamer is a Writer that can also take a file as a stream, for files
// too big to hold whole in memory beside what made them (the PDF books).
type Streamer interface {
	// Stream creates the file name and calls write with it; a file whose
	// write fails is removed.
	Stream(name string, write func(io.Writer) error) error
}

// Stream writes Root/name through write, buffered.
func (d *Dir) Stream(name string, write func(io.Writer) error) error {
	if err := checkName(name); err != nil {
		return err
	}
	full := filepath.Join(d.Root, filepath.FromSlash(name))
	if err := d.mkdir(filepath.Dir(full)); err != nil {
		return err
	}
	f, err := os.Create(full)
	if err != nil {
		return err
	}
	bw := bufio.NewWriterSize(f, 1<<20)
	err = write(bw)
	if err == nil {
		err = bw.Flush()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		os.Remove(full)
	}
	return err
}

// Memory keeps the files in memory.
type Memory struct {
	// Keep keeps the bytes Write is given rather than a copy, for callers
	// that never change a file's bytes once written (site.Render): serve
	// takes most pages of a rebuild from the last one, and copying them
	// would copy the whole site at every save.
	Keep bool

	mu    sync.Mutex
	files map[string][]byte
}

// Write stores a copy of data under name (data itself with Keep); writing
// a name twice is an error, since two pages of one build must never claim
// the same file.
func (m *Memory) Write(name string, data []byte) error {
	if err := checkName(name); err != nil {
		return err
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.files == nil {
		m.files = map[string][]byte{}
	}
	if _, dup := m.files[name]; dup {
		return fmt.Errorf("output: %s written twice", name)
	}
	if !m.Keep {
		data = slices.Clone(data)
	}
	m.files[name] = data
	return nil
}

// File returns a file's content and whether it was written.
func (m *Memory) File(name string) ([]byte, bool) {
	m.mu.Lock()
	defer m.mu.Unlock()
	b, ok := m.files[name]
	return b, ok
}

// Names lists the files written, sorted.
func (m *Memory) Names() []string {
	m.mu.Lock()
	defer m.mu.Unlock()
	names := make([]string, 0, len(m.files))
	for n := range m.files {
		names = append(names, n)
	}
	slices.Sort(names)
	return names
}
