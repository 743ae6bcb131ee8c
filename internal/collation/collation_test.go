package collation

import (
	"bytes"
	"fmt"
	"slices"
	"testing"

	"golang.org/x/text/collate"
	"golang.org/x/text/language"
)

func TestSort(t *testing.T) {
	in := []string{"Zeta", "Ñandú", "avión", "Nube", "Árbol", "oso", "Ñu"}
	got := Sort("es", in, func(s string) string { return s })
	want := []string{"Árbol", "avión", "Nube", "Ñandú", "Ñu", "oso", "Zeta"}
	if !slices.Equal(got, want) {
		t.Errorf("got %q, want %q", got, want)
	}
	if in[0] != "Zeta" {
		t.Errorf("Sort changed its list: %q", in)
	}
	if got := Sort("es", []string{"x"}, func(s string) string { return s }); !slices.Equal(got, []string{"x"}) {
		t.Errorf("one: %q", got)
	}
}

// TestSortMany: more keys than the collation buffer holds at first (4 kB)
// sort as they do with a copy of each key, stably.
func TestSortMany(t *testing.T) {
	var list []string
	for i := range 3000 {
		list = append(list, fmt.Sprintf("Práctica número %d de la región %c", i%700, 'A'+rune(i%26)))
	}
	got := Sort("es", list, func(s string) string { return s })
	c := collate.New(language.Make("es"), collate.Loose)
	var buf collate.Buffer
	want := slices.Clone(list)
	slices.SortStableFunc(want, func(a, b string) int {
		ka := slices.Clone(c.KeyFromString(&buf, a))
		kb := c.KeyFromString(&buf, b)
		defer buf.Reset()
		return bytes.Compare(ka, kb)
	})
	if !slices.Equal(got, want) {
		t.Error("differs from sorting with a copy of each key")
	}
}
