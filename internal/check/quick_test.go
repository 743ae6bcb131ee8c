package check

import (
	"bytes"
	"math/rand/v2"
	"net/url"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"

	"catalog/internal/diag"
	"catalog/internal/load"
	"catalog/internal/model"
	"catalog/internal/synth"
)

// bodySnippets are what writers put in bodies that the quick path must
// notice (or may safely pass over): links of every kind, HTML, code, other
// headings, footnotes, contact data, case numbers, odd characters.
var bodySnippets = []string{
	"a@b.org", "write to info@example.com today", "+506 2222-3333", "(011) 4370-9000", "12.345.678",
	"2012-2017", "1234567", "phone 2222 3333 44", "1 2 3 4 5 6", "<b>bold</b>", "<!-- a comment -->",
	"<https://x.org>", "<div>\nx\n</div>", "[a](javascript:alert(1))", "[a](javascript:x)",
	"![i](media/x.png)", "![i](nope.png)", "![i](../media/missing.png)", "[p](no-such-practice.es.md)",
	"[p](PRACTICE.es.md)", "![p](PRACTICE.es.md)", "[p](../practices/PRACTICE.en.md)", "[h](http://)",
	"[h](//x.org/a)", "[m](mailto:x)", "![m](mailto:x)", "[e](&#106;avascript:x)", "[e](a&amp;b)",
	"[s](a b)", "[t](https://x.org \"title\")", "[u](<https://x.org/a b>)", "[p](https://x.org/a(b))",
	"\\[a](javascript:x)", "`[a](javascript:1)`", "[a]()", "[a](#top)", "[x](https://x.org/é)",
	"\n```\n## Description\n```\n", "\n~~~\ncode 555-1234567\n~~~\n", "\n    ## Description\n",
	"\n    indented 12345678 code\n", "\n[^2]: foot note 1234567\n", "\n[^x y]: foot\n",
	"\n[ref]: ftp://x.org\n", "[x][ref]", "[ref]", "expediente N° 123-45", "causa 2019/123",
	"Expediente 12345", "case no. 123/2019", "file #4567", "carpeta fiscal 2020-11-3", "proceso 2015",
	"Expediente 123", "expediente 12.345", "causa n° 12", "causa nº 1234", "Case No. 12/2020", "file # 1-2",
	"legajo 12", "docket 123456", "expediente\n2019-123", "EXP. 99-1", "carpeta de investigación 12-3",
	"número 1234", "los expedientes 12-34", "xcausa 1234", "causa   12345", "causa\tN° 12-1",
	"e\u0301", "😀", "中文字", "\u200b", "**x**", "*y*", "~~del~~", "\n# Top heading\n",
	"\n## Resultados\n", "\n## Results\n", "\nDescription\n===\n", "\n## Description ##\n",
	"\n## *Description*\n", "\n  ## Description\n", "\n> ## Results\n", "\n- ## Lessons learned\n",
	"\n## Descripción\n", "\n## Lessons Learned:\n", "\n### Lessons learned\n", "\n#### Results\n",
	"##NoSpace", "TODO", "<!-- catalog-ignore glyph: fine -->", "<!-- catalog-ignore personal-data: ok -->",
	"\t", "\n| a | b |\n| --- | --- |\n| 1 234 5678 | [x](javascript:1) |\n", "&amp;", "\\@", "x@y",
	"[", "]", "](", "![", "[a](", "[a](b", "<", "]:", "\n<script>x</script>\n", "\n1. item\n2. item\n",
	"\n> quote 2222-3333-44\n", "\n---\n", "Results\n", "Lessons", "\n\n",
}

// mutate writes a copy of a generated catalog with snippets put in random
// places of the bodies.
func mutate(t *testing.T, seed uint64) string {
	t.Helper()
	dir := t.TempDir()
	if err := synth.Write(dir, synth.Options{Practices: 150, Seed: int64(seed), MinWords: 60, MaxWords: 250}); err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(filepath.Join(dir, "media"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "media", "x.png"), []byte("png"), 0o644); err != nil {
		t.Fatal(err)
	}
	files, _ := filepath.Glob(filepath.Join(dir, "practices", "*.md"))
	r := rand.New(rand.NewPCG(seed, 1))
	for _, f := range files {
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		i := bytes.Index(src, []byte("\n---\n")) + 5
		head, body := src[:i], string(src[i:])
		for range r.IntN(3) {
			s := bodySnippets[r.IntN(len(bodySnippets))]
			id := strings.SplitN(filepath.Base(files[r.IntN(len(files))]), ".", 2)[0]
			s = strings.ReplaceAll(s, "PRACTICE", id)
			at := r.IntN(len(body) + 1)
			body = body[:at] + s + body[at:]
		}
		if err := os.WriteFile(f, append(head, body...), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func sameDiagnostics(t *testing.T, dir string) {
	t.Helper()
	_, full, err := Catalog(dir, Options{Now: today, parseAll: true})
	if err != nil {
		t.Fatal(err)
	}
	// parseAll holds the full check of each body to bodyRules, and to
	// quiet's word where quiet vouched (heldToBodyRules).
	for _, d := range full {
		if d.Rule == load.RuleInternal {
			t.Fatalf("%s:%d:%d: %s", d.File, d.Line, d.Col, d.Message)
		}
	}
	var lean *model.Catalog
	for _, way := range []struct {
		name string
		opt  Options
	}{{"the quick path", Options{Now: today}}, {"NoBodies", Options{Now: today, NoBodies: true}}} {
		cat, ds, err := Catalog(dir, way.opt)
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(ds, full) {
			var b strings.Builder
			_ = diag.WriteText(&b, ds)
			b.WriteString("---- with every body parsed:\n")
			_ = diag.WriteText(&b, full)
			t.Fatalf("%s changes the diagnostics:\n%s", way.name, b.String())
		}
		lean = cat
	}
	for _, p := range lean.Practices {
		for _, text := range p.Texts {
			if text.Body != nil {
				t.Fatalf("NoBodies: %s keeps its body", text.File.Path)
			}
		}
	}
}

// TestQuietMatchesParse: on bodies with every kind of trouble put in, the
// diagnostics are the same whether quiet vouches for bodies or every body
// is parsed.
func TestQuietMatchesParse(t *testing.T) {
	for seed := range uint64(4) {
		sameDiagnostics(t, mutate(t, seed+1))
	}
	for _, dir := range []string{"../../testdata/broken", "../../testdata/validate", "../../catalog"} {
		sameDiagnostics(t, dir)
	}
}

// TestQuietTakesPlainBodies: quiet vouches for the generated bodies, which
// hold nothing to report (else validate silently gets slower).
func TestQuietTakesPlainBodies(t *testing.T) {
	dir := t.TempDir()
	if err := synth.Write(dir, synth.Options{Practices: 200, Seed: 3}); err != nil {
		t.Fatal(err)
	}
	cat, _, err := load.Catalog(dir)
	if err != nil {
		t.Fatal(err)
	}
	texts, quiet := 0, 0
	for _, p := range cat.Practices {
		ps := &pass{cat: cat, cfg: cat.Config, p: p, now: today, tmp: &scratch{}}
		for _, text := range p.Texts {
			texts++
			if ps.quiet(text, scanBody(text.Body)) {
				quiet++
			}
		}
	}
	if quiet < texts*98/100 {
		t.Errorf("quiet vouches for %d of %d generated bodies", quiet, texts)
	}
}

// FuzzQuiet: for any body, quiet vouching for it changes no diagnostic.
// With parseAll, sameDiagnostics also holds the full check of the body to
// bodyRules and to quiet's word (heldToBodyRules).
func FuzzQuiet(f *testing.F) {
	for _, s := range bodySnippets {
		f.Add("## Descripción\n\nTexto " + s + " más.\n\n## Resultados\n\n[a](otra.es.md)\n\n## Lecciones aprendidas\n\nFin.\n")
	}
	// The bodies of the fixtures and of the sample catalog.
	var files []string
	for _, dir := range []string{"../../testdata/broken", "../../testdata/validate", "../../catalog"} {
		more, _ := filepath.Glob(filepath.Join(dir, "practices", "*.md"))
		files = append(files, more...)
	}
	for _, p := range files {
		src, err := os.ReadFile(p)
		if err != nil {
			f.Fatal(err)
		}
		if _, rest, ok := bytes.Cut(src, []byte("\n---\n")); ok && bytes.HasPrefix(src, []byte("---\n")) {
			f.Add(string(rest))
		}
	}
	dir := f.TempDir()
	write := func(name, text string) {
		if err := os.MkdirAll(filepath.Dir(filepath.Join(dir, name)), 0o755); err != nil {
			f.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
			f.Fatal(err)
		}
	}
	write("catalog.yaml", "title: Fuzz\nlanguages: [es]\n")
	write("media/x.png", "png")
	head := "---\ntitle: T\nsummary: S.\ncountries: [CR]\nscope: national\ninstitutions:\n  - name: I\n    type: government\n" +
		"themes: [victim-identification]\nperiod: {start: 2010}\nstatus: ongoing\nlevel: good\nsources:\n  - title: S\n" +
		"last_reviewed: 2024-01-01\n"
	write("practices/otra.es.md", head+"---\n## Descripción\n\n## Resultados\n\n## Lecciones aprendidas\n")
	write("practices/secreta.es.md", head+"visibility: restricted\n---\n## Descripción\n\n## Resultados\n\n## Lecciones aprendidas\n")
	f.Fuzz(func(t *testing.T, body string) {
		write("practices/fuzz.es.md", head+"---\n"+body)
		sameDiagnostics(t, dir)
	})
}

var urlCases = []string{
	"https://x.org", "https://x.org/", "https://www.example.org/a/b-c_d~e.f", "http://X.ORG/a", "https://",
	"https:///a", "https://x.org:80/a", "https://x.org/a?b", "https://x.org/a#b", "https://x.org/%41",
	"https://x.org/a b", "https://a_b.org/", "https://x.org/é", "https://[::1]/", "HTTPS://x.org",
	"other.es.md", "./other.md", "../practices/other.en.md", "../media/x.png", "media/x.png", "/media/x.png",
	"", "#top", "a:b", "//x.org/a", "///a", "a/b:c", "mailto:x", "javascript:x", "1a:b", "a%2Fb", ".", "..",
	"~/x", "x~", "a//b",
}

// sameURL fails when parseURL gives other fields than url.Parse.
func sameURL(t *testing.T, dest string) {
	want, werr := url.Parse(dest)
	got, gerr := parseURL(dest)
	if (werr == nil) != (gerr == nil) || werr != nil && gerr.Error() != werr.Error() {
		t.Fatalf("%q: error %v, url.Parse %v", dest, gerr, werr)
	}
	if werr == nil && (got.Scheme != want.Scheme || got.Host != want.Host || got.Path != want.Path) {
		t.Fatalf("%q: %q %q %q, url.Parse %q %q %q", dest, got.Scheme, got.Host, got.Path, want.Scheme, want.Host, want.Path)
	}
}

// TestParseURL: parseURL gives link the fields url.Parse gives.
func TestParseURL(t *testing.T) {
	for _, dest := range urlCases {
		sameURL(t, dest)
	}
}

func FuzzParseURL(f *testing.F) {
	for _, dest := range urlCases {
		f.Add(dest)
	}
	f.Fuzz(sameURL)
}

func TestLinkedPractice(t *testing.T) {
	for _, path := range []string{"a.md", "a.es.md", "a.b.c.md", "a.b1.md", "a-b.en-GB.md", ".md", "a..md", ".es.md",
		"a.es.MD", "a/b.md", "./a.md", "../practices/a.es.md", "a#b.md", "a?b.md", "a.md.md", "a.-.md", "a.é.md", "é.es.md", "", "md"} {
		if got, want := linkedPractice(path), model.LinkedPractice(path); got != want {
			t.Errorf("linkedPractice(%q) = %q, model.LinkedPractice %q", path, got, want)
		}
	}
}

// TestQuietVouchesForBodyRules: what the quick path vouches for, with what
// it checks itself, is exactly what the full check of a body may report
// (bodyRules, which heldToBodyRules holds parsedBody to).
func TestQuietVouchesForBodyRules(t *testing.T) {
	claim := append(slices.Clone(quietVouches), quickChecks...)
	ids := func(rules []*diag.Rule) []string {
		out := make([]string, len(rules))
		for i, r := range rules {
			out[i] = r.ID
		}
		slices.Sort(out)
		return out
	}
	if got, want := ids(claim), ids(bodyRules); !slices.Equal(got, want) {
		t.Errorf("the quick path vouches for or checks %q; the full check of a body may report %q", got, want)
	}
	if !quietCovers {
		t.Error("quietCovers is false: quiet vouches for no body")
	}
	for _, r := range bodyRules {
		if Lookup(r.ID) != r {
			t.Errorf("body rule %q is not in All()", r.ID)
		}
	}
}

// TestHeldToBodyRules: a report of the full check outside bodyRules, or
// against quiet's word, is an internal error.
func TestHeldToBodyRules(t *testing.T) {
	text := &model.Text{File: &model.File{Path: "practices/x.es.md"}}
	for _, c := range []struct {
		rule              *diag.Rule
		vouched, drawable bool
		internal          bool
	}{
		{RuleLink, false, false, false},
		{RuleGlyph, false, false, false},
		{RuleCountryCode, false, false, true}, // not a rule of bodies
		{RuleCountryCode, true, true, true},
		{RuleLink, true, false, true},
		{RuleSection, true, true, true},
		{RuleGlyph, true, false, false}, // the quick path checks glyphs itself
		{RuleGlyph, true, true, true},   // but not those of a drawable body
	} {
		ps := &pass{diags: []diag.Diagnostic{diag.New(RuleVocabulary, text.File.Path, 1, 1, "before")}}
		ps.diags = append(ps.diags, diag.New(c.rule, text.File.Path, 3, 4, "m"))
		ps.heldToBodyRules(text, 1, c.vouched, c.drawable)
		internal := 0
		for _, d := range ps.diags {
			if d.Rule == load.RuleInternal {
				internal++
			}
		}
		if want := map[bool]int{false: 0, true: 1}[c.internal]; internal != want {
			t.Errorf("%s, vouched %v, drawable %v: %d internal errors, want %d", c.rule.ID, c.vouched, c.drawable, internal, want)
		}
	}
}
