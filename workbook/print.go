package workbook

import (
	"strings"

	"github.com/carecast/carecast"

	"github.com/xuri/excelize/v2"
)

// How the workbook prints (issue 11): every sheet on A4 landscape with the
// scenario and the sheet's name in the header and "Page N of M" in the
// footer; sheets longer or wider than a page repeat their titles; page
// breaks fall between blocks, never inside a chart or a table block; and
// nothing is shrunk below minScale: the wide timeline sheets print in
// blocks of financial years with their labels repeated instead.

// Page geometry, in points (1/72 inch): A4 landscape less the margins.
const (
	marginSide   = 0.3  // inches, left and right
	marginTop    = 0.75 // inches, top and bottom (the header and footer sit inside)
	marginHeader = 0.3  // inches from the edge to the header and footer
	pageWidthPt  = (11.69 - 2*marginSide) * 72
	pageHeightPt = (8.27 - 2*marginTop) * 72
	// minScale is the smallest print scale: below it figures are hard to read.
	minScale = 60
	// defaultRowPt is a row's height when none is set.
	defaultRowPt = 15
)

// colPt is the printed width in points of a column width w in characters
// (Excel's rule for its default font: 7 pixels a character and 5 of
// padding, at 96 pixels an inch).
// and a tenth more: LibreOffice, with Calibri's metric twin Carlito, lays
// columns out about 9% wider than that rule.
func colPt(w float64) float64 { return (w*7 + 5) * 0.75 * 1.1 }

// printPlan says how one sheet prints.
type printPlan struct {
	fitWide  bool // scaled to one page wide (as many tall as needed)
	fitPage  bool // scaled to one page (a one-page appendix)
	scale    int  // a fixed scale, when not fitted
	titleCol string
	titleRow [2]int // first and last rows repeated on every page; 0: none
}

// headerText escapes text for a header or footer, where & starts a code.
func headerText(s string) string { return strings.ReplaceAll(s, "&", "&&") }

// pageSetup sets a sheet's page before its rows are streamed: A4
// landscape, margins, the header and footer, and its scaling.
func (b *book) pageSetup(sheet string, p printPlan) error {
	return setupPage(b.f, sheet, p, b.res.Scenario.Assumptions.Scenario, b.prov)
}

// setupPage sets up the page of a sheet of any of carecast's workbooks:
// A4 landscape, margins, the header (the scenario and the sheet's name)
// and footer ("Page N of M", with the prepared date and the version), and
// the scaling p says.
func setupPage(f *excelize.File, sheet string, p printPlan, scenario string, prov carecast.Provenance) error {
	landscape, a4 := "landscape", 9
	layout := &excelize.PageLayoutOptions{Orientation: &landscape, Size: &a4}
	switch {
	case p.fitPage || p.fitWide:
		fit := true
		if err := f.SetSheetProps(sheet, &excelize.SheetPropsOptions{FitToPage: &fit}); err != nil {
			return err
		}
		wide, tall := 1, 0
		if p.fitPage {
			tall = 1
		}
		layout.FitToWidth, layout.FitToHeight = &wide, &tall
	case p.scale > 0:
		s := uint(p.scale)
		layout.AdjustTo = &s
	}
	if err := f.SetPageLayout(sheet, layout); err != nil {
		return err
	}
	side, top, hf := marginSide, marginTop, marginHeader
	if err := f.SetPageMargins(sheet, &excelize.PageLayoutMarginsOptions{Left: &side, Right: &side, Top: &top, Bottom: &top,
		Header: &hf, Footer: &hf}); err != nil {
		return err
	}
	footer := "&LPrepared " + headerText(preparedText(prov.Prepared)) + "&CPage &P of &N&R" + headerText(versionOrUnknown(prov.Version))
	return f.SetHeaderFooter(sheet, &excelize.HeaderFooterOptions{
		OddHeader: "&L&\"-,Bold\"" + headerText(scenario) + "&R" + headerText(sheet),
		OddFooter: footer,
	})
}

// printTitles records the rows and columns a sheet repeats on every
// printed page, and its print area, as the workbook's defined names.
func (b *book) printTitles(sheet string, p printPlan, lastCol, lastRow int) error {
	return setPrintNames(b.f, sheet, p, lastCol, lastRow)
}

// setPrintNames records a sheet's print titles (the rows and columns p
// repeats on every page) and its print area, A1 to lastCol and lastRow,
// as defined names.
func setPrintNames(f *excelize.File, sheet string, p printPlan, lastCol, lastRow int) error {
	ref := "'" + strings.ReplaceAll(sheet, "'", "''") + "'!"
	var titles []string
	if p.titleCol != "" {
		titles = append(titles, ref+"$A:$"+p.titleCol)
	}
	if p.titleRow[0] > 0 {
		titles = append(titles, ref+"$"+itoa(p.titleRow[0])+":$"+itoa(p.titleRow[1]))
	}
	if len(titles) > 0 {
		if err := f.SetDefinedName(&excelize.DefinedName{Name: "_xlnm.Print_Titles", RefersTo: strings.Join(titles, ","), Scope: sheet}); err != nil {
			return err
		}
	}
	if lastCol < 1 || lastRow < 1 {
		return nil
	}
	last, err := excelize.ColumnNumberToName(lastCol)
	if err != nil {
		return err
	}
	return f.SetDefinedName(&excelize.DefinedName{Name: "_xlnm.Print_Area",
		RefersTo: ref + "$A$1:$" + last + "$" + itoa(lastRow), Scope: sheet})
}

// rowBreaks are the rows before which a page starts so that no block of
// rows is cut: blocks are [first, last] row pairs in order; pageRows is
// how many rows a page holds after the repeated title rows. A block
// longer than a page starts a page and runs on.
func rowBreaks(blocks [][2]int, firstRow, pageRows int) []int {
	var breaks []int
	top := firstRow // the first row of the current page
	for _, bl := range blocks {
		if bl[1]-top+1 > pageRows && bl[0] > top {
			breaks = append(breaks, bl[0])
			top = bl[0]
		}
		for bl[1]-top+1 > pageRows { // a block longer than a page
			top += pageRows
			breaks = append(breaks, top)
		}
	}
	return breaks
}

// colBreaks are the columns before which a page starts on a timeline
// sheet printed at scale percent with columns A..titleCols repeated: the
// whole-horizon and financial-year columns fill pages as they fit, and
// each financial year's months start a page of their own.
func (b *book) colBreaks(widths map[int]float64, def float64, titleCols, scale int) []int {
	width := func(c int) float64 {
		if w, ok := widths[c]; ok {
			return colPt(w)
		}
		return colPt(def)
	}
	budget := pageWidthPt * 100 / float64(scale)
	for c := 1; c <= titleCols; c++ {
		budget -= width(c)
	}
	var breaks []int
	used := 0.0
	for c := titleCols + 1; c <= b.lastCol; c++ {
		starts := false
		if m := c - b.colM0; m >= 0 && m < b.nM && (m == 0 || b.fyOf[m] != b.fyOf[m-1]) {
			starts = true // a financial year's first month
		}
		if used > 0 && (starts || used+width(c) > budget) {
			breaks = append(breaks, c)
			used = 0
		}
		used += width(c)
	}
	return breaks
}

// timelineScale is the largest scale, not below minScale, at which the
// labels and one financial year's months fit a page's width.
func (b *book) timelineScale(widths map[int]float64, def float64, titleCols int) int {
	need := 0.0
	for c := 1; c <= titleCols; c++ {
		if w, ok := widths[c]; ok {
			need += colPt(w)
		} else {
			need += colPt(def)
		}
	}
	need += 12 * colPt(def)
	s := int(pageWidthPt * 100 / need)
	return min(max(s, minScale), 100)
}

// insertBreaks puts the page breaks into a sheet being streamed.
func insertBreaks(sw *excelize.StreamWriter, rows, cols []int) error {
	for _, r := range rows {
		if err := sw.InsertPageBreak("A" + itoa(r)); err != nil {
			return err
		}
	}
	for _, c := range cols {
		name, err := excelize.ColumnNumberToName(c)
		if err != nil {
			return err
		}
		if err := sw.InsertPageBreak(name + "1"); err != nil {
			return err
		}
	}
	return nil
}

// pageState is what the workbook knows of a sheet's printing while it is
// written: its plan, its columns' widths, and the blocks of rows that a
// page break must not cut.
type pageState struct {
	plan   printPlan
	def    float64
	widths map[int]float64
	nCols  int
	cols   []int // column breaks
	// lastRow is the last row written (the print area's).
	lastRow int
	// stub, when not zero, is the print area's last row and stubCols its
	// last column: a sheet printed on request only (the Timeline, the
	// Ledger) prints its title and a note on how to print it whole.
	stub, stubCols int
}

// stubNote is the note of a sheet out of the default print, on the row
// after its title and note.
const stubNote = "Not printed with the workbook: this sheet runs to many pages. To print it, clear its print area " +
	"(Excel: Page Layout, Print Area, Clear Print Area; LibreOffice Calc: Format, Print Ranges, Clear) and print this sheet alone: " +
	"its labels and headings repeat on every page."

// printedOnRequest are the sheets out of the default print, with the
// columns their stub spans.
var printedOnRequest = map[string]int{sheetTimeline: 5, sheetLedger: 6}

// sheetCols is how many columns a sheet's content spans.
func (b *book) sheetCols(sheet string) int {
	switch sheet {
	case sheetTimeline, sheetFund:
		return b.lastCol
	case sheetSummary:
		return max(3+b.nY, 13)
	case sheetCouncil:
		return 3 + b.nY
	case sheetChecks, sheetInputs:
		return 5
	case sheetAbout:
		return 2
	case sheetLedger:
		return 6
	case sheetSensitivity:
		return 16
	case sheetRisk:
		return 12
	case sheetOptions:
		return optColBAU + len(b.cases)
	case sheetWider:
		return widerColFY + b.nY - 1
	case sheetOverflow:
		return ovColFY + b.nY - 1
	case sheetTrading:
		return trColRule + len(b.res.Sharing) + len(b.plan.trading.diffs) - 1
	}
	return 8
}

// planPrint decides how a sheet prints from its columns' widths: one page
// wide when that keeps at least minScale (the council view on one page);
// else at a fixed scale with its label columns repeated and column breaks
// between blocks (the timeline sheets by financial year).
func (b *book) planPrint(sheet string, def float64, widths map[int]float64) *pageState {
	ps := &pageState{def: def, widths: widths, nCols: b.sheetCols(sheet)}
	width := func(c int) float64 {
		if w, ok := widths[c]; ok {
			return colPt(w)
		}
		return colPt(def)
	}
	total := 0.0
	for c := 1; c <= ps.nCols; c++ {
		total += width(c)
	}
	p := &ps.plan
	switch sheet {
	case sheetTimeline, sheetFund:
		p.titleCol, p.titleRow = "C", [2]int{rowStart, rowFirstData - 1}
		p.scale = b.timelineScale(widths, def, 3)
		ps.cols = b.colBreaks(widths, def, 3, p.scale)
		if sheet == sheetTimeline {
			ps.stub, ps.stubCols = stubRow, printedOnRequest[sheet]
		}
		return ps
	case sheetLedger:
		// A long table: 75% keeps it legible and a third shorter.
		p.titleRow, p.scale = [2]int{ledgerHeaderRow, ledgerHeaderRow}, 75
		ps.stub, ps.stubCols = stubRow, printedOnRequest[sheet]
		return ps
	case sheetChecks:
		p.titleRow = [2]int{checksFirstRow - 1, checksFirstRow - 1}
	case sheetCouncil:
		p.titleRow = [2]int{councilHeadRow, councilHeadRow}
	}
	if total*minScale/100 <= pageWidthPt {
		p.fitWide = true
		p.fitPage = sheet == sheetCouncil
		return ps
	}
	// Too wide to fit: a fixed scale, the first two columns repeated.
	p.scale, p.titleCol = minScale, "B"
	budget := pageWidthPt*100/minScale - width(1) - width(2)
	used := 0.0
	for c := 3; c <= ps.nCols; c++ {
		if used > 0 && used+width(c) > budget {
			ps.cols = append(ps.cols, c)
			used = 0
		}
		used += width(c)
	}
	return ps
}

// scaleOf is the scale a sheet prints at: its fixed scale, or the one
// fitting it to a page's width.
func (ps *pageState) scaleOf() float64 {
	if ps.plan.scale > 0 {
		return float64(ps.plan.scale)
	}
	total := 0.0
	for c := 1; c <= ps.nCols; c++ {
		if w, ok := ps.widths[c]; ok {
			total += colPt(w)
		} else {
			total += colPt(ps.def)
		}
	}
	return min(100, pageWidthPt*100/total)
}

// pageRows is how many rows of default height a printed page holds below
// its repeated title rows, with three rows to spare for taller rows.
func (ps *pageState) pageRows() int {
	n := int(pageHeightPt*100/ps.scaleOf()/defaultRowPt) - 3
	if ps.plan.titleRow[0] > 0 {
		n -= ps.plan.titleRow[1] - ps.plan.titleRow[0] + 1
	}
	return max(n, 10)
}

// finishPage puts a streamed sheet's page breaks in (between blocks, and
// between column blocks) and records its last row for the print area.
func (b *book) finishPage(sw *excelize.StreamWriter, blocks [][2]int, lastRow int) error {
	ps := b.pages[sw.Sheet]
	if ps == nil {
		return nil
	}
	if sw.Sheet == sheetLedger {
		lastRow = max(lastRow, b.plan.ledger.last) // the postings are spliced in after
	}
	ps.lastRow = lastRow
	first := 1
	if len(blocks) > 0 {
		first = blocks[0][0]
	}
	return insertBreaks(sw, rowBreaks(blocks, first, ps.pageRows()), ps.cols)
}

// printNames records every sheet's print titles and print area.
func (b *book) printNames() error {
	for _, sheet := range b.f.GetSheetList() {
		ps := b.pages[sheet]
		if ps == nil {
			continue
		}
		cols, rows := ps.nCols, ps.lastRow
		if ps.stub > 0 {
			cols, rows = ps.stubCols, ps.stub
		}
		if err := b.printTitles(sheet, ps.plan, cols, rows); err != nil {
			return err
		}
	}
	return nil
}

// stubRow is the row of stubNote: the third, between the title and note
// and the headings of the Timeline and the Ledger.
const stubRow = 3

// writeStubNotes writes a sheet's note (row 2) and stubNote (row 3) of a
// sheet printed on request only, each across the stub's columns and as
// tall as its lines, so that the stub prints them whole.
func (b *book) writeStubNotes(rw *rowWriter, sw *excelize.StreamWriter, sheet, note string) error {
	last := printedOnRequest[sheet]
	span := 0.0
	for c := 1; c <= last; c++ {
		span += b.pages[sheet].width(c)
	}
	for i, text := range []string{note, stubNote} {
		r := stubRow - 1 + i
		rw.text(1, text, roleLabel)
		if err := sw.MergeCell(cell(1, r).String(), cell(last, r).String()); err != nil {
			return err
		}
		// characters a line: the span, less a tenth to spare
		lines := (len([]rune(text)) + int(span*0.9) - 1) / int(span*0.9)
		rw.endAt(r, excelize.RowOpts{Height: float64(max(lines, 1)) * defaultRowPt})
	}
	return nil
}

// width is column c's width in characters.
func (ps *pageState) width(c int) float64 {
	if w, ok := ps.widths[c]; ok {
		return w
	}
	return ps.def
}
