package forecast

import (
	"fmt"
	"testing"

	"github.com/carecast/carecast"
	"github.com/carecast/carecast/forecast/forecasttest"
	"github.com/carecast/carecast/inputs"
)

// BenchmarkSimulate runs the built-in scenario at three sizes: time should
// grow linearly with runs (target: 100,000 runs under 3 s on two cores).
func BenchmarkSimulate(b *testing.B) {
	s, base, risks := appraisalOf(b, inputs.BuiltInScenario())
	for _, runs := range []int{1_000, 10_000, 100_000} {
		b.Run(fmt.Sprintf("runs=%d", runs), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, err := Simulate(s, base, risks, SimulateOptions{Runs: runs, Seed: 1}); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(runs), "ns/run")
		})
	}
}

// BenchmarkFastEval is one draw of the built-in scenario on the float path.
func BenchmarkFastEval(b *testing.B) {
	m, err := newFastModel(inputs.BuiltInScenario(), 0)
	if err != nil {
		b.Fatal(err)
	}
	o := m.newOutcome()
	x := floatSetting(Neutral())
	x[0] = 0.93
	b.ReportAllocs()
	for b.Loop() {
		m.eval(&x, o)
	}
}

// BenchmarkSensitivity is the sensitivity analysis of the built-in
// scenario by the exact engine (its risks resolved and its forecast run
// once, outside the loop, as a command does).
func BenchmarkSensitivity(b *testing.B) {
	s, base, risks := appraisalOf(b, inputs.BuiltInScenario())
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Sensitivity(s, base, risks); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkSimulateActuals is a Monte Carlo simulation of the built-in
// scenario and of a national-scale one (150 councils, 30 years), each
// without actuals and with 20 actual months (its own forecast's figures):
// an actual month is fixed, so a draw works out fewer months and the
// simulation with actuals should be no slower than without. cpu-ns/run is
// the processor time of every core a run (steadier on a busy machine).
func BenchmarkSimulateActuals(b *testing.B) {
	for _, sc := range []struct {
		name string
		s    *carecast.Scenario
		runs int
	}{{"built-in", inputs.BuiltInScenario(), 10_000}, {"national", forecasttest.National(150, 30), 200}} {
		plain, err := Run(sc.s)
		if err != nil {
			b.Fatal(err)
		}
		with := *sc.s
		with.Actuals = ownActuals(plain, 20)
		for _, v := range []struct {
			name string
			s    *carecast.Scenario
		}{{"without", sc.s}, {"with 20 actual months", &with}} {
			s, base, risks := appraisalOf(b, v.s)
			b.Run(sc.name+"/"+v.name, func(b *testing.B) {
				c0 := cpuTime()
				for b.Loop() {
					if _, err := Simulate(s, base, risks, SimulateOptions{Runs: sc.runs, Seed: 1}); err != nil {
						b.Fatal(err)
					}
				}
				b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(sc.runs), "ns/run")
				b.ReportMetric(float64(cpuTime()-c0)/float64(b.N)/float64(sc.runs), "cpu-ns/run")
			})
		}
	}
}
