package build

import (
	"bytes"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"catalog/internal/iostreams"
)

var date = time.Unix(1764000000, 0).UTC()

// copyDir copies a catalog so that a test can break it.
func copyDir(t *testing.T, from, to string) {
	t.Helper()
	err := filepath.WalkDir(from, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(from, p)
		target := filepath.Join(to, rel)
		if d.IsDir() {
			return os.MkdirAll(target, 0o755)
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		return os.WriteFile(target, b, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
}

func run(t *testing.T, dir, out string, env map[string]string) (int, error, string) {
	t.Helper()
	io, _, stderr := iostreams.Test("")
	io.Getenv = func(k string) string { return env[k] }
	code, err := Run(Options{IO: io, Dir: dir, Out: out})
	return code, err, stderr.String()
}

// tree reads every file under dir.
func tree(t *testing.T, dir string) map[string][]byte {
	t.Helper()
	files := map[string][]byte{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(p)
		rel, _ := filepath.Rel(dir, p)
		files[filepath.ToSlash(rel)] = b
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return files
}

func epoch() map[string]string { return map[string]string{"SOURCE_DATE_EPOCH": "1764000000"} }

// TestReproducible: two builds of the same catalog with the same
// SOURCE_DATE_EPOCH are byte-identical, whatever the scheduling.
func TestReproducible(t *testing.T) {
	base := t.TempDir()
	a, b := filepath.Join(base, "a"), filepath.Join(base, "b")
	if code, err, msg := run(t, "../../catalog", a, epoch()); code != 0 || err != nil {
		t.Fatalf("build a: %d %v\n%s", code, err, msg)
	}
	if code, err, msg := run(t, "../../catalog", b, epoch()); code != 0 || err != nil {
		t.Fatalf("build b: %d %v\n%s", code, err, msg)
	}
	ta, tb := tree(t, a), tree(t, b)
	if len(ta) < 50 || len(ta) != len(tb) {
		t.Fatalf("%d and %d files", len(ta), len(tb))
	}
	for name, content := range ta {
		if !bytes.Equal(content, tb[name]) {
			t.Errorf("%s differs between two builds", name)
		}
	}
	if !bytes.Contains(ta["es/index.html"], []byte("24 de noviembre de 2025")) {
		t.Error("the build date is not SOURCE_DATE_EPOCH's")
	}
	if !bytes.Contains(ta["es/index.html"], []byte(`href="../catalog.es.pdf"`)) {
		t.Error("the Spanish home does not link to the Spanish book")
	}
	for _, name := range []string{Marker, "index.html", "catalog.json", "catalog.csv", "es/search/index.js", "assets/style.css", "catalog.es.pdf", "catalog.en.pdf"} {
		if _, ok := ta[name]; !ok {
			t.Errorf("no %s", name)
		}
	}
}

// TestRefusesForeignFolder: a non-empty folder without the marker is left
// alone, and so is a folder that holds the catalog.
func TestRefusesForeignFolder(t *testing.T) {
	out := t.TempDir()
	mine := filepath.Join(out, "thesis.docx")
	os.WriteFile(mine, []byte("years of work"), 0o644)
	code, err, _ := run(t, "../../catalog", out, epoch())
	if code != ExitUsage || err == nil || !strings.Contains(err.Error(), "not empty and was not made by catalog build") {
		t.Fatalf("got %d, %v", code, err)
	}
	if b, _ := os.ReadFile(mine); string(b) != "years of work" {
		t.Fatal("the user's file was touched")
	}
	if entries, _ := os.ReadDir(filepath.Dir(out)); len(entries) != 1 {
		t.Errorf("build left %d entries beside --out", len(entries))
	}

	cat := t.TempDir()
	copyDir(t, "../../catalog", filepath.Join(cat, "catalog"))
	code, err, _ = run(t, filepath.Join(cat, "catalog"), cat, epoch())
	if code != ExitUsage || err == nil || !strings.Contains(err.Error(), "holds the catalog") {
		t.Fatalf("--out around the catalog: got %d, %v", code, err)
	}

	file := filepath.Join(t.TempDir(), "public")
	os.WriteFile(file, nil, 0o644)
	if code, err, _ := run(t, "../../catalog", file, epoch()); code != ExitUsage || err == nil {
		t.Fatalf("--out a file: got %d, %v", code, err)
	}
}

// TestReplacesOwnFolder: a second build replaces the first one's files
// (a file gone from the catalog is gone from the output) and leaves
// nothing beside --out.
func TestReplacesOwnFolder(t *testing.T) {
	parent := t.TempDir()
	out := filepath.Join(parent, "public")
	if code, err, msg := run(t, "../../catalog", out, epoch()); code != 0 || err != nil {
		t.Fatalf("%d %v\n%s", code, err, msg)
	}
	// What a killed build leaves: a temporary folder with the marker, and
	// one that is not ours.
	killed := filepath.Join(parent, ".public.tmp-123")
	os.MkdirAll(killed, 0o755)
	os.WriteFile(filepath.Join(killed, Marker), nil, 0o644)
	foreign := filepath.Join(parent, ".public.tmp-mine")
	os.MkdirAll(foreign, 0o755)
	stale := filepath.Join(out, "es", "practices", "gone", "index.html")
	os.MkdirAll(filepath.Dir(stale), 0o755)
	os.WriteFile(stale, []byte("old"), 0o644)
	if code, err, msg := run(t, "../../catalog", out, epoch()); code != 0 || err != nil {
		t.Fatalf("%d %v\n%s", code, err, msg)
	}
	if _, err := os.Stat(stale); err == nil {
		t.Error("a page from the previous build survived")
	}
	if _, err := os.Stat(killed); err == nil {
		t.Error("the killed build's folder is still there")
	}
	if _, err := os.Stat(foreign); err != nil {
		t.Error("build removed a folder beside --out that is not its own")
	}
	os.Remove(foreign)
	if entries, _ := os.ReadDir(parent); len(entries) != 1 {
		var names []string
		for _, e := range entries {
			names = append(names, e.Name())
		}
		t.Errorf("beside --out: %v", names)
	}
}

// TestFailedBuildLeavesOutput: a catalog with errors, or a template that
// fails, leaves the previous output as it was.
func TestFailedBuildLeavesOutput(t *testing.T) {
	parent := t.TempDir()
	out := filepath.Join(parent, "public")
	cat := filepath.Join(parent, "catalog")
	copyDir(t, "../../catalog", cat)
	if code, err, msg := run(t, cat, out, epoch()); code != 0 || err != nil {
		t.Fatalf("%d %v\n%s", code, err, msg)
	}
	before := tree(t, out)

	// An error in a practice stops the build before anything is written.
	p := filepath.Join(cat, "practices", "gt-svet.es.md")
	src, _ := os.ReadFile(p)
	os.WriteFile(p, bytes.Replace(src, []byte("countries: [GT]"), []byte("countries: [XX]"), 1), 0o644)
	code, err, msg := run(t, cat, out, epoch())
	if code != ExitProblems || err != nil || !strings.Contains(msg, "build stopped") || !strings.Contains(msg, "[country-code]") {
		t.Fatalf("got %d, %v\n%s", code, err, msg)
	}
	os.WriteFile(p, src, 0o644)

	// A broken template of the catalog's own fails the render itself.
	os.MkdirAll(filepath.Join(cat, "templates", "html"), 0o755)
	os.WriteFile(filepath.Join(cat, "templates", "html", "practice.html"), []byte(`{{define "main"}}{{.Nope}}{{end}}`), 0o644)
	code, err, _ = run(t, cat, out, epoch())
	if code != ExitUsage || err == nil || !strings.Contains(err.Error(), "practice.html") {
		t.Fatalf("broken template: got %d, %v", code, err)
	}

	after := tree(t, out)
	if len(after) != len(before) {
		t.Fatalf("%d files before, %d after", len(before), len(after))
	}
	for name, b := range before {
		if !bytes.Equal(b, after[name]) {
			t.Errorf("%s changed", name)
		}
	}
	if entries, _ := os.ReadDir(parent); len(entries) != 2 {
		t.Errorf("a failed build left %d entries beside --out", len(entries)-2)
	}
}

// TestTemplateOverride: a catalog's own templates/ file replaces the
// embedded one of the same name, and only that one.
func TestTemplateOverride(t *testing.T) {
	parent := t.TempDir()
	cat := filepath.Join(parent, "catalog")
	copyDir(t, "../../catalog", cat)
	os.MkdirAll(filepath.Join(cat, "templates", "assets"), 0o755)
	os.WriteFile(filepath.Join(cat, "templates", "assets", "style.css"), []byte("body { color: teal }\n"), 0o644)
	out := filepath.Join(parent, "public")
	if code, err, msg := run(t, cat, out, epoch()); code != 0 || err != nil {
		t.Fatalf("%d %v\n%s", code, err, msg)
	}
	files := tree(t, out)
	if string(files["assets/style.css"]) != "body { color: teal }\n" {
		t.Error("the catalog's style.css was not used")
	}
	if len(files["assets/search.js"]) == 0 {
		t.Error("the embedded search.js is missing")
	}
}

func TestTargets(t *testing.T) {
	out := filepath.Join(t.TempDir(), "site", "2026", "public") // parents made as needed
	io, _, _ := iostreams.Test("")
	code, err := Run(Options{IO: io, Dir: "../../catalog", Out: out, Targets: []string{"data"}, Date: date})
	if code != 0 || err != nil {
		t.Fatal(code, err)
	}
	files := tree(t, out)
	if _, ok := files["catalog.json"]; !ok || files["index.html"] != nil {
		t.Errorf("--targets data wrote %d files, index.html %v", len(files), files["index.html"] != nil)
	}
	for _, bad := range []string{"epub", "html,docx"} {
		if code, err := Run(Options{IO: io, Dir: "../../catalog", Out: out, Targets: []string{bad}}); code != ExitUsage || err == nil {
			t.Errorf("--targets %s: %d %v", bad, code, err)
		}
	}
	if code, err, _ := run(t, "../../catalog", out, map[string]string{"SOURCE_DATE_EPOCH": "yesterday"}); code != ExitUsage || err == nil {
		t.Errorf("SOURCE_DATE_EPOCH=yesterday: %d %v", code, err)
	}
}
