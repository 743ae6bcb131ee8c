package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestInitThenValidateAndBuild: what the issue asks of a clean machine,
// catalog init DIR, then validate --strict and build in it, through the
// command line.
func TestInitThenValidateAndBuild(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "x")
	code, out, errOut := catalogCmd(t, map[string]string{"CATALOG_LANG": "en"}, "init", dir)
	if code != 0 || out != "" || !strings.Contains(errOut, "created "+filepath.Join(dir, "catalog.yaml")) {
		t.Fatalf("init: exit %d\n%s%s", code, out, errOut)
	}
	code, out, errOut = catalogCmd(t, nil, "validate", "--strict", "--dir", dir)
	if code != 0 {
		t.Fatalf("validate --strict: exit %d\n%s%s", code, out, errOut)
	}
	code, out, errOut = catalogCmd(t, nil, "build", "--dir", dir, "--out", filepath.Join(dir, "public"), "--targets", "html,data")
	if code != 0 {
		t.Fatalf("build: exit %d\n%s%s", code, out, errOut)
	}
	if _, err := os.Stat(filepath.Join(dir, "public", "index.html")); err != nil {
		t.Error(err)
	}
	// Again: the folder is not empty now.
	code, _, errOut = catalogCmd(t, map[string]string{"CATALOG_LANG": "es"}, "init", dir)
	if code != 2 || !strings.Contains(errOut, "no está vacía") {
		t.Errorf("init into the same folder: exit %d\n%s", code, errOut)
	}
}

func TestInitUsage(t *testing.T) {
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"init", "a", "b"}, "init takes one folder at most"},
		{[]string{"init", "--ci", "travis"}, "--ci travis: use github, gitlab or none"},
		{[]string{"init", "--languages", "pt"}, "not pt"},
	} {
		dir := t.TempDir()
		args := append(tc.args, "--dir", dir) // the user's language is not read from a catalog here
		code, _, errOut := catalogCmd(t, map[string]string{"CATALOG_LANG": "en"}, args...)
		if code != 2 || !strings.Contains(errOut, tc.want) || !strings.Contains(errOut, "Run 'catalog init --help'") {
			t.Errorf("%v: exit %d\n%s", tc.args, code, errOut)
		}
		if entries, _ := os.ReadDir(dir); len(entries) > 0 {
			t.Errorf("%v wrote files", tc.args)
		}
	}
	code, _, errOut := catalogCmd(t, map[string]string{"CATALOG_LANG": "es"}, "init", "--ci", "travis", "--dir", t.TempDir())
	if code != 2 || !strings.Contains(errOut, "use github, gitlab o none") {
		t.Errorf("in Spanish: exit %d\n%s", code, errOut)
	}
}
