package site

import (
	"bytes"
	"errors"
	"io/fs"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"catalog/internal/load"
	"catalog/internal/output"
	"catalog/templates"
)

// own is the embedded templates with some files replaced, as a catalog's
// own templates/ folder replaces them.
type own struct {
	files fstest.MapFS
}

func (o own) Open(name string) (fs.File, error) {
	if _, ok := o.files[name]; ok {
		return o.files.Open(name)
	}
	return templates.FS.Open(name)
}

func ownTemplates(files map[string]string) fs.FS {
	m := fstest.MapFS{}
	for name, text := range files {
		m[name] = &fstest.MapFile{Data: []byte(text)}
	}
	return own{m}
}

// testLimits are small, so that a test of a runaway template is quick.
var testLimits = Limits{Time: 200 * time.Millisecond, Size: 1 << 20}

func renderOwn(t *testing.T, files map[string]string, limits Limits) (*output.Memory, error) {
	t.Helper()
	cat, _, err := load.Catalog("testdata/catalog")
	if err != nil {
		t.Fatal(err)
	}
	out := &output.Memory{}
	err = Render(cat, Options{Date: date, Templates: ownTemplates(files), Limits: limits}, out)
	return out, err
}

// TestTemplateLimits: a catalog's template that never ends, writes
// without end or shows itself is stopped with an error that names its
// file (and line, when known) and the page.
func TestTemplateLimits(t *testing.T) {
	nested := "{{range 1000}}{{range 1000}}{{range 1000}}{{range 1000}}{{end}}{{end}}{{end}}{{end}}"
	writing := strings.ReplaceAll(nested, "{{end}}", strings.Repeat("x", 1000)+"{{end}}")
	for _, tc := range []struct {
		name  string
		files map[string]string
		want  []string // in the message
	}{
		{
			"count literal",
			map[string]string{"html/practice.html": "{{define \"main\"}}\n{{range 2000000000000}}{{end}}{{end}}"},
			[]string{"templates/html/practice.html:2: ", "{{range 2000000000000}}", "1000 at most"},
		},
		{
			"loop that writes nothing",
			map[string]string{"html/practice.html": "{{define \"main\"}}\n\n" + nested + "{{end}}"},
			[]string{"templates/html/practice.html:3: page ", "/practices/", "longer than 200ms"},
		},
		{
			"loop in a variable's count",
			map[string]string{"html/home.html": "{{define \"main\"}}{{$n := 2000000000000}}\n{{range $n}}{{end}}{{end}}"},
			[]string{"templates/html/home.html:2: page ", "/index.html", "longer than 200ms"},
		},
		{
			"loop that writes",
			map[string]string{"html/practice.html": "{{define \"main\"}}" + writing + "{{end}}"},
			[]string{"templates/html/practice.html: page ", "/practices/", "past 1 MiB"},
		},
		{
			"partial that writes",
			map[string]string{"html/partials.html": strings.Replace(builtinFile(t, "html/partials.html"), `{{define "card" -}}`, `{{define "card" -}}`+writing, 1)},
			[]string{"templates/html/partials.html: page ", `"card" grew past 1 MiB`},
		},
		{
			"partial that never ends",
			map[string]string{"html/partials.html": strings.Replace(builtinFile(t, "html/partials.html"), `{{define "card" -}}`, `{{define "card" -}}`+nested, 1)},
			[]string{"templates/html/partials.html:2: page ", "longer than 200ms"},
		},
		{
			"recursion without a loop",
			map[string]string{"html/practice.html": `{{define "main"}}{{template "a" 40}}{{end}}` +
				`{{define "a"}}{{template "b" .}}{{template "b" .}}{{end}}{{define "b"}}{{template "c" .}}{{template "c" .}}{{end}}` +
				`{{define "c"}}{{template "d" .}}{{template "d" .}}{{end}}{{define "d"}}{{template "e" .}}{{template "e" .}}{{end}}` +
				`{{define "e"}}{{template "f" .}}{{template "f" .}}{{end}}{{define "f"}}{{template "a" .}}{{end}}`},
			// Stopped by text/template's bound on depth.
			[]string{"templates/html/practice.html: page ", "templates call one another without end"},
		},
		{
			"value that doubles",
			map[string]string{"html/practice.html": `{{define "main"}}{{$x := "ab"}}{{range 60}}{{$x = print $x $x}}{{end}}{{len $x}}{{end}}`},
			[]string{"templates/html/practice.html: page ", "/practices/", "a value grew past 1 MiB"},
		},
		{
			"value that an escaper makes longer and longer",
			map[string]string{"html/practice.html": `{{define "main"}}{{$x := "<&>"}}{{range 60}}{{$x = html $x $x}}{{end}}{{len $x}}{{end}}`},
			[]string{"templates/html/practice.html: page ", "a value grew past 1 MiB"},
		},
		{
			"partial that shows itself",
			map[string]string{"html/partials.html": strings.Replace(builtinFile(t, "html/partials.html"), `{{define "card" -}}`, `{{define "card" -}}{{.P.CardHTML .X}}`, 1)},
			[]string{"templates/html/partials.html: page ", `more than 16 deep`, `"card"`},
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			limits := testLimits
			if !strings.Contains(strings.Join(tc.want, " "), "longer than") {
				// A case of size: its loop reaches the size in
				// milliseconds, and a loaded machine must not make
				// its time run out first.
				limits.Time = time.Minute
			}
			_, err := renderOwn(t, tc.files, limits)
			var te *TemplateError
			if !errors.As(err, &te) {
				t.Fatalf("got %v, want a TemplateError", err)
			}
			for _, w := range tc.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("%q does not say %q", err, w)
				}
			}
		})
	}
}

func builtinFile(t *testing.T, name string) string {
	t.Helper()
	b, err := fs.ReadFile(templates.FS, name)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// TestGuardedSame: the calls that guard puts into a catalog's own
// templates print nothing, in any context (text, attributes, script):
// the built-in templates, given as a catalog's own, make the same site.
func TestGuardedSame(t *testing.T) {
	want, err := renderOwn(t, nil, Limits{Time: time.Minute})
	if err != nil {
		t.Fatal(err)
	}
	files := map[string]string{}
	entries, _ := fs.ReadDir(templates.FS, "html")
	for _, e := range entries {
		name := "html/" + e.Name()
		files[name] = builtinFile(t, name) + "{{/* the catalog's own */}}"
	}
	got, err := renderOwn(t, files, Limits{Time: time.Minute})
	if err != nil {
		t.Fatal(err)
	}
	if g, w := got.Names(), want.Names(); strings.Join(g, "\n") != strings.Join(w, "\n") {
		t.Fatalf("files differ: %d, want %d", len(g), len(w))
	}
	for _, name := range want.Names() {
		a, _ := want.File(name)
		b, _ := got.File(name)
		if !bytes.Equal(a, b) {
			t.Errorf("%s differs: %s", name, firstDiff(a, b))
		}
	}
}
