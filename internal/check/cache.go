package check

import (
	"errors"
	"hash/maphash"
	"io/fs"
	"reflect"
	"sync"
	"time"

	"catalog/internal/config"
	"catalog/internal/diag"
	"catalog/internal/gate"
	"catalog/internal/model"
)

// Cache keeps each practice's problems from one check to the next of the
// same catalog (catalog serve, at each save): a practice is checked again
// only when something its checks read has changed. Those are its own
// files, catalog.yaml, the day (dates in the future), the IDs and
// visibility of every practice (related practices and links between
// bodies, and the suggestions for a wrong ID), the practices that
// adapted_from names and whether each media file
// its bodies name exists. At 10,000 practices a save took 0.8 s to check,
// nearly all of it in the practices that had not changed.
//
// The zero value is ready to use. One check at a time may use a Cache.
type Cache struct {
	mu      sync.Mutex
	dir     string
	cfg     *config.Config
	day     string
	ids     uint64
	entries map[string]*cacheEntry // by practice ID

	reused, checked int
}

type cacheEntry struct {
	key   uint64 // the practice's files: their bytes, languages and paths
	media []mediaSeen
	diags []diag.Diagnostic
}

// mediaSeen is a media file a practice's checks looked for, and what
// stat said of it: whether it was there, its size and time (the checks
// read an image's format, which a file replaced under its name changes).
type mediaSeen struct {
	path  string
	stamp fileStamp
}

// fileStamp is what stat says of a media file.
type fileStamp struct {
	exists bool
	size   int64
	mod    int64 // UnixNano
	// refused is the gate's refusal (a link out of the catalog, a
	// special file); each stat makes its own (sameAs).
	refused *gate.Error
}

// sameAs reports whether two stamps say the same of a file.
func (s fileStamp) sameAs(o fileStamp) bool {
	if (s.refused == nil) != (o.refused == nil) {
		return false
	}
	if s.refused != nil && (s.refused.Rule != o.refused.Rule || s.refused.Message != o.refused.Message) {
		return false
	}
	return s.exists == o.exists && s.size == o.size && s.mod == o.mod
}

// stampOf stats path, in cat's folder: a regular file is there.
func stampOf(cat *model.Catalog, path string) fileStamp {
	folder, err := cat.Gate()
	var info fs.FileInfo
	if err == nil {
		info, err = folder.Stat(path)
	}
	var refusal *gate.Error
	if errors.As(err, &refusal) {
		return fileStamp{refused: refusal}
	}
	if err != nil || !info.Mode().IsRegular() {
		return fileStamp{}
	}
	return fileStamp{exists: true, size: info.Size(), mod: info.ModTime().UnixNano()}
}

// Counts returns how many practices the last check with the cache took
// from it and how many it checked.
func (c *Cache) Counts() (reused, checked int) {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.reused, c.checked
}

var cacheSeed = maphash.MakeSeed()

// begin starts a check of cat: it empties the cache when what every
// practice's checks read has changed, and gives the entries to look up.
func (c *Cache) begin(cat *model.Catalog, now time.Time) map[string]*cacheEntry {
	var h maphash.Hash
	h.SetSeed(cacheSeed)
	for _, p := range cat.Practices {
		h.WriteString(p.ID)
		h.WriteString(p.Visibility)
		h.WriteByte(0)
	}
	// adapted_from's checks read the practices it names, and those they
	// name in turn: the names, and what links two practices (the source's
	// visitors and sources).
	for _, p := range cat.Practices {
		for _, id := range p.AdaptedFromIDs() {
			h.WriteString(p.ID)
			h.WriteByte(1)
			h.WriteString(id)
			h.WriteByte(0)
			if q := cat.Practice(id); q != nil {
				maphash.WriteComparable(&h, q.Hash)
			}
		}
	}
	day := now.Format("2006-01-02 -0700 MST")
	if c.entries == nil || c.dir != cat.Dir || c.day != day || c.ids != h.Sum64() || !reflect.DeepEqual(c.cfg, cat.Config) {
		c.entries = map[string]*cacheEntry{}
	}
	c.dir, c.cfg, c.day, c.ids = cat.Dir, cat.Config, day, h.Sum64()
	c.reused, c.checked = 0, 0
	return c.entries
}

// end keeps the entries of this check, those of practices gone included
// no more.
func (c *Cache) end(entries []*cacheEntry, cat *model.Catalog) {
	c.entries = make(map[string]*cacheEntry, len(entries))
	for i, e := range entries {
		if e != nil {
			c.entries[cat.Practices[i].ID] = e
		}
	}
}

// practiceKey sums the practice's files: the same bytes under another
// name give other paths in the problems.
func practiceKey(p *model.Practice, langs []string) uint64 {
	var h maphash.Hash
	h.SetSeed(cacheSeed)
	maphash.WriteComparable(&h, p.Hash)
	for _, lang := range langs {
		if t := p.Texts[lang]; t != nil && t.File != nil {
			h.WriteString(t.File.Path)
			h.WriteByte(0)
		}
	}
	return h.Sum64()
}

// reusable reports whether e still holds the practice's problems: its
// files are as they were and so is each media file it looked for.
func (e *cacheEntry) reusable(cat *model.Catalog, key uint64) bool {
	if e == nil || e.key != key {
		return false
	}
	for _, m := range e.media {
		if now := stampOf(cat, m.path); !now.sameAs(m.stamp) {
			return false
		}
	}
	return true
}
