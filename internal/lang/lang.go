// Package lang decides which language catalog speaks to its user: the
// language of its messages, prompts and help, and of the labels that
// commands such as vocab print. The catalog's pages have languages of
// their own (catalog.yaml's languages); this is the person at the
// terminal's.
package lang

import (
	"strings"
)

// Supported are the languages catalog speaks, English first: what it
// falls back to.
var Supported = []string{"en", "es"}

// Env names the environment variable that chooses the language when
// --lang does not.
const Env = "CATALOG_LANG"

// Choose returns the language to speak: flag (--lang) when given, else
// $CATALOG_LANG, else the catalog's default language (the first of its
// languages) when the command knows its catalog, else the locale
// ($LC_ALL, $LC_MESSAGES, $LANG, as POSIX orders them), else English.
// Each is taken only when it names a supported language ("es",
// "es_ES.UTF-8", "es-419"); an unsupported one passes to the next. ok is
// false when flag itself names none, which is the user's mistake.
func Choose(flag string, getenv func(string) string, catalogDefault string) (lang string, ok bool) {
	if flag != "" {
		if l := Match(flag); l != "" {
			return l, true
		}
		return "en", false
	}
	if l := Match(getenv(Env)); l != "" {
		return l, true
	}
	if l := Match(catalogDefault); l != "" {
		return l, true
	}
	for _, v := range []string{"LC_ALL", "LC_MESSAGES", "LANG"} {
		if s := getenv(v); s != "" {
			// The first of these that is set decides, as in POSIX; "C"
			// and "POSIX" say English.
			if l := Match(s); l != "" {
				return l, true
			}
			return "en", true
		}
	}
	return "en", true
}

// Match returns the supported language a tag or locale names, or "":
// "es", "ES", "es_ES.UTF-8", "es-419", "es_AR@euro" give "es".
func Match(s string) string {
	s = strings.ToLower(strings.TrimSpace(s))
	if i := strings.IndexAny(s, "_-.@"); i >= 0 {
		s = s[:i]
	}
	for _, l := range Supported {
		if s == l {
			return l
		}
	}
	return ""
}

// names are the names of the languages catalogs are most often written
// in, in each language catalog speaks.
var names = map[string]map[string]string{
	"en": {"en": "English", "es": "Spanish", "pt": "Portuguese", "fr": "French"},
	"es": {"en": "inglés", "es": "español", "pt": "portugués", "fr": "francés"},
}

// Name is the name of the language code in lang ("inglés" for "en" in
// Spanish); a language it does not know stays its code.
func Name(code, lang string) string {
	if n := names[lang][code]; n != "" {
		return n
	}
	return code
}
