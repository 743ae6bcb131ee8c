package site

import (
	"bytes"
	"cmp"
	"encoding/xml"
	"net/url"
	"slices"
	"strings"
	"time"

	"catalog/internal/model"
)

// notFoundFile is the page that web hosts (GitHub Pages, Netlify, most
// servers set up for a static site) serve for a path the site lacks.
const notFoundFile = "404.html"

// feedFile is the site path of a language's Atom feed.
func feedFile(lang string) string { return lang + "/feed.xml" }

// feeds reports whether the site has Atom feeds: Atom needs absolute
// IRIs, which only base_url gives.
func (s *site) feeds() bool { return s.cfg.BaseURL != "" }

// Atom (RFC 4287) as the feeds write it. The fields are in a fixed order
// and every date is a practice's, so the same catalog gives the same
// bytes whatever the day of the build.
type atomFeed struct {
	XMLName   xml.Name    `xml:"http://www.w3.org/2005/Atom feed"`
	Lang      string      `xml:"http://www.w3.org/XML/1998/namespace lang,attr"`
	ID        string      `xml:"id"`
	Title     string      `xml:"title"`
	Subtitle  string      `xml:"subtitle,omitempty"`
	Updated   string      `xml:"updated"`
	Author    atomPerson  `xml:"author"`
	Links     []atomLink  `xml:"link"`
	Generator string      `xml:"generator"`
	Entries   []atomEntry `xml:"entry"`
}

type atomPerson struct {
	Name string `xml:"name"`
}

type atomLink struct {
	Rel      string `xml:"rel,attr"`
	Type     string `xml:"type,attr,omitempty"`
	Hreflang string `xml:"hreflang,attr,omitempty"`
	Href     string `xml:"href,attr"`
}

type atomEntry struct {
	// Lang is the text's language where it is not the feed's (a practice
	// not yet translated).
	Lang       string         `xml:"http://www.w3.org/XML/1998/namespace lang,attr,omitempty"`
	ID         string         `xml:"id"`
	Title      string         `xml:"title"`
	Updated    string         `xml:"updated"`
	Link       atomLink       `xml:"link"`
	Summary    string         `xml:"summary"`
	Categories []atomCategory `xml:"category"`
}

type atomCategory struct {
	Term  string `xml:"term,attr"`
	Label string `xml:"label,attr"`
}

// atomDate writes a day as Atom's date-time: midnight UTC.
func atomDate(t time.Time) string { return t.UTC().Format(time.DateOnly) + "T00:00:00Z" }

// feed writes lang's Atom feed: the public practices, the last reviewed
// first (ties by ID), each dated by the review of the text its page shows.
func (s *site) feed(lang string) error {
	type item struct {
		x *model.Practice
		t *model.Text
	}
	var items []item
	for _, x := range s.cat.Practices {
		if x.Restricted() {
			continue
		}
		if t := x.In(lang); t != nil {
			items = append(items, item{x, t})
		}
	}
	slices.SortFunc(items, func(a, b item) int {
		if c := b.t.LastReviewed.Compare(a.t.LastReviewed); c != 0 {
			return c
		}
		return cmp.Compare(a.x.ID, b.x.ID)
	})
	file := feedFile(lang)
	f := atomFeed{
		Lang:      lang,
		ID:        s.absolute(file),
		Title:     s.cfg.Title.In(lang, s.cfg.DefaultLanguage()),
		Subtitle:  s.word(lang, "feed_title"),
		Author:    atomPerson{Name: cmp.Or(s.cfg.Publisher.In(lang, s.cfg.DefaultLanguage()), s.cfg.Title.In(lang, s.cfg.DefaultLanguage()))},
		Generator: "catalog",
		Links: []atomLink{
			{Rel: "self", Type: "application/atom+xml", Href: s.absolute(file)},
			{Rel: "alternate", Type: "text/html", Hreflang: lang, Href: s.absolute(lang + "/index.html")},
		},
	}
	// With no practice the feed is as old as the build.
	f.Updated = atomDate(s.opt.Date)
	p := &page{s: s, Lang: lang}
	for i, it := range items {
		if i == 0 {
			f.Updated = atomDate(it.t.LastReviewed)
		}
		href := s.absolute(lang + "/practices/" + it.x.ID + "/index.html")
		e := atomEntry{ID: href, Title: it.t.Title, Updated: atomDate(it.t.LastReviewed),
			Link:    atomLink{Rel: "alternate", Type: "text/html", Hreflang: lang, Href: href},
			Summary: strings.Join(strings.Fields(it.t.Summary), " ")}
		if it.t.Lang != lang {
			e.Lang = it.t.Lang
		}
		for _, cc := range p.Countries(it.x.Countries) {
			e.Categories = append(e.Categories, atomCategory{Term: "country:" + url.PathEscape(strings.ToLower(cc)), Label: p.Country(cc)})
		}
		for _, slug := range it.x.Themes {
			e.Categories = append(e.Categories, atomCategory{Term: "theme:" + slug, Label: p.Label("themes", slug)})
		}
		f.Entries = append(f.Entries, e)
	}
	var b bytes.Buffer
	b.WriteString(xml.Header)
	enc := xml.NewEncoder(&b)
	enc.Indent("", "  ")
	if err := enc.Encode(f); err != nil {
		return err
	}
	b.WriteByte('\n')
	return s.out.Write(file, b.Bytes())
}

// notFound writes 404.html, which a host serves for any path the site
// lacks, at any depth: its links are absolute paths (from base_url's
// path, else from the host's root), not relative ones.
func (s *site) notFound() error {
	p := s.newPage(s.cfg.DefaultLanguage(), notFoundFile, "", "", nil)
	p.root = "/"
	if u, err := url.Parse(s.cfg.BaseURL); err == nil && s.cfg.BaseURL != "" {
		p.root = strings.TrimSuffix(u.EscapedPath(), "/") + "/"
	}
	var titles []string
	for _, l := range s.cfg.Languages {
		titles = append(titles, s.word(l, "not_found"))
	}
	p.Title = strings.Join(slices.Compact(titles), " · ")
	return s.listPage("notfound", p, func(*listKey) {}, func() error { return nil })
}
