package lsp

import (
	"reflect"
	"strings"

	"catalog/internal/check"
	"catalog/internal/config"
	"catalog/internal/diag"
	"catalog/internal/fmschema"
	"catalog/internal/model"
)

type diagnosticLSP struct {
	Range    rangeLSP `json:"range"`
	Severity int      `json:"severity"`
	Code     string   `json:"code"`
	Source   string   `json:"source"`
	Message  string   `json:"message"`
}

// check checks the catalog with the open practices' text in place of
// their files, as validate would once they are saved, and publishes each
// open practice's problems. Problems in catalog.yaml go to the editor's
// log: they are no open file's.
func (s *server) check() {
	s.stale = false
	if s.dir == "" {
		return
	}
	buffers := map[string][]byte{}
	for _, d := range s.docs {
		if d.path != "" {
			buffers[d.path] = []byte(d.text)
		}
	}
	cat, ds, err := check.Catalog(s.dir, check.Options{Now: s.opt.Now, Buffers: buffers, Files: &s.files, Cache: &s.cache})
	if err != nil {
		s.log(s.p.T(msgCheckFailed, map[string]string{"Dir": diag.Escape(s.dir), "Error": diag.Escape(err.Error())}))
		return
	}
	s.learn(cat)
	ds = diag.In(s.p, ds)
	byFile := map[string][]diag.Diagnostic{}
	for _, d := range ds {
		byFile[d.File] = append(byFile[d.File], d)
	}
	for _, d := range s.docs {
		if d.path != "" {
			s.publish(d, byFile[d.path])
		}
	}
	// catalog.yaml's problems, said once until they change.
	var said strings.Builder
	diag.WriteText(&said, byFile[cat.Config.Path])
	if said.String() != s.configSaid {
		s.configSaid = said.String()
		if s.configSaid != "" {
			s.log(strings.TrimSuffix(s.configSaid, "\n"))
		}
	}
}

// learn keeps what completion needs of a checked catalog: its
// configuration (the schema changes with it) and its public practices.
func (s *server) learn(cat *model.Catalog) {
	if s.cfg == nil || !reflect.DeepEqual(s.cfg, cat.Config) {
		s.cfg, s.schemas = cat.Config, nil
	}
	s.practice = s.practice[:0]
	for _, p := range cat.Practices {
		if p.Restricted() {
			continue // its ID and title show nowhere public; nor here
		}
		title := ""
		if t := p.In(s.lang); t != nil {
			title = t.Title
		}
		s.practice = append(s.practice, practiceRef{p.ID, title})
	}
	for _, f := range s.schemas {
		f.practices = s.practice
	}
}

// publish sends a file's problems.
func (s *server) publish(d *document, ds []diag.Diagnostic) {
	out := make([]diagnosticLSP, 0, len(ds))
	for _, x := range ds {
		sev := 2
		if x.Severity == diag.Error {
			sev = 1
		}
		out = append(out, diagnosticLSP{Range: diagRange(d.text, x), Severity: sev, Code: x.Rule.ID, Source: "catalog", Message: x.Message})
	}
	s.out.write(notification{JSONRPC: "2.0", Method: "textDocument/publishDiagnostics",
		Params: map[string]any{"uri": d.uri, "diagnostics": out}})
}

// diagRange is where a problem is: from its column to the end of the word
// there; its whole line when it has no column; the first line when it is
// about the whole file.
func diagRange(text string, d diag.Diagnostic) rangeLSP {
	n := max(d.Line-1, 0)
	l, ok := lineAt(text, n)
	if !ok {
		n, l = 0, ""
		l, _ = lineAt(text, 0)
	}
	if d.Line == 0 || d.Col == 0 {
		return rangeLSP{position{n, 0}, position{n, utf16Col(l, len(l))}}
	}
	start := runeCol(l, d.Col)
	end := start
	for end < len(l) && l[end] != ' ' && l[end] != '\t' && l[end] != ',' && l[end] != ']' && l[end] != '}' {
		end++
	}
	if end == start && end < len(l) {
		end++
	}
	return rangeLSP{position{n, utf16Col(l, start)}, position{n, utf16Col(l, end)}}
}

// fieldsFor is what goes where in the file at path: the schema of a
// translation for a file in another language than the catalog's first.
func (s *server) fieldsFor(path string) *fields {
	cfg := s.cfg
	if cfg == nil {
		s.check()
		cfg = s.cfg
	}
	if cfg == nil {
		cfg = config.Default()
	}
	translation := false
	if l := fileLang(path); l != "" && l != cfg.DefaultLanguage() && cfg.HasLanguage(l) {
		translation = true
	}
	if s.schemas == nil {
		s.schemas = map[bool]*fields{}
	}
	f := s.schemas[translation]
	if f == nil {
		f = &fields{root: fmschema.Schema(fmschema.Options{Config: cfg, Words: s.words, Lang: s.lang, Translation: translation}), practices: s.practice}
		s.schemas[translation] = f
	}
	return f
}
