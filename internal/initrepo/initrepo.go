// Package initrepo writes a new catalog repository (catalog init): a
// catalog.yaml, an introduction per language, an example practice, the
// contributors' guides, a CI workflow that validates pull requests and
// publishes the site, and a pre-commit configuration. It never overwrites
// a file: what is there already is left as it is, and said.
package initrepo

import (
	"bytes"
	"embed"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"text/template"
	"time"
	"unicode/utf8"

	"github.com/nicksnyder/go-i18n/v2/i18n"

	"catalog/internal/diag"
	"catalog/internal/iostreams"
	"catalog/internal/lang"
)

// The files that catalog init writes, as templates.
//
//go:embed files
var files embed.FS

// Languages are those catalog init writes a catalog in: its guides, its
// introduction and its example practice exist in these.
var Languages = []string{"es", "en"}

// CIs are the values of --ci.
var CIs = []string{"github", "gitlab", "none"}

// Version is the release of catalog that the generated CI installs and
// the pre-commit hook's rev names.
const Version = "v0.1.0"

// Options are catalog init's flags.
type Options struct {
	IO        *iostreams.IO
	Dir       string
	Title     string   // the catalog's title in every language; empty: a default per language
	Languages []string // the first is the default language
	CI        string   // github, gitlab or none
	Empty     bool     // no example practice
	Force     bool     // write into a folder that is not empty
	Speak     string   // the language of what init says
	Now       time.Time
}

// File is one file of the new repository, its path relative to Dir with
// forward slashes.
type File struct {
	Path string
	Data []byte
}

var (
	msgCreated    = &i18n.Message{ID: "init.created", Other: "created {{.Path}}"}
	msgSkipped    = &i18n.Message{ID: "init.skipped", Other: "skipped {{.Path}}: it exists, and catalog init never overwrites a file"}
	msgNotEmpty   = &i18n.Message{ID: "init.not_empty", Other: "{{.Dir}} is not empty: catalog init starts a catalog in a new or empty folder. Give another folder, or --force to add only the files that are missing (none is ever overwritten)"}
	msgNotFolder  = &i18n.Message{ID: "init.not_folder", Other: "{{.Dir}} is not a folder"}
	msgDone       = &i18n.Message{ID: "init.done", Other: "A new catalog in {{.Dir}}. Check it and build it with: {{.Commands}}"}
	msgDoneSkip   = &i18n.Message{ID: "init.done_skipped", One: "{{.Count}} file was already there and was left as it was.", Other: "{{.Count}} files were already there and were left as they were."}
	msgNextCI     = &i18n.Message{ID: "init.next_ci", Other: "Before you push: set CATALOG_URL and CATALOG_SHA256 in {{.File}} (the catalog release to install), and the tool's repository address in .pre-commit-config.yaml."}
	msgBadCI      = &i18n.Message{ID: "init.bad_ci", Other: "--ci {{.Value}}: use github, gitlab or none"}
	msgBadLang    = &i18n.Message{ID: "init.bad_language", Other: "--languages: catalog init writes catalogs in {{.Supported}}, not {{.Value}} (add other languages to catalog.yaml afterwards)"}
	msgTwice      = &i18n.Message{ID: "init.language_twice", Other: "--languages: {{.Value}} is given twice"}
	msgNoLanguage = &i18n.Message{ID: "init.no_language", Other: "--languages: give at least one language, es or en; the first is the default"}
)

// OptionError is a flag with a value catalog init does not take.
type OptionError struct{ msg string }

func (e *OptionError) Error() string { return e.msg }

// Check canonicalises the languages and checks the flags, saying what is
// wrong in the language p speaks.
func Check(opt *Options, p lang.Printer) error {
	if !slices.Contains(CIs, opt.CI) {
		return &OptionError{p.T(msgBadCI, map[string]string{"Value": diag.Escape(opt.CI)})}
	}
	var ls []string
	for _, l := range opt.Languages {
		l = strings.ToLower(strings.TrimSpace(l))
		switch {
		case l == "":
			continue
		case !slices.Contains(Languages, l):
			return &OptionError{p.T(msgBadLang, map[string]string{"Value": diag.Escape(l), "Supported": strings.Join(Languages, ", ")})}
		case slices.Contains(ls, l):
			return &OptionError{p.T(msgTwice, map[string]string{"Value": l})}
		}
		ls = append(ls, l)
	}
	if len(ls) == 0 {
		return &OptionError{p.T(msgNoLanguage, nil)}
	}
	opt.Languages = ls
	return nil
}

// Run writes the new repository into opt.Dir and reports each file,
// written or skipped, on stderr. It returns the exit code.
func Run(opt Options) (int, error) {
	p := lang.For(opt.Speak)
	if err := Check(&opt, p); err != nil {
		return diag.ExitUsage, err
	}
	out, err := Files(opt)
	if err != nil {
		return diag.ExitUsage, err
	}
	dir := opt.Dir
	if dir == "" {
		dir = "."
	}
	shown := diag.Escape(filepath.Clean(dir) + string(filepath.Separator))
	switch st, err := os.Stat(dir); {
	case errors.Is(err, fs.ErrNotExist):
		if err := os.MkdirAll(dir, 0o755); err != nil {
			return diag.ExitUsage, err
		}
	case err != nil:
		return diag.ExitUsage, err
	case !st.IsDir():
		return diag.ExitUsage, errors.New(p.T(msgNotFolder, map[string]string{"Dir": shown}))
	default:
		entries, err := os.ReadDir(dir)
		if err != nil {
			return diag.ExitUsage, err
		}
		if len(entries) > 0 && !opt.Force {
			return diag.ExitUsage, errors.New(p.T(msgNotEmpty, map[string]string{"Dir": shown}))
		}
	}
	skipped := 0
	for _, f := range out {
		target := filepath.Join(dir, filepath.FromSlash(f.Path))
		wrote, err := writeNew(target, f.Data)
		if err != nil {
			return diag.ExitUsage, err
		}
		name := diag.Escape(filepath.Join(filepath.Clean(dir), filepath.FromSlash(f.Path)))
		if wrote {
			fmt.Fprintln(opt.IO.ErrOut, p.T(msgCreated, map[string]string{"Path": name}))
		} else {
			skipped++
			fmt.Fprintln(opt.IO.ErrOut, p.T(msgSkipped, map[string]string{"Path": name}))
		}
	}
	cmds := "catalog validate --strict && catalog build"
	if filepath.Clean(dir) != "." {
		cmds = "cd " + shellQuote(filepath.Clean(dir)) + " && " + cmds
	}
	fmt.Fprintln(opt.IO.ErrOut, p.T(msgDone, map[string]string{"Dir": shown, "Commands": diag.Escape(cmds)}))
	if skipped > 0 {
		fmt.Fprintln(opt.IO.ErrOut, p.N(msgDoneSkip, skipped, nil))
	}
	if ci := ciFile(opt.CI); ci != "" {
		fmt.Fprintln(opt.IO.ErrOut, p.T(msgNextCI, map[string]string{"File": ci}))
	}
	return diag.ExitOK, nil
}

func ciFile(ci string) string {
	switch ci {
	case "github":
		return ".github/workflows/catalog.yml"
	case "gitlab":
		return ".gitlab-ci.yml"
	}
	return ""
}

// shellQuote quotes a folder for a command the user copies.
func shellQuote(s string) string {
	if s != "" && strings.IndexFunc(s, func(r rune) bool {
		return !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || strings.ContainsRune("-_./", r))
	}) < 0 {
		return s
	}
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}

// writeNew writes data to name unless something is there already, in
// which case it reports false. The file appears whole or not at all: it is
// written beside, then linked into place, which fails rather than replace
// what another process put there meanwhile.
func writeNew(name string, data []byte) (bool, error) {
	if _, err := os.Lstat(name); err == nil {
		return false, nil
	} else if !errors.Is(err, fs.ErrNotExist) {
		return false, err
	}
	if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
		return false, err
	}
	tmp, err := os.CreateTemp(filepath.Dir(name), ".catalog-init-*")
	if err != nil {
		return false, err
	}
	defer os.Remove(tmp.Name())
	if _, err := tmp.Write(data); err != nil {
		tmp.Close()
		return false, err
	}
	if err := tmp.Chmod(0o644); err != nil {
		tmp.Close()
		return false, err
	}
	if err := tmp.Close(); err != nil {
		return false, err
	}
	err = os.Link(tmp.Name(), name)
	switch {
	case err == nil:
		return true, nil
	case errors.Is(err, fs.ErrExist):
		return false, nil
	}
	// A file system without hard links: create it only if it is not there.
	f, err := os.OpenFile(name, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if errors.Is(err, fs.ErrExist) {
		return false, nil
	}
	if err != nil {
		return false, err
	}
	if _, err := f.Write(data); err != nil {
		f.Close()
		os.Remove(name)
		return false, err
	}
	if err := f.Close(); err != nil {
		os.Remove(name)
		return false, err
	}
	return true, nil
}

// data is what the templates see.
type data struct {
	Languages  []string
	Titles     map[string]string // per language, as written
	YAMLTitles map[string]string // the same, as YAML values
	GitLab     bool              // the CI is GitLab's: merge requests
	Today      string
	Source     string            // the default language
	Suffix     string            // of a practice file in it: ".es", or "" in a one-language catalog
	SourceName map[string]string // the default language's name, in English and Spanish
	Translated bool              // more than one language
	Both       bool              // both guides are written
	Example    bool
}

var (
	defaultTitle = map[string]string{"es": "Catálogo de Buenas Prácticas", "en": "Catalog of Best Practices"}
	langNames    = map[string]map[string]string{"es": {"en": "Spanish", "es": "español"}, "en": {"en": "English", "es": "inglés"}}
	exampleID    = map[string]string{"es": "ejemplo-de-practica", "en": "example-practice"}
)

// Files renders the files of the new repository, in the order they are
// written. opt must have passed Check.
func Files(opt Options) ([]File, error) {
	if opt.Now.IsZero() {
		opt.Now = time.Now()
	}
	src := opt.Languages[0]
	d := data{
		Languages:  opt.Languages,
		Titles:     map[string]string{},
		YAMLTitles: map[string]string{},
		GitLab:     opt.CI == "gitlab",
		Today:      opt.Now.Format("2006-01-02"),
		Source:     src,
		SourceName: langNames[src],
		Translated: len(opt.Languages) > 1,
		Both:       slices.Contains(opt.Languages, "es") && slices.Contains(opt.Languages, "en"),
		Example:    !opt.Empty,
	}
	if d.Translated {
		d.Suffix = "." + src
	}
	title := strings.TrimSpace(opt.Title)
	for _, l := range opt.Languages {
		d.Titles[l] = defaultTitle[l]
		if title != "" {
			d.Titles[l] = strings.Join(strings.Fields(title), " ")
		}
		d.YAMLTitles[l] = yamlString(d.Titles[l])
	}
	funcs := template.FuncMap{
		"join": strings.Join,
		"say": func(indent int, en, es string) string {
			return say(opt.Languages, indent, map[string]string{"en": en, "es": es})
		},
		"say0": func(en, es string) string {
			var out []string
			for _, l := range opt.Languages {
				out = append(out, map[string]string{"en": en, "es": es}[l])
			}
			return strings.Join(out, " / ")
		},
	}
	var out []File
	add := func(name, tmpl string) error {
		text, err := files.ReadFile(path.Join("files", tmpl))
		if err != nil {
			return err
		}
		t, err := template.New(tmpl).Funcs(funcs).Option("missingkey=error").Parse(string(text))
		if err != nil {
			return err
		}
		var b bytes.Buffer
		if err := t.Execute(&b, d); err != nil {
			return err
		}
		out = append(out, File{Path: name, Data: b.Bytes()})
		return nil
	}
	steps := []struct{ name, tmpl string }{{"catalog.yaml", "catalog.yaml.tmpl"}}
	for _, l := range opt.Languages {
		steps = append(steps, struct{ name, tmpl string }{"intro." + l + ".md", "intro." + l + ".md"})
	}
	if opt.Empty {
		steps = append(steps, struct{ name, tmpl string }{"practices/.gitkeep", "gitkeep"})
	} else {
		id := exampleID[src]
		steps = append(steps, struct{ name, tmpl string }{"practices/" + id + d.Suffix + ".md", "practices/source." + src + ".md"})
		for _, l := range opt.Languages[1:] {
			steps = append(steps, struct{ name, tmpl string }{"practices/" + id + "." + l + ".md", "practices/translation." + l + ".md"})
		}
	}
	steps = append(steps,
		struct{ name, tmpl string }{"media/.gitkeep", "gitkeep"},
		struct{ name, tmpl string }{".gitignore", "gitignore"},
		struct{ name, tmpl string }{".editorconfig", "editorconfig"})
	if slices.Contains(opt.Languages, "en") {
		steps = append(steps, struct{ name, tmpl string }{"CONTRIBUTING.md", "guides/CONTRIBUTING.md"})
	}
	if slices.Contains(opt.Languages, "es") {
		steps = append(steps, struct{ name, tmpl string }{"CONTRIBUIR.md", "guides/CONTRIBUIR.md"})
	}
	switch opt.CI {
	case "github":
		steps = append(steps, struct{ name, tmpl string }{".github/workflows/catalog.yml", "github/catalog.yml"})
	case "gitlab":
		steps = append(steps, struct{ name, tmpl string }{".gitlab-ci.yml", "gitlab/gitlab-ci.yml"})
	}
	steps = append(steps, struct{ name, tmpl string }{".pre-commit-config.yaml", "pre-commit-config.yaml"})
	for _, s := range steps {
		if err := add(s.name, s.tmpl); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// say is a comment in each of the catalog's languages, wrapped, its
// lines after the first indented by indent spaces.
func say(langs []string, indent int, text map[string]string) string {
	width := 78 - indent
	var lines []string
	for _, l := range langs {
		line := "#"
		for _, w := range strings.Fields(text[l]) {
			if utf8.RuneCountInString(line)+1+utf8.RuneCountInString(w) > width && line != "#" {
				lines = append(lines, line)
				line = "#"
			}
			line += " " + w
		}
		lines = append(lines, line)
	}
	return strings.Join(lines, "\n"+strings.Repeat(" ", indent))
}

// yamlString quotes a title for a YAML value.
func yamlString(s string) string {
	b, _ := json.Marshal(s) // a JSON string is a YAML one
	return string(b)
}
