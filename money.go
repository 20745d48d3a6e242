package carecast

import (
	"fmt"
	"math/big"
	"math/bits"

	"github.com/shopspring/decimal"
)

// Money is an amount in pounds sterling held as an exact decimal. Every
// Money that leaves the engine is a whole number of pence (docs/methodology.md §5):
// sub-penny arithmetic stays in decimal.Decimal until the one rounding.
// The zero value is £0.00.
type Money struct{ d decimal.Decimal }

// MaxMonthPence is the largest monthly figure the engine computes, in
// pence: £10 trillion. Every monthly money figure of a council and of the
// consortium is within it (inputs bounds the values that drive them and the
// engine checks), so sums over 30 years of months, and the pooled fund,
// fit an int64 with room to spare (docs/methodology.md §12).
const MaxMonthPence = 1_000_000_000_000_000

// Pence returns p pence.
func Pence(p int64) Money { return Money{decimal.New(p, -2)} }

// Pounds returns a whole number of pounds.
func Pounds(p int64) Money { return Money{decimal.New(p, 0)} }

// MoneyOf rounds an exact decimal amount of pounds to pence, half away from
// zero.
func MoneyOf(d decimal.Decimal) Money { return Money{RoundHalfAway(d, 2)} }

// ParseMoney reads a plain decimal such as "650000" or "-12.34" and rounds
// it to pence. It accepts no currency symbols: see package inputs for the
// forms a spreadsheet user types.
func ParseMoney(s string) (Money, error) {
	d, err := decimal.NewFromString(s)
	if err != nil {
		return Money{}, fmt.Errorf("not an amount: %q", s)
	}
	return MoneyOf(d), nil
}

// MustMoney is ParseMoney for constants in code and tests; it panics on a
// malformed amount.
func MustMoney(s string) Money {
	m, err := ParseMoney(s)
	if err != nil {
		panic(err)
	}
	return m
}

// Decimal returns the amount in pounds.
func (m Money) Decimal() decimal.Decimal { return m.d }

// PenceInt returns the amount as a whole number of pence. It is exact for
// every Money the engine produces.
func (m Money) PenceInt() int64 { return m.d.Shift(2).IntPart() }

// Add returns m+n.
func (m Money) Add(n Money) Money { return Money{m.d.Add(n.d)} }

// Sub returns m-n.
func (m Money) Sub(n Money) Money { return Money{m.d.Sub(n.d)} }

// Neg returns -m.
func (m Money) Neg() Money { return Money{m.d.Neg()} }

// Sign returns -1, 0 or +1.
func (m Money) Sign() int { return m.d.Sign() }

// IsZero reports whether m is £0.00.
func (m Money) IsZero() bool { return m.d.IsZero() }

// Equal reports whether m and n are the same amount.
func (m Money) Equal(n Money) bool { return m.d.Equal(n.d) }

// Cmp compares m and n.
func (m Money) Cmp(n Money) int { return m.d.Cmp(n.d) }

// String formats the amount with exactly two decimals and no grouping,
// "-1234.50": the form of the JSON summary (docs/methodology.md §13).
func (m Money) String() string { return m.d.StringFixed(2) }

// MarshalJSON writes the amount as a JSON string with two decimals.
func (m Money) MarshalJSON() ([]byte, error) { return []byte(`"` + m.String() + `"`), nil }

// Sum adds amounts.
func Sum(ms ...Money) Money {
	var t Money
	for _, m := range ms {
		t = t.Add(m)
	}
	return t
}

// GroupThousands inserts commas into the integer part of a plain decimal
// string: "1234567.50" becomes "1,234,567.50".
func GroupThousands(s string) string {
	neg := len(s) > 0 && s[0] == '-'
	if neg {
		s = s[1:]
	}
	intPart, frac := s, ""
	for i := 0; i < len(s); i++ {
		if s[i] == '.' {
			intPart, frac = s[:i], s[i:]
			break
		}
	}
	var out []byte
	for i := range intPart {
		if i > 0 && (len(intPart)-i)%3 == 0 {
			out = append(out, ',')
		}
		out = append(out, intPart[i])
	}
	if neg {
		return "-" + string(out) + frac
	}
	return string(out) + frac
}

// RoundHalfAway rounds d to places decimal places, halves away from zero
// (docs/methodology.md §5). decimal.Round already does this; the name says so.
func RoundHalfAway(d decimal.Decimal, places int32) decimal.Decimal { return d.Round(places) }

// DivRound returns num/den rounded to places decimal places, halves away
// from zero, computed exactly: no intermediate quotient is truncated, so a
// value that is exactly half a penny rounds the right way however long the
// decimals of num and den. den must not be zero.
func DivRound(num, den decimal.Decimal, places int32) decimal.Decimal {
	if q, ok := divRoundSmall(num, den, places); ok {
		return decimal.New(q, -places)
	}
	// Bring both to integers with a common exponent e, then shift num by
	// places: num/den*10^places = (n*10^places)/d.
	e := min(num.Exponent(), den.Exponent())
	n := ScaleTo(num, e)
	d := ScaleTo(den, e)
	if places > 0 {
		n.Mul(n, PowerOfTen(int(places)))
	} else if places < 0 {
		d.Mul(d, PowerOfTen(int(-places)))
	}
	neg := (n.Sign() < 0) != (d.Sign() < 0)
	n.Abs(n)
	d.Abs(d)
	q, r := new(big.Int).QuoRem(n, d, new(big.Int))
	r.Lsh(r, 1)
	if r.Cmp(d) >= 0 {
		q.Add(q, big.NewInt(1))
	}
	if neg {
		q.Neg(q)
	}
	return decimal.NewFromBigInt(q, -places)
}

// powersOfTen caches 10^0 .. 10^255; callers must not modify them.
var powersOfTen = func() []*big.Int {
	p := make([]*big.Int, 256)
	p[0] = big.NewInt(1)
	for i := 1; i < len(p); i++ {
		p[i] = new(big.Int).Mul(p[i-1], big.NewInt(10))
	}
	return p
}()

// PowerOfTen returns 10^k (k >= 0). The result may be shared: do not
// modify it.
func PowerOfTen(k int) *big.Int {
	if k < len(powersOfTen) {
		return powersOfTen[k]
	}
	return new(big.Int).Exp(big.NewInt(10), big.NewInt(int64(k)), nil)
}

// ScaleTo returns the integer coefficient of x at exponent e <=
// x.Exponent(): x = ScaleTo(x, e) * 10^e. The result is a fresh big.Int.
func ScaleTo(x decimal.Decimal, e int32) *big.Int {
	c := x.Coefficient() // a fresh copy
	if k := x.Exponent() - e; k > 0 {
		c.Mul(c, PowerOfTen(int(k)))
	}
	return c
}

// pow10u are 10^0 .. 10^19 as uint64.
var pow10u = func() []uint64 {
	p := make([]uint64, 20)
	p[0] = 1
	for i := 1; i < len(p); i++ {
		p[i] = p[i-1] * 10
	}
	return p
}()

// divRoundSmall is DivRound in 128-bit machine arithmetic, exact, for the
// common case where the coefficients have at most 18 digits and the scaled
// operands fit; ok is false otherwise (and the caller uses big.Int).
func divRoundSmall(num, den decimal.Decimal, places int32) (q int64, ok bool) {
	if places < 0 || num.NumDigits() > 18 || den.NumDigits() > 18 {
		return 0, false
	}
	e := min(num.Exponent(), den.Exponent())
	kn := int(num.Exponent()-e) + int(places)
	kd := int(den.Exponent() - e)
	if kn >= len(pow10u) || kd >= len(pow10u) {
		return 0, false
	}
	cn, cd := num.CoefficientInt64(), den.CoefficientInt64()
	if cd == 0 {
		return 0, false // let the big path report division by zero
	}
	neg := (cn < 0) != (cd < 0)
	un, ud := absU(cn), absU(cd)
	hi, lo := bits.Mul64(un, pow10u[kn])
	dhi, d := bits.Mul64(ud, pow10u[kd])
	if dhi != 0 || hi >= d {
		return 0, false
	}
	quo, rem := bits.Div64(hi, lo, d)
	if rem >= d-rem { // 2*rem >= d: half or more rounds away from zero
		quo++
	}
	if quo > 1<<62 {
		return 0, false
	}
	if neg {
		return -int64(quo), true
	}
	return int64(quo), true
}

func absU(x int64) uint64 {
	if x < 0 {
		return uint64(-x)
	}
	return uint64(x)
}
