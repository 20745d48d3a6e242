package reports

import (
	"bytes"
	"path/filepath"
	"strings"
	"testing"

	"github.com/carecast/carecast"
	"github.com/carecast/carecast/internal/golden"
	"github.com/shopspring/decimal"
)

var d = decimal.RequireFromString

func m(s string) carecast.Money { return carecast.MustMoney(s) }

// sampleSensitivity is a small analysis written by hand: two factors, one
// with a switching value and one without.
func sampleSensitivity() *carecast.Sensitivity {
	risks := carecast.DefaultRisks()
	return &carecast.Sensitivity{
		Scenario: "Sample", Years: 2, Risks: risks,
		Central: carecast.Outcome{Savings: m("10960"), NPV: m("10574.84")},
		Factors: []carecast.FactorSensitivity{
			{Factor: carecast.FactorOccupancy, Risk: risks[0], Low: d("0.8"), High: d("1.05"),
				AtLow:  carecast.Outcome{Savings: m("-13152"), NPV: m("-12689.81")},
				AtHigh: carecast.Outcome{Savings: m("10960"), NPV: m("10574.84")}, Swing: m("24112"),
				Switching: carecast.SwitchingValue{Found: true, Value: d("0.909091"), SearchLow: d("0"), SearchHigh: d("5")}},
			{Factor: carecast.FactorSpotInflation, Risk: risks[2], Low: d("-0.02"), High: d("0.03"),
				AtLow:  carecast.Outcome{Savings: m("9354"), NPV: m("9058.5")},
				AtHigh: carecast.Outcome{Savings: m("13369"), NPV: m("12856.04")}, Swing: m("4015"),
				Switching: carecast.SwitchingValue{Found: true, Value: d("-0.136488"), SearchLow: d("-0.5"), SearchHigh: d("0.5")}},
			{Factor: carecast.FactorRampDelay, Risk: risks[5], Low: d("0"), High: d("6"),
				AtLow:  carecast.Outcome{Savings: m("10960"), NPV: m("10574.84")},
				AtHigh: carecast.Outcome{Savings: m("9130"), NPV: m("8841.37")}, Swing: m("1830"),
				Switching: carecast.SwitchingValue{SearchLow: d("0"), SearchHigh: d("24")}},
		},
	}
}

// sampleSimulation is a small simulation written by hand: two councils,
// a fan of three months ending in March and June.
func sampleSimulation() *carecast.Simulation {
	p := func(a, b, c, mean string) carecast.Percentiles {
		return carecast.Percentiles{P10: m(a), P50: m(b), P90: m(c), Mean: m(mean)}
	}
	fan := func(month int, end carecast.Date, a, b, c, e, f, g string) carecast.FanPoint {
		return carecast.FanPoint{Month: month, End: end, P10: m(a), P25: m(b), P50: m(c), P75: m(e), P90: m(f), Forecast: m(g)}
	}
	return &carecast.Simulation{
		Scenario: "Sample", Years: 1, Runs: 1000, Seed: 7, Risks: carecast.DefaultRisks(),
		Forecast: carecast.Outcome{Savings: m("5000"), NPV: m("5000")},
		Savings:  p("-1200.5", "3000", "7000.25", "2950"), NPV: p("-1100", "2900", "6800", "2850"), Losses: 125,
		Councils: []carecast.CouncilSimulation{
			{Council: carecast.Council{Code: "A", Name: "Alpha"}, Index: 0, Savings: p("-600", "1500", "3500", "1475"), NPV: p("-550", "1450", "3400", "1425"), Losses: 150},
			{Council: carecast.Council{Code: "B"}, Index: 1, Savings: p("-600.5", "1500", "3500.25", "1475"), NPV: p("-550", "1450", "3400", "1425"), Losses: 100},
		},
		Fan: []carecast.FanPoint{
			fan(0, carecast.Date{Year: 2021, Month: 2, Day: 28}, "-100", "0", "100", "200", "300", "150"),
			fan(1, carecast.Date{Year: 2021, Month: 3, Day: 31}, "-200", "0", "200", "400", "600", "300"),
			fan(2, carecast.Date{Year: 2021, Month: 4, Day: 30}, "-300", "0", "300", "600", "900", "450"),
		},
		Histogram: carecast.Histogram{Edges: []carecast.Money{m("-2000"), m("0"), m("2000"), m("4000")}, Counts: []int{125, 500, 375}},
	}
}

func checkGolden(t *testing.T, name string, got []byte) {
	t.Helper()
	golden.Check(t, filepath.Join("testdata", "risk", name), got)
}

func TestRiskGolden(t *testing.T) {
	for _, c := range []struct {
		name  string
		write func(*bytes.Buffer) error
	}{
		{"sensitivity.json", func(b *bytes.Buffer) error { return WriteSensitivityJSON(b, sampleSensitivity()) }},
		{"sensitivity.txt", func(b *bytes.Buffer) error { return WriteSensitivity(b, sampleSensitivity()) }},
		{"sensitivity.tsv", func(b *bytes.Buffer) error { return WriteSensitivityTSV(b, sampleSensitivity()) }},
		{"simulation.json", func(b *bytes.Buffer) error { return WriteSimulationJSON(b, sampleSimulation()) }},
		{"simulation.txt", func(b *bytes.Buffer) error { return WriteSimulation(b, sampleSimulation()) }},
		{"simulation.tsv", func(b *bytes.Buffer) error { return WriteSimulationTSV(b, sampleSimulation()) }},
	} {
		t.Run(c.name, func(t *testing.T) {
			var b bytes.Buffer
			if err := c.write(&b); err != nil {
				t.Fatal(err)
			}
			checkGolden(t, c.name, b.Bytes())
		})
	}
}

// Figures checked by hand, independent of the golden files.
func TestRiskOutputs(t *testing.T) {
	var b bytes.Buffer
	if err := WriteSensitivityJSON(&b, sampleSensitivity()); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{`"switching_value": 0.909091`, `"switching_value": null`, `"npv_low": "9058.50"`, `"low": -0.02`} {
		if !strings.Contains(b.String(), want) {
			t.Errorf("sensitivity JSON lacks %s:\n%s", want, b.String())
		}
	}
	b.Reset()
	if err := WriteSimulationJSON(&b, sampleSimulation()); err != nil {
		t.Fatal(err)
	}
	// 125 losses in 1,000 runs.
	for _, want := range []string{`"probability_of_loss": 0.125`, `"p10": "-1200.50"`, `"code": "B"`} {
		if !strings.Contains(b.String(), want) {
			t.Errorf("simulation JSON lacks %s:\n%s", want, b.String())
		}
	}
	b.Reset()
	if err := WriteSimulation(&b, sampleSimulation()); err != nil {
		t.Fatal(err)
	}
	// The fan at the financial year end (31 March) and the last month.
	for _, want := range []string{"2021-03-31", "2021-04-30", "12.50%", "15.00%", "(1,200.50)"} {
		if !strings.Contains(b.String(), want) {
			t.Errorf("simulation text lacks %s:\n%s", want, b.String())
		}
	}
	if strings.Contains(b.String(), "2021-02-28") {
		t.Errorf("simulation text shows a month that ends no financial year")
	}
}
