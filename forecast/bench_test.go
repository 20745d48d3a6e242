package forecast

import (
	"fmt"
	"testing"

	"github.com/carecast/carecast/forecast/forecasttest"
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

// BenchmarkNational forecasts a national-scale scenario: 150 councils, 30
// years, a yearly occupancy row per council (target: under 500 ms and
// 256 MB).
func BenchmarkNational(b *testing.B) {
	s := forecasttest.National(150, 30)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Run(s); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkScaling shows cost growing linearly with councils x months:
// 50, 100 and 150 councils over 30 years (18,000, 36,000 and 54,000
// council-months); ns/op divided by council-months should hold steady.
func BenchmarkScaling(b *testing.B) {
	for _, n := range []int{50, 100, 150} {
		s := forecasttest.National(n, 30)
		b.Run(fmt.Sprintf("councils=%d/months=360", n), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, err := Run(s); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(n*360), "ns/council-month")
		})
	}
	for _, y := range []int{10, 20} {
		s := forecasttest.National(150, y)
		b.Run(fmt.Sprintf("councils=150/months=%d", 12*y), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, err := Run(s); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(150*12*y), "ns/council-month")
		})
	}
}
