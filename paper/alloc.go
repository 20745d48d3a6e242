package paper

import (
	"sort"

	"github.com/carecast/carecast"
	"github.com/shopspring/decimal"
)

// allocate shares m out by weights by the largest remainder method, ties
// to the earlier part, so the parts add up to m (docs/methodology.md §5).
func allocate(m carecast.Money, weights []decimal.Decimal) []carecast.Money {
	var total decimal.Decimal
	for _, w := range weights {
		total = total.Add(w)
	}
	out := make([]carecast.Money, len(weights))
	if total.Sign() == 0 {
		return out
	}
	pence := m.Decimal().Shift(2)
	rems := make([]decimal.Decimal, len(weights))
	left := m.PenceInt()
	for i, w := range weights {
		exact := pence.Mul(w).Div(total)
		fl := exact.Floor()
		out[i] = carecast.Pence(fl.IntPart())
		rems[i] = exact.Sub(fl)
		left -= fl.IntPart()
	}
	order := make([]int, len(weights))
	for i := range order {
		order[i] = i
	}
	sort.SliceStable(order, func(i, j int) bool { return rems[order[i]].GreaterThan(rems[order[j]]) })
	for k := 0; k < int(left) && k < len(order); k++ {
		out[order[k]] = out[order[k]].Add(carecast.Pence(1))
	}
	return out
}
