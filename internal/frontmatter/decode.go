package frontmatter

import (
	"regexp"
	"strconv"
	"strings"

	"gopkg.in/yaml.v3"

	"catalog/internal/diag"
	"catalog/internal/suggest"
)

// Rules of decoding YAML into fields.
var (
	RuleUnknownField = &diag.Rule{ID: "unknown-field", Severity: diag.Error,
		Doc: "A key that the format does not know, most often a typo; the message suggests the nearest known key."}
	RuleFieldType = &diag.Rule{ID: "field-type", Severity: diag.Error,
		Doc: "A value of the wrong kind: a list where text is expected, text where a list or a mapping is expected, a year that is not a number."}
	RuleRequiredField = &diag.Rule{ID: "required-field", Severity: diag.Error,
		Doc: "A required field is missing or empty."}
	RuleYAMLImplicit = &diag.Rule{ID: "yaml-implicit", Severity: diag.Warning,
		Doc: "An unquoted value that YAML 1.1 tools read as something other than text: `no`, `on`, `yes` as booleans, `2024-05-01` as a date, `0777` as an octal number. Quote it."}
)

// Pos is a place in a file.
type Pos struct{ Line, Col int }

// Decoder turns yaml.Nodes into typed values, reporting wrong types and
// unknown keys at their position and remembering where each field stands.
type Decoder struct {
	File       string
	LineOffset int
	Diags      []diag.Diagnostic
	// Pos maps a field path ("countries[1]", "institutions[0].name") to
	// where it stands.
	Pos map[string]Pos
}

// NewDecoder starts decoding a file's YAML.
func NewDecoder(file string, lineOffset int) *Decoder {
	return &Decoder{File: file, LineOffset: lineOffset, Pos: make(map[string]Pos, 64)}
}

// At returns where a path stands, falling back to its parents and then to
// line 1.
func (d *Decoder) At(path string) Pos { return At(d.Pos, path) }

// At looks a field path up in a position map, falling back to its parent
// fields ("institutions[0].type" → "institutions[0]" → "institutions") and
// then to line 1.
func At(pos map[string]Pos, path string) Pos {
	for {
		if p, ok := pos[path]; ok {
			return p
		}
		i := strings.LastIndexAny(path, ".[")
		if i < 0 {
			return Pos{Line: 1, Col: 1}
		}
		path = path[:i]
	}
}

// Report adds a diagnostic at a node.
func (d *Decoder) Report(r *diag.Rule, n *yaml.Node, format string, args ...any) {
	d.Diags = append(d.Diags, diag.New(r, d.File, n.Line+d.LineOffset, n.Column, format, args...))
}

// ReportAt adds a diagnostic at a path.
func (d *Decoder) ReportAt(r *diag.Rule, path string, format string, args ...any) {
	p := d.At(path)
	d.Diags = append(d.Diags, diag.New(r, d.File, p.Line, p.Col, format, args...))
}

// Mark records where a path stands.
func (d *Decoder) Mark(path string, n *yaml.Node) {
	d.Pos[path] = Pos{n.Line + d.LineOffset, n.Column}
}

// Fields calls fn for each key of a mapping that is among known, in file
// order, and reports the others. A nil or empty node is no mapping and no
// error: the caller decides whether the field was required.
func (d *Decoder) Fields(n *yaml.Node, path string, known []string, fn func(key string, k, v *yaml.Node)) bool {
	return d.Map(n, path, func(key string, k, v *yaml.Node, _ string) {
		if !contains(known, key) {
			where := "front matter"
			if path != "" {
				where = Label(path)
			}
			d.Report(RuleUnknownField, k, "unknown key %q in %s%s", key, where, suggest.Hint(key, known))
			return
		}
		fn(key, k, v)
	})
}

// Map calls fn for each key of a mapping whose keys are data (languages,
// slugs), not field names.
func (d *Decoder) Map(n *yaml.Node, path string, fn func(key string, k, v *yaml.Node, keyPath string)) bool {
	if n == nil || IsNull(n) {
		return false
	}
	if n.Kind != yaml.MappingNode {
		d.Report(RuleFieldType, n, "%s must be a mapping of key: value lines, not %s", Label(path), Describe(n))
		return false
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		if k.Kind != yaml.ScalarNode {
			continue
		}
		kp := join(path, k.Value)
		// A problem with a plain value points at the value itself, as
		// compilers point at the offending token; anything else at its key.
		if v != nil && v.Kind == yaml.ScalarNode && !IsNull(v) {
			d.Mark(kp, v)
		} else {
			d.Mark(kp, k)
		}
		fn(k.Value, k, v, kp)
	}
	return true
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

func join(path, key string) string {
	if path == "" {
		return key
	}
	return path + "." + key
}

// Item is the path of a list item.
func Item(path string, i int) string { return path + "[" + strconv.Itoa(i) + "]" }

// Key is the path of a mapping key.
func Key(path, key string) string { return join(path, key) }

// Label names a field path in messages: `institutions[1].type`.
func Label(path string) string {
	if path == "" {
		return "the front matter"
	}
	return "`" + path + "`"
}

// IsNull reports an empty value: `key:`, `key: ~`, `key: null`. An alias
// counts as empty: it is refused (and reported) when the YAML is read.
func IsNull(n *yaml.Node) bool {
	return n == nil || n.Kind == yaml.AliasNode || (n.Kind == yaml.ScalarNode && n.Tag == "!!null" && n.Style&(yaml.DoubleQuotedStyle|yaml.SingleQuotedStyle) == 0)
}

var (
	yaml11Bool = map[string]bool{
		"y": true, "Y": true, "yes": true, "Yes": true, "YES": true,
		"n": true, "N": true, "no": true, "No": true, "NO": true,
		"true": true, "True": true, "TRUE": true, "false": true, "False": true, "FALSE": true,
		"on": true, "On": true, "ON": true, "off": true, "Off": true, "OFF": true,
	}
	yaml11Number = regexp.MustCompile(`^[-+]?(0[0-7_]+|0x[0-9a-fA-F_]+|0b[01_]+|[0-9][0-9_]*(:[0-5]?[0-9])+(\.[0-9_]*)?)$`)
	yaml11Date   = regexp.MustCompile(`^\d{4}-\d{1,2}-\d{1,2}([Tt ].*)?$`)
)

// Implicit says how a YAML 1.1 reader would misread a plain scalar, or "".
func Implicit(n *yaml.Node) string {
	if n.Kind != yaml.ScalarNode || n.Style != 0 {
		return ""
	}
	switch {
	case yaml11Bool[n.Value]:
		return "a boolean"
	case yaml11Date.MatchString(n.Value):
		return "a date"
	case yaml11Number.MatchString(n.Value):
		return "a number"
	}
	return ""
}

// String decodes a text field. Any scalar is text; a list or mapping is a
// wrong type. A plain value that YAML 1.1 tools would misread gets a warning
// unless exempt says the field reads it right (country codes: NO is Norway).
func (d *Decoder) String(n *yaml.Node, path string) string {
	if n == nil || IsNull(n) {
		return ""
	}
	if n.Kind != yaml.ScalarNode {
		d.Report(RuleFieldType, n, "%s must be text, not %s", Label(path), Describe(n))
		return ""
	}
	if kind := Implicit(n); kind != "" {
		d.Report(RuleYAMLImplicit, n, "%s: YAML 1.1 tools read %s as %s; put it in quotes: \"%s\"", Label(path), n.Value, kind, n.Value)
	}
	return strings.TrimSpace(n.Value)
}

// Code decodes a code (country, slug) where YAML 1.1 misreadings do not
// matter because the value is checked against a list anyway.
func (d *Decoder) Code(n *yaml.Node, path string) string {
	if n == nil || IsNull(n) {
		return ""
	}
	if n.Kind != yaml.ScalarNode {
		d.Report(RuleFieldType, n, "%s must be a code, not %s", Label(path), Describe(n))
		return ""
	}
	return strings.TrimSpace(n.Value)
}

// List calls fn for each item of a list. A single scalar where a list is
// expected is reported, with the fix.
func (d *Decoder) List(n *yaml.Node, path string, fn func(i int, item *yaml.Node, itemPath string)) {
	if n == nil || IsNull(n) {
		return
	}
	if n.Kind != yaml.SequenceNode {
		if n.Kind == yaml.ScalarNode {
			d.Report(RuleFieldType, n, "%s must be a list: write [%s]", Label(path), n.Value)
		} else {
			d.Report(RuleFieldType, n, "%s must be a list, not %s", Label(path), Describe(n))
		}
		return
	}
	for i, item := range n.Content {
		ip := Item(path, i)
		d.Mark(ip, item)
		fn(i, item, ip)
	}
}

// Codes decodes a list of codes.
func (d *Decoder) Codes(n *yaml.Node, path string) []string {
	var out []string
	d.List(n, path, func(_ int, item *yaml.Node, ip string) {
		out = append(out, d.Code(item, ip))
	})
	return out
}

// Strings decodes a list of text values.
func (d *Decoder) Strings(n *yaml.Node, path string) []string {
	var out []string
	d.List(n, path, func(_ int, item *yaml.Node, ip string) {
		out = append(out, d.String(item, ip))
	})
	return out
}

// Int decodes a whole number; ok is false (and a problem reported) when
// the value is not one.
func (d *Decoder) Int(n *yaml.Node, path string) (v int, ok bool) {
	if n == nil || IsNull(n) {
		return 0, false
	}
	if n.Kind == yaml.ScalarNode {
		s := strings.TrimSpace(n.Value)
		if v, err := strconv.Atoi(s); err == nil && !(len(s) > 1 && s[0] == '0') {
			return v, true
		}
	}
	d.Report(RuleFieldType, n, "%s must be a whole number, not %s", Label(path), Describe(n))
	return 0, false
}
