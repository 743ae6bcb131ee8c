package site

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"testing"

	"catalog/internal/load"
	"catalog/internal/model"
	"catalog/internal/synth"
	"catalog/templates"
)

// BenchmarkRenderEdit renders a generated catalog of 1,000 practices with
// a Cache, as serve does after a save: each render follows one of the
// same catalog with another title for one practice (loading excluded).
//
//	go test -run '^$' -bench RenderEdit ./internal/site/
func BenchmarkRenderEdit(b *testing.B) {
	dir := b.TempDir()
	if err := synth.Write(dir, synth.Options{Practices: 1000, Seed: 1}); err != nil {
		b.Fatal(err)
	}
	files, err := filepath.Glob(filepath.Join(dir, "practices", "*.es.md"))
	if err != nil || len(files) == 0 {
		b.Fatalf("no practice files: %v", err)
	}
	src, err := os.ReadFile(files[0])
	if err != nil {
		b.Fatal(err)
	}
	title := regexp.MustCompile(`(?m)^title: .*$`)
	var cats [2]*model.Catalog
	for i := range cats {
		if err := os.WriteFile(files[0], title.ReplaceAll(src, fmt.Appendf(nil, "title: Medida %d", i)), 0o644); err != nil {
			b.Fatal(err)
		}
		if cats[i], _, err = load.Catalog(dir); err != nil {
			b.Fatal(err)
		}
	}
	opt := Options{Date: date, Templates: templates.FS, Data: true, Books: true, Cache: &Cache{}}
	if err := Render(cats[1], opt, &discard{}); err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	b.ResetTimer()
	i := 0
	for b.Loop() {
		if err := Render(cats[i%2], opt, &discard{}); err != nil {
			b.Fatal(err)
		}
		i++
	}
	reused, rendered := opt.Cache.Counts()
	b.ReportMetric(float64(rendered), "practice-pages-rendered")
	b.ReportMetric(float64(reused), "practice-pages-reused")
}
