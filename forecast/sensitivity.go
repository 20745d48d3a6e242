package forecast

import (
	"math"
	"runtime"
	"sort"
	"sync"

	"github.com/carecast/carecast"
	"github.com/shopspring/decimal"
)

// switchingPlaces is the precision of a switching value: the search stops
// when the bracket is narrower than this.
const switchingPlaces = 6

// Sensitivity is a one-at-a-time sensitivity analysis by the exact engine:
// each factor at the low and the high of its distribution (ResolveRisks)
// with every other factor at its mode, giving the consortium's savings
// over the horizon and their NPV; the factors sorted by swing (the
// difference between the savings at high and at low, largest first: a
// tornado); and each factor's switching value, the value at which the
// savings come to zero with the others at their modes.
//
// A switching value is searched for in carecast.Factor.SearchRange on
// each side of the mode. Where the savings change sign on a side, the root is found by
// false position with the Illinois modification (exact in one step where
// the savings are linear in the factor, as for spot_price, grants and
// occupancy below the cap), to 6 decimal places; for ramp_delay, by
// bisection on whole months, giving the least delay at which the savings
// are no longer positive (or no longer negative). If both sides have a
// root, the one nearer the mode is given. If neither has, the value is
// "not within range".
//
// risks are the scenario's, from ResolveRisks; base is Run(s), which the
// caller already holds: with every mode at no change it is the central
// outcome, and is not computed again.
func Sensitivity(s *carecast.Scenario, base *carecast.Result, risks []carecast.Risk) (*carecast.Sensitivity, error) {
	return SensitivityProgress(s, base, risks, nil)
}

// SensitivityProgress is Sensitivity calling progress, when not nil, with
// the number of factors done (of carecast.NumFactors) as each is done, one
// call at a time.
func SensitivityProgress(s *carecast.Scenario, baseRun *carecast.Result, risks []carecast.Risk, progress func(done int)) (*carecast.Sensitivity, error) {
	central := Modes(risks)
	// Every point is Run(Apply(s, x))'s savings and NPV, by the float
	// path's exact mode, which gives them to the penny at a fraction of
	// the cost (exact.go).
	outcome := newExactModels(s).outcome
	base := outcomeOf(baseRun)
	if !central.isNeutral() {
		var err error
		if base, err = outcome(central); err != nil {
			return nil, err
		}
	}
	factors := FactorsFor(s)
	out := &carecast.Sensitivity{Scenario: s.Assumptions.Scenario, Years: s.Assumptions.Years, Risks: risks[:len(factors)], Central: base, Factors: make([]carecast.FactorSensitivity, len(factors))}
	months := s.Assumptions.Months()

	// The factors are independent: share them out among the cores.
	var wg sync.WaitGroup
	errs := make([]error, len(factors))
	var mu sync.Mutex
	done := 0
	work := make(chan carecast.Factor)
	for range max(1, min(runtime.GOMAXPROCS(0), len(factors))) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for f := range work {
				out.Factors[f], errs[f] = factorSensitivity(f, risks[f], central, base, months, outcome)
				if progress != nil {
					mu.Lock()
					done++
					progress(done)
					mu.Unlock()
				}
			}
		}()
	}
	for _, f := range factors {
		work <- f
	}
	close(work)
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			return nil, err
		}
	}
	sort.SliceStable(out.Factors, func(i, j int) bool {
		return out.Factors[i].Swing.Cmp(out.Factors[j].Swing) > 0
	})
	return out, nil
}

// outcomeOf is what a forecast comes to: its savings and NPV.
func outcomeOf(r *carecast.Result) carecast.Outcome {
	return carecast.Outcome{Savings: r.Total.Savings, NPV: r.NPV}
}

// FactorsFor is the risk factors that can move the scenario, in Factor
// order: every factor, but the demand factors (the last) only with Demand
// rows. The appraisal's lists of factors and risks keep to these.
func FactorsFor(s *carecast.Scenario) []carecast.Factor {
	fs := carecast.Factors()
	if len(s.Demand) == 0 {
		n := 0
		for _, f := range fs {
			if !f.DemandFactor() {
				fs[n] = f
				n++
			}
		}
		fs = fs[:n]
	}
	return fs
}

func factorSensitivity(f carecast.Factor, r carecast.Risk, central Setting, base carecast.Outcome, months int,
	outcome func(Setting) (carecast.Outcome, error)) (carecast.FactorSensitivity, error) {
	fs := carecast.FactorSensitivity{Factor: f, Risk: r, Low: r.Low, High: r.High}
	at := func(v decimal.Decimal) (carecast.Outcome, error) {
		if v.Equal(central[f]) {
			return base, nil
		}
		x := central
		x[f] = v
		return outcome(x)
	}
	var err error
	if fs.AtLow, err = at(r.Low); err != nil {
		return fs, err
	}
	if fs.AtHigh, err = at(r.High); err != nil {
		return fs, err
	}
	fs.Swing = fs.AtHigh.Savings.Sub(fs.AtLow.Savings)
	if fs.Swing.Sign() < 0 {
		fs.Swing = fs.Swing.Neg()
	}
	fs.Switching, err = switchingValue(f, central, base.Savings, months, at)
	return fs, err
}

// switchingValue searches Factor.SearchRange either side of the mode for the
// value at which savings come to zero (see Sensitivity).
func switchingValue(f carecast.Factor, central Setting, baseSavings carecast.Money, months int,
	at func(decimal.Decimal) (carecast.Outcome, error)) (carecast.SwitchingValue, error) {
	lo, hi := f.SearchRange(months)
	mode := central[f]
	if f == carecast.FactorRampDelay {
		mode = decimal.NewFromInt(int64(rampMonths(mode, months)))
	}
	lo, hi = decimal.Min(lo, mode), decimal.Max(hi, mode)
	sv := carecast.SwitchingValue{SearchLow: lo, SearchHigh: hi}
	f0 := baseSavings.PenceInt()
	if f0 == 0 {
		sv.Found, sv.Value = true, mode
		return sv, nil
	}
	savings := func(v decimal.Decimal) (int64, error) {
		o, err := at(v)
		return o.Savings.PenceInt(), err
	}
	var roots []decimal.Decimal
	for _, end := range []decimal.Decimal{lo, hi} {
		if end.Equal(mode) {
			continue
		}
		fe, err := savings(end)
		if err != nil {
			return sv, err
		}
		if (fe > 0) == (f0 > 0) && fe != 0 {
			continue // no change of sign on this side
		}
		var root decimal.Decimal
		if f == carecast.FactorRampDelay {
			root, err = wholeMonthRoot(mode, end, f0 > 0, savings)
		} else {
			root, err = falsePosition(mode, end, f0, fe, savings)
		}
		if err != nil {
			return sv, err
		}
		roots = append(roots, root)
	}
	for _, r := range roots {
		if !sv.Found || r.Sub(mode).Abs().LessThan(sv.Value.Sub(mode).Abs()) {
			sv.Found, sv.Value = true, r
		}
	}
	return sv, nil
}

// falsePosition finds where savings cross zero between a (savings fa) and
// b (savings fb, of the other sign or zero) by the Illinois method,
// to switchingPlaces decimal places.
func falsePosition(a, b decimal.Decimal, fa, fb int64, savings func(decimal.Decimal) (int64, error)) (decimal.Decimal, error) {
	if fb == 0 {
		return b, nil
	}
	x0, x1 := a.InexactFloat64(), b.InexactFloat64()
	y0, y1 := float64(fa), float64(fb)
	tol := math.Pow(10, -switchingPlaces) / 2
	side := 0
	for range 200 {
		if math.Abs(x1-x0) < tol {
			break
		}
		x := (y0*x1 - y1*x0) / (y0 - y1)
		if !(x > math.Min(x0, x1) && x < math.Max(x0, x1)) {
			x = (x0 + x1) / 2 // guard against a step outside the bracket
		}
		v := decimal.NewFromFloat(x).Round(switchingPlaces + 6)
		fv, err := savings(v)
		if err != nil {
			return decimal.Decimal{}, err
		}
		if fv == 0 {
			return v.Round(switchingPlaces), nil
		}
		// Keep the bracket: x replaces the end of its sign. An end kept
		// twice running has its weight halved (Illinois).
		if y := float64(fv); (y > 0) == (y1 > 0) {
			x1, y1 = x, y
			if side == -1 {
				y0 /= 2
			}
			side = -1
		} else {
			x0, y0 = x, y
			if side == 1 {
				y1 /= 2
			}
			side = 1
		}
	}
	// The bracket is below the tolerance: interpolate within it.
	x := (y0*x1 - y1*x0) / (y0 - y1)
	return decimal.NewFromFloat(x).Round(switchingPlaces), nil
}

// wholeMonthRoot finds, between mode and end (whole months), the delay
// nearest the mode at which the savings no longer have the mode's sign,
// by bisection: it assumes they change sign once.
func wholeMonthRoot(mode, end decimal.Decimal, positive bool, savings func(decimal.Decimal) (int64, error)) (decimal.Decimal, error) {
	near, far := mode.IntPart(), end.IntPart() // near keeps the sign, far does not
	for far-near > 1 || near-far > 1 {
		mid := near + (far-near)/2
		v, err := savings(decimal.NewFromInt(mid))
		if err != nil {
			return decimal.Decimal{}, err
		}
		if (v > 0) == positive && v != 0 {
			near = mid
		} else {
			far = mid
		}
	}
	return decimal.NewFromInt(far), nil
}
