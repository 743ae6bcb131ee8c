package serve

import (
	"context"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/fsnotify/fsnotify"

	"catalog/internal/config"
	"catalog/internal/gate"
	"catalog/internal/lang"
	"catalog/internal/load"
)

// trees are the folders of a catalog that are read whole, with their
// subfolders; of the catalog folder itself only some files are read.
var trees = []string{load.PracticesDir, "media", "templates"}

// watcher watches the catalog folder and its trees. It watches folders,
// not files: an editor that saves by writing a new file and renaming it
// over the old one (vim, most IDEs), or by deleting and creating it, is
// seen as a change in the folder like any other.
type watcher struct {
	dir    string
	folder *gate.Folder
	fs     *fsnotify.Watcher
}

func newWatcher(dir string) (*watcher, error) {
	if st, err := os.Stat(dir); err != nil {
		return nil, err
	} else if !st.IsDir() {
		return nil, &fs.PathError{Op: "watch", Path: dir, Err: errors.New("not a folder")}
	}
	folder, err := gate.Open(filepath.Clean(dir))
	if err != nil {
		return nil, err
	}
	fw, err := fsnotify.NewWatcher()
	if err != nil {
		return nil, err
	}
	w := &watcher{dir: filepath.Clean(dir), folder: folder, fs: fw}
	if err := fw.Add(w.dir); err != nil {
		fw.Close()
		return nil, err
	}
	for _, t := range trees {
		if err := w.addTree(filepath.Join(w.dir, t)); err != nil {
			fw.Close()
			return nil, err
		}
	}
	return w, nil
}

func (w *watcher) close() { w.fs.Close() }

// addTree watches dir and every folder below it, as load walks them
// (hidden ones skipped) through the gate. A dir that is not there is not
// an error: it may come later, and is added then; nor is one the gate
// refuses (a link out of the catalog): the build reports it.
func (w *watcher) addTree(dir string) error {
	err := w.folder.WalkDir(dir, func(path string, e fs.DirEntry, err error) error {
		if _, refused := gate.AsDiagnostic(err); refused {
			return fs.SkipDir
		}
		if err != nil {
			if path == dir && errors.Is(err, fs.ErrNotExist) {
				return fs.SkipDir
			}
			return err
		}
		if !e.IsDir() {
			return nil
		}
		if path != dir && hidden(e.Name()) {
			return fs.SkipDir
		}
		return w.fs.Add(path)
	})
	if errors.Is(err, fs.ErrNotExist) {
		return nil // went away while it was walked
	}
	return err
}

// relevant reports whether an event may change the site, and whether its
// file is a new folder to watch.
func (w *watcher) relevant(ev fsnotify.Event) (change, tree bool) {
	if ev.Op == fsnotify.Chmod || !w.reads(ev.Name) { // Chmod: a touch, an indexer
		return false, false
	}
	if ev.Has(fsnotify.Create) {
		if st, err := w.folder.Stat(ev.Name); err == nil && st.IsDir() {
			return true, filepath.Dir(ev.Name) != w.dir || slices.Contains(trees, filepath.Base(ev.Name))
		}
	}
	return true, false
}

// reads reports whether a build reads the file or folder at path: in the
// catalog folder itself, catalog.yaml, the intros and the trees; in the
// trees, everything but hidden and scratch files (in media, hidden files
// too).
func (w *watcher) reads(path string) bool {
	name := filepath.Base(path)
	switch {
	case w.skips(path, false):
		return false
	case filepath.Dir(path) != w.dir:
		return true
	case slices.Contains(trees, name):
		return true
	}
	return name == config.FileName || strings.HasPrefix(name, "intro") && strings.HasSuffix(name, ".md")
}

// skips reports a file or folder below the catalog folder that a build
// does not read: hidden and scratch ones, as load skips them. A body may
// show a hidden file of media ("media/.foto.png"), and the site copies it:
// only hidden folders are skipped there.
func (w *watcher) skips(path string, dir bool) bool {
	name := filepath.Base(path)
	switch {
	case scratch(name):
		return true
	case !hidden(name):
		return false
	}
	rel, err := filepath.Rel(filepath.Join(w.dir, "media"), filepath.Dir(path))
	inMedia := err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator))
	return dir || !inMedia
}

// hidden names are skipped, as load skips them; editors' swap files and
// temporary files are among them.
func hidden(name string) bool { return strings.HasPrefix(name, ".") }

// scratch reports the other files that editors make beside the one being
// saved: backups (name~), vim's swap files and its write test (4913).
func scratch(name string) bool {
	return strings.HasSuffix(name, "~") || strings.HasSuffix(name, ".swp") || strings.HasSuffix(name, ".swx") || name == "4913"
}

// watchLoop gathers the changes and hands them to buildLoop once the folder
// has been quiet for the debounce time: a burst of saves (an editor's
// write-then-rename, a `git checkout`) rebuilds once.
func (s *Server) watchLoop(ctx context.Context) {
	timer := time.NewTimer(time.Hour)
	timer.Stop()
	defer timer.Stop()
	var changed []string
	var since time.Time
	// grown are the new folders of this burst, watched again once it is
	// over: a folder renamed within the catalog keeps its watch, which
	// fsnotify drops when it then hears that the old name moved.
	var grown []string
	for {
		select {
		case <-ctx.Done():
			return
		case ev, ok := <-s.watch.fs.Events:
			if !ok {
				return
			}
			change, tree := s.watch.relevant(ev)
			if !change {
				continue
			}
			if tree {
				if err := s.watch.addTree(ev.Name); err != nil {
					s.say(msgWatching, map[string]any{"Path": ev.Name, "Error": lang.For(s.opt.Speak).Error(err)})
				}
				grown = append(grown, ev.Name)
			}
			if changed == nil {
				since = time.Now()
			}
			changed = append(changed, ev.Name)
			timer.Reset(s.opt.Debounce)
		case err, ok := <-s.watch.fs.Errors:
			if !ok {
				return
			}
			if errors.Is(err, fsnotify.ErrEventOverflow) {
				// Changes were lost: rebuild everything.
				if changed == nil {
					since = time.Now()
				}
				changed = append(changed, s.watch.dir)
				timer.Reset(s.opt.Debounce)
				continue
			}
			s.say(msgWatching, map[string]any{"Path": s.opt.Dir, "Error": lang.For(s.opt.Speak).Error(err)})
		case <-timer.C:
			for _, dir := range grown {
				if err := s.watch.addTree(dir); err != nil {
					s.say(msgWatching, map[string]any{"Path": dir, "Error": lang.For(s.opt.Speak).Error(err)})
				}
			}
			grown = nil
			s.queue.add(changed, since)
			changed = nil
		}
	}
}

// queue passes changes from watchLoop to buildLoop. Changes that come
// during a rebuild wait for the next one, together.
type queue struct {
	mu      sync.Mutex
	changed []string
	since   time.Time
	kick    chan struct{} // holds one token while changes wait
}

func (q *queue) init() { q.kick = make(chan struct{}, 1) }

func (q *queue) add(changed []string, since time.Time) {
	q.mu.Lock()
	if q.changed == nil {
		q.since = since
	}
	q.changed = append(q.changed, changed...)
	q.mu.Unlock()
	select {
	case q.kick <- struct{}{}:
	default: // a token already waits
	}
}

func (q *queue) take() ([]string, time.Time) {
	q.mu.Lock()
	defer q.mu.Unlock()
	changed, since := q.changed, q.since
	q.changed = nil
	return changed, since
}

// buildLoop rebuilds for each batch of changes, one rebuild at a time.
func (s *Server) buildLoop(ctx context.Context) {
	for {
		select {
		case <-ctx.Done():
			return
		case <-s.queue.kick:
			if changed, since := s.queue.take(); changed != nil {
				s.rebuild(changed, since)
			}
		}
	}
}

// hub tells the event streams of the open pages that the state changed.
type hub struct {
	mu      sync.Mutex
	gen     uint64
	changed chan struct{} // closed, and replaced, at each change
}

func (h *hub) init() { h.changed = make(chan struct{}) }

// publish announces gen, the state just stored.
func (h *hub) publish(gen uint64) {
	h.mu.Lock()
	defer h.mu.Unlock()
	h.gen = gen
	close(h.changed)
	h.changed = make(chan struct{})
}

// current returns the last gen announced and a channel that is closed at
// the next.
func (h *hub) current() (uint64, <-chan struct{}) {
	h.mu.Lock()
	defer h.mu.Unlock()
	return h.gen, h.changed
}
