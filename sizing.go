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

// Gain is what the size with the highest NPV adds to the NPV of the size
// proposed: its NPV less the NPV at Largest (expected NPVs with risk, as
// Recommended is chosen). ok is false when the sweep lacks either size.
func (z *Sizing) Gain() (gain Money, ok bool) {
	var rec, prop *SizePoint
	for i := range z.Sizes {
		if z.Sizes[i].Rooms == z.Recommended {
			rec = &z.Sizes[i]
		}
		if z.Sizes[i].Rooms == z.Largest {
			prop = &z.Sizes[i]
		}
	}
	if rec == nil || prop == nil {
		return Money{}, false
	}
	if z.Risk {
		return rec.MeanNPV.Sub(prop.MeanNPV), true
	}
	return rec.NPV.Sub(prop.NPV), true
}

// CriticalRatio is block price over spot price over the horizon at this
// size (the newsvendor critical ratio, docs/methodology.md §11): block
// cost per room-day over spot purchasing avoided per occupied room-day.
// ok is false when there are no rooms, no occupied room-days or nothing
// avoided.
func (p SizePoint) CriticalRatio() (ratio decimal.Decimal, ok bool) {
	if p.CapacityRoomDays.Sign() <= 0 || p.OccupiedRoomDays.Sign() <= 0 || p.SpotAvoided.Sign() <= 0 {
		return decimal.Zero, false
	}
	return DivRound(p.BlockCost.Decimal().Mul(p.OccupiedRoomDays), p.CapacityRoomDays.Mul(p.SpotAvoided.Decimal()), 6), true
}

// MarginalUse is the share of the room-days added from size a to size b
// that are occupied, to six places: the chance the rooms added are used.
// ok is false when b adds no room-days.
func MarginalUse(a, b SizePoint) (use decimal.Decimal, ok bool) {
	dc := b.CapacityRoomDays.Sub(a.CapacityRoomDays)
	if dc.Sign() <= 0 {
		return decimal.Zero, false
	}
	return DivRound(b.OccupiedRoomDays.Sub(a.OccupiedRoomDays), dc, 6), true
}
