package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"strings"

	"github.com/spf13/cobra"

	"catalog/internal/config"
	"catalog/internal/diag"
	"catalog/internal/iostreams"
	language "catalog/internal/lang"
	"catalog/internal/vocab"
)

func newVocabCmd(io *iostreams.IO) *cobra.Command {
	var format string
	cmd := &cobra.Command{
		Use:   "vocab [NAME]",
		Short: "List the codes a practice's fields take, with their names",
		Long: `vocab lists the codes a practice's fields take, each with its name in your
language (--lang): the catalog's themes (by pillar), pillars, target groups,
forms of exploitation, criteria and requirements, from its catalog.yaml (the
defaults when there is none); the countries, with their alpha-3 codes and
Spanish and English names; and the fixed lists: scope, status, level,
visibility, institution types, ratings, exchange kinds, outcomes and costs.

With no NAME, it lists the names of the lists. A practice file writes the
code (immediate-assistance, GT); the site and the books show the name.`,
		Example: `  # what the lists are
  catalog vocab

  # the themes to choose from, by pillar
  catalog vocab themes

  # the countries, for another tool
  catalog vocab countries --format json`,
		Args: func(cmd *cobra.Command, args []string) error {
			if len(args) > 1 {
				return usageError{language.Errorf("vocab takes one list name at most, for example: catalog vocab themes"), cmd.CommandPath()}
			}
			return nil
		},
		ValidArgsFunction: func(cmd *cobra.Command, args []string, toComplete string) ([]string, cobra.ShellCompDirective) {
			if len(args) > 0 {
				return nil, cobra.ShellCompDirectiveNoFileComp
			}
			lang, _ := userLang(cmd, io)
			var out []string
			for _, l := range vocab.Lists {
				if strings.HasPrefix(l.Name, toComplete) {
					out = append(out, l.Name+"\t"+l.About[lang])
				}
			}
			return out, cobra.ShellCompDirectiveNoFileComp
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			lang, err := userLang(cmd, io)
			if err != nil {
				return err
			}
			if format != "text" && format != "json" {
				return usageError{language.Errorf("unknown format %q: use text or json", diag.Escape(format)), cmd.CommandPath()}
			}
			if len(args) == 0 {
				return writeVocabNames(io, lang, format)
			}
			list := vocab.Lookup(args[0])
			if list == nil {
				return usageError{errors.New(vocab.Unknown(language.For(lang), diag.Escape(args[0]), vocab.Closest(args[0]))), cmd.CommandPath()}
			}
			cfg, err := vocabConfig(cmd, io, lang, list.FromConfig())
			if err != nil {
				return err
			}
			codes := list.Codes(cfg, lang)
			if format == "json" {
				return writeJSON(io, codes)
			}
			list.WriteText(io.Out, cfg, lang, codes)
			return nil
		},
	}
	cmd.Flags().StringVar(&format, "format", "text", "output format: text or json")
	_ = cmd.RegisterFlagCompletionFunc("format", cobra.FixedCompletions([]string{"text", "json"}, cobra.ShellCompDirectiveNoFileComp))
	return cmd
}

func writeVocabNames(io *iostreams.IO, lang, format string) error {
	if format == "text" {
		vocab.WriteNames(io.Out, lang)
		return nil
	}
	type name struct {
		Name  string `json:"name"`
		About string `json:"about"`
	}
	var names []name
	for _, l := range vocab.Lists {
		names = append(names, name{l.Name, l.About[lang]})
	}
	return writeJSON(io, names)
}

func writeJSON(io *iostreams.IO, v any) error {
	enc := json.NewEncoder(io.Out)
	enc.SetIndent("", "  ")
	return enc.Encode(v)
}

// vocabConfig is the catalog's configuration (--dir) for vocab and the
// completion of codes: the defaults when the folder holds no catalog.yaml,
// and also when catalog.yaml does not read. When say is set (the list
// shown comes from catalog.yaml), it says so on stderr in one line.
func vocabConfig(cmd *cobra.Command, io *iostreams.IO, l string, say bool) (*config.Config, error) {
	dir := catalogDir(cmd)
	cfg, ds, err := config.Load(dir)
	switch {
	case errors.Is(err, config.ErrNotFound):
		if say {
			fmt.Fprintf(io.ErrOut, "catalog: %s\n", vocab.Defaults(language.For(l), diag.Escape(strings.TrimSuffix(dir, "/")+"/")))
		}
		return config.Default(), nil
	case err != nil:
		return nil, err
	}
	if len(ds) > 0 && say {
		fmt.Fprintf(io.ErrOut, "catalog: %s\n", vocab.Problems(language.For(l), diag.Escape(cfg.Path)))
	}
	if len(cfg.Languages) == 0 {
		cfg.Languages = config.Default().Languages
	}
	return cfg, nil
}

// completeCodes completes a flag with the codes of the list called name,
// each described by its label in the user's language; the catalog's
// (--dir) when the list comes from catalog.yaml.
func completeCodes(io *iostreams.IO, name string) func(*cobra.Command, []string, string) ([]string, cobra.ShellCompDirective) {
	list := vocab.Lookup(name)
	return func(cmd *cobra.Command, _ []string, toComplete string) ([]string, cobra.ShellCompDirective) {
		lang, _ := userLang(cmd, io)
		cfg, err := vocabConfig(cmd, io, lang, false)
		if err != nil {
			cfg = config.Default()
		}
		// A list flag completes the item after the last comma.
		done, last := "", toComplete
		if i := strings.LastIndex(toComplete, ","); i >= 0 {
			done, last = toComplete[:i+1], toComplete[i+1:]
		}
		var out []string
		for _, c := range list.Codes(cfg, lang) {
			if strings.HasPrefix(strings.ToLower(c.Code), strings.ToLower(last)) {
				out = append(out, done+c.Code+"\t"+c.Label)
			}
		}
		return out, cobra.ShellCompDirectiveNoFileComp
	}
}
