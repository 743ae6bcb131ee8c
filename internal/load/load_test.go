package load

import (
	"catalog/internal/gate"

	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"testing"

	"catalog/internal/diag"
	fm "catalog/internal/frontmatter"
	"catalog/internal/model"
)

const fixture = "../../testdata/validate"

func TestModel(t *testing.T) {
	cat, _, err := Catalog(fixture)
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, p := range cat.Practices {
		ids = append(ids, p.ID)
	}
	if want := []string{"gl-emoji", "ok-base", "ok-nesting", "ok-tricky", "tr-adapted", "tr-mismatch", "tr-restricted"}; !reflect.DeepEqual(ids, want) {
		t.Fatalf("practices %v, want %v", ids, want)
	}
	base, tricky := cat.Practice("ok-base"), cat.Practice("ok-tricky")

	// Codes are normalised: "pa" → PA, "cri" → CR, Norway's NO stays NO.
	if !reflect.DeepEqual(base.Countries, []string{"CR", "PA"}) || !reflect.DeepEqual(tricky.Countries, []string{"CR", "NO"}) {
		t.Errorf("countries %v and %v", base.Countries, tricky.Countries)
	}
	if got := tricky.Period.Start.String() + "–" + tricky.Period.End.String(); got != "2013-02–2020" {
		t.Errorf("period %s", got)
	}

	// A translation gives its own names and notes and inherits the rest.
	en := base.In("en")
	if en.Title != "Reference practice" || en.Institutions[0].Name != "National Coalition" ||
		en.Institutions[0].Acronym != "CONATT" || en.Institutions[0].Type != "government" {
		t.Errorf("English institutions %+v", en.Institutions)
	}
	if en.Criteria[0].Rating != "evidenced" || en.Criteria[0].Note != "Figures from 2019." {
		t.Errorf("English criteria %+v", en.Criteria)
	}
	if en.Exchanges[0].Year != 2018 || en.Contact == nil || en.Contact.Email != "info@example.org" {
		t.Errorf("English exchanges %+v, contact %+v", en.Exchanges, en.Contact)
	}
	if en.LastReviewed.Format("2006-01-02") != "2026-01-20" || tricky.In("en").LastReviewed.Format("2006-01-02") != "2025-12-01" {
		t.Error("last_reviewed is neither the translation's own nor inherited")
	}
	if fr := base.In("fr"); fr != base.Source {
		t.Error("a missing language does not fall back to the source")
	}

	// Indexes.
	if !reflect.DeepEqual(tricky.RelatedBy, []string{"ok-base"}) {
		t.Errorf("RelatedBy %v", tricky.RelatedBy)
	}
	if got := idsOf(cat.ByCountry["CR"]); !reflect.DeepEqual(got, []string{"ok-base", "ok-tricky"}) {
		t.Errorf("ByCountry[CR] %v", got)
	}
	if got := idsOf(cat.ByPillar["protection"]); !reflect.DeepEqual(got, []string{"ok-base", "ok-tricky", "tr-adapted", "tr-mismatch"}) {
		t.Errorf("ByPillar[protection] %v", got)
	}

	// Adaptations: shown both ways; a translation translates the notes
	// and inherits the rest; a public catalog names no restricted one.
	adapted := cat.Practice("tr-adapted")
	for _, id := range []string{"tr-mismatch", "tr-restricted"} {
		if got := cat.Practice(id).AdaptedIn; !reflect.DeepEqual(got, []string{"tr-adapted"}) {
			t.Errorf("%s.AdaptedIn %v", id, got)
		}
	}
	if en := adapted.Texts["en"]; en == nil || len(en.AdaptedFrom) != 2 || en.AdaptedFrom[1] != (model.AdaptedFrom{Practice: "tr-mismatch", Year: 2020, Note: "It took its reporting line."}) {
		t.Errorf("en adapted_from %+v", en.AdaptedFrom)
	} else if a := en.Adaptation; a == nil || a.Cost != "low" || a.Note != "A law and a budget of its own." || !reflect.DeepEqual(a.Requires, []string{"legal-basis", "dedicated-budget"}) {
		t.Errorf("en adaptation %+v", a)
	}
	if ex := cat.Practice("tr-mismatch").Source.Exchanges; len(ex) != 1 || ex[0].Outcome != "unknown" {
		t.Errorf("an exchange's outcome left out is unknown: %+v", ex)
	}
	pub := cat.Public()
	for _, t2 := range pub.Practice("tr-adapted").Texts {
		if len(t2.AdaptedFrom) != 1 || t2.AdaptedFrom[0].Practice != "tr-mismatch" {
			t.Errorf("public %s adapted_from %+v", t2.Lang, t2.AdaptedFrom)
		}
	}
	if got := cat.Practice("tr-adapted").Source.AdaptedFrom; len(got) != 2 {
		t.Errorf("Public changed the catalog's own texts: %+v", got)
	}
	if !reflect.DeepEqual(base.Pillars, []string{"protection", "partnership"}) {
		t.Errorf("pillars %v", base.Pillars)
	}
	if len(cat.Exchanges) != 2 || cat.Exchanges[0].Visitor != "HN" || cat.Exchanges[0].Practice.ID != "ok-base" {
		t.Errorf("exchanges %+v", cat.Exchanges)
	}

	// The public catalog has no trace of a restricted practice.
	pub = cat.Public()
	if pub.Practice("tr-restricted") != nil || len(pub.ByCountry["SV"]) != 0 || len(pub.ByTheme["policy-plan"]) != 0 {
		t.Error("the restricted practice is still in the public catalog")
	}
	if r := pub.Practice("tr-mismatch").Related; len(r) != 0 {
		t.Errorf("a public practice still links to the restricted one: %v", r)
	}
	if cat.Practice("tr-mismatch").Related[0] != "tr-restricted" {
		t.Error("Public changed the full catalog")
	}
}

func idsOf(ps []*model.Practice) []string {
	var out []string
	for _, p := range ps {
		out = append(out, p.ID)
	}
	return out
}

// The result does not depend on how many workers parse the files.
func TestDeterministic(t *testing.T) {
	load := func(procs int) []diag.Diagnostic {
		defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(procs))
		_, ds, err := Catalog("../../testdata/broken")
		if err != nil {
			t.Fatal(err)
		}
		diag.Sort(ds)
		return ds
	}
	one, many := load(1), load(8)
	if len(one) == 0 || !reflect.DeepEqual(one, many) {
		t.Errorf("1 worker: %d diagnostics, 8 workers: %d, or different", len(one), len(many))
	}
}

// A huge file is refused before it is read; the rest is still checked.
func TestHugeFile(t *testing.T) {
	dir := t.TempDir()
	copyDir(t, fixture, dir)
	huge := filepath.Join(dir, "practices", "huge.es.md")
	if err := os.WriteFile(huge, []byte("---\ntitle: x\n---\n"+strings.Repeat("palabra ", 400_000)), 0o644); err != nil {
		t.Fatal(err)
	}
	cat, ds, err := Catalog(dir)
	if err != nil {
		t.Fatal(err)
	}
	i := slices.IndexFunc(ds, func(d diag.Diagnostic) bool { return d.File == huge })
	if i < 0 || ds[i].Rule != gate.RuleFileSize || !strings.Contains(ds[i].Message, "3.1 MiB") {
		t.Errorf("no file-size problem for a 3 MiB file: %v", ds)
	}
	if len(cat.Practices) != 7 {
		t.Errorf("%d practices loaded beside the huge file, want 7", len(cat.Practices))
	}
}

func copyDir(t *testing.T, from, to string) {
	t.Helper()
	if err := os.CopyFS(to, os.DirFS(from)); err != nil {
		t.Fatal(err)
	}
}

func TestSuggestID(t *testing.T) {
	for in, want := range map[string]string{
		"CR_Equipo Respuesta": "cr-equipo-respuesta",
		"Atención--Niñez":     "atencion-ninez",
		"2019-plan":           "plan",
		"___":                 "my-practice",
	} {
		if got := SuggestID(in); got != want {
			t.Errorf("SuggestID(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestHasIgnore(t *testing.T) {
	for _, s := range []string{"", "-", "catalog-ignore", "xcatalog-ignore", "catalog-ignor", "atalog-ignore",
		"a - b catalog-ignore", "catalog--ignore catalog-ignore", "catalog-", "-catalog-ignore", "<!-- catalog-ignore x: y -->"} {
		if got, want := hasIgnore([]byte(s)), strings.Contains(s, "catalog-ignore"); got != want {
			t.Errorf("hasIgnore(%q) = %v, want %v", s, got, want)
		}
	}
}

// TestParseYearMonth compares ParseYearMonth with the regular expression
// it replaced, and ValidID with its.
func TestParseYearMonth(t *testing.T) {
	re := regexp.MustCompile(`^(\d{4})(?:-(\d{1,2}))?$`)
	for _, s := range []string{"2013", "2013-02", "2013-2", " 2013-12 ", "2013-13", "2013-0", "2013-00", "2013-", "2013-123",
		"201", "20133", "-2013", "2013-1-2", "2O13", "２０１３", "2013-02\n", "", "TODO", "2013--2", "2013-+2"} {
		_, ok := ParseYearMonth(s)
		m := re.FindStringSubmatch(strings.TrimSpace(s))
		want := m != nil
		if want && m[2] != "" {
			mo, _ := strconv.Atoi(m[2])
			want = mo >= 1 && mo <= 12
		}
		if ok != want {
			t.Errorf("ParseYearMonth(%q) ok = %v, want %v", s, ok, want)
		}
	}
	idRE := regexp.MustCompile(`^[a-z][a-z0-9-]*$`)
	for _, id := range []string{"", "a", "a-1", "1a", "-a", "A", "aB", "a_b", "ñ", "a b", "cr-eri", "a\n"} {
		if got, want := ValidID(id), idRE.MatchString(id); got != want {
			t.Errorf("ValidID(%q) = %v, want %v", id, got, want)
		}
	}
}

// TestHashCoversLanguage: a practice's Hash changes when its files change,
// and when the same bytes stand in a file of another language (serve keys
// its pages by it).
func TestHashCoversLanguage(t *testing.T) {
	head := "---\ntitle: T\nsummary: S.\ncountries: [CR]\n---\nTexto.\n"
	hash := func(files map[string]string) uint64 {
		t.Helper()
		dir := t.TempDir()
		files["catalog.yaml"] = "title: T\nlanguages: [es, en, pt]\n"
		for name, text := range files {
			if err := os.MkdirAll(filepath.Dir(filepath.Join(dir, name)), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
				t.Fatal(err)
			}
		}
		cat, _, err := Catalog(dir)
		if err != nil || len(cat.Practices) != 1 {
			t.Fatalf("%v, %d practices", err, len(cat.Practices))
		}
		return cat.Practices[0].Hash
	}
	en := hash(map[string]string{"practices/p.es.md": head, "practices/p.en.md": head})
	pt := hash(map[string]string{"practices/p.es.md": head, "practices/p.pt.md": head})
	if en == pt {
		t.Error("the same bytes as English and as Portuguese give the same Hash")
	}
	if again := hash(map[string]string{"practices/p.es.md": head, "practices/p.en.md": head}); again != en {
		t.Error("the same files give another Hash")
	}
	if edited := hash(map[string]string{"practices/p.es.md": head, "practices/p.en.md": head + "Más.\n"}); edited == en {
		t.Error("an edited translation gives the same Hash")
	}
}

// TestPlaceholderFormat: PlaceholderFormat is the format placeholders
// reports with, which catalog new's list of markers relies on.
func TestPlaceholderFormat(t *testing.T) {
	var ds []diag.Diagnostic
	placeholders(&fm.Document{FrontMatter: []byte("title: TODO: a name\n"), BodyLine: 4}, "x.es.md", &ds)
	if len(ds) != 1 || ds[0].Format() != PlaceholderFormat {
		t.Fatalf("placeholders reported %+v, want one problem made with %q", ds, PlaceholderFormat)
	}
}

// TestBuffers holds catalog lsp's hook: a buffer is read in place of its
// file, a buffer with no file is a practice too, one outside practices/ is
// ignored, and one over the gate's bound is refused as the file would be.
func TestBuffers(t *testing.T) {
	dir := filepath.Join(fixture, "practices")
	base := filepath.Join(dir, "ok-base.es.md")
	src, err := os.ReadFile(base)
	if err != nil {
		t.Fatal(err)
	}
	edited := strings.Replace(string(src), "\ntitle: ", "\ntitle: Editada ", 1)
	fresh := filepath.Join(dir, "zz-nueva.es.md")
	big := filepath.Join(dir, "zz-grande.es.md")
	_, plain, err := CatalogWith(fixture, Options{})
	if err != nil {
		t.Fatal(err)
	}
	var own []string
	for _, d := range plain {
		if strings.HasSuffix(d.File, "catalog.yaml") {
			own = append(own, d.Message)
		}
	}
	cat, ds, err := CatalogWith(fixture, Options{Buffers: map[string][]byte{
		base:                                   []byte(edited),
		fresh:                                  []byte("---\ntitle: Nueva\nsummary: Una.\n---\n"),
		big:                                    make([]byte, gate.MaxText+1),
		filepath.Join(fixture, "catalog.yaml"): []byte("nothing: [\n"),
	}})
	if err != nil {
		t.Fatal(err)
	}
	if got := cat.Practice("ok-base").In("es").Title; !strings.HasPrefix(got, "Editada ") {
		t.Errorf("ok-base's title %q: the buffer was not read", got)
	}
	if cat.Practice("zz-nueva") == nil {
		t.Error("a buffer with no file on disk is no practice")
	}
	sizes := 0
	for _, d := range ds {
		if d.File == big && d.Rule == gate.RuleFileSize {
			sizes++
		}
		// The fixture's own catalog.yaml has problems of its own; the
		// buffer "nothing: [" would add a YAML error.
		if strings.HasSuffix(d.File, "catalog.yaml") && !slices.Contains(own, d.Message) {
			t.Errorf("a buffer of catalog.yaml was read: %v", d)
		}
	}
	if sizes != 1 {
		t.Errorf("%d file-size problems for the oversized buffer, want 1", sizes)
	}
}

// TestBufferOfRefusedFile: a buffer does not make the gate take a file it
// refuses: a link out of the catalog stays refused, buffer or not.
func TestBufferOfRefusedFile(t *testing.T) {
	dir := t.TempDir()
	if err := os.MkdirAll(filepath.Join(dir, "practices"), 0o755); err != nil {
		t.Fatal(err)
	}
	os.WriteFile(filepath.Join(dir, "catalog.yaml"), []byte("title: {es: x, en: y}\nlanguages: [es, en]\n"), 0o644)
	outside := filepath.Join(t.TempDir(), "fuera.md")
	os.WriteFile(outside, []byte("---\ntitle: Fuera\n---\n"), 0o644)
	link := filepath.Join(dir, "practices", "zz-fuera.es.md")
	if err := os.Symlink(outside, link); err != nil {
		t.Skip("no symbolic links here:", err)
	}
	cat, ds, err := CatalogWith(dir, Options{Buffers: map[string][]byte{link: []byte("---\ntitle: Dentro\nsummary: x\n---\n")}})
	if err != nil {
		t.Fatal(err)
	}
	if cat.Practice("zz-fuera") != nil {
		t.Error("the buffer of a link out of the catalog is a practice")
	}
	n := 0
	for _, d := range ds {
		if d.File == link && d.Rule == gate.RuleSymlink {
			n++
		}
	}
	if n != 1 {
		t.Errorf("%d symlink problems for the link, want 1: %v", n, ds)
	}
}
