// Package templates holds the files that ship inside the binary: the
// skeletons of `catalog new` (new/), the site's page templates (html/), its
// CSS and JavaScript (assets/) and the words of its pages per language
// (i18n/). A catalog's own templates/ folder overrides them file by file.
package templates

import (
	"embed"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
)

// FS holds every embedded template.
//
//go:embed new html assets i18n
var FS embed.FS

// For returns the templates of the catalog in dir: a file in
// dir/templates replaces the embedded file of the same name.
func For(dir string) fs.FS {
	own := filepath.Join(dir, "templates")
	if st, err := os.Stat(own); err != nil || !st.IsDir() {
		return FS
	}
	return overlay{top: os.DirFS(own), base: FS}
}

type overlay struct{ top, base fs.FS }

func (o overlay) Open(name string) (fs.File, error) {
	f, err := o.top.Open(name)
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
