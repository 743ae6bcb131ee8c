package site

import (
	"html/template"
	"strings"
	"testing"
)

// TestFoldWords: only the calls of T whose receiver is surely the page
// become words.
func TestFoldWords(t *testing.T) {
	const src = `
{{define "base"}}{{.T "a"}}|{{$.T "b"}}|{{with .Data}}{{.T "c"}}{{$.T "d"}}{{else}}{{.T "j"}}{{end}}|{{range .List}}{{.T "e"}}{{end}}|{{.T "f" 1}}|{{if .T "k"}}{{.Label (.T "l")}}{{end}}|{{template "main" .}}|{{template "other" .Data}}|{{template "twice" .}}{{end}}
{{define "main"}}{{.T "g"}}{{template "nested" $}}{{end}}
{{define "nested"}}{{.T "m"}}{{end}}
{{define "other"}}{{.T "h"}}{{end}}
{{define "twice"}}{{.T "n"}}{{end}}
{{define "card"}}{{.T "i"}}{{template "twice" .}}{{end}}
{{define "menu"}}{{.T "o"}}{{end}}
`
	tmpl := template.Must(template.New("x").Parse(src))
	foldWords(tmpl, strings.ToUpper)
	want := map[string][]string{
		"base":   {`"A"`, `"B"`, `.T "c"`, `"D"`, `"J"`, `.T "e"`, `.T "f" 1`, `if "K"`, `.Label ("L")`},
		"main":   {`"G"`},
		"nested": {`"M"`},
		"other":  {`.T "h"`},
		"twice":  {`.T "n"`}, // "card" calls it with a card
		"card":   {`.T "i"`},
		"menu":   {`"O"`},
	}
	for name, parts := range want {
		got := tmpl.Lookup(name).Tree.Root.String()
		for _, part := range parts {
			if !strings.Contains(got, part) {
				t.Errorf("%s: %s lacks %s", name, got, part)
			}
		}
	}
}
