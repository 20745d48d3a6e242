package carecast_test

import (
	"fmt"
	"math/big"
	"math/rand/v2"
	"testing"

	"github.com/carecast/carecast"
	"github.com/shopspring/decimal"
)

func ExampleMoney_Allocate() {
	n := decimal.NewFromInt
	// £100 among three equal pledges: the odd penny to the first.
	fmt.Println(carecast.Pounds(100).Allocate(n(1), n(1), n(1)))
	// 5p by shares of 0.3 and 0.7: 1.5p and 3.5p round down to 1p and
	// 3p; the penny left goes to the earlier of the tied halves.
	fmt.Println(carecast.Pence(5).Allocate(decimal.RequireFromString("0.3"), decimal.RequireFromString("0.7")))
	// A negative amount: -5p in thirds is -1.67p each, rounded down to
	// -2p; the 1p left over goes to the first.
	fmt.Println(carecast.Pence(-5).Allocate(n(1), n(1), n(1)))
	// £10 by pledges of £650,000 and £350,000 and nothing.
	fmt.Println(carecast.Pounds(10).Allocate(n(650000), n(350000), n(0)))
	// Output:
	// [33.34 33.33 33.33]
	// [0.02 0.03]
	// [-0.01 -0.02 -0.02]
	// [6.50 3.50 0.00]
}

// TestAllocateByHand checks the largest remainder rule on cases worked out
// by hand: the largest fraction wins the penny, not the first or the
// largest part.
func TestAllocateByHand(t *testing.T) {
	d := decimal.RequireFromString
	for _, c := range []struct {
		amount  carecast.Money
		weights []string
		want    []string
	}{
		// 10p by 1:2:4 is 1.428..., 2.857..., 5.714...: floors 1, 2, 5
		// (8p); the 2p left go to .857 and .714.
		{carecast.Pence(10), []string{"1", "2", "4"}, []string{"0.01", "0.03", "0.06"}},
		// 7p by 0.5:0.25:0.25 is 3.5, 1.75, 1.75: floors 3, 1, 1; 2p left
		// go to the tied .75s, not the .5.
		{carecast.Pence(7), []string{"0.5", "0.25", "0.25"}, []string{"0.03", "0.02", "0.02"}},
		// -7p the same way: -3.5, -1.75, -1.75 round down to -4, -2, -2
		// (-8p); 1p left goes to the largest remainder, .5 (of -4).
		{carecast.Pence(-7), []string{"0.5", "0.25", "0.25"}, []string{"-0.03", "-0.02", "-0.02"}},
		// Nothing to share.
		{carecast.Pence(0), []string{"3", "1"}, []string{"0.00", "0.00"}},
		// One part takes everything.
		{carecast.MustMoney("1234.56"), []string{"2.5"}, []string{"1234.56"}},
	} {
		ws := make([]decimal.Decimal, len(c.weights))
		for i, w := range c.weights {
			ws[i] = d(w)
		}
		got := c.amount.Allocate(ws...)
		if fmt.Sprint(got) != fmt.Sprint(c.want) {
			t.Errorf("%s by %v = %v, want %v", c.amount, c.weights, got, c.want)
		}
	}
}

// TestAllocateProperties checks random allocations against the rule
// computed independently in rationals: parts add up to the whole, each is
// its exact share rounded down or that plus a penny, and the pennies go to
// the largest fractions, ties to the earlier part.
func TestAllocateProperties(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	for range 3000 {
		n := 1 + r.IntN(12)
		ws := make([]decimal.Decimal, n)
		nonZero := false
		for i := range ws {
			switch r.IntN(4) {
			case 0:
				ws[i] = decimal.Zero
			case 1:
				ws[i] = decimal.NewFromInt(r.Int64N(1_000_000_000))
			default:
				ws[i] = decimal.New(r.Int64N(100000), -int32(r.IntN(8)))
			}
			nonZero = nonZero || !ws[i].IsZero()
		}
		if !nonZero {
			ws[0] = decimal.NewFromInt(1)
		}
		amount := carecast.Pence(r.Int64N(2_000_000_000) - 1_000_000_000)
		got := amount.Allocate(ws...)

		total := new(big.Rat)
		for _, w := range ws {
			total.Add(total, w.Rat())
		}
		sum := carecast.Money{}
		floors := make([]int64, n)
		fracs := make([]*big.Rat, n)
		left := amount.PenceInt()
		for i, w := range ws {
			exact := new(big.Rat).Mul(w.Rat(), big.NewRat(amount.PenceInt(), 1))
			exact.Quo(exact, total)
			fl := new(big.Int).Div(exact.Num(), exact.Denom()) // Euclidean: floor for a positive denominator
			floors[i] = fl.Int64()
			fracs[i] = new(big.Rat).Sub(exact, new(big.Rat).SetInt(fl))
			left -= floors[i]
			sum = sum.Add(got[i])
		}
		if !sum.Equal(amount) {
			t.Fatalf("%s by %v: parts %v sum to %s", amount, ws, got, sum)
		}
		// The left-over pence go to the largest fractions, earlier first.
		given := make([]bool, n)
		for range left {
			best := -1
			for i := range n {
				if !given[i] && (best < 0 || fracs[i].Cmp(fracs[best]) > 0) {
					best = i
				}
			}
			given[best] = true
		}
		for i := range n {
			want := floors[i]
			if given[i] {
				want++
			}
			if got[i].PenceInt() != want {
				t.Fatalf("%s by %v: part %d is %s, want %d pence (parts %v)", amount, ws, i, got[i], want, got)
			}
		}
	}
}

func TestAllocatePanicsWithoutWeights(t *testing.T) {
	for _, ws := range [][]decimal.Decimal{{decimal.Zero, decimal.Zero}, {decimal.NewFromInt(1), decimal.NewFromInt(-1)}} {
		func() {
			defer func() {
				if recover() == nil {
					t.Errorf("Allocate by %v did not panic", ws)
				}
			}()
			carecast.Pounds(1).Allocate(ws...)
		}()
	}
}
