package forecast

import (
	"fmt"
	"math"
	"math/rand/v2"
	"reflect"
	"runtime"
	"slices"
	"testing"

	"github.com/carecast/carecast"
	"github.com/carecast/carecast/forecast/forecasttest"
	"github.com/carecast/carecast/inputs"
	"github.com/shopspring/decimal"
)

// degenerate holds every factor at x: low = mode = high.
func degenerate(x Setting) []carecast.Risk {
	var rs []carecast.Risk
	for _, f := range carecast.Factors() {
		rs = append(rs, carecast.Risk{Factor: f, Distribution: carecast.Triangular, Low: x[f], Mode: x[f], High: x[f]})
	}
	return rs
}

func within(t *testing.T, what string, got, want carecast.Money) {
	t.Helper()
	if d := got.Sub(want).Decimal().Abs(); d.GreaterThan(decimal.NewFromInt(1)) {
		t.Errorf("%s = %s, want %s within £1", what, got, want)
	}
}

// A simulation whose distributions are all degenerate reproduces the
// deterministic forecast (of the scenario varied by that one setting)
// within £1 in every percentile: consortium and councils, savings and NPV,
// and every month of the fan.
func TestDegenerateSimulationIsTheForecast(t *testing.T) {
	scenarios := map[string]*carecast.Scenario{"built-in": inputs.BuiltInScenario(), "hand": handScenario(), "two councils": twoCouncils()}
	for seed := range uint64(4) {
		scenarios[fmt.Sprintf("generated %d", seed)] = forecasttest.Generate(rand.New(rand.NewPCG(seed, 11)), forecasttest.Options{})
	}
	moved := Neutral()
	moved[carecast.FactorOccupancy] = dec("0.9")
	moved[carecast.FactorSpotInflation] = dec("0.01")
	moved[carecast.FactorRampDelay] = dec("2")
	moved[carecast.FactorGrants] = dec("0.75")
	for name, s := range scenarios {
		for xname, x := range map[string]Setting{"neutral": Neutral(), "moved": moved} {
			t.Run(name+" "+xname, func(t *testing.T) {
				s := *s
				s.Risks = degenerate(x)
				sim, err := simulate(t, &s, SimulateOptions{Runs: 50, Seed: 3})
				if err != nil {
					t.Fatal(err)
				}
				want := run(t, Apply(&s, x))
				for _, p := range []struct {
					what string
					ps   carecast.Percentiles
					want carecast.Money
				}{{"savings", sim.Savings, want.Total.Savings}, {"npv", sim.NPV, want.NPV}} {
					within(t, p.what+" P10", p.ps.P10, p.want)
					within(t, p.what+" P50", p.ps.P50, p.want)
					within(t, p.what+" P90", p.ps.P90, p.want)
					within(t, p.what+" mean", p.ps.Mean, p.want)
				}
				for c, cs := range sim.Councils {
					cr := want.Councils[c]
					for _, v := range []carecast.Money{cs.Savings.P10, cs.Savings.P50, cs.Savings.P90, cs.Savings.Mean} {
						within(t, cs.Council.Code+" savings", v, cr.Total.Savings)
					}
					for _, v := range []carecast.Money{cs.NPV.P10, cs.NPV.P50, cs.NPV.P90, cs.NPV.Mean} {
						within(t, cs.Council.Code+" npv", v, cr.NPV)
					}
				}
				var cum carecast.Money
				for m, p := range sim.Fan {
					cum = cum.Add(want.Months[m].Savings)
					for _, v := range []carecast.Money{p.P10, p.P25, p.P50, p.P75, p.P90} {
						within(t, fmt.Sprintf("fan month %d", m), v, cum)
					}
				}
				loss := 0
				if want.Total.Savings.Sign() < 0 {
					loss = 50
				}
				if sim.Losses != loss {
					t.Errorf("losses %d, want %d", sim.Losses, loss)
				}
			})
		}
	}
}

// The same seed gives the same figures whatever the number of workers and
// of cores; another seed gives others.
func TestSimulationIsDeterministic(t *testing.T) {
	s := inputs.BuiltInScenario()
	sim := func(seed uint64, workers, procs int) *carecast.Simulation {
		defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(procs))
		got, err := simulate(t, s, SimulateOptions{Runs: 3000, Seed: seed, Workers: workers})
		if err != nil {
			t.Fatal(err)
		}
		return got
	}
	a := sim(7, 0, 1)
	for _, c := range []struct{ workers, procs int }{{0, 2}, {2, 1}, {3, 2}, {1, 2}} {
		if b := sim(7, c.workers, c.procs); !reflect.DeepEqual(a, b) {
			t.Errorf("workers %d GOMAXPROCS %d: the figures differ from GOMAXPROCS 1", c.workers, c.procs)
		}
	}
	if b := sim(8, 0, 2); reflect.DeepEqual(a.Savings, b.Savings) {
		t.Error("seeds 7 and 8 gave the same savings")
	}
}

// One uncertain factor on the hand scenario: occupancy uniform on [0.8, 1],
// others fixed. Savings are 120,560x - 109,600 (worked in
// TestSensitivityByHand), so their percentiles are that line at the
// percentiles of x (P10 0.82, P50 0.9, P90 0.98), the mean at 0.9, and the
// probability of a loss is P(x < 10/11) = (10/11 - 0.8)/0.2 = 0.5455.
// 20,000 runs put each within a few standard errors.
func TestSimulationStatistics(t *testing.T) {
	s := handScenario()
	s.Risks = []carecast.Risk{{Factor: carecast.FactorOccupancy, Distribution: carecast.Uniform, Low: dec("0.8"), Mode: dec("0.9"), High: dec("1")}}
	sim, err := simulate(t, s, SimulateOptions{Runs: 20000, Seed: 1})
	if err != nil {
		t.Fatal(err)
	}
	line := func(x float64) float64 { return 120560*x - 109600 }
	for _, c := range []struct {
		what string
		got  carecast.Money
		want float64
	}{
		{"P10", sim.Savings.P10, line(0.82)}, {"P50", sim.Savings.P50, line(0.9)},
		{"P90", sim.Savings.P90, line(0.98)}, {"mean", sim.Savings.Mean, line(0.9)},
	} {
		// The standard error of a percentile of x is under 0.0006: £72.
		if d := math.Abs(c.got.Decimal().InexactFloat64() - c.want); d > 250 {
			t.Errorf("savings %s = %s, want %.2f (off by %.0f)", c.what, c.got, c.want, d)
		}
	}
	if p := sim.ProbabilityOfLoss().InexactFloat64(); math.Abs(p-0.5455) > 0.015 {
		t.Errorf("probability of loss %g, want 0.5455", p)
	}
	n := 0
	for _, k := range sim.Histogram.Counts {
		n += k
	}
	if n != 20000 || len(sim.Histogram.Edges) != len(sim.Histogram.Counts)+1 {
		t.Errorf("histogram: %d runs in %d bins with %d edges", n, len(sim.Histogram.Counts), len(sim.Histogram.Edges))
	}
	// Savings run from -13,152 to +10,960: bins of £1,000 from -£14,000.
	if w := sim.Histogram.Edges[1].Sub(sim.Histogram.Edges[0]); !w.Equal(carecast.Pounds(1000)) || !sim.Histogram.Edges[0].Equal(carecast.Pounds(-14000)) {
		t.Errorf("histogram edges %s...: want bins of £1,000 from -£14,000", sim.Histogram.Edges[:2])
	}
}

// PERCENTILE.INC, worked as Excel does: {1, 2, 3, 4} at 0.1 is 1 + 0.3 x
// (2 - 1) = 1.3; at 0.5, 2.5; at 0.9, 3.7. Selection agrees with sorting.
func TestPercentilesInc(t *testing.T) {
	got := percentilesInc([]float64{4, 1, 3, 2}, 0.1, 0.5, 0.9)
	for i, want := range []float64{1.3, 2.5, 3.7} {
		if math.Abs(got[i]-want) > 1e-12 {
			t.Errorf("percentile %d: got %g, want %g", i, got[i], want)
		}
	}
	if got := percentilesInc([]float64{5}, 0.1, 0.9); got[0] != 5 || got[1] != 5 {
		t.Errorf("one value: got %v", got)
	}
	r := rand.New(rand.NewPCG(1, 2))
	for n := 1; n < 300; n += 7 {
		xs := make([]float64, n)
		for i := range xs {
			xs[i] = float64(r.IntN(20)) // many ties
		}
		sorted := slices.Sorted(slices.Values(xs))
		ps := []float64{0.1, 0.25, 0.5, 0.75, 0.9}
		got := percentilesInc(xs, ps...)
		for i, p := range ps {
			h := p * float64(n-1)
			lo := int(h)
			want := sorted[lo]
			if lo+1 < n {
				want += (h - float64(lo)) * (sorted[lo+1] - sorted[lo])
			}
			if math.Abs(got[i]-want) > 1e-9 {
				t.Errorf("n %d p %g: got %g, want %g", n, p, got[i], want)
			}
		}
	}
}

func TestNiceWidth(t *testing.T) {
	for _, c := range []struct{ raw, want float64 }{
		{0, 100}, {100, 100}, {101, 200}, {450, 500}, {501, 1000}, {1.2e7, 2e7}, {3e7, 5e7},
	} {
		if got := niceWidth(c.raw); got != c.want {
			t.Errorf("niceWidth(%g) = %g, want %g", c.raw, got, c.want)
		}
	}
}

func TestSimulateRefuses(t *testing.T) {
	if _, err := simulate(t, inputs.BuiltInScenario(), SimulateOptions{Runs: 0}); err == nil {
		t.Error("0 runs: want an error")
	}
	if _, err := Simulate(forecasttest.National(150, 30), nil, nil, SimulateOptions{Runs: 2_000_000}); err == nil {
		t.Error("2,000,000 national runs: want an error about memory")
	}
}

// appraisalOf is what Sensitivity and Simulate take, as a command makes it:
// the scenario, its forecast and its risks, resolved once.
func appraisalOf(t testing.TB, s *carecast.Scenario) (*carecast.Scenario, *carecast.Result, []carecast.Risk) {
	t.Helper()
	risks, err := ResolveRisks(s)
	if err != nil {
		t.Fatal(err)
	}
	base, err := Run(s)
	if err != nil {
		t.Fatal(err)
	}
	return s, base, risks
}

// simulate is Simulate of the scenario as a command runs it.
func simulate(t testing.TB, s *carecast.Scenario, opts SimulateOptions) (*carecast.Simulation, error) {
	t.Helper()
	s, base, risks := appraisalOf(t, s)
	return Simulate(s, base, risks, opts)
}

// Large samples go by buckets (valuesAtRanks): the values at every rank
// asked for are those of the sorted sample, with ties, one value, a
// narrow spread and outliers.
func TestValuesAtRanksLarge(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 9))
	samples := map[string]func(i int) float64{
		"normal":   func(int) float64 { return math.Round(r.NormFloat64()*1e8) + 5e9 },
		"ties":     func(int) float64 { return float64(r.IntN(50)) },
		"one":      func(int) float64 { return 7 },
		"narrow":   func(int) float64 { return 1e9 + float64(r.IntN(3))*1e-6 },
		"outliers": func(i int) float64 { return map[bool]float64{true: 1e15, false: float64(r.IntN(1000))}[i%997 == 0] },
	}
	for name, gen := range samples {
		for _, n := range []int{8192, 10_000, 30_001} {
			xs := make([]float64, n)
			for i := range xs {
				xs[i] = gen(i)
			}
			sorted := slices.Sorted(slices.Values(xs))
			ranks := []int{0, 1, n / 10, n/10 + 1, n / 4, n / 2, n/2 + 1, 3 * n / 4, 9 * n / 10, n - 2, n - 1}
			got := valuesAtRanks(xs, ranks)
			for i, k := range ranks {
				if got[i] != sorted[k] {
					t.Errorf("%s n %d rank %d: got %v, want %v", name, n, k, got[i], sorted[k])
				}
			}
		}
	}
}
