package ssda903

import (
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
	"runtime"
	"slices"
	"strings"
	"sync"

	"github.com/carecast/carecast"
)

// Source is one council's folder of SSDA903 files.
type Source struct {
	Dir  string // the folder, as given
	Code string // the council's code in the outputs
	Name string // its name (the code when there is none)
}

// Options say what to count and how far to project.
type Options struct {
	// Places are the PLACE codes counted; empty means K2.
	Places []string
	// PlaceCodes is the table of codes and categories; empty means
	// carecast.DefaultPlaceCodes.
	PlaceCodes []carecast.PlaceCode
	// ReferenceFrom and ReferenceTo bound the days whose moves set the
	// rates (inclusive); zero means the three years to the last day of
	// each council's data.
	ReferenceFrom, ReferenceTo carecast.Date
	// Start (the first day of a month) and Years are the horizon of the
	// Demand rows; zero Start means from the month after the latest date
	// in any council's files, for Years (zero: 8).
	Start carecast.Date
	Years int
	// Runs of the simulation (zero: 1000) and its Seed.
	Runs int
	Seed uint64
	// Workers run councils at once; zero means one a processor.
	Workers int
}

// DefaultRuns is the number of simulated runs when Options.Runs is zero.
const DefaultRuns = 1000

// MaxRuns bounds the runs: each is a full simulation of every council.
const MaxRuns = 100_000

// Study reads every council's SSDA903 files and works out its history and
// projection (docs/methodology.md §17). Errors in the files come back as
// *Errors, every one found (up to MaxProblems), each located at its file,
// line and field; warnings (overlapping episodes shortened, a date of
// birth that differs between years) come back whatever happens.
func Study(sources []Source, opt Options) (*carecast.DemandStudy, []Problem, error) {
	if len(sources) == 0 {
		return nil, nil, errors.New("no council's folder given")
	}
	idx, err := opt.settle()
	if err != nil {
		return nil, nil, err
	}
	table, places, workers := opt.PlaceCodes, opt.Places, opt.Workers

	// Read every council's files, each its own problems.
	read := make([]*council, len(sources))
	probs := make([]problems, len(sources))
	parallel(len(sources), workers, func(i int) {
		read[i] = readCouncil(sources[i].Dir, idx, &probs[i])
	})
	var all problems
	var warnings []Problem
	for i := range sources {
		for _, p := range probs[i].list {
			all.add(p.Loc, p.Msg)
		}
		all.more += probs[i].more
		if read[i] != nil {
			warnings = append(warnings, read[i].warnings...)
		}
	}
	st := newStates(table, places)
	study := &carecast.DemandStudy{Places: places, PlaceCodes: table, States: st.labels, Bands: BandLabels,
		Runs: opt.Runs, Seed: opt.Seed, Years: opt.Years}
	// The horizon and each council's reference period.
	latest := int32(-openEnd)
	for i, c := range read {
		if c == nil || probs[i].count() > 0 {
			continue
		}
		if len(c.episodes) == 0 {
			all.add(sources[i].Dir, "no episodes to count in the council's files")
			continue
		}
		latest = max(latest, c.latest)
	}
	if all.count() > 0 {
		return nil, warnings, &Errors{Problems: all.list, More: all.more}
	}
	study.Start = opt.Start
	if study.Start.IsZero() {
		_, next := monthStart(latest)
		study.Start = dateOf(next)
	}
	study.End = study.Start.AddMonths(12 * opt.Years).AddDays(-1)
	refs := referencePeriods(read, sources, opt, &all)
	if all.count() > 0 {
		return nil, warnings, &Errors{Problems: all.list, More: all.more}
	}

	// Each council's history, rates and projection.
	study.Councils = make([]carecast.CouncilDemand, len(read))
	proj := make([]projected, len(read))
	parallel(len(read), workers, func(i int) {
		c := read[i]
		cl := clean(c)
		cd := &study.Councils[i]
		cd.Code, cd.Name = sources[i].Code, sources[i].Name
		if cd.Name == "" {
			cd.Name = cd.Code
		}
		cd.First, cd.Last = dateOf(cl.first), dateOf(cl.last)
		cd.Files = len(c.files)
		cd.Digests = c.digests
		cd.Episodes, cd.Duplicates, cd.Overlaps = len(cl.episodes), cl.duplicates, cl.overlaps
		cd.ReferenceFrom, cd.ReferenceTo = dateOf(refs[i].w0), dateOf(refs[i].w1)
		cd.History = history(cl, st)
		var start [][]int
		cd.Flows, start = flows(cl, c.dob, st, refs[i].w0, refs[i].w1)
		cd.Start = start
		proj[i] = project(cd, start, st.n, study, uint64(i))
	})
	for i, cd := range study.Councils {
		if cd.Overlaps > 0 {
			warnings = append(warnings, Problem{sources[i].Dir, fmt.Sprintf("%s overlapping episode%s shortened to end where the child's next episode begins, as the published demand model does (docs/methodology.md §17)",
				carecast.GroupThousands(fmt.Sprint(cd.Overlaps)), plural(cd.Overlaps))})
		}
	}
	means := make([][]float64, len(read))
	expect := make([]float64, len(read))
	months := make([]int, len(read))
	for i, p := range proj {
		means[i], expect[i], months[i] = p.horizon, p.expected, p.months
	}
	study.Spread = spread(means, expect, months)
	study.Consortium = consortium(study, proj)
	if study.Spread.Months > 0 {
		study.Demand, study.DemandCouncil = demandRisks(study.Spread)
	}
	return study, warnings, nil
}

// settle fills in the options' defaults (runs, years, the PlaceCodes
// table, the places counted, the workers) and checks them; it returns
// the index of each PLACE code in the table.
func (opt *Options) settle() (codes, error) {
	if opt.Runs == 0 {
		opt.Runs = DefaultRuns
	}
	if opt.Runs < 1 || opt.Runs > MaxRuns {
		return nil, fmt.Errorf("runs must be from 1 to %d, not %d", MaxRuns, opt.Runs)
	}
	if opt.Years == 0 {
		opt.Years = 8
	}
	if opt.Years < 1 || opt.Years > 30 {
		return nil, fmt.Errorf("the horizon must be from 1 to 30 years, not %d", opt.Years)
	}
	if len(opt.PlaceCodes) == 0 {
		opt.PlaceCodes = carecast.DefaultPlaceCodes()
	}
	if len(opt.PlaceCodes) > 250 {
		return nil, fmt.Errorf("the PlaceCodes table has %d codes; at most 250", len(opt.PlaceCodes))
	}
	if len(opt.Places) == 0 {
		opt.Places = []string{carecast.PlaceCodeK2}
	}
	idx := codes{}
	for i, p := range opt.PlaceCodes {
		idx[p.Code] = uint8(i)
	}
	for _, p := range opt.Places {
		if _, ok := idx[p]; !ok {
			return nil, fmt.Errorf("placement type %s is not in the PlaceCodes table", p)
		}
	}
	if opt.Workers <= 0 {
		opt.Workers = runtime.GOMAXPROCS(0)
	}
	return idx, nil
}

// refDays is a council's reference period, its first and last days.
type refDays struct{ w0, w1 int32 }

// referencePeriods are the councils' reference periods: --reference, or
// the last three years of each council's data, within its data (a day's
// move is seen on the day after it). A period with no day in the data
// is a problem added to all.
func referencePeriods(read []*council, sources []Source, opt Options, all *problems) []refDays {
	refs := make([]refDays, len(read))
	for i, c := range read {
		w0, w1 := dayOf(dateOf(c.latest).Anniversary(-3)), c.latest
		if !opt.ReferenceFrom.IsZero() {
			w0 = dayOf(opt.ReferenceFrom)
		}
		if !opt.ReferenceTo.IsZero() {
			w1 = dayOf(opt.ReferenceTo)
		}
		// A day's move is seen on the day after it: the last day of the
		// data cannot be one of them.
		w0, w1 = max(w0, c.earliest), min(w1, c.latest-1)
		if w1 < w0 {
			all.add(sources[i].Dir, fmt.Sprintf("the reference period has no day within the council's data (%s to %s); give --reference within it",
				dayString(c.earliest), dayString(c.latest)))
		}
		refs[i] = refDays{w0, w1}
	}
	return refs
}

// parallel runs f(0..n-1) on up to workers goroutines.
func parallel(n, workers int, f func(i int)) {
	var wg sync.WaitGroup
	next := make(chan int)
	for range min(workers, n) {
		wg.Go(func() {
			for i := range next {
				f(i)
			}
		})
	}
	for i := range n {
		next <- i
	}
	close(next)
	wg.Wait()
}

// projected is what a council's projection gives the study's spread and
// the consortium's band: each run's average over the projected months
// within the horizon, the expected average and how many months those are,
// and each projected month's value in each run.
type projected struct {
	horizon  []float64
	expected float64
	months   int
	runs     [][]float64 // by month of the projection, by run
}

// project fills the council's projection: from the children in each age
// band and state on the last day of its data to the end of the horizon,
// the expected number in the chosen placements a month and the P10 and
// P90 over the runs.
func project(cd *carecast.CouncilDemand, start [][]int, S int, study *carecast.DemandStudy, index uint64) projected {
	last := dayOf(cd.Last)
	end := dayOf(study.End)
	K := int(end - last)
	if K <= 0 {
		return projected{}
	}
	ch := newChain(&cd.Flows, S)
	n0 := make([]float64, ch.cells)
	counts := make([]int, ch.cells)
	for a := range start {
		for s, v := range start[a] {
			n0[a*S+s] = float64(v)
			counts[a*S+s] = v
		}
	}
	exp := ch.expected(n0, K)
	// The projected months: those after the last month of the history.
	type span struct {
		from, to int // days k of the month, inclusive
		inside   bool
	}
	var spans []span
	_, m := monthStart(last)
	hStart := dayOf(study.Start)
	for m <= end {
		_, next := monthStart(m)
		spans = append(spans, span{int(m - last), int(min(next-1, end) - last), m >= hStart})
		m = next
	}
	if len(spans) == 0 {
		return projected{}
	}
	runs := study.Runs
	vals := make([][]float64, len(spans)) // by month, by run
	for i := range vals {
		vals[i] = make([]float64, runs)
	}
	r := rand.New(rand.NewPCG(study.Seed, 0x9E3779B97F4A7C15*(index+1)))
	diff := make([]int32, K+2)
	horizon := make([]float64, runs)
	inside := 0
	for _, sp := range spans {
		if sp.inside {
			inside++
		}
	}
	draw := func(k int) float64 { return gamma(r, k) }
	for run := range runs {
		// The run's rates: each count drawn from what it might have been,
		// then the children by those rates.
		ch.set(draw)
		clear(diff)
		ch.run(r, counts, K, diff)
		stock := int64(0)
		k := 0
		for i, sp := range spans {
			var sum int64
			for ; k <= sp.to; k++ {
				stock += int64(diff[k])
				if k >= sp.from {
					sum += stock
				}
			}
			v := float64(sum) / float64(sp.to-sp.from+1)
			vals[i][run] = v
			if sp.inside {
				horizon[run] += v / float64(inside)
			}
		}
	}
	expected := 0.0
	cd.Projection = make([]carecast.ProjectedMonth, len(spans))
	for i, sp := range spans {
		sum := 0.0
		for k := sp.from; k <= sp.to; k++ {
			sum += exp[k]
		}
		e := sum / float64(sp.to-sp.from+1)
		// The runs stay in their order, for the consortium's sums.
		sorted := slices.Sorted(slices.Values(vals[i]))
		cd.Projection[i] = carecast.ProjectedMonth{Month: dateOf(last + int32(sp.from)),
			Expected: carecast.Round6(e), P10: carecast.Round6(percentileInc(sorted, 0.1)), P90: carecast.Round6(percentileInc(sorted, 0.9))}
		if sp.inside {
			expected += e / float64(inside)
		}
	}
	out := projected{runs: vals}
	if inside > 0 {
		out.horizon, out.expected, out.months = horizon, expected, inside
	}
	return out
}

// consortium adds the councils' demand together, month by month from the
// earliest month of any council's history to the end of the horizon: each
// council's history where its returns cover the month, else its
// projection; the P10 and P90 are of the sum over the runs.
func consortium(study *carecast.DemandStudy, proj []projected) []carecast.ConsortiumMonth {
	if len(study.Councils) == 0 {
		return nil
	}
	first := study.End
	for _, c := range study.Councils {
		if len(c.History) > 0 && c.History[0].Month.Before(first) {
			first = c.History[0].Month
		}
	}
	var out []carecast.ConsortiumMonth
	runs := study.Runs
	sum := make([]float64, runs)
	for m := first; !m.After(study.End); m = m.AddMonths(1) {
		cm := carecast.ConsortiumMonth{Month: m}
		clear(sum)
		for i := range study.Councils {
			c := &study.Councils[i]
			if h := monthIndex(len(c.History), func(k int) carecast.Date { return c.History[k].Month }, m); h >= 0 {
				cm.Value += c.History[h].Children
				for r := range sum {
					sum[r] += c.History[h].Children
				}
				continue
			}
			if p := monthIndex(len(c.Projection), func(k int) carecast.Date { return c.Projection[k].Month }, m); p >= 0 {
				cm.Projected = true
				cm.Value += c.Projection[p].Expected
				for r := range sum {
					sum[r] += proj[i].runs[p][r]
				}
			}
		}
		cm.Value = carecast.Round6(cm.Value)
		cm.P10, cm.P90 = cm.Value, cm.Value
		if cm.Projected {
			sorted := slices.Sorted(slices.Values(sum))
			cm.P10, cm.P90 = carecast.Round6(percentileInc(sorted, 0.1)), carecast.Round6(percentileInc(sorted, 0.9))
		}
		out = append(out, cm)
	}
	return out
}

// monthIndex finds month m among n months in order (at(k) the k-th), or -1.
func monthIndex(n int, at func(int) carecast.Date, m carecast.Date) int {
	if n == 0 || m.Before(at(0)) {
		return -1
	}
	k := (m.Year-at(0).Year)*12 + int(m.Month) - int(at(0).Month)
	if k < n && at(k) == m {
		return k
	}
	return -1
}

// spread works out the spread of the horizon's average demand over the
// runs, as a multiple of its expected value: of the councils together,
// and of each council, averaged as variances weighted by expected demand.
func spread(means [][]float64, expect []float64, months []int) carecast.DemandSpread {
	var sp carecast.DemandSpread
	total := 0.0
	runs := 0
	for i, m := range means {
		if len(m) == 0 || expect[i] <= 0 {
			continue
		}
		total += expect[i]
		runs = len(m)
		sp.Months = max(sp.Months, months[i])
	}
	if total <= 0 || runs < 2 {
		return carecast.DemandSpread{}
	}
	sum := make([]float64, runs)
	variance := 0.0
	for i, m := range means {
		if len(m) == 0 || expect[i] <= 0 {
			continue
		}
		ratio := make([]float64, runs)
		for r, v := range m {
			ratio[r] = v / expect[i]
			sum[r] += v
		}
		variance += expect[i] / total * sd(ratio) * sd(ratio)
	}
	for r := range sum {
		sum[r] /= total
	}
	sp.Consortium = sd(sum)
	sp.Council = math.Sqrt(variance)
	sp.Independent = math.Sqrt(max(0, variance-sp.Consortium*sp.Consortium))
	return sp
}

// sd is the standard deviation about the mean (n-1).
func sd(xs []float64) float64 {
	if len(xs) < 2 {
		return 0
	}
	m := 0.0
	for _, x := range xs {
		m += x
	}
	m /= float64(len(xs))
	v := 0.0
	for _, x := range xs {
		v += (x - m) * (x - m)
	}
	return math.Sqrt(v / float64(len(xs)-1))
}

// demandRisks are the demand risk factors the spread sets
// (carecast.DemandRisk): the common factor takes the consortium's spread;
// each council's own factor the rest of its spread, so that together they
// give each council its own.
func demandRisks(sp carecast.DemandSpread) (carecast.Risk, carecast.Risk) {
	return carecast.DemandRisk(carecast.FactorDemand, sp.Consortium), carecast.DemandRisk(carecast.FactorDemandCouncil, sp.Independent)
}

// Describe says in words what a study counted, for a heading:
// "children in K2 placements".
func Describe(s *carecast.DemandStudy) string {
	return "children in " + strings.Join(s.Places, ", ") + " placements"
}
