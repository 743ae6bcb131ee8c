package config

import (
	"flag"
	"slices"
	"strconv"
	"strings"
	"testing"

	"catalog/internal/readme"
)

func TestDefault(t *testing.T) {
	c := Default()
	if got := []int{len(c.Pillars.Terms), len(c.Themes.Terms), len(c.TargetGroups.Terms), len(c.ExploitationForms.Terms), len(c.Criteria.Terms)}; got[0] != 4 || got[1] != 31 || got[2] != 7 || got[3] != 9 || got[4] != 8 {
		t.Errorf("default vocabularies have %v terms, want [4 31 7 9 8]", got)
	}
	if c.DefaultLanguage() != "es" || c.Chapters != "country" {
		t.Errorf("default language %q, chapters %q", c.DefaultLanguage(), c.Chapters)
	}
	if got := c.Label(&c.Themes, "victim-identification", "es"); got != "Identificación de víctimas" {
		t.Errorf("label %q", got)
	}
	if got := c.Themes.Term("hotline").Pillar; got != "protection" {
		t.Errorf("hotline is in pillar %q", got)
	}
}

func TestParseOverrides(t *testing.T) {
	c, ds := Parse([]byte("title: Catálogo\nlanguages: [pt, es]\nsections:\n  pt: [Descrição]\n"), "catalog.yaml")
	if len(ds) > 0 {
		t.Fatal(ds)
	}
	if c.DefaultLanguage() != "pt" || c.Title.In("es", "pt") != "Catálogo" {
		t.Errorf("languages %v, title %v", c.Languages, c.Title)
	}
	if len(c.Sections) != 1 || c.Sections["pt"][0] != "Descrição" {
		t.Errorf("sections %v", c.Sections)
	}
	if len(c.Themes.Terms) != 31 {
		t.Error("a catalog.yaml without themes lost the default themes")
	}
	// Defaults name sections for es and en; a catalog in es only keeps es's.
	c, _ = Parse([]byte("title: x\nlanguages: [es]\n"), "catalog.yaml")
	if _, ok := c.Sections["en"]; ok || len(c.Sections["es"]) != 3 {
		t.Errorf("sections %v", c.Sections)
	}
}

func TestParseProblems(t *testing.T) {
	src := `title: Catálogo
languages: [es, EN, es, klingon]
chapter: pillar
chapters: region
base_url: ftp://example.org
themes:
  hotline: {pillar: protection, es: Línea}
  shelter: {pilar: protection}
  courts: {pillar: justice}
regions:
  andes: {es: Andes, countries: [PE, XX]}
`
	_, ds := Parse([]byte(src), "catalog.yaml")
	var got []string
	for _, d := range ds {
		got = append(got, d.Rule.ID+"@"+strconv.Itoa(d.Line)+": "+d.Message)
	}
	for _, want := range []string{
		`config@2: "EN" is not a language code`,
		`config@2: language "es" is listed twice`,
		`config@2: "klingon" is not a language code`,
		`unknown-field@3: unknown key "chapter" in catalog.yaml (did you mean "chapters"?)`,
		`config@4: chapters must be country or pillar, not "region"`,
		`config@5: base_url must start with https://`,
		`unknown-field@8: unknown key "pilar" in ` + "`themes.shelter`" + `: give a label per language code (did you mean "pillar"?)`,
		`config@8: theme "shelter" needs a pillar`,
		`config@9: theme "courts": unknown pillar "justice"`,
		`config@11: unknown country code "XX" in region andes`,
	} {
		if !contains(got, want) {
			t.Errorf("missing %q in\n%s", want, strings.Join(got, "\n"))
		}
	}
}

// TestParseNoCascade: one problem gives one message. A tab made YAML
// refuse the file, and then the title it has was said to be missing;
// languages all refused were then said to be none.
func TestParseNoCascade(t *testing.T) {
	for _, tc := range []struct{ src, want string }{
		{"title: Catálogo\nlanguages: [es, en]\nthemes:\n\thotline: {pillar: protection}\n", "yaml-tab"},
		{"title: Catálogo\nlanguages: [EN, ES]\n", "config"},
	} {
		_, ds := Parse([]byte(tc.src), "catalog.yaml")
		var rules []string
		for _, d := range ds {
			rules = append(rules, d.Rule.ID+": "+d.Message)
		}
		for _, r := range rules {
			if !strings.HasPrefix(r, tc.want+":") {
				t.Errorf("%q: %s, want only %s problems", tc.src, r, tc.want)
			}
		}
		if len(rules) == 0 {
			t.Errorf("%q: no problem", tc.src)
		}
	}
}

func contains(list []string, prefix string) bool {
	for _, s := range list {
		if strings.HasPrefix(s, prefix) {
			return true
		}
	}
	return false
}

var update = flag.Bool("update", false, "rewrite README.md's list of vocabularies")

// TestVocabulariesDoc: the README lists the default vocabularies as
// default.yaml has them; the sample's catalog.yaml sends writers there.
func TestVocabulariesDoc(t *testing.T) {
	readme.Section(t, "../../README.md", "vocabularies", VocabulariesDoc(), *update)
}

// TestByLabel: a label typed for a code, in either language, case and
// accents aside, gives the code.
func TestByLabel(t *testing.T) {
	c := Default()
	for in, want := range map[string]string{
		"Atención inmediata": "immediate-assistance", "atencion inmediata": "immediate-assistance",
		"ALBERGUE": "shelter", " Shelter ": "shelter", "albergues": "",
	} {
		if got := c.Themes.ByLabel(in); got != want {
			t.Errorf("ByLabel(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestVocabularyTable(t *testing.T) {
	c := Default()
	for _, row := range vocabularies {
		if !slices.Contains(keys, row.key) {
			t.Errorf("%s: a vocabulary that catalog.yaml may not give", row.key)
		}
		v := c.Vocabulary(row.key)
		if v == nil || v.Name != row.key || v.Singular != row.singular || len(v.Terms) == 0 {
			t.Errorf("%s: Vocabulary gives %+v", row.key, v)
		}
	}
	if c.Vocabulary("regions") != nil || c.Vocabulary("no-such") != nil {
		t.Error("Vocabulary finds a vocabulary that is none")
	}
}

// TestRepository: repository.edit is an https address with {path} once
// in its path; EditURL puts a file's path there, each segment escaped.
func TestRepository(t *testing.T) {
	c, ds := Parse([]byte("title: x\nrepository:\n  edit: https://github.com/org/repo/edit/main/catalog/{path}\n"), "catalog.yaml")
	if len(ds) > 0 {
		t.Fatal(ds)
	}
	if got, want := c.Repository.EditURL("practices/cr-eri.es.md"), "https://github.com/org/repo/edit/main/catalog/practices/cr-eri.es.md"; got != want {
		t.Errorf("EditURL = %q, want %q", got, want)
	}
	if got := c.Repository.EditURL("practices/a b?.md"); got != "https://github.com/org/repo/edit/main/catalog/practices/a%20b%3F.md" {
		t.Errorf("EditURL escapes to %q", got)
	}
	if got := Default().Repository.EditURL("practices/x.md"); got != "" {
		t.Errorf("no repository, EditURL = %q", got)
	}
	for _, tc := range []struct{ src, want string }{
		{"edit: http://github.com/o/r/edit/main/{path}", `config@3: repository.edit must be an https:// address, not "http://`},
		{"edit: https:///o/{path}", `config@3: repository.edit must be an https:// address`},
		{"edit: https://github.com/o/r/edit/main/", `config@3: repository.edit must name the file's place with {path} once`},
		{"edit: https://{path}/x", `config@3: repository.edit must name the file's place with {path} once`},
		{"edit: https://h/{path}/{path}", `config@3: repository.edit must name the file's place with {path} once`},
		{"editar: https://h/{path}", `unknown-field@3: unknown key "editar"`},
		{"edit: [a, b]", `field-type@3: `},
	} {
		c, ds := Parse([]byte("title: x\nrepository:\n  "+tc.src+"\n"), "catalog.yaml")
		var got []string
		for _, d := range ds {
			got = append(got, d.Rule.ID+"@"+strconv.Itoa(d.Line)+": "+d.Message)
		}
		if !contains(got, tc.want) {
			t.Errorf("%s: got %q, want %q", tc.src, got, tc.want)
		}
		if c.Repository.Edit != "" {
			t.Errorf("%s: kept %q", tc.src, c.Repository.Edit)
		}
	}
}

// TestParseBook: the edition and the book's parts, per language or one
// text for all; images only from media/; a wrong type or an unknown key
// is reported at its line.
func TestParseBook(t *testing.T) {
	src := `title: Catálogo
edition: {es: Primera edición, en: First edition}
book:
  cover_image: media/cover.jpg
  logos: [media/a.png, media/b.PNG]
  disclaimer: Un solo texto.
  citation: {es: Cita., en: Citation.}
`
	c, ds := Parse([]byte(src), "catalog.yaml")
	if len(ds) > 0 {
		t.Fatal(ds)
	}
	if c.Edition.In("en", "es") != "First edition" || c.Edition.In("es", "es") != "Primera edición" {
		t.Errorf("edition %v", c.Edition)
	}
	bk := c.Book
	if bk.CoverImage != "media/cover.jpg" || !slices.Equal(bk.Logos, []string{"media/a.png", "media/b.PNG"}) ||
		bk.Disclaimer.In("en", "es") != "Un solo texto." || bk.Citation.In("en", "es") != "Citation." {
		t.Errorf("book %+v", bk)
	}
	if d := Default(); d.Edition.In("es", "es") != "" || d.Book.CoverImage != "" || d.Book.Disclaimer.In("es", "es") != "" {
		t.Errorf("the defaults give book parts: %v %+v", d.Edition, d.Book)
	}

	src = `title: Catálogo
edition: [1]
book:
  cover: media/x.png
  cover_image: ../secret.png
  logos: media/a.png
  disclaimer: {es: [a]}
  citation: {es: ok}
book2: x
`
	_, ds = Parse([]byte(src), "catalog.yaml")
	var got []string
	for _, d := range ds {
		if d.File != "catalog.yaml" {
			t.Errorf("%s: in file %q", d.Message, d.File)
		}
		got = append(got, d.Rule.ID+"@"+strconv.Itoa(d.Line)+": "+d.Message)
	}
	for _, want := range []string{
		"field-type@2: `edition` must be a mapping",
		`unknown-field@4: unknown key "cover" in ` + "`book`" + ` (did you mean "cover_image"?)`,
		"config@5: `book.cover_image` must name an image in media/ (such as media/logo.png), not \"../secret.png\"",
		"field-type@6: `book.logos` must be a list: write [media/a.png]",
		"field-type@7: `book.disclaimer.es` must be text",
		`unknown-field@9: unknown key "book2" in catalog.yaml (did you mean "book"?)`,
	} {
		if !contains(got, want) {
			t.Errorf("missing %q in\n%s", want, strings.Join(got, "\n"))
		}
	}
	if len(got) != 6 {
		t.Errorf("%d problems, want 6:\n%s", len(got), strings.Join(got, "\n"))
	}
}
