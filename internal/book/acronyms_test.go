package book

import (
	"bytes"
	"slices"
	"strings"
	"testing"

	"catalog/internal/model"
)

// TestSampleAcronyms: the sample's Spanish book has a list of acronyms
// ("Siglas") on a page of its own after the contents, each acronym beside
// its name, in the contents and the outline.
func TestSampleAcronyms(t *testing.T) {
	sampleBooks(t)
	bk := readBook(t, "es", sample.pdfs["es"])
	heading := sample.w.Get("es", "acronyms")
	if heading != "Siglas" {
		t.Fatalf("the Spanish word for acronyms is %q, want Siglas", heading)
	}
	page := 0
	for p := range bk.text(t) {
		if strings.Contains(bk.page(t, p+1), "CONATT Coalición Nacional contra el Tráfico Ilícito de Migrantes y la Trata de Personas") {
			page = p + 1
			break
		}
	}
	if page == 0 {
		t.Fatal("no page shows CONATT beside its name")
	}
	if text := bk.page(t, page); !strings.Contains(text, heading) {
		t.Errorf("page %d lists the acronyms without the heading %q:\n%s", page, heading, text)
	}
	if !strings.Contains(bk.page(t, contentsPage), heading) {
		t.Errorf("the contents lack %q:\n%s", heading, bk.page(t, contentsPage))
	}
	// The acronyms in the book's order are the list's, in Spanish collation.
	list := acronyms(sample.pub, "es")
	var pos []int
	text := bk.page(t, page)
	for _, a := range list {
		i := strings.Index(text, a.acronym+" ")
		if i < 0 {
			t.Fatalf("page %d lacks %s", page, a.acronym)
		}
		pos = append(pos, i)
	}
	if !slices.IsSorted(pos) {
		t.Errorf("the acronyms are not in the list's order on page %d:\n%s", page, text)
	}
}

// TestAcronyms: the list of the site's test catalog, with partners added
// that Spanish sorts otherwise than bytes do and an acronym with two
// names; the restricted practice's acronym is never drawn; two renders
// give the same bytes.
func TestAcronyms(t *testing.T) {
	cat, opt, w := loadCatalog(t, siteCatalog)
	hidden := cat.Practice("ni-hidden")
	if hidden == nil || !hidden.Restricted() {
		t.Fatal("the test catalog has no restricted ni-hidden")
	}
	if !slices.ContainsFunc(hidden.Texts["es"].Institutions, func(in model.Institution) bool { return in.Acronym == "ZZOCULTA" }) {
		t.Fatal("ni-hidden's institution has no acronym ZZOCULTA")
	}
	x := cat.Practice("cr-alpha")
	x.Texts["es"].Partners = append(x.Texts["es"].Partners,
		model.Institution{Acronym: "ÑANDÚ", Name: "Asociación Ñandú"},
		model.Institution{Acronym: "ÁBACO", Name: "Fundación Ábaco"},
		model.Institution{Acronym: "NUBE", Name: "Red Nube"},
		model.Institution{Acronym: "OSO", Name: "Observatorio"},
		model.Institution{Acronym: "MP", Name: "Ministerio Público"},
		model.Institution{Acronym: "MP", Name: "Ministerio de Prueba"}, // again
	)
	var got []string
	for _, a := range acronyms(cat.Public(), "es") {
		got = append(got, a.acronym+": "+strings.Join(a.names, " | "))
	}
	want := []string{
		"ÁBACO: Fundación Ábaco",
		"MP: Ministerio de Prueba | Ministerio Público",
		"NUBE: Red Nube",
		"ÑANDÚ: Asociación Ñandú",
		"OSO: Observatorio",
	}
	if !slices.Equal(got, want) {
		t.Errorf("acronyms:\n got %q\nwant %q", got, want)
	}
	if a := acronyms(cat, "es"); slices.ContainsFunc(a, func(a acronym) bool { return a.acronym == "ZZOCULTA" }) {
		t.Error("the list holds a restricted practice's acronym")
	}

	var one, two bytes.Buffer
	if err := Render(cat, "es", opt, w, &one); err != nil {
		t.Fatal(err)
	}
	if err := Render(cat, "es", opt, w, &two); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(one.Bytes(), two.Bytes()) {
		t.Errorf("two renders differ (%d and %d bytes)", one.Len(), two.Len())
	}
	bk := readBook(t, "es", one.Bytes())
	all := collapse(strings.Join(bk.text(t), " "))
	for _, s := range []string{"ZZOCULTA", "Zzoculta"} {
		if strings.Contains(all, s) {
			t.Errorf("the book shows the restricted practice's %q", s)
		}
	}
	page := bk.page(t, contentsPage+1)
	if !strings.HasPrefix(page, collapse(cat.Config.Title.In("es", cat.Config.DefaultLanguage()))+" Siglas Siglas") {
		t.Errorf("page %d is not the list of acronyms:\n%s", contentsPage+1, page)
	}
	last := -1
	for _, s := range []string{"ÁBACO Fundación Ábaco", "MP Ministerio de Prueba; Ministerio Público", "NUBE Red Nube", "ÑANDÚ Asociación Ñandú", "OSO Observatorio"} {
		i := strings.Index(page, s)
		if i < 0 {
			t.Errorf("page %d lacks %q:\n%s", contentsPage+1, s, page)
			continue
		}
		if i < last {
			t.Errorf("%q out of order:\n%s", s, page)
		}
		last = i
	}

	// No acronym, no list.
	for _, x := range cat.Practices {
		for _, tx := range x.Texts {
			for i := range tx.Institutions {
				tx.Institutions[i].Acronym = ""
			}
			for i := range tx.Partners {
				tx.Partners[i].Acronym = ""
			}
		}
	}
	var none bytes.Buffer
	if err := Render(cat, "es", opt, w, &none); err != nil {
		t.Fatal(err)
	}
	if all := collapse(strings.Join(readBook(t, "es", none.Bytes()).text(t), " ")); strings.Contains(all, "Siglas") {
		t.Error("a catalog without acronyms has a list of them")
	}
}
