package forecast

import (
	"testing"

	"github.com/carecast/carecast/inputs"
)

// BenchmarkBuiltIn forecasts the built-in scenario (target: under 5 ms).
func BenchmarkBuiltIn(b *testing.B) {
	s := inputs.BuiltInScenario()
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Run(s); err != nil {
			b.Fatal(err)
		}
	}
}
