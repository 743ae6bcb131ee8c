package site

import (
	"bytes"
	"encoding/json"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"

	"catalog/internal/collation"
	"catalog/internal/model"
)

// fold is how search compares words: lower case, accents dropped. The
// page's script folds the query the same way (NFD, marks removed).
func fold(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s {
		if r < utf8.RuneSelf {
			if 'A' <= r && r <= 'Z' {
				r += 'a' - 'A'
			}
			b.WriteByte(byte(r))
			continue
		}
		for _, d := range norm.NFD.String(string(r)) {
			if !unicode.Is(unicode.Mn, d) {
				b.WriteRune(unicode.ToLower(d))
			}
		}
	}
	return b.String()
}

// searchWords keeps each distinct folded word of a text once, in order of
// first use: the search matches words, and a body's 1,000 words hold a few
// hundred distinct ones.
func searchWords(text string) string {
	folded := fold(text)
	seen := make(map[string]bool, 256)
	var b strings.Builder
	start := -1
	for i, r := range folded + " " {
		word := unicode.IsLetter(r) || unicode.IsDigit(r)
		switch {
		case word && start < 0:
			start = i
		case !word && start >= 0:
			w := folded[start:i]
			start = -1
			if !seen[w] {
				seen[w] = true
				if b.Len() > 0 {
					b.WriteByte(' ')
				}
				b.WriteString(w)
			}
		}
	}
	return b.String()
}

// searchEntry is one practice in a language's search data.
type searchEntry struct {
	URL       string `json:"u"`
	Title     string `json:"t"`
	Summary   string `json:"s"`
	Countries string `json:"c"`
	// Head holds the folded title, countries and institutions, which
	// rank above a match in the text.
	Head string `json:"h"`
	// Words holds the folded words of the summary and body.
	Words string `json:"w"`
}

// search writes the search page and its data. The data is a script, not a
// JSON file: a page opened from file:// may load a script beside it, but
// browsers refuse it a fetch of a file.
func (s *site) search(lang string, docs []map[string]*body) error {
	p := s.newPage(lang, lang+"/search/index.html", s.word(lang, "search"), "search", nil)
	var entries []searchEntry
	for i, x := range s.cat.Practices {
		if x.Restricted() {
			continue
		}
		t := x.In(lang)
		var names []string
		for _, cc := range p.Countries(x.Countries) {
			names = append(names, p.Country(cc))
		}
		head := []string{t.Title, strings.Join(names, " ")}
		for _, in := range append(append([]model.Institution{}, t.Institutions...), t.Partners...) {
			head = append(head, in.Name, in.Acronym)
		}
		entries = append(entries, searchEntry{
			URL:       "../practices/" + x.ID + "/index.html",
			Title:     t.Title,
			Summary:   t.Summary,
			Countries: strings.Join(names, ", "),
			Head:      searchWords(strings.Join(head, " ")),
			Words:     docs[i][lang].Words,
		})
	}
	entries = collation.Sort(lang, entries, func(e searchEntry) string { return e.Title })
	// encoding/json escapes <, > and & (and U+2028, U+2029), so no value
	// can close the script or break out of the string.
	data, err := json.Marshal(entries)
	if err != nil {
		return err
	}
	var js bytes.Buffer
	js.WriteString("window.catalogSearch = ")
	js.Write(data)
	js.WriteString(";\n")
	if err := s.out.Write(lang+"/search/index.js", js.Bytes()); err != nil {
		return err
	}
	return s.write("search", p)
}
