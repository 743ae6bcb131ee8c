package main

import (
	"github.com/spf13/cobra"

	"catalog/internal/config"
	"catalog/internal/iostreams"
	"catalog/internal/lang"
	"catalog/internal/scaffold"
)

func newNewCmd(io *iostreams.IO) *cobra.Command {
	opt := scaffold.Options{IO: io}
	cmd := &cobra.Command{
		Use:   "new ID",
		Short: "Start a new practice (or a translation) from the skeleton",
		Long: `new writes practices/ID.LANG.md with every required field, in the catalog's
default language. Flags fill fields; on a terminal it asks for the title,
countries, themes and starting year when they are missing. What is left is marked TODO, and
catalog validate refuses the file until every TODO is filled in; new lists them.

ID is lowercase ASCII letters, digits and hyphens, starting with a letter;
by convention it starts with the country code (cr-equipo-respuesta-inmediata).
new never overwrites a file.

With --translate, new starts a translation of an existing practice: the
translatable fields (title, summary, institution names, notes) and the body
are copied from the source, each marked TODO to translate.`,
		Example: `  # a new practice, fields from flags (no questions asked)
  catalog new cr-mesa-de-prueba --title "Mesa de prueba" \
      --country CR --theme immediate-assistance,inter-agency-coordination --start 2009

  # start the English translation of it
  catalog new cr-mesa-de-prueba --translate --lang en`,
		Args: func(cmd *cobra.Command, args []string) error {
			if len(args) != 1 {
				return lang.Errorf("new takes one practice ID, for example: catalog new cr-equipo-respuesta-inmediata")
			}
			return nil
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			opt.Dir = catalogDir(cmd)
			opt.ID = args[0]
			l, err := userLang(cmd, io)
			if err != nil {
				return err
			}
			opt.Speak = l
			_, err = scaffold.Run(opt)
			return err
		},
	}
	f := cmd.Flags()
	f.StringVar(&opt.Lang, "lang", "", "language of the file (default: the catalog's default language; with --translate: the first missing one)")
	f.BoolVar(&opt.Translate, "translate", false, "start a translation of the existing practice ID")
	f.StringVar(&opt.Title, "title", "", "title of the practice")
	f.StringVar(&opt.Summary, "summary", "", "one-paragraph summary (600 characters at most)")
	f.StringSliceVar(&opt.Countries, "country", nil, "country codes, comma-separated or repeated (CR, PA, …)")
	f.StringSliceVar(&opt.Themes, "theme", nil, "theme slugs from catalog.yaml, comma-separated or repeated")
	f.StringSliceVar(&opt.Related, "related", nil, "IDs of related practices")
	f.StringVar(&opt.Scope, "scope", "", "local, subnational, national, binational or regional")
	f.StringVar(&opt.Institution, "institution", "", "name of the institution in charge")
	f.StringVar(&opt.InstitutionType, "institution-type", "", "government, judiciary, prosecution, police, ngo, international, private or academia")
	f.StringVar(&opt.Status, "status", "", "ongoing, ended or unknown")
	f.StringVar(&opt.Level, "level", "", "good, promising or emerging")
	f.StringVar(&opt.Start, "start", "", "year the practice started (2013 or 2013-02)")
	f.BoolVar(&opt.NoPrompt, "no-prompt", false, "never ask questions, even on a terminal")
	// Completion offers the codes a flag takes, with their labels: the
	// catalog's themes and languages, the countries, the fixed values
	// (catalog vocab's lists).
	for flag, list := range map[string]string{"scope": "scope", "status": "status", "level": "level",
		"institution-type": "institution_types", "country": "countries", "theme": "themes"} {
		_ = cmd.RegisterFlagCompletionFunc(flag, completeCodes(io, list))
	}
	fromConfig := func(list func(*config.Config) []string) func(*cobra.Command, []string, string) ([]string, cobra.ShellCompDirective) {
		return func(cmd *cobra.Command, _ []string, _ string) ([]string, cobra.ShellCompDirective) {
			cfg, _, err := config.Load(catalogDir(cmd))
			if err != nil {
				return nil, cobra.ShellCompDirectiveNoFileComp
			}
			return list(cfg), cobra.ShellCompDirectiveNoFileComp
		}
	}
	_ = cmd.RegisterFlagCompletionFunc("lang", fromConfig(func(c *config.Config) []string { return c.Languages }))
	return cmd
}
