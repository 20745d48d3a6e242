package forecast

import (
	"strings"
	"testing"

	"github.com/carecast/carecast"
	"github.com/carecast/carecast/inputs"
)

// BenchmarkSizeRisk: 'carecast size' over 50 room counts with --risk, 1,000
// runs each, on the demand example (built-in scale: 8 councils, 35 rooms,
// 8 years). Target: under 10 s.
func BenchmarkSizeRisk(b *testing.B) {
	s, _, err := inputs.Load("../examples/demand")
	if err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		if _, err := Size(s, SizeOptions{Min: 10, Max: 59, Risk: true, Runs: 1000, Seed: 1}); err != nil {
			b.Fatal(err)
		}
	}
}

// Size's figures at each room count are Run's on the scenario scaled
// there, and the recommended size is the one with the highest NPV.
func TestSizeIsRunAtEachSize(t *testing.T) {
	s, _, err := inputs.Load("../examples/demand")
	if err != nil {
		t.Fatal(err)
	}
	z, err := Size(s, SizeOptions{Min: 0, Max: -1})
	if err != nil {
		t.Fatal(err)
	}
	if len(z.Sizes) != 71 || z.Sizes[0].Rooms != 0 || z.Sizes[70].Rooms != 70 {
		t.Fatalf("%d sizes from %d, want 0 to 70 (twice the largest Rooms row)", len(z.Sizes), z.Sizes[0].Rooms)
	}
	best := z.Sizes[0]
	for _, p := range z.Sizes {
		if p.NPV.Cmp(best.NPV) > 0 {
			best = p
		}
		if p.Rooms%10 != 0 {
			continue
		}
		sc := ScaleRooms(s, p.Rooms, 35)
		if p.Rooms == 0 { // no scheme: no grant, no running cost
			sc.Grants, sc.Costs = nil, nil
		}
		r, err := Run(sc)
		if err != nil {
			t.Fatal(err)
		}
		if !r.Total.Savings.Equal(p.Savings) || !r.NPV.Equal(p.NPV) || !r.Total.VoidCost.Equal(p.VoidCost) {
			t.Errorf("%d rooms: size %s %s %s, Run %s %s %s", p.Rooms, p.Savings, p.NPV, p.VoidCost, r.Total.Savings, r.NPV, r.Total.VoidCost)
		}
	}
	if z.Recommended != best.Rooms {
		t.Errorf("recommended %d, NPV highest at %d", z.Recommended, best.Rooms)
	}
	// 12, 24, 35 rooms scaled to 10: 12x10/35 = 3.43 -> 3, 24x10/35 = 6.86 -> 7, 10.
	sc := ScaleRooms(s, 10, 35)
	if got := []int{sc.Rooms[0].Rooms, sc.Rooms[1].Rooms, sc.Rooms[2].Rooms}; got[0] != 3 || got[1] != 7 || got[2] != 10 {
		t.Errorf("rooms scaled to 10: %v, want [3 7 10]", got)
	}
}

// The reason names the runs as every count is written, with thousands
// separated: "expected NPV over 1,000 runs". By hand: three sizes of
// expected NPV £1, £3 and £2 (no room-days, so no ratio); 11 rooms is best.
func TestRecommendReasonRuns(t *testing.T) {
	z := &carecast.Sizing{Risk: true, Runs: 1000, Sizes: []carecast.SizePoint{
		{Rooms: 10, MeanNPV: carecast.Pounds(1)}, {Rooms: 11, MeanNPV: carecast.Pounds(3)}, {Rooms: 12, MeanNPV: carecast.Pounds(2)}}}
	recommend(z)
	want := "11 rooms has the highest expected NPV over 1,000 runs of the sizes from 10 to 12 rooms, £3.00."
	if z.Recommended != 11 || z.Reason != want {
		t.Errorf("recommended %d, %q; want 11, %q", z.Recommended, z.Reason, want)
	}
}

// With no rooms there is no scheme: the sweep's first point saves nothing
// (on the built-in scenario it saved the £782,750.00 of grants).
func TestSizeNoRoomsSavesNothing(t *testing.T) {
	z, err := Size(inputs.BuiltInScenario(), SizeOptions{Min: 0, Max: 1, Risk: true, Runs: 20, Seed: 1})
	if err != nil {
		t.Fatal(err)
	}
	p := z.Sizes[0]
	for name, m := range map[string]carecast.Money{"savings": p.Savings, "NPV": p.NPV, "NPV after optimism bias": p.NPVAfterOptimismBias, "P10": p.P10, "P90": p.P90, "mean NPV": p.MeanNPV} {
		if !m.IsZero() {
			t.Errorf("0 rooms: %s %s, want 0.00", name, m)
		}
	}
	if z.Sizes[1].Savings.IsZero() {
		t.Errorf("1 room saves nothing")
	}
}

// With the risks drawn, the reason says why the size recommended is
// smaller than the central forecast's best, in the expected NPVs
// themselves: on the demand example the central NPV is highest at 41
// rooms, the expected NPV at 40.
func TestSizeRiskReasonReconciles(t *testing.T) {
	s, _, err := inputs.Load("../examples/demand")
	if err != nil {
		t.Fatal(err)
	}
	z, err := Size(s, SizeOptions{Min: 38, Max: 42, Risk: true, Runs: 1000, Seed: 1})
	if err != nil {
		t.Fatal(err)
	}
	at := func(n int) carecast.SizePoint { return z.Sizes[n-38] }
	if z.Recommended != 40 || at(41).NPV.Cmp(at(40).NPV) <= 0 || at(41).MeanNPV.Cmp(at(40).MeanNPV) >= 0 {
		t.Fatalf("recommended %d; NPV 40 %s 41 %s; mean 40 %s 41 %s", z.Recommended, at(40).NPV, at(41).NPV, at(40).MeanNPV, at(41).MeanNPV)
	}
	for _, want := range []string{
		"the central forecast alone would add a room (NPV " + at(41).NPV.Format() + " at 41 rooms against " + at(40).NPV.Format() + " at 40)",
		"the expected NPV at 41 rooms is " + at(41).MeanNPV.Format() + ", " + at(40).MeanNPV.Sub(at(41).MeanNPV).Format() + " less than at 40",
	} {
		if !strings.Contains(z.Reason, want) {
			t.Errorf("reason %q\nwant %q", z.Reason, want)
		}
	}
}
