package sitetest

import (
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"gopkg.in/yaml.v3"

	"catalog/internal/build"
	"catalog/internal/diag"
	"catalog/internal/frontmatter"
	"catalog/internal/iostreams"
	"catalog/internal/synth"
)

// catalogDir is the sample catalog, relative to this package.
const catalogDir = "../../catalog"

// buildDate is the build date of the site under test (SOURCE_DATE_EPOCH
// 1764000000), so that the output is the same at every run.
var buildDate = time.Unix(1764000000, 0).UTC()

// tmpRoot holds the site built for this run; TestMain removes it.
var tmpRoot string

func TestMain(m *testing.M) {
	var err error
	tmpRoot, err = os.MkdirTemp("", "catalog-sitetest-")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(2)
	}
	code := m.Run()
	os.RemoveAll(tmpRoot)
	os.Exit(code)
}

// built is a site built once per run, by the first test that needs it.
type built struct {
	once sync.Once
	dir  string
	err  error
}

// get builds the site with run the first time, and returns its folder.
func (b *built) get(t *testing.T, run func() (string, error)) string {
	t.Helper()
	b.once.Do(func() { b.dir, b.err = run() })
	if b.err != nil {
		t.Fatal(b.err)
	}
	return b.dir
}

var sample, generated built

// site builds the sample catalog once per run and returns the output folder.
func site(t *testing.T) string {
	return sample.get(t, func() (string, error) {
		start := time.Now()
		dir, err := buildInto(catalogDir, filepath.Join(tmpRoot, "public"), nil)
		if err == nil {
			t.Logf("built the sample catalog in %v", time.Since(start).Round(time.Millisecond))
		}
		return dir, err
	})
}

// synthSite builds, once per run, the html of a generated catalog of 200
// practices: more than a page of search results.
func synthSite(t *testing.T) string {
	return generated.get(t, func() (string, error) {
		cat := filepath.Join(tmpRoot, "synth")
		if err := synth.Write(cat, synth.Options{Practices: 200, Seed: 1}); err != nil {
			return "", err
		}
		return buildInto(cat, filepath.Join(tmpRoot, "synth-public"), []string{"html"})
	})
}

// buildInto builds the catalog in dir into out, as of buildDate, and
// returns out.
func buildInto(dir, out string, targets []string) (string, error) {
	io, _, stderr := iostreams.Test("")
	code, err := build.Run(build.Options{IO: io, Dir: dir, Out: out, Date: buildDate, Targets: targets})
	switch {
	case err != nil:
		return "", fmt.Errorf("build: %v\n%s", err, stderr)
	case code != diag.ExitOK:
		return "", fmt.Errorf("build exited %d:\n%s", code, stderr)
	}
	return out, nil
}

// requireTool is the one place of the rule for outside tools: when err says
// that the tool is missing, the test skips, or fails when
// CATALOG_REQUIRE_TOOLS=1 (CI), so that nothing goes silently untested there.
func requireTool(t *testing.T, name, path string, err error) {
	t.Helper()
	if err == nil {
		return
	}
	msg := fmt.Sprintf("%s not found (%v)", name, err)
	if path != "" {
		msg = fmt.Sprintf("%s not found at %s (%v)", name, path, err)
	}
	if os.Getenv("CATALOG_REQUIRE_TOOLS") == "1" {
		t.Fatalf("%s; CATALOG_REQUIRE_TOOLS=1 requires it", msg)
	}
	t.Skipf("%s; skipping (set CATALOG_REQUIRE_TOOLS=1 to fail instead)", msg)
}

// repoRoot is the folder of go.mod.
func repoRoot(t *testing.T) string {
	t.Helper()
	root, err := filepath.Abs("../..")
	if err != nil {
		t.Fatal(err)
	}
	return root
}

// lookPath finds the first of the programs on PATH.
func lookPath(t *testing.T, name string, programs ...string) string {
	t.Helper()
	for _, p := range programs {
		if path, err := exec.LookPath(p); err == nil {
			return path
		}
	}
	requireTool(t, name, "", fmt.Errorf("none of %s is on PATH", strings.Join(programs, ", ")))
	return ""
}

// toolFile finds a file of a tool: at $env when it is set, else at rel
// under the repository root.
func toolFile(t *testing.T, name, env, rel string) string {
	t.Helper()
	path := os.Getenv(env)
	if path == "" {
		path = filepath.Join(repoRoot(t), filepath.FromSlash(rel))
	}
	st, err := os.Stat(path)
	if err == nil && st.IsDir() {
		err = errors.New("is a folder")
	}
	if err != nil {
		err = fmt.Errorf("%w; set %s or npm install into the repository", err, env)
	}
	requireTool(t, name, path, err)
	return path
}

func javaPath(t *testing.T) string { return lookPath(t, "java", "java") }

func vnuJar(t *testing.T) string {
	return toolFile(t, "vnu.jar (npm package vnu-jar)", "CATALOG_VNU_JAR", "node_modules/vnu-jar/build/dist/vnu.jar")
}

func axeJS(t *testing.T) string {
	return toolFile(t, "axe.min.js (npm package axe-core)", "CATALOG_AXE_JS", "node_modules/axe-core/axe.min.js")
}

// practiceTitle reads the title of a practice from its Markdown file, so that
// the tests expect what the catalog says.
func practiceTitle(t *testing.T, id, lang string) string {
	t.Helper()
	file := filepath.Join(catalogDir, "practices", id+"."+lang+".md")
	src, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	doc, ds := frontmatter.Split(src)
	if doc == nil {
		t.Fatalf("%s: %v", file, ds)
	}
	var fm struct {
		Title string `yaml:"title"`
	}
	if err := yaml.Unmarshal(doc.FrontMatter, &fm); err != nil {
		t.Fatalf("%s: %v", file, err)
	}
	if strings.TrimSpace(fm.Title) == "" {
		t.Fatalf("%s has no title", file)
	}
	return strings.TrimSpace(fm.Title)
}

// practiceIDs lists the practices that have a file in lang.
func practiceIDs(t *testing.T, lang string) []string {
	t.Helper()
	files, err := filepath.Glob(filepath.Join(catalogDir, "practices", "*."+lang+".md"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no practices in %s: %v", lang, err)
	}
	ids := make([]string, len(files))
	for i, f := range files {
		ids[i] = strings.TrimSuffix(filepath.Base(f), "."+lang+".md")
	}
	return ids
}
