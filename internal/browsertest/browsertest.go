// Package browsertest starts a headless Chromium for the real-browser
// tests (internal/sitetest, internal/serve), with the same options for
// all: no sandbox, no GPU, a profile of its own, and nothing that would
// try to reach the network, which the test machines do not have. Only
// tests import it.
package browsertest

import (
	"context"
	"os"
	"os/exec"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// Start starts Chromium with one tab, stopped by the test's cleanup, and
// returns the tab's context; timeout bounds the whole browser. Without
// Chromium on PATH the test is skipped, or fails under
// CATALOG_REQUIRE_TOOLS=1 (CI), so that nothing goes silently untested.
func Start(t testing.TB, timeout time.Duration) context.Context {
	t.Helper()
	exe := chromium(t)
	profile := t.TempDir() // before the cancel below, so removed after it
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(exe),
		chromedp.Headless,
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.NoFirstRun,
		chromedp.UserDataDir(profile),
		// No network on the test machines: nothing may try to reach it.
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
	)
	ctx, cancelTimeout := context.WithTimeout(context.Background(), timeout)
	actx, cancelAlloc := chromedp.NewExecAllocator(ctx, opts...)
	bctx, cancelBrowser := chromedp.NewContext(actx)
	t.Cleanup(func() {
		cancelBrowser()
		cancelAlloc()
		cancelTimeout()
	})
	if err := chromedp.Do(bctx); err != nil { // starts the browser
		t.Fatalf("starting %s: %v", exe, err)
	}
	return bctx
}

// chromium finds Chromium on PATH, under either of Debian's and Ubuntu's
// names.
func chromium(t testing.TB) string {
	t.Helper()
	for _, p := range []string{"chromium", "chromium-browser"} {
		if path, err := exec.LookPath(p); err == nil {
			return path
		}
	}
	msg := "chromium not found (none of chromium, chromium-browser is on PATH)"
	if os.Getenv("CATALOG_REQUIRE_TOOLS") == "1" {
		t.Fatalf("%s; CATALOG_REQUIRE_TOOLS=1 requires it", msg)
	}
	t.Skipf("%s; skipping (set CATALOG_REQUIRE_TOOLS=1 to fail instead)", msg)
	return ""
}
