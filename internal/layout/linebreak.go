package layout

import (
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Measure returns the width of text in a style at a font size (units are
// the caller's, e.g. mm).
type Measure func(text string, style Style, size float64) float64

// Line is a line of a broken paragraph. Hard says that a hard break or the
// end of the paragraph ended it (a justified renderer leaves such a line
// ragged).
type Line struct {
	Runs  []Run
	Width float64
	Hard  bool
	// Cut says that the line ends inside a word (one wider than the line,
	// cut): no space was dropped at its end, as one was at the end of a
	// line that is neither Hard nor Cut. Tagged PDF text gets that space
	// back, so that a screen reader does not join the words.
	Cut bool
}

// Break breaks runs into lines no wider than width, first fit, at spaces.
// A run of spaces is one space, as in a browser, and disappears at a line
// end; a "\n" ends a line. A word wider than the width is cut, after a
// '/', '.', '_', '?', '&', '=' or '#', or before a '-', when one lies
// within the width, else between characters: no URL runs off the page.
// A cut adds no character and removes none, so the lines of a cut URL,
// joined, are the URL; and no cut leaves a '-' at a line's end, since a
// reader of the PDF (pdftotext, a viewer's copy) takes a line-final '-'
// for a hyphenation and drops it. Only a single character wider than the
// width makes a line wider than the width.
//
// Break measures each word and each cut piece once, and each line's runs
// once more for Line.Width, so its time is linear in the text.
func Break(runs []Run, width, size float64, m Measure) []Line {
	b := &breaker{runs: runs, width: width, size: size, m: m}
	b.limit = width + 1e-9*max(1, abs(width))
	scan(runs, b.word, b.space, b.hard)
	if len(b.line) > 0 {
		b.emit(true)
	}
	return b.lines
}

// piece is the text runs[run].Text[from:to], or a space (from < 0) that
// stands for a tab or other blank of that run.
type piece struct{ run, from, to int }

func (p piece) text(runs []Run) string {
	if p.from < 0 {
		return " "
	}
	return runs[p.run].Text[p.from:p.to]
}

// scan splits runs into words, spaces and hard breaks. A word may span
// runs ("**bold**text" is one word); word gets its pieces, space the first
// blank of a run of blanks.
func scan(runs []Run, word func([]piece), space func(piece), hard func()) {
	var w []piece
	flush := func() {
		if len(w) > 0 {
			word(w)
			w = w[:0]
		}
	}
	for i, r := range runs {
		t := r.Text
		for j := 0; j < len(t); {
			switch c := t[j]; c {
			case '\n':
				flush()
				hard()
				j++
			case ' ', '\t', '\r', '\f', '\v':
				flush()
				p := piece{i, j, j + 1}
				if c != ' ' {
					p = piece{i, -1, -1}
				}
				space(p)
				j++
			default:
				k := j + 1
				for k < len(t) && !isBlank(t[k]) {
					k++
				}
				w = append(w, piece{i, j, k})
				j = k
			}
		}
	}
	flush()
}

func isBlank(c byte) bool {
	switch c {
	case '\n', ' ', '\t', '\r', '\f', '\v':
		return true
	}
	return false
}

type breaker struct {
	runs         []Run
	width, limit float64
	size         float64
	m            Measure

	lines  []Line
	line   []piece // the line being filled
	lineW  float64
	gap    piece // the space before the next word, if spaced
	spaced bool

	spaces []spaceWidth // a space's width in each style met

	chars []char // cut's buffers
	sum   []float64
	after []int
}

// char is a character of a word being cut, with its combining marks.
type char struct {
	piece    int // index in the word's pieces
	from, to int // bytes in the run's text
}

type spaceWidth struct {
	style Style
	width float64
}

func (b *breaker) measure(p piece) float64 {
	return b.m(p.text(b.runs), b.runs[p.run].Style, b.size)
}

func (b *breaker) space(p piece) {
	if !b.spaced {
		b.gap, b.spaced = p, true
	}
}

func (b *breaker) hard() {
	b.emit(true)
	b.spaced = false
}

func (b *breaker) word(w []piece) {
	ww := 0.0
	for _, p := range w {
		ww += b.measure(p)
	}
	if len(b.line) > 0 {
		sw := 0.0
		if b.spaced {
			sw = b.spaceWidth(b.runs[b.gap.run].Style)
		}
		if b.lineW+sw+ww <= b.limit {
			if b.spaced {
				b.append(b.gap)
			}
			b.appendAll(w)
			b.lineW += sw + ww
			b.spaced = false
			return
		}
		b.emit(false)
	}
	b.spaced = false
	if ww <= b.limit {
		b.appendAll(w)
		b.lineW = ww
		return
	}
	b.cut(w)
}

func (b *breaker) spaceWidth(s Style) float64 {
	for _, sp := range b.spaces {
		if sp.style == s {
			return sp.width
		}
	}
	w := b.m(" ", s, b.size)
	b.spaces = append(b.spaces, spaceWidth{s, w})
	return w
}

// append adds p to the line, extending the last piece when p follows it in
// the same run, so that a line of one run is one substring.
func (b *breaker) append(p piece) {
	if n := len(b.line); n > 0 {
		last := &b.line[n-1]
		if last.run == p.run && last.from >= 0 && p.from == last.to {
			last.to = p.to
			return
		}
	}
	b.line = append(b.line, p)
}

func (b *breaker) appendAll(w []piece) {
	for _, p := range w {
		b.append(p)
	}
}

// cut breaks a word wider than the width over lines, on an empty line.
// It measures each character once; prefix sums then find each piece's end
// with a pointer that only moves forward.
func (b *breaker) cut(w []piece) {
	chars := b.chars[:0]
	sum := append(b.sum[:0], 0) // sum[i] is the width of chars[:i]
	for k, p := range w {
		t := b.runs[p.run].Text
		style := b.runs[p.run].Style
		for j := p.from; j < p.to; {
			r, n := utf8.DecodeRuneInString(t[j:p.to])
			wr := b.m(t[j:j+n], style, b.size)
			if c := len(chars) - 1; c >= 0 && chars[c].piece == k && unicode.In(r, unicode.Mn, unicode.Me) {
				// A combining mark stays with its letter.
				chars[c].to = j + n
				sum[c+1] += wr
			} else {
				chars = append(chars, char{k, j, j + n})
				sum = append(sum, sum[len(sum)-1]+wr)
			}
			j += n
		}
	}
	n := len(chars)
	// after[i] is the last cut at or before i (0 if none) that falls at a
	// separator (cutAt), never between two ("//" stays whole).
	after := slices.Grow(b.after[:0], n+1)[:n+1]
	after[0] = 0
	b.chars, b.sum, b.after = chars, sum, after
	for i := 1; i <= n; i++ {
		after[i] = after[i-1]
		if i < n && cutAt(b.charRune(w, chars[i-1].piece, chars[i-1].from), b.charRune(w, chars[i].piece, chars[i].from)) {
			after[i] = i
		}
	}
	end := 0
	for start := 0; start < n; {
		end = max(end, start+1)
		for end < n && sum[end+1]-sum[start] <= b.limit {
			end++
		}
		stop := end
		if end < n && after[end] > start {
			stop = after[end]
		}
		for i := start; i < stop; {
			k := chars[i].piece
			j := i
			for j < stop && chars[j].piece == k {
				j++
			}
			b.append(piece{w[k].run, chars[i].from, chars[j-1].to})
			i = j
		}
		b.lineW = sum[stop] - sum[start]
		if stop < n {
			b.emit(false)
			b.lines[len(b.lines)-1].Cut = true
		}
		start = stop
	}
}

func (b *breaker) charRune(w []piece, k, from int) rune {
	r, _ := utf8.DecodeRuneInString(b.runs[w[k].run].Text[from:])
	return r
}

// cutAt reports whether a word wider than the line may be cut between
// prev and next: after a run of separators ("//" stays whole, and so does
// "https://": ':' is none), or before a run of '-', which keeps the '-'
// at the start of the next line, where no reader takes it for a
// hyphenation.
func cutAt(prev, next rune) bool {
	if next == '-' {
		return prev != '-'
	}
	return preferred(prev) && !preferred(next)
}

// preferred reports a separator a URL is cut after.
func preferred(r rune) bool {
	switch r {
	case '/', '.', '_', '?', '&', '=', '#':
		return true
	}
	return false
}

// emit ends the line being filled.
func (b *breaker) emit(hard bool) {
	line := Line{Hard: hard}
	for i := 0; i < len(b.line); {
		p := b.line[i]
		r := b.runs[p.run]
		j := i + 1
		for j < len(b.line) && sameLook(b.runs[b.line[j].run], r) {
			j++
		}
		if j == i+1 {
			r.Text = p.text(b.runs)
		} else if t, ok := b.contiguous(b.line[i:j]); ok {
			r.Text = t
		} else {
			var s strings.Builder
			for _, q := range b.line[i:j] {
				s.WriteString(q.text(b.runs))
			}
			r.Text = s.String()
		}
		line.Width += b.m(r.Text, r.Style, b.size)
		line.Runs = append(line.Runs, r)
		i = j
	}
	b.lines = append(b.lines, line)
	b.line = b.line[:0]
	b.lineW = 0
}

// contiguous gives the text of pieces that lie one after the other in one
// run's text (words and the single spaces between them, as most lines
// are) as a slice of it, with no copy.
func (b *breaker) contiguous(ps []piece) (string, bool) {
	first, last := ps[0], ps[len(ps)-1]
	if first.from < 0 {
		return "", false
	}
	end := first.from
	for _, q := range ps {
		if q.run != first.run || q.from != end {
			return "", false
		}
		end = q.to
	}
	return b.runs[first.run].Text[first.from:last.to], true
}

func sameLook(a, b Run) bool { return a.Style == b.Style && a.Link == b.Link && a.Lang == b.Lang }

func abs(x float64) float64 {
	if x < 0 {
		return -x
	}
	return x
}
