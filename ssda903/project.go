package ssda903

import (
	"math"
	"math/rand/v2"
	"slices"

	"github.com/carecast/carecast"
)

// chain is the daily Markov chain of a council's children, with its
// rates from the reference period (docs/methodology.md §17). A cell is an
// age band and a state. Each day a child in cell c leaves it with
// probability q[c], to one of its destinations (another state at the same
// age, the next age band in the same state, or out of care); children
// enter care into cell c as a Poisson stream of lam[c] a day. Each rate
// is a count of events over the child-days (or, for entries, the days)
// they were seen in.
type chain struct {
	S, cells int
	dest     [][]int // destinations of each cell: another cell, or -1 out of care
	count    [][]int // the events seen to each destination
	days     []int   // the child-days of each cell
	entries  []int   // the entrants into each cell
	refDays  int     // the days of the reference period

	q       []float64   // by cell
	prob    [][]float64 // the daily probability of each destination (summing to q)
	cum     [][]float64 // their cumulative shares of q, for drawing one
	invLogQ []float64   // -1/log(1-q): a geometric draw from an exponential one
	lam     []float64   // entries a day, by cell
	lamCum  []float64   // cumulative, for drawing an entrant's cell
	lamSum  float64
	chosen  []bool // the cells of state 0
}

func newChain(f *carecast.DemandFlows, S int) *chain {
	c := &chain{S: S, cells: nBands * S, refDays: f.Days}
	c.dest = make([][]int, c.cells)
	c.count = make([][]int, c.cells)
	c.days = make([]int, c.cells)
	c.entries = make([]int, c.cells)
	c.q = make([]float64, c.cells)
	c.prob = make([][]float64, c.cells)
	c.cum = make([][]float64, c.cells)
	c.invLogQ = make([]float64, c.cells)
	c.lam = make([]float64, c.cells)
	c.lamCum = make([]float64, c.cells)
	c.chosen = make([]bool, c.cells)
	for a := 0; a < nBands; a++ {
		c.chosen[a*S] = true
		for s := 0; s < S; s++ {
			cell := a*S + s
			c.entries[cell] = f.Entries[a][s]
			c.days[cell] = f.ChildDays[a][s]
			add := func(to, n int) {
				if n == 0 {
					return
				}
				c.dest[cell] = append(c.dest[cell], to)
				c.count[cell] = append(c.count[cell], n)
			}
			add(-1, f.Exits[a][s])
			if a+1 < nBands {
				add((a+1)*S+s, f.AgeUps[a][s])
			}
			for t := 0; t < S; t++ {
				if t != s {
					add(a*S+t, f.Moves[a][s][t])
				}
			}
			c.prob[cell] = make([]float64, len(c.dest[cell]))
			c.cum[cell] = make([]float64, len(c.dest[cell]))
		}
	}
	c.set(func(k int) float64 { return float64(k) })
	return c
}

// set works out the rates from the counts, each count k taken as
// events(k): the counts themselves for the estimated rates, or a draw of
// what they might have been.
func (c *chain) set(events func(k int) float64) {
	run := 0.0
	for cell := range c.cells {
		c.lam[cell] = 0
		if c.refDays > 0 && c.entries[cell] > 0 {
			c.lam[cell] = events(c.entries[cell]) / float64(c.refDays)
		}
		run += c.lam[cell]
		c.lamCum[cell] = run
		c.q[cell], c.invLogQ[cell] = 0, 0
		if c.days[cell] == 0 {
			continue
		}
		q := 0.0
		for i, k := range c.count[cell] {
			c.prob[cell][i] = events(k) / float64(c.days[cell])
			q += c.prob[cell][i]
		}
		if q > 1 { // a rate drawn beyond certainty: certainty
			for i := range c.prob[cell] {
				c.prob[cell][i] /= q
			}
			q = 1
		}
		acc := 0.0
		for i, p := range c.prob[cell] {
			acc += p
			c.cum[cell][i] = acc / q
		}
		c.q[cell] = q
		if q > 0 && q < 1 {
			c.invLogQ[cell] = -1 / math.Log1p(-q)
		}
	}
	c.lamSum = run
}

// gamma draws from the gamma distribution of shape k >= 1 and scale 1
// (G. Marsaglia and W. W. Tsang, "A simple method for generating gamma
// variables", ACM Transactions on Mathematical Software 26(3), 2000): the
// uncertainty of a count of k events as the mean of a Poisson count, its
// posterior with a flat prior.
func gamma(r *rand.Rand, k int) float64 {
	d := float64(k) - 1.0/3
	c := 1 / math.Sqrt(9*d)
	for {
		x := r.NormFloat64()
		v := 1 + c*x
		if v <= 0 {
			continue
		}
		v = v * v * v
		u := r.Float64()
		if u < 1-0.0331*x*x*x*x || math.Log(u) < 0.5*x*x+d*(1-v+math.Log(v)) {
			return d * v
		}
	}
}

// expected is the expected number of children in state 0 on each day
// 1..K after the start, from the children in each cell on day 0: each
// day's expected counts are the last day's moved by the chain's
// probabilities, plus the day's expected entrants.
func (c *chain) expected(start []float64, K int) []float64 {
	n := slices.Clone(start)
	next := make([]float64, c.cells)
	out := make([]float64, K+1)
	out[0] = c.stock(n)
	for k := 1; k <= K; k++ {
		copy(next, c.lam)
		for cell, v := range n {
			if v == 0 {
				continue
			}
			next[cell] += v * (1 - c.q[cell])
			for i, d := range c.dest[cell] {
				if d >= 0 {
					next[d] += v * c.prob[cell][i]
				}
			}
		}
		n, next = next, n
		out[k] = c.stock(n)
	}
	return out
}

func (c *chain) stock(n []float64) float64 {
	t := 0.0
	for a := 0; a < nBands; a++ {
		t += n[a*c.S]
	}
	return t
}

// run simulates the children once over days 1..K: each child's stay in a
// cell lasts a geometric number of days (the chain's daily probability of
// leaving it), then it moves to a destination drawn in proportion to its
// probability; entrants arrive as a Poisson stream. It adds each day's
// number of children in state 0 into stock[0..K] (as differences: the
// caller sums them).
func (c *chain) run(r *rand.Rand, start []int, K int, diff []int32) {
	for cell, n := range start {
		for range n {
			c.walk(r, cell, 0, K, diff)
		}
	}
	if c.lamSum <= 0 {
		return
	}
	// Arrivals of a Poisson stream of lamSum a day: those in (k-1, k]
	// enter on day k.
	for t := r.ExpFloat64() / c.lamSum; t < float64(K); t += r.ExpFloat64() / c.lamSum {
		// The entrant's cell: the first whose cumulative rate exceeds a
		// uniform draw.
		u := r.Float64() * c.lamSum
		lo, hi := 0, len(c.lamCum)-1
		for lo < hi {
			mid := (lo + hi) / 2
			if c.lamCum[mid] > u {
				hi = mid
			} else {
				lo = mid + 1
			}
		}
		c.walk(r, lo, int(t)+1, K, diff)
	}
}

// walk follows one child from cell on day t to the horizon K or out of
// care, adding its days in state 0 into diff.
func (c *chain) walk(r *rand.Rand, cell, t, K int, diff []int32) {
	for {
		q := c.q[cell]
		end := K + 1
		switch {
		case q <= 0:
		case q >= 1:
			end = t + 1
		default:
			// A geometric number of days, at least one: the whole
			// number of days an exponential draw covers, in units of
			// -1/log(1-q), plus one.
			if h := r.ExpFloat64() * c.invLogQ[cell]; h < float64(K+1-t) {
				end = t + 1 + int(h)
			}
		}
		if end > K {
			end = K + 1
		}
		if c.chosen[cell] {
			diff[t]++
			diff[end]--
		}
		if end > K {
			return
		}
		u := r.Float64()
		cum := c.cum[cell]
		i := 0
		for i < len(cum)-1 && u >= cum[i] {
			i++
		}
		d := c.dest[cell][i]
		if d < 0 {
			return
		}
		cell, t = d, end
	}
}

// percentileInc is Excel's PERCENTILE.INC of sorted values: linear
// interpolation at rank p*(n-1).
func percentileInc(sorted []float64, p float64) float64 {
	n := len(sorted)
	if n == 0 {
		return 0
	}
	h := p * float64(n-1)
	lo := int(math.Floor(h))
	if lo >= n-1 {
		return sorted[n-1]
	}
	return sorted[lo] + (h-float64(lo))*(sorted[lo+1]-sorted[lo])
}
