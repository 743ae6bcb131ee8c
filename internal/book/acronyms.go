package book

import (
	"strings"

	"catalog/internal/collation"
	"catalog/internal/layout"
	"catalog/internal/model"
	"catalog/internal/pdfdraw"
)

// acronym is one entry of the list of acronyms: an acronym and the names
// it stands for (more than one when institutions share it), sorted.
type acronym struct {
	acronym string
	names   []string
}

// acronyms gathers the acronyms of cat's public practices' institutions
// and partners, as the text in lang has them, one entry per acronym,
// sorted by the language's collation.
func acronyms(cat *model.Catalog, lang string) []acronym {
	names := map[string]map[string]bool{}
	for _, x := range cat.Practices {
		if x.Restricted() {
			continue
		}
		t := x.In(lang)
		for _, list := range [][]model.Institution{t.Institutions, t.Partners} {
			for _, in := range list {
				a := strings.TrimSpace(in.Acronym)
				if a == "" {
					continue
				}
				if names[a] == nil {
					names[a] = map[string]bool{}
				}
				if n := strings.TrimSpace(in.Name); n != "" && n != a {
					names[a][n] = true
				}
			}
		}
	}
	id := func(s string) string { return s }
	var out []acronym
	for _, a := range collation.Sort(lang, sortedKeys(names), id) {
		out = append(out, acronym{a, collation.Sort(lang, sortedKeys(names[a]), id)})
	}
	return out
}

// acronymList draws the list of acronyms on pages of its own: the
// acronym in bold on the left, its names on the right.
func (b *book) acronymList(list []acronym) {
	if len(list) == 0 {
		return
	}
	b.section(b.word("acronyms"), 0)
	const size = 9.5
	// The acronym column is as wide as the widest acronym, within reason.
	col := 0.0
	for _, a := range list {
		col = max(col, b.measure(a.acronym, layout.Bold, size))
	}
	col = min(col, textW/3) + 6
	lh := lineHeight(size)
	// A table: the acronym a row's header, its names the cell.
	b.d.Begin(pdfdraw.Tag{Role: "Table"})
	defer b.d.End()
	for _, a := range list {
		name := strings.Join(a.names, "; ")
		runs := []layout.Run{{Text: name}}
		lines := layout.Break(runs, textW-col, size, b.measure)
		alines := layout.Break([]layout.Run{{Text: a.acronym, Style: layout.Bold}}, col-4, size, b.measure)
		n := max(len(lines), len(alines), 1)
		b.need(float64(n) * lh)
		y := b.y
		b.tag("TR", func() {
			b.d.Tag(pdfdraw.Tag{Role: "TH", Scope: "Row"}, func() {
				for i, ln := range alines {
					b.line(ln, marginL, y+float64(i)*lh, size, ink)
				}
			})
			b.tag("TD", func() {
				for i, ln := range lines {
					b.line(ln, marginL+col, y+float64(i)*lh, size, ink)
				}
			})
		})
		b.y = y + float64(n)*lh + 0.6
	}
}
