package check

import (
	"slices"

	"catalog/internal/diag"
	"catalog/internal/load"
	"catalog/internal/model"
	"catalog/internal/suggest"
)

// applyIgnores drops the warnings that a catalog-ignore directive
// silences (on its own line or the next non-blank one), and reports
// directives that name an unknown rule or silence nothing. An error is
// never silenced: the build would publish what it is about.
func applyIgnores(cat *model.Catalog, ds []diag.Diagnostic) []diag.Diagnostic {
	type key struct {
		file string
		line int
		rule string
	}
	type state struct {
		ig   model.Ignore
		file string
		used bool
	}
	var all []*state
	index := map[key][]*state{}
	var out []diag.Diagnostic
	var ids []string
	for _, r := range All() {
		ids = append(ids, r.ID)
	}
	// Only the files with directives matter (few or none): a map and a
	// sort of all 20,000 files cost more than the rest of this function.
	files := map[string]*model.File{}
	for _, p := range cat.Practices {
		for _, t := range p.Texts {
			if len(t.File.Ignores) > 0 {
				files[t.File.Path] = t.File
			}
		}
	}
	for _, path := range sortedFileKeys(files) {
		f := files[path]
		for _, ig := range f.Ignores {
			if Lookup(ig.Rule) == nil {
				out = append(out, diag.New(load.RuleIgnore, f.Path, ig.Line, ig.Col, "catalog-ignore names an unknown rule %q%s", ig.Rule, suggest.Hint(ig.Rule, ids)))
				continue
			}
			s := &state{ig: ig, file: f.Path}
			all = append(all, s)
			for _, line := range []int{ig.Line, ig.Next} {
				k := key{f.Path, line, ig.Rule}
				index[k] = append(index[k], s)
			}
		}
	}
	for _, d := range ds {
		if ss := index[key{d.File, d.Line, d.Rule.ID}]; len(ss) > 0 && d.Rule != load.RuleIgnore {
			for _, s := range ss {
				s.used = true
			}
			if d.Severity != diag.Error {
				continue
			}
			// An error silenced was built: a country page "xx", a link
			// to a theme page that does not exist, a label's key shown
			// as text. It stays, and says why.
			d.Message += " (catalog-ignore silences warnings, not errors: fix the value)"
		}
		out = append(out, d)
	}
	for _, s := range all {
		if !s.used {
			out = append(out, diag.New(RuleUnusedIgnore, s.file, s.ig.Line, s.ig.Col, "catalog-ignore %s silences nothing here; remove it", s.ig.Rule))
		}
	}
	return out
}

func sortedFileKeys(m map[string]*model.File) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	slices.Sort(out)
	return out
}
