package workbook

import (
	"github.com/carecast/carecast"
	"github.com/shopspring/decimal"
	"github.com/xuri/excelize/v2"
)

// inputRefs are the cells of the Inputs sheet that formulas use
// (Inputs!$B$12).
type inputRefs struct {
	discount, deflator, opening, settle, tolerance ref
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
	b.plan.in = inputRefs{}
	row := inputsFirstRow
	b.plan.inputs = b.inputItems()
	for _, it := range b.plan.inputs {
		if it.kind == 0 && len(it.cells) > 4 {
			if key, ok := it.cells[4].v.(string); ok {
				ref := cell(2, row).abs().on(sheetInputs)
				switch key {
				case "discount_rate":
					b.plan.in.discount = ref
				case "deflator":
					b.plan.in.deflator = ref
				case "opening_fund_balance":
					b.plan.in.opening = ref
				case "settle_at_end":
					b.plan.in.settle = ref
				case "check_tolerance":
					b.plan.in.tolerance = ref
				}
			}
		}
		row++
	}
}

const inputsFirstRow = 5

// inputList gathers the lines of the Inputs sheet.
type inputList struct {
	items []inputItem
	s     *carecast.Scenario
}

// section starts a block, after a blank line.
func (l *inputList) section(label string) {
	if len(l.items) > 0 {
		l.items = append(l.items, inputItem{})
	}
	l.items = append(l.items, inputItem{kind: 1, cells: []inputCell{{v: label}}})
}

// headings is a line of column headings.
func (l *inputList) headings(hs ...string) {
	cs := make([]inputCell, len(hs))
	for i, h := range hs {
		cs[i] = inputCell{v: h}
	}
	l.items = append(l.items, inputItem{kind: 2, cells: cs})
}

// row is a line of cells; none says "(none)" for a table without rows.
func (l *inputList) row(cs ...inputCell) { l.items = append(l.items, inputItem{cells: cs}) }

func (l *inputList) none(n int) {
	if n == 0 {
		l.row(txt("(none)"))
	}
}

// setting is an assumption: its label, value, unit, note and key.
func (l *inputList) setting(label string, v inputCell, unit, note, key string) {
	l.row(txt(label), v, txt(unit), txt(note), txt(key))
}

// code is council c's code, as an input.
func (l *inputList) code(c int) inputCell {
	if c < 0 || c >= len(l.s.Councils) {
		return txt("")
	}
	return in(l.s.Councils[c].Code, fmtGeneral)
}

// The cells of the Inputs sheet: an input in its style, words, a date, an
// amount, a decimal in a number format.
func in(v interface{}, nf numFmt) inputCell { return inputCell{v: v, nf: nf, r: roleInput} }
func txt(v string) inputCell                { return inputCell{v: v, r: roleText} }
func dateIn(d carecast.Date) inputCell      { return in(excelDate(d), fmtDate) }
func moneyIn(m carecast.Money) inputCell    { return in(penceCell(m.PenceInt()), fmtMoney) }
func decIn(d decimal.Decimal, nf numFmt) inputCell {
	return in(decFloat(d), nf)
}

// inputItems are the lines of the Inputs sheet from inputsFirstRow on:
// the assumptions, the workbook's own settings, and each table of the
// input. An assumption's fifth cell is its key (hidden in column E, the
// name the input workbook uses).
func (b *book) inputItems() []inputItem {
	l := &inputList{s: b.res.Scenario}
	assumptionItems(l, l.s.Assumptions)
	tableItems(l, l.s)
	return l.items
}

// assumptionItems are the Assumptions and the workbook's settings.
func assumptionItems(l *inputList, a carecast.Assumptions) {
	l.section("Assumptions (docs/methodology.md §2)")
	l.headings("Setting", carecast.LabelValue, carecast.LabelUnit, carecast.LabelNote, "Key")
	settle := 0.0
	if a.SettleAtEnd {
		settle = 1
	}
	l.setting("Scenario", in(a.Scenario, fmtGeneral), "", "", "scenario")
	l.setting("Start date", dateIn(a.StartDate), "date", "the first day of the first month", "start_date")
	l.setting("Years", in(float64(a.Years), fmtInt), "years", "", "years")
	l.setting("Block price per room-week", decIn(a.BlockWeeklyPrice, fmtPrice), "£/week", "on the block price date", "block_weekly_price")
	l.setting("Block price date", dateIn(a.PriceDate()), "date", "", "block_price_date")
	l.setting("Block price uplift", decIn(a.BlockUplift, fmtRate), "a year", "on each anniversary of the price date", "block_uplift")
	l.setting("Occupancy rate", decIn(a.OccupancyRate, fmtRate), "", "used only when the Occupancy table has no rows", "occupancy_rate")
	l.setting("Discount rate (real)", decIn(a.DiscountRate, fmtRate), "a year", "HM Treasury Green Book: 3.5%", "discount_rate")
	l.setting("Deflator (general inflation)", decIn(a.Deflator, fmtRate), "a year", "turns nominal savings into real terms", "deflator")
	l.setting("Opening fund balance", moneyIn(a.OpeningFund), "£", "split among the councils by the first month's shares", "opening_fund_balance")
	l.setting("Settle at the end", in(settle, fmtYesNo), "Yes or No", "pay each council's closing position back to it (1 is Yes, 0 No)", "settle_at_end")

	l.section("Workbook settings (this workbook's, not the forecast's)")
	l.headings("Setting", carecast.LabelValue, carecast.LabelUnit, carecast.LabelNote, "Key")
	l.setting("Check tolerance", in(0.005, fmtMoney), "£", "a check holds when its difference is at most this: half a penny", "check_tolerance")
}

// tableItems are the input's tables, each under its heading.
func tableItems(l *inputList, s *carecast.Scenario) {
	l.section("Councils")
	l.headings(carecast.LabelCode, carecast.LabelName, "Share (a weight)")
	for _, c := range s.Councils {
		share := txt("")
		if c.HasShare {
			share = decIn(c.Share, fmtGeneral) // a weight: the shares are normalised to sum 1
		}
		l.row(in(c.Code, fmtGeneral), in(c.Name, fmtGeneral), share)
	}
	l.none(len(s.Councils))

	l.section("Pledges (paid in monthly instalments in the months whose first day lies in from..to)")
	l.headings(carecast.LabelCouncil, "From", "To (inclusive)", "Annual amount (£)")
	for _, p := range s.Pledges {
		l.row(l.code(p.Council), dateIn(p.From), dateIn(p.To), moneyIn(p.AnnualAmount))
	}
	l.none(len(s.Pledges))

	l.section("Rooms (block rooms available from a date)")
	l.headings("From", carecast.LabelRooms)
	for _, r := range s.Rooms {
		l.row(dateIn(r.From), in(float64(r.Rooms), fmtInt))
	}
	l.none(len(s.Rooms))

	l.section("Occupancy (average block rooms a council occupies from a date)")
	l.headings(carecast.LabelCouncil, "From", "Rooms occupied")
	for _, o := range s.Occupancy {
		l.row(l.code(o.Council), dateIn(o.From), decIn(o.RoomsOccupied, fmtRooms))
	}
	l.none(len(s.Occupancy))

	l.section("Spot costs (one placement's weekly cost on a date, indexed each year)")
	l.headings(carecast.LabelCouncil, "From", "Weekly cost (£)", "Annual inflation")
	for _, sc := range s.SpotCosts {
		l.row(l.code(sc.Council), dateIn(sc.From), decIn(sc.WeeklyCost, fmtPrice), decIn(sc.AnnualInflation, fmtRate))
	}
	l.none(len(s.SpotCosts))

	l.section("Grants (one-off income into the pool)")
	l.headings("Date", "Amount (£)", "Description")
	for _, g := range s.Grants {
		l.row(dateIn(g.Date), moneyIn(g.Amount), in(g.Description, fmtGeneral))
	}
	l.none(len(s.Grants))

	l.section("Costs (running costs of the pool, paid like pledges)")
	l.headings("Description", "From", "To (inclusive)", "Annual amount (£)")
	for _, c := range s.Costs {
		l.row(in(c.Description, fmtGeneral), dateIn(c.From), dateIn(c.To), moneyIn(c.AnnualAmount))
	}
	l.none(len(s.Costs))

	if len(s.Risks) > 0 {
		l.section("Risks (distributions for the appraisal under uncertainty)")
		l.headings("Factor", "Distribution", "Low", "Mode", "High")
		for _, r := range s.Risks {
			l.row(in(r.Factor.String(), fmtGeneral), in(r.Distribution.String(), fmtGeneral),
				decIn(r.Low, fmtGeneral), decIn(r.Mode, fmtGeneral), decIn(r.High, fmtGeneral))
		}
	}
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
	for _, it := range b.plan.inputs {
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
