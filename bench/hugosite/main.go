// Command hugosite turns a catalog written by internal/synth into an
// equivalent multilingual Hugo site, for the speed comparison with Hugo
// (bench/compare.sh):
//
//	go run ./bench/hugosite -catalog /tmp/cat -out /tmp/hugo-site
//
// Each practice becomes content/practices/ID.LANG.md with the same Markdown
// body, byte for byte, and front matter holding what our practice, country
// and theme pages show: title, summary, countries and themes (Hugo
// taxonomies), pillars, status, level, period, institution and partner
// names, criteria with their notes, related practices (linked, by title),
// exchanges, sources, last review; labels of codes are written out in the
// page's language. A translation inherits the structured fields of its source, as in
// catalog. Restricted practices are left out, as catalog leaves them out.
// Country and theme term pages get their names (content/countries/cc and
// content/themes/SLUG), and i18n/LANG.yaml the words of the pages, so that
// both sites show the same text. The layouts are the embedded layouts/.
package main

import (
	"bytes"
	"embed"
	"errors"
	"flag"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"gopkg.in/yaml.v3"

	"catalog/internal/config"
	"catalog/internal/country"
	"catalog/internal/words"
	"catalog/templates"
)

//go:embed all:layouts
var layouts embed.FS

// hugoFM is the front matter of a practice in the Hugo site.
type hugoFM struct {
	Title        string   `yaml:"title"`
	Summary      string   `yaml:"summary"`
	Countries    []string `yaml:"countries"`
	Themes       []string `yaml:"themes"`
	Pillars      []string `yaml:"pillars"`
	Status       string   `yaml:"status"`
	Level        string   `yaml:"level"`
	Period       period   `yaml:"period"`
	Institutions []string `yaml:"institutions"`
	Partners     []string `yaml:"partners,omitempty"`
	Criteria     []crit   `yaml:"criteria,omitempty"`
	Related      []link   `yaml:"related,omitempty"`
	Exchanges    []visit  `yaml:"exchanges,omitempty"`
	Sources      []source `yaml:"sources"`
	LastReviewed string   `yaml:"last_reviewed"`
}

type crit struct {
	Name   string `yaml:"name"`
	Rating string `yaml:"rating"`
	Note   string `yaml:"note,omitempty"`
}

type link struct {
	ID    string `yaml:"id"`
	Title string `yaml:"title"`
}

type visit struct {
	Year         string   `yaml:"year"`
	Visitors     []string `yaml:"visitors"`
	Institutions []string `yaml:"institutions"`
	Kind         string   `yaml:"kind"`
	Note         string   `yaml:"note,omitempty"`
}

type source struct {
	Title     string `yaml:"title"`
	Publisher string `yaml:"publisher,omitempty"`
	Year      string `yaml:"year,omitempty"`
	URL       string `yaml:"url,omitempty"`
}

type period struct {
	Start string `yaml:"start"`
	End   string `yaml:"end"`
}

// file is one practice file, split.
type file struct {
	id, lang string
	fm       map[string]any
	body     []byte
}

// pageWords are the words of our site that the Hugo pages use.
var pageWords = []string{"practices", "countries", "themes", "institutions", "period", "status",
	"level", "last_reviewed", "summary", "details", "pillar", "all_practices", "other_languages",
	"partners", "criteria", "related", "exchanges", "sources"}

func main() {
	cat := flag.String("catalog", "", "catalog folder written by bench/synth")
	out := flag.String("out", "", "Hugo site folder to write (must not exist, or be empty)")
	flag.Parse()
	if *cat == "" || *out == "" || flag.NArg() > 0 {
		fmt.Fprintln(os.Stderr, "usage: hugosite -catalog DIR -out SITEDIR")
		os.Exit(2)
	}
	start := time.Now()
	n, err := convert(*cat, *out)
	if err != nil {
		fmt.Fprintln(os.Stderr, "hugosite:", err)
		os.Exit(1)
	}
	fmt.Fprintf(os.Stderr, "hugosite: wrote %d practice files to %s in %v\n", n, *out, time.Since(start).Round(time.Millisecond))
}

func convert(catDir, out string) (int, error) {
	if ents, err := os.ReadDir(out); err == nil && len(ents) > 0 {
		return 0, fmt.Errorf("%s exists and is not empty", out)
	}
	cfg, _, err := config.Load(catDir)
	if err != nil {
		return 0, err
	}
	langs := cfg.Languages
	def := cfg.DefaultLanguage()
	ws, err := words.Load(templates.FS, langs)
	if err != nil {
		return 0, err
	}

	// Read every practice; sources first, so translations can inherit.
	ents, err := os.ReadDir(filepath.Join(catDir, "practices"))
	if err != nil {
		return 0, err
	}
	var files []file
	sources := map[string]map[string]any{}
	for _, e := range ents {
		name := e.Name()
		if e.IsDir() || !strings.HasSuffix(name, ".md") {
			continue
		}
		base := strings.TrimSuffix(name, ".md")
		id, lang := base, def
		if i := strings.LastIndexByte(base, '.'); i >= 0 {
			id, lang = base[:i], base[i+1:]
		}
		src, err := os.ReadFile(filepath.Join(catDir, "practices", name))
		if err != nil {
			return 0, err
		}
		fmSrc, body, err := split(src)
		if err != nil {
			return 0, fmt.Errorf("%s: %w", name, err)
		}
		m := map[string]any{}
		if err := yaml.Unmarshal(fmSrc, &m); err != nil {
			return 0, fmt.Errorf("%s: %w", name, err)
		}
		files = append(files, file{id: id, lang: lang, fm: m, body: body})
		if lang == def {
			sources[id] = m
		}
	}
	titles := map[string]string{} // by ID.LANG, a translation's or else its source's
	for _, f := range files {
		titles[f.id+"."+f.lang] = str(f.fm["title"])
	}
	title := func(id, lang string) string {
		if t, ok := titles[id+"."+lang]; ok {
			return t
		}
		return titles[id+"."+def]
	}

	countries := map[string]bool{}
	themes := map[string]bool{}
	n := 0
	for _, f := range files {
		src := sources[f.id]
		if src == nil {
			return 0, fmt.Errorf("%s.%s.md: no source file in %s", f.id, f.lang, def)
		}
		if str(src["visibility"]) == "restricted" {
			continue
		}
		get := func(k string) any { // a translation inherits what it does not give
			if v, ok := f.fm[k]; ok {
				return v
			}
			return src[k]
		}
		h := hugoFM{
			Title:        str(get("title")),
			Summary:      str(get("summary")),
			Status:       str(get("status")),
			Level:        str(get("level")),
			LastReviewed: str(get("last_reviewed")),
		}
		for _, c := range list(get("countries")) {
			cc, ok := country.Canonical(str(c))
			if !ok {
				return 0, fmt.Errorf("%s.%s.md: unknown country %q", f.id, f.lang, str(c))
			}
			cc = strings.ToLower(cc)
			h.Countries = append(h.Countries, cc)
			countries[cc] = true
		}
		for _, t := range list(get("themes")) {
			slug := str(t)
			h.Themes = append(h.Themes, slug)
			themes[slug] = true
			if th := cfg.Themes.Term(slug); th != nil && !slices.Contains(h.Pillars, th.Pillar) {
				h.Pillars = append(h.Pillars, th.Pillar)
			}
		}
		// Pillars in the order of the vocabulary, as our cards list them.
		slices.SortFunc(h.Pillars, func(a, b string) int {
			return slices.Index(cfg.Pillars.Slugs(), a) - slices.Index(cfg.Pillars.Slugs(), b)
		})
		if p, ok := get("period").(map[string]any); ok {
			h.Period = period{Start: str(p["start"]), End: str(p["end"])}
		}
		for _, in := range list(get("institutions")) {
			if m, ok := in.(map[string]any); ok {
				h.Institutions = append(h.Institutions, str(m["name"]))
			}
		}
		for _, in := range list(get("partners")) {
			if m, ok := in.(map[string]any); ok {
				h.Partners = append(h.Partners, str(m["name"]))
			}
		}
		crits, _ := get("criteria").(map[string]any)
		for _, slug := range cfg.Criteria.Slugs() { // in the vocabulary's order
			if m, ok := crits[slug].(map[string]any); ok {
				h.Criteria = append(h.Criteria, crit{
					Name:   cfg.Label(&cfg.Criteria, slug, f.lang),
					Rating: ws.Get(f.lang, "rating."+str(m["rating"])),
					Note:   str(m["note"]),
				})
			}
		}
		for _, r := range list(src["related"]) {
			id := str(r)
			if s := sources[id]; s == nil || str(s["visibility"]) == "restricted" {
				continue
			}
			h.Related = append(h.Related, link{ID: id, Title: title(id, f.lang)})
		}
		for _, e := range list(get("exchanges")) {
			m, _ := e.(map[string]any)
			v := visit{Year: str(m["year"]), Kind: ws.Get(f.lang, "kind."+str(m["kind"])), Note: str(m["note"])}
			for _, c := range list(m["visitors"]) {
				cc, _ := country.Canonical(str(c))
				v.Visitors = append(v.Visitors, country.Name(cc, f.lang))
			}
			for _, in := range list(m["institutions"]) {
				v.Institutions = append(v.Institutions, str(in))
			}
			h.Exchanges = append(h.Exchanges, v)
		}
		for _, so := range list(src["sources"]) {
			m, _ := so.(map[string]any)
			h.Sources = append(h.Sources, source{Title: str(m["title"]), Publisher: str(m["publisher"]), Year: str(m["year"]), URL: str(m["url"])})
		}
		fmOut, err := yaml.Marshal(&h)
		if err != nil {
			return 0, err
		}
		var b bytes.Buffer
		b.Grow(len(fmOut) + len(f.body) + 8)
		b.WriteString("---\n")
		b.Write(fmOut)
		b.WriteString("---\n")
		b.Write(f.body)
		if err := write(out, "content/practices/"+f.id+"."+f.lang+".md", b.Bytes()); err != nil {
			return 0, err
		}
		n++
	}

	// Term pages and their titles, in every language.
	for _, lang := range langs {
		if err := index(out, "content/countries/_index."+lang+".md", ws.Get(lang, "countries"), ""); err != nil {
			return 0, err
		}
		if err := index(out, "content/themes/_index."+lang+".md", ws.Get(lang, "themes"), ""); err != nil {
			return 0, err
		}
		if err := index(out, "content/practices/_index."+lang+".md", ws.Get(lang, "practices"), ""); err != nil {
			return 0, err
		}
		for cc := range countries {
			if err := index(out, "content/countries/"+cc+"/_index."+lang+".md", country.Name(strings.ToUpper(cc), lang), ""); err != nil {
				return 0, err
			}
		}
		for t := range themes {
			pillar := ""
			if th := cfg.Themes.Term(t); th != nil {
				pillar = th.Pillar
			}
			if err := index(out, "content/themes/"+t+"/_index."+lang+".md", cfg.Label(&cfg.Themes, t, lang), pillar); err != nil {
				return 0, err
			}
		}
		// i18n: the words of our pages, plus the labels of the values.
		msgs := map[string]string{}
		for _, k := range pageWords {
			msgs[k] = ws.Get(lang, k)
		}
		msgs["period_since"] = strings.Replace(ws.Get(lang, "period_since"), "%s", "{{ . }}", 1)
		for _, v := range []string{"ongoing", "ended", "unknown"} {
			msgs["status_"+v] = ws.Get(lang, "status."+v)
		}
		for _, v := range []string{"good", "promising", "emerging"} {
			msgs["level_"+v] = ws.Get(lang, "level."+v)
		}
		for _, p := range cfg.Pillars.Slugs() {
			msgs["pillar_"+p] = cfg.Label(&cfg.Pillars, p, lang)
		}
		b, err := yaml.Marshal(msgs)
		if err != nil {
			return 0, err
		}
		if err := write(out, "i18n/"+lang+".yaml", b); err != nil {
			return 0, err
		}
	}

	if err := write(out, "hugo.toml", []byte(hugoConfig(cfg, ws))); err != nil {
		return 0, err
	}
	err = fs.WalkDir(layouts, "layouts", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := layouts.ReadFile(p)
		if err != nil {
			return err
		}
		return write(out, p, b)
	})
	return n, err
}

// hugoConfig is the site's hugo.toml.
func hugoConfig(cfg *config.Config, ws *words.Words) string {
	var b strings.Builder
	fmt.Fprintf(&b, "title = %q\n", cfg.Title.In(cfg.DefaultLanguage(), ""))
	fmt.Fprintf(&b, "defaultContentLanguage = %q\n", cfg.DefaultLanguage())
	b.WriteString(`defaultContentLanguageInSubdir = true
disableKinds = ["RSS", "sitemap", "robotsTXT", "404"]
enableRobotsTXT = false

[taxonomies]
  country = "countries"
  theme = "themes"

# As catalog renders bodies: GitHub tables, strikethrough, footnotes and the
# typographer (on by default); no linkify, task lists or definition lists,
# which catalog does not turn on; raw HTML is not rendered.
[markup.goldmark.extensions]
  definitionList = false
  footnote = true
  linkify = false
  strikethrough = true
  table = true
  taskList = false
[markup.goldmark.renderer]
  unsafe = false

[languages]
`)
	for i, lang := range cfg.Languages {
		fmt.Fprintf(&b, "  [languages.%s]\n", lang)
		fmt.Fprintf(&b, "    languageName = %q\n", ws.Get(lang, "language_name"))
		fmt.Fprintf(&b, "    title = %q\n", cfg.Title.In(lang, cfg.DefaultLanguage()))
		fmt.Fprintf(&b, "    weight = %d\n", i+1)
	}
	return b.String()
}

// index writes a section or term page that only gives a title (and a pillar).
func index(out, name, title, pillar string) error {
	m := map[string]string{"title": title}
	if pillar != "" {
		m["pillar"] = pillar
	}
	b, err := yaml.Marshal(m)
	if err != nil {
		return err
	}
	return write(out, name, append(append([]byte("---\n"), b...), "---\n"...))
}

func write(out, name string, b []byte) error {
	p := filepath.Join(out, filepath.FromSlash(name))
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		return err
	}
	return os.WriteFile(p, b, 0o644)
}

// split cuts the front matter (between the first two `---` lines) from the
// body, which is returned as it is in the file.
func split(src []byte) (fm, body []byte, err error) {
	rest, ok := bytes.CutPrefix(src, []byte("---\n"))
	if !ok {
		return nil, nil, errors.New("no front matter")
	}
	if bytes.HasPrefix(rest, []byte("---\n")) {
		return nil, rest[4:], nil
	}
	i := bytes.Index(rest, []byte("\n---\n"))
	if i < 0 {
		return nil, nil, errors.New("front matter not closed")
	}
	return rest[:i+1], rest[i+5:], nil
}

func str(v any) string {
	switch v := v.(type) {
	case nil:
		return ""
	case string:
		return v
	case time.Time:
		return v.Format(time.DateOnly)
	default:
		return fmt.Sprint(v)
	}
}

func list(v any) []any {
	l, _ := v.([]any)
	return l
}
