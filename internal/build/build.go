// Package build is `catalog build`: it validates the catalog, renders the
// chosen targets into a fresh folder beside --out and, only when all of
// them succeeded, swaps that folder in. A failed build leaves the earlier
// output as it was; a folder that build did not create (no marker file)
// is never written over.
package build

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"time"

	"catalog/internal/book"
	"catalog/internal/check"
	"catalog/internal/diag"
	"catalog/internal/export"
	"catalog/internal/iostreams"
	"catalog/internal/model"
	"catalog/internal/output"
	"catalog/internal/site"
	"catalog/templates"
)

// Targets lists what build can make, in build order.
var Targets = []string{"html", "pdf", "data"}

// Marker is the file that marks a folder as build's own.
const Marker = ".catalog-build"

const markerText = "This folder is written by `catalog build`, which replaces all of it at each build.\nDo not keep your own files here.\n"

// Options are build's inputs.
type Options struct {
	IO      *iostreams.IO
	Dir     string
	Out     string
	Targets []string // empty: all
	// Now is "today" for the checks; zero means time.Now().
	Now time.Time
	// Date is the build date written into the output; zero means
	// SOURCE_DATE_EPOCH when set, else Now.
	Date    time.Time
	Workers int
}

// Exit codes, as SPEC gives them.
const (
	ExitOK       = 0
	ExitProblems = 1
	ExitUsage    = 2
)

// Run builds and returns the exit code; err is a usage or I/O error.
func Run(opt Options) (int, error) {
	start := time.Now()
	targets, err := pick(opt.Targets)
	if err != nil {
		return ExitUsage, err
	}
	if opt.Out == "" {
		return ExitUsage, errors.New("--out is empty")
	}
	out, err := filepath.Abs(opt.Out)
	if err != nil {
		return ExitUsage, err
	}
	if err := checkOut(out, opt.Dir); err != nil {
		return ExitUsage, err
	}
	if opt.Date.IsZero() {
		if opt.Date, err = sourceDate(opt.IO.Getenv("SOURCE_DATE_EPOCH")); err != nil {
			return ExitUsage, err
		}
	}

	cat, ds, err := check.Catalog(opt.Dir, check.Options{Now: opt.Now})
	if err != nil {
		return ExitUsage, err
	}
	if err := diag.WriteText(opt.IO.ErrOut, ds); err != nil {
		return ExitUsage, err
	}
	if errs, _ := diag.Count(ds); errs > 0 {
		fmt.Fprintf(opt.IO.ErrOut, "build stopped: %s; %s left as it was\n", diag.Tally(diag.Count(ds)), opt.Out)
		return ExitProblems, nil
	}

	pub := cat.Public()
	cleanStale(out)
	if err := os.MkdirAll(filepath.Dir(out), 0o755); err != nil {
		return ExitUsage, err
	}
	tmp, err := os.MkdirTemp(filepath.Dir(out), "."+filepath.Base(out)+".tmp-")
	if err != nil {
		return ExitUsage, err
	}
	if err := render(pub, opt, targets, tmp); err != nil {
		removeTree(tmp)
		return ExitUsage, fmt.Errorf("build failed, %s left as it was: %w", opt.Out, err)
	}
	if err := swap(tmp, out); err != nil {
		removeTree(tmp)
		return ExitUsage, err
	}
	fmt.Fprintf(opt.IO.ErrOut, "built %s (%s) in %s into %s in %s\n",
		diag.Plural(len(pub.Practices), "practice"), strings.Join(targets, ", "),
		strings.Join(cat.Config.Languages, ", "), opt.Out, time.Since(start).Round(time.Millisecond))
	return ExitOK, nil
}

func pick(list []string) ([]string, error) {
	if len(list) == 0 {
		return Targets, nil
	}
	var out []string
	for _, t := range list {
		t = strings.TrimSpace(strings.ToLower(t))
		switch {
		case !slices.Contains(Targets, t):
			return nil, fmt.Errorf("--targets: unknown target %q: use %s", t, strings.Join(Targets, ", "))
		case !slices.Contains(out, t):
			out = append(out, t)
		}
	}
	return out, nil
}

// sourceDate reads SOURCE_DATE_EPOCH (reproducible-builds.org): seconds
// since 1970, UTC.
func sourceDate(env string) (time.Time, error) {
	if env == "" {
		return time.Now().UTC(), nil
	}
	sec, err := strconv.ParseInt(strings.TrimSpace(env), 10, 64)
	if err != nil || sec < 0 {
		return time.Time{}, fmt.Errorf("SOURCE_DATE_EPOCH=%q: want a number of seconds since 1970-01-01", env)
	}
	return time.Unix(sec, 0).UTC(), nil
}

// checkOut refuses an output folder that build did not make, a file, a
// symbolic link, and a folder that holds the catalog itself.
func checkOut(out, catalogDir string) error {
	if abs, err := filepath.Abs(catalogDir); err == nil {
		if rel, err := filepath.Rel(out, abs); err == nil && !strings.HasPrefix(rel, "..") && !filepath.IsAbs(rel) {
			return fmt.Errorf("--out %s holds the catalog (%s): choose another folder", out, catalogDir)
		}
	}
	st, err := os.Lstat(out)
	switch {
	case errors.Is(err, os.ErrNotExist):
		return nil
	case err != nil:
		return err
	case st.Mode()&os.ModeSymlink != 0:
		return fmt.Errorf("--out %s is a symbolic link: give the folder itself", out)
	case !st.IsDir():
		return fmt.Errorf("--out %s is a file, not a folder", out)
	}
	if _, err := os.Stat(filepath.Join(out, Marker)); err == nil {
		return nil
	}
	entries, err := os.ReadDir(out)
	if err != nil {
		return err
	}
	if len(entries) > 0 {
		return fmt.Errorf("--out %s is not empty and was not made by catalog build (it has no %s file): choose another folder, or empty it first", out, Marker)
	}
	return nil
}

// cleanStale removes what an interrupted build left beside out: its
// temporary folders, recognised by name and by the marker inside.
func cleanStale(out string) {
	base := filepath.Base(out)
	for _, pattern := range []string{"." + base + ".tmp-*", "." + base + ".old-*/" + base} {
		matches, _ := filepath.Glob(filepath.Join(filepath.Dir(out), pattern))
		for _, m := range matches {
			if _, err := os.Stat(filepath.Join(m, Marker)); err != nil {
				continue
			}
			if strings.HasSuffix(pattern, "/"+base) {
				m = filepath.Dir(m)
			}
			os.RemoveAll(m)
		}
	}
}

// render writes the targets into dir, marker first.
func render(cat *model.Catalog, opt Options, targets []string, dir string) error {
	w := &output.Dir{Root: dir}
	if err := w.Write(Marker, []byte(markerText)); err != nil {
		return err
	}
	for _, t := range targets {
		var err error
		switch t {
		case "html":
			err = site.Render(cat, site.Options{Date: opt.Date, Templates: templates.For(opt.Dir), Workers: opt.Workers, Data: slices.Contains(targets, "data"), Books: slices.Contains(targets, "pdf")}, w)
		case "pdf":
			err = book.Write(cat, book.Options{Date: opt.Date, Templates: templates.For(opt.Dir)}, w)
		case "data":
			err = export.Write(cat, export.Options{Date: opt.Date}, w)
		}
		if err != nil {
			return err
		}
	}
	return nil
}

// swap puts the new build in place of the old one with two renames, and
// puts the old one back if the second fails.
func swap(tmp, out string) error {
	old := ""
	if _, err := os.Lstat(out); err == nil {
		dir, err := os.MkdirTemp(filepath.Dir(out), "."+filepath.Base(out)+".old-")
		if err != nil {
			return err
		}
		old = filepath.Join(dir, filepath.Base(out))
		if err := os.Rename(out, old); err != nil {
			os.Remove(dir)
			return err
		}
	}
	if err := os.Rename(tmp, out); err != nil {
		if old != "" {
			if rerr := os.Rename(old, out); rerr != nil {
				return fmt.Errorf("%w; the previous output is in %s", err, old)
			}
			os.Remove(filepath.Dir(old))
		}
		return err
	}
	if old != "" {
		if err := removeTree(old); err != nil {
			return err
		}
		return os.Remove(filepath.Dir(old))
	}
	return nil
}
