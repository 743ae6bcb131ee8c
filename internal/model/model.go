// Package model is the in-memory catalog that every later stage reads: the
// practices with their translations, each field typed, where each field
// stands in its file, and the indexes by country, theme, pillar, related
// practice and exchange. It is built once by package load; the checks, the
// HTML site and the PDF book read it and never re-read files.
package model

import (
	"fmt"
	"regexp"
	"time"

	"catalog/internal/config"
	fm "catalog/internal/frontmatter"
	"catalog/internal/gate"
)

// Institution is an institution that runs or supports a practice.
type Institution struct {
	Name    string
	Acronym string
	Country string // alpha-2, may be empty
	Type    string
}

// YearMonth is a year with an optional month (Month 0 = unknown).
type YearMonth struct{ Year, Month int }

// IsZero reports an absent date.
func (ym YearMonth) IsZero() bool { return ym.Year == 0 }

// Before reports whether ym is strictly earlier than other, comparing at
// the coarser of the two precisions ("2013" is not before "2013-05").
func (ym YearMonth) Before(other YearMonth) bool {
	if ym.Year != other.Year {
		return ym.Year < other.Year
	}
	if ym.Month == 0 || other.Month == 0 {
		return false
	}
	return ym.Month < other.Month
}

func (ym YearMonth) String() string {
	switch {
	case ym.Year == 0:
		return ""
	case ym.Month == 0:
		return fmt.Sprintf("%04d", ym.Year)
	}
	return fmt.Sprintf("%04d-%02d", ym.Year, ym.Month)
}

// Period is when a practice ran; End is zero while it goes on.
type Period struct{ Start, End YearMonth }

// Rating is a practice's assessment against one best-practice criterion.
type Rating struct {
	Criterion string
	Rating    string // evidenced · reported · not-assessed
	Note      string
}

// Exchange records visitors who came to learn a practice.
type Exchange struct {
	Year         int
	Visitors     []string // alpha-2
	Institutions []string
	Kind         string // internship · study-visit · adaptation
	Note         string
	// Outcome is what came of the visit: under-study · adapting · adapted
	// · not-adopted · unknown (when left out); OutcomeNote says more.
	Outcome     string
	OutcomeNote string
}

// AdaptedFrom names a practice that this one adapts.
type AdaptedFrom struct {
	Practice string // its ID
	Year     int    // when the adaptation began, 0 when not given
	Note     string
}

// Adaptation is what adapting a practice elsewhere takes.
type Adaptation struct {
	Requires []string // codes of the catalog's requirements vocabulary
	Cost     string   // low · medium · high · unknown
	Note     string
}

// Source is a document a practice's facts come from.
type Source struct {
	Title     string
	Publisher string
	Year      int
	URL       string
	// Lang is the language of the document, a BCP 47 tag ("en", "pt"),
	// or "" for the language the practice is written in first (the
	// catalog's first; sources are given there): pages and books mark
	// its title with it where it is not theirs, so that a screen reader
	// says it in that language.
	Lang string
}

// Contact is an institutional contact point (never a person).
type Contact struct {
	Institution string
	Role        string
	URL         string
	Email       string
}

// File is one Markdown file of a practice, as read from disk.
type File struct {
	Path     string // as shown in diagnostics
	ID       string
	Lang     string
	BodyLine int // file line on which the body starts
	// Positions gives where each field path ("countries[1]") stands; At
	// and Has read it. A list, not a map: the model keeps it for every
	// file, and a map took three times the memory.
	Positions fm.Positions
	// Ignores are the catalog-ignore directives found in the file.
	Ignores []Ignore
	// Keys lists the top-level front matter keys present, in file order.
	Keys []string
	Hash uint64
}

// At returns where a field path stands in the file, falling back to its
// parent field and then to line 1.
func (f *File) At(path string) fm.Pos { return f.Positions.At(path) }

// Has reports whether the file gives the field at path.
func (f *File) Has(path string) bool {
	_, ok := f.Positions.Get(path)
	return ok
}

// Ignore is a `catalog-ignore RULE: reason` directive.
type Ignore struct {
	Line, Col int
	Next      int // the next non-blank line, which it also silences
	Rule      string
	Reason    string
}

// Text is a practice in one language: the translatable fields, with what
// a translation does not give inherited from the source.
type Text struct {
	Lang    string
	File    *File
	Title   string
	Summary string
	// SummaryParagraphs: the summary, as written, has a blank line
	// between paragraphs (a literal "|" keeps it as "\n\n", the other
	// styles fold it to "\n").
	SummaryParagraphs bool
	Institutions      []Institution
	Partners          []Institution
	Criteria          []Rating
	Exchanges         []Exchange
	AdaptedFrom       []AdaptedFrom
	Adaptation        *Adaptation
	Contact           *Contact
	LastReviewed      time.Time
	Body              []byte
}

// Practice is one practice: the fields shared by every language and its
// texts.
type Practice struct {
	ID     string
	Source *Text
	// Texts holds the practice in every language it has a file in,
	// the source included.
	Texts map[string]*Text

	Countries         []string // alpha-2, upper case
	Scope             string
	Themes            []string
	Pillars           []string // derived from the themes, in pillar order
	TargetGroups      []string
	ExploitationForms []string
	Period            Period
	Status            string
	Level             string
	Related           []string
	Sources           []Source
	Visibility        string

	// RelatedBy lists the practices whose `related` names this one.
	RelatedBy []string
	// AdaptedIn lists the practices whose `adapted_from` names this one,
	// by ID.
	AdaptedIn []string
	// Hash changes when any of the practice's files changes.
	Hash uint64
}

// Restricted reports a practice that no public output may show.
func (p *Practice) Restricted() bool { return p.Visibility == "restricted" }

// In returns the practice's text in lang, or the source text when the
// practice has no translation into lang.
func (p *Practice) In(lang string) *Text {
	if t := p.Texts[lang]; t != nil {
		return t
	}
	return p.Source
}

// Catalog is a whole catalog.
type Catalog struct {
	Dir string
	// Folder is the gate through which every stage reads the catalog's
	// files (its media, its templates); nil for a catalog made in memory,
	// which Gate then opens.
	Folder    *gate.Folder
	Config    *config.Config
	Practices []*Practice // sorted by ID
	// Intro is the front text per language (Markdown), when the catalog has one.
	Intro map[string][]byte
	// Paths lists every practice file read, valid or not.
	Paths []string

	byID      map[string]*Practice
	ByCountry map[string][]*Practice // alpha-2 → practices, by ID
	ByTheme   map[string][]*Practice
	ByPillar  map[string][]*Practice
	Exchanges []ExchangeVisit
}

// ExchangeVisit is one visiting country's visit to one practice: the rows
// of the "who learned from whom" tables.
type ExchangeVisit struct {
	Year     int
	Visitor  string   // alpha-2 of the visiting country
	Hosts    []string // the practice's countries
	Practice *Practice
	Exchange int // index into the practice's exchanges
	Kind     string
}

// Practice returns the practice with the ID, or nil.
func (c *Catalog) Practice(id string) *Practice { return c.byID[id] }

// practiceLink matches a body's link to another practice's file, as a
// writer sees them side by side: "gt-svet.es.md", "./gt-svet.md",
// "../practices/gt-svet.en.md".
var practiceLink = regexp.MustCompile(`^(?:\./)?(?:\.\./practices/)?([^/#?]+?)(?:\.([A-Za-z-]+))?\.md$`)

// LinkedPractice returns the ID of the practice that a relative link's
// path (without query or fragment) names, or "" when it names none.
func LinkedPractice(linkPath string) string {
	if m := practiceLink.FindStringSubmatch(linkPath); m != nil {
		return m[1]
	}
	return ""
}
