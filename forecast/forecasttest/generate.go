// Package forecasttest makes scenarios for tests and benchmarks: random
// valid scenarios that exercise every rule of docs/methodology.md, for property tests,
// and a deterministic national-scale scenario, for benchmarks.
//
// Every scenario it returns is valid in the sense of docs/methodology.md §2: pledge
// windows of one council never overlap, no row lies wholly outside the
// horizon, occupancy never exceeds the rooms available on any day, and a
// council has a spot price in force wherever it occupies rooms.
package forecasttest

import (
	"fmt"
	"math/rand/v2"
	"sort"
	"time"

	"github.com/carecast/carecast"
	"github.com/shopspring/decimal"
)

// OccupancyMode says whether a generated scenario has Occupancy rows.
type OccupancyMode int

const (
	// AnyOccupancy chooses at random (about a third default occupancy).
	AnyOccupancy OccupancyMode = iota
	// ExplicitOccupancy always gives Occupancy rows.
	ExplicitOccupancy
	// DefaultOccupancy never gives Occupancy rows: O_c = rate x R x s_c.
	DefaultOccupancy
	// DemandOccupancy gives Demand rows (and, for the allocated sharing
	// rules, Allocations rows) instead: occupancy is derived from demand,
	// under a sharing rule and a max_fill drawn at random.
	DemandOccupancy
)

// Options bound what Generate makes. The zero value means the defaults.
type Options struct {
	MaxCouncils int // 1 to MaxCouncils councils; default 12
	MaxYears    int // 1 to MaxYears years; default 4 (at most 30)
	Occupancy   OccupancyMode
}

func (o Options) withDefaults() Options {
	if o.MaxCouncils <= 0 {
		o.MaxCouncils = 12
	}
	if o.MaxYears <= 0 {
		o.MaxYears = 4
	}
	o.MaxYears = min(o.MaxYears, 30)
	return o
}

// Generate returns a random valid scenario drawn from r. The same r state
// gives the same scenario. It exercises: 1 to 12 councils over 1 to 4
// years from the first of any month; pledge windows that begin before the
// horizon, end after it, start mid-month or leave gaps; rooms rising and
// falling, from dates before, on or after the start; Occupancy rows up to
// exactly the capacity, or none (default occupancy with shares by pledge,
// by an explicit share column, or equal when nobody pledges); spot prices
// from mid-month dates, some on 29 February, several rows a council;
// block prices quoted before, on or after the start, some on 29 February;
// grants, one sometimes large enough to make the month's shared cost
// negative; overlapping running costs; an opening balance; settlement on
// or off.
func Generate(r *rand.Rand, opts Options) *carecast.Scenario {
	o := opts.withDefaults()
	g := &gen{r: r}

	a := g.assumptions(o)
	start, end := a.StartDate, a.End()
	s := &carecast.Scenario{Assumptions: a}

	// Councils, sometimes with a share column (some blank).
	nc := 1 + r.IntN(o.MaxCouncils)
	shareColumn := r.IntN(5) == 0
	for c := range nc {
		k := carecast.Council{Code: fmt.Sprintf("C%02d", c+1), Name: fmt.Sprintf("Council %d", c+1)}
		if shareColumn && (c == 0 || r.IntN(5) != 0) {
			k.HasShare = true
			k.Share = decimal.New(int64(r.IntN(1000)), -int32(r.IntN(3)))
			if c == 0 && k.Share.IsZero() {
				k.Share = decimal.NewFromInt(1) // the column must not sum to zero
			}
		}
		s.Councils = append(s.Councils, k)
	}

	g.pledgeRows(s, nc)

	// Rooms: 1 to 4 steps, the first before, on or after the start.
	g.roomsRows(s)

	// Occupancy, and spot prices in force wherever it is positive.
	explicit := o.Occupancy == ExplicitOccupancy || (o.Occupancy == AnyOccupancy && r.IntN(3) != 0)
	if explicit {
		g.occupancyRows(s)
		explicit = len(s.Occupancy) > 0
	}
	demand := o.Occupancy == DemandOccupancy
	if demand {
		g.demandRows(s)
	}
	for c := range nc {
		need, ok := start, true // default occupancy may be positive from the start
		if explicit {
			need, ok = g.firstOccupied(s, c)
		}
		if demand {
			need, ok = firstDemand(s, c)
			need = later(need, start)
		}
		if !ok && r.IntN(2) == 0 {
			continue // a council that never occupies needs no spot price
		}
		if !ok {
			need = start.AddDays(r.IntN(end.Days() - start.Days() + 1))
		}
		g.spotRows(s, c, need)
	}

	g.grantAndCostRows(s)
	return s
}

// assumptions draws the Assumptions: the horizon (which it records in g),
// the block price and its date, the rates, the opening fund, settlement.
func (g *gen) assumptions(o Options) carecast.Assumptions {
	r := g.r
	a := carecast.DefaultAssumptions()
	a.Scenario = "generated"
	a.StartDate = carecast.Date{Year: 2012 + r.IntN(16), Month: time.Month(1 + r.IntN(12)), Day: 1}
	a.Years = 1 + r.IntN(o.MaxYears)
	start, end := a.StartDate, a.End()
	g.start, g.end = start, end

	a.BlockWeeklyPrice = g.pounds(1500, 4500)
	switch x := r.IntN(20); {
	case x < 9:
		a.BlockPriceDate = start
	case x < 12:
		a.BlockPriceDate = start.AddDays(-r.IntN(900) - 1)
	case x < 15:
		a.BlockPriceDate = g.leapDayNear(start.AddDays(-r.IntN(1500)))
	case x < 17:
		a.BlockPriceDate = carecast.Date{} // the default: start_date
	default:
		// Quoted after the start: indexed backwards before its date.
		a.BlockPriceDate = start.AddDays(1 + r.IntN(end.Days()-start.Days()))
	}
	a.BlockUplift = g.rate(60) // 0 to 6%
	a.OccupancyRate = decimal.New(int64(r.IntN(101)), -2)
	a.DiscountRate = g.rate(80)
	a.Deflator = g.rate(50)
	if r.IntN(3) == 0 {
		a.OpeningFund = carecast.Pence(r.Int64N(100_000_000)) // up to £1m
	}
	a.SettleAtEnd = r.IntN(4) != 0
	return a
}

// pledgeRows draws 0 to 3 non-overlapping windows of pledges a council of
// nc; sometimes nobody pledges at all (equal shares).
func (g *gen) pledgeRows(s *carecast.Scenario, nc int) {
	r, start, end := g.r, g.start, g.end
	nobody := r.IntN(12) == 0
	for c := range nc {
		if nobody {
			break
		}
		cursor := start.AddDays(-r.IntN(500))
		for range r.IntN(4) {
			from := g.maybeFirst(cursor.AddDays(r.IntN(200)))
			if from.Before(cursor) {
				from = cursor // windows of one council must not overlap
			}
			if from.After(end) {
				break
			}
			to := from.AddDays(r.IntN(1500))
			if r.IntN(2) == 0 {
				to = carecast.NewDate(to.Year, to.Month+1, 0) // a month end
			}
			if to.Before(start) {
				to = start.AddDays(r.IntN(400))
			}
			s.Pledges = append(s.Pledges, carecast.Pledge{Council: c, From: from, To: to, AnnualAmount: g.amount()})
			cursor = to.AddDays(1)
		}
	}
}

// grantAndCostRows draws the grants, one sometimes large enough to turn a
// month's shared cost negative, and running costs in windows that may
// overlap.
func (g *gen) grantAndCostRows(s *carecast.Scenario) {
	r, start, end := g.r, g.start, g.end
	for i := range r.IntN(5) {
		s.Grants = append(s.Grants, carecast.Grant{Date: g.day(start, end), Amount: g.grant(), Description: fmt.Sprintf("Grant %d", i+1)})
	}
	if r.IntN(4) == 0 {
		s.Grants = append(s.Grants, carecast.Grant{
			Date:        g.day(start, end),
			Amount:      carecast.Pence(100_000_000 + r.Int64N(400_000_000)), // £1m to £5m
			Description: "Large grant",
		})
	}

	// Running costs: windows that may overlap.
	for i := range r.IntN(3) {
		from := g.maybeFirst(start.AddDays(r.IntN(end.Days()-start.Days()+300) - 300))
		to := from.AddDays(r.IntN(1500))
		if to.Before(start) {
			to = start
		}
		s.Costs = append(s.Costs, carecast.Cost{
			Description: fmt.Sprintf("Running cost %d", i+1), From: from, To: to,
			AnnualAmount: carecast.Pence(r.Int64N(30_000_000)), // up to £300,000 a year
		})
	}
}

type gen struct {
	r          *rand.Rand
	start, end carecast.Date
	roomDays   []int // day numbers of the rooms steps, ascending
	roomVals   []int
}

// pounds returns a price between lo and hi pounds with pence.
func (g *gen) pounds(lo, hi int64) decimal.Decimal {
	return decimal.New(lo*100+g.r.Int64N((hi-lo)*100+1), -2)
}

// rate returns a rate of 0 to hi/1000, in thousandths.
func (g *gen) rate(hi int) decimal.Decimal {
	return decimal.New(int64(g.r.IntN(hi+1)), -3)
}

// amount is an annual amount: often one a twelfth of which is no whole
// number of pence, sometimes zero.
func (g *gen) amount() carecast.Money {
	switch g.r.IntN(10) {
	case 0:
		return carecast.Money{}
	case 1, 2:
		return carecast.Pounds(int64(50_000 * (1 + g.r.IntN(20)))) // round figures
	default:
		return carecast.Pence(g.r.Int64N(100_000_000) + 1) // up to £1m, odd pence
	}
}

func (g *gen) grant() carecast.Money {
	if g.r.IntN(5) == 0 {
		return carecast.Pence(1 + g.r.Int64N(100)) // pennies
	}
	return carecast.Pence(g.r.Int64N(20_000_000)) // up to £200,000
}

// day returns a day in [lo, hi].
func (g *gen) day(lo, hi carecast.Date) carecast.Date {
	return carecast.DateFromDays(lo.Days() + g.r.IntN(hi.Days()-lo.Days()+1))
}

// maybeFirst moves d to the first of its month half the time.
func (g *gen) maybeFirst(d carecast.Date) carecast.Date {
	if g.r.IntN(2) == 0 {
		return carecast.Date{Year: d.Year, Month: d.Month, Day: 1}
	}
	return d
}

// later returns the later of two dates.
func later(a, b carecast.Date) carecast.Date {
	if a.After(b) {
		return a
	}
	return b
}

// notFirst moves d off the first of a month, to the day before.
func notFirst(d carecast.Date) carecast.Date {
	if d.Day == 1 {
		return d.AddDays(-1)
	}
	return d
}

// leapDayNear returns the last 29 February on or before d.
func (g *gen) leapDayNear(d carecast.Date) carecast.Date {
	for y := d.Year; ; y-- {
		ld := carecast.Date{Year: y, Month: time.February, Day: 29}
		if ld.IsValid() && !ld.After(d) {
			return ld
		}
	}
}

func (g *gen) roomsRows(s *carecast.Scenario) {
	r, start, end := g.r, g.start, g.end
	var from carecast.Date
	switch x := r.IntN(10); {
	case x < 5:
		from = start
	case x < 8:
		from = start.AddDays(-1 - r.IntN(300))
	default:
		from = start.AddDays(r.IntN((end.Days() - start.Days()) / 2))
	}
	span := end.Days() - start.Days()
	for i := range 1 + r.IntN(4) {
		if i > 0 {
			// Only the first row may begin on or before the start: a
			// later one there would leave its predecessor wholly outside.
			from = g.maybeFirst(from.AddDays(1 + r.IntN(span/2+1)))
			if floor := later(g.lastRoomsDay(), start); !from.After(floor) {
				from = floor.AddDays(1)
			}
			if from.After(end) {
				break
			}
		}
		rooms := r.IntN(21)
		if i == 0 && rooms == 0 && r.IntN(4) != 0 {
			rooms = 1 + r.IntN(20)
		}
		s.Rooms = append(s.Rooms, carecast.RoomsRow{From: from, Rooms: rooms})
		g.roomDays = append(g.roomDays, from.Days())
		g.roomVals = append(g.roomVals, rooms)
	}
}

func (g *gen) lastRoomsDay() carecast.Date {
	return carecast.DateFromDays(g.roomDays[len(g.roomDays)-1])
}

// minRooms is the fewest rooms available on any day of [a, b) (day
// numbers): zero before the first step.
func (g *gen) minRooms(a, b int) int {
	low := -1
	for i, d := range g.roomDays {
		next := int(^uint(0) >> 1)
		if i+1 < len(g.roomDays) {
			next = g.roomDays[i+1]
		}
		if next <= a || d >= b {
			continue // step i does not meet [a, b)
		}
		if low < 0 || g.roomVals[i] < low {
			low = g.roomVals[i]
		}
	}
	if low < 0 || a < g.roomDays[0] {
		return 0
	}
	return low
}

// occupancyRows gives each council occupancy steps. Each council c holds
// a fraction f_c of the rooms, the f_c summing to at most 1; a row's value
// is at most f_c times the fewest rooms on any day it holds, so the total
// never exceeds the capacity. Sometimes ("full") every council steps on
// the rooms dates and the rooms are split exactly, so the total equals the
// capacity.
func (g *gen) occupancyRows(s *carecast.Scenario) {
	r := g.r
	nc := len(s.Councils)
	endDay := g.end.Days() + 1
	lo := max(g.roomDays[0], g.start.Days()-120)
	if r.IntN(5) == 0 {
		// Full: split each rooms step's rooms in hundredths among councils.
		for i, d := range g.roomDays {
			if d < lo && i+1 < len(g.roomDays) && g.roomDays[i+1] <= lo {
				continue
			}
			parts := g.partition(int64(g.roomVals[i])*100, nc)
			for c, p := range parts {
				s.Occupancy = append(s.Occupancy, carecast.OccupancyRow{Council: c, From: carecast.DateFromDays(d), RoomsOccupied: decimal.New(p, -2)})
			}
		}
		return
	}
	weights := make([]int, nc)
	total := 0
	for c := range weights {
		weights[c] = r.IntN(11)
		total += weights[c]
	}
	if total == 0 {
		weights[0], total = 1, 1
	}
	pct := 100
	if r.IntN(2) == 0 {
		pct = r.IntN(101)
	}
	for c := range nc {
		k := r.IntN(5) // 0 to 4 rows
		if c == 0 && k == 0 {
			k = 1 // Occupancy rows for someone: else it is default occupancy
		}
		days := make([]int, 0, k)
		for range k {
			days = append(days, g.maybeFirst(carecast.DateFromDays(lo+r.IntN(endDay-lo))).Days())
		}
		sort.Ints(days)
		days = dedupe(days)
		// Only the last of the rows on or before the start is kept: an
		// earlier one would lie wholly outside the horizon.
		for len(days) > 1 && days[1] <= g.start.Days() {
			days = days[1:]
		}
		for i, d := range days {
			next := endDay
			if i+1 < len(days) {
				next = days[i+1]
			}
			// Hundredths of a room: floor(min x w_c/W x pct/100 x 100).
			h := int64(g.minRooms(d, next)) * int64(weights[c]) * int64(pct) / int64(total)
			switch r.IntN(4) {
			case 0:
				h = h * int64(r.IntN(101)) / 100
			case 1:
				if r.IntN(3) == 0 {
					h = 0 // a placement ends
				}
			}
			s.Occupancy = append(s.Occupancy, carecast.OccupancyRow{Council: c, From: carecast.DateFromDays(d), RoomsOccupied: decimal.New(h, -2)})
		}
	}
	// Rows in the order a user might type them: by council, not by date.
	r.Shuffle(len(s.Occupancy), func(i, j int) { s.Occupancy[i], s.Occupancy[j] = s.Occupancy[j], s.Occupancy[i] })
	sort.SliceStable(s.Occupancy, func(i, j int) bool { return s.Occupancy[i].Council < s.Occupancy[j].Council })
}

// partition splits total into n non-negative parts at random.
func (g *gen) partition(total int64, n int) []int64 {
	cuts := make([]int64, n-1)
	for i := range cuts {
		cuts[i] = g.r.Int64N(total + 1)
	}
	sort.Slice(cuts, func(i, j int) bool { return cuts[i] < cuts[j] })
	parts := make([]int64, n)
	prev := int64(0)
	for i, c := range cuts {
		parts[i] = c - prev
		prev = c
	}
	parts[n-1] = total - prev
	return parts
}

func dedupe(xs []int) []int {
	out := xs[:0]
	for i, x := range xs {
		if i == 0 || x != xs[i-1] {
			out = append(out, x)
		}
	}
	return out
}

// demandRows gives each council one to three Demand steps of 0 to 15
// placements in hundredths, from dates before, on or after the start; a
// sharing rule and a max_fill (50% to 100%); and, for the allocated rules,
// Allocations rows on the dates of the rooms steps that share out at most
// the rooms of each step, so they never exceed the rooms available.
func (g *gen) demandRows(s *carecast.Scenario) {
	r := g.r
	nc := len(s.Councils)
	a := &s.Assumptions
	a.MaxFill = decimal.New(int64(50+r.IntN(51)), -2)
	a.Sharing = []string{carecast.SharingPooled, carecast.SharingAllocated, carecast.SharingAllocatedTrade}[r.IntN(3)]
	span := g.end.Days() - g.start.Days()
	for c := range nc {
		from := g.start.AddDays(r.IntN(span/2+120) - 120)
		for i := range 1 + r.IntN(3) {
			if i > 0 {
				from = later(from, g.start).AddDays(1 + r.IntN(span/2+1))
				if from.After(g.end) {
					break
				}
			}
			s.Demand = append(s.Demand, carecast.DemandRow{Council: c, From: from, Placements: decimal.New(r.Int64N(1501), -2)})
		}
	}
	if a.Sharing == carecast.SharingPooled {
		return
	}
	for i, d := range g.roomDays {
		parts := g.partition(int64(g.roomVals[i]), nc+1) // the last part is left unallocated
		for c := range nc {
			s.Allocations = append(s.Allocations, carecast.AllocationRow{Council: c, From: carecast.DateFromDays(d), Rooms: int(parts[c])})
		}
	}
}

// firstDemand returns the first day council c needs a positive number of
// placements under its Demand rows, if any.
func firstDemand(s *carecast.Scenario, c int) (carecast.Date, bool) {
	var first carecast.Date
	ok := false
	for _, d := range s.Demand {
		if d.Council == c && d.Placements.Sign() > 0 && (!ok || d.From.Before(first)) {
			first, ok = d.From, true
		}
	}
	return first, ok
}

// firstOccupied returns the first day council c occupies a positive number
// of rooms under its Occupancy rows, if any.
func (g *gen) firstOccupied(s *carecast.Scenario, c int) (carecast.Date, bool) {
	var first carecast.Date
	ok := false
	for _, o := range s.Occupancy {
		if o.Council == c && o.RoomsOccupied.Sign() > 0 && (!ok || o.From.Before(first)) {
			first, ok = o.From, true
		}
	}
	return first, ok
}

// spotRows gives council c one to three spot prices, the first in force
// on day need and dated mid-month (sometimes 29 February).
func (g *gen) spotRows(s *carecast.Scenario, c int, need carecast.Date) {
	r := g.r
	from := notFirst(need.AddDays(-r.IntN(400)))
	for i := range 1 + r.IntN(3) {
		if i > 0 {
			prev := from
			from = notFirst(later(from, g.start).AddDays(1 + r.IntN(700)))
			if !from.After(prev) {
				from = notFirst(prev.AddDays(2)) // prev+1 was the first of a month
			}
			if from.After(g.end) {
				return
			}
		}
		s.SpotCosts = append(s.SpotCosts, carecast.SpotCost{
			Council: c, From: from, WeeklyCost: g.pounds(2000, 8000), AnnualInflation: g.rate(100),
		})
	}
}
