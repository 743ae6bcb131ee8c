package sitetest

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"
)

// axeViolation is one failed axe-core rule on a page.
type axeViolation struct {
	ID      string    `json:"id"`
	Impact  string    `json:"impact"`
	Help    string    `json:"help"`
	HelpURL string    `json:"helpUrl"`
	Nodes   []axeNode `json:"nodes"`
}

type axeNode struct {
	Target  []string `json:"target"`
	HTML    string   `json:"html"`
	Summary string   `json:"summary"`
}

func (v axeViolation) String() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s (%s): %s <%s>", v.ID, v.Impact, v.Help, v.HelpURL)
	for _, n := range v.Nodes {
		fmt.Fprintf(&b, "\n    %s\n      %s", strings.Join(n.Target, " "), n.HTML)
		if n.Summary != "" {
			fmt.Fprintf(&b, "\n      %s", strings.ReplaceAll(n.Summary, "\n", "\n      "))
		}
	}
	return b.String()
}

// axeScript runs axe on the page and keeps what a report needs. A target
// inside a frame or a shadow root is an array: it is shown as JSON.
//
// preload: false keeps axe from fetching the style sheets again with
// XMLHttpRequest, which Chromium refuses from file:// (a console error that
// is axe's, not the site's); only the rule css-orientation-lock needs them.
const axeScript = `axe.run(document, {resultTypes: ["violations"], preload: false}).then(r => r.violations.map(v => ({
	id: v.id, impact: v.impact || "", help: v.help, helpUrl: v.helpUrl,
	nodes: v.nodes.map(n => ({
		target: n.target.map(x => typeof x === "string" ? x : JSON.stringify(x)),
		html: n.html, summary: n.failureSummary || ""
	}))
})))`

// runAxe injects axe-core into the page that the tab shows and returns the
// violations.
func runAxe(t *testing.T, tb *tab, axeSrc string) []axeViolation {
	t.Helper()
	tb.do(t, "injecting axe-core", chromedp.Evaluate[chromedp.Void](axeSrc+"\n;undefined"))
	return run(t, tb, "running axe", chromedp.Evaluate[[]axeViolation](axeScript, chromedp.EvalAwaitPromise))
}

// blocking reports whether a violation fails the test: the impacts that
// axe rates serious or critical. The others are logged.
func blocking(v axeViolation) bool { return v.Impact == "serious" || v.Impact == "critical" }

func TestAxe(t *testing.T) {
	src, err := os.ReadFile(axeJS(t))
	if err != nil {
		t.Fatal(err)
	}
	axeSrc := string(src)
	b := newBrowser(t)
	dir := site(t)

	// The check must be able to fail: a page with known violations.
	t.Run("self-check", func(t *testing.T) {
		page := filepath.Join(t.TempDir(), "bad.html")
		err := os.WriteFile(page, []byte(`<!DOCTYPE html><html><head><meta charset="utf-8"><title>bad</title></head><body><main><img src="x.png"><p style="color:#eee;background:#fff">faint</p></main></body></html>`), 0o644)
		if err != nil {
			t.Fatal(err)
		}
		tb := b.newTab(t)
		tb.do(t, "opening a bad page", chromedp.Navigate((&url.URL{Scheme: "file", Path: filepath.ToSlash(page)}).String()))
		got := map[string]bool{}
		for _, v := range runAxe(t, tb, axeSrc) {
			if blocking(v) {
				got[v.ID] = true
			}
		}
		for _, id := range []string{"image-alt", "html-has-lang", "color-contrast"} {
			if !got[id] {
				t.Errorf("axe did not report %s on a page that breaks it; it reported %v", id, got)
			}
		}
	})

	// A host serves 404.html for a path the site lacks, at any depth.
	host := httptest.NewServer(notFoundHost(dir))
	defer host.Close()

	pages := []struct {
		rel   string
		query string // typed into #q before the check, so that results show
		// served: opened from the host, not the disk.
		served bool
	}{
		{rel: "index.html"},
		{rel: "es/index.html"},
		{rel: "en/index.html"},
		{rel: "es/practices/gt-svet/index.html"},
		{rel: "en/practices/cr-equipo-respuesta-inmediata/index.html"},
		{rel: "es/countries/index.html"},
		{rel: "es/countries/cr/index.html"},
		{rel: "es/countries/bz/index.html"},
		{rel: "es/themes/index.html"},
		{rel: "es/themes/inter-agency-coordination/index.html"},
		{rel: "es/exchanges/index.html"},
		{rel: "es/search/index.html", query: "trata"},
		{rel: "es/practices/no-such-practice/", served: true},
	}
	// Each page in both colour schemes (style.css changes its custom
	// properties for prefers-color-scheme: dark), and on a phone, where
	// the menus, the tables of visits and the matrix are laid out apart.
	type view struct {
		scheme string
		width  int64 // 0: the browser's own
	}
	views := []view{{"light", 0}, {"dark", 0}, {"light", 375}, {"dark", 375}}
	for _, v := range views {
		for _, p := range pages {
			name := v.scheme + "/" + p.rel
			if v.width != 0 {
				name = fmt.Sprintf("%s-%d/%s", v.scheme, v.width, p.rel)
			}
			t.Run(name, func(t *testing.T) {
				tb := b.newTab(t)
				tb.do(t, "emulating prefers-color-scheme: "+v.scheme, emulateScheme(v.scheme))
				if v.width != 0 {
					tb.do(t, "emulating a phone", chromedp.EmulateViewport(v.width, 800))
				}
				if p.served {
					openServed(t, tb, host.URL, p.rel)
				} else {
					tb.open(t, dir, p.rel)
				}
				checkAxe(t, tb, axeSrc, p.rel, p.query)
			})
		}
	}
}

// emulateScheme makes the tab's pages see prefers-color-scheme as scheme.
func emulateScheme(scheme string) chromedp.Action[chromedp.Void] {
	return chromedp.Func(func(ctx context.Context, target *chromedp.Target) error {
		_, err := cdp.Call(ctx, target, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{
			Features: []*emulation.MediaFeature{{Name: "prefers-color-scheme", Value: scheme}},
		})
		return err
	})
}

// openServed opens rel from the host at url, a missing page that the
// host answers with 404.html, and checks that its stylesheet loads from
// that depth.
func openServed(t *testing.T, tb *tab, url, rel string) {
	t.Helper()
	tb.do(t, "opening "+rel, chromedp.Navigate(url+"/"+rel))
	if n := run(t, tb, "reading the stylesheet", chromedp.Evaluate[int]("document.styleSheets.length ? document.styleSheets[0].cssRules.length : 0")); n == 0 {
		t.Errorf("%s: 404.html's stylesheet did not load", rel)
	}
	// The browser logs the status of the page itself, which is the
	// point; anything else is a problem.
	tb.mu.Lock()
	tb.problems = slices.DeleteFunc(tb.problems, func(s string) bool {
		return strings.Contains(s, "status of 404") && strings.HasSuffix(s, url+"/"+rel)
	})
	tb.mu.Unlock()
}

// checkAxe types query into the open page's search, if any, and fails the
// test on the violations of axe that block.
func checkAxe(t *testing.T, tb *tab, axeSrc, rel, query string) {
	t.Helper()
	if query != "" {
		if results, _ := search(t, tb, query); len(results) == 0 {
			t.Fatalf("query %q found nothing: the results would go unchecked", query)
		}
	}
	// The page's own console, before axe runs in it.
	tb.checkConsole(t)
	for _, v := range runAxe(t, tb, axeSrc) {
		if blocking(v) {
			t.Errorf("%s: %s", rel, v)
		} else {
			t.Logf("%s (not blocking): %s", rel, v)
		}
	}
}

// notFoundHost serves the site in dir as GitHub Pages does: a file, a
// folder's index.html, else 404.html with status 404.
func notFoundHost(dir string) http.Handler {
	files := http.FileServer(http.Dir(dir))
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		name := filepath.Join(dir, filepath.FromSlash(path.Clean("/"+r.URL.Path)))
		if fi, err := os.Stat(name); err == nil && (!fi.IsDir() || fileExists(filepath.Join(name, "index.html"))) {
			files.ServeHTTP(w, r)
			return
		}
		page, err := os.ReadFile(filepath.Join(dir, "404.html"))
		if err != nil {
			http.Error(w, err.Error(), http.StatusInternalServerError)
			return
		}
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.WriteHeader(http.StatusNotFound)
		w.Write(page)
	})
}

func fileExists(name string) bool { _, err := os.Stat(name); return err == nil }
