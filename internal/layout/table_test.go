package layout

import (
	"math"
	"testing"
)

func cells(texts ...string) [][]Run {
	out := make([][]Run, len(texts))
	for i, s := range texts {
		if s != "" {
			out[i] = plain(s)
		}
	}
	return out
}

func sum(ws []float64) float64 {
	s := 0.0
	for _, w := range ws {
		s += w
	}
	return s
}

func TestColumns(t *testing.T) {
	table := &Table{
		Align:  []Align{AlignLeft, AlignNone, AlignRight},
		Header: cells("País", "Práctica", "Año"),
		Rows: [][][]Run{
			cells("CR", "Equipo de respuesta inmediata ante la trata de personas", "2015"),
			cells("MX", "https://example.org/una/direccion/muy/larga", ""),
		},
	}
	const pad = 1
	for _, tc := range []struct {
		total float64
		want  []float64
	}{
		// Everything fits unwrapped: natural widths (4.8+2, 55+2, 4+2),
		// the rest shared in proportion to them.
		{200, []float64{200 * 6.8 / 69.8, 200 * 57 / 69.8, 200 * 6 / 69.8}},
		// The middle column wraps: the others keep their natural width,
		// and it gets the rest.
		{60, []float64{6.8, 60 - 6.8 - 6, 6}},
		// Exactly the longest words (the URL is 43 characters).
		{6.8 + 45 + 6, []float64{6.8, 45, 6}},
	} {
		got := Columns(table, tc.total, 10, pad, fake)
		if len(got) != 3 {
			t.Fatalf("Columns(%v) = %v", tc.total, got)
		}
		for i := range got {
			if math.Abs(got[i]-tc.want[i]) > 1e-9 {
				t.Errorf("Columns(%v) = %v, want %v", tc.total, got, tc.want)
				break
			}
		}
		if s := sum(got); s > tc.total+1e-9 || s < tc.total-1e-6 {
			t.Errorf("Columns(%v) sums to %v", tc.total, s)
		}
	}
}

func TestColumnsLongWord(t *testing.T) {
	table := &Table{
		Align: []Align{AlignNone, AlignNone},
		Rows: [][][]Run{
			cells("una frase larga que se puede partir en muchas líneas sin problema alguno", "Extraordinariamente"),
		},
	}
	got := Columns(table, 40, 10, 0, fake)
	if got[1] < 19 {
		t.Errorf("the one-word column got %v, less than its word (19)", got[1])
	}
	if s := sum(got); s > 40+1e-9 {
		t.Errorf("widths %v sum to %v > 40", got, s)
	}
}

func TestColumnsNarrow(t *testing.T) {
	table := &Table{
		Align:  []Align{AlignNone, AlignNone, AlignNone, AlignNone},
		Header: cells("Institución", "Contraparte", "", "x"),
		Rows:   [][][]Run{cells("Ministerio", "Fiscalía", "", "")},
	}
	for _, total := range []float64{10, 1, 0.01} {
		got := Columns(table, total, 10, 0.5, fake)
		for _, w := range got {
			if w <= 0 {
				t.Errorf("Columns(%v) = %v: a width is not positive", total, got)
			}
		}
		if s := sum(got); math.Abs(s-total) > 1e-9 || s > total {
			t.Errorf("Columns(%v) = %v sums to %v", total, got, s)
		}
	}
	if got := Columns(&Table{}, 10, 10, 0, fake); got != nil {
		t.Errorf("Columns of an empty table = %v", got)
	}
}
