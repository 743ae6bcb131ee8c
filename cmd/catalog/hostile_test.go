package main

import (
	"bytes"
	"crypto/sha256"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// secret is what lies outside a hostile catalog: no output may hold it.
const secret = "SECRET-OF-THE-CI-RUNNER-7f3a"

// hostile is a catalog from an untrusted pull request, made by change in
// a copy of the sample catalog (cat) beside a folder it must not read
// (outside, which holds secret in secret.txt, a practice and a template).
type hostile struct {
	name   string
	change func(t *testing.T, cat, outside string)
	rule   string // what validate reports, as "[rule]"; "" for a catalog it passes
	file   string // the file the problem names, inside cat
	// stops is what build says when it stops a catalog that validate
	// passes (a template's limits); "" for one that builds.
	stops string
}

// deep appends to a practice's body a paragraph of n times open, then
// rest.
func deep(open string, n int, rest string) func(t *testing.T, cat, outside string) {
	return func(t *testing.T, cat, outside string) {
		appendBody(t, cat, "gt-svet.es.md", "\n"+strings.Repeat(open, n)+rest+"\n")
	}
}

// runaway puts a template of the catalog's own in place of the practice
// page's.
func runaway(template string) func(t *testing.T, cat, outside string) {
	return func(t *testing.T, cat, outside string) {
		write(t, filepath.Join(cat, "templates", "html", "practice.html"), template)
	}
}

// hostileCatalogs are the attacks of issue 17 on the files and folders a
// build reads. Other tests add theirs (nesting, templates, names).
var hostileCatalogs = []hostile{
	{"media folder links out", func(t *testing.T, cat, outside string) {
		link(t, "../outside", filepath.Join(cat, "media"))
		appendBody(t, cat, "gt-svet.es.md", "\n![x](../media/secret.txt)\n")
	}, "symlink", "media", ""},
	{"media file links out", func(t *testing.T, cat, outside string) {
		mkdir(t, filepath.Join(cat, "media"))
		link(t, "../../outside/secret.txt", filepath.Join(cat, "media", "foto.png"))
		appendBody(t, cat, "gt-svet.es.md", "\n![foto](../media/foto.png)\n")
	}, "symlink", "media/foto.png", ""},
	{"template asset links out, absolute", func(t *testing.T, cat, outside string) {
		mkdir(t, filepath.Join(cat, "templates", "assets"))
		link(t, filepath.Join(outside, "secret.txt"), filepath.Join(cat, "templates", "assets", "style.css"))
	}, "symlink", "templates/assets/style.css", ""},
	{"templates folder links out", func(t *testing.T, cat, outside string) {
		link(t, "../outside/templates", filepath.Join(cat, "templates"))
	}, "symlink", "templates", ""},
	{"intro links out", func(t *testing.T, cat, outside string) {
		remove(t, filepath.Join(cat, "intro.es.md"))
		link(t, "../outside/secret.txt", filepath.Join(cat, "intro.es.md"))
	}, "symlink", "intro.es.md", ""},
	{"practice links out", func(t *testing.T, cat, outside string) {
		link(t, "../../outside/practices/zz-secreta.es.md", filepath.Join(cat, "practices", "zz-secreta.es.md"))
	}, "symlink", "practices/zz-secreta.es.md", ""},
	{"practices folder links out", func(t *testing.T, cat, outside string) {
		if err := os.RemoveAll(filepath.Join(cat, "practices")); err != nil {
			t.Fatal(err)
		}
		link(t, "../outside/practices", filepath.Join(cat, "practices"))
	}, "symlink", "practices", ""},
	{"catalog.yaml links out", func(t *testing.T, cat, outside string) {
		remove(t, filepath.Join(cat, "catalog.yaml"))
		link(t, "../outside/secret.txt", filepath.Join(cat, "catalog.yaml"))
	}, "symlink", "catalog.yaml", ""},
	{"practice links to a device", func(t *testing.T, cat, outside string) {
		link(t, "/dev/zero", filepath.Join(cat, "practices", "zz-cero.es.md"))
	}, "symlink", "practices/zz-cero.es.md", ""},
	{"practice too large", func(t *testing.T, cat, outside string) {
		write(t, filepath.Join(cat, "practices", "zz-enorme.es.md"), "---\ntitle: x\n---\n"+strings.Repeat("palabra ", 400_000))
	}, "file-size", "practices/zz-enorme.es.md", ""},
	{"practice named pipe", func(t *testing.T, cat, outside string) {
		mkfifo(t, filepath.Join(cat, "practices", "zz-tuberia.es.md"))
	}, "special-file", "practices/zz-tuberia.es.md", ""},
	{"intro named pipe", func(t *testing.T, cat, outside string) {
		remove(t, filepath.Join(cat, "intro.en.md"))
		mkfifo(t, filepath.Join(cat, "intro.en.md"))
	}, "special-file", "intro.en.md", ""},
	{"catalog.yaml named pipe", func(t *testing.T, cat, outside string) {
		remove(t, filepath.Join(cat, "catalog.yaml"))
		mkfifo(t, filepath.Join(cat, "catalog.yaml"))
	}, "special-file", "catalog.yaml", ""},
	{"template named pipe", func(t *testing.T, cat, outside string) {
		mkdir(t, filepath.Join(cat, "templates", "html"))
		mkfifo(t, filepath.Join(cat, "templates", "html", "practice.html"))
	}, "special-file", "templates/html/practice.html", ""},
	{"media named pipe", func(t *testing.T, cat, outside string) {
		mkdir(t, filepath.Join(cat, "media"))
		mkfifo(t, filepath.Join(cat, "media", "foto.png"))
		appendBody(t, cat, "gt-svet.es.md", "\n![foto](../media/foto.png)\n")
	}, "special-file", "media/foto.png", ""},
	{"practice is a device", func(t *testing.T, cat, outside string) {
		mkdev(t, filepath.Join(cat, "practices", "zz-cero.es.md"))
	}, "special-file", "practices/zz-cero.es.md", ""},
	// Bodies that nest past the bound, which would make the Markdown
	// parser's time grow with the square of their size.
	{"lists nested 50,000 deep", deep("- ", 50_000, "x"), "markdown-nesting", "practices/gt-svet.es.md", ""},
	{"quotes nested 100,000 deep", deep(">", 100_000, " x"), "markdown-nesting", "practices/gt-svet.es.md", ""},
	{"brackets nested 970,000 deep", deep("[", 970_000, ""), "markdown-nesting", "practices/gt-svet.es.md", ""},
	{"emphasis nested 50,000 deep", deep("*a ", 50_000, ""), "markdown-nesting", "practices/gt-svet.es.md", ""},
	{"link parentheses nested 50,000 deep", deep("[a](", 50_000, ""), "markdown-nesting", "practices/gt-svet.es.md", ""},
	{"an intro nested deep", func(t *testing.T, cat, outside string) {
		write(t, filepath.Join(cat, "intro.en.md"), strings.Repeat(">", 100_000)+" x\n")
	}, "markdown-nesting", "intro.en.md", ""},
	{"a link inside the catalog is followed", func(t *testing.T, cat, outside string) {
		mkdir(t, filepath.Join(cat, "drafts"))
		if err := os.Rename(filepath.Join(cat, "practices", "gt-svet.es.md"), filepath.Join(cat, "drafts", "gt-svet.es.md")); err != nil {
			t.Fatal(err)
		}
		link(t, "../drafts/gt-svet.es.md", filepath.Join(cat, "practices", "gt-svet.es.md"))
	}, "", "", ""},
	{"template counts without end", runaway(`{{define "main"}}{{range 2000000000000}}{{end}}{{end}}`),
		"", "", "templates/html/practice.html:1: {{range 2000000000000}}: a catalog's template may count to 1000 at most"},
	{"template writes without end", runaway(`{{define "main"}}{{range 1000}}{{range 1000}}{{range 1000}}` + strings.Repeat("llena el disco ", 70) + `{{end}}{{end}}{{end}}{{end}}`),
		"", "", "the page grew past 64 MiB"},
	// The page's time runs out: ten seconds, the limit a real page never
	// comes near.
	{"template loops without end, writing nothing", runaway(`{{define "main"}}{{range 1000}}{{range 1000}}{{range 1000}}{{range 1000}}{{end}}{{end}}{{end}}{{end}}{{end}}`),
		"", "", "the page took longer than 10s"},
}

// TestHostileCatalogs: each hostile catalog is refused by validate (exit
// 1, the rule on the file) and by build (exit 1, the previous output left
// as it was), in bounded time, and nothing from outside the catalog
// reaches any output; a link inside is followed and builds.
func TestHostileCatalogs(t *testing.T) {
	good := filepath.Join(t.TempDir(), "public")
	if code, stdout, stderr := catalogCmd(t, nil, "build", "--dir", "../../catalog", "--out", good); code != 0 {
		t.Fatalf("the sample does not build: %d\n%s%s", code, stdout, stderr)
	}
	for _, tc := range hostileCatalogs {
		t.Run(strings.ReplaceAll(tc.name, " ", "_"), func(t *testing.T) {
			top := t.TempDir()
			cat, outside := filepath.Join(top, "cat"), filepath.Join(top, "outside")
			if err := os.CopyFS(cat, os.DirFS("../../catalog")); err != nil {
				t.Fatal(err)
			}
			write(t, filepath.Join(outside, "secret.txt"), secret)
			write(t, filepath.Join(outside, "practices", "zz-secreta.es.md"), "---\ntitle: "+secret+"\n---\n"+secret+"\n")
			write(t, filepath.Join(outside, "templates", "html", "practice.html"), secret)
			write(t, filepath.Join(outside, "templates", "assets", "style.css"), secret)
			tc.change(t, cat, outside)
			out := filepath.Join(top, "public")
			if err := os.CopyFS(out, os.DirFS(good)); err != nil {
				t.Fatal(err)
			}
			before := treeSum(t, out)

			code, stdout, stderr := catalogWithin(t, "validate", "--dir", cat)
			where := filepath.Join(cat, filepath.FromSlash(tc.file))
			switch {
			case tc.rule == "" && code != 0:
				t.Errorf("validate: exit %d, want 0\n%s%s", code, stdout, stderr)
			case tc.rule != "" && (code != 1 || !hasProblem(stdout, where, tc.rule)):
				t.Errorf("validate: exit %d, want 1 and [%s] on %s\n%s%s", code, tc.rule, where, stdout, stderr)
			}
			if strings.Contains(stdout+stderr, secret) {
				t.Errorf("validate printed what is outside the catalog:\n%s%s", stdout, stderr)
			}

			code, stdout, stderr = catalogWithin(t, "build", "--dir", cat, "--out", out)
			switch {
			case tc.stops != "" && (code != 1 || !strings.Contains(stdout+stderr, tc.stops)):
				t.Errorf("build: exit %d, want 1 and %q\n%s%s", code, tc.stops, stdout, stderr)
			case tc.stops != "" && treeSum(t, out) != before:
				t.Errorf("the failed build changed %s", out)
			case tc.stops != "":
			case tc.rule == "" && code != 0:
				t.Errorf("build: exit %d, want 0\n%s%s", code, stdout, stderr)
			case tc.rule != "" && (code != 1 || !hasProblem(stdout+stderr, where, tc.rule)):
				t.Errorf("build: exit %d, want 1 and [%s] on %s\n%s%s", code, tc.rule, where, stdout, stderr)
			case tc.rule != "" && treeSum(t, out) != before:
				t.Errorf("the failed build changed %s", out)
			}
			if strings.Contains(stdout+stderr, secret) {
				t.Errorf("build printed what is outside the catalog:\n%s%s", stdout, stderr)
			}
			for _, line := range strings.Split(stdout+stderr, "\n") {
				if strings.HasPrefix(line, "::") || strings.ContainsAny(line, "\x1b\r") {
					t.Errorf("build printed a raw workflow command or control: %q", line)
				}
			}
			if file := holding(t, out, secret); file != "" {
				t.Errorf("%s holds what is outside the catalog", file)
			}
		})
	}
}

// catalogWithin runs the command line, and fails the test when it has not
// ended in a minute (a read that waits for ever, a parse that never ends).
func catalogWithin(t *testing.T, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	type result struct {
		code           int
		stdout, stderr string
	}
	done := make(chan result, 1)
	go func() {
		code, stdout, stderr := catalogCmd(t, nil, args...)
		done <- result{code, stdout, stderr}
	}()
	select {
	case r := <-done:
		return r.code, r.stdout, r.stderr
	case <-time.After(time.Minute):
		t.Fatalf("catalog %s: still running after a minute", strings.Join(args, " "))
		return 0, "", ""
	}
}

// hasProblem reports a line of validate's text output that puts the rule
// on the file.
func hasProblem(output, file, rule string) bool {
	for _, line := range strings.Split(output, "\n") {
		if strings.HasPrefix(line, file+":") && strings.HasSuffix(line, "["+rule+"]") {
			return true
		}
	}
	return false
}

// treeSum sums the names and contents of every file below dir.
func treeSum(t *testing.T, dir string) string {
	t.Helper()
	h := sha256.New()
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(path)
		fmt.Fprintf(h, "%s\x00%d\x00", path, len(data))
		h.Write(data)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return fmt.Sprintf("%x", h.Sum(nil))
}

// holding returns a file below dir that holds text, or "". (The books'
// pages are compressed: a build that fails leaves them as they were, and
// their text comes from the same model as the site's.)
func holding(t *testing.T, dir, text string) string {
	t.Helper()
	found := ""
	filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			if data, _ := os.ReadFile(path); bytes.Contains(data, []byte(text)) {
				found = path
			}
		}
		return nil
	})
	return found
}

func write(t *testing.T, path, text string) {
	t.Helper()
	mkdir(t, filepath.Dir(path))
	if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
}

func mkdir(t *testing.T, dir string) {
	t.Helper()
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
}

func remove(t *testing.T, path string) {
	t.Helper()
	if err := os.Remove(path); err != nil {
		t.Fatal(err)
	}
}

func link(t *testing.T, target, path string) {
	t.Helper()
	if err := os.Symlink(target, path); err != nil {
		t.Skipf("no symbolic links here: %v", err)
	}
}

// appendBody adds text to the body of a practice file of cat.
func appendBody(t *testing.T, cat, name, text string) {
	t.Helper()
	path := filepath.Join(cat, "practices", name)
	src, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	write(t, path, string(src)+text)
}
