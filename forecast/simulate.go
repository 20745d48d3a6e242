package forecast

import (
	"cmp"
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
	"runtime"
	"slices"
	"sync"
	"sync/atomic"
	"time"

	"github.com/carecast/carecast"
	"github.com/shopspring/decimal"
)

// SimulateOptions control a Monte Carlo appraisal.
type SimulateOptions struct {
	Runs int    // number of draws, at least 1
	Seed uint64 // the same seed gives the same figures on any number of cores
	// Workers share the runs out; 0 means runtime.GOMAXPROCS(0). The
	// figures do not depend on it.
	Workers int
	// Progress, when not nil, is called from one goroutine about ten times
	// a second with the number of runs done, and once more at the end.
	Progress func(done int)
}

// maxSimulationBytes bounds the memory the simulations of one command may
// ask for together (size runs one a core): each keeps every run's figures
// (8 bytes x runs x (months + 2 x councils + 2)) for exact percentiles.
// With the rest of a run it keeps a command within 1.5 GB.
const maxSimulationBytes = 1 << 30

// simulationBytes is the memory a simulation of runs runs keeps for them.
func simulationBytes(runs, months, councils int) float64 {
	return 8 * float64(runs) * float64(months+2*councils+2)
}

// tooManyRuns words runs that need more than maxSimulationBytes.
func tooManyRuns(runs, months, councils int, need float64) error {
	return fmt.Errorf("%w: %d runs of %d months and %d councils keep %.2f GiB of figures, more than the %d GiB carecast allows", ErrTooManyRuns, runs, months, councils, need/(1<<30), maxSimulationBytes>>30)
}

// ErrTooManyRuns says a simulation would need more memory than
// maxSimulationBytes.
var ErrTooManyRuns = errors.New("simulate: too many runs for memory")

// chunk is the number of runs a worker takes at a time.
const chunk = 256

// Simulate draws every risk factor from its distribution (ResolveRisks)
// opts.Runs times and reruns the model for each draw on the float64 path
// (fast.go), which agrees with Run within £1.
//
// Run i draws from its own generator, PCG seeded from (opts.Seed, i), one
// uniform number a factor in Factor order, turned into the factor's value
// by the inverse of its distribution function (ramp_delay then rounded to
// whole months). Workers take runs in chunks and store each run's figures
// at its index; every sum is then taken in run order, so the figures are
// the same whatever the number of workers.
//
// risks are the scenario's, from ResolveRisks; base is Run(s), which the
// caller already holds: the simulation reports it beside the spread.
func Simulate(s *carecast.Scenario, base *carecast.Result, risks []carecast.Risk, opts SimulateOptions) (*carecast.Simulation, error) {
	if opts.Runs < 1 {
		return nil, errors.New("simulate: runs must be at least 1")
	}
	nc, months, n := len(s.Councils), s.Assumptions.Months(), opts.Runs
	if need := simulationBytes(n, months, nc); need > maxSimulationBytes {
		return nil, tooManyRuns(n, months, nc, need)
	}
	sr := &simRuns{s: s, n: n, nc: nc, months: months, seed: opts.Seed,
		models: &modelCache{s: s, byDelay: map[int]*fastModel{}}}
	var err error
	if sr.m0, err = sr.models.get(0); err != nil {
		return nil, err
	}
	sr.dists = make([]dist, carecast.NumFactors)
	for f, r := range risks {
		sr.dists[f] = distOf(r)
	}
	// Every run's figures, by run index: pence.
	sr.savings, sr.npv = make([]float64, n), make([]float64, n)
	sr.csav, sr.cnpv = make([][]float64, nc), make([][]float64, nc)
	for c := range nc {
		sr.csav[c], sr.cnpv[c] = make([]float64, n), make([]float64, n)
	}
	sr.fan = make([][]float64, months) // cumulative consortium savings [m][run]
	for m := range sr.fan {
		sr.fan[m] = make([]float64, n)
	}

	workers := opts.Workers
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	workers = max(1, min(workers, (n+chunk-1)/chunk))
	var wg sync.WaitGroup
	stop := startProgress(opts.Progress, &sr.done, n)
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			sr.work()
		}()
	}
	wg.Wait()
	stop()
	if sr.firstErr != nil {
		return nil, sr.firstErr
	}
	return sr.summary(risks, base, workers), nil
}

// simRuns is a simulation in progress: the runs' draws and each run's
// figures, which the workers fill in by run index.
type simRuns struct {
	s               *carecast.Scenario
	n, nc, months   int
	seed            uint64
	models          *modelCache
	m0              *fastModel
	dists           []dist
	savings, npv    []float64
	csav, cnpv, fan [][]float64
	next, done      atomic.Int64
	firstErr        error
	errOnce         sync.Once
}

// work is one worker: it takes chunks of runs until none are left. A
// chunk's draws are made first, then its runs worked out in order of
// ramp delay: runs of one model together keep its tables in the cache.
// Each run's figures go to its own index, so the order changes nothing.
func (sr *simRuns) work() {
	var src rand.PCG
	rng := rand.New(&src)
	out := sr.m0.newOutcome()
	xs := make([]fsetting, chunk)
	order := make([]int, chunk)
	var dc []float64 // demand_council draws, by run and council
	if len(sr.s.Demand) > 0 {
		dc = make([]float64, chunk*sr.nc)
	}
	local := map[int]*fastModel{} // this worker's models: no lock per run
	for {
		lo := int(sr.next.Add(chunk)) - chunk
		if lo >= sr.n {
			return
		}
		hi := min(lo+chunk, sr.n)
		for i := lo; i < hi; i++ {
			sr.draw(i, &src, rng, &xs[i-lo], dc)
			order[i-lo] = i - lo
		}
		runs := order[:hi-lo]
		slices.SortStableFunc(runs, func(p, q int) int {
			return cmp.Compare(xs[p][carecast.FactorRampDelay], xs[q][carecast.FactorRampDelay])
		})
		for _, j := range runs {
			model, err := sr.model(local, int(xs[j][carecast.FactorRampDelay]))
			if err != nil {
				sr.errOnce.Do(func() { sr.firstErr = err })
				return
			}
			if dc != nil {
				out.DemandC = dc[j*sr.nc : (j+1)*sr.nc]
			}
			model.eval(&xs[j], out)
			sr.store(lo+j, out)
		}
		sr.done.Add(int64(hi - lo))
	}
}

// draw draws run i's value of every factor into x (ramp_delay rounded to
// whole months) and, with Demand rows, each council's demand_council
// into its row of dc (a chunk's, by run and council).
func (sr *simRuns) draw(i int, src *rand.PCG, rng *rand.Rand, x *fsetting, dc []float64) {
	src.Seed(runSeed(sr.seed, i))
	for f := range x {
		x[f] = sr.dists[f].quantile(uniform(rng))
	}
	if dc != nil {
		// demand_council: one draw for each council, after the factors,
		// so the other draws keep their numbers.
		j := i % chunk
		for c := range sr.nc {
			dc[j*sr.nc+c] = sr.dists[carecast.FactorDemandCouncil].quantile(uniform(rng))
		}
	}
	x[carecast.FactorRampDelay] = float64(int(max(0, min(math.Round(x[carecast.FactorRampDelay]), float64(sr.months)))))
}

// model is the float model for ramp delay k, from the worker's own
// models or the cache.
func (sr *simRuns) model(local map[int]*fastModel, k int) (*fastModel, error) {
	if m := local[k]; m != nil {
		return m, nil
	}
	m, err := sr.models.get(k)
	if err == nil {
		local[k] = m
	}
	return m, err
}

// store keeps run i's figures.
func (sr *simRuns) store(i int, out *fastOutcome) {
	sr.savings[i], sr.npv[i] = out.savings, out.npv
	for c := range sr.nc {
		sr.csav[c][i], sr.cnpv[c][i] = out.council[c], out.councilNPV[c]
	}
	cum := 0.0
	for m, v := range out.monthSavings {
		cum += v
		sr.fan[m][i] = cum
	}
}

// summary is the simulation's figures from every run's.
func (sr *simRuns) summary(risks []carecast.Risk, base *carecast.Result, workers int) *carecast.Simulation {
	s := sr.s
	sim := &carecast.Simulation{
		Scenario: s.Assumptions.Scenario, Years: s.Assumptions.Years,
		Runs: sr.n, Seed: sr.seed, Risks: risks[:len(FactorsFor(s))],
		Forecast: outcomeOf(base),
		Losses:   losses(sr.savings),
	}
	// Percentiles reorder the figures: losses, the histogram and means
	// are taken first, in run order.
	sim.Histogram = histogram(sr.savings)
	sim.Savings = summarise(sr.savings)
	sim.NPV = summarise(sr.npv)
	for c := range sr.nc {
		cs := carecast.CouncilSimulation{Council: s.Councils[c], Index: c, Losses: losses(sr.csav[c])}
		cs.Savings, cs.NPV = summarise(sr.csav[c]), summarise(sr.cnpv[c])
		sim.Councils = append(sim.Councils, cs)
	}
	sim.Fan = fanOf(sr.fan, base, workers)
	return sim
}

// modelCache builds the float model for each ramp delay once, when a draw
// first needs it.
type modelCache struct {
	s       *carecast.Scenario
	mu      sync.Mutex
	byDelay map[int]*fastModel
}

func (mc *modelCache) get(k int) (*fastModel, error) {
	mc.mu.Lock()
	defer mc.mu.Unlock()
	return mc.getLocked(k)
}

func (mc *modelCache) getLocked(k int) (*fastModel, error) {
	if m, ok := mc.byDelay[k]; ok {
		return m, nil
	}
	var m *fastModel
	var err error
	if k == 0 {
		m, err = newFastModel(mc.s, 0)
	} else if m, err = mc.getLocked(0); err == nil {
		m, err = m.withDelay(k) // shares the model of no delay's tables
	}
	if err != nil {
		return nil, err
	}
	mc.byDelay[k] = m
	return m, nil
}

// runSeed is the PCG seed of run i: the seed and the run index mixed by
// SplitMix64's finaliser, so that neighbouring runs' generators start far
// apart.
func runSeed(seed uint64, i int) (uint64, uint64) {
	return mix64(seed ^ 0x9e3779b97f4a7c15), mix64(mix64(seed) + uint64(i))
}

func mix64(z uint64) uint64 {
	z += 0x9e3779b97f4a7c15
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9
	z = (z ^ (z >> 27)) * 0x94d049bb133111eb
	return z ^ (z >> 31)
}

// uniform is a number in the open interval (0, 1), from 53 random bits.
func uniform(r *rand.Rand) float64 {
	return (float64(r.Uint64()>>11) + 0.5) / (1 << 53)
}

// startProgress calls progress about ten times a second from one goroutine
// until the returned stop is called, which makes a last call.
func startProgress(progress func(int), done *atomic.Int64, total int) (stop func()) {
	if progress == nil {
		return func() {}
	}
	quit := make(chan struct{})
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		tick := time.NewTicker(100 * time.Millisecond)
		defer tick.Stop()
		for {
			select {
			case <-quit:
				return
			case <-tick.C:
				progress(int(done.Load()))
			}
		}
	}()
	return func() {
		close(quit)
		wg.Wait()
		progress(int(done.Load()))
	}
}

func losses(xs []float64) int {
	k := 0
	for _, x := range xs {
		if x < -0.5 { // below zero once rounded to pence
			k++
		}
	}
	return k
}

// summarise returns the percentiles and mean of xs (pence), reordering xs.
func summarise(xs []float64) carecast.Percentiles {
	sum := 0.0
	for _, x := range xs {
		sum += x
	}
	mean := sum / float64(len(xs))
	p := percentilesInc(xs, 0.1, 0.5, 0.9)
	return carecast.Percentiles{P10: pounds(p[0]), P50: pounds(p[1]), P90: pounds(p[2]), Mean: pounds(mean)}
}

// percentilesInc returns Excel's PERCENTILE.INC of xs at each p: linear
// interpolation between the values of rank floor(h) and floor(h)+1 (from
// 0), h = p x (n-1). It may reorder xs. It selects those ranks rather
// than sorting: linear time.
func percentilesInc(xs []float64, ps ...float64) []float64 {
	n := len(xs)
	var ranks []int
	for _, p := range ps {
		lo := int(math.Floor(p * float64(n-1)))
		ranks = append(ranks, lo, min(lo+1, n-1))
	}
	slices.Sort(ranks)
	ranks = slices.Compact(ranks)
	at := make(map[int]float64, len(ranks))
	for i, v := range valuesAtRanks(xs, ranks) {
		at[ranks[i]] = v
	}
	out := make([]float64, len(ps))
	for i, p := range ps {
		h := p * float64(n-1)
		lo := int(math.Floor(h))
		out[i] = at[lo]
		if lo+1 < n && h > float64(lo) {
			out[i] += (h - float64(lo)) * (at[lo+1] - at[lo])
		}
	}
	return out
}

// rankBuckets is the number of buckets valuesAtRanks sorts values into.
const rankBuckets = 2048

// valuesAtRanks returns the values of xs at the given ranks (from 0,
// increasing, distinct), and may reorder xs. A large xs is counted into
// rankBuckets buckets of equal width between its least and greatest
// values: the bucket, int((x - least) x scale), never decreases as x
// grows (each float64 operation is monotone), so the values of a rank
// are those of the bucket where the counts reach it. Only the few values
// in such buckets are then selected among (multiSelect), at their ranks
// less the values in the buckets left out below them.
func valuesAtRanks(xs []float64, ranks []int) []float64 {
	out := make([]float64, len(ranks))
	if len(xs) < 4*rankBuckets {
		multiSelect(xs, ranks, 0)
		for i, r := range ranks {
			out[i] = xs[r]
		}
		return out
	}
	lo, hi := slices.Min(xs), slices.Max(xs)
	scale := rankBuckets / (hi - lo)
	if !(scale > 0 && scale < math.MaxFloat64) {
		// All equal, too close to spread, or not numbers.
		multiSelect(xs, ranks, 0)
		for i, r := range ranks {
			out[i] = xs[r]
		}
		return out
	}
	bucket := func(x float64) int { return min(int((x-lo)*scale), rankBuckets-1) }
	counts := make([]int32, rankBuckets)
	for _, x := range xs {
		counts[bucket(x)]++
	}
	// Each rank's bucket, and how many values there are in the buckets
	// left out below it.
	want := make([]bool, rankBuckets)
	inner := make([]int, len(ranks))
	below, skipped, i := 0, 0, 0
	for b, k := range counts {
		for ; i < len(ranks) && ranks[i] < below+int(k); i++ {
			want[b] = true
			inner[i] = ranks[i] - skipped
		}
		if !want[b] {
			skipped += int(k)
		}
		below += int(k)
	}
	var few []float64
	for _, x := range xs {
		if want[bucket(x)] {
			few = append(few, x)
		}
	}
	multiSelect(few, inner, 0)
	for i, r := range inner {
		out[i] = few[r]
	}
	return out
}

// multiSelect reorders xs (whose first element has rank offset) so that
// each of the ranks, increasing, holds its value: the middle rank first,
// then those below it on its left and those above on its right.
func multiSelect(xs []float64, ranks []int, offset int) {
	if len(ranks) == 0 || len(xs) <= 1 {
		return
	}
	mid := len(ranks) / 2
	k := ranks[mid] - offset
	selectRank(xs, k)
	multiSelect(xs[:k], ranks[:mid], offset)
	multiSelect(xs[k+1:], ranks[mid+1:], offset+k+1)
}

// selectRank reorders xs so that xs[k] is the value of rank k (from 0),
// none before it greater and none after it less (Hoare's selection with a
// median-of-three pivot).
func selectRank[T cmp.Ordered](xs []T, k int) {
	lo, hi := 0, len(xs)-1
	for hi > lo {
		mid := lo + (hi-lo)/2
		if xs[mid] < xs[lo] {
			xs[mid], xs[lo] = xs[lo], xs[mid]
		}
		if xs[hi] < xs[lo] {
			xs[hi], xs[lo] = xs[lo], xs[hi]
		}
		if xs[hi] < xs[mid] {
			xs[hi], xs[mid] = xs[mid], xs[hi]
		}
		pivot := xs[mid]
		i, j := lo, hi
		for i <= j {
			for xs[i] < pivot {
				i++
			}
			for xs[j] > pivot {
				j--
			}
			if i <= j {
				xs[i], xs[j] = xs[j], xs[i]
				i++
				j--
			}
		}
		// Now xs[lo..j] <= pivot <= xs[i..hi], and any between equal pivot.
		switch {
		case k <= j:
			hi = j
		case k >= i:
			lo = i
		default:
			return
		}
	}
}

// fanOf takes P10 to P90 of each month's cumulative savings,
// months shared out among workers.
func fanOf(fan [][]float64, base *carecast.Result, workers int) []carecast.FanPoint {
	out := make([]carecast.FanPoint, len(fan))
	var cum carecast.Money
	for m := range out {
		cum = cum.Add(base.Months[m].Savings)
		out[m] = carecast.FanPoint{Month: m, End: base.Months[m].End, Forecast: cum}
	}
	var next atomic.Int64
	var wg sync.WaitGroup
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				m := int(next.Add(1)) - 1
				if m >= len(fan) {
					return
				}
				v := percentilesInc(fan[m], 0.1, 0.25, 0.5, 0.75, 0.9)
				p := &out[m]
				p.P10, p.P25, p.P50, p.P75, p.P90 = pounds(v[0]), pounds(v[1]), pounds(v[2]), pounds(v[3]), pounds(v[4])
			}
		}()
	}
	wg.Wait()
	return out
}

// histogram counts xs (pence) in about 25 bins of a round width:
// 1, 2 or 5 x a power of ten pounds, at least £1.
func histogram(xs []float64) carecast.Histogram {
	lo, hi := slices.Min(xs), slices.Max(xs)
	width := niceWidth((hi - lo) / 25)
	start := math.Floor(lo/width) * width
	bins := int(math.Floor((hi-start)/width)) + 1
	h := carecast.Histogram{Counts: make([]int, bins)}
	for _, x := range xs {
		i := min(int(math.Floor((x-start)/width)), bins-1)
		h.Counts[max(i, 0)]++
	}
	for i := range bins + 1 {
		h.Edges = append(h.Edges, carecast.MoneyOf(decimal.NewFromFloat(start+float64(i)*width).Shift(-2)))
	}
	return h
}

// niceWidth is the least of 1, 2 or 5 x 10^k pounds (in pence) at least
// raw pence, and at least £1.
func niceWidth(raw float64) float64 {
	w := 100.0
	for i := 0; w < raw; i++ {
		if i%3 == 1 {
			w *= 2.5
		} else {
			w *= 2
		}
	}
	return w
}
