package paper

import (
	"fmt"
	"strings"

	"github.com/carecast/carecast"
	"github.com/shopspring/decimal"
)

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
