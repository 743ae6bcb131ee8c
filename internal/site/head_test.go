package site

import (
	"bytes"
	"encoding/xml"
	"net/url"
	"slices"
	"strings"
	"testing"
	"time"

	"golang.org/x/net/html"

	"catalog/internal/load"
	"catalog/internal/model"
	"catalog/internal/output"
	"catalog/templates"
)

// renderWith renders the catalog in dir with its base_url replaced by
// base (which may be "").
func renderWith(t *testing.T, dir, base string) (*output.Memory, *model.Catalog) {
	t.Helper()
	cat, _, err := load.Catalog(dir)
	if err != nil {
		t.Fatal(err)
	}
	cfg := *cat.Config
	cfg.BaseURL = base
	cat.Config = &cfg
	out := &output.Memory{}
	if err := Render(cat, Options{Date: date, Templates: templates.For(dir), Data: true}, out); err != nil {
		t.Fatal(err)
	}
	return out, cat
}

// The feed as a reader of Atom (RFC 4287) sees it.
type readFeed struct {
	XMLName xml.Name `xml:"http://www.w3.org/2005/Atom feed"`
	Lang    string   `xml:"http://www.w3.org/XML/1998/namespace lang,attr"`
	ID      string   `xml:"id"`
	Title   string   `xml:"title"`
	Updated string   `xml:"updated"`
	Author  []struct {
		Name string `xml:"name"`
	} `xml:"author"`
	Links   []readLink `xml:"link"`
	Entries []struct {
		ID      string     `xml:"id"`
		Title   string     `xml:"title"`
		Updated string     `xml:"updated"`
		Summary string     `xml:"summary"`
		Links   []readLink `xml:"link"`
	} `xml:"entry"`
}

type readLink struct {
	Rel  string `xml:"rel,attr"`
	Type string `xml:"type,attr"`
	Href string `xml:"href,attr"`
}

// TestFeed reads each language's feed as Atom: the required elements,
// absolute IRIs, ids that are unique and are the pages' addresses, RFC
// 3339 dates, the public practices alone, the last reviewed first, and
// the feed as new as its newest entry (not the build).
func TestFeed(t *testing.T) {
	out, cat := render(t, "testdata/catalog", 0)
	base := strings.TrimRight(cat.Config.BaseURL, "/")
	for _, lang := range cat.Config.Languages {
		src, ok := out.File(lang + "/feed.xml")
		if !ok {
			t.Fatalf("no %s/feed.xml", lang)
		}
		var f readFeed
		if err := xml.Unmarshal(src, &f); err != nil {
			t.Fatalf("%s/feed.xml: %v", lang, err)
		}
		if f.Lang != lang || f.ID != base+"/"+lang+"/feed.xml" || f.Title == "" || len(f.Author) != 1 || f.Author[0].Name == "" {
			t.Errorf("%s: feed lang %q, id %q, title %q, author %v", lang, f.Lang, f.ID, f.Title, f.Author)
		}
		if link(f.Links, "self") != base+"/"+lang+"/feed.xml" || link(f.Links, "alternate") != base+"/"+lang+"/" {
			t.Errorf("%s: feed links %v", lang, f.Links)
		}
		var public []string
		for _, x := range cat.Practices {
			if !x.Restricted() {
				public = append(public, x.ID)
			}
		}
		if len(f.Entries) != len(public) {
			t.Errorf("%s: %d entries for %d public practices", lang, len(f.Entries), len(public))
		}
		seen := map[string]bool{}
		var newest, last time.Time
		for i, e := range f.Entries {
			id := strings.TrimSuffix(strings.TrimPrefix(e.ID, base+"/"+lang+"/practices/"), "/")
			if !slices.Contains(public, id) || seen[e.ID] {
				t.Errorf("%s: entry id %q is no public practice's page, or is repeated", lang, e.ID)
			}
			seen[e.ID] = true
			if u, err := url.Parse(e.ID); err != nil || !u.IsAbs() || link(e.Links, "alternate") != e.ID {
				t.Errorf("%s: entry %q: not absolute, or its link is %v", lang, e.ID, e.Links)
			}
			day, err := time.Parse(time.RFC3339, e.Updated)
			if err != nil {
				t.Errorf("%s: entry %s: updated %q: %v", lang, id, e.Updated, err)
				continue
			}
			x := cat.Practice(id)
			if x != nil && !day.Equal(x.In(lang).LastReviewed) {
				t.Errorf("%s: entry %s updated %s, last reviewed %s", lang, id, day, x.In(lang).LastReviewed)
			}
			if x != nil && (e.Title != x.In(lang).Title || e.Summary == "") {
				t.Errorf("%s: entry %s: title %q, summary %q", lang, id, e.Title, e.Summary)
			}
			if i > 0 && day.After(last) {
				t.Errorf("%s: entry %s (%s) after an older one", lang, id, e.Updated)
			}
			last = day
			if day.After(newest) {
				newest = day
			}
		}
		if updated, err := time.Parse(time.RFC3339, f.Updated); err != nil || !updated.Equal(newest) {
			t.Errorf("%s: feed updated %q, newest entry %s", lang, f.Updated, newest)
		}
		// The feed is linked from the head of the language's pages.
		page, _ := out.File(lang + "/index.html")
		if !bytes.Contains(page, []byte(`<link rel="alternate" type="application/atom+xml" href="feed.xml" hreflang="`+lang+`"`)) {
			t.Errorf("%s/index.html does not link its feed", lang)
		}
	}
}

func link(links []readLink, rel string) string {
	for _, l := range links {
		if l.Rel == rel {
			return l.Href
		}
	}
	return ""
}

// TestNoBaseURL: without base_url there is no feed, no link to one, no
// canonical URL and no og:url or og:image (Open Graph takes absolute
// URLs only), and 404.html links from the host's root.
func TestNoBaseURL(t *testing.T) {
	out, _ := renderWith(t, "testdata/catalog", "")
	for _, name := range out.Names() {
		if strings.HasSuffix(name, "feed.xml") {
			t.Errorf("wrote %s", name)
		}
		b, _ := out.File(name)
		for _, s := range []string{"application/atom+xml", `rel="canonical"`, "og:url", "og:image"} {
			if strings.HasSuffix(name, ".html") && bytes.Contains(b, []byte(s)) {
				t.Errorf("%s has %s", name, s)
			}
		}
	}
	page, _ := out.File("es/practices/cr-alpha/index.html")
	for _, s := range []string{`<meta name="description" content="Un albergue con línea de ayuda, compartido entre Costa Rica y Panamá.">`, `<meta property="og:type" content="article">`, `<meta name="twitter:card" content="summary">`} {
		if !bytes.Contains(page, []byte(s)) {
			t.Errorf("the practice page lacks %s", s)
		}
	}
	notFound, _ := out.File("404.html")
	hrefs := hrefsOf(t, notFound)
	for _, want := range []string{"/assets/style.css", "/", "/es/", "/en/", "/es/search/", "/catalog.json"} {
		if !slices.Contains(hrefs, want) {
			t.Errorf("404.html links to %q, not to %s", hrefs, want)
		}
	}
}

// TestNotFoundLinks: served for a missing path at any depth, 404.html
// links by paths from the site's root only, base_url's path when set.
func TestNotFoundLinks(t *testing.T) {
	out, _ := renderWith(t, "testdata/catalog", "https://example.org/a%20b/catalogo/")
	notFound, _ := out.File("404.html")
	hrefs := hrefsOf(t, notFound)
	if len(hrefs) < 8 {
		t.Fatalf("404.html has only %q", hrefs)
	}
	for _, h := range hrefs {
		if !strings.HasPrefix(h, "/a%20b/catalogo/") && h != "#main" {
			t.Errorf("404.html links to %q, not from the root /a%%20b/catalogo/", h)
		}
	}
	for _, want := range []string{"/a%20b/catalogo/es/search/", "/a%20b/catalogo/en/", "/a%20b/catalogo/es/feed.xml"} {
		if !slices.Contains(hrefs, want) {
			t.Errorf("404.html does not link to %s", want)
		}
	}
	if bytes.Contains(notFound, []byte(`rel="canonical"`)) {
		t.Error("404.html has a canonical URL")
	}
}

// hrefsOf lists a page's href, src and action values.
func hrefsOf(t *testing.T, page []byte) []string {
	t.Helper()
	doc, err := html.Parse(bytes.NewReader(page))
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	walk(doc, func(n *html.Node) {
		for _, key := range []string{"href", "src", "action"} {
			if v, ok := attr(n, key); ok && n.Type == html.ElementNode {
				out = append(out, v)
			}
		}
	})
	return out
}

// TestRestrictedNotInFeed: the sample catalog's restricted practice is in
// no feed, head or 404.html when the catalog has a base_url (the sample
// has none, which TestRestrictedNowhere renders).
func TestRestrictedNotInFeed(t *testing.T) {
	out, cat := renderWith(t, "../../catalog", "https://example.org/")
	var restricted []*model.Practice
	for _, x := range cat.Practices {
		if x.Restricted() {
			restricted = append(restricted, x)
		}
	}
	if len(restricted) == 0 {
		t.Fatal("the sample has no restricted practice to test with")
	}
	feeds := 0
	for _, name := range out.Names() {
		if !strings.HasSuffix(name, ".xml") && !strings.HasSuffix(name, ".html") {
			continue
		}
		if strings.HasSuffix(name, "feed.xml") {
			feeds++
		}
		b, _ := out.File(name)
		for _, x := range restricted {
			for _, mark := range []string{x.ID, x.Source.Title, x.Source.Summary[:40]} {
				if bytes.Contains(b, []byte(mark)) {
					t.Errorf("%s shows %q, of a restricted practice", name, mark)
				}
			}
		}
	}
	if feeds != len(cat.Config.Languages) {
		t.Errorf("%d feeds", feeds)
	}
}

// TestFirstImage: a link preview's picture is a raster image of the
// media folder that the body shows, as the page links to it.
func TestFirstImage(t *testing.T) {
	file := "es/practices/x/index.html"
	for dest, want := range map[string]string{
		"../../../media/a.png":        "media/a.png",
		"../../../media/b/c.JPG#frag": "media/b/c.JPG",
		"../../../media/d.svg":        "",
		"https://example.org/e.png":   "",
		"../../../assets/icon.png":    "",
	} {
		if got := firstImage(file, dest); got != want {
			t.Errorf("firstImage(%q) = %q, want %q", dest, got, want)
		}
	}
}
