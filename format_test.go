package carecast

import (
	"testing"

	"github.com/shopspring/decimal"
)

func TestFactorValue(t *testing.T) {
	for _, c := range []struct {
		f    Factor
		v    string
		want string
	}{
		{FactorOccupancy, "0.8", "x0.80"},
		{FactorSpotInflation, "0.03", "+3.0 points"},
		{FactorBlockUplift, "-0.015", "-1.5 points"},
		{FactorRampDelay, "6", "6 months"},
		{FactorRampDelay, "1", "1 month"},
		{FactorGrants, "1", "x1.00"},
	} {
		if got := c.f.FormatValue(decimal.RequireFromString(c.v)); got != c.want {
			t.Errorf("%s.FormatValue(%s) = %q, want %q", c.f, c.v, got, c.want)
		}
	}
}

func TestRunsPercent(t *testing.T) {
	for _, c := range []struct {
		k, n int
		want string
	}{
		{0, 2000, "0%"},
		{40, 2000, "2.0%"},
		{1, 2000, "0.05%"}, // 0.05% would show as 0.1% to one place: two
		{1, 3, "33.3%"},    // 33.33...
		{1, 100000, "under 0.01%"},
		{99999, 100000, "over 99.99%"},
		{1999, 2000, "99.95%"}, // 99.95 rounds to 100.0 to one place
		{2000, 2000, "100%"},
		{1, 0, "0%"},
	} {
		if got := RunsPercent(c.k, c.n); got != c.want {
			t.Errorf("%d of %d: got %s, want %s", c.k, c.n, got, c.want)
		}
	}
}
