package forecast

import (
	"math/big"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/carecast/carecast"
)

// apportionSmall, allocateShares' machine arithmetic, gives exactly
// carecast.Apportion's parts: positive and negative amounts, ties, zero
// weights, and amounts at the edge of its 63 bits.
func TestApportionSmallIsApportion(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 3))
	for i := range 200_000 {
		nc := 1 + r.IntN(12)
		w := make([]uint64, nc)
		var W uint64
		bitsW := 1 + r.IntN(40)
		for c := range w {
			if r.IntN(5) > 0 {
				w[c] = r.Uint64N(1 << bitsW)
			}
			if i%7 == 0 {
				w[c] = w[0] // ties
			}
			W += w[c]
		}
		if W == 0 {
			continue
		}
		var maxW uint64
		for _, x := range w {
			maxW = max(maxW, x)
		}
		limit := int64(1<<62) / int64(max(maxW, 1))
		amount := r.Int64N(min(limit, 1<<(1+r.IntN(50)))) * int64(1-2*r.IntN(2))
		nums := make([]*big.Int, nc)
		for c := range nums {
			nums[c] = new(big.Int).Mul(new(big.Int).SetUint64(w[c]), big.NewInt(amount))
		}
		want := carecast.Apportion(amount, nums, new(big.Int).SetUint64(W), nil)
		if got := apportionSmall(w, W, amount, nil); !slices.Equal(got, want) {
			t.Fatalf("apportion %d by %v: got %v, want %v", amount, w, got, want)
		}
	}
}
