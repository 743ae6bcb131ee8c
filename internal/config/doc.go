package config

import (
	"fmt"
	"strings"
)

// VocabulariesDoc is the README's list of the default vocabularies and
// regions, as Markdown: the codes a practice file writes, with their
// labels. The README's copy is checked against it, so it cannot drift from
// default.yaml.
func VocabulariesDoc() string {
	c := Default()
	var b strings.Builder
	for _, row := range vocabularies {
		v := row.at(c)
		fmt.Fprintf(&b, "`%s`:\n\n", v.Name)
		if row.pillar {
			b.WriteString("| code | es | en | pillar |\n| --- | --- | --- | --- |\n")
		} else {
			b.WriteString("| code | es | en |\n| --- | --- | --- |\n")
		}
		for _, t := range v.Terms {
			fmt.Fprintf(&b, "| `%s` | %s | %s |", t.Slug, t.Labels["es"], t.Labels["en"])
			if row.pillar {
				fmt.Fprintf(&b, " `%s` |", t.Pillar)
			}
			b.WriteString("\n")
		}
		b.WriteString("\n")
	}
	b.WriteString("`regions` (they group countries on the site):\n\n| code | es | en | countries |\n| --- | --- | --- | --- |\n")
	for _, r := range c.Regions {
		fmt.Fprintf(&b, "| `%s` | %s | %s | %s |\n", r.Slug, r.Labels["es"], r.Labels["en"], strings.Join(r.Countries, ", "))
	}
	return b.String()
}
