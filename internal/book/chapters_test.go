package book

import (
	"slices"
	"testing"

	"catalog/internal/load"
	"catalog/internal/words"
	"catalog/templates"
)

// TestChapters: by country, a practice goes in its first country's
// chapter and regional ones in a chapter of their own, last; by pillar,
// in its first pillar's; chapters and practices in the language's order.
func TestChapters(t *testing.T) {
	cat, _, err := load.Catalog("../../catalog")
	if err != nil {
		t.Fatal(err)
	}
	cat = cat.Public()
	w, err := words.Load(templates.FS, cat.Config.Languages)
	if err != nil {
		t.Fatal(err)
	}
	b := &book{cat: cat, cfg: cat.Config, lang: "es", words: w}
	var got []string
	for _, ch := range b.chapters() {
		got = append(got, ch.title)
		for _, x := range ch.practices {
			got = append(got, "  "+x.ID)
		}
	}
	want := []string{
		"Argentina", "  ar-consejo-federal", "  ar-linea-145", "  ar-programa-rescate",
		"Costa Rica", "  cr-equipo-respuesta-inmediata",
		"Guatemala", "  gt-svet",
		"Honduras", "  hn-cicesct",
		"Panamá", "  pa-comision-nacional",
		"Prácticas regionales", "  reg-coalicion-regional-corett", "  reg-conferencia-regional-migracion",
	}
	if !slices.Equal(got, want) {
		t.Errorf("by country:\n got %q\nwant %q", got, want)
	}

	cfg := *cat.Config
	cfg.Chapters = "pillar"
	b.cfg = &cfg
	got = got[:0]
	n := 0
	for _, ch := range b.chapters() {
		got = append(got, ch.title)
		n += len(ch.practices)
	}
	if n != len(cat.Practices) || len(got) == 0 || got[0] != "Prevención" && got[0] != "Protección" {
		t.Errorf("by pillar: %q, %d practices of %d", got, n, len(cat.Practices))
	}
	for _, title := range got {
		if title == "Prácticas regionales" {
			t.Errorf("by pillar, a regional chapter: %q", got)
		}
	}
}
