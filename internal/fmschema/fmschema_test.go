package fmschema

import (
	"bytes"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"
	"gopkg.in/yaml.v3"

	"catalog/internal/config"
	"catalog/internal/lang"
	"catalog/internal/load"
	"catalog/internal/words"
	"catalog/templates"
)

// schemaFor makes and compiles the schema for the catalog in dir, as an
// editor would read it.
func schemaFor(t *testing.T, dir, language string, translation bool) *jsonschema.Schema {
	t.Helper()
	cfg, ds, err := config.Load(dir)
	if err != nil || len(ds) > 0 {
		t.Fatalf("%s: %v %v", dir, err, ds)
	}
	w, err := words.Load(templates.FS, []string{language})
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := Write(&buf, Options{Config: cfg, Words: w, Lang: language, Translation: translation}); err != nil {
		t.Fatal(err)
	}
	doc, err := jsonschema.UnmarshalJSON(&buf)
	if err != nil {
		t.Fatalf("the schema is not JSON: %v", err)
	}
	c := jsonschema.NewCompiler()
	if err := c.AddResource(FileName, doc); err != nil {
		t.Fatal(err)
	}
	sch, err := c.Compile(FileName)
	if err != nil {
		t.Fatalf("the schema does not compile: %v", err)
	}
	return sch
}

// frontMatter reads a practice file's front matter as an editor's YAML
// language server sees it (YAML 1.2: an unquoted 2026-11-20 is text), as
// JSON values.
func frontMatter(t *testing.T, path string) any {
	t.Helper()
	src, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	s := strings.ReplaceAll(string(src), "\r\n", "\n")
	rest, ok := strings.CutPrefix(s, "---\n")
	if !ok {
		t.Fatalf("%s: no front matter", path)
	}
	front, _, ok := strings.Cut(rest, "\n---")
	if !ok {
		t.Fatalf("%s: front matter never closed", path)
	}
	var n yaml.Node
	if err := yaml.Unmarshal([]byte(front), &n); err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	asText(&n)
	var v any
	if err := n.Decode(&v); err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	return doc
}

// asText makes the timestamps of n text, as YAML 1.2 reads them:
// yaml.v3 decodes an unquoted 2026-11-20 into a time.Time, an editor's
// language server keeps the text.
func asText(n *yaml.Node) {
	if n.Kind == yaml.ScalarNode && n.ShortTag() == "!!timestamp" {
		n.Tag = "!!str"
	}
	for _, c := range n.Content {
		asText(c)
	}
}

// TestSample: every practice file of the sample catalog is valid, a
// source against the source's schema, a translation against the
// translation's; and a translation is not a source (it lacks the fields
// it inherits).
func TestSample(t *testing.T) {
	dir := "../../catalog"
	cfg, _, err := config.Load(dir)
	if err != nil {
		t.Fatal(err)
	}
	source := schemaFor(t, dir, "es", false)
	translation := schemaFor(t, dir, "en", true)
	files, _ := filepath.Glob(filepath.Join(dir, "practices", "*.md"))
	if len(files) < 10 {
		t.Fatalf("only %d practice files", len(files))
	}
	sources := 0
	for _, f := range files {
		fm := frontMatter(t, f)
		if strings.HasSuffix(f, "."+cfg.DefaultLanguage()+".md") {
			sources++
			if err := source.Validate(fm); err != nil {
				t.Errorf("%s: %v", f, err)
			}
			continue
		}
		if err := translation.Validate(fm); err != nil {
			t.Errorf("%s: %v", f, err)
		}
		if source.Validate(fm) == nil {
			t.Errorf("%s: a translation is valid against the source's schema", f)
		}
	}
	if sources == 0 || sources == len(files) {
		t.Fatalf("%d sources of %d files", sources, len(files))
	}
}

// TestBroken: the broken catalog's practices that break a rule of the
// front matter's shape fail the schema, at the values catalog validate
// reports (JSON pointers into the front matter).
func TestBroken(t *testing.T) {
	dir := "../../testdata/broken"
	sch := schemaFor(t, dir, "en", false)
	cases := map[string][]string{
		"bad-unknown-key":       {"", "'levle'", "'level'"}, // levle unknown, level missing: said of the whole
		"bad-nested-unknown":    {"/institutions/0"},
		"bad-types":             {"/title", "/countries", "/period/start"},
		"bad-required":          {"/themes"},
		"bad-enum":              {"/scope", "/institutions/0/type", "/status", "/level"},
		"bad-theme":             {"/themes/0", "/themes/2"},
		"bad-country":           {"/countries/0", "/countries/1"},
		"bad-adaptation-values": {"/adaptation", "/adaptation/requires/1", "/adaptation/cost"},
		"bad-exchange":          {"/exchanges/0/kind"},
		"bad-entries":           {"/institutions", "/sources/0"},
	}
	for name, want := range cases {
		t.Run(name, func(t *testing.T) {
			err := sch.Validate(frontMatter(t, filepath.Join(dir, "practices", name+".es.md")))
			var ve *jsonschema.ValidationError
			if !errors.As(err, &ve) {
				t.Fatalf("valid against the schema (%v)", err)
			}
			got := map[string]bool{}
			locations(ve, got)
			for _, w := range want {
				// A location, or a key named in what is said of it.
				if strings.HasPrefix(w, "'") {
					if !strings.Contains(ve.Error(), w) {
						t.Errorf("%s not named in\n%v", w, ve)
					}
				} else if !got[w] {
					t.Errorf("nothing reported at %q; reported: %v\n%v", w, keys(got), ve)
				}
			}
		})
	}
}

func locations(ve *jsonschema.ValidationError, into map[string]bool) {
	into[pointer(ve.InstanceLocation)] = true
	for _, c := range ve.Causes {
		locations(c, into)
	}
}

func pointer(tokens []string) string {
	var b strings.Builder
	for _, tok := range tokens {
		b.WriteString("/" + tok)
	}
	return b.String()
}

func keys(m map[string]bool) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	slices.Sort(out)
	return out
}

// TestTexts: every field of load.Fields, and every part of its entries,
// has a title and a description in each language catalog speaks; every
// value of an enum has its label; catalog schema says everything in both.
func TestTexts(t *testing.T) {
	for _, f := range load.Fields {
		for _, l := range lang.Supported {
			if tx := fieldTexts[f.Name][l]; tx.Title == "" || tx.Description == "" {
				t.Errorf("field %s has no title or description in %s", f.Name, l)
			}
		}
	}
	for key, byLang := range fieldTexts {
		for _, l := range lang.Supported {
			if tx := byLang[l]; tx.Title == "" || tx.Description == "" {
				t.Errorf("%s has no title or description in %s", key, l)
			}
		}
	}
	for _, table := range []map[string]map[string]string{valueTexts, schemaTexts} {
		for key, byLang := range table {
			for _, l := range lang.Supported {
				if byLang[l] == "" {
					t.Errorf("%s is not said in %s", key, l)
				}
			}
		}
	}
	cfg := config.Default()
	for _, l := range lang.Supported {
		w, err := words.Load(templates.FS, []string{l})
		if err != nil {
			t.Fatal(err)
		}
		for _, translation := range []bool{false, true} {
			b, err := json.Marshal(Schema(Options{Config: cfg, Words: w, Lang: l, Translation: translation}))
			if err != nil {
				t.Fatal(err)
			}
			var doc map[string]any
			if err := json.Unmarshal(b, &doc); err != nil {
				t.Fatal(err)
			}
			walk(t, l, "", doc)
		}
	}
}

// walk checks every property of the schema node s at path and below.
func walk(t *testing.T, l, path string, s map[string]any) {
	t.Helper()
	if props, ok := s["properties"].(map[string]any); ok {
		for name, p := range props {
			ps := p.(map[string]any)
			if ps["title"] == "" || ps["title"] == nil || ps["description"] == "" || ps["description"] == nil {
				t.Errorf("%s: %s.%s has no title or description", l, path, name)
			}
			walk(t, l, path+"."+name, ps)
		}
	}
	if enum, ok := s["enum"].([]any); ok {
		labels, _ := s["enumDescriptions"].([]any)
		if len(labels) != len(enum) {
			t.Errorf("%s: %s: %d values, %d labels", l, path, len(enum), len(labels))
		}
		for i, lb := range labels {
			// A label that is its key is a word the site lacks.
			if s, _ := lb.(string); s == "" || strings.Contains(s, ".") && !strings.Contains(s, " ") {
				t.Errorf("%s: %s: value %v has label %q", l, path, enum[i], lb)
			}
		}
	}
	for _, key := range []string{"items", "$defs"} {
		if sub, ok := s[key].(map[string]any); ok {
			if key == "$defs" {
				for name, d := range sub {
					walk(t, l, path+".$defs."+name, d.(map[string]any))
				}
				continue
			}
			walk(t, l, path+"[]", sub)
		}
	}
	if alts, ok := s["anyOf"].([]any); ok {
		for _, a := range alts {
			walk(t, l, path, a.(map[string]any))
		}
	}
}

// TestEveryKind: a kind added to load.Fields without its type here would
// accept anything.
func TestEveryKind(t *testing.T) {
	s := maker{Options{Config: config.Default(), Lang: "en"}}
	for i := range load.Fields {
		if len(s.field(&load.Fields[i])) == 0 {
			t.Errorf("field %s: no type for its kind %d", load.Fields[i].Name, load.Fields[i].Kind)
		}
	}
}
