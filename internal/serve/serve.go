// Package serve is `catalog serve`: a live preview for the writer of a
// practice. It builds the site into memory, serves it on localhost and
// watches the catalog folder; every change rebuilds the site and tells the
// open pages to reload (server-sent events, through a small script that
// only served pages carry). A catalog with errors keeps its last good site
// in memory and answers every page with an overlay that lists the problems,
// until a save fixes them. The PDF books are drawn on request, at most once
// per change. serve never writes a file.
package serve

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"log"
	"net"
	"net/http"
	"os/exec"
	"strconv"
	"sync"
	"sync/atomic"
	"syscall"
	"time"

	"github.com/nicksnyder/go-i18n/v2/i18n"

	"catalog/internal/check"
	"catalog/internal/config"
	"catalog/internal/diag"
	"catalog/internal/iostreams"
	"catalog/internal/lang"
	"catalog/internal/load"
	"catalog/internal/site"
)

// Options are serve's inputs.
type Options struct {
	IO  *iostreams.IO
	Dir string
	// Bind is the address to listen on; "" means 127.0.0.1, this machine
	// only.
	Bind string
	// Port is the port to listen on; 0 picks a free one.
	Port int
	// Open opens the site in the default browser once it is served.
	Open bool
	// Now is "today" for the checks; zero means time.Now() at each rebuild.
	Now time.Time
	// Date is the build date shown in the pages and books; zero means the
	// time serve started.
	Date time.Time
	// Debounce is how long the folder must stay quiet after a change before
	// the rebuild starts, so that a burst of saves rebuilds once; zero
	// means 40 ms. An editor's save (a write, or a backup, a write and a
	// rename) takes a few milliseconds; the reload must come within 200.
	// A burst that outlasts it costs one more rebuild, of what changed.
	Debounce time.Duration
	// Workers is how many pages render at once; 0 means one per CPU.
	Workers int
	// Limits bound each page that the site's templates make (zero: the
	// defaults); a page past them is shown as the overlay.
	Limits site.Limits
	// Speak is the language of what serve says to its user, in the
	// terminal and on the page of problems (English when empty).
	Speak string
}

// What serve says (the Spanish is in internal/lang/messages.es.yaml).
var (
	msgServing  = &i18n.Message{ID: "serve.serving", Other: "Serving {{.Dir}} at {{.URL}} (Ctrl-C to stop)"}
	msgBindAll  = &i18n.Message{ID: "serve.bind", Other: "--bind {{.Bind}}: other machines that reach this one can read these pages"}
	msgNoChange = &i18n.Message{ID: "serve.no_change", Other: "{{.Stamp}}no change"}
	msgFailed   = &i18n.Message{ID: "serve.failed", Other: "{{.Stamp}}{{.Error}}{{.After}}"}
	msgProblems = &i18n.Message{ID: "serve.problems", Other: "{{.Stamp}}{{.Tally}}: the pages show them until they are fixed{{.After}}"}
	msgBuilt    = &i18n.Message{ID: "serve.built", One: "built {{.Count}} practice in {{.Time}}", Other: "built {{.Count}} practices in {{.Time}}"}
	msgRebuilt  = &i18n.Message{ID: "serve.rebuilt", Other: "{{.Stamp}}rebuilt in {{.Time}}{{.After}}"}
	msgAfter    = &i18n.Message{ID: "serve.after", Other: " ({{.Time}} from the change to the reload)"}
	msgWatching = &i18n.Message{ID: "serve.watching", Other: "watching {{.Path}}: {{.Error}}"}
)

// DefaultBind is where serve listens unless told otherwise: only this
// machine can see the drafts.
const DefaultBind = "127.0.0.1"

// stopGrace bounds how long Ctrl-C (or SIGTERM) waits for Run to stop: a
// rebuild or a request in flight is left behind after it, since the
// process ends anyway.
const stopGrace = time.Second

// shutdownTimeout bounds how long a stop waits for requests in flight
// (Run waits only stopGrace of it).
const shutdownTimeout = 5 * time.Second

// Run serves until ctx is done (Ctrl-C) and returns the exit code; err is
// a usage or I/O error, such as a port in use.
func Run(ctx context.Context, opt Options) (int, error) {
	type started struct {
		s   *Server
		err error
	}
	start := make(chan started, 1)
	go func() {
		s, err := Start(ctx, opt)
		start <- started{s, err}
	}()
	r, ok := untilStopped(ctx, start)
	if !ok {
		return diag.ExitOK, nil // stopped during the first build
	}
	s, err := r.s, r.err
	if err != nil {
		return diag.ExitUsage, err
	}
	s.say(msgServing, map[string]any{"Dir": opt.Dir, "URL": s.URL()})
	if !s.loopback {
		s.say(msgBindAll, map[string]any{"Bind": s.opt.Bind})
	}
	if opt.Open {
		openBrowser(s.URL())
	}
	stopped := make(chan error, 1)
	go func() { stopped <- s.Wait() }()
	// Past the grace, a rebuild is still running (a catalog's template
	// can run for its whole time budget): the process ends without it.
	err, _ = untilStopped(ctx, stopped)
	if err != nil {
		return diag.ExitUsage, err
	}
	return diag.ExitOK, nil
}

// untilStopped returns what ch gives, waiting for it only stopGrace once
// ctx is done; false when that grace ran out.
func untilStopped[T any](ctx context.Context, ch <-chan T) (v T, ok bool) {
	select {
	case v = <-ch:
		return v, true
	case <-ctx.Done():
	}
	select {
	case v = <-ch:
		return v, true
	case <-time.After(stopGrace):
		return v, false
	}
}

// Server is a running preview.
type Server struct {
	opt      Options
	ln       net.Listener
	http     *http.Server
	watch    *watcher
	loopback bool // Bind is a loopback address: only local host names are served

	state     atomic.Pointer[state] // what the pages show; swapped whole
	hub       hub                   // tells the open pages that state changed
	queue     queue                 // changes waiting for the rebuild
	inputs    inputs                // the catalog's files as last read, for rebuild
	siteCache site.Cache            // what the last render made, for the next to reuse
	files     load.FileCache        // the practice files as last read, for the next check
	checks    check.Cache           // each practice's problems, for the next check
	stop      chan struct{}         // closed when shutting down: ends event streams
	// run names this process among the runs of serve: a page that an
	// earlier run served, still open when serve starts again, must not
	// take this run's build 1 for the one it shows (see generation).
	run    string
	cancel context.CancelFunc

	wg    sync.WaitGroup // every goroutine the server started
	errMu sync.Mutex
	err   error // the first error that stopped the server

	logMu   sync.Mutex
	lastLog string // the diagnostics printed last, not to repeat them

	siteBuilds atomic.Int64 // sites rendered, for tests
	made       atomic.Int64 // files made on request (books, data), for tests
}

// Start listens, builds the site once and starts serving and watching in
// the background, until ctx is done; Wait waits for the end. A catalog
// with errors is served (as the overlay); one that cannot be loaded at all
// (no catalog.yaml) is an error.
func Start(ctx context.Context, opt Options) (*Server, error) {
	if opt.Bind == "" {
		opt.Bind = DefaultBind
	}
	if opt.Date.IsZero() {
		opt.Date = time.Now().UTC()
	}
	if opt.Debounce <= 0 {
		opt.Debounce = 40 * time.Millisecond
	}
	if opt.Port < 0 || opt.Port > 65535 {
		return nil, lang.Errorf("--port %d: want a port from 1 to 65535 (0 picks a free one)", opt.Port)
	}
	// A folder that is not a catalog is said as validate says it, before
	// anything is started.
	if _, _, err := config.Load(opt.Dir); err != nil {
		return nil, err
	}
	ln, err := listen(opt.Bind, opt.Port)
	if err != nil {
		return nil, err
	}
	// Watch before the first build, so that no change made during it is
	// missed.
	w, err := newWatcher(opt.Dir)
	if err != nil {
		ln.Close()
		return nil, err
	}
	s := &Server{opt: opt, ln: ln, watch: w, stop: make(chan struct{}), loopback: isLoopback(opt.Bind), run: newRun()}
	s.hub.init()
	s.queue.init()
	s.state.Store(&state{})
	s.inputs.init(w)
	if err := s.rebuild(nil, time.Time{}); err != nil {
		w.close()
		ln.Close()
		return nil, err
	}
	s.http = &http.Server{
		Handler:           s,
		ReadHeaderTimeout: 10 * time.Second,
		ErrorLog:          log.New(io.Discard, "", 0),
	}
	ctx, s.cancel = context.WithCancel(ctx)
	s.goroutine(func() {
		if err := s.http.Serve(ln); err != nil && !errors.Is(err, http.ErrServerClosed) {
			s.fail(err)
		}
	})
	s.goroutine(func() { s.watchLoop(ctx) })
	s.goroutine(func() { s.buildLoop(ctx) })
	s.goroutine(func() {
		<-ctx.Done()
		close(s.stop)
		sctx, cancel := context.WithTimeout(context.Background(), shutdownTimeout)
		defer cancel()
		if err := s.http.Shutdown(sctx); err != nil {
			s.http.Close()
		}
		w.close()
	})
	return s, nil
}

// Addr is the address the server listens on (host:port).
func (s *Server) Addr() string { return s.ln.Addr().String() }

// URL is the site's address.
func (s *Server) URL() string { return "http://" + s.Addr() + "/" }

// Wait waits until the server has stopped and returns what stopped it
// other than its context.
func (s *Server) Wait() error {
	s.wg.Wait()
	s.errMu.Lock()
	defer s.errMu.Unlock()
	return s.err
}

// goroutine runs f in a goroutine that Wait waits for.
func (s *Server) goroutine(f func()) {
	s.wg.Add(1)
	go func() {
		defer s.wg.Done()
		f()
	}()
}

// fail stops the server on an error that it cannot get over.
func (s *Server) fail(err error) {
	s.errMu.Lock()
	if s.err == nil {
		s.err = err
	}
	s.errMu.Unlock()
	s.cancel()
}

// say prints the message m to the terminal, in the user's language (a
// count in data's "Count" picks its plural form). The line is escaped
// (diag.Escape): its data name the catalog's files and say their errors,
// and a file's name may hold anything.
func (s *Server) say(m *i18n.Message, data map[string]any) {
	p := lang.For(s.opt.Speak)
	var line string
	if n, ok := data["Count"].(int); ok {
		line = p.N(m, n, data)
	} else {
		line = p.T(m, data)
	}
	line = diag.Escape(line)
	s.logMu.Lock()
	defer s.logMu.Unlock()
	fmt.Fprintln(s.opt.IO.ErrOut, line)
}

// listen listens on bind:port; a port in use is said plainly, with a free
// one to try.
func listen(bind string, port int) (net.Listener, error) {
	ln, err := net.Listen("tcp", net.JoinHostPort(bind, strconv.Itoa(port)))
	switch {
	case err == nil:
		return ln, nil
	case errors.Is(err, syscall.EADDRINUSE):
		if free := freePort(bind, port); free != 0 {
			return nil, lang.Errorf("port %d is in use: try --port %d", port, free)
		}
		return nil, lang.Errorf("port %d is in use: try another --port, or --port 0 for any free one", port)
	case errors.Is(err, syscall.EACCES):
		return nil, lang.Errorf("port %d needs special rights on this system: try --port 8080", port)
	}
	return nil, lang.Errorf("cannot listen on %s (--bind %s --port %d): %w", net.JoinHostPort(bind, strconv.Itoa(port)), bind, port, err)
}

// freePort returns the first free port after port, or 0.
func freePort(bind string, port int) int {
	for p := port + 1; p <= port+20 && p <= 65535; p++ {
		if ln, err := net.Listen("tcp", net.JoinHostPort(bind, strconv.Itoa(p))); err == nil {
			ln.Close()
			return p
		}
	}
	return 0
}

// isLoopback reports whether bind is an address of this machine only.
func isLoopback(bind string) bool {
	if bind == "localhost" {
		return true
	}
	ip := net.ParseIP(bind)
	return ip != nil && ip.IsLoopback()
}

// openBrowser opens url with the desktop's opener, when there is one;
// failing to is no reason to stop serving.
func openBrowser(url string) {
	for _, prog := range []string{"xdg-open", "open"} {
		path, err := exec.LookPath(prog)
		if err != nil {
			continue
		}
		cmd := exec.Command(path, url)
		if cmd.Start() == nil {
			go cmd.Wait()
		}
		return
	}
}

// newRun returns a name for this run of serve: random, so that two runs
// on the same port (a restart) do not share one.
func newRun() string {
	var b [6]byte
	rand.Read(b[:])
	return hex.EncodeToString(b[:])
}

// generation is how pages and the event stream name a build: the run and
// the build's number in it.
func (s *Server) generation(gen uint64) string { return s.run + "-" + strconv.FormatUint(gen, 10) }
