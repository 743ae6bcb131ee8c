package lang

import (
	_ "embed"
	"fmt"

	"github.com/nicksnyder/go-i18n/v2/i18n"
	"golang.org/x/text/language"
	"gopkg.in/yaml.v3"
)

// What catalog says to its user is written once, in English, where it is
// said: a Message with an ID, its text and, for a count, its plural forms
// (One, Other), as go-i18n has them:
//
//	var msgFiles = &i18n.Message{ID: "validate.files", One: "{{.Count}} file", Other: "{{.Count}} files"}
//	p.N(msgFiles, n)
//
// messages.es.yaml gives the Spanish of each, by ID; TestMessagesInBoth
// fails when a message of the code has no Spanish, or the file a message
// the code no longer has. go-i18n, not golang.org/x/text/message (which
// the project has for collation): x/text's printer writes every number
// in the locale's grouping, so a year 2018 or a line 1234 came out
// "2.018" and "1.234" in Spanish (measured), and each English message
// with a count needs an entry of its own; go-i18n's messages are
// templates, which write a number as given, and its plural forms are
// CLDR's.

//go:embed messages.es.yaml
var spanish []byte

// help.es.yaml is the Spanish of the commands' help (their Short, Long
// and Example texts and their flags' usage), by IDs made of the command's
// path: help.new.long, help.new.flag.title. cmd/catalog's TestHelpInSpanish
// holds it to the commands.
//
//go:embed help.es.yaml
var spanishHelp []byte

var bundle = func() *i18n.Bundle {
	b := i18n.NewBundle(language.English)
	b.RegisterUnmarshalFunc("yaml", yaml.Unmarshal)
	if _, err := b.ParseMessageFileBytes(spanish, "messages.es.yaml"); err != nil {
		panic(fmt.Sprintf("lang: messages.es.yaml: %v", err)) // a test reads it first
	}
	if _, err := b.ParseMessageFileBytes(spanishHelp, "help.es.yaml"); err != nil {
		panic(fmt.Sprintf("lang: help.es.yaml: %v", err))
	}
	return b
}()

// Printer says messages in one language.
type Printer struct {
	Lang string
	l    *i18n.Localizer
}

// For returns the printer of lang (one of Supported; English otherwise).
func For(lang string) Printer {
	if Match(lang) == "" {
		lang = "en"
	}
	return Printer{Lang: lang, l: i18n.NewLocalizer(bundle, lang)}
}

// T says m, its template given data (a map or a struct; nil for none).
func (p Printer) T(m *i18n.Message, data any) string {
	return p.localize(&i18n.LocalizeConfig{DefaultMessage: m, TemplateData: data})
}

// N says m for the count n ({{.Count}} in its template, unless data gives
// the template other fields, Count among them).
func (p Printer) N(m *i18n.Message, n int, data map[string]any) string {
	if data == nil {
		data = map[string]any{}
	}
	if _, ok := data["Count"]; !ok {
		data["Count"] = n
	}
	return p.localize(&i18n.LocalizeConfig{DefaultMessage: m, PluralCount: n, TemplateData: data})
}

func (p Printer) localize(c *i18n.LocalizeConfig) string {
	if p.l == nil {
		p = For("en")
	}
	s, err := p.l.Localize(c)
	if err != nil {
		// A message the Spanish file lacks still says its English; the
		// test catches it before a user does.
		if s != "" {
			return s
		}
		return c.DefaultMessage.Other
	}
	return s
}

// Help is the help text id in p's language; english is what it says in
// English, and what it says when the language has none.
func (p Printer) Help(id, english string) string {
	if english == "" || p.Lang == "en" || p.l == nil {
		return english
	}
	// The texts are not templates: a help text may show {{ }}.
	s, err := p.l.Localize(&i18n.LocalizeConfig{MessageID: id})
	if err != nil || s == "" {
		return english
	}
	return s
}

// HelpIDs are the IDs help.es.yaml gives.
func HelpIDs() []string {
	var m map[string]any
	if err := yaml.Unmarshal(spanishHelp, &m); err != nil {
		return nil
	}
	out := make([]string, 0, len(m))
	for id := range m {
		out = append(out, id)
	}
	return out
}
