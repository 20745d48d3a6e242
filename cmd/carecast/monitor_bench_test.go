package main

import (
	"io"
	"testing"

	"github.com/carecast/carecast/forecast"
	"github.com/carecast/carecast/forecast/forecasttest"
	"github.com/carecast/carecast/monitor"
	"github.com/carecast/carecast/reports"
)

// The monitoring report at national scale (150 councils, 30 years, as at
// the end of the sixtieth month) against one forecast of the same
// scenario: the target is at most three times the forecast.

func BenchmarkNationalForecastOnce(b *testing.B) {
	s := forecasttest.National(150, 30)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := forecast.Run(s); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkNationalMonitor is runMonitor's work after reading the input
// and before writing files: the forecast, the plan's forecast, both as
// monthly series, the report, and its tab-separated text.
func BenchmarkNationalMonitor(b *testing.B) {
	s := forecasttest.National(150, 30)
	asAt := s.Assumptions.StartDate.AddMonths(60).AddDays(-1)
	b.ReportAllocs()
	for b.Loop() {
		res, err := forecast.Run(s)
		if err != nil {
			b.Fatal(err)
		}
		plan, err := forecast.Run(planOf(s))
		if err != nil {
			b.Fatal(err)
		}
		m, err := monitor.Build(s.Assumptions.Scenario, s.Councils, monitor.FromResult(plan, monitor.Plan), monitor.FromResult(res, "outturn"),
			monitor.Options{AsAt: asAt, Thresholds: s.Assumptions.RAG})
		if err != nil {
			b.Fatal(err)
		}
		if err := reports.WriteMonitoringTSV(io.Discard, m); err != nil {
			b.Fatal(err)
		}
		if len(m.Lines) != 2*(9+150*5) {
			b.Fatalf("%d lines", len(m.Lines))
		}
	}
}
