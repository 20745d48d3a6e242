package charts

import (
	"encoding/json"
	"errors"
	"fmt"
	"sort"
	"strings"
	"sync"

	"github.com/carecast/carecast"
	"github.com/carecast/carecast/charts/assets"
	"github.com/shopspring/decimal"
)

// The appraisal under uncertainty in charts.html: a section after the
// forecast's charts with a tornado of the sensitivity analysis, a fan of
// the simulated cumulative savings and a histogram of the simulated
// savings. Its charts are drawn by their own fixed script (charts_risk.js)
// from the same JSON data block, so that a page without an appraisal is
// byte for byte what it was before appraisals.
//
// Every amount in a label or tooltip is worked out here from the decimal
// figures and reaches the page as text: the script only shows it.

// The appraisal's charts, in page order. Their ids are fixed and name the
// PNG files of 'carecast charts --png'.
const (
	ChartTornado          = "tornado"
	ChartSavingsFan       = "savings-fan"
	ChartSavingsHistogram = "savings-histogram"
)

// IDsFor are the ids of the charts on the page for an appraisal, in
// page order: IDs, then the tornado when there is a sensitivity
// analysis and the fan and the histogram when there is a simulation.
func IDsFor(ap *carecast.Appraisal) []string {
	ids := append([]string(nil), IDs...)
	if ap == nil {
		return ids
	}
	if ap.Sensitivity != nil {
		ids = append(ids, ChartTornado)
	}
	if ap.Simulation != nil {
		ids = append(ids, ChartSavingsFan, ChartSavingsHistogram)
	}
	return ids
}

// chartsAppraisal is the appraisal section of the page.
type chartsAppraisal struct {
	Intro        []string
	KeyFigures   []chartKeyFigure
	RisksCaption string
	Risks        []chartRiskRow
	Figures      []chartFigure
}

// chartRiskRow is a line of the table of the risks' distributions.
type chartRiskRow struct {
	Name, Varies, Distribution, Low, Mode, High string
}

// chartsRiskPolicy is the Content-Security-Policy of a page with the
// further script (an appraisal, the demand or the sizing charts): its three
// scripts, by hash.
var chartsRiskPolicy = sync.OnceValue(func() string {
	return chartsCSP(assets.ECharts, assets.PageScript, assets.RiskScript)
})

// addAppraisal adds the appraisal's section, charts and script to the
// page; with no appraisal (or an empty one) it leaves the page as it is.
func addAppraisal(page *chartsPage, c *chartContext, ap *carecast.Appraisal) error {
	if ap == nil || (ap.Sensitivity == nil && ap.Simulation == nil) {
		return nil
	}
	sec := &chartsAppraisal{}
	sens, sim := ap.Sensitivity, ap.Simulation
	var builders []func(*chartContext) (chartFigure, chartSpec, error)
	if sens != nil {
		builders = append(builders, func(c *chartContext) (chartFigure, chartSpec, error) { return tornadoChart(c, sens) })
	}
	if sim != nil {
		builders = append(builders,
			func(c *chartContext) (chartFigure, chartSpec, error) { return savingsFanChart(c, sim) },
			func(c *chartContext) (chartFigure, chartSpec, error) { return savingsHistogramChart(c, sim) })
	}
	for _, b := range builders {
		fig, spec, err := b(c)
		if err != nil {
			return err
		}
		sec.Figures = append(sec.Figures, fig)
		page.Data.Appraisal = append(page.Data.Appraisal, spec)
	}

	var parts []string
	if sens != nil {
		parts = append(parts, "each risk on its own at the low and the high end of its range, every other at its central value, with the value at which the savings would fall to zero (a switching value)")
	}
	if sim != nil {
		parts = append(parts, fmt.Sprintf("every risk at once, each drawn at random from its distribution and the model rerun %s (a Monte Carlo simulation, seed %d)",
			chartTimes(sim.Runs), sim.Seed))
	}
	sec.Intro = append(sec.Intro, fmt.Sprintf("How the savings of %s would change if its assumptions turned out otherwise, as HM Treasury's Green Book asks of an appraisal: %s.",
		c.period, strings.Join(parts, "; and ")))
	if sim != nil {
		sec.Intro = append(sec.Intro, fmt.Sprintf("In the simulation the savings over the whole period lie between %s and %s in eight runs out of ten, with a median of %s and a mean of %s; the forecast of the scenario as given is %s. They fall below zero in %s of the runs (%s of %s).",
			sim.Savings.P10.FormatPounds(), sim.Savings.P90.FormatPounds(), sim.Savings.P50.FormatPounds(), sim.Savings.Mean.FormatPounds(),
			sim.Forecast.Savings.FormatPounds(), carecast.RunsPercent(sim.Losses, sim.Runs), chartCount(sim.Losses), chartCount(sim.Runs)))
		sec.KeyFigures = []chartKeyFigure{
			{"Savings, P10", sim.Savings.P10.FormatPounds()},
			{"Savings, median (P50)", sim.Savings.P50.FormatPounds()},
			{"Savings, P90", sim.Savings.P90.FormatPounds()},
			{"Probability of a loss", carecast.RunsPercent(sim.Losses, sim.Runs)},
		}
	}
	risks := []carecast.Risk(nil)
	if sim != nil {
		risks = sim.Risks
	} else {
		risks = sens.Risks
	}
	fb := c.res.FactorBasis()
	for _, r := range risks {
		f := r.Factor
		sec.Risks = append(sec.Risks, chartRiskRow{
			Name: f.Label(), Varies: f.Varies(), Distribution: r.Distribution.String(),
			Low: fb.Value(f, r.Low, false), Mode: fb.Value(f, r.Mode, false), High: fb.Value(f, r.High, false),
		})
	}
	switch {
	case sim != nil && sens != nil:
		sec.RisksCaption = "The risks: the sensitivity analysis tries each at its low and its high; the simulation draws each from its distribution (for a normal distribution the central value is the mean, and low and high are the 5th and 95th percentiles)."
	case sim != nil:
		sec.RisksCaption = "The risks: the simulation draws each from its distribution (for a normal distribution the central value is the mean, and low and high are the 5th and 95th percentiles)."
	default:
		sec.RisksCaption = "The risks: the sensitivity analysis tries each at its low and its high, every other at its central value."
	}
	page.Appraisal = sec
	useFurtherScript(page)
	return nil
}

// chartCount is a whole number with thousands separators: "2,000".
func chartCount(n int) string { return carecast.GroupThousands(fmt.Sprint(n)) }

// chartRuns is "1 run" or "2,000 runs".
func chartRuns(n int) string {
	if n == 1 {
		return "1 run"
	}
	return chartCount(n) + " runs"
}

// chartTimes is "once", "twice" or "2,000 times".
func chartTimes(n int) string {
	switch n {
	case 1:
		return "once"
	case 2:
		return "twice"
	}
	return chartCount(n) + " times"
}

// Colours of the appraisal charts (Okabe-Ito, and tints of its blue that
// differ from each other and from black in greyscale).
const (
	tornadoLowColour  = okabeBlue   // dark in greyscale
	tornadoHighColour = colourOchre // light in greyscale, and hatched
	fanOuterColour    = "#CCE3F3"   // P10 to P90
	fanInnerColour    = "#7FB5DC"   // P25 to P75
	histSavingsColour = okabeBlue
	histLossColour    = okabeVermilion // and hatched
)

// chartHatch is a diagonal hatch over a bar, so that it differs from its
// neighbours in greyscale.
func chartHatch() *ecDecalPattern {
	return &ecDecalPattern{Symbol: "rect", SymbolSize: "1", DashArrayX: []int{1, 0}, DashArrayY: []int{3, 5},
		Rotation: "-0.7853981634", Color: "rgba(0,0,0,0.35)"}
}

// The tornado's legend: what the colours of its bars mean.
const (
	tornadoLowName  = "Risk at its low value"
	tornadoHighName = "Risk at its high value"
)

// tornadoOrder is the factors sorted by swing, the difference between the
// savings at high and at low, largest first; ties keep their order.
func tornadoOrder(fs []carecast.FactorSensitivity) []carecast.FactorSensitivity {
	out := append([]carecast.FactorSensitivity(nil), fs...)
	swing := func(f carecast.FactorSensitivity) decimal.Decimal {
		return f.AtHigh.Savings.Sub(f.AtLow.Savings).Decimal().Abs()
	}
	sort.SliceStable(out, func(i, j int) bool { return swing(out[i]).GreaterThan(swing(out[j])) })
	return out
}

// tornadoEnd is one end of a tornado bar: the savings with the factor at
// its low or its high.
type tornadoEnd struct {
	savings carecast.Money
	high    bool
}

func (e tornadoEnd) style() *ecItemStyle {
	if e.high {
		return &ecItemStyle{Color: tornadoHighColour, Decal: chartHatch()}
	}
	return &ecItemStyle{Color: tornadoLowColour}
}

// tornadoChart: the savings over the horizon with each factor at its low
// and its high, others central, as bars from the central savings, the
// factor with the largest swing at the top.
//
// ECharts has no bar from a base of one's choosing, so each row is a stack
// ("all" strategy, whatever the signs): a transparent base from zero to
// the lowest savings, then the parts below the central savings, then the
// parts above it. Where both ends lie on one side of the centre, the
// nearer end's bar is drawn over the farther one's: the outer part takes
// the farther end's colour, the inner part the nearer's.
func tornadoChart(c *chartContext, sens *carecast.Sensitivity) (chartFigure, chartSpec, error) {
	id := ChartTornado
	rows := tornadoOrder(sens.Factors)
	if len(rows) == 0 {
		return chartFigure{}, chartSpec{}, errors.New("charts: the sensitivity analysis has no factors")
	}
	central := sens.Central.Savings
	o := c.baseOption(id, "Savings with each risk at its low and its high value", legendBottom)
	o.Tooltip = ecTooltip{Trigger: "axis", AxisPointer: &ecAxisPointer{Type: "shadow"}, Confine: true}
	o.Legend.Data = []string{tornadoLowName, tornadoHighName}
	o.Legend.SelectedMode = chartBool(false)

	d := tornadoBars(rows, central, c.res.FactorBasis())
	o.YAxis = []ecAxis{{Type: "category", Data: d.cats, Inverse: true,
		AxisTick: &ecAxisTick{Show: chartBool(false)},
		AxisLine: &ecAxisLine{OnZero: false, LineStyle: &ecLineStyle{Color: "#333333"}},
		AxisLabel: &ecAxisLabel{Interval: chartInt(0), Margin: 12, Rich: map[string]ecRichStyle{
			"name":   {FontSize: 13, FontWeight: "bold", Color: "#000000", LineHeight: 16},
			"range":  {FontSize: 12, Color: "#333333", LineHeight: 15},
			"switch": {FontSize: 12, Color: "#4d4d4d", LineHeight: 15},
		}}}}
	x := valueAxis()
	x.Name = "Savings over the whole period"
	x.NameLocation = "middle"
	x.NameGap = 30
	x.Min, x.Max = tornadoRange(central, rows)
	x.SplitNumber = 8
	x.AxisLabel = &ecAxisLabel{ShowMinLabel: chartBool(false), ShowMaxLabel: chartBool(false), HideOverlap: true}
	x.AxisLine = &ecAxisLine{OnZero: false}
	o.XAxis = []ecAxis{x}
	o.Grid = []ecGrid{{Left: 210, Right: 44, Top: 84, Bottom: 96}}
	o.Legend.Bottom = chartInt(6)

	marks := []ecMarkPoint{{Name: "Central " + central.FormatPounds(), XAxis: chartMoney(central)}}
	if lo, hi := decimal.RequireFromString(string(x.Min)), decimal.RequireFromString(string(x.Max)); lo.Sign() < 0 && hi.Sign() > 0 {
		marks = append(marks, ecMarkPoint{Name: "No savings", XAxis: "0",
			LineStyle: &ecLineStyle{Color: okabeBlack, Width: 1, Type: "solid"}})
	}
	segment := func(sid string, data []any) ecSeries {
		return ecSeries{ID: sid, Name: sid, Type: "bar", Data: data, Stack: "tornado", StackStrategy: "all",
			BarMaxWidth: 34, Label: &ecLabel{Show: true, Color: chartLabelColour, FontWeight: "bold", Distance: 6},
			Emphasis: &ecEmphasis{Disabled: true}}
	}
	key := func(name string, style *ecItemStyle) ecSeries {
		return ecSeries{ID: "key-" + strings.ToLower(strings.ReplaceAll(name, " ", "-")), Name: name, Type: "bar",
			Data: []any{}, Stack: "tornado", StackStrategy: "all", ItemStyle: style}
	}
	o.Series = []ecSeries{
		{ID: "base", Name: "base", Type: "bar", Data: d.base, Stack: "tornado", StackStrategy: "all",
			Silent: true, BarMaxWidth: 34,
			ItemStyle: &ecItemStyle{Color: "transparent", BorderColor: "transparent", BorderWidth: chartInt(0)},
			Emphasis:  &ecEmphasis{Disabled: true}, Tooltip: &ecShow{Show: false},
			MarkLine: &ecMarkLine{
				Silent: true, Symbol: []string{"none", "none"},
				LineStyle: ecLineStyle{Color: okabeBlack, Width: 2, Type: "dashed"},
				Label:     ecLabel{Show: true, Position: "start", Color: chartLabelColour, FontWeight: "bold", TextBorderWidth: chartInt(0)},
				Data:      marks,
			}},
		segment("below-outer", d.belowOuter),
		segment("below-inner", d.belowInner),
		segment("above-inner", d.aboveInner),
		segment("above-outer", d.aboveOuter),
		key(tornadoLowName, tornadoEnd{}.style()),
		key(tornadoHighName, tornadoEnd{high: true}.style()),
	}

	fig := chartFigure{ID: id, Heading: "Which risks matter most", Class: "tornado", Caption: tornadoCaption(rows, central, c.res.FactorBasis())}
	return fig, chartSpec{ID: id, Kind: id, Option: o, Tips: d.tips}, nil
}

// tornadoData are the tornado's rows, largest swing first: each factor's
// category label and tooltip, and the parts of its stacked bar.
type tornadoData struct {
	cats []string
	tips [][]string
	// base is transparent, from zero to the bar's start; the parts below
	// the central savings run farthest first, those above nearest first.
	base, belowOuter, belowInner, aboveInner, aboveOuter []any
}

// tornadoBars works out the tornado's rows for factors in order, around
// the central savings.
func tornadoBars(rows []carecast.FactorSensitivity, central carecast.Money, fb carecast.FactorBasis) tornadoData {
	none := chartTextItem{Value: json.Number("0"), Label: &ecLabel{Show: false}}
	// part is a bar's part that ends at end; its label, beside the bar
	// at position, is text.
	part := func(size carecast.Money, end tornadoEnd, position, text string) chartTextItem {
		if text == "" {
			return chartTextItem{Value: chartMoney(size), ItemStyle: end.style(), Label: &ecLabel{Show: false}}
		}
		return chartTextItem{Value: chartMoney(size), Text: text, ItemStyle: end.style(),
			Label: &ecLabel{Show: true, Position: position}}
	}
	label := carecast.Money.FormatPounds
	var d tornadoData
	for _, f := range rows {
		low := tornadoEnd{savings: f.AtLow.Savings}
		high := tornadoEnd{savings: f.AtHigh.Savings, high: true}
		// The ends below the centre, farthest first, and above it.
		var below, above []tornadoEnd
		for _, e := range []tornadoEnd{low, high} {
			switch e.savings.Cmp(central) {
			case -1:
				below = append(below, e)
			case 1:
				above = append(above, e)
			}
		}
		if len(below) == 2 && below[1].savings.Cmp(below[0].savings) < 0 {
			below[0], below[1] = below[1], below[0]
		}
		if len(above) == 2 && above[0].savings.Cmp(above[1].savings) < 0 {
			above[0], above[1] = above[1], above[0]
		}
		start := central
		if len(below) > 0 {
			start = below[0].savings
		}
		d.base = append(d.base, chartMoney(start))
		switch len(below) {
		case 0:
			d.belowOuter, d.belowInner = append(d.belowOuter, none), append(d.belowInner, none)
		case 1:
			d.belowOuter = append(d.belowOuter, part(central.Sub(below[0].savings), below[0], "left", label(below[0].savings)))
			d.belowInner = append(d.belowInner, none)
		case 2:
			// Too narrow to hold its own label, the inner part shares the
			// outer's, both ends in the bars' order from left to right.
			d.belowOuter = append(d.belowOuter, part(below[1].savings.Sub(below[0].savings), below[0], "left",
				label(below[0].savings)+" / "+label(below[1].savings)))
			d.belowInner = append(d.belowInner, part(central.Sub(below[1].savings), below[1], "", ""))
		}
		switch len(above) {
		case 0:
			d.aboveInner, d.aboveOuter = append(d.aboveInner, none), append(d.aboveOuter, none)
		case 1:
			d.aboveInner = append(d.aboveInner, part(above[0].savings.Sub(central), above[0], "right", label(above[0].savings)))
			d.aboveOuter = append(d.aboveOuter, none)
		case 2:
			d.aboveInner = append(d.aboveInner, part(above[1].savings.Sub(central), above[1], "", ""))
			d.aboveOuter = append(d.aboveOuter, part(above[0].savings.Sub(above[1].savings), above[0], "right",
				label(above[1].savings)+" / "+label(above[0].savings)))
		}
		sw := "savings nil at " + fb.Value(f.Factor, f.Switching.Value, false)
		if !f.Switching.Found {
			sw = "savings never nil in the range"
		}
		d.cats = append(d.cats, fmt.Sprintf("{name|%s}\n{range|%s}\n{switch|%s}",
			f.Factor.Label(), fb.Range(f.Factor, f.Low, f.High), sw))
		d.tips = append(d.tips, []string{
			f.Factor.Label(),
			fmt.Sprintf("With %s: savings %s, NPV %s", fb.Change(f.Factor, f.Low), f.AtLow.Savings.FormatPounds(), f.AtLow.NPV.FormatPounds()),
			fmt.Sprintf("With %s: savings %s, NPV %s", fb.Change(f.Factor, f.High), f.AtHigh.Savings.FormatPounds(), f.AtHigh.NPV.FormatPounds()),
			"Central forecast: savings " + central.FormatPounds(),
			"Swing: " + carecast.MoneyOf(f.AtHigh.Savings.Sub(f.AtLow.Savings).Decimal().Abs()).FormatPounds(),
			"Savings fall to nil at: " + fb.Switching(f),
		})
	}
	return d
}

// tornadoCaption is the tornado's caption: how to read it, and each
// factor's switching value or that it has none within range.
func tornadoCaption(rows []carecast.FactorSensitivity, central carecast.Money, fb carecast.FactorBasis) string {
	var switching, noSwitching []string
	for _, f := range rows {
		if f.Switching.Found {
			switching = append(switching, strings.ToLower(f.Factor.Label())+" "+fb.Switching(f))
		} else {
			noSwitching = append(noSwitching, strings.ToLower(f.Factor.Label()))
		}
	}
	caption := fmt.Sprintf("The savings over the whole period with one risk at the low and at the high end of its range and every other at its central value; the dashed line is the central forecast, %s. The risks that matter most, with the longest bars, are at the top. A switching value is the value of a risk, the others central, at which the savings would fall to zero (HM Treasury Green Book)",
		central.FormatPounds())
	switch {
	case len(switching) > 0 && len(noSwitching) > 0:
		caption += ": " + strings.Join(switching, "; ") + "; for " + chartJoinAnd(noSwitching) + ", none within the range searched."
	case len(switching) > 0:
		caption += ": " + strings.Join(switching, "; ") + "."
	default:
		caption += ": no risk has one within the range searched."
	}
	return caption
}

// tornadoRange is the range of the tornado's axis: the ends of every bar
// and the centre, with room beside them for the labels at the bars' ends,
// a quarter of the axis on the left and a fifth on the right (the labels
// are wide, "(£12,345,678)", the plot narrow), widened to half-steps of a
// round step so that the ends fall between the axis's round ticks.
func tornadoRange(central carecast.Money, rows []carecast.FactorSensitivity) (lo, hi json.Number) {
	min, max := central.Decimal(), central.Decimal()
	for _, f := range rows {
		for _, m := range []carecast.Money{f.AtLow.Savings, f.AtHigh.Savings} {
			min, max = decimal.Min(min, m.Decimal()), decimal.Max(max, m.Decimal())
		}
	}
	span := max.Sub(min)
	if span.Sign() == 0 {
		span = decimal.Max(central.Decimal().Abs().Shift(-1), decimal.NewFromInt(1))
	}
	axis := span.Div(decimal.RequireFromString("0.55"))
	half := chartNiceStep(axis.Div(decimal.NewFromInt(8))).Div(decimal.NewFromInt(2))
	left := min.Sub(axis.Mul(decimal.RequireFromString("0.25"))).Div(half).Floor().Mul(half)
	right := max.Add(axis.Mul(decimal.RequireFromString("0.2"))).Div(half).Ceil().Mul(half)
	return json.Number(left.String()), json.Number(right.String())
}

// chartJoinAnd joins "a", "b" and "c" as "a, b and c".
func chartJoinAnd(xs []string) string {
	if len(xs) <= 1 {
		return strings.Join(xs, "")
	}
	return strings.Join(xs[:len(xs)-1], ", ") + " and " + xs[len(xs)-1]
}

// savingsFanChart: the consortium's cumulative savings month by month
// across the simulated runs: a band from P10 to P90, a darker one from P25
// to P75, the median and the deterministic forecast. Each band is a stack
// ("all" strategy, whatever the signs) of a transparent line at its lower
// edge and its width, filled.
func savingsFanChart(c *chartContext, sim *carecast.Simulation) (chartFigure, chartSpec, error) {
	id := ChartSavingsFan
	if len(sim.Fan) != len(c.res.Months) {
		return chartFigure{}, chartSpec{}, fmt.Errorf("charts: the simulation's fan has %d months, the forecast %d", len(sim.Fan), len(c.res.Months))
	}
	o := c.baseOption(id, fmt.Sprintf("Cumulative savings in %s simulated runs, %s", chartCount(sim.Runs), c.period), legendBottom)
	o.XAxis = []ecAxis{c.monthAxis()}
	o.XAxis[0].AxisLine = &ecAxisLine{OnZero: false}
	n := len(sim.Fan)
	p10, outer, p25, inner := make([]any, n), make([]any, n), make([]any, n), make([]any, n)
	p50, forecast := make([]any, n), make([]any, n)
	tips := make([][]string, n)
	negative := false
	for m, p := range sim.Fan {
		p10[m], outer[m] = chartMoney(p.P10), chartMoney(p.P90.Sub(p.P10))
		p25[m], inner[m] = chartMoney(p.P25), chartMoney(p.P75.Sub(p.P25))
		p50[m], forecast[m] = chartMoney(p.P50), chartMoney(p.Forecast)
		if p.P10.Sign() < 0 || p.Forecast.Sign() < 0 {
			negative = true
		}
		tips[m] = []string{
			"Savings to " + p.End.Long(),
			"P90: " + p.P90.FormatPounds(),
			"P75: " + p.P75.FormatPounds(),
			"Median (P50): " + p.P50.FormatPounds(),
			"P25: " + p.P25.FormatPounds(),
			"P10: " + p.P10.FormatPounds(),
			"Forecast: " + p.Forecast.FormatPounds(),
		}
	}
	o.Grid[0].Left = chartLabelWidth(p10, outer, p50, forecast)
	o.Grid[0].Right = 32
	hidden := func(sid, stack string, data []any) ecSeries {
		return ecSeries{ID: sid, Name: sid, Type: "line", Data: data, Stack: stack, StackStrategy: "all",
			Symbol: "none", Silent: true,
			ItemStyle: &ecItemStyle{Color: "transparent"},
			LineStyle: &ecLineStyle{Color: "transparent", Width: 0, Opacity: "0"},
			Emphasis:  &ecEmphasis{Disabled: true}, Tooltip: &ecShow{Show: false}}
	}
	band := func(sid, stack, colour string, data []any) ecSeries {
		return ecSeries{ID: sid, Name: sid, Type: "line", Data: data, Stack: stack, StackStrategy: "all",
			Symbol: "none", Silent: true,
			ItemStyle: &ecItemStyle{Color: colour},
			LineStyle: &ecLineStyle{Color: colour, Width: 1},
			AreaStyle: &ecAreaStyle{Color: colour, Opacity: "1"},
			Emphasis:  &ecEmphasis{Disabled: true}}
	}
	const (
		outerName = "P10 to P90"
		innerName = "P25 to P75"
		p50Name   = "Median (P50)"
		fcName    = "Forecast as given"
	)
	median := ecSeries{ID: "p50", Name: p50Name, Type: "line", Data: p50, Symbol: "none", Z: 3,
		ItemStyle: &ecItemStyle{Color: okabeBlack},
		LineStyle: &ecLineStyle{Color: okabeBlack, Width: 3, Type: "solid"},
		Emphasis:  &ecEmphasis{Disabled: true}}
	if negative {
		median.MarkLine = &ecMarkLine{
			Silent: true, Symbol: []string{"none", "none"},
			LineStyle: ecLineStyle{Color: okabeBlack, Width: 1, Type: "solid"},
			Label:     ecLabel{Show: true, Position: "insideStartTop", Color: chartLabelColour, TextBorderWidth: chartInt(0)},
			Data:      []ecMarkPoint{{Name: "No savings", YAxis: "0"}},
		}
	}
	// The bands' keys in the legend: a line's key is a line, a band's a
	// block of its colour, which an empty bar series gives.
	key := func(sid, name, colour string) ecSeries {
		return ecSeries{ID: sid, Name: name, Type: "bar", Data: []any{}, ItemStyle: &ecItemStyle{Color: colour}}
	}
	o.Series = []ecSeries{
		hidden("p10", "outer", p10),
		band("outer", "outer", fanOuterColour, outer),
		hidden("p25", "inner", p25),
		band("inner", "inner", fanInnerColour, inner),
		key("key-outer", outerName, fanOuterColour),
		key("key-inner", innerName, fanInnerColour),
		median,
		{ID: "forecast", Name: fcName, Type: "line", Data: forecast, Symbol: "none", Z: 4,
			ItemStyle: &ecItemStyle{Color: okabeVermilion},
			LineStyle: &ecLineStyle{Color: okabeVermilion, Width: 3, Type: []int{10, 5}},
			Emphasis:  &ecEmphasis{Disabled: true}},
	}
	o.Legend.Data = []string{outerName, innerName, p50Name, fcName}
	o.Legend.SelectedMode = chartBool(false)

	last := sim.Fan[n-1]
	caption := fmt.Sprintf("The consortium's savings to date at the end of each month across the %s runs of the simulation: the savings lie in the dark band (P25 to P75) in half of the runs and in the light band (P10 to P90) in eight out of ten. The black line is the median run and the dashed line the forecast of the scenario as given.",
		chartCount(sim.Runs))
	switch last.Forecast.Cmp(last.P50) {
	case 1:
		caption += " The forecast ends above the median: the risks lean towards lower savings than forecast."
	case -1:
		caption += " The forecast ends below the median: the risks lean towards higher savings than forecast."
	}
	fig := chartFigure{ID: id, Heading: "Range of cumulative savings", Caption: caption}
	return fig, chartSpec{ID: id, Kind: id, Option: o, Tips: tips}, nil
}

// chartNiceStep is the least of 1, 2 or 5 x 10^k pounds at least raw, and
// at least £1.
func chartNiceStep(raw decimal.Decimal) decimal.Decimal {
	step := decimal.NewFromInt(1)
	factors := []decimal.Decimal{decimal.NewFromInt(2), decimal.RequireFromString("2.5"), decimal.NewFromInt(2)}
	for i := 0; step.LessThan(raw); i++ {
		step = step.Mul(factors[i%3])
	}
	return step
}

// savingsHistogramChart: how many runs of the simulation came to each
// band of savings over the horizon, the bands below zero (a loss) in their
// own hatched colour, with the zero line and P10, P50 and P90 marked.
func savingsHistogramChart(c *chartContext, sim *carecast.Simulation) (chartFigure, chartSpec, error) {
	id := ChartSavingsHistogram
	h := sim.Histogram
	if len(h.Counts) == 0 || len(h.Edges) != len(h.Counts)+1 {
		return chartFigure{}, chartSpec{}, fmt.Errorf("charts: the simulation's histogram has %d edges for %d bins", len(h.Edges), len(h.Counts))
	}
	total := 0
	for _, k := range h.Counts {
		total += k
	}
	if total <= 0 {
		return chartFigure{}, chartSpec{}, errors.New("charts: the simulation's histogram counts no runs")
	}
	o := c.baseOption(id, fmt.Sprintf("Savings, %s, in %s simulated runs", c.period, chartCount(sim.Runs)), legendBottom)
	o.Tooltip = ecTooltip{Trigger: "item", Confine: true}
	o.Legend.SelectedMode = chartBool(false)

	axisMin, axisMax, step := histogramAxis(h)
	x := valueAxis()
	x.Min, x.Max, x.Interval = json.Number(axisMin.String()), json.Number(axisMax.String()), json.Number(step.String())
	x.SplitLine = &ecSplitLine{Show: false}
	x.AxisLabel = &ecAxisLabel{HideOverlap: true}
	x.AxisLine = &ecAxisLine{OnZero: false}
	o.XAxis = []ecAxis{x}
	o.YAxis[0].Name = "Runs"
	o.YAxis[0].NameGap = 12
	o.YAxis[0].MinInterval = "1"
	o.Grid[0].Left = 64
	o.Grid[0].Right = 40
	o.Grid[0].Bottom = 76

	savings, losses, tips, anyLoss := histogramBins(h, total)
	marks := histogramMarks(sim, axisMin, axisMax)
	bars := func(sid, name, colour string, decal *ecDecalPattern, data []any) ecSeries {
		return ecSeries{ID: sid, Name: name, Type: "bar", Data: data, BarWidth: "100%", BarGap: "-100%",
			ItemStyle: &ecItemStyle{Color: colour, BorderColor: "#ffffff", BorderWidth: chartInt(1), Decal: decal},
			Emphasis:  &ecEmphasis{Disabled: true}}
	}
	save := bars("savings", "Runs with savings", histSavingsColour, nil, savings)
	save.MarkLine = &ecMarkLine{
		Silent: true, Symbol: []string{"none", "none"},
		LineStyle: ecLineStyle{Color: okabeBlack, Width: 2, Type: "solid"},
		Label:     ecLabel{Show: true, Position: "end", Color: chartLabelColour, TextBorderWidth: chartInt(0)},
		Data:      marks,
	}
	o.Series = []ecSeries{save}
	if anyLoss {
		o.Series = append(o.Series, bars("losses", "Runs with a loss", histLossColour, chartHatch(), losses))
	}

	caption := histogramCaption(sim)
	fig := chartFigure{ID: id, Heading: "Savings across the simulated runs", Caption: caption}
	return fig, chartSpec{ID: id, Kind: id, Option: o, Tips: tips}, nil
}

// histogramAxis gives the histogram's value axis: round ticks that take
// in every bin, and zero when the bins reach it or lie within their own
// width of it.
func histogramAxis(h carecast.Histogram) (axisMin, axisMax, step decimal.Decimal) {
	lo, hi := h.Edges[0].Decimal(), h.Edges[len(h.Edges)-1].Decimal()
	span := hi.Sub(lo)
	if lo.Sign() > 0 && lo.LessThanOrEqual(span) {
		lo = decimal.Zero
	}
	if hi.Sign() < 0 && hi.Neg().LessThanOrEqual(span) {
		hi = decimal.Zero
	}
	step = chartNiceStep(hi.Sub(lo).Div(decimal.NewFromInt(8)))
	axisMin = lo.Div(step).Floor().Mul(step)
	axisMax = hi.Div(step).Ceil().Mul(step)
	if axisMax.Equal(axisMin) {
		axisMax = axisMin.Add(step)
	}
	return axisMin, axisMax, step
}

// histogramBins splits the bins into savings and losses (a gap in the
// other series) with each bin's tooltip lines.
func histogramBins(h carecast.Histogram, total int) (savings, losses []any, tips [][]string, anyLoss bool) {
	two := decimal.NewFromInt(2)
	savings, losses = make([]any, len(h.Counts)), make([]any, len(h.Counts))
	tips = make([][]string, len(h.Counts))
	for i, k := range h.Counts {
		from, to := h.Edges[i], h.Edges[i+1]
		mid := json.Number(from.Decimal().Add(to.Decimal()).Div(two).String())
		bar := []any{mid, json.Number(fmt.Sprint(k))}
		gap := []any{mid, "-"}
		// A bin is a loss when all of it is below zero; the bins' edges
		// are round, so zero is an edge whenever the bins cross it.
		loss := to.Sign() <= 0 && from.Sign() < 0
		kind := carecast.LabelSavings
		if loss {
			losses[i], savings[i] = bar, gap
			anyLoss = true
			kind = "A loss"
		} else {
			savings[i], losses[i] = bar, gap
		}
		upTo := "up to " + to.FormatPounds()
		if i < len(h.Counts)-1 {
			upTo = "under " + to.FormatPounds()
		}
		tips[i] = []string{
			fmt.Sprintf("%s: from %s %s", kind, from.FormatPounds(), upTo),
			fmt.Sprintf("%s (%s)", chartRuns(k), carecast.RunsPercent(k, total)),
		}
	}
	return savings, losses, tips, anyLoss
}

// histogramMarks gives the zero line (when the axis holds zero) and the
// P10, P50 and P90 lines, percentiles that coincide sharing one.
func histogramMarks(sim *carecast.Simulation, axisMin, axisMax decimal.Decimal) []ecMarkPoint {
	marks := []ecMarkPoint{}
	if axisMin.Sign() <= 0 && axisMax.Sign() >= 0 {
		zero := "Below £0, a loss: " + carecast.RunsPercent(sim.Losses, sim.Runs) + " of runs"
		if sim.Losses == 0 {
			zero = "£0: no run made a loss"
		}
		marks = append(marks, ecMarkPoint{Name: zero, XAxis: "0",
			Label: &ecLabel{Show: true, Position: "insideEndTop", Color: chartLabelColour, FontWeight: "bold", TextBorderWidth: chartInt(0)}})
	}
	dashed := &ecLineStyle{Color: "#4d4d4d", Width: 1, Type: "dashed"}
	for _, p := range []struct {
		name string
		at   carecast.Money
	}{{"P10", sim.Savings.P10}, {"P50", sim.Savings.P50}, {"P90", sim.Savings.P90}} {
		// Percentiles that coincide share a line and a label.
		if n := len(marks); n > 0 && marks[n-1].LineStyle == dashed && marks[n-1].XAxis == chartMoney(p.at) {
			marks[n-1].Name += " = " + p.name
			continue
		}
		marks = append(marks, ecMarkPoint{Name: p.name, XAxis: chartMoney(p.at), LineStyle: dashed})
	}
	return marks
}

// histogramCaption says what the histogram shows and the chance of a loss.
func histogramCaption(sim *carecast.Simulation) string {
	caption := fmt.Sprintf("How many of the %s runs of the simulation came to each band of savings over the whole period; the dashed lines mark P10, the median (P50) and P90.",
		chartCount(sim.Runs))
	switch {
	case sim.Losses == 0:
		caption += " None of the runs made a loss."
	default:
		caption += fmt.Sprintf(" Left of the zero line, hatched, are the runs in which the consortium would lose money: the probability of a loss is %s (%s of %s runs).",
			carecast.RunsPercent(sim.Losses, sim.Runs), chartCount(sim.Losses), chartCount(sim.Runs))
	}
	return caption
}
