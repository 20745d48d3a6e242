package forecast_test

import (
	"fmt"
	"math/big"
	"math/rand/v2"
	"reflect"
	"testing"

	"github.com/carecast/carecast"
	"github.com/carecast/carecast/forecast"
	"github.com/carecast/carecast/forecast/forecasttest"
	"github.com/shopspring/decimal"
)

// Properties of options and wider benefits over generated scenarios: an
// option that changes nothing gives the base case exactly; wider benefits
// never change a cash figure; an option's forecast adds up as any
// forecast's does, and so do its optimism bias and wider benefits.

// sameResult compares two forecasts field by field, but for the scenario
// they point to and the wider benefits.
func sameResult(a, b *carecast.Result) bool {
	x, y := *a, *b
	x.Scenario, y.Scenario = nil, nil
	x.Wider, y.Wider = nil, nil
	// The wider benefits' present values, summed, are wider figures too.
	x.WiderPresentValue, y.WiderPresentValue = carecast.Money{}, carecast.Money{}
	x.Councils, y.Councils = append([]carecast.CouncilResult(nil), x.Councils...), append([]carecast.CouncilResult(nil), y.Councils...)
	for _, cs := range [][]carecast.CouncilResult{x.Councils, y.Councils} {
		for i := range cs {
			cs[i].WiderPresentValue = carecast.Money{}
		}
	}
	return reflect.DeepEqual(x, y)
}

func randomWider(r *rand.Rand) []carecast.WiderBenefit {
	ws := make([]carecast.WiderBenefit, 1+r.IntN(3))
	for i := range ws {
		ws[i] = carecast.WiderBenefit{
			Measure: fmt.Sprintf("measure %d", i), PerRoomYear: decimal.New(int64(r.IntN(5000)), -3),
			UnitValue: carecast.Pence(int64(r.IntN(1000000))), Bearer: "police",
		}
	}
	return ws
}

// randomOption changes what can be changed while keeping the scenario
// valid: more rooms, less occupancy, any pledges, councils left out,
// another block price, discount rate and optimism bias.
func randomOption(r *rand.Rand, s *carecast.Scenario) carecast.Option {
	o := carecast.Option{Name: "random"}
	if r.IntN(2) == 0 {
		o.RoomsScale = decimal.NewNullDecimal(decimal.New(int64(100+r.IntN(101)), -2))
	}
	if r.IntN(2) == 0 {
		o.PledgeScale = decimal.NewNullDecimal(decimal.New(int64(r.IntN(2001)), -3))
	}
	if r.IntN(2) == 0 {
		o.OccupancyScale = decimal.NewNullDecimal(decimal.New(int64(500+r.IntN(501)), -3))
	}
	if len(s.Councils) > 1 && r.IntN(2) == 0 {
		c := r.IntN(len(s.Councils))
		left := decimal.Zero
		anyShare := false
		for i, k := range s.Councils {
			if i != c && k.HasShare {
				left = left.Add(k.Share)
			}
			anyShare = anyShare || k.HasShare
		}
		if !anyShare || left.Sign() > 0 {
			o.ExcludeCouncils = []int{c}
		}
	}
	if r.IntN(2) == 0 {
		o.Keys = append(o.Keys, "block_weekly_price")
		o.Assumptions.BlockWeeklyPrice = decimal.New(int64(150000+r.IntN(300000)), -2)
	}
	if r.IntN(2) == 0 {
		o.Keys = append(o.Keys, "discount_rate")
		o.Assumptions.DiscountRate = decimal.New(int64(r.IntN(80)), -3)
	}
	o.Keys = append(o.Keys, "optimism_bias")
	o.Assumptions.OptimismBias = decimal.New(int64(r.IntN(600)), -3)
	return o
}

func TestOptionProperties(t *testing.T) {
	lo, hi := 0, max(forecasttest.Cases(*propertySeeds, 100)/5, 1)
	if *propertySeed >= 0 {
		lo, hi = *propertySeed, *propertySeed+1
	}
	for seed := lo; seed < hi; seed++ {
		s := generated(uint64(seed))
		rng := rand.New(rand.NewPCG(uint64(seed), 12))
		t.Run(fmt.Sprintf("seed=%d", seed), func(t *testing.T) {
			base, err := forecast.Run(s)
			if err != nil {
				t.Fatal(err)
			}
			// An option with nothing set is the base case, exactly.
			same, err := forecast.Run((&carecast.Option{Name: "as is"}).Apply(s))
			if err != nil {
				t.Fatal(err)
			}
			if !sameResult(base, same) {
				t.Errorf("an option with no settings differs from the base case")
			}
			// Wider benefits change no other figure.
			w := *s
			w.WiderBenefits = randomWider(rng)
			withWider, err := forecast.Run(&w)
			if err != nil {
				t.Fatal(err)
			}
			if !sameResult(base, withWider) {
				t.Errorf("wider benefits changed the forecast")
			}
			c := &checker{t: t}
			checkWider(c, &w, withWider)

			// An option's forecast adds up.
			o := randomOption(rng, s)
			os := o.Apply(s)
			os.WiderBenefits = w.WiderBenefits
			r, err := forecast.Run(os)
			if err != nil {
				t.Fatalf("Run of option %+v: %v", o, err)
			}
			checkMonths(c, os, r)
			checkSums(c, r)
			checkFund(c, os, r)
			checkInstalments(c, os, r)
			checkNPV(c, os, r)
			checkLedger(c, r)
			checkOptimismBias(c, os, r)
			checkWider(c, os, r)
			if o.Assumptions.OptimismBias.IsZero() {
				c.eq("NPV after a zero optimism bias", r.NPVAfterOptimismBias, r.NPV)
			}
			if c.errs > 0 {
				t.Logf("reproduce with: go test ./forecast -run 'TestOptionProperties' -property.seed=%d", seed)
			}
		})
	}
}

// roundRat rounds a rational number of pounds to pence, half away from zero.
func roundRat(x *big.Rat) carecast.Money {
	pence := new(big.Rat).Mul(x, big.NewRat(100, 1))
	num, den := new(big.Int).Abs(pence.Num()), pence.Denom()
	quo, rem := new(big.Int).QuoRem(num, den, new(big.Int))
	if rem.Lsh(rem, 1).Cmp(den) >= 0 {
		quo.Add(quo, big.NewInt(1))
	}
	if pence.Sign() < 0 {
		quo.Neg(quo)
	}
	return carecast.Pence(quo.Int64())
}

// checkOptimismBias recomputes the NPV after optimism bias in exact
// rationals from the months: spot - round((1+b)(block + other)) + grants,
// discounted as savings are.
func checkOptimismBias(c *checker, s *carecast.Scenario, r *carecast.Result) {
	a := s.Assumptions
	one := big.NewRat(1, 1)
	q := new(big.Rat).Mul(new(big.Rat).Add(one, a.Deflator.Rat()), new(big.Rat).Add(one, a.DiscountRate.Rat()))
	up := new(big.Rat).Add(one, a.OptimismBias.Rat())
	pv := new(big.Rat)
	factor := big.NewRat(1, 1)
	for k := range a.Years {
		var ob carecast.Money
		for m := 12 * k; m < 12*(k+1); m++ {
			mo := r.Months[m]
			cost := roundRat(new(big.Rat).Mul(up, mo.BlockCost.Add(mo.OtherCosts).Decimal().Rat()))
			ob = ob.Add(mo.SpotAvoided).Sub(cost).Add(mo.Grants)
		}
		pv.Add(pv, new(big.Rat).Quo(ob.Decimal().Rat(), factor))
		factor.Mul(factor, q)
	}
	c.eq("NPV after optimism bias", r.NPVAfterOptimismBias, roundRat(pv))
}

// checkWider recomputes each council-month's value of each wider benefit
// in exact rationals (per_room_year x occupied room-days / 365 x
// unit_value, to pence) and checks that councils, years and months add up
// and that the present value is the discounted sum, rounded once.
func checkWider(c *checker, s *carecast.Scenario, r *carecast.Result) {
	if len(r.Wider) != len(s.WiderBenefits) {
		c.errorf("%d wider benefits, want %d", len(r.Wider), len(s.WiderBenefits))
		return
	}
	q := new(big.Rat).Add(big.NewRat(1, 1), s.Assumptions.DiscountRate.Rat())
	for i, b := range s.WiderBenefits {
		w := r.Wider[i]
		pv := new(big.Rat)
		var total carecast.Money
		councilTotals := make([]carecast.Money, len(r.Councils))
		for yi, y := range r.Years {
			var year carecast.Money
			for m := y.First; m <= y.Last; m++ {
				mo := r.Months[m]
				factor := new(big.Rat).SetInt64(1)
				for range mo.ModelYear {
					factor.Mul(factor, q)
				}
				for ci, cm := range mo.Councils {
					v := new(big.Rat).Mul(b.PerRoomYear.Rat(), cm.OccupiedRoomDays.Rat())
					v.Mul(v, b.UnitValue.Decimal().Rat())
					v.Quo(v, big.NewRat(365, 1))
					val := roundRat(v)
					year = year.Add(val)
					councilTotals[ci] = councilTotals[ci].Add(val)
					pv.Add(pv, new(big.Rat).Quo(val.Decimal().Rat(), factor))
				}
			}
			c.eq(fmt.Sprintf("wider %d in %s", i, y.FY), w.Years[yi].Value, year)
			total = total.Add(year)
		}
		c.eq(fmt.Sprintf("wider %d value", i), w.Value, total)
		c.eq(fmt.Sprintf("wider %d present value", i), w.PresentValue, roundRat(pv))
		var pvSum carecast.Money
		qty := decimal.Zero
		for ci, wc := range w.Councils {
			c.eq(fmt.Sprintf("wider %d council %d value", i, ci), wc.Value, councilTotals[ci])
			pvSum = pvSum.Add(wc.PresentValue)
			qty = qty.Add(wc.Quantity)
			var yv carecast.Money
			for _, y := range wc.Years {
				yv = yv.Add(y.Value)
			}
			c.eq(fmt.Sprintf("wider %d council %d years", i, ci), yv, wc.Value)
		}
		c.eq(fmt.Sprintf("wider %d councils' present values", i), pvSum, w.PresentValue)
		c.eqDec(fmt.Sprintf("wider %d councils' quantities", i), qty, w.Quantity)
	}
}

// The wider benefits' present values summed (Result.WiderPresentValue,
// CouncilResult.WiderPresentValue) are the benefits' present values
// added up, the consortium's and each council's, and the councils add up
// to the consortium.
func TestWiderPresentValues(t *testing.T) {
	for seed := range 20 {
		rng := rand.New(rand.NewPCG(uint64(seed), 13))
		s := *generated(uint64(seed))
		s.WiderBenefits = randomWider(rng)
		r, err := forecast.Run(&s)
		if err != nil {
			t.Fatal(err)
		}
		c := &checker{t: t}
		var all, councils carecast.Money
		for _, w := range r.Wider {
			all = all.Add(w.PresentValue)
		}
		c.eq(fmt.Sprintf("seed %d wider present value", seed), r.WiderPresentValue, all)
		for k, cr := range r.Councils {
			var pv carecast.Money
			for _, w := range r.Wider {
				pv = pv.Add(w.Councils[k].PresentValue)
			}
			c.eq(fmt.Sprintf("seed %d council %d wider present value", seed, k), cr.WiderPresentValue, pv)
			councils = councils.Add(pv)
		}
		c.eq(fmt.Sprintf("seed %d councils' wider present values", seed), councils, all)
		if all.IsZero() {
			t.Errorf("seed %d: the wider benefits are worth nothing", seed)
		}
	}
}
