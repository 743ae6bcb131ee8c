package book

// Tagged PDF: the book's structure elements. The drawing helpers tag
// what they draw (text wraps its lines in a P unless an element that
// holds text is open), so that a page drawn through them is tagged by
// construction; the rest says what a block is: a heading, a list, a
// table, a figure, a note.

import (
	"cmp"
	"strconv"

	"catalog/internal/model"
	"catalog/internal/pdfdraw"
)

// tag draws f inside a new structure element of role.
func (b *book) tag(role string, f func()) { b.d.Tag(pdfdraw.Tag{Role: role}, f) }

// holdsText reports whether text may go straight into an element of
// role; into any other (Document, Sect, L, LI, Table, Note…) it goes in
// a P. A list item's body holds its text itself: an element fewer an
// item, for the many one-paragraph items (sources, lists).
func holdsText(role string) bool {
	switch role {
	case "H1", "H2", "H3", "H4", "H5", "H6", "H", "P", "Lbl", "LBody", "TH", "TD",
		"Link", "Span", "Code", "Caption", "Quote", "Reference", "TOCI":
		return true
	}
	return false
}

// needP reports whether text drawn now must be wrapped in a P.
func (b *book) needP() bool {
	return b.d.Tagged() && !b.d.InArtifact() && !holdsText(b.d.Role())
}

// headingRole is the role of a heading of the given depth, 1 the book's
// chapters: H1 to H6.
func headingRole(depth int) string { return "H" + strconv.Itoa(min(max(depth, 1), 6)) }

// docLang is the language to mark a source's title with, in text of the
// language context: its document's (the catalog's first when it does not
// say) where that is not context's, else "".
func (b *book) docLang(s model.Source, context string) string {
	if l := cmp.Or(s.Lang, b.cfg.DefaultLanguage()); l != context {
		return l
	}
	return ""
}

// sectTag is the tag of a practice's section: its language when its text
// is not in the book's (a practice not translated yet).
func (b *book) sectTag(lang string) pdfdraw.Tag {
	t := pdfdraw.Tag{Role: "Sect"}
	if lang != "" && lang != b.lang {
		t.Lang = lang
	}
	return t
}
