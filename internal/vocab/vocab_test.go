package vocab

import (
	"strings"
	"testing"

	"catalog/internal/config"
	"catalog/internal/lang"
)

// TestFixedLabels: every code of every fixed list has a label of its own
// in every language catalog speaks, in the site's words: a missing word
// would show the key ("level.good") here and on the site.
func TestFixedLabels(t *testing.T) {
	fixed := 0
	for _, l := range Lists {
		if l.FromConfig() || l.Name == "countries" {
			continue
		}
		fixed++
		if len(l.FixedCodes()) == 0 {
			t.Errorf("%s has no codes", l.Name)
		}
		for _, code := range l.FixedCodes() {
			for _, lg := range lang.Supported {
				if s, ok := Words().Lookup(lg, l.WordsKey(code)); !ok || s == "" {
					t.Errorf("templates/i18n/%s.yaml has no %s", lg, l.WordsKey(code))
				}
			}
		}
	}
	if fixed != 9 {
		t.Errorf("%d fixed lists, want 9 (scope, status, level, visibility, and five of the checks)", fixed)
	}
}

// TestWordsInEveryLanguage: what a list is is said in every language
// catalog speaks (what catalog vocab says around the lists are messages,
// which lang's TestMessagesInBoth holds).
func TestWordsInEveryLanguage(t *testing.T) {
	for _, lg := range lang.Supported {
		for _, l := range Lists {
			if l.About[lg] == "" {
				t.Errorf("%s: no About in %s", l.Name, lg)
			}
		}
	}
}

// TestLookup: each name and other name finds its own list, whatever the
// case, accents and separators; no other name is taken twice.
func TestLookup(t *testing.T) {
	for _, l := range Lists {
		for _, name := range append([]string{l.Name}, l.aliases...) {
			if got := Lookup(name); got != l {
				t.Errorf("Lookup(%q) is %v, want %s", name, got, l.Name)
			}
		}
	}
	for in, want := range map[string]string{"Países": "countries", "target-groups": "target_groups", "Institution Types": "institution_types", "nada": "", "Temas": "themes"} {
		got := ""
		if l := Lookup(in); l != nil {
			got = l.Name
		}
		if got != want {
			t.Errorf("Lookup(%q) = %q, want %q", in, got, want)
		}
	}
	if c := Closest("exchange_kind"); c != "exchange_kinds" {
		t.Errorf("Closest(exchange_kind) = %q", c)
	}
}

// TestCodesFromConfig: a catalog's vocabulary is its catalog.yaml's, with
// labels in the language asked for, falling back to the catalog's first.
func TestCodesFromConfig(t *testing.T) {
	cfg, ds := config.Parse([]byte("title: T\nlanguages: [es, en]\npillars:\n  b: {es: Bé, en: Bee}\n  a: {es: A}\nthemes:\n  t1: {pillar: a, es: Uno, en: One}\n  t2: {pillar: b, es: Dos}\n  t3: {pillar: a, es: Tres, en: Three}\n"), "catalog.yaml")
	if len(ds) > 0 {
		t.Fatal(ds)
	}
	got := Lookup("themes").Codes(cfg, "en")
	want := []Code{{Code: "t2", Label: "Dos", Pillar: "b"}, {Code: "t1", Label: "One", Pillar: "a"}, {Code: "t3", Label: "Three", Pillar: "a"}}
	if len(got) != len(want) {
		t.Fatalf("%+v", got)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("theme %d is %+v, want %+v", i, got[i], want[i])
		}
	}
	var b strings.Builder
	Lookup("themes").WriteText(&b, cfg, "en", got)
	if want := "Bee (b)\n  t2  Dos\n\nA (a)\n  t1  One\n  t3  Three\n"; b.String() != want {
		t.Errorf("as text:\n%s\nwant:\n%s", b.String(), want)
	}
}

// TestWidth: a column is as wide as what a terminal shows, whether an
// accent is written with its letter or apart.
func TestWidth(t *testing.T) {
	for s, want := range map[string]int{"Panamá": 6, "Panama\u0301": 6, "Niñas": 5, "": 0, "a\u200bb": 2} {
		if got := width(s); got != want {
			t.Errorf("width(%q) = %d, want %d", s, got, want)
		}
	}
}

// TestTextEscaped: a label from catalog.yaml (a pull request's) reaches the
// terminal escaped, with no control character that could move the cursor.
func TestTextEscaped(t *testing.T) {
	cfg, ds := config.Parse([]byte("title: T\nlanguages: [es]\ntarget_groups:\n  a: {es: \"Uno\\e[2J\\rdos\"}\n"), "catalog.yaml")
	if len(ds) > 0 {
		t.Fatal(ds)
	}
	l := Lookup("target_groups")
	var b strings.Builder
	l.WriteText(&b, cfg, "es", l.Codes(cfg, "es"))
	if strings.ContainsAny(b.String(), "\x1b\r") || !strings.HasPrefix(b.String(), "a  Uno") {
		t.Errorf("%q", b.String())
	}
}
