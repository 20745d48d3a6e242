package carecast

import (
	"fmt"
	"strings"

	"github.com/shopspring/decimal"
)

// A risk factor's value for people: in the assumption's own unit, as the
// scenario gives the assumption, rather than the factor's multiple or
// points ("£2,757 a week" rather than "x0.7740", "8.00% a year" rather
// than "+3.0 points"). The paper and the charts read every factor so.

// FactorBasis holds the values the risk factors vary, as a forecast's
// scenario gives them: a factor's value is read against them.
type FactorBasis struct {
	// SpotWeekly and SpotInflation are the councils' first spot prices a
	// week and their yearly rise, each averaged over the councils that have
	// one (to 6 places).
	SpotWeekly, SpotInflation decimal.Decimal
	// Block and Uplift are the block price a week and its yearly rise.
	Block, Uplift decimal.Decimal
	// Occupancy is the forecast's occupancy of the rooms over the term.
	Occupancy decimal.Decimal
	// Grants are the forecast's grants over the term.
	Grants Money
}

// FactorBasis returns the values the risk factors vary in this forecast.
func (r *Result) FactorBasis() FactorBasis {
	var fb FactorBasis
	if s := r.Scenario; s != nil {
		first := map[int]SpotCost{}
		for _, sc := range s.SpotCosts {
			if f, ok := first[sc.Council]; !ok || sc.From.Before(f.From) {
				first[sc.Council] = sc
			}
		}
		if len(first) > 0 {
			var w, u decimal.Decimal
			for _, sc := range first {
				w, u = w.Add(sc.WeeklyCost), u.Add(sc.AnnualInflation)
			}
			n := decimal.NewFromInt(int64(len(first)))
			fb.SpotWeekly, fb.SpotInflation = DivRound(w, n, 6), DivRound(u, n, 6)
		}
		fb.Block, fb.Uplift = s.Assumptions.BlockWeeklyPrice, s.Assumptions.BlockUplift
	}
	fb.Occupancy = r.Total.OccupancyRate()
	fb.Grants = r.Total.Grants
	return fb
}

// Value writes a factor's value v in the assumption's own unit: "£2,757
// a week", "72.0%" (of the rooms occupied), "8.00% a year", "6 months
// late", "£626,200" (of grants), "85% of the forecast" (demand); rough
// rounds a price a week to the nearest £10, for a switching value quoted
// in a sentence ("about £2,760 a week").
func (fb FactorBasis) Value(f Factor, v decimal.Decimal, rough bool) string {
	weekly := func(d decimal.Decimal) string {
		p := d.Mul(v)
		if rough {
			p = RoundHalfAway(p.Shift(-1), 0).Shift(1)
		}
		return MoneyOf(p).FormatPounds() + " a week"
	}
	switch f {
	case FactorOccupancy:
		return fb.Occupancy.Mul(v).Shift(2).StringFixed(1) + "%"
	case FactorSpotPrice:
		return weekly(fb.SpotWeekly)
	case FactorSpotInflation:
		return fb.SpotInflation.Add(v).Shift(2).StringFixed(2) + "% a year"
	case FactorBlockPrice:
		return weekly(fb.Block)
	case FactorBlockUplift:
		return fb.Uplift.Add(v).Shift(2).StringFixed(2) + "% a year"
	case FactorRampDelay:
		switch {
		case v.IsZero():
			return "on time"
		case v.Equal(decimal.NewFromInt(1)):
			return "1 month late"
		}
		return v.String() + " months late"
	case FactorGrants:
		return MoneyOf(fb.Grants.Decimal().Mul(v)).FormatPounds()
	case FactorDemand, FactorDemandCouncil:
		return v.Shift(2).StringFixed(0) + "% of the forecast"
	}
	return f.FormatValue(v)
}

// Range writes a factor's range in its own unit, the unit said once:
// "£3,206 to £4,097 a week", "3.00% to 8.00% a year", "on time to 6
// months late", "72.0% to 94.5%".
func (fb FactorBasis) Range(f Factor, lo, hi decimal.Decimal) string {
	l, h := fb.Value(f, lo, false), fb.Value(f, hi, false)
	for _, unit := range []string{" a week", " a year", " of the forecast"} {
		if strings.HasSuffix(l, unit) && strings.HasSuffix(h, unit) {
			return strings.TrimSuffix(l, unit) + " to " + h
		}
	}
	return l + " to " + h
}

// Switching writes a factor's switching value for a sentence: "about
// £2,760 a week", "about 69.7%", or "none in the range searched" (the
// value is found by a search, and a price is rounded to £10).
func (fb FactorBasis) Switching(fs FactorSensitivity) string {
	if !fs.Switching.Found {
		return "none in the range searched"
	}
	return "about " + fb.Value(fs.Factor, fs.Switching.Value, true)
}

// Change writes a factor's value as a change from the forecast, in plain
// words with the value in its own unit: "spot prices 10% lower than
// assumed (£3,206 a week)", "spot prices rising 3 points a year faster
// than assumed (8.00% a year)", "new rooms 6 months late".
func (fb FactorBasis) Change(f Factor, v decimal.Decimal) string {
	what := factorTable[f].subject
	switch f.Unit() {
	case UnitPoints:
		pts := strings.TrimSuffix(v.Abs().Shift(2).StringFixed(1), ".0")
		if pts == "1" {
			pts = "1 point"
		} else {
			pts += " points"
		}
		switch v.Sign() {
		case 0:
			return what + " rising as assumed (" + fb.Value(f, v, false) + ")"
		case 1:
			return fmt.Sprintf("%s rising %s a year faster than assumed (%s)", what, pts, fb.Value(f, v, false))
		}
		return fmt.Sprintf("%s rising %s a year slower than assumed (%s)", what, pts, fb.Value(f, v, false))
	case UnitMonths:
		return what + " " + fb.Value(f, v, false)
	}
	one := decimal.NewFromInt(1)
	pct := v.Sub(one).Abs().Shift(2).StringFixed(0)
	switch v.Cmp(one) {
	case 0:
		return what + " as assumed"
	case 1:
		return fmt.Sprintf("%s %s%% higher than assumed (%s)", what, pct, fb.Value(f, v, false))
	}
	return fmt.Sprintf("%s %s%% lower than assumed (%s)", what, pct, fb.Value(f, v, false))
}
