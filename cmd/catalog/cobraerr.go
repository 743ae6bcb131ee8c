package main

import (
	"errors"
	"regexp"
	"strconv"

	"github.com/spf13/pflag"

	"catalog/internal/lang"
)

// cobra and pflag word their errors in English with fmt. fromCobra makes
// the ones a user meets (an unknown command or flag, a flag's missing or
// wrong value; our commands check their arguments themselves) again with
// lang.Errorf, whose formats es/cli.yaml translates; any other error is
// returned as it is. TestCobraErrorsInSpanish fails when a new cobra
// words one differently.
func fromCobra(err error) error {
	var notExist *pflag.NotExistError
	var required *pflag.ValueRequiredError
	var invalid *pflag.InvalidValueError
	var syntax *pflag.InvalidSyntaxError
	switch {
	case errors.As(err, &notExist):
		if s := notExist.GetSpecifiedShortnames(); s != "" {
			return lang.Errorf("unknown shorthand flag: %q in -%s", rune(s[0]), s)
		}
		return lang.Errorf("unknown flag: --%s", notExist.GetSpecifiedName())
	case errors.As(err, &required):
		if s := required.GetSpecifiedShortnames(); s != "" {
			return lang.Errorf("flag needs an argument: %q in -%s", rune(s[0]), s)
		}
		return lang.Errorf("flag needs an argument: --%s", required.GetSpecifiedName())
	case errors.As(err, &invalid):
		var num *strconv.NumError
		if errors.As(err, &num) && errors.Is(num.Err, strconv.ErrSyntax) {
			return lang.Errorf("invalid argument %q for --%s: not a number", invalid.GetValue(), invalid.GetFlag().Name)
		}
		return lang.Errorf("invalid argument %q for --%s: %w", invalid.GetValue(), invalid.GetFlag().Name, errors.Unwrap(invalid))
	case errors.As(err, &syntax):
		return lang.Errorf("bad flag syntax: %s", syntax.GetSpecifiedFlag())
	}
	if m := unknownCommand.FindStringSubmatch(err.Error()); m != nil {
		if m[3] != "" {
			return lang.Errorf("unknown command %q for %s: did you mean %s?", m[1], m[2], m[3])
		}
		return lang.Errorf("unknown command %q for %s", m[1], m[2])
	}
	return err
}

// unknownCommand is cobra's error for a word that names no command, with
// the command it suggests, if any.
var unknownCommand = regexp.MustCompile(`^unknown command "(.*)" for "(.*)"(?s:\n\nDid you mean this\?\n\t(.*?)\n?)?$`)
