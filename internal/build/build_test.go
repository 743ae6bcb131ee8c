package build

import (
	"bytes"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"catalog/internal/diag"
	"catalog/internal/iostreams"
	"catalog/internal/site"
)

var date = time.Unix(1764000000, 0).UTC()

// copyDir copies a catalog so that a test can break it.
func copyDir(t *testing.T, from, to string) {
	t.Helper()
	if err := os.CopyFS(to, os.DirFS(from)); err != nil {
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

// sameTree fails the test unless got has the files of want, and no other.
func sameTree(t *testing.T, got, want map[string][]byte, differs string) {
	t.Helper()
	if len(got) != len(want) {
		t.Fatalf("%d files, want %d", len(got), len(want))
	}
	for name, b := range want {
		if !bytes.Equal(got[name], b) {
			t.Errorf("%s %s", name, differs)
		}
	}
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
	if len(ta) < 50 {
		t.Fatalf("%d files", len(ta))
	}
	sameTree(t, tb, ta, "differs between two builds")
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
	if code != diag.ExitUsage || err == nil || !strings.Contains(err.Error(), "not empty and was not made by catalog build") {
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
	if code != diag.ExitUsage || err == nil || !strings.Contains(err.Error(), "holds the catalog") {
		t.Fatalf("--out around the catalog: got %d, %v", code, err)
	}

	file := filepath.Join(t.TempDir(), "public")
	os.WriteFile(file, nil, 0o644)
	if code, err, _ := run(t, "../../catalog", file, epoch()); code != diag.ExitUsage || err == nil {
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

// builtSample copies the sample catalog into a new folder (parent/catalog)
// and builds it into parent/public; before is what that build wrote.
func builtSample(t *testing.T) (parent, cat, out string, before map[string][]byte) {
	t.Helper()
	parent = t.TempDir()
	out = filepath.Join(parent, "public")
	cat = filepath.Join(parent, "catalog")
	copyDir(t, "../../catalog", cat)
	if code, err, msg := run(t, cat, out, epoch()); code != 0 || err != nil {
		t.Fatalf("%d %v\n%s", code, err, msg)
	}
	return parent, cat, out, tree(t, out)
}

// TestFailedBuildLeavesOutput: a catalog with errors, or a template that
// fails, leaves the previous output as it was.
func TestFailedBuildLeavesOutput(t *testing.T) {
	parent, cat, out, before := builtSample(t)

	// An error in a practice stops the build before anything is written.
	p := filepath.Join(cat, "practices", "gt-svet.es.md")
	src, _ := os.ReadFile(p)
	os.WriteFile(p, bytes.Replace(src, []byte("countries: [GT]"), []byte("countries: [XX]"), 1), 0o644)
	code, err, msg := run(t, cat, out, epoch())
	if code != diag.ExitProblems || err != nil || !strings.Contains(msg, "build stopped") || !strings.Contains(msg, "[country-code]") {
		t.Fatalf("got %d, %v\n%s", code, err, msg)
	}
	os.WriteFile(p, src, 0o644)

	// A broken template of the catalog's own fails the render itself.
	os.MkdirAll(filepath.Join(cat, "templates", "html"), 0o755)
	os.WriteFile(filepath.Join(cat, "templates", "html", "practice.html"), []byte(`{{define "main"}}{{.Nope}}{{end}}`), 0o644)
	// It is the catalog's problem, as an error in a practice is.
	code, err, msg = run(t, cat, out, epoch())
	if code != diag.ExitProblems || err != nil || !strings.Contains(msg, "catalog/templates/html/practice.html: page ") || !strings.Contains(msg, "can't evaluate field Nope") {
		t.Fatalf("broken template: got %d, %v\n%s", code, err, msg)
	}
	// So is one that cannot be read as a template.
	os.WriteFile(filepath.Join(cat, "templates", "html", "practice.html"), []byte(`{{define "main"}}{{if}}{{end}}`), 0o644)
	code, err, msg = run(t, cat, out, epoch())
	if code != diag.ExitProblems || err != nil || !strings.Contains(msg, "catalog/templates/html/practice.html: template: html/practice.html:1: missing value for if") {
		t.Fatalf("template that does not parse: got %d, %v\n%s", code, err, msg)
	}

	sameTree(t, tree(t, out), before, "changed")
	if entries, _ := os.ReadDir(parent); len(entries) != 2 {
		t.Errorf("a failed build left %d entries beside --out", len(entries)-2)
	}
}

// TestTemplateLimits: a catalog's template that never ends, or writes
// without end, stops the build (exit 1) with a message that names the
// template and the page, and leaves the previous output as it was.
func TestTemplateLimits(t *testing.T) {
	parent, cat, out, before := builtSample(t)
	os.MkdirAll(filepath.Join(cat, "templates", "html"), 0o755)
	nested := "{{range 1000}}{{range 1000}}{{range 1000}}{{range 1000}}{{end}}{{end}}{{end}}{{end}}"
	for _, tc := range []struct {
		name, main, want string
		time             time.Duration // the writing loop reaches its size long before
	}{
		// The page named is the first whose time ran out, in either
		// language: which one depends on the workers.
		{"loop that writes nothing", "\n" + nested, "templates/html/practice.html:2: page ", 200 * time.Millisecond},
		{"loop that writes", strings.ReplaceAll(nested, "{{end}}", strings.Repeat("x", 1000)+"{{end}}"), "templates/html/practice.html: page ", time.Minute},
	} {
		t.Run(tc.name, func(t *testing.T) {
			os.WriteFile(filepath.Join(cat, "templates", "html", "practice.html"), []byte(`{{define "main"}}`+tc.main+`{{end}}`), 0o644)
			io, _, stderr := iostreams.Test("")
			io.Getenv = func(k string) string { return epoch()[k] }
			code, err := Run(Options{IO: io, Dir: cat, Out: out, Limits: site.Limits{Time: tc.time, Size: 1 << 20}})
			if code != diag.ExitProblems || err != nil || !strings.Contains(stderr.String(), tc.want) || !strings.Contains(stderr.String(), "/practices/") || !strings.Contains(stderr.String(), "build stopped") {
				t.Fatalf("got %d, %v\n%s", code, err, stderr)
			}
			sameTree(t, tree(t, out), before, "changed")
			if entries, _ := os.ReadDir(parent); len(entries) != 2 {
				t.Errorf("a failed build left %d entries beside --out", len(entries)-2)
			}
		})
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
	// Replacing an output with some targets says that the rest is gone.
	io2, _, stderr := iostreams.Test("")
	if code, err := Run(Options{IO: io2, Dir: "../../catalog", Out: out, Targets: []string{"pdf"}, Date: date}); code != 0 || err != nil {
		t.Fatal(code, err)
	}
	if !strings.Contains(stderr.String(), "holds only these now") {
		t.Errorf("a build of the books over the data did not say the data is gone:\n%s", stderr)
	}
	for _, bad := range []string{"epub", "html,docx"} {
		if code, err := Run(Options{IO: io, Dir: "../../catalog", Out: out, Targets: []string{bad}}); code != diag.ExitUsage || err == nil {
			t.Errorf("--targets %s: %d %v", bad, code, err)
		}
	}
	for _, bad := range []string{"yesterday", "-1", "100000000000000"} {
		if code, err, _ := run(t, "../../catalog", out, map[string]string{"SOURCE_DATE_EPOCH": bad}); code != diag.ExitUsage || err == nil {
			t.Errorf("SOURCE_DATE_EPOCH=%s: %d %v", bad, code, err)
		}
	}
}

// TestOutPermissions: --out gets the permissions a folder made by the
// user would have (os.MkdirTemp's 0700 kept a web server running as
// another user out of the site), and a rebuild keeps those of the folder
// it replaces.
func TestOutPermissions(t *testing.T) {
	parent := t.TempDir()
	mine := filepath.Join(parent, "made-by-hand")
	if err := os.Mkdir(mine, 0o777); err != nil {
		t.Fatal(err)
	}
	want, _ := os.Stat(mine)
	out := filepath.Join(parent, "public")
	io, _, _ := iostreams.Test("")
	build := func() {
		t.Helper()
		if code, err := Run(Options{IO: io, Dir: "../../catalog", Out: out, Targets: []string{"data"}, Date: date}); code != 0 || err != nil {
			t.Fatal(code, err)
		}
	}
	build()
	if st, _ := os.Stat(out); st.Mode().Perm() != want.Mode().Perm() {
		t.Errorf("--out is %v, want %v as the umask gives", st.Mode().Perm(), want.Mode().Perm())
	}
	if err := os.Chmod(out, 0o750|fs.ModeSetgid); err != nil {
		t.Fatal(err)
	}
	build()
	if st, _ := os.Stat(out); st.Mode()&(fs.ModePerm|fs.ModeSetgid) != 0o750|fs.ModeSetgid {
		t.Errorf("after a rebuild --out is %v, want the %v it had", st.Mode(), 0o750|fs.ModeSetgid)
	}
}

// TestConcurrentBuilds: builds into one --out at the same time each
// finish whole, one after the other. The second removed the first one's
// folder as a killed build's, and the first put what was left of it in
// place, without its marker, and reported success.
func TestConcurrentBuilds(t *testing.T) {
	parent := t.TempDir()
	want := filepath.Join(parent, "alone")
	if code, err, msg := run(t, "../../catalog", want, epoch()); code != 0 || err != nil {
		t.Fatalf("%d %v\n%s", code, err, msg)
	}
	out := filepath.Join(parent, "public")
	const builds = 3
	codes := make([]int, builds)
	errs := make([]error, builds)
	var wg sync.WaitGroup
	for i := range builds {
		wg.Go(func() {
			io, _, _ := iostreams.Test("")
			io.Getenv = func(k string) string { return epoch()[k] }
			codes[i], errs[i] = Run(Options{IO: io, Dir: "../../catalog", Out: out})
		})
	}
	wg.Wait()
	for i := range builds {
		if codes[i] != 0 || errs[i] != nil {
			t.Errorf("build %d: %d %v", i, codes[i], errs[i])
		}
	}
	sameTree(t, tree(t, out), tree(t, want), "differs from a build alone")
	if entries, _ := os.ReadDir(parent); len(entries) != 2 {
		t.Errorf("%d entries beside --out, want none", len(entries)-2)
	}
}

// TestStaleOldOutput: what is left of a previous output that could not
// be removed is removed by the next build, even once its own marker is
// gone; a folder of that name without a marker is not build's. A name
// with glob characters finds its own leftovers and no others.
func TestStaleOldOutput(t *testing.T) {
	parent := t.TempDir()
	out := filepath.Join(parent, "p[1]")
	left := filepath.Join(parent, ".p[1].old-123")
	os.MkdirAll(filepath.Join(left, "p[1]", "es", "practices"), 0o755)
	os.WriteFile(filepath.Join(left, Marker), nil, 0o644)
	killed := filepath.Join(parent, ".p[1].tmp-456")
	os.MkdirAll(killed, 0o755)
	os.WriteFile(filepath.Join(killed, Marker), nil, 0o644)
	other := filepath.Join(parent, ".p1.tmp-789") // another output's: "p[1]" as a glob matches "p1"
	os.MkdirAll(other, 0o755)
	os.WriteFile(filepath.Join(other, Marker), nil, 0o644)
	notOurs := filepath.Join(parent, ".p[1].old-mine")
	os.MkdirAll(notOurs, 0o755)
	if code, err, msg := run(t, "../../catalog", out, epoch()); code != 0 || err != nil {
		t.Fatalf("%d %v\n%s", code, err, msg)
	}
	for _, gone := range []string{left, killed} {
		if _, err := os.Stat(gone); err == nil {
			t.Errorf("%s is still there", filepath.Base(gone))
		}
	}
	for _, kept := range []string{other, notOurs} {
		if _, err := os.Stat(kept); err != nil {
			t.Errorf("%s was removed", filepath.Base(kept))
		}
	}
}

// TestRefusesCatalogTrees: --out inside a folder that build reads, or
// around the current folder, is refused before anything is written.
func TestRefusesCatalogTrees(t *testing.T) {
	cat := filepath.Join(t.TempDir(), "catalog")
	copyDir(t, "../../catalog", cat)
	for _, out := range []string{filepath.Join(cat, "practices", "site"), filepath.Join(cat, "media", "x")} {
		code, err, _ := run(t, cat, out, epoch())
		if code != diag.ExitUsage || err == nil || !strings.Contains(err.Error(), "which build reads") {
			t.Errorf("--out %s: %d %v", out, code, err)
		}
		if _, err := os.Stat(out); err == nil {
			t.Errorf("--out %s was made", out)
		}
	}
	if code, err, msg := run(t, cat, filepath.Join(cat, "public"), epoch()); code != 0 || err != nil {
		t.Errorf("--out public inside the catalog folder: %d %v\n%s", code, err, msg)
	}
	empty := filepath.Join(t.TempDir(), "a", "b")
	os.MkdirAll(empty, 0o755)
	t.Chdir(empty)
	for _, out := range []string{".", ".."} {
		code, err, _ := run(t, cat, out, epoch())
		if code != diag.ExitUsage || err == nil || !strings.Contains(err.Error(), "holds the current folder") {
			t.Errorf("--out %s: %d %v", out, code, err)
		}
	}
	if _, err := os.Stat(empty); err != nil {
		t.Errorf("the current folder is gone: %v", err)
	}
}

// TestDossiers: with the books, every country page links to its dossier,
// which is beside it; without them, none links to one.
func TestDossiers(t *testing.T) {
	for _, targets := range [][]string{nil, {"html", "data"}} {
		out := filepath.Join(t.TempDir(), "public")
		io, _, stderr := iostreams.Test("")
		if code, err := Run(Options{IO: io, Dir: "../site/testdata/catalog", Out: out, Targets: targets, Date: date}); code != 0 || err != nil {
			t.Fatalf("build %v: %d %v\n%s", targets, code, err, stderr)
		}
		files := tree(t, out)
		pages, dossiers := 0, 0
		for name, data := range files {
			dir, file := filepath.Split(name)
			if strings.HasPrefix(name, "es/countries/") || strings.HasPrefix(name, "en/countries/") {
				switch {
				case file == "index.html" && strings.Count(name, "/") == 3:
					pages++
					_, has := files[dir+"dossier.pdf"]
					if links := bytes.Contains(data, []byte(`href="dossier.pdf"`)); links != has || has != (targets == nil) {
						t.Errorf("targets %v: %s links to its dossier: %v; the dossier is there: %v", targets, name, links, has)
					}
				case file == "dossier.pdf":
					dossiers++
					if _, ok := files[dir+"index.html"]; !ok {
						t.Errorf("%s has no country page beside it", name)
					}
				}
			}
		}
		if pages == 0 || targets == nil && dossiers != pages || targets != nil && dossiers != 0 {
			t.Errorf("targets %v: %d country pages, %d dossiers", targets, pages, dossiers)
		}
	}
}
