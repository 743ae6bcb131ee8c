package diag

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Escape makes a path or a message that may come from the catalog (a
// file name, a value quoted from a practice) safe to print on a terminal
// and into a CI log, where a contributor controls every byte of it: no
// byte of it can end the line, start a workflow command (::error …) or
// reach the terminal as a control. Everything that prints such text goes
// through it; JSON output needs no more than encoding/json.
//
//   - newlines, carriage returns and tabs are shown as \n, \r, \t, and
//     the other C0 controls and DEL as \xNN (ESC is \x1b); a byte that is
//     not UTF-8 is shown as \xNN too;
//   - the C1 controls, the line and paragraph separators (U+2028, U+2029)
//     and the bidirectional controls (U+061C, U+200E, U+200F,
//     U+202A–U+202E, U+2066–U+2069, which can make a line read otherwise
//     than it is) are shown as \uNNNN;
//   - text that, past its leading spaces, would start with "::" gets "./"
//     in front: GitHub Actions reads a line that starts so as a command,
//     and for a path, which is what starts so in practice, "./::x" names
//     the same file and can still be copied into a command.
//
// Everything else, Spanish accents, ñ, CJK, no-break spaces, is kept as
// it is. A backslash is kept too: a Windows path stays readable, at the
// price that a file really named `a\n` reads as one with a newline.
func Escape(s string) string {
	i := 0
	for i < len(s) {
		c := s[i]
		if c >= 0x20 && c < 0x7f {
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if escaped(r, size) {
			break
		}
		i += size
	}
	if i == len(s) && !command(s) {
		return s // the usual case: nothing to do, nothing allocated
	}
	var b strings.Builder
	b.Grow(len(s) + 8)
	if command(s) {
		b.WriteString("./")
	}
	b.WriteString(s[:i])
	const hex = "0123456789abcdef"
	for i < len(s) {
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case !escaped(r, size):
			b.WriteString(s[i : i+size])
		case r == '\n':
			b.WriteString(`\n`)
		case r == '\r':
			b.WriteString(`\r`)
		case r == '\t':
			b.WriteString(`\t`)
		case r < 0x80 || r == utf8.RuneError: // C0, DEL, a byte that is not UTF-8
			b.WriteString(`\x`)
			b.WriteByte(hex[s[i]>>4])
			b.WriteByte(hex[s[i]&0xf])
		default:
			b.WriteString(`\u`)
			for shift := 12; shift >= 0; shift -= 4 {
				b.WriteByte(hex[r>>shift&0xf])
			}
		}
		i += size
	}
	return b.String()
}

// escaped reports whether Escape shows the rune r (size bytes long in its
// text) as an escape.
func escaped(r rune, size int) bool {
	switch {
	case r == utf8.RuneError && size == 1:
		return true
	case r < 0x20, r == 0x7f, r >= 0x80 && r < 0xa0:
		return true
	case r == 0x2028, r == 0x2029:
		return true
	case r == 0x061c, r == 0x200e, r == 0x200f, r >= 0x202a && r <= 0x202e, r >= 0x2066 && r <= 0x2069:
		return true
	}
	return false
}

// command reports whether s would start a line that GitHub Actions reads
// as a workflow command: "::" after any leading white space.
func command(s string) bool {
	return strings.HasPrefix(strings.TrimLeftFunc(s, unicode.IsSpace), "::")
}
