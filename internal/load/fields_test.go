package load

import (
	"flag"
	"os"
	"regexp"
	"slices"
	"strings"
	"testing"

	"catalog/internal/config"
	"catalog/internal/model"
	"catalog/internal/readme"
)

var update = flag.Bool("update", false, "rewrite README.md's table of fields")

// TestFieldsDoc: the README's table of fields is the table's, and its
// example front matter, written by hand, gives the table's fields in the
// table's order.
func TestFieldsDoc(t *testing.T) {
	readme.Section(t, "../../README.md", "fields", FieldsDoc(), *update)
	src, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	_, ref, _ := strings.Cut(string(src), "## Front matter reference\n\n```yaml\n---\n")
	ref, _, _ = strings.Cut(ref, "\n---\n")
	var keys []string
	for _, m := range regexp.MustCompile(`(?m)^([a-z_]+):`).FindAllStringSubmatch(ref, -1) {
		keys = append(keys, m[1])
	}
	if !slices.Equal(keys, fieldNames) {
		t.Errorf("README.md's front matter reference gives\n%v\nthe table has\n%v", keys, fieldNames)
	}
	// "Writing a practice" names the fields a translation gives, in prose.
	_, prose, _ := strings.Cut(string(src), "gives only the translatable fields —")
	prose, _, _ = strings.Cut(prose, "— and the body")
	var named, translatable []string
	for _, m := range regexp.MustCompile("`([a-z_]+)`").FindAllStringSubmatch(prose, -1) {
		named = append(named, m[1])
	}
	for _, f := range Fields {
		if f.Translatable {
			translatable = append(translatable, f.Name)
		}
	}
	if !slices.Equal(named, translatable) {
		t.Errorf("README.md's \"Writing a practice\" names the translatable fields\n%v\nthe table has\n%v", named, translatable)
	}
}

// TestFields holds each row of the table to what the stages that iterate
// it assume of it.
func TestFields(t *testing.T) {
	cfg := config.Default()
	seen := map[string]bool{}
	for i := range Fields {
		f := &Fields[i]
		if f.Name == "" || seen[f.Name] {
			t.Errorf("row %d: name %q is empty or repeated", i, f.Name)
		}
		seen[f.Name] = true
		if LookupField(f.Name) != f {
			t.Errorf("%s: LookupField does not find its row", f.Name)
		}
		if f.decode == nil {
			t.Errorf("%s: no decode", f.Name)
		}
		// A translatable field lives in each text, the others in the
		// practice, once.
		if f.Translatable != (f.text != nil) || f.Translatable == (f.practice != nil) {
			t.Errorf("%s: Translatable is %v, but its value is in the %s", f.Name, f.Translatable, map[bool]string{true: "text", false: "practice"}[f.text != nil])
		}
		if f.inherit != nil && !f.Translatable {
			t.Errorf("%s: a shared field inherits nothing: a translation may only repeat it", f.Name)
		}
		if f.Need == InEveryFile && (!f.Translatable || f.inherit != nil) {
			t.Errorf("%s: every file must give it, so it is translatable and not inherited", f.Name)
		}
		var p model.Practice
		switch f.Kind {
		case KindCode:
			if len(f.Values) == 0 {
				t.Errorf("%s: a code with no values", f.Name)
			}
			if f.Default != "" && !slices.Contains(f.Values, f.Default) {
				t.Errorf("%s: default %q is not among its values", f.Name, f.Default)
			}
			if _, ok := f.practice(&p).(*string); !ok {
				t.Errorf("%s: Code cannot read it", f.Name)
			}
		case KindCountries, KindVocabulary, KindPractices:
			if _, ok := f.practice(&p).(*[]string); !ok {
				t.Errorf("%s: Codes cannot read it", f.Name)
			}
		case KindInstitutions:
			if f.Institutions(&model.Text{Institutions: []model.Institution{{}}, Partners: []model.Institution{{}}}) == nil {
				t.Errorf("%s: Institutions cannot read it", f.Name)
			}
		case 0:
			t.Errorf("%s: no kind", f.Name)
		}
		if (f.Kind == KindVocabulary) && (f.Vocabulary == nil || f.Vocabulary(cfg) == nil) {
			t.Errorf("%s: no vocabulary", f.Name)
		}
		if f.Default != "" && f.Kind != KindCode {
			t.Errorf("%s: only a code has a default", f.Name)
		}
	}
	if LookupField("no-such-field") != nil || FieldValues("no-such-field") != nil {
		t.Error("an unknown name finds a field")
	}
}
