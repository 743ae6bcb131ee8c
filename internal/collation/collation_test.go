package collation

import (
	"bytes"
	"fmt"
	"slices"
	"sync"
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

// TestSortKept: sorting with kept keys gives what Sort gives, whether the
// keys are made, found, or found in the Keys before Next, with several
// goroutines sorting at once.
func TestSortKept(t *testing.T) {
	var list []string
	for i := range 2000 {
		list = append(list, fmt.Sprintf("%c%s número %d", []rune("ÁaÑnOóZz")[i%8], "ráctica", i%300))
	}
	for _, lang := range []string{"es", "en"} {
		want := Sort(lang, list, func(s string) string { return s })
		k := NewKeys(lang)
		check := func(step string, k *Keys, list []string) {
			var wg sync.WaitGroup
			for g := range 4 {
				wg.Go(func() {
					// Each goroutine sorts its own rotation of the list:
					// ties keep the order they come in.
					in := append(slices.Clone(list[g*7:]), list[:g*7]...)
					got := SortKept(k, in, func(s string) string { return s })
					if exp := Sort(lang, in, func(s string) string { return s }); !slices.Equal(got, exp) {
						t.Errorf("%s, %s, goroutine %d: differs from Sort", lang, step, g)
					}
				})
			}
			wg.Wait()
		}
		check("made", k, list[:1000])
		check("found and made", k, list)
		if got := SortKept(k, list, func(s string) string { return s }); !slices.Equal(got, want) {
			t.Errorf("%s: all found: differs from Sort", lang)
		}
		next := k.Next()
		check("after Next", next, list[500:])
		if len(next.m) != len(uniq(list[500:])) {
			t.Errorf("%s: after Next, %d keys kept for %d names sorted", lang, len(next.m), len(uniq(list[500:])))
		}
	}
}

func uniq(list []string) map[string]bool {
	m := map[string]bool{}
	for _, s := range list {
		m[s] = true
	}
	return m
}
