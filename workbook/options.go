package workbook

import (
	"fmt"
	"math"

	"github.com/carecast/carecast"
	"github.com/xuri/excelize/v2"
)

// The options appraisal (docs/methodology.md §9) and the wider benefits
// (§10) in the workbook. The Options sheet has one column per option,
// business as usual first: carecast's figures as values, the cost, the
// business-as-usual cost and the savings as formulas, and checks that tie
// the base case's column to the Summary. The Wider benefits sheet sets out
// each benefit by council and financial year, apart from every cash figure.

// Sheet names of the options appraisal and the wider benefits.
const (
	sheetOptions = "Options"
	sheetWider   = "Wider benefits"
)

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

// The rows of the Options sheet.
const (
	optHead        = 4
	optDescription = 5
	optPledges     = 6
	optGrants      = 7
	optRunning     = 8
	optBlock       = 9
	optVoid        = 10
	optCost        = 11
	optBAUCost     = 12
	optSavings     = 13
	optNPV         = 14
	optBias        = 15
	optNPVOB       = 16
	optOccupancy   = 17
	optBreakEven   = 18
	optWiderHead   = 20
	optColBAU      = 3 // C; the cases from D
)

// optLayout is where the Options sheet's later rows stand.
type optLayout struct {
	measures         []string
	councils         []carecast.Council
	councilHead      int
	councilFirst     int // the first council's savings row; its NPV is the next
	councilSum, diff int
	lastCol          string
}

func (b *book) hasOptions() bool { return len(b.cases) > 0 }

// colsFor makes sure b.cols names columns up to last: the Options sheet
// has a column an option, more than the months' columns when the options
// are many or the scheme short.
func (b *book) colsFor(last int) error {
	if last > excelize.MaxColumns {
		return fmt.Errorf("workbook: %d options do not fit in a sheet (at most %d)", len(b.cases), excelize.MaxColumns-optColBAU-1)
	}
	for i := len(b.cols); i <= last+1; i++ {
		name, _ := excelize.ColumnNumberToName(i)
		b.cols = append(b.cols, name)
	}
	return nil
}

// planOptions lays out the Options sheet.
func (b *book) planOptions() {
	l := &b.opt
	l.measures, l.councils = carecast.CaseMeasures(b.cases), carecast.CaseCouncils(b.cases)
	l.councilHead = optWiderHead + len(l.measures) + 2
	l.councilFirst = l.councilHead + 1
	l.councilSum = l.councilFirst + 2*len(l.councils)
	l.diff = l.councilSum + 1
	l.lastCol = b.cols[optColBAU+len(b.cases)]
}

func (b *book) writeOptions() error {
	l, st := &b.opt, b.st
	widths := map[int]float64{1: 52, 2: 8}
	for i := range len(b.cases) + 1 {
		widths[optColBAU+i] = 20
	}
	sw, err := b.newStream(sheetOptions, 16, widths)
	if err != nil {
		return err
	}
	rw := b.rowWriter(sw, optColBAU+len(b.cases))
	rw.text(1, "Options appraisal", roleTitle)
	rw.endAt(1)
	rw.text(1, "Each option against business as usual, which spot-purchases every placement: its savings are nil by definition, "+
		"and its cost is the spot purchasing the base case's placements would need. Each option's savings are the spot purchasing "+
		"its own placements would need less its cost. Wider benefits are not cash and are never added to the savings.", roleText)
	rw.endAt(2)
	rw.text(1, "Figure", roleHeading)
	rw.text(2, "Unit", roleHeading)
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

	money := st.id(roleImport, fmtMoney)
	calc := st.id(roleCalc, fmtMoney)
	base := b.cases[0].Result
	col := func(i int) string { return b.cols[optColBAU+1+i] }
	bau := b.cols[optColBAU]
	// Values: one row of carecast's figures, nil for business as usual.
	values := []struct {
		row   int
		label string
		f     func(r *carecast.Result) carecast.Money
	}{
		{optPledges, "Pledges", func(r *carecast.Result) carecast.Money { return r.Total.Pledges }},
		{optGrants, "Grants", func(r *carecast.Result) carecast.Money { return r.Total.Grants }},
		{optRunning, "Running costs", func(r *carecast.Result) carecast.Money { return r.Total.OtherCosts }},
		{optBlock, "Block cost", func(r *carecast.Result) carecast.Money { return r.Total.BlockCost }},
		{optVoid, "Void cost (empty rooms)", func(r *carecast.Result) carecast.Money { return r.Total.VoidCost }},
	}
	for _, v := range values {
		rw.text(1, v.label, roleText)
		rw.text(2, "£", roleText)
		rw.cell(optColBAU, money, "", 0)
		for i, c := range b.cases {
			rw.cell(optColBAU+1+i, money, "", penceCell(v.f(c.Result).PenceInt()))
		}
		rw.endAt(v.row)
	}
	// Cost: block cost plus running costs less grants; business as usual
	// pays the spot purchasing of the base case's placements.
	rw.text(1, "Cost (block cost plus running costs less grants; business as usual: spot purchasing)", roleText)
	rw.text(2, "£", roleText)
	spot0 := penceCell(base.Total.SpotAvoided.PenceInt())
	rw.cell(optColBAU, calc, col(0)+itoa(optBAUCost), spot0)
	for i, c := range b.cases {
		t := c.Result.Total
		k := col(i)
		rw.cell(optColBAU+1+i, calc, k+itoa(optBlock)+"+"+k+itoa(optRunning)+"-"+k+itoa(optGrants),
			penceCell(t.BlockCost.PenceInt()+t.OtherCosts.PenceInt()-t.Grants.PenceInt()))
	}
	rw.endAt(optCost)
	rw.text(1, "Spot purchasing the same placements would cost (spot purchasing avoided)", roleText)
	rw.text(2, "£", roleText)
	rw.cell(optColBAU, calc, bau+itoa(optCost), spot0)
	for i, c := range b.cases {
		rw.cell(optColBAU+1+i, money, "", penceCell(c.Result.Total.SpotAvoided.PenceInt()))
	}
	rw.endAt(optBAUCost)
	rw.text(1, "Savings against business as usual", roleText)
	rw.text(2, "£", roleText)
	for i := -1; i < len(b.cases); i++ {
		k, v := bau, 0.0
		if i >= 0 {
			k = col(i)
			t := b.cases[i].Result.Total
			v = penceCell(t.SpotAvoided.PenceInt() - (t.BlockCost.PenceInt() + t.OtherCosts.PenceInt() - t.Grants.PenceInt()))
		}
		rw.cell(optColBAU+1+i, calc, k+itoa(optBAUCost)+"-"+k+itoa(optCost), v)
	}
	rw.endAt(optSavings)
	moneyRow := func(row int, label string, f func(r *carecast.Result) carecast.Money) {
		rw.text(1, label, roleText)
		rw.text(2, "£", roleText)
		rw.cell(optColBAU, money, "", 0)
		for i, c := range b.cases {
			rw.cell(optColBAU+1+i, money, "", penceCell(f(c.Result).PenceInt()))
		}
		rw.endAt(row)
	}
	moneyRow(optNPV, "NPV (real, at the discount rate)", func(r *carecast.Result) carecast.Money { return r.NPV })
	rate := st.id(roleImport, fmtRate)
	rw.text(1, "Optimism bias on costs", roleText)
	rw.text(2, "%", roleText)
	for i, c := range b.cases {
		rw.cell(optColBAU+1+i, rate, "", decFloat(c.Scenario.Assumptions.OptimismBias))
	}
	rw.endAt(optBias)
	moneyRow(optNPVOB, "NPV after optimism bias (costs uplifted; the cash figures do not change)", func(r *carecast.Result) carecast.Money { return r.NPVAfterOptimismBias })
	rw.text(1, "Occupancy", roleText)
	rw.text(2, "%", roleText)
	for i, c := range b.cases {
		rw.cell(optColBAU+1+i, rate, "", decFloat(c.Result.Total.OccupancyRate()))
	}
	rw.endAt(optOccupancy)
	rw.text(1, "Break-even occupancy (above 100%: cannot break even)", roleText)
	rw.text(2, "%", roleText)
	for i, c := range b.cases {
		if c.Result.BreakEvenDefined {
			rw.cell(optColBAU+1+i, rate, "", decFloat(c.Result.BreakEvenOccupancy))
		} else {
			rw.text(optColBAU+1+i, "not defined", roleText)
		}
	}
	rw.endAt(optBreakEven)

	rw.text(1, "Wider benefits: present value, not cash, never added to the savings", roleSection)
	rw.endAt(optWiderHead)
	for j, m := range l.measures {
		rw.text(1, m, roleText)
		rw.text(2, "£", roleText)
		rw.cell(optColBAU, money, "", 0)
		for i, c := range b.cases {
			for _, w := range c.Result.Wider {
				if w.Benefit.Measure == m {
					rw.cell(optColBAU+1+i, money, "", penceCell(w.PresentValue.PenceInt()))
				}
			}
		}
		rw.endAt(optWiderHead + 1 + j)
	}

	rw.text(1, "By council: savings and NPV (blank: not a member under the option)", roleSection)
	rw.endAt(l.councilHead)
	sums := make([]int64, len(b.cases))
	for j, council := range l.councils {
		for k, fig := range []string{"savings", "NPV"} {
			rw.text(1, council.Label()+": "+fig, roleText)
			rw.text(2, "£", roleText)
			rw.cell(optColBAU, money, "", 0)
			for i, c := range b.cases {
				cr := c.Result.CouncilResult(council.Code)
				if cr == nil {
					continue
				}
				p := cr.Total.Savings.PenceInt()
				if k == 1 {
					p = cr.NPV.PenceInt()
				} else {
					sums[i] += p
				}
				rw.cell(optColBAU+1+i, money, "", penceCell(p))
			}
			rw.endAt(l.councilFirst + 2*j + k)
		}
	}
	// The councils' savings (every other row) sum to the option's.
	rw.text(1, "Councils' savings, summed", roleText)
	rw.text(2, "£", roleText)
	for i := -1; i < len(b.cases); i++ {
		k, v := bau, 0.0
		if i >= 0 {
			k, v = col(i), penceCell(sums[i])
		}
		f := "0"
		if len(l.councils) > 0 {
			f = "SUMIF($A$" + itoa(l.councilFirst) + ":$A$" + itoa(l.councilSum-1) + `,"*: savings",` + k + itoa(l.councilFirst) + ":" + k + itoa(l.councilSum-1) + ")"
		}
		rw.cell(optColBAU+1+i, calc, f, v)
	}
	rw.endAt(l.councilSum)
	rw.text(1, "Check: councils' savings less the option's savings", roleText)
	rw.text(2, "£", roleText)
	for i := -1; i < len(b.cases); i++ {
		k, v := bau, 0.0
		if i >= 0 {
			k = col(i)
			v = penceCell(sums[i] - b.cases[i].Result.Total.Savings.PenceInt())
		}
		rw.cell(optColBAU+1+i, st.id(roleCheck, fmtMoney), k+itoa(l.councilSum)+"-"+k+itoa(optSavings), v)
	}
	rw.endAt(l.diff)
	return rw.close()
}

// optionsChecks tie the Options sheet to the rest: the base case's savings
// and NPV are the Summary's, and every option's councils add up.
func (b *book) optionsChecks() []check {
	l, base := &b.opt, b.cases[0].Result
	d := b.cols[optColBAU+1]
	sav, npv := b.lines.savCons.val(0), b.lines.pvCons.val(0)
	worst := 0.0
	for _, c := range b.cases {
		var s int64
		for _, cr := range c.Result.Councils {
			s += cr.Total.Savings.PenceInt()
		}
		worst += math.Abs(penceCell(s - c.Result.Total.Savings.PenceInt()))
	}
	t := base.Total
	return []check{
		{label: "Options: the base case's savings are the Summary's", where: sheetOptions,
			formula: "ABS(Options!" + d + itoa(optSavings) + "-Summary!C" + itoa(b.sumSavRow) + ")",
			diff:    math.Abs(penceCell(t.SpotAvoided.PenceInt()-(t.BlockCost.PenceInt()+t.OtherCosts.PenceInt()-t.Grants.PenceInt())) - sav)},
		{label: "Options: the base case's NPV is the Summary's, to the penny", where: sheetOptions,
			formula: "ABS(Options!" + d + itoa(optNPV) + "-Summary!C" + itoa(b.sumPVRow) + ")",
			diff:    math.Abs(penceCell(base.NPV.PenceInt()) - npv)},
		{label: "Options: each option's councils' savings sum to its savings", where: sheetOptions,
			formula: "SUMPRODUCT(ABS(Options!" + b.cols[optColBAU] + itoa(l.diff) + ":" + l.lastCol + itoa(l.diff) + "))",
			diff:    worst},
	}
}

// --- Wider benefits -------------------------------------------------------

// widerLayout is where each benefit's block stands on the Wider benefits
// sheet: its council rows, the sum and carecast's consortium row.
type widerLayout struct {
	first, total, cons []int
}

func (b *book) hasWider() bool { return len(b.res.Wider) > 0 }

// The Wider benefits sheet's columns: A council, B quantity, C value, D
// present value, then one value column per financial year from F.
const widerColFY = 6

func (b *book) planWider() {
	l := &b.wider
	r := 4
	for range b.res.Wider {
		r += 7 // heading, unit, bearer, source, per room-year, unit value, table headings
		l.first = append(l.first, r)
		r += b.nC
		l.total = append(l.total, r)
		l.cons = append(l.cons, r+1)
		r += 4
	}
}

func (b *book) writeWider() error {
	l, st := &b.wider, b.st
	sw, err := b.newStream(sheetWider, 14, map[int]float64{1: 40, 2: 16, 3: 16, 4: 16, 5: 2})
	if err != nil {
		return err
	}
	rw := b.rowWriter(sw, widerColFY+b.nY)
	rw.text(1, "Wider benefits", roleTitle)
	rw.endAt(1)
	rw.text(1, "Benefits of placing children in the block rather than spot-purchasing, usually nearer home: quantity = units a "+
		"room-year x occupied room-days / 365; value in real terms at start_date prices; present value discounted at the real "+
		"discount rate. Not cash: never added to the savings, the NPV or the fund.", roleText)
	rw.endAt(2)
	money, calc := st.id(roleImport, fmtMoney), st.id(roleCalc, fmtMoney)
	qty, qtyCalc := st.id(roleImport, fmtRooms), st.id(roleCalc, fmtRooms)
	for i, w := range b.res.Wider {
		bn := w.Benefit
		r := l.first[i] - 7
		rw.text(1, bn.Measure, roleSection)
		rw.endAt(r)
		for k, kv := range [][2]string{{"Unit", bn.Unit}, {"Bearer", bn.Bearer}, {"Source", bn.Source}} {
			rw.text(1, kv[0], roleText)
			rw.text(2, kv[1], roleText)
			rw.endAt(r + 1 + k)
		}
		rw.text(1, "Units a room-year", roleText)
		rw.cell(2, st.id(roleInput, fmtGeneral), "", decFloat(bn.PerRoomYear))
		rw.endAt(r + 4)
		rw.text(1, "Unit value (real, start_date prices)", roleText)
		rw.cell(2, st.id(roleInput, fmtMoney), "", penceCell(bn.UnitValue.PenceInt()))
		rw.endAt(r + 5)
		rw.text(1, "Council", roleHeading)
		rw.text(2, "Quantity", roleHeading)
		rw.text(3, "Value (£)", roleHeading)
		rw.text(4, "Present value (£)", roleHeading)
		for y, yr := range b.res.Years {
			rw.text(widerColFY+y, "Value "+yr.FY.String()+" (£)", roleHeading)
		}
		rw.endAt(r+6, tallRow)
		for c, wc := range w.Councils {
			rw.text(1, b.res.Councils[c].Council.Label(), roleText)
			rw.cell(2, qty, "", decFloat(wc.Quantity))
			rw.cell(3, money, "", penceCell(wc.Value.PenceInt()))
			rw.cell(4, money, "", penceCell(wc.PresentValue.PenceInt()))
			for y, wy := range wc.Years {
				rw.cell(widerColFY+y, money, "", penceCell(wy.Value.PenceInt()))
			}
			rw.endAt(l.first[i] + c)
		}
		sum := func(col int) string {
			k := b.cols[col]
			return "SUM(" + k + itoa(l.first[i]) + ":" + k + itoa(l.total[i]-1) + ")"
		}
		rw.text(1, "Councils, summed", roleHeading)
		rw.cell(2, qtyCalc, sum(2), decFloat(w.Quantity))
		rw.cell(3, calc, sum(3), penceCell(w.Value.PenceInt()))
		rw.cell(4, calc, sum(4), penceCell(w.PresentValue.PenceInt()))
		for y, wy := range w.Years {
			rw.cell(widerColFY+y, calc, sum(widerColFY+y), penceCell(wy.Value.PenceInt()))
		}
		rw.endAt(l.total[i])
		rw.text(1, "Consortium (carecast)", roleText)
		rw.cell(2, qty, "", decFloat(w.Quantity))
		rw.cell(3, money, "", penceCell(w.Value.PenceInt()))
		rw.cell(4, money, "", penceCell(w.PresentValue.PenceInt()))
		for y, wy := range w.Years {
			rw.cell(widerColFY+y, money, "", penceCell(wy.Value.PenceInt()))
		}
		rw.endAt(l.cons[i])
	}
	return rw.close()
}

// widerChecks: each benefit's councils sum to the consortium, in value,
// present value and every year's value.
func (b *book) widerChecks() []check {
	var cs []check
	ref, last := sheetRef(sheetWider), b.cols[widerColFY+b.nY-1]
	for i, w := range b.res.Wider {
		var v, pv int64
		for _, wc := range w.Councils {
			v += wc.Value.PenceInt()
			pv += wc.PresentValue.PenceInt()
		}
		diff := math.Abs(penceCell(v-w.Value.PenceInt())) + math.Abs(penceCell(pv-w.PresentValue.PenceInt()))
		for y := range w.Years {
			var yv int64
			for _, wc := range w.Councils {
				yv += wc.Years[y].Value.PenceInt()
			}
			diff += math.Abs(penceCell(yv - w.Years[y].Value.PenceInt()))
		}
		t, c := itoa(b.wider.total[i]), itoa(b.wider.cons[i])
		cs = append(cs, check{label: "Wider benefits: councils sum to the consortium: " + w.Benefit.Measure, where: sheetWider,
			formula: "SUMPRODUCT(ABS(" + ref + "C" + t + ":" + last + t + "-" + ref + "C" + c + ":" + last + c + "))",
			diff:    diff})
	}
	return cs
}
