package lsp

import (
	"strings"
	"unicode/utf8"
)

// LSP counts a line's characters in UTF-16 code units; the server works
// in bytes of UTF-8 text.

// byteCol returns the byte of line that UTF-16 column u falls on (the end
// when past it; a column inside a surrogate pair is the character's
// start).
func byteCol(line string, u int) int {
	n := 0
	for i, r := range line {
		w := 1
		if r >= 0x10000 {
			w = 2
		}
		if n+w > u {
			return i
		}
		n += w
	}
	return len(line)
}

// utf16Col returns the UTF-16 column of byte b of line.
func utf16Col(line string, b int) int {
	if b > len(line) {
		b = len(line)
	}
	n := 0
	for _, r := range line[:b] {
		n++
		if r >= 0x10000 {
			n++
		}
	}
	return n
}

// runeCol returns the byte of line where its 1-based character c (as
// catalog's diagnostics count) starts.
func runeCol(line string, c int) int {
	i := 0
	for k := 1; k < c && i < len(line); k++ {
		_, w := utf8.DecodeRuneInString(line[i:])
		i += w
	}
	return i
}

// lineAt returns line n (0-based) of text, without its CR, and whether
// text has it.
func lineAt(text string, n int) (string, bool) {
	for ; n > 0; n-- {
		i := strings.IndexByte(text, '\n')
		if i < 0 {
			return "", false
		}
		text = text[i+1:]
	}
	l, _, _ := strings.Cut(text, "\n")
	return strings.TrimSuffix(l, "\r"), true
}

type position struct {
	Line      int `json:"line"`
	Character int `json:"character"`
}

type rangeLSP struct {
	Start position `json:"start"`
	End   position `json:"end"`
}
