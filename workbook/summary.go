package workbook

import (
	"github.com/carecast/carecast"
	"github.com/carecast/carecast/reports"
	"github.com/xuri/excelize/v2"
)

// The Summary sheet, the outputs a finance officer reads first: the title
// and period, the master check, the sign convention and the styles' key;
// the headline figures; the appraisal's block when there is one; the
// figures by financial year; by council; and each council's savings by
// financial year. Every figure is a link to the sheet that works it out.
// Its rows are planned (planSummary) before any sheet is written: the
// Checks, Council, Options and Bed trading sheets refer to them.

// The Summary's columns: A label, B unit, C whole horizon, D.. financial
// years; the council tables use A code, B name and C.. figures.
const (
	sumColValue = 3
	sumColNPV   = 9 // I: the councils' NPVs
)

// summaryLine is one line of the Summary's figure blocks: a label, a unit
// and the whole horizon's figure (a formula and its value), at its row.
type summaryLine struct {
	row         int
	label, unit string
	nf          numFmt
	role        role
	formula     string
	value       any    // float64, or a string
	link        string // a sheet the figure links to (a hyperlink)
}

// summaryYearLine is a line of the by-financial-year block: a figure of
// a timeline sheet, the horizon and each year.
type summaryYearLine struct {
	label, unit string
	on          *timelineSheet
	t           *lineItem
	nf          numFmt
}

// summaryCouncilColumn is a column of the by-council block: a block of
// timeline rows (one a council), or carecast's NPV (rows nil).
type summaryCouncilColumn struct {
	head string
	on   *timelineSheet
	rows []*lineItem
	nf   numFmt
}

// summaryLayout is where the Summary's rows stand.
type summaryLayout struct {
	headline  int           // the headline block's section row
	lines     []summaryLine // its figures
	appraisal int           // the appraisal block's section row; 0: none
	appLines  []summaryLine
	byYear    int // the by-year block's section row
	years     []summaryYearLine
	byCouncil int // the by-council block's section row
	columns   []summaryCouncilColumn
	// The councils' rows of the by-council block (last < first when there
	// are none), and the consortium's.
	councilFirst, councilLast, councilTotal int
	savings                                 int // the savings by council and year block's section row
	// rowOf is the headline row of a timeline figure; colOf the by-council
	// column of a block of council rows, by its first row.
	rowOf map[*lineItem]int
	colOf map[*lineItem]int
}

// planSummary places the Summary's blocks: the title's five rows, then
// each block after a blank row.
func (b *book) planSummary() {
	l := &b.plan.summary
	l.rowOf, l.colOf = map[*lineItem]int{}, map[*lineItem]int{}
	l.headline = 7
	l.lines = b.headlineLines(l.headline + 2)
	next := l.headline + 2 + len(l.lines) + 1
	if b.ap != nil {
		l.appraisal = next
		l.appLines = b.appraisalLines(next + 2)
		next += 2 + len(l.appLines) + 1
	}
	l.byYear = next
	l.years = b.yearLines()
	next += 2 + len(l.years) + 1
	l.byCouncil = next
	l.columns = b.councilColumns()
	l.councilFirst = next + 2
	l.councilLast = l.councilFirst + b.nC - 1
	l.councilTotal = l.councilLast + 1
	for i, c := range l.columns {
		if len(c.rows) > 0 {
			l.colOf[c.rows[0]] = sumColValue + i
		}
	}
	next = l.councilLast + 1
	if b.nC > 0 {
		next++
	}
	l.savings = next + 1
}

// headlineLines are the headline figures over the whole horizon from row
// first: each a link to its timeline row, the NPV after optimism bias
// (carecast's) beside the NPV, the break-even occupancy worked out from
// them, and the overflow when there is one.
func (b *book) headlineLines(first int) []summaryLine {
	res, tr, fr, fund := b.res, &b.plan.lines, &b.plan.fundLines, b.plan.fund
	l := &b.plan.summary
	var out []summaryLine
	add := func(s summaryLine) {
		s.row = first + len(out)
		out = append(out, s)
	}
	// The figures by financial year, over the whole horizon, with the
	// fund after settlement after the closing balance.
	var figures []summaryYearLine
	for _, y := range b.yearLines() {
		figures = append(figures, y)
		if y.t == fr.close {
			figures = append(figures, summaryYearLine{"Fund after settlement", "£", fund, fr.afterSettle, fmtMoney})
		}
	}
	for _, h := range figures {
		if h.t == nil {
			continue
		}
		l.rowOf[h.t] = first + len(out)
		add(summaryLine{label: h.label, unit: h.unit, nf: h.nf, role: roleCalc, formula: b.atOn(h.on, h.t, 0), value: h.t.val(0)})
		if h.t == tr.pvCons {
			// Optimism bias uplifts the costs in the appraisal only
			// (docs/methodology.md §9): carecast's figure, beside the NPV.
			add(summaryLine{label: carecast.LabelNPVAfterOptimismBias + " (" + carecast.Percent(res.Scenario.Assumptions.OptimismBias, carecast.RatePlaces) + " on costs)",
				unit: "£", nf: fmtMoney, role: roleImport, value: penceCell(res.NPVAfterOptimismBias.PenceInt())})
		}
	}
	// Break-even occupancy: lambda* (attributed cost over spot purchasing
	// avoided) times the occupancy rate; not defined when nothing is
	// avoided. Its value is carecast's.
	at := func(t *lineItem) string { return cell(sumColValue, l.rowOf[t]).String() }
	be := summaryLine{label: carecast.LabelBreakEven, unit: "%", nf: fmtRate, role: roleCalc,
		formula: fn("IFERROR", at(tr.attrCons)+"/"+at(tr.avoidedCons)+"*"+at(tr.occRate), `"not defined"`), value: "not defined"}
	if res.BreakEvenDefined {
		be.value = decFloat(res.BreakEvenOccupancy)
	}
	add(be)
	if b.hasOverflow() {
		ov, t := &b.plan.overflow, res.Total
		add(summaryLine{label: carecast.LabelOverflow + ", not in the savings", unit: "room-days", nf: fmtRoomDays, role: roleCalc,
			formula: cell(sumColValue, ov.cons[0]).on(sheetOverflow).String(), value: decFloat(t.OverflowRoomDays)})
		add(summaryLine{label: carecast.LabelOverflowCost + ", not in the savings", unit: "£", nf: fmtMoney, role: roleCalc,
			formula: cell(sumColValue, ov.cons[1]).on(sheetOverflow).String(), value: penceCell(t.OverflowCost.PenceInt())})
	}
	return out
}

// yearLines are the consortium's figures by financial year.
func (b *book) yearLines() []summaryYearLine {
	tr, fr, tl, fund := &b.plan.lines, &b.plan.fundLines, b.plan.tl, b.plan.fund
	return []summaryYearLine{
		{carecast.LabelPledges, "£", fund, fr.pledgeCons, fmtMoney},
		{carecast.LabelGrants, "£", tl, tr.grants, fmtMoney},
		{carecast.LabelRunningCosts, "£", tl, tr.running, fmtMoney},
		{carecast.LabelBlockCost, "£", tl, tr.blockCost, fmtMoney},
		{carecast.LabelVoidCost, "£", tl, tr.void, fmtMoney},
		{carecast.LabelSpotAvoided, "£", tl, tr.avoidedCons, fmtMoney},
		{carecast.LabelAttributedCost, "£", tl, tr.attrCons, fmtMoney},
		{carecast.LabelSavings, "£", tl, tr.savCons, fmtMoney},
		{carecast.LabelNPV, "£", tl, tr.pvCons, fmtMoney},
		{carecast.LabelClosingFund, "£", fund, fr.close, fmtMoney},
		{carecast.LabelCapacity, "room-days", tl, tr.capacity, fmtRoomDays},
		{carecast.LabelOccupied, "room-days", tl, tr.occCons, fmtRoomDays},
		{carecast.LabelOccupancy, "%", tl, tr.occRate, fmtRate},
	}
}

// councilColumns are the by-council block's figures, the heading of a
// money column giving its unit.
func (b *book) councilColumns() []summaryCouncilColumn {
	tr, fr, tl, fund := &b.plan.lines, &b.plan.fundLines, b.plan.tl, b.plan.fund
	return []summaryCouncilColumn{
		{carecast.LabelPledges + " (£)", fund, fr.pledges, fmtMoney},
		{carecast.LabelUsedBlock + " (£)", tl, tr.used, fmtMoney},
		{carecast.LabelSharedCost + " (£)", tl, tr.alloc, fmtMoney},
		{carecast.LabelAttributedCost + " (£)", tl, tr.attr, fmtMoney},
		{carecast.LabelSpotAvoided + " (£)", tl, tr.avoided, fmtMoney},
		{carecast.LabelSavings + " (£)", tl, tr.sav, fmtMoney},
		// The consortium's NPV shared to the penny (largest remainder), as
		// the terminal and JSON give it; the Timeline's present values of
		// each council's savings agree within the Checks' tolerance.
		{carecast.LabelNPV + " (£)", nil, nil, fmtMoney},
		{carecast.LabelSettlement + " (£)", fund, fr.settle, fmtMoney},
		{carecast.LabelOccupied, tl, tr.occ, fmtRoomDays},
	}
}

// writeSummary writes the Summary sheet at the rows planSummary placed.
func (b *book) writeSummary() error {
	sw, err := b.newStream(sheetSummary, 16, map[int]float64{1: 44, 2: 24, 3: 18})
	if err != nil {
		return err
	}
	l := &b.plan.summary
	rw := b.rowWriter(sw, max(3+b.nY, 13))
	// Each part is a block that printing keeps on one page.
	b.summaryTitle(rw)
	rw.blocks = append(rw.blocks, [2]int{1, l.headline - 1})
	next := l.byYear
	if l.appraisal > 0 {
		next = l.appraisal
	}
	b.summaryLines(rw, l.headline, "Headline figures, whole horizon", l.lines)
	rw.blocks = append(rw.blocks, [2]int{l.headline, next - 1})
	if l.appraisal > 0 {
		b.summaryLines(rw, l.appraisal, "Appraisal under uncertainty, whole horizon (HM Treasury Green Book)", l.appLines)
		rw.blocks = append(rw.blocks, [2]int{l.appraisal, l.byYear - 1})
	}
	b.summaryByYear(rw)
	rw.blocks = append(rw.blocks, [2]int{l.byYear, l.byCouncil - 1})
	b.summaryByCouncil(rw)
	rw.blocks = append(rw.blocks, [2]int{l.byCouncil, l.savings - 1})
	b.summarySavingsByCouncilYear(rw)
	rw.blocks = append(rw.blocks, [2]int{l.savings, l.savings + 1 + b.nC + min(b.nC, 1)})
	return rw.close()
}

// summaryTitle writes the Summary's first rows: title, period, master
// check, sign convention and the styles' key.
func (b *book) summaryTitle(rw *rowWriter) {
	res, a := b.res, b.res.Scenario.Assumptions
	rw.text(1, "Forecast: "+a.Scenario, roleTitle)
	rw.endAt(1)
	rw.text(1, "From "+res.Start.UK()+" to "+res.End.UK()+": "+itoa(a.Years)+" years, "+itoa(b.nM)+
		" months, financial years "+res.Years[0].FY.String()+" to "+res.Years[b.nY-1].FY.String()+".", roleText)
	rw.endAt(2)
	rw.text(1, "Master check", roleHeading)
	const ok, failed = "OK: every check holds", "CHECK FAILED: see the Checks sheet"
	msg := ok
	if !b.checksHold() {
		msg = failed
	}
	rw.any(2, b.st.id(roleWarn, fmtGeneral), fn("IF", cell(3, checksMasterRow).abs().on(sheetChecks), `"`+ok+`"`, `"`+failed+`"`), msg)
	rw.endAt(3)
	rw.text(1, "Sign convention: money is positive in the direction its label says (paid in, paid, avoided, saved); "+
		"savings are spot purchasing avoided less attributed cost; a council's position or settlement is positive when the pool owes or pays the council.", roleText)
	rw.endAt(4)
	rw.row = 5
	b.writeLegend(rw)
}

// summaryLines writes a block of figures: its section heading at row r,
// its column headings, then its lines at their rows.
func (b *book) summaryLines(rw *rowWriter, r int, section string, lines []summaryLine) {
	st := b.st
	rw.text(1, section, roleSection)
	rw.endAt(r)
	for i, h := range []string{carecast.LabelFigure, carecast.LabelUnit, carecast.LabelValue} {
		rw.text(i+1, h, roleHeading)
	}
	rw.endAt(r + 1)
	for _, s := range lines {
		rw.text(1, s.label, roleText)
		rw.text(2, s.unit, roleText)
		rw.any(sumColValue, st.id(s.role, s.nf), s.formula, s.value)
		if s.link != "" {
			text, tip := s.value.(string), "Go to the "+s.link+" sheet"
			if err := b.f.SetCellHyperLink(sheetSummary, cell(sumColValue, s.row).String(), sheetRef(s.link)+"A1", "Location",
				excelize.HyperlinkOpts{Display: &text, Tooltip: &tip}); err != nil && rw.err == nil {
				rw.err = err
			}
		}
		rw.endAt(s.row)
	}
}

// summaryYearHeadings writes the headings of a table by financial year
// at row r: first and second, then "Whole horizon" and each financial year.
func (b *book) summaryYearHeadings(rw *rowWriter, r int, first, second string) {
	rw.text(1, first, roleHeading)
	rw.text(2, second, roleHeading)
	rw.text(sumColValue, carecast.LabelWholeHorizon, roleHeading)
	for y, yr := range b.res.Years {
		rw.text(sumColValue+1+y, yr.FY.String(), roleHeading)
	}
	rw.endAt(r)
}

// summaryByYear writes the consortium's figures by financial year.
func (b *book) summaryByYear(rw *rowWriter) {
	l, st := &b.plan.summary, b.st
	rw.text(1, "By financial year", roleSection)
	rw.endAt(l.byYear)
	b.summaryYearHeadings(rw, l.byYear+1, carecast.LabelFigure, carecast.LabelUnit)
	for i, y := range l.years {
		rw.text(1, y.label, roleText)
		rw.text(2, y.unit, roleText)
		for tc := 0; tc <= b.nY; tc++ {
			rw.cell(sumColValue+tc, st.id(roleCalc, y.nf), b.atOn(y.on, y.t, tc), y.t.val(tc))
		}
		rw.endAt(l.byYear + 2 + i)
	}
}

// summaryByCouncil writes each council's figures over the whole horizon,
// and the consortium's as their sums. The councils' NPVs are carecast's
// (the report's by-council table).
func (b *book) summaryByCouncil(rw *rowWriter) {
	l, res, st := &b.plan.summary, b.res, b.st
	npv := reports.ByCouncil(res, reports.Options{Exact: true})
	rw.text(1, "By council, whole horizon", roleSection)
	rw.endAt(l.byCouncil)
	rw.text(1, carecast.LabelCode, roleHeading)
	rw.text(2, carecast.LabelName, roleHeading)
	for i, c := range l.columns {
		rw.text(sumColValue+i, c.head, roleHeading)
	}
	// "Spot purchasing avoided (£)" wraps to three lines in bold: give the
	// row their height.
	rw.endAt(l.byCouncil+1, excelize.RowOpts{Height: 45})
	for c, cr := range res.Councils {
		rw.text(1, cr.Council.Code, roleText)
		rw.text(2, cr.Council.Name, roleText)
		for i, col := range l.columns {
			if col.rows == nil {
				rw.cell(sumColValue+i, st.id(roleImport, fmtMoney), "", cellValue(npv.Rows[c][7]))
				continue
			}
			rw.cell(sumColValue+i, st.id(roleCalc, col.nf), b.atOn(col.on, col.rows[c], 0), col.rows[c].val(0))
		}
		rw.endAt(l.councilFirst + c)
	}
	if b.nC == 0 {
		return
	}
	rw.text(1, carecast.LabelConsortium, roleHeading)
	for i, col := range l.columns {
		var v float64
		switch {
		case col.rows == nil:
			v = cellValue(npv.Totals[0][7]) // the councils' NPVs sum to it exactly
		case col.rows[0].p != nil:
			v = penceCell(sumP(col.rows, 0))
		default:
			for _, t := range col.rows {
				v += t.val(0)
			}
		}
		rw.cell(sumColValue+i, st.id(roleCalc, col.nf), fn("SUM", column(sumColValue+i, l.councilFirst, l.councilLast)), v)
	}
	rw.endAt(l.councilTotal)
}

// summarySavingsByCouncilYear writes each council's savings by financial
// year.
func (b *book) summarySavingsByCouncilYear(rw *rowWriter) {
	l, tr, tl, st := &b.plan.summary, &b.plan.lines, b.plan.tl, b.st
	rw.text(1, carecast.LabelSavings+" by council and financial year (£)", roleSection)
	rw.endAt(l.savings)
	b.summaryYearHeadings(rw, l.savings+1, carecast.LabelCode, carecast.LabelName)
	first := l.savings + 2
	for c, cr := range b.res.Councils {
		rw.text(1, cr.Council.Code, roleText)
		rw.text(2, cr.Council.Name, roleText)
		for tc := 0; tc <= b.nY; tc++ {
			rw.cell(sumColValue+tc, st.id(roleCalc, fmtMoney), b.atOn(tl, tr.sav[c], tc), tr.sav[c].val(tc))
		}
		rw.endAt(first + c)
	}
	if b.nC > 0 {
		rw.text(1, carecast.LabelConsortium, roleHeading)
		for tc := 0; tc <= b.nY; tc++ {
			rw.cell(sumColValue+tc, st.id(roleCalc, fmtMoney), fn("SUM", column(sumColValue+tc, first, first+b.nC-1)), penceCell(sumP(tr.sav, tc)))
		}
		rw.endAt(first + b.nC)
	}
}

// appraisalLines are the Summary's lines on the appraisal from row first:
// the spread of the savings and the probability of a loss, the factor with
// the largest swing, and links to both sheets.
func (b *book) appraisalLines(first int) []summaryLine {
	var out []summaryLine
	add := func(s summaryLine) {
		s.row = first + len(out)
		out = append(out, s)
	}
	if b.hasSimulation() {
		sim := b.ap.Simulation
		for _, l := range []struct {
			label, unit string
			at          ref
			nf          numFmt
			v           float64
		}{
			{"Savings, P10 (nine runs in ten do better)", "£", cell(3, riskSav), fmtMoney, penceCell(sim.Savings.P10.PenceInt())},
			{"Savings, P50 (the median run)", "£", cell(4, riskSav), fmtMoney, penceCell(sim.Savings.P50.PenceInt())},
			{"Savings, P90 (one run in ten does better)", "£", cell(5, riskSav), fmtMoney, penceCell(sim.Savings.P90.PenceInt())},
			{"Probability that savings are negative", "%", cell(3, riskProb), fmtRate, float64(sim.Losses) / float64(max(sim.Runs, 1))},
			{"Monte Carlo runs", "runs", cell(3, riskRuns), fmtInt, float64(sim.Runs)},
		} {
			add(summaryLine{label: l.label, unit: l.unit, nf: l.nf, role: roleCalc, formula: l.at.on(sheetRisk).String(), value: l.v})
		}
	}
	if b.hasSensitivity() && len(b.ap.Sensitivity.Factors) > 0 {
		top := b.ap.Sensitivity.Factors[0]
		first := b.plan.sens.first
		add(summaryLine{label: "Factor with the largest swing in savings", nf: fmtGeneral, role: roleCalc,
			formula: cell(1, first).on(sheetSensitivity).String(), value: factorName(top.Factor)})
		add(summaryLine{label: "Its swing, from its low to its high", unit: "£", nf: fmtMoney, role: roleCalc,
			formula: cell(sensColSwing, first).on(sheetSensitivity).String(),
			value:   penceCell(abs64(top.AtHigh.Savings.PenceInt() - top.AtLow.Savings.PenceInt()))})
	}
	link := func(label, sheet, text string) {
		add(summaryLine{label: label, nf: fmtGeneral, role: roleLink, value: text, link: sheet})
	}
	if b.hasSensitivity() {
		link("Each factor at its low and high, switching values, a tornado", sheetSensitivity, "Sensitivity sheet")
	}
	if b.hasSimulation() {
		link("Percentiles by council, the fan of cumulative savings, the histogram", sheetRisk, "Risk sheet")
	}
	return out
}

// summaryCouncils is the councils' rows of column col of the Summary's
// by-council block: Summary!I12:I19.
func (b *book) summaryCouncils(col int) ref {
	l := &b.plan.summary
	return column(col, l.councilFirst, l.councilLast).on(sheetSummary)
}

// summaryFigure is the headline cell of a timeline figure: Summary!C16.
func (b *book) summaryFigure(t *lineItem) ref {
	return cell(sumColValue, b.plan.summary.rowOf[t]).on(sheetSummary)
}
