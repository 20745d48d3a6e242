package forecast

import (
	"reflect"
	"testing"
	"time"

	"github.com/carecast/carecast"
	"github.com/carecast/carecast/forecast/forecasttest"
	"github.com/carecast/carecast/inputs"
	"github.com/shopspring/decimal"
)

// nationalOptions are five options for a national-scale scenario: more
// rooms, a council out, lower pledges, a dearer provider with optimism
// bias, lower occupancy.
func nationalOptions() []carecast.Option {
	d := decimal.RequireFromString
	var dearer carecast.Assumptions
	dearer.BlockWeeklyPrice, dearer.OptimismBias = d("3300"), d("0.41")
	return []carecast.Option{
		{Name: "more rooms", RoomsScale: decimal.NewNullDecimal(d("1.2"))},
		{Name: "one out", ExcludeCouncils: []int{7}},
		{Name: "lower pledges", PledgeScale: decimal.NewNullDecimal(d("0.9"))},
		{Name: "dearer", Keys: []string{"block_weekly_price", "optimism_bias"}, Assumptions: dearer},
		{Name: "emptier", OccupancyScale: decimal.NewNullDecimal(d("0.95"))},
	}
}

// Cases lists the base case then the options, each applied; RunCases
// gives the same results on one worker or several, in the cases' order.
func TestRunCases(t *testing.T) {
	s := inputs.BuiltInScenario()
	one := Cases(s, "in.xlsx", carecast.BaseCaseName)
	many := Cases(s, "in.xlsx", carecast.BaseCaseName)
	if len(one) != 1+len(s.Options) || one[0].Option != carecast.BaseCaseName || one[1].Option != s.Options[0].Name || one[1].Input != "in.xlsx" {
		t.Fatalf("cases %+v", one)
	}
	if one[0].Scenario.Options != nil || len(s.Options) == 0 {
		t.Errorf("the base case carries the options, or the input lost them")
	}
	if err := RunCases(one, 1); err != nil {
		t.Fatal(err)
	}
	if err := RunCases(many, 3); err != nil {
		t.Fatal(err)
	}
	for i := range one {
		a, b := *one[i].Result, *many[i].Result
		a.Scenario, b.Scenario = nil, nil
		if !reflect.DeepEqual(a, b) {
			t.Errorf("case %d differs between one worker and three", i)
		}
		if one[i].Result.Scenario != one[i].Scenario {
			t.Errorf("case %d holds another case's result", i)
		}
	}
}

// BenchmarkCompareNational forecasts the base case and five options of a
// national-scale scenario (150 councils, 30 years) as 'carecast compare'
// does, in parallel over the cores (target: within 6 times one forecast,
// reported as forecasts/op).
func BenchmarkCompareNational(b *testing.B) {
	s := forecasttest.National(150, 30)
	s.Options = nationalOptions()
	single := time.Duration(1<<63 - 1)
	for range 3 {
		t0 := time.Now()
		if _, err := Run(s); err != nil {
			b.Fatal(err)
		}
		single = min(single, time.Since(t0))
	}
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		cases := Cases(s, "", carecast.BaseCaseName)
		if err := RunCases(cases, 0); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.Elapsed())/float64(b.N)/float64(single), "forecasts/op")
}
