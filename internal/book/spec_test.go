package book

import (
	"encoding/json"
	"html"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime/debug"
	"strconv"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"catalog/internal/fonts"
)

type specExample struct {
	Markdown string `json:"markdown"`
	HTML     string `json:"html"`
	Example  int    `json:"example"`
	Section  string `json:"section"`
}

// goldmarkDir returns the folder of the goldmark module the project builds
// with. It is in the module cache whenever this test compiles, so not
// finding it is a failure, not a reason to skip.
func goldmarkDir(t *testing.T) string {
	t.Helper()
	const mod = "github.com/yuin/goldmark"
	out, err := exec.Command("go", "list", "-m", "-f", "{{.Dir}}", mod).Output()
	if dir := strings.TrimSpace(string(out)); err == nil && dir != "" {
		return dir
	}
	// Without the go command: the version in go.mod, in the module cache.
	gomod, rerr := os.ReadFile("../../go.mod")
	if rerr != nil {
		t.Fatalf("go list -m %s: %v; go.mod: %v", mod, err, rerr)
	}
	m := regexp.MustCompile(`(?m)^\s*(?:require\s+)?` + regexp.QuoteMeta(mod) + `\s+(v\S+)`).FindSubmatch(gomod)
	if m == nil {
		t.Fatalf("go list -m %s: %v; and go.mod does not require it", mod, err)
	}
	var caches []string
	if c := os.Getenv("GOMODCACHE"); c != "" {
		caches = append(caches, c)
	}
	if p := os.Getenv("GOPATH"); p != "" {
		caches = append(caches, filepath.Join(filepath.SplitList(p)[0], "pkg", "mod"))
	}
	if home, herr := os.UserHomeDir(); herr == nil {
		caches = append(caches, filepath.Join(home, "go", "pkg", "mod"))
	}
	for _, c := range caches {
		dir := filepath.Join(c, filepath.FromSlash(mod)+"@"+string(m[1]))
		if _, serr := os.Stat(dir); serr == nil {
			return dir
		}
	}
	t.Fatalf("go list -m %s: %v; and %s@%s is in none of %q", mod, err, mod, m[1], caches)
	return ""
}

func specExamples(t *testing.T) []specExample {
	t.Helper()
	path := filepath.Join(goldmarkDir(t), "_test", "spec.json")
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("the CommonMark examples: %v", err)
	}
	var examples []specExample
	if err := json.Unmarshal(data, &examples); err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	if len(examples) < 600 {
		t.Fatalf("%s holds %d examples; CommonMark 0.31 has 652", path, len(examples))
	}
	return examples
}

// specSkipSections are the sections whose examples may lose text in the
// book, with the reason.
var specSkipSections = map[string]string{
	"HTML blocks": "raw HTML is dropped on purpose, and the text inside an HTML block with it",
	"Raw HTML":    "raw HTML is dropped on purpose",
}

var htmlTag = regexp.MustCompile(`<[^>]*>`)

// visibleText is the text of an example's HTML as a browser shows it:
// tags (and so an image's alt attribute) dropped, entities decoded.
func visibleText(h string) string { return html.UnescapeString(htmlTag.ReplaceAllString(h, "")) }

// drawableText is s as the book's fonts can draw it (see fonts.Drawable):
// a character no font covers becomes '?', an invisible one disappears.
// White space stays, so that lines do not run together.
func drawableText(s string) string {
	return strings.Map(func(r rune) rune {
		switch {
		case unicode.IsSpace(r), fonts.Covers(r):
			return r
		case fonts.Invisible(r):
			return -1
		}
		return '?'
	}, s)
}

// letterWords splits s into runs of letters.
func letterWords(s string) []string {
	return strings.FieldsFunc(s, func(r rune) bool { return !unicode.IsLetter(r) })
}

// missingWord returns the first word of three letters or more of want
// that got lacks, in order: got must hold want's words as a subsequence
// of its own (it may hold more: an image's description, a footnote's
// number). The comparison is case-sensitive, since the book draws text as
// written and pdftotext gives it back as drawn.
func missingWord(want, got string) string {
	have := letterWords(got)
	for _, w := range letterWords(want) {
		if utf8.RuneCountInString(w) < 3 {
			continue
		}
		for len(have) > 0 && have[0] != w {
			have = have[1:]
		}
		if len(have) == 0 {
			return w
		}
		have = have[1:]
	}
	return ""
}

// missingJoined is missingWord with the word boundaries of got ignored:
// got's letters are joined into one string and each word of want must be
// found in it, in order. A word that the line breaker cut over two lines
// (or that pdftotext split or joined) passes here and not in missingWord.
func missingJoined(want, got string) string {
	have := strings.Join(letterWords(got), "")
	for _, w := range letterWords(want) {
		if utf8.RuneCountInString(w) < 3 {
			continue
		}
		i := strings.Index(have, w)
		if i < 0 {
			return w
		}
		have = have[i+len(w):]
	}
	return ""
}

var specMarker = regexp.MustCompile(`(?m)^\f?EXAMPLE (\d+)$`)

// Every CommonMark example is drawn into one PDF through the book's own
// drawing code, each on a new page after a marker paragraph; the document
// must come out, and pdftotext must find in each example's part of the
// text every word of three letters or more that a browser shows for the
// example's HTML, in order.
func TestSpecExamplesPDF(t *testing.T) {
	examples := specExamples(t)
	b := newTestBook(t, "en", nil)
	for _, ex := range examples {
		b.newPage()
		b.text(plain("EXAMPLE "+strconv.Itoa(ex.Example)), marginL, textW, bodySize, 0, ink)
		b.y += 2
		func() {
			defer func() {
				if r := recover(); r != nil {
					t.Errorf("example %d (%s) panics: %v\nmarkdown: %q\n%s", ex.Example, ex.Section, r, ex.Markdown, debug.Stack())
				}
			}()
			drawBody(b, []byte(ex.Markdown))
		}()
		if err := b.d.Err(); err != nil {
			t.Fatalf("example %d (%s) fails the document: %v\nmarkdown: %q", ex.Example, ex.Section, err, ex.Markdown)
		}
	}
	pdf := finish(t, b)
	path := writeTemp(t, "spec.pdf", pdf)
	t.Logf("%d examples: %d pages, %d bytes", len(examples), b.d.Pages(), len(pdf))

	// One pdftotext run over the whole file, cut at the markers.
	text := pdftotext(t, path, 0, 0)
	marks := specMarker.FindAllStringSubmatchIndex(text, -1)
	got := map[int]string{}
	for i, m := range marks {
		n, _ := strconv.Atoi(text[m[2]:m[3]])
		end := len(text)
		if i+1 < len(marks) {
			end = marks[i+1][0]
		}
		if _, dup := got[n]; dup {
			t.Errorf("marker EXAMPLE %d found twice", n)
		}
		got[n] = text[m[1]:end]
	}

	pass, joined, skipped, undrawable := 0, 0, 0, 0
	for _, ex := range examples {
		part, ok := got[ex.Example]
		if !ok {
			t.Errorf("example %d (%s): marker not found in the text", ex.Example, ex.Section)
			continue
		}
		want := drawableText(visibleText(ex.HTML))
		if want != visibleText(ex.HTML) {
			undrawable++
			t.Logf("example %d (%s) has characters the fonts lack, expected as '?': %q", ex.Example, ex.Section, want)
		}
		w := missingWord(want, part)
		if w == "" {
			pass++
			continue
		}
		if why := specSkipSections[ex.Section]; why != "" {
			skipped++
			t.Logf("example %d (%s) skipped, %s: %q missing", ex.Example, ex.Section, why, w)
			continue
		}
		if j := missingJoined(want, part); j == "" {
			joined++
			t.Logf("example %d (%s): %q split in the text, found with word boundaries ignored\ntext: %q", ex.Example, ex.Section, w, part)
			continue
		}
		t.Errorf("example %d (%s): %q missing from the PDF's text\nmarkdown: %q\nhtml: %q\ntext: %q", ex.Example, ex.Section, w, ex.Markdown, ex.HTML, part)
	}
	t.Logf("%d of %d CommonMark examples keep every word in the PDF, %d more with word boundaries ignored, %d skipped (%s); %d have characters the fonts lack",
		pass, len(examples), joined, skipped, strings.Join(sortedKeys(specSkipSections), ", "), undrawable)
}
