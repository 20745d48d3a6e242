package workbook

import (
	"fmt"
	"io"
	"sort"
	"strings"

	"github.com/carecast/carecast"
	"github.com/carecast/carecast/internal/atomicfile"
	"github.com/carecast/carecast/reports"
	"github.com/xuri/excelize/v2"
)

// SizingFileName is the file name of the sizing workbook in an output
// folder.
const SizingFileName = "sizing.xlsx"

// The sizing workbook's sheets: the sweep, its chart (a page of its own)
// and what made it.
const (
	sheetSizing      = "Sizing"
	sheetSizingChart = "Sizing chart"
)

// The Sizing sheet's rows and its first columns: the room count and the
// note marking the recommended size and the size as given, repeated on
// every printed page.
const (
	sizingHeadRow = 6
	sizingColNote = 2
	sizingColFig  = 3 // the figures from C
)

// WriteSizing writes the sweep of 'carecast size' (docs/methodology.md §11)
// as a workbook: a Sizing sheet with one row a room count, the recommended
// size and the size as given marked; a Sizing chart sheet with a native
// chart of NPV (expected NPV, with the P10-P90 band of the NPV, when the
// sweep has risk) against rooms; and an About sheet with the provenance.
// It prints as the forecast workbook does. Atomically, never over any of
// protect; the same sweep and provenance give the same bytes.
func WriteSizing(path string, protect []string, z *carecast.Sizing, prov carecast.Provenance) error {
	return atomicfile.WriteFileExcept(path, protect, func(w io.Writer) error { return RenderSizing(w, z, prov) })
}

// sizingColumn is one of the Sizing sheet's figures: a column of the
// report's sizing table (reports.Sizing), its heading with its unit.
type sizingColumn struct {
	head  string
	width float64
	nf    numFmt
	table int // the column in the report's table
}

// sizingColumns are the Sizing sheet's figures: every figure column of the
// report's table but the use of the rooms added.
func sizingColumns(t *reports.Table) []sizingColumn {
	var cols []sizingColumn
	for j, c := range t.Columns {
		if j == 0 || c.Unit == reports.UnitText || c.Head == carecast.LabelUseOfRoomsAdded {
			continue
		}
		sc := sizingColumn{head: c.Head, width: 14.5, nf: fmtMoney, table: j}
		switch c.Unit {
		case reports.UnitMoney:
			sc.head += " (£)"
		case reports.UnitRoomDays:
			sc.width, sc.nf = 14, fmtRoomDays
		case reports.UnitRate:
			sc.width, sc.nf = 13, fmtRate
			if c.Head == carecast.LabelChanceOfLoss {
				sc.width = 10
			}
		}
		cols = append(cols, sc)
	}
	return cols
}

// RenderSizing writes the sizing workbook (see WriteSizing) to w.
func RenderSizing(w io.Writer, z *carecast.Sizing, prov carecast.Provenance) error {
	if z == nil || len(z.Sizes) == 0 {
		return fmt.Errorf("workbook: the sweep is empty")
	}
	f := excelize.NewFile()
	defer f.Close()
	st := newStyles(f)
	if err := f.SetSheetName("Sheet1", sheetSizing); err != nil {
		return err
	}
	for _, name := range []string{sheetSizingChart, sheetAbout} {
		if _, err := f.NewSheet(name); err != nil {
			return err
		}
	}
	t := reports.Sizing(z, reports.Options{Exact: true})
	cols := sizingColumns(t)
	if err := writeSizingSheet(f, st, z, t, cols, prov); err != nil {
		return err
	}
	if err := sizingChart(f, st, z, cols, sizingHeadRow+len(z.Sizes), prov); err != nil {
		return err
	}
	if err := sizingAbout(f, st, z, prov); err != nil {
		return err
	}
	if !prov.Prepared.IsZero() {
		if err := f.SetDocProps(docPropsFor("Sizing: "+z.Scenario, "Joint commissioning of children's residential care: sizing the block", prov, prov.Prepared)); err != nil {
			return err
		}
	}
	// Parts in a fixed order and the image types sorted, as the forecast
	// workbook writes them: the same sweep, the same bytes.
	if ct := f.ContentTypes; ct != nil {
		sort.SliceStable(ct.Defaults, func(i, j int) bool { return ct.Defaults[i].Extension < ct.Defaults[j].Extension })
	}
	f.SetZipWriter(newSortedZip(w, "", nil))
	_, err := f.WriteToBuffer()
	return err
}

// sizingPage decides how the Sizing sheet prints: one page wide when that
// keeps the figures at least minScale; else at minScale, the rooms and
// notes repeated on each page of columns. The headings repeat on every
// page. It returns the plan, the column breaks and the widths.
func sizingPage(cols []sizingColumn) (printPlan, []int, map[int]float64) {
	lastCol := sizingColFig + len(cols) - 1
	widths := map[int]float64{1: 8, sizingColNote: 15} // the Note column holds "recommended" in bold
	for i, c := range cols {
		widths[sizingColFig+i] = c.width
	}
	total := 0.0
	for c := 1; c <= lastCol; c++ {
		total += colPt(widths[c])
	}
	plan := printPlan{titleRow: [2]int{sizingHeadRow, sizingHeadRow}}
	var breaks []int
	if total*minScale/100 <= pageWidthPt {
		plan.fitWide = true
		return plan, nil, widths
	}
	plan.scale, plan.titleCol = minScale, colLetter(sizingColNote)
	budget := pageWidthPt*100/minScale - colPt(widths[1]) - colPt(widths[sizingColNote])
	used := 0.0
	for c := sizingColFig; c <= lastCol; c++ {
		if used > 0 && used+colPt(widths[c]) > budget {
			breaks = append(breaks, c)
			used = 0
		}
		used += colPt(widths[c])
	}
	return plan, breaks, widths
}

// sheetCells sets a sheet's cells one at a time, keeping the first error.
type sheetCells struct {
	f     *excelize.File
	sheet string
	err   error
}

// set sets a cell's value and, unless 0, its style.
func (c *sheetCells) set(at ref, v any, style int) {
	if c.err == nil {
		c.err = c.f.SetCellValue(c.sheet, at.String(), v)
	}
	if c.err == nil && style != 0 {
		c.err = c.f.SetCellStyle(c.sheet, at.String(), at.String(), style)
	}
}

// writeSizingSheet writes the Sizing sheet: the title, the scenario, the
// sweep and the recommendation with its reason, each wrapped across the
// table's width; then a row a size, the recommended size and the size as
// given standing out: their rooms and note in bold, their figures in the
// imported figures' style.
func writeSizingSheet(f *excelize.File, st *styles, z *carecast.Sizing, t *reports.Table, cols []sizingColumn, prov carecast.Provenance) error {
	plan, breaks, widths := sizingPage(cols)
	lastCol, last := sizingColFig+len(cols)-1, sizingHeadRow+len(z.Sizes)
	if err := setupPage(f, sheetSizing, plan, carecast.Printable(z.Scenario), prov); err != nil {
		return err
	}
	for c := 1; c <= lastCol; c++ {
		if err := f.SetColWidth(sheetSizing, colLetter(c), colLetter(c), widths[c]); err != nil {
			return err
		}
	}
	sc := &sheetCells{f: f, sheet: sheetSizing}
	sc.set(cell(1, 1), "Sizing the block", st.id(roleTitle, fmtGeneral))
	sizingNotes(sc, st, z, widths, lastCol)
	head := st.id(roleHeading, fmtGeneral)
	sc.set(cell(1, sizingHeadRow), carecast.LabelRooms, head)
	sc.set(cell(sizingColNote, sizingHeadRow), carecast.LabelNote, head)
	for i, c := range cols {
		sc.set(cell(sizingColFig+i, sizingHeadRow), c.head, head)
	}
	if sc.err == nil {
		sc.err = f.SetRowHeight(sheetSizing, sizingHeadRow, 45)
	}
	note := len(t.Columns) - 1
	for r, row := range t.Rows {
		at, notes := sizingHeadRow+1+r, row[note].Text
		label := st.id(roleText, fmtGeneral)
		figure := func(nf numFmt) int { return st.id(roleText, nf) }
		if notes != "" {
			label = st.id(roleMark, fmtGeneral)
			figure = func(nf numFmt) int { return st.id(roleImport, nf) }
		}
		sc.set(cell(1, at), z.Sizes[r].Rooms, label)
		if notes != "" {
			sc.set(cell(sizingColNote, at), notes, st.id(roleMark, fmtGeneral))
		}
		if strings.Contains(notes, ",") && sc.err == nil { // two lines
			sc.err = f.SetRowHeight(sheetSizing, at, 2*defaultRowPt)
		}
		for i, c := range cols {
			sc.set(cell(sizingColFig+i, at), cellValue(row[c.table]), figure(c.nf))
		}
	}
	if sc.err != nil {
		return sc.err
	}
	if err := f.SetPanes(sheetSizing, &excelize.Panes{Freeze: true, XSplit: sizingColNote, YSplit: sizingHeadRow,
		TopLeftCell: cell(sizingColFig, sizingHeadRow+1).String(), ActivePane: "bottomRight"}); err != nil {
		return err
	}
	for _, c := range breaks {
		if err := f.InsertPageBreak(sheetSizing, cell(c, 1).String()); err != nil {
			return err
		}
	}
	return setPrintNames(f, sheetSizing, plan, lastCol, last)
}

// sizingNotes writes the scenario, the sweep and the recommendation with
// its reason in rows 2 to 4, each merged across the table's width and as
// tall as its lines.
func sizingNotes(sc *sheetCells, st *styles, z *carecast.Sizing, widths map[int]float64, lastCol int) {
	span := 0.0
	for c := 1; c <= lastCol; c++ {
		span += widths[c]
	}
	wrapped := func(r int, text string) {
		sc.set(cell(1, r), text, st.id(roleLabel, fmtGeneral))
		if sc.err == nil {
			sc.err = sc.f.MergeCell(sheetSizing, cell(1, r).String(), cell(lastCol, r).String())
		}
		if sc.err == nil { // characters a line: the span, less a tenth to spare
			lines := (len([]rune(text)) + int(span*0.9) - 1) / int(span*0.9)
			sc.err = sc.f.SetRowHeight(sheetSizing, r, float64(max(lines, 1))*defaultRowPt)
		}
	}
	wrapped(2, "Scenario: "+carecast.Printable(z.Scenario))
	sweep := fmt.Sprintf("Every Rooms row scaled so that the largest is N rooms (as given: %d), N from %d to %d, and the scenario forecast at each (docs/methodology.md §11).",
		z.Largest, z.Sizes[0].Rooms, z.Sizes[len(z.Sizes)-1].Rooms)
	if z.Risk {
		sweep += fmt.Sprintf(" With risk: %d runs a size, seed %d, the same random numbers for every size.", z.Runs, z.Seed)
	}
	wrapped(3, sweep)
	wrapped(4, fmt.Sprintf("Recommended: %d rooms. %s", z.Recommended, z.Reason))
}

// colLetter is a column's letters.
func colLetter(c int) string { s, _ := excelize.ColumnNumberToName(c); return s }

func ptr[T any](v T) *T { return &v }
