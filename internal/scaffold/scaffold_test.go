package scaffold

import (
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"catalog/internal/check"
	"catalog/internal/diag"
	"catalog/internal/iostreams"
	"catalog/internal/load"
)

var today = time.Date(2026, 11, 28, 12, 0, 0, 0, time.UTC)

func newCatalog(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "catalog.yaml"), []byte("title: Prueba\nlanguages: [es, en]\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	return dir
}

func problems(t *testing.T, dir, file string) []diag.Diagnostic {
	t.Helper()
	_, ds, err := check.Catalog(dir, check.Options{Now: today})
	if err != nil {
		t.Fatal(err)
	}
	var out []diag.Diagnostic
	for _, d := range ds {
		if d.File == file {
			out = append(out, d)
		}
	}
	return out
}

// fill replaces every TODO placeholder the way a writer would.
func fill(t *testing.T, path string) {
	t.Helper()
	src, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	quoted := regexp.MustCompile(`"TODO: translate: ([^"]*)"`)
	out := quoted.ReplaceAllString(string(src), `"$1 (translated)"`)
	out = regexp.MustCompile(`"TODO:[^"]*"`).ReplaceAllString(out, `"Filled in"`)
	out = regexp.MustCompile(`(?m)^TODO: .*$`).ReplaceAllString(out, "Text written by the author.")
	out = strings.ReplaceAll(out, "[TODO]", "[CR]")
	if err := os.WriteFile(path, []byte(out), 0o644); err != nil {
		t.Fatal(err)
	}
}

func TestNewWithFlags(t *testing.T) {
	dir := newCatalog(t)
	io, _, errOut := iostreams.Test("")
	path, err := Run(Options{IO: io, Dir: dir, ID: "mx-fiscalia", Title: `Fiscalía "especial": trata`,
		Countries: []string{"mex"}, Themes: []string{"specialised-units"}, Start: "2012-03", Now: today})
	if err != nil {
		t.Fatal(err)
	}
	if want := filepath.Join(dir, "practices", "mx-fiscalia.es.md"); path != want {
		t.Errorf("path %s, want %s", path, want)
	}
	src, _ := os.ReadFile(path)
	for _, s := range []string{`title: "Fiscalía \"especial\": trata"`, "countries: [MX]", "themes: [specialised-units]", `start: "2012-03"`, "last_reviewed: 2026-11-28", "## Lecciones aprendidas"} {
		if !strings.Contains(string(src), s) {
			t.Errorf("the new file lacks %q:\n%s", s, src)
		}
	}
	// The skeleton fails validation until its placeholders are filled, and
	// `new` said which ones remain.
	ds := problems(t, dir, path)
	if len(ds) == 0 {
		t.Fatal("a fresh skeleton passes validate; its placeholders must fail it")
	}
	for _, d := range ds {
		if d.Rule.ID != "placeholder" {
			t.Errorf("unexpected problem in a fresh skeleton: %d: %s [%s]", d.Line, d.Message, d.Rule.ID)
		}
		if !strings.Contains(errOut.String(), path+":"+strconv.Itoa(d.Line)+":") {
			t.Errorf("new did not list the placeholder on line %d:\n%s", d.Line, errOut)
		}
	}
	fill(t, path)
	for _, d := range problems(t, dir, path) {
		t.Errorf("after filling the placeholders: %d:%d: %s [%s]", d.Line, d.Col, d.Message, d.Rule.ID)
	}
}

func TestNewRefuses(t *testing.T) {
	dir := newCatalog(t)
	io, _, _ := iostreams.Test("")
	base := Options{IO: io, Dir: dir, Now: today}
	if _, err := Run(withID(base, "cr-eri")); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		opt  Options
		want string
	}{
		{withID(base, "cr-eri"), "already exists"},
		{withID(base, "CR_ERI"), "not a valid practice ID"},
		{withID(base, "Mi Práctica"), "(for example mi-practica)"},
		{withID(base, "1-eri"), "not a valid practice ID"},
		{func() Options { o := withID(base, "pa-x"); o.Countries = []string{"Panamaa"}; return o }(), `did you mean PA, Panama`},
		{func() Options { o := withID(base, "pa-x"); o.Themes = []string{"hotlines"}; return o }(), `did you mean "hotline"`},
		{func() Options { o := withID(base, "pa-x"); o.Lang = "fr"; return o }(), `"fr" is not one of the catalog's languages`},
		{func() Options { o := withID(base, "pa-x"); o.Lang = "en"; return o }(), "starts in the default language"},
		{func() Options { o := withID(base, "pa-x"); o.Translate = true; return o }(), "no es source to translate"},
		{func() Options { o := withID(base, "cr-eri"); o.Translate = true; o.Lang = "es"; return o }(), "other than the source"},
		{func() Options { o := withID(base, "pa-x"); o.Related = []string{"x: y],#z"}; return o }(), `--related: "x: y],#z" is not a practice ID`},
		{func() Options { o := withID(base, "pa-x"); o.Related = []string{"pa-x"}; return o }(), "related to itself"},
		{func() Options {
			o := withID(base, "cr-eri")
			o.Translate = true
			o.Countries = []string{"PA"}
			return o
		}(), "--country: a translation shares it with the source"},
	} {
		if _, err := Run(tc.opt); err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("Run(%s, lang %q): error %v, want %q", tc.opt.ID, tc.opt.Lang, err, tc.want)
		}
	}
	if _, err := os.Stat(filepath.Join(dir, "practices", "pa-x.es.md")); err == nil {
		t.Error("a refused new still wrote a file")
	}
}

func withID(o Options, id string) Options { o.ID = id; return o }

// fillAndCheck fills the placeholders of path and fails the test on any
// problem left in it.
func fillAndCheck(t *testing.T, dir, path, when string) {
	t.Helper()
	fill(t, path)
	for _, d := range problems(t, dir, path) {
		t.Errorf("%s: %d:%d: %s [%s]", when, d.Line, d.Col, d.Message, d.Rule.ID)
	}
}

// TestNewReportsOtherProblems: what the flags gave and validate refuses
// (a summary too long, a start in the future, a related practice that
// does not exist) is said at once, beside the placeholders; new said only
// the placeholders, and the writer met the rest after filling them in.
// Themes typed with spaces after the commas are taken.
func TestNewReportsOtherProblems(t *testing.T) {
	dir := newCatalog(t)
	io, _, errOut := iostreams.Test("")
	_, err := Run(Options{IO: io, Dir: dir, ID: "cr-eri", Summary: strings.Repeat("x", 700), Start: "2099",
		Related: []string{" no-existe"}, Themes: []string{"hotline", " shelter"}, Now: today})
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"Fix also:", "[summary-length]", "in the future [period]", `no practice "no-existe" in this catalog [related]`,
		"catalog validate --dir " + dir + " "} {
		if !strings.Contains(errOut.String(), want) {
			t.Errorf("new's report lacks %q:\n%s", want, errOut)
		}
	}
}

// TestNewControlCharacters: text pasted from a badly converted document
// (U+0092 for an apostrophe, DEL, a line separator, a byte order mark)
// still makes a file YAML can read, with the text as given.
func TestNewControlCharacters(t *testing.T) {
	dir := newCatalog(t)
	io, _, _ := iostreams.Test("")
	title := "Women\u0092s \x7foffice\u2028of the \ufeffstate"
	path, err := Run(Options{IO: io, Dir: dir, ID: "cr-eri", Title: title, Now: today})
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range problems(t, dir, path) {
		if d.Rule.ID != "placeholder" {
			t.Errorf("%d: %s [%s]", d.Line, d.Message, d.Rule.ID)
		}
	}
	cat, _, err := load.Catalog(dir)
	if err != nil {
		t.Fatal(err)
	}
	if p := cat.Practice("cr-eri"); p == nil || p.Source.Title != title {
		t.Errorf("the title read back is not the one given")
	}
}

func TestNewPrompts(t *testing.T) {
	dir := newCatalog(t)
	// The writer mistypes a country once, then answers.
	io, _, errOut := iostreams.Test("Equipo de Respuesta\nCRR2\ncr, pa\nhotline\ndos mil\n2009\n")
	io.SetTTY(true, true)
	path, err := Run(Options{IO: io, Dir: dir, ID: "cr-eri", Now: today})
	if err != nil {
		t.Fatal(err)
	}
	src, _ := os.ReadFile(path)
	for _, s := range []string{`title: "Equipo de Respuesta"`, "countries: [CR, PA]", "themes: [hotline]", "start: 2009"} {
		if !strings.Contains(string(src), s) {
			t.Errorf("the new file lacks %q:\n%s", s, src)
		}
	}
	if !strings.Contains(errOut.String(), ":   unknown country code \"CRR2\"") || !strings.Contains(errOut.String(), ":   must be a year") {
		t.Errorf("the prompt did not refuse CRR2:\n%s", errOut)
	}
}

// TestNewPromptsNames: a country or a theme may be answered by its name
// or label in either language ("Costa Rica", "Atención inmediata"), and
// the code is written and shown; an answer with spaces is one name unless
// each word is a code ("CR PA"). A name that is only close is refused
// with the code it may mean.
func TestNewPromptsNames(t *testing.T) {
	dir := newCatalog(t)
	io, _, errOut := iostreams.Test("Título\nCosta Ricca\nCosta Rica, panamá\nAtención inmediata; hotline\n2010\n")
	io.SetTTY(true, true)
	path, err := Run(Options{IO: io, Dir: dir, ID: "cr-eri", Now: today})
	if err != nil {
		t.Fatal(err)
	}
	src, _ := os.ReadFile(path)
	for _, s := range []string{"countries: [CR, PA]", "themes: [immediate-assistance, hotline]"} {
		if !strings.Contains(string(src), s) {
			t.Errorf("the new file lacks %q:\n%s", s, src)
		}
	}
	for _, s := range []string{`unknown country code "Costa Ricca" (did you mean CR, Costa Rica?)`, "  → CR, PA\n", "  → immediate-assistance, hotline\n"} {
		if !strings.Contains(errOut.String(), s) {
			t.Errorf("the prompt did not say %q:\n%s", s, errOut)
		}
	}
	io, _, _ = iostreams.Test("Título\nCR PA\nhotline\n2010\n")
	io.SetTTY(true, true)
	path, err = Run(Options{IO: io, Dir: dir, ID: "pa-eri", Now: today})
	if err != nil {
		t.Fatal(err)
	}
	if src, _ := os.ReadFile(path); !strings.Contains(string(src), "countries: [CR, PA]") {
		t.Errorf("CR PA: the new file lacks countries: [CR, PA]:\n%s", src)
	}
}

func TestTranslate(t *testing.T) {
	dir := newCatalog(t)
	io, _, _ := iostreams.Test("")
	src, err := Run(Options{IO: io, Dir: dir, ID: "cr-eri", Title: "Equipo", Countries: []string{"CR"}, Themes: []string{"hotline"}, Start: "2013", Now: today})
	if err != nil {
		t.Fatal(err)
	}
	fill(t, src)
	path, err := Run(Options{IO: io, Dir: dir, ID: "cr-eri", Translate: true, Now: today})
	if err != nil {
		t.Fatal(err)
	}
	if filepath.Base(path) != "cr-eri.en.md" {
		t.Fatalf("translation written to %s", path)
	}
	text, _ := os.ReadFile(path)
	for _, s := range []string{`title: "TODO: translate: Equipo"`, "## Description", "## Results", "## Lessons learned"} {
		if !strings.Contains(string(text), s) {
			t.Errorf("the translation lacks %q:\n%s", s, text)
		}
	}
	if len(problems(t, dir, path)) == 0 {
		t.Error("an untranslated translation passes validate")
	}
	fillAndCheck(t, dir, path, "after translating")
}

// TestTranslateBody: a translation gets the title given with --title, the
// target's required sections even where the source has fewer, a contact
// without a role, and links to practices in its language; a link out of
// the catalog and a heading inside fenced code are left as written.
func TestTranslateBody(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "catalog.yaml"), []byte("title: Prueba\nlanguages: [es, en]\nsections:\n  es: [Descripción, Resultados]\n  en: [Description, Results, Contacts]\n"), 0o644)
	io, _, _ := iostreams.Test("")
	src, err := Run(Options{IO: io, Dir: dir, ID: "cr-eri", Title: "Equipo", Countries: []string{"CR"}, Themes: []string{"hotline"}, Start: "2013", Now: today})
	if err != nil {
		t.Fatal(err)
	}
	fill(t, src)
	text, _ := os.ReadFile(src)
	text = []byte(strings.Replace(string(text), "last_reviewed:", "contact:\n  institution: Ministerio\nlast_reviewed:", 1))
	text = append(text, "\nVer [otra](cr-eri.es.md#resultados) y [guía](https://example.org/guia.es.md).\n\n```\n## Resultados\n```\n"...)
	os.WriteFile(src, text, 0o644)
	path, err := Run(Options{IO: io, Dir: dir, ID: "cr-eri", Translate: true, Title: "Response team", Now: today})
	if err != nil {
		t.Fatal(err)
	}
	got, _ := os.ReadFile(path)
	for _, s := range []string{`title: "Response team"`, "## Description", "## Results", "## Contacts\n\nTODO:", "contact:\n  institution: \"TODO: translate: Ministerio\"",
		"[otra](cr-eri.en.md#resultados)", "(https://example.org/guia.es.md)", "```\n## Resultados\n```"} {
		if !strings.Contains(string(got), s) {
			t.Errorf("the translation lacks %q:\n%s", s, got)
		}
	}
	fillAndCheck(t, dir, path, "after translating")
}

// TestTranslateOneLanguage: a catalog of one language has nothing to
// translate into, and says so.
func TestTranslateOneLanguage(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "catalog.yaml"), []byte("title: Prueba\nlanguages: [es]\n"), 0o644)
	io, _, _ := iostreams.Test("")
	if _, err := Run(Options{IO: io, Dir: dir, ID: "cr-eri", Now: today}); err != nil {
		t.Fatal(err)
	}
	if _, err := Run(Options{IO: io, Dir: dir, ID: "cr-eri", Translate: true, Now: today}); err == nil || !strings.Contains(err.Error(), "one language") {
		t.Errorf("--translate in a one-language catalog: %v", err)
	}
}

// TestSectionHints: a catalog's own sections get the hint written for a
// default section only where they are that section, wherever it stands;
// the hints went by place, and "Contexto" got the description's.
func TestSectionHints(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "catalog.yaml"), []byte("title: Prueba\nlanguages: [es]\nsections:\n  es: [Contexto, Descripción, Resultados]\n"), 0o644)
	io, _, _ := iostreams.Test("")
	path, err := Run(Options{IO: io, Dir: dir, ID: "cr-eri", Now: today})
	if err != nil {
		t.Fatal(err)
	}
	src, _ := os.ReadFile(path)
	for _, want := range []string{"## Contexto\n\nTODO: …", "## Descripción\n\nTODO: qué es la práctica", "## Resultados\n\nTODO: qué ha logrado"} {
		if !strings.Contains(string(src), want) {
			t.Errorf("the skeleton lacks %q:\n%s", want, src)
		}
	}
}

// TestRunawaySkeleton: a catalog's own skeleton that loops without end,
// writes without end or doubles a value is stopped with an error that
// names it, and no file is written.
func TestRunawaySkeleton(t *testing.T) {
	defer func(d time.Duration) { skeletonTime = d }(skeletonTime)
	// The loop runs out of its time; the others reach their size in a
	// few milliseconds, and get a time they never come near on a loaded
	// machine.
	for _, tc := range []struct {
		name, skeleton string
		time           time.Duration
		want           string
	}{
		{"loop", "{{range 1000}}{{range 1000}}{{range 1000}}{{range 1000}}{{end}}{{end}}{{end}}{{end}}", 200 * time.Millisecond, "took longer than 200ms"},
		{"writing", "{{range 1000}}{{range 1000}}" + strings.Repeat("texto ", 200) + "{{end}}{{end}}", time.Minute, "made more than 2 MiB"},
		{"doubling", `{{$x := "ab"}}{{range 60}}{{$x = print $x $x}}{{end}}{{$x}}`, time.Minute, "made more than 2 MiB"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			skeletonTime = tc.time
			dir := newCatalog(t)
			skeleton := filepath.Join(dir, "templates", "new", "practice.es.md")
			if err := os.MkdirAll(filepath.Dir(skeleton), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(skeleton, []byte(tc.skeleton), 0o644); err != nil {
				t.Fatal(err)
			}
			io, _, _ := iostreams.Test("")
			_, err := Run(Options{IO: io, Dir: dir, Now: today, ID: "cr-eri"})
			if err == nil || !strings.Contains(err.Error(), "skeleton templates/new/practice.es.md: "+tc.want) {
				t.Errorf("got %v, want %q", err, tc.want)
			}
			if _, err := os.Stat(filepath.Join(dir, "practices", "cr-eri.es.md")); err == nil {
				t.Error("a runaway skeleton wrote a file")
			}
		})
	}
}

// TestNewPromptsInSpanish: with Speak "es" the prompts and what new says
// when done are Spanish, and so are the problems it reports.
func TestNewPromptsInSpanish(t *testing.T) {
	dir := newCatalog(t)
	// "?" lists the themes; the scope is answered by its Spanish label,
	// a wrong level is refused and asked again, the status kept.
	io, _, errOut := iostreams.Test("Equipo de Respuesta\ncr, pa\n?\nhotline\n2009\nBinacional\n\nexcelente\nprometedora\n")
	io.SetTTY(true, true)
	path, err := Run(Options{IO: io, Dir: dir, ID: "cr-eri", Now: today, Speak: "es"})
	if err != nil {
		t.Fatal(err)
	}
	src, _ := os.ReadFile(path)
	for _, s := range []string{"scope: binational", "status: ongoing", "level: promising", "themes: [hotline]"} {
		if !strings.Contains(string(src), s) {
			t.Errorf("the new file lacks %q:\n%s", s, src)
		}
	}
	for _, s := range []string{
		"Nueva práctica cr-eri (pulse Intro para dejar un campo como marcador TODO)",
		"Título: ", "Países (códigos ISO separados por comas, p. ej. CR, PA) (? los muestra): ",
		"Temas (separados por comas", "Año de inicio (2013, o 2013-02): ",
		"Creado ", "Complete los ", " marcadores y luego ejecute: catalog validate",
		"Temas (separados por comas; p. ej. victim-identification, hotline) (? los muestra): ",
		"Protección (protection)", "  hotline ", // the themes, listed by "?"
		"Alcance: dónde funciona [national] (? los muestra): ",
		"Nivel: qué tan sólida es la evidencia de sus resultados [emerging] (? los muestra): ",
		"excelente no es ninguno de good, promising, emerging: escriba uno, o ? para verlos",
	} {
		if !strings.Contains(errOut.String(), s) {
			t.Errorf("new did not say %q:\n%s", s, errOut)
		}
	}
	if strings.Contains(errOut.String(), "Title:") || strings.Contains(errOut.String(), "Fill in") {
		t.Errorf("new spoke English:\n%s", errOut)
	}
	// The placeholders are listed as markers and their hints, without the
	// problem's opening words in either language.
	if !strings.Contains(errOut.String(), "cr-eri.es.md:4: TODO: un párrafo") {
		t.Errorf("new did not list the summary's placeholder as its marker and hint:\n%s", errOut)
	}
	for _, s := range []string{"placeholder left to fill", "marcador por completar"} {
		if strings.Contains(errOut.String(), s) {
			t.Errorf("new's list of placeholders says %q:\n%s", s, errOut)
		}
	}
}

// TestChoice: an answer names a code by the code, its label in either
// language or words of one label only.
func TestChoice(t *testing.T) {
	for _, tc := range []struct{ field, answer, want string }{
		{"level", "promising", "promising"},
		{"level", "Prometedora", "promising"},
		{"level", "Promising practice", "promising"},
		{"level", "práctica", ""}, // in every level's label
		{"level", "excelente", ""},
		{"scope", "nacional", "national"},
		{"scope", "REGIONAL", "regional"},
		{"status", "", ""},
	} {
		if got := choice(tc.field, tc.answer); got != tc.want {
			t.Errorf("choice(%q, %q) = %q, want %q", tc.field, tc.answer, got, tc.want)
		}
	}
}
