package ssda903

import (
	"github.com/carecast/carecast"
)

// The age bands the rates are set by, as the published demand model's:
// under 1, 1 to 4, 5 to 9, 10 to 15, 16 and over (a child moves into the
// next band on the birthday of its lower age).
var bandAges = []int{1, 5, 10, 16}

// BandLabels name the age bands.
var BandLabels = []string{"under 1", "1 to 4", "5 to 9", "10 to 15", "16 and over"}

const nBands = 5

// states says which state of the projection each PLACE code is in: 0 for
// the chosen placements, then one a category of the other codes.
type states struct {
	of     []int    // by index of the code in the table
	labels []string // by state
	n      int
}

func newStates(table []carecast.PlaceCode, places []string) *states {
	chosen := map[string]bool{}
	for _, p := range places {
		chosen[p] = true
	}
	s := &states{of: make([]int, len(table))}
	label := ""
	for i, p := range places {
		if i > 0 {
			label += ", "
		}
		label += p
	}
	s.labels = []string{label}
	index := map[string]int{}
	for _, cat := range carecast.PlaceCategories {
		for _, p := range table {
			if p.Category == cat.Key && !chosen[p.Code] {
				if _, ok := index[cat.Key]; !ok {
					index[cat.Key] = len(s.labels)
					s.labels = append(s.labels, cat.Label)
				}
			}
		}
	}
	for i, p := range table {
		if chosen[p.Code] {
			s.of[i] = 0
		} else {
			s.of[i] = index[p.Category]
		}
	}
	s.n = len(s.labels)
	return s
}

// history is the council's month-by-month stock in the chosen placements
// (state 0): each day's number of children, averaged over the days of the
// month the data covers, exact to six places.
func history(cl *cleaned, st *states) []carecast.DemandMonth {
	first, last := cl.first, cl.last
	n := int(last-first) + 1
	if n <= 0 {
		return nil
	}
	all := make([]int32, n+1)
	out := make([]int32, n+1)
	locUnknown := make([]int32, n+1)
	far := make([]int32, n+1)
	distUnknown := make([]int32, n+1)
	starts := make([]int32, n+1)
	ends := make([]int32, n+1)
	eps := cl.episodes
	chosen := func(e *episode) bool { return st.of[e.place] == 0 }
	add := func(d []int32, e *episode) {
		d[e.start-first]++
		d[min(e.end, last+1)-first]--
	}
	for k := range eps {
		e := &eps[k]
		if !chosen(e) || e.end <= e.start {
			continue
		}
		add(all, e)
		switch e.loc {
		case outside:
			add(out, e)
		case unknown:
			add(locUnknown, e)
		}
		switch e.dist {
		case outside:
			add(far, e)
		case unknown:
			add(distUnknown, e)
		}
		// A stay in the chosen placements begins where the child was not
		// in them the day before, and ends where the child is not in
		// them the day after (within the data).
		prevIn := k > 0 && eps[k-1].child == e.child && eps[k-1].end == e.start && chosen(&eps[k-1]) && eps[k-1].end > eps[k-1].start
		if !prevIn {
			starts[e.start-first]++
		}
		nextIn := k+1 < len(eps) && eps[k+1].child == e.child && eps[k+1].start == e.end && chosen(&eps[k+1])
		if !nextIn && e.end <= last {
			ends[e.end-first]++
		}
	}
	var months []carecast.DemandMonth
	for m := first; m <= last; {
		mStart, mNext := monthStart(m)
		from, to := max(mStart, first), min(mNext-1, last)
		months = append(months, carecast.DemandMonth{Month: dateOf(mStart), Days: int(to - from + 1)})
		m = mNext
	}
	// Running sums of the differences, day by day, into the months.
	var sums [5]int64
	var run [5]int32
	diffs := [5][]int32{all, out, locUnknown, far, distUnknown}
	mi := 0
	_, next := monthStart(first)
	for d := int32(0); d < int32(n); d++ {
		day := first + d
		if day >= next {
			flushMonth(&months[mi], sums)
			sums = [5]int64{}
			mi++
			_, next = monthStart(day)
		}
		for i := range diffs {
			run[i] += diffs[i][d]
			sums[i] += int64(run[i])
		}
		months[mi].Starts += int(starts[d])
		months[mi].Ends += int(ends[d])
	}
	flushMonth(&months[mi], sums)
	return months
}

func flushMonth(m *carecast.DemandMonth, sums [5]int64) {
	m.Children = mean6(sums[0], m.Days)
	m.OutOfArea = mean6(sums[1], m.Days)
	m.LocationUnknown = mean6(sums[2], m.Days)
	m.Over20Miles = mean6(sums[3], m.Days)
	m.DistanceUnknown = mean6(sums[4], m.Days)
}

// mean6 is sum/days rounded to six decimal places, half up, exactly.
func mean6(sum int64, days int) float64 {
	if days <= 0 {
		return 0
	}
	q := (sum*2_000_000 + int64(days)) / (2 * int64(days))
	return float64(q) / 1e6
}
