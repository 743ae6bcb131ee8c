package main

import (
	"runtime/debug"

	"github.com/spf13/cobra"

	"catalog/internal/iostreams"
	"catalog/internal/validate"
)

func newValidateCmd(io *iostreams.IO) *cobra.Command {
	opt := validate.Options{IO: io}
	cmd := &cobra.Command{
		Use:   "validate [FILE...]",
		Short: "Check the catalog and report every problem",
		Long: `validate checks the whole catalog: every practice file, its front matter and
body, and the links between practices. It reports every problem in one run,
as file:line:col: severity: message [rule].

Given files, it reports only the problems in those files, but still resolves
their references (related practices, links) against the whole catalog: this is
what a pre-commit hook runs on staged files.

Exit status: 0 no errors (warnings allowed unless --strict), 1 errors found,
2 usage or I/O error. validate never writes files.`,
		Example: `  # check the whole catalog
  catalog validate

  # check two files before committing them
  catalog validate catalog/practices/cr-eri.es.md catalog/practices/cr-eri.en.md

  # in CI: fail on warnings too, annotate the pull request
  catalog validate --strict --format github

  # for other tools
  catalog validate --format json`,
		RunE: func(cmd *cobra.Command, args []string) error {
			if io.Getenv("GOGC") == "" {
				// Validating allocates far more than it keeps (every
				// body's syntax tree is garbage once checked). Collecting
				// sooner keeps the peak memory of 10,000 practices at
				// ~0.85 GB instead of ~1.3 GB.
				// Not for build: drawing the books allocates so fast that
				// it costs a fifth of the time there.
				debug.SetGCPercent(50)
			}
			opt.Dir = catalogDir(cmd)
			opt.Files = args
			l, err := userLang(cmd, io)
			if err != nil {
				return err
			}
			opt.Lang = l
			return exit(validate.Run(opt))
		},
	}
	cmd.Flags().StringVar(&opt.Format, "format", "text", "output format: text, json or github")
	cmd.Flags().BoolVar(&opt.Strict, "strict", false, "fail (exit 1) on warnings too")
	_ = cmd.RegisterFlagCompletionFunc("format", cobra.FixedCompletions([]string{"text", "json", "github"}, cobra.ShellCompDirectiveNoFileComp))
	return cmd
}
