package serve

import (
	"fmt"
	"io/fs"
	"slices"
	"sync"
)

// pages holds a build's site in memory, as output.Memory does, but keeps
// the bytes it is given instead of copying them: site.Render never changes
// a file once written, and most pages of a rebuild are the bytes of the
// last build's pages, taken from the site's cache. Copying them would copy
// the whole site (40 MB at 1,000 practices) at every save.
type pages struct {
	mu    sync.Mutex
	files map[string][]byte
}

// Write keeps data as the file name; writing a name twice is an error, as
// two pages of one build must never claim the same file.
func (p *pages) Write(name string, data []byte) error {
	if !fs.ValidPath(name) || name == "." {
		return fmt.Errorf("serve: invalid file name %q", name)
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.files == nil {
		p.files = map[string][]byte{}
	}
	if _, dup := p.files[name]; dup {
		return fmt.Errorf("serve: %s written twice", name)
	}
	p.files[name] = data
	return nil
}

// File returns a file's content and whether it was written.
func (p *pages) File(name string) ([]byte, bool) {
	p.mu.Lock()
	defer p.mu.Unlock()
	data, ok := p.files[name]
	return data, ok
}

// Names lists the files written, sorted.
func (p *pages) Names() []string {
	p.mu.Lock()
	defer p.mu.Unlock()
	names := make([]string, 0, len(p.files))
	for name := range p.files {
		names = append(names, name)
	}
	slices.Sort(names)
	return names
}
