package reports

import (
	"bytes"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/shopspring/decimal"
)

// apportion: the parts, each its exact value rounded down or up, add up
// to the total rounded once. Worked by hand: 1.004 + 1.004 + 1.004 =
// 3.012, shown 3.01; each rounded alone is 1.00 (3.00 in all), so one
// part, the first of the equal remainders, takes the hundredth left over.
func TestHundredths(t *testing.T) {
	d := decimal.RequireFromString
	got := apportion([]decimal.Decimal{d("1.004"), d("1.004"), d("1.004")}, d("3.012"), 2)
	want := []string{"1.01", "1", "1"}
	for i := range got {
		if got[i].String() != want[i] {
			t.Errorf("part %d: %s, want %s", i, got[i], want[i])
		}
	}
}

// roundTable over generated tables: every cell is its exact value rounded
// down or up to hundredths; the cells add up to the column totals, the
// column totals to the whole rounded once; and (the flow found, as it
// was for every table here) each row's total, the sum of its cells, is
// its exact total rounded down or up. The tables have the overflow's
// shape: rows of councils, columns of years, many cells zero or equal.
func TestRoundTableAddsUp(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 7))
	for n := range 400 {
		nr, nc := 1+rng.IntN(12), 1+rng.IntN(10)
		x := make([][]decimal.Decimal, nr)
		for i := range x {
			v := decimal.New(rng.Int64N(100000000), -6) // to 6 places, as room-days are
			for range nc {
				switch rng.IntN(4) {
				case 0:
					x[i] = append(x[i], decimal.Zero)
				case 1:
					x[i] = append(x[i], v) // a repeated year
				default:
					x[i] = append(x[i], decimal.New(rng.Int64N(100000000), -6))
				}
			}
		}
		cells, cols := roundTable(x, 2)
		whole := decimal.Zero
		for i := range x {
			rowExact, rowShown := decimal.Zero, decimal.Zero
			for j, v := range x[i] {
				c := cells[i][j]
				if c.LessThan(v.Shift(2).Floor().Shift(-2)) || c.GreaterThan(v.Shift(2).Ceil().Shift(-2)) {
					t.Fatalf("table %d: cell %d,%d is %s for %s", n, i, j, c, v)
				}
				rowExact, rowShown, whole = rowExact.Add(v), rowShown.Add(c), whole.Add(v)
			}
			if rowShown.LessThan(rowExact.Shift(2).Floor().Shift(-2)) || rowShown.GreaterThan(rowExact.Shift(2).Ceil().Shift(-2)) {
				t.Fatalf("table %d: row %d shows %s for %s", n, i, rowShown, rowExact)
			}
		}
		sum := decimal.Zero
		for j := range cols {
			col := decimal.Zero
			for i := range x {
				col = col.Add(cells[i][j])
			}
			if !col.Equal(cols[j]) {
				t.Fatalf("table %d: column %d adds to %s, shown %s", n, j, col, cols[j])
			}
			sum = sum.Add(cols[j])
		}
		if !sum.Equal(whole.Round(2)) {
			t.Fatalf("table %d: columns add to %s, the whole is %s", n, sum, whole.Round(2))
		}
	}
}

// The tab-separated summary of examples/demand adds up as shown: each
// council's overflow years to its total, the councils to each year's
// Total, the years to the whole (14,826.70 room-days, the forecast's);
// the councils' occupied room-days to their Total.
func TestSummaryRoomDaysAddUp(t *testing.T) {
	r := demandExample(t)
	var b bytes.Buffer
	if err := WriteTSV(&b, r); err != nil {
		t.Fatal(err)
	}
	section := func(name string) [][]string {
		var rows [][]string
		in := false
		for _, line := range strings.Split(b.String(), "\n") {
			switch {
			case line == "# "+name:
				in = true
			case in && (line == "" || strings.HasPrefix(line, "#")):
				return rows
			case in:
				rows = append(rows, strings.Split(line, "\t"))
			}
		}
		return rows
	}
	num := func(f string) decimal.Decimal { return decimal.RequireFromString(f) }
	ov := section("overflow")
	years := len(r.Years)
	if len(ov) != len(r.Councils)+2 {
		t.Fatalf("overflow has %d rows", len(ov))
	}
	colSums := make([]decimal.Decimal, years+1)
	for _, row := range ov[1 : len(ov)-1] {
		sum := decimal.Zero
		for j := 1; j <= years; j++ {
			sum = sum.Add(num(row[j]))
			colSums[j-1] = colSums[j-1].Add(num(row[j]))
		}
		if !sum.Equal(num(row[years+1])) {
			t.Errorf("%s: years add to %s, total shown %s", row[0], sum, row[years+1])
		}
		colSums[years] = colSums[years].Add(num(row[years+1]))
	}
	total := ov[len(ov)-1]
	for j := range colSums {
		if !colSums[j].Equal(num(total[j+1])) {
			t.Errorf("overflow column %s: councils add to %s, Total shows %s", ov[0][j+1], colSums[j], total[j+1])
		}
	}
	if want := "14826.70"; total[years+1] != want || !r.Total.OverflowRoomDays.Round(2).Equal(num(want)) {
		t.Errorf("overflow whole %s, want %s (the forecast's %s)", total[years+1], want, r.Total.OverflowRoomDays)
	}
	cs := section("councils")
	last := len(cs[0]) - 1
	sum := decimal.Zero
	for _, row := range cs[1 : len(cs)-1] {
		sum = sum.Add(num(row[last]))
	}
	if got := cs[len(cs)-1][last]; !sum.Equal(num(got)) || !num(got).Equal(r.Total.OccupiedRoomDays.Round(2)) {
		t.Errorf("councils' occupied room-days add to %s; Total shows %s; the forecast's %s", sum, got, r.Total.OccupiedRoomDays)
	}
}
