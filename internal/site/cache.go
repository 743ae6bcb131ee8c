package site

import (
	"hash/maphash"
	"html/template"
	"io/fs"
	"reflect"
	"regexp"
	"slices"
	"strings"
	"sync"
	"time"

	"catalog/internal/collation"
	"catalog/internal/config"
	"catalog/internal/model"
)

// Cache keeps what one render made for the next render of the same
// catalog to reuse: `catalog serve` renders the whole site again at every
// save, and a save changes one practice of a thousand. It keeps, per
// practice and language, the practice's page and the words its body gives
// the search, and the practice's cards, list items and rows of the
// tables of exchange visits; a render with the cache copies what it finds
// there whose inputs have not changed instead of executing the templates
// and the Markdown again. A page that lists practices (a country's, a
// theme's, the exchanges) is kept too, and reused while the practices it
// lists are the same; when one changed, it is rendered again from the
// cards, items and rows.
//
// What is kept is keyed by content, never by time. A practice is summed
// by practiceSum: its ID, its Hash (its files' bytes), the languages it
// has a file in and the practices that name it as related, which is all
// of its model. A practice page is keyed by the sum of its practice and of
// each related practice it lists, and by whether each practice its body
// links to is still public; a list page by the sums of what it lists and
// by the number of practices of each country and theme (which a template
// may ask any page for). Everything that every page shows (catalog.yaml,
// the templates and their words, the build date, whether the build has
// books and data) is compared as a whole: when any of it changes, the
// cache is emptied. So a render with a cache writes the same bytes as a
// render without one.
//
// A Cache holds one render's worth of pages in memory. Renders that share
// one run one at a time. The zero Cache is empty and ready.
type Cache struct {
	mu sync.Mutex

	// The site-wide inputs of the render that filled the cache.
	env *cacheEnv

	pages map[string]*pageEntry // by path
	// search holds each practice's entry in a language's search data.
	search map[pageID]*searchPart
	// parts are the last render's parts (partSet.now), of which those of
	// practices are reused (page.Cached).
	parts *sync.Map
	// countryOrder holds the country lists the last render sorted in a
	// language; names and collation do not depend on the catalog, so
	// these never go stale.
	countryOrder map[string][]string
	// titles keeps the sort keys of titles in each language (site.titles),
	// which do not depend on the catalog either.
	titles map[string]*collation.Keys

	// reused and rendered count the practice pages of the last render
	// that came from the cache and that were made again (Counts).
	reused, rendered int
}

// Counts reports how many practice pages the last render with the cache
// took from it, and how many it rendered again and kept.
func (c *Cache) Counts() (reused, rendered int) {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.reused, c.rendered
}

// cacheEnv is what every page of a render depends on besides the
// practices it shows.
type cacheEnv struct {
	dir       string // the catalog folder: the practices' file paths start with it
	cfg       *config.Config
	templates uint64 // sum of every template and words file read, see readLog
	// counted says that a template that practice pages, cards or items
	// are made with may ask for the number of practices of a country or
	// theme (page.Count, page.ThemeCount), which then goes into each
	// practice's sum.
	counted bool
	date    time.Time
	data    bool
	books   bool
}

func (e *cacheEnv) same(o *cacheEnv) bool {
	return o != nil && e.dir == o.dir && e.templates == o.templates && e.counted == o.counted &&
		e.date.Equal(o.date) && e.data == o.data && e.books == o.books && reflect.DeepEqual(e.cfg, o.cfg)
}

// pageEntry is a page as one render wrote it.
type pageEntry struct {
	// key sums the page's inputs besides the whole site's: for a practice
	// page practiceKey, for a list page what listKey was given.
	key  uint64
	page []byte
	// media are the media files the page shows (a practice's body, the
	// home's intro), to copy again when the page is reused.
	media []string
	// For a practice page: links are the practices the body links to,
	// each with whether the link led to its page (the practice was there
	// and public) or was dropped, which the page holds; words is
	// body.Words, lead body.Lead.
	links       map[string]bool
	words, lead string
}

// pageID names a practice in one language.
type pageID struct{ id, lang string }

// searchPart is a practice's entry in the search data, encoded.
type searchPart struct {
	sum   uint64 // practiceSum
	words string // body.Words it was made with
	title string
	json  []byte
}

// cachedPart is a partial as made, and for a part of a practice (a card,
// a list item, a visit) made with a cache, the sum of its practice
// (practiceSum; summed is false when there is none).
type cachedPart struct {
	html   template.HTML
	sum    uint64
	summed bool
}

// renderCache is a cache as one render uses it: what it may reuse, and
// what it made or reused, which becomes the cache for the next render.
type renderCache struct {
	c   *Cache
	env *cacheEnv
	// sums holds practiceSum of each practice of the catalog, by ID; a
	// practice without one (no Hash) is never taken from the cache.
	sums map[string]uint64
	// counts sums the number of practices of each country and theme.
	counts uint64

	mu               sync.Mutex
	next             map[string]*pageEntry
	nextSearch       map[pageID]*searchPart
	reused, rendered int // practice pages
}

var cacheSeed = maphash.MakeSeed()

// practiceSum sums a practice's model, which is what its cards, items and
// own page show of it: its ID, its Hash (the bytes of its files, which
// load reads the rest from), the languages it has a file in (two catalogs
// that differ only in a translation's language give the same Hash), the
// paths of those files (a template may show one, and a file moved to
// another folder of practices keeps its bytes) and the practices that
// name it as related; counts when env.counted. ok is false for a practice
// that load gave no Hash.
func (rc *renderCache) practiceSum(x *model.Practice) (sum uint64, ok bool) {
	if x.Hash == 0 {
		return 0, false
	}
	var h maphash.Hash
	h.SetSeed(cacheSeed)
	h.WriteString(x.ID)
	h.WriteByte(0)
	writeUint64(&h, x.Hash)
	for _, lang := range sortedKeys(x.Texts) {
		h.WriteString(lang)
		h.WriteByte(0)
		if f := x.Texts[lang].File; f != nil {
			h.WriteString(f.Path)
		}
		h.WriteByte(0)
	}
	h.WriteByte(1)
	for _, id := range x.RelatedBy {
		h.WriteString(id)
		h.WriteByte(0)
	}
	if rc.env.counted {
		writeUint64(&h, rc.counts)
	}
	return h.Sum64(), true
}

// countsSum sums the number of public practices of each country and
// theme, and of the regional ones of each country: page.Count,
// page.ThemeCount, page.OwnCount and page.RegionalCount.
func countsSum(cat *model.Catalog) uint64 {
	var h maphash.Hash
	h.SetSeed(cacheSeed)
	for _, index := range []map[string][]*model.Practice{cat.ByCountry, cat.ByTheme} {
		for _, k := range sortedKeys(index) {
			h.WriteString(k)
			h.WriteByte(0)
			writeUint64(&h, uint64(len(index[k])))
		}
		h.WriteByte(1)
	}
	for _, cc := range sortedKeys(cat.ByCountry) {
		n := 0
		for _, x := range cat.ByCountry[cc] {
			if regional(x) {
				n++
			}
		}
		writeUint64(&h, uint64(n))
	}
	return h.Sum64()
}

func writeUint64(h *maphash.Hash, v uint64) {
	var b [8]byte
	for i := range b {
		b[i] = byte(v >> (8 * i))
	}
	h.Write(b[:])
}

// begin starts a render of s with the cache: it empties the cache when the
// site-wide inputs changed, and gives s the cards, items, visits, sort
// keys of titles and sorted country lists that are still good. The caller
// holds c.mu.
func (c *Cache) begin(s *site, env *cacheEnv) *renderCache {
	if !env.same(c.env) {
		c.pages, c.search, c.parts = nil, nil, nil
	}
	c.env = env
	rc := &renderCache{c: c, env: env, sums: make(map[string]uint64, len(s.cat.Practices)), counts: countsSum(s.cat),
		next: map[string]*pageEntry{}, nextSearch: map[pageID]*searchPart{}}
	for _, x := range s.cat.Practices {
		if sum, ok := rc.practiceSum(x); ok {
			rc.sums[x.ID] = sum
		}
	}
	s.parts.last = c.parts
	s.lastOrder = c.countryOrder
	for lang, keys := range c.titles {
		if s.titles[lang] != nil {
			s.titles[lang] = keys.Next()
		}
	}
	return rc
}

// end makes what the render s made or reused the cache for the next
// render: what it did not use is dropped, so that the cache holds one
// site, not every version of it. The caller holds c.mu.
func (rc *renderCache) end(s *site) {
	c := rc.c
	c.pages = rc.next
	c.search = rc.nextSearch
	c.reused, c.rendered = rc.reused, rc.rendered
	c.parts = s.parts.now
	c.titles = s.titles
	c.countryOrder = map[string][]string{}
	s.countryOrder.Range(func(k, v any) bool {
		c.countryOrder[k.(string)] = v.([]string)
		return true
	})
}

// practiceKey sums the inputs of a practice's page besides those of the
// whole site: the practice and the related practices it lists, in order.
// ok is false when one of them cannot be summed.
func (rc *renderCache) practiceKey(x *model.Practice, related []*model.Practice) (uint64, bool) {
	var h maphash.Hash
	h.SetSeed(cacheSeed)
	for _, q := range append([]*model.Practice{x}, related...) {
		sum, ok := rc.sums[q.ID]
		if !ok {
			return 0, false
		}
		writeUint64(&h, sum)
	}
	return h.Sum64(), true
}

// reusePractice returns the cached page of x in lang when its inputs are
// the same in s, and keeps it for the next render.
func (rc *renderCache) reusePractice(s *site, file string, key uint64) *pageEntry {
	e := rc.c.pages[file]
	if e == nil || e.key != key {
		return nil
	}
	for id, linked := range e.links {
		q := s.cat.Practice(id)
		if (q != nil && !q.Restricted()) != linked {
			return nil
		}
	}
	rc.mu.Lock()
	rc.next[file] = e
	rc.reused++
	rc.mu.Unlock()
	return e
}

// keepPractice stores a practice page that was rendered, for the next
// render.
func (rc *renderCache) keepPractice(file string, e *pageEntry) {
	rc.mu.Lock()
	rc.next[file] = e
	rc.rendered++
	rc.mu.Unlock()
}

// listKey sums the inputs of a list page besides those of the whole site:
// its path, the counts, and what add gives it (the practices and visits
// the page lists, in order). ok is false when a practice cannot be summed.
func (rc *renderCache) listKey(path string, add func(k *listKey)) (uint64, bool) {
	k := &listKey{rc: rc, ok: true}
	k.h.SetSeed(cacheSeed)
	k.h.WriteString(path)
	k.h.WriteByte(0)
	writeUint64(&k.h, rc.counts)
	add(k)
	return k.h.Sum64(), k.ok
}

// reusePage returns the cached file at path when it was made with key,
// and keeps it for the next render.
func (rc *renderCache) reusePage(path string, key uint64) *pageEntry {
	e := rc.c.pages[path]
	if e == nil || e.key != key {
		return nil
	}
	rc.mu.Lock()
	rc.next[path] = e
	rc.mu.Unlock()
	return e
}

// keepPage stores a file that is not a practice page, made with the key
// e.key, for the next render.
func (rc *renderCache) keepPage(path string, e *pageEntry) {
	rc.mu.Lock()
	rc.next[path] = e
	rc.mu.Unlock()
}

// searchPart returns the search entry of practice x in lang, made with
// words, from the cache or by build.
func (rc *renderCache) searchPart(x *model.Practice, lang, words string, build func() (*searchPart, error)) (*searchPart, error) {
	id := pageID{x.ID, lang}
	sum, summed := rc.sums[x.ID]
	if e := rc.c.search[id]; summed && e != nil && e.sum == sum && e.words == words {
		rc.keepSearch(id, e)
		return e, nil
	}
	e, err := build()
	if err != nil {
		return nil, err
	}
	if summed {
		e.sum, e.words = sum, words
		rc.keepSearch(id, e)
	}
	return e, nil
}

func (rc *renderCache) keepSearch(id pageID, e *searchPart) {
	rc.mu.Lock()
	rc.nextSearch[id] = e
	rc.mu.Unlock()
}

// listKey is the key of a list page being summed.
type listKey struct {
	rc *renderCache
	h  maphash.Hash
	ok bool
}

func (k *listKey) practices(list []*model.Practice) {
	for _, x := range list {
		sum, ok := k.rc.sums[x.ID]
		k.ok = k.ok && ok
		writeUint64(&k.h, sum)
	}
	k.h.WriteByte(1)
}

// bytes sums data, and whether there is any (ok).
func (k *listKey) bytes(data []byte, ok bool) {
	if ok {
		k.h.WriteByte(1)
	}
	writeUint64(&k.h, uint64(len(data)))
	k.h.Write(data)
}

// visits sums visits: each is made of its practice's fields, but which
// visits a page lists depends on the other practices too.
func (k *listKey) visits(list []model.ExchangeVisit) {
	for _, ev := range list {
		sum, ok := k.rc.sums[ev.Practice.ID]
		k.ok = k.ok && ok
		writeUint64(&k.h, sum)
		writeUint64(&k.h, uint64(ev.Year))
		writeUint64(&k.h, uint64(ev.Exchange))
		k.h.WriteString(ev.Visitor)
		k.h.WriteByte(0)
		k.h.WriteString(strings.Join(ev.Hosts, ","))
		k.h.WriteByte(0)
		k.h.WriteString(ev.Kind)
		k.h.WriteByte(0)
	}
	k.h.WriteByte(1)
}

// bodyLinks records what a body's links depend on, for the cache.
type bodyLinks struct {
	practices map[string]bool
	media     []string
}

func (l *bodyLinks) practice(id string, linked bool) {
	if l == nil {
		return
	}
	if l.practices == nil {
		l.practices = map[string]bool{}
	}
	l.practices[id] = linked
}

func (l *bodyLinks) medium(name string) {
	if l != nil && !slices.Contains(l.media, name) {
		l.media = append(l.media, name)
	}
}

// readLog is the templates as a render reads them, summing each file read
// (and each file asked for and missing: a words file that appears changes
// the pages), in the order read. A render reads its templates in one
// goroutine, in a fixed order.
type readLog struct {
	fsys fs.FS
	h    maphash.Hash
}

func newReadLog(fsys fs.FS) *readLog {
	r := &readLog{fsys: fsys}
	r.h.SetSeed(cacheSeed)
	return r
}

func (r *readLog) Open(name string) (fs.File, error) { return r.fsys.Open(name) }

// ReadFile is what fs.ReadFile calls, which is how the templates and the
// words are read.
func (r *readLog) ReadFile(name string) ([]byte, error) {
	data, err := fs.ReadFile(r.fsys, name)
	r.h.WriteString(name)
	if err != nil {
		r.h.WriteString("\x00missing\x00")
		return nil, err
	}
	writeUint64(&r.h, uint64(len(data)))
	r.h.Write(data)
	return data, nil
}

func (r *readLog) sum() uint64 { return r.h.Sum64() }

// countCall finds a call of page.Count, ThemeCount, OwnCount,
// RegionalCount or Counts in a template,
// or the mere mention of one (in a comment, say), which is taken as a call.
var countCall = regexp.MustCompile(`\b(?:Theme|Own|Regional)?Counts?\b`)
