package site

import (
	"html/template"
	"strconv"
	"text/template/parse"
)

// foldWords writes the words of lang into the page templates of t, in
// place of the page's T called with a key alone: {{.T "details"}} becomes
// {{"Details"}}, which html/template still escapes. Each such call costs a
// dozen allocations of reflection, and a practice page made 35 of them,
// always with the same result in one language.
//
// Only a call whose receiver is surely the page is folded: "." where dot
// is the page, or "$" in a template that only ever gets the page. Those
// templates are "base" and "menu", which the site executes with the page,
// and any other that is only ever called, by {{template}} or {{block}},
// with the page (what "base" does with "main"). A template the site
// executes with something else (a card, a link) is never one of them.
// Must be called before t is first executed, which escapes it.
func foldWords(t *template.Template, word func(key string) string) {
	trees := map[string]*parse.Tree{}
	for _, x := range t.Templates() {
		if x.Tree != nil && x.Tree.Root != nil {
			trees[x.Name()] = x.Tree
		}
	}
	page := map[string]bool{}
	// A template is given the page when every call of it passes the page
	// from a template that has it, and it is called at all (the site's own
	// execution of "base" and "menu" counts as such a call). Templates
	// only ever join: repeat until none does.
	for changed := true; changed; {
		changed = false
		calls := map[string][]bool{} // name → for each call, whether it passes the page
		for name, tree := range trees {
			walkCalls(tree.Root, true, func(callee string, withPage bool) {
				calls[callee] = append(calls[callee], withPage && page[name])
			})
		}
		for name := range trees {
			if page[name] || directData[name] || (len(calls[name]) == 0 && !executedWithPage[name]) {
				continue
			}
			all := true
			for _, ok := range calls[name] {
				all = all && ok
			}
			if all {
				page[name] = true
				changed = true
			}
		}
	}
	for name, tree := range trees {
		if page[name] {
			foldList(tree.Root, true, word)
		}
	}
}

// executedWithPage are the templates the site executes itself with the
// page (site.execute and page.Menu).
var executedWithPage = map[string]bool{"base": true, "menu": true}

// directData are the templates the site executes itself with data other
// than the page (page.cached and page.shared).
var directData = map[string]bool{"card": true, "practice-item": true, "country-link": true, "theme-link": true, "institution": true}

// walkCalls calls call for each {{template}} in the list n, saying whether
// it passes the page: "." while dot is the page (dot says it is), or "$".
func walkCalls(n parse.Node, dot bool, call func(name string, withPage bool)) {
	switch n := n.(type) {
	case *parse.ListNode:
		if n == nil {
			return
		}
		for _, c := range n.Nodes {
			walkCalls(c, dot, call)
		}
	case *parse.TemplateNode:
		call(n.Name, n.Pipe != nil && isPage(n.Pipe, dot))
	case *parse.IfNode:
		walkCalls(n.List, dot, call)
		walkCalls(n.ElseList, dot, call)
	case *parse.RangeNode:
		walkCalls(n.List, false, call)
		walkCalls(n.ElseList, dot, call)
	case *parse.WithNode:
		walkCalls(n.List, false, call)
		walkCalls(n.ElseList, dot, call)
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

// foldList folds the calls of T in the list n, in a template whose "$"
// is the page; dot says whether "." is.
func foldList(n parse.Node, dot bool, word func(string) string) {
	switch n := n.(type) {
	case *parse.ListNode:
		if n == nil {
			return
		}
		for _, c := range n.Nodes {
			foldList(c, dot, word)
		}
	case *parse.ActionNode:
		foldPipe(n.Pipe, dot, word)
	case *parse.TemplateNode:
		foldPipe(n.Pipe, dot, word)
	case *parse.IfNode:
		foldPipe(n.Pipe, dot, word)
		foldList(n.List, dot, word)
		foldList(n.ElseList, dot, word)
	case *parse.RangeNode:
		foldPipe(n.Pipe, dot, word)
		foldList(n.List, false, word)
		foldList(n.ElseList, dot, word)
	case *parse.WithNode:
		foldPipe(n.Pipe, dot, word)
		foldList(n.List, false, word)
		foldList(n.ElseList, dot, word)
	}
}

// foldPipe folds the calls of T in a pipeline and in the pipelines of its
// arguments: a command that is T and one quoted key becomes the word.
func foldPipe(p *parse.PipeNode, dot bool, word func(string) string) {
	if p == nil {
		return
	}
	for _, c := range p.Cmds {
		for _, a := range c.Args {
			if sub, ok := a.(*parse.PipeNode); ok {
				foldPipe(sub, dot, word)
			}
		}
		if len(c.Args) != 2 || !callsT(c.Args[0], dot) {
			continue
		}
		key, ok := c.Args[1].(*parse.StringNode)
		if !ok {
			continue
		}
		w := word(key.Text)
		key.Text, key.Quoted = w, strconv.Quote(w)
		c.Args = c.Args[1:]
	}
}

// callsT reports whether a command's first word is the page's T: ".T"
// while dot is the page, or "$.T".
func callsT(n parse.Node, dot bool) bool {
	switch n := n.(type) {
	case *parse.FieldNode:
		return dot && len(n.Ident) == 1 && n.Ident[0] == "T"
	case *parse.VariableNode:
		return len(n.Ident) == 2 && n.Ident[0] == "$" && n.Ident[1] == "T"
	}
	return false
}
