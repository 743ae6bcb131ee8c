package site

import (
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"golang.org/x/net/html"

	"catalog/templates"
)

// pathPartials is the built-in partials.html with a card, list item,
// country link and menu that show the path of the page they are on, in an
// element of class "from-" and the partial's name.
func pathPartials(t *testing.T) string {
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
	return src
}

// cachedCall is a call of page.Cached, CachedPractice or KeptPractice in the
// built-in templates: its receiver, partial and data.
var cachedCall = regexp.MustCompile(`\{\{(\$?(?:\.P)?)\.(?:Cached|CachedPractice|KeptPractice) "([a-z-]+)" (\([^()]*\)|\.|\$\w+)[^}]*\}\}`)

// shownPaths renders the test catalog with its own templates and gives,
// per partial, the page each page's copies of it were made for.
func shownPaths(t *testing.T, own map[string]string) map[string]map[string][]string {
	dir := filepath.Join(t.TempDir(), "catalog")
	if err := os.CopyFS(dir, os.DirFS("testdata/catalog")); err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(filepath.Join(dir, "templates", "html"), 0o755); err != nil {
		t.Fatal(err)
	}
	for name, src := range own {
		if err := os.WriteFile(filepath.Join(dir, "templates", filepath.FromSlash(name)), []byte(src), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	out, _ := render(t, dir, 2)
	shown := map[string]map[string][]string{} // partial → page → made for
	for name, doc := range pages(t, out) {
		walk(doc, func(n *html.Node) {
			class, _ := attr(n, "class")
			partial, ok := strings.CutPrefix(class, "from-")
			if !ok {
				return
			}
			if shown[partial] == nil {
				shown[partial] = map[string][]string{}
			}
			got := ""
			if n.FirstChild != nil {
				got = n.FirstChild.Data
			}
			shown[partial][name] = append(shown[partial][name], got)
		})
	}
	for _, partial := range []string{"card", "practice-item", "country-link", "menu"} {
		if len(shown[partial]) < 3 {
			t.Errorf("%s shows on %d pages: the test checks too little", partial, len(shown[partial]))
		}
	}
	return shown
}

// TestPartialsPerPage: a catalog whose templates call the partials with
// {{template}}, .Part or the methods of before Cached gets each made for
// each page that shows it, whatever it shows of the page.
func TestPartialsPerPage(t *testing.T) {
	own := map[string]string{"html/partials.html": pathPartials(t)}
	calls := 0
	for _, kind := range append(slices.Clone(pageKinds), "base", "partials") {
		name := "html/" + kind + ".html"
		src, ok := own[name]
		if !ok {
			b, err := fs.ReadFile(templates.FS, name)
			if err != nil {
				t.Fatal(err)
			}
			src = string(b)
		}
		// By turns {{template}}, .Part and the old methods.
		src = cachedCall.ReplaceAllStringFunc(src, func(call string) string {
			m := cachedCall.FindStringSubmatch(call)
			calls++
			switch {
			case m[2] == "card" && calls%2 == 0:
				return "{{" + m[1] + ".CardHTML .X}}" // the data is the card
			case calls%3 == 0:
				return "{{" + m[1] + `.Part "` + m[2] + `" ` + m[3] + "}}"
			}
			return `{{template "` + m[2] + `" ` + m[3] + "}}"
		})
		own[name] = src
	}
	if calls < 10 {
		t.Fatalf("%d calls of Cached replaced: the test needs updating", calls)
	}
	for partial, on := range shownPaths(t, own) {
		for page, madeFor := range on {
			for _, got := range madeFor {
				if got != page {
					t.Errorf("%s shows a %s made for %s", page, partial, got)
				}
			}
		}
	}
}

// TestCachedReused: the built-in templates' calls of Cached reuse a part
// wherever its variants are the same, so a catalog's partial that shows
// what they do not hold (the page's path) shows it wrong: the caller
// vouches for what the part may show, as with Hugo's partialCached.
func TestCachedReused(t *testing.T) {
	for partial, on := range shownPaths(t, map[string]string{"html/partials.html": pathPartials(t)}) {
		other := 0
		for page, madeFor := range on {
			for _, got := range madeFor {
				if got != page {
					other++
				}
			}
		}
		if other == 0 {
			t.Errorf("%s: made for each of its %d pages, never reused", partial, len(on))
		}
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
