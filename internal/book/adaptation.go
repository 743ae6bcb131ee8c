package book

import (
	"fmt"
	"strconv"
	"strings"

	"catalog/internal/collation"
	"catalog/internal/layout"
	"catalog/internal/model"
)

// The parts of a practice's pages that say who learned from it and what
// adapting it takes: small functions of runs and rows, so that another
// document of this package (a dossier) draws them the same way.

// pageRef is "p. N", the page a practice starts on, never broken over
// two lines.
func (b *book) pageRef(id string) string {
	return strings.ReplaceAll(fmt.Sprintf(b.word("page_short"), b.pageOf[id]), " ", "\u00a0")
}

// practiceLink is another practice's title, linked to its page.
func (b *book) practiceLink(q *model.Practice) layout.Run {
	run := layout.Run{Text: q.In(b.lang).Title}
	if _, ok := b.anchors[q.ID]; ok { // a dossier has only some practices
		run.Link = "#practice:" + q.ID
	}
	return run
}

// countryNames are the names of countries, sorted in the book's language.
func (b *book) countryNames(codes []string) []string {
	var names []string
	for _, cc := range collation.Sort(b.lang, codes, b.country) {
		names = append(names, b.country(cc))
	}
	return names
}

// outcome is the word for what came of an exchange; one left out is
// unknown.
func (b *book) outcome(e model.Exchange) string {
	if e.Outcome == "" {
		return b.word("outcome.unknown")
	}
	return b.word("outcome." + e.Outcome)
}

// exchangeRuns are one exchange of a practice: year, kind, visiting
// countries (and institutions); then, on a line of its own, what came of
// it and the note on that.
func (b *book) exchangeRuns(e model.Exchange) []layout.Run {
	var v []string
	for _, cc := range e.Visitors {
		v = append(v, b.country(cc))
	}
	s := fmt.Sprintf("%d · %s · %s", e.Year, b.word("kind."+e.Kind), strings.Join(v, ", "))
	if len(e.Institutions) > 0 {
		s += " (" + strings.Join(e.Institutions, "; ") + ")"
	}
	out := []layout.Run{{Text: s}, {Text: "\n"},
		{Text: b.word("outcome") + ": ", Style: layout.Italic}, {Text: b.outcome(e)}}
	if e.OutcomeNote != "" {
		out = append(out, layout.Run{Text: ". " + e.OutcomeNote})
	}
	return out
}

// adaptationRef names a practice that adapts another or is adapted by
// it: its title (linked), its countries, the year the adaptation began
// and the note on it.
func (b *book) adaptationRef(q *model.Practice, year int, note string) []layout.Run {
	out := []layout.Run{b.practiceLink(q)}
	if names := b.countryNames(q.Countries); len(names) > 0 {
		out = append(out, layout.Run{Text: " (" + strings.Join(names, ", ") + ")"})
	}
	if year != 0 {
		out = append(out, layout.Run{Text: ", " + fmt.Sprintf(b.word("period_since"), strconv.Itoa(year))})
	}
	if note != "" {
		out = append(out, layout.Run{Text: ". " + note})
	}
	return out
}

// adaptationRows are the rows of a practice's adaptation block: the
// practices it adapts, those that adapt it, and what adapting it takes
// (requirements, cost, note). A restricted practice is named in none.
func (b *book) adaptationRows(x *model.Practice, t *model.Text) []fact {
	var rows []fact
	add := func(key string, runs []layout.Run) {
		if len(runs) > 0 {
			rows = append(rows, fact{b.word(key), runs})
		}
	}
	lines := func(list [][]layout.Run) []layout.Run {
		var out []layout.Run
		for i, runs := range list {
			if i > 0 {
				out = append(out, layout.Run{Text: "\n"})
			}
			out = append(out, runs...)
		}
		return out
	}
	from := t.AdaptedFrom
	if len(from) == 0 && x.Source != nil {
		from = x.Source.AdaptedFrom
	}
	var refs [][]layout.Run
	for _, a := range from {
		if q := b.cat.Practice(a.Practice); q != nil && !q.Restricted() && q.ID != x.ID {
			refs = append(refs, b.adaptationRef(q, a.Year, a.Note))
		}
	}
	add("adapted_from", lines(refs))
	refs = nil
	for _, id := range x.AdaptedIn {
		q := b.cat.Practice(id)
		if q == nil || q.Restricted() || q.ID == x.ID {
			continue
		}
		// The year and note are the adapting practice's, in this language.
		var year int
		var note string
		for _, a := range q.In(b.lang).AdaptedFrom {
			if a.Practice == x.ID {
				year, note = a.Year, a.Note
				break
			}
		}
		refs = append(refs, b.adaptationRef(q, year, note))
	}
	add("adapted_in", lines(refs))
	a := t.Adaptation
	if a == nil && x.Source != nil {
		a = x.Source.Adaptation
	}
	if a != nil {
		var req [][]layout.Run
		for _, code := range a.Requires {
			req = append(req, plain("• "+b.label(&b.cfg.Requirements, code)))
		}
		add("adaptation_requires", lines(req))
		if a.Cost != "" {
			add("adaptation_cost", plain(b.word("cost."+a.Cost)))
		}
		if a.Note != "" {
			add("note", plain(a.Note))
		}
	}
	return rows
}

// adaptation draws a practice's adaptation block, its heading and rows,
// when it has something to say, and reports whether it did.
func (b *book) adaptation(x *model.Practice, t *model.Text) bool {
	rows := b.adaptationRows(x, t)
	if len(rows) == 0 {
		return false
	}
	// The heading stays with the first row.
	b.need(lineHeight(12) + 1 + 2*lineHeight(9))
	b.tag("H3", func() { b.text(plain(b.word("adaptation")), marginL, textW, 12, layout.Bold, brand) })
	b.y += 1
	b.factRows(rows)
	return true
}
