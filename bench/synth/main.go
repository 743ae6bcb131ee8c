// Command synth writes a synthetic practice catalog for benchmarks and tests:
//
//	go run ./bench/synth -n 1000 -seed 1 -out /tmp/cat
package main

import (
	"flag"
	"fmt"
	"os"
	"strings"
	"time"

	"catalog/internal/synth"
)

func main() {
	n := flag.Int("n", 100, "number of practices")
	seed := flag.Int64("seed", 1, "random seed; the same seed gives the same files")
	out := flag.String("out", "synth-catalog", "catalog folder to write (created if missing)")
	langs := flag.String("langs", "es,en", "comma-separated languages; the first is the source language")
	minW := flag.Int("min-words", synth.DefaultMinWords, "fewest words in a body")
	maxW := flag.Int("max-words", synth.DefaultMaxWords, "most words in a body")
	flag.Parse()
	if flag.NArg() > 0 {
		fmt.Fprintf(os.Stderr, "synth: unexpected argument %q\n", flag.Arg(0))
		flag.Usage()
		os.Exit(2)
	}
	opt := synth.Options{
		Practices: *n,
		Seed:      *seed,
		Languages: strings.Split(*langs, ","),
		MinWords:  *minW,
		MaxWords:  *maxW,
	}
	start := time.Now()
	if err := synth.Write(*out, opt); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	fmt.Fprintf(os.Stderr, "synth: wrote %d practices × %d languages to %s in %v\n",
		*n, len(opt.Languages), *out, time.Since(start).Round(time.Millisecond))
}
