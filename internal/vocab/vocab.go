// Package vocab owns the lists of codes a practice's fields take, as one
// table: the catalog's vocabularies (catalog.yaml's themes, pillars, …),
// the countries, and the fixed lists of the field table (load.Fields) and
// of the checks (check.InstitutionTypes, …). Each code comes with its label
// in the reader's language: the catalog's own for its vocabularies, the
// site's words (templates/i18n) for the fixed lists, so that catalog vocab,
// the completion of catalog new's flags and the site say the same.
package vocab

import (
	"slices"
	"strings"

	"catalog/internal/check"
	"catalog/internal/collation"
	"catalog/internal/config"
	"catalog/internal/country"
	"catalog/internal/load"
	"catalog/internal/suggest"
	"catalog/internal/words"
)

// A List is one list of codes.
type List struct {
	Name string // what catalog vocab calls it: the catalog.yaml key, the field, or the part of a field
	// About says in one line, per language, what the list is and where a
	// practice writes its codes.
	About map[string]string
	// aliases are other names a writer may type for it (the singular, the
	// Spanish name), compared folded (suggest.Fold, "-" and " " as "_").
	aliases []string
	// config is the catalog.yaml key of a catalog's vocabulary; words, the
	// prefix of the site's words that label the codes of a fixed list.
	config string
	words  string
	codes  []string
}

// Lists are every list catalog vocab knows, in the order it shows them.
var Lists = []*List{
	{Name: "themes", config: "themes", aliases: []string{"theme", "temas", "tema"}, About: map[string]string{
		"es": "los temas de una práctica (themes:), agrupados por pilar",
		"en": "a practice's themes (themes:), grouped by pillar"}},
	{Name: "pillars", config: "pillars", aliases: []string{"pillar", "pilares", "pilar"}, About: map[string]string{
		"es": "los pilares que agrupan los temas",
		"en": "the pillars the themes are grouped in"}},
	{Name: "target_groups", config: "target_groups", aliases: []string{"target_group", "grupos", "poblacion"}, About: map[string]string{
		"es": "las poblaciones a las que se dirige una práctica (target_groups:)",
		"en": "the groups a practice is for (target_groups:)"}},
	{Name: "exploitation_forms", config: "exploitation_forms", aliases: []string{"exploitation_form", "formas_de_explotacion", "explotacion"}, About: map[string]string{
		"es": "las formas de explotación que atiende una práctica (exploitation_forms:)",
		"en": "the forms of exploitation a practice addresses (exploitation_forms:)"}},
	{Name: "criteria", config: "criteria", aliases: []string{"criterion", "criterios", "criterio"}, About: map[string]string{
		"es": "los criterios de buena práctica (criteria: - criterion:)",
		"en": "the best-practice criteria (criteria: - criterion:)"}},
	{Name: "requirements", config: "requirements", aliases: []string{"requirement", "requires", "requisitos", "requisito"}, About: map[string]string{
		"es": "lo que puede requerir adaptar una práctica (adaptation: requires:)",
		"en": "what adapting a practice may take (adaptation: requires:)"}},
	{Name: "countries", aliases: []string{"country", "paises", "pais"}, About: map[string]string{
		"es": "los países, por su código ISO 3166-1 (countries:, exchanges: - visitors:)",
		"en": "the countries, by their ISO 3166-1 code (countries:, exchanges: - visitors:)"}},
	{Name: "scope", words: "scope", codes: load.FieldValues("scope"), aliases: []string{"scopes", "ambito", "alcance"}, About: map[string]string{
		"es": "el ámbito de una práctica (scope:)",
		"en": "how far a practice reaches (scope:)"}},
	{Name: "status", words: "status", codes: load.FieldValues("status"), aliases: []string{"statuses", "estado"}, About: map[string]string{
		"es": "si una práctica sigue en curso (status:)",
		"en": "whether a practice is still running (status:)"}},
	{Name: "level", words: "level", codes: load.FieldValues("level"), aliases: []string{"levels", "nivel"}, About: map[string]string{
		"es": "cuán sólida es la evidencia de una práctica (level:)",
		"en": "how strong a practice's evidence is (level:)"}},
	{Name: "visibility", words: "visibility", codes: load.FieldValues("visibility"), aliases: []string{"visibilidad"}, About: map[string]string{
		"es": "si una práctica se publica (visibility:); restricted la deja fuera del sitio y de los libros",
		"en": "whether a practice is published (visibility:); restricted leaves it out of the site and books"}},
	{Name: "institution_types", words: "type", codes: check.InstitutionTypes, aliases: []string{"institution_type", "types", "type", "tipos", "tipo"}, About: map[string]string{
		"es": "el tipo de una institución (institutions: - type:, partners: - type:)",
		"en": "the kind of an institution (institutions: - type:, partners: - type:)"}},
	{Name: "ratings", words: "rating", codes: check.Ratings, aliases: []string{"rating", "valoraciones"}, About: map[string]string{
		"es": "cómo se sostiene un criterio (criteria: - rating:)",
		"en": "what backs a criterion (criteria: - rating:)"}},
	{Name: "exchange_kinds", words: "kind", codes: check.ExchangeKinds, aliases: []string{"exchange_kind", "kinds", "kind", "intercambios"}, About: map[string]string{
		"es": "el tipo de un intercambio (exchanges: - kind:)",
		"en": "the kind of an exchange (exchanges: - kind:)"}},
	{Name: "outcomes", words: "outcome", codes: check.Outcomes, aliases: []string{"outcome", "resultados", "resultado"}, About: map[string]string{
		"es": "lo que resultó de un intercambio (exchanges: - outcome:)",
		"en": "what came of an exchange (exchanges: - outcome:)"}},
	{Name: "costs", words: "cost", codes: check.Costs, aliases: []string{"cost", "costos", "costo", "coste"}, About: map[string]string{
		"es": "lo que costaría adaptar una práctica (adaptation: cost:)",
		"en": "what adapting a practice would cost (adaptation: cost:)"}},
}

// Lookup returns the list called name, or one of its other names (the
// singular, the Spanish name; case, accents, "-" and " " aside); nil when
// none is.
func Lookup(name string) *List {
	key := fold(name)
	for _, l := range Lists {
		if l.Name == key || slices.Contains(l.aliases, key) {
			return l
		}
	}
	return nil
}

func fold(s string) string {
	return strings.NewReplacer("-", "_", " ", "_").Replace(suggest.Fold(s))
}

// Closest is the name of the list closest to name, for a "did you mean";
// "" when none is close.
func Closest(name string) string {
	var all []string
	for _, l := range Lists {
		all = append(all, l.Name)
		all = append(all, l.aliases...)
	}
	if c := suggest.Closest(fold(name), all); c != "" {
		return Lookup(c).Name
	}
	return ""
}

// Names are the names of every list, in order.
func Names() []string {
	out := make([]string, len(Lists))
	for i, l := range Lists {
		out[i] = l.Name
	}
	return out
}

// FromConfig reports whether the list is one of the catalog's vocabularies,
// which its catalog.yaml may change.
func (l *List) FromConfig() bool { return l.config != "" }

// Codes are the list's codes with their labels in lang: a catalog
// vocabulary's in cfg's order (themes by pillar), the countries by name in
// lang's collation, a fixed list in the order of its table.
func (l *List) Codes(cfg *config.Config, lang string) []Code {
	switch {
	case l.config != "":
		return vocabulary(cfg, l.config, lang)
	case l.Name == "countries":
		return countries(cfg, lang)
	}
	out := make([]Code, len(l.codes))
	for i, c := range l.codes {
		out[i] = Code{Code: c, Label: Words().Get(lang, l.words+"."+c)}
	}
	return out
}

// WordsKey is the key of the site's word that labels code in a fixed list
// ("level.good"); "" for a catalog's vocabulary or the countries.
func (l *List) WordsKey(code string) string {
	if l.words == "" {
		return ""
	}
	return l.words + "." + code
}

// FixedCodes are a fixed list's codes (nil for the others).
func (l *List) FixedCodes() []string { return slices.Clone(l.codes) }

// A Code is one code of a list with its label. A theme names its pillar; a
// country its alpha-3 code, its region in the catalog and its Spanish and
// English names. Its JSON is catalog vocab's --format json (the README's
// "catalog vocab" describes it).
type Code struct {
	Code   string `json:"code"`
	Label  string `json:"label"`
	Pillar string `json:"pillar,omitempty"`
	Alpha3 string `json:"alpha3,omitempty"`
	Region string `json:"region,omitempty"`
	ES     string `json:"es,omitempty"`
	EN     string `json:"en,omitempty"`
}

func vocabulary(cfg *config.Config, key, lang string) []Code {
	v := cfg.Vocabulary(key)
	out := make([]Code, 0, len(v.Terms))
	for _, t := range v.Terms {
		out = append(out, Code{Code: t.Slug, Label: cfg.Label(v, t.Slug, lang), Pillar: t.Pillar})
	}
	if key == "themes" {
		// By pillar, as the site's themes page shows them; a pillar
		// catalog.yaml does not list (validate says so) comes last.
		slices.SortStableFunc(out, func(a, b Code) int { return cfg.Pillars.Order(a.Pillar) - cfg.Pillars.Order(b.Pillar) })
	}
	return out
}

func countries(cfg *config.Config, lang string) []Code {
	region := map[string]string{}
	for _, r := range cfg.Regions {
		for _, c := range r.Countries {
			if _, ok := region[c]; !ok {
				region[c] = r.Slug
			}
		}
	}
	codes := country.Codes()
	out := make([]Code, len(codes))
	for i, c := range codes {
		out[i] = Code{Code: c, Label: country.Name(c, lang), Alpha3: country.Alpha3(c), Region: region[c],
			ES: country.Name(c, "es"), EN: country.Name(c, "en")}
	}
	return collation.Sort(lang, out, func(c Code) string { return c.Label })
}

// Words are the site's own words (templates/i18n, every language it
// ships), read once: they label the fixed lists.
var Words = words.Shipped
