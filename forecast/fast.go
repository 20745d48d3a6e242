package forecast

import (
	"cmp"
	"encoding/binary"
	"math"
	"math/big"
	"math/bits"
	"slices"
	"sort"

	"github.com/carecast/carecast"
	"github.com/shopspring/decimal"
)

// The float64 path of a simulation. Run is exact and is the source of
// truth; a Monte Carlo appraisal reruns the model tens of thousands of
// times, so it uses this path instead, which a test holds to within £1 of
// Run on every scenario the tests make, at many settings.
//
// The model is precomputed once per scenario (and per ramp delay, which
// moves the rooms) as coefficients by month and council, so that a draw
// costs a few multiply-adds a council-month:
//
//	block_cost(m) = sum over stretches of R x days x P(1+u+du)^n/7 x block factor
//	used_c(m)     = sum over stretches of O_c x days x min(a x occ, rho) x the same price
//	spot_c(m)     = sum over stretches of O_c x days x min(a x occ, rho) x W(1+v+dv)^n/7 x spot factor
//
// where a stretch is a run of days in the month on which rooms, occupancy
// and the price-years n do not change; with Occupancy rows a = 1 and rho is
// rooms / total occupancy (the cap of Apply); without them O_c = R x s_c,
// a = occupancy_rate and rho = 1. Each monthly figure is rounded to pence
// and the shared cost shared out by largest remainder, as Run does; what
// is left is float64 rounding, far below a penny, and the NPVs of the
// councils, which are not rounded.

// fsetting is a Setting in float64, clamped as Apply clamps it.
type fsetting [carecast.NumFactors]float64

// floatSetting converts a Setting for the float path.
func floatSetting(x Setting) fsetting {
	var f fsetting
	for i := range x {
		f[i] = x[i].InexactFloat64()
	}
	return f
}

// fastModel is a scenario, with one ramp delay, precomputed for the float
// path. Money is in pence.
type fastModel struct {
	e          *engine        // the exact engine it was made from (withDelay)
	rooms      steps[float64] // the rooms, by day
	nc, months int
	// With Demand rows: occupancy is derived each draw, stretch by stretch.
	demand   bool
	fill     decimal.Decimal // max_fill
	rule     string
	dstretch []demandStretch
	occA     float64 // a: the occupancy rate without Occupancy rows, else 1

	blockP, blockU float64 // block price per room-day (pence) on its price date, and uplift
	nbMin, nbLen   int     // price-years of the block price in the horizon

	spot []spotPair // spot[0] is "no spot price"
	// spotRows are the spot rows' prices exactly, for the exact mode
	// (exact.go); spotPair.row indexes them.
	spotRows []spotRowRef
	// spotU are the spot rows' distinct annual inflations; spotN is one
	// more than the largest price-year n.
	spotU []float64
	spotN int

	bterms []blockTerm
	terms  []fastTerm
	bOff   []int32 // month m's block terms are bterms[bOff[m]:bOff[m+1]]
	cOff   []int32 // council c's terms in month m: terms[cOff[m*nc+c]:cOff[m*nc+c+1]]
	other  []float64
	gOff   []int32 // month m's grants are grants[gOff[m]:gOff[m+1]]
	grants []float64
	shares []float64 // [m*nc+c] s_c(m), for the default occupancy
	equal  []bool    // [m] every council's share the same
	// wInt [m*nc+c] and wTotal [m] are the weights of the shares as whole
	// numbers (s_c = w_c / W), when they fit; wTotal 0 when they do not.
	wInt   []uint64
	wInt32 []uint32 // wInt, when every weight fits in 32 bits (half the memory); else nil
	wTotal []uint64
	// exact [m] are the weights of a month whose wTotal is 0, for
	// carecast.Apportion.
	exact []shares
	// wMax [m] is the largest weight of month m, to tell when every w_c x
	// |shared| is below 2^50 (divW's float64 route).
	wMax []uint64
	// wRecip [m] is floor(2^64 / wTotal[m]), when wTotal is 2 or more.
	wRecip []uint64
	// aLim [m] is intLimit(m).
	aLim []uint64
	// single [m]: every council has at most one term in month m, which
	// is one[m*nc+c] (occDays 0 when it has none).
	single []bool
	one    []oneTerm
	// slots [m] > 0: every council has at most slots[m] (maxSlots) terms
	// in month m, all with one cap mRho[m] and block price-year mB[m];
	// occS and sS, from sOff[m], slot t of council c at t x nc + c, are
	// their occupied room-days (0 for an empty slot) and spot index, laid
	// out apart for eval's tightest loop.
	slots []int8
	mRho  []float64
	mB    []int32
	sOff  []int32
	occS  []float64
	sS    []int32
	// twin [m] is the first month of m's model year whose figures by
	// council before the shared cost month m repeats at any draw
	// (sameMonth), m itself when none; reps [m], for such a first month,
	// is how many months of its year repeat it, itself included. Yearly
	// rows make months of one length alike.
	twin []int32
	reps []int32
	// fixed [m] marks the actual months (nil when there are none): their
	// figures do not move with a draw. fixedSav [m*nc+c] is a council's
	// savings in such a month and fixedMonth [m] the consortium's, pence.
	fixed      []bool
	fixedSav   []float64
	fixedMonth []int64
	invNC      float64   // 1 / councils
	disc       []float64 // [model year] 1/((1+deflator)(1+discount))^k
	// exact: the model keeps, for the exact mode (exact.go), each term's
	// occupied room-days exactly in xdays, aligned with terms (exactDays).
	exactMode bool
	xdays     []*big.Int
}

// spotPair is a spot price row in its n-th price-year.
type spotPair struct {
	w, u float64 // per day (pence) on the row's date, annual inflation
	n    int
	ui   int // index of u in fastModel.spotU
	row  int // index in fastModel.spotRows
}

// spotRowRef is a spot row's weekly cost and annual inflation, exactly.
type spotRowRef struct {
	w, u decimal.Decimal
}

type blockTerm struct {
	roomDays float64
	b        int32 // price-year index: n - nbMin
}

// oneTerm is a council's only term in a month.
type oneTerm struct {
	occDays, rho float64
	b, s         int32
}

type fastTerm struct {
	occDays float64 // occupied room-days at the base occupancy
	rho     float64 // the cap: the multiplier of occDays is min(a x occ, rho)
	b       int32   // block price-year index
	s       int32   // index into spot
	c       int32   // council
	g       int32   // with Demand rows: 1 + the demand stretch (occDays are then days); else 0
}

// demandStretch is a run of days on which the rooms, every council's
// demand and every allocation are constant: occupancy derived from demand
// is constant on it too, and is derived once a draw.
type demandStretch struct {
	rooms  float64
	demand []float64 // by council
	alloc  []float64 // by council (allocated rules)
	// The same exactly, for the exact mode (exact.go).
	roomsD          decimal.Decimal
	demandD, allocD []decimal.Decimal
}

// fastOutcome is one draw's result, in pence.
type fastOutcome struct {
	savings, npv float64
	council      []float64 // savings by council
	councilNPV   []float64
	monthSavings []float64 // consortium, by month
	bp, sp       []float64 // scratch: prices by price-year
	pw           []float64 // scratch: the spot inflations' powers (eval)
	used, spotC  []float64 // scratch by council
	usedX        []float64 // scratch: used block by council before rounding
	year         []float64 // scratch: savings by council this model year
	parts, rems  []float64 // scratch: the allocation of the shared cost
	remsU        []uint64  // the same, exact
	exactParts   []int64   // scratch: the allocation by carecast.Apportion
	// The allocations of the shared cost in whole numbers (shareInt) this
	// model year: acc [c] the parts rounded down, bon council c's byte
	// (c%8) of word c/8 the pence left over it was given; bk [c] is
	// scratch, each remainder's bucket, in whole words.
	acc []int64
	bon []uint64
	bk  []uint8
	eqb []uint64 // scratch: a bit a council (giveTopInt)
	// rep is how many times the month being worked out counts in its
	// model year (its figures by council go into year times rep); tBlock,
	// tUsed and tSpot [m] keep the sums of a month others repeat (eval).
	rep                  float64
	tBlock, tUsed, tSpot []float64
	rs                   remScratch
	// DemandC, when not nil, is each council's demand_council multiplier
	// for the draw (a Monte Carlo run draws one a council); nil means the
	// setting's one value for all.
	DemandC []float64
	segOcc  []float64 // scratch: occupancy by demand stretch and council
	dScaled []float64 // scratch: demand by council
}

// newOutcome makes room for a draw's result. Models of one scenario with
// other ramp delays have the same dimensions, so it serves them all.
func (f *fastModel) newOutcome() *fastOutcome {
	return &fastOutcome{
		council: make([]float64, f.nc), councilNPV: make([]float64, f.nc),
		monthSavings: make([]float64, f.months),
		bp:           make([]float64, f.nbLen), sp: make([]float64, len(f.spot)),
		pw:   make([]float64, len(f.spotU)*f.spotN),
		used: make([]float64, f.nc), spotC: make([]float64, f.nc), usedX: make([]float64, f.nc),
		year: make([]float64, f.nc), parts: make([]float64, f.nc), rems: make([]float64, f.nc),
		remsU: make([]uint64, f.nc), rs: newRemScratch(f.nc), exactParts: make([]int64, 0, f.nc),
		segOcc: make([]float64, len(f.dstretch)*f.nc), dScaled: make([]float64, f.nc),
		acc: make([]int64, f.nc), bon: make([]uint64, (f.nc+7)/8), bk: make([]uint8, (f.nc+7)/8*8),
		eqb:    make([]uint64, (f.nc+63)/64),
		rep:    1,
		tBlock: make([]float64, f.months), tUsed: make([]float64, f.months), tSpot: make([]float64, f.months),
	}
}

// newFastModel precomputes s, with its rooms delayed by k months, for the
// float path.
func newFastModel(s *carecast.Scenario, k int) (*fastModel, error) {
	s = settledOrSelf(s) // the actual months as they are, before any delay
	if k > 0 {
		t := *s
		t.Rooms = delayRooms(s.Rooms, k)
		s = &t
	}
	e, err := newEngine(s)
	if err != nil {
		return nil, err
	}
	return buildFast(e, nil, false)
}

// withDelay is the scenario of f, a model with no delay, with its rooms
// delayed by k months. Without Demand rows only the rooms move: the engine's amounts
// and weights, and f's tables of them, are shared rather than built again
// (the simulation keeps a model for each delay it draws, and the tables
// are most of a model).
func (f *fastModel) withDelay(k int) (*fastModel, error) {
	if f.demand {
		return newFastModel(f.e.s, k) // derived occupancy moves with the rooms
	}
	e := *f.e
	t := *f.e.s
	t.Rooms = delayRooms(t.Rooms, k)
	e.s, e.rooms = &t, roomSteps(t.Rooms)
	return buildFast(&e, f, false)
}

// buildFast precomputes the engine e for the float path; the weight
// tables and the other month-by-month amounts, which do not depend on
// the rooms, are taken from like when it is not nil. With exact, it keeps
// the tables of the exact mode too (exact.go). The actual months are
// fixed (fixedMonths), worked out once, or taken from like: a draw moves
// only the forecast months.
func buildFast(e *engine, like *fastModel, exact bool) (*fastModel, error) {
	s := e.s
	a := s.Assumptions
	f := &fastModel{e: e, nc: e.nc, months: e.months, occA: 1, invNC: 1 / float64(e.nc), exactMode: exact}
	if !e.explicit {
		f.occA = a.OccupancyRate.InexactFloat64()
	}
	st := fastSteps{blockN: f.blockPriceYears(e), spotS: f.spotPriceYears(e)}
	st.rooms, st.occ, st.rho = occupancySteps(e)
	if e.over != nil {
		// With Demand rows, the stretches on which derived occupancy is
		// constant: it is derived on each, once a draw.
		f.demand, f.fill, f.rule = true, a.Fill(), a.SharingRule()
		f.dstretch = demandStretches(s, &st.dseg)
	}

	// The coefficients, month by month.
	f.bOff = make([]int32, 0, e.months+1)
	f.cOff = make([]int32, 0, e.months*e.nc+1)
	if like != nil {
		f.fixed, f.fixedSav, f.fixedMonth = like.fixed, like.fixedSav, like.fixedMonth
	} else {
		var err error
		if f.fixed, f.fixedSav, f.fixedMonth, err = e.fixedMonths(); err != nil {
			return nil, err
		}
	}
	if like != nil {
		f.shares, f.equal, f.wInt, f.wTotal, f.exact = like.shares, like.equal, like.wInt, like.wTotal, like.exact
		f.wMax, f.wRecip, f.aLim, f.other, f.gOff, f.grants = like.wMax, like.wRecip, like.aLim, like.other, like.gOff, like.grants
		f.terms = make([]fastTerm, 0, len(like.terms))
		f.bterms = make([]blockTerm, 0, len(like.bterms))
		for m := range e.months {
			if f.isFixed(m) {
				f.noTerms()
			} else if m0, m1 := e.bounds[m], e.bounds[m+1]; sameOn(&st.rooms, &like.rooms, m0, m1) {
				f.copyTerms(like, m) // the same rooms: the same terms
			} else {
				f.monthTerms(e, m, &st)
			}
		}
	} else {
		f.monthlyAmounts(e, &st)
	}
	f.bOff = append(f.bOff, int32(len(f.bterms)))
	f.cOff = append(f.cOff, int32(len(f.terms)))
	f.rooms = st.rooms
	if like != nil {
		f.wInt32 = like.wInt32
	} else if slices.Max(append([]uint64{0}, f.wInt...)) < 1<<32 {
		f.wInt32 = make([]uint32, len(f.wInt))
		for i, w := range f.wInt {
			f.wInt32[i] = uint32(w)
		}
	}
	if !exact {
		f.singleTerms() // eval's layouts; the exact mode reads the terms
	}

	q := (1 + a.Deflator.InexactFloat64()) * (1 + a.DiscountRate.InexactFloat64())
	f.disc = make([]float64, a.Years)
	for k := range f.disc {
		f.disc[k] = math.Pow(q, -float64(k))
	}
	return f, nil
}

// monthlyAmounts sets, month by month, the running costs, grants and
// weights, and the terms.
func (f *fastModel) monthlyAmounts(e *engine, st *fastSteps) {
	s := e.s
	f.gOff = make([]int32, 0, e.months+1)
	f.shares = make([]float64, e.months*e.nc)
	f.equal = make([]bool, e.months)
	f.wInt = make([]uint64, e.months*e.nc)
	f.wTotal = make([]uint64, e.months)
	f.exact = make([]shares, e.months)
	f.wMax = make([]uint64, e.months)
	f.wRecip = make([]uint64, e.months)
	f.aLim = make([]uint64, e.months)
	f.other = make([]float64, e.months)
	grantsBy := make([][]float64, e.months)
	for _, g := range s.Grants {
		if m := e.monthOf(g.Date.Days()); m >= 0 {
			grantsBy[m] = append(grantsBy[m], float64(g.Amount.PenceInt()))
		}
	}
	for m := range e.months {
		f.other[m] = float64(e.costs[m])
		f.gOff = append(f.gOff, int32(len(f.grants)))
		f.grants = append(f.grants, grantsBy[m]...)
		if f.isFixed(m) {
			f.noTerms() // no draw reads an actual month's shares or terms
			continue
		}
		f.monthShares(e, m)
		f.monthTerms(e, m, st)
	}
	f.gOff = append(f.gOff, int32(len(f.grants)))
}

// fastSteps are the step functions a fastModel's terms are cut from.
type fastSteps struct {
	blockN    steps[float64]   // the block price's price-year, from nbMin
	spotS     []steps[float64] // [c] index into fastModel.spot
	rooms     steps[float64]
	occ       []steps[float64] // [c], with Occupancy rows
	rho       steps[float64]   // rooms / total occupancy, with Occupancy rows
	dseg      steps[float64]   // with Demand rows: 1 + the demand stretch in force
	cutsOfDay []int            // scratch
}

// isFixed says whether month m is an actual month, whose figures no draw
// moves (fixedMonths).
func (f *fastModel) isFixed(m int) bool { return f.fixed != nil && f.fixed[m] }

// noTerms adds a month with no terms: an actual month's.
func (f *fastModel) noTerms() {
	f.bOff = append(f.bOff, int32(len(f.bterms)))
	for range f.nc {
		f.cOff = append(f.cOff, int32(len(f.terms)))
	}
}

// copyTerms adds month m's terms from g, a model of the same scenario
// whose rooms are the same throughout month m.
func (f *fastModel) copyTerms(g *fastModel, m int) {
	nc := f.nc
	f.bOff = append(f.bOff, int32(len(f.bterms)))
	f.bterms = append(f.bterms, g.bterms[g.bOff[m]:g.bOff[m+1]]...)
	for c := range nc {
		f.cOff = append(f.cOff, int32(len(f.terms)))
		lo, hi := g.cOff[m*nc+c], g.cOff[m*nc+c+1]
		f.terms = append(f.terms, g.terms[lo:hi]...)
		if f.exactMode {
			f.xdays = append(f.xdays, g.xdays[lo:hi]...)
		}
	}
}

// sameOn says whether step functions a and b agree on every day from lo
// until hi.
func sameOn(a, b *steps[float64], lo, hi int) bool {
	if a.at(lo) != b.at(lo) {
		return false
	}
	for _, s := range []*steps[float64]{a, b} {
		for i := sort.SearchInts(s.days, lo+1); i < len(s.days) && s.days[i] < hi; i++ {
			if d := s.days[i]; a.at(d) != b.at(d) {
				return false
			}
		}
	}
	return true
}

// blockPriceYears sets the block price and returns its price-years as a
// step function: n steps up on each anniversary of its date.
func (f *fastModel) blockPriceYears(e *engine) steps[float64] {
	a := e.a
	d0, end := e.bounds[0], e.bounds[e.months]
	pd := a.PriceDate()
	f.blockP = a.BlockWeeklyPrice.InexactFloat64() * 100 / 7
	f.blockU = a.BlockUplift.InexactFloat64()
	var blockN steps[float64]
	n := pd.WholeYears(carecast.DateFromDays(d0))
	f.nbMin = n
	for day := d0; day < end; {
		blockN.set(day, float64(n-f.nbMin))
		n++
		day = pd.Anniversary(n).Days()
	}
	f.nbLen = n - f.nbMin
	return blockN
}

// spotPriceYears fills f.spot with every spot price row in each of its
// price-years (each row holds until the council's next, in price-years
// from its own date; index 0 is no price at all) and returns, per council,
// the index in force as a step function.
func (f *fastModel) spotPriceYears(e *engine) []steps[float64] {
	end := e.bounds[e.months]
	f.spot = []spotPair{{}}
	f.spotRows = nil
	spotS := make([]steps[float64], e.nc)
	byCouncil := make([][]carecast.SpotCost, e.nc)
	for _, r := range e.s.SpotCosts {
		byCouncil[r.Council] = append(byCouncil[r.Council], r)
	}
	for c, rs := range byCouncil {
		sort.SliceStable(rs, func(i, j int) bool { return rs[i].From.Before(rs[j].From) })
		for i, r := range rs {
			until := end
			if i+1 < len(rs) {
				until = min(until, rs[i+1].From.Days())
			}
			w, u := r.WeeklyCost.InexactFloat64()*100/7, r.AnnualInflation.InexactFloat64()
			row := len(f.spotRows)
			f.spotRows = append(f.spotRows, spotRowRef{w: r.WeeklyCost, u: r.AnnualInflation})
			from := r.From.Days()
			n := 0
			for day := from; day < until; {
				spotS[c].set(day, float64(len(f.spot)))
				ui := slices.Index(f.spotU, u)
				if ui < 0 {
					ui, f.spotU = len(f.spotU), append(f.spotU, u)
				}
				f.spot = append(f.spot, spotPair{w: w, u: u, n: n, ui: ui, row: row})
				f.spotN = max(f.spotN, n+1)
				n++
				day = r.From.Anniversary(n).Days()
			}
		}
	}
	return spotS
}

// occupancySteps returns the rooms and, with Occupancy rows, each
// council's occupancy and the cap rho = rooms / total occupancy, on every
// change of either, in float64.
func occupancySteps(e *engine) (rooms steps[float64], occ []steps[float64], rho steps[float64]) {
	rooms = mapSteps(e.rooms.steps, decimal.Decimal.InexactFloat64)
	if !e.explicit {
		return rooms, nil, rho
	}
	occ = make([]steps[float64], e.nc)
	for c := range occ {
		occ[c] = mapSteps(e.occ[c].steps, decimal.Decimal.InexactFloat64)
	}
	days := append([]int(nil), rooms.days...)
	for _, o := range occ {
		days = append(days, o.days...)
	}
	sort.Ints(days)
	for _, d := range dedupeInts(days) {
		total := 0.0
		for _, o := range occ {
			total += o.at(d)
		}
		r := math.Inf(1)
		if total > 0 {
			r = rooms.at(d) / total
		}
		rho.set(d, r)
	}
	return rooms, occ, rho
}

// monthShares sets month m's shares: as float64 for the default
// occupancy, whether they are equal, and as whole numbers for allocate
// when they fit in 63 bits (else the exact weights).
func (f *fastModel) monthShares(e *engine, m int) {
	sh := e.weights[m]
	total := sh.total.InexactFloat64()
	f.equal[m] = true
	for c := range e.nc {
		f.shares[m*e.nc+c] = sh.w[c].InexactFloat64() / total
		f.equal[m] = f.equal[m] && sh.wi[c].Cmp(sh.wi[0]) == 0
	}
	if sh.totali.Sign() > 0 && sh.totali.BitLen() <= 63 {
		f.wTotal[m] = sh.totali.Uint64()
		for c, w := range sh.wi {
			if w.Sign() < 0 {
				f.wTotal[m] = 0 // not a weight to share by exactly
				break
			}
			f.wInt[m*e.nc+c] = w.Uint64()
			f.wMax[m] = max(f.wMax[m], w.Uint64())
		}
	}
	f.wRecip[m] = recip64(f.wTotal[m])
	f.aLim[m] = f.intLimit(m)
	if f.wTotal[m] == 0 {
		f.exact[m] = sh
	}
}

// intLimit is the bound on |shared| below which month m's shared cost
// goes by shareInt: the month's weights are whole numbers w_c, not all
// equal, with W = their sum below 2^61, and every w_c x |shared| is below
// 2^63 (and |shared| below 2^50); 0 when they are not.
func (f *fastModel) intLimit(m int) uint64 {
	W, wm := f.wTotal[m], f.wMax[m]
	if f.equal[m] || W < 2 || W >= 1<<61 {
		return 0
	}
	if wm == 0 {
		return 1 << 50
	}
	return min(1<<50, (1<<63)/wm)
}

// monthTerms adds month m's terms: the consortium's block room-days by
// price-year, and each council's occupied room-days by stretch.
func (f *fastModel) monthTerms(e *engine, m int, st *fastSteps) {
	m0, m1 := e.bounds[m], e.bounds[m+1]
	f.bOff = append(f.bOff, int32(len(f.bterms)))
	first := len(f.bterms)
	cuts := segments(st.cutsOfDay[:0], m0, m1, &st.rooms, &st.blockN)
	for i := 0; i+1 < len(cuts); i++ {
		x, days := cuts[i], float64(cuts[i+1]-cuts[i])
		rd := st.rooms.at(x) * days
		if rd == 0 {
			continue
		}
		b := int32(st.blockN.at(x))
		f.bterms = addBlockTerm(f.bterms, first, blockTerm{rd, b})
	}

	for c := range e.nc {
		f.cOff = append(f.cOff, int32(len(f.terms)))
		first := len(f.terms)
		if f.demand {
			cuts = segments(cuts[:0], m0, m1, &st.dseg, &st.blockN, &st.spotS[c])
			for i := 0; i+1 < len(cuts); i++ {
				x, days := cuts[i], float64(cuts[i+1]-cuts[i])
				g := int32(st.dseg.at(x))
				if g == 0 || f.dstretch[g-1].demand[c] == 0 {
					continue // no demand: nothing occupied at any multiplier
				}
				t := fastTerm{rho: 1, b: int32(st.blockN.at(x)), s: int32(st.spotS[c].at(x)), c: int32(c), g: g, occDays: days}
				f.addTerm(first, t, func() *big.Int { return big.NewInt(int64(days)) })
			}
			continue
		}
		if e.explicit {
			cuts = segments(cuts[:0], m0, m1, &st.occ[c], &st.rho, &st.blockN, &st.spotS[c])
		} else {
			cuts = segments(cuts[:0], m0, m1, &st.rooms, &st.blockN, &st.spotS[c])
		}
		share := f.shares[m*e.nc+c]
		for i := 0; i+1 < len(cuts); i++ {
			x, days := cuts[i], float64(cuts[i+1]-cuts[i])
			t := fastTerm{rho: 1, b: int32(st.blockN.at(x)), s: int32(st.spotS[c].at(x)), c: int32(c)}
			if e.explicit {
				t.occDays, t.rho = st.occ[c].at(x)*days, st.rho.at(x)
			} else {
				t.occDays = st.rooms.at(x) * share * days
			}
			if t.occDays == 0 {
				continue
			}
			f.addTerm(first, t, func() *big.Int { return exactDays(e, c, x, int64(days), st) })
		}
	}
	st.cutsOfDay = cuts
}

// singleTerms finds the months in which every council has at most one
// term and lays those terms out by council, for eval's one-pass loop.
func (f *fastModel) singleTerms() {
	nc := f.nc
	f.single = make([]bool, f.months)
	f.one = make([]oneTerm, f.months*nc)
	for m := range f.months {
		f.single[m] = !f.demand // derived occupancy is read through the terms
		for c := range nc {
			lo, hi := f.cOff[m*nc+c], f.cOff[m*nc+c+1]
			switch {
			case hi-lo > 1:
				f.single[m] = false
			case hi-lo == 1:
				t := f.terms[lo]
				f.one[m*nc+c] = oneTerm{occDays: t.occDays, rho: t.rho, b: t.b, s: t.s}
			default:
				f.one[m*nc+c] = oneTerm{rho: 1}
			}
		}
	}
	f.uniformTerms()
	f.twins()
}

// twins sets f.twin and f.reps.
func (f *fastModel) twins() {
	f.twin = make([]int32, f.months)
	f.reps = make([]int32, f.months)
	for m := range f.months {
		f.twin[m] = int32(m)
		if f.isFixed(m) {
			continue // an actual month is worked out by evalFixed
		}
		for t := m - m%12; t < m; t++ {
			if f.twin[t] == int32(t) && !f.isFixed(t) && f.sameMonth(m, t) {
				f.twin[m] = int32(t)
				break
			}
		}
		f.reps[f.twin[m]]++
	}
}

// sameMonth says whether months m and t have the same terms, laid out in
// slots, and block room-days: at any draw, the same figures for every
// council before the shared cost.
func (f *fastModel) sameMonth(m, t int) bool {
	nc := f.nc
	n := int(f.slots[m])
	if n == 0 || f.slots[t] != f.slots[m] || f.mRho[m] != f.mRho[t] || f.mB[m] != f.mB[t] {
		return false
	}
	jm, jt := int(f.sOff[m]), int(f.sOff[t])
	return slices.Equal(f.occS[jm:jm+n*nc], f.occS[jt:jt+n*nc]) &&
		slices.Equal(f.sS[jm:jm+n*nc], f.sS[jt:jt+n*nc]) &&
		slices.Equal(f.bterms[f.bOff[m]:f.bOff[m+1]], f.bterms[f.bOff[t]:f.bOff[t+1]])
}

// maxSlots is the most terms a council may have in a month f.slots marks.
const maxSlots = 4

// uniformTerms finds the months whose councils have at most maxSlots
// terms, all with one cap and one block price-year, and lays their terms
// out apart, in the order of f.terms.
func (f *fastModel) uniformTerms() {
	nc := f.nc
	f.slots = make([]int8, f.months)
	f.mRho = make([]float64, f.months)
	f.mB = make([]int32, f.months)
	f.sOff = make([]int32, f.months)
	for m := range f.months {
		if f.demand {
			break // derived occupancy is read through the terms
		}
		if f.isFixed(m) {
			continue // no draw reads an actual month's terms
		}
		ts := f.terms[f.cOff[m*nc]:f.cOff[m*nc+nc]]
		f.mRho[m] = 1
		if len(ts) > 0 {
			f.mRho[m], f.mB[m] = ts[0].rho, ts[0].b
		}
		n := 1
		for c := range nc {
			n = max(n, int(f.cOff[m*nc+c+1]-f.cOff[m*nc+c]))
		}
		ok := n <= maxSlots
		for _, t := range ts {
			ok = ok && t.rho == f.mRho[m] && t.b == f.mB[m]
		}
		if !ok {
			continue
		}
		f.slots[m] = int8(n)
		f.sOff[m] = int32(len(f.occS))
		f.occS = append(f.occS, make([]float64, n*nc)...)
		f.sS = append(f.sS, make([]int32, n*nc)...)
		for c := range nc {
			for i, t := range f.terms[f.cOff[m*nc+c]:f.cOff[m*nc+c+1]] {
				j := int(f.sOff[m]) + i*nc + c
				f.occS[j], f.sS[j] = t.occDays, t.s
			}
		}
	}
}

// addBlockTerm adds t to the terms from first on, merging it with one of
// the same price-year.
func addBlockTerm(ts []blockTerm, first int, t blockTerm) []blockTerm {
	for i := first; i < len(ts); i++ {
		if ts[i].b == t.b {
			ts[i].roomDays += t.roomDays
			return ts
		}
	}
	return append(ts, t)
}

// addTerm adds t to the terms from first on, merging it with one of the
// same cap and prices; in exact mode, with its occupied room-days
// exactly, x() (exactDays).
func (f *fastModel) addTerm(first int, t fastTerm, x func() *big.Int) {
	for i := first; i < len(f.terms); i++ {
		if u := &f.terms[i]; u.rho == t.rho && u.b == t.b && u.s == t.s && u.g == t.g {
			u.occDays += t.occDays
			if f.exactMode {
				f.xdays[i].Add(f.xdays[i], x())
			}
			return
		}
	}
	f.terms = append(f.terms, t)
	if f.exactMode {
		f.xdays = append(f.xdays, x())
	}
}

// eval computes one draw: the setting x (clamped as Apply clamps it) on
// this model, whose ramp delay the caller chose.
func (f *fastModel) eval(x *fsetting, o *fastOutcome) {
	occ := max(0, x[carecast.FactorOccupancy])
	lam := f.occA * occ
	if f.occA != 1 {
		lam = min(lam, 1) // occupancy_rate x factor, at most 1
	}
	f.prices(x, o)
	g := max(0, x[carecast.FactorGrants])
	if f.demand {
		f.deriveDraw(x, o)
	}
	o.savings, o.npv = 0, 0
	clear(o.council)
	clear(o.councilNPV)
	clear(o.year)
	clear(o.acc)
	clear(o.bon)
	for m := range f.months {
		if f.isFixed(m) {
			f.evalFixed(m, o)
			continue
		}
		f.evalWhole(m, lam, g, o)
	}
}

// evalFixed adds actual month m, whose figures no draw moves, to o.
func (f *fastModel) evalFixed(m int, o *fastOutcome) {
	year := o.year[:f.nc]
	for c, v := range f.fixedSav[m*f.nc : (m+1)*f.nc] {
		year[c] += v
	}
	f.monthEnd(o, m, float64(f.fixedMonth[m]))
}

// prices sets o.bp and o.sp, the block price by price-year and the spot
// prices by index, in pence a day, at setting x.
func (f *fastModel) prices(x *fsetting, o *fastOutcome) {
	blockF := max(0, x[carecast.FactorBlockPrice])
	gb := 1 + max(f.blockU+x[carecast.FactorBlockUplift], minRateF)
	if x[carecast.FactorBlockUplift] == 0 {
		gb = 1 + f.blockU
	}
	for i := range o.bp {
		o.bp[i] = blockF * f.blockP * math.Pow(gb, float64(f.nbMin+i))
	}
	spotF, du := max(0, x[carecast.FactorSpotPrice]), x[carecast.FactorSpotInflation]
	// (1+u)^n for each inflation u and price-year n, by multiplication
	// as Run forms it: pw[ui x spotN + n].
	pw := o.pw
	for ui, u := range f.spotU {
		if du != 0 {
			u = max(u+du, minRateF)
		}
		g := 1.0
		for n := range pw[ui*f.spotN : (ui+1)*f.spotN] {
			pw[ui*f.spotN+n] = g
			g *= 1 + u
		}
	}
	o.sp[0] = 0
	for i := 1; i < len(f.spot); i++ {
		p := &f.spot[i]
		o.sp[i] = spotF * p.w * pw[p.ui*f.spotN+p.n]
	}
}

// evalWhole works out month m of a draw, occupancy multiplier lam and
// grants factor g, into o: its figures by council, its shared cost shared
// out, and its savings into the totals (monthEnd).
func (f *fastModel) evalWhole(m int, lam, g float64, o *fastOutcome) {
	nc := f.nc
	var block, usedSum, spotSum float64
	if t := int(f.twin[m]); t != m {
		// Month m's terms and block are month t's: so are its
		// figures by council before the shared cost, counted for it
		// when t was worked out, and their sums.
		block, usedSum, spotSum = o.tBlock[t], o.tUsed[t], o.tSpot[t]
	} else {
		// Counted once for each month of the year that repeats it.
		// Every figure is a whole number of pence, so the sums are
		// those of counting the months one by one.
		rep := f.reps[m]
		o.rep = float64(rep)
		block, usedSum, spotSum = f.evalMonth(m, lam, o)
		o.rep = 1
		if rep > 1 {
			o.tBlock[m], o.tUsed[m], o.tSpot[m] = block, usedSum, spotSum
		}
	}
	year := o.year[:nc]
	var grants float64
	for _, a := range f.grants[f.gOff[m]:f.gOff[m+1]] {
		grants += roundPence(a * g)
	}
	shared := block - usedSum + f.other[m] - grants
	if !f.shareInt(o, m, shared) {
		for c, p := range f.allocate(o, m, shared)[:nc] {
			year[c] -= p
		}
	}
	f.monthEnd(o, m, spotSum-block-f.other[m]+grants)
}

// evalMonth works out month m's block cost and each council's spot and
// used block cost, rounded to pence as Run rounds them, into o.year, and
// returns the block cost and their sums (the used block cost after
// fullRooms).
func (f *fastModel) evalMonth(m int, lam float64, o *fastOutcome) (block, usedSum, spotSum float64) {
	nc := f.nc
	for _, t := range f.bterms[f.bOff[m]:f.bOff[m+1]] {
		block += t.roomDays * o.bp[t.b]
	}
	block = roundPence(block)
	used, spot := o.used[:nc], o.spotC[:nc]
	bp, sp := o.bp, o.sp
	mult := 1.0
	if f.occA != 1 {
		mult = lam
	}
	// Each council's spot and used block cost, rounded to pence as Run
	// rounds them, go straight into the year's savings; used keeps the
	// used block cost before rounding, for fullRooms.
	year := o.year[:nc]
	if f.slots[m] > 0 {
		usedSum, spotSum = f.uniformMonth(m, lam, o)
		if block-usedSum <= float64(nc) {
			f.uniformUsed(m, lam, o)
		}
	} else if f.single[m] {
		// One stretch a council: no sums by council, one pass.
		one := f.one[m*nc : m*nc+nc]
		if f.occA == 1 {
			for c := range one {
				t := &one[c]
				k := lam
				if t.rho < k {
					k = t.rho
				}
				k *= t.occDays
				ur := k * bp[t.b]
				used[c] = ur
				u, s := roundPence(ur), roundPence(k*sp[t.s])
				year[c] += s - u
				usedSum += u
				spotSum += s
			}
		} else {
			for c := range one {
				t := &one[c]
				ur := t.occDays * bp[t.b]
				used[c] = ur
				u, s := roundPence(ur*mult), roundPence(t.occDays*sp[t.s]*mult)
				year[c] += s - u
				usedSum += u
				spotSum += s
			}
		}
	} else {
		clear(used)
		clear(spot)
		ts := f.terms[f.cOff[m*nc]:f.cOff[m*nc+nc]]
		if f.demand {
			// Demand rows: occupancy derived for this draw, by stretch.
			for _, t := range ts {
				k := o.segOcc[int(t.g-1)*nc+int(t.c)] * t.occDays
				used[t.c] += k * bp[t.b]
				spot[t.c] += k * sp[t.s]
			}
		} else if f.occA == 1 {
			// Occupancy rows: the cap rho varies by stretch.
			for _, t := range ts {
				k := lam
				if t.rho < k {
					k = t.rho
				}
				k *= t.occDays
				used[t.c] += k * bp[t.b]
				spot[t.c] += k * sp[t.s]
			}
		} else {
			// Default occupancy: the multiplier is lam throughout.
			for _, t := range ts {
				used[t.c] += t.occDays * bp[t.b]
				spot[t.c] += t.occDays * sp[t.s]
			}
		}
		for c := range used {
			u, s := roundPence(used[c]*mult), roundPence(spot[c]*mult)
			year[c] += s - u
			usedSum += u
			spotSum += s
		}
	}
	if block-usedSum <= float64(nc) {
		usedSum = fullRooms(o, used, mult, block, usedSum)
	}
	return block, usedSum, spotSum
}

// monthEnd adds month m's consortium savings ms to the totals and, at the
// end of a model year, the year's savings by council, discounted once;
// shareInt's parts are whole numbers, as are the year's other figures, so
// taking them here changes no sum.
func (f *fastModel) monthEnd(o *fastOutcome, m int, ms float64) {
	d := f.disc[m/12]
	o.monthSavings[m] = ms
	o.savings += ms
	o.npv += ms * d
	if m%12 != 11 && m != f.months-1 {
		return
	}
	year := o.year[:f.nc]
	acc := o.acc[:len(year)]
	for c, sv := range year {
		sv -= float64(acc[c] + int64(o.bon[c>>3]>>(8*(c&7))&0xff))
		o.council[c] += sv
		o.councilNPV[c] += sv * d
	}
	clear(year)
	clear(acc)
	clear(o.bon)
}

// uniformMonth is eval's loop for a month f.slots marks: each council's
// spot and used block cost, rounded to pence as Run rounds them, go
// straight into o.year; it returns their sums. Every figure is a whole
// number of pence (below 2^53), so the sums are exact in any order: two
// are kept, for speed. A council's slots are summed in order, from 0, as
// eval's loop over terms sums them.
func (f *fastModel) uniformMonth(m int, lam float64, o *fastOutcome) (usedSum, spotSum float64) {
	nc := f.nc
	j := int(f.sOff[m])
	occ := f.occS[j : j+nc]
	si := f.sS[j : j+nc]
	si = si[:len(occ)]
	year := o.year[:len(occ)]
	sp := o.sp
	bpm := o.bp[f.mB[m]]
	r := o.rep
	k0 := 1.0 // the multiplier of occupied room-days before rounding
	if f.occA == 1 {
		// Occupancy rows: k = min(a x occ, rho) x occupied room-days.
		k0 = lam
		if f.mRho[m] < k0 {
			k0 = f.mRho[m]
		}
	}
	var u0, u1, s0, s1 float64
	switch {
	case f.slots[m] == 1 && f.occA == 1:
		c := 0
		for ; c+1 < len(occ); c += 2 {
			ka, kb := k0*occ[c], k0*occ[c+1]
			ua, sa := roundPence(ka*bpm), roundPence(ka*sp[si[c]])
			ub, sb := roundPence(kb*bpm), roundPence(kb*sp[si[c+1]])
			year[c] += r * (sa - ua)
			year[c+1] += r * (sb - ub)
			u0, u1, s0, s1 = u0+ua, u1+ub, s0+sa, s1+sb
		}
		if c < len(occ) {
			k := k0 * occ[c]
			u, s := roundPence(k*bpm), roundPence(k*sp[si[c]])
			year[c] += r * (s - u)
			u0, s0 = u0+u, s0+s
		}
	case f.slots[m] == 1:
		// Default occupancy: the multiplier is lam, after the sum.
		for c, od := range occ {
			u, s := roundPence(od*bpm*lam), roundPence(od*sp[si[c]]*lam)
			year[c] += r * (s - u)
			u0, s0 = u0+u, s0+s
		}
	default:
		mult := 1.0
		if f.occA != 1 {
			mult = lam
		}
		n := int(f.slots[m])
		occ, si := f.occS[j:j+n*nc], f.sS[j:j+n*nc]
		for c := range year {
			var used, spot float64
			for i := c; i < len(occ); i += nc {
				k := k0 * occ[i]
				used += k * bpm
				spot += k * sp[si[i]]
			}
			u, s := roundPence(used*mult), roundPence(spot*mult)
			year[c] += r * (s - u)
			u0, s0 = u0+u, s0+s
		}
	}
	return u0 + u1, s0 + s1
}

// uniformUsed sets o.used to each council's used block cost before the
// multiplier in a month f.slots marks, as eval's other loops leave it,
// for fullRooms.
func (f *fastModel) uniformUsed(m int, lam float64, o *fastOutcome) {
	nc := f.nc
	j, n := int(f.sOff[m]), int(f.slots[m])
	occ := f.occS[j : j+n*nc]
	used := o.used[:nc]
	bpm := o.bp[f.mB[m]]
	k0 := 1.0
	if f.occA == 1 {
		k0 = lam
		if f.mRho[m] < k0 {
			k0 = f.mRho[m]
		}
	}
	for c := range used {
		var u float64
		for i := c; i < len(occ); i += nc {
			if f.occA == 1 {
				u += k0 * occ[i] * bpm
			} else {
				u += occ[i] * bpm
			}
		}
		used[c] = u
	}
}

// fullRooms is Run's rule for the used block cost when the rooms are full
// (forecast.fullRooms): when the councils' used block cost rounds, as a
// whole, to the block cost, or their parts rounded one by one exceed it,
// the whole rounded once is shared by largest remainder of the exact parts.
// used holds each council's used block cost before the multiplier mult;
// o.year, which holds the parts rounded one by one, is put right.
func fullRooms(o *fastOutcome, used []float64, mult, block, usedSum float64) float64 {
	nc := len(used)
	usedX := o.usedX[:nc]
	var total float64
	for c, x := range used {
		usedX[c] = x * mult
		total += usedX[c]
	}
	whole := roundPence(total)
	if whole != block && usedSum <= block {
		return usedSum
	}
	left := whole
	parts := o.parts[:nc]
	for c, x := range usedX {
		p := math.Floor(x)
		parts[c], o.rems[c] = p, x-p
		left -= p
	}
	topRemainders(parts, o.rems[:nc], 1, int(left), &o.rs)
	for c, p := range parts {
		o.year[c] += o.rep * (roundPence(usedX[c]) - p)
	}
	return whole
}

// roundPence rounds x, a sum of pence that is never negative (prices,
// occupancy and grants are held at zero or above), to a whole number,
// halves up: for x >= 0 that is half away from zero, as Run rounds.
func roundPence(x float64) float64 { return math.Floor(x + 0.5) }

// allocate shares the month's shared cost (whole pence) out as Run does:
// each council floor(w_c x shared / W), then the pence left over one each
// to the largest remainders, ties to the earlier council (docs/methodology.md
// §5; carecast.Apportion is the one implementation). Two cases are computed
// here in machine arithmetic for speed, and
// TestFastAllocateAgreesWithMoneyAllocate holds them to Money.Allocate:
// equal shares, a division by the number of councils; and weights that are
// whole numbers below 2^63 (pledges in pence, or a share column at a
// common exponent), exact integer arithmetic (shareInt, its parts read
// back: o.acc and o.bon must be clear, as eval calls allocate only for a
// month shareInt declines). Any other month calls carecast.Apportion.
func (f *fastModel) allocate(o *fastOutcome, m int, shared float64) []float64 {
	nc := f.nc
	if f.equal[m] {
		// Equal shares: the remainders tie, so the first councils get the
		// pence left over.
		q := floorInt(shared * f.invNC)
		r := int(shared - q*float64(nc))
		// A product a hair below a whole number floors one low: mend it.
		if r >= nc {
			q, r = q+1, r-nc
		} else if r < 0 {
			q, r = q-1, r+nc
		}
		r = max(0, min(r, nc))
		for c := range r {
			o.parts[c] = q + 1
		}
		for c := r; c < nc; c++ {
			o.parts[c] = q
		}
		return o.parts
	}
	if f.shareInt(o, m, shared) {
		// The whole-number route, read back.
		for c := range nc {
			o.parts[c] = float64(o.acc[c] + int64(o.bon[c>>3]>>(8*(c&7))&0xff))
		}
		clear(o.acc)
		clear(o.bon)
		return o.parts
	}
	left := shared
	if W := f.wTotal[m]; W != 0 {
		w := f.wInt[m*nc : (m+1)*nc]
		a := uint64(math.Abs(shared))
		invW := 1 / float64(W)
		for c := range nc {
			q, r := divW(w[c], a, W, invW)
			p := float64(q)
			if shared < 0 {
				// floor of a negative quotient, and its remainder.
				if r > 0 {
					p, r = p+1, W-r
				}
				p = -p
			}
			o.parts[c], o.remsU[c] = p, r
			left -= p
		}
		topRemainders(o.parts, o.remsU, float64(W), int(left), &o.rs)
		return o.parts
	}
	for c, p := range allocateShares(f.exact[m], int64(shared), o.exactParts[:0]) {
		o.parts[c] = float64(p)
	}
	return o.parts
}

// shareInt shares month m's shared cost out as allocate does, adding each
// council's part to o.acc and o.bon, when the month's weights are whole
// numbers w_c (not all equal) and every w_c x |shared| is below 2^63;
// false, doing nothing, otherwise.
func (f *fastModel) shareInt(o *fastOutcome, m int, shared float64) bool {
	a := uint64(math.Abs(shared))
	if a >= f.aLim[m] {
		return false
	}
	nc := f.nc
	if f.wInt32 != nil {
		return shareWeights(o, f.wInt32[m*nc:(m+1)*nc], a, f.wTotal[m], f.wRecip[m], shared < 0)
	}
	return shareWeights(o, f.wInt[m*nc:(m+1)*nc], a, f.wTotal[m], f.wRecip[m], shared < 0)
}

// shareWeights is shareInt for one month's weights w, their sum W and
// K = recip64(W), and the shared cost a, negative when neg.
func shareWeights[T uint32 | uint64](o *fastOutcome, w []T, a, W, K uint64, neg bool) bool {
	acc, bk := o.acc[:len(w)], o.bk[:len(w)]
	// A remainder's bucket: rem x K >> 58, which never decreases as rem
	// grows and is below 64 as rem < W (rem x K < 2^64).
	var counts [intBuckets]int32
	var sumQ uint64
	if !neg {
		for c, wc := range w {
			q, rem := quoRem(uint64(wc)*a, W, K)
			acc[c] += int64(q)
			sumQ += q
			b := uint8(rem * K >> 58)
			bk[c] = b
			counts[b]++
		}
		return giveTopInt(o, w, a, W, K, false, int(a-sumQ), int((W-1)*K>>58), &counts)
	}
	// Negative: the floor of -n / W is -(q+1), remainder W - rem, when
	// the remainder is not 0.
	for c, wc := range w {
		q, rem := quoRem(uint64(wc)*a, W, K)
		if rem > 0 {
			q, rem = q+1, W-rem
		}
		acc[c] -= int64(q)
		sumQ += q
		b := uint8(rem * K >> 58)
		bk[c] = b
		counts[b]++
	}
	return giveTopInt(o, w, a, W, K, true, int(sumQ-a), int((W-1)*K>>58), &counts)
}

// quoRem is n / W and its remainder, for W >= 2 and K = floor(2^64/W)
// (recip64): the high word of n x K is the quotient or one less, as
// n x (2^64/W - K) < 2^64, put right by the remainder. No division.
func quoRem(n, W, K uint64) (q, rem uint64) {
	q, _ = bits.Mul64(n, K)
	rem = n - q*W
	if rem >= W {
		q, rem = q+1, rem-W
	}
	return q, rem
}

// giveTopInt is giveTop for shareInt: one more to the n councils with the
// largest remainders, ties to the earlier, counted in o.bon; o.bk holds
// each council's bucket, none above last, and counts how many are in
// each. The bucket of the n-th largest is found by counting from the
// nearer end. The councils above it are found eight at a time (a byte each
// of a word, whose high bit x + 0x7f - top sets exactly when x > top, as
// no byte exceeds 63), as are the few in it (gathered a bit a council),
// whose remainders are worked out again (of w_c x a over W, or of
// -w_c x a when neg) and ordered exactly. Returns true.
func giveTopInt[T uint32 | uint64](o *fastOutcome, w []T, a, W, K uint64, neg bool, n, last int, counts *[intBuckets]int32) bool {
	nc := len(w)
	n = min(n, nc)
	if n <= 0 {
		return true
	}
	top, above := last, 0
	if n <= nc/2 {
		for ; above+int(counts[top]) < n; top-- {
			above += int(counts[top])
		}
	} else {
		// From the bottom: the nc - n without one more are those below
		// top and some of top's.
		top = 0
		below := 0
		for ; below+int(counts[top]) <= nc-n; top++ {
			below += int(counts[top])
		}
		above = nc - below - int(counts[top])
	}
	const ones, high, low = 0x0101010101010101, 0x8080808080808080, 0x7f7f7f7f7f7f7f7f
	bk := o.bk
	if n == above+int(counts[top]) {
		// Every council in top's bucket gets one too: no order needed.
		gt := uint64(0x7f-top+1) * ones
		for i := range o.bon {
			o.bon[i] += (binary.LittleEndian.Uint64(bk[8*i:]) + gt) & high >> 7
		}
		return true
	}
	gt, eq := uint64(0x7f-top)*ones, uint64(top)*ones
	eqb := o.eqb
	clear(eqb)
	for i := range o.bon {
		x := binary.LittleEndian.Uint64(bk[8*i:])
		o.bon[i] += (x + gt) & high >> 7
		v := x ^ eq
		// The high bit of each byte of v that is 0, exactly, gathered
		// into a bit a council.
		z := ^((v&low + low) | v | low)
		eqb[i>>3] |= (z >> 7 * 0x0102040810204080 >> 56) << (8 * (i & 7))
	}
	cand := o.rs.cand[:0]
	for j, z := range eqb {
		for ; z != 0; z &= z - 1 {
			if c := 64*j + bits.TrailingZeros64(z); c < nc {
				cand = append(cand, int32(c))
			}
		}
	}
	// The bucket's own, by remainder, larger first, ties keeping the
	// earlier council first (stable).
	rems := o.remsU[:len(cand)]
	for i, c := range cand {
		_, r := quoRem(uint64(w[c])*a, W, K)
		if neg && r > 0 {
			r = W - r
		}
		rems[i] = r
	}
	for i := 1; i < len(cand); i++ {
		c, r := cand[i], rems[i]
		j := i
		for ; j > 0 && rems[j-1] < r; j-- {
			cand[j], rems[j] = cand[j-1], rems[j-1]
		}
		cand[j], rems[j] = c, r
	}
	for _, c := range cand[:n-above] {
		o.acc[c]++
	}
	o.rs.cand = cand
	return true
}

// divW is the quotient and remainder of w x a by W (w <= W), exactly;
// invW is 1/W in float64. When a < 2^50, w x a < 2^63 and W < 2^61, the
// quotient is taken in float64 by the reciprocal, within a relative
// 4 x 2^-53 of w x a / W <= a < 2^50 (so within 1/2 of it, and truncated
// to within one of the exact quotient), and put right by the remainder in
// int64, which costs less than a division; otherwise by Div64.
func divW(w, a, W uint64, invW float64) (q, r uint64) {
	hi, lo := bits.Mul64(w, a)
	if hi != 0 || lo >= 1<<63 || a >= 1<<50 || W >= 1<<61 || w > W {
		return bits.Div64(hi, lo, W) // w x a < W x 2^64
	}
	q = uint64(float64(lo) * invW)
	rem := int64(lo) - int64(q*W)
	switch {
	case rem < 0:
		q, rem = q-1, rem+int64(W)
	case rem >= int64(W):
		q, rem = q+1, rem-int64(W)
	}
	return q, uint64(rem)
}

// recip64 is floor(2^64 / W) for W >= 2, else 0.
func recip64(W uint64) uint64 {
	if W < 2 {
		return 0
	}
	q, _ := bits.Div64(1, 0, W)
	return q
}

// remainderBuckets is the number of buckets topRemainders sorts
// remainders into; intBuckets, shareInt.
const remainderBuckets, intBuckets = 64, 64

// topRemainders gives one more to the n parts with the largest remainders
// (each in [0, limit)), ties to the earlier. Each remainder goes to bucket
// floor(r x buckets / limit), which never decreases as r grows, so every
// remainder in a higher bucket is the larger. Counting the buckets from the
// top finds the one holding the n-th largest: every part above it gets
// one, and the few in it are ordered exactly. Linear in the parts, with no
// selection: the Monte Carlo appraisal shares out every month of every run.
func topRemainders[T ~uint64 | ~float64](parts []float64, rems []T, limit float64, n int, sc *remScratch) {
	nc := len(parts)
	n = min(n, nc)
	if n <= 0 {
		return
	}
	scale := remainderBuckets / limit
	var counts [remainderBuckets]int
	bucket := sc.bucket[:nc]
	for c, r := range rems[:nc] {
		b := min(max(int(float64(r)*scale), 0), remainderBuckets-1)
		bucket[c] = uint8(b)
		counts[b]++
	}
	giveTop(parts, rems, n, &counts, sc)
}

// giveTop is the rest of topRemainders, once sc.bucket holds each part's
// bucket and counts how many are in each.
func giveTop[T ~uint64 | ~float64](parts []float64, rems []T, n int, counts *[remainderBuckets]int, sc *remScratch) {
	n = min(n, len(parts))
	if n <= 0 {
		return
	}
	top, above := remainderBuckets-1, 0
	for ; above+counts[top] < n; top-- {
		above += counts[top]
	}
	cand := sc.cand[:0]
	for c, b := range sc.bucket[:len(parts)] {
		switch {
		case int(b) > top:
			parts[c]++
		case int(b) == top:
			cand = append(cand, int32(c))
		}
	}
	if len(cand) <= 16 {
		// Few: insertion sort, larger remainders first, ties keeping the
		// earlier council first (stable).
		for i := 1; i < len(cand); i++ {
			c := cand[i]
			j := i
			for ; j > 0 && rems[cand[j-1]] < rems[c]; j-- {
				cand[j] = cand[j-1]
			}
			cand[j] = c
		}
	} else {
		slices.SortStableFunc(cand, func(i, j int32) int { return cmp.Compare(rems[j], rems[i]) })
	}
	for _, c := range cand[:n-above] {
		parts[c]++
	}
	sc.cand = cand
}

// remScratch is topRemainders' room, for the councils.
type remScratch struct {
	bucket []uint8
	cand   []int32
}

func newRemScratch(nc int) remScratch {
	return remScratch{bucket: make([]uint8, nc), cand: make([]int32, 0, nc)}
}

// floorInt is math.Floor for |x| < 2^52, faster.
func floorInt(x float64) float64 {
	p := float64(int64(x))
	if p > x {
		p--
	}
	return p
}

// pounds turns pence in float64 into Money, rounded to pence.
func pounds(p float64) carecast.Money {
	return carecast.MoneyOf(decimal.NewFromFloat(math.Round(p)).Shift(-2))
}
