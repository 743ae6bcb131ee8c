package frontmatter

import (
	"fmt"

	"catalog/internal/lang"
)

// Said is a piece of a message made of an English format and its
// arguments (a YAML type, "2 entries here, 1 there"), given to the
// message's format as an argument: English as a string, and in the user's
// language by the Spanish of its format (lang.Localized), found where the
// messages' formats are, in internal/lang/es.
type Said struct {
	format string
	args   []any
	text   string // said as it is, in every language, when format is ""
}

// Say is the piece of a message that format and args make.
// TestFormatsInBoth holds its literal formats to their Spanish.
func Say(format string, args ...any) Said { return Said{format: format, args: args} }

// verbatim is text said the same in every language: a value quoted from
// the file, a name.
func verbatim(s string) Said { return Said{text: s} }

// String is s in English.
func (s Said) String() string {
	if s.format == "" {
		return s.text
	}
	return fmt.Sprintf(s.format, s.args...)
}

// In is s in p's language.
func (s Said) In(p lang.Printer) string {
	if s.format == "" {
		return s.text
	}
	return p.Sprintf(s.format, s.args...)
}
