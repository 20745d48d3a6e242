package reports

import (
	"fmt"
	"io"

	"github.com/carecast/carecast"
	"github.com/shopspring/decimal"
)

// SharingRules is the same scenario under each sharing rule, side by side
// (what trading unused rooms between councils is worth): a row a figure
// (savings, NPV, occupancy, void cost, overflow), a column a rule, headed
// by its label and keyed by its setting ("allocated_trade"). Nil when
// there are no runs.
func SharingRules(runs []carecast.SharingRun, opt Options) *Table {
	if len(runs) == 0 {
		return nil
	}
	t := &Table{Title: "What bed trading is worth: the same scenario under each sharing rule", Columns: sharingColumns(runs, opt)}
	places := opt.Money.Places()
	add := func(key, name string, cell func(carecast.SharingRun) Cell) {
		row := Row{Cell{Unit: UnitText, Text: name, Key: key}}
		for _, r := range runs {
			row = append(row, cell(r))
		}
		t.Rows = append(t.Rows, row)
	}
	add("savings", carecast.LabelSavings, func(r carecast.SharingRun) Cell { return MoneyCell(r.Savings, places) })
	add("npv", carecast.LabelNPV, func(r carecast.SharingRun) Cell { return MoneyCell(r.NPV, places) })
	add("occupancy_rate", carecast.LabelOccupancy, func(r carecast.SharingRun) Cell { return RateCell(r.OccupancyRate, carecast.RatePlaces) })
	add("void_cost", carecast.LabelVoidCost, func(r carecast.SharingRun) Cell { return MoneyCell(r.VoidCost, places) })
	add("overflow_room_days", carecast.LabelOverflow, func(r carecast.SharingRun) Cell { return RoomDaysCell(r.OverflowRoomDays) })
	return t
}

// SharingCouncils is each council's savings under each sharing rule, the
// councils summed (each rule's savings) as the total; nil when there are
// no runs.
func SharingCouncils(councils []carecast.Council, runs []carecast.SharingRun, opt Options) *Table {
	if len(runs) == 0 {
		return nil
	}
	b := newBuild(carecast.LabelSavings+" by council under each sharing rule", opt, sharingColumns(runs, opt)...)
	b.t.Columns[0] = Column{Head: carecast.LabelCouncil, Key: "council"}
	for i, c := range councils {
		vs := make([]decimal.Decimal, len(runs))
		for k, r := range runs {
			vs[k] = dec(r.CouncilSavings[i])
		}
		b.row(&b.t.Rows, c.Label(), vs...)
		b.t.Rows[i][0].Key = c.Code
	}
	vs := make([]decimal.Decimal, len(runs))
	for k, r := range runs {
		vs[k] = dec(r.Savings)
	}
	b.row(&b.t.Totals, carecast.LabelTotal, vs...)
	b.round(span(1, len(runs))...)
	return b.t
}

// sharingColumns are a column a rule, after the figures' names.
func sharingColumns(runs []carecast.SharingRun, opt Options) []Column {
	cols := []Column{{Head: "", Key: "figure"}}
	for _, r := range runs {
		cols = append(cols, Column{Head: carecast.SharingLabel(r.Rule), Key: r.Rule, Unit: UnitMoney, Places: opt.Money.Places()})
	}
	return cols
}

// sharingText is the rules' table with each council's savings under it
// ("Savings: Havering"), as the terminal and a program read them.
func sharingText(councils []carecast.Council, runs []carecast.SharingRun) *Table {
	t := SharingRules(runs, Options{})
	for _, r := range SharingCouncils(councils, runs, Options{}).Rows {
		r[0].Text = carecast.LabelSavings + ": " + r[0].Text
		t.Rows = append(t.Rows, r)
	}
	return t
}

// WriteSharing writes the comparison of sharing rules as an aligned
// table, for a terminal, after the summary; nothing when runs is empty.
func WriteSharing(w io.Writer, councils []carecast.Council, runs []carecast.SharingRun) error {
	if len(runs) == 0 {
		return nil
	}
	ew := &errWriter{w: w}
	t := sharingText(councils, runs)
	fmt.Fprintf(ew, "\n%s\n", t.Title)
	writeText(ew, t, false)
	if len(runs) >= 2 {
		d := runs[1].Savings.Sub(runs[0].Savings)
		more := "more"
		if d.Sign() < 0 {
			d, more = d.Neg(), "less"
		}
		fmt.Fprintf(ew, "Trading rooms left unused after allocation saves %s %s than keeping to the allocations.\n", d.Format(), more)
	}
	return ew.err
}

// WriteSharingTSV is WriteSharing as tab-separated text, each rule's
// column named by its setting.
func WriteSharingTSV(w io.Writer, councils []carecast.Council, runs []carecast.SharingRun) error {
	if len(runs) == 0 {
		return nil
	}
	ew := &errWriter{w: w}
	fmt.Fprintln(ew, "\n# sharing rules")
	writeTableTSV(ew, sharingText(councils, runs))
	return ew.err
}

// SharingTrade is what trading unused rooms is worth to each council:
// its savings over the horizon under allocations only and with rooms left
// unused traded, and the difference (CouncilResult.TradingWorth); the
// councils summed, the consortium's, as the total. Nil without both runs.
// Rounded, the two savings are each rounded as a column and the
// difference is theirs as shown.
func SharingTrade(r *carecast.Result, opt Options) *Table {
	alloc, trade := r.SharingRunOf(carecast.SharingAllocated), r.SharingRunOf(carecast.SharingAllocatedTrade)
	if alloc == nil || trade == nil {
		return nil
	}
	b := newBuild("Each council's savings with and without trading unused rooms, over the term", opt, label(carecast.LabelCouncil),
		opt.money(carecast.SharingLabel(alloc.Rule)), opt.money(carecast.SharingLabel(trade.Rule)), opt.money(carecast.LabelWhatTradingIsWorth))
	sum := make([]decimal.Decimal, 3)
	for i, c := range r.Councils {
		vs := []decimal.Decimal{dec(alloc.CouncilSavings[i]), dec(trade.CouncilSavings[i]), dec(c.TradingWorth)}
		addInto(sum, vs)
		b.row(&b.t.Rows, c.Council.Label(), vs...)
	}
	b.row(&b.t.Totals, carecast.LabelConsortium, sum...)
	if !b.opt.Exact {
		b.round(1, 2)
		for _, row := range b.t.AllRows() {
			row[3].Value = row[2].Value.Sub(row[1].Value)
		}
	}
	return b.t
}
