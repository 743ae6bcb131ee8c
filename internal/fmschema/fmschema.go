// Package fmschema makes the JSON Schema of a practice's front matter
// (catalog schema), from the field table (load.Fields) and a catalog's
// vocabularies, so that an editor with a YAML language server completes
// and checks fields while an officer types. catalog validate stays the
// judge: the schema says what the shape is, with the catalog's codes, not
// the rules across fields and files (a period that ends before it starts,
// a related practice that does not exist).
//
// The schema uses only keywords that draft-07 and draft 2020-12 share
// (type, enum, pattern, properties, additionalProperties, required, items,
// anyOf), so that editors still on draft-07 read it the same; the labels
// of enum values go in enumDescriptions, which VS Code's JSON and YAML
// language servers show and validators ignore.
package fmschema

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"slices"

	"catalog/internal/check"
	"catalog/internal/config"
	"catalog/internal/country"
	"catalog/internal/load"
	"catalog/internal/words"
)

// FileName is the name catalog schema suggests for its output: not
// catalog.schema.json, which is the schema of the built catalog.json.
const FileName = "practice.schema.json"

// Options say which schema to make.
type Options struct {
	Config *config.Config
	Words  *words.Words // the site's words, for the labels of values
	Lang   string       // the language of titles and descriptions
	// Translation: the schema of a translation, which requires only the
	// fields every file gives. Otherwise a source's, which requires the
	// fields a source gives too.
	Translation bool
}

// Write writes the schema as indented JSON.
func Write(w io.Writer, opt Options) error {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(Schema(opt)); err != nil {
		return err
	}
	_, err := w.Write(buf.Bytes())
	return err
}

// Schema is the schema, as an ordered JSON object.
func Schema(opt Options) Object {
	s := maker{Options: opt}
	props := Object{}
	var required []string
	for i := range load.Fields {
		f := &load.Fields[i]
		prop := s.field(f)
		t := s.text(f.Name)
		desc := t.Description
		switch {
		case f.Need == load.InEveryFile:
			required = append(required, f.Name)
			desc += " " + s.say("required")
		case f.Need == load.InSource:
			if !opt.Translation {
				required = append(required, f.Name)
			}
			desc += " " + s.say("source_only")
		}
		if len(required) > 0 && required[len(required)-1] == f.Name {
			prop = filled(prop)
		}
		props = append(props, Member{f.Name, append(Object{{"title", t.Title}, {"description", desc}}, prop...)})
	}
	kind := "source"
	if opt.Translation {
		kind = "translation"
	}
	return Object{
		{"$schema", "https://json-schema.org/draft/2020-12/schema"},
		{"title", s.say("title")},
		{"description", s.say(kind)},
		{"type", "object"},
		{"properties", props},
		{"required", required},
		{"additionalProperties", false},
		// Once, for the three places that take a country.
		{"$defs", Object{{"country", s.country()}}},
	}
}

// filled is a required field's type, which the loader takes as missing
// when it is an empty list or text.
func filled(prop Object) Object {
	typ, enum := "", false
	for _, m := range prop {
		switch m.Key {
		case "type":
			typ, _ = m.Value.(string)
		case "enum":
			enum = true
		}
	}
	switch {
	case typ == "array":
		return append(slices.Clip(prop), Member{"minItems", 1})
	case typ == "string" && !enum:
		return append(slices.Clip(prop), Member{"minLength", 1})
	}
	return prop
}

// IDPattern is the pattern of a practice's ID, by which a reader of the
// schema (catalog lsp) knows the places that take one.
const IDPattern = `^[a-z][a-z0-9-]*$`

// countryRef is a country code: see maker.country.
var countryRef = Object{{"$ref", "#/$defs/country"}}

type maker struct{ Options }

func (s maker) say(key string) string { return schemaTexts[key][s.Lang] }

// text is a field's or part's title and description in the user's
// language (English when it has none, which a test rules out).
func (s maker) text(key string) text {
	if t, ok := fieldTexts[key][s.Lang]; ok {
		return t
	}
	return fieldTexts[key]["en"]
}

// part is a part of an entry: its title and description, then its type.
func (s maker) part(key string, schema Object) Object {
	t := s.text(key)
	return append(Object{{"title", t.Title}, {"description", t.Description}}, schema...)
}

// label is the label of value of a field or part, from the site's words
// (key "level.good"), else this package's own.
func (s maker) label(key string) string {
	if s.Words != nil {
		if l := s.Words.Get(s.Lang, key); l != key {
			return l
		}
	}
	if l := valueTexts[key][s.Lang]; l != "" {
		return l
	}
	return valueTexts[key]["en"]
}

// enum is a string that is one of values, each labelled by the words of
// prefix.value.
func (s maker) enum(prefix string, values []string) Object {
	labels := make([]string, len(values))
	for i, v := range values {
		labels[i] = s.label(prefix + "." + v)
	}
	return Object{{"type", "string"}, {"enum", values}, {"enumDescriptions", labels}}
}

// vocabulary is a string that is a code of v, labelled by catalog.yaml.
func (s maker) vocabulary(v *config.Vocabulary) Object {
	slugs := v.Slugs()
	labels := make([]string, len(slugs))
	for i, slug := range slugs {
		labels[i] = s.Config.Label(v, slug, s.Lang)
	}
	return Object{{"type", "string"}, {"enum", slugs}, {"enumDescriptions", labels}}
}

// country is a string that is an ISO 3166-1 alpha-2 code. The loader also
// takes alpha-3 and lower-case codes ("cri"), and makes them alpha-2; the
// schema offers and accepts only the form the catalog writes, so that the
// editor's list is the one a writer should pick from.
func (s maker) country() Object {
	codes := country.Codes()
	names := make([]string, len(codes))
	for i, c := range codes {
		names[i] = country.Name(c, s.Lang)
	}
	return Object{{"type", "string"}, {"enum", codes}, {"enumDescriptions", names}}
}

func list(item Object) Object { return Object{{"type", "array"}, {"items", item}} }

// entry is a mapping with exactly the parts given, required holding.
func entry(parts Object, required ...string) Object {
	o := Object{{"type", "object"}, {"properties", parts}}
	if len(required) > 0 {
		o = append(o, Member{"required", required})
	}
	return append(o, Member{"additionalProperties", false})
}

var (
	plain = Object{{"type", "string"}}
	year  = Object{{"type", "integer"}, {"minimum", 1900}, {"maximum", 2999}}
	date  = Object{{"type", "string"}, {"pattern", `^[0-9]{4}-[0-9]{2}-[0-9]{2}$`}}
	id    = Object{{"type", "string"}, {"pattern", IDPattern}}
	// A BCP 47 tag's shape (en, pt-BR, zh-Hant); validate checks the
	// subtags themselves.
	langTag = Object{{"type", "string"}, {"pattern", `^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$`}}
	texts   = list(plain)
	// A year (2013, which YAML reads as a number) or a year and month
	// ("2013-02"); an end left empty is no end.
	start = Object{{"type", []string{"integer", "string"}}, {"pattern", `^[0-9]{4}(-[0-9]{1,2})?$`}, {"minimum", 1000}, {"maximum", 9999}}
	end   = Object{{"type", []string{"integer", "string", "null"}}, {"pattern", `^[0-9]{4}(-[0-9]{1,2})?$`}, {"minimum", 1000}, {"maximum", 9999}}
)

// field is the type of a field of the front matter, by its kind.
func (s maker) field(f *load.Field) Object {
	switch f.Kind {
	case load.KindText:
		return plain
	case load.KindDate:
		return date
	case load.KindCode:
		o := s.enum(f.Name, f.Values)
		if f.Default != "" {
			o = append(o, Member{"default", f.Default})
		}
		return o
	case load.KindCountries:
		return list(countryRef)
	case load.KindVocabulary:
		return list(s.vocabulary(f.Vocabulary(s.Config)))
	case load.KindPractices:
		return list(id)
	case load.KindInstitutions:
		return list(entry(Object{
			{"name", s.part("institution.name", plain)},
			{"acronym", s.part("institution.acronym", plain)},
			{"country", s.part("institution.country", countryRef)},
			{"type", s.part("institution.type", s.enum("type", check.InstitutionTypes))},
		}, "name", "type"))
	case load.KindPeriod:
		return entry(Object{
			{"start", s.part("period.start", start)},
			{"end", s.part("period.end", end)},
		}, "start")
	case load.KindCriteria:
		v := f.Vocabulary(s.Config)
		rating := s.enum("rating", check.Ratings)
		props := Object{}
		for _, slug := range v.Slugs() {
			t := s.text("criterion")
			props = append(props, Member{slug, Object{
				{"title", s.Config.Label(v, slug, s.Lang)},
				{"description", t.Description},
				{"anyOf", []Object{
					entry(Object{
						{"rating", s.part("criterion.rating", rating)},
						{"note", s.part("criterion.note", plain)},
					}, "rating"),
					rating,
				}},
			}})
		}
		return Object{{"type", "object"}, {"properties", props}, {"additionalProperties", false}}
	case load.KindExchanges:
		return list(entry(Object{
			{"year", s.part("exchange.year", year)},
			{"visitors", s.part("exchange.visitors", list(countryRef))},
			{"institutions", s.part("exchange.institutions", texts)},
			{"kind", s.part("exchange.kind", s.enum("kind", check.ExchangeKinds))},
			{"note", s.part("exchange.note", plain)},
			{"outcome", s.part("exchange.outcome", s.enum("outcome", check.Outcomes))},
			{"outcome_note", s.part("exchange.outcome_note", plain)},
		}, "year", "kind"))
	case load.KindAdaptedFrom:
		return list(Object{{"anyOf", []Object{
			entry(Object{
				{"practice", s.part("adapted_from.practice", id)},
				{"year", s.part("adapted_from.year", year)},
				{"note", s.part("adapted_from.note", plain)},
			}, "practice"),
			id,
		}}})
	case load.KindAdaptation:
		return entry(Object{
			{"requires", s.part("adaptation.requires", list(s.vocabulary(&s.Config.Requirements)))},
			{"cost", s.part("adaptation.cost", s.enum("cost", check.Costs))},
			{"note", s.part("adaptation.note", plain)},
		})
	case load.KindSources:
		return list(entry(Object{
			{"title", s.part("source.title", plain)},
			{"publisher", s.part("source.publisher", plain)},
			{"year", s.part("source.year", year)},
			{"url", s.part("source.url", plain)},
			{"lang", s.part("source.lang", langTag)},
		}, "title"))
	case load.KindContact:
		return entry(Object{
			{"institution", s.part("contact.institution", plain)},
			{"role", s.part("contact.role", plain)},
			{"url", s.part("contact.url", plain)},
			{"email", s.part("contact.email", plain)},
		}, "institution")
	}
	// A kind added to load without a case here: any value, so that the
	// schema never refuses what catalog validate takes (a test fails).
	return Object{}
}

// Object is a JSON object whose keys keep their order, so that the
// schema reads in the order of the field table.
type Object []Member

// Member is a key of an Object and its value.
type Member struct {
	Key   string
	Value any
}

// MarshalJSON writes the members in order.
func (o Object) MarshalJSON() ([]byte, error) {
	var b bytes.Buffer
	b.WriteByte('{')
	for i, m := range o {
		if i > 0 {
			b.WriteByte(',')
		}
		k, err := json.Marshal(m.Key)
		if err != nil {
			return nil, err
		}
		v, err := json.Marshal(m.Value)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", m.Key, err)
		}
		b.Write(k)
		b.WriteByte(':')
		b.Write(v)
	}
	b.WriteByte('}')
	return b.Bytes(), nil
}
