package serve

import (
	"bytes"
	"context"
	"fmt"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"catalog/internal/browsertest"
)

// TestBrowserReload drives a real Chromium: a page open in it follows the
// edits of its practice by itself, through the overlay and back, without
// the test navigating. Like the tests of internal/sitetest it skips when
// Chromium is missing, unless CATALOG_REQUIRE_TOOLS=1 (CI).
func TestBrowserReload(t *testing.T) {
	ctx := browsertest.Start(t, 3*time.Minute)
	dir := copyCatalog(t)
	ts := startServer(t, dir)
	page, file := samplePractice(t, ts, dir)

	if err := chromedp.Do(ctx, chromedp.Navigate(ts.URL()+strings.TrimPrefix(page, "/"))); err != nil {
		t.Fatalf("opening %s: %v", page, err)
	}
	before := waitTitle(t, ctx, "the page", func(string) bool { return true })
	if strings.HasPrefix(before, "Visto en el navegador") {
		t.Fatalf("the page already has the test's title: %q", before)
	}

	setTitle(t, file, "Visto en el navegador")
	waitTitle(t, ctx, "the new title", func(title string) bool { return strings.HasPrefix(title, "Visto en el navegador · ") })
	if nav := evalString(t, ctx, `performance.getEntriesByType("navigation")[0].type`); nav != "reload" {
		t.Errorf("the page shows the new title after a %q, want a reload", nav)
	}

	good := readFile(t, file)
	writeFile(t, file, bytes.Replace(good, []byte("\ntitle: "), []byte("\ntitle: [unclosed\ntitle: "), 1))
	waitTitle(t, ctx, "the overlay", func(title string) bool { return strings.HasSuffix(title, "· catalog serve") })
	if text := evalString(t, ctx, `document.body.innerText`); !strings.Contains(text, filepath.Base(file)+":") || !strings.Contains(text, "[yaml-syntax]") {
		t.Errorf("the overlay does not name the file and the problem:\n%s", text)
	}

	writeFile(t, file, good)
	waitTitle(t, ctx, "the page after the fix", func(title string) bool { return strings.HasPrefix(title, "Visto en el navegador · ") })
}

// waitTitle reads the page's title until ok accepts it. A read that fails
// while the page reloads is tried again.
func waitTitle(t *testing.T, ctx context.Context, what string, ok func(string) bool) string {
	t.Helper()
	deadline := time.Now().Add(waitFor)
	last := ""
	for {
		if title, err := evalStringErr(ctx, `document.readyState === "complete" ? document.title : ""`); err == nil && title != "" {
			if last = title; ok(title) {
				return title
			}
		}
		if time.Now().After(deadline) {
			t.Fatalf("%s: not shown after %v; the title is %q", what, waitFor, last)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

func evalString(t *testing.T, ctx context.Context, expr string) string {
	t.Helper()
	s, err := evalStringErr(ctx, expr)
	if err != nil {
		t.Fatalf("evaluating %s: %v", expr, err)
	}
	return s
}

func evalStringErr(ctx context.Context, expr string) (string, error) {
	ctx, cancel := context.WithTimeout(ctx, 5*time.Second)
	defer cancel()
	s, err := chromedp.Run(ctx, chromedp.Evaluate[string](expr))
	if err != nil {
		return "", fmt.Errorf("%s: %w", expr, err)
	}
	return s, nil
}
