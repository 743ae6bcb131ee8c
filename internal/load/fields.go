package load

import (
	"fmt"
	"reflect"
	"strings"
	"time"

	"gopkg.in/yaml.v3"

	"catalog/internal/config"
	fm "catalog/internal/frontmatter"
	"catalog/internal/model"
)

// Fields is the front matter of a practice: one row per field, in the
// order the skeleton and the README give them. Decoding, the required
// fields, merging a translation with its source and the checks of the
// simple kinds all iterate it: adding a field is a row here (and a model
// field to hold it), plus its templates.
var Fields = []Field{
	{Name: "title", Need: InEveryFile, Translatable: true, Kind: KindText,
		value: inText(func(t *model.Text) *string { return &t.Title }, (*fm.Decoder).String)},
	{Name: "summary", Need: InEveryFile, Translatable: true, Kind: KindText,
		value: value{text: func(t *model.Text) any { return &t.Summary }, decode: summary}},
	{Name: "countries", Need: InSource, Kind: KindCountries,
		value: inPractice(func(p *model.Practice) *[]string { return &p.Countries }, countries)},
	{Name: "scope", Need: InSource, Kind: KindCode, Values: []string{"local", "subnational", "national", "binational", "regional"},
		value: inPractice(func(p *model.Practice) *string { return &p.Scope }, (*fm.Decoder).Code)},
	{Name: "institutions", Need: InSource, Translatable: true, Kind: KindInstitutions,
		value:   inText(func(t *model.Text) *[]model.Institution { return &t.Institutions }, institutions),
		inherit: inheritInstitutions(func(t *model.Text) *[]model.Institution { return &t.Institutions })},
	{Name: "partners", Translatable: true, Kind: KindInstitutions,
		value:   inText(func(t *model.Text) *[]model.Institution { return &t.Partners }, institutions),
		inherit: inheritInstitutions(func(t *model.Text) *[]model.Institution { return &t.Partners })},
	{Name: "themes", Need: InSource, Kind: KindVocabulary,
		Vocabulary: func(c *config.Config) *config.Vocabulary { return &c.Themes },
		value:      inPractice(func(p *model.Practice) *[]string { return &p.Themes }, (*fm.Decoder).Codes)},
	{Name: "target_groups", Kind: KindVocabulary,
		Vocabulary: func(c *config.Config) *config.Vocabulary { return &c.TargetGroups },
		value:      inPractice(func(p *model.Practice) *[]string { return &p.TargetGroups }, (*fm.Decoder).Codes)},
	{Name: "exploitation_forms", Kind: KindVocabulary,
		Vocabulary: func(c *config.Config) *config.Vocabulary { return &c.ExploitationForms },
		value:      inPractice(func(p *model.Practice) *[]string { return &p.ExploitationForms }, (*fm.Decoder).Codes)},
	{Name: "period", Need: InSource, Kind: KindPeriod,
		value: inPractice(func(p *model.Practice) *model.Period { return &p.Period }, period)},
	{Name: "status", Need: InSource, Kind: KindCode, Values: []string{"ongoing", "ended", "unknown"},
		value: inPractice(func(p *model.Practice) *string { return &p.Status }, (*fm.Decoder).Code)},
	{Name: "level", Need: InSource, Kind: KindCode, Values: []string{"good", "promising", "emerging"},
		value: inPractice(func(p *model.Practice) *string { return &p.Level }, (*fm.Decoder).Code)},
	{Name: "criteria", Translatable: true, Kind: KindCriteria,
		Vocabulary: func(c *config.Config) *config.Vocabulary { return &c.Criteria },
		value:      inText(func(t *model.Text) *[]model.Rating { return &t.Criteria }, criteria),
		inherit: func(name string, t, source *model.Text, given bool) (ms []mismatch) {
			if !given {
				t.Criteria = source.Criteria
				return nil
			}
			t.Criteria = mergeCriteria(name, source.Criteria, t.Criteria, func(path string, what fm.Said) { ms = append(ms, mismatch{path, what}) })
			return ms
		}},
	{Name: "related", Kind: KindPractices,
		value: inPractice(func(p *model.Practice) *[]string { return &p.Related }, (*fm.Decoder).Codes)},
	{Name: "exchanges", Translatable: true, Kind: KindExchanges,
		value: inText(func(t *model.Text) *[]model.Exchange { return &t.Exchanges }, exchanges),
		inherit: func(name string, t, source *model.Text, given bool) (ms []mismatch) {
			if !given {
				t.Exchanges = source.Exchanges
				return nil
			}
			t.Exchanges = mergeExchanges(name, source.Exchanges, t.Exchanges, func(path string, what fm.Said) { ms = append(ms, mismatch{path, what}) })
			return ms
		}},
	{Name: "adapted_from", Translatable: true, Kind: KindAdaptedFrom,
		value: inText(func(t *model.Text) *[]model.AdaptedFrom { return &t.AdaptedFrom }, adaptedFrom),
		inherit: func(name string, t, source *model.Text, given bool) (ms []mismatch) {
			if !given {
				t.AdaptedFrom = source.AdaptedFrom
				return nil
			}
			t.AdaptedFrom = mergeAdaptedFrom(name, source.AdaptedFrom, t.AdaptedFrom, func(path string, what fm.Said) { ms = append(ms, mismatch{path, what}) })
			return ms
		}},
	{Name: "adaptation", Translatable: true, Kind: KindAdaptation,
		value:   inText(func(t *model.Text) **model.Adaptation { return &t.Adaptation }, adaptation),
		inherit: inheritAdaptation},
	{Name: "sources", Need: InSource, Kind: KindSources,
		value: inPractice(func(p *model.Practice) *[]model.Source { return &p.Sources }, sources)},
	{Name: "contact", Translatable: true, Kind: KindContact,
		value:   inText(func(t *model.Text) **model.Contact { return &t.Contact }, contact),
		inherit: inheritContact},
	// Left out, a practice is public: a translation that says so repeats
	// the source.
	{Name: "visibility", Kind: KindCode, Values: []string{"public", "restricted"}, Default: "public",
		value: inPractice(func(p *model.Practice) *string { return &p.Visibility }, (*fm.Decoder).Code)},
	{Name: "last_reviewed", Need: InSource, Translatable: true, Kind: KindDate,
		value: inText(func(t *model.Text) *time.Time { return &t.LastReviewed }, date),
		inherit: func(_ string, t, source *model.Text, _ bool) []mismatch {
			if t.LastReviewed.IsZero() {
				t.LastReviewed = source.LastReviewed
			}
			return nil
		}},
}

// Field is one field of a practice's front matter.
type Field struct {
	Name string
	Need Need
	// Translatable: a translation may give the field in its own
	// language, and the value lives in each model.Text. Any other field
	// lives once in model.Practice: a translation inherits it from the
	// source, and may repeat it but never change it.
	Translatable bool
	Kind         Kind
	// Values are the values a KindCode field takes; Default is its value
	// when left out.
	Values  []string
	Default string
	// Vocabulary is the catalog.yaml vocabulary that a KindVocabulary
	// field's codes (or KindCriteria's keys) come from.
	Vocabulary func(*config.Config) *config.Vocabulary

	value
	// inherit completes a translatable field of a translation t from its
	// source, and returns what the translation changed that it may not;
	// name is the field's, given says whether the translation's file
	// gives it. Nil: the translation keeps what it gives, nothing is
	// inherited (title, summary).
	inherit inheritFunc
}

type inheritFunc func(name string, t, source *model.Text, given bool) []mismatch

// mismatch is what a translation changed of what it inherits: the path of
// the value, and how it differs. A list returned, not a function called,
// so that merging a translation that changes nothing allocates nothing.
type mismatch struct {
	path string
	what fm.Said
}

// Need says which files must give a field.
type Need int

const (
	Optional    Need = iota
	InSource         // the source must give it; a translation inherits it
	InEveryFile      // every file must give its own
)

// Kind is the shape of a field's value, which says how the generic checks
// judge it.
type Kind int

const (
	KindText         Kind = iota + 1 // one text
	KindDate                         // a YYYY-MM-DD date
	KindCode                         // one of Values
	KindCountries                    // country codes
	KindVocabulary                   // codes of a catalog.yaml vocabulary
	KindPractices                    // IDs of other practices
	KindInstitutions                 // entries {name, acronym, country, type}
	KindPeriod                       // {start, end}
	KindCriteria                     // criterion → {rating, note}
	KindExchanges                    // entries {year, visitors, institutions, kind, note, outcome, outcome_note}
	KindAdaptedFrom                  // entries {practice, year, note}, or bare IDs
	KindAdaptation                   // {requires, cost, note}
	KindSources                      // entries {title, publisher, year, url}
	KindContact                      // {institution, role, url, email}
)

// value is where a field's value lives in the model, and how YAML is read
// into it. Exactly one of text and practice is set; each returns a
// pointer to the value (an interface holding a pointer, which costs no
// allocation), through which the value is read and set.
type value struct {
	text     func(*model.Text) any
	practice func(*model.Practice) any
	decode   func(d *fm.Decoder, v *yaml.Node, key string, s *sheet)
}

// inText is a translatable field's value, read by read.
func inText[T any](at func(*model.Text) *T, read func(*fm.Decoder, *yaml.Node, string) T) value {
	return value{
		text:   func(t *model.Text) any { return at(t) },
		decode: func(d *fm.Decoder, v *yaml.Node, key string, s *sheet) { *at(&s.text) = read(d, v, key) },
	}
}

// inPractice is a shared field's value, read by read.
func inPractice[T any](at func(*model.Practice) *T, read func(*fm.Decoder, *yaml.Node, string) T) value {
	return value{
		practice: func(p *model.Practice) any { return at(p) },
		decode:   func(d *fm.Decoder, v *yaml.Node, key string, s *sheet) { *at(&s.shared) = read(d, v, key) },
	}
}

// Code is a KindCode field's value in p ("" for a field of another kind).
func (f *Field) Code(p *model.Practice) string {
	if f.practice != nil {
		if s, ok := f.practice(p).(*string); ok {
			return *s
		}
	}
	return ""
}

// Codes is a list of codes' value in p: the countries, a vocabulary's
// codes, practice IDs (nil for a field of another kind).
func (f *Field) Codes(p *model.Practice) []string {
	if f.practice != nil {
		if s, ok := f.practice(p).(*[]string); ok {
			return *s
		}
	}
	return nil
}

// Institutions is a KindInstitutions field's value in t (nil for a field
// of another kind).
func (f *Field) Institutions(t *model.Text) []model.Institution {
	if f.text != nil {
		if s, ok := f.text(t).(*[]model.Institution); ok {
			return *s
		}
	}
	return nil
}

// shared is a shared field's value in p, its default when left out, for
// comparing a translation's with its source's.
func (f *Field) shared(p *model.Practice) any {
	v := reflect.ValueOf(f.practice(p)).Elem().Interface()
	if f.Default != "" && v == "" {
		return f.Default
	}
	return v
}

// setDefault gives a shared field left out its default.
func (f *Field) setDefault(p *model.Practice) {
	if f.Default == "" || f.practice == nil {
		return
	}
	if s, ok := f.practice(p).(*string); ok && *s == "" {
		*s = f.Default
	}
}

// fieldNames are the names of Fields, for the decoder.
var fieldNames = func() []string {
	out := make([]string, len(Fields))
	for i, f := range Fields {
		out[i] = f.Name
	}
	return out
}()

// fieldIndex is the position of each of Fields.
var fieldIndex = func() map[string]int {
	m := make(map[string]int, len(Fields))
	for i, f := range Fields {
		m[f.Name] = i
	}
	return m
}()

// LookupField returns the field of that name, or nil.
func LookupField(name string) *Field {
	if i, ok := fieldIndex[name]; ok {
		return &Fields[i]
	}
	return nil
}

// FieldValues are the values of the KindCode field of that name (nil for
// another field): what catalog new's flags accept and complete.
func FieldValues(name string) []string {
	if f := LookupField(name); f != nil {
		return f.Values
	}
	return nil
}

// FieldsDoc is the README's table of the fields: which files must give
// each, and what a translation does with it.
func FieldsDoc() string {
	var b strings.Builder
	b.WriteString("| field | required | in a translation |\n| --- | --- | --- |\n")
	for _, f := range Fields {
		need := map[Need]string{Optional: "no", InSource: "yes", InEveryFile: "yes, in every file"}[f.Need]
		tr := "the source's; repeated, it must be the same"
		switch {
		case f.Translatable && f.inherit == nil:
			tr = "its own, translated"
		case f.Translatable:
			tr = "translated, or the source's when left out"
		}
		fmt.Fprintf(&b, "| `%s` | %s | %s |\n", f.Name, need, tr)
	}
	return b.String()
}

// summary reads the summary and whether, as written, it has several
// paragraphs.
func summary(d *fm.Decoder, v *yaml.Node, key string, s *sheet) {
	s.text.Summary = d.String(v, key)
	s.text.SummaryParagraphs = paragraphs(v)
}

// inheritInstitutions takes names (and acronyms) from the translation and
// everything else from the source, entry by entry.
func inheritInstitutions(at func(*model.Text) *[]model.Institution) inheritFunc {
	return func(name string, t, source *model.Text, given bool) (ms []mismatch) {
		*at(t) = mergeInstitutions(*at(source), *at(t), given, name, func(path string, what fm.Said) { ms = append(ms, mismatch{path, what}) })
		return ms
	}
}

// inheritContact takes the contact from the translation, its address and
// e-mail from the source.
func inheritContact(_ string, t, source *model.Text, _ bool) (ms []mismatch) {
	if t.Contact == nil {
		t.Contact = source.Contact
		return nil
	}
	if source.Contact == nil {
		return nil
	}
	if t.Contact.URL != source.Contact.URL && t.Contact.URL != "" {
		ms = append(ms, mismatch{"contact.url", fm.Say("%q here, %q there", t.Contact.URL, source.Contact.URL)})
	}
	if t.Contact.Email != source.Contact.Email && t.Contact.Email != "" {
		ms = append(ms, mismatch{"contact.email", fm.Say("%q here, %q there", t.Contact.Email, source.Contact.Email)})
	}
	c := *t.Contact
	c.URL, c.Email = source.Contact.URL, source.Contact.Email
	if c.Institution == "" {
		c.Institution = source.Contact.Institution
	}
	t.Contact = &c
	return ms
}

func show(v any) any {
	switch v := v.(type) {
	case []string:
		return "[" + strings.Join(v, ", ") + "]"
	case string:
		return fmt.Sprintf("%q", v)
	case model.Period:
		return fmt.Sprintf("%s–%s", v.Start, v.End)
	case []model.Source:
		return fm.Say("%d sources", len(v))
	}
	return fmt.Sprint(v)
}
