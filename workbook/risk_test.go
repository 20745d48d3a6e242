package workbook

import (
	"bytes"
	"encoding/json"
	"math"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/carecast/carecast"
	"github.com/carecast/carecast/forecast"
	"github.com/carecast/carecast/inputs"
	"github.com/carecast/carecast/reports"
	"github.com/shopspring/decimal"
)

// The Sensitivity and Risk sheets of the forecast workbook (issue 6).

// builtinAppraisal is the appraisal of the built-in scenario: the
// sensitivity by the exact engine and 2,000 Monte Carlo runs, seed 20190401.
// It is worked out once for every test that uses it.
var builtinAppraisal = func() func(testing.TB) *carecast.Appraisal {
	var once sync.Once
	var ap *carecast.Appraisal
	var err error
	return func(t testing.TB) *carecast.Appraisal {
		t.Helper()
		once.Do(func() {
			s := inputs.BuiltInScenario()
			var sens *carecast.Sensitivity
			var sim *carecast.Simulation
			var res *carecast.Result
			var risks []carecast.Risk
			if res, err = forecast.Run(s); err != nil {
				return
			}
			if risks, err = forecast.ResolveRisks(s); err != nil {
				return
			}
			if sens, err = forecast.Sensitivity(s, res, risks); err != nil {
				return
			}
			if sim, err = forecast.Simulate(s, res, risks, forecast.SimulateOptions{Runs: 2000, Seed: 20190401}); err != nil {
				return
			}
			ap = &carecast.Appraisal{Sensitivity: sens, Simulation: sim}
		})
		if err != nil {
			t.Fatal(err)
		}
		return ap
	}
}()

var d = decimal.RequireFromString

func m(s string) carecast.Money { return carecast.MustMoney(s) }

// keepAppraisal keeps, of the built-in workbook with its appraisal, the
// sheets the appraisal changes or adds (the others are as in builtin.txt)
// and every chart.
func keepAppraisal(sheet string, _ *xcell) bool {
	switch sheet {
	case sheetSummary, sheetChecks, sheetSensitivity, sheetRisk:
		return true
	}
	return false
}

// rowOfLabel is the row whose column A reads label on sheet s.
func rowOfLabel(t *testing.T, s *xsheet, label string) int {
	t.Helper()
	for _, c := range s.cells {
		if c.col == 1 && c.v == label {
			return c.row
		}
	}
	t.Fatalf("%s has no row %q", s.name, label)
	return 0
}

// at is the cell of sheet s in column col (1-based) and row r.
func at(s *xsheet, col, r int) *xcell { return s.cell(colName(col) + strconv.Itoa(r)) }

// sameMoney compares a cell with an amount of money, to the penny.
func sameMoney(t *testing.T, where string, c *xcell, want carecast.Money) {
	t.Helper()
	sameFigure(t, where, c, want.String())
}

// sameNumber compares a cell with a number to 1e-9 of its size.
func sameNumber(t *testing.T, where string, c *xcell, want float64) {
	t.Helper()
	if c == nil {
		t.Errorf("%s: no cell", where)
		return
	}
	got, ok := c.num()
	if !ok || math.Abs(got-want) > 1e-9*math.Max(1, math.Abs(want)) {
		t.Errorf("%s: got %s:%q, want %v", where, c.t, c.v, want)
	}
}

func sameText(t *testing.T, where string, c *xcell, want string) {
	t.Helper()
	if c == nil || c.v != want {
		t.Errorf("%s: got %v, want %q", where, c, want)
	}
}

// TestWorkbookAppraisalMatchesJSON compares the Sensitivity and Risk
// sheets, and the Summary's block, with what 'carecast sensitivity --json'
// and 'carecast simulate --json' print for the same appraisal, and the fan
// and histogram with the simulation's own figures.
func TestWorkbookAppraisalMatchesJSON(t *testing.T) {
	ap := builtinAppraisal(t)
	_, _, data := buildWorkbookAp(t, inputs.BuiltInScenario(), ap, t.TempDir())
	b := readBook(t, data)
	var names []string
	for _, s := range b.sheets {
		names = append(names, s.name)
	}
	if got, want := strings.Join(names, ","), "Summary,Council,Checks,Charts,Sensitivity,Risk,Wider benefits,Inputs,Timeline,Pooled fund,Ledger,About"; got != want {
		t.Fatalf("sheets: got %s, want %s", got, want)
	}

	t.Run("sensitivity", func(t *testing.T) {
		var buf bytes.Buffer
		if err := reports.WriteSensitivityJSON(&buf, ap.Sensitivity); err != nil {
			t.Fatal(err)
		}
		dec := json.NewDecoder(&buf)
		dec.UseNumber()
		var js struct {
			Factors []map[string]any `json:"factors"`
		}
		if err := dec.Decode(&js); err != nil {
			t.Fatal(err)
		}
		if len(js.Factors) != len(ap.Sensitivity.Factors) {
			t.Fatalf("the JSON has %d factors, want %d", len(js.Factors), len(ap.Sensitivity.Factors))
		}
		s := b.sheet(sheetSensitivity)
		sameMoney(t, "central savings", s.cell("C7"), ap.Sensitivity.Central.Savings)
		sameMoney(t, "central NPV", s.cell("C8"), ap.Sensitivity.Central.NPV)
		first := rowOfLabel(t, s, plainName(t, js.Factors[0]["factor"].(string)))
		for i, jf := range js.Factors {
			r := first + i
			str := func(k string) string {
				switch v := jf[k].(type) {
				case json.Number:
					return v.String()
				case string:
					return v
				}
				return ""
			}
			f := struct{ Factor, Low, High, SavingsLow, SavingsHigh, NPVLow, NPVHigh, Switching string }{
				str("factor"), str("low"), str("high"), str("savings_low"), str("savings_high"), str("npv_low"), str("npv_high"), str("switching_value")}
			where := func(what string) string { return f.Factor + " " + what }
			sameText(t, where("name"), at(s, 1, r), plainName(t, f.Factor))
			num := func(x string) float64 { v, _ := strconv.ParseFloat(x, 64); return v }
			sameNumber(t, where("low"), at(s, 4, r), num(f.Low))
			sameNumber(t, where("high"), at(s, 6, r), num(f.High))
			sameFigure(t, where("savings at low"), at(s, 7, r), f.SavingsLow)
			sameFigure(t, where("savings at high"), at(s, 8, r), f.SavingsHigh)
			sameFigure(t, where("NPV at low"), at(s, 10, r), f.NPVLow)
			sameFigure(t, where("NPV at high"), at(s, 11, r), f.NPVHigh)
			// The swing, by a route of its own: the two JSON amounts.
			lo, hi := decimal.RequireFromString(f.SavingsLow), decimal.RequireFromString(f.SavingsHigh)
			sameFigure(t, where("swing"), at(s, 9, r), hi.Sub(lo).Abs().StringFixed(2))
			if c := at(s, 9, r); c == nil || c.f != "ABS(H"+strconv.Itoa(r)+"-G"+strconv.Itoa(r)+")" {
				t.Errorf("%s: swing formula %v", f.Factor, c)
			}
			central := ap.Sensitivity.Central.Savings.Decimal()
			sameFigure(t, where("change at low"), at(s, 15, r), lo.Sub(central).StringFixed(2))
			sameFigure(t, where("change at high"), at(s, 16, r), hi.Sub(central).StringFixed(2))
			if jf["switching_value"] == nil {
				sameText(t, where("switching value"), at(s, 12, r), "not within range")
			} else {
				sameNumber(t, where("switching value"), at(s, 12, r), num(f.Switching))
			}
			if i > 0 {
				prev, cur := at(s, 9, r-1), at(s, 9, r)
				if p, c := num(prev.v), num(cur.v); p < c {
					t.Errorf("%s: swing %v after %v: not in tornado order", f.Factor, c, p)
				}
			}
		}
	})

	t.Run("simulation", func(t *testing.T) {
		sim := ap.Simulation
		var buf bytes.Buffer
		if err := reports.WriteSimulationJSON(&buf, sim); err != nil {
			t.Fatal(err)
		}
		var js struct {
			Runs              int
			Seed              uint64
			Savings, NPV      map[string]string
			ProbabilityOfLoss float64 `json:"probability_of_loss"`
			Councils          []struct {
				Code         string
				Savings, NPV map[string]string
			}
		}
		if err := json.Unmarshal(buf.Bytes(), &js); err != nil {
			t.Fatal(err)
		}
		s := b.sheet(sheetRisk)
		sameNumber(t, "runs", s.cell("C7"), float64(js.Runs))
		sameNumber(t, "seed", s.cell("C8"), float64(js.Seed))
		// The JSON's probability has six places.
		if got, _ := s.cell("C10").num(); math.Abs(got-js.ProbabilityOfLoss) > 5e-7 {
			t.Errorf("probability of loss: got %v, want %v", got, js.ProbabilityOfLoss)
		}
		cols := []string{"p10", "p50", "p90", "mean"}
		sav, npv := rowOfLabel(t, s, "Savings"), rowOfLabel(t, s, "NPV")
		for i, k := range cols {
			sameFigure(t, "savings "+k, at(s, 3+i, sav), js.Savings[k])
			sameFigure(t, "NPV "+k, at(s, 3+i, npv), js.NPV[k])
		}
		sameMoney(t, "forecast savings", at(s, 7, sav), sim.Forecast.Savings)
		sameMoney(t, "forecast NPV", at(s, 7, npv), sim.Forecast.NPV)
		if len(js.Councils) == 0 {
			t.Fatal("no councils")
		}
		first := rowOfLabel(t, s, js.Councils[0].Code)
		for i, c := range js.Councils {
			r := first + i
			sameText(t, c.Code, at(s, 1, r), c.Code)
			for j, k := range cols {
				sameFigure(t, c.Code+" savings "+k, at(s, 3+j, r), c.Savings[k])
				sameFigure(t, c.Code+" NPV "+k, at(s, 7+j, r), c.NPV[k])
			}
			sameNumber(t, c.Code+" losses", at(s, 11, r), float64(sim.Councils[i].Losses))
			if got, _ := at(s, 12, r).num(); math.Abs(got-decFloat(sim.Councils[i].ProbabilityOfLoss(sim.Runs))) > 5e-7 {
				t.Errorf("%s probability of loss: got %v, want %v", c.Code, got, sim.Councils[i].ProbabilityOfLoss(sim.Runs))
			}
		}
		// The distributions, in Factor order.
		dist := rowOfLabel(t, s, "Occupancy")
		for i, r := range sim.Risks {
			name := r.Factor.Label()
			sameText(t, name, at(s, 1, dist+i), name)
			sameText(t, name+" distribution", at(s, 3, dist+i), r.Distribution.String())
			sameNumber(t, name+" low", at(s, 4, dist+i), r.Low.InexactFloat64())
			sameNumber(t, name+" mode", at(s, 5, dist+i), r.Mode.InexactFloat64())
			sameNumber(t, name+" high", at(s, 6, dist+i), r.High.InexactFloat64())
		}
		// The histogram: edges, counts, and every run counted.
		h := sim.Histogram
		hist := rowOfLabel(t, s, "Bin") + 1
		for i, k := range h.Counts {
			sameMoney(t, "bin "+strconv.Itoa(i)+" from", at(s, 2, hist+i), h.Edges[i])
			sameMoney(t, "bin "+strconv.Itoa(i)+" to", at(s, 3, hist+i), h.Edges[i+1])
			sameNumber(t, "bin "+strconv.Itoa(i)+" runs", at(s, 4, hist+i), float64(k))
			sameNumber(t, "bin "+strconv.Itoa(i)+" share", at(s, 5, hist+i), float64(k)/float64(sim.Runs))
		}
		total := rowOfLabel(t, s, "All runs")
		sameNumber(t, "all runs", at(s, 4, total), float64(sim.Runs))
		// The fan, month by month.
		fan := rowOfLabel(t, s, "Month") + 1
		if len(sim.Fan) != 96 {
			t.Fatalf("the fan has %d months, want 96", len(sim.Fan))
		}
		for i, p := range sim.Fan {
			r := fan + i
			sameNumber(t, "fan month", at(s, 1, r), float64(i+1))
			sameNumber(t, "fan month end", at(s, 2, r), float64(p.End.Days()+25569))
			for j, m := range []carecast.Money{p.P10, p.P25, p.P50, p.P75, p.P90, p.Forecast} {
				sameMoney(t, p.End.String()+" fan column "+strconv.Itoa(j), at(s, 4+j, r), m)
			}
		}
		if c := at(s, 3, fan); c == nil || c.v != "2019/20" {
			t.Errorf("fan axis: got %v, want 2019/20", c)
		}

		// The Summary's block.
		sum := b.sheet(sheetSummary)
		for _, c := range []struct {
			label string
			want  any
		}{
			{"Savings, P10 (nine runs in ten do better)", js.Savings["p10"]},
			{"Savings, P50 (the median run)", js.Savings["p50"]},
			{"Savings, P90 (one run in ten does better)", js.Savings["p90"]},
			{"Monte Carlo runs", float64(js.Runs)},
		} {
			sameFigure(t, "Summary "+c.label, summaryValue(t, b, c.label), c.want)
		}
		if got, _ := summaryValue(t, b, "Probability that savings are negative").num(); math.Abs(got-js.ProbabilityOfLoss) > 5e-7 {
			t.Errorf("Summary probability of loss: got %v, want %v", got, js.ProbabilityOfLoss)
		}
		top := ap.Sensitivity.Factors[0]
		sameText(t, "Summary largest swing", summaryValue(t, b, "Factor with the largest swing in savings"), top.Factor.Label())
		sameMoney(t, "Summary swing", summaryValue(t, b, "Its swing, from its low to its high"), top.Swing)
		links := strings.Join(sum.links, ";")
		for _, want := range []string{"-> Sensitivity!A1", "-> Risk!A1"} {
			if !strings.Contains(links, want) {
				t.Errorf("Summary links %q: no %q", links, want)
			}
		}
	})

	t.Run("charts", func(t *testing.T) {
		all := strings.Join(b.charts, "\n")
		for _, want := range []string{
			"type barChart\n", "range Sensitivity!$O$12:$O$18", "range Sensitivity!$P$12:$P$18",
			"type lineChart\n", "range Risk!$D$", "range Risk!$I$",
		} {
			if !strings.Contains(all, want) {
				t.Errorf("no chart has %q", want)
			}
		}
		if n := len(b.charts); n != 7 {
			t.Errorf("%d charts, want 7 (4 on Charts, the tornado, the fan, the histogram)", n)
		}
	})

	t.Run("master check", func(t *testing.T) {
		if m := b.sheet(sheetChecks).cell("C" + strconv.Itoa(checksMasterRow)); m == nil || m.v != "1" {
			t.Errorf("master check: got %v, want TRUE", m)
		}
		checks := b.sheet(sheetChecks)
		n := 0
		for _, c := range checks.cells {
			if c.col == 2 && (c.v == sheetRisk || c.v == sheetSensitivity) {
				n++
			}
		}
		if n != 4 {
			t.Errorf("%d checks of the appraisal, want 4", n)
		}
	})
}

// handAppraisal is an appraisal of the hand-worked scenario (one room, one
// year, block £100 a day, spot £200 a day: savings £36,500, NPV the same in
// model year 0) written by hand:
//   - occupancy x0.8: avoided 0.8 x £73,000 = £58,400, savings £21,900;
//     x1.05 is capped at the one room: £36,500. Switching value x0.5.
//   - spot_price x0.9: £65,700 - £36,500 = £29,200; x1.15: £83,950 -
//     £36,500 = £47,450. Switching value x0.5.
//   - grants: the scenario has none: no swing, not within range.
//
// The simulation's figures are invented but consistent: 1,000 runs, 125
// with a loss, a fan ending at the forecast, a histogram of every run.
func handAppraisal() *carecast.Appraisal {
	risks := carecast.DefaultRisks()
	out := func(s string) carecast.Outcome { return carecast.Outcome{Savings: m(s), NPV: m(s)} }
	sens := &carecast.Sensitivity{
		Scenario: "Hand-worked: one council, one room, one year", Years: 1, Risks: risks, Central: out("36500"),
		Factors: []carecast.FactorSensitivity{
			{Factor: carecast.FactorSpotPrice, Risk: risks[carecast.FactorSpotPrice], Low: d("0.9"), High: d("1.15"),
				AtLow: out("29200"), AtHigh: out("47450"), Swing: m("18250"),
				Switching: carecast.SwitchingValue{Found: true, Value: d("0.5"), SearchLow: d("0"), SearchHigh: d("5")}},
			{Factor: carecast.FactorOccupancy, Risk: risks[carecast.FactorOccupancy], Low: d("0.8"), High: d("1.05"),
				AtLow: out("21900"), AtHigh: out("36500"), Swing: m("14600"),
				Switching: carecast.SwitchingValue{Found: true, Value: d("0.5"), SearchLow: d("0"), SearchHigh: d("5")}},
			{Factor: carecast.FactorGrants, Risk: risks[carecast.FactorGrants], Low: d("0.8"), High: d("1"),
				AtLow: out("36500"), AtHigh: out("36500"), Swing: m("0"),
				Switching: carecast.SwitchingValue{SearchLow: d("0"), SearchHigh: d("100")}},
		},
	}
	p := func(a, b, c, mean string) carecast.Percentiles {
		return carecast.Percentiles{P10: m(a), P50: m(b), P90: m(c), Mean: m(mean)}
	}
	// The fan: cumulative savings at £100 a day from 1 April 2021.
	var fan []carecast.FanPoint
	start := carecast.Date{Year: 2021, Month: time.April, Day: 1}
	for k := range 12 {
		end := start.AddMonths(k + 1).AddDays(-1)
		cum := carecast.Pounds(int64(end.Days()-start.Days()+1) * 100)
		fan = append(fan, carecast.FanPoint{Month: k, End: end, P10: cum.Sub(m("5000")), P25: cum.Sub(m("2000")),
			P50: cum, P75: cum.Add(m("1000")), P90: cum.Add(m("2500")), Forecast: cum})
	}
	sim := &carecast.Simulation{
		Scenario: sens.Scenario, Years: 1, Runs: 1000, Seed: 7, Risks: risks,
		Forecast: out("36500"),
		Savings:  p("-1200.5", "30000", "40000.25", "29000"), NPV: p("-1100", "29900", "39800", "28850"), Losses: 125,
		Councils: []carecast.CouncilSimulation{
			{Council: carecast.Council{Code: "SOLO", Name: "Soloshire"}, Savings: p("-1200.5", "30000", "40000.25", "29000"),
				NPV: p("-1100", "29900", "39800", "28850"), Losses: 150},
		},
		Fan:       fan,
		Histogram: carecast.Histogram{Edges: []carecast.Money{m("-2000"), m("0"), m("2000"), m("4000")}, Counts: []int{125, 500, 375}},
	}
	return &carecast.Appraisal{Sensitivity: sens, Simulation: sim}
}

func TestWorkbookAppraisalHandWorked(t *testing.T) {
	_, _, data := buildWorkbookAp(t, handWorkedScenario(), handAppraisal(), t.TempDir())
	b := readBook(t, data)
	sens, risk := b.sheet(sheetSensitivity), b.sheet(sheetRisk)
	if sens == nil || risk == nil {
		t.Fatal("no Sensitivity or Risk sheet")
	}
	for _, tc := range []struct {
		s    *xsheet
		ref  string
		want any // float64, or string for text
	}{
		{sens, "C7", 36500.0},
		// spot_price: swing |47,450 - 29,200|; changes from the central
		// £36,500: -7,300 and +10,950.
		{sens, "A12", "Spot price"}, {sens, "I12", 18250.0}, {sens, "O12", -7300.0}, {sens, "P12", 10950.0},
		{sens, "L12", 0.5},
		// occupancy: 36,500 - 21,900 = 14,600; at its high no change.
		{sens, "A13", "Occupancy"}, {sens, "I13", 14600.0}, {sens, "O13", -14600.0}, {sens, "P13", 0.0},
		{sens, "A14", "Grants"}, {sens, "I14", 0.0}, {sens, "L14", "not within range"},
		{sens, "M14", 0.0}, {sens, "N14", 100.0},
		// 125 losses in 1,000 runs; the council's 150.
		{risk, "C7", 1000.0}, {risk, "C8", 7.0}, {risk, "C9", 125.0}, {risk, "C10", 0.125},
		{risk, "C14", -1200.5}, {risk, "E14", 40000.25}, {risk, "G14", 36500.0},
		{risk, "A19", "SOLO"}, {risk, "K19", 150.0}, {risk, "L19", 0.15},
	} {
		c := tc.s.cell(tc.ref)
		switch w := tc.want.(type) {
		case string:
			sameText(t, tc.s.name+"!"+tc.ref, c, w)
		case float64:
			sameNumber(t, tc.s.name+"!"+tc.ref, c, w)
		}
	}
	// The histogram: bins of £2,000 in thousands, shares of the 1,000 runs.
	hist := rowOfLabel(t, risk, "Bin") + 1
	for i, w := range []struct {
		label string
		share float64
	}{{"£(2)k to £0k", 0.125}, {"£0k to £2k", 0.5}, {"£2k to £4k", 0.375}} {
		sameText(t, "bin label", at(risk, 1, hist+i), w.label)
		sameNumber(t, w.label+" share", at(risk, 5, hist+i), w.share)
	}
	sameNumber(t, "all runs", at(risk, 4, rowOfLabel(t, risk, "All runs")), 1000)
	sameNumber(t, "all shares", at(risk, 5, rowOfLabel(t, risk, "All runs")), 1)
	// The fan's last month: 365 days at £100.
	fan := rowOfLabel(t, risk, "Month") + 1
	sameNumber(t, "fan forecast March 2022", at(risk, 9, fan+11), 36500)
	sameNumber(t, "fan month end March 2022", at(risk, 2, fan+11), float64(carecast.Date{Year: 2022, Month: time.March, Day: 31}.Days()+25569))

	// The Summary's block links to the sheets.
	sameNumber(t, "Summary P10", summaryValue(t, b, "Savings, P10 (nine runs in ten do better)"), -1200.5)
	sameNumber(t, "Summary probability", summaryValue(t, b, "Probability that savings are negative"), 0.125)
	sameText(t, "Summary largest swing", summaryValue(t, b, "Factor with the largest swing in savings"), "Spot price")
	sameNumber(t, "Summary swing", summaryValue(t, b, "Its swing, from its low to its high"), 18250)
	if c := summaryValue(t, b, "Savings, P10 (nine runs in ten do better)"); c.f != "Risk!C14" {
		t.Errorf("Summary P10: =%s, want =Risk!C14", c.f)
	}

	// Every check holds: the simulation's forecast and its fan end at
	// £36,500, the histogram holds the 1,000 runs, the central case is the
	// forecast.
	if m := b.sheet(sheetChecks).cell("C" + strconv.Itoa(checksMasterRow)); m == nil || m.v != "1" {
		t.Errorf("master check: got %v, want TRUE", m)
	}
}

// TestWorkbookAppraisalChecksCatchAMismatch gives the workbook an
// appraisal of another forecast: the checks tying the two fail.
func TestWorkbookAppraisalChecksCatchAMismatch(t *testing.T) {
	ap := handAppraisal()
	ap.Simulation.Forecast.Savings = m("36000")
	ap.Simulation.Histogram.Counts[0] = 124
	ap.Sensitivity.Central = carecast.Outcome{Savings: m("36499.99"), NPV: m("36499.99")}
	_, _, data := buildWorkbookAp(t, handWorkedScenario(), ap, t.TempDir())
	b := readBook(t, data)
	checks := b.sheet(sheetChecks)
	want := map[string]float64{
		"Risk: the simulation's forecast savings are the Timeline's":                     500,
		"Risk: the fan's forecast ends at the Timeline's savings":                        0,
		"Risk: the histogram counts every run":                                           1,
		"Sensitivity: the central case (every mode no change) is the Timeline's savings": 0.01,
	}
	for label, diff := range want {
		r := rowOfLabel(t, checks, label)
		sameNumber(t, label, checks.cell("C"+strconv.Itoa(r)), diff)
		holds := "1"
		if diff > tolerance {
			holds = "0"
		}
		if c := checks.cell("D" + strconv.Itoa(r)); c == nil || c.v != holds {
			t.Errorf("%s holds: got %v, want %s", label, c, holds)
		}
	}
	if m := checks.cell("C" + strconv.Itoa(checksMasterRow)); m == nil || m.v != "0" {
		t.Errorf("master check: got %v, want FALSE", m)
	}
	if c := b.sheet(sheetSummary).cell("B3"); c == nil || c.v != "CHECK FAILED: see the Checks sheet" {
		t.Errorf("Summary master check: got %v", c)
	}
}

// TestWorkbookAppraisalParts: each part of an appraisal brings its own
// sheet; an appraisal with neither is no appraisal, byte for byte.
func TestWorkbookAppraisalParts(t *testing.T) {
	full := handAppraisal()
	_, _, none := buildWorkbookAp(t, handWorkedScenario(), nil, t.TempDir())
	for _, tc := range []struct {
		name   string
		ap     *carecast.Appraisal
		sheets string
		charts int
	}{
		{"empty", &carecast.Appraisal{}, "Summary,Council,Checks,Charts,Inputs,Timeline,Pooled fund,Ledger,About", 4},
		{"sensitivity", &carecast.Appraisal{Sensitivity: full.Sensitivity}, "Summary,Council,Checks,Charts,Sensitivity,Inputs,Timeline,Pooled fund,Ledger,About", 5},
		{"simulation", &carecast.Appraisal{Simulation: full.Simulation}, "Summary,Council,Checks,Charts,Risk,Inputs,Timeline,Pooled fund,Ledger,About", 6},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, _, data := buildWorkbookAp(t, handWorkedScenario(), tc.ap, t.TempDir())
			if tc.name == "empty" && !bytes.Equal(data, none) {
				t.Fatal("an empty appraisal changed the workbook")
			}
			b := readBook(t, data)
			var names []string
			for _, s := range b.sheets {
				names = append(names, s.name)
			}
			if got := strings.Join(names, ","); got != tc.sheets {
				t.Errorf("sheets: got %s, want %s", got, tc.sheets)
			}
			if len(b.charts) != tc.charts {
				t.Errorf("%d charts, want %d", len(b.charts), tc.charts)
			}
			if m := b.sheet(sheetChecks).cell("C" + strconv.Itoa(checksMasterRow)); m == nil || m.v != "1" {
				t.Errorf("master check: got %v, want TRUE", m)
			}
			_, hasBlock := map[string]bool{"sensitivity": true, "simulation": true}[tc.name]
			found := false
			for _, c := range b.sheet(sheetSummary).cells {
				if c.col == 1 && strings.HasPrefix(c.v, "Appraisal under uncertainty") {
					found = true
				}
			}
			if found != hasBlock {
				t.Errorf("Summary block: got %v, want %v", found, hasBlock)
			}
		})
	}
}

func TestBinLabels(t *testing.T) {
	pounds := func(xs ...int64) []carecast.Money {
		out := make([]carecast.Money, len(xs))
		for i, x := range xs {
			out[i] = carecast.Pounds(x)
		}
		return out
	}
	for _, tc := range []struct {
		name  string
		edges []carecast.Money
		want  []string
	}{
		{"millions", pounds(-6_000_000, -4_000_000, -2_000_000, 0, 2_000_000),
			[]string{"£(6)m to £(4)m", "£(4)m to £(2)m", "£(2)m to £0m", "£0m to £2m"}},
		{"half millions", pounds(0, 500_000, 1_000_000, 1_500_000),
			[]string{"£0.0m to £0.5m", "£0.5m to £1.0m", "£1.0m to £1.5m"}},
		{"thousands", pounds(0, 50_000, 100_000), []string{"£0k to £50k", "£50k to £100k"}},
		{"pounds", pounds(-5, 0, 5), []string{"(£5) to £0", "£0 to £5"}},
		// £1 bins at about £1,000 would not tell apart in thousands with
		// two places: pounds.
		{"narrow bins at a thousand", pounds(1000, 1001, 1002), []string{"£1,000 to £1,001", "£1,001 to £1,002"}},
		{"thousands below zero", pounds(-2000, -1000, 0), []string{"£(2)k to £(1)k", "£(1)k to £0k"}},
		{"pounds below zero", pounds(-1002, -1001, -1000), []string{"(£1,002) to (£1,001)", "(£1,001) to (£1,000)"}},
		{"ten-thousand bins at a million", pounds(1_000_000, 1_010_000, 1_020_000),
			[]string{"£1.00m to £1.01m", "£1.01m to £1.02m"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := binLabels(tc.edges)
			if strings.Join(got, "|") != strings.Join(tc.want, "|") {
				t.Errorf("got %q, want %q", got, tc.want)
			}
		})
	}
}

// TestEveryFactorHasANumberFormat: the sheets format each factor's values
// by its unit; every unit of the factor table has a format.
func TestEveryFactorHasANumberFormat(t *testing.T) {
	for _, f := range carecast.Factors() {
		if _, ok := unitFmt[f.Unit()]; !ok {
			t.Errorf("%s: no number format for unit %s", f, f.Unit())
		}
	}
}

// plainName is a factor's plain name (the workbook's, for print) from its
// name in the JSON: spot_price is "Spot price".
func plainName(t *testing.T, name string) string {
	t.Helper()
	f, ok := carecast.ParseFactor(name)
	if !ok {
		t.Fatalf("no factor %q", name)
	}
	return f.Label()
}
