package main

import (
	"github.com/spf13/cobra"

	"catalog/internal/iostreams"
	"catalog/internal/lsp"
)

func newLSPCmd(io *iostreams.IO) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "lsp",
		Short: "Serve an editor: complete, describe and check a practice's front matter",
		Long: `lsp is a language server (the Language Server Protocol, on standard input
and output) for the practice files of a catalog: an editor with an LSP client
starts it and talks to it; a person does not. In a practice's front matter it
completes the fields allowed where the cursor is (at the top, or inside an
institution, an exchange, a source…), with what each means, and the codes a
field takes (themes, countries, scope, level, an institution's type…), with
their names in your language, and the IDs of the catalog's practices for
related and adapted_from. It shows a field's or a code's meaning under the
mouse, and marks each problem that catalog validate would report in the file
as it is being written, before it is saved.

What it offers is what catalog schema writes, from the same catalog.yaml.
The catalog folder is --dir, else the editor's workspace folder when it holds
catalog/catalog.yaml or catalog.yaml, else the nearest folder above the file
opened with a catalog.yaml. It speaks the language every command does
(--lang, $CATALOG_LANG, the catalog's first language); the editor's own
language counts only where the system's locale would.`,
		Example: `  # what an editor runs (see the README for Neovim, Helix and VS Code)
  catalog lsp

  # a catalog elsewhere, in English
  catalog lsp --dir ~/catalogo --lang en`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			if _, err := userLang(cmd, io); err != nil {
				return err // a --lang catalog does not speak
			}
			flag := cmd.Flags().Lookup("lang").Value.String()
			dir, _ := cmd.Flags().GetString("dir")
			return exit(lsp.Run(lsp.Options{
				In: io.In, Out: io.Out, Dir: dir, Default: defaultDir(), Version: version(),
				Lang: lspLang(io, flag),
			}))
		},
	}
	return cmd
}

// lspLang chooses the language of a session for the catalog in dir as
// every command does (chooseLang: --lang, $CATALOG_LANG, the catalog's
// first language, the locale); the locale that the editor gives in
// initialize, when it gives one, stands for the system's.
func lspLang(io *iostreams.IO, flag string) func(dir, locale string) string {
	return func(dir, locale string) string {
		env := *io
		if locale != "" {
			env.Getenv = func(name string) string {
				switch name {
				case "LC_ALL", "LC_MESSAGES", "LANG":
					return locale
				}
				return io.Getenv(name)
			}
		}
		l, _ := chooseLang(&env, flag, dir)
		return l
	}
}
