package load

import (
	"catalog/internal/gate"
)

// reader reads practice files through the gate, each into memory of its
// own, or, with a buffer, all into that buffer (which then holds only the
// last file).
type reader struct {
	buf   []byte
	gate  *gate.Files
	files *FileCache // see cached; nil: read every file
}

// read reads a practice file. A file the gate refuses (a link out of the
// catalog, a special file, one over gate.MaxText) comes back as a
// *gate.Error.
func (r *reader) read(path string) ([]byte, error) {
	src, err := r.gate.Read(path, gate.MaxText, r.buf)
	if err == nil && r.buf != nil && cap(src) > cap(r.buf) {
		r.buf = src[:0]
	}
	return src, err
}
