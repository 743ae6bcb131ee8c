package main

import (
	"encoding/json"
	"strings"
	"testing"

	"catalog/internal/config"
	"catalog/internal/country"
	"catalog/internal/vocab"
)

// TestVocabThemes: catalog vocab themes lists every theme of the sample
// catalog, with its label in the language asked for, under the label of
// its pillar, and each pillar once.
func TestVocabThemes(t *testing.T) {
	cfg, _, err := config.Load("../../catalog")
	if err != nil {
		t.Fatal(err)
	}
	for _, lang := range []string{"es", "en"} {
		code, out, errOut := catalogCmd(t, nil, "vocab", "themes", "--dir", "../../catalog", "--lang", lang)
		if code != 0 || errOut != "" {
			t.Fatalf("%s: exit %d\n%s", lang, code, errOut)
		}
		headings := map[string]string{} // heading line → pillar
		for _, p := range cfg.Pillars.Terms {
			headings[p.Labels[lang]+" ("+p.Slug+")"] = p.Slug
		}
		pillar := ""
		seenPillar, seenTheme := map[string]bool{}, map[string]bool{}
		for _, line := range strings.Split(strings.TrimSuffix(out, "\n"), "\n") {
			switch {
			case line == "":
			case !strings.HasPrefix(line, "  "):
				p, ok := headings[line]
				if !ok || seenPillar[p] {
					t.Errorf("%s: %q is not the heading of a pillar not yet shown", lang, line)
				}
				pillar, seenPillar[p] = p, true
			default:
				code, label, _ := strings.Cut(strings.TrimSpace(line), "  ")
				label = strings.TrimSpace(label)
				th := cfg.Themes.Term(code)
				switch {
				case th == nil:
					t.Errorf("%s: %q is no theme", lang, line)
				case th.Pillar != pillar:
					t.Errorf("%s: %s is under %q, its pillar is %s", lang, code, pillar, th.Pillar)
				case label != th.Labels[lang]:
					t.Errorf("%s: %s is labelled %q, want %q", lang, code, label, th.Labels[lang])
				}
				seenTheme[code] = true
			}
		}
		if len(seenTheme) != len(cfg.Themes.Terms) || len(seenPillar) != len(cfg.Pillars.Terms) {
			t.Errorf("%s: %d of %d themes, %d of %d pillars:\n%s", lang, len(seenTheme), len(cfg.Themes.Terms), len(seenPillar), len(cfg.Pillars.Terms), out)
		}
	}
}

// TestVocabText: a fixed list and the list of lists, as a user reads them
// (golden text: the columns line up, accents and all).
func TestVocabText(t *testing.T) {
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"vocab", "level", "--lang", "es"}, "good       Buena práctica\npromising  Práctica prometedora\nemerging   Práctica emergente\n"},
		{[]string{"vocab", "nivel", "--lang", "en"}, "good       Good practice\npromising  Promising practice\nemerging   Emerging practice\n"},
		{[]string{"vocab", "Visibility", "--lang", "es"}, "public      Pública\nrestricted  Restringida\n"},
	} {
		code, out, errOut := catalogCmd(t, nil, append(tc.args, "--dir", "../../catalog")...)
		if code != 0 || out != tc.want || errOut != "" {
			t.Errorf("catalog %s: exit %d\n%s%s\nwant:\n%s", strings.Join(tc.args, " "), code, out, errOut, tc.want)
		}
	}
	code, out, _ := catalogCmd(t, nil, "vocab", "--lang", "es")
	if code != 0 || !strings.Contains(out, "\ncountries           los países, por su código ISO 3166-1") ||
		!strings.HasSuffix(out, "\ncatalog vocab NOMBRE muestra los códigos de una lista, con su nombre en español.\n") {
		t.Errorf("catalog vocab: exit %d\n%s", code, out)
	}
}

// TestVocabCountries: the JSON of the countries is every country the
// catalog accepts, with its alpha-3 code and Spanish and English names,
// sorted by the name in the language asked for.
func TestVocabCountries(t *testing.T) {
	code, out, errOut := catalogCmd(t, nil, "vocab", "countries", "--format", "json", "--lang", "es", "--dir", "../../catalog")
	if code != 0 {
		t.Fatalf("exit %d\n%s", code, errOut)
	}
	var got []vocab.Code
	if err := json.Unmarshal([]byte(out), &got); err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	if len(got) != len(country.Codes()) {
		t.Errorf("%d countries, want %d", len(got), len(country.Codes()))
	}
	at := map[string]int{}
	for i, c := range got {
		at[c.Code] = i
	}
	if gt := got[at["GT"]]; gt != (vocab.Code{Code: "GT", Label: "Guatemala", Alpha3: "GTM", Region: "central-america", ES: "Guatemala", EN: "Guatemala"}) {
		t.Errorf("GT is %+v", gt)
	}
	if de := got[at["DE"]]; de.Label != "Alemania" || de.EN != "Germany" || de.Region != "" {
		t.Errorf("DE is %+v", de)
	}
	// Spanish order: Alemania (DE) before Argelia (DZ), Perú before Polonia.
	if at["DE"] > at["DZ"] || at["PE"] > at["PL"] {
		t.Errorf("not in Spanish order: DE %d DZ %d PE %d PL %d", at["DE"], at["DZ"], at["PE"], at["PL"])
	}
	// The text: Central America first, with the column names.
	_, out, _ = catalogCmd(t, nil, "vocab", "countries", "--lang", "en", "--dir", "../../catalog")
	if !strings.HasPrefix(out, "Central America (central-america)\n  code  alpha-3  Spanish  ") || !strings.Contains(out, "\n  GT    GTM      Guatemala  ") {
		t.Errorf("countries as text:\n%.400s", out)
	}
}

// TestVocabUsage: a list that does not exist, a bad format, two names.
func TestVocabUsage(t *testing.T) {
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"vocab", "nada", "--lang", "es"}, `catalog: no hay ninguna lista "nada"; catalog vocab sin nombre las muestra todas` + "\n"},
		{[]string{"vocab", "nada", "--lang", "en"}, `catalog: no list is called "nada"; catalog vocab with no name shows them all` + "\n"},
		{[]string{"vocab", "temass", "--lang", "es"}, `catalog: no hay ninguna lista "temass" (¿quiso decir themes?); catalog vocab sin nombre`},
		{[]string{"vocab", "contries", "--lang", "en"}, `no list is called "contries" (did you mean countries?)`},
		{[]string{"vocab", "themes", "--format", "xml"}, `unknown format "xml"`},
		{[]string{"vocab", "themes", "level"}, "vocab takes one list name at most"},
	} {
		code, out, errOut := catalogCmd(t, nil, tc.args...)
		if code != 2 || out != "" || !strings.Contains(errOut, tc.want) || !strings.Contains(errOut, "catalog vocab --help") {
			t.Errorf("catalog %s: exit %d, want 2 and %q\nstdout: %s\nstderr: %s", strings.Join(tc.args, " "), code, tc.want, out, errOut)
		}
	}
}

// TestVocabNoCatalog: with no catalog.yaml, the defaults, said once on
// stderr; a list that is not the catalog's needs no word.
func TestVocabNoCatalog(t *testing.T) {
	dir := t.TempDir()
	code, out, errOut := catalogCmd(t, nil, "vocab", "target_groups", "--dir", dir, "--lang", "es")
	if code != 0 || !strings.Contains(out, "child-victims       Niñas, niños y adolescentes víctimas\n") ||
		strings.Count(errOut, "\n") != 1 || !strings.Contains(errOut, "no hay catalog.yaml en ") || !strings.Contains(errOut, "las listas por omisión") {
		t.Errorf("exit %d\nstdout: %s\nstderr: %s", code, out, errOut)
	}
	code, _, errOut = catalogCmd(t, nil, "vocab", "status", "--dir", dir)
	if code != 0 || errOut != "" {
		t.Errorf("vocab status: exit %d, stderr %q", code, errOut)
	}
}

// TestVocabCompletion: the shell completes the names of the lists, and
// catalog new's --theme and --country the codes, with their labels.
func TestVocabCompletion(t *testing.T) {
	_, out, _ := catalogCmd(t, nil, "__complete", "vocab", "--lang", "es", "")
	for _, l := range vocab.Lists {
		if !strings.Contains(out, l.Name+"\t"+l.About["es"]+"\n") {
			t.Errorf("completing vocab: no %s:\n%s", l.Name, out)
		}
	}
	if !strings.HasSuffix(out, ":4\n") {
		t.Errorf("completing vocab offers file names:\n%s", out)
	}
	_, out, _ = catalogCmd(t, nil, "__complete", "vocab", "th")
	if !strings.HasPrefix(out, "themes\t") || strings.Contains(out, "countries") {
		t.Errorf("completing vocab th:\n%s", out)
	}
	cfg, _, err := config.Load("../../catalog")
	if err != nil {
		t.Fatal(err)
	}
	_, out, _ = catalogCmd(t, nil, "__complete", "new", "--dir", "../../catalog", "--theme", "")
	for _, th := range cfg.Themes.Terms {
		if !strings.Contains(out, th.Slug+"\t"+th.Labels["es"]+"\n") {
			t.Errorf("completing new --theme: no %s:\n%s", th.Slug, out)
		}
	}
	// After a comma, the next theme; a prefix narrows it.
	_, out, _ = catalogCmd(t, nil, "__complete", "new", "--dir", "../../catalog", "--theme", "shelter,hot")
	if out != "shelter,hotline\tLínea de denuncia\n:4\n" {
		t.Errorf("completing new --theme shelter,hot:\n%s", out)
	}
	_, out, _ = catalogCmd(t, nil, "__complete", "new", "--dir", "../../catalog", "--country", "g")
	if !strings.Contains(out, "GT\tGuatemala\n") || strings.Contains(out, "CR\t") {
		t.Errorf("completing new --country g:\n%s", out)
	}
	_, out, _ = catalogCmd(t, nil, "__complete", "new", "--dir", "../../catalog", "--scope", "")
	if !strings.Contains(out, "binational\tBinacional\n") {
		t.Errorf("completing new --scope:\n%s", out)
	}
}
