package forecast

import "github.com/carecast/carecast"

// SharingRules are the rules of Result.Sharing, in its order: no trading,
// trading after allocation, then any room to any council.
var SharingRules = []string{carecast.SharingAllocated, carecast.SharingAllocatedTrade, carecast.SharingPooled}

// compareSharing forecasts a scenario with Demand and Allocations rows
// under each sharing rule, so that a paper can say what trading unused
// rooms between councils is worth; res is the forecast under the rule in
// force, reused. It returns nil for a scenario without both.
func compareSharing(s *carecast.Scenario, res *carecast.Result) ([]carecast.SharingRun, error) {
	if len(s.Demand) == 0 || len(s.Allocations) == 0 {
		return nil, nil
	}
	var out []carecast.SharingRun
	for _, rule := range SharingRules {
		r := res
		if rule != s.Assumptions.SharingRule() {
			t := *s
			t.Assumptions.Sharing = rule
			var err error
			if r, err = runOnly(&t); err != nil {
				return nil, err
			}
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

// tradingWorth sets what trading unused rooms is worth
// (carecast.Result.TradingWorth), the consortium's and each council's:
// the savings under allocated_trade less those under allocated.
func tradingWorth(res *carecast.Result) {
	alloc, trade := res.SharingRunOf(carecast.SharingAllocated), res.SharingRunOf(carecast.SharingAllocatedTrade)
	if alloc == nil || trade == nil {
		return
	}
	res.TradingWorth = trade.Savings.Sub(alloc.Savings)
	for c := range res.Councils {
		res.Councils[c].TradingWorth = trade.CouncilSavings[c].Sub(alloc.CouncilSavings[c])
	}
}
