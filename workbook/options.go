package workbook

import (
	"fmt"
	"math"
	"strings"

	"github.com/carecast/carecast"
	"github.com/carecast/carecast/reports"
	"github.com/xuri/excelize/v2"
)

// The options appraisal (docs/methodology.md §9) in the workbook. The
// Options sheet has one column per option, business as usual first:
// carecast's figures as values (the report's options table,
// reports.Comparison), the cost, the business-as-usual cost and the
// savings as formulas, and checks that tie the base case's column to the
// Summary.

// sheetOptions is the name of the options appraisal's sheet.
const sheetOptions = "Options"

// ComparisonFileName is the file name of the comparison's workbook.
const ComparisonFileName = "compare.xlsx"

// WriteComparison writes the workbook of an options appraisal to path,
// atomically and never over any of protect: the forecast workbook of the
// first case (c's postings and appraisal are that case's) with an Options
// sheet comparing every case against business as usual.
func WriteComparison(path string, protect []string, cases []carecast.Case, c Contents) error {
	c.Result, c.Cases = cases[0].Result, cases
	return Write(path, protect, c)
}

// The Options sheet's columns and first rows; the figures' rows follow
// in the order of optionFigures from optFirst.
const (
	optHead        = 4
	optDescription = 5
	optFirst       = 6
	optColBAU      = 3 // C; the cases from D
)

// optFigure is a row of the Options sheet: a row of the report's table
// (its key) with the sheet's label, or a formula across the cases.
type optFigure struct {
	key, label, unit string
	formula          func(k int, l *optLayout) string // k: the column; nil: carecast's values
	// bau is business as usual's formula, when it differs: a link to the
	// row with key bauFrom, whose value it has.
	bauFrom string
}

// bau is the formula of business as usual's cell of f.
func (f optFigure) bau(l *optLayout) string {
	if f.bauFrom == "" {
		return ""
	}
	col := l.col(-1)
	if f.bauFrom == "spot_avoided" { // the base case's spot purchasing
		col = l.col(0)
	}
	return cell(col, l.row[f.bauFrom]).String()
}

// optionFigures are the Options sheet's figures, in order, before the
// wider benefits: the cash figures, the cost, what spot purchasing the
// same placements would cost and the savings against business as usual
// (formulas), the NPV, the optimism bias and the NPV after it, the
// occupancy and the break-even occupancy.
func optionFigures() []optFigure {
	at := func(k, r int) string { return cell(k, r).String() }
	return []optFigure{
		{key: "pledges", label: carecast.LabelPledges, unit: "£"},
		{key: "grants", label: carecast.LabelGrants, unit: "£"},
		{key: "other_costs", label: carecast.LabelRunningCosts, unit: "£"},
		{key: "block_cost", label: carecast.LabelBlockCost, unit: "£"},
		{key: "void_cost", label: carecast.LabelVoidCost, unit: "£"},
		{key: "cost", label: carecast.LabelCost + " (block cost plus running costs less grants; business as usual: spot purchasing)", unit: "£",
			formula: func(k int, l *optLayout) string {
				return at(k, l.row["block_cost"]) + "+" + at(k, l.row["other_costs"]) + "-" + at(k, l.row["grants"])
			},
			bauFrom: "spot_avoided"},
		{key: "spot_avoided", label: "Spot purchasing the same placements would cost (spot purchasing avoided)", unit: "£",
			bauFrom: "cost"},
		{key: "savings", label: carecast.LabelSavings + " against business as usual", unit: "£",
			formula: func(k int, l *optLayout) string { return at(k, l.row["spot_avoided"]) + "-" + at(k, l.row["cost"]) }},
		{key: "npv", label: carecast.LabelNPV + " (real, at the discount rate)", unit: "£"},
		{key: "optimism_bias", label: carecast.LabelOptimismBias + " on costs", unit: "%"},
		{key: "npv_after_optimism_bias", label: carecast.LabelNPVAfterOptimismBias + " (costs uplifted; the cash figures do not change)", unit: "£"},
		{key: "occupancy_rate", label: carecast.LabelOccupancy, unit: "%"},
		{key: "break_even_occupancy", label: carecast.LabelBreakEven + " (above 100%: cannot break even)", unit: "%"},
	}
}

// optLayout is where the Options sheet's rows and columns stand.
type optLayout struct {
	table        *reports.Table // the report's options table, exact
	row          map[string]int // the row of each key of the table
	measures     []string
	councils     []carecast.Council
	widerHead    int
	councilHead  int
	councilFirst int // the first council's savings row; its NPV is the next
	councilSum   int
	diff         int
	cols         []int // business as usual's column, then each case's
}

// col is case i's column (-1: business as usual).
func (l *optLayout) col(i int) int { return l.cols[i+1] }

func (b *book) hasOptions() bool { return len(b.cases) > 0 }

// colsFor checks that a sheet has columns up to last: the Options sheet
// has a column an option.
func (b *book) colsFor(last int) error {
	if last > excelize.MaxColumns {
		return fmt.Errorf("workbook: %d options do not fit in a sheet (at most %d)", len(b.cases), excelize.MaxColumns-optColBAU-1)
	}
	return nil
}

// planOptions lays out the Options sheet: the figures from optFirst, a
// blank row, the wider benefits, a blank row, each council's savings and
// NPV, their sum and its check.
func (b *book) planOptions() {
	l := &b.plan.opt
	l.table = reports.Comparison(b.cases, reports.Options{Exact: true})
	l.row = map[string]int{}
	for i, r := range l.table.Rows {
		l.row[r[0].Key] = i // the table's row, until the sheet's below
	}
	figures := optionFigures()
	for i, f := range figures {
		l.row[f.key] = optFirst + i
	}
	l.measures, l.councils = carecast.CaseMeasures(b.cases), carecast.CaseCouncils(b.cases)
	l.widerHead = optFirst + len(figures) + 1
	l.councilHead = l.widerHead + len(l.measures) + 2
	l.councilFirst = l.councilHead + 1
	l.councilSum = l.councilFirst + 2*len(l.councils)
	l.diff = l.councilSum + 1
	for i := range len(b.cases) + 1 {
		l.cols = append(l.cols, optColBAU+i)
	}
}

// optCells are the report table's cells of the row with key: business as
// usual's, then each case's.
func (l *optLayout) cells(key string) reports.Row {
	for _, r := range l.table.Rows {
		if r[0].Key == key {
			return r[1:]
		}
	}
	return nil
}

// writeOptions writes the Options sheet at the rows planOptions placed.
func (b *book) writeOptions() error {
	widths := map[int]float64{1: 52, 2: 8}
	for i := range len(b.cases) + 1 {
		widths[optColBAU+i] = 20
	}
	sw, err := b.newStream(sheetOptions, 16, widths)
	if err != nil {
		return err
	}
	rw := b.rowWriter(sw, optColBAU+len(b.cases))
	b.optionsHead(rw)
	b.optionsFigures(rw)
	b.optionsWider(rw)
	b.optionsCouncils(rw)
	return rw.close()
}

// optionsHead writes the title, the note, the headings and the
// descriptions.
func (b *book) optionsHead(rw *rowWriter) {
	rw.text(1, "Options appraisal", roleTitle)
	rw.endAt(1)
	rw.text(1, "Each option against business as usual, which spot-purchases every placement: its savings are nil by definition, "+
		"and its cost is the spot purchasing the base case's placements would need. Each option's savings are the spot purchasing "+
		"its own placements would need less its cost. Wider benefits are not cash and are never added to the savings.", roleText)
	rw.endAt(2)
	rw.text(1, carecast.LabelFigure, roleHeading)
	rw.text(2, carecast.LabelUnit, roleHeading)
	rw.text(optColBAU, carecast.BusinessAsUsual, roleHeading)
	for i, c := range b.cases {
		rw.text(optColBAU+1+i, c.Option, roleHeading)
	}
	rw.endAt(optHead, tallRow)
	rw.text(1, "Description", roleText)
	rw.text(optColBAU, "Every placement spot-purchased", roleText)
	for i, c := range b.cases {
		rw.text(optColBAU+1+i, c.Description, roleText)
	}
	rw.endAt(optDescription)
}

// optionsFigures writes the figures: the report's values, or the row's
// formula with the report's value as its cached value.
func (b *book) optionsFigures(rw *rowWriter) {
	l := &b.plan.opt
	for _, f := range optionFigures() {
		rw.text(1, f.label, roleText)
		rw.text(2, f.unit, roleText)
		for i, c := range l.cells(f.key) {
			col := optColBAU + i
			formula := ""
			switch {
			case i == 0 && f.bauFrom != "":
				formula = f.bau(l)
				c = l.cells("spot_avoided")[1] // business as usual costs the base case's spot purchasing
			case f.formula != nil:
				formula = f.formula(l.cols[i], l)
			}
			missing := ""
			if f.key == "break_even_occupancy" && i > 0 {
				missing = "not defined"
			}
			b.optionsCell(rw, col, c, formula, missing)
		}
		rw.endAt(l.row[f.key])
	}
}

// optionsCell writes one of the report's cells: a figure in carecast's
// style (with a formula, in the formulas' style), or for a cell without a
// figure the words missing (a break-even the case does not have: "not
// defined"), else nothing.
func (b *book) optionsCell(rw *rowWriter, col int, c reports.Cell, formula, missing string) {
	st := b.st
	nf := fmtMoney
	if c.Unit == reports.UnitRate {
		nf = fmtRate
	}
	switch {
	case c.Unit == reports.UnitText:
		rw.text(col, missing, roleText)
	case formula != "":
		rw.cell(col, st.id(roleCalc, nf), formula, cellValue(c))
	default:
		rw.cell(col, st.id(roleImport, nf), "", cellValue(c))
	}
}

// optionsWider writes the wider benefits' present values (never added to
// the savings).
func (b *book) optionsWider(rw *rowWriter) {
	l := &b.plan.opt
	rw.text(1, "Wider benefits: present value, not cash, never added to the savings", roleSection)
	rw.endAt(l.widerHead)
	for j, m := range l.measures {
		rw.text(1, m, roleText)
		rw.text(2, "£", roleText)
		for i, c := range l.cells("wider:" + m) {
			b.optionsCell(rw, optColBAU+i, c, "", "")
		}
		rw.endAt(l.widerHead + 1 + j)
	}
}

// optionsCouncils writes each council's savings and NPV under each case
// (blank where it is not a member), the councils' savings summed and the
// check that they are the case's.
func (b *book) optionsCouncils(rw *rowWriter) {
	l, st := &b.plan.opt, b.st
	rw.text(1, "By council: savings and NPV (blank: not a member under the option)", roleSection)
	rw.endAt(l.councilHead)
	sums := make([]int64, len(b.cases)+1)
	for j, council := range l.councils {
		for k, fig := range []string{"savings", "npv"} {
			rw.text(1, council.Label()+": "+[]string{strings.ToLower(carecast.LabelSavings), carecast.LabelNPV}[k], roleText)
			rw.text(2, "£", roleText)
			for i, c := range l.cells(council.Code + ":" + fig) {
				b.optionsCell(rw, optColBAU+i, c, "", "")
				if k == 0 && c.Unit == reports.UnitMoney {
					sums[i] += c.Value.Shift(2).IntPart()
				}
			}
			rw.endAt(l.councilFirst + 2*j + k)
		}
	}
	// The councils' savings (every other row) sum to the option's.
	rw.text(1, "Councils' savings, summed", roleText)
	rw.text(2, "£", roleText)
	for i, k := range l.cols {
		f := "0"
		if len(l.councils) > 0 {
			f = fn("SUMIF", column(1, l.councilFirst, l.councilSum-1).abs(), `"*: savings"`, column(k, l.councilFirst, l.councilSum-1))
		}
		rw.cell(optColBAU+i, st.id(roleCalc, fmtMoney), f, penceCell(sums[i]))
	}
	rw.endAt(l.councilSum)
	rw.text(1, "Check: councils' savings less the option's savings", roleText)
	rw.text(2, "£", roleText)
	savings := l.cells("savings")
	for i, k := range l.cols {
		rw.cell(optColBAU+i, st.id(roleCheck, fmtMoney), cell(k, l.councilSum).String()+"-"+cell(k, l.row["savings"]).String(),
			penceCell(sums[i]-savings[i].Value.Shift(2).IntPart()))
	}
	rw.endAt(l.diff)
}

// optionsChecks tie the Options sheet to the rest: the base case's savings
// and NPV are the Summary's, and every option's councils add up.
func (b *book) optionsChecks() []check {
	l, base := &b.plan.opt, b.cases[0].Result
	d := l.col(0)
	sav, npv := b.plan.lines.savCons.val(0), b.plan.lines.pvCons.val(0)
	worst := 0.0
	for _, c := range b.cases {
		var s int64
		for _, cr := range c.Result.Councils {
			s += cr.Total.Savings.PenceInt()
		}
		worst += math.Abs(penceCell(s - c.Result.Total.Savings.PenceInt()))
	}
	opt := func(k, r int) string { return cell(k, r).on(sheetOptions).String() }
	return []check{
		{label: "Options: the base case's savings are the Summary's", where: sheetOptions,
			formula: fn("ABS", opt(d, l.row["savings"])+"-"+b.summaryFigure(b.plan.lines.savCons).String()),
			diff:    math.Abs(penceCell(base.Total.Savings.PenceInt()) - sav)},
		{label: "Options: the base case's NPV is the Summary's, to the penny", where: sheetOptions,
			formula: fn("ABS", opt(d, l.row["npv"])+"-"+b.summaryFigure(b.plan.lines.pvCons).String()),
			diff:    math.Abs(penceCell(base.NPV.PenceInt()) - npv)},
		{label: "Options: each option's councils' savings sum to its savings", where: sheetOptions,
			formula: fn("SUMPRODUCT", fn("ABS", row(l.diff, optColBAU, optColBAU+len(b.cases)).on(sheetOptions))),
			diff:    worst},
	}
}
