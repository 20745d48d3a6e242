package workbook

import (
	"github.com/carecast/carecast"
	"github.com/xuri/excelize/v2"
)

// The rows of the Sensitivity sheet.
const (
	sensCentralHead = 6 // headings of the central case
	sensCentralSav  = 7
	sensCentralNPV  = 8
	sensFactorHead  = 11
	sensFirstFactor = 12
)

// sensLayout is where the Sensitivity sheet's rows stand.
type sensLayout struct {
	first, last int // factor rows, tornado order
	descHead    int // headings of "What each factor does"
	chartRow    int
	// blocks are the parts that printing keeps on a page; the last is the
	// tornado's, which the print area holds.
	blocks [][2]int
}

// The columns of the Sensitivity sheet's factor table.
const (
	sensColLow       = 4  // D
	sensColSavLow    = 7  // G
	sensColSavHigh   = 8  // H
	sensColSwing     = 9  // I
	sensColSwitching = 12 // L
	sensColChangeLow = 15 // O
)

// planSensitivity lays out the Sensitivity sheet: the rows of the factors,
// of their descriptions and of the tornado chart.
func (b *book) planSensitivity() {
	n := len(b.ap.Sensitivity.Factors)
	l := &b.plan.sens
	l.first, l.last = sensFirstFactor, sensFirstFactor+n-1
	l.descHead = sensFirstFactor + n + 2
	l.chartRow = l.descHead + int(carecast.NumFactors) + 2
	l.blocks = [][2]int{{1, l.last + 1}, {l.descHead - 1, l.descHead + int(carecast.NumFactors)}, {l.chartRow - 1, l.chartRow + chartSpan - 1}}
}

func (b *book) writeSensitivity() error {
	s := b.ap.Sensitivity
	st, l := b.st, &b.plan.sens
	sw, err := b.newStream(sheetSensitivity, 14, map[int]float64{1: 24, 2: 10, 3: 16, 4: 11, 5: 11, 6: 11,
		7: 16, 8: 16, 9: 16, 10: 16, 11: 16, 12: 16, 13: 11, 14: 11, 15: 18, 16: 18})
	if err != nil {
		return err
	}
	// The chart goes in before the rows: excelize writes its drawing with
	// the rest of the sheet when the stream is flushed.
	if err := b.addTornado(); err != nil {
		return err
	}
	rw := b.rowWriter(sw, 16)
	rw.text(1, "Sensitivity: "+s.Scenario, roleTitle)
	rw.endAt(1)
	rw.text(1, "Each factor at the low and the high of its distribution, every other at its mode (HM Treasury Green Book: "+
		"sensitivity analysis and switching values), each case a full forecast by carecast's exact engine. Savings and NPV are the "+
		"consortium's over the whole horizon ("+carecast.YearsText(s.Years)+"). The swing is the difference between the savings at high and at low; "+
		"the switching value is the value of the factor, every other at its mode, at which the savings come to zero.", roleText)
	rw.endAt(2)
	b.writeLegend(rw)

	rw.text(1, "Central case: every factor at its mode", roleSection)
	rw.endAt(sensCentralHead - 1)
	for i, h := range []string{carecast.LabelFigure, carecast.LabelUnit, carecast.LabelValue} {
		rw.text(i+1, h, roleHeading)
	}
	rw.endAt(sensCentralHead)
	money := st.id(roleImport, fmtMoney)
	for _, c := range []struct {
		r     int
		label string
		m     carecast.Money
	}{{sensCentralSav, carecast.LabelSavings, s.Central.Savings}, {sensCentralNPV, carecast.LabelNPV, s.Central.NPV}} {
		rw.text(1, c.label, roleText)
		rw.text(2, "£", roleText)
		rw.cell(3, money, "", penceCell(c.m.PenceInt()))
		rw.endAt(c.r)
	}

	rw.text(1, "Factors in order of swing, largest first (a tornado). "+factorNote, roleSection)
	rw.endAt(sensFactorHead - 1)
	for i, h := range []string{"Factor", carecast.LabelUnit, "Distribution", "Low", "Mode", "High",
		"Savings at low (£)", "Savings at high (£)", "Swing (£)", "NPV at low (£)", "NPV at high (£)",
		"Switching value", "Searched from", "Searched to",
		"Change in savings at low (£)", "Change in savings at high (£)"} {
		rw.text(i+1, h, roleHeading)
	}
	rw.endAt(sensFactorHead, tallRow)
	central := cell(3, sensCentralSav).abs().String()
	for i, f := range s.Factors {
		r := l.first + i
		low, high := cell(sensColSavLow, r).String(), cell(sensColSavHigh, r).String()
		nf := factorFmt(f.Factor)
		val := st.id(roleImport, nf)
		rw.text(1, factorName(f.Factor), roleText)
		rw.text(2, f.Factor.Unit().Word(), roleText)
		rw.any(3, st.id(roleImport, fmtGeneral), "", f.Risk.Distribution)
		rw.cell(4, val, "", decFloat(f.Low))
		rw.cell(5, val, "", decFloat(f.Risk.Mode))
		rw.cell(6, val, "", decFloat(f.High))
		lo, hi := f.AtLow.Savings.PenceInt(), f.AtHigh.Savings.PenceInt()
		rw.cell(7, money, "", penceCell(lo))
		rw.cell(8, money, "", penceCell(hi))
		rw.cell(9, st.id(roleCalc, fmtMoney), fn("ABS", high+"-"+low), penceCell(abs64(hi-lo)))
		rw.cell(10, money, "", penceCell(f.AtLow.NPV.PenceInt()))
		rw.cell(11, money, "", penceCell(f.AtHigh.NPV.PenceInt()))
		if f.Switching.Found {
			rw.cell(12, val, "", decFloat(f.Switching.Value))
		} else {
			rw.any(12, st.id(roleImport, fmtGeneral), "", "not within range")
		}
		rw.cell(13, val, "", decFloat(f.Switching.SearchLow))
		rw.cell(14, val, "", decFloat(f.Switching.SearchHigh))
		c := s.Central.Savings.PenceInt()
		rw.cell(15, st.id(roleCalc, fmtMoney), low+"-"+central, penceCell(lo-c))
		rw.cell(16, st.id(roleCalc, fmtMoney), high+"-"+central, penceCell(hi-c))
		rw.endAt(r)
	}

	rw.text(1, "What each factor does", roleSection)
	rw.endAt(l.descHead - 1)
	rw.text(1, "Factor", roleHeading)
	rw.text(2, carecast.LabelUnit, roleHeading)
	rw.text(3, "What it does", roleHeading)
	rw.endAt(l.descHead)
	for i, f := range carecast.Factors() {
		rw.text(1, factorName(f), roleText)
		rw.text(2, f.Unit().Word(), roleText)
		rw.text(3, f.Description(), roleText)
		rw.endAt(l.descHead + 1 + i)
	}
	rw.blocks = append(rw.blocks, l.blocks...)
	rw.lastRow = max(rw.lastRow, l.chartRow+chartSpan-1)
	return rw.close()
}

// addTornado charts the change in savings from the central case at each
// factor's low and high: overlapping horizontal bars, the largest swing at
// the top.
func (b *book) addTornado() error {
	l := &b.plan.sens
	if l.last < l.first {
		return nil
	}
	rng := func(col int) string { return column(col, l.first, l.last).abs().on(sheetSensitivity).String() }
	head := func(col int) string { return cell(col, sensFactorHead).abs().on(sheetSensitivity).String() }
	overlap, gap := 100, uint(40)
	ink := excelize.Font{Color: "404040"}
	return b.f.AddChart(sheetSensitivity, cell(1, l.chartRow).String(), &excelize.Chart{
		Type: excelize.Bar,
		Series: []excelize.ChartSeries{
			{Name: head(sensColChangeLow), Categories: rng(1), Values: rng(sensColChangeLow),
				Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{tornadoLowColour}}},
			{Name: head(sensColChangeLow + 1), Categories: rng(1), Values: rng(sensColChangeLow + 1),
				Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{tornadoHighColour}}},
		},
		Title:   chartTitle("Tornado: change in the consortium's savings from the central case, each factor at its low and high"),
		Overlap: &overlap, GapWidth: &gap,
		XAxis:     excelize.ChartAxis{ReverseOrder: true, TickLabelPosition: excelize.ChartTickLabelLow, Font: ink},
		YAxis:     excelize.ChartAxis{NumFmt: moneyAxis, MajorGridLines: true, Font: ink},
		Legend:    excelize.ChartLegend{Position: "bottom"},
		Dimension: excelize.ChartDimension{Width: 900, Height: 420},
	})
}

// The tornado's colours, as on the charts page: Okabe-Ito blue for a
// factor at its low, orange at its high.
const (
	tornadoLowColour  = "0072B2"
	tornadoHighColour = "9C6B00" // dark ochre: 4.6:1 on white, as charts.html
)

// moneyAxis is the number format of a chart's money axis: to the pound,
// negatives in brackets.
var moneyAxis = excelize.ChartNumFmt{CustomNumFmt: `"£"#,##0;("£"#,##0)`}

// tallRow holds two lines of a heading that wraps.
var tallRow = excelize.RowOpts{Height: 30}

// chartTitle is a chart's title as excelize takes it.
func chartTitle(s string) excelize.ChartTitle {
	return excelize.ChartTitle{Paragraph: []excelize.RichTextRun{{Text: s}}}
}

// factorName is a factor as the workbook names it for a reader: its
// plain name from the factor table, "Spot price" (the Risks sheet and the
// JSON name it spot_price; the Inputs sheet, an echo of the input, too).
func factorName(f carecast.Factor) string { return f.Label() }
