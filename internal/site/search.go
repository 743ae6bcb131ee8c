package site

import (
	"encoding/json"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"

	"catalog/internal/collation"
	"catalog/internal/model"
)

// Search compares words folded: lower case, accents dropped. The page's
// script folds the query the same way (NFD, marks removed).

// foldRune folds one character outside ASCII: its decomposition without
// the marks, in lower case.
func foldRune(r rune) string {
	var b strings.Builder
	for _, d := range norm.NFD.String(string(r)) {
		if !unicode.Is(unicode.Mn, d) {
			b.WriteRune(unicode.ToLower(d))
		}
	}
	return b.String()
}

// latinFolds holds foldRune of the Latin letters of Spanish, Portuguese,
// French and English text (up to U+024F): decomposing each accented
// letter anew allocated twice per letter and was half of fold's time.
var latinFolds = func() (t [0x250]string) {
	for r := utf8.RuneSelf; r < len(t); r++ {
		t[r] = foldRune(rune(r))
	}
	return t
}()

// searchWords keeps each distinct folded word of texts once, in order of
// first use: the search matches words, and a body's 1,000 words hold a few
// hundred distinct ones. A word is a run of letters and digits, once
// folded (fold), and no word spans two texts. It folds as it goes: the
// text of every body went through here, and a folded copy of it, then a
// copy with a space added, were most of what it allocated.
func searchWords(texts ...string) string {
	seen := wordSetPool.Get().(*wordSet)
	defer wordSetPool.Put(seen)
	seen.reset()
	var b strings.Builder
	word := make([]byte, 0, 64)
	end := func() {
		if len(word) > 0 && seen.add(b.String(), word) {
			if b.Len() > 0 {
				b.WriteByte(' ')
			}
			seen.keep(b.Len(), len(word))
			b.Write(word)
		}
		word = word[:0]
	}
	for _, text := range texts {
		b.Grow(len(text) / 2)
		for i := 0; i < len(text); {
			if c := text[i]; c < utf8.RuneSelf {
				switch {
				case 'a' <= c && c <= 'z', '0' <= c && c <= '9':
					word = append(word, c)
				case 'A' <= c && c <= 'Z':
					word = append(word, c+'a'-'A')
				default:
					end()
				}
				i++
				continue
			}
			r, size := utf8.DecodeRuneInString(text[i:])
			i += size
			if invisible(r) {
				continue // "Vice\u00ADpresidencia" is one word
			}
			folded := ""
			if int(r) < len(latinFolds) {
				folded = latinFolds[r]
			} else {
				folded = foldRune(r)
			}
			for _, f := range folded {
				if unicode.IsLetter(f) || unicode.IsDigit(f) {
					word = utf8.AppendRune(word, f)
				} else {
					end()
				}
			}
		}
		end()
	}
	// Every body's words are kept until the search data is written: a
	// copy of their own length, not b's room for half the text.
	return strings.Clone(b.String())
}

// invisible reports a format character (Unicode Cf: the soft hyphen, the
// zero-width space and joiners, the byte order mark), which text pasted
// from a PDF or a word processor carries inside words: it ends no word.
// Below U+0600 the soft hyphen is the only one.
func invisible(r rune) bool {
	return r == '\u00ad' || r >= 0x600 && unicode.Is(unicode.Cf, r)
}

// wordSet is the set of words searchWords has written, each kept as where
// it stands in what it wrote: a map[string]bool looked up every word of
// every body, and hashing and probing it was two thirds of searchWords.
// Its table is open-addressed, a power of two, at most half full.
type wordSet struct {
	slots []wordSlot
	n     int
	// pending is the slot add found free for the word it was asked, which
	// keep fills once the caller has written the word.
	pending int
	hash    uint32
}

// wordSlot is a word at written[at:at+n]; n == 0 is a free slot.
type wordSlot struct {
	hash  uint32
	at, n int32
}

var wordSetPool = sync.Pool{New: func() any { return &wordSet{slots: make([]wordSlot, 1024)} }}

func (s *wordSet) reset() {
	if s.n > 0 {
		clear(s.slots)
		s.n = 0
	}
}

// add reports whether word is new among the words kept from written; if
// so, keep must follow with where the caller writes it.
func (s *wordSet) add(written string, word []byte) bool {
	h := uint32(2166136261) // FNV-1a
	for _, c := range word {
		h = (h ^ uint32(c)) * 16777619
	}
	mask := len(s.slots) - 1
	for i := int(h) & mask; ; i = (i + 1) & mask {
		sl := &s.slots[i]
		if sl.n == 0 {
			s.pending, s.hash = i, h
			return true
		}
		if sl.hash == h && int(sl.n) == len(word) && written[sl.at:sl.at+sl.n] == string(word) {
			return false
		}
	}
}

// keep records the word add last found new as written at [at, at+n).
func (s *wordSet) keep(at, n int) {
	s.slots[s.pending] = wordSlot{hash: s.hash, at: int32(at), n: int32(n)}
	s.n++
	if 2*s.n > len(s.slots) {
		s.grow()
	}
}

func (s *wordSet) grow() {
	old := s.slots
	s.slots = make([]wordSlot, 2*len(old))
	mask := len(s.slots) - 1
	for _, sl := range old {
		if sl.n == 0 {
			continue
		}
		i := int(sl.hash) & mask
		for s.slots[i].n != 0 {
			i = (i + 1) & mask
		}
		s.slots[i] = sl
	}
}

// searchEntry is one practice in a language's search data.
type searchEntry struct {
	URL       string `json:"u"`
	Title     string `json:"t"`
	Summary   string `json:"s"`
	Countries string `json:"c"`
	// Head holds the folded title, countries, institutions and themes,
	// which rank above a match in the text.
	Head string `json:"h"`
	// Words holds the folded words of the summary and body.
	Words string `json:"w"`
	// Lang is the language of the title and summary when it is not the
	// page's (a practice not yet translated).
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
		words := docs[i][lang].Words
		build := func() (*searchPart, error) { return s.searchPart(p, x, words) }
		var part *searchPart
		var err error
		if s.cache != nil {
			part, err = s.cache.searchPart(x, lang, words, build)
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
func (s *site) searchPart(p *page, x *model.Practice, words string) (*searchPart, error) {
	t := x.In(p.Lang)
	var names []string
	for _, cc := range p.Countries(x.Countries) {
		names = append(names, p.Country(cc))
	}
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
		URL:       "../practices/" + x.ID + "/index.html",
		Title:     t.Title,
		Summary:   t.Summary,
		Countries: strings.Join(names, ", "),
		Head:      searchWords(head...),
		Words:     words,
		Lang:      lang,
	})
	if err != nil {
		return nil, err
	}
	return &searchPart{title: t.Title, json: data}, nil
}
