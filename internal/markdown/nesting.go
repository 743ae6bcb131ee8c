package markdown

import (
	"bytes"
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/yuin/goldmark/util"
)

// MaxNesting is how deep a body may nest lists and block quotes, link and
// image brackets, emphasis, or parentheses in a link destination. goldmark
// takes time in the square of the depth for some of these, so a body past
// the limit is never parsed: validate refuses it (load.RuleNesting, whose
// doc says why 64), and a renderer shows it as written.
const MaxNesting = 64

// Kind is what nests.
type Kind uint8

const (
	List     Kind = iota // lists (and footnotes), by markers and indentation
	Quote                // block quotes, by their '>' markers
	Bracket              // link and image brackets: '[' not yet closed
	Emphasis             // '*', '_' and '~' that may open emphasis, not yet closed
	Paren                // '(' not yet closed within a word: a link destination
	Kinds                // how many kinds there are
)

func (k Kind) String() string {
	switch k {
	case List:
		return "lists"
	case Quote:
		return "block quotes"
	case Bracket:
		return "link brackets"
	case Emphasis:
		return "emphasis"
	case Paren:
		return "parentheses"
	}
	return fmt.Sprintf("Kind(%d)", uint8(k))
}

// Deep says where a text first nests deeper than MaxNesting.
type Deep struct {
	Line  int // 1-based line of the text
	Depth int // the depth measured there: more than MaxNesting
	Kind  Kind
}

func (d Deep) Error() string {
	return fmt.Sprintf("line %d: %s nest %d deep (at most %d)", d.Line, d.Kind, d.Depth, MaxNesting)
}

// Nesting reports the first line of src where something nests deeper than
// MaxNesting, in one pass over the bytes and without parsing.
//
// The measures are upper bounds of what goldmark builds, never less
// (FuzzNesting holds them to goldmark's tree):
//
//   - Lists and block quotes, line by line: the '>' markers, list markers
//     and footnote labels that open the line, and half its columns of
//     indentation (a nested list item is indented two columns at least).
//     A container is opened on a line where all its parents are matched,
//     so its depth is counted on that line.
//   - Brackets: each '[' counts, and a ']' takes one off only where
//     goldmark surely sees it as a closer: not escaped, not in a link
//     destination (read as goldmark does: balanced parentheses up to white
//     space or a ')'), and not after a link title, a '`' or a '<' in the
//     same paragraph (a code span, raw HTML or an autolink may hold it)
//     but for a plain autolink, which is skipped whole.
//   - Emphasis: every run of '*', '_' or '~' that may open counts its
//     length; a run that can only close (goldmark's own flanking rules)
//     takes off openers that cannot close, which it always matches, under
//     the same conditions as ']'. A '~' is never taken off: goldmark's
//     strikethrough matches runs by rules of its own.
//   - Parentheses: within a run of characters without white space (a link
//     destination has none), each '(' counts and a ')' takes one off.
//     goldmark scans a destination to its end at each "](" inside it.
//
// Counts start again where a paragraph surely ends: at a blank line, an
// ATX heading, a bullet list item.
func Nesting(src []byte) (Deep, bool) {
	_, deep := measure(src, MaxNesting)
	return deep, deep.Line > 0
}

// measure returns the deepest nesting of each kind in src and, when limit
// is positive, stops at the first place that passes it.
func measure(src []byte, limit int) (deepest [Kinds]int, deep Deep) {
	var (
		line     = 0
		brackets int
		emDef    [3]int // openers that cannot close, by '*', '_', '~'
		emBoth   [3]int // openers that might close too
		parens   int
		frozen   bool // a ']' or closing run may be hidden from here on
		zone     bool // in a link destination and title, after "]("
		inner    int  // the destination's parentheses not yet closed
		spaced   bool // white space ended the destination
	)
	reset := func() {
		brackets, emDef, emBoth, frozen, zone = 0, [3]int{}, [3]int{}, false, false
	}
	note := func(k Kind, d int) bool {
		if d > deepest[k] {
			deepest[k] = d
		}
		if limit > 0 && d > limit {
			deep = Deep{Line: line, Depth: d, Kind: k}
			return true
		}
		return false
	}
	for start := 0; start < len(src); {
		line++
		end := bytes.IndexByte(src[start:], '\n')
		if end < 0 {
			end = len(src) - start
		}
		l := src[start : start+end]
		start += end + 1

		// The line's containers.
		quotes, markers, cols, p := 0, 0, 0, 0
		for p < len(l) {
			switch c := l[p]; {
			case c == ' ':
				cols++
				p++
				continue
			case c == '\t':
				cols += 4
				p++
				continue
			case c == '>':
				quotes++
				p = afterMarker(l, p+1)
				continue
			case c == '-' || c == '+' || c == '*':
				if p+1 == len(l) || l[p+1] == ' ' || l[p+1] == '\t' {
					markers++
					p = afterMarker(l, p+1)
					continue
				}
			case '0' <= c && c <= '9':
				q := p
				for q < len(l) && q-p < 9 && '0' <= l[q] && l[q] <= '9' {
					q++
				}
				if q < len(l) && (l[q] == '.' || l[q] == ')') && (q+1 == len(l) || l[q+1] == ' ' || l[q+1] == '\t') {
					markers++
					p = afterMarker(l, q+1)
					continue
				}
			case c == '[':
				if q := footnoteDef(l[p:]); q > 0 {
					markers++
					p = afterMarker(l, p+q)
					continue
				}
			}
			break
		}
		if p == len(l) && quotes == 0 && markers == 0 {
			reset() // a blank line
			parens = 0
			continue
		}
		if d := quotes + markers + cols/2; d > 0 {
			k := List
			if quotes > markers+cols/2 {
				k = Quote
			}
			if note(k, d) {
				return deepest, deep
			}
		}
		if interrupts(l) {
			reset()
		}

		// The line's inline content.
		content := p
		parens = 0
		for i := content; i < len(l); i++ {
			// Most bytes are letters: pass them eight at a time. White
			// space and quotes matter only in a word with a parenthesis
			// open, or in a destination.
			class := &inlineClass
			if parens > 0 || zone {
				class = &wordClass
			}
			for i+8 <= len(l) {
				b := l[i : i+8 : i+8]
				if class[b[0]]|class[b[1]]|class[b[2]]|class[b[3]]|class[b[4]]|class[b[5]]|class[b[6]]|class[b[7]] != 0 {
					break
				}
				i += 8
			}
			for i < len(l) && class[l[i]] == 0 {
				i++
			}
			if i == len(l) {
				break
			}
			c := l[i]
			switch c {
			case '\\':
				if i+1 < len(l) && util.IsPunct(l[i+1]) {
					i++
				}
			case ' ', '\t':
				parens = 0
				spaced = zone
			case '`':
				frozen = true
			case '<':
				if n := autolink(l[i:]); n > 0 && !zone {
					i += n - 1
				} else {
					frozen = true
				}
			case '[':
				brackets++
				if note(Bracket, brackets) {
					return deepest, deep
				}
			case ']':
				if !frozen && !zone && brackets > 0 {
					brackets--
				}
				if i+1 < len(l) && l[i+1] == '(' {
					zone, inner, spaced = true, 0, false
					i++
					parens++
					if note(Paren, parens) {
						return deepest, deep
					}
				}
			case '(':
				if zone && spaced {
					frozen = true // a title
				} else if zone {
					inner++
				}
				parens++
				if note(Paren, parens) {
					return deepest, deep
				}
			case ')':
				if parens > 0 {
					parens--
				}
				if zone && inner > 0 && !spaced {
					inner--
				} else {
					zone = false
				}
			case '"', '\'':
				if zone && spaced {
					frozen = true // a title
				}
			case '*', '_', '~':
				r := 1
				for i+r < len(l) && l[i+r] == c {
					r++
				}
				t := 0
				if c == '_' {
					t = 1
				} else if c == '~' {
					t = 2
				}
				canOpen, canClose, sure := flanking(l, content, i, r)
				switch {
				case sure && canClose && !canOpen:
					if !frozen && !zone && t != 2 {
						n := min(r, emDef[t])
						emDef[t] -= n
					}
				case canOpen:
					if sure && !canClose {
						emDef[t] += r
					} else {
						emBoth[t] += r
					}
					total := 0
					for k := range emDef {
						total += emDef[k] + emBoth[k]
					}
					if note(Emphasis, total) {
						return deepest, deep
					}
				}
				i += r - 1
			}
		}
		// A destination ends with its line, its title may go on.
		spaced = zone
	}
	return deepest, deep
}

// The bytes that the inline scan looks at: inlineClass outside a word
// with a parenthesis open and outside a link destination, wordClass
// inside.
var inlineClass, wordClass = func() (in, word [256]byte) {
	for _, c := range []byte("\\`<[]()*_~") {
		in[c], word[c] = 1, 1
	}
	for _, c := range []byte(" \t\"'") {
		word[c] = 1
	}
	return
}()

// flanking says whether the run of r delimiters at l[i:] can open and can
// close emphasis, as goldmark's parser.ScanDelimiter decides. sure is
// false where the answer depends on the character goldmark sees before a
// run that starts the line's content; canOpen then errs towards true.
func flanking(l []byte, content, i, r int) (canOpen, canClose, sure bool) {
	before := rune('\n')
	if i > content {
		before, _ = utf8.DecodeLastRune(l[content:i])
	}
	after := rune(' ')
	if i+r < len(l) {
		after, _ = utf8.DecodeRune(l[i+r:])
	}
	beforePunct, beforeSpace := util.IsPunctRune(before), util.IsSpaceRune(before)
	afterPunct, afterSpace := util.IsPunctRune(after), util.IsSpaceRune(after)
	if i == content {
		// goldmark sees white space or punctuation before: the prefix
		// ends with one, and so does the line before.
		if !afterSpace && !afterPunct {
			return true, false, true
		}
		return !afterSpace, false, false
	}
	left := !afterSpace && (!afterPunct || beforeSpace || beforePunct)
	right := !beforeSpace && (!beforePunct || afterSpace || afterPunct)
	if l[i] == '_' {
		return left && (!right || beforePunct), right && (!left || afterPunct), true
	}
	return left, right, true
}

// afterMarker skips the one space that belongs to a marker ending at p:
// the columns of indentation count the levels that the line does not
// mark.
func afterMarker(l []byte, p int) int {
	if p < len(l) && l[p] == ' ' {
		p++
	}
	return p
}

// interrupts reports a line that surely ends a paragraph: after block
// quote markers, each behind at most three spaces, an ATX heading or a
// bullet list item with text.
func interrupts(l []byte) bool {
	p := 0
	for {
		s := 0
		for p < len(l) && l[p] == ' ' {
			s++
			p++
		}
		if s > 3 || p == len(l) || l[p] == '\t' {
			return false
		}
		if l[p] != '>' {
			break
		}
		p++
		if p < len(l) && l[p] == ' ' {
			p++
		}
	}
	switch l[p] {
	case '#':
		h := 0
		for p < len(l) && l[p] == '#' {
			h++
			p++
		}
		return h <= 6 && (p == len(l) || l[p] == ' ' || l[p] == '\t')
	case '-', '+', '*':
		if p+1 == len(l) || l[p+1] != ' ' && l[p+1] != '\t' {
			return false
		}
		for _, c := range l[p+1:] {
			if c != ' ' && c != '\t' {
				return true
			}
		}
	}
	return false
}

// footnoteDef returns the length of a footnote definition's label at the
// start of s ("[^label]:"), or 0.
func footnoteDef(s []byte) int {
	if len(s) < 4 || s[0] != '[' || s[1] != '^' {
		return 0
	}
	for i := 2; i+1 < len(s); i++ {
		switch s[i] {
		case ']':
			if i > 2 && s[i+1] == ':' {
				return i + 2
			}
			return 0
		case ' ', '\t', '[':
			return 0
		}
	}
	return 0
}

// autolink returns the length of a URI autolink at the start of s
// ("<https://example.org/x>"), or 0: a scheme of letters, digits and
// "+.-", a colon, then printable ASCII but for space, '<' and '>'. Each
// such text is an autolink for goldmark too (CommonMark allows more).
func autolink(s []byte) int {
	if len(s) < 4 || s[0] != '<' || !isLetter(s[1]) {
		return 0
	}
	i := 2
	for i < len(s) && i <= 33 && (isLetter(s[i]) || '0' <= s[i] && s[i] <= '9' || s[i] == '+' || s[i] == '.' || s[i] == '-') {
		i++
	}
	if i < 3 || i == len(s) || s[i] != ':' {
		return 0
	}
	for i++; i < len(s); i++ {
		switch c := s[i]; {
		case c == '>':
			return i + 1
		case c <= ' ' || c >= 0x7f || c == '<':
			return 0
		}
	}
	return 0
}

func isLetter(c byte) bool { return 'a' <= c|0x20 && c|0x20 <= 'z' }

// Deepest returns a text of size bytes or so that nests kind k exactly
// MaxNesting deep, again and again, in one paragraph where k allows: the
// worst that Nesting accepts, for the benchmarks that show a render's
// time linear in the size of such a text.
func Deepest(k Kind, size int) []byte {
	unit := Nested(k, MaxNesting) + "\n"
	if k == Paren {
		unit += "\n" // a paragraph each: the brackets inside a destination count on
	}
	return []byte(strings.Repeat(unit, max(1, size/len(unit))))
}

// Nested is a line that nests kind k d deep.
func Nested(k Kind, d int) string {
	switch k {
	case List:
		return strings.Repeat("- ", d) + "x"
	case Quote:
		return strings.Repeat(">", d) + " x"
	case Bracket:
		return strings.Repeat("[", d) + "x" + strings.Repeat("](u)", d)
	case Emphasis:
		return strings.Repeat("*", d) + "x" + strings.Repeat("*", d)
	case Paren:
		return strings.Repeat("[a](", d) + "x"
	}
	return ""
}
