package workbook

import (
	"fmt"
	"math"

	"github.com/carecast/carecast"
	"github.com/shopspring/decimal"
	"github.com/xuri/excelize/v2"
)

// The timeline sheets. Both have the same columns (see workbook.go); a
// time column tc numbers E (0), the financial years (1..nY) and the months
// (nY+1..) in the order they stand on the sheet.

// Rows of the time axis, the same on both timeline sheets.
const (
	rowStart     = 4 // first day of the period
	rowEnd       = 5 // last day
	rowDays      = 6
	rowFY        = 7  // financial year label: the key of the SUMIFs
	rowModelYear = 8  // k of docs/methodology.md §7, months only
	rowFlag      = 9  // 1 in the first period, else 0: brings in an opening balance
	rowAxis      = 10 // the charts' axis: a year's label in its first month
	rowHeadings  = 11
	rowFirstData = 13
)

// How a group of columns of a row is filled.
type mode int

const (
	mNone    mode = iota
	mValue        // carecast's value
	mFormula      // the row's formula
	mSumIf        // financial years: SUMIF over the months
	mSumFY        // E: the sum of the financial years
	mOpening      // E of a balance: the opening constant in D
)

// lineItem is one row of a timeline sheet.
type lineItem struct {
	r                    int
	section              bool // a block heading: label only
	label, council, unit string
	nf                   numFmt
	role                 role // of the time columns
	// D: a constant the row uses (a value, or a link with its value).
	dSet     bool
	dFormula string
	dVal     float64
	dRole    role
	// The time columns.
	mMode, yMode, eMode mode
	p                   []int64   // money, in pence, by time column; nil for other figures
	v                   []float64 // other figures, by time column
	formula             func(tc int) string
}

// val is the row's value in time column tc, as the cell holds it.
func (t *lineItem) val(tc int) float64 {
	if t.p != nil {
		return penceCell(t.p[tc])
	}
	return t.v[tc]
}

// timelineSheet is a timeline sheet being planned.
type timelineSheet struct {
	name, title, note string
	rows              []*lineItem
	next              int
}

// newTimelineSheet starts planning a timeline sheet.
func newTimelineSheet(name, title, note string) *timelineSheet {
	return &timelineSheet{name: name, title: title, note: note, next: rowFirstData}
}

// add puts t on the sheet's next row.
func (s *timelineSheet) add(t *lineItem) *lineItem {
	t.r = s.next
	s.next++
	s.rows = append(s.rows, t)
	return t
}

func (s *timelineSheet) section(label string) {
	if len(s.rows) > 0 {
		s.next++ // a blank row between blocks
	}
	s.add(&lineItem{section: true, label: label})
}

// nT is the number of time columns.
func (b *book) nT() int { return 1 + b.nY + b.nM }

// col is the sheet column of time column tc.
func (b *book) col(tc int) int {
	switch {
	case tc == 0:
		return b.colE
	case tc <= b.nY:
		return b.colFY0 + tc - 1
	default:
		return b.colM0 + tc - 1 - b.nY
	}
}

// month reports which month time column tc is, and whether it is one.
func (b *book) month(tc int) (int, bool) { return tc - 1 - b.nY, tc > b.nY }

// ref is row t of sheet s in time column tc: Timeline!G12.
func (b *book) ref(s *timelineSheet, t *lineItem, tc int) ref { return cell(b.col(tc), t.r).on(s.name) }

// at is a reference to row t in time column tc on its own sheet: G12.
func (b *book) at(t *lineItem, tc int) string { return cell(b.col(tc), t.r).String() }

// atOn is the same from another sheet: Timeline!G12.
func (b *book) atOn(s *timelineSheet, t *lineItem, tc int) string { return b.ref(s, t, tc).String() }

// axisAt is time column tc's cell of row r of the time axis, its row
// fixed: G$7.
func (b *book) axisAt(r, tc int) string { return cell(b.col(tc), r).fixRow().String() }

// block is the column range of rows first..last in time column tc: G12:G19.
func (b *book) block(first, last *lineItem, tc int) ref {
	return column(b.col(tc), first.r, last.r)
}

// sumIf is a financial year's total of a row of months: the months whose
// financial year (row 7) is the column's.
func (b *book) sumIf(t *lineItem, tc int) string {
	key := row(rowFY, b.colM0, b.lastCol).abs()
	return fn("SUMIF", key, b.axisAt(rowFY, tc), row(t.r, b.colM0, b.lastCol).fixCol())
}

// sumFY is the horizon's total of a row's financial years.
func (b *book) sumFY(t *lineItem) string {
	return fn("SUM", row(t.r, b.colFY0, b.colFY0+b.nY-1))
}

// --- rows of carecast's figures ------------------------------------------

// moneyFlow is a row of monthly money figures: the years SUMIF them, E
// sums the years.
func (b *book) moneyFlow(s *timelineSheet, label, council string, pm func(m int) int64) *lineItem {
	t := &lineItem{label: label, council: council, unit: "£", nf: fmtMoney, role: roleImport,
		mMode: mValue, yMode: mSumIf, eMode: mSumFY, p: make([]int64, b.nT())}
	for m := range b.nM {
		x := pm(m)
		t.p[1+b.nY+m] = x
		t.p[1+b.fyOf[m]] += x
		t.p[0] += x
	}
	return s.add(t)
}

// numFlow is moneyFlow for exact decimal figures such as room-days.
func (b *book) numFlow(s *timelineSheet, label, council, unit string, nf numFmt, dm func(m int) decimal.Decimal) *lineItem {
	t := &lineItem{label: label, council: council, unit: unit, nf: nf, role: roleImport,
		mMode: mValue, yMode: mSumIf, eMode: mSumFY, v: make([]float64, b.nT())}
	years := make([]decimal.Decimal, b.nY)
	total := decimal.Zero
	for m := range b.nM {
		x := dm(m)
		t.v[1+b.nY+m] = decFloat(x)
		years[b.fyOf[m]] = years[b.fyOf[m]].Add(x)
		total = total.Add(x)
	}
	for y := range years {
		t.v[1+y] = decFloat(years[y])
	}
	t.v[0] = decFloat(total)
	return s.add(t)
}

// monthly is a row of values in force in each month (a price, a share):
// months only.
func (b *book) monthly(s *timelineSheet, label, council, unit string, nf numFmt, vm func(m int) float64) *lineItem {
	t := &lineItem{label: label, council: council, unit: unit, nf: nf, role: roleImport,
		mMode: mValue, v: make([]float64, b.nT())}
	for m := range b.nM {
		t.v[1+b.nY+m] = vm(m)
	}
	return s.add(t)
}

// calc is a row with one formula in every time column.
func (b *book) calc(s *timelineSheet, label, council, unit string, nf numFmt, f func(tc int) string) *lineItem {
	return s.add(&lineItem{label: label, council: council, unit: unit, nf: nf, role: roleCalc,
		mMode: mFormula, yMode: mFormula, eMode: mFormula, formula: f})
}

// calcMoney is calc for money worked out in pence by fp for each time column.
func (b *book) calcMoney(s *timelineSheet, label, council string, f func(tc int) string, fp func(tc int) int64) *lineItem {
	t := b.calc(s, label, council, "£", fmtMoney, f)
	t.p = make([]int64, b.nT())
	for tc := range t.p {
		t.p[tc] = fp(tc)
	}
	return t
}

// sumRows is a total of a block of rows, in pence.
func sumP(rows []*lineItem, tc int) int64 {
	var s int64
	for _, r := range rows {
		s += r.p[tc]
	}
	return s
}

func abs64(x int64) int64 {
	if x < 0 {
		return -x
	}
	return x
}

// checkMoney is a check row: the absolute difference between the sum of a
// block of council rows and the consortium's row, zero when they agree.
func (b *book) checkMoney(s *timelineSheet, label string, rows []*lineItem, total *lineItem) *lineItem {
	first, last := rows[0], rows[len(rows)-1]
	t := b.calcMoney(s, label, "", func(tc int) string {
		return fn("ABS", fn("SUM", b.block(first, last, tc))+"-"+b.at(total, tc))
	}, func(tc int) int64 { return abs64(sumP(rows, tc) - total.p[tc]) })
	t.role = roleCheck
	return t
}

// --- Timeline ---------------------------------------------------------------

// timelineRows are the rows other sheets refer to.
type timelineRows struct {
	capacity, avgRooms         *lineItem
	occCons, avgOcc            *lineItem
	occRate                    *lineItem
	blockCost, usedCons, void  *lineItem
	running, grants, shared    *lineItem
	avoidedCons                *lineItem
	attrCons, savCons, cumCons *lineItem
	deflator, discount, pvCons *lineItem
	occ, used, alloc, avoided  []*lineItem
	attr, sav, cum, pv         []*lineItem
	voidShare, runShare        []*lineItem // the two parts of alloc
	checks                     []*lineItem // the checks, in the order of their labels
	checkLabels                []string
	monthlyValueRows           []*lineItem // consortium rows of carecast's monthly figures
	councilValueBlocks         [][]*lineItem
	councilValueLabels         []string
}

// planTimeline lays out the Timeline sheet, row by row: rooms and
// occupancy, prices, costs, the shared cost and its allocation, spot
// purchasing avoided, savings and their present value, by council and for
// the consortium, each row with carecast's figures and the formula that
// works it out.
func (b *book) planTimeline() {
	b.plan.tl = newTimelineSheet(sheetTimeline, "Timeline: rooms, occupancy, costs and savings by month",
		"Blue cells are carecast's figures (docs/methodology.md §4-§5), white cells formulas over them. "+
			"Money is positive in the direction its label says; savings are spot purchasing avoided less attributed cost.")
	b.planOccupancy()
	b.planCosts()
	b.planSavings()
	b.planTimelineChecks()
}

// councilCode is council c's code, the Council column of its rows.
func (b *book) councilCode(c int) string { return b.res.Councils[c].Council.Code }

// councilMonth is council c's figures in month m.
func (b *book) councilMonth(m, c int) *carecast.CouncilMonth { return &b.res.Months[m].Councils[c] }

// perCouncil plans one row per council, in order.
func (b *book) perCouncil(f func(c int) *lineItem) []*lineItem {
	rows := make([]*lineItem, b.nC)
	for c := range b.nC {
		rows[c] = f(c)
	}
	return rows
}

// planOccupancy plans the rooms, the block price, capacity, occupied room-days
// and the occupancy.
func (b *book) planOccupancy() {
	res, s, tr := b.res, b.plan.tl, &b.plan.lines
	s.section("Rooms and the block price")
	b.monthly(s, "Block rooms available on the first day", "", "rooms", fmtInt,
		func(m int) float64 { return float64(res.Months[m].Rooms) })
	b.monthly(s, "Block price per room-week on the first day", "", "£/week", fmtPrice,
		func(m int) float64 { return decFloat(res.Months[m].BlockWeeklyPrice) })
	tr.capacity = b.numFlow(s, carecast.LabelCapacity, "", "room-days", fmtRoomDays,
		func(m int) decimal.Decimal { return res.Months[m].CapacityRoomDays })
	tr.avgRooms = b.perDay(s, "Average rooms available", tr.capacity)

	s.section("Occupied room-days")
	tr.occ = b.perCouncil(func(c int) *lineItem {
		return b.numFlow(s, carecast.LabelOccupied, b.councilCode(c), "room-days", fmtRoomDays,
			func(m int) decimal.Decimal { return b.councilMonth(m, c).OccupiedRoomDays })
	})
	tr.occCons = b.numFlow(s, carecast.LabelOccupied+", consortium", "", "room-days", fmtRoomDays,
		func(m int) decimal.Decimal { return res.Months[m].OccupiedRoomDays })
	tr.avgOcc = b.perDay(s, "Average rooms occupied", tr.occCons)
	occ, capy := tr.occCons, tr.capacity
	tr.occRate = b.calc(s, carecast.LabelOccupancy+": occupied / capacity", "", "%", fmtRate, func(tc int) string {
		// A period without capacity has nothing occupied: the rate is its
		// occupied room-days, zero.
		return "IFERROR(" + b.at(occ, tc) + "/" + b.at(capy, tc) + "," + b.at(occ, tc) + ")"
	})
	tr.occRate.v = make([]float64, b.nT())
	for tc := range tr.occRate.v {
		if capy.v[tc] != 0 {
			tr.occRate.v[tc] = occ.v[tc] / capy.v[tc]
		} else {
			tr.occRate.v[tc] = occ.v[tc]
		}
	}

}

// planCosts plans spot prices, the block cost (used and void), the shared
// cost and its allocation, spot purchasing avoided and the attributed cost.
func (b *book) planCosts() {
	res, nc, s, tr := b.res, b.nC, b.plan.tl, &b.plan.lines
	s.section("Spot price per placement-week on the first day")
	for c := range nc {
		b.monthly(s, "Spot price", b.councilCode(c), "£/week", fmtPrice,
			func(m int) float64 { return decFloat(b.councilMonth(m, c).SpotWeeklyPrice) })
	}

	s.section("Block cost: used and void")
	tr.blockCost = b.moneyFlow(s, carecast.LabelBlockCost, "", func(m int) int64 { return res.Months[m].BlockCost.PenceInt() })
	tr.used = b.perCouncil(func(c int) *lineItem {
		return b.moneyFlow(s, carecast.LabelUsedBlock, b.councilCode(c), func(m int) int64 { return b.councilMonth(m, c).UsedBlock.PenceInt() })
	})
	tr.usedCons = b.moneyFlow(s, "Used block cost, consortium", "", func(m int) int64 { return res.Months[m].UsedBlock.PenceInt() })
	block, usedC := tr.blockCost, tr.usedCons
	tr.void = b.calcMoney(s, carecast.LabelVoidCost+": block cost less used", "",
		func(tc int) string { return b.at(block, tc) + "-" + b.at(usedC, tc) },
		func(tc int) int64 { return block.p[tc] - usedC.p[tc] })

	s.section("Shared cost: void cost and running costs, less grants")
	tr.running = b.moneyFlow(s, carecast.LabelRunningCosts, "", func(m int) int64 { return res.Months[m].OtherCosts.PenceInt() })
	tr.grants = b.moneyFlow(s, carecast.LabelGrants, "", func(m int) int64 { return res.Months[m].Grants.PenceInt() })
	void, run, gr := tr.void, tr.running, tr.grants
	tr.shared = b.calcMoney(s, carecast.LabelSharedCost, "",
		func(tc int) string { return b.at(void, tc) + "+" + b.at(run, tc) + "-" + b.at(gr, tc) },
		func(tc int) int64 { return void.p[tc] + run.p[tc] - gr.p[tc] })
	for c := range nc {
		b.monthly(s, "Share of the shared cost", b.councilCode(c), "share", fmtShare,
			func(m int) float64 { return decFloat(b.councilMonth(m, c).Share) })
	}
	tr.alloc = b.perCouncil(func(c int) *lineItem {
		return b.moneyFlow(s, carecast.LabelSharedCost+": the council's share (largest remainder)", b.councilCode(c),
			func(m int) int64 { return b.councilMonth(m, c).SharedCost.PenceInt() })
	})

	tr.voidShare = b.perCouncil(func(c int) *lineItem {
		return b.moneyFlow(s, carecast.LabelShareOfVoid, b.councilCode(c),
			func(m int) int64 { return b.councilMonth(m, c).VoidShare.PenceInt() })
	})
	tr.runShare = b.perCouncil(func(c int) *lineItem {
		a, v := tr.alloc[c], tr.voidShare[c]
		return b.calcMoney(s, carecast.LabelShareOfRunning, b.councilCode(c),
			func(tc int) string { return b.at(a, tc) + "-" + b.at(v, tc) },
			func(tc int) int64 { return a.p[tc] - v.p[tc] })
	})

	s.section(carecast.LabelSpotAvoided)
	tr.avoided = b.perCouncil(func(c int) *lineItem {
		return b.moneyFlow(s, carecast.LabelSpotAvoided, b.councilCode(c), func(m int) int64 { return b.councilMonth(m, c).SpotAvoided.PenceInt() })
	})
	tr.avoidedCons = b.moneyFlow(s, "Spot purchasing avoided, consortium", "",
		func(m int) int64 { return res.Months[m].SpotAvoided.PenceInt() })

	s.section("Attributed cost: used block cost plus allocated shared cost")
	tr.attr = b.perCouncil(func(c int) *lineItem {
		u, a := tr.used[c], tr.alloc[c]
		return b.calcMoney(s, carecast.LabelAttributedCost, b.councilCode(c),
			func(tc int) string { return b.at(u, tc) + "+" + b.at(a, tc) },
			func(tc int) int64 { return u.p[tc] + a.p[tc] })
	})
	sh := tr.shared
	tr.attrCons = b.calcMoney(s, "Attributed cost, consortium", "",
		func(tc int) string { return b.at(usedC, tc) + "+" + b.at(sh, tc) },
		func(tc int) int64 { return usedC.p[tc] + sh.p[tc] })

}

// planSavings plans the savings, cumulative savings and their present value.
func (b *book) planSavings() {
	s, tr := b.plan.tl, &b.plan.lines
	s.section("Savings: spot purchasing avoided less attributed cost")
	tr.sav = b.perCouncil(func(c int) *lineItem {
		av, at := tr.avoided[c], tr.attr[c]
		return b.calcMoney(s, carecast.LabelSavings, b.councilCode(c),
			func(tc int) string { return b.at(av, tc) + "-" + b.at(at, tc) },
			func(tc int) int64 { return av.p[tc] - at.p[tc] })
	})
	avC, atC := tr.avoidedCons, tr.attrCons
	tr.savCons = b.calcMoney(s, "Savings, consortium", "",
		func(tc int) string { return b.at(avC, tc) + "-" + b.at(atC, tc) },
		func(tc int) int64 { return avC.p[tc] - atC.p[tc] })

	s.section("Cumulative savings (the months, and to the end of each financial year)")
	tr.cum = b.perCouncil(func(c int) *lineItem {
		return b.cumulative(s, carecast.LabelCumulativeSaving, b.councilCode(c), tr.sav[c])
	})
	tr.cumCons = b.cumulative(s, "Cumulative savings, consortium", "", tr.savCons)

	s.section("Present value of the savings (docs/methodology.md §7: real terms, discounted; model year 0 undiscounted)")
	tr.deflator = b.factor(s, "Real-terms factor: present value of £100 at the deflator, /100", b.plan.in.deflator.String(),
		b.res.Scenario.Assumptions.Deflator)
	tr.discount = b.factor(s, "Discount factor: present value of £100 at the discount rate, /100", b.plan.in.discount.String(),
		b.res.Scenario.Assumptions.DiscountRate)
	tr.pv = b.perCouncil(func(c int) *lineItem {
		return b.presentValue(s, carecast.LabelNPV+": present value of the savings", b.councilCode(c), tr.sav[c])
	})
	tr.pvCons = b.presentValue(s, carecast.LabelNPV+": present value of the savings, consortium", "", tr.savCons)

}

// planTimelineChecks plans the Timeline's own checks (councils sum to the
// consortium), and lists the rows the Checks sheet ties together.
func (b *book) planTimelineChecks() {
	nc, s, tr := b.nC, b.plan.tl, &b.plan.lines
	occ := tr.occCons
	s.section("Checks: each should be zero (see the Checks sheet)")
	add := func(label string, rows []*lineItem, total *lineItem) {
		tr.checks = append(tr.checks, b.checkMoney(s, label, rows, total))
		tr.checkLabels = append(tr.checkLabels, label)
	}
	if nc > 0 {
		first, last := tr.occ[0], tr.occ[nc-1]
		t := b.calc(s, "Councils' occupied room-days less the consortium's", "", "room-days", fmtRoomDays,
			func(tc int) string {
				return fn("ABS", fn("SUM", b.block(first, last, tc))+"-"+b.at(occ, tc))
			})
		t.role = roleCheck
		t.v = make([]float64, b.nT())
		for tc := range t.v {
			var sum float64
			for _, r := range tr.occ {
				sum += r.v[tc]
			}
			t.v[tc] = math.Abs(sum - occ.v[tc])
		}
		tr.checks = append(tr.checks, t)
		tr.checkLabels = append(tr.checkLabels, "Councils' occupied room-days sum to the consortium's")
		add("Councils' used block cost sums to the consortium's", tr.used, tr.usedCons)
		add("Councils' allocated shared cost sums to the shared cost", tr.alloc, tr.shared)
		add("Councils' shares of empty rooms sum to the void cost", tr.voidShare, tr.void)
		add("Councils' spot purchasing avoided sums to the consortium's", tr.avoided, tr.avoidedCons)
		add("Councils' attributed cost sums to the consortium's", tr.attr, tr.attrCons)
		add("Councils' savings sum to the consortium's", tr.sav, tr.savCons)
	}
	tr.monthlyValueRows = []*lineItem{tr.capacity, tr.occCons, tr.blockCost, tr.usedCons, tr.running, tr.grants, tr.avoidedCons}
	tr.councilValueBlocks = [][]*lineItem{tr.occ, tr.used, tr.alloc, tr.avoided}
	tr.councilValueLabels = []string{"occupied room-days", "used block cost", "allocated shared cost", "spot purchasing avoided"}
}

// perDay is a row of room-days over the period's days: average rooms.
func (b *book) perDay(s *timelineSheet, label string, of *lineItem) *lineItem {
	t := b.calc(s, label, "", "rooms", fmtRooms, func(tc int) string {
		return b.at(of, tc) + "/" + b.axisAt(rowDays, tc)
	})
	t.v = make([]float64, b.nT())
	days := b.days()
	for tc := range t.v {
		t.v[tc] = of.v[tc] / float64(days[tc])
	}
	return t
}

// days are the days of each time column.
func (b *book) days() []int {
	d := make([]int, b.nT())
	for m, mo := range b.res.Months {
		d[1+b.nY+m] = mo.Days
		d[1+b.fyOf[m]] += mo.Days
		d[0] += mo.Days
	}
	return d
}

// cumulative runs a row of savings: the months, and the years on their own.
func (b *book) cumulative(s *timelineSheet, label, council string, of *lineItem) *lineItem {
	t := s.add(&lineItem{label: label, council: council, unit: "£", nf: fmtMoney, role: roleCalc,
		mMode: mFormula, yMode: mFormula, p: make([]int64, b.nT())})
	t.formula = func(tc int) string { return cell(b.col(tc)-1, t.r).String() + "+" + b.at(of, tc) }
	var run int64
	for tc := 1; tc < b.nT(); tc++ {
		if tc == 1+b.nY {
			run = 0
		}
		run += of.p[tc]
		t.p[tc] = run
	}
	return t
}

// factor is a row of discount factors by model year: the present value of
// £100 k years on at the input rate, over 100.
func (b *book) factor(s *timelineSheet, label, rateCell string, rate decimal.Decimal) *lineItem {
	t := s.add(&lineItem{label: label, unit: "factor", nf: fmtFactor, role: roleCalc, mMode: mFormula,
		formula: func(tc int) string {
			return fn("PV", rateCell, b.axisAt(rowModelYear, tc), "", "-100") + "/100"
		}, v: make([]float64, b.nT())})
	q := 1 + decFloat(rate)
	for m, mo := range b.res.Months {
		t.v[1+b.nY+m] = 100 / math.Pow(q, float64(mo.ModelYear)) / 100
	}
	return t
}

// presentValue is savings times the two factors; the years SUMIF the months.
func (b *book) presentValue(s *timelineSheet, label, council string, sav *lineItem) *lineItem {
	tr := &b.plan.lines
	t := s.add(&lineItem{label: label, council: council, unit: "£", nf: fmtMoney, role: roleCalc,
		mMode: mFormula, yMode: mSumIf, eMode: mSumFY, v: make([]float64, b.nT())})
	t.formula = func(tc int) string {
		return b.at(sav, tc) + "*" + b.axisAt(tr.deflator.r, tc) + "*" + b.axisAt(tr.discount.r, tc)
	}
	for m := range b.nM {
		tc := 1 + b.nY + m
		x := penceCell(sav.p[tc]) * tr.deflator.v[tc] * tr.discount.v[tc]
		t.v[tc] = x
		t.v[1+b.fyOf[m]] += x
	}
	for y := range b.nY {
		t.v[0] += t.v[1+y]
	}
	return t
}

// --- writing a timeline sheet ---------------------------------------------------

func (b *book) writeTSheet(s *timelineSheet) error {
	sw, err := b.newStream(s.name, 13, map[int]float64{1: 42, 2: 9, 3: 10, 5: 16, 6: 2, b.colM0 - 1: 2})
	if err != nil {
		return err
	}
	if err := sw.SetPanes(&excelize.Panes{Freeze: true, XSplit: b.colE, YSplit: rowHeadings,
		TopLeftCell: cell(b.colE+1, rowHeadings+1).String(), ActivePane: "bottomRight"}); err != nil {
		return err
	}
	rw := b.rowWriter(sw, b.lastCol)
	// Each section is a block that printing keeps on one page.
	for i, t := range s.rows {
		if !t.section {
			continue
		}
		last := s.rows[len(s.rows)-1].r
		for _, u := range s.rows[i+1:] {
			if u.section {
				last = u.r - 1
				break
			}
		}
		rw.blocks = append(rw.blocks, [2]int{t.r, last})
	}
	st := b.st
	// Title and note.
	rw.text(1, s.title, roleTitle)
	rw.endAt(1)
	note := s.note
	if b.res.ActualMonths() > 0 {
		note += " " + actualNote(b.res)
	}
	if s.name == sheetTimeline {
		if err := b.writeStubNotes(rw, sw, s.name, note); err != nil {
			return err
		}
	} else {
		rw.text(1, note, roleText)
		rw.endAt(2)
	}
	rw.shade = b.actualColumns()
	b.writeAxis(rw)
	for _, t := range s.rows {
		if t.section {
			rw.text(1, t.label, roleSection)
			rw.endAt(t.r)
			continue
		}
		rw.text(1, t.label, roleLabel)
		rw.text(2, t.council, roleText)
		rw.text(3, t.unit, roleText)
		if t.dSet {
			rw.cell(4, st.id(t.dRole, t.nf), t.dFormula, t.dVal)
		}
		sid := st.id(t.role, t.nf)
		for tc := range b.nT() {
			var md mode
			switch {
			case tc == 0:
				md = t.eMode
			case tc <= b.nY:
				md = t.yMode
			default:
				md = t.mMode
			}
			var f string
			switch md {
			case mNone:
				continue
			case mValue:
			case mFormula:
				f = t.formula(tc)
			case mSumIf:
				f = b.sumIf(t, tc)
			case mSumFY:
				f = b.sumFY(t)
			case mOpening:
				f = cell(4, t.r).String()
			}
			id := sid
			if md != mValue && t.role == roleImport {
				id = st.id(roleCalc, t.nf)
			}
			rw.cell(b.col(tc), id, f, t.val(tc))
		}
		rw.endAt(t.r)
	}
	return rw.close()
}

// writeAxis writes the time axis and the column headings.
func (b *book) writeAxis(rw *rowWriter) {
	st, res := b.st, b.res
	axis := st.id(roleAxis, fmtGeneral)
	dates := st.id(roleAxis, fmtDate)
	ints := st.id(roleAxis, fmtInt)
	days := b.days()
	for _, r := range []int{rowStart, rowEnd, rowDays, rowFY, rowModelYear, rowFlag, rowAxis} {
		label := map[int]string{rowStart: "Period starts", rowEnd: "Period ends", rowDays: "Days",
			rowFY: "Financial year (1 April to 31 March)", rowModelYear: "Model year (docs/methodology.md §7)",
			rowFlag: "First period flag", rowAxis: "Chart axis (each year in its first month)"}[r]
		rw.text(1, label, roleAxis)
		for tc := range b.nT() {
			m, isMonth := b.month(tc)
			var first, last int // months of the column
			switch {
			case tc == 0:
				first, last = 0, b.nM-1
			case !isMonth:
				first, last = res.Years[tc-1].First, res.Years[tc-1].Last
			default:
				first, last = m, m
			}
			c := b.col(tc)
			switch r {
			case rowAxis:
				if isMonth && (m == 0 || res.Months[m].FY != res.Months[m-1].FY) {
					rw.str(c, axis, res.Months[m].FY.String())
				}
			case rowStart:
				rw.cell(c, dates, "", excelDate(res.Months[first].Start))
			case rowEnd:
				rw.cell(c, dates, "", excelDate(res.Months[last].End))
			case rowDays:
				rw.cell(c, ints, "", float64(days[tc]))
			case rowFY:
				if tc == 0 {
					rw.str(c, axis, carecast.LabelWholeHorizon)
				} else {
					rw.str(c, axis, res.Months[first].FY.String())
				}
			case rowModelYear:
				if isMonth {
					rw.cell(c, ints, "", float64(res.Months[m].ModelYear))
				}
			case rowFlag:
				if tc > 0 {
					flag := 0.0
					if tc == 1 || tc == 1+b.nY {
						flag = 1
					}
					rw.cell(c, ints, "", flag)
				}
			}
		}
		rw.endAt(r)
	}
	head := st.id(roleHeading, fmtGeneral)
	for i, h := range []string{"Line item", carecast.LabelCouncil, carecast.LabelUnit, "Constant", carecast.LabelWholeHorizon} {
		rw.str(i+1, head, h)
	}
	rw.str(b.colFY0, head, "Financial years")
	rw.str(b.colM0, head, "Months")
	rw.endAt(rowHeadings)
	if res.ActualMonths() > 0 {
		b.writeActualRow(rw)
	}
}

// rowActual heads each column Actual or Forecast, when the forecast has
// actual months (issue 19 item 2).
const rowActual = rowHeadings + 1

// writeActualRow heads each time column Actual (an actual month, or a
// year or the horizon of actual months only), Forecast (no actual month)
// or the number of its actual months.
func (b *book) writeActualRow(rw *rowWriter) {
	res := b.res
	rw.text(1, "Actual or forecast (actual months shaded)", roleAxis)
	for tc := range b.nT() {
		first, last := 0, b.nM-1
		if m, isMonth := b.month(tc); isMonth {
			first, last = m, m
		} else if tc > 0 {
			first, last = res.Years[tc-1].First, res.Years[tc-1].Last
		}
		n := 0
		for m := first; m <= last; m++ {
			if res.Months[m].Actual {
				n++
			}
		}
		word, r := "Forecast", roleAxis
		switch {
		case n == last-first+1:
			word, r = "Actual", roleMark
		case n > 0:
			word, r = fmt.Sprintf("%d actual months", n), roleMark
		}
		rw.text(b.col(tc), word, r)
	}
	rw.endAt(rowActual)
}

// actualColumns marks the columns of the actual months (shade[col-1]),
// nil when there are none.
func (b *book) actualColumns() []bool {
	if b.res.ActualMonths() == 0 {
		return nil
	}
	shade := make([]bool, b.lastCol)
	for m, mo := range b.res.Months {
		if mo.Actual {
			shade[b.col(1+b.nY+m)-1] = true
		}
	}
	return shade
}

// actualNote says which months are actual, for a timeline sheet's note.
func actualNote(res *carecast.Result) string {
	return fmt.Sprintf("Actual months (%d, to the as-at date %s) are shaded grey and headed Actual in row %d: their figures are the Actuals table's, the rest priced by docs/methodology.md §15; the months after are forecast.",
		res.ActualMonths(), res.AsAt.Long(), rowActual)
}
