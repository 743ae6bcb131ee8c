package pdfdraw

import (
	"bytes"
	"compress/zlib"
	"fmt"
	"image"
	"image/color"
	"image/gif"
	"image/jpeg"
	"image/png"
	"io"
	"math"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"
	"unicode/utf16"

	"github.com/pdfcpu/pdfcpu/pkg/api"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/model"
)

var (
	black = Color{0, 0, 0}
	gray  = Color{90, 90, 90}
	red   = Color{200, 30, 30}
	blue  = Color{20, 60, 160}
)

var created = time.Date(2026, 3, 14, 9, 26, 53, 0, time.UTC)

// samplePNG returns a small RGBA PNG with a transparent corner.
func samplePNG(t testing.TB) []byte {
	t.Helper()
	img := image.NewNRGBA(image.Rect(0, 0, 40, 20))
	for y := range 20 {
		for x := range 40 {
			img.Set(x, y, color.NRGBA{uint8(x * 6), uint8(y * 12), 150, 255})
		}
	}
	img.Set(0, 0, color.NRGBA{0, 0, 0, 0})
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

const backfilled = "Página 1 de 3, añadido después"

// buildSample draws the three-page document that the output tests inspect.
func buildSample(t testing.TB) []byte {
	t.Helper()
	d, err := New(Options{Info: Info{
		Title:    "Catálogo de buenas prácticas contra la trata",
		Author:   "Oficina Ñandú",
		Subject:  "Prácticas “ejemplares”",
		Keywords: "trata protección víctimas",
		Lang:     "es",
		Created:  created,
	}})
	if err != nil {
		t.Fatal(err)
	}
	target := d.NewAnchor()
	pic := samplePNG(t)
	for p := 1; p <= 3; p++ {
		d.AddPage()
		d.Bookmark("Capítulo Ñandú", 0, 20)
		d.Text(20, 30, fmt.Sprintf("Página %d: “Protección” de víctimas — acción ¿sí? ¡no! «año» 5 €…", p), Regular, 12, black)
		d.Text(20, 40, "Señalización en negrita", Bold, 11, blue)
		d.Text(20, 50, "Cursiva: niñez y adolescencia", Italic, 11, gray)
		d.Text(20, 60, "Negrita cursiva: útil", BoldItalic, 11, black)
		d.Text(20, 70, "código: país=\"ES\"", Mono, 9, black)
		d.Text(20, 80, "MONO NEGRITA", MonoBold, 9, black)
		switch p {
		case 1:
			d.LinkAnchor(20, 25, 80, 6, target)
			d.LinkURL(20, 36, 80, 6, "https://example.org/prácticas?q=trata de personas")
			d.Rect(10, 100, 50, 20, &red, nil, 0) // leaves the fill colour red in page 1's stream
		case 2:
			d.PlaceAnchor(target, 2, 90)
			d.Bookmark("Sección: imágenes", 1, 90)
			if err := d.Image("logo", pic, 20, 100, 40, 0); err != nil {
				t.Fatal(err)
			}
			d.Rect(20, 130, 60, 10, &Color{240, 240, 240}, &gray, 0.3)
			d.Line(20, 145, 190, 145, 0.5, blue)
		case 3:
			d.Text(20, 100, "Emoji 😀 y espacio\u200bcero y guion\u00adblando ✓", Regular, 11, black)
			d.Rect(10, 200, 20, 20, &black, nil, 0)                        // fpdf now believes fill is black
			if err := d.Image("logo", nil, 100, 100, 20, 10); err != nil { // reuse by name
				t.Fatal(err)
			}
		}
	}
	if got := d.Pages(); got != 3 {
		t.Fatalf("Pages() = %d, want 3", got)
	}
	d.SetPage(1)
	if got := d.Page(); got != 1 {
		t.Fatalf("Page() after SetPage(1) = %d", got)
	}
	d.Text(20, 287, backfilled, Regular, 9, black)
	d.LinkURL(20, 283, 60, 5, "https://example.org/indice")
	d.Bookmark("Índice añadido al final", 1, 200)
	if err := d.Err(); err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := d.Output(&buf); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// tool returns the path of an external checker, skipping the test when it
// is missing, unless CATALOG_REQUIRE_TOOLS=1 says the environment must have
// it (CI), in which case a missing tool fails.
func tool(t *testing.T, name string) string {
	t.Helper()
	path, err := exec.LookPath(name)
	if err != nil {
		if os.Getenv("CATALOG_REQUIRE_TOOLS") == "1" {
			t.Fatalf("%s not on PATH and CATALOG_REQUIRE_TOOLS=1", name)
		}
		t.Skipf("%s not on PATH", name)
	}
	return path
}

func writeTemp(t *testing.T, pdf []byte) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "sample.pdf")
	if err := os.WriteFile(path, pdf, 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

func pdfcpuValidate(t *testing.T, pdf []byte) {
	t.Helper()
	pdfcpuValidateN(t, pdf, 3)
}

// pdfcpuValidateN validates pdf with pdfcpu and checks it has pages pages.
func pdfcpuValidateN(t *testing.T, pdf []byte, pages int) {
	t.Helper()
	model.ConfigPath = "disable" // no config file in the user's home
	// pdfcpu's default, relaxed mode. Strict mode rejects two things fpdf
	// v0.9.0 always writes: /Count 0 on outline entries that have children
	// and annotation dictionaries inlined in a page's /Annots array.
	conf := model.NewDefaultConfiguration()
	if err := api.Validate(bytes.NewReader(pdf), conf); err != nil {
		t.Errorf("pdfcpu validate: %v", err)
	}
	n, err := api.PageCount(bytes.NewReader(pdf), conf)
	if err != nil {
		t.Errorf("pdfcpu page count: %v", err)
	}
	if n != pages {
		t.Errorf("pdfcpu counts %d pages, want %d", n, pages)
	}
}

func TestOutput(t *testing.T) {
	pdf := buildSample(t)
	t.Logf("3-page sample: %d bytes", len(pdf))

	t.Run("byte-stable", func(t *testing.T) {
		if again := buildSample(t); !bytes.Equal(pdf, again) {
			t.Errorf("two identical builds differ (%d vs %d bytes)", len(pdf), len(again))
		}
	})
	t.Run("pdfcpu", func(t *testing.T) { pdfcpuValidate(t, pdf) })
	t.Run("metadata", func(t *testing.T) {
		for _, want := range []string{"/Lang (es)", "/CreationDate (D:20260314092653)", "/ModDate (D:20260314092653)", "/Creator " + pdfString("catalog"), "/Title " + pdfString("Catálogo de buenas prácticas contra la trata")} {
			if !bytes.Contains(pdf, []byte(want)) {
				t.Errorf("output lacks %q", want)
			}
		}
	})
	t.Run("backfilled page 1 keeps links and bookmarks", func(t *testing.T) {
		page1 := object(t, pdf, 3) // fpdf numbers page n as object 1+2n
		for _, want := range []string{"/URI (https://example.org/pr%C3%A1cticas?q=trata%20de%20personas)", "/URI (https://example.org/indice)", "/Dest [5 0 R"} {
			if !strings.Contains(page1, want) {
				t.Errorf("page 1 object lacks %q:\n%s", want, page1)
			}
		}
		for title, page := range map[string]int{"Capítulo Ñandú": 1, "Sección: imágenes": 2, "Índice añadido al final": 1} {
			i := bytes.Index(pdf, []byte("/Title "+pdfString(title)))
			if i < 0 {
				t.Errorf("no bookmark %q", title)
				continue
			}
			dest := regexp.MustCompile(`/Dest \[(\d+) 0 R`).FindSubmatch(pdf[i:])
			if dest == nil || string(dest[1]) != strconv.Itoa(1+2*page) {
				t.Errorf("bookmark %q: dest %q, want page %d", title, dest, page)
			}
		}
	})
	t.Run("SetPage resynchronises the fill colour", func(t *testing.T) {
		// Page 1's stream last filled red; fpdf believes the fill is black
		// (set on page 3), so it draws black text without a colour of its
		// own. The stream must be told "black" again before that text.
		content := pageContent(t, pdf, 1)
		red := strings.LastIndex(content, "0.784 0.118 0.118 rg")
		text := strings.LastIndex(content, "Tj")
		reset := strings.LastIndex(content[:text], "0.000 g")
		if red < 0 || text < 0 || reset < red {
			t.Errorf("no fill reset between the red rectangle (%d) and the back-filled text (%d):\n%s", red, text, content[max(red, 0):])
		}
	})
	t.Run("pdftotext", func(t *testing.T) {
		bin := tool(t, "pdftotext")
		path := writeTemp(t, pdf)
		page := func(n int) string {
			out, err := exec.Command(bin, "-enc", "UTF-8", "-f", strconv.Itoa(n), "-l", strconv.Itoa(n), path, "-").CombinedOutput()
			if err != nil {
				t.Fatalf("pdftotext: %v\n%s", err, out)
			}
			return string(out)
		}
		p1, p3 := page(1), page(3)
		for _, want := range []string{"Página 1:", "“Protección”", "víctimas", "acción", "¿sí?", "¡no!", "«año»", "€…", "Señalización", "niñez", "útil", backfilled} {
			if !strings.Contains(p1, want) {
				t.Errorf("page 1 text lacks %q:\n%s", want, p1)
			}
		}
		if want := "Emoji ? y espaciocero y guionblando ?"; !strings.Contains(p3, want) {
			t.Errorf("page 3 text lacks %q:\n%s", want, p3)
		}
	})
	t.Run("pdffonts", func(t *testing.T) {
		out, err := exec.Command(tool(t, "pdffonts"), writeTemp(t, pdf)).CombinedOutput()
		if err != nil {
			t.Fatalf("pdffonts: %v\n%s", err, out)
		}
		lines := strings.Split(strings.TrimSpace(string(out)), "\n")
		if len(lines) != 2+6 {
			t.Errorf("want 6 fonts:\n%s", out)
		}
		for _, line := range lines[min(2, len(lines)):] {
			f := strings.Fields(line)
			// name type… encoding emb sub uni objnum gen
			if len(f) < 6 || f[len(f)-5] != "yes" {
				t.Errorf("font not embedded: %s", line)
			}
			if !strings.HasPrefix(f[0], "utf8go") { // fpdf's names for the registered Go fonts
				t.Errorf("unexpected font %s", f[0])
			}
		}
	})
	t.Run("qpdf", func(t *testing.T) {
		out, err := exec.Command(tool(t, "qpdf"), "--check", writeTemp(t, pdf)).CombinedOutput()
		if err != nil || !bytes.Contains(out, []byte("No syntax or stream encoding errors found")) {
			t.Errorf("qpdf --check: %v\n%s", err, out)
		}
	})
}

// pdfString is how fpdf writes a UTF-8 metadata string: UTF-16BE with a
// byte order mark, inside parentheses, with \ ( ) \r escaped.
func pdfString(s string) string {
	b := []byte{0xFE, 0xFF}
	for _, u := range utf16.Encode([]rune(s)) {
		b = append(b, byte(u>>8), byte(u))
	}
	e := strings.NewReplacer(`\`, `\\`, "(", `\(`, ")", `\)`, "\r", `\r`).Replace(string(b))
	return "(" + e + ")"
}

// object returns the text of uncompressed object n.
func object(t *testing.T, pdf []byte, n int) string {
	t.Helper()
	start := bytes.Index(pdf, fmt.Appendf(nil, "\n%d 0 obj\n", n))
	if start < 0 {
		t.Fatalf("no object %d", n)
	}
	end := bytes.Index(pdf[start:], []byte("endobj"))
	return string(pdf[start : start+end])
}

// pageContent returns the inflated content stream of page n.
func pageContent(t *testing.T, pdf []byte, n int) string {
	t.Helper()
	obj := object(t, pdf, 2+2*n)
	i := strings.Index(obj, "stream\n")
	if i < 0 {
		t.Fatalf("object %d has no stream", 2+2*n)
	}
	r, err := zlib.NewReader(strings.NewReader(obj[i+len("stream\n"):]))
	if err != nil {
		t.Fatal(err)
	}
	out, _ := io.ReadAll(r) // the tail "endstream" makes the end unclean
	return string(out)
}

func TestMeasure(t *testing.T) {
	d, err := New(Options{})
	if err != nil {
		t.Fatal(err)
	}
	if d.PageW() != 210 || d.PageH() != 297 {
		t.Errorf("default page %g×%g, want A4 210×297", d.PageW(), d.PageH())
	}
	d.AddPage()
	near := func(a, b float64) bool { return math.Abs(a-b) < 1e-9 }
	for st := Regular; st <= MonoBold; st++ {
		a, b, ab := d.Measure("a", st, 11), d.Measure("b", st, 11), d.Measure("ab", st, 11)
		if a <= 0 || !near(ab, a+b) {
			t.Errorf("%s: Measure(ab) = %g, Measure(a)+Measure(b) = %g", st, ab, a+b)
		}
		if got := d.Measure("ab", st, 22); !near(got, 2*ab) {
			t.Errorf("%s: Measure at 22 pt = %g, want twice %g", st, got, ab)
		}
	}
	const s = "Protección de víctimas de trata"
	if r, b := d.Measure(s, Regular, 10), d.Measure(s, Bold, 10); b <= r {
		t.Errorf("bold %g not wider than regular %g", b, r)
	}
	if m, i := d.Measure("iiii", Mono, 10), d.Measure("MMMM", Mono, 10); !near(m, i) {
		t.Errorf("mono widths differ: %g vs %g", m, i)
	}
	if got, want := d.Measure("a\u200bb\u00adc", Regular, 10), d.Measure("abc", Regular, 10); !near(got, want) {
		t.Errorf("invisible characters have width: %g vs %g", got, want)
	}
	// Measure agrees with fpdf's own width at the font size it draws with.
	d.f.SetFont("go", "B", 13)
	if got, want := d.Measure(s, Bold, 13), d.f.GetStringWidth(s); !near(got, want) {
		t.Errorf("Measure = %g, fpdf GetStringWidth = %g", got, want)
	}
	// A 10 pt em of the Go fonts is 3.53 mm; "M" is most of it.
	if m := d.Measure("M", Regular, 10); m < 2 || m > 3.6 {
		t.Errorf("Measure(M, 10pt) = %g mm, implausible", m)
	}
	if a := d.Ascent(Regular, 10); a < 2.5 || a > 3.6 {
		t.Errorf("Ascent(10pt) = %g mm, implausible", a)
	}
}

func TestImages(t *testing.T) {
	d, err := New(Options{Info: Info{Created: created}})
	if err != nil {
		t.Fatal(err)
	}
	d.AddPage()

	var gifBuf bytes.Buffer
	if err := gif.Encode(&gifBuf, image.NewPaletted(image.Rect(0, 0, 4, 4), color.Palette{color.Black, color.White}), nil); err != nil {
		t.Fatal(err)
	}
	random := make([]byte, 512)
	rng := rand.New(rand.NewPCG(1, 2))
	for i := range random {
		random[i] = byte(rng.UintN(256))
	}
	good := samplePNG(t)
	bad := map[string][]byte{
		"random":    random,
		"gif":       gifBuf.Bytes(),
		"empty":     nil,
		"truncated": good[:len(good)/2], // header fine, data cut: fpdf would panic on it
	}
	for name, data := range bad {
		if _, _, _, err := ImageSize(data); err == nil && name != "truncated" {
			t.Errorf("ImageSize(%s) accepted it", name)
		}
		if err := d.Image(name, data, 10, 10, 20, 20); err == nil {
			t.Errorf("Image(%s) = nil error", name)
		} else {
			t.Logf("Image(%s): %v", name, err)
		}
		if err := d.Err(); err != nil {
			t.Fatalf("a bad image (%s) broke the document: %v", name, err)
		}
	}

	// A 16-bit PNG decodes fine but fpdf cannot embed it as is.
	deep := image.NewNRGBA64(image.Rect(0, 0, 8, 8))
	deep.Set(1, 1, color.NRGBA64{0xFFFF, 0, 0, 0x8000})
	var deepBuf bytes.Buffer
	if err := png.Encode(&deepBuf, deep); err != nil {
		t.Fatal(err)
	}
	if w, h, format, err := ImageSize(deepBuf.Bytes()); err != nil || w != 8 || h != 8 || format != "png" {
		t.Errorf("ImageSize(16-bit PNG) = %d, %d, %q, %v", w, h, format, err)
	}
	for name, data := range map[string][]byte{"good": good, "deep": deepBuf.Bytes(), "jpeg": sampleJPEG(t)} {
		if err := d.Image(name, data, 10, 50, 30, 0); err != nil {
			t.Errorf("Image(%s): %v", name, err)
		}
	}
	d.Text(10, 100, "Sigue funcionando", Regular, 10, black)
	var buf bytes.Buffer
	if err := d.Output(&buf); err != nil {
		t.Fatalf("Output after bad images: %v", err)
	}
	model.ConfigPath = "disable"
	if err := api.Validate(bytes.NewReader(buf.Bytes()), nil); err != nil {
		t.Errorf("pdfcpu validate: %v", err)
	}
}

func sampleJPEG(t testing.TB) []byte {
	t.Helper()
	img := image.NewRGBA(image.Rect(0, 0, 16, 16))
	var buf bytes.Buffer
	if err := jpeg.Encode(&buf, img, nil); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestErrorsAreStickyNoOps(t *testing.T) {
	d, err := New(Options{})
	if err != nil {
		t.Fatal(err)
	}
	d.AddPage()
	d.SetPage(7) // a caller bug
	if d.Err() == nil {
		t.Fatal("SetPage out of range did not set Err")
	}
	// Nothing below may panic or clear the error.
	d.AddPage()
	d.SetPage(1)
	d.Text(10, 10, "texto", Bold, 10, black)
	_ = d.Measure("texto", Regular, 10)
	d.Bookmark("Marcador", 3, 10)
	d.LinkURL(0, 0, 1, 1, "https://example.org")
	id := d.NewAnchor()
	d.PlaceAnchor(id, 1, 0)
	d.LinkAnchor(0, 0, 1, 1, id)
	d.Line(0, 0, 1, 1, 1, black)
	d.Rect(0, 0, 1, 1, &black, &black, 1)
	if err := d.Image("x", samplePNG(t), 0, 0, 1, 1); err == nil {
		t.Error("Image on a failed document returned nil")
	}
	if err := d.Output(io.Discard); err == nil {
		t.Error("Output on a failed document returned nil")
	}
	if d.Err() == nil {
		t.Error("error was cleared")
	}
}

func TestDrawingOutsidePagesFails(t *testing.T) {
	for name, draw := range map[string]func(d *Doc){
		"Text before AddPage":     func(d *Doc) { d.Text(10, 10, "x", Regular, 10, black) },
		"Bookmark before AddPage": func(d *Doc) { d.Bookmark("x", 0, 0) },
		"Rect before AddPage":     func(d *Doc) { d.Rect(0, 0, 1, 1, &black, nil, 0) },
		"Text after Output": func(d *Doc) {
			d.AddPage()
			if err := d.Output(io.Discard); err != nil {
				t.Fatal(err)
			}
			d.Text(10, 10, "x", Regular, 10, black)
		},
	} {
		d, err := New(Options{})
		if err != nil {
			t.Fatal(err)
		}
		draw(d)
		if d.Err() == nil {
			t.Errorf("%s: no error", name)
		}
	}
}

func TestUnplacedAnchorFailsOutput(t *testing.T) {
	d, err := New(Options{})
	if err != nil {
		t.Fatal(err)
	}
	d.AddPage()
	d.LinkAnchor(10, 10, 10, 10, d.NewAnchor())
	unused := d.NewAnchor() // never linked: harmless
	_ = unused
	if err := d.Output(io.Discard); err == nil || !strings.Contains(err.Error(), "never placed") {
		t.Errorf("Output = %v, want an unplaced-anchor error", err)
	}
}

func TestOutputTwice(t *testing.T) {
	d, err := New(Options{})
	if err != nil {
		t.Fatal(err)
	}
	if err := d.Output(io.Discard); err != nil {
		t.Fatal(err)
	}
	if err := d.Output(io.Discard); err == nil {
		t.Error("second Output returned nil (fpdf would write nothing)")
	}
}

func TestMetaText(t *testing.T) {
	for in, want := range map[string]string{
		"Capítulo Ñandú":    "Capítulo Ñandú",
		"a\u200bb\tc":       "ab c",
		"emoji 😀":           "emoji \uFFFD",
		"bad \xff":          "bad \uFFFD",
		"es_AR (langTag)":   "es_AR (langTag)",
		"«comillas» “sí” …": "«comillas» “sí” …",
	} {
		if got := metaText(in); got != want {
			t.Errorf("metaText(%q) = %q, want %q", in, got, want)
		}
	}
	if got := langTag("es_AR\")/x"); got != "es-ARx" {
		t.Errorf("langTag = %q", got)
	}
}

// spanishLines is body text for the benchmark.
var spanishLines = []string{
	"La práctica protege a las víctimas de trata y asegura su acceso a la justicia.",
	"El equipo interinstitucional coordinó la atención psicosocial y jurídica.",
	"Se capacitó a 1.200 funcionarios en la identificación temprana de víctimas.",
	"“Ninguna niña, niño o adolescente será devuelto sin evaluación de riesgo.”",
	"Evaluación: reducción del 35 % en la revictimización — según el informe anual.",
}

func buildBenchDoc(b *testing.B, pages int) *Doc {
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

// BenchmarkText draws pages of 50 lines of Spanish text with Text and writes
// the document; ns/page must stay flat as pages grow (fpdf's Write and
// page-count alias are quadratic, Text is not).
func BenchmarkText(b *testing.B) {
	for _, pages := range []int{100, 1000} {
		b.Run(fmt.Sprintf("pages=%d", pages), func(b *testing.B) {
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

type countWriter int

func (c *countWriter) Write(p []byte) (int, error) {
	*c += countWriter(len(p))
	return len(p), nil
}
