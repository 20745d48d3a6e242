package workbook

import "github.com/carecast/carecast"

type fundRows struct {
	pledges                      []*lineItem
	pledgeCons                   *lineItem
	open, inPledges, inGrants    *lineItem
	outBlock, outRunning, close  *lineItem
	posOpen, posClose            []*lineItem
	posSum                       *lineItem
	settle                       []*lineItem
	settleSum, afterSettle       *lineItem
	checkPledges, checkPositions *lineItem
}

// planFund lays out the Pooled fund sheet: pledges, the fund's corkscrew,
// each council's position and the settlement.
func (b *book) planFund() {
	res, nc := b.res, b.nC
	s := newTimelineSheet(sheetFund, "Pooled fund: pledges, the fund's corkscrew and each council's position",
		"Each balance is a corkscrew: opening (the previous column's closing; in the first period the constant in D), "+
			"plus what comes in, less what goes out. A council's position is positive when the pool owes the council.")
	b.plan.fund = s
	fr, tr, tl := &b.plan.fundLines, &b.plan.lines, b.plan.tl
	code := func(c int) string { return res.Councils[c].Council.Code }

	s.section("Pledges paid into the pool")
	fr.pledges = make([]*lineItem, nc)
	for c := range nc {
		fr.pledges[c] = b.moneyFlow(s, carecast.LabelPledges, code(c), func(m int) int64 { return res.Months[m].Councils[c].Pledges.PenceInt() })
	}
	fr.pledgeCons = b.moneyFlow(s, "Pledges, consortium", "", func(m int) int64 { return res.Months[m].Pledges.PenceInt() })

	s.section("The pooled fund")
	open := b.res.Scenario.Assumptions.OpeningFund.PenceInt()
	fr.open = b.opening(s, "Opening balance", "", b.plan.in.opening.String(), roleCalc, open)
	link := func(label string, on *timelineSheet, of *lineItem) *lineItem {
		return b.calcMoney(s, label, "",
			func(tc int) string {
				if on == s {
					return b.at(of, tc)
				}
				return b.atOn(on, of, tc)
			},
			func(tc int) int64 { return of.p[tc] })
	}
	fr.inPledges = link("Add: pledges", s, fr.pledgeCons)
	fr.inGrants = link("Add: grants", tl, tr.grants)
	fr.outBlock = link("Less: block cost", tl, tr.blockCost)
	fr.outRunning = link("Less: running costs", tl, tr.running)
	o, ip, ig, ob, or := fr.open, fr.inPledges, fr.inGrants, fr.outBlock, fr.outRunning
	fr.close = b.calcMoney(s, carecast.LabelClosingFund, "",
		func(tc int) string {
			return b.at(o, tc) + "+" + b.at(ip, tc) + "+" + b.at(ig, tc) + "-" + b.at(ob, tc) + "-" + b.at(or, tc)
		}, zeroUntilRun)
	b.runCorkscrew(fr.open, fr.close, []*lineItem{ip, ig}, []*lineItem{ob, or})

	s.section("Each council's position in the fund (positive: the fund owes the council)")
	fr.posOpen = make([]*lineItem, nc)
	fr.posClose = make([]*lineItem, nc)
	for c := range nc {
		fr.posOpen[c] = b.opening(s, carecast.LabelPosition+" at the start", code(c), "", roleImport, res.Councils[c].OpeningPosition.PenceInt())
	}
	for c := range nc {
		op, pl, at := fr.posOpen[c], fr.pledges[c], tr.attr[c]
		fr.posClose[c] = b.calcMoney(s, carecast.LabelPosition+": opening, plus pledges, less attributed cost", code(c),
			func(tc int) string { return b.at(op, tc) + "+" + b.at(pl, tc) + "-" + b.atOn(tl, at, tc) }, zeroUntilRun)
		b.runCorkscrew(op, fr.posClose[c], []*lineItem{pl}, []*lineItem{at})
	}
	if nc > 0 {
		first, last := fr.posClose[0], fr.posClose[nc-1]
		fr.posSum = b.calcMoney(s, "Sum of the councils' positions", "",
			func(tc int) string { return fn("SUM", b.block(first, last, tc)) },
			func(tc int) int64 { return sumP(fr.posClose, tc) })
	}

	s.section("Settlement at the end (paid back to the council; negative: the council pays in)")
	settle := int64(0)
	if res.Scenario.Assumptions.SettleAtEnd {
		settle = 1
	}
	fr.settle = make([]*lineItem, nc)
	for c := range nc {
		pc := fr.posClose[c]
		fr.settle[c] = b.totalOnly(s, carecast.LabelSettlement, code(c), cell(b.colE, pc.r).String()+"*"+b.plan.in.settle.String(), pc.p[0]*settle)
	}
	if nc > 0 {
		first, last := fr.settle[0], fr.settle[nc-1]
		fr.settleSum = b.totalOnly(s, "Settlement, consortium", "",
			fn("SUM", column(b.colE, first.r, last.r)), sumP(fr.settle, 0))
		fr.afterSettle = b.totalOnly(s, "Fund after settlement", "",
			cell(b.colE, fr.close.r).String()+"-"+cell(b.colE, fr.settleSum.r).String(), fr.close.p[0]-fr.settleSum.p[0])
	}

	s.section("Checks: each should be zero (see the Checks sheet)")
	if nc > 0 {
		fr.checkPledges = b.checkMoney(s, "Councils' pledges less the consortium's", fr.pledges, fr.pledgeCons)
		cl, ps := fr.close, fr.posSum
		fr.checkPositions = b.calcMoney(s, "Fund less the sum of the councils' positions", "",
			func(tc int) string { return "ABS(" + b.at(cl, tc) + "-" + b.at(ps, tc) + ")" },
			func(tc int) int64 { return abs64(cl.p[tc] - ps.p[tc]) })
		fr.checkPositions.role = roleCheck
	}
}

// zeroUntilRun is the value of a balance row until runCorkscrew works it out.
func zeroUntilRun(int) int64 { return 0 }

// opening is the opening row of a corkscrew: the previous column's closing
// (closing is the row after the flows; its row number is known once it is
// added, so the formula looks it up then), plus the constant in D times the
// first-period flag. E, the whole horizon, opens with D. dLink is D's
// formula, or "" for carecast's value.
func (b *book) opening(s *timelineSheet, label, council, dLink string, dRole role, d int64) *lineItem {
	t := s.add(&lineItem{label: label, council: council, unit: "£", nf: fmtMoney, role: roleCalc,
		mMode: mFormula, yMode: mFormula, eMode: mOpening, p: make([]int64, b.nT()),
		dSet: true, dFormula: dLink, dVal: penceCell(d), dRole: dRole})
	t.p[0] = d
	return t
}

// runCorkscrew links an opening row to its closing row and works out both:
// closing = opening + ins - outs, by column.
func (b *book) runCorkscrew(open, close *lineItem, ins, outs []*lineItem) {
	open.formula = func(tc int) string {
		return cell(b.col(tc)-1, close.r).String() + "+" + b.axisAt(rowFlag, tc) + "*" + cell(4, open.r).fixCol().String()
	}
	d := open.p[0]
	flow := func(tc int) int64 {
		var x int64
		for _, t := range ins {
			x += t.p[tc]
		}
		for _, t := range outs {
			x -= t.p[tc]
		}
		return x
	}
	close.p[0] = d + flow(0)
	for _, span := range [][2]int{{1, 1 + b.nY}, {1 + b.nY, b.nT()}} {
		bal := d
		for tc := span[0]; tc < span[1]; tc++ {
			open.p[tc] = bal
			bal += flow(tc)
			close.p[tc] = bal
		}
	}
}

// totalOnly is a row with a figure in E alone.
func (b *book) totalOnly(s *timelineSheet, label, council string, formula string, p int64) *lineItem {
	t := s.add(&lineItem{label: label, council: council, unit: "£", nf: fmtMoney, role: roleCalc, eMode: mFormula,
		p: make([]int64, b.nT())})
	t.p[0] = p
	t.formula = func(int) string { return formula }
	return t
}
