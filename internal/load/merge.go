package load

import (
	"hash/maphash"
	"path/filepath"
	"reflect"

	"catalog/internal/config"
	"catalog/internal/diag"
	fm "catalog/internal/frontmatter"
	"catalog/internal/model"
)

// mergeOne merges the valid files of one practice, in path order: it picks
// the practice's source, merges translations into texts and reports what
// does not fit.
func mergeOne(id string, group []*parsed, cfg *config.Config, ds *[]diag.Diagnostic) *model.Practice {
	byLang := map[string]*parsed{}
	for _, f := range group {
		if first, dup := byLang[f.file.Lang]; dup {
			*ds = append(*ds, diag.New(RuleDuplicateID, f.file.Path, 0, 0,
				"practice %q in %q is also in %s; keep one of the two files", id, f.file.Lang, first.file.Path))
			continue
		}
		byLang[f.file.Lang] = f
	}
	src := byLang[cfg.DefaultLanguage()]
	if src == nil {
		for _, f := range group {
			*ds = append(*ds, diag.New(RuleMissingSource, f.file.Path, 0, 0,
				"practice %q has no file in the default language %q: write %s first (translations inherit from it)",
				id, cfg.DefaultLanguage(), filepath.Join(filepath.Dir(f.file.Path), id+"."+cfg.DefaultLanguage()+".md")))
		}
		return nil
	}
	if src.sheet == nil {
		// The source's front matter is unreadable and already reported;
		// nothing can be checked against it.
		return nil
	}
	// A copy, so that the sheet and its YAML tree can be freed.
	shared := src.sheet.shared
	p := &shared
	p.ID = id
	p.Texts = map[string]*model.Text{}
	for i := range Fields {
		Fields[i].setDefault(p)
	}
	source := sourceText(src)
	p.Source = source
	p.Texts[source.Lang] = source
	requireFields(src, InSource, ds)
	// The hash covers each file's language with its bytes: the same text
	// saved as x.pt.md instead of x.en.md is another practice's model.
	type langHash struct {
		sum  uint64
		file uint64
		lang string
	}
	h := maphash.Comparable(seed, langHash{0, src.file.Hash, src.file.Lang})
	for _, lang := range cfg.Languages[1:] {
		tr := byLang[lang]
		if tr == nil {
			// Not a problem: practices are often submitted in one language
			// and translated later; that language's site shows the source.
			// validate's summary counts them.
			continue
		}
		h = maphash.Comparable(seed, langHash{h, tr.file.Hash, lang})
		if tr.sheet == nil {
			continue
		}
		requireFields(tr, InEveryFile, ds)
		p.Texts[lang] = translate(source, src, tr, ds)
	}
	p.Hash = h
	return p
}

func sourceText(f *parsed) *model.Text {
	t := f.sheet.text
	for i := range t.Exchanges {
		if t.Exchanges[i].Outcome == "" {
			t.Exchanges[i].Outcome = "unknown"
		}
	}
	t.Lang = f.file.Lang
	t.File = f.file
	t.Body = f.body
	return &t
}

// requireFields reports the fields f leaves out or empty among those it
// must give: the fields whose Need is need or stronger.
func requireFields(f *parsed, need Need, ds *[]diag.Diagnostic) {
	for i, field := range Fields {
		if field.Need < need || field.Need == Optional {
			continue
		}
		key := field.Name
		v := f.sheet.present[i]
		if v.filled {
			continue
		}
		if v.given {
			p := f.file.At(key) // present, as given
			if v.comment {
				*ds = append(*ds, diag.New(fm.RuleRequiredField, f.file.Path, p.Line, p.Col, "%s is empty: a value that starts with # is read as a comment; put it in quotes", fm.Label(key)))
				continue
			}
			*ds = append(*ds, diag.New(fm.RuleRequiredField, f.file.Path, p.Line, p.Col, "%s is empty", fm.Label(key)))
			continue
		}
		*ds = append(*ds, diag.New(fm.RuleRequiredField, f.file.Path, 2, 1, "missing required field %s", fm.Label(key)))
	}
}

// translate makes a translation's text: its own translatable fields, the
// source's for what it leaves out. Structured fields it repeats must equal
// the source's.
func translate(source *model.Text, src, tr *parsed, ds *[]diag.Diagnostic) *model.Text {
	t := tr.sheet.text
	t.Lang = tr.file.Lang
	t.File = tr.file
	t.Body = tr.body
	mismatch := func(path string, what fm.Said) {
		p := tr.file.At(path)
		*ds = append(*ds, diag.New(RuleTranslationMismatch, tr.file.Path, p.Line, p.Col,
			"%s differs from the source %s: %s; a translation inherits it, so give it only in the source",
			fm.Label(path), filepath.Base(src.file.Path), what))
	}
	for i := range Fields {
		f := &Fields[i]
		given := tr.sheet.present[i].given
		switch {
		case f.practice != nil && given:
			// A shared field: a translation may repeat it, never change it.
			a, b := f.shared(&src.sheet.shared), f.shared(&tr.sheet.shared)
			if !reflect.DeepEqual(a, b) {
				mismatch(f.Name, fm.Say("%v here, %v there", show(b), show(a)))
			}
		case f.inherit != nil:
			for _, m := range f.inherit(f.Name, &t, source, given) {
				mismatch(m.path, m.what)
			}
		}
	}
	return &t
}

// mergeInstitutions takes names (and acronyms) from the translation and
// everything else from the source, entry by entry.
func mergeInstitutions(src, tr []model.Institution, present bool, path string, mismatch func(path string, what fm.Said)) []model.Institution {
	if !present {
		return src
	}
	if len(tr) != len(src) {
		mismatch(path, fm.Say("%d entries here, %d there", len(tr), len(src)))
		return src
	}
	out := make([]model.Institution, len(src))
	for i, s := range src {
		t := tr[i]
		ip := fm.Item(path, i)
		if t.Type != "" && t.Type != s.Type {
			mismatch(fm.Key(ip, "type"), fm.Say("%q here, %q there", t.Type, s.Type))
		}
		if t.Country != "" && t.Country != s.Country {
			mismatch(fm.Key(ip, "country"), fm.Say("%q here, %q there", t.Country, s.Country))
		}
		out[i] = s
		if t.Name != "" {
			out[i].Name = t.Name
		}
		if t.Acronym != "" {
			out[i].Acronym = t.Acronym
		}
	}
	return out
}

func mergeCriteria(path string, src, tr []model.Rating, mismatch func(path string, what fm.Said)) []model.Rating {
	notes := map[string]model.Rating{}
	for _, r := range tr {
		notes[r.Criterion] = r
	}
	out := make([]model.Rating, len(src))
	for i, s := range src {
		out[i] = s
		t, ok := notes[s.Criterion]
		if !ok {
			continue
		}
		delete(notes, s.Criterion)
		if t.Rating != "" && t.Rating != s.Rating {
			mismatch(fm.Key(fm.Key(path, s.Criterion), "rating"), fm.Say("%q here, %q there", t.Rating, s.Rating))
		}
		if t.Note != "" {
			out[i].Note = t.Note
		}
	}
	for _, r := range tr {
		if _, extra := notes[r.Criterion]; extra {
			mismatch(fm.Key(path, r.Criterion), fm.Say("the source does not rate this criterion"))
		}
	}
	return out
}

func mergeExchanges(path string, src, tr []model.Exchange, mismatch func(path string, what fm.Said)) []model.Exchange {
	if len(tr) != len(src) {
		mismatch(path, fm.Say("%d entries here, %d there", len(tr), len(src)))
		return src
	}
	out := make([]model.Exchange, len(src))
	for i, s := range src {
		t := tr[i]
		ip := fm.Item(path, i)
		if t.Year != 0 && t.Year != s.Year {
			mismatch(fm.Key(ip, "year"), fm.Say("%d here, %d there", t.Year, s.Year))
		}
		if t.Visitors != nil && !reflect.DeepEqual(t.Visitors, s.Visitors) {
			mismatch(fm.Key(ip, "visitors"), fm.Say("%s here, %s there", show(t.Visitors), show(s.Visitors)))
		}
		if t.Kind != "" && t.Kind != s.Kind {
			mismatch(fm.Key(ip, "kind"), fm.Say("%q here, %q there", t.Kind, s.Kind))
		}
		if t.Outcome != "" && t.Outcome != s.Outcome {
			mismatch(fm.Key(ip, "outcome"), fm.Say("%q here, %q there", t.Outcome, s.Outcome))
		}
		out[i] = s
		if t.Note != "" {
			out[i].Note = t.Note
		}
		if t.OutcomeNote != "" {
			out[i].OutcomeNote = t.OutcomeNote
		}
		if len(t.Institutions) > 0 {
			out[i].Institutions = t.Institutions
		}
	}
	return out
}

// mergeAdaptedFrom takes the notes from the translation and the practices
// and years from the source, entry by entry.
func mergeAdaptedFrom(path string, src, tr []model.AdaptedFrom, mismatch func(path string, what fm.Said)) []model.AdaptedFrom {
	if len(tr) != len(src) {
		mismatch(path, fm.Say("%d entries here, %d there", len(tr), len(src)))
		return src
	}
	out := make([]model.AdaptedFrom, len(src))
	for i, s := range src {
		t := tr[i]
		ip := fm.Item(path, i)
		if t.Practice != "" && t.Practice != s.Practice {
			mismatch(fm.Key(ip, "practice"), fm.Say("%q here, %q there", t.Practice, s.Practice))
		}
		if t.Year != 0 && t.Year != s.Year {
			mismatch(fm.Key(ip, "year"), fm.Say("%d here, %d there", t.Year, s.Year))
		}
		out[i] = s
		if t.Note != "" {
			out[i].Note = t.Note
		}
	}
	return out
}

// inheritAdaptation takes the note from the translation, the requirements
// and cost from the source.
func inheritAdaptation(name string, t, source *model.Text, _ bool) (ms []mismatch) {
	if t.Adaptation == nil {
		t.Adaptation = source.Adaptation
		return nil
	}
	if source.Adaptation == nil {
		t.Adaptation = nil
		return []mismatch{{name, fm.Say("given here, not there")}}
	}
	a := *source.Adaptation
	if tr := t.Adaptation; tr.Requires != nil && !reflect.DeepEqual(tr.Requires, a.Requires) {
		ms = append(ms, mismatch{fm.Key(name, "requires"), fm.Say("%s here, %s there", show(tr.Requires), show(a.Requires))})
	}
	if tr := t.Adaptation; tr.Cost != "" && tr.Cost != a.Cost {
		ms = append(ms, mismatch{fm.Key(name, "cost"), fm.Say("%q here, %q there", tr.Cost, a.Cost)})
	}
	if t.Adaptation.Note != "" {
		a.Note = t.Adaptation.Note
	}
	t.Adaptation = &a
	return ms
}
