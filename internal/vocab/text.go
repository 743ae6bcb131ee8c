package vocab

import (
	"fmt"
	"io"
	"strconv"
	"strings"
	"unicode"

	"github.com/nicksnyder/go-i18n/v2/i18n"
	"golang.org/x/text/unicode/norm"

	"catalog/internal/config"
	"catalog/internal/diag"
	"catalog/internal/lang"
)

// What catalog vocab says around the lists (their Spanish is in
// internal/lang/messages.es.yaml).
var (
	msgDefaults       = &i18n.Message{ID: "vocab.defaults", Other: "no catalog.yaml in {{.Dir}}: these are the default lists"}
	msgProblems       = &i18n.Message{ID: "vocab.problems", Other: "{{.File}} has problems (catalog validate shows them): the lists that do not read are the defaults"}
	msgUnknown        = &i18n.Message{ID: "vocab.unknown", Other: "no list is called {{.Name}}{{.Hint}}; catalog vocab with no name shows them all"}
	msgDidYouMean     = &i18n.Message{ID: "vocab.did_you_mean", Other: " (did you mean {{.Name}}?)"}
	msgOneList        = &i18n.Message{ID: "vocab.one_list", Other: "catalog vocab NAME shows the codes of one list, with their names in English."}
	msgOtherCountries = &i18n.Message{ID: "vocab.other_countries", Other: "Other countries"}
	msgCountryColumns = &i18n.Message{ID: "vocab.country_columns", Other: "code\talpha-3\tSpanish\tEnglish"}
)

// Defaults says that dir has no catalog.yaml, so the lists are the
// defaults.
func Defaults(p lang.Printer, dir string) string {
	return p.T(msgDefaults, map[string]string{"Dir": dir})
}

// Problems says that the catalog.yaml file does not read whole.
func Problems(p lang.Printer, file string) string {
	return p.T(msgProblems, map[string]string{"File": file})
}

// Unknown says that no list is called name; closest is the nearest
// name, or "".
func Unknown(p lang.Printer, name, closest string) string {
	hint := ""
	if closest != "" {
		hint = p.T(msgDidYouMean, map[string]string{"Name": closest})
	}
	return p.T(msgUnknown, map[string]string{"Name": strconv.Quote(name), "Hint": hint})
}

// WriteNames writes the names of the lists, each with what it is in lang.
func WriteNames(w io.Writer, speak string) {
	var rows [][]string
	for _, l := range Lists {
		rows = append(rows, []string{l.Name, l.About[speak]})
	}
	writeRows(w, rows, "")
	fmt.Fprintf(w, "\n%s\n", lang.For(speak).T(msgOneList, nil))
}

// WriteText writes codes, the list's in lang (Codes), one a line as
// "code  label" in aligned columns: the themes under their pillar's label,
// the countries under their region's in the catalog, with their alpha-3
// code and Spanish and English names.
func (l *List) WriteText(w io.Writer, cfg *config.Config, speak string, codes []Code) {
	switch l.Name {
	case "themes":
		var groups []group
		for _, c := range codes {
			if len(groups) == 0 || groups[len(groups)-1].key != c.Pillar {
				groups = append(groups, group{key: c.Pillar, heading: cfg.Label(&cfg.Pillars, c.Pillar, speak) + " (" + c.Pillar + ")"})
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
			groups = append(groups, group{key: r.Slug, heading: r.Labels.In(speak, cfg.DefaultLanguage()) + " (" + r.Slug + ")"})
		}
		other := group{heading: lang.For(speak).T(msgOtherCountries, nil)}
		for _, c := range codes {
			row := []string{c.Code, c.Alpha3, c.ES, c.EN}
			if i, ok := at[c.Region]; ok {
				groups[i].rows = append(groups[i].rows, row)
			} else {
				other.rows = append(other.rows, row)
			}
		}
		groups = append(groups, other)
		header := strings.Split(lang.For(speak).T(msgCountryColumns, nil), "\t")
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
