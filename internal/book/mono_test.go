package book

import (
	"math"
	"testing"

	"golang.org/x/image/font"
	"golang.org/x/image/font/sfnt"
	"golang.org/x/image/math/fixed"

	"catalog/internal/fonts"
	"catalog/internal/layout"
)

// TestMonoScale: code within text is drawn at a size whose small letters
// are as tall as the text's (within 5 %); other styles keep the size.
func TestMonoScale(t *testing.T) {
	xHeight := func(st fonts.Style) float64 {
		f, err := sfnt.Parse(fonts.TTF(st))
		if err != nil {
			t.Fatal(err)
		}
		var buf sfnt.Buffer
		m, err := f.Metrics(&buf, fixed.I(1000), font.HintingNone)
		if err != nil {
			t.Fatal(err)
		}
		return float64(m.XHeight) / 64 / 1000
	}
	text, code := xHeight(fonts.Regular)*bodySize, xHeight(fonts.Mono)*runSize(layout.Mono, bodySize)
	if r := code / text; math.Abs(r-1) > 0.05 {
		t.Errorf("code's small letters are %.2f times the text's (x-heights %.3f and %.3f em)", r, xHeight(fonts.Mono), xHeight(fonts.Regular))
	}
	if got := runSize(layout.Bold, bodySize); got != bodySize {
		t.Errorf("bold drawn at %g pt, want %g", got, bodySize)
	}
}
