package check

import (
	"fmt"
	"sort"
	"strings"
	"testing"

	"catalog/internal/diag"
	"catalog/internal/lang"
)

// TestEveryFixtureInSpanish runs the checks over every fixture catalog
// and says each problem in Spanish: every format a problem is made with
// has its Spanish in internal/lang/es, and the message it gives is not
// the English one. The formats no fixture reaches are held by
// lang.TestFormatsInBoth.
func TestEveryFixtureInSpanish(t *testing.T) {
	es := lang.For("es")
	missing := map[string]int{}
	seen := 0
	for _, dir := range []string{"../../testdata/broken", "../../testdata/validate", "../../catalog", "../site/testdata/catalog"} {
		_, ds, err := Catalog(dir, Options{Now: today})
		if err != nil {
			t.Fatal(err)
		}
		for i, d := range diag.In(es, ds) {
			f := ds[i].Format()
			if f == "" {
				continue
			}
			seen++
			if !lang.HasFormat(f) {
				missing[f]++
				continue
			}
			if d.Message == ds[i].Message && strings.ContainsAny(f, "abcdefghijklmnopqrstuvwxyz") && !strings.HasPrefix(f, "%") {
				t.Errorf("%s: %q reads the same in Spanish", d.File, d.Message)
			}
		}
	}
	if len(missing) > 0 {
		var list []string
		for f, n := range missing {
			list = append(list, fmt.Sprintf("    %q (%d)", f, n))
		}
		sort.Strings(list)
		t.Errorf("%d formats the fixtures reach have no Spanish in internal/lang/es:\n%s", len(missing), strings.Join(list, "\n"))
	}
	if seen < 100 {
		t.Errorf("%d problems: the fixtures reach too little", seen)
	}
}
