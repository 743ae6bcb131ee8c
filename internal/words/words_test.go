package words

import (
	"slices"
	"testing"
	"testing/fstest"
	"time"

	"catalog/internal/model"
)

// TestDates: dates are written the language's way, a whole date and a
// month of a year alike, and ISO 8601 stands where the words lack them.
func TestDates(t *testing.T) {
	w := Shipped()
	day := time.Date(2026, 11, 20, 0, 0, 0, 0, time.UTC)
	for _, tc := range []struct{ lang, got, want string }{
		{"es", w.Date("es", day), "20 de noviembre de 2026"},
		{"en", w.Date("en", day), "20 November 2026"},
		{"es", w.Month("es", 2012, 12), "diciembre de 2012"},
		{"en", w.Month("en", 2012, 12), "December 2012"},
		{"es", w.Month("es", 2012, 0), "2012"},
		{"en", w.Month("en", 2012, 13), "2012"},
	} {
		if tc.got != tc.want {
			t.Errorf("%s: %q, want %q", tc.lang, tc.got, tc.want)
		}
	}
	for _, tc := range []struct {
		lang string
		p    model.Period
		want string
	}{
		{"es", model.Period{Start: model.YearMonth{Year: 2012, Month: 12}}, "desde diciembre de 2012"},
		{"en", model.Period{Start: model.YearMonth{Year: 2012}}, "since 2012"},
		{"en", model.Period{Start: model.YearMonth{Year: 2010}, End: model.YearMonth{Year: 2014}}, "2010–2014"},
		{"es", model.Period{Start: model.YearMonth{Year: 2010, Month: 3}, End: model.YearMonth{Year: 2014}}, "marzo de 2010 – 2014"},
	} {
		pieces := w.Period(tc.lang, tc.p)
		if got := Text(pieces); got != tc.want {
			t.Errorf("%s: %q, want %q", tc.lang, got, tc.want)
		}
		var iso []string
		for _, p := range pieces {
			if p.ISO != "" {
				iso = append(iso, p.ISO)
			}
		}
		if want := []string{tc.p.Start.String(), tc.p.End.String()}; !slices.Equal(iso, want[:len(iso)]) || len(iso) == 0 {
			t.Errorf("%s: dates %q", tc.want, iso)
		}
	}
	bare, err := Load(fstest.MapFS{"i18n/en.yaml": {Data: []byte("skip: Skip\n")}}, []string{"en"})
	if err != nil {
		t.Fatal(err)
	}
	if got := bare.Date("en", day); got != "2026-11-20" {
		t.Errorf("without months, Date = %q", got)
	}
	if got := bare.Month("en", 2012, 3); got != "2012-03" {
		t.Errorf("without months, Month = %q", got)
	}
}
