package serve

import (
	"fmt"
	"os"
	"slices"
	"testing"
	"time"

	"catalog/internal/synth"
)

// BenchmarkEditToReload measures what a writer waits for: from saving a
// practice to the reload event reaching the page (debounce included), on
// the sample catalog and on generated ones of 1,000 and 10,000 practices
// (the first render of 10,000 takes a while). ns/op is the mean; ms-median
// the median.
//
//	go test -run '^$' -bench EditToReload -benchtime 10x ./internal/serve/
func BenchmarkEditToReload(b *testing.B) {
	b.Run("sample", func(b *testing.B) { benchEdit(b, copyCatalog(b)) })
	for _, n := range []int{1000, 10000} {
		b.Run(fmt.Sprintf("synth-%d", n), func(b *testing.B) {
			dir := b.TempDir()
			if err := synth.Write(dir, synth.Options{Practices: n, Seed: 1}); err != nil {
				b.Fatal(err)
			}
			benchEdit(b, dir)
		})
	}
}

func benchEdit(b *testing.B, dir string) {
	// A writer's catalog is older than the files just written here: serve
	// re-reads a file changed in the last 2 s (see load.FileCache).
	time.Sleep(2100 * time.Millisecond)
	ts := startServer(b, dir)
	_, file := samplePractice(b, ts, dir)
	src := readFile(b, file)
	es := ts.openEvents(b)
	es.next(b, "hello")
	var took []time.Duration
	i := 0
	for b.Loop() {
		i++
		edited := titleLine.ReplaceAll(src, fmt.Appendf(nil, "title: Medida %d", i))
		start := time.Now()
		if err := os.WriteFile(file, edited, 0o644); err != nil {
			b.Fatal(err)
		}
		es.next(b, "reload")
		took = append(took, time.Since(start))
	}
	slices.Sort(took)
	b.ReportMetric(float64(took[len(took)/2])/float64(time.Millisecond), "ms-median")
}
