package synth

import (
	"strconv"
	"strings"
)

// frontMatter writes the YAML front matter of the source file (all fields)
// or of a translation (only the translatable ones).
func (g *gen) frontMatter(source bool) {
	p, li := g.p, g.li
	g.s("---")
	g.key(0, "title")
	g.str(p.sk.title(li))
	g.key(0, "summary")
	g.str(g.summary())
	if source {
		g.codeList(0, "countries", p.codes, p.flowList)
		g.key(0, "scope")
		g.s(p.scope)
	}
	g.insts("institutions", p.insts)
	if len(p.partners) > 0 {
		g.insts("partners", p.partners)
	}
	if source {
		g.codeList(0, "themes", p.themes, !p.flowList)
		if len(p.groups) > 0 {
			g.codeList(0, "target_groups", p.groups, g.r.IntN(2) == 0)
		}
		if len(p.forms) > 0 {
			g.codeList(0, "exploitation_forms", p.forms, g.r.IntN(2) == 0)
		}
		g.period()
		g.key(0, "status")
		g.s(p.status)
		g.key(0, "level")
		g.s(p.level)
	}
	if len(p.crits) > 0 {
		g.head(0, "criteria")
		for _, c := range p.crits {
			g.head(1, c.slug)
			g.key(2, "rating")
			g.s(c.rating)
			g.key(2, "note")
			g.str(c.note[li])
		}
	}
	if source && len(p.related) > 0 {
		ids := make([]string, len(p.related))
		for i, j := range p.related {
			ids[i] = g.skels[j].id
		}
		g.codeList(0, "related", ids, false)
	}
	if len(p.exchanges) > 0 {
		g.head(0, "exchanges")
		for _, e := range p.exchanges {
			g.item(1)
			g.s("year: ")
			g.s(strconv.Itoa(e.year))
			g.codeList(2, "visitors", e.visitors, true)
			g.head(2, "institutions")
			for _, n := range e.insts {
				g.item(3)
				g.str(n[li])
			}
			g.key(2, "kind")
			g.s(e.kind)
			if e.hasNote {
				g.key(2, "note")
				g.str(e.note[li])
			}
		}
	}
	if source {
		g.head(0, "sources")
		for _, s := range p.sources {
			g.item(1)
			g.s("title: ")
			g.str(s.title)
			g.key(2, "publisher")
			g.str(s.publisher)
			if s.year != 0 {
				g.key(2, "year")
				g.s(strconv.Itoa(s.year))
			}
			if s.url != "" {
				g.key(2, "url")
				g.str(s.url)
			}
		}
		if p.contact {
			in := p.insts[p.contactIn]
			g.head(0, "contact")
			g.key(1, "institution")
			g.str(in.name[li])
			g.key(1, "role")
			g.str(p.contactRl[li])
			g.key(1, "url")
			g.str("https://" + in.domain + "/" + []string{"contacto", "contact"}[li])
		}
		switch p.vis {
		case 1:
			g.key(0, "visibility")
			g.s("public")
		case 2:
			g.key(0, "visibility")
			g.s("restricted")
		}
	}
	g.key(0, "last_reviewed")
	g.s(p.reviewed)
	g.s("\n---\n")
}

func (g *gen) period() {
	p := g.p
	if g.r.IntN(10) < 3 {
		g.s("\nperiod: {start: " + p.start)
		switch {
		case p.end != "":
			g.s(", end: " + p.end)
		case p.endStyle == 2:
			g.s(`, end: ""`)
		}
		g.s("}")
		return
	}
	g.head(0, "period")
	g.key(1, "start")
	g.s(p.start)
	switch {
	case p.end != "":
		g.key(1, "end")
		g.s(p.end)
	case p.endStyle == 1:
		g.head(1, "end") // `end:` with no value
	case p.endStyle == 2:
		g.key(1, "end")
		g.s(`""`)
	}
}

func (g *gen) insts(key string, list []inst) {
	g.head(0, key)
	for _, in := range list {
		g.item(1)
		g.s("name: ")
		g.str(in.name[g.li])
		if in.acronym != "" {
			g.key(2, "acronym")
			g.str(in.acronym)
		}
		if in.country != "" {
			g.key(2, "country")
			g.s(in.country)
		}
		g.key(2, "type")
		g.s(in.typ)
	}
}

// key starts a new line `KEY: ` at a nesting depth (two spaces a level).
func (g *gen) key(depth int, k string) {
	g.head(depth, k)
	g.buf = append(g.buf, ' ')
}

// head starts a new line `KEY:` whose value follows on the next lines.
func (g *gen) head(depth int, k string) {
	g.buf = append(g.buf, '\n')
	for range depth {
		g.buf = append(g.buf, "  "...)
	}
	g.buf = append(g.buf, k...)
	g.buf = append(g.buf, ':')
}

// item starts a new list item `- ` at a nesting depth.
func (g *gen) item(depth int) {
	g.buf = append(g.buf, '\n')
	for range depth {
		g.buf = append(g.buf, "  "...)
	}
	g.buf = append(g.buf, "- "...)
}

// codeList writes a list of codes or slugs, which never need quotes, in
// flow ([a, b]) or block style.
func (g *gen) codeList(depth int, k string, items []string, flow bool) {
	if flow {
		g.key(depth, k)
		g.s("[" + strings.Join(items, ", ") + "]")
		return
	}
	g.head(depth, k)
	for _, it := range items {
		g.item(depth + 1)
		g.s(it)
	}
}

// s appends raw text.
func (g *gen) s(s string) { g.buf = append(g.buf, s...) }

// str writes a text value, quoted when YAML would misread it plain and now
// and then quoted anyway, as people do.
func (g *gen) str(s string) {
	switch {
	case needsQuotes(s) || g.r.IntN(16) == 0:
		if !strings.Contains(s, "'") && !strings.Contains(s, `"`) && g.r.IntN(3) == 0 {
			g.buf = append(g.buf, '\'')
			g.buf = append(g.buf, s...)
			g.buf = append(g.buf, '\'')
			return
		}
		g.buf = append(g.buf, '"')
		for i := 0; i < len(s); i++ {
			if s[i] == '"' || s[i] == '\\' {
				g.buf = append(g.buf, '\\')
			}
			g.buf = append(g.buf, s[i])
		}
		g.buf = append(g.buf, '"')
	default:
		g.buf = append(g.buf, s...)
	}
}

// needsQuotes reports whether a plain YAML scalar would not read back as
// the string s, or would be read as something else by YAML 1.1 tools.
func needsQuotes(s string) bool {
	if s == "" || s != strings.TrimSpace(s) {
		return true
	}
	switch s[0] {
	case '-', '?', ':', ',', '[', ']', '{', '}', '#', '&', '*', '!', '|', '>', '\'', '"', '%', '@', '`', '~', '+', '.':
		return true
	}
	if s[0] >= '0' && s[0] <= '9' {
		return true // numbers, dates, times
	}
	if s[len(s)-1] == ':' || strings.Contains(s, ": ") || strings.Contains(s, " #") || strings.ContainsAny(s, "\t\n\r") {
		return true
	}
	switch strings.ToLower(s) {
	case "y", "n", "yes", "no", "true", "false", "on", "off", "null":
		return true
	}
	return false
}
