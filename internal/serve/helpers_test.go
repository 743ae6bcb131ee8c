package serve

import (
	"bufio"
	"bytes"
	"context"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"catalog/internal/iostreams"
)

// sampleDir is the sample catalog, relative to this package.
const sampleDir = "../../catalog"

// testDate is the build date of the sites under test.
var testDate = time.Unix(1764000000, 0).UTC()

// waitFor bounds every wait of these tests: a change that is not served by
// then fails the test (it is never a measure of speed).
const waitFor = 30 * time.Second

// copyCatalog copies the sample catalog into a temporary folder, for a
// test to change.
func copyCatalog(tb testing.TB) string {
	tb.Helper()
	dir := filepath.Join(tb.TempDir(), "catalog")
	if err := os.CopyFS(dir, os.DirFS(sampleDir)); err != nil {
		tb.Fatal(err)
	}
	return dir
}

// logBuffer is the terminal of a server under test.
type logBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *logBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *logBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

// testServer is a server on a free port of 127.0.0.1 and a client for it.
type testServer struct {
	*Server
	log    *logBuffer
	client *http.Client
}

// startServer serves dir until the test ends; the test fails if the server
// does not stop cleanly.
func startServer(tb testing.TB, dir string, tune ...func(*Options)) *testServer {
	tb.Helper()
	log := &logBuffer{}
	opt := Options{
		IO:   &iostreams.IO{In: strings.NewReader(""), Out: log, ErrOut: log, Getenv: func(string) string { return "" }},
		Dir:  dir,
		Date: testDate,
	}
	for _, f := range tune {
		f(&opt)
	}
	ctx, cancel := context.WithCancel(context.Background())
	s, err := Start(ctx, opt)
	if err != nil {
		cancel()
		tb.Fatalf("Start: %v", err)
	}
	ts := &testServer{Server: s, log: log, client: &http.Client{Timeout: waitFor, Transport: &http.Transport{}}}
	tb.Cleanup(func() {
		cancel()
		ts.client.CloseIdleConnections()
		stopped := make(chan error, 1)
		go func() { stopped <- s.Wait() }()
		select {
		case err := <-stopped:
			if err != nil {
				tb.Errorf("server stopped with %v", err)
			}
		case <-time.After(waitFor):
			tb.Errorf("server still running %v after its context ended", waitFor)
		}
		if tb.Failed() {
			tb.Logf("server log:\n%s", log)
		}
	})
	return ts
}

// get fetches a path of the server.
func (ts *testServer) get(tb testing.TB, path string) (int, http.Header, string) {
	tb.Helper()
	resp, err := ts.client.Get(ts.URL() + strings.TrimPrefix(path, "/"))
	if err != nil {
		tb.Fatalf("GET %s: %v", path, err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		tb.Fatalf("GET %s: %v", path, err)
	}
	return resp.StatusCode, resp.Header, string(body)
}

// pollPage fetches path until ok accepts the page, and fails the test after
// waitFor with what was last served.
func (ts *testServer) pollPage(tb testing.TB, path, what string, ok func(status int, body string) bool) string {
	tb.Helper()
	deadline := time.Now().Add(waitFor)
	for {
		status, _, body := ts.get(tb, path)
		if ok(status, body) {
			return body
		}
		if time.Now().After(deadline) {
			tb.Fatalf("%s: still not served after %v; last answer %d:\n%s", what, waitFor, status, excerpt(body))
		}
		time.Sleep(20 * time.Millisecond)
	}
}

func excerpt(s string) string {
	if len(s) > 3000 {
		return s[:3000] + "…"
	}
	return s
}

var titleLine = regexp.MustCompile(`(?m)^title: .*$`)

// setTitle rewrites the title of a practice file in place.
func setTitle(tb testing.TB, file, title string) {
	tb.Helper()
	writeFile(tb, file, titleLine.ReplaceAll(readFile(tb, file), []byte("title: "+title)))
}

func readFile(tb testing.TB, file string) []byte {
	tb.Helper()
	src, err := os.ReadFile(file)
	if err != nil {
		tb.Fatal(err)
	}
	if !titleLine.Match(src) {
		tb.Fatalf("%s has no title line", file)
	}
	return src
}

func writeFile(tb testing.TB, file string, data []byte) {
	tb.Helper()
	if err := os.WriteFile(file, data, 0o644); err != nil {
		tb.Fatal(err)
	}
}

// samplePractice picks a practice of the served site: its page and its
// source file in dir.
func samplePractice(tb testing.TB, ts *testServer, dir string) (page, file string) {
	tb.Helper()
	for _, name := range ts.state.Load().good.files.Names() {
		id, ok := strings.CutPrefix(name, "es/practices/")
		if !ok || !strings.HasSuffix(id, "/index.html") {
			continue
		}
		id = strings.TrimSuffix(id, "/index.html")
		file := filepath.Join(dir, "practices", id+".es.md")
		if _, err := os.Stat(file); err == nil {
			return "/es/practices/" + id + "/", file
		}
	}
	tb.Fatal("no practice page with a Spanish source in the site")
	return "", ""
}

// event is one server-sent event.
type event struct{ name, data string }

// eventStream reads /_catalog/events.
type eventStream struct {
	events chan event
	cancel context.CancelFunc
}

func (ts *testServer) openEvents(tb testing.TB) *eventStream {
	tb.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	req, _ := http.NewRequestWithContext(ctx, http.MethodGet, ts.URL()+strings.TrimPrefix(eventsPath, "/"), nil)
	client := &http.Client{Transport: ts.client.Transport} // no timeout: the stream lasts
	resp, err := client.Do(req)
	if err != nil {
		cancel()
		tb.Fatal(err)
	}
	if ct := resp.Header.Get("Content-Type"); resp.StatusCode != 200 || ct != "text/event-stream" {
		cancel()
		tb.Fatalf("events: %s, %q", resp.Status, ct)
	}
	es := &eventStream{events: make(chan event, 100), cancel: cancel}
	go func() {
		defer close(es.events)
		defer resp.Body.Close()
		sc := bufio.NewScanner(resp.Body)
		var ev event
		for sc.Scan() {
			line := sc.Text()
			switch {
			case line == "":
				if ev.name != "" {
					es.events <- ev
				}
				ev = event{}
			case strings.HasPrefix(line, "event: "):
				ev.name = strings.TrimPrefix(line, "event: ")
			case strings.HasPrefix(line, "data: "):
				ev.data = strings.TrimPrefix(line, "data: ")
			}
		}
	}()
	tb.Cleanup(cancel)
	return es
}

// next waits for the next event called name, skipping others.
func (es *eventStream) next(tb testing.TB, name string) event {
	tb.Helper()
	timeout := time.After(waitFor)
	for {
		select {
		case ev, ok := <-es.events:
			if !ok {
				tb.Fatalf("event stream ended before a %q event", name)
			}
			if ev.name == name {
				return ev
			}
		case <-timeout:
			tb.Fatalf("no %q event after %v", name, waitFor)
		}
	}
}
