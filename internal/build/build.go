// Package build is `catalog build`: it validates the catalog, renders the
// chosen targets into a fresh folder beside --out and, only when all of
// them succeeded, swaps that folder in. A failed build leaves the earlier
// output as it was; a folder that build did not create (no marker file)
// is never written over.
package build

import (
	"errors"
	"fmt"
	"io/fs"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/nicksnyder/go-i18n/v2/i18n"

	"catalog/internal/book"
	"catalog/internal/check"
	"catalog/internal/diag"
	"catalog/internal/export"
	"catalog/internal/iostreams"
	"catalog/internal/lang"
	"catalog/internal/load"
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
	// Limits bound each page that the site's templates make (zero: the
	// defaults).
	Limits site.Limits
	// Speak is the language of what build says to its user (English
	// when empty; lang.Choose).
	Speak string
}

var (
	msgWaiting    = &i18n.Message{ID: "build.waiting", Other: "waiting for another build in {{.Folder}} to finish"}
	msgStopped    = &i18n.Message{ID: "build.stopped", Other: "build stopped: {{.Tally}}; {{.Out}} left as it was"}
	msgTemplate   = &i18n.Message{ID: "build.template_failed", Other: "build stopped: a template failed; {{.Out}} left as it was"}
	msgNotRemoved = &i18n.Message{ID: "build.not_removed", Other: "warning: the new output is in place, but the previous one could not be removed ({{.Error}}): the next build removes it"}
	msgBuilt      = &i18n.Message{ID: "build.built", One: "built {{.Count}} practice ({{.Targets}}) in {{.Languages}} into {{.Out}} in {{.Time}}", Other: "built {{.Count}} practices ({{.Targets}}) in {{.Languages}} into {{.Out}} in {{.Time}}"}
	msgHoldsOnly  = &i18n.Message{ID: "build.holds_only", Other: "{{.Out}} holds only these now: a build replaces all of it (build every target to have them all)"}
)

// Run builds and returns the exit code; err is a usage or I/O error.
func Run(opt Options) (int, error) {
	start := time.Now()
	targets, err := pick(opt.Targets)
	if err != nil {
		return diag.ExitUsage, err
	}
	if opt.Out == "" {
		return diag.ExitUsage, lang.Errorf("--out is empty")
	}
	out, err := filepath.Abs(opt.Out)
	if err != nil {
		return diag.ExitUsage, err
	}
	if err := checkOut(out, opt.Dir); err != nil {
		return diag.ExitUsage, err
	}
	if opt.Date.IsZero() {
		if opt.Date, err = SourceDate(opt.IO.Getenv("SOURCE_DATE_EPOCH")); err != nil {
			return diag.ExitUsage, err
		}
	}

	p := lang.For(opt.Speak)
	cat, code, err := Checked(opt.IO, p, opt.Dir, opt.Now, func(tally string) string {
		return p.T(msgStopped, map[string]string{"Tally": tally, "Out": diag.Escape(opt.Out)})
	})
	if cat == nil {
		return code, err
	}

	pub := cat.Public()
	parent := filepath.Dir(out)
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return diag.ExitUsage, err
	}
	// Two builds beside one another wait in turn: the second removed the
	// first one's folder as a killed build's, and the first swapped in
	// what was left of it.
	unlock, err := lockFolder(parent, func() {
		fmt.Fprintln(opt.IO.ErrOut, p.T(msgWaiting, map[string]string{"Folder": diag.Escape(parent)}))
	})
	if err != nil {
		return diag.ExitUsage, err
	}
	defer unlock()
	cleanStale(out)
	tmp, err := newFolder(parent, "."+filepath.Base(out)+".tmp-", out)
	if err != nil {
		return diag.ExitUsage, lang.Errorf("build writes the new output beside --out, in %s, then swaps it in: %w", parent, err)
	}
	if err := render(pub, opt, targets, tmp); err != nil {
		removeTree(tmp)
		// A template of the catalog's that went past its limits is the
		// catalog's problem, as an error in a practice is.
		if te := (*site.TemplateError)(nil); errors.As(err, &te) {
			fmt.Fprintf(opt.IO.ErrOut, "%s\n%s\n", diag.Escape(p.Error(te)), p.T(msgTemplate, map[string]string{"Out": diag.Escape(opt.Out)}))
			return diag.ExitProblems, nil
		}
		return diag.ExitUsage, lang.Errorf("build failed, %s left as it was: %w", opt.Out, err)
	}
	_, err = os.Lstat(out)
	replaced := err == nil
	left, err := swap(tmp, out)
	if err != nil {
		removeTree(tmp)
		return diag.ExitUsage, err
	}
	if left != nil {
		fmt.Fprintln(opt.IO.ErrOut, p.T(msgNotRemoved, map[string]string{"Error": diag.Escape(p.Error(left))}))
	}
	fmt.Fprintln(opt.IO.ErrOut, p.N(msgBuilt, len(pub.Practices), map[string]any{
		"Targets":   strings.Join(targets, ", "),
		"Languages": diag.Escape(strings.Join(cat.Config.Languages, ", ")),
		"Out":       diag.Escape(opt.Out),
		"Time":      time.Since(start).Round(time.Millisecond).String(),
	}))
	if len(targets) < len(Targets) && replaced {
		fmt.Fprintln(opt.IO.ErrOut, p.T(msgHoldsOnly, map[string]string{"Out": diag.Escape(opt.Out)}))
	}
	return diag.ExitOK, nil
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
			return nil, lang.Errorf("--targets: unknown target %q: use %s", t, strings.Join(Targets, ", "))
		case !slices.Contains(out, t):
			out = append(out, t)
		}
	}
	return out, nil
}

// SourceDate reads SOURCE_DATE_EPOCH (reproducible-builds.org): seconds
// since 1970, UTC.
func SourceDate(env string) (time.Time, error) {
	if env == "" {
		return time.Now().UTC(), nil
	}
	sec, err := strconv.ParseInt(strings.TrimSpace(env), 10, 64)
	if err != nil || sec < 0 || sec >= 253402300800 { // from 1970 to the end of year 9999
		return time.Time{}, lang.Errorf("SOURCE_DATE_EPOCH=%q: want a number of seconds since 1970-01-01", env)
	}
	return time.Unix(sec, 0).UTC(), nil
}

// checkOut refuses an output folder that build did not make, a file, a
// symbolic link, a folder that holds the catalog itself or the current
// folder, and one inside a folder of the catalog that build reads.
func checkOut(out, catalogDir string) error {
	if abs, err := filepath.Abs(catalogDir); err == nil {
		if within(abs, out) {
			return lang.Errorf("--out %s holds the catalog (%s): choose another folder", out, catalogDir)
		}
		for _, tree := range []string{load.PracticesDir, "media", "templates"} {
			if within(out, filepath.Join(abs, tree)) {
				return lang.Errorf("--out %s is inside the catalog's %s folder, which build reads: choose a folder outside it", out, tree)
			}
		}
	}
	if wd, err := os.Getwd(); err == nil && within(wd, out) {
		return lang.Errorf("--out %s holds the current folder: build replaces all of --out, so give a folder below this one, such as public", out)
	}
	st, err := os.Lstat(out)
	switch {
	case errors.Is(err, os.ErrNotExist):
		return nil
	case err != nil:
		return err
	case st.Mode()&os.ModeSymlink != 0:
		return lang.Errorf("--out %s is a symbolic link: give the folder itself", out)
	case !st.IsDir():
		return lang.Errorf("--out %s is a file, not a folder", out)
	}
	if _, err := os.Stat(filepath.Join(out, Marker)); err == nil {
		return nil
	}
	entries, err := os.ReadDir(out)
	if err != nil {
		return err
	}
	if len(entries) > 0 {
		return lang.Errorf("--out %s is not empty and was not made by catalog build (it has no %s file): choose another folder, or empty it first", out, Marker)
	}
	return nil
}

// within reports whether path is dir or lies below it.
func within(path, dir string) bool {
	rel, err := filepath.Rel(dir, path)
	return err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator)) && !filepath.IsAbs(rel)
}

// cleanStale removes what an interrupted build left beside out: its
// temporary folders (".public.tmp-…") and the previous outputs it was
// removing (".public.old-…"), recognised by name and by the marker inside.
// The caller holds the lock on out's folder, so no build is writing them.
func cleanStale(out string) {
	parent, base := filepath.Dir(out), filepath.Base(out)
	entries, _ := os.ReadDir(parent)
	for _, e := range entries {
		name := e.Name()
		if !e.IsDir() || !strings.HasPrefix(name, "."+base+".tmp-") && !strings.HasPrefix(name, "."+base+".old-") {
			continue
		}
		dir := filepath.Join(parent, name)
		if ours(dir) || ours(filepath.Join(dir, base)) {
			removeOld(dir)
		}
	}
}

// ours reports whether dir holds the marker.
func ours(dir string) bool {
	_, err := os.Stat(filepath.Join(dir, Marker))
	return err == nil
}

// newFolder makes a new folder in parent whose name starts with prefix.
// Unlike os.MkdirTemp (0700: a web server running as another user could
// not read the site) it gets the permissions of the folder like (the
// output it is to replace) when there is one, else those the umask gives.
func newFolder(parent, prefix, like string) (string, error) {
	for range 1000 {
		dir := filepath.Join(parent, prefix+strconv.FormatUint(uint64(rand.Uint32()), 10))
		err := os.Mkdir(dir, 0o777)
		if errors.Is(err, fs.ErrExist) {
			continue
		}
		if err != nil {
			return "", err
		}
		if st, err := os.Stat(like); err == nil && st.IsDir() {
			if err := os.Chmod(dir, st.Mode()&(fs.ModePerm|fs.ModeSetgid|fs.ModeSticky)); err != nil {
				os.Remove(dir)
				return "", err
			}
		}
		return dir, nil
	}
	return "", lang.Errorf("no free name for a folder %s… in %s", prefix, parent)
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
			err = site.Render(cat, site.Options{Date: opt.Date, Templates: templates.For(opt.Dir), Workers: opt.Workers, Data: slices.Contains(targets, "data"), Books: slices.Contains(targets, "pdf"), Limits: opt.Limits}, w)
		case "pdf":
			bo := book.Options{Date: opt.Date, Templates: templates.For(opt.Dir)}
			if err = book.Write(cat, bo, w); err == nil {
				err = book.WriteDossiers(cat, bo, w)
			}
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
// puts the old one back if the second fails. The old one is then removed;
// left is why that failed, if it did: the new output is in place by then,
// and the next build removes what is left (cleanStale).
func swap(tmp, out string) (left, err error) {
	if !ours(tmp) {
		return nil, lang.Errorf("the new output's folder %s lost its files while it was written (removed by another build at the same time, or by hand?); %s left as it was", tmp, out)
	}
	old := ""
	if _, err := os.Lstat(out); err == nil {
		dir, err := os.MkdirTemp(filepath.Dir(out), "."+filepath.Base(out)+".old-")
		if err != nil {
			return nil, err
		}
		// The folder's own marker, removed last, tells the next build
		// whose it is, however much of the old output is left in it.
		if err := os.WriteFile(filepath.Join(dir, Marker), []byte(markerText), 0o644); err != nil {
			os.Remove(dir)
			return nil, err
		}
		old = filepath.Join(dir, filepath.Base(out))
		if err := os.Rename(out, old); err != nil {
			removeOld(dir)
			if errors.Is(err, syscall.EBUSY) {
				return nil, lang.Errorf("--out %s cannot be moved aside to put the new output in its place (is it a mount point?): give a folder inside it", out)
			}
			return nil, err
		}
	}
	if err := os.Rename(tmp, out); err != nil {
		if old != "" {
			if rerr := os.Rename(old, out); rerr != nil {
				return nil, lang.Errorf("%w; the previous output is in %s", err, old)
			}
			removeOld(filepath.Dir(old))
		}
		return nil, err
	}
	if old != "" {
		return removeOld(filepath.Dir(old)), nil
	}
	return nil, nil
}

// removeOld removes a folder beside --out that build made, its marker
// last.
func removeOld(dir string) error {
	entries, err := os.ReadDir(dir)
	for _, e := range entries {
		if e.Name() == Marker {
			continue
		}
		if rerr := removeTree(filepath.Join(dir, e.Name())); err == nil {
			err = rerr
		}
	}
	if err != nil {
		return err
	}
	return os.RemoveAll(dir)
}

// Checked checks the catalog in dir as of now (the clock when zero) and
// prints its problems; with errors it prints stopped's line (given the
// tally of problems, in p's language) and gives no catalog and ExitProblems. What build
// and dossier do before they write anything.
func Checked(io *iostreams.IO, p lang.Printer, dir string, now time.Time, stopped func(tally string) string) (*model.Catalog, int, error) {
	cat, ds, err := check.Catalog(dir, check.Options{Now: now})
	if err != nil {
		return nil, diag.ExitUsage, err
	}
	if err := diag.WriteText(io.ErrOut, diag.In(p, ds)); err != nil {
		return nil, diag.ExitUsage, err
	}
	if errs, _ := diag.Count(ds); errs > 0 {
		errs, warns := diag.Count(ds)
		fmt.Fprintln(io.ErrOut, stopped(diag.TallyIn(p, errs, warns)))
		return nil, diag.ExitProblems, nil
	}
	return cat, diag.ExitOK, nil
}
