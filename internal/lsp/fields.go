package lsp

import (
	"strings"

	"catalog/internal/fmschema"
)

// fields answers what goes where in a practice's front matter, from the
// schema that catalog schema writes (fmschema.Schema): the keys of a
// mapping from its properties, a value's codes from its enum and their
// labels from enumDescriptions, and the catalog's practice IDs where the
// schema takes a practice's ID.
type fields struct {
	root      fmschema.Object
	practices []practiceRef // public practices, for related and adapted_from
}

type practiceRef struct{ id, title string }

// choice is a key or a value that may go at a spot.
type choice struct {
	label  string
	detail string // a key's title, a code's label, a practice's title
	doc    string // a key's description
	key    bool
	list   bool // a value of a list field written bare: insert it as [code]
	item   bool // the first of a list's item, where its "- " is not typed yet
}

func member(o fmschema.Object, key string) any {
	for _, m := range o {
		if m.Key == key {
			return m.Value
		}
	}
	return nil
}

func str(o fmschema.Object, key string) string {
	s, _ := member(o, key).(string)
	return s
}

// resolve expands $ref and anyOf: the schemas a value may meet.
func (f *fields) resolve(nodes []fmschema.Object) []fmschema.Object {
	var out []fmschema.Object
	for _, n := range nodes {
		out = f.expand(out, n, 0)
	}
	return out
}

func (f *fields) expand(out []fmschema.Object, n fmschema.Object, depth int) []fmschema.Object {
	if depth > 8 {
		return out
	}
	if ref := str(n, "$ref"); ref != "" {
		name, ok := strings.CutPrefix(ref, "#/$defs/")
		defs, _ := member(f.root, "$defs").(fmschema.Object)
		if d, _ := member(defs, name).(fmschema.Object); ok && d != nil {
			// A $ref beside a title keeps the title for hover.
			return f.expand(out, d, depth+1)
		}
		return out
	}
	if any, ok := member(n, "anyOf").([]fmschema.Object); ok {
		for _, a := range any {
			out = f.expand(out, a, depth+1)
		}
		return out
	}
	return append(out, n)
}

// at returns the schemas of the place that path leads to.
func (f *fields) at(path []step) []fmschema.Object {
	nodes := []fmschema.Object{f.root}
	for _, s := range path {
		var next []fmschema.Object
		for _, n := range f.resolve(nodes) {
			if s == item {
				if items, ok := member(n, "items").(fmschema.Object); ok {
					next = append(next, items)
				}
				continue
			}
			props, _ := member(n, "properties").(fmschema.Object)
			if p, ok := member(props, s.key).(fmschema.Object); ok {
				next = append(next, p)
			}
		}
		nodes = next
	}
	return nodes
}

// keys are the keys of the mappings at path.
func (f *fields) keys(path []step) []choice {
	var out []choice
	seen := map[string]bool{}
	for _, n := range f.resolve(f.at(path)) {
		props, _ := member(n, "properties").(fmschema.Object)
		for _, p := range props {
			o, _ := p.Value.(fmschema.Object)
			if seen[p.Key] {
				continue
			}
			seen[p.Key] = true
			out = append(out, choice{label: p.Key, detail: str(o, "title"), doc: str(o, "description"), key: true})
		}
	}
	return out
}

// values are the codes that the value at path takes; a list's bare value
// offers its items' codes.
func (f *fields) values(path []step, bare bool) []choice {
	var out []choice
	seen := map[string]bool{}
	add := func(c choice) {
		if !seen[c.label] {
			seen[c.label] = true
			out = append(out, c)
		}
	}
	var walk func(nodes []fmschema.Object, list bool)
	walk = func(nodes []fmschema.Object, list bool) {
		for _, n := range f.resolve(nodes) {
			if items, ok := member(n, "items").(fmschema.Object); ok && bare && !list {
				walk([]fmschema.Object{items}, true)
				continue
			}
			if enum, ok := member(n, "enum").([]string); ok {
				labels, _ := member(n, "enumDescriptions").([]string)
				for i, v := range enum {
					c := choice{label: v, list: list}
					if i < len(labels) {
						c.detail = labels[i]
					}
					add(c)
				}
			}
			if str(n, "pattern") == fmschema.IDPattern {
				for _, p := range f.practices {
					add(choice{label: p.id, detail: p.title, list: list})
				}
			}
		}
	}
	walk(f.at(path), false)
	return out
}

// choices are what may go at s.
func (f *fields) choices(s *spot) []choice {
	if !s.key {
		return f.values(s.path, true)
	}
	out := f.keys(s.path)
	if len(out) == 0 && !s.dash {
		// Under a list's key, before its "- ": an item's keys or values.
		items := append(f.keys(append(s.path, item)), f.values(append(s.path, item), false)...)
		for i := range items {
			items[i].item = true
		}
		return items
	}
	if s.dash {
		// "- " under a list of codes, or of entries that may be a bare
		// ID (adapted_from).
		out = append(out, f.values(s.path, false)...)
	}
	return out
}

// describe is what a hover on the word w at s shows: a key's title and
// description, or a code's label.
func (f *fields) describe(s *spot, w string, key bool) (title, doc string) {
	if key {
		for _, c := range f.keys(s.path) {
			if c.label == w {
				return c.detail, c.doc
			}
		}
		return "", ""
	}
	for _, c := range f.choices(&spot{path: s.path, key: s.key, dash: s.dash}) {
		if !c.key && c.label == w {
			return c.detail, ""
		}
	}
	return "", ""
}
