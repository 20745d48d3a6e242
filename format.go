package carecast

import (
	"fmt"

	"github.com/shopspring/decimal"
)

// The wording every output shares (terminal, TSV, workbook, charts): how a
// value of a risk factor, a switching value, a period and a date read.

// Format formats the amount as a UK finance officer reads it: "£1,234.50",
// with negatives in brackets, "(£1,234.50)".
func (m Money) Format() string { return m.format(2, "£") }

// FormatAmount is Format without the pound sign, for a table whose heading
// says "Amounts in £": "1,234.50", "(1,234.50)". Pence are kept so that
// every column adds up to its total as shown.
func (m Money) FormatAmount() string { return m.format(2, "") }

// FormatPounds is Format to the nearest pound (half away from zero), for
// a chart's key figures and labels: "£11,330,133", "(£35,619,428)".
func (m Money) FormatPounds() string { return m.format(0, "£") }

// format writes m rounded to places, grouped in thousands, after symbol,
// in brackets when negative after rounding.
func (m Money) format(places int32, symbol string) string {
	d := RoundHalfAway(m.d, places)
	s := symbol + GroupThousands(d.Abs().StringFixed(places))
	if d.Sign() < 0 {
		return "(" + s + ")"
	}
	return s
}

// SwitchingText is the switching value for people: the value, with more
// places than Factor.FormatValue, or "not within range".
func (fs FactorSensitivity) SwitchingText() string {
	if !fs.Switching.Found {
		return "not within range"
	}
	return fs.Factor.FormatSwitching(fs.Switching.Value)
}

// RatePlaces is how many decimal places a rate (occupancy, break-even
// occupancy, optimism bias, a chance of a loss) shows as a percentage in
// the terminal's tables, the workbook's cells and the paper alike:
// "90.00%".
const RatePlaces = 2

// Percent writes a rate as a percentage to places decimal places,
// rounded half away from zero: 0.9 is "90.00%" at two places, "90.0%" at
// one. Every output that shows a rate states its places through it.
func Percent(d decimal.Decimal, places int32) string {
	return RoundHalfAway(d.Shift(2), places).StringFixed(places) + "%"
}

// YearsText is a number of years in words: "1 year", "8 years".
func YearsText(n int) string {
	if n == 1 {
		return "1 year"
	}
	return fmt.Sprintf("%d years", n)
}

// Long is the date in UK style for a sentence: "1 April 2019".
func (d Date) Long() string { return fmt.Sprintf("%d %s %d", d.Day, d.Month, d.Year) }

// RunsPercent is k runs of n as a percentage for people: to one place
// ("2.0%"), to two below 1% or where one place would round up to 100%
// ("0.05%", "99.95%"), and never 0% or 100% unless it is so ("under
// 0.01%", "over 99.99%").
func RunsPercent(k, n int) string {
	if n <= 0 || k <= 0 {
		return "0%"
	}
	if k >= n {
		return "100%"
	}
	share := decimal.NewFromInt(int64(k)).Shift(2)
	runs := decimal.NewFromInt(int64(n))
	hundred := decimal.NewFromInt(100)
	two := DivRound(share, runs, 2)
	if share.LessThan(runs) { // under 1%
		if two.Sign() == 0 {
			return "under 0.01%"
		}
		return two.StringFixed(2) + "%"
	}
	if one := DivRound(share, runs, 1); one.LessThan(hundred) {
		return one.StringFixed(1) + "%"
	}
	if two.LessThan(hundred) {
		return two.StringFixed(2) + "%"
	}
	return "over 99.99%"
}
