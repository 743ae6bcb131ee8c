package load

import "testing"

// TestDateFixes: the ready fix of a date written as officers write it,
// and none where there is no one reading.
func TestDateFixes(t *testing.T) {
	for in, want := range map[string]string{
		"03/2015": "2015-03", "3/2015": "2015-03", "2015/03": "2015-03", "2015.3": "2015-03",
		"03-2015": "2015-03", "2015-3": "2015-03", "10/03/2015": "2015-03", "2015-03-10": "2015-03",
		"13/2015": "", "2015/00": "", "marzo 2015": "", "2015": "",
	} {
		if got := yearMonthFix(in); got != want {
			t.Errorf("yearMonthFix(%q) = %q, want %q", in, got, want)
		}
	}
	for in, want := range map[string]string{
		"20/11/2026": "2026-11-20", "5.3.2026": "2026-03-05", "2026/11/20": "2026-11-20",
		"11/20/2026": "", "31/02/2026": "", "2026-11": "", "20 nov 2026": "",
	} {
		if got := dateFix(in); got != want {
			t.Errorf("dateFix(%q) = %q, want %q", in, got, want)
		}
	}
}
