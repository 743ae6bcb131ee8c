package site

import (
	"catalog/internal/gate"

	"bytes"
	"fmt"
	"html/template"
	"io/fs"
	"net/url"
	"path"
	"regexp"
	"slices"
	"strings"

	"catalog/internal/load"
	"catalog/internal/markdown"
	"catalog/internal/model"
)

// body is what a practice page's render leaves for the search data.
type body struct {
	Words string
}

// practiceIDs are the ids of a practice page's own sections; a body's
// headings are given others.
var practiceIDs = []string{"main", "summary", "details", "body", "criteria", "exchanges", "related", "sources", "contact", "languages"}

type practiceData struct {
	X          *model.Practice
	T          *model.Text
	Translated bool // false: the page shows the source text
	Body       template.HTML
	Related    []*model.Practice
	Exchanges  []model.Exchange
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
	key, cacheable := uint64(0), false
	if s.cache != nil {
		key, cacheable = s.cache.practiceKey(x, related)
	}
	if cacheable {
		if e := s.cache.reusePractice(s, file, key); e != nil {
			b.Words = e.words
			for _, name := range e.media {
				s.useMedium(name)
			}
			return s.out.Write(file, e.page)
		}
	}
	links := &bodyLinks{}
	doc, err := markdown.Render(t.Body, markdown.Options{Link: s.linker(file, lang, links), TopLevel: 2, Reserved: practiceIDs, TableLabel: s.word(lang, "table")})
	if err != nil {
		return fmt.Errorf("%s: %w", t.File.Path, err)
	}
	b.Words = searchWords(t.Summary, doc.Text)
	d := &practiceData{X: x, T: t, Translated: x.Texts[lang] != nil, Body: template.HTML(doc.HTML), Exchanges: t.Exchanges, Related: related}
	if len(d.Exchanges) == 0 && x.Source != nil {
		d.Exchanges = x.Source.Exchanges
	}
	// The page around the body is 5–6 kB in the generated catalogs.
	page, err := s.execute("practice", s.newPage(lang, file, t.Title, "practices", d), len(doc.HTML)+8<<10)
	if err != nil {
		return err
	}
	if cacheable {
		s.cache.keepPractice(file, &pageEntry{key: key, links: links.practices, media: links.media, page: page, words: b.Words})
	}
	return s.out.Write(file, page)
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

type matrix struct {
	Countries []string
	Rows      []matrixGroup
}

type matrixGroup struct {
	Pillar string
	Rows   []matrixRow
}

type matrixRow struct {
	Theme string
	Cells []int // per country
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

// matrix counts the practices of each country on each theme, in one pass.
func (s *site) matrix(countries []string, groups []pillarGroup) *matrix {
	col := map[string]int{}
	for i, cc := range countries {
		col[cc] = i
	}
	counts := map[string][]int{}
	for _, x := range s.cat.Practices {
		for _, t := range unique(x.Themes) {
			row := counts[t]
			if row == nil {
				row = make([]int, len(countries))
				counts[t] = row
			}
			for _, cc := range unique(x.Countries) {
				if i, ok := col[cc]; ok {
					row[i]++
				}
			}
		}
	}
	m := &matrix{Countries: countries}
	for _, g := range groups {
		mg := matrixGroup{Pillar: g.Pillar}
		for _, t := range g.Themes {
			mg.Rows = append(mg.Rows, matrixRow{Theme: t, Cells: counts[t]})
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

// Count is the number of public practices of a country.
func (p *page) Count(cc string) int { return len(p.s.cat.ByCountry[cc]) }

type countryData struct {
	Code      string
	Practices []*model.Practice
	Sent      []model.ExchangeVisit
	Received  []model.ExchangeVisit
	Map       *exchangeMap // the visits it sent and received; nil when none can be drawn
	Themes    []themePractices
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
		d := &countryData{Code: cc, Practices: p.Sorted(s.cat.ByCountry[cc]), Sent: sent, Received: received}
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
}

func (s *site) theme(lang, slug string) error {
	if !slugPattern.MatchString(slug) {
		return fmt.Errorf("theme %q: a theme's slug must be lowercase letters, digits and hyphens to name a page", slug)
	}
	p := s.newPage(lang, lang+"/themes/"+slug+"/index.html", "", "themes", nil)
	key := func(k *listKey) { k.practices(s.cat.ByTheme[slug]) }
	return s.listPage("theme", p, key, func() error {
		p.Title = p.Label("themes", slug)
		p.Data = &themeData{Theme: slug, Pillar: p.Pillar(slug), Practices: p.Sorted(s.cat.ByTheme[slug])}
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
