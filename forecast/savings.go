package forecast

import (
	"math"
	"math/big"
	"sort"
	"sync"

	"github.com/carecast/carecast"
	"github.com/shopspring/decimal"
)

// savingsModel gives the consortium's savings over the horizon and their
// NPV, exactly as Run gives them, for many settings of the factors that
// only scale prices, rates, occupancy and grants, at a fraction of the cost
// of a Run: the sensitivity analysis reruns the model some sixty times.
//
// It rests on two facts. First, the consortium's savings in a month are
// the spot purchasing avoided, less the block cost and running costs, plus
// grants: the shared cost and its allocation cancel out, and so does each
// council's used block cost. Second, every monthly figure Run rounds to
// pence is one exact fraction rounded once (half away from zero), so any
// exact route to that fraction rounds to the same penny. The model keeps,
// for each month, the room-days at each price-year of the block price and,
// for each council, the (occupied) room-days at each price-year of its spot
// prices; a setting then fixes the prices, exactly as Apply and Run would,
// and each figure is the sum of room-days times price, rounded.
//
// A model is built for one ramp delay and, where the cap on occupancy bites
// (Apply), one occupancy factor; savingsModels keeps them.
type savingsModel struct {
	e        *engine
	explicit bool
	// Block: per month, room-days by price-year (n - nbMin).
	bOff   []int32
	bDays  []int64
	bYear  []int32
	nbMin  int
	nbLen  int
	pdate  carecast.Date
	blockP decimal.Decimal // weekly, before the block_price factor
	blockU decimal.Decimal
	// Spot: per (month, council), room-days (default occupancy) or
	// occupied room-days at occExp[c] (Occupancy rows), by spot price
	// index.
	cOff   []int32
	cDays  []*big.Int
	cDaysF []float64 // cDays in float64, at occExp[c] (see spotPence)
	// wF [m*nc+c] is w_c / W in float64 (default occupancy); nil when a
	// weight is negative, and the rounding is then always exact.
	wF     []float64
	cIdx   []int32
	spot   []spotYear   // the spot price indices
	rows   []spotRowRef // the spot rows, before the factors
	occExp []int32
	// Grants by month and amount, before the grants factor.
	grantMonth []int
	grantAmt   []decimal.Decimal
	// linearOcc: the occupancy factor scales occupancy (or the rate)
	// without meeting the cap, so the model takes it as a parameter.
	linearOcc bool
	// powers[k] = q^k, q = (1 + deflator)(1 + discount rate), as appraise.
	powers []decimal.Decimal
}

type spotRowRef struct {
	w, u decimal.Decimal
}

// spotYear is spot row `row` in its n-th price-year.
type spotYear struct {
	row, n int
}

// structural is the part of a setting a savingsModel is built for: the
// ramp delay in whole months and, when it caps, the occupancy factor.
type structural struct {
	delay int
	occ   string // "" when the occupancy factor is a parameter
	// demand and demandC are the demand factors, with Demand rows (where
	// occupancy is derived, so every factor that moves it is structural).
	demand, demandC string
}

// structuralOf says which model serves setting x on s.
func structuralOf(s *carecast.Scenario, x Setting) structural {
	k := rampMonths(x[carecast.FactorRampDelay], s.Assumptions.Months())
	st := structural{delay: k}
	occ := nonNegative(x[carecast.FactorOccupancy])
	if len(s.Occupancy) > 0 && !(k == 0 && occ.LessThanOrEqual(one)) || len(s.Demand) > 0 {
		st.occ = occ.String()
	}
	if len(s.Demand) > 0 {
		st.demand, st.demandC = x[carecast.FactorDemand].String(), x[carecast.FactorDemandCouncil].String()
	}
	return st
}

// newSavingsModel builds the model for the structural part st of a setting.
func newSavingsModel(s *carecast.Scenario, st structural) (*savingsModel, error) {
	x := Neutral()
	x[carecast.FactorRampDelay] = decimal.NewFromInt(int64(st.delay))
	if st.occ != "" {
		x[carecast.FactorOccupancy] = decimal.RequireFromString(st.occ)
	}
	if st.demand != "" {
		x[carecast.FactorDemand] = decimal.RequireFromString(st.demand)
		x[carecast.FactorDemandCouncil] = decimal.RequireFromString(st.demandC)
	}
	t := Apply(s, x)
	e, err := newEngine(t)
	if err != nil {
		return nil, err
	}
	a := t.Assumptions
	sm := &savingsModel{e: e, explicit: e.explicit, linearOcc: st.occ == "",
		pdate: a.PriceDate(), blockP: a.BlockWeeklyPrice, blockU: a.BlockUplift}
	d0, end := e.bounds[0], e.bounds[e.months]

	// The block price-years, as indexed() steps them.
	blockN := &steps[decimal.Decimal]{}
	sm.nbMin = sm.pdate.WholeYears(carecast.DateFromDays(d0))
	n := sm.nbMin
	for day := d0; day < end; {
		blockN.set(day, decimal.NewFromInt(int64(n-sm.nbMin)))
		n++
		day = sm.pdate.Anniversary(n).Days()
	}
	sm.nbLen = n - sm.nbMin

	// Each council's spot price indices, as newEngine steps them.
	spotN := make([]*steps[decimal.Decimal], e.nc)
	byCouncil := make([][]carecast.SpotCost, e.nc)
	for _, r := range t.SpotCosts {
		byCouncil[r.Council] = append(byCouncil[r.Council], r)
	}
	for c := range spotN {
		f := &steps[decimal.Decimal]{}
		rs := byCouncil[c]
		sort.SliceStable(rs, func(i, j int) bool { return rs[i].From.Before(rs[j].From) })
		for i, r := range rs {
			until := end
			if i+1 < len(rs) {
				until = min(until, rs[i+1].From.Days())
			}
			row := len(sm.rows)
			sm.rows = append(sm.rows, spotRowRef{w: r.WeeklyCost, u: r.AnnualInflation})
			for n, day := 0, r.From.Days(); day < until; {
				f.set(day, decimal.NewFromInt(int64(len(sm.spot))))
				sm.spot = append(sm.spot, spotYear{row: row, n: n})
				n++
				day = r.From.Anniversary(n).Days()
			}
		}
		spotN[c] = f
	}
	idxOf := func(f *steps[decimal.Decimal], i int) int32 {
		if i < 0 {
			return -1
		}
		return int32(f.vals[i].IntPart())
	}

	if e.explicit {
		sm.occExp = make([]int32, e.nc)
		for c, f := range e.occ {
			sm.occExp[c] = f.exp
		}
	}
	roomsK, blockK := e.rooms.cursor(), blockN.cursor()
	spotK := make([]*cursor, e.nc)
	occK := make([]*cursor, e.nc)
	roomsC := make([]*cursor, e.nc)
	for c := range spotK {
		spotK[c] = spotN[c].cursor()
		roomsC[c] = e.rooms.cursor()
		if e.explicit {
			occK[c] = e.occ[c].cursor()
		}
	}
	var buf []piece
	sm.bOff = make([]int32, 0, e.months+1)
	sm.cOff = make([]int32, 0, e.months*e.nc+1)
	for m := range e.months {
		m0, m1 := e.bounds[m], e.bounds[m+1]
		sm.bOff = append(sm.bOff, int32(len(sm.bDays)))
		first := len(sm.bDays)
		buf = pieces(buf, m0, m1, roomsK, blockK)
		for _, p := range buf {
			rooms := e.rooms.val(p.idx[0]).IntPart()
			y := idxOf(blockN, p.idx[1])
			if rooms == 0 || y < 0 {
				continue
			}
			sm.addBlock(first, rooms*int64(p.days), y)
		}
		for c := range e.nc {
			sm.cOff = append(sm.cOff, int32(len(sm.cDays)))
			first := len(sm.cDays)
			if e.explicit {
				buf = pieces(buf, m0, m1, occK[c], spotK[c])
				for _, p := range buf {
					o, y := e.occ[c].num(p.idx[0]), idxOf(spotN[c], p.idx[1])
					if o == nil || o.Sign() == 0 || y < 0 {
						continue
					}
					sm.addSpot(first, new(big.Int).Mul(o, big.NewInt(int64(p.days))), y)
				}
			} else {
				buf = pieces(buf, m0, m1, roomsC[c], spotK[c])
				for _, p := range buf {
					rooms, y := e.rooms.val(p.idx[0]).IntPart(), idxOf(spotN[c], p.idx[1])
					if rooms == 0 || y < 0 {
						continue
					}
					sm.addSpot(first, big.NewInt(rooms*int64(p.days)), y)
				}
			}
		}
	}
	sm.bOff = append(sm.bOff, int32(len(sm.bDays)))
	sm.cOff = append(sm.cOff, int32(len(sm.cDays)))
	sm.floats()

	for _, g := range t.Grants {
		sm.grantMonth = append(sm.grantMonth, e.monthOf(g.Date.Days()))
		sm.grantAmt = append(sm.grantAmt, g.Amount.Decimal())
	}
	q := one.Add(a.Deflator).Mul(one.Add(a.DiscountRate))
	sm.powers = make([]decimal.Decimal, a.Years)
	for k := range sm.powers {
		if k == 0 {
			sm.powers[k] = one
		} else {
			sm.powers[k] = sm.powers[k-1].Mul(q)
		}
	}
	return sm, nil
}

// addBlock adds room-days at a block price-year to the month's terms from
// first on, merging terms of the same price-year.
func (sm *savingsModel) addBlock(first int, days int64, y int32) {
	for i := first; i < len(sm.bDays); i++ {
		if sm.bYear[i] == y {
			sm.bDays[i] += days
			return
		}
	}
	sm.bDays = append(sm.bDays, days)
	sm.bYear = append(sm.bYear, y)
}

// addSpot adds room-days at a spot price index to the council-month's
// terms from first on, merging terms of the same index.
func (sm *savingsModel) addSpot(first int, days *big.Int, y int32) {
	for i := first; i < len(sm.cDays); i++ {
		if sm.cIdx[i] == y {
			sm.cDays[i].Add(sm.cDays[i], days)
			return
		}
	}
	sm.cDays = append(sm.cDays, days)
	sm.cIdx = append(sm.cIdx, y)
}

// floats fills in cDaysF and wF once the terms are complete.
func (sm *savingsModel) floats() {
	e := sm.e
	sm.cDaysF = make([]float64, len(sm.cDays))
	for m := range e.months {
		for c := range e.nc {
			var exp int32
			if e.explicit {
				exp = sm.occExp[c]
			}
			k := m*e.nc + c
			for i := sm.cOff[k]; i < sm.cOff[k+1]; i++ {
				sm.cDaysF[i] = toFloat(sm.cDays[i], exp)
			}
		}
	}
	if e.explicit {
		return
	}
	sm.wF = make([]float64, e.months*e.nc)
	for m, sh := range e.weights {
		if sh.totali.Sign() <= 0 {
			sm.wF = nil
			return
		}
		total, _ := new(big.Float).SetInt(sh.totali).Float64()
		for c, w := range sh.wi {
			if w.Sign() < 0 {
				sm.wF = nil
				return
			}
			wf, _ := new(big.Float).SetInt(w).Float64()
			sm.wF[m*e.nc+c] = wf / total
		}
	}
}

// outcome is the consortium's savings and NPV at setting x, whose
// structural part is the model's.
//
// A figure beyond carecast.MaxMonthPence in a month (a setting far from
// the scenario, such as a search at five times its prices) is an
// *OverflowError, as in Run.
func (sm *savingsModel) outcome(x Setting) (carecast.Outcome, error) {
	e := sm.e
	// Block prices by price-year, as Apply then newEngine set them.
	blockP := sm.blockP.Mul(nonNegative(x[carecast.FactorBlockPrice]))
	gb := one.Add(addRate(sm.blockU, x[carecast.FactorBlockUplift]))
	bp := make([]decimal.Decimal, sm.nbLen)
	for i := range bp {
		bp[i] = indexedPrice(blockP, gb, sm.nbMin+i)
	}
	bInts, bExp := commonInts(bp)

	// Spot prices by index, in float64 for every figure and exactly, as
	// Apply then newEngine set them, for the figures that need it.
	spotF, du := nonNegative(x[carecast.FactorSpotPrice]), x[carecast.FactorSpotInflation]
	spF := make([]float64, len(sm.spot))
	var wf, gf, pf float64
	for i, y := range sm.spot {
		if y.n == 0 {
			r := sm.rows[y.row]
			wf, gf, pf = r.w.Mul(spotF).InexactFloat64(), one.Add(addRate(r.u, du)).InexactFloat64(), 1
		} else {
			pf *= gf
		}
		spF[i] = wf * pf
	}
	var sInts []*big.Int
	var sExp int32
	exactSpot := func() {
		sp := make([]decimal.Decimal, len(sm.spot))
		var g, w, pw decimal.Decimal
		for i, y := range sm.spot {
			if y.n == 0 {
				r := sm.rows[y.row]
				w, g, pw = r.w.Mul(spotF), one.Add(addRate(r.u, du)), one
			} else {
				pw = pw.Mul(g)
			}
			sp[i] = w.Mul(pw)
		}
		sInts, sExp = commonInts(sp)
	}

	// The occupancy multiplier: the factor on Occupancy rows, or the rate.
	occ := nonNegative(x[carecast.FactorOccupancy])
	var mult decimal.Decimal
	switch {
	case !sm.linearOcc:
		mult = one
	case e.explicit:
		mult = occ
	default:
		mult = e.rate
		if !isOne(occ) {
			mult = decimal.Min(one, e.rate.Mul(occ))
		}
	}
	multI, multExp := mult.Coefficient(), mult.Exponent()
	multF := mult.InexactFloat64()

	var rd rounder
	acc, t, q, r := new(big.Int), new(big.Int), new(big.Int), new(big.Int)
	monthly := make([]int64, e.months)
	for m := range e.months {
		acc.SetInt64(0)
		for i := sm.bOff[m]; i < sm.bOff[m+1]; i++ {
			t.SetInt64(sm.bDays[i])
			acc.Add(acc, t.Mul(t, bInts[sm.bYear[i]]))
		}
		// Pence = sum x 10^(exp+2) / 7.
		block := rd.round(q, r, acc, int(bExp)+2, bigSeven)
		var spot int64
		var den *big.Int
		if !e.explicit {
			sh := e.weights[m]
			den = new(big.Int).Mul(bigSeven, sh.totali)
		}
		for c := range e.nc {
			k := m*e.nc + c
			lo, hi := sm.cOff[k], sm.cOff[k+1]
			if lo == hi {
				continue
			}
			// The spot purchasing avoided in pence, in float64 when that
			// decides the penny (roundClear), else exactly.
			if sm.explicit || sm.wF != nil {
				v := 0.0
				for i := lo; i < hi; i++ {
					v += sm.cDaysF[i] * spF[sm.cIdx[i]]
				}
				v *= multF
				if !sm.explicit {
					v *= sm.wF[k]
				}
				v = v * 100 / 7
				if v > carecast.MaxMonthPence {
					return carecast.Outcome{}, &OverflowError{Figure: "Spot purchasing avoided", Month: e.a.StartDate.AddMonths(m)}
				}
				if p, ok := roundClear(v, int(hi-lo)); ok {
					spot += p
					continue
				}
			}
			if sInts == nil {
				exactSpot()
			}
			acc.SetInt64(0)
			for i := lo; i < hi; i++ {
				acc.Add(acc, t.Mul(sm.cDays[i], sInts[sm.cIdx[i]]))
			}
			if acc.Sign() == 0 {
				continue
			}
			acc.Mul(acc, multI)
			if e.explicit {
				// spot_c = occ x sum / 7, in pence.
				spot += rd.round(q, r, acc, int(multExp+sm.occExp[c]+sExp)+2, bigSeven)
			} else {
				// spot_c = rate x w_c x sum / (7 W).
				acc.Mul(acc, e.weights[m].wi[c])
				spot += rd.round(q, r, acc, int(multExp+sExp)+2, den)
			}
		}
		if rd.over || !fits(spot) {
			return carecast.Outcome{}, &OverflowError{Figure: "Savings", Month: e.a.StartDate.AddMonths(m)}
		}
		monthly[m] = spot - block - e.costs[m]
	}
	grantF := nonNegative(x[carecast.FactorGrants])
	for i, m := range sm.grantMonth {
		if m < 0 {
			continue
		}
		a := sm.grantAmt[i]
		if !isOne(grantF) {
			a = carecast.MoneyOf(a.Mul(grantF)).Decimal()
		}
		monthly[m] += carecast.MoneyOf(a).PenceInt()
	}

	// As appraise: NPV = sum_k savings_k q^(K-1-k) / q^(K-1), rounded once.
	years := len(sm.powers)
	var total int64
	num := zero
	for k := range years {
		var sv int64
		for m := 12 * k; m < min(12*(k+1), e.months); m++ {
			sv += monthly[m]
		}
		total += sv
		num = num.Add(decimal.New(sv, 0).Mul(sm.powers[years-1-k]))
	}
	npvD := carecast.DivRound(num, sm.powers[years-1], 0)
	if npvD.Abs().GreaterThan(decimal.NewFromInt(carecast.MaxMonthPence).Mul(decimal.NewFromInt(int64(e.months)))) {
		return carecast.Outcome{}, &OverflowError{Figure: "NPV"}
	}
	return carecast.Outcome{Savings: carecast.Pence(total), NPV: carecast.Pence(npvD.IntPart())}, nil
}

// roundClear rounds v, a figure in pence computed in float64 as a sum of k
// products of positive numbers, when its rounding is certain. The exact
// figure is a sum of products rounded once; in float64 a price-year's
// price, W(1+u)^n, is within a relative (2n + 3) x 2^-53 of the exact
// price (n <= 31: 65 x 2^-53), and each other conversion, product, sum and
// quotient adds at most 2^-53, so v is within (k + 80) x 2^-53 x v of the
// exact figure. When v is further than twice that from the nearest half
// penny, the exact figure lies on the same side of it and rounds to the
// same penny: ok. Otherwise the caller takes the sum exactly.
func roundClear(v float64, k int) (int64, bool) {
	half := math.Floor(v) + 0.5
	if math.Abs(v-half) > float64(2*(k+80))*0x1p-53*v {
		return int64(math.Floor(v + 0.5)), true
	}
	return 0, false
}

// toFloat is x x 10^exp (exp <= 0) in float64, within a relative 2 x
// 2^-53: the integer rounded once, then divided by a power of ten that
// float64 holds exactly, or correctly rounded when the power is larger.
func toFloat(x *big.Int, exp int32) float64 {
	if exp < -22 {
		return decimal.NewFromBigInt(x, exp).InexactFloat64()
	}
	f, _ := new(big.Float).SetInt(x).Float64()
	return f / math.Pow10(int(-exp))
}

// commonInts returns ds as integers at their least exponent.
func commonInts(ds []decimal.Decimal) ([]*big.Int, int32) {
	var exp int32
	for _, d := range ds {
		exp = min(exp, d.Exponent())
	}
	out := make([]*big.Int, len(ds))
	for i, d := range ds {
		out[i] = carecast.ScaleTo(d, exp)
	}
	return out, exp
}

// rounder is quoRound keeping den x 10^-k for the last den and k, so that
// a run of divisions by one denominator allocates nothing.
type rounder struct {
	den, scaled *big.Int
	k           int
	over        bool // a figure was beyond carecast.MaxMonthPence
}

// round returns round(num x 10^k / den), half away from zero (den > 0);
// q and r are scratch, num is left as it was.
func (rd *rounder) round(q, r, num *big.Int, k int, den *big.Int) int64 {
	d := den
	if k < 0 {
		if rd.den != den || rd.k != k {
			rd.den, rd.k = den, k
			rd.scaled = new(big.Int).Mul(den, carecast.PowerOfTen(-k))
		}
		d = rd.scaled
	}
	roundQuo(q, r, num, max(k, 0), d)
	if !bigFits(q) {
		rd.over = true
		return 0
	}
	return q.Int64()
}

// savingsModels builds each model once, when a setting first needs it.
type savingsModels struct {
	s  *carecast.Scenario
	mu sync.Mutex
	by map[structural]*modelOnce
}

type modelOnce struct {
	once sync.Once
	m    *savingsModel
	err  error
}

func newSavingsModels(s *carecast.Scenario) *savingsModels {
	return &savingsModels{s: s, by: map[structural]*modelOnce{}}
}

// outcome is the consortium's savings and NPV at x, as Run(Apply(s, x))
// gives them.
func (ms *savingsModels) outcome(x Setting) (carecast.Outcome, error) {
	st := structuralOf(ms.s, x)
	ms.mu.Lock()
	mo := ms.by[st]
	if mo == nil {
		mo = &modelOnce{}
		ms.by[st] = mo
	}
	ms.mu.Unlock()
	mo.once.Do(func() { mo.m, mo.err = newSavingsModel(ms.s, st) })
	if mo.err != nil {
		return carecast.Outcome{}, mo.err
	}
	return mo.m.outcome(x)
}
