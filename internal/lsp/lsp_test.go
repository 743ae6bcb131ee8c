package lsp

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"catalog/internal/iostreams"
	"catalog/internal/validate"
)

const sample = "../../catalog"

// client drives a server over pipes, as an editor does.
type client struct {
	t     *testing.T
	in    io.WriteCloser // the server's standard input
	out   chan []byte    // the messages it writes
	id    int
	diags map[string][]diagnosticLSP // the last published, by URI
	logs  []string
	// published counts the publishDiagnostics read.
	published int
	done      chan int
	s         *server
}

// server is the server, for a test to look inside once it answered.
func (c *client) server(*testing.T) *server { return c.s }

// start runs a server in-process on the catalog in dir, speaking l.
func start(t *testing.T, dir, l string) *client {
	t.Helper()
	inR, inW := io.Pipe()
	outR, outW := io.Pipe()
	c := &client{t: t, in: inW, out: make(chan []byte, 1024), diags: map[string][]diagnosticLSP{}, done: make(chan int, 1)}
	// Read all the server writes as it writes it: it would wait on its
	// writes while the client waits on its own.
	go func() {
		r := bufio.NewReader(outR)
		for {
			body, err := readMessage(r)
			if err != nil {
				close(c.out)
				return
			}
			c.out <- body
		}
	}()
	c.s = newServer(Options{In: inR, Out: outW, Dir: dir, Default: dir, Version: "test",
		Lang: func(string, string) string { return l }, Now: time.Date(2026, 12, 6, 12, 0, 0, 0, time.UTC)})
	go func() {
		code, err := c.s.serve()
		if err != nil {
			t.Error(err)
		}
		outW.Close()
		c.done <- code
	}()
	t.Cleanup(func() {
		inW.Close()
		for range c.out {
		}
	})
	return c
}

func (c *client) send(v any) {
	c.t.Helper()
	body, err := json.Marshal(v)
	if err != nil {
		c.t.Fatal(err)
	}
	fmt.Fprintf(c.in, "Content-Length: %d\r\n\r\n%s", len(body), body)
}

func (c *client) notify(method string, params any) {
	c.send(map[string]any{"jsonrpc": "2.0", "method": method, "params": params})
}

// reply reads messages until the answer to request id, keeping the
// notifications on the way.
type reply struct {
	ID     json.RawMessage `json:"id"`
	Method string          `json:"method"`
	Params json.RawMessage `json:"params"`
	Result json.RawMessage `json:"result"`
	Error  *rpcError       `json:"error"`
}

func (c *client) read() reply {
	c.t.Helper()
	var body []byte
	select {
	case b, ok := <-c.out:
		if !ok {
			c.t.Fatal("the server stopped writing")
		}
		body = b
	case <-time.After(20 * time.Second):
		c.t.Fatal("the server is silent")
	}
	var r reply
	if err := json.Unmarshal(body, &r); err != nil {
		c.t.Fatalf("the server wrote %s: %v", body, err)
	}
	switch r.Method {
	case "textDocument/publishDiagnostics":
		var p struct {
			URI         string          `json:"uri"`
			Diagnostics []diagnosticLSP `json:"diagnostics"`
		}
		json.Unmarshal(r.Params, &p)
		c.diags[p.URI] = p.Diagnostics
		c.published++
	case "window/logMessage":
		c.logs = append(c.logs, string(r.Params))
	}
	return r
}

func (c *client) call(method string, params any) reply {
	c.t.Helper()
	c.id++
	c.send(map[string]any{"jsonrpc": "2.0", "id": c.id, "method": method, "params": params})
	for {
		r := c.read()
		if string(r.ID) == fmt.Sprint(c.id) {
			return r
		}
	}
}

// sync waits until the server has handled, and checked, all sent before.
func (c *client) sync() {
	c.t.Helper()
	c.call("catalog/sync", nil) // an unknown request, answered after the check
}

func (c *client) initialize(root string) {
	c.t.Helper()
	r := c.call("initialize", map[string]any{"processId": nil, "rootUri": uri(root), "capabilities": map[string]any{}})
	if r.Error != nil || !strings.Contains(string(r.Result), `"completionProvider"`) {
		c.t.Fatalf("initialize: %s %+v", r.Result, r.Error)
	}
	c.notify("initialized", map[string]any{})
}

func (c *client) open(path, text string) string {
	u := uri(path)
	c.notify("textDocument/didOpen", map[string]any{"textDocument": map[string]any{"uri": u, "languageId": "markdown", "version": 1, "text": text}})
	return u
}

func (c *client) change(u, text string) {
	c.notify("textDocument/didChange", map[string]any{"textDocument": map[string]any{"uri": u, "version": 2}, "contentChanges": []any{map[string]any{"text": text}}})
}

func uri(path string) string {
	a, err := filepath.Abs(path)
	if err != nil {
		panic(err)
	}
	return (&url.URL{Scheme: "file", Path: filepath.ToSlash(a)}).String()
}

// complete asks for completion at the end of the text's last line that
// holds mark ("|"), which the text is opened without.
func (c *client) complete(u, text string) []completionItem {
	c.t.Helper()
	line, char := cursor(text)
	c.change(u, strings.Replace(text, "|", "", 1))
	r := c.call("textDocument/completion", map[string]any{"textDocument": map[string]any{"uri": u}, "position": map[string]any{"line": line, "character": char}})
	if r.Error != nil {
		c.t.Fatalf("completion: %+v", r.Error)
	}
	var list struct{ Items []completionItem }
	if err := json.Unmarshal(r.Result, &list); err != nil {
		c.t.Fatal(err)
	}
	return list.Items
}

// cursor is the position of "|" in text, in UTF-16 units.
func cursor(text string) (line, char int) {
	before, _, _ := strings.Cut(text, "|")
	line = strings.Count(before, "\n")
	last := before[strings.LastIndexByte(before, '\n')+1:]
	return line, utf16Col(last, len(last))
}

func find(items []completionItem, label string) *completionItem {
	for i := range items {
		if items[i].Label == label {
			return &items[i]
		}
	}
	return nil
}

func labels(items []completionItem) []string {
	var out []string
	for _, it := range items {
		out = append(out, it.Label)
	}
	return out
}

const head = "---\ntitle: Mesa de prueba\nsummary: Una mesa.\n"

func TestCompletion(t *testing.T) {
	c := start(t, sample, "es")
	c.initialize(sample)
	u := c.open(filepath.Join(sample, "practices", "zz-prueba.es.md"), head+"---\n")

	// The top level: every field, with its title and description.
	items := c.complete(u, head+"|\n---\n")
	if got := labels(items); len(got) < 18 || got[0] != "countries" || !slices.Contains(got, "last_reviewed") || !slices.Contains(got, "adapted_from") {
		t.Fatalf("top-level keys %v", got)
	}
	if it := find(items, "themes"); it.Detail != "Temas" || it.Documentation == nil || !strings.Contains(it.Documentation.Value, "catalog.yaml") || it.TextEdit.NewText != "themes: " {
		t.Errorf("themes offered as %+v", it)
	}
	if it := find(items, "sc"); it != nil {
		t.Errorf("a partial word offered as a key: %+v", it)
	}
	if find(items, "summary") != nil {
		t.Error("summary, given already, is offered again")
	}
	items = c.complete(u, head+"|\nscope: local\n---\n")
	if find(items, "scope") != nil || find(items, "themes") == nil {
		t.Errorf("scope, given below, is offered again: %v", labels(items))
	}
	items = c.complete(u, head+"sc|\n---\n")
	if it := find(items, "scope"); it == nil || it.TextEdit.Range.Start.Character != 0 || it.TextEdit.Range.End.Character != 2 {
		t.Errorf("scope after \"sc\": %+v", it)
	}

	// A flow list of themes: the catalog's codes, in Spanish.
	items = c.complete(u, head+"themes: [awareness-raising, |\n---\n")
	if it := find(items, "labour-inspection"); it == nil || it.Detail != "Inspección laboral" {
		t.Errorf("themes: labour-inspection offered as %+v in %v", it, labels(items))
	}
	if find(items, "GT") != nil {
		t.Error("themes offer a country")
	}
	// A bare value of a list: the code goes in brackets.
	items = c.complete(u, head+"themes: |\n---\n")
	if it := find(items, "education"); it == nil || it.TextEdit.NewText != "[education]" {
		t.Errorf("themes: education offered as %+v", it)
	}

	// A country as a list's item.
	items = c.complete(u, head+"countries:\n  - |\n---\n")
	if it := find(items, "GT"); it == nil || it.Detail != "Guatemala" {
		t.Errorf("countries: GT offered as %+v", it)
	}
	items = c.complete(u, head+"countries:\n- G|\n---\n")
	if it := find(items, "GT"); it == nil || it.TextEdit.Range.Start.Character != 2 {
		t.Errorf("countries (unindented list): GT offered as %+v", it)
	}

	// Under a list's key, before the "- ": an item's first key or value.
	items = c.complete(u, head+"sources:\n  |\n---\n")
	if it := find(items, "title"); it == nil || it.TextEdit.NewText != "- title: " {
		t.Errorf("sources: title offered as %+v in %v", it, labels(items))
	}
	items = c.complete(u, head+"countries:\n  G|\n---\n")
	if it := find(items, "GT"); it == nil || it.TextEdit.NewText != "- GT" || it.TextEdit.Range.Start.Character != 2 {
		t.Errorf("countries: GT offered as %+v", it)
	}
	if items := c.complete(u, head+"period:\n  |\n---\n"); find(items, "start") == nil || find(items, "start").TextEdit.NewText != "start: " {
		t.Errorf("period's parts: %v", labels(items))
	}

	// An institution's parts, and its type's values.
	inst := head + "institutions:\n  - name: Ministerio de Atención\n    "
	items = c.complete(u, inst+"|\n---\n")
	if got := labels(items); !slices.Equal(got, []string{"name", "acronym", "country", "type"}) {
		t.Errorf("an institution's parts %v", got)
	}
	items = c.complete(u, inst+"type: |\n---\n")
	if it := find(items, "government"); it == nil || it.Detail == "" || it.Detail == "government" {
		t.Errorf("an institution's type: government offered as %+v in %v", it, labels(items))
	}
	items = c.complete(u, head+"partners:\n  - {name: OIM, type: i|}\n---\n")
	if it := find(items, "international"); it == nil {
		t.Errorf("a flow institution's type: %v", labels(items))
	}
	items = c.complete(u, head+"partners:\n  - {name: OIM, |}\n---\n")
	if find(items, "acronym") == nil || find(items, "title") != nil {
		t.Errorf("a flow institution's parts: %v", labels(items))
	}

	// Deeper: an exchange's kind, a source's parts, adaptation's
	// requirements, a criterion's rating.
	for _, tc := range []struct{ text, want string }{
		{"exchanges:\n  - year: 2018\n    kind: |", "internship"},
		{"exchanges:\n  - year: 2018\n    outcome: |", "adapted"},
		{"exchanges:\n  - year: 2018\n    visitors: [|", "HN"},
		{"sources:\n  - |", "publisher"},
		{"adaptation:\n  cost: |", "low"},
		{"criteria:\n  participation: |", "evidenced"},
		{"criteria:\n  participation: {rating: |", "reported"},
		{"criteria:\n  |", "participation"},
		{"level: |", "good"},
		{"status: |", "ongoing"},
		{"related: [|", "cr-equipo-respuesta-inmediata"},
		{"adapted_from:\n  - practice: |", "ar-programa-rescate"},
		{"adapted_from:\n  - |", "ar-programa-rescate"},
		{"adapted_from:\n  - |", "practice"},
		{"themes: [awareness-raising,\n    |", "education"},
	} {
		items := c.complete(u, head+tc.text+"\n---\n")
		if find(items, tc.want) == nil {
			t.Errorf("%q: no %s in %v", tc.text, tc.want, labels(items))
		}
	}

	// A restricted practice shows nowhere public, nor here: not its ID,
	// not its title.
	items = c.complete(u, head+"related: [|\n---\n")
	if it := find(items, "sv-consejo-nacional-trata"); it != nil || len(items) < 5 {
		t.Errorf("related offers the restricted practice: %+v among %d", it, len(items))
	}
	for _, it := range items {
		if strings.Contains(it.Detail, "Consejo Nacional contra la Trata") {
			t.Errorf("the restricted practice's title shows: %+v", it)
		}
	}

	// Nowhere to complete: the body, a comment, a text's words.
	for _, text := range []string{
		head + "---\n|",
		head + "# a comment |\n---\n",
		head + "summary: >-\n  Una |\n---\n",
		head + "title: Mesa |\n---\n",
	} {
		if items := c.complete(u, text); len(items) > 0 {
			t.Errorf("%q: offered %v", text, labels(items))
		}
	}
}

// TestTranslationSchema: a translation's file gets the translation's
// schema, which requires only title and summary.
func TestTranslationSchema(t *testing.T) {
	c := start(t, sample, "en")
	c.initialize(sample)
	c.open(filepath.Join(sample, "practices", "zz-prueba.es.md"), "---\n---\n")
	c.call("shutdown", nil)
	s := c.server(t)
	required := func(name string) string {
		path := filepath.Join(s.dir, "practices", name)
		r, _ := json.Marshal(member(s.fieldsFor(path).root, "required"))
		return string(r)
	}
	if got := required("zz-prueba.en.md"); got != `["title","summary"]` {
		t.Errorf("a translation requires %s", got)
	}
	if got := required("zz-prueba.es.md"); !strings.Contains(got, `"countries"`) {
		t.Errorf("a source requires %s", got)
	}
	for _, c := range s.fieldsFor(filepath.Join(s.dir, "practices", "x.en.md")).values([]step{{"themes"}, item}, false) {
		if c.label == "education" && c.detail != "Education" {
			t.Errorf("English labels: %+v", c)
		}
	}
}

func TestHover(t *testing.T) {
	c := start(t, sample, "es")
	c.initialize(sample)
	text := head + "institutions:\n  - {name: \"Atención 😀\", type: government}\nthemes: [education]\n---\n"
	u := c.open(filepath.Join(sample, "practices", "zz-prueba.es.md"), text)
	hover := func(line, char int) (string, rangeLSP) {
		r := c.call("textDocument/hover", map[string]any{"textDocument": map[string]any{"uri": u}, "position": map[string]any{"line": line, "character": char}})
		if r.Error != nil {
			t.Fatal(r.Error)
		}
		var h struct {
			Contents markup
			Range    rangeLSP
		}
		json.Unmarshal(r.Result, &h)
		return h.Contents.Value, h.Range
	}
	if v, _ := hover(3, 3); !strings.HasPrefix(v, "Instituciones responsables\n\n") {
		t.Errorf("hover on institutions: %q", v)
	}
	// "  - {name: \"Atención 😀\", type: " is 32 UTF-16 units (the emoji
	// is two, as LSP counts), 31 characters, 36 bytes.
	v, r := hover(4, 33)
	if v != "Gobierno" || r.Start.Character != 32 || r.End.Character != 42 {
		t.Errorf("hover on government: %q at %+v", v, r)
	}
	if v, _ := hover(4, 27); !strings.HasPrefix(v, "Tipo") {
		t.Errorf("hover on type: %q", v)
	}
	if v, _ := hover(5, 12); v != "Educación" {
		t.Errorf("hover on education: %q", v)
	}
	if v, _ := hover(1, 10); v != "" {
		t.Errorf("hover on a title's words: %q", v)
	}
}

// copyCatalog copies the sample catalog into a folder of the test's.
func copyCatalog(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	if err := os.CopyFS(dir, os.DirFS(sample)); err != nil {
		t.Fatal(err)
	}
	return dir
}

// broken is a sample practice with a tab, a bad date, a code that is no
// scope's and a related practice that does not exist.
func broken(t *testing.T, src string) string {
	t.Helper()
	out := strings.Replace(src, "    acronym: SVET\n", "\tacronym: SVET\n", 1)
	out = regexp.MustCompile(`(?m)^last_reviewed: .*$`).ReplaceAllString(out, "last_reviewed: 2026-13-45")
	out = strings.Replace(out, "scope: national", "scope: nación", 1)
	out = strings.Replace(out, "related: [ar-programa-rescate,", "related: [no-existe, ar-programa-rescate,", 1)
	if out == src || strings.Count(out, "\n") != strings.Count(src, "\n") {
		t.Fatal("the sample practice changed: the test does not break it")
	}
	return out
}

// TestDiagnostics: the problems of an unsaved buffer are those validate
// reports once it is saved, rule by rule and line by line, in the user's
// language; the range counts UTF-16 units.
func TestDiagnostics(t *testing.T) {
	dir := copyCatalog(t)
	path := filepath.Join(dir, "practices", "gt-svet.es.md")
	src, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	bad := broken(t, string(src))

	c := start(t, dir, "es")
	c.initialize(dir)
	u := c.open(path, string(src))
	c.sync()
	if ds := c.diags[u]; len(ds) != 0 {
		t.Fatalf("the sample practice has problems: %+v", ds)
	}
	c.change(u, bad)
	c.sync()
	var got []string
	for _, d := range c.diags[u] {
		got = append(got, fmt.Sprintf("%d %s %s", d.Range.Start.Line+1, d.Code, d.Message))
		if d.Code == "field-value" && (d.Range.Start.Character != 7 || d.Range.End.Character != 13) {
			t.Errorf("scope: nación's problem at %+v, want characters 7–13", d.Range)
		}
	}
	if b, _ := os.ReadFile(path); string(b) != string(src) {
		t.Fatal("the server wrote the file")
	}

	// validate, on the same text saved.
	if err := os.WriteFile(path, []byte(bad), 0o644); err != nil {
		t.Fatal(err)
	}
	io, out, _ := iostreams.Test("")
	if _, err := validate.Run(validate.Options{IO: io, Dir: dir, Files: []string{path}, Format: "json", Lang: "es",
		Now: time.Date(2026, 12, 6, 12, 0, 0, 0, time.UTC)}); err != nil {
		t.Fatal(err)
	}
	var vs []struct {
		Line    int
		Rule    string
		Message string
	}
	if err := json.Unmarshal(out.Bytes(), &vs); err != nil {
		t.Fatal(err)
	}
	var want []string
	for _, v := range vs {
		want = append(want, fmt.Sprintf("%d %s %s", max(v.Line, 1), v.Rule, v.Message))
	}
	slices.Sort(got)
	slices.Sort(want)
	if !slices.Equal(got, want) {
		t.Errorf("the server says\n%s\nvalidate says\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	for _, rule := range []string{"yaml-tab", "field-type", "field-value", "related"} {
		if !strings.Contains(strings.Join(want, "\n"), " "+rule+" ") {
			t.Errorf("validate reports no %s: the test checks less than it says", rule)
		}
	}

	// catalog.yaml's problems go to the log, once.
	cfg := filepath.Join(dir, "catalog.yaml")
	if err := os.WriteFile(cfg, []byte("title: {es: x, en: y}\nlanguages: [es, en]\nchapters: nada\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	for range 2 {
		c.notify("textDocument/didSave", map[string]any{"textDocument": map[string]any{"uri": u}})
	}
	c.sync()
	n := 0
	for _, l := range c.logs {
		if strings.Contains(l, "catalog.yaml") && strings.Contains(l, "chapters") {
			n++
		}
	}
	if n != 1 {
		t.Errorf("catalog.yaml's problem logged %d times: %q", n, c.logs)
	}

	// Closing the file clears its problems.
	c.notify("textDocument/didClose", map[string]any{"textDocument": map[string]any{"uri": u}})
	c.sync()
	if len(c.diags[u]) != 0 {
		t.Errorf("closed, the file keeps %d problems", len(c.diags[u]))
	}
}

// TestHostileBuffer: a buffer larger than catalog reads, or not text, is
// a problem of the file, not the end of the server.
func TestHostileBuffer(t *testing.T) {
	c := start(t, sample, "en")
	c.initialize(sample)
	big := c.open(filepath.Join(sample, "practices", "zz-big.es.md"), "---\ntitle: x\n"+strings.Repeat("a", 3<<20))
	odd := c.open(filepath.Join(sample, "practices", "zz-odd.es.md"), "---\n\x00\xff\xfe: [[[[{{{{\n"+strings.Repeat("- ", 1<<16)+"\n---\n")
	c.sync()
	if ds := c.diags[big]; len(ds) != 1 || ds[0].Code != "file-size" {
		t.Errorf("the large buffer: %+v", ds)
	}
	if len(c.diags[odd]) == 0 {
		t.Error("the odd buffer has no problem")
	}
	for _, line := range []int{0, 1, 2, 5} {
		for _, char := range []int{0, 3, 1 << 20} {
			for _, m := range []string{"textDocument/completion", "textDocument/hover"} {
				if r := c.call(m, map[string]any{"textDocument": map[string]any{"uri": odd}, "position": map[string]any{"line": line, "character": char}}); r.Error != nil {
					t.Errorf("%s at %d:%d: %+v", m, line, char, r.Error)
				}
			}
		}
	}
}

// TestProtocol: what is not a well-formed request gets an error answer and
// the session goes on; shutdown then exit ends it with 0, exit alone with 1.
func TestProtocol(t *testing.T) {
	c := start(t, sample, "es")
	if r := c.call("textDocument/hover", map[string]any{}); r.Error == nil || r.Error.Code != codeNotInitialized {
		t.Errorf("before initialize: %+v", r)
	}
	c.initialize(sample)
	errorOf := func(raw string) *rpcError {
		t.Helper()
		io.WriteString(c.in, raw)
		r := c.read()
		for r.Method != "" {
			r = c.read()
		}
		if r.Error == nil {
			t.Fatalf("%q: answered %s", raw, r.Result)
		}
		return r.Error
	}
	frame := func(body string) string { return fmt.Sprintf("Content-Length: %d\r\n\r\n%s", len(body), body) }
	for _, tc := range []struct {
		raw  string
		code int
	}{
		{frame(`{"jsonrpc":"2.0","id":1,"method":`), codeParseError},
		{frame(`[1,2]`), codeInvalidRequest},
		{frame(`{"jsonrpc":"1.0","id":2,"method":"shutdown"}`), codeInvalidRequest},
		{frame(`{"jsonrpc":"2.0","id":{},"method":"shutdown"}`), codeInvalidRequest},
		{frame(`{"jsonrpc":"2.0","id":3,"method":"workspace/symbol","params":{}}`), codeMethodNotFound},
		{frame(`{"jsonrpc":"2.0","id":4,"method":"textDocument/completion","params":[1]}`), codeInvalidParams},
		{"Content-Type: x\r\n\r\n", codeParseError},
		{"Content-Length: nine\r\n\r\n", codeParseError},
		{fmt.Sprintf("Content-Length: %d\r\n\r\n%s", maxMessage+1, strings.Repeat(" ", maxMessage+1)), codeRequestFailed},
		{"X-" + strings.Repeat("a", 10000) + ": b\r\nContent-Length: 2\r\n\r\n{}", codeParseError},
	} {
		if e := errorOf(tc.raw); e.Code != tc.code || e.Message == "" {
			t.Errorf("%.60q: error %+v, want code %d", tc.raw, e, tc.code)
		}
	}
	if e := errorOf(frame(`{"jsonrpc":"2.0","id":5,"method":"nada/nada"}`)); !strings.Contains(e.Message, "no responde a nada/nada") {
		t.Errorf("the error is not in Spanish: %q", e.Message)
	}
	// Notifications nobody needs, and a cancel, are ignored.
	c.notify("$/cancelRequest", map[string]any{"id": 1})
	c.notify("nada/nada", nil)
	if r := c.call("shutdown", nil); r.Error != nil || string(r.Result) != "null" {
		t.Errorf("shutdown: %+v %s", r.Error, r.Result)
	}
	if r := c.call("textDocument/hover", map[string]any{}); r.Error == nil {
		t.Error("a request after shutdown is answered")
	}
	c.notify("exit", nil)
	if code := <-c.done; code != 0 {
		t.Errorf("exit after shutdown: %d", code)
	}

	c = start(t, sample, "en")
	c.initialize(sample)
	c.notify("exit", nil)
	if code := <-c.done; code != 1 {
		t.Errorf("exit without shutdown: %d", code)
	}
}

// TestUTF16 holds the conversions between LSP's columns and bytes.
func TestUTF16(t *testing.T) {
	l := "a: Atención 😀 b"
	for _, tc := range []struct{ u, b int }{{0, 0}, {3, 3}, {10, 11}, {11, 12}, {12, 13}, {13, 13}, {14, 17}, {15, 18}, {99, len(l)}} {
		if got := byteCol(l, tc.u); got != tc.b {
			t.Errorf("byteCol(%d) = %d, want %d", tc.u, got, tc.b)
		}
	}
	for _, tc := range []struct{ b, u int }{{0, 0}, {11, 10}, {13, 12}, {17, 14}, {len(l), 16}} {
		if got := utf16Col(l, tc.b); got != tc.u {
			t.Errorf("utf16Col(%d) = %d, want %d", tc.b, got, tc.u)
		}
	}
	if got := runeCol(l, 12); got != 12 || l[runeCol(l, 13):] != "😀 b" || runeCol(l, 4) != 3 {
		t.Errorf("runeCol(12) = %d", got)
	}
}

// FuzzMessages: whatever comes in, the reader returns messages or errors,
// the decoder never panics, and what the writer writes reads back.
func FuzzMessages(f *testing.F) {
	f.Add([]byte("Content-Length: 2\r\n\r\n{}"))
	f.Add([]byte("Content-Length: 40\r\n\r\n{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"x\"}   \r\n\r\n"))
	f.Add([]byte("Content-Length: -1\r\n\r\n"))
	f.Add([]byte("content-length:5\n\n[1,2]Content-Length: 1\r\n\r\n"))
	f.Add([]byte("\r\n\r\nContent-Length: 3\r\nContent-Type: utf-8\r\n\r\nnul"))
	f.Fuzz(func(t *testing.T, data []byte) {
		r := bufio.NewReaderSize(strings.NewReader(string(data)), 16)
		for range 1000 {
			body, err := readMessage(r)
			if err != nil && err != errFraming && err != errTooLarge {
				break
			}
			if err == nil {
				if m, bad := decodeMessage(body); bad == nil && (m == nil || m.Method == nil && len(m.ID) == 0) {
					t.Fatalf("%q decoded as %+v", body, m)
				}
			}
		}
		var buf strings.Builder
		w := &writer{w: &buf}
		if err := w.write(notification{JSONRPC: "2.0", Method: string(data), Params: string(data)}); err != nil {
			t.Fatal(err)
		}
		body, err := readMessage(bufio.NewReader(strings.NewReader(buf.String())))
		if err != nil {
			t.Fatal(err)
		}
		m, bad := decodeMessage(body)
		if bad != nil || m.Method == nil || utf8.Valid(data) && *m.Method != string(data) {
			t.Fatalf("%q read back as %+v %+v", buf.String(), m, bad)
		}
	})
}

// FuzzSpot: no front matter makes locating the cursor panic.
func FuzzSpot(f *testing.F) {
	f.Add("---\ninstitutions:\n  - {name: \"Atención\", type: go", 3)
	f.Add("---\nthemes: [a,\n  b, [c, {d: e", 10)
	f.Add("---\n- - - a: b\n\t- x: |\n   y\n  - ", 0)
	f.Fuzz(func(t *testing.T, text string, col int) {
		if col < 0 {
			col = -col
		}
		n := strings.Count(text, "\n")
		if texts := frontMatter(text, n); texts != nil {
			locate(texts, col%(len(texts[len(texts)-1])+1))
		}
	})
}

// TestChangesCoalesce: changes that come faster than a check are checked
// once, the last of them.
func TestChangesCoalesce(t *testing.T) {
	c := start(t, sample, "en")
	c.initialize(sample)
	u := c.open(filepath.Join(sample, "practices", "zz-prueba.es.md"), "---\n---\n")
	c.sync()
	before := c.published
	var all strings.Builder
	for i := range 20 {
		body, _ := json.Marshal(map[string]any{"jsonrpc": "2.0", "method": "textDocument/didChange", "params": map[string]any{
			"textDocument": map[string]any{"uri": u, "version": i + 2}, "contentChanges": []any{map[string]any{"text": fmt.Sprintf("---\nlevel: x%d\n---\n", i)}}}})
		fmt.Fprintf(&all, "Content-Length: %d\r\n\r\n%s", len(body), body)
	}
	io.WriteString(c.in, all.String()) // one write: the server reads them at once
	c.sync()
	if n := c.published - before; n != 1 {
		t.Errorf("20 changes at once checked %d times, want 1", n)
	}
	found := false
	for _, d := range c.diags[u] {
		found = found || strings.Contains(d.Message, `"x19"`)
	}
	if !found {
		t.Errorf("the last change was not checked: %+v", c.diags[u])
	}
}
