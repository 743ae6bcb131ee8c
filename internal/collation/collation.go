// Package collation sorts the catalog's names as a reader of each
// language expects: in Spanish Á sorts with A and Ñ after N, not in byte
// order. The site and the book both sort with it.
package collation

import (
	"bytes"
	"slices"
	"sync"

	"golang.org/x/text/collate"
	"golang.org/x/text/language"
)

// collators keeps one pool of collators per language: a collator is not
// safe for concurrent use, and building one costs more than a sort.
var collators sync.Map // lang → *sync.Pool

func collator(lang string) (*collate.Collator, func()) {
	v, _ := collators.LoadOrStore(lang, &sync.Pool{New: func() any {
		return collate.New(language.Make(lang), collate.Loose)
	}})
	pool := v.(*sync.Pool)
	c := pool.Get().(*collate.Collator)
	return c, func() { pool.Put(c) }
}

// Sort returns list sorted by each element's key in the language's
// collation, stably. The list itself is left as it was.
func Sort[T any](lang string, list []T, key func(T) string) []T {
	if len(list) < 2 {
		// Most practices have one country: nothing to compare.
		return slices.Clone(list)
	}
	c, done := collator(lang)
	defer done()
	// The keys stay in buf, each after the ones before: a key is valid
	// until buf.Reset, which is never called.
	var buf collate.Buffer
	keys := make([][]byte, len(list))
	for i, x := range list {
		keys[i] = c.KeyFromString(&buf, key(x))
	}
	idx := make([]int, len(list))
	for i := range idx {
		idx[i] = i
	}
	slices.SortStableFunc(idx, func(a, b int) int { return bytes.Compare(keys[a], keys[b]) })
	out := make([]T, len(list))
	for i, j := range idx {
		out[i] = list[j]
	}
	return out
}
