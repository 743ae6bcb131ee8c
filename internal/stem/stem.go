// Package stem reduces the words of the search to what their forms share:
// the Snowball stemmer of the language (github.com/kljensen/snowball), then
// case and accents folded, so that albergue and albergues, niño, niños and
// niñas meet. The page's script stems a query with a port of the same
// algorithms (templates/assets/stem.js), which a browser test holds equal
// to this package over every word of the sample catalog.
package stem

import (
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/kljensen/snowball/english"
	"github.com/kljensen/snowball/spanish"
	"golang.org/x/text/unicode/norm"
)

// Stemmed reports whether lang has a stemmer; a word of another language
// is only folded.
func Stemmed(lang string) bool { return lang == "es" || lang == "en" }

// extra are the forms the stemmer leaves apart that a reader means as one:
// the Snowball algorithms strip inflections, not derivations nor the
// irregular plurals. Each maps a lower-case word to the stem it joins.
// stem.js holds the same table.
var extra = map[string]map[string]string{
	// niñez (childhood) is how the practices name niños and niñas as a
	// group ("protección de la niñez"): a search for niños wants them.
	"es": {"niñez": "niñ", "ninez": "nin"},
	"en": {"children": "child", "women": "woman", "men": "man"},
}

// Raw is the Snowball stem of a lower-case word, not folded: the
// stemmer's own output, stop words left whole.
func Raw(lang, word string) string {
	if s, ok := extra[lang][word]; ok {
		return s
	}
	switch lang {
	case "es":
		return spanish.Stem(word, false)
	case "en":
		return english.Stem(word, false)
	}
	return word
}

// Fold is how search compares text: lower case, the marks of NFD
// (accents) and format characters (a soft hyphen) dropped.
func Fold(s string) string {
	ascii := true
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			ascii = false
			break
		}
	}
	if ascii {
		return strings.ToLower(s)
	}
	var b strings.Builder
	for _, r := range norm.NFD.String(s) {
		if unicode.Is(unicode.Mn, r) || unicode.Is(unicode.Cf, r) {
			continue
		}
		b.WriteRune(unicode.ToLower(r))
	}
	return b.String()
}

// Lower is a word as the stemmer takes it: lower case, composed (NFC),
// format characters dropped.
func Lower(word string) string {
	word = strings.ToLower(word)
	for i := 0; i < len(word); i++ {
		if word[i] >= utf8.RuneSelf {
			word = strings.Map(func(r rune) rune {
				if unicode.Is(unicode.Cf, r) {
					return -1
				}
				return r
			}, word)
			return norm.NFC.String(word)
		}
	}
	return word
}

// Word is the stem a search matches a written word by: Raw of its lower
// case, folded. A query typed without its accents ("explotacion") stems
// apart from the word written with them ("explotación" loses "ación"), so
// the index keeps Alt too.
func Word(lang, word string) string {
	return Fold(Raw(lang, Lower(word)))
}

// Alt is the stem of the word with its accents dropped first, which is
// what a query typed without them stems to; "" when it is Word's.
func Alt(lang, word string) string {
	lower := Lower(word)
	folded := Fold(lower)
	if folded == lower {
		return ""
	}
	alt := Fold(Raw(lang, folded))
	if alt == Fold(Raw(lang, lower)) {
		return ""
	}
	return alt
}

// memo keeps the stems of the words seen in one language: a catalog's
// bodies share most of their words, and a build stems each distinct word
// once.
type memo struct {
	mu sync.RWMutex
	m  map[string][2]string
}

var memos sync.Map // language → *memo

// Both returns Word and Alt of a word, from the memo when it was seen.
func Both(lang, word string) (string, string) {
	mm, ok := memos.Load(lang)
	if !ok {
		mm, _ = memos.LoadOrStore(lang, &memo{m: map[string][2]string{}})
	}
	m := mm.(*memo)
	m.mu.RLock()
	v, ok := m.m[word]
	m.mu.RUnlock()
	if ok {
		return v[0], v[1]
	}
	v = [2]string{Word(lang, word), Alt(lang, word)}
	m.mu.Lock()
	if len(m.m) > 1<<18 {
		clear(m.m) // a bound for a process that builds many catalogs
	}
	// The word is most often a slice of a whole body: a copy, not the
	// body, is kept.
	m.m[strings.Clone(word)] = v
	m.mu.Unlock()
	return v[0], v[1]
}

// Words calls f with each word of text: a run of letters, digits and
// combining marks. A format character (a soft hyphen, a zero-width space
// pasted from a PDF) ends no word: "Vice\u00ADpresidencia" is one, which
// Lower drops. search.js reads a query's words the same way.
func Words(text string, f func(word string)) {
	start := -1
	for i, r := range text {
		in := r < utf8.RuneSelf && ('a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' || '0' <= r && r <= '9') ||
			r >= utf8.RuneSelf && r != utf8.RuneError && (unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r) || invisible(r))
		switch {
		case in && start < 0:
			start = i
		case !in && start >= 0:
			f(text[start:i])
			start = -1
		}
	}
	if start >= 0 {
		f(text[start:])
	}
}

// invisible reports a format character (Unicode Cf: the soft hyphen, the
// zero-width space and joiners, the byte order mark), which text pasted
// from a PDF or a word processor carries inside words. Below U+0600 the
// soft hyphen is the only one.
func invisible(r rune) bool {
	return r == '\u00ad' || r >= 0x600 && unicode.Is(unicode.Cf, r)
}
