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
	// Top names the top mapping in messages: "front matter" when empty.
	Top string
	// Pos maps a field path ("countries[1]", "institutions[0].name") to
	// where it stands.
	Pos map[string]Pos
	// Paths, when set, makes the decoders that share it share the strings
	// of their paths.
	Paths *Paths
	// Positions, used when Pos is nil, records the same as Pos would, in a
	// third of the memory.
	Positions Positions
}

// Positions is a map of field paths to positions made for few lookups: a
// list, in the order the positions were recorded. A map of positions per
// file was half of what `catalog validate` kept of a catalog.
type Positions []mark

type mark struct {
	path      string
	line, col int32
}

// add records where path stands; a later record of the same path wins, as
// in a map.
func (ps *Positions) add(path string, p Pos) {
	*ps = append(*ps, mark{path, int32(p.Line), int32(p.Col)})
}

// Get returns where path stands, as a lookup in a map of positions does.
func (ps Positions) Get(path string) (Pos, bool) {
	for i := len(ps) - 1; i >= 0; i-- {
		if ps[i].path == path {
			return Pos{int(ps[i].line), int(ps[i].col)}, true
		}
	}
	return Pos{}, false
}

// At is the package's At for Positions.
func (ps Positions) At(path string) Pos {
	for {
		if p, ok := ps.Get(path); ok {
			return p
		}
		i := strings.LastIndexAny(path, ".[")
		if i < 0 {
			return Pos{Line: 1, Col: 1}
		}
		path = path[:i]
	}
}

// Paths makes the field paths of many files one string each: a catalog
// keeps a map of positions by path for each file, and 20,000 files have
// the same few hundred paths. A Paths is for one goroutine at a time.
type Paths struct{ m map[pathKey]string }

type pathKey struct {
	parent, key string
	item        int // -1 for a key
}

func (d *Decoder) join(path, key string) string {
	if d.Paths == nil {
		return join(path, key)
	}
	return d.Paths.get(pathKey{path, key, -1})
}

func (d *Decoder) item(path string, i int) string {
	if d.Paths == nil {
		return Item(path, i)
	}
	return d.Paths.get(pathKey{path, "", i})
}

func (p *Paths) get(k pathKey) string {
	if s, ok := p.m[k]; ok {
		return s
	}
	if p.m == nil {
		p.m = map[pathKey]string{}
	}
	s := join(k.parent, k.key)
	if k.item >= 0 {
		s = Item(k.parent, k.item)
	}
	p.m[k] = s
	return s
}

// NewDecoder starts decoding a file's YAML.
func NewDecoder(file string, lineOffset int) *Decoder {
	return &Decoder{File: file, LineOffset: lineOffset, Pos: make(map[string]Pos, 64)}
}

// At returns where a path stands, falling back to its parents and then to
// line 1.
func (d *Decoder) At(path string) Pos {
	if d.Pos == nil {
		return d.Positions.At(path)
	}
	return At(d.Pos, path)
}

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
	p := Pos{n.Line + d.LineOffset, n.Column}
	if d.Pos == nil {
		d.Positions.add(path, p)
		return
	}
	d.Pos[path] = p
}

// Fields calls fn for each key of a mapping that is among known, in file
// order, and reports the others. A nil or empty node is no mapping and no
// error: the caller decides whether the field was required.
func (d *Decoder) Fields(n *yaml.Node, path string, known []string, fn func(key string, k, v *yaml.Node)) bool {
	return d.FieldsAt(n, path, known, func(key, _ string, k, v *yaml.Node) { fn(key, k, v) })
}

// FieldsAt is Fields that also gives fn each field's path, Key(path, key).
func (d *Decoder) FieldsAt(n *yaml.Node, path string, known []string, fn func(key, keyPath string, k, v *yaml.Node)) bool {
	return d.Map(n, path, func(key string, k, v *yaml.Node, keyPath string) {
		if !contains(known, key) {
			var where any = Say("front matter")
			if d.Top != "" {
				where = d.Top
			}
			if path != "" {
				where = Label(path)
			}
			d.Report(RuleUnknownField, k, "unknown key %q in %s%s", key, where, suggest.Hint(key, known))
			return
		}
		fn(key, keyPath, k, v)
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
		kp := d.join(path, k.Value)
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
	case n.Value == "" || !(n.Value[0] >= '0' && n.Value[0] <= '9' || n.Value[0] == '-' || n.Value[0] == '+'):
		// Dates and numbers start with a digit or a sign: spare the
		// regular expressions the other values, nearly all of them.
		return ""
	case yaml11Date.MatchString(n.Value):
		return "a date"
	case yaml11Number.MatchString(n.Value):
		return "a number"
	}
	return ""
}

// implicitKind is the kind of Implicit in the user's language.
func implicitKind(kind string) Said {
	switch kind {
	case "a boolean":
		return Say("a boolean")
	case "a date":
		return Say("a date")
	case "a number":
		return Say("a number")
	}
	return verbatim(kind)
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
		d.Report(RuleYAMLImplicit, n, "%s: YAML 1.1 tools read %s as %s; put it in quotes: \"%s\"", Label(path), n.Value, implicitKind(kind), n.Value)
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
		ip := d.item(path, i)
		d.Mark(ip, item)
		fn(i, item, ip)
	}
}

// Codes decodes a list of codes.
func (d *Decoder) Codes(n *yaml.Node, path string) []string {
	var out []string
	if n != nil && n.Kind == yaml.SequenceNode && len(n.Content) > 0 {
		out = make([]string, 0, len(n.Content)) // nil stays nil: [] is no list
	}
	d.List(n, path, func(_ int, item *yaml.Node, ip string) {
		out = append(out, d.Code(item, ip))
	})
	return out
}

// Strings decodes a list of text values.
func (d *Decoder) Strings(n *yaml.Node, path string) []string {
	var out []string
	if n != nil && n.Kind == yaml.SequenceNode && len(n.Content) > 0 {
		out = make([]string, 0, len(n.Content)) // nil stays nil: [] is no list
	}
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
