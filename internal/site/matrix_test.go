package site

import (
	"net/url"
	"path"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"golang.org/x/net/html"

	"catalog/internal/model"
)

// matrixCell is a non-empty cell of the home page's matrix.
type matrixCell struct {
	theme  string // the row's theme
	column string // the column's heading
	n      int
	href   string
}

// readMatrix reads the matrix of a home page: the headings of its columns
// (the regional one's marked by its class) and its non-empty cells.
func readMatrix(t *testing.T, doc *html.Node) (columns []string, regional string, cells []matrixCell) {
	t.Helper()
	var table *html.Node
	walk(doc, func(n *html.Node) {
		if n.Type == html.ElementNode && n.Data == "section" && hasClass(n, "matrix") {
			walk(n, func(m *html.Node) {
				if m.Type == html.ElementNode && m.Data == "table" && table == nil {
					table = m
				}
			})
		}
	})
	if table == nil {
		t.Fatal("no matrix on the home page")
	}
	walk(table, func(n *html.Node) {
		if n.Type != html.ElementNode || n.Data != "tr" {
			return
		}
		if n.Parent.Data == "thead" {
			for c := n.FirstChild; c != nil; c = c.NextSibling {
				if c.Type == html.ElementNode && c.Data == "th" {
					columns = append(columns, spokenText(c))
					if hasClass(c, "regional") {
						regional = spokenText(c)
					}
				}
			}
			return
		}
		theme, col := "", 0
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			if c.Type != html.ElementNode {
				continue
			}
			switch {
			case c.Data == "th" && hasAttr(c, "scope", "row"):
				walk(c, func(a *html.Node) {
					if href, ok := attr(a, "href"); ok && a.Data == "a" {
						theme = path.Base(path.Dir(href))
					}
				})
			case c.Data == "td":
				if col >= len(columns) {
					t.Fatalf("row %s: more cells than columns %v", theme, columns)
				}
				if s := textOf(c); s != "" {
					n, err := strconv.Atoi(s)
					if err != nil {
						t.Fatalf("row %s, column %s: %q is no count", theme, columns[col], s)
					}
					cell := matrixCell{theme: theme, column: columns[col], n: n}
					walk(c, func(a *html.Node) {
						if href, ok := attr(a, "href"); ok && a.Data == "a" {
							cell.href = href
						}
					})
					if want := "heat-"; !strings.Contains(classOf(c), want) {
						t.Errorf("row %s, column %s: the cell counts %d but has no class %s…", theme, columns[col], n, want)
					}
					cells = append(cells, cell)
				} else if strings.Contains(classOf(c), "heat-") {
					t.Errorf("row %s, column %s: an empty cell is shaded", theme, columns[col])
				}
				col++
			}
		}
	})
	return columns, regional, cells
}

// listedUnder gives the IDs of the practices that the element of a page
// with the id lists: a heading's, up to the next heading of its level or
// above.
func listedUnder(t *testing.T, doc *html.Node, id string) []string {
	t.Helper()
	var target *html.Node
	walk(doc, func(n *html.Node) {
		if v, ok := attr(n, "id"); ok && v == id && n.Type == html.ElementNode {
			target = n
		}
	})
	if target == nil {
		t.Fatalf("no id %q", id)
		return nil
	}
	level := headingLevel(target)
	if level == 0 {
		t.Fatalf("id %q is on a <%s>, not a heading", id, target.Data)
	}
	var ids []string
	for n := target.NextSibling; n != nil; n = n.NextSibling {
		if l := headingLevel(n); l > 0 && l <= level {
			break
		}
		walk(n, func(a *html.Node) {
			if a.Type == html.ElementNode && a.Data == "a" {
				href, _ := attr(a, "href")
				if m := practiceHref.FindStringSubmatch(href); m != nil && !slices.Contains(ids, m[1]) {
					ids = append(ids, m[1])
				}
			}
		})
	}
	slices.Sort(ids)
	return ids
}

var practiceHref = regexp.MustCompile(`(?:^|/)practices/([^/]+)/index\.html$`)

func headingLevel(n *html.Node) int {
	if n.Type == html.ElementNode && len(n.Data) == 2 && n.Data[0] == 'h' && n.Data[1] >= '1' && n.Data[1] <= '6' {
		return int(n.Data[1] - '0')
	}
	return 0
}

func textOf(n *html.Node) string {
	var b strings.Builder
	walk(n, func(c *html.Node) {
		if c.Type == html.TextNode {
			b.WriteString(c.Data)
		}
	})
	return strings.TrimSpace(b.String())
}

// spokenText is the text of n that a screen reader reads: without the
// parts marked aria-hidden (the codes that head the matrix's columns on a
// phone).
func spokenText(n *html.Node) string {
	var b strings.Builder
	var read func(*html.Node)
	read = func(n *html.Node) {
		if hasAttr(n, "aria-hidden", "true") {
			return
		}
		if n.Type == html.TextNode {
			b.WriteString(n.Data)
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			read(c)
		}
	}
	read(n)
	return strings.TrimSpace(b.String())
}

func classOf(n *html.Node) string { v, _ := attr(n, "class"); return v }

func hasAttr(n *html.Node, key, val string) bool { v, ok := attr(n, key); return ok && v == val }

// counted gives the IDs of the public practices on theme that a cell of
// the matrix counts: the own practices of the country cc, or with cc ""
// the regional ones.
func counted(cat *model.Catalog, cc, theme string) []string {
	var ids []string
	for _, x := range cat.Practices {
		if x.Restricted() || !slices.Contains(x.Themes, theme) || regional(x) != (cc == "") {
			continue
		}
		if cc == "" || slices.Contains(x.Countries, cc) {
			ids = append(ids, x.ID)
		}
	}
	slices.Sort(ids)
	return ids
}

// TestMatrixCellsLinkToWhatTheyCount: on the test catalog and the sample,
// in both languages, each non-empty cell of the matrix counts the own
// practices of its country on its theme (a regional practice never adds
// to a country's column), the Regional column counts the regional ones,
// and its link leads to a heading under which exactly those practices are
// listed.
func TestMatrixCellsLinkToWhatTheyCount(t *testing.T) {
	for _, dir := range []string{"testdata/catalog", "../../catalog"} {
		out, cat := render(t, dir, 0)
		docs := pages(t, out)
		regionals := 0
		for _, x := range cat.Practices {
			if regional(x) && !x.Restricted() {
				regionals++
			}
		}
		if regionals == 0 {
			t.Fatalf("%s has no public regional practice to test with", dir)
		}
		for _, lang := range []string{"es", "en"} {
			home := lang + "/index.html"
			_, regional, cells := readMatrix(t, docs[home])
			if regional == "" {
				t.Errorf("%s %s: no Regional column", dir, lang)
			}
			seenRegional := 0
			for _, c := range cells {
				u, err := url.Parse(c.href)
				if err != nil || u.Fragment == "" {
					t.Errorf("%s %s: cell %s × %s links to %q, no anchor", dir, lang, c.theme, c.column, c.href)
					continue
				}
				target := path.Join(path.Dir(home), u.Path)
				var cc string
				if c.column == regional {
					seenRegional++
					if want := lang + "/themes/" + c.theme + "/index.html"; target != want {
						t.Errorf("%s: regional cell of %s links to %s, want %s", dir, c.theme, target, want)
					}
				} else {
					cc = strings.ToUpper(path.Base(path.Dir(u.Path)))
				}
				want := counted(cat, cc, c.theme)
				if len(want) != c.n {
					t.Errorf("%s %s: cell %s × %s counts %d, want %d (%v)", dir, lang, c.theme, c.column, c.n, len(want), want)
				}
				doc, ok := docs[target]
				if !ok {
					t.Errorf("%s: cell %s × %s links to %s, no page", dir, c.theme, c.column, target)
					continue
				}
				if got := listedUnder(t, doc, u.Fragment); !slices.Equal(got, want) {
					t.Errorf("%s: %s#%s lists %v, but the cell %s × %s counts %v", dir, target, u.Fragment, got, c.theme, c.column, want)
				}
			}
			if seenRegional == 0 {
				t.Errorf("%s %s: the Regional column counts nothing", dir, lang)
			}
		}
	}
}

// TestMatrixRegionalApart: in the test catalog, rg-gamma is regional
// (Belize, Costa Rica, Panama; hotline, awareness-raising): it adds to no
// country's column, Belize (with no practice of its own) has no column
// and no count of own practices, and the Regional column counts it.
func TestMatrixRegionalApart(t *testing.T) {
	out, _ := render(t, "testdata/catalog", 0)
	docs := pages(t, out)
	columns, regional, cells := readMatrix(t, docs["es/index.html"])
	if want := []string{"Costa Rica", "Panamá", "Regionales"}; !slices.Equal(columns, want) || regional != "Regionales" {
		t.Errorf("columns %v (regional %q), want %v", columns, regional, want)
	}
	// On a phone the columns are headed by codes, which the line under
	// the table spells out, each with the column's name.
	var heads, legend []string
	walk(docs["es/index.html"], func(n *html.Node) {
		switch {
		case n.Data == "th" && hasAttr(n, "scope", "col"):
			walk(n, func(c *html.Node) {
				if c.Data == "span" && hasClass(c, "code") {
					heads = append(heads, textOf(c))
				}
			})
		case n.Data == "p" && hasClass(n, "matrix-codes"):
			for c := n.FirstChild; c != nil; c = c.NextSibling {
				if c.Data == "span" {
					legend = append(legend, textOf(c))
				}
			}
		}
	})
	if want := []string{"CR", "PA", "Reg."}; !slices.Equal(heads, want) {
		t.Errorf("the columns' codes are %q, want %q", heads, want)
	}
	if want := []string{"CR Costa Rica", "PA Panamá", "Reg. Regionales"}; !slices.Equal(legend, want) {
		t.Errorf("the codes under the matrix read %q, want %q", legend, want)
	}
	got := map[string]int{}
	for _, c := range cells {
		got[c.theme+" × "+c.column] = c.n
	}
	want := map[string]int{
		"shelter × Costa Rica": 1, "shelter × Panamá": 1,
		"hotline × Costa Rica": 1, "hotline × Panamá": 2, "hotline × Regionales": 1,
		"awareness-raising × Regionales": 1,
	}
	for k, n := range want {
		if got[k] != n {
			t.Errorf("cell %s: %d, want %d", k, got[k], n)
		}
	}
	for k := range got {
		if _, ok := want[k]; !ok {
			t.Errorf("cell %s counts %d, want none", k, got[k])
		}
	}
	// The counts of the countries page and of the country pages' leads.
	countries := string(mustFile(t, out, "es/countries/index.html"))
	for _, w := range []string{
		`Belice</a> <span class="meta">1 práctica regional</span>`,
		`Costa Rica</a> <span class="meta">1 práctica propia · 1 regional</span>`,
		`Panamá</a> <span class="meta">2 prácticas propias · 1 regional</span>`,
	} {
		if !strings.Contains(countries, w) {
			t.Errorf("es/countries/index.html has no %s", w)
		}
	}
	en := string(mustFile(t, out, "en/countries/index.html"))
	if w := `Belize</a> <span class="meta">1 regional practice</span>`; !strings.Contains(en, w) {
		t.Errorf("en/countries/index.html has no %s", w)
	}
	bz := docs["es/countries/bz/index.html"]
	if got := listedUnder(t, bz, "regional"); !slices.Equal(got, []string{"rg-gamma"}) {
		t.Errorf("es/countries/bz: #regional lists %v, want [rg-gamma]", got)
	}
	page := string(mustFile(t, out, "es/countries/bz/index.html"))
	for _, no := range []string{`id="practices"`, `id="by-theme"`, "propia"} {
		if strings.Contains(page, no) {
			t.Errorf("es/countries/bz shows %s, with no practice of its own", no)
		}
	}
	if !strings.Contains(page, `<p class="lead">1 práctica regional</p>`) {
		t.Error("es/countries/bz: the lead does not say 1 práctica regional")
	}
	// Costa Rica's page: the regional practice once, in the list of
	// regional practices, not among its own nor under its themes.
	cr := docs["es/countries/cr/index.html"]
	if got := listedUnder(t, cr, "practices"); !slices.Equal(got, []string{"cr-alpha"}) {
		t.Errorf("es/countries/cr: #practices lists %v, want [cr-alpha]", got)
	}
	if got := listedUnder(t, cr, "by-theme"); !slices.Equal(got, []string{"cr-alpha"}) {
		t.Errorf("es/countries/cr: #by-theme lists %v, want [cr-alpha]", got)
	}
	if got := listedUnder(t, cr, "regional"); !slices.Equal(got, []string{"rg-gamma"}) {
		t.Errorf("es/countries/cr: #regional lists %v, want [rg-gamma]", got)
	}
}

// TestCardsOnCountryPage: the cards and items of a country's page do not
// name the country, in any order the pages are made; elsewhere they name
// all the practice's countries.
func TestCardsOnCountryPage(t *testing.T) {
	for _, workers := range []int{1, 4} {
		out, _ := render(t, "testdata/catalog", workers)
		docs := pages(t, out)
		for file, name := range map[string]string{
			"es/countries/cr/index.html": "Costa Rica", "es/countries/pa/index.html": "Panamá",
			"es/countries/bz/index.html": "Belice", "en/countries/bz/index.html": "Belize",
		} {
			metas := 0
			walk(docs[file], func(n *html.Node) {
				if n.Type == html.ElementNode && hasClass(n, "meta") && (n.Parent.Data == "article" || n.Parent.Data == "li") {
					metas++
					if strings.Contains(textOf(n), name) {
						t.Errorf("%s: a card or item names %s: %q", file, name, textOf(n))
					}
				}
			})
			if metas == 0 {
				t.Errorf("%s: no card or item with countries: the test checks nothing", file)
			}
		}
		for file, want := range map[string]string{
			"es/index.html":                    "Belice, Costa Rica, Panamá · ",
			"es/themes/hotline/index.html":     "Belice, Costa Rica, Panamá · ",
			"es/practices/cr-alpha/index.html": "(Belice, Costa Rica, Panamá)",
		} {
			if !strings.Contains(string(mustFile(t, out, file)), want) {
				t.Errorf("%s: no %q", file, want)
			}
		}
	}
}

func mustFile(t *testing.T, out interface{ File(string) ([]byte, bool) }, name string) []byte {
	t.Helper()
	b, ok := out.File(name)
	if !ok {
		t.Fatalf("no %s", name)
	}
	return b
}
