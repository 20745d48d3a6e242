package inputs

import (
	"strings"
	"testing"

	"github.com/carecast/carecast"
	"github.com/shopspring/decimal"
)

// An Actuals table as a finance officer types it (baseFiles: councils A
// and B, 2 rooms from April 2019, each occupying 1): any day of the month,
// items and councils any way case allows, amounts with £ and commas.
func TestActualsValid(t *testing.T) {
	files := with(map[string]string{"actuals.csv": "month,item,council,value\n" +
		"15/05/2019,Block_Cost,,\"£6,100.005\"\n" + // 2: rounded to pence
		"2019-05-31,occupied_room_days,Alpha,30.5\n" + // 3
		"2019-05-01,pledges,b,4166.67\n" + // 4
		"2019-07-01,grants,,0\n"}) // 5
	s, warns, err := Decode(csvBook(files))
	if err != nil {
		t.Fatal(err)
	}
	may, jul := carecast.NewDate(2019, 5, 1), carecast.NewDate(2019, 7, 1)
	want := []carecast.Actual{
		{Month: may, Item: carecast.ActualBlockCost, Council: -1, Value: decimal.RequireFromString("6100.01")},
		{Month: may, Item: carecast.ActualOccupiedRoomDays, Council: 0, Value: decimal.RequireFromString("30.5")},
		{Month: may, Item: carecast.ActualPledges, Council: 1, Value: decimal.RequireFromString("4166.67")},
		{Month: jul, Item: carecast.ActualGrants, Council: -1, Value: decimal.Zero},
	}
	if len(s.Actuals) != len(want) {
		t.Fatalf("%d rows, want %d: %+v", len(s.Actuals), len(want), s.Actuals)
	}
	for i, w := range want {
		g := s.Actuals[i]
		if g.Month != w.Month || g.Item != w.Item || g.Council != w.Council || !g.Value.Equal(w.Value) {
			t.Errorf("row %d: %+v, want %+v", i+2, g, w)
		}
	}
	if got := s.AsAt(); got != carecast.NewDate(2019, 7, 31) {
		t.Errorf("as at %s, want 2019-07-31", got)
	}
	// April and June have no rows: their forecast stands, and a warning
	// says so.
	wantWarn := "actuals.csv: no actuals in actuals.csv for 2 months before the as-at date 2019-07-31 (2019-04, 2019-06): the forecast stands for them"
	if got := problems(warns); !strings.Contains(got, wantWarn) {
		t.Errorf("warnings:\n%s\nwant %s", got, wantWarn)
	}
}

// Every problem of an Actuals row, at its cell, all at once; the as_at
// setting says where the actuals end.
func TestActualsErrors(t *testing.T) {
	files := with(map[string]string{
		"assumptions.csv": baseFiles()["assumptions.csv"] + "as_at,30/06/2019\n",
		"actuals.csv": "month,item,council,value\n" +
			"2019-07-01,grants,,100\n" + // 2: after the as-at date
			"2019-05-01,grants,,100\n" + // 3
			"2019-05-20,Grants,,200\n" + // 4: May's grants again
			"2019-05-01,invoices,,5\n" + // 5: no such item
			"2019-05-01,block_cost,A,5\n" + // 6: the consortium's item
			"2019-05-01,pledges,,5\n" + // 7: no council
			"2019-05-01,other_costs,,-5\n" + // 8: negative
			"2019-05-01,occupied_room_days,Zeta,5\n" + // 9: unknown council
			"2023-01-01,grants,,5\n"}) // 10: outside the model
	_, _, err := Decode(csvBook(files))
	if err == nil {
		t.Fatal("no error")
	}
	got := err.Error()
	for _, want := range []string{
		"actuals.csv:2: column month: month 2019-07 is after the as-at date 2019-06-30: expected no actuals after it (the as_at setting, or --as-at)",
		"actuals.csv:4: a second row for grants in 2019-05 (the first is row 3); expected one",
		`actuals.csv:5: column item: unknown item: found "invoices"; expected one of occupied_room_days, capacity_room_days, block_cost, pledges, grants, other_costs`,
		`actuals.csv:6: column council: block_cost is the consortium's, not a council's: found "A"; expected the council left blank`,
		"actuals.csv:7: column council: missing value; pledges is a council's: expected the council, by code or name",
		`actuals.csv:8: column value: negative value: found "-5"`,
		`actuals.csv:9: column council: unknown council: found "Zeta"`,
		"actuals.csv:10: column month: month 2023-01 is outside the model: expected a date from 2019-04-01 to 2021-03-31",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("errors lack %q:\n%s", want, got)
		}
	}
	if n := strings.Count(got, "\n") + 1; n != 8 {
		t.Errorf("%d errors, want 8:\n%s", n, got)
	}
}

// A month's occupied room-days, actual and forecast, above its capacity,
// actual or forecast: located at the month's rows. May 2019 has 2 rooms x
// 31 days = 62 room-days; A's 40 actual and B's forecast 1 x 31 = 31 make
// 71. June with its capacity given as 70 room-days holds A's 39 and B's
// 30; a row after an --as-at of 31 May is an error.
func TestActualsCapacity(t *testing.T) {
	files := with(map[string]string{"actuals.csv": "month,item,council,value\n" +
		"2019-05-01,occupied_room_days,A,40\n" + // 2
		"2019-06-01,occupied_room_days,A,39\n" + // 3
		"2019-06-01,capacity_room_days,,70\n"}) // 4
	_, _, err := Decode(csvBook(files))
	if err == nil {
		t.Fatal("no error")
	}
	want := "actuals.csv:2: column value: occupancy above capacity in 2019-05: the councils occupied 71 room-days in all but the rooms had 62 room-days; expected at most 62"
	if got := err.Error(); got != want {
		t.Errorf("error:\n%s\nwant\n%s", got, want)
	}
	_, _, err = DecodeWith(csvBook(with(map[string]string{"actuals.csv": "month,item,council,value\n" +
		"2019-05-01,occupied_room_days,A,30\n" + // 2
		"2019-06-01,occupied_room_days,A,39\n" + // 3
		"2019-06-01,capacity_room_days,,70\n"})), Overrides{AsAt: carecast.NewDate(2019, 5, 31)})
	if err == nil {
		t.Fatal("no error with --as-at")
	}
	for _, want := range []string{"actuals.csv:3: column month: month 2019-06 is after the as-at date 2019-05-31", "actuals.csv:4: column month: month 2019-06 is after"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("errors lack %q:\n%s", want, err)
		}
	}
	// An --as-at that is not a month's last day is the command line's to
	// report: the reader leaves the input's as-at date.
	bad := carecast.NewDate(2019, 5, 30)
	s, _, err := DecodeWith(csvBook(baseFiles()), Overrides{AsAt: bad})
	if err != nil || !s.Assumptions.AsAt.IsZero() {
		t.Errorf("--as-at not a month's end: %v, as at %s", err, s.Assumptions.AsAt)
	}
	if got, want := CheckAsAt(s.Assumptions, bad), "as_at 2019-05-30 is not the last day of a month: expected 2019-05-31, the last day of its month"; got != want {
		t.Errorf("CheckAsAt: %q, want %q", got, want)
	}
}
