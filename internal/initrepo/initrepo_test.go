package initrepo

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/rhysd/actionlint"
	"gopkg.in/yaml.v3"

	"catalog/internal/build"
	"catalog/internal/check"
	"catalog/internal/diag"
	"catalog/internal/iostreams"
	"catalog/internal/lang"
)

var now = time.Date(2026, 12, 6, 12, 0, 0, 0, time.UTC)

// initInto runs catalog init into dir and returns the exit code, the error
// and what it said.
func initInto(t *testing.T, dir string, opt Options) (int, error, string) {
	t.Helper()
	io, _, stderr := iostreams.Test("")
	opt.IO, opt.Dir, opt.Now = io, dir, now
	if opt.Languages == nil {
		opt.Languages = []string{"es", "en"}
	}
	if opt.CI == "" {
		opt.CI = "github"
	}
	code, err := Run(opt)
	return code, err, stderr.String()
}

// listFiles is every file under dir, relative, with forward slashes.
func listFiles(t *testing.T, dir string) []string {
	t.Helper()
	var out []string
	err := filepath.WalkDir(dir, func(p string, e os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if !e.IsDir() {
			rel, _ := filepath.Rel(dir, p)
			out = append(out, filepath.ToSlash(rel))
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	slices.Sort(out)
	return out
}

// The generated catalog passes the tool's own validate --strict (no
// diagnostic of any severity) and builds, in every language set, with
// and without the example practice.
func TestNewCatalogValidatesAndBuilds(t *testing.T) {
	for _, tc := range []struct {
		name      string
		langs     []string
		empty     bool
		practices []string
		guides    []string
	}{
		{"es,en", []string{"es", "en"}, false, []string{"ejemplo-de-practica.en.md", "ejemplo-de-practica.es.md"}, []string{"CONTRIBUIR.md", "CONTRIBUTING.md"}},
		{"en,es", []string{"en", "es"}, false, []string{"example-practice.en.md", "example-practice.es.md"}, []string{"CONTRIBUIR.md", "CONTRIBUTING.md"}},
		{"en", []string{"en"}, false, []string{"example-practice.md"}, []string{"CONTRIBUTING.md"}},
		{"es", []string{"es"}, false, []string{"ejemplo-de-practica.md"}, []string{"CONTRIBUIR.md"}},
		{"es,en empty", []string{"es", "en"}, true, []string{".gitkeep"}, []string{"CONTRIBUIR.md", "CONTRIBUTING.md"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := filepath.Join(t.TempDir(), "new")
			code, err, said := initInto(t, dir, Options{Languages: tc.langs, Empty: tc.empty, Title: "Prácticas \"de prueba\""})
			if code != diag.ExitOK || err != nil {
				t.Fatalf("init: %d %v\n%s", code, err, said)
			}
			files := listFiles(t, dir)
			var practices, guides []string
			for _, f := range files {
				if p, ok := strings.CutPrefix(f, "practices/"); ok {
					practices = append(practices, p)
				}
				if strings.HasPrefix(f, "CONTRIBU") {
					guides = append(guides, f)
				}
			}
			if !slices.Equal(practices, tc.practices) || !slices.Equal(guides, tc.guides) {
				t.Errorf("practices %v, guides %v; want %v, %v", practices, guides, tc.practices, tc.guides)
			}
			for _, want := range []string{"catalog.yaml", "media/.gitkeep", ".gitignore", ".editorconfig", ".github/workflows/catalog.yml", ".pre-commit-config.yaml"} {
				if !slices.Contains(files, want) {
					t.Errorf("no %s in %v", want, files)
				}
			}
			for _, l := range tc.langs {
				if !slices.Contains(files, "intro."+l+".md") {
					t.Errorf("no intro.%s.md in %v", l, files)
				}
			}
			cat, ds, err := check.Catalog(dir, check.Options{Now: now})
			if err != nil {
				t.Fatal(err)
			}
			if len(ds) > 0 {
				t.Fatalf("validate --strict finds %d problems, the first: %v", len(ds), ds[0])
			}
			if cat.Config.Title.In(tc.langs[0], "") != `Prácticas "de prueba"` {
				t.Errorf("title %q", cat.Config.Title.In(tc.langs[0], ""))
			}
			if !slices.Equal(cat.Config.Languages, tc.langs) {
				t.Errorf("languages %v, want %v", cat.Config.Languages, tc.langs)
			}
			if len(cat.Config.Themes.Terms) == 0 {
				t.Error("no themes: the default vocabularies should apply")
			}
			if n := len(cat.Practices); (n == 1) == tc.empty {
				t.Errorf("%d practices with --empty=%v", n, tc.empty)
			}
			io, _, stderr := iostreams.Test("")
			out := filepath.Join(dir, "public")
			code, err = build.Run(build.Options{IO: io, Dir: dir, Out: out, Now: now, Targets: []string{"html", "data"}})
			if code != diag.ExitOK || err != nil {
				t.Fatalf("build: %d %v\n%s", code, err, stderr)
			}
			if _, err := os.Stat(filepath.Join(out, "index.html")); err != nil {
				t.Error(err)
			}
		})
	}
}

func TestCatalogYAMLCopiesNoVocabulary(t *testing.T) {
	dir := t.TempDir()
	if code, err, _ := initInto(t, dir, Options{}); code != 0 || err != nil {
		t.Fatal(code, err)
	}
	var doc map[string]any
	src, _ := os.ReadFile(filepath.Join(dir, "catalog.yaml"))
	if err := yaml.Unmarshal(src, &doc); err != nil {
		t.Fatal(err)
	}
	for _, key := range []string{"pillars", "themes", "target_groups", "exploitation_forms", "criteria", "requirements", "regions", "sections"} {
		if _, ok := doc[key]; ok {
			t.Errorf("catalog.yaml sets %s: the defaults should apply", key)
		}
	}
	if want := map[string]any{"es": "Catálogo de Buenas Prácticas", "en": "Catalog of Best Practices"}; !equalMap(doc["title"], want) {
		t.Errorf("title %v", doc["title"])
	}
}

func equalMap(got any, want map[string]any) bool {
	m, ok := got.(map[string]any)
	if !ok || len(m) != len(want) {
		return false
	}
	for k, v := range want {
		if m[k] != v {
			return false
		}
	}
	return true
}

func TestRefusesNonEmptyFolder(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "notes.txt"), []byte("mine"), 0o644)
	code, err, _ := initInto(t, dir, Options{})
	if code != diag.ExitUsage || err == nil || !strings.Contains(err.Error(), "--force") {
		t.Fatalf("code %d, err %v; want a refusal that names --force", code, err)
	}
	if files := listFiles(t, dir); !slices.Equal(files, []string{"notes.txt"}) {
		t.Errorf("wrote %v into a folder it refused", files)
	}
	_, err, _ = initInto(t, dir, Options{Speak: "es"})
	if err == nil || !strings.Contains(err.Error(), "no está vacía") {
		t.Errorf("the refusal in Spanish: %v", err)
	}
	file := filepath.Join(dir, "notes.txt")
	if code, err, _ := initInto(t, file, Options{}); code != diag.ExitUsage || err == nil {
		t.Errorf("init into a file: %d %v", code, err)
	}
}

func TestNeverOverwrites(t *testing.T) {
	dir := t.TempDir()
	mine := map[string]string{
		"catalog.yaml":                  "title: Mine\nlanguages: [en]\n",
		"CONTRIBUTING.md":               "my guide\n",
		".github/workflows/catalog.yml": "my workflow\n",
	}
	for name, text := range mine {
		os.MkdirAll(filepath.Dir(filepath.Join(dir, name)), 0o755)
		os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644)
	}
	// A link that points nowhere is not replaced either.
	if err := os.Symlink("nowhere", filepath.Join(dir, ".gitignore")); err != nil {
		t.Fatal(err)
	}
	code, err, said := initInto(t, dir, Options{Force: true})
	if code != 0 || err != nil {
		t.Fatalf("init --force: %d %v", code, err)
	}
	for name, text := range mine {
		got, _ := os.ReadFile(filepath.Join(dir, name))
		if string(got) != text {
			t.Errorf("%s overwritten: %q", name, got)
		}
		if !strings.Contains(said, "skipped "+filepath.Join(dir, name)+": it exists") {
			t.Errorf("does not say it skipped %s:\n%s", name, said)
		}
	}
	if target, err := os.Readlink(filepath.Join(dir, ".gitignore")); err != nil || target != "nowhere" {
		t.Errorf(".gitignore replaced: %q %v", target, err)
	}
	if !strings.Contains(said, "4 files were already there") {
		t.Errorf("no count of the skipped files:\n%s", said)
	}
	for _, name := range []string{"CONTRIBUIR.md", "practices/ejemplo-de-practica.es.md", "intro.es.md"} {
		if _, err := os.Stat(filepath.Join(dir, name)); err != nil {
			t.Errorf("--force did not add the missing %s: %v", name, err)
		}
		if !strings.Contains(said, "created "+filepath.Join(dir, name)) {
			t.Errorf("does not say it created %s", name)
		}
	}
	if leftover, _ := filepath.Glob(filepath.Join(dir, "*", ".catalog-init-*")); len(leftover) > 0 {
		t.Errorf("temporary files left: %v", leftover)
	}
	// Run again: everything is skipped, nothing changes.
	before := listFiles(t, dir)
	if _, err, said := initInto(t, dir, Options{Force: true}); err != nil || strings.Contains(said, "created") {
		t.Errorf("a second run: %v\n%s", err, said)
	}
	if after := listFiles(t, dir); !slices.Equal(before, after) {
		t.Errorf("files changed: %v → %v", before, after)
	}
}

func TestOptionsRefused(t *testing.T) {
	for _, tc := range []struct {
		opt  Options
		want string
	}{
		{Options{CI: "jenkins"}, "--ci jenkins"},
		{Options{Languages: []string{"pt"}}, "not pt"},
		{Options{Languages: []string{"es", "ES"}}, "twice"},
		{Options{Languages: []string{" "}}, "at least one"},
	} {
		dir := filepath.Join(t.TempDir(), "x")
		code, err, _ := initInto(t, dir, tc.opt)
		if code != diag.ExitUsage || err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%+v: %d %v, want %q", tc.opt, code, err, tc.want)
		}
		if _, err := os.Stat(dir); err == nil {
			t.Errorf("%+v: made the folder", tc.opt)
		}
	}
}

func TestSaysItInSpanish(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "x")
	_, err, said := initInto(t, dir, Options{Speak: "es"})
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"creado " + filepath.Join(dir, "catalog.yaml"), "Un catálogo nuevo en", "Antes de hacer push"} {
		if !strings.Contains(said, want) {
			t.Errorf("no %q in:\n%s", want, said)
		}
	}
}

// generate renders the files of a new repository.
func generate(t *testing.T, opt Options) map[string][]byte {
	t.Helper()
	opt.Now = now
	if err := Check(&opt, langPrinter()); err != nil {
		t.Fatal(err)
	}
	fs, err := Files(opt)
	if err != nil {
		t.Fatal(err)
	}
	out := map[string][]byte{}
	for _, f := range fs {
		out[f.Path] = f.Data
	}
	return out
}

// The GitHub workflow passes actionlint (its shellcheck pass too, when
// shellcheck is installed), in every language its comments take.
func TestWorkflowPassesActionlint(t *testing.T) {
	shellcheck, _ := exec.LookPath("shellcheck")
	for _, langs := range [][]string{{"es", "en"}, {"en"}, {"es"}} {
		files := generate(t, Options{Languages: langs, CI: "github"})
		src, ok := files[".github/workflows/catalog.yml"]
		if !ok {
			t.Fatal("no workflow")
		}
		var out bytes.Buffer
		l, err := actionlint.NewLinter(&out, &actionlint.LinterOptions{Shellcheck: shellcheck, Color: actionlint.ColorOptionKindNever})
		if err != nil {
			t.Fatal(err)
		}
		errs, err := l.Lint(".github/workflows/catalog.yml", src, nil)
		if err != nil {
			t.Fatal(err)
		}
		for _, e := range errs {
			t.Errorf("%v: actionlint: %s", langs, e.Error())
		}
		wf, perrs := actionlint.Parse(src)
		if len(perrs) > 0 {
			t.Fatalf("parse: %v", perrs)
		}
		if wf.Permissions == nil || wf.Concurrency == nil {
			t.Error("no top-level permissions or concurrency")
		}
		for _, id := range []string{"check", "build", "deploy"} {
			j := wf.Jobs[id]
			if j == nil {
				t.Fatalf("no job %s", id)
			}
			if j.Permissions == nil {
				t.Errorf("job %s has no permissions of its own", id)
			}
		}
		if p := wf.Jobs["deploy"].Permissions.Scopes; p["pages"] == nil || p["id-token"] == nil || p["contents"] != nil {
			t.Errorf("deploy's permissions %v: want pages and id-token only", p)
		}
		text := string(src)
		for _, want := range []string{
			"catalog validate --strict --format github", "actions/upload-artifact@v4",
			"actions/configure-pages@v5", "actions/upload-pages-artifact@v3", "actions/deploy-pages@v4",
			"CATALOG_VERSION: v0.1.0", "CATALOG_URL: ${{", "CATALOG_SHA256: ${{", "sha256sum --check",
			"# - uses: actions/setup-go@v5", "cache-dependency-path",
		} {
			if !strings.Contains(text, want) {
				t.Errorf("%v: the workflow has no %q", langs, want)
			}
		}
		for _, line := range strings.Split(text, "\n") {
			if i := strings.Index(line, "uses: "); i >= 0 && !strings.Contains(line[i:], "@v") {
				t.Errorf("action not pinned to a version: %s", line)
			}
		}
		// Comments in the catalog's languages only.
		es, en := strings.Contains(text, "# Revisa el catálogo"), strings.Contains(text, "# Checks the catalog")
		if es != slices.Contains(langs, "es") || en != slices.Contains(langs, "en") {
			t.Errorf("%v: comments in Spanish %v, in English %v", langs, es, en)
		}
	}
}

// actionlint is not a rubber stamp: it finds a broken workflow.
func TestActionlintFindsABrokenWorkflow(t *testing.T) {
	src := generate(t, Options{Languages: []string{"en"}, CI: "github"})[".github/workflows/catalog.yml"]
	broken := bytes.Replace(src, []byte("github.event_name == 'pull_request'\n"), []byte("github.event_nam == 'pull_request'\n"), 1)
	l, _ := actionlint.NewLinter(&bytes.Buffer{}, &actionlint.LinterOptions{})
	errs, err := l.Lint("catalog.yml", broken, nil)
	if err != nil || len(errs) == 0 {
		t.Errorf("actionlint found nothing in a broken workflow (%v)", err)
	}
}

func TestGitLabFile(t *testing.T) {
	files := generate(t, Options{Languages: []string{"es", "en"}, CI: "gitlab"})
	if _, ok := files[".github/workflows/catalog.yml"]; ok {
		t.Error("--ci gitlab wrote a GitHub workflow")
	}
	src := files[".gitlab-ci.yml"]
	var doc struct {
		Stages    []string          `yaml:"stages"`
		Variables map[string]string `yaml:"variables"`
		Validate  gitlabJob         `yaml:"validate"`
		Build     gitlabJob         `yaml:"build"`
		Pages     gitlabJob         `yaml:"pages"`
	}
	if err := yaml.Unmarshal(src, &doc); err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(doc.Stages, []string{"validate", "build", "deploy"}) {
		t.Errorf("stages %v", doc.Stages)
	}
	for name, j := range map[string]struct {
		job   gitlabJob
		stage string
		runs  string
	}{"validate": {doc.Validate, "validate", "catalog validate --strict"}, "build": {doc.Build, "build", "catalog build"}, "pages": {doc.Pages, "deploy", "catalog build"}} {
		if j.job.Stage != j.stage || !slices.ContainsFunc(j.job.Script, func(s string) bool { return strings.Contains(s, j.runs) }) {
			t.Errorf("job %s: stage %q, script %v", name, j.job.Stage, j.job.Script)
		}
	}
	if !slices.Equal(doc.Pages.Artifacts.Paths, []string{"public/"}) || !slices.Equal(doc.Build.Artifacts.Paths, []string{"public/"}) {
		t.Errorf("pages and build must keep public/: %v %v", doc.Pages.Artifacts, doc.Build.Artifacts)
	}
	if doc.Variables["CATALOG_VERSION"] != Version || doc.Variables["CATALOG_URL"] == "" || doc.Variables["CATALOG_SHA256"] == "" {
		t.Errorf("variables %v", doc.Variables)
	}
	if !bytes.Contains(src, []byte("sha256sum --check")) {
		t.Error("the archive's checksum is not checked")
	}

	none := generate(t, Options{Languages: []string{"es"}, CI: "none"})
	for name := range none {
		if strings.Contains(name, "gitlab") || strings.HasPrefix(name, ".github") {
			t.Errorf("--ci none wrote %s", name)
		}
	}
}

type gitlabJob struct {
	Stage     string   `yaml:"stage"`
	Script    []string `yaml:"script"`
	Artifacts struct {
		Paths []string `yaml:"paths"`
	} `yaml:"artifacts"`
}

// The pre-commit configuration uses this repository's hook, at the
// release the workflow installs.
func TestPreCommitConfig(t *testing.T) {
	src := generate(t, Options{Languages: []string{"en"}, CI: "none"})[".pre-commit-config.yaml"]
	var doc struct {
		Repos []struct {
			Repo  string `yaml:"repo"`
			Rev   string `yaml:"rev"`
			Hooks []struct {
				ID string `yaml:"id"`
			} `yaml:"hooks"`
		} `yaml:"repos"`
	}
	if err := yaml.Unmarshal(src, &doc); err != nil {
		t.Fatal(err)
	}
	hooks, err := os.ReadFile("../../.pre-commit-hooks.yaml")
	if err != nil {
		t.Fatal(err)
	}
	var ours []struct {
		ID string `yaml:"id"`
	}
	if err := yaml.Unmarshal(hooks, &ours); err != nil || len(ours) == 0 {
		t.Fatal(err)
	}
	if len(doc.Repos) != 1 || doc.Repos[0].Rev != Version || len(doc.Repos[0].Hooks) != 1 || doc.Repos[0].Hooks[0].ID != ours[0].ID {
		t.Errorf("pre-commit config %+v; want the hook %s at %s", doc, ours[0].ID, Version)
	}
	if !bytes.Contains(src, []byte("placeholder")) {
		t.Error("the placeholder repo address is not said to be one")
	}
}

func langPrinter() lang.Printer { return lang.For("en") }

// Each guide is in its language, names the catalog by its title as
// written, and speaks of the review the catalog's CI runs.
func TestGuides(t *testing.T) {
	files := generate(t, Options{Languages: []string{"es", "en"}, CI: "github", Title: `Prácticas "de prueba"`})
	en, es := string(files["CONTRIBUTING.md"]), string(files["CONTRIBUIR.md"])
	for _, want := range []string{`# How to add a practice to Prácticas "de prueba"`, "catalog new cr-short-name", "practices/cr-short-name.es.md", "catalog new cr-short-name --translate", "catalog validate", "pull request", "CONTRIBUIR.md", "example practice"} {
		if !strings.Contains(en, want) {
			t.Errorf("CONTRIBUTING.md has no %q", want)
		}
	}
	for _, want := range []string{`# Cómo añadir una práctica a Prácticas "de prueba"`, "catalog new cr-nombre-corto", "se escribe primero en español", "catalog validate", "pull request", "CONTRIBUTING.md", "práctica de ejemplo"} {
		if !strings.Contains(es, want) {
			t.Errorf("CONTRIBUIR.md has no %q", want)
		}
	}
	files = generate(t, Options{Languages: []string{"en"}, CI: "gitlab", Empty: true})
	en = string(files["CONTRIBUTING.md"])
	if !strings.Contains(en, "merge request") || strings.Contains(en, "pull request") || strings.Contains(en, "CONTRIBUIR") ||
		strings.Contains(en, "example practice") || strings.Contains(en, "--translate") || !strings.Contains(en, "practices/cr-short-name.md") {
		t.Errorf("an English-only, GitLab, empty catalog's guide:\n%s", en)
	}
	for name, text := range files {
		if strings.Contains(string(text), "<no value>") {
			t.Errorf("%s: a template field with no value", name)
		}
	}
}
