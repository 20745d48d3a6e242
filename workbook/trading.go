package workbook

import (
	"math"

	"github.com/carecast/carecast"
	"github.com/carecast/carecast/reports"
)

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
	l := &b.plan.trading
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
// sharing rule (carecast's figures: the report's sharing tables), each
// council's savings under each with the councils summed, and, as
// formulas, what trading after allocation and pooling change against
// allocation alone.
func (b *book) writeTrading() error {
	l, runs := &b.plan.trading, b.res.Sharing
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
	rw.text(1, "Bed trading: the same scenario under each sharing rule", roleTitle)
	rw.endAt(1)
	notes := []string{
		"This forecast uses the sharing rule " + ruleName(b.res.Scenario.Assumptions.SharingRule()) + ": every other sheet shows that rule.",
		"Each column below forecasts the whole scenario again under one rule (docs/methodology.md §11); the last columns are what trading",
		"after allocation, and pooling every room, change against allocation alone. Overflow (placements the block cannot take) is still",
		"spot-purchased under every rule and is not in the savings.",
	}
	for i, n := range notes {
		rw.text(1, n, roleText)
		rw.endAt(2 + i)
	}
	b.tradingRules(rw)
	rw.blocks = append(rw.blocks, [2]int{trHead - 1, trFirst + 4})
	b.tradingCouncils(rw)
	rw.blocks = append(rw.blocks, [2]int{l.councilHead - 1, l.councilSum})
	return rw.close()
}

// tradingHeads writes the column headings in rows r and r+1: each rule
// in words, then as the inputs name it, the rule in force marked, and the
// differences' headings.
func (b *book) tradingHeads(rw *rowWriter, r int, first string) {
	l, runs := &b.plan.trading, b.res.Sharing
	inForce := b.res.Scenario.Assumptions.SharingRule()
	rw.text(1, first, roleHeading)
	rw.text(2, carecast.LabelUnit, roleHeading)
	for i, run := range runs {
		rw.text(trColRule+i, carecast.SharingLabel(run.Rule), roleHeading)
	}
	for j, i := range l.diffs {
		rw.text(trColRule+len(runs)+j, ruleDiffs[runs[i].Rule].heading, roleHeading)
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
		rw.text(trColRule+len(runs)+j, ruleDiffs[runs[i].Rule].note, roleText)
	}
	rw.endAt(r + 1)
}

// tradingDiffs writes the difference columns of row r, against
// allocation alone: v are the row's values under each rule (money in
// whole pence).
func (b *book) tradingDiffs(rw *rowWriter, r, style int, money bool, v []float64) {
	l, nR := &b.plan.trading, len(b.res.Sharing)
	for j, i := range l.diffs {
		d := v[i] - v[l.alloc]
		if money {
			d = penceCell(int64(math.Round(v[i]*100)) - int64(math.Round(v[l.alloc]*100)))
		}
		rw.cell(trColRule+nR+j, style, cell(trColRule+i, r).String()+"-"+cell(trColRule+l.alloc, r).String(), d)
	}
}

// tradingRules writes the consortium's figures under each rule.
func (b *book) tradingRules(rw *rowWriter) {
	st := b.st
	b.tradingHeads(rw, trHead, carecast.LabelFigure)
	units := map[reports.Unit]struct {
		unit       string
		nf, diffNF numFmt
	}{
		reports.UnitMoney:    {"£", fmtMoney, fmtMoney},
		reports.UnitRate:     {"%", fmtRate, fmtRateChange},
		reports.UnitRoomDays: {"room-days", fmtRoomDays, fmtRoomDays},
	}
	for k, row := range reports.SharingRules(b.res.Sharing, reports.Options{Exact: true}).Rows {
		r := trFirst + k
		u := units[row[1].Unit]
		rw.text(1, row.Label(), roleText)
		rw.text(2, u.unit, roleText)
		v := make([]float64, len(row)-1)
		for i, c := range row[1:] {
			v[i] = cellValue(c)
			rw.cell(trColRule+i, st.id(roleImport, u.nf), "", v[i])
		}
		b.tradingDiffs(rw, r, st.id(roleCalc, u.diffNF), u.nf == fmtMoney, v)
		rw.endAt(r)
	}
}

// tradingCouncils writes each council's savings under each rule, and the
// councils summed.
func (b *book) tradingCouncils(rw *rowWriter) {
	l, st, runs := &b.plan.trading, b.st, b.res.Sharing
	money, calc := st.id(roleImport, fmtMoney), st.id(roleCalc, fmtMoney)
	rw.text(1, carecast.LabelSavings+" by council", roleSection)
	rw.endAt(l.councilHead - 1)
	b.tradingHeads(rw, l.councilHead, carecast.LabelCouncil)
	councils := make([]carecast.Council, b.nC)
	for c, cr := range b.res.Councils {
		councils[c] = cr.Council
	}
	sums := make([]int64, len(runs))
	for c, row := range reports.SharingCouncils(councils, runs, reports.Options{Exact: true}).Rows {
		r := l.councilFirst + c
		rw.text(1, row.Label(), roleText)
		rw.text(2, "£", roleText)
		v := make([]float64, len(runs))
		for i, x := range row[1:] {
			v[i] = cellValue(x)
			sums[i] += x.Value.Shift(2).IntPart()
			rw.cell(trColRule+i, money, "", v[i])
		}
		b.tradingDiffs(rw, r, calc, true, v)
		rw.endAt(r)
	}
	rw.text(1, carecast.LabelCouncilsSummed, roleHeading)
	rw.text(2, "£", roleText)
	for i := range len(runs) + len(l.diffs) {
		f := "0"
		if b.nC > 0 {
			f = fn("SUM", column(trColRule+i, l.councilFirst, l.councilSum-1))
		}
		v := 0.0
		if i < len(runs) {
			v = penceCell(sums[i])
		} else {
			j := l.diffs[i-len(runs)]
			v = penceCell(int64(math.Round((penceCell(sums[j]) - penceCell(sums[l.alloc])) * 100)))
		}
		rw.cell(trColRule+i, calc, f, v)
	}
	rw.endAt(l.councilSum)
}

// tradingChecks: under every rule the councils' savings sum to the
// rule's savings, and the rule in force gives the Summary's savings and
// NPV.
func (b *book) tradingChecks() []check {
	l, runs := &b.plan.trading, b.res.Sharing
	last := trColRule + len(runs) - 1
	worst := 0.0
	for _, run := range runs {
		var p int64
		for _, s := range run.CouncilSavings {
			p += s.PenceInt()
		}
		worst += math.Abs(penceCell(p - run.Savings.PenceInt()))
	}
	sums, savings := row(l.councilSum, trColRule, last).on(sheetTrading), row(trFirst, trColRule, last).on(sheetTrading)
	cs := []check{{label: "Bed trading: under each rule the councils' savings sum to its savings", where: sheetTrading,
		formula: fn("SUMPRODUCT", fn("ABS", sums.String()+"-"+savings.String())),
		diff:    worst}}
	inForce := b.res.Scenario.Assumptions.SharingRule()
	for i, run := range runs {
		if run.Rule != inForce {
			continue
		}
		k := trColRule + i
		// The NPV against the Summary's by-council table, whose consortium
		// row sums the councils' NPVs to the penny (the headline NPV is
		// the Timeline's unrounded present value).
		sav := b.plan.lines.savCons.val(0)
		npvRef := cell(sumColNPV, b.plan.summary.councilTotal).on(sheetSummary).String()
		cs = append(cs, check{label: "Bed trading: the rule in force gives the Summary's savings and NPV", where: sheetTrading + ", Summary",
			formula: fn("ABS", cell(k, trFirst).on(sheetTrading).String()+"-"+b.summaryFigure(b.plan.lines.savCons).String()) + "+" +
				fn("ABS", cell(k, trFirst+1).on(sheetTrading).String()+"-"+npvRef),
			diff: math.Abs(penceCell(run.Savings.PenceInt())-sav) + math.Abs(penceCell(run.NPV.PenceInt()-b.res.NPV.PenceInt()))})
	}
	return cs
}
