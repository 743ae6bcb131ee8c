package markdown

import (
	"html"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	east "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/util"
)

// tableLabel is the attribute Render gives a table for its scrolling
// box's name; the table renderer writes only the attributes of tables.
const tableLabel = "data-catalog-label"

// scrollingTables renders a body's table inside a box that scrolls
// sideways, as the practice page's own tables are: a table wider than a
// phone pushed the whole page sideways. The box can take the focus, so
// that it scrolls from the keyboard, and is a region named by
// Options.TableLabel.
type scrollingTables struct {
	table renderer.NodeRendererFunc
}

func newScrollingTables(opts ...extension.TableOption) *scrollingTables {
	var s scrollingTables
	extension.NewTableHTMLRenderer(opts...).RegisterFuncs(funcsOf(func(k ast.NodeKind, f renderer.NodeRendererFunc) {
		if k == east.KindTable {
			s.table = f
		}
	}))
	return &s
}

// funcsOf is a registerer that hands each function to fn.
type funcsOf func(ast.NodeKind, renderer.NodeRendererFunc)

func (f funcsOf) Register(k ast.NodeKind, fn renderer.NodeRendererFunc) { f(k, fn) }

func (s *scrollingTables) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(east.KindTable, s.render)
}

func (s *scrollingTables) render(w util.BufWriter, src []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
	if entering {
		if label, ok := n.AttributeString(tableLabel); ok {
			// The only attribute a body's table has: not the table's own.
			n.RemoveAttributes()
			w.WriteString(`<div class="scroll" role="region" tabindex="0" aria-label="` + html.EscapeString(string(label.([]byte))) + "\">\n")
		} else {
			w.WriteString("<div class=\"scroll\" tabindex=\"0\">\n")
		}
	}
	status, err := s.table(w, src, n, entering)
	if !entering {
		w.WriteString("</div>\n")
	}
	return status, err
}
