package serve

import (
	"bytes"
	"fmt"
	"io/fs"
	"slices"
	"strings"
	"sync"
	"time"

	"catalog/internal/book"
	"catalog/internal/check"
	"catalog/internal/diag"
	"catalog/internal/export"
	"catalog/internal/lang"
	"catalog/internal/model"
	"catalog/internal/output"
	"catalog/internal/site"
	"catalog/internal/words"
	"catalog/templates"
)

// state is what the server shows: the last good site, and the problems of
// the last rebuild when it failed. A state is never changed once stored.
type state struct {
	// gen counts the rebuilds that changed what is shown; a page carries
	// the gen it was served with, so that a page that loaded just before a
	// rebuild learns that it missed one.
	gen uint64
	// good is the last good build; nil until one has succeeded.
	good *built
	// problems are the diagnostics of the last rebuild when they include
	// errors; failure is an error that kept the catalog from loading or
	// rendering at all. Either makes every page the overlay.
	problems []diag.Diagnostic
	failure  error
	// changed are the files whose change made this state: their problems
	// come first in the overlay, since the others often follow from them
	// (a practice that no longer loads breaks the links to it).
	changed []string
}

// broken reports whether pages show the overlay.
func (st *state) broken() bool { return st.problems != nil || st.failure != nil }

// built is one good build: the site's pages in memory, and what the files
// made on request (the books, the data) are made from.
type built struct {
	cat       *model.Catalog // public practices only
	templates fs.FS
	files     *output.Memory
	onRequest onRequest
}

// rebuild checks the catalog and, when it has no errors, renders it and
// swaps the new site in; with errors the last good site stays and the
// pages show the problems. Then it tells the open pages to reload.
//
// It is the one way the site changes: changed lists the files that changed
// since the last rebuild (nil: the first build) and since is when the first
// of them changed. Every rebuild checks the whole catalog; the render
// reuses the pages of the last one that the changes do not reach.
//
// Only one rebuild runs at a time (the first in Start, then buildLoop's).
// The error is for a catalog that cannot be loaded at all, and is returned
// only by the first rebuild: later ones show it as the overlay.
func (s *Server) rebuild(changed []string, since time.Time) error {
	start := time.Now()
	prev := s.state.Load()
	first := changed == nil
	stamp := start.Format("15:04:05 ")
	if first {
		stamp = ""
	}
	// A save of the same bytes (an editor's :w, a touch by a tool) keeps
	// the pages, unreloaded, and the books already drawn.
	if !first && !s.inputs.update(changed) && !prev.broken() {
		s.say(msgNoChange, map[string]any{"Stamp": stamp})
		return nil
	}
	next := &state{gen: prev.gen + 1, good: prev.good, changed: changed}

	cat, ds, err := check.Catalog(s.opt.Dir, check.Options{Now: s.opt.Now, Files: &s.files, Cache: &s.checks})
	switch {
	case err != nil && first:
		return err
	case err != nil:
		next.failure = err
	default:
		if errs, _ := diag.Count(ds); errs > 0 {
			next.problems = ds
			break
		}
		good, err := s.render(cat.Public())
		if err != nil {
			next.failure = lang.Errorf("rendering the site: %w", err)
			break
		}
		next.good = good
	}
	s.printDiagnostics(ds)
	s.state.Store(next)
	s.hub.publish(next.gen)

	took := time.Since(start).Round(time.Millisecond)
	p := lang.For(s.opt.Speak)
	after := ""
	if !since.IsZero() {
		after = p.T(msgAfter, map[string]string{"Time": time.Since(since).Round(time.Millisecond).String()})
	}
	switch {
	case next.failure != nil:
		s.say(msgFailed, map[string]any{"Stamp": stamp, "Error": p.Error(next.failure), "After": after})
	case next.problems != nil:
		errs, warns := diag.Count(ds)
		s.say(msgProblems, map[string]any{"Stamp": stamp, "Tally": diag.TallyIn(p, errs, warns), "After": after})
	case first:
		s.say(msgBuilt, map[string]any{"Count": len(next.good.cat.Practices), "Time": took.String()})
	default:
		s.say(msgRebuilt, map[string]any{"Stamp": stamp, "Time": took.String(), "After": after})
	}
	return nil
}

// render builds the site's pages into memory, as `catalog build` does; the
// books and the data files wait until they are asked for. The pages that
// the catalog's changes do not reach come from the last render's cache.
func (s *Server) render(cat *model.Catalog) (*built, error) {
	s.siteBuilds.Add(1)
	tmpl := templates.For(s.opt.Dir)
	files := &output.Memory{Keep: true} // site.Render never changes a file once written
	if err := site.Render(cat, site.Options{Date: s.opt.Date, Templates: tmpl, Workers: s.opt.Workers, Data: true, Books: true, Cache: &s.siteCache, Limits: s.opt.Limits}, files); err != nil {
		return nil, err
	}
	return &built{cat: cat, templates: tmpl, files: files}, nil
}

// printDiagnostics prints the problems as `catalog validate` does, unless
// they are the ones printed last time: a warning is said once, not at
// every save.
func (s *Server) printDiagnostics(ds []diag.Diagnostic) {
	var b strings.Builder
	diag.WriteText(&b, diag.In(lang.For(s.opt.Speak), ds))
	s.logMu.Lock()
	defer s.logMu.Unlock()
	if b.String() == s.lastLog {
		return
	}
	s.lastLog = b.String()
	fmt.Fprint(s.opt.IO.ErrOut, b.String())
}

// onRequest are the files of a build that are made when first asked for,
// not at every rebuild: the books (seconds to draw) and the data files. A
// later build starts with none made, so each is made again only after a
// change.
type onRequest struct {
	mu   sync.Mutex
	jobs map[string]*job
}

// job makes some files, once; requests wait until done is closed.
type job struct {
	done  chan struct{}
	files *output.Memory
	err   error
}

// maker returns the job that makes the file name on request and how, or ""
// when name is not such a file.
func (s *Server) maker(b *built, name string) (string, func(output.Writer) error) {
	for _, lang := range b.cat.Config.Languages {
		if name == book.FileName(lang) {
			return "book " + lang, func(out output.Writer) error { return drawBook(b, lang, s.opt.Date, out) }
		}
	}
	if lang, cc, ok := dossierOf(b, name); ok {
		return "dossier " + lang + " " + cc, func(out output.Writer) error { return drawDossier(b, lang, cc, s.opt.Date, out) }
	}
	if name == export.JSONFile || name == export.CSVFile || name == export.SitemapFile && b.cat.Config.BaseURL != "" {
		return "data", func(out output.Writer) error { return export.Write(b.cat, export.Options{Date: s.opt.Date}, out) }
	}
	return "", nil
}

// fileOnRequest returns the file name of the build, made by job id unless it is
// made or being made: requests at the same time share one making, which
// the first of them does (and finishes, for the others, even when its own
// client has gone away).
func (s *Server) fileOnRequest(done <-chan struct{}, b *built, name, id string, makeFiles func(output.Writer) error) ([]byte, bool, error) {
	b.onRequest.mu.Lock()
	if b.onRequest.jobs == nil {
		b.onRequest.jobs = map[string]*job{}
	}
	j := b.onRequest.jobs[id]
	mine := j == nil
	if mine {
		j = &job{done: make(chan struct{}), files: &output.Memory{}}
		b.onRequest.jobs[id] = j
	}
	b.onRequest.mu.Unlock()
	if mine {
		func() {
			defer func() {
				if r := recover(); r != nil { // a bug: say it on the page, not as a hang
					j.err = fmt.Errorf("%s: internal error: %v", name, r)
				}
				close(j.done)
			}()
			s.made.Add(1)
			j.err = makeFiles(j.files)
		}()
	}
	select {
	case <-j.done:
	case <-done:
		return nil, false, lang.Errorf("%s: not made: the request went away", name)
	}
	if j.err != nil {
		return nil, false, j.err
	}
	data, ok := j.files.File(name)
	return data, ok, nil
}

// drawBook draws one language's book, as book.Write does for each.
func drawBook(b *built, lang string, date time.Time, out output.Writer) error {
	w, err := words.Load(b.templates, b.cat.Config.Languages)
	if err != nil {
		return err
	}
	var buf bytes.Buffer
	if err := book.Render(b.cat, lang, book.Options{Date: date, Templates: b.templates}, w, &buf); err != nil {
		return fmt.Errorf("%s: %w", book.FileName(lang), err)
	}
	return out.Write(book.FileName(lang), buf.Bytes())
}

// dossierOf reports whether name is a country's dossier
// (LANG/countries/cc/dossier.pdf, book.DossierName) that the build has:
// its language and country.
func dossierOf(b *built, name string) (lang, cc string, ok bool) {
	parts := strings.Split(name, "/")
	if len(parts) != 4 || parts[1] != "countries" || parts[3] != "dossier.pdf" || !slices.Contains(b.cat.Config.Languages, parts[0]) {
		return "", "", false
	}
	// The country has a page: the dossiers are those of the countries
	// with one.
	if _, page := b.files.File(parts[0] + "/countries/" + parts[2] + "/index.html"); !page {
		return "", "", false
	}
	cc = strings.ToUpper(parts[2])
	return parts[0], cc, name == book.DossierName(parts[0], cc)
}

// drawDossier draws one country's dossier in one language, as
// book.WriteDossiers does for each.
func drawDossier(b *built, lang, cc string, date time.Time, out output.Writer) error {
	w, err := words.Load(b.templates, b.cat.Config.Languages)
	if err != nil {
		return err
	}
	var buf bytes.Buffer
	name := book.DossierName(lang, cc)
	if err := book.RenderDossier(b.cat, lang, book.Options{Date: date, Templates: b.templates}, w, book.CountryDossier(b.cat, cc, lang), &buf); err != nil {
		return fmt.Errorf("%s: %w", name, err)
	}
	return out.Write(name, buf.Bytes())
}
