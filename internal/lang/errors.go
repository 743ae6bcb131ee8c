package lang

import (
	"fmt"
	"io/fs"
	"os"
	"strings"
	"syscall"
)

// An error that reaches the user (a folder that is no catalog, a file
// that cannot be written, a wrong argument) is made as a problem is: in
// English, from a format that es/ translates. Errorf is fmt.Errorf that
// keeps its format and arguments, so that Printer.Error says it again in
// the user's language; errors.Is and errors.As see through it as through
// fmt.Errorf's. TestFormatsInBoth holds its formats to es/.

// Error is an error made by Errorf.
type Error struct {
	format string
	args   []any
	err    error // fmt.Errorf(format, args...): the English, and what it wraps
}

// Errorf is fmt.Errorf whose message Printer.Error says in another
// language.
func Errorf(format string, args ...any) error {
	return &Error{format: format, args: args, err: fmt.Errorf(format, args...)}
}

func (e *Error) Error() string { return e.err.Error() }

// Unwrap returns what the format's %w verbs wrap.
func (e *Error) Unwrap() []error {
	switch u := e.err.(type) {
	case interface{ Unwrap() error }:
		return []error{u.Unwrap()}
	case interface{ Unwrap() []error }:
		return u.Unwrap()
	}
	return nil
}

// In says e in p's language, and every error among its arguments.
func (e *Error) In(p Printer) string {
	if p.Lang == "en" || p.Lang == "" {
		return e.Error()
	}
	args := make([]any, len(e.args))
	for i, a := range e.args {
		if err, ok := a.(error); ok {
			args[i] = p.Error(err)
		} else {
			args[i] = a
		}
	}
	format, ok := spanishFormats[e.format]
	if !ok {
		format = e.format
	}
	return p.Sprintf(strings.ReplaceAll(format, "%w", "%v"), args...)
}

// Error says err in p's language: an Errorf error by its format; an
// operating system's error on a file ("open x: permission denied") by the
// operation and the system's reason, as es/os.yaml has them; an error that
// only puts words before the error it wraps (fmt.Errorf("%s: %w", name,
// err)) with those words as they are and the wrapped error said again;
// any other error as it is.
func (p Printer) Error(err error) string {
	if err == nil {
		return ""
	}
	if p.Lang == "en" || p.Lang == "" {
		return err.Error()
	}
	switch e := err.(type) {
	case *Error:
		return e.In(p)
	case *fs.PathError:
		return p.Sprintf(e.Op+" %s: %v", e.Path, p.Error(e.Err))
	case *os.LinkError:
		return p.Sprintf(e.Op+" %s %s: %v", e.Old, e.New, p.Error(e.Err))
	case syscall.Errno:
		return p.word(e.Error())
	case interface{ Unwrap() error }:
		inner := e.Unwrap()
		if inner == nil {
			break
		}
		if prefix, ok := strings.CutSuffix(err.Error(), inner.Error()); ok {
			return prefix + p.Error(inner)
		}
	}
	for _, s := range sentinels {
		// ==, not a map: an error of a type that cannot be compared (a
		// slice of errors) would make a map's lookup panic.
		if err == s {
			return p.word(err.Error())
		}
	}
	return err.Error()
}

// sentinels are the errors of the standard library that es/os.yaml says
// again, beside the system's errno texts.
var sentinels = []error{fs.ErrNotExist, fs.ErrExist, fs.ErrPermission, fs.ErrInvalid, fs.ErrClosed}

// word is the system's text s in p's language, as es/os.yaml has it.
func (p Printer) word(s string) string {
	if w, ok := spanishFormats[s]; ok && p.Lang == "es" {
		return w
	}
	return s
}
