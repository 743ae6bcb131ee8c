package site

import (
	"html/template"
	"strings"
	"testing"
)

// TestFoldConstants: only the calls of T whose receiver is surely the
// page become words.
func TestFoldConstants(t *testing.T) {
	const src = `
{{define "base"}}{{.T "a"}}|{{$.T "b"}}|{{with .Data}}{{.T "c"}}{{$.T "d"}}{{else}}{{.T "j"}}{{end}}|{{range .List}}{{.T "e"}}{{end}}|{{.T "f" 1}}|{{if .T "k"}}{{.Label (.T "l")}}{{end}}|{{template "main" .}}|{{template "other" .Data}}|{{template "twice" .}}|{{.T "p" .Date}}|{{.Date}}|{{.T "q" .Other}}{{end}}
{{define "main"}}{{.T "g"}}{{template "nested" $}}{{end}}
{{define "nested"}}{{.T "m"}}{{$.Date}}{{end}}
{{define "other"}}{{.T "h"}}{{end}}
{{define "twice"}}{{.T "n"}}{{end}}
{{define "card"}}{{.T "i"}}{{template "twice" .}}{{end}}
{{define "menu"}}{{.T "o"}}{{end}}
`
	tmpl := template.Must(template.New("x").Parse(src))
	foldConstants(tmpl, constants{calls: map[string]func([]string) (string, bool){
		"T": func(args []string) (string, bool) { return strings.ToUpper(strings.Join(args, "+")), true },
	}, values: map[string]string{"Date": "today"}})
	want := map[string][]string{
		"base":   {`"A"`, `"B"`, `.T "c"`, `"D"`, `"J"`, `.T "e"`, `.T "f" 1`, `if "K"`, `.Label ("L")`, `"P+TODAY"`, `{{"today"}}`, `.T "q" .Other`},
		"main":   {`"G"`},
		"nested": {`"M"`, `"today"`},
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
