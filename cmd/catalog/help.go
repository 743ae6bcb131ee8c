package main

import (
	"strings"

	"github.com/nicksnyder/go-i18n/v2/i18n"
	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"catalog/internal/iostreams"
	"catalog/internal/lang"
)

var msgHelpFor = &i18n.Message{ID: "usage.help_for", Other: "help for {{.Name}}"}

// helpLang is the language of the help, worked out from the command line
// before cobra reads it (the help is made with the commands): --lang
// unless the command is new or dossier, whose --lang is their file's;
// then as userLang does, with --dir's catalog.
func helpLang(io *iostreams.IO, args []string) string {
	var flag, dir, command string
	for i := 0; i < len(args); i++ {
		a := args[i]
		value := func(name string) (string, bool) {
			if v, ok := strings.CutPrefix(a, "--"+name+"="); ok {
				return v, true
			}
			if a == "--"+name && i+1 < len(args) {
				i++
				return args[i], true
			}
			return "", false
		}
		if v, ok := value("lang"); ok {
			if command != "new" && command != "dossier" {
				flag = v
			}
			continue
		}
		if v, ok := value("dir"); ok {
			dir = v
			continue
		}
		if command == "" && !strings.HasPrefix(a, "-") {
			command = a
		}
	}
	if dir == "" {
		dir = defaultDir()
	}
	l, ok := chooseLang(io, flag, dir)
	if !ok {
		return "en" // validate and the others say why
	}
	return l
}

// speakHelp puts the help of root and its commands into p's language:
// each command's Short, Long and Example and its flags' usage, by the IDs
// help.es.yaml gives them (helpID), and cobra's own headings.
func speakHelp(root *cobra.Command, p lang.Printer) {
	if p.Lang == "en" {
		return
	}
	var walk func(c *cobra.Command)
	walk = func(c *cobra.Command) {
		id := helpID(c)
		c.Use = speakUse(p, c, id)
		c.DisableFlagsInUseLine = true // usageHeadings writes the word
		c.Short = p.Help(id+".short", c.Short)
		c.Long = p.Help(id+".long", c.Long)
		c.Example = p.Help(id+".example", c.Example)
		c.InitDefaultHelpFlag()
		c.LocalNonPersistentFlags().VisitAll(func(f *pflag.Flag) { speakFlag(p, c, id, f) })
		c.PersistentFlags().VisitAll(func(f *pflag.Flag) { speakFlag(p, c, id, f) })
		for _, sub := range c.Commands() {
			walk(sub)
		}
	}
	root.InitDefaultHelpCmd()
	root.InitDefaultCompletionCmd()
	root.InitDefaultVersionFlag()
	walk(root)
	root.SetUsageTemplate(usageHeadings(p).Replace(root.UsageTemplate()))
}

// speakUse is c's Use line in p's language: the command's name as it is
// (it is what the user types), the placeholders of its arguments said
// again ("validate [ARCHIVO...]").
func speakUse(p lang.Printer, c *cobra.Command, id string) string {
	if !strings.Contains(c.Use, " ") {
		return c.Use
	}
	use := p.Help(id+".use", c.Use)
	if name, _, _ := strings.Cut(use, " "); name != c.Name() {
		return c.Use
	}
	return use
}

func speakFlag(p lang.Printer, c *cobra.Command, id string, f *pflag.Flag) {
	switch f.Name {
	case "help":
		f.Usage = p.T(msgHelpFor, map[string]string{"Name": c.Name()})
	default:
		f.Usage = p.Help(id+".flag."+f.Name, f.Usage)
	}
}

// helpID names a command in help.es.yaml: help.root, help.validate,
// help.completion.bash.
func helpID(c *cobra.Command) string {
	if !c.HasParent() {
		return "help.root"
	}
	return "help." + strings.ReplaceAll(strings.TrimPrefix(c.CommandPath(), c.Root().Name()+" "), " ", ".")
}

var (
	msgUsage      = &i18n.Message{ID: "usage.usage", Other: "Usage:"}
	msgAliases    = &i18n.Message{ID: "usage.aliases", Other: "Aliases:"}
	msgExamples   = &i18n.Message{ID: "usage.examples", Other: "Examples:"}
	msgCommands   = &i18n.Message{ID: "usage.commands", Other: "Available Commands:"}
	msgAdditional = &i18n.Message{ID: "usage.additional", Other: "Additional Commands:"}
	msgFlags      = &i18n.Message{ID: "usage.flags", Other: "Flags:"}
	msgGlobal     = &i18n.Message{ID: "usage.global", Other: "Global Flags:"}
	msgTopics     = &i18n.Message{ID: "usage.topics", Other: "Additional help topics:"}
	msgMore       = &i18n.Message{ID: "usage.more", Other: "for more information about a command."}
	msgCommandArg = &i18n.Message{ID: "usage.command_arg", Other: "[command]"}
	msgFlagsArg   = &i18n.Message{ID: "usage.flags_arg", Other: "[flags]"}
)

// usageHeadings replaces the English words of cobra's usage template: its
// headings, "[command]", and the "[flags]" that cobra's UseLine would add
// (speakHelp turns that off, as the template cannot reach it).
func usageHeadings(p lang.Printer) *strings.Replacer {
	var pairs []string
	for _, m := range []*i18n.Message{msgUsage, msgAliases, msgExamples, msgCommands, msgAdditional, msgFlags, msgGlobal, msgTopics, msgMore, msgCommandArg} {
		pairs = append(pairs, m.Other, p.T(m, nil))
	}
	pairs = append(pairs, "{{.UseLine}}", "{{.UseLine}}{{if .HasAvailableFlags}} "+p.T(msgFlagsArg, nil)+"{{end}}")
	return strings.NewReplacer(pairs...)
}
