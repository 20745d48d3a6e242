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
	// blocks are the parts that printing keeps on a page (a part longer
	// than a page starts one), end the last row, below the fan's chart:
	// the print area holds the charts.
	blocks [][2]int
	end    int
}

// chartSpan is how many rows a chart of 420 pixels covers, with a row to
// spare: excelize anchors it over 23 rows and part of a 24th.
const chartSpan = 25

// planRisk lays out the Risk sheet: the rows of the councils, the
// distributions, the histogram and the fan, and where the charts go.
func (b *book) planRisk() {
	sim := b.ap.Simulation
	l := &b.plan.risk
	l.cFirst = riskCHead + 1
	l.cLast = l.cFirst + len(sim.Councils) - 1
	l.distHead = max(l.cLast, riskCHead) + 3
	l.histHead = l.distHead + int(carecast.NumFactors) + 3
	l.histFirst = l.histHead + 1
	l.histLast = l.histFirst + len(sim.Histogram.Counts) - 1
	l.histTotal = l.histLast + 1
	// Each chart follows its table, in the print area.
	histChart := l.histTotal + 2
	l.fanHead = histChart + chartSpan + 2
	l.fanFirst = l.fanHead + 1
	l.fanLast = l.fanFirst + len(sim.Fan) - 1
	fanChart := l.fanLast + 2
	l.fanChartAt, l.histChartAt = cell(1, fanChart).String(), cell(1, histChart).String()
	l.end = fanChart + chartSpan - 1
	l.blocks = [][2]int{{1, riskNPV + 1}, {riskCHead - 1, max(l.cLast, riskCHead) + 1},
		{l.distHead - 1, l.histHead - 2}, {l.histHead - 1, histChart + chartSpan},
		{l.fanHead - 1, l.fanLast}, {fanChart, l.end}}
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
	rw.blocks = append(rw.blocks, b.plan.risk.blocks...)
	rw.lastRow = max(rw.lastRow, b.plan.risk.end)
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
		runs: cell(3, riskRuns).abs().String(), nRuns: b.ap.Simulation.Runs}
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
	rw.headings(riskRuns-1, carecast.LabelFigure, carecast.LabelUnit, carecast.LabelValue, carecast.LabelNote)
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
	rw.cell(3, kit.rate, cell(3, riskLosses).String()+"/"+kit.runs, kit.share(sim.Losses))
	rw.endAt(riskProb)
}

// riskConsortium writes the consortium's percentiles of savings and NPV.
func (b *book) riskConsortium(rw *rowWriter) {
	sim := b.ap.Simulation
	kit := b.riskKit()
	rw.text(1, "The consortium, whole horizon", roleSection)
	rw.endAt(riskHead - 1)
	rw.headings(riskHead, carecast.LabelFigure, carecast.LabelUnit, "P10", "P50", "P90", "Mean", "Forecast")
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
	sim, l := b.ap.Simulation, &b.plan.risk
	kit := b.riskKit()
	rw.text(1, "By council, whole horizon (a council's percentiles are of its own figures: they do not add up to the consortium's)", roleSection)
	rw.endAt(riskCHead - 1)
	rw.headings(riskCHead, carecast.LabelCode, carecast.LabelName, carecast.LabelSavingsP10+" (£)", carecast.LabelSavingsP50+" (£)", carecast.LabelSavingsP90+" (£)", "Savings mean (£)",
		carecast.LabelNPVP10+" (£)", carecast.LabelNPVP50+" (£)", carecast.LabelNPVP90+" (£)", "NPV mean (£)", "Runs with a loss", "Probability of a loss")
	for i, c := range sim.Councils {
		r := l.cFirst + i
		rw.text(1, c.Council.Code, roleText)
		rw.text(2, c.Council.Name, roleText)
		for j, m := range []carecast.Money{c.Savings.P10, c.Savings.P50, c.Savings.P90, c.Savings.Mean,
			c.NPV.P10, c.NPV.P50, c.NPV.P90, c.NPV.Mean} {
			rw.cell(3+j, kit.money, "", penceCell(m.PenceInt()))
		}
		rw.cell(11, kit.ints, "", float64(c.Losses))
		rw.cell(12, kit.rate, cell(11, r).String()+"/"+kit.runs, kit.share(c.Losses))
		rw.endAt(r)
	}
}

// riskDistributions writes the distribution each factor was drawn from.
func (b *book) riskDistributions(rw *rowWriter) {
	sim, st, l := b.ap.Simulation, b.st, &b.plan.risk
	source := "carecast's defaults: the input has no Risks sheet"
	if b.res.Scenario != nil && len(b.res.Scenario.Risks) > 0 {
		source = "the input's Risks sheet (see Inputs); a factor it does not list is held at no change"
	}
	rw.text(1, "Distributions drawn from ("+source+"). Normal: the mode is the mean, low and high the 5th and 95th percentiles. "+factorNote, roleSection)
	rw.endAt(l.distHead - 1)
	rw.headings(l.distHead, "Factor", carecast.LabelUnit, "Distribution", "Low", "Mode", "High", "What it does")
	for i, r := range sim.Risks {
		f := r.Factor
		val := st.id(roleImport, factorFmt(f))
		rw.text(1, factorName(f), roleText)
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
	sim, st, l := b.ap.Simulation, b.st, &b.plan.risk
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
		rw.cell(5, kit.rate, cell(4, r).String()+"/"+kit.runs, kit.share(k))
		total += k
		rw.endAt(r)
	}
	if len(h.Counts) > 0 {
		rw.text(1, "All runs", roleHeading)
		rw.cell(4, st.id(roleCalc, fmtInt), fn("SUM", column(4, l.histFirst, l.histLast)), float64(total))
		var shares float64
		for _, k := range h.Counts {
			shares += kit.share(k)
		}
		rw.cell(5, kit.rate, fn("SUM", column(5, l.histFirst, l.histLast)), shares)
		rw.endAt(l.histTotal)
	}
}

// riskFan writes the fan of cumulative savings, month by month.
func (b *book) riskFan(rw *rowWriter) {
	sim, st, l := b.ap.Simulation, b.st, &b.plan.risk
	kit := b.riskKit()
	rw.text(1, "Fan: the consortium's cumulative savings at each month end, across the runs (the forecast: the scenario as given)", roleSection)
	rw.endAt(l.fanHead - 1)
	rw.headings(l.fanHead, carecast.LabelMonth, "Month end", "Chart axis (each year in its first month)",
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
	sim, l := b.ap.Simulation, &b.plan.risk
	col := func(c, first, last int) string { return column(c, first, last).abs().on(sheetRisk).String() }
	ink := excelize.Font{Color: "404040"}
	money := moneyAxis
	dim := excelize.ChartDimension{Width: 900, Height: 420}
	if len(sim.Fan) > 0 {
		line := func(c int, colour string, dash excelize.LineDashType, width float64) excelize.ChartSeries {
			return excelize.ChartSeries{Name: cell(c, l.fanHead).abs().on(sheetRisk).String(),
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
			Series: []excelize.ChartSeries{{Name: cell(4, l.histHead).abs().on(sheetRisk).String(),
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

// --- checks ---------------------------------------------------------------------------

// appraisalChecks tie the appraisal to the forecast: the simulation's
// forecast and the end of its fan are the Timeline's savings, the
// histogram counts every run, and a central case with every mode at no
// change is the forecast.
func (b *book) appraisalChecks() []check {
	var cs []check
	tl, tr := b.plan.tl, &b.plan.lines
	savings := b.ref(tl, tr.savCons, 0).String()
	forecast := tr.savCons.p[0]
	if b.hasSimulation() {
		sim, l := b.ap.Simulation, &b.plan.risk
		risk := func(col, r int) string { return cell(col, r).on(sheetRisk).String() }
		cs = append(cs, check{label: "Risk: the simulation's forecast savings are the Timeline's", where: sheetRisk,
			formula: fn("ABS", risk(riskColForecast, riskSav)+"-"+savings),
			diff:    penceCell(abs64(sim.Forecast.Savings.PenceInt() - forecast))})
		if n := len(sim.Fan); n > 0 {
			cs = append(cs, check{label: "Risk: the fan's forecast ends at the Timeline's savings", where: sheetRisk,
				formula: fn("ABS", risk(riskFanColForecast, l.fanLast)+"-"+savings),
				diff:    penceCell(abs64(sim.Fan[n-1].Forecast.PenceInt() - forecast))})
		}
		if len(sim.Histogram.Counts) > 0 {
			total := 0
			for _, k := range sim.Histogram.Counts {
				total += k
			}
			cs = append(cs, check{label: "Risk: the histogram counts every run", where: sheetRisk, nf: fmtInt,
				formula: fn("ABS", risk(4, l.histTotal)+"-"+risk(3, riskRuns)),
				diff:    math.Abs(float64(total - sim.Runs))})
		}
	}
	if b.hasSensitivity() && neutralModes(b.ap.Sensitivity.Risks) {
		s := b.ap.Sensitivity
		cs = append(cs, check{label: "Sensitivity: the central case (every mode no change) is the Timeline's savings", where: sheetSensitivity,
			formula: fn("ABS", cell(3, sensCentralSav).on(sheetSensitivity).String()+"-"+savings),
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
