// Command catalog compiles a Catalog of Best Practices from Markdown files
// with YAML front matter: it starts new entries (new), checks them
// (validate), renders them as a static site, PDF books and data (build),
// and previews the site while they are written (serve). Each command
// parses its flags and calls one internal package.
package main

import (
	"errors"
	"fmt"
	"os"
	"runtime/debug"
	"runtime/pprof"
	"strings"

	"github.com/nicksnyder/go-i18n/v2/i18n"
	"github.com/spf13/cobra"

	"catalog/internal/config"
	"catalog/internal/diag"
	"catalog/internal/iostreams"
	"catalog/internal/lang"
)

func main() {
	os.Exit(profiled(os.Getenv("CATALOG_CPUPROFILE"), func() int { return run(iostreams.System(), os.Args[1:]) }))
}

// profiled runs f, writing a CPU profile of it to file when file is set
// (CATALOG_CPUPROFILE, for `go tool pprof`: how the speed of a whole
// command is measured, loading and writing included).
func profiled(file string, f func() int) int {
	if file == "" {
		return f()
	}
	out, err := os.Create(file)
	if err != nil {
		fmt.Fprintf(os.Stderr, "catalog: CATALOG_CPUPROFILE: %v\n", err)
		return 2
	}
	defer out.Close()
	if err := pprof.StartCPUProfile(out); err != nil {
		fmt.Fprintf(os.Stderr, "catalog: CATALOG_CPUPROFILE: %v\n", err)
		return 2
	}
	defer pprof.StopCPUProfile()
	return f()
}

// exitError carries an exit code out of a command without printing.
type exitError struct{ code int }

func (e exitError) Error() string { return fmt.Sprintf("exit %d", e.code) }

// exit is what a command returns for the exit code and error of the
// internal Run it calls: the error, or the code when it is not 0.
func exit(code int, err error) error {
	switch {
	case err != nil:
		return err
	case code != 0:
		return exitError{code}
	}
	return nil
}

// run executes the command line and returns the exit code. A panic becomes
// a one-line message: no Go stack trace ever reaches a user.
func run(io *iostreams.IO, args []string) (code int) {
	p := lang.For(helpLang(io, args))
	defer func() {
		if r := recover(); r != nil {
			fmt.Fprintln(io.ErrOut, p.T(msgInternal, map[string]string{"Error": diag.Escape(fmt.Sprint(r))}))
			if io.Getenv("CATALOG_DEBUG") != "" {
				io.ErrOut.Write(debug.Stack())
			}
			code = 2
		}
	}()
	root := newRootCmd(io)
	speakHelp(root, p)
	root.SetVersionTemplate(versionTemplate(currentBuild().text(p)))
	root.SetArgs(args)
	err := root.Execute()
	var ee exitError
	var ue usageError
	if errors.As(err, &ue) {
		ue.err = fromCobra(ue.err)
		err = ue
	} else if err != nil {
		err = fromCobra(err)
	}
	switch {
	case err == nil:
		return 0
	case errors.As(err, &ee):
		return ee.code
	case errors.As(err, &ue):
		fmt.Fprintf(io.ErrOut, "catalog: %s\n%s\n", diag.Escape(p.Error(ue.err)), p.T(msgRunHelp, map[string]string{"Command": ue.command}))
		return 2
	}
	// An error may name any file of the catalog: escaped, it stays one
	// line, whatever the file is named.
	fmt.Fprintf(io.ErrOut, "catalog: %s\n", diag.Escape(p.Error(err)))
	return 2
}

var (
	msgInternal = &i18n.Message{ID: "main.internal_error", Other: "catalog: internal error: {{.Error}}\nThis is a bug in catalog; please report it with the command you ran."}
	msgRunHelp  = &i18n.Message{ID: "main.run_help", Other: "Run '{{.Command}} --help' for usage."}
)

// usageError is a wrong flag or argument, which run follows with a hint
// on a line of its own.
type usageError struct {
	err     error
	command string
}

func (e usageError) Error() string { return e.err.Error() }
func (e usageError) Unwrap() error { return e.err }

func newRootCmd(io *iostreams.IO) *cobra.Command {
	root := &cobra.Command{
		Use:   "catalog",
		Short: "Compile a Catalog of Best Practices from Markdown files",
		Long: `catalog keeps a Catalog of Best Practices: practices written as Markdown
files with YAML front matter, in a folder with a catalog.yaml. It starts
new entries (catalog new), checks them (catalog validate), builds the site,
the PDF books and the data (catalog build), makes a PDF dossier for a
visiting delegation (catalog dossier), previews the site while you write
(catalog serve), lists the codes a practice's fields take, with their
names (catalog vocab), writes the schema of the front matter for editors
(catalog schema), serves editors as a language server (catalog lsp), and
starts the repository of a new catalog, with CI that checks and publishes it
(catalog init).`,
		SilenceErrors: true,
		SilenceUsage:  true,
		Version:       version(),
	}
	root.SetVersionTemplate(versionTemplate(currentBuild().text(lang.For("en"))))
	root.SetOut(io.Out)
	root.SetErr(io.ErrOut)
	root.SetIn(io.In)
	root.SetFlagErrorFunc(func(c *cobra.Command, err error) error {
		return usageError{err, c.CommandPath()}
	})
	root.PersistentFlags().String("dir", "", "the catalog folder (default: ./catalog, else . when it holds catalog.yaml)")
	root.PersistentFlags().String("lang", "", "the language catalog speaks to you, es or en (default: $CATALOG_LANG, else the catalog's first language, else the locale)")
	root.AddCommand(newValidateCmd(io), newNewCmd(io), newBuildCmd(io), newDossierCmd(io), newVersionCmd(io))
	root.AddCommand(newServeCmd(io), newVocabCmd(io), newSchemaCmd(io), newLSPCmd(io), newInitCmd(io))
	return root
}

// userLang is the language to speak to the user in (lang.Choose): --lang,
// $CATALOG_LANG, the first language of the catalog in catalogDir (when its
// catalog.yaml reads), the locale, English. A --lang that names no
// language catalog speaks is a usage error. new and dossier have a --lang
// of their own, the language of the file they write: theirs is not read.
func userLang(cmd *cobra.Command, io *iostreams.IO) (string, error) {
	flag := ""
	if f := cmd.Flags().Lookup("lang"); f != nil && f == cmd.Root().PersistentFlags().Lookup("lang") {
		flag = f.Value.String()
	}
	l, ok := chooseLang(io, flag, catalogDir(cmd))
	if !ok {
		return l, usageError{lang.Errorf("--lang %s: catalog speaks %s", diag.Escape(flag), strings.Join(lang.Supported, ", ")), cmd.CommandPath()}
	}
	return l, nil
}

// chooseLang is lang.Choose with the first language of the catalog in
// dir, read only when neither flag nor $CATALOG_LANG decides (reading
// catalog.yaml costs a file).
func chooseLang(io *iostreams.IO, flag, dir string) (string, bool) {
	def := ""
	if flag == "" && lang.Match(io.Getenv(lang.Env)) == "" {
		if cfg, _, err := config.Load(dir); err == nil && cfg != nil && len(cfg.Languages) > 0 {
			def = cfg.DefaultLanguage()
		}
	}
	return lang.Choose(flag, io.Getenv, def)
}

// catalogDir resolves --dir: the flag, else ./catalog, else the current
// folder when it holds a catalog.yaml.
func catalogDir(cmd *cobra.Command) string {
	if dir, _ := cmd.Flags().GetString("dir"); dir != "" {
		return dir
	}
	return defaultDir()
}

// defaultDir is the catalog folder when --dir does not say.
func defaultDir() string {
	if _, err := os.Stat("catalog.yaml"); err == nil {
		if _, err := os.Stat("catalog/catalog.yaml"); err != nil {
			return "."
		}
	}
	return "catalog"
}
