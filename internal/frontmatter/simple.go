package frontmatter

import (
	"bytes"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	"gopkg.in/yaml.v3"
)

// parseSimple is a fast path for ParseYAML. Practice front matter uses a
// small, regular part of YAML: block mappings and sequences indented with
// spaces, one-line plain and quoted scalars, one-line flow lists and
// mappings of scalars. parseSimple reads exactly that part and builds the
// same tree, field for field (kinds, styles, resolved tags, values, lines
// and character columns), as yaml.v3 does; yaml.v3 spends most of its time
// on tokens, events and comment bookkeeping that such text does not need,
// and it was a quarter of `catalog validate`.
//
// Whatever lies outside that part (comments, anchors, tags, block scalars,
// multi-line scalars, escapes other than \" and \\, tabs, odd characters,
// anything malformed) makes it return ok == false, and the caller parses
// the text with yaml.v3, which then also writes the error messages. So
// parseSimple never has to be right about an error, only about what it
// accepts; TestSimpleMatchesYAML and FuzzSimpleYAML compare the two trees.
//
// The tree's memory belongs to the returned parser (nil when the text is
// outside that part): p.release hands it to the next document once the tree
// is no longer used (Document.Release), else it goes with the tree.
func parseSimple(src []byte) (*yaml.Node, *simple) {
	if !simpleChars(src) {
		return nil, nil
	}
	p := simplePool.Get().(*simple)
	p.reset()
	p.lines = p.lines[:0]
	for rest := src; ; {
		line, more, found := bytes.Cut(rest, []byte("\n"))
		p.lines = append(p.lines, line)
		if !found {
			break
		}
		rest = more
	}
	if root := p.document(); root != nil {
		return root, p
	}
	p.release()
	return nil, nil
}

func (p *simple) document() *yaml.Node {
	ln := p.nonBlank(0)
	if ln == len(p.lines) {
		return nil // empty: yaml.v3 says how
	}
	col := indent(p.lines[ln])
	if !p.keyLine(p.lines[ln], col) {
		return nil // the top is not a mapping
	}
	root, ln := p.mapping(ln, col)
	if root == nil || p.nonBlank(ln) != len(p.lines) {
		return nil
	}
	return root
}

// simpleChars reports whether src holds only characters that parseSimple
// handles: printable ones, by YAML's definition, without tabs, and without
// the characters that YAML 1.1 reads as line breaks (U+0085, U+2028,
// U+2029) or the byte-order mark.
func simpleChars(src []byte) bool {
	for i := 0; i < len(src); {
		c := src[i]
		if c < utf8.RuneSelf {
			if asciiRefused[c] {
				return false
			}
			i++
			continue
		}
		r, size := utf8.DecodeRune(src[i:])
		switch {
		case r == utf8.RuneError && size <= 1:
			return false
		case r < 0xA0, r == 0x2028, r == 0x2029, r == 0xFEFF, r >= 0xD800 && r < 0xE000, r == 0xFFFE, r == 0xFFFF:
			return false
		}
		i += size
	}
	return true
}

// asciiRefused marks the ASCII characters that simpleChars refuses.
var asciiRefused = func() (t [utf8.RuneSelf]bool) {
	for c := range t {
		t[c] = c < ' ' && c != '\n' || c == 0x7F
	}
	return t
}()

type simple struct {
	lines [][]byte
	// stack holds the children of the collections being read.
	stack []*yaml.Node
	// The tree's nodes and Content slices are cut from chunks, kept from
	// one document to the next: a few allocations for the first documents
	// and none after, where each node and each Content slice cost one.
	nodeChunks [][]yaml.Node
	ptrChunks  [][]*yaml.Node
	nc, ni     int // current node chunk, next node in it
	pc, pi     int // current pointer chunk, next pointer in it
	strs       [1024]string
}

var simplePool = sync.Pool{New: func() any { return new(simple) }}

// str returns b as a string. Keys and short values (codes, dates, names of
// fields) repeat from file to file, and a catalog keeps them all: the
// parser gives each the string it gave last for the same bytes, if it is
// still in its cache (a table indexed by a hash of the bytes, which a map
// would make slower).
func (p *simple) str(b []byte) string {
	if len(b) == 0 || len(b) > 24 {
		return string(b)
	}
	h := (uint(len(b))*0x9E3779B1 ^ uint(b[0])*0x85EBCA77 ^ uint(b[len(b)-1])*0xC2B2AE3D ^ uint(b[len(b)/2])*0x27D4EB2F) >> 7 % uint(len(p.strs))
	if s := p.strs[h]; s == string(b) {
		return s
	}
	s := string(b)
	p.strs[h] = s
	return s
}

func (p *simple) reset() { p.nc, p.ni, p.pc, p.pi = -1, 0, -1, 0 }

// release makes the parser, and with it the memory of the tree it built,
// available to the next document.
func (p *simple) release() {
	clear(p.lines)
	clear(p.stack)
	p.lines, p.stack = p.lines[:0], p.stack[:0]
	simplePool.Put(p)
}

const chunk = 32

func (p *simple) node(kind yaml.Kind, line []byte, ln, at int) *yaml.Node {
	if p.nc < 0 || p.ni == chunk {
		p.nc, p.ni = p.nc+1, 0
		if p.nc == len(p.nodeChunks) {
			p.nodeChunks = append(p.nodeChunks, make([]yaml.Node, chunk))
		}
	}
	n := &p.nodeChunks[p.nc][p.ni]
	p.ni++
	*n = yaml.Node{}
	n.Kind = kind
	n.Line = ln + 1
	n.Column = column(line, at)
	switch kind {
	case yaml.MappingNode:
		n.Tag = "!!map"
	case yaml.SequenceNode:
		n.Tag = "!!seq"
	}
	return n
}

// scalar makes a scalar node with the tag yaml.v3's parser gives it: !!str
// when quoted, !!merge for a plain <<, else the tag that the plain value
// resolves to (ShortTag resolves it for a node without a tag).
func (p *simple) scalar(value string, style yaml.Style, line []byte, ln, at int) *yaml.Node {
	n := p.node(yaml.ScalarNode, line, ln, at)
	n.Value = value
	n.Style = style
	switch {
	case style != 0:
		n.Tag = "!!str"
	case value == "<<":
		n.Tag = "!!merge"
	default:
		n.Tag = plainTag(n)
	}
	return n
}

// plainTag is the tag that yaml.v3 resolves a plain scalar to (ShortTag),
// quicker for the usual values: text that starts with a letter that no
// other type starts with, and dates, which resolve finds after trying
// three other layouts, each failing with an allocated error.
func plainTag(n *yaml.Node) string {
	v := n.Value
	if v == "" {
		return "!!null"
	}
	switch c := v[0]; {
	case c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z':
		// resolve reads text that starts with a letter as text, but for
		// the words of its map that do.
		switch v {
		case "true", "True", "TRUE", "false", "False", "FALSE":
			return "!!bool"
		case "null", "Null", "NULL":
			return "!!null"
		}
		return "!!str"
	case c >= utf8.RuneSelf:
		return "!!str"
	case c >= '1' && c <= '9' && len(v) <= 18 && digits(v) == len(v):
		return "!!int" // a year, a count: ParseInt reads it
	case isDate(v):
		return "!!timestamp"
	case isYearMonth(v):
		return "!!str" // no timestamp layout, nor a number
	}
	return n.ShortTag()
}

// digits counts the leading ASCII digits of s.
func digits(s string) int {
	i := 0
	for i < len(s) && s[i] >= '0' && s[i] <= '9' {
		i++
	}
	return i
}

// isYearMonth reports YYYY-M or YYYY-MM.
func isYearMonth(s string) bool {
	return len(s) >= 6 && len(s) <= 7 && digits(s) == 4 && s[4] == '-' && digits(s[5:]) == len(s)-5
}

// content returns the children pushed on the stack since mark, as a
// collection's Content, and pops them.
func (p *simple) content(mark int) []*yaml.Node {
	kids := p.stack[mark:]
	n := len(kids)
	var out []*yaml.Node
	switch {
	case n == 0:
		return nil
	case n > 2*chunk:
		out = make([]*yaml.Node, n) // a long list: rare enough
	default:
		if p.pc < 0 || p.pi+n > 2*chunk {
			p.pc, p.pi = p.pc+1, 0
			if p.pc == len(p.ptrChunks) {
				p.ptrChunks = append(p.ptrChunks, make([]*yaml.Node, 2*chunk))
			}
		}
		out = p.ptrChunks[p.pc][p.pi : p.pi+n : p.pi+n]
		p.pi += n
	}
	copy(out, kids)
	clear(kids)
	p.stack = p.stack[:mark]
	return out
}

// isDate reports a YYYY-MM-DD date that resolve reads as a timestamp.
func isDate(s string) bool {
	if len(s) != len("2006-01-02") || digits(s) != 4 || s[4] != '-' || digits(s[5:]) != 2 || s[7] != '-' || digits(s[8:]) != 2 {
		return false
	}
	_, err := time.Parse(time.DateOnly, s)
	return err == nil
}

// column is YAML's column of the byte at in line: 1-based, in characters.
func column(line []byte, at int) int {
	for i := 0; i < at; i++ {
		if line[i] >= utf8.RuneSelf {
			return utf8.RuneCount(line[:at]) + 1
		}
	}
	return at + 1
}

func indent(line []byte) int {
	i := 0
	for i < len(line) && line[i] == ' ' {
		i++
	}
	return i
}

func blank(line []byte) bool { return indent(line) == len(line) }

// nonBlank returns the first line from ln on that is not blank, or
// len(p.lines).
func (p *simple) nonBlank(ln int) int {
	for ln < len(p.lines) && blank(p.lines[ln]) {
		ln++
	}
	return ln
}

// indicator reports a character that cannot start a plain scalar (or that
// parseSimple leaves to yaml.v3 when it does, as '-', '?' and ':' can).
func indicator(c byte) bool {
	switch c {
	case '-', '?', ':', ',', '[', ']', '{', '}', '#', '&', '*', '!', '|', '>', '\'', '"', '%', '@', '`', ' ':
		return true
	}
	return false
}

// keyEnd returns the index of the colon that ends the plain key starting at
// at, or -1 when the line does not start a simple `key:` entry there.
func keyEnd(line []byte, at int) int {
	if at >= len(line) || indicator(line[at]) {
		return -1
	}
	if at == 0 && (bytes.HasPrefix(line, []byte("---")) || bytes.HasPrefix(line, []byte("..."))) {
		return -1
	}
	for i := at; i < len(line); i++ {
		switch line[i] {
		case ':':
			if i+1 == len(line) || line[i+1] == ' ' {
				if line[i-1] == ' ' || i-at > 128 {
					return -1
				}
				return i
			}
			return -1 // a colon inside a key: leave it to yaml.v3
		case '#':
			if line[i-1] == ' ' {
				return -1
			}
		}
	}
	return -1
}

func (p *simple) keyLine(line []byte, at int) bool { return keyEnd(line, at) >= 0 }

// mapping reads a block mapping whose first key starts at byte col of line
// ln, and whose other keys start lines indented by col. It returns the node
// and the line after the last one it read, or nil.
func (p *simple) mapping(ln, col int) (*yaml.Node, int) {
	return p.entries(p.node(yaml.MappingNode, p.lines[ln], ln, col), ln, col, p.mappingEntry)
}

// mappingEntry reads the key and value that start at byte col of line ln
// onto the stack, and returns the line after them; false for what the fast
// path leaves to yaml.v3.
func (p *simple) mappingEntry(ln, col int) (int, bool) {
	line := p.lines[ln]
	end := keyEnd(line, col)
	if end < 0 {
		return ln, false
	}
	k := p.scalar(p.str(line[col:end]), 0, line, ln, col)
	var v *yaml.Node
	at := indent(line[end+1:]) + end + 1
	if at == len(line) {
		// Nothing after the colon: a nested block, or null.
		next := p.nonBlank(ln + 1)
		switch {
		case next < len(p.lines) && indent(p.lines[next]) > col:
			v, ln = p.block(next, indent(p.lines[next]))
		case next < len(p.lines) && indent(p.lines[next]) == col && p.lines[next][col] == '-':
			return ln, false // a sequence not indented under its key
		default:
			// yaml.v3 puts an empty value just after the colon.
			v = p.scalar("", 0, line, ln, end+1)
			ln++
		}
	} else {
		v, ln = p.inlineValue(line, ln, at, col)
	}
	if v == nil {
		return ln, false
	}
	p.stack = append(p.stack, k, v)
	return ln, true
}

// entries reads the entries of the block node n whose entries start at
// byte col, the first on line ln, with entry (mappingEntry or
// sequenceEntry), and returns n with them and the line after the block;
// nil for what the fast path leaves to yaml.v3.
func (p *simple) entries(n *yaml.Node, ln, col int, entry func(ln, col int) (int, bool)) (*yaml.Node, int) {
	mark := len(p.stack)
	for first := true; ; first = false {
		if !first {
			var more, ok bool
			if ln, more, ok = p.nextEntry(ln, col); !ok {
				return nil, ln
			}
			if !more {
				break
			}
		}
		var ok bool
		if ln, ok = entry(ln, col); !ok {
			return nil, ln
		}
	}
	n.Content = p.content(mark)
	return n, ln
}

// inlineValue reads the value that starts at byte at of line ln and fills
// the rest of it (inline), in a block whose entries start at byte col, and
// returns it and the next line; nil when a more indented line follows,
// which would continue a plain scalar over several lines (or be an error).
func (p *simple) inlineValue(line []byte, ln, at, col int) (*yaml.Node, int) {
	v := p.inline(line, ln, at)
	ln++
	if next := p.nonBlank(ln); v != nil && next < len(p.lines) && indent(p.lines[next]) > col {
		return nil, ln
	}
	return v, ln
}

// nextEntry finds the line of the next entry of a block whose entries
// start at byte col, from line ln on: that line and more, or the line
// where the block ends (a line less indented, or the end) and !more; !ok
// for a line more indented, which the fast path leaves to yaml.v3.
func (p *simple) nextEntry(ln, col int) (next int, more, ok bool) {
	ln = p.nonBlank(ln)
	if ln == len(p.lines) {
		return ln, false, true
	}
	switch ind := indent(p.lines[ln]); {
	case ind < col:
		return ln, false, true
	case ind > col:
		return ln, false, false
	}
	return ln, true, true
}

// block reads the block node (mapping or sequence) that starts at byte col
// of line ln.
func (p *simple) block(ln, col int) (*yaml.Node, int) {
	line := p.lines[ln]
	if line[col] == '-' {
		return p.sequence(ln, col)
	}
	if !p.keyLine(line, col) {
		return nil, ln // a scalar on the next line, or a syntax error
	}
	return p.mapping(ln, col)
}

// sequence reads a block sequence whose dashes stand at byte col.
func (p *simple) sequence(ln, col int) (*yaml.Node, int) {
	return p.entries(p.node(yaml.SequenceNode, p.lines[ln], ln, col), ln, col, p.sequenceEntry)
}

// sequenceEntry reads the item whose dash stands at byte col of line ln
// onto the stack, and returns the line after it; false for what the fast
// path leaves to yaml.v3.
func (p *simple) sequenceEntry(ln, col int) (int, bool) {
	line := p.lines[ln]
	if col+1 >= len(line) || line[col] != '-' || line[col+1] != ' ' {
		return ln, false
	}
	at := col + 1 + indent(line[col+1:])
	if at == len(line) || line[at] == '-' {
		return ln, false // an empty item, or a list in a list
	}
	var item *yaml.Node
	if p.keyLine(line, at) {
		item, ln = p.mapping(ln, at)
	} else {
		item, ln = p.inlineValue(line, ln, at, col)
	}
	if item == nil {
		return ln, false
	}
	p.stack = append(p.stack, item)
	return ln, true
}

// inline reads the value that starts at byte at and fills the rest of the
// line: a quoted or plain scalar, or a flow list or mapping.
func (p *simple) inline(line []byte, ln, at int) *yaml.Node {
	var n *yaml.Node
	end := -1
	switch line[at] {
	case '"', '\'':
		n, end = p.quoted(line, ln, at)
	case '[':
		n, end = p.flowSeq(line, ln, at)
	case '{':
		n, end = p.flowMap(line, ln, at)
	default:
		if indicator(line[at]) {
			return nil
		}
		stop := len(line)
		for stop > at && line[stop-1] == ' ' {
			stop--
		}
		v := line[at:stop]
		if !plainValue(v) {
			return nil
		}
		return p.scalar(p.str(v), 0, line, ln, at)
	}
	if n == nil || !blank(line[end:]) {
		return nil
	}
	return n
}

// plainValue reports a plain scalar that ends its line: no ": " (a mapping
// value where YAML allows none), no ':' at its end, no " #" (a comment).
func plainValue(v []byte) bool {
	for i, c := range v {
		switch c {
		case ':':
			if i+1 == len(v) || v[i+1] == ' ' {
				return false
			}
		case '#':
			if i > 0 && v[i-1] == ' ' {
				return false
			}
		}
	}
	return true
}

// quoted reads a one-line single- or double-quoted scalar at byte at and
// returns it with the index after its closing quote.
func (p *simple) quoted(line []byte, ln, at int) (*yaml.Node, int) {
	q := line[at]
	var buf []byte // the value, once an escape makes it differ from the text
	start := at + 1
	for i := start; i < len(line); i++ {
		c := line[i]
		switch {
		case c == q && q == '\'' && i+1 < len(line) && line[i+1] == '\'':
			buf = append(append(buf, line[start:i]...), '\'')
			i++
			start = i + 1
		case c == q:
			value := p.str(append(buf, line[start:i]...))
			style := yaml.DoubleQuotedStyle
			if q == '\'' {
				style = yaml.SingleQuotedStyle
			}
			return p.scalar(value, style, line, ln, at), i + 1
		case c == '\\' && q == '"':
			if i+1 == len(line) {
				return nil, 0
			}
			switch e := line[i+1]; e {
			case '"', '\\':
				buf = append(append(buf, line[start:i]...), e)
				i++
				start = i + 1
			default:
				return nil, 0
			}
		}
	}
	return nil, 0 // the scalar goes on to the next line
}

// flowScalar reads a plain scalar or a quoted one inside a flow collection,
// stopping before ',' or the closing bracket.
func (p *simple) flowScalar(line []byte, ln, at int) (*yaml.Node, int) {
	if at >= len(line) {
		return nil, 0
	}
	if c := line[at]; c == '"' || c == '\'' {
		return p.quoted(line, ln, at)
	} else if indicator(c) {
		return nil, 0
	}
	i := at
	for ; i < len(line); i++ {
		switch line[i] {
		case ',', ']', '}':
			stop := i
			for line[stop-1] == ' ' {
				stop--
			}
			return p.scalar(p.str(line[at:stop]), 0, line, ln, at), i
		default:
			if !flowChar(line[i]) {
				return nil, 0
			}
		}
	}
	return nil, 0
}

// flowChar is a character that parseSimple reads inside a plain scalar of
// a flow collection: letters, digits, spaces and "-_./+", and every
// character outside ASCII. yaml.v3 refuses some values that YAML allows
// there ({a: b?} among them); the values of a practice's flow lists and
// mappings (codes, years, dates) need no other.
func flowChar(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' ||
		c >= utf8.RuneSelf || strings.IndexByte(" -_./+", c) >= 0
}

// flowSeq reads a one-line flow list of scalars: [a, "b", c].
func (p *simple) flowSeq(line []byte, ln, at int) (*yaml.Node, int) {
	s := p.node(yaml.SequenceNode, line, ln, at)
	s.Style = yaml.FlowStyle
	i := at + 1 + indent(line[at+1:])
	if i < len(line) && line[i] == ']' {
		return s, i + 1
	}
	mark := len(p.stack)
	for {
		item, end := p.flowScalar(line, ln, i)
		if item == nil {
			return nil, 0
		}
		p.stack = append(p.stack, item)
		i = end + indent(line[end:])
		if i >= len(line) {
			return nil, 0
		}
		switch line[i] {
		case ']':
			s.Content = p.content(mark)
			return s, i + 1
		case ',':
			i++
			i += indent(line[i:])
			if i < len(line) && line[i] == ']' {
				return nil, 0 // a trailing comma
			}
		default:
			return nil, 0
		}
	}
}

// flowMap reads a one-line flow mapping of scalars: {start: 2013, end: ""}.
func (p *simple) flowMap(line []byte, ln, at int) (*yaml.Node, int) {
	m := p.node(yaml.MappingNode, line, ln, at)
	m.Style = yaml.FlowStyle
	i := at + 1 + indent(line[at+1:])
	if i < len(line) && line[i] == '}' {
		return m, i + 1
	}
	mark := len(p.stack)
	for {
		// The key: plain, ended by ": ".
		if i >= len(line) || indicator(line[i]) {
			return nil, 0
		}
		j := i
		for j < len(line) && line[j] != ':' {
			if !flowChar(line[j]) {
				return nil, 0
			}
			j++
		}
		if j+1 >= len(line) || line[j+1] != ' ' || line[j-1] == ' ' {
			return nil, 0
		}
		k := p.scalar(p.str(line[i:j]), 0, line, ln, i)
		vAt := j + 1 + indent(line[j+1:])
		if vAt < len(line) && (line[vAt] == ',' || line[vAt] == '}') {
			return nil, 0 // an empty value
		}
		v, end := p.flowScalar(line, ln, vAt)
		if v == nil {
			return nil, 0
		}
		p.stack = append(p.stack, k, v)
		i = end + indent(line[end:])
		if i >= len(line) {
			return nil, 0
		}
		switch line[i] {
		case '}':
			m.Content = p.content(mark)
			return m, i + 1
		case ',':
			i++
			i += indent(line[i:])
		default:
			return nil, 0
		}
	}
}
