package book

import (
	"bytes"
	"strings"
	"testing"

	"catalog/internal/load"
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

// TestCoverWithoutDate: with no build date the cover has no edition line,
// rather than one dated the first of January of the year 1.
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
	for _, c := range []struct {
		name string
		opt  Options
		want bool
	}{
		{"dated", Options{Date: testDate}, true},
		{"undated", Options{}, false},
	} {
		t.Run(c.name, func(t *testing.T) {
			c.opt.Templates = templates.For(sampleDir)
			var buf bytes.Buffer
			if err := Render(cat, "es", c.opt, w, &buf); err != nil {
				t.Fatal(err)
			}
			cover := readBook(t, "es", buf.Bytes()).page(t, 1)
			if got := strings.Contains(cover, strings.TrimSpace(edition)); got != c.want {
				t.Errorf("edition line %q on the cover: %v, want %v:\n%s", edition, got, c.want, cover)
			}
		})
	}
}
