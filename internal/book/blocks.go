package book

import (
	"slices"
	"strconv"

	"catalog/internal/layout"
	"catalog/internal/pdfdraw"
)

// headingSize is the size of a body heading: the body's highest level is
// drawn as a section heading of the practice (level 2), and the rest
// under it.
func headingSize(level int) float64 {
	switch {
	case level <= 2:
		return 13
	case level == 3:
		return 11.5
	}
	return 10.5
}

// blocks draws a body's blocks in a column from x, width wide. top is the
// level the body's highest heading is drawn at.
func (b *book) blocks(blocks []layout.Block, x, width float64, topLevel int) {
	shift := 0
	highest := 7
	for _, bl := range blocks {
		if h, ok := bl.(layout.Heading); ok && h.Level < highest {
			highest = h.Level
		}
	}
	if highest < 7 {
		shift = topLevel - highest
	}
	b.flow(blocks, x, width, shift)
}

func (b *book) flow(blocks []layout.Block, x, width float64, shift int) {
	lh := lineHeight(bodySize)
	for i, bl := range blocks {
		switch bl := bl.(type) {
		case layout.Heading:
			size := headingSize(bl.Level + shift)
			// Keep a heading with the first lines that follow it.
			b.need(lineHeight(size) + 3 + 3*lh)
			if i > 0 {
				b.y += 2.5
			}
			b.tag(headingRole(bl.Level+shift+b.headingBase), func() { b.text(bl.Runs, x, width, size, layout.Bold, brand) })
			b.y += 1.5
		case layout.Paragraph:
			b.text(bl.Runs, x, width, bodySize, 0, ink)
			b.y += 2
		case layout.List:
			b.list(bl, x, width, shift)
		case layout.Quote:
			b.d.Begin(pdfdraw.Tag{Role: "BlockQuote"})
			in := indent(5, width)
			if in == 0 {
				b.flow(bl.Blocks, x, width, shift)
				b.d.End()
				break
			}
			// The bar is drawn on each page as the quote leaves it (see
			// newPage) and on the last when it ends.
			b.quotes = append(b.quotes, openQuote{x + 1.2, b.y})
			b.flow(bl.Blocks, x+in, width-in, shift)
			q := b.quotes[len(b.quotes)-1]
			b.quotes = b.quotes[:len(b.quotes)-1]
			b.d.Line(q.x, q.y0, q.x, max(q.y0, b.y-2), 0.8, rule)
			b.d.End()
		case layout.Code:
			b.code(bl, x, width)
		case layout.Table:
			b.table(bl, x, width)
		case layout.Image:
			b.image(bl, x, width)
		case layout.Rule:
			b.need(5)
			b.y += 2
			b.d.Line(x, b.y, x+width, b.y, 0.3, rule)
			b.y += 3
		case layout.Footnotes:
			b.y += 2
			b.need(4)
			b.d.Line(x, b.y, x+40, b.y, 0.3, rule)
			b.y += 2
			for _, fn := range bl.Items {
				key := "#fn:" + strconv.Itoa(fn.N)
				b.need(lineHeight(smallSize))
				if a, ok := b.footnotes[key]; ok {
					b.d.PlaceAnchor(a, b.d.Page(), b.y)
				}
				b.tag("Note", func() {
					b.tag("Lbl", func() {
						b.d.Text(x, b.y+lineHeight(smallSize)*0.74, strconv.Itoa(fn.N)+".", pdfdraw.Regular, smallSize, muted)
					})
					b.small(fn.Blocks, x+6, width-6)
				})
			}
		}
	}
}

// small draws footnote blocks in the small size: their paragraphs, and
// anything else as it would be drawn in the body.
func (b *book) small(blocks []layout.Block, x, width float64) {
	for _, bl := range blocks {
		if p, ok := bl.(layout.Paragraph); ok {
			b.text(p.Runs, x, width, smallSize, 0, ink)
			b.y += 1
			continue
		}
		b.flow([]layout.Block{bl}, x, width, 0)
	}
}

// minWidth is the narrowest a column gets: nesting deeper than that
// (quotes in quotes, lists in lists) indents no further.
const minWidth = 60.0

// indent is how far a nested block goes in from a column width wide: by,
// or less when the column would get narrower than minWidth.
func indent(by, width float64) float64 { return max(0, min(by, width-minWidth)) }

func (b *book) list(l layout.List, x, width float64, shift int) {
	by := 6.0
	if l.Ordered && len(l.Items) > 0 {
		// Room for the widest number and its gap: "100." is wider than
		// the 6 mm that fit "9.", and its item's text ran over it.
		for _, n := range []int{l.Start, l.Start + len(l.Items) - 1} {
			by = max(by, b.d.Measure(strconv.Itoa(n)+".", pdfdraw.Regular, bodySize)+1.5)
		}
	}
	in := indent(by, width)
	lh := lineHeight(bodySize)
	b.d.Begin(pdfdraw.Tag{Role: "L"})
	defer b.d.End()
	for i, item := range l.Items {
		marker := "•"
		if l.Ordered {
			marker = strconv.Itoa(l.Start+i) + "."
		}
		// The marker goes to the next page with its item's first lines.
		b.need(max(lh, b.lead(item, width-in, shift)))
		mw := b.d.Measure(marker, pdfdraw.Regular, bodySize)
		b.d.Begin(pdfdraw.Tag{Role: "LI"})
		b.tag("Lbl", func() { b.d.Text(max(marginL, x+in-1.5-mw), b.y+lh*0.74, marker, pdfdraw.Regular, bodySize, ink) })
		b.d.Begin(pdfdraw.Tag{Role: "LBody"})
		if len(item) == 0 {
			b.y += lh
		} else {
			y := b.y
			b.flow(item, x+in, width-in, shift)
			if l.Tight && b.y > y {
				b.y -= 2 // a tight list's paragraphs keep no space between them
			}
		}
		b.d.End()
		b.d.End()
	}
	b.y += 2
}

func (b *book) code(c layout.Code, x, width float64) {
	const size, pad = codeSize, 2.0
	lh := lineHeight(size)
	// A code block is all code: at codeSize, not scaled down as code
	// within text is (monoScale), so measured and drawn here.
	measure := func(text string, st layout.Style, size float64) float64 {
		return b.d.Measure(text, fontOf(st), size)
	}
	b.y += 1
	b.d.Begin(pdfdraw.Tag{Role: "Code"})
	defer b.d.End()
	for _, src := range c.Lines {
		lines := layout.BreakCode(src, width-2*pad, size, measure)
		if len(lines) == 0 {
			lines = []layout.Line{{}}
		}
		for _, ln := range lines {
			b.need(lh)
			b.d.Rect(x, b.y, width, lh, &tint, nil, 0)
			lx := x + pad
			for _, r := range ln.Runs {
				b.d.Text(lx, b.y+lh*0.74, r.Text, fontOf(r.Style), size, ink)
				lx += measure(r.Text, r.Style, size)
			}
			b.y += lh
		}
	}
	b.y += 3
}

// table draws a GFM table: columns sized to their content, cells
// wrapped, the header repeated at the top of each new page.
func (b *book) table(t layout.Table, x, width float64) {
	const size, pad = tableSize, tablePad
	lh := lineHeight(size)
	cols := layout.Columns(&t, width, size, pad, b.measure)
	// draw draws lines [from, to) of a row's cells from b.y, each into
	// its element tags[i] (none for a header repeated on a new page: an
	// artifact).
	draw := func(cells [][]layout.Line, tags []int, from, to int, header bool) {
		h := float64(to-from)*lh + 2*pad
		if header {
			b.d.Rect(x, b.y, width, h, &tint, nil, 0)
		}
		cx := x
		for i, lines := range cells {
			cell := func() {
				for j := from; j < min(to, len(lines)); j++ {
					ln := lines[j]
					lx := cx + pad
					if i < len(t.Align) {
						switch t.Align[i] {
						case layout.AlignRight:
							lx = cx + cols[i] - pad - ln.Width
						case layout.AlignCenter:
							lx = cx + (cols[i]-ln.Width)/2
						}
					}
					b.line(ln, lx, b.y+pad+float64(j-from)*lh, size, ink)
				}
			}
			if tags == nil {
				b.d.Artifact(cell)
			} else {
				b.d.Within(tags[i], func() { b.carryLinks(cell) })
			}
			cx += cols[i]
		}
		b.y += h
		lw := 0.2
		if header {
			lw = 0.4
		}
		b.d.Line(x, b.y, x+width, b.y, lw, rule)
	}
	head, headN := b.wrapRow(cols, t.Header, layout.Bold)
	headH := float64(headN)*lh + 2*pad
	// The header is repeated at the top of each new page, unless it is
	// so tall that it would crowd out the rows.
	repeat := headH <= (bottom-top)/3
	onPage := func() {
		if repeat {
			b.box(headN, lh, pad, bottom-top, func(from, to int) { draw(head, nil, from, to, true) }, func() {})
		}
	}
	room := bottom - top
	if repeat {
		room -= headH
	}
	// row reserves a row's cells in a TR, draws it and writes them.
	row := func(cells [][]layout.Line, n int, role, scope string, room float64, onPage func()) {
		b.d.Begin(pdfdraw.Tag{Role: "TR"})
		tags := make([]int, len(cells))
		for i := range tags {
			tags[i] = b.d.Reserve(pdfdraw.Tag{Role: role, Scope: scope})
		}
		b.box(n, lh, pad, room, func(from, to int) { draw(cells, tags, from, to, role == "TH") }, onPage)
		for _, id := range tags {
			b.d.Release(id)
		}
		b.d.End()
	}
	b.need(min(headH+lh+2*pad, bottom-top))
	b.y += 1
	b.d.Begin(pdfdraw.Tag{Role: "Table"})
	row(head, headN, "TH", "Column", bottom-top, func() {})
	for _, r := range t.Rows {
		cells, n := b.wrapRow(cols, r, 0)
		row(cells, n, "TD", "", room, onPage)
	}
	b.d.End()
	b.y += 3
}

// Code text size.
const codeSize = 8.5

// Table text size and cell padding.
const tableSize, tablePad = 9.5, 1.5

// wrapRow breaks a table row's cells into lines in columns cols wide,
// in style base, and returns them and the most lines a cell has.
func (b *book) wrapRow(cols []float64, row [][]layout.Run, base layout.Style) ([][]layout.Line, int) {
	cells := make([][]layout.Line, len(cols))
	n := 1
	for i := range cols {
		var runs []layout.Run
		if i < len(row) {
			runs = row[i]
		}
		if base != 0 {
			runs = slices.Clone(runs)
			for j := range runs {
				runs[j].Style |= base
			}
		}
		cells[i] = layout.Break(runs, cols[i]-2*tablePad, tableSize, b.measure)
		n = max(n, len(cells[i]))
	}
	return cells, n
}

// box draws a box of n lines, lh high each, with pad above and below,
// from b.y: all of it on the next page when it does not fit on this one
// but fits in room (what a new page has after onPage), else split between
// lines, a part per page. part draws lines [from, to) from b.y and moves
// b.y below them; onPage draws what a new page repeats (a table's header).
func (b *book) box(n int, lh, pad, room float64, part func(from, to int), onPage func()) {
	const eps = 1e-9
	if h := float64(n)*lh + 2*pad; b.y+h > bottom+eps && h <= room+eps {
		b.newPage()
		onPage()
	}
	for from := 0; from < n; {
		k := int((bottom - b.y - 2*pad + eps) / lh)
		if k < 1 {
			b.newPage()
			onPage()
			k = max(1, int((bottom-b.y-2*pad+eps)/lh))
		}
		to := min(n, from+k)
		part(from, to)
		from = to
	}
}

// image draws a media image scaled to the column (at most 120 mm high);
// one that cannot be read is replaced by its description.
func (b *book) image(im layout.Image, x, width float64) {
	data, w, h := b.picture(im, width)
	if data == nil {
		if im.Alt != "" {
			b.text([]layout.Run{{Text: im.Alt, Style: layout.Italic}}, x, width, bodySize, 0, muted)
			b.y += 2
		}
		return
	}
	b.need(h + 2)
	failed := false
	b.d.Tag(pdfdraw.Tag{Role: "Figure", Alt: im.Alt}, func() {
		if err := b.d.Image(im.Dest, data, x, b.y, w, h); err != nil {
			failed = true // the figure is its description
			b.text([]layout.Run{{Text: im.Alt, Style: layout.Italic}}, x, width, bodySize, 0, muted)
		}
	})
	if !failed {
		b.y += h + 3
	}
}

// picture reads a media image and sizes it for a column width wide: its
// data and its width and height, or no data when it cannot be read.
func (b *book) picture(im layout.Image, width float64) (data []byte, w, h float64) {
	data, wPx, hPx := b.readImage(im.Dest)
	if data == nil {
		return nil, 0, 0
	}
	w = min(width, float64(wPx)*25.4/150) // 150 dpi: a screenshot is not blown up
	h = w * float64(hPx) / float64(wPx)
	if h > 120 {
		h, w = 120, 120*float64(wPx)/float64(hPx)
	}
	return data, w, h
}

// lead is the room the first of blocks needs on a page before it starts
// (what flow asks of need for it), so that what comes before (a list
// marker) can go to the next page with it.
func (b *book) lead(blocks []layout.Block, width float64, shift int) float64 {
	lh := lineHeight(bodySize)
	if len(blocks) == 0 {
		return lh
	}
	switch bl := blocks[0].(type) {
	case layout.Heading:
		return lineHeight(headingSize(bl.Level+shift)) + 3 + 3*lh
	case layout.List:
		if len(bl.Items) > 0 {
			return max(lh, b.lead(bl.Items[0], width-indent(6, width), shift))
		}
	case layout.Quote:
		return b.lead(bl.Blocks, width-indent(5, width), shift)
	case layout.Code:
		return 1 + lineHeight(codeSize)
	case layout.Table:
		cols := layout.Columns(&bl, width, tableSize, tablePad, b.measure)
		_, n := b.wrapRow(cols, bl.Header, layout.Bold)
		return 1 + min(float64(n+1)*lineHeight(tableSize)+4*tablePad, bottom-top)
	case layout.Image:
		if data, _, h := b.picture(bl, width); data != nil {
			return h + 2
		}
	case layout.Rule:
		return 5
	case layout.Footnotes:
		return 6
	}
	return lh
}
