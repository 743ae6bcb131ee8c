package serve

import (
	"bytes"
	_ "embed"
	"fmt"
	"html/template"
	"mime"
	"net"
	"net/http"
	"path"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/nicksnyder/go-i18n/v2/i18n"

	"catalog/internal/diag"
	"catalog/internal/gate"
	"catalog/internal/lang"
	"catalog/internal/output"
)

// The server's own addresses, beside the site's files.
const (
	eventsPath = "/_catalog/events"
	scriptPath = "/_catalog/live.js"
)

// liveScript is what served pages load: it reloads the page when the site
// is rebuilt. It is served, never written by `catalog build`.
//
//go:embed live.js
var liveScript []byte

// keepAlive is how often an idle event stream says something, so that
// proxies and browsers do not take it for a dead connection.
const keepAlive = 30 * time.Second

// ServeHTTP serves the site from memory: the current state's files, the
// overlay while the catalog has errors, the books on request, and the event
// stream that reloads the pages.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		w.Header().Set("Allow", "GET, HEAD")
		http.Error(w, "catalog serve only reads: use GET", http.StatusMethodNotAllowed)
		return
	}
	if s.loopback && !localHost(r.Host) {
		// A page elsewhere on the web that renames itself to 127.0.0.1
		// (DNS rebinding) must not read the drafts.
		http.Error(w, "catalog serve answers only to localhost: use --bind to serve to other machines", http.StatusForbidden)
		return
	}
	w.Header().Set("Cache-Control", "no-store") // a rebuild changes any file
	w.Header().Set("X-Content-Type-Options", "nosniff")
	switch r.URL.Path {
	case eventsPath:
		s.events(w, r)
		return
	case scriptPath:
		w.Header().Set("Content-Type", "text/javascript; charset=utf-8")
		http.ServeContent(w, r, "live.js", time.Time{}, bytes.NewReader(liveScript))
		return
	}

	st := s.state.Load()
	name := strings.TrimPrefix(path.Clean(r.URL.Path), "/")
	switch {
	case name == "":
		name = "index.html"
	case strings.HasSuffix(r.URL.Path, "/"):
		name += "/index.html"
	}
	if st.good != nil {
		if id, makeFiles := s.maker(st.good, name); id != "" {
			s.serveOnRequest(w, r, st.good, name, id, makeFiles)
			return
		}
	}
	if st.broken() && strings.HasSuffix(name, ".html") {
		s.page(w, r, http.StatusOK, st.gen, overlay(st, s.opt.Dir, lang.For(s.opt.Speak)))
		return
	}
	var data []byte
	found := false
	if st.good != nil {
		data, found = st.good.files.File(name)
		if !found && !strings.HasSuffix(r.URL.Path, "/") {
			if _, ok := st.good.files.File(name + "/index.html"); ok {
				// A folder: its page's relative links need the slash.
				u := *r.URL
				u.Path += "/"
				http.Redirect(w, r, u.String(), http.StatusMovedPermanently)
				return
			}
		}
	}
	switch {
	case !found && st.broken() && path.Ext(name) == "":
		// Maybe a page that the errors keep from being built.
		s.page(w, r, http.StatusOK, st.gen, overlay(st, s.opt.Dir, lang.For(s.opt.Speak)))
	case !found:
		s.page(w, r, http.StatusNotFound, st.gen, notFound(r.URL.Path, lang.For(s.opt.Speak)))
	case strings.HasSuffix(name, ".html"):
		s.page(w, r, http.StatusOK, st.gen, data)
	default:
		if ct := contentType(name); ct != "" {
			w.Header().Set("Content-Type", ct)
		}
		http.ServeContent(w, r, path.Base(name), time.Time{}, bytes.NewReader(data))
	}
}

// page sends an HTML page with the live-reload script in it.
func (s *Server) page(w http.ResponseWriter, r *http.Request, status int, gen uint64, html []byte) {
	out := inject(html, s.generation(gen))
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Content-Length", strconv.Itoa(len(out)))
	w.WriteHeader(status)
	if r.Method != http.MethodHead {
		w.Write(out)
	}
}

// inject puts the live-reload script before </body>. The page says which
// rebuild it comes from (Server.generation): if it loaded just before
// another, or serve was started again since, the script learns it on
// connecting and reloads.
func inject(html []byte, generation string) []byte {
	tag := fmt.Sprintf(`<script src="%s" data-generation="%s"></script>`+"\n", scriptPath, generation)
	at := bytes.LastIndex(html, []byte("</body>"))
	if at < 0 {
		at = len(html)
	}
	out := make([]byte, 0, len(html)+len(tag))
	out = append(out, html[:at]...)
	out = append(out, tag...)
	return append(out, html[at:]...)
}

// events is the stream that tells a page to reload: `hello` with the
// current generation on connecting, then `reload` with the new one after
// every rebuild. It ends when the page goes away or the server stops.
func (s *Server) events(w http.ResponseWriter, r *http.Request) {
	rc := http.NewResponseController(w)
	w.Header().Set("Content-Type", "text/event-stream")
	w.WriteHeader(http.StatusOK)
	gen, changed := s.hub.current()
	// retry: the browser reconnects quickly after a restart of serve.
	fmt.Fprintf(w, "retry: 1000\nevent: hello\ndata: %s\n\n", s.generation(gen))
	if rc.Flush() != nil {
		return
	}
	tick := time.NewTicker(keepAlive)
	defer tick.Stop()
	for {
		select {
		case <-r.Context().Done():
			return
		case <-s.stop:
			return
		case <-changed:
			gen, changed = s.hub.current()
			fmt.Fprintf(w, "event: reload\ndata: %s\n\n", s.generation(gen))
		case <-tick.C:
			fmt.Fprint(w, ": still here\n\n")
		}
		if rc.Flush() != nil {
			return
		}
	}
}

// serveOnRequest sends a file of the last good build that is made on
// request (a book, the data), made now if it was not yet since the last
// change.
func (s *Server) serveOnRequest(w http.ResponseWriter, r *http.Request, b *built, name, id string, makeFiles func(output.Writer) error) {
	data, ok, err := s.fileOnRequest(r.Context().Done(), b, name, id, makeFiles)
	switch {
	case err != nil:
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	case !ok:
		s.page(w, r, http.StatusNotFound, s.state.Load().gen, notFound(r.URL.Path, lang.For(s.opt.Speak)))
		return
	}
	if ct := contentType(name); ct != "" {
		w.Header().Set("Content-Type", ct)
	}
	http.ServeContent(w, r, path.Base(name), time.Time{}, bytes.NewReader(data))
}

// contentType is the type of a site file by its extension; "" lets
// ServeContent look at the content.
func contentType(name string) string {
	switch path.Ext(name) {
	case ".css":
		return "text/css; charset=utf-8"
	case ".js":
		return "text/javascript; charset=utf-8"
	case ".json":
		return "application/json"
	case ".csv":
		return "text/csv; charset=utf-8"
	case ".xml":
		return "application/xml"
	case ".svg":
		return "image/svg+xml"
	case ".txt":
		return "text/plain; charset=utf-8"
	case ".pdf":
		return "application/pdf"
	}
	return mime.TypeByExtension(path.Ext(name))
}

// localHost reports whether a request's Host names this machine.
func localHost(host string) bool {
	if h, _, err := net.SplitHostPort(host); err == nil {
		host = h
	}
	host = strings.Trim(host, "[]")
	if host == "localhost" || strings.HasSuffix(host, ".localhost") {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

var (
	msgCannotBuild  = &i18n.Message{ID: "serve.cannot_build", Other: "The catalog cannot be built"}
	msgHasProblems  = &i18n.Message{ID: "serve.has_problems", Other: "The catalog has {{.Tally}}"}
	msgOverlayIntro = &i18n.Message{ID: "serve.overlay_intro", One: "The site is not rebuilt until it is fixed. Save the file and this page reloads by itself.", Other: "The site is not rebuilt until they are fixed. Save the file and this page reloads by itself."}
)

// overlayPage lists the problems that keep the catalog from building.
var overlayPage = template.Must(template.New("overlay").Parse(`<!DOCTYPE html>
<html lang="{{.Lang}}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{.Title}} · catalog serve</title>
<style>
body { margin: 0; font: 1rem/1.5 system-ui, sans-serif; color: #1b1b1b; background: #fff; }
main { max-width: 72rem; margin: 0 auto; padding: 1.5rem 1rem; }
h1 { margin: 0 0 .5rem; font-size: 1.5rem; color: #a4000f; }
pre { margin: 1rem 0; padding: 1rem; overflow-x: auto; white-space: pre-wrap; overflow-wrap: anywhere;
  font: .9rem/1.5 ui-monospace, SFMono-Regular, Menlo, Consolas, monospace;
  background: #fdf3f4; border-left: .3rem solid #a4000f; }
.where { font-weight: bold; }
.error { color: #a4000f; }
.warning { color: #7a4d00; }
.context { color: #555; }
</style>
</head>
<body>
<main>
<h1>{{.Title}}</h1>
<p>{{.Intro}}</p>
<pre>
{{- range .Problems}}
<span class="where">{{.Where}}</span>: <span class="{{.Severity}}">{{.Severity}}</span>: {{.Message}}{{if .Rule}} [{{.Rule}}]{{end}}
{{- range .Context}}
<span class="context">{{.}}</span>
{{- end}}
{{end -}}
</pre>
</main>
</body>
</html>
`))

// problem is one line of the overlay, split as `catalog validate` prints
// it (file:line:col: severity: message [rule]), with the lines of the file
// around it.
type problem struct {
	Where, Severity, Message, Rule string
	Context                        []string
}

// overlay is the page that replaces every page while the catalog has
// errors.
func overlay(st *state, dir string, p lang.Printer) []byte {
	data := struct {
		Lang, Title, Intro string
		Problems           []problem
	}{Lang: p.Lang}
	count := 1
	if st.failure != nil {
		data.Title = p.T(msgCannotBuild, nil)
		data.Problems = []problem{{Where: "catalog", Severity: "error", Message: p.Error(st.failure)}}
	} else {
		errs, warns := diag.Count(st.problems)
		data.Title, count = p.T(msgHasProblems, map[string]string{"Tally": diag.TallyIn(p, errs, warns)}), errs
		folder, _ := gate.Open(dir) // nil: no lines around the problems
		files := map[string][]string{}
		for _, d := range diag.In(p, changedFirst(st.problems, st.changed)) {
			data.Problems = append(data.Problems, newProblem(folder, d, files))
		}
	}
	data.Intro = p.N(msgOverlayIntro, count, nil)
	var b bytes.Buffer
	if err := overlayPage.Execute(&b, data); err != nil {
		return fmt.Appendf(nil, "<!DOCTYPE html><title>catalog serve</title><pre>%s</pre>", template.HTMLEscapeString(err.Error()))
	}
	return b.Bytes()
}

// changedFirst puts the problems in the changed files first, keeping the
// order otherwise.
func changedFirst(ds []diag.Diagnostic, changed []string) []diag.Diagnostic {
	in := map[string]bool{}
	for _, f := range changed {
		in[filepath.Clean(f)] = true
	}
	out := make([]diag.Diagnostic, 0, len(ds))
	for _, first := range []bool{true, false} {
		for _, d := range ds {
			if in[filepath.Clean(d.File)] == first {
				out = append(out, d)
			}
		}
	}
	return out
}

// newProblem splits the line that diag.WriteText prints for d, and adds the
// lines of the file around an error (files caches the files read).
func newProblem(folder *gate.Folder, d diag.Diagnostic, files map[string][]string) problem {
	var line strings.Builder
	diag.WriteText(&line, []diag.Diagnostic{d})
	text := strings.TrimSuffix(line.String(), "\n")
	p := problem{Severity: d.Severity.String(), Message: d.Message, Rule: d.Rule.ID}
	p.Where, _, _ = strings.Cut(text, ": "+p.Severity+": ")
	if d.Severity == diag.Error && d.Line > 0 {
		p.Context = around(folder, d, files)
	}
	return p
}

// around returns the line of d and the one on each side, numbered, the
// line of d marked.
func around(folder *gate.Folder, d diag.Diagnostic, files map[string][]string) []string {
	lines, ok := files[d.File]
	if !ok && folder != nil {
		if src, err := folder.ReadFile(d.File, gate.MaxText); err == nil {
			lines = strings.Split(strings.ReplaceAll(string(src), "\r\n", "\n"), "\n")
		}
		files[d.File] = lines
	}
	var out []string
	for n := d.Line - 1; n <= d.Line+1; n++ {
		if n < 1 || n > len(lines) {
			continue
		}
		mark := " "
		if n == d.Line {
			mark = ">"
		}
		out = append(out, fmt.Sprintf("%s %4d | %s", mark, n, lines[n-1]))
	}
	return out
}

// notFound is the page for an address the site has no page at, in p's
// language.
func notFound(addr string, p lang.Printer) []byte {
	var b bytes.Buffer
	err := notFoundPage.Execute(&b, map[string]string{
		"Lang":  p.Lang,
		"Title": p.T(msgNotFound, nil),
		"Text":  p.T(msgNoPageAt, nil),
		"Addr":  addr,
		"Start": p.T(msgToStart, nil),
	})
	if err != nil {
		return []byte(template.HTMLEscapeString(err.Error()))
	}
	return b.Bytes()
}

var notFoundPage = template.Must(template.New("notfound").Parse(`<!DOCTYPE html>
<html lang="{{.Lang}}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{.Title}} · catalog serve</title>
<style>body { margin: 0; font: 1rem/1.5 system-ui, sans-serif; } main { max-width: 72rem; margin: 0 auto; padding: 1.5rem 1rem; }</style>
</head>
<body>
<main>
<h1>{{.Title}}</h1>
<p>{{.Text}} <code>{{.Addr}}</code>. <a href="/">{{.Start}}</a>.</p>
</main>
</body>
</html>
`))

var (
	msgNotFound = &i18n.Message{ID: "serve.not_found", Other: "Not found"}
	msgNoPageAt = &i18n.Message{ID: "serve.no_page_at", Other: "The site has no page at"}
	msgToStart  = &i18n.Message{ID: "serve.to_start", Other: "Go to the start"}
)
