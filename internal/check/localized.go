package check

import (
	"catalog/internal/config"
	"catalog/internal/country"
	"catalog/internal/diag"
	"catalog/internal/gate"
	"catalog/internal/lang"
)

// The arguments of the checks' messages that are words rather than codes
// say themselves in the user's language (lang.Localized): the Spanish
// format of a message (internal/lang/es/check.yaml) then reads Spanish
// words only. Each is English as a string (fmt's %s), for the English
// message. TestLocalizedWords holds each to its Spanish.

// CountryName is the name of the country with an alpha-2 code: "Panama",
// "Panamá".
type CountryName string

func (c CountryName) String() string           { return country.Name(string(c), "en") }
func (c CountryName) In(p lang.Printer) string { return country.Name(string(c), p.Lang) }

// termNoun is what a message calls one of a vocabulary's terms: "theme",
// "tema".
type termNoun struct{ v *config.Vocabulary }

func (n termNoun) String() string { return singular(n.v) }

func (n termNoun) In(p lang.Printer) string {
	if w, ok := spanishNouns[n.v.Name]; ok && p.Lang == "es" {
		return w
	}
	return n.String()
}

// spanishNouns are the Spanish of config's Vocabulary.Singular, by the
// vocabulary's catalog.yaml key (the words catalog vocab uses).
var spanishNouns = map[string]string{
	"pillars":            "pilar",
	"themes":             "tema",
	"target_groups":      "población destinataria",
	"exploitation_forms": "forma de explotación",
	"criteria":           "criterio",
	"requirements":       "requisito",
}

// dataKind is the kind of a piece of personal data.
type dataKind int

const (
	emailAddress dataKind = iota
	phoneNumber
)

var dataKinds = map[string][]string{ // language → the kinds' names
	"en": {"e-mail address", "phone number"},
	"es": {"dirección de correo electrónico", "número de teléfono"},
}

func (f found) String() string { return dataKinds["en"][f.kind] + ` "` + f.text + `"` }

func (f found) In(p lang.Printer) string {
	names, ok := dataKinds[p.Lang]
	if !ok {
		return f.String()
	}
	return names[f.kind] + ` "` + f.text + `"`
}

// refusal is why the gate refuses a file (a link out of the catalog, a
// special file, a file too large), said as the gate says it.
type refusal struct{ e *gate.Error }

func (r refusal) String() string { return r.e.Message }

func (r refusal) In(p lang.Printer) string {
	return diag.In(p, []diag.Diagnostic{r.e.Diagnostic()})[0].Message
}
