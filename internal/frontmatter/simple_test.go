package frontmatter

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"gopkg.in/yaml.v3"

	"catalog/internal/synth"
)

// simpleCases are front matters for the fast path: most of them in the
// part of YAML it reads, some just outside it.
var simpleCases = []string{
	"a: 1\n",
	"a:\nb: 1\n",
	"a:   \nb: 1",
	"a:",
	"é: x\nb:\n",
	"title: Café «x» — ü\nsummary: it's 50% done, [really] {yes}\n",
	"a: [x, 'y', \"z\"]\nb: {s: 1, e: \"\"}\n",
	"a: []\nb: {}\nc: [ ]\nd: [a , b]\n",
	"a:\n  - x: 1\n    y:\n  - 2\n",
	"a:\n  -   x: 1\n      y: 2\n",
	"a:\n  b:\n    c: d\n  e: f\ng: h\n",
	"  a: 1\n  b: 2\n",
	"a: \"esc \\\" \\\\ x\"\nb: 'it''s'\n",
	"a: \"\\/\"\n",
	"a: \"\\n\"\n",
	"a: yes\nb: No\nc: ~\nd: null\ne: 2024-05-01\nf: 0777\ng: 1.5\nh: .inf\ni: 0x1F\nj: 1_000\nk: 12:30\nl: <<\n",
	"2019: a\ntrue: b\n~: c\n",
	"a: True\nb: FALSE\nc: Null\nd: NULL\ne: nan\nf: Off\ng: tRUE\nh: nULL\ni: y\nj: <<\n",
	"a: 2013-02\nb: 2013-2\nc: 2013-13\nd: 2013-002\ne: 09\nf: 0\ng: 123456789012345678\nh: 1234567890123456789\ni: 99999999999999999999\nj: 2013-02-30\nk: 2013-2-3\nl: 12-02\n",
	"a: b: c\n",
	"a: b:\n",
	"a: b #c\n",
	"a: b#c\n",
	"# c\na: b\n",
	"a: &x b\n",
	"a: *x\n",
	"a: !x b\n",
	"a: |\n  b\n",
	"a: >-\n  b\n",
	"a: b\n  c\n",
	"a:\n  b\n",
	"a:\n- b\n",
	"a:\n  - b\n - c\n",
	"a:\n  - b\n   c: d\n",
	"a: [b, ]\n",
	"a: [b,\n  c]\n",
	"a: {s: 1, e:}\n",
	"a: {s: 1, e: }\n",
	"a: {s: [1]}\n",
	"a: \"x\ny\"\n",
	"a: 'x\n",
	"a: 1\na: 2\n",
	"- a\n- b\n",
	"just text\n",
	"a : b\n",
	"'a': b\n",
	"a:b: c\n",
	"? a\n: b\n",
	"a: -5\n",
	"a:\n  - - b\n",
	"a:\n  -\n",
	"a: x\u00a0\n",
	"a: x\u0085y\n",
	"a: \"x\" y\n",
	"a: [x] y\n",
	"---\n",
	"...\n",
	"a: b\n---\n",
	"%YAML 1.2\n",
	"",
	"\n\n",
}

// sameAsYAML fails when parseSimple accepts src but builds another tree than
// yaml.v3, or accepts what yaml.v3 refuses.
func sameAsYAML(t *testing.T, src []byte) (accepted bool) {
	t.Helper()
	got, tree := parseSimple(src)
	if got == nil {
		return false
	}
	defer tree.release()
	var doc yaml.Node
	if err := yaml.Unmarshal(src, &doc); err != nil {
		t.Fatalf("parseSimple accepts what yaml.v3 refuses (%v):\n%s", err, src)
	}
	if len(doc.Content) == 0 {
		t.Fatalf("parseSimple accepts an empty document:\n%q", src)
	}
	if want := doc.Content[0]; !reflect.DeepEqual(got, want) {
		t.Fatalf("trees differ for\n%s\ngot:\n%s\nwant:\n%s", src, dumpNode(got), dumpNode(want))
	}
	return true
}

func dumpNode(n *yaml.Node) string {
	var b strings.Builder
	var walk func(n *yaml.Node, ind string)
	walk = func(n *yaml.Node, ind string) {
		fmt.Fprintf(&b, "%skind %d style %d tag %q value %q at %d:%d anchor %q comments %q %q %q\n", ind,
			n.Kind, n.Style, n.Tag, n.Value, n.Line, n.Column, n.Anchor, n.HeadComment, n.LineComment, n.FootComment)
		for _, c := range n.Content {
			walk(c, ind+"  ")
		}
	}
	walk(n, "")
	return b.String()
}

func TestSimpleMatchesYAML(t *testing.T) {
	for _, c := range simpleCases {
		sameAsYAML(t, []byte(c))
	}
}

// TestSimpleReadsPractices: the fast path takes the front matter of
// generated practices (else `catalog validate` silently gets slower), and
// builds what yaml.v3 builds from each.
func TestSimpleReadsPractices(t *testing.T) {
	dir := t.TempDir()
	if err := synth.Write(dir, synth.Options{Practices: 300, Seed: 7, MinWords: 30, MaxWords: 60}); err != nil {
		t.Fatal(err)
	}
	files, _ := filepath.Glob(filepath.Join(dir, "practices", "*.md"))
	more, _ := filepath.Glob("../../catalog/practices/*.md")
	taken := 0
	for _, f := range append(files, more...) {
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		_, rest, _ := bytes.Cut(src, []byte("---\n"))
		fm, _, _ := bytes.Cut(rest, []byte("\n---\n"))
		if sameAsYAML(t, append(fm, '\n')) {
			taken++
		}
	}
	if taken < len(files) {
		t.Errorf("the fast path took %d of %d generated front matters", taken, len(files))
	}
}

// FuzzSimpleYAML: whatever parseSimple accepts, yaml.v3 reads into the same
// tree.
func FuzzSimpleYAML(f *testing.F) {
	for _, c := range simpleCases {
		f.Add([]byte(c))
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		sameAsYAML(t, src)
	})
}
