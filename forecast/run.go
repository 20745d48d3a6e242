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
	overCost                                                                     int64
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
		SharedCost: p(t.shared), AttributedCost: p(t.attributed), Savings: p(t.savings),
		OccupiedRoomDays: t.occupied, OverflowRoomDays: t.overflow, OverflowCost: p(t.overCost),
	}
}

func (e *engine) run() (*carecast.Result, error) {
	a, nc := e.a, e.nc
	res := &carecast.Result{Scenario: e.s, Start: a.StartDate, End: a.End()}
	res.Months = make([]carecast.Month, e.months)

	// Positions open with the opening balance split by the first month's shares.
	open := a.OpeningFund.PenceInt()
	pos := allocateShares(e.weights[0], open, nil)
	openPos := append([]int64(nil), pos...)
	fund := open

	roomsK, blockK := e.rooms.cursor(), e.block.cursor()
	councilK := make([][3]*cursor, nc)
	for c := range councilK {
		if e.explicit {
			councilK[c] = [3]*cursor{e.occ[c].cursor(), e.block.cursor(), e.spot[c].cursor()}
		} else {
			councilK[c] = [3]*cursor{e.rooms.cursor(), e.spot[c].cursor()}
		}
	}

	var overK [][2]*cursor
	if e.over != nil {
		overK = make([][2]*cursor, nc)
		for c := range overK {
			overK[c] = [2]*cursor{e.over[c].cursor(), e.spot[c].cursor()}
		}
	}
	overDays := make([]decimal.Decimal, nc)
	overCost := make([]int64, nc)

	monthSums := make([]sums, e.months)
	councilSums := make([][]sums, e.months) // [m][c]
	used := make([]int64, nc)
	spot := make([]int64, nc)
	occ := make([]decimal.Decimal, nc)
	exact := make([]decimal.Decimal, nc) // each council's used block, exactly, over a denominator
	parts := make([]int64, 0, nc)
	var buf []piece
	// Scratch integers: the month's sums are exact integers at the step
	// functions' exponents, rounded once to pence by quoRound.
	var (
		blockAcc, usedAcc, spotAcc, occAcc = new(big.Int), new(big.Int), new(big.Int), new(big.Int)
		t, t2, q, r, days, mu, den         = new(big.Int), new(big.Int), new(big.Int), new(big.Int), new(big.Int), new(big.Int), new(big.Int)
	)
	eb := e.block.exp
	for m := range e.months {
		d0, d1 := e.bounds[m], e.bounds[m+1]
		mo := &res.Months[m]
		mo.Index, mo.Days, mo.ModelYear = m, d1-d0, m/12
		mo.Start, mo.End = carecast.DateFromDays(d0), carecast.DateFromDays(d1-1)
		mo.FY = mo.Start.FinancialYear()

		// The consortium: capacity and block cost, stretch by stretch:
		// sum of R x B x days at the block price's exponent.
		blockAcc.SetInt64(0)
		var capDays int64
		buf = pieces(buf, d0, d1, roomsK, blockK)
		mo.Stretches = make([]carecast.Stretch, len(buf))
		for i, p := range buf {
			rooms := e.rooms.val(p.idx[0]).IntPart()
			capDays += rooms * int64(p.days)
			if b := e.block.num(p.idx[1]); b != nil && rooms != 0 {
				t.SetInt64(rooms * int64(p.days))
				blockAcc.Add(blockAcc, t.Mul(t, b))
			}
			mo.Stretches[i] = carecast.Stretch{From: carecast.DateFromDays(p.from), Days: p.days,
				Rooms: int(rooms), BlockWeeklyPrice: e.block.val(p.idx[1])}
		}
		mo.Rooms, mo.BlockWeeklyPrice = mo.Stretches[0].Rooms, mo.Stretches[0].BlockWeeklyPrice
		// Pence = sum x 10^(eb+2) / 7.
		month := carecast.DateFromDays(d0)
		if !bigFits(quoRound(q, r, blockAcc, int(eb)+2, bigSeven)) {
			return nil, &OverflowError{Figure: "Block cost", Month: month}
		}
		block := q.Int64()

		// Each council: the block rooms it uses and the spot purchasing avoided.
		sh := e.weights[m]
		mo.Councils = make([]carecast.CouncilMonth, nc)
		if !e.explicit {
			// O_c(t) = rate * R(t) * w_c / W, so used_c = rate * w_c *
			// blockAcc / (7 W): mu = rate * blockAcc, den = 7 W.
			mu.Mul(e.rateI, blockAcc)
			den.Mul(bigSeven, sh.totali)
		}
		var usedSum int64
		for c := range nc {
			k := councilK[c]
			if e.explicit {
				occF, spotF := e.occ[c], e.spot[c]
				usedAcc.SetInt64(0)
				spotAcc.SetInt64(0)
				occAcc.SetInt64(0)
				buf = pieces(buf, d0, d1, k[0], k[1], k[2])
				mo.Councils[c].SpotWeeklyPrice = spotF.val(buf[0].idx[2])
				for _, p := range buf {
					o := occF.num(p.idx[0])
					if o == nil || o.Sign() == 0 {
						continue
					}
					days.SetInt64(int64(p.days))
					t.Mul(o, days) // occupied room-days at occ's exponent
					occAcc.Add(occAcc, t)
					if b := e.block.num(p.idx[1]); b != nil {
						usedAcc.Add(usedAcc, t2.Mul(t, b))
					}
					if sp := spotF.num(p.idx[2]); sp != nil {
						spotAcc.Add(spotAcc, t2.Mul(t, sp))
					}
				}
				if !bigFits(quoRound(q, r, usedAcc, int(occF.exp+eb)+2, bigSeven)) {
					return nil, &OverflowError{Figure: "Used block cost", Month: month}
				}
				used[c] = q.Int64()
				exact[c] = decimal.NewFromBigInt(usedAcc, occF.exp+eb+2) // pence x 7
				if !bigFits(quoRound(q, r, spotAcc, int(occF.exp+spotF.exp)+2, bigSeven)) {
					return nil, &OverflowError{Figure: "Spot purchasing avoided", Month: month}
				}
				spot[c] = q.Int64()
				occ[c] = decimal.NewFromBigInt(occAcc, occF.exp)
				if overK != nil {
					// Overflow: the demand the block could not take, priced at spot.
					overF, spotF := e.over[c], e.spot[c]
					spotAcc.SetInt64(0)
					occAcc.SetInt64(0)
					buf = pieces(buf, d0, d1, overK[c][0], overK[c][1])
					for _, p := range buf {
						o := overF.num(p.idx[0])
						if o == nil || o.Sign() == 0 {
							continue
						}
						t.Mul(o, days.SetInt64(int64(p.days)))
						occAcc.Add(occAcc, t)
						if sp := spotF.num(p.idx[1]); sp != nil {
							spotAcc.Add(spotAcc, t2.Mul(t, sp))
						}
					}
					overCost[c] = quoRound(q, r, spotAcc, int(overF.exp+spotF.exp)+2, bigSeven).Int64()
					overDays[c] = decimal.NewFromBigInt(occAcc, overF.exp)
				}
			} else {
				spotF := e.spot[c]
				spotAcc.SetInt64(0)
				buf = pieces(buf, d0, d1, k[0], k[1])
				mo.Councils[c].SpotWeeklyPrice = spotF.val(buf[0].idx[1])
				for _, p := range buf {
					rooms := e.rooms.val(p.idx[0]).IntPart()
					if sp := spotF.num(p.idx[1]); sp != nil && rooms != 0 {
						t.SetInt64(rooms * int64(p.days))
						spotAcc.Add(spotAcc, t.Mul(t, sp))
					}
				}
				w := sh.wi[c]
				// used_c = rate*w*blockAcc / (7W), at 10^(rateExp+eb+2) pence.
				t.Mul(w, mu)
				exact[c] = decimal.NewFromBigInt(t, e.rateExp+eb+2) // pence x 7W
				if !bigFits(quoRound(q, r, t, int(e.rateExp+eb)+2, den)) {
					return nil, &OverflowError{Figure: "Used block cost", Month: month}
				}
				used[c] = q.Int64()
				// spot_c = rate*w*spotAcc / (7W).
				t.Mul(w, spotAcc)
				t.Mul(t, e.rateI)
				if !bigFits(quoRound(q, r, t, int(e.rateExp+spotF.exp)+2, den)) {
					return nil, &OverflowError{Figure: "Spot purchasing avoided", Month: month}
				}
				spot[c] = q.Int64()
			}
			usedSum += used[c]
		}
		// Rounded one by one, the parts are within half a penny each of
		// their exact values: only within nc pence of the block cost can
		// the rooms be full or the void negative.
		if block-usedSum <= int64(nc) {
			usedSum = e.fullRooms(used, exact, den, block, usedSum)
		}
		capDaysD := decimal.NewFromInt(capDays)
		if !e.explicit {
			e.shareOccupied(occ, sh, capDays)
		}

		// Shared cost, allocated to councils by largest remainder.
		ms := &monthSums[m]
		ms.block, ms.used, ms.void = block, usedSum, block-usedSum
		ms.other, ms.grants = e.costs[m], e.grants[m]
		ms.shared = ms.void + ms.other - ms.grants
		ms.capacity, ms.occupied, ms.overflow = capDaysD, zero, zero
		parts = allocateShares(sh, ms.shared, parts)
		councilSums[m] = make([]sums, nc)
		for c := range nc {
			cs := &councilSums[m][c]
			cs.pledges, cs.used, cs.spot, cs.shared, cs.occupied = e.pledges[m][c], used[c], spot[c], parts[c], occ[c]
			cs.attributed = used[c] + parts[c]
			cs.savings = spot[c] - cs.attributed
			if overK != nil {
				cs.overflow, cs.overCost = overDays[c], overCost[c]
				ms.overflow, ms.overCost = ms.overflow.Add(cs.overflow), ms.overCost+cs.overCost
			}
			pos[c] += cs.pledges - cs.attributed

			ms.pledges += cs.pledges
			ms.spot += cs.spot
			ms.attributed += cs.attributed
			ms.savings += cs.savings
			ms.occupied = ms.occupied.Add(cs.occupied)

			cm := &mo.Councils[c]
			cm.Share = sh.shown[c]
			cm.Pledges, cm.UsedBlock, cm.SpotAvoided = carecast.Pence(cs.pledges), carecast.Pence(cs.used), carecast.Pence(cs.spot)
			cm.SharedCost, cm.AttributedCost, cm.Savings = carecast.Pence(cs.shared), carecast.Pence(cs.attributed), carecast.Pence(cs.savings)
			cm.OccupiedRoomDays, cm.Position = cs.occupied, carecast.Pence(pos[c])
			cm.OverflowRoomDays, cm.OverflowCost = cs.overflow, carecast.Pence(cs.overCost)
		}
		for _, f := range []struct {
			name string
			v    int64
		}{{"Spot purchasing avoided", ms.spot}, {"Shared cost", ms.shared}, {"Attributed cost", ms.attributed}, {"Savings", ms.savings}} {
			if !fits(f.v) {
				return nil, &OverflowError{Figure: f.name, Month: month}
			}
		}
		opening := fund
		fund += ms.pledges + ms.grants - ms.block - ms.other
		mo.Figures = ms.figures(opening, fund)
	}

	e.totals(res, monthSums, councilSums, open, openPos, pos)
	if err := e.appraise(res, monthSums, councilSums); err != nil {
		return nil, err
	}
	return res, nil
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
	copy(used, allocate(exact, den, whole))
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
		for m := first; m <= last; m++ {
			y.add(&ms[m])
			for c := range nc {
				cy[c].add(&cs[m][c])
			}
		}
		opening := open
		if first > 0 {
			opening = fundAt(first - 1)
		}
		res.Years = append(res.Years, carecast.Year{FY: fy, First: first, Last: last, Figures: y.figures(opening, fundAt(last))})
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
	q := one.Add(e.a.Deflator).Mul(one.Add(e.a.DiscountRate))
	powers := make([]decimal.Decimal, years)
	for k := range powers {
		if k == 0 {
			powers[k] = one
		} else {
			powers[k] = powers[k-1].Mul(q)
		}
	}
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
	npvD := carecast.DivRound(num, den, 0)
	if limit := decimal.NewFromInt(carecast.MaxMonthPence).Mul(decimal.NewFromInt(int64(e.months))); npvD.Abs().GreaterThan(limit) {
		return &OverflowError{Figure: "NPV"}
	}
	npv := npvD.IntPart()
	res.NPV = carecast.Pence(npv)
	res.NPVAfterOptimismBias = carecast.Pence(carecast.DivRound(obnum, den, 0).IntPart())
	for c, p := range allocate(cnum, den, npv) {
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

// upliftPence is round((1+b) x pence) to whole pence, half away from zero:
// the scheme's costs with optimism bias b (HM Treasury Green Book).
func upliftPence(pence int64, b decimal.Decimal) int64 {
	if b.IsZero() {
		return pence
	}
	return carecast.RoundHalfAway(decimal.New(pence, 0).Mul(one.Add(b)), 0).IntPart()
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
	parts := make([]int64, len(occ))
	rems := make([]*big.Int, len(occ))
	left := total.Int64()
	for c, w := range sh.wi {
		x := new(big.Int).Mul(num, w)
		if k > 0 {
			x.Mul(x, carecast.PowerOfTen(k))
		}
		q, r := x.DivMod(x, den, new(big.Int))
		parts[c], rems[c] = q.Int64(), r
		left -= parts[c]
	}
	for c, p := range distribute(parts, rems, left) {
		occ[c] = decimal.New(p, -occupiedPlaces)
	}
}
