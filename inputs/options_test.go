package inputs

import (
	"strings"
	"testing"

	"github.com/carecast/carecast"
	"github.com/shopspring/decimal"
)

// The Options sheet read: settings, councils left out and scales, in the
// order the options first appear.
func TestDecodeOptions(t *testing.T) {
	files := with(map[string]string{
		"options.csv": "option,setting,value\n" +
			"Fewer rooms,description,Half the rooms\n" + // 2
			"Fewer rooms,rooms_scale,1.5\n" + // 3
			"Dearer,block_weekly_price,\"£3,500\"\n" + // 4
			"Without Beta,exclude_council,Beta\n" + // 5
			"dearer,optimism_bias,41%\n" + // 6: the same option, named loosely
			"Without Beta,pledge_scale,0.5\n" + // 7
			"Without Beta,occupancy_scale,0.8\n", // 8
		"widerbenefits.csv": "measure,unit,per_room_year,unit_value,bearer,source\n" +
			"Missing-person episodes avoided,episodes,0.5,\"£2,415\",police,University of Portsmouth (2012)\n",
	})
	s, warns, err := Decode(csvBook(files))
	if err != nil {
		t.Fatalf("unexpected errors:\n%v", err)
	}
	if len(warns) > 0 {
		t.Errorf("unexpected warnings:\n%s", problems(warns))
	}
	d := decimal.RequireFromString
	if len(s.Options) != 3 {
		t.Fatalf("%d options, want 3", len(s.Options))
	}
	o := s.Options[0]
	if o.Name != "Fewer rooms" || o.Description != "Half the rooms" || !o.RoomsScale.Valid || !o.RoomsScale.Decimal.Equal(d("1.5")) || len(o.Keys) != 0 {
		t.Errorf("option 1: %+v", o)
	}
	o = s.Options[1]
	if o.Name != "Dearer" || strings.Join(o.Keys, ",") != "block_weekly_price,optimism_bias" ||
		!o.Assumptions.BlockWeeklyPrice.Equal(d("3500")) || !o.Assumptions.OptimismBias.Equal(d("0.41")) {
		t.Errorf("option 2: %+v", o)
	}
	o = s.Options[2]
	if len(o.ExcludeCouncils) != 1 || o.ExcludeCouncils[0] != 1 || !o.PledgeScale.Decimal.Equal(d("0.5")) || !o.OccupancyScale.Decimal.Equal(d("0.8")) {
		t.Errorf("option 3: %+v", o)
	}
	if len(s.WiderBenefits) != 1 {
		t.Fatalf("%d wider benefits, want 1", len(s.WiderBenefits))
	}
	w := s.WiderBenefits[0]
	if w.Measure != "Missing-person episodes avoided" || w.Unit != "episodes" || !w.PerRoomYear.Equal(d("0.5")) ||
		!w.UnitValue.Equal(carecast.Pounds(2415)) || w.Bearer != "police" || w.Source != "University of Portsmouth (2012)" {
		t.Errorf("wider benefit %+v", w)
	}
	if !s.Assumptions.OptimismBias.IsZero() {
		t.Errorf("the base case's optimism bias is %s, want the default 0", s.Assumptions.OptimismBias)
	}
}

// An option whose changed inputs break a rule is an error at its first
// row, with every other problem at once; so are bad rows of the sheet.
func TestDecodeOptionErrors(t *testing.T) {
	files := with(map[string]string{
		"options.csv": "option,setting,value\n" +
			"Fewer rooms,description,Half the rooms\n" + // 2
			"Fewer rooms,rooms_scale,0.5\n" + // 3: 1 room then 2, under 2 occupied
			"Dearer,block_weekly_price,\"£3,500\"\n" + // 4
			"Dearer,optimism_bias,41%\n" + // 5
			"Bad,colour,blue\n" + // 6
			"Bad,exclude_council,Zed\n" + // 7
			"Bad,pledge_scale,-1\n" + // 8
			"Later,start_date,2022-04-01\n" + // 9
			"Dearer,optimism_bias,-5%\n" + // 10
			",rooms_scale,2\n" + // 11
			"Nobody,exclude_council,A\n" + // 12
			"Nobody,exclude_council,Beta\n" + // 13
			"Full,occupancy_scale,1.5\n", // 14: 3 rooms in 2020 then
		"widerbenefits.csv": "measure,unit,per_room_year,unit_value\n" +
			",episodes,x,-3\n", // 2
	})
	_, _, err := Decode(csvBook(files))
	if err == nil {
		t.Fatal("no errors")
	}
	want := []string{
		`options.csv:6: column setting: unknown setting "colour" for option "Bad"; expected one of description, exclude_council, rooms_scale, pledge_scale, occupancy_scale, scenario, start_date, years, block_weekly_price, block_price_date, block_uplift, occupancy_rate, discount_rate, deflator, opening_fund_balance, settle_at_end, optimism_bias, max_fill, sharing`,
		`options.csv:7: column value: unknown council: found "Zed"; expected the code or name of a council in councils.csv (A, B)`,
		`options.csv:8: column value: pledge_scale out of range: found "-1"; expected a factor of 0 or more, such as 0.9`,
		`options.csv:10: column setting: setting optimism_bias appears twice for option "Dearer" (first on row 5); expected it once`,
		`options.csv:11: column option: missing value; expected the name of the option this row belongs to`,
		`widerbenefits.csv:2: column measure: missing value; expected what the benefit is, such as missing-person episodes avoided`,
		`widerbenefits.csv:2: column per_room_year: not a number: found "x"; expected the units each occupied block room-year brings, such as 0.5`,
		`widerbenefits.csv:2: column unit_value: negative amount: found "-3"; expected zero or more`,
	}
	if got := err.Error(); got != strings.Join(want, "\n") {
		t.Errorf("errors:\n%s\nwant:\n%s", got, strings.Join(want, "\n"))
	}

	// Without the bad rows the checks of the options' scenarios run.
	files["options.csv"] = "option,setting,value\n" +
		"Fewer rooms,description,Half the rooms\n" + // 2
		"Fewer rooms,rooms_scale,0.5\n" + // 3
		"Dearer,block_weekly_price,\"£3,500\"\n" + // 4
		"Later,start_date,2022-04-01\n" + // 5
		"Nobody,exclude_council,A\n" + // 6
		"Nobody,exclude_council,Beta\n" + // 7
		"Full,occupancy_scale,1.5\n" // 8
	delete(files, "widerbenefits.csv")
	_, _, err = Decode(csvBook(files))
	if err == nil {
		t.Fatal("no errors")
	}
	want = []string{
		`options.csv:2: column option: option "Fewer rooms": occupancy above capacity on 2019-04-01: the councils occupy 2 rooms in all but 1 block rooms are available; expected at most 1`,
		`options.csv:5: column option: option "Later": the pledge of A ends before the model starts: to 2021-03-31 is before start_date 2022-04-01; expected a window that overlaps the model, 2022-04-01 to 2024-03-31`,
		`options.csv:5: column option: option "Later": the pledge of B ends before the model starts: to 2021-03-31 is before start_date 2022-04-01; expected a window that overlaps the model, 2022-04-01 to 2024-03-31`,
		`options.csv:5: column option: option "Later": the cost ends before the model starts: to 2021-03-31 is before start_date 2022-04-01; expected a window that overlaps the model, 2022-04-01 to 2024-03-31`,
		`options.csv:5: column option: option "Later": a grant is dated outside the model: 2019-06-15; expected a date from 2022-04-01 to 2024-03-31`,
		`options.csv:6: column option: option "Nobody": it leaves out every council; expected at least one council to take part`,
		`options.csv:8: column option: option "Full": occupancy above capacity on 2019-04-01: the councils occupy 3 rooms in all but 2 block rooms are available; expected at most 2`,
	}
	if got := err.Error(); got != strings.Join(want, "\n") {
		t.Errorf("errors:\n%s\nwant:\n%s", got, strings.Join(want, "\n"))
	}
}

// Options are checked on a scenario whose occupancy follows demand, with
// allocations, as on one with Occupancy rows: the options' scenarios are
// checked (this panicked, an index out of range, before the checks of an
// option's scenario knew the Demand and Allocations rows), and an option
// that breaks a rule is named at its row. Under "Earlier" the model starts
// on 1 January 2019, when A needs placements but has no spot cost yet.
func TestDecodeOptionsWithDemand(t *testing.T) {
	files := with(map[string]string{
		"assumptions.csv": "setting,value\nscenario,Test\nstart_date,2019-04-01\nyears,2\nblock_weekly_price,3000\nsharing,allocated_trade\n",
		"occupancy.csv":   "",
		"demand.csv":      "council,from,placements\nA,2019-01-01,1.5\nB,2019-04-01,1\n",
		"allocations.csv": "council,from,rooms\nA,2019-04-01,1\nB,2019-04-01,1\n",
		"options.csv": "option,setting,value\n" +
			"Without Beta,exclude_council,Beta\n" + // 2
			"Fewer rooms,rooms_scale,0.5\n" + // 3
			"Pooled,sharing,pooled\n", // 4
	})
	s, _, err := Decode(csvBook(files))
	if err != nil {
		t.Fatalf("unexpected errors:\n%v", err)
	}
	if len(s.Options) != 3 || len(s.Demand) != 2 || len(s.Allocations) != 2 {
		t.Fatalf("%d options, %d demand rows, %d allocations; want 3, 2, 2", len(s.Options), len(s.Demand), len(s.Allocations))
	}
	files["options.csv"] = "option,setting,value\nEarlier,start_date,2019-01-01\n"
	_, _, err = Decode(csvBook(files))
	if err == nil {
		t.Fatal("no errors")
	}
	want := `options.csv:2: column option: option "Earlier": no spot cost in force: Alpha needs placements on 2019-01-01 but its first spot cost is from 2019-04-01; expected a spotcosts.csv row for A with from on or before 2019-01-01`
	if got := err.Error(); got != want {
		t.Errorf("errors:\n%s\nwant:\n%s", got, want)
	}
}
