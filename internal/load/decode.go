package load

import (
	"regexp"
	"strconv"
	"strings"
	"time"

	"gopkg.in/yaml.v3"

	"catalog/internal/country"
	fm "catalog/internal/frontmatter"
	"catalog/internal/model"
)

// Fields lists the front matter keys of a practice, in the order the
// skeleton and the README give them.
var Fields = []string{"title", "summary", "countries", "scope", "institutions", "partners", "themes",
	"target_groups", "exploitation_forms", "period", "status", "level", "criteria", "related",
	"exchanges", "sources", "contact", "visibility", "last_reviewed"}

// Translatable lists the fields a translation may give in its own
// language; it inherits every other field from the source.
var Translatable = []string{"title", "summary", "institutions", "partners", "criteria", "exchanges", "contact", "last_reviewed"}

// required lists the fields a source must give; a translation must give
// its own title and summary.
var required = []string{"title", "summary", "countries", "scope", "institutions", "themes", "period", "status", "level", "sources", "last_reviewed"}

var (
	institutionFields = []string{"name", "acronym", "country", "type"}
	periodFields      = []string{"start", "end"}
	ratingFields      = []string{"rating", "note"}
	exchangeFields    = []string{"year", "visitors", "institutions", "kind", "note"}
	sourceFields      = []string{"title", "publisher", "year", "url"}
	contactFields     = []string{"institution", "role", "url", "email"}
)

// sheet is one file's front matter, decoded: every field the file gives,
// before a translation is merged with its source.
type sheet struct {
	present map[string]*yaml.Node // top-level key → value node
	keys    map[string]*yaml.Node // top-level key → key node

	text   model.Text
	shared model.Practice
}

// decode reads a practice's front matter. It reports wrong types and
// unknown keys; the values themselves are judged by package check.
func decode(d *fm.Decoder, root *yaml.Node) *sheet {
	s := &sheet{present: map[string]*yaml.Node{}, keys: map[string]*yaml.Node{}}
	t, p := &s.text, &s.shared
	d.Fields(root, "", Fields, func(key string, k, v *yaml.Node) {
		s.present[key] = v
		s.keys[key] = k
		switch key {
		case "title":
			t.Title = d.String(v, key)
		case "summary":
			t.Summary = d.String(v, key)
		case "countries":
			p.Countries = countries(d, v, key)
		case "scope":
			p.Scope = d.Code(v, key)
		case "institutions":
			t.Institutions = institutions(d, v, key)
		case "partners":
			t.Partners = institutions(d, v, key)
		case "themes":
			p.Themes = d.Codes(v, key)
		case "target_groups":
			p.TargetGroups = d.Codes(v, key)
		case "exploitation_forms":
			p.ExploitationForms = d.Codes(v, key)
		case "period":
			p.Period = period(d, v, key)
		case "status":
			p.Status = d.Code(v, key)
		case "level":
			p.Level = d.Code(v, key)
		case "criteria":
			t.Criteria = criteria(d, v, key)
		case "related":
			p.Related = d.Codes(v, key)
		case "exchanges":
			t.Exchanges = exchanges(d, v, key)
		case "sources":
			p.Sources = sources(d, v, key)
		case "contact":
			t.Contact = contact(d, v, key)
		case "visibility":
			p.Visibility = d.Code(v, key)
		case "last_reviewed":
			t.LastReviewed = date(d, v, key)
		}
	})
	return s
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

func institutions(d *fm.Decoder, n *yaml.Node, path string) []model.Institution {
	var out []model.Institution
	d.List(n, path, func(_ int, item *yaml.Node, ip string) {
		var in model.Institution
		if item.Kind == yaml.ScalarNode && !fm.IsNull(item) {
			d.Report(fm.RuleFieldType, item, "%s must be a mapping such as {name: %s, type: government}", fm.Label(ip), item.Value)
		}
		d.Fields(item, ip, institutionFields, func(key string, _, v *yaml.Node) {
			kp := fm.Key(ip, key)
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

var yearMonth = regexp.MustCompile(`^(\d{4})(?:-(\d{1,2}))?$`)

// ParseYearMonth reads "2013" or "2013-02".
func ParseYearMonth(s string) (model.YearMonth, bool) {
	m := yearMonth.FindStringSubmatch(strings.TrimSpace(s))
	if m == nil {
		return model.YearMonth{}, false
	}
	y, _ := strconv.Atoi(m[1])
	ym := model.YearMonth{Year: y}
	if m[2] != "" {
		ym.Month, _ = strconv.Atoi(m[2])
		if ym.Month < 1 || ym.Month > 12 {
			return model.YearMonth{}, false
		}
	}
	return ym, true
}

func period(d *fm.Decoder, n *yaml.Node, path string) model.Period {
	var p model.Period
	if n != nil && n.Kind == yaml.ScalarNode && !fm.IsNull(n) {
		d.Report(fm.RuleFieldType, n, "`period` must be a mapping: write start: %s on the next line, indented", n.Value)
		return p
	}
	start := false
	if !d.Fields(n, path, periodFields, func(key string, _, v *yaml.Node) {
		kp := fm.Key(path, key)
		s := d.Code(v, kp)
		if key == "start" && s != "" {
			start = true
		}
		if s == "" || IsPlaceholder(s) {
			return
		}
		ym, ok := ParseYearMonth(s)
		if !ok {
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
	var out []model.Rating
	d.Map(n, path, func(key string, _, v *yaml.Node, kp string) {
		r := model.Rating{Criterion: key}
		if v != nil && v.Kind == yaml.ScalarNode && !fm.IsNull(v) {
			// A bare rating is a common shorthand; accept it.
			r.Rating = d.Code(v, kp)
			d.Mark(fm.Key(kp, "rating"), v)
		} else {
			d.Fields(v, kp, ratingFields, func(field string, _, fv *yaml.Node) {
				if field == "rating" {
					r.Rating = d.Code(fv, fm.Key(kp, field))
				} else {
					r.Note = d.String(fv, fm.Key(kp, field))
				}
			})
		}
		out = append(out, r)
	})
	return out
}

func exchanges(d *fm.Decoder, n *yaml.Node, path string) []model.Exchange {
	var out []model.Exchange
	d.List(n, path, func(_ int, item *yaml.Node, ip string) {
		var ex model.Exchange
		d.Fields(item, ip, exchangeFields, func(key string, _, v *yaml.Node) {
			kp := fm.Key(ip, key)
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
			}
		})
		out = append(out, ex)
	})
	return out
}

func sources(d *fm.Decoder, n *yaml.Node, path string) []model.Source {
	var out []model.Source
	d.List(n, path, func(_ int, item *yaml.Node, ip string) {
		var s model.Source
		if item.Kind == yaml.ScalarNode && !fm.IsNull(item) {
			d.Report(fm.RuleFieldType, item, "%s must be a mapping such as {title: ..., url: https://...}", fm.Label(ip))
		}
		d.Fields(item, ip, sourceFields, func(key string, _, v *yaml.Node) {
			kp := fm.Key(ip, key)
			switch key {
			case "title":
				s.Title = d.String(v, kp)
			case "publisher":
				s.Publisher = d.String(v, kp)
			case "year":
				s.Year, _ = d.Int(v, kp)
			case "url":
				s.URL = d.String(v, kp)
			}
		})
		out = append(out, s)
	})
	return out
}

func contact(d *fm.Decoder, n *yaml.Node, path string) *model.Contact {
	c := &model.Contact{}
	if !d.Fields(n, path, contactFields, func(key string, _, v *yaml.Node) {
		kp := fm.Key(path, key)
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
		d.Report(fm.RuleFieldType, n, "%s must be a date written YYYY-MM-DD, not %q", fm.Label(path), s)
		return time.Time{}
	}
	return t
}
