package synth

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"gopkg.in/yaml.v3"
)

func write(t testing.TB, opt Options) string {
	t.Helper()
	dir := t.TempDir()
	if err := Write(dir, opt); err != nil {
		t.Fatal(err)
	}
	return dir
}

// readAll returns every file under dir by its relative path.
func readAll(t testing.TB, dir string) map[string][]byte {
	t.Helper()
	out := map[string][]byte{}
	err := filepath.WalkDir(dir, func(path string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(path)
		rel, _ := filepath.Rel(dir, path)
		out[filepath.ToSlash(rel)] = b
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func TestDeterministic(t *testing.T) {
	opt := Options{Practices: 120, Seed: 7, MinWords: 100, MaxWords: 400}
	a := readAll(t, write(t, opt))
	b := readAll(t, write(t, opt))
	if len(a) != len(b) {
		t.Fatalf("runs wrote %d and %d files", len(a), len(b))
	}
	for name, x := range a {
		if !bytes.Equal(x, b[name]) {
			t.Fatalf("%s differs between two runs with one seed", name)
		}
	}
	opt.Seed = 8
	c := readAll(t, write(t, opt))
	same := 0
	for name, x := range a {
		if bytes.Equal(x, c[name]) {
			same++
		}
	}
	if same > 1 { // catalog.yaml may coincide apart from its comment
		t.Fatalf("%d of %d files are the same with another seed", same, len(a))
	}
}

func TestFileCount(t *testing.T) {
	files := readAll(t, write(t, Options{Practices: 75, Seed: 3, Languages: []string{"es", "en", "pt"}, MinWords: 60, MaxWords: 80}))
	if got, want := len(files), 75*3+1; got != want {
		t.Fatalf("wrote %d files, want %d", got, want)
	}
	if _, ok := files["catalog.yaml"]; !ok {
		t.Fatal("no catalog.yaml")
	}
	var cfg map[string]any
	if err := yaml.Unmarshal(files["catalog.yaml"], &cfg); err != nil {
		t.Fatal(err)
	}
	if len(cfg) != 2 || fmt.Sprint(cfg["languages"]) != "[es en pt]" {
		t.Fatalf("catalog.yaml = %v", cfg)
	}
	if title, _ := cfg["title"].(map[string]any); len(title) != 3 {
		t.Fatalf("catalog.yaml title = %v", cfg["title"])
	}
}

func TestOptions(t *testing.T) {
	for _, opt := range []Options{
		{Practices: -1},
		{Practices: 1, Languages: []string{"ES"}},
		{Practices: 1, Languages: []string{"es", "es"}},
		{Practices: 1, MinWords: 10, MaxWords: 20},
		{Practices: 1, MinWords: 300, MaxWords: 200},
	} {
		if err := Write(t.TempDir(), opt); err == nil {
			t.Errorf("Write(%+v) succeeded", opt)
		}
	}
}

var (
	sourceKeys = []string{"title", "summary", "countries", "scope", "institutions", "partners", "themes",
		"target_groups", "exploitation_forms", "period", "status", "level", "criteria", "related",
		"exchanges", "sources", "contact", "visibility", "last_reviewed"}
	requiredKeys = []string{"title", "summary", "countries", "scope", "institutions", "themes", "period",
		"status", "level", "sources", "last_reviewed"}
	translationKeys = []string{"title", "summary", "institutions", "partners", "criteria", "exchanges", "last_reviewed"}

	idRE      = regexp.MustCompile(`^[a-z][a-z0-9-]*$`)
	periodRE  = regexp.MustCompile(`^\d{4}(-(0[1-9]|1[0-2]))?$`)
	dateRE    = regexp.MustCompile(`^\d{4}-\d{1,2}-\d{1,2}`)
	numberRE  = regexp.MustCompile(`^[-+]?[0-9.]`)
	yaml11    = []string{"y", "n", "yes", "no", "true", "false", "on", "off", "null", "~"}
	phoneRE   = regexp.MustCompile(`\+?\d[\d .()/-]{6,}\d`)
	linkRE    = regexp.MustCompile(`\]\(([^)]+)\)`)
	forbidden = []string{"<", "@", "\t", "expediente", "causa", "n°", "todo", "\r"}
)

// practiceFile is one parsed file.
type practiceFile struct {
	name, id, lang string
	root           *yaml.Node
	fm             map[string]any
	body           string
}

func split(t *testing.T, name string, b []byte) (fm, body string) {
	t.Helper()
	s := string(b)
	if !strings.HasPrefix(s, "---\n") {
		t.Fatalf("%s: no front matter", name)
	}
	end := strings.Index(s[4:], "\n---\n")
	if end < 0 {
		t.Fatalf("%s: front matter not closed", name)
	}
	return s[4 : 4+end+1], s[4+end+5:]
}

// checkNode refuses anchors, aliases, duplicate keys, tabs and plain values
// that YAML 1.1 would read as something other than text, except where the
// field wants a year or date.
func checkNode(t *testing.T, name, key string, n *yaml.Node) {
	t.Helper()
	if n.Anchor != "" || n.Kind == yaml.AliasNode {
		t.Errorf("%s: anchor or alias at line %d", name, n.Line)
	}
	switch n.Kind {
	case yaml.MappingNode:
		seen := map[string]bool{}
		for i := 0; i < len(n.Content); i += 2 {
			k := n.Content[i].Value
			if seen[k] {
				t.Errorf("%s: duplicate key %q at line %d", name, k, n.Content[i].Line)
			}
			seen[k] = true
			checkNode(t, name, k, n.Content[i+1])
		}
	case yaml.SequenceNode, yaml.DocumentNode:
		for _, c := range n.Content {
			checkNode(t, name, key, c)
		}
	case yaml.ScalarNode:
		if n.Style != 0 {
			return
		}
		v := n.Value
		switch {
		case slices.Contains(yaml11, strings.ToLower(v)):
			t.Errorf("%s: %s: plain %q reads as a boolean or null", name, key, v)
		case dateRE.MatchString(v) && key != "last_reviewed":
			t.Errorf("%s: %s: plain %q reads as a date", name, key, v)
		case numberRE.MatchString(v) && !slices.Contains([]string{"year", "start", "end", "last_reviewed"}, key):
			t.Errorf("%s: %s: plain %q reads as a number", name, key, v)
		}
	}
}

func parseAll(t *testing.T, opt Options) (map[string]map[string]*practiceFile, Options) {
	t.Helper()
	o, err := opt.normalised()
	if err != nil {
		t.Fatal(err)
	}
	files := readAll(t, write(t, opt))
	byID := map[string]map[string]*practiceFile{}
	for name, b := range files {
		if name == "catalog.yaml" {
			continue
		}
		base := strings.TrimSuffix(strings.TrimPrefix(name, "practices/"), ".md")
		dot := strings.LastIndexByte(base, '.')
		pf := &practiceFile{name: name, id: base[:dot], lang: base[dot+1:]}
		fm, body := split(t, name, b)
		pf.body = body
		var doc yaml.Node
		if err := yaml.Unmarshal([]byte(fm), &doc); err != nil {
			t.Fatalf("%s: %v\n%s", name, err, fm)
		}
		checkNode(t, name, "", &doc)
		if err := doc.Decode(&pf.fm); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		pf.root = &doc
		if byID[pf.id] == nil {
			byID[pf.id] = map[string]*practiceFile{}
		}
		byID[pf.id][pf.lang] = pf
	}
	if len(byID) != o.Practices {
		t.Fatalf("%d IDs, want %d", len(byID), o.Practices)
	}
	return byID, o
}

var alpha2 = func() map[string]string {
	m := map[string]string{}
	for _, c := range countries {
		m[c.alpha2] = c.alpha2
		m[c.alpha3] = c.alpha2
	}
	return m
}()

func normCountry(s string) string { return alpha2[strings.ToUpper(s)] }

func str(v any) string {
	switch v := v.(type) {
	case nil:
		return ""
	case string:
		return v
	case int:
		return strconv.Itoa(v)
	default:
		return fmt.Sprint(v)
	}
}

func list(v any) []any { l, _ := v.([]any); return l }
func mapping(v any) map[string]any {
	m, _ := v.(map[string]any)
	return m
}

func TestFrontMatter(t *testing.T) {
	byID, o := parseAll(t, Options{Practices: 600, Seed: 11})
	restricted := 0
	for id, files := range byID {
		if !idRE.MatchString(id) {
			t.Errorf("bad ID %q", id)
		}
		if len(files) != len(o.Languages) {
			t.Errorf("%s: %d files", id, len(files))
			continue
		}
		src := files[o.Languages[0]]
		fm := src.fm
		for _, k := range requiredKeys {
			if _, ok := fm[k]; !ok {
				t.Errorf("%s: no %s", src.name, k)
			}
		}
		for k := range fm {
			if !slices.Contains(sourceKeys, k) {
				t.Errorf("%s: unknown key %s", src.name, k)
			}
		}
		for _, f := range files {
			if f == src {
				continue
			}
			for k := range f.fm {
				if !slices.Contains(translationKeys, k) {
					t.Errorf("%s: key %s in a translation", f.name, k)
				}
			}
			for _, k := range []string{"institutions", "partners", "criteria", "exchanges", "last_reviewed"} {
				if (fm[k] == nil) != (f.fm[k] == nil) {
					t.Errorf("%s: %s present in only one of source and translation", f.name, k)
				}
			}
			compareStructured(t, f.name, fm, f.fm)
		}
		for _, f := range files {
			if s := str(f.fm["summary"]); len(s) > 600 || strings.Contains(s, "\n") || s == "" {
				t.Errorf("%s: bad summary %q", f.name, s)
			}
			if str(f.fm["title"]) == "" {
				t.Errorf("%s: empty title", f.name)
			}
		}

		cs := list(fm["countries"])
		own := map[string]bool{}
		if len(cs) < 1 || len(cs) > 9 {
			t.Errorf("%s: %d countries", src.name, len(cs))
		}
		for _, c := range cs {
			n := normCountry(str(c))
			if n == "" || own[n] {
				t.Errorf("%s: bad or repeated country %v", src.name, c)
			}
			own[n] = true
		}
		if !slices.Contains(scopes, str(fm["scope"])) {
			t.Errorf("%s: scope %v", src.name, fm["scope"])
		}
		for _, k := range []string{"institutions", "partners"} {
			l := list(fm[k])
			if k == "institutions" && (len(l) < 1 || len(l) > 2) || k == "partners" && len(l) > 3 {
				t.Errorf("%s: %d %s", src.name, len(l), k)
			}
			for _, in := range l {
				m := mapping(in)
				if str(m["name"]) == "" || !slices.Contains(instTypes, str(m["type"])) {
					t.Errorf("%s: bad institution %v", src.name, m)
				}
				if c := str(m["country"]); c != "" && normCountry(c) == "" {
					t.Errorf("%s: institution country %q", src.name, c)
				}
			}
		}
		checkSlugs(t, src.name, fm["themes"], themeSlugs, 4, 5)
		checkSlugs(t, src.name, fm["target_groups"], targetGroupSlugs, 0, 7)
		checkSlugs(t, src.name, fm["exploitation_forms"], exploitationFormSlugs, 0, 9)

		period := mapping(fm["period"])
		start, end := str(period["start"]), str(period["end"])
		if !periodRE.MatchString(start) || end != "" && !periodRE.MatchString(end) {
			t.Errorf("%s: period %v", src.name, period)
		}
		if end != "" && end < start {
			t.Errorf("%s: end %s before start %s", src.name, end, start)
		}
		startYear, _ := strconv.Atoi(start[:4])
		status := str(fm["status"])
		if !slices.Contains([]string{"ongoing", "ended", "unknown"}, status) || status == "ended" && end == "" {
			t.Errorf("%s: status %q with end %q", src.name, status, end)
		}
		if !slices.Contains(levels, str(fm["level"])) {
			t.Errorf("%s: level %v", src.name, fm["level"])
		}
		if n := len(mapping(fm["criteria"])); n < 2 || n > 4 {
			t.Errorf("%s: %d criteria", src.name, n)
		}
		for slug, c := range mapping(fm["criteria"]) {
			m := mapping(c)
			if !slices.Contains(criterionSlugs, slug) || !slices.Contains(ratings, str(m["rating"])) || str(m["note"]) == "" {
				t.Errorf("%s: criterion %s: %v", src.name, slug, m)
			}
		}
		rel := list(fm["related"])
		if len(rel) < 1 || len(rel) > 4 {
			t.Errorf("%s: %d related", src.name, len(rel))
		}
		seen := map[string]bool{}
		for _, r := range rel {
			rid := str(r)
			if rid == id || seen[rid] || byID[rid] == nil {
				t.Errorf("%s: related %q is itself, repeated or missing", src.name, rid)
			}
			seen[rid] = true
			if byID[rid] != nil && str(byID[rid][o.Languages[0]].fm["visibility"]) == "restricted" && str(fm["visibility"]) != "restricted" {
				t.Errorf("%s: public practice related to restricted %s", src.name, rid)
			}
		}
		// A body links to some of the related practices, the same in
		// every language, and to no other.
		links := func(f *practiceFile) []string {
			var here []string
			for _, m := range linkRE.FindAllStringSubmatch(f.body, -1) {
				if rid, ok := strings.CutSuffix(m[1], "."+f.lang+".md"); ok {
					here = append(here, rid)
					if !seen[rid] {
						t.Errorf("%s: body links to %s, which is not related", f.name, rid)
					}
				}
			}
			return here
		}
		linked := links(src)
		for _, f := range files {
			if here := links(f); !slices.Equal(here, linked) {
				t.Errorf("%s: links to %v, the source to %v", f.name, here, linked)
			}
		}
		for _, e := range list(fm["exchanges"]) {
			m := mapping(e)
			year, _ := m["year"].(int)
			if year < startYear || year > 2026 || !slices.Contains(exchangeKinds, str(m["kind"])) || len(list(m["institutions"])) == 0 {
				t.Errorf("%s: exchange %v", src.name, m)
			}
			vs := list(m["visitors"])
			if len(vs) == 0 {
				t.Errorf("%s: exchange without visitors", src.name)
			}
			for _, v := range vs {
				if n := normCountry(str(v)); n == "" || own[n] {
					t.Errorf("%s: visitor %v", src.name, v)
				}
			}
		}
		srcs := list(fm["sources"])
		if len(srcs) < 5 || len(srcs) > 9 {
			t.Errorf("%s: %d sources", src.name, len(srcs))
		}
		for _, s := range srcs {
			m := mapping(s)
			if str(m["title"]) == "" || m["url"] != nil && !strings.HasPrefix(str(m["url"]), "https://") || str(m["publisher"]) == "" {
				t.Errorf("%s: source %v", src.name, m)
			}
			if y, _ := m["year"].(int); m["year"] != nil && (y < 2005 || y > 2026) {
				t.Errorf("%s: source year %v", src.name, m["year"])
			}
		}
		if c := mapping(fm["contact"]); fm["contact"] != nil {
			if str(c["institution"]) == "" || !strings.HasPrefix(str(c["url"]), "https://") || c["email"] != nil {
				t.Errorf("%s: contact %v", src.name, c)
			}
		}
		switch str(fm["visibility"]) {
		case "", "public":
		case "restricted":
			restricted++
		default:
			t.Errorf("%s: visibility %v", src.name, fm["visibility"])
		}
		for _, f := range files {
			lr := str(f.fm["last_reviewed"])
			if len(lr) > 10 {
				lr = lr[:10] // time.Time printed by fmt
			}
			if lr < "2020-01-01" || lr > "2026-11-01" || lr[:4] < start[:4] {
				t.Errorf("%s: last_reviewed %v", f.name, f.fm["last_reviewed"])
			}
		}
	}
	if restricted == 0 || restricted > len(byID)/10 {
		t.Errorf("%d of %d practices restricted, want about 3%%", restricted, len(byID))
	}
}

// compareStructured checks that a translation repeats the source's
// non-translatable values.
func compareStructured(t *testing.T, name string, src, tr map[string]any) {
	for _, k := range []string{"institutions", "partners"} {
		a, b := list(src[k]), list(tr[k])
		if len(a) != len(b) {
			t.Errorf("%s: %d %s, source has %d", name, len(b), k, len(a))
			continue
		}
		for i := range a {
			x, y := mapping(a[i]), mapping(b[i])
			for _, f := range []string{"acronym", "country", "type"} {
				if str(x[f]) != str(y[f]) {
					t.Errorf("%s: %s[%d].%s = %v, source has %v", name, k, i, f, y[f], x[f])
				}
			}
		}
	}
	a, b := mapping(src["criteria"]), mapping(tr["criteria"])
	if len(a) != len(b) {
		t.Errorf("%s: criteria differ from the source", name)
	}
	for k, v := range a {
		if str(mapping(v)["rating"]) != str(mapping(b[k])["rating"]) {
			t.Errorf("%s: criterion %s rating differs from the source", name, k)
		}
	}
	ea, eb := list(src["exchanges"]), list(tr["exchanges"])
	if len(ea) != len(eb) {
		t.Errorf("%s: exchanges differ from the source", name)
		return
	}
	for i := range ea {
		x, y := mapping(ea[i]), mapping(eb[i])
		for _, f := range []string{"year", "visitors", "kind"} {
			if fmt.Sprint(x[f]) != fmt.Sprint(y[f]) {
				t.Errorf("%s: exchanges[%d].%s differs from the source", name, i, f)
			}
		}
	}
	if fmt.Sprint(src["last_reviewed"]) != fmt.Sprint(tr["last_reviewed"]) {
		t.Errorf("%s: last_reviewed differs from the source", name)
	}
}

func checkSlugs(t *testing.T, name string, v any, vocab []string, lo, hi int) {
	l := list(v)
	if len(l) < lo || len(l) > hi {
		t.Errorf("%s: %d items in %v", name, len(l), v)
	}
	seen := map[string]bool{}
	for _, s := range l {
		if !slices.Contains(vocab, str(s)) || seen[str(s)] {
			t.Errorf("%s: bad or repeated slug %v", name, s)
		}
		seen[str(s)] = true
	}
}

func TestBodies(t *testing.T) {
	for _, opt := range []Options{
		{Practices: 300, Seed: 5},
		{Practices: 100, Seed: 6, MinWords: 30, MaxWords: 60, Languages: []string{"en", "es", "fr"}},
		{Practices: 40, Seed: 9, MinWords: 2000, MaxWords: 2000},
	} {
		byID, o := parseAll(t, opt)
		tables := 0
		for _, files := range byID {
			for _, f := range files {
				if n := len(strings.Fields(f.body)); n < o.MinWords || n > o.MaxWords {
					t.Errorf("%s: %d words, want %d–%d", f.name, n, o.MinWords, o.MaxWords)
				}
				want := []string{"## Description\n", "## Results\n", "## Lessons learned\n"}
				if f.lang == "es" {
					want = []string{"## Descripción\n", "## Resultados\n", "## Lecciones aprendidas\n"}
				}
				at := -1
				for _, h := range want {
					i := strings.Index(f.body, "\n"+h)
					if i <= at {
						t.Errorf("%s: heading %q missing or out of order", f.name, h)
					}
					at = i
				}
				lower := strings.ToLower(f.body)
				for _, s := range forbidden {
					if strings.Contains(lower, s) {
						t.Errorf("%s: body contains %q", f.name, s)
					}
				}
				if strings.Contains(f.body, "TODO") {
					t.Errorf("%s: body contains TODO", f.name)
				}
				for _, m := range phoneRE.FindAllString(f.body, -1) {
					digits := 0
					for _, c := range m {
						if c >= '0' && c <= '9' {
							digits++
						}
					}
					if digits >= 8 {
						t.Errorf("%s: phone-like %q", f.name, m)
					}
				}
				for _, m := range linkRE.FindAllStringSubmatch(f.body, -1) {
					u := m[1]
					if !strings.HasPrefix(u, "https://") && !(strings.HasSuffix(u, "."+f.lang+".md") && byID[strings.TrimSuffix(u, "."+f.lang+".md")] != nil) {
						t.Errorf("%s: bad link %q", f.name, u)
					}
				}
				if strings.Contains(f.body, "[^1]:") != strings.Contains(f.body, "[^1]\n") {
					t.Errorf("%s: footnote reference and definition do not match", f.name)
				}
				if strings.Contains(f.body, "\n| --- |") || strings.Contains(f.body, "\n| :-- |") {
					tables++
				}
				if !strings.HasSuffix(f.body, ".\n") || strings.HasSuffix(f.body, "\n\n") {
					t.Errorf("%s: body does not end with one newline", f.name)
				}
			}
		}
		if o.MinWords >= DefaultMinWords {
			files := len(byID) * len(o.Languages)
			if tables < files/16 || tables > files/5 {
				t.Errorf("%d of %d bodies have a table, want about an eighth", tables, files)
			}
		}
	}
}

func BenchmarkWrite1000(b *testing.B) {
	dir := b.TempDir()
	opt := Options{Practices: 1000, Seed: 1}
	for b.Loop() {
		if err := Write(dir, opt); err != nil {
			b.Fatal(err)
		}
	}
	var size int64
	filepath.WalkDir(dir, func(_ string, d os.DirEntry, _ error) error {
		if info, err := d.Info(); err == nil && !d.IsDir() {
			size += info.Size()
		}
		return nil
	})
	b.ReportMetric(float64(size)/1e6, "MB/op")
}
