package forecast

import (
	"math/big"

	"github.com/carecast/carecast"
	"github.com/shopspring/decimal"
)

// sums are money figures in pence, added up exactly in int64 before they
// become carecast.Money.
type sums struct {
	pledges, grants, other, block, used, void, spot, shared, attributed, savings int64
	overCost, voidShare                                                          int64
	capacity, occupied, overflow                                                 decimal.Decimal
}

func (t *sums) add(u *sums) {
	t.pledges += u.pledges
	t.grants += u.grants
	t.other += u.other
	t.block += u.block
	t.used += u.used
	t.void += u.void
	t.spot += u.spot
	t.shared += u.shared
	t.attributed += u.attributed
	t.savings += u.savings
	t.capacity = t.capacity.Add(u.capacity)
	t.occupied = t.occupied.Add(u.occupied)
	t.overCost += u.overCost
	t.voidShare += u.voidShare
	t.overflow = t.overflow.Add(u.overflow)
}

func (t *sums) figures(opening, closing int64) carecast.Figures {
	p := carecast.Pence
	return carecast.Figures{
		Pledges: p(t.pledges), Grants: p(t.grants), OtherCosts: p(t.other),
		BlockCost: p(t.block), UsedBlock: p(t.used), VoidCost: p(t.void),
		SpotAvoided: p(t.spot), SharedCost: p(t.shared), AttributedCost: p(t.attributed),
		Savings: p(t.savings), CapacityRoomDays: t.capacity, OccupiedRoomDays: t.occupied,
		OverflowRoomDays: t.overflow, OverflowCost: p(t.overCost),
		OpeningFund: p(opening), ClosingFund: p(closing),
	}
}

func (t *sums) council(fy carecast.FinancialYear) carecast.CouncilFigures {
	p := carecast.Pence
	return carecast.CouncilFigures{
		FY: fy, Pledges: p(t.pledges), UsedBlock: p(t.used), SpotAvoided: p(t.spot),
		SharedCost: p(t.shared), VoidShare: p(t.voidShare), RunningShare: p(t.shared - t.voidShare), GrantShare: p(t.grants),
		AttributedCost: p(t.attributed), Savings: p(t.savings),
		OccupiedRoomDays: t.occupied, OverflowRoomDays: t.overflow, OverflowCost: p(t.overCost),
	}
}

// run forecasts month by month (docs/methodology.md §4): each month's
// block cost, each council's used block cost, spot purchasing avoided and
// share of the shared cost, the pooled fund; then the totals by financial
// year and over the horizon, and the NPV and break-even occupancy. A figure
// too large for the engine is an *OverflowError.
func (e *engine) run() (*carecast.Result, error) {
	a := e.a
	res := &carecast.Result{Scenario: e.s, Start: a.StartDate, End: a.End()}
	res.Months = make([]carecast.Month, e.months)

	// Positions open with the opening balance split by the first month's shares.
	open := a.OpeningFund.PenceInt()
	pos := allocateShares(e.weights[0], open, nil)
	openPos := append([]int64(nil), pos...)
	fund := open

	mc := e.newMonthCalc()
	monthSums := make([]sums, e.months)
	councilSums := make([][]sums, e.months) // [m][c]
	for m := range e.months {
		mo := &res.Months[m]
		ms := &monthSums[m]
		var err error
		if councilSums[m], err = mc.month(mo, m, ms, pos); err != nil {
			return nil, err
		}
		opening := fund
		fund += ms.pledges + ms.grants - ms.block - ms.other
		mo.Figures = ms.figures(opening, fund)
	}
	res.AsAt = e.s.AsAt()

	e.totals(res, monthSums, councilSums, open, openPos, pos)
	if err := e.appraise(res, monthSums, councilSums); err != nil {
		return nil, err
	}
	e.councilBreakEvens(res)
	e.commitments(res)
	fullYear(res)
	cashPositions(res)
	return res, nil
}

// month works out month m into mo: its block cost, each council's used
// block cost, spot purchasing avoided and share of the shared cost (in an
// actual month by the rules of docs/methodology.md §15), the month's sums
// into ms; it moves the positions pos and returns the councils' sums.
func (mc *monthCalc) month(mo *carecast.Month, m int, ms *sums, pos []int64) ([]sums, error) {
	e := mc.e
	d0, d1 := e.bounds[m], e.bounds[m+1]
	mo.Index, mo.Days, mo.ModelYear = m, d1-d0, m/12
	mo.Start, mo.End = carecast.DateFromDays(d0), carecast.DateFromDays(d1-1)
	mo.FY = mo.Start.FinancialYear()

	block, capDays, err := mc.blockCost(mo, d0, d1)
	if err != nil {
		return nil, err
	}
	if err := mc.councilCosts(mo, m, d0, d1, block, capDays); err != nil {
		return nil, err
	}
	capacity := decimal.NewFromInt(capDays)
	if e.isActual(m) {
		a := e.actual[m]
		mo.Actual = true
		if block, capacity, err = mc.actualMonth(mo, a, d0, d1, block, capacity); err != nil {
			return nil, err
		}
	}
	cs := mc.attribute(mo, m, block, capacity, ms, pos)
	if err := ms.fit(mo); err != nil {
		return nil, err
	}
	return cs, nil
}

// fit says which of the month's sums, if any, is more than a month holds.
func (t *sums) fit(mo *carecast.Month) error {
	for _, f := range []struct {
		name string
		v    int64
	}{{"Spot purchasing avoided", t.spot}, {"Shared cost", t.shared}, {"Attributed cost", t.attributed}, {"Savings", t.savings}} {
		if !fits(f.v) {
			return &OverflowError{Figure: f.name, Month: mo.Start}
		}
	}
	return nil
}

// monthCalc is the working of one month at a time: cursors over the step
// functions, which only move forward, and scratch space reused month
// after month. A month's sums are exact integers at the step functions'
// exponents, rounded once to pence by quoRound.
type monthCalc struct {
	e              *engine
	roomsK, blockK *cursor
	councilK       [][3]*cursor // per council: occupancy, block, spot (Occupancy rows) or rooms, spot
	buf            []piece
	used, spot     []int64           // [c] this month's pence
	occ            []decimal.Decimal // [c] this month's occupied room-days
	exact          []decimal.Decimal // [c] used block cost, exactly, over a denominator (fullRooms)
	overK          [][2]*cursor      // per council: overflow, spot (occupancy derived from demand); else nil
	overDays       []decimal.Decimal // [c] this month's overflow room-days
	overCost       []int64           // [c] and their spot cost, pence
	parts, voids   []int64
	grantParts     []int64
	blockAcc       *big.Int // sum of rooms x block price x days
	usedAcc, spotAcc, occAcc,
	t, t2, q, r, days, mu, den *big.Int
}

func (e *engine) newMonthCalc() *monthCalc {
	mc := &monthCalc{e: e, roomsK: e.rooms.cursor(), blockK: e.block.cursor(),
		councilK: make([][3]*cursor, e.nc),
		used:     make([]int64, e.nc), spot: make([]int64, e.nc), occ: make([]decimal.Decimal, e.nc),
		exact: make([]decimal.Decimal, e.nc), parts: make([]int64, 0, e.nc)}
	for c := range mc.councilK {
		if e.explicit {
			mc.councilK[c] = [3]*cursor{e.occ[c].cursor(), e.block.cursor(), e.spot[c].cursor()}
		} else {
			mc.councilK[c] = [3]*cursor{e.rooms.cursor(), e.spot[c].cursor()}
		}
	}
	if e.over != nil {
		mc.overK = make([][2]*cursor, e.nc)
		for c := range mc.overK {
			mc.overK[c] = [2]*cursor{e.over[c].cursor(), e.spot[c].cursor()}
		}
	}
	mc.overDays, mc.overCost = make([]decimal.Decimal, e.nc), make([]int64, e.nc)
	for _, z := range []**big.Int{&mc.blockAcc, &mc.usedAcc, &mc.spotAcc, &mc.occAcc, &mc.t, &mc.t2, &mc.q, &mc.r, &mc.days, &mc.mu, &mc.den} {
		*z = new(big.Int)
	}
	return mc
}

// pence rounds x x 10^k / den to pence (quoRound), or says which figure
// overflows.
func (mc *monthCalc) pence(x *big.Int, k int, den *big.Int, figure string, mo *carecast.Month) (int64, error) {
	if !bigFits(quoRound(mc.q, mc.r, x, k, den)) {
		return 0, &OverflowError{Figure: figure, Month: mo.Start}
	}
	return mc.q.Int64(), nil
}

// blockCost is the consortium's block cost for the month [d0, d1) in
// pence, and its capacity in room-days, stretch by stretch (the stretches
// go into mo): the sum of rooms x block price x days, over 7.
func (mc *monthCalc) blockCost(mo *carecast.Month, d0, d1 int) (pence, capDays int64, err error) {
	e, t := mc.e, mc.t
	mc.blockAcc.SetInt64(0)
	mc.buf = pieces(mc.buf, d0, d1, mc.roomsK, mc.blockK)
	mo.Stretches = make([]carecast.Stretch, len(mc.buf))
	for i, p := range mc.buf {
		rooms := e.rooms.val(p.idx[0]).IntPart()
		capDays += rooms * int64(p.days)
		if b := e.block.num(p.idx[1]); b != nil && rooms != 0 {
			t.SetInt64(rooms * int64(p.days))
			mc.blockAcc.Add(mc.blockAcc, t.Mul(t, b))
		}
		mo.Stretches[i] = carecast.Stretch{From: carecast.DateFromDays(p.from), Days: p.days,
			Rooms: int(rooms), BlockWeeklyPrice: e.block.val(p.idx[1])}
	}
	mo.Rooms, mo.BlockWeeklyPrice = mo.Stretches[0].Rooms, mo.Stretches[0].BlockWeeklyPrice
	// Pence = sum x 10^(eb+2) / 7.
	pence, err = mc.pence(mc.blockAcc, int(e.block.exp)+2, bigSeven, "Block cost", mo)
	return pence, capDays, err
}

// councilCosts sets each council's used block cost, spot purchasing
// avoided and occupied room-days for month m, [d0, d1), after blockCost;
// when the rooms are full, the used block cost by fullRooms.
func (mc *monthCalc) councilCosts(mo *carecast.Month, m, d0, d1 int, block, capDays int64) error {
	e := mc.e
	sh := e.weights[m]
	mo.Councils = make([]carecast.CouncilMonth, e.nc)
	if !e.explicit {
		// O_c(t) = rate * R(t) * w_c / W, so used_c = rate * w_c *
		// blockAcc / (7 W): mu = rate * blockAcc, den = 7 W.
		mc.mu.Mul(e.rateI, mc.blockAcc)
		mc.den.Mul(bigSeven, sh.totali)
	}
	var usedSum int64
	for c := range e.nc {
		var err error
		if e.explicit {
			err = mc.councilWithOccupancy(mo, c, d0, d1)
		} else {
			err = mc.councilByShare(mo, c, d0, d1, sh.wi[c])
		}
		if err != nil {
			return err
		}
		usedSum += mc.used[c]
	}
	// Rounded one by one, the parts are within half a penny each of
	// their exact values: only within nc pence of the block cost can
	// the rooms be full or the void negative.
	if block-usedSum <= int64(e.nc) {
		e.fullRooms(mc.used, mc.exact, mc.den, block, usedSum)
	}
	if !e.explicit {
		e.shareOccupied(mc.occ, sh, capDays)
	}
	return nil
}

// councilWithOccupancy is council c's month from its Occupancy rows:
// occupied room-days x block price and x spot price, stretch by stretch.
func (mc *monthCalc) councilWithOccupancy(mo *carecast.Month, c, d0, d1 int) error {
	e, t, t2 := mc.e, mc.t, mc.t2
	k := mc.councilK[c]
	occF, spotF := e.occ[c], e.spot[c]
	mc.usedAcc.SetInt64(0)
	mc.spotAcc.SetInt64(0)
	mc.occAcc.SetInt64(0)
	mc.buf = pieces(mc.buf, d0, d1, k[0], k[1], k[2])
	mo.Councils[c].SpotWeeklyPrice = spotF.val(mc.buf[0].idx[2])
	for _, p := range mc.buf {
		o := occF.num(p.idx[0])
		if o == nil || o.Sign() == 0 {
			continue
		}
		mc.days.SetInt64(int64(p.days))
		t.Mul(o, mc.days) // occupied room-days at occ's exponent
		mc.occAcc.Add(mc.occAcc, t)
		if b := e.block.num(p.idx[1]); b != nil {
			mc.usedAcc.Add(mc.usedAcc, t2.Mul(t, b))
		}
		if sp := spotF.num(p.idx[2]); sp != nil {
			mc.spotAcc.Add(mc.spotAcc, t2.Mul(t, sp))
		}
	}
	var err error
	if mc.used[c], err = mc.pence(mc.usedAcc, int(occF.exp+e.block.exp)+2, bigSeven, "Used block cost", mo); err != nil {
		return err
	}
	mc.exact[c] = decimal.NewFromBigInt(mc.usedAcc, occF.exp+e.block.exp+2) // pence x 7
	if mc.spot[c], err = mc.pence(mc.spotAcc, int(occF.exp+spotF.exp)+2, bigSeven, "Spot purchasing avoided", mo); err != nil {
		return err
	}
	mc.occ[c] = decimal.NewFromBigInt(mc.occAcc, occF.exp)
	if mc.overK != nil {
		mc.overflow(c, d0, d1)
	}
	return nil
}

// overflow is council c's demand that the block could not take in the
// month, in room-days, and its cost at the council's spot price.
func (mc *monthCalc) overflow(c, d0, d1 int) {
	e, t, t2 := mc.e, mc.t, mc.t2
	overF, spotF := e.over[c], e.spot[c]
	mc.spotAcc.SetInt64(0)
	mc.occAcc.SetInt64(0)
	mc.buf = pieces(mc.buf, d0, d1, mc.overK[c][0], mc.overK[c][1])
	for _, p := range mc.buf {
		o := overF.num(p.idx[0])
		if o == nil || o.Sign() == 0 {
			continue
		}
		t.Mul(o, mc.days.SetInt64(int64(p.days)))
		mc.occAcc.Add(mc.occAcc, t)
		if sp := spotF.num(p.idx[1]); sp != nil {
			mc.spotAcc.Add(mc.spotAcc, t2.Mul(t, sp))
		}
	}
	mc.overCost[c] = quoRound(mc.q, mc.r, mc.spotAcc, int(overF.exp+spotF.exp)+2, bigSeven).Int64()
	mc.overDays[c] = decimal.NewFromBigInt(mc.occAcc, overF.exp)
}

// councilByShare is council c's month under default occupancy: its share
// w of occupancy_rate x the rooms (mu and den from councilCosts).
func (mc *monthCalc) councilByShare(mo *carecast.Month, c, d0, d1 int, w *big.Int) error {
	e, t := mc.e, mc.t
	k := mc.councilK[c]
	spotF := e.spot[c]
	mc.spotAcc.SetInt64(0)
	mc.buf = pieces(mc.buf, d0, d1, k[0], k[1])
	mo.Councils[c].SpotWeeklyPrice = spotF.val(mc.buf[0].idx[1])
	for _, p := range mc.buf {
		rooms := e.rooms.val(p.idx[0]).IntPart()
		if sp := spotF.num(p.idx[1]); sp != nil && rooms != 0 {
			t.SetInt64(rooms * int64(p.days))
			mc.spotAcc.Add(mc.spotAcc, t.Mul(t, sp))
		}
	}
	// used_c = rate*w*blockAcc / (7W), at 10^(rateExp+eb+2) pence.
	t.Mul(w, mc.mu)
	mc.exact[c] = decimal.NewFromBigInt(t, e.rateExp+e.block.exp+2) // pence x 7W
	var err error
	if mc.used[c], err = mc.pence(t, int(e.rateExp+e.block.exp)+2, mc.den, "Used block cost", mo); err != nil {
		return err
	}
	// spot_c = rate*w*spotAcc / (7W).
	t.Mul(w, mc.spotAcc)
	t.Mul(t, e.rateI)
	mc.spot[c], err = mc.pence(t, int(e.rateExp+spotF.exp)+2, mc.den, "Spot purchasing avoided", mo)
	return err
}

// attribute fills in month m's consortium sums ms and each council's
// figures: the shared cost (void + running costs - grants) allocated by
// largest remainder, attributed cost and savings; it moves each council's
// position pos and returns the councils' sums.
func (mc *monthCalc) attribute(mo *carecast.Month, m int, block int64, capacity decimal.Decimal, ms *sums, pos []int64) []sums {
	e := mc.e
	sh := e.weights[m]
	var usedSum int64
	for _, u := range mc.used {
		usedSum += u
	}
	ms.block, ms.used, ms.void = block, usedSum, block-usedSum
	ms.other, ms.grants = e.costs[m], e.grants[m]
	ms.shared = ms.void + ms.other - ms.grants
	ms.capacity, ms.occupied, ms.overflow = capacity, zero, zero
	mc.parts = allocateShares(sh, ms.shared, mc.parts)
	mc.voids = allocateShares(sh, ms.void, mc.voids)
	if ms.grants != 0 {
		mc.grantParts = allocateShares(sh, ms.grants, mc.grantParts)
	}
	out := make([]sums, e.nc)
	for c := range e.nc {
		cs := &out[c]
		cs.pledges, cs.used, cs.spot, cs.shared, cs.occupied = e.pledges[m][c], mc.used[c], mc.spot[c], mc.parts[c], mc.occ[c]
		cs.voidShare = mc.voids[c]
		if ms.grants != 0 {
			cs.grants = mc.grantParts[c]
		}
		cs.attributed = cs.used + cs.shared
		cs.savings = cs.spot - cs.attributed
		if mc.overK != nil {
			cs.overflow, cs.overCost = mc.overDays[c], mc.overCost[c]
			ms.overflow, ms.overCost = ms.overflow.Add(cs.overflow), ms.overCost+cs.overCost
		}
		pos[c] += cs.pledges - cs.attributed

		ms.pledges += cs.pledges
		ms.spot += cs.spot
		ms.attributed += cs.attributed
		ms.savings += cs.savings
		ms.occupied = ms.occupied.Add(cs.occupied)

		if mo.Councils == nil {
			continue // only the sums are asked for (actualOnly)
		}
		cm := &mo.Councils[c]
		cm.Share = sh.shown[c]
		cm.Pledges, cm.UsedBlock, cm.SpotAvoided = carecast.Pence(cs.pledges), carecast.Pence(cs.used), carecast.Pence(cs.spot)
		cm.SharedCost, cm.AttributedCost, cm.Savings = carecast.Pence(cs.shared), carecast.Pence(cs.attributed), carecast.Pence(cs.savings)
		cm.VoidShare, cm.RunningShare = carecast.Pence(cs.voidShare), carecast.Pence(cs.shared-cs.voidShare)
		cm.GrantShare = carecast.Pence(cs.grants)
		cm.OccupiedRoomDays, cm.Position = cs.occupied, carecast.Pence(pos[c])
		cm.OverflowRoomDays, cm.OverflowCost = cs.overflow, carecast.Pence(cs.overCost)
	}
	return out
}

// fullRooms applies the rounding rule for used block cost when the rooms
// are full (docs/methodology.md §5). Each council's used block cost is
// rounded to pence on its own, and void = block - their sum; but when the
// councils use every room (their exact used block cost is the block cost)
// or their rounded parts add up to more than the rounded block cost, the
// parts would leave a void of a penny or two either way, even a negative
// one. So when their used block cost, rounded as a whole, is the rounded
// block cost, or their rounded parts exceed it, the whole rounded once
// (never more than the block cost, since they use no more than the rooms)
// is shared out by largest remainder in proportion to their exact parts:
// void is never negative, and exactly zero when the rooms are full.
// exact[c] are the exact parts over a common denominator (7 with
// Occupancy rows, 7W without); used is rewritten; it returns their sum.
func (e *engine) fullRooms(used []int64, exact []decimal.Decimal, wden *big.Int, block, usedSum int64) int64 {
	den := decimal.NewFromInt(7)
	if !e.explicit {
		den = decimal.NewFromBigInt(wden, 0)
	}
	total := zero
	for _, x := range exact {
		total = total.Add(x)
	}
	whole := carecast.DivRound(total, den, 0).IntPart()
	if whole != block && usedSum <= block {
		return usedSum
	}
	copy(used, roundToTotal(exact, den, whole))
	return whole
}

// occupiedPlaces is the precision of a council's occupied room-days in a
// month under default occupancy (rate x rooms x share, a fraction); with
// Occupancy rows they are exact.
const occupiedPlaces = 6

// shareDisplayPlaces is the precision of CouncilMonth.Share, which is shown,
// never used: allocation uses the exact weights.
const shareDisplayPlaces = 10

// totals adds the months up by financial year and over the horizon, for the
// consortium and each council, and settles the positions.
func (e *engine) totals(res *carecast.Result, ms []sums, cs [][]sums, open int64, openPos, closePos []int64) {
	nc := e.nc
	res.Councils = make([]carecast.CouncilResult, nc)
	var total sums
	ctotal := make([]sums, nc)
	fundAt := func(m int) int64 { return res.Months[m].ClosingFund.PenceInt() }
	for first := 0; first < e.months; {
		fy := res.Months[first].FY
		last := first
		for last+1 < e.months && res.Months[last+1].FY == fy {
			last++
		}
		var y sums
		cy := make([]sums, nc)
		actual := 0
		for m := first; m <= last; m++ {
			if res.Months[m].Actual {
				actual++
			}
			y.add(&ms[m])
			for c := range nc {
				cy[c].add(&cs[m][c])
			}
		}
		opening := open
		if first > 0 {
			opening = fundAt(first - 1)
		}
		res.Years = append(res.Years, carecast.Year{FY: fy, First: first, Last: last, ActualMonths: actual, Figures: y.figures(opening, fundAt(last))})
		total.add(&y)
		for c := range nc {
			res.Councils[c].Years = append(res.Councils[c].Years, cy[c].council(fy))
			ctotal[c].add(&cy[c])
		}
		first = last + 1
	}
	res.Total = total.figures(open, fundAt(e.months-1))
	for c := range nc {
		cr := &res.Councils[c]
		cr.Council, cr.Index = e.s.Councils[c], c
		cr.Total = ctotal[c].council(0)
		cr.OpeningPosition = carecast.Pence(openPos[c])
		cr.ClosingPosition = carecast.Pence(closePos[c])
		if e.a.SettleAtEnd {
			cr.Settlement = cr.ClosingPosition
		}
	}
}

// appraise discounts the savings (docs/methodology.md §7) and finds break-even occupancy.
func (e *engine) appraise(res *carecast.Result, ms []sums, cs [][]sums) error {
	nc, years := e.nc, e.a.Years
	// Savings in model year k are worth savings/q^k, q = (1+deflator)(1+r).
	// Over the common denominator q^(K-1) the numerators are exact:
	// NPV = sum_k savings_k * q^(K-1-k) / q^(K-1).
	powers := powersOf(one.Add(e.a.Deflator).Mul(one.Add(e.a.DiscountRate)), years)
	den := powers[years-1]
	num, obnum := zero, zero
	cnum := make([]decimal.Decimal, nc)
	for c := range cnum {
		cnum[c] = zero
	}
	res.ModelYears = make([]carecast.ModelYear, years)
	for k := range years {
		var sv, ob int64
		csv := make([]int64, nc)
		for m := 12 * k; m < 12*(k+1); m++ {
			sv += ms[m].savings
			ob += ms[m].spot + ms[m].grants - upliftPence(ms[m].block+ms[m].other, e.a.OptimismBias)
			for c := range nc {
				csv[c] += cs[m][c].savings
			}
		}
		w := powers[years-1-k]
		num = num.Add(decimal.New(sv, 0).Mul(w))
		obnum = obnum.Add(decimal.New(ob, 0).Mul(w))
		for c := range nc {
			cnum[c] = cnum[c].Add(decimal.New(csv[c], 0).Mul(w))
		}
		res.ModelYears[k] = carecast.ModelYear{
			Index:        k,
			Savings:      carecast.Pence(sv),
			Factor:       carecast.DivRound(one, powers[k], 12),
			PresentValue: carecast.DivRound(decimal.New(sv, -2), powers[k], 6),
		}
	}
	// num and cnum are in pence; round the total once, then share it out
	// by largest remainder so the councils' NPVs add up to it.
	npv, err := e.roundNPV(num, den)
	if err != nil {
		return err
	}
	res.NPV = carecast.Pence(npv)
	res.NPVAfterOptimismBias = carecast.Pence(carecast.DivRound(obnum, den, 0).IntPart())
	for c, p := range roundToTotal(cnum, den, npv) {
		res.Councils[c].NPV = carecast.Pence(p)
	}

	// Break-even occupancy: lambda* = (block + other - grants) / spot avoided,
	// times the average occupancy rate.
	t := res.Total
	if t.SpotAvoided.Sign() > 0 && t.CapacityRoomDays.Sign() > 0 {
		res.BreakEvenDefined = true
		res.BreakEvenScale = carecast.DivRound(t.AttributedCost.Decimal(), t.SpotAvoided.Decimal(), 10)
		res.BreakEvenOccupancy = carecast.DivRound(t.AttributedCost.Decimal().Mul(t.OccupiedRoomDays),
			t.SpotAvoided.Decimal().Mul(t.CapacityRoomDays), 10)
	}
	return nil
}

// npvPence is the NPV of the monthly savings (pence) as appraise takes
// it: savings in model year k discounted by q^k, q = (1 + deflator)(1 +
// discount rate), over the common denominator q^(K-1), rounded once.
func (e *engine) npvPence(monthly []int64) (int64, error) {
	years := e.a.Years
	powers := powersOf(one.Add(e.a.Deflator).Mul(one.Add(e.a.DiscountRate)), years)
	num := zero
	for k := range years {
		var sv int64
		for _, v := range monthly[12*k : min(12*(k+1), len(monthly))] {
			sv += v
		}
		num = num.Add(decimal.New(sv, 0).Mul(powers[years-1-k]))
	}
	return e.roundNPV(num, powers[years-1])
}

// roundNPV is num/den rounded to pence, or an *OverflowError when it is
// beyond what the horizon's months can hold.
func (e *engine) roundNPV(num, den decimal.Decimal) (int64, error) {
	npvD := carecast.DivRound(num, den, 0)
	if limit := decimal.NewFromInt(carecast.MaxMonthPence).Mul(decimal.NewFromInt(int64(e.months))); npvD.Abs().GreaterThan(limit) {
		return 0, &OverflowError{Figure: "NPV"}
	}
	return npvD.IntPart(), nil
}

// upliftPence is round((1+b) x pence) to whole pence, half away from zero:
// the scheme's costs with optimism bias b (HM Treasury Green Book).
func upliftPence(pence int64, b decimal.Decimal) int64 {
	if b.IsZero() {
		return pence
	}
	return carecast.RoundHalfAway(decimal.New(pence, 0).Mul(one.Add(b)), 0).IntPart()
}

// powersOf is q^0 .. q^(n-1), exactly: the discounting of model years
// (docs/methodology.md §7).
func powersOf(q decimal.Decimal, n int) []decimal.Decimal {
	powers := make([]decimal.Decimal, n)
	for k := range powers {
		if k == 0 {
			powers[k] = one
		} else {
			powers[k] = powers[k-1].Mul(q)
		}
	}
	return powers
}

// shareOccupied sets each council's occupied room-days under default
// occupancy, rate * capDays * w_c / W, in millionths: the consortium's
// rate * capDays is rounded once and shared by largest remainder, so the
// councils add up to it and never exceed capacity.
func (e *engine) shareOccupied(occ []decimal.Decimal, sh shares, capDays int64) {
	k := int(e.rateExp) + occupiedPlaces
	total := new(big.Int).Mul(big.NewInt(capDays), e.rateI)
	num := new(big.Int).Set(total)
	den := sh.totali
	if k < 0 {
		den = new(big.Int).Mul(den, carecast.PowerOfTen(-k))
	}
	quoRound(total, new(big.Int), total, k, bigOne) // round(rate*capDays*10^6)
	nums := make([]*big.Int, len(occ))
	for c, w := range sh.wi {
		nums[c] = new(big.Int).Mul(num, w)
		if k > 0 {
			nums[c].Mul(nums[c], carecast.PowerOfTen(k))
		}
	}
	for c, p := range carecast.Apportion(total.Int64(), nums, den, nil) {
		occ[c] = decimal.New(p, -occupiedPlaces)
	}
}
