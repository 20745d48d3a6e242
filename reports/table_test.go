package reports

import (
	"bytes"
	"strings"
	"testing"

	"github.com/carecast/carecast"
	"github.com/carecast/carecast/forecast"
	"github.com/carecast/carecast/inputs"
	"github.com/shopspring/decimal"
)

// The one formatting policy: each unit at its places, for a reader and for
// a program. Worked by hand.
func TestCellFormat(t *testing.T) {
	dd := decimal.RequireFromString
	pounds := Style{Pound: true}
	for _, tc := range []struct {
		c     Cell
		s     Style
		want  string
		label string
	}{
		{MoneyCell(carecast.MustMoney("-1234.5"), 2), Reader, "(1,234.50)", "pence, reader"},
		{MoneyCell(carecast.MustMoney("-1234.5"), 2), Program, "-1234.50", "pence, program"},
		{MoneyCell(carecast.MustMoney("-1234.5"), 2), pounds, "(£1,234.50)", "pence, with the sign"},
		{MoneyCell(carecast.MustMoney("11330132.65"), 0), pounds, "£11,330,133", "pounds, half up"},
		{MoneyCell(carecast.MustMoney("-0.4"), 0), Reader, "0", "no brackets round nothing"},
		{MoneyCell(carecast.MustMoney("1234567.89"), -3), Reader, "1,235", "£000"},
		{MoneyCell(carecast.MustMoney("-402950"), -3), Reader, "(403)", "£000, negative"},
		{MoneyCell(carecast.MustMoney("-402950"), -3), Program, "-403", "£000, program"},
		{MoneyCell(carecast.MustMoney("1234567.89"), -4), Reader, "1.23", "£m"},
		{MoneyCell(carecast.MustMoney("1235000"), -4), Reader, "1.24", "£m, half away"},
		{MoneyCell(carecast.MustMoney("-60455000"), -4), Reader, "(60.46)", "£m, negative"},
		{MoneyCell(carecast.MustMoney("1234567890.12"), -4), Reader, "1,234.57", "£m, grouped"},
		{MoneyCell(carecast.MustMoney("-4999.99"), -4), Reader, "0.00", "£m, no brackets round nothing"},
		{MoneyCell(carecast.MustMoney("-60455000"), -4), Program, "-60.46", "£m, program"},
		{RateCell(dd("0.696564"), 2), Reader, "69.66%", "rate"},
		{RateCell(dd("0.9"), 1), Program, "90.0%", "rate to one place"},
		{RateCell(dd("0"), 2), Reader, "0.00%", "no optimism bias"},
		{RoomDaysCell(dd("14826.7")), Reader, "14,826.70", "room-days"},
		{RoomDaysCell(dd("14826.7")), Program, "14826.70", "room-days, program"},
		{CountCell(10000), Reader, "10,000", "count"},
		{CountCell(10000), Program, "10000", "count, program"},
		{Cell{Unit: UnitQuantity, Places: 2, Value: dd("110.757976")}, Reader, "110.76", "quantity"},
		{Cell{Unit: UnitQuantity, Places: 2, Value: dd("110.757976")}, Program, "110.757976", "quantity, program: exact"},
		{DateCell(carecast.Date{Year: 2019, Month: 4, Day: 1}), Reader, "01/04/2019", "date"},
		{DateCell(carecast.Date{Year: 2019, Month: 4, Day: 1}), Program, "2019-04-01", "date, program"},
		{Text("words"), Program, "words", "text"},
	} {
		if got := tc.c.Format(tc.s); got != tc.want {
			t.Errorf("%s: got %q, want %q", tc.label, got, tc.want)
		}
	}
}

// Money to thousands adds up as shown, by the largest remainder. Worked by
// hand: three councils pay £1,400 each, £4,200 in all, shown as 4 (£000);
// each alone would show 1 (3 in all), so the first of the equal
// remainders shows 2.
func TestRoundColumnThousands(t *testing.T) {
	col := Column{Unit: UnitMoney, Places: -3}
	tb := &Table{Columns: []Column{label(""), col}}
	for range 3 {
		tb.Rows = append(tb.Rows, Row{Text("c"), col.Figure(decimal.NewFromInt(1400))})
	}
	tb.Totals = []Row{{Text("Total"), col.Figure(decimal.NewFromInt(4200))}}
	tb.roundColumn(1)
	var got []string
	for _, r := range tb.AllRows() {
		got = append(got, r[1].Format(Reader))
	}
	if want := "2 1 1 4"; strings.Join(got, " ") != want {
		t.Errorf("got %v, want %s", got, want)
	}
}

// A council's figures by financial year, for the paper: in pence they are
// the forecast's own (its pledges, savings), the shares of empty rooms and
// of running costs add up to its shared cost, and the eight councils add
// up, cell by cell, to the consortium's table, an independent route
// (VoidShares against the consortium's void cost). In £000 every column
// adds up to its total as shown, each cell its exact value rounded down or
// up, and the cumulative savings run to the total savings.
func TestCouncilByYear(t *testing.T) {
	r, err := forecast.Run(inputs.BuiltInScenario())
	if err != nil {
		t.Fatal(err)
	}
	cons := CouncilByYear(r, -1, Options{})
	if got := cons.Columns[3].Head; got != carecast.LabelVoidCost {
		t.Errorf("consortium's column 3 is %q", got)
	}
	sum := make([][]decimal.Decimal, len(cons.Rows))
	for i := range sum {
		sum[i] = make([]decimal.Decimal, 8)
	}
	for c, cr := range r.Councils {
		tb := CouncilByYear(r, c, Options{})
		if tb.Columns[3].Head != carecast.LabelShareOfVoid || tb.Columns[4].Head != carecast.LabelShareOfRunning {
			t.Fatalf("council's columns %v", tb.Heads())
		}
		for i, row := range tb.Rows {
			y := cr.Years[i]
			if !row[1].Value.Equal(y.Pledges.Decimal()) || !row[7].Value.Equal(y.Savings.Decimal()) {
				t.Errorf("%s %s: pledges %s savings %s, the forecast's %s %s", cr.Council.Code, row.Label(), row[1].Value, row[7].Value, y.Pledges, y.Savings)
			}
			if got := row[3].Value.Add(row[4].Value); !got.Equal(y.SharedCost.Decimal()) {
				t.Errorf("%s %s: shares add to %s, its shared cost %s", cr.Council.Code, row.Label(), got, y.SharedCost)
			}
			for j := 1; j <= 7; j++ {
				sum[i][j] = sum[i][j].Add(row[j].Value)
			}
		}
	}
	for i, row := range cons.Rows {
		for j := 1; j <= 7; j++ {
			if !sum[i][j].Equal(row[j].Value) {
				t.Errorf("%s, %s: councils add to %s, the consortium's %s", row.Label(), cons.Columns[j].Head, sum[i][j], row[j].Value)
			}
		}
	}

	for c := -1; c < len(r.Councils); c++ {
		exact := CouncilByYear(r, c, Options{Exact: true})
		tb := CouncilByYear(r, c, Options{Money: Thousands})
		for j := 1; j <= 7; j++ {
			shown := decimal.Zero
			for i, row := range tb.Rows {
				v, x := row[j].Value, exact.Rows[i][j].Value.Shift(-3)
				if v.Shift(-3).LessThan(x.Floor()) || v.Shift(-3).GreaterThan(x.Ceil()) {
					t.Errorf("council %d, %s %s: %s for %s", c, row.Label(), tb.Columns[j].Head, v, exact.Rows[i][j].Value)
				}
				shown = shown.Add(v)
			}
			if total := tb.Totals[0][j].Value; !shown.Equal(total) || !total.Equal(exact.Totals[0][j].Value.Round(-3)) {
				t.Errorf("council %d, %s: rows show %s, total %s (exact %s)", c, tb.Columns[j].Head, shown, total, exact.Totals[0][j].Value)
			}
		}
		last := tb.Rows[len(tb.Rows)-1]
		if !last[8].Value.Equal(tb.Totals[0][7].Value) || !tb.Totals[0][8].Value.Equal(tb.Totals[0][7].Value) {
			t.Errorf("council %d: cumulative savings end at %s, total savings %s", c, last[8].Value, tb.Totals[0][7].Value)
		}
	}
}

// A new table is one builder and a call to a renderer: ByMonth, rendered
// as tab-separated text. Its months add up to ByYear's financial years (a
// second route), and its first month of the built-in is worked by hand:
// each council pledges £650,000 a year, paid monthly, £54,166.67 to the
// penny, so eight pay £433,333.36 in April 2019.
func TestByMonth(t *testing.T) {
	r, err := forecast.Run(inputs.BuiltInScenario())
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	writeTableTSV(&b, ByMonth(r, Options{}))
	lines := strings.Split(strings.TrimSpace(b.String()), "\n")
	if len(lines) != 1+96+1 {
		t.Fatalf("%d lines", len(lines))
	}
	if want := "Month\tPledges\tGrants\t"; !strings.HasPrefix(lines[0], want) {
		t.Errorf("headings %q", lines[0])
	}
	if want := "2019-04-01\t433333.36\t"; !strings.HasPrefix(lines[1], want) {
		t.Errorf("April 2019: %q, want it to start %q", lines[1], want)
	}
	months, years := ByMonth(r, Options{}), ByYear(r, Options{})
	for i, y := range r.Years {
		for j := 1; j <= 8; j++ {
			s := decimal.Zero
			for m := y.First; m <= y.Last; m++ {
				s = s.Add(months.Rows[m][j].Value)
			}
			if !s.Equal(years.Rows[i][j].Value) {
				t.Errorf("%s %s: months add to %s, the year %s", y.FY, years.Columns[j].Head, s, years.Rows[i][j].Value)
			}
		}
	}
}

// The tables turn and select without changing a figure: the charts page
// shows the sharing rules a row a rule.
func TestTransposeSelect(t *testing.T) {
	r := demandExample(t)
	rules := SharingRules(r.Sharing, Options{Money: Pounds})
	tr := rules.Transpose(carecast.LabelSharingRule)
	if len(tr.Rows) != 3 || tr.Rows[1][0].Key != carecast.SharingAllocatedTrade || tr.Columns[1].Head != carecast.LabelSavings {
		t.Fatalf("transposed: %v %v", tr.Heads(), tr.Rows[1][0])
	}
	if got := tr.Rows[1][1].Format(Style{Pound: true}); got != "£11,192,552" {
		t.Errorf("traded savings %s, want £11,192,552 (£11,192,552.18)", got)
	}
	sel := Overflow(r, Options{}).Select(0, len(r.Years)+1)
	if got := sel.Totals[0][1].Format(Reader); got != "14,826.70" || len(sel.Columns) != 2 {
		t.Errorf("overflow selected: %v %s", sel.Heads(), got)
	}
}

// demandExample is examples/demand's forecast.
func demandExample(t *testing.T) *carecast.Result {
	t.Helper()
	s, _, err := inputs.Load("../examples/demand")
	if err != nil {
		t.Fatal(err)
	}
	r, err := forecast.Run(s)
	if err != nil {
		t.Fatal(err)
	}
	return r
}
