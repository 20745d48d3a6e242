package reports

import (
	"github.com/carecast/carecast"
	"github.com/shopspring/decimal"
)

// The tables of a budget's cash and of a council's position in the pooled
// fund, as a cabinet paper sets them out: each figure the engine's
// (carecast.CashPosition, CouncilFigures.GrantShare, the positions and
// settlements), the totals and the rounding the builder's.

// CashByYear is council c's cash by financial year as its budget sees it
// (c < 0: the councils' together): the pledges it pays into the pooled
// fund (money out, negative), the spot purchasing it avoids, the
// settlement at the end (in the last year, when the fund is settled), and
// the net effect in the year and to date; the whole horizon as the total,
// whose net effect is the savings (and the opening position). Rounded,
// the pledges, the spot purchasing and the settlement are shared out by
// controlled rounding: each year's net effect is its lines as shown, each
// line's total its figures as shown, and the net effect over the term the
// exact one rounded once. The net effect to date is the running total of
// the net effect as shown; a settlement cell of a year before the last
// (or of every year, when the fund is not settled) is blank.
func CashByYear(r *carecast.Result, c int, opt Options) *Table {
	cash, settlement := r.Cash, r.Settlement
	title := "The councils together: effect on their budgets by financial year"
	if c >= 0 {
		cr := &r.Councils[c]
		cash, settlement = cr.Cash, cr.Settlement
		title = cr.Council.Label() + ": effect on the council's budget by financial year"
	}
	settled := r.Scenario.Assumptions.SettleAtEnd
	b := newBuild(title, opt, label(carecast.LabelFinancialYear), opt.money(carecast.LabelPledgesPaid), opt.money(carecast.LabelSpotAvoided),
		opt.money(carecast.LabelSettlementAtEnd), opt.money(carecast.LabelNetInYear), opt.money(carecast.LabelNetToDate))
	sum := make([]decimal.Decimal, 4)
	last := len(r.Years) - 1
	for i, y := range r.Years {
		cy := cash.Years[i]
		set := carecast.Money{}
		if i == last && settled {
			set = settlement
		}
		vs := []decimal.Decimal{dec(cy.Pledges.Neg()), dec(cy.SpotAvoided), dec(set), dec(cy.Net.Add(set))}
		addInto(sum, vs)
		b.row(&b.t.Rows, opt.yearLabel(y), append(vs, dec(cy.Cumulative.Add(set)))...)
	}
	b.row(&b.t.Totals, carecast.LabelTotal, append(sum, decimal.Zero)...)
	if !opt.Exact {
		b.t.roundGrid(1, 3, 4)
		cum := decimal.Zero
		for _, row := range b.t.Rows {
			cum = cum.Add(row[4].Value)
			row[5].Value = cum
		}
	}
	for i, row := range b.t.Rows {
		if i != last || !settled {
			row[3] = Text("")
		}
	}
	if !settled {
		b.t.Totals[0][3] = Text("")
	}
	b.t.Totals[0][5] = Text("")
	return b.t
}

// SavingsByYear is council c's savings by financial year (c < 0: the
// consortium's) with the one-off grants apart: the savings, the part of
// them that is its share of the grants (CouncilFigures.GrantShare; the
// consortium's: the grants) and the rest, the recurring saving; the whole
// horizon as the total. Rounded, the savings and the grants are each
// rounded as a column, and the rest is their difference as shown, so that
// the table adds up both ways.
func SavingsByYear(r *carecast.Result, c int, opt Options) *Table {
	b := newBuild("Savings against business as usual: one-off grants apart", opt, label(carecast.LabelFinancialYear),
		opt.money(carecast.LabelSavings), opt.money(carecast.LabelOfWhichGrants), opt.money(carecast.LabelSavingsLessGrants))
	sum := make([]decimal.Decimal, 3)
	for i, y := range r.Years {
		vs := []decimal.Decimal{dec(y.Savings), dec(y.Grants), dec(y.SavingsLessGrants())}
		if c >= 0 {
			cy := r.Councils[c].Years[i]
			vs = []decimal.Decimal{dec(cy.Savings), dec(cy.GrantShare), dec(cy.SavingsLessGrants())}
		}
		addInto(sum, vs)
		b.row(&b.t.Rows, opt.yearLabel(y), vs...)
	}
	b.row(&b.t.Totals, carecast.LabelTotal, sum...)
	if !opt.Exact {
		b.round(1, 2)
		for _, row := range b.t.AllRows() {
			row[3].Value = row[1].Value.Sub(row[2].Value)
		}
	}
	return b.t
}

// PositionByYear is council c's position in the pooled fund by financial
// year: its opening position, then each year's pledges, attributed cost,
// their difference and its position at the year's end; the total, its
// closing position, and the settlement at the end (or words saying the
// fund is not settled). Rounded, the pledges and the attributed cost are
// each rounded as a column and the difference is theirs as shown; a
// position is a balance, shown exact to its places.
func PositionByYear(r *carecast.Result, c int, opt Options) *Table {
	cr := &r.Councils[c]
	b := newBuild(cr.Council.Label()+": position in the pooled fund", opt, label(carecast.LabelFinancialYear),
		opt.money(carecast.LabelPledges), opt.money(carecast.LabelAttributedCost), opt.money(carecast.LabelPledgesLessAttributed),
		opt.money(carecast.LabelPositionAtYearEnd))
	pos := b.t.Columns[4]
	b.t.Rows = append(b.t.Rows, Row{Text(carecast.LabelOpening), Text(""), Text(""), Text(""), pos.Figure(dec(cr.OpeningPosition))})
	sum := make([]decimal.Decimal, 3)
	for i, y := range r.Years {
		cy := cr.Years[i]
		vs := []decimal.Decimal{dec(cy.Pledges), dec(cy.AttributedCost), dec(cy.Pledges.Sub(cy.AttributedCost))}
		addInto(sum, vs)
		b.row(&b.t.Rows, opt.yearLabel(y), append(vs, dec(r.Months[y.Last].Councils[c].Position))...)
	}
	b.row(&b.t.Totals, carecast.LabelTotal, append(sum, dec(cr.ClosingPosition))...)
	set := Text("none: the fund is not settled")
	if r.Scenario.Assumptions.SettleAtEnd {
		set = pos.Figure(dec(cr.Settlement))
	}
	b.t.Totals = append(b.t.Totals, Row{Text(carecast.LabelSettlementAtEnd), Text(""), Text(""), Text(""), set})
	if !opt.Exact {
		years := b.t.Rows[1:]
		sub := &Table{Columns: b.t.Columns, Rows: years, Totals: b.t.Totals[:1]}
		sub.roundColumn(1)
		sub.roundColumn(2)
		for _, row := range append(years, b.t.Totals[0]) {
			row[3].Value = row[1].Value.Sub(row[2].Value)
		}
	}
	return b.t
}

// Positions is each council's position in the pooled fund and its
// settlement: its opening position, pledges and attributed cost over the
// horizon, its closing position and settlement; the councils summed, the
// consortium's, as the total (the positions add up to the fund).
func Positions(r *carecast.Result, opt Options) *Table {
	b := newBuild("Positions in the pooled fund and settlements", opt, label(carecast.LabelCouncil),
		opt.money(carecast.LabelOpeningPosition), opt.money(carecast.LabelPledges), opt.money(carecast.LabelAttributedCost),
		opt.money(carecast.LabelClosingPosition), opt.money(carecast.LabelSettlement))
	sum := make([]decimal.Decimal, 5)
	for _, c := range r.Councils {
		vs := []decimal.Decimal{dec(c.OpeningPosition), dec(c.Total.Pledges), dec(c.Total.AttributedCost), dec(c.ClosingPosition), dec(c.Settlement)}
		addInto(sum, vs)
		b.row(&b.t.Rows, c.Council.Label(), vs...)
	}
	b.row(&b.t.Totals, carecast.LabelConsortium, sum...)
	b.round(span(1, 5)...)
	return b.t
}
