package forecast

import (
	"math"
	"math/big"
	"math/rand/v2"
	"testing"

	"github.com/carecast/carecast"
	"github.com/shopspring/decimal"
)

func decs(xs ...string) []decimal.Decimal {
	out := make([]decimal.Decimal, len(xs))
	for i, x := range xs {
		out[i] = decimal.RequireFromString(x)
	}
	return out
}

// TestShareRounding works the largest remainder by hand: the total is
// rounded half away from zero, each part is floored to millionths, and the
// units left go to the largest fractional parts, ties to the earlier
// council.
func TestShareRounding(t *testing.T) {
	for _, c := range []struct {
		name             string
		rule, fill, room string
		d, a             []string
		want             []string
	}{
		// U = min(0.2 x 10, 3) = 2, each 2/3 = 0.6666666...: floors
		// 666666 x 3 = 1999998 millionths, two left over, the remainders
		// tie, so the first two councils take one each.
		{"pooled ties to the earlier council", carecast.SharingPooled, "0.2", "10",
			[]string{"1", "1", "1"}, nil, []string{"0.666667", "0.666667", "0.666666"}},
		// Allocation first: min(D, 0.9 x A) = 1.8, 1.8, 1 (4.6 in all);
		// U = min(9, 10) = 9 leaves 4.4 for the unmet demand 4.2 and 1.2
		// (5.4): 4.4 x 4.2/5.4 = 3.4222... and 4.4 x 1.2/5.4 = 0.9777...,
		// so 5.2222222... and 2.7777777...; floors 5222222 + 2777777 +
		// 1000000 = 8999999 millionths of a total 9000000: the one left
		// goes to the larger remainder, the second council's.
		{"allocated_trade shares the rest by unmet demand", carecast.SharingAllocatedTrade, "0.9", "10",
			[]string{"6", "3", "1"}, []string{"2", "2", "6"}, []string{"5.222222", "2.777778", "1"}},
		{"allocated keeps to the allocations", carecast.SharingAllocated, "0.9", "10",
			[]string{"6", "3", "1"}, []string{"2", "2", "6"}, []string{"1.8", "1.8", "1"}},
		// Pooled with demand above capacity: 9 x 6/10, 9 x 3/10, 9 x 1/10.
		{"pooled above capacity", carecast.SharingPooled, "0.9", "10",
			[]string{"6", "3", "1"}, nil, []string{"5.4", "2.7", "0.9"}},
		// U = min(7, 30) = 7: 7 x 1/3 = 2.3333333..., 7 x 2/3 = 4.6666666...: floors 2333333 +
		// 4666666 = 6999999, the one left to the larger remainder.
		{"pooled thirds", carecast.SharingPooled, "0.7", "10",
			[]string{"10", "20"}, nil, []string{"2.333333", "4.666667"}},
	} {
		t.Run(c.name, func(t *testing.T) {
			a := decs(c.a...)
			if a == nil {
				a = make([]decimal.Decimal, len(c.d))
			}
			got := Share(c.rule, decimal.RequireFromString(c.fill), decimal.RequireFromString(c.room), decs(c.d...), a)
			for i, w := range decs(c.want...) {
				if !got[i].Equal(w) {
					t.Errorf("council %d: %s, want %s (all %v)", i, got[i], w, got)
				}
			}
		})
	}
}

// shareRule is one statement of the sharing rules in two arithmetics: in
// float64 (the float path) it agrees with the exact rationals (Run) to
// within a few parts in 10^15, on random days under every rule, and no
// council is ever given more than its demand, nor the councils more than
// the usable rooms.
func TestShareRuleExactAndFloat(t *testing.T) {
	r := rand.New(rand.NewPCG(11, 12))
	for i := range 20_000 {
		nc := 1 + r.IntN(9)
		rule := SharingRules[i%3]
		rooms := decimal.NewFromInt(int64(r.IntN(40)))
		fill := decimal.New(int64(1+r.IntN(10000)), -4)
		d, a := make([]decimal.Decimal, nc), make([]decimal.Decimal, nc)
		df, af := make([]float64, nc), make([]float64, nc)
		for c := range nc {
			d[c] = decimal.New(int64(r.IntN(15_000_000)), -6)
			a[c] = decimal.NewFromInt(int64(r.IntN(8)))
			df[c], af[c] = d[c].InexactFloat64(), a[c].InexactFloat64()
		}
		exact := shareExact(rule, fill, rooms, d, a)
		got := make([]float64, nc)
		shareFloat(rule, fill.InexactFloat64(), rooms.InexactFloat64(), df, af, got)
		usable := decimal.Min(fill.Mul(rooms), decimal.Sum(decimal.Zero, d...)).Rat()
		total := new(big.Rat)
		for c := range nc {
			want, _ := exact[c].Float64()
			if math.Abs(got[c]-want) > 1e-13*max(1, want) {
				t.Fatalf("%s, fill %s, rooms %s, demand %v, allocations %v: council %d gets %v in float64, %v exactly", rule, fill, rooms, d, a, c, got[c], want)
			}
			if exact[c].Sign() < 0 || exact[c].Cmp(d[c].Rat()) > 0 {
				t.Fatalf("%s: council %d gets %s of its demand %s", rule, c, exact[c].RatString(), d[c])
			}
			total.Add(total, exact[c])
		}
		if total.Cmp(usable) > 0 {
			t.Fatalf("%s: the councils get %s, more than the usable %s", rule, total.RatString(), usable.RatString())
		}
	}
}

// demandMonth is a scenario of two councils over one year in which demand
// crosses capacity in the middle of April 2019: 10 rooms, at most 90%
// filled (9); demand A 4, B 2 from 1 April, then A 8, B 4 from 16 April;
// allocations A 3, B 7. A block room costs £700 a week (£100 a day), a
// spot placement £1,400 (£200 a day).
func demandMonth(rule string) *carecast.Scenario {
	d := carecast.Date{Year: 2019, Month: 4, Day: 1}
	mid := carecast.Date{Year: 2019, Month: 4, Day: 16}
	a := carecast.DefaultAssumptions()
	a.Years = 1
	a.BlockWeeklyPrice = decimal.NewFromInt(700)
	a.Sharing = rule
	p := decimal.RequireFromString
	return &carecast.Scenario{
		Assumptions: a,
		Councils:    []carecast.Council{{Code: "A"}, {Code: "B"}},
		Rooms:       []carecast.RoomsRow{{From: d, Rooms: 10}},
		Demand: []carecast.DemandRow{
			{Council: 0, From: d, Placements: p("4")}, {Council: 1, From: d, Placements: p("2")},
			{Council: 0, From: mid, Placements: p("8")}, {Council: 1, From: mid, Placements: p("4")},
		},
		Allocations: []carecast.AllocationRow{{Council: 0, From: d, Rooms: 3}, {Council: 1, From: d, Rooms: 7}},
		SpotCosts:   []carecast.SpotCost{{Council: 0, From: d, WeeklyCost: p("1400")}, {Council: 1, From: d, WeeklyCost: p("1400")}},
	}
}

// TestSharingRulesMonth works April 2019 of demandMonth by hand under each
// rule: occupied and overflow room-days, used block, spot avoided and the
// overflow's spot cost of each council.
func TestSharingRulesMonth(t *testing.T) {
	type want struct{ occ, over [2]string }
	for _, c := range []struct {
		rule string
		w    want
	}{
		// Days 1-15: demand 6 < 9, so O = D: A 4, B 2. Days 16-30: U = 9
		// shared 8:4, so A 6, B 3, overflow A 2, B 1. A: 4x15 + 6x15 = 150,
		// B: 2x15 + 3x15 = 75; overflow A 2x15 = 30, B 15.
		{carecast.SharingPooled, want{[2]string{"150", "75"}, [2]string{"30", "15"}}},
		// O = min(D, 0.9 x A): A min(4 or 8, 2.7) = 2.7 all month (81),
		// B 2 then 4 (30 + 60 = 90); overflow A 1.3x15 + 5.3x15 = 99, B 0.
		{carecast.SharingAllocated, want{[2]string{"81", "90"}, [2]string{"99", "0"}}},
		// Days 1-15: 4.7 allocated, U = 6, the 1.3 left goes to A's unmet
		// 1.3: A 4. Days 16-30: 6.7 allocated, U = 9, the 2.3 left goes
		// to A (unmet 5.3; B has none): A 5. A: 60 + 75 = 135; B 90;
		// overflow A 3x15 = 45, B 0.
		{carecast.SharingAllocatedTrade, want{[2]string{"135", "90"}, [2]string{"45", "0"}}},
	} {
		t.Run(c.rule, func(t *testing.T) {
			res, err := Run(demandMonth(c.rule))
			if err != nil {
				t.Fatal(err)
			}
			m := res.Months[0]
			if m.BlockCost.String() != "30000.00" {
				t.Errorf("block cost %s, want 10 rooms x 30 days x £100", m.BlockCost)
			}
			for k := range 2 {
				cm := m.Councils[k]
				occ, over := decimal.RequireFromString(c.w.occ[k]), decimal.RequireFromString(c.w.over[k])
				if !cm.OccupiedRoomDays.Equal(occ) || !cm.OverflowRoomDays.Equal(over) {
					t.Errorf("council %d: occupied %s, overflow %s room-days; want %s, %s", k, cm.OccupiedRoomDays, cm.OverflowRoomDays, occ, over)
				}
				if want := carecast.MoneyOf(occ.Mul(decimal.NewFromInt(100))); !cm.UsedBlock.Equal(want) {
					t.Errorf("council %d: used block %s, want %s", k, cm.UsedBlock, want)
				}
				if want := carecast.MoneyOf(occ.Mul(decimal.NewFromInt(200))); !cm.SpotAvoided.Equal(want) {
					t.Errorf("council %d: spot avoided %s, want %s", k, cm.SpotAvoided, want)
				}
				if want := carecast.MoneyOf(over.Mul(decimal.NewFromInt(200))); !cm.OverflowCost.Equal(want) {
					t.Errorf("council %d: overflow cost %s, want %s", k, cm.OverflowCost, want)
				}
			}
			// Occupancy plus overflow is demand: A 4x15 + 8x15 = 180, B 90.
			for k, d := range []int64{180, 90} {
				cm := m.Councils[k]
				if got := cm.OccupiedRoomDays.Add(cm.OverflowRoomDays); !got.Equal(decimal.NewFromInt(d)) {
					t.Errorf("council %d: occupied + overflow = %s, want demand %d", k, got, d)
				}
			}
		})
	}
	// Trading unused rooms never saves less than keeping to allocations.
	alloc, _ := Run(demandMonth(carecast.SharingAllocated))
	trade, _ := Run(demandMonth(carecast.SharingAllocatedTrade))
	if trade.Total.Savings.Cmp(alloc.Total.Savings) < 0 {
		t.Errorf("allocated_trade saves %s, less than allocated %s", trade.Total.Savings, alloc.Total.Savings)
	}
}
