package carecast

import (
	"fmt"
	"math/big"
	"sort"

	"github.com/shopspring/decimal"
)

// Allocate splits m into one part per weight, in proportion to the
// weights, by the largest remainder method (docs/methodology.md §5), as
// go-money's Allocate does: each part is first its exact share rounded
// down to the penny (towards minus infinity, so a negative amount's parts
// are never above their share), then the pence left over go one each to
// the parts with the largest fractional pence, ties to the earlier part.
// The parts always add up to m exactly.
//
// Weights may be whole numbers or decimals, in any unit (pledges in pounds,
// shares that sum to 1, headcounts): only their proportions count. They
// must not be negative and must not all be zero; Allocate panics if they
// are, as it has no sensible answer.
func (m Money) Allocate(weights ...decimal.Decimal) []Money {
	e := int32(0)
	for _, w := range weights {
		if w.Sign() < 0 {
			panic(fmt.Sprintf("carecast: Allocate by a negative weight %s", w))
		}
		e = min(e, w.Exponent())
	}
	a := big.NewInt(m.PenceInt())
	nums := make([]*big.Int, len(weights))
	total := new(big.Int)
	for i, w := range weights {
		wi := ScaleTo(w, e)
		total.Add(total, wi)
		nums[i] = wi.Mul(wi, a)
	}
	if total.Sign() == 0 {
		panic("carecast: Allocate by weights that are all zero")
	}
	parts := Apportion(m.PenceInt(), nums, total, nil)
	out := make([]Money, len(parts))
	for i, p := range parts {
		out[i] = Pence(p)
	}
	return out
}

// Apportion is the largest remainder method on whole units (pence,
// millionths of a room-day): it returns len(nums) whole parts that add up
// to total, part i being nums[i]/den (den > 0) rounded down (towards minus
// infinity), plus one for each of the parts with the largest remainders
// until the units left over are used up, ties to the earlier part. It is
// the one implementation behind Money.Allocate and every allocation in the
// engine, which keeps its weights as integers to avoid converting them
// month after month.
//
// The nums need not sum to exactly total x den: the engine also uses it to
// round exact fractions whose sum is rounded once (councils' NPVs). But
// the units left over after rounding down must be between 0 and
// len(nums); Apportion panics otherwise, as the caller's arithmetic is
// wrong. parts, if not nil, is reused.
func Apportion(total int64, nums []*big.Int, den *big.Int, parts []int64) []int64 {
	if cap(parts) < len(nums) {
		parts = make([]int64, 0, len(nums))
	}
	parts = parts[:0]
	rems := make([]*big.Int, len(nums))
	q := new(big.Int)
	left := total
	for i, n := range nums {
		r := new(big.Int)
		q.DivMod(n, den, r) // Euclidean: floor, r >= 0
		parts = append(parts, q.Int64())
		rems[i] = r
		left -= parts[i]
	}
	if left < 0 || left > int64(len(parts)) {
		panic(fmt.Sprintf("carecast: apportioning %d left %d over among %d parts", total, left, len(parts)))
	}
	if left == 0 {
		return parts
	}
	order := make([]int, len(parts))
	for i := range order {
		order[i] = i
	}
	sort.SliceStable(order, func(i, j int) bool { return rems[order[i]].Cmp(rems[order[j]]) > 0 })
	for _, i := range order[:left] {
		parts[i]++
	}
	return parts
}
