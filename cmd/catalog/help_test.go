package main

import (
	"slices"
	"strings"
	"testing"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"catalog/internal/iostreams"
	"catalog/internal/lang"
)

// TestHelpInSpanish: every command's short help, its long help and
// examples when it has them in English, and every flag's usage have their
// Spanish in help.es.yaml, which names nothing else; `catalog --help` in
// a Spanish catalog shows it.
func TestHelpInSpanish(t *testing.T) {
	io, _, _ := iostreams.Test("")
	root := newRootCmd(io)
	root.InitDefaultHelpCmd()
	root.InitDefaultCompletionCmd()
	root.InitDefaultVersionFlag()
	have := map[string]bool{}
	for _, id := range lang.HelpIDs() {
		have[id] = true
	}
	want := map[string]bool{}
	need := func(id, english string) {
		if english == "" {
			return
		}
		want[id] = true
		if !have[id] {
			t.Errorf("help.es.yaml has no %s (%q)", id, strings.SplitN(english, "\n", 2)[0])
		}
	}
	var walk func(c *cobra.Command)
	walk = func(c *cobra.Command) {
		id := helpID(c)
		if strings.Contains(c.Use, " ") {
			need(id+".use", c.Use)
		}
		need(id+".short", c.Short)
		// cobra's own completion scripts explain shell commands: their
		// long help stays English.
		if !strings.HasPrefix(id, "help.completion.") {
			need(id+".long", c.Long)
			need(id+".example", c.Example)
		}
		visit := func(f *pflag.Flag) {
			if f.Name != "help" {
				need(id+".flag."+f.Name, f.Usage)
			}
		}
		c.LocalNonPersistentFlags().VisitAll(visit)
		c.PersistentFlags().VisitAll(visit)
		for _, sub := range c.Commands() {
			walk(sub)
		}
	}
	walk(root)
	for id := range have {
		if !want[id] {
			t.Errorf("help.es.yaml: %s names no command or flag", id)
		}
	}
	if len(want) < 40 {
		t.Errorf("%d help texts: the test reads too little", len(want))
	}

	code, out, _ := catalogCmd(t, nil, "--dir", "../../catalog", "--help")
	for _, s := range []string{"catalog lleva un Catálogo", "Comandos:", "Revisa el catálogo y señala cada problema", "Opciones:", "ayuda de catalog", "catalog [comando]\n", `Use "catalog [comando] --help"`} {
		if code != 0 || !strings.Contains(out, s) {
			t.Errorf("catalog --help in a Spanish catalog: exit %d, no %q:\n%s", code, s, out)
		}
	}
	code, out, _ = catalogCmd(t, nil, "--dir", "../../catalog", "validate", "--help")
	for _, s := range []string{"catalog validate [ARCHIVO...] [opciones]"} {
		if code != 0 || !strings.Contains(out, s) {
			t.Errorf("catalog validate --help in a Spanish catalog: exit %d, no %q:\n%s", code, s, out)
		}
	}
	code, out, _ = catalogCmd(t, nil, "--dir", "../../catalog", "validate", "--help", "--lang", "en")
	if code != 0 || !strings.Contains(out, "validate checks the whole catalog") || !strings.Contains(out, "catalog validate [FILE...] [flags]") || slices.Contains(strings.Fields(out), "Opciones:") {
		t.Errorf("catalog validate --help --lang en: exit %d:\n%s", code, out)
	}
	// new's --lang is its file's: the help follows the catalog.
	code, out, _ = catalogCmd(t, nil, "--dir", "../../catalog", "new", "--help", "--lang", "en")
	if code != 0 || !strings.Contains(out, "new escribe practices/ID.IDIOMA.md") {
		t.Errorf("catalog new --help --lang en: exit %d:\n%s", code, out)
	}
}
