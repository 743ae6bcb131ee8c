package load

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"time"

	"golang.org/x/text/language"
	"gopkg.in/yaml.v3"

	"catalog/internal/country"
	fm "catalog/internal/frontmatter"
	"catalog/internal/model"
)

var (
	institutionFields = []string{"name", "acronym", "country", "type"}
	periodFields      = []string{"start", "end"}
	ratingFields      = []string{"rating", "note"}
	exchangeFields    = []string{"year", "visitors", "institutions", "kind", "note", "outcome", "outcome_note"}
	adaptedFromFields = []string{"practice", "year", "note"}
	adaptationFields  = []string{"requires", "cost", "note"}
	sourceFields      = []string{"title", "publisher", "year", "url", "lang"}
	contactFields     = []string{"institution", "role", "url", "email"}
)

// sheet is one file's front matter, decoded: every field the file gives,
// before a translation is merged with its source.
type sheet struct {
	// present says, for each of Fields, whether the file gives it and what
	// merge needs to know of its value. The sheet keeps no YAML node, so
	// that each file's tree is garbage as soon as it is decoded.
	present []field

	text   model.Text
	shared model.Practice
}

// field is a top-level field that a file gives (the last time, when it
// gives it twice).
type field struct {
	given bool
	// filled: the value is not null, nor an empty list or mapping, nor
	// blank text.
	filled bool
	// comment: the value is null and its line has a #-comment, which most
	// likely was meant as the value.
	comment bool
}

// decode reads a practice's front matter. It reports wrong types and
// unknown keys; the values themselves are judged by package check.
func decode(d *fm.Decoder, root *yaml.Node) *sheet {
	s := &sheet{present: make([]field, len(Fields))}
	d.Fields(root, "", fieldNames, func(key string, k, v *yaml.Node) {
		i := fieldIndex[key]
		s.present[i] = field{
			given: true,
			filled: !fm.IsNull(v) && !(v.Kind != yaml.ScalarNode && len(v.Content) == 0) &&
				!(v.Kind == yaml.ScalarNode && strings.TrimSpace(v.Value) == ""),
			comment: fm.IsNull(v) && (strings.HasPrefix(v.LineComment, "#") || strings.HasPrefix(k.LineComment, "#")),
		}
		Fields[i].decode(d, v, key, s)
	})
	return s
}

// paragraphs reports whether a scalar, as written, has a blank line inside
// its text. YAML keeps a literal block's lines ("|"), so a blank line is
// "\n\n" in its value; a folded block (">"), a plain or a quoted scalar
// joins lines with spaces, and a blank line is what leaves a "\n".
func paragraphs(v *yaml.Node) bool {
	if v.Kind != yaml.ScalarNode {
		return false
	}
	s := strings.Trim(v.Value, "\n ")
	if v.Style&yaml.LiteralStyle != 0 {
		return strings.Contains(s, "\n\n")
	}
	return strings.Contains(s, "\n")
}

// countries canonicalises the codes it knows ("cri" → "CR") and keeps the
// others as written for the check to report.
func countries(d *fm.Decoder, n *yaml.Node, path string) []string {
	codes := d.Codes(n, path)
	for i, c := range codes {
		if cc, ok := country.Canonical(c); ok {
			codes[i] = cc
		}
	}
	return codes
}

// listOfEntries calls fn for each entry of a list whose entries are mappings.
// A single value where the list should be is reported with the form of
// an entry: "write [SVET]", as for a list of codes, led to "[SVET] must
// be a mapping" next.
func listOfEntries(d *fm.Decoder, n *yaml.Node, path, example string, fn func(i int, item *yaml.Node, itemPath string)) {
	if n != nil && n.Kind == yaml.ScalarNode && !fm.IsNull(n) {
		d.Report(fm.RuleFieldType, n, "%s must be a list of entries, each on a line of its own such as %s", fm.Label(path), example)
		return
	}
	d.List(n, path, fn)
}

func institutions(d *fm.Decoder, n *yaml.Node, path string) []model.Institution {
	out := sized[model.Institution](n)
	listOfEntries(d, n, path, "- {name: …, type: government}", func(_ int, item *yaml.Node, ip string) {
		var in model.Institution
		if item.Kind == yaml.ScalarNode && !fm.IsNull(item) {
			// Read as the name, so that what is said next is what is
			// missing (its type), not that it has no name.
			d.Report(fm.RuleFieldType, item, "%s must be a mapping such as {name: %s, type: government}", fm.Label(ip), item.Value)
			in.Name = item.Value
			out = append(out, in)
			return
		}
		d.FieldsAt(item, ip, institutionFields, func(key, kp string, _, v *yaml.Node) {
			switch key {
			case "name":
				in.Name = d.String(v, kp)
			case "acronym":
				in.Acronym = d.String(v, kp)
			case "country":
				in.Country = d.Code(v, kp)
				if cc, ok := country.Canonical(in.Country); ok {
					in.Country = cc
				}
			case "type":
				in.Type = d.Code(v, kp)
			}
		})
		out = append(out, in)
	})
	return out
}

// ParseYearMonth reads "2013" or "2013-02": four digits, and maybe a
// hyphen and one or two digits.
func ParseYearMonth(s string) (model.YearMonth, bool) {
	s = strings.TrimSpace(s)
	year, month, hasMonth := strings.Cut(s, "-")
	if len(year) != 4 || !allDigits(year) || hasMonth && (len(month) < 1 || len(month) > 2 || !allDigits(month)) {
		return model.YearMonth{}, false
	}
	y, _ := strconv.Atoi(year)
	ym := model.YearMonth{Year: y}
	if hasMonth {
		ym.Month, _ = strconv.Atoi(month)
		if ym.Month < 1 || ym.Month > 12 {
			return model.YearMonth{}, false
		}
	}
	return ym, true
}

// allDigits reports ASCII digits only, as \d matches.
func allDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

func period(d *fm.Decoder, n *yaml.Node, path string) model.Period {
	var p model.Period
	if n != nil && n.Kind == yaml.ScalarNode && !fm.IsNull(n) {
		d.Report(fm.RuleFieldType, n, "`period` must be a mapping: write start: %s on the next line, indented", n.Value)
		return p
	}
	start := false
	if !d.FieldsAt(n, path, periodFields, func(key, kp string, _, v *yaml.Node) {
		s := d.Code(v, kp)
		if key == "start" && s != "" {
			start = true
		}
		if s == "" || IsPlaceholder(s) {
			return
		}
		ym, ok := ParseYearMonth(s)
		if !ok {
			if fix := yearMonthFix(s); fix != "" {
				d.Report(fm.RuleFieldType, v, "%s must be a year (2013) or a year and month (\"2013-02\"), not %q: write \"%s\"", fm.Label(kp), s, fix)
				return
			}
			d.Report(fm.RuleFieldType, v, "%s must be a year (2013) or a year and month (\"2013-02\"), not %q", fm.Label(kp), s)
			return
		}
		if key == "start" {
			p.Start = ym
		} else {
			p.End = ym
		}
	}) {
		return p
	}
	if !start {
		d.ReportAt(fm.RuleRequiredField, path, "`period` needs a start: the year (2013) or year and month (\"2013-02\") the practice began")
	}
	return p
}

func criteria(d *fm.Decoder, n *yaml.Node, path string) []model.Rating {
	out := sized[model.Rating](n)
	d.Map(n, path, func(key string, _, v *yaml.Node, kp string) {
		r := model.Rating{Criterion: key}
		if v != nil && v.Kind == yaml.ScalarNode && !fm.IsNull(v) {
			// A bare rating is a common shorthand; accept it.
			r.Rating = d.Code(v, kp)
			d.Mark(fm.Key(kp, "rating"), v)
		} else {
			d.FieldsAt(v, kp, ratingFields, func(field, fp string, _, fv *yaml.Node) {
				if field == "rating" {
					r.Rating = d.Code(fv, fp)
				} else {
					r.Note = d.String(fv, fp)
				}
			})
		}
		out = append(out, r)
	})
	if len(out) == 0 {
		return nil // keys that are not text are skipped
	}
	return out
}

func exchanges(d *fm.Decoder, n *yaml.Node, path string) []model.Exchange {
	out := sized[model.Exchange](n)
	listOfEntries(d, n, path, "- {year: 2019, visitors: [PA], kind: study-visit}", func(_ int, item *yaml.Node, ip string) {
		var ex model.Exchange
		d.FieldsAt(item, ip, exchangeFields, func(key, kp string, _, v *yaml.Node) {
			switch key {
			case "year":
				ex.Year, _ = d.Int(v, kp)
			case "visitors":
				ex.Visitors = countries(d, v, kp)
			case "institutions":
				ex.Institutions = d.Strings(v, kp)
			case "kind":
				ex.Kind = d.Code(v, kp)
			case "note":
				ex.Note = d.String(v, kp)
			case "outcome":
				ex.Outcome = d.Code(v, kp)
			case "outcome_note":
				ex.OutcomeNote = d.String(v, kp)
			}
		})
		out = append(out, ex)
	})
	return out
}

// adaptedFrom reads the practices a practice adapts: entries
// {practice, year, note}, or bare IDs.
func adaptedFrom(d *fm.Decoder, n *yaml.Node, path string) []model.AdaptedFrom {
	out := sized[model.AdaptedFrom](n)
	listOfEntries(d, n, path, "- {practice: cr-equipo-respuesta-inmediata, year: 2019}", func(_ int, item *yaml.Node, ip string) {
		var a model.AdaptedFrom
		if item.Kind == yaml.ScalarNode && !fm.IsNull(item) {
			a.Practice = d.Code(item, ip)
			out = append(out, a)
			return
		}
		d.FieldsAt(item, ip, adaptedFromFields, func(key, kp string, _, v *yaml.Node) {
			switch key {
			case "practice":
				a.Practice = d.Code(v, kp)
			case "year":
				a.Year, _ = d.Int(v, kp)
			case "note":
				a.Note = d.String(v, kp)
			}
		})
		out = append(out, a)
	})
	return out
}

// adaptation reads what adapting a practice takes: {requires, cost,
// note}.
func adaptation(d *fm.Decoder, n *yaml.Node, path string) *model.Adaptation {
	a := &model.Adaptation{}
	if !d.FieldsAt(n, path, adaptationFields, func(key, kp string, _, v *yaml.Node) {
		switch key {
		case "requires":
			a.Requires = d.Codes(v, kp)
		case "cost":
			a.Cost = d.Code(v, kp)
		case "note":
			a.Note = d.String(v, kp)
		}
	}) {
		return nil
	}
	return a
}

func sources(d *fm.Decoder, n *yaml.Node, path string) []model.Source {
	out := sized[model.Source](n)
	listOfEntries(d, n, path, "- {title: …, url: https://…}", func(_ int, item *yaml.Node, ip string) {
		var s model.Source
		if item.Kind == yaml.ScalarNode && !fm.IsNull(item) {
			d.Report(fm.RuleFieldType, item, "%s must be a mapping such as {title: ..., url: https://...}", fm.Label(ip))
			// Read as its address or title, so that what is said next
			// is what is missing.
			if strings.Contains(item.Value, "://") {
				s.URL = item.Value
			} else {
				s.Title = item.Value
			}
			out = append(out, s)
			return
		}
		d.FieldsAt(item, ip, sourceFields, func(key, kp string, _, v *yaml.Node) {
			switch key {
			case "title":
				s.Title = d.String(v, kp)
			case "publisher":
				s.Publisher = d.String(v, kp)
			case "year":
				s.Year, _ = d.Int(v, kp)
			case "url":
				s.URL = d.String(v, kp)
			case "lang":
				s.Lang = sourceLang(d, v, kp)
			}
		})
		out = append(out, s)
	})
	return out
}

// sourceLang reads a source's language: a BCP 47 tag, written as
// language.Parse writes it ("en", "pt-BR").
func sourceLang(d *fm.Decoder, v *yaml.Node, path string) string {
	s := d.String(v, path)
	if s == "" {
		return ""
	}
	tag, err := language.Parse(s)
	if err != nil || len(s) > 35 {
		d.Report(fm.RuleFieldType, v, "%s must be a language code such as en, pt or fr, not %q", fm.Label(path), s)
		return ""
	}
	return tag.String()
}

func contact(d *fm.Decoder, n *yaml.Node, path string) *model.Contact {
	c := &model.Contact{}
	if !d.FieldsAt(n, path, contactFields, func(key, kp string, _, v *yaml.Node) {
		switch key {
		case "institution":
			c.Institution = d.String(v, kp)
		case "role":
			c.Role = d.String(v, kp)
		case "url":
			c.URL = d.String(v, kp)
		case "email":
			c.Email = d.String(v, kp)
		}
	}) {
		return nil
	}
	return c
}

// date reads a YYYY-MM-DD date, quoted or not.
func date(d *fm.Decoder, n *yaml.Node, path string) time.Time {
	if fm.IsNull(n) {
		return time.Time{}
	}
	s := d.Code(n, path)
	if s == "" || IsPlaceholder(s) {
		return time.Time{}
	}
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		if fix := dateFix(s); fix != "" {
			d.Report(fm.RuleFieldType, n, "%s must be a date written YYYY-MM-DD, not %q: write %s", fm.Label(path), s, fix)
			return time.Time{}
		}
		d.Report(fm.RuleFieldType, n, "%s must be a date written YYYY-MM-DD, not %q", fm.Label(path), s)
		return time.Time{}
	}
	return t
}

// sized makes the slice for the items of n, a list or mapping, with room
// for all of them: nil when there are none, as appending would leave it.
func sized[T any](n *yaml.Node) []T {
	if n == nil {
		return nil
	}
	c := len(n.Content)
	switch n.Kind {
	case yaml.MappingNode:
		c /= 2
	case yaml.SequenceNode:
	default:
		c = 0
	}
	if c == 0 {
		return nil
	}
	return make([]T, 0, c)
}

// Dates as officers write them: day or month first, slashes, dots or
// dashes.
var (
	monthYear = regexp.MustCompile(`^(\d{1,2})[/.-](\d{4})$`)
	yearMonth = regexp.MustCompile(`^(\d{4})[/.](\d{1,2})$|^(\d{4})-(\d)$`)
	dayFirst  = regexp.MustCompile(`^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$`)
	yearFirst = regexp.MustCompile(`^(\d{4})[/.-](\d{1,2})[/.-](\d{1,2})$`)
)

// yearMonthFix returns a period's date in the form it needs ("2015-03"
// for 03/2015, 2015/3 or a whole date 2015-03-10), or "" when there is no
// one reading.
func yearMonthFix(s string) string {
	s = strings.TrimSpace(s)
	var y, m string
	if g := monthYear.FindStringSubmatch(s); g != nil {
		m, y = g[1], g[2]
	} else if g := yearMonth.FindStringSubmatch(s); g != nil {
		y, m = g[1]+g[3], g[2]+g[4]
	} else if t := dateFix(s); t != "" {
		return t[:7]
	} else {
		return ""
	}
	month, _ := strconv.Atoi(m)
	if month < 1 || month > 12 {
		return ""
	}
	return fmt.Sprintf("%s-%02d", y, month)
}

// dateFix returns a date written YYYY-MM-DD: 20/11/2026 (day first, as in
// Spanish) gives 2026-11-20, 2026/11/20 gives 2026-11-20; "" when the date
// is none. Day first is the reading of Latin America, where the officers
// are: 05/03/2026 is the 5th of March.
func dateFix(s string) string {
	s = strings.TrimSpace(s)
	var y, m, dd string
	if g := dayFirst.FindStringSubmatch(s); g != nil {
		dd, m, y = g[1], g[2], g[3]
	} else if g := yearFirst.FindStringSubmatch(s); g != nil {
		y, m, dd = g[1], g[2], g[3]
	} else {
		return ""
	}
	month, _ := strconv.Atoi(m)
	day, _ := strconv.Atoi(dd)
	year, _ := strconv.Atoi(y)
	t := time.Date(year, time.Month(month), day, 0, 0, 0, 0, time.UTC)
	if t.Day() != day || int(t.Month()) != month {
		return "" // no such date: 31/02/2026, or 11/20/2026 month first
	}
	return t.Format(time.DateOnly)
}
