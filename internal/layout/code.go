package layout

import "unicode/utf8"

// BreakCode breaks a line of a code block into lines no wider than width,
// in the monospaced style. Unlike Break it keeps every character as
// written (Code.Lines has its tabs as spaces already): spaces at the start
// and runs of spaces, the code's own indentation and alignment. A line too
// wide is cut between characters; only a single character wider than the
// width makes a line wider than it. An empty line gives no lines.
func BreakCode(text string, width, size float64, m Measure) []Line {
	var out []Line
	for text != "" {
		n, w := 0, 0.0
		for n < len(text) {
			_, sz := utf8.DecodeRuneInString(text[n:])
			cw := m(text[n:n+sz], Mono, size)
			if n > 0 && w+cw > width+1e-9*max(1, abs(width)) {
				break
			}
			n, w = n+sz, w+cw
		}
		out = append(out, Line{Runs: []Run{{Text: text[:n], Style: Mono}}, Width: m(text[:n], Mono, size), Hard: n == len(text), Cut: n < len(text)})
		text = text[n:]
	}
	return out
}
