package book

import (
	"bytes"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/pdfcpu/pdfcpu/pkg/api"
)

// leaderLine is a line of pdftotext -layout that ends in dot leaders and
// a page number.
var leaderLine = regexp.MustCompile(`(?m)\S( +\.){3,} +([0-9]+)$`)

// TestSampleParts: in both languages, the sample book's cover holds the
// title, subtitle, publisher, the edition of catalog.yaml and the date in
// words; the imprint (page 2) © the publisher and the year, the edition
// and its date, the default disclaimer and the citation made of the
// catalog's fields; each chapter opens on a page of its own with its
// number and title and its practices, each with dot leaders to its page,
// the page of the practice, which follows; the contents and the indexes
// have leaders too.
func TestSampleParts(t *testing.T) {
	sampleBooks(t)
	cfg := sample.cat.Config
	for _, lang := range cfg.Languages {
		t.Run(lang, func(t *testing.T) {
			bk := readBook(t, lang, sample.pdfs[lang])
			word := func(key string) string { return sample.w.Get(lang, key) }
			def := cfg.DefaultLanguage()
			title, subtitle, publisher := cfg.Title.In(lang, def), cfg.Subtitle.In(lang, def), cfg.Publisher.In(lang, def)
			edition := map[string]string{"es": "Primera edición", "en": "First edition"}[lang]
			if got := cfg.Edition.In(lang, def); got != edition {
				t.Fatalf("the sample's edition in %s is %q, want %q", lang, got, edition)
			}
			date := sample.w.Date(lang, testDate)

			cover := bk.page(t, 1)
			for _, want := range []string{title, subtitle, publisher, edition, date, "Argentina", "Costa Rica"} {
				if !strings.Contains(cover, collapse(want)) {
					t.Errorf("the cover lacks %q:\n%s", want, cover)
				}
			}

			imprint := bk.page(t, imprintPage)
			citation := fmt.Sprintf("%s (2026). %s: %s. %s.", publisher, title, subtitle, edition)
			for _, want := range []string{
				title,
				fmt.Sprintf(word("imprint_copyright"), publisher, 2026),
				fmt.Sprintf(word("imprint_edition"), edition, date),
				word("imprint_disclaimer"),
				word("imprint_citation") + " " + citation,
			} {
				if !strings.Contains(imprint, collapse(want)) {
					t.Errorf("the imprint lacks %q:\n%s", want, imprint)
				}
			}
			if strings.Contains(imprint, fmt.Sprintf(word("page_of"), imprintPage, len(bk.text(t)))) {
				t.Errorf("the imprint has a footer:\n%s", imprint)
			}

			// The chapter openers, as the outline finds them.
			bms := bookOutline(t, bk)
			b := &book{cat: sample.pub, cfg: cfg, lang: lang, words: sample.w}
			chapters := b.chapters()
			n := 0
			for i, e := range bms {
				if e.level != 0 {
					continue
				}
				var ch *chapter
				for j := range chapters {
					if chapters[j].title == e.title {
						ch = &chapters[j]
						n = j + 1
					}
				}
				if ch == nil {
					continue // the acronyms, intro, indexes
				}
				page := bk.page(t, e.page)
				if !strings.Contains(page, fmt.Sprintf(word("chapter_n"), n)+" "+collapse(ch.title)) {
					t.Errorf("chapter %q: page %d does not open it with its number:\n%s", ch.title, e.page, page)
				}
				layoutText := pdftotext(t, bk.path, e.page, e.page, "-layout")
				numbers := leaderLine.FindAllStringSubmatch(layoutText, -1)
				if len(numbers) != len(ch.practices) {
					t.Errorf("chapter %q: %d lines with leaders on its opener, want one per practice (%d):\n%s", ch.title, len(numbers), len(ch.practices), layoutText)
				}
				for k, x := range ch.practices {
					if !strings.Contains(page, collapse(x.In(lang).Title)) {
						t.Errorf("chapter %q: its opener does not list %s", ch.title, x.ID)
					}
					// The practice's bookmark follows the chapter's.
					if i+1+k >= len(bms) || bms[i+1+k].title != x.In(lang).Title {
						t.Fatalf("chapter %q: the outline does not follow it with %s", ch.title, x.ID)
					}
					want := bms[i+1+k].page
					if k == 0 && want != e.page+1 {
						t.Errorf("chapter %q: its first practice is on page %d, not on the page after its opener (%d)", ch.title, want, e.page)
					}
					if k < len(numbers) && numbers[k][2] != strconv.Itoa(want) {
						t.Errorf("chapter %q: its opener gives %s page %s, want %d", ch.title, x.ID, numbers[k][2], want)
					}
				}
			}
			if n != len(chapters) {
				t.Errorf("%d chapter openers found, want %d", n, len(chapters))
			}

			// Leaders in the contents and the indexes.
			contents := pdftotext(t, bk.path, contentsPage, contentsPage, "-layout")
			if got := len(leaderLine.FindAllString(contents, -1)); got < len(chapters)+3 {
				t.Errorf("the contents have %d lines with leaders:\n%s", got, contents)
			}
			for _, e := range bms {
				if e.title == word("index_by_theme") || e.title == word("index_by_country") {
					text := pdftotext(t, bk.path, e.page, e.page, "-layout")
					if got := len(leaderLine.FindAllString(text, -1)); got < 5 {
						t.Errorf("%s: %d lines with leaders:\n%s", e.title, got, text)
					}
				}
			}
		})
	}
}

// TestSampleNoRestrictedChapter: a chapter whose practices are all
// restricted has no opener, and the restricted practice is on no opener
// nor on the cover or imprint. The sample's restricted practice is El
// Salvador's own; the country takes part in public regional practices.
func TestSampleNoRestrictedChapter(t *testing.T) {
	sampleBooks(t)
	hidden := sample.cat.Practice(restrictedID)
	if hidden == nil || hidden.Countries[0] != "SV" {
		t.Fatalf("the sample's restricted practice is not El Salvador's: %v", hidden)
	}
	for _, x := range sample.pub.Practices {
		if x.Scope != "regional" && len(x.Countries) > 0 && x.Countries[0] == "SV" {
			t.Fatalf("%s: a public practice of El Salvador's chapter: this test needs none", x.ID)
		}
	}
	for _, lang := range sample.cat.Config.Languages {
		bk := readBook(t, lang, sample.pdfs[lang])
		name := (&book{lang: lang}).country("SV")
		for _, e := range bookOutline(t, bk) {
			if e.title == name {
				t.Errorf("%s: a chapter %q", lang, name)
			}
		}
		text := collapse(strings.Join(bk.text(t)[:contentsPage], " "))
		for _, tx := range hidden.Texts {
			if strings.Contains(text, collapse(tx.Title)) {
				t.Errorf("%s: the cover or imprint shows %q", lang, tx.Title)
			}
		}
	}
}

func bookOutline(t *testing.T, bk *pdfBook) []outlineEntry {
	t.Helper()
	bms, err := api.Bookmarks(bytes.NewReader(bk.pdf), pdfcpuConf())
	if err != nil {
		t.Fatal(err)
	}
	return flatten(bms, 0, nil)
}

// TestBookPartsConfigured: catalog.yaml's edition, disclaimer, citation,
// cover image and logos, on the cover and the imprint of both languages;
// the citation generated with base_url; with no date, no year.
func TestBookPartsConfigured(t *testing.T) {
	dir := copyCatalog(t, siteCatalog)
	writePNG(t, filepath.Join(dir, "media", "cover.png"), 300, 200)
	writePNG(t, filepath.Join(dir, "media", "logo-a.png"), 120, 60)
	writePNG(t, filepath.Join(dir, "media", "logo-b.png"), 60, 60)
	appendFile(t, filepath.Join(dir, "catalog.yaml"), `
edition: {es: Segunda edición revisada, en: Second revised edition}
book:
  cover_image: media/cover.png
  logos: [media/logo-a.png, media/logo-b.png, media/missing.png]
  disclaimer:
    es: Aviso propio del catálogo.
    en: The catalog's own notice.
  citation:
    es: Cita escrita a mano.
`)
	cat, opt, w := loadCatalog(t, dir)
	for _, lang := range cat.Config.Languages {
		var buf bytes.Buffer
		if err := Render(cat, lang, opt, w, &buf); err != nil {
			t.Fatal(err)
		}
		bk := readBook(t, lang, buf.Bytes())
		edition := map[string]string{"es": "Segunda edición revisada", "en": "Second revised edition"}[lang]
		cover := bk.page(t, 1)
		for _, want := range []string{edition, w.Date(lang, testDate), "Costa Rica", "Panamá"} {
			if lang == "en" && want == "Panamá" {
				want = "Panama"
			}
			if !strings.Contains(cover, want) {
				t.Errorf("%s: the cover lacks %q:\n%s", lang, want, cover)
			}
		}
		if strings.Contains(cover, "Nicaragua") {
			t.Errorf("%s: the cover names Nicaragua, whose only practice is restricted:\n%s", lang, cover)
		}
		if got := imagesOn(t, bk.path, 1); got != 3 {
			t.Errorf("%s: %d images on the cover, want the cover image and the 2 logos that exist", lang, got)
		}
		imprint := bk.page(t, imprintPage)
		disclaimer := map[string]string{"es": "Aviso propio del catálogo.", "en": "The catalog's own notice."}[lang]
		for _, want := range []string{disclaimer, "Cita escrita a mano.", fmt.Sprintf(w.Get(lang, "imprint_edition"), edition, w.Date(lang, testDate))} {
			// The citation in Spanish alone stands for every language.
			if !strings.Contains(imprint, want) {
				t.Errorf("%s: the imprint lacks %q:\n%s", lang, want, imprint)
			}
		}
		if strings.Contains(imprint, collapse(w.Get(lang, "imprint_disclaimer"))) {
			t.Errorf("%s: the imprint has the default disclaimer too", lang)
		}
	}

	// Without a citation of its own: generated, with the site's address
	// in the book's language; without a date: no year.
	cat, opt, w = loadCatalog(t, siteCatalog)
	opt.Date = time.Time{}
	var buf bytes.Buffer
	if err := Render(cat, "en", opt, w, &buf); err != nil {
		t.Fatal(err)
	}
	bk := readBook(t, "en", buf.Bytes())
	imprint := bk.page(t, imprintPage)
	if want := "Test team (n.d.). Test catalog: A small catalog for the site's tests. https://example.org/catalogo/en/"; !strings.Contains(imprint, want) {
		t.Errorf("the imprint lacks the citation %q:\n%s", want, imprint)
	}
	if strings.Contains(imprint, "©") && !strings.Contains(imprint, "© Test team ") {
		t.Errorf("with no date, the © line names a year:\n%s", imprint)
	}
}

// imagesOn counts the images drawn on page p, as pdfimages lists them.
func imagesOn(t *testing.T, path string, p int) int {
	t.Helper()
	out, err := exec.Command(tool(t, "pdfimages"), "-list", "-f", strconv.Itoa(p), "-l", strconv.Itoa(p), path).CombinedOutput()
	if err != nil {
		t.Fatalf("pdfimages: %v\n%s", err, out)
	}
	n := 0
	for _, line := range strings.Split(string(out), "\n")[2:] {
		if f := strings.Fields(line); len(f) > 2 && f[2] == "image" {
			n++
		}
	}
	return n
}

// copyCatalog copies a catalog folder into a temporary one.
func copyCatalog(t *testing.T, src string) string {
	t.Helper()
	dst := t.TempDir()
	if err := os.CopyFS(dst, os.DirFS(src)); err != nil {
		t.Fatal(err)
	}
	return dst
}

func appendFile(t *testing.T, path, text string) {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, append(data, text...), 0o644); err != nil {
		t.Fatal(err)
	}
}

// writePNG writes a w×h PNG of two colours.
func writePNG(t *testing.T, path string, w, h int) {
	t.Helper()
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	for y := range h {
		for x := range w {
			c := color.RGBA{0x2e, 0x6d, 0xa4, 0xff}
			if (x/20+y/20)%2 == 0 {
				c = color.RGBA{0xf1, 0xf3, 0xf7, 0xff}
			}
			img.Set(x, y, c)
		}
	}
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
}

// TestCoverLongTitle: a title of many lines is set smaller and ends above
// the countries and the edition at the foot of the cover.
func TestCoverLongTitle(t *testing.T) {
	cat, opt, w := loadCatalog(t, siteCatalog)
	cfg := *cat.Config
	long := strings.Repeat("Catálogo regional de buenas prácticas interinstitucionales ", 6) + "Finaltitular"
	cfg.Title = map[string]string{"es": long}
	cfg.Subtitle = map[string]string{"es": strings.Repeat("Un subtítulo largo que no termina ", 5) + "Finalsubtitulo"}
	c := *cat
	c.Config = &cfg
	var buf bytes.Buffer
	if err := Render(&c, "es", opt, w, &buf); err != nil {
		t.Fatal(err)
	}
	bk := readBook(t, "es", buf.Bytes())
	words := bk.words(t, 1, 1)[1]
	at := func(s string) float64 {
		for _, wd := range words {
			if wd.text == s {
				return wd.y2
			}
		}
		t.Fatalf("the cover lacks %q", s)
		return 0
	}
	title, sub := at("Finaltitular"), at("Finalsubtitulo")
	if title >= sub || sub >= at("Belice") || at("Belice") >= at("Edición") {
		t.Errorf("the cover's parts overlap: title ends at %.0f pt, subtitle at %.0f, countries at %.0f, edition at %.0f", title, sub, at("Belice"), at("Edición"))
	}
}
