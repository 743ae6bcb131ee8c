package serve

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io/fs"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"catalog/internal/build"
	"catalog/internal/config"
	"catalog/internal/diag"
	"catalog/internal/iostreams"
	"catalog/internal/lang"
	"catalog/internal/site"
)

// TestEditReload: an edit is served without a restart; broken YAML makes
// every page the overlay, naming the file and the line, and the fix brings
// the page back.
func TestEditReload(t *testing.T) {
	dir := copyCatalog(t)
	ts := startServer(t, dir)
	page, file := samplePractice(t, ts, dir)

	status, header, body := ts.get(t, page)
	if status != 200 || !strings.HasPrefix(header.Get("Content-Type"), "text/html") || !strings.Contains(body, "<title>") {
		t.Fatalf("GET %s: %d %q\n%s", page, status, header.Get("Content-Type"), excerpt(body))
	}
	if strings.Contains(body, "Servido en vivo") {
		t.Fatal("the sample already has the test's title")
	}

	setTitle(t, file, "Servido en vivo")
	ts.pollPage(t, page, "the new title", func(status int, body string) bool {
		return status == 200 && strings.Contains(body, "<title>Servido en vivo · ")
	})

	good := readFile(t, file)
	broken := bytes.Replace(good, []byte("\ntitle: "), []byte("\ntitle: [unclosed\ntitle: "), 1)
	writeFile(t, file, broken)
	where := regexp.MustCompile(regexp.QuoteMeta(filepath.Base(file)) + `:(\d+)`)
	body = ts.pollPage(t, page, "the overlay", func(status int, body string) bool {
		return status == 200 && strings.Contains(body, "· catalog serve</title>") && where.MatchString(body)
	})
	if !strings.Contains(body, "title: [unclosed") || !strings.Contains(body, "[yaml-syntax]") {
		t.Errorf("the overlay does not quote the broken line and its rule:\n%s", excerpt(body))
	}
	if !strings.Contains(body, scriptPath) {
		t.Error("the overlay lacks the live-reload script: fixing the file would not reload it")
	}
	// The file just saved comes first, before what follows from it.
	if r := strings.Index(body, "[related]"); r >= 0 && r < strings.Index(body, "[yaml-syntax]") {
		t.Errorf("the overlay does not start with the saved file's problem:\n%s", excerpt(body))
	}
	// Other files keep being served from the last good site.
	if status, _, css := ts.get(t, "/assets/style.css"); status != 200 || css == "" {
		t.Errorf("style.css while broken: %d", status)
	}

	writeFile(t, file, good)
	ts.pollPage(t, page, "the page again after the fix", func(status int, body string) bool {
		return status == 200 && strings.Contains(body, "<title>Servido en vivo · ")
	})
	log := ts.log.String()
	for _, want := range []string{"rebuilt in ", "error: ", "[yaml-syntax]", " error", "the pages show them until they are fixed"} {
		if !strings.Contains(log, want) {
			t.Errorf("the terminal lacks %q:\n%s", want, log)
		}
	}
}

// TestSaveByRename: editors that write a new file and rename it over the
// old one, or delete the old one and create it again, are seen; so are
// files in a folder made after serve started.
func TestSaveByRename(t *testing.T) {
	dir := copyCatalog(t)
	ts := startServer(t, dir)
	page, file := samplePractice(t, ts, dir)
	titled := func(title string) func(int, string) bool {
		return func(status int, body string) bool {
			return status == 200 && strings.Contains(body, "<title>"+title+" · ")
		}
	}

	tmp := filepath.Join(filepath.Dir(file), "."+filepath.Base(file)+".swp-tmp")
	writeFile(t, tmp, titleLine.ReplaceAll(readFile(t, file), []byte("title: Guardado con rename")))
	if err := os.Rename(tmp, file); err != nil {
		t.Fatal(err)
	}
	ts.pollPage(t, page, "a save by rename", titled("Guardado con rename"))

	src := titleLine.ReplaceAll(readFile(t, file), []byte("title: Borrado y creado"))
	if err := os.Remove(file); err != nil {
		t.Fatal(err)
	}
	writeFile(t, file, src)
	ts.pollPage(t, page, "a save by delete and create", titled("Borrado y creado"))

	sub := filepath.Join(dir, "practices", "nuevas")
	if err := os.Mkdir(sub, 0o755); err != nil {
		t.Fatal(err)
	}
	moved := filepath.Join(sub, "zz-practica-nueva.es.md")
	writeFile(t, moved, titleLine.ReplaceAll(src, []byte("title: En carpeta nueva")))
	ts.pollPage(t, "/es/practices/zz-practica-nueva/", "a practice in a new folder", titled("En carpeta nueva"))
	setTitle(t, moved, "Cambiada en carpeta nueva")
	ts.pollPage(t, "/es/practices/zz-practica-nueva/", "an edit in a new folder", titled("Cambiada en carpeta nueva"))
}

// TestRenamedFolder: after a folder of practices is renamed, a save in it
// rebuilds. Watching the new name at once got the rename's own watch,
// which fsnotify then dropped when it heard that the old name had moved:
// later saves in the folder were not seen.
func TestRenamedFolder(t *testing.T) {
	dir := copyCatalog(t)
	sub := filepath.Join(dir, "practices", "sub")
	if err := os.Mkdir(sub, 0o755); err != nil {
		t.Fatal(err)
	}
	for _, lang := range []string{"es", "en"} {
		name := "gt-svet." + lang + ".md"
		if err := os.Rename(filepath.Join(dir, "practices", name), filepath.Join(sub, name)); err != nil {
			t.Fatal(err)
		}
	}
	ts := startServer(t, dir)
	es := ts.openEvents(t)
	es.next(t, "hello")
	renamed := filepath.Join(dir, "practices", "renamed")
	if err := os.Rename(sub, renamed); err != nil {
		t.Fatal(err)
	}
	es.next(t, "reload")
	setTitle(t, filepath.Join(renamed, "gt-svet.es.md"), "En carpeta renombrada")
	es.next(t, "reload")
	ts.pollPage(t, "/es/practices/gt-svet/", "a save in a renamed folder", func(status int, body string) bool {
		return status == 200 && strings.Contains(body, "En carpeta renombrada")
	})
}

// TestEvents: the event stream says hello with the current build, then
// reload after a rebuild, successful or not.
func TestEvents(t *testing.T) {
	dir := copyCatalog(t)
	ts := startServer(t, dir)
	_, file := samplePractice(t, ts, dir)
	es := ts.openEvents(t)
	hello := es.next(t, "hello")
	if want := ts.run + "-1"; hello.data != want {
		t.Errorf("hello: data %q, want the first build, %q", hello.data, want)
	}
	build := func(ev event) int {
		n, err := strconv.Atoi(strings.TrimPrefix(ev.data, ts.run+"-"))
		if err != nil {
			t.Errorf("%s: data %q is not a build of this run", ev.name, ev.data)
		}
		return n
	}
	setTitle(t, file, "Evento")
	reload := es.next(t, "reload")
	if n := build(reload); n <= 1 {
		t.Errorf("reload after an edit: data %q, want a later build than 1", reload.data)
	}
	good := readFile(t, file)
	writeFile(t, file, bytes.Replace(good, []byte("\ntitle: "), []byte("\ntitle: [\n"), 1))
	failed := es.next(t, "reload")
	if build(failed) <= build(reload) {
		t.Errorf("reload after a failed rebuild: data %q after %q", failed.data, reload.data)
	}
}

// TestRunsDiffer: a page that one run of serve served, still open when
// serve is started again, reloads. The first build of every run was 1,
// and a page of the last run's first build took the new one's for its
// own.
func TestRunsDiffer(t *testing.T) {
	first := startServer(t, sampleDir)
	_, _, body := first.get(t, "/es/")
	second := startServer(t, sampleDir)
	hello := second.openEvents(t).next(t, "hello")
	if strings.Contains(body, `data-generation="`+hello.data+`"`) {
		t.Errorf("a page of the first run says it shows %q, which the second run's first build also is", hello.data)
	}
}

// TestUnchangedSave: saving the same bytes again neither renders the site
// nor reloads the pages (nor throws the books away).
func TestUnchangedSave(t *testing.T) {
	dir := copyCatalog(t)
	ts := startServer(t, dir)
	_, file := samplePractice(t, ts, dir)
	gen := ts.state.Load().gen
	builds := ts.siteBuilds.Load()
	writeFile(t, file, readFile(t, file))
	deadline := time.Now().Add(waitFor)
	for !strings.Contains(ts.log.String(), "no change") {
		if time.Now().After(deadline) {
			t.Fatalf("the save was not seen:\n%s", ts.log)
		}
		time.Sleep(10 * time.Millisecond)
	}
	if n := ts.siteBuilds.Load(); n != builds {
		t.Errorf("a save without change rendered the site again")
	}
	if got := ts.state.Load().gen; got != gen {
		t.Errorf("a save without change moved the pages from build %d to %d", gen, got)
	}
}

// TestBurst: saves in a burst rebuild once.
func TestBurst(t *testing.T) {
	dir := copyCatalog(t)
	// A long quiet time, so that the burst below is one burst on any
	// machine.
	ts := startServer(t, dir, func(o *Options) { o.Debounce = time.Second })
	page, file := samplePractice(t, ts, dir)
	builds := ts.siteBuilds.Load()
	for i := range 5 {
		setTitle(t, file, fmt.Sprintf("Ráfaga %d", i))
	}
	ts.pollPage(t, page, "the last save of the burst", func(status int, body string) bool {
		return strings.Contains(body, "<title>Ráfaga 4 · ")
	})
	if n := ts.siteBuilds.Load() - builds; n != 1 {
		t.Errorf("5 saves in a burst rebuilt %d times, want 1", n)
	}
}

// TestBook: a book is drawn on the first request, served again without
// drawing until something changes, and drawn once for requests at the
// same time.
func TestBook(t *testing.T) {
	dir := copyCatalog(t)
	ts := startServer(t, dir)
	_, file := samplePractice(t, ts, dir)
	if n := ts.made.Load(); n != 0 {
		t.Fatalf("%d books drawn before any was asked for", n)
	}
	status, header, first := ts.get(t, "/catalog.es.pdf")
	if status != 200 || header.Get("Content-Type") != "application/pdf" || !strings.HasPrefix(first, "%PDF-") {
		t.Fatalf("catalog.es.pdf: %d %q %q", status, header.Get("Content-Type"), excerpt(first[:min(len(first), 20)]))
	}
	_, _, again := ts.get(t, "/catalog.es.pdf")
	if again != first {
		t.Error("the book changed without a change to the catalog")
	}
	if n := ts.made.Load(); n != 1 {
		t.Errorf("two requests drew the book %d times, want 1", n)
	}

	setTitle(t, file, "Libro nuevo")
	ts.pollPage(t, "/es/", "the rebuild", func(status int, body string) bool { return strings.Contains(body, "Libro nuevo") })
	var wg sync.WaitGroup
	books := make([]string, 4)
	for i := range books {
		wg.Go(func() {
			resp, err := ts.client.Get(ts.URL() + "catalog.es.pdf")
			if err != nil {
				return
			}
			defer resp.Body.Close()
			var b bytes.Buffer
			b.ReadFrom(resp.Body)
			books[i] = b.String()
		})
	}
	wg.Wait()
	for i, b := range books {
		if !strings.HasPrefix(b, "%PDF-") || b != books[0] {
			t.Errorf("request %d at the same time got another book (%d bytes)", i, len(b))
		}
	}
	if books[0] == first {
		t.Error("the book was not drawn again after a change")
	}
	if n := ts.made.Load(); n != 2 {
		t.Errorf("4 requests after a change: %d drawings in all, want 2", n)
	}
	if status, _, en := ts.get(t, "/catalog.en.pdf"); status != 200 || !strings.HasPrefix(en, "%PDF-") {
		t.Errorf("catalog.en.pdf: %d", status)
	}
}

// TestPortInUse: the error says which port is taken and which to try.
func TestPortInUse(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	port := ln.Addr().(*net.TCPAddr).Port
	io, _, _ := iostreams.Test("")
	_, err = Start(context.Background(), Options{IO: io, Dir: sampleDir, Port: port})
	want := regexp.MustCompile(fmt.Sprintf(`^port %d is in use: try --port \d+$`, port))
	if err == nil || !want.MatchString(err.Error()) {
		t.Errorf("port in use: %v; want %q", err, want)
	}
}

// TestScriptOnlyInServe: served pages load the live-reload script; the
// pages `catalog build` writes do not.
func TestScriptOnlyInServe(t *testing.T) {
	ts := startServer(t, sampleDir)
	_, _, body := ts.get(t, "/es/")
	if !strings.Contains(body, `<script src="`+scriptPath+`" data-generation="`+ts.run+`-1"></script>`+"\n</body>") {
		t.Errorf("served page lacks the script before </body>:\n%s", excerpt(body[max(0, len(body)-500):]))
	}
	status, header, js := ts.get(t, scriptPath)
	if status != 200 || !strings.HasPrefix(header.Get("Content-Type"), "text/javascript") || !strings.Contains(js, "EventSource") {
		t.Errorf("%s: %d %q", scriptPath, status, header.Get("Content-Type"))
	}

	out := filepath.Join(t.TempDir(), "public")
	io, _, stderr := iostreams.Test("")
	if code, err := build.Run(build.Options{IO: io, Dir: sampleDir, Out: out, Date: testDate, Targets: []string{"html", "data"}}); code != 0 || err != nil {
		t.Fatalf("build: %d %v\n%s", code, err, stderr)
	}
	pages := 0
	filepath.WalkDir(out, func(path string, e fs.DirEntry, err error) error {
		if err != nil || e.IsDir() {
			return err
		}
		data, _ := os.ReadFile(path)
		if bytes.Contains(data, []byte("_catalog/")) || bytes.Contains(data, []byte("EventSource")) {
			t.Errorf("build output %s has serve's script", path)
		}
		if strings.HasSuffix(path, ".html") {
			pages++
		}
		return nil
	})
	if pages == 0 {
		t.Fatal("build wrote no page")
	}
}

// TestRoutes: addresses, types, redirects, the 404 page and what serve
// refuses.
func TestRoutes(t *testing.T) {
	ts := startServer(t, sampleDir)
	page, _ := samplePractice(t, ts, sampleDir)
	for _, tc := range []struct {
		path   string
		status int
		ctype  string
		has    string
	}{
		{"/", 200, "text/html; charset=utf-8", "<html"},
		{"/index.html", 200, "text/html; charset=utf-8", "<html"},
		{"/es/", 200, "text/html; charset=utf-8", "<html"},
		{page, 200, "text/html; charset=utf-8", "<title>"},
		{page + "index.html", 200, "text/html; charset=utf-8", "<title>"},
		{"/assets/style.css", 200, "text/css; charset=utf-8", "{"},
		{"/catalog.json", 200, "application/json", "["},
		{"/catalog.csv", 200, "text/csv; charset=utf-8", ","},
		{"/no/such/page/", 404, "text/html; charset=utf-8", scriptPath},
		{"/../../etc/passwd", 404, "text/html; charset=utf-8", "Not found"},
	} {
		status, header, body := ts.get(t, tc.path)
		if status != tc.status || header.Get("Content-Type") != tc.ctype || !strings.Contains(body, tc.has) {
			t.Errorf("GET %s: %d %q, want %d %q with %q", tc.path, status, header.Get("Content-Type"), tc.status, tc.ctype, tc.has)
		}
	}

	noRedirect := &http.Client{Transport: ts.client.Transport, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	resp, err := noRedirect.Get(ts.URL() + strings.Trim(page, "/"))
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusMovedPermanently || resp.Header.Get("Location") != page {
		t.Errorf("a folder without its slash: %s to %q, want a redirect to %s", resp.Status, resp.Header.Get("Location"), page)
	}

	resp, err = ts.client.Post(ts.URL(), "text/plain", strings.NewReader("x"))
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusMethodNotAllowed {
		t.Errorf("POST: %s", resp.Status)
	}

	req, _ := http.NewRequest(http.MethodGet, ts.URL(), nil)
	req.Host = "attacker.example"
	resp, err = ts.client.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusForbidden {
		t.Errorf("a request for another host name: %s, want 403", resp.Status)
	}
}

// TestBrokenAtStart: a catalog with errors is served as the overlay from
// the start, and its fix brings the site; a folder that is not a catalog
// is an error.
func TestBrokenAtStart(t *testing.T) {
	dir := copyCatalog(t)
	page := "/es/practices/cr-equipo-respuesta-inmediata/"
	file := filepath.Join(dir, "practices", "cr-equipo-respuesta-inmediata.es.md")
	good := readFile(t, file)
	writeFile(t, file, bytes.Replace(good, []byte("\ncountries: ["), []byte("\ncountries: [XX, "), 1))
	ts := startServer(t, dir)
	status, _, body := ts.get(t, page)
	if status != 200 || !strings.Contains(body, "[country-code]") || !strings.Contains(body, scriptPath) {
		t.Fatalf("a catalog broken from the start: %d\n%s", status, excerpt(body))
	}
	if status, _, _ := ts.get(t, "/catalog.es.pdf"); status != 404 {
		t.Errorf("a book before any good build: %d, want 404", status)
	}
	writeFile(t, file, good)
	ts.pollPage(t, page, "the site after the fix", func(status int, body string) bool {
		return status == 200 && !strings.Contains(body, "catalog serve</title>")
	})

	io, _, _ := iostreams.Test("")
	_, err := Start(context.Background(), Options{IO: io, Dir: t.TempDir(), Port: 0})
	if err == nil || !strings.Contains(err.Error(), "not a catalog") {
		t.Errorf("a folder without catalog.yaml: %v", err)
	}
}

// TestStop: stopping ends the event streams and every goroutine, and
// returns promptly.
func TestStop(t *testing.T) {
	before := runtime.NumGoroutine()
	log := &logBuffer{}
	ctx, cancel := context.WithCancel(context.Background())
	s, err := Start(ctx, Options{IO: &iostreams.IO{Out: log, ErrOut: log, Getenv: func(string) string { return "" }}, Dir: sampleDir, Date: testDate})
	if err != nil {
		t.Fatal(err)
	}
	transport := &http.Transport{}
	ts := &testServer{Server: s, log: log, client: &http.Client{Transport: transport, Timeout: waitFor}}
	es := ts.openEvents(t)
	es.next(t, "hello")
	ts.get(t, "/es/")

	start := time.Now()
	cancel()
	done := make(chan error, 1)
	go func() { done <- s.Wait() }()
	select {
	case err := <-done:
		if err != nil {
			t.Errorf("Wait: %v", err)
		}
	case <-time.After(waitFor):
		t.Fatalf("still serving %v after the stop", waitFor)
	}
	if took := time.Since(start); took >= shutdownTimeout {
		t.Errorf("stopping took %v: an open event stream held it up", took)
	}
	for range es.events { // the stream ends
	}
	transport.CloseIdleConnections()
	deadline := time.Now().Add(waitFor)
	for runtime.NumGoroutine() > before {
		if time.Now().After(deadline) {
			buf := make([]byte, 1<<20)
			t.Fatalf("%d goroutines before, %d after the stop:\n%s", before, runtime.NumGoroutine(), buf[:runtime.Stack(buf, true)])
		}
		time.Sleep(10 * time.Millisecond)
	}
}

// TestRun: Run says where it serves, and stops with exit 0 when its
// context ends (Ctrl-C).
func TestRun(t *testing.T) {
	log := &logBuffer{}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	type result struct {
		code int
		err  error
	}
	done := make(chan result, 1)
	go func() {
		code, err := Run(ctx, Options{IO: &iostreams.IO{Out: log, ErrOut: log, Getenv: func(string) string { return "" }}, Dir: sampleDir, Date: testDate})
		done <- result{code, err}
	}()
	serving := regexp.MustCompile(`(?m)^Serving \.\./\.\./catalog at http://127\.0\.0\.1:\d+/ \(Ctrl-C to stop\)$`)
	deadline := time.Now().Add(waitFor)
	for !serving.MatchString(log.String()) {
		select {
		case r := <-done:
			t.Fatalf("Run returned %d, %v before serving:\n%s", r.code, r.err, log)
		default:
		}
		if time.Now().After(deadline) {
			t.Fatalf("no Serving line after %v:\n%s", waitFor, log)
		}
		time.Sleep(10 * time.Millisecond)
	}
	cancel()
	select {
	case r := <-done:
		if r.code != diag.ExitOK || r.err != nil {
			t.Errorf("Run after the stop: %d, %v; want 0", r.code, r.err)
		}
	case <-time.After(waitFor):
		t.Fatal("Run did not return after the stop")
	}
	if !strings.Contains(log.String(), "built ") {
		t.Errorf("no line for the first build:\n%s", log)
	}
}

// TestOverlay: the overlay lists every problem as validate prints it, the
// saved file's first, with the lines around an error; a catalog that
// cannot be built at all says why.
func TestOverlay(t *testing.T) {
	dir := t.TempDir()
	saved := filepath.Join(dir, "b.es.md")
	other := filepath.Join(dir, "a.es.md")
	writeFile(t, saved, []byte("---\ntitle: x\ncountries: [XX]\n---\n"))
	rule := &diag.Rule{ID: "country-code", Severity: diag.Error}
	warn := &diag.Rule{ID: "glyph", Severity: diag.Warning}
	st := &state{changed: []string{saved}, problems: []diag.Diagnostic{
		diag.New(rule, other, 7, 14, "no practice %q", "b"),
		diag.New(warn, other, 9, 0, "a <b>warning</b>"),
		diag.New(rule, saved, 3, 12, "unknown country code %q", "XX"),
	}}
	page := string(overlay(st, dir, lang.For("en")))
	for _, want := range []string{
		"<title>The catalog has 2 errors, 1 warning · catalog serve</title>",
		`<span class="where">` + saved + `:3:12</span>: <span class="error">error</span>: unknown country code &#34;XX&#34; [country-code]`,
		`&gt;    3 | countries: [XX]`,
		`<span class="where">` + other + `:9</span>: <span class="warning">warning</span>: a &lt;b&gt;warning&lt;/b&gt; [glyph]`,
	} {
		if !strings.Contains(page, want) {
			t.Errorf("the overlay lacks %s:\n%s", want, page)
		}
	}
	if strings.Index(page, saved+":3:12") > strings.Index(page, other+":7:14") {
		t.Errorf("the saved file's problem is not first:\n%s", page)
	}

	st = &state{failure: errors.New("no catalog.yaml in x/: that folder is not a catalog")}
	if page := string(overlay(st, "", lang.For("en"))); !strings.Contains(page, "The catalog cannot be built") || !strings.Contains(page, "that folder is not a catalog") {
		t.Errorf("the overlay of a failure:\n%s", page)
	}
	_, _, nowhere := config.Load(filepath.Join(dir, "nowhere"))
	st = &state{failure: nowhere}
	if page := string(overlay(st, "", lang.For("es"))); !strings.Contains(page, "esa carpeta no es un catálogo") {
		t.Errorf("the Spanish overlay of a failure:\n%s", page)
	}
	// In Spanish: the page's language, its title and what it says.
	st = &state{changed: []string{saved}, problems: []diag.Diagnostic{diag.New(rule, saved, 3, 12, "unknown country code %q", "XX")}}
	page = string(overlay(st, dir, lang.For("es")))
	for _, want := range []string{`<html lang="es">`, "<title>El catálogo tiene 1 error · catalog serve</title>", "El sitio no se recompila hasta que se corrija."} {
		if !strings.Contains(page, want) {
			t.Errorf("the Spanish overlay lacks %s:\n%s", want, page)
		}
	}
}

// TestHiddenMedia: a body may show a hidden file of media, and the site
// copies it; a change to that file is a change to the site. serve skipped
// hidden files everywhere, and served the old image until another save.
func TestHiddenMedia(t *testing.T) {
	dir := copyCatalog(t)
	png, err := os.ReadFile("../../testdata/validate/media/diagram.png")
	if err != nil {
		t.Fatal(err)
	}
	image := filepath.Join(dir, "media", ".esquema.png")
	if err := os.Mkdir(filepath.Dir(image), 0o755); err != nil {
		t.Fatal(err)
	}
	writeFile(t, image, png)
	ts := startServer(t, dir)
	page, file := samplePractice(t, ts, dir)
	writeFile(t, file, append(readFile(t, file), "\n![Esquema](../media/.esquema.png)\n"...))
	ts.pollPage(t, page, "the page with the image", func(status int, body string) bool {
		return status == 200 && strings.Contains(body, ".esquema.png")
	})
	if status, _, body := ts.get(t, "/media/.esquema.png"); status != 200 || body != string(png) {
		t.Fatalf("GET /media/.esquema.png: %d, %d bytes, want the %d of the image", status, len(body), len(png))
	}
	es := ts.openEvents(t)
	es.next(t, "hello")
	changed := append(bytes.Clone(png), "otra versión"...)
	writeFile(t, image, changed)
	es.next(t, "reload")
	if status, _, body := ts.get(t, "/media/.esquema.png"); status != 200 || body != string(changed) {
		t.Errorf("GET /media/.esquema.png after the change: %d, %d bytes, want %d", status, len(body), len(changed))
	}
}

// TestRunawayTemplate: a catalog's template that never ends is stopped at
// the page's time limit, shown in the overlay with its file and line, and
// serve goes on serving; the fix brings the pages back.
func TestRunawayTemplate(t *testing.T) {
	dir := copyCatalog(t)
	ts := startServer(t, dir, func(o *Options) { o.Limits = site.Limits{Time: time.Second, Size: 1 << 20} })
	page, _ := samplePractice(t, ts, dir)
	if err := os.MkdirAll(filepath.Join(dir, "templates", "html"), 0o755); err != nil {
		t.Fatal(err)
	}
	own := filepath.Join(dir, "templates", "html", "practice.html")
	writeFile(t, own, []byte("{{define \"main\"}}\n{{range 1000}}{{range 1000}}{{range 1000}}{{range 1000}}{{end}}{{end}}{{end}}{{end}}{{end}}"))
	body := ts.pollPage(t, page, "the overlay", func(status int, body string) bool {
		return status == 200 && strings.Contains(body, "The catalog cannot be built")
	})
	if !strings.Contains(body, "templates/html/practice.html:2: page ") || !strings.Contains(body, "longer than 1s") {
		t.Errorf("the overlay does not name the template and the page:\n%s", excerpt(body))
	}
	if err := os.Remove(own); err != nil {
		t.Fatal(err)
	}
	ts.pollPage(t, page, "the page again after the fix", func(status int, body string) bool {
		return status == 200 && !strings.Contains(body, "The catalog cannot be built")
	})
	if log := ts.log.String(); !strings.Contains(log, "templates/html/practice.html:2: page ") {
		t.Errorf("the terminal does not say which template:\n%s", log)
	}
}

// TestRunStopsDuringRunawayBuild: Ctrl-C ends Run within a moment even
// while the first build runs a catalog's template that loops without end
// (it would run for the whole time budget of a page).
func TestRunStopsDuringRunawayBuild(t *testing.T) {
	dir := copyCatalog(t)
	loop := `{{define "main"}}{{range 1000}}{{range 1000}}{{range 1000}}{{range 1000}}{{end}}{{end}}{{end}}{{end}}{{end}}`
	if err := os.MkdirAll(filepath.Join(dir, "templates", "html"), 0o755); err != nil {
		t.Fatal(err)
	}
	writeFile(t, filepath.Join(dir, "templates", "html", "practice.html"), []byte(loop))
	log := &logBuffer{}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan int, 1)
	go func() {
		code, _ := Run(ctx, Options{IO: &iostreams.IO{Out: log, ErrOut: log, Getenv: func(string) string { return "" }}, Dir: dir, Date: testDate, Limits: site.Limits{Time: time.Minute}})
		done <- code
	}()
	time.Sleep(300 * time.Millisecond) // into the first build
	cancel()
	select {
	case code := <-done:
		if code != diag.ExitOK {
			t.Errorf("Run after Ctrl-C: exit %d, want 0", code)
		}
	case <-time.After(20 * time.Second): // far less than the page's minute
		t.Fatalf("Run still running 20 s after Ctrl-C:\n%s", log)
	}
}

// TestDossier: a country page's link to its dossier is served, drawn on
// request as the books are; a country without a page has none.
func TestDossier(t *testing.T) {
	dir := copyCatalog(t)
	ts := startServer(t, dir)
	status, _, page := ts.get(t, "/es/countries/cr/")
	if status != 200 || !strings.Contains(page, `href="dossier.pdf"`) {
		t.Fatalf("/es/countries/cr/: %d, link to dossier.pdf: %v", status, strings.Contains(page, `href="dossier.pdf"`))
	}
	status, header, pdf := ts.get(t, "/es/countries/cr/dossier.pdf")
	if status != 200 || header.Get("Content-Type") != "application/pdf" || !strings.HasPrefix(pdf, "%PDF-") {
		t.Fatalf("dossier.pdf: %d %q %q", status, header.Get("Content-Type"), excerpt(pdf[:min(len(pdf), 20)]))
	}
	if status, _, _ := ts.get(t, "/es/countries/zz/dossier.pdf"); status != 404 {
		t.Errorf("a dossier of no country: %d, want 404", status)
	}
}

// TestNotFoundPage: serve's page for a missing address speaks the user's
// language, says the address escaped, and names its language (it once
// printed lang="{{.Lang}}" as it was).
func TestNotFoundPage(t *testing.T) {
	es := string(notFound("/es/<b>x", lang.For("es")))
	for _, want := range []string{`<html lang="es">`, "<title>Página no encontrada · catalog serve</title>", "El sitio no tiene ninguna página en <code>/es/&lt;b&gt;x</code>", `<a href="/">Ir al inicio</a>`} {
		if !strings.Contains(es, want) {
			t.Errorf("the Spanish page lacks %q:\n%s", want, es)
		}
	}
	if en := string(notFound("/x", lang.For("en"))); !strings.Contains(en, `<html lang="en">`) || !strings.Contains(en, "<h1>Not found</h1>") {
		t.Errorf("the English page:\n%s", en)
	}
}
