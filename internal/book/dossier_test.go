package book

import (
	"bytes"
	"fmt"
	"os/exec"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/pdfcpu/pdfcpu/pkg/api"

	"catalog/internal/load"
	"catalog/internal/model"
	"catalog/internal/words"
	"catalog/templates"
)

// siteCatalog is the site's test catalog: cr-alpha has an adaptation box
// and an exchange with an outcome; ni-hidden is restricted, its text
// marked "Zz".
const siteCatalog = "../site/testdata/catalog"

func loadCatalog(t *testing.T, dir string) (*model.Catalog, Options, *words.Words) {
	t.Helper()
	cat, _, err := load.Catalog(dir)
	if err != nil {
		t.Fatal(err)
	}
	opt := Options{Date: testDate, Templates: templates.For(dir)}
	w, err := words.Load(opt.Templates, cat.Config.Languages)
	if err != nil {
		t.Fatal(err)
	}
	return cat, opt, w
}

func renderDossier(t *testing.T, cat *model.Catalog, lang string, opt Options, w *words.Words, d Dossier) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := RenderDossier(cat, lang, opt, w, d, &buf); err != nil {
		t.Fatalf("RenderDossier %s: %v", lang, err)
	}
	return buf.Bytes()
}

// TestSampleDossier checks the sample's Costa Rica dossier in Spanish: a
// valid PDF (pdfcpu, qpdf) with embedded fonts, the practice and its
// worksheet, the outline, the same bytes twice.
func TestSampleDossier(t *testing.T) {
	sampleBooks(t)
	const cc, lang = "CR", "es"
	eri := sample.pub.Practice("cr-equipo-respuesta-inmediata")
	if eri == nil {
		t.Fatal("the sample has no cr-equipo-respuesta-inmediata")
	}
	d := CountryDossier(sample.cat, cc, lang)
	if !slices.ContainsFunc(d.Practices, func(x *model.Practice) bool { return x.ID == eri.ID }) || len(d.Regional) == 0 || !d.Exchanges {
		t.Fatalf("Costa Rica's dossier: %d practices, %d regional, exchanges %v", len(d.Practices), len(d.Regional), d.Exchanges)
	}
	for _, x := range d.Regional {
		if x.Scope != "regional" || !slices.Contains(x.Countries, cc) {
			t.Errorf("%s is among Costa Rica's regional practices", x.ID)
		}
	}
	pdf := renderDossier(t, sample.cat, lang, sample.opt, sample.w, d)
	if again := renderDossier(t, sample.cat, lang, sample.opt, sample.w, d); !bytes.Equal(pdf, again) {
		t.Errorf("two renders differ (%d and %d bytes)", len(pdf), len(again))
	}
	bk := readBook(t, lang, pdf)
	word := func(key string) string { return sample.w.Get(lang, key) }

	t.Run("pdfcpu", func(t *testing.T) {
		if err := api.ValidateContext(bk.ctx); err != nil {
			t.Errorf("pdfcpu validate (strict): %v", err)
		}
	})
	t.Run("qpdf", func(t *testing.T) {
		if out, err := exec.Command(tool(t, "qpdf"), "--check", bk.path).CombinedOutput(); err != nil {
			t.Errorf("qpdf --check: %v\n%s", err, out)
		}
	})
	t.Run("fonts", func(t *testing.T) { checkFontsEmbedded(t, bk.path) })
	t.Run("text", func(t *testing.T) {
		all := collapse(strings.Join(bk.text(t), " "))
		wants := []string{"Costa Rica", collapse(eri.In(lang).Title), "Hoja de factibilidad", "¿Existe en su país…?",
			collapse(sampleTitle(lang)), "Intercambios recibidos"}
		// The worksheet's checklist, once the sample says what adapting
		// the practice takes; till then, the line that says it does not.
		if a := eri.In(lang).Adaptation; a != nil && len(a.Requires) > 0 {
			for _, code := range a.Requires {
				wants = append(wants, sample.cat.Config.Label(&sample.cat.Config.Requirements, code, lang))
			}
		} else {
			wants = append(wants, word("worksheet_not_recorded"))
		}
		for _, want := range wants {
			if !strings.Contains(all, want) {
				t.Errorf("the dossier lacks %q", want)
			}
		}
		for _, x := range d.Regional {
			if s := collapse(x.In(lang).Title); !strings.Contains(all, s) {
				t.Errorf("the regional practice %s's title %q is missing", x.ID, s)
			}
		}
		if hidden := sample.cat.Practice(restrictedID); hidden != nil {
			for _, s := range []string{collapse(hidden.In(lang).Title), collapse(hidden.In(lang).Summary)} {
				if strings.Contains(all, s) {
					t.Errorf("the dossier shows restricted %s: %q", restrictedID, s)
				}
			}
		}
		// The cover lists what the dossier holds, with dot leaders to the
		// pages.
		cover := pdftotext(t, bk.path, 1, 1, "-layout")
		for _, want := range []string{regexp.QuoteMeta(eri.In(lang).Title) + "( +\\.){3,} +2\n", word("exchanges") + "( +\\.){3,} +[0-9]+\n", word("dossier_holds") + "\n"} {
			if !regexp.MustCompile(want).MatchString(cover) {
				t.Errorf("the cover's contents lack %q:\n%s", want, cover)
			}
		}
		// The worksheets close the dossier, one page each.
		pages := bk.text(t)
		n := len(pages)
		for i, x := range d.Practices {
			p := collapse(pages[n-len(d.Practices)+i])
			if !strings.HasPrefix(strings.TrimPrefix(p, collapse(sampleTitle(lang))+" "+word("worksheets")+" "), word("worksheet")+" "+collapse(x.In(lang).Title)) {
				t.Errorf("page %d is not %s's worksheet: %.120q", n-len(d.Practices)+i+1, x.ID, p)
			}
		}
	})
	t.Run("outline", func(t *testing.T) {
		bms, err := api.Bookmarks(bytes.NewReader(pdf), pdfcpuConf())
		if err != nil {
			t.Fatal(err)
		}
		var top []string
		for _, bm := range bms {
			top = append(top, bm.Title)
		}
		want := []string{word("dossier_cover"), fmt.Sprintf(word("dossier_practices_of"), "Costa Rica"), word("regional_practices"), word("exchanges"), word("worksheets")}
		if !slices.Equal(top, want) {
			t.Fatalf("outline %q, want %q", top, want)
		}
		for _, i := range []int{1, 4} {
			var kids []string
			for _, k := range bms[i].Kids {
				kids = append(kids, k.Title)
			}
			var titles []string
			for _, x := range d.Practices {
				titles = append(titles, x.In(lang).Title)
			}
			if !slices.Equal(kids, titles) {
				t.Errorf("%s holds %q, want %q", bms[i].Title, kids, titles)
			}
		}
	})
}

// sampleTitle is the sample catalog's title in lang.
func sampleTitle(lang string) string {
	return sample.cat.Config.Title.In(lang, sample.cat.Config.DefaultLanguage())
}

// checkFontsEmbedded fails unless pdffonts lists fonts, all embedded.
func checkFontsEmbedded(t *testing.T, path string) {
	t.Helper()
	out, err := exec.Command(tool(t, "pdffonts"), path).CombinedOutput()
	if err != nil {
		t.Fatalf("pdffonts: %v\n%s", err, out)
	}
	lines := strings.Split(strings.TrimSpace(string(out)), "\n")
	if len(lines) < 2+2 {
		t.Errorf("fewer than 2 fonts:\n%s", out)
	}
	for _, line := range lines[min(2, len(lines)):] {
		if f := strings.Fields(line); len(f) < 6 || f[len(f)-5] != "yes" {
			t.Errorf("font not embedded: %s", line)
		}
	}
}

// TestWriteDossiers: a dossier per country with a page, per language, each
// the bytes RenderDossier gives; none shows the restricted practice (its
// text marked "Zz"), not even the dossier of a country it names.
func TestWriteDossiers(t *testing.T) {
	cat, opt, w := loadCatalog(t, siteCatalog)
	hidden := cat.Practice("ni-hidden")
	if hidden == nil || !hidden.Restricted() {
		t.Fatal("the test catalog has no restricted ni-hidden")
	}
	codes := DossierCountries(cat)
	if !slices.Equal(codes, []string{"BZ", "CR", "GT", "PA"}) {
		t.Errorf("dossiers for %q, want BZ (in a regional practice) CR GT PA (not NI or HN, named only by the restricted practice)", codes)
	}
	out := &memOut{files: map[string][]byte{}}
	if err := WriteDossiers(cat, opt, out); err != nil {
		t.Fatal(err)
	}
	if len(out.files) != len(codes)*len(cat.Config.Languages) {
		t.Errorf("%d files, want %d", len(out.files), len(codes)*len(cat.Config.Languages))
	}
	for _, lang := range cat.Config.Languages {
		for _, cc := range codes {
			name := DossierName(lang, cc)
			if want := "/countries/" + strings.ToLower(cc) + "/dossier.pdf"; !strings.HasSuffix(name, want) || !strings.HasPrefix(name, lang+"/") {
				t.Errorf("DossierName(%s, %s) = %s", lang, cc, name)
			}
			pdf := renderDossier(t, cat, lang, opt, w, CountryDossier(cat, cc, lang))
			if !bytes.Equal(out.files[name], pdf) {
				t.Errorf("%s differs from RenderDossier's", name)
			}
			text := pdftotext(t, writeTemp(t, "d.pdf", pdf), 0, 0)
			if strings.Contains(text, "Zz") {
				t.Errorf("%s shows the restricted practice's text", name)
			}
		}
	}
	// Handed the restricted practice itself, a dossier leaves it out.
	pdf := renderDossier(t, cat, "es", opt, w, Dossier{Host: "NI", Practices: []*model.Practice{hidden, cat.Practice("cr-alpha")}, Regional: []*model.Practice{hidden}, Exchanges: true})
	text := pdftotext(t, writeTemp(t, "ni.pdf", pdf), 0, 0)
	if strings.Contains(text, "Zz") || strings.Contains(text, hidden.In("es").Title) {
		t.Error("a dossier handed a restricted practice shows it")
	}
	if !strings.Contains(collapse(text), collapse(cat.Practice("cr-alpha").In("es").Title)) {
		t.Error("the public practice beside it is missing")
	}
}

// TestDossierWorksheet: the worksheet asks about the visitors' country,
// lists the practice's requirements with their labels, its cost; the
// exchanges say their outcome in words.
func TestDossierWorksheet(t *testing.T) {
	cat, opt, w := loadCatalog(t, siteCatalog)
	alpha := cat.Practice("cr-alpha")
	for _, tc := range []struct {
		lang     string
		visitors []string
		want     []string
	}{
		{"es", []string{"HN"}, []string{"Delegación de Honduras", "¿Existe en Honduras…?", "Base legal", "Capacidad de albergue", "Personal especializado", "Costo estimado de la adaptación: Medio", "Equipo visitante"}},
		{"es", []string{"PA", "HN"}, []string{"Delegación de Honduras y Panamá", "¿Existe en Honduras o Panamá…?"}},
		{"en", []string{"HN"}, []string{"Delegation from Honduras", "Does Honduras have…?", "Legal basis", "Shelter capacity", "Estimated cost of adapting it: Medium", "Feasibility worksheet"}},
		{"en", nil, []string{"Does your country have…?"}},
	} {
		pdf := renderDossier(t, cat, tc.lang, opt, w, Dossier{Host: "CR", Visitors: tc.visitors, Practices: []*model.Practice{alpha}})
		text := collapse(pdftotext(t, writeTemp(t, "w.pdf", pdf), 0, 0))
		for _, s := range tc.want {
			if !strings.Contains(text, s) {
				t.Errorf("%s %v: no %q", tc.lang, tc.visitors, s)
			}
		}
	}
	// Every requirement of the vocabulary, and many sources: the worksheet
	// still takes one page.
	full := *alpha
	text := *alpha.In("es")
	text.Adaptation = &model.Adaptation{Requires: cat.Config.Requirements.Slugs(), Cost: "high", Note: strings.Repeat("Una nota larga sobre la adaptación. ", 6)}
	full.Texts = map[string]*model.Text{"es": &text}
	full.Source = &text
	for i := range 6 {
		full.Sources = append(full.Sources, model.Source{Title: fmt.Sprintf("Fuente adicional %d con un título largo, como los de los informes oficiales", i), Publisher: "Editorial", Year: 2020})
	}
	if len(text.Adaptation.Requires) < 8 {
		t.Fatalf("the vocabulary has %d requirements", len(text.Adaptation.Requires))
	}
	list := slices.Clone(cat.Practices)
	list[slices.Index(list, alpha)] = &full
	big := model.New(cat.Dir, cat.Config, list, nil)
	pdf := renderDossier(t, big, "es", opt, w, Dossier{Visitors: []string{"HN"}, Practices: []*model.Practice{&full}})
	pages := strings.Split(pdftotext(t, writeTemp(t, "full.pdf", pdf), 0, 0), "\f")
	sheets := 0
	for _, p := range pages {
		if strings.Contains(p, w.Get("es", "worksheets")) { // the running header
			sheets++
		}
	}
	if sheets != 1 {
		t.Errorf("a worksheet with %d requirements takes %d pages, want 1", len(text.Adaptation.Requires), sheets)
	}
	all := collapse(strings.Join(pages, " "))
	for _, code := range text.Adaptation.Requires {
		if l := cat.Config.Label(&cat.Config.Requirements, code, "es"); !strings.Contains(all, l) {
			t.Errorf("no requirement %q", l)
		}
	}

	// A practice without adaptation data gets the worksheet all the same.
	beta := cat.Practice("pa-beta")
	if beta.In("es").Adaptation != nil {
		t.Fatal("pa-beta has an adaptation now: pick another practice without one")
	}
	pdf = renderDossier(t, cat, "es", opt, w, Dossier{Practices: []*model.Practice{beta}})
	all = collapse(pdftotext(t, writeTemp(t, "b.pdf", pdf), 0, 0))
	for _, s := range []string{"Hoja de factibilidad", w.Get("es", "worksheet_not_recorded"), "Costo estimado de la adaptación: Desconocido"} {
		if !strings.Contains(all, s) {
			t.Errorf("pa-beta's worksheet: no %q", s)
		}
	}
	// The exchanges of Costa Rica's dossier: the outcome in words, its note.
	pdf = renderDossier(t, cat, "en", opt, w, CountryDossier(cat, "CR", "en"))
	all = collapse(pdftotext(t, writeTemp(t, "cr.pdf", pdf), 0, 0))
	note := collapse(alpha.In("en").Exchanges[0].OutcomeNote)
	if !strings.Contains(all, "Outcome: Being adapted. "+note) {
		t.Errorf("Costa Rica's exchanges lack the outcome and its note %q", note)
	}
}
