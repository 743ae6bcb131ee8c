// Package check judges a loaded catalog: every value against the
// catalog's vocabularies, the links between practices, the bodies'
// sections, links, raw HTML and sensitive data. It also owns the list of
// all rules (All) and applies catalog-ignore directives.
package check

import (
	"bytes"
	"errors"
	"html"
	"net/url"
	"path"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	"catalog/internal/config"
	"catalog/internal/country"
	"catalog/internal/diag"
	fm "catalog/internal/frontmatter"
	"catalog/internal/gate"
	"catalog/internal/load"
	"catalog/internal/media"
	"catalog/internal/model"
	"catalog/internal/suggest"
)

// All lists every rule that catalog reports, in the order of the docs.
func All() []*diag.Rule {
	return []*diag.Rule{
		fm.RuleEmptyFile, fm.RuleBinaryFile, fm.RuleEncoding, gate.RuleFileSize, gate.RuleSymlink, gate.RuleSpecialFile, load.RuleFileName,
		fm.RuleFrontMatter, fm.RuleYAMLSyntax, fm.RuleYAMLTab, fm.RuleLineSeparator, fm.RuleYAMLSpace, fm.RuleYAMLAnchor, fm.RuleYAMLTag,
		fm.RuleDuplicateKey, fm.RuleYAMLImplicit, fm.RuleUnknownField, fm.RuleFieldType, fm.RuleRequiredField,
		config.RuleConfig,
		load.RuleDuplicateID, load.RuleMissingSource, load.RuleTranslationMismatch,
		RuleCountryCode, RuleVocabulary, RuleFieldValue, RuleDuplicateValue, RuleSummaryLength,
		RulePeriod, RuleLastReviewed, RuleRelated, RuleExchange, RuleAdaptedFrom, RuleAdaptation, RuleURL,
		load.RuleNesting, RuleSection, RuleLink, RuleMedia, RuleBookImage, RuleRawHTML, RuleGlyph, RulePersonalData, RuleCaseNumber, load.RulePlaceholder,
		load.RuleIgnore, RuleUnusedIgnore, load.RuleInternal,
	}
}

// Lookup returns the rule with the id, or nil.
func Lookup(id string) *diag.Rule {
	for _, r := range All() {
		if r.ID == id {
			return r
		}
	}
	return nil
}

// Options tune a check.
type Options struct {
	// Now is "today" for dates in the future (compared as calendar dates in
	// Now's time zone: the writer's own "today"); zero means time.Now().
	Now time.Time

	// NoBodies is for a caller that needs only the diagnostics (validate):
	// the returned catalog's texts have a nil Body. Each body is then
	// scanned as its file is read and not kept, which saves most of the
	// memory of a check, and with it much of the time: on a machine where
	// fresh memory is slow to come by, a tenth of a second per 30 MB.
	NoBodies bool

	// Files is load's Options.Files: the files that have not changed
	// since an earlier check with the same cache are not read again
	// (catalog serve).
	Files *load.FileCache

	// Cache, when set, keeps each practice's problems for the next check
	// with it, which checks again only the practices that changed
	// (catalog serve). Not with NoBodies.
	Cache *Cache

	// Buffers is load's Options.Buffers: an editor's unsaved practice
	// files, checked in place of those on disk (catalog lsp).
	Buffers map[string][]byte

	// parseAll parses every body, even those that quiet vouches for: the
	// tests compare the two ways.
	parseAll bool
	// scans holds the scans of the bodies that loading did not keep.
	scans *scans
}

// scans are the scans of the bodies that loading did not keep, by file.
type scans struct {
	mu   sync.Mutex
	m    map[*model.File]*bodyScan
	want map[string][]string // by language, see sections
}

// keep is load's Options.Body: it scans the body and keeps it only when
// quiet cannot vouch for it from the scan, or glyphs will look at it.
func (s *scans) keep(cfg *config.Config, f *model.File, body []byte) bool {
	sc := scanBody(body)
	if !quietCovers || !sc.plain || !sc.drawable || !sc.hasSections(s.sections(cfg, f.Lang)) {
		return true
	}
	// The headings are in body, which loading reuses; quiet will not need
	// them.
	sc.headings, sc.sections = nil, true
	s.mu.Lock()
	s.m[f] = sc
	s.mu.Unlock()
	return false
}

// sections returns the sections required in lang, as normalHeading gives
// them.
func (s *scans) sections(cfg *config.Config, lang string) []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	want, ok := s.want[lang]
	if !ok {
		if s.want == nil {
			s.want = map[string][]string{}
		}
		want = normalHeadings(cfg.Sections[lang])
		s.want[lang] = want
	}
	return want
}

func (s *scans) get(f *model.File) *bodyScan {
	if s == nil {
		return nil
	}
	return s.m[f] // read only once loading is over
}

// Catalog loads and checks the catalog in dir and returns its problems,
// sorted, with catalog-ignore directives applied. The error is for what
// stops loading altogether.
func Catalog(dir string, opt Options) (*model.Catalog, []diag.Diagnostic, error) {
	var lopt load.Options
	if opt.NoBodies {
		opt.scans = &scans{m: map[*model.File]*bodyScan{}}
		lopt.Body = opt.scans.keep
	}
	lopt.Files = opt.Files
	lopt.Buffers = opt.Buffers
	cat, ds, err := load.CatalogWith(dir, lopt)
	if err != nil {
		return nil, nil, err
	}
	ds = append(ds, Run(cat, opt)...)
	ds = applyIgnores(cat, ds)
	diag.Sort(ds)
	if opt.NoBodies {
		for _, p := range cat.Practices {
			for _, t := range p.Texts {
				t.Body = nil
			}
		}
	}
	return cat, ds, nil
}

// Run checks a loaded catalog. Practices are checked in parallel; the
// result does not depend on scheduling.
func Run(cat *model.Catalog, opt Options) []diag.Diagnostic {
	if opt.Now.IsZero() {
		opt.Now = time.Now()
	}
	results := make([][]diag.Diagnostic, len(cat.Practices))
	c := opt.Cache
	if opt.scans != nil || opt.parseAll {
		c = nil // the checks read what is not in the files' sums
	}
	var kept map[string]*cacheEntry
	var entries []*cacheEntry
	if c != nil {
		c.mu.Lock()
		defer c.mu.Unlock()
		kept = c.begin(cat, opt.Now)
		entries = make([]*cacheEntry, len(cat.Practices))
	}
	var wg sync.WaitGroup
	next := make(chan int, len(cat.Practices))
	for i := range cat.Practices {
		next <- i
	}
	close(next)
	for range min(runtime.GOMAXPROCS(0), len(cat.Practices)) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			var tmp scratch
			for i := range next {
				p := cat.Practices[i]
				if c == nil {
					results[i], _ = checkPractice(cat, p, opt, &tmp, false)
					continue
				}
				key := practiceKey(p, cat.Config.Languages)
				if e := kept[p.ID]; e.reusable(cat, key) {
					results[i], entries[i] = e.diags, e
					continue
				}
				var media []mediaSeen
				results[i], media = checkPractice(cat, p, opt, &tmp, true)
				entries[i] = &cacheEntry{key: key, media: media, diags: results[i]}
			}
		}()
	}
	wg.Wait()
	if c != nil {
		for i, e := range entries {
			if e == kept[cat.Practices[i].ID] {
				c.reused++
			} else {
				c.checked++
			}
		}
		c.end(entries, cat)
	}
	out := bookImages(cat)
	for _, r := range results {
		out = append(out, r...)
	}
	return out
}

// bookImages checks the images catalog.yaml gives the book (book's
// cover_image and logos): each is in media/ and one the book draws.
func bookImages(cat *model.Catalog) []diag.Diagnostic {
	cfg := cat.Config
	var out []diag.Diagnostic
	for _, p := range append([]string{cfg.Book.CoverImage}, cfg.Book.Logos...) {
		if p == "" {
			continue
		}
		at := cfg.Book.At[p]
		// The shape of the other checks' report (an offset that is
		// none here), which TestFormatsInBoth reads the formats of.
		report := func(r *diag.Rule, _ int, format string, args ...any) {
			out = append(out, diag.New(r, cfg.Path, at.Line, at.Col, format, args...))
		}
		full := filepath.Join(cat.Dir, filepath.FromSlash(p))
		stamp := stampOf(cat, full)
		switch {
		case stamp.refused != nil:
			report(stamp.refused.Rule, 0, "%q: %s", p, refusal{stamp.refused})
		case !stamp.exists:
			report(RuleMedia, 0, "%q does not exist (looked for %s)", p, full)
		default:
			if err := bookImageProblem(cat, full, stamp); err != nil {
				report(RuleBookImage, 0, "image %q: the PDF book draws PNG and JPEG images of up to %d megapixels; it leaves this one off its cover", p, media.MaxImagePixels/1_000_000)
			}
		}
	}
	return out
}

// pass is the checking of one practice.
type pass struct {
	cat      *model.Catalog
	cfg      *config.Config
	p        *model.Practice
	now      time.Time
	parseAll bool
	scans    *scans
	diags    []diag.Diagnostic
	// glyphs holds, per file, the characters reported as undrawable.
	glyphs    []seenRunes
	glyphsBuf [2]seenRunes // glyphs' room for a practice in two languages
	tmp       *scratch
	// mediaSeen, when recording, lists the media files looked for (Cache).
	mediaSeen []mediaSeen
	recording bool
}

// scratch is memory that the checks of one goroutine reuse from practice to
// practice.
type scratch struct {
	fields []textField // frontText's list
	path   []byte      // has builds paths here
}

// seenRunes are the characters reported as undrawable in a file.
type seenRunes struct {
	file *model.File
	set  map[rune]bool // made at the first report
}

func (ps *pass) seenGlyphs(t *model.Text) *map[rune]bool {
	for i := range ps.glyphs {
		if ps.glyphs[i].file == t.File {
			return &ps.glyphs[i].set
		}
	}
	if ps.glyphs == nil {
		ps.glyphs = ps.glyphsBuf[:0]
	}
	ps.glyphs = append(ps.glyphs, seenRunes{file: t.File})
	return &ps.glyphs[len(ps.glyphs)-1].set
}

func (ps *pass) at(t *model.Text, r *diag.Rule, path string, format string, args ...any) {
	p := t.File.At(path)
	ps.diags = append(ps.diags, diag.New(r, t.File.Path, p.Line, p.Col, format, args...))
}

func (ps *pass) warnAt(t *model.Text, r *diag.Rule, path string, format string, args ...any) {
	ps.at(t, r, path, format, args...)
	ps.diags[len(ps.diags)-1].Severity = diag.Warning
}

// checkPractice checks one practice; with record, it also returns the
// media files it looked for (Cache). Whatever it reads beyond the
// practice's own files must be in Cache's key (cache.go): serve reuses its
// result until one of those changes.
func checkPractice(cat *model.Catalog, p *model.Practice, opt Options, tmp *scratch, record bool) (ds []diag.Diagnostic, media []mediaSeen) {
	ps := &pass{cat: cat, cfg: cat.Config, p: p, now: opt.Now, parseAll: opt.parseAll, scans: opt.scans, tmp: tmp, recording: record}
	defer func() {
		if r := recover(); r != nil {
			ds, media = append(ps.diags, diag.New(load.RuleInternal, p.Source.File.Path, 0, 0, "internal error while checking this practice: %v", r)), ps.mediaSeen
		}
	}()
	src := p.Source
	for i := range load.Fields {
		switch f := &load.Fields[i]; f.Kind {
		case load.KindCountries:
			ps.countries(src, f.Name, f.Codes(p))
		case load.KindCode:
			ps.enum(src, f.Name, f.Code(p), f.Values)
		case load.KindVocabulary:
			ps.vocabulary(src, f.Name, f.Codes(p), f.Vocabulary(ps.cfg))
		}
	}
	ps.period(src)
	ps.related(src)
	for i, s := range p.Sources {
		ip := fm.Item("sources", i)
		if s.Title == "" {
			ps.at(src, fm.RuleRequiredField, ip, "each source needs a title")
		}
		if s.URL != "" {
			ps.url(src, fm.Key(ip, "url"), s.URL)
		}
		if s.Year != 0 && (s.Year < 1900 || s.Year > ps.now.Year()) {
			ps.at(src, RuleFieldValue, fm.Key(ip, "year"), "source year %d is not plausible", s.Year)
		}
	}
	ps.exchanges(src)
	ps.adaptedFrom(src)
	ps.adaptation(src)
	for _, lang := range ps.cfg.Languages {
		if t := p.Texts[lang]; t != nil {
			ps.text(t, t == src)
		}
	}
	return ps.diags, ps.mediaSeen
}

// The values of the parts of fields that take one of a few (catalog new's
// flags complete the institution types; catalog vocab and catalog schema
// list them all); a field's own are in load.Fields.
var (
	InstitutionTypes = []string{"government", "judiciary", "prosecution", "police", "ngo", "international", "private", "academia"}
	Ratings          = []string{"evidenced", "reported", "not-assessed"}
	ExchangeKinds    = []string{"internship", "study-visit", "adaptation"}
	Outcomes         = []string{"under-study", "adapting", "adapted", "not-adopted", "unknown"}
	Costs            = []string{"low", "medium", "high", "unknown"}
)

func (ps *pass) enum(t *model.Text, path, value string, allowed []string) {
	if value == "" || slices.Contains(allowed, value) || load.IsPlaceholder(value) {
		return
	}
	hint := labelHint(path, value, allowed)
	if hint == nil {
		hint = suggest.Hint(value, allowed)
	}
	ps.at(t, RuleFieldValue, path, "%s must be one of %s, not %q%s", fm.Label(path), strings.Join(allowed, ", "), value, hint)
}

func (ps *pass) countries(t *model.Text, path string, codes []string) {
	for i, c := range codes {
		ip := fm.Item(path, i)
		if load.IsPlaceholder(c) {
			continue
		}
		if cc, ok := country.Canonical(c); ok && cc == c {
			if slices.Index(codes, c) < i {
				ps.warnAt(t, RuleDuplicateValue, ip, "country %s is listed twice", c)
			}
			continue
		}
		if s, ok := country.Exact(c); ok {
			ps.at(t, RuleCountryCode, ip, "unknown country code %q: write %s (%s)", c, s, CountryName(s))
			continue
		}
		if s := country.Suggest(c); s != "" {
			ps.at(t, RuleCountryCode, ip, "unknown country code %q (did you mean %s, %s?)", c, s, CountryName(s))
			continue
		}
		ps.at(t, RuleCountryCode, ip, "unknown country code %q", c)
	}
}

func (ps *pass) vocabulary(t *model.Text, path string, slugs []string, v *config.Vocabulary) {
	for i, s := range slugs {
		ip := fm.Item(path, i)
		if load.IsPlaceholder(s) {
			continue
		}
		if !v.Has(s) {
			ps.at(t, RuleVocabulary, ip, "unknown %s %q%s; `catalog vocab %s` lists the codes to choose from", termNoun{v}, s, v.Hint(s), v.Name)
		} else if slices.Index(slugs, s) < i {
			ps.warnAt(t, RuleDuplicateValue, ip, "%s %q is listed twice", termNoun{v}, s)
		}
	}
}

// singular is what messages call one of v's terms.
func singular(v *config.Vocabulary) string {
	if v.Singular != "" {
		return v.Singular
	}
	return v.Name
}

func (ps *pass) period(t *model.Text) {
	per := ps.p.Period
	if per.Start.IsZero() {
		return
	}
	if per.Start.Year > ps.now.Year() {
		ps.at(t, RulePeriod, "period.start", "the practice starts in %s, in the future", per.Start)
	}
	if per.Start.Year < 1900 {
		ps.at(t, RulePeriod, "period.start", "a start in %s is not plausible", per.Start)
	}
	if !per.End.IsZero() && per.End.Before(per.Start) {
		ps.at(t, RulePeriod, "period.end", "the period ends (%s) before it starts (%s)", per.End, per.Start)
	}
	switch {
	case ps.p.Status == "ended" && per.End.IsZero():
		ps.warnAt(t, RulePeriod, "status", "the status is ended but the period has no end; add period.end")
	case ps.p.Status == "ongoing" && !per.End.IsZero() && per.End.Year < ps.now.Year():
		ps.warnAt(t, RulePeriod, "period.end", "the status is ongoing but the period ended in %s", per.End)
	}
}

func (ps *pass) related(t *model.Text) {
	for i, id := range ps.p.Related {
		ip := fm.Item("related", i)
		q := ps.cat.Practice(id)
		switch {
		case id == ps.p.ID:
			ps.at(t, RuleRelated, ip, "a practice cannot be related to itself")
		case q == nil:
			ps.at(t, RuleRelated, ip, "no practice %q in this catalog%s", id, suggest.Hint(id, ps.ids()))
		case slices.Index(ps.p.Related, id) < i:
			ps.warnAt(t, RuleDuplicateValue, ip, "related practice %q is listed twice", id)
		case q.Restricted() && !ps.p.Restricted():
			ps.warnAt(t, RuleRelated, ip, "%q is restricted: public builds leave this link out", id)
		}
	}
}

func (ps *pass) ids() []string {
	out := make([]string, len(ps.cat.Practices))
	for i, p := range ps.cat.Practices {
		out[i] = p.ID
	}
	return out
}

func (ps *pass) exchanges(t *model.Text) {
	for i, ex := range t.Exchanges {
		ip := fm.Item("exchanges", i)
		switch {
		case ex.Year == 0:
			if !t.File.Has(fm.Key(ip, "year")) {
				ps.at(t, fm.RuleRequiredField, ip, "each exchange needs a year")
			}
		case ex.Year > ps.now.Year():
			ps.at(t, RuleExchange, fm.Key(ip, "year"), "exchange year %d is in the future", ex.Year)
		case ex.Year < 1990:
			ps.at(t, RuleExchange, fm.Key(ip, "year"), "exchange year %d is not plausible", ex.Year)
		case !ps.p.Period.Start.IsZero() && ex.Year < ps.p.Period.Start.Year:
			ps.warnAt(t, RuleExchange, fm.Key(ip, "year"), "the exchange (%d) is before the practice started (%s)", ex.Year, ps.p.Period.Start)
		}
		if len(ex.Visitors) == 0 {
			ps.at(t, RuleExchange, ip, "each exchange needs visitors: the country codes of who came")
		}
		ps.countries(t, fm.Key(ip, "visitors"), ex.Visitors)
		for j, v := range ex.Visitors {
			if slices.Contains(ps.p.Countries, v) {
				ps.warnAt(t, RuleExchange, fm.Item(fm.Key(ip, "visitors"), j), "%s is the practice's own country; an exchange records visitors from elsewhere", v)
			}
		}
		if ex.Kind == "" {
			ps.at(t, fm.RuleRequiredField, ip, "each exchange needs a kind (%s)", strings.Join(ExchangeKinds, ", "))
		}
		ps.enum(t, fm.Key(ip, "kind"), ex.Kind, ExchangeKinds)
		ps.enum(t, fm.Key(ip, "outcome"), ex.Outcome, Outcomes)
	}
}

// adaptedFrom checks the practices this one adapts: each exists, may be
// shown, is another and does not lead back to this one.
func (ps *pass) adaptedFrom(t *model.Text) {
	for i, a := range t.AdaptedFrom {
		ip := fm.Item("adapted_from", i)
		id := a.Practice
		q := ps.cat.Practice(id)
		switch {
		case id == "":
			ps.at(t, fm.RuleRequiredField, ip, "each entry of adapted_from needs the ID of a practice: - {practice: ID}")
			continue
		case id == ps.p.ID:
			ps.at(t, RuleAdaptedFrom, fm.Key(ip, "practice"), "a practice cannot adapt itself")
			continue
		case q == nil:
			ps.at(t, RuleAdaptedFrom, fm.Key(ip, "practice"), "no practice %q in this catalog%s", id, suggest.Hint(id, ps.ids()))
			continue
		case slices.IndexFunc(t.AdaptedFrom, func(b model.AdaptedFrom) bool { return b.Practice == id }) < i:
			ps.warnAt(t, RuleDuplicateValue, fm.Key(ip, "practice"), "practice %q is listed twice", id)
			continue
		case q.Restricted() && !ps.p.Restricted():
			ps.at(t, RuleAdaptedFrom, fm.Key(ip, "practice"), "%q is restricted: a public practice cannot say it adapts it (public builds leave it out)", id)
			continue
		}
		if path := adaptationCycle(ps.cat, ps.p.ID, id); path != nil {
			ps.at(t, RuleAdaptedFrom, fm.Key(ip, "practice"), "adapted_from goes round in a circle: %s", strings.Join(path, " → "))
			continue
		}
		if a.Year != 0 && (a.Year > ps.now.Year() || a.Year < 1990) {
			ps.at(t, RuleAdaptedFrom, fm.Key(ip, "year"), "the year of the adaptation, %d, is not plausible", a.Year)
		}
		if !adaptationLinked(ps.p, q) {
			ps.warnAt(t, RuleAdaptedFrom, fm.Key(ip, "practice"), "nothing links this practice to %q: no exchange of it was visited by %s, and the two share no source; record the visit in %s's exchanges, or cite what says this one adapts it", id, strings.Join(ps.p.Countries, ", "), id)
		}
	}
}

// adaptationCycle returns the way from the practice from back to id
// through adapted_from (id → … → id), or nil when there is none.
func adaptationCycle(cat *model.Catalog, id, from string) []string {
	seen := map[string]bool{}
	var walk func(at string, path []string) []string
	walk = func(at string, path []string) []string {
		path = append(path, at)
		if at == id {
			return path
		}
		if seen[at] {
			return nil
		}
		seen[at] = true
		q := cat.Practice(at)
		if q == nil {
			return nil
		}
		for _, next := range q.AdaptedFromIDs() {
			if found := walk(next, path); found != nil {
				return found
			}
		}
		return nil
	}
	return walk(from, []string{id})
}

// adaptationLinked reports whether something in the catalog links p to
// the practice q it adapts: a visit of q by one of p's countries, or a
// source the two cite.
func adaptationLinked(p, q *model.Practice) bool {
	for _, ex := range q.Exchanges() {
		for _, v := range ex.Visitors {
			if slices.Contains(p.Countries, v) {
				return true
			}
		}
	}
	for _, s := range p.Sources {
		for _, r := range q.Sources {
			if s.URL != "" && s.URL == r.URL || s.URL == "" && r.URL == "" && s.Title != "" && s.Title == r.Title {
				return true
			}
		}
	}
	return false
}

// adaptation checks what adapting the practice takes, and asks for it of
// a practice rated on replicability.
func (ps *pass) adaptation(t *model.Text) {
	a := t.Adaptation
	if a == nil {
		for _, r := range t.Criteria {
			if r.Criterion == "replicability" && r.Rating != "not-assessed" {
				ps.warnAt(t, RuleAdaptation, fm.Key("criteria", "replicability"), "the practice is rated on replicability but does not say what adapting it takes: add adaptation: {requires: [...], cost: ..., note: ...}")
			}
		}
		return
	}
	ps.vocabulary(t, "adaptation.requires", a.Requires, &ps.cfg.Requirements)
	ps.enum(t, "adaptation.cost", a.Cost, Costs)
}

// url checks an absolute URL of a source or contact.
func (ps *pass) url(t *model.Text, path, raw string) {
	u, err := parseURL(raw)
	switch {
	case err != nil:
		ps.at(t, RuleURL, path, "%q is not a valid URL", raw)
	case u.Scheme == "" && strings.Contains(raw, ".") && !strings.ContainsAny(raw, " @"):
		ps.at(t, RuleURL, path, "%q must be an http or https address: write https://%s", raw, strings.TrimPrefix(raw, "//"))
	case u.Scheme != "http" && u.Scheme != "https":
		ps.at(t, RuleURL, path, "%q must be an http or https address", raw)
	case u.Host == "":
		ps.at(t, RuleURL, path, "%q has no host", raw)
	}
}

// text checks what each language's file gives.
func (ps *pass) text(t *model.Text, isSource bool) {
	if n := utf8.RuneCountInString(t.Summary); n > 600 {
		ps.at(t, RuleSummaryLength, "summary", "the summary has %d characters, %d too many: keep it to 600 (it is shown on cards)", n, n-600)
	} else if t.SummaryParagraphs {
		ps.warnAt(t, RuleSummaryLength, "summary", "the summary has several paragraphs; cards show one: move the rest to the body")
	}
	if !t.LastReviewed.IsZero() && afterDay(t.LastReviewed, ps.now) {
		ps.at(t, RuleLastReviewed, "last_reviewed", "last_reviewed %s is in the future", t.LastReviewed.Format(time.DateOnly))
	}
	for i := range load.Fields {
		if f := &load.Fields[i]; f.Kind == load.KindInstitutions && (isSource || t.File.Has(f.Name)) {
			ps.institutions(t, f.Name, f.Institutions(t))
		}
	}
	if isSource {
		for _, r := range t.Criteria {
			kp := "criteria." + r.Criterion
			if !ps.cfg.Criteria.Has(r.Criterion) {
				ps.at(t, RuleVocabulary, kp, "unknown criterion %q%s", r.Criterion, suggest.Hint(r.Criterion, ps.cfg.Criteria.Slugs()))
			}
			if r.Rating == "" {
				ps.at(t, fm.RuleRequiredField, kp, "criterion %s needs a rating (%s)", r.Criterion, strings.Join(Ratings, ", "))
			}
			ps.enum(t, fm.Key(kp, "rating"), r.Rating, Ratings)
		}
	}
	if c := t.Contact; c != nil && (isSource || t.File.Has("contact")) {
		if c.Institution == "" {
			ps.at(t, fm.RuleRequiredField, "contact", "contact needs an institution")
		}
		if c.URL != "" {
			ps.url(t, "contact.url", c.URL)
		}
		if c.Email != "" && !emailRE.MatchString(c.Email) {
			ps.at(t, RuleFieldValue, "contact.email", "%q is not an e-mail address", c.Email)
		}
	}
	ps.frontText(t, isSource)
	ps.body(t)
}

func (ps *pass) institutions(t *model.Text, path string, list []model.Institution) {
	for i, in := range list {
		ip := fm.Item(path, i)
		if in.Name == "" {
			ps.at(t, fm.RuleRequiredField, ip, "each institution needs a name")
		}
		if in.Type == "" {
			ps.at(t, fm.RuleRequiredField, ip, "each institution needs a type (%s)", strings.Join(InstitutionTypes, ", "))
		}
		ps.enum(t, fm.Key(ip, "type"), in.Type, InstitutionTypes)
		if in.Country != "" {
			ps.countries(t, fm.Key(ip, "country"), []string{in.Country})
		}
	}
}

// afterDay reports a.Format(time.DateOnly) > b.Format(time.DateOnly): a
// later calendar day, each in its own time zone, compared without
// formatting both for every text.
func afterDay(a, b time.Time) bool {
	ay, am, ad := a.Date()
	by, bm, bd := b.Date()
	if ay < 0 || ay > 9999 || by < 0 || by > 9999 {
		return a.Format(time.DateOnly) > b.Format(time.DateOnly) // not four digits
	}
	return ay > by || ay == by && (am > bm || am == bm && ad > bd)
}

// frontText checks the front matter's free text for placeholders and
// personal data.
func (ps *pass) frontText(t *model.Text, isSource bool) {
	fields := ps.tmp.fields[:0]
	add := func(f textField) { fields = append(fields, f) }
	// own reports a field that t's own file gives; paths are built only
	// for a translation, and without an allocation.
	own := func(list string, item int, sub string) bool { return isSource || ps.has(t, list, item, sub) }
	add(textField{list: "title", item: -1, value: t.Title})
	add(textField{list: "summary", item: -1, value: t.Summary})
	for i, in := range t.Institutions {
		if own("institutions", i, "") {
			add(textField{list: "institutions", item: i, key: "name", value: in.Name})
		}
	}
	for i, in := range t.Partners {
		if own("partners", i, "") {
			add(textField{list: "partners", item: i, key: "name", value: in.Name})
		}
	}
	for _, r := range t.Criteria {
		if own("criteria", -1, r.Criterion) {
			add(textField{list: "criteria", item: -1, sub: r.Criterion, key: "note", value: r.Note})
		}
	}
	for i, ex := range t.Exchanges {
		if own("exchanges", i, "") {
			add(textField{list: "exchanges", item: i, key: "note", value: ex.Note})
			add(textField{list: "exchanges", item: i, key: "outcome_note", value: ex.OutcomeNote})
		}
	}
	for i, a := range t.AdaptedFrom {
		if own("adapted_from", i, "") {
			add(textField{list: "adapted_from", item: i, key: "note", value: a.Note})
		}
	}
	if a := t.Adaptation; a != nil && own("adaptation", -1, "") {
		add(textField{list: "adaptation", item: -1, key: "note", value: a.Note})
	}
	if isSource {
		for i, s := range ps.p.Sources {
			add(textField{list: "sources", item: i, key: "title", value: s.Title})
		}
	}
	if own("institutions", -1, "") {
		for i, in := range t.Institutions {
			add(textField{list: "institutions", item: i, key: "acronym", value: in.Acronym})
		}
	}
	if c := t.Contact; c != nil && own("contact", -1, "") {
		add(textField{list: "contact", item: -1, key: "institution", value: c.Institution})
		add(textField{list: "contact", item: -1, key: "role", value: c.Role})
	}
	if isSource {
		for i, s := range ps.p.Sources {
			add(textField{list: "sources", item: i, key: "publisher", value: s.Publisher})
		}
	}
	ps.tmp.fields = fields
	ps.frontGlyphs(t, fields, ps.seenGlyphs(t))
	for _, f := range fields {
		if load.IsPlaceholder(f.value) {
			continue
		}
		for _, found := range personalData(f.value) {
			ps.at(t, RulePersonalData, f.path(), "%s in %s: move institutional contacts to `contact`, and never publish a person's details", found, fm.Label(f.path()))
		}
		for _, found := range caseNumbers(f.value) {
			ps.at(t, RuleCaseNumber, f.path(), "%q looks like a case-file number, which can identify a victim; leave it out", found)
		}
	}
}

// textField is a free-text field of a text: its path is
// list[item].sub.key, each part when given.
type textField struct {
	list     string
	item     int // -1: none
	sub, key string
	value    string
}

func (f textField) path() string {
	p := f.list
	if f.item >= 0 {
		p = fm.Item(p, f.item)
	}
	if f.sub != "" {
		p = fm.Key(p, f.sub)
	}
	if f.key != "" {
		p = fm.Key(p, f.key)
	}
	return p
}

// has reports whether t's file gives the field list[item].sub (each part
// when given), without making the path a string to keep.
func (ps *pass) has(t *model.Text, list string, item int, sub string) bool {
	b := append(ps.tmp.path[:0], list...)
	if item >= 0 {
		b = append(b, '[')
		b = strconv.AppendInt(b, int64(item), 10)
		b = append(b, ']')
	}
	if sub != "" {
		b = append(b, '.')
		b = append(b, sub...)
	}
	ps.tmp.path = b
	return t.File.Has(string(b))
}

func short(s string) string {
	if r := []rune(s); len(r) > 60 {
		return string(r[:57]) + "…"
	}
	return s
}

// bodyRules are the rules that parsedBody, and what it calls, may report:
// the rules whose silence quiet must vouch for (quietVouches) or check
// itself. A report of any other rule from parsedBody is a bug that
// heldToBodyRules reports, so that a rule added to parsedBody fails the
// first test that sees it until it is declared here, and declaring it
// here turns quiet off (quietCovers) until quiet vouches for it too.
var bodyRules = []*diag.Rule{
	RuleSection, RuleRawHTML, RulePersonalData, RuleCaseNumber, // from the tree
	RuleURL, RuleLink, RuleMedia, RuleBookImage, gate.RuleSymlink, gate.RuleSpecialFile, // link and media
	RuleGlyph, // bodyGlyphs
}

// body checks the Markdown body. Only a body that quiet cannot vouch for
// is parsed (but for the tests' parseAll, which parses every body and
// holds quiet's word to what the parse reports).
func (ps *pass) body(t *model.Text) {
	src := t.Body
	sc := ps.scans.get(t.File)
	kept := sc == nil
	if kept {
		sc = scanBody(src)
	}
	vouched := ps.quiet(t, sc)
	if vouched && !ps.parseAll {
		if !sc.drawable { // so loading kept the body
			ps.bodyGlyphs(t, src, func(off int) (int, int) { return bodyPos(src, t.File.BodyLine, off) })
		}
		return
	}
	if !kept {
		// Loading did not keep this body, as the scan was clean, but a
		// link in it fails its check (a link to a practice that is
		// missing or restricted): read it again for the full check.
		folder, err := ps.cat.Gate()
		if err == nil {
			src, err = load.Body(folder, t.File)
		}
		if err != nil {
			ps.diags = append(ps.diags, diag.New(fm.RuleEncoding, t.File.Path, 0, 0, "cannot read: %v", err))
			return
		}
	}
	from := len(ps.diags)
	ps.parsedBody(t, src)
	ps.heldToBodyRules(t, from, vouched, sc.drawable)
}

// heldToBodyRules reports, as internal errors, the diagnostics from
// ps.diags[from:] (parsedBody's) of a rule outside bodyRules, and, when
// quiet vouched for the body, any but the glyph warnings that the quick
// path reports itself (when the body is not drawable).
func (ps *pass) heldToBodyRules(t *model.Text, from int, vouched, drawable bool) {
	for _, d := range ps.diags[from:] {
		switch {
		case !slices.Contains(bodyRules, d.Rule):
			ps.diags = append(ps.diags, diag.New(load.RuleInternal, t.File.Path, d.Line, d.Col,
				"the full check of the body reported the rule %q, which is not in bodyRules: the quick path does not vouch for it", d.Rule.ID))
		case vouched && (d.Rule != RuleGlyph || drawable):
			ps.diags = append(ps.diags, diag.New(load.RuleInternal, t.File.Path, d.Line, d.Col,
				"the quick path vouched for this body, but its full check reported %q: %s", d.Rule.ID, d.Message))
		}
	}
}

// bodyGlyphs reports the characters of the body that the book cannot draw.
func (ps *pass) bodyGlyphs(t *model.Text, src []byte, pos func(off int) (line, col int)) {
	glyphs(src, ps.seenGlyphs(t), func(off int, chars string) {
		line, col := pos(off)
		ps.diags = append(ps.diags, diag.New(RuleGlyph, t.File.Path, line, col,
			"the PDF book's fonts have no %q (%s): the book prints \"?\" instead; write it another way", chars, runeCodes(chars)))
		ps.diags[len(ps.diags)-1].Severity = diag.Warning
	})
}

// parsedBody checks the body src of t with its syntax tree. A body that
// nests too deep has no tree: loading reported it (load.RuleNesting).
func (ps *pass) parsedBody(t *model.Text, src []byte) {
	b, err := parseBody(src, t.File.BodyLine)
	if err != nil {
		return
	}
	report := func(r *diag.Rule, off int, format string, args ...any) {
		line, col := b.pos(off)
		ps.diags = append(ps.diags, diag.New(r, t.File.Path, line, col, format, args...))
	}
	ps.sections(t, b)
	for _, h := range b.html {
		if strings.HasPrefix(h.text, "</") {
			continue // the opening tag was reported
		}
		tag := h.text
		if i := strings.IndexByte(tag, '>'); i >= 0 {
			tag = tag[:i+1]
		}
		report(RuleRawHTML, h.off, "raw HTML %s is not rendered; write Markdown instead", short(tag))
	}
	for _, l := range b.links {
		ps.link(t, l, report)
	}
	ps.bodyGlyphs(t, src, b.pos)
	for _, s := range b.texts {
		text := b.src[s.start:s.stop]
		if !maybeSensitive(text) {
			continue
		}
		str := string(text)
		for _, found := range personalData(str) {
			report(RulePersonalData, s.start+strings.Index(str, found.text), "%s in the body: move institutional contacts to `contact`, and never publish a person's details", found)
		}
		for _, found := range caseNumbers(str) {
			report(RuleCaseNumber, s.start+strings.Index(str, found), "%q looks like a case-file number, which can identify a victim; leave it out", found)
		}
	}
}

func (ps *pass) sections(t *model.Text, b *body) {
	want := ps.cfg.Sections[t.Lang]
	if len(want) == 0 {
		return
	}
	if len(bytes.TrimSpace(b.src)) == 0 {
		ps.diags = append(ps.diags, diag.New(RuleSection, t.File.Path, t.File.BodyLine-1, 0,
			"the body is empty; it needs the sections %s, each a heading of its own line: ## %s", quoteList(want), want[0]))
		return
	}
	have := make([]string, len(b.headings))
	for i, h := range b.headings {
		have[i] = normalHeading(h.text)
	}
	var missing []string
	for _, w := range want {
		if !slices.Contains(have, normalHeading(w)) {
			missing = append(missing, w)
		}
	}
	if len(missing) == 0 {
		return
	}
	var headings []string
	for _, h := range b.headings {
		headings = append(headings, h.text)
	}
	for _, m := range missing {
		if s := suggest.Closest(m, headings); s != "" {
			ps.diags = append(ps.diags, diag.New(RuleSection, t.File.Path, t.File.BodyLine, 0,
				"the body has no section %s (required in %s: %s, each a heading of its own line: ## %s); is %q meant to be %q?", quoteList(missing), t.Lang, quoteList(want), missing[0], s, m))
			return
		}
	}
	ps.diags = append(ps.diags, diag.New(RuleSection, t.File.Path, t.File.BodyLine, 0,
		"the body has no section %s (required in %s: %s, each a heading of its own line: ## %s)", quoteList(missing), t.Lang, quoteList(want), missing[0]))
}

func quoteList(list []string) string {
	q := make([]string, len(list))
	for i, s := range list {
		q[i] = `"` + s + `"`
	}
	return strings.Join(q, ", ")
}

// normalHeading compares headings as a reader would: case, surrounding
// space and a trailing colon do not matter; accents do.
func normalHeading(s string) string {
	return strings.ToLower(strings.TrimRight(strings.TrimSpace(s), ": "))
}

func (ps *pass) link(t *model.Text, l link, report func(*diag.Rule, int, string, ...any)) {
	// A browser decodes character references in an href: "&#106;avascript:"
	// is "javascript:". Judge the destination as the browser will read it.
	dest := strings.TrimSpace(html.UnescapeString(l.dest))
	u, err := parseURL(dest)
	if err != nil {
		report(RuleURL, l.off, "%q is not a valid link", dest)
		return
	}
	switch strings.ToLower(u.Scheme) {
	case "http", "https":
		if u.Host == "" {
			report(RuleURL, l.off, "%q has no host", dest)
		}
		return
	case "mailto":
		if l.image {
			report(RuleURL, l.off, "an image cannot come from %q", dest)
		}
		return
	case "":
	default:
		report(RuleURL, l.off, "link %q: only http, https and mailto links are allowed (a %s: link could run in a reader's browser)", short(dest), u.Scheme)
		return
	}
	if u.Host != "" || strings.HasPrefix(dest, "//") {
		report(RuleURL, l.off, "%q: write the scheme, https://…", dest)
		return
	}
	if dest == "" || strings.HasPrefix(dest, "#") {
		return
	}
	if id := linkedPractice(u.Path); id != "" && !l.image {
		switch q := ps.cat.Practice(id); {
		case q == nil:
			report(RuleLink, l.off, "link to practice %q, which is not in this catalog%s", id, suggest.Hint(id, ps.ids()))
		case q.Restricted() && !ps.p.Restricted():
			// The site drops such a link, but catalog.json carries the
			// body as written, and with it the restricted practice's ID.
			report(RuleLink, l.off, "link to %q, which is restricted: the public catalog.json would show its ID; remove the link", id)
		}
		return
	}
	ps.media(t, u.Path, l, report)
}

// linkedPractice is model.LinkedPractice, without its regular expression
// for the usual links, "other-id.es.md" and "other-id.md".
func linkedPractice(path string) string {
	stem, ok := strings.CutSuffix(path, ".md")
	if !ok || stem == "" || strings.ContainsAny(stem, "/#?") {
		return model.LinkedPractice(path)
	}
	id, lang, two := strings.Cut(stem, ".")
	switch {
	case !two:
		return id
	case id != "" && lang != "" && strings.Trim(lang, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ-") == "":
		return id
	}
	return model.LinkedPractice(path)
}

// urlParts are the parts of a URL that the checks read.
type urlParts struct{ Scheme, Host, Path string }

// parseURL is url.Parse for the parts that the checks read, without its
// allocations for the usual links ("https://host/path",
// "other-practice.es.md", "../media/image.png"), whose parts it finds
// itself.
func parseURL(dest string) (urlParts, error) {
	rest, web := strings.CutPrefix(dest, "https://")
	scheme := "https"
	if !web {
		rest, web = strings.CutPrefix(dest, "http://")
		scheme = "http"
	}
	host, path := "", rest
	if web {
		host, path = rest, ""
		if i := strings.IndexByte(rest, '/'); i >= 0 {
			host, path = rest[:i], rest[i:]
		}
		if host == "" || !only(host, &hostChar) {
			return parseURLSlow(dest)
		}
	} else if strings.HasPrefix(dest, "//") {
		return parseURLSlow(dest) // a host without a scheme
	}
	// Letters, digits, "-._~/" and nothing else: no scheme, query, fragment,
	// escape or port, nothing url.Parse would refuse or change.
	if !only(path, &pathChar) {
		return parseURLSlow(dest)
	}
	if !web {
		scheme = ""
	}
	return urlParts{scheme, host, path}, nil
}

func parseURLSlow(dest string) (urlParts, error) {
	u, err := url.Parse(dest)
	if err != nil {
		return urlParts{}, err
	}
	return urlParts{u.Scheme, u.Host, u.Path}, nil
}

// The characters of the hosts and paths that parseURL reads itself.
var hostChar, pathChar = func() (host, path [256]bool) {
	for _, c := range []byte("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.-") {
		host[c], path[c] = true, true
	}
	for _, c := range []byte("_~/") {
		path[c] = true
	}
	return host, path
}()

func only[T string | []byte](s T, set *[256]bool) bool {
	for i := 0; i < len(s); i++ {
		if !set[s[i]] {
			return false
		}
	}
	return true
}

// media checks a relative path: it must stay inside the catalog's media
// folder and name a file there.
func (ps *pass) media(t *model.Text, p string, l link, report func(*diag.Rule, int, string, ...any)) {
	clean := path.Clean(strings.TrimPrefix(p, "/"))
	clean = strings.TrimPrefix(clean, "../")
	if !strings.HasPrefix(clean, "media/") || strings.Contains(clean, "..") {
		if l.image {
			report(RuleMedia, l.off, "image %q: files must be in the catalog's media/ folder (write media/NAME or ../media/NAME)", p)
		} else {
			report(RuleMedia, l.off, "link %q: files must be in the catalog's media/ folder (write media/NAME or ../media/NAME)", p)
		}
		return
	}
	full := filepath.Join(ps.cat.Dir, filepath.FromSlash(clean))
	stamp := stampOf(ps.cat, full)
	if ps.recording {
		ps.mediaSeen = append(ps.mediaSeen, mediaSeen{full, stamp})
	}
	if stamp.refused != nil {
		report(stamp.refused.Rule, l.off, "%q: %s", p, refusal{stamp.refused})
		return
	}
	if !stamp.exists {
		report(RuleMedia, l.off, "%q does not exist (looked for %s)", p, full)
		return
	}
	if l.image {
		if err := bookImageProblem(ps.cat, full, stamp); err != nil {
			bookImage(report, l.off, p, err)
		}
	}
}

// imageVerdicts keeps bookImageProblem's answers by file and stamp: an
// image is read once however many practices show it, and again once it
// changes.
var imageVerdicts sync.Map // imageKey → error (nil: the book draws it)

type imageKey struct {
	path  string
	stamp fileStamp
}

// imageHead is how much of an image bookImageProblem reads first: a PNG's
// or a JPEG's size is in its first kilobytes (a JPEG's after its
// metadata, which may take tens).
const imageHead = 256 << 10

// bookImageProblem says why the PDF book cannot draw the image at path,
// or nil: the book draws what media.ImageSize accepts, and leaves any
// other image out for its description, without a word.
func bookImageProblem(cat *model.Catalog, path string, stamp fileStamp) error {
	key := imageKey{path, stamp}
	if v, ok := imageVerdicts.Load(key); ok {
		err, _ := v.(error)
		return err
	}
	folder, err := cat.Gate()
	var head []byte
	if err == nil {
		head, err = folder.ReadHead(path, imageHead, gate.MaxMedia)
	}
	if err == nil {
		if _, _, _, err = media.ImageSize(head); err != nil && len(head) == imageHead {
			// The header runs past what was read: read it all.
			var all []byte
			if all, err = folder.ReadFile(path, gate.MaxMedia); err == nil {
				_, _, _, err = media.ImageSize(all)
			}
		}
	}
	imageVerdicts.Store(key, err)
	return err
}

// bookImage reports the image p, at off, that the PDF book cannot draw
// for err (bookImageProblem's).
func bookImage(report func(*diag.Rule, int, string, ...any), off int, p string, err error) {
	var bad *media.ImageError
	var refused *gate.Error
	switch {
	case errors.As(err, &bad) && bad.Kind == media.NotImage:
		report(RuleBookImage, off, "image %q: not a PNG or JPEG image; the PDF book prints its description in its place", p)
	case errors.As(err, &bad) && bad.Kind == media.OtherFormat:
		report(RuleBookImage, off, "image %q: %s image: only PNG and JPEG are supported; the PDF book prints its description in its place", p, strings.ToUpper(bad.Format))
	case errors.As(err, &bad) && bad.Kind == media.NoPixels:
		report(RuleBookImage, off, "image %q: %s image has no pixels (%d×%d); the PDF book prints its description in its place", p, bad.Format, bad.Width, bad.Height)
	case errors.As(err, &bad) && bad.Kind == media.TooLarge:
		report(RuleBookImage, off, "image %q: image is %d×%d pixels; reduce it below %d megapixels; the PDF book prints its description in its place", p, bad.Width, bad.Height, media.MaxImagePixels/1_000_000)
	case errors.As(err, &refused):
		report(RuleBookImage, off, "image %q: %s: %s; the PDF book prints its description in its place", p, refused.Path, refusal{refused})
	default: // the decoder's word on a PNG or JPEG it cannot read, or the system's
		report(RuleBookImage, off, "image %q: %s; the PDF book prints its description in its place", p, err)
	}
}
