package layout

import (
	"strings"
	"testing"
)

// FuzzLower checks that no body makes Lower panic, and that Break keeps
// every line of every lowered text within the width (but for a single
// character wider than it) without losing a character.
func FuzzLower(f *testing.F) {
	for _, seed := range []string{
		body,
		"",
		"# T\n\npara *a **b** c* `d` ~~e~~ [f](g) <https://h.example/i>\\\nj[^1]\n\n[^1]: k\n",
		"1. a\n   > b\n   > - c\n\n        code\n",
		"| a | b |\n|:-|-:|\n| `c|d` | ![e](f.png) |\n| g |\n",
		"<div>\n*x*\n</div>\n\n<span>y</span> &amp; &#0; \\* \x00",
		"![alt *e*](img.png \"t\")\n\n[![x](y)](z)\n\n[a]: /b\n\n[c][a]\n",
		"https://example.org/a/very/long/url/that/must/be/cut/somewhere/" + strings.Repeat("x", 50),
		"- [ ] task\n- [x] done\n\n***\n\n---\n\nSetext\n---\n",
		"Texto con acentos: áéíóú ñ ü «comillas» \"dobles\" 'simples' -- --- ...",
		"e\u0301\u0301\u0301\u0301\u0301\u0301 \t\t\ta\r\nb\r\n",
	} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, src string) {
		blocks := Lower([]byte(src), LowerOptions{})
		for _, width := range []float64{8, 1.1} {
			eachRuns(blocks, func(runs []Run) {
				var got strings.Builder
				for _, l := range Break(runs, width, 10, fake) {
					check(t, l, width)
					for _, r := range l.Runs {
						got.WriteString(r.Text)
					}
				}
				var want strings.Builder
				for _, r := range runs {
					want.WriteString(r.Text)
				}
				if a, b := strings.Join(strings.Fields(got.String()), ""), strings.Join(strings.Fields(want.String()), ""); a != b {
					t.Errorf("Break(%q) lost text: %q, want %q", runs, a, b)
				}
			})
			for _, bl := range blocks {
				if tb, ok := bl.(Table); ok {
					ws := Columns(&tb, 30, 10, 1, fake)
					if s := sum(ws); s > 30+1e-9 {
						t.Errorf("Columns sum to %v > 30", s)
					}
				}
			}
		}
	})
}
