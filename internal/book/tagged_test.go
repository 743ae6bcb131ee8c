package book

import (
	"bytes"
	"cmp"
	"fmt"
	"os/exec"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/pdfcpu/pdfcpu/pkg/api"
	pdfmodel "github.com/pdfcpu/pdfcpu/pkg/pdfcpu/model"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/types"

	"catalog/internal/pdfdraw"
)

// Tagged PDF, read back: the structure tree as the file has it (walked
// with pdfcpu), the marked content of every page (a small tokenizer of
// the content streams), and the tree with its text as poppler reads it
// (pdfinfo -struct-text).

// selem is a structure element read from the file.
type selem struct {
	obj               int
	role, lang, alt   string
	scope             string
	bbox              bool
	parent            *selem
	kids              []*selem
	mcids             [][2]int // (page object, MCID)
	objrs             []int    // annotation objects
	depth             int
	annotURI, annotCT []string // of its OBJRs: the URI and /Contents
}

// stree is a document's structure tree.
type stree struct {
	doc    *selem
	order  []*selem          // the elements in reading order
	byMCID map[[2]int]*selem // (page object, MCID) → the element that has it
	// parents is the parent tree: key → an element (an annotation's) or
	// the elements by MCID (a page's).
	parents map[int]types.Object
}

func name(o types.Object) string {
	if n, ok := o.(types.Name); ok {
		return n.Value()
	}
	return ""
}

func textOf(ctx *pdfmodel.Context, o types.Object) string {
	s, err := ctx.DereferenceText(o)
	if err != nil {
		return ""
	}
	return s
}

func refNum(o types.Object) int {
	if r, ok := o.(types.IndirectRef); ok {
		return r.ObjectNumber.Value()
	}
	return 0
}

// readTree reads the structure tree of a document read by pdfcpu.
func readTree(t *testing.T, ctx *pdfmodel.Context) *stree {
	t.Helper()
	root, err := ctx.Catalog()
	if err != nil {
		t.Fatal(err)
	}
	str, err := ctx.DereferenceDict(root["StructTreeRoot"])
	if err != nil || str == nil {
		t.Fatalf("no /StructTreeRoot: %v", err)
	}
	tr := &stree{byMCID: map[[2]int]*selem{}, parents: map[int]types.Object{}}
	pt, err := ctx.DereferenceDict(str["ParentTree"])
	if err != nil || pt == nil {
		t.Fatalf("no /ParentTree: %v", err)
	}
	nums, _ := ctx.DereferenceArray(pt["Nums"])
	for i := 0; i+1 < len(nums); i += 2 {
		k, ok := nums[i].(types.Integer)
		if !ok {
			t.Fatalf("parent tree key %v", nums[i])
		}
		tr.parents[k.Value()] = nums[i+1]
	}
	if _, ok := pt["Kids"]; ok {
		t.Fatal("the parent tree has /Kids: this reader reads /Nums alone")
	}
	seen := map[int]bool{}
	var walk func(ref types.Object, parent *selem, depth int) *selem
	walk = func(ref types.Object, parent *selem, depth int) *selem {
		num := refNum(ref)
		if seen[num] {
			t.Fatalf("element %d twice in the tree", num)
		}
		seen[num] = true
		d, err := ctx.DereferenceDict(ref)
		if err != nil || d == nil {
			t.Fatalf("element %v: %v", ref, err)
		}
		e := &selem{obj: num, role: name(d["S"]), parent: parent, depth: depth}
		if p := refNum(d["P"]); parent != nil && p != parent.obj {
			t.Errorf("%s %d: /P %d, its parent is %d", e.role, num, p, parent.obj)
		}
		if l, ok := d["Lang"]; ok {
			e.lang = textOf(ctx, l)
		}
		if a, ok := d["Alt"]; ok {
			e.alt = textOf(ctx, a)
		}
		if a, _ := ctx.DereferenceDict(d["A"]); a != nil {
			e.scope = name(a["Scope"])
			_, e.bbox = a["BBox"]
		}
		tr.order = append(tr.order, e)
		pg := refNum(d["Pg"])
		// /K is an array, or a lone kid (an MCID, an element, an OBJR).
		kids := d["K"]
		arr, ok := kids.(types.Array)
		if !ok && kids != nil {
			arr = types.Array{kids}
		}
		for _, k := range arr {
			switch k := k.(type) {
			case types.Integer:
				if pg == 0 {
					t.Errorf("%s %d: an MCID without /Pg", e.role, num)
				}
				e.mcids = append(e.mcids, [2]int{pg, k.Value()})
			case types.IndirectRef:
				e.kids = append(e.kids, walk(k, e, depth+1))
			case types.Dict:
				switch name(k["Type"]) {
				case "MCR":
					mcid, _ := k["MCID"].(types.Integer)
					e.mcids = append(e.mcids, [2]int{refNum(k["Pg"]), mcid.Value()})
				case "OBJR":
					e.objrs = append(e.objrs, refNum(k["Obj"]))
					a, _ := ctx.DereferenceDict(k["Obj"])
					var uri, ct string
					if act, _ := ctx.DereferenceDict(a["A"]); act != nil {
						uri = textOf(ctx, act["URI"])
					}
					if c, ok := a["Contents"]; ok {
						ct = textOf(ctx, c)
					}
					e.annotURI, e.annotCT = append(e.annotURI, uri), append(e.annotCT, ct)
				default:
					t.Errorf("%s %d: kid %v", e.role, num, k)
				}
			default:
				t.Errorf("%s %d: kid %v", e.role, num, k)
			}
		}
		for _, m := range e.mcids {
			if other := tr.byMCID[m]; other != nil {
				t.Errorf("MCID %d of page %d in %s %d and %s %d", m[1], m[0], other.role, other.obj, e.role, num)
			}
			tr.byMCID[m] = e
		}
		return e
	}
	tr.doc = walk(str["K"], nil, 0)
	if tr.doc.role != "Document" {
		t.Errorf("the tree's root is %s, want Document", tr.doc.role)
	}
	return tr
}

// mark is one text-showing operator of a page and the marked content it
// is in.
type mark struct {
	artifact bool
	mcid     int // -1: none
	nested   bool
}

// pageMarks reads a page's content: the marked content of each text run,
// and the MCIDs in the order they come.
func pageMarks(t *testing.T, content []byte) (runs []mark, mcids []int) {
	t.Helper()
	type open struct {
		artifact bool
		mcid     int
	}
	var stack []open
	var operands []string
	i := 0
	n := len(content)
	for i < n {
		c := content[i]
		switch {
		case c == ' ' || c == '\n' || c == '\r' || c == '\t':
			i++
		case c == '(':
			depth := 0
			j := i
			for ; j < n; j++ {
				if content[j] == '\\' {
					j++
					continue
				}
				if content[j] == '(' {
					depth++
				} else if content[j] == ')' {
					depth--
					if depth == 0 {
						break
					}
				}
			}
			operands = append(operands, "(string)")
			i = j + 1
		case c == '<' && i+1 < n && content[i+1] == '<':
			j := bytes.Index(content[i:], []byte(">>"))
			if j < 0 {
				t.Fatal("unterminated dictionary")
			}
			operands = append(operands, string(content[i:i+j+2]))
			i += j + 2
		case c == '<':
			j := bytes.IndexByte(content[i:], '>')
			operands = append(operands, "(hex)")
			i += j + 1
		case c == '[' || c == ']':
			i++
		case c == '/':
			j := i + 1
			for j < n && !strings.ContainsRune(" \n\r\t/[]()<>", rune(content[j])) {
				j++
			}
			operands = append(operands, string(content[i:j]))
			i = j
		default:
			j := i
			for j < n && !strings.ContainsRune(" \n\r\t/[]()<>", rune(content[j])) {
				j++
			}
			if j == i {
				j++
			}
			tok := string(content[i:j])
			i = j
			if (tok[0] >= '0' && tok[0] <= '9') || tok[0] == '-' || tok[0] == '.' {
				operands = append(operands, tok)
				continue
			}
			switch tok {
			case "BMC":
				stack = append(stack, open{artifact: operands[len(operands)-1] == "/Artifact", mcid: -1})
			case "BDC":
				o := open{artifact: operands[len(operands)-2] == "/Artifact", mcid: -1}
				props := operands[len(operands)-1]
				if k := strings.Index(props, "/MCID "); k >= 0 {
					f := strings.Fields(strings.NewReplacer(">>", " ").Replace(props[k+6:]))
					o.mcid, _ = strconv.Atoi(f[0])
					mcids = append(mcids, o.mcid)
				}
				stack = append(stack, o)
			case "EMC":
				if len(stack) == 0 {
					t.Fatal("EMC without BMC/BDC")
				}
				stack = stack[:len(stack)-1]
			case "Tj", "TJ", "'", "\"":
				m := mark{mcid: -1}
				if len(stack) > 0 {
					top := stack[len(stack)-1]
					m.artifact, m.mcid, m.nested = top.artifact, top.mcid, len(stack) > 1
				}
				runs = append(runs, m)
			}
			operands = operands[:0]
		}
	}
	if len(stack) != 0 {
		t.Errorf("%d marked-content sequences left open", len(stack))
	}
	return runs, mcids
}

// checkTagged checks a tagged document: the catalog's entries, the tree,
// every text run on every page tagged (its MCID in the parent tree, to
// the element that has it) or an artifact, every link annotation in a
// Link element. It returns the tree and the number of runs untagged.
func checkTagged(t *testing.T, pdf []byte, title string) (*stree, int) {
	t.Helper()
	ctx, err := api.ReadContext(bytes.NewReader(pdf), pdfcpuConf())
	if err != nil {
		t.Fatal(err)
	}
	if err := ctx.EnsurePageCount(); err != nil {
		t.Fatal(err)
	}
	root, err := ctx.Catalog()
	if err != nil {
		t.Fatal(err)
	}
	if mi, _ := ctx.DereferenceDict(root["MarkInfo"]); mi == nil || fmt.Sprint(mi["Marked"]) != "true" {
		t.Errorf("/MarkInfo %v, want << /Marked true >>", root["MarkInfo"])
	}
	if vp, _ := ctx.DereferenceDict(root["ViewerPreferences"]); vp == nil || fmt.Sprint(vp["DisplayDocTitle"]) != "true" {
		t.Errorf("/ViewerPreferences %v, want << /DisplayDocTitle true >>", root["ViewerPreferences"])
	}
	if sd, _, err := ctx.DereferenceStreamDict(root["Metadata"]); err != nil || sd == nil {
		t.Errorf("no /Metadata: %v", err)
	} else if err := sd.Decode(); err != nil {
		t.Error(err)
	} else if want := "<rdf:li xml:lang=\"x-default\">" + title + "</rdf:li>"; !strings.Contains(string(sd.Content), want) {
		t.Errorf("the XMP metadata lacks the title %q:\n%s", title, sd.Content)
	}
	tr := readTree(t, ctx)

	untagged := 0
	used := map[[2]int]bool{}
	for p := 1; p <= ctx.PageCount; p++ {
		pd, ref, _, err := ctx.PageDict(p, false)
		if err != nil {
			t.Fatal(err)
		}
		pg := ref.ObjectNumber.Value()
		key, ok := pd["StructParents"].(types.Integer)
		if !ok {
			t.Fatalf("page %d has no /StructParents", p)
		}
		byMCID, _ := ctx.DereferenceArray(tr.parents[key.Value()])
		content, err := ctx.PageContent(pd, p)
		if err != nil {
			t.Fatal(err)
		}
		runs, mcids := pageMarks(t, content)
		for _, m := range runs {
			switch {
			case m.nested:
				t.Errorf("page %d: a text run in nested marked content", p)
			case m.artifact:
			case m.mcid < 0:
				untagged++
			}
		}
		for _, mcid := range mcids {
			id := [2]int{pg, mcid}
			if used[id] {
				t.Errorf("page %d: MCID %d twice", p, mcid)
			}
			used[id] = true
			e := tr.byMCID[id]
			switch {
			case e == nil:
				t.Errorf("page %d: MCID %d is in no element", p, mcid)
			case mcid >= len(byMCID) || refNum(byMCID[mcid]) != e.obj:
				t.Errorf("page %d: the parent tree does not map MCID %d to its %s %d", p, mcid, e.role, e.obj)
			case !holdsText(e.role) && e.role != "Figure":
				t.Errorf("page %d: content straight in a %s", p, e.role)
			}
		}
		// Links: each annotation in its Link element.
		annots, _ := ctx.DereferenceArray(pd["Annots"])
		if len(annots) > 0 && name(pd["Tabs"]) != "S" {
			t.Errorf("page %d has links and /Tabs %v, want /S", p, pd["Tabs"])
		}
		for _, a := range annots {
			ad, _ := ctx.DereferenceDict(a)
			k, ok := ad["StructParent"].(types.Integer)
			if !ok {
				t.Errorf("page %d: annotation %d has no /StructParent", p, refNum(a))
				continue
			}
			var e *selem
			for _, x := range tr.order {
				if x.obj == refNum(tr.parents[k.Value()]) {
					e = x
				}
			}
			if e == nil || e.role != "Link" || !slices.Contains(e.objrs, refNum(a)) {
				t.Errorf("page %d: annotation %d's /StructParent is not the Link that holds it", p, refNum(a))
			}
		}
	}
	for id, e := range tr.byMCID {
		if !used[id] {
			t.Errorf("%s %d: MCID %d of page object %d is on no page", e.role, e.obj, id[1], id[0])
		}
	}
	return tr, untagged
}

// structText is pdfinfo -struct-text of a file: the tree in reading
// order, as poppler reads it.
type pnode struct {
	role string
	text string
	kids []*pnode
}

func structText(t *testing.T, path string) *pnode {
	t.Helper()
	out, err := exec.Command(tool(t, "pdfinfo"), "-struct-text", path).CombinedOutput()
	if err != nil {
		t.Fatalf("pdfinfo -struct-text: %v\n%s", err, out)
	}
	root := &pnode{role: "root"}
	stack := []*pnode{root}
	indents := []int{-1}
	for _, line := range strings.Split(string(out), "\n") {
		s := strings.TrimLeft(line, " ")
		in := len(line) - len(s)
		if s == "" {
			continue
		}
		for len(indents) > 1 && indents[len(indents)-1] >= in {
			stack, indents = stack[:len(stack)-1], indents[:len(indents)-1]
		}
		top := stack[len(stack)-1]
		switch {
		case strings.HasPrefix(s, `"`):
			top.text += strings.TrimSuffix(strings.TrimPrefix(s, `"`), `"`)
		case strings.HasPrefix(s, "/"), strings.HasPrefix(s, "Object "):
		default:
			n := &pnode{role: strings.TrimSuffix(strings.Fields(s)[0], ":")}
			top.kids = append(top.kids, n)
			stack, indents = append(stack, n), append(indents, in)
		}
	}
	if len(root.kids) != 1 || root.kids[0].role != "Document" {
		t.Fatalf("pdfinfo -struct-text does not start with Document:\n%.500s", out)
	}
	return root.kids[0]
}

// all is the text of n and its descendants.
func (n *pnode) all() string {
	s := n.text
	for _, k := range n.kids {
		s += k.all()
	}
	return s
}

// walk calls f on n and its descendants in reading order.
func (n *pnode) walk(f func(*pnode)) {
	f(n)
	for _, k := range n.kids {
		k.walk(f)
	}
}

func roles(ns []*pnode) []string {
	var out []string
	for _, n := range ns {
		out = append(out, n.role)
	}
	return out
}

// TestTaggedSample checks the sample's books as Tagged PDF: the tree, the
// marked content and the artifacts, and that the tree read in order is
// the book: cover, contents, acronyms, intro, chapters with their
// practices in the order of the contents, indexes.
func TestTaggedSample(t *testing.T) {
	sampleBooks(t)
	for _, lang := range sample.cat.Config.Languages {
		t.Run(lang, func(t *testing.T) {
			pdf := sample.pdfs[lang]
			path := writeTemp(t, FileName(lang), pdf)
			cfg := sample.cat.Config
			title := cfg.Title.In(lang, cfg.DefaultLanguage())
			word := func(key string) string { return sample.w.Get(lang, key) }

			out, err := exec.Command(tool(t, "pdfinfo"), path).CombinedOutput()
			if err != nil || !strings.Contains(string(out), "\nTagged:          yes\n") {
				t.Errorf("pdfinfo does not say Tagged: yes (%v):\n%s", err, out)
			}
			tr, untagged := checkTagged(t, pdf, title)
			if untagged > 0 {
				t.Errorf("%d text runs are neither tagged nor artifacts", untagged)
			}
			var tables, figuresWithoutAlt int
			for _, e := range tr.order {
				switch e.role {
				case "Figure":
					if e.alt == "" {
						figuresWithoutAlt++
					}
				case "TH":
					if e.scope == "" {
						t.Errorf("TH %d without /Scope", e.obj)
					}
				case "Table":
					tables++
				case "Link":
					if len(e.objrs) == 0 {
						t.Errorf("Link %d without its annotation", e.obj)
					}
				}
			}
			if figuresWithoutAlt > 0 {
				t.Errorf("%d figures without /Alt", figuresWithoutAlt)
			}

			doc := structText(t, path)
			top := doc.kids
			if len(top) < 3 || top[0].role != "H1" || collapse(top[0].text) != title {
				t.Fatalf("the tree starts with %v, want the title as H1 %q", roles(top[:min(5, len(top))]), title)
			}
			// Headings in reading order: the book's parts and chapters as
			// H1, practices as H2 (the first in a Sect), in the order of
			// the contents, whose entries end with their page number.
			var h1, h2, toc1, toc2 []string
			entry := func(n *pnode) string {
				e := collapse(n.all())
				cut := strings.LastIndexByte(e, ' ')
				if _, err := strconv.Atoi(e[cut+1:]); cut < 0 || err != nil {
					t.Errorf("contents entry %q has no page number", e)
					return e
				}
				return e[:cut]
			}
			// The book's contents is its first TOC; each chapter opener
			// has a TOC of its practices too.
			tocs := 0
			var visit func(n *pnode, parent *pnode, tocDepth int)
			visit = func(n *pnode, parent *pnode, tocDepth int) {
				switch {
				case n.role == "H1":
					h1 = append(h1, collapse(n.text))
				case n.role == "H2" && parent.role == "Sect":
					h2 = append(h2, collapse(n.text))
				case n.role == "TOC":
					if tocDepth == 0 {
						tocs++
					}
					tocDepth++
				case n.role == "TOCI" && tocDepth == 1 && tocs == 1:
					toc1 = append(toc1, entry(n))
				case n.role == "TOCI" && tocDepth == 2 && tocs == 1:
					toc2 = append(toc2, entry(n))
				}
				for _, k := range n.kids {
					visit(k, n, tocDepth)
				}
			}
			visit(doc, nil, 0)
			wantH1 := append([]string{title, word("contents")}, toc1...)
			if !slices.Equal(h1, wantH1) {
				t.Errorf("H1s in reading order:\n%q\nwant the title, the contents and the contents' entries:\n%q", h1, wantH1)
			}
			if !slices.Equal(h2, toc2) || len(h2) != len(sample.pub.Practices) {
				t.Errorf("practice titles in reading order:\n%q\nthe contents' (%d practices):\n%q", h2, len(sample.pub.Practices), toc2)
			}
			if !slices.Equal(toc1[:2], []string{word("acronyms"), word("intro")}) {
				t.Errorf("the contents start with %q, want the acronyms and the intro", toc1[:min(2, len(toc1))])
			}
			all := collapse(doc.all())
			// A practice: a Sect of its countries, its title, its summary,
			// its facts as a table with row headers.
			var sect *pnode
			doc.walk(func(n *pnode) {
				if sect == nil && n.role == "Sect" && len(n.kids) > 3 && n.kids[1].role == "H2" {
					sect = n
				}
			})
			if sect == nil {
				t.Fatal("no practice Sect with an H2")
			}
			if got := roles(sect.kids[:4]); !slices.Equal(got, []string{"P", "H2", "P", "Table"}) {
				t.Errorf("a practice starts with %v, want P, H2, P, Table", got)
			}
			if tbl := sect.kids[3]; len(tbl.kids) == 0 || !slices.Equal(roles(tbl.kids[0].kids), []string{"TH", "TD"}) {
				t.Errorf("the facts' first row is not TH, TD")
			}
			var got []string
			sect.walk(func(n *pnode) { got = append(got, n.role) })
			for _, want := range []string{"H3", "L", "LI", "Lbl", "LBody", "Link"} {
				if !slices.Contains(got, want) {
					t.Errorf("the first practice has no %s: %v", want, got)
				}
			}
			// The exchange table's header cells have column scope.
			var column bool
			for _, e := range tr.order {
				column = column || e.role == "TH" && e.scope == "Column"
			}
			if !column {
				t.Error("no TH with /Scope /Column (the exchange table's header)")
			}
			// Links printed as URLs: the Link's text is its URI, and the
			// annotation's /Contents is its text.
			var urls int
			for _, e := range tr.order {
				if e.role != "Link" {
					continue
				}
				for i, uri := range e.annotURI {
					if e.annotCT[i] == "" {
						t.Errorf("Link %d: an annotation without /Contents", e.obj)
					}
					if strings.HasPrefix(e.annotCT[i], "http") {
						urls++
						if strings.TrimSpace(e.annotCT[i]) != uri {
							t.Errorf("Link %d: text %q, URI %q", e.obj, e.annotCT[i], uri)
						}
					}
				}
			}
			if urls == 0 {
				t.Error("no link printed as its URL")
			}
			// Nothing of the restricted practice, in the tree either.
			hidden := sample.cat.Practice(restrictedID).In(lang)
			if strings.Contains(all, collapse(hidden.Title)) {
				t.Errorf("the tree holds the restricted practice's title %q", hidden.Title)
			}
			if !strings.Contains(all, collapse(word("contents"))) {
				t.Error("no contents in the tree")
			}
		})
	}
}

// TestTaggedBody checks the blocks of a body: headings, paragraphs,
// lists, a quote, a table with column headers, a figure with its
// description as /Alt and a box, code, a footnote as a Note.
func TestTaggedBody(t *testing.T) {
	b := newTestBook(t, "es", mediaFolder(t))
	b.newPage()
	drawBody(b, []byte("# Título\n\nUn párrafo con una nota.[^1]\n\n- uno\n- dos\n\n> cita\n\n| A | B |\n|---|---|\n| 1 | 2 |\n\n![foto de la sede](media/pic.png)\n\n```\ncódigo\n```\n\n[^1]: La nota.\n"))
	pdf := finish(t, b)
	tr, untagged := checkTagged(t, pdf, "T")
	if untagged > 0 {
		t.Errorf("%d text runs are neither tagged nor artifacts", untagged)
	}
	var got []string
	for _, e := range tr.order {
		got = append(got, strings.Repeat(" ", e.depth)+e.role)
		if e.role == "Figure" && (e.alt != "foto de la sede" || !e.bbox) {
			t.Errorf("Figure: /Alt %q, a /BBox %v; want the image's description and a box", e.alt, e.bbox)
		}
		if e.role == "TH" && e.scope != "Column" {
			t.Errorf("TH: /Scope %q, want Column", e.scope)
		}
	}
	want := []string{"Document", " H2", " P", "  Link", " L", "  LI", "   Lbl", "   LBody", "  LI", "   Lbl", "   LBody",
		" BlockQuote", "  P", " Table", "  TR", "   TH", "   TH", "  TR", "   TD", "   TD", " Figure", " Code", " Note", "  Lbl", "  P"}
	if !slices.Equal(got, want) {
		t.Errorf("the tree:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// TestUntaggedTextFound checks that checkTagged finds text drawn outside
// any element: a page added later without going through the book's
// helpers fails the tests.
func TestUntaggedTextFound(t *testing.T) {
	b := newTestBook(t, "es", nil)
	b.newPage()
	b.text(plain("etiquetado"), marginL, textW, bodySize, 0, ink)
	b.d.Artifact(func() { b.d.Text(marginL, 100, "artefacto", pdfdraw.Regular, bodySize, ink) })
	b.d.Text(marginL, 120, "suelto", pdfdraw.Regular, bodySize, ink)
	_, untagged := checkTagged(t, finish(t, b), "T")
	if untagged != 1 {
		t.Errorf("%d untagged text runs found, want 1", untagged)
	}
}

// TestTaggedDossier checks a dossier as Tagged PDF: every text run tagged
// or an artifact, the cover's contents (drawn last) in their place after
// the cover, a TOC of links.
func TestTaggedDossier(t *testing.T) {
	sampleBooks(t)
	const lang = "es"
	d := CountryDossier(sample.cat, "CR", lang)
	pdf := renderDossier(t, sample.cat, lang, sample.opt, sample.w, d)
	_, untagged := checkTagged(t, pdf, sample.w.Get(lang, "dossier")+": Costa Rica")
	if untagged > 0 {
		t.Errorf("%d text runs are neither tagged nor artifacts", untagged)
	}
	doc := structText(t, writeTemp(t, "dossier.pdf", pdf))
	got := roles(doc.kids)
	i := slices.Index(got, "Sect")
	if j := slices.Index(got, "H1"); j < 0 || i < j || len(doc.kids[i].kids) < 2 || !slices.Equal(roles(doc.kids[i].kids[:2]), []string{"H2", "TOC"}) {
		t.Errorf("the dossier's tree %v: want the cover's H1, then a Sect of the contents (H2, TOC)", got)
	}
}

// TestTaggedLang checks that a practice whose text is in another language
// than the book's (not translated yet) is a Sect with that /Lang.
func TestTaggedLang(t *testing.T) {
	cat, opt, w := loadCatalog(t, sampleDir)
	const lang = "en"
	x := cat.Practice("cr-equipo-respuesta-inmediata")
	if x == nil || x.Texts[lang] == nil || x.Source == nil || x.Source.Lang == lang {
		t.Fatal("the sample has no cr-equipo-respuesta-inmediata in English, translated from another language")
	}
	delete(x.Texts, lang) // not translated: the book shows the source
	var buf bytes.Buffer
	if err := Render(cat, lang, opt, w, &buf); err != nil {
		t.Fatal(err)
	}
	tr, untagged := checkTagged(t, buf.Bytes(), cat.Config.Title.In(lang, cat.Config.DefaultLanguage()))
	if untagged > 0 {
		t.Errorf("%d text runs are neither tagged nor artifacts", untagged)
	}
	var got []string
	for _, e := range tr.order {
		if e.lang != "" {
			got = append(got, e.role+" "+e.lang)
		}
	}
	// The practice not translated is a Sect in its language; a source's
	// title is a Span in its document's language (the catalog's first
	// when it does not say) wherever that is not its practice's text's:
	// the Spanish titles in the English practices, the English ones
	// (lang: en) in the practice shown in Spanish.
	var want []string
	for _, p := range cat.Public().Practices {
		text := p.In(lang)
		if p.ID == x.ID {
			want = append(want, "Sect "+x.Source.Lang)
		}
		for _, s := range p.Sources {
			if l := cmp.Or(s.Lang, cat.Config.DefaultLanguage()); l != text.Lang {
				want = append(want, "Span "+l)
			}
		}
	}
	// A title over two lines is a Span a line: at least as many.
	count := func(l []string) map[string]int {
		m := map[string]int{}
		for _, k := range l {
			m[k]++
		}
		return m
	}
	g, wanted := count(got), count(want)
	for k, n := range wanted {
		if g[k] < n || (strings.HasPrefix(k, "Sect") && g[k] != n) {
			t.Errorf("%d elements %q with /Lang, want %d", g[k], k, n)
		}
	}
	for k := range g {
		if wanted[k] == 0 {
			t.Errorf("elements %q with /Lang, want none", k)
		}
	}
	if !slices.Contains(got, "Span en") || !slices.Contains(got, "Span es") {
		t.Errorf("elements with /Lang: %q: no source in another language (the sample has them both ways)", got)
	}
}
