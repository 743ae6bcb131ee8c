package book

import (
	"strconv"
	"strings"

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
			b.text(bl.Runs, x, width, size, layout.Bold, brand)
			b.y += 1.5
		case layout.Paragraph:
			b.text(bl.Runs, x, width, bodySize, 0, ink)
			b.y += 2
		case layout.List:
			b.list(bl, x, width, shift)
		case layout.Quote:
			page, y0 := b.d.Page(), b.y
			b.flow(bl.Blocks, x+5, width-5, shift)
			if b.d.Page() != page {
				y0 = top
			}
			b.d.Line(x+1.2, y0, x+1.2, b.y-2, 0.8, rule)
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
				b.d.Text(x, b.y+lineHeight(smallSize)*0.74, strconv.Itoa(fn.N)+".", pdfdraw.Regular, smallSize, muted)
				b.small(fn.Blocks, x+6, width-6)
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

func (b *book) list(l layout.List, x, width float64, shift int) {
	const indent = 6.0
	lh := lineHeight(bodySize)
	for i, item := range l.Items {
		marker := "•"
		if l.Ordered {
			marker = strconv.Itoa(l.Start+i) + "."
		}
		b.need(lh)
		mw := b.d.Measure(marker, pdfdraw.Regular, bodySize)
		b.d.Text(x+indent-1.5-mw, b.y+lh*0.74, marker, pdfdraw.Regular, bodySize, ink)
		if len(item) == 0 {
			b.y += lh
			continue
		}
		y := b.y
		b.flow(item, x+indent, width-indent, shift)
		if l.Tight && b.y > y {
			b.y -= 2 // a tight list's paragraphs keep no space between them
		}
	}
	b.y += 2
}

func (b *book) code(c layout.Code, x, width float64) {
	const size, pad = 8.5, 2.0
	lh := lineHeight(size)
	b.y += 1
	for _, src := range c.Lines {
		lines := layout.Break([]layout.Run{{Text: src, Style: layout.Mono}}, width-2*pad, size, b.measure)
		if len(lines) == 0 {
			lines = []layout.Line{{}}
		}
		for _, ln := range lines {
			b.need(lh)
			b.d.Rect(x, b.y, width, lh, &tint, nil, 0)
			b.line(ln, x+pad, b.y, size, ink)
			b.y += lh
		}
	}
	b.y += 3
}

// table draws a GFM table: columns sized to their content, cells
// wrapped, the header repeated at the top of each new page.
func (b *book) table(t layout.Table, x, width float64) {
	const size, pad = 9.0, 1.5
	lh := lineHeight(size)
	cols := layout.Columns(&t, width, size, pad, b.measure)
	wrap := func(row [][]layout.Run, base layout.Style) ([][]layout.Line, float64) {
		cells := make([][]layout.Line, len(cols))
		n := 1
		for i := range cols {
			var runs []layout.Run
			if i < len(row) {
				runs = row[i]
			}
			if base != 0 {
				runs = append([]layout.Run(nil), runs...)
				for j := range runs {
					runs[j].Style |= base
				}
			}
			cells[i] = layout.Break(runs, cols[i]-2*pad, size, b.measure)
			n = max(n, len(cells[i]))
		}
		return cells, float64(n)*lh + 2*pad
	}
	draw := func(cells [][]layout.Line, h float64, header bool) {
		if header {
			b.d.Rect(x, b.y, width, h, &tint, nil, 0)
		}
		cx := x
		for i, lines := range cells {
			for j, ln := range lines {
				lx := cx + pad
				if i < len(t.Align) {
					switch t.Align[i] {
					case layout.AlignRight:
						lx = cx + cols[i] - pad - ln.Width
					case layout.AlignCenter:
						lx = cx + (cols[i]-ln.Width)/2
					}
				}
				b.line(ln, lx, b.y+pad+float64(j)*lh, size, ink)
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
	head, headH := wrap(t.Header, layout.Bold)
	b.need(headH + lh + 2*pad)
	b.y += 1
	draw(head, headH, true)
	for _, row := range t.Rows {
		cells, h := wrap(row, 0)
		if b.y+h > bottom {
			b.newPage()
			draw(head, headH, true)
		}
		draw(cells, h, false)
	}
	b.y += 3
}

// image draws a media image scaled to the column (at most 120 mm high);
// one that cannot be read is replaced by its description.
func (b *book) image(im layout.Image, x, width float64) {
	var data []byte
	var err error
	if b.media != nil && strings.HasPrefix(im.Dest, "media/") {
		data, err = b.media.ReadFile(strings.TrimPrefix(im.Dest, "media/"))
	}
	var wPx, hPx int
	if err == nil && data != nil {
		wPx, hPx, _, err = pdfdraw.ImageSize(data)
	}
	if data == nil || err != nil || wPx == 0 || hPx == 0 {
		if im.Alt != "" {
			b.text([]layout.Run{{Text: im.Alt, Style: layout.Italic}}, x, width, bodySize, 0, muted)
			b.y += 2
		}
		return
	}
	w := min(width, float64(wPx)*25.4/150) // 150 dpi: a screenshot is not blown up
	h := w * float64(hPx) / float64(wPx)
	if h > 120 {
		h, w = 120, 120*float64(wPx)/float64(hPx)
	}
	b.need(h + 2)
	if err := b.d.Image(im.Dest, data, x, b.y, w, h); err != nil {
		b.text([]layout.Run{{Text: im.Alt, Style: layout.Italic}}, x, width, bodySize, 0, muted)
		return
	}
	b.y += h + 3
}
