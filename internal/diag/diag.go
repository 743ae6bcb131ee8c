// Package diag owns the problems that catalog reports: the rule a problem
// breaks, the problem itself as data (file, line, column, severity, message),
// and the printers that show a list of problems as text, JSON or GitHub
// Actions commands.
//
// It follows golang.org/x/tools/go/analysis: a rule is a value with a stable
// id and a doc string; a stage that finds a problem reports a Diagnostic that
// names its rule; one printer shows them all.
package diag

import (
	"cmp"
	"fmt"
	"slices"

	"github.com/nicksnyder/go-i18n/v2/i18n"

	"catalog/internal/lang"
)

// The exit codes of every command: 0 success (warnings allowed unless
// --strict), 1 the catalog has problems that fail the command, 2 a usage
// or I/O error.
const (
	ExitOK       = 0
	ExitProblems = 1
	ExitUsage    = 2
)

// Severity says whether a problem fails `catalog validate`.
type Severity int

const (
	Warning Severity = iota
	Error
)

func (s Severity) String() string {
	if s == Error {
		return "error"
	}
	return "warning"
}

// A Rule is one check. Its ID is stable: users silence it by name and CI
// logs refer to it.
type Rule struct {
	ID       string
	Severity Severity // the usual severity; a report may say otherwise
	Doc      string   // one or two sentences for the rule list in the README
}

// A Diagnostic is one problem at one place.
type Diagnostic struct {
	File     string
	Line     int // 1-based; 0 when the problem is about the whole file
	Col      int // 1-based, in characters; 0 when unknown
	Severity Severity
	Rule     *Rule
	Message  string

	// format and args made Message (New): what In says in another
	// language; severity is the word for Severity that In gave ("" is
	// Severity's English), which the text printer shows.
	format   string
	args     []any
	severity string
}

var (
	msgError   = &i18n.Message{ID: "diag.severity.error", Other: "error"}
	msgWarning = &i18n.Message{ID: "diag.severity.warning", Other: "warning"}
)

// New makes a diagnostic with the rule's usual severity.
func New(r *Rule, file string, line, col int, format string, args ...any) Diagnostic {
	return Diagnostic{File: file, Line: line, Col: col, Severity: r.Severity, Rule: r, Message: fmt.Sprintf(format, args...), format: format, args: args}
}

// In returns ds with their messages in p's language (lang.Printer.Sprintf
// of the format each was made with); ds itself is left as it is.
func In(p lang.Printer, ds []Diagnostic) []Diagnostic {
	if p.Lang == "en" || p.Lang == "" {
		return ds
	}
	words := map[Severity]string{Error: p.T(msgError, nil), Warning: p.T(msgWarning, nil)}
	out := make([]Diagnostic, len(ds))
	for i, d := range ds {
		if d.format != "" {
			d.Message = p.Sprintf(d.format, d.args...)
		}
		d.severity = words[d.Severity]
		out[i] = d
	}
	return out
}

// Format is the English format d was made with ("" for one made
// otherwise), for the tests that hold every format to its translation.
func (d Diagnostic) Format() string { return d.format }

// Sort orders diagnostics by file, line, column, then rule and message, so
// that output does not depend on the order in which files were read.
func Sort(ds []Diagnostic) {
	slices.SortStableFunc(ds, func(a, b Diagnostic) int {
		return cmp.Or(
			cmp.Compare(a.File, b.File),
			cmp.Compare(a.Line, b.Line),
			cmp.Compare(a.Col, b.Col),
			cmp.Compare(a.Rule.ID, b.Rule.ID),
			cmp.Compare(a.Message, b.Message),
		)
	})
}

// Count returns the number of errors and of warnings.
func Count(ds []Diagnostic) (errors, warnings int) {
	for _, d := range ds {
		if d.Severity == Error {
			errors++
		} else {
			warnings++
		}
	}
	return errors, warnings
}
