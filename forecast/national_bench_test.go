package forecast

import (
	"testing"
	"time"

	"github.com/carecast/carecast"
	"github.com/carecast/carecast/forecast/forecasttest"
)

// oneForecast is the time of one exact forecast of s: the least of three.
func oneForecast(b *testing.B, s *carecast.Scenario) time.Duration {
	b.Helper()
	best := time.Duration(1 << 62)
	for range 3 {
		t0 := time.Now()
		if _, err := Run(s); err != nil {
			b.Fatal(err)
		}
		best = min(best, time.Since(t0))
	}
	return best
}

// BenchmarkNationalSensitivity is the sensitivity analysis at national
// scale (150 councils, 30 years, yearly occupancy rows); x-forecast is its
// time over one exact forecast's (target: under 10).
func BenchmarkNationalSensitivity(b *testing.B) {
	s := forecasttest.National(150, 30)
	one := oneForecast(b, s)
	for b.Loop() {
		if _, err := Sensitivity(s); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.Elapsed())/float64(b.N)/float64(one), "x-forecast")
}

// BenchmarkNationalSimulate is 10,000 Monte Carlo runs at national scale;
// x-forecast is its time over one exact forecast's (target: under 15).
func BenchmarkNationalSimulate(b *testing.B) {
	s := forecasttest.National(150, 30)
	one := oneForecast(b, s)
	for b.Loop() {
		if _, err := Simulate(s, SimulateOptions{Runs: 10_000, Seed: 1}); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.Elapsed())/float64(b.N)/float64(one), "x-forecast")
}
