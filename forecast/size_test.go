package forecast

import (
	"errors"
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

// Issue 18, item 12: size --risk checked its memory bound per simulation
// while one ran a core (3.8 GB on 2 cores, 30 GB on 16). The sizes run at
// once are now as many as the bound holds together. The built-in scheme:
// 96 months and 8 councils, so a run keeps 8 x (96 + 2 x 8 + 2) = 912
// bytes, and the bound of 1 GiB is 1,073,741,824 bytes.
func TestSizeWorkersWithinMemory(t *testing.T) {
	s := inputs.BuiltInScenario()
	if m, nc := s.Assumptions.Months(), len(s.Councils); m != 96 || nc != 8 {
		t.Fatalf("the built-in scheme has %d months and %d councils", m, nc)
	}
	for _, c := range []struct {
		risk          bool
		runs, workers int
		sizes, want   int
		tooMany       bool
	}{
		{false, 1_000_000, 16, 100, 16, false}, // no simulation: one a core
		{true, 1000, 16, 100, 16, false},       // 912 kB each
		{true, 1000, 16, 5, 5, false},          // no more than the sizes
		{true, 300_000, 16, 100, 3, false},     // 273.6 MB each: 1,073,741,824 / 273,600,000 = 3.9
		{true, 1_000_000, 16, 100, 1, false},   // 912 MB: one at a time
		{true, 1_000_000, 2, 100, 1, false},
		{true, 1_200_000, 2, 100, 0, true}, // 1,094.4 MB: none
	} {
		got, err := sizeWorkers(s, SizeOptions{Risk: c.risk, Runs: c.runs, Workers: c.workers}, c.sizes)
		if c.tooMany {
			if !errors.Is(err, ErrTooManyRuns) {
				t.Errorf("%+v: err %v, want ErrTooManyRuns", c, err)
			}
			continue
		}
		if err != nil || got != c.want {
			t.Errorf("%+v: %d workers, %v; want %d", c, got, err, c.want)
		}
		if c.risk && float64(got)*simulationBytes(c.runs, 96, 8) > maxSimulationBytes {
			t.Errorf("%+v: %d workers exceed the bound", c, got)
		}
	}
}

// A sweep is at most MaxSizes sizes.
func TestSizeAtMostMaxSizes(t *testing.T) {
	_, err := Size(inputs.BuiltInScenario(), SizeOptions{Min: 0, Max: MaxSizes})
	if !errors.Is(err, ErrTooManySizes) || !strings.Contains(err.Error(), "0 to 501 rooms is 502 sizes, more than the 501 a sweep tries") {
		t.Errorf("err %v", err)
	}
}
