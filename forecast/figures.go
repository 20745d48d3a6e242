package forecast

import (
	"math/big"

	"github.com/carecast/carecast"
	"github.com/shopspring/decimal"
)

// Figures the outputs show that are worked out from the months rather
// than summed: each council's break-even occupancy, what its pledges
// commit it to, the first financial year with every room, and the cash
// position of each council and of the councils together. The engine
// works them out once, so that the workbook, the paper and the charts
// show the same value.

// councilBreakEvens sets each council's break-even occupancy
// (carecast.CouncilResult.BreakEvenOccupancy): savings(lambda) =
// lambda x A - F, with, month by month, A = spot avoided - used block +
// s x the consortium's used block and F = s x (block cost + running costs
// - grants), s the council's exact share w/W. A month's s is the same as
// the month before's while the weights are (engine.shareWeights shares
// them), so the money is summed over each run of such months in whole
// pence, and s x the sum taken once a run, rounded to breakEvenPlaces
// places of a penny: the ratio F/A, to 10 places, is then exact but in a
// case a hair's breadth (10^-20 of a penny a month) from a rounding tie.
func (e *engine) councilBreakEvens(res *carecast.Result) {
	nc := e.nc
	a, f := make([]*big.Int, nc), make([]*big.Int, nc) // at 10^-breakEvenPlaces pence
	for c := range nc {
		a[c], f[c] = new(big.Int), new(big.Int)
	}
	q, r, t := new(big.Int), new(big.Int), new(big.Int)
	var used, fixed int64 // the run's consortium used block, and block + running - grants
	flush := func(sh shares) {
		for c := range nc {
			if used != 0 {
				a[c].Add(a[c], quoRound(q, r, t.Mul(sh.wi[c], big.NewInt(used)), breakEvenPlaces, sh.totali))
			}
			if fixed != 0 {
				f[c].Add(f[c], quoRound(q, r, t.Mul(sh.wi[c], big.NewInt(fixed)), breakEvenPlaces, sh.totali))
			}
		}
		used, fixed = 0, 0
	}
	direct := make([]int64, nc) // sum of spot avoided - used block
	for m := range res.Months {
		mo := &res.Months[m]
		if m > 0 && !sameShares(e.weights[m], e.weights[m-1]) {
			flush(e.weights[m-1])
		}
		used += mo.UsedBlock.PenceInt()
		fixed += mo.BlockCost.Add(mo.OtherCosts).Sub(mo.Grants).PenceInt()
		for c := range nc {
			direct[c] += mo.Councils[c].SpotAvoided.PenceInt() - mo.Councils[c].UsedBlock.PenceInt()
		}
	}
	flush(e.weights[len(res.Months)-1])
	tot := res.Total
	scale := carecast.PowerOfTen(breakEvenPlaces)
	for c := range nc {
		cr := &res.Councils[c]
		a[c].Add(a[c], t.Mul(big.NewInt(direct[c]), scale))
		if a[c].Sign() <= 0 || tot.CapacityRoomDays.Sign() <= 0 {
			continue
		}
		// lambda = F/A; occupancy = lambda x occupied / capacity.
		fd, ad := decimal.NewFromBigInt(f[c], 0), decimal.NewFromBigInt(a[c], 0)
		cr.BreakEvenDefined = true
		cr.BreakEvenScale = carecast.DivRound(fd, ad, 10)
		cr.BreakEvenOccupancy = carecast.DivRound(fd.Mul(tot.OccupiedRoomDays), ad.Mul(tot.CapacityRoomDays), 10)
	}
}

// breakEvenPlaces is the places of a penny to which a council's share of
// a run of months' money is taken for its break-even occupancy.
const breakEvenPlaces = 20

// sameShares says whether two months' shares are the same value, which
// shareWeights shares between months.
func sameShares(x, y shares) bool {
	return len(x.wi) > 0 && len(y.wi) > 0 && &x.wi[0] == &y.wi[0]
}

// commitments sets what each council's Pledges rows commit it to.
func (e *engine) commitments(res *carecast.Result) {
	for _, p := range e.s.Pledges {
		k := &res.Councils[p.Council].Commitment
		if p.AnnualAmount.IsZero() {
			continue
		}
		if !k.Defined || p.AnnualAmount.Cmp(k.Low) < 0 {
			k.Low = p.AnnualAmount
		}
		if !k.Defined || p.AnnualAmount.Cmp(k.High) > 0 {
			k.High = p.AnnualAmount
		}
		k.Defined = true // for now: a row above zero
	}
	for c := range res.Councils {
		k := &res.Councils[c].Commitment
		first, last := -1, -1
		for m := range res.Months {
			if !res.Months[m].Councils[c].Pledges.IsZero() {
				if first < 0 {
					first = m
				}
				last = m
			}
		}
		for _, y := range res.Councils[c].Years {
			if !y.Pledges.IsZero() {
				k.Years++
			}
		}
		if first >= 0 {
			k.First, k.Last = res.Months[first].Start, res.Months[last].End
		}
		k.Defined = k.Defined && first >= 0
	}
}

// fullYear sets the most rooms the scheme has and the first financial
// year, wholly within the horizon, on every day of which it has them.
func fullYear(res *carecast.Result) {
	res.MostRooms, res.FullYear = 0, -1
	for _, m := range res.Months {
		for _, s := range m.Stretches {
			res.MostRooms = max(res.MostRooms, s.Rooms)
		}
	}
	if res.MostRooms == 0 {
		return
	}
	for i, y := range res.Years {
		if y.Last-y.First != 11 {
			continue
		}
		all := true
		for _, m := range res.Months[y.First : y.Last+1] {
			for _, s := range m.Stretches {
				all = all && s.Rooms == res.MostRooms
			}
		}
		if all {
			res.FullYear = i
			return
		}
	}
}

// cashPositions sets the cash position of each council and of the
// councils together (carecast.CashPosition), and the councils'
// settlements summed.
func cashPositions(res *carecast.Result) {
	n := len(res.Years)
	pl, sp := make([]carecast.Money, n), make([]carecast.Money, n)
	for i, y := range res.Years {
		pl[i], sp[i] = y.Pledges, y.SpotAvoided
	}
	res.Cash = carecast.NewCashPosition(pl, sp)
	res.Settlement = carecast.Money{}
	for c := range res.Councils {
		cr := &res.Councils[c]
		pl, sp := make([]carecast.Money, n), make([]carecast.Money, n)
		for i, y := range cr.Years {
			pl[i], sp[i] = y.Pledges, y.SpotAvoided
		}
		cr.Cash = carecast.NewCashPosition(pl, sp)
		res.Settlement = res.Settlement.Add(cr.Settlement)
	}
}
