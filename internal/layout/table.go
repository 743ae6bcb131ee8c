package layout

import "math"

// Columns sizes a table's columns for a total width, pad being the space
// on either side of a cell's text. Each column first gets its longest word
// (all of them scaled down together when even that does not fit). When
// every column fits unwrapped, the rest is shared in proportion to each
// column's natural (unwrapped) width; otherwise it goes to the columns
// that must wrap, in proportion to what each lacks, so that no column gets
// more than it needs while another wraps. The widths add up to total.
// Header cells are measured bold, as a book draws them.
func Columns(t *Table, total, size, pad float64, m Measure) []float64 {
	n := len(t.Align)
	for _, row := range t.Rows {
		n = max(n, len(row))
	}
	n = max(n, len(t.Header))
	if n == 0 {
		return nil
	}
	least := make([]float64, n)   // the longest word
	natural := make([]float64, n) // the longest line, unwrapped
	cell := func(j int, runs []Run) {
		for _, l := range Break(runs, math.Inf(1), size, m) {
			natural[j] = max(natural[j], l.Width)
		}
		scan(runs, func(w []piece) {
			ww := 0.0
			for _, p := range w {
				ww += m(p.text(runs), runs[p.run].Style, size)
			}
			least[j] = max(least[j], ww)
		}, func(piece) {}, func() {})
	}
	for j, runs := range t.Header {
		bold := make([]Run, len(runs))
		for i, r := range runs {
			r.Style |= Bold
			bold[i] = r
		}
		cell(j, bold)
	}
	for _, row := range t.Rows {
		for j, runs := range row {
			cell(j, runs)
		}
	}
	empty := m("0", 0, size) // an empty column still shows as one
	var sumLeast, sumNatural float64
	for j := range least {
		if least[j] <= 0 {
			least[j] = max(empty, 0)
		}
		least[j] += 2 * pad
		natural[j] = max(natural[j]+2*pad, least[j])
		sumLeast += least[j]
		sumNatural += natural[j]
	}
	widths := make([]float64, n)
	switch {
	case total <= 0 || sumLeast <= 0:
		for j := range widths {
			widths[j] = total / float64(n)
		}
	case sumLeast >= total:
		for j := range widths {
			widths[j] = least[j] * total / sumLeast
		}
	case sumNatural <= total:
		for j := range widths {
			widths[j] = natural[j] + (total-sumNatural)*natural[j]/sumNatural
		}
	default:
		lack := sumNatural - sumLeast
		for j := range widths {
			widths[j] = least[j] + (total-sumLeast)*(natural[j]-least[j])/lack
		}
	}
	// Rounding must not push the table past its width.
	sum, widest := 0.0, 0
	for j, w := range widths {
		sum += w
		if w > widths[widest] {
			widest = j
		}
	}
	if sum > total {
		widths[widest] -= sum - total
	}
	return widths
}
