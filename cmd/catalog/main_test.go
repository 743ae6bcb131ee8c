package main

import (
	"encoding/json"
	"os"
	"path"
	"path/filepath"
	"strings"
	"testing"

	"catalog/internal/iostreams"
)

// catalogCmd runs the command line with fake streams.
func catalogCmd(t *testing.T, env map[string]string, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	io, out, errOut := iostreams.Test("")
	io.Getenv = func(k string) string { return env[k] }
	code = run(io, args)
	return code, out.String(), errOut.String()
}

func TestValidateExitCodes(t *testing.T) {
	for _, tc := range []struct {
		args []string
		code int
		out  string // in stdout or stderr
	}{
		// The sample catalog is in Spanish first: validate speaks it,
		// unless told otherwise.
		{[]string{"validate", "--dir", "../../catalog"}, 0, "ningún problema en 20 archivos (10 prácticas)"},
		{[]string{"validate", "--dir", "../../catalog", "--strict", "--lang", "en"}, 0, "no problems in 20 files (10 practices)"},
		{[]string{"validate", "--dir", "../../testdata/validate", "--lang", "es-419"}, 1, "13 errores, 6 advertencias en 12 archivos (7 prácticas; 3 aún sin versión en inglés)"},
		{[]string{"validate", "--dir", "../../catalog", "--lang", "fr"}, 2, "--lang fr: catalog speaks en, es"},
		{[]string{"validate", "--dir", "../../testdata/validate", "--lang", "es"}, 1, `: advertencia: "tr-restricted" es una práctica restringida: la versión pública del catálogo omite este enlace [related]`},
		{[]string{"validate", "--dir", "../../testdata/broken"}, 1, "[country-code]"},
		{[]string{"validate", "--dir", "../../testdata/nowhere"}, 2, "no catalog.yaml in ../../testdata/nowhere/: that folder is not a catalog"},
		{[]string{"validate", "--dir", "../../catalog", "--format", "xml"}, 2, `formato desconocido "xml"`},
		{[]string{"validate", "--bogus"}, 2, "unknown flag: --bogus"},
		{[]string{"validate", "--dir", "../../catalog", "no-such-file.md"}, 2, "no-such-file.md: no existe ese archivo"},
		{[]string{"validate", "--dir", "../../catalog", "main.go"}, 2, "main.go no es un archivo del catálogo"},
		{[]string{"validate", "--dir", "../../catalog", "main.go", "--lang", "en"}, 2, "main.go is not a file of the catalog"},
		{[]string{"nonsense"}, 2, `unknown command "nonsense"`},
		{[]string{"new", "--dir", "../../catalog", "Bad ID"}, 2, `"Bad ID" no es un identificador de práctica válido`},
		{[]string{"version"}, 0, "catalog "},
		{[]string{"new"}, 2, "new takes one practice ID"},
	} {
		code, out, errOut := catalogCmd(t, nil, tc.args...)
		if code != tc.code || !strings.Contains(out+errOut, tc.out) {
			t.Errorf("catalog %s: exit %d, want %d; output lacks %q?\nstdout: %s\nstderr: %s", strings.Join(tc.args, " "), code, tc.code, tc.out, out, errOut)
		}
		if strings.Contains(errOut, "goroutine ") || strings.Contains(errOut, "panic") {
			t.Errorf("catalog %s printed a stack trace:\n%s", strings.Join(tc.args, " "), errOut)
		}
	}
}

func TestValidateJSON(t *testing.T) {
	code, out, _ := catalogCmd(t, nil, "validate", "--dir", "../../catalog", "--format", "json")
	if code != 0 || strings.TrimSpace(out) != "[]" {
		t.Errorf("clean catalog: exit %d, JSON %q; want 0 and []", code, out)
	}
	code, out, _ = catalogCmd(t, nil, "validate", "--dir", "../../testdata/broken", "--format", "json")
	var ds []map[string]any
	if err := json.Unmarshal([]byte(out), &ds); err != nil || code != 1 || len(ds) == 0 {
		t.Fatalf("broken catalog: exit %d, %v, %d diagnostics", code, err, len(ds))
	}
	for _, d := range ds {
		for _, k := range []string{"file", "line", "column", "severity", "rule", "message"} {
			if _, ok := d[k]; !ok {
				t.Errorf("diagnostic %v lacks %q", d, k)
			}
		}
	}
}

// Given files, validate reports only their problems but resolves their
// references against the whole catalog.
func TestValidateFiles(t *testing.T) {
	file := "../../testdata/broken/practices/bad-related.es.md"
	code, out, _ := catalogCmd(t, nil, "validate", "--dir", "../../testdata/broken", "--format", "json", file)
	var ds []struct{ File, Rule, Message string }
	if err := json.Unmarshal([]byte(out), &ds); err != nil {
		t.Fatal(err)
	}
	if code != 1 || len(ds) != 2 {
		t.Fatalf("exit %d, %d diagnostics, want 1 and the 2 of %s: %s", code, len(ds), file, out)
	}
	for _, d := range ds {
		if d.File != filepath.Clean(file) && !strings.HasSuffix(d.File, "bad-related.es.md") {
			t.Errorf("diagnostic about another file: %+v", d)
		}
	}
}

// TestValidateFilesThroughLink: a file named through a linked folder (as
// macOS's /tmp is /private/tmp) is the catalog's own, either way round.
func TestValidateFilesThroughLink(t *testing.T) {
	real, err := filepath.Abs("../../testdata/broken")
	if err != nil {
		t.Fatal(err)
	}
	link := filepath.Join(t.TempDir(), "enlace")
	if err := os.Symlink(real, link); err != nil {
		t.Skip("no symbolic links here:", err)
	}
	for _, tc := range [][2]string{
		{real, filepath.Join(link, "practices", "bad-related.es.md")},
		{link, filepath.Join(real, "practices", "bad-related.es.md")},
	} {
		code, out, errOut := catalogCmd(t, nil, "validate", "--dir", tc[0], tc[1])
		if code != 1 || !strings.Contains(out, "[related]") || strings.Contains(out, "[country-code]") {
			t.Errorf("validate --dir %s %s: exit %d\n%s%s", tc[0], tc[1], code, out, errOut)
		}
	}
}

// TestValidateFilesConfigErrors: validate FILE shows the errors of
// catalog.yaml, which bear on every file, though it was not named.
func TestValidateFilesConfigErrors(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "catalog")
	if err := os.CopyFS(dir, os.DirFS("../../catalog")); err != nil {
		t.Fatal(err)
	}
	cfg := filepath.Join(dir, "catalog.yaml")
	src, err := os.ReadFile(cfg)
	if err != nil {
		t.Fatal(err)
	}
	bad := strings.Replace(string(src), "\nchapters: country\n", "\nchapters: region\n", 1)
	if bad == string(src) {
		t.Fatal("the sample's catalog.yaml has no chapters: country; update this test")
	}
	if err := os.WriteFile(cfg, []byte(bad), 0o644); err != nil {
		t.Fatal(err)
	}
	code, out, errOut := catalogCmd(t, nil, "validate", "--dir", dir, filepath.Join(dir, "practices", "gt-svet.es.md"))
	// The sample catalog's first language is Spanish: the error is said
	// in it.
	if code != 1 || !strings.Contains(out, "catalog.yaml:") || !strings.Contains(out, "chapters debe ser country o pillar") {
		t.Errorf("exit %d; the output lacks catalog.yaml's error:\n%s%s", code, out, errOut)
	}
}

// TestNewCompletion: the shell completes the codes catalog new's flags
// take (the codes of catalog vocab's lists, described by their labels),
// never file names.
func TestNewCompletion(t *testing.T) {
	for _, tc := range []struct{ flag, want string }{
		{"--theme", "shelter"}, {"--scope", "binational"}, {"--country", "GT"}, {"--level", "promising"}, {"--lang", "en"},
	} {
		_, out, _ := catalogCmd(t, nil, "__complete", "new", "--dir", "../../catalog", tc.flag, "")
		if !strings.Contains(out, "\n"+tc.want+"\n") && !strings.Contains(out, "\n"+tc.want+"\t") || !strings.Contains(out, ":4\n") {
			t.Errorf("completing %s: no %q, or file names offered:\n%s", tc.flag, tc.want, out)
		}
	}
}

func TestValidateGitHub(t *testing.T) {
	summary := filepath.Join(t.TempDir(), "summary.md")
	code, out, _ := catalogCmd(t, map[string]string{"GITHUB_STEP_SUMMARY": summary},
		"validate", "--dir", "../../testdata/broken", "--format", "github", "--lang", "en")
	if code != 1 {
		t.Errorf("exit %d, want 1", code)
	}
	if !strings.Contains(out, "::error file=../../testdata/broken/practices/bad-country.es.md,line=4,col=13,title=country-code::unknown country code") {
		t.Errorf("no workflow command for bad-country:\n%s", out)
	}
	// Properties escape ':' and ','; the human list follows the commands.
	if !strings.Contains(out, "bad-country.es.md:4:13: error: unknown country code") {
		t.Errorf("the human list does not follow the workflow commands")
	}
	s, err := os.ReadFile(summary)
	if err != nil || !strings.Contains(string(s), "| file | line | severity | rule | message |") {
		t.Errorf("step summary: %v\n%s", err, s)
	}
}

func TestBuildExitCodes(t *testing.T) {
	out := filepath.Join(t.TempDir(), "public")
	foreign := t.TempDir()
	if err := os.WriteFile(filepath.Join(foreign, "tesis.docx"), []byte("años de trabajo"), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		args []string
		code int
		out  string
	}{
		{[]string{"build", "--dir", "../../catalog", "--out", out, "--lang", "en"}, 0, "built 9 practices (html, pdf, data) in es, en"},
		{[]string{"build", "--dir", "../../catalog", "--out", out}, 0, "9 prácticas compiladas (html, pdf, data; idiomas: es, en) en "},
		{[]string{"build", "--dir", "../../testdata/broken", "--out", out, "--lang", "en"}, 1, "build stopped"},
		{[]string{"build", "--dir", "../../testdata/broken", "--out", out}, 1, "compilación detenida: "},
		{[]string{"build", "--dir", "../../catalog", "--out", out, "--targets", "epub"}, 2, `destino desconocido "epub"`},
		{[]string{"build", "--dir", "../../catalog", "--out", "."}, 2, "contiene la carpeta actual"},
		{[]string{"build", "--dir", "../../catalog", "--out", foreign}, 2, "no la hizo catalog build"},
		{[]string{"build", "--dir", "../../catalog", "extra"}, 2, `no tiene ningún comando "extra"`},
		{[]string{"build", "--dir", "../../catalog", "extra", "--lang", "en"}, 2, `unknown command "extra" for catalog build`},
	} {
		code, stdout, stderr := catalogCmd(t, nil, tc.args...)
		if code != tc.code || !strings.Contains(stdout+stderr, tc.out) {
			t.Errorf("catalog %s: exit %d, want %d; output lacks %q?\nstdout: %s\nstderr: %s", strings.Join(tc.args, " "), code, tc.code, tc.out, stdout, stderr)
		}
	}
	if _, err := os.Stat(filepath.Join(out, "es", "index.html")); err != nil {
		t.Error("the failed builds removed the good one")
	}
}

// TestProfiled: CATALOG_CPUPROFILE names a file that gets a CPU profile of
// the command, whose exit code is passed on; an unwritable file is an exit
// code of 2, not a panic.
func TestProfiled(t *testing.T) {
	file := filepath.Join(t.TempDir(), "cpu.prof")
	if code := profiled(file, func() int { return 3 }); code != 3 {
		t.Errorf("exit code %d, want 3", code)
	}
	if fi, err := os.Stat(file); err != nil || fi.Size() == 0 {
		t.Errorf("no profile written: %v", err)
	}
	if code := profiled(filepath.Join(file, "no", "such"), func() int { return 0 }); code != 2 {
		t.Errorf("unwritable profile: exit code %d, want 2", code)
	}
}

// TestHostileFileNames: a practice file whose name holds a line break, a
// workflow command or terminal escapes is reported, by validate in text
// and github format and by build, on lines of our own: no line starts
// with "::" but the annotations, and nothing reaches the terminal raw.
func TestHostileFileNames(t *testing.T) {
	dir := t.TempDir()
	cat := filepath.Join(dir, "catalog")
	if err := os.CopyFS(cat, os.DirFS("../../catalog")); err != nil {
		t.Fatal(err)
	}
	names := []string{
		"zz\n::error file=x::INJECTED.es.md",
		"::warning file=y::INJECTED.es.md",
		"esc\x1b]0;pwned\x07\u202e.es.md",
	}
	for _, name := range names {
		if err := os.WriteFile(filepath.Join(cat, "practices", name), []byte("---\ntitle: x\n---\n"), 0o644); err != nil {
			t.Skipf("this file system refuses the name %q: %v", name, err)
		}
	}
	for _, args := range [][]string{
		{"validate", "--dir", cat},
		{"validate", "--dir", cat, "--format", "github"},
		{"build", "--dir", cat, "--out", filepath.Join(dir, "public")},
	} {
		code, stdout, stderr := catalogCmd(t, nil, args...)
		if code != 1 {
			t.Errorf("catalog %s: exit %d, want 1\n%s%s", strings.Join(args, " "), code, stdout, stderr)
		}
		for _, line := range strings.Split(stdout+stderr, "\n") {
			if strings.HasPrefix(strings.TrimLeft(line, " "), "::") &&
				!strings.HasPrefix(line, "::error file="+filepath.ToSlash(cat)) && !strings.HasPrefix(line, "::warning file="+filepath.ToSlash(cat)) {
				t.Errorf("catalog %s: a line starts a workflow command: %q", strings.Join(args, " "), line)
			}
			if strings.ContainsAny(line, "\x1b\x07\r\u202e") {
				t.Errorf("catalog %s: a control character reaches the terminal: %q", strings.Join(args, " "), line)
			}
		}
		if !strings.Contains(stdout+stderr, `zz\n::error file=x::INJECTED.es.md`) || !strings.Contains(stdout+stderr, `esc\x1b]0;pwned\x07\u202e.es.md`) {
			t.Errorf("catalog %s: the names are not shown escaped:\n%s%s", strings.Join(args, " "), stdout, stderr)
		}
	}
}

// TestLayoutNamesEveryPackage: the README's layout table names every
// package of internal/ (a package below one it names counts as named).
func TestLayoutNamesEveryPackage(t *testing.T) {
	readme, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	named := func(pkg string) bool {
		for p := filepath.ToSlash(pkg); strings.Contains(p, "/"); p = path.Dir(p) {
			if strings.Contains(string(readme), "`"+p+"`") {
				return true
			}
		}
		return false
	}
	seen := map[string]bool{}
	err = filepath.WalkDir("../../internal", func(path string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") {
			return err
		}
		pkg, _ := filepath.Rel("../..", filepath.Dir(path))
		if !named(pkg) && !seen[pkg] {
			t.Errorf("README.md's layout table does not name %s", filepath.ToSlash(pkg))
		}
		seen[pkg] = true
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}
