package charts

import (
	"encoding/json"
	"math"
	"strconv"
	"strings"
	"testing"

	"github.com/carecast/carecast"
	"github.com/carecast/carecast/forecast"
	"github.com/carecast/carecast/inputs"
)

// contrast is the WCAG 2.2 contrast ratio of a #RRGGBB colour against
// white: (1.05) / (L + 0.05), L its relative luminance.
func contrast(t *testing.T, hex string) float64 {
	t.Helper()
	if len(hex) != 7 || hex[0] != '#' {
		t.Fatalf("colour %q is not #RRGGBB", hex)
	}
	var lum float64
	for i, w := range []float64{0.2126, 0.7152, 0.0722} {
		v, err := strconv.ParseUint(hex[1+2*i:3+2*i], 16, 8)
		if err != nil {
			t.Fatal(err)
		}
		c := float64(v) / 255
		if c <= 0.04045 {
			c /= 12.92
		} else {
			c = math.Pow((c+0.055)/1.055, 2.4)
		}
		lum += w * c
	}
	return 1.05 / (lum + 0.05)
}

// Worked by hand: Okabe-Ito's yellow, sky blue and orange are below 3:1
// against white (the finding), black is 21:1.
func TestContrastByHand(t *testing.T) {
	for _, c := range []struct {
		hex      string
		lo, high float64
	}{{"#F0E442", 1.3, 1.34}, {"#56B4E9", 2.3, 2.33}, {"#E69F00", 2.24, 2.26}, {"#000000", 20.99, 21.01}, {"#0072B2", 5.1, 5.3}} {
		if got := contrast(t, c.hex); got < c.lo || got > c.high {
			t.Errorf("contrast(%s) = %.3f, want %.2f to %.2f", c.hex, got, c.lo, c.high)
		}
	}
}

// Every colour a series draws with, on every page carecast writes (the
// forecast's charts with demand, bed trading and the appraisal; the
// sizing page; the options comparison), is at least 3:1 against white
// (WCAG 2.2, 1.4.11), but the fan's bands, which are areas told apart by
// their edges and a table.
func TestChartColoursContrast(t *testing.T) {
	s, _, err := inputs.Load("../examples/demand")
	if err != nil {
		t.Fatal(err)
	}
	res, err := forecast.Run(s)
	if err != nil {
		t.Fatal(err)
	}
	risks, err := forecast.ResolveRisks(s)
	if err != nil {
		t.Fatal(err)
	}
	sim, err := forecast.Simulate(s, res, risks, forecast.SimulateOptions{Runs: 50, Seed: 1})
	if err != nil {
		t.Fatal(err)
	}
	sens, err := forecast.Sensitivity(s, res, risks)
	if err != nil {
		t.Fatal(err)
	}
	forecastPage, err := buildChartsPage(res, &carecast.Appraisal{Simulation: sim, Sensitivity: sens})
	if err != nil {
		t.Fatal(err)
	}
	z, err := forecast.Size(s, forecast.SizeOptions{Min: 30, Max: 44})
	if err != nil {
		t.Fatal(err)
	}
	sizing, err := buildSizingPage(z, nil)
	if err != nil {
		t.Fatal(err)
	}
	builtin := inputs.BuiltInScenario()
	cases := forecast.Cases(builtin, "", carecast.BaseCaseName)
	if err := forecast.RunCases(cases, 0); err != nil {
		t.Fatal(err)
	}
	compare, err := buildComparisonPage(cases)
	if err != nil {
		t.Fatal(err)
	}
	fanBands := map[string]bool{"outer": true, "inner": true, "key-outer": true, "key-inner": true, "base": true}
	seen := 0
	for name, page := range map[string]*chartsPage{"forecast": forecastPage, "sizing": sizing, "compare": compare} {
		for _, spec := range append(append(append([]chartSpec{}, page.Data.Charts...), page.Data.Demand...), page.Data.Appraisal...) {
			for _, ser := range spec.Option.Series {
				if fanBands[ser.ID] {
					continue
				}
				var colours []string
				if ser.ItemStyle != nil {
					colours = append(colours, ser.ItemStyle.Color)
				}
				if ser.LineStyle != nil {
					colours = append(colours, ser.LineStyle.Color)
				}
				for _, c := range colours {
					if c == "" || c == "transparent" || strings.HasPrefix(c, "rgba") {
						continue
					}
					seen++
					if r := contrast(t, strings.ToUpper(c)); r < 3 {
						j, _ := json.Marshal(ser.Name)
						t.Errorf("%s page, chart %s, series %s: %s is %.2f:1 against white, below 3:1", name, spec.ID, j, c, r)
					}
				}
			}
		}
	}
	if seen < 40 {
		t.Errorf("only %d series colours checked", seen)
	}
}
