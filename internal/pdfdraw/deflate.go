package pdfdraw

// A zlib (RFC 1950/1951) encoder for page content, the largest single
// cost of drawing a book. compress/flate at BestSpeed spent about 40% of
// its time on a page building that page's Huffman codes (counting,
// sorting, limiting code lengths), and as much again writing them and the
// tokens: content streams are short (a few kilobytes) and all alike, so
// here a document shares one set of codes among its chunks, built from
// the symbols of the chunks before and rebuilt now and then (after 1, 2,
// 4, … 64 chunks, then every 64). A chunk is then one dynamic block: the
// codes' header, the chunk's LZ77 tokens (a hash of four bytes, the latest
// position only, as BestSpeed does), the end of block. Each chunk is still
// a complete zlib stream; only the encoder changed, never what a reader
// inflates. Deflating took a third of the time it did, for content about
// 4% larger (1.3% of the file) than BestSpeed's.

import (
	"encoding/binary"
	"hash/adler32"
	"math/bits"
	"slices"
)

const (
	lzHashBits = 14
	lzMinMatch = 4
	lzMaxMatch = 258
	lzWindow   = 1 << 15
	numLitLen  = 286 // literals, end of block, 29 length codes
	numDist    = 30
	endOfBlock = 256
)

// lengthSym maps a match length (3–258) to its length code and extra
// bits; distSym does the same for a distance (1–32768).
var (
	lengthSym [lzMaxMatch + 1]struct {
		sym   uint16
		extra uint8
		base  uint16
	}
	distBase  = [numDist]uint32{1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193, 257, 385, 513, 769, 1025, 1537, 2049, 3073, 4097, 6145, 8193, 12289, 16385, 24577}
	distExtra = [numDist]uint8{0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12, 13, 13}
	// codeLenOrder is the order of the code length code's lengths.
	codeLenOrder = [19]int{16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15}
)

func init() {
	base := [29]uint16{3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51, 59, 67, 83, 99, 115, 131, 163, 195, 227, 258}
	extra := [29]uint8{0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0}
	for c := range 28 {
		for l := int(base[c]); l < int(base[c])+1<<extra[c] && l < lzMaxMatch; l++ {
			lengthSym[l].sym, lengthSym[l].extra, lengthSym[l].base = uint16(257+c), extra[c], base[c]
		}
	}
	lengthSym[258].sym, lengthSym[258].base = 285, 258
}

func distCode(d uint32) int {
	// The codes come in pairs per power of two above 4.
	if d <= 4 {
		return int(d - 1)
	}
	n := bits.Len32(d-1) - 1 // d-1 has n+1 bits
	return 2*n + int((d-1)>>(n-1)&1)
}

// huffCode is a Huffman code: bit lengths and codes bit-reversed for
// deflate's least-significant-bit-first packing.
type huffCode struct {
	lens  []uint8
	codes []uint16
}

// set builds code lengths of at most maxBits for freq (every
// symbol with a nonzero frequency gets a code) and the canonical codes.
// Frequencies are flattened until the tree is shallow enough.
func (h *huffCode) set(freq []uint32, maxBits int, tree *huffTree) {
	n := len(freq)
	h.lens = slices.Grow(h.lens[:0], n)[:n]
	h.codes = slices.Grow(h.codes[:0], n)[:n]
	f := slices.Clone(freq)
	for !tree.lengths(f, h.lens, maxBits) {
		for i := range f {
			if f[i] > 0 {
				f[i] = f[i]/4 + 1
			}
		}
	}
	var count [16]uint16
	for _, l := range h.lens {
		count[l]++
	}
	count[0] = 0
	var next [16]uint16
	code := uint16(0)
	for b := 1; b < 16; b++ {
		code = (code + count[b-1]) << 1
		next[b] = code
	}
	for s, l := range h.lens {
		if l > 0 {
			h.codes[s] = bits.Reverse16(next[l]) >> (16 - l)
			next[l]++
		}
	}
}

// huffTree is the scratch space of Huffman trees.
type huffTree struct {
	leaves, nodes []huffNode
	depth         []uint8
}

type huffNode struct {
	w           uint64
	left, right int // children in nodes, -1 for a leaf
	sym         int
}

// lengths sets lens to Huffman code lengths for freq and reports
// whether none exceeds maxBits. The tree is built with two queues over
// the symbols sorted by frequency, then by symbol, so that the result is
// the same on every run.
func (t *huffTree) lengths(freq []uint32, lens []uint8, maxBits int) bool {
	leaves := t.leaves[:0]
	for s, f := range freq {
		lens[s] = 0
		if f > 0 {
			leaves = append(leaves, huffNode{w: uint64(f), left: -1, right: -1, sym: s})
		}
	}
	t.leaves = leaves
	switch len(leaves) {
	case 0:
		return true
	case 1:
		lens[leaves[0].sym] = 1
		return true
	}
	slices.SortFunc(leaves, func(a, b huffNode) int {
		if a.w != b.w {
			if a.w < b.w {
				return -1
			}
			return 1
		}
		return a.sym - b.sym
	})
	nodes := append(t.nodes[:0], leaves...)
	li, qi := 0, len(leaves) // next leaf; next internal node
	pick := func() int {
		if li < len(leaves) && (qi >= len(nodes) || nodes[li].w <= nodes[qi].w) {
			li++
			return li - 1
		}
		qi++
		return qi - 1
	}
	for range len(leaves) - 1 {
		a := pick()
		b := pick()
		nodes = append(nodes, huffNode{w: nodes[a].w + nodes[b].w, left: a, right: b})
	}
	t.nodes = nodes
	// Depths from the root (the last node) down; children come before
	// their parents in nodes.
	depth := slices.Grow(t.depth[:0], len(nodes))[:len(nodes)]
	t.depth = depth
	depth[len(nodes)-1] = 0
	ok := true
	for i := len(nodes) - 1; i >= 0; i-- {
		nd := nodes[i]
		if nd.left >= 0 {
			depth[nd.left], depth[nd.right] = depth[i]+1, depth[i]+1
			continue
		}
		if int(depth[i]) > maxBits {
			ok = false
		}
		lens[nd.sym] = depth[i]
	}
	return ok
}

// bitWriter packs bits least significant first.
type bitWriter struct {
	out []byte
	acc uint64
	n   uint
}

func (w *bitWriter) write(v uint32, n uint8) {
	w.acc |= uint64(v) << w.n
	w.n += uint(n)
	if w.n >= 32 {
		w.out = binary.LittleEndian.AppendUint32(w.out, uint32(w.acc))
		w.acc >>= 32
		w.n -= 32
	}
}

func (w *bitWriter) flush() {
	for w.n > 0 {
		w.out = append(w.out, byte(w.acc))
		w.acc >>= 8
		w.n -= min(w.n, 8)
	}
	w.acc = 0
}

// token is a literal byte, or a match: 1<<31 | length<<15 | distance-1.
type token uint32

const matchFlag = 1 << 31

// pageDeflater compresses a document's content chunks. The zero value is
// ready to use.
type pageDeflater struct {
	table  [1 << lzHashBits]int32 // position + base of the latest 4 bytes with a hash
	base   int32                  // added to positions so that the table need not be cleared
	tokens []token

	litFreq  [numLitLen]uint32 // symbols seen since the start
	distFreq [numDist]uint32
	chunks   int // chunks compressed
	seen     int // symbols counted in litFreq

	lit, dist, codeLen huffCode
	tree               huffTree
	header             []uint16 // code length symbols: symbol | repeat<<8
	hlit, hdist, hclen int
	w                  bitWriter
}

// deflate appends the zlib stream of src to dst.
func (z *pageDeflater) deflate(dst, src []byte) []byte {
	z.tokenize(src)
	for _, t := range z.tokens {
		if t&matchFlag == 0 {
			z.litFreq[t]++
			continue
		}
		z.litFreq[lengthSym[t>>15&0x1FF].sym]++
		z.distFreq[distCode(uint32(t&0x7FFF)+1)]++
	}
	z.litFreq[endOfBlock]++
	z.chunks++
	z.seen += len(z.tokens) + 1
	if z.seen > 1<<28 { // far from overflowing
		z.seen /= 2
		for i := range z.litFreq {
			z.litFreq[i] /= 2
		}
		for i := range z.distFreq {
			z.distFreq[i] /= 2
		}
	}
	if c := z.chunks; c&(c-1) == 0 && c <= 64 || c%64 == 0 {
		z.buildCodes()
	}

	z.w = bitWriter{out: append(dst, 0x78, 0x01)} // deflate, 32K window, fastest
	w := &z.w
	w.write(1|2<<1, 3) // the final block, dynamic codes
	w.write(uint32(z.hlit-257), 5)
	w.write(uint32(z.hdist-1), 5)
	w.write(uint32(z.hclen-4), 4)
	for _, s := range codeLenOrder[:z.hclen] {
		w.write(uint32(z.codeLen.lens[s]), 3)
	}
	for _, h := range z.header {
		s := h & 0xFF
		w.write(uint32(z.codeLen.codes[s]), z.codeLen.lens[s])
		if s == 16 {
			w.write(uint32(h>>8-3), 2)
		}
	}
	lit, dist := &z.lit, &z.dist
	for _, t := range z.tokens {
		if t&matchFlag == 0 {
			w.write(uint32(lit.codes[t]), lit.lens[t])
			continue
		}
		ls := &lengthSym[t>>15&0x1FF]
		w.write(uint32(lit.codes[ls.sym]), lit.lens[ls.sym])
		if ls.extra > 0 {
			w.write(uint32(t>>15&0x1FF)-uint32(ls.base), ls.extra)
		}
		d := uint32(t&0x7FFF) + 1
		dc := distCode(d)
		w.write(uint32(dist.codes[dc]), dist.lens[dc])
		if distExtra[dc] > 0 {
			w.write(d-distBase[dc], distExtra[dc])
		}
	}
	w.write(uint32(lit.codes[endOfBlock]), lit.lens[endOfBlock])
	w.flush()
	out := binary.BigEndian.AppendUint32(w.out, adler32.Checksum(src))
	z.w.out = nil
	return out
}

// buildCodes makes the codes from the symbols seen so far, every symbol
// counted at least once so that any later page can be coded, and the
// header that describes them.
func (z *pageDeflater) buildCodes() {
	var lf [numLitLen]uint32
	var df [numDist]uint32
	for i, f := range z.litFreq {
		lf[i] = f + 1
	}
	for i, f := range z.distFreq {
		df[i] = f + 1
	}
	z.lit.set(lf[:], 15, &z.tree)
	z.dist.set(df[:], 15, &z.tree)
	z.hlit, z.hdist = numLitLen, numDist

	// The lengths, run-length coded: a length repeated 3–6 times after
	// itself is symbol 16. No length is 0.
	all := append(slices.Clone(z.lit.lens), z.dist.lens...)
	z.header = z.header[:0]
	var clFreq [19]uint32
	for i := 0; i < len(all); {
		l := all[i]
		z.header = append(z.header, uint16(l))
		clFreq[l]++
		i++
		for i < len(all) && all[i] == l {
			run := 0
			for i+run < len(all) && all[i+run] == l && run < 6 {
				run++
			}
			if run < 3 {
				for range run {
					z.header = append(z.header, uint16(l))
					clFreq[l]++
				}
			} else {
				z.header = append(z.header, 16|uint16(run)<<8)
				clFreq[16]++
			}
			i += run
		}
	}
	z.codeLen.set(clFreq[:], 7, &z.tree)
	z.hclen = 19
	for z.hclen > 4 && z.codeLen.lens[codeLenOrder[z.hclen-1]] == 0 {
		z.hclen--
	}
}

// tokenize splits src into literals and matches (greedy, the latest
// earlier position of the same four bytes, within the window).
func (z *pageDeflater) tokenize(src []byte) {
	z.tokens = z.tokens[:0]
	if z.base > 1<<30 || len(src) > 1<<29 {
		z.table = [1 << lzHashBits]int32{}
		z.base = 0
	}
	base := z.base + 1 // an entry below base is from an earlier chunk
	z.base += int32(len(src)) + 1
	hash := func(i int) uint32 {
		return (binary.LittleEndian.Uint32(src[i:]) * 0x1E35A7BD) >> (32 - lzHashBits)
	}
	i := 0
	for i+lzMinMatch <= len(src) {
		h := hash(i)
		cand := int(z.table[h] - base)
		z.table[h] = int32(i) + base
		if cand >= 0 && i-cand <= lzWindow &&
			binary.LittleEndian.Uint32(src[cand:]) == binary.LittleEndian.Uint32(src[i:]) {
			l := lzMinMatch
			for l < lzMaxMatch && i+l < len(src) && src[cand+l] == src[i+l] {
				l++
			}
			z.tokens = append(z.tokens, matchFlag|token(l)<<15|token(i-cand-1))
			// Remember the match's last positions too.
			for j := max(i+1, i+l-2); j < i+l && j+lzMinMatch <= len(src); j++ {
				z.table[hash(j)] = int32(j) + base
			}
			i += l
			continue
		}
		z.tokens = append(z.tokens, token(src[i]))
		i++
	}
	for ; i < len(src); i++ {
		z.tokens = append(z.tokens, token(src[i]))
	}
}
