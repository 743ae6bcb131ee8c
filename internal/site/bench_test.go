package site

import (
	"fmt"
	"os"
	"runtime"
	"sync"
	"sync/atomic"
	"testing"

	"catalog/internal/load"
	"catalog/internal/model"
	"catalog/internal/synth"
	"catalog/templates"
)

var (
	benchCats   = map[int]*model.Catalog{}
	benchDirs   []string
	benchCatsMu sync.Mutex
)

func TestMain(m *testing.M) {
	code := m.Run()
	for _, dir := range benchDirs {
		os.RemoveAll(dir)
	}
	os.Exit(code)
}

// benchCatalog generates and loads (once per process) a catalog of n
// practices in two languages.
func benchCatalog(b *testing.B, n int) *model.Catalog {
	b.Helper()
	benchCatsMu.Lock()
	defer benchCatsMu.Unlock()
	if cat, ok := benchCats[n]; ok {
		return cat
	}
	dir, err := os.MkdirTemp("", fmt.Sprintf("catalog-site-bench-%d-", n))
	if err != nil {
		b.Fatal(err)
	}
	benchDirs = append(benchDirs, dir)
	if err := synth.Write(dir, synth.Options{Practices: n, Seed: 1}); err != nil {
		b.Fatal(err)
	}
	cat, _, err := load.Catalog(dir)
	if err != nil {
		b.Fatal(err)
	}
	benchCats[n] = cat
	return cat
}

// discard counts what a render writes and keeps nothing.
type discard struct{ files, bytes atomic.Int64 }

func (d *discard) Write(name string, data []byte) error {
	d.files.Add(1)
	d.bytes.Add(int64(len(data)))
	return nil
}

// BenchmarkRender renders the HTML site of generated catalogs (loading
// excluded): every page, in both languages. It reports pages and MB
// written per render and the memory the process took from the system.
func BenchmarkRender(b *testing.B) {
	for _, n := range []int{1000, 10000} {
		b.Run(fmt.Sprintf("practices=%d", n), func(b *testing.B) {
			cat := benchCatalog(b, n)
			opt := Options{Date: date, Templates: templates.FS}
			b.ReportAllocs()
			b.ResetTimer()
			var out *discard
			for b.Loop() {
				out = &discard{}
				if err := Render(cat, opt, out); err != nil {
					b.Fatal(err)
				}
			}
			var ms runtime.MemStats
			runtime.ReadMemStats(&ms)
			b.ReportMetric(float64(out.files.Load()), "files")
			b.ReportMetric(float64(out.bytes.Load())/1e6, "MB-written")
			b.ReportMetric(float64(ms.Sys)/1e6, "MB-sys")
		})
	}
}

// BenchmarkSearchWords: the stems of 100 practices' summaries and
// bodies, as the search data keeps them.
func BenchmarkSearchWords(b *testing.B) {
	cat := benchCatalog(b, 100)
	var texts [][2]string
	size := 0
	for _, p := range cat.Practices {
		for _, t := range p.Texts {
			texts = append(texts, [2]string{t.Summary, string(t.Body)})
			size += len(t.Summary) + len(t.Body)
		}
	}
	b.SetBytes(int64(size))
	b.ReportAllocs()
	for b.Loop() {
		for _, t := range texts {
			searchStems("es", t[0], t[1])
		}
	}
}
