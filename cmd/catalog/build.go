package main

import (
	"github.com/spf13/cobra"

	"catalog/internal/build"
	"catalog/internal/iostreams"
)

func newBuildCmd(io *iostreams.IO) *cobra.Command {
	opt := build.Options{IO: io}
	cmd := &cobra.Command{
		Use:   "build",
		Short: "Build the HTML site, the PDF books and the data exports",
		Long: `build validates the catalog and, when it has no errors, writes the site to
--out: a language chooser, and per language a home page with filters and the
country × theme matrix, a page per practice, country and theme, the exchanges
and a search that works offline. catalog.LANG.pdf is the printable book of
each language, and each country has its dossier for a visiting delegation
(LANG/countries/CC/dossier.pdf). catalog.json and catalog.csv hold the public practices as
data; sitemap.xml and an Atom feed per language (LANG/feed.xml) are written
when catalog.yaml sets base_url. 404.html is the page a host serves for a
missing path. Restricted practices appear nowhere.

The site is built in a new folder beside --out and swapped in at the end: a
failed build leaves the earlier output as it was. build only replaces a
folder it made itself (it leaves a .catalog-build file there), or an empty one.

SOURCE_DATE_EPOCH sets the build date, for byte-identical rebuilds.

Exit status: 0 built, 1 the catalog has errors (nothing written), 2 usage or
I/O error.`,
		Example: `  # build the site into public/
  catalog build

  # only the PDF books and the data exports, somewhere else
  catalog build --targets pdf,data --out /tmp/catalog-print

  # reproducible: the date of the last commit
  SOURCE_DATE_EPOCH=$(git log -1 --format=%ct) catalog build`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			opt.Dir = catalogDir(cmd)
			l, err := userLang(cmd, io)
			if err != nil {
				return err
			}
			opt.Speak = l
			return exit(build.Run(opt))
		},
	}
	cmd.Flags().StringVarP(&opt.Out, "out", "o", "public", "the folder to write the site to")
	cmd.Flags().StringSliceVar(&opt.Targets, "targets", nil, "what to build, comma-separated: html, pdf, data (default all)")
	_ = cmd.RegisterFlagCompletionFunc("targets", cobra.FixedCompletions(build.Targets, cobra.ShellCompDirectiveNoFileComp))
	return cmd
}
