package main

import (
	"runtime"
	"runtime/debug"
	"strings"
	"testing"

	"catalog/internal/lang"
)

// TestVersionFromBuildInfo: a build without stamps says what the module
// build info holds: go install's version, or a checkout's VCS settings.
func TestVersionFromBuildInfo(t *testing.T) {
	info := &debug.BuildInfo{GoVersion: "go1.26.8", Main: debug.Module{Path: "catalog", Version: "(devel)"}, Settings: []debug.BuildSetting{
		{Key: "vcs", Value: "git"},
		{Key: "vcs.revision", Value: "0123456789abcdef0123456789abcdef01234567"},
		{Key: "vcs.time", Value: "2026-12-01T10:00:00Z"},
		{Key: "vcs.modified", Value: "true"},
	}}
	b := readBuild(info, true, "", "", "", "")
	platform := runtime.GOOS + "/" + runtime.GOARCH
	want := "catalog devel\nrevision: 0123456789abcdef0123456789abcdef01234567\nuncommitted changes: yes\ndate: 2026-12-01T10:00:00Z\nGo: go1.26.8 " + platform + "\n"
	if got := b.text(lang.For("en")); got != want {
		t.Errorf("from build info:\n%s\nwant:\n%s", got, want)
	}
	if got := b.short(); got != "devel+0123456789ab" {
		t.Errorf("short: %q", got)
	}
	es := b.text(lang.For("es"))
	for _, s := range []string{"revisión: 0123456789abcdef", "cambios sin confirmar: sí", "fecha: 2026-12-01T10:00:00Z"} {
		if !strings.Contains(es, s) {
			t.Errorf("in Spanish, no %q:\n%s", s, es)
		}
	}

	// go install catalog@v0.2.0: the module's version, no VCS settings.
	info = &debug.BuildInfo{GoVersion: "go1.26.8", Main: debug.Module{Path: "catalog", Version: "v0.2.0"}}
	b = readBuild(info, true, "", "", "", "")
	want = "catalog v0.2.0\nrevision: unknown\nuncommitted changes: unknown\ndate: unknown\nGo: go1.26.8 " + platform + "\n"
	if got := b.text(lang.For("en")); got != want || b.short() != "v0.2.0" {
		t.Errorf("go install @v0.2.0 (short %q):\n%s\nwant:\n%s", b.short(), got, want)
	}
	if es := b.text(lang.For("es")); !strings.Contains(es, "revisión: no se sabe\ncambios sin confirmar: no se sabe\n") {
		t.Errorf("unknown, in Spanish:\n%s", es)
	}
	// No build info at all.
	if b := readBuild(nil, false, "", "", "", ""); b.short() != "devel" || !strings.HasPrefix(b.Go, runtime.Version()+" ") {
		t.Errorf("no build info: %+v", b)
	}
}

// TestVersionFromStamps: make dist's -ldflags stamps win over the build
// info (a release is built with -buildvcs=false), VCS settings included.
func TestVersionFromStamps(t *testing.T) {
	info := &debug.BuildInfo{GoVersion: "go1.26.8", Main: debug.Module{Path: "catalog", Version: "(devel)"}, Settings: []debug.BuildSetting{
		{Key: "vcs.revision", Value: "ffffffffffffffffffffffffffffffffffffffff"},
		{Key: "vcs.modified", Value: "true"},
	}}
	b := readBuild(info, true, "v0.1.0", "0123456789abcdef0123456789abcdef01234567", "false", "2026-12-06T15:00:00Z")
	want := "catalog v0.1.0\nrevision: 0123456789abcdef0123456789abcdef01234567\nuncommitted changes: no\ndate: 2026-12-06T15:00:00Z\nGo: go1.26.8 " + runtime.GOOS + "/" + runtime.GOARCH + "\n"
	if got := b.text(lang.For("en")); got != want || b.short() != "v0.1.0" {
		t.Errorf("from stamps (short %q):\n%s\nwant:\n%s", b.short(), got, want)
	}
}

// TestVersionCommand: `catalog version` and `catalog --version` print the
// same, in the user's language.
func TestVersionCommand(t *testing.T) {
	want := currentBuild().text(lang.For("es"))
	for _, args := range [][]string{{"version", "--lang", "es"}, {"--version", "--lang", "es"}, {"--version"}} {
		env := map[string]string{"CATALOG_LANG": "es"}
		code, out, errOut := catalogCmd(t, env, args...)
		if code != 0 || out != want || !strings.HasPrefix(out, "catalog ") || !strings.Contains(out, "\nGo: go1.") {
			t.Errorf("catalog %s: exit %d\n%s%s\nwant:\n%s", strings.Join(args, " "), code, out, errOut, want)
		}
	}
	code, out, _ := catalogCmd(t, nil, "version", "--lang", "en")
	if code != 0 || !strings.Contains(out, "\nuncommitted changes: ") {
		t.Errorf("catalog version --lang en: exit %d\n%s", code, out)
	}
	if code, _, errOut := catalogCmd(t, nil, "version", "extra"); code != 2 {
		t.Errorf("catalog version extra: exit %d, want 2\n%s", code, errOut)
	}
}
