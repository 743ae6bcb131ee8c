// Package config owns catalog.yaml: the catalog's title, languages, the
// vocabularies that practices draw their themes and groups from, regions,
// and the body sections each language requires. The defaults come from the
// project's domain notes and ship inside the binary (default.yaml); a
// catalog.yaml replaces a default key by key.
package config

import (
	_ "embed"
	"errors"
	"fmt"
	"io/fs"
	"net/url"
	"path/filepath"
	"regexp"
	"slices"
	"strings"

	"golang.org/x/text/language"
	"gopkg.in/yaml.v3"

	"catalog/internal/country"
	"catalog/internal/diag"
	fm "catalog/internal/frontmatter"
	"catalog/internal/gate"
	"catalog/internal/lang"
	"catalog/internal/suggest"
)

// FileName is the name of a catalog's configuration file.
const FileName = "catalog.yaml"

// RuleConfig covers values of catalog.yaml that are well-formed YAML but
// make no sense: an unknown language, a theme in no pillar.
var RuleConfig = &diag.Rule{ID: "config", Severity: diag.Error,
	Doc: "A value in catalog.yaml that catalog cannot use: an invalid or repeated language, a theme whose pillar is not listed, an unknown chapter grouping, an invalid base URL, a book image not in media/."}

//go:embed default.yaml
var defaultYAML []byte

// Localized is a text in several languages.
type Localized map[string]string

// In returns the text in lang, else in fallback, else any non-empty one.
func (l Localized) In(lang, fallback string) string {
	if s := l[lang]; s != "" {
		return s
	}
	if s := l[fallback]; s != "" {
		return s
	}
	for _, k := range sortedKeys(l) {
		if l[k] != "" {
			return l[k]
		}
	}
	return ""
}

// Term is one entry of a vocabulary.
type Term struct {
	Slug   string
	Pillar string // themes only
	Labels Localized
}

// Vocabulary is an ordered list of terms.
type Vocabulary struct {
	Name string // the catalog.yaml key, for messages
	// Singular is what messages call one of its terms ("target group").
	Singular string
	Terms    []Term
	index    map[string]int
}

// Has reports whether slug is in the vocabulary.
func (v *Vocabulary) Has(slug string) bool { _, ok := v.index[slug]; return ok }

// Term returns the term for slug, or nil.
func (v *Vocabulary) Term(slug string) *Term {
	if i, ok := v.index[slug]; ok {
		return &v.Terms[i]
	}
	return nil
}

// Order returns the position of slug in the vocabulary (len(Terms) when unknown).
func (v *Vocabulary) Order(slug string) int {
	if i, ok := v.index[slug]; ok {
		return i
	}
	return len(v.Terms)
}

// ByLabel returns the slug of the term one of whose labels is s, case and
// accents aside ("atencion inmediata" is immediate-assistance), or "":
// writers type the label they see on the site, not the code.
func (v *Vocabulary) ByLabel(s string) string {
	want := suggest.Fold(s)
	for _, t := range v.Terms {
		for _, lang := range sortedKeys(t.Labels) {
			if suggest.Fold(t.Labels[lang]) == want {
				return t.Slug
			}
		}
	}
	return ""
}

// Hint is what to say of s, which is not a slug of v: the slug whose label
// it is, or the slugs it is close to.
func (v *Vocabulary) Hint(s string) suggest.Text {
	if slug := v.ByLabel(s); slug != "" {
		return suggest.LabelOf(slug)
	}
	return suggest.Hint(s, v.Slugs())
}

// Slugs lists the vocabulary's slugs in order.
func (v *Vocabulary) Slugs() []string {
	out := make([]string, len(v.Terms))
	for i, t := range v.Terms {
		out[i] = t.Slug
	}
	return out
}

func (v *Vocabulary) reindex() {
	v.index = make(map[string]int, len(v.Terms))
	for i, t := range v.Terms {
		v.index[t.Slug] = i
	}
}

// Book is what catalog.yaml's book key says of the PDF book's parts; each
// is optional, the book has words of its own for what is not given.
type Book struct {
	CoverImage string    // a file in media/, drawn on the cover
	Logos      []string  // files in media/, in a row at the foot of the cover
	Disclaimer Localized // the imprint's disclaimer, in place of the default
	Citation   Localized // the suggested citation, in place of the generated one
	// At is where catalog.yaml names each image, for the checks that
	// find it missing.
	At map[string]fm.Pos
}

// bookKeys are the keys under book.
var bookKeys = []string{"cover_image", "logos", "disclaimer", "citation"}

// Region groups countries on the site.
type Region struct {
	Slug      string
	Labels    Localized
	Countries []string
}

// Config is a loaded catalog.yaml.
type Config struct {
	Path      string // the file it was read from; "" for the defaults alone
	Title     Localized
	Subtitle  Localized
	Publisher Localized
	// Edition names the edition ("Primera edición"), on the book's cover
	// and imprint and in its suggested citation.
	Edition   Localized
	Book      Book
	Languages []string // the first is the default language
	BaseURL   string
	// Repository says where the catalog's files are kept (catalog.yaml's
	// repository), for the "propose a change" link of a practice page.
	Repository Repository
	Chapters   string // "country" or "pillar"
	Sections   map[string][]string

	Pillars           Vocabulary
	Themes            Vocabulary
	TargetGroups      Vocabulary
	ExploitationForms Vocabulary
	Criteria          Vocabulary
	// Requirements are what adapting a practice may take (a practice's
	// adaptation.requires).
	Requirements Vocabulary
	Regions      []Region
}

// DefaultLanguage is the language practices are first written in.
func (c *Config) DefaultLanguage() string { return c.Languages[0] }

// HasLanguage reports whether lang is one of the catalog's languages.
func (c *Config) HasLanguage(lang string) bool {
	for _, l := range c.Languages {
		if l == lang {
			return true
		}
	}
	return false
}

// Label returns a term's label in lang (falling back to the default
// language, then to the slug).
func (c *Config) Label(v *Vocabulary, slug, lang string) string {
	if t := v.Term(slug); t != nil {
		if s := t.Labels.In(lang, c.DefaultLanguage()); s != "" {
			return s
		}
	}
	return slug
}

var keys = []string{"title", "subtitle", "publisher", "edition", "book", "languages", "base_url", "repository", "chapters", "sections",
	"pillars", "themes", "target_groups", "exploitation_forms", "criteria", "requirements", "regions"}

// vocabularies are the keys of catalog.yaml that hold a vocabulary: what
// one of its terms is called, where the Config keeps it, and whether each
// term names its pillar.
var vocabularies = []struct {
	key, singular string
	at            func(*Config) *Vocabulary
	pillar        bool
}{
	{"pillars", "pillar", func(c *Config) *Vocabulary { return &c.Pillars }, false},
	{"themes", "theme", func(c *Config) *Vocabulary { return &c.Themes }, true},
	{"target_groups", "target group", func(c *Config) *Vocabulary { return &c.TargetGroups }, false},
	{"exploitation_forms", "form of exploitation", func(c *Config) *Vocabulary { return &c.ExploitationForms }, false},
	{"criteria", "criterion", func(c *Config) *Vocabulary { return &c.Criteria }, false},
	{"requirements", "requirement", func(c *Config) *Vocabulary { return &c.Requirements }, false},
}

// Vocabulary returns the vocabulary under key in catalog.yaml ("themes"),
// or nil when key names none.
func (c *Config) Vocabulary(key string) *Vocabulary {
	for _, v := range vocabularies {
		if v.key == key {
			return v.at(c)
		}
	}
	return nil
}

// Default returns the built-in configuration.
func Default() *Config {
	c, ds := parse(nil, defaultYAML, "default.yaml")
	if len(ds) > 0 {
		panic(fmt.Sprintf("config: built-in default.yaml is broken: %v", ds))
	}
	return c
}

// ErrNotFound means the folder holds no catalog.yaml.
var ErrNotFound = lang.Errorf("no %s", FileName)

// Load reads dir/catalog.yaml over the defaults. Problems in the file come
// back as diagnostics; an error means the file could not be read at all.
func Load(dir string) (*Config, []diag.Diagnostic, error) {
	folder, err := Open(dir)
	if err != nil {
		return nil, nil, err
	}
	defer folder.Close()
	return Read(folder)
}

// Open opens the catalog folder dir (see package gate); a folder that is
// not there is not a catalog.
func Open(dir string) (*gate.Folder, error) {
	folder, err := gate.Open(dir)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, notFound(dir)
	}
	return folder, err
}

func notFound(dir string) error {
	return lang.Errorf("%w in %s: that folder is not a catalog; give the catalog's folder with --dir", ErrNotFound, filepath.Clean(dir)+string(filepath.Separator))
}

// Read reads the catalog.yaml of an open catalog folder over the defaults.
// A catalog.yaml that the gate refuses (a link out of the catalog, a
// special file, a file too large) is reported, and the defaults stand.
func Read(folder *gate.Folder) (*Config, []diag.Diagnostic, error) {
	path := folder.Path(FileName)
	src, err := folder.ReadFile(path, gate.MaxText)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil, notFound(folder.Dir())
	}
	if d, ok := gate.AsDiagnostic(err); ok {
		c := Default()
		c.Path = path
		return c, []diag.Diagnostic{d}, nil
	}
	if err != nil {
		return nil, nil, err
	}
	c, ds := parse(Default(), src, path)
	return c, ds, nil
}

// Parse reads a catalog.yaml's text over the defaults.
func Parse(src []byte, path string) (*Config, []diag.Diagnostic) {
	return parse(Default(), src, path)
}

func parse(base *Config, src []byte, path string) (*Config, []diag.Diagnostic) {
	c := &Config{}
	if base != nil {
		*c = *base
	}
	c.Path = path
	text, tds := fm.Text(src)
	if tds != nil {
		return c, withFile(tds, path)
	}
	root, ds := fm.ParseYAML(text, 0)
	ds = withFile(ds, path)
	userSections := false
	d := fm.NewDecoder(path, 0)
	d.Top = FileName
	d.Fields(root, "", keys, func(key string, k, v *yaml.Node) {
		switch key {
		case "title":
			c.Title = localized(d, v, key)
		case "subtitle":
			c.Subtitle = localized(d, v, key)
		case "publisher":
			c.Publisher = localized(d, v, key)
		case "edition":
			c.Edition = localized(d, v, key)
		case "book":
			c.Book = bookParts(d, v)
		case "languages":
			c.Languages = languages(d, v)
		case "base_url":
			c.BaseURL = d.String(v, key)
		case "repository":
			c.Repository = repository(d, v)
		case "chapters":
			c.Chapters = d.Code(v, key)
		case "sections":
			userSections = true
			c.Sections = map[string][]string{}
			d.Map(v, key, func(lang string, _, hv *yaml.Node, kp string) {
				c.Sections[lang] = d.Strings(hv, kp)
			})
		case "regions":
			c.Regions = regions(d, v)
		default:
			for _, row := range vocabularies {
				if row.key == key {
					*row.at(c) = vocabulary(d, v, key, row.singular, row.pillar)
				}
			}
		}
	})
	if !userSections {
		// The defaults name sections for languages this catalog may not have.
		sections := map[string][]string{}
		for _, l := range c.Languages {
			if h, ok := c.Sections[l]; ok {
				sections[l] = h
			}
		}
		c.Sections = sections
	}
	if root != nil || len(ds) == 0 {
		// A file YAML cannot read has no title and no languages as far
		// as the decoder knows: saying so would be about a file its
		// author did not write.
		c.check(d)
	}
	return c, append(ds, d.Diags...)
}

func withFile(ds []diag.Diagnostic, path string) []diag.Diagnostic {
	for i := range ds {
		ds[i].File = path
	}
	return ds
}

// localized reads either one text for every language or a mapping
// language → text.
func localized(d *fm.Decoder, n *yaml.Node, path string) Localized {
	out := Localized{}
	if n != nil && n.Kind == yaml.ScalarNode {
		out[""] = d.String(n, path)
		return out
	}
	d.Map(n, path, func(lang string, _, v *yaml.Node, kp string) {
		out[lang] = d.String(v, kp)
	})
	return out
}

// bookParts reads the book key.
func bookParts(d *fm.Decoder, n *yaml.Node) Book {
	var out Book
	d.FieldsAt(n, "book", bookKeys, func(key, kp string, _, v *yaml.Node) {
		switch key {
		case "cover_image":
			out.CoverImage = mediaFile(d, v, kp)
			out.at(out.CoverImage, v, d)
		case "logos":
			d.List(v, kp, func(_ int, item *yaml.Node, ip string) {
				if f := mediaFile(d, item, ip); f != "" {
					out.Logos = append(out.Logos, f)
					out.at(f, item, d)
				}
			})
		case "disclaimer":
			out.Disclaimer = localized(d, v, kp)
		case "citation":
			out.Citation = localized(d, v, kp)
		}
	})
	return out
}

// mediaFile reads the name of an image in the catalog's media/ folder, as
// a practice links it: "media/logo.png".
func mediaFile(d *fm.Decoder, n *yaml.Node, path string) string {
	s := d.String(n, path)
	if s == "" {
		return ""
	}
	if !strings.HasPrefix(s, "media/") || !fs.ValidPath(s) || !imageName.MatchString(s) {
		d.Report(RuleConfig, n, "%s must name an image in media/ (such as media/logo.png), not %q", fm.Label(path), s)
		return ""
	}
	return s
}

// at records where the image name s stands.
func (b *Book) at(s string, n *yaml.Node, d *fm.Decoder) {
	if s == "" {
		return
	}
	if b.At == nil {
		b.At = map[string]fm.Pos{}
	}
	b.At[s] = fm.Pos{Line: n.Line + d.LineOffset, Col: n.Column}
}

// imageName is the name of an image the book can draw.
var imageName = regexp.MustCompile(`(?i)\.(png|jpe?g)$`)

func languages(d *fm.Decoder, n *yaml.Node) []string {
	var out []string
	seen := map[string]bool{}
	given := false
	d.List(n, "languages", func(_ int, item *yaml.Node, ip string) {
		given = true
		code := d.Code(item, ip)
		tag, err := language.Parse(code)
		switch {
		case code == "":
			d.Report(RuleConfig, item, "empty language code")
		case err != nil || !validLanguage.MatchString(code):
			d.Report(RuleConfig, item, "%q is not a language code (use a lowercase BCP 47 code such as es, en, pt, fr)", code)
		case seen[code]:
			d.Report(RuleConfig, item, "language %q is listed twice", code)
		default:
			_ = tag
			seen[code] = true
			out = append(out, code)
		}
	})
	if len(out) == 0 {
		if !given { // each one given was refused already
			d.ReportAt(fm.RuleRequiredField, "languages", "`languages` must list at least one language; the first is the default")
		}
		return []string{"es"}
	}
	return out
}

// validLanguage keeps language codes usable as file-name suffixes.
var validLanguage = regexp.MustCompile(`^[a-z]{2,3}(-[a-z0-9]{2,8})*$`)

func vocabulary(d *fm.Decoder, n *yaml.Node, name, singular string, themes bool) Vocabulary {
	v := Vocabulary{Name: name, Singular: singular}
	d.Map(n, name, func(slug string, k, tv *yaml.Node, kp string) {
		t := Term{Slug: slug, Labels: Localized{}}
		if !validSlug.MatchString(slug) {
			d.Report(RuleConfig, k, "%q is not a valid slug: use lowercase letters, digits and hyphens", slug)
		}
		if tv != nil && tv.Kind == yaml.ScalarNode && !fm.IsNull(tv) {
			t.Labels[""] = d.String(tv, kp)
		} else {
			d.Map(tv, kp, func(key string, lk, lv *yaml.Node, lp string) {
				switch {
				case key == "pillar" && themes:
					t.Pillar = d.Code(lv, lp)
				case validLanguage.MatchString(key):
					t.Labels[key] = d.String(lv, lp)
				default:
					known := []string{"a language code (es, en, …)"}
					if themes {
						known = append(known, "pillar")
					}
					d.Report(fm.RuleUnknownField, lk, "unknown key %q in %s: give a label per language code%s", key, fm.Label(kp), suggest.Hint(key, known))
				}
			})
		}
		v.Terms = append(v.Terms, t)
	})
	v.reindex()
	return v
}

var validSlug = regexp.MustCompile(`^[a-z][a-z0-9]*(-[a-z0-9]+)*$`)

func regions(d *fm.Decoder, n *yaml.Node) []Region {
	var out []Region
	d.Map(n, "regions", func(slug string, k, rv *yaml.Node, kp string) {
		r := Region{Slug: slug, Labels: Localized{}}
		d.Map(rv, kp, func(key string, _, v *yaml.Node, lp string) {
			if key == "countries" {
				for i, code := range d.Codes(v, lp) {
					if cc, ok := country.Canonical(code); ok {
						r.Countries = append(r.Countries, cc)
					} else {
						d.ReportAt(RuleConfig, fm.Item(lp, i), "unknown country code %q in region %s", code, slug)
					}
				}
				return
			}
			r.Labels[key] = d.String(v, lp)
		})
		out = append(out, r)
	})
	return out
}

// Repository is where the catalog's files are kept, as catalog.yaml's
// repository gives it: {edit: "https://github.com/ORG/REPO/edit/main/catalog/{path}"}.
type Repository struct {
	// Edit is the address of the page that edits a file, with {path}
	// standing for the file's path inside the catalog's folder
	// ("practices/cr-eri.es.md"): a catalog kept in a subfolder of its
	// repository writes that folder before {path}. "" when not given or
	// refused.
	Edit string
}

// EditURL is the address that edits the catalog's file at path (slash
// separated, inside the catalog's folder), or "" without a Repository.
func (r Repository) EditURL(path string) string {
	if r.Edit == "" {
		return ""
	}
	segments := strings.Split(path, "/")
	for i, s := range segments {
		segments[i] = url.PathEscape(s)
	}
	return strings.Replace(r.Edit, pathPlaceholder, strings.Join(segments, "/"), 1)
}

const pathPlaceholder = "{path}"

func repository(d *fm.Decoder, n *yaml.Node) Repository {
	var r Repository
	d.Fields(n, "repository", []string{"edit"}, func(key string, _, v *yaml.Node) {
		edit := d.String(v, "repository.edit")
		if edit == "" {
			return
		}
		u, err := url.Parse(strings.Replace(edit, pathPlaceholder, "x", 1))
		switch {
		case !strings.HasPrefix(edit, "https://") || err != nil || u.Host == "" || u.User != nil:
			d.Report(RuleConfig, v, "repository.edit must be an https:// address, not %q", edit)
		case strings.Count(edit, pathPlaceholder) != 1 || strings.Index(edit, pathPlaceholder) <= len("https://")+len(u.Host):
			d.Report(RuleConfig, v, "repository.edit must name the file's place with {path} once, in its path: %q (for example https://github.com/ORG/REPO/edit/main/{path})", edit)
		default:
			r.Edit = edit
		}
	})
	return r
}

// check reports values that parse but cannot be used.
func (c *Config) check(d *fm.Decoder) {
	switch c.Chapters {
	case "country", "pillar":
	case "":
		c.Chapters = "country"
	default:
		d.ReportAt(RuleConfig, "chapters", "chapters must be country or pillar, not %q", c.Chapters)
		c.Chapters = "country"
	}
	for _, t := range c.Themes.Terms {
		if t.Pillar == "" {
			d.ReportAt(RuleConfig, "themes."+t.Slug, "theme %q needs a pillar (one of %s)", t.Slug, strings.Join(c.Pillars.Slugs(), ", "))
		} else if !c.Pillars.Has(t.Pillar) {
			d.ReportAt(RuleConfig, "themes."+t.Slug+".pillar", "theme %q: unknown pillar %q%s", t.Slug, t.Pillar, suggest.Hint(t.Pillar, c.Pillars.Slugs()))
		}
	}
	for lang := range c.Sections {
		if !c.HasLanguage(lang) {
			d.ReportAt(RuleConfig, "sections."+lang, "sections are given for %q, which is not one of the languages (%s)", lang, strings.Join(c.Languages, ", "))
		}
	}
	if c.BaseURL != "" && !strings.HasPrefix(c.BaseURL, "https://") && !strings.HasPrefix(c.BaseURL, "http://") {
		d.ReportAt(RuleConfig, "base_url", "base_url must start with https:// or http://")
	}
	if c.Title.In(c.Languages[0], "") == "" && c.Path != "default.yaml" {
		d.ReportAt(fm.RuleRequiredField, "title", "catalog.yaml needs a title")
	}
}

func sortedKeys(m Localized) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	slices.Sort(out)
	return out
}
