package lsp

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"net/url"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"
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
	done  chan int
	s     *server
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
	if got := labels(items); len(got) < 20 || got[0] != "title" || !slices.Contains(got, "last_reviewed") || !slices.Contains(got, "adapted_from") {
		t.Fatalf("top-level keys %v", got)
	}
	if it := find(items, "themes"); it.Detail != "Temas" || it.Documentation == nil || !strings.Contains(it.Documentation.Value, "catalog.yaml") || it.TextEdit.NewText != "themes: " {
		t.Errorf("themes offered as %+v", it)
	}
	if it := find(items, "sc"); it != nil {
		t.Errorf("a partial word offered as a key: %+v", it)
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
