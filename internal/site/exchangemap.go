package site

import (
	"cmp"
	"math"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"catalog/internal/country"
	"catalog/internal/model"
)

// exchangeMap is the picture of exchanges the "exchange-map" partial draws
// as an inline SVG: the countries as dots at their capitals (an
// equirectangular projection of the box around them, no outlines), and an
// arrow from each visiting country to each host country, its title telling
// the visits it stands for. Coordinates are in the units of the viewBox,
// formatted with one decimal, so the same catalog gives the same bytes.
type exchangeMap struct {
	Width, Height int
	Title, Desc   string
	Codes         bool // the labels are codes, for want of room for names
	Countries     []mapCountry
	Arrows        []mapArrow
}

// mapCountry is a country's dot and label; Anchor and Baseline are the
// label's text-anchor and dominant-baseline, which keep a label beside its
// dot at any font size the style sheet sets up to mapFont; Leader is a
// line from the dot to a label set further away.
type mapCountry struct {
	Code, Name, Label string
	X, Y, LX, LY      string
	Anchor, Baseline  string
	Leader            string
	Focus             bool // the country whose page it is
}

// mapArrow is one visiting country → host country arrow.
type mapArrow struct {
	From, To string
	D        string // the path: a quadratic curve
	Stroke   string // its width: wider for more visits
	Title    string // one line a visit
}

// The picture's measures, in viewBox units: a fixed width that a phone
// shows at about 335 px, where 16 units of type read at 13 px. The labels
// are placed for that size; style.css makes them smaller on a wide
// screen, where the picture is larger.
const (
	mapWidth     = 400
	mapPad       = 14  // blank edge
	mapFont      = 16  // the labels' largest font size (style.css)
	mapDot       = 5   // a dot's radius
	mapSpread    = 36  // how far apart spread sets dots
	mapLines     = 10  // the visits an arrow's title names; it counts the rest
	mapMinSpan   = 10  // degrees: two neighbours do not fill the picture
	mapMinAspect = 0.5 // height / width
	mapMaxAspect = 1.3
)

type point struct{ x, y float64 }

// exchangeMap makes the picture of visits in the page's language, nil
// when none of them joins two countries the table of capitals places.
// With a focus country (a country's page), it draws only the arrows from
// or to that country, and marks its dot.
func (p *page) exchangeMap(visits []model.ExchangeVisit, focus string) *exchangeMap {
	type pair struct{ from, to string }
	type line struct {
		year         int
		id, title    string
		institutions []string
	}
	type lineKey struct {
		pair
		year int
		id   string
	}
	var pairs []pair
	lines := map[pair][]line{}
	lineAt := map[lineKey]int{}
	places := map[string]point{}
	drawn, minYear, maxYear := 0, 0, 0
	for _, ev := range visits {
		vlat, vlon, ok := country.Capital(ev.Visitor)
		if !ok {
			continue
		}
		ex := p.Exchange(ev)
		shown := false
		for i, host := range ev.Hosts {
			hlat, hlon, ok := country.Capital(host)
			if !ok || host == ev.Visitor || slices.Contains(ev.Hosts[:i], host) || focus != "" && ev.Visitor != focus && host != focus {
				continue
			}
			shown = true
			places[ev.Visitor] = point{vlon, -vlat}
			places[host] = point{hlon, -hlat}
			k := pair{ev.Visitor, host}
			if _, ok := lines[k]; !ok {
				pairs = append(pairs, k)
			}
			lk := lineKey{k, ev.Year, ev.Practice.ID}
			j, ok := lineAt[lk]
			if !ok {
				j = len(lines[k])
				lineAt[lk] = j
				lines[k] = append(lines[k], line{year: ev.Year, id: ev.Practice.ID, title: ev.Practice.In(p.Lang).Title})
			}
			for _, name := range ex.Institutions {
				if !slices.Contains(lines[k][j].institutions, name) {
					lines[k][j].institutions = append(lines[k][j].institutions, name)
				}
			}
		}
		if shown {
			drawn++
			if minYear == 0 || ev.Year < minYear {
				minYear = ev.Year
			}
			maxYear = max(maxYear, ev.Year)
		}
	}
	if drawn == 0 {
		return nil
	}
	slices.SortFunc(pairs, func(a, b pair) int {
		return strings.Compare(a.from+a.to, b.from+b.to)
	})
	codes := make([]string, 0, len(places))
	for cc := range places {
		codes = append(codes, cc)
	}
	slices.Sort(codes)

	m := &exchangeMap{Title: p.T("map_title")}
	years := strconv.Itoa(minYear)
	if maxYear != minYear {
		years += "–" + strconv.Itoa(maxYear)
	}
	m.Desc = p.N("map_desc", drawn, len(codes), years)
	at := project(places, codes, &m.Width, &m.Height)
	spread(at, codes, float64(m.Width), float64(m.Height))

	var curves [][3]point
	for _, k := range pairs {
		curve := arrowCurve(at[k.from], at[k.to])
		curves = append(curves, curve)
		var text []string
		from, to := p.Country(k.from), p.Country(k.to)
		for i, l := range lines[k] {
			if i == mapLines && len(lines[k]) > mapLines+1 {
				text = append(text, p.T("map_more", len(lines[k])-i))
				break
			}
			title := l.title
			if len(l.institutions) == 0 {
				text = append(text, p.T("map_visit_plain", l.year, from, to, title))
			} else {
				text = append(text, p.T("map_visit", l.year, from, strings.Join(l.institutions, ", "), to, title))
			}
		}
		n := len(lines[k])
		m.Arrows = append(m.Arrows, mapArrow{
			From: k.from, To: k.to,
			D:      curvePath(curve),
			Stroke: num(min(1.5+0.75*float64(n-1), 4.5)),
			Title:  strings.Join(text, "\n"),
		})
	}
	for _, cc := range codes {
		m.Countries = append(m.Countries, mapCountry{Code: cc, Name: p.Country(cc), Focus: cc == focus})
	}
	if !placeLabels(m, at, curves, false) {
		m.Codes = true
		placeLabels(m, at, curves, true)
	}
	return m
}

// project places the countries in a viewBox mapWidth wide: longitude
// scaled by the cosine of the middle latitude, the box around the
// capitals widened to mapMinSpan degrees and to an aspect between
// mapMinAspect and mapMaxAspect, with a margin for the labels.
func project(places map[string]point, codes []string, width, height *int) map[string]point {
	minX, minY, maxX, maxY := math.Inf(1), math.Inf(1), math.Inf(-1), math.Inf(-1)
	for _, cc := range codes {
		q := places[cc]
		minX, maxX = min(minX, q.x), max(maxX, q.x)
		minY, maxY = min(minY, q.y), max(maxY, q.y)
	}
	k := math.Cos((minY + maxY) / 2 * math.Pi / 180)
	minX, maxX = minX*k, maxX*k
	grow := func(lo, hi *float64, span float64) {
		if d := span - (*hi - *lo); d > 0 {
			*lo, *hi = *lo-d/2, *hi+d/2
		}
	}
	grow(&minX, &maxX, mapMinSpan)
	grow(&minY, &maxY, mapMinSpan)
	// A margin of a tenth on every side, and room for labels.
	mx, my := (maxX-minX)*0.12+1, (maxY-minY)*0.08+1
	minX, maxX, minY, maxY = minX-mx, maxX+mx, minY-my, maxY+my
	inner := float64(mapWidth - 2*mapPad)
	if r := (maxY - minY) / (maxX - minX); r < mapMinAspect {
		grow(&minY, &maxY, (maxX-minX)*mapMinAspect)
	} else if r > mapMaxAspect {
		grow(&minX, &maxX, (maxY-minY)/mapMaxAspect)
	}
	scale := inner / (maxX - minX)
	*width = mapWidth
	*height = int(math.Ceil((maxY-minY)*scale)) + 2*mapPad
	at := make(map[string]point, len(codes))
	for _, cc := range codes {
		q := places[cc]
		at[cc] = point{mapPad + (q.x*k-minX)*scale, mapPad + (q.y-minY)*scale}
	}
	return at
}

// spread moves dots closer than mapSpread apart until they are not, or
// nearly (the capitals of Central America are a degree or two apart), and
// keeps them inside the picture: the picture is a schematic, and an arrow
// between two dots that touch cannot be seen.
func spread(at map[string]point, codes []string, width, height float64) {
	lo, hiX, hiY := float64(mapPad), width-mapPad, height-mapPad
	for range 60 {
		moved := false
		for i, a := range codes {
			for j, b := range codes[i+1:] {
				p, q := at[a], at[b]
				dx, dy := q.x-p.x, q.y-p.y
				d := math.Hypot(dx, dy)
				if d >= mapSpread-0.05 {
					continue
				}
				if d < 0.01 { // the same place: part them by their order
					dx, dy, d = 1, float64(j%3-1)*0.5, 1
				}
				push := (mapSpread - d) / 2 * 0.6
				ux, uy := dx/d*push, dy/d*push
				at[a] = point{min(max(p.x-ux, lo), hiX), min(max(p.y-uy, lo), hiY)}
				at[b] = point{min(max(q.x+ux, lo), hiX), min(max(q.y+uy, lo), hiY)}
				moved = true
			}
		}
		if !moved {
			break
		}
	}
}

// arrowCurve is a quadratic curve from a to b (start, control, end),
// bent to the right of its way (so that a → b and b → a do not overlap),
// starting and ending clear of the dots.
func arrowCurve(a, b point) [3]point {
	dx, dy := b.x-a.x, b.y-a.y
	c := point{(a.x+b.x)/2 - dy*0.18, (a.y+b.y)/2 + dx*0.18}
	return [3]point{toward(a, c, mapDot+2), c, toward(b, c, mapDot+3)}
}

// curvePath is a curve as the d attribute of a path.
func curvePath(q [3]point) string {
	return "M" + num(q[0].x) + "," + num(q[0].y) + "Q" + num(q[1].x) + "," + num(q[1].y) + " " + num(q[2].x) + "," + num(q[2].y)
}

// curveBoxes are small boxes along a curve, which labels keep off.
func curveBoxes(q [3]point) []box {
	n := int(math.Hypot(q[2].x-q[0].x, q[2].y-q[0].y)/6) + 2
	out := make([]box, 0, n+1)
	for i := 0; i <= n; i++ {
		t := float64(i) / float64(n)
		u := 1 - t
		x := u*u*q[0].x + 2*u*t*q[1].x + t*t*q[2].x
		y := u*u*q[0].y + 2*u*t*q[1].y + t*t*q[2].y
		out = append(out, box{x - 2, y - 2, x + 2, y + 2})
	}
	return out
}

// toward is the point at distance r from a on the way to b.
func toward(a, b point, r float64) point {
	dx, dy := b.x-a.x, b.y-a.y
	d := math.Hypot(dx, dy)
	if d == 0 {
		return a
	}
	return point{a.x + dx/d*r, a.y + dy/d*r}
}

// num formats a coordinate with one decimal, never "-0.0".
func num(v float64) string {
	s := strconv.FormatFloat(v, 'f', 1, 64)
	if s == "-0.0" {
		return "0.0"
	}
	return s
}

type box struct{ x0, y0, x1, y1 float64 }

func (a box) overlap(b box) float64 {
	w := min(a.x1, b.x1) - max(a.x0, b.x0)
	h := min(a.y1, b.y1) - max(a.y0, b.y0)
	if w <= 0 || h <= 0 {
		return 0
	}
	return w * h
}

// placeLabels sets each country's label (its name, or its code when
// codes is set) beside its dot where it covers the fewest other labels,
// dots and arrows and stays inside the picture: a small greedy pass over
// eight places around the dot, then eight further away with a leader
// line, countries from west to east. It tells whether every label found
// a place that covers no other label or dot and leaves no part outside.
func placeLabels(m *exchangeMap, at map[string]point, curves [][3]point, codes bool) bool {
	order := make([]int, len(m.Countries))
	for i := range order {
		order[i] = i
	}
	slices.SortStableFunc(order, func(i, j int) int {
		a, b := at[m.Countries[i].Code], at[m.Countries[j].Code]
		return cmp.Or(cmp.Compare(a.x, b.x), cmp.Compare(a.y, b.y))
	})
	// A dot keeps a label of another country a little away, so that a
	// label is nearer its own dot than any other.
	const clear = mapDot + 4
	var taken []box
	for _, c := range m.Countries {
		q := at[c.Code]
		taken = append(taken, box{q.x - clear, q.y - clear, q.x + clear, q.y + clear})
	}
	var lines []box
	for _, q := range curves {
		lines = append(lines, curveBoxes(q)...)
	}
	frame := box{0, 0, float64(m.Width), float64(m.Height)}
	clean := true
	for _, i := range order {
		c := &m.Countries[i]
		c.Label = c.Name
		if codes {
			c.Label = c.Code
		}
		q := at[c.Code]
		own := box{q.x - clear, q.y - clear, q.x + clear, q.y + clear}
		w := float64(utf8.RuneCountInString(c.Label)) * mapFont * 0.58
		if codes {
			w = 2 * mapFont * 0.72 // capitals are wider
		}
		h := float64(mapFont)
		var best box
		bestCost, bestHard := math.Inf(1), 0.0
		var bestAnchor string
		var bestDir float64
		var bestFar bool
		for _, far := range []bool{false, true} {
			r := float64(mapDot + 3)
			if far {
				r = mapDot + 3 + 2.2*mapFont
			}
			// The box is set beside the point r away from the dot in the direction dir.
			for _, dir := range [][2]float64{{1, 0}, {-1, 0}, {0, -1}, {0, 1}, {1, -1}, {1, 1}, {-1, -1}, {-1, 1}} {
				px, py := q.x+dir[0]*r*0.75, q.y+dir[1]*r*0.75
				if dir[1] == 0 {
					px = q.x + dir[0]*r
				}
				var b box
				anchor := "middle"
				switch {
				case dir[0] > 0:
					b.x0, anchor = px, "start"
				case dir[0] < 0:
					b.x0, anchor = px-w, "end"
				default:
					b.x0 = px - w/2
				}
				switch {
				case dir[1] < 0:
					b.y0 = py - h
				case dir[1] > 0:
					b.y0 = py
				default:
					b.y0 = py - h/2
				}
				b.x1, b.y1 = b.x0+w, b.y0+h
				hard := -b.overlap(own)
				for _, t := range taken {
					hard += t.overlap(b)
				}
				if inside := b.overlap(frame); inside < w*h-0.01 {
					hard += 10 * (w*h - inside)
				}
				cost := 1000 * hard // covering a label or dot is far worse than crossing an arrow
				for _, t := range lines {
					cost += t.overlap(b) / 4
				}
				if far {
					cost += h // a far label is worse than a near one that touches nothing
				}
				if cost < bestCost {
					best, bestCost, bestHard, bestAnchor, bestDir, bestFar = b, cost, hard, anchor, dir[1], far
				}
			}
			if bestCost == 0 {
				break
			}
		}
		clean = clean && bestHard < 0.01
		taken = append(taken, best)
		switch bestAnchor {
		case "start":
			c.LX = num(best.x0)
		case "end":
			c.LX = num(best.x1)
		default:
			c.LX = num((best.x0 + best.x1) / 2)
		}
		c.X, c.Y, c.Anchor, c.Leader = num(q.x), num(q.y), bestAnchor, ""
		switch {
		case bestDir < 0: // above: the baseline a descender above the box's foot
			c.LY, c.Baseline = num(best.y1-h*0.22), "auto"
		case bestDir > 0:
			c.LY, c.Baseline = num(best.y0), "hanging"
		default:
			c.LY, c.Baseline = num((best.y0+best.y1)/2), "central"
		}
		if bestFar {
			end := point{min(max(q.x, best.x0), best.x1), min(max(q.y, best.y0), best.y1)}
			s := toward(q, end, mapDot+1)
			c.Leader = "M" + num(s.x) + "," + num(s.y) + "L" + num(end.x) + "," + num(end.y)
		}
	}
	return clean
}

// MapOf is the argument of the "exchange-map" partial: the page, the
// picture, and the prefix of its ids.
func (p *page) MapOf(m *exchangeMap, id string) mapArg { return mapArg{P: p, M: m, ID: id} }

type mapArg struct {
	P  *page
	M  *exchangeMap
	ID string
}
