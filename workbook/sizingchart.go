package workbook

import (
	"fmt"

	"github.com/carecast/carecast"
	"github.com/xuri/excelize/v2"
)

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
	series := func(head string) excelize.ChartSeries {
		for i, c := range cols {
			if c.head == head {
				k := sizingColFig + i
				return excelize.ChartSeries{Name: cell(k, sizingHeadRow).abs().on(sheetSizing).String(),
					Categories: column(1, sizingHeadRow+1, last).abs().on(sheetSizing).String(),
					Values:     column(k, sizingHeadRow+1, last).abs().on(sheetSizing).String(), Marker: excelize.ChartMarker{Symbol: "none"}}
			}
		}
		panic("no sizing column " + head) // the heads are fixed above
	}
	ss := []excelize.ChartSeries{series(carecast.LabelNPV + " (£)")}
	if z.Risk {
		ss = []excelize.ChartSeries{series(carecast.LabelExpectedNPV + " (£)"), series(carecast.LabelNPVP10 + " (£)"), series(carecast.LabelNPVP90 + " (£)")}
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
