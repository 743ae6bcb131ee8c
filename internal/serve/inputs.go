package serve

import (
	"crypto/sha256"
	"errors"
	"io/fs"
	"path/filepath"
	"strings"

	"catalog/internal/gate"
)

// inputs remembers a sum of the content of every file of the catalog that
// a build reads, to tell a save that changed something from one that wrote
// the same bytes again. Only rebuild uses it, one call at a time.
type inputs struct {
	w    *watcher
	sums map[string][sha256.Size]byte
}

// init reads every file of the catalog once.
func (in *inputs) init(w *watcher) {
	in.w = w
	in.sums = map[string][sha256.Size]byte{}
	in.update([]string{w.dir})
}

// update reads again the files that changed (a folder: every file below
// it; the catalog folder: all of them) and reports whether any differs
// from the last reading: its content, or that it is new or gone.
func (in *inputs) update(changed []string) bool {
	differs := false
	seen := map[string]bool{}
	for _, p := range changed {
		p = filepath.Clean(p)
		if seen[p] {
			continue
		}
		seen[p] = true
		found := map[string]bool{}
		if p == in.w.dir {
			in.readRoot(found, &differs)
			for _, t := range trees {
				in.readTree(filepath.Join(p, t), found, &differs)
			}
		} else {
			in.readTree(p, found, &differs)
		}
		// What was below p and was not found again is gone.
		for name := range in.sums {
			if !found[name] && (name == p || p == in.w.dir || strings.HasPrefix(name, p+string(filepath.Separator))) {
				delete(in.sums, name)
				differs = true
			}
		}
	}
	return differs
}

// readRoot reads the files of the catalog folder itself that a build reads.
func (in *inputs) readRoot(found map[string]bool, differs *bool) {
	entries, err := in.w.folder.ReadDir(in.w.dir)
	if err != nil {
		*differs = true
		return
	}
	for _, e := range entries {
		path := filepath.Join(in.w.dir, e.Name())
		if !e.IsDir() && in.w.reads(path) {
			in.read(path, found, differs)
		}
	}
}

// readTree reads path, or every file below it, skipping what load skips.
func (in *inputs) readTree(path string, found map[string]bool, differs *bool) {
	err := in.w.folder.WalkDir(path, func(p string, e fs.DirEntry, err error) error {
		if err != nil {
			if errors.Is(err, fs.ErrNotExist) {
				return nil // gone: update sees it
			}
			*differs = true
			return nil
		}
		if p != path && in.w.skips(p, e.IsDir()) {
			if e.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		if !e.IsDir() {
			in.read(p, found, differs)
		}
		return nil
	})
	if err != nil {
		*differs = true
	}
}

// read sums one file, read through the gate: a named pipe, a link out of
// the catalog or a file too large is not read (the build reports it).
func (in *inputs) read(path string, found map[string]bool, differs *bool) {
	data, err := in.w.folder.ReadFile(path, gate.MaxMedia)
	if err != nil {
		// Unreadable, refused, or gone since it was listed: let the build
		// say.
		*differs = true
		return
	}
	found[path] = true
	sum := sha256.Sum256(data)
	if old, ok := in.sums[path]; !ok || old != sum {
		in.sums[path] = sum
		*differs = true
	}
}
