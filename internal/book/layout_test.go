package book

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/pdfcpu/pdfcpu/pkg/api"

	"catalog/internal/load"
	"catalog/internal/model"
	"catalog/internal/words"
	"catalog/templates"
)

// bodyCase is a body and words that must be on the page after drawing.
type bodyCase struct {
	name, body string
	want       []string // each must appear in the text, in order
}

func wideTable(cols int) string {
	var b strings.Builder
	for r := range 3 {
		b.WriteString("|")
		for c := range cols {
			if r == 1 {
				b.WriteString(" --- |")
			} else {
				fmt.Fprintf(&b, " c%dr%d |", c, r)
			}
		}
		b.WriteString("\n")
	}
	return b.String()
}

var bodyCases = []bodyCase{
	{"image", "Antes.\n\n![foto de la sede](media/pic.png)\n\nDespués.", []string{"Antes.", "Después."}},
	{"missing image", "![Un mapa de la región](media/x.png)\n\nSigue.", []string{"Un mapa de la región", "Sigue."}},
	{"footnotes", "Nota al pie[^1].\n\n[^1]: El texto de la nota.", []string{"Nota al pie", "El texto de la nota."}},
	{"table", "| País | Año |\n| --- | ---: |\n| Costa Rica | 2019 |", []string{"País", "Año", "Costa Rica", "2019"}},
	{"long table", "| Fila | Dato |\n| --- | --- |\n" + strings.Repeat("| una fila | un dato |\n", 150) + "| última | fin |", []string{"última", "fin"}},
	{"tall table row", "| Tema | Nota |\n| --- | --- |\n| corto | " + strings.Repeat("palabra ", 1500) + "FINAL |", []string{"corto", "FINAL"}},
	// Forty columns leave each a character wide: the cells' text comes
	// out a character a line, which pdftotext reads across the columns.
	{"wide table", wideTable(40), nil},
	{"deep quote", strings.Repeat("> ", 45) + "CITA profunda", []string{"CITA", "profunda"}},
	{"deep list", strings.Repeat("- ", 35) + "LISTA profunda", []string{"LISTA", "profunda"}},
	{"long url", "Ver https://example.org/" + strings.Repeat("segmento/", 40) + "FIN ahora.", []string{"Ver", "ahora."}},
	{"long code", "```\n" + strings.Repeat("código", 60) + "FIN\n```", []string{"FIN"}},
	{"long paragraph", strings.Repeat("Texto de relleno para llenar varias páginas. ", 600) + "ÚLTIMA", []string{"ÚLTIMA"}},
}

// TestBodyLayout draws bodies that push the layout's limits (a table row
// taller than a page, forty columns, nesting deeper than the column is
// wide, words longer than a line) and holds every word pdftotext finds to
// the text area of its page: nothing drawn in the margins or off the
// paper, and the words that must be there are.
func TestBodyLayout(t *testing.T) {
	media := mediaFolder(t)
	const k = 72 / 25.4
	const tol = 0.5 // points
	for _, c := range bodyCases {
		t.Run(c.name, func(t *testing.T) {
			b := newTestBook(t, "es", media)
			b.newPage()
			drawBody(b, []byte(c.body))
			pdf := finish(t, b)
			path := writeTemp(t, "body.pdf", pdf)
			bk := &pdfBook{path: path}
			n := b.d.Pages()
			words := bk.words(t, 1, n)
			var text []string
			off := 0
			for p := 1; p <= n; p++ {
				for _, w := range words[p] {
					text = append(text, w.text)
					if w.x1 < marginL*k-tol || w.x2 > (pageW-marginR)*k+tol || w.y1 < top*k-tol || w.y2 > bottom*k+tol {
						if off++; off <= 5 {
							t.Errorf("page %d: %q at x %.0f–%.0f, y %.0f–%.0f pt from the top: outside the text area (x %.0f–%.0f, y %.0f–%.0f)",
								p, w.text, w.x1, w.x2, w.y1, w.y2, marginL*k, (pageW-marginR)*k, top*k, bottom*k)
						}
					}
				}
			}
			if off > 5 {
				t.Errorf("… %d words outside the text area in all", off)
			}
			all := strings.Join(text, " ")
			rest := all
			for _, w := range c.want {
				i := strings.Index(rest, w)
				if i < 0 {
					t.Errorf("%q missing (in order) from the text:\n%.2000s", w, all)
					break
				}
				rest = rest[i+len(w):]
			}
			if c.name == "image" && !bytes.Contains(pdf, []byte("/Subtype /Image")) {
				t.Errorf("the picture is not in the PDF")
			}
		})
	}
}

// TestLongFactsRow gives a practice of the sample catalog 80 partners, a
// row of its box of facts taller than a page, and holds every page's text
// to the text area: the row must continue on the next page, not run off
// the paper.
func TestLongFactsRow(t *testing.T) {
	cat, _, err := load.Catalog(sampleDir)
	if err != nil {
		t.Fatal(err)
	}
	const id = "cr-equipo-respuesta-inmediata"
	x := cat.Practice(id)
	if x == nil {
		t.Fatalf("no practice %s in the sample", id)
	}
	tx := x.Texts["es"]
	for i := range 80 {
		tx.Partners = append(tx.Partners, model.Institution{Name: fmt.Sprintf("Institución asociada número %d", i+1), Type: "ngo"})
	}
	w, err := words.Load(templates.For(sampleDir), cat.Config.Languages)
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := Render(cat.Public(), "es", Options{Date: testDate, Templates: templates.For(sampleDir)}, w, &buf); err != nil {
		t.Fatal(err)
	}
	bk := readBook(t, "es", buf.Bytes())
	checkTextArea(t, bk, cat.Config.Title.In("es", "es"), w.Get("es", "page_of"))
	if all := collapse(strings.Join(bk.text(t), " ")); !strings.Contains(all, "Institución asociada número 80") {
		t.Errorf("the last partner is missing from the book")
	}
}

// TestListMarkerStaysWithItem starts a list 6 mm above the bottom margin,
// room for the bullet but not for what its item opens with (a table, a
// heading, a code block): the bullet must go to the next page with the
// item, not stay behind alone.
func TestListMarkerStaysWithItem(t *testing.T) {
	for name, body := range map[string]string{
		"paragraph": "- ITEM de una línea",
		"table":     "- | ITEM | b |\n  | --- | --- |\n  | 1 | 2 |",
		"heading":   "- ## ITEM\n\n  texto",
		"code":      "- ```\n  ITEM\n  ```",
	} {
		t.Run(name, func(t *testing.T) {
			b := newTestBook(t, "es", nil)
			b.newPage()
			b.text(plain("Arriba"), marginL, textW, bodySize, 0, ink)
			b.y = bottom - 6
			drawBody(b, []byte(body))
			bk := &pdfBook{path: writeTemp(t, "list.pdf", finish(t, b))}
			words := bk.words(t, 1, b.d.Pages())
			where := map[string]int{}
			for p, ws := range words {
				for _, w := range ws {
					if _, ok := where[w.text]; !ok {
						where[w.text] = p
					}
				}
			}
			if where["•"] == 0 || where["ITEM"] == 0 {
				t.Fatalf("bullet or item missing: %v", words)
			}
			if where["•"] != where["ITEM"] {
				t.Errorf("the bullet is on page %d, its item on page %d", where["•"], where["ITEM"])
			}
		})
	}
}

// TestQuoteBarOnEveryPage draws a block quote four pages long: the bar
// beside a quote marks it on every page it covers, not only on the last.
func TestQuoteBarOnEveryPage(t *testing.T) {
	b := newTestBook(t, "es", nil)
	b.newPage()
	drawBody(b, []byte("> "+strings.Repeat("Cita larga que ocupa varias páginas. ", 500)))
	path := writeTemp(t, "quote.pdf", finish(t, b))
	n := b.d.Pages()
	if n < 3 {
		t.Fatalf("the quote takes %d pages; the test wants 3 or more", n)
	}
	qdf := filepath.Join(t.TempDir(), "quote.qdf.pdf")
	if out, err := exec.Command(tool(t, "qpdf"), "--qdf", "--object-streams=disable", path, qdf).CombinedOutput(); err != nil {
		t.Fatalf("qpdf --qdf: %v\n%s", err, out)
	}
	src, err := os.ReadFile(qdf)
	if err != nil {
		t.Fatal(err)
	}
	// The bar is a line at x = marginL + 1.2 mm: "X Y1 m X Y2 l S".
	x := fmt.Sprintf("%.2f ", (marginL+1.2)*72/25.4)
	bar := regexp.MustCompile(`(?m)^` + regexp.QuoteMeta(x) + `[\d.]+ m ` + regexp.QuoteMeta(x) + `[\d.]+ l S$`)
	parts := regexp.MustCompile(`%% Contents for page (\d+)`).Split(string(src), -1)
	if len(parts) != n+1 {
		t.Fatalf("qpdf shows %d content streams for %d pages", len(parts)-1, n)
	}
	for p := 1; p <= n; p++ {
		if !bar.MatchString(parts[p]) {
			t.Errorf("page %d of %d: no quote bar", p, n)
		}
	}
}

// TestFootnoteLinks: a footnote reference is a link to its note, in a
// practice's body and in the intro alike.
func TestFootnoteLinks(t *testing.T) {
	cat, _, err := load.Catalog(sampleDir)
	if err != nil {
		t.Fatal(err)
	}
	const id = "cr-equipo-respuesta-inmediata"
	note := "Texto con una nota[^1].\n\n[^1]: El texto de la nota.\n"
	cat.Intro = map[string][]byte{"es": []byte("Presentación breve. " + note)}
	x := cat.Practice(id)
	x.Texts["es"].Body = []byte("## Descripción\n\n" + note)
	w, err := words.Load(templates.For(sampleDir), cat.Config.Languages)
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := Render(cat.Public(), "es", Options{Date: testDate, Templates: templates.For(sampleDir)}, w, &buf); err != nil {
		t.Fatal(err)
	}
	bk := readBook(t, "es", buf.Bytes())
	bms, err := api.Bookmarks(bytes.NewReader(buf.Bytes()), pdfcpuConf())
	if err != nil {
		t.Fatal(err)
	}
	pageOf := bk.pageOfRef(t)
	outline := flatten(bms, 0, nil)
	for i, e := range outline {
		var what string
		switch {
		case e.title == w.Get("es", "intro"):
			what = "the intro"
		case e.title == x.Texts["es"].Title:
			what = "practice " + id
		default:
			continue
		}
		// The reference and its note are in the part's pages, up to the
		// next bookmark's; a link from there to there is the note's.
		last := outline[i+1].page
		if last > e.page {
			last--
		}
		found := false
		for p := e.page; p <= last; p++ {
			for _, l := range bk.links(t, p, pageOf) {
				found = found || (l.dest >= e.page && l.dest <= last)
			}
		}
		if !found {
			t.Errorf("%s (pages %d–%d): the footnote reference links nowhere", what, e.page, last)
		}
	}
}

// TestCodeBlockSpacing: a code block keeps its indentation and the runs
// of spaces within its lines, as the site's <pre> does. Its lines went
// through the paragraph breaker, which dropped the spaces at the start of
// a line and made a run of spaces one: every line began at the left edge.
func TestCodeBlockSpacing(t *testing.T) {
	b := newTestBook(t, "es", nil)
	b.newPage()
	drawBody(b, []byte("```\nfunc main() {\n    if x {\n        call(\"a    b\")\n    }\n}\n```\n"))
	at := wordsOf(t, b)
	fn, ifw, call, bw := at["func"], at["if"], at[`call("a`], at[`b")`]
	if fn.text == "" || ifw.text == "" || call.text == "" || bw.text == "" {
		t.Fatalf("words missing: %v", at)
	}
	char := (fn.x2 - fn.x1) / 4 // monospaced: "func" is four characters wide
	for _, c := range []struct {
		what      string
		got, want float64
	}{
		{"if's indent", ifw.x1 - fn.x1, 4 * char},
		{"call's indent", call.x1 - fn.x1, 8 * char},
		{`the gap in "a    b"`, bw.x1 - call.x2, 4 * char},
	} {
		if c.got < c.want-char/2 || c.got > c.want+char/2 {
			t.Errorf("%s: %.1f pt, want %.1f (%.0f characters)", c.what, c.got, c.want, c.want/char)
		}
	}
}

// TestWideListNumbers: an ordered list's numbers of three digits and more
// stand clear of their items' text. The items were indented 6 mm, room
// for "99.", and "100." ran under the text.
func TestWideListNumbers(t *testing.T) {
	b := newTestBook(t, "es", nil)
	b.newPage()
	drawBody(b, []byte("98. noventa y ocho\n99. noventa y nueve\n100. cien\n101. ciento uno\n"))
	at := wordsOf(t, b)
	for number, first := range map[string]string{"98.": "noventa", "100.": "cien", "101.": "ciento"} {
		n, w := at[number], at[first]
		if n.text == "" || w.text == "" {
			t.Errorf("%q or %q is not a word of its own: %v", number, first, at)
			continue
		}
		if n.x2 > w.x1 || n.x1 < marginL*72/25.4-0.5 {
			t.Errorf("%q spans %.1f–%.1f pt, its text starts at %.1f pt (margin %.1f)", number, n.x1, n.x2, w.x1, marginL*72/25.4)
		}
	}
}

// wordsOf finishes b and returns where pdftotext -bbox finds each word on
// its pages (of equal words, the last).
func wordsOf(t *testing.T, b *book) map[string]textWord {
	t.Helper()
	bk := &pdfBook{path: writeTemp(t, "body.pdf", finish(t, b))}
	at := map[string]textWord{}
	for _, ws := range bk.words(t, 1, b.d.Pages()) {
		for _, w := range ws {
			at[w.text] = w
		}
	}
	return at
}
