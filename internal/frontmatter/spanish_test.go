package frontmatter

import (
	"strings"
	"testing"

	"gopkg.in/yaml.v3"

	"catalog/internal/diag"
	"catalog/internal/lang"
)

// TestSyntaxInSpanish: a YAML syntax error, its hint and the tab
// messages made after the fact are said in Spanish whole, yaml.v3's own
// words too; in English they are as they were.
func TestSyntaxInSpanish(t *testing.T) {
	for _, tc := range []struct {
		name, src, en, es string
	}{
		{"indentation", "---\ntitle: T\nperiod:\n    start: 2013\n  end: 2015\n---\n",
			"did not find expected key (check the indentation of this line and the one before)",
			"no se encontró el campo esperado (revise la sangría de esta línea y de la anterior)"},
		{"flow list", "---\ncountries: [CR, PA\ntitle: T\n---\n",
			"did not find expected ',' or ']'", "no se encontró la ',' o el ']' esperados"},
		{"quote not closed", "---\ntitle: \"Atención Integral\nsummary: Resumen.\ncountries: [GT]\n---\n",
			"(the quote that opens this value is not closed: end the value with \")",
			"(las comillas que abren este valor no se cierran: termine el valor con \")"},
		{"tab read past", "---\ntitle: T\nperiod:\n\tstart: 2013\n---\n",
			"a tab indents this line: replace the tab with spaces (YAML allows no tab there); read on as if the text began in column ",
			"un tabulador sangra esta línea: cámbielo por espacios (YAML no admite tabuladores ahí); se siguió leyendo como si el texto empezara en la columna "},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, ds := Split([]byte(tc.src))
			if len(ds) == 0 {
				t.Fatal("no problem reported")
			}
			if !strings.Contains(ds[0].Message, tc.en) {
				t.Errorf("English: %q, want %q in it", ds[0].Message, tc.en)
			}
			es := diag.In(lang.For("es"), ds[:1])[0].Message
			if !strings.Contains(es, tc.es) {
				t.Errorf("Spanish: %q, want %q in it", es, tc.es)
			}
		})
	}
}

// TestDescribeInSpanish: what a value is, said in a message, is Spanish
// in Spanish; a value quoted from the file stays as written.
func TestDescribeInSpanish(t *testing.T) {
	es := lang.For("es")
	for _, tc := range []struct {
		n      *yaml.Node
		en, es string
	}{
		{&yaml.Node{Kind: yaml.SequenceNode}, "a list", "una lista"},
		{&yaml.Node{Kind: yaml.MappingNode}, "a mapping (key: value pairs)", "un grupo de campos (pares clave: valor)"},
		{&yaml.Node{Kind: yaml.ScalarNode, Tag: "!!null"}, "empty", "un valor vacío"},
		{&yaml.Node{Kind: yaml.AliasNode}, "an alias", "un alias"},
		{&yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: "dos mil"}, `"dos mil"`, `"dos mil"`},
	} {
		d := Describe(tc.n)
		if d.String() != tc.en || d.In(es) != tc.es {
			t.Errorf("Describe: %q and %q, want %q and %q", d.String(), d.In(es), tc.en, tc.es)
		}
	}
	if got := implicitKind("a boolean").In(es); got != "un valor sí/no" {
		t.Errorf("implicitKind in Spanish: %q", got)
	}
}
