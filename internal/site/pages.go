package site

import (
	"catalog/internal/gate"

	"bytes"
	"fmt"
	"html/template"
	"io/fs"
	"net/url"
	"path"
	"path/filepath"
	"regexp"
	"slices"
	"strings"

	"catalog/internal/load"
	"catalog/internal/markdown"
	"catalog/internal/model"
)

// body is what a practice page's render leaves for the search data.
type body struct {
	// Words are the stems of the summary and the body (searchStems);
	// Lead is the start of the body's text (bodyLead).
	Words, Lead string
}

// practiceIDs are the ids of a practice page's own sections; a body's
// headings are given others.
var practiceIDs = []string{"main", "summary", "details", "body", "criteria", "adaptation", "adapted", "exchanges", "related", "sources", "contact", "languages"}

type practiceData struct {
	X          *model.Practice
	T          *model.Text
	Translated bool // false: the page shows the source text
	Body       template.HTML
	Related    []*model.Practice
	Exchanges  []model.Exchange
	// AdaptedFrom are the public practices this one adapts; AdaptedIn,
	// those that adapt it.
	AdaptedFrom, AdaptedIn []adaptedLink
	// AdaptationLang is the language of the adaptation's note (the
	// source's when the translation leaves it out).
	AdaptationLang string
	// LD is the page's schema.org description (practiceLD), JSON that
	// cannot close its script element.
	LD template.JS
	// Image is the site path of the first image the body shows
	// ("media/x.png"), or "": the picture of a link to the page.
	Image string
	// Edit is the address that edits the file of the text the page shows,
	// when catalog.yaml names the repository, else "".
	Edit string
}

// adaptedLink is a practice that adapts or is adapted by the page's: the
// practice, its text for the page, the year the adaptation began (0 when
// not given) and the note that tells it, in the language of Lang.
type adaptedLink struct {
	X    *model.Practice
	T    *model.Text
	Year int
	Note string
	Lang string
}

func (s *site) practicePage(x *model.Practice, lang string, b *body) error {
	if x.Restricted() {
		return nil
	}
	t := x.In(lang)
	file := lang + "/practices/" + x.ID + "/index.html"
	var related []*model.Practice
	for _, id := range append(slices.Clone(x.Related), x.RelatedBy...) {
		if q := s.cat.Practice(id); q != nil && !q.Restricted() && !slices.Contains(related, q) {
			related = append(related, q)
		}
	}
	from, in := s.adaptedFrom(x, t, lang), s.adaptedIn(x, lang)
	key, cacheable := uint64(0), false
	if s.cache != nil {
		// The page shows the titles, countries and notes of the
		// practices it adapts and that adapt it.
		shown := slices.Clone(related)
		for _, a := range append(slices.Clone(from), in...) {
			shown = append(shown, a.X)
		}
		key, cacheable = s.cache.practiceKey(x, shown)
	}
	if cacheable {
		if e := s.cache.reusePractice(s, file, key); e != nil {
			b.Words, b.Lead = e.words, e.lead
			for _, name := range e.media {
				s.useMedium(name)
			}
			return s.out.Write(file, e.page)
		}
	}
	links := &bodyLinks{}
	link, image := s.linker(file, lang, links), ""
	imageLink := func(dest string, isImage bool) (string, bool) {
		out, ok := link(dest, isImage)
		if ok && isImage && image == "" {
			image = firstImage(file, out)
		}
		return out, ok
	}
	doc, err := markdown.Render(t.Body, markdown.Options{Link: imageLink, TopLevel: 2, Reserved: practiceIDs, TableLabel: s.word(lang, "table")})
	if err != nil {
		return fmt.Errorf("%s: %w", t.File.Path, err)
	}
	b.Words = searchStems(t.Lang, t.Summary, doc.Text)
	b.Lead = bodyLead(doc.Text, doc.Headings)
	d := &practiceData{X: x, T: t, Translated: x.Texts[lang] != nil, Body: template.HTML(doc.HTML), Exchanges: t.Exchanges, Related: related,
		AdaptedFrom: from, AdaptedIn: in, Image: image, Edit: s.editURL(t)}
	if a := t.Adaptation; a != nil {
		d.AdaptationLang = noteLang(x, t, a.Note, func(src *model.Text) string {
			if src.Adaptation == nil {
				return ""
			}
			return src.Adaptation.Note
		})
	}
	if len(d.Exchanges) == 0 && x.Source != nil {
		d.Exchanges = x.Source.Exchanges
	}
	if d.LD, err = s.practiceLD(x, lang, from); err != nil {
		return fmt.Errorf("%s: %w", t.File.Path, err)
	}
	// The page around the body is 5–6 kB in the generated catalogs.
	page, err := s.execute("practice", s.newPage(lang, file, t.Title, "practices", d), len(doc.HTML)+8<<10)
	if err != nil {
		return err
	}
	if cacheable {
		s.cache.keepPractice(file, &pageEntry{key: key, links: links.practices, media: links.media, page: page, words: b.Words, lead: b.Lead})
	}
	return s.out.Write(file, page)
}

// Adapted gives the "adapted-link" template the page, a practice that
// adapts or is adapted by the page's, and the text of the page's practice.
func (p *page) Adapted(a adaptedLink, in *model.Text) adaptedArg {
	return adaptedArg{P: p, A: a, In: in}
}

type adaptedArg struct {
	P  *page
	A  adaptedLink
	In *model.Text
}

// adaptedFrom lists the public practices that x adapts, as its text t
// for the page in lang names them.
func (s *site) adaptedFrom(x *model.Practice, t *model.Text, lang string) []adaptedLink {
	entries := t.AdaptedFrom
	if len(entries) == 0 && x.Source != nil {
		entries = x.Source.AdaptedFrom
	}
	var out []adaptedLink
	for _, a := range entries {
		q := s.cat.Practice(a.Practice)
		if q == nil || q.Restricted() || q == x || slices.ContainsFunc(out, func(l adaptedLink) bool { return l.X == q }) {
			continue
		}
		out = append(out, adaptedLink{X: q, T: q.In(lang), Year: a.Year, Note: a.Note, Lang: noteLang(x, t, a.Note, func(src *model.Text) string { return fromNote(src, a.Practice) })})
	}
	return out
}

// adaptedIn lists the public practices that adapt x, each with the year
// and note of its adapted_from entry that names x.
func (s *site) adaptedIn(x *model.Practice, lang string) []adaptedLink {
	var out []adaptedLink
	for _, id := range x.AdaptedIn {
		q := s.cat.Practice(id)
		if q == nil || q.Restricted() || q == x {
			continue
		}
		l := adaptedLink{X: q, T: q.In(lang)}
		entries := l.T.AdaptedFrom
		if len(entries) == 0 && q.Source != nil {
			entries = q.Source.AdaptedFrom
		}
		for _, a := range entries {
			if a.Practice == x.ID {
				l.Year, l.Note = a.Year, a.Note
				break
			}
		}
		l.Lang = noteLang(q, l.T, l.Note, func(src *model.Text) string { return fromNote(src, x.ID) })
		out = append(out, l)
	}
	return out
}

// noteLang is the language of a note that the text t of x gives: a
// translation that leaves a note out has the source's, in the source's
// language (srcNote gives the note in the source text).
func noteLang(x *model.Practice, t *model.Text, note string, srcNote func(*model.Text) string) string {
	if src := x.Source; src != nil && t != src && note != "" && note == srcNote(src) {
		return src.Lang
	}
	return t.Lang
}

// fromNote is the note of the adapted_from entry of t that names id.
func fromNote(t *model.Text, id string) string {
	for _, a := range t.AdaptedFrom {
		if a.Practice == id {
			return a.Note
		}
	}
	return ""
}

// linker resolves the links of a body shown on the page in file: another
// practice's file becomes its page in the same language, a media file its
// copy; anything else relative (or a restricted practice) is dropped,
// keeping the text. What the links depended on goes to seen, when not nil.
func (s *site) linker(file, lang string, seen *bodyLinks) func(string, bool) (string, bool) {
	return func(dest string, image bool) (string, bool) {
		u, err := url.Parse(dest)
		if err != nil {
			return "", false
		}
		if u.Scheme != "" || strings.HasPrefix(dest, "#") {
			return dest, true // markdown.Safe has judged it
		}
		frag := ""
		if u.Fragment != "" {
			frag = "#" + url.PathEscape(u.Fragment)
		}
		if id := model.LinkedPractice(u.Path); id != "" && !image {
			q := s.cat.Practice(id)
			linked := q != nil && !q.Restricted()
			seen.practice(id, linked)
			if !linked {
				return "", false
			}
			return relative(file, lang+"/practices/"+id+"/index.html") + frag, true
		}
		clean := path.Clean(strings.TrimPrefix(u.Path, "/"))
		clean = strings.TrimPrefix(clean, "../")
		if !strings.HasPrefix(clean, "media/") || !fs.ValidPath(clean) {
			return "", false
		}
		seen.medium(clean)
		s.useMedium(clean)
		return relative(file, clean) + frag, true
	}
}

// useMedium notes that a page shows the media file name ("media/x.png").
func (s *site) useMedium(name string) {
	s.mu.Lock()
	s.media[name] = true
	s.mu.Unlock()
}

// copyMedia copies the media files that pages use, through the catalog's
// gate: a link out of the catalog or a special file fails the build.
func (s *site) copyMedia() error {
	if len(s.media) == 0 {
		return nil
	}
	folder, err := s.cat.Gate()
	if err != nil {
		return err
	}
	for _, name := range sortedKeys(s.media) {
		data, err := folder.ReadFile(folder.Path(name), gate.MaxMedia)
		if err != nil {
			return fmt.Errorf("media: %w", err)
		}
		if err := s.out.Write(name, data); err != nil {
			return err
		}
	}
	return nil
}

func (s *site) chooser() error {
	lang := s.cfg.DefaultLanguage()
	p := s.newPage(lang, "index.html", "", "", nil)
	return s.listPage("chooser", p, func(*listKey) {}, func() error { return nil })
}

type homeData struct {
	// Intro is the intro's opening, up to its first heading; More is the
	// rest, folded away so that the practices stay near the top on a phone.
	Intro, More template.HTML
	Practices   []*model.Practice
	Countries   []string
	Pillars     []pillarGroup
	Levels      []string
	Matrix      *matrix
}

type pillarGroup struct {
	Pillar string
	Themes []string
}

// matrix counts the practices of each country on each theme: a country's
// column counts its own practices, and a regional practice (scope:
// regional) counts once, in the Regional column, not in each of its
// countries'. A country without a practice of its own has no column.
type matrix struct {
	Countries []string
	Rows      []matrixGroup
	// Regional is whether the matrix has a column of regional practices.
	Regional bool
	// Max is the largest count of a cell, which Heat is relative to.
	Max int
}

type matrixGroup struct {
	Pillar string
	Rows   []matrixRow
}

type matrixRow struct {
	Theme    string
	Cells    []int // own practices, per country
	Regional int   // regional practices
}

// Columns is how many columns the matrix has: the themes', the countries'
// and the Regional one.
func (m *matrix) Columns() int {
	n := 1 + len(m.Countries)
	if m.Regional {
		n++
	}
	return n
}

// heatLevels is how many shades the cells of the matrix come in (the
// classes heat-1 … heat-4 of style.css).
const heatLevels = 4

// Heat is the shade of a cell that counts n, 1 to heatLevels relative to
// the largest count, 0 for an empty cell.
func (m *matrix) Heat(n int) int {
	if n <= 0 || m.Max <= 0 {
		return 0
	}
	return (n*heatLevels + m.Max - 1) / m.Max
}

// homeIDs are the ids of the home page's own parts.
var homeIDs = []string{"main", "intro", "practices", "matrix", "f-country", "f-theme", "f-pillar", "f-level"}

var slugPattern = regexp.MustCompile(`^[a-z0-9][a-z0-9-]*$`)

func (s *site) home(lang string) error {
	p := s.newPage(lang, lang+"/index.html", "", "practices", nil)
	key := func(k *listKey) {
		k.practices(s.cat.Practices)
		// Its links to practices are in the key: every practice is.
		intro, ok := s.cat.Intro[lang]
		k.bytes(intro, ok)
	}
	return s.listPage("home", p, key, func() error { return s.homeData(p) })
}

// homeData fills the home page p.
func (s *site) homeData(p *page) error {
	lang := p.Lang
	d := &homeData{Practices: p.Sorted(s.cat.Practices), Levels: load.FieldValues("level")}
	if src := s.cat.Intro[lang]; src != nil {
		doc, err := markdown.Render(src, markdown.Options{Link: s.linker(p.Path, lang, &p.links), TopLevel: 3, Reserved: homeIDs, TableLabel: s.word(lang, "table")})
		if err != nil {
			return err
		}
		intro, more := doc.HTML, []byte(nil)
		if i := bytes.Index(intro, []byte("<h3")); i > 0 {
			intro, more = intro[:i], intro[i:]
		}
		d.Intro, d.More = template.HTML(intro), template.HTML(more)
	}
	d.Countries = p.Countries(sortedKeys(s.cat.ByCountry))
	d.Pillars = s.themeGroups(func(theme string) bool { return len(s.cat.ByTheme[theme]) > 0 })
	d.Matrix = s.matrix(d.Countries, d.Pillars)
	var css strings.Builder
	rule := func(dim, value string) {
		if slugPattern.MatchString(value) {
			fmt.Fprintf(&css, ".catalog:has(#f-%s option[value=%q]:checked) .card:not([data-%s~=%q]){display:none}\n", dim, value, dim, value)
		}
	}
	for _, cc := range d.Countries {
		rule("country", strings.ToLower(cc))
	}
	for _, g := range d.Pillars {
		rule("pillar", g.Pillar)
		for _, t := range g.Themes {
			rule("theme", t)
		}
	}
	for _, l := range d.Levels {
		rule("level", l)
	}
	p.Style = template.CSS(css.String())
	p.Data = d
	return nil
}

// themeGroups lists the themes that keep, grouped by pillar, in the
// vocabulary's order.
func (s *site) themeGroups(keep func(string) bool) []pillarGroup {
	var out []pillarGroup
	for _, pl := range s.cfg.Pillars.Terms {
		g := pillarGroup{Pillar: pl.Slug}
		for _, t := range s.cfg.Themes.Terms {
			if t.Pillar == pl.Slug && keep(t.Slug) {
				g.Themes = append(g.Themes, t.Slug)
			}
		}
		if len(g.Themes) > 0 {
			out = append(out, g)
		}
	}
	return out
}

// regional reports whether a practice is regional (scope: regional), which
// the matrix and the country pages count apart from each country's own
// practices; a binational practice is each of its countries' own.
func regional(x *model.Practice) bool { return x.Scope == "regional" }

// matrix counts the practices of each country (those of countries, in
// their order) on each theme of groups, in one pass.
func (s *site) matrix(countries []string, groups []pillarGroup) *matrix {
	col := map[string]int{}
	for i, cc := range countries {
		col[cc] = i
	}
	own := map[string][]int{}
	reg := map[string]int{}
	for _, x := range s.cat.Practices {
		for _, t := range unique(x.Themes) {
			if regional(x) {
				reg[t]++
				continue
			}
			row := own[t]
			if row == nil {
				row = make([]int, len(countries))
				own[t] = row
			}
			for _, cc := range unique(x.Countries) {
				if i, ok := col[cc]; ok {
					row[i]++
				}
			}
		}
	}
	// The columns kept: the countries with a practice of their own on a
	// theme shown.
	keep := make([]bool, len(countries))
	m := &matrix{}
	for _, g := range groups {
		for _, t := range g.Themes {
			for i, n := range own[t] {
				keep[i] = keep[i] || n > 0
				m.Max = max(m.Max, n)
			}
			m.Regional = m.Regional || reg[t] > 0
			m.Max = max(m.Max, reg[t])
		}
	}
	for i, cc := range countries {
		if keep[i] {
			m.Countries = append(m.Countries, cc)
		}
	}
	for _, g := range groups {
		mg := matrixGroup{Pillar: g.Pillar}
		for _, t := range g.Themes {
			row := matrixRow{Theme: t, Regional: reg[t], Cells: make([]int, 0, len(m.Countries))}
			for i := range countries {
				if keep[i] {
					n := 0
					if own[t] != nil {
						n = own[t][i]
					}
					row.Cells = append(row.Cells, n)
				}
			}
			mg.Rows = append(mg.Rows, row)
		}
		m.Rows = append(m.Rows, mg)
	}
	return m
}

func unique(list []string) []string {
	out := list[:0:0]
	for _, s := range list {
		if !slices.Contains(out, s) {
			out = append(out, s)
		}
	}
	return out
}

type countriesData struct {
	Regions []regionGroup
}

type regionGroup struct {
	Label     string
	Countries []string
}

func (s *site) countries(lang string) error {
	p := s.newPage(lang, lang+"/countries/index.html", s.word(lang, "countries"), "countries", nil)
	codes := s.countryCodes()
	key := func(k *listKey) { k.h.WriteString(strings.Join(codes, ",")) }
	return s.listPage("countries", p, key, func() error { return s.countriesData(p, codes) })
}

// countriesData fills the countries page p, of the countries codes.
func (s *site) countriesData(p *page, codes []string) error {
	lang := p.Lang
	placed := map[string]bool{}
	d := &countriesData{}
	for _, r := range s.cfg.Regions {
		g := regionGroup{Label: r.Labels.In(lang, s.cfg.DefaultLanguage())}
		for _, cc := range r.Countries {
			if slices.Contains(codes, cc) && !placed[cc] {
				g.Countries = append(g.Countries, cc)
				placed[cc] = true
			}
		}
		if len(g.Countries) > 0 {
			g.Countries = p.Countries(g.Countries)
			d.Regions = append(d.Regions, g)
		}
	}
	var rest []string
	for _, cc := range codes {
		if !placed[cc] {
			rest = append(rest, cc)
		}
	}
	if len(rest) > 0 {
		label := s.word(lang, "other_region")
		if len(d.Regions) == 0 {
			label = ""
		}
		d.Regions = append(d.Regions, regionGroup{Label: label, Countries: p.Countries(rest)})
	}
	p.Data = d
	return nil
}

// Count is the number of public practices of a country, its own and the
// regional ones that include it.
func (p *page) Count(cc string) int { return len(p.s.cat.ByCountry[cc]) }

// OwnCount is the number of a country's own public practices: those that
// are not regional.
func (p *page) OwnCount(cc string) int { return p.Count(cc) - p.RegionalCount(cc) }

// RegionalCount is the number of public regional practices that include a
// country.
func (p *page) RegionalCount(cc string) int {
	n := 0
	for _, x := range p.s.cat.ByCountry[cc] {
		if regional(x) {
			n++
		}
	}
	return n
}

// Counts gives the "practice-counts" template the page and a country's
// counts of its own and of regional practices.
func (p *page) Counts(cc string) countsArg {
	return countsArg{P: p, Own: p.OwnCount(cc), Regional: p.RegionalCount(cc)}
}

type countsArg struct {
	P             *page
	Own, Regional int
}

type countryData struct {
	Code string
	// Practices are the country's own, not regional; Regional the
	// regional practices that include it.
	Practices []*model.Practice
	Regional  []*model.Practice
	Sent      []model.ExchangeVisit
	Received  []model.ExchangeVisit
	Map       *exchangeMap // the visits it sent and received; nil when none can be drawn
	// Themes are the country's own practices by theme.
	Themes []themePractices
}

type themePractices struct {
	Theme     string
	Practices []*model.Practice
}

func (s *site) country(lang, cc string) error {
	p := s.newPage(lang, lang+"/countries/"+strings.ToLower(cc)+"/index.html", "", "countries", nil)
	var sent, received []model.ExchangeVisit
	for _, ev := range s.cat.Exchanges {
		if ev.Visitor == cc {
			sent = append(sent, ev)
		}
		if slices.Contains(ev.Hosts, cc) {
			received = append(received, ev)
		}
	}
	key := func(k *listKey) {
		k.practices(s.cat.ByCountry[cc])
		k.visits(sent)
		k.visits(received)
	}
	return s.listPage("country", p, key, func() error {
		p.Title = p.Country(cc)
		d := &countryData{Code: cc, Sent: sent, Received: received}
		for _, x := range p.Sorted(s.cat.ByCountry[cc]) {
			if regional(x) {
				d.Regional = append(d.Regional, x)
			} else {
				d.Practices = append(d.Practices, x)
			}
		}
		// The visits it sent, and those it received from others (its own
		// visit to a practice it shares is among those it sent).
		visits := slices.Clone(sent)
		for _, ev := range received {
			if ev.Visitor != cc {
				visits = append(visits, ev)
			}
		}
		d.Map = p.exchangeMap(visits, cc)
		for _, t := range s.cfg.Themes.Terms {
			var list []*model.Practice
			for _, x := range d.Practices {
				if slices.Contains(x.Themes, t.Slug) {
					list = append(list, x)
				}
			}
			if len(list) > 0 {
				d.Themes = append(d.Themes, themePractices{Theme: t.Slug, Practices: list})
			}
		}
		p.Data = d
		return nil
	})
}

type themesData struct {
	Pillars []pillarGroup
}

func (s *site) themes(lang string) error {
	p := s.newPage(lang, lang+"/themes/index.html", s.word(lang, "themes"), "themes", nil)
	// The themes shown are those with practices: the counts, in every key.
	return s.listPage("themes", p, func(*listKey) {}, func() error {
		p.Data = &themesData{Pillars: s.themeGroups(func(theme string) bool { return len(s.cat.ByTheme[theme]) > 0 })}
		return nil
	})
}

// ThemeCount is the number of public practices on a theme.
func (p *page) ThemeCount(theme string) int { return len(p.s.cat.ByTheme[theme]) }

type themeData struct {
	Theme     string
	Pillar    string
	Practices []*model.Practice
	// Own are the practices that are not regional, Regional those that
	// are (the Regional column of the matrix links to them).
	Own, Regional []*model.Practice
}

func (s *site) theme(lang, slug string) error {
	if !slugPattern.MatchString(slug) {
		return fmt.Errorf("theme %q: a theme's slug must be lowercase letters, digits and hyphens to name a page", slug)
	}
	p := s.newPage(lang, lang+"/themes/"+slug+"/index.html", "", "themes", nil)
	key := func(k *listKey) { k.practices(s.cat.ByTheme[slug]) }
	return s.listPage("theme", p, key, func() error {
		p.Title = p.Label("themes", slug)
		d := &themeData{Theme: slug, Pillar: p.Pillar(slug), Practices: p.Sorted(s.cat.ByTheme[slug])}
		for _, x := range d.Practices {
			if regional(x) {
				d.Regional = append(d.Regional, x)
			} else {
				d.Own = append(d.Own, x)
			}
		}
		p.Data = d
		return nil
	})
}

type exchangesData struct {
	Map   *exchangeMap // nil when no visit can be drawn
	Years []exchangeYear
}

type exchangeYear struct {
	Year   int
	Visits []model.ExchangeVisit
}

func (s *site) exchanges(lang string) error {
	p := s.newPage(lang, lang+"/exchanges/index.html", s.word(lang, "exchanges"), "exchanges", nil)
	key := func(k *listKey) { k.visits(s.cat.Exchanges) }
	return s.listPage("exchanges", p, key, func() error {
		d := &exchangesData{Map: p.exchangeMap(s.cat.Exchanges, "")}
		for _, ev := range s.cat.Exchanges {
			if n := len(d.Years); n == 0 || d.Years[n-1].Year != ev.Year {
				d.Years = append(d.Years, exchangeYear{Year: ev.Year})
			}
			y := &d.Years[len(d.Years)-1]
			y.Visits = append(y.Visits, ev)
		}
		p.Data = d
		return nil
	})
}

// Exchange returns a visit's exchange as the page's language tells it.
func (p *page) Exchange(ev model.ExchangeVisit) model.Exchange {
	t := ev.Practice.In(p.Lang)
	if ev.Exchange < len(t.Exchanges) {
		return t.Exchanges[ev.Exchange]
	}
	return ev.Practice.Exchanges()[ev.Exchange]
}

// editURL is the address that edits the file of the text t, when
// catalog.yaml names the repository; "" otherwise.
func (s *site) editURL(t *model.Text) string {
	if s.cfg.Repository.Edit == "" || t.File == nil {
		return ""
	}
	rel, err := filepath.Rel(s.cat.Dir, t.File.Path)
	if err != nil || !filepath.IsLocal(rel) {
		return ""
	}
	return s.cfg.Repository.EditURL(filepath.ToSlash(rel))
}
