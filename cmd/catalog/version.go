package main

import (
	"fmt"
	"runtime/debug"

	"github.com/spf13/cobra"

	"catalog/internal/iostreams"
)

// version is set by the linker (-ldflags "-X main.buildVersion=v1.2.3"),
// else read from the module build info.
var buildVersion = ""

func version() string {
	if buildVersion != "" {
		return buildVersion
	}
	info, ok := debug.ReadBuildInfo()
	if !ok {
		return "devel"
	}
	v := info.Main.Version
	if v == "" || v == "(devel)" {
		v = "devel"
	}
	for _, s := range info.Settings {
		if s.Key == "vcs.revision" && len(s.Value) >= 12 {
			v += "+" + s.Value[:12]
		}
	}
	return v
}

func newVersionCmd(io *iostreams.IO) *cobra.Command {
	return &cobra.Command{
		Use:     "version",
		Short:   "Print catalog's version",
		Args:    cobra.NoArgs,
		Example: "  catalog version",
		RunE: func(cmd *cobra.Command, args []string) error {
			_, err := fmt.Fprintf(io.Out, "catalog %s\n", version())
			return err
		},
	}
}
