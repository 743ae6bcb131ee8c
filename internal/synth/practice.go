package synth

import (
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

// gen is one worker: it owns a reusable buffer and writes whole practices.
type gen struct {
	opt   *Options
	skels []skel
	buf   []byte
	tmp   []byte
	r     *rand.Rand // the stream in use
	li    int        // language index of the text being written
	p     *prac
}

type inst struct {
	name    pair
	acronym string
	country string
	typ     string
	domain  string
}

type crit struct {
	slug, rating string
	note         pair
}

type exchange struct {
	year     int
	visitors []string
	insts    []pair
	kind     string
	note     pair
	hasNote  bool
}

type source struct {
	title, publisher string
	year             int
	url              string
}

// prac holds the structured fields of a practice, shared by its files.
type prac struct {
	idx       int
	sk        *skel
	codes     []string // countries as written
	flowList  bool
	scope     string
	insts     []inst
	partners  []inst
	themes    []string
	groups    []string
	forms     []string
	startYear int
	start     string
	end       string
	endStyle  int // when end is empty: 0 omitted, 1 `end:`, 2 `end: ""`
	status    string
	level     string
	crits     []crit
	related   []int
	linked    int // how many of related the body links to, the first ones
	exchanges []exchange
	sources   []source
	contact   bool
	contactRl pair
	contactIn int
	vis       int // 0 omitted, 1 public, 2 restricted
	reviewed  string
}

var (
	reviewFirst = time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC)
	reviewLast  = time.Date(2026, 11, 1, 0, 0, 0, 0, time.UTC)
)

const lastYear = 2026

func (g *gen) practice(dir string, i int) error {
	g.r = newRand(g.opt.Seed, i, streamFields)
	p := g.fields(i)
	g.p = p
	for l, lang := range g.opt.Languages {
		g.r = newRand(g.opt.Seed, i, streamText+l)
		g.li = langIndex(lang)
		g.buf = g.buf[:0]
		g.frontMatter(l == 0)
		g.body(lang)
		name := filepath.Join(dir, p.sk.id+"."+lang+".md")
		if err := os.WriteFile(name, g.buf, 0o644); err != nil {
			return err
		}
	}
	return nil
}

// fields draws the structured fields of practice i.
func (g *gen) fields(i int) *prac {
	r := g.r
	sk := &g.skels[i]
	p := &prac{idx: i, sk: sk}

	for _, c := range sk.countries {
		cc := countries[c]
		var code string
		switch x := r.IntN(100); {
		case x < 80:
			code = cc.alpha2
		case x < 90:
			code = strings.ToLower(cc.alpha2)
		case x < 95:
			code = cc.alpha3
		default:
			code = strings.ToLower(cc.alpha3)
		}
		p.codes = append(p.codes, code)
	}
	p.flowList = r.IntN(2) == 0
	switch len(sk.countries) {
	case 1:
		p.scope = []string{"local", "subnational", "national", "national"}[r.IntN(4)]
	case 2:
		p.scope = "binational"
	default:
		p.scope = "regional"
	}

	// The counts below follow the sample catalog (catalog/practices, see
	// docs/speed.md): one lead institution, now and then two, and mostly
	// one or two partners.
	used := map[string]bool{}
	p.insts = g.institutions(1+b2i(r.IntN(10) == 0), sk.countries, used, false)
	if np := draw(r, partnerCounts); np > 0 {
		p.partners = g.institutions(np, sk.countries, used, true)
	}

	// Themes: the kind's own first, then others.
	k := kinds[sk.kind]
	n := 4 + b2i(r.IntN(5) != 0)
	for _, t := range k.themes {
		if len(p.themes) < n && r.IntN(4) != 0 || len(p.themes) == 0 {
			p.themes = append(p.themes, t)
		}
	}
	for len(p.themes) < n {
		t := themeSlugs[r.IntN(len(themeSlugs))]
		if !slices.Contains(p.themes, t) {
			p.themes = append(p.themes, t)
		}
	}
	if r.IntN(10) != 0 {
		p.groups = pickSlugs(r, targetGroupSlugs, 2+r.IntN(3))
	}
	if r.IntN(10) != 0 {
		p.forms = pickSlugs(r, exploitationFormSlugs, draw(r, formCounts))
	}

	// Period and status.
	p.startYear = 2025 - min(r.IntN(21), r.IntN(21)) // 2005–2025, leaning to recent years
	startMonth := 0
	if r.IntN(10) < 4 {
		startMonth = 1 + r.IntN(12)
		p.start = strconv.Itoa(p.startYear) + "-" + two(startMonth)
	} else {
		p.start = strconv.Itoa(p.startYear)
	}
	switch x := r.IntN(100); {
	case x < 50:
		p.status = "ongoing"
	case x < 85:
		p.status = "ended"
	default:
		p.status = "unknown"
	}
	if p.status == "ended" || p.status == "unknown" && r.IntN(2) == 0 {
		endYear := p.startYear + r.IntN(min(8, lastYear-1-p.startYear)+1) // ended by 2025
		if endYear == p.startYear {
			if startMonth > 0 {
				p.end = strconv.Itoa(endYear) + "-" + two(startMonth+r.IntN(13-startMonth))
			} else {
				p.end = strconv.Itoa(endYear)
			}
		} else if r.IntN(2) == 0 {
			p.end = strconv.Itoa(endYear) + "-" + two(1+r.IntN(12))
		} else {
			p.end = strconv.Itoa(endYear)
		}
	}
	p.endStyle = []int{0, 0, 0, 1, 1, 2}[r.IntN(6)]
	p.level = levels[r.IntN(len(levels))]

	for _, c := range pickDistinct(r, len(criterionSlugs), draw(r, criterionCounts)) {
		rating := ratings[r.IntN(len(ratings))]
		p.crits = append(p.crits, crit{criterionSlugs[c], rating, g.criterionNote(p, rating)})
	}
	slices.SortFunc(p.crits, func(a, b crit) int {
		return slices.Index(criterionSlugs, a.slug) - slices.Index(criterionSlugs, b.slug)
	})

	p.related = g.related(i)
	p.linked = min(len(p.related), draw(r, linkedCounts))

	if r.IntN(5) == 0 {
		for range 1 + b2i(r.IntN(8) == 0) {
			p.exchanges = append(p.exchanges, g.exchange(p))
		}
	}

	nsrc := draw(r, sourceCounts)
	for tries := 0; len(p.sources) < nsrc && tries < 50; tries++ {
		s := g.source(p)
		if !slices.ContainsFunc(p.sources, func(t source) bool { return t.title == s.title }) {
			p.sources = append(p.sources, s)
		}
	}
	if r.IntN(10) < 4 {
		p.contact = true
		p.contactIn = r.IntN(len(p.insts))
		p.contactRl = contactRoles[r.IntN(len(contactRoles))]
	}
	switch {
	case sk.restricted:
		p.vis = 2
	case r.IntN(10) < 3:
		p.vis = 1
	}

	first := reviewFirst
	if s := time.Date(p.startYear, time.Month(max(1, startMonth)), 1, 0, 0, 0, 0, time.UTC); s.After(first) {
		first = s
	}
	days := int(reviewLast.Sub(first).Hours() / 24)
	p.reviewed = first.AddDate(0, 0, r.IntN(days+1)).Format(time.DateOnly)
	return p
}

// srcLi is the language index of the source file's texts.
func (g *gen) srcLi() int { return langIndex(g.opt.Languages[0]) }

func (g *gen) institutions(n int, cs []int, used map[string]bool, partners bool) []inst {
	r := g.r
	var out []inst
	for tries := 0; len(out) < n && tries < 50; tries++ {
		var typ string
		if partners && r.IntN(2) == 0 {
			typ = []string{"international", "ngo", "private", "academia"}[r.IntN(4)]
		} else {
			typ = weighted(r, instTypes, instTypeWeights)
		}
		ts := institutionsByType[typ]
		t := ts[r.IntN(len(ts))]
		c := countries[cs[r.IntN(len(cs))]]
		in := newInst(t, typ, c)
		if used[in.name[0]] {
			continue
		}
		used[in.name[0]] = true
		if in.acronym != "" && r.IntN(5) == 0 {
			in.acronym = "" // the field is optional
		}
		if typ == "international" && r.IntN(3) != 0 {
			in.country = ""
		}
		out = append(out, in)
	}
	return out
}

func newInst(t instTemplate, typ string, c country) inst {
	in := inst{name: t.name, acronym: t.acronym, country: c.alpha2, typ: typ}
	if t.perCountry {
		in.name = pair{t.name[0] + " " + c.of[0], t.name[1] + " " + c.of[1]}
	}
	host := strings.ToLower(t.acronym)
	if host == "" {
		host = slugify(t.name[0])
		if i := strings.IndexByte(host, '-'); i > 0 {
			host = host[:i]
		}
	}
	tld := strings.ToLower(c.alpha2)
	switch typ {
	case "international":
		in.domain = "www." + t.domain
	case "ngo":
		in.domain = "www." + host + ".org." + tld
	case "private":
		in.domain = "www." + host + ".com." + tld
	case "academia":
		in.domain = "www." + host + ".edu." + tld
	default:
		in.domain = "www." + host + "." + c.gov
	}
	return in
}

// related picks 1–4 other practices anywhere in the catalog (fewer in a
// catalog too small); a public practice is only related to public ones.
func (g *gen) related(i int) []int {
	r := g.r
	n := len(g.skels)
	k := draw(r, relatedCounts)
	var out []int
	for tries := 0; len(out) < k && tries < 20; tries++ {
		j := r.IntN(n)
		if j == i || slices.Contains(out, j) || g.skels[j].restricted && !g.skels[i].restricted {
			continue
		}
		out = append(out, j)
	}
	return out
}

func (g *gen) exchange(p *prac) exchange {
	r := g.r
	e := exchange{
		year: p.startYear + r.IntN(lastYear-p.startYear+1),
		kind: exchangeKinds[r.IntN(len(exchangeKinds))],
	}
	var cands []int
	for c := range countries {
		if !slices.Contains(p.sk.countries, c) {
			cands = append(cands, c)
		}
	}
	var vis []int
	for _, j := range pickDistinct(r, len(cands), 1+r.IntN(3)) {
		vis = append(vis, cands[j])
	}
	for _, c := range vis {
		code := countries[c].alpha2
		if r.IntN(10) == 0 {
			code = strings.ToLower(code)
		}
		e.visitors = append(e.visitors, code)
	}
	for range 1 + r.IntN(2) {
		typ := []string{"government", "prosecution", "police", "judiciary"}[r.IntN(4)]
		ts := institutionsByType[typ]
		in := newInst(ts[r.IntN(len(ts))], typ, countries[vis[r.IntN(len(vis))]])
		if !slices.Contains(e.insts, in.name) {
			e.insts = append(e.insts, in.name)
		}
	}
	if r.IntN(10) != 0 {
		e.hasNote = true
		e.note = exchangeNotes[r.IntN(len(exchangeNotes))]
	}
	return e
}

func pickSlugs(r *rand.Rand, from []string, k int) []string {
	idx := pickDistinct(r, len(from), k)
	slices.Sort(idx)
	out := make([]string, len(idx))
	for i, j := range idx {
		out[i] = from[j]
	}
	return out
}

func weighted(r *rand.Rand, items []string, weights []int) string {
	total := 0
	for _, w := range weights {
		total += w
	}
	x := r.IntN(total)
	for i, w := range weights {
		if x < w {
			return items[i]
		}
		x -= w
	}
	return items[len(items)-1]
}

func two(n int) string {
	if n < 10 {
		return "0" + strconv.Itoa(n)
	}
	return strconv.Itoa(n)
}

// slugify turns Spanish text into lowercase ASCII words joined by hyphens,
// leaving out short function words.
func slugify(s string) string {
	var words []string
	for _, w := range strings.FieldsFunc(s, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) }) {
		w = strings.ToLower(w)
		switch w {
		case "de", "del", "la", "las", "el", "los", "a", "y", "en", "para", "con", "the", "of", "and", "for":
			continue
		}
		var b strings.Builder
		for _, c := range w {
			if f, ok := fold[c]; ok {
				c = f
			}
			if c < utf8.RuneSelf {
				b.WriteRune(c)
			}
		}
		words = append(words, b.String())
	}
	return strings.Join(words, "-")
}

var fold = map[rune]rune{'á': 'a', 'é': 'e', 'í': 'i', 'ó': 'o', 'ú': 'u', 'ü': 'u', 'ñ': 'n'}

func lowerFirst(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	return string(unicode.ToLower(r)) + s[n:]
}

func upperFirst(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	return string(unicode.ToUpper(r)) + s[n:]
}

// Counts drawn for a practice, as weights by count (the weight of count i
// is at index i), from the sample catalog's practices: see docs/speed.md.
var (
	partnerCounts   = []int{20, 50, 20, 10}                    // partners: 0–3, mostly 1
	criterionCounts = []int{0, 0, 10, 30, 60}                  // criteria: 2–4, mostly 4
	relatedCounts   = []int{0, 20, 10, 40, 30}                 // related: 1–4, mostly 3
	linkedCounts    = []int{20, 50, 30}                        // related practices the body links to
	sourceCounts    = []int{0, 0, 0, 0, 0, 10, 30, 35, 10, 15} // sources: 5–9, mostly 6–7
	formCounts      = []int{0, 0, 55, 25, 10, 10}              // exploitation forms: 2–5
)

// draw returns a count with the weights of counts.
func draw(r *rand.Rand, counts []int) int {
	total := 0
	for _, w := range counts {
		total += w
	}
	x := r.IntN(total)
	for i, w := range counts {
		if x < w {
			return i
		}
		x -= w
	}
	return len(counts) - 1
}

func b2i(b bool) int {
	if b {
		return 1
	}
	return 0
}

// criterionNote is a note of one or two sentences, the second with figures
// that both languages share.
func (g *gen) criterionNote(p *prac, rating string) pair {
	r := g.r
	notes := criterionNotes[rating]
	n := notes[r.IntN(len(notes))]
	if r.IntN(10) < 3 {
		return n
	}
	d := criterionDetails[r.IntN(len(criterionDetails))]
	y1 := p.startYear + r.IntN(lastYear-p.startYear)
	y2 := y1 + 1 + r.IntN(lastYear-y1)
	a, b := 20+r.IntN(1500), 3+r.IntN(40)
	var out pair
	for li := range out {
		s := strings.NewReplacer("{y1}", itoa(y1), "{y2}", itoa(y2), "{a}", itoa(a), "{b}", itoa(b)).Replace(d[li])
		out[li] = n[li] + " " + s
	}
	return out
}

// source draws one source: a Trafficking in Persons Report about one of the
// practice's countries, or a document of one of its institutions, with a
// year and an address most of the time, as in the sample.
func (g *gen) source(p *prac) source {
	r, li := g.r, g.srcLi()
	if r.IntN(3) == 0 {
		c := countries[p.sk.countries[r.IntN(len(p.sk.countries))]]
		year := max(p.startYear, 2010) + r.IntN(lastYear-max(p.startYear, 2010))
		return source{
			title:     itoa(year) + " Trafficking in Persons Report, " + c.name[1],
			publisher: "U.S. Department of State",
			year:      year,
			url:       "https://www.state.gov/reports/" + itoa(year) + "-trafficking-in-persons-report/" + slugify(c.name[1]) + "/",
		}
	}
	in := p.insts[r.IntN(len(p.insts))]
	if len(p.partners) > 0 && r.IntN(3) == 0 {
		in = p.partners[r.IntN(len(p.partners))]
	}
	t := sourceTitles[r.IntN(len(sourceTitles))]
	s := source{title: t[li], publisher: in.name[li]}
	if r.IntN(10) < 7 {
		s.year = p.startYear + r.IntN(lastYear-p.startYear+1)
		if r.IntN(3) == 0 {
			s.title += " " + itoa(s.year)
		}
	}
	if r.IntN(100) < 85 {
		s.url = "https://" + in.domain + "/" + urlPaths[r.IntN(len(urlPaths))] + "/" + slugify(t[0])
		if s.year != 0 {
			s.url += "-" + itoa(s.year)
		}
	}
	return s
}
