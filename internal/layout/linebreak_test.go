package layout

import (
	"fmt"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"
)

// fake measures 1 a character, 1.2 in bold.
func fake(text string, style Style, size float64) float64 {
	w := float64(utf8.RuneCountInString(text))
	if style&Bold != 0 {
		w *= 1.2
	}
	return w
}

func plain(s string) []Run { return []Run{{Text: s}} }

// lines prints each line as its text, "|" between runs, "/" after a soft
// end and "." after a hard one.
func lines(ls []Line) string {
	var b strings.Builder
	for _, l := range ls {
		for i, r := range l.Runs {
			if i > 0 {
				b.WriteString("|")
			}
			b.WriteString(r.Text)
		}
		if l.Hard {
			b.WriteString(".\n")
		} else {
			b.WriteString("/\n")
		}
	}
	return b.String()
}

func TestBreak(t *testing.T) {
	for _, tc := range []struct {
		name  string
		runs  []Run
		width float64
		want  string
	}{
		{"empty", nil, 10, ""},
		{"blank", plain("   "), 10, ""},
		{"first fit", plain("the quick brown fox jumps over the lazy dog"), 10,
			"the quick/\nbrown fox/\njumps over/\nthe lazy/\ndog.\n"},
		{"spaces", plain("  a   b  \t c  "), 3, "a b/\nc.\n"},
		{"exact fit", plain("aaaa bbbb"), 9, "aaaa bbbb.\n"},
		{"word as wide as the line", plain("a bbbbbbbbbb c"), 10, "a/\nbbbbbbbbbb/\nc.\n"},
		{"long url at slashes", plain("see https://example.org/a/very/long/path/to/somewhere.html ok"), 20,
			"see/\nhttps://example.org//\na/very/long/path/to//\nsomewhere.html ok.\n"},
		{"no separator: cut by characters", plain("x abcdefghijklmnopqrstuvwxyz y"), 10,
			"x/\nabcdefghij/\nklmnopqrst/\nuvwxyz y.\n"},
		{"double slash kept whole", plain("aaaaaa//bbbbbbbbbbb"), 10, "aaaaaa///\nbbbbbbbbbb/\nb.\n"},
		{"query string", plain("https://ex.org/p?a=1&b=2"), 17, "https://ex.org/p?/\na=1&b=2.\n"},
		{"hyphen starts the next line", plain("https://ex.org/trata-y-explotacion-de"), 24,
			"https://ex.org/trata-y/\n-explotacion-de.\n"},
		{"after a number sign", plain("https://ex.org/page#section-two"), 20, "https://ex.org/page#/\nsection-two.\n"},
		{"a hyphen within the width is a cut", plain("abcdefghi-jklmnopqrst"), 10, "abcdefghi/\n-jklmnopqr/\nst.\n"},
		{"hard breaks", []Run{{Text: "a b "}, {Text: "\n"}, {Text: " c"}, {Text: "\n"}, {Text: "\n"}, {Text: "d"}, {Text: "\n"}}, 10,
			"a b.\nc.\n.\nd.\n"},
		{"newline inside a run", plain("a\nb"), 10, "a.\nb.\n"},
		{"styles split", []Run{{Text: "aaa bbb "}, {Text: "ccc ddd", Style: Bold}}, 12,
			"aaa bbb |ccc/\nddd.\n"},
		{"word across runs", []Run{{Text: "x foo"}, {Text: "bar", Style: Bold}, {Text: " baz"}}, 8,
			"x/\nfoo|bar/\nbaz.\n"},
		{"multibyte cut", plain("ñññññññ"), 3, "ñññ/\nñññ/\nñ.\n"},
		{"combining mark stays", plain("ae\u0301e\u0301e\u0301"), 2, "a/\ne\u0301/\ne\u0301/\ne\u0301.\n"},
		{"character wider than the line", []Run{{Text: "ab", Style: Bold}}, 1, "a/\nb.\n"},
		{"zero width", plain("ab c"), 0, "a/\nb/\nc.\n"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := Break(tc.runs, tc.width, 10, fake)
			if s := lines(got); s != tc.want {
				t.Errorf("Break(%q, %v):\n%s\nwant:\n%s", tc.runs, tc.width, s, tc.want)
			}
			for _, l := range got {
				check(t, l, tc.width)
			}
		})
	}
}

// check holds a line to the breaker's promises.
func check(t *testing.T, l Line, width float64) {
	t.Helper()
	sum := 0.0
	text := ""
	for i, r := range l.Runs {
		if r.Text == "" {
			t.Errorf("line %q: empty run", l.Runs)
		}
		if i > 0 && sameLook(r, l.Runs[i-1]) {
			t.Errorf("line %q: runs %d and %d look the same", l.Runs, i-1, i)
		}
		sum += fake(r.Text, r.Style, 10)
		text += r.Text
	}
	if d := sum - l.Width; d > 1e-9 || d < -1e-9 {
		t.Errorf("line %q: Width %v, runs measure %v", text, l.Width, sum)
	}
	if strings.HasPrefix(text, " ") || strings.HasSuffix(text, " ") || strings.Contains(text, "\n") {
		t.Errorf("line %q starts or ends with a space, or holds a line end", text)
	}
	if l.Width > width+1e-9 && !oneChar(text) {
		t.Errorf("line %q: width %v > %v", text, l.Width, width)
	}
}

// oneChar reports whether s is one character: a rune and its combining
// marks.
func oneChar(s string) bool {
	_, n := utf8.DecodeRuneInString(s)
	for _, r := range s[n:] {
		if !unicode.In(r, unicode.Mn, unicode.Me) {
			return false
		}
	}
	return s != ""
}

func TestBreakKeepsLinks(t *testing.T) {
	runs := []Run{{Text: "ver "}, {Text: "https://example.org/una/ruta/larga", Link: "https://example.org/una/ruta/larga"}, {Text: " fin"}}
	got := Break(runs, 16, 10, fake)
	want := []Line{
		{Runs: []Run{{Text: "ver"}}, Width: 3},
		{Runs: []Run{{Text: "https://example.", Link: runs[1].Link}}, Width: 16, Cut: true},
		{Runs: []Run{{Text: "org/una/ruta/", Link: runs[1].Link}}, Width: 13, Cut: true},
		{Runs: []Run{{Text: "larga", Link: runs[1].Link}, {Text: " fin"}}, Width: 9, Hard: true},
	}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("Break:\n%v\nwant:\n%v", got, want)
	}
}

// A long paragraph must break in time linear in its length: the breaker
// measures each character a bounded number of times, whatever the width.
func TestBreakLinear(t *testing.T) {
	words := []string{"trata", "de", "personas", "https://example.org/a/b/c/d/e/f/g/h/i/j/k/l", "protección", "x"}
	var b strings.Builder
	var runs []Run
	for i := range 200000 {
		if i%1000 == 999 {
			runs = append(runs, Run{Text: b.String()}, Run{Text: words[i%len(words)] + " ", Style: Bold})
			b.Reset()
			continue
		}
		b.WriteString(words[i%len(words)])
		b.WriteString(" ")
	}
	runs = append(runs, Run{Text: b.String()})
	total := 0
	for _, r := range runs {
		total += len(r.Text)
	}
	for _, width := range []float64{12, 60, 1e9} {
		measured := 0
		m := func(s string, style Style, size float64) float64 {
			measured += len(s)
			return fake(s, style, size)
		}
		got := Break(runs, width, 10, m)
		if measured > 3*total {
			t.Errorf("width %v: measured %d bytes of a %d-byte text", width, measured, total)
		}
		var text strings.Builder
		for _, l := range got {
			if l.Width > width+1e-6 {
				t.Fatalf("width %v: line of %v", width, l.Width)
			}
			for _, r := range l.Runs {
				text.WriteString(r.Text)
			}
			text.WriteString(" ")
		}
		if a, b := strings.Fields(text.String()), strings.Fields(joinRuns(runs)); strings.Join(a, "") != strings.Join(b, "") {
			t.Errorf("width %v: the lines lost text", width)
		}
	}
}

func joinRuns(runs []Run) string {
	var b strings.Builder
	for _, r := range runs {
		b.WriteString(r.Text)
	}
	return b.String()
}

func BenchmarkBreak(b *testing.B) {
	var s strings.Builder
	for i := range 200000 {
		s.WriteString([]string{"trata ", "de ", "personas ", "protección ", "https://example.org/a/b "}[i%5])
	}
	runs := []Run{{Text: s.String()}, {Text: " fin", Style: Bold}}
	b.SetBytes(int64(s.Len()))
	for b.Loop() {
		Break(runs, 160, 10, fake)
	}
}

// TestBreakCode: a line of code keeps its indentation and its runs of
// spaces, and a line too wide is cut between characters with nothing
// lost. Break, which a code block
// went through, made a run of spaces one and dropped those at the start.
func TestBreakCode(t *testing.T) {
	for _, tc := range []struct {
		in    string
		width float64
		want  string
	}{
		{"    if x {", 20, "    if x {.\n"},
		{`fmt.Println("a    b")`, 40, `fmt.Println("a    b").` + "\n"},
		{"  0123456789abcdef", 8, "  012345/\n6789abcd/\nef.\n"},
		{"ñandú", 2, "ña/\nnd/\nú.\n"},
		{"", 10, ""},
	} {
		got := lines(BreakCode(tc.in, tc.width, 10, fake))
		if got != tc.want {
			t.Errorf("BreakCode(%q, %v):\n%s\nwant:\n%s", tc.in, tc.width, got, tc.want)
		}
	}
	for _, l := range BreakCode("a   b  c", 100, 10, fake) {
		if l.Runs[0].Style != Mono || l.Width != fake(l.Runs[0].Text, Mono, 10) {
			t.Errorf("line %q: style %v, width %v", l.Runs[0].Text, l.Runs[0].Style, l.Width)
		}
	}
}

// TestBreakURL: a long URL in a narrow column is cut only after '/', '.',
// '?', '&', '=', '_' or '#' (not inside "//") or before '-', no line ends
// with a '-' (a PDF reader takes it for a hyphenation and drops it), and
// the lines, joined, are the URL: no character added, none removed.
func TestBreakURL(t *testing.T) {
	urls := []string{
		"https://www.argentina.gob.ar/noticias/el-consejo-federal-aprobo-el-plan-nacional-de-lucha-contra-la-trata-y-explotacion-de",
		"https://es.m.wikipedia.org/wiki/Secretar%C3%ADa_Contra_la_Violencia_Sexual,_Explotaci%C3%B3n_y_Trata_de_Personas",
		"https://vallemaria.gob.ar/?q=content%2Flinea-145&para=denunciar_la_trata#personas-y-mas",
		"http://www.un.org/documents/ga/docs/51/plenary/a51-90.htm",
	}
	for _, u := range urls {
		for width := 18.0; width <= 40; width++ { // wider than any piece between separators
			runs := []Run{{Text: "Fuente. "}, {Text: u, Link: u}}
			got := Break(runs, width, 10, fake)
			var joined strings.Builder
			var parts []string
			for _, l := range got {
				check(t, l, width)
				var line strings.Builder
				for _, r := range l.Runs {
					if r.Link == u {
						line.WriteString(r.Text)
					}
				}
				if line.Len() > 0 {
					parts = append(parts, line.String())
					joined.WriteString(line.String())
				}
			}
			if joined.String() != u {
				t.Errorf("width %v: lines %q join to %q, want %q", width, parts, joined.String(), u)
				continue
			}
			for i := 0; i+1 < len(parts); i++ {
				prev, _ := utf8.DecodeLastRuneInString(parts[i])
				next, _ := utf8.DecodeRuneInString(parts[i+1])
				if prev == '-' {
					t.Errorf("width %v: line %q ends with a hyphen", width, parts[i])
				}
				if !strings.ContainsRune("/.?&=_#", prev) && next != '-' {
					t.Errorf("width %v: %q cut before %q, not at a separator", width, parts[i], parts[i+1])
				}
				if prev == '/' && next == '/' {
					t.Errorf("width %v: %q cut inside //", width, parts[i])
				}
			}
		}
	}
}
