// Package workbook writes the forecast workbook (forecast.xlsx) with live
// formulas, through excelize.
package workbook

import (
	"fmt"
	"io"
	"sort"
	"strconv"

	"github.com/carecast/carecast"
	"github.com/carecast/carecast/internal/atomicfile"
	"github.com/shopspring/decimal"
	"github.com/xuri/excelize/v2"
)

// The forecast workbook (issue 4) for finance officers: the figures laid
// out as the FAST Standard and the ICAEW Financial Modelling Code lay a
// model out.
//
//   - Sheets by purpose: Summary (outputs), Checks, Charts, Inputs, two
//     timeline sheets (Timeline: rooms, occupancy, costs and savings by
//     council; Pooled fund: the fund's corkscrew and each council's
//     position) and the Ledger.
//   - One time axis: both timeline sheets have the same columns. A to C
//     label the line item (measure, council, unit), D holds a constant the
//     row uses, E the whole horizon, then a spacer, one column per UK
//     financial year, a spacer and one column per month. Rows 4 to 9 are
//     the time axis; the panes freeze the labels and the axis.
//   - One formula across each row: a row of carecast's monthly figures has
//     the same SUMIF in every financial-year column and the same SUM in E;
//     a calculated row has one formula in every column (E, years and
//     months), which for a sum or difference of flows gives the year's and
//     the horizon's figure too. A balance (the fund, a council's position)
//     is a corkscrew: opening = the previous column's closing, plus the
//     constant in D in the first period (a timing flag, row 9).
//   - No constants in formulas but 12 and 100; short formulas; no nested
//     IFs. The discount factor is the present value of £100 over 100.
//   - Inputs in their own style; carecast's figures (values it computed,
//     not formulas) in another; checks in a third. Money is positive in the
//     direction its label says (paid in, paid, avoided, saved); a council's
//     position is positive when the pool owes the council; in the Ledger a
//     debit is positive and a credit negative.
//
// Every formula is written with its value, worked out here the way the
// formula works it out, so every viewer shows numbers; the workbook asks to
// be recalculated on open. Money values are whole pence, held as int64
// here and written as doubles, which hold every whole number of pence up
// to 2^53 exactly.

// Sheet names.
const (
	sheetSummary  = "Summary"
	sheetChecks   = "Checks"
	sheetCharts   = "Charts"
	sheetInputs   = "Inputs"
	sheetTimeline = "Timeline"
	sheetFund     = "Pooled fund"
	sheetLedger   = "Ledger"
)

// FileName is the file name of the workbook in the output folder.
const FileName = "forecast.xlsx"

// Contents is what a forecast workbook shows.
type Contents struct {
	// Result is the forecast; required.
	Result *carecast.Result
	// Postings are the pooled fund's ledger (package ledger).
	Postings []carecast.Posting
	// Appraisal, when not nil, is the appraisal under uncertainty of the
	// same scenario: it adds a Sensitivity sheet and a Risk sheet (for
	// whichever of its parts is not nil) and a block on the Summary that
	// links to them; without it the workbook is the forecast's alone.
	Appraisal *carecast.Appraisal
	// Provenance says what made the workbook: it fills the About sheet and
	// the document properties (the prepared date is the created and
	// modified date).
	Provenance carecast.Provenance
	// Cases, when not empty, are an options appraisal whose first case is
	// Result's: the workbook then has an Options sheet (WriteComparison).
	Cases []carecast.Case
}

// Write writes the forecast workbook to path, atomically and never over
// any of protect (see atomicfile.WriteFileExcept). The same contents give
// the same bytes.
func Write(path string, protect []string, c Contents) error {
	return atomicfile.WriteFileExcept(path, protect, func(w io.Writer) error {
		return Encode(w, c)
	})
}

// Encode writes the forecast workbook to w.
func Encode(w io.Writer, c Contents) error {
	res := c.Result
	if res == nil || res.Scenario == nil || len(res.Months) == 0 {
		return fmt.Errorf("workbook: the forecast is empty")
	}
	postings := c.Postings
	b, err := newBook(res, postings, c.Appraisal)
	if err != nil {
		return err
	}
	b.prov = c.Provenance
	b.cases = c.Cases
	defer b.f.Close()
	if err := b.colsFor(optColBAU + len(b.cases) + 1); err != nil {
		return err
	}
	if err := b.build(); err != nil {
		return fmt.Errorf("workbook: %w", err)
	}
	// The zip writer writes the package to w itself (the buffer excelize
	// returns stays empty) and puts the Ledger's rows in.
	splices := map[string]func(io.Writer) error{}
	if len(postings) > 0 {
		part, err := b.sheetPart(sheetLedger)
		if err != nil {
			return err
		}
		splices[part] = b.ledgerRows
	}
	b.f.SetZipWriter(newSortedZip(w, ledgerMarker, splices))
	_, err = b.f.WriteToBuffer()
	return err
}

// sheetPart is the name of a sheet's part in the package. excelize names
// a new sheet's part by its sheet id; the splice fails loudly if not.
func (b *book) sheetPart(name string) (string, error) {
	if wb := b.f.WorkBook; wb != nil {
		for _, s := range wb.Sheets.Sheet {
			if s.Name == name {
				return "xl/worksheets/sheet" + itoa(s.SheetID) + ".xml", nil
			}
		}
	}
	return "", fmt.Errorf("workbook: no sheet %s", name)
}

// book is a workbook being written.
type book struct {
	f        *excelize.File
	res      *carecast.Result
	postings []carecast.Posting
	ap       *carecast.Appraisal // nil: no appraisal sheets
	prov     carecast.Provenance
	st       *styles

	nM, nY, nC int
	fyOf       []int // month -> index into res.Years
	cols       []string
	// Columns of the timeline sheets (1-based).
	colE, colFY0, colM0, lastCol int

	in        inputRefs
	tl        *timelineSheet
	fund      *timelineSheet
	lines     timelineRows
	fundLines fundRows
	// Ledger rows (first and last posting rows; last < first when empty)
	// and the styles of its integer, date, text and money cells.
	ledFirst, ledLast int
	ledStyles         [4]int
	// Summary rows the checks refer to.
	sumNPVFirst, sumNPVLast int
	sumNPVCol               string
	// byCouncilCol is the Summary's by-council column of each figure, by
	// the first row of its block.
	byCouncilCol map[*lineItem]string
	// pages is how each sheet prints.
	pages map[string]*pageState
	// Rows of the appraisal's sheets.
	sens sensLayout
	risk riskLayout
	// The options appraisal (nil: none) and the rows of its sheet, the
	// wider benefits' rows, and the Summary's savings and NPV rows the
	// Options sheet's checks tie to.
	cases               []carecast.Case
	opt                 optLayout
	wider               widerLayout
	sumSavRow, sumPVRow int
	// Occupancy from demand: the Overflow and Bed trading sheets' rows.
	overflow overflowLayout
	trading  tradingLayout
}

func newBook(res *carecast.Result, postings []carecast.Posting, ap *carecast.Appraisal) (*book, error) {
	if ap != nil && ap.Sensitivity == nil && ap.Simulation == nil {
		ap = nil
	}
	b := &book{
		f: excelize.NewFile(), res: res, postings: postings, ap: ap,
		nM: len(res.Months), nY: len(res.Years), nC: len(res.Councils),
		byCouncilCol: map[*lineItem]string{}, pages: map[string]*pageState{},
	}
	b.fyOf = make([]int, b.nM)
	for y, yr := range res.Years {
		for m := yr.First; m <= yr.Last && m < b.nM; m++ {
			b.fyOf[m] = y
		}
	}
	b.colE = 5
	b.colFY0 = b.colE + 2
	b.colM0 = b.colFY0 + b.nY + 1
	b.lastCol = b.colM0 + b.nM - 1
	if b.lastCol > excelize.MaxColumns {
		return nil, fmt.Errorf("workbook: %d months do not fit in a sheet", b.nM)
	}
	b.cols = make([]string, b.lastCol+2)
	for i := 1; i < len(b.cols); i++ {
		b.cols[i], _ = excelize.ColumnNumberToName(i)
	}
	b.st = newStyles(b.f)
	return b, nil
}

// build makes the sheets, plans their rows (the sheets refer to one
// another) and writes each in turn.
func (b *book) build() error {
	f := b.f
	// The appraisal's sheets, outputs too, follow the Charts.
	order := []string{sheetSummary, sheetCouncil, sheetChecks, sheetCharts}
	order = append(order, b.appraisalSheets()...)
	if b.hasOptions() {
		order = append(order, sheetOptions)
	}
	if b.hasWider() {
		order = append(order, sheetWider)
	}
	if b.hasOverflow() {
		order = append(order, sheetOverflow)
	}
	if b.hasTrading() {
		order = append(order, sheetTrading)
	}
	order = append(order, sheetInputs, sheetTimeline, sheetFund, sheetLedger, sheetAbout)
	if err := f.SetSheetName("Sheet1", order[0]); err != nil {
		return err
	}
	for _, name := range order[1:] {
		if _, err := f.NewSheet(name); err != nil {
			return err
		}
	}
	// Plan every sheet's rows first: the sheets refer to one another.
	b.planInputs()
	b.planTimeline()
	b.planFund()
	b.ledFirst, b.ledLast = ledgerHeaderRow+1, ledgerHeaderRow+len(b.postings)
	steps := []func() error{b.writeSummary, b.writeChecks, b.writeCouncil, b.writeAbout}
	if b.hasSensitivity() {
		b.planSensitivity()
		steps = append(steps, b.writeSensitivity)
	}
	if b.hasSimulation() {
		b.planRisk()
		steps = append(steps, b.writeRisk)
	}
	if b.hasOptions() {
		b.planOptions()
		steps = append(steps, b.writeOptions)
	}
	if b.hasWider() {
		b.planWider()
		steps = append(steps, b.writeWider)
	}
	if b.hasOverflow() {
		b.planOverflow()
		steps = append(steps, b.writeOverflow)
	}
	if b.hasTrading() {
		b.planTrading()
		steps = append(steps, b.writeTrading)
	}
	steps = append(steps, b.writeInputs,
		func() error { return b.writeTSheet(b.tl) },
		func() error { return b.writeTSheet(b.fund) },
		b.writeLedger, b.writeCharts,
	)
	for _, step := range steps {
		if err := step(); err != nil {
			return err
		}
	}
	if err := b.printNames(); err != nil {
		return err
	}
	if err := f.SetDocProps(b.docProps()); err != nil {
		return err
	}
	yes := true
	if err := f.SetCalcProps(&excelize.CalcPropsOptions{FullCalcOnLoad: &yes}); err != nil {
		return err
	}
	// The Summary, the first sheet, is the active one by default. (Setting
	// it would make excelize read every streamed sheet back.)

	// excelize adds the image types to [Content_Types].xml in map order:
	// put them in a fixed one.
	if ct := f.ContentTypes; ct != nil {
		sort.SliceStable(ct.Defaults, func(i, j int) bool { return ct.Defaults[i].Extension < ct.Defaults[j].Extension })
	}
	return nil
}

// newStream starts writing a sheet whose columns are def characters wide
// but for those in widths. The widths are set one column at a time from
// the right: excelize keeps one <col> per column once there are several,
// newest first, so this leaves them in the ascending order Excel expects,
// and few of them (its stream writer looks through them for every cell).
// Its page is set up as planPrint decides.
func (b *book) newStream(sheet string, def float64, widths map[int]float64) (*excelize.StreamWriter, error) {
	if err := b.f.SetSheetProps(sheet, &excelize.SheetPropsOptions{DefaultColWidth: &def}); err != nil {
		return nil, err
	}
	ps := b.planPrint(sheet, def, widths)
	b.pages[sheet] = ps
	if err := b.pageSetup(sheet, ps.plan); err != nil {
		return nil, err
	}
	sw, err := b.f.NewStreamWriter(sheet)
	if err != nil {
		return nil, err
	}
	cols := make([]int, 0, len(widths))
	for c := range widths {
		cols = append(cols, c)
	}
	sort.Sort(sort.Reverse(sort.IntSlice(cols)))
	for _, c := range cols {
		if err := sw.SetColWidth(c, c, widths[c]); err != nil {
			return nil, err
		}
	}
	return sw, nil
}

// --- values -------------------------------------------------------------

// penceCell turns whole pence into the double a cell holds.
func penceCell(p int64) float64 { return float64(p) / 100 }

// decFloat is the double nearest to d. For the decimals a forecast holds
// (at most 15 digits, at most 22 places) one IEEE division of exact
// doubles gives it, without the big.Rat that InexactFloat64 builds.
func decFloat(d decimal.Decimal) float64 {
	e := d.Exponent()
	if e <= 0 && e >= -22 && d.NumDigits() <= 15 {
		return float64(d.CoefficientInt64()) / pow10f[-e]
	}
	return d.InexactFloat64()
}

var pow10f = func() []float64 {
	p := make([]float64, 23)
	p[0] = 1
	for i := 1; i < len(p); i++ {
		p[i] = p[i-1] * 10 // exact up to 1e22
	}
	return p
}()

// excelDate is the serial number of a date in Excel's 1900 date system.
func excelDate(d carecast.Date) float64 { return float64(d.Days() + 25569) }

func itoa(i int) string { return strconv.Itoa(i) }

// sheetRef is how a formula names a sheet.
func sheetRef(name string) string {
	for _, r := range name {
		if !(r >= 'A' && r <= 'Z' || r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r == '_') {
			return "'" + name + "'!"
		}
	}
	return name + "!"
}
