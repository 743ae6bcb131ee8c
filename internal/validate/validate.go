// Package validate is `catalog validate`: it checks a catalog (or some of
// its files, for pre-commit) and prints the problems in the chosen format.
package validate

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/nicksnyder/go-i18n/v2/i18n"

	"catalog/internal/check"
	"catalog/internal/diag"
	"catalog/internal/iostreams"
	"catalog/internal/lang"
	"catalog/internal/model"
)

// Options are validate's inputs.
type Options struct {
	IO     *iostreams.IO
	Dir    string
	Files  []string // when set, report only problems in these files
	Format string   // text, json or github
	Strict bool     // warnings fail too
	Now    time.Time
	// Lang is the language of what validate says to its user (the
	// summary line); the problems' messages are English yet.
	Lang string
}

var (
	msgSummary      = &i18n.Message{ID: "validate.summary", Other: "{{.Tally}} in {{.Files}} ({{.Practices}}{{.Untranslated}})"}
	msgFiles        = &i18n.Message{ID: "validate.files", One: "{{.Count}} file", Other: "{{.Count}} files"}
	msgPractices    = &i18n.Message{ID: "validate.practices", One: "{{.Count}} practice", Other: "{{.Count}} practices"}
	msgUntranslated = &i18n.Message{ID: "validate.untranslated", Other: "{{.Count}} not yet in {{.Lang}}"}
)

// Run validates and returns the exit code; err is a usage or I/O error.
func Run(opt Options) (int, error) {
	if !slices.Contains(diag.Formats, opt.Format) {
		return diag.ExitUsage, lang.Errorf("unknown format %q: use text, json or github", opt.Format)
	}
	abs := realPaths()
	only, err := resolve(opt.Files, abs)
	if err != nil {
		return diag.ExitUsage, err
	}
	cat, ds, err := check.Catalog(opt.Dir, check.Options{Now: opt.Now, NoBodies: true})
	if err != nil {
		return diag.ExitUsage, err
	}
	// The problems' messages in the user's language; their rules stay.
	ds = diag.In(lang.For(opt.Lang), ds)
	if only != nil {
		known := map[string]bool{abs(cat.Config.Path): true}
		for _, p := range cat.Paths {
			known[abs(p)] = true
		}
		for _, f := range opt.Files {
			if !known[abs(f)] {
				return diag.ExitUsage, lang.Errorf("%s is not a file of the catalog in %s (practices are in %s)", f, opt.Dir, filepath.Join(opt.Dir, "practices"))
			}
		}
		// The errors of catalog.yaml bear on every file: a pre-commit
		// run on one practice shows them too.
		config := abs(cat.Config.Path)
		ds = slices.DeleteFunc(ds, func(d diag.Diagnostic) bool {
			f := abs(d.File)
			return !only[f] && !(f == config && d.Severity == diag.Error)
		})
	}
	switch opt.Format {
	case "json":
		err = diag.WriteJSON(opt.IO.Out, ds)
	case "github":
		err = diag.WriteGitHub(opt.IO.Out, ds)
		if path := opt.IO.Getenv("GITHUB_STEP_SUMMARY"); path != "" && err == nil {
			err = appendSummary(path, ds, len(cat.Paths))
		}
	default:
		err = diag.WriteText(opt.IO.Out, ds)
	}
	if err != nil {
		return diag.ExitUsage, err
	}
	errs, warns := diag.Count(ds)
	if opt.Format == "text" {
		files := len(cat.Paths)
		if only != nil {
			files = len(only)
		}
		p := lang.For(opt.Lang)
		fmt.Fprintln(opt.IO.ErrOut, p.T(msgSummary, map[string]string{
			"Tally":        diag.TallyIn(p, errs, warns),
			"Files":        p.N(msgFiles, files, nil),
			"Practices":    p.N(msgPractices, len(cat.Practices), nil),
			"Untranslated": diag.Escape(untranslated(p, cat)),
		}))
	}
	if errs > 0 || (opt.Strict && warns > 0) {
		return diag.ExitProblems, nil
	}
	return diag.ExitOK, nil
}

func appendSummary(path string, ds []diag.Diagnostic, files int) error {
	f, err := os.OpenFile(path, os.O_APPEND|os.O_CREATE|os.O_WRONLY, 0o644)
	if err != nil {
		return err
	}
	if err := diag.WriteSummary(f, ds, files); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// resolve turns the named files into a set of absolute paths; each must
// exist.
func resolve(files []string, abs func(string) string) (map[string]bool, error) {
	if len(files) == 0 {
		return nil, nil
	}
	set := map[string]bool{}
	for _, f := range files {
		if _, err := os.Stat(f); err != nil {
			return nil, lang.Errorf("%s: no such file", f)
		}
		set[abs(f)] = true
	}
	return set, nil
}

// realPaths returns a function that gives a path as an absolute one with
// its folders' symbolic links resolved, so that a file named through a
// linked folder (macOS's /tmp is /private/tmp; CI workspaces, home folders)
// is the catalog's file. It keeps each folder it resolved: a catalog has
// thousands of files in a few folders.
func realPaths() func(string) string {
	dirs := map[string]string{}
	return func(path string) string {
		a, err := filepath.Abs(path)
		if err != nil {
			return path
		}
		dir, name := filepath.Split(a)
		real, ok := dirs[dir]
		if !ok {
			if real, err = filepath.EvalSymlinks(dir); err != nil {
				real = dir
			}
			dirs[dir] = real
		}
		return filepath.Join(real, name)
	}
}

// untranslated says how many practices lack each language: not a problem
// (a practice is often translated after it is submitted), but worth knowing.
func untranslated(p lang.Printer, cat *model.Catalog) string {
	var parts []string
	for _, l := range cat.Config.Languages[1:] {
		n := 0
		for _, x := range cat.Practices {
			if x.Texts[l] == nil {
				n++
			}
		}
		if n > 0 {
			parts = append(parts, p.T(msgUntranslated, map[string]any{"Count": n, "Lang": lang.Name(l, p.Lang)}))
		}
	}
	if len(parts) == 0 {
		return ""
	}
	return "; " + strings.Join(parts, ", ")
}
