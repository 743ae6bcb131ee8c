package book

import (
	"bytes"
	"fmt"
	"testing"

	"github.com/pdfcpu/pdfcpu/pkg/api"

	"catalog/internal/model"
	"catalog/internal/synth"
	"catalog/internal/words"
	"catalog/templates"
)

// shortBodies generate practices of 30–40 words: the layout of the
// contents, outline and indexes does not depend on the bodies.
func shortBodies(n int) synth.Options {
	return synth.Options{Practices: n, Seed: 1, MinWords: 30, MaxWords: 40}
}

func renderAll(t *testing.T, cat *model.Catalog) (*words.Words, map[string][]byte) {
	t.Helper()
	w, err := words.Load(templates.FS, cat.Config.Languages)
	if err != nil {
		t.Fatal(err)
	}
	out := &memOut{files: map[string][]byte{}}
	if err := Write(cat, Options{Date: testDate, Templates: templates.FS}, out); err != nil {
		t.Fatal(err)
	}
	pdfs := map[string][]byte{}
	for _, lang := range cat.Config.Languages {
		pdfs[lang] = out.files[FileName(lang)]
	}
	return w, pdfs
}

// TestSynthBooks checks, as TestSampleBooks does, the books of a
// generated catalog of 160 practices: chapters for many countries and a
// regional one, restricted practices, exchanges, contents over several
// pages.
func TestSynthBooks(t *testing.T) {
	if testing.Short() {
		t.Skip("reads two books of some 200 pages with pdftotext and pdffonts: about 15 s")
	}
	cat := synthCatalog(t, shortBodies(160))
	w, pdfs := renderAll(t, cat)
	for _, lang := range cat.Config.Languages {
		t.Run(lang, func(t *testing.T) { checkBook(t, cat, w, lang, pdfs[lang]) })
	}
}

// TestContentsFit renders generated catalogs of several sizes and holds
// their contents to the pages reserved for it (pdfcpu only, no outside
// tool). The contents' page count is estimated before the pages are
// drawn; the sizes are ones at which an estimate that ignores the space
// left at the foot of each page (an entry that does not fit moves to the
// next page) comes out one page short.
func TestContentsFit(t *testing.T) {
	for _, n := range []int{160, 460, 500, 740} {
		t.Run(fmt.Sprintf("practices=%d", n), func(t *testing.T) {
			cat := synthCatalog(t, shortBodies(n))
			_, pdfs := renderAll(t, cat)
			for _, lang := range cat.Config.Languages {
				t.Run(lang, func(t *testing.T) {
					bk := readBook(t, lang, pdfs[lang])
					bms, err := api.Bookmarks(bytes.NewReader(pdfs[lang]), pdfcpuConf())
					if err != nil {
						t.Fatal(err)
					}
					outline := flatten(bms, 0, nil)
					checkContentsFit(t, bk, outline)
				})
			}
		})
	}
}
