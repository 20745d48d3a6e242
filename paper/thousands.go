package paper

import (
	"sort"
	"strconv"

	"github.com/carecast/carecast"
	"github.com/shopspring/decimal"
)

// The body of a paper shows money in £000, as council finance tables do;
// the tables to the penny are in the appendices. A column of amounts in
// £000 must still add up to its total, so each column is rounded as a
// whole (thousandsOf): the total rounded once, half away from zero, and
// the cells floored then raised by one, largest fraction first, until
// they meet it (the largest remainder method, docs/methodology.md §5). A
// cell may then differ by one from its own rounding; the table says so.

// thousandsOf rounds amounts to whole thousands of pounds so that they add
// up to their total rounded once.
func thousandsOf(xs []carecast.Money) []int64 {
	k := decimal.NewFromInt(1000)
	out := make([]int64, len(xs))
	type frac struct {
		i int
		f decimal.Decimal
	}
	fr := make([]frac, len(xs))
	var sum decimal.Decimal
	var floors int64
	for i, x := range xs {
		d := x.Decimal().Div(k)
		fl := d.Floor()
		out[i] = fl.IntPart()
		floors += out[i]
		fr[i] = frac{i, d.Sub(fl)}
		sum = sum.Add(x.Decimal())
	}
	target := carecast.RoundHalfAway(sum.Div(k), 0).IntPart()
	sort.SliceStable(fr, func(a, b int) bool { return fr[a].f.GreaterThan(fr[b].f) })
	for j := 0; j < int(target-floors) && j < len(fr); j++ {
		out[fr[j].i]++
	}
	return out
}

// fmtK writes an amount in £000: "1,306", negatives in brackets "(403)".
func fmtK(k int64) string {
	s := carecast.GroupThousands(strconv.FormatInt(abs64(k), 10))
	if k < 0 {
		return "(" + s + ")"
	}
	return s
}

func abs64(k int64) int64 {
	if k < 0 {
		return -k
	}
	return k
}

// pounds is money to the whole pound for a sentence: "£650,000",
// "£(402,950)" never: a sentence says "out of pocket" instead, so this
// writes the size only.
func pounds(m carecast.Money) string {
	if m.Sign() < 0 {
		m = m.Neg()
	}
	return m.FormatPounds()
}

// sumK adds amounts in £000.
func sumK(xs []int64) int64 {
	var s int64
	for _, x := range xs {
		s += x
	}
	return s
}
