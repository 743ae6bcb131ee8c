// Command floor measures the "goldmark-only floor" of a build: the time to
// read every practice file of a catalog, cut its front matter off and render
// its body to HTML with goldmark (GFM, footnotes, typographer), and nothing
// else — no validation, no templates, no writing. No site generator that
// renders the same bodies with goldmark can be faster than this.
//
//	go run ./bench/floor -catalog /tmp/cat [-workers N]
//
// It prints one line for N workers (default GOMAXPROCS), then one for a
// single worker:
//
//	floor workers=8 files=20000 wall=1.234s
//	floor workers=1 files=20000 wall=5.678s
package main

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"sync"
	"sync/atomic"
	"time"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/extension"
)

var md = goldmark.New(goldmark.WithExtensions(extension.GFM, extension.Footnote, extension.Typographer))

func main() {
	cat := flag.String("catalog", "", "catalog folder (its practices/*.md are rendered)")
	workers := flag.Int("workers", runtime.GOMAXPROCS(0), "parallel workers")
	flag.Parse()
	if *cat == "" || flag.NArg() > 0 || *workers < 1 {
		fmt.Fprintln(os.Stderr, "usage: floor -catalog DIR [-workers N]")
		os.Exit(2)
	}
	files, err := filepath.Glob(filepath.Join(*cat, "practices", "*.md"))
	if err == nil && len(files) == 0 {
		err = fmt.Errorf("no practices/*.md in %s", *cat)
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "floor:", err)
		os.Exit(2)
	}
	runs := []int{*workers}
	if *workers != 1 {
		runs = append(runs, 1)
	}
	for _, w := range runs {
		wall, err := run(files, w)
		if err != nil {
			fmt.Fprintln(os.Stderr, "floor:", err)
			os.Exit(1)
		}
		fmt.Printf("floor workers=%d files=%d wall=%.3fs\n", w, len(files), wall.Seconds())
	}
}

// run reads and renders every file with w workers and returns the wall time.
func run(files []string, w int) (time.Duration, error) {
	start := time.Now()
	var next atomic.Int64
	var wg sync.WaitGroup
	errs := make([]error, w)
	for i := range w {
		wg.Add(1)
		go func() {
			defer wg.Done()
			var buf bytes.Buffer
			for {
				j := int(next.Add(1)) - 1
				if j >= len(files) {
					return
				}
				src, err := os.ReadFile(files[j])
				if err != nil {
					errs[i] = err
					return
				}
				buf.Reset()
				if err := md.Convert(body(src), &buf); err != nil {
					errs[i] = fmt.Errorf("%s: %w", files[j], err)
					return
				}
			}
		}()
	}
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			return 0, err
		}
	}
	return time.Since(start), nil
}

// body returns src without its front matter (between the first two `---`
// lines); src without front matter is all body.
func body(src []byte) []byte {
	rest, ok := bytes.CutPrefix(src, []byte("---\n"))
	if !ok {
		return src
	}
	if bytes.HasPrefix(rest, []byte("---\n")) {
		return rest[4:]
	}
	if i := bytes.Index(rest, []byte("\n---\n")); i >= 0 {
		return rest[i+5:]
	}
	return src
}
