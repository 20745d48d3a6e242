package forecast

import (
	"math/big"
	"sort"

	"github.com/carecast/carecast"
	"github.com/shopspring/decimal"
)

// Occupancy derived from demand (docs/methodology.md §11). Demand D_c(t),
// rooms R(t) and allocations A_c(t) are step functions of the day, so the
// occupancy O_c(t) derived from them is one too: it can change only on a
// day on which one of them does. On each such day:
//
//	usable U = min(max_fill x R, sum of D_c)
//	pooled:          O_c = U x D_c / sum D
//	allocated:       O_c = min(D_c, max_fill x A_c)
//	allocated_trade: O_c = min(D_c, max_fill x A_c), then the rest of U
//	                 shared among councils with unmet demand in proportion
//	                 to it, each at most its unmet demand
//
// computed exactly, then rounded to derivedPlaces by the largest remainder
// so that the councils sum to the rounded total. Overflow D_c - O_c is the
// placements still spot-purchased.

// derivedPlaces is the precision of derived occupancy: millionths of a room.
const derivedPlaces = 6

// Derived is occupancy derived from demand, as rows of each council in
// force from a date (zero before its first), in date order.
type Derived struct {
	Occupancy []carecast.OccupancyRow
	// Overflow rows are D_c - O_c: placements still spot-purchased.
	Overflow []carecast.OccupancyRow
}

// DeriveOccupancy derives each council's occupancy and overflow from the
// scenario's Demand rows (nil when it has none). The scenario must be
// valid; see package inputs.
func DeriveOccupancy(s *carecast.Scenario) *Derived {
	if len(s.Demand) == 0 {
		return nil
	}
	nc := len(s.Councils)
	a := s.Assumptions
	rule := a.SharingRule()
	rooms := stepsOf(s.Rooms, func(r carecast.RoomsRow) (carecast.Date, decimal.Decimal) {
		return r.From, decimal.NewFromInt(int64(r.Rooms))
	})
	dem := councilSteps(nc, len(s.Demand), func(i int) (int, carecast.Date, decimal.Decimal) {
		r := s.Demand[i]
		return r.Council, r.From, r.Placements
	})
	var alloc []steps[decimal.Decimal]
	if rule != carecast.SharingPooled {
		alloc = councilSteps(nc, len(s.Allocations), func(i int) (int, carecast.Date, decimal.Decimal) {
			r := s.Allocations[i]
			return r.Council, r.From, decimal.NewFromInt(int64(r.Rooms))
		})
	}
	start := a.StartDate.Days()
	days := append([]int(nil), rooms.days...)
	for _, d := range dem {
		days = append(days, d.days...)
	}
	for _, d := range alloc {
		days = append(days, d.days...)
	}
	for i, d := range days {
		days[i] = max(d, start) // rows before the start are in force at it
	}
	sort.Ints(days)
	days = dedupeInts(days)

	fill := a.Fill()
	out := &Derived{}
	d := make([]decimal.Decimal, nc)
	al := make([]decimal.Decimal, nc)
	last := make([]decimal.Decimal, nc)
	lastOver := make([]decimal.Decimal, nc)
	started := make([]bool, nc)
	for _, day := range days {
		for c := range nc {
			d[c] = dem[c].at(day)
			if alloc != nil {
				al[c] = alloc[c].at(day)
			}
		}
		o := Share(rule, fill, rooms.at(day), d, al)
		from := carecast.DateFromDays(day)
		for c := range nc {
			if !started[c] && (len(dem[c].days) == 0 || dem[c].days[0] > day) {
				continue // before the council's first Demand row
			}
			over := d[c].Sub(o[c])
			if !started[c] || !o[c].Equal(last[c]) {
				out.Occupancy = append(out.Occupancy, carecast.OccupancyRow{Council: c, From: from, RoomsOccupied: o[c]})
			}
			if !started[c] || !over.Equal(lastOver[c]) {
				out.Overflow = append(out.Overflow, carecast.OccupancyRow{Council: c, From: from, RoomsOccupied: over})
			}
			started[c], last[c], lastOver[c] = true, o[c], over
		}
	}
	return out
}

// councilSteps makes a step function per council from n rows.
func councilSteps(nc, n int, row func(i int) (int, carecast.Date, decimal.Decimal)) []steps[decimal.Decimal] {
	idx := make([][]int, nc)
	for i := range n {
		c, _, _ := row(i)
		idx[c] = append(idx[c], i)
	}
	out := make([]steps[decimal.Decimal], nc)
	for c, is := range idx {
		out[c] = stepsOf(is, func(i int) (carecast.Date, decimal.Decimal) {
			_, d, v := row(i)
			return d, v
		})
	}
	return out
}

// Share is one day's occupancy under a sharing rule: demand d and
// allocations a by council (a is read only by the allocated rules), rooms
// and max_fill fill. Each O_c is computed exactly and rounded to six
// decimal places by the largest remainder, so that the councils sum to
// the exact total rounded half away from zero; ties go to the earlier
// council.
func Share(rule string, fill, rooms decimal.Decimal, d, a []decimal.Decimal) []decimal.Decimal {
	return roundOccupancy(shareExact(rule, fill, rooms, d, a))
}

// shareExact is Share before rounding.
func shareExact(rule string, fill, rooms decimal.Decimal, d, a []decimal.Decimal) []*big.Rat {
	nc := len(d)
	rat := func(x decimal.Decimal) *big.Rat { return x.Rat() }
	o := make([]*big.Rat, nc)
	sumD := new(big.Rat)
	for c := range d {
		sumD.Add(sumD, rat(d[c]))
	}
	u := rat(fill.Mul(rooms))
	if sumD.Cmp(u) < 0 {
		u = sumD
	}
	if rule == carecast.SharingPooled {
		for c := range o {
			o[c] = new(big.Rat)
			if sumD.Sign() > 0 {
				o[c].Mul(u, rat(d[c]))
				o[c].Quo(o[c], sumD)
			}
		}
		return o
	}
	used := new(big.Rat)
	unmet := make([]*big.Rat, nc)
	for c := range o {
		o[c] = rat(decimal.Min(d[c], fill.Mul(a[c])))
		used.Add(used, o[c])
		unmet[c] = rat(d[c]).Sub(rat(d[c]), o[c])
	}
	if rule == carecast.SharingAllocatedTrade {
		rest := new(big.Rat).Sub(u, used)
		for c, x := range cappedProportional(rest, unmet) {
			o[c].Add(o[c], x)
		}
	}
	return o
}

// cappedProportional shares amount among the weights w (each a cap too) in
// proportion to w, each at most its cap, iterating: a part that would
// exceed its cap takes the cap, and the rest is shared again among the
// others. With the weights their own caps the first round never exceeds a
// cap when amount <= sum w; the loop keeps the rule true whatever the
// caller passes. What cannot be placed (amount > sum of caps) is dropped.
func cappedProportional(amount *big.Rat, w []*big.Rat) []*big.Rat {
	parts := make([]*big.Rat, len(w))
	for c := range parts {
		parts[c] = new(big.Rat)
	}
	open := make([]bool, len(w))
	for c := range w {
		open[c] = w[c].Sign() > 0
	}
	left := new(big.Rat).Set(amount)
	for left.Sign() > 0 {
		total := new(big.Rat)
		for c := range w {
			if open[c] {
				total.Add(total, w[c])
			}
		}
		if total.Sign() == 0 {
			break
		}
		capped := false
		for c := range w {
			if !open[c] {
				continue
			}
			x := new(big.Rat).Mul(left, w[c])
			x.Quo(x, total)
			if room := new(big.Rat).Sub(w[c], parts[c]); x.Cmp(room) >= 0 {
				parts[c].Set(w[c])
				open[c] = false
				capped = true
			}
		}
		if capped {
			// Start the round again from what the capped parts left.
			left.Set(amount)
			for c := range w {
				if !open[c] {
					left.Sub(left, parts[c])
				}
			}
			if left.Sign() <= 0 {
				break
			}
			continue
		}
		for c := range w {
			if open[c] {
				x := new(big.Rat).Mul(left, w[c])
				parts[c].Add(parts[c], x.Quo(x, total))
			}
		}
		break
	}
	return parts
}

// roundOccupancy rounds exact parts to derivedPlaces: the total rounded
// half away from zero, each part first its floor, the units left over one
// each to the largest fractional parts, ties to the earlier council.
func roundOccupancy(o []*big.Rat) []decimal.Decimal {
	scale := new(big.Rat).SetInt(carecast.PowerOfTen(derivedPlaces))
	total := new(big.Rat)
	den := big.NewInt(1)
	scaled := make([]*big.Rat, len(o))
	for c, x := range o {
		scaled[c] = new(big.Rat).Mul(x, scale)
		total.Add(total, scaled[c])
		den = lcm(den, scaled[c].Denom())
	}
	// round(total), half away from zero; the parts are never negative.
	t := new(big.Int).Mul(total.Num(), big.NewInt(2))
	t.Add(t, total.Denom())
	t.Quo(t, new(big.Int).Mul(total.Denom(), big.NewInt(2)))
	// Each part over the common denominator den.
	nums := make([]*big.Int, len(o))
	for c, x := range scaled {
		nums[c] = new(big.Int).Mul(x.Num(), new(big.Int).Quo(den, x.Denom()))
	}
	out := make([]decimal.Decimal, len(o))
	for c, p := range carecast.Apportion(t.Int64(), nums, den, nil) {
		out[c] = decimal.New(p, -derivedPlaces)
	}
	return out
}

func lcm(a, b *big.Int) *big.Int {
	g := new(big.Int).GCD(nil, nil, a, b)
	return new(big.Int).Mul(a, new(big.Int).Quo(b, g))
}
