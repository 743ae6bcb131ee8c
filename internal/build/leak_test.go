package build

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"catalog/internal/iostreams"
)

// TestRestrictedInNoOutput builds the test catalog with every target and
// looks for its restricted practice (ni-hidden, whose every text is
// marked "Zz", which adapts and is related to cr-alpha and names an
// exchange from Honduras) in every file written: the pages, the data, the
// books and the dossiers, whose text pdftotext gives (their streams are
// compressed). The site's, the book's and the dossier's own tests look at
// what each makes; this one at all a build leaves.
func TestRestrictedInNoOutput(t *testing.T) {
	pdftotext, err := exec.LookPath("pdftotext")
	if err != nil {
		if os.Getenv("CATALOG_REQUIRE_TOOLS") == "1" {
			t.Fatal("pdftotext not on PATH and CATALOG_REQUIRE_TOOLS=1")
		}
		t.Skip("pdftotext not on PATH")
	}
	out := filepath.Join(t.TempDir(), "public")
	io, _, stderr := iostreams.Test("")
	if code, err := Run(Options{IO: io, Dir: "../site/testdata/catalog", Out: out, Date: date}); code != 0 || err != nil {
		t.Fatalf("build: %d %v\n%s", code, err, stderr)
	}
	secrets := []string{"Zz", "zz", "ni-hidden", "Práctica oculta"}
	pdfs := 0
	for name, data := range tree(t, out) {
		text := data
		if strings.HasSuffix(name, ".pdf") {
			pdfs++
			cmd := exec.Command(pdftotext, "-q", filepath.Join(out, filepath.FromSlash(name)), "-")
			if text, err = cmd.Output(); err != nil {
				t.Fatalf("%s: pdftotext: %v", name, err)
			}
		}
		for _, s := range secrets {
			if bytes.Contains(text, []byte(s)) {
				t.Errorf("%s shows %q of the restricted practice", name, s)
			}
		}
		if strings.Contains(name, "countries/ni/") || strings.Contains(name, "countries/hn/") {
			t.Errorf("%s: a country named only by the restricted practice has a page or a dossier", name)
		}
	}
	// Two books and a dossier per country with a page, per language.
	if pdfs < 2+2*3 {
		t.Errorf("%d PDFs written: the test looks at too little", pdfs)
	}
}
