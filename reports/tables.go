package reports

import (
	"fmt"

	"github.com/carecast/carecast"
	"github.com/shopspring/decimal"
)

// The builders of a forecast's tables: each makes one Table from the
// forecast, its arithmetic and rounding included, for every output that
// shows it. A builder's Options say the scale of its money and whether to
// round (see Options).

// build is a table being built: its columns say each figure's unit and
// places, cell makes a figure of column j.
type build struct {
	t   *Table
	opt Options
}

func newBuild(title string, opt Options, cols ...Column) *build {
	return &build{t: &Table{Title: title, Columns: cols}, opt: opt}
}

// money is a column of amounts at the table's scale.
func (o Options) money(head string) Column {
	return Column{Head: head, Unit: UnitMoney, Places: o.Money.Places()}
}

func label(head string) Column { return Column{Head: head, Unit: UnitText} }

func rate(head string) Column { return Column{Head: head, Unit: UnitRate, Places: carecast.RatePlaces} }

func roomDays(head string) Column { return Column{Head: head, Unit: UnitRoomDays, Places: 2} }

// row adds a row: its label, then one figure a column.
func (b *build) row(to *[]Row, name string, vs ...decimal.Decimal) {
	r := Row{Text(name)}
	for j, v := range vs {
		r = append(r, b.t.Columns[1+j].Figure(v))
	}
	*to = append(*to, r)
}

// addInto adds each of vs to the running total of its column in sum.
func addInto(sum, vs []decimal.Decimal) {
	for j, v := range vs {
		sum[j] = sum[j].Add(v)
	}
}

// round rounds columns by roundColumn unless the table is exact.
func (b *build) round(cols ...int) {
	if b.opt.Exact {
		return
	}
	for _, j := range cols {
		b.t.roundColumn(j)
	}
}

func span(from, to int) []int {
	var out []int
	for j := from; j <= to; j++ {
		out = append(out, j)
	}
	return out
}

func dec(m carecast.Money) decimal.Decimal { return m.Decimal() }

// ByYear is the consortium's figures by financial year, with the whole
// horizon as its total: the flows add up down their columns; the closing
// fund balance and the occupancy are the year's own.
func ByYear(r *carecast.Result, opt Options) *Table {
	b := newBuild("By financial year", opt, consortiumColumns(label(carecast.LabelYear), opt)...)
	for _, y := range r.Years {
		b.row(&b.t.Rows, y.FY.String(), consortiumFigures(y.Figures)...)
	}
	b.row(&b.t.Totals, carecast.LabelTotal, consortiumFigures(r.Total)...)
	b.round(span(1, 8)...)
	return b.t
}

// ByMonth is the consortium's figures month by month, as ByYear has them
// by financial year, each month named by its first day.
func ByMonth(r *carecast.Result, opt Options) *Table {
	b := newBuild("By month", opt, consortiumColumns(Column{Head: carecast.LabelMonth, Unit: UnitDate}, opt)...)
	for _, m := range r.Months {
		b.row(&b.t.Rows, "", consortiumFigures(m.Figures)...)
		b.t.Rows[len(b.t.Rows)-1][0] = DateCell(m.Start)
	}
	b.row(&b.t.Totals, carecast.LabelTotal, consortiumFigures(r.Total)...)
	b.round(span(1, 8)...)
	return b.t
}

// consortiumColumns are the columns of the consortium's figures over
// spans of time, after first, the spans' column.
func consortiumColumns(first Column, opt Options) []Column {
	return []Column{first,
		opt.money(carecast.LabelPledges), opt.money(carecast.LabelGrants), opt.money(carecast.LabelRunningCosts),
		opt.money(carecast.LabelBlockCost), opt.money(carecast.LabelVoidCost), opt.money(carecast.LabelSpotAvoided),
		opt.money(carecast.LabelAttributedCost), opt.money(carecast.LabelSavings), opt.money(carecast.LabelClosingFund),
		rate(carecast.LabelOccupancy)}
}

// consortiumFigures are a span's figures in consortiumColumns' order.
func consortiumFigures(f carecast.Figures) []decimal.Decimal {
	return []decimal.Decimal{dec(f.Pledges), dec(f.Grants), dec(f.OtherCosts), dec(f.BlockCost), dec(f.VoidCost), dec(f.SpotAvoided),
		dec(f.AttributedCost), dec(f.Savings), dec(f.ClosingFund), f.OccupancyRate()}
}

// ByCouncil is each council's figures over the whole horizon, with the
// councils summed as the total.
func ByCouncil(r *carecast.Result, opt Options) *Table {
	b := newBuild("By council", opt, label(carecast.LabelCouncil),
		opt.money(carecast.LabelPledges), opt.money(carecast.LabelUsedBlock), opt.money(carecast.LabelSharedCost),
		opt.money(carecast.LabelAttributedCost), opt.money(carecast.LabelSpotAvoided), opt.money(carecast.LabelSavings),
		opt.money(carecast.LabelNPV), opt.money(carecast.LabelSettlement), roomDays(carecast.LabelOccupied))
	sum := make([]decimal.Decimal, 9)
	for _, c := range r.Councils {
		f := c.Total
		vs := []decimal.Decimal{dec(f.Pledges), dec(f.UsedBlock), dec(f.SharedCost), dec(f.AttributedCost), dec(f.SpotAvoided),
			dec(f.Savings), dec(c.NPV), dec(c.Settlement), f.OccupiedRoomDays}
		addInto(sum, vs)
		b.row(&b.t.Rows, c.Council.Label(), vs...)
	}
	b.row(&b.t.Totals, carecast.LabelTotal, sum...)
	b.round(span(1, 9)...)
	return b.t
}

// CouncilByYear is council c's figures by financial year (c < 0: the
// consortium's), as a council's finance officer reads them: its pledges,
// the block cost of the rooms its children use, its share of the empty
// rooms and of the running costs less grants (the consortium's: the void
// cost, and the running costs less grants), its attributed cost, the spot
// purchasing it avoids, its savings and their running total; the whole
// horizon as the total. A council's share of the empty rooms and of the
// running costs are the engine's (CouncilFigures.VoidShare and
// RunningShare): they add up to its shared cost and the councils to the
// consortium. The cumulative savings are the running total of the savings
// as shown.
func CouncilByYear(r *carecast.Result, c int, opt Options) *Table {
	void, running := carecast.LabelShareOfVoid, carecast.LabelShareOfRunning
	title := "The consortium by financial year"
	if c < 0 {
		void, running = carecast.LabelVoidCost, carecast.LabelRunningLessGrant
	} else {
		title = r.Councils[c].Council.Label() + " by financial year"
	}
	b := newBuild(title, opt, label(carecast.LabelFinancialYear),
		opt.money(carecast.LabelPledges), opt.money(carecast.LabelUsedBlock), opt.money(void), opt.money(running),
		opt.money(carecast.LabelAttributedCost), opt.money(carecast.LabelSpotAvoided), opt.money(carecast.LabelSavings),
		opt.money(carecast.LabelCumulativeSaving))
	sum := make([]decimal.Decimal, 8)
	for i, y := range r.Years {
		var vs []decimal.Decimal
		if c < 0 {
			vs = []decimal.Decimal{dec(y.Pledges), dec(y.UsedBlock), dec(y.VoidCost), dec(y.RunningLessGrants()),
				dec(y.AttributedCost), dec(y.SpotAvoided), dec(y.Savings)}
		} else {
			cy := r.Councils[c].Years[i]
			vs = []decimal.Decimal{dec(cy.Pledges), dec(cy.UsedBlock), dec(cy.VoidShare), dec(cy.RunningShare),
				dec(cy.AttributedCost), dec(cy.SpotAvoided), dec(cy.Savings)}
		}
		addInto(sum, vs)
		b.row(&b.t.Rows, opt.yearLabel(y), append(vs, decimal.Zero)...)
	}
	b.row(&b.t.Totals, carecast.LabelTotal, sum...)
	b.round(span(1, 7)...)
	cum := decimal.Zero
	for _, row := range b.t.Rows {
		cum = cum.Add(row[7].Value)
		row[8].Value = cum
	}
	b.t.Totals[0][8].Value = cum
	return b.t
}

// Overflow is the demand the block could not take, by council and by
// financial year: room-days, their total, and their cost at spot prices.
// It is reported apart from the savings, which it does not change. The
// total is the consortium's; shown to hundredths, the room-days add up
// both ways (controlled rounding).
func Overflow(r *carecast.Result, opt Options) *Table {
	cols := []Column{label(carecast.LabelCouncil)}
	for _, y := range r.Years {
		cols = append(cols, roomDays(y.FY.String()))
	}
	cols = append(cols, roomDays(carecast.LabelTotalRoomDays), opt.money(carecast.LabelSpotCost))
	b := newBuild(carecast.LabelOverflow+": demand the block could not take, still spot-purchased; apart from savings", opt, cols...)
	nY := len(r.Years)
	for _, c := range r.Councils {
		var vs []decimal.Decimal
		for _, y := range c.Years {
			vs = append(vs, y.OverflowRoomDays)
		}
		vs = append(vs, c.Total.OverflowRoomDays, dec(c.Total.OverflowCost))
		b.row(&b.t.Rows, c.Council.Label(), vs...)
	}
	var vs []decimal.Decimal
	for _, y := range r.Years {
		vs = append(vs, y.OverflowRoomDays)
	}
	b.row(&b.t.Totals, carecast.LabelTotal, append(vs, r.Total.OverflowRoomDays, dec(r.Total.OverflowCost))...)
	if !opt.Exact {
		b.t.roundGrid(1, nY, nY+1)
	}
	b.round(nY + 2)
	return b.t
}

// OverflowCost is the spot cost of the overflow by council and by
// financial year, the whole horizon first.
func OverflowCost(r *carecast.Result, opt Options) *Table {
	cols := []Column{label(carecast.LabelCouncil), opt.money(carecast.LabelWholeHorizon)}
	for _, y := range r.Years {
		cols = append(cols, opt.money(y.FY.String()))
	}
	b := newBuild(carecast.LabelOverflowCost+" by council and financial year", opt, cols...)
	for _, c := range r.Councils {
		vs := []decimal.Decimal{dec(c.Total.OverflowCost)}
		for _, y := range c.Years {
			vs = append(vs, dec(y.OverflowCost))
		}
		b.row(&b.t.Rows, c.Council.Label(), vs...)
	}
	vs := []decimal.Decimal{dec(r.Total.OverflowCost)}
	for _, y := range r.Years {
		vs = append(vs, dec(y.OverflowCost))
	}
	b.row(&b.t.Totals, carecast.LabelConsortium, vs...)
	if !opt.Exact {
		b.t.roundGrid(2, len(cols)-1, 1)
	}
	return b.t
}

// Wider is the wider benefits by measure over the horizon, nil when there
// are none. They are not cash and are never added to the savings.
func Wider(r *carecast.Result, opt Options) *Table {
	if len(r.Wider) == 0 {
		return nil
	}
	b := newBuild("Wider benefits: not cash, never added to the savings, NPV or fund", opt,
		label(carecast.LabelMeasure), label(carecast.LabelUnit), label(carecast.LabelBearer),
		Column{Head: carecast.LabelQuantity, Unit: UnitQuantity, Places: 2},
		opt.money(carecast.LabelValue), opt.money(carecast.LabelPresentValue))
	for _, w := range r.Wider {
		bn := w.Benefit
		b.t.Rows = append(b.t.Rows, Row{Text(bn.Measure), Text(bn.Unit), Text(bn.Bearer),
			b.t.Columns[3].Figure(w.Quantity), b.t.Columns[4].Figure(dec(w.Value)), b.t.Columns[5].Figure(dec(w.PresentValue))})
	}
	return b.t
}

// WiderOf is the wider benefits by measure over the horizon for council c
// (c < 0: the consortium), with the source of each value: its part of
// each benefit's quantity, value and present value (the engine's,
// WiderCouncil). Nil when there are none; never added to the savings.
func WiderOf(r *carecast.Result, c int, opt Options) *Table {
	if len(r.Wider) == 0 {
		return nil
	}
	b := newBuild("Wider benefits over the term, apart from the savings", opt,
		label(carecast.LabelMeasure), label(carecast.LabelUnit), label(carecast.LabelBearer), label(carecast.LabelSource),
		Column{Head: carecast.LabelQuantity, Unit: UnitQuantity, Places: 2},
		opt.money(carecast.LabelValue), opt.money(carecast.LabelPresentValue))
	for _, w := range r.Wider {
		q, v, pv := w.Quantity, w.Value, w.PresentValue
		if c >= 0 && c < len(w.Councils) {
			q, v, pv = w.Councils[c].Quantity, w.Councils[c].Value, w.Councils[c].PresentValue
		}
		bn := w.Benefit
		b.t.Rows = append(b.t.Rows, Row{Text(bn.Measure), Text(bn.Unit), Text(bn.Bearer), Text(bn.Source),
			b.t.Columns[4].Figure(q), b.t.Columns[5].Figure(dec(v)), b.t.Columns[6].Figure(dec(pv))})
	}
	return b.t
}

// Headline is the headline figures of a forecast as label and value:
// the whole horizon's money, the NPV (its rates stated), occupancy and
// break-even, the closing fund and what happens to it; with demand, the
// sharing rule and the overflow. A part of the figure above it is
// indented ("  Void cost (empty rooms)").
func Headline(r *carecast.Result) *Table {
	a := r.Scenario.Assumptions
	t := r.Total
	tb := &Table{Title: "Headline figures, whole horizon", Columns: []Column{label(carecast.LabelFigure), label(carecast.LabelValue)}}
	add := func(name string, c Cell) { tb.Rows = append(tb.Rows, Row{Text(name), c}) }
	money := func(m carecast.Money) Cell { return MoneyCell(m, 2) }
	add(carecast.LabelPledges, money(t.Pledges))
	add(carecast.LabelGrants, money(t.Grants))
	add(carecast.LabelRunningCosts, money(t.OtherCosts))
	add(carecast.LabelBlockCost, money(t.BlockCost))
	add("  "+carecast.LabelVoidCost, money(t.VoidCost)) // part of the block cost
	add(carecast.LabelSpotAvoided, money(t.SpotAvoided))
	add(carecast.LabelAttributedCost, money(t.AttributedCost))
	add(carecast.LabelSavings, money(t.Savings))
	add(fmt.Sprintf("%s (real, %s discount, %s deflator)", carecast.LabelNPV, pct(a.DiscountRate), pct(a.Deflator)), money(r.NPV))
	add(fmt.Sprintf("%s (%s on costs)", carecast.LabelNPVAfterOptimismBias, pct(a.OptimismBias)), money(r.NPVAfterOptimismBias))
	add(carecast.LabelOccupancy, RateCell(t.OccupancyRate(), carecast.RatePlaces))
	be := Text("not defined (nothing is occupied)")
	if r.BreakEvenDefined {
		be = RateCell(r.BreakEvenOccupancy, carecast.RatePlaces)
		if r.BreakEvenScale.GreaterThan(decimal.NewFromInt(1)) {
			be = Text(pct(r.BreakEvenOccupancy) + " (above the occupancy forecast: the scheme does not break even)")
		}
	}
	add(carecast.LabelBreakEven, be)
	add(carecast.LabelClosingFund, money(t.ClosingFund))
	// What happens to the closing balance, said once (docs/methodology.md §6).
	settle := "none: the closing balance stays in the fund"
	if a.SettleAtEnd {
		settle = "each council's position is paid back to it (or paid in)"
	}
	add(carecast.LabelSettlement, Text(settle))
	if len(r.Scenario.Demand) > 0 {
		add("Occupancy derived from demand", Text(fmt.Sprintf("%s (sharing %s), at most %s of the rooms filled",
			carecast.SharingLabel(a.SharingRule()), a.SharingRule(), pct(a.Fill()))))
		add(carecast.LabelOverflow, RoomDaysCell(t.OverflowRoomDays))
		add("  "+carecast.LabelOverflowCost+" (apart from savings)", money(t.OverflowCost))
	}
	return tb
}
