package main

import (
	"fmt"
	"runtime"
	"runtime/debug"
	"strconv"
	"strings"

	"github.com/nicksnyder/go-i18n/v2/i18n"
	"github.com/spf13/cobra"

	"catalog/internal/iostreams"
	"catalog/internal/lang"
)

// The stamps of a release build: `make dist` (tools/dist) sets them with
// -ldflags "-X main.buildVersion=v0.1.0 -X main.buildRevision=… -X
// main.buildModified=false -X main.buildDate=2026-12-06T15:00:00Z" and
// builds with -buildvcs=false, so they are all a release binary knows. A
// plain `go build` or `go install` leaves them empty: then the module
// build info says what it can (debug.ReadBuildInfo).
var (
	buildVersion  = ""
	buildRevision = ""
	buildModified = ""
	buildDate     = ""
)

// buildInfo is what `catalog version` prints. An empty field is unknown.
type buildInfo struct {
	Version  string // v0.1.0, or devel
	Revision string // the commit, in full
	Modified string // "true" when the working tree had uncommitted changes
	Date     string // RFC 3339, UTC: the source's date (the last commit's), which keeps a release reproducible
	Go       string // go1.26.8 linux/amd64
}

// readBuild fills buildInfo from the stamps, else from the module build
// info (a go install of a tagged version gives its version; a build in a
// checkout gives vcs.revision, vcs.modified and vcs.time).
func readBuild(info *debug.BuildInfo, ok bool, version, revision, modified, date string) buildInfo {
	b := buildInfo{Version: version, Revision: revision, Modified: modified, Date: date}
	goVersion := runtime.Version()
	if ok && info != nil {
		if info.GoVersion != "" {
			goVersion = info.GoVersion
		}
		if b.Version == "" && info.Main.Version != "" && info.Main.Version != "(devel)" {
			b.Version = info.Main.Version
		}
		if version == "" { // not a release: the VCS settings, when the build had them
			for _, s := range info.Settings {
				switch s.Key {
				case "vcs.revision":
					b.Revision = s.Value
				case "vcs.modified":
					b.Modified = s.Value
				case "vcs.time":
					b.Date = s.Value
				}
			}
		}
	}
	if b.Version == "" {
		b.Version = "devel"
	}
	b.Go = goVersion + " " + runtime.GOOS + "/" + runtime.GOARCH
	return b
}

// currentBuild is this binary's buildInfo.
func currentBuild() buildInfo {
	info, ok := debug.ReadBuildInfo()
	return readBuild(info, ok, buildVersion, buildRevision, buildModified, buildDate)
}

// short is the version in one word, as `catalog --version` heads it:
// v0.1.0, or devel+1a2b3c4d5e6f for a build from a checkout.
func (b buildInfo) short() string {
	v := b.Version
	if v == "devel" && len(b.Revision) >= 12 {
		v += "+" + b.Revision[:12]
	}
	return v
}

var (
	msgVersionRevision = &i18n.Message{ID: "version.revision", Other: "revision: {{.Value}}"}
	msgVersionModified = &i18n.Message{ID: "version.modified", Other: "uncommitted changes: {{.Value}}"}
	msgVersionDate     = &i18n.Message{ID: "version.date", Other: "date: {{.Value}}"}
	msgVersionGo       = &i18n.Message{ID: "version.go", Other: "Go: {{.Value}}"}
	msgVersionUnknown  = &i18n.Message{ID: "version.unknown", Other: "unknown"}
	msgVersionYes      = &i18n.Message{ID: "version.yes", Other: "yes"}
	msgVersionNo       = &i18n.Message{ID: "version.no", Other: "no"}
)

// text is what `catalog version` and `catalog --version` print, in p's
// language.
func (b buildInfo) text(p lang.Printer) string {
	unknown := p.T(msgVersionUnknown, nil)
	or := func(s string) string {
		if s == "" {
			return unknown
		}
		return s
	}
	modified := unknown
	if m, err := strconv.ParseBool(b.Modified); err == nil {
		modified = p.T(msgVersionNo, nil)
		if m {
			modified = p.T(msgVersionYes, nil)
		}
	}
	line := func(m *i18n.Message, v string) string {
		return p.T(m, map[string]string{"Value": v}) + "\n"
	}
	var s strings.Builder
	s.WriteString("catalog " + b.Version + "\n")
	s.WriteString(line(msgVersionRevision, or(b.Revision)))
	s.WriteString(line(msgVersionModified, modified))
	s.WriteString(line(msgVersionDate, or(b.Date)))
	s.WriteString(line(msgVersionGo, b.Go))
	return s.String()
}

// versionTemplate is text as cobra's version template (for --version):
// one quoted string, so nothing a stamp holds reads as a template.
func versionTemplate(text string) string {
	return "{{" + strconv.Quote(text) + "}}"
}

func newVersionCmd(io *iostreams.IO) *cobra.Command {
	return &cobra.Command{
		Use:   "version",
		Short: "Print catalog's version",
		Long: `version prints catalog's version (v0.1.0 for a release, devel for a build
from a checkout), the commit it was built from, whether that checkout had
uncommitted changes, the date of the source (a release is stamped with its
last commit's time, so that two builds of it are identical) and the Go
version and platform it was built with. catalog --version prints the same.`,
		Args:    cobra.NoArgs,
		Example: "  catalog version",
		RunE: func(cmd *cobra.Command, args []string) error {
			l, err := userLang(cmd, io)
			if err != nil {
				return err
			}
			_, err = fmt.Fprint(io.Out, currentBuild().text(lang.For(l)))
			return err
		},
	}
}

// version is this binary's version in one word (v0.1.0, devel+1a2b3c4d5e6f),
// for what names it: catalog --version's head, a file that pins a release.
func version() string { return currentBuild().short() }
