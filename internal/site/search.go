package site

import (
	"encoding/json"
	"slices"
	"strings"
	"sync"
	"unicode/utf16"
	"unicode/utf8"

	"catalog/internal/collation"
	"catalog/internal/markdown"
	"catalog/internal/model"
	"catalog/internal/stem"
)

// Search compares stems: each word of a text reduced by the Snowball
// stemmer of its language, then folded (lower case, accents dropped), so
// that albergue and albergues, niño and niñas meet (package stem). The
// page's script stems the query the same way (stem.js).

// searchStems keeps each distinct stem of the words of texts once, in
// order of first use, joined by spaces: the search matches stems, and a
// body's 1,000 words hold a few hundred distinct ones. A word written
// with accents adds the stem of its unaccented form when that differs
// (stem.Alt): a query typed without them stems to that.
func searchStems(lang string, texts ...string) string {
	sets := stemSetPool.Get().(*stemSets)
	defer func() {
		// Emptied now: the words are slices of the texts, which the pool
		// must not keep.
		clear(sets.words)
		clear(sets.stems)
		stemSetPool.Put(sets)
	}()
	var b strings.Builder
	add := func(s string) {
		if s != "" && !sets.stems[s] {
			sets.stems[s] = true
			if b.Len() > 0 {
				b.WriteByte(' ')
			}
			b.WriteString(s)
		}
	}
	for _, text := range texts {
		stem.Words(text, func(w string) {
			if sets.words[w] {
				return
			}
			sets.words[w] = true
			s, alt := stem.Both(lang, w)
			add(s)
			add(alt)
		})
	}
	return b.String()
}

// stemSets are searchStems' sets of the words and stems seen, kept for
// the next call: made anew for each body, they were most of its garbage.
type stemSets struct{ words, stems map[string]bool }

var stemSetPool = sync.Pool{New: func() any { return &stemSets{words: map[string]bool{}, stems: map[string]bool{}} }}

// leadSize is how much of a body's text the search data carries for the
// snippet of a result, beside the summary: about two sentences, what
// the stems saved of the data (docs/speed.md).
const leadSize = 240

// bodyLead is the start of a body's text without its headings (every
// body opens with "Description"), cut at a word's end, for the snippet
// of a result. text has a line break after each block.
func bodyLead(text string, headings []markdown.Heading) string {
	var b strings.Builder
	for line := range strings.SplitSeq(text, "\n") {
		line = strings.Join(strings.Fields(line), " ")
		if line == "" || slices.ContainsFunc(headings, func(h markdown.Heading) bool { return strings.Join(strings.Fields(h.Text), " ") == line }) {
			continue
		}
		if b.Len() > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(line)
		if b.Len() > leadSize {
			break
		}
	}
	lead := b.String()
	if len(lead) <= leadSize {
		return lead
	}
	cut := strings.LastIndexByte(lead[:leadSize], ' ')
	if cut <= 0 {
		cut = leadSize
		for cut > 0 && !utf8.RuneStart(lead[cut]) {
			cut--
		}
	}
	return lead[:cut]
}

// summaryLen is where the summary's stems end in words, the stems of the
// summary then the body, in JavaScript's units.
func summaryLen(lang, summary, words string) int {
	if sum := searchStems(lang, summary); strings.HasPrefix(words, sum) {
		return utf16Len(sum)
	}
	return 0
}

// utf16Len is the length of s in a JavaScript string.
func utf16Len(s string) int {
	n := 0
	for _, r := range s {
		n += utf16.RuneLen(r)
	}
	return n
}

// searchEntry is one practice in a language's search data.
type searchEntry struct {
	URL       string `json:"u"`
	Title     string `json:"t"`
	Summary   string `json:"s"`
	Countries string `json:"c"`
	// Lead is the start of the body, for the snippet of a match there.
	Lead string `json:"x,omitempty"`
	// Head holds the stems of the title, then of the countries,
	// institutions and themes, which rank above a match in the text;
	// TitleLen is where the title's end (in JavaScript's units).
	Head     string `json:"h"`
	TitleLen int    `json:"m"`
	// Words holds the stems of the summary, then of the body; SummaryLen
	// is where the summary's end.
	Words      string `json:"w"`
	SummaryLen int    `json:"n"`
	// Lang is the language of the title and summary when it is not the
	// page's (a practice not yet translated): their stems are of it.
	Lang string `json:"l,omitempty"`
}

// search writes the search page and its data. The data is a script, not a
// JSON file: a page opened from file:// may load a script beside it, but
// browsers refuse it a fetch of a file.
func (s *site) search(lang string, docs []map[string]*body) error {
	p := s.newPage(lang, lang+"/search/index.html", s.word(lang, "search"), "search", nil)
	if err := s.searchData(p, docs); err != nil {
		return err
	}
	return s.listPage("search", p, func(*listKey) {}, func() error { return nil })
}

// searchData writes the search data of the search page p, from the cache
// when no practice and none of their words changed.
func (s *site) searchData(p *page, docs []map[string]*body) error {
	lang := p.Lang
	file := lang + "/search/index.js"
	key, keyed := uint64(0), false
	if s.cache != nil {
		key, keyed = s.cache.listKey(file, func(k *listKey) {
			k.practices(s.cat.Practices)
			for i := range s.cat.Practices {
				if b := docs[i][lang]; b != nil {
					k.h.WriteString(b.Words)
					k.h.WriteByte(0)
					k.h.WriteString(b.Lead)
				}
				k.h.WriteByte(0)
			}
		})
		if keyed {
			if e := s.cache.reusePage(file, key); e != nil {
				return s.out.Write(file, e.page)
			}
		}
	}
	// Each entry is encoded alone, so that an unchanged practice's comes
	// from the cache; joined, they are what json.Marshal makes of the list.
	var parts []*searchPart
	for i, x := range s.cat.Practices {
		if x.Restricted() {
			continue
		}
		b := docs[i][lang]
		build := func() (*searchPart, error) { return s.searchPart(p, x, b) }
		var part *searchPart
		var err error
		if s.cache != nil {
			part, err = s.cache.searchPart(x, lang, b.Words+"\x00"+b.Lead, build)
		} else {
			part, err = build()
		}
		if err != nil {
			return err
		}
		parts = append(parts, part)
	}
	parts = collation.SortKept(s.titles[lang], parts, func(e *searchPart) string { return e.title })
	// The data is megabytes: sized once, not grown.
	const head, tail = "window.catalogSearch = [", "];\n"
	size := len(head) + len(parts) + len(tail)
	for _, part := range parts {
		size += len(part.json)
	}
	js := make([]byte, 0, size)
	js = append(js, head...)
	for i, part := range parts {
		if i > 0 {
			js = append(js, ',')
		}
		js = append(js, part.json...)
	}
	js = append(js, tail...)
	if keyed {
		s.cache.keepPage(file, &pageEntry{key: key, page: js})
	}
	return s.out.Write(file, js)
}

// searchPart makes practice x's entry in the search data of page p.
func (s *site) searchPart(p *page, x *model.Practice, b *body) (*searchPart, error) {
	t := x.In(p.Lang)
	var names []string
	for _, cc := range p.Countries(x.Countries) {
		names = append(names, p.Country(cc))
	}
	title := searchStems(t.Lang, t.Title)
	head := []string{t.Title, strings.Join(names, " ")}
	for _, in := range append(append([]model.Institution{}, t.Institutions...), t.Partners...) {
		head = append(head, in.Name, in.Acronym)
	}
	for _, theme := range x.Themes {
		head = append(head, p.Label("themes", theme))
	}
	lang := ""
	if t.Lang != p.Lang {
		lang = t.Lang // not yet translated: the reader's screen reader must know
	}
	// encoding/json escapes <, > and & (and U+2028, U+2029), so no value
	// can close the script or break out of the string.
	data, err := json.Marshal(searchEntry{
		URL:        "../practices/" + x.ID + "/index.html",
		Title:      t.Title,
		Summary:    t.Summary,
		Countries:  strings.Join(names, ", "),
		Lead:       b.Lead,
		Head:       searchStems(t.Lang, head...),
		TitleLen:   utf16Len(title),
		Words:      b.Words,
		SummaryLen: summaryLen(t.Lang, t.Summary, b.Words),
		Lang:       lang,
	})
	if err != nil {
		return nil, err
	}
	return &searchPart{title: t.Title, json: data}, nil
}
