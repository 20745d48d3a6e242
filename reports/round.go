package reports

import (
	"math/big"

	"github.com/carecast/carecast"
	"github.com/shopspring/decimal"
)

// The one rounding policy of the tables: a table's figures that add up are
// rounded to the places shown so that, as shown, they still add up: a
// column to its total by the largest remainder (roundColumn), a table of
// rows and columns both ways by controlled rounding (roundGrid). Money in
// pence is already at its places and is left as it is.

// roundColumn rounds column j of t's rows to the column's places so that
// they add up to the first total row's figure, the rows' exact sum rounded
// once.
func (t *Table) roundColumn(j int) {
	places := t.Columns[j].Places
	xs := make([]decimal.Decimal, len(t.Rows))
	total := decimal.Zero
	for i, r := range t.Rows {
		xs[i] = r[j].Value
		total = total.Add(xs[i])
	}
	for i, v := range apportion(xs, total, places) {
		t.Rows[i][j].Value = v
	}
	if len(t.Totals) > 0 {
		t.Totals[0][j].Value = carecast.RoundHalfAway(total, places)
	}
}

// roundGrid rounds columns first..last of t's rows (figures of one unit)
// by controlled rounding: each row's cells add up to its figure in column
// sum (when sum > last; it is set to the sum of the cells), each column's
// to the first total row's figure, and those to the whole, rounded once.
func (t *Table) roundGrid(first, last, sum int) {
	places := t.Columns[first].Places
	x := make([][]decimal.Decimal, len(t.Rows))
	for i, r := range t.Rows {
		for j := first; j <= last; j++ {
			x[i] = append(x[i], r[j].Value)
		}
	}
	cells, cols := roundTable(x, places)
	for i, r := range t.Rows {
		s := decimal.Zero
		for j := first; j <= last; j++ {
			r[j].Value = cells[i][j-first]
			s = s.Add(r[j].Value)
		}
		if sum > last {
			r[sum].Value = s
		}
	}
	if len(t.Totals) == 0 {
		return
	}
	whole := decimal.Zero
	for j := first; j <= last; j++ {
		t.Totals[0][j].Value = cols[j-first]
		whole = whole.Add(cols[j-first])
	}
	if sum > last {
		t.Totals[0][sum].Value = whole
	}
}

// roundTable rounds a table of figures (rows by columns) to places so that
// it adds up both ways, as shown: each column to its total, each row to
// its total, and the column totals to the whole rounded once. The whole is
// shared out among the columns, and among the rows, by the largest
// remainder; then each cell is its exact value rounded down or up, the
// cells rounded up chosen so that every row and column meets its total (a
// bipartite flow: controlled rounding: Cox and Ernst, INFOR 20(4), 1982).
// Where no such choice exists, each column is shared out alone and a row's
// total is its cells as shown. It returns the cells and the column totals;
// a row's total is the sum of its cells.
func roundTable(x [][]decimal.Decimal, places int32) (cells [][]decimal.Decimal, cols []decimal.Decimal) {
	nr := len(x)
	if nr == 0 {
		return nil, nil
	}
	nc := len(x[0])
	whole := decimal.Zero
	rowSum, colSum := make([]decimal.Decimal, nr), make([]decimal.Decimal, nc)
	for i := range x {
		for j, v := range x[i] {
			rowSum[i], colSum[j], whole = rowSum[i].Add(v), colSum[j].Add(v), whole.Add(v)
		}
	}
	cols = apportion(colSum, whole, places)
	rows := apportion(rowSum, whole, places)
	cells = make([][]decimal.Decimal, nr)
	// Each cell rounded down, in units of the last place, and whether it
	// has a part left over (may be rounded up).
	floor, may := make([][]int64, nr), make([][]bool, nr)
	needR, needC := make([]int64, nr), make([]int64, nc)
	for j := range cols {
		needC[j] = cols[j].Shift(places).IntPart()
	}
	for i := range x {
		floor[i], may[i] = make([]int64, nc), make([]bool, nc)
		needR[i] = rows[i].Shift(places).IntPart()
		for j, v := range x[i] {
			f := v.Shift(places).Floor()
			floor[i][j], may[i][j] = f.IntPart(), v.Shift(places).GreaterThan(f)
			needR[i] -= floor[i][j]
			needC[j] -= floor[i][j]
		}
	}
	up, ok := upFlow(may, needR, needC)
	for i := range x {
		cells[i] = make([]decimal.Decimal, nc)
		for j := range x[i] {
			n := floor[i][j]
			if ok && up[i][j] {
				n++
			}
			cells[i][j] = decimal.New(n, -places)
		}
	}
	if ok {
		return cells, cols
	}
	col := make([]decimal.Decimal, nr)
	for j := range cols {
		for i := range x {
			col[i] = x[i][j]
		}
		for i, v := range apportion(col, cols[j], places) {
			cells[i][j] = v
		}
	}
	return cells, cols
}

// upFlow chooses the cells to round up: needR[i] in row i and needC[j] in
// column j, only cells that may be (may[i][j]: a part left over), by
// augmenting paths from the rows to the columns. ok is false when no
// choice meets every need.
func upFlow(may [][]bool, needR, needC []int64) (up [][]bool, ok bool) {
	nr, nc := len(may), len(needC)
	up = make([][]bool, nr)
	for i := range up {
		up[i] = make([]bool, nc)
	}
	var total, supply int64
	for i := range needR {
		if needR[i] < 0 {
			return nil, false
		}
		total += needR[i]
	}
	for j := range needC {
		if needC[j] < 0 {
			return nil, false
		}
		supply += needC[j]
	}
	if total != supply {
		return nil, false
	}
	gotR, gotC := make([]int64, nr), make([]int64, nc)
	// Augment one unit at a time along row -> column (a cell not yet up)
	// -> row (a cell up, taken back) ... -> a column with need left.
	for i0 := range may {
		for gotR[i0] < needR[i0] {
			seenC := make([]bool, nc)
			seenR := make([]bool, nr)
			var path func(i int) bool
			path = func(i int) bool {
				seenR[i] = true
				for j := range nc {
					if seenC[j] || up[i][j] || !may[i][j] {
						continue
					}
					seenC[j] = true
					if gotC[j] < needC[j] {
						up[i][j] = true
						gotC[j]++
						return true
					}
					for k := range may {
						if up[k][j] && !seenR[k] && path(k) {
							up[k][j] = false
							up[i][j] = true
							return true
						}
					}
				}
				return false
			}
			if !path(i0) {
				return nil, false
			}
			gotR[i0]++
		}
	}
	return up, true
}

// apportion rounds figures to places so that they add up to their total,
// itself rounded once to places: the largest remainder method of
// docs/methodology.md §5, as money is shared out in pence. (Each rounded
// on its own, eight councils' room-days can miss their total by 0.01.)
func apportion(xs []decimal.Decimal, total decimal.Decimal, places int32) []decimal.Decimal {
	const below = 10 // places of each part kept below the last shown: far beyond the inputs'
	nums := make([]*big.Int, len(xs))
	for i, x := range xs {
		nums[i] = x.Shift(places + below).Floor().BigInt()
	}
	whole := carecast.RoundHalfAway(total, places).Shift(places).IntPart()
	out := make([]decimal.Decimal, len(xs))
	for i, p := range carecast.Apportion(whole, nums, new(big.Int).Exp(big.NewInt(10), big.NewInt(below), nil), nil) {
		out[i] = decimal.New(p, -places)
	}
	return out
}

// RoundToTotal rounds figures to places so that they add up to their sum
// rounded once: the rounding of a column of a table (apportion), for a
// figure set out of a table (a chart's data).
func RoundToTotal(xs []decimal.Decimal, places int32) []decimal.Decimal {
	total := decimal.Zero
	for _, x := range xs {
		total = total.Add(x)
	}
	return apportion(xs, total, places)
}
