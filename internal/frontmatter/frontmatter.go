// Package frontmatter reads a Markdown file with YAML front matter, and YAML
// files in general, strictly: it splits the front matter from the body,
// parses the YAML into a yaml.Node tree with the line and column of every
// key, and reports what a typed YAML decoder would swallow: tabs, duplicate
// keys, anchors and aliases, custom tags. It never expands an alias, so an
// alias bomb costs nothing.
//
// Positions it reports are lines and columns of the file itself: the front
// matter's offset, a byte-order mark and CRLF line ends are accounted for.
package frontmatter

import (
	"bytes"
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"gopkg.in/yaml.v3"

	"catalog/internal/diag"
)

// Rules of this stage.
var (
	RuleEmptyFile = &diag.Rule{ID: "empty-file", Severity: diag.Error,
		Doc: "The file is empty or holds only white space."}
	RuleBinaryFile = &diag.Rule{ID: "binary-file", Severity: diag.Error,
		Doc: "The file holds NUL bytes: it is not text."}
	RuleEncoding = &diag.Rule{ID: "encoding", Severity: diag.Error,
		Doc: "The file is not valid UTF-8 (save it as UTF-8)."}
	RuleFrontMatter = &diag.Rule{ID: "front-matter", Severity: diag.Error,
		Doc: "The file does not start with front matter between two `---` lines, the closing line is missing, or the front matter is not a set of `key: value` pairs."}
	RuleYAMLSyntax = &diag.Rule{ID: "yaml-syntax", Severity: diag.Error,
		Doc: "The YAML cannot be read."}
	RuleYAMLTab = &diag.Rule{ID: "yaml-tab", Severity: diag.Error,
		Doc: "A tab indents a YAML line, or follows a list's dash; YAML allows only spaces there. Replace it with spaces. The file is read on as if it were spaces when every tab width reads the same fields, so that its other problems show; otherwise they show once the tab is replaced."}
	RuleLineSeparator = &diag.Rule{ID: "line-separator", Severity: diag.Warning,
		Doc: "An invisible line separator (U+2028, U+2029 or U+0085) in the front matter, as text pasted from a word processor or a PDF brings: YAML would take it for a new line, which moved every later line number and could break the field; it is read as a space. Delete it."}
	RuleYAMLSpace = &diag.Rule{ID: "yaml-space", Severity: diag.Warning,
		Doc: "A no-break space (U+00A0) or another odd space (U+2000 to U+200A, U+3000, U+FEFF), as text pasted from a word processor or a PDF brings, in the indentation, after a list's dash or after a key's colon, where YAML needs a plain space: it is read as one. Replace it with a plain space."}
	RuleYAMLAnchor = &diag.Rule{ID: "yaml-anchor", Severity: diag.Error,
		Doc: "YAML anchors (`&name`) and aliases (`*name`) are refused: they hide where a value comes from and can blow up in size."}
	RuleYAMLTag = &diag.Rule{ID: "yaml-tag", Severity: diag.Error,
		Doc: "YAML tags (`!name`, `!!type`) are refused: a value's type comes from its field."}
	RuleDuplicateKey = &diag.Rule{ID: "duplicate-key", Severity: diag.Error,
		Doc: "The same key appears twice in one mapping; YAML readers disagree on which one wins."}
)

// MaxSize is the largest file catalog reads. A practice is a few kilobytes;
// anything this large is a mistake (a pasted export, a binary) and reading it
// would only slow every command down.
const MaxSize = 2 << 20

// Document is a Markdown file split into front matter and body.
type Document struct {
	// Root is the front matter's top mapping; nil when it could not be read.
	Root *yaml.Node
	// LineOffset turns a YAML node's line into a line of the file.
	LineOffset int
	// FrontMatter is the raw YAML text between the delimiters (LF line ends).
	FrontMatter []byte
	// Body is the Markdown after the closing delimiter (LF line ends).
	Body []byte
	// BodyLine is the file line on which Body starts.
	BodyLine int

	tree *simple // owns Root's memory, when parseSimple read it
}

// Release lets a later Split reuse the memory of Root's tree, and sets Root
// to nil. Call it only when no node of the tree is used any more (strings
// taken from nodes stay valid). Without Release the memory is collected
// with the tree, as usual.
func (d *Document) Release() {
	d.Root = nil
	if d.tree != nil {
		d.tree.release()
		d.tree = nil
	}
}

// Line returns the file line of a node.
func (d *Document) Line(n *yaml.Node) int { return n.Line + d.LineOffset }

// Split reads src as a Markdown file with front matter. Problems come back
// with File left empty for the caller to fill in. When the front matter
// cannot be read at all, Root is nil and the problems say why.
func Split(src []byte) (*Document, []diag.Diagnostic) {
	src, ds := Text(src)
	if ds != nil {
		return nil, ds
	}
	if len(bytes.TrimSpace(src)) == 0 {
		return nil, []diag.Diagnostic{diag.New(RuleEmptyFile, "", 0, 0,
			"the file is empty; a practice starts with front matter between two --- lines (run `catalog new` for a skeleton)")}
	}
	first, rest, _ := bytes.Cut(src, []byte("\n"))
	if !isDelimiter(first, false) {
		return nil, []diag.Diagnostic{diag.New(RuleFrontMatter, "", 1, 1,
			"the file must start with a line `---`, then the front matter fields, then a closing `---` line")}
	}
	// Find the closing delimiter.
	line := 2
	pos := 0
	for pos <= len(rest) {
		end := bytes.IndexByte(rest[pos:], '\n')
		var cur []byte
		next := len(rest) + 1
		if end < 0 {
			cur = rest[pos:]
		} else {
			cur = rest[pos : pos+end]
			next = pos + end + 1
		}
		if isDelimiter(cur, true) {
			doc := &Document{
				LineOffset:  1,
				FrontMatter: rest[:pos],
				BodyLine:    line + 1,
			}
			if next <= len(rest) {
				doc.Body = rest[next:]
			}
			root, tree, yds := parseYAML(doc.FrontMatter, 1)
			doc.tree = tree
			if root != nil && root.Kind != yaml.MappingNode {
				yds = append(yds, diag.New(RuleFrontMatter, "", root.Line+1, root.Column,
					"the front matter must be a set of `key: value` lines"))
				root = nil
			}
			doc.Root = root
			return doc, yds
		}
		line++
		pos = next
	}
	return nil, []diag.Diagnostic{diag.New(RuleFrontMatter, "", 1, 1,
		"the front matter opened on line 1 is never closed: add a line `---` after the last field")}
}

// isDelimiter reports whether a line is `---` (or `...` when closing),
// allowing trailing spaces.
func isDelimiter(line []byte, closing bool) bool {
	line = bytes.TrimRight(line, " \t")
	return string(line) == "---" || (closing && string(line) == "...")
}

// Text checks that src is UTF-8 text and returns it without a byte-order
// mark and with LF line ends. Problems are reported at the offending place.
func Text(src []byte) ([]byte, []diag.Diagnostic) {
	if bytes.HasPrefix(src, []byte("\xff\xfe")) || bytes.HasPrefix(src, []byte("\xfe\xff")) {
		return nil, []diag.Diagnostic{diag.New(RuleEncoding, "", 1, 1,
			"the file is UTF-16 (as Windows Notepad saves \"Unicode\"): save it as UTF-8")}
	}
	if i := bytes.IndexByte(src, 0); i >= 0 {
		line, col := position(src, i)
		return nil, []diag.Diagnostic{diag.New(RuleBinaryFile, "", line, col,
			"the file holds a NUL byte: it is a binary file, not Markdown text")}
	}
	src = bytes.TrimPrefix(src, []byte("\xef\xbb\xbf"))
	if !utf8.Valid(src) {
		i := invalidAt(src)
		line, col := position(src, i)
		return nil, []diag.Diagnostic{diag.New(RuleEncoding, "", line, col,
			"invalid UTF-8 (byte 0x%02X): save the file as UTF-8", src[i])}
	}
	if bytes.IndexByte(src, '\r') >= 0 {
		src = bytes.ReplaceAll(src, []byte("\r\n"), []byte("\n"))
		src = bytes.ReplaceAll(src, []byte("\r"), []byte("\n"))
	}
	return src, nil
}

func invalidAt(src []byte) int {
	for i := 0; i < len(src); {
		r, size := utf8.DecodeRune(src[i:])
		if r == utf8.RuneError && size <= 1 {
			return i
		}
		i += size
	}
	return 0
}

// position turns a byte offset into a 1-based line and character column.
func position(src []byte, off int) (line, col int) {
	before := src[:off]
	line = bytes.Count(before, []byte("\n")) + 1
	start := bytes.LastIndexByte(before, '\n') + 1
	return line, utf8.RuneCount(before[start:]) + 1
}

var yamlLineError = regexp.MustCompile(`^yaml: line (\d+): (.*)$`)

// ParseYAML parses YAML text strictly. lineOffset is added to every line the
// problems report (1 for front matter that follows an opening `---`). The
// root is the document's top node, or nil when the text is empty or broken.
func ParseYAML(src []byte, lineOffset int) (*yaml.Node, []diag.Diagnostic) {
	root, _, ds := parseYAML(src, lineOffset)
	return root, ds
}

// parseYAML is ParseYAML that also returns the owner of the tree's memory
// when the fast path built it (see Document.Release).
func parseYAML(src []byte, lineOffset int) (*yaml.Node, *simple, []diag.Diagnostic) {
	src, seps := separatorsAsSpaces(src, lineOffset)
	pasted := src
	src, nbsps, unclear := layout(src, lineOffset, false)
	seps = append(seps, nbsps...)
	if unclear > 0 {
		// An ideographic space shows two columns wide, a zero-width one
		// none: read on only when that reading gives the same fields.
		root, ds := readPastSpaces(src, lineOffset)
		wide, _, _ := layout(pasted, lineOffset, true)
		other, _ := readPastSpaces(wide, lineOffset)
		if (root != nil || other != nil) && (root == nil || other == nil || !sameTree(root, other)) {
			return nil, nil, append(seps, diag.New(RuleYAMLSyntax, "", unclear+lineOffset, 0,
				"an ideographic (U+3000) or zero-width (U+FEFF) space in this line's indentation leaves unclear how far it is indented: replace it with plain spaces; the fields are checked once it is"))
		}
		if root != nil {
			var wds []diag.Diagnostic
			walk(root, lineOffset, &wds)
			ds = append(ds, onePerLine(wds)...)
		}
		return root, nil, append(seps, ds...)
	}
	if tabIndents(src, lineOffset) != nil {
		// Read on as if the tabs were spaces, where every tab width reads
		// the same; otherwise any further message would be about a
		// structure its author did not write.
		root, tabs := readPastTabs(src, lineOffset)
		seps = append(seps, tabs...)
		if root == nil {
			return nil, nil, seps
		}
		var ds []diag.Diagnostic
		walk(root, lineOffset, &ds)
		return root, nil, append(seps, onePerLine(ds)...)
	}
	root, tree := parseSimple(src)
	if root == nil {
		root, seps = readPastValues(src, lineOffset, seps)
		if root == nil {
			return nil, nil, seps
		}
	}
	var ds []diag.Diagnostic
	walk(root, lineOffset, &ds)
	return root, tree, append(seps, onePerLine(ds)...)
}

// separatorsAsSpaces returns src with each U+0085, U+2028 and U+2029 as a
// space, and a warning for each. YAML counts them as line breaks, as our
// line numbers and editors do not: one in a summary pasted from a word
// processor moved every later problem a line down, or broke the field.
func separatorsAsSpaces(src []byte, lineOffset int) ([]byte, []diag.Diagnostic) {
	if !hasSeparator(src) {
		return src, nil
	}
	var ds []diag.Diagnostic
	out := make([]byte, 0, len(src))
	for i := 0; i < len(src); {
		r, size := utf8.DecodeRune(src[i:])
		if r == '\u0085' || r == '\u2028' || r == '\u2029' {
			line, col := position(src, i)
			ds = append(ds, diag.New(RuleLineSeparator, "", line+lineOffset, col,
				"an invisible line separator (U+%04X), as pasted text brings: YAML would take it for a new line; it is read as a space, delete it", r))
			out = append(out, ' ')
		} else {
			out = append(out, src[i:i+size]...)
		}
		i += size
	}
	return out, ds
}

// nbsp is U+00A0, the no-break space that word processors put after a
// colon and in indentation.
const nbsp = "\u00a0"

// oddSpace returns the length of the odd space that b starts with, or 0:
// a no-break space, a typographic space (U+2000 to U+200A), an
// ideographic space (U+3000), a zero-width no-break space (U+FEFF).
func oddSpace(b []byte) int {
	switch {
	case len(b) >= 2 && b[0] == 0xc2 && b[1] == 0xa0:
		return 2
	case len(b) >= 3 && b[0] == 0xe2 && b[1] == 0x80 && b[2] <= 0x8a && b[2] >= 0x80,
		len(b) >= 3 && b[0] == 0xe3 && b[1] == 0x80 && b[2] == 0x80,
		len(b) >= 3 && b[0] == 0xef && b[1] == 0xbb && b[2] == 0xbf:
		return 3
	}
	return 0
}

// hasOddSpace reports whether src holds an odd space; U+2000 to U+200A
// share their first bytes with the typographic quotes and dashes.
func hasOddSpace(src []byte) bool {
	if bytes.Contains(src, []byte(nbsp)) || bytes.Contains(src, []byte("\u3000")) || bytes.Contains(src, []byte("\ufeff")) {
		return true
	}
	for {
		i := bytes.Index(src, []byte("\xe2\x80"))
		if i < 0 || i+2 >= len(src) {
			return false
		}
		if c := src[i+2]; c >= 0x80 && c <= 0x8a {
			return true
		}
		src = src[i+2:]
	}
}

// layoutSpaces returns src with each no-break or other odd space (see
// oddSpace) that stands where YAML needs a space (in the indentation,
// after a list's dash, after a key's colon) as a space, and a warning for
// each line with one. YAML takes it for text there: "acronym:\u00a0SVET"
// is no key, and was told "could not find expected ':'" with the colon in
// plain sight. One inside a value is the value's own. Each is one
// character, as the space that replaces it: columns stay the file's.
func layoutSpaces(src []byte, lineOffset int) ([]byte, []diag.Diagnostic) {
	out, ds, _ := layout(src, lineOffset, false)
	return out, ds
}

// layout is layoutSpaces, which reads every odd space as one space; wide
// reads an ideographic space (U+3000) in the indentation as two, as
// editors show it, and a zero-width no-break space (U+FEFF) as none. It
// also returns the first line (of src) with one of those two in its
// indentation, or 0.
func layout(src []byte, lineOffset int, wide bool) ([]byte, []diag.Diagnostic, int) {
	if !hasOddSpace(src) {
		return src, nil, 0
	}
	unclear := 0
	var ds []diag.Diagnostic
	out := make([]byte, 0, len(src))
	block := blockText{parent: -1}
	for n, rest := 0, src; len(rest) > 0; n++ {
		cur, next, found := bytes.Cut(rest, []byte("\n"))
		rest = next
		fixed, at := cur, -1
		if !block.text(cur) {
			var odd bool
			fixed, at, odd = layoutLine(cur, wide)
			if odd && unclear == 0 {
				unclear = n + 1
			}
			if at >= 0 { // what it opens, read again with plain spaces
				block = blockText{parent: -1}
				block.text(fixed)
			}
		}
		if at >= 0 {
			r, _ := utf8.DecodeRune(cur[at:])
			ds = append(ds, diag.New(RuleYAMLSpace, "", n+1+lineOffset, utf8.RuneCount(cur[:at])+1,
				"a no-break or other odd space (U+%04X), as pasted text brings, where YAML needs a plain space: replace it with a space (read on as if it were one)", r))
		}
		out = append(out, fixed...)
		if found {
			out = append(out, '\n')
		}
	}
	return out, ds, unclear
}

// layoutLine returns a line with the odd spaces of its layout as spaces
// (see layout for wide), the byte offset of the first, or -1, and whether
// its indentation holds U+3000 or U+FEFF, whose width is unclear.
func layoutLine(line []byte, wide bool) ([]byte, int, bool) {
	if !hasOddSpace(line) {
		return line, -1, false
	}
	var out []byte
	first, unclear, lead := -1, false, true
	i := 0
	// spaces replaces the run of spaces and no-break spaces at i.
	spaces := func() {
		for i < len(line) {
			switch {
			case line[i] == ' ':
				out = append(out, ' ')
				i++
			case oddSpace(line[i:]) > 0:
				if first < 0 {
					first = i
				}
				switch r, size := utf8.DecodeRune(line[i:]); {
				case lead && (r == '\u3000' || r == '\ufeff'):
					unclear = true
					if wide && r == '\u3000' {
						out = append(out, ' ', ' ')
					} else if !wide {
						out = append(out, ' ')
					}
					i += size
				default:
					out = append(out, ' ')
					i += size
				}
			default:
				return
			}
		}
	}
	spaces()
	lead = false
	for i+1 < len(line) && line[i] == '-' && (line[i+1] == ' ' || oddSpace(line[i+1:]) > 0) {
		out = append(out, '-')
		i++
		spaces()
	}
	// A plain key, then its colon.
	if k := bytes.IndexByte(line[i:], ':'); k > 0 && !bytes.ContainsAny(line[i:i+k], "\"'#[{ ") {
		out = append(out, line[i:i+k+1]...)
		i += k + 1
		if oddSpace(line[i:]) > 0 {
			spaces()
		}
	}
	if first < 0 {
		return line, -1, false
	}
	return append(out, line[i:]...), first, unclear
}

// hasSeparator reports whether src holds U+0085, U+2028 or U+2029. It looks
// for their first two bytes with IndexByte's vector search: bytes.ContainsAny
// decodes every rune of text with accents, a fifth of validate's time.
func hasSeparator(src []byte) bool {
	return bytes.Contains(src, []byte("\u0085")) || hasLineOrParagraphSeparator(src)
}

// hasLineOrParagraphSeparator reports U+2028 or U+2029 (E2 80 A8, E2 80 A9);
// E2 80 also begins the typographic quotes and dashes.
func hasLineOrParagraphSeparator(src []byte) bool {
	for {
		i := bytes.Index(src, []byte("\xe2\x80"))
		if i < 0 || i+2 >= len(src) {
			return false
		}
		if c := src[i+2]; c == 0xa8 || c == 0xa9 {
			return true
		}
		src = src[i+2:]
	}
}

// onePerLine keeps the first anchor or alias problem of each line: an alias
// bomb repeats one alias a hundred times, and one message per line says it.
func onePerLine(ds []diag.Diagnostic) []diag.Diagnostic {
	seen := map[int]bool{}
	out := ds[:0]
	for _, d := range ds {
		if d.Rule == RuleYAMLAnchor {
			if seen[d.Line] {
				continue
			}
			seen[d.Line] = true
		}
		out = append(out, d)
	}
	return out
}

// tabIndents reports tabs in the indentation of YAML lines. A line of a
// block scalar's text (after "summary: |-") is not indentation past the
// spaces that make it part of the scalar: a tab there is the text's own,
// as YAML reads it.
func tabIndents(src []byte, lineOffset int) []diag.Diagnostic {
	if bytes.IndexByte(src, '\t') < 0 {
		return nil
	}
	var ds []diag.Diagnostic
	line := lineOffset
	block := blockText{parent: -1}
	for rest := src; len(rest) > 0; {
		line++
		cur, next, _ := bytes.Cut(rest, []byte("\n"))
		rest = next
		if block.text(cur) {
			continue
		}
		for i, c := range cur {
			if c == '\t' {
				ds = append(ds, diag.New(RuleYAMLTab, "", line, i+1,
					"a tab indents this line; YAML allows only spaces for indentation"))
				break
			}
			if c != ' ' {
				break
			}
		}
	}
	return ds
}

// blockHeader is a block scalar's header ending a line: | or > and its
// indicators, then maybe a comment.
var blockHeader = regexp.MustCompile(`^[|>][-+1-9]*[ \t]*(?:#.*)?\r?$`)

// blockScalarStart reports whether a line starts a block scalar ("key: |",
// "- >-"), and the indentation its text must exceed: that of its key, or
// of its dash for a list item that is the scalar.
func blockScalarStart(line []byte) (parent int, ok bool) {
	owner, value, ok := lineValue(line)
	return owner, ok && blockHeader.Match(value)
}

// lineValue splits a line of front matter into the column of what its
// value belongs to (a plain key, or a list's dash) and the value:
// "  - name: x" gives 4 and "x", "- |" gives 0 and "|". ok is false for a
// line with neither.
func lineValue(line []byte) (owner int, value []byte, ok bool) {
	col := indent(line)
	rest := line[col:]
	for bytes.HasPrefix(rest, []byte("- ")) {
		n := indent(rest[2:])
		item := rest[2+n:]
		if keyEnd(item, 0) < 0 {
			return col, item, true
		}
		col, rest = col+2+n, item
	}
	if k := keyEnd(rest, 0); k > 0 {
		return col, bytes.TrimLeft(rest[k+1:], " "), true
	}
	return 0, nil, false
}

// blockText follows, line after line, whether a line is the text of a
// block scalar ("summary: |" and the lines indented past its key), whose
// spaces and tabs are the text's own and no layout.
type blockText struct{ parent int } // -1 outside a block scalar

// text reports whether line is a block scalar's text; for a line that is
// not, it notes whether the line opens one.
func (b *blockText) text(line []byte) bool {
	if b.parent >= 0 && (indent(line) > b.parent || len(bytes.TrimSpace(line)) == 0) {
		return true
	}
	b.parent = -1
	if parent, ok := blockScalarStart(line); ok {
		b.parent = parent
	}
	return false
}

func syntaxError(err error, src []byte, lineOffset int) diag.Diagnostic {
	msg := err.Error()
	line := 1
	if m := yamlLineError.FindStringSubmatch(msg); m != nil {
		line, _ = strconv.Atoi(m[1])
		msg = m[2]
		if parserError(msg) {
			// yaml.v3 gives the parser's line counted from 0 (its
			// scanner's from 1): where the list or mapping began, or
			// where it found what it did not expect.
			line++
		}
	} else {
		msg = strings.TrimPrefix(msg, "yaml: ")
		// yaml.v3 leaves the line out for problems on the first line.
	}
	hint, ok := syntaxHint(msg, src, line)
	// A quote left open, or text after a closing quote, is where the
	// writer must look, though YAML stumbles a line or more later.
	if at, why := quoteProblem(src, line); at > 0 {
		line, hint, ok = at, why, true
	}
	if ok {
		return diag.New(RuleYAMLSyntax, "", line+lineOffset, 0, "%s (%s)", yamlMessage(msg), hint)
	}
	return diag.New(RuleYAMLSyntax, "", line+lineOffset, 0, "%s", yamlMessage(msg))
}

// yamlMessage is yaml.v3's message of a syntax error, said in the user's
// language when it is one that a front matter can have.
func yamlMessage(msg string) Said {
	switch msg {
	case "did not find expected key":
		return Say("did not find expected key")
	case "did not find expected '-' indicator":
		return Say("did not find expected '-' indicator")
	case "did not find expected ',' or ']'":
		return Say("did not find expected ',' or ']'")
	case "did not find expected ',' or '}'":
		return Say("did not find expected ',' or '}'")
	case "did not find expected node content":
		return Say("did not find expected node content")
	case "did not find expected comment or line break":
		return Say("did not find expected comment or line break")
	case "mapping values are not allowed in this context":
		return Say("mapping values are not allowed in this context")
	case "could not find expected ':'":
		return Say("could not find expected ':'")
	case "found character that cannot start any token":
		return Say("found character that cannot start any token")
	case "found unexpected end of stream":
		return Say("found unexpected end of stream")
	case "found unknown escape character while parsing a quoted scalar":
		return Say("found unknown escape character while parsing a quoted scalar")
	case "found unexpected document indicator while scanning a quoted scalar":
		return Say("found unexpected document indicator while scanning a quoted scalar")
	case "found a tab character that violates indentation":
		return Say("found a tab character that violates indentation")
	case "found a tab character where an indentation space is expected":
		return Say("found a tab character where an indentation space is expected")
	case "block sequence entries are not allowed in this context":
		return Say("block sequence entries are not allowed in this context")
	}
	return verbatim(msg)
}

// quoteProblem finds, on the lines up to line, the first value that
// starts with a quote and goes on after its closing quote ('title:
// "Atención" en Guatemala'), or one whose quote is still open at line (a
// closing quote forgotten; a quoted value may run over several lines). It
// returns that line and what to do, or 0.
func quoteProblem(src []byte, line int) (int, Said) {
	var open byte // the quote of a value still open
	opened := 0
	for i := 1; i <= line && len(src) > 0; i++ {
		cur, rest, _ := bytes.Cut(src, []byte("\n"))
		src = rest
		v := string(cur)
		if open == 0 {
			_, value, ok := lineValue(cur)
			if !ok || len(value) == 0 || value[0] != '"' && value[0] != '\'' {
				continue
			}
			v = string(value)
			open, opened = v[0], i
			v = v[1:]
		}
		end := closingQuote(v, open)
		if end < 0 {
			continue
		}
		open = 0
		if after := strings.TrimSpace(v[end+1:]); after != "" && !strings.HasPrefix(after, "#") && !strings.HasPrefix(after, ",") && !strings.HasPrefix(after, "]") && !strings.HasPrefix(after, "}") {
			return opened, Say("a value that starts with a quote must end with it: put the whole value in quotes, single ones if it holds double ones ('… \"…\" …')")
		}
	}
	if open != 0 {
		return opened, Say("the quote that opens this value is not closed: end the value with %s", string(open))
	}
	return 0, Said{}
}

// closingQuote returns the index in v of the quote q that closes a
// quoted value whose text v is, or -1: in double quotes a backslash
// escapes, in single quotes ” is a quote.
func closingQuote(v string, q byte) int {
	for i := 0; i < len(v); i++ {
		switch {
		case q == '"' && v[i] == '\\':
			i++
		case q == '\'' && v[i] == q && i+1 < len(v) && v[i+1] == q:
			i++
		case v[i] == q:
			return i
		}
	}
	return -1
}

// parserError reports a message of yaml.v3's parser, rather than of its
// scanner (the parser's problems in yaml.v3's parserc.go that a front
// matter can have).
func parserError(msg string) bool {
	for _, p := range []string{"did not find expected key", "did not find expected '-' indicator",
		"did not find expected ',' or ']'", "did not find expected ',' or '}'", "did not find expected node content"} {
		if strings.HasPrefix(msg, p) {
			return true
		}
	}
	return false
}

// syntaxHint adds what a writer of practices most likely did wrong, if
// it knows.
func syntaxHint(msg string, src []byte, line int) (Said, bool) {
	text := lineOf(src, line)
	switch {
	case strings.Contains(msg, "mapping values are not allowed"):
		return Say("a value that contains `: ` must be quoted, in single quotes if it holds double ones: 'Protocolo \"Atención\": víctimas'"), true
	case strings.Contains(msg, "did not find expected comment or line break"):
		return Say("after `>-` or `|` the text starts on the next line, indented"), true
	case strings.Contains(msg, "found character that cannot start any token") && strings.Contains(text, "`"):
		return Say("a value that starts with ` must be quoted"), true
	case strings.Contains(msg, "did not find expected key") || strings.Contains(msg, "did not find expected '-' indicator"):
		return Say("check the indentation of this line and the one before"), true
	case strings.Contains(msg, "could not find expected ':'"):
		return Say("a key needs a colon; a value that runs over several lines needs quotes, or `>-` and its lines indented"), true
	}
	return Said{}, false
}

func lineOf(src []byte, line int) string {
	for i := 1; len(src) > 0; i++ {
		cur, rest, _ := bytes.Cut(src, []byte("\n"))
		if i == line {
			return string(cur)
		}
		src = rest
	}
	return ""
}

// walk reports anchors, aliases, tags and duplicate keys everywhere in the
// tree. It does not follow aliases.
func walk(n *yaml.Node, off int, ds *[]diag.Diagnostic) {
	switch {
	case n.Kind == yaml.AliasNode:
		*ds = append(*ds, diag.New(RuleYAMLAnchor, "", n.Line+off, n.Column,
			"alias *%s is refused: write the value out in full", n.Value))
		return
	case n.Anchor != "":
		*ds = append(*ds, diag.New(RuleYAMLAnchor, "", n.Line+off, n.Column,
			"anchor &%s is refused: write each value out in full", n.Anchor))
	}
	if n.Style&yaml.TaggedStyle != 0 {
		*ds = append(*ds, diag.New(RuleYAMLTag, "", n.Line+off, n.Column,
			"tag %s is refused: write the plain value (quote it if it must stay text)", n.Tag))
	}
	if n.Kind == yaml.MappingNode {
		duplicateKeys(n, off, ds)
	}
	for _, c := range n.Content {
		walk(c, off, ds)
	}
}

// duplicateKeys reports non-scalar and duplicate keys of a mapping. A
// mapping of a few keys is searched in place; a map pays off only for
// larger ones.
func duplicateKeys(n *yaml.Node, off int, ds *[]diag.Diagnostic) {
	var seen map[string]int
	if len(n.Content) > 32 {
		seen = make(map[string]int, len(n.Content)/2)
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k := n.Content[i]
		if k.Kind != yaml.ScalarNode {
			*ds = append(*ds, diag.New(RuleYAMLSyntax, "", k.Line+off, k.Column,
				"a key must be plain text"))
			continue
		}
		first, dup := 0, false
		if seen != nil {
			first, dup = seen[k.Value]
		} else {
			for j := 0; j < i; j += 2 {
				if e := n.Content[j]; e.Kind == yaml.ScalarNode && e.Value == k.Value {
					first, dup = e.Line+off, true
					break
				}
			}
		}
		if dup {
			*ds = append(*ds, diag.New(RuleDuplicateKey, "", k.Line+off, k.Column,
				"key %q appears twice in this mapping (first on line %d); remove one", k.Value, first))
		} else if seen != nil {
			seen[k.Value] = k.Line + off
		}
	}
}

// Describe names a node's kind for "wrong type" messages.
func Describe(n *yaml.Node) Said {
	switch n.Kind {
	case yaml.MappingNode:
		return Say("a mapping (key: value pairs)")
	case yaml.SequenceNode:
		return Say("a list")
	case yaml.ScalarNode:
		if n.Tag == "!!null" {
			return Say("empty")
		}
		return verbatim(fmt.Sprintf("%q", n.Value))
	}
	return Say("an alias")
}

// readPastSpaces reads src, its odd spaces replaced, as parseYAML does
// without the fast path: past tabs, past values. The root is nil when it
// cannot be read.
func readPastSpaces(src []byte, lineOffset int) (*yaml.Node, []diag.Diagnostic) {
	if tabIndents(src, lineOffset) != nil {
		return readPastTabs(src, lineOffset)
	}
	return readPastValues(src, lineOffset, nil)
}

// tabStops are the tab widths an editor may show: the front matter is read
// with each, and read on only when all that can be read agree.
var tabStops = []int{2, 4, 8, 1}

// readPastTabs reads a front matter with tabs in its indentation as if
// they were spaces, and reports each tab. It returns the tree when every
// tab width that reads the text reads the same tree (the author's, then,
// whatever their editor showed), with the columns of the file; nil when
// none reads it or two read it otherwise.
func readPastTabs(src []byte, lineOffset int) (*yaml.Node, []diag.Diagnostic) {
	var root *yaml.Node
	var starts map[int]int       // file line → column where its text begins, as read
	var values []diag.Diagnostic // the values read past, as read
	ambiguous := false
	for _, w := range tabStops {
		text, shift := expandTabs(src, w)
		r, vds := readPastValues(text, lineOffset, nil)
		if r == nil || lastLine(r) < lastTopLine(text) {
			// yaml.v3 reads " title: a\nsummary: b" as {title: a}: the
			// lines after an indented first key are dropped.
			continue
		}
		if root == nil {
			root, starts, values = r, map[int]int{}, vds
			for line, s := range shift {
				starts[line+lineOffset] = s.expanded + 1
			}
			unshift(root, shift)
			continue
		}
		if !sameTree(root, r) {
			ambiguous = true
			break
		}
	}
	if ambiguous {
		root, values = nil, nil
	}
	ds := tabIndents(src, lineOffset)
	for i, d := range ds {
		switch {
		case root != nil:
			ds[i] = diag.New(d.Rule, d.File, d.Line, d.Col, "a tab indents this line: replace the tab with spaces (YAML allows no tab there); read on as if the text began in column %d", starts[d.Line])
		case ambiguous:
			ds[i] = diag.New(d.Rule, d.File, d.Line, d.Col, "a tab indents this line: replace the tab with spaces (YAML allows no tab there); the front matter reads differently with each tab width, so its fields are checked once the tabs are spaces")
		default:
			ds[i] = diag.New(d.Rule, d.File, d.Line, d.Col, "a tab indents this line: replace the tab with spaces (YAML allows no tab there); the front matter cannot be read even as if the tabs were spaces, so its fields are checked once they are")
		}
		ds[i].Severity = d.Severity
	}
	return root, append(ds, values...)
}

// indentShift is how a line's indentation was read: its length in the
// file and as spaces.
type indentShift struct{ original, expanded int }

// expandTabs returns src with the tabs of each line's indentation as
// spaces up to the next multiple of width, as tabIndents finds them, and
// for each line it changed (1-based) the shift.
func expandTabs(src []byte, width int) ([]byte, map[int]indentShift) {
	out := make([]byte, 0, len(src)+64)
	shift := map[int]indentShift{}
	block := blockText{parent: -1}
	for n, rest := 1, src; len(rest) > 0; n++ {
		cur, next, found := bytes.Cut(rest, []byte("\n"))
		rest = next
		if !block.text(cur) {
			i, col := 0, 0
			for ; i < len(cur) && (cur[i] == ' ' || cur[i] == '\t'); i++ {
				if cur[i] == '\t' {
					col = (col/width + 1) * width
				} else {
					col++
				}
			}
			if col != i || bytes.IndexByte(cur[:i], '\t') >= 0 {
				shift[n] = indentShift{original: i, expanded: col}
				out = append(out, bytes.Repeat([]byte(" "), col)...)
				cur = cur[i:]
			}
		}
		out = append(out, cur...)
		if found {
			out = append(out, '\n')
		}
	}
	return out, shift
}

// unshift gives the nodes of the lines expandTabs changed the columns of
// the file.
func unshift(n *yaml.Node, shift map[int]indentShift) {
	if s, ok := shift[n.Line]; ok && n.Column > s.expanded {
		n.Column -= s.expanded - s.original
	}
	for _, c := range n.Content {
		unshift(c, shift)
	}
}

// sameTree reports whether two trees hold the same keys and values in the
// same shape, whatever their positions. It does not follow aliases.
func sameTree(a, b *yaml.Node) bool {
	if a.Kind != b.Kind || a.Tag != b.Tag || a.Value != b.Value || a.Anchor != b.Anchor || len(a.Content) != len(b.Content) {
		return false
	}
	for i := range a.Content {
		if !sameTree(a.Content[i], b.Content[i]) {
			return false
		}
	}
	return true
}

// lastLine returns the last line of a node of the tree.
func lastLine(n *yaml.Node) int {
	last := n.Line
	for _, c := range n.Content {
		last = max(last, lastLine(c))
	}
	return last
}

// lastTopLine returns the last line of text that starts in its first
// column, other than a comment, or 0.
func lastTopLine(text []byte) int {
	last := 0
	for n, rest := 1, text; len(rest) > 0; n++ {
		cur, next, _ := bytes.Cut(rest, []byte("\n"))
		rest = next
		if len(cur) > 0 && cur[0] != ' ' && cur[0] != '#' {
			last = n
		}
	}
	return last
}

// readPastValues parses src with yaml.v3, reading on past a syntax error
// where one reading is safe: a plain value that holds ": " (`title:
// Protocolo "Atención": víctimas`), or text after a quoted value's
// closing quote (`title: "Atención" en Guatemala`), is read as if the
// whole value were in quotes, and the message says to write it so. It returns the
// root, or nil, and ds with the problems found.
func readPastValues(src []byte, lineOffset int, ds []diag.Diagnostic) (*yaml.Node, []diag.Diagnostic) {
	fixedLine := 0 // the line of src read past last
	for range 32 {
		var doc yaml.Node
		err := yaml.Unmarshal(src, &doc)
		if err == nil {
			if doc.Kind == 0 || len(doc.Content) == 0 {
				return nil, ds
			}
			return doc.Content[0], ds
		}
		d := syntaxError(err, src, lineOffset)
		line := d.Line - lineOffset
		if line == fixedLine {
			// The fix did not help: the line is broken otherwise. A
			// quoting fix said nothing true; a tab is still a tab.
			if ds[len(ds)-1].Rule == RuleYAMLTab {
				return nil, append(ds, d)
			}
			ds[len(ds)-1] = d
			return nil, ds
		}
		if fixed, col, ok := dashTab(src, line); ok {
			ds = append(ds, diag.New(RuleYAMLTab, "", d.Line, col,
				"a tab follows the list's dash: replace the tab with a space (the rest was read as if it were one)"))
			src, fixedLine = fixed, line
			continue
		}
		fixed, value, quoted, ok := quoteValue(src, line)
		if !ok {
			return nil, append(ds, d)
		}
		if quoted {
			ds = append(ds, diag.New(RuleYAMLSyntax, "", d.Line, 0,
				"a value that starts with a quote must end with it: write %s (the rest was read as if it were so)", value))
		} else {
			ds = append(ds, diag.New(RuleYAMLSyntax, "", d.Line, 0,
				"a value that contains `: ` must be in quotes: write %s (the rest was read as if it were so)", value))
		}
		src, fixedLine = fixed, line
	}
	return nil, ds
}

// quoteValue returns src with the value of line (1-based) in single
// quotes, and the value so quoted, when the line is a key's or a list
// item's plain value holding ": ", or a quoted value with text after its
// closing quote (then quoted is true); a comment stays out.
func quoteValue(src []byte, line int) (fixed []byte, value string, quoted, ok bool) {
	start := 0
	for i := 1; i < line; i++ {
		j := bytes.IndexByte(src[start:], '\n')
		if j < 0 {
			return nil, "", false, false
		}
		start += j + 1
	}
	end := len(src)
	if j := bytes.IndexByte(src[start:], '\n'); j >= 0 {
		end = start + j
	}
	cur := src[start:end]
	_, val, ok := lineValue(cur)
	if !ok || len(val) == 0 {
		return nil, "", false, false
	}
	v := string(val)
	var raw string
	switch {
	case v[0] == '"' || v[0] == '\'':
		quoted = true
		close := closingQuote(v[1:], v[0])
		if close < 0 {
			return nil, "", false, false
		}
		after := v[close+2:]
		comment := strings.Index(after, " #")
		if comment < 0 {
			comment = len(after)
		}
		if strings.TrimSpace(after[:comment]) == "" || !strings.HasPrefix(after, " ") {
			return nil, "", false, false
		}
		raw = strings.TrimRight(v[:close+2]+after[:comment], " ")
	case strings.ContainsRune("[{|>&*!%@`#-?,]}", rune(v[0])):
		return nil, "", false, false
	default:
		comment := strings.Index(v, " #")
		if comment < 0 {
			comment = len(v)
		}
		raw = strings.TrimRight(v[:comment], " ")
		if !strings.Contains(raw, ": ") && !strings.HasSuffix(raw, ":") {
			return nil, "", false, false
		}
	}
	at := start + len(cur) - len(val)
	q := "'" + strings.ReplaceAll(raw, "'", "''") + "'"
	out := make([]byte, 0, len(src)+len(q)-len(raw))
	out = append(out, src[:at]...)
	out = append(out, q...)
	out = append(out, src[at+len(raw):]...)
	return out, q, quoted, true
}

// dashTab returns src with the tabs after the dashes that start line
// (1-based) as spaces ("-\thotline", as a word processor's bullet
// leaves it, which yaml.v3 refuses), and the column of the first.
func dashTab(src []byte, line int) ([]byte, int, bool) {
	start := 0
	for i := 1; i < line; i++ {
		j := bytes.IndexByte(src[start:], '\n')
		if j < 0 {
			return nil, 0, false
		}
		start += j + 1
	}
	first, dash := -1, false
	out := slices.Clone(src)
	for i := start; i < len(out); i++ {
		c := out[i]
		if c == '\t' && dash {
			if first < 0 {
				first = i - start
			}
			out[i] = ' '
			continue
		}
		if c == '-' && i+1 < len(out) && (out[i+1] == ' ' || out[i+1] == '\t') {
			dash = true
			continue
		}
		if c == ' ' {
			continue
		}
		break
	}
	if first < 0 {
		return nil, 0, false
	}
	return out, first + 1, true
}
