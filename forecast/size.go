package forecast

import (
	"errors"
	"fmt"
	"runtime"
	"strconv"
	"sync"
	"sync/atomic"

	"github.com/carecast/carecast"
	"github.com/shopspring/decimal"
)

// Sizing the block (docs/methodology.md §11): the scenario forecast at
// each room count of a sweep, every Rooms row scaled by N / (the largest
// Rooms row), rounded half up, so that a ramp keeps its shape; with risk,
// the Monte Carlo appraisal at each N with the same random numbers (the
// same seed, so run i draws the same values at every N: common random
// numbers), so that differences between sizes are not noise.

// SizeOptions control a sweep.
type SizeOptions struct {
	Min, Max int // room counts, inclusive; Max < 0 means twice the largest Rooms row
	Risk     bool
	Runs     int
	Seed     uint64
	// Workers share the sizes out; 0 means runtime.GOMAXPROCS(0). The
	// figures do not depend on it.
	Workers int
	// Progress, when not nil, is called with the number of sizes done, one
	// call at a time.
	Progress func(done int)
}

// ScaleRooms returns s with every Rooms row scaled by n / largest, rounded
// half up to whole rooms, and every Allocations row scaled by the same
// factor rounded down, so that the allocations never exceed the rooms (a
// sum of parts rounded down is at most the sum rounded down). Its actual
// months (docs/methodology.md §15) are settled first and do not change.
func ScaleRooms(s *carecast.Scenario, n, largest int) *carecast.Scenario {
	s = settledOrSelf(s) // the actual months stay as they are
	t := *s
	scale := func(r int) int { return int((int64(2*r*n) + int64(largest)) / int64(2*largest)) }
	t.Rooms = make([]carecast.RoomsRow, len(s.Rooms))
	for i, r := range s.Rooms {
		r.Rooms = scale(r.Rooms)
		t.Rooms[i] = r
	}
	if len(s.Allocations) > 0 {
		t.Allocations = make([]carecast.AllocationRow, len(s.Allocations))
		for i, r := range s.Allocations {
			r.Rooms = int(int64(r.Rooms) * int64(n) / int64(largest))
			t.Allocations[i] = r
		}
	}
	return &t
}

// LargestRooms is the largest Rooms row.
func LargestRooms(s *carecast.Scenario) int {
	n := 0
	for _, r := range s.Rooms {
		n = max(n, r.Rooms)
	}
	return n
}

// MaxSizes bounds the room counts of one sweep, each a forecast (and with
// risk a simulation): 501 sizes take a few seconds, about 20 with risk
// at 1,000 runs; a sweep of 200,001 (the default range of a 100,000-room
// block) took 8 minutes, and 70 with risk.
const MaxSizes = 501

// ErrTooManySizes says a sweep is wider than MaxSizes.
var ErrTooManySizes = errors.New("size: too many sizes")

// Size sweeps the room counts opts.Min to opts.Max.
func Size(s *carecast.Scenario, opts SizeOptions) (*carecast.Sizing, error) {
	largest := LargestRooms(s)
	if largest == 0 {
		return nil, errors.New("size: every Rooms row is zero; there is no block to scale")
	}
	lo, hi := opts.Min, opts.Max
	if hi < 0 {
		hi = 2 * largest
	}
	if lo < 0 || hi < lo {
		return nil, fmt.Errorf("size: the room counts %d to %d are not a range", lo, hi)
	}
	if hi-lo+1 > MaxSizes {
		return nil, fmt.Errorf("%w: %d to %d rooms is %d sizes, more than the %d a sweep tries", ErrTooManySizes, lo, hi, hi-lo+1, MaxSizes)
	}
	var risks []carecast.Risk
	if opts.Risk {
		if opts.Runs < 1 {
			return nil, errors.New("size: runs must be at least 1")
		}
		var err error
		if risks, err = ResolveRisks(s); err != nil {
			return nil, err
		}
	}
	out := &carecast.Sizing{Scenario: s.Assumptions.Scenario, Largest: largest, Risk: opts.Risk, Runs: opts.Runs, Seed: opts.Seed,
		Sizes: make([]carecast.SizePoint, hi-lo+1)}
	workers, err := sizeWorkers(s, opts, len(out.Sizes))
	if err != nil {
		return nil, err
	}
	var next, done atomic.Int64
	var mu sync.Mutex
	errs := make([]error, len(out.Sizes))
	var wg sync.WaitGroup
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				i := int(next.Add(1)) - 1
				if i >= len(out.Sizes) {
					return
				}
				out.Sizes[i], errs[i] = sizePoint(s, lo+i, largest, risks, opts)
				d := done.Add(1)
				if opts.Progress != nil {
					mu.Lock()
					opts.Progress(int(d))
					mu.Unlock()
				}
			}
		}()
	}
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			return nil, err
		}
	}
	recommend(out)
	return out, nil
}

// sizeWorkers is how many sizes a sweep of n sizes works on at once: one
// a core (opts.Workers, 0 for all), and with risk no more than the bound
// on memory allows together, each simulating one size and holding its
// runs' figures (one a core needed 3.8 GB on 2 cores, 30 GB on 16, each
// under the bound alone).
func sizeWorkers(s *carecast.Scenario, opts SizeOptions, n int) (int, error) {
	workers := opts.Workers
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	workers = max(1, min(workers, n))
	if !opts.Risk {
		return workers, nil
	}
	months, nc := s.Assumptions.Months(), len(s.Councils)
	per := simulationBytes(opts.Runs, months, nc)
	if per > maxSimulationBytes {
		return 0, tooManyRuns(opts.Runs, months, nc, per)
	}
	return max(1, min(workers, int(maxSimulationBytes/per))), nil
}

// sizePoint forecasts, and with risks simulates, the scenario at n rooms.
// With no rooms there is no scheme: no grant comes for it and no running
// cost is paid, so the point is business as usual, saving nothing (it
// would otherwise "save" the grants).
func sizePoint(s *carecast.Scenario, n, largest int, risks []carecast.Risk, opts SizeOptions) (carecast.SizePoint, error) {
	t := ScaleRooms(s, n, largest)
	if n == 0 {
		t.Grants, t.Costs = nil, nil
	}
	r, err := runOnly(t)
	if err != nil {
		return carecast.SizePoint{}, fmt.Errorf("size: %d rooms: %w", n, err)
	}
	p := carecast.SizePoint{Rooms: n, Savings: r.Total.Savings, NPV: r.NPV, NPVAfterOptimismBias: r.NPVAfterOptimismBias,
		OccupancyRate: r.Total.OccupancyRate(), VoidCost: r.Total.VoidCost, OverflowRoomDays: r.Total.OverflowRoomDays,
		CapacityRoomDays: r.Total.CapacityRoomDays, OccupiedRoomDays: r.Total.OccupiedRoomDays,
		BlockCost: r.Total.BlockCost, SpotAvoided: r.Total.SpotAvoided, MeanNPV: r.NPV}
	if risks == nil {
		return p, nil
	}
	// The same seed at every n: run i draws the same values (common
	// random numbers). One worker a size: the sizes are the parallel part.
	sim, err := Simulate(t, r, risks, SimulateOptions{Runs: opts.Runs, Seed: opts.Seed, Workers: 1})
	if err != nil {
		return carecast.SizePoint{}, fmt.Errorf("size: %d rooms: %w", n, err)
	}
	p.P10, p.P50, p.P90 = sim.Savings.P10, sim.Savings.P50, sim.Savings.P90
	p.MeanNPV, p.LossProbability = sim.NPV.Mean, sim.ProbabilityOfLoss()
	p.NPVP10, p.NPVP90 = sim.NPV.P10, sim.NPV.P90
	return p, nil
}

// recommend picks the size with the highest NPV (expected NPV with risk),
// ties to the fewer rooms, and says why in the terms of the newsvendor
// critical ratio: a room pays its way while the chance it is used exceeds
// block price over spot price.
func recommend(z *carecast.Sizing) {
	best := 0
	value := func(p carecast.SizePoint) carecast.Money {
		if z.Risk {
			return p.MeanNPV
		}
		return p.NPV
	}
	for i, p := range z.Sizes {
		if value(p).Cmp(value(z.Sizes[best])) > 0 {
			best = i
		}
	}
	b := z.Sizes[best]
	z.Recommended = b.Rooms
	what := "NPV"
	if z.Risk {
		what = fmt.Sprintf("expected NPV over %s runs", carecast.GroupThousands(strconv.Itoa(z.Runs)))
	}
	reason := fmt.Sprintf("%d rooms has the highest %s of the sizes from %d to %d rooms, %s.",
		b.Rooms, what, z.Sizes[0].Rooms, z.Sizes[len(z.Sizes)-1].Rooms, value(b).Format())
	ratio, ok := b.CriticalRatio()
	if !ok {
		z.Reason = reason
		return
	}
	reason += fmt.Sprintf(" A room pays its way while the chance it is occupied exceeds block price over spot price, %s (the newsvendor critical ratio).", pct(ratio))
	if best > 0 {
		if u, ok := carecast.MarginalUse(z.Sizes[best-1], b); ok {
			reason += fmt.Sprintf(" In the central forecast the rooms added to reach %d are occupied %s of the time", b.Rooms, pct(u))
			if best+1 < len(z.Sizes) {
				if v, ok := carecast.MarginalUse(b, z.Sizes[best+1]); ok {
					reason += fmt.Sprintf("; those added beyond it would be occupied %s", pct(v))
					if z.Risk && v.GreaterThan(ratio) {
						// The central forecast would add the next room: say
						// why the risks do not, in the NPVs themselves.
						nx := z.Sizes[best+1]
						reason += fmt.Sprintf(", above the break-even chance, so the central forecast alone would add a room (NPV %s at %d rooms against %s at %d)",
							nx.NPV.Format(), nx.Rooms, b.NPV.Format(), b.Rooms)
						reason += fmt.Sprintf(". With the risks drawn the expected NPV at %d rooms is %s, %s less than at %d: in the runs where demand falls short of the forecast the last room is the first to stand empty, and it costs more then than it saves when demand is high",
							nx.Rooms, nx.MeanNPV.Format(), b.MeanNPV.Sub(nx.MeanNPV).Format(), b.Rooms)
					}
				}
			}
			reason += "."
		}
	} else if best+1 < len(z.Sizes) {
		if v, ok := carecast.MarginalUse(b, z.Sizes[best+1]); ok {
			reason += fmt.Sprintf(" In the central forecast rooms added beyond %d would be occupied %s of the time.", b.Rooms, pct(v))
		}
	}
	z.Reason = reason
}

func pct(d decimal.Decimal) string { return d.Shift(2).StringFixed(1) + "%" }
