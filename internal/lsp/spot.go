package lsp

import (
	"strings"
)

// step is one step from the top of the front matter to a place in it: a
// key of a mapping, or an item of a list (key "").
type step struct{ key string }

var item = step{}

// spot is what the cursor is on in a practice's front matter.
type spot struct {
	path  []step // from the top to the mapping (key) or the value (not key)
	key   bool   // at a key of the mapping at path; else at its value
	dash  bool   // at a key right after "- ": a list's item may be a value too
	word  string // what is typed of the key or value, before the cursor
	start int    // the byte where word starts on the cursor's line
}

// token is a key ("name:") or a list's dash on a line, at its byte column.
type token struct {
	col int
	key string // "" for a dash
}

// line is a line of the front matter, read as far as completion needs.
type line struct {
	text   string
	toks   []token
	rest   string // what follows the last token: a value, or what is typed
	rcol   int    // the byte where rest starts
	indent int
	blank  bool // empty, or a comment
	// owner is the index of the line whose value this one continues (a
	// block scalar, a multi-line plain or quoted value, a multi-line flow
	// list), or -1.
	owner int
}

// frontMatter returns the lines of the front matter of text up to (and
// with) the line at, the first being the opening "---"; nil when at is not
// inside the front matter.
func frontMatter(text string, at int) []string {
	var lines []string
	for n := 0; ; n++ {
		l, after, more := strings.Cut(text, "\n")
		l = strings.TrimSuffix(l, "\r")
		if n == 0 && strings.TrimRight(l, " \t") != "---" {
			return nil
		}
		if end := strings.TrimRight(l, " \t"); n > 0 && (end == "---" || end == "...") {
			return nil // the front matter ends above the cursor, or on its line
		}
		lines = append(lines, l)
		if n == at {
			return lines
		}
		if !more {
			return nil
		}
		text = after
	}
}

// tokenize reads a line's keys and dashes.
func tokenize(text string) line {
	l := line{text: text, owner: -1}
	i := 0
	for i < len(text) && text[i] == ' ' {
		i++
	}
	l.indent = i
	if i == len(text) || text[i] == '#' {
		l.blank = true
		l.rcol = i
		return l
	}
	for i < len(text) {
		if text[i] == '-' && (i+1 == len(text) || text[i+1] == ' ') {
			l.toks = append(l.toks, token{col: i})
			i = skipSpaces(text, i+1)
			continue
		}
		if j := keyEnd(text, i); j > 0 {
			l.toks = append(l.toks, token{col: i, key: text[i:j]})
			i = skipSpaces(text, j+1)
			break
		}
		break
	}
	l.rest, l.rcol = text[i:], i
	if strings.HasPrefix(l.rest, "#") {
		l.rest = ""
	}
	return l
}

func skipSpaces(s string, i int) int {
	for i < len(s) && s[i] == ' ' {
		i++
	}
	return i
}

// keyEnd returns the byte of the colon that ends a plain key starting at
// i, or 0.
func keyEnd(s string, i int) int {
	j := i
	for j < len(s) && (isWord(s[j])) {
		j++
	}
	if j == i || j == len(s) || s[j] != ':' || (j+1 < len(s) && s[j+1] != ' ' && s[j+1] != '\t') {
		return 0
	}
	return j
}

func isWord(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c == '-'
}

// readLines tokenizes the front matter's lines and finds which continue
// another's value.
func readLines(texts []string) []line {
	lines := make([]line, len(texts))
	open := -1 // the line whose value may go on below
	openCol := 0
	for n, t := range texts {
		if n == 0 {
			lines[0] = line{text: t, blank: true, owner: -1}
			continue
		}
		l := tokenize(t)
		if open >= 0 && l.indent > openCol {
			l = line{text: t, indent: l.indent, blank: l.blank, owner: open, rcol: l.indent, rest: t[l.indent:]}
			lines[n] = l
			continue
		}
		lines[n] = l
		if l.blank {
			continue // a blank line or a comment ends no value
		}
		open = -1
		if k := len(l.toks); k > 0 && l.toks[k-1].key != "" && strings.TrimSpace(l.rest) != "" {
			open, openCol = n, l.toks[k-1].col
		}
		lines[n] = l
	}
	return lines
}

// locate finds the spot of the cursor at byte col of the last line of
// texts (the front matter down to the cursor's line).
func locate(texts []string, col int) *spot {
	lines := readLines(texts)
	at := len(lines) - 1
	if at < 1 {
		return nil
	}
	cur := lines[at]
	if col > len(cur.text) {
		col = len(cur.text)
	}
	if o := cur.owner; o >= 0 {
		// A value that goes on from line o: only a flow list or mapping
		// has places to complete in.
		first := lines[o]
		if !strings.HasPrefix(first.rest, "[") && !strings.HasPrefix(first.rest, "{") {
			return nil
		}
		var b strings.Builder
		b.WriteString(first.rest)
		for _, l := range lines[o+1 : at] {
			b.WriteString(" ")
			b.WriteString(l.text)
		}
		b.WriteString(" ")
		b.WriteString(cur.text[:col])
		path := append(parents(lines, o, first.toks[0].col, first.toks[0].key == ""), steps(first.toks)...)
		return flow(path, b.String(), col)
	}
	typed := tokenize(cur.text[:col])
	first, dash := col, false
	if len(typed.toks) > 0 {
		first, dash = typed.toks[0].col, typed.toks[0].key == ""
	} else if !typed.blank || typed.rest != "" {
		first = typed.indent
	}
	if typed.blank && typed.indent < col {
		return nil // in a comment
	}
	path := parents(lines, at, first, dash)
	k := len(typed.toks)
	if k > 0 && typed.toks[k-1].key != "" {
		path = append(path, steps(typed.toks)...)
		return flow(path, typed.rest, col)
	}
	path = append(path, steps(typed.toks)...)
	if k > 0 && (strings.HasPrefix(typed.rest, "[") || strings.HasPrefix(typed.rest, "{")) {
		return flow(path, typed.rest, col) // "- {name: x, type: "
	}
	if strings.ContainsAny(typed.rest, " :[]{},\"'#&*!|>") {
		return nil
	}
	return &spot{path: path, key: true, dash: k > 0, word: typed.rest, start: col - len(typed.rest)}
}

// steps are the steps that a line's tokens take.
func steps(toks []token) []step {
	out := make([]step, len(toks))
	for i, t := range toks {
		out[i] = step{t.key}
	}
	return out
}

// parents returns the steps down to a line whose first token is at col
// (a dash when dash), from the lines above it.
func parents(lines []line, at, col int, dash bool) []step {
	var chain []token
	for n := at - 1; n >= 1 && (col > 0 || dash); n-- {
		l := lines[n]
		if l.blank || l.owner >= 0 || len(l.toks) == 0 {
			continue
		}
		var above []token
		for i, t := range l.toks {
			// A list may sit at its key's column: "key:\n- item".
			if t.col < col || dash && t.col == col && t.key != "" && i == len(l.toks)-1 && strings.TrimSpace(l.rest) == "" {
				above = append(above, t)
			}
		}
		if len(above) == 0 {
			continue
		}
		chain = append(above, chain...)
		col, dash = above[0].col, above[0].key == ""
	}
	return steps(chain)
}

// flow finds the spot in a value, which may be a flow list or mapping
// ("[GT, H", "{name: x, type: g"); col is the cursor's byte on its line.
func flow(path []step, value string, col int) *spot {
	type frame struct {
		list  bool
		key   string // a mapping's key, once its colon is read
		colon bool
		base  int // len(path) before the frame
	}
	var stack []frame
	word := 0 // where the word being typed starts in value
	for i := 0; i < len(value); i++ {
		c := value[i]
		switch c {
		case '"', '\'':
			j := strings.IndexByte(value[i+1:], c)
			if j < 0 {
				word = i + 1
				i = len(value)
				continue
			}
			i += j + 1
			continue
		case '#':
			if i == 0 || value[i-1] == ' ' {
				return nil // a comment
			}
		case '[', '{':
			f := frame{list: c == '[', base: len(path)}
			if n := len(stack); n > 0 && !stack[n-1].list && stack[n-1].colon {
				path = append(path, step{stack[n-1].key})
			}
			if f.list {
				path = append(path, item)
			}
			stack = append(stack, f)
			word = i + 1
		case ']', '}':
			if n := len(stack); n > 0 {
				path = path[:stack[n-1].base]
				stack = stack[:n-1]
			}
			word = i + 1
		case ',':
			if n := len(stack); n > 0 {
				stack[n-1].key, stack[n-1].colon = "", false
			}
			word = i + 1
		case ':':
			if n := len(stack); n > 0 && !stack[n-1].list && (i+1 == len(value) || value[i+1] == ' ') {
				stack[n-1].key = strings.Trim(strings.TrimSpace(value[word:i]), `"'`)
				stack[n-1].colon = true
				word = i + 1
			}
		}
	}
	w := strings.TrimLeft(value[word:], " ")
	if strings.ContainsAny(w, " \"'") {
		return nil // a value of words, not a code
	}
	s := &spot{path: path, word: w, start: col - len(w)}
	if n := len(stack); n > 0 && !stack[n-1].list {
		if stack[n-1].colon {
			s.path = append(s.path, step{stack[n-1].key})
		} else {
			s.key = true
		}
	}
	if s.start < 0 {
		s.start = 0
	}
	return s
}

// topKeys are the keys the front matter of text gives at the top, on
// other lines than skip.
func topKeys(text string, skip int) map[string]bool {
	keys := map[string]bool{}
	for n := 0; ; n++ {
		l, after, more := strings.Cut(text, "\n")
		l = strings.TrimSuffix(l, "\r")
		end := strings.TrimRight(l, " \t")
		if n == 0 && end != "---" || n > 0 && (end == "---" || end == "...") {
			return keys
		}
		if j := keyEnd(l, 0); n > 0 && n != skip && j > 0 {
			keys[l[:j]] = true
		}
		if !more {
			return keys
		}
		text = after
	}
}
