package check

import (
	"os"
	"regexp"
	"strings"
)

// Sensitive data: the Palermo Protocol (art. 6.1), the Council of Europe
// Convention (art. 11) and UNODC's Model Law forbid publishing what
// identifies a victim. These patterns catch the usual leaks: an e-mail
// address, a phone number, a case-file number.

var (
	emailRE = regexp.MustCompile(`[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}`)
	// phoneRE finds digit runs with the separators phone numbers use; the
	// candidate is then judged by phoneLike.
	phoneRE  = regexp.MustCompile(`\+?\(?\d[\d().\- ]{5,}\d`)
	yearSpan = regexp.MustCompile(`^(1[89]|20)\d\d ?[-–] ?(1[89]|20)\d\d$`)
	dateLike = regexp.MustCompile(`^(\d{4}[-./]\d{1,2}[-./]\d{1,2}|\d{1,2}[-./]\d{1,2}[-./]\d{2,4})$`)
	// thousands are numbers written with dot or space groups: 12.345.678.
	thousands  = regexp.MustCompile(`^\d{1,3}([. ]\d{3})+$`)
	caseRE     = regexp.MustCompile(`(?i)\b(?:expediente|exp\.|causa|carpeta(?: fiscal| de investigación)?|legajo|proceso|case|docket|file)\s*(?:(?:n[°º.o]|núm\.?|número|no\.|number|#)\s*)?(\d+(?:[-/.]\d+)+|\d{4,})`)
	caseMarker = regexp.MustCompile(`(?i)(n[°º.o]|núm|número|no\.|number|#)|^(expediente|exp\.|causa|carpeta|legajo|proceso)`)
)

// found is one piece of personal data.
type found struct{ kind, text string }

func (f found) String() string { return f.kind + " " + `"` + f.text + `"` }

// personalData finds e-mail addresses and phone numbers in text.
func personalData(text string) []found {
	var out []found
	if strings.IndexByte(text, '@') >= 0 {
		for _, m := range emailRE.FindAllString(text, -1) {
			out = append(out, found{"e-mail address", m})
		}
	}
	for _, m := range phoneRE.FindAllString(text, -1) {
		m = strings.TrimRight(m, " .-(")
		if phoneLike(m) {
			out = append(out, found{"phone number", m})
		}
	}
	return out
}

// phoneLike tells a phone number from the other long numbers a practice
// cites: year spans (2012-2017), dates, numbers with thousands separators,
// laws (26.364).
func phoneLike(s string) bool {
	digits := 0
	for _, r := range s {
		if r >= '0' && r <= '9' {
			digits++
		}
	}
	switch {
	case yearSpan.MatchString(s), dateLike.MatchString(s), thousands.MatchString(s):
		return false
	case strings.HasPrefix(s, "+"):
		return digits >= 7
	}
	return digits >= 8 && digits <= 15
}

// caseNumbers finds what looks like a case-file number.
func caseNumbers(text string) []string {
	var out []string
	for _, m := range caseRE.FindAllStringSubmatch(text, -1) {
		word := m[0][:len(m[0])-len(m[1])]
		num := m[1]
		// "case 2019" or "proceso 2015" is a year, not a file: an English or
		// ambiguous word needs a number sign, a Spanish one a compound number.
		if !caseMarker.MatchString(word) {
			continue
		}
		if !strings.ContainsAny(num, "-/.") && !strings.ContainsAny(strings.ToLower(word), "°º#") && !strings.Contains(strings.ToLower(word), "n") {
			continue
		}
		if yearSpan.MatchString(num) {
			continue
		}
		out = append(out, strings.TrimSpace(m[0]))
	}
	return out
}

func fileExists(path string) bool {
	info, err := os.Stat(path)
	return err == nil && info.Mode().IsRegular()
}
