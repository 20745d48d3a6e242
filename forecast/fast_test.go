package forecast

import (
	"fmt"
	"math"
	"math/bits"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/carecast/carecast"
	"github.com/carecast/carecast/forecast/forecasttest"
	"github.com/carecast/carecast/inputs"
	"github.com/shopspring/decimal"
)

// agree checks that the float path at setting x agrees with Run on
// Apply(s, x) within £1: savings and NPV, consortium and every council.
func agree(t *testing.T, s *carecast.Scenario, x Setting) {
	t.Helper()
	res, err := Run(Apply(s, x))
	if err != nil {
		t.Fatal(err)
	}
	f, err := newFastModel(s, rampMonths(x[carecast.FactorRampDelay], s.Assumptions.Months()))
	if err != nil {
		t.Fatal(err)
	}
	o := f.newOutcome()
	fx := floatSetting(x)
	f.eval(&fx, o)
	check := func(what string, want carecast.Money, gotPence float64) {
		t.Helper()
		w := float64(want.PenceInt())
		if d := math.Abs(gotPence - w); d > 100 || math.IsNaN(d) {
			t.Errorf("%s: float path %.2f, Run %s (off by £%.2f)", what, gotPence/100, want, d/100)
		}
	}
	check("savings", res.Total.Savings, o.savings)
	check("npv", res.NPV, o.npv)
	for c, cr := range res.Councils {
		check(fmt.Sprintf("council %d savings", c), cr.Total.Savings, o.council[c])
		check(fmt.Sprintf("council %d npv", c), cr.NPV, o.councilNPV[c])
	}
	cum, fcum := int64(0), 0.0
	for m, mo := range res.Months {
		cum += mo.Savings.PenceInt()
		fcum += o.monthSavings[m]
		if math.Abs(fcum-float64(cum)) > 100 {
			t.Errorf("month %d cumulative savings: float path %.2f, Run %s", m, fcum/100, carecast.Pence(cum))
			break
		}
	}
}

// settings are the factor settings the float path is checked at.
func settings() map[string]Setting {
	d := decimal.RequireFromString
	with := func(kv ...any) Setting {
		x := Neutral()
		for i := 0; i < len(kv); i += 2 {
			x[kv[i].(carecast.Factor)] = d(kv[i+1].(string))
		}
		return x
	}
	return map[string]Setting{
		"neutral":        Neutral(),
		"occupancy low":  with(carecast.FactorOccupancy, "0.8"),
		"occupancy high": with(carecast.FactorOccupancy, "1.3"),
		"prices":         with(carecast.FactorSpotPrice, "1.15", carecast.FactorBlockPrice, "0.93"),
		"inflation":      with(carecast.FactorSpotInflation, "0.03", carecast.FactorBlockUplift, "-0.01"),
		"delay":          with(carecast.FactorRampDelay, "6"),
		"delay and full": with(carecast.FactorRampDelay, "3", carecast.FactorOccupancy, "1.05"),
		"grants":         with(carecast.FactorGrants, "0.8137"),
		"demand":         with(carecast.FactorDemand, "1.37", carecast.FactorDemandCouncil, "0.83"),
		"demand low":     with(carecast.FactorDemand, "0.61", carecast.FactorOccupancy, "0.9123"),
		"everything":     with(carecast.FactorOccupancy, "0.9123", carecast.FactorSpotPrice, "1.07", carecast.FactorSpotInflation, "-0.013", carecast.FactorBlockPrice, "1.04", carecast.FactorBlockUplift, "0.011", carecast.FactorRampDelay, "2", carecast.FactorGrants, "0.9"),
	}
}

// Every scenario of the tests: the built-in, the hand-worked ones, random
// ones (up to 12 councils, up to 4 years and up to 30 years, with and
// without Occupancy rows) and a national-scale one.
func TestFastAgreesWithRun(t *testing.T) {
	scenarios := map[string]*carecast.Scenario{
		"built-in":     inputs.BuiltInScenario(),
		"hand":         handScenario(),
		"two councils": twoCouncils(),
		"national":     forecasttest.National(40, 12),
	}
	for seed := range forecasttest.Cases[uint64](60, 12) {
		scenarios[fmt.Sprintf("generated %d", seed)] = forecasttest.Generate(rand.New(rand.NewPCG(seed, 7)), forecasttest.Options{})
	}
	for seed := range forecasttest.Cases[uint64](30, 6) {
		scenarios[fmt.Sprintf("generated demand %d", seed)] = forecasttest.Generate(rand.New(rand.NewPCG(seed, 14)), forecasttest.Options{Occupancy: forecasttest.DemandOccupancy})
	}
	for seed := range forecasttest.Cases[uint64](15, 3) {
		scenarios[fmt.Sprintf("generated long %d", seed)] = forecasttest.Generate(rand.New(rand.NewPCG(seed, 8)), forecasttest.Options{MaxYears: 30})
	}
	for name, s := range scenarios {
		for xname, x := range settings() {
			t.Run(name+" "+xname, func(t *testing.T) { agree(t, s, x) })
		}
	}
}

// Random settings drawn from the default distributions, to four places,
// on random scenarios.
func TestFastAgreesAtRandomSettings(t *testing.T) {
	r := rand.New(rand.NewPCG(5, 5))
	risks := carecast.DefaultRisks()
	for seed := range uint64(40) {
		s := forecasttest.Generate(rand.New(rand.NewPCG(seed, 9)), forecasttest.Options{})
		for i := range 5 {
			var x Setting
			for f, rk := range risks {
				x[f] = decimal.NewFromFloat(distOf(rk).quantile(r.Float64())).Round(4)
			}
			t.Run(fmt.Sprintf("generated %d draw %d", seed, i), func(t *testing.T) { agree(t, s, x) })
		}
	}
}

// The float path shares a month's shared cost out exactly as
// Money.Allocate does: largest remainder, ties to the earlier council, for
// few and many councils, equal and unequal shares, costs of either sign,
// by each of its ways (equal shares, whole-number weights, and weights too
// big for them, which go to carecast.Apportion).
func TestFastAllocateAgreesWithMoneyAllocate(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	for i := range 3000 {
		nc := 1 + r.IntN(12)
		if i%3 == 0 {
			nc = 1 + r.IntN(200)
		}
		sh := shares{w: make([]decimal.Decimal, nc), total: decimal.Zero}
		equal := i%5 == 0
		for c := range sh.w {
			p := int64(1 + r.IntN(5))
			if !equal {
				p = r.Int64N(100_000_000) // pledges in pence, some zero
			}
			sh.w[c] = decimal.New(p, -2)
			sh.total = sh.total.Add(sh.w[c])
		}
		if sh.total.IsZero() {
			continue
		}
		sh = sh.withShown()
		amount := r.Int64N(2_000_000_000) - 500_000_000
		if i%7 == 0 {
			amount = int64(nc) * r.Int64N(1000) // whole multiples
		}
		want := carecast.Pence(amount).Allocate(sh.w...)

		f := &fastModel{nc: nc, invNC: 1 / float64(nc), equal: []bool{true}, shares: make([]float64, nc),
			wInt: make([]uint64, nc), wTotal: []uint64{sh.totali.Uint64()}, wMax: []uint64{0}, exact: []shares{{}},
			wRecip: []uint64{recip64(sh.totali.Uint64())}}
		total := sh.total.InexactFloat64()
		for c := range nc {
			f.shares[c] = sh.w[c].InexactFloat64() / total
			f.equal[0] = f.equal[0] && sh.wi[c].Cmp(sh.wi[0]) == 0
			f.wInt[c] = sh.wi[c].Uint64()
			f.wMax[0] = max(f.wMax[0], f.wInt[c])
		}
		way := "whole numbers"
		switch {
		case f.equal[0]:
			way = "equal"
		case i%4 == 1:
			// Weights too big for whole numbers.
			f.wTotal[0], f.exact[0], way = 0, sh, "Apportion"
		}
		f.aLim = []uint64{f.intLimit(0)}
		o := &fastOutcome{parts: make([]float64, nc), rems: make([]float64, nc),
			remsU: make([]uint64, nc), rs: newRemScratch(nc),
			acc: make([]int64, nc), bon: make([]uint64, (nc+7)/8), bk: make([]uint8, (nc+7)/8*8),
			eqb: make([]uint64, (nc+63)/64)}
		got := f.allocate(o, 0, float64(amount))
		for c := range nc {
			if got[c] != float64(want[c].PenceInt()) {
				t.Fatalf("case %d (%d councils, %s, %d pence): council %d gets %.0f, Money.Allocate gives %s",
					i, nc, way, amount, c, got[c], want[c])
			}
		}
	}
}

// The float path's exact mode gives exactly Run's consortium savings and
// NPV, to the penny, on every scenario and setting the float path is
// checked at, at random settings, and with every figure taken by its
// exact route (exactAlways) as well as by float64 where that decides the
// penny; several settings share one model, as in Sensitivity.
func TestExactModeIsRun(t *testing.T) {
	scenarios := map[string]*carecast.Scenario{
		"built-in":     inputs.BuiltInScenario(),
		"hand":         handScenario(),
		"two councils": twoCouncils(),
		"national":     forecasttest.National(40, 12),
	}
	if s, _, err := inputs.Load("../examples/demand"); err == nil {
		scenarios["examples/demand"] = s
	} else {
		t.Fatal(err)
	}
	for seed := range forecasttest.Cases[uint64](30, 6) {
		scenarios[fmt.Sprintf("generated %d", seed)] = forecasttest.Generate(rand.New(rand.NewPCG(seed, 7)), forecasttest.Options{})
	}
	for seed := range forecasttest.Cases[uint64](8, 2) {
		scenarios[fmt.Sprintf("generated long %d", seed)] = forecasttest.Generate(rand.New(rand.NewPCG(seed, 8)), forecasttest.Options{MaxYears: 30})
	}
	for seed := range forecasttest.Cases[uint64](12, 3) {
		scenarios[fmt.Sprintf("generated demand %d", seed)] = forecasttest.Generate(rand.New(rand.NewPCG(seed, 16)), forecasttest.Options{Occupancy: forecasttest.DemandOccupancy})
	}
	r := rand.New(rand.NewPCG(6, 6))
	risks := carecast.DefaultRisks()
	for name, s := range scenarios {
		xs := settings()
		for i := range 4 {
			var x Setting
			for f, rk := range risks {
				x[f] = decimal.NewFromFloat(distOf(rk).quantile(r.Float64())).Round(5)
			}
			xs[fmt.Sprintf("draw %d", i)] = x
		}
		ms := newExactModels(s)
		for xname, x := range xs {
			t.Run(name+" "+xname, func(t *testing.T) {
				res, err := Run(Apply(s, x))
				if err != nil {
					t.Fatal(err)
				}
				for _, always := range []bool{false, true} {
					exactAlways = always
					got, err := ms.outcome(x)
					exactAlways = false
					if err != nil {
						t.Fatal(err)
					}
					if !got.Savings.Equal(res.Total.Savings) || !got.NPV.Equal(res.NPV) {
						t.Errorf("exact mode (every figure exactly: %v) %s, NPV %s; Run %s, NPV %s", always, got.Savings, got.NPV, res.Total.Savings, res.NPV)
					}
				}
			})
		}
	}
}

// roundClear rounds only when the float figure is far enough from a half
// penny for the exact figure to round the same way.
func TestRoundClear(t *testing.T) {
	for _, c := range []struct {
		v    float64
		want int64
		ok   bool
	}{
		{3.2, 3, true},
		{3.7, 4, true},
		{0, 0, true},
		{2.5, 0, false},                // a tie: exactly
		{123456789.5 - 1e-6, 0, false}, // within 1e-6 of a half: float64 cannot tell
		{123456789.5 + 1e-6, 0, false}, //
		{123456789.5 - 1e-4, 123456789, true},
		{123456789.5 + 1e-4, 123456790, true},
	} {
		got, ok := roundClear(c.v, 3)
		if ok != c.ok || (ok && got != c.want) {
			t.Errorf("roundClear(%v) = %d, %v; want %d, %v", c.v, got, ok, c.want, c.ok)
		}
	}
}

// divW is exact: against Div64 at the edges of its float64 route and at
// random.
func TestDivW(t *testing.T) {
	r := rand.New(rand.NewPCG(8, 8))
	check := func(w, a, W uint64) {
		t.Helper()
		hi, lo := bits.Mul64(w, a)
		wq, wr := bits.Div64(hi, lo, W)
		if q, rem := divW(w, a, W, 1/float64(W)); q != wq || rem != wr {
			t.Fatalf("divW(%d, %d, %d) = %d r %d, want %d r %d", w, a, W, q, rem, wq, wr)
		}
	}
	for range 200_000 {
		W := 1 + r.Uint64N(1<<uint(1+r.IntN(62)))
		w := r.Uint64N(W + 1)
		a := r.Uint64N(1 << uint(1+r.IntN(54)))
		if hi, _ := bits.Mul64(w, a); hi >= W {
			continue
		}
		check(w, a, W)
	}
	for _, W := range []uint64{1, 3, 7, 1<<50 - 1, 1 << 50, 1<<61 - 1, 1 << 61} {
		for _, p := range []uint64{1<<50 - 1, 1 << 50, 1<<50 + 1, 1<<49 + 12345, 1<<63 - 1, 1 << 62} {
			for _, w := range []uint64{1, W} {
				if a := p / w; a > 0 {
					if hi, _ := bits.Mul64(w, a); hi < W {
						check(w, a, W)
					}
				}
			}
		}
	}
}

// The reciprocal route of allocate: with K = recip64(W), the high word of
// n x K is n / W or one less, for every n < 2^63 and 2 <= W < 2^61, and
// rem x K >> 58 is below 64 for rem < W; checked by math/bits' division at
// the extremes and at random.
func TestRecip64Quotient(t *testing.T) {
	r := rand.New(rand.NewPCG(9, 9))
	ws := []uint64{2, 3, 7, 100, 1<<32 + 1, 1<<61 - 1}
	for range 200 {
		ws = append(ws, 2+r.Uint64N(1<<61-2), 2+r.Uint64N(1<<20))
	}
	for _, W := range ws {
		K := recip64(W)
		if want, _ := bits.Div64(1, 0, W); K != want {
			t.Fatalf("recip64(%d) = %d, want %d", W, K, want)
		}
		ns := []uint64{0, 1, W - 1, W, W + 1, 1<<63 - 1, (1<<63 - 1) / W * W}
		for range 200 {
			ns = append(ns, r.Uint64N(1<<63), r.Uint64N(W))
		}
		for _, n := range ns {
			q, _ := bits.Mul64(n, K)
			if want := n / W; q != want && q+1 != want {
				t.Fatalf("W %d n %d: high word %d, quotient %d", W, n, q, want)
			}
			if rem := n % W; (rem*K)>>58 >= remainderBuckets {
				t.Fatalf("W %d rem %d: bucket %d", W, rem, (rem*K)>>58)
			}
		}
	}
	if recip64(1) != 0 || recip64(0) != 0 {
		t.Error("recip64 of 0 or 1 is not 0")
	}
}

// With a demand_council multiplier for each council, as a Monte Carlo run
// draws them, the float path agrees with Run on ApplyCouncils within £1.
func TestFastAgreesWithPerCouncilDemand(t *testing.T) {
	r := rand.New(rand.NewPCG(14, 14))
	for seed := range uint64(30) {
		s := forecasttest.Generate(rand.New(rand.NewPCG(seed, 15)), forecasttest.Options{Occupancy: forecasttest.DemandOccupancy})
		x := Neutral()
		x[carecast.FactorDemand] = decimal.NewFromFloat(0.7 + 0.8*r.Float64()).Round(4)
		per := make([]decimal.Decimal, len(s.Councils))
		perF := make([]float64, len(s.Councils))
		for c := range per {
			per[c] = decimal.NewFromFloat(0.5 + r.Float64()).Round(4)
			perF[c] = per[c].InexactFloat64()
		}
		res, err := Run(ApplyCouncils(s, x, per))
		if err != nil {
			t.Fatal(err)
		}
		f, err := newFastModel(s, 0)
		if err != nil {
			t.Fatal(err)
		}
		o := f.newOutcome()
		o.DemandC = perF
		fx := floatSetting(x)
		f.eval(&fx, o)
		if d := math.Abs(o.savings - float64(res.Total.Savings.PenceInt())); d > 100 {
			t.Errorf("seed %d: float path savings %.2f, Run %s", seed, o.savings/100, res.Total.Savings)
		}
		for c, cr := range res.Councils {
			if d := math.Abs(o.council[c] - float64(cr.Total.Savings.PenceInt())); d > 100 {
				t.Errorf("seed %d council %d: float path savings %.2f, Run %s", seed, c, o.council[c]/100, cr.Total.Savings)
			}
		}
	}
}

// eval's shortcuts change no figure, to the last bit: months worked out
// once for the months that repeat them (twins), terms laid out in slots
// (uniformMonth) and the shared cost shared out in whole numbers
// (shareInt), each against eval without it (eval's loop over terms, and
// allocate's division route), on scenarios where each is taken; and a
// delayed model made from the model of no delay (withDelay) against one
// made afresh.
func TestFastShortcutsChangeNothing(t *testing.T) {
	scenarios := map[string]*carecast.Scenario{
		"built-in": inputs.BuiltInScenario(),
		"national": forecasttest.National(40, 12),
		"hand":     handScenario(),
	}
	for seed := range forecasttest.Cases[uint64](20, 4) {
		scenarios[fmt.Sprintf("generated long %d", seed)] = forecasttest.Generate(rand.New(rand.NewPCG(seed, 21)), forecasttest.Options{MaxYears: 30})
	}
	without := map[string]func(f *fastModel){
		"twins": func(f *fastModel) {
			for m := range f.twin {
				f.twin[m], f.reps[m] = int32(m), 1
			}
		},
		"slots": func(f *fastModel) {
			f.slots = make([]int8, f.months)
			for m := range f.twin {
				f.twin[m], f.reps[m] = int32(m), 1
			}
		},
		"shareInt": func(f *fastModel) { f.aLim = make([]uint64, f.months) },
	}
	taken := map[string]bool{}
	for name, s := range scenarios {
		for xname, x := range settings() {
			k := rampMonths(x[carecast.FactorRampDelay], s.Assumptions.Months())
			f, err := newFastModel(s, k)
			if err != nil {
				t.Fatal(err)
			}
			fx := floatSetting(x)
			want := f.newOutcome()
			f.eval(&fx, want)
			if k > 0 {
				// The model of no delay, delayed (Simulate's way): its
				// tables shared and the months whose rooms do not move
				// copied.
				base, err := newFastModel(s, 0)
				if err != nil {
					t.Fatal(err)
				}
				g, err := base.withDelay(k)
				if err != nil {
					t.Fatal(err)
				}
				got := g.newOutcome()
				g.eval(&fx, got)
				if got.savings != want.savings || got.npv != want.npv || !slices.Equal(got.council, want.council) ||
					!slices.Equal(got.councilNPV, want.councilNPV) || !slices.Equal(got.monthSavings, want.monthSavings) {
					t.Errorf("%s %s: withDelay(%d) savings %v npv %v; newFastModel %v %v", name, xname, k, got.savings, got.npv, want.savings, want.npv)
				}
			}
			for way, off := range without {
				g, err := newFastModel(s, k)
				if err != nil {
					t.Fatal(err)
				}
				for m := range g.months {
					taken["twins"] = taken["twins"] || g.twin[m] != int32(m)
					taken["slots"] = taken["slots"] || g.slots[m] > 1
					taken["shareInt"] = taken["shareInt"] || g.aLim[m] > 0
				}
				off(g)
				got := g.newOutcome()
				g.eval(&fx, got)
				same := got.savings == want.savings && got.npv == want.npv &&
					slices.Equal(got.council, want.council) && slices.Equal(got.councilNPV, want.councilNPV) &&
					slices.Equal(got.monthSavings, want.monthSavings)
				if !same {
					t.Errorf("%s %s: without %s, savings %v npv %v councils %v; with it %v %v %v",
						name, xname, way, got.savings, got.npv, got.council, want.savings, want.npv, want.council)
				}
			}
		}
	}
	for way := range without {
		if !taken[way] {
			t.Errorf("no scenario takes %s", way)
		}
	}
}

// sameOn compares two step functions day by day over [lo, hi): a change
// on the last day counts, one on hi does not, nor do steps that repeat a
// value.
func TestSameOn(t *testing.T) {
	var a, b steps[float64]
	a.set(10, 1)
	b.set(10, 1)
	b.set(19, 2)
	for _, c := range []struct {
		lo, hi int
		want   bool
	}{{0, 19, true}, {0, 20, false}, {19, 20, false}, {20, 30, false}, {0, 10, true}, {5, 11, true}} {
		if got := sameOn(&a, &b, c.lo, c.hi); got != c.want {
			t.Errorf("sameOn over [%d, %d) = %v, want %v", c.lo, c.hi, got, c.want)
		}
	}
	var d steps[float64]
	d.set(3, 1)
	d.set(12, 1) // a step to the same value
	if !sameOn(&a, &d, 10, 30) || sameOn(&a, &d, 0, 30) {
		t.Error("steps to the same value: want the same from day 10, not from day 0")
	}
}
