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
	return sortByKeys(list, keys)
}

// sortByKeys returns list sorted by keys (keys[i] is list[i]'s), stably.
func sortByKeys[T any](list []T, keys [][]byte) []T {
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

// Keys keeps the collation key of each string sorted in one language, for
// names sorted again and again: a practice's title is sorted on the home
// page, on the page of each of its countries and themes, and in the
// search data, and serve sorts them all again at every save. The keys are
// those Sort makes, so SortKept sorts as Sort does. Safe for concurrent
// use.
type Keys struct {
	lang string
	// prev holds the keys of the Keys that Next was called on, which no
	// longer changes; taken into m as they are used.
	prev map[string][]byte

	mu sync.RWMutex
	m  map[string][]byte
}

// NewKeys returns an empty Keys for lang.
func NewKeys(lang string) *Keys { return &Keys{lang: lang, m: map[string][]byte{}} }

// Next returns a Keys for the same language that starts with the keys of
// k: it keeps only the keys it is then asked for, so that a long run of
// renders keeps the names of the last one, not of every one. k must not
// be used after.
func (k *Keys) Next() *Keys {
	k.mu.Lock()
	defer k.mu.Unlock()
	return &Keys{lang: k.lang, prev: k.m, m: map[string][]byte{}}
}

// SortKept is Sort with the keys taken from k, and made and kept there
// when missing.
func SortKept[T any](k *Keys, list []T, key func(T) string) []T {
	if len(list) < 2 {
		return slices.Clone(list)
	}
	keys := make([][]byte, len(list))
	var missing []int
	k.mu.RLock()
	for i, x := range list {
		if b, ok := k.m[key(x)]; ok {
			keys[i] = b
		} else {
			missing = append(missing, i)
		}
	}
	k.mu.RUnlock()
	if len(missing) > 0 {
		var c *collate.Collator
		var buf collate.Buffer
		for _, i := range missing {
			if b, ok := k.prev[key(list[i])]; ok {
				keys[i] = b
				continue
			}
			if c == nil {
				var done func()
				c, done = collator(k.lang)
				defer done()
			}
			keys[i] = slices.Clone(c.KeyFromString(&buf, key(list[i])))
			buf.Reset()
		}
		k.mu.Lock()
		for _, i := range missing {
			k.m[key(list[i])] = keys[i]
		}
		k.mu.Unlock()
	}
	return sortByKeys(list, keys)
}
