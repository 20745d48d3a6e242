package forecast

import (
	"fmt"
	"testing"

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
