package carecast

import "strings"

// A cabinet paper's own words (docs/methodology.md §13): the optional
// Paper table says what only its author knows (the meeting, the
// portfolio holder, the recommendations, the preferred option ...), and
// the optional RiskRegister table the risks the council owns and how each
// is mitigated. Neither touches a figure.

// PaperRow is one row of the Paper table: a field of one council's paper,
// of the consortium's, or of every paper.
type PaperRow struct {
	// Council is the index of the council whose paper the row is for, or
	// PaperEvery (a blank council: every paper) or PaperConsortium.
	Council int
	Field   string // one of PaperFields' names
	Value   string // text; a date field as "12 March 2019", key_decision "yes" or "no"
}

// The Council of a PaperRow that is not one council's.
const (
	PaperEvery      = -1
	PaperConsortium = -2
)

// PaperField is a field of the Paper table.
type PaperField struct {
	Name   string
	Repeat bool   // one row each: numbered recommendations, paragraphs, papers
	Label  string // as the paper names it: "Portfolio holder"
	Note   string // what to write, for the template and messages
}

// The Paper table's fields, in the order of a paper's decision block and
// sections.
const (
	PaperTitle             = "title"
	PaperMeeting           = "meeting"
	PaperMeetingDate       = "meeting_date"
	PaperPortfolioHolder   = "portfolio_holder"
	PaperLeadOfficer       = "lead_officer"
	PaperContact           = "contact"
	PaperWards             = "wards"
	PaperKeyDecision       = "key_decision"
	PaperKeyDecisionReason = "key_decision_reason"
	PaperRecommendation    = "recommendation"
	PaperReason            = "reason"
	PaperPreferredOption   = "preferred_option"
	PaperRejected          = "rejected"
	PaperBudgetLine        = "budget_line"
	PaperMTFPReference     = "mtfp_reference"
	PaperProvider          = "provider"
	PaperLeadCouncil       = "lead_council"
	PaperLegal             = "legal"
	PaperEqualities        = "equalities"
	PaperConsultation      = "consultation"
	PaperBackgroundPaper   = "background_paper"
	PaperPrudentFigure     = "prudent_figure"
)

// PaperFields are the fields of the Paper table.
var PaperFields = []PaperField{
	{Name: PaperTitle, Label: "Report title", Note: "The report's title, as the agenda gives it."},
	{Name: PaperMeeting, Label: "Meeting", Note: "The meeting that decides, e.g. Cabinet."},
	{Name: PaperMeetingDate, Label: "Date of meeting", Note: "The date of the meeting (a date)."},
	{Name: PaperPortfolioHolder, Label: "Portfolio holder", Note: "The cabinet member who presents the report, e.g. Cabinet Member for Children's Services."},
	{Name: PaperLeadOfficer, Label: "Lead officer", Note: "The officer responsible, by name and post."},
	{Name: PaperContact, Label: "Report author and contact", Note: "Who to ask about the report: name, post, email or telephone."},
	{Name: PaperWards, Label: "Wards affected", Note: "The wards the decision affects, e.g. All wards."},
	{Name: PaperKeyDecision, Label: "Key decision", Note: "yes or no: whether the decision is a key decision (spending or savings above the council's threshold, or significant in two or more wards)."},
	{Name: PaperKeyDecisionReason, Label: "Why it is (or is not) a key decision", Note: "The reason, e.g. expenditure above £500,000 and affects all wards."},
	{Name: PaperRecommendation, Repeat: true, Label: "Recommendations", Note: "One recommendation a row, in order; they are numbered."},
	{Name: PaperReason, Repeat: true, Label: "Reasons for the recommendations", Note: "One reason a row, in order."},
	{Name: PaperPreferredOption, Label: "Preferred option", Note: "The option recommended: the name of an option on the Options sheet, or Base case (the scheme as given)."},
	{Name: PaperRejected, Repeat: true, Label: "Why an option is rejected", Note: "One row an option not preferred: its name (an option on the Options sheet, Base case or Business as usual), a colon, and why it is rejected."},
	{Name: PaperBudgetLine, Label: "Budget line", Note: "The budget the pledges are paid from, e.g. Children's placements (revenue), cost centre."},
	{Name: PaperMTFPReference, Label: "Medium-term financial plan reference", Note: "The saving's reference in the medium-term financial plan, if it is one."},
	{Name: PaperProvider, Label: "Provider", Note: "Who runs the homes (or how it will be chosen: a procurement)."},
	{Name: PaperLeadCouncil, Label: "Lead council", Note: "The council that hosts the pooled fund and holds the contract."},
	{Name: PaperLegal, Repeat: true, Label: "Legal implications", Note: "The legal implications, as the council's lawyers advise: one paragraph a row."},
	{Name: PaperEqualities, Repeat: true, Label: "Equalities implications", Note: "The equalities implications and the public sector equality duty: one paragraph a row."},
	{Name: PaperConsultation, Repeat: true, Label: "Consultation", Note: "Who was consulted (children and young people, partners, staff) and what they said: one paragraph a row."},
	{Name: PaperBackgroundPaper, Repeat: true, Label: "Background papers", Note: "One published document relied on a row."},
	{Name: PaperPrudentFigure, Label: "Prudent figure for budgeting", Note: "The Monte Carlo percentile of the savings to budget on: P50 (the median, the default) or P10 (the savings exceed it in 9 runs out of 10)."},
}

// PaperFieldNamed is the field with this name (matched ignoring case,
// spaces, hyphens and underscores), and whether there is one.
func PaperFieldNamed(name string) (PaperField, bool) {
	k := fieldKey(name)
	for _, f := range PaperFields {
		if fieldKey(f.Name) == k {
			return f, true
		}
	}
	return PaperField{}, false
}

func fieldKey(s string) string {
	return strings.Map(func(r rune) rune {
		switch r {
		case ' ', '-', '_':
			return -1
		}
		return r
	}, strings.ToLower(strings.TrimSpace(s)))
}

// PaperValues are the values of each field for one paper: council's
// index, or PaperConsortium. A field the paper's own rows give is theirs
// alone; else the rows for every paper (a blank council) stand.
func PaperValues(rows []PaperRow, council int) map[string][]string {
	own := map[string][]string{}
	every := map[string][]string{}
	for _, r := range rows {
		switch r.Council {
		case council:
			own[r.Field] = append(own[r.Field], r.Value)
		case PaperEvery:
			every[r.Field] = append(every[r.Field], r.Value)
		}
	}
	for f, v := range every {
		if _, ok := own[f]; !ok {
			own[f] = v
		}
	}
	return own
}

// RiskEntry is one row of the RiskRegister table: a risk the council
// owns, as a corporate risk register states it.
type RiskEntry struct {
	Risk, Likelihood, Impact, Mitigation, Owner string
}
