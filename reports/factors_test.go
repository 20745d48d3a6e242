package reports

import (
	"bytes"
	"io"
	"strings"
	"testing"

	"github.com/carecast/carecast"
)

// TestEveryFactorInEveryRiskReport writes a sensitivity with a line for
// every factor of the factor table, and a simulation with every factor's
// distribution, through each writer: every output names every factor, and
// the text outputs write its values in its unit. A new factor needs no
// case here.
func TestEveryFactorInEveryRiskReport(t *testing.T) {
	risks := carecast.DefaultRisks()
	sens := &carecast.Sensitivity{Scenario: "Every factor", Years: 1, Risks: risks}
	for _, f := range carecast.Factors() {
		r := risks[f]
		sens.Factors = append(sens.Factors, carecast.FactorSensitivity{Factor: f, Risk: r, Low: r.Low, High: r.High,
			Switching: carecast.SwitchingValue{Found: true, Value: r.High, SearchLow: r.Low, SearchHigh: r.High}})
	}
	sim := sampleSimulation()
	sim.Risks = risks
	for _, c := range []struct {
		name  string
		write func(io.Writer) error
		text  bool // values written in the factor's unit
	}{
		{"sensitivity text", func(w io.Writer) error { return WriteSensitivity(w, sens) }, true},
		{"sensitivity TSV", func(w io.Writer) error { return WriteSensitivityTSV(w, sens) }, false},
		{"sensitivity JSON", func(w io.Writer) error { return WriteSensitivityJSON(w, sens) }, false},
		{"simulation text", func(w io.Writer) error { return WriteSimulation(w, sim) }, true},
		{"simulation TSV", func(w io.Writer) error { return WriteSimulationTSV(w, sim) }, false},
	} {
		var b bytes.Buffer
		if err := c.write(&b); err != nil {
			t.Fatalf("%s: %v", c.name, err)
		}
		for _, f := range carecast.Factors() {
			r := risks[f]
			want := []string{f.String()}
			if c.text {
				want = append(want, f.FormatValue(r.Low), f.FormatValue(r.High))
			}
			if c.text && strings.HasPrefix(c.name, "sensitivity") {
				want = append(want, f.FormatSwitching(r.High))
			}
			for _, w := range want {
				if !strings.Contains(b.String(), w) {
					t.Errorf("%s lacks %q for %s", c.name, w, f)
				}
			}
		}
	}
}
