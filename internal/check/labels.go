package check

import (
	"slices"
	"strings"

	"catalog/internal/suggest"
	"catalog/internal/words"
)

// labelWords are the site's words in every language it ships: a writer
// who types the label of a fixed value ("buena", "en curso", "gobierno")
// is told its code.
var labelWords = words.Shipped

// labelHint names the one code of allowed whose label, in some language,
// has every word of value ("buena" in "Buena práctica", "en curso" in "En
// curso"), for the field at path; nil when none or several do.
func labelHint(path, value string, allowed []string) suggest.Text {
	field := path
	if i := strings.LastIndexAny(path, ".]"); i >= 0 {
		field = strings.TrimPrefix(path[i+1:], ".")
	}
	if code := LabelCode(field, value, allowed); code != "" {
		return suggest.LabelOf(code)
	}
	return nil
}

// LabelCode is the one code of allowed, a fixed list of field, whose
// label in some language has every word of value; "" when none or
// several do.
func LabelCode(field, value string, allowed []string) string {
	w := labelWords()
	if w == nil {
		return ""
	}
	want := strings.Fields(suggest.Fold(value))
	if len(want) == 0 {
		return ""
	}
	found := ""
	for _, code := range allowed {
		for _, lang := range w.Languages() {
			label, ok := w.Lookup(lang, field+"."+code)
			if !ok {
				continue
			}
			have := strings.Fields(suggest.Fold(label))
			if !slices.ContainsFunc(want, func(s string) bool { return !slices.Contains(have, s) }) {
				if found != "" && found != code {
					return "" // "práctica" is in every level's label
				}
				found = code
			}
		}
	}
	return found
}
