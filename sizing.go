package carecast

import "github.com/shopspring/decimal"

// Sizing the block (docs/methodology.md §11): the forecast at each room
// count of a sweep, computed by package forecast (forecast.Size).

// SizePoint is the forecast at one room count.
type SizePoint struct {
	Rooms                int
	Savings, NPV         Money
	NPVAfterOptimismBias Money
	OccupancyRate        decimal.Decimal
	VoidCost             Money
	OverflowRoomDays     decimal.Decimal
	// CapacityRoomDays, OccupiedRoomDays, BlockCost and SpotAvoided give
	// the marginal room's use and the critical ratio.
	CapacityRoomDays, OccupiedRoomDays decimal.Decimal
	BlockCost, SpotAvoided             Money
	// With risk: the spread of savings, the expected (mean) NPV and the
	// chance of a loss over the runs.
	P10, P50, P90   Money
	MeanNPV         Money
	NPVP10, NPVP90  Money // the spread of the NPV
	LossProbability decimal.Decimal
}

// Sizing is a sweep of room counts and its recommendation.
type Sizing struct {
	Scenario string
	Largest  int // the largest Rooms row as given
	Risk     bool
	Runs     int
	Seed     uint64
	Sizes    []SizePoint
	// Recommended is the room count with the highest NPV (expected NPV with
	// risk); ties go to the fewer rooms. Reason says why in words.
	Recommended int
	Reason      string
}
