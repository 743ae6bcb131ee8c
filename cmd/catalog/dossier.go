package main

import (
	"errors"

	"github.com/spf13/cobra"

	"catalog/internal/config"
	"catalog/internal/country"
	"catalog/internal/dossier"
	"catalog/internal/iostreams"
)

func newDossierCmd(io *iostreams.IO) *cobra.Command {
	opt := dossier.Options{IO: io}
	cmd := &cobra.Command{
		Use:   "dossier --practice ID[,ID...] -o FILE.pdf",
		Short: "Make a PDF dossier for a visiting delegation",
		Long: `dossier writes one PDF for a visit: the chosen practices in full, as the
book draws them, then a feasibility worksheet for each, a page for the
visiting team to fill in by hand (does their country have what the practice
requires, with room for notes; the cost; who runs it; the contact; the
sources). --country names the host country on the cover; --visitors names
the visiting countries that the worksheets ask about ("Does Honduras
have...?"). catalog build writes such a dossier for every country, beside its
page (LANG/countries/CC/dossier.pdf).

dossier validates the catalog first, as build does, and writes nothing when
it has errors. A restricted practice is never put in a dossier: naming one
is an error. The file is written whole or not at all.

SOURCE_DATE_EPOCH sets the date on the cover, for byte-identical files.

Exit status: 0 written, 1 the catalog has errors (nothing written), 2 usage
or I/O error (an unknown or restricted practice, a missing -o).`,
		Example: `  # Costa Rica's immediate-response team, for a delegation from Honduras
  catalog dossier --practice cr-equipo-respuesta-inmediata --country CR \
      --visitors HN -o visita-honduras.pdf

  # two practices, in English
  catalog dossier --practice gt-svet,hn-cicesct --lang en -o visit.pdf`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			opt.Dir = catalogDir(cmd)
			l, err := userLang(cmd, io)
			if err != nil {
				return err
			}
			opt.Speak = l
			code, err := dossier.Run(opt)
			if ue := (dossier.UsageError{}); errors.As(err, &ue) {
				return usageError{ue.Err, cmd.CommandPath()}
			}
			return exit(code, err)
		},
	}
	f := cmd.Flags()
	f.StringSliceVar(&opt.Practices, "practice", nil, "IDs of the practices, comma-separated or repeated, in the dossier's order")
	f.StringVar(&opt.Country, "country", "", "the host country named on the cover (CR, PA, ...)")
	f.StringSliceVar(&opt.Visitors, "visitors", nil, "the visiting countries the worksheets ask about, comma-separated (HN, PA, ...)")
	f.StringVar(&opt.Lang, "lang", "", "language of the dossier (default: the catalog's default language)")
	f.StringVarP(&opt.Out, "out", "o", "", "the PDF file to write")
	fixed := cobra.FixedCompletions(country.Codes(), cobra.ShellCompDirectiveNoFileComp)
	_ = cmd.RegisterFlagCompletionFunc("country", fixed)
	_ = cmd.RegisterFlagCompletionFunc("visitors", fixed)
	_ = cmd.RegisterFlagCompletionFunc("lang", func(cmd *cobra.Command, _ []string, _ string) ([]string, cobra.ShellCompDirective) {
		cfg, _, err := config.Load(catalogDir(cmd))
		if err != nil {
			return nil, cobra.ShellCompDirectiveNoFileComp
		}
		return cfg.Languages, cobra.ShellCompDirectiveNoFileComp
	})
	return cmd
}
