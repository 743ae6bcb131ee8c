package main

import (
	"github.com/spf13/cobra"

	"catalog/internal/fmschema"
	"catalog/internal/iostreams"
)

func newSchemaCmd(io *iostreams.IO) *cobra.Command {
	opt := fmschema.RunOptions{IO: io}
	cmd := &cobra.Command{
		Use:   "schema",
		Short: "Write the JSON Schema of a practice's front matter, for editors",
		Long: `schema writes a JSON Schema of a practice's front matter, made from the
field table and the catalog's catalog.yaml (its themes, target groups, forms
of exploitation, criteria and requirements), with a title and a description
of every field in your language (--lang). An editor with a YAML language
server uses it to complete and check fields as you type (see the README).

By default it is the schema of a source file, which requires every field a
source must give; with --translation, that of a translation, which requires
only title and summary. catalog validate still has the last word.

Make it again after changing catalog.yaml. Not to be confused with
catalog.schema.json, which build writes for the built catalog.json.`,
		Example: `  # the schema, in Spanish, into the catalog folder
  catalog schema --lang es -o catalog/practice.schema.json

  # the schema of translations
  catalog schema --translation -o catalog/translation.schema.json`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			l, err := userLang(cmd, io)
			if err != nil {
				return err
			}
			opt.Lang = l
			opt.Dir = catalogDir(cmd)
			return exit(fmschema.Run(opt))
		},
	}
	cmd.Flags().StringVarP(&opt.Output, "output", "o", "", "write the schema to this file (default: standard output)")
	cmd.Flags().BoolVar(&opt.Translation, "translation", false, "the schema of a translation: only title and summary required")
	return cmd
}
