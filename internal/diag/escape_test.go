package diag

import (
	"bytes"
	"strings"
	"testing"
	"unicode/utf8"
)

func TestEscape(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"catalog/practices/cr-eri.es.md", "catalog/practices/cr-eri.es.md"},
		{"práctica-ñandú-日本語.es.md", "práctica-ñandú-日本語.es.md"},
		{"no\u00a0break", "no\u00a0break"},
		{`C:\catalog\a.md`, `C:\catalog\a.md`},
		{"zz\n::error file=x::INJECTED.es.md", `zz\n::error file=x::INJECTED.es.md`},
		{"a\r\tb", `a\r\tb`},
		{"\x1b[31mred\x1b[0m", `\x1b[31mred\x1b[0m`},
		{"bell\a", `bell\x07`},
		{"nul\x00del\x7f", `nul\x00del\x7f`},
		{"csi\u009b2J nel\u0085", `csi\u009b2J nel\u0085`},
		{"ls\u2028ps\u2029", `ls\u2028ps\u2029`},
		{"admin\u202e\u2066txt.md", `admin\u202e\u2066txt.md`},
		{"lrm\u200e rlm\u200f alm\u061c pdi\u2069", `lrm\u200e rlm\u200f alm\u061c pdi\u2069`},
		{"bad\xffbyte\xc3", `bad\xffbyte\xc3`},
		{"::error file=x::INJECTED.es.md", "./::error file=x::INJECTED.es.md"},
		{"  ::warning::x", "./  ::warning::x"},
		{"\u3000::x", "./\u3000::x"},
		{":not-a-command", ":not-a-command"},
		{"a::b", "a::b"},
	} {
		if got := Escape(tc.in); got != tc.want {
			t.Errorf("Escape(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

// hostile are file names and messages that try to break out of their
// line.
var hostile = []string{
	"zz\n::error file=x::INJECTED.es.md",
	"::error file=x::INJECTED.es.md",
	" ::add-mask::secret",
	"a\r::error::x",
	"\x1b]0;title\x07\x1b[2J",
	"x\u2028::error::y",
	"evil\u202eexe.md",
	"| cell | `code` <img src=x> ![i](http://x/p.png) [l](javascript:x) &amp;",
}

// TestPrintersHostile: whatever a file is named and a message says, the
// text and github printers print one line per diagnostic, and the only
// lines that start with "::" are the annotations.
func TestPrintersHostile(t *testing.T) {
	var ds []Diagnostic
	for _, h := range hostile {
		ds = append(ds, New(rule, h, 1, 2, "%s", h))
	}
	checkPrinted(t, ds)
}

// checkPrinted holds the text and github printers to their promise for
// ds: one line per diagnostic (and one annotation before, in github
// format, in order), no line that starts with "::" other than those, and
// no control character, line separator or bidirectional control raw.
func checkPrinted(t *testing.T, ds []Diagnostic) {
	t.Helper()
	var text, gh, summary bytes.Buffer
	if err := WriteText(&text, ds); err != nil {
		t.Fatal(err)
	}
	if err := WriteGitHub(&gh, ds); err != nil {
		t.Fatal(err)
	}
	if err := WriteSummary(&summary, ds, 1); err != nil {
		t.Fatal(err)
	}
	for name, out := range map[string]string{"text": text.String(), "github": gh.String(), "summary": summary.String()} {
		lines := strings.Split(strings.TrimSuffix(out, "\n"), "\n")
		want := len(ds)
		switch name {
		case "github":
			want *= 2
		case "summary":
			want = 6 + len(ds) // heading, tally, table head: two rows
		}
		if len(lines) != want {
			t.Errorf("%s: %d lines, want %d:\n%s", name, len(lines), want, out)
		}
		for i, line := range lines {
			annotation := name == "github" && i < len(ds)
			if annotation {
				prefix := "::" + ds[i].Severity.String() + " file="
				if !strings.HasPrefix(line, prefix) {
					t.Errorf("%s: annotation %d is %q, want it to start with %q", name, i, line, prefix)
				}
			} else if command(line) {
				t.Errorf("%s: line %d starts a workflow command: %q", name, i, line)
			}
			if !utf8.ValidString(line) {
				t.Errorf("%s: line %d is not UTF-8: %q", name, i, line)
			}
			for j, r := range line {
				if escaped(r, utf8.RuneLen(r)) {
					t.Errorf("%s: line %d has %U raw at %d: %q", name, i, r, j, line)
					break
				}
			}
		}
	}
}

func FuzzPrinters(f *testing.F) {
	for _, h := range hostile {
		f.Add(h, h)
	}
	f.Add("catalog/practices/a.es.md", "unknown country code \"CRI2\"")
	f.Fuzz(func(t *testing.T, file, message string) {
		ds := []Diagnostic{
			{File: file, Line: 3, Col: 1, Severity: Error, Rule: rule, Message: message},
			{File: message, Severity: Warning, Rule: rule, Message: file},
		}
		checkPrinted(t, ds)
	})
}
