package check

import (
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
	caseRE     = regexp.MustCompile(`(?i)^(?:expediente|exp\.|causa|carpeta(?: fiscal| de investigación)?|legajo|proceso|case|docket|file)\s*(?:(?:n[°º.o]|núm\.?|número|no\.|number|#)\s*)?(\d+(?:[-/.]\d+)+|\d{4,})`)
	caseMarker = regexp.MustCompile(`(?i)(n[°º.o]|núm|número|no\.|number|#)|^(expediente|exp\.|causa|carpeta|legajo|proceso)`)
)

// found is one piece of personal data; it says itself in a message
// (localized.go): e-mail address "x@example.com".
type found struct {
	kind dataKind
	text string
}

// personalData finds e-mail addresses and phone numbers in text. The
// regular expressions run only on text that could hold a match: most
// prose has no '@' and few digits.
func personalData(text string) []found {
	var out []found
	if strings.IndexByte(text, '@') >= 0 {
		for _, m := range emailRE.FindAllString(text, -1) {
			out = append(out, found{emailAddress, m})
		}
	}
	if digits(text) < 7 {
		return out
	}
	for _, m := range phoneCandidates(text) {
		if phoneLike(m) {
			out = append(out, found{phoneNumber, m})
		}
	}
	return out
}

// phoneCandidates finds runs of digits and the separators phone numbers
// use ("+506 2222-3333", "(011) 4370-9000"), each starting with a digit, '+'
// or '(' and ending with a digit. A hand-written scan: a regular expression
// here cost more than parsing the Markdown (BenchmarkValidate).
func phoneCandidates(text string) []string {
	var out []string
	for i := 0; i < len(text); i++ {
		c := text[i]
		if !(isDigit(c) || c == '+' || c == '(') || (i > 0 && (isDigit(text[i-1]) || isLetter(text[i-1]))) {
			continue
		}
		j, last, n := i, -1, 0
		for ; j < len(text); j++ {
			c := text[j]
			if isDigit(c) {
				last, n = j, n+1
				continue
			}
			if c == '+' && j == i || c == '(' || c == ')' || c == '.' || c == '-' || (c == ' ' && j+1 < len(text) && text[j+1] != ' ') {
				continue
			}
			break
		}
		if last >= 0 && n >= 7 && last-i >= 6 {
			out = append(out, text[i:last+1])
		}
		i = max(j-1, i)
	}
	return out
}

func isDigit(c byte) bool  { return c >= '0' && c <= '9' }
func isLetter(c byte) bool { return c|0x20 >= 'a' && c|0x20 <= 'z' || c >= 0x80 }

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
	case yearSpan.MatchString(s), dateLike.MatchString(s), thousands.MatchString(s), onlyYears(s):
		return false
	case strings.HasPrefix(s, "+"):
		return digits >= 7
	}
	return digits >= 8 && digits <= 15
}

// onlyYears reports a list of years: "2013 2014".
func onlyYears(s string) bool {
	for _, g := range strings.FieldsFunc(s, func(r rune) bool { return r < '0' || r > '9' }) {
		if len(g) != 4 || !(strings.HasPrefix(g, "19") || strings.HasPrefix(g, "20")) {
			return false
		}
	}
	return true
}

// caseNumbers finds what looks like a case-file number. The regular
// expression runs only where one of its words starts.
func caseNumbers(text string) []string {
	if digits(text) < 3 {
		return nil
	}
	var out []string
	for _, i := range caseWordsAt(text) {
		m := caseRE.FindStringSubmatch(text[i:min(len(text), i+80)])
		if m == nil {
			continue
		}
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

// caseWordsAt returns where the words of caseRE start (at a word start).
func caseWordsAt(s string) []int {
	var at []int
	for i := 0; i < len(s); i++ {
		c := s[i] | 0x20
		if c != 'e' && c != 'c' && c != 'l' && c != 'p' && c != 'd' && c != 'f' || i > 0 && isLetter(s[i-1]) {
			continue
		}
		for _, w := range caseWords {
			if len(s)-i >= len(w) && strings.EqualFold(s[i:i+len(w)], w) {
				at = append(at, i)
				break
			}
		}
	}
	return at
}

// maybeSensitive is the quick test before the regular expressions: an
// '@', or enough digits for a phone or case number.
func maybeSensitive(text []byte) bool {
	n := 0
	for _, c := range text {
		switch {
		case c == '@':
			return true
		case c >= '0' && c <= '9':
			n++
			if n >= 3 {
				return true
			}
		}
	}
	return false
}

func digits(s string) int {
	n := 0
	for i := 0; i < len(s); i++ {
		if s[i] >= '0' && s[i] <= '9' {
			n++
		}
	}
	return n
}

// caseWords start the words caseRE looks for, in lower case.
var caseWords = []string{"expediente", "exp.", "causa", "carpeta", "legajo", "proceso", "case", "docket", "file"}
