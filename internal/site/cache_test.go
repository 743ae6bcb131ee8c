package site

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"runtime"
	"strings"
	"testing"
	"time"
	"weak"

	"catalog/internal/load"
	"catalog/internal/output"
	"catalog/internal/synth"
	"catalog/templates"
)

// cacheRun renders catalogs with one cache, as serve does at each save,
// and holds each cached render to a fresh one of the same catalog.
type cacheRun struct {
	dir   string
	cache *Cache
	opt   Options
}

func newCacheRun(t *testing.T, src string) *cacheRun {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "catalog")
	if err := os.CopyFS(dir, os.DirFS(src)); err != nil {
		t.Fatal(err)
	}
	return &cacheRun{dir: dir, cache: &Cache{}, opt: Options{Date: date, Data: true, Books: true, Workers: 2}}
}

// render loads the catalog as it is now and renders it twice, with the
// cache and without, and fails the test when any file differs. It
// returns the cached render and how many practice pages came from the
// cache.
func (r *cacheRun) render(t *testing.T, step string) (*output.Memory, int) {
	t.Helper()
	renderWith := func(c *Cache) *output.Memory {
		// Loaded anew each time, as serve does: the cache must not
		// depend on pointers into the model staying the same.
		cat, _, err := load.Catalog(r.dir)
		if err != nil {
			t.Fatalf("%s: %v", step, err)
		}
		opt := r.opt
		opt.Templates = templates.For(r.dir)
		opt.Cache = c
		out := &output.Memory{}
		if err := Render(cat, opt, out); err != nil {
			t.Fatalf("%s: %v", step, err)
		}
		return out
	}
	cached := renderWith(r.cache)
	sameSite(t, step, renderWith(nil), cached)
	reused, _ := r.cache.Counts()
	return cached, reused
}

// sameSite fails the test unless two renders wrote the same files, byte
// for byte.
func sameSite(t *testing.T, step string, want, got *output.Memory) {
	t.Helper()
	for _, name := range got.Names() {
		if _, ok := want.File(name); !ok {
			t.Errorf("%s: the cached render wrote %s, which a fresh one does not", step, name)
		}
	}
	for _, name := range want.Names() {
		w, _ := want.File(name)
		g, ok := got.File(name)
		if !ok {
			t.Errorf("%s: the cached render did not write %s", step, name)
		} else if !bytes.Equal(w, g) {
			t.Errorf("%s: %s differs from a fresh render:\n%s", step, name, firstDiff(w, g))
		}
	}
}

// edit rewrites a file of the catalog with re (which must match) replaced.
func (r *cacheRun) edit(t *testing.T, name, re, repl string) {
	t.Helper()
	file := filepath.Join(r.dir, filepath.FromSlash(name))
	src, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	pattern := regexp.MustCompile(re)
	if !pattern.Match(src) {
		t.Fatalf("%s: no %q to edit", name, re)
	}
	r.write(t, name, pattern.ReplaceAllString(string(src), repl))
}

func (r *cacheRun) write(t *testing.T, name, content string) {
	t.Helper()
	file := filepath.Join(r.dir, filepath.FromSlash(name))
	if err := os.MkdirAll(filepath.Dir(file), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(file, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
}

func (r *cacheRun) remove(t *testing.T, name string) {
	t.Helper()
	if err := os.Remove(filepath.Join(r.dir, filepath.FromSlash(name))); err != nil {
		t.Fatal(err)
	}
}

// gamma is a practice that steps of TestCacheSameAsFresh add: it relates
// to pa-beta (so that pa-beta's page lists it) and links to cr-alpha.
const gamma = `---
title: Gamma de Guatemala
summary: Una práctica nueva.
countries: [GT]
scope: national
institutions:
  - name: Oficina Gamma
    type: government
themes: [hotline]
period:
  start: 2021
status: ongoing
level: emerging
related: [pa-beta]
sources:
  - title: Fuente gamma
last_reviewed: 2026-01-01
---
## Descripción

Trabaja con el [albergue Alfa](cr-alpha.es.md).
`

// TestCacheSameAsFresh renders the test catalog, then changes it a step
// at a time the ways a writer does, rendering each version with the cache
// of the one before: every file must be the same as a fresh render's.
func TestCacheSameAsFresh(t *testing.T) {
	r := newCacheRun(t, "testdata/catalog")
	r.render(t, "first render")
	// Nothing changed: every practice page comes from the cache.
	if _, reused := r.render(t, "same catalog"); reused == 0 {
		t.Fatalf("same catalog: no practice page came from the cache")
	}
	steps := []struct {
		name   string
		change func()
	}{
		// cr-alpha lists pa-beta as related, in both languages.
		{"pa-beta's title", func() { r.edit(t, "practices/pa-beta.es.md", `(?m)^title: .*$`, "title: Línea Beta renombrada") }},
		{"cr-alpha's English body", func() { r.edit(t, "practices/cr-alpha.en.md", `Measured results\.`, "Results, measured again.") }},
		{"pa-beta's countries", func() { r.edit(t, "practices/pa-beta.es.md", `countries: \[PA\]`, "countries: [PA, GT]") }},
		// cr-alpha's page tells the year and note of pa-beta's
		// adapted_from entry that names it; the tables of visits, the
		// outcome of cr-alpha's exchange.
		{"pa-beta's adapted_from year", func() { r.edit(t, "practices/pa-beta.es.md", `year: 2021`, "year: 2022") }},
		{"cr-alpha's exchange outcome", func() { r.edit(t, "practices/cr-alpha.es.md", `outcome: adapting`, "outcome: adapted") }},
		{"ni-hidden made public", func() { r.edit(t, "practices/ni-hidden.es.md", `(?m)^visibility: restricted\n`, "") }},
		{"ni-hidden restricted again", func() {
			r.edit(t, "practices/ni-hidden.es.md", `(?m)^level: emerging$`, "level: emerging\nvisibility: restricted")
		}},
		{"cr-alpha's related", func() {
			r.edit(t, "practices/cr-alpha.es.md", `related: \[pa-beta, ni-hidden\]`, "related: [ni-hidden]")
		}},
		{"a practice added", func() { r.write(t, "practices/gt-gamma.es.md", gamma) }},
		// The countries page tells own and regional practices apart,
		// though every country keeps its number of practices.
		{"rg-gamma no longer regional", func() { r.edit(t, "practices/rg-gamma.es.md", `(?m)^scope: regional$`, "scope: national") }},
		// cr-alpha's body links to pa-beta's file: the link goes, and
		// nothing else of cr-alpha changed.
		{"a practice removed", func() { r.remove(t, "practices/pa-beta.es.md") }},
		{"the practice back", func() {
			src, err := os.ReadFile("testdata/catalog/practices/pa-beta.es.md")
			if err != nil {
				t.Fatal(err)
			}
			r.write(t, "practices/pa-beta.es.md", string(src))
		}},
		// gt-gamma's body links to cr-alpha, whose page stays.
		{"cr-alpha made restricted", func() {
			r.edit(t, "practices/cr-alpha.es.md", `(?m)^level: good$`, "level: good\nvisibility: restricted")
		}},
		{"cr-alpha public again", func() { r.edit(t, "practices/cr-alpha.es.md", `(?m)^visibility: restricted\n`, "") }},
		{"a translation removed", func() { r.remove(t, "practices/cr-alpha.en.md") }},
		// The home page's intro is then the only page that shows the
		// image: the home page reused must still have it copied.
		{"the image moved to the intro", func() {
			r.edit(t, "practices/cr-alpha.es.md", `!\[Esquema del albergue\]\(\.\./media/diagram\.png\)`, "")
			r.edit(t, "intro.es.md", `\z`, "\n![Esquema](media/diagram.png)\n")
		}},
		{"nothing changed", func() {}},
	}
	for _, step := range steps {
		step.change()
		r.render(t, step.name)
	}
}

// TestCacheSiteWideChange changes what every page shows (catalog.yaml,
// a template, the words, the build date): no page may come from the
// cache, and the render must be the same as a fresh one.
func TestCacheSiteWideChange(t *testing.T) {
	partials, err := templates.FS.ReadFile("html/partials.html")
	if err != nil {
		t.Fatal(err)
	}
	words, err := templates.FS.ReadFile("i18n/en.yaml")
	if err != nil {
		t.Fatal(err)
	}
	r := newCacheRun(t, "testdata/catalog")
	before, _ := r.render(t, "first render")
	steps := []struct {
		name   string
		change func()
	}{
		{"catalog.yaml", func() { r.edit(t, "catalog.yaml", `en: Test catalog`, "en: Renamed test catalog") }},
		// A catalog's own template: the related practices' items change.
		{"a template", func() {
			r.write(t, "templates/html/partials.html", strings.Replace(string(partials), `<span class="meta">(`, `<span class="meta where">(`, 1))
		}},
		{"the words", func() {
			r.write(t, "templates/i18n/en.yaml", strings.Replace(string(words), "\ndetails: ", "\ndetails: Facts — ", 1))
		}},
		{"the build date", func() { r.opt.Date = date.Add(48 * time.Hour) }},
		{"no books", func() { r.opt.Books = false }},
	}
	for _, step := range steps {
		step.change()
		after, reused := r.render(t, step.name)
		if reused != 0 {
			t.Errorf("%s: %d practice pages came from the cache", step.name, reused)
		}
		// The change must show on the practice pages, or this step
		// tests nothing.
		b, _ := before.File("en/practices/cr-alpha/index.html")
		a, _ := after.File("en/practices/cr-alpha/index.html")
		if bytes.Equal(a, b) {
			t.Errorf("%s: the change does not show on cr-alpha's English page", step.name)
		}
		before = after
	}
}

// TestCacheGenerated edits practices of a generated catalog, whose
// practices share countries and themes and relate to each other.
func TestCacheGenerated(t *testing.T) {
	src := t.TempDir()
	if err := synth.Write(src, synth.Options{Practices: 40, Seed: 3}); err != nil {
		t.Fatal(err)
	}
	r := newCacheRun(t, src)
	r.render(t, "first render")
	all, err := filepath.Glob(filepath.Join(r.dir, "practices", "*.es.md")) // sources: they say the visibility
	if err != nil {
		t.Fatal(err)
	}
	var files []string // of public practices: their pages show the edit
	for _, file := range all {
		if src, err := os.ReadFile(file); err == nil && !bytes.Contains(src, []byte("visibility: restricted")) {
			files = append(files, file)
		}
	}
	if len(files) < 10 {
		t.Fatalf("generated catalog: %d files of public practices", len(files))
	}
	for i, file := range []string{files[0], files[len(files)/2], files[len(files)-1]} {
		name := filepath.ToSlash(strings.TrimPrefix(file, r.dir+string(filepath.Separator)))
		title := fmt.Sprintf("Edición %d", i)
		r.edit(t, name, `(?m)^title: .*$`, "title: "+title)
		out, reused := r.render(t, name)
		if i == 0 && reused == 0 {
			t.Errorf("%s: no practice page came from the cache", name)
		}
		id, lang, _ := strings.Cut(strings.TrimSuffix(filepath.Base(file), ".md"), ".")
		if page, _ := out.File(lang + "/practices/" + id + "/index.html"); !bytes.Contains(page, []byte(title)) {
			t.Errorf("%s: its page does not show the new title %q", name, title)
		}
	}
}

// TestCacheFileMoved: a catalog whose practice page shows the file's path
// moves a file to a subfolder of practices, its bytes unchanged: the page
// shows the new path, as a fresh render does.
func TestCacheFileMoved(t *testing.T) {
	r := newCacheRun(t, "testdata/catalog")
	src, err := templates.FS.ReadFile("html/practice.html")
	if err != nil {
		t.Fatal(err)
	}
	withPath := strings.Replace(string(src), `<h1>{{$t.Title}}</h1>`, `<h1>{{$t.Title}}</h1><p class="file">{{$t.File.Path}}</p>`, 1)
	if withPath == string(src) {
		t.Fatal("practice.html has no <h1>{{$t.Title}}</h1>: the test needs updating")
	}
	r.write(t, "templates/html/practice.html", withPath)
	r.render(t, "first render")
	moved, err := os.ReadFile(filepath.Join(r.dir, "practices", "pa-beta.es.md"))
	if err != nil {
		t.Fatal(err)
	}
	r.remove(t, "practices/pa-beta.es.md")
	r.write(t, "practices/panama/pa-beta.es.md", string(moved))
	r.render(t, "pa-beta.es.md moved to practices/panama/")
}

// TestCacheCountryOrder: the cache keeps the sorted country lists of the
// last render, not of every render since the first: serve's cache grew by
// a few at every save that changed a practice's countries.
func TestCacheCountryOrder(t *testing.T) {
	r := newCacheRun(t, "testdata/catalog")
	// A part reused from the render before sorts no list, so the cache
	// would hold fewer lists than a fresh render (those of rg-gamma's
	// card and items, which the edits leave as they were): fewer is no
	// harm, but the test counts exactly.
	r.remove(t, "practices/rg-gamma.es.md")
	r.render(t, "first render")
	prev := "PA"
	for _, countries := range []string{"PA, GT", "PA, HN", "PA, SV", "PA, BZ", "PA, MX"} {
		r.edit(t, "practices/pa-beta.es.md", `countries: \[`+regexp.QuoteMeta(prev)+`\]`, "countries: ["+countries+"]")
		prev = countries
		r.render(t, countries)
	}
	fresh := newCacheRun(t, r.dir)
	fresh.render(t, "a fresh render of the last catalog")
	if got, want := len(r.cache.countryOrder), len(fresh.cache.countryOrder); got != want {
		t.Errorf("after 5 edits the cache holds %d sorted country lists, a fresh render %d", got, want)
	}
}

// TestCacheKeepsOneRender: a cache holds what the last render made, not
// the renders before it. A cache that held a pointer into a render's site
// (its map of cards) kept that site alive, with its pages and the render
// before it, and serve's memory grew at every save (4 GB after 20 saves
// at 10,000 practices).
func TestCacheKeepsOneRender(t *testing.T) {
	r := newCacheRun(t, "testdata/catalog")
	cat, _, err := load.Catalog(r.dir)
	if err != nil {
		t.Fatal(err)
	}
	opt := r.opt
	opt.Templates = templates.For(r.dir)
	opt.Cache = r.cache
	render := func() weak.Pointer[output.Memory] {
		out := &output.Memory{}
		if err := Render(cat, opt, out); err != nil {
			t.Fatal(err)
		}
		return weak.Make(out)
	}
	first := render()
	for range 3 {
		render()
	}
	runtime.GC()
	if first.Value() != nil {
		t.Error("the first render's files are still held after three more renders with the cache")
	}
	// The cache must outlive the check, or nothing would hold anything.
	runtime.KeepAlive(r.cache)
}
