package synth

import (
	"strconv"
	"strings"
)

// summary is one paragraph of about 400–550 bytes, as in the sample, and
// never more than 600 (so at most 600 characters).
func (g *gen) summary() string {
	r, li, p := g.r, g.li, g.p
	obj := objects[r.IntN(len(objects))][li]
	comp := complements[r.IntN(len(complements))][li]
	var s string
	if li == 0 {
		s = "Práctica " + scopeES[p.scope] + " que busca fortalecer " + obj + " " + comp + "."
	} else {
		s = "A " + p.scope + " practice that seeks to strengthen " + obj + " " + comp + "."
	}
	want := 340 + r.IntN(141)
	for len(s) < want {
		mark := len(g.tmp)
		g.tmp = g.plainSentence(g.tmp[:mark])
		next := string(g.tmp[mark:])
		g.tmp = g.tmp[:mark]
		if len(s)+1+len(next) > 600 {
			break
		}
		s += " " + next
	}
	return s
}

var scopeES = map[string]string{
	"local": "de alcance local", "subnational": "de alcance subnacional", "national": "de alcance nacional",
	"binational": "binacional", "regional": "regional",
}

// body writes the Markdown body: the three required sections with
// paragraphs, lists, maybe a table, a quote, links and a footnote, exactly
// the drawn number of words long (whitespace-separated fields).
func (g *gen) body(lang string) {
	r, li, p := g.r, g.li, g.p
	o := g.opt
	target := o.MinWords + r.IntN(o.MaxWords-o.MinWords+1)
	g.s("\n")

	var footnote string
	if target >= 200 && r.IntN(5) == 0 {
		in := p.insts[0]
		year := strconv.Itoa(p.startYear + r.IntN(lastYear-p.startYear+1))
		if li == 0 {
			footnote = "[^1]: Datos del informe de seguimiento publicado por " + in.name[0] + " en " + year + "."
		} else {
			footnote = "[^1]: Data from the monitoring report published by " + in.name[1] + " in " + year + "."
		}
	}
	budget := target - countFields([]byte(footnote))
	b1 := budget * 40 / 100
	b2 := budget * 35 / 100
	b3 := budget - b1 - b2

	// Sentences that must appear: links to related practices and to an
	// institution's site, a code span, a footnote reference.
	var specials [3][]string
	if p.linked > 0 {
		specials[0] = append(specials[0], g.relatedSentence(lang))
	}
	in := p.insts[r.IntN(len(p.insts))]
	label := in.acronym
	if label == "" {
		label = in.name[li]
	}
	url := "https://" + in.domain + "/" + urlPaths[r.IntN(len(urlPaths))] + "/" + slugify(kinds[p.sk.kind].name[0])
	switch {
	case r.IntN(2) == 0:
	case li == 0:
		specials[0] = append(specials[0], "La documentación de la práctica está disponible en el [sitio web de "+label+"]("+url+").")
	default:
		specials[0] = append(specials[0], "Documentation of the practice is available on the [website of "+label+"]("+url+").")
	}
	if r.IntN(2) == 0 {
		cs := codeSentences[r.IntN(len(codeSentences))][li]
		k := 1 + r.IntN(2)
		specials[k] = append(specials[k], strings.Replace(cs, "%s", codeNames[r.IntN(len(codeNames))], 1))
	}

	table := r.IntN(8) == 0
	for s, b := range [3]int{b1, b2, b3} {
		g.section(s, b, specials[s], table, footnote != "" && s == 1)
	}
	if footnote != "" {
		g.s(footnote)
		g.s("\n\n")
	}
	// One newline at the end.
	for len(g.buf) > 0 && g.buf[len(g.buf)-1] == '\n' {
		g.buf = g.buf[:len(g.buf)-1]
	}
	g.s("\n")
}

func (g *gen) relatedSentence(lang string) string {
	p, li := g.p, g.li
	var b strings.Builder
	if li == 0 {
		b.WriteString("Esta práctica se complementa con ")
	} else {
		b.WriteString("This practice is complemented by ")
	}
	linked := p.related[:p.linked]
	for i, j := range linked {
		switch {
		case i == 0:
		case i == len(linked)-1 && li == 0:
			b.WriteString(" y ")
		case i == len(linked)-1:
			b.WriteString(" and ")
		default:
			b.WriteString(", ")
		}
		sk := &g.skels[j]
		b.WriteString("[" + sk.title(li) + "](" + sk.id + "." + lang + ".md)")
	}
	b.WriteString(".")
	return b.String()
}

// section writes one required section of exactly budget words.
func (g *gen) section(s, budget int, specials []string, table, footnoteRef bool) {
	r, li := g.r, g.li
	mark := len(g.buf)
	g.s("## " + sectionHeadings[s][li] + "\n\n")
	rem := budget - countFields(g.buf[mark:])
	if rem <= 0 {
		return
	}

	// The first paragraph carries the special sentences.
	need := 0
	for _, sp := range specials {
		need += countFields([]byte(sp))
	}
	n := 40 + r.IntN(60)
	if need > 0 {
		n = max(n, need+30)
	}
	if s == 1 && table && rem-n < 85 {
		n = max(need, min(n, rem-85), 20) // room for the table after it
	}
	if n > rem || rem-n < 20 {
		n = rem
	}
	g.paragraph(n, s, specials)
	if footnoteRef {
		g.buf = g.buf[:len(g.buf)-2] // before the blank line
		g.s("[^1]\n\n")
	}
	rem -= n

	forced := -1
	switch {
	case s == 0:
		forced = blockBullets
	case s == 1 && table:
		forced = blockTable
	case s == 1:
		forced = blockSteps
	}
	prev := blockParagraph
	for rem > 0 {
		if rem <= 50 {
			g.paragraph(rem, s, nil)
			return
		}
		kind := forced
		forced = -1
		if kind < 0 {
			kind = blockParagraph
			if prev == blockParagraph { // a block between two paragraphs
				switch x := r.IntN(100); {
				case x < 12:
					kind = blockBullets
				case x < 20:
					kind = blockSteps
				case x < 28:
					kind = blockHeading
				case x < 32:
					kind = blockQuote
				}
			}
		}
		if kind == blockParagraph {
			n := 40 + r.IntN(80)
			if rem-n < 20 {
				n = rem
			}
			g.paragraph(n, s, nil)
			rem -= n
			prev = kind
			continue
		}
		mark := len(g.buf)
		switch kind {
		case blockBullets:
			g.bullets()
		case blockSteps:
			g.steps()
		case blockTable:
			g.table()
		case blockHeading:
			sh := subheadings[s]
			g.s("### " + sh[r.IntN(len(sh))][li] + "\n\n")
		case blockQuote:
			g.quote()
		}
		w := countFields(g.buf[mark:])
		if w > rem-20 {
			g.buf = g.buf[:mark]
			prev = blockHeading // forces a paragraph
			continue
		}
		rem -= w
		prev = kind
	}
}

const (
	blockParagraph = iota
	blockBullets
	blockSteps
	blockTable
	blockHeading
	blockQuote
)

// paragraph writes a paragraph of exactly n words, with the special
// sentences in it when they fit. Whole sentences make up the length: near
// the end it draws sentences until one has exactly the words left, taking
// back the sentence before when none does; only a paragraph too short for
// any sentence is cut mid-sentence.
func (g *gen) paragraph(n, sec int, specials []string) {
	r := g.r
	rem := n
	start := len(g.buf)
	var ordinary [][2]int // start offset and words of each ordinary sentence
	takebacks := 0
	for rem > 0 {
		sep := 0
		if len(g.buf) > start {
			g.buf = append(g.buf, ' ')
			sep = 1
		}
		if len(specials) > 0 && (len(g.buf) > start || r.IntN(2) == 0) {
			sp := specials[0]
			specials = specials[1:]
			if w := countFields([]byte(sp)); w <= rem {
				g.s(sp)
				rem -= w
				ordinary = ordinary[:0] // never taken back
			} else {
				g.buf = g.buf[:len(g.buf)-sep]
			}
			continue
		}
		mark := len(g.buf)
		found := false
		for range 64 {
			g.sentence(sec)
			w := countFields(g.buf[mark:])
			if w <= rem-minSentence || w == rem {
				ordinary = append(ordinary, [2]int{mark - sep, w})
				rem -= w
				found = true
				break
			}
			g.buf = g.buf[:mark]
		}
		if found {
			continue
		}
		g.buf = g.buf[:mark-sep]
		if rem < minSentence || len(ordinary) == 0 || takebacks == 16 {
			if sep == 1 {
				g.buf = append(g.buf, ' ')
			}
			g.filler(rem)
			break
		}
		// Take back the last ordinary sentence and try again with more room.
		last := ordinary[len(ordinary)-1]
		ordinary = ordinary[:len(ordinary)-1]
		g.buf = g.buf[:last[0]]
		rem += last[1]
		takebacks++
	}
	g.s("\n\n")
}

// minSentence is the fewest words a paragraph keeps for its last sentence.
const minSentence = 8

// filler writes exactly n words of plain prose ending with a full stop.
func (g *gen) filler(n int) {
	g.tmp = g.tmp[:0]
	for countFields(g.tmp) < n {
		if len(g.tmp) > 0 {
			g.tmp = append(g.tmp, ' ')
		}
		g.tmp = g.plainSentence(g.tmp)
	}
	// Cut after the n-th field.
	end, seen := 0, 0
	in := false
	for i, c := range g.tmp {
		sp := c == ' ' || c == '\n'
		if !sp && !in {
			seen++
		}
		if sp && in && seen == n {
			end = i
			break
		}
		in = !sp
		end = i + 1
	}
	cut := g.tmp[:end]
	for len(cut) > 0 && strings.IndexByte(",;:", cut[len(cut)-1]) >= 0 {
		cut = cut[:len(cut)-1]
	}
	g.buf = append(g.buf, cut...)
	if len(cut) == 0 || cut[len(cut)-1] != '.' {
		g.buf = append(g.buf, '.')
	}
}

// sentence writes one sentence of prose with now and then some emphasis.
func (g *gen) sentence(sec int) {
	r := g.r
	if sec == 2 && r.IntN(4) == 0 {
		g.s(lessons[r.IntN(len(lessons))][g.li])
		return
	}
	if sec == 1 && r.IntN(4) == 0 {
		g.buf = g.numberSentence(g.buf)
		return
	}
	g.buf = g.clause(g.buf, true)
}

// plainSentence appends a sentence without Markdown.
func (g *gen) plainSentence(b []byte) []byte {
	if g.r.IntN(5) == 0 {
		return g.numberSentence(b)
	}
	return g.clause(b, false)
}

func (g *gen) clause(b []byte, markup bool) []byte {
	r, li := g.r, g.li
	var subj, verb string
	plural := r.IntN(3) == 0
	v := verbs[r.IntN(len(verbs))]
	if plural {
		subj = subjectsPlur[r.IntN(len(subjectsPlur))][li]
		verb = v[1]
	} else {
		subj = subjectsSing[r.IntN(len(subjectsSing))][li]
		verb = v[0]
	}
	if li != 0 {
		verb = v[2]
	}
	if r.IntN(3) == 0 {
		b = append(b, connectors[r.IntN(len(connectors))][li]...)
		b = append(b, ' ')
		b = append(b, subj...)
	} else {
		b = append(b, upperFirst(subj)...)
	}
	b = append(b, ' ')
	b = append(b, verb...)
	b = append(b, ' ')
	obj := objects[r.IntN(len(objects))][li]
	switch x := r.IntN(100); {
	case markup && x < 8:
		b = append(b, '*')
		b = append(b, obj...)
		b = append(b, '*')
	case markup && x < 13:
		b = append(b, "**"...)
		b = append(b, obj...)
		b = append(b, "**"...)
	default:
		b = append(b, obj...)
	}
	if r.IntN(4) != 0 {
		b = append(b, ' ')
		b = append(b, complements[r.IntN(len(complements))][li]...)
	}
	if r.IntN(4) == 0 {
		b = append(b, ", "...)
		b = append(b, consequences[r.IntN(len(consequences))][li]...)
	}
	return append(b, '.')
}

func (g *gen) numberSentence(b []byte) []byte {
	r, li, p := g.r, g.li, g.p
	y1 := p.startYear + r.IntN(lastYear-p.startYear)
	y2 := y1 + 1 + r.IntN(lastYear-y1)
	a := 20 + r.IntN(900)
	c := 3 + r.IntN(40)
	pct := 40 + r.IntN(56)
	switch x := r.IntN(4); {
	case x == 0 && li == 0:
		return append(b, "Entre "+itoa(y1)+" y "+itoa(y2)+" se capacitaron "+itoa(a)+" funcionarias y funcionarios de "+itoa(c)+" instituciones."...)
	case x == 0:
		return append(b, "Between "+itoa(y1)+" and "+itoa(y2)+", "+itoa(a)+" officials from "+itoa(c)+" institutions were trained."...)
	case x == 1 && li == 0:
		return append(b, "En "+itoa(y2)+" se atendieron "+itoa(a)+" personas sobrevivientes de trata, de las cuales el "+itoa(pct)+" % recibió atención psicosocial."...)
	case x == 1:
		return append(b, "In "+itoa(y2)+", "+itoa(a)+" trafficking survivors received assistance, "+itoa(pct)+"% of whom received psychosocial care."...)
	case x == 2 && li == 0:
		return append(b, "El tiempo promedio de respuesta se redujo de "+itoa(c+30)+" a "+itoa(c/3+2)+" horas."...)
	case x == 2:
		return append(b, "The average response time fell from "+itoa(c+30)+" to "+itoa(c/3+2)+" hours."...)
	case li == 0:
		return append(b, "Participaron "+itoa(c)+" organizaciones de la sociedad civil y "+itoa(c/2+1)+" gobiernos locales."...)
	default:
		return append(b, "A total of "+itoa(c)+" civil society organisations and "+itoa(c/2+1)+" local governments took part."...)
	}
}

func itoa(n int) string { return strconv.Itoa(n) }

func (g *gen) bullets() {
	r, li := g.r, g.li
	g.s(listIntros[r.IntN(len(listIntros))][li] + "\n\n")
	for _, o := range pickDistinct(r, len(objects), 3+r.IntN(4)) {
		item := upperFirst(objects[o][li])
		g.s("- ")
		if r.IntN(4) == 0 {
			g.s("**" + item + "**")
		} else {
			g.s(item)
		}
		if r.IntN(2) == 0 {
			g.s(" " + complements[r.IntN(len(complements))][li])
		}
		g.s(".\n")
		if r.IntN(5) == 0 {
			for _, c := range pickDistinct(r, len(complements), 2+r.IntN(2)) {
				g.s("  - " + upperFirst(complements[c][li]) + ".\n")
			}
		}
	}
	g.s("\n")
}

func (g *gen) steps() {
	r, li := g.r, g.li
	g.s(stepIntros[r.IntN(len(stepIntros))][li] + "\n\n")
	n := 3 + r.IntN(len(steps)-2)
	first := r.IntN(len(steps) - n + 1)
	for i := range n {
		g.s(itoa(i+1) + ". " + steps[first+i][li] + "\n")
		if r.IntN(5) == 0 {
			for _, c := range pickDistinct(r, len(complements), 2) {
				g.s("   - " + upperFirst(complements[c][li]) + ".\n")
			}
		}
	}
	g.s("\n")
}

func (g *gen) table() {
	r, li, p := g.r, g.li, g.p
	g.s(tableIntros[r.IntN(len(tableIntros))][li] + "\n\n")
	rows := 3 + r.IntN(3)
	if r.IntN(2) == 0 {
		if li == 0 {
			g.s("| Año | Personas atendidas | Personas capacitadas |\n")
		} else {
			g.s("| Year | People assisted | People trained |\n")
		}
		g.s("| --- | ---: | ---: |\n")
		y := min(p.startYear+r.IntN(3), lastYear-rows+1)
		for i := range rows {
			g.s("| " + itoa(y+i) + " | " + itoa(10+r.IntN(600)) + " | " + itoa(5+r.IntN(300)) + " |\n")
		}
	} else {
		if li == 0 {
			g.s("| Indicador | Línea de base | Resultado |\n")
		} else {
			g.s("| Indicator | Baseline | Result |\n")
		}
		g.s("| :-- | ---: | ---: |\n")
		for _, k := range pickDistinct(r, len(indicators), rows) {
			base := 2 + r.IntN(80)
			g.s("| " + indicators[k][li] + " | " + itoa(base) + " | " + itoa(base+r.IntN(200)) + " |\n")
		}
	}
	g.s("\n")
}

func (g *gen) quote() {
	r, li := g.r, g.li
	q := quotes[r.IntN(len(quotes))][li]
	who := quoteSpeakers[r.IntN(len(quoteSpeakers))][li]
	if li == 0 {
		g.s("> «" + strings.TrimSuffix(q, ".") + "», señaló " + who + ".\n\n")
	} else {
		g.s("> \"" + strings.TrimSuffix(q, ".") + ",\" said " + who + ".\n\n")
	}
}

// countFields counts whitespace-separated fields as strings.Fields does for
// the ASCII text separators the generator writes.
func countFields(b []byte) int {
	n := 0
	in := false
	for _, c := range b {
		sp := c == ' ' || c == '\n' || c == '\t' || c == '\r'
		if !sp && !in {
			n++
		}
		in = !sp
	}
	return n
}
