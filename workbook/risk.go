package workbook

import (
	"math"
	"strconv"

	"github.com/carecast/carecast"
	"github.com/shopspring/decimal"
	"github.com/xuri/excelize/v2"
)

// The appraisal under uncertainty (issue 6) in the forecast workbook: a
// Sensitivity sheet (the one-at-a-time sensitivity, a tornado, switching
// values) and a Risk sheet (the Monte Carlo simulation: percentiles, the
// probability of a loss, a fan of cumulative savings and a histogram),
// with a short block on the Summary that links to both. Both sheets are
// outputs: their figures are carecast's (the runs themselves are not in
// the workbook), written as values in the style of carecast's figures;
// formulas only where an auditor follows arithmetic (a swing, a change
// from the central case, a probability, a share of the runs).

// Sheet names of the appraisal.
const (
	sheetSensitivity = "Sensitivity"
	sheetRisk        = "Risk"
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
	l := &b.sens
	l.first, l.last = sensFirstFactor, sensFirstFactor+n-1
	l.descHead = sensFirstFactor + n + 2
	l.chartRow = l.descHead + int(carecast.NumFactors) + 2
}

// The rows of the Risk sheet's first blocks.
const (
	riskRuns   = 7
	riskSeed   = 8
	riskLosses = 9
	riskProb   = 10
	riskHead   = 13 // headings of the consortium's percentiles
	riskSav    = 14
	riskNPV    = 15
	riskCHead  = 18 // headings of the councils' percentiles
)

// The Risk sheet's columns of the consortium's percentiles: C P10, D P50,
// E P90, F mean, G the forecast.
const riskColForecast = 7

// riskLayout is where the Risk sheet's other rows stand.
type riskLayout struct {
	cFirst, cLast           int // councils
	distHead                int
	histHead, histFirst     int
	histLast, histTotal     int
	fanHead, fanFirst       int
	fanLast                 int
	fanChartAt, histChartAt string
}

// planRisk lays out the Risk sheet: the rows of the councils, the
// distributions, the histogram and the fan, and where the charts go.
func (b *book) planRisk() {
	sim := b.ap.Simulation
	l := &b.risk
	l.cFirst = riskCHead + 1
	l.cLast = l.cFirst + len(sim.Councils) - 1
	l.distHead = max(l.cLast, riskCHead) + 3
	l.histHead = l.distHead + int(carecast.NumFactors) + 3
	l.histFirst = l.histHead + 1
	l.histLast = l.histFirst + len(sim.Histogram.Counts) - 1
	l.histTotal = l.histLast + 1
	l.fanHead = l.histTotal + 3
	l.fanFirst = l.fanHead + 1
	l.fanLast = l.fanFirst + len(sim.Fan) - 1
	// The charts stand to the right of the tables.
	l.fanChartAt, l.histChartAt = "N5", "N30"
}

// hasSensitivity and hasSimulation report which appraisal sheets the
// workbook has.
func (b *book) hasSensitivity() bool { return b.ap != nil && b.ap.Sensitivity != nil }
func (b *book) hasSimulation() bool  { return b.ap != nil && b.ap.Simulation != nil }

// --- factor values ------------------------------------------------------------

// unitFmt is the number format of each unit of a factor's values: a
// multiple, points added to a rate (as a signed percentage), or whole
// months.
var unitFmt = map[carecast.Unit]numFmt{
	carecast.UnitMultiple: fmtMultiple,
	carecast.UnitPoints:   fmtPoints,
	carecast.UnitMonths:   fmtInt,
}

// factorFmt is the number format of a factor's values.
func factorFmt(f carecast.Factor) numFmt { return unitFmt[f.Unit()] }

// factorNote explains the three kinds of factor values.
const factorNote = "Values: a multiple (1.00x is no change); points added to an annual rate, shown as a percentage " +
	"(+3.00% is three percentage points); whole months of delay."

// --- Sensitivity ----------------------------------------------------------------

func (b *book) writeSensitivity() error {
	s := b.ap.Sensitivity
	st, l := b.st, &b.sens
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
	for i, h := range []string{"Figure", "Unit", "Value"} {
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
	for i, h := range []string{"Factor", "Unit", "Distribution", "Low", "Mode", "High",
		"Savings at low (£)", "Savings at high (£)", "Swing (£)", "NPV at low (£)", "NPV at high (£)",
		"Switching value", "Searched from", "Searched to",
		"Change in savings at low (£)", "Change in savings at high (£)"} {
		rw.text(i+1, h, roleHeading)
	}
	rw.endAt(sensFactorHead, tallRow)
	central := "$C$" + itoa(sensCentralSav)
	for i, f := range s.Factors {
		r := l.first + i
		R := itoa(r)
		nf := factorFmt(f.Factor)
		val := st.id(roleImport, nf)
		rw.text(1, f.Factor.String(), roleText)
		rw.text(2, f.Factor.Unit().Word(), roleText)
		rw.any(3, st.id(roleImport, fmtGeneral), "", f.Risk.Distribution)
		rw.cell(4, val, "", decFloat(f.Low))
		rw.cell(5, val, "", decFloat(f.Risk.Mode))
		rw.cell(6, val, "", decFloat(f.High))
		lo, hi := f.AtLow.Savings.PenceInt(), f.AtHigh.Savings.PenceInt()
		rw.cell(7, money, "", penceCell(lo))
		rw.cell(8, money, "", penceCell(hi))
		rw.cell(9, st.id(roleCalc, fmtMoney), "ABS(H"+R+"-G"+R+")", penceCell(abs64(hi-lo)))
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
		rw.cell(15, st.id(roleCalc, fmtMoney), "G"+R+"-"+central, penceCell(lo-c))
		rw.cell(16, st.id(roleCalc, fmtMoney), "H"+R+"-"+central, penceCell(hi-c))
		rw.endAt(r)
	}

	rw.text(1, "What each factor does", roleSection)
	rw.endAt(l.descHead - 1)
	rw.text(1, "Factor", roleHeading)
	rw.text(2, "Unit", roleHeading)
	rw.text(3, "What it does", roleHeading)
	rw.endAt(l.descHead)
	for i, f := range carecast.Factors() {
		rw.text(1, f.String(), roleText)
		rw.text(2, f.Unit().Word(), roleText)
		rw.text(3, f.Description(), roleText)
		rw.endAt(l.descHead + 1 + i)
	}
	return rw.close()
}

// addTornado charts the change in savings from the central case at each
// factor's low and high: overlapping horizontal bars, the largest swing at
// the top.
func (b *book) addTornado() error {
	l := &b.sens
	if l.last < l.first {
		return nil
	}
	ref := sheetRef(sheetSensitivity)
	rng := func(col int) string {
		L := "$" + b.cols[col] + "$"
		return ref + L + itoa(l.first) + ":" + L + itoa(l.last)
	}
	head := func(col int) string { return ref + "$" + b.cols[col] + "$" + itoa(sensFactorHead) }
	overlap, gap := 100, uint(40)
	ink := excelize.Font{Color: "404040"}
	return b.f.AddChart(sheetSensitivity, "A"+itoa(l.chartRow), &excelize.Chart{
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
	tornadoHighColour = "E69F00"
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

// --- Risk -----------------------------------------------------------------------

// writeRisk writes the Risk sheet: what the Monte Carlo simulation did
// (runs, seed, losses), the consortium's and each council's percentiles,
// the distributions drawn from, the histogram of savings and the fan of
// cumulative savings, with the fan and histogram charts. The figures are
// carecast's, over runs the workbook does not hold; the sheet's formulas
// are only the shares and sums of them.
func (b *book) writeRisk() error {
	sw, err := b.newStream(sheetRisk, 14, map[int]float64{1: 46, 2: 14, 3: 16, 4: 16, 5: 16, 6: 16, 7: 16,
		8: 16, 9: 16, 10: 16, 11: 12, 12: 12})
	if err != nil {
		return err
	}
	if err := b.addRiskCharts(); err != nil {
		return err
	}
	rw := b.rowWriter(sw, 12)
	b.riskTitle(rw)
	b.riskSimulation(rw)
	b.riskConsortium(rw)
	b.riskCouncils(rw)
	b.riskDistributions(rw)
	b.riskHistogram(rw)
	b.riskFan(rw)
	return rw.close()
}

// riskKit holds the styles and references the Risk sheet's parts share.
type riskKit struct {
	money, ints, rate int    // styles: carecast's money and counts, a calculated rate
	runs              string // the cell holding the number of runs
	nRuns             int
}

func (b *book) riskKit() riskKit {
	st := b.st
	return riskKit{money: st.id(roleImport, fmtMoney), ints: st.id(roleImport, fmtInt), rate: st.id(roleCalc, fmtRate),
		runs: "$C$" + itoa(riskRuns), nRuns: b.ap.Simulation.Runs}
}

// share is k runs as a share of all (0 when there are none).
func (k riskKit) share(n int) float64 {
	if k.nRuns == 0 {
		return 0
	}
	return float64(n) / float64(k.nRuns)
}

// riskTitle writes the title, the note on how to read the sheet and the key.
func (b *book) riskTitle(rw *rowWriter) {
	sim := b.ap.Simulation
	rw.text(1, "Risk: Monte Carlo simulation: "+sim.Scenario, roleTitle)
	rw.endAt(1)
	rw.text(1, "The scenario rerun for each of "+carecast.GroupThousands(itoa(sim.Runs))+" draws of every risk factor from its distribution "+
		"(HM Treasury Green Book: Monte Carlo analysis). The blue figures are carecast's, taken over the runs, which this workbook does not hold; "+
		"percentiles are as Excel's PERCENTILE.INC computes them. Savings and NPV are over the whole horizon ("+carecast.YearsText(sim.Years)+"); "+
		"a loss is a run whose savings are negative. The forecast is the scenario as given.", roleText)
	rw.endAt(2)
	b.writeLegend(rw)
}

// riskSimulation writes the runs, the seed and the runs with a loss.
func (b *book) riskSimulation(rw *rowWriter) {
	sim, st := b.ap.Simulation, b.st
	kit := b.riskKit()
	rw.text(1, "The simulation", roleSection)
	rw.endAt(riskRuns - 2)
	rw.headings(riskRuns-1, "Figure", "Unit", "Value", "Note")
	rw.text(1, "Runs", roleText)
	rw.text(2, "runs", roleText)
	rw.cell(3, kit.ints, "", float64(sim.Runs))
	rw.endAt(riskRuns)
	rw.text(1, "Seed", roleText)
	if sim.Seed <= 1<<53 {
		rw.cell(3, kit.ints, "", float64(sim.Seed))
	} else { // beyond what a double holds exactly: its digits
		rw.any(3, st.id(roleImport, fmtGeneral), "", "seed "+strconv.FormatUint(sim.Seed, 10))
	}
	rw.text(4, "the same seed gives the same figures", roleText)
	rw.endAt(riskSeed)
	rw.text(1, "Runs in which the consortium's savings were negative", roleText)
	rw.text(2, "runs", roleText)
	rw.cell(3, kit.ints, "", float64(sim.Losses))
	rw.endAt(riskLosses)
	rw.text(1, "Probability that savings are negative (runs with a loss / runs)", roleText)
	rw.text(2, "%", roleText)
	rw.cell(3, kit.rate, "C"+itoa(riskLosses)+"/"+kit.runs, kit.share(sim.Losses))
	rw.endAt(riskProb)
}

// riskConsortium writes the consortium's percentiles of savings and NPV.
func (b *book) riskConsortium(rw *rowWriter) {
	sim := b.ap.Simulation
	kit := b.riskKit()
	rw.text(1, "The consortium, whole horizon", roleSection)
	rw.endAt(riskHead - 1)
	rw.headings(riskHead, "Figure", "Unit", "P10", "P50", "P90", "Mean", "Forecast")
	for _, c := range []struct {
		r        int
		label    string
		p        carecast.Percentiles
		forecast carecast.Money
	}{
		{riskSav, carecast.LabelSavings, sim.Savings, sim.Forecast.Savings},
		{riskNPV, carecast.LabelNPV, sim.NPV, sim.Forecast.NPV},
	} {
		rw.text(1, c.label, roleText)
		rw.text(2, "£", roleText)
		for i, m := range []carecast.Money{c.p.P10, c.p.P50, c.p.P90, c.p.Mean, c.forecast} {
			rw.cell(3+i, kit.money, "", penceCell(m.PenceInt()))
		}
		rw.endAt(c.r)
	}
}

// riskCouncils writes each council's percentiles and losses.
func (b *book) riskCouncils(rw *rowWriter) {
	sim, l := b.ap.Simulation, &b.risk
	kit := b.riskKit()
	rw.text(1, "By council, whole horizon (a council's percentiles are of its own figures: they do not add up to the consortium's)", roleSection)
	rw.endAt(riskCHead - 1)
	rw.headings(riskCHead, "Code", "Name", "Savings P10 (£)", "Savings P50 (£)", "Savings P90 (£)", "Savings mean (£)",
		"NPV P10 (£)", "NPV P50 (£)", "NPV P90 (£)", "NPV mean (£)", "Runs with a loss", "Probability of a loss")
	for i, c := range sim.Councils {
		r := l.cFirst + i
		rw.text(1, c.Council.Code, roleText)
		rw.text(2, c.Council.Name, roleText)
		for j, m := range []carecast.Money{c.Savings.P10, c.Savings.P50, c.Savings.P90, c.Savings.Mean,
			c.NPV.P10, c.NPV.P50, c.NPV.P90, c.NPV.Mean} {
			rw.cell(3+j, kit.money, "", penceCell(m.PenceInt()))
		}
		rw.cell(11, kit.ints, "", float64(c.Losses))
		rw.cell(12, kit.rate, "K"+itoa(r)+"/"+kit.runs, kit.share(c.Losses))
		rw.endAt(r)
	}
}

// riskDistributions writes the distribution each factor was drawn from.
func (b *book) riskDistributions(rw *rowWriter) {
	sim, st, l := b.ap.Simulation, b.st, &b.risk
	source := "carecast's defaults: the input has no Risks sheet"
	if b.res.Scenario != nil && len(b.res.Scenario.Risks) > 0 {
		source = "the input's Risks sheet (see Inputs); a factor it does not list is held at no change"
	}
	rw.text(1, "Distributions drawn from ("+source+"). Normal: the mode is the mean, low and high the 5th and 95th percentiles. "+factorNote, roleSection)
	rw.endAt(l.distHead - 1)
	rw.headings(l.distHead, "Factor", "Unit", "Distribution", "Low", "Mode", "High", "What it does")
	for i, r := range sim.Risks {
		f := r.Factor
		val := st.id(roleImport, factorFmt(f))
		rw.text(1, f.String(), roleText)
		rw.text(2, f.Unit().Word(), roleText)
		rw.any(3, st.id(roleImport, fmtGeneral), "", r.Distribution.String())
		rw.cell(4, val, "", decFloat(r.Low))
		rw.cell(5, val, "", decFloat(r.Mode))
		rw.cell(6, val, "", decFloat(r.High))
		rw.text(7, f.Description(), roleText)
		rw.endAt(l.distHead + 1 + i)
	}
}

// riskHistogram writes the histogram of the consortium's savings.
func (b *book) riskHistogram(rw *rowWriter) {
	sim, st, l := b.ap.Simulation, b.st, &b.risk
	kit := b.riskKit()
	h := sim.Histogram
	rw.text(1, "Histogram of the consortium's savings over the horizon: a bin holds the runs from its lower edge up to, "+
		"not including, its upper edge (the last bin includes it)", roleSection)
	rw.endAt(l.histHead - 1)
	rw.headings(l.histHead, "Bin", "From (£)", "To (£)", "Runs", "Share of the runs")
	labels := binLabels(h.Edges)
	total := 0
	for i, k := range h.Counts {
		r := l.histFirst + i
		rw.text(1, labels[i], roleText)
		rw.cell(2, kit.money, "", penceCell(h.Edges[i].PenceInt()))
		rw.cell(3, kit.money, "", penceCell(h.Edges[i+1].PenceInt()))
		rw.cell(4, kit.ints, "", float64(k))
		rw.cell(5, kit.rate, "D"+itoa(r)+"/"+kit.runs, kit.share(k))
		total += k
		rw.endAt(r)
	}
	if len(h.Counts) > 0 {
		rw.text(1, "All runs", roleHeading)
		rw.cell(4, st.id(roleCalc, fmtInt), "SUM(D"+itoa(l.histFirst)+":D"+itoa(l.histLast)+")", float64(total))
		var shares float64
		for _, k := range h.Counts {
			shares += kit.share(k)
		}
		rw.cell(5, kit.rate, "SUM(E"+itoa(l.histFirst)+":E"+itoa(l.histLast)+")", shares)
		rw.endAt(l.histTotal)
	}
}

// riskFan writes the fan of cumulative savings, month by month.
func (b *book) riskFan(rw *rowWriter) {
	sim, st, l := b.ap.Simulation, b.st, &b.risk
	kit := b.riskKit()
	rw.text(1, "Fan: the consortium's cumulative savings at each month end, across the runs (the forecast: the scenario as given)", roleSection)
	rw.endAt(l.fanHead - 1)
	rw.headings(l.fanHead, "Month", "Month end", "Chart axis (each year in its first month)",
		"P10 (£)", "P25 (£)", "P50 (£)", "P75 (£)", "P90 (£)", "Forecast (£)")
	dates := st.id(roleImport, fmtDate)
	axis := st.id(roleAxis, fmtGeneral)
	for i, p := range sim.Fan {
		r := l.fanFirst + i
		rw.cell(1, kit.ints, "", float64(p.Month+1))
		rw.cell(2, dates, "", excelDate(p.End))
		if fy := p.End.FinancialYear(); i == 0 || sim.Fan[i-1].End.FinancialYear() != fy {
			rw.str(3, axis, fy.String())
		}
		for j, m := range []carecast.Money{p.P10, p.P25, p.P50, p.P75, p.P90, p.Forecast} {
			rw.cell(4+j, kit.money, "", penceCell(m.PenceInt()))
		}
		rw.endAt(r)
	}
}

// The Risk sheet's fan columns: D P10 .. H P90, I the forecast.
const (
	riskFanColP10      = 4
	riskFanColForecast = 9
)

// addRiskCharts draws the fan (lines) and the histogram (columns).
func (b *book) addRiskCharts() error {
	sim, l := b.ap.Simulation, &b.risk
	ref := sheetRef(sheetRisk)
	col := func(c, first, last int) string {
		L := "$" + b.cols[c] + "$"
		return ref + L + itoa(first) + ":" + L + itoa(last)
	}
	ink := excelize.Font{Color: "404040"}
	money := moneyAxis
	dim := excelize.ChartDimension{Width: 900, Height: 420}
	if len(sim.Fan) > 0 {
		line := func(c int, colour string, dash excelize.LineDashType, width float64) excelize.ChartSeries {
			return excelize.ChartSeries{Name: ref + "$" + b.cols[c] + "$" + itoa(l.fanHead),
				Categories: col(3, l.fanFirst, l.fanLast), Values: col(c, l.fanFirst, l.fanLast),
				Marker: excelize.ChartMarker{Symbol: "none"},
				// A line series takes its colour from Fill.
				Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{colour}},
				Line: excelize.LineOptions{Width: width, Dash: dash}}
		}
		series := []excelize.ChartSeries{
			line(riskFanColP10, "9DC3E6", excelize.LineDashDash, 1.25),
			line(riskFanColP10+1, "5B9BD5", excelize.LineDashSolid, 1.5),
			line(riskFanColP10+2, "1F3864", excelize.LineDashSolid, 2.25),
			line(riskFanColP10+3, "5B9BD5", excelize.LineDashSolid, 1.5),
			line(riskFanColP10+4, "9DC3E6", excelize.LineDashDash, 1.25),
			line(riskFanColForecast, "C55A11", excelize.LineDashSysDot, 2),
		}
		if err := b.f.AddChart(sheetRisk, l.fanChartAt, &excelize.Chart{Type: excelize.Line, Series: series,
			Title:  chartTitle("Fan: the consortium's cumulative savings by month, P10 to P90 of the runs, and the forecast"),
			XAxis:  excelize.ChartAxis{TickLabelSkip: 1, Alignment: excelize.Alignment{TextRotation: -45}, Font: ink},
			YAxis:  excelize.ChartAxis{NumFmt: money, MajorGridLines: true, Font: ink},
			Legend: excelize.ChartLegend{Position: "right"}, Dimension: dim}); err != nil {
			return err
		}
	}
	if len(sim.Histogram.Counts) > 0 {
		no, gap := false, uint(10)
		if err := b.f.AddChart(sheetRisk, l.histChartAt, &excelize.Chart{Type: excelize.Col, VaryColors: &no, GapWidth: &gap,
			Series: []excelize.ChartSeries{{Name: ref + "$D$" + itoa(l.histHead),
				Categories: col(1, l.histFirst, l.histLast), Values: col(4, l.histFirst, l.histLast),
				Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"2E75B6"}}}},
			Title:  chartTitle("Histogram: runs by the consortium's savings over the horizon"),
			XAxis:  excelize.ChartAxis{TickLabelSkip: 1, Alignment: excelize.Alignment{TextRotation: -45}, Font: ink},
			YAxis:  excelize.ChartAxis{MajorGridLines: true, Font: ink},
			Legend: excelize.ChartLegend{Position: "none"}, Dimension: dim}); err != nil {
			return err
		}
	}
	return nil
}

// binLabels names the histogram's bins by their edges, compactly: "£(2)m
// to £0m", in millions, thousands or pounds as the largest edge needs,
// with the places the bins' width needs.
func binLabels(edges []carecast.Money) []string {
	if len(edges) < 2 {
		return nil
	}
	var biggest, width int64 = 0, math.MaxInt64
	for i, e := range edges {
		biggest = max(biggest, abs64(e.PenceInt()))
		if i > 0 {
			width = min(width, abs64(e.PenceInt()-edges[i-1].PenceInt()))
		}
	}
	// The largest unit the edges reach in which the width needs at most
	// two places.
	width = max(width, 1)
	unit, suffix := int64(100), ""
	for _, u := range []struct {
		pence  int64
		suffix string
	}{{100_000_000, "m"}, {100_000, "k"}} {
		if biggest >= u.pence && width*100 >= u.pence {
			unit, suffix = u.pence, u.suffix
			break
		}
	}
	places := int32(0)
	for w := width; w < unit && places < 2; w *= 10 {
		places++
	}
	text := func(p int64) string {
		s := carecast.GroupThousands(decimal.New(p, 0).Div(decimal.New(unit, 0)).Round(places).Abs().StringFixed(places))
		switch {
		case p < 0 && suffix == "":
			return "(£" + s + ")"
		case p < 0:
			return "£(" + s + ")" + suffix
		}
		return "£" + s + suffix
	}
	out := make([]string, len(edges)-1)
	for i := range out {
		out[i] = text(edges[i].PenceInt()) + " to " + text(edges[i+1].PenceInt())
	}
	return out
}

// --- the Summary's block --------------------------------------------------------------

// writeAppraisalSummary writes the Summary's block on the appraisal from
// the current row on: the spread of the savings and the probability of a loss,
// the factor with the largest swing, and links to both sheets.
func (b *book) writeAppraisalSummary(rw *rowWriter) {
	st := b.st
	rw.text(1, "Appraisal under uncertainty, whole horizon (HM Treasury Green Book)", roleSection)
	rw.end()
	for i, h := range []string{"Figure", "Unit", "Value"} {
		rw.text(i+1, h, roleHeading)
	}
	rw.end()
	link := func(label, sheet, text string) {
		rw.text(1, label, roleText)
		rw.any(3, st.id(roleLink, fmtGeneral), "", text)
		cell := "C" + itoa(rw.row)
		tip := "Go to the " + sheet + " sheet"
		if err := b.f.SetCellHyperLink(sheetSummary, cell, sheetRef(sheet)+"A1", "Location",
			excelize.HyperlinkOpts{Display: &text, Tooltip: &tip}); err != nil && rw.err == nil {
			rw.err = err
		}
		rw.end()
	}
	if b.hasSimulation() {
		sim := b.ap.Simulation
		risk := sheetRef(sheetRisk)
		for _, l := range []struct {
			label, unit, ref string
			nf               numFmt
			v                float64
		}{
			{"Savings, P10 (nine runs in ten do better)", "£", "C" + itoa(riskSav), fmtMoney, penceCell(sim.Savings.P10.PenceInt())},
			{"Savings, P50 (the median run)", "£", "D" + itoa(riskSav), fmtMoney, penceCell(sim.Savings.P50.PenceInt())},
			{"Savings, P90 (one run in ten does better)", "£", "E" + itoa(riskSav), fmtMoney, penceCell(sim.Savings.P90.PenceInt())},
			{"Probability that savings are negative", "%", "C" + itoa(riskProb), fmtRate, float64(sim.Losses) / float64(max(sim.Runs, 1))},
			{"Monte Carlo runs", "runs", "C" + itoa(riskRuns), fmtInt, float64(sim.Runs)},
		} {
			rw.text(1, l.label, roleText)
			rw.text(2, l.unit, roleText)
			rw.cell(3, st.id(roleCalc, l.nf), risk+l.ref, l.v)
			rw.end()
		}
	}
	if b.hasSensitivity() && len(b.ap.Sensitivity.Factors) > 0 {
		top := b.ap.Sensitivity.Factors[0]
		sens := sheetRef(sheetSensitivity)
		first := itoa(b.sens.first)
		rw.text(1, "Factor with the largest swing in savings", roleText)
		rw.any(3, st.id(roleCalc, fmtGeneral), sens+"A"+first, top.Factor.String())
		rw.end()
		rw.text(1, "Its swing, from its low to its high", roleText)
		rw.text(2, "£", roleText)
		rw.cell(3, st.id(roleCalc, fmtMoney), sens+b.cols[sensColSwing]+first,
			penceCell(abs64(top.AtHigh.Savings.PenceInt()-top.AtLow.Savings.PenceInt())))
		rw.end()
	}
	if b.hasSensitivity() {
		link("Each factor at its low and high, switching values, a tornado", sheetSensitivity, "Sensitivity sheet")
	}
	if b.hasSimulation() {
		link("Percentiles by council, the fan of cumulative savings, the histogram", sheetRisk, "Risk sheet")
	}
	rw.skip(1)
}

// --- checks ---------------------------------------------------------------------------

// appraisalChecks tie the appraisal to the forecast: the simulation's
// forecast and the end of its fan are the Timeline's savings, the
// histogram counts every run, and a central case with every mode at no
// change is the forecast.
func (b *book) appraisalChecks() []check {
	var cs []check
	tl, tr := b.tl, &b.lines
	savings := tl.ref + "E" + itoa(tr.savCons.r)
	forecast := tr.savCons.p[0]
	if b.hasSimulation() {
		sim, l := b.ap.Simulation, &b.risk
		risk := sheetRef(sheetRisk)
		cs = append(cs, check{label: "Risk: the simulation's forecast savings are the Timeline's", where: sheetRisk,
			formula: "ABS(" + risk + b.cols[riskColForecast] + itoa(riskSav) + "-" + savings + ")",
			diff:    penceCell(abs64(sim.Forecast.Savings.PenceInt() - forecast))})
		if n := len(sim.Fan); n > 0 {
			cs = append(cs, check{label: "Risk: the fan's forecast ends at the Timeline's savings", where: sheetRisk,
				formula: "ABS(" + risk + b.cols[riskFanColForecast] + itoa(l.fanLast) + "-" + savings + ")",
				diff:    penceCell(abs64(sim.Fan[n-1].Forecast.PenceInt() - forecast))})
		}
		if len(sim.Histogram.Counts) > 0 {
			total := 0
			for _, k := range sim.Histogram.Counts {
				total += k
			}
			cs = append(cs, check{label: "Risk: the histogram counts every run", where: sheetRisk, nf: fmtInt,
				formula: "ABS(" + risk + "D" + itoa(l.histTotal) + "-" + risk + "C" + itoa(riskRuns) + ")",
				diff:    math.Abs(float64(total - sim.Runs))})
		}
	}
	if b.hasSensitivity() && neutralModes(b.ap.Sensitivity.Risks) {
		s := b.ap.Sensitivity
		cs = append(cs, check{label: "Sensitivity: the central case (every mode no change) is the Timeline's savings", where: sheetSensitivity,
			formula: "ABS(" + sheetRef(sheetSensitivity) + "C" + itoa(sensCentralSav) + "-" + savings + ")",
			diff:    penceCell(abs64(s.Central.Savings.PenceInt() - forecast))})
	}
	return cs
}

// neutralModes reports whether every factor's mode leaves the scenario as
// it is, so that the central case is the forecast.
func neutralModes(risks []carecast.Risk) bool {
	for _, r := range risks {
		if !r.Mode.Equal(r.Factor.Neutral()) {
			return false
		}
	}
	return true
}

// appraisalSheets are the sheets of the appraisal the workbook has, in
// order.
func (b *book) appraisalSheets() []string {
	var out []string
	if b.hasSensitivity() {
		out = append(out, sheetSensitivity)
	}
	if b.hasSimulation() {
		out = append(out, sheetRisk)
	}
	return out
}
