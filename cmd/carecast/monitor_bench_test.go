package main

import (
	"io"
	"testing"

	"github.com/carecast/carecast"
	"github.com/carecast/carecast/forecast"
	"github.com/carecast/carecast/forecast/forecasttest"
	"github.com/carecast/carecast/monitor"
	"github.com/carecast/carecast/reports"
	"github.com/shopspring/decimal"
)

// The monitoring report at national scale (150 councils, 30 years, 60
// actual months) against one forecast of the same input: the target is
// at most three times the forecast.

// nationalWithActuals is the national-scale scenario with Actuals rows
// for its first n months: each month's own forecast figures, with every
// council's pledges a tenth lower, so that the outturn differs from the
// plan.
func nationalWithActuals(tb testing.TB, n int) *carecast.Scenario {
	tb.Helper()
	s := forecasttest.National(150, 30)
	res, err := forecast.Run(s)
	if err != nil {
		tb.Fatal(err)
	}
	for i := range n {
		mo := &res.Months[i]
		add := func(item carecast.ActualItem, c int, v carecast.Money) {
			s.Actuals = append(s.Actuals, carecast.Actual{Month: mo.Start, Item: item, Council: c, Value: v.Decimal()})
		}
		add(carecast.ActualCapacityRoomDays, -1, carecast.MoneyOf(mo.CapacityRoomDays))
		add(carecast.ActualBlockCost, -1, mo.BlockCost)
		add(carecast.ActualGrants, -1, mo.Grants)
		add(carecast.ActualOtherCosts, -1, mo.OtherCosts)
		for c, cm := range mo.Councils {
			s.Actuals = append(s.Actuals, carecast.Actual{Month: mo.Start, Item: carecast.ActualOccupiedRoomDays, Council: c, Value: cm.OccupiedRoomDays})
			add(carecast.ActualPledges, c, carecast.MoneyOf(cm.Pledges.Decimal().Mul(decimalTenths(9))))
		}
	}
	return s
}

func BenchmarkNationalForecastOnce(b *testing.B) {
	s := nationalWithActuals(b, 60)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := forecast.Run(s); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkNationalMonitor is runMonitor's work after reading the input
// and before writing files: the forecast and the plan's, both as monthly
// series, the report, and its tab-separated text.
func BenchmarkNationalMonitor(b *testing.B) {
	s := nationalWithActuals(b, 60)
	b.ReportAllocs()
	for b.Loop() {
		res, plan, err := forecastAndPlan(s, true)
		if err != nil {
			b.Fatal(err)
		}
		m, err := monitor.Build(s.Assumptions.Scenario, s.Councils, monitor.FromResult(plan, monitor.Plan), monitor.FromResult(res, "outturn"),
			monitor.Options{AsAt: inputAsAt(res), Thresholds: s.Assumptions.RAG})
		if err != nil {
			b.Fatal(err)
		}
		if err := reports.WriteMonitoringTSV(io.Discard, m); err != nil {
			b.Fatal(err)
		}
		if len(m.Lines) != 2*(9+150*5) || m.ActualMonths() != 60 {
			b.Fatalf("%d lines, %d actual months", len(m.Lines), m.ActualMonths())
		}
	}
}

// decimalTenths is n tenths.
func decimalTenths(n int64) decimal.Decimal { return decimal.New(n, -1) }
