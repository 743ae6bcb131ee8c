package book

import (
	"bytes"
	"strings"
	"testing"

	"catalog/internal/layout"
	"catalog/internal/load"
	"catalog/internal/model"
	"catalog/internal/pdfdraw"
	"catalog/internal/words"
	"catalog/templates"
)

// siteDir is the site's test catalog: cr-alpha (an exchange being
// adapted, an adaptation block), pa-beta (adapted from cr-alpha) and
// ni-hidden (restricted, adapted from cr-alpha too).
const siteDir = "../site/testdata/catalog"

// loadSiteCatalog loads the site's test catalog and its words.
func loadSiteCatalog(t *testing.T) (*model.Catalog, *words.Words) {
	t.Helper()
	cat, _, err := load.Catalog(siteDir)
	if err != nil {
		t.Fatal(err)
	}
	w, err := words.Load(templates.For(siteDir), cat.Config.Languages)
	if err != nil {
		t.Fatal(err)
	}
	return cat, w
}

// runsText is the text of runs, a line break as a space.
func runsText(runs []layout.Run) string {
	var s strings.Builder
	for _, r := range runs {
		s.WriteString(r.Text)
	}
	return collapse(s.String())
}

// TestAdaptationRows: the rows of the adaptation block name the public
// practices only, even given a catalog with its restricted practices in
// it (ni-hidden adapts cr-alpha).
func TestAdaptationRows(t *testing.T) {
	cat, w := loadSiteCatalog(t)
	if x := cat.Practice("cr-alpha"); x == nil || len(x.AdaptedIn) != 2 {
		t.Fatalf("the test catalog's cr-alpha should be adapted in pa-beta and ni-hidden, it is in %v", x.AdaptedIn)
	}
	d, err := pdfdraw.New(pdfdraw.Options{Info: pdfdraw.Info{Title: "T", Lang: "es", Created: testDate}})
	if err != nil {
		t.Fatal(err)
	}
	b := &book{cat: cat, cfg: cat.Config, lang: "es", words: w, d: d, pageOf: map[string]int{}}
	rows := func(id string) map[string]string {
		x := cat.Practice(id)
		out := map[string]string{}
		for _, r := range b.adaptationRows(x, x.In("es")) {
			out[r.label] = runsText(r.value)
		}
		return out
	}
	alpha := rows("cr-alpha")
	want := map[string]string{
		"Adaptada en": "Línea de ayuda Beta de Panamá (Panamá), desde 2021. Tomó la línea de ayuda del albergue Alfa.",
		"Requisitos":  "• Base legal • Capacidad de albergue • Personal especializado",
		"Costo":       "Medio",
		"Nota":        "Hace falta un albergue con personal propio y una ley que lo respalde.",
	}
	for k, v := range want {
		if alpha[k] != v {
			t.Errorf("cr-alpha's row %q: %q, want %q", k, alpha[k], v)
		}
	}
	if len(alpha) != len(want) {
		t.Errorf("cr-alpha's rows %q, want %q", alpha, want)
	}
	beta := rows("pa-beta")
	if got, want := beta["Adaptada de"], `Albergue "Alfa" de Costa Rica (Costa Rica, Panamá), desde 2021. Tomó la línea de ayuda del albergue Alfa.`; got != want || len(beta) != 1 {
		t.Errorf("pa-beta's rows %q, want only Adaptada de: %q", beta, want)
	}
	if got := rows("ni-hidden")["Adaptada de"]; got == "" {
		t.Errorf("ni-hidden (drawn only if asked) has no Adaptada de row: the test says nothing")
	}
}

// TestAdaptationBook draws the test catalog's books: cr-alpha's pages
// show the outcome of its exchange and its adaptation block (adapted in
// pa-beta, never in the restricted ni-hidden); pa-beta's, that it is
// adapted from cr-alpha, linked to its page; the exchange table names the
// visiting institution and the outcome. Twice drawn, the same bytes.
func TestAdaptationBook(t *testing.T) {
	cat, w := loadSiteCatalog(t)
	opt := Options{Date: testDate, Templates: templates.For(siteDir)}
	hidden := cat.Practice("ni-hidden")
	if hidden == nil || !hidden.Restricted() {
		t.Fatal("the test catalog has no restricted ni-hidden: this test needs it")
	}
	cases := map[string]struct {
		alpha, beta, table []string
	}{
		"es": {
			alpha: []string{"Resultado: En adaptación. La Secretaría de Prueba estudia un protocolo como este.",
				"Adaptación", "Adaptada en", "Línea de ayuda Beta de Panamá (Panamá), desde 2021.",
				"Requisitos", "• Base legal", "• Capacidad de albergue", "• Personal especializado", "Costo", "Medio",
				"Hace falta un albergue con personal propio y una ley que lo respalde."},
			beta:  []string{"Adaptación", "Adaptada de", `Albergue "Alfa" de Costa Rica (Costa Rica, Panamá), desde 2021.`},
			table: []string{"País visitante (instituciones)", "Resultado", "Guatemala", "Secretaría de Prueba", "En adaptación"},
		},
		"en": {
			alpha: []string{"Outcome: Being adapted. The Testing Secretariat is studying a protocol like this one.",
				"Adaptation", "Adapted in", "Línea de ayuda Beta de Panamá (Panama), since 2021.",
				"Requirements", "• Legal basis", "• Shelter capacity", "• Specialised staff", "Cost", "Medium",
				"It takes a shelter with staff of its own and a law behind it."},
			beta:  []string{"Adaptation", "Adapted from", `Costa Rica's "Alpha" shelter (Costa Rica, Panama), since 2021.`},
			table: []string{"Visiting country (institutions)", "Outcome", "Guatemala", "Testing Secretariat", "Being adapted"},
		},
	}
	for lang, c := range cases {
		t.Run(lang, func(t *testing.T) {
			var buf, again bytes.Buffer
			if err := Render(cat, lang, opt, w, &buf); err != nil {
				t.Fatal(err)
			}
			if err := Render(cat, lang, opt, w, &again); err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(buf.Bytes(), again.Bytes()) {
				t.Errorf("two renders differ (%d and %d bytes)", buf.Len(), again.Len())
			}
			bk := readBook(t, lang, buf.Bytes())
			pageOf := func(id string) int {
				x := cat.Practice(id)
				for p := range bk.text(t) {
					if page := bk.page(t, p+1); strings.Contains(page, collapse(x.In(lang).Title)) && strings.Contains(page, collapse(x.In(lang).Summary)) {
						return p + 1
					}
				}
				t.Fatalf("no page shows %s", id)
				return 0
			}
			alpha, beta := pageOf("cr-alpha"), pageOf("pa-beta")
			table := len(bk.text(t))
			for _, c := range []struct {
				name string
				page int
				want []string
			}{{"cr-alpha", alpha, c.alpha}, {"pa-beta", beta, c.beta}, {"the exchange table", table, c.table}} {
				page := bk.page(t, c.page)
				for _, s := range c.want {
					if !strings.Contains(page, collapse(s)) {
						t.Errorf("%s's page %d lacks %q:\n%s", c.name, c.page, s, page)
					}
				}
			}
			// ni-hidden, its title, its visit from Honduras and its
			// visiting institution, is nowhere.
			all := collapse(strings.Join(bk.text(t), " "))
			for _, s := range []string{collapse(hidden.In("es").Title), "Zz", "Honduras", "Nicaragua"} {
				if strings.Contains(all, s) {
					t.Errorf("the book shows %q, of the restricted ni-hidden", s)
				}
			}
			// pa-beta's "Adapted from" row links to cr-alpha's page: a
			// link to it level with the row's label.
			label := strings.Fields(w.Get(lang, "adapted_from"))[0]
			var rowY float64
			for _, wd := range bk.words(t, beta, beta)[beta] {
				if wd.text == label {
					rowY = pageH*72/25.4 - (wd.y1+wd.y2)/2
				}
			}
			if rowY == 0 {
				t.Fatalf("no %q on pa-beta's page", label)
			}
			linked := false
			for _, l := range bk.links(t, beta, bk.pageOfRef(t)) {
				if l.dest == alpha && l.y1 <= rowY && rowY <= l.y2 {
					linked = true
				}
			}
			if !linked {
				t.Errorf("pa-beta's %q row has no link to cr-alpha's page %d", label, alpha)
			}
		})
	}
}
