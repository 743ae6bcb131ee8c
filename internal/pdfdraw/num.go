package pdfdraw

import (
	"io"
	"math"
	"strconv"
)

var pow10 = [...]float64{1, 10, 100, 1000, 10000, 100000}

// maxNum bounds the numbers written: PDF readers handle reals up to about
// ±3.4e38 but coordinates beyond a few kilometres mean a caller bug, and
// the bound keeps the integer arithmetic below from overflowing.
const maxNum = 1e9

// appendNum appends v rounded to prec (0–5) decimals, without trailing
// zeros or exponent; NaN is written as 0 and infinities as ±maxNum, so the
// output is always a valid PDF number.
func appendNum(b []byte, v float64, prec int) []byte {
	p := pow10[prec]
	n := int64(math.Round(bounded(v) * p))
	if n < 0 {
		b = append(b, '-')
		n = -n
	}
	ip, fp := n/int64(p), n%int64(p)
	b = strconv.AppendInt(b, ip, 10)
	if fp != 0 {
		b = append(b, '.')
		div := int64(p) / 10
		for fp != 0 {
			b = append(b, byte('0'+fp/div))
			fp %= div
			div /= 10
		}
	}
	return b
}

// hundredths returns v in hundredths, rounded and bounded as appendNum
// with two decimals would write it.
func hundredths(v float64) int64 {
	return int64(math.Round(bounded(v) * 100))
}

// bounded is v as a PDF number can hold it: NaN is 0, and a value beyond
// ±maxNum is ±maxNum.
func bounded(v float64) float64 {
	switch {
	case v != v:
		return 0
	case v > maxNum:
		return maxNum
	case v < -maxNum:
		return -maxNum
	}
	return v
}

// appendHundredths appends n/100 as appendNum does: no trailing zeros,
// no exponent.
func appendHundredths(b []byte, n int64) []byte {
	if n < 0 {
		b = append(b, '-')
		n = -n
	}
	b = strconv.AppendInt(b, n/100, 10)
	if fp := n % 100; fp != 0 {
		b = append(b, '.', byte('0'+fp/10))
		if fp%10 != 0 {
			b = append(b, byte('0'+fp%10))
		}
	}
	return b
}

// colorComponents are the 256 values of a colour component as PDF numbers
// (0 to 1, three decimals).
var colorComponents = func() (c [256]string) {
	for i := range c {
		c[i] = string(appendNum(nil, float64(i)/255, 3))
	}
	return c
}()

// appendColor appends "r g b" and op (" rg\n" or " RG\n").
func appendColor(b []byte, c Color, op string) []byte {
	b = append(b, colorComponents[c.R]...)
	b = append(b, ' ')
	b = append(b, colorComponents[c.G]...)
	b = append(b, ' ')
	b = append(b, colorComponents[c.B]...)
	return append(b, op...)
}

// arena holds the file written so far by a document without Options.Out
// (mostly its compressed page chunks), in large slabs: no allocation per
// chunk, no size-class rounding, and nothing for the garbage collector to
// scan.
type arena struct {
	slabs [][]byte
	size  int64
}

const slabSize = 1 << 20

// span is a stretch of the arena.
type span struct{ off, n int64 }

func (a *arena) Write(p []byte) (int, error) {
	n := len(p)
	for len(p) > 0 {
		if len(a.slabs) == 0 || len(a.slabs[len(a.slabs)-1]) == slabSize {
			a.slabs = append(a.slabs, make([]byte, 0, slabSize))
		}
		last := &a.slabs[len(a.slabs)-1]
		c := min(len(p), slabSize-len(*last))
		*last = append(*last, p[:c]...)
		p = p[c:]
		a.size += int64(c)
	}
	return n, nil
}

// writeTo writes span s to w.
func (a *arena) writeTo(w io.Writer, s span) error {
	for s.n > 0 {
		slab := a.slabs[s.off/slabSize]
		i := s.off % slabSize
		c := min(s.n, slabSize-i)
		if _, err := w.Write(slab[i : i+c]); err != nil {
			return err
		}
		s.off += c
		s.n -= c
	}
	return nil
}

// bytes returns span s as one slice (a copy when it crosses slabs).
func (a *arena) bytes(s span) []byte {
	if s.n <= 0 {
		return nil
	}
	slab := a.slabs[s.off/slabSize]
	i := s.off % slabSize
	if i+s.n <= slabSize {
		return slab[i : i+s.n]
	}
	out := make([]byte, 0, s.n)
	for s.n > 0 {
		slab := a.slabs[s.off/slabSize]
		i := s.off % slabSize
		c := min(s.n, slabSize-i)
		out = append(out, slab[i:i+c]...)
		s.off += c
		s.n -= c
	}
	return out
}

// appendNums appends vs as appendNum does, separated by spaces: a
// rectangle's or a box's numbers in a PDF array.
func appendNums(b []byte, vs []float64, prec int) []byte {
	for i, v := range vs {
		if i > 0 {
			b = append(b, ' ')
		}
		b = appendNum(b, v, prec)
	}
	return b
}
