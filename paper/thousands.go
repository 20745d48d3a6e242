package paper

import (
	"strconv"

	"github.com/carecast/carecast"
	"github.com/carecast/carecast/reports"
	"github.com/shopspring/decimal"
)

// The body of a paper shows money in £000, as council finance tables do;
// the tables to the penny are in the appendices. Its tables come rounded
// from the report layer (reports.Options{Money: reports.Thousands}); a
// chart's data table rounds its figures by the same policy
// (thousandsOf).

// thousandsOf rounds amounts to whole thousands of pounds so that they add
// up to their total rounded once: reports.RoundToTotal, the report
// layer's rounding of a column.
func thousandsOf(xs []carecast.Money) []int64 {
	ds := make([]decimal.Decimal, len(xs))
	for i, x := range xs {
		ds[i] = x.Decimal()
	}
	out := make([]int64, len(xs))
	for i, d := range reports.RoundToTotal(ds, -3) {
		out[i] = d.Shift(-3).IntPart()
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
