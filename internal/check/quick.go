package check

import (
	"bytes"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"catalog/internal/diag"
	"catalog/internal/gate"
	"catalog/internal/model"
)

// Most bodies are plain prose: headings, paragraphs, lists, tables, a few
// links to web pages and other practices, and nothing any body check
// reports. Parsing such a body with goldmark (parseBody) was a third of
// `catalog validate`. quiet proves from the raw text, without parsing it,
// that the checks that need the parsed body (missing sections, raw HTML,
// links, personal data and case numbers in the visible text) report
// nothing; body parses only the bodies it cannot vouch for, so either way
// the diagnostics are those of the full parse. Each test below follows
// from how CommonMark (and goldmark's extensions) build the tree; the
// comments say why it is enough, and FuzzQuiet checks the claim against
// the parse.
//
//   - No '<': no raw HTML (inline or block) and no autolink (the parser has
//     no linkify extension), so the links are the inline [text](dest) ones
//     and the reference ones.
//   - "]:" only right after a footnote label at the start of a line
//     ("[^1]: text", which always opens a footnote, as footnotes interrupt
//     paragraphs): no link reference definition, hence no reference link.
//     Every link and image is then `[...](dest)`: ']' directly followed by
//     '(' and the destination. When every "](" in the text is followed by a
//     destination of plain URL characters and ')', that destination is
//     exactly the link's, and quiet runs the link check on it (as a link,
//     and as an image too when the text has "![" anywhere); it must report
//     nothing. A "](" that is not a link (in a code span, escaped) is
//     checked all the same: a needless check, never a missed one.
//   - The visible text is made of stretches of the source. An e-mail
//     address needs an '@' (there is none), a phone number at least seven
//     digits in one run of digits, spaces and "+().-" (there is no such
//     run), a case number one of caseWords followed, within the 80 bytes
//     caseNumbers looks at, by what caseRE takes (tried at every such word
//     that has a digit in reach, even inside a longer word).
//   - Every required section is an ATX heading ("## Results") at the start
//     of a line, with no character that inline Markdown would read: such a
//     line is a heading whose text is the rest of the line, unless a fenced
//     code block or an HTML block holds it, and quiet refuses text with
//     "```", "~~~" or '<'.
//
// The scan of the text (scanBody) needs nothing but the text, so that
// validate can do it as each file is read and keep no body; quiet then
// adds what needs the catalog: the required sections and the link checks.
//
// What quiet vouches for is quietVouches; with the glyph check that the
// quick path makes itself, it must cover bodyRules, the rules of the full
// check, or quiet vouches for nothing.
func (ps *pass) quiet(t *model.Text, sc *bodyScan) bool {
	if !quietCovers || !sc.plain || !sc.sections && !sc.hasSections(normalHeadings(ps.cfg.Sections[t.Lang])) {
		return false
	}
	reported := false
	report := func(*diag.Rule, int, string, ...any) { reported = true }
	for _, dest := range sc.dests {
		ps.link(t, link{dest: dest}, report)
		if sc.images && !reported {
			ps.link(t, link{dest: dest, image: true}, report)
		}
		if reported {
			return false
		}
	}
	return true
}

// quietVouches are the rules that quiet proves silent: those the tests
// above rule out, and those of link and media, which it runs.
var quietVouches = []*diag.Rule{
	RuleSection, RuleRawHTML, RulePersonalData, RuleCaseNumber,
	RuleURL, RuleLink, RuleMedia, RuleBookImage, gate.RuleSymlink, gate.RuleSpecialFile,
}

// quickChecks are the rules of the full check that the quick path checks
// itself rather than vouch for: body runs bodyGlyphs on a body that
// quiet vouches for, unless the scan found it drawable.
var quickChecks = []*diag.Rule{RuleGlyph}

// quietCovers: quietVouches and quickChecks hold every rule of bodyRules.
var quietCovers = !slices.ContainsFunc(bodyRules, func(r *diag.Rule) bool {
	return !slices.Contains(quietVouches, r) && !slices.Contains(quickChecks, r)
})

// bodyScan is what quiet needs to know of a body's text.
type bodyScan struct {
	// plain: the text passed every test of quiet that needs only the text.
	plain bool
	// drawable: the book's fonts draw every character, so glyphs reports
	// nothing, whatever it saw before (known only when plain).
	drawable bool
	// headings are the texts of the sure headings, in the scanned text
	// (so valid only as long as it is).
	headings [][]byte
	sections bool // the required headings are there (known as the file was read)
	// dests are the link destinations, each once, but for web addresses,
	// which link passes whatever the catalog holds.
	dests  []string
	images bool // the text has "![": a destination may be an image's
}

// hasSections reports whether the sure headings include each of want (as
// normalHeading gives them).
func (sc *bodyScan) hasSections(want []string) bool {
	for _, w := range want {
		if !slices.ContainsFunc(sc.headings, func(h []byte) bool { return isHeading(h, w) }) {
			return false
		}
	}
	return true
}

func normalHeadings(list []string) []string {
	out := make([]string, len(list))
	for i, h := range list {
		out[i] = normalHeading(h)
	}
	return out
}

// isHeading reports normalHeading(string(h)) == want, without making the
// string: h is valid UTF-8, which strings.ToLower maps rune by rune.
func isHeading(h []byte, want string) bool {
	h = bytes.TrimRight(bytes.TrimSpace(h), ": ")
	for len(h) > 0 {
		r, n := utf8.DecodeRune(h)
		w, m := utf8.DecodeRuneInString(want)
		if m == 0 || unicode.ToLower(r) != w {
			return false
		}
		h, want = h[n:], want[m:]
	}
	return want == ""
}

// scanBody scans a body for quiet.
func scanBody(src []byte) *bodyScan {
	sc := &bodyScan{}
	// An empty body is left to the full path, which words the message.
	sc.plain = len(bytes.TrimSpace(src)) > 0 && sc.scan(src)
	return sc
}

// The bytes that scan looks at, by what it does with them.
const (
	skip      = iota
	digit     // a phone run may start here, a case number end here
	newline   // a line starts after it
	hash      // an ATX heading, at the start of a line
	bracket   // ']': a link's destination or a footnote's label follows
	refuse    // '<', '@'
	backtick  // "```" opens a fenced code block
	tilde     // and so does "~~~"
	bang      // "![" starts an image
	multibyte // a character outside ASCII, for drawable
)

var scanClass = func() (t [256]byte) {
	for c := '0'; c <= '9'; c++ {
		t[c] = digit
	}
	t['\n'], t['#'], t[']'] = newline, hash, bracket
	t['<'], t['@'], t['`'], t['~'], t['!'] = refuse, refuse, backtick, tilde, bang
	for c := utf8.RuneSelf; c < 256; c++ {
		t[c] = multibyte
	}
	return t
}()

// scan makes the tests of quiet that need only the text, in one pass, and
// finds whether the text is drawable on the way.
func (sc *bodyScan) scan(src []byte) bool {
	sc.drawable = true
	lineStart := 0
	caseFrom := 0 // where case words are still to be tried
	n := len(src)
	for i := 0; i < n; i++ {
		// Most bytes are letters and spaces: pass them eight at a time.
		for i+8 <= n {
			b := src[i : i+8 : i+8]
			if scanClass[b[0]]|scanClass[b[1]]|scanClass[b[2]]|scanClass[b[3]]|
				scanClass[b[4]]|scanClass[b[5]]|scanClass[b[6]]|scanClass[b[7]] != skip {
				break
			}
			i += 8
		}
		if i >= n {
			break
		}
		switch c := src[i]; scanClass[c] {
		case newline:
			lineStart = i + 1
		case hash:
			if i == lineStart {
				if h, ok := atxHeading(src[i:]); ok {
					sc.headings = append(sc.headings, h)
				}
			}
		case bracket:
			if i+1 < n && src[i+1] == ':' && !footnoteLabel(src[lineStart:i]) {
				return false
			}
			if i+1 < n && src[i+1] == '(' {
				dest, ok := destination(src[i+2:])
				if !ok {
					return false
				}
				if !webAddress(dest) && !slices.ContainsFunc(sc.dests, func(d string) bool { return d == string(dest) }) {
					sc.dests = append(sc.dests, string(dest))
				}
			}
		case refuse:
			return false
		case backtick, tilde:
			if i+2 < n && src[i+1] == c && src[i+2] == c {
				return false
			}
		case bang:
			if i+1 < n && src[i+1] == '[' {
				sc.images = true
			}
		case multibyte:
			// fm.Text let only valid UTF-8 through.
			r, size := utf8.DecodeRune(src[i:])
			if sc.drawable && !drawn(r) {
				prev, _ := utf8.DecodeLastRune(src[:i])
				sc.drawable = composes(prev, r)
			}
			i += size - 1
		case digit: // the first of its run of phone characters
			// A case number is a word of caseWords, then its number within
			// the 80 bytes caseNumbers looks at: the words to try are
			// those that start in the 80 bytes up to here, not tried at an
			// earlier digit, and only when the digits here can be the
			// number caseRE takes, four or more, or a compound one.
			if caseNumberStart(src[i:]) {
				for k := max(caseFrom, i-79); k < i; k++ {
					if caseStart(src[k], src[k+1]) && caseNumberAt(src[k:]) {
						return false
					}
				}
			}
			digits := 0
			j := i
			for ; j < n && phoneByte(src[j]); j++ {
				if src[j] >= '0' && src[j] <= '9' {
					digits++
				}
			}
			if digits >= 7 {
				return false
			}
			// The run is all ASCII, without a byte of another class, and
			// no word starts in it.
			if caseNumberStart(src[i:]) {
				caseFrom = j
			}
			i = j - 1
		}
	}
	return true
}

// atxHeading reads a line that starts with '#' as a heading whose text has
// no inline Markdown, and returns the text.
func atxHeading(line []byte) ([]byte, bool) {
	if i := bytes.IndexByte(line, '\n'); i >= 0 {
		line = line[:i]
	}
	level := 0
	for level < len(line) && line[level] == '#' {
		level++
	}
	if level > 6 || level == len(line) || line[level] != ' ' {
		return nil, false
	}
	text := line[level+1:]
	for _, c := range text {
		if c < ' ' || c == 0x7F || strings.IndexByte("\\`*_[]<>&!~#|^{}", c) >= 0 {
			return nil, false
		}
	}
	return text, true
}

// footnoteLabel reports whether a line, up to a "]:", is "[^label" with a
// label of letters, digits, '-' and '_'.
func footnoteLabel(s []byte) bool {
	if len(s) < 3 || s[0] != '[' || s[1] != '^' {
		return false
	}
	for _, c := range s[2:] {
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '_') {
			return false
		}
	}
	return true
}

// destination reads the link destination at the start of rest (what
// follows a "](") when it is plain URL characters up to a ')'.
func destination(rest []byte) ([]byte, bool) {
	end := 0
	for end < len(rest) && urlChar(rest[end]) {
		end++
	}
	if end == len(rest) || rest[end] != ')' {
		return nil, false
	}
	return rest[:end], true
}

// webAddress reports a destination that parseURL reads itself as http or
// https with a host: link reports nothing about it, whatever the catalog.
func webAddress(dest []byte) bool {
	rest, ok := bytes.CutPrefix(dest, []byte("https://"))
	if !ok {
		rest, ok = bytes.CutPrefix(dest, []byte("http://"))
	}
	if !ok {
		return false
	}
	host, path := rest, []byte(nil)
	if i := bytes.IndexByte(rest, '/'); i >= 0 {
		host, path = rest[:i], rest[i:]
	}
	return len(host) > 0 && only(host, &hostChar) && only(path, &pathChar)
}

// urlChar is a character that a link destination may hold on the quick
// path: printable ASCII without space, brackets, quotes or the characters
// of escapes and entities.
func urlChar(c byte) bool {
	return c > ' ' && c < 0x7F && strings.IndexByte(`()<>[]{}\"'`+"`|^&", c) < 0
}

// phoneByte is a character of phoneCandidates' runs.
func phoneByte(c byte) bool {
	return c >= '0' && c <= '9' || c == ' ' || c == '+' || c == '(' || c == ')' || c == '.' || c == '-'
}

// caseLead maps the first letter of each of caseWords, in either case, to
// its second letter, in lower case.
var caseLead = func() (t [256]byte) {
	for _, w := range caseWords {
		t[w[0]], t[w[0]-'a'+'A'] = w[1], w[1]
	}
	return t
}()

// caseStart reports the first two letters of one of caseWords.
func caseStart(a, b byte) bool {
	want := caseLead[a]
	return want != 0 && b|0x20 == want
}

// caseNumberStart reports digits that caseRE's number can start with:
// \d{4,}, or \d+ then one of "-/." and a digit.
func caseNumberStart(s []byte) bool {
	d := 0
	for d < len(s) && s[d] >= '0' && s[d] <= '9' {
		d++
	}
	return d >= 4 || d+1 < len(s) && (s[d] == '-' || s[d] == '/' || s[d] == '.') && s[d+1] >= '0' && s[d+1] <= '9'
}

// caseNumberAt reports whether caseRE could take a case number at the start
// of s, as caseNumbers tries it at a word of caseWords.
func caseNumberAt(s []byte) bool {
	for _, w := range caseWords {
		// strings.EqualFold, as caseWordsAt compares: with ASCII words and
		// as many bytes on each side, the same as an ASCII comparison.
		if len(s) >= len(w) && foldedASCII(s[:len(w)], w) {
			return caseRE.Match(s[:min(len(s), 80)])
		}
	}
	return false
}

// foldedASCII reports whether s is w, ignoring the case of ASCII letters.
func foldedASCII(s []byte, w string) bool {
	for i := range len(w) {
		a, b := s[i], w[i]
		if a != b && (a|0x20 != b|0x20 || a|0x20 < 'a' || a|0x20 > 'z') {
			return false
		}
	}
	return true
}
