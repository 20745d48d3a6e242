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
	"github.com/carecast/carecast/reports"
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

// book is a workbook being written: what it shows (the forecast and the
// rest of Contents), the columns of its time axis, the layout of every
// sheet (planned by plan before any sheet is written, and not changed
// after), and the file being written with its styles and page set-ups.
type book struct {
	// What the workbook shows.
	res      *carecast.Result
	postings []carecast.Posting
	ap       *carecast.Appraisal // nil: no appraisal sheets
	prov     carecast.Provenance
	cases    []carecast.Case // the options appraisal; nil: none

	axis
	plan *layout

	// The file being written.
	f     *excelize.File
	st    *styles
	pages map[string]*pageState // how each sheet prints
	// The styles of the Ledger's integer, date, text and money cells.
	ledStyles [4]int
}

// axis is the time axis of the timeline sheets and its columns.
type axis struct {
	nM, nY, nC int
	fyOf       []int // month -> index into res.Years
	// Columns of the timeline sheets (1-based).
	colE, colFY0, colM0, lastCol int
}

func newBook(res *carecast.Result, postings []carecast.Posting, ap *carecast.Appraisal) (*book, error) {
	if ap != nil && ap.Sensitivity == nil && ap.Simulation == nil {
		ap = nil
	}
	b := &book{
		f: excelize.NewFile(), res: res, postings: postings, ap: ap,
		axis:  axis{nM: len(res.Months), nY: len(res.Years), nC: len(res.Councils)},
		pages: map[string]*pageState{},
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
	b.st = newStyles(b.f)
	return b, nil
}

// sheets are the workbook's sheets, in order: the outputs (the
// appraisal's follow the Charts), then the inputs and calculations.
func (b *book) sheets() []string {
	order := []string{sheetSummary, sheetCouncil, sheetChecks, sheetCharts}
	order = append(order, b.appraisalSheets()...)
	for _, s := range []struct {
		name string
		has  bool
	}{{sheetOptions, b.hasOptions()}, {sheetWider, b.hasWider()}, {sheetOverflow, b.hasOverflow()}, {sheetTrading, b.hasTrading()}} {
		if s.has {
			order = append(order, s.name)
		}
	}
	return append(order, sheetInputs, sheetTimeline, sheetFund, sheetLedger, sheetAbout)
}

// writers are the writers of the sheets, each at the rows planned.
func (b *book) writers() []func() error {
	steps := []func() error{b.writeSummary, b.writeChecks, b.writeCouncil, b.writeAbout}
	for _, s := range []struct {
		has   bool
		write func() error
	}{{b.hasSensitivity(), b.writeSensitivity}, {b.hasSimulation(), b.writeRisk}, {b.hasOptions(), b.writeOptions},
		{b.hasWider(), b.writeWider}, {b.hasOverflow(), b.writeOverflow}, {b.hasTrading(), b.writeTrading}} {
		if s.has {
			steps = append(steps, s.write)
		}
	}
	return append(steps, b.writeInputs,
		func() error { return b.writeTSheet(b.plan.tl) },
		func() error { return b.writeTSheet(b.plan.fund) },
		b.writeLedger, b.writeCharts,
	)
}

// build makes the sheets, plans every sheet's rows (the sheets refer to
// one another) and then writes each in turn.
func (b *book) build() error {
	f := b.f
	order := b.sheets()
	if err := f.SetSheetName("Sheet1", order[0]); err != nil {
		return err
	}
	for _, name := range order[1:] {
		if _, err := f.NewSheet(name); err != nil {
			return err
		}
	}
	b.planAll()
	for _, write := range b.writers() {
		if err := write(); err != nil {
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

// cellValue is the double a cell holds for a report table's figure (see
// package reports): its exact value.
func cellValue(c reports.Cell) float64 { return decFloat(c.Value) }

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
