package country_test

import (
	"testing"

	"catalog/internal/config"
	"catalog/internal/country"
)

// TestCapitals: every country of the default regions has a capital to
// place it on the picture of exchanges, and every capital lies in the
// Americas.
func TestCapitals(t *testing.T) {
	n := 0
	for _, r := range config.Default().Regions {
		for _, cc := range r.Countries {
			lat, lon, ok := country.Capital(cc)
			if !ok {
				t.Errorf("%s (region %s) has no capital", cc, r.Slug)
				continue
			}
			n++
			if lat < -56 || lat > 72 || lon < -170 || lon > -34 {
				t.Errorf("%s: capital at %.1f, %.1f is not in the Americas", cc, lat, lon)
			}
		}
	}
	if n < 20 {
		t.Errorf("only %d countries in the default regions", n)
	}
	if _, _, ok := country.Capital("ES"); ok {
		t.Error("ES has a capital in the table of the Americas")
	}
}
