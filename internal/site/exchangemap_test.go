package site

import (
	"bytes"
	"math"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"golang.org/x/net/html"

	"catalog/internal/country"
)

// mapCatalog writes a catalog whose exchanges test the picture: a visit
// made twice (one arrow, one line naming both institutions), visits both
// ways between two countries, a country visiting its own practice, a
// visitor from outside the Americas and a restricted practice's visit.
func mapCatalog(t *testing.T) string {
	dir := t.TempDir()
	files := map[string]string{
		"catalog.yaml": "title: {es: Prueba, en: Test}\nlanguages: [es, en]\n",
		"practices/cr-one.es.md": `---
title: Práctica Uno
summary: Una.
countries: [CR]
themes: [shelter]
exchanges:
  - {year: 2018, visitors: [GT, PA], institutions: [Instituto A], kind: internship}
  - {year: 2018, visitors: [GT], institutions: [Instituto B], kind: study-visit}
  - {year: 2019, visitors: [ES], institutions: [Ministerio C], kind: study-visit}
---
Texto.
`,
		"practices/gt-two.es.md": `---
title: Práctica Dos
summary: Dos.
countries: [GT, SV]
themes: [shelter]
exchanges:
  - {year: 2019, visitors: [CR, SV], kind: study-visit}
---
Texto.
`,
		"practices/hn-secret.es.md": `---
title: Secreta
summary: Secreta.
countries: [HN]
themes: [shelter]
visibility: restricted
exchanges:
  - {year: 2020, visitors: [BR], institutions: [Zzsecret], kind: internship}
---
Texto.
`,
	}
	for name, text := range files {
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// svgOf parses a page and returns its picture of exchanges, nil when none.
func svgOf(t *testing.T, page []byte) *html.Node {
	t.Helper()
	doc, err := html.Parse(bytes.NewReader(page))
	if err != nil {
		t.Fatal(err)
	}
	var svg *html.Node
	walk(doc, func(n *html.Node) {
		if n.Type == html.ElementNode && n.Data == "svg" {
			if svg != nil {
				t.Error("two pictures")
			}
			svg = n
		}
	})
	return svg
}

// rawText is the text of n and its descendants, as written.
func rawText(n *html.Node) string {
	var b strings.Builder
	walk(n, func(c *html.Node) {
		if c.Type == html.TextNode {
			b.WriteString(c.Data)
		}
	})
	return b.String()
}

var number = regexp.MustCompile(`-?[0-9]+(?:\.[0-9]+)?`)

// TestExchangeMap: one arrow a visiting → host country pair, with a
// title that names every visit it stands for; every coordinate inside
// the viewBox; a → b and b → a bent apart; the description counts what
// is drawn; nothing of the restricted practice.
func TestExchangeMap(t *testing.T) {
	out, cat := render(t, mapCatalog(t), 0)
	if x := cat.Practice("hn-secret"); x == nil || !x.Restricted() {
		t.Fatal("hn-secret is not a restricted practice of the catalog")
	}
	page, ok := out.File("en/exchanges/index.html")
	if !ok {
		t.Fatal("no exchanges page")
	}
	if bytes.Contains(page, []byte("Zzsecret")) || bytes.Contains(page, []byte("Brazil")) {
		t.Error("the restricted practice's visit shows")
	}
	svg := svgOf(t, page)
	if svg == nil {
		t.Fatal("no picture")
	}
	vb, _ := attr(svg, "viewBox")
	f := strings.Fields(vb)
	if len(f) != 4 || f[0] != "0" || f[1] != "0" {
		t.Fatalf("viewBox %q", vb)
	}
	w, _ := strconv.ParseFloat(f[2], 64)
	h, _ := strconv.ParseFloat(f[3], 64)
	if role, _ := attr(svg, "role"); role != "img" {
		t.Errorf("role %q", role)
	}
	arrows := map[string]string{}       // title → d
	controls := map[string][2]float64{} // d → control point
	var desc string
	walk(svg, func(n *html.Node) {
		if n.Type != html.ElementNode {
			return
		}
		inside := func(key string, limit float64) {
			if v, ok := attr(n, key); ok {
				x, err := strconv.ParseFloat(v, 64)
				if err != nil || x < 0 || x > limit {
					t.Errorf("<%s %s=%q> is outside the viewBox %s", n.Data, key, v, vb)
				}
			}
		}
		inside("cx", w)
		inside("cy", h)
		inside("x", w)
		inside("y", h)
		switch n.Data {
		case "desc":
			desc = rawText(n)
		case "path":
			d, _ := attr(n, "d")
			nums := number.FindAllString(d, -1)
			for i, s := range nums {
				v, _ := strconv.ParseFloat(s, 64)
				if limit := []float64{w, h}[i%2]; v < 0 || v > limit {
					t.Errorf("path %q leaves the viewBox %s", d, vb)
				}
			}
			if c, _ := attr(n, "class"); c == "arrow" {
				title := rawText(n.Parent.FirstChild)
				if _, dup := arrows[title]; dup {
					t.Errorf("two arrows titled %q", title)
				}
				arrows[title] = d
				x, _ := strconv.ParseFloat(nums[2], 64)
				y, _ := strconv.ParseFloat(nums[3], 64)
				controls[d] = [2]float64{x, y}
				if m, _ := attr(n, "marker-end"); !strings.HasPrefix(m, "url(#") {
					t.Errorf("arrow %q has no head", d)
				}
			}
		}
	})
	want := []string{
		"2019: Costa Rica visited “Práctica Dos”, in Guatemala",
		"2019: Costa Rica visited “Práctica Dos”, in El Salvador",
		"2018: Guatemala (Instituto A, Instituto B) visited “Práctica Uno”, in Costa Rica",
		"2018: Panama (Instituto A) visited “Práctica Uno”, in Costa Rica",
		"2019: El Salvador visited “Práctica Dos”, in Guatemala",
	}
	if len(arrows) != len(want) {
		t.Errorf("%d arrows, want %d: %q", len(arrows), len(want), arrows)
	}
	for _, title := range want {
		if _, ok := arrows[title]; !ok {
			t.Errorf("no arrow titled %q", title)
		}
	}
	// Costa Rica → Guatemala and Guatemala → Costa Rica bend apart.
	a, b := controls[arrows[want[0]]], controls[arrows[want[2]]]
	if a == b {
		t.Errorf("a → b and b → a share their control point %v", a)
	}
	if want := "5 visits between 4 countries, 2018–2019"; desc != want {
		t.Errorf("description %q, want %q", desc, want)
	}
	if es, _ := out.File("es/exchanges/index.html"); !bytes.Contains(es, []byte("5 visitas entre 4 países, 2018–2019")) {
		t.Error("the Spanish page has no Spanish description")
	}
}

// TestExchangeMapNone: no exchange, no picture.
func TestExchangeMapNone(t *testing.T) {
	dir := mapCatalog(t)
	for _, f := range []string{"cr-one", "gt-two"} {
		if err := os.Remove(filepath.Join(dir, "practices", f+".es.md")); err != nil {
			t.Fatal(err)
		}
	}
	out, _ := render(t, dir, 0)
	page, _ := out.File("es/exchanges/index.html")
	if svgOf(t, page) != nil || bytes.Contains(page, []byte("exchange-map")) {
		t.Error("a picture of no exchange")
	}
}

// TestExchangeMapEscapes: the hostile practice's title and institution,
// made to close the title element and open a script, stay text in the
// arrow's title.
func TestExchangeMapEscapes(t *testing.T) {
	out, _ := render(t, "testdata/hostile", 0)
	page, _ := out.File("es/exchanges/index.html")
	svg := svgOf(t, page)
	if svg == nil {
		t.Fatal("no picture")
	}
	var titles []string
	walk(svg, func(n *html.Node) {
		if n.Type == html.ElementNode && n.Data == "script" {
			t.Error("a script in the picture")
		}
		if c, _ := attr(n.Parent, "class"); n.Type == html.ElementNode && n.Data == "title" && c == "visit" {
			if n.FirstChild == nil || n.FirstChild != n.LastChild || n.FirstChild.Type != html.TextNode {
				t.Errorf("a title holds more than text")
			}
			titles = append(titles, rawText(n))
		}
	})
	if len(titles) != 1 {
		t.Fatalf("%d arrows, want 1", len(titles))
	}
	for _, s := range []string{`</td><script>alert('exchange')</script>`, `<script>alert("title")</script> "quoted" & 'single' </title>`} {
		if !strings.Contains(titles[0], s) {
			t.Errorf("the arrow's title %q lacks %q as text", titles[0], s)
		}
	}
}

// TestSpread: the capitals of Central America, projected as the picture
// does, end up apart enough for an arrow between them, inside the
// picture, and the same every time.
func TestSpread(t *testing.T) {
	codes := []string{"BZ", "CR", "GT", "HN", "NI", "PA", "SV"}
	places := map[string]point{}
	for _, cc := range codes {
		lat, lon, ok := country.Capital(cc)
		if !ok {
			t.Fatalf("no capital for %s", cc)
		}
		places[cc] = point{lon, -lat}
	}
	var w, h int
	at := project(places, codes, &w, &h)
	spread(at, codes, float64(w), float64(h))
	again := project(places, codes, &w, &h)
	spread(again, codes, float64(w), float64(h))
	for i, a := range codes {
		p := at[a]
		if p != again[a] {
			t.Errorf("%s: %v, then %v", a, p, again[a])
		}
		if p.x < mapPad || p.y < mapPad || p.x > float64(w-mapPad) || p.y > float64(h-mapPad) {
			t.Errorf("%s at %v, outside %dx%d", a, p, w, h)
		}
		for _, b := range codes[i+1:] {
			if d := math.Hypot(at[b].x-p.x, at[b].y-p.y); d < mapSpread-1 {
				t.Errorf("%s and %s %.1f apart", a, b, d)
			}
		}
	}
	// Guatemala stays west of Honduras, Panama east of Costa Rica.
	if at["GT"].x >= at["HN"].x || at["PA"].x <= at["CR"].x {
		t.Errorf("spread turned the region around: %v", at)
	}
}

// TestLabels: where the names of eleven countries around Central America do
// not fit beside their dots among arrows, their codes do; each label is
// nearer its own dot than any other dot, unless a leader line joins them.
func TestLabels(t *testing.T) {
	codes := []string{"BZ", "CO", "CR", "CU", "DO", "GT", "HN", "MX", "NI", "PA", "SV"}
	places := map[string]point{}
	m := &exchangeMap{}
	for _, cc := range codes {
		lat, lon, _ := country.Capital(cc)
		places[cc] = point{lon, -lat}
		m.Countries = append(m.Countries, mapCountry{Code: cc, Name: country.Name(cc, "es")})
	}
	at := project(places, codes, &m.Width, &m.Height)
	spread(at, codes, float64(m.Width), float64(m.Height))
	var curves [][3]point // visits from every country to Costa Rica and back
	for _, cc := range codes {
		if cc != "CR" {
			curves = append(curves, arrowCurve(at[cc], at["CR"]), arrowCurve(at["CR"], at[cc]))
		}
	}
	if placeLabels(m, at, curves, false) {
		t.Error("eleven names fit around Central America: the test needs a harder case")
	}
	if !placeLabels(m, at, curves, true) {
		t.Fatal("the codes do not fit")
	}
	for _, c := range m.Countries {
		if c.Label != c.Code {
			t.Errorf("label %q for %s", c.Label, c.Code)
		}
		lx, _ := strconv.ParseFloat(c.LX, 64)
		ly, _ := strconv.ParseFloat(c.LY, 64)
		switch c.Anchor { // the label's middle, roughly
		case "start":
			lx += mapFont * 0.7
		case "end":
			lx -= mapFont * 0.7
		}
		if c.Baseline == "auto" {
			ly -= mapFont * 0.4
		} else if c.Baseline == "hanging" {
			ly += mapFont * 0.4
		}
		own := math.Hypot(at[c.Code].x-lx, at[c.Code].y-ly)
		for _, o := range codes {
			if d := math.Hypot(at[o].x-lx, at[o].y-ly); o != c.Code && d < own && c.Leader == "" {
				t.Errorf("the label of %s is nearer %s (%.1f) than its own dot (%.1f)", c.Code, o, d, own)
			}
		}
	}
}

// TestCountryMap: a country's page draws the arrows from and to it, and
// marks its dot; a country with no visit drawn has no picture.
func TestCountryMap(t *testing.T) {
	out, _ := render(t, mapCatalog(t), 0)
	page, _ := out.File("en/countries/cr/index.html")
	svg := svgOf(t, page)
	if svg == nil {
		t.Fatal("no picture on Costa Rica's page")
	}
	var arrows []string
	focus := ""
	walk(svg, func(n *html.Node) {
		c, _ := attr(n, "class")
		switch c {
		case "visit":
			arrows = append(arrows, rawText(n.FirstChild))
		case "place focus":
			focus = rawText(n)
		}
	})
	want := []string{
		"2019: Costa Rica visited “Práctica Dos”, in Guatemala",
		"2019: Costa Rica visited “Práctica Dos”, in El Salvador",
		"2018: Guatemala (Instituto A, Instituto B) visited “Práctica Uno”, in Costa Rica",
		"2018: Panama (Instituto A) visited “Práctica Uno”, in Costa Rica",
	}
	if strings.Join(arrows, "\n") != strings.Join(want, "\n") {
		t.Errorf("arrows:\n%s\nwant:\n%s", strings.Join(arrows, "\n"), strings.Join(want, "\n"))
	}
	if focus != "Costa Rica" {
		t.Errorf("the marked country is %q", focus)
	}
	if !bytes.Contains(page, []byte("4 visits between 4 countries, 2018–2019")) {
		t.Error("no description of Costa Rica's visits")
	}
	if es, ok := out.File("en/countries/es/index.html"); !ok || svgOf(t, es) != nil {
		t.Error("a picture on the page of Spain, whose visit cannot be drawn")
	}
}

// TestExchangeMapManyVisits: an arrow's title names ten visits and counts
// the rest; the arrow is wider for more visits.
func TestExchangeMapManyVisits(t *testing.T) {
	dir := mapCatalog(t)
	var b strings.Builder
	b.WriteString("---\ntitle: Muchas\nsummary: Muchas.\ncountries: [CR]\nthemes: [shelter]\nexchanges:\n")
	for y := 2001; y <= 2012; y++ {
		b.WriteString("  - {year: " + strconv.Itoa(y) + ", visitors: [GT], kind: internship}\n")
	}
	b.WriteString("---\nTexto.\n")
	if err := os.WriteFile(filepath.Join(dir, "practices", "cr-many.es.md"), []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	out, _ := render(t, dir, 0)
	page, _ := out.File("en/exchanges/index.html")
	svg := svgOf(t, page)
	if svg == nil {
		t.Fatal("no picture")
	}
	found := false
	walk(svg, func(n *html.Node) {
		if c, _ := attr(n, "class"); c != "visit" || !strings.Contains(rawText(n.FirstChild), "Guatemala") || !strings.Contains(rawText(n.FirstChild), "in Costa Rica") {
			return
		}
		found = true
		lines := strings.Split(rawText(n.FirstChild), "\n")
		if len(lines) != 11 || lines[10] != "and 3 more visits" {
			t.Errorf("the title of Guatemala → Costa Rica:\n%s", strings.Join(lines, "\n"))
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			if cls, _ := attr(c, "class"); cls == "arrow" {
				if w, _ := attr(c, "stroke-width"); w != "4.5" {
					t.Errorf("stroke-width %q for 13 visits", w)
				}
			}
		}
	})
	if !found {
		t.Error("no arrow from Guatemala to Costa Rica")
	}
}
