// Package scaffold is `catalog new`: it writes a new practice file from
// the skeleton embedded in templates/new, or starts a translation of an
// existing practice, and tells the writer which placeholders remain.
package scaffold

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync/atomic"
	"text/template"
	"time"

	"github.com/nicksnyder/go-i18n/v2/i18n"

	"catalog/internal/check"
	"catalog/internal/config"
	"catalog/internal/country"
	"catalog/internal/diag"
	"catalog/internal/gate"
	"catalog/internal/iostreams"
	"catalog/internal/lang"
	"catalog/internal/load"
	"catalog/internal/model"
	"catalog/internal/suggest"
	"catalog/internal/vocab"
	"catalog/templates"
)

// Options are the inputs of `catalog new`.
type Options struct {
	IO        *iostreams.IO
	Dir       string
	ID        string
	Lang      string // default: the catalog's default language
	Translate bool   // start a translation of the existing practice ID

	Title, Summary  string
	Countries       []string
	Themes          []string
	Related         []string
	Scope           string
	Institution     string
	InstitutionType string
	Status, Level   string
	Start           string
	NoPrompt        bool
	Now             time.Time
	// Speak is the language of the prompts and of what new says when it
	// is done (lang.Choose); English when empty.
	Speak string
}

var (
	msgIntro          = &i18n.Message{ID: "new.intro", Other: "New practice {{.ID}} (press Enter to leave a field as a TODO placeholder)"}
	msgAskTitle       = &i18n.Message{ID: "new.ask_title", Other: "Title"}
	msgAskCountries   = &i18n.Message{ID: "new.ask_countries", Other: "Countries (ISO codes, comma-separated, e.g. CR, PA)"}
	msgAskThemes      = &i18n.Message{ID: "new.ask_themes", Other: "Themes (comma-separated; e.g. victim-identification, hotline)"}
	msgAskStart       = &i18n.Message{ID: "new.ask_start", Other: "Year it started (2013, or 2013-02)"}
	msgAskList        = &i18n.Message{ID: "new.ask_list", Other: "(? lists them)"}
	msgAskScope       = &i18n.Message{ID: "new.ask_scope", Other: "Scope: where it works [{{.Default}}]"}
	msgAskStatus      = &i18n.Message{ID: "new.ask_status", Other: "Status: does it go on [{{.Default}}]"}
	msgAskLevel       = &i18n.Message{ID: "new.ask_level", Other: "Level: how strong the evidence of its results is [{{.Default}}]"}
	msgNotAChoice     = &i18n.Message{ID: "new.not_a_choice", Other: "{{.Answer}} is none of {{.Choices}}: write one, or ? to see them"}
	msgCreated        = &i18n.Message{ID: "new.created", Other: "Created {{.Path}}"}
	msgNoPlaceholders = &i18n.Message{ID: "new.no_placeholders", Other: "No placeholders left. Check it with: {{.Command}}"}
	msgFillIn         = &i18n.Message{ID: "new.fill_in", One: "Fill in {{.Count}} placeholder, then run: {{.Command}}", Other: "Fill in {{.Count}} placeholders, then run: {{.Command}}"}
	msgFixAlso        = &i18n.Message{ID: "new.fix_also", Other: "Fix also:"}
)

// Run writes the new file. It returns the path written.
func Run(opt Options) (string, error) {
	if opt.Now.IsZero() {
		opt.Now = time.Now()
	}
	cfg, cds, err := config.Load(opt.Dir)
	if err != nil {
		return "", err
	}
	if errs, _ := diag.Count(cds); errs > 0 {
		return "", lang.Errorf("%s has errors; run `catalog validate` and fix them first", cfg.Path)
	}
	if !load.ValidID(opt.ID) {
		return "", lang.Errorf("%q is not a valid practice ID: use lowercase ASCII letters, digits and hyphens, starting with a letter (for example %s)", opt.ID, load.SuggestID(opt.ID))
	}
	taken, err := existing(opt.Dir, opt.ID)
	if err != nil {
		return "", err
	}
	if opt.Translate {
		return translation(opt, cfg, taken)
	}
	if opt.Lang == "" {
		opt.Lang = cfg.DefaultLanguage()
	}
	if !cfg.HasLanguage(opt.Lang) {
		return "", lang.Errorf("%q is not one of the catalog's languages (%s)", opt.Lang, strings.Join(cfg.Languages, ", "))
	}
	if len(taken) > 0 {
		return "", lang.Errorf("practice %q already exists (%s); choose another ID, or use --translate to add a language", opt.ID, strings.Join(sortedValues(taken), ", "))
	}
	if opt.Lang != cfg.DefaultLanguage() {
		return "", lang.Errorf("a new practice starts in the default language %q; write it first, then use --translate --lang %s", cfg.DefaultLanguage(), opt.Lang)
	}
	if err := normalise(&opt, cfg); err != nil {
		return "", err
	}
	if opt.IO.CanPrompt() && !opt.NoPrompt {
		if err := prompt(&opt, cfg); err != nil {
			return "", err
		}
	}
	text, err := render(opt, cfg)
	if err != nil {
		return "", err
	}
	return write(opt, cfg, text)
}

// existing maps the languages an ID already has a file in to the paths.
func existing(dir, id string) (map[string]string, error) {
	out := map[string]string{}
	folder, err := gate.Open(dir)
	if err != nil {
		return nil, err
	}
	defer folder.Close()
	root := folder.Path(load.PracticesDir)
	err = folder.WalkDir(root, func(path string, e fs.DirEntry, err error) error {
		if err != nil {
			if errors.Is(err, fs.ErrNotExist) && path == root {
				return fs.SkipDir
			}
			return err
		}
		name := e.Name()
		if e.IsDir() || !strings.HasSuffix(name, ".md") {
			return nil
		}
		stem := strings.TrimSuffix(name, ".md")
		fid, lang, _ := strings.Cut(stem, ".")
		if fid == id {
			out[lang] = path
		}
		return nil
	})
	return out, err
}

func sortedValues(m map[string]string) []string {
	out := make([]string, 0, len(m))
	for _, v := range m {
		out = append(out, v)
	}
	slices.Sort(out)
	return out
}

// normalise checks and canonicalises what the flags gave, so that a typo
// is refused before a file is written.
func normalise(opt *Options, cfg *config.Config) error {
	// A country or a theme may be given by its name or label, in either
	// language ("Guatemala", "Atención inmediata"): the code is written.
	for i, c := range opt.Countries {
		cc, ok := country.Exact(c)
		if !ok {
			if s := country.Suggest(c); s != "" {
				return lang.Errorf("--country: unknown country code %q (did you mean %s, %s?)", c, s, check.CountryName(s))
			}
			return lang.Errorf("--country: unknown country code %q", c)
		}
		opt.Countries[i] = cc
	}
	for i, t := range opt.Themes {
		t = strings.TrimSpace(t)
		if !cfg.Themes.Has(t) {
			slug := cfg.Themes.ByLabel(t)
			if slug == "" {
				return lang.Errorf("--theme: unknown theme %q%s", t, cfg.Themes.Hint(t))
			}
			t = slug
		}
		opt.Themes[i] = t
	}
	for i, id := range opt.Related {
		id = strings.TrimSpace(id)
		switch {
		case !load.ValidID(id):
			return lang.Errorf("--related: %q is not a practice ID (lowercase ASCII letters, digits and hyphens)", id)
		case id == opt.ID:
			return lang.Errorf("--related: a practice cannot be related to itself")
		}
		opt.Related[i] = id
	}
	for _, f := range []struct {
		flag, value string
		allowed     []string
	}{
		{"--scope", opt.Scope, load.FieldValues("scope")},
		{"--status", opt.Status, load.FieldValues("status")},
		{"--level", opt.Level, load.FieldValues("level")},
		{"--institution-type", opt.InstitutionType, check.InstitutionTypes},
	} {
		if f.value != "" && !slices.Contains(f.allowed, f.value) {
			return lang.Errorf("%s: must be one of %s, not %q", f.flag, strings.Join(f.allowed, ", "), f.value)
		}
	}
	if opt.Start != "" {
		if _, ok := load.ParseYearMonth(opt.Start); !ok {
			return lang.Errorf("--start: must be a year (2013) or a year and month (2013-02), not %q", opt.Start)
		}
	}
	return nil
}

// prompt asks, on a terminal, for the fields the flags left out.
func prompt(opt *Options, cfg *config.Config) error {
	in := bufio.NewReader(opt.IO.In)
	p := lang.For(opt.Speak)
	// ask asks question until the answer is valid; "?" prints the choices
	// of the list named (vocab), when there is one.
	ask := func(question, list string, valid func(string) error) (string, error) {
		if list != "" {
			question += " " + p.T(msgAskList, nil)
		}
		for {
			fmt.Fprintf(opt.IO.ErrOut, "%s: ", question)
			line, err := in.ReadString('\n')
			line = strings.TrimSpace(line)
			if err != nil && line == "" {
				if err == io.EOF {
					return "", nil
				}
				return "", err
			}
			if line == "" {
				return "", nil
			}
			if line == "?" && list != "" {
				writeChoices(opt.IO.ErrOut, cfg, list, p.Lang)
				continue
			}
			if verr := valid(line); verr != nil {
				// The checks name flags; a prompt answer is not one.
				msg := p.Error(verr)
				if i := strings.Index(msg, ": "); strings.HasPrefix(msg, "--") && i > 0 {
					msg = msg[i+2:]
				}
				fmt.Fprintf(opt.IO.ErrOut, "  %s\n", diag.Escape(msg))
				continue
			}
			return line, nil
		}
	}
	fmt.Fprintln(opt.IO.ErrOut, p.T(msgIntro, map[string]string{"ID": opt.ID}))
	if opt.Title == "" {
		s, err := ask(p.T(msgAskTitle, nil), "", func(string) error { return nil })
		if err != nil {
			return err
		}
		opt.Title = s
	}
	if len(opt.Countries) == 0 {
		s, err := ask(p.T(msgAskCountries, nil), "countries", func(s string) error {
			o := *opt
			o.Countries = splitList(s, isCountry)
			return normalise(&o, cfg)
		})
		if err != nil {
			return err
		}
		opt.Countries = splitList(s, isCountry)
		if err := normalise(opt, cfg); err != nil {
			return err
		}
		showCodes(opt.IO.ErrOut, s, opt.Countries)
	}
	if len(opt.Themes) == 0 {
		s, err := ask(p.T(msgAskThemes, nil), "themes", func(s string) error {
			o := *opt
			o.Themes = splitList(s, cfg.Themes.Has)
			return normalise(&o, cfg)
		})
		if err != nil {
			return err
		}
		opt.Themes = splitList(s, cfg.Themes.Has)
		if err := normalise(opt, cfg); err != nil {
			return err
		}
		showCodes(opt.IO.ErrOut, s, opt.Themes)
	}
	if opt.Start == "" {
		s, err := ask(p.T(msgAskStart, nil), "", func(s string) error {
			o := *opt
			o.Start = s
			return normalise(&o, cfg)
		})
		if err != nil {
			return err
		}
		opt.Start = s
	}
	// Scope, status and level have a default that is easy to leave wrong:
	// each is asked, with its choices, and Enter keeps the default.
	for _, q := range []struct {
		field, def string
		msg        *i18n.Message
		to         *string
	}{
		{"scope", "national", msgAskScope, &opt.Scope},
		{"status", "ongoing", msgAskStatus, &opt.Status},
		{"level", "emerging", msgAskLevel, &opt.Level},
	} {
		if *q.to != "" {
			continue
		}
		s, err := ask(p.T(q.msg, map[string]string{"Default": q.def}), q.field, func(s string) error {
			if choice(q.field, s) == "" {
				return errors.New(p.T(msgNotAChoice, map[string]string{"Answer": s, "Choices": strings.Join(load.FieldValues(q.field), ", ")}))
			}
			return nil
		})
		if err != nil {
			return err
		}
		*q.to = choice(q.field, s)
	}
	return normalise(opt, cfg)
}

// showCodes shows the codes an answer was read as, when it named them
// otherwise ("Costa Rica, panamá" → CR, PA).
func showCodes(w io.Writer, answer string, codes []string) {
	if strings.Join(strings.Fields(strings.NewReplacer(",", " ", ";", " ").Replace(answer)), " ") != strings.Join(codes, " ") {
		fmt.Fprintf(w, "  → %s\n", diag.Escape(strings.Join(codes, ", ")))
	}
}

// choice is the code of the field's fixed list that an answer names: the
// code, or words of one label in any language ("Regional", "en curso",
// "prometedora" of "Práctica prometedora"); "" for none, and for an
// empty answer.
func choice(field, answer string) string {
	values := load.FieldValues(field)
	for _, code := range values {
		if suggest.Fold(answer) == suggest.Fold(code) && code != "" {
			return code
		}
	}
	return check.LabelCode(field, answer, values)
}

// writeChoices prints the choices of a list for a prompt's "?": the
// catalog's themes by pillar, the countries of its regions, a field's
// fixed list, each with its label in speak.
func writeChoices(w io.Writer, cfg *config.Config, list, speak string) {
	l := vocab.Lookup(list)
	if l == nil {
		return
	}
	codes := l.Codes(cfg, speak)
	if list == "countries" {
		// The catalog's regions: the 249 of ISO 3166 are catalog vocab's.
		codes = slices.DeleteFunc(codes, func(c vocab.Code) bool { return c.Region == "" })
	}
	l.WriteText(w, cfg, speak, codes)
}

// splitList splits an answer at commas and semicolons. A part with
// spaces is several codes when each word is one ("CR PA"), else one entry:
// "Costa Rica" or "Atención inmediata", which normalise then names the
// code of.
func splitList(s string, code func(string) bool) []string {
	var out []string
	for _, part := range strings.FieldsFunc(s, func(r rune) bool { return r == ',' || r == ';' }) {
		words := strings.Fields(part)
		if len(words) > 1 && !slices.ContainsFunc(words, func(w string) bool { return !code(w) }) {
			out = append(out, words...)
		} else if len(words) > 0 {
			out = append(out, strings.Join(words, " "))
		}
	}
	return out
}

func isCountry(s string) bool { _, ok := country.Exact(s); return ok }

var hints = map[string][]string{
	"es": {
		"qué es la práctica, quién la lleva a cabo, para quién y cómo funciona.",
		"qué ha logrado, con datos y la fuente de cada dato.",
		"qué aprendieron las instituciones y qué debe tener en cuenta quien quiera adaptarla.",
	},
	"en": {
		"what the practice is, who runs it, for whom, and how it works.",
		"what it has achieved, with figures and the source of each.",
		"what the institutions learned, and what anyone adapting it should know.",
	},
}

// hintFor is the hint under a required section of the skeleton: the one
// written for that default section, whatever its place among a catalog's
// own sections; "…" for a section of the catalog's own.
func hintFor(defaults map[string][]string, lang, heading string) string {
	for _, l := range []string{lang, "en"} {
		for i, h := range defaults[l] {
			if strings.EqualFold(h, heading) && i < len(hints[l]) {
				return hints[l][i]
			}
		}
	}
	return "…"
}

func skeletonFor(lang string) string {
	if _, err := fs.Stat(templates.FS, "new/practice."+lang+".md"); err == nil {
		return "new/practice." + lang + ".md"
	}
	return "new/practice.en.md"
}

// render fills the skeleton. A catalog's own templates/new/ file replaces
// the embedded one.
func render(opt Options, cfg *config.Config) ([]byte, error) {
	name := skeletonFor(opt.Lang)
	src, err := fs.ReadFile(templates.For(opt.Dir), name)
	if err != nil {
		return nil, err
	}
	// A catalog's skeleton is as untrusted as the rest of it: a value is
	// no longer than a practice may be (print and printf could double
	// one until memory runs out).
	capped := func(s string) (string, error) {
		if len(s) > gate.MaxText {
			return "", errSkeletonSize
		}
		return s, nil
	}
	tmpl, err := template.New(name).Option("missingkey=error").Funcs(template.FuncMap{
		"str":     func(v, placeholder string) string { return yamlString(or(v, placeholder)) },
		"code":    func(v, placeholder string) string { return or(v, placeholder) },
		"list":    yamlList,
		"first":   func(list []string) string { return or(first(list), "") },
		"print":   func(args ...any) (string, error) { return capped(fmt.Sprint(args...)) },
		"printf":  func(f string, args ...any) (string, error) { return capped(fmt.Sprintf(f, args...)) },
		"println": func(args ...any) (string, error) { return capped(fmt.Sprintln(args...)) },
	}).Parse(string(src))
	if err != nil {
		return nil, lang.Errorf("skeleton %s: %w", name, err)
	}
	sections := cfg.Sections[opt.Lang]
	var sectionHints []string
	defaults := config.Default().Sections
	for _, heading := range sections {
		sectionHints = append(sectionHints, hintFor(defaults, opt.Lang, heading))
	}
	data := map[string]any{
		"Title": opt.Title, "Summary": opt.Summary, "Countries": opt.Countries, "Themes": opt.Themes,
		"Related": opt.Related, "Scope": opt.Scope, "Institution": opt.Institution, "InstitutionType": opt.InstitutionType,
		"Status": opt.Status, "Level": opt.Level, "Start": yearMonth(opt.Start),
		"Today": opt.Now.Format(time.DateOnly), "Sections": sections, "Hints": sectionHints,
	}
	b := &skeletonWriter{}
	done := make(chan error, 1)
	go func() { done <- tmpl.Execute(b, data) }()
	select {
	case err = <-done:
	case <-time.After(skeletonTime):
		// The execution is left running: catalog new ends now.
		b.halt.Store(true)
		err = lang.Errorf("took longer than %s (does a {{range}} never end?)", skeletonTime)
	}
	if errors.Is(err, errSkeletonSize) {
		err = lang.Errorf("made more than %d MiB (does a {{range}} never end?)", gate.MaxText>>20)
	}
	if err != nil {
		return nil, lang.Errorf("skeleton templates/%s: %w", name, err)
	}
	return bytes.TrimRight(b.buf.Bytes(), "\n"), nil
}

// skeletonTime is how long a skeleton may take: one takes microseconds.
var skeletonTime = 10 * time.Second

var errSkeletonSize = errors.New("the skeleton is too large")

// skeletonWriter collects a skeleton up to the size of a practice file,
// and refuses every write once its time is up.
type skeletonWriter struct {
	buf  bytes.Buffer
	halt atomic.Bool
}

func (w *skeletonWriter) Write(p []byte) (int, error) {
	if w.halt.Load() || w.buf.Len()+len(p) > gate.MaxText {
		return 0, errSkeletonSize
	}
	return w.buf.Write(p)
}

// yearMonth quotes "2013-02" so that YAML keeps it as text.
func yearMonth(s string) string {
	if strings.Contains(s, "-") {
		return strconv.Quote(s)
	}
	return s
}

func or(v, fallback string) string {
	if strings.TrimSpace(v) == "" {
		return fallback
	}
	return v
}

func first(list []string) string {
	if len(list) == 0 {
		return ""
	}
	return list[0]
}

// yamlString writes s as a double-quoted YAML scalar: safe for any text,
// colons, quotes and YAML 1.1 booleans included.
func yamlString(s string) string {
	var b strings.Builder
	b.WriteByte('"')
	for _, r := range s {
		switch r {
		case '"':
			b.WriteString(`\"`)
		case '\\':
			b.WriteString(`\\`)
		case '\n':
			b.WriteString(`\n`)
		case '\t':
			b.WriteString(`\t`)
		default:
			// Control characters (C0, DEL, C1, as text pasted from a
			// badly converted document brings), the line separators and
			// the byte order mark are escaped: YAML refuses the first
			// and reads the others as line breaks or drops them.
			switch {
			case r < 0x20 || r == 0x7f:
				fmt.Fprintf(&b, `\x%02x`, r)
			case 0x80 <= r && r <= 0x9f, r == '\u2028', r == '\u2029', r == '\ufeff':
				fmt.Fprintf(&b, `\u%04x`, r)
			default:
				b.WriteRune(r)
			}
		}
	}
	b.WriteByte('"')
	return b.String()
}

func yamlList(list []string, placeholder string) string {
	if len(list) == 0 {
		if placeholder == "" {
			return "[]"
		}
		return "[" + placeholder + "]"
	}
	return "[" + strings.Join(list, ", ") + "]"
}

// write creates the file (never over an existing one) and reports the
// placeholders left in it.
func write(opt Options, cfg *config.Config, text []byte) (string, error) {
	folder, err := gate.Open(opt.Dir)
	if err != nil {
		return "", err
	}
	defer folder.Close()
	dir := filepath.Join(opt.Dir, load.PracticesDir)
	path := filepath.Join(dir, opt.ID+"."+opt.Lang+".md")
	if len(cfg.Languages) == 1 {
		path = filepath.Join(dir, opt.ID+".md")
	}
	f, err := folder.Create(path)
	if err != nil {
		if errors.Is(err, fs.ErrExist) {
			return "", lang.Errorf("%s already exists; catalog new never overwrites a file", path)
		}
		return "", err
	}
	if _, err := f.Write(append(text, '\n')); err != nil {
		f.Close()
		folder.Remove(path)
		return "", err
	}
	if err := f.Close(); err != nil {
		folder.Remove(path)
		return "", err
	}
	report(opt, path)
	return path, nil
}

// report says what was written, which placeholders remain and what else
// the checks find in it (a summary too long, a start in the future, a
// related practice that does not exist), by running them on the catalog
// with the new file in it: the file passes validate once its
// placeholders are filled, or the writer hears at once why it will not.
func report(opt Options, path string) {
	p := lang.For(opt.Speak)
	fmt.Fprintln(opt.IO.ErrOut, p.T(msgCreated, map[string]string{"Path": diag.Escape(path)}))
	_, ds, err := check.Catalog(opt.Dir, check.Options{Now: opt.Now})
	if err != nil {
		return
	}
	var todo, other []diag.Diagnostic
	for _, d := range diag.In(p, ds) {
		switch {
		case d.File != path:
		case d.Rule == load.RulePlaceholder:
			todo = append(todo, d)
		default:
			other = append(other, d)
		}
	}
	validate := "catalog validate " + path
	if dir := filepath.Clean(opt.Dir); dir != "catalog" && dir != "." {
		validate = "catalog validate --dir " + opt.Dir + " " + path
	}
	if len(todo) == 0 {
		fmt.Fprintln(opt.IO.ErrOut, p.T(msgNoPlaceholders, map[string]string{"Command": diag.Escape(validate)}))
	} else {
		fmt.Fprintln(opt.IO.ErrOut, p.N(msgFillIn, len(todo), map[string]any{"Command": diag.Escape(validate)}))
		for _, d := range todo {
			fmt.Fprintf(opt.IO.ErrOut, "  %s\n", diag.Escape(fmt.Sprintf("%s:%d: %s", d.File, d.Line, placeholder(p, d))))
		}
	}
	if len(other) > 0 {
		fmt.Fprintln(opt.IO.ErrOut, p.T(msgFixAlso, nil))
		for _, d := range other {
			fmt.Fprintf(opt.IO.ErrOut, "  %s\n", diag.Escape(fmt.Sprintf("%s:%d: %s: %s [%s]", d.File, d.Line, d.Severity, d.Message, d.Rule.ID)))
		}
	}
}

// placeholder is what a placeholder problem says after its opening words
// ("placeholder left to fill: "), in p's language: the marker and its
// hint.
func placeholder(p lang.Printer, d diag.Diagnostic) string {
	if d.Format() != load.PlaceholderFormat {
		return d.Message
	}
	return strings.TrimPrefix(d.Message, p.Sprintf(load.PlaceholderFormat, ""))
}

// translation starts a translation of an existing practice: its
// translatable fields and body, each marked as a placeholder to translate.
func translation(opt Options, cfg *config.Config, taken map[string]string) (string, error) {
	def := cfg.DefaultLanguage()
	if len(cfg.Languages) == 1 {
		return "", lang.Errorf("the catalog has one language (%s): there is nothing to translate into; add a language to catalog.yaml first", def)
	}
	// What every language shares is the source's to say.
	for _, f := range []struct {
		flag string
		set  bool
	}{
		{"--country", len(opt.Countries) > 0}, {"--theme", len(opt.Themes) > 0}, {"--related", len(opt.Related) > 0},
		{"--scope", opt.Scope != ""}, {"--status", opt.Status != ""}, {"--level", opt.Level != ""},
		{"--start", opt.Start != ""}, {"--institution-type", opt.InstitutionType != ""},
	} {
		if f.set {
			return "", lang.Errorf("%s: a translation shares it with the source, %s.%s.md: change it there", f.flag, opt.ID, def)
		}
	}
	srcPath, ok := taken[def]
	if !ok {
		return "", lang.Errorf("practice %q has no %s source to translate from (looked in %s)", opt.ID, def, filepath.Join(opt.Dir, load.PracticesDir))
	}
	if opt.Lang == "" {
		for _, l := range cfg.Languages[1:] {
			if _, done := taken[l]; !done {
				opt.Lang = l
				break
			}
		}
		if opt.Lang == "" {
			return "", lang.Errorf("practice %q is already in every language of the catalog (%s)", opt.ID, strings.Join(cfg.Languages, ", "))
		}
	}
	switch {
	case !cfg.HasLanguage(opt.Lang):
		return "", lang.Errorf("%q is not one of the catalog's languages (%s)", opt.Lang, strings.Join(cfg.Languages, ", "))
	case opt.Lang == def:
		return "", lang.Errorf("--translate needs a language other than the source's %q: add --lang", def)
	}
	if p, done := taken[opt.Lang]; done {
		return "", lang.Errorf("%s already exists; catalog new never overwrites a file", p)
	}
	cat, _, err := load.Catalog(opt.Dir)
	if err != nil {
		return "", err
	}
	p := cat.Practice(opt.ID)
	if p == nil {
		return "", lang.Errorf("%s cannot be read; run `catalog validate %s` and fix it first", srcPath, srcPath)
	}
	return write(opt, cfg, translationText(p.Source, cfg, opt))
}

func translationText(src *model.Text, cfg *config.Config, opt Options) []byte {
	var b strings.Builder
	from := src.Lang
	mark := func(s string) string { return yamlString("TODO: translate: " + s) }
	fmt.Fprintf(&b, "---\n# Translation of %s.%s.md into %s. Translate each marked field and delete the marker;\n", opt.ID, from, opt.Lang)
	fmt.Fprintf(&b, "# every other field is inherited from the source: change it there.\n")
	given := func(v, source string) string {
		if strings.TrimSpace(v) != "" {
			return yamlString(v)
		}
		return mark(source)
	}
	fmt.Fprintf(&b, "title: %s\n", given(opt.Title, src.Title))
	fmt.Fprintf(&b, "summary: %s\n", given(opt.Summary, src.Summary))
	for _, group := range []struct {
		key  string
		list []model.Institution
	}{{"institutions", src.Institutions}, {"partners", src.Partners}} {
		if len(group.list) == 0 {
			continue
		}
		fmt.Fprintf(&b, "%s:\n", group.key)
		for i, in := range group.list {
			name := mark(in.Name)
			if i == 0 && group.key == "institutions" {
				name = given(opt.Institution, in.Name)
			}
			fmt.Fprintf(&b, "  - name: %s\n", name)
			if in.Acronym != "" {
				fmt.Fprintf(&b, "    acronym: %s\n", yamlString(in.Acronym))
			}
		}
	}
	if slices.ContainsFunc(src.Criteria, func(r model.Rating) bool { return r.Note != "" }) {
		b.WriteString("criteria:\n")
		for _, r := range src.Criteria {
			if r.Note != "" {
				fmt.Fprintf(&b, "  %s: {note: %s}\n", r.Criterion, mark(r.Note))
			}
		}
	}
	if len(src.Exchanges) > 0 {
		b.WriteString("exchanges:\n")
		for _, ex := range src.Exchanges {
			fmt.Fprintf(&b, "  - year: %d\n", ex.Year)
			if ex.Note != "" {
				fmt.Fprintf(&b, "    note: %s\n", mark(ex.Note))
			}
		}
	}
	if c := src.Contact; c != nil {
		fmt.Fprintf(&b, "contact:\n  institution: %s\n", mark(c.Institution))
		if c.Role != "" {
			fmt.Fprintf(&b, "  role: %s\n", mark(c.Role))
		}
	}
	fmt.Fprintf(&b, "last_reviewed: %s\n---\n", opt.Now.Format(time.DateOnly))
	fmt.Fprintf(&b, "TODO: translate the text below from %s, then delete this line.\n\n", from)
	b.WriteString(translateBody(string(src.Body), from, opt.Lang, cfg.Sections[from], cfg.Sections[opt.Lang]))
	return []byte(strings.TrimRight(b.String(), "\n"))
}

// practiceLink is a link to another practice's file in the body, relative
// (no scheme): "](otra.es.md)", "](../x/otra.es.md#a)".
var practiceLink = regexp.MustCompile(`\]\(([^():\s]*?)\.([a-z]{2,3}(?:-[A-Za-z0-9]+)?)\.md(#[^()\s]*)?\)`)

// translateBody prepares a source's body for its translation, outside
// fenced code: the source language's required headings become the
// target's, section for section, and links to other practices point at
// their file in the target language. Headings the target requires and the
// source has not are added at the end, each with a placeholder.
func translateBody(body, from, to string, fromSections, toSections []string) string {
	lines := strings.Split(body, "\n")
	have := map[string]bool{}
	fence := ""
	for i, line := range lines {
		if f := fenceOf(line); f != "" {
			switch {
			case fence == "":
				fence = f
			case strings.HasPrefix(f, fence) && strings.TrimSpace(strings.TrimLeft(strings.TrimSpace(line), f[:1])) == "":
				fence = ""
			}
			continue
		}
		if fence != "" {
			continue
		}
		lines[i] = practiceLink.ReplaceAllStringFunc(line, func(m string) string {
			sm := practiceLink.FindStringSubmatch(m)
			if sm[2] != from {
				return m
			}
			return "](" + sm[1] + "." + to + ".md" + sm[3] + ")"
		})
		trimmed := strings.TrimLeft(line, "#")
		level := len(line) - len(trimmed)
		if level == 0 || level > 6 || !strings.HasPrefix(trimmed, " ") {
			continue
		}
		text := strings.TrimSpace(trimmed)
		for j, f := range fromSections {
			if j < len(toSections) && strings.EqualFold(text, f) {
				lines[i] = line[:level] + " " + toSections[j]
				text = toSections[j]
			}
		}
		have[strings.ToLower(text)] = true
	}
	out := strings.TrimRight(strings.Join(lines, "\n"), "\n")
	for _, h := range toSections {
		if !have[strings.ToLower(h)] {
			out += "\n\n## " + h + "\n\nTODO: write this section.\n"
		}
	}
	return out
}

// fenceOf returns the fence a line opens or closes (``` or ~~~, three or
// more, indented at most three spaces), or "".
func fenceOf(line string) string {
	t := strings.TrimLeft(line, " ")
	if len(line)-len(t) > 3 || len(t) < 3 || (t[0] != '`' && t[0] != '~') {
		return ""
	}
	n := len(t) - len(strings.TrimLeft(t, t[:1]))
	if n < 3 {
		return ""
	}
	return t[:n]
}
