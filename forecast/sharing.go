package forecast

import "github.com/carecast/carecast"

// CompareSharing forecasts a scenario with Demand and Allocations rows
// under each sharing rule (allocated, allocated_trade, pooled), so that a
// paper can say what trading unused rooms between councils is worth. It
// returns nil for a scenario without both.
func CompareSharing(s *carecast.Scenario) ([]carecast.SharingRun, error) {
	if len(s.Demand) == 0 || len(s.Allocations) == 0 {
		return nil, nil
	}
	var out []carecast.SharingRun
	for _, rule := range []string{carecast.SharingAllocated, carecast.SharingAllocatedTrade, carecast.SharingPooled} {
		t := *s
		t.Assumptions.Sharing = rule
		r, err := Run(&t)
		if err != nil {
			return nil, err
		}
		run := carecast.SharingRun{Rule: rule, Savings: r.Total.Savings, NPV: r.NPV, OccupancyRate: r.Total.OccupancyRate(),
			VoidCost: r.Total.VoidCost, OverflowRoomDays: r.Total.OverflowRoomDays}
		for _, c := range r.Councils {
			run.CouncilSavings = append(run.CouncilSavings, c.Total.Savings)
		}
		out = append(out, run)
	}
	return out, nil
}
