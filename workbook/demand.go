package workbook

import (
	"math"

	"github.com/carecast/carecast"
)

// Occupancy from demand in the workbook (docs/methodology.md §11). With
// Demand rows, the Overflow sheet sets out the placements the block cannot
// take, by council and financial year, in room-days and in the spot cost
// they carry: apart from the savings, which they cancel out of. With
// Allocations rows too, the Bed trading sheet shows the same scenario
// under each sharing rule side by side, with what trading and pooling are
// worth against allocation alone. Neither sheet is written without Demand
// rows.

// Sheet names of occupancy from demand.
const (
	sheetOverflow = "Overflow"
	sheetTrading  = "Bed trading"
)

// overflowLayout is where the Overflow sheet's two tables stand: for the
// room-days and the spot cost, the first council's row, the councils'
// sum and carecast's consortium row.
type overflowLayout struct {
	first, sum, cons [2]int
}

// The Overflow sheet's columns: A code, B name, C whole horizon, then one
// per financial year from D.
const ovColFY = 4

func (b *book) hasOverflow() bool { return len(b.res.Scenario.Demand) > 0 }

func (b *book) planOverflow() {
	l := &b.overflow
	r := 6
	for i := range 2 {
		r += 2 // the table's heading and its column headings
		l.first[i] = r
		r += b.nC
		l.sum[i], l.cons[i] = r, r+1
		r += 3
	}
}

// overflowTable is one of the Overflow sheet's tables: its heading, the
// number format, and each council's and the consortium's figure by
// financial year (y = -1: the whole horizon).
type overflowTable struct {
	title   string
	nf      numFmt
	council func(c, y int) float64
	cons    func(y int) float64
	nY      int
}

// year is a council's figure in year y, if the horizon has that year.
func (tb overflowTable) year(c, y int) (float64, bool) {
	if y >= tb.nY {
		return 0, false
	}
	return tb.council(c, y), true
}

func (b *book) overflowTables() [2]overflowTable {
	res := b.res
	cf := func(c, y int) carecast.CouncilFigures {
		if y < 0 {
			return res.Councils[c].Total
		}
		return res.Councils[c].Years[y]
	}
	yf := func(y int) carecast.Figures {
		if y < 0 {
			return res.Total
		}
		return res.Years[y].Figures
	}
	return [2]overflowTable{
		{carecast.LabelOverflow + " by council and financial year", fmtRoomDays,
			func(c, y int) float64 { return decFloat(cf(c, y).OverflowRoomDays) },
			func(y int) float64 { return decFloat(yf(y).OverflowRoomDays) }, b.nY},
		{"Spot cost of the overflow (£) by council and financial year", fmtMoney,
			func(c, y int) float64 { return penceCell(cf(c, y).OverflowCost.PenceInt()) },
			func(y int) float64 { return penceCell(yf(y).OverflowCost.PenceInt()) }, b.nY},
	}
}

// writeOverflow writes the Overflow sheet: for the room-days and for their
// spot cost, each council's figure by financial year (carecast's), the
// whole horizon as the sum of the years, the councils summed, and
// carecast's consortium figure, which the Checks sheet ties to that sum.
func (b *book) writeOverflow() error {
	l, st := &b.overflow, b.st
	widths := map[int]float64{1: 10, 2: 30, 3: 18}
	sw, err := b.newStream(sheetOverflow, 14, widths)
	if err != nil {
		return err
	}
	rw := b.rowWriter(sw, ovColFY+b.nY-1)
	rw.text(1, "Overflow: placements the block cannot take", roleTitle)
	rw.endAt(1)
	notes := []string{
		"Occupancy follows demand (docs/methodology.md §11); the sharing rule in force: " + ruleName(b.res.Scenario.Assumptions.SharingRule()) + ".",
		"The children the block cannot take are still placed at spot prices: the overflow. That spot purchasing is the same with and without",
		"the scheme, so it cancels out of the savings: it is reported here, apart from them, and is in neither the Savings, the NPV nor the fund.",
	}
	for i, n := range notes {
		rw.text(1, n, roleText)
		rw.endAt(2 + i)
	}
	lastFY := b.cols[ovColFY+b.nY-1]
	for i, tb := range b.overflowTables() {
		rw.block(func() {
			rw.text(1, tb.title, roleSection)
			rw.endAt(l.first[i] - 2)
			rw.text(1, "Code", roleHeading)
			rw.text(2, "Name", roleHeading)
			rw.text(3, "Whole horizon", roleHeading)
			for y, yr := range b.res.Years {
				rw.text(ovColFY+y, yr.FY.String(), roleHeading)
			}
			rw.endAt(l.first[i] - 1)
			value, calc := st.id(roleImport, tb.nf), st.id(roleCalc, tb.nf)
			for c, cr := range b.res.Councils {
				r := itoa(l.first[i] + c)
				rw.text(1, cr.Council.Code, roleText)
				rw.text(2, cr.Council.Name, roleText)
				for y := range b.nY {
					rw.cell(ovColFY+y, value, "", tb.council(c, y))
				}
				rw.cell(3, calc, "SUM(D"+r+":"+lastFY+r+")", tb.whole(c))
				rw.endAt(l.first[i] + c)
			}
			rw.text(2, "Councils, summed", roleHeading)
			for k := 3; k < ovColFY+b.nY; k++ {
				y := k - ovColFY
				col := b.cols[k]
				v := b.councilsSum(tb, y)
				f := "0"
				if b.nC > 0 {
					f = "SUM(" + col + itoa(l.first[i]) + ":" + col + itoa(l.sum[i]-1) + ")"
				}
				rw.cell(k, calc, f, v)
			}
			rw.endAt(l.sum[i])
			rw.text(2, "Consortium (carecast)", roleText)
			for k := 3; k < ovColFY+b.nY; k++ {
				rw.cell(k, value, "", tb.cons(k-ovColFY))
			}
			rw.endAt(l.cons[i])
		})
		rw.skip(1)
	}
	return rw.close()
}

// summaryOverflow writes the Summary's headline lines of the overflow,
// linked to the Overflow sheet's consortium figures: apart from the
// savings, as the labels say.
func (b *book) summaryOverflow(rw *rowWriter) {
	st, l, t := b.st, &b.overflow, b.res.Total
	ref := sheetRef(sheetOverflow)
	rw.text(1, carecast.LabelOverflow+", not in the savings", roleText)
	rw.text(2, "room-days", roleText)
	rw.cell(3, st.id(roleCalc, fmtRoomDays), ref+"C"+itoa(l.cons[0]), decFloat(t.OverflowRoomDays))
	rw.end()
	rw.text(1, "Spot cost of the overflow, not in the savings", roleText)
	rw.text(2, "£", roleText)
	rw.cell(3, st.id(roleCalc, fmtMoney), ref+"C"+itoa(l.cons[1]), penceCell(t.OverflowCost.PenceInt()))
	rw.end()
}

// overflowChecks: the councils' overflow sums to the consortium's, in
// room-days and in spot cost, for the whole horizon and every year.
func (b *book) overflowChecks() []check {
	l, ref := &b.overflow, sheetRef(sheetOverflow)
	last := b.cols[ovColFY+b.nY-1]
	var cs []check
	for i, tb := range b.overflowTables() {
		diff := 0.0
		for y := -1; y < b.nY; y++ {
			d := math.Abs(b.councilsSum(tb, y) - tb.cons(y))
			if tb.nf == fmtMoney {
				d = math.Round(d*100) / 100 // whole pence apart
			}
			diff += d
		}
		s, c := itoa(l.sum[i]), itoa(l.cons[i])
		label := "Overflow: councils sum to the consortium, whole horizon and each year: "
		if i == 0 {
			label += "room-days"
		} else {
			label += "spot cost"
		}
		cs = append(cs, check{label: label, where: sheetOverflow, nf: tb.nf,
			formula: "SUMPRODUCT(ABS(" + ref + "C" + s + ":" + last + s + "-" + ref + "C" + c + ":" + last + c + "))",
			diff:    diff})
	}
	return cs
}

// councilsSum is the councils' figures of a table in year y (-1: their
// whole horizon cells) summed, as the sheet's SUM works it out.
func (b *book) councilsSum(tb overflowTable, y int) float64 {
	xs := make([]float64, b.nC)
	for c := range b.nC {
		if y < 0 {
			xs[c] = tb.whole(c)
		} else {
			xs[c] = tb.council(c, y)
		}
	}
	return tb.sum(xs)
}

// whole is a council's whole horizon cell: the sum of its years.
func (tb overflowTable) whole(c int) float64 {
	xs := make([]float64, 0, 32)
	for y := 0; ; y++ {
		v, ok := tb.year(c, y)
		if !ok {
			break
		}
		xs = append(xs, v)
	}
	return tb.sum(xs)
}

// sum adds a table's figures: whole pence exactly for money.
func (tb overflowTable) sum(xs []float64) float64 {
	v := 0.0
	var p int64
	for _, x := range xs {
		v += x
		p += int64(math.Round(x * 100))
	}
	if tb.nf == fmtMoney {
		return penceCell(p)
	}
	return v
}

// --- Bed trading -------------------------------------------------------------

// The Bed trading sheet's rows and columns: A figure, B unit, one column
// per sharing rule from C, then the differences against allocation alone.
const (
	trHead    = 7
	trFirst   = 9 // savings; then NPV, occupancy, void cost, overflow
	trColRule = 3
)

// tradingLayout is where the Bed trading sheet's council table stands.
type tradingLayout struct {
	councilHead, councilFirst, councilSum int
	alloc                                 int // the column index (in Result.Sharing) of allocation alone; -1: none
	diffs                                 []int
}

func (b *book) hasTrading() bool { return len(b.res.Sharing) > 0 }

func (b *book) planTrading() {
	l := &b.trading
	l.councilHead = trFirst + 5 + 2
	l.councilFirst = l.councilHead + 2
	l.councilSum = l.councilFirst + b.nC
	l.alloc, l.diffs = -1, nil
	for i, run := range b.res.Sharing {
		if run.Rule == carecast.SharingAllocated {
			l.alloc = i
		}
	}
	if l.alloc >= 0 {
		for i := range b.res.Sharing {
			if i != l.alloc {
				l.diffs = append(l.diffs, i)
			}
		}
	}
}

// ruleDiffs are the heading and note of a sharing rule's difference from
// allocation alone, on the Bed trading sheet.
var ruleDiffs = map[string]struct{ heading, note string }{
	carecast.SharingAllocatedTrade: {"What trading adds", "traded less allocated"},
	carecast.SharingPooled:         {"What pooling adds", "pooled less allocated"},
}

// ruleName is a sharing rule in words, with its name in the inputs.
func ruleName(rule string) string {
	if w := carecast.SharingWords(rule); w != rule {
		return w + " (" + rule + ")"
	}
	return rule
}

// writeTrading writes the Bed trading sheet: the same scenario under each
// sharing rule (carecast's figures), each council's savings under each
// with the councils summed, and, as formulas, what trading after
// allocation and pooling change against allocation alone.
func (b *book) writeTrading() error {
	l, st, runs := &b.trading, b.st, b.res.Sharing
	nR := len(runs)
	widths := map[int]float64{1: 34, 2: 10}
	for i := range nR + len(l.diffs) {
		widths[trColRule+i] = 27
	}
	sw, err := b.newStream(sheetTrading, 14, widths)
	if err != nil {
		return err
	}
	rw := b.rowWriter(sw, trColRule+nR+len(l.diffs)-1)
	inForce := b.res.Scenario.Assumptions.SharingRule()
	rw.text(1, "Bed trading: the same scenario under each sharing rule", roleTitle)
	rw.endAt(1)
	notes := []string{
		"This forecast uses the sharing rule " + ruleName(inForce) + ": every other sheet shows that rule.",
		"Each column below forecasts the whole scenario again under one rule (docs/methodology.md §11); the last columns are what trading",
		"after allocation, and pooling every room, change against allocation alone. Overflow (placements the block cannot take) is still",
		"spot-purchased under every rule and is not in the savings.",
	}
	for i, n := range notes {
		rw.text(1, n, roleText)
		rw.endAt(2 + i)
	}
	// heads writes the column headings in rows r and r+1: each rule in
	// words, then as the inputs name it, the rule in force marked.
	heads := func(r int, first string) {
		rw.text(1, first, roleHeading)
		rw.text(2, "Unit", roleHeading)
		for i, run := range runs {
			rw.text(trColRule+i, carecast.SharingLabel(run.Rule), roleHeading)
		}
		for j, i := range l.diffs {
			rw.text(trColRule+nR+j, ruleDiffs[runs[i].Rule].heading, roleHeading)
		}
		rw.endAt(r, tallRow)
		rw.text(1, "Sharing rule in the Assumptions", roleText)
		for i, run := range runs {
			code := run.Rule
			if run.Rule == inForce {
				code += ": in force"
			}
			rw.text(trColRule+i, code, roleText)
		}
		for j, i := range l.diffs {
			rw.text(trColRule+nR+j, ruleDiffs[runs[i].Rule].note, roleText)
		}
		rw.endAt(r + 1)
	}
	// diffCells writes the difference columns of row r, whose values are v.
	diffCells := func(r int, style int, money bool, v func(i int) float64) {
		a := b.cols[trColRule+l.alloc]
		for j, i := range l.diffs {
			k := b.cols[trColRule+i]
			d := v(i) - v(l.alloc)
			if money {
				d = penceCell(int64(math.Round(v(i)*100)) - int64(math.Round(v(l.alloc)*100)))
			}
			rw.cell(trColRule+nR+j, style, k+itoa(r)+"-"+a+itoa(r), d)
		}
	}
	rows := []struct {
		label, unit string
		nf, diffNF  numFmt
		v           func(r carecast.SharingRun) float64
	}{
		{carecast.LabelSavings, "£", fmtMoney, fmtMoney, func(r carecast.SharingRun) float64 { return penceCell(r.Savings.PenceInt()) }},
		{carecast.LabelNPV, "£", fmtMoney, fmtMoney, func(r carecast.SharingRun) float64 { return penceCell(r.NPV.PenceInt()) }},
		{carecast.LabelOccupancy, "%", fmtRate, fmtRateChange, func(r carecast.SharingRun) float64 { return decFloat(r.OccupancyRate) }},
		{carecast.LabelVoidCost, "£", fmtMoney, fmtMoney, func(r carecast.SharingRun) float64 { return penceCell(r.VoidCost.PenceInt()) }},
		{carecast.LabelOverflow, "room-days", fmtRoomDays, fmtRoomDays, func(r carecast.SharingRun) float64 { return decFloat(r.OverflowRoomDays) }},
	}
	rw.block(func() {
		heads(trHead, "Figure")
		for k, row := range rows {
			r := trFirst + k
			rw.text(1, row.label, roleText)
			rw.text(2, row.unit, roleText)
			for i, run := range runs {
				rw.cell(trColRule+i, st.id(roleImport, row.nf), "", row.v(run))
			}
			diffCells(r, st.id(roleCalc, row.diffNF), row.nf == fmtMoney, func(i int) float64 { return row.v(runs[i]) })
			rw.endAt(r)
		}
	})
	rw.skip(1)
	money, calc := st.id(roleImport, fmtMoney), st.id(roleCalc, fmtMoney)
	rw.block(func() {
		rw.text(1, carecast.LabelSavings+" by council", roleSection)
		rw.endAt(l.councilHead - 1)
		heads(l.councilHead, "Council")
		for c := range b.nC {
			r := l.councilFirst + c
			rw.text(1, b.res.Councils[c].Council.Label(), roleText)
			rw.text(2, "£", roleText)
			for i, run := range runs {
				rw.cell(trColRule+i, money, "", penceCell(run.CouncilSavings[c].PenceInt()))
			}
			diffCells(r, calc, true, func(i int) float64 { return penceCell(runs[i].CouncilSavings[c].PenceInt()) })
			rw.endAt(r)
		}
		rw.text(1, "Councils, summed", roleHeading)
		rw.text(2, "£", roleText)
		sum := func(i int) float64 {
			var p int64
			for _, s := range runs[i].CouncilSavings {
				p += s.PenceInt()
			}
			return penceCell(p)
		}
		for i := range nR + len(l.diffs) {
			k := b.cols[trColRule+i]
			f := "0"
			if b.nC > 0 {
				f = "SUM(" + k + itoa(l.councilFirst) + ":" + k + itoa(l.councilSum-1) + ")"
			}
			v := 0.0
			if i < nR {
				v = sum(i)
			} else {
				j := l.diffs[i-nR]
				v = penceCell(int64(math.Round((sum(j) - sum(l.alloc)) * 100)))
			}
			rw.cell(trColRule+i, calc, f, v)
		}
		rw.endAt(l.councilSum)
	})
	return rw.close()
}

// tradingChecks: under every rule the councils' savings sum to the
// rule's savings, and the rule in force gives the Summary's savings and
// NPV.
func (b *book) tradingChecks() []check {
	l, ref, runs := &b.trading, sheetRef(sheetTrading), b.res.Sharing
	last := b.cols[trColRule+len(runs)-1]
	worst := 0.0
	for _, run := range runs {
		var p int64
		for _, s := range run.CouncilSavings {
			p += s.PenceInt()
		}
		worst += math.Abs(penceCell(p - run.Savings.PenceInt()))
	}
	s := itoa(l.councilSum)
	cs := []check{{label: "Bed trading: under each rule the councils' savings sum to its savings", where: sheetTrading,
		formula: "SUMPRODUCT(ABS(" + ref + "C" + s + ":" + last + s + "-" + ref + "C" + itoa(trFirst) + ":" + last + itoa(trFirst) + "))",
		diff:    worst}}
	inForce := b.res.Scenario.Assumptions.SharingRule()
	for i, run := range runs {
		if run.Rule != inForce {
			continue
		}
		k := b.cols[trColRule+i]
		// The NPV against the Summary's by-council table, whose consortium
		// row sums the councils' NPVs to the penny (the headline NPV is
		// the Timeline's unrounded present value).
		sav := b.lines.savCons.val(0)
		npvRef := "Summary!" + b.sumNPVCol + itoa(b.sumNPVLast+1)
		cs = append(cs, check{label: "Bed trading: the rule in force gives the Summary's savings and NPV", where: sheetTrading + ", Summary",
			formula: "ABS(" + ref + k + itoa(trFirst) + "-Summary!C" + itoa(b.sumSavRow) + ")+ABS(" + ref + k + itoa(trFirst+1) + "-" + npvRef + ")",
			diff:    math.Abs(penceCell(run.Savings.PenceInt())-sav) + math.Abs(penceCell(run.NPV.PenceInt()-b.res.NPV.PenceInt()))})
	}
	return cs
}
