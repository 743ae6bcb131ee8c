package stem

import (
	"slices"
	"testing"
)

// TestMeet: the forms a reader means as one word stem alike, typed with
// or without accents; words that are not one stay apart.
func TestMeet(t *testing.T) {
	for _, c := range []struct {
		lang  string
		forms []string
	}{
		{"es", []string{"albergue", "albergues", "Albergues"}},
		{"es", []string{"niño", "niños", "niña", "niñas", "niñez", "ninos", "ninas", "ninez"}},
		{"es", []string{"explotación", "explotaciones", "EXPLOTACIÓN"}},
		{"en", []string{"shelter", "shelters", "sheltered"}},
		{"en", []string{"child", "children"}},
		{"en", []string{"trafficking", "trafficked"}},
	} {
		want, _ := Both(c.lang, c.forms[0])
		for _, f := range c.forms[1:] {
			if s, alt := Both(c.lang, f); s != want && alt != want {
				t.Errorf("%s: %q stems to %q (%q), %q to %q", c.lang, f, s, alt, c.forms[0], want)
			}
		}
	}
	// Typed without its accent, explotacion meets the index through the
	// stem of the unaccented form the index keeps beside explot.
	s, alt := Both("es", "explotación")
	if typed, _ := Both("es", "explotacion"); typed != s && typed != alt {
		t.Errorf("explotacion stems to %q, explotación to %q and %q", typed, s, alt)
	}
	if a, _ := Both("es", "niño"); a == "ningun" || slices.Contains([]string{Word("es", "ninguno")}, a) {
		t.Errorf("niño and ninguno meet: %q", a)
	}
}

func TestWords(t *testing.T) {
	var got []string
	Words("Vice\u00adpresidencia, m² y 2018—año\u0301 \xff ok", func(w string) { got = append(got, w) })
	want := []string{"Vice\u00adpresidencia", "m", "y", "2018", "año\u0301", "ok"}
	if !slices.Equal(got, want) {
		t.Errorf("Words = %q, want %q", got, want)
	}
	if got := Word("es", "Vice\u00adpresidencia"); got != "vicepresident" {
		t.Errorf("Word = %q", got)
	}
}
