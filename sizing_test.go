package carecast

import (
	"testing"

	"github.com/shopspring/decimal"
)

// Worked by hand: 100 room-days of capacity cost £1,000 (£10 a room-day);
// 90 occupied avoid £1,125 of spot purchasing (£12.50 a room-day), so
// block price over spot price is 10 / 12.50 = 80%. Going from 100 to 110
// room-days of capacity adds 5 occupied: the added rooms are used 50%.
func TestCriticalRatioAndMarginalUse(t *testing.T) {
	d := decimal.RequireFromString
	a := SizePoint{CapacityRoomDays: d("100"), OccupiedRoomDays: d("90"), BlockCost: MustMoney("1000"), SpotAvoided: MustMoney("1125")}
	if r, ok := a.CriticalRatio(); !ok || !r.Equal(d("0.8")) {
		t.Errorf("critical ratio %s, %v; want 0.8", r, ok)
	}
	b := SizePoint{CapacityRoomDays: d("110"), OccupiedRoomDays: d("95")}
	if u, ok := MarginalUse(a, b); !ok || !u.Equal(d("0.5")) {
		t.Errorf("marginal use %s, %v; want 0.5", u, ok)
	}
	if _, ok := MarginalUse(b, a); ok {
		t.Error("a smaller size adds no room-days, yet MarginalUse is defined")
	}
	if _, ok := (SizePoint{}).CriticalRatio(); ok {
		t.Error("no rooms, yet a critical ratio")
	}
}

// What the size with the highest NPV adds to the size proposed, worked by
// hand: NPVs of 1.0m at 10 rooms (proposed) and 1.25m at 12
// (recommended) give 0.25m; with risk the expected NPVs (0.9m, 1.2m) give
// 0.3m; a sweep without the size proposed gives none.
func TestSizingGain(t *testing.T) {
	z := &Sizing{Largest: 10, Recommended: 12, Sizes: []SizePoint{
		{Rooms: 10, NPV: MustMoney("1000000"), MeanNPV: MustMoney("900000")},
		{Rooms: 12, NPV: MustMoney("1250000"), MeanNPV: MustMoney("1200000")},
	}}
	if g, ok := z.Gain(); !ok || !g.Equal(MustMoney("250000")) {
		t.Errorf("gain %s %v, want 250000.00", g, ok)
	}
	z.Risk = true
	if g, ok := z.Gain(); !ok || !g.Equal(MustMoney("300000")) {
		t.Errorf("gain with risk %s %v, want 300000.00", g, ok)
	}
	z.Largest = 11
	if _, ok := z.Gain(); ok {
		t.Error("a gain without the size proposed")
	}
}
