package serve

import (
	"bytes"
	"strings"
	"testing"

	"catalog/internal/check"
	"catalog/internal/output"
	"catalog/internal/site"
	"catalog/templates"
)

// TestRebuildReuses: after a save of one practice, the site served is the
// site `catalog build` would write for the catalog as it is now, and most
// practice pages came from the last render.
func TestRebuildReuses(t *testing.T) {
	dir := copyCatalog(t)
	ts := startServer(t, dir)
	page, file := samplePractice(t, ts, dir)
	es := ts.openEvents(t)
	es.next(t, "hello")
	setTitle(t, file, "Reconstruida en parte")
	es.next(t, "reload")

	st := ts.state.Load()
	if st.broken() {
		t.Fatalf("the edit broke the catalog: %v %v", st.problems, st.failure)
	}
	reused, rendered := ts.siteCache.Counts()
	if reused == 0 || rendered == 0 {
		t.Errorf("practice pages: %d reused and %d rendered again after a one-practice edit", reused, rendered)
	}
	cat, _, err := check.Catalog(dir, check.Options{})
	if err != nil {
		t.Fatal(err)
	}
	fresh := &output.Memory{}
	if err := site.Render(cat.Public(), site.Options{Date: testDate, Templates: templates.For(dir), Data: true, Books: true}, fresh); err != nil {
		t.Fatal(err)
	}
	served := st.good.files
	if got, want := strings.Join(served.Names(), " "), strings.Join(fresh.Names(), " "); got != want {
		t.Fatalf("served files:\n%s\nwant those of a fresh render:\n%s", got, want)
	}
	for _, name := range fresh.Names() {
		want, _ := fresh.File(name)
		got, _ := served.File(name)
		if !bytes.Equal(got, want) {
			t.Errorf("%s differs from a fresh render of the edited catalog", name)
		}
	}
	html, _ := served.File(strings.TrimPrefix(page, "/") + "index.html")
	if !bytes.Contains(html, []byte("Reconstruida en parte")) {
		t.Error("the edited practice's page does not show the new title")
	}
}
