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
	codeFiles(t, func(fset *token.FileSet, f *ast.File) {
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
	})
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

// reporters are the functions that make a problem from a format, and
// the place of the format among their arguments.
var reporters = map[string]int{
	"New":      4, // diag.New(rule, file, line, col, format, args...)
	"Report":   2, // (*frontmatter.Decoder).Report(rule, node, format, args...)
	"ReportAt": 2, // (*frontmatter.Decoder).ReportAt(rule, path, format, args...)
	"Say":      0, // frontmatter.Say(format, args...): a piece of a message
	"at":       3, // (*check.pass).at(text, rule, path, format, args...)
	"bad":      0, // load's (*parsed).name: bad(format, args...), a bad file name
	"usage":    0, // dossier's usage(format, args...), a wrong flag
	"Errorf":   0, // lang.Errorf(format, args...), an error the user reads; in package lang, Errorf
	"refusal":  2, // gate's refusal(path, rule, format, args...)
	"report":   2, // check's report(rule, offset, format, args...), in parsedBody
	"warnAt":   3, // (*check.pass).warnAt(text, rule, path, format, args...)
}

// codeFiles calls each with every Go file of the repository, parsed, but
// tests and testdata: the code whose words the tests hold to es/.
func codeFiles(t *testing.T, each func(fset *token.FileSet, f *ast.File)) {
	t.Helper()
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
		each(fset, f)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

// TestFormatsInBoth: every literal format the code gives a reporter has
// its Spanish in es/, with the same verbs; es/ has no format the code no
// longer gives.
func TestFormatsInBoth(t *testing.T) {
	code := map[string]string{} // format → where
	codeFiles(t, func(fset *token.FileSet, f *ast.File) {
		ast.Inspect(f, func(n ast.Node) bool {
			call, ok := n.(*ast.CallExpr)
			if !ok {
				return true
			}
			var name string
			switch fn := call.Fun.(type) {
			case *ast.SelectorExpr:
				name = fn.Sel.Name
			case *ast.Ident:
				name = fn.Name
			}
			i, ok := reporters[name]
			if !ok || len(call.Args) <= i {
				return true
			}
			switch name {
			case "New", "Errorf":
				// diag.New and lang.Errorf only: other New functions
				// take no format, fmt.Errorf's are not said again.
				pkg := map[string]string{"New": "diag", "Errorf": "lang"}[name]
				if sel, ok := call.Fun.(*ast.SelectorExpr); ok {
					if x, isIdent := sel.X.(*ast.Ident); !isIdent || x.Name != importName(f, "catalog/internal/"+pkg) {
						return true
					}
				} else if f.Name.Name != pkg {
					return true
				}
			}
			if bl, ok := call.Args[i].(*ast.BasicLit); ok && bl.Kind == token.STRING {
				s, _ := strconv.Unquote(bl.Value)
				code[s] = fset.Position(bl.Pos()).String()
			}
			return true
		})
	})
	var missing []string
	for f, where := range code {
		es, ok := spanishFormats[f]
		if !ok {
			missing = append(missing, where+": "+strconv.Quote(f))
			continue
		}
		if want, got := verbs(f), verbs(es); !slices.Equal(want, got) {
			t.Errorf("es/: %q has the verbs %v, the English %v", es, got, want)
		}
	}
	slices.Sort(missing)
	if len(missing) > 0 {
		t.Errorf("%d formats have no Spanish in internal/lang/es:\n%s", len(missing), strings.Join(missing, "\n"))
	}
	for f := range spanishFormats {
		if _, ok := code[f]; !ok && !systemWords[f] {
			t.Errorf("es/: %q is no format of the code", f)
		}
	}
	if len(code) < 100 {
		t.Errorf("%d formats found: the test reads too little", len(code))
	}
}

// importName is the name by which f calls the package of path: its
// import's alias, or the path's last element.
func importName(f *ast.File, path string) string {
	for _, im := range f.Imports {
		if p, _ := strconv.Unquote(im.Path.Value); p == path {
			if im.Name != nil {
				return im.Name.Name
			}
			return path[strings.LastIndex(path, "/")+1:]
		}
	}
	return ""
}

var verb = regexp.MustCompile(`%(\[\d+\])?[-+# 0]*\d*(\.\d+)?[a-zA-Z%]`)

// verbs lists a format's verbs by the argument each formats, sorted:
// %[2]s and %s in second place are the same.
func verbs(f string) []string {
	var out []string
	n := 0
	for _, m := range verb.FindAllStringSubmatch(f, -1) {
		if strings.HasSuffix(m[0], "%") {
			continue
		}
		if m[1] != "" {
			n, _ = strconv.Atoi(strings.Trim(m[1], "[]"))
		} else {
			n++
		}
		out = append(out, strconv.Itoa(n)+m[0][len(m[0])-1:])
	}
	slices.Sort(out)
	return out
}
