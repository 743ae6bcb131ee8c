// Package iostreams is the one place that knows where a command's input
// and output go, and whether they are a terminal (colour, prompts) or a
// pipe (plain, machine-readable). Tests give commands fake streams.
package iostreams

import (
	"bytes"
	"io"
	"os"

	"golang.org/x/term"
)

// IO holds a command's streams.
type IO struct {
	In     io.Reader
	Out    io.Writer
	ErrOut io.Writer

	inTTY, outTTY, errTTY bool
	// Getenv reads the environment (os.Getenv unless a test replaces it).
	Getenv func(string) string
}

// System returns the process's own streams.
func System() *IO {
	return &IO{
		In: os.Stdin, Out: os.Stdout, ErrOut: os.Stderr,
		inTTY:  term.IsTerminal(int(os.Stdin.Fd())),
		outTTY: term.IsTerminal(int(os.Stdout.Fd())),
		errTTY: term.IsTerminal(int(os.Stderr.Fd())),
		Getenv: os.Getenv,
	}
}

// Test returns streams backed by buffers; input is what a user would type.
func Test(input string) (*IO, *bytes.Buffer, *bytes.Buffer) {
	out, errOut := &bytes.Buffer{}, &bytes.Buffer{}
	return &IO{In: bytes.NewBufferString(input), Out: out, ErrOut: errOut, Getenv: func(string) string { return "" }}, out, errOut
}

// SetTTY pretends, in tests, that the streams are terminals.
func (s *IO) SetTTY(in, out bool) { s.inTTY, s.outTTY, s.errTTY = in, out, out }

// CanPrompt reports whether questions can be asked: input and output are
// both a terminal.
func (s *IO) CanPrompt() bool { return s.inTTY && s.errTTY }

// Color reports whether stderr messages may use colour (a terminal, and
// NO_COLOR unset: https://no-color.org).
func (s *IO) Color() bool { return s.errTTY && s.Getenv("NO_COLOR") == "" }
