package book

import (
	"bytes"
	"cmp"
	"flag"
	"fmt"
	htmlpkg "html"
	"os"
	"os/exec"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/pdfcpu/pdfcpu/pkg/api"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu"
	pdfmodel "github.com/pdfcpu/pdfcpu/pkg/pdfcpu/model"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/types"

	"catalog/internal/config"
	"catalog/internal/load"
	"catalog/internal/model"
	"catalog/internal/words"
	"catalog/templates"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/")

const (
	sampleDir = "../../catalog"
	// restrictedID is the sample's restricted practice, which no public
	// book may show.
	restrictedID = "sv-consejo-nacional-trata"
	pagesGolden  = "testdata/pages.txt"
	// imprintPage is the back of the cover, without running header or
	// footer; the contents start on the page after it.
	imprintPage  = 2
	contentsPage = 3
)

// memOut keeps what Write writes.
type memOut struct {
	mu    sync.Mutex
	files map[string][]byte
}

func (m *memOut) Write(name string, data []byte) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	if _, dup := m.files[name]; dup {
		return fmt.Errorf("%s written twice", name)
	}
	m.files[name] = bytes.Clone(data)
	return nil
}

// pdfcpuConf is pdfcpu's default configuration with strict validation, and
// no configuration file in the user's home.
func pdfcpuConf() *pdfmodel.Configuration {
	pdfmodel.ConfigPath = "disable"
	conf := pdfmodel.NewDefaultConfiguration()
	conf.ValidationMode = pdfmodel.ValidationStrict
	return conf
}

// sample is the sample catalog and its public books, rendered once.
var sample struct {
	once sync.Once
	err  error
	cat  *model.Catalog // as loaded, the restricted practice included
	pub  *model.Catalog
	opt  Options
	w    *words.Words
	pdfs map[string][]byte // by language
}

func sampleBooks(t *testing.T) {
	t.Helper()
	sample.once.Do(func() {
		cat, _, err := load.Catalog(sampleDir)
		if err != nil {
			sample.err = err
			return
		}
		sample.cat, sample.pub = cat, cat.Public()
		sample.opt = Options{Date: testDate, Templates: templates.For(sampleDir)}
		if sample.w, err = words.Load(sample.opt.Templates, cat.Config.Languages); err != nil {
			sample.err = err
			return
		}
		sample.pdfs = map[string][]byte{}
		for _, lang := range cat.Config.Languages {
			var buf bytes.Buffer
			if err := Render(sample.pub, lang, sample.opt, sample.w, &buf); err != nil {
				sample.err = fmt.Errorf("Render %s: %w", lang, err)
				return
			}
			sample.pdfs[lang] = buf.Bytes()
		}
	})
	if sample.err != nil {
		t.Fatal(sample.err)
	}
}

// TestSamplePages holds the page count of each language's book to
// testdata/pages.txt; go test -update rewrites it.
func TestSamplePages(t *testing.T) {
	sampleBooks(t)
	var b strings.Builder
	for _, lang := range sample.cat.Config.Languages {
		n, err := api.PageCount(bytes.NewReader(sample.pdfs[lang]), pdfcpuConf())
		if err != nil {
			t.Fatalf("%s: page count: %v", lang, err)
		}
		fmt.Fprintf(&b, "%s %d\n", lang, n)
	}
	if *update {
		if err := os.WriteFile(pagesGolden, []byte(b.String()), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(pagesGolden)
	if err != nil {
		t.Fatalf("%v (go test -update writes it)", err)
	}
	if got := b.String(); got != string(want) {
		t.Errorf("page counts changed (go test -update accepts them):\ngot:\n%swant:\n%s", got, want)
	}
}

// TestSampleReproducible: the same catalog and date give the same bytes,
// whether a language is rendered alone or beside the others by Write.
func TestSampleReproducible(t *testing.T) {
	sampleBooks(t)
	out := &memOut{files: map[string][]byte{}}
	if err := Write(sample.cat, sample.opt, out); err != nil { // Write makes the catalog public itself
		t.Fatal(err)
	}
	if len(out.files) != len(sample.cat.Config.Languages) {
		t.Errorf("Write wrote %d files, want one per language", len(out.files))
	}
	for _, lang := range sample.cat.Config.Languages {
		var again bytes.Buffer
		if err := Render(sample.pub, lang, sample.opt, sample.w, &again); err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(again.Bytes(), sample.pdfs[lang]) {
			t.Errorf("%s: two renders differ (%d and %d bytes)", lang, len(sample.pdfs[lang]), again.Len())
		}
		if got := out.files[FileName(lang)]; !bytes.Equal(got, sample.pdfs[lang]) {
			t.Errorf("%s: Write's %s differs from Render's book (%d and %d bytes)", lang, FileName(lang), len(got), len(sample.pdfs[lang]))
		}
	}
}

// pdfBook is one rendered book, read back.
type pdfBook struct {
	lang  string
	pdf   []byte
	path  string
	ctx   *pdfmodel.Context
	pages []string // pdftotext's text of each page
}

func readBook(t *testing.T, lang string, pdf []byte) *pdfBook {
	t.Helper()
	bk := &pdfBook{lang: lang, pdf: pdf, path: writeTemp(t, FileName(lang), pdf)}
	ctx, err := api.ReadContext(bytes.NewReader(pdf), pdfcpuConf())
	if err != nil {
		t.Fatalf("pdfcpu read: %v", err)
	}
	if err := ctx.EnsurePageCount(); err != nil {
		t.Fatalf("pdfcpu page count: %v", err)
	}
	bk.ctx = ctx
	return bk
}

// text returns pdftotext's text of every page, read on first use.
func (bk *pdfBook) text(t *testing.T) []string {
	t.Helper()
	if bk.pages == nil {
		pages := strings.Split(pdftotext(t, bk.path, 0, 0), "\f")
		if n := len(pages) - 1; n != bk.ctx.PageCount || pages[n] != "" {
			t.Fatalf("pdftotext gives %d pages, pdfcpu counts %d", n, bk.ctx.PageCount)
		}
		bk.pages = pages[:bk.ctx.PageCount]
	}
	return bk.pages
}

// page returns page n's text, white space collapsed.
func (bk *pdfBook) page(t *testing.T, n int) string {
	t.Helper()
	pages := bk.text(t)
	if n < 1 || n > len(pages) {
		return ""
	}
	return collapse(pages[n-1])
}

// pageOfRef maps page objects to their numbers.
func (bk *pdfBook) pageOfRef(t *testing.T) map[int]int {
	t.Helper()
	m := map[int]int{}
	for p := 1; p <= bk.ctx.PageCount; p++ {
		_, ref, _, err := bk.ctx.PageDict(p, false)
		if err != nil || ref == nil {
			t.Fatalf("page %d: %v", p, err)
		}
		m[ref.ObjectNumber.Value()] = p
	}
	return m
}

// pdfLink is an internal link annotation: its rectangle in points, origin at
// the bottom left, and the page it jumps to.
type pdfLink struct {
	x1, y1, x2, y2 float64
	dest           int
}

func number(o types.Object) float64 {
	switch v := o.(type) {
	case types.Integer:
		return float64(v.Value())
	case types.Float:
		return v.Value()
	}
	return 0
}

// links returns page p's internal links, in the order of its /Annots.
func (bk *pdfBook) links(t *testing.T, p int, pageOf map[int]int) []pdfLink {
	t.Helper()
	pd, _, _, err := bk.ctx.PageDict(p, false)
	if err != nil {
		t.Fatal(err)
	}
	annots, err := bk.ctx.DereferenceArray(pd["Annots"])
	if err != nil {
		t.Fatalf("page %d /Annots: %v", p, err)
	}
	var out []pdfLink
	for _, a := range annots {
		d, err := bk.ctx.DereferenceDict(a)
		if err != nil || d == nil {
			t.Fatalf("page %d: annotation %v: %v", p, a, err)
		}
		dest, err := bk.ctx.DereferenceArray(d["Dest"])
		if err != nil || len(dest) == 0 {
			continue // a URI link
		}
		ref, ok := dest[0].(types.IndirectRef)
		if !ok {
			t.Fatalf("page %d: link destination %v is not a page", p, dest)
		}
		r, err := bk.ctx.DereferenceArray(d["Rect"])
		if err != nil || len(r) != 4 {
			t.Fatalf("page %d: link rectangle %v: %v", p, d["Rect"], err)
		}
		x1, y1, x2, y2 := number(r[0]), number(r[1]), number(r[2]), number(r[3])
		out = append(out, pdfLink{min(x1, x2), min(y1, y2), max(x1, x2), max(y1, y2), pageOf[ref.ObjectNumber.Value()]})
	}
	return out
}

// textWord is a word as pdftotext -bbox gives it: its box in points from the
// top left corner of the page.
type textWord struct {
	x1, y1, x2, y2 float64
	text           string
}

var (
	bboxPage = regexp.MustCompile(`<page width="[^"]*" height="([^"]*)">|</page>`)
	bboxWord = regexp.MustCompile(`<word xMin="([^"]*)" yMin="([^"]*)" xMax="([^"]*)" yMax="([^"]*)">([^<]*)</word>`)
)

// words returns the words of pages first..last, one pdftotext run.
func (bk *pdfBook) words(t *testing.T, first, last int) map[int][]textWord {
	t.Helper()
	out := map[int][]textWord{}
	html := pdftotext(t, bk.path, first, last, "-bbox")
	p := first - 1
	for _, line := range strings.Split(html, "\n") {
		if m := bboxPage.FindStringSubmatch(line); m != nil && m[1] != "" {
			p++
			continue
		}
		if m := bboxWord.FindStringSubmatch(line); m != nil {
			var f [4]float64
			for i := range f {
				f[i], _ = strconv.ParseFloat(m[i+1], 64)
			}
			out[p] = append(out[p], textWord{f[0], f[1], f[2], f[3], htmlpkg.UnescapeString(m[5])})
		}
	}
	if p != last {
		t.Fatalf("pdftotext -bbox -f %d -l %d gives %d pages", first, last, p-first+1)
	}
	return out
}

// within returns the words whose centre lies in the rectangle from x1 to
// x2 and y1 to y2 (points from the bottom left, as a link's /Rect), line
// by line, left to right; dot leaders left out.
func within(ws []textWord, x1, y1, x2, y2 float64) string {
	const hPt = pageH * 72 / 25.4
	var in []textWord
	for _, w := range ws {
		if strings.Trim(w.text, ".") == "" {
			continue // dot leaders: not the entry's words
		}
		cx, cy := (w.x1+w.x2)/2, hPt-(w.y1+w.y2)/2
		if cx >= x1 && cx <= x2 && cy >= y1 && cy <= y2 {
			in = append(in, w)
		}
	}
	slices.SortStableFunc(in, func(a, b textWord) int {
		if d := a.y2 - b.y2; d > 1 || d < -1 {
			return cmp.Compare(a.y2, b.y2)
		}
		return cmp.Compare(a.x1, b.x1)
	})
	var b strings.Builder
	for i, w := range in {
		if i > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(w.text)
	}
	return b.String()
}

type outlineEntry struct {
	level int
	title string
	page  int
}

func flatten(bms []pdfcpu.Bookmark, level int, out []outlineEntry) []outlineEntry {
	for _, bm := range bms {
		out = append(out, outlineEntry{level, bm.Title, bm.PageFrom})
		out = flatten(bm.Kids, level+1, out)
	}
	return out
}

// expectedChapters applies the spec's rule to the public practices: one
// chapter per country (a practice in its first country's; regional ones,
// and any without a country, in one chapter of their own), or per pillar
// (its first pillar; one without a pillar in that extra chapter).
func expectedChapters(cat *model.Catalog) map[string][]*model.Practice {
	out := map[string][]*model.Practice{}
	for _, x := range cat.Practices {
		if x.Restricted() {
			continue
		}
		key := "(regional)"
		switch {
		case cat.Config.Chapters == "pillar":
			if len(x.Pillars) > 0 {
				key = x.Pillars[0]
			}
		case x.Scope != "regional" && len(x.Countries) > 0:
			key = x.Countries[0]
		}
		out[key] = append(out[key], x)
	}
	return out
}

// TestSampleBooks checks both books of the sample catalog, read back
// with pdfcpu, poppler and qpdf.
func TestSampleBooks(t *testing.T) {
	sampleBooks(t)
	hidden := sample.cat.Practice(restrictedID)
	if hidden == nil || !hidden.Restricted() {
		t.Fatalf("the sample catalog has no restricted practice %s: this test needs one", restrictedID)
	}
	if sample.pub.Practice(restrictedID) != nil {
		t.Fatalf("Public() keeps %s", restrictedID)
	}
	for _, lang := range sample.cat.Config.Languages {
		t.Run(lang, func(t *testing.T) { checkBook(t, sample.cat, sample.w, lang, sample.pdfs[lang]) })
	}
}

// checkBook checks the book of cat (as loaded, restricted practices
// included) in lang: a valid PDF with embedded fonts and metadata, the
// cover, every public practice's title and no restricted one's, the
// footers, the outline and the contents.
func checkBook(t *testing.T, cat *model.Catalog, w *words.Words, lang string, pdf []byte) {
	pub := cat.Public()
	chapters := expectedChapters(cat)
	bk := readBook(t, lang, pdf)
	word := func(key string) string { return w.Get(lang, key) }
	cfg := cat.Config
	title := cfg.Title.In(lang, cfg.DefaultLanguage())
	intro := len(cat.Intro[lang]) > 0

	t.Run("pdfcpu", func(t *testing.T) {
		if err := api.ValidateContext(bk.ctx); err != nil {
			t.Errorf("pdfcpu validate (strict): %v", err)
		}
	})
	t.Run("qpdf", func(t *testing.T) {
		out, err := exec.Command(tool(t, "qpdf"), "--check", bk.path).CombinedOutput()
		if err != nil {
			t.Errorf("qpdf --check: %v\n%s", err, out)
		}
	})
	t.Run("fonts", func(t *testing.T) {
		out, err := exec.Command(tool(t, "pdffonts"), bk.path).CombinedOutput()
		if err != nil {
			t.Fatalf("pdffonts: %v\n%s", err, out)
		}
		lines := strings.Split(strings.TrimSpace(string(out)), "\n")
		if len(lines) < 2+2 {
			t.Errorf("fewer than 2 fonts:\n%s", out)
		}
		for _, line := range lines[min(2, len(lines)):] {
			// name type… encoding emb sub uni objnum gen
			if f := strings.Fields(line); len(f) < 6 || f[len(f)-5] != "yes" {
				t.Errorf("font not embedded: %s", line)
			}
		}
	})
	t.Run("metadata", func(t *testing.T) {
		out, err := exec.Command(tool(t, "pdfinfo"), "-enc", "UTF-8", "-isodates", bk.path).CombinedOutput()
		if err != nil {
			t.Fatalf("pdfinfo: %v\n%s", err, out)
		}
		info := map[string]string{}
		for _, line := range strings.Split(string(out), "\n") {
			if k, v, ok := strings.Cut(line, ":"); ok {
				info[k] = strings.TrimSpace(v)
			}
		}
		if got := info["Title"]; got != title {
			t.Errorf("Title %q, want %q", got, title)
		}
		if got, want := info["Author"], cfg.Publisher.In(lang, cfg.DefaultLanguage()); got != want {
			t.Errorf("Author %q, want %q", got, want)
		}
		if got, want := info["CreationDate"], "2026-03-14T09:26:53Z"; got != want {
			t.Errorf("CreationDate %q, want %q (the build date)", got, want)
		}
		// pdfinfo does not show /Lang: read the document catalog.
		root, err := bk.ctx.Catalog()
		if err != nil {
			t.Fatal(err)
		}
		if got := root.StringEntry("Lang"); got == nil || *got != lang {
			t.Errorf("/Lang %v, want %q", root["Lang"], lang)
		}
	})
	t.Run("cover", func(t *testing.T) {
		cover := bk.page(t, 1)
		edition := fmt.Sprintf(word("edition"), w.Date(lang, testDate))
		if ed := cfg.Edition.In(lang, cfg.DefaultLanguage()); ed != "" {
			edition = ed + " " + w.Date(lang, testDate)
		}
		for _, want := range []string{title, cfg.Subtitle.In(lang, cfg.DefaultLanguage()), cfg.Publisher.In(lang, cfg.DefaultLanguage()), edition} {
			if !strings.Contains(cover, collapse(want)) {
				t.Errorf("the cover lacks %q:\n%s", want, cover)
			}
		}
	})
	t.Run("titles", func(t *testing.T) {
		// Each public practice has a page with its title and the start of
		// its summary (the contents and indexes show titles alone).
		all := collapse(strings.Join(bk.text(t), " "))
		for _, x := range pub.Practices {
			tt, sum := collapse(x.In(lang).Title), []rune(collapse(x.In(lang).Summary))
			start := string(sum[:min(len(sum), 60)])
			found := false
			for p := range bk.text(t) {
				if page := bk.page(t, p+1); strings.Contains(page, tt) && strings.Contains(page, start) {
					found = true
					break
				}
			}
			if !found {
				t.Errorf("no page shows %s's title %q with its summary %q…", x.ID, tt, start)
			}
		}
		// A restricted practice's title and summary, in any language, are
		// nowhere; unless a public practice's own title or summary holds
		// the same words (generated catalogs reuse phrases), which makes
		// the check say nothing.
		var public []string
		for _, x := range pub.Practices {
			for _, tx := range x.Texts {
				public = append(public, collapse(tx.Title), collapse(tx.Summary))
			}
		}
		shared := func(s string) bool {
			return slices.ContainsFunc(public, func(p string) bool { return strings.Contains(p, s) })
		}
		checked := 0
		for _, x := range cat.Practices {
			if !x.Restricted() {
				continue
			}
			for l, tx := range x.Texts {
				for _, s := range []string{collapse(tx.Title), collapse(tx.Summary)} {
					if s == "" || shared(s) {
						continue
					}
					checked++
					if strings.Contains(all, s) {
						t.Errorf("the book shows restricted practice %s's text (%s) %q", x.ID, l, s)
					}
				}
			}
		}
		t.Logf("%d titles and summaries of restricted practices checked absent", checked)
	})
	t.Run("text area", func(t *testing.T) { checkTextArea(t, bk, title, word("page_of")) })
	t.Run("footer", func(t *testing.T) {
		n := len(bk.text(t))
		for p := 2; p <= n; p++ {
			if p == imprintPage {
				continue
			}
			if want := fmt.Sprintf(word("page_of"), p, n); !strings.Contains(bk.page(t, p), want) {
				t.Errorf("page %d lacks %q", p, want)
			}
		}
	})

	// The outline: intro, chapters with their practices, the two
	// indexes and the exchange table; each entry on the page that
	// shows its title.
	bms, err := api.Bookmarks(bytes.NewReader(bk.pdf), pdfcpuConf())
	if err != nil {
		t.Fatalf("bookmarks: %v", err)
	}
	outline := flatten(bms, 0, nil)
	t.Run("bookmarks", func(t *testing.T) {
		want := len(chapters) + len(pub.Practices) + 3
		top := len(chapters) + 3
		if intro {
			want++
			top++
		}
		if len(acronyms(pub, lang)) > 0 {
			want++
			top++
		}
		if len(outline) != want || len(bms) != top {
			t.Errorf("%d bookmarks, %d at the top; want %d = %d chapters + %d practices + intro + 3, %d at the top",
				len(outline), len(bms), want, len(chapters), len(pub.Practices), top)
		}
		for _, bm := range bms {
			if list, ok := chapterOf(bm.Title, chapters, cfg, w, lang); ok && len(bm.Kids) != len(list) {
				t.Errorf("chapter %q: %d bookmarks under it, want its %d practices", bm.Title, len(bm.Kids), len(list))
			}
		}
		for _, e := range outline {
			if !strings.Contains(bk.page(t, e.page), collapse(e.title)) {
				t.Errorf("bookmark %q points at page %d, which does not show it:\n%s", e.title, e.page, bk.page(t, e.page))
			}
		}
		practices := map[string]int{}
		for _, e := range outline {
			if e.level == 1 {
				practices[e.title]++
			}
		}
		for _, x := range pub.Practices {
			if n := practices[x.In(lang).Title]; n != 1 {
				t.Errorf("%s has %d bookmarks, want 1", x.ID, n)
			}
		}
	})

	t.Run("contents fit", func(t *testing.T) { checkContentsFit(t, bk, outline) })

	// The contents: its entries are read from the link annotations of
	// its pages, the title and the printed number each taken from the
	// words pdftotext -bbox finds in the entry's rectangle, left and
	// right of the number column.
	t.Run("contents", func(t *testing.T) {
		if len(outline) == 0 {
			t.Fatal("no bookmarks")
		}
		if !strings.HasPrefix(bk.page(t, contentsPage), title+" "+word("contents")+" "+word("contents")) {
			t.Errorf("page %d does not start with the running header and the heading %q:\n%s", contentsPage, word("contents"), bk.page(t, contentsPage))
		}
		const k = 72 / 25.4
		numX := (pageW - marginR - tocNumW) * k
		words := bk.words(t, contentsPage, outline[0].page-1)
		var entries []outlineEntry
		links := contentsLinks(t, bk, outline)
		for p := contentsPage; p < outline[0].page; p++ {
			for _, l := range links[p] {
				text := within(words[p], l.x1, l.y1, numX, l.y2)
				num := within(words[p], numX, l.y1, l.x2, l.y2)
				if num != strconv.Itoa(l.dest) {
					t.Errorf("contents entry %q prints page %q and links to page %d", text, num, l.dest)
				}
				if !strings.Contains(bk.page(t, l.dest), text) {
					t.Errorf("contents entry %q: page %s does not show it:\n%s", text, num, bk.page(t, l.dest))
				}
				entries = append(entries, outlineEntry{title: text, page: l.dest})
			}
		}
		// The same entries, in the same order and to the same pages, as
		// the outline.
		var want []outlineEntry
		for _, e := range outline {
			want = append(want, outlineEntry{title: collapse(e.title), page: e.page})
		}
		if !slices.Equal(entries, want) {
			t.Errorf("the contents and the outline differ:\ncontents: %v\noutline:  %v", entries, want)
		}
	})
}

// contentsLinks returns the internal links of the contents pages: from
// contentsPage up to the page of the first bookmark, by page.
func contentsLinks(t *testing.T, bk *pdfBook, outline []outlineEntry) map[int][]pdfLink {
	t.Helper()
	if len(outline) == 0 {
		t.Fatal("no bookmarks")
	}
	pageOf := bk.pageOfRef(t)
	out := map[int][]pdfLink{}
	for p := contentsPage; p < outline[0].page; p++ {
		out[p] = bk.links(t, p, pageOf)
	}
	return out
}

// checkContentsFit holds the contents to its pages, with no tool but
// pdfcpu: one entry per bookmark, to the bookmark's page, each entry
// within the text area (between the running header and the footer), and
// each practice starting on a page of its own.
func checkContentsFit(t *testing.T, bk *pdfBook, outline []outlineEntry) {
	t.Helper()
	const k = 72 / 25.4
	var dests []int
	links := contentsLinks(t, bk, outline)
	for p := contentsPage; p < outline[0].page; p++ {
		for _, l := range links[p] {
			if l.y1 < (pageH-bottom)*k-0.5 || l.y2 > (pageH-top)*k+0.5 {
				t.Errorf("page %d: contents entry to page %d at y %.1f–%.1f pt from the bottom, outside the text area (%.1f–%.1f pt)",
					p, l.dest, l.y1, l.y2, (pageH-bottom)*k, (pageH-top)*k)
			}
			dests = append(dests, l.dest)
		}
	}
	var want []int
	for _, e := range outline {
		want = append(want, e.page)
	}
	if !slices.Equal(dests, want) {
		t.Errorf("the contents' %d entries link to pages %v,\nthe %d bookmarks to %v", len(dests), dests, len(want), want)
	}
	seen := map[int]string{}
	for _, e := range outline {
		if e.level != 1 {
			continue
		}
		if other, dup := seen[e.page]; dup {
			t.Errorf("%q and %q start on the same page %d", other, e.title, e.page)
		}
		seen[e.page] = e.title
	}
}

// checkTextArea holds every word of every page to where the book draws:
// on the pages but the cover and the imprint, the running header (the catalog's title first) above the rule at
// 17 mm, the footer "page X of N" alone on its line, and everything else
// within the margins. A word below the bottom margin, or off the paper
// (which pdftotext does not report, but then a word is missing
// elsewhere), fails.
func checkTextArea(t *testing.T, bk *pdfBook, title, pageOf string) {
	t.Helper()
	const k = 72 / 25.4
	const tol = 0.5
	n := bk.ctx.PageCount
	words := bk.words(t, 1, n)
	short := []rune(collapse(title))
	short = short[:min(len(short), 79)] // a long title is cut with "…"
	bad := 0
	report := func(format string, args ...any) {
		if bad++; bad <= 10 {
			t.Errorf(format, args...)
		}
	}
	for p := 1; p <= n; p++ {
		var head, foot []string
		framed := p != 1 && p != imprintPage
		for _, w := range words[p] {
			switch {
			case framed && w.y2 <= 17*k:
				head = append(head, w.text)
			case framed && w.y1 >= (pageH-15)*k && w.y2 <= (pageH-9)*k:
				foot = append(foot, w.text)
			case w.x1 < marginL*k-tol || w.x2 > (pageW-marginR)*k+tol || w.y1 < top*k-tol || w.y2 > bottom*k+tol:
				report("page %d: %q at x %.0f–%.0f, y %.0f–%.0f pt from the top: outside the text area (x %.0f–%.0f, y %.0f–%.0f)",
					p, w.text, w.x1, w.x2, w.y1, w.y2, marginL*k, (pageW-marginR)*k, top*k, bottom*k)
			}
		}
		if !framed {
			continue
		}
		if h := strings.Join(head, " "); !strings.HasPrefix(h, string(short)) {
			report("page %d: running header %q does not start with the title", p, h)
		}
		if f, want := strings.Join(foot, " "), fmt.Sprintf(pageOf, p, n); f != want {
			report("page %d: footer line %q, want %q", p, f, want)
		}
	}
	if bad > 10 {
		t.Errorf("… %d problems in all", bad)
	}
}

// chapterOf returns the practices of the chapter titled so, if it is one.
func chapterOf(title string, chapters map[string][]*model.Practice, cfg *config.Config, w *words.Words, lang string) ([]*model.Practice, bool) {
	for key, list := range chapters {
		if key == "(regional)" {
			if title == w.Get(lang, "regional_practices") {
				return list, true
			}
			continue
		}
		b := &book{cfg: cfg, lang: lang, words: w}
		if title == b.country(key) || title == b.label(&b.cfg.Pillars, key) {
			return list, true
		}
	}
	return nil, false
}
