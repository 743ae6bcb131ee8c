package vocab

import (
	"fmt"
	"io"
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"

	"catalog/internal/config"
	"catalog/internal/diag"
)

// Messages are what catalog vocab says around the lists, per language
// (a test holds every key to every language of lang.Supported).
var Messages = map[string]map[string]string{
	"defaults": {
		"es": "no hay catalog.yaml en %s: estas son las listas por omisión",
		"en": "no catalog.yaml in %s: these are the default lists"},
	"problems": {
		"es": "%s tiene problemas (catalog validate los muestra): las listas que no se leen son las por omisión",
		"en": "%s has problems (catalog validate shows them): the lists that do not read are the defaults"},
	"unknown": {
		"es": "no hay ninguna lista %q%s; catalog vocab sin nombre las muestra todas",
		"en": "no list is called %q%s; catalog vocab with no name shows them all"},
	"did-you-mean": {
		"es": " (¿quiso decir %s?)",
		"en": " (did you mean %s?)"},
	"one-list": {
		"es": "catalog vocab NOMBRE muestra los códigos de una lista, con su nombre en %s.",
		"en": "catalog vocab NAME shows the codes of one list, with their names in %s."},
	"language": {
		"es": "español",
		"en": "English"},
	"other-countries": {
		"es": "Otros países",
		"en": "Other countries"},
	"country-columns": {
		"es": "código\talfa-3\tespañol\tinglés",
		"en": "code\talpha-3\tSpanish\tEnglish"},
}

// Say is message key in lang, formatted with args (English when lang has
// none).
func Say(lang, key string, args ...any) string {
	m := Messages[key]
	s, ok := m[lang]
	if !ok {
		s = m["en"]
	}
	return fmt.Sprintf(s, args...)
}

// WriteNames writes the names of the lists, each with what it is in lang.
func WriteNames(w io.Writer, lang string) {
	var rows [][]string
	for _, l := range Lists {
		rows = append(rows, []string{l.Name, l.About[lang]})
	}
	writeRows(w, rows, "")
	fmt.Fprintf(w, "\n%s\n", Say(lang, "one-list", Say(lang, "language")))
}

// WriteText writes codes, the list's in lang (Codes), one a line as
// "code  label" in aligned columns: the themes under their pillar's label,
// the countries under their region's in the catalog, with their alpha-3
// code and Spanish and English names.
func (l *List) WriteText(w io.Writer, cfg *config.Config, lang string, codes []Code) {
	switch l.Name {
	case "themes":
		var groups []group
		for _, c := range codes {
			if len(groups) == 0 || groups[len(groups)-1].key != c.Pillar {
				groups = append(groups, group{key: c.Pillar, heading: cfg.Label(&cfg.Pillars, c.Pillar, lang) + " (" + c.Pillar + ")"})
			}
			g := &groups[len(groups)-1]
			g.rows = append(g.rows, []string{c.Code, c.Label})
		}
		writeGroups(w, groups)
	case "countries":
		var groups []group
		at := map[string]int{}
		for _, r := range cfg.Regions {
			at[r.Slug] = len(groups)
			groups = append(groups, group{key: r.Slug, heading: r.Labels.In(lang, cfg.DefaultLanguage()) + " (" + r.Slug + ")"})
		}
		other := group{heading: Say(lang, "other-countries")}
		for _, c := range codes {
			row := []string{c.Code, c.Alpha3, c.ES, c.EN}
			if i, ok := at[c.Region]; ok {
				groups[i].rows = append(groups[i].rows, row)
			} else {
				other.rows = append(other.rows, row)
			}
		}
		groups = append(groups, other)
		header := strings.Split(Say(lang, "country-columns"), "\t")
		for i := range groups {
			if len(groups[i].rows) > 0 {
				groups[i].rows = append([][]string{header}, groups[i].rows...)
				break
			}
		}
		writeGroups(w, groups)
	default:
		rows := make([][]string, len(codes))
		for i, c := range codes {
			rows[i] = []string{c.Code, c.Label}
		}
		writeRows(w, rows, "")
	}
}

type group struct {
	key, heading string
	rows         [][]string
}

// writeGroups writes each group's heading and its rows indented, the
// columns aligned across every group.
func writeGroups(w io.Writer, groups []group) {
	var all [][]string
	for _, g := range groups {
		all = append(all, g.rows...)
	}
	widths := columnWidths(all)
	first := true
	for _, g := range groups {
		if len(g.rows) == 0 {
			continue
		}
		if !first {
			fmt.Fprintln(w)
		}
		first = false
		fmt.Fprintln(w, diag.Escape(g.heading))
		for _, r := range g.rows {
			writeRow(w, r, widths, "  ")
		}
	}
}

func writeRows(w io.Writer, rows [][]string, indent string) {
	widths := columnWidths(rows)
	for _, r := range rows {
		writeRow(w, r, widths, indent)
	}
}

func columnWidths(rows [][]string) []int {
	var widths []int
	for _, r := range rows {
		for i, cell := range r {
			if i == len(widths) {
				widths = append(widths, 0)
			}
			widths[i] = max(widths[i], width(diag.Escape(cell)))
		}
	}
	return widths
}

// writeRow writes the cells of a row two spaces apart, each padded to its
// column's width, the last one as it is.
func writeRow(w io.Writer, row []string, widths []int, indent string) {
	var b strings.Builder
	b.WriteString(indent)
	for i, cell := range row {
		cell = diag.Escape(cell)
		b.WriteString(cell)
		if i < len(row)-1 {
			b.WriteString(strings.Repeat(" ", widths[i]-width(cell)+2))
		}
	}
	fmt.Fprintln(w, b.String())
}

// width is how many columns s takes on a terminal: its characters, an
// accent written apart from its letter (decomposed) not counted.
func width(s string) int {
	n := 0
	for _, r := range norm.NFC.String(s) {
		if !unicode.In(r, unicode.Mn, unicode.Me, unicode.Cf) {
			n++
		}
	}
	return n
}
