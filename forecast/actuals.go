package forecast

import (
	"fmt"
	"math/big"
	"sync"

	"github.com/carecast/carecast"
	"github.com/shopspring/decimal"
)

// Actual months (docs/methodology.md §15). A month an Actuals row names
// is an actual month: each item given replaces its forecast figure, an
// item not given keeps it, and then, for every council, the used block
// cost is the block cost pro rata to its occupied room-days, the spot
// purchasing avoided is its occupied room-days at the month's mean spot
// price, and the shares follow the month's pledges as they stand. The
// pledges, running costs and grants are replaced before the shares are
// worked out (newEngine); the rest month by month (actualMonth).

// actualMonth is what a month's Actuals rows give; has* say which.
type actualMonth struct {
	occ              []decimal.Decimal // [c] occupied room-days
	hasOcc           []bool
	spot             []int64 // [c] pence, as settled (carecast.ActualSpotAvoided)
	hasSpot          []bool
	capacity         decimal.Decimal
	hasCap, hasBlock bool
	block            int64 // pence
}

// ActualsError is an actual month whose figures cannot be priced: more
// room-days occupied than the rooms had, or room-days occupied by a
// council with no spot cost in force all month. Package inputs reports
// both at the month's rows; this is the engine's own check.
type ActualsError struct {
	Month carecast.Date // its first day
	What  string
}

func (e *ActualsError) Error() string {
	return fmt.Sprintf("forecast: in the actual month from %s, %s", e.Month, e.What)
}

// actuals reads the scenario's Actuals rows into e.actual, one entry a
// month (nil for a forecast month), and puts the pledges, running costs
// and grants given in place of the forecast's.
func (e *engine) actuals() error {
	if len(e.s.Actuals) == 0 {
		return nil
	}
	e.actual = make([]*actualMonth, e.months)
	for _, r := range e.s.Actuals {
		m := e.monthOf(r.Month.Days())
		if m < 0 {
			return fmt.Errorf("forecast: an Actuals row for %s, outside the horizon", r.Month)
		}
		if r.Item.PerCouncil() && (r.Council < 0 || r.Council >= e.nc) {
			return fmt.Errorf("forecast: an Actuals row of %s for council %d of %d", r.Item, r.Council, e.nc)
		}
		a := e.actual[m]
		if a == nil {
			a = &actualMonth{occ: make([]decimal.Decimal, e.nc), hasOcc: make([]bool, e.nc),
				spot: make([]int64, e.nc), hasSpot: make([]bool, e.nc)}
			e.actual[m] = a
		}
		pence := carecast.MoneyOf(r.Value).PenceInt()
		switch r.Item {
		case carecast.ActualOccupiedRoomDays:
			a.occ[r.Council], a.hasOcc[r.Council] = r.Value, true
		case carecast.ActualSpotAvoided:
			a.spot[r.Council], a.hasSpot[r.Council] = pence, true
		case carecast.ActualCapacityRoomDays:
			a.capacity, a.hasCap = r.Value, true
		case carecast.ActualBlockCost:
			a.block, a.hasBlock = pence, true
		case carecast.ActualPledges:
			e.pledges[m][r.Council] = pence
		case carecast.ActualGrants:
			e.grants[m] = pence
		case carecast.ActualOtherCosts:
			e.costs[m] = pence
		default:
			return fmt.Errorf("forecast: an Actuals row of unknown item %d", r.Item)
		}
	}
	return nil
}

// isActual says whether month m is an actual month.
func (e *engine) isActual(m int) bool { return e.actual != nil && e.actual[m] != nil }

// actualMonth puts month m's actuals in place of the forecast that
// councilCosts left in mc (each council's occupied room-days, used block
// cost and spot purchasing avoided) and returns the month's block cost
// and capacity, actual or forecast.
func (mc *monthCalc) actualMonth(mo *carecast.Month, a *actualMonth, d0, d1 int, block int64, capacity decimal.Decimal) (int64, decimal.Decimal, error) {
	e := mc.e
	if a.hasBlock {
		block = a.block
	}
	if a.hasCap {
		capacity = a.capacity
	}
	occupied := zero
	for c := range e.nc {
		if a.hasOcc[c] {
			mc.occ[c] = a.occ[c]
		}
		occupied = occupied.Add(mc.occ[c])
	}
	if occupied.GreaterThan(capacity) {
		return 0, capacity, &ActualsError{Month: mo.Start, What: fmt.Sprintf("the councils occupied %s room-days, more than the %s room-days of capacity", occupied, capacity)}
	}
	// Used block cost: the block cost pro rata to room-days, each council's
	// rounded to pence; when the rooms are full (or the rounded parts
	// exceed the block cost) the whole, rounded once, shared by largest
	// remainder, as fullRooms does in a forecast month.
	blockD := decimal.New(block, 0)
	var usedSum int64
	exact := make([]decimal.Decimal, e.nc)
	for c := range e.nc {
		mc.used[c] = 0
		exact[c] = zero
		if capacity.Sign() > 0 {
			exact[c] = blockD.Mul(mc.occ[c])
			mc.used[c] = carecast.DivRound(exact[c], capacity, 0).IntPart()
		}
		usedSum += mc.used[c]
	}
	if capacity.Sign() > 0 {
		whole := carecast.DivRound(blockD.Mul(occupied), capacity, 0).IntPart()
		if whole == block || usedSum > block {
			copy(mc.used, roundToTotal(exact, capacity, whole))
		}
	}
	// Spot purchasing avoided: the room-days at the mean of the council's
	// spot price over the month's days on which one is in force.
	for c := range e.nc {
		if a.hasSpot[c] {
			mc.spot[c] = a.spot[c]
			continue
		}
		mc.spot[c] = 0
		if mc.occ[c].Sign() == 0 {
			continue
		}
		sum, days := mc.spotSum(c, d0, d1)
		if days == 0 {
			return 0, capacity, &ActualsError{Month: mo.Start, What: fmt.Sprintf("council %s occupied %s room-days with no spot cost in force", e.s.Councils[c].Code, mc.occ[c])}
		}
		// Pence = D x (sum of weekly prices over the days) x 100 / (7 x days).
		mc.spot[c] = carecast.DivRound(mc.occ[c].Mul(sum).Shift(2), decimal.NewFromInt(7*int64(days)), 0).IntPart()
		if !fits(mc.spot[c]) {
			return 0, capacity, &OverflowError{Figure: "Spot purchasing avoided", Month: mo.Start}
		}
	}
	return block, capacity, nil
}

// given says whether actual month a gives its block cost, its capacity
// and every council's occupied room-days: then nothing in the month is
// left to the forecast but, for a council whose spot purchasing avoided
// it does not give, the mean spot price (actualMonth).
func (a *actualMonth) given() bool {
	if !a.hasBlock || !a.hasCap {
		return false
	}
	for _, ok := range a.hasOcc {
		if !ok {
			return false
		}
	}
	return true
}

// actualOnly is month (run.go) for actual month m, for the callers that
// read only its money (Settle, fixedMonths): when its Actuals give every
// figure the forecast would otherwise supply (given), the month's forecast
// block cost and council costs, which actualMonth would replace, are not
// worked out, and its figures are those month gives; otherwise it is
// month. mo's stretches and its councils' forecast figures are then left
// out, and so are the overflow figures (forecast demand, not money in the
// month's savings); and the councils' figures altogether unless
// councils, the returned sums holding them.
func (mc *monthCalc) actualOnly(mo *carecast.Month, m int, ms *sums, pos []int64, councils bool) ([]sums, error) {
	e := mc.e
	a := e.actual[m]
	if !a.given() {
		return mc.month(mo, m, ms, pos)
	}
	d0, d1 := e.bounds[m], e.bounds[m+1]
	*mo = carecast.Month{Index: m, Days: d1 - d0, ModelYear: m / 12, Actual: true,
		Start: carecast.DateFromDays(d0), End: carecast.DateFromDays(d1 - 1)}
	mo.FY = mo.Start.FinancialYear()
	if councils {
		mo.Councils = make([]carecast.CouncilMonth, e.nc)
	}
	clear(mc.overDays)
	clear(mc.overCost)
	block, capacity, err := mc.actualMonth(mo, a, d0, d1, 0, zero)
	if err != nil {
		return nil, err
	}
	cs := mc.attribute(mo, m, block, capacity, ms, pos)
	if err := ms.fit(mo); err != nil {
		return nil, err
	}
	return cs, nil
}

// spotSum is the sum of council c's weekly spot price over the days of
// [d0, d1) on which one is in force, and how many days those are.
func (mc *monthCalc) spotSum(c, d0, d1 int) (decimal.Decimal, int) {
	f := mc.e.spot[c]
	acc, t := new(big.Int), new(big.Int)
	days := 0
	for _, p := range pieces(nil, d0, d1, f.cursor()) {
		if n := f.num(p.idx[0]); n != nil {
			days += p.days
			acc.Add(acc, t.Mul(n, big.NewInt(int64(p.days))))
		}
	}
	return decimal.NewFromBigInt(acc, f.exp), days
}

// Settle returns the scenario with its actual months settled: every item
// of every actual month given, each council's spot purchasing avoided
// too (carecast.ActualSpotAvoided), each as Run works it out. Run gives
// the settled scenario the same figures; and since nothing in a settled
// actual month is left to the forecast, a variation of the scenario
// (Apply, ScaleRooms) leaves its actual months as they were. A scenario
// without Actuals rows, or settled already, is returned as it is.
func Settle(s *carecast.Scenario) (*carecast.Scenario, error) {
	if len(s.Actuals) == 0 || isSettled(s) {
		return s, nil
	}
	settledMu.Lock()
	if settledFrom == s {
		t := settledTo
		settledMu.Unlock()
		return t, nil
	}
	settledMu.Unlock()
	e, err := newEngine(s)
	if err != nil {
		return nil, err
	}
	t := *s
	t.Actuals = nil
	// Only the actual months are worked out.
	mc := e.newMonthCalc()
	pos := make([]int64, e.nc)
	var mo carecast.Month
	for m := range e.months {
		if !e.isActual(m) {
			continue
		}
		var ms sums
		if _, err := mc.actualOnly(&mo, m, &ms, pos, true); err != nil {
			return nil, err
		}
		add := func(item carecast.ActualItem, c int, v decimal.Decimal) {
			t.Actuals = append(t.Actuals, carecast.Actual{Month: mo.Start, Item: item, Council: c, Value: v})
		}
		pounds := func(p int64) decimal.Decimal { return decimal.New(p, -2) }
		add(carecast.ActualCapacityRoomDays, -1, ms.capacity)
		add(carecast.ActualBlockCost, -1, pounds(ms.block))
		add(carecast.ActualGrants, -1, pounds(ms.grants))
		add(carecast.ActualOtherCosts, -1, pounds(ms.other))
		for c, cm := range mo.Councils {
			add(carecast.ActualOccupiedRoomDays, c, cm.OccupiedRoomDays)
			add(carecast.ActualPledges, c, cm.Pledges.Decimal())
			add(carecast.ActualSpotAvoided, c, cm.SpotAvoided.Decimal())
		}
	}
	t.Assumptions.AsAt = s.AsAt()
	settledMu.Lock()
	settledFrom, settledTo = s, &t
	settledMu.Unlock()
	return &t, nil
}

// The last scenario settled, for the callers that vary one scenario many
// times (sensitivity, sizing).
var (
	settledMu   sync.Mutex
	settledFrom *carecast.Scenario
	settledTo   *carecast.Scenario
)

// isSettled says whether Settle has settled s already.
func isSettled(s *carecast.Scenario) bool {
	for _, a := range s.Actuals {
		if a.Item == carecast.ActualSpotAvoided {
			return true
		}
	}
	return false
}

// settledOrSelf is Settle(s), or s itself when it cannot be settled (Run
// then reports why).
func settledOrSelf(s *carecast.Scenario) *carecast.Scenario {
	if t, err := Settle(s); err == nil {
		return t
	}
	return s
}

// fixedMonths works out the actual months of e for the float path: each
// council's savings in pence by month ([m*nc+c], zero in a forecast
// month) and the consortium's ([m]). It returns nils when e has no actual
// month.
func (e *engine) fixedMonths() (fixed []bool, council []float64, month []int64, err error) {
	last := -1
	for m := range e.months {
		if e.isActual(m) {
			last = m
		}
	}
	if last < 0 {
		return nil, nil, nil, nil
	}
	fixed = make([]bool, e.months)
	council = make([]float64, e.months*e.nc)
	month = make([]int64, e.months)
	mc := e.newMonthCalc()
	pos := make([]int64, e.nc)
	var mo carecast.Month
	for m := 0; m <= last; m++ {
		if !e.isActual(m) {
			continue
		}
		var ms sums
		cs, err := mc.actualOnly(&mo, m, &ms, pos, false)
		if err != nil {
			return nil, nil, nil, err
		}
		fixed[m] = true
		for c := range e.nc {
			council[m*e.nc+c] = float64(cs[c].savings)
		}
		month[m] = ms.savings
	}
	return fixed, council, month, nil
}
