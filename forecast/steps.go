package forecast

import (
	"math"
	"math/big"
	"sort"

	"github.com/carecast/carecast"
	"github.com/shopspring/decimal"
)

// steps is a step function of the day: each step's value holds from its
// day (a day number, carecast.Date.Days) until the next step's day, and
// the zero value of V before the first step. It is how the engine reads
// every table of dated rows, "value from a date until the next row's
// date": the rooms, each council's occupancy and spot price, the block
// price on its anniversaries, and, in float64, the same for the
// simulation's fast path.
type steps[V any] struct {
	days []int // increasing
	vals []V
}

// set adds a step on day, which must not be before the last step's; a step
// on the last step's day replaces it, as a later row on the same date
// replaces an earlier one.
func (s *steps[V]) set(day int, v V) {
	if n := len(s.days); n > 0 && s.days[n-1] == day {
		s.vals[n-1] = v
		return
	}
	s.days = append(s.days, day)
	s.vals = append(s.vals, v)
}

// stepsOf makes a step function of rows, each giving a date and a value:
// rows in date order, rows of one date in the order given, the last of
// them winning.
func stepsOf[R, V any](rows []R, row func(R) (carecast.Date, V)) steps[V] {
	type dated struct {
		day int
		v   V
	}
	ds := make([]dated, len(rows))
	for i, r := range rows {
		d, v := row(r)
		ds[i] = dated{d.Days(), v}
	}
	sort.SliceStable(ds, func(i, j int) bool { return ds[i].day < ds[j].day })
	var s steps[V]
	for _, d := range ds {
		s.set(d.day, d.v)
	}
	return s
}

// roomSteps is the rooms of the Rooms rows as a step function of whole
// rooms.
func roomSteps(rows []carecast.RoomsRow) *exactSteps {
	return exactly(stepsOf(rows, func(r carecast.RoomsRow) (carecast.Date, decimal.Decimal) {
		return r.From, decimal.NewFromInt(int64(r.Rooms))
	}))
}

// mapSteps is s with every value converted by fn.
func mapSteps[V, W any](s steps[V], fn func(V) W) steps[W] {
	out := steps[W]{days: s.days, vals: make([]W, len(s.vals))}
	for i, v := range s.vals {
		out.vals[i] = fn(v)
	}
	return out
}

// at is the value in force on day.
func (s *steps[V]) at(day int) V {
	return s.val(sort.SearchInts(s.days, day+1) - 1)
}

// val is the value of step i, or the zero value for i = -1 (before the
// first step).
func (s *steps[V]) val(i int) V {
	if i < 0 {
		var zero V
		return zero
	}
	return s.vals[i]
}

// cursor reads the steps in order of day, moving forward only.
func (s *steps[V]) cursor() *cursor { return &cursor{days: s.days, i: -1} }

// cursor is a position in a step function, for reading it day after day.
type cursor struct {
	days []int
	i    int // the step in force; -1 before the first
}

// seek moves the cursor forward to day.
func (k *cursor) seek(day int) {
	for k.i+1 < len(k.days) && k.days[k.i+1] <= day {
		k.i++
	}
}

// next returns the first day after the cursor's on which the value changes.
func (k *cursor) next() int {
	if k.i+1 < len(k.days) {
		return k.days[k.i+1]
	}
	return math.MaxInt
}

// piece is a stretch [from, from+days) on which the step functions read
// are constant: idx[i] is the step of the i-th function in force (-1: none).
type piece struct {
	from, days int
	idx        [3]int
}

// pieces splits [a, b) at every change of the cursors' functions (at most
// three) and returns the steps in force on each stretch, reusing buf.
func pieces(buf []piece, a, b int, ks ...*cursor) []piece {
	buf = buf[:0]
	for x := a; x < b; {
		var p piece
		y := b
		for i, k := range ks {
			k.seek(x)
			p.idx[i] = k.i
			y = min(y, k.next())
		}
		p.from, p.days = x, y-x
		buf = append(buf, p)
		x = y
	}
	return buf
}

// segments returns the cuts of [a, b) at every change of the step
// functions: a, the change days inside, b.
func segments(cuts []int, a, b int, fs ...*steps[float64]) []int {
	cuts = append(cuts, a, b)
	for _, f := range fs {
		i := sort.SearchInts(f.days, a+1)
		for ; i < len(f.days) && f.days[i] < b; i++ {
			cuts = append(cuts, f.days[i])
		}
	}
	sort.Ints(cuts)
	return dedupeInts(cuts)
}

// exactSteps are decimal steps whose values are also held as integers at
// one exponent, so that the engine sums value x days exactly in integers:
// vals[i] = ints[i] x 10^exp.
type exactSteps struct {
	steps[decimal.Decimal]
	ints []*big.Int
	exp  int32
}

// exactly returns s with its integer values.
func exactly(s steps[decimal.Decimal]) *exactSteps {
	f := &exactSteps{steps: s}
	f.ints, f.exp = commonInts(s.vals)
	return f
}

// num is step i's value as an integer at exp, nil before the first step.
func (f *exactSteps) num(i int) *big.Int {
	if i < 0 {
		return nil
	}
	return f.ints[i]
}

func dedupeInts(xs []int) []int {
	out := xs[:0]
	for i, x := range xs {
		if i == 0 || x != xs[i-1] {
			out = append(out, x)
		}
	}
	return out
}
