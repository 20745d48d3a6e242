package forecast

import (
	"testing"

	"github.com/carecast/carecast"
	"github.com/carecast/carecast/inputs"
	"github.com/shopspring/decimal"
)

// The comparison of sharing rules is Run under each rule; trading never
// saves less than keeping to the allocations; nothing to compare without
// Allocations rows.
func TestCompareSharing(t *testing.T) {
	s, _, err := inputs.Load("../examples/demand")
	if err != nil {
		t.Fatal(err)
	}
	runs, err := CompareSharing(s)
	if err != nil {
		t.Fatal(err)
	}
	if len(runs) != 3 || runs[0].Rule != carecast.SharingAllocated || runs[1].Rule != carecast.SharingAllocatedTrade || runs[2].Rule != carecast.SharingPooled {
		t.Fatalf("runs %+v, want allocated, allocated_trade, pooled", runs)
	}
	for _, run := range runs {
		t2 := *s
		t2.Assumptions.Sharing = run.Rule
		r, err := Run(&t2)
		if err != nil {
			t.Fatal(err)
		}
		if !r.Total.Savings.Equal(run.Savings) || !r.NPV.Equal(run.NPV) || !r.Total.VoidCost.Equal(run.VoidCost) || !r.Total.OverflowRoomDays.Equal(run.OverflowRoomDays) {
			t.Errorf("%s: %+v, Run gives savings %s npv %s void %s overflow %s", run.Rule, run, r.Total.Savings, r.NPV, r.Total.VoidCost, r.Total.OverflowRoomDays)
		}
		var sum carecast.Money
		for _, c := range run.CouncilSavings {
			sum = sum.Add(c)
		}
		if !sum.Equal(run.Savings) {
			t.Errorf("%s: councils' savings sum to %s, not %s", run.Rule, sum, run.Savings)
		}
	}
	if runs[1].Savings.Cmp(runs[0].Savings) < 0 {
		t.Errorf("allocated_trade saves %s, less than allocated %s", runs[1].Savings, runs[0].Savings)
	}
	if got, _ := CompareSharing(inputs.BuiltInScenario()); got != nil {
		t.Errorf("the built-in (Occupancy rows) compared: %+v", got)
	}
}

// An option that leaves a council out drops its Demand and Allocations
// rows too, and occupancy_scale scales demand when occupancy follows it.
func TestOptionOnDemand(t *testing.T) {
	s, _, err := inputs.Load("../examples/demand")
	if err != nil {
		t.Fatal(err)
	}
	o := &carecast.Option{ExcludeCouncils: []int{2}, OccupancyScale: decimal.NewNullDecimal(decimal.RequireFromString("1.1"))}
	u := o.Apply(s)
	if len(u.Councils) != 7 || len(u.Demand) != 21 || len(u.Allocations) != 21 {
		t.Fatalf("%d councils, %d Demand and %d Allocations rows; want 7, 21, 21", len(u.Councils), len(u.Demand), len(u.Allocations))
	}
	// Havering's 3 placements from April 2019, times 1.1.
	if u.Demand[0].Council != 0 || !u.Demand[0].Placements.Equal(decimal.RequireFromString("3.3")) {
		t.Errorf("first Demand row %+v, want Havering 3.3", u.Demand[0])
	}
	for _, r := range append(u.Demand[:0:0], u.Demand...) {
		if r.Council < 0 || r.Council >= 7 {
			t.Fatalf("a Demand row of council %d of 7", r.Council)
		}
	}
	if _, err := Run(u); err != nil {
		t.Fatal(err)
	}
}
