package paper

import (
	"fmt"
	"strings"

	"github.com/carecast/carecast"
	"github.com/shopspring/decimal"
)

// amount is money in a table cell: thousands separators, two decimals,
// negatives in brackets, no £ (the column header says £).
func amount(m carecast.Money) string {
	s := carecast.GroupThousands(m.Decimal().Abs().StringFixed(2))
	if m.Sign() < 0 {
		return "(" + s + ")"
	}
	return s
}

// pounds is money in a sentence to the penny: "£1,234.56", "£(1,234.56)".
func pounds(m carecast.Money) string {
	s := carecast.GroupThousands(m.Decimal().Abs().StringFixed(2))
	if m.Sign() < 0 {
		return "£(" + s + ")"
	}
	return "£" + s
}

// millions is money in a sentence in millions to two decimals: "£1.23m",
// "£(1.23)m".
func millions(m carecast.Money) string {
	d := carecast.RoundHalfAway(m.Decimal().Shift(-6), 2)
	s := carecast.GroupThousands(d.Abs().StringFixed(2))
	if d.Sign() < 0 {
		return "£(" + s + ")m"
	}
	return "£" + s + "m"
}

// percent is a rate as a percentage to two places: "69.66%".
func percent(d decimal.Decimal) string { return d.Shift(2).StringFixed(2) + "%" }

// longDate is a UK date: "1 April 2019".
func longDate(d carecast.Date) string { return fmt.Sprintf("%d %s %d", d.Day, d.Month, d.Year) }

// plural is "1 year", "8 years".
func plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return carecast.GroupThousands(fmt.Sprint(n)) + " " + many
}

// runsPercent is k of n as a percentage for people: one place, two below
// 1%, never 0% or 100% unless it is so.
func runsPercent(k, n int) string {
	if n <= 0 || k <= 0 {
		return "0%"
	}
	if k >= n {
		return "100%"
	}
	share := decimal.NewFromInt(int64(k)).Shift(2)
	runs := decimal.NewFromInt(int64(n))
	two := carecast.DivRound(share, runs, 2)
	if share.LessThan(runs) {
		if two.Sign() == 0 {
			return "under 0.01%"
		}
		return two.StringFixed(2) + "%"
	}
	if one := carecast.DivRound(share, runs, 1); one.LessThan(decimal.NewFromInt(100)) {
		return one.StringFixed(1) + "%"
	}
	if two.LessThan(decimal.NewFromInt(100)) {
		return two.StringFixed(2) + "%"
	}
	return "over 99.99%"
}

// factorValue is a value of a factor: "x0.90", "+3.0 points", "6 months",
// with places decimals of points (one more of a multiple); with one place
// it is carecast.Factor.FormatValue.
func factorValue(f carecast.Factor, v decimal.Decimal, places int32) string {
	if places == 1 {
		return f.FormatValue(v)
	}
	switch f.Unit() {
	case carecast.UnitPoints:
		s := v.Shift(2).StringFixed(places)
		if v.Sign() > 0 {
			s = "+" + s
		}
		return s + " points"
	case carecast.UnitMonths:
		if v.Equal(decimal.NewFromInt(1)) {
			return "1 month"
		}
		return v.String() + " months"
	}
	return "x" + v.StringFixed(places+1)
}

// switching is a factor's switching value for people, or "not within
// range".
func switching(f carecast.FactorSensitivity) string {
	if !f.Switching.Found {
		return "not within range"
	}
	if f.Factor.Unit() == carecast.UnitMonths {
		return factorValue(f.Factor, f.Switching.Value, 0)
	}
	return factorValue(f.Factor, f.Switching.Value, 2)
}

// joinAnd joins "a", "b and c".
func joinAnd(xs []string) string {
	switch len(xs) {
	case 0:
		return ""
	case 1:
		return xs[0]
	}
	return strings.Join(xs[:len(xs)-1], ", ") + " and " + xs[len(xs)-1]
}
