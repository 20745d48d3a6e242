package forecast

import (
	"math"
	"math/big"
	"sort"
	"sync"

	"github.com/carecast/carecast"
	"github.com/shopspring/decimal"
)

// The exact mode of the float path: the consortium's savings over the
// horizon and their NPV, exactly as Run(Apply(s, x)) gives them, to the
// penny, for the sensitivity analysis, which reruns the model some sixty
// times a scenario and searches for switching values to the sixth
// decimal place, where the float path's pound would not do.
//
// It reads the float path's tables (fastModel) and rests on two facts.
// First, the consortium's savings in a month are the spot purchasing
// avoided, less the block cost and running costs, plus grants: the shared
// cost and its allocation cancel out, and so does each council's used
// block cost. Second, every monthly figure Run rounds to pence is one
// exact fraction rounded once (half away from zero), so any exact route
// to that fraction rounds to the same penny. A model in exact mode keeps,
// beside each term's occupied room-days in float64, the same exactly
// (xdays); a setting fixes the prices, exactly as Apply and newEngine
// would, and each figure is the sum of room-days times price: in float64
// when that decides the penny (roundClear), else exactly.
//
// A model serves every setting with its ramp delay and, with Occupancy
// rows where the cap on occupancy bites (Apply), its occupancy factor:
// exactModels keeps one for each. With Demand rows the occupancy derived
// at a setting is worked out exactly, stretch by stretch (exactDerived).

// exactKey is the part of a setting a model in exact mode is built for:
// the ramp delay in whole months and, with Occupancy rows where the cap
// bites, the occupancy factor ("" when the factor only scales).
type exactKey struct {
	delay int
	occ   string
}

// exactKeyOf says which model serves setting x on s.
func exactKeyOf(s *carecast.Scenario, x Setting) exactKey {
	k := rampMonths(x[carecast.FactorRampDelay], s.Assumptions.Months())
	key := exactKey{delay: k}
	occ := nonNegative(x[carecast.FactorOccupancy])
	if len(s.Occupancy) > 0 && len(s.Demand) == 0 && !(k == 0 && occ.LessThanOrEqual(one)) {
		key.occ = occ.String()
	}
	return key
}

// newExactModel builds the model in exact mode for key: the float path's
// model of Apply(s, x) with x neutral but for the key's factors.
func newExactModel(s *carecast.Scenario, key exactKey) (*fastModel, error) {
	x := Neutral()
	x[carecast.FactorRampDelay] = decimal.NewFromInt(int64(key.delay))
	if key.occ != "" {
		x[carecast.FactorOccupancy] = decimal.RequireFromString(key.occ)
	}
	e, err := newEngine(Apply(s, x))
	if err != nil {
		return nil, err
	}
	return buildFast(e, nil, true)
}

// exactDays is the occupied room-days of council c from day x for days
// days, exactly, as the term of monthTerms that holds them: with
// Occupancy rows the council's occupancy times days, at its exponent;
// without, the rooms times days (the share and rate are taken at the
// setting).
func exactDays(e *engine, c, x int, days int64, st *fastSteps) *big.Int {
	if !e.explicit {
		return big.NewInt(int64(st.rooms.at(x)) * days)
	}
	o := e.occ[c].num(sort.SearchInts(e.occ[c].days, x+1) - 1)
	if o == nil {
		return new(big.Int)
	}
	return new(big.Int).Mul(o, big.NewInt(days))
}

// exactPrices are a setting's prices exactly, as Apply then newEngine set
// them: the block price by price-year and the spot prices by index, each
// as integers at one exponent (the spot prices only when a figure needs
// them).
type exactPrices struct {
	f          *fastModel
	x          Setting
	block      []*big.Int
	blockExp   int32
	spot       []*big.Int
	spotExp    int32
	sp         []float64 // the spot prices in float64, pence a day
	spotFactor decimal.Decimal
}

func (f *fastModel) exactPrices(x Setting) *exactPrices {
	a := f.e.a
	p := &exactPrices{f: f, x: x, spotFactor: nonNegative(x[carecast.FactorSpotPrice])}
	blockP := a.BlockWeeklyPrice.Mul(nonNegative(x[carecast.FactorBlockPrice]))
	gb := one.Add(addRate(a.BlockUplift, x[carecast.FactorBlockUplift]))
	bp := make([]decimal.Decimal, f.nbLen)
	for i := range bp {
		bp[i] = indexedPrice(blockP, gb, f.nbMin+i)
	}
	p.block, p.blockExp = commonInts(bp)
	fx := floatSetting(x)
	o := &fastOutcome{bp: make([]float64, f.nbLen), sp: make([]float64, len(f.spot)), pw: make([]float64, len(f.spotU)*f.spotN)}
	f.prices(&fx, o)
	p.sp = o.sp
	return p
}

// spotInts sets the exact spot prices, the first time a figure needs them.
func (p *exactPrices) spotInts() {
	if p.spot != nil {
		return
	}
	f, du := p.f, p.x[carecast.FactorSpotInflation]
	sp := make([]decimal.Decimal, len(f.spot))
	sp[0] = zero
	// A row's price-years follow one another: (1+u)^n from (1+u)^(n-1).
	var w, g, pw decimal.Decimal
	for i := 1; i < len(f.spot); i++ {
		q := f.spot[i]
		if i == 1 || q.row != f.spot[i-1].row || q.n != f.spot[i-1].n+1 {
			r := f.spotRows[q.row]
			w, g = r.w.Mul(p.spotFactor), one.Add(addRate(r.u, du))
			pw = pow(g, q.n)
		} else {
			pw = pw.Mul(g)
		}
		sp[i] = w.Mul(pw)
	}
	p.spot, p.spotExp = commonInts(sp)
}

// exactOutcome is the consortium's savings and NPV at setting x, whose
// key is the model's, exactly as Run(Apply(s, x)) gives them. A figure
// beyond carecast.MaxMonthPence in a month (a setting far from the
// scenario, such as a search at five times its prices) is an
// *OverflowError, as in Run.
func (f *fastModel) exactOutcome(x Setting, key exactKey) (carecast.Outcome, error) {
	e := f.e
	p := f.exactPrices(x)
	mult := f.exactMultiplier(x, key)
	var der *exactDerived
	if f.demand {
		der = f.deriveExact(x)
	}
	var rd rounder
	acc, t, q, r := new(big.Int), new(big.Int), new(big.Int), new(big.Int)
	monthly := make([]int64, e.months)
	for m := range e.months {
		if f.isFixed(m) {
			continue // an actual month: its savings are fixed (below)
		}
		acc.SetInt64(0)
		for _, bt := range f.bterms[f.bOff[m]:f.bOff[m+1]] {
			t.SetInt64(int64(bt.roomDays))
			acc.Add(acc, t.Mul(t, p.block[bt.b]))
		}
		// Pence = sum x 10^(exp+2) / 7.
		block := rd.round(q, r, acc, int(p.blockExp)+2, bigSeven)
		var spot int64
		for c := range e.nc {
			pence, err := f.exactSpot(m, c, p, mult, der, &rd)
			if err != nil {
				return carecast.Outcome{}, err
			}
			spot += pence
		}
		if rd.over || !fits(spot) {
			return carecast.Outcome{}, &OverflowError{Figure: "Savings", Month: e.a.StartDate.AddMonths(m)}
		}
		monthly[m] = spot - block - e.costs[m]
	}
	f.exactGrants(x, monthly)
	for m, fixed := range f.fixed {
		if fixed {
			monthly[m] = f.fixedMonth[m]
		}
	}
	var total int64
	for _, v := range monthly {
		total += v
	}
	npv, err := e.npvPence(monthly)
	if err != nil {
		return carecast.Outcome{}, err
	}
	return carecast.Outcome{Savings: carecast.Pence(total), NPV: carecast.Pence(npv)}, nil
}

// exactMultiplier is the multiplier of the occupied room-days at x: the
// occupancy factor on Occupancy rows (1 where the model is built for it),
// the occupancy rate times it (at most 1) without them, and 1 with Demand
// rows (the factor is in max_fill, exactDerived).
type exactMultiplier struct {
	d   decimal.Decimal
	i   *big.Int // d = i x 10^exp
	exp int32
	f   float64
}

func (f *fastModel) exactMultiplier(x Setting, key exactKey) exactMultiplier {
	occ := nonNegative(x[carecast.FactorOccupancy])
	mult := one
	switch {
	case f.demand || key.occ != "":
	case f.e.explicit:
		mult = occ
	default:
		mult = f.e.rate
		if !isOne(occ) {
			mult = decimal.Min(one, f.e.rate.Mul(occ))
		}
	}
	return exactMultiplier{d: mult, i: mult.Coefficient(), exp: mult.Exponent(), f: mult.InexactFloat64()}
}

// exactSpot is council c's spot purchasing avoided in month m in pence:
// in float64 when that decides the penny (roundClear), else exactly.
func (f *fastModel) exactSpot(m, c int, p *exactPrices, mult exactMultiplier, der *exactDerived, rd *rounder) (int64, error) {
	e, nc := f.e, f.nc
	lo, hi := f.cOff[m*nc+c], f.cOff[m*nc+c+1]
	if lo == hi {
		return 0, nil
	}
	v := 0.0
	for i := lo; i < hi; i++ {
		t := &f.terms[i]
		occ := t.occDays
		if der != nil {
			occ *= der.f[int(t.g-1)*nc+c]
		}
		v += occ * p.sp[t.s]
	}
	v *= mult.f
	if v > carecast.MaxMonthPence {
		return 0, &OverflowError{Figure: "Spot purchasing avoided", Month: e.a.StartDate.AddMonths(m)}
	}
	if pence, ok := roundClear(v, int(hi-lo)); ok && !exactAlways {
		return pence, nil
	}
	p.spotInts()
	acc, t, q, r := new(big.Int), new(big.Int), new(big.Int), new(big.Int)
	for i := lo; i < hi; i++ {
		term := &f.terms[i]
		t.Mul(f.xdays[i], p.spot[term.s])
		if der != nil {
			t.Mul(t, der.i[int(term.g-1)*nc+c])
		}
		acc.Add(acc, t)
	}
	if acc.Sign() == 0 {
		return 0, nil
	}
	acc.Mul(acc, mult.i)
	switch {
	case der != nil:
		// spot_c = sum of O x days x price / 7, O at derivedPlaces.
		return rd.round(q, r, acc, int(p.spotExp)-derivedPlaces+2, bigSeven), nil
	case e.explicit:
		// spot_c = mult x sum of O x days x price / 7, O at its exponent.
		return rd.round(q, r, acc, int(mult.exp+e.occ[c].exp+p.spotExp)+2, bigSeven), nil
	default:
		// spot_c = rate x w_c x sum of rooms x days x price / (7 W).
		sh := e.weights[m]
		acc.Mul(acc, sh.wi[c])
		return rd.round(q, r, acc, int(mult.exp+p.spotExp)+2, new(big.Int).Mul(bigSeven, sh.totali)), nil
	}
}

// exactAlways, set by a test, takes every figure by the exact route.
var exactAlways = false

// exactGrants adds each grant, times the grants factor rounded to pence
// as Apply rounds it, to its month.
func (f *fastModel) exactGrants(x Setting, monthly []int64) {
	g := nonNegative(x[carecast.FactorGrants])
	for _, gr := range f.e.s.Grants {
		m := f.e.monthOf(gr.Date.Days())
		if m < 0 {
			continue
		}
		a := gr.Amount
		if !isOne(g) {
			a = carecast.MoneyOf(a.Decimal().Mul(g))
		}
		monthly[m] += a.PenceInt()
	}
}

// exactDerived is the occupancy derived from demand at a setting, by
// demand stretch and council ([g*nc+c]): exactly, in millionths of a
// room (i), and in float64 (f).
type exactDerived struct {
	i []*big.Int
	f []float64
}

// deriveExact derives the occupancy of every demand stretch at x, as
// ApplyCouncils then DeriveOccupancy would: each council's placements
// times the demand factors, to six places; max_fill times the occupancy
// factor, at most 1, rounded down to four places (at least minFill);
// then the sharing rule (Share).
func (f *fastModel) deriveExact(x Setting) *exactDerived {
	nc := f.nc
	fill := f.fill
	if occ := nonNegative(x[carecast.FactorOccupancy]); !isOne(occ) {
		fill = decimal.Min(one, fill.Mul(occ)).RoundFloor(4)
		if fill.Sign() <= 0 {
			fill = minFill
		}
	}
	dm, dc := nonNegative(x[carecast.FactorDemand]), nonNegative(x[carecast.FactorDemandCouncil])
	scale := !isOne(dm) || !isOne(dc)
	out := &exactDerived{i: make([]*big.Int, len(f.dstretch)*nc), f: make([]float64, len(f.dstretch)*nc)}
	d := make([]decimal.Decimal, nc)
	for g, st := range f.dstretch {
		for c := range nc {
			d[c] = st.demandD[c]
			if scale {
				d[c] = d[c].Mul(dm).Mul(dc).Round(demandPlaces)
			}
		}
		for c, o := range Share(f.rule, fill, st.roomsD, d, st.allocD) {
			out.i[g*nc+c] = carecast.ScaleTo(o, -derivedPlaces)
			out.f[g*nc+c] = o.InexactFloat64()
		}
	}
	return out
}

// exactModels builds each model in exact mode once, when a setting first
// needs it.
type exactModels struct {
	s  *carecast.Scenario
	mu sync.Mutex
	by map[exactKey]*exactOnce
}

type exactOnce struct {
	once sync.Once
	m    *fastModel
	err  error
}

func newExactModels(s *carecast.Scenario) *exactModels {
	return &exactModels{s: s, by: map[exactKey]*exactOnce{}}
}

// outcome is the consortium's savings and NPV at x, as Run(Apply(s, x))
// gives them.
func (ms *exactModels) outcome(x Setting) (carecast.Outcome, error) {
	key := exactKeyOf(ms.s, x)
	ms.mu.Lock()
	mo := ms.by[key]
	if mo == nil {
		mo = &exactOnce{}
		ms.by[key] = mo
	}
	ms.mu.Unlock()
	mo.once.Do(func() { mo.m, mo.err = newExactModel(ms.s, key) })
	if mo.err != nil {
		return carecast.Outcome{}, mo.err
	}
	return mo.m.exactOutcome(x, key)
}

// roundClear rounds v, a figure in pence computed in float64 as a sum of k
// products of positive numbers, when its rounding is certain. The exact
// figure is a sum of products rounded once; in float64 a price-year's
// price, W(1+u)^n x 100/7 x the factor, is within a relative (2n + 8) x
// 2^-53 of the exact price (n <= 31: 70 x 2^-53), the room-days (with the
// share and rate, or the derived occupancy) within 6 x 2^-53, and each
// product and sum adds at most 2^-53, so v is within (k + 90) x 2^-53 x v
// of the exact figure. When v is further than twice that from the nearest
// half penny, the exact figure lies on the same side of it and rounds to
// the same penny: ok. Otherwise the caller takes the sum exactly.
func roundClear(v float64, k int) (int64, bool) {
	half := math.Floor(v) + 0.5
	if math.Abs(v-half) > float64(2*(k+90))*0x1p-53*v {
		return int64(math.Floor(v + 0.5)), true
	}
	return 0, false
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
