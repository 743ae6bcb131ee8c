package diag

import (
	"bytes"
	"testing"
)

var rule = &Rule{ID: "country-code", Severity: Error, Doc: "x"}

func TestWriteText(t *testing.T) {
	var b bytes.Buffer
	ds := []Diagnostic{
		New(rule, "a.md", 7, 14, "unknown country code %q", "CRI2"),
		New(rule, "b.md", 3, 0, "no column"),
		New(rule, "c.md", 0, 0, "whole file"),
	}
	if err := WriteText(&b, ds); err != nil {
		t.Fatal(err)
	}
	want := "a.md:7:14: error: unknown country code \"CRI2\" [country-code]\nb.md:3: error: no column [country-code]\nc.md: error: whole file [country-code]\n"
	if b.String() != want {
		t.Errorf("got\n%s\nwant\n%s", b.String(), want)
	}
}

func TestWriteJSONEmpty(t *testing.T) {
	var b bytes.Buffer
	if err := WriteJSON(&b, nil); err != nil || b.String() != "[]\n" {
		t.Errorf("got %q, %v; want []", b.String(), err)
	}
}

// GitHub workflow commands escape as @actions/core does: % CR LF in the
// message, and also : and , in properties; a line break in the message
// is shown as \n (Escape) before that.
func TestWriteGitHubEscapes(t *testing.T) {
	var b bytes.Buffer
	d := New(rule, "dir,x/a:b.md", 2, 3, "100%% wrong\r\nsecond line")
	if err := WriteGitHub(&b, []Diagnostic{d}); err != nil {
		t.Fatal(err)
	}
	want := "::error file=dir%2Cx/a%3Ab.md,line=2,col=3,title=country-code::100%25 wrong\\r\\nsecond line\n"
	if got := b.String()[:len(want)]; got != want {
		t.Errorf("got  %q\nwant %q", got, want)
	}
}

func TestTally(t *testing.T) {
	for _, tc := range []struct {
		e, w int
		want string
	}{{0, 0, "no problems"}, {1, 0, "1 error"}, {2, 1, "2 errors, 1 warning"}, {0, 3, "3 warnings"}} {
		if got := Tally(tc.e, tc.w); got != tc.want {
			t.Errorf("Tally(%d, %d) = %q, want %q", tc.e, tc.w, got, tc.want)
		}
	}
}
