package book

import (
	"bytes"
	"strings"
	"testing"
	"time"

	"catalog/internal/load"
	"catalog/internal/model"
	"catalog/internal/words"
	"catalog/templates"
)

// TestRenderPublic: Render given the catalog as loaded, restricted
// practice and all, draws the same public book as given cat.Public().
func TestRenderPublic(t *testing.T) {
	cat, _, err := load.Catalog(sampleDir)
	if err != nil {
		t.Fatal(err)
	}
	if cat.Public() == cat {
		t.Fatal("the sample catalog has no restricted practice: this test needs one")
	}
	w, err := words.Load(templates.For(sampleDir), cat.Config.Languages)
	if err != nil {
		t.Fatal(err)
	}
	opt := Options{Date: testDate, Templates: templates.For(sampleDir)}
	var all, pub bytes.Buffer
	if err := Render(cat, "es", opt, w, &all); err != nil {
		t.Fatalf("Render of the catalog as loaded: %v", err)
	}
	if err := Render(cat.Public(), "es", opt, w, &pub); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(all.Bytes(), pub.Bytes()) {
		t.Errorf("the book of the catalog as loaded (%d bytes) differs from the public one (%d bytes)", all.Len(), pub.Len())
	}
}

// TestCoverWithoutDate: with no build date the cover has no date, rather
// than the first of January of the year 1: the edition of catalog.yaml
// alone, or, without one, no edition line ("Edición del …") at all.
func TestCoverWithoutDate(t *testing.T) {
	cat, _, err := load.Catalog(sampleDir)
	if err != nil {
		t.Fatal(err)
	}
	w, err := words.Load(templates.For(sampleDir), cat.Config.Languages)
	if err != nil {
		t.Fatal(err)
	}
	edition, _, _ := strings.Cut(w.Get("es", "edition"), "%")
	edition = strings.TrimSpace(edition)
	named := cat.Config.Edition.In("es", "es")
	if named == "" {
		t.Fatal("the sample's catalog.yaml names no edition: this test needs one")
	}
	date := w.Date("es", testDate)
	unnamed := *cat
	cfg := *cat.Config
	cfg.Edition = nil
	unnamed.Config = &cfg
	for _, c := range []struct {
		name      string
		cat       *model.Catalog
		date      time.Time
		want, not []string
	}{
		{"named, dated", cat, testDate, []string{named, date}, []string{edition}},
		{"named, undated", cat, time.Time{}, []string{named}, []string{edition, " 1 de enero de 1"}},
		{"unnamed, dated", &unnamed, testDate, []string{edition + " " + date}, []string{named}},
		{"unnamed, undated", &unnamed, time.Time{}, nil, []string{edition, named, " 1 de enero de 1"}},
	} {
		t.Run(c.name, func(t *testing.T) {
			opt := Options{Date: c.date, Templates: templates.For(sampleDir)}
			var buf bytes.Buffer
			if err := Render(c.cat, "es", opt, w, &buf); err != nil {
				t.Fatal(err)
			}
			cover := readBook(t, "es", buf.Bytes()).page(t, 1)
			for _, s := range c.want {
				if !strings.Contains(cover, s) {
					t.Errorf("the cover lacks %q:\n%s", s, cover)
				}
			}
			for _, s := range c.not {
				if strings.Contains(cover, s) {
					t.Errorf("the cover has %q:\n%s", s, cover)
				}
			}
		})
	}
}

// TestDatesInWords: the book writes a practice's period and its last
// review the language's way ("desde diciembre de 2012", "20 de noviembre
// de 2026"), never in ISO 8601.
func TestDatesInWords(t *testing.T) {
	cat, w := loadSiteCatalog(t)
	for lang, want := range map[string][]string{
		"es": {"Periodo marzo de 2015 – 2020", "Última revisión 1 de enero de 2026", "Última revisión 24 de noviembre de 2025"},
		"en": {"Period March 2015 – 2020", "Last reviewed 15 December 2025", "Last reviewed 24 November 2025"},
	} {
		var buf bytes.Buffer
		if err := Render(cat, lang, Options{Date: testDate, Templates: templates.For(siteDir)}, w, &buf); err != nil {
			t.Fatal(err)
		}
		text := collapse(strings.Join(readBook(t, lang, buf.Bytes()).text(t), " "))
		for _, s := range want {
			if !strings.Contains(text, s) {
				t.Errorf("%s: the book does not say %q", lang, s)
			}
		}
		for _, iso := range []string{"2015-03", "2026-01-01", "2025-12-15"} {
			if strings.Contains(text, iso) {
				t.Errorf("%s: the book says %s", lang, iso)
			}
		}
	}
}
