package site

import (
	"html/template"
	"net/url"
	"path"
	"strings"
	"time"

	"golang.org/x/text/language"

	"catalog/internal/words"
)

// head is what a page's <head> says of it to those who share a link to it
// (Open Graph, read by WhatsApp, e-mail clients and social sites) and to
// search engines and feed readers.
type head struct {
	// Description is the practice's summary on its page, else the
	// catalog's subtitle.
	Description string
	// Canonical is the page's absolute URL (og:url too), when the catalog
	// sets base_url; "" otherwise, and on 404.html, which has none.
	Canonical string
	// Type is the Open Graph type: "article" for a practice, else
	// "website".
	Type string
	// Title is the page's title alone (the site's name is og:site_name).
	Title string
	// Locale and Alternates are og:locale and og:locale:alternate.
	Locale     string
	Alternates []string
	// Image is the absolute URL of the practice's first image, when the
	// catalog sets base_url (Open Graph takes no relative URL).
	Image string
	// Feeds are the Atom feeds the page links to.
	Feeds []feedLink
}

// feedLink is a feed as a page's <head> links to it.
type feedLink struct {
	Lang, Href, Title string
}

// Head works out the page's head metadata.
func (p *page) Head() head {
	h := head{Description: p.Catalog.Subtitle, Type: "website", Title: p.Title, Locale: ogLocale(p.Lang)}
	if h.Title == "" {
		h.Title = p.Catalog.Title
	}
	for _, l := range p.Languages() {
		if l != p.Lang {
			h.Alternates = append(h.Alternates, ogLocale(l))
		}
	}
	if d, ok := p.Data.(*practiceData); ok {
		// The locale of the text the page shows (a practice not yet
		// translated shows its source), and those of its other texts.
		h.Type, h.Locale, h.Alternates = "article", ogLocale(d.T.Lang), nil
		for _, l := range p.Languages() {
			if t := d.X.Texts[l]; t != nil && l != d.T.Lang {
				h.Alternates = append(h.Alternates, ogLocale(l))
			}
		}
		if s := strings.Join(strings.Fields(d.T.Summary), " "); s != "" {
			h.Description = s
		}
		if d.Image != "" {
			h.Image = p.s.absolute(d.Image)
		}
	}
	if p.Path != notFoundFile {
		h.Canonical = p.s.absolute(p.Path)
	}
	if p.s.feeds() {
		langs := []string{p.Lang}
		if p.Root() {
			langs = p.Languages()
		}
		for _, l := range langs {
			h.Feeds = append(h.Feeds, feedLink{Lang: l, Href: p.Href(feedFile(l)), Title: p.s.word(l, "feed_title")})
		}
	}
	return h
}

// Root reports a page at the site's root, in no one language: the
// language chooser and 404.html.
func (p *page) Root() bool { return p.Path == "index.html" || p.Path == notFoundFile }

// ogLocales are the Open Graph locales of the catalog's usual languages:
// its readers are in Central and South America, and Facebook's crawler,
// which reads og:locale, knows their Spanish as es_LA (it takes no UN M.49
// region such as es_419); its English is British ("programme", "20
// November 2026"). Another language gets its likeliest region.
var ogLocales = map[string]string{"es": "es_LA", "en": "en_GB"}

func ogLocale(lang string) string {
	if l, ok := ogLocales[lang]; ok {
		return l
	}
	tag := language.Make(lang)
	base, _ := tag.Base()
	region, conf := tag.Region()
	if conf == language.No {
		return base.String()
	}
	return base.String() + "_" + region.String()
}

// absolute is the address of a site path ("es/practices/x/index.html")
// under the catalog's base_url, a folder's without its index.html, each
// segment escaped; "" without a base_url.
func (s *site) absolute(sitePath string) string {
	base := strings.TrimRight(s.cfg.BaseURL, "/")
	if base == "" {
		return ""
	}
	sitePath = strings.TrimSuffix(sitePath, "index.html")
	segments := strings.Split(sitePath, "/")
	for i, seg := range segments {
		segments[i] = url.PathEscape(seg)
	}
	return base + "/" + strings.Join(segments, "/")
}

// Dated is a date written in full in the page's language, in a <time>
// element that gives it in ISO 8601.
func (p *page) Dated(t time.Time) template.HTML {
	return timeElement(t.Format(time.DateOnly), p.s.words.Date(p.Lang, t))
}

func timeElement(iso, text string) template.HTML {
	return template.HTML(`<time datetime="` + template.HTMLEscapeString(iso) + `">` + template.HTMLEscapeString(text) + `</time>`)
}

// piecesHTML writes pieces of words as HTML, each date in a <time>.
func piecesHTML(pieces []words.Piece) template.HTML {
	var b strings.Builder
	for _, pc := range pieces {
		if pc.ISO != "" {
			b.WriteString(string(timeElement(pc.ISO, pc.Text)))
		} else {
			b.WriteString(template.HTMLEscapeString(pc.Text))
		}
	}
	return template.HTML(b.String())
}

// firstImage is the site path of the first picture of the media folder
// that a page's body at file shows ("media/x.png"), given where the
// linker sent the image (relative to file), or "".
func firstImage(file, dest string) string {
	if strings.Contains(dest, ":") {
		return ""
	}
	dest, _, _ = strings.Cut(dest, "#")
	clean := path.Join(path.Dir(file), dest)
	if !strings.HasPrefix(clean, "media/") || !shareable[strings.ToLower(path.Ext(clean))] {
		return ""
	}
	return clean
}

// shareable are the kinds of image that link previews show (not SVG).
var shareable = map[string]bool{".png": true, ".jpg": true, ".jpeg": true, ".gif": true, ".webp": true}
