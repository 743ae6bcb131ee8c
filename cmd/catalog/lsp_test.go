package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"

	"catalog/internal/iostreams"
)

var built struct {
	once sync.Once
	path string
	err  error
}

// binary builds catalog once for the tests that run it as an editor does.
func binary(t *testing.T) string {
	t.Helper()
	built.once.Do(func() {
		dir, err := os.MkdirTemp("", "catalog-lsp-test")
		if err != nil {
			built.err = err
			return
		}
		built.path = filepath.Join(dir, "catalog")
		out, err := exec.Command("go", "build", "-o", built.path, ".").CombinedOutput()
		if err != nil {
			built.err = fmt.Errorf("go build: %v\n%s", err, out)
		}
	})
	if built.err != nil {
		t.Fatal(built.err)
	}
	return built.path
}

// sampleCopy copies the sample catalog, for a test to add files to.
func sampleCopy(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	if err := os.CopyFS(dir, os.DirFS("../../catalog")); err != nil {
		t.Fatal(err)
	}
	return dir
}

const nvimPractice = "---\ntitle: Prueba\nsummary: Una.\ncountries:\n  - G\nlast_reviewed: 2026-13-45\n---\n"

// TestLSPBinary runs the built `catalog lsp` as an editor starts it: a
// session on its standard input and output, which ends with exit status 0
// after shutdown and exit.
func TestLSPBinary(t *testing.T) {
	dir := sampleCopy(t)
	file := filepath.Join(dir, "practices", "zz-prueba.es.md")
	u := (&url.URL{Scheme: "file", Path: filepath.ToSlash(file)}).String()
	var in bytes.Buffer
	for _, m := range []map[string]any{
		{"id": 1, "method": "initialize", "params": map[string]any{"rootUri": (&url.URL{Scheme: "file", Path: filepath.ToSlash(dir)}).String(), "capabilities": map[string]any{}}},
		{"method": "initialized", "params": map[string]any{}},
		{"method": "textDocument/didOpen", "params": map[string]any{"textDocument": map[string]any{"uri": u, "languageId": "markdown", "version": 1, "text": nvimPractice}}},
		{"id": 2, "method": "textDocument/completion", "params": map[string]any{"textDocument": map[string]any{"uri": u}, "position": map[string]any{"line": 4, "character": 5}}},
		{"id": 3, "method": "shutdown"},
		{"method": "exit"},
	} {
		m["jsonrpc"] = "2.0"
		body, _ := json.Marshal(m)
		fmt.Fprintf(&in, "Content-Length: %d\r\n\r\n%s", len(body), body)
	}
	cmd := exec.Command(binary(t), "lsp", "--lang", "es")
	cmd.Dir = t.TempDir() // the catalog comes from the workspace
	cmd.Stdin = &in
	cmd.Env = append(os.Environ(), "CATALOG_LANG=")
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("catalog lsp: %v", err)
	}
	r := bufio.NewReader(bytes.NewReader(out))
	var completion, diagnostics string
	for {
		body, err := readFramed(r)
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatalf("%v in %q", err, out)
		}
		var m struct {
			ID     int
			Method string
			Params json.RawMessage
			Result json.RawMessage
		}
		json.Unmarshal(body, &m)
		switch {
		case m.ID == 2:
			completion = string(m.Result)
		case m.Method == "textDocument/publishDiagnostics":
			diagnostics = string(m.Params)
		}
	}
	if !strings.Contains(completion, `"label":"GT","kind":12,"detail":"Guatemala"`) {
		t.Errorf("completion: %.300s", completion)
	}
	if !strings.Contains(diagnostics, `"code":"field-type"`) || !strings.Contains(diagnostics, "AAAA-MM-DD") {
		t.Errorf("diagnostics: %.500s", diagnostics)
	}
}

// readFramed reads one Content-Length framed message.
func readFramed(r *bufio.Reader) ([]byte, error) {
	n := -1
	for {
		line, err := r.ReadString('\n')
		if err != nil {
			return nil, err
		}
		line = strings.TrimRight(line, "\r\n")
		if line == "" {
			break
		}
		if v, ok := strings.CutPrefix(line, "Content-Length: "); ok {
			n, _ = strconv.Atoi(v)
		}
	}
	body := make([]byte, n)
	_, err := io.ReadFull(r, body)
	return body, err
}

// TestLSPNeovim drives Neovim, headless, as a real client of catalog lsp
// (testdata/lsp-neovim.lua): its diagnostics, a completion and a hover.
func TestLSPNeovim(t *testing.T) {
	nvim, err := exec.LookPath("nvim")
	if err != nil {
		if os.Getenv("CATALOG_REQUIRE_TOOLS") == "1" {
			t.Fatal("nvim not on PATH and CATALOG_REQUIRE_TOOLS=1")
		}
		t.Skip("nvim not on PATH")
	}
	dir := sampleCopy(t)
	file := filepath.Join(dir, "practices", "zz-nvim.es.md")
	if err := os.WriteFile(file, []byte(nvimPractice), 0o644); err != nil {
		t.Fatal(err)
	}
	script, _ := filepath.Abs("testdata/lsp-neovim.lua")
	out := filepath.Join(t.TempDir(), "out.json")
	args := fmt.Sprintf("lua _G.arg_bin=%q; _G.arg_dir=%q; _G.arg_file=%q; _G.arg_out=%q", binary(t), dir, file, out)
	cmd := exec.Command(nvim, "--headless", "--clean", "-c", args, "-c", "luafile "+script)
	cmd.Env = append(os.Environ(), "CATALOG_LANG=", "HOME="+t.TempDir())
	if b, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("nvim: %v\n%s", err, b)
	}
	b, err := os.ReadFile(out)
	if err != nil {
		t.Fatalf("nvim wrote nothing: %v", err)
	}
	var got struct {
		Diagnostics []struct {
			Line, Col int
			Code      string
		}
		Items []struct{ Label, Detail string }
		Hover string
	}
	if err := json.Unmarshal(b, &got); err != nil {
		t.Fatalf("%v: %s", err, b)
	}
	var codes []string
	for _, d := range got.Diagnostics {
		codes = append(codes, fmt.Sprintf("%d:%d %s", d.Line, d.Col, d.Code))
	}
	for _, want := range []string{"4:4 country-code", "5:15 field-type"} {
		if !strings.Contains(strings.Join(codes, "\n"), want) {
			t.Errorf("Neovim shows no %s among %v", want, codes)
		}
	}
	found := false
	for _, it := range got.Items {
		found = found || it.Label == "GT" && it.Detail == "Guatemala"
	}
	if !found {
		t.Errorf("Neovim is offered no GT (Guatemala) among %d items", len(got.Items))
	}
	if !strings.HasPrefix(got.Hover, "Países\n\n") {
		t.Errorf("hover on countries: %q", got.Hover)
	}
}

// TestLSPLang: a session speaks as every command (--lang, $CATALOG_LANG,
// the catalog's first language); the editor's locale counts only where
// the system's would, and then before it.
func TestLSPLang(t *testing.T) {
	none := t.TempDir() // no catalog.yaml
	for _, tc := range []struct {
		flag, env, systemLang, dir, locale, want string
	}{
		{"en", "es", "es_ES.UTF-8", "../../catalog", "es", "en"},
		{"", "en", "es_ES.UTF-8", "../../catalog", "es", "en"},
		{"", "", "en_US.UTF-8", "../../catalog", "en-gb", "es"},
		{"", "", "en_US.UTF-8", none, "es-419", "es"},
		{"", "", "es_AR.UTF-8", none, "", "es"},
		{"", "", "es_AR.UTF-8", none, "en", "en"},
		{"", "", "", none, "", "en"},
	} {
		io, _, _ := iostreams.Test("")
		io.Getenv = func(name string) string {
			switch name {
			case "CATALOG_LANG":
				return tc.env
			case "LANG":
				return tc.systemLang
			}
			return ""
		}
		if got := lspLang(io, tc.flag)(tc.dir, tc.locale); got != tc.want {
			t.Errorf("%+v: %s", tc, got)
		}
	}
}

// TestLSPCommand: a --lang catalog does not speak is a usage error before
// any session; an empty input is a session that ends without shutdown
// (exit status 1, as the protocol says), writing nothing.
func TestLSPCommand(t *testing.T) {
	code, out, errOut := catalogCmd(t, nil, "lsp", "--dir", "../../catalog", "--lang", "klingon")
	if code != 2 || out != "" || !strings.Contains(errOut, "--lang klingon") {
		t.Errorf("--lang klingon: %d %q %q", code, out, errOut)
	}
	code, out, errOut = catalogCmd(t, nil, "lsp", "--dir", "../../catalog")
	if code != 1 || out != "" || errOut != "" {
		t.Errorf("no input: %d %q %q", code, out, errOut)
	}
}
