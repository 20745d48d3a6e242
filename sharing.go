package carecast

import "github.com/shopspring/decimal"

// SharingRun is a scenario's forecast under one sharing rule, for the
// comparison of what bed trading is worth (docs/methodology.md §11).
type SharingRun struct {
	Rule             string
	Savings, NPV     Money
	OccupancyRate    decimal.Decimal
	VoidCost         Money
	OverflowRoomDays decimal.Decimal
	CouncilSavings   []Money // in the order of the Councils sheet
}

// SharingRunOf is the forecast under the sharing rule given, nil when
// Sharing has none (no Demand and Allocations rows).
func (r *Result) SharingRunOf(rule string) *SharingRun {
	for i := range r.Sharing {
		if r.Sharing[i].Rule == rule {
			return &r.Sharing[i]
		}
	}
	return nil
}
