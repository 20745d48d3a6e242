package paper

import (
	"fmt"
	"strings"

	"github.com/carecast/carecast"
	"github.com/carecast/carecast/reports"
	"github.com/shopspring/decimal"
)

// The Options section's sizing result and bed trading
// (docs/methodology.md §11): the scheme forecast at other sizes of the
// block, the size with the highest NPV against the size proposed and why,
// in the terms of block price over spot price (docs/methodology.md §11
// calls it the newsvendor critical ratio; a cabinet paper does not); then, with allocations,
// what trading unused rooms between councils is worth.

// sizeIndex is the index of the sweep's point at n rooms, or -1.
func sizeIndex(z *carecast.Sizing, n int) int {
	for i, p := range z.Sizes {
		if p.Rooms == n {
			return i
		}
	}
	return -1
}

// sizesShown are the indices of the sizes the sizing table shows: round
// numbers across the sweep (about eight), its ends, the size proposed,
// and the size with the highest NPV with the sizes either side of it,
// where the marginal room's use changes.
func sizesShown(z *carecast.Sizing) []int {
	if len(z.Sizes) == 0 {
		return nil
	}
	lo, hi := z.Sizes[0].Rooms, z.Sizes[len(z.Sizes)-1].Rooms
	step := niceStep(hi - lo)
	want := map[int]bool{lo: true, hi: true, z.Largest: true, z.Recommended - 1: true, z.Recommended: true, z.Recommended + 1: true}
	for n := (lo + step - 1) / step * step; n <= hi; n += step {
		want[n] = true
	}
	var out []int
	for i, p := range z.Sizes {
		if want[p.Rooms] {
			out = append(out, i)
		}
	}
	return out
}

// niceStep is the smallest of 1, 2, 5, 10, 20, 50, ... that divides a
// span into at most eight steps.
func niceStep(span int) int {
	for mag := 1; ; mag *= 10 {
		for _, m := range []int{1, 2, 5} {
			if m*mag*8 >= span {
				return m * mag
			}
		}
	}
}

// sentenceMoney is money in a sentence: in millions to two decimals, or to
// the penny when that would show a sum that is not nil as £0.00m.
func sentenceMoney(m carecast.Money) string {
	if s := millions(m); s != "£0.00m" || m.IsZero() {
		return s
	}
	return m.Format()
}

// sizing adds the sizing result: a paragraph that says the size proposed,
// the size with the highest NPV and why, and a table of a few sizes.
// hasSizing reports whether the paper carries a sizing result.
func (b *builder) hasSizing() bool {
	z := b.in.Sizing
	return z != nil && sizeIndex(z, z.Recommended) >= 0
}

func (b *builder) sizing() {
	if !b.hasSizing() {
		return
	}
	z := b.in.Sizing
	ri := sizeIndex(z, z.Recommended)
	rec := z.Sizes[ri]
	s := b.res.Scenario
	demand := len(s.Demand) > 0
	b.add(Heading{Level: 2, Text: "The size of the block"})
	lo, hi := z.Sizes[0].Rooms, z.Sizes[len(z.Sizes)-1].Rooms
	with := ""
	if len(s.Allocations) > 0 {
		with = ", each council's allocation with it"
	}
	occ := "Occupancy follows each council's demand, so the sweep shows where added rooms stop being used."
	if !demand {
		occ = "The input gives occupancy rather than demand, so every added room is assumed to be occupied as the others are: the sweep cannot show where added rooms stop being used, and the size with the highest NPV rests on that assumption."
	}
	b.np("The scheme's central forecast was worked out at other sizes of the block, from %d to %d rooms: every Rooms row scaled by the same factor and rounded to whole rooms, so that the build-up keeps its shape%s. %s",
		lo, hi, with, occ)

	var why string
	pi := sizeIndex(z, z.Largest)
	switch {
	case pi < 0:
		why = fmt.Sprintf("The size with the highest NPV is %d rooms, %s.", rec.Rooms, millions(rec.NPV))
	case pi == ri:
		why = fmt.Sprintf("The block proposed, %d rooms at its largest, is the size with the highest NPV, %s.", rec.Rooms, millions(rec.NPV))
	default:
		prop := z.Sizes[pi]
		gain, _ := z.Gain()
		why = fmt.Sprintf("The block proposed has %d rooms at its largest, with an NPV of %s; the size with the highest NPV is %d rooms, %s, %s more.",
			prop.Rooms, millions(prop.NPV), rec.Rooms, millions(rec.NPV), sentenceMoney(gain))
	}
	// The ratio at the size recommended, or at the proposal's when the
	// recommended is no block at all.
	at := rec
	if _, ok := rec.CriticalRatio(); !ok && pi >= 0 {
		at = z.Sizes[pi]
	}
	if ratio, ok := at.CriticalRatio(); ok {
		why += fmt.Sprintf(" A room pays its way while the chance that it is occupied exceeds block price over spot price, %s here", percent(ratio))
		if ratio.GreaterThanOrEqual(decimal.NewFromInt(1)) {
			why += ": no room pays its way, however often it is used"
		}
		why += "."
		// against says whether a marginal use clears the ratio.
		against := func(u decimal.Decimal) string {
			switch u.Cmp(ratio) {
			case 1:
				return "above the ratio"
			case -1:
				return "below the ratio"
			}
			return "at the ratio"
		}
		var parts []string
		// The rooms that bring the block up to the recommended size: from
		// the proposal when it is smaller, else the last room added.
		from := ri - 1
		if pi >= 0 && pi < ri {
			from = pi
		}
		if from >= 0 {
			if u, ok := carecast.MarginalUse(z.Sizes[from], rec); ok {
				what := fmt.Sprintf("the room added to reach %d", rec.Rooms)
				if ri-from > 1 {
					what = fmt.Sprintf("the rooms from %d to %d", z.Sizes[from].Rooms, rec.Rooms)
				}
				parts = append(parts, fmt.Sprintf("%s would be occupied %s of the time, %s", what, percent(u), against(u)))
			}
		}
		if ri+1 < len(z.Sizes) {
			if u, ok := carecast.MarginalUse(rec, z.Sizes[ri+1]); ok {
				if rec.Rooms == 0 {
					parts = append(parts, fmt.Sprintf("even the first room would be occupied %s of the time, %s", percent(u), against(u)))
				} else {
					parts = append(parts, fmt.Sprintf("a room beyond %d would be occupied %s, %s", rec.Rooms, percent(u), against(u)))
				}
			}
		}
		if pi > ri+1 {
			if u, ok := carecast.MarginalUse(rec, z.Sizes[pi]); ok {
				parts = append(parts, fmt.Sprintf("the rooms from %d to the %d proposed would be occupied %s", rec.Rooms, z.Sizes[pi].Rooms, percent(u)))
			}
		}
		if len(parts) > 0 {
			p := strings.Join(parts, "; ")
			why += " " + strings.ToUpper(p[:1]) + p[1:] + "."
		}
		if ri+1 == len(z.Sizes) {
			why += fmt.Sprintf(" %d rooms is the largest size tried.", rec.Rooms)
		}
	}
	b.np("%s Appendix B gives the scheme at a range of sizes, and Appendix C draws its NPV.", why)
	if rz := b.in.SizingRisk; rz != nil && len(rz.Sizes) > 0 {
		b.np("%s", riskSizing(z, rz))
	}
}

// riskSizing reconciles the central forecast's best size with the best
// under the risks: the expected NPVs of the sizes around it, drawn with
// the same random numbers at every size.
func riskSizing(z, rz *carecast.Sizing) string {
	lo, hi := rz.Sizes[0].Rooms, rz.Sizes[len(rz.Sizes)-1].Rooms
	var best carecast.SizePoint
	for _, p := range rz.Sizes {
		if p.Rooms == rz.Recommended {
			best = p
		}
	}
	runs := carecast.GroupThousands(fmt.Sprint(rz.Runs))
	if rz.Recommended == z.Recommended {
		return fmt.Sprintf("With the risks drawn (%s runs at each size from %d to %d rooms, the same draws at every size), the expected NPV is highest at the same size, %d rooms, %s.", runs, lo, hi, best.Rooms, millions(best.MeanNPV))
	}
	var at carecast.SizePoint
	for _, p := range rz.Sizes {
		if p.Rooms == z.Recommended {
			at = p
		}
	}
	s := fmt.Sprintf("With the risks drawn (%s runs at each size from %d to %d rooms, the same draws at every size), the expected NPV is highest at %d rooms, %s, against %s at %d rooms: ",
		runs, lo, hi, best.Rooms, millions(best.MeanNPV), millions(at.MeanNPV), at.Rooms)
	if best.Rooms < z.Recommended {
		s += "in the runs where demand falls short of the forecast the last rooms are the first to stand empty, and they cost more then than they save when demand is high. This report takes the smaller size as the prudent one."
	} else {
		s += "in the runs where demand exceeds the forecast the added rooms are used, and they save more then than they cost when demand is low."
	}
	if best.Rooms == lo || best.Rooms == hi {
		s += fmt.Sprintf(" (%d rooms is at the end of the sizes tried.)", best.Rooms)
	}
	return s
}

// sizingAppendix adds the sizing table to an appendix.
func (b *builder) sizingAppendix() {
	if !b.hasSizing() {
		return
	}
	z := b.in.Sizing
	demand := len(b.res.Scenario.Demand) > 0
	b.table(b.sizesTable(z, demand))
	b.note("The central forecast at each size, no risks drawn; NPV in real terms. With no rooms there is no scheme: no grant and no running cost. Void cost is the block cost of the empty rooms%s (docs/methodology.md §7 and §11).",
		map[bool]string{true: "; overflow is demand the block cannot take, still spot-purchased, and cancels out of savings", false: ""}[demand])
}

// sizesTable is the sizing table: a few sizes of the sweep, the size
// proposed and the size with the highest NPV marked (reports.Sizing).
func (b *builder) sizesTable(z *carecast.Sizing, demand bool) *Table {
	names := []string{carecast.LabelRooms, carecast.LabelSavings, carecast.LabelNPV, carecast.LabelOccupancy, carecast.LabelVoidCost}
	w := []int{24, 19, 19, 13, 19}
	if demand {
		names = append(names, carecast.LabelOverflow)
		w = []int{22, 16, 16, 12, 16, 18}
	}
	rt := shownSizes(z, names...)
	for _, row := range rt.Rows {
		row[0] = reports.Text(sizeLabel(z, int(row[0].Value.IntPart())))
	}
	rt.Title = "The scheme at other sizes of the block, over the term"
	t := fromReport(rt, w, "One row per size of block shown, fewest rooms first; the size proposed and the size with the highest NPV are marked.")
	t.Right[0] = false
	return t
}

// shownSizes is the sweep's table (reports.Sizing) with the columns named
// and the rows of the sizes shown (sizesShown).
func shownSizes(z *carecast.Sizing, names ...string) *reports.Table {
	rt := reports.Sizing(z, toPenny)
	rt = rt.Select(reports.SizingColumns(rt, names...)...)
	all := rt.Rows
	rt.Rows = nil
	for _, i := range sizesShown(z) {
		rt.Rows = append(rt.Rows, all[i])
	}
	return rt
}

// sizeLabel is a size as the sizing table names it: "35, as proposed",
// "27, highest NPV".
func sizeLabel(z *carecast.Sizing, rooms int) string {
	s := fmt.Sprint(rooms)
	switch {
	case rooms == z.Largest && rooms == z.Recommended:
		s += ", as proposed and highest NPV"
	case rooms == z.Largest:
		s += ", as proposed"
	case rooms == z.Recommended:
		s += ", highest NPV"
	}
	return s
}

// worth says what a difference in savings means to someone: "is worth
// £0.23m to Havering", "costs Havering £0.02m".
func worth(d carecast.Money, who string) string {
	switch d.Sign() {
	case 1:
		return "is worth " + sentenceMoney(d) + " to " + who
	case -1:
		return "costs " + who + " " + sentenceMoney(d.Neg())
	}
	return "makes no difference to the savings of " + who
}

// bedTrading adds what trading unused rooms between councils is worth:
// the scheme under each sharing rule (Result.Sharing), with a scenario's
// Demand and Allocations rows; the worth of trading is the engine's
// (Result.TradingWorth).
func (b *builder) bedTrading() {
	r := b.res
	if len(r.Sharing) == 0 {
		return
	}
	alloc, trade := r.SharingRunOf(carecast.SharingAllocated), r.SharingRunOf(carecast.SharingAllocatedTrade)
	b.add(Heading{Level: 2, Text: "Trading unused rooms between councils"})
	b.np("Each council has rooms allocated to it. The scheme was worked out under three rules for who may use the rooms: each council its own allocation only, with no trading; allocations first, with rooms left unused traded to councils whose children are still waiting (bed trading, as the Cross Regional Project does); and any room to any council's child, pooled. Appendix B gives the figures under each rule.")
	if alloc != nil && trade != nil {
		if b.isCouncil() {
			c := b.council
			b.np("Over the term, trading unused rooms %s (savings of %s with trading, %s without), and %s.",
				worth(b.cr().TradingWorth, b.cr().Council.Label()), sentenceMoney(trade.CouncilSavings[c]), sentenceMoney(alloc.CouncilSavings[c]), consortiumWorth(r, trade, alloc))
		} else {
			b.np("Over the term, trading unused rooms %s.", consortiumWorth(r, trade, alloc))
		}
	}
}

// bedTradingAppendix adds the tables of what trading is worth.
func (b *builder) bedTradingAppendix() {
	if len(b.res.Sharing) == 0 {
		return
	}
	b.table(b.sharingTable())
	if t := reports.SharingTrade(b.res, toPenny); t != nil {
		b.table(fromReport(t, []int{34, 22, 22, 22},
			"One row per council and a consortium total: savings over the horizon under allocations only and with unused rooms traded, and the difference."))
	}
}

// consortiumWorth is what trading is worth to the consortium, in words.
func consortiumWorth(r *carecast.Result, trade, alloc *carecast.SharingRun) string {
	return fmt.Sprintf("%s (savings of %s with trading, %s without)", worth(r.TradingWorth, "the consortium"), millions(trade.Savings), millions(alloc.Savings))
}

// sharingTable is the scheme under each sharing rule: the council's
// savings in a council's paper, then the consortium's figures.
func (b *builder) sharingTable() *Table {
	r := b.res
	rt := reports.SharingRules(r.Sharing, toPenny).Transpose(carecast.LabelWhoMayUseRooms)
	rt.Title = "What trading unused rooms is worth: the scheme under each rule, over the term"
	w := []int{28, 15, 15, 11, 16, 15}
	if b.isCouncil() {
		councils := make([]carecast.Council, len(r.Councils))
		for i, c := range r.Councils {
			councils[i] = c.Council
		}
		own := reports.SharingCouncils(councils, r.Sharing, toPenny).Rows[b.council]
		rt.Columns = append([]reports.Column{rt.Columns[0], {Head: carecast.LabelCouncilSavings, Unit: reports.UnitMoney, Places: 2}}, rt.Columns[1:]...)
		rt.Columns[2].Head = carecast.LabelConsortiumSavings
		for k, row := range rt.Rows {
			rt.Rows[k] = append(reports.Row{row[0], own[k+1]}, row[1:]...)
		}
		w = []int{24, 14, 14, 13, 9, 13, 13}
	}
	for k, row := range rt.Rows {
		if r.Sharing[k].Rule == r.Scenario.Assumptions.SharingRule() {
			row[0] = reports.Text(row[0].Text + " (as proposed)")
		}
	}
	return fromReport(rt, w, "One row per rule for who may use the rooms; the rule of the scheme as proposed is marked.")
}

// sizeFigure draws the NPV at the sizes of the sizing table, with its data
// table.
func (b *builder) sizeFigure() *Figure {
	z := b.in.Sizing
	rec := z.Sizes[sizeIndex(z, z.Recommended)]
	f := &Figure{Name: "npv-by-size", Basis: b.basis(true), Title: "The scheme's NPV by size of block", Chart: ChartSizing, Council: -1}
	f.Caption = fmt.Sprintf("The NPV is highest at %d rooms, %s", rec.Rooms, millions(rec.NPV))
	if pi := sizeIndex(z, z.Largest); pi >= 0 && z.Largest != rec.Rooms {
		f.Caption += fmt.Sprintf(", against %s at the %d rooms proposed", millions(z.Sizes[pi].NPV), z.Largest)
	}
	f.Caption += "."
	if len(b.res.Scenario.Demand) > 0 && rec.Rooms < z.Sizes[len(z.Sizes)-1].Rooms {
		f.Caption += fmt.Sprintf(" Beyond %d rooms the added rooms are too seldom used to pay their way, and the NPV falls.", rec.Rooms)
	}
	rt := shownSizes(z, carecast.LabelRooms, carecast.LabelNPV)
	rt.Title = "NPV by size of block, at the sizes of the sizing table (the chart draws every size)"
	data := fromReport(rt, []int{40, 60}, "The rooms at the block's largest and the scheme's NPV, fewest rooms first.")
	data.Right[0] = false
	var rooms []int
	for _, i := range sizesShown(z) {
		rooms = append(rooms, z.Sizes[i].Rooms)
	}
	f.Data = data
	f.Alt = fmt.Sprintf("Line chart of the scheme's NPV against the rooms in the block, from %d to %d rooms, the size proposed and the size with the highest NPV marked. %s", rooms[0], rooms[len(rooms)-1], f.Caption)
	return f
}
