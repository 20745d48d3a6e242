package forecast

import (
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
		r, err := Run(ScaleRooms(s, p.Rooms, 35))
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
