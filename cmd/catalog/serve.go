package main

import (
	"os"
	"os/signal"
	"syscall"

	"github.com/spf13/cobra"

	"catalog/internal/iostreams"
	"catalog/internal/serve"
)

func newServeCmd(io *iostreams.IO) *cobra.Command {
	opt := serve.Options{IO: io}
	cmd := &cobra.Command{
		Use:   "serve",
		Short: "Preview the site while writing: serve it, rebuild and reload on every change",
		Long: `serve builds the site into memory and serves it on this machine only
(127.0.0.1), for previewing a practice while writing it. It watches the
catalog folder: every save rebuilds the site and reloads the pages open in
the browser. While the catalog has errors, every page shows them (file,
line, column and message, as validate prints them) and the terminal prints
them too; the last good site stays in memory, and the save that fixes them
brings the pages back. The PDF books (/catalog.LANG.pdf) are drawn when they
are asked for, once per change.

serve writes no file. --bind serves to other machines too (0.0.0.0: every
network interface); the problems it shows may quote any practice, restricted
ones included.

Ctrl-C stops it. Exit status: 0 stopped, 2 usage or I/O error (a port in
use, a folder that is not a catalog).`,
		Example: `  # preview the catalog in ./catalog, and open it in the browser
  catalog serve --open

  # another catalog, another port
  catalog serve --dir ~/catalogo --port 8081`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			opt.Dir = catalogDir(cmd)
			l, err := userLang(cmd, io)
			if err != nil {
				return err
			}
			opt.Speak = l
			ctx, stop := signal.NotifyContext(cmd.Context(), os.Interrupt, syscall.SIGTERM)
			defer stop()
			return exit(serve.Run(ctx, opt))
		},
	}
	cmd.Flags().IntVarP(&opt.Port, "port", "p", 8080, "the port to serve on (0: any free port)")
	cmd.Flags().StringVar(&opt.Bind, "bind", serve.DefaultBind, "the address to serve on (0.0.0.0: every network interface)")
	cmd.Flags().BoolVar(&opt.Open, "open", false, "open the site in the default browser")
	return cmd
}
