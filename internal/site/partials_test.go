package site

import (
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/net/html"

	"catalog/templates"
)

// TestChangedPartialsPerPage gives the test catalog its own partials.html
// whose card, list item, country link and menu show the path of the page
// they are on, which the built-in ones must not (their key does not hold
// it). Every page must show its own path in each of them: a changed
// partial is made for each page, not reused from the first.
func TestChangedPartialsPerPage(t *testing.T) {
	builtin, err := fs.ReadFile(templates.FS, "html/partials.html")
	if err != nil {
		t.Fatal(err)
	}
	src := string(builtin)
	for _, c := range []struct{ define, old, new string }{
		{"card", `<p class="summary"`, `<p class="from-card">{{.P.Path}}</p><p class="summary"`},
		{"practice-item", `<span class="meta">(`, `<span class="from-practice-item">{{.P.Path}}</span><span class="meta">(`},
		{"country-link", `<a href=`, `<span class="from-country-link">{{.P.Path}}</span><a href=`},
		{"menu", `<ul class="menu">`, `<p class="from-menu">{{.Path}}</p><ul class="menu">`},
	} {
		start := strings.Index(src, `{{define "`+c.define+`"`)
		i := strings.Index(src[start:], c.old)
		if start < 0 || i < 0 {
			t.Fatalf("partials.html: no %q in %q: the test needs updating", c.old, c.define)
		}
		src = src[:start+i] + c.new + src[start+i+len(c.old):]
	}
	dir := filepath.Join(t.TempDir(), "catalog")
	if err := os.CopyFS(dir, os.DirFS("testdata/catalog")); err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(filepath.Join(dir, "templates", "html"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "templates", "html", "partials.html"), []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	out, _ := render(t, dir, 2)
	on := map[string]map[string]bool{} // partial → pages it shows on
	for name, doc := range pages(t, out) {
		walk(doc, func(n *html.Node) {
			class, _ := attr(n, "class")
			partial, ok := strings.CutPrefix(class, "from-")
			if !ok {
				return
			}
			if on[partial] == nil {
				on[partial] = map[string]bool{}
			}
			on[partial][name] = true
			got := ""
			if n.FirstChild != nil {
				got = n.FirstChild.Data
			}
			if got != name {
				t.Errorf("%s shows a %s made for %s", name, partial, got)
			}
		})
	}
	for _, partial := range []string{"card", "practice-item", "country-link", "menu"} {
		if len(on[partial]) < 3 {
			t.Errorf("%s shows on %d pages: the test checks too little", partial, len(on[partial]))
		}
	}
}

// TestBuiltinPartialsReused holds the built-in templates to being reused,
// as are those of a catalog that changes other templates only.
func TestBuiltinPartialsReused(t *testing.T) {
	src := map[string]string{}
	for _, name := range []string{"html/base.html", "html/partials.html", "html/home.html"} {
		b, err := fs.ReadFile(templates.FS, name)
		if err != nil {
			t.Fatal(err)
		}
		src[name] = string(b)
	}
	// The home page's partials: src has the files of its templates.
	home := func(src map[string]string) (map[string]bool, error) {
		changed, err := changedPartials(src)
		return changed["home"], err
	}
	changed, err := home(src)
	if err != nil || len(changed) > 0 {
		t.Fatalf("built-in templates: %v changed, %v", changed, err)
	}
	// A changed template that is not reused, and white space outside the
	// definitions.
	src["html/partials.html"] = strings.Replace(src["html/partials.html"], `<caption class="visually-hidden">`, `<caption>`, 1) + "\n\n"
	src["html/home.html"] += "\n"
	changed, err = home(src)
	if err != nil || len(changed) > 0 {
		t.Fatalf("changed visits: %v changed, %v", changed, err)
	}
	src["html/partials.html"] = strings.Replace(src["html/partials.html"], `{{.P.Country .Code}}</a>`, `{{.P.Country .Code}} ({{.Code}})</a>`, 1)
	changed, err = home(src)
	if err != nil || len(changed) != 1 || !changed["country-link"] {
		t.Fatalf("changed country-link: %v changed, %v", changed, err)
	}
}

// TestKindOwnPartial: a page kind's own file may define a reused partial
// for its pages only: theme.html's card shows on the theme pages, the
// built-in one on the home and country pages, with a cache or without.
// Partials were all made with the home page's templates, and theme.html's
// card was ignored.
func TestKindOwnPartial(t *testing.T) {
	r := newCacheRun(t, "testdata/catalog")
	theme, err := fs.ReadFile(templates.FS, "html/theme.html")
	if err != nil {
		t.Fatal(err)
	}
	r.write(t, "templates/html/theme.html", string(theme)+"\n"+`{{define "card"}}<li class="theme-card">{{.T.Title}}</li>{{end}}`+"\n")
	for _, step := range []string{"first render", "again, from the cache"} {
		out, _ := r.render(t, step)
		for name, want := range map[string]string{
			"es/themes/hotline/index.html": `<li class="theme-card">`,
			"es/index.html":                `<li class="card"`,
			"es/countries/pa/index.html":   `<li class="card"`,
		} {
			page, ok := out.File(name)
			if !ok {
				t.Fatalf("%s: no %s", step, name)
			}
			if !strings.Contains(string(page), want) {
				t.Errorf("%s: %s has no %s", step, name, want)
			}
			if other := `<li class="theme-card">`; want != other && strings.Contains(string(page), other) {
				t.Errorf("%s: %s shows theme.html's card", step, name)
			}
		}
	}
}
