// Package country owns ISO 3166-1 country codes: the 249 officially assigned
// alpha-2 codes, their alpha-3 codes, and the countries' names in Spanish and
// English (other languages on demand), all shipped inside the binary.
//
// The table is built at init from golang.org/x/text: every two-letter string
// that language.ParseRegion accepts as a country is kept unless it is
// private-use (XK), an alias that Canonicalize replaces (UK, ZR, BU, TP, …),
// has no ISO alpha-3 (EA, IC, EZ, UN, …) or no CLDR name (AN, CS, SU, YU, …),
// or is one of CLDR's exceptionally reserved codes (AC, CP, DG, TA). Names are
// CLDR's standard names from language/display, but for three countries whose
// ISO name changed after x/text's CLDR data (see renamed); languages other
// than Spanish and English are named by display on demand, with their CLDR
// names as they are. Building the table at init was chosen
// over a go generate table because it costs well under a millisecond (see
// BenchmarkBuild), keeps the codes and names in step with the x/text version
// in go.mod with no generated file to refresh, and the tests pin the list to
// an independent copy of ISO 3166-1, so a data change in x/text cannot slip
// through unnoticed. The index Suggest searches is built on its first call.
//
// All functions are safe for concurrent use: the table is read-only after
// init, and the lazily filled parts (the namers of other languages, Suggest's
// index) sit behind sync.Map and sync.Once.
package country

import (
	"slices"
	"sync"

	"golang.org/x/text/language"
	"golang.org/x/text/language/display"
)

type entry struct {
	alpha2, alpha3 string
	region         language.Region
	es, en         string
}

var (
	table  []entry        // sorted by alpha2
	byCode map[string]int // alpha-2 and alpha-3 → index in table
	codes  []string       // alpha-2 codes, sorted
	namers sync.Map       // base language → display.Namer (nil when no data)
)

// reserved are the codes x/text reports as countries, with an alpha-3 and a
// name, that ISO 3166-1 only reserves exceptionally.
var reserved = map[string]bool{"AC": true, "CP": true, "DG": true, "TA": true}

// renamed are CLDR names that x/text's CLDR data predates: the ISO short name
// (and current CLDR) changed. The old names still work in Suggest.
var renamed = map[string][2]string{ // alpha2 → {es, en}
	"MK": {"Macedonia del Norte", "North Macedonia"},
	"SZ": {"Esuatini", "Eswatini"},
	"TR": {"Turquía", "Türkiye"},
}

func init() {
	table, byCode = build()
	codes = make([]string, len(table))
	for i, e := range table {
		codes[i] = e.alpha2
	}
}

// build makes the table, sorted by alpha-2, and its index by alpha-2 and
// alpha-3 code.
func build() ([]entry, map[string]int) {
	es, en := display.Spanish.Regions(), display.English.Regions()
	t := make([]entry, 0, 256)
	m := make(map[string]int, 512)
	var b [2]byte
	for b[0] = 'A'; b[0] <= 'Z'; b[0]++ {
		for b[1] = 'A'; b[1] <= 'Z'; b[1]++ {
			r, err := language.ParseRegion(string(b[:]))
			if err != nil || !r.IsCountry() || r.IsPrivateUse() || r.Canonicalize() != r {
				continue
			}
			a2, a3 := r.String(), r.ISO3()
			if reserved[a2] || a3 == "ZZZ" {
				continue
			}
			e := entry{alpha2: a2, alpha3: a3, region: r, es: es.Name(r), en: en.Name(r)}
			if e.en == "" || e.es == "" {
				continue
			}
			if n, ok := renamed[a2]; ok {
				e.es, e.en = n[0], n[1]
			}
			m[a2], m[a3] = len(t), len(t)
			t = append(t, e)
		}
	}
	return t, m
}

// lookup finds the table index of an alpha-2 or alpha-3 code in any case,
// surrounded by any spaces.
func lookup(code string) (int, bool) {
	for len(code) > 0 && isSpace(code[0]) {
		code = code[1:]
	}
	for len(code) > 0 && isSpace(code[len(code)-1]) {
		code = code[:len(code)-1]
	}
	if len(code) != 2 && len(code) != 3 {
		return 0, false
	}
	var buf [3]byte
	for i := 0; i < len(code); i++ {
		c := code[i]
		if 'a' <= c && c <= 'z' {
			c -= 'a' - 'A'
		}
		buf[i] = c
	}
	i, ok := byCode[string(buf[:len(code)])]
	return i, ok
}

func isSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' }

// Canonical returns the upper-case alpha-2 code for an alpha-2 or alpha-3 code in any case,
// trimmed of surrounding spaces ("cr", "CRI", "cri", " no " → "CR","CR","CR","NO"); ok=false when unknown.
func Canonical(code string) (alpha2 string, ok bool) {
	if i, ok := lookup(code); ok {
		return table[i].alpha2, true
	}
	return "", false
}

// get returns the entry of a canonical (upper-case) alpha-2 code.
func get(alpha2 string) (*entry, bool) {
	if len(alpha2) != 2 {
		return nil, false
	}
	if i, ok := byCode[alpha2]; ok {
		return &table[i], true
	}
	return nil, false
}

// Alpha3 returns the alpha-3 code of a canonical alpha-2 code ("" when unknown).
func Alpha3(alpha2 string) string {
	if e, ok := get(alpha2); ok {
		return e.alpha3
	}
	return ""
}

// Name returns the country's name in the language (BCP 47 base, "es", "en", "fr", …): "Panamá" for (PA, es), "Panama" for (PA, en).
// Unknown language → English name; unknown code → the code itself.
// Only the base language counts: "es-MX" and "ES" name as "es" does.
func Name(alpha2, lang string) string {
	e, ok := get(alpha2)
	if !ok {
		return alpha2
	}
	switch lang {
	case "es":
		return e.es
	case "en", "":
		return e.en
	}
	tag, err := language.Parse(lang)
	if err != nil {
		return e.en
	}
	base, _ := tag.Base()
	switch b := base.String(); b {
	case "es":
		return e.es
	case "en":
		return e.en
	default:
		if n := namer(b); n != nil {
			if s := n.Name(e.region); s != "" {
				return s
			}
		}
		return e.en
	}
}

// namer returns the cached CLDR region namer of a base language, nil when
// x/text has no names for it. Namers are stateless views of static tables.
func namer(base string) display.Namer {
	if v, ok := namers.Load(base); ok {
		n, _ := v.(display.Namer) // a stored nil Namer stays nil
		return n
	}
	n := display.Regions(language.Make(base))
	namers.Store(base, n)
	return n
}

// Codes returns all alpha-2 codes, sorted.
func Codes() []string { return slices.Clone(codes) }
