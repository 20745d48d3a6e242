package forecast

import (
	"math"
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
	if used.Cmp(u) > 0 {
		// Allocations above the rooms (a delayed ramp, a smaller block
		// being sized): the rooms that exist are shared in proportion.
		for c := range o {
			o[c].Mul(o[c], u)
			o[c].Quo(o[c], used)
			unmet[c].Sub(rat(d[c]), o[c])
		}
		used.Set(u)
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

// demandStretches returns, for the float path, the stretches on which the
// rooms, every council's demand and every allocation are constant, and
// sets seg to 1 + the stretch in force on each day (0 before the first).
func demandStretches(s *carecast.Scenario, seg *steps[float64]) []demandStretch {
	nc := len(s.Councils)
	rooms := stepsOf(s.Rooms, func(r carecast.RoomsRow) (carecast.Date, decimal.Decimal) {
		return r.From, decimal.NewFromInt(int64(r.Rooms))
	})
	dem := councilSteps(nc, len(s.Demand), func(i int) (int, carecast.Date, decimal.Decimal) {
		r := s.Demand[i]
		return r.Council, r.From, r.Placements
	})
	alloc := councilSteps(nc, len(s.Allocations), func(i int) (int, carecast.Date, decimal.Decimal) {
		r := s.Allocations[i]
		return r.Council, r.From, decimal.NewFromInt(int64(r.Rooms))
	})
	start := s.Assumptions.StartDate.Days()
	days := append([]int(nil), rooms.days...)
	for c := range nc {
		days = append(days, dem[c].days...)
		days = append(days, alloc[c].days...)
	}
	for i, d := range days {
		days[i] = max(d, start)
	}
	sort.Ints(days)
	var out []demandStretch
	for _, day := range dedupeInts(days) {
		st := demandStretch{rooms: rooms.at(day).InexactFloat64(), demand: make([]float64, nc), alloc: make([]float64, nc)}
		for c := range nc {
			st.demand[c] = dem[c].at(day).InexactFloat64()
			st.alloc[c] = alloc[c].at(day).InexactFloat64()
		}
		out = append(out, st)
		seg.set(day, float64(len(out)))
	}
	return out
}

// deriveDraw derives, for one draw of the float path, the occupancy of
// every council on every demand stretch, as ApplyCouncils then Share would
// (demand rounded to six places, max_fill scaled by the occupancy factor
// and rounded down to four), in float64.
func (f *fastModel) deriveDraw(x *fsetting, o *fastOutcome) {
	nc := f.nc
	fill := f.fill
	if occ := max(0, x[carecast.FactorOccupancy]); occ != 1 {
		v := math.Floor(min(1, fill.InexactFloat64()*occ)*1e4+1e-9) / 1e4
		fill = decimal.NewFromFloat(max(v, 1e-4))
	}
	fl := fill.InexactFloat64()
	dm := max(0, x[carecast.FactorDemand])
	if need := len(f.dstretch) * nc; len(o.segOcc) < need {
		o.segOcc = make([]float64, need) // a delayed ramp may have more stretches
	}
	for g, st := range f.dstretch {
		d := o.dScaled
		for c := range nc {
			k := max(0, x[carecast.FactorDemandCouncil])
			if o.DemandC != nil {
				k = max(0, o.DemandC[c])
			}
			d[c] = math.Round(st.demand[c]*dm*k*1e6) / 1e6
		}
		shareFloat(f.rule, fl, st.rooms, d, st.alloc, o.segOcc[g*nc:(g+1)*nc])
	}
}

// shareFloat is shareExact in float64, into out.
func shareFloat(rule string, fill, rooms float64, d, a, out []float64) {
	var sumD float64
	for _, x := range d {
		sumD += x
	}
	u := min(fill*rooms, sumD)
	if rule == carecast.SharingPooled {
		for c := range out {
			out[c] = 0
			if sumD > 0 {
				out[c] = u * d[c] / sumD
			}
		}
		return
	}
	var used float64
	for c := range out {
		out[c] = min(d[c], fill*a[c])
		used += out[c]
	}
	if used > u {
		for c := range out {
			out[c] *= u / used
		}
		used = u
	}
	if rule != carecast.SharingAllocatedTrade {
		return
	}
	// The rest of U by unmet demand: never more than it, so no cap bites.
	rest := u - used
	var unmet float64
	for c := range out {
		unmet += d[c] - out[c]
	}
	if rest <= 0 || unmet <= 0 {
		return
	}
	for c := range out {
		out[c] += rest * (d[c] - out[c]) / unmet
	}
}
