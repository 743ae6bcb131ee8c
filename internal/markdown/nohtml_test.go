package markdown

import (
	"bytes"
	"testing"
)

func TestWithoutHTML(t *testing.T) {
	for _, tc := range []struct{ src, want string }{
		{"Texto.\n", "Texto.\n"},
		{"Antes.\n\n<!-- nota interna: la víctima, María L. -->\n\nDespués.\n", "Antes.\n\n\nDespués.\n"},
		{"Uno <!-- nota\nde dos líneas --> dos.\n", "Uno  dos.\n"},
		{"Un <span class=\"x\">texto</span> marcado.\n", "Un texto marcado.\n"},
		{"<div>\nsecreto\n</div>\n\nFin.\n", "\nFin.\n"},
		{"- punto <!-- ojo -->\n- otro\n", "- punto \n- otro\n"},
		{"`<!-- código -->` y\n\n```\n<!-- también -->\n```\n", "`<!-- código -->` y\n\n```\n<!-- también -->\n```\n"},
		{"Ver <https://oit.org> y <a@b.org>, 3 < 4.\n", "Ver <https://oit.org> y <a@b.org>, 3 < 4.\n"},
		{"x <b<!-- --> onclick=z>y\n", "x y\n"},
		{"<<!-- -->b>\n", "<<!-- -->b>\n"}, // the typographer's «!– –>b>, not HTML
	} {
		if got := string(WithoutHTML([]byte(tc.src))); got != tc.want {
			t.Errorf("WithoutHTML(%q) = %q, want %q", tc.src, got, tc.want)
		}
	}
}

// FuzzWithoutHTML: the quick look never misses raw HTML that the parser
// finds, and what WithoutHTML returns holds none.
func FuzzWithoutHTML(f *testing.F) {
	for _, seed := range []string{
		"a <!-- b --> c", "<div>\nx\n</div>", "<br/>", "<?php x ?>", "<!DOCTYPE html>", "<![CDATA[x]]>",
		"</p>", "<a\nhref=x>", "> <span>x</span>", "- <b>x</b>", "<https://x.org>", "`<b>`", "<<!---->b>", "x <b<!-- --> onclick=z>y",
		"[x](<a b>)", "<A-1 x=1>",
	} {
		f.Add([]byte(seed))
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		if _, over := Nesting(src); over {
			if out := WithoutHTML(src); bytes.IndexByte(out, '<') >= 0 {
				t.Fatalf("WithoutHTML(%q) = %q, which nests too deep to parse and still holds a '<'", src, out)
			}
			return
		}
		if !mayHoldHTML(src) {
			if cuts, _ := htmlSegments(src); len(cuts) > 0 {
				t.Fatalf("mayHoldHTML(%q) is false, but it holds %q", src, cuts[0].Value(src))
			}
		}
		out := WithoutHTML(src)
		if cuts, err := htmlSegments(out); err == nil && len(cuts) > 0 && len(src) < 200 {
			t.Fatalf("WithoutHTML(%q) = %q, which still holds %q", src, out, cuts[0].Value(out))
		}
	})
}
