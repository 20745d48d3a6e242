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

// possessive is a name's possessive as British usage writes it: an
// apostrophe alone after a final s ("Tower Hamlets'", "the councils'"),
// else apostrophe s ("Havering's").
func possessive(name string) string {
	if strings.HasSuffix(name, "s") || strings.HasSuffix(name, "S") {
		return name + "'"
	}
	return name + "'s"
}
