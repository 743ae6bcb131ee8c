package book

import (
	"strconv"
	"strings"
	"testing"
)

// TestSampleSourceURLs: every source URL of the sample's public practices
// reads whole in the text pdftotext extracts from the Spanish book, once
// the line ends are removed. A URL cut over lines must lose no character
// and gain none: a cut that left a '-' at a line's end lost it, since
// poppler takes a line-final '-' for a hyphenation and drops it
// ("…trata-yexplotacion-de", issue 22). A URL may go on over a page
// break: the text is read within the text area, without the running
// headers and footers between.
func TestSampleSourceURLs(t *testing.T) {
	sampleBooks(t)
	const lang = "es"
	bk := readBook(t, lang, sample.pdfs[lang])
	k := 72 / 25.4
	raw := pdftotext(t, bk.path, 0, 0, "-x", "0", "-y", strconv.Itoa(int(top*k)-3),
		"-W", strconv.Itoa(int(pageW*k)+1), "-H", strconv.Itoa(int((bottom-top)*k)+6))
	raw = strings.ReplaceAll(raw, "\f", "")
	joined := strings.NewReplacer("\r", "", "\n", "").Replace(raw)
	n, cut := 0, 0
	for _, x := range sample.pub.Practices {
		for _, s := range x.Sources {
			if !strings.HasPrefix(s.URL, "http") {
				continue // the book prints only web addresses
			}
			n++
			if !strings.Contains(joined, s.URL) {
				t.Errorf("%s: source URL %s is not in the extracted text", x.ID, s.URL)
			}
			if !strings.Contains(raw, s.URL) {
				cut++
			}
		}
	}
	if n == 0 {
		t.Fatal("the sample's practices have no source URL: this test needs some")
	}
	if cut == 0 {
		t.Error("no source URL is cut over lines: this test needs a long one")
	}
}
