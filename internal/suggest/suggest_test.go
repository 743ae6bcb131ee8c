package suggest

import "testing"

func TestClosest(t *testing.T) {
	fields := []string{"title", "summary", "countries", "themes", "institutions", "last_reviewed", "exploitation_forms"}
	for _, tc := range []struct{ in, want string }{
		{"titel", "title"},
		{"Title", "title"},
		{"country", "countries"},
		{"theme", "themes"},
		{"lastreviewed", "last_reviewed"},
		{"last-reviewed", "last_reviewed"},
		{"exploitation", "exploitation_forms"},
		{"xyz", ""},
		{"", ""},
		{"body", ""},
	} {
		if got := Closest(tc.in, fields); got != tc.want {
			t.Errorf("Closest(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestDistance(t *testing.T) {
	for _, tc := range []struct {
		a, b string
		want int
	}{
		{"", "abc", 3}, {"abc", "", 3}, {"abc", "abc", 0}, {"abc", "acb", 1},
		{"kitten", "sitting", 3}, {"prevención", "prevencion", 1},
	} {
		if got := Distance(tc.a, tc.b); got != tc.want {
			t.Errorf("Distance(%q, %q) = %d, want %d", tc.a, tc.b, got, tc.want)
		}
	}
}
