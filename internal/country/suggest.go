package country

import (
	"strings"
	"sync"
	"unicode"

	"golang.org/x/text/language"
	"golang.org/x/text/language/display"
	"golang.org/x/text/unicode/norm"

	"catalog/internal/suggest"
)

// Suggest returns the most likely intended alpha-2 code for an unknown input,
// or "" when nothing is close: typos of codes ("CRI2", "CRR" → CR) and
// country names in Spanish or English, case- and accent-insensitive
// ("Panama", "panamá", "Brasil", "Brazil", "Costa Rica" → PA, PA, BR, BR, CR).
//
// The rules below are tried in order and the first that finds a country
// decides; one that finds several countries equally likely gives "" rather
// than a guess:
//
//  1. the input is a code (Canonical);
//  2. the input is a Spanish or English name, compared with case, accents,
//     punctuation and "&"/"and"/"St."/"Saint" folded away;
//  3. a code-like input (no inner space, at most four letters) is read by
//     its letters alone ("CRI2" → "CRI"): an old code CLDR maps to a current
//     one ("UK" → GB, "ZR" → CD); else, among the countries whose alpha-3
//     code is one edit away (insertion, deletion, substitution or swap of
//     adjacent letters), the one whose alpha-2 code the input starts with
//     ("CRR" → CR, "BRZ" → BR: CMR, CXR, BLZ are one edit away too), or
//     else the only one ("CRIA" → CR; "PNA" → "": PAN, PNG, KNA). Two-letter
//     inputs get no edit rule, nearly every one being an edit away from
//     several codes, and go no further;
//  4. an input of four or more letters that is one or more whole words of
//     names ("Hong Kong", "Kinshasa", "Dominican" → DO, not DM); when the
//     words belong to several countries ("Korea", "Congo"), "";
//  5. a name within ⌊length/4⌋ edits (at least 1) of the input, by the
//     same edit rule as 3 ("Brazl", "Mexco", "Argentian"), when no other
//     country's name is as close.
func Suggest(input string) string {
	if a2, ok := Exact(input); ok {
		return a2
	}
	return guess(input)
}

// Exact returns the one alpha-2 code an input stands for without a guess:
// the input is a code in another case or alpha-3 (Canonical), or a
// Spanish or English name of exactly one country, compared with case,
// accents and punctuation folded away ("Guatemala", "panamá" → GT, PA).
func Exact(input string) (string, bool) {
	if a2, ok := Canonical(input); ok {
		return a2, true
	}
	if len(input) > maxInput {
		return "", false
	}
	key := fold(input)
	if key == "" {
		return "", false
	}
	if i, ok := nameIndex().exact[key]; ok && i >= 0 {
		return table[i].alpha2, true
	}
	return "", false
}

// guess is Suggest past Exact: rules 3 to 5.
func guess(input string) string {
	if a2, ok := Canonical(input); ok {
		return a2
	}
	if len(input) > maxInput {
		return ""
	}
	key := fold(input)
	if key == "" {
		return ""
	}
	idx := nameIndex()
	if i, ok := idx.exact[key]; ok {
		if i < 0 {
			return ""
		}
		return table[i].alpha2
	}
	if s, ok := suggestCode(input); ok {
		return s
	}
	n := len([]rune(key))
	if n < 4 {
		return ""
	}
	found, words := -1, " "+key+" "
	for _, k := range idx.keys {
		if strings.Contains(k.padded, words) {
			if found >= 0 && found != k.i {
				return ""
			}
			found = k.i
		}
	}
	if found >= 0 {
		return table[found].alpha2
	}
	limit := max(n/4, 1)
	best, bestD, tie := -1, limit+1, false
	for _, k := range idx.keys {
		if k.n < n-limit || k.n > n+limit {
			continue // more than limit edits apart
		}
		switch d := suggest.Distance(key, k.key); {
		case d < bestD:
			best, bestD, tie = k.i, d, false
		case d == bestD && best >= 0 && k.i != best:
			tie = true
		}
	}
	if best < 0 || tie {
		return ""
	}
	return table[best].alpha2
}

// suggestCode applies rule 3 of Suggest; decided=false when the input is
// not code-like, or is but no code is near, so the name rules go on.
func suggestCode(input string) (alpha2 string, decided bool) {
	in := strings.TrimSpace(input)
	var b strings.Builder
	for _, r := range in {
		switch {
		case unicode.IsSpace(r):
			return "", false
		case 'a' <= r && r <= 'z', 'A' <= r && r <= 'Z':
			b.WriteRune(unicode.ToUpper(r))
		}
	}
	letters := b.String()
	if len(letters) < 2 || len(letters) > 4 {
		return "", false
	}
	if a2, ok := Canonical(letters); ok {
		return a2, true
	}
	if r, err := language.ParseRegion(letters); err == nil {
		if a2, ok := Canonical(r.Canonicalize().String()); ok {
			return a2, true
		}
	}
	if len(letters) == 2 {
		return "", true
	}
	found, n := -1, 0
	for i, e := range table {
		if suggest.Distance(letters, e.alpha3) > 1 {
			continue
		}
		if e.alpha2 == letters[:2] {
			return e.alpha2, true
		}
		found, n = i, n+1
	}
	switch n {
	case 0:
		return "", false // maybe a short name: "Chda"
	case 1:
		return table[found].alpha2, true
	default:
		return "", true
	}
}

// maxInput bounds the bytes Suggest looks at: no name is half as long.
const maxInput = 200

type nameKey struct {
	key    string
	padded string // " " + key + " ", for whole-word search
	n      int    // runes in key
	i      int    // index in table
}

type names struct {
	exact map[string]int // folded name → index in table, -1 when shared
	keys  []nameKey
}

var (
	namesOnce sync.Once
	namesIdx  names
)

// aliases are common names CLDR does not give, folded as fold does.
var aliases = map[string][]string{
	"CI": {"ivory coast", "costa de marfil"},
	"CV": {"cabo verde"},
	"CZ": {"czech republic", "republica checa"},
	"GB": {"great britain", "gran bretana"},
	"NL": {"holland", "holanda"},
	"TL": {"east timor", "timor oriental"},
	"US": {"united states of america", "estados unidos de america", "ee uu", "eeuu"},
}

// nameIndex builds, on first use, the folded names Suggest searches: the
// Spanish and English names, the same without parenthesised parts
// ("Myanmar (Birmania)" → "Myanmar"), CLDR's older names of renamed
// countries and the aliases.
func nameIndex() *names {
	namesOnce.Do(func() {
		idx := names{exact: make(map[string]int, 4*len(table))}
		add := func(name string, i int) {
			k := fold(name)
			if k == "" {
				return
			}
			if j, ok := idx.exact[k]; ok {
				if j != i {
					idx.exact[k] = -1
				}
				return
			}
			idx.exact[k] = i
			idx.keys = append(idx.keys, nameKey{k, " " + k + " ", len([]rune(k)), i})
		}
		es, en := display.Spanish.Regions(), display.English.Regions()
		for i, e := range table {
			for _, n := range []string{e.es, e.en, es.Name(e.region), en.Name(e.region)} {
				add(n, i)
				add(dropParens(n), i)
			}
			for _, a := range aliases[e.alpha2] {
				add(a, i)
			}
		}
		namesIdx = idx
	})
	return &namesIdx
}

// dropParens removes parenthesised parts: "Cocos (Keeling) Islands" → "Cocos  Islands".
func dropParens(s string) string {
	var b strings.Builder
	depth := 0
	for _, r := range s {
		switch {
		case r == '(':
			depth++
		case r == ')' && depth > 0:
			depth--
		case depth == 0:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// fold lower-cases s, strips accents, turns "&" into "and", every other
// non-letter, non-digit into a word break, and "st" into "saint", and joins
// the words with single spaces: "St. Kitts & Nevis" → "saint kitts and nevis",
// "Panamá" → "panama".
func fold(s string) string {
	var b strings.Builder
	for _, r := range norm.NFD.String(s) {
		switch {
		case unicode.Is(unicode.Mn, r):
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			b.WriteRune(unicode.ToLower(r))
		case r == '&':
			b.WriteString(" and ")
		default:
			b.WriteByte(' ')
		}
	}
	words := strings.Fields(b.String())
	for i, w := range words {
		if w == "st" {
			words[i] = "saint"
		}
	}
	return strings.Join(words, " ")
}
