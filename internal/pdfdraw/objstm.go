package pdfdraw

// Object streams: a tagged book has an object for every structure element
// and every link, about 60 bytes of dictionary each and a line of the
// cross-reference table, which tripled a book's size. Such small objects
// go, in a compact file, into object streams (deflated, a few hundred
// objects each), and the cross-references into a cross-reference stream
// (PDF 1.5). An untagged document is written as before.

import (
	"strconv"
)

// objsPerStream is how many objects an object stream holds: about 60 KB,
// deflated as one block (at 200, building each block's codes took a
// tenth of a book's time).
const objsPerStream = 1000

// beginCompact starts object num in the scratch buffer, to go into an
// object stream when o is compact (endCompact), else written as usual.
func (o *pdfOut) beginCompact(num int) {
	if !o.compact {
		o.begin(num)
		return
	}
	o.grow(num)
	o.cnum = num
	o.b = o.b[:0]
}

// endCompact finishes the object begun with beginCompact.
func (o *pdfOut) endCompact() {
	if !o.compact {
		o.end()
		return
	}
	o.stmHead = strconv.AppendInt(o.stmHead, int64(o.cnum), 10)
	o.stmHead = append(o.stmHead, ' ')
	o.stmHead = strconv.AppendInt(o.stmHead, int64(len(o.stmData)), 10)
	o.stmHead = append(o.stmHead, ' ')
	o.stmData = append(o.stmData, o.b...)
	o.stmData = append(o.stmData, '\n')
	o.stmObjs = append(o.stmObjs, int32(o.cnum))
	if len(o.stmObjs) >= objsPerStream {
		o.flushObjStm()
	}
}

// grow makes room for object num in the tables.
func (o *pdfOut) grow(num int) {
	for len(o.offsets) <= num {
		o.offsets = append(o.offsets, 0)
		o.inStm = append(o.inStm, 0)
	}
}

// flushObjStm writes the pending objects as an object stream.
func (o *pdfOut) flushObjStm() {
	if len(o.stmObjs) == 0 {
		return
	}
	num := o.alloc(1)
	for i, n := range o.stmObjs {
		o.inStm[n] = int32(num)
		o.offsets[n] = int64(i) // the index in the stream
	}
	first := len(o.stmHead)
	data := append(o.stmHead, o.stmData...)
	z := o.zstm[:0]
	deflate(&z, data)
	o.zstm = z
	o.stream(num, "/Type /ObjStm /N "+strconv.Itoa(len(o.stmObjs))+" /First "+strconv.Itoa(first)+" /Filter /FlateDecode", z)
	o.stmHead, o.stmData, o.stmObjs = data[:0], o.stmData[:0], o.stmObjs[:0]
}

// writeXRefStream ends the file with a cross-reference stream: for each
// object its offset, or its object stream and index in it.
func (o *pdfOut) writeXRefStream(id string) {
	o.flushObjStm()
	num := o.alloc(1)
	o.grow(num)
	o.offsets[num] = o.pos
	size := o.next
	o.grow(size - 1)
	const w1, w2, w3 = 1, 5, 2
	rows := make([]byte, 0, size*(w1+w2+w3))
	for i := range size {
		typ, f2, f3 := byte(1), o.offsets[i], int64(0)
		switch {
		case i == 0:
			typ, f2, f3 = 0, 0, 65535
		case o.inStm[i] != 0:
			typ, f2, f3 = 2, int64(o.inStm[i]), o.offsets[i]
		}
		rows = append(rows, typ, byte(f2>>32), byte(f2>>24), byte(f2>>16), byte(f2>>8), byte(f2), byte(f3>>8), byte(f3))
	}
	var z bytesWriter
	deflate(&z, rows)
	o.stream(num, "/Type /XRef /Size "+strconv.Itoa(size)+" /W [1 5 2] /Root 1 0 R /Info 3 0 R /ID [<"+id+"> <"+id+">] /Filter /FlateDecode", z)
	o.Write([]byte("startxref\n" + strconv.FormatInt(o.offsets[num], 10) + "\n%%EOF\n"))
}
