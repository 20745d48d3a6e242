package workbook

import (
	"fmt"
	"io"
	"math"
	"sort"

	"github.com/carecast/carecast"
	"github.com/xuri/excelize/v2"
)

// The monitoring workbook (monitoring.xlsx, docs/methodology.md §18): a
// monitoring report with live formulas, laid out as the forecast workbook
// is. The Monitoring sheet holds every line, each figure a formula over
// the Figures sheet, where the budget and the forecast outturn stand month
// by month (carecast's figures) under a time axis whose flags (in the
// year, to date, the year's last month) are formulas of the as-at date and
// the year on the Monitoring sheet; the RAG thresholds are inputs there,
// so a finance officer may change them and see the ratings change. A
// Council view shows one council's lines (a drop-down), the Variance
// chart sheet charts the variances, Checks ties the figures together and
// About says what made the workbook. It prints as forecast.xlsx does.

// MonitoringFileName is the file name of the monitoring workbook.
const MonitoringFileName = "monitoring.xlsx"

// The monitoring workbook's sheets.
const (
	sheetMonitoring = "Monitoring"
	sheetMonCouncil = "Council"
	sheetMonChart   = "Variance chart"
	sheetMonChecks  = "Checks"
	sheetMonFigures = "Figures"
)

// The Monitoring sheet's fixed cells (column C of rows 5 to 11) and its
// columns.
const (
	monRowAsAt      = 5
	monRowYear      = 6
	monRowYearStart = 7
	monRowYearEnd   = 8
	monRowAmber     = 9
	monRowRed       = 10
	monRowMaster    = 11
	monFirstRow     = 13
)

// The Monitoring sheet's columns.
const (
	mcLine = iota + 1 // the line's label
	mcCouncil
	mcBudget
	mcBudgetToDate
	mcActualToDate
	mcVarianceToDate
	mcOutturn
	mcVariance
	mcPct
	mcRAG
	mcFavour
	mcDirection // +1: more is favourable; -1: less
	mcPrevious  // the previous report's outturn (with one)
	mcMovement
)

// The Figures sheet's rows of the time axis and its columns.
const (
	fgRowStart    = 4  // the month's first day
	fgRowEnd      = 5  // its last day
	fgRowKind     = 6  // "Actual" or "Forecast", in the outturn
	fgRowActual   = 7  // 1 in an actual month
	fgRowInYear   = 8  // 1 in the year monitored
	fgRowToDate   = 9  // 1 up to the as-at date
	fgRowYTD      = 10 // 1 in the year and to date
	fgRowYearLast = 11 // 1 in the year's last month
	fgRowEligible = 12 // 1 in the month before the year and the year's months to date
	fgRowYearBal  = 13 // 1 where the year's balance to date is read
	fgRowHorBal   = 14 // 1 where the horizon's balance to date is read
	fgFirstRow    = 16

	fgColSeries  = 1
	fgColCouncil = 2
	fgColLine    = 3
	fgColKey     = 4
	fgColOpening = 5 // the balance before the first month
	fgColM0      = 6 // the first month
)

// fgConsortium names the consortium's rows on the Figures sheet.
const fgConsortium = carecast.LabelConsortium

// occupiedKey is the key of the room-days occupied rows.
const occupiedKey = "occupied_room_days"

// mbook is the monitoring workbook being written.
type mbook struct {
	m     *carecast.Monitoring
	prov  carecast.Provenance
	f     *excelize.File
	st    *styles
	nM    int
	nC    int
	last  int // the last month's column on Figures
	prevs bool
	// The Figures rows: budget and outturn, of the consortium (index 0)
	// and each council (1 + c), of each line, and their room-days; the
	// councils summed, by line.
	rows     [2][][carecast.NumMonitorLines]int
	occ      [2][]int
	summed   [2][carecast.NumMonitorLines]int
	lastFig  int
	mon      monLayout
	checks   []check
	keyCol   int // the Monitoring sheet's column of line keys
	lastMCol int // its last printed column
}

// monLayout is where the Monitoring sheet's blocks stand.
type monLayout struct {
	// cons[s] is the first row of scope s's consortium lines; councils[s]
	// of its council lines, line by line (a block of nC rows a line).
	cons, councils [2]int
	// explained is the first council row of the spot purchasing avoided
	// explained; its total row follows the councils.
	explained int
	last      int
}

// RenderMonitoring writes the monitoring workbook of m to w; prov says
// what made it. The same report and provenance give the same bytes.
func RenderMonitoring(w io.Writer, m *carecast.Monitoring, prov carecast.Provenance) error {
	if m == nil || m.Outturn == nil || len(m.Outturn.Months) == 0 {
		return fmt.Errorf("workbook: the monitoring report is empty")
	}
	f := excelize.NewFile()
	defer f.Close()
	b := &mbook{m: m, prov: prov, f: f, st: newStyles(f), nM: len(m.Outturn.Months), nC: len(m.Councils), prevs: !m.PreviousAsAt.IsZero()}
	b.last = fgColM0 + b.nM - 1
	if b.last > excelize.MaxColumns {
		return fmt.Errorf("workbook: %d months do not fit in a sheet", b.nM)
	}
	b.keyCol, b.lastMCol = mcPrevious, mcDirection
	if b.prevs {
		b.keyCol, b.lastMCol = mcMovement+1, mcMovement
	}
	b.plan()
	order := []string{sheetMonitoring, sheetMonCouncil, sheetMonChart, sheetMonChecks, sheetMonFigures, sheetAbout}
	if err := f.SetSheetName("Sheet1", order[0]); err != nil {
		return err
	}
	for _, name := range order[1:] {
		if _, err := f.NewSheet(name); err != nil {
			return err
		}
	}
	for _, write := range []func() error{b.writeMonitoring, b.writeCouncil, b.writeChart, b.writeChecks, b.writeFigures, b.writeAbout} {
		if err := write(); err != nil {
			return fmt.Errorf("workbook: %w", err)
		}
	}
	if err := f.SetDocProps(docPropsFor("Monitoring: "+m.Scenario, "Joint commissioning of children's residential care: budget monitoring as at "+m.AsAt.Long(), prov, m.AsAt)); err != nil {
		return err
	}
	yes := true
	if err := f.SetCalcProps(&excelize.CalcPropsOptions{FullCalcOnLoad: &yes}); err != nil {
		return err
	}
	if ct := f.ContentTypes; ct != nil {
		sort.SliceStable(ct.Defaults, func(i, j int) bool { return ct.Defaults[i].Extension < ct.Defaults[j].Extension })
	}
	f.SetZipWriter(newSortedZip(w, "", nil))
	_, err := f.WriteToBuffer()
	return err
}

// plan places the Figures rows and the Monitoring sheet's blocks, and the
// checks.
func (b *mbook) plan() {
	r := fgFirstRow
	for s := range 2 {
		b.rows[s] = make([][carecast.NumMonitorLines]int, 1+b.nC)
		for e := 0; e <= b.nC; e++ {
			for _, l := range b.lines(e - 1) {
				b.rows[s][e][l] = r
				r++
			}
			b.occ[s] = append(b.occ[s], r)
			r++
		}
		if b.nC > 0 {
			for _, l := range carecast.CouncilMonitorLines() {
				b.summed[s][l] = r
				r++
			}
		}
		r++
	}
	b.lastFig = r - 2
	r = monFirstRow
	for s := range 2 {
		r++ // the heading
		r++ // the column headings
		b.mon.cons[s] = r
		r += int(carecast.NumMonitorLines) + 1
		r++
		r++
		b.mon.councils[s] = r
		r += len(carecast.CouncilMonitorLines())*b.nC + 1
	}
	r += 2
	b.mon.explained = r
	b.mon.last = r + b.nC
	b.checks = b.monitoringChecks()
}

// lines are the lines of council c (-1: the consortium).
func (b *mbook) lines(c int) []carecast.MonitorLine {
	if c < 0 {
		return carecast.MonitorLines()
	}
	return carecast.CouncilMonitorLines()
}

// monRow is the Monitoring sheet's row of a scope's line of council c.
func (b *mbook) monRow(scope carecast.Scope, c int, line carecast.MonitorLine) int {
	if c < 0 {
		return b.mon.cons[scope] + int(line)
	}
	return b.mon.councils[scope] + lineIndex(line)*b.nC + c
}

// lineIndex is a council line's place among CouncilMonitorLines.
func lineIndex(line carecast.MonitorLine) int {
	for i, l := range carecast.CouncilMonitorLines() {
		if l == line {
			return i
		}
	}
	return -1
}

// --- the Figures sheet ---------------------------------------------------

// months is a Figures row's months (absolute columns): F12:CW12.
func (b *mbook) months(r int) ref {
	return row(r, fgColM0, b.last).on(sheetMonFigures).fixCol()
}

// withOpening is a Figures row from its opening column.
func (b *mbook) withOpening(r int) ref {
	return row(r, fgColOpening, b.last).on(sheetMonFigures).fixCol()
}

// flags is a flag row of the Figures sheet, fixed: F$8:CW$8.
func (b *mbook) flags(r int, opening bool) ref {
	first := fgColM0
	if opening {
		first = fgColOpening
	}
	return row(r, first, b.last).on(sheetMonFigures).abs()
}

// monthFlags are the time axis's flags for month i (-1: the opening
// column): in the year, to date, both, the year's last month, eligible for
// the year's balance to date, and where the year's and the horizon's
// balances to date are read.
func (b *mbook) monthFlags(i int) [7]float64 {
	in := func(i int) bool {
		return i >= 0 && i < b.nM && b.m.Outturn.Months[i].Start.FinancialYear() == b.m.Year
	}
	toDate := func(i int) bool { return i < b.nM && (i < 0 || !b.m.Outturn.Months[i].End().After(b.m.AsAt)) }
	eligible := func(i int) bool { return in(i+1) && !in(i) || in(i) && toDate(i) }
	f := func(x bool) float64 {
		if x {
			return 1
		}
		return 0
	}
	return [7]float64{f(in(i)), f(toDate(i)), f(in(i) && toDate(i)), f(in(i) && !in(i+1)), f(eligible(i)),
		f(eligible(i) && !eligible(i+1)), f(toDate(i) && !toDate(i+1))}
}

func (b *mbook) writeFigures() error {
	f, st, m := b.f, b.st, b.m
	plan := printPlan{scale: minScale, titleCol: "C", titleRow: [2]int{fgRowStart, fgRowKind}}
	if err := setupPage(f, sheetMonFigures, plan, carecast.Printable(m.Scenario), b.prov); err != nil {
		return err
	}
	def := 13.0
	if err := f.SetSheetProps(sheetMonFigures, &excelize.SheetPropsOptions{DefaultColWidth: &def}); err != nil {
		return err
	}
	sw, err := f.NewStreamWriter(sheetMonFigures)
	if err != nil {
		return err
	}
	for _, w := range []struct {
		col   int
		width float64
	}{{fgColKey, 20}, {fgColLine, 30}, {fgColCouncil, 14}, {fgColSeries, 16}} {
		if err := sw.SetColWidth(w.col, w.col, w.width); err != nil {
			return err
		}
	}
	if err := sw.SetPanes(&excelize.Panes{Freeze: true, XSplit: fgColOpening, YSplit: fgRowKind,
		TopLeftCell: cell(fgColM0, fgRowKind+1).String(), ActivePane: "bottomRight"}); err != nil {
		return err
	}
	rw := newRowWriter(sw, st, b.last)
	b.figuresAxis(rw)
	rw.text(fgColSeries, "Series", roleHeading)
	rw.text(fgColCouncil, carecast.LabelCouncil, roleHeading)
	rw.text(fgColLine, carecast.LabelLine, roleHeading)
	rw.text(fgColKey, "Key", roleHeading)
	rw.text(fgColOpening, carecast.LabelOpening, roleHeading)
	rw.endAt(fgFirstRow - 1)
	for s, series := range []*carecast.MonitorSeries{m.Budget, m.Outturn} {
		b.figuresSeries(rw, s, series)
	}
	if err := rw.close(); err != nil {
		return err
	}
	return setPrintNames(f, sheetMonFigures, plan, b.last, b.lastFig)
}

// figuresAxis writes the Figures sheet's title, note, time axis and the
// flags of the months the Monitoring sheet sums.
func (b *mbook) figuresAxis(rw *rowWriter) {
	st, m := b.st, b.m
	rw.text(1, "Figures: the budget and the forecast outturn month by month", roleTitle)
	rw.endAt(1)
	rw.text(1, "carecast's figures (blue), in £ but for room-days; actual months are shaded and headed Actual. Rows 8 to 14 flag the months the Monitoring sheet sums, from its as-at date and year.", roleText)
	rw.endAt(2)
	date := st.id(roleAxis, fmtDate)
	flag := st.id(roleCalc, fmtInt)
	axis := func(r int, label string, v func(i int) (string, float64, bool)) {
		rw.text(fgColLine, label, roleAxis)
		for i := -1; i < b.nM; i++ {
			formula, x, ok := v(i)
			if ok {
				rw.cell(fgColM0+i, date, formula, x)
			}
		}
		rw.endAt(r)
	}
	axis(fgRowStart, "First day of the month", func(i int) (string, float64, bool) {
		if i < 0 {
			return "", 0, false
		}
		return "", excelDate(m.Outturn.Months[i].Start), true
	})
	axis(fgRowEnd, "Last day of the month", func(i int) (string, float64, bool) {
		if i < 0 {
			return "", 0, false
		}
		return "", excelDate(m.Outturn.Months[i].End()), true
	})
	rw.text(fgColLine, "Actual or forecast", roleAxis)
	rw.text(fgColOpening, carecast.LabelOpening, roleAxis)
	for i, mo := range m.Outturn.Months {
		kind := "Forecast"
		if mo.Actual {
			kind = "Actual"
		}
		rw.any(fgColM0+i, b.axisStyle(i), "", kind)
	}
	rw.endAt(fgRowKind)
	rw.text(fgColLine, "Actual month (1)", roleText)
	for i, mo := range m.Outturn.Months {
		x := 0.0
		if mo.Actual {
			x = 1
		}
		rw.cell(fgColM0+i, st.id(roleImport, fmtInt), "", x)
	}
	rw.endAt(fgRowActual)
	// The flags: one formula across each row, from the opening column.
	mref := func(r int) string { return cell(3, r).abs().on(sheetMonitoring).String() }
	for k, fl := range []struct {
		r       int
		label   string
		formula func(c int) string
	}{
		{fgRowInYear, "In the year monitored (1)", func(c int) string {
			s := cell(c, fgRowStart).fixRow().String()
			return "(" + s + ">=" + mref(monRowYearStart) + ")*(" + s + "<=" + mref(monRowYearEnd) + ")"
		}},
		{fgRowToDate, "To date (1)", func(c int) string { return "(" + cell(c, fgRowEnd).fixRow().String() + "<=" + mref(monRowAsAt) + ")*1" }},
		{fgRowYTD, "In the year, to date (1)", func(c int) string {
			return cell(c, fgRowInYear).fixRow().String() + "*" + cell(c, fgRowToDate).fixRow().String()
		}},
		{fgRowYearLast, "The year's last month (1)", func(c int) string {
			return cell(c, fgRowInYear).fixRow().String() + "*(1-" + cell(c+1, fgRowInYear).fixRow().String() + ")"
		}},
		{fgRowEligible, "Before the year, or in it to date (1)", func(c int) string {
			in, next := cell(c, fgRowInYear).fixRow().String(), cell(c+1, fgRowInYear).fixRow().String()
			return next + "*(1-" + in + ")+" + cell(c, fgRowYTD).fixRow().String()
		}},
		{fgRowYearBal, "The year's balance to date is read here (1)", func(c int) string {
			return cell(c, fgRowEligible).fixRow().String() + "*(1-" + cell(c+1, fgRowEligible).fixRow().String() + ")"
		}},
		{fgRowHorBal, "The horizon's balance to date is read here (1)", func(c int) string {
			return cell(c, fgRowToDate).fixRow().String() + "*(1-" + cell(c+1, fgRowToDate).fixRow().String() + ")"
		}},
	} {
		rw.text(fgColLine, fl.label, roleText)
		for i := -1; i < b.nM; i++ {
			rw.cell(fgColM0+i, flag, fl.formula(fgColM0+i), b.monthFlags(i)[k])
		}
		rw.endAt(fl.r)
	}
}

// figuresSeries writes series s (0 the budget, 1 the outturn) on the
// Figures sheet: each line of the consortium and of each council month by
// month, and the councils' lines summed.
func (b *mbook) figuresSeries(rw *rowWriter, s int, series *carecast.MonitorSeries) {
	st, m := b.st, b.m
	name := carecast.LabelBudget
	if s == 1 {
		name = carecast.LabelOutturn
	}
	for e := 0; e <= b.nC; e++ {
		c := e - 1
		who := fgConsortium
		if c >= 0 {
			who = m.Councils[c].Code
		}
		for _, l := range b.lines(c) {
			label := l.Label()
			if c >= 0 {
				label = l.CouncilLabel()
			}
			rw.text(fgColSeries, name, roleText)
			rw.text(fgColCouncil, who, roleText)
			rw.text(fgColLine, label, roleText)
			rw.text(fgColKey, l.Key(), roleText)
			if l.Balance() {
				rw.cell(fgColOpening, st.id(roleImport, fmtMoney), "", penceCell(series.Opening(c).PenceInt()))
			}
			for i := range series.Months {
				mo := &series.Months[i]
				rw.cell(fgColM0+i, b.figureStyle(s, i, fmtMoney), "", penceCell(mo.Figures(c)[l].PenceInt()))
			}
			rw.endAt(b.rows[s][e][l])
		}
		rw.text(fgColSeries, name, roleText)
		rw.text(fgColCouncil, who, roleText)
		rw.text(fgColLine, carecast.LabelOccupied, roleText)
		rw.text(fgColKey, occupiedKey, roleText)
		for i := range series.Months {
			mo := &series.Months[i]
			rw.cell(fgColM0+i, b.figureStyle(s, i, fmtRoomDays), "", decFloat(mo.OccupiedBy(c)))
		}
		rw.endAt(b.occ[s][e])
	}
	if b.nC == 0 {
		return
	}
	first, last := b.rows[s][1][carecast.LinePledges], b.occ[s][b.nC]
	for _, l := range carecast.CouncilMonitorLines() {
		r := b.summed[s][l]
		rw.text(fgColSeries, name, roleText)
		rw.text(fgColCouncil, carecast.LabelCouncilsSummed, roleText)
		rw.text(fgColLine, l.CouncilLabel(), roleText)
		rw.text(fgColKey, l.Key(), roleText)
		for i := -1; i < b.nM; i++ {
			if i < 0 && !l.Balance() {
				continue
			}
			col := fgColM0 + i
			var v int64
			if i < 0 {
				for c := range m.Councils {
					v += series.Opening(c).PenceInt()
				}
			} else {
				for c := range m.Councils {
					v += series.Months[i].Councils[c][l].PenceInt()
				}
			}
			rw.cell(col, st.id(roleCalc, fmtMoney), fn("SUMIFS", column(col, first, last).fixRow(), column(fgColKey, first, last).abs(), cell(fgColKey, r).fixCol()), penceCell(v))
		}
		rw.endAt(r)
	}
}

// axisStyle shades an actual month's heading.
func (b *mbook) axisStyle(i int) int {
	if b.m.Outturn.Months[i].Actual {
		return b.st.id(roleMark, fmtGeneral)
	}
	return b.st.id(roleAxis, fmtGeneral)
}

// figureStyle is the style of series s's figure in month i: an actual
// month of the outturn shaded.
func (b *mbook) figureStyle(s, i int, nf numFmt) int {
	if s == 1 && b.m.Outturn.Months[i].Actual {
		return b.st.id(roleMark, nf)
	}
	return b.st.id(roleImport, nf)
}

// --- the Monitoring sheet ------------------------------------------------

// monFormulas are the formulas of a line's budget, budget to date, actual
// to date and outturn, over its Figures rows.
func (b *mbook) monFormulas(scope carecast.Scope, c int, line carecast.MonitorLine) [4]string {
	e := c + 1
	br, or := b.rows[0][e][line], b.rows[1][e][line]
	sp := func(r int, flagRow int, opening bool) string {
		if opening {
			return fn("SUMPRODUCT", b.withOpening(r), b.flags(flagRow, true))
		}
		return fn("SUMPRODUCT", b.months(r), b.flags(flagRow, false))
	}
	switch {
	case line.Balance() && scope == carecast.ScopeYear:
		return [4]string{sp(br, fgRowYearLast, true), sp(br, fgRowYearBal, true), sp(or, fgRowYearBal, true), sp(or, fgRowYearLast, true)}
	case line.Balance():
		lastOf := func(r int) string { return cell(b.last, r).on(sheetMonFigures).abs().String() }
		return [4]string{lastOf(br), sp(br, fgRowHorBal, true), sp(or, fgRowHorBal, true), lastOf(or)}
	case scope == carecast.ScopeYear:
		return [4]string{sp(br, fgRowInYear, false), sp(br, fgRowYTD, false), sp(or, fgRowYTD, false), sp(or, fgRowInYear, false)}
	}
	return [4]string{fn("SUM", b.months(br)), sp(br, fgRowToDate, false), sp(or, fgRowToDate, false), fn("SUM", b.months(or))}
}

func (b *mbook) writeMonitoring() error {
	f, st, m := b.f, b.st, b.m
	widths := map[int]float64{mcLine: 30, mcCouncil: 22, mcPct: 10, mcRAG: 8, mcFavour: 14, mcDirection: 12}
	for c := mcBudget; c <= mcVariance; c++ {
		widths[c] = 15
	}
	if b.prevs {
		widths[mcPrevious], widths[mcMovement] = 15, 15
	}
	widths[b.keyCol] = 18
	plan := printPlan{fitWide: true, titleRow: [2]int{monFirstRow + 1, monFirstRow + 1}}
	if err := setupPage(f, sheetMonitoring, plan, carecast.Printable(m.Scenario), b.prov); err != nil {
		return err
	}
	def := 12.0
	if err := f.SetSheetProps(sheetMonitoring, &excelize.SheetPropsOptions{DefaultColWidth: &def}); err != nil {
		return err
	}
	sw, err := f.NewStreamWriter(sheetMonitoring)
	if err != nil {
		return err
	}
	for c := b.keyCol; c >= 1; c-- {
		if w, ok := widths[c]; ok {
			if err := sw.SetColWidth(c, c, w); err != nil {
				return err
			}
		}
	}
	if err := sw.SetPanes(&excelize.Panes{Freeze: true, XSplit: mcCouncil, YSplit: monRowMaster,
		TopLeftCell: cell(mcBudget, monRowMaster+1).String(), ActivePane: "bottomRight"}); err != nil {
		return err
	}
	rw := newRowWriter(sw, st, b.keyCol)
	b.monitoringHead(rw)

	heads := []string{carecast.LabelLine, carecast.LabelCouncil, carecast.LabelBudget + " (£)", carecast.LabelBudgetToDate + " (£)",
		carecast.LabelActualToDate + " (£)", carecast.LabelVarianceToDate + " (£)", carecast.LabelOutturn + " (£)",
		carecast.LabelVariance + " (£)", carecast.LabelVariancePct, carecast.LabelRAG, carecast.LabelFavour, "Favourable when the figure is"}
	if b.prevs {
		heads = append(heads, "Previous outturn (£), as at "+m.PreviousAsAt.UK(), carecast.LabelMovement+" (£)")
	}
	heads = append(heads, "Key")
	headings := func(r int) {
		for i, h := range heads {
			rw.text(1+i, h, roleHeading)
		}
		rw.endAt(r, tallRow)
	}
	for _, scope := range []carecast.Scope{carecast.ScopeYear, carecast.ScopeHorizon} {
		what := m.Year.String()
		if scope == carecast.ScopeHorizon {
			what = fmt.Sprintf("%s, %s to %s", carecast.LabelWholeHorizon, m.Start.FinancialYear(), m.End.FinancialYear())
		}
		rw.text(1, what+": the consortium", roleSection)
		rw.endAt(b.mon.cons[scope] - 2)
		headings(b.mon.cons[scope] - 1)
		for _, line := range carecast.MonitorLines() {
			b.lineRow(rw, scope, -1, line)
		}
		rw.text(1, what+": by council", roleSection)
		rw.endAt(b.mon.councils[scope] - 2)
		headings(b.mon.councils[scope] - 1)
		for _, line := range carecast.CouncilMonitorLines() {
			for c := range m.Councils {
				b.lineRow(rw, scope, c, line)
			}
		}
	}
	b.writeExplained(rw)
	if err := rw.close(); err != nil {
		return err
	}
	return setPrintNames(f, sheetMonitoring, plan, b.lastMCol, b.mon.last)
}

// monitoringHead writes the Monitoring sheet's title, notes, as-at date,
// year and RAG thresholds, and its master check.
func (b *mbook) monitoringHead(rw *rowWriter) {
	st, m := b.st, b.m
	rw.text(1, fmt.Sprintf("Budget monitoring as at %s: %s", m.AsAt.Long(), m.Year), roleTitle)
	rw.endAt(1)
	rw.text(1, "Scenario: "+carecast.Printable(m.Scenario), roleText)
	rw.endAt(2)
	budget := "the plan: the input forecast without its Actuals rows"
	if m.BudgetSource != "plan" {
		budget = "frozen in " + carecast.Printable(m.BudgetSource)
	}
	rw.text(1, carecast.LabelBudget+": "+budget+". Forecast outturn: the actual to date and the forecast to the end. Every figure is a formula over the Figures sheet; a variance is signed as its figure (more cost is positive), and the Favourable column says which way it reads. Change the thresholds in C9 and C10 to re-rate.", roleText)
	rw.endAt(3)
	fixed := []struct {
		r     int
		label string
		style int
		v     any
	}{
		{monRowAsAt, "As at (the last day of the last month to date)", st.id(roleImport, fmtDate), excelDate(m.AsAt)},
		{monRowYear, "Financial year monitored", st.id(roleImport, fmtGeneral), m.Year.String()},
		{monRowYearStart, "The year's first day", st.id(roleImport, fmtDate), excelDate(m.Year.Start())},
		{monRowYearEnd, "The year's last day", st.id(roleImport, fmtDate), excelDate(m.Year.End())},
		{monRowAmber, "RAG: amber from (a share of the budget)", st.id(roleInput, fmtRate), decFloat(m.Thresholds.Amber)},
		{monRowRed, "RAG: red above (a share of the budget)", st.id(roleInput, fmtRate), decFloat(m.Thresholds.Red)},
	}
	for _, x := range fixed {
		rw.text(1, x.label, roleText)
		rw.any(3, x.style, "", x.v)
		rw.endAt(x.r)
	}
	rw.text(1, "Master check: every check holds", roleHeading)
	rw.any(3, st.id(roleWarn, fmtGeneral), cell(3, checksMasterRow).on(sheetMonChecks).String(), b.checksHold())
	rw.endAt(monRowMaster)
}

// lineRow writes a line of the Monitoring sheet.
func (b *mbook) lineRow(rw *rowWriter, scope carecast.Scope, c int, line carecast.MonitorLine) {
	st, m := b.st, b.m
	v := m.Find(scope, c, line)
	r := b.monRow(scope, c, line)
	label := line.Label()
	who := carecast.LabelConsortium
	if c >= 0 {
		label, who = line.CouncilLabel(), m.Councils[c].Label()
	}
	rw.text(mcLine, label, roleText)
	rw.text(mcCouncil, who, roleText)
	money := st.id(roleCalc, fmtMoney)
	fs := b.monFormulas(scope, c, line)
	for k, x := range []carecast.Money{v.Budget, v.BudgetToDate, v.ActualToDate, v.Outturn} {
		col := []int{mcBudget, mcBudgetToDate, mcActualToDate, mcOutturn}[k]
		rw.cell(col, money, fs[k], penceCell(x.PenceInt()))
	}
	at := func(col int) string { return cell(col, r).String() }
	rw.cell(mcVarianceToDate, money, at(mcActualToDate)+"-"+at(mcBudgetToDate), penceCell(v.VarianceToDate.PenceInt()))
	rw.cell(mcVariance, money, at(mcOutturn)+"-"+at(mcBudget), penceCell(v.Variance.PenceInt()))
	budget := at(mcBudget)
	if v.PctDefined {
		rw.cell(mcPct, st.id(roleCalc, fmtRate), fn("IF", budget+"=0", `"-"`, at(mcVariance)+"/"+fn("ABS", budget)),
			penceCell(v.Variance.PenceInt())/math.Abs(penceCell(v.Budget.PenceInt())))
	} else {
		rw.any(mcPct, st.id(roleCalc, fmtRate), fn("IF", budget+"=0", `"-"`, at(mcVariance)+"/"+fn("ABS", budget)), "-")
	}
	amber, red := cell(3, monRowAmber).abs().String(), cell(3, monRowRed).abs().String()
	absV, absB := fn("ABS", at(mcVariance)), fn("ABS", budget)
	rw.any(mcRAG, st.id(roleCalc, fmtGeneral), fn("IF", budget+"=0", `"-"`,
		fn("CHOOSE", "1+("+absV+">="+amber+"*"+absB+")+("+absV+">"+red+"*"+absB+")", `"Green"`, `"Amber"`, `"Red"`)), v.RAG.Word())
	rw.any(mcFavour, st.id(roleCalc, fmtGeneral), fn("CHOOSE", "2+"+fn("SIGN", at(mcVariance))+"*"+at(mcDirection),
		`"adverse"`, `"on budget"`, `"favourable"`), v.Favour().String())
	dir := -1.0
	if line.MoreIsFavourable() {
		dir = 1
	}
	rw.cell(mcDirection, st.id(roleImport, fmtHigherLower), "", dir)
	if b.prevs {
		if v.HasMovement {
			rw.cell(mcPrevious, st.id(roleImport, fmtMoney), "", penceCell(v.Outturn.Sub(v.Movement).PenceInt()))
			rw.cell(mcMovement, money, fn("IF", fn("ISNUMBER", at(mcPrevious)), at(mcOutturn)+"-"+at(mcPrevious), `"-"`), penceCell(v.Movement.PenceInt()))
		} else {
			rw.any(mcMovement, money, fn("IF", fn("ISNUMBER", at(mcPrevious)), at(mcOutturn)+"-"+at(mcPrevious), `"-"`), "-")
		}
	}
	rw.text(b.keyCol, line.Key(), roleText)
	rw.endAt(r)
}

// The explained block's columns: room-days budgeted and actual, spot
// purchasing avoided budgeted and actual to date, the variance, its volume
// and its price.
const (
	exDaysB = mcBudget + iota
	exDaysA
	exSpotB
	exSpotA
	exVariance
	exVolume
	exPrice
)

// writeExplained writes the spot purchasing avoided to date explained: a
// row a council, each figure a formula over the Figures sheet, and the
// consortium's the councils' added up.
func (b *mbook) writeExplained(rw *rowWriter) {
	st, m := b.st, b.m
	first := b.mon.explained
	rw.text(1, fmt.Sprintf("%s to %s in %s, explained as volume and price", carecast.LabelSpotAvoided, m.AsAt.Long(), m.Year), roleSection)
	rw.endAt(first - 2)
	for i, h := range []string{carecast.LabelCouncil, carecast.LabelCode, carecast.LabelDaysBudgeted, carecast.LabelDaysActual,
		carecast.LabelBudgetToDate + " (£)", carecast.LabelActualToDate + " (£)", carecast.LabelVarianceToDate + " (£)",
		carecast.LabelVolume + " (£)", carecast.LabelPrice + " (£)"} {
		rw.text(1+i, h, roleHeading)
	}
	rw.endAt(first-1, tallRow)
	days, money := st.id(roleCalc, fmtRoomDays), st.id(roleCalc, fmtMoney)
	ytd := b.flags(fgRowYTD, false)
	for k, e := range m.Explained[1:] {
		r := first + k
		c := e.Council
		at := func(col int) string { return cell(col, r).String() }
		rw.text(mcLine, m.Councils[c].Label(), roleText)
		rw.text(mcCouncil, m.Councils[c].Code, roleText)
		rw.cell(exDaysB, days, fn("SUMPRODUCT", b.months(b.occ[0][c+1]), ytd), decFloat(e.BudgetDays))
		rw.cell(exDaysA, days, fn("SUMPRODUCT", b.months(b.occ[1][c+1]), ytd), decFloat(e.ActualDays))
		rw.cell(exSpotB, money, fn("SUMPRODUCT", b.months(b.rows[0][c+1][carecast.LineSpotAvoided]), ytd), penceCell(e.BudgetSpot.PenceInt()))
		rw.cell(exSpotA, money, fn("SUMPRODUCT", b.months(b.rows[1][c+1][carecast.LineSpotAvoided]), ytd), penceCell(e.ActualSpot.PenceInt()))
		rw.cell(exVariance, money, at(exSpotA)+"-"+at(exSpotB), penceCell(e.Variance().PenceInt()))
		rw.cell(exVolume, money, fn("IF", at(exDaysB)+"=0", at(exVariance),
			fn("ROUND", "("+at(exDaysA)+"-"+at(exDaysB)+")*"+at(exSpotB)+"/"+at(exDaysB), "2")), penceCell(e.Volume.PenceInt()))
		rw.cell(exPrice, money, at(exVariance)+"-"+at(exVolume), penceCell(e.Price.PenceInt()))
		rw.endAt(r)
	}
	r := first + b.nC
	rw.text(mcLine, carecast.LabelConsortium+" (the councils added up)", roleHeading)
	e := m.Explained[0]
	for k, x := range []float64{decFloat(e.BudgetDays), decFloat(e.ActualDays), penceCell(e.BudgetSpot.PenceInt()), penceCell(e.ActualSpot.PenceInt()),
		penceCell(e.Variance().PenceInt()), penceCell(e.Volume.PenceInt()), penceCell(e.Price.PenceInt())} {
		col := exDaysB + k
		style := money
		if col <= exDaysA {
			style = days
		}
		formula := "0"
		if b.nC > 0 {
			formula = fn("SUM", column(col, first, r-1))
		}
		rw.cell(col, style, formula, x)
	}
	rw.endAt(r)
}

// --- the Council view ----------------------------------------------------

// The council view's fixed rows.
const (
	mcvChoice = 3
	mcvName   = 4
	mcvIndex  = 5
	mcvFirst  = 7
)

func (b *mbook) writeCouncil() error {
	f, st, m := b.f, b.st, b.m
	plan := printPlan{fitWide: true, fitPage: true}
	if err := setupPage(f, sheetMonCouncil, plan, carecast.Printable(m.Scenario), b.prov); err != nil {
		return err
	}
	if b.nC == 0 {
		return setPrintNames(f, sheetMonCouncil, plan, 1, 1)
	}
	codes := column(mcCouncil, b.mon.explained, b.mon.explained+b.nC-1).abs().on(sheetMonitoring)
	names := column(mcLine, b.mon.explained, b.mon.explained+b.nC-1).abs().on(sheetMonitoring)
	dv := excelize.NewDataValidation(false)
	dv.SetSqref(cell(3, mcvChoice).String())
	dv.SetSqrefDropList(codes.String())
	dv.SetInput(carecast.LabelCouncil, "Choose a council's code: every figure on this sheet is that council's.")
	dv.SetError(excelize.DataValidationErrorStyleStop, carecast.LabelCouncil, "Choose one of the councils' codes from the list.")
	if err := f.AddDataValidation(sheetMonCouncil, dv); err != nil {
		return err
	}
	def := 15.0
	if err := f.SetSheetProps(sheetMonCouncil, &excelize.SheetPropsOptions{DefaultColWidth: &def}); err != nil {
		return err
	}
	sw, err := f.NewStreamWriter(sheetMonCouncil)
	if err != nil {
		return err
	}
	for _, w := range []struct {
		col   int
		width float64
	}{{mcFavour, 14}, {mcRAG, 8}, {mcPct, 10}, {mcCouncil, 4}, {mcLine, 30}} {
		if err := sw.SetColWidth(w.col, w.col, w.width); err != nil {
			return err
		}
	}
	rw := newRowWriter(sw, st, mcFavour)
	rw.text(1, "Council view: one council's monitoring", roleTitle)
	rw.endAt(1)
	rw.text(1, "Choose the council in C3; every figure below is the Monitoring sheet's for that council.", roleText)
	rw.endAt(2)
	rw.text(1, "Council (choose its code)", roleHeading)
	rw.any(3, st.id(roleInput, fmtGeneral), "", m.Councils[0].Code)
	rw.endAt(mcvChoice)
	index := cell(3, mcvIndex).abs().String()
	rw.text(1, carecast.LabelName, roleText)
	rw.any(3, st.id(roleCalc, fmtGeneral), fn("INDEX", names, index), m.Councils[0].Name)
	rw.endAt(mcvName)
	rw.text(1, "Its place in the Councils sheet", roleText)
	rw.cell(3, st.id(roleCalc, fmtInt), fn("MATCH", cell(3, mcvChoice).abs(), codes, "0"), 1)
	rw.endAt(mcvIndex)
	r := mcvFirst
	for _, scope := range []carecast.Scope{carecast.ScopeYear, carecast.ScopeHorizon} {
		what := m.Year.String()
		if scope == carecast.ScopeHorizon {
			what = carecast.LabelWholeHorizon
		}
		rw.text(1, what, roleSection)
		rw.endAt(r)
		r++
		for i, h := range []string{carecast.LabelLine, "", carecast.LabelBudget + " (£)", carecast.LabelBudgetToDate + " (£)",
			carecast.LabelActualToDate + " (£)", carecast.LabelVarianceToDate + " (£)", carecast.LabelOutturn + " (£)",
			carecast.LabelVariance + " (£)", carecast.LabelVariancePct, carecast.LabelRAG, carecast.LabelFavour} {
			rw.text(1+i, h, roleHeading)
		}
		rw.endAt(r, tallRow)
		r++
		for k, line := range carecast.CouncilMonitorLines() {
			v := m.Find(scope, 0, line)
			first := b.mon.councils[scope] + k*b.nC
			rw.text(mcLine, line.CouncilLabel(), roleText)
			pick := func(col int) string {
				return fn("INDEX", column(col, first, first+b.nC-1).abs().on(sheetMonitoring), index)
			}
			for k, x := range []carecast.Money{v.Budget, v.BudgetToDate, v.ActualToDate, v.VarianceToDate, v.Outturn, v.Variance} {
				rw.cell(mcBudget+k, st.id(roleCalc, fmtMoney), pick(mcBudget+k), penceCell(x.PenceInt()))
			}
			if v.PctDefined {
				rw.cell(mcPct, st.id(roleCalc, fmtRate), pick(mcPct), penceCell(v.Variance.PenceInt())/math.Abs(penceCell(v.Budget.PenceInt())))
			} else {
				rw.any(mcPct, st.id(roleCalc, fmtRate), pick(mcPct), "-")
			}
			rw.any(mcRAG, st.id(roleCalc, fmtGeneral), pick(mcRAG), v.RAG.Word())
			rw.any(mcFavour, st.id(roleCalc, fmtGeneral), pick(mcFavour), v.Favour().String())
			rw.endAt(r)
			r++
		}
		r++
	}
	if err := rw.close(); err != nil {
		return err
	}
	return setPrintNames(f, sheetMonCouncil, plan, mcFavour, r-1)
}

// --- the Variance chart ---------------------------------------------------

func (b *mbook) writeChart() error {
	f, m := b.f, b.m
	plan := printPlan{fitWide: true}
	if err := setupPage(f, sheetMonChart, plan, carecast.Printable(m.Scenario), b.prov); err != nil {
		return err
	}
	if err := f.SetCellValue(sheetMonChart, "A1", "Variance of the forecast outturn from the budget, "+m.Year.String()); err != nil {
		return err
	}
	if err := f.SetCellStyle(sheetMonChart, "A1", "A1", b.st.id(roleTitle, fmtGeneral)); err != nil {
		return err
	}
	if err := f.SetCellValue(sheetMonChart, "A2", "Native charts over the Monitoring sheet: a variance is signed as its figure (more cost is positive)."); err != nil {
		return err
	}
	ink := excelize.Font{Color: "404040"}
	dim := excelize.ChartDimension{Width: 900, Height: 420}
	cons := b.mon.cons[carecast.ScopeYear]
	charts := []excelize.Chart{{Type: excelize.Bar, Series: []excelize.ChartSeries{{
		Name:       cell(mcVariance, cons-1).abs().on(sheetMonitoring).String(),
		Categories: column(mcLine, cons, cons+int(carecast.NumMonitorLines)-1).abs().on(sheetMonitoring).String(),
		Values:     column(mcVariance, cons, cons+int(carecast.NumMonitorLines)-1).abs().on(sheetMonitoring).String()}},
		Title:     chartTitle("The consortium: variance by line, " + m.Year.String() + " (£)"),
		XAxis:     excelize.ChartAxis{Font: ink, ReverseOrder: true},
		YAxis:     excelize.ChartAxis{NumFmt: moneyAxis, MajorGridLines: true, Font: ink},
		Legend:    excelize.ChartLegend{Position: "none"},
		Dimension: dim}}
	if b.nC > 0 {
		sav := b.mon.councils[carecast.ScopeYear] + lineIndex(carecast.LineSavings)*b.nC
		charts = append(charts, excelize.Chart{Type: excelize.Bar, Series: []excelize.ChartSeries{{
			Name:       cell(mcVariance, cons-1).abs().on(sheetMonitoring).String(),
			Categories: column(mcCouncil, sav, sav+b.nC-1).abs().on(sheetMonitoring).String(),
			Values:     column(mcVariance, sav, sav+b.nC-1).abs().on(sheetMonitoring).String()}},
			Title:     chartTitle("Savings: variance by council, " + m.Year.String() + " (£; above zero favourable)"),
			XAxis:     excelize.ChartAxis{Font: ink, ReverseOrder: true},
			YAxis:     excelize.ChartAxis{NumFmt: moneyAxis, MajorGridLines: true, Font: ink},
			Legend:    excelize.ChartLegend{Position: "none"},
			Dimension: excelize.ChartDimension{Width: 900, Height: uint(max(420, 120+24*b.nC))}})
	}
	for i := range charts {
		if len(charts[i].Series) == 0 {
			continue
		}
		if err := f.AddChart(sheetMonChart, cell(1, chartTop(i)).String(), &charts[i]); err != nil {
			return err
		}
		if i > 0 {
			if err := f.InsertPageBreak(sheetMonChart, cell(1, chartTop(i)-1).String()); err != nil {
				return err
			}
		}
	}
	return setPrintNames(f, sheetMonChart, plan, 15, chartTop(len(charts)))
}

// --- the Checks -----------------------------------------------------------

// monitoringChecks tie the workbook together: on the Figures sheet the
// councils add up to the consortium month by month; on the Monitoring
// sheet the councils' lines add up to the consortium's, each outturn of a
// flow is its actual to date and the months after, and the explained
// variance is the spot purchasing avoided's variance to date. Each
// carries the difference carecast's own figures give.
func (b *mbook) monitoringChecks() []check {
	m := b.m
	var cs []check
	if b.nC > 0 {
		for s, series := range []*carecast.MonitorSeries{m.Budget, m.Outturn} {
			name := []string{"budget", "forecast outturn"}[s]
			for _, l := range carecast.CouncilMonitorLines() {
				var diff int64
				if l.Balance() {
					diff = abs64(councilsOff(series.Opening, len(m.Councils)))
				}
				for i := range series.Months {
					mo := &series.Months[i]
					diff += abs64(councilsOff(func(c int) carecast.Money { return mo.Figures(c)[l] }, len(m.Councils)))
				}
				cons, sum := b.rows[s][0][l], b.summed[s][l]
				cs = append(cs, check{label: fmt.Sprintf("Figures: the councils' %s add up to the consortium's, every month (%s)", l.Key(), name),
					where: sheetMonFigures, nf: fmtMoney, diff: penceCell(diff),
					formula: fn("SUMPRODUCT", fn("ABS", b.withOpening(cons).String()+"-"+b.withOpening(sum).String()))})
			}
		}
		for _, scope := range []carecast.Scope{carecast.ScopeYear, carecast.ScopeHorizon} {
			first := b.mon.councils[scope]
			last := first + len(carecast.CouncilMonitorLines())*b.nC - 1
			keys := column(b.keyCol, first, last).abs().on(sheetMonitoring)
			for _, l := range carecast.CouncilMonitorLines() {
				r := b.monRow(scope, -1, l)
				var terms []string
				var diff int64
				for k, col := 0, mcBudget; col <= mcVariance; k, col = k+1, col+1 {
					block := column(col, first, last).abs().on(sheetMonitoring)
					terms = append(terms, fn("ABS", cell(col, r).on(sheetMonitoring).String()+"-"+
						fn("SUMPRODUCT", "("+keys.String()+`="`+l.Key()+`")*`+block.String())))
					diff += abs64(councilsOff(func(c int) carecast.Money { return lineFigures(m.Find(scope, c, l))[k] }, len(m.Councils)))
				}
				cs = append(cs, check{label: fmt.Sprintf("Monitoring, %s: the councils' %s add up to the consortium's (every figure)", scope, l.Key()),
					where: sheetMonitoring, nf: fmtMoney, formula: joinPlus(terms), diff: penceCell(diff)})
			}
		}
	}
	for _, scope := range []carecast.Scope{carecast.ScopeYear, carecast.ScopeHorizon} {
		for _, l := range carecast.MonitorLines() {
			if l.Balance() {
				continue
			}
			after := "(1-" + b.flags(fgRowToDate, false).String() + ")"
			if scope == carecast.ScopeYear {
				after = b.flags(fgRowInYear, false).String() + "*" + after
			}
			v := m.Find(scope, -1, l)
			rest := v.Outturn.Sub(v.ActualToDate)
			for _, mo := range m.Outturn.Months {
				if mo.End().After(m.AsAt) && (scope == carecast.ScopeHorizon || mo.Start.FinancialYear() == m.Year) {
					rest = rest.Sub(mo.Consortium[l])
				}
			}
			r := b.monRow(scope, -1, l)
			cs = append(cs, check{label: fmt.Sprintf("Monitoring, %s: the %s outturn is the actual to date and the forecast months after", scope, l.Key()),
				where: sheetMonitoring + ", " + sheetMonFigures, nf: fmtMoney, diff: penceCell(abs64(rest.PenceInt())),
				formula: fn("ABS", cell(mcOutturn, r).on(sheetMonitoring).String()+"-"+cell(mcActualToDate, r).on(sheetMonitoring).String()+"-"+
					fn("SUMPRODUCT", b.months(b.rows[1][0][l]), after))})
		}
	}
	spot := m.Find(carecast.ScopeYear, -1, carecast.LineSpotAvoided).VarianceToDate
	cs = append(cs, check{label: "Explained: the consortium's variance is the year's spot purchasing avoided variance to date",
		where: sheetMonitoring, nf: fmtMoney, diff: penceCell(abs64(m.Explained[0].Variance().Sub(spot).PenceInt())),
		formula: fn("ABS", cell(exVariance, b.mon.explained+b.nC).on(sheetMonitoring).String()+"-"+
			cell(mcVarianceToDate, b.monRow(carecast.ScopeYear, -1, carecast.LineSpotAvoided)).on(sheetMonitoring).String())})
	return cs
}

// councilsOff is the consortium's figure (council -1) less the councils'
// added up, in pence.
func councilsOff(figure func(c int) carecast.Money, n int) int64 {
	d := figure(-1).PenceInt()
	for c := range n {
		d -= figure(c).PenceInt()
	}
	return d
}

// lineFigures are a line's budget, budget to date, actual to date,
// variance to date, outturn and variance, in the Monitoring sheet's order.
func lineFigures(v *carecast.Variance) [6]carecast.Money {
	return [6]carecast.Money{v.Budget, v.BudgetToDate, v.ActualToDate, v.VarianceToDate, v.Outturn, v.Variance}
}

// joinPlus is the terms added up.
func joinPlus(terms []string) string {
	out := terms[0]
	for _, t := range terms[1:] {
		out += "+" + t
	}
	return out
}

// checksHold reports whether carecast's own figures meet every check.
func (b *mbook) checksHold() bool {
	for _, c := range b.checks {
		if !(c.diff <= tolerance) {
			return false
		}
	}
	return true
}

func (b *mbook) writeChecks() error {
	f, st := b.f, b.st
	plan := printPlan{fitWide: true, titleRow: [2]int{checksFirstRow - 1, checksFirstRow - 1}}
	if err := setupPage(f, sheetMonChecks, plan, carecast.Printable(b.m.Scenario), b.prov); err != nil {
		return err
	}
	sw, err := f.NewStreamWriter(sheetMonChecks)
	if err != nil {
		return err
	}
	for _, w := range []struct {
		col   int
		width float64
	}{{4, 10}, {3, 20}, {2, 22}, {1, 96}} {
		if err := sw.SetColWidth(w.col, w.col, w.width); err != nil {
			return err
		}
	}
	rw := newRowWriter(sw, st, 4)
	rw.text(1, "Checks", roleTitle)
	rw.endAt(1)
	rw.text(1, "Each check is the sum of the absolute differences it finds; it holds at most half a penny (C5). The Monitoring sheet shows the master check.", roleLabel)
	rw.endAt(2)
	last := checksFirstRow + len(b.checks) - 1
	rw.text(1, "Master check: every check holds", roleHeading)
	rw.any(3, st.id(roleWarn, fmtGeneral), fn("AND", column(4, checksFirstRow, max(last, checksFirstRow))), b.checksHold())
	rw.endAt(checksMasterRow)
	rw.text(1, "Tolerance", roleText)
	rw.cell(3, st.id(roleInput, fmtMoney), "", tolerance)
	rw.endAt(checksMasterRow + 1)
	for i, h := range []string{"Check", "Sheet", "Difference", "Holds"} {
		rw.text(i+1, h, roleHeading)
	}
	rw.endAt(checksFirstRow - 1)
	for i, c := range b.checks {
		r := checksFirstRow + i
		rw.text(1, c.label, roleLabel)
		rw.text(2, c.where, roleText)
		rw.cell(3, st.id(roleCheck, c.nf), c.formula, c.diff)
		rw.any(4, st.id(roleCheck, fmtGeneral), cell(3, r).String()+"<="+cell(3, checksMasterRow+1).abs().String(), c.diff <= tolerance)
		rw.endAt(r)
	}
	if err := rw.close(); err != nil {
		return err
	}
	return setPrintNames(f, sheetMonChecks, plan, 4, max(last, checksFirstRow))
}

// --- About ------------------------------------------------------------------

func (b *mbook) writeAbout() error {
	f, st, m := b.f, b.st, b.m
	plan := printPlan{fitWide: true}
	if err := setupPage(f, sheetAbout, plan, carecast.Printable(m.Scenario), b.prov); err != nil {
		return err
	}
	if err := f.SetColWidth(sheetAbout, "A", "A", 64); err != nil {
		return err
	}
	if err := f.SetColWidth(sheetAbout, "B", "B", 112); err != nil {
		return err
	}
	lines := [][2]string{{"About this workbook", ""}}
	lines = append(lines, provenanceLines(m.Scenario, b.prov)...)
	budget := "the plan: the input forecast without its Actuals rows"
	if m.BudgetSource != "plan" {
		budget = "frozen in " + m.BudgetSource + " (carecast forecast --json --monthly)"
	}
	lines = append(lines, [2]string{},
		[2]string{"What it is", "carecast monitor: the forecast outturn (actuals to date and the forecast after) against the budget as at " + m.AsAt.Long() + "."},
		[2]string{carecast.LabelBudget, budget},
		[2]string{"How to read it", "Monitoring first; the Council sheet shows one council's lines (choose it in C3); Checks ties every figure together; Figures holds the months."},
		[2]string{"Method", "docs/methodology.md §18 in carecast's repository: the lines, the months to date, the RAG rating and the volume and price of the spot purchasing avoided."},
		[2]string{"Reproducing it", "The same input and the same carecast version give the same figures; with SOURCE_DATE_EPOCH set to the prepared date, the same bytes."})
	sc := &sheetCells{f: f, sheet: sheetAbout}
	for i, l := range lines {
		role := roleText
		if i == 0 {
			role = roleTitle
		}
		for k, v := range l {
			if v == "" {
				continue
			}
			rl := role
			if k == 1 {
				rl = roleText
			}
			sc.set(cell(1+k, i+1), v, st.id(rl, fmtGeneral))
		}
	}
	if sc.err != nil {
		return sc.err
	}
	return setPrintNames(f, sheetAbout, plan, 2, len(lines))
}
