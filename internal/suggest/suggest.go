// Package suggest finds the "did you mean" candidate for a misspelt name:
// a field, a theme, a practice ID.
package suggest

import (
	"fmt"
	"strconv"
	"strings"
	"unicode"

	"catalog/internal/lang"

	"github.com/nicksnyder/go-i18n/v2/i18n"
	"golang.org/x/text/unicode/norm"
)

// Closest returns the candidate nearest to input, or "" when none is close
// enough to be a likely typo. Case is ignored. A candidate is close when its
// edit distance is at most a third of the longer word (at least 1), or when
// one contains the other and the shorter has three or more letters.
func Closest(input string, candidates []string) string {
	in := strings.ToLower(strings.TrimSpace(input))
	if in == "" {
		return ""
	}
	best, bestDist := "", 1<<30
	for _, c := range candidates {
		lc := strings.ToLower(c)
		if lc == in {
			return c
		}
		d := Distance(in, lc)
		limit := max(max(len([]rune(in)), len([]rune(lc)))/3, 1)
		if d > limit && !contains(in, lc) {
			continue
		}
		if d < bestDist || (d == bestDist && c < best) {
			best, bestDist = c, d
		}
	}
	return best
}

func contains(a, b string) bool {
	if len(a) > len(b) {
		a, b = b, a
	}
	return len(a) >= 3 && strings.Contains(b, a)
}

// Distance is the Levenshtein distance between a and b, in runes, with
// an adjacent transposition counted as one edit.
func Distance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	if len(ra) == 0 {
		return len(rb)
	}
	if len(rb) == 0 {
		return len(ra)
	}
	prev2 := make([]int, len(rb)+1)
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			if i > 1 && j > 1 && ra[i-1] == rb[j-2] && ra[i-2] == rb[j-1] {
				cur[j] = min(cur[j], prev2[j-2]+1)
			}
		}
		prev2, prev, cur = prev, cur, prev2
	}
	return prev[len(rb)]
}

// Hint is the suggestion for a message of the candidate closest to input:
// ` (did you mean "x"?)`, or nothing. It is an argument of the message's
// format, which says it in the user's language (lang.Localized).
func Hint(input string, candidates []string) HintText {
	return HintText{Closest(input, candidates)}
}

// Text is a suggestion for a message, an argument of its format (%s):
// English as a string, and in a user's language (lang.Localized).
type Text interface {
	String() string
	In(p lang.Printer) string
}

// HintText is the suggestion of a close candidate.
type HintText struct{ closest string }

// LabelOf is the suggestion for a label written where its code belongs.
func LabelOf(code string) Text { return labelOf{code} }

type labelOf struct{ code string }

var msgLabelOf = &i18n.Message{ID: "suggest.label_of", Other: " (that is the label of {{.Code}}: write the code)"}

func (l labelOf) String() string {
	return fmt.Sprintf(" (that is the label of %q: write the code)", l.code)
}

func (l labelOf) In(p lang.Printer) string {
	return p.T(msgLabelOf, map[string]string{"Code": strconv.Quote(l.code)})
}

var msgDidYouMean = &i18n.Message{ID: "suggest.did_you_mean", Other: " (did you mean {{.Name}}?)"}

// String is the suggestion in English.
func (h HintText) String() string {
	if h.closest == "" {
		return ""
	}
	return ` (did you mean "` + h.closest + `"?)`
}

// In is the suggestion in p's language.
func (h HintText) In(p lang.Printer) string {
	if h.closest == "" {
		return ""
	}
	return p.T(msgDidYouMean, map[string]string{"Name": `"` + h.closest + `"`})
}

// Fold is s as a writer's input is compared with a label: lower case,
// without accents or surrounding spaces ("Atención " and "atencion").
func Fold(s string) string {
	var b strings.Builder
	for _, r := range norm.NFD.String(strings.TrimSpace(s)) {
		if !unicode.Is(unicode.Mn, r) {
			b.WriteRune(unicode.ToLower(r))
		}
	}
	return b.String()
}
