// Package readme keeps the parts of README.md that are generated from the
// code (the rule table, the vocabularies) the same as the code: tests
// compare them and, with -update, rewrite them.
package readme

import (
	"os"
	"strings"
	"testing"
)

// Section fails the test unless the README at path holds want between the
// lines <!-- name:begin --> and <!-- name:end -->; with update, it writes
// want there instead.
func Section(t testing.TB, path, name, want string, update bool) {
	t.Helper()
	src, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	begin, end := "<!-- "+name+":begin -->\n", "<!-- "+name+":end -->"
	i, j := strings.Index(string(src), begin), strings.Index(string(src), end)
	if i < 0 || j < i {
		t.Fatalf("%s lacks the %q … %q markers", path, begin, end)
	}
	if string(src[i+len(begin):j]) == want {
		return
	}
	if update {
		if err := os.WriteFile(path, []byte(string(src[:i+len(begin)])+want+string(src[j:])), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	t.Errorf("%s's %s are out of date: run the test with -update", path, name)
}
