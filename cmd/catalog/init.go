package main

import (
	"errors"

	"github.com/nicksnyder/go-i18n/v2/i18n"
	"github.com/spf13/cobra"

	"catalog/internal/initrepo"
	"catalog/internal/iostreams"
	"catalog/internal/lang"
)

var msgInitArgs = &i18n.Message{ID: "init.args", Other: "init takes one folder at most, for example: catalog init my-catalog"}

func newInitCmd(io *iostreams.IO) *cobra.Command {
	opt := initrepo.Options{IO: io}
	cmd := &cobra.Command{
		Use:   "init [DIR]",
		Short: "Start a new catalog repository, with CI that checks and publishes it",
		Long: `init writes a new catalog into DIR (default: --dir, else the current
folder): catalog.yaml (the title and languages; the default vocabularies
apply), intro.LANG.md per language, practices/ with an example practice (none
with --empty), media/, .gitignore, .editorconfig, a guide for contributors in
each language (CONTRIBUTING.md, CONTRIBUIR.md), a CI workflow and a
pre-commit configuration.

The workflow (--ci github, the default) validates every pull request, builds
its site as an artifact, and publishes the default branch on GitHub Pages;
--ci gitlab writes .gitlab-ci.yml with the same jobs and pages; --ci none
writes neither. It installs a catalog release whose address and checksum
are set at the top of the file.

init refuses a folder that is not empty unless --force, and never
overwrites a file: with --force it writes only the files that are missing
and names each one it skips.`,
		Example: `  # a new catalog in Spanish and English, with GitHub Actions
  catalog init mi-catalogo --title "Catálogo de Buenas Prácticas"

  # English only, for GitLab, without the example practice
  catalog init --languages en --ci gitlab --empty

  # add what is missing to an existing repository
  catalog init . --force`,
		Args: func(cmd *cobra.Command, args []string) error {
			if len(args) > 1 {
				l, _ := userLang(cmd, io)
				return usageError{errors.New(lang.For(l).T(msgInitArgs, nil)), cmd.CommandPath()}
			}
			return nil
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			l, err := userLang(cmd, io)
			if err != nil {
				return err
			}
			opt.Speak = l
			// DIR, else --dir, else the current folder (not ./catalog:
			// the repository is the catalog).
			opt.Dir = "."
			if d, _ := cmd.Flags().GetString("dir"); d != "" {
				opt.Dir = d
			}
			if len(args) == 1 {
				opt.Dir = args[0]
			}
			var oe *initrepo.OptionError
			if err := initrepo.Check(&opt, lang.For(l)); errors.As(err, &oe) {
				return usageError{err, cmd.CommandPath()}
			}
			return exit(initrepo.Run(opt))
		},
	}
	f := cmd.Flags()
	f.StringVar(&opt.Title, "title", "", "the catalog's title, in every language (default: Catalog of Best Practices, in each)")
	f.StringSliceVar(&opt.Languages, "languages", []string{"es", "en"}, "the catalog's languages, comma-separated: es, en or both; the first is the default")
	f.StringVar(&opt.CI, "ci", "github", "the CI file to write: github, gitlab or none")
	f.BoolVar(&opt.Empty, "empty", false, "write no example practice")
	f.BoolVar(&opt.Force, "force", false, "write into a folder that is not empty (existing files are never overwritten)")
	_ = cmd.RegisterFlagCompletionFunc("ci", cobra.FixedCompletions(initrepo.CIs, cobra.ShellCompDirectiveNoFileComp))
	_ = cmd.RegisterFlagCompletionFunc("languages", cobra.FixedCompletions([]string{"es,en", "en,es", "es", "en"}, cobra.ShellCompDirectiveNoFileComp))
	cmd.ValidArgsFunction = func(*cobra.Command, []string, string) ([]string, cobra.ShellCompDirective) {
		return nil, cobra.ShellCompDirectiveFilterDirs
	}
	return cmd
}
