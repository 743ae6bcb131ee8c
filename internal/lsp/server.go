// Package lsp is `catalog lsp`: a language server (the Language Server
// Protocol, JSON-RPC 2.0 over standard input and output) that completes,
// describes and checks the front matter of a catalog's practice files in
// any editor with an LSP client. What goes where comes from the schema
// that catalog schema writes (package fmschema); the problems are
// validate's, checked on the editor's unsaved text in the context of the
// catalog on disk (check.Options.Buffers).
package lsp

import (
	"bufio"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/url"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"time"

	"github.com/nicksnyder/go-i18n/v2/i18n"

	"catalog/internal/check"
	"catalog/internal/config"
	"catalog/internal/diag"
	"catalog/internal/gate"
	"catalog/internal/lang"
	"catalog/internal/load"
	"catalog/internal/words"
	"catalog/templates"
)

// Options are catalog lsp's inputs.
type Options struct {
	In  io.Reader
	Out io.Writer
	// Dir is the catalog folder that --dir gives; "" finds it from the
	// editor's workspace (a folder holding catalog/catalog.yaml or
	// catalog.yaml), else from the first file opened (the nearest folder
	// above it with a catalog.yaml), else Default.
	Dir     string
	Default string
	// Lang chooses the language to speak in for the catalog in dir, given
	// the locale the editor says it runs in ("" when it says none).
	Lang func(dir, locale string) string
	// Version is catalog's, for the editor's log.
	Version string
	Now     time.Time // "today" for the checks; zero is time.Now()
}

// What the server says (the Spanish is in internal/lang/messages.es.yaml).
var (
	msgNoCatalog      = &i18n.Message{ID: "lsp.no_catalog", Other: "catalog lsp: no catalog.yaml in {{.Dir}}: nothing to complete or check until a file of a catalog is opened"}
	msgCheckFailed    = &i18n.Message{ID: "lsp.check_failed", Other: "catalog lsp: cannot check the catalog in {{.Dir}}: {{.Error}}"}
	msgParseError     = &i18n.Message{ID: "lsp.parse_error", Other: "the message is not valid JSON"}
	msgInvalidRequest = &i18n.Message{ID: "lsp.invalid_request", Other: "not a JSON-RPC 2.0 request"}
	msgFraming        = &i18n.Message{ID: "lsp.framing", Other: "a message without a valid Content-Length header was skipped"}
	msgTooLarge       = &i18n.Message{ID: "lsp.too_large", Other: "a message larger than {{.Size}} was skipped"}
	msgUnknownMethod  = &i18n.Message{ID: "lsp.unknown_method", Other: "catalog lsp does not answer {{.Method}}"}
	msgNotInitialized = &i18n.Message{ID: "lsp.not_initialized", Other: "the editor has not sent initialize yet"}
	msgInvalidParams  = &i18n.Message{ID: "lsp.invalid_params", Other: "the parameters of {{.Method}} cannot be read: {{.Error}}"}
	msgInternal       = &i18n.Message{ID: "lsp.internal_error", Other: "catalog lsp failed on {{.Method}}: {{.Error}}; this is a bug in catalog, please report it"}
	msgShutDown       = &i18n.Message{ID: "lsp.shut_down", Other: "catalog lsp is shutting down"}
)

// server is one editor's session.
type server struct {
	opt  Options
	out  *writer
	lang string
	p    lang.Printer

	initialized, shutdown bool

	dir      string // the catalog folder, absolute, its links resolved; "" none found
	cfg      *config.Config
	words    *words.Words
	schemas  map[bool]*fields // by translation
	docs     map[string]*document
	files    load.FileCache
	cache    check.Cache
	practice []practiceRef
	// stale: a file changed since the last check.
	stale bool
	// configSaid is what the log last said of catalog.yaml's problems.
	configSaid string
}

// document is a file the editor has open.
type document struct {
	uri  string
	path string // as load names it, when a practice of the catalog; else ""
	text string
}

// Run serves one editor on opt.In and opt.Out until it says exit or
// closes the stream; the exit code is 0 after a shutdown, 1 otherwise (as
// the protocol says).
func Run(opt Options) (int, error) { return newServer(opt).serve() }

func newServer(opt Options) *server {
	s := &server{opt: opt, out: &writer{w: opt.Out}, docs: map[string]*document{}}
	s.lang = opt.Lang(s.chosenDir(nil), "")
	s.p = lang.For(s.lang)
	return s
}

// serve reads and answers messages until exit or the end of the input.
func (s *server) serve() (int, error) {
	r := bufio.NewReaderSize(s.opt.In, 64<<10)
	for {
		body, err := readMessage(r)
		switch {
		case errors.Is(err, errFraming):
			s.fail(nil, codeParseError, s.p.T(msgFraming, nil))
			continue
		case errors.Is(err, errTooLarge):
			s.fail(nil, codeRequestFailed, s.p.T(msgTooLarge, map[string]string{"Size": gate.Size(maxMessage)}))
			continue
		case errors.Is(err, io.EOF), errors.Is(err, io.ErrUnexpectedEOF):
			if s.shutdown {
				return 0, nil
			}
			return 1, nil
		case err != nil:
			return 1, err
		}
		m, bad := decodeMessage(body)
		if bad != nil {
			msg := s.p.T(msgInvalidRequest, nil)
			if bad.Code == codeParseError {
				msg = s.p.T(msgParseError, nil)
			}
			var id json.RawMessage
			if m != nil {
				id = m.ID
			}
			s.fail(id, bad.Code, msg)
			continue
		}
		if m.Method == nil {
			continue // a response: the server asks nothing
		}
		if *m.Method == "exit" {
			if s.shutdown {
				return 0, nil
			}
			return 1, nil
		}
		if m.request() && s.stale && *m.Method != "textDocument/completion" && *m.Method != "textDocument/hover" {
			// A request sees the problems of what came before it; but
			// completion and hover read the text, not the check, and
			// answer first (the check follows, below).
			s.check()
		}
		s.handle(m)
		if s.stale && r.Buffered() == 0 {
			// Nothing more has come: check now. While the editor sends
			// one change after another, faster than a check, only the
			// last is checked.
			s.check()
		}
	}
}

// handle answers one request or notification; a panic in it is an
// internal error, not the end of the session.
func (s *server) handle(m *incoming) {
	method := *m.Method
	defer func() {
		if r := recover(); r != nil {
			msg := s.p.T(msgInternal, map[string]string{"Method": diag.Escape(method), "Error": diag.Escape(fmt.Sprint(r))})
			if m.request() {
				s.fail(m.ID, codeInternalError, msg)
			} else {
				s.log(msg)
			}
		}
	}()
	if !s.initialized && method != "initialize" {
		if m.request() {
			s.fail(m.ID, codeNotInitialized, s.p.T(msgNotInitialized, nil))
		}
		return
	}
	if s.shutdown && m.request() {
		s.fail(m.ID, codeInvalidRequest, s.p.T(msgShutDown, nil))
		return
	}
	var result any
	var err error
	switch method {
	case "initialize":
		result, err = s.initialize(m.Params)
	case "shutdown":
		s.shutdown = true
	case "textDocument/didOpen":
		err = s.didOpen(m.Params)
	case "textDocument/didChange":
		err = s.didChange(m.Params)
	case "textDocument/didSave":
		s.stale = true
	case "textDocument/didClose":
		err = s.didClose(m.Params)
	case "textDocument/completion":
		result, err = s.completion(m.Params)
	case "textDocument/hover":
		result, err = s.hover(m.Params)
	case "workspace/didChangeWatchedFiles":
		s.schemas = nil // catalog.yaml may have changed
		s.stale = true
	default:
		if m.request() {
			s.fail(m.ID, codeMethodNotFound, s.p.T(msgUnknownMethod, map[string]string{"Method": diag.Escape(method)}))
		}
		return // notifications nobody needs: $/cancelRequest, initialized, …
	}
	if !m.request() {
		if err != nil {
			s.log(s.p.T(msgInvalidParams, map[string]string{"Method": diag.Escape(method), "Error": diag.Escape(err.Error())}))
		}
		return
	}
	if err != nil {
		s.fail(m.ID, codeInvalidParams, s.p.T(msgInvalidParams, map[string]string{"Method": diag.Escape(method), "Error": diag.Escape(err.Error())}))
		return
	}
	s.out.write(response{JSONRPC: "2.0", ID: m.ID, Result: result})
}

func (s *server) fail(id json.RawMessage, code int, msg string) {
	if id == nil {
		id = json.RawMessage("null")
	}
	s.out.write(errorResponse{JSONRPC: "2.0", ID: id, Error: rpcError{Code: code, Message: msg}})
}

// log writes to the editor's log (window/logMessage).
func (s *server) log(msg string) {
	s.out.write(notification{JSONRPC: "2.0", Method: "window/logMessage", Params: map[string]any{"type": 3, "message": msg}})
}

// chosenDir is the catalog folder: --dir, else one of the workspace's
// folders that holds a catalog, else the default.
func (s *server) chosenDir(roots []string) string {
	if s.opt.Dir != "" {
		return s.opt.Dir
	}
	for _, root := range roots {
		for _, dir := range []string{filepath.Join(root, "catalog"), root} {
			if isCatalog(dir) {
				return dir
			}
		}
	}
	return s.opt.Default
}

func isCatalog(dir string) bool {
	st, err := os.Stat(filepath.Join(dir, config.FileName))
	return err == nil && st.Mode().IsRegular()
}

type initializeParams struct {
	RootURI          string `json:"rootUri"`
	RootPath         string `json:"rootPath"`
	Locale           string `json:"locale"`
	WorkspaceFolders []struct {
		URI string `json:"uri"`
	} `json:"workspaceFolders"`
}

func (s *server) initialize(raw json.RawMessage) (any, error) {
	var p initializeParams
	if err := unmarshal(raw, &p); err != nil {
		return nil, err
	}
	var roots []string
	for _, f := range p.WorkspaceFolders {
		if path, ok := filePath(f.URI); ok {
			roots = append(roots, path)
		}
	}
	if path, ok := filePath(p.RootURI); ok {
		roots = append(roots, path)
	} else if p.RootPath != "" {
		roots = append(roots, p.RootPath)
	}
	s.setDir(s.chosenDir(roots), p.Locale)
	s.initialized = true
	return map[string]any{
		"capabilities": map[string]any{
			"textDocumentSync": map[string]any{"openClose": true, "change": 1, "save": map[string]any{"includeText": false}},
			"completionProvider": map[string]any{
				"triggerCharacters": []string{" ", "[", ",", "-"},
			},
			"hoverProvider": true,
		},
		"serverInfo": map[string]any{"name": "catalog", "version": s.opt.Version},
	}, nil
}

// setDir takes dir as the catalog folder and speaks the language chosen
// for it.
func (s *server) setDir(dir, locale string) {
	s.lang = s.opt.Lang(dir, locale)
	s.p = lang.For(s.lang)
	s.schemas, s.cfg, s.practice = nil, nil, nil
	s.files, s.cache = load.FileCache{}, check.Cache{}
	s.dir, s.configSaid = "", ""
	if !isCatalog(dir) {
		s.log(s.p.T(msgNoCatalog, map[string]string{"Dir": diag.Escape(dir)}))
		return
	}
	s.dir = realPath(dir)
	w, err := words.Load(templates.For(s.dir), []string{s.lang})
	if err == nil {
		s.words = w
	}
}

// realPath is path made absolute, with its links resolved so that a
// folder named through a link is the catalog's.
func realPath(path string) string {
	if a, err := filepath.Abs(path); err == nil {
		path = a
	}
	if r, err := filepath.EvalSymlinks(path); err == nil {
		return r
	}
	return path
}

// realFile is a file's path with its folder's links resolved, not its
// own: a practice that is a link is the catalog's file of that name, which
// the gate judges (as validate's paths do).
func realFile(path string) string {
	if a, err := filepath.Abs(path); err == nil {
		path = a
	}
	return filepath.Join(realPath(filepath.Dir(path)), filepath.Base(path))
}

// filePath is the path of a file: URI.
func filePath(uri string) (string, bool) {
	u, err := url.Parse(uri)
	if err != nil || u.Scheme != "file" || u.Path == "" {
		return "", false
	}
	path := u.Path
	if runtime.GOOS == "windows" {
		path = strings.TrimPrefix(path, "/")
	}
	return filepath.FromSlash(path), true
}

func unmarshal(raw json.RawMessage, v any) error {
	if len(raw) == 0 {
		return nil
	}
	return json.Unmarshal(raw, v)
}

// practicePath is the path of the file at uri as load names it, when it
// is a practice file of the catalog.
func (s *server) practicePath(uri string) string {
	path, ok := filePath(uri)
	if !ok {
		return ""
	}
	if s.dir == "" && s.opt.Dir == "" {
		// No catalog in the workspace: the nearest above the file.
		for d := filepath.Dir(realFile(path)); ; d = filepath.Dir(d) {
			if isCatalog(d) {
				s.setDir(d, "")
				break
			}
			if filepath.Dir(d) == d {
				break
			}
		}
	}
	if s.dir == "" {
		return ""
	}
	path = realFile(path)
	practices := filepath.Join(s.dir, load.PracticesDir)
	rel, err := filepath.Rel(practices, path)
	if err != nil || !filepath.IsLocal(rel) || !strings.EqualFold(filepath.Ext(path), ".md") {
		return ""
	}
	return filepath.Join(practices, rel)
}

type textDocumentItem struct {
	URI  string `json:"uri"`
	Text string `json:"text"`
}

type docID struct {
	URI string `json:"uri"`
}

func (s *server) didOpen(raw json.RawMessage) error {
	var p struct {
		TextDocument textDocumentItem `json:"textDocument"`
	}
	if err := unmarshal(raw, &p); err != nil {
		return err
	}
	d := &document{uri: p.TextDocument.URI, text: p.TextDocument.Text}
	d.path = s.practicePath(d.uri)
	s.docs[d.uri] = d
	s.stale = true
	return nil
}

func (s *server) didChange(raw json.RawMessage) error {
	var p struct {
		TextDocument   docID `json:"textDocument"`
		ContentChanges []struct {
			Range *rangeLSP `json:"range"`
			Text  string    `json:"text"`
		} `json:"contentChanges"`
	}
	if err := unmarshal(raw, &p); err != nil {
		return err
	}
	d := s.docs[p.TextDocument.URI]
	if d == nil {
		return nil
	}
	for _, c := range p.ContentChanges {
		if c.Range == nil {
			d.text = c.Text
			continue
		}
		d.text = splice(d.text, *c.Range, c.Text) // a client that sends ranges all the same
	}
	s.stale = true
	return nil
}

// splice replaces the range r of text.
func splice(text string, r rangeLSP, with string) string {
	start, end := offset(text, r.Start), offset(text, r.End)
	if end < start {
		start, end = end, start
	}
	return text[:start] + with + text[end:]
}

// offset is the byte of text at p.
func offset(text string, p position) int {
	off := 0
	for n := 0; n < p.Line; n++ {
		i := strings.IndexByte(text[off:], '\n')
		if i < 0 {
			return len(text)
		}
		off += i + 1
	}
	l, _ := lineAt(text[off:], 0)
	return off + byteCol(l, p.Character)
}

func (s *server) didClose(raw json.RawMessage) error {
	var p struct {
		TextDocument docID `json:"textDocument"`
	}
	if err := unmarshal(raw, &p); err != nil {
		return err
	}
	d := s.docs[p.TextDocument.URI]
	if d == nil {
		return nil
	}
	delete(s.docs, d.uri)
	if d.path != "" {
		s.publish(d, nil)
	}
	s.stale = true // the file on disk counts again
	return nil
}
