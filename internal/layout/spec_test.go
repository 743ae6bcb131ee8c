package layout

import (
	"encoding/json"
	"html"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"
)

type specExample struct {
	Markdown string `json:"markdown"`
	HTML     string `json:"html"`
	Example  int    `json:"example"`
	Section  string `json:"section"`
}

func specExamples(t *testing.T) []specExample {
	t.Helper()
	out, err := exec.Command("go", "list", "-m", "-f", "{{.Dir}}", "github.com/yuin/goldmark").Output()
	if err != nil {
		t.Skipf("goldmark's module folder: %v", err)
	}
	data, err := os.ReadFile(filepath.Join(strings.TrimSpace(string(out)), "_test", "spec.json"))
	if err != nil {
		t.Skipf("CommonMark examples: %v", err)
	}
	var examples []specExample
	if err := json.Unmarshal(data, &examples); err != nil {
		t.Fatalf("spec.json: %v", err)
	}
	return examples
}

// blockText is the text of blocks as a reader sees it, a line end between
// blocks and cells.
func blockText(blocks []Block) string {
	var b strings.Builder
	var walk func([]Block)
	runs := func(rs []Run) {
		for _, r := range rs {
			b.WriteString(r.Text)
		}
		b.WriteString("\n")
	}
	walk = func(blocks []Block) {
		for _, bl := range blocks {
			switch bl := bl.(type) {
			case Heading:
				runs(bl.Runs)
			case Paragraph:
				runs(bl.Runs)
			case List:
				for _, item := range bl.Items {
					walk(item)
				}
			case Quote:
				walk(bl.Blocks)
			case Code:
				for _, l := range bl.Lines {
					b.WriteString(l + "\n")
				}
			case Table:
				for _, c := range bl.Header {
					runs(c)
				}
				for _, row := range bl.Rows {
					for _, c := range row {
						runs(c)
					}
				}
			case Image:
				b.WriteString(bl.Alt + "\n")
			case Footnotes:
				for _, fn := range bl.Items {
					walk(fn.Blocks)
				}
			}
		}
	}
	walk(blocks)
	return b.String()
}

var tag = regexp.MustCompile(`<[^>]*>`)

func letterWords(s string) []string {
	return strings.FieldsFunc(s, func(r rune) bool { return !unicode.IsLetter(r) })
}

// htmlText is the text of an example's HTML as a browser shows it.
func htmlText(h string) string { return html.UnescapeString(tag.ReplaceAllString(h, "")) }

// missing returns the first word of three letters or more of want that
// got does not have, in the same order.
func missing(want, got string) string {
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

// specSkipSections are the sections whose examples may lose text, with the
// reason.
var specSkipSections = map[string]string{
	"HTML blocks": "raw HTML is dropped on purpose, and the text inside it with it",
	"Raw HTML":    "raw HTML is dropped on purpose",
}

// Every CommonMark example lowers without a panic, keeps every word the
// site shows, in order, and adds no word the site does not show but an
// image's description (which a browser shows only without the image).
func TestSpecExamples(t *testing.T) {
	examples := specExamples(t)
	kept, skipped, clean := 0, 0, 0
	for _, ex := range examples {
		var blocks []Block
		func() {
			defer func() {
				if r := recover(); r != nil {
					t.Errorf("example %d (%s): Lower panics: %v", ex.Example, ex.Section, r)
				}
			}()
			blocks = Lower([]byte(ex.Markdown), LowerOptions{})
		}()
		checkBreaks(t, blocks, 20)
		got, want := blockText(blocks), htmlText(ex.HTML)
		switch w := missing(want, got); {
		case w == "":
			kept++
		case specSkipSections[ex.Section] != "":
			skipped++
			t.Logf("example %d (%s) skipped, %s: %q missing from %q", ex.Example, ex.Section, specSkipSections[ex.Section], w, got)
		default:
			t.Errorf("example %d (%s): %q missing\nmarkdown: %q\nhtml: %q\ngot:\n%s", ex.Example, ex.Section, w, ex.Markdown, ex.HTML, dump(blocks))
		}
		switch w := missing(got, want); {
		case w == "":
			clean++
		case strings.Contains(ex.HTML, "<img"):
		default:
			t.Errorf("example %d (%s): %q added\nmarkdown: %q\nhtml: %q\ngot:\n%s", ex.Example, ex.Section, w, ex.Markdown, ex.HTML, dump(blocks))
		}
	}
	t.Logf("%d of %d CommonMark examples keep all their text (%d skipped), %d add none", kept, len(examples), skipped, clean)
}

// checkBreaks breaks every run of text in blocks and holds each line to
// the breaker's promises.
func checkBreaks(t *testing.T, blocks []Block, width float64) {
	t.Helper()
	eachRuns(blocks, func(runs []Run) {
		for _, l := range Break(runs, width, 10, fake) {
			check(t, l, width)
		}
	})
}

// eachRuns calls f with every run list in blocks.
func eachRuns(blocks []Block, f func([]Run)) {
	for _, bl := range blocks {
		switch bl := bl.(type) {
		case Heading:
			f(bl.Runs)
		case Paragraph:
			f(bl.Runs)
		case List:
			for _, item := range bl.Items {
				eachRuns(item, f)
			}
		case Quote:
			eachRuns(bl.Blocks, f)
		case Table:
			for _, c := range bl.Header {
				f(c)
			}
			for _, row := range bl.Rows {
				for _, c := range row {
					f(c)
				}
			}
		case Footnotes:
			for _, fn := range bl.Items {
				eachRuns(fn.Blocks, f)
			}
		}
	}
}
