// Package check judges a loaded catalog: every value against the
// catalog's vocabularies, the links between practices, the bodies'
// sections, links, raw HTML and sensitive data. It also owns the list of
// all rules (All) and applies catalog-ignore directives.
package check

import (
	"bytes"
	"fmt"
	"html"
	"net/url"
	"path"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	"catalog/internal/config"
	"catalog/internal/country"
	"catalog/internal/diag"
	fm "catalog/internal/frontmatter"
	"catalog/internal/load"
	"catalog/internal/model"
	"catalog/internal/suggest"
)

// All lists every rule that catalog reports, in the order of the docs.
func All() []*diag.Rule {
	return []*diag.Rule{
		fm.RuleEmptyFile, fm.RuleBinaryFile, fm.RuleEncoding, load.RuleFileSize, load.RuleFileName,
		fm.RuleFrontMatter, fm.RuleYAMLSyntax, fm.RuleYAMLTab, fm.RuleYAMLAnchor, fm.RuleYAMLTag,
		fm.RuleDuplicateKey, fm.RuleYAMLImplicit, fm.RuleUnknownField, fm.RuleFieldType, fm.RuleRequiredField,
		config.RuleConfig,
		load.RuleDuplicateID, load.RuleMissingSource, load.RuleTranslationMismatch,
		RuleCountryCode, RuleVocabulary, RuleFieldValue, RuleDuplicateValue, RuleSummaryLength,
		RulePeriod, RuleLastReviewed, RuleRelated, RuleExchange, RuleURL,
		RuleSection, RuleLink, RuleMedia, RuleRawHTML, RuleGlyph, RulePersonalData, RuleCaseNumber, load.RulePlaceholder,
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
}

// Catalog loads and checks the catalog in dir and returns its problems,
// sorted, with catalog-ignore directives applied. The error is for what
// stops loading altogether.
func Catalog(dir string, opt Options) (*model.Catalog, []diag.Diagnostic, error) {
	cat, ds, err := load.Catalog(dir)
	if err != nil {
		return nil, nil, err
	}
	ds = append(ds, Run(cat, opt)...)
	ds = applyIgnores(cat, ds)
	diag.Sort(ds)
	return cat, ds, nil
}

// Run checks a loaded catalog. Practices are checked in parallel; the
// result does not depend on scheduling.
func Run(cat *model.Catalog, opt Options) []diag.Diagnostic {
	if opt.Now.IsZero() {
		opt.Now = time.Now()
	}
	results := make([][]diag.Diagnostic, len(cat.Practices))
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
			for i := range next {
				results[i] = checkPractice(cat, cat.Practices[i], opt)
			}
		}()
	}
	wg.Wait()
	var out []diag.Diagnostic
	for _, r := range results {
		out = append(out, r...)
	}
	return out
}

// pass is the checking of one practice.
type pass struct {
	cat   *model.Catalog
	cfg   *config.Config
	p     *model.Practice
	now   time.Time
	diags []diag.Diagnostic
	// glyphs holds, per file, the characters reported as undrawable.
	glyphs map[*model.File]map[rune]bool
}

func (ps *pass) seenGlyphs(t *model.Text) map[rune]bool {
	if ps.glyphs == nil {
		ps.glyphs = map[*model.File]map[rune]bool{}
	}
	if ps.glyphs[t.File] == nil {
		ps.glyphs[t.File] = map[rune]bool{}
	}
	return ps.glyphs[t.File]
}

func (ps *pass) at(t *model.Text, r *diag.Rule, path string, format string, args ...any) {
	p := t.File.At(path)
	ps.diags = append(ps.diags, diag.New(r, t.File.Path, p.Line, p.Col, format, args...))
}

func (ps *pass) warnAt(t *model.Text, r *diag.Rule, path string, format string, args ...any) {
	ps.at(t, r, path, format, args...)
	ps.diags[len(ps.diags)-1].Severity = diag.Warning
}

func checkPractice(cat *model.Catalog, p *model.Practice, opt Options) (ds []diag.Diagnostic) {
	ps := &pass{cat: cat, cfg: cat.Config, p: p, now: opt.Now}
	defer func() {
		if r := recover(); r != nil {
			ds = append(ps.diags, diag.New(load.RuleInternal, p.Source.File.Path, 0, 0, "internal error while checking this practice: %v", r))
		}
	}()
	src := p.Source
	ps.countries(src, "countries", p.Countries)
	ps.enum(src, "scope", p.Scope, scopes)
	ps.enum(src, "status", p.Status, statuses)
	ps.enum(src, "level", p.Level, levels)
	ps.enum(src, "visibility", p.Visibility, visibilities)
	ps.vocabulary(src, "themes", p.Themes, &ps.cfg.Themes)
	ps.vocabulary(src, "target_groups", p.TargetGroups, &ps.cfg.TargetGroups)
	ps.vocabulary(src, "exploitation_forms", p.ExploitationForms, &ps.cfg.ExploitationForms)
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
	for _, lang := range ps.cfg.Languages {
		if t := p.Texts[lang]; t != nil {
			ps.text(t, t == src)
		}
	}
	return ps.diags
}

var (
	scopes           = []string{"local", "subnational", "national", "binational", "regional"}
	statuses         = []string{"ongoing", "ended", "unknown"}
	levels           = []string{"good", "promising", "emerging"}
	visibilities     = []string{"public", "restricted"}
	institutionTypes = []string{"government", "judiciary", "prosecution", "police", "ngo", "international", "private", "academia"}
	ratings          = []string{"evidenced", "reported", "not-assessed"}
	kinds            = []string{"internship", "study-visit", "adaptation"}
)

func (ps *pass) enum(t *model.Text, path, value string, allowed []string) {
	if value == "" || slices.Contains(allowed, value) || load.IsPlaceholder(value) {
		return
	}
	ps.at(t, RuleFieldValue, path, "%s must be one of %s, not %q%s", fm.Label(path), strings.Join(allowed, ", "), value, suggest.Hint(value, allowed))
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
		hint := ""
		if s := country.Suggest(c); s != "" {
			hint = fmt.Sprintf(" (did you mean %q, %s?)", s, country.Name(s, "en"))
		}
		ps.at(t, RuleCountryCode, ip, "unknown country code %q%s", c, hint)
	}
}

func (ps *pass) vocabulary(t *model.Text, path string, slugs []string, v *config.Vocabulary) {
	for i, s := range slugs {
		ip := fm.Item(path, i)
		if load.IsPlaceholder(s) {
			continue
		}
		if !v.Has(s) {
			ps.at(t, RuleVocabulary, ip, "unknown %s %q%s (the vocabulary is in catalog.yaml under %s)", singular(v.Name), s, suggest.Hint(s, v.Slugs()), v.Name)
		} else if slices.Index(slugs, s) < i {
			ps.warnAt(t, RuleDuplicateValue, ip, "%s %q is listed twice", singular(v.Name), s)
		}
	}
}

func singular(name string) string {
	switch name {
	case "themes":
		return "theme"
	case "target_groups":
		return "target group"
	case "exploitation_forms":
		return "form of exploitation"
	case "criteria":
		return "criterion"
	}
	return name
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
			if _, ok := t.File.Pos[fm.Key(ip, "year")]; !ok {
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
			ps.at(t, fm.RuleRequiredField, ip, "each exchange needs a kind (%s)", strings.Join(kinds, ", "))
		}
		ps.enum(t, fm.Key(ip, "kind"), ex.Kind, kinds)
	}
}

// url checks an absolute URL of a source or contact.
func (ps *pass) url(t *model.Text, path, raw string) {
	u, err := url.Parse(raw)
	switch {
	case err != nil:
		ps.at(t, RuleURL, path, "%q is not a valid URL", raw)
	case u.Scheme != "http" && u.Scheme != "https":
		ps.at(t, RuleURL, path, "%q must be an http or https address", raw)
	case u.Host == "":
		ps.at(t, RuleURL, path, "%q has no host", raw)
	}
}

// text checks what each language's file gives.
func (ps *pass) text(t *model.Text, isSource bool) {
	if n := utf8.RuneCountInString(t.Summary); n > 600 {
		ps.at(t, RuleSummaryLength, "summary", "the summary has %d characters; keep it under 600 (it is shown on cards)", n)
	} else if strings.Contains(strings.TrimSpace(t.Summary), "\n\n") {
		ps.warnAt(t, RuleSummaryLength, "summary", "the summary has several paragraphs; cards show one: move the rest to the body")
	}
	if !t.LastReviewed.IsZero() && t.LastReviewed.Format(time.DateOnly) > ps.now.Format(time.DateOnly) {
		ps.at(t, RuleLastReviewed, "last_reviewed", "last_reviewed %s is in the future", t.LastReviewed.Format(time.DateOnly))
	}
	own := t.File.Pos
	if isSource || hasPath(own, "institutions") {
		ps.institutions(t, "institutions", t.Institutions)
	}
	if isSource || hasPath(own, "partners") {
		ps.institutions(t, "partners", t.Partners)
	}
	if isSource {
		for _, r := range t.Criteria {
			kp := "criteria." + r.Criterion
			if !ps.cfg.Criteria.Has(r.Criterion) {
				ps.at(t, RuleVocabulary, kp, "unknown criterion %q%s", r.Criterion, suggest.Hint(r.Criterion, ps.cfg.Criteria.Slugs()))
			}
			if r.Rating == "" {
				ps.at(t, fm.RuleRequiredField, kp, "criterion %s needs a rating (%s)", r.Criterion, strings.Join(ratings, ", "))
			}
			ps.enum(t, fm.Key(kp, "rating"), r.Rating, ratings)
		}
	}
	if c := t.Contact; c != nil && (isSource || hasPath(own, "contact")) {
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

func hasPath(pos map[string]fm.Pos, path string) bool { _, ok := pos[path]; return ok }

func (ps *pass) institutions(t *model.Text, path string, list []model.Institution) {
	for i, in := range list {
		ip := fm.Item(path, i)
		if in.Name == "" {
			ps.at(t, fm.RuleRequiredField, ip, "each institution needs a name")
		}
		if in.Type == "" {
			ps.at(t, fm.RuleRequiredField, ip, "each institution needs a type (%s)", strings.Join(institutionTypes, ", "))
		}
		ps.enum(t, fm.Key(ip, "type"), in.Type, institutionTypes)
		if in.Country != "" {
			ps.countries(t, fm.Key(ip, "country"), []string{in.Country})
		}
	}
}

// frontText checks the front matter's free text for placeholders and
// personal data.
func (ps *pass) frontText(t *model.Text, isSource bool) {
	fields := []struct{ path, value string }{{"title", t.Title}, {"summary", t.Summary}}
	add := func(path, value string) { fields = append(fields, struct{ path, value string }{path, value}) }
	own := func(path string) bool { return isSource || hasPath(t.File.Pos, path) }
	for i, in := range t.Institutions {
		if ip := fm.Item("institutions", i); own(ip) {
			add(fm.Key(ip, "name"), in.Name)
		}
	}
	for i, in := range t.Partners {
		if ip := fm.Item("partners", i); own(ip) {
			add(fm.Key(ip, "name"), in.Name)
		}
	}
	for _, r := range t.Criteria {
		if kp := "criteria." + r.Criterion; own(kp) {
			add(fm.Key(kp, "note"), r.Note)
		}
	}
	for i, ex := range t.Exchanges {
		if ip := fm.Item("exchanges", i); own(ip) {
			add(fm.Key(ip, "note"), ex.Note)
		}
	}
	if isSource {
		for i, s := range ps.p.Sources {
			add(fm.Key(fm.Item("sources", i), "title"), s.Title)
		}
	}
	if own("institutions") {
		for i, in := range t.Institutions {
			add(fm.Key(fm.Item("institutions", i), "acronym"), in.Acronym)
		}
	}
	if c := t.Contact; c != nil && own("contact") {
		add("contact.institution", c.Institution)
		add("contact.role", c.Role)
	}
	if isSource {
		for i, s := range ps.p.Sources {
			add(fm.Key(fm.Item("sources", i), "publisher"), s.Publisher)
		}
	}
	ps.frontGlyphs(t, fields, ps.seenGlyphs(t))
	for _, f := range fields {
		if load.IsPlaceholder(f.value) {
			continue
		}
		for _, found := range personalData(f.value) {
			ps.at(t, RulePersonalData, f.path, "%s in %s: move institutional contacts to `contact`, and never publish a person's details", found, fm.Label(f.path))
		}
		for _, found := range caseNumbers(f.value) {
			ps.at(t, RuleCaseNumber, f.path, "%q looks like a case-file number, which can identify a victim; leave it out", found)
		}
	}
}

func short(s string) string {
	if r := []rune(s); len(r) > 60 {
		return string(r[:57]) + "…"
	}
	return s
}

// body checks the Markdown body.
func (ps *pass) body(t *model.Text) {
	b := parseBody(t.Body, t.File.BodyLine)
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
	glyphs(string(t.Body), ps.seenGlyphs(t), func(off int, chars string) {
		report(RuleGlyph, off, "%s", glyphMessage(chars))
		ps.diags[len(ps.diags)-1].Severity = diag.Warning
	})
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
	if len(bytes.TrimSpace(t.Body)) == 0 {
		ps.diags = append(ps.diags, diag.New(RuleSection, t.File.Path, t.File.BodyLine-1, 0,
			"the body is empty; it needs the sections %s", quoteList(want)))
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
	msg := fmt.Sprintf("the body has no section %s (required in %s: %s)", quoteList(missing), t.Lang, quoteList(want))
	for _, m := range missing {
		if s := suggest.Closest(m, headings); s != "" {
			msg += fmt.Sprintf("; is %q meant to be %q?", s, m)
			break
		}
	}
	ps.diags = append(ps.diags, diag.New(RuleSection, t.File.Path, t.File.BodyLine, 0, "%s", msg))
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
	u, err := url.Parse(dest)
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
	if id := model.LinkedPractice(u.Path); id != "" && !l.image {
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

// media checks a relative path: it must stay inside the catalog's media
// folder and name a file there.
func (ps *pass) media(t *model.Text, p string, l link, report func(*diag.Rule, int, string, ...any)) {
	clean := path.Clean(strings.TrimPrefix(p, "/"))
	clean = strings.TrimPrefix(clean, "../")
	if !strings.HasPrefix(clean, "media/") || strings.Contains(clean, "..") {
		what := "link"
		if l.image {
			what = "image"
		}
		report(RuleMedia, l.off, "%s %q: files must be in the catalog's media/ folder (write media/NAME or ../media/NAME)", what, p)
		return
	}
	full := filepath.Join(ps.cat.Dir, filepath.FromSlash(clean))
	if !fileExists(full) {
		report(RuleMedia, l.off, "%q does not exist (looked for %s)", p, full)
	}
}
