package workbook

import (
	"fmt"
	"io"
	"sort"
	"strings"

	"github.com/carecast/carecast"
	"github.com/carecast/carecast/internal/atomicfile"
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

// sizingColumn is one of the Sizing sheet's figures.
type sizingColumn struct {
	head  string
	width float64
	nf    numFmt
	v     func(p carecast.SizePoint) float64
}

func sizingColumns(risk bool) []sizingColumn {
	money := func(f func(p carecast.SizePoint) carecast.Money) func(p carecast.SizePoint) float64 {
		return func(p carecast.SizePoint) float64 { return penceCell(f(p).PenceInt()) }
	}
	cols := []sizingColumn{
		{carecast.LabelSavings + " (£)", 14.5, fmtMoney, money(func(p carecast.SizePoint) carecast.Money { return p.Savings })},
		{carecast.LabelNPV + " (£)", 14.5, fmtMoney, money(func(p carecast.SizePoint) carecast.Money { return p.NPV })},
		{carecast.LabelNPVAfterOptimismBias + " (£)", 14.5, fmtMoney, money(func(p carecast.SizePoint) carecast.Money { return p.NPVAfterOptimismBias })},
		{carecast.LabelOccupancy, 13, fmtRate, func(p carecast.SizePoint) float64 { return decFloat(p.OccupancyRate) }},
		{carecast.LabelVoidCost + " (£)", 14.5, fmtMoney, money(func(p carecast.SizePoint) carecast.Money { return p.VoidCost })},
		{carecast.LabelOverflow, 14, fmtRoomDays, func(p carecast.SizePoint) float64 { return decFloat(p.OverflowRoomDays) }},
	}
	if risk {
		cols = append(cols,
			sizingColumn{"Savings P10 (£)", 14.5, fmtMoney, money(func(p carecast.SizePoint) carecast.Money { return p.P10 })},
			sizingColumn{"Savings P50 (£)", 14.5, fmtMoney, money(func(p carecast.SizePoint) carecast.Money { return p.P50 })},
			sizingColumn{"Savings P90 (£)", 14.5, fmtMoney, money(func(p carecast.SizePoint) carecast.Money { return p.P90 })},
			sizingColumn{"NPV P10 (£)", 14.5, fmtMoney, money(func(p carecast.SizePoint) carecast.Money { return p.NPVP10 })},
			sizingColumn{"Expected NPV (£)", 14.5, fmtMoney, money(func(p carecast.SizePoint) carecast.Money { return p.MeanNPV })},
			sizingColumn{"NPV P90 (£)", 14.5, fmtMoney, money(func(p carecast.SizePoint) carecast.Money { return p.NPVP90 })},
			sizingColumn{"Chance of a loss", 10, fmtRate, func(p carecast.SizePoint) float64 { return decFloat(p.LossProbability) }},
		)
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
	cols := sizingColumns(z.Risk)
	lastCol := sizingColFig + len(cols) - 1
	last := sizingHeadRow + len(z.Sizes)
	col := func(i int) string { c, _ := excelize.ColumnNumberToName(i); return c }
	var err error
	set := func(cell string, v any, style int) {
		if err == nil {
			err = f.SetCellValue(sheetSizing, cell, v)
		}
		if err == nil && style != 0 {
			err = f.SetCellStyle(sheetSizing, cell, cell, style)
		}
	}

	// The page: one page wide when that keeps the figures at least
	// minScale; else at minScale, the rooms and notes repeated on each
	// page of columns. The headings repeat on every page.
	widths := map[int]float64{1: 8, sizingColNote: 15} // the Note column holds "recommended" in bold
	for i, c := range cols {
		widths[sizingColFig+i] = c.width
	}
	total := 0.0
	for c := 1; c <= lastCol; c++ {
		total += colPt(widths[c])
	}
	plan := printPlan{titleRow: [2]int{sizingHeadRow, sizingHeadRow}}
	var colBreaks []int
	if total*minScale/100 <= pageWidthPt {
		plan.fitWide = true
	} else {
		plan.scale, plan.titleCol = minScale, col(sizingColNote)
		budget := pageWidthPt*100/minScale - colPt(widths[1]) - colPt(widths[sizingColNote])
		used := 0.0
		for c := sizingColFig; c <= lastCol; c++ {
			if used > 0 && used+colPt(widths[c]) > budget {
				colBreaks = append(colBreaks, c)
				used = 0
			}
			used += colPt(widths[c])
		}
	}
	if err := setupPage(f, sheetSizing, plan, carecast.Printable(z.Scenario), prov); err != nil {
		return err
	}
	for c := 1; c <= lastCol; c++ {
		if err := f.SetColWidth(sheetSizing, col(c), col(c), widths[c]); err != nil {
			return err
		}
	}

	// The title, then the scenario, the sweep and the recommendation with
	// its reason, each wrapped across the table's width.
	set("A1", "Sizing the block", st.id(roleTitle, fmtGeneral))
	span := 0.0
	for c := 1; c <= lastCol; c++ {
		span += widths[c]
	}
	wrapped := func(r int, text string) {
		set("A"+itoa(r), text, st.id(roleLabel, fmtGeneral))
		if err == nil {
			err = f.MergeCell(sheetSizing, "A"+itoa(r), col(lastCol)+itoa(r))
		}
		if err == nil { // characters a line: the span, less a tenth to spare
			lines := (len([]rune(text)) + int(span*0.9) - 1) / int(span*0.9)
			err = f.SetRowHeight(sheetSizing, r, float64(max(lines, 1))*defaultRowPt)
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
	head := st.id(roleHeading, fmtGeneral)
	set("A"+itoa(sizingHeadRow), "Rooms", head)
	set(col(sizingColNote)+itoa(sizingHeadRow), "Note", head)
	for i, c := range cols {
		set(col(sizingColFig+i)+itoa(sizingHeadRow), c.head, head)
	}
	if err == nil {
		err = f.SetRowHeight(sheetSizing, sizingHeadRow, 45)
	}
	// The recommended size and the size as given stand out: their rooms
	// and note in bold, their figures in the imported figures' style.
	for r, p := range z.Sizes {
		row := itoa(sizingHeadRow + 1 + r)
		var notes []string
		if p.Rooms == z.Recommended {
			notes = append(notes, "recommended")
		}
		if p.Rooms == z.Largest {
			notes = append(notes, "as given")
		}
		label := st.id(roleText, fmtGeneral)
		figure := func(nf numFmt) int { return st.id(roleText, nf) }
		if len(notes) > 0 {
			label = st.id(roleMark, fmtGeneral)
			figure = func(nf numFmt) int { return st.id(roleImport, nf) }
		}
		set("A"+row, p.Rooms, label)
		if len(notes) > 0 {
			set(col(sizingColNote)+row, strings.Join(notes, ", "), st.id(roleMark, fmtGeneral))
		}
		if len(notes) > 1 && err == nil { // two lines
			err = f.SetRowHeight(sheetSizing, sizingHeadRow+1+r, 2*defaultRowPt)
		}
		for i, c := range cols {
			set(col(sizingColFig+i)+row, c.v(p), figure(c.nf))
		}
	}
	if err != nil {
		return err
	}
	if err := f.SetPanes(sheetSizing, &excelize.Panes{Freeze: true, XSplit: sizingColNote, YSplit: sizingHeadRow,
		TopLeftCell: col(sizingColFig) + itoa(sizingHeadRow+1), ActivePane: "bottomRight"}); err != nil {
		return err
	}
	for _, c := range colBreaks {
		if err := f.InsertPageBreak(sheetSizing, col(c)+"1"); err != nil {
			return err
		}
	}
	if err := setPrintNames(f, sheetSizing, plan, lastCol, last); err != nil {
		return err
	}
	if err := sizingChart(f, st, z, cols, last, prov); err != nil {
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
	_, err = f.WriteToBuffer()
	return err
}

// sizingChart writes the Sizing chart sheet: NPV against rooms (expected
// NPV and its P10-P90 band with risk), on one page of its own.
func sizingChart(f *excelize.File, st *styles, z *carecast.Sizing, cols []sizingColumn, last int, prov carecast.Provenance) error {
	plan := printPlan{fitWide: true, fitPage: true}
	if err := setupPage(f, sheetSizingChart, plan, carecast.Printable(z.Scenario), prov); err != nil {
		return err
	}
	title := "NPV against the rooms commissioned"
	if z.Risk {
		title = "Expected NPV, with P10 and P90, against the rooms commissioned"
	}
	title = fmt.Sprintf("%s (recommended %d, as given %d)", title, z.Recommended, z.Largest)
	if err := f.SetCellValue(sheetSizingChart, "A1", "NPV against the rooms commissioned"); err != nil {
		return err
	}
	if err := f.SetCellStyle(sheetSizingChart, "A1", "A1", st.id(roleTitle, fmtGeneral)); err != nil {
		return err
	}
	ref := sheetRef(sheetSizing)
	series := func(head string) excelize.ChartSeries {
		for i, c := range cols {
			if c.head == head {
				k := "$" + colLetter(sizingColFig+i) + "$"
				return excelize.ChartSeries{Name: ref + k + itoa(sizingHeadRow), Categories: ref + "$A$" + itoa(sizingHeadRow+1) + ":$A$" + itoa(last),
					Values: ref + k + itoa(sizingHeadRow+1) + ":" + k + itoa(last), Marker: excelize.ChartMarker{Symbol: "none"}}
			}
		}
		panic("no sizing column " + head) // the heads are fixed above
	}
	ss := []excelize.ChartSeries{series(carecast.LabelNPV + " (£)")}
	if z.Risk {
		ss = []excelize.ChartSeries{series("Expected NPV (£)"), series("NPV P10 (£)"), series("NPV P90 (£)")}
		ss[1].Line.Dash, ss[2].Line.Dash = excelize.LineDashDash, excelize.LineDashDash
	}
	for i := range ss {
		ss[i].Line.Type, ss[i].Line.Width = excelize.LineSolid, 2
	}
	ink := excelize.Font{Color: "404040"}
	if err := f.AddChart(sheetSizingChart, "A3", &excelize.Chart{
		// A scatter chart: the rooms are numbers, on an axis of their own
		// scale, labelled at even steps.
		Type: excelize.Scatter, Series: ss,
		Title: chartTitle(title),
		XAxis: excelize.ChartAxis{Title: chartTitle("Rooms commissioned"), Font: ink, TickLabelPosition: excelize.ChartTickLabelLow,
			Minimum: ptr(float64(z.Sizes[0].Rooms)), Maximum: ptr(float64(z.Sizes[len(z.Sizes)-1].Rooms))},
		YAxis:     excelize.ChartAxis{Title: chartTitle(carecast.LabelNPV + " (£)"), NumFmt: moneyAxis, MajorGridLines: true, Font: ink},
		Legend:    excelize.ChartLegend{Position: "bottom"},
		Dimension: excelize.ChartDimension{Width: 1000, Height: 560},
	}); err != nil {
		return err
	}
	// The print area holds the chart (1,000 by 560 pixels from A3:
	// columns of 64 pixels, rows of 20).
	return setPrintNames(f, sheetSizingChart, plan, 17, 3+560/20+2)
}

// sizingAbout writes the sizing workbook's About sheet: what made it,
// with the forecast workbook's provenance lines.
func sizingAbout(f *excelize.File, st *styles, z *carecast.Sizing, prov carecast.Provenance) error {
	plan := printPlan{fitWide: true}
	if err := setupPage(f, sheetAbout, plan, carecast.Printable(z.Scenario), prov); err != nil {
		return err
	}
	if err := f.SetColWidth(sheetAbout, "A", "A", 64); err != nil {
		return err
	}
	if err := f.SetColWidth(sheetAbout, "B", "B", 120); err != nil {
		return err
	}
	lines := [][2]string{{"About this workbook", ""}}
	lines = append(lines, provenanceLines(z.Scenario, prov)...)
	lines = append(lines, [2]string{},
		[2]string{"What it is", "carecast size: the block forecast at each room count, the recommended size and why (Sizing), and the NPV against rooms (Sizing chart)."},
		[2]string{"Method", "docs/methodology.md §11 in carecast's repository: the scaling of the Rooms rows, the recommendation and the newsvendor critical ratio."},
		[2]string{"Reproducing it", "The same input, options and carecast version give the same figures; with SOURCE_DATE_EPOCH set to the prepared date, the same bytes."},
		[2]string{}, [2]string{"Sources of the default figures", ""})
	lines = append(lines, defaultSources...)
	for i, l := range lines {
		r := itoa(i + 1)
		role := roleText
		switch {
		case i == 0:
			role = roleTitle
		case l[0] == "Sources of the default figures":
			role = roleSection
		}
		for k, v := range l {
			if v == "" {
				continue
			}
			cell := string(rune('A'+k)) + r
			if err := f.SetCellValue(sheetAbout, cell, v); err != nil {
				return err
			}
			rl := role
			if k == 1 {
				rl = roleText
			}
			if err := f.SetCellStyle(sheetAbout, cell, cell, st.id(rl, fmtGeneral)); err != nil {
				return err
			}
		}
	}
	return setPrintNames(f, sheetAbout, plan, 2, len(lines))
}

// colLetter is a column's letters.
func colLetter(c int) string { s, _ := excelize.ColumnNumberToName(c); return s }

func ptr[T any](v T) *T { return &v }
