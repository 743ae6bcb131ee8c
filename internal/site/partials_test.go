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

	"catalog/internal/output"
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

// shorthand is a call of one of the page's shorthands of Cached in the
// built-in templates: its receiver, method and arguments.
var shorthand = regexp.MustCompile(`\{\{(\$?(?:\.P)?)\.(CachedCardAt|CachedItemAt|CachedCard|CachedItem|CachedCountryLink|CachedThemeLink|CachedInstitution|CachedExchangesLink|CachedMenu|KeptVisit)((?: [^ {}()]+)*)\}\}`)

// shorthands lists, for each shorthand, its partial, the method the
// built-in templates called before Cached, the data it gives the partial
// and the Cached call it stands for (as in its comment), with R its
// receiver and A, B its arguments.
var shorthands = map[string]struct{ partial, old, data, call string }{
	"CachedCard":          {"card", "CardHTML", "(R.Card A)", `R.CachedPractice "card" (R.Card A) A R.Up.Practices`},
	"CachedItem":          {"practice-item", "ItemHTML", "(R.Card A)", `R.CachedPractice "practice-item" (R.Card A) A R.Up.Practices`},
	"CachedCardAt":        {"card", `Part "card" (R.CardAt A B)`, "(R.CardAt A B)", `R.CachedPractice "card" (R.CardAt A B) A R.Up.Practices B`},
	"CachedItemAt":        {"practice-item", `Part "practice-item" (R.CardAt A B)`, "(R.CardAt A B)", `R.CachedPractice "practice-item" (R.CardAt A B) A R.Up.Practices B`},
	"CachedCountryLink":   {"country-link", "CountryLink", "(R.CountryRef A)", `R.Cached "country-link" (R.CountryRef A) A R.Way.Countries`},
	"CachedThemeLink":     {"theme-link", "ThemeLink", "(R.ThemeRef A)", `R.Cached "theme-link" (R.ThemeRef A) A R.Way.Themes`},
	"CachedInstitution":   {"institution", "InstitutionHTML", "(R.Inst A B)", `R.Cached "institution" (R.Inst A B) A.Lang B.Name B.Acronym B.Country B.Type R.Way.Countries`},
	"CachedExchangesLink": {"exchanges-link", "ExchangesLink", "(R.Card A)", `R.CachedPractice "exchanges-link" (R.Card A) A R.Way.Practices`},
	"CachedMenu":          {"menu", "Menu", "R.", `R.Cached "menu" R. R.Nav R.Place`},
	"KeptVisit":           {"visit", "VisitHTML", "(R.Visit A B)", `R.KeptPractice "visit" (R.Visit A B) A.Practice (R.Visit A B).Key R.Path`},
}

// rewriteShorthands replaces each shorthand call in the template src
// by what with gives for it: (the entry of shorthands, and a template
// action with R, A, B for the call's receiver and arguments).
func rewriteShorthands(t *testing.T, src string, with func(name string, i int) string) (string, int) {
	n := 0
	src = shorthand.ReplaceAllStringFunc(src, func(call string) string {
		m := shorthand.FindStringSubmatch(call)
		args := strings.Fields(m[3])
		n++
		if with == nil {
			return call
		}
		out := with(m[2], n)
		// R.X is a field or method of the receiver, R. the receiver itself
		// ("." where it is the dot).
		out = regexp.MustCompile(`R\.([A-Z])`).ReplaceAllString(out, m[1]+".$1")
		recv := m[1]
		if recv == "" {
			recv = "."
		}
		out = strings.ReplaceAll(out, "R.", recv)
		for i, name := range []string{"A", "B"} {
			if strings.Contains(out, name) && i >= len(args) {
				t.Fatalf("%s: fewer arguments than %s takes", call, m[2])
			}
			if i < len(args) {
				// A field of the dot is .Field, not ..Field.
				field := args[i] + "."
				if args[i] == "." {
					field = "."
				}
				out = regexp.MustCompile(`\b`+name+`\.`).ReplaceAllLiteralString(out, field)
				out = regexp.MustCompile(`\b`+name+`\b`).ReplaceAllLiteralString(out, args[i])
			}
		}
		return "{{" + out + "}}"
	})
	return src, n
}

// builtinsWith gives the built-in page templates, partials.html replaced
// by partials, each shorthand call rewritten by with.
func builtinsWith(t *testing.T, partials string, with func(name string, i int) string) (map[string]string, int) {
	own := map[string]string{}
	calls := 0
	for _, kind := range append(slices.Clone(pageKinds), "base", "partials") {
		name := "html/" + kind + ".html"
		src := partials
		if kind != "partials" {
			b, err := fs.ReadFile(templates.FS, name)
			if err != nil {
				t.Fatal(err)
			}
			src = string(b)
		}
		var n int
		own[name], n = rewriteShorthands(t, src, with)
		calls += n
	}
	return own, calls
}

// renderTemplates renders the test catalog with the templates own as its own,
// with workers.
func renderTemplates(t *testing.T, own map[string]string, workers int) *output.Memory {
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
	out, _ := render(t, dir, workers)
	return out
}

// shownPaths renders the test catalog with its own templates and gives,
// per partial, the page each page's copies of it were made for.
func shownPaths(t *testing.T, own map[string]string) map[string]map[string][]string {
	out := renderTemplates(t, own, 2)
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
	own, calls := builtinsWith(t, pathPartials(t), func(name string, i int) string {
		c := shorthands[name]
		switch i % 3 {
		case 0:
			return `template "` + c.partial + `" ` + c.data
		case 1:
			return `R.Part "` + c.partial + `" ` + c.data
		}
		args := map[string]string{"CachedInstitution": " A B", "KeptVisit": " A B", "CachedMenu": "", "CachedCardAt": "", "CachedItemAt": ""}
		a, ok := args[name]
		if !ok {
			a = " A"
		}
		return "R." + c.old + a
	})
	if calls < 10 {
		t.Fatalf("%d shorthand calls replaced: the test needs updating", calls)
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

// TestShorthandsAreCached: each shorthand of the built-in templates
// (CachedCard…) is the Cached call its comment names. The partials show
// the path of the page they were made for, so a part reused where the
// other call would make it anew, or the reverse, shows another path; one
// worker makes the pages in the same order each time.
func TestShorthandsAreCached(t *testing.T) {
	partials := pathPartials(t)
	short, _ := builtinsWith(t, partials, nil)
	long, calls := builtinsWith(t, partials, func(name string, i int) string { return shorthands[name].call })
	if calls < 10 {
		t.Fatalf("%d shorthand calls replaced: the test needs updating", calls)
	}
	a, b := renderTemplates(t, short, 1), renderTemplates(t, long, 1)
	if len(a.Names()) < 20 {
		t.Fatalf("%d files: the test checks too little", len(a.Names()))
	}
	for _, name := range a.Names() {
		x, _ := a.File(name)
		y, ok := b.File(name)
		if !ok || string(x) != string(y) {
			t.Errorf("%s differs between the shorthands and the Cached calls they stand for", name)
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
