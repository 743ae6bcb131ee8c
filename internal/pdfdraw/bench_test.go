package pdfdraw

import (
	"bytes"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"runtime"
	"strings"
	"testing"
	"time"
)

// spanishLines is body text for the benchmarks.
var spanishLines = []string{
	"La práctica protege a las víctimas de trata y asegura su acceso a la justicia.",
	"El equipo interinstitucional coordinó la atención psicosocial y jurídica.",
	"Se capacitó a 1.200 funcionarios en la identificación temprana de víctimas.",
	"“Ninguna niña, niño o adolescente será devuelto sin evaluación de riesgo.”",
	"Evaluación: reducción del 35 % en la revictimización — según el informe anual.",
}

func buildBenchDoc(b testing.TB, pages int) *Doc {
	d, err := New(Options{Info: Info{Title: "Benchmark", Lang: "es", Created: created}})
	if err != nil {
		b.Fatal(err)
	}
	for p := range pages {
		d.AddPage()
		for l := range 50 {
			d.Text(20, 20+float64(l)*5, fmt.Sprintf("%d.%d %s", p, l, spanishLines[(p+l)%len(spanishLines)]), Regular, 10, black)
		}
	}
	return d
}

type countWriter int

func (c *countWriter) Write(p []byte) (int, error) {
	*c += countWriter(len(p))
	return len(p), nil
}

// BenchmarkText draws pages of 50 lines of Spanish text with Text and writes
// the document; ns/page must stay flat as pages grow.
func BenchmarkText(b *testing.B) {
	for _, pages := range []int{100, 1000} {
		b.Run(fmt.Sprintf("pages=%d", pages), func(b *testing.B) {
			b.ReportAllocs()
			var size int
			for b.Loop() {
				d := buildBenchDoc(b, pages)
				var cw countWriter
				if err := d.Output(&cw); err != nil {
					b.Fatal(err)
				}
				size = int(cw)
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*pages), "ns/page")
			b.ReportMetric(float64(size), "bytes")
		})
	}
}

// BenchmarkOutput draws books of 1,000 and 3,000 pages (as BenchmarkText);
// output-ms is the time of Output alone and held-MB the heap in use just
// before Output (the compressed pages).
func BenchmarkOutput(b *testing.B) {
	for _, pages := range []int{1000, 3000} {
		b.Run(fmt.Sprintf("pages=%d", pages), func(b *testing.B) {
			b.ReportAllocs()
			var size int
			var output time.Duration
			var held uint64
			for b.Loop() {
				d := buildBenchDoc(b, pages)
				b.StopTimer()
				runtime.GC()
				var ms runtime.MemStats
				runtime.ReadMemStats(&ms)
				held = ms.HeapAlloc
				b.StartTimer()
				var cw countWriter
				start := time.Now()
				if err := d.Output(&cw); err != nil {
					b.Fatal(err)
				}
				output += time.Since(start)
				size = int(cw)
			}
			b.ReportMetric(float64(output.Milliseconds())/float64(b.N), "output-ms")
			b.ReportMetric(float64(size), "bytes")
			b.ReportMetric(float64(held)/(1<<20), "held-MB")
		})
	}
}

// palettedPNG returns an 8-bit indexed PNG.
func palettedPNG(t testing.TB) []byte {
	t.Helper()
	pal := color.Palette{color.White, color.Black, color.RGBA{200, 30, 30, 255}, color.RGBA{20, 60, 160, 255}}
	img := image.NewPaletted(image.Rect(0, 0, 24, 24), pal)
	for y := range 24 {
		for x := range 24 {
			img.SetColorIndex(x, y, uint8((x/6+y/6)%4))
		}
	}
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func firstLine(p int) string {
	return fmt.Sprintf("Inicio de la página %d: protección de víctimas", p)
}
func footer(p, n int) string { return fmt.Sprintf("Página %d de %d", p, n) }

// buildBook draws a book-like document of the given pages: text in every style, URL and internal links, two levels of
// bookmarks, three kinds of images (RGBA PNG with soft mask, indexed PNG,
// JPEG) and footers back-filled with SetPage.
func buildBook(t testing.TB, pages int) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := drawBook(t, pages).Output(&buf); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// drawBook draws buildBook's document, not yet written.
func drawBook(t testing.TB, pages int) *Doc {
	t.Helper()
	d, err := New(Options{Info: Info{Title: "Libro de prueba", Author: "Ñandú", Lang: "es", Created: created}})
	if err != nil {
		t.Fatal(err)
	}
	rgba, pal, jpg := samplePNG(t), palettedPNG(t), sampleJPEG(t)
	chapters := make([]int, pages/10+1)
	for i := range chapters {
		chapters[i] = d.NewAnchor()
	}
	for p := 1; p <= pages; p++ {
		d.AddPage()
		if p%10 == 1 {
			d.Bookmark(fmt.Sprintf("Capítulo %d", p/10+1), 0, 20)
			d.PlaceAnchor(chapters[p/10], p, 20)
		}
		d.Bookmark(fmt.Sprintf("Sección %d «niñez»", p), 1, 30)
		d.Text(20, 20, firstLine(p), Bold, 12, black)
		for l := range 40 {
			st := []Style{Regular, Italic, Regular, Mono}[l%4]
			d.Text(20, 30+float64(l)*6, fmt.Sprintf("%d.%d %s", p, l, spanishLines[(p+l)%len(spanishLines)]), st, 10, gray)
		}
		d.LinkURL(20, 15, 80, 6, fmt.Sprintf("https://example.org/prácticas/%d", p))
		d.LinkAnchor(20, 25, 80, 6, chapters[min(p/10+1, len(chapters)-1)])
		switch p % 7 {
		case 1:
			if err := d.Image("rgba", rgba, 120, 250, 30, 0); err != nil {
				t.Fatal(err)
			}
		case 3:
			if err := d.Image("pal", pal, 120, 250, 20, 20); err != nil {
				t.Fatal(err)
			}
		case 5:
			if err := d.Image("jpg", jpg, 120, 250, 20, 20); err != nil {
				t.Fatal(err)
			}
		}
		d.Rect(10, 280, 190, 0.5, &blue, nil, 0)
	}
	d.PlaceAnchor(chapters[len(chapters)-1], pages, 0)
	for p := 1; p <= pages; p++ {
		d.SetPage(p)
		d.Text(20, 290, footer(p, pages), Italic, 8, black)
	}
	return d
}

func TestBook(t *testing.T) {
	const pages = 60
	pdf := buildBook(t, pages)
	t.Logf("%d-page book: %d bytes", pages, len(pdf))
	if again := buildBook(t, pages); !bytes.Equal(pdf, again) {
		t.Error("two identical builds differ")
	}
	pdfcpuValidate(t, pdf, pages)
	qpdfCheck(t, pdf)
	for _, p := range []int{1, 2, 37, pages} {
		text := pdftotext(t, pdf, p)
		for _, want := range []string{firstLine(p), footer(p, pages), fmt.Sprintf("%d.39 ", p)} {
			if !strings.Contains(text, want) {
				t.Errorf("page %d lacks %q:\n%s", p, want, text)
			}
		}
		if c := chunks(t, pdf, p); len(c) != 2 {
			t.Errorf("page %d has %d chunks, want 2", p, len(c))
		}
	}
	if n := strings.Count(pdftotext(t, pdf, 0), "\f"); n != pages {
		t.Errorf("pdftotext finds %d pages", n)
	}
	if got := bytes.Count(pdf, []byte("/Subtype /Image")); got != 4 { // rgba + its mask, pal, jpg
		t.Errorf("%d image objects, want 4 (each embedded once)", got)
	}
}
