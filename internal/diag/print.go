package diag

import (
	"encoding/json"
	"fmt"
	"io"
	"strings"

	"github.com/nicksnyder/go-i18n/v2/i18n"

	"catalog/internal/lang"
)

// Formats that `catalog validate --format` accepts.
var Formats = []string{"text", "json", "github"}

// WriteText prints one line per diagnostic, in the form editors and
// compilers use: file:line:col: severity: message [rule]. Each line is
// escaped (Escape) as a whole, since a file named ":" would start one with
// "::" only once its location is added: one diagnostic is one line,
// whatever its file is named.
func WriteText(w io.Writer, ds []Diagnostic) error {
	var b strings.Builder
	for _, d := range ds {
		severity := d.severity
		if severity == "" {
			severity = d.Severity.String()
		}
		b.WriteString(Escape(fmt.Sprintf("%s: %s: %s [%s]", location(d), severity, d.Message, d.Rule.ID)))
		b.WriteByte('\n')
	}
	_, err := io.WriteString(w, b.String())
	return err
}

func location(d Diagnostic) string {
	switch {
	case d.Line <= 0:
		return d.File
	case d.Col <= 0:
		return fmt.Sprintf("%s:%d", d.File, d.Line)
	}
	return fmt.Sprintf("%s:%d:%d", d.File, d.Line, d.Col)
}

type jsonDiagnostic struct {
	File     string `json:"file"`
	Line     int    `json:"line"`
	Column   int    `json:"column"`
	Severity string `json:"severity"`
	Rule     string `json:"rule"`
	Message  string `json:"message"`
}

// WriteJSON prints one JSON array; an empty list prints [] (never null).
func WriteJSON(w io.Writer, ds []Diagnostic) error {
	out := make([]jsonDiagnostic, 0, len(ds))
	for _, d := range ds {
		out = append(out, jsonDiagnostic{d.File, d.Line, d.Col, d.Severity.String(), d.Rule.ID, d.Message})
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(out)
}

// WriteGitHub prints GitHub Actions workflow commands, escaped as
// @actions/core escapes them, after Escape: a control or a line break in
// a file's name or a message is shown, not passed on. GitHub shows only
// the first ten annotations of a step, so the full list follows in text
// form, which starts no line with "::" (Escape).
func WriteGitHub(w io.Writer, ds []Diagnostic) error {
	var b strings.Builder
	for _, d := range ds {
		fmt.Fprintf(&b, "::%s file=%s", d.Severity, escapeProperty(Escape(d.File)))
		if d.Line > 0 {
			fmt.Fprintf(&b, ",line=%d", d.Line)
			if d.Col > 0 {
				fmt.Fprintf(&b, ",col=%d", d.Col)
			}
		}
		fmt.Fprintf(&b, ",title=%s::%s\n", escapeProperty(d.Rule.ID), escapeData(Escape(d.Message)))
	}
	if _, err := io.WriteString(w, b.String()); err != nil {
		return err
	}
	return WriteText(w, ds)
}

// escapeData and escapeProperty follow toCommandValue/escapeData/
// escapeProperty in @actions/core (src/command.ts).
func escapeData(s string) string {
	return strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A").Replace(s)
}

func escapeProperty(s string) string {
	return strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A", ":", "%3A", ",", "%2C").Replace(s)
}

// WriteSummary writes a Markdown summary for $GITHUB_STEP_SUMMARY.
func WriteSummary(w io.Writer, ds []Diagnostic, files int) error {
	var b strings.Builder
	errs, warns := Count(ds)
	fmt.Fprintf(&b, "### catalog validate\n\n%s in %d files.\n\n", Tally(errs, warns), files)
	if len(ds) > 0 {
		b.WriteString("| file | line | severity | rule | message |\n| --- | --- | --- | --- | --- |\n")
		for _, d := range ds {
			fmt.Fprintf(&b, "| %s | %d | %s | `%s` | %s |\n", cellEscape(d.File), d.Line, d.Severity, d.Rule.ID, cellEscape(d.Message))
		}
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// cellEscape makes a file name or a message one cell of a Markdown table
// that shows it as it is: escaped (Escape), and with each character that
// Markdown reads inline (emphasis, code, links, images, HTML, entities,
// the table's own bars) backslash-escaped.
func cellEscape(s string) string {
	return markdownEscaper.Replace(Escape(s))
}

var markdownEscaper = strings.NewReplacer(
	`\`, `\\`, "`", "\\`", "*", `\*`, "_", `\_`, "[", `\[`, "]", `\]`, "(", `\(`, ")", `\)`,
	"<", `\<`, ">", `\>`, "|", `\|`, "!", `\!`, "&", `\&`, "~", `\~`, "#", `\#`)

var (
	msgNoProblems = &i18n.Message{ID: "diag.no_problems", Other: "no problems"}
	msgErrors     = &i18n.Message{ID: "diag.errors", One: "{{.Count}} error", Other: "{{.Count}} errors"}
	msgWarnings   = &i18n.Message{ID: "diag.warnings", One: "{{.Count}} warning", Other: "{{.Count}} warnings"}
)

// TallyIn is Tally in p's language.
func TallyIn(p lang.Printer, errors, warnings int) string {
	if errors == 0 && warnings == 0 {
		return p.T(msgNoProblems, nil)
	}
	var parts []string
	if errors > 0 {
		parts = append(parts, p.N(msgErrors, errors, nil))
	}
	if warnings > 0 {
		parts = append(parts, p.N(msgWarnings, warnings, nil))
	}
	return strings.Join(parts, ", ")
}

// Tally says "2 errors, 1 warning" or "no problems".
func Tally(errors, warnings int) string {
	if errors == 0 && warnings == 0 {
		return "no problems"
	}
	var parts []string
	if errors > 0 {
		parts = append(parts, Plural(errors, "error"))
	}
	if warnings > 0 {
		parts = append(parts, Plural(warnings, "warning"))
	}
	return strings.Join(parts, ", ")
}

// Plural says "1 file" or "2 files".
func Plural(n int, word string) string {
	if n == 1 {
		return "1 " + word
	}
	return fmt.Sprintf("%d %ss", n, word)
}
