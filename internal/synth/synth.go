// Package synth writes synthetic but realistic practice catalogs for the
// benchmarks and tests of the catalog tool: a catalog.yaml and, for every
// practice, a source file in the first language and a translation in each
// other one, with front matter that passes the validation rules of the
// product contract and Markdown bodies of a chosen length.
//
// The output depends only on Options: the same options give byte-identical
// files, whatever the number of CPUs. Every practice draws from its own PCG
// stream (derived from Seed and the practice's index), so the practices are
// generated in parallel.
package synth

import (
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"regexp"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
)

// Options say what to generate.
type Options struct {
	Practices int      // number of practice IDs
	Seed      int64    // same seed → byte-identical output
	Languages []string // default ["es","en"]: every practice gets a source in the first and a translation in each other
	// Body length per file in words (whitespace-separated fields of the
	// Markdown body, headings and list markers included); default 280–440,
	// which gives bodies of the sample catalog's length in bytes.
	MinWords, MaxWords int
}

// The default body length in words. The sample catalog's bodies have
// 323–498 words and 2,200–3,300 bytes (2,750 on average); the generated
// prose has longer words (7.7 bytes a word with the space, against 6.5),
// so fewer of them give the same bytes.
const (
	DefaultMinWords = 280
	DefaultMaxWords = 440
)

// minBodyWords is the smallest body that holds the three sections.
const minBodyWords = 30

var langRE = regexp.MustCompile(`^[a-z]{2,3}$`)

func (o Options) normalised() (Options, error) {
	if o.Practices < 0 {
		return o, fmt.Errorf("synth: Practices must not be negative, got %d", o.Practices)
	}
	if len(o.Languages) == 0 {
		o.Languages = []string{"es", "en"}
	}
	seen := map[string]bool{}
	for _, l := range o.Languages {
		if !langRE.MatchString(l) {
			return o, fmt.Errorf("synth: language %q is not a lowercase ISO 639 code", l)
		}
		if seen[l] {
			return o, fmt.Errorf("synth: language %q listed twice", l)
		}
		seen[l] = true
	}
	o.Languages = append([]string(nil), o.Languages...)
	if o.MinWords == 0 && o.MaxWords == 0 {
		o.MinWords, o.MaxWords = DefaultMinWords, DefaultMaxWords
	} else if o.MaxWords == 0 {
		o.MaxWords = max(o.MinWords, DefaultMaxWords)
	} else if o.MinWords == 0 {
		o.MinWords = min(o.MaxWords, DefaultMinWords)
	}
	if o.MinWords < minBodyWords {
		return o, fmt.Errorf("synth: MinWords must be at least %d, got %d", minBodyWords, o.MinWords)
	}
	if o.MaxWords < o.MinWords {
		return o, fmt.Errorf("synth: MaxWords (%d) is less than MinWords (%d)", o.MaxWords, o.MinWords)
	}
	return o, nil
}

// Write writes DIR/catalog.yaml and DIR/practices/ID.LANG.md for every
// practice; DIR is created if missing. Files of an earlier run that this
// run does not produce are left alone.
func Write(dir string, opt Options) error {
	o, err := opt.normalised()
	if err != nil {
		return err
	}
	pdir := filepath.Join(dir, "practices")
	if err := os.MkdirAll(pdir, 0o755); err != nil {
		return fmt.Errorf("synth: %w", err)
	}
	if err := os.WriteFile(filepath.Join(dir, "catalog.yaml"), catalogYAML(o), 0o644); err != nil {
		return fmt.Errorf("synth: %w", err)
	}
	skels := skeletons(o)

	var (
		next     atomic.Int64
		mu       sync.Mutex
		firstErr error
		wg       sync.WaitGroup
	)
	workers := min(runtime.GOMAXPROCS(0), max(1, o.Practices))
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			g := &gen{opt: &o, skels: skels, buf: make([]byte, 0, 32<<10)}
			for {
				i := int(next.Add(1) - 1)
				if i >= len(skels) {
					return
				}
				if err := g.practice(pdir, i); err != nil {
					mu.Lock()
					if firstErr == nil {
						firstErr = err
					}
					mu.Unlock()
					next.Store(int64(len(skels))) // stop the others
					return
				}
			}
		}()
	}
	wg.Wait()
	if firstErr != nil {
		return fmt.Errorf("synth: %w", firstErr)
	}
	return nil
}

func catalogYAML(o Options) []byte {
	var b strings.Builder
	fmt.Fprintf(&b, "# A synthetic catalog written by internal/synth (%d practices, seed %d).\n", o.Practices, o.Seed)
	b.WriteString("title:\n")
	for _, l := range o.Languages {
		t := "Synthetic Catalog of Best Practices against Trafficking in Persons"
		if l == "es" {
			t = "Catálogo sintético de buenas prácticas contra la trata de personas"
		}
		fmt.Fprintf(&b, "  %s: %s\n", l, t)
	}
	b.WriteString("languages: [" + strings.Join(o.Languages, ", ") + "]\n")
	return []byte(b.String())
}

// Streams of a practice: each use of randomness draws from its own stream so
// that changing one part of the generator does not reshuffle the others.
const (
	streamSkeleton = iota
	streamFields
	streamText // + language index
)

func newRand(seed int64, index, stream int) *rand.Rand {
	return rand.New(rand.NewPCG(splitmix(uint64(seed)), splitmix(uint64(index)<<8|uint64(stream))))
}

// splitmix is the SplitMix64 finaliser: it spreads nearby inputs apart.
func splitmix(x uint64) uint64 {
	x += 0x9e3779b97f4a7c15
	x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9
	x = (x ^ (x >> 27)) * 0x94d049bb133111eb
	return x ^ (x >> 31)
}

// skel is what other practices need to know of a practice: its ID, title
// and whether it is restricted.
type skel struct {
	id         string
	countries  []int // indexes into countries
	kind       int
	qualifier  int // -1: none
	form       int // title form
	phase      int // > 1: "(fase N)" ends the title
	programme  int
	restricted bool
}

func skeletons(o Options) []skel {
	width := max(4, len(strconv.Itoa(o.Practices)))
	out := make([]skel, o.Practices)
	titles := make(map[string]bool, o.Practices)
	for i := range out {
		r := newRand(o.Seed, i, streamSkeleton)
		s := &out[i]
		// Mostly one country; a regional practice names five to nine, as
		// the sample's do.
		n := 1
		switch x := r.IntN(100); {
		case x >= 92:
			n = 5 + r.IntN(5)
		case x >= 88:
			n = 3
		case x >= 80:
			n = 2
		}
		s.countries = pickDistinct(r, len(countries), n)
		// Titles are unique: draw again when taken, number the phase when
		// the draws keep colliding.
		for try := 0; ; try++ {
			s.kind = r.IntN(len(kinds))
			s.qualifier = -1
			if r.IntN(10) < 6 {
				s.qualifier = r.IntN(len(qualifiers))
			}
			s.form = r.IntN(4)
			s.programme = r.IntN(len(programmeNames))
			if try >= 8 {
				s.phase = 2
				for titles[s.title(0)] {
					s.phase++
				}
			}
			if t := s.title(0); !titles[t] {
				titles[t] = true
				break
			}
		}
		s.restricted = r.IntN(100) < 3
		s.id = fmt.Sprintf("%s-%0*d-%s", strings.ToLower(countries[s.countries[0]].alpha2), width, i+1, kinds[s.kind].slug)
	}
	return out
}

// title is the practice's title in language index li (0 Spanish, 1 English).
func (s *skel) title(li int) string {
	k := kinds[s.kind].name[li]
	q := ""
	if s.qualifier >= 0 {
		q = " " + qualifiers[s.qualifier][li]
	}
	c := countries[s.countries[0]]
	if s.form&1 != 0 { // … en Costa Rica
		if li == 0 {
			q += " " + c.of[0]
		} else {
			q += " in " + c.name[1]
		}
	}
	if s.phase > 1 {
		q += " (" + []string{"fase", "phase"}[li] + " " + strconv.Itoa(s.phase) + ")"
	}
	if s.form&2 == 0 {
		return k + q
	}
	// «Ruta Segura»: protocolo de …
	p := programmeNames[s.programme][li]
	if li == 0 {
		return "«" + p + "»: " + lowerFirst(k) + q
	}
	return `"` + p + `": ` + lowerFirst(k) + q
}

// pickDistinct picks k distinct integers in [0,n), in the order drawn.
func pickDistinct(r *rand.Rand, n, k int) []int {
	k = min(k, n)
	out := make([]int, 0, k)
	for len(out) < k {
		x := r.IntN(n)
		dup := false
		for _, y := range out {
			if y == x {
				dup = true
				break
			}
		}
		if !dup {
			out = append(out, x)
		}
	}
	return out
}

// langIndex says which text of a pair a language uses.
func langIndex(lang string) int {
	if lang == "es" {
		return 0
	}
	return 1
}
