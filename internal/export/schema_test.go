package export

import (
	"bytes"
	"encoding/json"
	"reflect"
	"strings"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"

	"catalog/internal/load"
	"catalog/internal/output"
)

// compileSchema compiles catalog.schema.json, as a validator would.
func compileSchema(t *testing.T) *jsonschema.Schema {
	t.Helper()
	doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(Schema))
	if err != nil {
		t.Fatalf("catalog.schema.json is not JSON: %v", err)
	}
	c := jsonschema.NewCompiler()
	c.AssertFormat()
	if err := c.AddResource("catalog.schema.json", doc); err != nil {
		t.Fatal(err)
	}
	sch, err := c.Compile("catalog.schema.json")
	if err != nil {
		t.Fatalf("catalog.schema.json: %v", err)
	}
	return sch
}

// exported writes the data files of the catalog in dir and gives
// catalog.json, decoded for a validator.
func exported(t *testing.T, dir string) (any, *output.Memory) {
	t.Helper()
	cat, _, err := load.Catalog(dir)
	if err != nil {
		t.Fatal(err)
	}
	out := &output.Memory{}
	if err := Write(cat.Public(), Options{Date: date}, out); err != nil {
		t.Fatal(err)
	}
	b, ok := out.File(JSONFile)
	if !ok {
		t.Fatal("no catalog.json")
	}
	doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	return doc, out
}

// TestSchema: catalog.json of the sample catalog and of the site's test
// catalog (adaptations, outcomes, a restricted practice) is valid
// against catalog.schema.json, which the build writes beside it.
func TestSchema(t *testing.T) {
	sch := compileSchema(t)
	for _, dir := range []string{sample, "../site/testdata/catalog"} {
		doc, out := exported(t, dir)
		if err := sch.Validate(doc); err != nil {
			t.Errorf("%s: catalog.json does not fit its schema: %v", dir, err)
		}
		if b, _ := out.File(SchemaFile); !bytes.Equal(b, Schema) {
			t.Errorf("%s: the build does not write catalog.schema.json", dir)
		}
	}
}

// TestSchemaRejects: the schema holds catalog.json to its shape: a field
// the schema does not name, a value outside a fixed list or a missing
// field fails, so a field added to catalog.json without its schema fails
// TestSchema.
func TestSchemaRejects(t *testing.T) {
	sch := compileSchema(t)
	for _, tc := range []struct {
		name   string
		change func(doc map[string]any)
	}{
		{"unknown field", func(doc map[string]any) { practice(doc)["new_field"] = 1 }},
		{"outcome outside its list", func(doc map[string]any) {
			text(doc)["exchanges"].([]any)[0].(map[string]any)["outcome"] = "done"
		}},
		{"cost outside its list", func(doc map[string]any) { text(doc)["adaptation"].(map[string]any)["cost"] = "cheap" }},
		{"missing adapted_in", func(doc map[string]any) { delete(practice(doc), "adapted_in") }},
		{"lower-case country", func(doc map[string]any) { practice(doc)["countries"] = []any{"cr"} }},
	} {
		t.Run(tc.name, func(t *testing.T) {
			doc, _ := exported(t, "../site/testdata/catalog")
			tc.change(doc.(map[string]any))
			if err := sch.Validate(doc); err == nil {
				t.Error("the schema accepts it")
			}
		})
	}
}

// practice and text give the test catalog's first practice (cr-alpha) and
// its source text.
func practice(doc map[string]any) map[string]any {
	return doc["practices"].([]any)[0].(map[string]any)
}

func text(doc map[string]any) map[string]any {
	return practice(doc)["texts"].(map[string]any)["es"].(map[string]any)
}

// TestSchemaValues: the schema's fixed lists are the field table's.
func TestSchemaValues(t *testing.T) {
	var s struct {
		Defs map[string]struct {
			Properties map[string]struct {
				Enum []string `json:"enum"`
			} `json:"properties"`
		} `json:"$defs"`
	}
	if err := json.Unmarshal(Schema, &s); err != nil {
		t.Fatal(err)
	}
	for _, f := range load.Fields {
		if f.Kind != load.KindCode || f.Name == "visibility" { // not exported: every practice is public
			continue
		}
		got := s.Defs["practice"].Properties[f.Name].Enum
		if !reflect.DeepEqual(got, f.Values) {
			t.Errorf("the schema gives %s as %s, the field table as %s", f.Name, strings.Join(got, ", "), strings.Join(f.Values, ", "))
		}
	}
}
