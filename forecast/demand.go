package forecast

import (
	"cmp"
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

// shareExact is Share before rounding, in exact rationals (shareRule).
func shareExact(rule string, fill, rooms decimal.Decimal, d, a []decimal.Decimal) []*big.Rat {
	rd, ra := make([]*big.Rat, len(d)), make([]*big.Rat, len(d))
	for c := range d {
		rd[c], ra[c] = d[c].Rat(), new(big.Rat)
		if c < len(a) {
			ra[c] = a[c].Rat()
		}
	}
	o := make([]*big.Rat, len(d))
	shareRule(ratArith{}, rule, fill.Rat(), rooms.Rat(), rd, ra, o)
	return o
}

// shareRule is one day's occupancy under a sharing rule, the one statement
// of the rules of docs/methodology.md §11 (the exact engine takes it in
// rationals, shareExact; the float path in float64, shareFloat): demand d
// and allocations a by council, the rooms and max_fill fill, into o.
//
//	usable U = min(fill x rooms, sum of d)
//	pooled:          o_c = U x d_c / sum d
//	allocated:       o_c = min(d_c, fill x a_c), scaled down in
//	                 proportion when they add up to more than U
//	allocated_trade: then the rest of U shared among councils with unmet
//	                 demand in proportion to it
//
// The trade needs no cap: the rest, U - sum o, is at most the unmet
// demand, sum d - sum o, as U is at most sum d, so no council is given
// more than its unmet demand.
func shareRule[T any, A arith[T]](ar A, rule string, fill, rooms T, d, a, o []T) {
	sumD := ar.zero()
	for _, x := range d {
		sumD = ar.add(sumD, x)
	}
	u := ar.mul(fill, rooms)
	if ar.less(sumD, u) {
		u = sumD
	}
	if rule == carecast.SharingPooled {
		for c := range o {
			o[c] = ar.zero()
			if ar.sign(sumD) > 0 {
				o[c] = ar.quo(ar.mul(u, d[c]), sumD)
			}
		}
		return
	}
	used := ar.zero()
	for c := range o {
		o[c] = d[c]
		if fa := ar.mul(fill, a[c]); ar.less(fa, d[c]) {
			o[c] = fa
		}
		used = ar.add(used, o[c])
	}
	if ar.less(u, used) {
		// Allocations above the rooms (a delayed ramp, a smaller block
		// being sized): the rooms that exist are shared in proportion.
		for c := range o {
			o[c] = ar.mul(o[c], ar.quo(u, used))
		}
		used = u
	}
	if rule != carecast.SharingAllocatedTrade {
		return
	}
	rest, unmet := ar.sub(u, used), ar.zero()
	for c := range o {
		unmet = ar.add(unmet, ar.sub(d[c], o[c]))
	}
	if ar.sign(rest) <= 0 || ar.sign(unmet) <= 0 {
		return
	}
	for c := range o {
		o[c] = ar.add(o[c], ar.quo(ar.mul(rest, ar.sub(d[c], o[c])), unmet))
	}
}

// arith is the arithmetic of shareRule on numbers of type T.
type arith[T any] interface {
	zero() T
	add(x, y T) T
	sub(x, y T) T
	mul(x, y T) T
	quo(x, y T) T
	less(x, y T) bool
	sign(x T) int
}

// ratArith is exact: each result a new rational.
type ratArith struct{}

func (ratArith) zero() *big.Rat             { return new(big.Rat) }
func (ratArith) add(x, y *big.Rat) *big.Rat { return new(big.Rat).Add(x, y) }
func (ratArith) sub(x, y *big.Rat) *big.Rat { return new(big.Rat).Sub(x, y) }
func (ratArith) mul(x, y *big.Rat) *big.Rat { return new(big.Rat).Mul(x, y) }
func (ratArith) quo(x, y *big.Rat) *big.Rat { return new(big.Rat).Quo(x, y) }
func (ratArith) less(x, y *big.Rat) bool    { return x.Cmp(y) < 0 }
func (ratArith) sign(x *big.Rat) int        { return x.Sign() }
func (floatArith) zero() float64            { return 0 }
func (floatArith) add(x, y float64) float64 { return x + y }
func (floatArith) sub(x, y float64) float64 { return x - y }
func (floatArith) mul(x, y float64) float64 { return x * y }
func (floatArith) quo(x, y float64) float64 { return x / y }
func (floatArith) less(x, y float64) bool   { return x < y }
func (floatArith) sign(x float64) int       { return cmp.Compare(x, 0) }

// floatArith is float64's.
type floatArith struct{}

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
		st := demandStretch{rooms: rooms.at(day).InexactFloat64(), demand: make([]float64, nc), alloc: make([]float64, nc),
			roomsD: rooms.at(day), demandD: make([]decimal.Decimal, nc), allocD: make([]decimal.Decimal, nc)}
		for c := range nc {
			st.demandD[c], st.allocD[c] = dem[c].at(day), alloc[c].at(day)
			st.demand[c] = st.demandD[c].InexactFloat64()
			st.alloc[c] = st.allocD[c].InexactFloat64()
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

// shareFloat is shareExact in float64, into out (shareRule).
func shareFloat(rule string, fill, rooms float64, d, a, out []float64) {
	shareRule(floatArith{}, rule, fill, rooms, d, a, out)
}
