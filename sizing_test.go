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
