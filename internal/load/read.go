package load

import (
	"os"
	"slices"

	fm "catalog/internal/frontmatter"
)

// reader reads practice files, each into memory of its own, or, with a
// buffer, all into that buffer (which then holds only the last file).
type reader struct {
	buf   []byte
	dirs  dirs
	files *FileCache // see cached; nil: read every file
}

// read reads a practice file, or returns its size when it is larger than
// fm.MaxSize. Its errors are those of os.Stat then os.ReadFile, which it
// replaces: os.Stat's when the path cannot be opened and os.Stat fails too
// (a broken link), else the error of opening or reading.
//
// Reading 20,000 files is a good part of `catalog validate`, and most of
// that went to system calls: os.Stat and os.ReadFile made seven for a
// file (stat, open, the poller's epoll_ctl, fstat, a read, the read that
// finds the end, close). read makes four: open (in the file's folder, see
// dirs), fstat, one read of the size fstat gave, close (see openFile).
func (r *reader) read(path string) (src []byte, tooBig int64, err error) {
	f, err := r.dirs.open(path)
	if err != nil {
		if _, serr := os.Stat(path); serr != nil {
			return nil, 0, serr
		}
		return nil, 0, err
	}
	defer f.close()
	size, regular, err := f.stat()
	if err != nil {
		return nil, 0, err
	}
	if size > fm.MaxSize {
		return nil, size, nil
	}
	// As os.ReadFile: room for the whole file and one more byte, growing
	// if the file grew.
	if n := int(max(size+1, 512)); r.buf != nil && n <= cap(r.buf) {
		src = r.buf[:0]
	} else {
		src = make([]byte, 0, n)
	}
	defer func() {
		if r.buf != nil && cap(src) > cap(r.buf) {
			r.buf = src[:0]
		}
	}()
	for {
		n, err := f.read(src[len(src):cap(src)])
		if err != nil {
			return nil, 0, err
		}
		if n == 0 {
			return src, 0, nil // the end of the file
		}
		src = src[:len(src)+n]
		if regular && int64(len(src)) == size {
			// The read stopped short of the room it had, at the size the
			// file has: that is the end, no need for a read to find it.
			return src, 0, nil
		}
		if len(src) == cap(src) {
			src = slices.Grow(src, 512)
		}
	}
}
