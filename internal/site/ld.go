package site

import (
	"bytes"
	"encoding/json"
	"errors"
	"html/template"
	"net/url"
	"strings"

	"catalog/internal/model"
)

// ldWork is a schema.org CreativeWork as a practice page describes
// itself, and the practices it names, in JSON-LD. The fields are in a
// fixed order, so the same catalog gives the same bytes.
type ldWork struct {
	Context           string    `json:"@context,omitempty"`
	Type              string    `json:"@type"`
	Name              string    `json:"name,omitempty"`
	Description       string    `json:"description,omitempty"`
	InLanguage        string    `json:"inLanguage,omitempty"`
	URL               string    `json:"url,omitempty"`
	Publisher         *ldThing  `json:"publisher,omitempty"`
	SpatialCoverage   []ldThing `json:"spatialCoverage,omitempty"`
	About             []ldThing `json:"about,omitempty"`
	IsBasedOn         []ldWork  `json:"isBasedOn,omitempty"`
	WorkTranslation   []ldWork  `json:"workTranslation,omitempty"`
	TranslationOfWork *ldWork   `json:"translationOfWork,omitempty"`
}

// ldThing is a named schema.org thing: a country, a theme, the publisher.
type ldThing struct {
	Type       string `json:"@type"`
	Name       string `json:"name"`
	Identifier string `json:"identifier,omitempty"`
}

// practiceLD describes the page of x in lang for search engines: its
// title and summary, countries, themes, the practices it adapts (from,
// public only) and its other language versions. The JSON is safe inside a
// script element: json.Marshal writes <, > and & as \u003c, \u003e and
// \u0026, and U+2028 and U+2029 as escapes, so no text can close the
// element or end a line of it.
func (s *site) practiceLD(x *model.Practice, lang string, from []adaptedLink) (template.JS, error) {
	t := x.In(lang)
	file := lang + "/practices/" + x.ID + "/index.html"
	// ref names the page of practice id in language l: absolute under the
	// catalog's base_url, else relative to this page.
	ref := func(id, l string) string {
		if base := strings.TrimRight(s.cfg.BaseURL, "/"); base != "" {
			return base + "/" + url.PathEscape(l) + "/practices/" + url.PathEscape(id) + "/"
		}
		return relative(file, l+"/practices/"+id+"/index.html")
	}
	w := ldWork{
		Context:     "https://schema.org",
		Type:        "CreativeWork",
		Name:        t.Title,
		Description: t.Summary,
		InLanguage:  t.Lang,
		URL:         ref(x.ID, lang),
	}
	if name := s.cfg.Publisher.In(lang, s.cfg.DefaultLanguage()); name != "" {
		w.Publisher = &ldThing{Type: "Organization", Name: name}
	}
	p := &page{s: s, Lang: lang}
	for _, cc := range x.Countries {
		w.SpatialCoverage = append(w.SpatialCoverage, ldThing{Type: "Country", Name: p.Country(cc), Identifier: cc})
	}
	for _, slug := range x.Themes {
		w.About = append(w.About, ldThing{Type: "DefinedTerm", Name: p.Label("themes", slug)})
	}
	for _, a := range from {
		w.IsBasedOn = append(w.IsBasedOn, ldWork{Type: "CreativeWork", Name: a.T.Title, InLanguage: a.T.Lang, URL: ref(a.X.ID, lang)})
	}
	// The source text is the work; each translation is one of it. A page
	// that shows the source text (no translation yet) stands for the work.
	if x.Source != nil {
		if t == x.Source {
			for _, l := range s.cfg.Languages {
				if tr := x.Texts[l]; tr != nil && tr != x.Source {
					w.WorkTranslation = append(w.WorkTranslation, ldWork{Type: "CreativeWork", Name: tr.Title, InLanguage: l, URL: ref(x.ID, l)})
				}
			}
		} else {
			w.TranslationOfWork = &ldWork{Type: "CreativeWork", Name: x.Source.Title, InLanguage: x.Source.Lang, URL: ref(x.ID, x.Source.Lang)}
		}
	}
	b, err := json.Marshal(w)
	if err != nil {
		return "", err
	}
	// json.Marshal already escapes what could end the script; this holds
	// it to that should it ever change.
	if bytes.ContainsAny(b, "<>&\u2028\u2029") {
		return "", errUnsafeLD
	}
	return template.JS(b), nil
}

var errUnsafeLD = errors.New("JSON-LD holds a character that could end its script element")
