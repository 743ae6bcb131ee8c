package book

import (
	"bytes"
	"fmt"
	"os"
	"regexp"
	"runtime"
	"sync"
	"testing"

	"catalog/internal/load"
	"catalog/internal/model"
	"catalog/internal/synth"
	"catalog/internal/words"
	"catalog/templates"
)

var (
	synthCats   = map[string]*model.Catalog{}
	synthDirs   []string
	synthCatsMu sync.Mutex
)

func TestMain(m *testing.M) {
	code := m.Run()
	for _, dir := range synthDirs {
		os.RemoveAll(dir)
	}
	os.Exit(code)
}

// synthCatalog generates and loads (once per process) a catalog as opt
// says. Not t.TempDir: that is removed when the first test or benchmark
// using it ends, and the catalog is shared. TestMain removes it.
func synthCatalog(tb testing.TB, opt synth.Options) *model.Catalog {
	tb.Helper()
	synthCatsMu.Lock()
	defer synthCatsMu.Unlock()
	key := fmt.Sprintf("%+v", opt)
	if cat, ok := synthCats[key]; ok {
		return cat
	}
	dir, err := os.MkdirTemp("", fmt.Sprintf("catalog-book-%d-", opt.Practices))
	if err != nil {
		tb.Fatal(err)
	}
	synthDirs = append(synthDirs, dir)
	if err := synth.Write(dir, opt); err != nil {
		tb.Fatal(err)
	}
	cat, _, err := load.Catalog(dir)
	if err != nil {
		tb.Fatal(err)
	}
	if len(cat.Practices) != opt.Practices {
		tb.Fatalf("generated catalog has %d practices, want %d", len(cat.Practices), opt.Practices)
	}
	synthCats[key] = cat
	return cat
}

// pdfPages counts a PDF's page objects ("/Type /Page", not "/Pages").
func pdfPages(pdf []byte) int { return len(pageObject.FindAllIndex(pdf, -1)) }

var pageObject = regexp.MustCompile(`/Type\s*/Page[^s]`)

// BenchmarkBook renders the book of generated catalogs (practices as
// rich and long as the sample's, internal/synth's default; loading excluded): one language alone (Render), and
// every language as build does it (Write: a goroutine per language). The
// target is under 2 s for 1,000 practices, both languages. It reports the
// pages and MB of one book and the memory the process took from the
// system.
func BenchmarkBook(b *testing.B) {
	for _, n := range []int{1000, 10000} {
		b.Run(fmt.Sprintf("practices=%d", n), func(b *testing.B) {
			cat := synthCatalog(b, synth.Options{Practices: n, Seed: 1}).Public()
			opt := Options{Date: testDate, Templates: templates.FS}
			w, err := words.Load(opt.Templates, cat.Config.Languages)
			if err != nil {
				b.Fatal(err)
			}
			lang := cat.Config.DefaultLanguage()
			b.Run("lang="+lang, func(b *testing.B) {
				b.ReportAllocs()
				var buf bytes.Buffer
				for b.Loop() {
					buf.Reset()
					if err := Render(cat, lang, opt, w, &buf); err != nil {
						b.Fatal(err)
					}
				}
				var ms runtime.MemStats
				runtime.ReadMemStats(&ms)
				b.ReportMetric(float64(pdfPages(buf.Bytes())), "pages")
				b.ReportMetric(float64(buf.Len())/1e6, "MB")
				b.ReportMetric(float64(ms.Sys)/1e6, "MB-sys")
			})
			b.Run("all", func(b *testing.B) {
				b.ReportAllocs()
				var out *memOut
				for b.Loop() {
					out = &memOut{files: map[string][]byte{}}
					if err := Write(cat, opt, out); err != nil {
						b.Fatal(err)
					}
				}
				pages, size := 0, 0
				for _, pdf := range out.files {
					pages += pdfPages(pdf)
					size += len(pdf)
				}
				var ms runtime.MemStats
				runtime.ReadMemStats(&ms)
				b.ReportMetric(float64(pages), "pages")
				b.ReportMetric(float64(size)/1e6, "MB")
				b.ReportMetric(float64(ms.Sys)/1e6, "MB-sys")
			})
		})
	}
}
