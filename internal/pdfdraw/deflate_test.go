package pdfdraw

import (
	"bytes"
	"compress/zlib"
	"io"
	"strings"
	"testing"
)

// inflate decompresses a zlib stream with the standard library.
func inflate(t testing.TB, z []byte) []byte {
	t.Helper()
	r, err := zlib.NewReader(bytes.NewReader(z))
	if err != nil {
		t.Fatalf("zlib header: %v", err)
	}
	out, err := io.ReadAll(r)
	if err != nil {
		t.Fatalf("inflate: %v", err)
	}
	return out
}

// TestPageDeflater compresses chunks that exercise every kind of symbol
// and the rebuilding of the shared codes, and inflates each back.
func TestPageDeflater(t *testing.T) {
	var chunks [][]byte
	chunks = append(chunks, nil, []byte("q\n"), []byte("aaaa"))
	var all []byte
	for i := range 256 {
		all = append(all, byte(i))
	}
	chunks = append(chunks, all, bytes.Repeat(all, 200))       // literals; long distances
	chunks = append(chunks, bytes.Repeat([]byte("x"), 100000)) // 258-byte matches, longer than the window
	var long bytes.Buffer
	for i := range 5000 {
		long.WriteString(strings.Repeat("ab", i%300)) // every match length
		long.WriteByte(byte(i))
	}
	chunks = append(chunks, long.Bytes())
	for i := range 200 { // past 64 pages: rebuilt codes
		chunks = append(chunks, []byte(strings.Repeat("BT /F1 10 Tf 62.36 734.36 Td (text) Tj\n", i)))
	}
	var z pageDeflater
	total, packed := 0, 0
	for i, c := range chunks {
		out := z.deflate(nil, c)
		if got := inflate(t, out); !bytes.Equal(got, c) {
			t.Fatalf("chunk %d (%d bytes) inflates to %d different bytes", i, len(c), len(got))
		}
		total += len(c)
		packed += len(out)
	}
	if packed*4 > total {
		t.Errorf("%d bytes compressed to %d", total, packed)
	}
}

// FuzzPageDeflate: any sequence of chunks inflates back to itself, the
// codes shared between them.
func FuzzPageDeflate(f *testing.F) {
	f.Add([]byte("q\nBT /F1 10 Tf 62.36 734.36 Td (\x00\x01\xc0\x10) Tj\nET\nQ\n"), uint8(3))
	f.Add(bytes.Repeat([]byte{0}, 70000), uint8(1))
	f.Add([]byte("abcabcabcabcabcabcabcabcabcabcabcabcabcabcabcabcabcabcabcabcabcabc"), uint8(200))
	f.Fuzz(func(t *testing.T, data []byte, pieces uint8) {
		var z pageDeflater
		n := int(pieces)%70 + 1
		for i := range n {
			c := data[len(data)*i/n : len(data)*(i+1)/n]
			if got := inflate(t, z.deflate(nil, c)); !bytes.Equal(got, c) {
				t.Fatalf("chunk %d of %d (%d bytes) does not inflate to itself", i, n, len(c))
			}
		}
	})
}
