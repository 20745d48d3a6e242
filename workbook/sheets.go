package workbook

import (
	"bytes"
	"encoding/xml"
	"io"
	"math"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/carecast/carecast"
	"github.com/shopspring/decimal"
	"github.com/xuri/excelize/v2"
)

// --- Inputs -------------------------------------------------------------------

// inputRefs are the cells of the Inputs sheet that formulas use ($B$12).
type inputRefs struct {
	discount, deflator, opening, settle, tolerance string
}

// inputItem is one line of the Inputs sheet.
type inputItem struct {
	cells []inputCell
	kind  int // 0 data, 1 section, 2 headings
}

type inputCell struct {
	v  interface{} // string, float64, or nil
	nf numFmt
	r  role
}

// planInputs lays the Inputs sheet out (it is written by writeInputs) and
// records where the settings the formulas use stand.
func (b *book) planInputs() {
	b.in = inputRefs{}
	row := inputsFirstRow
	for _, it := range b.inputItems() {
		if it.kind == 0 && len(it.cells) > 4 {
			if key, ok := it.cells[4].v.(string); ok {
				ref := "$B$" + itoa(row)
				switch key {
				case "discount_rate":
					b.in.discount = ref
				case "deflator":
					b.in.deflator = ref
				case "opening_fund_balance":
					b.in.opening = ref
				case "settle_at_end":
					b.in.settle = ref
				case "check_tolerance":
					b.in.tolerance = ref
				}
			}
		}
		row++
	}
}

const inputsFirstRow = 5

// inputItems are the lines of the Inputs sheet from inputsFirstRow on.
// An assumption's fifth cell is its key (hidden in column E, the name the
// input workbook uses).
func (b *book) inputItems() []inputItem {
	s := b.res.Scenario
	a := s.Assumptions
	var items []inputItem
	section := func(label string) {
		if len(items) > 0 {
			items = append(items, inputItem{})
		}
		items = append(items, inputItem{kind: 1, cells: []inputCell{{v: label}}})
	}
	headings := func(hs ...string) {
		cs := make([]inputCell, len(hs))
		for i, h := range hs {
			cs[i] = inputCell{v: h}
		}
		items = append(items, inputItem{kind: 2, cells: cs})
	}
	in := func(v interface{}, nf numFmt) inputCell { return inputCell{v: v, nf: nf, r: roleInput} }
	txt := func(v string) inputCell { return inputCell{v: v, r: roleText} }
	date := func(d carecast.Date) inputCell { return in(excelDate(d), fmtDate) }
	money := func(m carecast.Money) inputCell { return in(penceCell(m.PenceInt()), fmtMoney) }
	dec := func(d decimal.Decimal, nf numFmt) inputCell { return in(decFloat(d), nf) }
	setting := func(label string, v inputCell, unit, note, key string) {
		items = append(items, inputItem{cells: []inputCell{txt(label), v, txt(unit), txt(note), txt(key)}})
	}
	code := func(c int) inputCell {
		if c < 0 || c >= len(s.Councils) {
			return txt("")
		}
		return in(s.Councils[c].Code, fmtGeneral)
	}
	row := func(cs ...inputCell) { items = append(items, inputItem{cells: cs}) }
	none := func(n int) {
		if n == 0 {
			row(txt("(none)"))
		}
	}

	section("Assumptions (docs/methodology.md §2)")
	headings("Setting", "Value", "Unit", "Note", "Key")
	settle := 0.0
	if a.SettleAtEnd {
		settle = 1
	}
	setting("Scenario", in(a.Scenario, fmtGeneral), "", "", "scenario")
	setting("Start date", date(a.StartDate), "date", "the first day of the first month", "start_date")
	setting("Years", in(float64(a.Years), fmtInt), "years", "", "years")
	setting("Block price per room-week", dec(a.BlockWeeklyPrice, fmtPrice), "£/week", "on the block price date", "block_weekly_price")
	setting("Block price date", date(a.PriceDate()), "date", "", "block_price_date")
	setting("Block price uplift", dec(a.BlockUplift, fmtRate), "a year", "on each anniversary of the price date", "block_uplift")
	setting("Occupancy rate", dec(a.OccupancyRate, fmtRate), "", "used only when the Occupancy table has no rows", "occupancy_rate")
	setting("Discount rate (real)", dec(a.DiscountRate, fmtRate), "a year", "HM Treasury Green Book: 3.5%", "discount_rate")
	setting("Deflator (general inflation)", dec(a.Deflator, fmtRate), "a year", "turns nominal savings into real terms", "deflator")
	setting("Opening fund balance", money(a.OpeningFund), "£", "split among the councils by the first month's shares", "opening_fund_balance")
	setting("Settle at the end", in(settle, fmtYesNo), "Yes or No", "pay each council's closing position back to it (1 is Yes, 0 No)", "settle_at_end")

	section("Workbook settings (this workbook's, not the forecast's)")
	headings("Setting", "Value", "Unit", "Note", "Key")
	setting("Check tolerance", in(0.005, fmtMoney), "£", "a check holds when its difference is at most this: half a penny", "check_tolerance")

	section("Councils")
	headings("Code", "Name", "Share (a weight)")
	for _, c := range s.Councils {
		share := txt("")
		if c.HasShare {
			share = dec(c.Share, fmtGeneral) // a weight: the shares are normalised to sum 1
		}
		row(in(c.Code, fmtGeneral), in(c.Name, fmtGeneral), share)
	}
	none(len(s.Councils))

	section("Pledges (paid in monthly instalments in the months whose first day lies in from..to)")
	headings("Council", "From", "To (inclusive)", "Annual amount (£)")
	for _, p := range s.Pledges {
		row(code(p.Council), date(p.From), date(p.To), money(p.AnnualAmount))
	}
	none(len(s.Pledges))

	section("Rooms (block rooms available from a date)")
	headings("From", "Rooms")
	for _, r := range s.Rooms {
		row(date(r.From), in(float64(r.Rooms), fmtInt))
	}
	none(len(s.Rooms))

	section("Occupancy (average block rooms a council occupies from a date)")
	headings("Council", "From", "Rooms occupied")
	for _, o := range s.Occupancy {
		row(code(o.Council), date(o.From), dec(o.RoomsOccupied, fmtRooms))
	}
	none(len(s.Occupancy))

	section("Spot costs (one placement's weekly cost on a date, indexed each year)")
	headings("Council", "From", "Weekly cost (£)", "Annual inflation")
	for _, sc := range s.SpotCosts {
		row(code(sc.Council), date(sc.From), dec(sc.WeeklyCost, fmtPrice), dec(sc.AnnualInflation, fmtRate))
	}
	none(len(s.SpotCosts))

	section("Grants (one-off income into the pool)")
	headings("Date", "Amount (£)", "Description")
	for _, g := range s.Grants {
		row(date(g.Date), money(g.Amount), in(g.Description, fmtGeneral))
	}
	none(len(s.Grants))

	section("Costs (running costs of the pool, paid like pledges)")
	headings("Description", "From", "To (inclusive)", "Annual amount (£)")
	for _, c := range s.Costs {
		row(in(c.Description, fmtGeneral), date(c.From), date(c.To), money(c.AnnualAmount))
	}
	none(len(s.Costs))

	if len(s.Risks) > 0 {
		section("Risks (distributions for the appraisal under uncertainty)")
		headings("Factor", "Distribution", "Low", "Mode", "High")
		for _, r := range s.Risks {
			row(in(r.Factor, fmtGeneral), in(r.Distribution, fmtGeneral),
				dec(r.Low, fmtGeneral), dec(r.Mode, fmtGeneral), dec(r.High, fmtGeneral))
		}
	}
	return items
}

// writeInputs writes the Inputs sheet: the assumptions, councils and
// tables the forecast read, as inputs the timeline's formulas refer to.
func (b *book) writeInputs() error {
	sw, err := b.newStream(sheetInputs, 16, map[int]float64{1: 34, 2: 26, 4: 52, 5: 22})
	if err != nil {
		return err
	}
	rw := b.rowWriter(sw, 8)
	rw.text(1, "Inputs: what the forecast read", roleTitle)
	rw.endAt(1)
	rw.text(1, "Yellow cells are the inputs as carecast read them. Changing one here moves only the formulas that use it "+
		"(the rates, the opening balance, the settlement); the blue figures elsewhere come from running carecast on the input workbook.", roleLabel)
	// The note wraps over the sheet's width, on two lines, so that it prints whole.
	if err := sw.MergeCell("A2", "E2"); err != nil {
		return err
	}
	rw.endAt(2, excelize.RowOpts{Height: 32})
	b.writeLegend(rw)
	row := inputsFirstRow
	for _, it := range b.inputItems() {
		for i, c := range it.cells {
			switch it.kind {
			case 1:
				rw.text(i+1, c.v.(string), roleSection)
			case 2:
				rw.text(i+1, c.v.(string), roleHeading)
			default:
				switch v := c.v.(type) {
				case string:
					if v != "" {
						rw.any(i+1, b.st.id(c.r, c.nf), "", v)
					}
				case float64:
					rw.cell(i+1, b.st.id(c.r, c.nf), "", v)
				}
			}
		}
		rw.endAt(row)
		row++
	}
	return rw.close()
}

// writeLegend writes the styles' key as the current row.
func (b *book) writeLegend(rw *rowWriter) {
	rw.text(1, "Key:", roleHeading)
	rw.any(2, b.st.id(roleInput, fmtGeneral), "", "Input")
	rw.any(3, b.st.id(roleImport, fmtGeneral), "", "carecast's figure")
	rw.any(4, b.st.id(roleCalc, fmtGeneral), "", "Formula")
	rw.any(5, b.st.id(roleCheck, fmtGeneral), "", "Check (zero when sound)")
	rw.end()
}

// --- Summary ------------------------------------------------------------------

// The Summary's columns: A label, B unit, C whole horizon, D.. financial
// years; the council tables use A code, B name and C.. figures.
const summaryNPVCol = 9 // I: NPV

// writeSummary writes the Summary sheet, the outputs a finance officer
// reads first: the title and period, the master check, the sign convention
// and the styles' key; the headline figures; the appraisal's block when
// there is one; the figures by financial year; by council; and each
// council's savings by financial year. Every figure is a link to the sheet
// that works it out.
func (b *book) writeSummary() error {
	sw, err := b.newStream(sheetSummary, 16, map[int]float64{1: 44, 2: 24, 3: 18})
	if err != nil {
		return err
	}
	rw := b.rowWriter(sw, max(3+b.nY, 13))
	// Each part is a block that printing keeps on one page.
	rw.block(func() { b.summaryTitle(rw) })
	rw.block(func() { b.summaryHeadline(rw) })
	if b.ap != nil {
		rw.block(func() { b.writeAppraisalSummary(rw) })
	}
	rw.block(func() { b.summaryByYear(rw) })
	rw.block(func() { b.summaryByCouncil(rw) })
	rw.block(func() { b.summarySavingsByCouncilYear(rw) })
	return rw.close()
}

// summaryLine is a row of the Summary's figure tables: a figure, its unit,
// and the row of a timeline sheet it links to.
type summaryLine struct {
	label, unit string
	on          *timelineSheet
	t           *lineItem
	nf          numFmt
}

// summaryTitle writes the Summary's first rows: title, period, master
// check, sign convention and the styles' key.
func (b *book) summaryTitle(rw *rowWriter) {
	res, a := b.res, b.res.Scenario.Assumptions
	rw.text(1, "Forecast: "+a.Scenario, roleTitle)
	rw.end()
	rw.text(1, "From "+res.Start.UK()+" to "+res.End.UK()+": "+itoa(a.Years)+" years, "+itoa(b.nM)+
		" months, financial years "+res.Years[0].FY.String()+" to "+res.Years[b.nY-1].FY.String()+".", roleText)
	rw.end()
	rw.text(1, "Master check", roleHeading)
	msg := "OK: every check holds"
	if !b.checksHold() {
		msg = "CHECK FAILED: see the Checks sheet"
	}
	rw.any(2, b.st.id(roleWarn, fmtGeneral), `IF(Checks!$C$`+itoa(checksMasterRow)+`,"OK: every check holds","CHECK FAILED: see the Checks sheet")`, msg)
	rw.end()
	rw.text(1, "Sign convention: money is positive in the direction its label says (paid in, paid, avoided, saved); "+
		"savings are spot purchasing avoided less attributed cost; a council's position or settlement is positive when the pool owes or pays the council.", roleText)
	rw.end()
	b.writeLegend(rw)
	rw.skip(1)
}

// summaryHeadline writes the headline figures over the whole horizon, and
// the break-even occupancy worked out from them.
func (b *book) summaryHeadline(rw *rowWriter) {
	res, tr, fr, tl, fund, st := b.res, &b.lines, &b.fundLines, b.tl, b.fund, b.st
	rw.text(1, "Headline figures, whole horizon", roleSection)
	rw.end()
	for i, h := range []string{"Figure", "Unit", "Value"} {
		rw.text(i+1, h, roleHeading)
	}
	rw.end()
	head := []summaryLine{
		{carecast.LabelPledges, "£", fund, fr.pledgeCons, fmtMoney},
		{"Grants", "£", tl, tr.grants, fmtMoney},
		{"Running costs", "£", tl, tr.running, fmtMoney},
		{"Block cost", "£", tl, tr.blockCost, fmtMoney},
		{carecast.LabelVoidCost, "£", tl, tr.void, fmtMoney},
		{"Spot purchasing avoided", "£", tl, tr.avoidedCons, fmtMoney},
		{carecast.LabelAttributedCost, "£", tl, tr.attrCons, fmtMoney},
		{"Savings", "£", tl, tr.savCons, fmtMoney},
		{carecast.LabelNPV, "£", tl, tr.pvCons, fmtMoney},
		{carecast.LabelClosingFund, "£", fund, fr.close, fmtMoney},
		{"Fund after settlement", "£", fund, fr.afterSettle, fmtMoney},
		{carecast.LabelCapacity, "room-days", tl, tr.capacity, fmtRoomDays},
		{carecast.LabelOccupied, "room-days", tl, tr.occCons, fmtRoomDays},
		{carecast.LabelOccupancy, "%", tl, tr.occRate, fmtRate},
	}
	rowOf := map[*lineItem]int{}
	for _, l := range head {
		if l.t == nil {
			continue
		}
		rw.text(1, l.label, roleText)
		rw.text(2, l.unit, roleText)
		rw.cell(3, st.id(roleCalc, l.nf), b.atOn(l.on, l.t, 0), l.t.val(0))
		rowOf[l.t] = rw.row
		rw.end()
		if l.t == tr.pvCons {
			// Optimism bias uplifts the costs in the appraisal only
			// (docs/methodology.md §9): carecast's figure, beside the NPV.
			rw.text(1, carecast.LabelNPVAfterOptimismBias+" ("+res.Scenario.Assumptions.OptimismBias.Shift(2).String()+"% on costs)", roleText)
			rw.text(2, "£", roleText)
			rw.cell(3, st.id(roleImport, fmtMoney), "", penceCell(res.NPVAfterOptimismBias.PenceInt()))
			rw.end()
		}
	}
	b.sumSavRow, b.sumPVRow = rowOf[tr.savCons], rowOf[tr.pvCons]
	// Break-even occupancy: lambda* (attributed cost over spot purchasing
	// avoided) times the occupancy rate; not defined when nothing is avoided.
	rw.text(1, carecast.LabelBreakEven, roleText)
	rw.text(2, "%", roleText)
	be := "IFERROR(C" + itoa(rowOf[tr.attrCons]) + "/C" + itoa(rowOf[tr.avoidedCons]) + "*C" + itoa(rowOf[tr.occRate]) + `,"not defined")`
	if res.BreakEvenDefined {
		rw.cell(3, st.id(roleCalc, fmtRate), be, tr.attrCons.val(0)/tr.avoidedCons.val(0)*tr.occRate.val(0))
	} else {
		rw.any(3, st.id(roleCalc, fmtRate), be, "not defined")
	}
	rw.end()
	if b.hasOverflow() {
		b.summaryOverflow(rw)
	}
	rw.skip(1)
}

// summaryYearHeadings writes the headings of a table by financial year:
// first and second, then "Whole horizon" and each financial year.
func (b *book) summaryYearHeadings(rw *rowWriter, first, second string) {
	rw.text(1, first, roleHeading)
	rw.text(2, second, roleHeading)
	rw.text(3, "Whole horizon", roleHeading)
	for y, yr := range b.res.Years {
		rw.text(4+y, yr.FY.String(), roleHeading)
	}
	rw.end()
}

// summaryByYear writes the consortium's figures by financial year.
func (b *book) summaryByYear(rw *rowWriter) {
	tr, fr, tl, fund, st := &b.lines, &b.fundLines, b.tl, b.fund, b.st
	rw.text(1, "By financial year", roleSection)
	rw.end()
	b.summaryYearHeadings(rw, "Figure", "Unit")
	years := []summaryLine{
		{carecast.LabelPledges, "£", fund, fr.pledgeCons, fmtMoney},
		{carecast.LabelGrants, "£", tl, tr.grants, fmtMoney},
		{carecast.LabelRunningCosts, "£", tl, tr.running, fmtMoney},
		{carecast.LabelBlockCost, "£", tl, tr.blockCost, fmtMoney},
		{carecast.LabelVoidCost, "£", tl, tr.void, fmtMoney},
		{carecast.LabelSpotAvoided, "£", tl, tr.avoidedCons, fmtMoney},
		{carecast.LabelAttributedCost, "£", tl, tr.attrCons, fmtMoney},
		{carecast.LabelSavings, "£", tl, tr.savCons, fmtMoney},
		{carecast.LabelNPV, "£", tl, tr.pvCons, fmtMoney},
		{carecast.LabelClosingFund, "£", fund, fr.close, fmtMoney},
		{carecast.LabelCapacity, "room-days", tl, tr.capacity, fmtRoomDays},
		{carecast.LabelOccupied, "room-days", tl, tr.occCons, fmtRoomDays},
		{carecast.LabelOccupancy, "%", tl, tr.occRate, fmtRate},
	}
	for _, l := range years {
		rw.text(1, l.label, roleText)
		rw.text(2, l.unit, roleText)
		for tc := 0; tc <= b.nY; tc++ {
			rw.cell(3+tc, st.id(roleCalc, l.nf), b.atOn(l.on, l.t, tc), l.t.val(tc))
		}
		rw.end()
	}
	rw.skip(1)
}

// summaryByCouncil writes each council's figures over the whole horizon,
// and the consortium's as their sums. It records where the NPV columns
// are, for the checks.
func (b *book) summaryByCouncil(rw *rowWriter) {
	res, tr, fr, tl, fund, st := b.res, &b.lines, &b.fundLines, b.tl, b.fund, b.st
	rw.text(1, "By council, whole horizon", roleSection)
	rw.end()
	type councilColumn struct {
		head string
		on   *timelineSheet
		rows []*lineItem // by council; nil for carecast's NPV
		nf   numFmt
	}
	columns := []councilColumn{
		{carecast.LabelPledges + " (£)", fund, fr.pledges, fmtMoney},
		{carecast.LabelUsedBlock + " (£)", tl, tr.used, fmtMoney},
		{carecast.LabelSharedCost + " (£)", tl, tr.alloc, fmtMoney},
		{carecast.LabelAttributedCost + " (£)", tl, tr.attr, fmtMoney},
		{carecast.LabelSpotAvoided + " (£)", tl, tr.avoided, fmtMoney},
		{carecast.LabelSavings + " (£)", tl, tr.sav, fmtMoney},
		// The consortium's NPV shared to the penny (largest remainder), as
		// the terminal and JSON give it; the Timeline's present values of
		// each council's savings agree within the Checks' tolerance.
		{carecast.LabelNPV + " (£)", nil, nil, fmtMoney},
		{carecast.LabelSettlement + " (£)", fund, fr.settle, fmtMoney},
		{carecast.LabelOccupied, tl, tr.occ, fmtRoomDays},
	}
	rw.text(1, "Code", roleHeading)
	rw.text(2, "Name", roleHeading)
	for i, c := range columns {
		rw.text(3+i, c.head, roleHeading)
	}
	// "Spot purchasing avoided (£)" wraps to three lines in bold: give the
	// row their height.
	rw.end(excelize.RowOpts{Height: 45})
	first := rw.row
	for c, cr := range res.Councils {
		rw.text(1, cr.Council.Code, roleText)
		rw.text(2, cr.Council.Name, roleText)
		for i, col := range columns {
			if col.rows == nil {
				rw.cell(3+i, st.id(roleImport, fmtMoney), "", penceCell(cr.NPV.PenceInt()))
				continue
			}
			rw.cell(3+i, st.id(roleCalc, col.nf), b.atOn(col.on, col.rows[c], 0), col.rows[c].val(0))
		}
		rw.end()
	}
	last := rw.row - 1
	for i, col := range columns {
		if len(col.rows) > 0 {
			b.byCouncilCol[col.rows[0]] = b.cols[3+i]
		}
	}
	b.sumNPVFirst, b.sumNPVLast = first, last
	b.sumNPVCol = b.cols[summaryNPVCol]
	if b.nC > 0 {
		rw.text(1, "Consortium", roleHeading)
		for i, col := range columns {
			letter := b.cols[3+i]
			var v float64
			switch {
			case col.rows == nil:
				v = penceCell(res.NPV.PenceInt()) // the councils' NPVs sum to it exactly
			case col.rows[0].p != nil:
				v = penceCell(sumP(col.rows, 0))
			default:
				for _, t := range col.rows {
					v += t.val(0)
				}
			}
			rw.cell(3+i, st.id(roleCalc, col.nf), "SUM("+letter+itoa(first)+":"+letter+itoa(last)+")", v)
		}
		rw.end()
	}
	rw.skip(1)
}

// summarySavingsByCouncilYear writes each council's savings by financial
// year.
func (b *book) summarySavingsByCouncilYear(rw *rowWriter) {
	tr, tl, st := &b.lines, b.tl, b.st
	rw.text(1, "Savings by council and financial year (£)", roleSection)
	rw.end()
	b.summaryYearHeadings(rw, "Code", "Name")
	for c, cr := range b.res.Councils {
		rw.text(1, cr.Council.Code, roleText)
		rw.text(2, cr.Council.Name, roleText)
		for tc := 0; tc <= b.nY; tc++ {
			rw.cell(3+tc, st.id(roleCalc, fmtMoney), b.atOn(tl, tr.sav[c], tc), tr.sav[c].val(tc))
		}
		rw.end()
	}
	if b.nC > 0 {
		first, last := rw.row-b.nC, rw.row-1
		rw.text(1, "Consortium", roleHeading)
		for tc := 0; tc <= b.nY; tc++ {
			col := b.cols[3+tc]
			rw.cell(3+tc, st.id(roleCalc, fmtMoney), "SUM("+col+itoa(first)+":"+col+itoa(last)+")", penceCell(sumP(tr.sav, tc)))
		}
		rw.end()
	}
}

// --- Checks -------------------------------------------------------------------

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
	return "MAX(" + s.ref + "E" + itoa(t.r) + ":" + b.cols[b.lastCol] + itoa(t.r) + ")"
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
	tr, fr, tl, fund := &b.lines, &b.fundLines, b.tl, b.fund
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
	tr, fr, tl, fund := &b.lines, &b.fundLines, b.tl, b.fund
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
	months := "$" + b.cols[b.colM0] + "$" + itoa(first.r) + ":$" + b.cols[b.lastCol] + "$" + itoa(last.r)
	whole := "$E$" + itoa(first.r) + ":$E$" + itoa(last.r)
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
		formula: "ABS(SUM(" + s.ref + months + ")-SUM(" + s.ref + whole + "))", diff: diff, nf: nf}
}

// balanceChecks check that balances close where their last month does,
// that settlement empties the fund, and that the councils' NPVs sum to the
// consortium's.
func (b *book) balanceChecks() []check {
	tr, fr, tl, fund := &b.lines, &b.fundLines, b.tl, b.fund
	var cs []check
	// The whole horizon and the last year close where the last month does.
	lastM, lastY := b.cols[b.lastCol], b.cols[b.colFY0+b.nY-1]
	closing := func(label string, t *lineItem) {
		end := t.p[b.nT()-1]
		cs = append(cs,
			check{label: label + ": the whole horizon closes where the last month does", where: sheetFund,
				formula: "ABS(" + fund.ref + "E" + itoa(t.r) + "-" + fund.ref + lastM + itoa(t.r) + ")", diff: penceCell(abs64(t.p[0] - end))},
			check{label: label + ": the last financial year closes where the last month does", where: sheetFund,
				formula: "ABS(" + fund.ref + lastY + itoa(t.r) + "-" + fund.ref + lastM + itoa(t.r) + ")", diff: penceCell(abs64(t.p[b.nY] - end))})
	}
	closing("Pooled fund", fr.close)
	if fr.posSum != nil {
		closing("Councils' positions", fr.posSum)
		settled := 0.0
		if b.res.Scenario.Assumptions.SettleAtEnd {
			settled = math.Abs(fr.afterSettle.val(0))
		}
		cs = append(cs, check{label: "With settlement at the end, the fund closes at zero", where: sheetFund,
			formula: "ABS(" + fund.ref + "E" + itoa(fr.afterSettle.r) + "*Inputs!" + b.in.settle + ")", diff: settled})
		// The councils' NPVs, shared to the penny, sum to the consortium's
		// present value rounded to the penny.
		var alloc int64
		for _, c := range b.res.Councils {
			alloc += c.NPV.PenceInt()
		}
		cs = append(cs, check{label: "Councils' NPVs (to the penny) sum to the consortium's present value", where: sheetSummary,
			formula: "ABS(SUM(Summary!" + b.sumNPVCol + itoa(b.sumNPVFirst) + ":" + b.sumNPVCol + itoa(b.sumNPVLast) + ")-" +
				tl.ref + "E" + itoa(tr.pvCons.r) + ")", diff: math.Abs(penceCell(alloc) - tr.pvCons.val(0))})
	}
	return cs
}

// ledgerChecks tie the Ledger to the Pooled fund sheet; row is the Checks
// sheet's row of the first of them.
func (b *book) ledgerChecks(row int) []check {
	if len(b.postings) == 0 {
		return nil
	}
	fr, fund := &b.fundLines, b.fund
	var cs []check
	amounts := "Ledger!$E$" + itoa(b.ledFirst) + ":$E$" + itoa(b.ledLast)
	accounts := "Ledger!$C$" + itoa(b.ledFirst) + ":$C$" + itoa(b.ledLast)
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
		formula: "ABS(SUM(" + amounts + "))", diff: penceCell(abs64(sum))})
	row++ // a check by account reads the account's name in its own row's column E
	cs = append(cs, check{label: "Ledger: the Fund account's balance is the fund after settlement", where: sheetLedger,
		account: string(carecast.Fund),
		formula: "ABS(SUMIF(" + accounts + ",E" + itoa(row) + "," + amounts + ")-" + fund.ref + "E" + itoa(fr.afterSettle.r) + ")",
		diff:    penceCell(abs64(fundBal - fr.afterSettle.p[0]))})
	row++
	if fr.posSum != nil {
		cs = append(cs, check{label: "Ledger: the councils' positions (credit balances) are their positions after settlement",
			where: sheetLedger, account: string(carecast.Position),
			formula: "ABS(SUMIF(" + accounts + ",E" + itoa(row) + "," + amounts + ")+" +
				fund.ref + "E" + itoa(fr.posSum.r) + "-" + fund.ref + "E" + itoa(fr.settleSum.r) + ")",
			diff: penceCell(abs64(posBal + fr.posSum.p[0] - fr.settleSum.p[0]))})
	}
	return cs
}

// tolerance is the check tolerance written on the Inputs sheet.
const tolerance = 0.005

// checksHold reports whether every check is within the tolerance.
func (b *book) checksHold() bool {
	for _, c := range b.checks() {
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
	cs := b.checks()
	last := checksFirstRow + len(cs) - 1
	rw.text(1, "Master check: every check holds", roleHeading)
	rw.any(3, st.id(roleWarn, fmtGeneral), "AND(D"+itoa(checksFirstRow)+":D"+itoa(last)+")", b.checksHold())
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
		rw.any(4, st.id(roleCheck, fmtGeneral), "C"+itoa(r)+"<=Inputs!"+b.in.tolerance, c.diff <= tolerance)
		rw.text(5, c.account, roleText)
		rw.endAt(r)
	}
	return rw.close()
}

// --- Ledger -------------------------------------------------------------------

const ledgerHeaderRow = 4

// ledgerMarker stands in the Ledger's first posting row as excelize writes
// the sheet; the package's zip writer replaces that row with every posting
// (ledgerRows). The postings are most of the workbook's cells, and
// excelize's stream writer allocates about 1.5 KB a row: written directly
// they cost next to nothing, and the sheet's panes, header and table are
// still excelize's.
const ledgerMarker = "carecast:ledger-postings"

// writeLedger writes the Ledger sheet: the pooled fund's postings as an
// Excel table, streamed (see ledgerMarker).
func (b *book) writeLedger() error {
	sw, err := b.newStream(sheetLedger, 12, map[int]float64{1: 8, 3: 18, 4: 10, 5: 16, 6: 44})
	if err != nil {
		return err
	}
	if err := sw.SetPanes(&excelize.Panes{Freeze: true, YSplit: ledgerHeaderRow,
		TopLeftCell: "A" + itoa(ledgerHeaderRow+1), ActivePane: "bottomLeft"}); err != nil {
		return err
	}
	rw := b.rowWriter(sw, 6)
	rw.text(1, "Ledger: the pooled fund's postings", roleTitle)
	rw.endAt(1)
	rw.text(1, "Each transaction's postings sum to zero: a debit is positive, a credit negative. "+
		"The Fund account's debit balance is the money in the pool; a council's Position account's credit balance is what the pool owes it.", roleText)
	rw.endAt(2)
	for i, h := range []string{"Txn", "Date", "Account", "Council", "Amount (£)", "Description"} {
		rw.text(i+1, h, roleHeading)
	}
	rw.endAt(ledgerHeaderRow)
	b.ledStyles = [4]int{b.st.id(roleImport, fmtInt), b.st.id(roleImport, fmtDate),
		b.st.id(roleImport, fmtGeneral), b.st.id(roleImport, fmtMoney)}
	if len(b.postings) > 0 {
		rw.text(1, ledgerMarker, roleText)
		rw.endAt(ledgerHeaderRow + 1)
		no := false
		if err := sw.AddTable(&excelize.Table{
			Range: "A" + itoa(ledgerHeaderRow) + ":F" + itoa(b.ledLast), Name: "Postings",
			StyleName: "TableStyleLight9", ShowRowStripes: &no,
		}); err != nil {
			return err
		}
	}
	return rw.close()
}

// ledgerRows writes the postings as the Ledger's rows of SpreadsheetML.
func (b *book) ledgerRows(w io.Writer) error {
	ints, dates, text, money := b.ledStyles[0], b.ledStyles[1], b.ledStyles[2], b.ledStyles[3]
	codes := make([]string, b.nC)
	for c, cr := range b.res.Councils {
		codes[c] = cr.Council.Code
	}
	escaped := map[string][]byte{}
	var buf []byte
	num := func(col byte, r, style int, v float64) {
		buf = append(buf, `<c r="`...)
		buf = append(buf, col)
		buf = strconv.AppendInt(buf, int64(r), 10)
		buf = append(buf, `" s="`...)
		buf = strconv.AppendInt(buf, int64(style), 10)
		buf = append(buf, `"><v>`...)
		buf = strconv.AppendFloat(buf, v, 'f', -1, 64)
		buf = append(buf, `</v></c>`...)
	}
	str := func(col byte, r, style int, s string) {
		if s == "" {
			return
		}
		x, ok := escaped[s]
		if !ok {
			x = inlineString(s)
			escaped[s] = x
		}
		buf = append(buf, `<c r="`...)
		buf = append(buf, col)
		buf = strconv.AppendInt(buf, int64(r), 10)
		buf = append(buf, `" s="`...)
		buf = strconv.AppendInt(buf, int64(style), 10)
		buf = append(buf, `" t="inlineStr">`...)
		buf = append(buf, x...)
		buf = append(buf, `</c>`...)
	}
	for i, p := range b.postings {
		r := ledgerHeaderRow + 1 + i
		buf = append(buf, `<row r="`...)
		buf = strconv.AppendInt(buf, int64(r), 10)
		buf = append(buf, `">`...)
		num('A', r, ints, float64(p.Txn))
		num('B', r, dates, excelDate(p.Date))
		str('C', r, text, string(p.Account))
		if p.Council >= 0 && p.Council < len(codes) {
			str('D', r, text, codes[p.Council])
		}
		num('E', r, money, penceCell(p.Amount.PenceInt()))
		str('F', r, text, p.Description)
		buf = append(buf, `</row>`...)
		if len(buf) >= 1<<16 || i == len(b.postings)-1 {
			if _, err := w.Write(buf); err != nil {
				return err
			}
			buf = buf[:0]
		}
	}
	return nil
}

// maxCellText is the most characters a cell holds in Excel.
const maxCellText = 32767

// inlineString is <is><t>s</t></is>, escaped, keeping spaces at the ends
// and cut to what a cell holds.
func inlineString(s string) []byte {
	if utf8.RuneCountInString(s) > maxCellText {
		s = string([]rune(s)[:maxCellText])
	}
	var sb bytes.Buffer
	sb.WriteString("<is><t")
	if strings.TrimSpace(s) != s {
		sb.WriteString(` xml:space="preserve"`)
	}
	sb.WriteString(">")
	_ = xml.EscapeText(&sb, []byte(s))
	sb.WriteString("</t></is>")
	return sb.Bytes()
}

// --- Charts -------------------------------------------------------------------

// maxChartSeries is Excel's limit on the series of one chart.
const maxChartSeries = 255

// writeCharts writes the Charts sheet: native Excel charts over the
// Timeline and Pooled fund sheets' rows, so that they follow the formulas.
func (b *book) writeCharts() error {
	f, tr, fr, tl, fund := b.f, &b.lines, &b.fundLines, b.tl, b.fund
	// Each chart starts a page of its own: it is never cut.
	ps := &pageState{plan: printPlan{fitWide: true}, def: 9, widths: map[int]float64{}, nCols: 16, lastRow: chartTop(4)}
	b.pages[sheetCharts] = ps
	if err := b.pageSetup(sheetCharts, ps.plan); err != nil {
		return err
	}
	if err := f.SetCellValue(sheetCharts, "A1", "Charts"); err != nil {
		return err
	}
	if err := f.SetCellStyle(sheetCharts, "A1", "A1", b.st.id(roleTitle, fmtGeneral)); err != nil {
		return err
	}
	note := "Native charts over the Timeline and Pooled fund sheets."
	if b.nC > maxChartSeries {
		note += " The cumulative savings chart shows the first " + itoa(maxChartSeries) + " councils (Excel's limit)."
	}
	if err := f.SetCellValue(sheetCharts, "A2", note); err != nil {
		return err
	}
	m0, mN := "$"+b.cols[b.colM0]+"$", "$"+b.cols[b.lastCol]+"$"
	months := func(s *timelineSheet, r int) string { return s.ref + m0 + itoa(r) + ":" + mN + itoa(r) }
	monthAxis := months(tl, rowAxis)
	y0, yN := "$"+b.cols[b.colFY0]+"$", "$"+b.cols[b.colFY0+b.nY-1]+"$"
	// A series is named by its row's label (column A) or council (B).
	series := func(nameCol string, s *timelineSheet, t *lineItem) excelize.ChartSeries {
		return excelize.ChartSeries{Name: s.ref + "$" + nameCol + "$" + itoa(t.r), Categories: monthAxis,
			Values: months(s, t.r), Marker: excelize.ChartMarker{Symbol: "none"}}
	}
	title := func(s string) excelize.ChartTitle {
		return excelize.ChartTitle{Paragraph: []excelize.RichTextRun{{Text: s}}}
	}
	money := moneyAxis
	// Every category shows its label (most are blank), turned so that
	// LibreOffice does not wrap them.
	ink := excelize.Font{Color: "404040"}
	dateAxis := excelize.ChartAxis{TickLabelSkip: 1, Alignment: excelize.Alignment{TextRotation: -45}, Font: ink}
	dim := excelize.ChartDimension{Width: 900, Height: 420}
	no := false

	var cum []excelize.ChartSeries
	for c, t := range tr.cum {
		if c == maxChartSeries {
			break
		}
		sr := series("B", tl, t)
		sr.Line, sr.Marker = councilStyle(c)
		cum = append(cum, sr)
	}
	charts := []struct {
		cell  string
		chart *excelize.Chart
	}{
		{"A" + itoa(chartTop(0)), &excelize.Chart{Type: excelize.Line, Series: cum, Title: title("Cumulative savings by council"),
			XAxis: dateAxis, YAxis: excelize.ChartAxis{NumFmt: money, MajorGridLines: true, Font: ink},
			Legend: excelize.ChartLegend{Position: "right"}, Dimension: dim}},
		{"A" + itoa(chartTop(1)), &excelize.Chart{Type: excelize.Col, VaryColors: &no, Series: []excelize.ChartSeries{{
			Name: tl.ref + "$A$" + itoa(tr.savCons.r), Categories: tl.ref + y0 + itoa(rowFY) + ":" + yN + itoa(rowFY),
			Values: tl.ref + y0 + itoa(tr.savCons.r) + ":" + yN + itoa(tr.savCons.r)}},
			Title: title("Savings by financial year"), YAxis: excelize.ChartAxis{NumFmt: money, MajorGridLines: true, Font: ink, Minimum: b.zeroAxis(tr.savCons)},
			Legend: excelize.ChartLegend{Position: "none"}, Dimension: dim}},
		{"A" + itoa(chartTop(2)), &excelize.Chart{Type: excelize.Line, Series: []excelize.ChartSeries{
			series("A", tl, tr.avgRooms), series("A", tl, tr.avgOcc)},
			Title: title("Block rooms: capacity against occupied (monthly averages)"), XAxis: dateAxis,
			YAxis: excelize.ChartAxis{MajorGridLines: true, Font: ink}, Legend: excelize.ChartLegend{Position: "bottom"}, Dimension: dim}},
		{"A" + itoa(chartTop(3)), &excelize.Chart{Type: excelize.Line, Series: []excelize.ChartSeries{
			series("A", fund, fr.close)},
			Title: title(carecast.LabelClosingFund + " at the end of each month"), XAxis: dateAxis,
			YAxis: excelize.ChartAxis{NumFmt: money, MajorGridLines: true, Font: ink}, Legend: excelize.ChartLegend{Position: "none"}, Dimension: dim}},
	}
	for i, c := range charts {
		if len(c.chart.Series) == 0 {
			continue
		}
		if err := f.AddChart(sheetCharts, c.cell, c.chart); err != nil {
			return err
		}
		if i > 0 {
			if err := f.InsertPageBreak(sheetCharts, "A"+itoa(chartTop(i)-1)); err != nil {
				return err
			}
		}
	}
	return nil
}

// The Charts sheet gives each chart a page region of chartRows rows, the
// chart from the region's second row: a page holds it whole.
const chartRows = 27

// chartTop is the row chart i (from 0) is anchored at.
func chartTop(i int) int { return 4 + i*chartRows }

// zeroAxis starts a bar chart's value axis at zero, as bars must, when
// every bar is positive (a negative bar takes the axis below zero anyway).
func (b *book) zeroAxis(t *lineItem) *float64 {
	for y := 1; y <= b.nY; y++ {
		if t.p[y] < 0 {
			return nil
		}
	}
	zero := 0.0
	return &zero
}

// councilStyle is council c's line on a chart: a colour and a dash that
// together tell any two of the first 70 councils apart (in print, in
// greyscale too), and a marker beyond them.
func councilStyle(c int) (excelize.LineOptions, excelize.ChartMarker) {
	colours := []string{"1F4E79", "C55A11", "548235", "7030A0", "BF9000", "2E75B6", "A50021", "3B3838", "00817A", "8C564B"}
	dashes := []excelize.LineDashType{excelize.LineDashSolid, excelize.LineDashDash, excelize.LineDashSysDot,
		excelize.LineDashLgDashDot, excelize.LineDashLgDash, excelize.LineDashSysDashDotDot, excelize.LineDashDot}
	markers := []string{"none", "circle", "square", "triangle", "diamond", "x", "star", "plus"}
	line := excelize.LineOptions{Width: 1.75, Dash: dashes[c%len(dashes)],
		Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{colours[c%len(colours)]}}}
	return line, excelize.ChartMarker{Symbol: markers[(c/70)%len(markers)]}
}
