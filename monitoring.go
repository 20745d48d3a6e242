package carecast

import (
	"fmt"

	"github.com/shopspring/decimal"
)

// Monitoring the scheme month by month (docs/methodology.md §18): the
// budget against the outturn (actuals to date and the forecast for the
// rest), line by line, for the consortium and each council, for a
// financial year and the whole horizon, with a RAG rating and the spot
// purchasing avoided explained as volume and price.

// MonitorLine is one line of a monitoring report: a flow (money over a
// span of months) or the fund's closing balance.
type MonitorLine int

// The lines, in the order every report lists them.
const (
	LinePledges MonitorLine = iota
	LineGrants
	LineOtherCosts
	LineBlockCost
	LineVoidCost
	LineSpotAvoided
	LineAttributedCost
	LineSavings
	LineClosingFund
	NumMonitorLines
)

// monitorLines are each line's JSON key, its label, whether a council has
// it, and whether more of it is favourable.
var monitorLines = [NumMonitorLines]struct {
	key, label, councilLabel string
	council, up              bool
}{
	LinePledges:        {"pledges", LabelPledges, LabelPledges, true, true},
	LineGrants:         {"grants", LabelGrants, "", false, true},
	LineOtherCosts:     {"other_costs", LabelRunningCosts, "", false, false},
	LineBlockCost:      {"block_cost", LabelBlockCost, "", false, false},
	LineVoidCost:       {"void_cost", LabelVoidCost, "", false, false},
	LineSpotAvoided:    {"spot_avoided", LabelSpotAvoided, LabelSpotAvoided, true, true},
	LineAttributedCost: {"attributed_cost", LabelAttributedCost, LabelAttributedCost, true, false},
	LineSavings:        {"savings", LabelSavings, LabelSavings, true, true},
	LineClosingFund:    {"closing_fund_balance", LabelClosingFund, LabelPosition, true, true},
}

// MonitorLines are the lines in report order.
func MonitorLines() []MonitorLine {
	out := make([]MonitorLine, NumMonitorLines)
	for i := range out {
		out[i] = MonitorLine(i)
	}
	return out
}

// CouncilMonitorLines are the lines a council has: its pledges, the spot
// purchasing it avoids, its attributed cost, its savings and its position
// in the fund (its part of the fund's closing balance). The others
// (grants, running costs, block and void cost) are the consortium's.
func CouncilMonitorLines() []MonitorLine {
	var out []MonitorLine
	for _, l := range MonitorLines() {
		if l.Council() {
			out = append(out, l)
		}
	}
	return out
}

// Key is the line's JSON key: "savings". A council's LineClosingFund is
// its position in the fund, under the same key, so that the councils'
// lines add up to the consortium's.
func (l MonitorLine) Key() string { return monitorLines[l].key }

// Label names the line for a reader: "Savings".
func (l MonitorLine) Label() string { return monitorLines[l].label }

// CouncilLabel names a council's line: its closing balance is its
// "Position in the fund".
func (l MonitorLine) CouncilLabel() string { return monitorLines[l].councilLabel }

// Council reports whether a council has the line.
func (l MonitorLine) Council() bool { return monitorLines[l].council }

// Balance reports whether the line is a balance at a date rather than a
// flow over months.
func (l MonitorLine) Balance() bool { return l == LineClosingFund }

// MoreIsFavourable reports whether a positive variance is favourable: for
// income, savings and the fund's balance; a positive variance of a cost is
// adverse.
func (l MonitorLine) MoreIsFavourable() bool { return monitorLines[l].up }

// ParseMonitorLine reads a line's JSON key.
func ParseMonitorLine(key string) (MonitorLine, bool) {
	for _, l := range MonitorLines() {
		if l.Key() == key {
			return l, true
		}
	}
	return 0, false
}

// Favour says whether a variance of the line is favourable, adverse or
// neither (zero).
func (l MonitorLine) Favour(variance Money) Favour {
	switch s := variance.Sign(); {
	case s == 0:
		return OnBudget
	case (s > 0) == l.MoreIsFavourable():
		return Favourable
	}
	return Adverse
}

// Favour is how a variance reads to the partners.
type Favour int

const (
	OnBudget Favour = iota
	Favourable
	Adverse
)

// String is the word a report uses: "favourable", "adverse", "on budget".
func (f Favour) String() string {
	switch f {
	case Favourable:
		return "favourable"
	case Adverse:
		return "adverse"
	}
	return "on budget"
}

// LineFigures are one month's (or span's) figures of every line, in
// pence. A council's hold only its lines (CouncilMonitorLines); the rest
// are zero.
type LineFigures [NumMonitorLines]Money

// MonitorSeries is a forecast month by month as monitoring reads it: the
// budget (the plan, or a budget frozen from an earlier forecast) or the
// outturn (actuals to date and the forecast after). A month's
// LineClosingFund is the balance at its end (for a council, its position);
// every other line is the month's flow.
type MonitorSeries struct {
	// Source is where the series came from: "plan", or the file a frozen
	// budget was read from.
	Source string
	// Councils are the councils' codes in the order of Councils.
	Councils []string
	// OpeningFund is the fund before the first month, OpeningPositions
	// each council's part of it.
	OpeningFund      Money
	OpeningPositions []Money
	Months           []MonitorMonth
}

// MonitorMonth is one month of a series.
type MonitorMonth struct {
	Start  Date // the month's first day
	Actual bool // an actual month (docs/methodology.md §18)
	// Consortium are the consortium's figures, Councils each council's.
	Consortium LineFigures
	Councils   []LineFigures
	// Occupied are the room-days occupied: the consortium's, and each
	// council's.
	Occupied         decimal.Decimal
	CouncilsOccupied []decimal.Decimal
}

// End is the month's last day.
func (m MonitorMonth) End() Date { return m.Start.AddMonths(1).AddDays(-1) }

// Figures are the figures of the consortium (council -1) or of a council.
func (m *MonitorMonth) Figures(council int) *LineFigures {
	if council < 0 {
		return &m.Consortium
	}
	return &m.Councils[council]
}

// OccupiedBy is the room-days occupied by the consortium (council -1) or a
// council.
func (m *MonitorMonth) OccupiedBy(council int) decimal.Decimal {
	if council < 0 {
		return m.Occupied
	}
	return m.CouncilsOccupied[council]
}

// Opening is the balance before the first month: the fund's (council -1)
// or a council's position.
func (s *MonitorSeries) Opening(council int) Money {
	if council < 0 {
		return s.OpeningFund
	}
	return s.OpeningPositions[council]
}

// Scope is what a monitoring line covers: the financial year monitored or
// the whole horizon.
type Scope int

const (
	ScopeYear Scope = iota
	ScopeHorizon
)

// String is the scope's JSON value: "year" or "horizon".
func (s Scope) String() string {
	if s == ScopeHorizon {
		return "horizon"
	}
	return "year"
}

// RAG is a variance's rating: red, amber, green, or none (no budget to
// measure it against).
type RAG int

const (
	RAGNone RAG = iota
	RAGGreen
	RAGAmber
	RAGRed
)

// String is the rating's JSON value: "green", "amber", "red" ("" for none).
func (r RAG) String() string {
	switch r {
	case RAGGreen:
		return "green"
	case RAGAmber:
		return "amber"
	case RAGRed:
		return "red"
	}
	return ""
}

// Word is the rating for a reader: "Green", "Amber", "Red", or "-".
func (r RAG) Word() string {
	switch r {
	case RAGNone:
		return "-"
	}
	s := r.String()
	return string(s[0]-'a'+'A') + s[1:]
}

// RAGThresholds are the rating's thresholds, fractions of |budget|: a
// variance below Amber is green, from Amber to Red amber, above Red red
// (docs/methodology.md §18). The Assumptions keys rag_amber and rag_red
// set them (defaults 2% and 5%).
type RAGThresholds struct {
	Amber, Red decimal.Decimal
}

// Rate rates a variance against its budget, exactly: green when
// |variance| < Amber x |budget|, amber up to Red x |budget|, red above;
// RAGNone when the budget is zero.
func (t RAGThresholds) Rate(variance, budget Money) RAG {
	if budget.IsZero() {
		return RAGNone
	}
	v, b := variance.Decimal().Abs(), budget.Decimal().Abs()
	switch {
	case v.LessThan(t.Amber.Mul(b)):
		return RAGGreen
	case v.LessThanOrEqual(t.Red.Mul(b)):
		return RAGAmber
	}
	return RAGRed
}

// String says the thresholds in words: "green below 2%, amber 2% to 5%,
// red above 5% of the budget".
func (t RAGThresholds) String() string {
	a, r := t.Amber.Shift(2).String()+"%", t.Red.Shift(2).String()+"%"
	return fmt.Sprintf("green below %s, amber %s to %s, red above %s of the budget", a, a, r, r)
}

// Variance is one line of a monitoring report for one scope and one
// council (or the consortium): the budget, the months to the as-at date,
// the outturn and their variances (docs/methodology.md §18). A variance
// is signed as its figure: more savings is positive, and so is more cost.
type Variance struct {
	Scope   Scope
	Council int // index into Monitoring.Councils; -1: the consortium
	Line    MonitorLine
	// Budget is the budget for the scope; BudgetToDate and ActualToDate
	// its months to the as-at date in the budget and the outturn (for the
	// closing balance: the balance at the end of the last such month, or
	// the scope's opening balance when no month of it is to date).
	Budget, BudgetToDate, ActualToDate Money
	VarianceToDate                     Money // ActualToDate - BudgetToDate
	Outturn                            Money // actual to date + forecast to the scope's end
	Variance                           Money // Outturn - Budget
	// Pct is Variance / |Budget|, to 6 places, and RAG its rating; both
	// undefined (PctDefined false, RAGNone) when the budget is zero.
	Pct        decimal.Decimal
	PctDefined bool
	RAG        RAG
	// Movement is Outturn less the previous report's outturn of the same
	// line, when a previous report was given and has it.
	Movement    Money
	HasMovement bool
}

// Favour says whether the outturn's variance is favourable.
func (v Variance) Favour() Favour { return v.Line.Favour(v.Variance) }

// SpotExplained explains the variance to date of the spot purchasing
// avoided, over the year's months to the as-at date, as volume (more or
// fewer room-days at the budget's price) and price (the room-days
// occupied at the difference in price): Volume + Price = Variance to the
// penny, the price taking the last penny. The consortium's (Council -1)
// is the sum of the councils'.
type SpotExplained struct {
	Council int
	// BudgetDays and ActualDays are the room-days occupied to date in the
	// budget and the outturn; BudgetSpot and ActualSpot the spot
	// purchasing avoided to date.
	BudgetDays, ActualDays decimal.Decimal
	BudgetSpot, ActualSpot Money
	Volume, Price          Money
}

// Variance is ActualSpot - BudgetSpot: Volume + Price.
func (e SpotExplained) Variance() Money { return e.ActualSpot.Sub(e.BudgetSpot) }

// Monitoring is a monitoring report (docs/methodology.md §18): the budget
// against the outturn at an as-at date.
type Monitoring struct {
	Scenario string
	Councils []Council
	Start    Date // the horizon's first day
	End      Date // its last day
	// AsAt is the last day of the last month reported as to date; Year the
	// financial year monitored.
	AsAt Date
	Year FinancialYear
	// BudgetSource is "plan" (the input forecast without its Actuals) or
	// the file a frozen budget was read from.
	BudgetSource string
	Thresholds   RAGThresholds
	// PreviousAsAt is the as-at date of the previous report the movements
	// are measured from; zero: none.
	PreviousAsAt Date
	// Lines are every line: the year's then the horizon's; in each, the
	// consortium's lines then each council's, in line order.
	Lines []Variance
	// Explained are the spot purchasing avoided explained: the
	// consortium's first, then each council's.
	Explained []SpotExplained
	// Budget and Outturn are the monthly figures the lines sum.
	Budget, Outturn *MonitorSeries
}

// Find returns the line of a scope, council (-1: the consortium) and
// line, or nil.
func (m *Monitoring) Find(scope Scope, council int, line MonitorLine) *Variance {
	for i := range m.Lines {
		v := &m.Lines[i]
		if v.Scope == scope && v.Council == council && v.Line == line {
			return v
		}
	}
	return nil
}

// MonthsToDate counts the months of the horizon to the as-at date.
func (m *Monitoring) MonthsToDate() int {
	n := 0
	for _, mo := range m.Outturn.Months {
		if !mo.End().After(m.AsAt) {
			n++
		}
	}
	return n
}

// ActualMonths counts the actual months of the outturn.
func (m *Monitoring) ActualMonths() int {
	n := 0
	for _, mo := range m.Outturn.Months {
		if mo.Actual {
			n++
		}
	}
	return n
}

// CouncilLabel is the name of council c, or "the consortium" for -1.
func (m *Monitoring) CouncilLabel(c int) string {
	if c < 0 {
		return LabelConsortium
	}
	return m.Councils[c].Label()
}

// CouncilCode is council c's code, or "" for the consortium.
func (m *Monitoring) CouncilCode(c int) string {
	if c < 0 {
		return ""
	}
	return m.Councils[c].Code
}

// monitorSettingRows are the registry's rows of the monitoring settings:
// the RAG thresholds of 'carecast monitor' (docs/methodology.md §18).
var monitorSettingRows = []Setting{
	{Key: "rag_amber", Kind: KindRate, Unit: "%",
		Default: decimal.RequireFromString("0.02"),
		Min:     "0", Max: "1", UsualMin: "0.005", UsualMax: "0.1",
		Why:    "council budget monitoring rates a variance of 2% of the budget amber",
		Help:   "for carecast monitor: a variance of at least this share of the budget is amber (§18)",
		Note:   "For carecast monitor: a variance of at least this share of the budget is rated amber, below it green. Default 2%, as council budget monitoring reports rate it.",
		Expect: "a rate {range}, such as 2% or 0.02",
		Get:    func(a Assumptions) any { return a.RAG.Amber },
		Set:    func(a *Assumptions, v any) { a.RAG.Amber = v.(decimal.Decimal) }},
	{Key: "rag_red", Kind: KindRate, Unit: "%",
		Default: decimal.RequireFromString("0.05"),
		Min:     "0", Max: "1", UsualMin: "0.01", UsualMax: "0.25",
		Why:    "council budget monitoring rates a variance above 5% of the budget red",
		Help:   "for carecast monitor: a variance above this share of the budget is red (§18)",
		Note:   "For carecast monitor: a variance above this share of the budget is rated red. At least rag_amber. Default 5%, as council budget monitoring reports rate it.",
		Expect: "a rate {range}, such as 5% or 0.05",
		Get:    func(a Assumptions) any { return a.RAG.Red },
		Set:    func(a *Assumptions, v any) { a.RAG.Red = v.(decimal.Decimal) },
		Check: func(a Assumptions) string {
			if a.RAG.Red.LessThan(a.RAG.Amber) {
				return fmt.Sprintf("rag_red %s is below rag_amber %s: expected rag_red at least rag_amber", Percent(a.RAG.Red, 2), Percent(a.RAG.Amber, 2))
			}
			return ""
		}},
}
