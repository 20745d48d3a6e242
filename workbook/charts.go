package workbook

import (
	"github.com/carecast/carecast"
	"github.com/xuri/excelize/v2"
)

// maxChartSeries is Excel's limit on the series of one chart.
const maxChartSeries = 255

// writeCharts writes the Charts sheet: native Excel charts over the
// Timeline and Pooled fund sheets' rows, so that they follow the formulas.
func (b *book) writeCharts() error {
	f, tr, fr, tl, fund := b.f, &b.plan.lines, &b.plan.fundLines, b.plan.tl, b.plan.fund
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
	months := func(s *timelineSheet, r int) string { return row(r, b.colM0, b.lastCol).abs().on(s.name).String() }
	monthAxis := months(tl, rowAxis)
	years := func(r int) string { return row(r, b.colFY0, b.colFY0+b.nY-1).abs().on(sheetTimeline).String() }
	// A series is named by its row's label (column A) or council (B).
	series := func(nameCol int, s *timelineSheet, t *lineItem) excelize.ChartSeries {
		return excelize.ChartSeries{Name: cell(nameCol, t.r).abs().on(s.name).String(), Categories: monthAxis,
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
		sr := series(2, tl, t)
		sr.Line, sr.Marker = councilStyle(c)
		cum = append(cum, sr)
	}
	charts := []struct {
		cell  string
		chart *excelize.Chart
	}{
		{cell(1, chartTop(0)).String(), &excelize.Chart{Type: excelize.Line, Series: cum, Title: title("Cumulative savings by council"),
			XAxis: dateAxis, YAxis: excelize.ChartAxis{NumFmt: money, MajorGridLines: true, Font: ink},
			Legend: excelize.ChartLegend{Position: "right"}, Dimension: dim}},
		{cell(1, chartTop(1)).String(), &excelize.Chart{Type: excelize.Col, VaryColors: &no, Series: []excelize.ChartSeries{{
			Name: cell(1, tr.savCons.r).abs().on(sheetTimeline).String(), Categories: years(rowFY), Values: years(tr.savCons.r)}},
			Title: title("Savings by financial year"), YAxis: excelize.ChartAxis{NumFmt: money, MajorGridLines: true, Font: ink, Minimum: b.zeroAxis(tr.savCons)},
			Legend: excelize.ChartLegend{Position: "none"}, Dimension: dim}},
		{cell(1, chartTop(2)).String(), &excelize.Chart{Type: excelize.Line, Series: []excelize.ChartSeries{
			series(1, tl, tr.avgRooms), series(1, tl, tr.avgOcc)},
			Title: title("Block rooms: capacity against occupied (monthly averages)"), XAxis: dateAxis,
			YAxis: excelize.ChartAxis{MajorGridLines: true, Font: ink}, Legend: excelize.ChartLegend{Position: "bottom"}, Dimension: dim}},
		{cell(1, chartTop(3)).String(), &excelize.Chart{Type: excelize.Line, Series: []excelize.ChartSeries{
			series(1, fund, fr.close)},
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
			if err := f.InsertPageBreak(sheetCharts, cell(1, chartTop(i)-1).String()); err != nil {
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
