package check

import (
	"bufio"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"catalog/internal/diag"
	"catalog/internal/readme"
)

var update = flag.Bool("update", false, "rewrite generated docs and golden files")

// today is the fixed "now" of every test, so that "in the future" does
// not change meaning as time passes.
var today = time.Date(2026, 11, 28, 12, 0, 0, 0, time.UTC)

// want is one expected diagnostic.
type want struct {
	file  string
	line  int
	rule  string
	re    *regexp.Regexp
	found bool
}

var wantRE = regexp.MustCompile(`want ([a-z0-9-]+) "((?:[^"\\]|\\.)*)"`)

// wants reads the expectations of a fixture catalog: `# want RULE "regexp"`
// (front matter) and `<!-- want RULE "regexp" -->` (body, intro) on the
// offending line, and want.txt for files that cannot carry a comment.
func wants(t *testing.T, dir string) []*want {
	t.Helper()
	var out []*want
	add := func(file string, line int, rule, rx string) {
		re, err := regexp.Compile(strings.ReplaceAll(rx, `\"`, `"`))
		if err != nil {
			t.Fatalf("%s:%d: bad want regexp: %v", file, line, err)
		}
		out = append(out, &want{file: file, line: line, rule: rule, re: re})
	}
	files, _ := filepath.Glob(filepath.Join(dir, "practices", "*.md"))
	intros, _ := filepath.Glob(filepath.Join(dir, "intro*.md"))
	for _, f := range append(files, intros...) {
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		text := strings.ReplaceAll(string(src), "\r\n", "\n")
		for i, line := range strings.Split(text, "\n") {
			for _, m := range wantRE.FindAllStringSubmatch(line, -1) {
				add(f, i+1, m[1], m[2])
			}
		}
	}
	if fh, err := os.Open(filepath.Join(dir, "want.txt")); err == nil {
		defer fh.Close()
		sc := bufio.NewScanner(fh)
		for sc.Scan() {
			line := strings.TrimSpace(sc.Text())
			if line == "" || strings.HasPrefix(line, "#") {
				continue
			}
			loc, rest, _ := strings.Cut(line, " ")
			name, num, _ := strings.Cut(loc, ":")
			n, _ := strconv.Atoi(num)
			m := wantRE.FindStringSubmatch("want " + rest)
			if m == nil {
				t.Fatalf("want.txt: cannot read %q", line)
			}
			add(filepath.Join(dir, "practices", name), n, m[1], m[2])
		}
	}
	return out
}

// matchWants checks that every diagnostic is expected and every
// expectation is met, exactly once each.
func matchWants(t *testing.T, ds []diag.Diagnostic, ws []*want) {
	t.Helper()
next:
	for _, d := range ds {
		for _, w := range ws {
			if !w.found && w.file == d.File && w.line == d.Line && w.rule == d.Rule.ID && w.re.MatchString(d.Message) {
				w.found = true
				continue next
			}
		}
		t.Errorf("unexpected: %s:%d:%d: %s: %s [%s]", d.File, d.Line, d.Col, d.Severity, d.Message, d.Rule.ID)
	}
	for _, w := range ws {
		if !w.found {
			t.Errorf("missing: %s:%d: %s matching %q", w.file, w.line, w.rule, w.re)
		}
	}
}

// TestFixtures checks the broken and tricky practices under testdata:
// each problem at its line, with its rule, and nothing else.
func TestFixtures(t *testing.T) {
	for _, dir := range []string{"../../testdata/broken", "../../testdata/validate"} {
		t.Run(filepath.Base(dir), func(t *testing.T) {
			_, ds, err := Catalog(dir, Options{Now: today})
			if err != nil {
				t.Fatal(err)
			}
			matchWants(t, ds, wants(t, dir))
		})
	}
}

// TestSample: the sample catalog validates clean, warnings included.
func TestSample(t *testing.T) {
	cat, ds, err := Catalog("../../catalog", Options{Now: today})
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range ds {
		t.Errorf("%s:%d:%d: %s: %s [%s]", d.File, d.Line, d.Col, d.Severity, d.Message, d.Rule.ID)
	}
	if n := len(cat.Practices); n < 8 || n > 12 {
		t.Errorf("the sample catalog has %d practices, want 8 to 12", n)
	}
}

// TestRulesDoc: the README's rule table is the one the code generates.
func TestRulesDoc(t *testing.T) {
	readme.Section(t, "../../README.md", "rules", RulesTable(), *update)
}

// Every rule has a unique id and a doc string.
func TestRulesUnique(t *testing.T) {
	seen := map[string]bool{}
	for _, r := range All() {
		if seen[r.ID] || r.Doc == "" || !regexp.MustCompile(`^[a-z][a-z0-9-]*$`).MatchString(r.ID) {
			t.Errorf("rule %q: duplicate, undocumented or badly named", r.ID)
		}
		seen[r.ID] = true
	}
	_ = fmt.Sprint()
}
