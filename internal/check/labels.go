package check

import (
	"io/fs"
	"slices"
	"strings"
	"sync"

	"catalog/internal/suggest"
	"catalog/internal/words"
	"catalog/templates"
)

// labelWords are the site's words in every language it ships, read once
// the first time a value needs them: a writer who types the label of a
// fixed value ("buena", "en curso", "gobierno") is told its code.
var labelWords = sync.OnceValue(func() *words.Words {
	files, _ := fs.Glob(templates.FS, "i18n/*.yaml")
	var langs []string
	for _, f := range files {
		langs = append(langs, strings.TrimSuffix(strings.TrimPrefix(f, "i18n/"), ".yaml"))
	}
	w, _ := words.Load(templates.FS, langs)
	return w
})

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
