package pdfdraw

// fpdf compresses each page's content stream with a brand-new zlib writer,
// and compress/flate's compressor is about half a megabyte of tables that
// get allocated and zeroed every time: on a book of thousands of pages that
// costs more than the drawing itself. So the document is written by fpdf
// uncompressed and deflated here, with pooled writers and in parallel.
//
// This relies on the exact shape of fpdf's output, which the parser below
// checks rather than assumes:
//
//	%PDF-1.x\n
//	N 0 obj\n <value> \nendobj\n                        (any order of N)
//	N 0 obj\n<<dict>>\nstream\n <Length bytes> \nendstream\nendobj\n
//	xref\n0 n+1\n  n+1 entries of 20 bytes
//	trailer\n<<…>>\nstartxref\n<offset>\n%%EOF\n
//
// Objects are tokenised (strings, names, nested dictionaries), stream data
// is skipped by its /Length, never searched for "endstream", and every
// cross-reference entry must point at the object it names. Anything else is
// an error rather than a silently damaged file.

import (
	"bufio"
	"bytes"
	"compress/zlib"
	"errors"
	"fmt"
	"io"
	"runtime"
	"strconv"
	"sync"
	"sync/atomic"
)

// deflateLevel is zlib.BestSpeed, as fpdf used, so page streams come out
// byte for byte as fpdf compressed them. DefaultCompression was measured
// (BenchmarkOutput, 2 cores): 5–6 % smaller files (3,537,065 → 3,348,103
// bytes at 3,000 pages) for 1.7–1.9× the time of Output (331 → 619 ms).
const deflateLevel = zlib.BestSpeed

var zlibWriters = sync.Pool{New: func() any {
	zw, err := zlib.NewWriterLevel(nil, deflateLevel)
	if err != nil {
		panic(err) // only for an invalid level constant
	}
	return zw
}}

// pdfObj is one "N 0 obj … endobj\n" of fpdf's output; offsets are into
// the uncompressed file.
type pdfObj struct {
	num        int
	start, end int
	// For a stream: the dictionary's "<<", the digits of its /Length and
	// the data.
	stream             bool
	dictStart          int
	lenStart, lenEnd   int
	dataStart, dataEnd int
	// deflate marks a stream without /Filter, which is compressed.
	deflate bool
}

// pdfLayout is fpdf's uncompressed output, taken apart.
type pdfLayout struct {
	src       []byte
	headerEnd int
	objs      []pdfObj // in file order
	trailer   []byte   // "trailer\n<<…>>\nstartxref\n"
}

// deflateWriter compresses fpdf's output on its way to w. fpdf's Output
// is a bytes.Buffer's WriteTo, which hands over the whole file in a single
// Write; taking it there, rather than copying it into a buffer of our own,
// saves a copy of the largest thing in memory (the uncompressed book). If
// fpdf ever wrote in pieces, the first piece would fail to parse as a whole
// file and later ones are refused: an error, never a damaged file.
type deflateWriter struct {
	w     io.Writer
	calls int
}

func (dw *deflateWriter) Write(p []byte) (int, error) {
	dw.calls++
	if dw.calls > 1 {
		return 0, errors.New("the PDF writer wrote its output in more than one piece")
	}
	if err := compressStreams(dw.w, p); err != nil {
		return 0, err
	}
	return len(p), nil
}

// compressStreams writes src, fpdf's uncompressed output, to w with every
// stream that has no /Filter deflated (page contents, ToUnicode CMaps,
// image palettes) and the cross-reference table rebuilt. Streams that carry
// a filter (fonts, PNG and JPEG images) and XMP metadata are copied as
// they are. The bytes depend only on src. Nothing is written if src is not
// shaped as expected.
func compressStreams(w io.Writer, src []byte) error {
	l, err := parseLayout(src)
	if err != nil {
		return fmt.Errorf("the PDF writer's output is not as expected: %w", err)
	}
	var jobs []*pdfObj
	for i := range l.objs {
		if l.objs[i].deflate {
			jobs = append(jobs, &l.objs[i])
		}
	}
	packed := deflateParallel(src, jobs)
	return l.write(w, packed)
}

// deflateParallel compresses the data of each job on GOMAXPROCS workers;
// result i belongs to jobs[i] whichever worker made it.
func deflateParallel(src []byte, jobs []*pdfObj) [][]byte {
	out := make([][]byte, len(jobs))
	var next atomic.Int64
	var wg sync.WaitGroup
	for range min(runtime.GOMAXPROCS(0), len(jobs)) {
		wg.Go(func() {
			zw := zlibWriters.Get().(*zlib.Writer)
			defer zlibWriters.Put(zw)
			// Deflate into a scratch buffer and keep an exact copy: fresh
			// memory is what costs most here, and a buffer sized in
			// advance would have to guess the ratio.
			var scratch bytes.Buffer
			for {
				i := int(next.Add(1) - 1)
				if i >= len(jobs) {
					return
				}
				scratch.Reset()
				zw.Reset(&scratch)
				// Writing to a bytes.Buffer cannot fail.
				zw.Write(src[jobs[i].dataStart:jobs[i].dataEnd])
				zw.Close()
				out[i] = bytes.Clone(scratch.Bytes())
			}
		})
	}
	wg.Wait()
	return out
}

// write writes the document with the deflated streams in place (packed[i]
// for the i-th object marked deflate) and a new cross-reference table.
func (l *pdfLayout) write(w io.Writer, packed [][]byte) error {
	if buf, ok := w.(*bytes.Buffer); ok {
		// The size is known to a few bytes a stream: grow once instead of
		// doubling through a book's megabytes.
		size, job := len(l.src), 0
		for _, o := range l.objs {
			if o.deflate {
				size += len(packed[job]) - (o.dataEnd - o.dataStart) + 32
				job++
			}
		}
		buf.Grow(size)
	}
	bw := bufio.NewWriterSize(w, 256<<10)
	pos := 0
	put := func(b []byte) {
		n, _ := bw.Write(b) // bufio keeps the first error for Flush
		pos += n
	}
	src := l.src
	offsets := make([]int, len(l.objs)+1)
	put(src[:l.headerEnd])
	var num [20]byte
	job := 0
	for _, o := range l.objs {
		offsets[o.num] = pos
		if !o.deflate {
			put(src[o.start:o.end])
			continue
		}
		z := packed[job]
		job++
		put(src[o.start : o.dictStart+2])
		put([]byte("/Filter /FlateDecode "))
		put(src[o.dictStart+2 : o.lenStart])
		put(strconv.AppendInt(num[:0], int64(len(z)), 10))
		put(src[o.lenEnd:o.dataStart])
		put(z)
		put(src[o.dataEnd:o.end])
	}
	xref := pos
	put(fmt.Appendf(nil, "xref\n0 %d\n0000000000 65535 f \n", len(l.objs)+1))
	entry := []byte("0000000000 00000 n \n")
	for _, off := range offsets[1:] {
		for i := 9; i >= 0; i-- {
			entry[i] = byte('0' + off%10)
			off /= 10
		}
		put(entry)
	}
	put(l.trailer)
	put(fmt.Appendf(nil, "%d\n%%%%EOF\n", xref))
	return bw.Flush()
}

// parseLayout takes fpdf's uncompressed output apart; see the top of this
// file for the shape it accepts.
func parseLayout(src []byte) (*pdfLayout, error) {
	l := &pdfLayout{src: src}
	if len(src) < 9 || string(src[:7]) != "%PDF-1." || !isDigit(src[7]) || src[8] != '\n' {
		return nil, errors.New("no %PDF-1.x header line")
	}
	l.headerEnd = 9
	s := &scanner{b: src, pos: l.headerEnd}
	for s.pos < len(src) && isDigit(src[s.pos]) {
		start := s.pos
		o, err := s.object()
		if err != nil {
			return nil, fmt.Errorf("object at offset %d: %w", start, err)
		}
		l.objs = append(l.objs, o)
	}
	n := len(l.objs)
	byNum := make([]int, n+1) // object number → index+1 in objs
	for i, o := range l.objs {
		if o.num < 1 || o.num > n {
			return nil, fmt.Errorf("object %d is numbered beyond the %d objects of the file", o.num, n)
		}
		if byNum[o.num] != 0 {
			return nil, fmt.Errorf("object %d appears twice", o.num)
		}
		byNum[o.num] = i + 1
	}

	// The cross-reference table must be fpdf's classic one, pointing at
	// exactly the objects found.
	xref := s.pos
	head := fmt.Sprintf("xref\n0 %d\n0000000000 65535 f \n", n+1)
	if !bytes.HasPrefix(src[xref:], []byte(head)) {
		return nil, fmt.Errorf("at offset %d: want the cross-reference table of %d objects, found %q", xref, n, clip(src[xref:]))
	}
	p := xref + len(head)
	for j := 1; j <= n; j++ {
		e := src[p:min(p+20, len(src))]
		if len(e) < 20 || string(e[10:]) != " 00000 n \n" || !allDigits(e[:10]) {
			return nil, fmt.Errorf("cross-reference entry %d is malformed: %q", j, clip(e))
		}
		off, _ := strconv.Atoi(string(e[:10]))
		if want := l.objs[byNum[j]-1].start; off != want {
			return nil, fmt.Errorf("cross-reference entry %d points at offset %d, but object %d is at %d", j, off, j, want)
		}
		p += 20
	}
	if !bytes.HasPrefix(src[p:], []byte("trailer\n")) {
		return nil, fmt.Errorf("at offset %d: want the trailer, found %q", p, clip(src[p:]))
	}
	trailerStart := p
	s.pos = p + len("trailer\n")
	var info dictInfo
	v, err := s.value(0, &info)
	if err != nil {
		return nil, fmt.Errorf("trailer: %w", err)
	}
	if v.kind != tokDict {
		return nil, errors.New("trailer: not a dictionary")
	}
	if info.encrypt {
		// The streams are encrypted already and cannot be compressed.
		return nil, errors.New("the file is encrypted")
	}
	if size, ok := info.intValue(src, info.size); !ok || size != n+1 {
		return nil, fmt.Errorf("trailer: /Size is %q, want %d", src[info.size.start:info.size.end], n+1)
	}
	tail := src[s.pos:]
	if !bytes.HasPrefix(tail, []byte("\nstartxref\n")) {
		return nil, fmt.Errorf("after the trailer: want startxref, found %q", clip(tail))
	}
	l.trailer = src[trailerStart : s.pos+len("\nstartxref\n")]
	if want := fmt.Sprintf("\nstartxref\n%d\n%%%%EOF\n", xref); string(tail) != want {
		return nil, fmt.Errorf("the file does not end with %q but with %q", want, clip(tail))
	}
	return l, nil
}

// dictInfo collects the entries of a top-level dictionary that matter
// here: the span of each value.
type dictInfo struct {
	length, size, typ token
	filter, encrypt   bool
}

func (d *dictInfo) intValue(src []byte, t token) (int, bool) {
	if t.kind != tokWord || !allDigits(src[t.start:t.end]) || t.end-t.start > 12 {
		return 0, false
	}
	n, err := strconv.Atoi(string(src[t.start:t.end]))
	return n, err == nil
}

// object parses "N 0 obj\n … endobj\n" at s.pos.
func (s *scanner) object() (pdfObj, error) {
	b := s.b
	o := pdfObj{start: s.pos}
	p := s.pos
	for p < len(b) && isDigit(b[p]) {
		p++
	}
	if p-s.pos > 9 || !bytes.HasPrefix(b[p:], []byte(" 0 obj\n")) {
		return o, fmt.Errorf("want \"N 0 obj\", found %q", clip(b[s.pos:]))
	}
	o.num, _ = strconv.Atoi(string(b[s.pos:p]))
	s.pos = p + len(" 0 obj\n")
	var info dictInfo
	v, err := s.value(0, &info)
	if err != nil {
		return o, fmt.Errorf("object %d: %w", o.num, err)
	}
	kw, err := s.next()
	if err != nil {
		return o, fmt.Errorf("object %d: %w", o.num, err)
	}
	switch string(b[kw.start:kw.end]) {
	case "endobj":
		if kw.kind != tokWord || kw.end >= len(b) || b[kw.end] != '\n' {
			return o, fmt.Errorf("object %d: \"endobj\" is not followed by a newline", o.num)
		}
		s.pos = kw.end + 1
		o.end = s.pos
		return o, nil
	case "stream":
		if kw.kind != tokWord {
			break
		}
		if v.kind != tokDict {
			return o, fmt.Errorf("object %d: a stream without a dictionary", o.num)
		}
		if kw.end >= len(b) || b[kw.end] != '\n' {
			return o, fmt.Errorf("object %d: \"stream\" is not followed by a newline", o.num)
		}
		length, ok := info.intValue(b, info.length)
		if info.length.kind == tokEOF {
			return o, fmt.Errorf("object %d: a stream without /Length", o.num)
		}
		if !ok {
			return o, fmt.Errorf("object %d: stream /Length is %q, want a number", o.num, b[info.length.start:info.length.end])
		}
		o.stream = true
		o.dictStart = v.start
		o.lenStart, o.lenEnd = info.length.start, info.length.end
		o.dataStart = kw.end + 1
		o.dataEnd = o.dataStart + length
		const tail = "\nendstream\nendobj\n"
		if o.dataEnd > len(b) || !bytes.HasPrefix(b[o.dataEnd:], []byte(tail)) {
			return o, fmt.Errorf("object %d: the %d bytes of stream data are not followed by \"endstream\" and \"endobj\"", o.num, length)
		}
		o.end = o.dataEnd + len(tail)
		s.pos = o.end
		o.deflate = !info.filter && string(b[info.typ.start:info.typ.end]) != "/Metadata"
		return o, nil
	}
	return o, fmt.Errorf("object %d: want \"endobj\" or \"stream\", found %q", o.num, clip(b[kw.start:]))
}

// scanner tokenises PDF objects as fpdf writes them.
type scanner struct {
	b   []byte
	pos int
}

type tokKind int

const (
	tokEOF tokKind = iota
	tokDictOpen
	tokDictClose
	tokArrOpen
	tokArrClose
	tokName
	tokString // literal (…) or hexadecimal <…>
	tokWord   // a number or a keyword
	// Kinds of whole values, from scanner.value.
	tokDict
	tokArray
	tokRef
)

type token struct {
	kind       tokKind
	start, end int
}

// maxDepth bounds the nesting of arrays and dictionaries; fpdf's deepest
// is 3.
const maxDepth = 32

// value parses one object (dictionaries and arrays whole, "N G R" as one
// reference) and returns its span. If top is not nil and the object is a
// dictionary, its entries of interest are recorded there.
func (s *scanner) value(depth int, top *dictInfo) (token, error) {
	if depth > maxDepth {
		return token{}, errors.New("objects nested too deeply")
	}
	t, err := s.next()
	if err != nil {
		return t, err
	}
	switch t.kind {
	case tokName, tokString:
		return t, nil
	case tokWord:
		w := s.b[t.start:t.end]
		switch {
		case allDigits(w):
			// Perhaps "N G R".
			save := s.pos
			g, err1 := s.next()
			r, err2 := s.next()
			if err1 == nil && err2 == nil && g.kind == tokWord && allDigits(s.b[g.start:g.end]) && r.kind == tokWord && string(s.b[r.start:r.end]) == "R" {
				return token{tokRef, t.start, r.end}, nil
			}
			s.pos = save
			return t, nil
		case isNumber(w), string(w) == "true", string(w) == "false", string(w) == "null":
			return t, nil
		}
		return t, fmt.Errorf("unexpected keyword %q at offset %d", w, t.start)
	case tokArrOpen:
		for {
			save := s.pos
			c, err := s.next()
			if err != nil {
				return c, err
			}
			if c.kind == tokArrClose {
				return token{tokArray, t.start, c.end}, nil
			}
			s.pos = save
			if _, err := s.value(depth+1, nil); err != nil {
				return t, err
			}
		}
	case tokDictOpen:
		for {
			k, err := s.next()
			if err != nil {
				return k, err
			}
			if k.kind == tokDictClose {
				return token{tokDict, t.start, k.end}, nil
			}
			if k.kind != tokName {
				return k, fmt.Errorf("dictionary key %q at offset %d is not a name", clip(s.b[k.start:]), k.start)
			}
			v, err := s.value(depth+1, nil)
			if err != nil {
				return v, err
			}
			if top != nil {
				switch string(s.b[k.start:k.end]) {
				case "/Length":
					top.length = v
				case "/Size":
					top.size = v
				case "/Type":
					top.typ = v
				case "/Filter":
					top.filter = true
				case "/Encrypt":
					top.encrypt = true
				}
			}
		}
	case tokEOF:
		return t, errors.New("unexpected end of file")
	}
	return t, fmt.Errorf("unexpected %q at offset %d", clip(s.b[t.start:]), t.start)
}

// next returns the next token after white space.
func (s *scanner) next() (token, error) {
	b := s.b
	for s.pos < len(b) && isSpace(b[s.pos]) {
		s.pos++
	}
	start := s.pos
	if start == len(b) {
		return token{tokEOF, start, start}, nil
	}
	tok := func(k tokKind, end int) (token, error) {
		s.pos = end
		return token{k, start, end}, nil
	}
	switch c := b[start]; c {
	case '<':
		if start+1 < len(b) && b[start+1] == '<' {
			return tok(tokDictOpen, start+2)
		}
		for i := start + 1; i < len(b); i++ {
			switch {
			case b[i] == '>':
				return tok(tokString, i+1)
			case !isHex(b[i]) && !isSpace(b[i]):
				return token{}, fmt.Errorf("bad hexadecimal string at offset %d", start)
			}
		}
		return token{}, fmt.Errorf("unterminated hexadecimal string at offset %d", start)
	case '>':
		if start+1 < len(b) && b[start+1] == '>' {
			return tok(tokDictClose, start+2)
		}
	case '[':
		return tok(tokArrOpen, start+1)
	case ']':
		return tok(tokArrClose, start+1)
	case '(':
		depth := 0
		for i := start; i < len(b); i++ {
			switch b[i] {
			case '\\':
				i++
			case '(':
				depth++
			case ')':
				if depth--; depth == 0 {
					return tok(tokString, i+1)
				}
			}
		}
		return token{}, fmt.Errorf("unterminated string at offset %d", start)
	case '/':
		end := start + 1
		for end < len(b) && !isSpace(b[end]) && !isDelim(b[end]) {
			end++
		}
		return tok(tokName, end)
	default:
		if isDelim(c) { // ) { } %: fpdf writes no comments or functions
			break
		}
		end := start
		for end < len(b) && !isSpace(b[end]) && !isDelim(b[end]) {
			end++
		}
		return tok(tokWord, end)
	}
	return token{}, fmt.Errorf("unexpected %q at offset %d", clip(b[start:]), start)
}

func isSpace(c byte) bool {
	return c == ' ' || c == '\n' || c == '\r' || c == '\t' || c == '\f' || c == 0
}

func isDelim(c byte) bool {
	switch c {
	case '(', ')', '<', '>', '[', ']', '{', '}', '/', '%':
		return true
	}
	return false
}

func isDigit(c byte) bool { return c >= '0' && c <= '9' }

func isHex(c byte) bool {
	return isDigit(c) || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F'
}

func allDigits(b []byte) bool {
	for _, c := range b {
		if !isDigit(c) {
			return false
		}
	}
	return len(b) > 0
}

// isNumber reports whether b is a PDF integer or real: [+-]digits[.digits]
// or [+-].digits.
func isNumber(b []byte) bool {
	if len(b) > 0 && (b[0] == '+' || b[0] == '-') {
		b = b[1:]
	}
	digits, dot := 0, false
	for _, c := range b {
		switch {
		case isDigit(c):
			digits++
		case c == '.' && !dot:
			dot = true
		default:
			return false
		}
	}
	return digits > 0
}

// clip shortens b for an error message.
func clip(b []byte) []byte {
	if len(b) > 40 {
		return b[:40]
	}
	return b
}
