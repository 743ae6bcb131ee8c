// Package templates holds the files that ship inside the binary: the
// skeletons of `catalog new` (new/), the site's page templates (html/), its
// CSS and JavaScript (assets/) and the words of its pages per language
// (i18n/). A catalog's own templates/ folder overrides them file by file.
package templates

import (
	"embed"
	"errors"
	"io/fs"
	"strings"

	"catalog/internal/gate"
)

// FS holds every embedded template.
//
//go:embed new html assets i18n
var FS embed.FS

// For returns the templates of the catalog in dir: a file in
// dir/templates replaces the embedded file of the same name. The catalog's
// files are read through its gate (package gate): a template that is a
// link out of the catalog, or not a regular file, fails the build that
// reads it; so does one over gate.MaxText, or an asset over gate.MaxMedia.
func For(dir string) fs.FS {
	folder, err := gate.Open(dir)
	if err != nil {
		return FS
	}
	own := folder.Path("templates")
	st, err := folder.Stat(own)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return FS
	case err != nil:
		return broken{err}
	case !st.IsDir():
		return FS
	}
	return overlay{top: folder.FS(own, gate.MaxText), assets: folder.FS(own, gate.MaxMedia), base: FS}
}

// broken is a templates folder that cannot be read: every file fails.
type broken struct{ err error }

func (b broken) Open(string) (fs.File, error) { return nil, b.err }

// overlay reads a catalog's own templates (its assets, which may be
// images or fonts, with a larger limit) over the built-in ones.
type overlay struct{ top, assets, base fs.FS }

func (o overlay) Open(name string) (fs.File, error) {
	top := o.top
	if strings.HasPrefix(name, "assets/") {
		top = o.assets
	}
	f, err := top.Open(name)
	if err == nil {
		if st, serr := f.Stat(); serr == nil && !st.IsDir() {
			return f, nil
		}
		f.Close()
	} else if !errors.Is(err, fs.ErrNotExist) {
		return nil, err
	}
	return o.base.Open(name)
}
