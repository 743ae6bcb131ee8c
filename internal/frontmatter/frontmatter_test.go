package frontmatter

import (
	"bytes"
	"slices"
	"strconv"
	"strings"
	"testing"

	"gopkg.in/yaml.v3"

	"catalog/internal/diag"
)

// problem is a diagnostic reduced to what the tests compare.
type problem struct {
	line, col int
	rule      string
}

func problems(t *testing.T, src string) (*Document, []problem) {
	t.Helper()
	doc, ds := Split([]byte(src))
	var out []problem
	for _, d := range ds {
		out = append(out, problem{d.Line, d.Col, d.Rule.ID})
	}
	return doc, out
}

func TestSplitPositions(t *testing.T) {
	for _, tc := range []struct {
		name, src string
		bodyLine  int
		titleLine int
	}{
		{"plain", "---\ntitle: A\n---\nbody\n", 4, 2},
		{"bom", "\ufeff---\ntitle: A\n---\nbody\n", 4, 2},
		{"crlf", "---\r\ntitle: A\r\n---\r\nbody\r\n", 4, 2},
		{"dots close", "---\n\ntitle: A\n...\nbody", 5, 3},
		{"no body", "---\ntitle: A\n---", 4, 2},
		{"trailing spaces on delimiters", "---  \ntitle: A\n---\t\nbody", 4, 2},
	} {
		t.Run(tc.name, func(t *testing.T) {
			doc, ps := problems(t, tc.src)
			if len(ps) > 0 || doc == nil || doc.Root == nil {
				t.Fatalf("problems %v", ps)
			}
			if doc.BodyLine != tc.bodyLine {
				t.Errorf("BodyLine = %d, want %d", doc.BodyLine, tc.bodyLine)
			}
			key := doc.Root.Content[0]
			if got := doc.Line(key); got != tc.titleLine {
				t.Errorf("title on line %d, want %d", got, tc.titleLine)
			}
			if strings.Contains(string(doc.Body), "\r") {
				t.Errorf("body keeps CR: %q", doc.Body)
			}
		})
	}
}

func TestSplitProblems(t *testing.T) {
	for _, tc := range []struct {
		name, src string
		want      []problem
	}{
		{"empty", "", []problem{{0, 0, "empty-file"}}},
		{"blank", " \n\n\t\n", []problem{{0, 0, "empty-file"}}},
		{"binary", "---\ntitle: a\x00b\n---\n", []problem{{2, 9, "binary-file"}}},
		{"invalid utf-8", "---\ntitle: caf\xe9\n---\n", []problem{{2, 11, "encoding"}}},
		{"no front matter", "# Title\n\ntext\n", []problem{{1, 1, "front-matter"}}},
		{"unterminated", "---\ntitle: A\n\nbody\n", []problem{{1, 1, "front-matter"}}},
		{"not a mapping", "---\n- a\n- b\n---\n", []problem{{2, 1, "front-matter"}}},
		{"tab indent", "---\ninstitutions:\n\t- name: A\n---\n", []problem{{3, 1, "yaml-tab"}}},
		{"syntax", "---\ntitle: A\nsummary: a: b\n---\n", []problem{{3, 0, "yaml-syntax"}}},
		{"duplicate", "---\ntitle: A\nsummary: B\ntitle: C\n---\n", []problem{{4, 1, "duplicate-key"}}},
		{"nested duplicate", "---\nperiod:\n  start: 2010\n  start: 2011\n---\n", []problem{{4, 3, "duplicate-key"}}},
		{"anchor and alias", "---\na: &x 1\nb: *x\n---\n", []problem{{2, 4, "yaml-anchor"}, {3, 4, "yaml-anchor"}}},
		{"tag", "---\ntitle: !x\n---\n", []problem{{2, 8, "yaml-tag"}}},
		{"std tag", "---\ntitle: !!str 12\n---\n", []problem{{2, 8, "yaml-tag"}}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, got := problems(t, tc.src)
			if !equal(got, tc.want) {
				t.Errorf("got %v, want %v", got, tc.want)
			}
		})
	}
}

func equal(a, b []problem) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// An alias bomb is refused at its anchors without ever being expanded.
func TestAliasBomb(t *testing.T) {
	var b strings.Builder
	b.WriteString("---\na: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n")
	prev := "a"
	for _, name := range []string{"b", "c", "d", "e", "f", "g", "h", "i"} {
		fmt := name + ": &" + name + " [" + strings.Repeat("*"+prev+",", 8) + "*" + prev + "]\n"
		b.WriteString(fmt)
		prev = name
	}
	b.WriteString("---\n")
	doc, ds := Split([]byte(b.String()))
	if doc == nil {
		t.Fatal("no document")
	}
	anchors := 0
	for _, d := range ds {
		if d.Rule.ID == "yaml-anchor" {
			anchors++
		}
	}
	if anchors < 9 {
		t.Errorf("%d yaml-anchor problems, want at least one per anchor", anchors)
	}
}

func TestDecoder(t *testing.T) {
	src := "---\ntitel: A\ncountries: CR\nsummary: [a]\nname: no\nyear: 0777\nok: \"no\"\n---\n"
	doc, ds := Split([]byte(src))
	if len(ds) > 0 {
		t.Fatal(ds)
	}
	d := NewDecoder("f.md", doc.LineOffset)
	d.Fields(doc.Root, "", []string{"title", "countries", "summary", "name", "year", "ok"}, func(key string, k, v *yaml.Node) {
		switch key {
		case "countries":
			d.Codes(v, key)
		case "summary", "name", "ok":
			d.String(v, key)
		case "year":
			d.Int(v, key)
		}
	})
	var got []string
	for _, x := range d.Diags {
		got = append(got, x.Rule.ID+"@"+strconv.Itoa(x.Line)+": "+x.Message)
	}
	want := []string{
		`unknown-field@2: unknown key "titel" in front matter (did you mean "title"?)`,
		"field-type@3: `countries` must be a list: write [CR]",
		"field-type@4: `summary` must be text, not a list",
		"yaml-implicit@5: `name`: YAML 1.1 tools read no as a boolean; put it in quotes: \"no\"",
		"field-type@6: `year` must be a whole number, not \"0777\"",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// FuzzSplit: no input makes the parser panic, and every position it
// reports lies inside the file.
func FuzzSplit(f *testing.F) {
	for _, seed := range []string{
		"---\ntitle: A\n---\nbody",
		"\ufeff---\r\ntitle: \"a\"\r\ncountries: [cr, NO]\r\n---\r\n## Descripción\r\n",
		"---\na: &a [1]\nb: *a\n---\n",
		"---\n\t- x\n---\n",
		"---\ntitle: #x\nsummary: !x\n---\n",
		"---\n[[[[[[[[[[\n---\n",
		"---\n{a: 1, a: 2}\n---\n",
		"---\nkey: |\n  text\n ---\n",
		"",
		"\x00",
		"---\ntitle: caf\xe9\n---",
		"---\ninstitutions:\n\t- name: a\n\t  type: b\n  \t- c: d\n---\n",
		"---\nperiod:\n \t\tstart: 1\n\t\tend: 2\n---\n",
		"---\n\u00a0a:\u2003b\n-\u3000c\n\ufeffd: e\n---\n",
		"---\na:\n\u3000 b: 1\n\ufeff\u3000c:\t- d\n---\n",
		"---\ntitle: \"a\" b: c\nsummary: d: e # f\n- 'g' h\n---\n",
	} {
		f.Add([]byte(seed))
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		doc, ds := Split(src)
		// A lone CR ends a line too (old Mac files), as editors count it.
		text := strings.ReplaceAll(strings.ReplaceAll(string(src), "\r\n", "\n"), "\r", "\n")
		lines := strings.Count(text, "\n") + 1
		for _, d := range ds {
			if d.Line < 0 || d.Line > lines+1 {
				t.Fatalf("%v: line %d outside a file of %d lines", d, d.Line, lines)
			}
			if d.Rule == nil || d.Message == "" {
				t.Fatalf("diagnostic without rule or message: %#v", d)
			}
		}
		if doc != nil && doc.BodyLine < 2 {
			t.Fatalf("BodyLine %d", doc.BodyLine)
		}
		if doc != nil && doc.Root != nil {
			// Read on past tabs and values, the tree keeps the file's
			// lines and columns.
			var inside func(n *yaml.Node)
			inside = func(n *yaml.Node) {
				if l := doc.Line(n); l < 2 || l >= doc.BodyLine || n.Column < 1 {
					t.Fatalf("node %q at line %d column %d, the front matter on lines 2 to %d", n.Value, l, n.Column, doc.BodyLine-2)
				}
				for _, c := range n.Content {
					inside(c)
				}
			}
			inside(doc.Root)
		}
	})
}

// TestTabInBlockScalar: a tab in a block scalar's text, past the spaces
// that make the line part of it, is the text's own, as YAML reads it; a
// tab in indentation is still refused. Any tab was refused, and the file
// with it.
func TestTabInBlockScalar(t *testing.T) {
	for _, tc := range []struct {
		src  string
		tabs []int // the lines refused
	}{
		{"summary: |-\n  Resumen:\n  \t- punto uno\n\n  \tfin\ntitle: x\n", nil},
		{"summary: >-  # folded\n  uno\n  \tdos\ntitle: x\n", nil},
		{"items:\n  - |\n    texto\n    \tmás\n", nil},
		{"items:\n  - title: >-\n      texto\n      \tmás\n    \tnote: x\n", []int{5}},
		{"institutions:\n\t- name: x\n", []int{2}},
		{"summary: |-\n  uno\n\tdos\n", []int{3}},
		{"a: '|'\n\tb: 1\n", []int{2}},
	} {
		var got []int
		for _, d := range tabIndents([]byte(tc.src), 0) {
			got = append(got, d.Line)
		}
		if !slices.Equal(got, tc.tabs) {
			t.Errorf("%q: tabs refused on lines %v, want %v", tc.src, got, tc.tabs)
		}
	}
	var v map[string]string
	if err := yaml.Unmarshal([]byte("summary: |-\n  Resumen:\n  \t- punto uno\n"), &v); err != nil || v["summary"] != "Resumen:\n\t- punto uno" {
		t.Errorf("yaml.v3 reads the first case otherwise: %q, %v", v["summary"], err)
	}
}

// FuzzHasSeparator: the quick search for U+0085, U+2028 and U+2029 finds
// what bytes.ContainsAny finds, among the typographic quotes and dashes
// that share their first bytes.
func FuzzHasSeparator(f *testing.F) {
	for _, seed := range []string{
		"", "a", "\u0085", "\u2028", "\u2029", "“cita” — nota\u2029", "\u2027\u202a…",
		"\xe2\x80", "\xe2", "\xc2", "Ñandú\u0085fin", "\xe2\x80\xe2\x80\xa8",
	} {
		f.Add([]byte(seed))
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		if got, want := hasSeparator(src), bytes.ContainsAny(src, "\u0085\u2028\u2029"); got != want {
			t.Fatalf("hasSeparator(%q) = %v, want %v", src, got, want)
		}
	})
}

// TestQuoteHints: a value that starts with a quote and goes on after it,
// or whose closing quote is missing, is reported on its own line with
// what to do; YAML stumbled a line or more later and said to check the
// indentation. A quoted value over several lines is no problem.
func TestQuoteHints(t *testing.T) {
	for _, tc := range []struct {
		name, src string
		line      int
		hint      string
	}{
		{"text after the quote", "---\ntitle: \"Atención Integral\" en Guatemala\nsummary: Resumen.\n---\n", 2, "must end with it"},
		{"quote not closed", "---\ntitle: \"Atención Integral\nsummary: Resumen.\ncountries: [GT]\n---\n", 2, "not closed: end the value with \""},
		{"quote not closed, last", "---\ntitle: Título\nsummary: \"Resumen sin fin\n---\n", 3, "not closed"},
		{"colon in the value", "---\ntitle: Protocolo de \"Atención\": víctimas\n---\n", 2, "must be in quotes: write 'Protocolo de \"Atención\": víctimas'"},
		{"text after >-", "---\ntitle: T\nsummary: >- La SVET coordina\n---\n", 3, "starts on the next line, indented"},
		{"quoted over lines, later error", "---\nsummary: \"uno\n  dos\"\ntitle: a: b\n---\n", 4, "must be in quotes: write 'a: b'"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, ds := Split([]byte(tc.src))
			if len(ds) == 0 {
				t.Fatal("no problem reported")
			}
			if d := ds[0]; d.Line != tc.line || !strings.Contains(d.Message, tc.hint) {
				t.Errorf("got %d: %s, want line %d with %q", d.Line, d.Message, tc.line, tc.hint)
			}
		})
	}
}

// TestNoBreakSpaces: a no-break space pasted where YAML needs a space (in
// the indentation, after a dash, after a key's colon) is read as one,
// with a warning on its line; inside a value or a block scalar's text it
// is the text's own. YAML refused such a file, on the wrong line.
func TestNoBreakSpaces(t *testing.T) {
	src := "---\ntitle: Ley\u00a026.842\nscope:\u00a0national\ninstitutions:\n\u00a0 - name: SVET\n  \u00a0 acronym: SVET\nthemes:\n-\u00a0hotline\nsummary: |\n  Nota:\u00a0texto\n---\n"
	doc, ds := Split([]byte(src))
	var lines []int
	for _, d := range ds {
		if d.Rule != RuleYAMLSpace {
			t.Errorf("%d: %s [%s]", d.Line, d.Message, d.Rule.ID)
		}
		lines = append(lines, d.Line)
	}
	if !slices.Equal(lines, []int{3, 5, 6, 8}) {
		t.Errorf("warnings on lines %v, want 3, 5, 6, 8", lines)
	}
	var v struct {
		Title, Scope, Summary string
		Institutions          []map[string]string
		Themes                []string
	}
	if err := doc.Root.Decode(&v); err != nil {
		t.Fatal(err)
	}
	if v.Title != "Ley\u00a026.842" || v.Scope != "national" || v.Summary != "Nota:\u00a0texto\n" || len(v.Institutions) != 1 || v.Institutions[0]["acronym"] != "SVET" || !slices.Equal(v.Themes, []string{"hotline"}) {
		t.Errorf("read as %+v", v)
	}
}

// TestReadPastTabs: a front matter with tabs in its indentation is read on
// as if they were spaces when every tab width reads the same tree, with
// the file's columns; the tab is still reported, saying to replace it.
// A tab hid every other problem of its file.
func TestReadPastTabs(t *testing.T) {
	for _, tc := range []struct {
		name, src string
		read      bool
		line, col int // of the value "x", when read
	}{
		{"list under a key", "---\ninstitutions:\n\t- name: a\n\t  type: x\n---\n", true, 4, 10},
		{"mapping under a key", "---\nperiod:\n\tstart: x\n---\n", true, 3, 9},
		{"tab then spaces", "---\ninstitutions:\n\t- name: a\n    type: x\n---\n", true, 4, 11},
		{"widths disagree", "---\nsummary: |-\n  uno\n\tdos\ntitle: x\n---\n", false, 0, 0},
		{"top level, where yaml.v3 drops the next key", "---\n\ttitle: a\nsummary: x\n---\n", false, 0, 0},
		{"top level, all", "---\n\ttitle: a\n\tsummary: x\n---\n", true, 3, 11},
		{"and a value with a colon", "---\ntitle: Nota: x\nperiod:\n\tstart: x\n---\n", true, 4, 9},
		{"one width only", "---\na:\n\tb: 1\n  c: x\n---\n", true, 4, 6},
		{"no width reads it", "---\nlist:\n\t- a\n\tb: x\n---\n", false, 0, 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			doc, ds := Split([]byte(tc.src))
			if len(ds) == 0 || ds[0].Rule != RuleYAMLTab || !strings.Contains(ds[0].Message, "replace the tab with spaces") {
				t.Fatalf("no yaml-tab problem saying what to do: %v", ds)
			}
			if (doc.Root != nil) != tc.read {
				t.Fatalf("read on: %v, want %v (%v)", doc.Root != nil, tc.read, ds)
			}
			if !tc.read {
				return
			}
			var found *yaml.Node
			var find func(n *yaml.Node)
			find = func(n *yaml.Node) {
				if n.Kind == yaml.ScalarNode && n.Value == "x" {
					found = n
				}
				for _, c := range n.Content {
					find(c)
				}
			}
			find(doc.Root)
			if found == nil || doc.Line(found) != tc.line || found.Column != tc.col {
				t.Errorf("x at %v, want line %d column %d", found, tc.line, tc.col)
			}
		})
	}
}

// TestReadPastValues: a plain value holding ": ", or text after a quoted
// value's closing quote, is reported and read on as if the whole value
// were in quotes, so that the file's other problems show; where quoting
// does not mend the line, or a quote is left open, nothing is assumed.
func TestReadPastValues(t *testing.T) {
	for _, tc := range []struct {
		name, src string
		title     string // read; "" when the front matter is not read
		problems  []string
	}{
		{"colon in a value", "---\ntitle: Protocolo \"Atención\": víctimas  # nota\nscope: national\n---\n",
			"Protocolo \"Atención\": víctimas", []string{"2: write 'Protocolo \"Atención\": víctimas'"}},
		{"text after the quote, and a colon", "---\ntitle: \"Atención\" en Guatemala\nsummary: Nota: texto\nscope: national\n---\n",
			"\"Atención\" en Guatemala", []string{"2: write '\"Atención\" en Guatemala'", "3: write 'Nota: texto'"}},
		{"in a list", "---\ntitle: a\nthemes:\n  - uno: dos: tres\n---\n", "a", []string{"4: write 'dos: tres'"}},
		{"a continuation line", "---\ntitle: uno\n  dos: tres: cuatro\n---\n", "", []string{"3: mapping values are not allowed in this context (a value"}},
		{"a tab after a list's dash", "---\ntitle: a\nthemes:\n-\thotline\n- \t- x\n---\n", "a",
			[]string{"4: a tab follows the list's dash: replace the tab with a space (the rest was read as if it were one)", "5: replace the tab with a space"}},
		{"quote left open", "---\ntitle: \"Atención\nscope: national\n---\n", "", []string{"2: not closed"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			doc, ds := Split([]byte(tc.src))
			var got []string
			for _, d := range ds {
				got = append(got, strconv.Itoa(d.Line)+": "+d.Message)
			}
			if len(got) != len(tc.problems) {
				t.Fatalf("got %q, want %q", got, tc.problems)
			}
			for i, p := range tc.problems {
				line, text, _ := strings.Cut(p, ": ")
				assumed := strings.Contains(text, "write") || strings.Contains(text, "replace")
				if !strings.HasPrefix(got[i], line+": ") || !strings.Contains(got[i], text) || strings.Contains(got[i], "read as if it were") != assumed {
					t.Errorf("got %q, want %q", got[i], p)
				}
			}
			if (doc.Root != nil) != (tc.title != "") {
				t.Fatalf("read: %v, want %v", doc.Root != nil, tc.title != "")
			}
			if doc.Root == nil {
				return
			}
			var v struct{ Title string }
			if err := doc.Root.Decode(&v); err != nil || v.Title != tc.title {
				t.Errorf("title %q (%v), want %q", v.Title, err, tc.title)
			}
		})
	}
}

// TestUnclearSpaces: an ideographic space (two columns wide on screen) or
// a zero-width no-break space in the layout is read on only when reading
// it as one space and as it shows give the same fields; otherwise the
// file stops with an error on its line, not with fields the author did
// not write.
func TestUnclearSpaces(t *testing.T) {
	for _, tc := range []struct {
		name, src string
		read      bool
		errLine   int
	}{
		{"either width", "---\nthemes:\n\u3000- a\n\u3000- b\n---\n", true, 0},
		{"after a colon", "---\ntitle:\u3000a\nscope:\ufeffb\n---\n", true, 0},
		{"ideographic indents", "---\ninstitutions:\n  - name: x\n\u3000  type: y\n---\n", false, 4},
		{"zero width indents", "---\na:\n  b: 1\n\ufeff  c: 2\n---\n", false, 4},
	} {
		t.Run(tc.name, func(t *testing.T) {
			doc, ds := Split([]byte(tc.src))
			if (doc.Root != nil) != tc.read {
				t.Fatalf("read: %v, want %v (%v)", doc.Root != nil, tc.read, ds)
			}
			errs := 0
			for _, d := range ds {
				if d.Severity == diag.Error {
					errs++
					if d.Line != tc.errLine || !strings.Contains(d.Message, "leaves unclear how far it is indented: replace it with plain spaces") {
						t.Errorf("%d: %s", d.Line, d.Message)
					}
				} else if d.Rule != RuleYAMLSpace {
					t.Errorf("%d: %s [%s]", d.Line, d.Message, d.Rule.ID)
				}
			}
			if (errs == 1) != !tc.read || errs > 1 {
				t.Errorf("%d errors: %v", errs, ds)
			}
		})
	}
}
