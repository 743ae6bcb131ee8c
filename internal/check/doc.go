package check

import (
	"fmt"
	"strings"
)

// RulesTable renders the rule list as a Markdown table: the README's rule
// reference is generated from it (go test ./internal/check -update), so it
// cannot drift from the code.
func RulesTable() string {
	var b strings.Builder
	b.WriteString("| rule | severity | what it reports |\n| --- | --- | --- |\n")
	for _, r := range All() {
		fmt.Fprintf(&b, "| `%s` | %s | %s |\n", r.ID, r.Severity, strings.ReplaceAll(r.Doc, "|", `\|`))
	}
	return b.String()
}
