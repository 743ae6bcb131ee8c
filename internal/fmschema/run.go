package fmschema

import (
	"bytes"
	"errors"
	"fmt"
	"os"

	"github.com/nicksnyder/go-i18n/v2/i18n"

	"catalog/internal/config"
	"catalog/internal/diag"
	"catalog/internal/iostreams"
	"catalog/internal/lang"
	"catalog/internal/words"
	"catalog/templates"
)

// RunOptions are catalog schema's inputs.
type RunOptions struct {
	IO          *iostreams.IO
	Dir         string // the catalog folder
	Lang        string // the user's language
	Output      string // a file to write; "" for standard output
	Translation bool
}

// What catalog schema says to its user (the Spanish is in
// internal/lang/messages.es.yaml).
var (
	msgNoConfig     = &i18n.Message{ID: "schema.no_config", Other: "catalog: no catalog.yaml in {{.Dir}}: the schema holds the default vocabularies"}
	msgBrokenConfig = &i18n.Message{ID: "schema.broken_config", Other: "catalog: catalog.yaml has errors; fix them and make the schema again"}
	msgWrote        = &i18n.Message{ID: "schema.wrote", Other: "catalog: schema written to {{.File}}"}
)

// Run writes the schema of the catalog in opt.Dir: from its catalog.yaml,
// or from the defaults when the folder has none. A catalog.yaml with
// errors writes nothing: a schema with the wrong codes would mislead.
func Run(opt RunOptions) (int, error) {
	cfg, ds, err := config.Load(opt.Dir)
	switch {
	case errors.Is(err, config.ErrNotFound):
		cfg = config.Default()
		fmt.Fprintln(opt.IO.ErrOut, lang.For(opt.Lang).T(msgNoConfig, map[string]string{"Dir": diag.Escape(opt.Dir)}))
	case err != nil:
		return diag.ExitUsage, err
	}
	if len(ds) > 0 {
		diag.Sort(ds)
		if err := diag.WriteText(opt.IO.ErrOut, ds); err != nil {
			return diag.ExitUsage, err
		}
		if n, _ := diag.Count(ds); n > 0 {
			fmt.Fprintln(opt.IO.ErrOut, lang.For(opt.Lang).T(msgBrokenConfig, nil))
			return diag.ExitProblems, nil
		}
	}
	w, err := words.Load(templates.For(opt.Dir), []string{opt.Lang})
	if err != nil {
		return diag.ExitUsage, err
	}
	var buf bytes.Buffer
	if err := Write(&buf, Options{Config: cfg, Words: w, Lang: opt.Lang, Translation: opt.Translation}); err != nil {
		return diag.ExitUsage, err
	}
	if opt.Output == "" {
		_, err := opt.IO.Out.Write(buf.Bytes())
		return diag.ExitOK, err
	}
	if err := os.WriteFile(opt.Output, buf.Bytes(), 0o644); err != nil {
		return diag.ExitUsage, err
	}
	fmt.Fprintln(opt.IO.ErrOut, lang.For(opt.Lang).T(msgWrote, map[string]string{"File": diag.Escape(opt.Output)}))
	return diag.ExitOK, nil
}
