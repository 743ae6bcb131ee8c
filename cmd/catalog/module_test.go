package main

import (
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

// TestImportsUseModulePath: every import of the repository's Go files is
// the standard library's, a module go.mod requires, or a package of this
// module under go.mod's module path. The module is `catalog` until the
// repository's public address is decided; then `go mod edit -module
// ADDRESS` and rewriting the imports that start with "catalog/" is the
// whole change, and this test names any import left behind.
func TestImportsUseModulePath(t *testing.T) {
	const root = "../.."
	gomod, err := os.ReadFile(filepath.Join(root, "go.mod"))
	if err != nil {
		t.Fatal(err)
	}
	m := regexp.MustCompile(`(?m)^module\s+(\S+)`).FindSubmatch(gomod)
	if m == nil {
		t.Fatal("go.mod names no module")
	}
	module := string(m[1])
	var required []string
	for _, r := range regexp.MustCompile(`(?m)^\s*(?:require\s+)?([a-z0-9.-]+\.[a-z]+/\S+)\s+v\S+`).FindAllSubmatch(gomod, -1) {
		required = append(required, string(r[1]))
	}
	if len(required) < 5 {
		t.Fatalf("read %d requirements from go.mod: %q", len(required), required)
	}
	out, err := exec.Command("go", "env", "GOROOT").Output()
	if err != nil {
		t.Fatalf("go env GOROOT: %v", err)
	}
	goroot := strings.TrimSpace(string(out))
	if out, err := os.Stat(filepath.Join(goroot, "src", "fmt")); err != nil || !out.IsDir() {
		t.Skipf("no standard library source under GOROOT %q", goroot)
	}
	std := map[string]bool{}
	isStd := func(path string) bool {
		if v, ok := std[path]; ok {
			return v
		}
		fi, err := os.Stat(filepath.Join(goroot, "src", filepath.FromSlash(path)))
		std[path] = err == nil && fi.IsDir() && !strings.Contains(strings.SplitN(path, "/", 2)[0], ".")
		return std[path]
	}
	files, ours := 0, 0
	err = filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			if name := d.Name(); path != root && (strings.HasPrefix(name, ".") || name == "node_modules" || name == "public" || name == "dist") {
				return filepath.SkipDir
			}
			return nil
		}
		if !strings.HasSuffix(path, ".go") {
			return nil
		}
		f, err := parser.ParseFile(token.NewFileSet(), path, nil, parser.ImportsOnly)
		if err != nil {
			t.Errorf("%s: %v", path, err)
			return nil
		}
		files++
		for _, imp := range f.Imports {
			p, _ := strconv.Unquote(imp.Path.Value)
			switch {
			case p == module || strings.HasPrefix(p, module+"/"):
				ours++
				dir := filepath.Join(root, filepath.FromSlash(strings.TrimPrefix(strings.TrimPrefix(p, module), "/")))
				if fi, err := os.Stat(dir); err != nil || !fi.IsDir() {
					t.Errorf("%s imports %q: no folder %s in the module", path, p, dir)
				}
			case isStd(p):
			case requiredBy(required, p):
			default:
				t.Errorf("%s imports %q: not the standard library's, not required by go.mod, not under the module path %q", path, p, module)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if files < 100 || ours < 100 {
		t.Errorf("read %d Go files, %d imports of the module: the walk missed the tree", files, ours)
	}
}

// requiredBy: p is a package of one of the modules go.mod requires.
func requiredBy(required []string, p string) bool {
	for _, r := range required {
		if p == r || strings.HasPrefix(p, r+"/") {
			return true
		}
	}
	return false
}

// TestFuzzTargetsRun: every fuzz target of the repository is run by
// `make fuzz` and by CI (.ci/run), and each target they name exists in
// the package they name: a target renamed would otherwise leave "no fuzz
// tests to fuzz", a warning that passes.
func TestFuzzTargetsRun(t *testing.T) {
	const root = "../.."
	have := map[string]bool{} // "FuzzX ./internal/pkg/"
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && strings.HasPrefix(d.Name(), ".") && path != root {
			return filepath.SkipDir
		}
		if d.IsDir() || !strings.HasSuffix(path, "_test.go") {
			return nil
		}
		f, err := parser.ParseFile(token.NewFileSet(), path, nil, 0)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(root, filepath.Dir(path))
		for _, decl := range f.Decls {
			if fn, ok := decl.(*ast.FuncDecl); ok && fn.Recv == nil && strings.HasPrefix(fn.Name.Name, "Fuzz") {
				have[fn.Name.Name+" ./"+filepath.ToSlash(rel)+"/"] = true
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(have) < 10 {
		t.Fatalf("%d fuzz targets found: the test reads too little", len(have))
	}
	run := regexp.MustCompile(`-fuzz (Fuzz\w+) -fuzztime \d+x (\./\S+/)`)
	for _, file := range []string{"Makefile", ".ci/run"} {
		b, err := os.ReadFile(filepath.Join(root, file))
		if err != nil {
			t.Fatal(err)
		}
		named := map[string]bool{}
		for _, m := range run.FindAllStringSubmatch(string(b), -1) {
			target := m[1] + " " + m[2]
			named[target] = true
			if !have[target] {
				t.Errorf("%s runs %s, which is no fuzz target", file, target)
			}
		}
		for target := range have {
			if !named[target] {
				t.Errorf("%s does not run the fuzz target %s", file, target)
			}
		}
	}
}
