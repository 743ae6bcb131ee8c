package fmschema

import (
	"bytes"
	"errors"
	"fmt"
	"os"

	"catalog/internal/config"
	"catalog/internal/diag"
	"catalog/internal/iostreams"
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

// runTexts are what catalog schema says to its user.
var runTexts = map[string]map[string]string{
	"no_config": {
		"es": "catalog: no hay catalog.yaml en %s: el esquema lleva los vocabularios por omisión\n",
		"en": "catalog: no catalog.yaml in %s: the schema holds the default vocabularies\n",
	},
	"broken_config": {
		"es": "catalog: catalog.yaml tiene errores; corríjalos y vuelva a generar el esquema\n",
		"en": "catalog: catalog.yaml has errors; fix them and make the schema again\n",
	},
	"wrote": {
		"es": "catalog: esquema escrito en %s\n",
		"en": "catalog: schema written to %s\n",
	},
}

func say(lang, key string) string {
	if s := runTexts[key][lang]; s != "" {
		return s
	}
	return runTexts[key]["en"]
}

// Run writes the schema of the catalog in opt.Dir: from its catalog.yaml,
// or from the defaults when the folder has none. A catalog.yaml with
// errors writes nothing: a schema with the wrong codes would mislead.
func Run(opt RunOptions) (int, error) {
	cfg, ds, err := config.Load(opt.Dir)
	switch {
	case errors.Is(err, config.ErrNotFound):
		cfg = config.Default()
		fmt.Fprintf(opt.IO.ErrOut, say(opt.Lang, "no_config"), diag.Escape(opt.Dir))
	case err != nil:
		return diag.ExitUsage, err
	}
	if len(ds) > 0 {
		diag.Sort(ds)
		if err := diag.WriteText(opt.IO.ErrOut, ds); err != nil {
			return diag.ExitUsage, err
		}
		if n, _ := diag.Count(ds); n > 0 {
			fmt.Fprint(opt.IO.ErrOut, say(opt.Lang, "broken_config"))
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
	fmt.Fprintf(opt.IO.ErrOut, say(opt.Lang, "wrote"), diag.Escape(opt.Output))
	return diag.ExitOK, nil
}
