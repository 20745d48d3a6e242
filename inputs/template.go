package inputs

import (
	"fmt"
	"io"
	"strings"

	"github.com/carecast/carecast"
	"github.com/carecast/carecast/internal/atomicfile"
	"github.com/shopspring/decimal"
	"github.com/xuri/excelize/v2"
)

// The template workbook of 'carecast init': the sheets of docs/methodology.md §2
// filled with a scenario, laid out for the analyst who edits it. Inputs are
// in a distinct style with a legend on the first sheet, units are in the
// headers, each header has a note, cells are validated (council drop-downs,
// dates, non-negative amounts, whole rooms), header rows are frozen, and
// amounts and rates carry £ and % formats. Reading the untouched template
// gives back the scenario it was written from.

// templateRows is how many rows of each table are styled and validated as
// inputs, room for an analyst's additions.
const templateRows = 500

// WriteTemplate writes the template workbook to path, filled with s (its
// Risks, or carecast.DefaultRisks when it has none). The file is written to a
// temporary file beside path and renamed over it, so a reader never sees
// half a workbook; an existing file at path is replaced (the command
// refuses that without --force).
func WriteTemplate(path string, s *carecast.Scenario) error {
	f, err := Template(s)
	if err != nil {
		return err
	}
	defer f.Close()
	return atomicfile.WriteFile(path, func(w io.Writer) error {
		_, err := f.WriteTo(w)
		return err
	})
}

// styles of the template.
type styles struct {
	title, heading, header, label, note, wrap      int
	text, date, money, pct, whole, number, general int // inputs
}

func newStyles(f *excelize.File) (*styles, error) {
	var st styles
	var err error
	add := func(dst *int, s *excelize.Style) {
		if err == nil {
			*dst, err = f.NewStyle(s)
		}
	}
	border := []excelize.Border{
		{Type: "left", Color: "BFBFBF", Style: 1}, {Type: "right", Color: "BFBFBF", Style: 1},
		{Type: "top", Color: "BFBFBF", Style: 1}, {Type: "bottom", Color: "BFBFBF", Style: 1},
	}
	input := func(numFmt int, custom string) *excelize.Style {
		s := &excelize.Style{
			Fill:   excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"FFF2CC"}},
			Font:   &excelize.Font{Color: "0000CC"},
			Border: border,
			NumFmt: numFmt,
		}
		if custom != "" {
			s.CustomNumFmt = &custom
		}
		return s
	}
	add(&st.title, &excelize.Style{Font: &excelize.Font{Bold: true, Size: 16}})
	add(&st.heading, &excelize.Style{Font: &excelize.Font{Bold: true, Size: 12}})
	add(&st.header, &excelize.Style{
		Font:      &excelize.Font{Bold: true, Color: "FFFFFF"},
		Fill:      excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"1F4E79"}},
		Alignment: &excelize.Alignment{WrapText: true, Vertical: "center"},
		Border:    border,
	})
	add(&st.label, &excelize.Style{Font: &excelize.Font{Bold: true}, Border: border})
	add(&st.note, &excelize.Style{Font: &excelize.Font{Italic: true, Color: "595959"}, Alignment: &excelize.Alignment{WrapText: true, Vertical: "top"}})
	add(&st.wrap, &excelize.Style{Alignment: &excelize.Alignment{WrapText: true, Vertical: "top"}})
	add(&st.text, input(49, "")) // @: text
	add(&st.date, input(0, "dd/mm/yyyy"))
	add(&st.money, input(0, `"£"#,##0.00;("£"#,##0.00)`))
	add(&st.pct, input(10, "")) // 0.00%
	add(&st.whole, input(1, ""))
	add(&st.number, input(0, "#,##0.00"))
	add(&st.general, input(0, ""))
	return &st, err
}

// colKind says how a template column is styled and validated.
type colKind int

const (
	kText colKind = iota
	kCouncil
	kDate
	kMoney      // £, zero or more
	kPct        // %, zero or more
	kRate       // %, above -100%
	kWhole      // whole rooms, zero or more
	kNumber     // rooms, zero or more
	kPlacements // placements (children at once), zero or more
	kFactor
	kDistribution
	kOptionSetting
	kPaperField
	kGeneral
	kPlaceCategory
	kLedgerAccount
	kActualItem
)

// kinds of the columns of each table, by spec column name.
var colKinds = map[string]colKind{
	"code": kText, "name": kText, "share": kPct,
	"council": kCouncil, "from": kDate, "to": kDate, "date": kDate,
	"annual_amount": kMoney, "amount": kMoney, "weekly_cost": kMoney,
	"annual_inflation": kRate, "rooms": kWhole, "rooms_occupied": kNumber, "placements": kPlacements,
	"description": kText, "factor": kFactor, "distribution": kDistribution,
	"low": kGeneral, "mode": kGeneral, "high": kGeneral,
	"option": kText, "setting": kOptionSetting, "value": kGeneral,
	"measure": kText, "unit": kText, "per_room_year": kGeneral, "unit_value": kMoney,
	"bearer": kText, "source": kText,
	"field": kPaperField, "risk": kText, "likelihood": kText, "impact": kText, "mitigation": kText, "owner": kText,
	"place": kText, "category": kPlaceCategory,
	"account": kLedgerAccount, "cost_centre": kText, "subjective": kText,
	"month": kDate, "item": kActualItem,
}

// Template builds the template workbook in memory.
func Template(s *carecast.Scenario) (*excelize.File, error) {
	f := excelize.NewFile()
	w := &tw{f: f}
	st, err := newStyles(f)
	if err != nil {
		f.Close()
		return nil, err
	}
	w.st = st
	if err := f.SetSheetName("Sheet1", "About"); err != nil {
		f.Close()
		return nil, err
	}
	for k := range tables {
		if _, err := f.NewSheet(tables[k].name); err != nil {
			f.Close()
			return nil, err
		}
	}
	w.lists()
	w.about(s)
	w.assumptions(s.Assumptions)
	rows := tableRows(s)
	for k := tCouncils; k < nTables; k++ {
		w.table(k, rows[k], len(s.Councils))
	}
	f.SetActiveSheet(0)
	if w.err != nil {
		f.Close()
		return nil, w.err
	}
	return f, nil
}

// tableRows returns the rows of each table but Assumptions, filled
// with s, as the template holds them: in the workbook (Template) and in a
// CSV folder (WriteTemplateCSV) alike. Values are strings, ints,
// carecast.Date, decimal.Decimal, carecast.Money or nil (a blank cell).
func tableRows(s *carecast.Scenario) [nTables][][]any {
	councilRef := func(i int) any {
		if i < 0 || i >= len(s.Councils) {
			return nil
		}
		return s.Councils[i].Label()
	}
	var rows [nTables][][]any
	for _, c := range s.Councils {
		var share any
		if c.HasShare {
			share = c.Share
		}
		rows[tCouncils] = append(rows[tCouncils], []any{c.Code, c.Name, share})
	}
	for _, p := range s.Pledges {
		rows[tPledges] = append(rows[tPledges], []any{councilRef(p.Council), p.From, p.To, p.AnnualAmount})
	}
	for _, r := range s.Rooms {
		rows[tRooms] = append(rows[tRooms], []any{r.From, r.Rooms})
	}
	for _, ct := range councilTables {
		rows[ct.table()] = ct.templateRows(s, councilRef)
	}
	for _, g := range s.Grants {
		rows[tGrants] = append(rows[tGrants], []any{g.Date, g.Amount, g.Description})
	}
	for _, c := range s.Costs {
		rows[tCosts] = append(rows[tCosts], []any{c.Description, c.From, c.To, c.AnnualAmount})
	}
	risks := s.Risks
	if len(risks) == 0 {
		risks = carecast.DefaultRisks()
	}
	for _, r := range risks {
		rows[tRisks] = append(rows[tRisks], []any{r.Factor.String(), r.Distribution.String(), r.Low, r.Mode, r.High, r.Factor.Unit().String(), r.Factor.Description()})
	}
	for _, o := range s.Options {
		if o.Description != "" {
			rows[tOptions] = append(rows[tOptions], []any{o.Name, optDescription, o.Description})
		}
		for _, k := range o.Keys {
			rows[tOptions] = append(rows[tOptions], []any{o.Name, k, templateValue(carecast.SettingFor(k), o.Assumptions)})
		}
		for _, c := range o.ExcludeCouncils {
			rows[tOptions] = append(rows[tOptions], []any{o.Name, optExcludeCouncil, councilRef(c)})
		}
		for _, sc := range []struct {
			key string
			f   decimal.NullDecimal
		}{{optRoomsScale, o.RoomsScale}, {optPledgeScale, o.PledgeScale}, {optOccupancyScale, o.OccupancyScale}} {
			if sc.f.Valid {
				rows[tOptions] = append(rows[tOptions], []any{o.Name, sc.key, sc.f.Decimal})
			}
		}
	}
	for _, b := range s.WiderBenefits {
		rows[tWiderBenefits] = append(rows[tWiderBenefits], []any{b.Measure, b.Unit, b.PerRoomYear, b.UnitValue, b.Bearer, b.Source})
	}
	for _, p := range s.Paper {
		var who any
		switch p.Council {
		case carecast.PaperEvery:
		case carecast.PaperConsortium:
			who = "consortium"
		default:
			who = councilRef(p.Council)
		}
		rows[tPaper] = append(rows[tPaper], []any{who, p.Field, p.Value})
	}
	for _, r := range s.RiskRegister {
		rows[tRiskRegister] = append(rows[tRiskRegister], []any{r.Risk, r.Likelihood, r.Impact, r.Mitigation, r.Owner})
	}
	rows[tPlaceCodes] = placeCodeRows(s)
	rows[tAccounts] = accountRows(s)
	rows[tActuals] = actualRows(s)
	return rows
}

// tw writes the template, keeping the first error.
type tw struct {
	f   *excelize.File
	st  *styles
	err error
}

func (w *tw) do(err error) {
	if w.err == nil && err != nil {
		w.err = err
	}
}

func cellName(col, row int) string { return ColumnName(col) + fmt.Sprint(row) }

// set writes a value into a cell as the right type: text as text (even
// when it looks like a number), dates as date serials, amounts and rates
// as exact numbers.
func (w *tw) set(sheet string, col, row int, v any) {
	ref := cellName(col, row)
	switch v := v.(type) {
	case nil:
	case string:
		w.do(w.f.SetCellStr(sheet, ref, v))
	case int:
		w.do(w.f.SetCellInt(sheet, ref, int64(v)))
	case carecast.Date:
		if !v.IsZero() {
			w.do(w.f.SetCellInt(sheet, ref, int64(SerialFromDate(v, false))))
		}
	case decimal.Decimal:
		w.do(w.f.SetCellDefault(sheet, ref, v.String()))
	case carecast.Money:
		w.do(w.f.SetCellDefault(sheet, ref, v.String()))
	default:
		w.do(fmt.Errorf("template: cannot write %T", v))
	}
}

// header writes a header row with a note on each cell and freezes it.
func (w *tw) header(sheet string, names, notes []string) {
	for i, h := range names {
		ref := cellName(i, 1)
		w.do(w.f.SetCellStr(sheet, ref, h))
		if notes[i] != "" {
			w.do(w.f.AddComment(sheet, excelize.Comment{
				Cell: ref, Author: "carecast",
				Paragraph: []excelize.RichTextRun{{Text: notes[i]}},
				Width:     300, Height: 120,
			}))
		}
	}
	w.do(w.f.SetCellStyle(sheet, "A1", cellName(len(names)-1, 1), w.st.header))
	w.do(w.f.SetRowHeight(sheet, 1, 30))
	w.do(w.f.SetPanes(sheet, &excelize.Panes{
		Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft",
		Selection: []excelize.Selection{{SQRef: "A2", ActiveCell: "A2", Pane: "bottomLeft"}},
	}))
}

// validate adds a data validation rule to a range.
func (w *tw) validate(sheet, sqref string, kind colKind, councils int) {
	dv := excelize.NewDataValidation(true)
	dv.SetSqref(sqref)
	var err error
	switch kind {
	case kCouncil:
		dv.SetSqrefDropList(fmt.Sprintf("Councils!$B$2:$B$%d", max(councils, 1)+templateRows))
		dv.SetError(excelize.DataValidationErrorStyleWarning, "Council", "Pick a council from the Councils sheet (by name), or type its code.")
	case kDate:
		err = dv.SetRange(SerialFromDate(carecast.Date{Year: 1900, Month: 3, Day: 1}, false), maxSerial, excelize.DataValidationTypeDate, excelize.DataValidationOperatorBetween)
		dv.SetError(excelize.DataValidationErrorStyleStop, "Date", "Enter a date, such as 01/04/2019.")
	case kMoney:
		err = dv.SetRange(0, 0, excelize.DataValidationTypeDecimal, excelize.DataValidationOperatorGreaterThanOrEqual)
		dv.SetError(excelize.DataValidationErrorStyleStop, "Amount", "Enter an amount in pounds, zero or more.")
	case kPct:
		err = dv.SetRange(0, 0, excelize.DataValidationTypeDecimal, excelize.DataValidationOperatorGreaterThanOrEqual)
		dv.SetError(excelize.DataValidationErrorStyleStop, "Rate", "Enter a percentage, 0% or more.")
	case kRate:
		b := bound("SpotCosts", "annual_inflation")
		err = dv.SetRange(b.Min.InexactFloat64(), b.Max.InexactFloat64(), excelize.DataValidationTypeDecimal, excelize.DataValidationOperatorBetween)
		dv.SetError(excelize.DataValidationErrorStyleStop, "Rate", "Enter a yearly rate as a percentage "+b.Range()+", such as 5%.")
	case kWhole:
		err = dv.SetRange(0, maxRooms, excelize.DataValidationTypeWhole, excelize.DataValidationOperatorBetween)
		dv.SetError(excelize.DataValidationErrorStyleStop, "Rooms", "Enter a whole number of rooms, 0 or more.")
	case kNumber:
		err = dv.SetRange(0, 0, excelize.DataValidationTypeDecimal, excelize.DataValidationOperatorGreaterThanOrEqual)
		dv.SetError(excelize.DataValidationErrorStyleStop, "Rooms", "Enter a number of rooms, 0 or more.")
	case kPlacements:
		err = dv.SetRange(0, 0, excelize.DataValidationTypeDecimal, excelize.DataValidationOperatorGreaterThanOrEqual)
		dv.SetError(excelize.DataValidationErrorStyleStop, "Placements", "Enter a number of placements (children at once), 0 or more.")
	case kFactor:
		err = dv.SetDropList(riskFactorNames())
	case kDistribution:
		err = dv.SetDropList(riskDistributions())
	case kPlaceCategory:
		err = dv.SetDropList(placeCategoryList())
	case kLedgerAccount:
		err = dv.SetDropList(accountList())
		dv.SetError(excelize.DataValidationErrorStyleStop, "Account", "Pick a ledger account from the list.")
	case kActualItem:
		err = dv.SetDropList(actualItemList())
		dv.SetError(excelize.DataValidationErrorStyleStop, "Item", "Pick an item from the list.")
	case kOptionSetting:
		// A drop-down of the settings, from the Lists sheet: a list typed
		// into the rule would be longer than Excel allows.
		dv.SetSqrefDropList(fmt.Sprintf("Lists!$A$2:$A$%d", len(optionSettings())+1))
		dv.SetError(excelize.DataValidationErrorStyleStop, "Setting", "Pick a setting from the list.")
	case kPaperField:
		dv.SetSqrefDropList(fmt.Sprintf("Lists!$B$2:$B$%d", len(carecast.PaperFields)+1))
		dv.SetError(excelize.DataValidationErrorStyleStop, "Field", "Pick a field of the paper from the list.")
	default:
		return
	}
	dv.ShowErrorMessage = true
	w.do(err)
	w.do(w.f.AddDataValidation(sheet, dv))
}

func (w *tw) inputStyle(kind colKind) int {
	switch kind {
	case kDate:
		return w.st.date
	case kMoney:
		return w.st.money
	case kPct, kRate:
		return w.st.pct
	case kWhole:
		return w.st.whole
	case kNumber, kPlacements:
		return w.st.number
	case kGeneral:
		return w.st.general
	}
	return w.st.text
}

// table writes the sheet of table k with its rows.
func (w *tw) table(k int, rows [][]any, councils int) {
	spec := &tables[k]
	sheet := spec.name
	var names, notes []string
	for _, c := range spec.columns {
		h := c.name
		if c.unit != "" {
			h += " (" + c.unit + ")"
		}
		names = append(names, h)
		notes = append(notes, c.note)
	}
	if k == tRisks {
		names = append(names, "unit", "notes")
		notes = append(notes, "The factor's unit. Read by people, not carecast.", "What the factor does. Read by people, not carecast.")
	}
	w.header(sheet, names, notes)
	last := max(len(rows), templateRows) + 1
	for i, c := range spec.columns {
		kind := colKinds[c.name]
		col := ColumnName(i)
		rng := fmt.Sprintf("%s2:%s%d", col, col, last)
		w.do(w.f.SetCellStyle(sheet, col+"2", fmt.Sprintf("%s%d", col, last), w.inputStyle(kind)))
		w.validate(sheet, rng, kind, councils)
		width := 16.0
		switch kind {
		case kText:
			width = 30
		case kCouncil:
			width = 24
		}
		if c.name == "code" {
			width = 10
		}
		w.do(w.f.SetColWidth(sheet, col, col, width))
	}
	if k == tRisks {
		w.do(w.f.SetColWidth(sheet, "F", "F", 10))
		w.do(w.f.SetColWidth(sheet, "G", "G", 70))
		w.do(w.f.SetCellStyle(sheet, "F2", fmt.Sprintf("G%d", len(rows)+1), w.st.note))
	}
	for r, row := range rows {
		for c, v := range row {
			w.set(sheet, c, r+2, v)
		}
	}
}

// assumptions writes the Assumptions sheet: one setting a row, with its
// unit and a note.
func (w *tw) assumptions(a carecast.Assumptions) {
	const sheet = "Assumptions"
	w.header(sheet, []string{"setting", "value", "unit", "notes"}, []string{
		tables[tAssumptions].columns[0].note, tables[tAssumptions].columns[1].note,
		"The unit of the value. Read by people, not carecast.", "What the setting means. Read by people, not carecast.",
	})
	for i, s := range carecast.Settings() {
		row := i + 2
		ref := cellName(1, row)
		w.set(sheet, 0, row, s.Key)
		w.set(sheet, 1, row, templateValue(&s, a))
		w.set(sheet, 2, row, s.Unit)
		w.set(sheet, 3, row, s.Note)
		style, dv, err := w.settingRule(&s)
		w.do(err)
		if dv != nil {
			dv.SetSqref(ref)
			dv.ShowErrorMessage = true
			w.do(w.f.AddDataValidation(sheet, dv))
		}
		w.do(w.f.SetCellStyle(sheet, ref, ref, style))
		w.do(w.f.SetCellStyle(sheet, cellName(0, row), cellName(0, row), w.st.label))
		w.do(w.f.SetCellStyle(sheet, cellName(3, row), cellName(3, row), w.st.note))
	}
	w.do(w.f.SetColWidth(sheet, "A", "A", 24))
	w.do(w.f.SetColWidth(sheet, "B", "B", 44))
	w.do(w.f.SetColWidth(sheet, "C", "C", 12))
	w.do(w.f.SetColWidth(sheet, "D", "D", 90))
}

// lists writes the hidden Lists sheet that drop-downs too long to type
// into a validation rule read from: the settings of the Options sheet.
func (w *tw) lists() {
	const sheet = "Lists"
	_, err := w.f.NewSheet(sheet)
	w.do(err)
	w.set(sheet, 0, 1, "setting")
	for i, k := range optionSettings() {
		w.set(sheet, 0, i+2, k)
	}
	w.set(sheet, 1, 1, "field")
	for i, f := range carecast.PaperFields {
		w.set(sheet, 1, i+2, f.Name)
	}
	w.do(w.f.SetSheetVisible(sheet, false))
}

// about writes the first sheet, which explains the workbook.
func (w *tw) about(s *carecast.Scenario) {
	const sheet = "About"
	row := 1
	line := func(style int, cells ...string) {
		for i, c := range cells {
			w.set(sheet, i, row, c)
		}
		if style != 0 {
			w.do(w.f.SetCellStyle(sheet, cellName(0, row), cellName(max(len(cells)-1, 0), row), style))
		}
		row++
	}
	prose := func(t string) {
		w.set(sheet, 1, row, t)
		w.do(w.f.SetCellStyle(sheet, cellName(1, row), cellName(1, row), w.st.wrap))
		row++
	}
	line(w.st.title, "carecast input workbook")
	prose("The inputs of a forecast of the savings of councils that pool pledges to block-contract children's residential care rooms. Scenario: " + s.Assumptions.Scenario + ".")
	row++
	line(w.st.heading, "How to use it")
	for _, t := range []string{
		"1. Edit the input cells (the style shown below). Every other cell is a header, a label or a note.",
		"2. Check the workbook: carecast validate inputs.xlsx. Every problem is listed at once, located by sheet and cell (e.g. Pledges!C7).",
		"3. Forecast: carecast forecast inputs.xlsx --out results. It checks the inputs first and writes nothing if they have errors.",
		"Add rows below the existing ones on any sheet; blank rows are skipped. Hover over a column header for its meaning.",
	} {
		prose(t)
	}
	row++
	line(w.st.heading, "Legend")
	w.set(sheet, 0, row, "Input")
	w.do(w.f.SetCellStyle(sheet, cellName(0, row), cellName(0, row), w.st.text))
	w.set(sheet, 1, row, "A value you may change: blue text on pale yellow.")
	row++
	w.set(sheet, 0, row, "header (unit)")
	w.do(w.f.SetCellStyle(sheet, cellName(0, row), cellName(0, row), w.st.header))
	w.set(sheet, 1, row, "A column header, with its unit in brackets; its note says what it means. Do not rename headers or sheets (case and spacing aside).")
	row++
	w.set(sheet, 0, row, "setting")
	w.do(w.f.SetCellStyle(sheet, cellName(0, row), cellName(0, row), w.st.label))
	w.set(sheet, 1, row, "A label carecast reads (the names of the Assumptions settings): leave it as it is.")
	row += 2
	line(w.st.heading, "Conventions")
	for _, t := range []string{
		"Amounts are in pounds sterling (£), entered as positive numbers; the sheet says which way the money flows (pledges and grants into the pool, costs out of it).",
		"Rates are yearly percentages: 3.5% is the same as 0.035.",
		"Dates are days, day first: 01/04/2019 is 1 April 2019. A to date is inclusive.",
		"A dated row of Rooms, Occupancy or SpotCosts holds from its date until the day before the next row's date (for the same council); before the first row the value is zero.",
		"Prices (the block price, spot costs) rise on each anniversary of the date they are quoted for, by their yearly rate.",
		"Councils may be named by code or by name on every sheet.",
	} {
		prose(t)
	}
	row++
	line(w.st.heading, "Sheets")
	for k := range tables {
		req := "optional"
		if tables[k].required {
			req = "required"
		}
		line(0, tables[k].name, strings.ToUpper(tables[k].about[:1])+tables[k].about[1:]+" ("+req+").")
	}
	row++
	prose("The Risks sheet gives each uncertain input a distribution (low, most likely, high) for the risk appraisal; factors multiply an input (1 = as forecast) or add points to a rate (0.01 = one percentage point); ramp_delay is in months. The defaults are judgements to revisit.")
	w.do(w.f.SetColWidth(sheet, "A", "A", 16))
	w.do(w.f.SetColWidth(sheet, "B", "B", 110))
}
