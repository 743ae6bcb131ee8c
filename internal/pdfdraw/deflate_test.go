package pdfdraw

import (
	"bytes"
	"compress/zlib"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"io"
	"os/exec"
	"runtime"
	"strconv"
	"strings"
	"testing"
	"time"
)

// palettedPNG returns an 8-bit indexed PNG, which fpdf embeds with a
// separate palette stream (uncompressed when its compression is off).
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

// buildBook draws a book-like document of the given pages: text in every
// style, URL and internal links, two levels of bookmarks, three kinds of
// images (RGBA PNG with soft mask, indexed PNG, JPEG) and footers
// back-filled with SetPage.
func buildBook(t testing.TB, pages int, mode deflateMode) []byte {
	t.Helper()
	d, err := New(Options{Info: Info{Title: "Libro de prueba", Author: "Ñandú", Lang: "es", Created: created}})
	if err != nil {
		t.Fatal(err)
	}
	d.deflate = mode
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
	// The last chapter anchor may be on no page yet.
	d.PlaceAnchor(chapters[len(chapters)-1], pages, 0)
	for p := 1; p <= pages; p++ {
		d.SetPage(p)
		d.Text(20, 290, footer(p, pages), Italic, 8, black)
	}
	var buf bytes.Buffer
	if err := d.Output(&buf); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestDeflateBook(t *testing.T) {
	const pages = 200
	out := buildBook(t, pages, deflateStreams)
	raw := buildBook(t, pages, deflateNone)
	old := buildBook(t, pages, deflateByFpdf)
	t.Logf("%d pages: %d bytes uncompressed, %d compressed by fpdf, %d compressed here", pages, len(raw), len(old), len(out))
	if len(out)*2 > len(raw) {
		t.Errorf("output is %d bytes, not half of the uncompressed %d", len(out), len(raw))
	}

	t.Run("byte-stable", func(t *testing.T) {
		if again := buildBook(t, pages, deflateStreams); !bytes.Equal(out, again) {
			t.Error("two identical builds differ")
		}
	})
	t.Run("GOMAXPROCS", func(t *testing.T) {
		defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(0))
		var got [2][]byte
		for i, procs := range []int{1, 4} {
			runtime.GOMAXPROCS(procs)
			got[i] = buildBook(t, pages, deflateStreams)
		}
		if !bytes.Equal(got[0], got[1]) || !bytes.Equal(got[0], out) {
			t.Error("the output depends on GOMAXPROCS")
		}
	})
	t.Run("streams", func(t *testing.T) { checkDeflated(t, raw, out, pages) })
	t.Run("as fpdf compressed", func(t *testing.T) {
		// fpdf deflates pages at the same level with the same package, so
		// the only objects that differ are the streams it leaves
		// uncompressed even with compression on: ToUnicode CMaps.
		lo, err := parseLayout(out)
		if err != nil {
			t.Fatal(err)
		}
		lf, err := parseLayout(old)
		if err != nil {
			t.Fatal(err)
		}
		if len(lo.objs) != len(lf.objs) {
			t.Fatalf("%d objects, fpdf wrote %d", len(lo.objs), len(lf.objs))
		}
		differ := 0
		for i, o := range lo.objs {
			f := lf.objs[i]
			if bytes.Equal(out[o.start:o.end], old[f.start:f.end]) {
				continue
			}
			differ++
			if !f.deflate {
				t.Errorf("object %d differs from fpdf's own compressed output", o.num)
			}
		}
		// The six fonts' CMaps; the palette is the same as fpdf's.
		if differ != 6 {
			t.Errorf("%d objects differ from fpdf's own compressed output, want 6", differ)
		}
	})
	t.Run("pdfcpu", func(t *testing.T) { pdfcpuValidateN(t, out, pages) })
	t.Run("qpdf", func(t *testing.T) { qpdfCheck(t, out) })
	t.Run("pdftotext", func(t *testing.T) {
		bin := tool(t, "pdftotext")
		path := writeTemp(t, out)
		for _, p := range []int{1, pages} {
			text, err := exec.Command(bin, "-enc", "UTF-8", "-f", strconv.Itoa(p), "-l", strconv.Itoa(p), path, "-").CombinedOutput()
			if err != nil {
				t.Fatalf("pdftotext: %v\n%s", err, text)
			}
			for _, want := range []string{firstLine(p), fmt.Sprintf("%d.39 ", p), footer(p, pages)} {
				if !strings.Contains(string(text), want) {
					t.Errorf("page %d text lacks %q:\n%s", p, want, text)
				}
			}
		}
	})
}

// checkDeflated compares the compressed output with fpdf's uncompressed
// output of the same document: every stream without a filter is deflated
// and inflates back to the same bytes with the same dictionary plus
// /Filter, every other object is unchanged, and the result parses again
// with nothing left to compress.
func checkDeflated(t *testing.T, raw, out []byte, pages int) {
	t.Helper()
	lr, err := parseLayout(raw)
	if err != nil {
		t.Fatalf("fpdf's output: %v", err)
	}
	lo, err := parseLayout(out)
	if err != nil {
		t.Fatalf("compressed output: %v", err)
	}
	if len(lr.objs) != len(lo.objs) || !bytes.Equal(lr.trailer, lo.trailer) {
		t.Fatalf("%d objects became %d, or the trailer changed", len(lr.objs), len(lo.objs))
	}
	deflated, kept := 0, 0
	for i, r := range lr.objs {
		o := lo.objs[i]
		if r.num != o.num {
			t.Fatalf("object %d became %d", r.num, o.num)
		}
		if o.deflate {
			t.Errorf("object %d is a stream without a filter in the output", o.num)
		}
		if !r.deflate {
			if !bytes.Equal(raw[r.start:r.end], out[o.start:o.end]) {
				t.Errorf("object %d changed:\n%q\n%q", r.num, clip(raw[r.start:]), clip(out[o.start:]))
			}
			if r.stream {
				kept++
			}
			continue
		}
		deflated++
		data := out[o.dataStart:o.dataEnd]
		wantDict := string(raw[r.dictStart:r.dictStart+2]) + "/Filter /FlateDecode " +
			string(raw[r.dictStart+2:r.lenStart]) + strconv.Itoa(len(data)) + string(raw[r.lenEnd:r.dataStart])
		if got := string(out[o.dictStart:o.dataStart]); got != wantDict {
			t.Errorf("object %d: dictionary %q, want %q", r.num, got, wantDict)
		}
		zr, err := zlib.NewReader(bytes.NewReader(data))
		if err != nil {
			t.Fatalf("object %d: %v", r.num, err)
		}
		plain, err := io.ReadAll(zr)
		if err != nil || !bytes.Equal(plain, raw[r.dataStart:r.dataEnd]) {
			t.Errorf("object %d does not inflate to fpdf's data (%v)", r.num, err)
		}
	}
	// Pages, one ToUnicode CMap per font used (fpdf writes only those) and
	// possibly palettes; fonts and images keep their own filters.
	if deflated < pages+1 {
		t.Errorf("%d streams deflated, want at least %d", deflated, pages+1)
	}
	t.Logf("%d streams deflated, %d kept as they were", deflated, kept)
}

func qpdfCheck(t *testing.T, pdf []byte) {
	t.Helper()
	out, err := exec.Command(tool(t, "qpdf"), "--check", writeTemp(t, pdf)).CombinedOutput()
	if err != nil || !bytes.Contains(out, []byte("No syntax or stream encoding errors found")) {
		t.Errorf("qpdf --check: %v\n%s", err, out)
	}
}

// TestDeflateUncompressedKinds checks stream by stream what fpdf writes
// uncompressed: palettes of indexed images and ToUnicode CMaps besides the
// pages, while fonts, PNG and JPEG data keep fpdf's own filters.
func TestDeflateUncompressedKinds(t *testing.T) {
	raw := buildBook(t, 7, deflateNone)
	l, err := parseLayout(raw)
	if err != nil {
		t.Fatal(err)
	}
	kinds := map[string]int{}
	for _, o := range l.objs {
		if !o.stream {
			continue
		}
		dict := string(raw[o.dictStart:o.dataStart])
		data := raw[o.dataStart:o.dataEnd]
		var kind string
		switch {
		case strings.Contains(dict, "/Length1"):
			kind = "font file"
		case strings.Contains(dict, "/Subtype /Image"):
			kind = "image"
		case bytes.HasPrefix(data, []byte("/CIDInit")):
			kind = "ToUnicode"
		case o.deflate && o.dataEnd-o.dataStart == 12: // 4 colours × RGB
			kind = "palette"
		case o.deflate && bytes.Contains(data, []byte(" Tj")):
			kind = "page"
		case strings.Contains(dict, "/Filter /FlateDecode"):
			kind = "CIDToGIDMap"
		default:
			t.Errorf("unknown stream %d: %q", o.num, dict)
		}
		if o.deflate != (kind == "ToUnicode" || kind == "palette" || kind == "page") {
			t.Errorf("%s stream %d: deflate = %v, dictionary %q", kind, o.num, o.deflate, dict)
		}
		kinds[kind]++
	}
	t.Logf("streams in fpdf's uncompressed output: %v", kinds)
	// fpdf writes all six registered fonts, used or not; the RGBA PNG is
	// two images (colour and soft mask).
	want := map[string]int{"page": 7, "palette": 1, "font file": 6, "CIDToGIDMap": 6, "ToUnicode": 6, "image": 4}
	for k, n := range want {
		if kinds[k] != n {
			t.Errorf("%d %s streams, want %d (all: %v)", kinds[k], k, n, kinds)
		}
	}
}

// minimalPDF lays out objects the way fpdf does, with a correct
// cross-reference table and trailer.
func minimalPDF(objs ...string) []byte {
	var b bytes.Buffer
	b.WriteString("%PDF-1.3\n")
	offs := []int{}
	for i, o := range objs {
		offs = append(offs, b.Len())
		fmt.Fprintf(&b, "%d 0 obj\n%s\nendobj\n", i+1, o)
	}
	x := b.Len()
	fmt.Fprintf(&b, "xref\n0 %d\n0000000000 65535 f \n", len(objs)+1)
	for _, off := range offs {
		fmt.Fprintf(&b, "%010d 00000 n \n", off)
	}
	fmt.Fprintf(&b, "trailer\n<<\n/Size %d\n/Root %d 0 R\n>>\nstartxref\n%d\n%%%%EOF\n", len(objs)+1, len(objs), x)
	return b.Bytes()
}

func stream(dict, data string) string {
	return strings.Replace(dict, "%d", strconv.Itoa(len(data)), 1) + "\nstream\n" + data + "\nendstream"
}

func TestCompressStreamsParsing(t *testing.T) {
	// Stream data that looks like the end of the object, an xref table
	// and a trailer, and strings that look like it too, must not confuse
	// the parser.
	tricky := "q\nendstream\nendobj\n9 0 obj\n<<>>\nxref\n0 1\ntrailer\n%%EOF\n\x00\xff)(>>"
	good := minimalPDF(
		stream("<</Length %d>>", tricky),
		"<</Title (a \\) endobj\nendobj\n) /T <FEFF00e9> /A [1 -2.5 .5 +3 true null [/X 3 0 R]] /D <</E (())>>>>",
		stream("<</Type /XObject /Filter /FlateDecode /DecodeParms <</Predictor 15>> /Length %d>>", "xyz"),
		stream("<< /Type /Metadata /Subtype /XML /Length %d >>", "<x:xmpmeta/>"),
		"<</Type /Catalog>>",
	)
	var out bytes.Buffer
	if err := compressStreams(&out, good); err != nil {
		t.Fatalf("compressStreams: %v", err)
	}
	l, err := parseLayout(out.Bytes())
	if err != nil {
		t.Fatalf("the output does not parse: %v\n%q", err, out.Bytes())
	}
	o := l.objs[0]
	if got := string(out.Bytes()[o.dictStart:o.dataStart]); !strings.HasPrefix(got, "<</Filter /FlateDecode /Length ") {
		t.Errorf("dictionary %q", got)
	}
	zr, err := zlib.NewReader(bytes.NewReader(out.Bytes()[o.dataStart:o.dataEnd]))
	if err != nil {
		t.Fatal(err)
	}
	if plain, _ := io.ReadAll(zr); string(plain) != tricky {
		t.Errorf("stream inflates to %q", plain)
	}
	for _, o := range l.objs[1:] {
		if o.deflate && o.num != 4 { // XMP metadata stays readable
			t.Errorf("object %d would be compressed again", o.num)
		}
	}
	if !bytes.Contains(out.Bytes(), []byte("\nstream\n<x:xmpmeta/>\nendstream")) {
		t.Error("metadata was compressed")
	}

	bad := map[string][]byte{
		"empty":            nil,
		"no header":        good[9:],
		"truncated":        good[:len(good)-3],
		"trailing garbage": append(append([]byte{}, good...), "x"...),
		"length too long":  minimalPDF("<</Length 5>>\nstream\nabc\nendstream"),
		"length too short": minimalPDF("<</Length 2>>\nstream\nabc\nendstream"),
		"length reference": minimalPDF("<</Length 2 0 R>>\nstream\nabc\nendstream", "3"),
		"no length":        minimalPDF("<</Type /X>>\nstream\nabc\nendstream"),
		"CRLF after data":  minimalPDF("<</Length 3>>\nstream\nabc\r\nendstream"),
		"stream no dict":   minimalPDF("[1 2]\nstream\nabc\nendstream"),
		"comment":          minimalPDF("<</A 1 % note\n>>"),
		"unknown keyword":  minimalPDF("<</A foo>>"),
		"unterminated":     minimalPDF("<</A (abc>>"),
		"key not a name":   minimalPDF("<<(k) 1>>"),
		"two values":       minimalPDF("1 2"),
		"encrypted":        bytes.Replace(minimalPDF("<<>>"), []byte("/Root"), []byte("/Encrypt 1 0 R /Root"), 1),
		"size wrong":       bytes.Replace(minimalPDF("<<>>"), []byte("/Size 2"), []byte("/Size 3"), 1),
		"xref off by one":  bytes.Replace(minimalPDF("<<>>"), []byte("0000000009 00000 n"), []byte("0000000010 00000 n"), 1),
		"startxref wrong":  bytes.Replace(minimalPDF("<<>>"), []byte("startxref\n29\n"), []byte("startxref\n28\n"), 1),
		"duplicate object": bytes.Replace(minimalPDF("<<>>", "<<>>"), []byte("2 0 obj"), []byte("1 0 obj"), 1),
		"gap in numbers":   bytes.Replace(minimalPDF("<<>>", "<<>>"), []byte("2 0 obj"), []byte("3 0 obj"), 1),
		"deep nesting":     minimalPDF(strings.Repeat("[", 100) + strings.Repeat("]", 100)),
	}
	for name, pdf := range bad {
		var out bytes.Buffer
		err := compressStreams(&out, pdf)
		if err == nil {
			t.Errorf("%s: accepted", name)
		} else {
			t.Logf("%s: %v", name, err)
		}
		if out.Len() != 0 {
			t.Errorf("%s: wrote %d bytes before failing", name, out.Len())
		}
	}
}

// BenchmarkOutput draws books of 1,000 and 3,000 pages (as BenchmarkText)
// and writes them with the streams deflated here ("streams") and by fpdf
// itself ("fpdf", the old way); output-ms is the time of Output alone.
func BenchmarkOutput(b *testing.B) {
	for _, pages := range []int{1000, 3000} {
		for _, mode := range []struct {
			name string
			mode deflateMode
		}{{"streams", deflateStreams}, {"fpdf", deflateByFpdf}} {
			b.Run(fmt.Sprintf("pages=%d/deflate=%s", pages, mode.name), func(b *testing.B) {
				b.ReportAllocs()
				var size int
				var output time.Duration
				for b.Loop() {
					d := buildBenchDoc(b, pages)
					d.deflate = mode.mode
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
			})
		}
	}
}

// TestDeflateWriterPieces: were fpdf to hand its output over in pieces, the
// first would not parse as a whole file and the rest are refused, so Output
// fails instead of writing a damaged file.
func TestDeflateWriterPieces(t *testing.T) {
	pdf := minimalPDF(stream("<</Length %d>>", "BT ET"), "<</Type /Catalog>>")
	var out bytes.Buffer
	dw := &deflateWriter{w: &out}
	if _, err := dw.Write(pdf[:len(pdf)/2]); err == nil {
		t.Error("half a file accepted")
	}
	if _, err := dw.Write(pdf[len(pdf)/2:]); err == nil {
		t.Error("second piece accepted")
	}
	if out.Len() != 0 {
		t.Errorf("wrote %d bytes", out.Len())
	}
	out.Reset()
	dw = &deflateWriter{w: &out}
	if n, err := dw.Write(pdf); err != nil || n != len(pdf) || out.Len() == 0 {
		t.Errorf("whole file: %d, %v, %d bytes written", n, err, out.Len())
	}
}

// FuzzCompressStreams: any input is either refused with nothing written or
// comes out as a file that parses again, with every stream filtered.
func FuzzCompressStreams(f *testing.F) {
	f.Add(minimalPDF(stream("<</Length %d>>", "BT (endstream) Tj ET"), "<</A [1 2 0 R (x\\)) <ab>]>>"))
	f.Add(minimalPDF(stream("<</Filter /FlateDecode /Length %d>>", "xx"), "<<>>"))
	f.Add(buildSample(f))
	f.Fuzz(func(t *testing.T, pdf []byte) {
		var out bytes.Buffer
		if err := compressStreams(&out, pdf); err != nil {
			if out.Len() != 0 {
				t.Fatalf("error %v after writing %d bytes", err, out.Len())
			}
			return
		}
		l, err := parseLayout(out.Bytes())
		if err != nil {
			t.Fatalf("output does not parse: %v", err)
		}
		for _, o := range l.objs {
			if o.deflate && !bytes.Contains(out.Bytes()[o.dictStart:o.dataStart], []byte("/Metadata")) {
				t.Fatalf("object %d left uncompressed", o.num)
			}
		}
	})
}
