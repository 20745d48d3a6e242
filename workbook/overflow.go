package workbook

import (
	"math"

	"github.com/carecast/carecast"
	"github.com/carecast/carecast/reports"
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
	l := &b.plan.overflow
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
	// The report's tables, exact: room-days a column a year (the whole
	// horizon after them), spot cost the whole horizon first.
	days := reports.Overflow(b.res, reports.Options{Exact: true})
	cost := reports.OverflowCost(b.res, reports.Options{Exact: true})
	nY := b.nY
	return [2]overflowTable{
		{carecast.LabelOverflow + " by council and financial year", fmtRoomDays,
			func(c, y int) float64 { return cellValue(days.Rows[c][1+y]) },
			func(y int) float64 {
				if y < 0 {
					return cellValue(days.Totals[0][1+nY])
				}
				return cellValue(days.Totals[0][1+y])
			}, nY},
		{carecast.LabelOverflowCost + " (£) by council and financial year", fmtMoney,
			func(c, y int) float64 { return cellValue(cost.Rows[c][2+y]) },
			func(y int) float64 { return cellValue(cost.Totals[0][2+y]) }, nY},
	}
}

// writeOverflow writes the Overflow sheet: for the room-days and for their
// spot cost, each council's figure by financial year (carecast's), the
// whole horizon as the sum of the years, the councils summed, and
// carecast's consortium figure, which the Checks sheet ties to that sum.
func (b *book) writeOverflow() error {
	l, st := &b.plan.overflow, b.st
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
	for i, tb := range b.overflowTables() {
		rw.block(func() {
			rw.text(1, tb.title, roleSection)
			rw.endAt(l.first[i] - 2)
			rw.text(1, carecast.LabelCode, roleHeading)
			rw.text(2, carecast.LabelName, roleHeading)
			rw.text(3, carecast.LabelWholeHorizon, roleHeading)
			for y, yr := range b.res.Years {
				rw.text(ovColFY+y, yr.FY.String(), roleHeading)
			}
			rw.endAt(l.first[i] - 1)
			value, calc := st.id(roleImport, tb.nf), st.id(roleCalc, tb.nf)
			for c, cr := range b.res.Councils {
				rw.text(1, cr.Council.Code, roleText)
				rw.text(2, cr.Council.Name, roleText)
				for y := range b.nY {
					rw.cell(ovColFY+y, value, "", tb.council(c, y))
				}
				rw.cell(3, calc, fn("SUM", row(l.first[i]+c, ovColFY, ovColFY+b.nY-1)), tb.whole(c))
				rw.endAt(l.first[i] + c)
			}
			rw.text(2, carecast.LabelCouncilsSummed, roleHeading)
			for k := 3; k < ovColFY+b.nY; k++ {
				y := k - ovColFY
				v := b.councilsSum(tb, y)
				f := "0"
				if b.nC > 0 {
					f = fn("SUM", column(k, l.first[i], l.sum[i]-1))
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

// overflowChecks: the councils' overflow sums to the consortium's, in
// room-days and in spot cost, for the whole horizon and every year.
func (b *book) overflowChecks() []check {
	l, last := &b.plan.overflow, ovColFY+b.nY-1
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
		sums, cons := row(l.sum[i], 3, last).on(sheetOverflow), row(l.cons[i], 3, last).on(sheetOverflow)
		label := "Overflow: councils sum to the consortium, whole horizon and each year: "
		if i == 0 {
			label += "room-days"
		} else {
			label += "spot cost"
		}
		cs = append(cs, check{label: label, where: sheetOverflow, nf: tb.nf,
			formula: fn("SUMPRODUCT", fn("ABS", sums.String()+"-"+cons.String())),
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
