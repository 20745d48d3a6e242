// Package board builds the monitoring report to the partners' board
// (docs/methodology.md §18): two to four A4 pages from a monitoring
// report, as a paper.Paper that package paper writes to Word and, through
// headless Chromium, to a tagged PDF. Its tables are package reports'
// monitoring tables in £000 (rounded so that they add up as shown), its
// sentences are made from the figures, and where the judgement is the
// board's (the actions) it leaves a marked prompt.
package board

import (
	"fmt"
	"sort"
	"strings"

	"github.com/carecast/carecast"
	"github.com/carecast/carecast/paper"
	"github.com/carecast/carecast/reports"
	"github.com/shopspring/decimal"
)

// FileName is the report's file name without its extension.
const FileName = "monitoring"

// shortDigest is how many hex digits of a file's SHA-256 the report
// prints: enough to tell two versions apart.
const shortDigest = 12

// mainVariances is how many of the consortium's lines the report explains
// at most, the largest variances first.
const mainVariances = 4

// builder numbers the report's sections, paragraphs and tables.
type builder struct {
	m       *carecast.Monitoring
	p       *paper.Paper
	section int
	para    int
	tables  int
}

// Build makes the report of m; prov says what made it.
func Build(m *carecast.Monitoring, prov carecast.Provenance) *paper.Paper {
	b := &builder{m: m, p: &paper.Paper{Code: FileName, Title: "Budget monitoring: " + m.Scenario,
		Subject: "Budget monitoring",
		Subtitle: fmt.Sprintf("Report to the partners' board on the pooled fund, as at %s: %s, month %d of 12. Prepared %s.",
			m.AsAt.Long(), m.Year, monthOfYear(m), prov.Prepared.Long())}}
	// Three pages for a consortium of up to a dozen councils, each
	// started by a page break so that Word and the PDF break alike: the
	// summary; the councils and the fund; the variances and the actions.
	b.summary()
	b.add(paper.PageBreak{})
	b.byCouncil()
	b.fund()
	b.add(paper.PageBreak{})
	b.explained()
	b.actions()
	b.about(prov)
	return b.p
}

// monthOfYear is the as-at date's month of the financial year monitored
// (0 before it, 12 after it).
func monthOfYear(m *carecast.Monitoring) int {
	start := m.Year.Start()
	n := (m.AsAt.Year-start.Year)*12 + int(m.AsAt.Month) - int(start.Month) + 1
	return max(0, min(12, n))
}

func (b *builder) add(bl paper.Block) { b.p.Blocks = append(b.p.Blocks, bl) }

func (b *builder) h1(text string) {
	b.section++
	b.para = 0
	b.add(paper.Heading{Level: 1, Text: text, Num: fmt.Sprint(b.section)})
}

// np adds a numbered paragraph.
func (b *builder) np(format string, args ...any) {
	b.para++
	b.add(paper.Para{Num: fmt.Sprintf("%d.%d", b.section, b.para), Text: fmt.Sprintf(format, args...)})
}

func (b *builder) note(text string) { b.add(paper.Para{Text: text, Note: true}) }

// table adds a reports table as the next numbered table, its notes under
// it; right says which columns hold figures.
func (b *builder) table(t *reports.Table, summary string, widths []int) {
	if n := len(b.p.Blocks); n > 0 {
		if pa, ok := b.p.Blocks[n-1].(paper.Para); ok && !pa.Note && !pa.Prompt {
			pa.KeepNext = true
			b.p.Blocks[n-1] = pa
		}
	}
	b.tables++
	pt := &paper.Table{ID: fmt.Sprintf("Table %d", b.tables), Title: t.Title + " (£000)", Summary: summary, Widths: percents(widths)}
	for _, c := range t.Columns {
		pt.Header = append(pt.Header, c.Head)
		pt.Right = append(pt.Right, c.Unit != reports.UnitText)
	}
	for _, r := range t.Rows {
		pt.Rows = append(pt.Rows, r.Strings(reports.Reader))
	}
	for _, r := range t.Totals {
		pt.Totals = append(pt.Totals, r.Strings(reports.Reader))
	}
	b.add(pt)
	for _, n := range t.Notes {
		b.note(n)
	}
}

// percents scales relative widths to whole percentages summing to 100
// (the last taking what is left); nil stays nil.
func percents(w []int) []int {
	if len(w) == 0 {
		return nil
	}
	sum := 0
	for _, x := range w {
		sum += x
	}
	out, left := make([]int, len(w)), 100
	for i, x := range w[:len(w)-1] {
		out[i] = x * 100 / sum
		left -= out[i]
	}
	out[len(w)-1] = left
	return out
}

// thousands are the tables' options: £000, rounded to add up as shown.
var thousands = reports.Options{Money: reports.Thousands}

// line is the consortium's line of the year.
func (b *builder) line(l carecast.MonitorLine) *carecast.Variance {
	return b.m.Find(carecast.ScopeYear, -1, l)
}

// pounds is an amount in whole pounds, without sign: "£120,000".
func pounds(x carecast.Money) string {
	return carecast.MoneyOf(x.Decimal().Abs()).FormatPounds()
}

// pctText is a variance's percentage of the budget to one place, without
// sign, or "" with no budget.
func pctText(v *carecast.Variance) string {
	if !v.PctDefined {
		return ""
	}
	return carecast.Percent(v.Pct.Abs(), 1)
}

// ragText is how a sentence gives a line's rating: "rated red", or that
// there is no budget to rate it against.
func ragText(v *carecast.Variance) string {
	if v.RAG == carecast.RAGNone {
		return "not rated (no budget)"
	}
	return "rated " + strings.ToLower(v.RAG.Word())
}

// moreLess is "more" or "less" as the variance's sign is, of an amount.
func moreLess(x carecast.Money) string {
	if x.Sign() < 0 {
		return "less"
	}
	return "more"
}

// lowerName is a line's label as it reads inside a sentence.
func lowerName(l carecast.MonitorLine) string {
	s := l.Label()
	return strings.ToLower(s[:1]) + s[1:]
}

// variancePhrase is a line's variance as words: "£120,000 (14.4%) less
// than budgeted, adverse, rated red", or "on budget".
func variancePhrase(v *carecast.Variance) string {
	if v.Variance.IsZero() {
		return "on budget, rated green"
	}
	pct := ""
	if p := pctText(v); p != "" {
		pct = " (" + p + ")"
	}
	return fmt.Sprintf("%s%s %s than budgeted, %s, %s", pounds(v.Variance), pct, moreLess(v.Variance), v.Favour(), ragText(v))
}

func (b *builder) summary() {
	m := b.m
	b.h1("Summary")
	s := b.line(carecast.LineSavings)
	b.np("The forecast outturn for %s is savings of %s against a budget of %s: %s. The outturn is what has happened to %s (%d months) and the forecast for the rest of the year.",
		m.Year, pounds(s.Outturn), pounds(s.Budget), variancePhrase(s), m.AsAt.Long(), monthOfYear(m))
	if s.VarianceToDate.IsZero() {
		b.np("To %s the scheme has saved %s, as budgeted.", m.AsAt.Long(), pounds(s.ActualToDate))
	} else {
		b.np("To %s the scheme has saved %s against %s budgeted to date: %s %s, %s.", m.AsAt.Long(),
			pounds(s.ActualToDate), pounds(s.BudgetToDate), pounds(s.VarianceToDate), moreLess(s.VarianceToDate),
			s.Line.Favour(s.VarianceToDate))
	}
	f := b.line(carecast.LineClosingFund)
	b.np("The pooled fund held %s on %s (%s budgeted) and is forecast to hold %s on %s, against a budget of %s.",
		signed(f.ActualToDate), m.AsAt.Long(), signed(f.BudgetToDate), signed(f.Outturn), m.Year.End().Long(), signed(f.Budget))
	var red, amber []string
	for _, l := range carecast.MonitorLines() {
		switch v := b.line(l); v.RAG {
		case carecast.RAGRed:
			red = append(red, lowerName(l))
		case carecast.RAGAmber:
			amber = append(amber, lowerName(l))
		}
	}
	switch {
	case len(red)+len(amber) == 0:
		b.np("Every line of the consortium's budget is within %s of its budget (green).", carecast.Percent(m.Thresholds.Amber, 0))
	default:
		parts := []string{}
		if len(red) > 0 {
			parts = append(parts, "red: "+join(red))
		}
		if len(amber) > 0 {
			parts = append(parts, "amber: "+join(amber))
		}
		b.np("Lines of the consortium's budget off by at least %s of their budget, %s. Section 4 explains the main variances; section 5 asks for the actions.",
			carecast.Percent(m.Thresholds.Amber, 0), strings.Join(parts, "; "))
	}
	t := reports.MonitoringLines(m, carecast.ScopeYear, -1, thousands)
	widths := []int{16, 9, 9, 9, 9, 9, 9, 10, 9, 11}
	if len(t.Columns) > len(widths) { // with the movement
		widths = []int{14, 8, 8, 8, 8, 8, 8, 9, 8, 11, 10}
	}
	b.table(t, "The consortium's budget for the year line by line: the budget, to date, the forecast outturn, the variances, their rating and whether each is favourable.", widths)
}

// signed is an amount in whole pounds, in brackets below zero.
func signed(x carecast.Money) string { return x.FormatPounds() }

// join lists words: "a", "a and b", "a, b and c".
func join(ws []string) string {
	switch len(ws) {
	case 0:
		return ""
	case 1:
		return ws[0]
	}
	return strings.Join(ws[:len(ws)-1], ", ") + " and " + ws[len(ws)-1]
}

// byCouncilColumns are the columns of the tables by council: the council,
// the budget, the outturn, the variance, its percentage, RAG and whether
// favourable.
var byCouncilColumns = []int{0, 1, 5, 6, 7, 8, 9}

func (b *builder) byCouncil() {
	m := b.m
	b.h1("Outturn against budget by council")
	var below []int
	for c := range m.Councils {
		if v := m.Find(carecast.ScopeYear, c, carecast.LineSavings); v.Variance.Sign() < 0 {
			below = append(below, c)
		}
	}
	if len(below) == 0 {
		b.np("No council's savings for %s are forecast below its budget.", m.Year)
	} else {
		sort.SliceStable(below, func(i, j int) bool {
			return m.Find(carecast.ScopeYear, below[i], carecast.LineSavings).Variance.Cmp(m.Find(carecast.ScopeYear, below[j], carecast.LineSavings).Variance) < 0
		})
		w := m.Find(carecast.ScopeYear, below[0], carecast.LineSavings)
		b.np("The savings of %d of the %d councils for %s are forecast below their budget; furthest below is %s's: %s against %s, %s.",
			len(below), len(m.Councils), m.Year, m.Councils[below[0]].Label(), pounds(w.Outturn), pounds(w.Budget), variancePhrase(w))
	}
	b.table(reports.MonitoringByCouncil(m, carecast.ScopeYear, carecast.LineSavings, thousands).Select(byCouncilColumns...),
		"Each council's savings for the year: budget, forecast outturn, variance, its rating and whether favourable; the consortium's the total.",
		[]int{26, 12, 12, 12, 10, 10, 18})
}

func (b *builder) fund() {
	m := b.m
	b.h1("The fund and each council's cash")
	p := m.Find(carecast.ScopeHorizon, -1, carecast.LinePledges)
	a := m.Find(carecast.ScopeHorizon, -1, carecast.LineAttributedCost)
	f := m.Find(carecast.ScopeHorizon, -1, carecast.LineClosingFund)
	b.np("From %s to %s the councils paid %s into the pooled fund and the cost attributed to them was %s, so that the fund held %s on %s (the budget had %s). Each council's position below is its share of that balance.",
		m.Start.Long(), m.AsAt.Long(), pounds(p.ActualToDate), pounds(a.ActualToDate), signed(f.ActualToDate), m.AsAt.Long(), signed(f.BudgetToDate))
	owe := 0
	for c := range m.Councils {
		if m.Find(carecast.ScopeHorizon, c, carecast.LineClosingFund).ActualToDate.Sign() < 0 {
			owe++
		}
	}
	if owe > 0 {
		b.np("%d of the councils have been attributed more cost than they have paid in: their position is negative, and they owe the fund the difference.", owe)
	}
	b.table(reports.MonitoringCash(m, thousands),
		"For each council: what it has paid into the fund since the scheme began, less the cost attributed to it, its position in the fund, the budget's position and the difference; the consortium's the total.", nil)
}

// explained sets out the main variances in sentences.
func (b *builder) explained() {
	m := b.m
	b.h1("Main variances explained")
	var main []*carecast.Variance
	for _, l := range carecast.MonitorLines() {
		switch l {
		case carecast.LineSavings, carecast.LineAttributedCost, carecast.LineClosingFund, carecast.LineVoidCost:
			continue // these follow from the others (the void cost is a part of the block cost)
		}
		if v := b.line(l); !v.Variance.IsZero() || !v.VarianceToDate.IsZero() {
			main = append(main, v)
		}
	}
	sort.SliceStable(main, func(i, j int) bool {
		return biggest(main[i]).Cmp(biggest(main[j])) > 0
	})
	if len(main) == 0 {
		b.np("Every line is as budgeted for %s, to date and in the forecast outturn.", m.Year)
	}
	spot := m.Explained[0]
	for _, v := range main[:min(len(main), mainVariances)] {
		b.np("%s", b.sentence(v))
		if v.Line == carecast.LineSpotAvoided && !spot.Variance().IsZero() {
			b.np("%s", spotSentence(m, spot))
			spot = carecast.SpotExplained{}
		}
	}
	if !spot.Variance().IsZero() {
		b.np("%s", spotSentence(m, spot))
	}
	s := b.line(carecast.LineSavings)
	if !s.Variance.IsZero() {
		b.np("Together these leave the consortium's savings for %s %s %s than budgeted (%s). The cost attributed to the councils is %s, %s %s than budgeted.",
			m.Year, pounds(s.Variance), moreLess(s.Variance), s.Favour(), pounds(b.line(carecast.LineAttributedCost).Outturn),
			pounds(b.line(carecast.LineAttributedCost).Variance), moreLess(b.line(carecast.LineAttributedCost).Variance))
	}
	if !m.PreviousAsAt.IsZero() && s.HasMovement {
		if s.Movement.IsZero() {
			b.np("Since the report as at %s the forecast outturn of savings has not moved.", m.PreviousAsAt.Long())
		} else {
			dir := "up"
			if s.Movement.Sign() < 0 {
				dir = "down"
			}
			b.np("Since the report as at %s the forecast outturn of savings has moved %s by %s.", m.PreviousAsAt.Long(), dir, pounds(s.Movement))
		}
	}
}

// biggest is the larger of a line's variance and its variance to date,
// in size.
func biggest(v *carecast.Variance) decimal.Decimal {
	a, d := v.Variance.Decimal().Abs(), v.VarianceToDate.Decimal().Abs()
	if d.GreaterThan(a) {
		return d
	}
	return a
}

// sentence explains a line's variance: the outturn against the budget,
// how much of it has arisen to date and how much is forecast.
func (b *builder) sentence(v *carecast.Variance) string {
	m := b.m
	name := v.Line.Label()
	text := fmt.Sprintf("%s: forecast outturn %s against a budget of %s, %s.", name, pounds(v.Outturn), pounds(v.Budget), variancePhrase(v))
	switch rest := v.Variance.Sub(v.VarianceToDate); {
	case v.VarianceToDate.IsZero():
		text += fmt.Sprintf(" None of it has arisen by %s: it is all in the forecast for the rest of the year.", m.AsAt.Long())
	case rest.IsZero():
		text += fmt.Sprintf(" All of it arose by %s (%s %s); the forecast for the rest of the year is as budgeted.", m.AsAt.Long(), pounds(v.VarianceToDate), moreLess(v.VarianceToDate))
	default:
		text += fmt.Sprintf(" Of this, %s %s arose by %s and %s %s is forecast for the rest of the year.",
			pounds(v.VarianceToDate), moreLess(v.VarianceToDate), m.AsAt.Long(), pounds(rest), moreLess(rest))
	}
	return text
}

// spotSentence explains the spot purchasing avoided to date as volume and
// price.
func spotSentence(m *carecast.Monitoring, e carecast.SpotExplained) string {
	days := e.ActualDays.Sub(e.BudgetDays)
	dayWord := "more"
	if days.Sign() < 0 {
		dayWord = "fewer"
	}
	text := fmt.Sprintf("Spot purchasing avoided in %s to %s is %s, %s %s than budgeted. Children occupied %s room-days against %s budgeted, %s %s",
		m.Year, m.AsAt.Long(), pounds(e.ActualSpot), pounds(e.Variance()), moreLess(e.Variance()),
		carecast.GroupThousands(carecast.RoundHalfAway(e.ActualDays, 2).StringFixed(2)),
		carecast.GroupThousands(carecast.RoundHalfAway(e.BudgetDays, 2).StringFixed(2)),
		carecast.GroupThousands(carecast.RoundHalfAway(days.Abs(), 2).StringFixed(2)), dayWord)
	text += fmt.Sprintf(": at the budget's price a room-day that is %s %s (volume)", pounds(e.Volume), moreLess(e.Volume))
	if e.Price.Decimal().Abs().LessThan(decimal.NewFromInt(1)) {
		// A price effect under a pound is the rounding of the councils'
		// volumes to pence.
		return text + "; the price a room-day was as budgeted."
	}
	return text + fmt.Sprintf(", and the price a room-day of the councils whose children used the rooms accounts for %s %s (price).", pounds(e.Price), moreLess(e.Price))
}

func (b *builder) actions() {
	m := b.m
	b.h1("Actions")
	var lines []string
	for _, l := range carecast.MonitorLines() {
		if v := b.line(l); v.RAG == carecast.RAGRed || v.RAG == carecast.RAGAmber {
			lines = append(lines, fmt.Sprintf("%s (%s)", lowerName(l), strings.ToLower(v.RAG.Word())))
		}
	}
	if len(lines) > 0 {
		b.np("The board is asked to agree an action for each line rated red or amber: %s.", join(lines))
	} else {
		b.np("No line is rated red or amber; the board is asked to note the report.")
	}
	b.add(paper.Para{Text: "[Author to complete: the actions the board is asked to agree, each with who will take it and by when, and what was done since " + previous(m) + ".]", Prompt: true})
}

// previous names the previous report by its date, or says it is not known.
func previous(m *carecast.Monitoring) string {
	if m.PreviousAsAt.IsZero() {
		return "the last report"
	}
	return "the report as at " + m.PreviousAsAt.Long()
}

// about says how the figures were made and what made them.
func (b *builder) about(prov carecast.Provenance) {
	m := b.m
	b.h1("About these figures")
	budget := "the plan: the input forecast without its Actuals rows"
	if m.BudgetSource != "plan" {
		budget = "the budget frozen in " + m.BudgetSource
	}
	b.np("Budget: %s. Forecast outturn: the actual figures to %s and the forecast to the end of the year (%d of the scheme's %d months to date are actual). RAG: %s. Amounts in tables are in thousands of pounds, rounded so that they add up as shown; sentences give whole pounds. Every figure is worked out by carecast as docs/methodology.md sets out.",
		budget, m.AsAt.Long(), m.ActualMonths(), len(m.Outturn.Months), m.Thresholds)
	var files []string
	for _, d := range prov.Digests {
		files = append(files, d.Name+" "+d.SHA256[:min(len(d.SHA256), shortDigest)])
	}
	text := fmt.Sprintf("Made by %s from %s", prov.Version, prov.InputLabel())
	if len(files) > 0 {
		text += "; the files read, each with the start of its SHA-256 (monitoring.xlsx's About sheet has them whole): " + strings.Join(files, ", ")
	}
	b.note(text + ".")
}
