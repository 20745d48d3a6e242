package monitor_test

import (
	"bytes"
	"flag"
	"math/rand/v2"
	"os"
	"path/filepath"
	"testing"

	"github.com/carecast/carecast"
	"github.com/carecast/carecast/forecast"
	"github.com/carecast/carecast/forecast/forecasttest"
	"github.com/carecast/carecast/monitor"
	"github.com/carecast/carecast/reports"
	"github.com/shopspring/decimal"
)

var propertySeeds = flag.Int("property.seeds", 150, "number of generated scenarios for the monitoring property tests")

// perturbed is a scenario's stand-in for what actually happened: the
// same councils and months, with every running cost 7% higher, every
// grant gone and the first council's pledges and everyone's occupancy
// lower. (The arithmetic of a report does not care where the outturn's
// figures come from; the engine's own tests hold the actuals.)
func perturbed(s *carecast.Scenario) *carecast.Scenario {
	p := *s
	p.Costs = append([]carecast.Cost(nil), s.Costs...)
	for i := range p.Costs {
		p.Costs[i].AnnualAmount = carecast.MoneyOf(p.Costs[i].AnnualAmount.Decimal().Mul(decimal.RequireFromString("1.07")))
	}
	p.Grants = nil
	p.Pledges = append([]carecast.Pledge(nil), s.Pledges...)
	for i := range p.Pledges {
		if p.Pledges[i].Council == 0 {
			p.Pledges[i].AnnualAmount = carecast.MoneyOf(p.Pledges[i].AnnualAmount.Decimal().Mul(decimal.RequireFromString("0.9")))
		}
	}
	p.Occupancy = append([]carecast.OccupancyRow(nil), s.Occupancy...)
	for i := range p.Occupancy {
		p.Occupancy[i].RoomsOccupied = p.Occupancy[i].RoomsOccupied.Mul(decimal.RequireFromString("0.8")).Round(4)
	}
	return &p
}

// TestProperties checks, over generated scenarios, what every report
// must hold whatever its figures: the councils add up to the consortium
// in every line and every figure; each year's lines (a report for each
// financial year) add up to the whole horizon's; the budget and the
// outturn are the forecasts' own financial years (summed by the engine,
// not by the report); the outturn is the actual to date plus the
// forecast's months after the as-at date; volume and price add up to the
// variance to date; and a report measured against itself as the previous
// moves nothing, against another by the difference of their outturns.
func TestProperties(t *testing.T) {
	for seed := range uint64(*propertySeeds) {
		s := forecasttest.Generate(rand.New(rand.NewPCG(seed, 19)), forecasttest.Options{MaxCouncils: 6})
		rb, err := forecast.Run(s)
		if err != nil {
			t.Fatalf("seed %d: %v", seed, err)
		}
		ro, err := forecast.Run(perturbed(s))
		if err != nil {
			t.Fatalf("seed %d: perturbed: %v", seed, err)
		}
		budget, outturn := monitor.FromResult(rb, monitor.Plan), monitor.FromResult(ro, "outturn")
		r := rand.New(rand.NewPCG(seed, 20))
		asAt := rb.Months[r.IntN(len(rb.Months))].End
		reps := map[carecast.FinancialYear]*carecast.Monitoring{}
		for y := range rb.Years {
			m, err := monitor.Build(s.Assumptions.Scenario, s.Councils, budget, outturn,
				monitor.Options{AsAt: asAt, Year: rb.Years[y].FY, Thresholds: thresholds})
			if err != nil {
				t.Fatalf("seed %d: %v", seed, err)
			}
			reps[rb.Years[y].FY] = m
			checkReport(t, seed, m, rb, ro, y)
		}
		// Years add up to the whole horizon.
		for _, line := range carecast.MonitorLines() {
			for c := -1; c < len(s.Councils); c++ {
				if c >= 0 && !line.Council() {
					continue
				}
				var sum [4]carecast.Money
				for y := range rb.Years {
					v := reps[rb.Years[y].FY].Find(carecast.ScopeYear, c, line)
					if line.Balance() {
						sum = [4]carecast.Money{v.Budget, v.BudgetToDate, v.ActualToDate, v.Outturn}
						continue
					}
					for k, x := range []carecast.Money{v.Budget, v.BudgetToDate, v.ActualToDate, v.Outturn} {
						sum[k] = sum[k].Add(x)
					}
				}
				h := reps[rb.Years[0].FY].Find(carecast.ScopeHorizon, c, line)
				want := [4]carecast.Money{h.Budget, h.BudgetToDate, h.ActualToDate, h.Outturn}
				if !line.Balance() && !same(sum[:], want[:]) || line.Balance() && (!sum[0].Equal(want[0]) || !sum[3].Equal(want[3])) {
					t.Errorf("seed %d: council %d %s: the years add up to %v, the horizon is %v", seed, c, line.Key(), sum, want)
				}
			}
		}
		// Movement: against itself, nothing; against another as-at, the
		// difference of the outturns.
		m := reps[asAt.FinancialYear()]
		prev := previousOf(t, m)
		again, err := monitor.Build(s.Assumptions.Scenario, s.Councils, budget, outturn, monitor.Options{AsAt: asAt, Thresholds: thresholds, Previous: prev})
		if err != nil {
			t.Fatal(err)
		}
		for _, v := range again.Lines {
			if !v.HasMovement || !v.Movement.IsZero() {
				t.Fatalf("seed %d: %s %d %s: movement %s (%v) against itself", seed, v.Scope, v.Council, v.Line.Key(), v.Movement, v.HasMovement)
			}
		}
		other, err := monitor.Build(s.Assumptions.Scenario, s.Councils, budget, budget, monitor.Options{AsAt: asAt, Thresholds: thresholds, Previous: prev})
		if err != nil {
			t.Fatal(err)
		}
		for i, v := range other.Lines {
			if want := v.Outturn.Sub(m.Lines[i].Outturn); !v.Movement.Equal(want) {
				t.Fatalf("seed %d: movement %s, want %s", seed, v.Movement, want)
			}
		}
	}
}

// previousOf is m written as 'carecast monitor --json' and read back.
func previousOf(t *testing.T, m *carecast.Monitoring) *monitor.Previous {
	t.Helper()
	var b bytes.Buffer
	if err := reports.WriteMonitoringJSON(&b, m); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "previous.json")
	if err := os.WriteFile(path, b.Bytes(), 0o600); err != nil {
		t.Fatal(err)
	}
	p, err := monitor.ReadPrevious(path)
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// checkReport checks one report of year y of the forecasts.
func checkReport(t *testing.T, seed uint64, m *carecast.Monitoring, rb, ro *carecast.Result, y int) {
	t.Helper()
	fail := func(format string, args ...any) {
		t.Helper()
		t.Fatalf("seed %d, %s: "+format, append([]any{seed, m.Year}, args...)...)
	}
	// Councils add up to the consortium, every figure of every line.
	for _, scope := range []carecast.Scope{carecast.ScopeYear, carecast.ScopeHorizon} {
		for _, line := range carecast.CouncilMonitorLines() {
			var sum [6]carecast.Money
			for c := range m.Councils {
				v := m.Find(scope, c, line)
				for k, x := range figures(v) {
					sum[k] = sum[k].Add(x)
				}
			}
			if got := figures(m.Find(scope, -1, line)); !same(got[:], sum[:]) {
				fail("%s %s: councils add up to %v, the consortium is %v", scope, line.Key(), sum, got)
			}
		}
	}
	// The budget and the outturn of the year are the forecasts' own.
	yb, yo := rb.Years[y], ro.Years[y]
	for _, lf := range []struct {
		line carecast.MonitorLine
		b, o carecast.Money
	}{{carecast.LinePledges, yb.Pledges, yo.Pledges}, {carecast.LineGrants, yb.Grants, yo.Grants},
		{carecast.LineOtherCosts, yb.OtherCosts, yo.OtherCosts}, {carecast.LineBlockCost, yb.BlockCost, yo.BlockCost},
		{carecast.LineVoidCost, yb.VoidCost, yo.VoidCost}, {carecast.LineSpotAvoided, yb.SpotAvoided, yo.SpotAvoided},
		{carecast.LineAttributedCost, yb.AttributedCost, yo.AttributedCost}, {carecast.LineSavings, yb.Savings, yo.Savings},
		{carecast.LineClosingFund, yb.ClosingFund, yo.ClosingFund}} {
		v := m.Find(carecast.ScopeYear, -1, lf.line)
		if !v.Budget.Equal(lf.b) || !v.Outturn.Equal(lf.o) {
			fail("%s: budget %s outturn %s; the forecasts' year %s and %s", lf.line.Key(), v.Budget, v.Outturn, lf.b, lf.o)
		}
		// The outturn is the actual to date and the months after.
		if !lf.line.Balance() {
			rest := carecast.Money{}
			for i := yo.First; i <= yo.Last; i++ {
				if ro.Months[i].End.After(m.AsAt) {
					rest = rest.Add(monthFigure(&ro.Months[i], lf.line))
				}
			}
			if !v.Outturn.Equal(v.ActualToDate.Add(rest)) {
				fail("%s: outturn %s is not the actual to date %s and the rest %s", lf.line.Key(), v.Outturn, v.ActualToDate, rest)
			}
		}
		if v.PctDefined != !v.Budget.IsZero() || v.PctDefined && v.RAG == carecast.RAGNone {
			fail("%s: percentage %v and rating %s with budget %s", lf.line.Key(), v.PctDefined, v.RAG, v.Budget)
		}
	}
	// Volume and price add up to the variance to date; the consortium's
	// are the councils'.
	var vol, price carecast.Money
	for _, e := range m.Explained[1:] {
		vt := m.Find(carecast.ScopeYear, e.Council, carecast.LineSpotAvoided).VarianceToDate
		if !e.Volume.Add(e.Price).Equal(vt) {
			fail("council %d: volume %s + price %s is not the variance to date %s", e.Council, e.Volume, e.Price, vt)
		}
		vol, price = vol.Add(e.Volume), price.Add(e.Price)
	}
	if e := m.Explained[0]; !e.Volume.Equal(vol) || !e.Price.Equal(price) ||
		!e.Variance().Equal(m.Find(carecast.ScopeYear, -1, carecast.LineSpotAvoided).VarianceToDate) {
		fail("consortium explained %s + %s, councils %s + %s", e.Volume, e.Price, vol, price)
	}
}

func figures(v *carecast.Variance) [6]carecast.Money {
	return [6]carecast.Money{v.Budget, v.BudgetToDate, v.ActualToDate, v.VarianceToDate, v.Outturn, v.Variance}
}

// monthFigure is a line's figure in a month of a forecast.
func monthFigure(m *carecast.Month, line carecast.MonitorLine) carecast.Money {
	return map[carecast.MonitorLine]carecast.Money{carecast.LinePledges: m.Pledges, carecast.LineGrants: m.Grants,
		carecast.LineOtherCosts: m.OtherCosts, carecast.LineBlockCost: m.BlockCost, carecast.LineVoidCost: m.VoidCost,
		carecast.LineSpotAvoided: m.SpotAvoided, carecast.LineAttributedCost: m.AttributedCost, carecast.LineSavings: m.Savings,
		carecast.LineClosingFund: m.ClosingFund}[line]
}

// same reports whether two lists of amounts are equal.
func same(a, b []carecast.Money) bool {
	for i := range a {
		if !a[i].Equal(b[i]) {
			return false
		}
	}
	return len(a) == len(b)
}
