package forecast

import (
	"testing"

	"github.com/carecast/carecast"
	"github.com/carecast/carecast/inputs"
	"github.com/shopspring/decimal"
)

// Result.Sharing is Run under each rule, the rule in force among them;
// trading never saves less than keeping to the allocations; nothing to
// compare without Allocations rows.
func TestResultSharing(t *testing.T) {
	s, _, err := inputs.Load("../examples/demand")
	if err != nil {
		t.Fatal(err)
	}
	res, err := Run(s)
	if err != nil {
		t.Fatal(err)
	}
	runs := res.Sharing
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
		if run.Rule == s.Assumptions.SharingRule() && (!r.Total.Savings.Equal(res.Total.Savings) || !r.NPV.Equal(res.NPV)) {
			t.Errorf("%s is the rule in force, but its figures %s %s differ from the forecast's %s %s", run.Rule, r.Total.Savings, r.NPV, res.Total.Savings, res.NPV)
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
	if r, err := Run(inputs.BuiltInScenario()); err != nil || r.Sharing != nil {
		t.Errorf("the built-in (Occupancy rows) compared: %+v, %v", r.Sharing, err)
	}
	// Demand rows without Allocations: nothing to compare either.
	u := *s
	u.Allocations = nil
	u.Assumptions.Sharing = carecast.SharingPooled
	if r, err := Run(&u); err != nil || r.Sharing != nil {
		t.Errorf("demand without allocations compared: %+v, %v", r.Sharing, err)
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
