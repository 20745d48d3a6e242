package charts

import (
	"bytes"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"html"
	"io"
	"path/filepath"
	"reflect"
	"regexp"
	"strings"
	"testing"

	"github.com/carecast/carecast"
	"github.com/carecast/carecast/internal/golden"
	"github.com/shopspring/decimal"
)

// appraisalFixture is an appraisal made by hand for chartFixture, so that
// every figure its charts show can be worked out on paper. The central
// savings are the fixture's, £28,205.40.
//
// Sensitivity, given out of order (the chart sorts by swing):
//   - grants 0.8 to 1: £27,205.40 (a fifth of the £5,000 grant lost) and
//     £28,205.40; swing £1,000.00; no switching value.
//   - occupancy 0.8 to 1.05: -£4,794.60 and £31,000.00; swing £35,794.60;
//     switching value 0.85.
//   - block_price 0.95 to 1.10: £40,205.40 and £4,205.40 (dearer rooms,
//     lower savings); swing £36,000.00; switching value 1.1175.
//   - ramp_delay 0 to 6 months: £28,205.40 (no delay: the centre) and
//     £20,000.00; swing £8,205.40; no switching value.
//   - spot_inflation -0.02 to +0.03: £20,000.00 and £25,000.00, both below
//     the centre; swing £5,000.00; switching value -0.064971.
//
// Simulation of 20 runs, seed 7: month m (0 to 23) has the forecast's
// cumulative savings F(m) (£800.15 a month for six months, then £1,300.25),
// a median of F(m) - 100(m+1), P10 700(m+1) below the median, P25 300(m+1)
// below, P75 100(m+1) above and P90 150(m+1) above. The histogram has nine
// bins of £4,000 from -£4,000 to £32,000 counting 1, 1, 1, 1, 2, 3, 5, 4
// and 2 runs: one loss in 20, 5.0%.
func appraisalFixture() *carecast.Appraisal {
	d := decimal.RequireFromString
	m := carecast.MustMoney
	risk := func(f carecast.Factor, lo, mode, hi string) carecast.Risk {
		return carecast.Risk{Factor: f, Distribution: carecast.Triangular, Low: d(lo), Mode: d(mode), High: d(hi)}
	}
	risks := []carecast.Risk{
		risk(carecast.FactorOccupancy, "0.8", "1", "1.05"),
		risk(carecast.FactorSpotPrice, "1", "1", "1"),
		risk(carecast.FactorSpotInflation, "-0.02", "0", "0.03"),
		risk(carecast.FactorBlockPrice, "0.95", "1", "1.10"),
		risk(carecast.FactorBlockUplift, "0", "0", "0"),
		risk(carecast.FactorRampDelay, "0", "0", "6"),
		risk(carecast.FactorGrants, "0.8", "1", "1"),
	}
	factor := func(f carecast.Factor, lo, hi, atLo, atHi, sw string) carecast.FactorSensitivity {
		fs := carecast.FactorSensitivity{Factor: f, Risk: risks[f], Low: d(lo), High: d(hi),
			AtLow: carecast.Outcome{Savings: m(atLo), NPV: m(atLo).Sub(m("700.00"))}, AtHigh: carecast.Outcome{Savings: m(atHi), NPV: m(atHi).Sub(m("700.00"))}}
		fs.Swing = carecast.MoneyOf(fs.AtHigh.Savings.Sub(fs.AtLow.Savings).Decimal().Abs())
		if sw != "" {
			fs.Switching = carecast.SwitchingValue{Found: true, Value: d(sw)}
		}
		return fs
	}
	sens := &carecast.Sensitivity{
		Scenario: "Fixture scenario", Years: 2, Risks: risks,
		Central: carecast.Outcome{Savings: m("28205.40"), NPV: m("27500.49")},
		Factors: []carecast.FactorSensitivity{
			factor(carecast.FactorGrants, "0.8", "1", "27205.40", "28205.40", ""),
			factor(carecast.FactorOccupancy, "0.8", "1.05", "-4794.60", "31000.00", "0.85"),
			factor(carecast.FactorBlockPrice, "0.95", "1.10", "40205.40", "4205.40", "1.1175"),
			factor(carecast.FactorRampDelay, "0", "6", "28205.40", "20000.00", ""),
			factor(carecast.FactorSpotInflation, "-0.02", "0.03", "20000.00", "25000.00", "-0.064971"),
		},
	}
	sim := &carecast.Simulation{
		Scenario: "Fixture scenario", Years: 2, Runs: 20, Seed: 7, Risks: risks,
		Forecast: carecast.Outcome{Savings: m("28205.40"), NPV: m("27500.49")},
		Savings:  carecast.Percentiles{P10: m("9100.00"), P50: m("23500.00"), P90: m("29000.00"), Mean: m("21000.00")},
		NPV:      carecast.Percentiles{P10: m("8000.00"), P50: m("22000.00"), P90: m("28000.00"), Mean: m("20000.00")},
		Losses:   1,
		Histogram: carecast.Histogram{
			Counts: []int{1, 1, 1, 1, 2, 3, 5, 4, 2},
		},
	}
	for e := -4000; e <= 32000; e += 4000 {
		sim.Histogram.Edges = append(sim.Histogram.Edges, carecast.Pounds(int64(e)))
	}
	start := carecast.Date{Year: 2023, Month: 4, Day: 1}
	var f carecast.Money
	for i := 0; i < 24; i++ {
		if i < 6 {
			f = f.Add(m("800.15"))
		} else {
			f = f.Add(m("1300.25"))
		}
		k := int64(i + 1)
		p50 := f.Sub(carecast.Pounds(100 * k))
		sim.Fan = append(sim.Fan, carecast.FanPoint{
			Month: i, End: start.AddMonths(i + 1).AddDays(-1),
			P10: p50.Sub(carecast.Pounds(700 * k)), P25: p50.Sub(carecast.Pounds(300 * k)), P50: p50,
			P75: p50.Add(carecast.Pounds(100 * k)), P90: p50.Add(carecast.Pounds(150 * k)), Forecast: f,
		})
	}
	return &carecast.Appraisal{Sensitivity: sens, Simulation: sim}
}

func appraisalPage(t *testing.T, ap *carecast.Appraisal) *chartsPage {
	t.Helper()
	page, err := buildChartsPage(appraisalResult(), ap)
	if err != nil {
		t.Fatal(err)
	}
	return page
}

// appraisalResult is chartFixture with the prices the risk factors vary,
// so that a factor's value reads in its own unit: a block price of £2,000
// a week rising 2% a year; spot prices of £3,000 a week rising 5% (Alpha)
// and £3,400 rising 3% (Beta), on average £3,200 rising 4%. Its
// occupancy over the term is 5,482.5 occupied room-days (7.5 a day for
// 731 days) of 8,080 available (3,700 in 2023/24, 4,380 in 2024/25):
// 67.8527...%. Its grants are £5,000.
func appraisalResult() *carecast.Result {
	res := chartFixture("Fixture scenario")
	d := decimal.RequireFromString
	a := &res.Scenario.Assumptions
	a.BlockWeeklyPrice, a.BlockUplift = d("2000"), d("0.02")
	res.Scenario.SpotCosts = []carecast.SpotCost{
		{Council: 0, From: res.Start, WeeklyCost: d("3000"), AnnualInflation: d("0.05")},
		{Council: 1, From: res.Start, WeeklyCost: d("3400"), AnnualInflation: d("0.03")},
	}
	return res
}

func appraisalChart(t *testing.T, page *chartsPage, id string) chartSpec {
	t.Helper()
	for _, c := range page.Data.Appraisal {
		if c.ID == id {
			if c.Kind != id {
				t.Errorf("chart %s: kind %q, want %q", id, c.Kind, id)
			}
			return c
		}
	}
	t.Fatalf("no appraisal chart %s", id)
	return chartSpec{}
}

// itemValues are the values of a series of chartTextItem, and their labels.
func itemValues(t *testing.T, s ecSeries) (values, labels []string) {
	t.Helper()
	for _, v := range s.Data {
		it, ok := v.(chartTextItem)
		if !ok {
			t.Fatalf("series %s: a value of type %T", s.ID, v)
		}
		values = append(values, string(it.Value.(json.Number)))
		labels = append(labels, it.Text)
	}
	return values, labels
}

func seriesByID(t *testing.T, o ecOption, id string) ecSeries {
	t.Helper()
	for _, s := range o.Series {
		if s.ID == id {
			return s
		}
	}
	t.Fatalf("no series %s", id)
	return ecSeries{}
}

func TestAppraisalChartsOnThePage(t *testing.T) {
	full := appraisalFixture()
	for _, c := range []struct {
		name string
		ap   *carecast.Appraisal
		want []string
	}{
		{"no appraisal", nil, nil},
		{"an empty appraisal", &carecast.Appraisal{}, nil},
		{"sensitivity only", &carecast.Appraisal{Sensitivity: full.Sensitivity}, []string{ChartTornado}},
		{"simulation only", &carecast.Appraisal{Simulation: full.Simulation}, []string{ChartSavingsFan, ChartSavingsHistogram}},
		{"both", full, []string{ChartTornado, ChartSavingsFan, ChartSavingsHistogram}},
	} {
		t.Run(c.name, func(t *testing.T) {
			page := appraisalPage(t, c.ap)
			var got []string
			for i, spec := range page.Data.Appraisal {
				got = append(got, spec.ID)
				if fig := page.Appraisal.Figures[i]; fig.ID != spec.ID {
					t.Errorf("figure %d is %s, chart %s", i, fig.ID, spec.ID)
				}
				if spec.Option.Title.Subtext != "Fixture scenario" {
					t.Errorf("%s: subtext %q, want the scenario's name", spec.ID, spec.Option.Title.Subtext)
				}
				if !spec.Option.Toolbox.Feature.SaveAsImage.Show || spec.Option.Animation {
					t.Errorf("%s: no save button, or animated", spec.ID)
				}
				if len(spec.Tips) == 0 {
					t.Errorf("%s: no tooltips", spec.ID)
				}
			}
			if !reflect.DeepEqual(got, c.want) {
				t.Errorf("appraisal charts %v, want %v", got, c.want)
			}
			if want := append(append([]string(nil), IDs...), c.want...); !reflect.DeepEqual(IDsFor(c.ap), want) {
				t.Errorf("IDsFor: %v, want %v", IDsFor(c.ap), want)
			}
			if (page.Appraisal == nil) != (c.want == nil) || (page.RiskScript == "") != (c.want == nil) {
				t.Errorf("section %v, script %d bytes, for charts %v", page.Appraisal != nil, len(page.RiskScript), c.want)
			}
			if len(page.Data.Charts) != len(IDs) {
				t.Errorf("%d forecast charts, want %d", len(page.Data.Charts), len(IDs))
			}
		})
	}
}

// Every figure below is worked out from appraisalFixture's description.
func TestTornadoFigures(t *testing.T) {
	spec := appraisalChart(t, appraisalPage(t, appraisalFixture()), ChartTornado)
	o := spec.Option
	// By swing: block price 36,000.00, occupancy 35,794.60, ramp-up delay
	// 8,205.40, spot inflation 5,000.00, grants 1,000.00. Each in its own
	// unit (appraisalResult): the block price £2,000 x 0.95 = £1,900, x
	// 1.10 = £2,200, x 1.1175 = £2,235 a week; occupancy 67.8527% x 0.8 =
	// 54.3%, x 1.05 = 71.2%, x 0.85 = 57.7%; spot inflation 4% - 2 = 2.00%,
	// + 3 = 7.00%, - 6.4971 = -2.50% a year; grants £5,000 x 0.8 = £4,000.
	wantCats := []string{
		"{name|Block price}\n{range|£1,900 to £2,200 a week}\n{switch|savings nil at £2,235 a week}",
		"{name|Occupancy}\n{range|54.3% to 71.2%}\n{switch|savings nil at 57.7%}",
		"{name|Ramp-up delay}\n{range|on time to 6 months late}\n{switch|savings never nil in the range}",
		"{name|Spot price inflation}\n{range|2.00% to 7.00% a year}\n{switch|savings nil at -2.50% a year}",
		"{name|Grants}\n{range|£4,000 to £5,000}\n{switch|savings never nil in the range}",
	}
	if got := o.YAxis[0].Data; !reflect.DeepEqual(got, wantCats) {
		t.Errorf("rows\n got %q\nwant %q", got, wantCats)
	}
	if !o.YAxis[0].Inverse {
		t.Error("the first row is not at the top")
	}
	// Each row stands on a base at its lowest end; the parts take it to
	// the central £28,205.40 and on to its highest end.
	want := map[string][]string{
		// block price: 4,205.40; occupancy: -4,794.60; ramp: 20,000.00;
		// spot inflation: 20,000.00 (its low, the farther); grants: 27,205.40.
		"base": {"4205.40", "-4794.60", "20000.00", "20000.00", "27205.40"},
		// 28,205.40 - 4,205.40; 28,205.40 + 4,794.60; 28,205.40 - 20,000;
		// 25,000 - 20,000 (low to high, both below); 28,205.40 - 27,205.40.
		"below-outer": {"24000.00", "33000.00", "8205.40", "5000.00", "1000.00"},
		// spot inflation's high, the nearer end: 28,205.40 - 25,000.
		"below-inner": {"0", "0", "0", "3205.40", "0"},
		// block price's low: 40,205.40 - 28,205.40; occupancy's high:
		// 31,000 - 28,205.40.
		"above-inner": {"12000.00", "2794.60", "0", "0", "0"},
		"above-outer": {"0", "0", "0", "0", "0"},
	}
	wantLabels := map[string][]string{
		// Spot inflation's ends are both below the centre: its outer part
		// carries both labels, in the bars' order.
		"below-outer": {"£4,205", "(£4,795)", "£20,000", "£20,000 / £25,000", "£27,205"},
		"below-inner": {"", "", "", "", ""},
		"above-inner": {"£40,205", "£31,000", "", "", ""},
		"above-outer": {"", "", "", "", ""},
	}
	// Which end each part shows: block price's high is below the centre.
	wantColours := map[string][]string{
		"below-outer": {tornadoHighColour, tornadoLowColour, tornadoHighColour, tornadoLowColour, tornadoLowColour},
		"below-inner": {"", "", "", tornadoHighColour, ""},
		"above-inner": {tornadoLowColour, tornadoHighColour, "", "", ""},
	}
	got := map[string][]string{"base": seriesValues(t, seriesByID(t, o, "base"))}
	for id := range wantLabels {
		values, labels := itemValues(t, seriesByID(t, o, id))
		got[id] = values
		if !reflect.DeepEqual(labels, wantLabels[id]) {
			t.Errorf("%s: labels %q, want %q", id, labels, wantLabels[id])
		}
		if w, ok := wantColours[id]; ok {
			var colours []string
			for _, v := range seriesByID(t, o, id).Data {
				it := v.(chartTextItem)
				c := ""
				if it.ItemStyle != nil {
					c = it.ItemStyle.Color
				}
				colours = append(colours, c)
			}
			if !reflect.DeepEqual(colours, w) {
				t.Errorf("%s: colours %v, want %v", id, colours, w)
			}
		}
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("stacks\n got %v\nwant %v", got, want)
	}
	// An independent check: each stack reaches the row's highest end.
	highest := []string{"40205.40", "31000.00", "28205.40", "28205.40", "28205.40"}
	for i := range highest {
		sum := decimal.Zero
		for _, id := range []string{"base", "below-outer", "below-inner", "above-inner", "above-outer"} {
			sum = sum.Add(decimal.RequireFromString(got[id][i]))
		}
		if !sum.Equal(decimal.RequireFromString(highest[i])) {
			t.Errorf("row %d: the stack reaches %s, want %s", i, sum, highest[i])
		}
	}
	for _, s := range o.Series {
		if s.Stack != "tornado" || s.StackStrategy != "all" {
			t.Errorf("%s: stack %q, strategy %q", s.ID, s.Stack, s.StackStrategy)
		}
	}
	// The central line, and the zero line: occupancy's low is a loss.
	ml := seriesByID(t, o, "base").MarkLine
	if ml == nil || len(ml.Data) != 2 || ml.Data[0].XAxis != "28205.40" || ml.Data[0].Name != "Central £28,205" || ml.Data[1].XAxis != "0" {
		t.Errorf("mark lines %+v, want the centre at 28205.40 and zero", ml)
	}
	if got, want := o.Legend.Data, []string{tornadoLowName, tornadoHighName}; !reflect.DeepEqual(got, want) {
		t.Errorf("legend %v, want %v", got, want)
	}
	wantTip := []string{"Block price",
		"With the block price 5% lower than assumed (£1,900 a week): savings £40,205, NPV £39,505",
		"With the block price 10% higher than assumed (£2,200 a week): savings £4,205, NPV £3,505",
		"Central forecast: savings £28,205",
		"Swing: £36,000",
		"Savings fall to nil at: about £2,240 a week"}
	if !reflect.DeepEqual(spec.Tips[0], wantTip) {
		t.Errorf("tooltip\n got %q\nwant %q", spec.Tips[0], wantTip)
	}
	fig := appraisalPage(t, appraisalFixture()).Appraisal.Figures[0]
	for _, want := range []string{"£28,205", "block price about £2,240 a week; occupancy about 57.7%; spot price inflation about -2.50% a year; for ramp-up delay and grants, none within the range searched."} {
		if !strings.Contains(fig.Caption, want) {
			t.Errorf("caption %q lacks %q", fig.Caption, want)
		}
	}
}

// The axis leaves room for the labels: a quarter of it left of the lowest
// end, a fifth right of the highest, widened to half-steps of a round
// step; the zero line is drawn where the axis reaches zero.
func TestTornadoAxis(t *testing.T) {
	t.Run("the fixture", func(t *testing.T) {
		// Ends from -4,794.60 to 40,205.40: span 45,000, axis 45,000 / 0.55
		// = 81,818.18; step 81,818.18 / 8 = 10,227.27 -> 20,000, half
		// 10,000. Left -4,794.60 - 20,454.55 = -25,249.15 -> -30,000;
		// right 40,205.40 + 16,363.64 = 56,569.04 -> 60,000.
		o := appraisalChart(t, appraisalPage(t, appraisalFixture()), ChartTornado).Option
		if x := o.XAxis[0]; x.Min != "-30000" || x.Max != "60000" {
			t.Errorf("axis %s to %s, want -30000 to 60000", x.Min, x.Max)
		}
	})
	t.Run("far from zero", func(t *testing.T) {
		// Central 1,000,000, ends 900,000 and 1,100,000: span 200,000,
		// axis 363,636.36; step 45,454.55 -> 50,000, half 25,000. Left
		// 900,000 - 90,909.09 -> 800,000; right 1,100,000 + 72,727.27 ->
		// 1,175,000. No zero line.
		ap := appraisalFixture()
		ap.Sensitivity.Central.Savings = carecast.Pounds(1000000)
		f := ap.Sensitivity.Factors[2]
		f.AtLow.Savings, f.AtHigh.Savings = carecast.Pounds(1100000), carecast.Pounds(900000)
		ap.Sensitivity.Factors = []carecast.FactorSensitivity{f}
		o := appraisalChart(t, appraisalPage(t, ap), ChartTornado).Option
		if x := o.XAxis[0]; x.Min != "800000" || x.Max != "1175000" {
			t.Errorf("axis %s to %s, want 800000 to 1175000", x.Min, x.Max)
		}
		if ml := seriesByID(t, o, "base").MarkLine; len(ml.Data) != 1 {
			t.Errorf("%d mark lines, want the centre alone", len(ml.Data))
		}
	})
}

func TestFanFigures(t *testing.T) {
	page := appraisalPage(t, appraisalFixture())
	spec := appraisalChart(t, page, ChartSavingsFan)
	o := spec.Option
	last := func(v []string) string { return v[len(v)-1] }
	// April 2023 (m = 0): F = 800.15, median 700.15, P10 0.15, P25 400.15,
	// P75 800.15, P90 850.15. March 2025 (m = 23): F = 6 x 800.15 +
	// 18 x 1,300.25 = 28,205.40; median 25,805.40; P10 9,005.40; P25
	// 18,605.40; P75 28,205.40; P90 29,405.40.
	for _, c := range []struct {
		id          string
		first, last string
	}{
		{"p10", "0.15", "9005.40"},
		{"outer", "850.00", "20400.00"}, // P90 - P10: 850 x 1; 850 x 24
		{"p25", "400.15", "18605.40"},
		{"inner", "400.00", "9600.00"}, // P75 - P25: 400 x 1; 400 x 24
		{"p50", "700.15", "25805.40"},
		{"forecast", "800.15", "28205.40"},
	} {
		v := seriesValues(t, seriesByID(t, o, c.id))
		if len(v) != 24 || v[0] != c.first || last(v) != c.last {
			t.Errorf("%s: %d values, first %s, last %s; want 24, %s, %s", c.id, len(v), v[0], last(v), c.first, c.last)
		}
	}
	for _, id := range []string{"p10", "outer"} {
		if s := seriesByID(t, o, id); s.Stack != "outer" || s.StackStrategy != "all" {
			t.Errorf("%s: stack %q %q", id, s.Stack, s.StackStrategy)
		}
	}
	if s := seriesByID(t, o, "outer"); s.AreaStyle == nil || s.AreaStyle.Color != fanOuterColour {
		t.Error("the P10 to P90 band is not filled")
	}
	if s := seriesByID(t, o, "p10"); s.ItemStyle.Color != "transparent" || s.LineStyle.Opacity != "0" {
		t.Error("the band's lower edge shows")
	}
	if got := o.XAxis[0].Data; len(got) != 24 || got[0] != "Apr 2023" || got[23] != "Mar 2025" {
		t.Errorf("month axis %v", got)
	}
	if seriesByID(t, o, "p50").MarkLine != nil {
		t.Error("a zero line, though no month's P10 is below zero")
	}
	wantTip := []string{"Savings to 31 March 2025", "P90: £29,405", "P75: £28,205", "Median (P50): £25,805",
		"P25: £18,605", "P10: £9,005", "Forecast: £28,205"}
	if !reflect.DeepEqual(last2(spec.Tips), wantTip) {
		t.Errorf("last tooltip\n got %q\nwant %q", last2(spec.Tips), wantTip)
	}
	if cap := page.Appraisal.Figures[1].Caption; !strings.Contains(cap, "20 runs") || !strings.Contains(cap, "ends above the median") {
		t.Errorf("caption %q", cap)
	}

	// A fan below zero gets its zero line.
	ap := appraisalFixture()
	ap.Simulation.Fan[0].P10 = carecast.MustMoney("-0.01")
	o = appraisalChart(t, appraisalPage(t, ap), ChartSavingsFan).Option
	if ml := seriesByID(t, o, "p50").MarkLine; ml == nil || ml.Data[0].YAxis != "0" {
		t.Errorf("no zero line for a P10 below zero: %+v", ml)
	}
}

func last2(tips [][]string) []string { return tips[len(tips)-1] }

func TestHistogramFigures(t *testing.T) {
	page := appraisalPage(t, appraisalFixture())
	spec := appraisalChart(t, page, ChartSavingsHistogram)
	o := spec.Option
	// Bins of £4,000 from -£4,000: midpoints -2,000, 2,000, ..., 30,000.
	// The first is the only loss.
	mids := []string{"-2000", "2000", "6000", "10000", "14000", "18000", "22000", "26000", "30000"}
	counts := []string{"1", "1", "1", "1", "2", "3", "5", "4", "2"}
	for _, c := range []struct {
		id    string
		where func(i int) bool
	}{
		{"savings", func(i int) bool { return i > 0 }},
		{"losses", func(i int) bool { return i == 0 }},
	} {
		s := seriesByID(t, o, c.id)
		if len(s.Data) != 9 {
			t.Fatalf("%s: %d bins, want 9", c.id, len(s.Data))
		}
		for i, v := range s.Data {
			pair := v.([]any)
			mid := decimal.RequireFromString(string(pair[0].(json.Number)))
			if !mid.Equal(decimal.RequireFromString(mids[i])) {
				t.Errorf("%s bin %d: at %s, want %s", c.id, i, mid, mids[i])
			}
			want := any("-")
			if c.where(i) {
				want = json.Number(counts[i])
			}
			if pair[1] != want {
				t.Errorf("%s bin %d: %v, want %v", c.id, i, pair[1], want)
			}
		}
	}
	// Span 36,000 / 8 = 4,500: ticks every £5,000 from -£5,000 to £35,000.
	x := o.XAxis[0]
	if x.Min != "-5000" || x.Max != "35000" || x.Interval != "5000" {
		t.Errorf("axis %s to %s every %s, want -5000 to 35000 every 5000", x.Min, x.Max, x.Interval)
	}
	ml := seriesByID(t, o, "savings").MarkLine
	var marks []string
	for _, p := range ml.Data {
		marks = append(marks, p.Name+"@"+string(p.XAxis))
	}
	if want := []string{"Below £0, a loss: 5.0% of runs@0", "P10@9100.00", "P50@23500.00", "P90@29000.00"}; !reflect.DeepEqual(marks, want) {
		t.Errorf("mark lines %q, want %q", marks, want)
	}
	for i, want := range map[int][]string{
		0: {"A loss: from (£4,000) under £0", "1 run (5.0%)"},
		6: {"Savings: from £20,000 under £24,000", "5 runs (25.0%)"},
		8: {"Savings: from £28,000 up to £32,000", "2 runs (10.0%)"},
	} {
		if !reflect.DeepEqual(spec.Tips[i], want) {
			t.Errorf("bin %d tooltip %q, want %q", i, spec.Tips[i], want)
		}
	}
	if cap := page.Appraisal.Figures[2].Caption; !strings.Contains(cap, "the probability of a loss is 5.0% (1 of 20 runs)") {
		t.Errorf("caption %q does not give the probability of a loss", cap)
	}

	// Without losses there is no loss series, and the caption says so.
	ap := appraisalFixture()
	ap.Simulation.Histogram.Edges = ap.Simulation.Histogram.Edges[1:]
	ap.Simulation.Histogram.Counts = ap.Simulation.Histogram.Counts[1:]
	ap.Simulation.Losses = 0
	page = appraisalPage(t, ap)
	o = appraisalChart(t, page, ChartSavingsHistogram).Option
	if len(o.Series) != 1 {
		t.Errorf("%d series, want the savings alone", len(o.Series))
	}
	// 0 to 32,000: zero is an edge; 32,000 / 8 = 4,000 -> 5,000.
	if x := o.XAxis[0]; x.Min != "0" || x.Max != "35000" {
		t.Errorf("axis %s to %s, want 0 to 35000", x.Min, x.Max)
	}
	if cap := page.Appraisal.Figures[2].Caption; !strings.Contains(cap, "None of the runs made a loss.") {
		t.Errorf("caption %q", cap)
	}
}

func TestAppraisalSection(t *testing.T) {
	page := appraisalPage(t, appraisalFixture())
	sec := page.Appraisal
	want := []chartKeyFigure{
		{"Savings, P10", "£9,100"}, {"Savings, median (P50)", "£23,500"},
		{"Savings, P90", "£29,000"}, {"Probability of a loss", "5.0%"},
	}
	if !reflect.DeepEqual(sec.KeyFigures, want) {
		t.Errorf("key figures %v, want %v", sec.KeyFigures, want)
	}
	// Every factor but the demand factors, which the built-in (no Demand
	// rows) leaves out.
	if want := int(carecast.NumFactors) - 2; len(sec.Risks) != want {
		t.Fatalf("%d risks, want %d", len(sec.Risks), want)
	}
	// In its own unit: the councils' spot prices rise 4% a year on
	// average (appraisalResult), so -2 to +3 points is 2% to 7% a year.
	if got, want := sec.Risks[2], (chartRiskRow{Name: "Spot price inflation", Varies: "how fast every council's spot price rises each year (shown: their average)",
		Distribution: "triangular", Low: "2.00% a year", Mode: "4.00% a year", High: "7.00% a year"}); got != want {
		t.Errorf("spot inflation row %+v, want %+v", got, want)
	}
	for _, want := range []string{"rerun 20 times (a Monte Carlo simulation, seed 7)", "April 2023 to March 2025"} {
		if !strings.Contains(sec.Intro[0], want) {
			t.Errorf("intro %q lacks %q", sec.Intro[0], want)
		}
	}
	if want := "between £9,100 and £29,000 in eight runs out of ten, with a median of £23,500 and a mean of £21,000; the forecast of the scenario as given is £28,205. They fall below zero in 5.0% of the runs (1 of 20)."; !strings.Contains(sec.Intro[1], want) {
		t.Errorf("intro %q lacks %q", sec.Intro[1], want)
	}
}

func TestChartFactorRange(t *testing.T) {
	d := decimal.RequireFromString
	for _, c := range []struct {
		f      carecast.Factor
		lo, hi string
		want   string
	}{
		{carecast.FactorOccupancy, "0.8", "1.05", "x0.80 to x1.05"},
		{carecast.FactorBlockUplift, "-0.01", "0.02", "-1.0 to +2.0 points"},
		{carecast.FactorSpotInflation, "0", "0.03", "0.0 to +3.0 points"},
		{carecast.FactorRampDelay, "0", "6", "0 to 6 months"},
	} {
		if got := c.f.FormatRange(d(c.lo), d(c.hi)); got != c.want {
			t.Errorf("%s %s to %s: got %q, want %q", c.f, c.lo, c.hi, got, c.want)
		}
	}
}

func TestChartNiceStep(t *testing.T) {
	for _, c := range []struct{ raw, want string }{
		{"0", "1"}, {"0.5", "1"}, {"1", "1"}, {"1.01", "2"}, {"4500", "5000"}, {"5001", "10000"}, {"3500000", "5000000"}, {"2000000", "2000000"},
	} {
		if got := chartNiceStep(decimal.RequireFromString(c.raw)); !got.Equal(decimal.RequireFromString(c.want)) {
			t.Errorf("%s: got %s, want %s", c.raw, got, c.want)
		}
	}
}

func TestAppraisalRefusesMismatches(t *testing.T) {
	for _, c := range []struct {
		name  string
		spoil func(*carecast.Appraisal)
		want  string
	}{
		{"a fan of other months", func(ap *carecast.Appraisal) { ap.Simulation.Fan = ap.Simulation.Fan[:12] }, "fan has 12 months, the forecast 24"},
		{"a histogram without its last edge", func(ap *carecast.Appraisal) {
			ap.Simulation.Histogram.Edges = ap.Simulation.Histogram.Edges[:9]
		}, "histogram has 9 edges for 9 bins"},
		{"no factors", func(ap *carecast.Appraisal) { ap.Sensitivity.Factors = nil }, "no factors"},
	} {
		t.Run(c.name, func(t *testing.T) {
			ap := appraisalFixture()
			c.spoil(ap)
			if _, err := buildChartsPage(chartFixture("X"), ap); err == nil || !strings.Contains(err.Error(), c.want) {
				t.Errorf("got %v, want an error with %q", err, c.want)
			}
		})
	}
}

// Without an appraisal the page is the forecast's alone: no section, no
// appraisal script or style, the same bytes as an empty appraisal gives.
func TestChartsWithoutAppraisalAreUnchanged(t *testing.T) {
	res := chartFixture("Fixture scenario")
	var a, b bytes.Buffer
	if err := Render(&a, res, nil); err != nil {
		t.Fatal(err)
	}
	if err := Render(&b, res, &carecast.Appraisal{}); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(a.Bytes(), b.Bytes()) {
		t.Error("an empty appraisal changes the page")
	}
	for _, s := range []string{"appraisal", "data-appraisal", "tornado", "charts_risk"} {
		if strings.Contains(a.String(), s) {
			t.Errorf("the page without an appraisal holds %q", s)
		}
	}
	if strings.Count(a.String(), "<script") != 3 {
		t.Error("the page without an appraisal does not have its three scripts")
	}
}

// With an appraisal, the policy names the SHA-256 of each of the three
// inline scripts, the appraisal's among them.
func TestAppraisalCSPMatchesScripts(t *testing.T) {
	var b bytes.Buffer
	if err := Render(&b, chartFixture("CSP"), appraisalFixture()); err != nil {
		t.Fatal(err)
	}
	page := b.String()
	csp := regexp.MustCompile(`<meta http-equiv="Content-Security-Policy" content="([^"]*)">`).FindStringSubmatch(page)
	if csp == nil {
		t.Fatal("no Content-Security-Policy")
	}
	policy := html.UnescapeString(csp[1])
	scripts := regexp.MustCompile(`(?s)<script>(.*?)</script>`).FindAllStringSubmatch(page, -1)
	if len(scripts) != 3 {
		t.Fatalf("%d inline scripts, want 3", len(scripts))
	}
	if got := strings.Count(policy, "'sha256-"); got != 3 {
		t.Errorf("%d hashes in the policy, want 3", got)
	}
	for i, s := range scripts {
		sum := sha256.Sum256([]byte(s[1]))
		if h := "'sha256-" + base64.StdEncoding.EncodeToString(sum[:]) + "'"; !strings.Contains(policy, h) {
			t.Errorf("script %d's hash %s is not in the policy", i, h)
		}
	}
}

func TestAppraisalHostileNamesAreEscaped(t *testing.T) {
	var b bytes.Buffer
	if err := Render(&b, chartFixture(hostileScenario, hostileNames...), appraisalFixture()); err != nil {
		t.Fatal(err)
	}
	page := b.String()
	if n := strings.Count(page, "<script"); n != 4 {
		t.Errorf("%d <script elements, want the data block, ECharts, the page script and the appraisal script", n)
	}
	if n := strings.Count(strings.ToLower(page), "</script"); n != 4 {
		t.Errorf("%d </script tags, want 4", n)
	}
	for _, bad := range []string{"<img src=x", "window.pwned=1</script>", "<!-- comment"} {
		if strings.Contains(page, bad) {
			t.Errorf("the page holds %q as markup", bad)
		}
	}
	m := dataBlock.FindStringSubmatch(page)
	if m == nil {
		t.Fatal("no data block")
	}
	if strings.ContainsAny(m[1], "<>") {
		t.Error("the data block holds < or >")
	}
	var data struct {
		Appraisal []struct {
			Option struct {
				Title struct{ Subtext string } `json:"title"`
			} `json:"option"`
		} `json:"appraisal"`
	}
	if err := json.Unmarshal([]byte(m[1]), &data); err != nil {
		t.Fatal(err)
	}
	if len(data.Appraisal) != 3 {
		t.Fatalf("%d appraisal charts in the data block, want 3", len(data.Appraisal))
	}
	for _, c := range data.Appraisal {
		if c.Option.Title.Subtext != hostileScenario {
			t.Errorf("subtext %q, want the name as a string", c.Option.Title.Subtext)
		}
	}
}

func TestAppraisalDeterministic(t *testing.T) {
	render := func() []byte {
		var b bytes.Buffer
		if err := Render(&b, chartFixture("Same"), appraisalFixture()); err != nil {
			t.Fatal(err)
		}
		return b.Bytes()
	}
	if !bytes.Equal(render(), render()) {
		t.Error("two renderings differ")
	}
}

// The options of the fixture with its appraisal, as a golden file: the
// forecast's charts as in charts_fixture.golden.json, then the
// appraisal's, whose figures the tests above check by hand.
func TestChartsAppraisalGolden(t *testing.T) {
	got, err := chartsJSON(appraisalResult(), appraisalFixture())
	if err != nil {
		t.Fatal(err)
	}
	golden.Check(t, filepath.Join("testdata", "charts_appraisal_fixture.golden.json"), got)
}

// degenerateAppraisal is an appraisal in which nothing varies: every
// factor's ends are the centre, every run the forecast (£28,205.40), all of
// them in one £1 bin.
func degenerateAppraisal() *carecast.Appraisal {
	ap := appraisalFixture()
	c := ap.Sensitivity.Central
	for i := range ap.Sensitivity.Factors {
		f := &ap.Sensitivity.Factors[i]
		f.AtLow, f.AtHigh, f.Swing = c, c, carecast.Money{}
		f.Switching = carecast.SwitchingValue{}
	}
	sim := ap.Simulation
	sim.Runs, sim.Losses = 20, 0
	sim.Savings = carecast.Percentiles{P10: c.Savings, P50: c.Savings, P90: c.Savings, Mean: c.Savings}
	sim.Histogram = carecast.Histogram{Edges: []carecast.Money{carecast.Pounds(28205), carecast.Pounds(28206)}, Counts: []int{20}}
	for i := range sim.Fan {
		p := &sim.Fan[i]
		p.P10, p.P25, p.P50, p.P75, p.P90 = p.Forecast, p.Forecast, p.Forecast, p.Forecast, p.Forecast
	}
	return ap
}

func TestDegenerateAppraisal(t *testing.T) {
	page := appraisalPage(t, degenerateAppraisal())
	tornado := appraisalChart(t, page, ChartTornado).Option
	// No span: a tenth of the centre, 2,820.54, over 0.55 = 5,128.25;
	// step 641.03 -> 1,000, half 500. Left 28,205.40 - 1,282.06 ->
	// 26,500; right 28,205.40 + 1,025.65 -> 29,500.
	if x := tornado.XAxis[0]; x.Min != "26500" || x.Max != "29500" {
		t.Errorf("tornado axis %s to %s, want 26500 to 29500", x.Min, x.Max)
	}
	for _, id := range []string{"below-outer", "below-inner", "above-inner", "above-outer"} {
		values, labels := itemValues(t, seriesByID(t, tornado, id))
		for i := range values {
			if values[i] != "0" || labels[i] != "" {
				t.Errorf("%s row %d: %s %q, want an empty part", id, i, values[i], labels[i])
			}
		}
	}
	hist := appraisalChart(t, page, ChartSavingsHistogram).Option
	// One bin from 28,205 to 28,206: span 1, zero far away (28,205 > 1);
	// step 1/8 -> £1. The axis runs 28,205 to 28,206.
	if x := hist.XAxis[0]; x.Min != "28205" || x.Max != "28206" || x.Interval != "1" {
		t.Errorf("histogram axis %s to %s every %s, want 28205 to 28206 every 1", x.Min, x.Max, x.Interval)
	}
	ml := seriesByID(t, hist, "savings").MarkLine
	if len(ml.Data) != 1 || ml.Data[0].Name != "P10 = P50 = P90" || ml.Data[0].XAxis != "28205.40" {
		t.Errorf("mark lines %+v, want one for the three percentiles", ml.Data)
	}
	if fig := page.Appraisal.Figures[0]; !strings.Contains(fig.Caption, "no risk has one within the range searched") {
		t.Errorf("caption %q", fig.Caption)
	}
	if fig := page.Appraisal.Figures[1]; strings.Contains(fig.Caption, "ends above") || strings.Contains(fig.Caption, "ends below") {
		t.Errorf("caption %q: the forecast is the median", fig.Caption)
	}
}

// BenchmarkRenderChartsAppraisal renders charts.html for the built-in
// scenario with its appraisal (a simulation of 2,000 runs: a fan of 96
// months), ECharts and both scripts included.
func BenchmarkRenderChartsAppraisal(b *testing.B) {
	res, ap := builtInResult(b), builtInAppraisal(b)
	b.ReportAllocs()
	for b.Loop() {
		if err := Render(io.Discard, res, ap); err != nil {
			b.Fatal(err)
		}
	}
}

// TestEveryFactorOnThePage: the page's table of risks has every factor of
// the factor table, by its label, with what it varies in plain words (no
// code name such as spot_price) and its values in the assumption's own
// unit.
func TestEveryFactorOnThePage(t *testing.T) {
	ap := appraisalFixture()
	sec := appraisalPage(t, ap).Appraisal
	fb := appraisalResult().FactorBasis()
	for _, r := range ap.Simulation.Risks { // every factor that can move the scenario
		f := r.Factor
		want := chartRiskRow{Name: f.Label(), Varies: f.Varies(), Distribution: r.Distribution.String(),
			Low: fb.Value(f, r.Low, false), Mode: fb.Value(f, r.Mode, false), High: fb.Value(f, r.High, false)}
		if strings.Contains(want.Varies, "_") || strings.Contains(want.Low, "x") {
			t.Errorf("%s reads %q, %q: a code name or a multiple", f.Label(), want.Varies, want.Low)
		}
		found := false
		for _, row := range sec.Risks {
			found = found || row == want
		}
		if !found {
			t.Errorf("no row %+v among %+v", want, sec.Risks)
		}
	}
}
