package check

import (
	"fmt"
	"os"
	"path/filepath"
	"sync"
	"testing"

	"catalog/internal/diag"
	"catalog/internal/markdown"
	"catalog/internal/synth"
)

var (
	benchDirs   = map[int]string{}
	benchDirsMu sync.Mutex
)

func TestMain(m *testing.M) {
	code := m.Run()
	for _, dir := range benchDirs {
		os.RemoveAll(dir)
	}
	os.Exit(code)
}

// benchCatalog generates (once per process) a catalog of n practices in
// two languages: 2n files of 280–440 words each.
func benchCatalog(b *testing.B, n int) string {
	b.Helper()
	benchDirsMu.Lock()
	defer benchDirsMu.Unlock()
	if dir, ok := benchDirs[n]; ok {
		return dir
	}
	// Not b.TempDir: that is removed when the first benchmark ends, and
	// the catalog is shared by all of them. TestMain removes it.
	dir, err := os.MkdirTemp("", fmt.Sprintf("catalog-bench-%d-", n))
	if err != nil {
		b.Fatal(err)
	}
	if err := synth.Write(dir, synth.Options{Practices: n, Seed: 1}); err != nil {
		b.Fatal(err)
	}
	benchDirs[n] = dir
	return dir
}

// BenchmarkValidate is `catalog validate` on generated catalogs: load,
// every check, ignores, sorting. The target is under 1 s for 10,000
// practices on a 2-core machine; memory should grow linearly with n.
func BenchmarkValidate(b *testing.B) {
	for _, n := range []int{1000, 10000} {
		b.Run(fmt.Sprintf("practices=%d", n), func(b *testing.B) {
			dir := benchCatalog(b, n)
			b.ReportAllocs()
			b.ResetTimer()
			for b.Loop() {
				cat, ds, err := Catalog(dir, Options{Now: today})
				if err != nil {
					b.Fatal(err)
				}
				if len(cat.Practices) != n {
					b.Fatalf("%d practices, want %d", len(cat.Practices), n)
				}
				if errs := countErrors(ds); errs > 0 {
					b.Fatalf("generated catalog has %d errors, first %v", errs, ds[0])
				}
			}
		})
	}
}

func countErrors(ds []diagnostic) int {
	n := 0
	for _, d := range ds {
		if d.Severity == errorSeverity {
			n++
		}
	}
	return n
}

type diagnostic = diag.Diagnostic

const errorSeverity = diag.Error

// BenchmarkParseBody is the body parse of the checks on one generated
// body of 280–440 words.
func BenchmarkParseBody(b *testing.B) {
	dir := benchCatalog(b, 1000)
	files, _ := filepath.Glob(filepath.Join(dir, "practices", "*.es.md"))
	src, err := os.ReadFile(files[0])
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(src)))
	b.ReportAllocs()
	for b.Loop() {
		parseBody(src, 1)
	}
}

// BenchmarkDeepest is the body parse of the checks on the worst bodies
// that validate accepts (markdown.Deepest), at doubling sizes: the time
// per byte must not grow with the size.
func BenchmarkDeepest(b *testing.B) {
	for k := range markdown.Kinds {
		for _, size := range []int{32 << 10, 64 << 10, 128 << 10} {
			src := markdown.Deepest(k, size)
			if d, over := markdown.Nesting(src); over {
				b.Fatalf("%s: refused: %v", k, d)
			}
			b.Run(fmt.Sprintf("%s/KB=%d", k, size>>10), func(b *testing.B) {
				b.SetBytes(int64(len(src)))
				for b.Loop() {
					if _, err := parseBody(src, 1); err != nil {
						b.Fatal(err)
					}
				}
			})
		}
	}
}
