package main

import (
	"strings"
	"testing"
)

// TestCobraErrorsInSpanish makes each error of cobra's and pflag's that
// fromCobra says again, and checks that a Spanish user reads it in Spanish
// and an English one in English: a cobra that words an error anew fails
// here instead of speaking English to a Spanish user.
func TestCobraErrorsInSpanish(t *testing.T) {
	es := map[string]string{"LANG": "es_ES.UTF-8"}
	for _, tc := range []struct {
		args     []string
		es, en   string
		helpHint bool
	}{
		{[]string{"validate", "--bogus"}, "opción desconocida: --bogus", "unknown flag: --bogus", true},
		{[]string{"validate", "-x"}, "opción corta desconocida: 'x' en -x", "unknown shorthand flag: 'x' in -x", true},
		{[]string{"serve", "--port"}, "la opción --port necesita un valor", "flag needs an argument: --port", true},
		{[]string{"serve", "-p"}, "la opción 'p' de -p necesita un valor", "flag needs an argument: 'p' in -p", true},
		{[]string{"serve", "--port", "abc"}, `valor "abc" no válido para --port: no es un número`, `invalid argument "abc" for --port: not a number`, true},
		{[]string{"frob"}, `catalog no tiene ningún comando "frob"`, `unknown command "frob" for catalog`, false},
		{[]string{"biuld"}, `catalog no tiene ningún comando "biuld": ¿quería decir build?`, `unknown command "biuld" for catalog: did you mean build?`, false},
		{[]string{"build", "extra"}, `catalog build no tiene ningún comando "extra"`, `unknown command "extra" for catalog build`, false},
	} {
		args := append([]string{"--dir", "../../testdata/nowhere"}, tc.args...)
		code, _, errOut := catalogCmd(t, es, args...)
		if code != 2 || !strings.Contains(errOut, "catalog: "+tc.es+"\n") || (tc.helpHint != strings.Contains(errOut, "Ejecute 'catalog")) {
			t.Errorf("LANG=es %v: exit %d, want 2 and %q:\n%s", tc.args, code, tc.es, errOut)
		}
		code, _, errOut = catalogCmd(t, nil, args...)
		if code != 2 || !strings.Contains(errOut, "catalog: "+tc.en+"\n") {
			t.Errorf("%v: exit %d, want 2 and %q:\n%s", tc.args, code, tc.en, errOut)
		}
	}
}
