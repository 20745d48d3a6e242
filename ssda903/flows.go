package ssda903

import (
	"github.com/carecast/carecast"
)

// segment is a stay of one child in one state: contiguous episodes in the
// same state joined (a change of legal status, or of foster carer, is no
// move between states).
type segment struct {
	start, end int32 // days: start <= d < end
	state      int
	prev, next bool // the child was in care the day before (in another state), stays in care after
	open       bool // runs to the end of the data
	nextState  int
}

// segments are one child's stays, from its episodes (sorted, not
// overlapping).
func segments(eps []episode, st *states, last int32, buf []segment) []segment {
	buf = buf[:0]
	for k := range eps {
		e := &eps[k]
		if e.end <= e.start {
			continue
		}
		s := st.of[e.place]
		if n := len(buf); n > 0 && buf[n-1].end == e.start {
			if buf[n-1].state == s {
				buf[n-1].end = e.end
				continue
			}
			buf[n-1].next, buf[n-1].nextState = true, s
			buf = append(buf, segment{start: e.start, end: e.end, state: s, prev: true})
			continue
		}
		buf = append(buf, segment{start: e.start, end: e.end, state: s})
	}
	for i := range buf {
		buf[i].open = buf[i].end > last
	}
	return buf
}

// bandAt is the age band on day d of a child whose birthdays of the
// bands' ages are b.
func bandAt(b *[4]int32, d int32) int {
	a := 0
	for a < len(b) && d >= b[a] {
		a++
	}
	return a
}

// flows counts, over the reference days [w0, w1], the children's days in
// each age band and state and their entries, exits, birthdays into the
// next band and moves between states (an event on the day after a day of
// the period); and the children in each band and state on the last day
// of the data, where the projection starts.
func flows(cl *cleaned, dob []int32, st *states, w0, w1 int32) (carecast.DemandFlows, [][]int) {
	S := st.n
	f := carecast.DemandFlows{Days: int(w1 - w0 + 1)}
	grid := func() [][]int {
		g := make([][]int, nBands)
		for a := range g {
			g[a] = make([]int, S)
		}
		return g
	}
	f.ChildDays, f.Entries, f.Exits, f.AgeUps = grid(), grid(), grid(), grid()
	f.Moves = make([][][]int, nBands)
	for a := range f.Moves {
		f.Moves[a] = make([][]int, S)
		for s := range f.Moves[a] {
			f.Moves[a][s] = make([]int, S)
		}
	}
	start := grid()
	in := func(d int32) bool { return d >= w0 && d <= w1 }
	last := cl.last
	eps := cl.episodes
	var segs []segment
	for i := 0; i < len(eps); {
		j := i + 1
		for j < len(eps) && eps[j].child == eps[i].child {
			j++
		}
		child := eps[i].child
		var b [4]int32
		for k, age := range bandAges {
			b[k] = birthday(dob[child], age)
		}
		segs = segments(eps[i:j], st, last, segs)
		for _, sg := range segs {
			if !sg.prev && in(sg.start-1) {
				f.Entries[bandAt(&b, sg.start)][sg.state]++
			}
			if sg.start <= last && last < sg.end {
				start[bandAt(&b, last)][sg.state]++
			}
			// The stay in pieces, one an age band.
			for pb := sg.start; pb < sg.end; {
				a := bandAt(&b, pb)
				pe := sg.end
				if a < len(b) && b[a] < pe {
					pe = b[a]
				}
				if lo, hi := max(pb, w0), min(pe-1, w1); hi >= lo {
					f.ChildDays[a][sg.state] += int(hi - lo + 1)
				}
				if in(pe - 1) {
					switch {
					case pe < sg.end:
						f.AgeUps[a][sg.state]++
					case sg.open:
					case sg.next:
						f.Moves[a][sg.state][sg.nextState]++
					default:
						f.Exits[a][sg.state]++
					}
				}
				pb = pe
			}
		}
		i = j
	}
	return f, start
}
