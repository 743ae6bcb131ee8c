package sitetest

import (
	"context"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/log"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"
	"golang.org/x/text/unicode/norm"

	"catalog/internal/browsertest"
)

const (
	// browserTimeout bounds the life of one browser: a hang fails the test.
	browserTimeout = 3 * time.Minute
	// stepTimeout bounds one step (a navigation, a wait, a script).
	stepTimeout = 30 * time.Second
)

// browser is a headless Chromium for one test.
type browser struct {
	ctx context.Context // the browser context; tabs derive from it
}

// newBrowser starts Chromium; the test's cleanup stops it.
func newBrowser(t *testing.T) *browser {
	return &browser{ctx: browsertest.Start(t, browserTimeout)}
}

// tab is one tab that records what went wrong in the pages it showed.
type tab struct {
	ctx context.Context

	mu       sync.Mutex
	url      string   // the main frame's current address
	visited  []string // every address the main frame showed
	problems []string // console errors, uncaught exceptions, failed loads
}

// newTab opens a tab; the listener is there from the tab's start, so no
// message of the first page is lost.
func (b *browser) newTab(t *testing.T) *tab {
	t.Helper()
	tb := &tab{}
	ctx, cancel := chromedp.NewContext(b.ctx, chromedp.WithListener(tb.listen))
	t.Cleanup(cancel)
	tb.ctx = ctx
	if err := chromedp.Do(ctx); err != nil {
		t.Fatalf("opening a tab: %v", err)
	}
	return tb
}

// listen runs in the tab's event loop: it must be quick and send nothing.
func (tb *tab) listen(ev any) {
	tb.mu.Lock()
	defer tb.mu.Unlock()
	switch ev := ev.(type) {
	case *page.EventFrameNavigated:
		if ev.Frame != nil && ev.Frame.ParentID == "" {
			tb.url = ev.Frame.URL
			tb.visited = append(tb.visited, ev.Frame.URL)
		}
	case *runtime.EventConsoleAPICalled:
		if ev.Type == runtime.ConsoleAPICalledTypeError {
			var args []string
			for _, a := range ev.Args {
				args = append(args, remoteText(a))
			}
			tb.problem("console.error: %s", strings.Join(args, " "))
		}
	case *runtime.EventExceptionThrown:
		d := ev.ExceptionDetails
		if d == nil {
			tb.problem("uncaught exception")
			break
		}
		text := d.Text
		if d.Exception != nil && d.Exception.Description != "" {
			text += " " + d.Exception.Description
		}
		tb.problem("uncaught exception: %s (%s:%d)", text, shortURL(d.URL), d.LineNumber+1)
	case *log.EventEntryAdded:
		if e := ev.Entry; e != nil && e.Level == log.EntryLevelError {
			tb.problem("browser log (%s): %s %s", e.Source, e.Text, shortURL(e.URL))
		}
	}
}

// problem records a problem with the page showing; mu is held.
func (tb *tab) problem(format string, args ...any) {
	tb.problems = append(tb.problems, fmt.Sprintf("on %s: ", shortURL(tb.url))+fmt.Sprintf(format, args...))
}

func remoteText(o *runtime.RemoteObject) string {
	if o == nil {
		return ""
	}
	if len(o.Value) > 0 {
		if s, err := strconv.Unquote(string(o.Value)); err == nil {
			return s
		}
		return string(o.Value)
	}
	return o.Description
}

// shortURL shows a file:// address from the site folder on.
func shortURL(u string) string {
	if i := strings.Index(u, "/public/"); i >= 0 {
		return u[i+len("/public/"):]
	}
	return u
}

// checkConsole fails the test on every console error, uncaught exception or
// failed load seen in the tab so far, and forgets them.
func (tb *tab) checkConsole(t *testing.T) {
	t.Helper()
	tb.mu.Lock()
	problems, visited := tb.problems, tb.visited
	tb.problems = nil
	tb.mu.Unlock()
	for _, p := range problems {
		t.Errorf("console: %s", p)
	}
	if len(problems) > 0 {
		var pages []string
		for _, v := range visited {
			pages = append(pages, shortURL(v))
		}
		t.Logf("pages visited: %s", strings.Join(pages, ", "))
	}
}

// do runs steps with a timeout and fails the test on an error.
func (tb *tab) do(t *testing.T, what string, steps ...chromedp.Action[chromedp.Void]) {
	t.Helper()
	ctx, cancel := context.WithTimeout(tb.ctx, stepTimeout)
	defer cancel()
	if err := chromedp.Do(ctx, steps...); err != nil {
		t.Fatalf("%s: %v", what, err)
	}
}

// run runs one action with a timeout and returns its value.
func run[T any](t *testing.T, tb *tab, what string, a chromedp.Action[T]) T {
	t.Helper()
	ctx, cancel := context.WithTimeout(tb.ctx, stepTimeout)
	defer cancel()
	v, err := chromedp.Run(ctx, a)
	if err != nil {
		t.Fatalf("%s: %v", what, err)
	}
	return v
}

// eval evaluates a JavaScript expression in the page.
func eval[T any](t *testing.T, tb *tab, expr string) T {
	t.Helper()
	return run(t, tb, "evaluating "+expr, chromedp.Evaluate[T](expr))
}

// open shows a page of the site.
func (tb *tab) open(t *testing.T, dir, rel string) {
	t.Helper()
	tb.do(t, "opening "+rel, chromedp.Navigate(fileURL(dir, rel)))
}

// fileURL is the file:// address of a file of the site.
func fileURL(dir, rel string) string {
	u := url.URL{Scheme: "file", Path: filepath.ToSlash(filepath.Join(dir, filepath.FromSlash(rel)))}
	return u.String()
}

// location is the page's address relative to the site folder.
func location(t *testing.T, tb *tab, dir string) string {
	t.Helper()
	loc := run(t, tb, "reading the location", chromedp.Location())
	u, err := url.Parse(loc)
	if err != nil || u.Scheme != "file" {
		return loc
	}
	rel, err := filepath.Rel(dir, filepath.FromSlash(u.Path))
	if err != nil {
		return loc
	}
	return filepath.ToSlash(rel)
}

// fold is the search's folding: accents dropped, lower case.
func fold(s string) string {
	var b strings.Builder
	for _, r := range norm.NFD.String(s) {
		if r >= 0x300 && r <= 0x36f {
			continue
		}
		b.WriteRune(r)
	}
	return strings.ToLower(b.String())
}

type searchResult struct {
	Href string `json:"href"`
	Text string `json:"text"`
}

// search types a query into #q (clearing it first) and returns the results
// once they show and have stopped changing, and the status text.
func search(t *testing.T, tb *tab, query string) ([]searchResult, string) {
	t.Helper()
	tb.do(t, "typing "+query,
		chromedp.WaitVisible(chromedp.ID("q")),
		// Clear the field and the last results without events, so that
		// what shows next comes from the query typed below.
		chromedp.Evaluate[chromedp.Void](`document.getElementById("q").value = "", document.getElementById("search-results").replaceChildren(), document.getElementById("search-status").textContent = ""`),
		chromedp.SendKeys(chromedp.ID("q"), query),
	)
	// The script waits 120 ms after the last key; the status is written
	// last, so a status means the list is complete.
	ctx, cancel := context.WithTimeout(tb.ctx, stepTimeout)
	defer cancel()
	_, err := chromedp.Run(ctx, chromedp.Poll[bool](`document.getElementById("search-status").textContent.trim() !== "" || document.querySelectorAll("#search-results li").length > 0`,
		chromedp.WithPollingTimeout(10*time.Second)))
	if err != nil {
		t.Fatalf("query %q: no results and no status after 10 s: %v", query, err)
	}
	tb.do(t, "settling", chromedp.Sleep(300*time.Millisecond))
	results := eval[[]searchResult](t, tb, `Array.from(document.querySelectorAll("#search-results li a")).map(a => ({href: a.getAttribute("href"), text: a.textContent.trim()}))`)
	status := eval[string](t, tb, `document.getElementById("search-status").textContent.trim()`)
	return results, status
}

// checkStatus checks that the search status gives the number of results
// as a reader would read it.
func checkStatus(t *testing.T, query string, n int, status string) {
	t.Helper()
	switch {
	case status == "":
		t.Errorf("query %q: %d results but #search-status is empty", query, n)
	case !strings.Contains(status, strconv.Itoa(n)) && n > 0:
		t.Errorf("query %q: %d results but #search-status says %q", query, n, status)
	case strings.ContainsAny(status, `"%`):
		t.Errorf("query %q: #search-status shows a stray quote or format verb: %q", query, status)
	}
}

func practiceHref(id string) string { return "practices/" + id + "/index.html" }

func hrefs(rs []searchResult) []string {
	var out []string
	for _, r := range rs {
		out = append(out, r.Href)
	}
	return out
}

// phonePages are a page of every kind, some in both languages; a query
// after "?" is typed into the search by the page's script.
var phonePages = []string{
	"index.html", // the language chooser
	"es/index.html",
	"en/index.html",
	"es/practices/gt-svet/index.html",
	"es/practices/ar-linea-145/index.html",
	"en/practices/cr-equipo-respuesta-inmediata/index.html",
	"es/countries/index.html",
	"es/countries/cr/index.html",
	"en/countries/cr/index.html",
	"es/countries/bz/index.html",
	"es/themes/index.html",
	"es/themes/regional-cooperation/index.html",
	"es/themes/inter-agency-coordination/index.html",
	"es/exchanges/index.html",
	"en/exchanges/index.html",
	"es/search/index.html",
	"es/search/index.html?q=trata",
}

// openWithQuery opens a page of the site whose rel may end in a query;
// with one, it waits for the search's results.
func openWithQuery(t *testing.T, tb *tab, dir, rel string) {
	t.Helper()
	path, query, ok := strings.Cut(rel, "?")
	if !ok {
		tb.open(t, dir, rel)
		return
	}
	tb.do(t, "opening "+rel, chromedp.Navigate(fileURL(dir, path)+"?"+query),
		chromedp.WaitVisible(chromedp.CSS("#search-results li a")))
}

func TestBrowser(t *testing.T) {
	b := newBrowser(t)
	dir := site(t)

	t.Run("search from the menu", func(t *testing.T) {
		tb := b.newTab(t)
		const id = "gt-svet"
		title := practiceTitle(t, id, "es")

		tb.open(t, dir, "es/index.html")
		tb.do(t, "following the menu link to the search",
			chromedp.Click(chromedp.CSS(`nav a[href$="search/index.html"]`), chromedp.NodeVisible),
			chromedp.WaitVisible(chromedp.ID("q")),
		)
		if loc := location(t, tb, dir); loc != "es/search/index.html" {
			t.Fatalf("the menu's search link led to %s, want es/search/index.html", loc)
		}

		results, status := search(t, tb, "SVET")
		checkStatus(t, "SVET", len(results), status)
		i := slices.IndexFunc(results, func(r searchResult) bool { return strings.HasSuffix(r.Href, practiceHref(id)) })
		if i < 0 {
			t.Fatalf("query SVET: %s not among the results %q", id, hrefs(results))
		}
		if results[i].Text != title {
			t.Errorf("query SVET: the result for %s reads %q, want the title %q", id, results[i].Text, title)
		}

		tb.do(t, "clicking the result",
			chromedp.Click(chromedp.CSS(`#search-results a[href$="`+practiceHref(id)+`"]`), chromedp.NodeVisible),
			chromedp.WaitNotPresent(chromedp.ID("q")),
			chromedp.WaitVisible(chromedp.CSS("main h1")),
		)
		if loc, want := location(t, tb, dir), "es/"+practiceHref(id); loc != want {
			t.Errorf("the result led to %s, want %s", loc, want)
		}
		if h1 := strings.TrimSpace(run(t, tb, "reading h1", chromedp.Text(chromedp.CSS("main h1")))); h1 != title {
			t.Errorf("the practice page's h1 is %q, want %q", h1, title)
		}
		tb.checkConsole(t)
	})

	t.Run("search folds accents and case", func(t *testing.T) {
		tb := b.newTab(t)
		tb.open(t, dir, "es/search/index.html")

		// Every practice whose Spanish title has "explotación" must be
		// found by the query without the accent.
		var want []string
		for _, id := range practiceIDs(t, "es") {
			if strings.Contains(fold(practiceTitle(t, id, "es")), "explotacion") {
				want = append(want, id)
			}
		}
		if len(want) == 0 {
			t.Fatal("no Spanish title has “explotación”: choose another word for this test")
		}
		var first []string
		// A superscript is no digit in the data's words ("m²" is "m"):
		// nor in the query's.
		for _, q := range []string{"explotacion", "explotación", "EXPLOTACIÓN", "Explotacion", "explotación²"} {
			results, status := search(t, tb, q)
			checkStatus(t, q, len(results), status)
			got := hrefs(results)
			for _, id := range want {
				if !slices.ContainsFunc(got, func(h string) bool { return strings.HasSuffix(h, practiceHref(id)) }) {
					t.Errorf("query %q: %s (title with “explotación”) not among the results %q", q, id, got)
				}
			}
			slices.Sort(got)
			if first == nil {
				first = got
			} else if !slices.Equal(got, first) {
				t.Errorf("query %q found %q, but %q found %q: accents and case must not matter", q, got, "explotacion", first)
			}
		}

		// One result: the status must read as one result.
		results, status := search(t, tb, "Vicepresidencia")
		if !slices.ContainsFunc(hrefs(results), func(h string) bool { return strings.HasSuffix(h, practiceHref("gt-svet")) }) {
			t.Errorf("query Vicepresidencia: gt-svet not among the results %q", hrefs(results))
		}
		checkStatus(t, "Vicepresidencia", len(results), status)
		tb.checkConsole(t)
	})

	t.Run("home filters", func(t *testing.T) {
		tb := b.newTab(t)
		tb.open(t, dir, "es/index.html")
		type card struct {
			Country string `json:"country"`
			Visible bool   `json:"visible"`
		}
		const readCards = `Array.from(document.querySelectorAll(".cards .card")).map(c => ({country: c.getAttribute("data-country") || "", visible: c.getClientRects().length > 0 && getComputedStyle(c).visibility !== "hidden"}))`
		before := eval[[]card](t, tb, readCards)
		if len(before) < 2 {
			t.Fatalf("the home page has %d cards", len(before))
		}
		for i, c := range before {
			if !c.Visible {
				t.Errorf("with no filter, card %d (data-country %q) is hidden", i, c.Country)
			}
		}
		shownBefore := eval[string](t, tb, `document.querySelector(".shown").textContent.trim()`)

		const country = "gt"
		tb.do(t, "choosing country "+country,
			chromedp.SetValue(chromedp.ID("f-country"), country),
			chromedp.Evaluate[chromedp.Void](`document.getElementById("f-country").dispatchEvent(new Event("change", {bubbles: true}))`),
			chromedp.Sleep(200*time.Millisecond),
		)
		after := eval[[]card](t, tb, readCards)
		shown := 0
		for i, c := range after {
			want := slices.Contains(strings.Fields(c.Country), country)
			if c.Visible != want {
				t.Errorf("country %s: card %d (data-country %q) visible=%v, want %v", country, i, c.Country, c.Visible, want)
			}
			if c.Visible {
				shown++
			}
		}
		if shown == 0 || shown == len(after) {
			t.Errorf("country %s shows %d of %d cards: the filter must keep some and hide some", country, shown, len(after))
		}
		shownAfter := eval[string](t, tb, `document.querySelector(".shown").textContent.trim()`)
		switch {
		case shownAfter == shownBefore:
			t.Errorf("the .shown status did not change after filtering: %q", shownAfter)
		case !strings.Contains(shownAfter, strconv.Itoa(shown)):
			t.Errorf("the .shown status %q does not give the %d cards shown", shownAfter, shown)
		}
		tb.checkConsole(t)
	})

	// Without JavaScript the filters still work: the rules with :has()
	// in the head's <noscript>, which a page with scripts never has.
	t.Run("home filters without JavaScript", func(t *testing.T) {
		tb := b.newTab(t)
		tb.do(t, "turning scripts off", chromedp.Func(func(ctx context.Context, target *chromedp.Target) error {
			_, err := cdp.Call(ctx, target, emulation.SetScriptExecutionDisabled, emulation.SetScriptExecutionDisabledParams{Value: true})
			return err
		}))
		tb.open(t, dir, "es/index.html")
		shown := eval[int](t, tb, `(() => {
			const s = document.getElementById("f-country");
			s.value = "gt";
			return Array.from(document.querySelectorAll(".cards .card")).filter(c => c.getClientRects().length > 0).length;
		})()`)
		all := eval[int](t, tb, `document.querySelectorAll(".cards .card").length`)
		if shown == 0 || shown == all {
			t.Errorf("without scripts, country gt shows %d of %d cards", shown, all)
		}
	})

	// Every page kind at 320 px (a small phone, or a larger one at 200 %
	// zoom) and 375 px: no sideways scroll of the page, and none of a
	// table of visits or of a practice's criteria either, which reflow into
	// blocks on a phone (the matrix may scroll within itself at 320 px, its
	// themes in view).
	t.Run("phone width", func(t *testing.T) {
		tb := b.newTab(t)
		for _, width := range []int{320, 375} {
			tb.do(t, "emulating a phone", chromedp.EmulateViewport(int64(width), 800))
			for _, rel := range phonePages {
				openWithQuery(t, tb, dir, rel)
				type overflow struct {
					ScrollWidth int      `json:"scrollWidth"`
					Width       int      `json:"width"`
					Culprits    []string `json:"culprits"`
					Tables      []string `json:"tables"`
				}
				o := eval[overflow](t, tb, `(() => {
					const w = document.documentElement.clientWidth;
					const culprits = [];
					// An element inside a scrolling or clipping box (a wide
					// table in its .scroll region) does not widen the page.
					const clipped = el => {
						for (let a = el.parentElement; a && a !== document.body; a = a.parentElement) {
							if (getComputedStyle(a).overflowX !== "visible") return true;
						}
						return false;
					};
					for (const el of document.body.querySelectorAll("*")) {
						const r = el.getBoundingClientRect();
						if (r.right > w + 1 && culprits.length < 8 && !(el.parentElement && el.parentElement.getBoundingClientRect().right > w + 1) && !clipped(el)) {
							const cls = el.className && typeof el.className === "string" ? "." + el.className.trim().split(/\s+/).join(".") : "";
							culprits.push(el.tagName.toLowerCase() + cls + " (right edge " + Math.round(r.right) + " px)");
						}
					}
					const tables = Array.from(document.querySelectorAll("table.visits, table.criteria")).
						filter(t => t.parentElement.scrollWidth > t.parentElement.clientWidth + 1 || t.getBoundingClientRect().right > w + 1).
						map(t => t.getAttribute("class") + " (" + Math.round(t.getBoundingClientRect().width) + " px wide)");
					return {scrollWidth: document.documentElement.scrollWidth, width: window.innerWidth, culprits, tables};
				})()`)
				if o.Width != width {
					t.Fatalf("%s: the viewport is %d px wide, want %d", rel, o.Width, width)
				}
				if o.ScrollWidth > width {
					t.Errorf("%s: at %d px the document is %d px wide (horizontal scroll); widest elements: %s", rel, width, o.ScrollWidth, strings.Join(o.Culprits, "; "))
				}
				for _, tbl := range o.Tables {
					t.Errorf("%s: at %d px a table of visits or criteria scrolls sideways: %s", rel, width, tbl)
				}
			}
		}
		tb.checkConsole(t)
	})

	// The header on a phone is one line: the title, cut short if need be,
	// and a Menu button (a <details>) that opens the menus, by keyboard
	// too; on a wide screen the menus show with no button.
	t.Run("phone header", func(t *testing.T) {
		tb := b.newTab(t)
		type header struct {
			Height      float64 `json:"height"`
			TitleLines  int     `json:"titleLines"`
			Button      bool    `json:"button"`
			MenuShown   bool    `json:"menuShown"`
			LangShown   bool    `json:"langShown"`
			Open        bool    `json:"open"`
			Focused     string  `json:"focused"`
			FocusedSeen bool    `json:"focusedSeen"`
		}
		const read = `(() => {
			// A closed <details> hides its body with content-visibility,
			// which leaves it boxes: checkVisibility sees through that.
			const shown = el => !!el && el.checkVisibility({visibilityProperty: true, opacityProperty: true}) && el.getBoundingClientRect().height > 0;
			const title = document.querySelector(".site-title");
			const a = document.activeElement;
			return {
				height: document.querySelector(".masthead").getBoundingClientRect().height,
				titleLines: Math.round(title.getBoundingClientRect().height / parseFloat(getComputedStyle(title).lineHeight)),
				button: shown(document.querySelector(".menus > summary")),
				menuShown: shown(document.querySelector(".menu a[href$='search/index.html']")),
				langShown: shown(document.querySelector("nav.languages a")),
				open: document.querySelector(".menus").open,
				focused: a ? a.tagName.toLowerCase() + (a.getAttribute("href") ? " " + a.getAttribute("href") : "") : "",
				focusedSeen: shown(a),
			};
		})()`
		for i, lang := range []string{"es", "en"} {
			rel := lang + "/practices/ar-linea-145/index.html"
			width := []int64{375, 320}[i] // with the button's word, and without
			tb.do(t, "emulating a phone", chromedp.EmulateViewport(width, 800))
			tb.open(t, dir, rel)
			h := eval[header](t, tb, read)
			if h.TitleLines != 1 || h.Height > 64 {
				t.Errorf("%s at %d px: the header is %.0f px high, its title %d lines; want one line, at most 64 px", rel, width, h.Height, h.TitleLines)
			}
			if !h.Button || h.MenuShown || h.LangShown || h.Open {
				t.Errorf("%s at %d px: button shown %v, menu shown %v, languages shown %v, open %v; want the button only", rel, width, h.Button, h.MenuShown, h.LangShown, h.Open)
			}
			// Tab: the skip link, the title, the button; Enter opens it,
			// and the next Tab reaches the first entry of the menu.
			tb.do(t, "tabbing to the menu button", chromedp.KeyEvent("\t"), chromedp.KeyEvent("\t"), chromedp.KeyEvent("\t"))
			if ring := eval[string](t, tb, `(() => { const a = document.activeElement; return a.tagName.toLowerCase() + " " + getComputedStyle(a).outlineStyle + " " + getComputedStyle(a).outlineWidth; })()`); ring != "summary solid 3px" {
				t.Errorf("%s at %d px: after Tab ×3 the focus and its ring are %q, want the button with a 3px ring", rel, width, ring)
			}
			tb.do(t, "opening the menu by keyboard", chromedp.KeyEvent("\r"), chromedp.Sleep(100*time.Millisecond), chromedp.KeyEvent("\t"))
			h = eval[header](t, tb, read)
			if !h.Open || !h.MenuShown || !h.LangShown {
				t.Errorf("%s at %d px: after Tab ×3 and Enter the menus are open %v, menu shown %v, languages shown %v", rel, width, h.Open, h.MenuShown, h.LangShown)
			}
			if want := "a ../../index.html"; h.Focused != want || !h.FocusedSeen {
				t.Errorf("%s at %d px: after the button, Tab focuses %q (seen %v), want %q", rel, width, h.Focused, h.FocusedSeen, want)
			}

			tb.do(t, "emulating a wide screen", chromedp.EmulateViewport(1280, 800))
			tb.open(t, dir, rel)
			h = eval[header](t, tb, read)
			if h.Button || !h.MenuShown || !h.LangShown {
				t.Errorf("%s at 1280 px: button shown %v, menu shown %v, languages shown %v; want the menus without the button", rel, h.Button, h.MenuShown, h.LangShown)
			}
			if h.Height > 64 {
				t.Errorf("%s at 1280 px: the header is %.0f px high, want one line", rel, h.Height)
			}
		}
		tb.checkConsole(t)
	})

	// The dark scheme follows prefers-color-scheme on screen; print stays
	// light whatever the scheme.
	t.Run("colour schemes", func(t *testing.T) {
		const read = `[getComputedStyle(document.body).backgroundColor, getComputedStyle(document.body).color, getComputedStyle(document.querySelector(".exchange-map circle")).fill]`
		for _, c := range []struct {
			media, scheme string
			want          [3]string // background, text, a dot of the picture
		}{
			{"screen", "light", [3]string{"rgb(255, 255, 255)", "rgb(28, 36, 48)", "rgb(18, 53, 91)"}},
			{"screen", "dark", [3]string{"rgb(18, 24, 32)", "rgb(228, 233, 240)", "rgb(143, 195, 255)"}},
			{"print", "dark", [3]string{"rgb(255, 255, 255)", "rgb(0, 0, 0)", "rgb(0, 0, 0)"}},
		} {
			tb := b.newTab(t)
			tb.do(t, "emulating "+c.media+" "+c.scheme, chromedp.Func(func(ctx context.Context, target *chromedp.Target) error {
				_, err := cdp.Call(ctx, target, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{
					Media:    c.media,
					Features: []*emulation.MediaFeature{{Name: "prefers-color-scheme", Value: c.scheme}},
				})
				return err
			}))
			tb.open(t, dir, "es/exchanges/index.html")
			if got := eval[[3]string](t, tb, read); got != c.want {
				t.Errorf("%s, %s: background, text and a map's dot are %q, want %q", c.media, c.scheme, got, c.want)
			}
			tb.checkConsole(t)
		}
	})

	t.Run("search kept on the way back", func(t *testing.T) {
		tb := b.newTab(t)
		tb.open(t, dir, "es/search/index.html")
		results, _ := search(t, tb, "trata")
		if len(results) == 0 {
			t.Fatal("query trata: no results")
		}
		// Typed, not submitted: the address holds it all the same.
		if loc := run(t, tb, "reading the location", chromedp.Location()); !strings.HasSuffix(loc, "?q=trata") {
			t.Errorf("after typing trata the address is %s", loc)
		}
		tb.do(t, "opening the first result and coming back",
			chromedp.Click(chromedp.CSS(`#search-results li a`), chromedp.NodeVisible),
			chromedp.WaitNotPresent(chromedp.ID("q")),
			chromedp.NavigateBack(),
			chromedp.WaitVisible(chromedp.CSS(`#search-results li a`)),
		)
		if q := eval[string](t, tb, `document.getElementById("q").value`); q != "trata" {
			t.Errorf("back on the search page, the box reads %q", q)
		}
		// The other language's search gets the query too.
		if href := eval[string](t, tb, `document.querySelector("nav.languages a[hreflang=en]").getAttribute("href")`); !strings.HasSuffix(href, "search/index.html?q=trata") {
			t.Errorf("the link to the English search is %q", href)
		}
		tb.checkConsole(t)
	})

	t.Run("filters from the address", func(t *testing.T) {
		tb := b.newTab(t)
		// A link cut short by a messaging app: the filters still count.
		tb.do(t, "opening a broken address", chromedp.Navigate(fileURL(dir, "es/index.html")+"#level=good&country=%E0%A4%A"))
		if s := eval[string](t, tb, `document.querySelector(".shown").textContent.trim()`); s == "" {
			t.Error("with a broken address the filters count nothing")
		}
		tb.checkConsole(t)
		// A link within the page (#country=gt in the intro) applies its choice.
		tb.do(t, "following a link to a choice", chromedp.Evaluate[chromedp.Void](`location.hash = "country=gt"`), chromedp.Sleep(200*time.Millisecond))
		if v := eval[string](t, tb, `document.getElementById("f-country").value + "/" + document.getElementById("f-level").value`); v != "gt/" {
			t.Errorf("after #country=gt the country and level menus read %q, want gt/", v)
		}
		if href := eval[string](t, tb, `document.querySelector("nav.languages a[hreflang=en]").getAttribute("href")`); !strings.HasSuffix(href, "index.html#country=gt") {
			t.Errorf("the link to the English home is %q: it drops the choice", href)
		}
		// One card shown reads in the singular.
		one := eval[string](t, tb, `(() => {
			const status = document.querySelector(".shown"), form = document.querySelector("form.filters");
			const selects = Array.from(form.querySelectorAll("select"));
			const shown = () => Array.from(document.querySelectorAll(".cards .card")).filter(c => c.getClientRects().length > 0).length;
			for (const a of selects) for (const b of selects) for (const oa of a.options) for (const ob of b.options) {
				selects.forEach(s => s.value = "");
				a.value = oa.value;
				b.value = ob.value;
				form.dispatchEvent(new Event("change"));
				if (shown() === 1) return status.textContent;
			}
			return "";
		})()`)
		if one == "" {
			t.Fatal("no choice of two filters shows one practice: choose another way for this test")
		}
		if want := "Se muestra 1 de "; !strings.HasPrefix(one, want) {
			t.Errorf("one card shown reads %q, want %q…", one, want)
		}
		tb.checkConsole(t)
	})

	t.Run("many results", func(t *testing.T) {
		dir := synthSite(t)
		tb := b.newTab(t)
		tb.open(t, dir, "es/search/index.html")
		results, status := search(t, tb, "de")
		if len(results) != 100 {
			t.Fatalf("query de: %d results shown at first, want the first 100 (status %q)", len(results), status)
		}
		var all int
		if _, err := fmt.Sscan(status, &all); err != nil || all <= 150 {
			t.Fatalf("query de: the status %q does not give more than 150 results", status)
		}
		tb.do(t, "asking for the rest", chromedp.Click(chromedp.CSS(`#search-results li.more button`), chromedp.NodeVisible), chromedp.Sleep(200*time.Millisecond))
		if n := eval[int](t, tb, `document.querySelectorAll("#search-results li a").length`); n != all {
			t.Errorf("after 'show all' %d results shown, want %d", n, all)
		}
		if focused := eval[int](t, tb, `Array.from(document.querySelectorAll("#search-results li a")).indexOf(document.activeElement)`); focused != 100 {
			t.Errorf("after 'show all' the focus is on result %d, want the 101st (100)", focused)
		}
		tb.checkConsole(t)
	})

	// The console check itself must see what it is there to see.
	t.Run("console check catches errors", func(t *testing.T) {
		page := filepath.Join(t.TempDir(), "broken.html")
		err := os.WriteFile(page, []byte(`<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>broken</title></head><body><p>broken</p>`+
			`<script src="missing.js"></script><script>console.error("logged"); throw new Error("boom");</script></body></html>`), 0o644)
		if err != nil {
			t.Fatal(err)
		}
		tb := b.newTab(t)
		tb.do(t, "opening a broken page", chromedp.Navigate((&url.URL{Scheme: "file", Path: filepath.ToSlash(page)}).String()), chromedp.Sleep(300*time.Millisecond))
		tb.mu.Lock()
		got := strings.Join(tb.problems, "\n")
		tb.problems = nil
		tb.mu.Unlock()
		for _, want := range []string{"console.error: logged", "uncaught exception", "boom", "missing.js"} {
			if !strings.Contains(got, want) {
				t.Errorf("the console check missed %q; it saw:\n%s", want, got)
			}
		}
	})
}
