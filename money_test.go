package carecast

import (
	"math/big"
	"math/rand/v2"
	"testing"

	"github.com/shopspring/decimal"
)

func TestDivRound(t *testing.T) {
	d := decimal.RequireFromString
	for _, c := range []struct {
		num, den string
		places   int32
		want     string
	}{
		{"31000", "7", 2, "4428.57"}, // 4428.571428...
		{"1.085", "7", 2, "0.16"},    // 0.155 exactly: half away from zero
		{"-1.085", "7", 2, "-0.16"},  // and below zero
		{"-1.084", "7", 2, "-0.15"},  // -0.154857...
		{"2", "3", 0, "1"},           // 0.666...
		{"1", "1.0557", 12, "0.947238798901"},
		{"123456789012345678901234567890", "7", 2, "17636684144620811271604938270.00"},
		{"0.005", "1", 2, "0.01"},
		{"0", "3", 2, "0"},
	} {
		if got := DivRound(d(c.num), d(c.den), c.places); !got.Equal(d(c.want)) {
			t.Errorf("DivRound(%s, %s, %d) = %s, want %s", c.num, c.den, c.places, got, c.want)
		}
	}
}

// The machine-word path agrees with big.Rat rounding on random operands.
func TestDivRoundAgreesWithRationals(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	for i := 0; i < 20000; i++ {
		num := decimal.New(r.Int64N(1e15)-5e14, -int32(r.IntN(8)))
		den := decimal.New(r.Int64N(1e9)+1, -int32(r.IntN(8)))
		places := int32(r.IntN(7))
		got := DivRound(num, den, places)
		// Independent route: exact rational, rounded half away from zero.
		q := new(big.Rat).Quo(num.Rat(), den.Rat())
		q.Mul(q, new(big.Rat).SetInt(PowerOfTen(int(places))))
		neg := q.Sign() < 0
		q.Abs(q)
		q.Add(q, big.NewRat(1, 2))
		n := new(big.Int).Quo(q.Num(), q.Denom())
		if neg {
			n.Neg(n)
		}
		want := decimal.NewFromBigInt(n, -places)
		if !got.Equal(want) {
			t.Fatalf("DivRound(%s, %s, %d) = %s, want %s", num, den, places, got, want)
		}
	}
}

func TestMoneyFormat(t *testing.T) {
	for _, c := range []struct{ in, want, plain string }{
		{"1234567.5", "£1,234,567.50", "1234567.50"},
		{"-1200", "(£1,200.00)", "-1200.00"},
		{"0", "£0.00", "0.00"},
		{"999.994", "£999.99", "999.99"},
		{"0.005", "£0.01", "0.01"},
	} {
		m := MustMoney(c.in)
		if m.Format() != c.want || m.String() != c.plain {
			t.Errorf("%s: Format %q String %q, want %q %q", c.in, m.Format(), m.String(), c.want, c.plain)
		}
	}
}

func TestFinancialYear(t *testing.T) {
	for _, c := range []struct {
		d    Date
		want string
	}{
		{Date{2019, 4, 1}, "2019/20"}, {Date{2020, 3, 31}, "2019/20"}, {Date{2099, 12, 1}, "2099/00"},
	} {
		if got := c.d.FinancialYear().String(); got != c.want {
			t.Errorf("%s: %s, want %s", c.d, got, c.want)
		}
	}
}
