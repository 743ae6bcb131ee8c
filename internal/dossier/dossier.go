// Package dossier is `catalog dossier`: one PDF for an ad hoc visit, with
// the practices a delegation comes to learn, each in full and with its
// feasibility worksheet (drawn by package book, as the countries'
// dossiers of `catalog build` are). It validates the catalog as build
// does, refuses a restricted practice, and writes the file atomically.
package dossier

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/nicksnyder/go-i18n/v2/i18n"

	"catalog/internal/book"
	"catalog/internal/build"
	"catalog/internal/country"
	"catalog/internal/diag"
	"catalog/internal/iostreams"
	"catalog/internal/lang"
	"catalog/internal/model"
	"catalog/internal/words"
	"catalog/templates"
)

// Options are dossier's inputs.
type Options struct {
	IO  *iostreams.IO
	Dir string
	// Practices are the IDs of the practices, in the dossier's order.
	Practices []string
	// Country is the host country named on the cover (alpha-2), "" for
	// none.
	Country string
	// Visitors are the visiting countries the worksheets ask about.
	Visitors []string
	// Lang is the dossier's language; "" is the catalog's default.
	Lang string
	// Out is the PDF file to write.
	Out string
	// Now is "today" for the checks; zero means time.Now().
	Now time.Time
	// Date is the date on the cover; zero means SOURCE_DATE_EPOCH when
	// set, else now.
	Date time.Time
	// Speak is the language of what the command says to its user
	// (English when empty).
	Speak string
}

var (
	msgStopped = &i18n.Message{ID: "dossier.stopped", Other: "dossier stopped: {{.Tally}}; {{.Out}} not written"}
	msgWrote   = &i18n.Message{ID: "dossier.wrote", One: "wrote {{.Out}}: {{.Count}} practice in {{.Lang}}", Other: "wrote {{.Out}}: {{.Count}} practices in {{.Lang}}"}
)

// UsageError is a wrong flag value: the command adds a hint to it.
type UsageError struct{ Err error }

func (e UsageError) Error() string { return e.Err.Error() }
func (e UsageError) Unwrap() error { return e.Err }

func usage(format string, args ...any) (int, error) {
	return diag.ExitUsage, UsageError{lang.Errorf(format, args...)}
}

// Run makes the dossier and returns the exit code; err is a usage or I/O
// error.
func Run(opt Options) (int, error) {
	if opt.Out == "" {
		return usage("-o FILE.pdf is required: the file to write the dossier to")
	}
	ids := clean(opt.Practices)
	if len(ids) == 0 {
		return usage("--practice is required: the IDs of the practices the delegation comes to learn, comma-separated")
	}
	host := ""
	if strings.TrimSpace(opt.Country) != "" {
		var ok bool
		if host, ok = country.Canonical(opt.Country); !ok {
			return usage("--country %q is not a country code (such as CR)", opt.Country)
		}
	}
	var visitors []string
	for _, code := range clean(opt.Visitors) {
		cc, ok := country.Canonical(code)
		if !ok {
			return usage("--visitors %q is not a country code (such as HN)", code)
		}
		if !slices.Contains(visitors, cc) {
			visitors = append(visitors, cc)
		}
	}
	if opt.Date.IsZero() {
		var err error
		if opt.Date, err = build.SourceDate(opt.IO.Getenv("SOURCE_DATE_EPOCH")); err != nil {
			return diag.ExitUsage, err
		}
	}

	p := lang.For(opt.Speak)
	cat, code, err := build.Checked(opt.IO, p, opt.Dir, opt.Now, func(tally string) string {
		return p.T(msgStopped, map[string]string{"Tally": tally, "Out": diag.Escape(opt.Out)})
	})
	if cat == nil {
		return code, err
	}
	l := opt.Lang
	if l == "" {
		l = cat.Config.DefaultLanguage()
	}
	if !slices.Contains(cat.Config.Languages, l) {
		return usage("--lang %q is not one of the catalog's languages (%s)", l, strings.Join(cat.Config.Languages, ", "))
	}
	var practices []*model.Practice
	for _, id := range ids {
		x := cat.Practice(id)
		switch {
		case x == nil:
			return usage("--practice %s: no practice has this ID", id)
		case x.Restricted():
			// Said as plainly as an unknown ID: the command is run by
			// the catalog's keepers, who know it is there.
			return usage("--practice %s: the practice is restricted, and a dossier only holds public practices", id)
		}
		practices = append(practices, x)
	}

	tmpl := templates.For(opt.Dir)
	w, err := words.Load(tmpl, cat.Config.Languages)
	if err != nil {
		return diag.ExitUsage, err
	}
	var buf bytes.Buffer
	d := book.Dossier{Host: host, Visitors: visitors, Practices: practices}
	if err := book.RenderDossier(cat.Public(), l, book.Options{Date: opt.Date, Templates: tmpl}, w, d, &buf); err != nil {
		return diag.ExitUsage, lang.Errorf("%s: %w", opt.Out, err)
	}
	if err := writeFile(opt.Out, buf.Bytes()); err != nil {
		return diag.ExitUsage, err
	}
	fmt.Fprintln(opt.IO.ErrOut, p.N(msgWrote, len(practices), map[string]any{"Out": diag.Escape(opt.Out), "Lang": lang.Name(l, p.Lang)}))
	return diag.ExitOK, nil
}

// clean trims, de-duplicates and drops empty items, keeping the order.
func clean(list []string) []string {
	var out []string
	for _, s := range list {
		s = strings.TrimSpace(s)
		if s != "" && !slices.Contains(out, s) {
			out = append(out, s)
		}
	}
	return out
}

// writeFile writes data to name through a temporary file beside it,
// renamed over name at the end: a reader never sees half a PDF, and a
// failure leaves an earlier file as it was.
func writeFile(name string, data []byte) error {
	if st, err := os.Stat(name); err == nil && st.IsDir() {
		return lang.Errorf("-o %s is a folder: give a file name, such as %s", name, filepath.Join(name, "dossier.pdf"))
	}
	f, err := os.CreateTemp(filepath.Dir(name), "."+filepath.Base(name)+".tmp-*")
	if err != nil {
		return err
	}
	tmp := f.Name()
	_, err = f.Write(data)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Chmod(tmp, 0o644) // as os.WriteFile would, not CreateTemp's 0600
	}
	if err == nil {
		err = os.Rename(tmp, name)
	}
	if err != nil {
		os.Remove(tmp)
		return lang.Errorf("writing %s: %w", name, err)
	}
	return nil
}
