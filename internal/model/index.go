package model

import (
	"catalog/internal/gate"

	"cmp"
	"slices"

	"catalog/internal/config"
)

// New builds a catalog from practices and its indexes. The practices are
// sorted by ID; each index is built in one pass (no quadratic step).
func New(dir string, cfg *config.Config, practices []*Practice, intro map[string][]byte) *Catalog {
	slices.SortFunc(practices, func(a, b *Practice) int { return cmp.Compare(a.ID, b.ID) })
	c := &Catalog{Dir: dir, Config: cfg, Practices: practices, Intro: intro}
	c.index()
	return c
}

func (c *Catalog) index() {
	c.byID = make(map[string]*Practice, len(c.Practices))
	c.ByCountry = map[string][]*Practice{}
	c.ByTheme = map[string][]*Practice{}
	c.ByPillar = map[string][]*Practice{}
	c.Exchanges = nil
	for _, p := range c.Practices {
		if _, dup := c.byID[p.ID]; !dup {
			c.byID[p.ID] = p
		}
		p.RelatedBy, p.AdaptedIn = nil, nil
	}
	for _, p := range c.Practices {
		for _, cc := range unique(p.Countries) {
			c.ByCountry[cc] = append(c.ByCountry[cc], p)
		}
		for _, t := range unique(p.Themes) {
			c.ByTheme[t] = append(c.ByTheme[t], p)
		}
		p.Pillars = nil
		for _, t := range p.Themes {
			if term := c.Config.Themes.Term(t); term != nil && term.Pillar != "" && !slices.Contains(p.Pillars, term.Pillar) {
				p.Pillars = append(p.Pillars, term.Pillar)
			}
		}
		slices.SortFunc(p.Pillars, func(a, b string) int {
			return cmp.Compare(c.Config.Pillars.Order(a), c.Config.Pillars.Order(b))
		})
		for _, pl := range p.Pillars {
			c.ByPillar[pl] = append(c.ByPillar[pl], p)
		}
		for _, r := range unique(p.Related) {
			if q := c.byID[r]; q != nil && q != p {
				q.RelatedBy = append(q.RelatedBy, p.ID)
			}
		}
		for _, id := range p.AdaptedFromIDs() {
			if q := c.byID[id]; q != nil && q != p && !slices.Contains(q.AdaptedIn, p.ID) {
				q.AdaptedIn = append(q.AdaptedIn, p.ID)
			}
		}
		for i, ex := range p.Exchanges() {
			for _, v := range unique(ex.Visitors) {
				c.Exchanges = append(c.Exchanges, ExchangeVisit{Year: ex.Year, Visitor: v, Hosts: p.Countries, Practice: p, Exchange: i, Kind: ex.Kind})
			}
		}
	}
	// Practices are visited in ID order, so RelatedBy and AdaptedIn lists
	// are sorted.
	slices.SortStableFunc(c.Exchanges, func(a, b ExchangeVisit) int {
		return cmp.Or(cmp.Compare(a.Year, b.Year), cmp.Compare(a.Visitor, b.Visitor), cmp.Compare(a.Practice.ID, b.Practice.ID))
	})
}

// AdaptedFromIDs returns the IDs of the practices this one adapts (as
// the source records them).
func (p *Practice) AdaptedFromIDs() []string {
	if p.Source == nil || len(p.Source.AdaptedFrom) == 0 {
		return nil
	}
	out := make([]string, 0, len(p.Source.AdaptedFrom))
	for _, a := range p.Source.AdaptedFrom {
		if a.Practice != "" && !slices.Contains(out, a.Practice) {
			out = append(out, a.Practice)
		}
	}
	return out
}

// DropAdaptedFrom leaves out of p's texts the adapted_from entries that
// name a practice hidden says to hide, each text copied: p is a copy of a
// practice that others still hold.
func (p *Practice) DropAdaptedFrom(hidden func(id string) bool) {
	if !slices.ContainsFunc(p.AdaptedFromIDs(), hidden) {
		return
	}
	// Each text holds the entries (their notes are translated).
	texts := make(map[string]*Text, len(p.Texts))
	for lang, t := range p.Texts {
		u := *t
		u.AdaptedFrom = slices.DeleteFunc(slices.Clone(t.AdaptedFrom), func(a AdaptedFrom) bool { return hidden(a.Practice) })
		texts[lang] = &u
		if t == p.Source {
			p.Source = &u
		}
	}
	p.Texts = texts
}

// Exchanges returns the practice's exchanges (as the source records them).
func (p *Practice) Exchanges() []Exchange {
	if p.Source == nil {
		return nil
	}
	return p.Source.Exchanges
}

func unique(list []string) []string {
	for i := 1; i < len(list); i++ {
		if slices.Contains(list[:i], list[i]) {
			out := slices.Clone(list[:i])
			for _, s := range list[i:] {
				if !slices.Contains(out, s) {
					out = append(out, s)
				}
			}
			return out
		}
	}
	return list
}

// Public returns the catalog as a public build shows it: restricted
// practices left out, and every link to them dropped.
func (c *Catalog) Public() *Catalog {
	var hidden map[string]bool
	for _, p := range c.Practices {
		if p.Restricted() {
			if hidden == nil {
				hidden = map[string]bool{}
			}
			hidden[p.ID] = true
		}
	}
	if hidden == nil {
		return c
	}
	out := make([]*Practice, 0, len(c.Practices)-len(hidden))
	for _, p := range c.Practices {
		if hidden[p.ID] {
			continue
		}
		q := *p
		q.Related = slices.DeleteFunc(slices.Clone(p.Related), func(id string) bool { return hidden[id] })
		q.DropAdaptedFrom(func(id string) bool { return hidden[id] })
		out = append(out, &q)
	}
	pub := &Catalog{Dir: c.Dir, Folder: c.Folder, Config: c.Config, Practices: out, Intro: c.Intro, Paths: c.Paths}
	pub.index()
	return pub
}

// Gate is the catalog's folder, opened when the catalog was made in memory.
func (c *Catalog) Gate() (*gate.Folder, error) {
	if c.Folder != nil {
		return c.Folder, nil
	}
	return gate.Open(c.Dir)
}
