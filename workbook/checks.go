package workbook

import (
	"math"
	"strings"

	"github.com/carecast/carecast"
)

const (
	checksMasterRow = 4
	checksFirstRow  = 7
)

// check is one line of the Checks sheet.
type check struct {
	label, where, account string
	formula               string
	diff                  float64
	nf                    numFmt // of the figures it compares
}

// checks are the workbook's checks, each a formula that is zero when the
// figures agree (councils sum to the consortium, years to the whole, the
// fund's corkscrew balances, the ledger ties to the fund), with the
// difference carecast's own figures give.
func (b *book) checks() []check {
	cs := b.sumChecks()
	cs = append(cs, b.monthsToWholeChecks()...)
	cs = append(cs, b.balanceChecks()...)
	cs = append(cs, b.ledgerChecks(checksFirstRow+len(cs))...)
	// The sheets' own checks follow the Ledger's (which are none when
	// there are no postings).
	cs = append(cs, b.councilChecks()...)
	if b.hasOptions() {
		cs = append(cs, b.optionsChecks()...)
	}
	if b.hasWider() {
		cs = append(cs, b.widerChecks()...)
	}
	if b.hasOverflow() {
		cs = append(cs, b.overflowChecks()...)
	}
	if b.hasTrading() {
		cs = append(cs, b.tradingChecks()...)
	}
	if b.ap != nil {
		cs = append(cs, b.appraisalChecks()...)
	}
	return cs
}

// rowMax is the largest of a check row's time columns, as a formula.
func (b *book) rowMax(s *timelineSheet, t *lineItem) string {
	return fn("MAX", row(t.r, b.colE, b.lastCol).on(s.name))
}

// maxOverTime is the largest of a row's values over its time columns.
func (b *book) maxOverTime(t *lineItem) float64 {
	x := 0.0
	for tc := range b.nT() {
		x = math.Max(x, t.val(tc))
	}
	return x
}

// sumChecks are the timeline sheets' own check rows: councils sum to the
// consortium, the fund to the councils' positions.
func (b *book) sumChecks() []check {
	tr, fr, tl, fund := &b.plan.lines, &b.plan.fundLines, b.plan.tl, b.plan.fund
	var cs []check
	for i, t := range tr.checks {
		cs = append(cs, check{label: tr.checkLabels[i], where: sheetTimeline, formula: b.rowMax(tl, t), diff: b.maxOverTime(t), nf: t.nf})
	}
	if fr.checkPledges != nil {
		cs = append(cs,
			check{label: "Councils' pledges sum to the consortium's", where: sheetFund, formula: b.rowMax(fund, fr.checkPledges), diff: b.maxOverTime(fr.checkPledges)},
			check{label: "The pooled fund equals the sum of the councils' positions", where: sheetFund, formula: b.rowMax(fund, fr.checkPositions), diff: b.maxOverTime(fr.checkPositions)})
	}
	return cs
}

// monthsToWholeChecks check that months sum to years and years to the
// whole, for every row of carecast's monthly figures.
func (b *book) monthsToWholeChecks() []check {
	tr, fr, tl, fund := &b.plan.lines, &b.plan.fundLines, b.plan.tl, b.plan.fund
	var cs []check
	for _, t := range tr.monthlyValueRows {
		cs = append(cs, b.monthsToWhole(strings.ToLower(t.label[:1])+t.label[1:], tl, []*lineItem{t}))
	}
	if b.nC > 0 {
		for i, rows := range tr.councilValueBlocks {
			cs = append(cs, b.monthsToWhole("councils' "+tr.councilValueLabels[i], tl, rows))
		}
		cs = append(cs, b.monthsToWhole("councils' pledges", fund, fr.pledges))
	}
	cs = append(cs, b.monthsToWhole("pledges, consortium", fund, []*lineItem{fr.pledgeCons}))
	return cs
}

// monthsToWhole checks that rows of carecast's monthly figures sum to
// their whole-horizon totals (which sum the financial years).
func (b *book) monthsToWhole(label string, s *timelineSheet, rows []*lineItem) check {
	first, last := rows[0], rows[len(rows)-1]
	months := rangeOf(b.colM0, first.r, b.lastCol, last.r).abs().on(s.name)
	whole := column(b.colE, first.r, last.r).abs().on(s.name)
	var diff float64
	nf := first.nf
	if first.p != nil {
		var m, w int64
		for _, t := range rows {
			for tc := 1 + b.nY; tc < b.nT(); tc++ {
				m += t.p[tc]
			}
			w += t.p[0]
		}
		diff = penceCell(abs64(m - w))
	} else {
		var m, w float64
		for _, t := range rows {
			for tc := 1 + b.nY; tc < b.nT(); tc++ {
				m += t.v[tc]
			}
			w += t.v[0]
		}
		diff = math.Abs(m - w)
	}
	return check{label: "Months sum to years and years to the whole: " + label, where: s.name,
		formula: fn("ABS", fn("SUM", months)+"-"+fn("SUM", whole)), diff: diff, nf: nf}
}

// balanceChecks check that balances close where their last month does,
// that settlement empties the fund, and that the councils' NPVs sum to the
// consortium's.
func (b *book) balanceChecks() []check {
	tr, fr, tl, fund := &b.plan.lines, &b.plan.fundLines, b.plan.tl, b.plan.fund
	var cs []check
	// The whole horizon and the last year close where the last month does.
	closing := func(label string, t *lineItem) {
		end := t.p[b.nT()-1]
		whole, lastY, lastM := b.ref(fund, t, 0), b.ref(fund, t, b.nY), b.ref(fund, t, b.nT()-1)
		cs = append(cs,
			check{label: label + ": the whole horizon closes where the last month does", where: sheetFund,
				formula: fn("ABS", whole.String()+"-"+lastM.String()), diff: penceCell(abs64(t.p[0] - end))},
			check{label: label + ": the last financial year closes where the last month does", where: sheetFund,
				formula: fn("ABS", lastY.String()+"-"+lastM.String()), diff: penceCell(abs64(t.p[b.nY] - end))})
	}
	closing("Pooled fund", fr.close)
	if fr.posSum != nil {
		closing("Councils' positions", fr.posSum)
		settled := 0.0
		if b.res.Scenario.Assumptions.SettleAtEnd {
			settled = math.Abs(fr.afterSettle.val(0))
		}
		cs = append(cs, check{label: "With settlement at the end, the fund closes at zero", where: sheetFund,
			formula: fn("ABS", b.ref(fund, fr.afterSettle, 0).String()+"*"+b.plan.in.settle.String()), diff: settled})
		// The councils' NPVs, shared to the penny, sum to the consortium's
		// present value rounded to the penny.
		var alloc int64
		for _, c := range b.res.Councils {
			alloc += c.NPV.PenceInt()
		}
		cs = append(cs, check{label: "Councils' NPVs (to the penny) sum to the consortium's present value", where: sheetSummary,
			formula: fn("ABS", fn("SUM", b.summaryCouncils(sumColNPV))+"-"+b.ref(tl, tr.pvCons, 0).String()),
			diff:    math.Abs(penceCell(alloc) - tr.pvCons.val(0))})
	}
	return cs
}

// ledgerChecks tie the Ledger to the Pooled fund sheet; row is the Checks
// sheet's row of the first of them.
func (b *book) ledgerChecks(row int) []check {
	if len(b.postings) == 0 {
		return nil
	}
	fr, fund := &b.plan.fundLines, b.plan.fund
	var cs []check
	l := b.plan.ledger
	amounts := column(5, l.first, l.last).abs().on(sheetLedger)
	accounts := column(3, l.first, l.last).abs().on(sheetLedger)
	var sum, fundBal, posBal int64
	for _, p := range b.postings {
		x := p.Amount.PenceInt()
		sum += x
		switch p.Account {
		case carecast.Fund:
			fundBal += x
		case carecast.Position:
			posBal += x
		}
	}
	cs = append(cs, check{label: "Ledger: the postings balance (debits equal credits)", where: sheetLedger,
		formula: fn("ABS", fn("SUM", amounts)), diff: penceCell(abs64(sum))})
	row++ // a check by account reads the account's name in its own row's column E
	cs = append(cs, check{label: "Ledger: the Fund account's balance is the fund after settlement", where: sheetLedger,
		account: string(carecast.Fund),
		formula: fn("ABS", fn("SUMIF", accounts, cell(5, row), amounts)+"-"+b.ref(fund, fr.afterSettle, 0).String()),
		diff:    penceCell(abs64(fundBal - fr.afterSettle.p[0]))})
	row++
	if fr.posSum != nil {
		cs = append(cs, check{label: "Ledger: the councils' positions (credit balances) are their positions after settlement",
			where: sheetLedger, account: string(carecast.Position),
			formula: fn("ABS", fn("SUMIF", accounts, cell(5, row), amounts)+"+"+
				b.ref(fund, fr.posSum, 0).String()+"-"+b.ref(fund, fr.settleSum, 0).String()),
			diff: penceCell(abs64(posBal + fr.posSum.p[0] - fr.settleSum.p[0]))})
	}
	return cs
}

// tolerance is the check tolerance written on the Inputs sheet.
const tolerance = 0.005

// checksHold reports whether every check is within the tolerance.
func (b *book) checksHold() bool {
	for _, c := range b.plan.checks {
		if !(c.diff <= tolerance) {
			return false
		}
	}
	return true
}

// writeChecks writes the Checks sheet: each check, its difference, whether
// it holds, and the master check the Summary shows.
func (b *book) writeChecks() error {
	sw, err := b.newStream(sheetChecks, 14, map[int]float64{1: 78, 2: 18, 3: 24, 4: 10, 5: 18})
	if err != nil {
		return err
	}
	rw := b.rowWriter(sw, 5)
	st := b.st
	rw.text(1, "Checks", roleTitle)
	rw.endAt(1)
	rw.text(1, "Each check is the largest absolute difference it finds; it holds when that is at most the tolerance on Inputs "+
		"(half a penny). The Summary shows the master check.", roleLabel)
	rw.endAt(2)
	cs := b.plan.checks
	last := checksFirstRow + len(cs) - 1
	rw.text(1, "Master check: every check holds", roleHeading)
	rw.any(3, st.id(roleWarn, fmtGeneral), fn("AND", column(4, checksFirstRow, last)), b.checksHold())
	rw.endAt(checksMasterRow)
	for i, h := range []string{"Check", "Sheet", "Largest difference", "Holds", "Account"} {
		rw.text(i+1, h, roleHeading)
	}
	rw.endAt(checksFirstRow - 1)
	for i, c := range cs {
		r := checksFirstRow + i
		rw.text(1, c.label, roleLabel)
		rw.text(2, c.where, roleText)
		nf := c.nf
		if nf == fmtGeneral {
			nf = fmtMoney
		}
		rw.cell(3, st.id(roleCheck, nf), c.formula, c.diff)
		rw.any(4, st.id(roleCheck, fmtGeneral), cell(3, r).String()+"<="+b.plan.in.tolerance.String(), c.diff <= tolerance)
		rw.text(5, c.account, roleText)
		rw.endAt(r)
	}
	return rw.close()
}
