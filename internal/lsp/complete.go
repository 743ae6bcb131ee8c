package lsp

import (
	"encoding/json"
	"fmt"
	"path/filepath"
	"strings"
)

type positionParams struct {
	TextDocument docID    `json:"textDocument"`
	Position     position `json:"position"`
}

type markup struct {
	Kind  string `json:"kind"`
	Value string `json:"value"`
}

type textEdit struct {
	Range   rangeLSP `json:"range"`
	NewText string   `json:"newText"`
}

type completionItem struct {
	Label         string   `json:"label"`
	Kind          int      `json:"kind"`
	Detail        string   `json:"detail,omitempty"`
	Documentation *markup  `json:"documentation,omitempty"`
	SortText      string   `json:"sortText"`
	FilterText    string   `json:"filterText"`
	TextEdit      textEdit `json:"textEdit"`
}

// The kinds of completion items that the server gives.
const (
	kindProperty = 10
	kindValue    = 12
)

// at reads a position request: the document and where in it the cursor
// is, in the front matter (nil spot otherwise).
func (s *server) at(raw json.RawMessage) (*document, *spot, string, int, error) {
	var p positionParams
	if err := unmarshal(raw, &p); err != nil {
		return nil, nil, "", 0, err
	}
	d := s.docs[p.TextDocument.URI]
	if d == nil || d.path == "" || p.Position.Line < 1 {
		return d, nil, "", 0, nil
	}
	texts := frontMatter(d.text, p.Position.Line)
	if texts == nil {
		return d, nil, "", 0, nil
	}
	cur := texts[len(texts)-1]
	col := byteCol(cur, p.Position.Character)
	return d, locate(texts, col), cur, col, nil
}

func (s *server) completion(raw json.RawMessage) (any, error) {
	d, sp, cur, col, err := s.at(raw)
	items := []completionItem{}
	if err != nil || sp == nil {
		return map[string]any{"isIncomplete": false, "items": items}, err
	}
	var p positionParams
	json.Unmarshal(raw, &p)
	line := p.Position.Line
	r := rangeLSP{position{line, utf16Col(cur, sp.start)}, position{line, utf16Col(cur, col)}}
	var given map[string]bool
	if sp.key && len(sp.path) == 0 {
		given = topKeys(d.text, line) // a field goes once
	}
	for i, c := range s.fieldsFor(d.path).choices(sp) {
		if c.key && given[c.label] {
			continue
		}
		it := completionItem{Label: c.label, Kind: kindValue, Detail: c.detail, SortText: fmt.Sprintf("%04d", i), FilterText: c.label,
			TextEdit: textEdit{Range: r, NewText: c.label}}
		if c.key {
			it.Kind = kindProperty
			it.TextEdit.NewText = c.label + ": "
			if c.doc != "" {
				it.Documentation = &markup{"plaintext", c.doc}
			}
		} else if c.list {
			it.TextEdit.NewText = "[" + c.label + "]"
		}
		if c.item {
			it.TextEdit.NewText = "- " + it.TextEdit.NewText
		}
		items = append(items, it)
	}
	return map[string]any{"isIncomplete": false, "items": items}, nil
}

func (s *server) hover(raw json.RawMessage) (any, error) {
	d, _, _, _, err := s.at(raw)
	if err != nil || d == nil || d.path == "" {
		return nil, err
	}
	var p positionParams
	json.Unmarshal(raw, &p)
	texts := frontMatter(d.text, p.Position.Line)
	if texts == nil || p.Position.Line < 1 {
		return nil, nil
	}
	cur := texts[len(texts)-1]
	col := byteCol(cur, p.Position.Character)
	start, end := col, col
	for start > 0 && isWord(cur[start-1]) {
		start--
	}
	for end < len(cur) && isWord(cur[end]) {
		end++
	}
	if start == end {
		return nil, nil
	}
	texts[len(texts)-1] = cur[:end]
	sp := locate(texts, end)
	if sp == nil || sp.word != cur[start:end] {
		return nil, nil
	}
	key := sp.key && strings.HasPrefix(cur[end:], ":")
	title, doc := s.fieldsFor(d.path).describe(sp, sp.word, key)
	if title == "" && doc == "" {
		return nil, nil
	}
	text := title
	if doc != "" {
		text += "\n\n" + doc
	}
	line := p.Position.Line
	return map[string]any{
		"contents": markup{"plaintext", text},
		"range":    rangeLSP{position{line, utf16Col(cur, start)}, position{line, utf16Col(cur, end)}},
	}, nil
}

// fileLang is the language a practice file's name gives (ID.LANG.md).
func fileLang(path string) string {
	base := strings.TrimSuffix(filepath.Base(path), filepath.Ext(path))
	if i := strings.LastIndexByte(base, '.'); i >= 0 {
		return base[i+1:]
	}
	return ""
}
