package site

import (
	"html/template"
	"maps"
	"strconv"
	"text/template/parse"
)

// constants are what the page's methods give alike on every page of one
// language, which foldConstants writes into the templates.
type constants struct {
	// calls are methods whose result depends on their quoted arguments
	// alone: T ("details" → "Details"), Site ("title").
	// false leaves a call as it is.
	calls map[string]func(args []string) (string, bool)
	// values are methods without arguments: Date.
	values map[string]string
}

// foldConstants writes, into the page templates of t, what the page's
// methods would give at every execution in one language: {{.T "details"}}
// becomes {{"Details"}}, {{.T "built_on" .Date}} the sentence with the
// date in it, which html/template still escapes. Each call costs a dozen
// allocations of reflection, and a practice page made 40 of them, always
// with the same results.
//
// Only a call whose receiver is surely the page is folded: "." where dot
// is the page, or "$" in a template that only ever gets the page. Those
// templates are "base" and "menu", which the site executes with the page,
// and any other that is only ever called, by {{template}} or {{block}},
// with the page (what "base" does with "main"). A template the site
// executes with something else (a card, a link) is never one of them.
// Must be called before t is first executed, which escapes it.
func foldConstants(t *template.Template, c constants) {
	trees := map[string]*parse.Tree{}
	for _, x := range t.Templates() {
		if x.Tree != nil && x.Tree.Root != nil {
			trees[x.Name()] = x.Tree
		}
	}
	// Who calls each template, and whether with the page as far as the
	// caller's dot and "$" go.
	type call struct {
		caller   string
		withPage bool
	}
	calls := map[string][]call{}
	for name, tree := range trees {
		walkDot(tree.Root, true, func(n parse.Node, pipe *parse.PipeNode, dot bool) {
			if t, ok := n.(*parse.TemplateNode); ok {
				calls[t.Name] = append(calls[t.Name], call{name, pipe != nil && isPage(pipe, dot)})
			}
		})
	}
	// A template is given the page when every call of it passes the page
	// from a template that has it, and it is called at all (the site's own
	// execution of "base" and "menu" counts as such a call). Templates
	// only ever join: repeat until none does.
	page := map[string]bool{}
	for changed := true; changed; {
		changed = false
		for name := range trees {
			if page[name] || directData[name] || (len(calls[name]) == 0 && !executedWithPage[name]) {
				continue
			}
			all := true
			for _, c := range calls[name] {
				all = all && c.withPage && page[c.caller]
			}
			if all {
				page[name] = true
				changed = true
			}
		}
	}
	for name, tree := range trees {
		if page[name] {
			walkDot(tree.Root, true, func(_ parse.Node, pipe *parse.PipeNode, dot bool) { foldPipe(pipe, dot, c) })
		}
	}
}

// executedWithPage are the templates the site executes itself with the
// page (site.execute and page.Menu).
var executedWithPage = map[string]bool{"base": true, "menu": true}

// directData are the templates the site executes itself with data other
// than the page (through page.reuse): site.executePart refuses any other.
var directData = map[string]bool{"card": true, "practice-item": true, "country-link": true, "theme-link": true, "institution": true, "exchanges-link": true, "visit": true}

// reused are the partials made once and reused on many pages
// (page.cached, page.shared, page.VisitHTML): those of directData and
// the menu.
var reused = func() map[string]bool {
	m := maps.Clone(directData)
	m["menu"] = true
	return m
}()

// walkDot calls visit with each action, {{template}} call and branch of
// the list n, its pipeline, and whether dot is the page where the
// pipeline runs; dot says whether it is at n. Inside range and with, dot
// is something else; in their else, and in if, it is what it was.
func walkDot(n parse.Node, dot bool, visit func(n parse.Node, pipe *parse.PipeNode, dot bool)) {
	switch n := n.(type) {
	case *parse.ListNode:
		if n == nil {
			return
		}
		for _, c := range n.Nodes {
			walkDot(c, dot, visit)
		}
	case *parse.ActionNode:
		visit(n, n.Pipe, dot)
	case *parse.TemplateNode:
		visit(n, n.Pipe, dot)
	case *parse.IfNode:
		visit(n, n.Pipe, dot)
		walkDot(n.List, dot, visit)
		walkDot(n.ElseList, dot, visit)
	case *parse.RangeNode:
		visit(n, n.Pipe, dot)
		walkDot(n.List, false, visit)
		walkDot(n.ElseList, dot, visit)
	case *parse.WithNode:
		visit(n, n.Pipe, dot)
		walkDot(n.List, false, visit)
		walkDot(n.ElseList, dot, visit)
	}
}

// isPage reports whether a pipeline is the page itself: "." while dot is
// the page, or "$", with no declaration.
func isPage(p *parse.PipeNode, dot bool) bool {
	if len(p.Decl) > 0 || len(p.Cmds) != 1 || len(p.Cmds[0].Args) != 1 {
		return false
	}
	switch a := p.Cmds[0].Args[0].(type) {
	case *parse.DotNode:
		return dot
	case *parse.VariableNode:
		return len(a.Ident) == 1 && a.Ident[0] == "$"
	}
	return false
}

// foldPipe folds the calls of the page's constant methods in a pipeline
// and in the pipelines of its arguments.
func foldPipe(p *parse.PipeNode, dot bool, c constants) {
	if p == nil {
		return
	}
	for _, cmd := range p.Cmds {
		for i, a := range cmd.Args {
			if sub, ok := a.(*parse.PipeNode); ok {
				foldPipe(sub, dot, c)
			}
			// An argument that is a constant value: .T "built_on" .Date.
			if name, ok := pageMethod(a, dot); ok && i > 0 {
				if v, ok := c.values[name]; ok {
					cmd.Args[i] = stringNode(a, v)
				}
			}
		}
		name, ok := pageMethod(cmd.Args[0], dot)
		if !ok {
			continue
		}
		if v, ok := c.values[name]; ok && len(cmd.Args) == 1 {
			cmd.Args[0] = stringNode(cmd.Args[0], v)
			continue
		}
		call, ok := c.calls[name]
		if !ok || len(cmd.Args) < 2 {
			continue
		}
		var args []string
		for _, a := range cmd.Args[1:] {
			if s, ok := a.(*parse.StringNode); ok {
				args = append(args, s.Text)
			}
		}
		if len(args) < len(cmd.Args)-1 {
			continue
		}
		if v, ok := call(args); ok {
			cmd.Args = []parse.Node{stringNode(cmd.Args[0], v)}
		}
	}
}

// stringNode is a quoted string in place of n.
func stringNode(n parse.Node, s string) *parse.StringNode {
	return &parse.StringNode{NodeType: parse.NodeString, Pos: n.Position(), Quoted: strconv.Quote(s), Text: s}
}

// pageMethod gives the name of the page's method that n calls, when n is
// one on the page: ".Name" while dot is the page, or "$.Name".
func pageMethod(n parse.Node, dot bool) (string, bool) {
	switch n := n.(type) {
	case *parse.FieldNode:
		if dot && len(n.Ident) == 1 {
			return n.Ident[0], true
		}
	case *parse.VariableNode:
		if len(n.Ident) == 2 && n.Ident[0] == "$" {
			return n.Ident[1], true
		}
	}
	return "", false
}
