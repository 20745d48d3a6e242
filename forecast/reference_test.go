package forecast_test

import (
	"math/big"
	"math/rand/v2"
	"testing"

	"github.com/carecast/carecast"
	"github.com/carecast/carecast/forecast"
	"github.com/carecast/carecast/forecast/forecasttest"
	"github.com/shopspring/decimal"
)

// An independent route to the monthly money figures of docs/methodology.md §4: day by
// day, in exact rationals, reading every value straight from the scenario's
// rows (no step functions, no stretches, no fixed exponents), then rounding
// each monthly sum to pence half away from zero. The engine must agree with
// it to the penny on generated scenarios.

// rat converts a decimal to an exact rational.
func rat(d decimal.Decimal) *big.Rat { return d.Rat() }

// indexedRat is P * (1+u)^n, n whole years from d to t (negative allowed).
func indexedRat(p, u decimal.Decimal, d, t carecast.Date) *big.Rat {
	n := d.WholeYears(t)
	g := new(big.Rat).Add(big.NewRat(1, 1), rat(u))
	x := rat(p)
	for ; n > 0; n-- {
		x.Mul(x, g)
	}
	for ; n < 0; n++ {
		x.Quo(x, g)
	}
	return x
}

// pence rounds an amount in pounds to whole pence, half away from zero.
func pence(x *big.Rat) int64 {
	y := new(big.Rat).Mul(x, big.NewRat(100, 1))
	neg := y.Sign() < 0
	y.Abs(y)
	y.Add(y, big.NewRat(1, 2))
	q := new(big.Int).Quo(y.Num(), y.Denom())
	if neg {
		q.Neg(q)
	}
	return q.Int64()
}

// reference holds the day-by-day sums of one month.
type reference struct {
	block int64
	used  []int64
	spot  []int64
}

func referenceMonth(s *carecast.Scenario, m int) reference {
	a := s.Assumptions
	start, end := a.StartDate.AddMonths(m), a.StartDate.AddMonths(m+1)
	nc := len(s.Councils)
	weights := referenceWeights(s, start)
	block := new(big.Rat)
	used := make([]*big.Rat, nc)
	spot := make([]*big.Rat, nc)
	for c := range nc {
		used[c], spot[c] = new(big.Rat), new(big.Rat)
	}
	seven := big.NewRat(7, 1)
	for t := start; t.Before(end); t = t.AddDays(1) {
		rooms := 0
		var roomsFrom carecast.Date
		for _, r := range s.Rooms {
			if !r.From.After(t) && (roomsFrom.IsZero() || !r.From.Before(roomsFrom)) {
				rooms, roomsFrom = r.Rooms, r.From
			}
		}
		b := indexedRat(a.BlockWeeklyPrice, a.BlockUplift, a.PriceDate(), t)
		b.Quo(b, seven) // per day
		block.Add(block, new(big.Rat).Mul(b, big.NewRat(int64(rooms), 1)))
		for c := range nc {
			var o *big.Rat
			if len(s.Occupancy) > 0 {
				o = new(big.Rat)
				var from carecast.Date
				for _, r := range s.Occupancy {
					if r.Council == c && !r.From.After(t) && (from.IsZero() || !r.From.Before(from)) {
						o, from = rat(r.RoomsOccupied), r.From
					}
				}
			} else {
				// O_c = rate x R x s_c.
				o = new(big.Rat).Mul(rat(a.OccupancyRate), big.NewRat(int64(rooms), 1))
				o.Mul(o, weights[c])
			}
			if o.Sign() == 0 {
				continue
			}
			used[c].Add(used[c], new(big.Rat).Mul(o, b))
			var sc *carecast.SpotCost
			for i, r := range s.SpotCosts {
				if r.Council == c && !r.From.After(t) && (sc == nil || !r.From.Before(sc.From)) {
					sc = &s.SpotCosts[i]
				}
			}
			if sc != nil {
				p := indexedRat(sc.WeeklyCost, sc.AnnualInflation, sc.From, t)
				p.Quo(p, seven)
				spot[c].Add(spot[c], p.Mul(p, o))
			}
		}
	}
	ref := reference{block: pence(block)}
	var sum int64
	whole := new(big.Rat)
	for c := range nc {
		ref.used = append(ref.used, pence(used[c]))
		ref.spot = append(ref.spot, pence(spot[c]))
		sum += ref.used[c]
		whole.Add(whole, used[c])
	}
	// When the rooms are full (the used total rounds to the block cost)
	// or the parts exceed it, the rounded total is shared by largest
	// remainder of the exact parts, ties to the earlier council.
	if w := pence(whole); w == ref.block || sum > ref.block {
		rems := make([]*big.Rat, nc)
		left := w
		for c := range nc {
			x := new(big.Rat).Mul(used[c], big.NewRat(100, 1))
			f := new(big.Int).Quo(x.Num(), x.Denom()) // floor: used is never negative
			ref.used[c] = f.Int64()
			rems[c] = x.Sub(x, new(big.Rat).SetInt(f))
			left -= ref.used[c]
		}
		for ; left > 0; left-- {
			best := -1
			for c := range nc {
				if best < 0 || rems[c].Cmp(rems[best]) > 0 {
					best = c
				}
			}
			ref.used[best]++
			rems[best] = big.NewRat(-1, 1)
		}
	}
	return ref
}

// referenceWeights returns the shares s_c of the month starting on first:
// the share column, else this month's pledge instalments, else equal.
func referenceWeights(s *carecast.Scenario, first carecast.Date) []*big.Rat {
	nc := len(s.Councils)
	w := make([]*big.Rat, nc)
	total := new(big.Rat)
	any := false
	for _, c := range s.Councils {
		any = any || c.HasShare
	}
	for c, k := range s.Councils {
		switch {
		case any && k.HasShare:
			w[c] = rat(k.Share)
		case any:
			w[c] = new(big.Rat)
		default:
			w[c] = new(big.Rat)
			for _, p := range s.Pledges {
				if p.Council == c {
					w[c].Add(w[c], big.NewRat(instalment(p.From, p.To, p.AnnualAmount.PenceInt(), first), 100))
				}
			}
		}
		total.Add(total, w[c])
	}
	if total.Sign() == 0 {
		for c := range w {
			w[c] = big.NewRat(1, int64(nc))
		}
		return w
	}
	for c := range w {
		w[c].Quo(w[c], total)
	}
	return w
}

// instalment is a pledge's instalment in the month starting on first, in
// pence: months whose first day lies in [from, to] pay, the j-th (counting
// month-starts from from) round(A(j+1)/12) - round(Aj/12).
func instalment(from, to carecast.Date, annual int64, first carecast.Date) int64 {
	if first.Before(from) || first.After(to) {
		return 0
	}
	j := 0
	for d := first.AddMonths(-1); !d.Before(from); d = d.AddMonths(-1) {
		j++
	}
	round := func(x int64) int64 { return pence(big.NewRat(x, 1200)) } // x/12 pence
	return round(annual*int64(j+1)) - round(annual*int64(j))
}

func TestEngineAgreesWithDayByDayReference(t *testing.T) {
	r := rand.New(rand.NewPCG(20261123, 7))
	scenarios := 60
	if testing.Short() {
		scenarios = 10
	}
	for i := range scenarios {
		s := forecasttest.Generate(r, forecasttest.Options{MaxCouncils: 6, MaxYears: 2})
		res, err := forecast.Run(s)
		if err != nil {
			t.Fatalf("scenario %d: %v", i, err)
		}
		for m := range res.Months {
			ref := referenceMonth(s, m)
			mo := res.Months[m]
			if got := mo.BlockCost.PenceInt(); got != ref.block {
				t.Fatalf("scenario %d month %d: block cost %d pence, reference %d", i, m, got, ref.block)
			}
			for c, cm := range mo.Councils {
				if got := cm.UsedBlock.PenceInt(); got != ref.used[c] {
					t.Fatalf("scenario %d month %d council %d: used block %d pence, reference %d", i, m, c, got, ref.used[c])
				}
				if got := cm.SpotAvoided.PenceInt(); got != ref.spot[c] {
					t.Fatalf("scenario %d month %d council %d: spot avoided %d pence, reference %d", i, m, c, got, ref.spot[c])
				}
				if got, want := cm.Pledges.PenceInt(), referencePledge(s, c, mo.Start); got != want {
					t.Fatalf("scenario %d month %d council %d: pledges %d pence, reference %d", i, m, c, got, want)
				}
			}
		}
	}
}

func referencePledge(s *carecast.Scenario, c int, first carecast.Date) int64 {
	var p int64
	for _, pl := range s.Pledges {
		if pl.Council == c {
			p += instalment(pl.From, pl.To, pl.AnnualAmount.PenceInt(), first)
		}
	}
	return p
}
