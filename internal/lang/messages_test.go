package lang

import (
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"gopkg.in/yaml.v3"
)

// codeMessage is a message as the code writes it: its English forms.
type codeMessage struct {
	where      string
	one, other string
}

// codeMessages finds every i18n.Message{ID: …} literal in the module's Go
// files (tests left out).
func codeMessages(t *testing.T) map[string]codeMessage {
	t.Helper()
	out := map[string]codeMessage{}
	err := filepath.WalkDir("../..", func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && (d.Name() == "testdata" || strings.HasPrefix(d.Name(), ".")) && path != "../.." {
			return filepath.SkipDir
		}
		if d.IsDir() || !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") {
			return nil
		}
		fset := token.NewFileSet()
		f, err := parser.ParseFile(fset, path, nil, 0)
		if err != nil {
			return err
		}
		ast.Inspect(f, func(n ast.Node) bool {
			lit, ok := n.(*ast.CompositeLit)
			if !ok {
				return true
			}
			sel, ok := lit.Type.(*ast.SelectorExpr)
			if !ok || sel.Sel.Name != "Message" {
				return true
			}
			if x, ok := sel.X.(*ast.Ident); !ok || x.Name != "i18n" {
				return true
			}
			var m codeMessage
			var id string
			for _, e := range lit.Elts {
				kv, ok := e.(*ast.KeyValueExpr)
				if !ok {
					t.Errorf("%s: a message's fields must be named", fset.Position(lit.Pos()))
					continue
				}
				key := kv.Key.(*ast.Ident).Name
				bl, ok := kv.Value.(*ast.BasicLit)
				if !ok || bl.Kind != token.STRING {
					t.Errorf("%s: %s must be a string literal, for this test to read", fset.Position(kv.Pos()), key)
					continue
				}
				s, _ := strconv.Unquote(bl.Value)
				switch key {
				case "ID":
					id = s
				case "One":
					m.one = s
				case "Other":
					m.other = s
				default:
					t.Errorf("%s: %s: only ID, One and Other are read", fset.Position(kv.Pos()), key)
				}
			}
			m.where = fset.Position(lit.Pos()).String()
			if prev, dup := out[id]; dup && (prev.one != m.one || prev.other != m.other) {
				t.Errorf("%s: message %q is also at %s, with other words", m.where, id, prev.where)
			}
			out[id] = m
			return true
		})
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

var templateField = regexp.MustCompile(`\{\{\s*\.(\w+)`)

func fields(s string) []string {
	var out []string
	for _, m := range templateField.FindAllStringSubmatch(s, -1) {
		if !slices.Contains(out, m[1]) {
			out = append(out, m[1])
		}
	}
	slices.Sort(out)
	return out
}

// TestMessagesInBoth: every message the code says has its Spanish in
// messages.es.yaml, with both plural forms when it counts and the same
// template fields as the English; the file has no message the code no
// longer says.
func TestMessagesInBoth(t *testing.T) {
	code := codeMessages(t)
	var es map[string]yaml.Node
	if err := yaml.Unmarshal(spanish, &es); err != nil {
		t.Fatal(err)
	}
	for id, m := range code {
		n, ok := es[id]
		if !ok {
			t.Errorf("%s: message %q (%q) has no Spanish in messages.es.yaml", m.where, id, m.other)
			continue
		}
		var one, other string
		switch n.Kind {
		case yaml.ScalarNode:
			other = n.Value
		case yaml.MappingNode:
			var forms map[string]string
			if err := n.Decode(&forms); err != nil {
				t.Errorf("messages.es.yaml: %s: %v", id, err)
				continue
			}
			one, other = forms["one"], forms["other"]
		}
		if other == "" || (m.one != "") != (one != "") {
			t.Errorf("messages.es.yaml: %s: the forms differ from the code's (one %q, other %q)", id, m.one, m.other)
		}
		if want, got := fields(m.one+m.other), fields(one+other); !slices.Equal(want, got) {
			t.Errorf("messages.es.yaml: %s: fields %v, the English has %v", id, got, want)
		}
	}
	for id := range es {
		if _, ok := code[id]; !ok {
			t.Errorf("messages.es.yaml: %s: no such message in the code", id)
		}
	}
	if len(code) == 0 {
		t.Error("no message found in the code: the test reads nothing")
	}
}
