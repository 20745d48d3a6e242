package forecast

import (
	"syscall"
	"testing"
	"time"

	"github.com/carecast/carecast"
	"github.com/carecast/carecast/forecast/forecasttest"
)

// cpuTime is the processor time this process has used.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	_ = syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// oneForecast is the wall and processor time of one exact forecast of s:
// the least of three.
func oneForecast(b *testing.B, s *carecast.Scenario) (wall, cpu time.Duration) {
	b.Helper()
	wall, cpu = 1<<62, 1<<62
	for range 3 {
		t0, c0 := time.Now(), cpuTime()
		if _, err := Run(s); err != nil {
			b.Fatal(err)
		}
		wall, cpu = min(wall, time.Since(t0)), min(cpu, cpuTime()-c0)
	}
	return wall, cpu
}

// ratioToForecast times f at national scale (150 councils, 30 years,
// yearly occupancy rows) and reports its time over one exact forecast's:
// x-forecast by the clock, cpu-x-forecast in processor time (all cores;
// steadier on a busy machine).
func ratioToForecast(b *testing.B, f func(s *carecast.Scenario) error) {
	s := forecasttest.National(150, 30)
	wall, cpu := oneForecast(b, s)
	var used time.Duration
	for b.Loop() {
		c0 := cpuTime()
		if err := f(s); err != nil {
			b.Fatal(err)
		}
		used += cpuTime() - c0
	}
	b.ReportMetric(float64(b.Elapsed())/float64(b.N)/float64(wall), "x-forecast")
	b.ReportMetric(float64(used)/float64(b.N)/float64(cpu), "cpu-x-forecast")
}

// BenchmarkNationalSensitivity is the sensitivity analysis at national
// scale (target: under 10 times one forecast).
func BenchmarkNationalSensitivity(b *testing.B) {
	ratioToForecast(b, func(s *carecast.Scenario) error {
		_, err := Sensitivity(appraisalOf(b, s)) // with its risks and base forecast, as a command runs it
		return err
	})
}

// BenchmarkNationalSimulate is 10,000 Monte Carlo runs at national scale
// (target: under 15 times one forecast).
func BenchmarkNationalSimulate(b *testing.B) {
	ratioToForecast(b, func(s *carecast.Scenario) error {
		s, base, risks := appraisalOf(b, s) // as a command runs it
		_, err := Simulate(s, base, risks, SimulateOptions{Runs: 10_000, Seed: 1})
		return err
	})
}

// BenchmarkNationalFastEval is one Monte Carlo draw at national scale on
// the float path, in processor time per council-month (getrusage, steadier
// than the clock on a busy machine) (10,000 runs under
// 15 forecasts leaves about 5 ns a council-month).
func BenchmarkNationalFastEval(b *testing.B) {
	s := forecasttest.National(150, 30)
	m, err := newFastModel(s, 0)
	if err != nil {
		b.Fatal(err)
	}
	o := m.newOutcome()
	x := floatSetting(Neutral())
	x[carecast.FactorOccupancy] = 0.93
	x[carecast.FactorSpotPrice] = 1.04
	var used time.Duration
	for b.Loop() {
		c0 := cpuTime()
		m.eval(&x, o)
		used += cpuTime() - c0
	}
	b.ReportMetric(float64(used.Nanoseconds())/float64(b.N)/float64(m.nc*m.months), "cpu-ns/council-month")
}
