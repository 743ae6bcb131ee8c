// Package gate is the one way into a catalog folder. A catalog comes from
// pull requests, so every file, name and link in it is untrusted: every
// read of the folder (catalog.yaml, the intros, the practices, media,
// templates) goes through a Folder, which
//
//   - reads nothing outside the folder: a symbolic link is followed while
//     it stays inside, and one that leads out (or is absolute) is refused
//     with the rule `symlink` (os.Root does the resolving);
//   - reads only regular files, opened without blocking: a named pipe, a
//     socket or a device is refused with the rule `special-file`, before a
//     read could hang or never end;
//   - reads at most a limit, whatever the file system says a file's size
//     is: a larger file is refused with the rule `file-size`.
//
// A path given to a Folder is a path as catalog prints it: the folder's
// own path joined with a name inside it (filepath.Join(dir, "practices",
// …)).
package gate

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"catalog/internal/diag"
	"catalog/internal/lang"
)

// The rules of reading a catalog's files.
var (
	RuleSymlink = &diag.Rule{ID: "symlink", Severity: diag.Error,
		Doc: "A file or folder of the catalog is a symbolic link that leads outside the catalog folder, or an absolute one. catalog reads nothing outside the folder it is given (CI builds catalogs from pull requests): copy the file in, or make the link relative and inside the folder."}
	RuleSpecialFile = &diag.Rule{ID: "special-file", Severity: diag.Error,
		Doc: "A named pipe, a socket or a device where catalog expects a file or a folder. catalog reads only regular files, so that nothing in a catalog can make it wait forever or read without end."}
	RuleFileSize = &diag.Rule{ID: "file-size", Severity: diag.Error,
		Doc: "A file larger than catalog reads: 2 MiB for a practice, an intro, catalog.yaml or a page template (a practice is a few kilobytes, so this is most likely a file put in the wrong folder), 100 MiB for a media file or a template's asset (GitHub refuses larger files). The limit holds whatever size the file system reports."}
)

// The most catalog reads of one file.
const (
	MaxText  = 2 << 20   // a practice, an intro, catalog.yaml, a template
	MaxMedia = 100 << 20 // a media file, or a template's asset
)

// Error is a file that the gate refuses to read.
type Error struct {
	Path    string // as catalog names it
	Rule    *diag.Rule
	Message string // in English
	Size    int64  // the file's size, for RuleFileSize

	// format and args make Message, and the diagnostic in the user's
	// language.
	format string
	args   []any
}

// refusal is the refusal of the file at path by rule, said by format and
// args.
func refusal(path string, rule *diag.Rule, format string, args ...any) *Error {
	return &Error{Path: path, Rule: rule, Message: fmt.Sprintf(format, args...), format: format, args: args}
}

func (e *Error) Error() string { return e.Path + ": " + e.Message }

// Diagnostic is the problem the refusal reports, about the whole file.
func (e *Error) Diagnostic() diag.Diagnostic {
	return diag.New(e.Rule, e.Path, 0, 0, e.format, e.args...)
}

// AsDiagnostic returns the diagnostic of a refusal, or false when err is
// another error (the file is missing, cannot be read).
func AsDiagnostic(err error) (diag.Diagnostic, bool) {
	var e *Error
	if errors.As(err, &e) {
		return e.Diagnostic(), true
	}
	return diag.Diagnostic{}, false
}

// Folder is an open catalog folder. It is safe for use by many goroutines.
// Its descriptor closes when the Folder is no longer used (os.Root's
// finalizer), or with Close.
type Folder struct {
	dir  string
	root *os.Root
}

// Open opens the catalog folder dir. dir itself is the user's choice and
// may be a link; nothing below it may lead out of it.
func Open(dir string) (*Folder, error) {
	root, err := os.OpenRoot(dir)
	if err != nil {
		return nil, err
	}
	return &Folder{dir: dir, root: root}, nil
}

// Close closes the folder.
func (f *Folder) Close() error { return f.root.Close() }

// Dir is the folder's path, as given to Open.
func (f *Folder) Dir() string { return f.dir }

// Path is the path of name (slash-separated, inside the folder) as catalog
// names it.
func (f *Folder) Path(name string) string {
	return filepath.Join(f.dir, filepath.FromSlash(name))
}

// name returns the name inside the folder of path, which is the folder's
// path joined with it.
func (f *Folder) name(path string) (string, error) {
	rel, err := filepath.Rel(f.dir, path)
	if err != nil || !filepath.IsLocal(rel) && rel != "." {
		return "", &os.PathError{Op: "open", Path: path, Err: lang.Errorf("not inside the catalog folder %s", f.dir)}
	}
	return rel, nil
}

// ReadFile reads the regular file at path, up to limit bytes.
func (f *Folder) ReadFile(path string, limit int64) ([]byte, error) {
	return f.read(f.root, path, limit, nil, 0)
}

// Stat returns what the file at path is, following links that stay inside
// the folder. A link out is refused; so is anything that is neither a
// regular file nor a folder.
func (f *Folder) Stat(path string) (fs.FileInfo, error) {
	name, err := f.name(path)
	if err != nil {
		return nil, err
	}
	info, err := f.root.Stat(name)
	if err != nil {
		return nil, f.refusal(path, err)
	}
	if !info.Mode().IsRegular() && !info.IsDir() {
		return nil, special(path, info.Mode())
	}
	return info, nil
}

// ReadHead reads the first n bytes of the regular file at path (all of it
// when it is shorter), which may be up to limit bytes long.
func (f *Folder) ReadHead(path string, n int, limit int64) ([]byte, error) {
	return f.read(f.root, path, limit, make([]byte, 0, n), n)
}

// read opens name in root without blocking, checks that it is a regular
// file of at most limit bytes, and reads it, or its first head bytes when
// head > 0 (into buf's memory when it is large enough).
func (f *Folder) read(root *os.Root, path string, limit int64, buf []byte, head int) ([]byte, error) {
	name := filepath.Base(path) // in the folder of path (Files)
	if root == f.root {
		var err error
		if name, err = f.name(path); err != nil {
			return nil, err
		}
	}
	file, err := root.OpenFile(name, os.O_RDONLY|nonBlock, 0)
	if err != nil {
		return nil, f.refusal(path, err)
	}
	defer file.Close()
	info, err := file.Stat()
	if err != nil {
		return nil, err
	}
	if !info.Mode().IsRegular() {
		return nil, special(path, info.Mode())
	}
	if info.Size() > limit {
		return nil, tooBig(path, info.Size(), limit)
	}
	if head > 0 {
		limit = min(limit, int64(head)-1) // read head bytes, refuse none
	}
	// Room for the whole file and one more byte, to see its end in one
	// read; never more than limit+1 bytes, whatever the size said.
	n := int(min(max(info.Size()+1, 512), limit+1))
	if cap(buf) >= n {
		buf = buf[:0]
	} else {
		buf = make([]byte, 0, n)
	}
	for {
		if len(buf) == cap(buf) {
			buf = append(buf, 0)[:len(buf)]
		}
		room := buf[len(buf):cap(buf)]
		if over := int64(len(buf)+len(room)) - (limit + 1); over > 0 {
			room = room[:int64(len(room))-over]
		}
		m, err := file.Read(room)
		buf = buf[:len(buf)+m]
		if int64(len(buf)) > limit {
			if head > 0 {
				return buf, nil
			}
			return nil, tooBig(path, int64(len(buf)), limit)
		}
		if err == io.EOF || err == nil && int64(len(buf)) == info.Size() && m < len(room) {
			// The end, or a read that stopped short of its room at the
			// size the file has: that is the end too, without a read to
			// find it.
			return buf, nil
		}
		if err != nil {
			return nil, err
		}
		if m == 0 {
			return nil, io.ErrNoProgress
		}
	}
}

// refusal turns an error of os.Root into a refusal when the name leads out
// of the folder; other errors come back as they are.
func (f *Folder) refusal(path string, err error) error {
	if !escapes(err) {
		return err
	}
	// Say which link leads out: the file itself, or a folder on its way.
	name, nerr := f.name(path)
	if nerr != nil {
		return err
	}
	parts := strings.Split(filepath.ToSlash(name), "/")
	for i := range parts {
		p := strings.Join(parts[:i+1], "/")
		info, lerr := f.root.Lstat(p)
		if lerr != nil || info.Mode()&fs.ModeSymlink == 0 {
			continue
		}
		if _, serr := f.root.Stat(p); serr == nil || !escapes(serr) {
			continue
		}
		target, _ := f.root.Readlink(p)
		switch {
		case i < len(parts)-1 && filepath.IsAbs(target):
			return refusal(path, RuleSymlink, "%s is a symbolic link to %s: catalog follows only relative links that stay inside the catalog folder; copy the file in, or make the link relative", f.Path(p), target)
		case i < len(parts)-1:
			return refusal(path, RuleSymlink, "%s is a symbolic link to %s, outside the catalog folder: catalog reads only what is inside it; copy the file in, or make the link relative and inside the folder", f.Path(p), target)
		case filepath.IsAbs(target):
			return refusal(path, RuleSymlink, "a symbolic link to %s: catalog follows only relative links that stay inside the catalog folder; copy the file in, or make the link relative", target)
		}
		return refusal(path, RuleSymlink, "a symbolic link to %s, outside the catalog folder: catalog reads only what is inside it; copy the file in, or make the link relative and inside the folder", target)
	}
	return refusal(path, RuleSymlink, "leads outside the catalog folder: catalog reads only what is inside it")
}

// escapes reports os.Root's refusal of a name that leads out of the root
// (os keeps that error unexported; TestEscapeError holds its text).
func escapes(err error) bool {
	for err != nil {
		if err.Error() == "path escapes from parent" {
			return true
		}
		err = errors.Unwrap(err)
	}
	return false
}

func special(path string, mode fs.FileMode) *Error {
	switch {
	case mode&fs.ModeNamedPipe != 0:
		return refusal(path, RuleSpecialFile, "a named pipe (FIFO), not a regular file: catalog reads only regular files; delete it or replace it with a file")
	case mode&fs.ModeSocket != 0:
		return refusal(path, RuleSpecialFile, "a socket, not a regular file: catalog reads only regular files; delete it or replace it with a file")
	case mode&fs.ModeCharDevice != 0:
		return refusal(path, RuleSpecialFile, "a character device, not a regular file: catalog reads only regular files; delete it or replace it with a file")
	case mode&fs.ModeDevice != 0:
		return refusal(path, RuleSpecialFile, "a device, not a regular file: catalog reads only regular files; delete it or replace it with a file")
	}
	return refusal(path, RuleSpecialFile, "a special file, not a regular file: catalog reads only regular files; delete it or replace it with a file")
}

// TooBig is the refusal of a file of size bytes where limit is the most
// catalog reads: also of an editor's buffer (catalog lsp), which the gate
// does not read but holds to the same bound.
func TooBig(path string, size, limit int64) *Error { return tooBig(path, size, limit) }

func tooBig(path string, size, limit int64) *Error {
	e := refusal(path, RuleFileSize, "the file is %s; catalog reads files of this kind up to %s", Size(size), Size(limit))
	e.Size = size
	return e
}

// Size says a number of bytes as "1.5 MiB" or "12 KiB".
func Size(n int64) string {
	if n >= 1<<20 {
		return fmt.Sprintf("%.1f MiB", float64(n)/(1<<20))
	}
	return fmt.Sprintf("%d KiB", n>>10)
}

// ReadDir lists the folder at path, sorted by name, through the gate.
func (f *Folder) ReadDir(path string) ([]fs.DirEntry, error) {
	name, err := f.name(path)
	if err != nil {
		return nil, err
	}
	entries, err := fs.ReadDir(f.root.FS(), filepath.ToSlash(name))
	if err != nil {
		return nil, f.refusal(path, err)
	}
	return entries, nil
}

// Create makes a new file at path, making its folders, never over an
// existing file and never outside the folder (catalog new).
func (f *Folder) Create(path string) (*os.File, error) {
	name, err := f.name(path)
	if err != nil {
		return nil, err
	}
	if err := f.root.MkdirAll(filepath.Dir(name), 0o755); err != nil {
		return nil, f.refusal(filepath.Dir(path), err)
	}
	file, err := f.root.OpenFile(name, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		return nil, f.refusal(path, err)
	}
	return file, nil
}

// Remove removes the file at path.
func (f *Folder) Remove(path string) error {
	name, err := f.name(path)
	if err != nil {
		return err
	}
	return f.root.Remove(name)
}

// WalkDir walks the folder tree at path as filepath.WalkDir does, through
// the gate: when path is a link out, fn gets the refusal for it. Links
// below it are given as links (see Type).
func (f *Folder) WalkDir(path string, fn fs.WalkDirFunc) error {
	name, err := f.name(path)
	if err != nil {
		return err
	}
	return fs.WalkDir(f.root.FS(), filepath.ToSlash(name), func(p string, d fs.DirEntry, err error) error {
		full := f.Path(p)
		if err != nil {
			err = f.refusal(full, err)
		}
		return fn(full, d, err)
	})
}

// Type is what the entry d at path is, following a link that stays
// inside the folder: fs.ModeDir for a folder, 0 for a regular file. A link
// out, a broken link and a special file are refused.
func (f *Folder) Type(path string, d fs.DirEntry) (fs.FileMode, error) {
	t := d.Type()
	if t&fs.ModeSymlink != 0 {
		info, err := f.Stat(path)
		if err != nil {
			return 0, err
		}
		t = info.Mode().Type()
	}
	if t != 0 && t != fs.ModeDir {
		return 0, special(path, t)
	}
	return t, nil
}

// FS is the folder at path as an fs.FS whose files are read through the
// gate, up to limit bytes each (the catalog's own templates).
func (f *Folder) FS(path string, limit int64) fs.FS {
	return folderFS{f, path, limit}
}

type folderFS struct {
	f     *Folder
	path  string
	limit int64
}

func (s folderFS) Open(name string) (fs.File, error) {
	if !fs.ValidPath(name) {
		return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrInvalid}
	}
	path := filepath.Join(s.path, filepath.FromSlash(name))
	rel, err := s.f.name(path)
	if err != nil {
		return nil, err
	}
	file, err := s.f.root.OpenFile(rel, os.O_RDONLY|nonBlock, 0)
	if err != nil {
		return nil, s.f.refusal(path, err)
	}
	info, err := file.Stat()
	switch {
	case err != nil:
	case info.IsDir():
		return file, nil
	case !info.Mode().IsRegular():
		err = special(path, info.Mode())
	case info.Size() > s.limit:
		err = tooBig(path, info.Size(), s.limit)
	default:
		return &limitedFile{file: file, path: path, left: s.limit, limit: s.limit}, nil
	}
	file.Close()
	return nil, err
}

func (s folderFS) ReadFile(name string) ([]byte, error) {
	if !fs.ValidPath(name) {
		return nil, &fs.PathError{Op: "readfile", Path: name, Err: fs.ErrInvalid}
	}
	return s.f.ReadFile(filepath.Join(s.path, filepath.FromSlash(name)), s.limit)
}

// limitedFile reads a file up to a limit, whatever it grows to.
type limitedFile struct {
	file        *os.File
	path        string
	left, limit int64
}

func (l *limitedFile) Stat() (fs.FileInfo, error) { return l.file.Stat() }
func (l *limitedFile) Close() error               { return l.file.Close() }

func (l *limitedFile) Read(b []byte) (int, error) {
	if int64(len(b)) > l.left+1 {
		b = b[:l.left+1]
	}
	n, err := l.file.Read(b)
	l.left -= int64(n)
	if l.left < 0 {
		return 0, tooBig(l.path, l.limit+1, l.limit)
	}
	return n, err
}

// Files reads many files of the folder one after the other, keeping open
// the folder of the last one: the system then looks up one name a file
// instead of each folder of its path (reading 20,000 practices is most of
// `catalog validate`). A Files is for one goroutine; Close it when done.
type Files struct {
	f    *Folder
	dir  string   // the folder of the last file, as catalog names it
	root *os.Root // that folder, open; nil when it could not be
}

// Files starts reading files of the folder.
func (f *Folder) Files() *Files { return &Files{f: f} }

// Read reads the regular file at path, up to limit bytes, into buf's
// memory when it has room.
func (r *Files) Read(path string, limit int64, buf []byte) ([]byte, error) {
	if root := r.folder(path); root != nil {
		data, err := r.f.read(root, path, limit, buf, 0)
		if refusedLink(err) == nil {
			return data, err
		}
		// A link out of the file's folder may lead to another folder of
		// the catalog: the catalog's root says.
	}
	return r.f.read(r.f.root, path, limit, buf, 0)
}

// refusedLink returns err when it is the refusal of a link out, else nil.
func refusedLink(err error) error {
	var e *Error
	if errors.As(err, &e) && e.Rule == RuleSymlink {
		return err
	}
	return nil
}

// Stat is Folder.Stat, in the folder kept open.
func (r *Files) Stat(path string) (fs.FileInfo, error) {
	root := r.folder(path)
	if root == nil {
		return r.f.Stat(path)
	}
	info, err := root.Stat(filepath.Base(path))
	if escapes(err) {
		return r.f.Stat(path) // see Read
	}
	if err != nil {
		return nil, err
	}
	if !info.Mode().IsRegular() && !info.IsDir() {
		return nil, special(path, info.Mode())
	}
	return info, nil
}

// folder returns the open folder of path, opening it when it is not the
// last one's; nil when it cannot be opened (path's own reading then says
// why).
func (r *Files) folder(path string) *os.Root {
	dir := filepath.Dir(path)
	if dir == r.dir {
		return r.root
	}
	r.Close()
	r.dir = dir
	if name, err := r.f.name(dir); err == nil {
		r.root, _ = r.f.root.OpenRoot(name)
	}
	return r.root
}

// Close closes the folder kept open.
func (r *Files) Close() {
	if r.root != nil {
		r.root.Close()
		r.root = nil
	}
	r.dir = ""
}
