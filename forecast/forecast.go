// Package forecast is the engine of docs/methodology.md §3 to §7: a pure function from
// a carecast.Scenario to a carecast.Result.
//
// The engine works by stretches of days on which nothing changes (the rooms
// available, the block price, each council's occupancy and spot price), not
// day by day: a month is one stretch unless a row or a price anniversary
// falls inside it. Within a stretch a daily figure is constant, so its sum
// over the month is value x days. Weekly prices are per day /7, and every
// monthly money figure is held as an exact fraction num/den until it is
// rounded once to pence (half away from zero), as docs/methodology.md §5 fixes.
package forecast

import (
	"fmt"
	"math"
	"math/big"
	"sort"

	"github.com/carecast/carecast"
	"github.com/shopspring/decimal"
)

var (
	zero = decimal.Zero
	one  = decimal.NewFromInt(1)
)

// negativePowerPlaces is the precision of a price indexed backwards (a block
// price quoted on a date after the day it applies to, so P/(1+u)^n): the one
// place the engine cannot stay exact. 30 places is far below a penny.
const negativePowerPlaces = 30

// Run forecasts the scenario month by month. The scenario must be valid:
// package inputs validates what it reads. Run checks only what would make
// the arithmetic meaningless and says so.
//
// With Demand and Allocations rows, Run also forecasts the scenario under
// the other sharing rules, for Result.Sharing.
func Run(s *carecast.Scenario) (*carecast.Result, error) {
	res, err := runOnly(s)
	if err != nil {
		return nil, err
	}
	if res.Sharing, err = compareSharing(s, res); err != nil {
		return nil, err
	}
	tradingWorth(res)
	return res, nil
}

// runOnly is Run without the comparison of sharing rules: for the callers
// that rerun a scenario many times (sizing) and read only its figures.
func runOnly(s *carecast.Scenario) (*carecast.Result, error) {
	e, err := newEngine(s)
	if err != nil {
		return nil, err
	}
	res, err := e.run()
	if err != nil {
		return nil, err
	}
	res.Wider = Wider(res)
	widerPresentValues(res)
	return res, nil
}

// OverflowError says that a figure would be larger than the engine holds:
// more than carecast.MaxMonthPence in a month. Package inputs bounds the
// values that drive the figures so that a scenario it accepts never
// overflows; a risk setting far from them (or a scenario built in code)
// can, and the error says which figure and when.
type OverflowError struct {
	Figure string        // the figure, as outputs name it: "Block cost"
	Month  carecast.Date // the first day of the month; zero for a total
}

func (e *OverflowError) Error() string {
	when := "over the horizon"
	if !e.Month.IsZero() {
		when = "in the month from " + e.Month.String()
	}
	return fmt.Sprintf("forecast: %s %s is more than carecast computes (%s a month); check the prices, rates, amounts and rooms that drive it", e.Figure, when, carecast.Pence(carecast.MaxMonthPence).Format())
}

// fits reports whether pence is within a month's limit.
func fits(pence int64) bool {
	return pence <= carecast.MaxMonthPence && pence >= -carecast.MaxMonthPence
}

// bigFits reports whether z is within a month's limit.
func bigFits(z *big.Int) bool { return z.IsInt64() && fits(z.Int64()) }

// engine holds the scenario turned into step functions over day numbers.
type engine struct {
	s        *carecast.Scenario
	a        carecast.Assumptions
	nc       int   // councils
	months   int   // periods
	bounds   []int // day number of the first day of period m; bounds[months] is the day after the end
	rooms    *exactSteps
	block    *exactSteps    // block price per room per week
	occ      []*exactSteps  // per council; nil slice when there are no Occupancy rows
	over     []*exactSteps  // per council, overflow when occupancy is derived from demand; else nil
	spot     []*exactSteps  // per council, spot price per week
	pledges  [][]int64      // [m][c] pence
	costs    []int64        // [m] pence
	grants   []int64        // [m] pence
	weights  []shares       // [m] weights of the councils' shares
	actual   []*actualMonth // [m] the Actuals rows of an actual month, nil for a forecast month; nil when none
	explicit bool           // Occupancy rows given
	rate     decimal.Decimal
	rateI    *big.Int // rate = rateI * 10^rateExp
	rateExp  int32
}

// shares are the weights w_c of one month: s_c = w_c / total.
type shares struct {
	w     []decimal.Decimal
	total decimal.Decimal
	shown []decimal.Decimal // s_c to shareDisplayPlaces, for CouncilMonth.Share
	// wi and totali are the weights as integers at a common exponent;
	// small and smallTotal the same in machine words when the total fits
	// in 63 bits and no weight is negative (else small is nil), maxSmall
	// the largest.
	wi                   []*big.Int
	totali               *big.Int
	small                []uint64
	smallTotal, maxSmall uint64
}

// withShown fills in the shares as shown and the integer weights.
func (sh shares) withShown() shares {
	sh.shown = make([]decimal.Decimal, len(sh.w))
	e := sh.total.Exponent()
	for c, w := range sh.w {
		sh.shown[c] = carecast.DivRound(w, sh.total, shareDisplayPlaces)
		e = min(e, w.Exponent())
	}
	sh.wi = make([]*big.Int, len(sh.w))
	sh.totali = new(big.Int)
	for c, w := range sh.w {
		sh.wi[c] = carecast.ScaleTo(w, e)
		sh.totali.Add(sh.totali, sh.wi[c])
	}
	if sh.totali.Sign() > 0 && sh.totali.BitLen() <= 63 {
		sh.small, sh.smallTotal = make([]uint64, len(sh.wi)), sh.totali.Uint64()
		for c, w := range sh.wi {
			if w.Sign() < 0 {
				sh.small = nil
				break
			}
			sh.small[c] = w.Uint64()
			sh.maxSmall = max(sh.maxSmall, sh.small[c])
		}
	}
	return sh
}

// apportionSmall is carecast.Apportion of amount by the weights w (sum W,
// every w_c x |amount| below 2^63), in machine arithmetic: each part
// floor(w_c x amount / W), then one more to the largest remainders, ties
// to the earlier; reusing parts.
func apportionSmall(w []uint64, W uint64, amount int64, parts []int64) []int64 {
	if cap(parts) < len(w) {
		parts = make([]int64, 0, len(w))
	}
	parts = parts[:len(w)]
	a := uint64(max(amount, -amount))
	rems := make([]uint64, len(w))
	left := amount
	for c, wc := range w {
		q, r := wc*a/W, wc*a%W
		p := int64(q)
		if amount < 0 {
			// floor of a negative quotient, and its remainder.
			p = -p
			if r > 0 {
				p, r = p-1, W-r
			}
		}
		parts[c], rems[c] = p, r
		left -= p
	}
	if left <= 0 {
		return parts
	}
	order := make([]int, len(w))
	for c := range order {
		order[c] = c
	}
	sort.SliceStable(order, func(i, j int) bool { return rems[order[i]] > rems[order[j]] })
	for _, c := range order[:min(int(left), len(w))] {
		parts[c]++
	}
	return parts
}

// newEngine checks what would make the arithmetic meaningless and turns
// the scenario into step functions over day numbers (the rooms, the block
// price on its anniversaries, each council's spot price and occupancy) and
// monthly amounts (pledges, running costs, grants, share weights).
func newEngine(s *carecast.Scenario) (*engine, error) {
	a := s.Assumptions
	switch {
	case a.Years < 1 || a.Years > 30:
		return nil, fmt.Errorf("forecast: years must be 1 to 30, not %d", a.Years)
	case a.StartDate.Day != 1 || !a.StartDate.IsValid():
		return nil, fmt.Errorf("forecast: start date %s is not the first day of a month", a.StartDate)
	case len(s.Councils) == 0:
		return nil, fmt.Errorf("forecast: no councils")
	}
	var der *Derived
	if len(s.Demand) > 0 {
		// Occupancy derived from demand takes the place of Occupancy rows.
		der = DeriveOccupancy(s)
		t := *s
		t.Occupancy = der.Occupancy
		s = &t
	}
	e := &engine{s: s, a: a, nc: len(s.Councils), months: a.Months(), rate: a.OccupancyRate}
	e.bounds = make([]int, e.months+1)
	for m := range e.bounds {
		e.bounds[m] = a.StartDate.AddMonths(m).Days()
	}
	end := e.bounds[e.months]

	// Rooms: a step function of whole rooms.
	e.rooms = roomSteps(s.Rooms)

	// The block price, indexed on the anniversaries of its date.
	var block steps[decimal.Decimal]
	indexed(&block, a.PriceDate(), a.BlockWeeklyPrice, a.BlockUplift, e.bounds[0], end)
	e.block = exactly(block)

	if err := e.spotSteps(s.SpotCosts, end); err != nil {
		return nil, err
	}

	// Occupancy, when given: each council's rows in date order.
	if len(s.Occupancy) > 0 {
		e.explicit = true
		perCouncil := make([][]carecast.OccupancyRow, e.nc)
		for _, r := range s.Occupancy {
			if r.Council < 0 || r.Council >= e.nc {
				return nil, fmt.Errorf("forecast: occupancy for council %d of %d", r.Council, e.nc)
			}
			perCouncil[r.Council] = append(perCouncil[r.Council], r)
		}
		e.occ = make([]*exactSteps, e.nc)
		for c, rows := range perCouncil {
			e.occ[c] = exactly(stepsOf(rows, func(r carecast.OccupancyRow) (carecast.Date, decimal.Decimal) {
				return r.From, r.RoomsOccupied
			}))
		}
	}

	if der != nil {
		// Overflow: the demand the block could not take, each council's in
		// date order.
		perCouncil := make([][]carecast.OccupancyRow, e.nc)
		for _, r := range der.Overflow {
			perCouncil[r.Council] = append(perCouncil[r.Council], r)
		}
		e.over = make([]*exactSteps, e.nc)
		for c, rows := range perCouncil {
			e.over[c] = exactly(stepsOf(rows, func(r carecast.OccupancyRow) (carecast.Date, decimal.Decimal) {
				return r.From, r.RoomsOccupied
			}))
		}
	}

	if err := e.monthlyAmounts(); err != nil {
		return nil, err
	}
	// Actual pledges, running costs and grants replace the forecast's
	// before the shares are taken from the pledges.
	if err := e.actuals(); err != nil {
		return nil, err
	}
	e.weights = e.shareWeights()
	e.rateI = carecast.ScaleTo(e.rate, min(0, e.rate.Exponent()))
	e.rateExp = min(0, e.rate.Exponent())
	return e, nil
}

// spotSteps sets each council's spot price from its rows: each row holds
// until the council's next row (or end, a day number), indexed on the
// anniversaries of its own from date.
func (e *engine) spotSteps(rows []carecast.SpotCost, end int) error {
	e.spot = make([]*exactSteps, e.nc)
	byCouncil := make([][]carecast.SpotCost, e.nc)
	for _, r := range rows {
		if r.Council < 0 || r.Council >= e.nc {
			return fmt.Errorf("forecast: spot cost for council %d of %d", r.Council, e.nc)
		}
		byCouncil[r.Council] = append(byCouncil[r.Council], r)
	}
	for c := range e.spot {
		var f steps[decimal.Decimal]
		rs := byCouncil[c]
		sort.SliceStable(rs, func(i, j int) bool { return rs[i].From.Before(rs[j].From) })
		for i, r := range rs {
			until := end
			if i+1 < len(rs) {
				until = min(until, rs[i+1].From.Days())
			}
			indexed(&f, r.From, r.WeeklyCost, r.AnnualInflation, r.From.Days(), until)
		}
		e.spot[c] = exactly(f)
	}
	return nil
}

// monthlyAmounts sets the pledges and running costs of each month by
// instalment (docs/methodology.md §4), and the grants by month; a month's
// total too large for the engine is an *OverflowError.
func (e *engine) monthlyAmounts() error {
	s := e.s
	e.pledges = make([][]int64, e.months)
	for m := range e.pledges {
		e.pledges[m] = make([]int64, e.nc)
	}
	for _, p := range s.Pledges {
		if p.Council < 0 || p.Council >= e.nc {
			return fmt.Errorf("forecast: pledge for council %d of %d", p.Council, e.nc)
		}
		e.instalments(p.From, p.To, p.AnnualAmount, func(m int, pence int64) { e.pledges[m][p.Council] += pence })
	}
	e.costs = make([]int64, e.months)
	for _, k := range s.Costs {
		e.instalments(k.From, k.To, k.AnnualAmount, func(m int, pence int64) { e.costs[m] += pence })
	}
	e.grants = make([]int64, e.months)
	for _, g := range s.Grants {
		if m := e.monthOf(g.Date.Days()); m >= 0 {
			e.grants[m] += g.Amount.PenceInt()
		}
	}
	for m := range e.months {
		var p int64
		for _, x := range e.pledges[m] {
			p += x
		}
		for _, f := range []struct {
			name string
			v    int64
		}{{"Pledges", p}, {"Running costs", e.costs[m]}, {"Grants", e.grants[m]}} {
			if !fits(f.v) {
				return &OverflowError{Figure: f.name, Month: carecast.DateFromDays(e.bounds[m])}
			}
		}
	}
	return nil
}

// indexed sets f to price p quoted on date d at annual rate u, from day
// `from` until day `until`: P*(1+u)^n, n the whole years from d (docs/methodology.md §3).
func indexed(f *steps[decimal.Decimal], d carecast.Date, p, u decimal.Decimal, from, until int) {
	if from >= until {
		return
	}
	n := d.WholeYears(carecast.DateFromDays(from))
	growth := one.Add(u)
	for day := from; day < until; {
		f.set(day, indexedPrice(p, growth, n))
		n++
		day = d.Anniversary(n).Days()
	}
}

// indexedPrice is p*g^n, exact for n >= 0.
func indexedPrice(p, g decimal.Decimal, n int) decimal.Decimal {
	if n >= 0 {
		return p.Mul(pow(g, n))
	}
	return p.DivRound(pow(g, -n), negativePowerPlaces)
}

// pow is x^n for n >= 0, exact.
func pow(x decimal.Decimal, n int) decimal.Decimal {
	r := one
	for ; n > 0; n-- {
		r = r.Mul(x)
	}
	return r
}

// instalments calls pay for each month whose first day lies in [from, to]
// with its instalment: round(A*(j+1)/12) - round(A*j/12) pence for the j-th
// (docs/methodology.md §4). j counts from the first month-start on or after from, even
// one before the horizon, so every twelve instalments make the annual amount.
func (e *engine) instalments(from, to carecast.Date, annual carecast.Money, pay func(m int, pence int64)) {
	first := from
	if first.Day != 1 {
		first = carecast.NewDate(first.Year, first.Month+1, 1)
	}
	a := annual.PenceInt()
	start := e.a.StartDate
	j0 := (start.Year-first.Year)*12 + int(start.Month-first.Month) // instalment number of period 0
	for m := range e.months {
		j := j0 + m
		if j < 0 {
			continue
		}
		if carecast.DateFromDays(e.bounds[m]).After(to) {
			break
		}
		pay(m, roundDiv12(a*int64(j+1))-roundDiv12(a*int64(j)))
	}
}

// roundDiv12 is round(x/12) half away from zero, for x >= 0.
func roundDiv12(x int64) int64 { return (2*x + 12) / 24 }

// monthOf returns the period holding day, or -1.
func (e *engine) monthOf(day int) int {
	if day < e.bounds[0] || day >= e.bounds[e.months] {
		return -1
	}
	return sort.Search(e.months, func(m int) bool { return e.bounds[m+1] > day })
}

// shareWeights returns each month's weights (docs/methodology.md §4): the share column
// if any council has one, else the month's pledges, else equal.
func (e *engine) shareWeights() []shares {
	equal := shares{w: make([]decimal.Decimal, e.nc), total: decimal.NewFromInt(int64(e.nc))}
	for c := range equal.w {
		equal.w[c] = one
	}
	out := make([]shares, e.months)
	column := shares{w: make([]decimal.Decimal, e.nc)}
	any := false
	for c, k := range e.s.Councils {
		if k.HasShare {
			any = true
			column.w[c] = k.Share
			column.total = column.total.Add(k.Share)
		}
	}
	if any && column.total.Sign() <= 0 {
		any = false // a share column of zeros cannot be normalised: equal shares
	}
	equal = equal.withShown()
	if any {
		column = column.withShown()
	}
	var prev []int64
	for m := range out {
		switch {
		case any:
			out[m] = column
		default:
			p := e.pledges[m]
			if m > 0 && equalInts(p, prev) {
				out[m] = out[m-1]
				break
			}
			var total int64
			for _, x := range p {
				total += x
			}
			if total <= 0 {
				out[m] = equal
				break
			}
			sh := shares{w: make([]decimal.Decimal, e.nc), total: decimal.New(total, -2)}
			for c, x := range p {
				sh.w[c] = decimal.New(x, -2)
			}
			out[m] = sh.withShown()
		}
		prev = e.pledges[m]
	}
	return out
}

func equalInts(a, b []int64) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// roundToTotal rounds the exact fractions nums[c]/den pence to whole
// pence that add up to total (the fractions' sum rounded once), by the
// largest remainder method (carecast.Apportion).
func roundToTotal(nums []decimal.Decimal, den decimal.Decimal, total int64) []int64 {
	e := den.Exponent()
	for _, n := range nums {
		e = min(e, n.Exponent())
	}
	ints := make([]*big.Int, len(nums))
	for c, n := range nums {
		ints[c] = carecast.ScaleTo(n, e)
	}
	return carecast.Apportion(total, ints, carecast.ScaleTo(den, e), nil)
}

// allocateShares splits amount pence by the month's weights, by largest
// remainder (carecast.Apportion), reusing parts; in machine arithmetic
// when every w_c x |amount| fits in 63 bits (apportionSmall).
func allocateShares(sh shares, amount int64, parts []int64) []int64 {
	if sh.small != nil {
		if a := uint64(max(amount, -amount)); amount != math.MinInt64 && (sh.maxSmall == 0 || a <= math.MaxInt64/sh.maxSmall) {
			return apportionSmall(sh.small, sh.smallTotal, amount, parts)
		}
	}
	a := big.NewInt(amount)
	nums := make([]*big.Int, len(sh.wi))
	for c, w := range sh.wi {
		nums[c] = new(big.Int).Mul(w, a)
	}
	return carecast.Apportion(amount, nums, sh.totali, parts)
}

// quoRound sets z to round(num * 10^k / den), half away from zero, using
// r as scratch, and returns z. num may be z.
func quoRound(z, r, num *big.Int, k int, den *big.Int) *big.Int {
	d := den
	if k < 0 {
		d = new(big.Int).Mul(den, carecast.PowerOfTen(-k))
	}
	return roundQuo(z, r, num, max(k, 0), d)
}

// roundQuo sets z to round(num * 10^k / d) for k >= 0 and d > 0, half away
// from zero, using r as scratch, and returns z; num may be z. It is the
// one rounding of an exact quotient in the engine, behind quoRound and the
// exact mode's rounder.
func roundQuo(z, r, num *big.Int, k int, d *big.Int) *big.Int {
	if k > 0 {
		z.Mul(num, carecast.PowerOfTen(k))
	} else {
		z.Set(num)
	}
	neg := z.Sign() < 0
	z.Abs(z)
	z.QuoRem(z, d, r)
	r.Lsh(r, 1)
	if r.CmpAbs(d) >= 0 {
		z.Add(z, bigOne)
	}
	if neg {
		z.Neg(z)
	}
	return z
}

var (
	bigOne   = big.NewInt(1)
	bigSeven = big.NewInt(7)
)
