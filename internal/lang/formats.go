package lang

import (
	"embed"
	"fmt"
	"io/fs"
	"path"

	"gopkg.in/yaml.v3"
)

// The problems that validate, build and serve report (diag.Diagnostic)
// are made where they are found, in English, from a printf format and its
// arguments. Their Spanish is kept as gettext keeps it: by the English
// format, in the YAML files of es/ (one per package that reports, so that
// each is changed with its code), each an English format and the Spanish
// one with the same verbs (%[2]s when the order changes). Printing the
// problems in Spanish formats the arguments again with the Spanish format:
// numbers as fmt writes them, never in a locale's grouping.
// TestFormatsInBoth holds every format the code reports to these files.

//go:embed es/*.yaml
var formatFiles embed.FS

// spanishFormats maps each English format to its Spanish.
var spanishFormats = func() map[string]string {
	out := map[string]string{}
	names, _ := fs.Glob(formatFiles, "es/*.yaml")
	for _, name := range names {
		b, err := formatFiles.ReadFile(name)
		if err != nil {
			panic(err)
		}
		var m map[string]string
		if err := yaml.Unmarshal(b, &m); err != nil {
			panic(fmt.Sprintf("lang: %s: %v", path.Base(name), err)) // a test reads them first
		}
		for k, v := range m {
			out[k] = v
		}
	}
	return out
}()

// Localized is an argument of a format that says itself in a language:
// a hint ("did you mean …?") made in English with its own format.
type Localized interface {
	In(p Printer) string
}

// Sprintf formats the English format with args in p's language: the
// Spanish format when es/ has one, and each Localized or error argument
// in p's language. In English, or for a format es/ lacks, it is fmt.Sprintf.
func (p Printer) Sprintf(format string, args ...any) string {
	if p.Lang == "en" || p.Lang == "" {
		return fmt.Sprintf(format, args...)
	}
	f, ok := spanishFormats[format]
	if !ok {
		return fmt.Sprintf(format, args...)
	}
	local := make([]any, len(args))
	for i, a := range args {
		if l, ok := a.(Localized); ok {
			local[i] = l.In(p)
		} else if err, ok := a.(error); ok {
			local[i] = p.Error(err)
		} else {
			local[i] = a
		}
	}
	return fmt.Sprintf(f, local...)
}

// HasFormat reports whether the English format has its Spanish.
func HasFormat(format string) bool {
	_, ok := spanishFormats[format]
	return ok
}
