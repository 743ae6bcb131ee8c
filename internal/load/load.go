// Package load turns a catalog folder into the model: it reads
// catalog.yaml, parses every practice file in parallel, merges each
// translation with its source, and builds the indexes. It reports what is
// wrong with files and their structure (names, YAML, types, translations);
// package check judges the values.
package load

import (
	"bytes"
	"errors"
	"fmt"
	"hash/maphash"
	"io/fs"
	"path/filepath"
	"regexp"
	"runtime"
	"slices"
	"strings"
	"sync"
	"unicode/utf8"

	"gopkg.in/yaml.v3"

	"catalog/internal/config"
	"catalog/internal/diag"
	fm "catalog/internal/frontmatter"
	"catalog/internal/gate"
	"catalog/internal/lang"
	"catalog/internal/markdown"
	"catalog/internal/model"
)

// Rules of this stage.
var (
	RuleFileName = &diag.Rule{ID: "file-name", Severity: diag.Error,
		Doc: "A practice file is not named `ID.LANG.md`: the ID must be lowercase ASCII letters, digits and hyphens, starting with a letter, and LANG one of the catalog's languages. A file in practices/ that does not end in .md gets a warning: it is ignored."}
	RuleDuplicateID = &diag.Rule{ID: "duplicate-id", Severity: diag.Error,
		Doc: "Two files give the same practice in the same language (in different folders)."}
	RuleMissingSource = &diag.Rule{ID: "missing-source", Severity: diag.Error,
		Doc: "A practice has translations but no file in the catalog's default language, which is the source the translations inherit from."}
	RuleTranslationMismatch = &diag.Rule{ID: "translation-mismatch", Severity: diag.Error,
		Doc: "A translation gives a structured field (countries, themes, dates, ratings…) that differs from its source. A translation inherits those fields; give them only in the source."}
)

// PracticesDir is the folder of practice files inside a catalog.
const PracticesDir = "practices"

var seed = maphash.MakeSeed()

// Catalog loads the catalog in dir. The error is for what stops loading
// altogether (no catalog.yaml, an unreadable folder); every problem in the
// files comes back as a diagnostic.
func Catalog(dir string) (*model.Catalog, []diag.Diagnostic, error) {
	return CatalogWith(dir, Options{})
}

// Options tune loading.
type Options struct {
	// Body, when set, sees the body of each practice file whose front
	// matter could be read, as the file is read (f.ID, f.Lang and f.Path
	// are set), and says whether the catalog keeps it. A text whose body
	// is not kept has a nil Body (Body reads it again), and the files are
	// read through a few reused buffers instead of each into memory of its
	// own: for a caller that needs the bodies only to check them
	// (validate), most of the memory of loading, and the time the system
	// takes to hand out fresh memory, goes away.
	Body func(cfg *config.Config, f *model.File, body []byte) (keep bool)
	// Files, when set, gives the files that have not changed since an
	// earlier load with the same cache without reading them again (catalog
	// serve), and keeps what this load reads. Not with Body.
	Files *FileCache
	// Buffers are practice files as an editor holds them, unsaved (catalog
	// lsp), by path as load names them (the catalog folder joined with
	// practices/…): each is read in place of the file on disk, which need
	// not exist. A path outside the practices folder, or not ending in .md,
	// is not a practice and is ignored. A buffer larger than the gate lets a
	// file be is refused as that file would be.
	Buffers map[string][]byte
}

// CatalogWith is Catalog with options.
func CatalogWith(dir string, opt Options) (*model.Catalog, []diag.Diagnostic, error) {
	folder, err := config.Open(dir)
	if err != nil {
		return nil, nil, err
	}
	cfg, ds, err := config.Read(folder)
	if err != nil {
		return nil, nil, err
	}
	paths, others, err := practiceFiles(folder, &ds)
	if err != nil {
		return nil, nil, err
	}
	paths = withBuffers(folder, paths, opt.Buffers)
	ds = append(ds, otherFiles(folder)...)
	for _, o := range others {
		d := diag.New(RuleFileName, o, 0, 0, "not a practice file (practices end in .md): it is ignored")
		if strings.EqualFold(filepath.Ext(o), ".markdown") {
			d = diag.New(RuleFileName, o, 0, 0, "practice files end in .md: rename it, or it is ignored")
		}
		d.Severity = diag.Warning
		ds = append(ds, d)
	}
	if opt.Files != nil {
		opt.Files.begin()
		defer opt.Files.end()
	}
	parsed, practices, mds := parseAll(folder, paths, cfg, opt)
	for _, p := range parsed {
		ds = append(ds, p.diags...)
	}
	ds = append(ds, mds...)
	intro, ids := intros(folder, cfg)
	ds = append(ds, ids...)
	cat := model.New(dir, cfg, practices, intro)
	cat.Folder = folder
	cat.Paths = paths
	return cat, ds, nil
}

// practiceFiles lists the Markdown files below the practices folder,
// sorted, and the other files (which a writer may have meant as
// practices), skipping hidden files and folders. A missing folder is an
// empty catalog. A link out of the catalog, a broken link and a special
// file are reported and left out; a link to a file inside is a file.
func practiceFiles(folder *gate.Folder, ds *[]diag.Diagnostic) (md, others []string, err error) {
	dir := folder.Path(PracticesDir)
	err = folder.WalkDir(dir, func(path string, e fs.DirEntry, err error) error {
		if err != nil {
			if d, ok := gate.AsDiagnostic(err); ok {
				*ds = append(*ds, d)
				return fs.SkipDir
			}
			if errors.Is(err, fs.ErrNotExist) && path == dir {
				return fs.SkipDir
			}
			return err
		}
		name := e.Name()
		if path != dir && strings.HasPrefix(name, ".") {
			if e.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		t, err := folder.Type(path, e)
		if d, ok := gate.AsDiagnostic(err); ok {
			*ds = append(*ds, d)
			return nil
		}
		switch {
		case err != nil:
			return err
		case t.IsDir():
		case strings.EqualFold(filepath.Ext(name), ".md"):
			md = append(md, path)
		case name != "Thumbs.db" && name != "desktop.ini":
			others = append(others, path)
		}
		return nil
	})
	slices.Sort(md)
	slices.Sort(others)
	return md, others, err
}

// withBuffers adds to paths the buffers that have no file on disk yet. A
// buffer whose file the gate refuses (a link out of the catalog, a special
// file: the walk reported it) stays out, as the file does.
func withBuffers(folder *gate.Folder, paths []string, buffers map[string][]byte) []string {
	dir := folder.Path(PracticesDir) + string(filepath.Separator)
	added := false
	for path := range buffers {
		if !strings.HasPrefix(path, dir) || !strings.EqualFold(filepath.Ext(path), ".md") || filepath.Clean(path) != path {
			continue
		}
		if _, err := folder.Stat(path); err != nil {
			if _, refused := gate.AsDiagnostic(err); refused {
				continue
			}
		}
		if _, found := slices.BinarySearch(paths, path); !found {
			paths = append(paths, path)
			added = true
		}
	}
	if added {
		slices.Sort(paths)
	}
	return paths
}

// The folders beside practices/ that a build reads from.
var otherTrees = []string{"media", "templates"}

// otherFiles reports the links out of the catalog and the special files
// in media/ and templates/, whether or not a page uses them: a build
// would refuse them when it reads them, and validate should say so first.
func otherFiles(folder *gate.Folder) []diag.Diagnostic {
	var ds []diag.Diagnostic
	for _, tree := range otherTrees {
		top := folder.Path(tree)
		folder.WalkDir(top, func(path string, e fs.DirEntry, err error) error {
			if err == nil && (path == top || !strings.HasPrefix(e.Name(), ".")) {
				_, err = folder.Type(path, e)
			} else if err == nil && e.IsDir() {
				return fs.SkipDir
			}
			if d, ok := gate.AsDiagnostic(err); ok {
				ds = append(ds, d)
			}
			return nil
		})
	}
	return ds
}

// parsed is one practice file after reading and decoding.
type parsed struct {
	file  *model.File
	sheet *sheet // nil when the front matter could not be read
	body  []byte
	diags []diag.Diagnostic
	valid bool // the file name is a valid ID and language
}

// parseAll parses files in parallel, and merges the files of each practice
// as soon as they are read: a practice's files (the files whose names give
// the same ID) are read by one worker, one after the other, then merged, so
// that their decoded front matter can go at once, and merging takes no
// time of its own after reading. Each result goes to its own slot, so the
// outcome does not depend on scheduling.
func parseAll(folder *gate.Folder, paths []string, cfg *config.Config, opt Options) ([]*parsed, []*model.Practice, []diag.Diagnostic) {
	out := make([]*parsed, len(paths))
	groups := groupByID(paths)
	type merged struct {
		p  *model.Practice
		ds []diag.Diagnostic
	}
	results := make([]merged, len(groups))
	workers := min(runtime.GOMAXPROCS(0), len(groups))
	var wg sync.WaitGroup
	next := make(chan int, len(groups))
	for g := range groups {
		next <- g
	}
	close(next)
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			w := &worker{cfg: cfg, opt: opt, paths: &fm.Paths{}, langs: cfg.DefaultLanguage() + "\x00" + strings.Join(cfg.Languages, "\x00")}
			w.gate = folder.Files()
			defer w.gate.Close()
			if opt.Body != nil {
				w.buf = make([]byte, 0, 64<<10)
			} else {
				w.files = opt.Files // the cache keeps what it reads
			}
			var files []*parsed
			for g := range next {
				files = files[:0]
				for _, i := range groups[g] {
					out[i] = w.parseFile(paths[i])
					if out[i].valid {
						files = append(files, out[i])
					}
				}
				if len(files) > 0 {
					r := &results[g]
					r.p = mergeOne(files[0].file.ID, files, cfg, &r.ds)
				}
				for _, f := range files {
					f.sheet, f.body = nil, nil
				}
			}
		}()
	}
	wg.Wait()
	var practices []*model.Practice
	var ds []diag.Diagnostic
	for _, r := range results {
		if r.p != nil {
			practices = append(practices, r.p)
		}
		ds = append(ds, r.ds...)
	}
	return out, practices, ds
}

// groupByID groups the indexes of paths by the practice ID that the file
// names give (as parsed.name reads them), in order. The files of a group
// that turn out invalid are left out when it is merged, as before.
func groupByID(paths []string) [][]int {
	index := make(map[string]int, len(paths))
	var groups [][]int
	for i, path := range paths {
		base := filepath.Base(path)
		id := base[:len(base)-len(filepath.Ext(base))]
		if j := strings.LastIndexByte(id, '.'); j >= 0 {
			id = id[:j]
		}
		g, ok := index[id]
		if !ok {
			g = len(groups)
			index[id] = g
			groups = append(groups, nil)
		}
		groups[g] = append(groups[g], i)
	}
	return groups
}

// RuleInternal reports a bug in catalog itself, caught so that one bad file
// does not stop the whole run.
var RuleInternal = &diag.Rule{ID: "internal", Severity: diag.Error,
	Doc: "catalog failed on this file: a bug in catalog, please report it with the file."}

// worker is what one goroutine of parseAll keeps from file to file.
type worker struct {
	reader
	cfg   *config.Config
	opt   Options
	paths *fm.Paths
	langs string // cfg's languages, what a file name is read against
	// decoder is reused from file to file: decode hands it to each
	// field's decode function, through which it would escape, one
	// allocation a file.
	decoder fm.Decoder
}

func (w *worker) parseFile(path string) (p *parsed) {
	cfg, opt := w.cfg, w.opt
	buffer, buffered := opt.Buffers[path]
	if w.files != nil && !buffered {
		if p := w.files.parsedFile(&w.reader, path, w.langs); p != nil {
			return p
		}
		// Run last, on what the other deferred call leaves.
		defer func() { w.files.keepParsed(path, w.langs, p) }()
	}
	p = &parsed{file: &model.File{Path: path}}
	defer func() {
		if r := recover(); r != nil {
			p.sheet = nil
			p.valid = false
			p.diags = append(p.diags, diag.New(RuleInternal, path, 0, 0, "internal error while reading this file: %v", r))
		}
	}()
	p.file.ID, p.file.Lang, p.valid = p.name(cfg)
	read := w.read
	switch {
	case buffered:
		read = func(path string) ([]byte, error) {
			// The file's text is the buffer's; what the file is, the
			// gate says.
			if _, err := w.gate.Stat(path); err != nil {
				if _, refused := gate.AsDiagnostic(err); refused {
					return nil, err
				}
			}
			if len(buffer) > gate.MaxText {
				return nil, gate.TooBig(path, int64(len(buffer)), gate.MaxText)
			}
			return buffer, nil
		}
	case w.files != nil:
		read = w.cached
	}
	src, err := read(path)
	if err != nil {
		d, ok := gate.AsDiagnostic(err)
		if !ok {
			d = diag.New(fm.RuleEncoding, path, 0, 0, "cannot read: %v", err)
		}
		p.diags = append(p.diags, d)
		p.valid = false
		return p
	}
	p.file.Hash = maphash.Bytes(seed, src)
	doc, ds := fm.Split(src)
	for i := range ds {
		ds[i].File = path
	}
	p.diags = append(p.diags, ds...)
	if doc == nil {
		p.valid = false
		return p
	}
	p.file.BodyLine = doc.BodyLine
	p.file.Ignores = ignores(doc, path, &p.diags)
	placeholders(doc, path, &p.diags)
	nesting(doc.Body, doc.BodyLine, path, &p.diags)
	p.body = doc.Body
	if doc.Root == nil {
		if opt.Body != nil {
			p.body = nil // no text will have it
		}
		if len(ds) == 0 {
			p.diags = append(p.diags, diag.New(fm.RuleRequiredField, path, 2, 1, "the front matter is empty; run `catalog new` for a skeleton with every field"))
		}
		return p
	}
	// The positions, sized for the tree's keys and items so that they do
	// not grow (the model keeps them for every file).
	w.decoder = fm.Decoder{File: path, LineOffset: doc.LineOffset, Paths: w.paths,
		Positions: make(fm.Positions, 0, entries(doc.Root)), Diags: w.decoder.Diags[:0]}
	d := &w.decoder
	s := decode(d, doc.Root)
	if n := len(doc.Root.Content) / 2; n > 0 {
		p.file.Keys = make([]string, 0, n)
	}
	for i := 0; i+1 < len(doc.Root.Content); i += 2 {
		p.file.Keys = append(p.file.Keys, doc.Root.Content[i].Value)
	}
	p.file.Positions = d.Positions
	p.diags = append(p.diags, d.Diags...) // a copy: d's are the next file's
	d.Positions = nil
	p.sheet = s
	// Nothing keeps a node: the next file's tree can take its memory.
	doc.Release()
	if opt.Body != nil {
		p.body = nil
		if opt.Body(cfg, p.file, doc.Body) {
			p.body = bytes.Clone(doc.Body) // doc.Body is in the reused buffer
		}
	}
	return p
}

// entries counts the keys and list items of a tree: about the fields that
// the decoder records a position for.
func entries(n *yaml.Node) int {
	c := 0
	switch n.Kind {
	case yaml.MappingNode:
		c = len(n.Content) / 2
	case yaml.SequenceNode:
		c = len(n.Content)
	}
	for _, k := range n.Content {
		c += entries(k)
	}
	return c
}

// Body reads the body of a practice file again, for a caller that loaded
// the catalog without keeping it (Options.Body). It fails when the file
// changed since it was loaded.
func Body(folder *gate.Folder, f *model.File) ([]byte, error) {
	src, err := folder.ReadFile(f.Path, gate.MaxText)
	if err != nil {
		return nil, err
	}
	if maphash.Bytes(seed, src) != f.Hash {
		return nil, lang.Errorf("%s changed while catalog read it; run catalog again", f.Path)
	}
	doc, _ := fm.Split(src)
	if doc == nil {
		return nil, lang.Errorf("%s changed while catalog read it; run catalog again", f.Path)
	}
	doc.Release()
	return doc.Body, nil
}

// ValidID reports whether id can name a practice: a practice ID
// is lowercase ASCII letters, digits and hyphens, starting with a letter.
func ValidID(id string) bool {
	if id == "" || id[0] < 'a' || id[0] > 'z' {
		return false
	}
	for i := 1; i < len(id); i++ {
		if c := id[i]; !(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-') {
			return false
		}
	}
	return true
}

var langLike = regexp.MustCompile(`^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$`)

// name splits a file name into ID and language and reports a bad name.
func (p *parsed) name(cfg *config.Config) (id, lang string, ok bool) {
	path := p.file.Path
	base := filepath.Base(path)
	stem := base[:len(base)-len(filepath.Ext(base))]
	id, lang = stem, ""
	if i := strings.LastIndexByte(stem, '.'); i >= 0 {
		id, lang = stem[:i], stem[i+1:]
	}
	bad := func(format string, args ...any) (string, string, bool) {
		p.diags = append(p.diags, diag.New(RuleFileName, path, 0, 0, format, args...))
		return id, lang, false
	}
	switch {
	case lang == "" && len(cfg.Languages) > 1:
		return bad("the file name needs a language: %s.%s.md (the catalog's languages are %s)", SuggestID(id), cfg.DefaultLanguage(), strings.Join(cfg.Languages, ", "))
	case lang != "" && !cfg.HasLanguage(lang):
		if langLike.MatchString(lang) && cfg.HasLanguage(strings.ToLower(lang)) {
			return bad("write the language in lowercase: %s.%s.md", id, strings.ToLower(lang))
		}
		if langLike.MatchString(lang) {
			return bad("%q is not one of the catalog's languages (%s); add it to `languages` in catalog.yaml or rename the file", lang, strings.Join(cfg.Languages, ", "))
		}
		return bad("%q is not a valid practice ID: use lowercase ASCII letters, digits and hyphens, for example %s.%s.md", stem, SuggestID(stem), cfg.DefaultLanguage())
	case !ValidID(id):
		return bad("%q is not a valid practice ID: use lowercase ASCII letters, digits and hyphens, starting with a letter (for example %q)", id, SuggestID(id))
	}
	if lang == "" {
		lang = cfg.DefaultLanguage()
	}
	if base != stem+".md" {
		return bad("write the extension in lowercase: %s.md", stem)
	}
	return id, lang, true
}

// SuggestID makes a valid ID out of a wrong one: "CR_Equipo Respuesta" →
// "cr-equipo-respuesta".
func SuggestID(s string) string {
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(fold(s)) {
		switch {
		case r >= 'a' && r <= 'z', r >= '0' && r <= '9':
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			dash = false
			b.WriteRune(r)
		default:
			dash = true
		}
	}
	out := strings.TrimLeft(b.String(), "0123456789-")
	if out == "" {
		return "my-practice"
	}
	return out
}

// fold removes the accents that Spanish and Portuguese put on Latin letters.
func fold(s string) string {
	return strings.NewReplacer("á", "a", "é", "e", "í", "i", "ó", "o", "ú", "u", "ü", "u", "ñ", "n",
		"Á", "A", "É", "E", "Í", "I", "Ó", "O", "Ú", "U", "Ü", "U", "Ñ", "N", "ã", "a", "õ", "o", "ç", "c", "â", "a", "ê", "e", "ô", "o").Replace(s)
}

// RuleIgnore reports a malformed catalog-ignore directive.
var RuleIgnore = &diag.Rule{ID: "ignore", Severity: diag.Error,
	Doc: "A `catalog-ignore` directive without a rule or without a reason. Write `<!-- catalog-ignore RULE: reason -->` in the body or `# catalog-ignore RULE: reason` in the front matter."}

var ignoreRE = regexp.MustCompile(`(?:#|<!--)\s*catalog-ignore\b\s*([A-Za-z0-9_-]*)\s*(?::\s*(.*?))?\s*(?:-->|$)`)

// ignores finds catalog-ignore directives: `# catalog-ignore RULE: reason`
// in the front matter, `<!-- catalog-ignore RULE: reason -->` in the body.
func ignores(doc *fm.Document, path string, ds *[]diag.Diagnostic) []model.Ignore {
	var out []model.Ignore
	scan := func(text []byte, firstLine int) {
		if !hasIgnore(text) {
			return
		}
		lines := bytes.Split(text, []byte("\n"))
		for i, cur := range lines {
			if !bytes.Contains(cur, []byte("catalog-ignore")) {
				continue
			}
			m := ignoreRE.FindSubmatchIndex(cur)
			if m == nil {
				continue
			}
			line := firstLine + i
			col := utf8.RuneCount(cur[:m[0]]) + 1
			rule, reason := string(cur[m[2]:m[3]]), ""
			if m[4] >= 0 {
				reason = strings.TrimSpace(string(cur[m[4]:m[5]]))
			}
			next := line
			for j := i + 1; j < len(lines); j++ {
				if len(bytes.TrimSpace(lines[j])) > 0 {
					next = firstLine + j
					break
				}
			}
			switch {
			case rule == "":
				*ds = append(*ds, diag.New(RuleIgnore, path, line, col, "catalog-ignore needs a rule and a reason: catalog-ignore RULE: reason"))
			case reason == "":
				*ds = append(*ds, diag.New(RuleIgnore, path, line, col, "catalog-ignore %s needs a reason after a colon: catalog-ignore %s: why this is fine", rule, rule))
			default:
				out = append(out, model.Ignore{Line: line, Col: col, Next: next, Rule: rule, Reason: reason})
			}
		}
	}
	scan(doc.FrontMatter, 2)
	scan(doc.Body, doc.BodyLine)
	return out
}

// hasIgnore is bytes.Contains(text, "catalog-ignore"), quicker on prose:
// bytes.Index looks for the first byte, and a 'c' is in every other word;
// a '-' is rare.
func hasIgnore(text []byte) bool {
	const word, dash = "catalog-ignore", len("catalog")
	for i := dash; i < len(text); i++ {
		j := bytes.IndexByte(text[i:], '-')
		if j < 0 {
			return false
		}
		i += j
		if bytes.HasPrefix(text[i-dash:], []byte(word)) {
			return true
		}
	}
	return false
}

// intros reads intro.LANG.md (or intro.md) for each language.
func intros(folder *gate.Folder, cfg *config.Config) (map[string][]byte, []diag.Diagnostic) {
	out := map[string][]byte{}
	var ds []diag.Diagnostic
	for i, lang := range cfg.Languages {
		names := []string{"intro." + lang + ".md"}
		if i == 0 {
			names = append(names, "intro.md")
		}
		for _, name := range names {
			path := folder.Path(name)
			src, err := folder.ReadFile(path, gate.MaxText)
			if d, ok := gate.AsDiagnostic(err); ok {
				ds = append(ds, d)
				break
			}
			if err != nil {
				continue
			}
			text, tds := fm.Text(src)
			for j := range tds {
				tds[j].File = path
			}
			ds = append(ds, tds...)
			// An intro that nests too deep is left out: the renderers
			// would show it as plain text.
			if tds == nil && !nesting(text, 1, path, &ds) {
				out[lang] = text
			}
			break
		}
	}
	return out, ds
}

// RuleNesting reports a body or an intro that nests deeper than any
// Markdown parse may go.
var RuleNesting = &diag.Rule{ID: "markdown-nesting", Severity: diag.Error,
	Doc: fmt.Sprintf("Lists, block quotes, link brackets `[`, emphasis or the parentheses of a link nest deeper than %d levels in a body or an intro. "+
		"No real text comes near (the sample practices measure 2 at most; a law's articles with numbered lists six deep and bold, italics and links on every line measure 12, and 25 for emphasis), while such nesting makes the Markdown parser's time grow with its square; "+
		"the text is not parsed. Counted widely: list markers and two columns of indentation are a level each, and a `[`, `*` or `_` counts until what surely closes it.", markdown.MaxNesting)}

// nesting reports the first line of a body (or an intro) whose first line
// is firstLine that passes markdown.MaxNesting, and whether there is one.
func nesting(text []byte, firstLine int, path string, ds *[]diag.Diagnostic) bool {
	deep, over := markdown.Nesting(text)
	if over {
		*ds = append(*ds, nestingProblem(deep, path, firstLine+deep.Line-1))
	}
	return over
}

// nestingProblem is the problem of a text that nests as deep as d, at
// line.
func nestingProblem(d markdown.Deep, path string, line int) diag.Diagnostic {
	switch d.Kind {
	case markdown.List:
		return diag.New(RuleNesting, path, line, 0, "lists nest %d deep here (a level for each marker and each two columns of indentation); a text may nest %d at most: flatten the list, or indent it less", d.Depth, markdown.MaxNesting)
	case markdown.Quote:
		return diag.New(RuleNesting, path, line, 0, "block quotes nest %d deep here; a text may nest %d at most: remove some of the '>'", d.Depth, markdown.MaxNesting)
	case markdown.Bracket:
		return diag.New(RuleNesting, path, line, 0, "%d link brackets '[' are open here; a text may nest %d at most: close them, or write a bracket that is text as \\[", d.Depth, markdown.MaxNesting)
	case markdown.Emphasis:
		return diag.New(RuleNesting, path, line, 0, "%d emphasis marks ('*', '_', '~') are open here; a text may nest %d at most: close them, or write a mark that is text as \\*", d.Depth, markdown.MaxNesting)
	case markdown.Paren:
		return diag.New(RuleNesting, path, line, 0, "%d parentheses are open in one word here; a text may nest %d at most: close them, or write a parenthesis that is text as \\(", d.Depth, markdown.MaxNesting)
	}
	return diag.New(RuleNesting, path, line, 0, "something nests %[2]d deep here (%[1]s); a text may nest %[3]d at most", d.Kind, d.Depth, markdown.MaxNesting)
}

// RulePlaceholder reports what `catalog new` left for the writer to fill.
var RulePlaceholder = &diag.Rule{ID: "placeholder", Severity: diag.Error,
	Doc: "A `TODO` placeholder left from `catalog new` (`TODO` as a value, or `TODO:` and a hint, in a value, a comment or the body): fill it in and delete the marker."}

// The markers `catalog new` writes: "TODO: a hint" in a value or the
// body, and a bare TODO as a value (`start: TODO`, `countries: [TODO]`).
// In Spanish "TODO" is also a word ("all"), which a heading in capitals
// has ("PROTECCIÓN PARA TODO EL PAÍS"): only those forms are markers.
var (
	// todoFront finds a marker in a line of front matter: TODO with a
	// colon, or ending the value (before a quote, a bracket, a comma, a
	// comment or the end of the line).
	todoFront = regexp.MustCompile(`\bTODO(?::|\s*(?:["'\],}#]|$))`)
	// todoBody finds one in a line of the body: TODO with a colon, or
	// alone at the end of the line.
	todoBody = regexp.MustCompile(`\bTODO(?::|\s*$)`)
)

// IsPlaceholder reports a value that `catalog new` left to fill: TODO, or
// "TODO: a hint".
func IsPlaceholder(s string) bool {
	s = strings.TrimSpace(s)
	return s == "TODO" || strings.HasPrefix(s, "TODO:")
}

// PlaceholderFormat is the format placeholders reports with (written out
// there, for TestFormatsInBoth to read): its argument, the marker and its
// hint, comes last in every language (catalog new lists the markers
// without the words before).
const PlaceholderFormat = "placeholder left to fill: %s"

// placeholders reports every line that holds a TODO marker.
func placeholders(doc *fm.Document, path string, ds *[]diag.Diagnostic) {
	scan := func(text []byte, firstLine int, marker *regexp.Regexp) {
		if !bytes.Contains(text, []byte("TODO")) {
			return
		}
		for i, cur := range bytes.Split(text, []byte("\n")) {
			if m := marker.FindIndex(cur); m != nil { // Text made the line ends \n
				*ds = append(*ds, diag.New(RulePlaceholder, path, firstLine+i, utf8.RuneCount(cur[:m[0]])+1,
					"placeholder left to fill: %s", placeholderText(cur[m[0]:])))
			}
		}
	}
	scan(doc.FrontMatter, 2, todoFront)
	scan(doc.Body, doc.BodyLine, todoBody)
}

// placeholderText is the marker and its hint: "TODO: hint", or for a
// bare TODO the comment that follows it ("TODO]   # ISO codes" says
// "TODO: ISO codes").
func placeholderText(s []byte) string {
	t := strings.TrimRight(strings.TrimSpace(string(s)), `"'`)
	if rest, ok := strings.CutPrefix(t, "TODO"); ok && !strings.HasPrefix(rest, ":") {
		t = "TODO"
		if _, comment, ok := strings.Cut(rest, "#"); ok && strings.TrimSpace(comment) != "" {
			t = "TODO: " + strings.TrimSpace(comment)
		}
	}
	if r := []rune(t); len(r) > 70 {
		return string(r[:67]) + "…"
	}
	return t
}
