package load

import (
	"io/fs"
	"os"
	"slices"
	"sync"
	"time"
)

// FileCache keeps the practice files that a load read, for the next load
// of the same catalog to take instead of reading them again when they have
// not changed: `catalog serve` loads the whole catalog at every save, and
// reading 2,000 files was half of loading them. A file is taken from the
// cache when it is the same file (os.SameFile: a save by rename makes
// another) with the size and modification time it had when it was read
// (as git trusts its index), and only when it was modified more than
// racyWindow before that reading: a file written again within the file
// system's clock tick of being read would otherwise keep the time it was
// read with.
//
// Options.Body (validate's reused buffers) and a FileCache do not go
// together: a load with both reads every file. The zero FileCache is empty
// and ready; loads that share one may run one at a time.
type FileCache struct {
	mu   sync.Mutex
	prev map[string]cachedFile // what the last load read
	next map[string]cachedFile // what this load read or took
	// reads and parses count the files read from disk and parsed by the
	// last load (tests).
	reads, parses int
}

type cachedFile struct {
	stat fileStat
	src  []byte
	// parsed is what parseFile made of src, with names read for the
	// languages langs; nil until then. Nothing changes a parsed file once
	// made, and the loads that take it get a copy of their own (parseAll
	// drops the sheet of its copy once merged): at 10,000 practices,
	// parsing the front matter of every file again was half of what a
	// save in serve spent checking.
	parsed *parsed
	langs  string
}

// racyWindow is how long after a file's last change its times are not
// trusted to tell a later change.
var racyWindow = 2 * time.Second

// get returns the bytes of path as last read when its times are unchanged.
func (c *FileCache) get(path string, st fileStat) ([]byte, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	e, ok := c.prev[path]
	if !ok || !e.stat.same(st) {
		return nil, false
	}
	c.keep(path, e)
	return e.src, true
}

// parsedFile returns a copy of what path parsed into at the last load,
// when the file is unchanged and its name was read for the same languages.
func (c *FileCache) parsedFile(r *reader, path, langs string) *parsed {
	st, ok := r.statFile(path)
	if !ok {
		return nil
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	e, ok := c.prev[path]
	if !ok || !e.stat.same(st) || e.parsed == nil || e.langs != langs {
		return nil
	}
	c.keep(path, e)
	p := *e.parsed
	p.diags = slices.Clip(p.diags)
	return &p
}

// keepParsed keeps a copy of what path parsed into, when this load kept
// the bytes it was parsed from.
func (c *FileCache) keepParsed(path, langs string, p *parsed) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.parses++
	e, ok := c.next[path]
	if !ok || e.parsed != nil && e.langs == langs {
		return
	}
	kept := *p
	kept.diags = slices.Clip(kept.diags)
	e.parsed, e.langs = &kept, langs
	c.next[path] = e
}

// put keeps src, read from path when it had st, unless it changed too
// recently for its times to be trusted.
func (c *FileCache) put(path string, st fileStat, src []byte, now time.Time) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.reads++
	if !time.Unix(0, st.modified).Before(now.Add(-racyWindow)) {
		return
	}
	c.keep(path, cachedFile{stat: st, src: src})
}

func (c *FileCache) keep(path string, e cachedFile) {
	if c.next == nil {
		c.next = map[string]cachedFile{}
	}
	c.next[path] = e
}

// begin and end bracket a load: what it did not read or take (files gone
// or renamed) is forgotten.
func (c *FileCache) begin() {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.next, c.reads, c.parses = nil, 0, 0
}

func (c *FileCache) end() {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.prev, c.next = c.next, nil
}

// Reads reports how many files the last load read from disk rather than
// took from the cache.
func (c *FileCache) Reads() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.reads
}

// Parses reports how many files the last load parsed rather than took
// parsed from the cache.
func (c *FileCache) Parses() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.parses
}

// cached reads path through the cache: from it when the file is unchanged,
// else from disk, keeping what it read.
func (r *reader) cached(path string) ([]byte, error) {
	st, ok := r.statFile(path)
	if !ok {
		return r.read(path)
	}
	if src, ok := r.files.get(path, st); ok {
		return src, nil
	}
	now := time.Now()
	src, err := r.read(path)
	if err == nil {
		r.files.put(path, st, src, now)
	}
	return src, err
}

// fileStat is what tells a file's content changed without reading it.
type fileStat struct {
	info     fs.FileInfo // for os.SameFile: the same file, not one renamed over it
	size     int64
	modified int64 // nanoseconds since 1970
}

func (a fileStat) same(b fileStat) bool {
	return a.size == b.size && a.modified == b.modified && os.SameFile(a.info, b.info)
}

// statFile returns path's fileStat; false when it cannot be had.
func (r *reader) statFile(path string) (fileStat, bool) {
	info, err := r.gate.Stat(path)
	if err != nil || !info.Mode().IsRegular() {
		return fileStat{}, false
	}
	return fileStat{info: info, size: info.Size(), modified: info.ModTime().UnixNano()}, true
}
