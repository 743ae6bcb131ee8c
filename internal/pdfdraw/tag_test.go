package pdfdraw

import (
	"bytes"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

// drawTagged draws a two-page tagged document: a heading and a paragraph
// whose second line is on page 2, a link, a reserved element filled
// last on page 1, a running footer as an artifact, a rule.
func drawTagged(t *testing.T) []byte {
	t.Helper()
	d, err := New(Options{Info: Info{Title: "Título (1)", Lang: "es"}, Tagged: true})
	if err != nil {
		t.Fatal(err)
	}
	d.AddPage()
	toc := d.Reserve(Tag{Role: "TOC"})
	d.Tag(Tag{Role: "H1"}, func() { d.Text(20, 20, "Capítulo", Bold, 14, Color{}) })
	d.Begin(Tag{Role: "P", Lang: "en"})
	d.Text(20, 30, "first line ", Regular, 10, Color{})
	d.Line(20, 32, 100, 32, 0.2, Color{}) // decoration inside a paragraph
	d.Tag(Tag{Role: "Link"}, func() {
		d.Text(60, 30, "https://example.org", Regular, 10, Color{})
		d.LinkURL(60, 26, 40, 5, "https://example.org")
	})
	d.AddPage()
	d.Text(20, 20, "second line", Regular, 10, Color{})
	d.End()
	d.SetPage(1)
	d.Within(toc, func() {
		d.Tag(Tag{Role: "TOCI"}, func() { d.Text(20, 10, "Capítulo 1", Regular, 10, Color{}) })
	})
	d.Release(toc)
	for p := 1; p <= 2; p++ {
		d.SetPage(p)
		d.Artifact(func() { d.Text(100, 290, "página", Regular, 8, Color{}) })
	}
	var buf bytes.Buffer
	if err := d.Output(&buf); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestTagged(t *testing.T) {
	pdf := drawTagged(t)
	if again := drawTagged(t); !bytes.Equal(pdf, again) {
		t.Error("two identical builds differ")
	}
	pdfcpuValidate(t, pdf, 2)
	qpdfCheck(t, pdf)
	cat := object(t, pdf, catalogObj)
	for _, want := range []string{"/MarkInfo << /Marked true >>", "/StructTreeRoot ", "/ViewerPreferences << /DisplayDocTitle true >>", "/Metadata ", "/Lang (es)"} {
		if !strings.Contains(cat, want) {
			t.Errorf("the catalog lacks %q: %s", want, cat)
		}
	}
	pages := pageObjs(t, pdf)
	p1, p2 := object(t, pdf, pages[0]), object(t, pdf, pages[1])
	if !strings.Contains(p1, "/StructParents 1 /Tabs /S") || !strings.Contains(p2, "/StructParents 2") || strings.Contains(p2, "/Tabs") {
		t.Errorf("pages: %s\n%s\nwant /StructParents after the link's key, /Tabs /S on the page with the link", p1, p2)
	}
	c1 := strings.Join(chunks(t, pdf, 1), "")
	for _, want := range []string{
		"BT /H1 <</MCID 0>> BDC\n", "/P <</MCID 1>> BDC\n", "EMC\nET\n/Artifact BMC\n", "/Link <</MCID 2>> BDC\n",
		"/TOCI <</MCID 3>> BDC\n", "EMC\n/Artifact BMC\n/F1 8 Tf",
	} {
		if !strings.Contains(c1, want) {
			t.Errorf("page 1's content lacks %q:\n%s", want, c1)
		}
	}
	// The tree and the links are in object streams.
	compact := compactObjects(t, pdf)
	var out strings.Builder
	out.Write(pdf)
	for _, o := range compact {
		out.WriteString(o + "\n")
	}
	for _, want := range []string{
		"/S /P /P ", "/Lang (en)",
		"/Type /MCR /Pg ",   // the paragraph's line on page 2
		"/Type /OBJR /Obj ", // the link's annotation
		"/StructParent 0 /Contents (https://example.org)", // the annotation, key 0
		"/Nums [0 ", // the parent tree
		"/Type /XRef ",
		"<dc:title><rdf:Alt><rdf:li xml:lang=\"x-default\">Título (1)</rdf:li>",
	} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("the file lacks %q", want)
		}
	}
	// The reserved TOC comes first in the Document, although drawn last.
	var doc string
	for _, o := range compact {
		if strings.Contains(o, "/S /Document") {
			doc = o
		}
	}
	kids := refs(doc, "/K")
	if len(kids) != 3 || !strings.Contains(compact[kids[0]], "/S /TOC ") {
		t.Errorf("the Document's kids %v, want the TOC first: %s", kids, doc)
	}
}

// compactObjects returns the objects in the object streams of pdf, by
// number.
func compactObjects(t *testing.T, pdf []byte) map[int]string {
	t.Helper()
	objs := map[int]string{}
	for _, m := range regexp.MustCompile(`\n(\d+) 0 obj\n<< /Type /ObjStm /N (\d+) /First (\d+)`).FindAllSubmatch(pdf, -1) {
		num, _ := strconv.Atoi(string(m[1]))
		n, _ := strconv.Atoi(string(m[2]))
		first, _ := strconv.Atoi(string(m[3]))
		data := string(streamData(t, pdf, num))
		head := strings.Fields(data[:first])
		if len(head) != 2*n {
			t.Fatalf("object stream %d: %d numbers in its head, want %d", num, len(head), 2*n)
		}
		for i := 0; i < n; i++ {
			obj, _ := strconv.Atoi(head[2*i])
			start, _ := strconv.Atoi(head[2*i+1])
			end := len(data) - first
			if i+1 < n {
				end, _ = strconv.Atoi(head[2*i+3])
			}
			objs[obj] = data[first+start : first+end]
		}
	}
	return objs
}

// TestUntaggedUnchanged checks that a document not tagged has no tree and
// no marked content, and that the structure calls do nothing to it.
func TestUntaggedUnchanged(t *testing.T) {
	draw := func(tags bool) []byte {
		d, err := New(Options{})
		if err != nil {
			t.Fatal(err)
		}
		d.AddPage()
		if tags {
			d.Begin(Tag{Role: "P"})
		}
		d.Text(20, 20, "texto", Regular, 10, Color{})
		d.Artifact(func() { d.Line(0, 0, 10, 10, 1, Color{}) })
		if tags {
			d.End()
			d.Within(d.Reserve(Tag{Role: "P"}), func() {})
		}
		var buf bytes.Buffer
		if err := d.Output(&buf); err != nil {
			t.Fatal(err)
		}
		return buf.Bytes()
	}
	pdf := draw(true)
	if !bytes.Equal(pdf, draw(false)) {
		t.Error("structure calls change an untagged document")
	}
	if bytes.Contains(pdf, []byte("StructTreeRoot")) || bytes.Contains(pdf, []byte("BDC")) || bytes.Contains(pdf, []byte("BMC")) {
		t.Error("an untagged document has structure")
	}
}

// TestTagMisuse checks that unbalanced structure calls fail the document
// instead of writing a broken tree.
func TestTagMisuse(t *testing.T) {
	for name, f := range map[string]func(d *Doc){
		"End without Begin": func(d *Doc) { d.End() },
		"Within unknown":    func(d *Doc) { d.Within(12345, func() {}) },
		"Within left open":  func(d *Doc) { d.Within(d.Reserve(Tag{Role: "Sect"}), func() { d.Begin(Tag{Role: "P"}) }) },
	} {
		d, err := New(Options{Tagged: true})
		if err != nil {
			t.Fatal(err)
		}
		d.AddPage()
		f(d)
		if d.Err() == nil {
			t.Errorf("%s: no error", name)
		}
	}
}
