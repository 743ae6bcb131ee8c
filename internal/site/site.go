// Package site renders a catalog as a static HTML site: a language
// chooser, and per language a home with filters and the country × theme
// matrix, a page per practice, country and theme, the exchanges and a
// search that works offline. Pages come from html/template files (the
// embedded templates/, or a catalog's own); every link between pages is
// relative and names index.html, so the site works from file:// as well as
// from a web server. It renders the catalog it is given and nothing else:
// the caller passes the public catalog, and the site still leaves out any
// restricted practice it meets.
package site

import (
	"bytes"
	"cmp"
	"errors"
	"fmt"
	"hash/maphash"
	"html/template"
	"io/fs"
	"path"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	ttemplate "text/template"
	"text/template/parse"
	"time"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/language"
	"golang.org/x/text/language/display"

	"catalog/internal/collation"
	"catalog/internal/config"
	"catalog/internal/country"
	"catalog/internal/markdown"
	"catalog/internal/model"
	"catalog/internal/output"
	"catalog/internal/words"
	builtin "catalog/templates"
)

// Options tune a render.
type Options struct {
	// Date is the build date shown in the footer (SOURCE_DATE_EPOCH).
	Date time.Time
	// Templates are the templates to use (templates.For(dir)).
	Templates fs.FS
	// Workers is how many pages render at once; 0 means one per CPU.
	Workers int
	// Data says the build also writes catalog.json and catalog.csv, which
	// the footer then links to.
	Data bool
	// Books says the build also writes the PDF books (catalog.LANG.pdf),
	// which the home page and the footer then link to.
	Books bool
	// Cache, when not nil, lends this render what an earlier render with
	// the same cache made and is still good, and keeps what this one
	// makes for the next (catalog serve). The output is the same with or
	// without it.
	Cache *Cache
	// Limits bound the time and the size of each page (zero: the
	// defaults), which a catalog's own templates may try to make endless.
	Limits Limits
}

// pageKinds are the templates under html/, each a page kind.
var pageKinds = []string{"chooser", "home", "practice", "countries", "country", "themes", "theme", "exchanges", "search", "notfound"}

// site is what every page of one render shares.
type site struct {
	cat *model.Catalog
	cfg *config.Config
	opt Options
	// tmpl holds each language's templates of each page kind.
	tmpl map[string]map[string]*template.Template
	// views holds what every page shows alike, per language.
	views map[string]*view
	words *words.Words
	out   output.Writer

	mu    sync.Mutex
	media map[string]bool // media files the pages use, "media/x.png"

	// parts holds the partials made by page.Cached, each once per
	// language, definition and variants.
	parts partSet // partKey
	// defs holds, per page kind, the sums of its templates' definitions
	// (definitions).
	defs map[string]map[string]uint64
	// countryOrder holds country lists sorted in a language; lastOrder,
	// those of the last render with the cache (read only), taken into
	// countryOrder as they are used, so that the cache keeps only those
	// of one render.
	countryOrder sync.Map // lang + "|" + codes → []string
	lastOrder    map[string][]string
	// titles keeps the sort keys of the titles sorted in each language
	// (page.Sorted, the search data).
	titles map[string]*collation.Keys

	// cache is Options.Cache as this render uses it; nil without one.
	cache *renderCache
	// counted says that the templates of practice pages, cards or items
	// may ask for the number of practices of a country or theme.
	counted bool
	// own are the page templates that are the catalog's own (by name,
	// "html/practice.html"), not the built-in ones.
	own map[string]bool
	// halt is set when a page ran out of time (executeLimited): every
	// execution of the render stops at its next write or loop turn, since
	// the render has failed.
	halt atomic.Bool
}

// partSet holds partials made once and reused on many pages, each as a
// cachedPart: those of this render (now), and with a render cache the
// last render's now (last; nil without one), which no longer changes and
// of which only the parts of practices are reused (page.Cached). Each
// map is a value of its own: a cache that kept a pointer into the site
// would keep the whole render alive, and with it the one before.
type partSet struct {
	now, last *sync.Map
}

func newPartSet() partSet { return partSet{now: new(sync.Map)} }

// Render writes the site for cat to out. It never changes a file's bytes
// once written: out may keep them rather than a copy. A TemplateError
// names its file as the catalog's other problems do, in the catalog's
// folder.
func Render(cat *model.Catalog, opt Options, out output.Writer) error {
	err := renderSite(cat, opt, out)
	var te *TemplateError
	if errors.As(err, &te) {
		te.File = filepath.Join(cat.Dir, filepath.FromSlash(te.File))
	}
	return err
}

func renderSite(cat *model.Catalog, opt Options, out output.Writer) error {
	if opt.Templates == nil {
		return fmt.Errorf("site: no templates")
	}
	if cat.Public() != cat {
		cat = cat.Public()
	}
	s := &site{cat: cat, cfg: cat.Config, opt: opt, out: out, media: map[string]bool{}, titles: map[string]*collation.Keys{},
		parts: newPartSet()}
	for _, lang := range s.cfg.Languages {
		s.titles[lang] = collation.NewKeys(lang)
	}
	templates := newReadLog(opt.Templates)
	if err := s.load(templates); err != nil {
		return err
	}
	if c := opt.Cache; c != nil {
		c.mu.Lock()
		defer c.mu.Unlock()
		s.cache = c.begin(s, &cacheEnv{dir: cat.Dir, cfg: s.cfg, templates: templates.sum(), counted: s.counted, date: opt.Date, data: opt.Data, books: opt.Books})
	}
	// Practice pages first: rendering their bodies gives the text that the
	// search data needs and the media files to copy.
	docs := make([]map[string]*body, len(cat.Practices))
	var jobs []func() error
	for i, p := range cat.Practices {
		docs[i] = map[string]*body{}
		for _, lang := range s.cfg.Languages {
			b := &body{}
			docs[i][lang] = b
			jobs = append(jobs, func() error { return s.practicePage(p, lang, b) })
		}
	}
	if err := s.run(jobs); err != nil {
		return err
	}
	jobs = jobs[:0]
	jobs = append(jobs, s.chooser, s.notFound)
	for _, lang := range s.cfg.Languages {
		jobs = append(jobs,
			func() error { return s.home(lang) },
			func() error { return s.countries(lang) },
			func() error { return s.themes(lang) },
			func() error { return s.exchanges(lang) },
			func() error { return s.search(lang, docs) },
		)
		if s.feeds() {
			jobs = append(jobs, func() error { return s.feed(lang) })
		}
		for _, cc := range s.countryCodes() {
			jobs = append(jobs, func() error { return s.country(lang, cc) })
		}
		for _, t := range s.cfg.Themes.Terms {
			if len(cat.ByTheme[t.Slug]) > 0 {
				jobs = append(jobs, func() error { return s.theme(lang, t.Slug) })
			}
		}
	}
	jobs = append(jobs, s.assets)
	if err := s.run(jobs); err != nil {
		return err
	}
	// Only once every page is made are the media they show known (the
	// home page's intro may show an image that no practice does).
	if err := s.copyMedia(); err != nil {
		return err
	}
	if s.cache != nil {
		s.cache.end(s)
	}
	return nil
}

// run runs jobs on the workers and returns the error of the first job (in
// job order, not time order) that failed, so that the message does not
// depend on scheduling.
func (s *site) run(jobs []func() error) error {
	workers := s.opt.Workers
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	errs := make([]error, len(jobs))
	next := make(chan int)
	var wg sync.WaitGroup
	for range min(workers, len(jobs)) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				errs[i] = jobs[i]()
			}
		}()
	}
	for i := range jobs {
		next <- i
	}
	close(next)
	wg.Wait()
	// A page stopped because another ran out of time is not the news.
	var stopped error
	for _, err := range errs {
		var h *halted
		switch {
		case err == nil:
		case errors.As(err, &h):
			stopped = cmp.Or(stopped, err)
		default:
			return err
		}
	}
	return stopped
}

// load parses the page templates, once per language, and the words of
// each language, read from templates (opt.Templates, summed for the
// cache), and works out each language's view.
func (s *site) load(templates *readLog) error {
	var err error
	if s.words, err = words.Load(templates, s.cfg.Languages); err != nil {
		return err
	}
	shared := []string{"html/base.html", "html/partials.html"}
	src := map[string]string{}
	for _, kind := range pageKinds {
		for _, name := range append(slices.Clone(shared), "html/"+kind+".html") {
			if _, ok := src[name]; ok {
				continue
			}
			b, err := fs.ReadFile(templates, name)
			if err != nil {
				return fmt.Errorf("templates: %w", err)
			}
			src[name] = string(b)
			// The built-in cards and items, which a cache keeps, are
			// the same in every kind's templates: those of partials.html.
			if (kind == "practice" || slices.Contains(shared, name)) && countCall.Match(b) {
				s.counted = true
			}
		}
	}
	own := map[string]bool{} // the catalog's own files, which guard readies
	for name, text := range src {
		if b, err := fs.ReadFile(builtin.FS, name); err != nil || string(b) != text {
			own[name] = true
		}
	}
	s.own = own
	builtinWords, err := words.Load(builtin.FS, nil)
	if err != nil {
		return err
	}
	builtinKeys := builtinWords.Keys("en")
	s.tmpl = map[string]map[string]*template.Template{}
	s.views = map[string]*view{}
	s.defs = map[string]map[string]uint64{}
	for _, lang := range s.cfg.Languages {
		s.tmpl[lang] = map[string]*template.Template{}
		s.views[lang] = s.view(lang, builtinKeys)
		for _, kind := range pageKinds {
			t := template.New(kind).Option("missingkey=error").Funcs(funcs).Funcs(s.capped()).Funcs(template.FuncMap{tickFunc: s.tick})
			for _, name := range append(slices.Clone(shared), "html/"+kind+".html") {
				if _, err := t.New(name).Parse(src[name]); err != nil {
					if own[name] {
						return &TemplateError{File: "templates/" + name, Msg: err.Error()}
					}
					return fmt.Errorf("templates/%s: %w", name, err)
				}
			}
			if s.defs[kind] == nil {
				// The same in every language: the same sources.
				s.defs[kind] = definitions(t)
			}
			if err := guard(t, own); err != nil {
				return err
			}
			s.tmpl[lang][kind] = t
		}
	}
	return nil
}

// view is what every page in one language shows alike, worked out once
// per render, as plain fields for the templates: {{.W.details}} is a map
// index, where {{.T "details"}} is a reflective call of a method, a dozen
// allocations, on every page that shows it. The built-in templates use
// these; .T, .Site and .Date still give the same for a catalog's own.
type view struct {
	// W holds the language's words by key, as .T gives them without
	// arguments. It has every key of the language's words, of English's
	// and of the built-in English words, so a built-in template finds
	// each of its keys even in a catalog whose own words lack one (where
	// .T, and W, give the key itself).
	W map[string]string
	// Catalog is the catalog's title, subtitle and publisher in the
	// language, as .Site gives them.
	Catalog struct{ Title, Subtitle, Publisher string }
	// BuiltOn is the footer's sentence with the build date: .T "built_on"
	// .Date, the date in a <time> element.
	BuiltOn template.HTML
}

// view works out lang's view; builtinKeys are the keys of the built-in
// English words.
func (s *site) view(lang string, builtinKeys []string) *view {
	p := &page{s: s, Lang: lang}
	date := p.s.opt.Date.UTC()
	v := &view{W: map[string]string{}, BuiltOn: template.HTML(fmt.Sprintf(template.HTMLEscapeString(p.T("built_on")), p.Dated(date)))}
	for _, key := range append(s.words.Keys(lang), builtinKeys...) {
		v.W[key] = p.T(key)
	}
	v.Catalog.Title, v.Catalog.Subtitle, v.Catalog.Publisher = p.Site("title"), p.Site("subtitle"), p.Site("publisher")
	return v
}

// write executes a page kind's template and writes the page.
func (s *site) write(kind string, p *page) error {
	page, err := s.execute(kind, p, 0)
	if err != nil {
		return err
	}
	if p.keyed {
		s.cache.keepPage(p.Path, &pageEntry{key: p.key, page: page, media: p.links.media})
	}
	return s.out.Write(p.Path, page)
}

// listPage writes a page that is not a practice's: from the cache when
// what key sums (see renderCache.listKey) is what the cached copy was made
// from, else made by fill, which gives p its data, and kept for the next
// render. Without a cache it is fill and write.
func (s *site) listPage(kind string, p *page, key func(*listKey), fill func() error) error {
	if s.cache != nil {
		if k, ok := s.cache.listKey(p.Path, key); ok {
			if e := s.cache.reusePage(p.Path, k); e != nil {
				for _, name := range e.media {
					s.useMedium(name)
				}
				return s.out.Write(p.Path, e.page)
			}
			p.key, p.keyed = k, true
		}
	}
	if err := fill(); err != nil {
		return err
	}
	return s.write(kind, p)
}

// execute executes a page kind's template and returns the page. size,
// when known, is about how long the page will be: a buffer that starts
// small is copied again at every doubling (practice pages made a third of
// everything a render allocated that way).
func (s *site) execute(kind string, p *page, size int) ([]byte, error) {
	p.kind = kind
	var buf bytes.Buffer
	buf.Grow(size)
	file := "templates/html/" + kind + ".html"
	if err := s.executeLimited(s.tmpl[p.Lang][kind], "base", p, &buf, p, file); err != nil {
		var te *TemplateError
		var h *halted
		if errors.As(err, &te) || errors.As(err, &h) {
			return nil, err
		}
		// The built-in templates run on every test of the site: where a
		// catalog has templates of its own, a template that fails is
		// theirs, the catalog's problem (build exits 1).
		var exec ttemplate.ExecError
		var escape *template.Error
		if len(s.own) > 0 && (errors.As(err, &exec) || errors.As(err, &escape)) {
			return nil, &TemplateError{File: file, Page: p.Path, Msg: err.Error()}
		}
		return nil, fmt.Errorf("%s: %w", file, err)
	}
	return tidy(buf.Bytes()), nil
}

// tidy drops the blank lines that template actions leave behind, but
// not those inside a <pre> element (a code block of a body), which are
// the text's own.
func tidy(b []byte) []byte {
	out := b[:0]
	hasPre := bytes.Contains(b, []byte("<pre"))
	pre := false
	for len(b) > 0 {
		line := b
		if i := bytes.IndexByte(b, '\n'); i >= 0 {
			line, b = b[:i+1], b[i+1:]
		} else {
			b = nil
		}
		blank := !pre && len(bytes.TrimSpace(line)) == 0
		if hasPre {
			// Before the append, which may write over line.
			pre = inPre(line, pre)
		}
		if !blank {
			out = append(out, line...)
		}
	}
	return out
}

// inPre reports whether the text after line is inside a <pre> element,
// given whether line starts inside one: what its last <pre> or </pre>
// tag says, if it has one.
func inPre(line []byte, pre bool) bool {
	closing := bytes.LastIndex(line, []byte("</pre>"))
	for rest := line; ; {
		i := bytes.LastIndex(rest, []byte("<pre"))
		if i < 0 {
			return pre && closing < 0
		}
		if next := i + len("<pre"); next < len(rest) && (rest[next] == '>' || rest[next] == ' ') {
			return i > closing
		}
		rest = rest[:i]
	}
}

// word returns the text for key in lang, falling back to English and then
// to the key itself (which shows the missing word on the page).
func (s *site) word(lang, key string) string { return s.words.Get(lang, key) }

// countryCodes lists every country that has a page: those of the public
// practices and those that visited one.
func (s *site) countryCodes() []string {
	set := map[string]bool{}
	for cc := range s.cat.ByCountry {
		set[cc] = true
	}
	for _, ev := range s.cat.Exchanges {
		set[ev.Visitor] = true
	}
	out := make([]string, 0, len(set))
	for cc := range set {
		if country.Name(cc, "en") != "" {
			out = append(out, cc)
		}
	}
	slices.Sort(out)
	return out
}

// page is what a template sees.
type page struct {
	s *site
	*view
	Lang string
	// Path is the page's file, relative to the site's root.
	Path string
	// Title is the page's own title (the site's title is added to it).
	Title string
	// Nav names the menu entry the page belongs to.
	Nav string
	// Style is CSS that only this page needs: the filters' rules for a
	// reader without JavaScript (base.html puts it in a <noscript>).
	Style template.CSS
	Data  any
	// Way is, for each folder of the page's language, what links from
	// the page into it depend on (page.way), and Up the relative URL to
	// it alone: variants for Cached, worked out once per page.
	Way, Up folders
	// Place is where the page is as far as its links to other folders go
	// (page.place), the menu's variant for Cached.
	Place string

	// key sums the page's inputs for the cache (listKey), when keyed;
	// links records the links of Markdown the page shows (the intro).
	key   uint64
	keyed bool
	links bodyLinks
	// kind is the page kind whose templates make the page and its
	// partials (site.execute).
	kind string
	// depth counts the partials being made for the page, one inside the
	// other (executePart).
	depth int
	// root, when not "", is the URL path of the site's root, which Href
	// makes every link from: a page served at any path (404.html).
	root string
}

func (s *site) newPage(lang, file, title, nav string, data any) *page {
	p := &page{s: s, view: s.views[lang], Lang: lang, Path: file, Title: title, Nav: nav, Data: data}
	p.Way = folders{Practices: p.way("practices/"), Countries: p.way("countries/"), Themes: p.way("themes/")}
	p.Up = folders{Practices: p.up("practices/"), Countries: p.up("countries/"), Themes: p.up("themes/")}
	p.Place = p.place()
	return p
}

// folders holds something for each folder of a language that partials
// link into.
type folders struct{ Practices, Countries, Themes string }

// Href is the relative URL of a site path; a folder path ("es/themes/")
// names its index.html, which file:// needs.
func (p *page) Href(target string) string {
	if p.root != "" {
		// Served by a host, never from the disk: a folder stays one.
		return p.root + target
	}
	if target == "" || strings.HasSuffix(target, "/") {
		target += "index.html"
	}
	return relative(p.Path, target)
}

// relative is the shortest relative URL from one file of the site to
// another: "../pa-beta/index.html" between two practices. Pages ask for
// dozens of these each, so it walks the two paths in place and allocates
// only the result.
func relative(from, to string) string {
	dir := from[:strings.LastIndexByte(from, '/')+1] // "es/practices/a/", or ""
	common := 0                                      // length of the shared folders, "es/practices/"
	for i := 0; i < len(dir) && i < len(to) && dir[i] == to[i]; i++ {
		if dir[i] == '/' {
			common = i + 1
		}
	}
	up := strings.Count(dir[common:], "/")
	if up == 0 {
		return to[common:]
	}
	var b strings.Builder
	b.Grow(3*up + len(to) - common)
	for range up {
		b.WriteString("../")
	}
	b.WriteString(to[common:])
	return b.String()
}

// L is the relative URL of a path in the page's language.
func (p *page) L(target string) string { return p.Href(p.Lang + "/" + target) }

// In is the URL of this page in another language.
func (p *page) In(lang string) string {
	return p.Href(lang + strings.TrimPrefix(p.Path, p.Lang))
}

// T returns the words for key in the page's language; args fill its %s and %d.
func (p *page) T(key string, args ...any) string {
	w := p.s.word(p.Lang, key)
	if len(args) > 0 {
		return fmt.Sprintf(w, args...)
	}
	return w
}

// N picks key_one or key for count n and fills in n.
func (p *page) N(key string, n int, args ...any) string {
	if w, ok := p.s.words.Lookup(p.Lang, key+"_one"); n == 1 && ok {
		return fmt.Sprintf(w, args...)
	}
	if w, ok := p.s.words.Lookup("en", key+"_one"); n == 1 && ok && !p.s.words.Own(p.Lang) {
		return fmt.Sprintf(w, args...)
	}
	return fmt.Sprintf(p.s.word(p.Lang, key), append([]any{n}, args...)...)
}

// WordIn returns the words for key in another language (the language
// switcher names each language in itself). A language without a words
// file of its own is still named in itself, by CLDR ("português").
func (p *page) WordIn(lang, key string) string {
	if !p.s.words.Own(lang) && key == "language_name" {
		if n := display.Self.Name(language.Make(lang)); n != "" {
			r, size := utf8.DecodeRuneInString(n)
			return string(unicode.ToUpper(r)) + n[size:]
		}
	}
	return p.s.word(lang, key)
}

// Languages are the catalog's languages.
func (p *page) Languages() []string { return p.s.cfg.Languages }

// Site returns the catalog's title, subtitle or publisher in the page's language.
func (p *page) Site(field string) string {
	var l config.Localized
	switch field {
	case "title":
		l = p.s.cfg.Title
	case "subtitle":
		l = p.s.cfg.Subtitle
	case "publisher":
		l = p.s.cfg.Publisher
	}
	return l.In(p.Lang, p.s.cfg.DefaultLanguage())
}

// Book is the site path of the page language's PDF book, or "" when the
// build writes none.
func (p *page) Book() string {
	if !p.s.opt.Books {
		return ""
	}
	return "catalog." + p.Lang + ".pdf"
}

// Dossier is the site path of a country's dossier for a delegation in the
// page's language, or "" when the build writes none: the dossiers are
// drawn with the books (book.DossierName; every country with a page has
// one).
func (p *page) Dossier(cc string) string {
	if !p.s.opt.Books || cc == "" {
		return ""
	}
	return p.Lang + "/countries/" + strings.ToLower(cc) + "/dossier.pdf"
}

// Exports reports whether the data exports are built beside the site.
func (p *page) Exports() bool { return p.s.opt.Data }

// Date is the build date, written in full in the page's language.
func (p *page) Date() string { return p.s.words.Date(p.Lang, p.s.opt.Date.UTC()) }

// Country is a country's name in the page's language.
func (p *page) Country(cc string) string {
	if n := country.Name(cc, p.Lang); n != "" {
		return n
	}
	return cc
}

// Label is a vocabulary term's label in the page's language.
func (p *page) Label(vocab, slug string) string {
	v := p.s.cfg.Vocabulary(vocab)
	if v == nil {
		return slug
	}
	return p.s.cfg.Label(v, slug, p.Lang)
}

// Pillar is the pillar a theme belongs to.
func (p *page) Pillar(theme string) string {
	if t := p.s.cfg.Themes.Term(theme); t != nil {
		return t.Pillar
	}
	return ""
}

// Text is a practice's text for the page: its own language's, or the source.
func (p *page) Text(x *model.Practice) *model.Text { return x.In(p.Lang) }

// Lower lower-cases a country code for URLs.
func (p *page) Lower(s string) string { return strings.ToLower(s) }

// Card gives a template the page and one practice.
func (p *page) Card(x *model.Practice) card { return card{P: p, X: x, T: x.In(p.Lang)} }

// CardAt is Card for a practice shown on the page of the country cc,
// which the card does not name among the practice's countries.
func (p *page) CardAt(x *model.Practice, cc string) card {
	return card{P: p, X: x, T: x.In(p.Lang), At: cc}
}

type card struct {
	P *page
	X *model.Practice
	T *model.Text
	// At is the country whose page shows the card (CardAt), or "".
	At string
}

// Countries are the practice's countries, sorted by name in the page's
// language, but for the country whose page shows it (At).
func (c card) Countries() []string {
	if c.At == "" || !slices.Contains(c.X.Countries, c.At) {
		return c.P.Countries(c.X.Countries)
	}
	var others []string
	for _, cc := range c.X.Countries {
		if cc != c.At {
			others = append(others, cc)
		}
	}
	return c.P.Countries(others)
}

// Countries sorts country codes by name in the page's language.
func (p *page) Countries(codes []string) []string {
	if len(codes) < 2 {
		return codes
	}
	key := p.Lang + "|" + strings.Join(codes, ",")
	if v, ok := p.s.countryOrder.Load(key); ok {
		return v.([]string)
	}
	sorted, ok := p.s.lastOrder[key]
	if !ok {
		sorted = collation.Sort(p.Lang, codes, p.Country)
	}
	p.s.countryOrder.Store(key, sorted)
	return sorted
}

// Cached is the partial template name executed with data, made once and
// reused wherever the page's language, name's definition and variants are
// the same: {{$.Cached "theme-link" ($.ThemeRef .) . $.Way.Themes}}. The
// caller vouches that the partial shows nothing that variants do not
// decide, as with Hugo's partialCached: the way from the page to the
// folder its links lead into (.Way, .Up), and what it shows. A partial
// called any other way ({{template}}, .Part) is made on each page that
// shows it. A part is reused within one render; see CachedPractice for
// the parts that serve keeps from one render to the next.
func (p *page) Cached(name string, data any, variants ...string) (template.HTML, error) {
	return p.cachedPart(name, func() any { return data }, nil, variants...)
}

// CachedPractice is Cached for a part of the practice x, whose ID is a
// variant: {{$.CachedPractice "card" ($.Card .) . $.Up.Practices}}. With a
// render cache (serve) the part is also kept for the next render, which
// reuses it while x's sum (renderCache.practiceSum) stays the same: the
// data of such a part may show anything of x.
func (p *page) CachedPractice(name string, data any, x *model.Practice, variants ...string) (template.HTML, error) {
	return p.cachedPart(name, func() any { return data }, x, variants...)
}

// KeptPractice is CachedPractice for a part that shows on one page only
// (a row of a table of visits, with the page's path among its variants):
// made on each page, and with a render cache (serve) kept for the next
// render while x's sum stays the same.
func (p *page) KeptPractice(name string, data any, x *model.Practice, variants ...string) (template.HTML, error) {
	return p.keptPart(name, func() any { return data }, x, variants...)
}

func (p *page) keptPart(name string, data func() any, x *model.Practice, variants ...string) (template.HTML, error) {
	if p.s.cache == nil {
		return p.s.executePart(p, name, data())
	}
	return p.cachedPart(name, data, x, variants...)
}

// cachedPart is Cached, CachedPractice and their shorthands: data gives
// the partial's data when it has to be made.
func (p *page) cachedPart(name string, data func() any, x *model.Practice, variants ...string) (template.HTML, error) {
	def, ok := p.s.defs[p.kind][name]
	if !ok {
		return "", fmt.Errorf("no template %q", name)
	}
	key := partKey{name: name, lang: p.Lang, def: def}
	if x != nil {
		key.practice = x.ID
	}
	// Most parts have one or two variants, which go in the key as they
	// are; more are joined.
	switch len(variants) {
	case 0:
	case 1:
		key.v0 = variants[0]
	case 2:
		key.v0, key.v1 = variants[0], variants[1]
	default:
		key.v0, key.v1, key.rest = variants[0], variants[1], strings.Join(variants[2:], "\x00")
	}
	key.n = len(variants)
	// The maps hold parts by a sum of their key, which is quick to look
	// up; the key itself is compared on a hit, and a part whose sum is
	// another's is made for the page alone.
	sum := key.sum()
	set := &p.s.parts
	if v, ok := set.now.Load(sum); ok {
		e := v.(*partEntry)
		if e.key == key {
			return e.part.html, nil
		}
		return p.s.executePart(p, name, data())
	}
	var part cachedPart
	if x != nil && p.s.cache != nil {
		part.sum, part.summed = p.s.cache.sums[x.ID]
	}
	if part.summed && set.last != nil {
		if v, ok := set.last.Load(sum); ok {
			if e := v.(*partEntry); e.key == key && e.part.summed && e.part.sum == part.sum {
				set.now.Store(sum, e)
				return e.part.html, nil
			}
		}
	}
	html, err := p.s.executePart(p, name, data())
	if err != nil {
		return "", err
	}
	part.html = html
	set.now.LoadOrStore(sum, &partEntry{key: key, part: part})
	return html, nil
}

// partEntry is a part as the maps of a partSet hold it, by the sum of its
// key.
type partEntry struct {
	key  partKey
	part cachedPart
}

// sum sums k for the maps of a partSet.
func (k *partKey) sum() uint64 {
	var h maphash.Hash
	h.SetSeed(cacheSeed)
	for _, s := range [...]string{k.name, k.lang, k.practice, k.v0, k.v1, k.rest} {
		h.WriteString(s)
		h.WriteByte(0)
	}
	writeUint64(&h, k.def)
	writeUint64(&h, uint64(k.n))
	return h.Sum64()
}

// partKey names a part made by Cached.
type partKey struct {
	name, lang string
	// def is the definition of name that the page's kind has, with those
	// of the templates it calls (definitions).
	def uint64
	// practice is the ID of the practice of a part (CachedPractice).
	practice string
	// The variants: the first two, the others joined, and how many.
	v0, v1, rest string
	n            int
}

// Part is the partial template name executed with data for this page
// alone, as a value: what {{template}} gives, within the page's limits.
func (p *page) Part(name string, data any) (template.HTML, error) {
	return p.s.executePart(p, name, data)
}

// up is the relative URL from the page to a folder of its language:
// what a partial's links into it depend on when it never links to the
// page it is on (a practice's card or list item, which no practice page
// lists for itself), so coarser than way and shared by more pages.
func (p *page) up(folder string) string { return relative(p.Path, p.Lang+"/"+folder) }

// CountryRef gives the "country-link" template the page and a country.
func (p *page) CountryRef(cc string) countryArg { return countryArg{P: p, Code: cc} }

type countryArg struct {
	P    *page
	Code string
}

// ThemeRef gives the "theme-link" template the page and a theme.
func (p *page) ThemeRef(slug string) themeArg { return themeArg{P: p, Theme: slug} }

type themeArg struct {
	P     *page
	Theme string
}

// Visit gives the "visit" template the page, a visit and whether its
// table has a year column.
func (p *page) Visit(ev model.ExchangeVisit, year bool) visitArg {
	key := strconv.Itoa(ev.Exchange) + "\x00" + ev.Visitor
	if year {
		key += "\x00year"
	}
	a := visitArg{P: p, V: ev, Year: year, Key: key}
	// The exchange as the practice's text for the page tells it (its
	// institutions and notes translated), else as the source does.
	for _, t := range []*model.Text{ev.Practice.In(p.Lang), ev.Practice.Source} {
		if t != nil && ev.Exchange >= 0 && ev.Exchange < len(t.Exchanges) {
			a.Ex, a.T = t.Exchanges[ev.Exchange], t
			break
		}
	}
	return a
}

type visitArg struct {
	P    *page
	V    model.ExchangeVisit
	Year bool
	// Ex is the visit's exchange in T, the practice's text for the page
	// (nil when the practice has no such exchange).
	Ex model.Exchange
	T  *model.Text
	// Key tells the row among those of its practice on one page, a
	// variant for CachedPractice: the exchange, the visiting country and
	// whether the table has a year column.
	Key string
}

// The shorthands below are what the built-in templates call: each is the
// Cached (or CachedPractice, KeptPractice) call named in its comment,
// with the partial's data made only when the part is, and no variant for
// the template to work out on each page (TestShorthandsAreCached holds
// them to those calls). They are worth it for the partials that show
// thousands of times: the generic calls cost the built-in site 14% more
// time at 1,000 practices (docs/speed.md).

// CachedCard is {{$.CachedPractice "card" ($.Card x) x $.Up.Practices}}.
func (p *page) CachedCard(x *model.Practice) (template.HTML, error) {
	return p.cachedPart("card", func() any { return p.Card(x) }, x, p.Up.Practices)
}

// CachedItem is {{$.CachedPractice "practice-item" ($.Card x) x
// $.Up.Practices}}.
func (p *page) CachedItem(x *model.Practice) (template.HTML, error) {
	return p.cachedPart("practice-item", func() any { return p.Card(x) }, x, p.Up.Practices)
}

// CachedCardAt is {{$.CachedPractice "card" ($.CardAt x cc) x
// $.Up.Practices cc}}: a card on the page of the country cc.
func (p *page) CachedCardAt(x *model.Practice, cc string) (template.HTML, error) {
	return p.cachedPart("card", func() any { return p.CardAt(x, cc) }, x, p.Up.Practices, cc)
}

// CachedItemAt is {{$.CachedPractice "practice-item" ($.CardAt x cc) x
// $.Up.Practices cc}}: a list item on the page of the country cc.
func (p *page) CachedItemAt(x *model.Practice, cc string) (template.HTML, error) {
	return p.cachedPart("practice-item", func() any { return p.CardAt(x, cc) }, x, p.Up.Practices, cc)
}

// CachedCountryLink is {{$.Cached "country-link" ($.CountryRef cc) cc
// $.Way.Countries}}.
func (p *page) CachedCountryLink(cc string) (template.HTML, error) {
	return p.cachedPart("country-link", func() any { return p.CountryRef(cc) }, nil, cc, p.Way.Countries)
}

// CachedThemeLink is {{$.Cached "theme-link" ($.ThemeRef slug) slug
// $.Way.Themes}}.
func (p *page) CachedThemeLink(slug string) (template.HTML, error) {
	return p.cachedPart("theme-link", func() any { return p.ThemeRef(slug) }, nil, slug, p.Way.Themes)
}

// CachedInstitution is {{$.Cached "institution" ($.Inst t in) t.Lang
// in.Name in.Acronym in.Country in.Type $.Way.Countries}}.
func (p *page) CachedInstitution(t *model.Text, in model.Institution) (template.HTML, error) {
	return p.cachedPart("institution", func() any { return p.Inst(t, in) }, nil, t.Lang, in.Name, in.Acronym, in.Country, in.Type, p.Way.Countries)
}

// CachedExchangesLink is {{$.CachedPractice "exchanges-link" ($.Card x) x
// $.Way.Practices}}.
func (p *page) CachedExchangesLink(x *model.Practice) (template.HTML, error) {
	return p.cachedPart("exchanges-link", func() any { return p.Card(x) }, x, p.Way.Practices)
}

// CachedMenu is {{$.Cached "menu" $ $.Nav $.Place}}.
func (p *page) CachedMenu() (template.HTML, error) {
	return p.cachedPart("menu", func() any { return p }, nil, p.Nav, p.Place)
}

// KeptVisit is {{$v := $.Visit ev year}}{{$.KeptPractice "visit" $v
// ev.Practice $v.Key $.Path}}.
func (p *page) KeptVisit(ev model.ExchangeVisit, year bool) (template.HTML, error) {
	v := p.Visit(ev, year)
	return p.keptPart("visit", func() any { return v }, ev.Practice, v.Key, p.Path)
}

// The methods below are what the built-in templates called before Cached:
// a catalog's own templates may still call them, and each makes its
// partial for the page alone.

// CardHTML is a practice's card, made by the "card" template.
func (p *page) CardHTML(x *model.Practice) (template.HTML, error) {
	return p.Part("card", p.Card(x))
}

// ItemHTML is a practice as an item of a list, made by "practice-item".
func (p *page) ItemHTML(x *model.Practice) (template.HTML, error) {
	return p.Part("practice-item", p.Card(x))
}

// CountryLink is a link to a country's page, made by "country-link".
func (p *page) CountryLink(cc string) (template.HTML, error) {
	return p.Part("country-link", p.CountryRef(cc))
}

// ThemeLink is a link to a theme's page, made by "theme-link".
func (p *page) ThemeLink(slug string) (template.HTML, error) {
	return p.Part("theme-link", p.ThemeRef(slug))
}

// InstitutionHTML is an institution named in the text t, made by
// "institution".
func (p *page) InstitutionHTML(t *model.Text, in model.Institution) (template.HTML, error) {
	return p.Part("institution", p.Inst(t, in))
}

// ExchangesLink is a link to the exchanges of a practice's page, made by
// "exchanges-link".
func (p *page) ExchangesLink(x *model.Practice) (template.HTML, error) {
	return p.Part("exchanges-link", p.Card(x))
}

// VisitHTML is an exchange visit as a row of a table of visits, made by
// "visit".
func (p *page) VisitHTML(ev model.ExchangeVisit, year bool) (template.HTML, error) {
	return p.Part("visit", p.Visit(ev, year))
}

// Menu is the site's menu, made by the "menu" template given the page.
func (p *page) Menu() (template.HTML, error) { return p.Part("menu", p) }

// definitions gives each template of t a sum of its definition and of
// those of the templates it calls, at any depth: two page kinds' templates
// make the same part with a partial whose sums are equal (a kind's own
// file may define a partial for its pages only). t must not have been
// executed yet.
func definitions(t *template.Template) map[string]uint64 {
	trees := map[string]*parse.Tree{}
	for _, x := range t.Templates() {
		if x.Tree != nil && x.Tree.Root != nil {
			trees[x.Name()] = x.Tree
		}
	}
	sums := map[string]uint64{}
	for name := range trees {
		var h maphash.Hash
		h.SetSeed(cacheSeed)
		seen := map[string]bool{}
		var add func(string)
		add = func(name string) {
			if seen[name] {
				return
			}
			seen[name] = true
			h.WriteString(name)
			h.WriteByte(0)
			tree := trees[name]
			if tree == nil {
				h.WriteByte(1) // undefined: executing it fails alike
				return
			}
			h.WriteString(tree.Root.String())
			h.WriteByte(0)
			for _, called := range calledTemplates(tree.Root) {
				add(called)
			}
		}
		add(name)
		sums[name] = h.Sum64()
	}
	return sums
}

// calledTemplates lists the templates that n calls by {{template}} or
// {{block}}, in order.
func calledTemplates(n parse.Node) []string {
	var out []string
	var walk func(parse.Node)
	walk = func(n parse.Node) {
		switch n := n.(type) {
		case *parse.ListNode:
			if n == nil {
				return
			}
			for _, c := range n.Nodes {
				walk(c)
			}
		case *parse.TemplateNode:
			out = append(out, n.Name)
		case *parse.IfNode:
			walk(n.List)
			walk(n.ElseList)
		case *parse.RangeNode:
			walk(n.List)
			walk(n.ElseList)
		case *parse.WithNode:
			walk(n.List)
			walk(n.ElseList)
		}
	}
	walk(n)
	return out
}

// executePart executes the partial template name (of partials.html, or
// of the page kind's own file) with the templates of the pages of p's
// kind in p's language, with data, as part of making p: within p's time,
// and with a size limit of its own. It writes into a buffer lent by
// partBuffers: tens of thousands of cards and list items each grew a new
// one five times.
func (s *site) executePart(p *page, name string, data any) (template.HTML, error) {
	t := s.tmpl[p.Lang][p.kind]
	// file is the template file that defines the partial, for an error.
	file := func() string {
		if x := t.Lookup(name); x != nil && x.Tree != nil {
			return "templates/" + x.Tree.ParseName
		}
		return "templates/html/" + p.kind + ".html"
	}
	if p.depth >= maxPartDepth {
		return "", &TemplateError{File: file(), Page: p.Path, Msg: fmt.Sprintf("partials show one another more than %d deep (does %q show itself?)", maxPartDepth, name)}
	}
	p.depth++
	defer func() { p.depth-- }()
	w := partBuffers.Get().(*limitWriter)
	defer partBuffers.Put(w)
	w.buf.Reset()
	w.size, w.halt = s.opt.Limits.size(), &s.halt
	if err := t.ExecuteTemplate(w, name, data); err != nil {
		if errors.Is(err, errTooBig) {
			return "", &TemplateError{File: file(), Page: p.Path, Msg: fmt.Sprintf("the partial %q grew past %s, the most a page may have (does a {{range}} write without end?)", name, mebibytes(w.size))}
		}
		return "", err
	}
	return template.HTML(w.buf.String()), nil
}

var partBuffers = sync.Pool{New: func() any { return &limitWriter{buf: new(bytes.Buffer)} }}

// way is what links from the page into a folder of its language
// ("countries/") depend on: the relative URL to the folder, and for a
// page inside it (a country's page) the page's own folder too, since its
// link to itself is "index.html".
func (p *page) way(folder string) string {
	target := p.Lang + "/" + folder
	w := relative(p.Path, target)
	if strings.HasPrefix(p.Path, target) {
		w += "|" + path.Dir(p.Path)
	}
	return w
}

// place is where the page is, as far as its links to other folders go:
// its folder, except that all practice pages stand for one place
// ("es/practices/*"), and so do all country pages and all theme pages,
// since their links to anything outside their own folder are the same.
func (p *page) place() string {
	dir := path.Dir(p.Path)
	parent, _ := path.Split(dir)
	switch strings.TrimPrefix(parent, p.Lang+"/") {
	case "practices/", "countries/", "themes/":
		return parent + "*"
	}
	return dir
}

// Sorted sorts practices by title in the page's language.
func (p *page) Sorted(list []*model.Practice) []*model.Practice {
	return collation.SortKept(p.s.titles[p.Lang], list, func(x *model.Practice) string { return x.In(p.Lang).Title })
}

// assets copies the CSS and JavaScript.
func (s *site) assets() error {
	entries, err := fs.ReadDir(s.opt.Templates, "assets")
	if err != nil {
		return fmt.Errorf("templates: %w", err)
	}
	for _, e := range entries {
		if e.IsDir() {
			continue
		}
		src, err := fs.ReadFile(s.opt.Templates, path.Join("assets", e.Name()))
		if err != nil {
			return fmt.Errorf("templates: %w", err)
		}
		if err := s.out.Write("assets/"+e.Name(), src); err != nil {
			return err
		}
	}
	return nil
}

// sortedKeys returns a map's keys, sorted.
func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.SortFunc(keys, cmp.Compare)
	return keys
}

// SiteIn returns the catalog's title, subtitle or publisher in lang.
func (p *page) SiteIn(lang, field string) string {
	q := *p
	q.Lang = lang
	return q.Site(field)
}

// LanguageName names a language in the page's language ("Spanish").
func (p *page) LanguageName(lang string) string {
	if n := display.Tags(language.Make(p.Lang)).Name(language.Make(lang)); n != "" {
		return n
	}
	return lang
}

// Own marks page words inside a text in another language (a practice not
// yet translated): lang="es" on an English page's headings, else nothing.
func (p *page) Own(t *model.Text) template.HTMLAttr {
	if t.Lang == p.Lang {
		return ""
	}
	return template.HTMLAttr(` lang="` + template.HTMLEscapeString(p.Lang) + `"`)
}

// DocLang is the language to mark a source's title with inside text t:
// its document's (lang, else the catalog's first, where sources are
// given) where that is not t's, else "".
func (p *page) DocLang(t *model.Text, lang string) string {
	if l := cmp.Or(lang, p.s.cfg.DefaultLanguage()); l != t.Lang {
		return l
	}
	return ""
}

// Outcome names what came of an exchange ("adapting") in the page's
// language; an exchange that does not say is "unknown".
func (p *page) Outcome(code string) string {
	return p.T("outcome." + cmp.Or(code, "unknown"))
}

// Cost names what adapting a practice costs ("medium") in the page's
// language; a practice that does not say is "unknown".
func (p *page) Cost(code string) string {
	return p.T("cost." + cmp.Or(code, "unknown"))
}

// Period is a practice's period as the page shows it, its dates in the
// page's language ("desde diciembre de 2012"), each in a <time> element.
func (p *page) Period(x *model.Practice) template.HTML {
	return piecesHTML(p.s.words.Period(p.Lang, x.Period))
}

// Web reports whether a front matter URL may be a link: http or https
// with a host (validate refuses the others; the site shows them as text).
func (p *page) Web(u string) bool {
	return markdown.Safe(u, false) && (strings.HasPrefix(u, "https://") || strings.HasPrefix(u, "http://"))
}

// Inst gives the "institution" template the page and one institution.
func (p *page) Inst(t *model.Text, in model.Institution) instArg { return instArg{P: p, T: t, I: in} }

type instArg struct {
	P *page
	T *model.Text // the text the institution is named in
	I model.Institution
}

// List gives the "practice-list" template the page and the practices.
func (p *page) List(list []*model.Practice) listArg { return listArg{P: p, List: list} }

// ListAt is List on the page of the country cc, whose items do not name it.
func (p *page) ListAt(list []*model.Practice, cc string) listArg {
	return listArg{P: p, List: list, At: cc}
}

type listArg struct {
	P    *page
	List []*model.Practice
	// At is the country whose page shows the list (ListAt), or "".
	At string
}

// Visits gives the "visits" template the page, a caption and the visits;
// year says whether the table needs a year column.
func (p *page) Visits(caption string, year bool, visits []model.ExchangeVisit) visitsArg {
	return visitsArg{P: p, Caption: caption, Year: year, Visits: visits}
}

type visitsArg struct {
	P       *page
	Caption string
	Year    bool
	Visits  []model.ExchangeVisit
}

var funcs = template.FuncMap{
	"inc": func(n int) int { return n + 1 },
}
