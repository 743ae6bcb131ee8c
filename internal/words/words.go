// Package words holds the words of the site's pages and of the PDF book in
// each language: templates/i18n/LANG.yaml, one flat map of key → text. A
// language without a file of its own, or a key missing from it, falls back
// to English, then to the key itself (which shows the gap on the page).
package words

import (
	"fmt"
	"io/fs"
	"slices"
	"strings"
	"sync"
	"time"

	"catalog/internal/model"
	"catalog/templates"

	"gopkg.in/yaml.v3"
)

// Words are the words of every language of a catalog.
type Words struct {
	byLang map[string]map[string]string
}

// Load reads i18n/LANG.yaml from the templates for English and each of
// langs; a language without a file is not an error.
func Load(templates fs.FS, langs []string) (*Words, error) {
	w := &Words{byLang: map[string]map[string]string{}}
	for _, lang := range append([]string{"en"}, langs...) {
		name := "i18n/" + lang + ".yaml"
		src, err := fs.ReadFile(templates, name)
		if err != nil {
			continue
		}
		m := map[string]string{}
		if err := yaml.Unmarshal(src, &m); err != nil {
			return nil, fmt.Errorf("templates/%s: %w", name, err)
		}
		w.byLang[lang] = m
	}
	return w, nil
}

// Get returns the text for key in lang.
func (w *Words) Get(lang, key string) string {
	if s, ok := w.byLang[lang][key]; ok {
		return s
	}
	if s, ok := w.byLang["en"][key]; ok {
		return s
	}
	return key
}

// Languages lists the languages that have a words file, in order.
func (w *Words) Languages() []string {
	out := make([]string, 0, len(w.byLang))
	for lang := range w.byLang {
		out = append(out, lang)
	}
	slices.Sort(out)
	return out
}

// Keys lists the keys that lang's words have, with those of English,
// which Get falls back to, in order.
func (w *Words) Keys(lang string) []string {
	var out []string
	for _, l := range []string{"en", lang} {
		for key := range w.byLang[l] {
			out = append(out, key)
		}
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// Own reports whether lang has a words file of its own.
func (w *Words) Own(lang string) bool { _, ok := w.byLang[lang]; return ok }

// Lookup returns the text for key in lang itself, without falling back.
func (w *Words) Lookup(lang, key string) (string, bool) {
	s, ok := w.byLang[lang][key]
	return s, ok
}

// Date writes a date in full in lang ("24 de noviembre de 2025"), from the
// words months and date_long; ISO 8601 when they are missing.
func (w *Words) Date(lang string, t time.Time) string {
	months := strings.Fields(w.Get(lang, "months"))
	format := w.Get(lang, "date_long")
	if len(months) != 12 || !strings.Contains(format, "%") {
		return t.Format(time.DateOnly)
	}
	return fmt.Sprintf(format, t.Day(), months[t.Month()-1], t.Year())
}

// Month writes a month of a year in lang ("diciembre de 2012"), from the
// words months and date_month; a year alone (month 0) is the year, and
// the ISO form ("2012-12") stands when the words are missing. Partial
// dates (a practice's period) are written so.
func (w *Words) Month(lang string, year, month int) string {
	if month < 1 || month > 12 {
		return fmt.Sprintf("%04d", year)
	}
	months := strings.Fields(w.Get(lang, "months"))
	format := w.Get(lang, "date_month")
	if len(months) != 12 || !strings.Contains(format, "%") {
		return fmt.Sprintf("%04d-%02d", year, month)
	}
	return fmt.Sprintf(format, months[month-1], year)
}

// Piece is a piece of a text that words write: a date (ISO is its ISO
// 8601 form, "2012-12", which a page puts in <time datetime>) or the
// words around dates (ISO "").
type Piece struct{ Text, ISO string }

// Period writes a practice's period in lang, in pieces: "desde diciembre
// de 2012" (period_since), "2010–2014" between years, "marzo de 2010 –
// 2014" when either end has a month. Text joins the pieces.
func (w *Words) Period(lang string, p model.Period) []Piece {
	date := func(ym model.YearMonth) Piece { return Piece{Text: w.Month(lang, ym.Year, ym.Month), ISO: ym.String()} }
	if p.End.IsZero() {
		before, after, ok := strings.Cut(w.Get(lang, "period_since"), "%s")
		if !ok {
			return []Piece{date(p.Start)}
		}
		return nonEmpty([]Piece{{Text: before}, date(p.Start), {Text: after}})
	}
	dash := "–"
	if p.Start.Month != 0 || p.End.Month != 0 {
		dash = " – "
	}
	return []Piece{date(p.Start), {Text: dash}, date(p.End)}
}

// Text is the pieces as one text.
func Text(pieces []Piece) string {
	var b strings.Builder
	for _, p := range pieces {
		b.WriteString(p.Text)
	}
	return b.String()
}

func nonEmpty(pieces []Piece) []Piece {
	out := pieces[:0]
	for _, p := range pieces {
		if p.Text != "" {
			out = append(out, p)
		}
	}
	return out
}

// Shipped are the built-in words (templates/i18n) of every language
// catalog ships, read once: what validate, new and vocab name a fixed
// value's code by, whatever the catalog's languages. The files are
// embedded: that they read is tested.
var Shipped = sync.OnceValue(func() *Words {
	files, _ := fs.Glob(templates.FS, "i18n/*.yaml")
	var langs []string
	for _, f := range files {
		langs = append(langs, strings.TrimSuffix(strings.TrimPrefix(f, "i18n/"), ".yaml"))
	}
	w, err := Load(templates.FS, langs)
	if err != nil {
		panic("words: the embedded templates/i18n do not read: " + err.Error())
	}
	return w
})
