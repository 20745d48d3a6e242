package carecast

import (
	"strings"
	"testing"

	"github.com/shopspring/decimal"
)

// wordsResult is a forecast whose factor bases are easy to work by hand:
// spot prices of £3,500 and £3,700 a week rising 5% and 4% a year from
// the start (£3,600 and 4.5% on average; a later price of Havering's is
// not its first and counts for nothing), a block price of £2,850 rising
// 2%, 90 of 100 room-days occupied, grants of £782,750.
func wordsResult() *Result {
	d := decimal.RequireFromString
	start := Date{Year: 2019, Month: 4, Day: 1}
	s := &Scenario{Assumptions: Assumptions{StartDate: start, BlockWeeklyPrice: d("2850"), BlockUplift: d("0.02")},
		SpotCosts: []SpotCost{
			{Council: 0, From: Date{Year: 2021, Month: 4, Day: 1}, WeeklyCost: d("4000"), AnnualInflation: d("0.1")},
			{Council: 0, From: start, WeeklyCost: d("3500"), AnnualInflation: d("0.05")},
			{Council: 1, From: start, WeeklyCost: d("3700"), AnnualInflation: d("0.04")},
		}}
	r := &Result{Scenario: s}
	r.Total.OccupiedRoomDays, r.Total.CapacityRoomDays = d("90"), d("100")
	r.Total.Grants = MustMoney("782750")
	return r
}

func TestFactorBasis(t *testing.T) {
	fb := wordsResult().FactorBasis()
	d := decimal.RequireFromString
	for _, c := range []struct {
		f     Factor
		v     string
		rough bool
		want  string
	}{
		{FactorSpotPrice, "0.774", false, "£2,786 a week"}, // 3,600 x 0.774 = 2,786.40
		{FactorSpotPrice, "0.774", true, "£2,790 a week"},
		{FactorOccupancy, "0.774", false, "69.7%"}, // 90% x 0.774 = 69.66%
		{FactorSpotInflation, "0.03", false, "7.50% a year"},
		{FactorBlockUplift, "-0.01", false, "1.00% a year"},
		{FactorBlockPrice, "1.1", false, "£3,135 a week"},
		{FactorRampDelay, "0", false, "on time"},
		{FactorRampDelay, "1", false, "1 month late"},
		{FactorRampDelay, "6", false, "6 months late"},
		{FactorGrants, "0.8", false, "£626,200"},
		{FactorDemand, "0.85", false, "85% of the forecast"},
	} {
		if got := fb.Value(c.f, d(c.v), c.rough); got != c.want {
			t.Errorf("Value(%s, %s, %v) = %q, want %q", c.f, c.v, c.rough, got, c.want)
		}
	}
	for _, c := range []struct {
		f      Factor
		lo, hi string
		want   string
	}{
		{FactorSpotPrice, "0.9", "1.15", "£3,240 to £4,140 a week"},
		{FactorOccupancy, "0.8", "1.05", "72.0% to 94.5%"},
		{FactorSpotInflation, "-0.02", "0.03", "2.50% to 7.50% a year"},
		{FactorRampDelay, "0", "6", "on time to 6 months late"},
		{FactorDemand, "0.85", "1.2", "85% to 120% of the forecast"},
	} {
		if got := fb.Range(c.f, d(c.lo), d(c.hi)); got != c.want {
			t.Errorf("Range(%s) = %q, want %q", c.f, got, c.want)
		}
	}
	for _, c := range []struct {
		f    Factor
		v    string
		want string
	}{
		{FactorSpotPrice, "0.9", "spot prices 10% lower than assumed (£3,240 a week)"},
		{FactorBlockPrice, "1.1", "the block price 10% higher than assumed (£3,135 a week)"},
		{FactorGrants, "1", "grants as assumed"},
		{FactorSpotInflation, "0.03", "spot prices rising 3 points a year faster than assumed (7.50% a year)"},
		{FactorSpotInflation, "-0.01", "spot prices rising 1 point a year slower than assumed (3.50% a year)"},
		{FactorRampDelay, "6", "new rooms 6 months late"},
		{FactorRampDelay, "0", "new rooms on time"},
	} {
		if got := fb.Change(c.f, d(c.v)); got != c.want {
			t.Errorf("Change(%s, %s) = %q, want %q", c.f, c.v, got, c.want)
		}
	}
	found := FactorSensitivity{Factor: FactorSpotPrice, Switching: SwitchingValue{Found: true, Value: d("0.774")}}
	if got := fb.Switching(found); got != "about £2,790 a week" {
		t.Errorf("switching %q", got)
	}
	if got := fb.Switching(FactorSensitivity{Factor: FactorGrants}); got != "none in the range searched" {
		t.Errorf("no switching value: %q", got)
	}
}

// Every factor says what it varies in plain words, with no code name.
func TestFactorPlainWords(t *testing.T) {
	for _, f := range Factors() {
		for _, s := range []string{f.Varies(), factorTable[f].subject} {
			if s == "" || strings.ContainsAny(s, "_") || strings.Contains(s, f.String()) && strings.Contains(f.String(), "_") {
				t.Errorf("%s: %q", f, s)
			}
		}
	}
}
