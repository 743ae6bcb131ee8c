package pdfdraw

import (
	"catalog/internal/media"

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
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu"
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

func sampleJPEG(t testing.TB) []byte {
	t.Helper()
	img := image.NewRGBA(image.Rect(0, 0, 16, 16))
	var buf bytes.Buffer
	if err := jpeg.Encode(&buf, img, nil); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

const backfilled = "Página 1 de 3, añadido después"

// buildSample draws the three-page document that the output tests inspect.
func buildSample(t testing.TB) []byte {
	t.Helper()
	var buf bytes.Buffer
	d := drawSample(t, nil)
	if err := d.Output(&buf); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// drawSample draws the sample document, into out as it goes when out is
// not nil (Options.Out).
func drawSample(t testing.TB, out io.Writer) *Doc {
	t.Helper()
	d, err := New(Options{Out: out, Info: Info{
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
			d.Rect(10, 100, 50, 20, &red, nil, 0) // leaves the fill colour red in page 1's first chunk
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
			d.Rect(10, 200, 20, 20, &black, nil, 0)
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
	return d
}

// drawPages adds n pages of text that does not compress to nothing.
func drawPages(d *Doc, n int) {
	seed := uint32(1)
	for p := range n {
		d.AddPage()
		for line := range 40 {
			var b strings.Builder
			for range 12 {
				seed = seed*1664525 + 1013904223
				fmt.Fprintf(&b, "%x ", seed>>8)
			}
			d.Text(10, 10+float64(line)*6, fmt.Sprintf("%d %s", p, b.String()), Regular, 8, black)
		}
	}
}

// TestOut: a document given Options.Out writes the same bytes there as one
// written at Output, and writes its pages as they are left, not at the end.
func TestOut(t *testing.T) {
	var buf bytes.Buffer
	d := drawSample(t, &buf)
	drawPages(d, 400)
	if buf.Len() < 256<<10 {
		t.Errorf("only %d bytes written before Output: the pages wait for it", buf.Len())
	}
	if err := d.Output(nil); err != nil {
		t.Fatal(err)
	}
	var want bytes.Buffer
	d = drawSample(t, nil)
	drawPages(d, 400)
	if err := d.Output(&want); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(buf.Bytes(), want.Bytes()) {
		t.Errorf("differs from the document written at Output (%d and %d bytes)", buf.Len(), want.Len())
	}
	pdfcpuValidate(t, buf.Bytes(), 403)
	qpdfCheck(t, buf.Bytes())
	if err := drawSample(t, io.Discard).Output(io.Discard); err == nil {
		t.Error("Output(w) with Options.Out: nil error")
	}
	if err := drawSample(t, nil).Output(nil); err == nil {
		t.Error("Output(nil) without Options.Out: nil error")
	}
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

func pdfcpuConf(mode int) *model.Configuration {
	model.ConfigPath = "disable" // no config file in the user's home
	conf := model.NewDefaultConfiguration()
	conf.ValidationMode = mode
	return conf
}

// pdfcpuValidate validates pdf with pdfcpu, in relaxed and in strict
// mode, and checks it has pages pages.
func pdfcpuValidate(t *testing.T, pdf []byte, pages int) {
	t.Helper()
	for _, mode := range []int{model.ValidationRelaxed, model.ValidationStrict} {
		ctx, err := api.ReadContext(bytes.NewReader(pdf), pdfcpuConf(mode))
		if err != nil {
			t.Fatalf("pdfcpu read: %v", err)
		}
		if err := api.ValidateContext(ctx); err != nil {
			t.Errorf("pdfcpu validate (mode %d): %v", mode, err)
		}
		if ctx.PageCount != pages {
			t.Errorf("pdfcpu counts %d pages, want %d", ctx.PageCount, pages)
		}
	}
}

func qpdfCheck(t *testing.T, pdf []byte) {
	t.Helper()
	out, err := exec.Command(tool(t, "qpdf"), "--check", writeTemp(t, pdf)).CombinedOutput()
	if err != nil || !bytes.Contains(out, []byte("No syntax or stream encoding errors found")) || bytes.Contains(out, []byte("WARNING")) {
		t.Errorf("qpdf --check: %v\n%s", err, out)
	}
}

// pdftotext returns the text of page n (0: all pages).
func pdftotext(t *testing.T, pdf []byte, n int) string {
	t.Helper()
	args := []string{"-enc", "UTF-8"}
	if n > 0 {
		args = append(args, "-f", strconv.Itoa(n), "-l", strconv.Itoa(n))
	}
	out, err := exec.Command(tool(t, "pdftotext"), append(args, writeTemp(t, pdf), "-")...).CombinedOutput()
	if err != nil {
		t.Fatalf("pdftotext: %v\n%s", err, out)
	}
	return string(out)
}

// pdfString is a text string as this package writes it: UTF-16BE with a
// byte order mark, inside parentheses, with \ ( ) \r \n escaped.
func pdfString(s string) string {
	b := []byte{0xFE, 0xFF}
	for _, u := range utf16.Encode([]rune(s)) {
		b = append(b, byte(u>>8), byte(u))
	}
	e := strings.NewReplacer(`\`, `\\`, "(", `\(`, ")", `\)`, "\r", `\r`, "\n", `\n`).Replace(string(b))
	return "(" + e + ")"
}

// object returns the text of object n up to its stream data or endobj.
func object(t *testing.T, pdf []byte, n int) string {
	t.Helper()
	start := bytes.Index(pdf, fmt.Appendf(nil, "\n%d 0 obj\n", n))
	if start < 0 {
		t.Fatalf("no object %d", n)
	}
	obj := pdf[start+1:]
	if end := bytes.Index(obj, []byte("endobj")); end >= 0 {
		obj = obj[:end]
	}
	if s := bytes.Index(obj, []byte("stream\n")); s >= 0 {
		obj = obj[:s]
	}
	return string(obj)
}

var refRE = regexp.MustCompile(`(\d+) 0 R`)

// refs returns the objects referenced in the array after key in obj.
func refs(obj, key string) []int {
	i := strings.Index(obj, key+" [")
	if i < 0 {
		return nil
	}
	arr := obj[i+len(key)+2:]
	arr = arr[:strings.IndexByte(arr, ']')]
	var out []int
	for _, m := range refRE.FindAllStringSubmatch(arr, -1) {
		n, _ := strconv.Atoi(m[1])
		out = append(out, n)
	}
	return out
}

// pageObjs returns the object numbers of the pages, in order.
func pageObjs(t *testing.T, pdf []byte) []int {
	t.Helper()
	return refs(object(t, pdf, pagesObj), "/Kids")
}

// streamData returns the inflated data of stream object n.
func streamData(t *testing.T, pdf []byte, n int) []byte {
	t.Helper()
	start := bytes.Index(pdf, fmt.Appendf(nil, "\n%d 0 obj\n", n))
	if start < 0 {
		t.Fatalf("no object %d", n)
	}
	obj := pdf[start:]
	m := regexp.MustCompile(`/Length (\d+)`).FindSubmatch(obj)
	s := bytes.Index(obj, []byte("stream\n"))
	if m == nil || s < 0 {
		t.Fatalf("object %d is not a stream", n)
	}
	length, _ := strconv.Atoi(string(m[1]))
	if !bytes.Contains(obj[:s], []byte("/Filter")) {
		return obj[s+7 : s+7+length] // stored as it is
	}
	r, err := zlib.NewReader(bytes.NewReader(obj[s+7 : s+7+length]))
	if err != nil {
		t.Fatalf("object %d: %v", n, err)
	}
	out, err := io.ReadAll(r)
	if err != nil {
		t.Fatalf("object %d: %v", n, err)
	}
	return out
}

// chunks returns the inflated content chunks of page n (1-based).
func chunks(t *testing.T, pdf []byte, n int) []string {
	t.Helper()
	page := object(t, pdf, pageObjs(t, pdf)[n-1])
	var out []string
	for _, c := range refs(page, "/Contents") {
		out = append(out, string(streamData(t, pdf, c)))
	}
	return out
}

func TestOutput(t *testing.T) {
	pdf := buildSample(t)
	t.Logf("3-page sample: %d bytes", len(pdf))

	t.Run("byte-stable", func(t *testing.T) {
		if again := buildSample(t); !bytes.Equal(pdf, again) {
			t.Errorf("two identical builds differ (%d vs %d bytes)", len(pdf), len(again))
		}
	})
	t.Run("pdfcpu", func(t *testing.T) { pdfcpuValidate(t, pdf, 3) })
	t.Run("qpdf", func(t *testing.T) { qpdfCheck(t, pdf) })
	t.Run("metadata", func(t *testing.T) {
		for _, want := range []string{
			"/Lang (es)", "/CreationDate (D:20260314092653Z00'00')", "/ModDate (D:20260314092653Z00'00')",
			"/Creator " + pdfString("catalog"), "/Title " + pdfString("Catálogo de buenas prácticas contra la trata"),
			"/Author " + pdfString("Oficina Ñandú"), "/Subject " + pdfString("Prácticas “ejemplares”"),
			"/Keywords " + pdfString("trata protección víctimas"),
		} {
			if !bytes.Contains(pdf, []byte(want)) {
				t.Errorf("output lacks %q", want)
			}
		}
		if !regexp.MustCompile(`/ID \[<[0-9a-f]{32}> <[0-9a-f]{32}>\]`).Match(pdf) {
			t.Error("no /ID in the trailer")
		}
	})
	t.Run("links", func(t *testing.T) {
		pages := pageObjs(t, pdf)
		ann, err := api.Annotations(bytes.NewReader(pdf), nil, pdfcpuConf(model.ValidationRelaxed))
		if err != nil {
			t.Fatalf("pdfcpu annotations: %v", err)
		}
		var uris []string
		for _, a := range ann[1][model.AnnLink].Map {
			if l, ok := a.(model.LinkAnnotation); ok && l.URI != "" {
				uris = append(uris, l.URI)
			}
		}
		want := []string{"https://example.org/pr%C3%A1cticas?q=trata%20de%20personas", "https://example.org/indice"}
		for _, w := range want {
			if !strings.Contains(strings.Join(uris, " "), w) {
				t.Errorf("page 1 links %q, want %q", uris, w)
			}
		}
		if len(ann[1][model.AnnLink].Map) != 3 {
			t.Errorf("page 1 has %d links, want 3", len(ann[1][model.AnnLink].Map))
		}
		page1 := object(t, pdf, pages[0])
		annots := refs(page1, "/Annots")
		if len(annots) != 3 {
			t.Fatalf("page 1 /Annots %v", annots)
		}
		dest := object(t, pdf, annots[0])
		if want := fmt.Sprintf("/Dest [%d 0 R /XYZ 0 %s 0]", pages[1], appendNum(nil, (297-90)*k, 2)); !strings.Contains(dest, want) {
			t.Errorf("internal link %s, want %s", dest, want)
		}
	})
	t.Run("outline", func(t *testing.T) {
		got := outline(t, pdf)
		// Entries nest in call order: the back-filled one is a child of
		// the latest level-0 entry (page 3's) but points at page 1.
		want := []string{"0 Capítulo Ñandú p1", "0 Capítulo Ñandú p2", "1 Sección: imágenes p2", "0 Capítulo Ñandú p3", "1 Índice añadido al final p1"}
		if strings.Join(got, "\n") != strings.Join(want, "\n") {
			t.Errorf("outline:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
		}
	})
	t.Run("back-filled chunk sets its own state", func(t *testing.T) {
		c := chunks(t, pdf, 1)
		if len(c) != 2 {
			t.Fatalf("page 1 has %d chunks, want 2", len(c))
		}
		if !strings.Contains(c[0], "0.784 0.118 0.118 rg") {
			t.Errorf("first chunk does not fill red:\n%s", c[0])
		}
		if !strings.HasPrefix(c[1], "q\n0 0 0 rg\nBT /F1 9 Tf ") || !strings.HasSuffix(c[1], "Q\n") {
			t.Errorf("back-filled chunk does not set its colour and font:\n%s", c[1])
		}
		for i, s := range c {
			if !strings.HasPrefix(s, "q\n") || !strings.HasSuffix(s, "Q\n") {
				t.Errorf("chunk %d not wrapped in q … Q:\n%s", i, s)
			}
		}
	})
	t.Run("pdftotext", func(t *testing.T) {
		p1, p3 := pdftotext(t, pdf, 1), pdftotext(t, pdf, 3)
		for _, want := range []string{"Página 1:", "“Protección”", "víctimas", "acción", "¿sí?", "¡no!", "«año»", "€…", "Señalización", "niñez", "útil", "código: país=\"ES\"", "MONO NEGRITA", backfilled} {
			if !strings.Contains(p1, want) {
				t.Errorf("page 1 text lacks %q:\n%s", want, p1)
			}
		}
		if want := "Emoji ? y espaciocero y guionblando ?"; !strings.Contains(p3, want) {
			t.Errorf("page 3 text lacks %q:\n%s", want, p3)
		}
		// The lines in the order they are on the page.
		want := []string{
			"Página 1: “Protección” de víctimas — acción ¿sí? ¡no! «año» 5 €…",
			"Señalización en negrita", "Cursiva: niñez y adolescencia", "Negrita cursiva: útil",
			"código: país=\"ES\"", "MONO NEGRITA", backfilled,
		}
		var lines []string
		for _, l := range strings.Split(p1, "\n") {
			if l = strings.TrimSpace(l); l != "" {
				lines = append(lines, l)
			}
		}
		if strings.Join(lines, "\n") != strings.Join(want, "\n") {
			t.Errorf("page 1 text:\n%s\nwant:\n%s", strings.Join(lines, "\n"), strings.Join(want, "\n"))
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
		names := regexp.MustCompile(`^[A-Z]{6}\+(LiberationSerif(-Bold|-Italic|-BoldItalic)?|GoMono|GoMonoBold)$`)
		for _, line := range lines[min(2, len(lines)):] {
			f := strings.Fields(line)
			// name type… encoding emb sub uni objnum gen
			if len(f) < 7 || f[len(f)-5] != "yes" || f[len(f)-4] != "yes" || f[len(f)-3] != "yes" {
				t.Errorf("font not embedded, subset and with a ToUnicode map: %s", line)
			}
			// "Custom": the encoding is the embedded CMap of codes.go.
			if !names.MatchString(f[0]) || !strings.Contains(line, "CID TrueType") || !strings.Contains(line, "Custom") {
				t.Errorf("unexpected font %s", line)
			}
		}
	})
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
	// Go Mono: every glyph is 1229/2048 em wide, so 10 characters at 10 pt
	// are 60.01 pt.
	if got, want := d.Measure("0123456789", Mono, 10), 10*1229.0/2048*10*ptToMM; !near(got, want) {
		t.Errorf("Measure(10 mono digits) = %g, want %g", got, want)
	}
	// A 10 pt em is 3.53 mm; "M" is most of it.
	if m := d.Measure("M", Regular, 10); m < 2 || m > 3.6 {
		t.Errorf("Measure(M, 10pt) = %g mm, implausible", m)
	}
	if a := d.Ascent(Regular, 10); a < 2.5 || a > 3.6 {
		t.Errorf("Ascent(10pt) = %g mm, implausible", a)
	}
	// The widths in the PDF are the widths Measure uses.
	d.Text(10, 10, s, Bold, 13, black)
	var buf bytes.Buffer
	if err := d.Output(&buf); err != nil {
		t.Fatal(err)
	}
	u := d.fonts[Bold]
	sum := 0.0
	for _, r := range s {
		sum += u.f.em1000(int(u.f.adv[u.f.glyph(r)]))
	}
	if got, want := sum/1000*13*ptToMM, d.Measure(s, Bold, 13); !near(got, want) {
		t.Errorf("sum of /W widths %g mm, Measure %g mm", got, want)
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
		"truncated": good[:len(good)/2],
	}
	for name, data := range bad {
		if _, _, _, err := media.ImageSize(data); err == nil && name != "truncated" {
			t.Errorf("media.ImageSize(%s) accepted it", name)
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

	deep := image.NewNRGBA64(image.Rect(0, 0, 8, 8))
	deep.Set(1, 1, color.NRGBA64{0xFFFF, 0, 0, 0x8000})
	var deepBuf bytes.Buffer
	if err := png.Encode(&deepBuf, deep); err != nil {
		t.Fatal(err)
	}
	if w, h, format, err := media.ImageSize(deepBuf.Bytes()); err != nil || w != 8 || h != 8 || format != "png" {
		t.Errorf("media.ImageSize(16-bit PNG) = %d, %d, %q, %v", w, h, format, err)
	}
	grayImg := image.NewGray(image.Rect(0, 0, 8, 4))
	for i := range grayImg.Pix {
		grayImg.Pix[i] = uint8(i * 8)
	}
	var grayBuf bytes.Buffer
	if err := png.Encode(&grayBuf, grayImg); err != nil {
		t.Fatal(err)
	}
	pal := image.NewPaletted(image.Rect(0, 0, 6, 6), color.Palette{color.White, color.RGBA{200, 30, 30, 255}, color.NRGBA{0, 0, 255, 128}})
	pal.SetColorIndex(2, 2, 1)
	pal.SetColorIndex(3, 3, 2)
	var palBuf bytes.Buffer
	if err := png.Encode(&palBuf, pal); err != nil {
		t.Fatal(err)
	}
	var grayJPEG bytes.Buffer
	if err := jpeg.Encode(&grayJPEG, grayImg, nil); err != nil {
		t.Fatal(err)
	}
	// The standard library writes no CMYK JPEG: this one is Go's own test
	// image, read where the Go toolchain running the test keeps it.
	goroot, err := exec.Command("go", "env", "GOROOT").Output()
	if err != nil {
		t.Fatalf("go env GOROOT: %v", err)
	}
	cmyk, err := os.ReadFile(filepath.Join(strings.TrimSpace(string(goroot)), "src", "image", "testdata", "video-001.cmyk.jpeg"))
	if err != nil {
		t.Fatal(err)
	}
	for _, im := range []struct {
		name string
		data []byte
	}{{"good", good}, {"deep", deepBuf.Bytes()}, {"jpeg", sampleJPEG(t)}, {"gray", grayBuf.Bytes()}, {"pal", palBuf.Bytes()}, {"grayjpeg", grayJPEG.Bytes()}, {"cmyk", cmyk}} {
		if err := d.Image(im.name, im.data, 10, 50, 30, 0); err != nil {
			t.Errorf("Image(%s): %v", im.name, err)
		}
	}
	// Natural size (96 dpi) and height-only.
	if err := d.Image("good", nil, 10, 150, 0, 0); err != nil {
		t.Error(err)
	}
	if err := d.Image("good", nil, 10, 200, -1, 20); err != nil {
		t.Error(err)
	}
	d.Text(10, 100, "Sigue funcionando", Regular, 10, black)
	var buf bytes.Buffer
	if err := d.Output(&buf); err != nil {
		t.Fatalf("Output after bad images: %v", err)
	}
	pdf := buf.Bytes()
	// good, deep and pal have transparency: three soft masks.
	if n := bytes.Count(pdf, []byte("/Subtype /Image")); n != 7+3 {
		t.Errorf("%d image objects, want 10", n)
	}
	for _, want := range []string{
		"/Width 40 /Height 20 /ColorSpace /DeviceRGB /BitsPerComponent 8 /Filter /FlateDecode /SMask",
		"/Width 8 /Height 4 /ColorSpace /DeviceGray /BitsPerComponent 8 /Filter /FlateDecode /Length",
		"/Width 8 /Height 4 /ColorSpace /DeviceGray /BitsPerComponent 8 /Filter /DCTDecode",
		"/Width 16 /Height 16 /ColorSpace /DeviceRGB /BitsPerComponent 8 /Filter /DCTDecode",
		"/ColorSpace /DeviceCMYK /BitsPerComponent 8 /Filter /DCTDecode /Decode [1 0 1 0 1 0 1 0]",
	} {
		if !bytes.Contains(pdf, []byte(want)) {
			t.Errorf("no image with %q", want)
		}
	}
	c := chunks(t, pdf, 1)[0]
	for _, want := range []string{
		"q 85.039 0 0 42.52 28.346 657.638 cm /I1 Do Q", // 30 mm wide, 40×20 px
		"q 30 0 0 15 28.346 " + string(appendNum(nil, (297-150)*k-15, 3)) + " cm /I1 Do Q",
		"q 113.386 0 0 56.693 28.346 " + string(appendNum(nil, (297-220)*k, 3)) + " cm /I1 Do Q",
	} {
		if !strings.Contains(c, want) {
			t.Errorf("content lacks %q:\n%s", want, c)
		}
	}
	pdfcpuValidate(t, pdf, 1)
	qpdfCheck(t, pdf)
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
	d.AddPage()
	d.SetPage(1)
	d.Text(10, 10, "texto", Bold, 10, black)
	if m := d.Measure("texto", Regular, 10); m != 0 {
		t.Errorf("Measure on a failed document = %g", m)
	}
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
	if d.Pages() != 1 {
		t.Errorf("AddPage after the error added a page: %d", d.Pages())
	}
}

func TestDrawingOutsidePagesFails(t *testing.T) {
	for name, draw := range map[string]func(d *Doc){
		"Text before AddPage":       func(d *Doc) { d.Text(10, 10, "x", Regular, 10, black) },
		"Bookmark before AddPage":   func(d *Doc) { d.Bookmark("x", 0, 0) },
		"Rect before AddPage":       func(d *Doc) { d.Rect(0, 0, 1, 1, &black, nil, 0) },
		"Line before AddPage":       func(d *Doc) { d.Line(0, 0, 1, 1, 1, black) },
		"LinkURL before AddPage":    func(d *Doc) { d.LinkURL(0, 0, 1, 1, "https://example.org") },
		"LinkAnchor before AddPage": func(d *Doc) { d.LinkAnchor(0, 0, 1, 1, d.NewAnchor()) },
		"SetPage before AddPage":    func(d *Doc) { d.SetPage(1) },
		"Image before AddPage":      func(d *Doc) { d.Image("x", samplePNG(t), 0, 0, 1, 1) },
		"PlaceAnchor on no page":    func(d *Doc) { d.PlaceAnchor(d.NewAnchor(), 1, 0) },
		"unknown anchor":            func(d *Doc) { d.AddPage(); d.LinkAnchor(0, 0, 1, 1, 42) },
		"Text after Output": func(d *Doc) {
			d.AddPage()
			if err := d.Output(io.Discard); err != nil {
				t.Fatal(err)
			}
			d.Text(10, 10, "x", Regular, 10, black)
		},
		"AddPage after Output": func(d *Doc) {
			if err := d.Output(io.Discard); err != nil {
				t.Fatal(err)
			}
			d.AddPage()
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
	_ = d.NewAnchor() // never linked: harmless
	var buf bytes.Buffer
	if err := d.Output(&buf); err == nil || !strings.Contains(err.Error(), "never placed") {
		t.Errorf("Output = %v, want an unplaced-anchor error", err)
	}
	if buf.Len() != 0 {
		t.Errorf("failed Output wrote %d bytes", buf.Len())
	}
}

func TestOutputTwice(t *testing.T) {
	d, err := New(Options{})
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := d.Output(&buf); err != nil {
		t.Fatal(err)
	}
	if err := d.Output(io.Discard); err == nil {
		t.Error("second Output returned nil")
	}
	// An empty document is one blank page.
	pdfcpuValidate(t, buf.Bytes(), 1)
	qpdfCheck(t, buf.Bytes())
}

func TestMetaText(t *testing.T) {
	for in, want := range map[string]string{
		"Capítulo Ñandú":    "Capítulo Ñandú",
		"a\u200bb\tc":       "ab c",
		"emoji 😀 𠜎":         "emoji 😀 𠜎",
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

// TestBookmarksWithAccents: titles with accents, parentheses, backslashes
// and characters whose UTF-16 bytes are "(", ")", "\" or CR/LF survive.
func TestBookmarksWithAccents(t *testing.T) {
	d, err := New(Options{Info: Info{Created: created, Title: "Título (con paréntesis) \\ y ƨ ĉ č ̊"}})
	if err != nil {
		t.Fatal(err)
	}
	titles := []string{"Capítulo 1: Ñandú", "Sección (a) \\ b", "Niñez — «protección»", "\u0128\u0129\u010a\u010d\u015c", "Otro capítulo 🌎 𠜎"}
	levels := []int{0, 1, 2, 5, -1}
	for i, title := range titles {
		d.AddPage()
		d.Bookmark(title, levels[i], 10)
	}
	var buf bytes.Buffer
	if err := d.Output(&buf); err != nil {
		t.Fatal(err)
	}
	got := outline(t, buf.Bytes())
	want := []string{"0 Capítulo 1: Ñandú p1", "1 Sección (a) \\ b p2", "2 Niñez — «protección» p3", "3 \u0128\u0129\u010a\u010d\u015c p4", "0 Otro capítulo 🌎 𠜎 p5"}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("outline:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	pdfcpuValidate(t, buf.Bytes(), 5)
	qpdfCheck(t, buf.Bytes())
}

type failWriter struct{ n int }

func (w *failWriter) Write(p []byte) (int, error) {
	if w.n -= len(p); w.n < 0 {
		return 0, io.ErrShortWrite
	}
	return len(p), nil
}

// TestOutputWriteError: a writer that fails makes Output fail, at any
// point of the file.
func TestOutputWriteError(t *testing.T) {
	draw := func() *Doc {
		d, err := New(Options{})
		if err != nil {
			t.Fatal(err)
		}
		d.AddPage()
		d.Text(10, 10, "Texto de prueba", Regular, 10, black)
		return d
	}
	var cw countWriter
	if err := draw().Output(&cw); err != nil {
		t.Fatal(err)
	}
	for _, n := range []int{0, 100, int(cw) / 2, int(cw) - 1} {
		d := draw()
		if err := d.Output(&failWriter{n}); err == nil {
			t.Errorf("Output to a writer failing after %d bytes: nil error", n)
		}
		if d.Err() == nil {
			t.Errorf("failing after %d bytes: Err is nil", n)
		}
	}
	// Into Options.Out, a failed write stops the drawing.
	d, err := New(Options{Out: &failWriter{0}})
	if err != nil {
		t.Fatal(err)
	}
	drawPages(d, 400) // past the output's buffer
	if d.Err() == nil {
		t.Error("drawing into a failing Options.Out: Err is nil")
	}
	if err := d.Output(nil); err == nil {
		t.Error("Output into a failing Options.Out: nil error")
	}
}

// TestConcurrentDocs: documents drawn at the same time (the book draws its
// languages in parallel) share the fonts and the compressors safely and
// come out the same.
func TestConcurrentDocs(t *testing.T) {
	want := buildSample(t)
	got := make([][]byte, 4)
	done := make(chan int)
	for i := range got {
		go func() {
			got[i] = buildSample(t)
			done <- i
		}()
	}
	for range got {
		<-done
	}
	for i, pdf := range got {
		if !bytes.Equal(pdf, want) {
			t.Errorf("document %d differs", i)
		}
	}
}

// TestSizeHint: the size Output grows a buffer to in advance is enough for
// the file, and not wildly more.
func TestSizeHint(t *testing.T) {
	for _, pages := range []int{1, 300} {
		d := drawBook(t, pages)
		hint := d.sizeHint()
		var buf bytes.Buffer
		if err := d.Output(&buf); err != nil {
			t.Fatal(err)
		}
		if hint < buf.Len() || hint > 2*buf.Len()+2<<20 {
			t.Errorf("%d pages: size hint %d for a file of %d bytes", pages, hint, buf.Len())
		}
	}
}

// outline lists a PDF's bookmarks as pdfcpu reads them, one "level title
// pPAGE" line each, in order.
func outline(t *testing.T, pdf []byte) []string {
	t.Helper()
	bms, err := api.Bookmarks(bytes.NewReader(pdf), pdfcpuConf(model.ValidationRelaxed))
	if err != nil {
		t.Fatalf("pdfcpu bookmarks: %v", err)
	}
	var got []string
	var walk func(level int, bms []pdfcpu.Bookmark)
	walk = func(level int, bms []pdfcpu.Bookmark) {
		for _, b := range bms {
			got = append(got, fmt.Sprintf("%d %s p%d", level, b.Title, b.PageFrom))
			walk(level+1, b.Kids)
		}
	}
	walk(0, bms)
	return got
}

// TestTextOfTwoByteCodes: text drawn with two-byte codes (glyphs at or
// above oneByteGlyphs: the bullet, the dashes, «») is read back as text by
// poppler and by MuPDF. MuPDF reads the ToUnicode map through the CIDs, and
// gave U+FFFD for these while a CID lay outside the encoding's codespace.
func TestTextOfTwoByteCodes(t *testing.T) {
	const line = "• 2018–2020 — «Niñez» ¿qué? ½"
	d, err := New(Options{})
	if err != nil {
		t.Fatal(err)
	}
	d.AddPage()
	for st := Regular; st <= MonoBold; st++ {
		d.Text(20, 40+20*float64(st), line, st, 10, black)
	}
	var buf bytes.Buffer
	if err := d.Output(&buf); err != nil {
		t.Fatal(err)
	}
	if got := pdftotext(t, buf.Bytes(), 1); strings.Count(got, line) != int(MonoBold)+1 {
		t.Errorf("pdftotext reads:\n%s", got)
	}
	out, err := exec.Command(tool(t, "mutool"), "draw", "-q", "-F", "txt", writeTemp(t, buf.Bytes()), "1").CombinedOutput()
	if err != nil {
		t.Fatalf("mutool: %v\n%s", err, out)
	}
	if got := string(out); strings.Count(got, line) != int(MonoBold)+1 || strings.Contains(got, "codespace") {
		t.Errorf("mutool reads:\n%s", got)
	}
}
