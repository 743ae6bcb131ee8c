package check

import "catalog/internal/diag"

// Rules of this stage: the values of a practice, judged against the
// catalog's vocabularies and against each other.
var (
	RuleCountryCode = &diag.Rule{ID: "country-code", Severity: diag.Error,
		Doc: "A country code that is not ISO 3166-1. Alpha-2 (`CR`) and alpha-3 (`CRI`) codes in any case are accepted; the message gives the code to write for a country's name (`write GT (Guatemala)`) and suggests one for a misspelt code."}
	RuleVocabulary = &diag.Rule{ID: "vocabulary", Severity: diag.Error,
		Doc: "A theme, target group, form of exploitation or criterion that is not in the catalog's vocabularies (catalog.yaml)."}
	RuleFieldValue = &diag.Rule{ID: "field-value", Severity: diag.Error,
		Doc: "A value outside a field's fixed list: `scope`, `status`, `level`, `visibility`, an institution's `type`, a criterion's `rating`, an exchange's `kind` and `outcome`, an adaptation's `cost`."}
	RuleDuplicateValue = &diag.Rule{ID: "duplicate-value", Severity: diag.Warning,
		Doc: "The same value is listed twice in one list (a country, a theme, a related practice)."}
	RuleSummaryLength = &diag.Rule{ID: "summary-length", Severity: diag.Error,
		Doc: "The summary is longer than 600 characters (an error) or has several paragraphs (a warning); it is shown on cards and in lists, so keep it to one short paragraph."}
	RulePeriod = &diag.Rule{ID: "period", Severity: diag.Error,
		Doc: "The period is impossible (the end before the start, a start in the future) or does not fit the status (an ended practice with no end, an ongoing one whose end has passed: warnings)."}
	RuleLastReviewed = &diag.Rule{ID: "last-reviewed", Severity: diag.Error,
		Doc: "`last_reviewed` is in the future."}
	RuleRelated = &diag.Rule{ID: "related", Severity: diag.Error,
		Doc: "A related practice that does not exist, or the practice itself. A public practice related to a restricted one gets a warning: the link is left out of public builds."}
	RuleExchange = &diag.Rule{ID: "exchange", Severity: diag.Error,
		Doc: "An exchange without visitors, with a year in the future or before 1990; a warning when visitors include the practice's own country or the year is before the practice started."}
	RuleAdaptedFrom = &diag.Rule{ID: "adapted-from", Severity: diag.Error,
		Doc: "`adapted_from` names a practice that does not exist, is restricted (from a public practice), is the practice itself, or leads back to it (a cycle); a warning when nothing links the two (no exchange of the source practice visited by one of this practice's countries, no source in common)."}
	RuleAdaptation = &diag.Rule{ID: "adaptation", Severity: diag.Warning,
		Doc: "A practice rated on `replicability` says nothing of what adapting it takes: add `adaptation` (requires, cost, note). Its codes and cost are checked as `vocabulary` and `field-value`."}
	RuleURL = &diag.Rule{ID: "url", Severity: diag.Error,
		Doc: "A URL that is not an absolute http(s) address (in sources and contact), or a link in the body with a scheme other than http, https or mailto (such as `javascript:`)."}
	RuleLink = &diag.Rule{ID: "link", Severity: diag.Error,
		Doc: "A link in the body to a practice file (`other-id.es.md`) that does not exist, or, from a public practice, to a restricted one."}
	RuleMedia = &diag.Rule{ID: "media", Severity: diag.Error,
		Doc: "An image that is not in the catalog's `media/` folder, or a path that leads out of it."}
	RuleBookImage = &diag.Rule{ID: "book-image", Severity: diag.Warning,
		Doc: "An image the PDF book cannot draw (it draws PNG and JPEG images of up to 40 megapixels): the site shows it, the book prints its description in its place (a cover image or logo that catalog.yaml names is left off the cover)."}
	RuleSection = &diag.Rule{ID: "missing-section", Severity: diag.Error,
		Doc: "The body lacks a section heading that catalog.yaml requires for its language (by default Descripción, Resultados, Lecciones aprendidas / Description, Results, Lessons learned)."}
	RuleRawHTML = &diag.Rule{ID: "raw-html", Severity: diag.Warning,
		Doc: "Raw HTML in a body is not rendered (it could run script in a reader's browser); write Markdown instead. HTML comments are fine."}
	RulePersonalData = &diag.Rule{ID: "personal-data", Severity: diag.Warning,
		Doc: "An e-mail address or phone number outside `contact`. A trafficking catalog must never identify a victim; contacts are institutional and belong in `contact`."}
	RuleCaseNumber = &diag.Rule{ID: "case-number", Severity: diag.Warning,
		Doc: "What looks like a case-file number (expediente, causa, carpeta fiscal, case no.) in the text: it can identify a victim."}
	RuleUnusedIgnore = &diag.Rule{ID: "unused-ignore", Severity: diag.Warning,
		Doc: "A `catalog-ignore` directive that silences nothing; remove it."}
)
