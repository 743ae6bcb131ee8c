// Package export owns the data files of a build, the ones meant for other
// programs rather than for readers: catalog.json (every public field, for
// other tools), catalog.csv (one row per practice and language, for the
// spreadsheets programme staff keep) and sitemap.xml (for search engines,
// when the catalog knows where it will be published). It reads the model
// only; the HTML site, which these files point into, is package site's.
package export

import (
	"bytes"
	"cmp"
	_ "embed"
	"encoding/csv"
	"encoding/json"
	"encoding/xml"
	"fmt"
	"io"
	"net/url"
	"path"
	"runtime"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"catalog/internal/country"
	"catalog/internal/markdown"
	"catalog/internal/model"
	"catalog/internal/output"
)

// The files Write produces, relative to the output's root.
const (
	JSONFile    = "catalog.json"
	CSVFile     = "catalog.csv"
	SitemapFile = "sitemap.xml"
	SchemaFile  = "catalog.schema.json"
)

// Schema is the JSON Schema (draft 2020-12) of catalog.json, written
// beside it.
//
//go:embed catalog.schema.json
var Schema []byte

// Options tune the exports.
type Options struct {
	// Date is the build date (from SOURCE_DATE_EPOCH), written as
	// YYYY-MM-DD in UTC; Write never reads the clock, so that a build is
	// reproducible. The zero Date writes an empty date.
	Date time.Time
}

// Write writes catalog.json, its schema, catalog.csv and, when cat.Config.BaseURL is
// set, sitemap.xml to out.
//
// cat should already be the public catalog (cat.Public()); Write still
// leaves out every restricted practice and every link to one, because a
// data file that leaks a practice under review is worse than a page that
// does: it is copied into other systems and cannot be taken back.
func Write(cat *model.Catalog, opt Options, out output.Writer) error {
	practices := public(cat)
	files := []export{{JSONFile, catalogJSON}, {SchemaFile, schema}, {CSVFile, catalogCSV}}
	if cat.Config.BaseURL != "" {
		files = append(files, export{SitemapFile, sitemap})
	}
	for _, f := range files {
		write := func(w io.Writer) error {
			if err := f.write(w, cat, practices, opt); err != nil {
				return fmt.Errorf("export: %s: %w", f.name, err)
			}
			return nil
		}
		// catalog.json holds every body: 195 MB for 10,000 practices. A
		// folder takes it as a stream, so that it is never whole in memory.
		if s, ok := out.(output.Streamer); ok {
			if err := s.Stream(f.name, write); err != nil {
				return err
			}
			continue
		}
		var b bytes.Buffer
		if err := write(&b); err != nil {
			return err
		}
		if err := out.Write(f.name, b.Bytes()); err != nil {
			return err
		}
	}
	return nil
}

// export is one data file and the function that writes it.
type export struct {
	name  string
	write func(w io.Writer, cat *model.Catalog, practices []*model.Practice, opt Options) error
}

// public returns the catalog's practices that may be published, sorted by
// ID, each with its links to restricted practices dropped. Practices that
// link to nothing hidden are returned as they are, not copied.
func public(cat *model.Catalog) []*model.Practice {
	hidden := map[string]bool{}
	for _, p := range cat.Practices {
		if p.Restricted() {
			hidden[p.ID] = true
		}
	}
	isHidden := func(id string) bool { return hidden[id] }
	out := make([]*model.Practice, 0, len(cat.Practices))
	for _, p := range cat.Practices {
		if hidden[p.ID] {
			continue
		}
		if slices.ContainsFunc(p.Related, isHidden) || slices.ContainsFunc(p.RelatedBy, isHidden) ||
			slices.ContainsFunc(p.AdaptedIn, isHidden) || slices.ContainsFunc(p.AdaptedFromIDs(), isHidden) {
			q := *p
			q.Related = slices.DeleteFunc(slices.Clone(p.Related), isHidden)
			q.RelatedBy = slices.DeleteFunc(slices.Clone(p.RelatedBy), isHidden)
			q.AdaptedIn = slices.DeleteFunc(slices.Clone(p.AdaptedIn), isHidden)
			q.DropAdaptedFrom(isHidden)
			p = &q
		}
		out = append(out, p)
	}
	// model.New sorts by ID already; a catalog assembled otherwise must
	// still export in the same order.
	slices.SortStableFunc(out, func(a, b *model.Practice) int { return cmp.Compare(a.ID, b.ID) })
	return out
}

// texts returns the practice's own texts in catalog language order: only
// the languages it has a file in, never the source standing in for a
// missing translation, so that a tool can tell what is translated.
func texts(cat *model.Catalog, p *model.Practice) []*model.Text {
	var out []*model.Text
	for _, lang := range cat.Config.Languages {
		if t := p.Texts[lang]; t != nil {
			out = append(out, t)
		}
	}
	return out
}

// pagePath is where package site writes a practice's page in lang.
func pagePath(lang, id string) string { return path.Join(lang, "practices", id, "index.html") }

// day writes a calendar date; a missing date is empty, not year 1.
func day(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.Format(time.DateOnly)
}

// list makes a nil list an empty one, so that JSON has [] and never null.
func list[T any](s []T) []T {
	if s == nil {
		return []T{}
	}
	return s
}

// --- catalog.json ---

type jsonCatalog struct {
	Title     map[string]string `json:"title"`
	Languages []string          `json:"languages"`
	Built     string            `json:"built"`
	Practices []jsonPractice    `json:"practices"`
}

type jsonPractice struct {
	ID                string       `json:"id"`
	SourceLanguage    string       `json:"source_language"`
	Countries         []string     `json:"countries"`
	Scope             string       `json:"scope"`
	Themes            []string     `json:"themes"`
	Pillars           []string     `json:"pillars"`
	TargetGroups      []string     `json:"target_groups"`
	ExploitationForms []string     `json:"exploitation_forms"`
	Period            jsonPeriod   `json:"period"`
	Status            string       `json:"status"`
	Level             string       `json:"level"`
	Related           []string     `json:"related"`
	RelatedBy         []string     `json:"related_by"`
	AdaptedIn         []string     `json:"adapted_in"`
	Sources           []jsonSource `json:"sources"`
	Texts             jsonTexts    `json:"texts"`
}

type jsonPeriod struct {
	Start string `json:"start"`
	End   string `json:"end"`
}

type jsonSource struct {
	Title     string `json:"title"`
	Publisher string `json:"publisher"`
	Year      int    `json:"year,omitempty"`
	URL       string `json:"url"`
	Lang      string `json:"lang,omitempty"`
}

type jsonText struct {
	lang         string
	Title        string            `json:"title"`
	Summary      string            `json:"summary"`
	Institutions []jsonInstitution `json:"institutions"`
	Partners     []jsonInstitution `json:"partners"`
	Criteria     []jsonRating      `json:"criteria"`
	Exchanges    []jsonExchange    `json:"exchanges"`
	AdaptedFrom  []jsonAdaptedFrom `json:"adapted_from"`
	Adaptation   *jsonAdaptation   `json:"adaptation,omitempty"`
	Contact      *jsonContact      `json:"contact,omitempty"`
	LastReviewed string            `json:"last_reviewed"`
	Body         string            `json:"body"`
	Path         string            `json:"path"`
}

type jsonInstitution struct {
	Name    string `json:"name"`
	Acronym string `json:"acronym"`
	Country string `json:"country"`
	Type    string `json:"type"`
}

type jsonRating struct {
	Criterion string `json:"criterion"`
	Rating    string `json:"rating"`
	Note      string `json:"note"`
}

type jsonExchange struct {
	Year         int      `json:"year"`
	Visitors     []string `json:"visitors"`
	Institutions []string `json:"institutions"`
	Kind         string   `json:"kind"`
	Note         string   `json:"note"`
	Outcome      string   `json:"outcome"`
	OutcomeNote  string   `json:"outcome_note"`
}

type jsonAdaptedFrom struct {
	Practice string `json:"practice"`
	Year     int    `json:"year,omitempty"`
	Note     string `json:"note"`
}

type jsonAdaptation struct {
	Requires []string `json:"requires"`
	Cost     string   `json:"cost"`
	Note     string   `json:"note"`
}

type jsonContact struct {
	Institution string `json:"institution"`
	Role        string `json:"role"`
	URL         string `json:"url"`
	Email       string `json:"email"`
}

// jsonTexts is an object keyed by language in catalog language order (the
// source language first), which a Go map would sort alphabetically.
type jsonTexts []jsonText

func (ts jsonTexts) MarshalJSON() ([]byte, error) {
	var b bytes.Buffer
	b.WriteByte('{')
	for i, t := range ts {
		if i > 0 {
			b.WriteByte(',')
		}
		k, err := json.Marshal(t.lang)
		if err != nil {
			return nil, err
		}
		v, err := json.Marshal(t)
		if err != nil {
			return nil, err
		}
		b.Write(k)
		b.WriteByte(':')
		b.Write(v)
	}
	b.WriteByte('}')
	return b.Bytes(), nil
}

func catalogJSON(w io.Writer, cat *model.Catalog, practices []*model.Practice, opt Options) error {
	cfg := cat.Config
	doc := jsonCatalog{
		Title:     map[string]string{},
		Languages: list(cfg.Languages),
		Practices: []jsonPractice{},
	}
	if !opt.Date.IsZero() {
		doc.Built = opt.Date.UTC().Format(time.DateOnly)
	}
	// One title per catalog language, so that a title given once for all
	// languages (the "" key of Localized) reads like any other.
	for _, lang := range cfg.Languages {
		doc.Title[lang] = cfg.Title.In(lang, cfg.DefaultLanguage())
	}
	return indentedJSON(w, doc, len(practices), func(i int) jsonPractice { return practiceJSON(cat, practices[i]) })
}

// practiceJSON is a practice as catalog.json gives it.
func practiceJSON(cat *model.Catalog, p *model.Practice) jsonPractice {
	jp := jsonPractice{
		ID:                p.ID,
		Countries:         list(p.Countries),
		Scope:             p.Scope,
		Themes:            list(p.Themes),
		Pillars:           list(p.Pillars),
		TargetGroups:      list(p.TargetGroups),
		ExploitationForms: list(p.ExploitationForms),
		Period:            jsonPeriod{Start: p.Period.Start.String(), End: p.Period.End.String()},
		Status:            p.Status,
		Level:             p.Level,
		Related:           list(p.Related),
		RelatedBy:         list(p.RelatedBy),
		AdaptedIn:         list(p.AdaptedIn),
		Sources:           make([]jsonSource, 0, len(p.Sources)),
		Texts:             jsonTexts{},
	}
	if p.Source != nil {
		jp.SourceLanguage = p.Source.Lang
	}
	for _, s := range p.Sources {
		jp.Sources = append(jp.Sources, jsonSource{Title: s.Title, Publisher: s.Publisher, Year: s.Year, URL: s.URL, Lang: s.Lang})
	}
	for _, t := range texts(cat, p) {
		jp.Texts = append(jp.Texts, textJSON(p.ID, t))
	}
	return jp
}

// indentedJSON writes doc, with the n practices that practice(i) gives in
// place of doc.Practices, as an Encoder with SetIndent("", "  ") would.
// The practices are made and encoded on every CPU a batch at a time and
// written as each batch is done, so that only a batch is in memory: the
// Encoder built the whole document three times over in doubling buffers,
// which for 10,000 practices (bodies included) was 11 s and most of a
// build's peak memory. HTML escaping stays on, as in the Encoder: the file
// is served beside the site.
func indentedJSON(w io.Writer, doc jsonCatalog, n int, practice func(i int) jsonPractice) error {
	doc.Practices = []jsonPractice{}
	head, err := json.MarshalIndent(doc, "", "  ")
	if err != nil {
		return err
	}
	open, ok := bytes.CutSuffix(head, []byte("[]\n}"))
	if !ok || n == 0 {
		_, err := w.Write(append(head, '\n'))
		return err
	}
	if _, err := w.Write(append(open, '[')); err != nil {
		return err
	}
	workers := runtime.GOMAXPROCS(0)
	parts := make([][]byte, 16*workers)
	errs := make([]error, len(parts))
	var b bytes.Buffer
	for start := 0; start < n; start += len(parts) {
		batch := min(n-start, len(parts))
		var next atomic.Int64
		var wg sync.WaitGroup
		for range min(workers, batch) {
			wg.Go(func() {
				for i := int(next.Add(1) - 1); i < batch; i = int(next.Add(1) - 1) {
					parts[i], errs[i] = practiceIndented(practice(start+i), "    ")
				}
			})
		}
		wg.Wait()
		b.Reset()
		for i := range batch {
			if errs[i] != nil {
				return errs[i]
			}
			if start+i > 0 {
				b.WriteByte(',')
			}
			b.WriteString("\n    ")
			b.Write(parts[i])
			parts[i] = nil
		}
		if _, err := w.Write(b.Bytes()); err != nil {
			return err
		}
	}
	_, err = io.WriteString(w, "\n  ]\n}\n")
	return err
}

// practiceIndented is json.MarshalIndent(p, prefix, "  "), made without
// reading each body three times: MarshalIndent compacts what
// jsonTexts.MarshalJSON gives, then indents all of it, and the bodies are
// nearly all of catalog.json. The practice is encoded without its texts,
// each text without its body, and each body on its own, then joined as
// MarshalIndent would have joined them (TestIndentedJSON holds the result
// to the Encoder).
func practiceIndented(p jsonPractice, prefix string) ([]byte, error) {
	texts := p.Texts
	p.Texts = nil
	b, err := json.MarshalIndent(p, prefix, "  ")
	if err != nil {
		return nil, err
	}
	// The texts are the last field: "texts": {} and the closing brace.
	end := "{}\n" + prefix + "}"
	head, ok := bytes.CutSuffix(b, []byte(end))
	if !ok {
		return nil, fmt.Errorf("practice %s: its JSON does not end with the texts", p.ID)
	}
	if len(texts) == 0 {
		return b, nil
	}
	in := prefix + "      " // a text's fields
	out := bytes.NewBuffer(head)
	out.WriteByte('{')
	for i, t := range texts {
		if i > 0 {
			out.WriteByte(',')
		}
		k, err := json.Marshal(t.lang)
		if err != nil {
			return nil, err
		}
		body := t.Body
		t.Body = ""
		v, err := json.MarshalIndent(t, prefix+"    ", "  ")
		if err != nil {
			return nil, err
		}
		// Quotes inside a JSON string are escaped: an unescaped "body"
		// key at a text's indentation can only be the body's.
		field := []byte("\n" + in + `"body": ""`)
		at := bytes.Index(v, field)
		if at < 0 {
			return nil, fmt.Errorf("practice %s: no body in its %s text's JSON", p.ID, t.lang)
		}
		enc, err := json.Marshal(body)
		if err != nil {
			return nil, err
		}
		out.WriteString("\n" + prefix + "    ")
		out.Write(k)
		out.WriteString(": ")
		out.Write(v[:at+len(field)-2])
		out.Write(enc)
		out.Write(v[at+len(field):])
	}
	out.WriteString("\n" + prefix + "  }\n" + prefix + "}")
	return out.Bytes(), nil
}

func textJSON(id string, t *model.Text) jsonText {
	jt := jsonText{
		lang:         t.Lang,
		Title:        t.Title,
		Summary:      t.Summary,
		Institutions: institutionsJSON(t.Institutions),
		Partners:     institutionsJSON(t.Partners),
		Criteria:     make([]jsonRating, 0, len(t.Criteria)),
		Exchanges:    make([]jsonExchange, 0, len(t.Exchanges)),
		AdaptedFrom:  make([]jsonAdaptedFrom, 0, len(t.AdaptedFrom)),
		LastReviewed: day(t.LastReviewed),
		// Without raw HTML, as the site and the book show it: a
		// writer's <!-- note --> is no one's to read.
		Body: string(markdown.WithoutHTML(t.Body)),
		Path: pagePath(t.Lang, id),
	}
	for _, r := range t.Criteria {
		jt.Criteria = append(jt.Criteria, jsonRating{Criterion: r.Criterion, Rating: r.Rating, Note: r.Note})
	}
	for _, e := range t.Exchanges {
		jt.Exchanges = append(jt.Exchanges, jsonExchange{Year: e.Year, Visitors: list(e.Visitors),
			Institutions: list(e.Institutions), Kind: e.Kind, Note: e.Note, Outcome: e.Outcome, OutcomeNote: e.OutcomeNote})
	}
	for _, a := range t.AdaptedFrom {
		jt.AdaptedFrom = append(jt.AdaptedFrom, jsonAdaptedFrom{Practice: a.Practice, Year: a.Year, Note: a.Note})
	}
	if a := t.Adaptation; a != nil {
		jt.Adaptation = &jsonAdaptation{Requires: list(a.Requires), Cost: a.Cost, Note: a.Note}
	}
	if c := t.Contact; c != nil {
		jt.Contact = &jsonContact{Institution: c.Institution, Role: c.Role, URL: c.URL, Email: c.Email}
	}
	return jt
}

func institutionsJSON(list []model.Institution) []jsonInstitution {
	out := make([]jsonInstitution, 0, len(list))
	for _, in := range list {
		out = append(out, jsonInstitution{Name: in.Name, Acronym: in.Acronym, Country: in.Country, Type: in.Type})
	}
	return out
}

// schema writes catalog.schema.json, the same for every catalog.
func schema(w io.Writer, _ *model.Catalog, _ []*model.Practice, _ Options) error {
	_, err := w.Write(Schema)
	return err
}

// --- catalog.csv ---

// csvHeader names the columns; a column is never renamed or moved, since
// spreadsheets and scripts refer to them.
var csvHeader = []string{"id", "language", "title", "summary", "countries", "country_names",
	"scope", "themes", "theme_labels", "pillars", "target_groups", "exploitation_forms",
	"institutions", "partners", "period_start", "period_end", "status", "level",
	"related", "sources", "last_reviewed", "path",
	"adapted_from", "adapted_in", "adaptation_requires", "adaptation_cost", "adaptation_note"}

// bom starts the CSV: without it Excel reads UTF-8 as the local code page
// and "Panamá" turns into "PanamÃ¡".
const bom = "\ufeff"

// multi joins the values of a cell that holds several.
const multi = "; "

func catalogCSV(out io.Writer, cat *model.Catalog, practices []*model.Practice, _ Options) error {
	if _, err := io.WriteString(out, bom); err != nil {
		return err
	}
	w := csv.NewWriter(out)
	w.UseCRLF = true
	if err := w.Write(csvHeader); err != nil {
		return err
	}
	for _, p := range practices {
		for _, t := range texts(cat, p) {
			if err := w.Write(csvRow(cat, p, t)); err != nil {
				return err
			}
		}
	}
	w.Flush()
	return w.Error()
}

func csvRow(cat *model.Catalog, p *model.Practice, t *model.Text) []string {
	lang := t.Lang
	names := make([]string, len(p.Countries))
	for i, cc := range p.Countries {
		names[i] = country.Name(cc, lang)
	}
	labels := make([]string, len(p.Themes))
	for i, th := range p.Themes {
		labels[i] = cat.Config.Label(&cat.Config.Themes, th, lang)
	}
	sources := make([]string, len(p.Sources))
	for i, s := range p.Sources {
		sources[i] = cmp.Or(s.URL, s.Title)
	}
	adaptedFrom := make([]string, len(t.AdaptedFrom))
	for i, a := range t.AdaptedFrom {
		adaptedFrom[i] = a.Practice
	}
	var requires []string
	var cost, note string
	if a := t.Adaptation; a != nil {
		requires, cost, note = a.Requires, a.Cost, a.Note
	}
	row := []string{
		p.ID,
		lang,
		t.Title,
		t.Summary,
		strings.Join(p.Countries, multi),
		strings.Join(names, multi),
		p.Scope,
		strings.Join(p.Themes, multi),
		strings.Join(labels, multi),
		strings.Join(p.Pillars, multi),
		strings.Join(p.TargetGroups, multi),
		strings.Join(p.ExploitationForms, multi),
		institutionsCSV(t.Institutions),
		institutionsCSV(t.Partners),
		p.Period.Start.String(),
		p.Period.End.String(),
		p.Status,
		p.Level,
		strings.Join(p.Related, multi),
		strings.Join(sources, multi),
		day(t.LastReviewed),
		pagePath(lang, p.ID),
		strings.Join(adaptedFrom, multi),
		strings.Join(p.AdaptedIn, multi),
		strings.Join(requires, multi),
		cost,
		note,
	}
	for i, cell := range row {
		row[i] = defuse(cell)
	}
	return row
}

func institutionsCSV(list []model.Institution) string {
	out := make([]string, len(list))
	for i, in := range list {
		out[i] = in.Name
		if in.Acronym != "" {
			out[i] += " (" + in.Acronym + ")"
		}
	}
	return strings.Join(out, multi)
}

// defuse keeps a spreadsheet from running a cell as a formula (OWASP "CSV
// injection"): practice texts come from outside submitters, and a title
// such as =HYPERLINK(…) would otherwise be live in the staff's Excel. The
// leading quote is what OWASP recommends; Excel shows the text as typed.
func defuse(cell string) string {
	if cell != "" && strings.ContainsRune("=+-@\t\r", rune(cell[0])) {
		return "'" + cell
	}
	return cell
}

// --- sitemap.xml ---

type urlset struct {
	XMLName xml.Name     `xml:"urlset"`
	XMLNS   string       `xml:"xmlns,attr"`
	XHTML   string       `xml:"xmlns:xhtml,attr"`
	URLs    []sitemapURL `xml:"url"`
}

type sitemapURL struct {
	Loc        string      `xml:"loc"`
	LastMod    string      `xml:"lastmod,omitempty"`
	Alternates []alternate `xml:"xhtml:link"`
}

// alternate is Google's way of listing a page's other languages in a
// sitemap: every version lists all versions, itself included.
type alternate struct {
	Rel      string `xml:"rel,attr"`
	Hreflang string `xml:"hreflang,attr"`
	Href     string `xml:"href,attr"`
}

func sitemap(w io.Writer, cat *model.Catalog, practices []*model.Practice, _ Options) error {
	base := strings.TrimRight(cat.Config.BaseURL, "/")
	// loc joins the base URL and the segments of a folder page with
	// exactly one slash between each, and one at the end, as the site's
	// folders are served.
	loc := func(segments ...string) string {
		var b strings.Builder
		b.WriteString(base)
		b.WriteByte('/')
		for _, s := range segments {
			b.WriteString(url.PathEscape(s))
			b.WriteByte('/')
		}
		return b.String()
	}
	countries, themes := listed(cat.ByCountry), listed(cat.ByTheme)

	urls := []sitemapURL{{Loc: loc()}}
	for _, lang := range cat.Config.Languages {
		urls = append(urls,
			sitemapURL{Loc: loc(lang)},
			sitemapURL{Loc: loc(lang, "countries")},
			sitemapURL{Loc: loc(lang, "themes")},
			sitemapURL{Loc: loc(lang, "exchanges")},
			sitemapURL{Loc: loc(lang, "search")},
		)
		for _, cc := range countries {
			urls = append(urls, sitemapURL{Loc: loc(lang, "countries", strings.ToLower(cc))})
		}
		for _, th := range themes {
			urls = append(urls, sitemapURL{Loc: loc(lang, "themes", th)})
		}
	}
	for _, p := range practices {
		// Alternates name only real translations: the page of a language
		// the practice is not translated into shows the source text, and
		// calling it a translation would mislead the search engine.
		var alts []alternate
		if own := texts(cat, p); len(own) > 1 {
			for _, t := range own {
				alts = append(alts, alternate{Rel: "alternate", Hreflang: t.Lang, Href: loc(t.Lang, "practices", p.ID)})
			}
		}
		for _, lang := range cat.Config.Languages {
			u := sitemapURL{Loc: loc(lang, "practices", p.ID)}
			t := p.Texts[lang]
			if t == nil {
				t = p.Source
			} else {
				u.Alternates = alts
			}
			if t != nil {
				u.LastMod = day(t.LastReviewed)
			}
			urls = append(urls, u)
		}
	}
	slices.SortFunc(urls, func(a, b sitemapURL) int { return cmp.Compare(a.Loc, b.Loc) })
	urls = slices.CompactFunc(urls, func(a, b sitemapURL) bool { return a.Loc == b.Loc })

	var b bytes.Buffer
	b.WriteString(xml.Header)
	enc := xml.NewEncoder(&b)
	enc.Indent("", "  ")
	err := enc.Encode(urlset{
		XMLNS: "http://www.sitemaps.org/schemas/sitemap/0.9",
		XHTML: "http://www.w3.org/1999/xhtml",
		URLs:  urls,
	})
	if err != nil {
		return err
	}
	b.WriteByte('\n')
	_, err = w.Write(b.Bytes())
	return err
}

// listed returns the keys of an index that have at least one public
// practice, sorted: a country whose only practice is restricted has no
// page in a public build.
func listed(index map[string][]*model.Practice) []string {
	var keys []string
	for k, ps := range index {
		if slices.ContainsFunc(ps, func(p *model.Practice) bool { return !p.Restricted() }) {
			keys = append(keys, k)
		}
	}
	slices.Sort(keys)
	return keys
}
