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
