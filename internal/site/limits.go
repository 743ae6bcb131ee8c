package site

import (
	"bytes"
	"cmp"
	"errors"
	"fmt"
	"html/template"
	"strconv"
	"strings"
	"sync/atomic"
	"text/template/parse"
	"time"
)

// A catalog's own templates come from whoever sends a pull request, and
// CI renders them. html/template lets them run no command and read no
// file, but a {{range}} can count to 2,000,000,000,000 and a loop can
// write until the disk is full. So each page is made within Limits: its
// output (and that of each partial it shows) is cut off at Limits.Size,
// and its making is stopped after Limits.Time. The defaults are far above
// what a real page takes, even a language's home page at 10,000
// practices, so that a slow machine never fails a good catalog.

// Limits bound what a catalog's templates may take to make one page.
type Limits struct {
	// Time is how long one page may take, the partials it shows included;
	// zero means 10 seconds.
	Time time.Duration
	// Size is how many bytes one page, or one partial, may have; zero
	// means 64 MiB.
	Size int
}

const (
	defaultTime = 10 * time.Second
	defaultSize = 64 << 20
	// maxCount is the largest number that a catalog's template may give
	// {{range}} to count to: what a template ranges over is the catalog's
	// data, and a number in the template is there for a few stars.
	maxCount = 1000
	// maxPartDepth is how deeply partials may show one another (a card
	// that shows a link that shows …): the built-in ones go three deep.
	// Each is a new execution, which text/template's own bound on
	// {{template}} depth does not count, so a card that shows itself
	// would recurse until the Go stack overflows and the process dies.
	maxPartDepth = 16
	// tickFunc is the function that the loops and templates of a
	// catalog's own files call (guard), and tickVar the variable its
	// result is put in: a name that no template can spell, so that it
	// shadows nothing and prints nothing.
	tickFunc = "catalogTick"
	tickVar  = "$ tick"
)

func (l Limits) time() time.Duration {
	if l.Time > 0 {
		return l.Time
	}
	return defaultTime
}

func (l Limits) size() int {
	if l.Size > 0 {
		return l.Size
	}
	return defaultSize
}

// TemplateError is a page that a template could not make within the
// Limits, or a template that asks for more than they allow. It is the
// catalog's problem, not an I/O error: build exits with 1.
type TemplateError struct {
	// File is the template file, "templates/html/practice.html", with
	// ":LINE" when the line is known.
	File string
	// Page is the page that was being made, "es/index.html"; empty when
	// the template is refused as it is read.
	Page string
	Msg  string
}

func (e *TemplateError) Error() string {
	if e.Page == "" {
		return e.File + ": " + e.Msg
	}
	return e.File + ": page " + e.Page + ": " + e.Msg
}

// halted is what a page's writer and the ticks of a catalog's templates
// return once the render stops (a page ran out of time): the execution
// unwinds at its next write or loop turn. where is the tick's file and
// line, when it was a tick.
type halted struct{ where string }

func (h *halted) Error() string { return "stopped: a page ran out of time" }

// errTooBig is what a page's writer returns past Limits.Size, and
// errValueTooBig what a function that makes a string does (capped).
var (
	errTooBig      = errors.New("output past the size limit")
	errValueTooBig = errors.New("a value past the size limit")
)

// limitWriter collects a page or a partial, refusing bytes past its
// limit and any write once the render is halted. text/template turns
// a write's error into the execution's error, so the template stops at
// the first write it is refused. One atomic load per write, not a clock
// read: the page's timer sets the flag.
type limitWriter struct {
	buf  *bytes.Buffer
	size int
	halt *atomic.Bool
}

func (w *limitWriter) Write(b []byte) (int, error) {
	if w.halt.Load() {
		return 0, &halted{}
	}
	if w.buf.Len()+len(b) > w.size {
		return 0, errTooBig
	}
	return w.buf.Write(b)
}

// tick is called at each turn of each loop of a catalog's own templates,
// and at the start of each template they define (guard): it stops a loop
// that writes nothing, which the writer never sees, once the render is
// halted.
func (s *site) tick(where string) (string, error) {
	if s.halt.Load() {
		return "", &halted{where: where}
	}
	return "", nil
}

// executeLimited executes the template name of t with data into buf
// within the Limits, for the page p; file names the template for the
// errors. The execution runs in a goroutine of its own, and execute
// stops waiting for it soon after the page's time is up. It stops itself
// at its next write, or its next loop turn or template call in a
// catalog's own file (tick): the built-in templates have no loop that
// does not end. What can be left running is an execution inside one long
// call of a function (a method of the page), which ends with that call:
// `catalog build` exits then; `catalog serve` keeps serving meanwhile.
func (s *site) executeLimited(t *template.Template, name string, data any, buf *bytes.Buffer, p *page, file string) error {
	w := &limitWriter{buf: buf, size: s.opt.Limits.size(), halt: &s.halt}
	limit := s.opt.Limits.time()
	var late atomic.Bool
	expired := make(chan struct{})
	timer := time.AfterFunc(limit, func() {
		late.Store(true)
		s.halt.Store(true)
		close(expired)
	})
	done := make(chan error, 1)
	go func() { done <- t.ExecuteTemplate(w, name, data) }()
	var err error
	select {
	case err = <-done:
		if !timer.Stop() {
			// Done as the time ran out: the timer has halted the render.
			<-expired
			err = cmp.Or(err, error(&halted{}))
		}
	case <-expired:
		// A moment for the execution to stop itself and say where: it
		// does so at its next write or loop turn, microseconds away, but
		// its goroutine may wait for a CPU.
		grace := time.NewTimer(time.Second)
		select {
		case err = <-done:
		case <-grace.C:
			err = &halted{}
		}
		grace.Stop()
	}
	if err == nil {
		return nil
	}
	var te *TemplateError
	var h *halted
	switch {
	case errors.As(err, &te):
		if te.Page == "" {
			te.Page = p.Path
		}
		return te
	case errors.Is(err, errValueTooBig):
		return &TemplateError{File: file, Page: p.Path, Msg: fmt.Sprintf("a value grew past %s, the most a page may have (does a {{range}} make it longer and longer?)", mebibytes(w.size))}
	case errors.Is(err, errTooBig):
		return &TemplateError{File: file, Page: p.Path, Msg: fmt.Sprintf("the page grew past %s, the most a page may have (does a {{range}} write without end?)", mebibytes(w.size))}
	case errors.As(err, &h) && late.Load():
		if h.where != "" {
			file = h.where
		}
		return &TemplateError{File: file, Page: p.Path, Msg: fmt.Sprintf("the page took longer than %s, the most a page may take (does a {{range}} never end?)", limit)}
	case strings.Contains(err.Error(), "exceeded maximum template depth"):
		// text/template's own bound on {{template}} calls (it keeps the
		// error unexported): a template that calls itself without end.
		return &TemplateError{File: file, Page: p.Path, Msg: "templates call one another without end (does a {{template}} call itself?)"}
	}
	return err
}

func mebibytes(n int) string {
	if n%(1<<20) == 0 {
		return strconv.Itoa(n>>20) + " MiB"
	}
	return strconv.Itoa(n) + " bytes"
}

// guard readies the templates of t that come from the catalog's own files
// (own, by name: "html/practice.html"): it refuses a {{range}} over a
// number above maxCount, and puts a call of tick at the start of each
// loop's body and of each template they define, so that no loop and no
// recursion of theirs goes on once the render is halted. Each call puts
// its result into a variable (tickVar): html/template leaves such an
// action alone, and text/template prints nothing for it. Must be called
// before t is first executed.
func guard(t *template.Template, own map[string]bool) error {
	for _, x := range t.Templates() {
		tree := x.Tree
		if tree == nil || tree.Root == nil || !own[tree.ParseName] {
			continue
		}
		if err := guardList(tree, tree.Root); err != nil {
			return err
		}
		tree.Root.Nodes = append([]parse.Node{tickAction(tree, tree.Root.Pos)}, tree.Root.Nodes...)
	}
	return nil
}

func guardList(tree *parse.Tree, list *parse.ListNode) error {
	if list == nil {
		return nil
	}
	for _, n := range list.Nodes {
		var err error
		switch n := n.(type) {
		case *parse.IfNode:
			err = cmp.Or(guardList(tree, n.List), guardList(tree, n.ElseList))
		case *parse.WithNode:
			err = cmp.Or(guardList(tree, n.List), guardList(tree, n.ElseList))
		case *parse.RangeNode:
			if err = countLimit(tree, n); err == nil {
				err = cmp.Or(guardList(tree, n.List), guardList(tree, n.ElseList))
			}
			if n.List != nil {
				n.List.Nodes = append([]parse.Node{tickAction(tree, n.Pos)}, n.List.Nodes...)
			}
		case *parse.ListNode:
			err = guardList(tree, n)
		}
		if err != nil {
			return err
		}
	}
	return nil
}

// countLimit refuses {{range N}} with a number N above maxCount.
func countLimit(tree *parse.Tree, r *parse.RangeNode) error {
	if r.Pipe == nil || len(r.Pipe.Cmds) != 1 || len(r.Pipe.Cmds[0].Args) != 1 {
		return nil
	}
	num, ok := r.Pipe.Cmds[0].Args[0].(*parse.NumberNode)
	switch {
	case !ok, !num.IsInt && !num.IsUint: // not a count: text/template refuses it
		return nil
	case num.IsInt && num.Int64 <= maxCount:
		return nil
	}
	return &TemplateError{File: "templates/" + where(tree, r), Msg: fmt.Sprintf("{{range %s}}: a catalog's template may count to %d at most (a loop goes over the catalog's data)", num.Text, maxCount)}
}

// where is a node's file and line, "html/practice.html:3".
func where(tree *parse.Tree, n parse.Node) string {
	loc, _ := tree.ErrorContext(n)
	if i := strings.LastIndexByte(loc, ':'); i >= 0 {
		loc = loc[:i] // drop the column
	}
	return loc
}

// tickAction is {{$ tick := catalogTick "templates/FILE:LINE"}}, at pos.
func tickAction(tree *parse.Tree, pos parse.Pos) parse.Node {
	loc := "templates/" + where(tree, &parse.TextNode{NodeType: parse.NodeText, Pos: pos})
	call := &parse.CommandNode{NodeType: parse.NodeCommand, Pos: pos, Args: []parse.Node{
		parse.NewIdentifier(tickFunc).SetTree(tree).SetPos(pos),
		&parse.StringNode{NodeType: parse.NodeString, Pos: pos, Quoted: strconv.Quote(loc), Text: loc},
	}}
	return &parse.ActionNode{NodeType: parse.NodeAction, Pos: pos, Pipe: &parse.PipeNode{
		NodeType: parse.NodePipe, Pos: pos,
		Decl: []*parse.VariableNode{{NodeType: parse.NodeVariable, Pos: pos, Ident: []string{tickVar}}},
		Cmds: []*parse.CommandNode{call},
	}}
}

// capped are text/template's functions that make a string longer than
// their arguments (print, printf, println; html, js and urlquery escape
// and may make it a few times longer), each refusing a result past the
// size a page may have: a loop of a catalog's template that doubles a
// variable ({{$x = print $x $x}}) writes nothing that the page's writer
// could refuse, and would take all the memory before the page's time is
// up. A function of the FuncMap takes the place of the built-in one of
// the same name.
func (s *site) capped() template.FuncMap {
	size := s.opt.Limits.size()
	check := func(out string) (string, error) {
		if len(out) > size {
			return "", errValueTooBig
		}
		return out, nil
	}
	return template.FuncMap{
		"print":    func(args ...any) (string, error) { return check(fmt.Sprint(args...)) },
		"printf":   func(format string, args ...any) (string, error) { return check(fmt.Sprintf(format, args...)) },
		"println":  func(args ...any) (string, error) { return check(fmt.Sprintln(args...)) },
		"html":     func(args ...any) (string, error) { return check(template.HTMLEscaper(args...)) },
		"js":       func(args ...any) (string, error) { return check(template.JSEscaper(args...)) },
		"urlquery": func(args ...any) (string, error) { return check(template.URLQueryEscaper(args...)) },
	}
}
