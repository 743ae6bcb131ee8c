package book

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"catalog/internal/config"
	"catalog/internal/diag"
	"catalog/internal/gate"
	"catalog/internal/layout"
	"catalog/internal/model"
	"catalog/internal/pdfdraw"
	"catalog/internal/words"
	"catalog/templates"
)

// testDate is the build date of every book drawn by the tests.
var testDate = time.Date(2026, 3, 14, 9, 26, 53, 0, time.UTC)

// tool returns the path of an external checker, skipping the test when it
// is missing, unless CATALOG_REQUIRE_TOOLS=1 says the environment must have
// it (CI), in which case a missing tool fails. As in package pdfdraw.
func tool(t testing.TB, name string) string {
	t.Helper()
	path, err := exec.LookPath(name)
	if err != nil {
		if os.Getenv("CATALOG_REQUIRE_TOOLS") == "1" {
			t.Fatalf("%s not on PATH and CATALOG_REQUIRE_TOOLS=1", name)
		}
		t.Skipf("%s not on PATH", name)
	}
	return path
}

// writeTemp writes pdf to a file of the test's temporary folder.
func writeTemp(t testing.TB, name string, pdf []byte) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(path, pdf, 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// pdftotext returns the text of a PDF file, of pages first..last (0, 0:
// all), in the reading order poppler works out, as UTF-8. extra options
// (such as a crop box) go before the file name.
func pdftotext(t testing.TB, path string, first, last int, extra ...string) string {
	t.Helper()
	args := []string{"-enc", "UTF-8"}
	if first > 0 {
		args = append(args, "-f", strconv.Itoa(first), "-l", strconv.Itoa(last))
	}
	args = append(args, extra...)
	args = append(args, path, "-")
	cmd := exec.Command(tool(t, "pdftotext"), args...)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("pdftotext %s: %v\n%s", strings.Join(args, " "), err, stderr.Bytes())
	}
	return string(out)
}

var blanks = regexp.MustCompile(`\s+`)

// collapse turns every run of white space into one space, so that a title
// wrapped over lines compares with the title on one line.
func collapse(s string) string { return strings.TrimSpace(blanks.ReplaceAllString(s, " ")) }

var testSetup struct {
	once sync.Once
	cfg  *config.Config
	w    *words.Words
	err  error
}

// newTestBook returns a book of an empty catalog with the default
// configuration (title "T"), drawing into a new document; media is the
// folder that body images are read from (nil for none). It is what Render
// sets up before the cover, without drawing anything.
func newTestBook(t testing.TB, lang string, media *gate.Folder) *book {
	t.Helper()
	testSetup.once.Do(func() {
		var ds []diag.Diagnostic
		testSetup.cfg, ds = config.Parse([]byte("title: T\n"), "catalog.yaml")
		if len(ds) > 0 {
			testSetup.err = fmt.Errorf("catalog.yaml: %v", ds)
			return
		}
		testSetup.w, testSetup.err = words.Load(templates.FS, testSetup.cfg.Languages)
	})
	if testSetup.err != nil {
		t.Fatal(testSetup.err)
	}
	cfg := testSetup.cfg
	d, err := pdfdraw.New(pdfdraw.Options{Info: pdfdraw.Info{Title: "T", Lang: lang, Created: testDate}, Tagged: true})
	if err != nil {
		t.Fatal(err)
	}
	return &book{cat: model.New("", cfg, nil, nil), cfg: cfg, lang: lang, words: testSetup.w, opt: Options{Date: testDate, Templates: templates.FS},
		d: d, media: media, headers: map[int]string{}, anchors: map[string]int{}, pageOf: map[string]int{}, tocOf: map[int][]int{}, footnotes: map[string]int{}}
}

// drawBody draws a Markdown body as practice draws a practice's body: its
// footnotes' anchors made first, then its blocks in the text column.
func drawBody(b *book, src []byte) {
	blocks := layout.Lower(src, layout.LowerOptions{Link: b.linker()})
	b.footnotes = map[string]int{}
	for _, bl := range blocks {
		if fn, ok := bl.(layout.Footnotes); ok {
			for _, item := range fn.Items {
				b.footnotes["#fn:"+strconv.Itoa(item.N)] = b.d.NewAnchor()
			}
		}
	}
	b.blocks(blocks, marginL, textW, 2)
}

// finish writes the document out.
func finish(t testing.TB, b *book) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := b.d.Output(&buf); err != nil {
		t.Fatalf("Output: %v", err)
	}
	return buf.Bytes()
}
