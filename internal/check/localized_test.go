package check

import (
	"fmt"
	"testing"

	"catalog/internal/config"
	"catalog/internal/diag"
	"catalog/internal/lang"
	"catalog/internal/load"
	"catalog/internal/media"
)

// TestLocalizedWords: every word that a message takes as an argument has
// its Spanish, and its English is the one messages said before.
func TestLocalizedWords(t *testing.T) {
	es := lang.For("es")
	cfg := config.Default()
	vocabs := []*config.Vocabulary{&cfg.Pillars, &cfg.Criteria, &cfg.Requirements}
	for i := range load.Fields {
		if f := &load.Fields[i]; f.Kind == load.KindVocabulary {
			vocabs = append(vocabs, f.Vocabulary(cfg))
		}
	}
	for _, v := range vocabs {
		n := termNoun{v}
		if n.String() != singular(v) || n.In(es) == n.String() || n.In(es) == "" {
			t.Errorf("%s: a term is %q in English, %q in Spanish", v.Name, n.String(), n.In(es))
		}
	}
	for _, l := range lang.Supported {
		if len(dataKinds[l]) != int(phoneNumber)+1 {
			t.Errorf("the kinds of personal data in %s: %q", l, dataKinds[l])
		}
	}
	f := found{emailAddress, "a@example.com"}
	if got := f.String(); got != `e-mail address "a@example.com"` {
		t.Errorf("found in English: %s", got)
	}
	if got := f.In(es); got != `dirección de correo electrónico "a@example.com"` {
		t.Errorf("found in Spanish: %s", got)
	}
	if c := CountryName("PA"); c.String() != "Panama" || c.In(es) != "Panamá" {
		t.Errorf("PA: %s, %s", c, c.In(es))
	}
}

// TestBookImageMessages: each reason the book leaves an image out is said
// as media's error says it in English, and has its Spanish.
func TestBookImageMessages(t *testing.T) {
	for _, err := range []error{
		&media.ImageError{Kind: media.NotImage},
		&media.ImageError{Kind: media.OtherFormat, Format: "gif"},
		&media.ImageError{Kind: media.NoPixels, Format: "png"},
		&media.ImageError{Kind: media.TooLarge, Format: "jpeg", Width: 9000, Height: 9000},
		fmt.Errorf("unexpected EOF"),
	} {
		var ds []diag.Diagnostic
		report := func(r *diag.Rule, _ int, format string, args ...any) {
			ds = append(ds, diag.New(r, "p.es.md", 1, 1, format, args...))
		}
		bookImage(report, 0, "media/a.gif", err)
		if len(ds) != 1 {
			t.Fatalf("%v: %d problems", err, len(ds))
		}
		want := fmt.Sprintf("image %q: %s; the PDF book prints its description in its place", "media/a.gif", err)
		if ds[0].Message != want || ds[0].Rule != RuleBookImage {
			t.Errorf("%v:\n got %s\nwant %s", err, ds[0].Message, want)
		}
		if !lang.HasFormat(ds[0].Format()) {
			t.Errorf("%q has no Spanish", ds[0].Format())
		}
	}
}
