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
