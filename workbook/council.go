package workbook

import (
	"github.com/carecast/carecast"
	"github.com/xuri/excelize/v2"
)

// sheetCouncil is the council view: one council's figures by financial
// year, the council chosen from a drop-down (issue 11). It prints as that
// council's one-page appendix.
const sheetCouncil = "Council"

// The council view's fixed rows and cells.
const (
	councilChoiceRow = 3 // C3: the council's code, chosen from a list
	councilNameRow   = 4 // C4: its name
	councilIndexRow  = 5 // C5: its place in the Councils sheet's order
	councilHeadRow   = 7
	councilFirstRow  = 8
)

// councilIndex is the cell holding the chosen council's place: $C$5.
var councilIndex = cell(3, councilIndexRow).abs()

// councilLine is one figure of the council view: a block of timeline rows,
// one a council in the Councils sheet's order, of which the view shows the
// chosen council's. yearly is false for a figure with a whole-horizon value
// alone (a settlement, an NPV).
type councilLine struct {
	label, unit string
	on          *timelineSheet // nil: the Summary's by-council NPV column
	rows        []*lineItem
	nf          numFmt
	yearly      bool
	flow        bool // a flow: the whole horizon is the sum of the years
}

// councilLines are the council view's figures, in reading order.
func (b *book) councilLines() []councilLine {
	tr, fr, tl, fund := &b.plan.lines, &b.plan.fundLines, b.plan.tl, b.plan.fund
	return []councilLine{
		{carecast.LabelPledges, "£", fund, fr.pledges, fmtMoney, true, true},
		{carecast.LabelUsedBlock, "£", tl, tr.used, fmtMoney, true, true},
		{carecast.LabelShareOfVoid, "£", tl, tr.voidShare, fmtMoney, true, true},
		{carecast.LabelShareOfRunning, "£", tl, tr.runShare, fmtMoney, true, true},
		{carecast.LabelAttributedCost, "£", tl, tr.attr, fmtMoney, true, true},
		{carecast.LabelSpotAvoided, "£", tl, tr.avoided, fmtMoney, true, true},
		{carecast.LabelSavings, "£", tl, tr.sav, fmtMoney, true, true},
		{"Cumulative savings, at the end of the year", "£", tl, tr.cum, fmtMoney, true, false},
		{"Present value of savings", "£", tl, tr.pv, fmtMoney, true, true},
		{carecast.LabelNPV + " (the consortium's NPV shared to the penny)", "£", nil, nil, fmtMoney, false, false},
		{carecast.LabelPosition + ", at the end of the year", "£", fund, fr.posClose, fmtMoney, true, false},
		{carecast.LabelSettlement + " (positive: paid to the council)", "£", fund, fr.settle, fmtMoney, false, false},
		{carecast.LabelOccupied, "room-days", tl, tr.occ, fmtRoomDays, true, true},
	}
}

// councilRow is the row of the council view that shows the figure whose
// blocks start with first.
func (b *book) councilRow(first *lineItem) int {
	for i, l := range b.councilLines() {
		if len(l.rows) > 0 && l.rows[0] == first {
			return councilFirstRow + i
		}
	}
	return 0
}

// indexOf is the formula that picks the chosen council's cell from a
// block of timeline rows in time column tc.
func (b *book) indexOf(s *timelineSheet, rows []*lineItem, tc int) string {
	first, last := rows[0], rows[len(rows)-1]
	return fn("INDEX", column(b.col(tc), first.r, last.r).fixRow().on(s.name), councilIndex)
}

// writeCouncil writes the council view. The drop-down lists the councils'
// codes as the Timeline's savings block holds them; the view shows the
// first council until another is chosen, and its cached values are that
// council's.
func (b *book) writeCouncil() error {
	if b.nC == 0 {
		return nil
	}
	tr := &b.plan.lines
	codes := column(2, tr.sav[0].r, tr.sav[b.nC-1].r).abs().on(sheetTimeline).String()
	dv := excelize.NewDataValidation(false)
	dv.SetSqref(cell(3, councilChoiceRow).String())
	dv.SetSqrefDropList(codes)
	dv.SetInput(carecast.LabelCouncil, "Choose a council's code: every figure on this sheet is that council's.")
	dv.SetError(excelize.DataValidationErrorStyleStop, carecast.LabelCouncil, "Choose one of the councils' codes from the list.")
	if err := b.f.AddDataValidation(sheetCouncil, dv); err != nil {
		return err
	}
	sw, err := b.newStream(sheetCouncil, 15, map[int]float64{1: 46, 2: 10, 3: 17})
	if err != nil {
		return err
	}
	st, res := b.st, b.res
	rw := b.rowWriter(sw, 3+b.nY)
	rw.text(1, "Council view: one council's figures by financial year", roleTitle)
	rw.endAt(1)
	rw.text(1, "Choose the council in C3; every figure below is a formula over the Timeline and Pooled fund sheets, and the Checks sheet ties them to the Summary.", roleText)
	rw.endAt(2)
	rw.text(1, "Council (choose its code)", roleHeading)
	rw.any(3, st.id(roleInput, fmtGeneral), "", res.Councils[0].Council.Code)
	rw.endAt(councilChoiceRow)
	rw.text(1, carecast.LabelName, roleText)
	rw.any(3, st.id(roleCalc, fmtGeneral), fn("INDEX", b.summaryCouncils(2).abs(), councilIndex), res.Councils[0].Council.Name)
	rw.endAt(councilNameRow)
	rw.text(1, "Its place in the Councils sheet", roleText)
	rw.cell(3, st.id(roleCalc, fmtInt), fn("MATCH", cell(3, councilChoiceRow).abs(), codes, "FALSE"), 1)
	rw.endAt(councilIndexRow)
	rw.text(1, carecast.LabelFigure, roleHeading)
	rw.text(2, carecast.LabelUnit, roleHeading)
	rw.text(3, carecast.LabelWholeHorizon, roleHeading)
	for y, yr := range res.Years {
		rw.text(4+y, yr.FY.String(), roleHeading)
	}
	rw.endAt(councilHeadRow)
	for i, l := range b.councilLines() {
		rw.text(1, l.label, roleText)
		rw.text(2, l.unit, roleText)
		switch {
		case l.on == nil:
			rw.cell(3, st.id(roleCalc, l.nf), fn("INDEX", b.summaryCouncils(sumColNPV).abs(), councilIndex), penceCell(res.Councils[0].NPV.PenceInt()))
		default:
			if l.flow || !l.yearly {
				rw.cell(3, st.id(roleCalc, l.nf), b.indexOf(l.on, l.rows, 0), l.rows[0].val(0))
			}
			if l.yearly {
				for y := 1; y <= b.nY; y++ {
					rw.cell(3+y, st.id(roleCalc, l.nf), b.indexOf(l.on, l.rows, y), l.rows[0].val(y))
				}
			}
		}
		rw.endAt(councilFirstRow + i)
	}
	return rw.close()
}

// councilChecks tie the council view to the rest of the workbook for the
// council chosen: each flow's whole horizon is the sum of its years;
// attributed cost is used block cost plus the two shares; savings are
// spot purchasing avoided less attributed cost; and the savings,
// attributed cost and spot purchasing avoided equal the Summary's
// by-council table. (They are written after the Summary, whose rows they
// name.)
func (b *book) councilChecks() []check {
	if b.nC == 0 {
		return nil
	}
	tr := &b.plan.lines
	var cs []check
	for i, l := range b.councilLines() {
		if !l.flow {
			continue
		}
		r := councilFirstRow + i
		cs = append(cs, check{label: "Council view: " + l.label + ", whole horizon = the sum of its years", where: sheetCouncil, nf: l.nf,
			formula: fn("ABS", cell(3, r).on(sheetCouncil).String()+"-"+fn("SUM", row(r, 4, 3+b.nY).on(sheetCouncil)))})
	}
	// whole is the council view's whole horizon of the figure whose
	// blocks start with first.
	whole := func(first *lineItem) string { return cell(3, b.councilRow(first)).on(sheetCouncil).String() }
	cs = append(cs,
		check{label: "Council view: attributed cost = used block cost + share of empty rooms + share of running costs less grants", where: sheetCouncil, nf: fmtMoney,
			formula: fn("ABS", whole(tr.attr[0])+"-"+whole(tr.used[0])+"-"+whole(tr.voidShare[0])+"-"+whole(tr.runShare[0]))},
		check{label: "Council view: savings = spot purchasing avoided - attributed cost", where: sheetCouncil, nf: fmtMoney,
			formula: fn("ABS", whole(tr.sav[0])+"-"+whole(tr.avoided[0])+"+"+whole(tr.attr[0]))},
	)
	for _, first := range []*lineItem{tr.attr[0], tr.avoided[0], tr.sav[0]} {
		col, ok := b.plan.summary.colOf[first]
		if !ok {
			continue
		}
		cs = append(cs, check{label: "Council view: " + first.label + " of the council chosen = the Summary's by-council table", where: sheetCouncil + ", Summary", nf: fmtMoney,
			formula: fn("ABS", whole(first)+"-"+fn("INDEX", b.summaryCouncils(col).abs(), councilIndex.on(sheetCouncil)))})
	}
	return cs
}
