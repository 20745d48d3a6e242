package workbook

import (
	"fmt"
	"io"
	"sort"
	"strings"

	"github.com/carecast/carecast"
	"github.com/carecast/carecast/atomicfile"
	"github.com/xuri/excelize/v2"
)

// SizingFileName is the file name of the sizing workbook in an output
// folder.
const SizingFileName = "sizing.xlsx"

const sheetSizing = "Sizing"

// WriteSizing writes the sweep of 'carecast size' (docs/methodology.md §11)
// as a workbook with a Sizing sheet: one row a room count, the recommended
// size and the size as given marked, and a native chart of NPV (expected
// NPV, with the P10-P90 band of the NPV, when the sweep has risk) against
// rooms. Atomically, never over any of protect; the same sweep gives the
// same bytes.
func WriteSizing(path string, protect []string, z *carecast.Sizing) error {
	return atomicfile.WriteFileExcept(path, protect, func(w io.Writer) error { return RenderSizing(w, z) })
}

// RenderSizing writes the sizing workbook (see WriteSizing) to w.
func RenderSizing(w io.Writer, z *carecast.Sizing) error {
	if z == nil || len(z.Sizes) == 0 {
		return fmt.Errorf("workbook: the sweep is empty")
	}
	f := excelize.NewFile()
	defer f.Close()
	if err := f.SetSheetName("Sheet1", sheetSizing); err != nil {
		return err
	}
	var err error
	set := func(cell string, v any) {
		if err == nil {
			err = f.SetCellValue(sheetSizing, cell, v)
		}
	}
	money := func(m carecast.Money) float64 { return m.Decimal().InexactFloat64() }
	set("A1", carecast.Printable(z.Scenario)+": sizing the block")
	set("A2", fmt.Sprintf("Every Rooms row scaled to N rooms at its largest (as given: %d). Recommended: %d rooms. %s", z.Largest, z.Recommended, z.Reason))
	head := []string{"Rooms", "Savings (£)", "NPV (£)", "NPV after optimism bias (£)", "Occupancy", "Void cost (empty rooms) (£)", "Overflow (room-days)"}
	if z.Risk {
		head = append(head, "Savings P10 (£)", "Savings P50 (£)", "Savings P90 (£)", "NPV P10 (£)", "Expected NPV (£)", "NPV P90 (£)", "Chance of a loss")
	}
	head = append(head, "Note")
	const first = 4 // the header row
	for i, h := range head {
		c, _ := excelize.CoordinatesToCellName(i+1, first)
		set(c, h)
	}
	for r, p := range z.Sizes {
		row := []any{p.Rooms, money(p.Savings), money(p.NPV), money(p.NPVAfterOptimismBias), p.OccupancyRate.InexactFloat64(), money(p.VoidCost), p.OverflowRoomDays.InexactFloat64()}
		if z.Risk {
			row = append(row, money(p.P10), money(p.P50), money(p.P90), money(p.NPVP10), money(p.MeanNPV), money(p.NPVP90), p.LossProbability.InexactFloat64())
		}
		var notes []string
		if p.Rooms == z.Recommended {
			notes = append(notes, "recommended")
		}
		if p.Rooms == z.Largest {
			notes = append(notes, "as given")
		}
		row = append(row, strings.Join(notes, ", "))
		for i, v := range row {
			c, _ := excelize.CoordinatesToCellName(i+1, first+1+r)
			set(c, v)
		}
	}
	if err != nil {
		return err
	}
	last := first + len(z.Sizes)
	moneyStyle, err := f.NewStyle(&excelize.Style{CustomNumFmt: ptr(`#,##0.00;(#,##0.00)`)})
	if err != nil {
		return err
	}
	pctStyle, err := f.NewStyle(&excelize.Style{NumFmt: 10})
	if err != nil {
		return err
	}
	bold, err := f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true}, Alignment: &excelize.Alignment{WrapText: true, Vertical: "top"}})
	if err != nil {
		return err
	}
	col := func(i int) string { c, _ := excelize.ColumnNumberToName(i); return c }
	for i, h := range head {
		c := col(i + 1)
		style := moneyStyle
		switch {
		case h == "Occupancy" || h == "Chance of a loss":
			style = pctStyle
		case h == "Rooms" || h == "Note" || strings.HasPrefix(h, "Overflow"):
			style = 0
		}
		if style != 0 {
			if err := f.SetCellStyle(sheetSizing, fmt.Sprintf("%s%d", c, first+1), fmt.Sprintf("%s%d", c, last), style); err != nil {
				return err
			}
		}
		if err := f.SetColWidth(sheetSizing, c, c, 16); err != nil {
			return err
		}
	}
	if err := f.SetCellStyle(sheetSizing, fmt.Sprintf("A%d", first), fmt.Sprintf("%s%d", col(len(head)), first), bold); err != nil {
		return err
	}
	if err := f.SetPanes(sheetSizing, &excelize.Panes{Freeze: true, YSplit: first, TopLeftCell: fmt.Sprintf("A%d", first+1), ActivePane: "bottomLeft"}); err != nil {
		return err
	}

	// The chart: NPV against rooms (expected NPV and its P10-P90 band with
	// risk).
	cats := fmt.Sprintf("%s!$A$%d:$A$%d", sheetSizing, first+1, last)
	series := func(c int, name string) excelize.ChartSeries {
		return excelize.ChartSeries{Name: fmt.Sprintf("%s!$%s$%d", sheetSizing, col(c), first), Categories: cats,
			Values: fmt.Sprintf("%s!$%s$%d:$%s$%d", sheetSizing, col(c), first+1, col(c), last)}
	}
	ss := []excelize.ChartSeries{series(3, "NPV")}
	title := "NPV against the rooms commissioned"
	if z.Risk {
		ss = []excelize.ChartSeries{series(12, "Expected NPV"), series(11, "NPV P10"), series(13, "NPV P90")}
		title = "Expected NPV, with P10 and P90, against the rooms commissioned"
	}
	return chartAndWrite(f, w, ss, title, fmt.Sprintf("%s%d", "B", last+3), z)
}

func chartAndWrite(f *excelize.File, w io.Writer, ss []excelize.ChartSeries, title, at string, z *carecast.Sizing) error {
	if err := f.AddChart(sheetSizing, at, &excelize.Chart{
		Type: excelize.Line, Series: ss,
		Title:     chartTitle(fmt.Sprintf("%s (recommended %d, as given %d)", title, z.Recommended, z.Largest)),
		XAxis:     excelize.ChartAxis{Title: chartTitle("Rooms")},
		YAxis:     excelize.ChartAxis{Title: chartTitle("£")},
		Legend:    excelize.ChartLegend{Position: "bottom"},
		Dimension: excelize.ChartDimension{Width: 900, Height: 420},
	}); err != nil {
		return err
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

func ptr[T any](v T) *T { return &v }
