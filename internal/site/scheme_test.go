package site

import (
	"io/fs"
	"regexp"
	"strings"
	"testing"

	"golang.org/x/net/html"

	"catalog/templates"
)

// TestSchemeColours: the dark scheme (prefers-color-scheme) changes the
// style sheet's custom properties only, so every colour of the screen
// must come from one: a colour written anywhere else in style.css stays
// light in the dark scheme. Print may name its own (it stays light), and
// the masthead's white lines are on --brand, dark in both schemes.
func TestSchemeColours(t *testing.T) {
	css, err := fs.ReadFile(templates.FS, "assets/style.css")
	if err != nil {
		t.Fatal(err)
	}
	colour := regexp.MustCompile(`#[0-9a-fA-F]{3,8}\b|\brgba?\(|\bhsla?\(`)
	// The blocks a line is in, by their opening lines (the style sheet
	// puts a rule on one line, or opens a block on a line of its own and
	// closes it on another).
	var open []string
	for i, line := range strings.Split(string(css), "\n") {
		if c := strings.Index(line, "/*"); c >= 0 {
			line = line[:c]
		}
		line = strings.TrimSpace(line)
		decl := line
		switch {
		case strings.Contains(line, "{") && strings.HasSuffix(line, "}"):
			decl = line[strings.Index(line, "{")+1:]
		case strings.HasSuffix(line, "{"):
			open = append(open, line)
			continue
		case line == "}":
			if len(open) == 0 {
				t.Fatalf("style.css:%d: a } that closes nothing", i+1)
			}
			open = open[:len(open)-1]
			continue
		}
		if colour.MatchString(decl) && !strings.HasPrefix(decl, "--") &&
			!strings.Contains(strings.Join(open, " "), "@media print") &&
			!strings.Contains(decl, "rgba(255, 255, 255") {
			t.Errorf("style.css:%d: a colour outside the custom properties: %s", i+1, line)
		}
	}
	if len(open) != 0 {
		t.Errorf("style.css: blocks left open: %q", open)
	}
	// The dark scheme is there, for the screen only.
	if !strings.Contains(string(css), "@media screen and (prefers-color-scheme: dark)") {
		t.Error("style.css has no dark scheme for the screen")
	}
}

// TestExchangeMapNoColours: the picture of exchanges names no colour of
// its own (a fill, a stroke colour, a style), so the style sheet's
// classes colour it in either scheme.
func TestExchangeMapNoColours(t *testing.T) {
	out, _ := render(t, mapCatalog(t), 0)
	page, ok := out.File("es/exchanges/index.html")
	if !ok {
		t.Fatal("no exchanges page")
	}
	svg := svgOf(t, page)
	if svg == nil {
		t.Fatal("no picture")
	}
	n := 0
	walk(svg, func(e *html.Node) {
		if e.Type != html.ElementNode {
			return
		}
		n++
		for _, a := range e.Attr {
			switch a.Key {
			case "fill", "stroke", "color", "style", "stop-color", "flood-color":
				t.Errorf("<%s %s=%q>: a colour of its own", e.Data, a.Key, a.Val)
			}
		}
	})
	if n < 10 {
		t.Errorf("the picture has %d elements: the test checks nothing", n)
	}
}
