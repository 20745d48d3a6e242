package inputs

import (
	"errors"
	"strings"
	"testing"

	"github.com/carecast/carecast/internal/golden"
)

// baseFiles is a small valid scenario as CSV files: two councils over two
// years, 2019-04-01 to 2021-03-31, typed the ways an analyst types them.
func baseFiles() map[string]string {
	return map[string]string{
		"assumptions.csv": "setting,value\n" +
			"scenario,Test\n" + // line 2
			"start_date,2019-04-01\n" + // 3
			"years,2\n" + // 4
			"block_weekly_price,\"£3,000\"\n" + // 5
			"occupancy_rate,90%\n", // 6
		"councils.csv": "code,name\n" +
			"A,Alpha\n" + // 2
			"B,Beta\n", // 3
		"pledges.csv": "council,from,to,annual_amount\n" +
			"A,2019-04-01,2021-03-31,100000\n" + // 2
			"Beta,01/04/2019,31/03/2021,\"£50,000.00\"\n", // 3
		"rooms.csv": "from,rooms\n" +
			"2019-04-01,2\n" + // 2
			"2020-04-01,3\n", // 3
		"occupancy.csv": "council,from,rooms_occupied\n" +
			"A,2019-04-01,1\n" + // 2
			"B,2019-04-01,1\n" + // 3
			"B,2020-04-01,1.5\n", // 4
		"spotcosts.csv": "council,from,weekly_cost,annual_inflation\n" +
			"A,2019-04-01,4000,5%\n" + // 2
			"B,2019-01-01,3800,0.05\n", // 3
		"grants.csv": "date,amount,description\n" +
			"2019-06-15,\"£10,000\",DfE\n", // 2
		"costs.csv": "description,from,to,annual_amount\n" +
			"Team,2019-04-01,2021-03-31,12000\n", // 2
	}
}

// baseDump is baseFiles read by hand: defaults filled (block price date
// the start date, no uplift, the Green Book discount rate, 2% deflator,
// settlement at the end), councils by index, amounts to the penny.
const baseDump = `scenario "Test" start 2019-04-01 years 2 block 3000 on 2019-04-01 uplift 0 occ 0.9 disc 0.035 defl 0.02 open 0.00 settle true
council "A" "Alpha" share 0 false
council "B" "Beta" share 0 false
pledge 0 2019-04-01 2021-03-31 100000.00
pledge 1 2019-04-01 2021-03-31 50000.00
rooms 2019-04-01 2
rooms 2020-04-01 3
occupancy 0 2019-04-01 1
occupancy 1 2019-04-01 1
occupancy 1 2020-04-01 1.5
spot 0 2019-04-01 4000 0.05
spot 1 2019-01-01 3800 0.05
grant 2019-06-15 10000.00 "DfE"
cost "Team" 2019-04-01 2021-03-31 12000.00
`

func TestDecodeValid(t *testing.T) {
	s, warns, err := Decode(csvBook(baseFiles()))
	if err != nil {
		t.Fatalf("unexpected errors:\n%v", err)
	}
	if len(warns) > 0 {
		t.Errorf("unexpected warnings:\n%s", problems(warns))
	}
	if got := dump(s); got != baseDump {
		t.Errorf("scenario differs:\n%s", golden.Diff(got, baseDump))
	}
}

// with returns baseFiles with some files replaced (an empty text deletes).
func with(over map[string]string) map[string]string {
	files := baseFiles()
	for k, v := range over {
		if v == "" {
			delete(files, k)
		} else {
			files[k] = v
		}
	}
	return files
}

// Every error of docs/methodology.md §2 and issue 3, each with its location and
// wording, worked out from the files by hand.
func TestDecodeErrors(t *testing.T) {
	for _, c := range []struct {
		name string
		over map[string]string
		want []string
	}{
		{"missing sheet", map[string]string{"spotcosts.csv": ""}, []string{
			"scenario: missing file spotcosts.csv (what a spot placement costs each council); expected it with columns council, from, weekly_cost, annual_inflation",
		}},
		{"missing column", map[string]string{"pledges.csv": "council,from,to\nA,2019-04-01,2021-03-31\n"}, []string{
			"pledges.csv: missing column annual_amount; found columns council, from, to",
		}},
		{"missing setting", map[string]string{"assumptions.csv": "setting,value\nstart_date,2019-04-01\nyears,2\n"}, []string{
			"assumptions.csv: missing setting block_weekly_price (£ a week); expected a row with setting block_weekly_price and its value, the price of one block room a week, such as 2850 or £2,850.00",
		}},
		{"blank required setting", map[string]string{"assumptions.csv": "setting,value\nstart_date,2019-04-01\nyears,2\nblock_weekly_price,\n"}, []string{
			"assumptions.csv:4: column value: missing value of block_weekly_price; expected the price of one block room a week, such as 2850 or £2,850.00",
		}},
		{"unknown council", map[string]string{"pledges.csv": "council,from,to,annual_amount\nA,2019-04-01,2021-03-31,100000\nGamma,2019-04-01,2021-03-31,1\n"}, []string{
			`pledges.csv:3: column council: unknown council: found "Gamma"; expected the code or name of a council in councils.csv (A, B)`,
		}},
		{"negative amount", map[string]string{"pledges.csv": "council,from,to,annual_amount\nA,2019-04-01,2021-03-31,100000\nB,2019-04-01,2021-03-31,\"(1,200)\"\n"}, []string{
			`pledges.csv:3: column annual_amount: negative amount: found "(1,200)"; expected zero or more`,
		}},
		{"negative spot cost and grant", map[string]string{
			"spotcosts.csv": "council,from,weekly_cost,annual_inflation\nA,2019-04-01,-4000,5%\nB,2019-01-01,3800,0.05\n",
			"grants.csv":    "date,amount,description\n2019-06-15,-£10,DfE\n",
		}, []string{
			`spotcosts.csv:2: column weekly_cost: negative amount: found "-4000"; expected zero or more`,
			`grants.csv:2: column amount: negative amount: found "-£10"; expected zero or more`,
		}},
		{"bad date", map[string]string{"pledges.csv": "council,from,to,annual_amount\nA,31/13/2019,2021-03-31,100000\nB,2019-04-01,2021-03-31,50000\n"}, []string{
			`pledges.csv:2: column from: not a date: found "31/13/2019" (13 is not a month); expected a date such as 2019-04-01 or 01/04/2019`,
		}},
		{"missing value", map[string]string{"pledges.csv": "council,from,to,annual_amount\nA,,2021-03-31,100000\n,2019-04-01,2021-03-31,50000\n"}, []string{
			`pledges.csv:2: column from: missing value; expected a date such as 2019-04-01 or 01/04/2019`,
			`pledges.csv:3: column council: missing value; expected the code or name of a council in councils.csv`,
		}},
		{"bad number", map[string]string{"rooms.csv": "from,rooms\n2019-04-01,two\n2020-04-01,3\n"}, []string{
			`rooms.csv:2: column rooms: not a number: found "two"; expected a whole number of rooms, 0 or more`,
		}},
		{"rooms not whole", map[string]string{"rooms.csv": "from,rooms\n2019-04-01,2\n2020-04-01,2.5\n"}, []string{
			`rooms.csv:3: column rooms: rooms not a whole number: found "2.5"; expected a whole number of rooms, 0 or more`,
		}},
		{"negative occupancy", map[string]string{"occupancy.csv": "council,from,rooms_occupied\nA,2019-04-01,-1\n"}, []string{
			`occupancy.csv:2: column rooms_occupied: negative number of rooms: found "-1"; expected a number of rooms, 0 or more`,
		}},
		{"spreadsheet error value", map[string]string{"pledges.csv": "council,from,to,annual_amount\nA,2019-04-01,2021-03-31,#DIV/0!\nB,2019-04-01,2021-03-31,50000\n"}, []string{
			`pledges.csv:2: column annual_amount: the cell holds the spreadsheet error #DIV/0!; expected an amount in pounds such as 650000 or £650,000.00`,
		}},
		{"from after to", map[string]string{"pledges.csv": "council,from,to,annual_amount\nA,2020-04-01,2019-04-01,100000\nB,2019-04-01,2021-03-31,50000\n"}, []string{
			`pledges.csv:2: column to: to is before from: from 2020-04-01, to 2019-04-01; expected to on or after from`,
		}},
		{"pledge before the model", map[string]string{"pledges.csv": "council,from,to,annual_amount\nA,2015-04-01,2016-03-31,100000\nB,2019-04-01,2021-03-31,50000\n"}, []string{
			`pledges.csv:2: column to: the pledge ends before the model starts: to 2016-03-31 is before start_date 2019-04-01; expected a window that overlaps the model, 2019-04-01 to 2021-03-31`,
		}},
		{"cost after the model", map[string]string{"costs.csv": "description,from,to,annual_amount\nTeam,2021-04-01,2022-03-31,12000\n"}, []string{
			`costs.csv:2: column from: the cost begins after the model ends: from 2021-04-01 is after its last day, 2021-03-31; expected a window that overlaps the model, 2019-04-01 to 2021-03-31`,
		}},
		{"grant outside the model", map[string]string{"grants.csv": "date,amount,description\n2021-04-01,10000,DfE\n2019-03-31,5,early\n"}, []string{
			`grants.csv:2: column date: the grant is dated outside the model: 2021-04-01; expected a date from 2019-04-01 to 2021-03-31`,
			`grants.csv:3: column date: the grant is dated outside the model: 2019-03-31; expected a date from 2019-04-01 to 2021-03-31`,
		}},
		{"rows after the model", map[string]string{
			"rooms.csv":     "from,rooms\n2019-04-01,2\n2020-04-01,3\n2021-04-01,5\n",
			"occupancy.csv": "council,from,rooms_occupied\nA,2019-04-01,1\nB,2019-04-01,1\nB,2022-01-01,1\n",
		}, []string{
			`rooms.csv:4: column from: from 2021-04-01 is after the last day of the model, 2021-03-31; expected a date on or before it`,
			`occupancy.csv:4: column from: from 2022-01-01 is after the last day of the model, 2021-03-31; expected a date on or before it`,
		}},
		{"overlapping pledges", map[string]string{"pledges.csv": "council,from,to,annual_amount\nA,2019-04-01,2021-03-31,100000\nB,2019-04-01,2021-03-31,50000\nAlpha,2020-04-01,2022-03-31,1000\n"}, []string{
			`pledges.csv:4: column from: pledge windows overlap: 2020-04-01 to 2022-03-31 overlaps row 2, 2019-04-01 to 2021-03-31, of the same council, Alpha; expected one pledge at a time per council`,
		}},
		{"occupancy above capacity", map[string]string{"occupancy.csv": "council,from,rooms_occupied\nA,2019-04-01,1\nB,2019-04-01,1\nB,2020-04-01,1.5\nA,2020-06-15,2\n"}, []string{
			// From 2020-06-15: A 2 + B 1.5 = 3.5 rooms, 3 available.
			`occupancy.csv:5: column rooms_occupied: occupancy above capacity on 2020-06-15: the councils occupy 3.5 rooms in all but 3 block rooms are available; expected at most 3`,
		}},
		{"capacity falls below occupancy", map[string]string{"rooms.csv": "from,rooms\n2019-04-01,2\n2020-04-01,3\n2020-10-01,2\n"}, []string{
			// From 2020-10-01: A 1 + B 1.5 = 2.5 rooms, 2 available.
			`rooms.csv:4: column rooms: occupancy above capacity on 2020-10-01: the councils occupy 2.5 rooms in all but 2 block rooms are available; expected at most 2`,
		}},
		{"above capacity from before the start", map[string]string{"occupancy.csv": "council,from,rooms_occupied\nA,2019-01-01,2\nB,2019-04-01,1\n"}, []string{
			// On the first day: A 2 (since January) + B 1 = 3 rooms, 2 available.
			`occupancy.csv:3: column rooms_occupied: occupancy above capacity on 2019-04-01: the councils occupy 3 rooms in all but 2 block rooms are available; expected at most 2`,
		}},
		{"no spot cost in force", map[string]string{"spotcosts.csv": "council,from,weekly_cost,annual_inflation\nA,2019-04-01,4000,5%\nB,2019-06-01,3800,0.05\n"}, []string{
			`occupancy.csv:3: column rooms_occupied: no spot cost in force: Beta occupies rooms on 2019-04-01 but its first spot cost is from 2019-06-01; expected a spotcosts.csv row for B with from on or before 2019-04-01`,
		}},
		{"no spot cost at all", map[string]string{"spotcosts.csv": "council,from,weekly_cost,annual_inflation\nB,2019-01-01,3800,0.05\n"}, []string{
			`occupancy.csv:2: column rooms_occupied: no spot cost in force: Alpha occupies rooms on 2019-04-01 but it has no spotcosts.csv row; expected a spotcosts.csv row for A with from on or before 2019-04-01`,
		}},
		{"no spot cost for the default occupancy", map[string]string{
			"occupancy.csv": "council,from,rooms_occupied\n",
			"spotcosts.csv": "council,from,weekly_cost,annual_inflation\nA,2019-04-01,4000,5%\n",
		}, []string{
			`councils.csv:3: column code: no spot cost in force: Beta occupies block rooms from 2019-04-01 at the default occupancy (occupancy_rate, as occupancy.csv has no rows) but it has no spotcosts.csv row; expected a spotcosts.csv row for B with from on or before 2019-04-01`,
		}},
		{"default occupancy from the first pledge", map[string]string{
			// Beta pledges from April 2020: its share, and so its default
			// occupancy, is zero before; its spot cost starts in May.
			"occupancy.csv": "council,from,rooms_occupied\n",
			"pledges.csv":   "council,from,to,annual_amount\nA,2019-04-01,2021-03-31,100000\nB,2020-04-01,2021-03-31,50000\n",
			"spotcosts.csv": "council,from,weekly_cost,annual_inflation\nA,2019-04-01,4000,5%\nB,2020-05-01,3800,0.05\n",
		}, []string{
			`councils.csv:3: column code: no spot cost in force: Beta occupies block rooms from 2020-04-01 at the default occupancy (occupancy_rate, as occupancy.csv has no rows) but its first spot cost is from 2020-05-01; expected a spotcosts.csv row for B with from on or before 2020-04-01`,
		}},
		{"occupancy and demand both", map[string]string{
			"demand.csv": "council,from,placements\nA,2019-04-01,1.5\n",
		}, []string{
			`demand.csv:2: occupancy.csv has rows too; expected rows in occupancy.csv or in demand.csv, not both (occupancy is either given or derived from demand)`,
		}},
		{"allocations above the rooms", map[string]string{
			// 2 rooms, then 3: A 1 + B 1 fit, then A 3 + B 1 = 4 do not;
			// B's 0 from June fits, its 1 from December does not, nor
			// does A 3 + B 1 when the rooms fall to 1 in January 2021.
			"assumptions.csv": "setting,value\nstart_date,2019-04-01\nyears,2\nblock_weekly_price,3000\nsharing,allocated\nmax_fill,0.12345\n",
			"rooms.csv":       "from,rooms\n2019-04-01,2\n2020-04-01,3\n2021-01-01,1\n",
			"occupancy.csv":   "council,from,rooms_occupied\n",
			"demand.csv":      "council,from,placements\nA,2019-04-01,1.5\nB,2019-04-01,0.1234567\n",
			"allocations.csv": "council,from,rooms\nA,2019-04-01,1\nB,2019-04-01,1\nA,2020-04-01,3\nB,2020-06-01,0\nB,2020-12-01,1\n",
		}, []string{
			`assumptions.csv:6: column value: max_fill to more than four decimal places: found "0.12345"; expected a rate above 0% and at most 100%, to at most four decimal places, such as 90% or 0.9`,
			`demand.csv:3: column placements: too many decimal places: found "0.1234567"; expected a number of placements to at most 6 decimal places`,
			`allocations.csv:4: column rooms: allocations above the rooms available on 2020-04-01: 4 rooms are allocated in all but 3 block rooms are available; expected at most 3`,
			`allocations.csv:6: column rooms: allocations above the rooms available on 2020-12-01: 4 rooms are allocated in all but 3 block rooms are available; expected at most 3`,
			`allocations.csv:6: column rooms: allocations above the rooms available on 2021-01-01: 4 rooms are allocated in all but 1 block rooms are available; expected at most 1`,
		}},
		{"placements not a number of children", map[string]string{
			"occupancy.csv": "council,from,rooms_occupied\n",
			"demand.csv":    "council,from,placements\nA,2019-04-01,-1\nB,2019-04-01,two\n",
		}, []string{
			`demand.csv:2: column placements: negative number of placements: found "-1"; expected a number of placements (children at once), 0 or more`,
			`demand.csv:3: column placements: not a number: found "two"; expected a number of placements (children at once), 0 or more`,
		}},
		{"allocated sharing without allocations", map[string]string{
			"assumptions.csv": "setting,value\nstart_date,2019-04-01\nyears,2\nblock_weekly_price,3000\nsharing,allocated trade\n",
			"occupancy.csv":   "council,from,rooms_occupied\n",
			"demand.csv":      "council,from,placements\nA,2019-04-01,1.5\n",
		}, []string{
			`in allocations.csv: sharing is allocated_trade but there are no allocations; expected rows in allocations.csv saying which rooms each council has, or sharing pooled`,
		}},
		{"demand with no spot cost, unknown sharing", map[string]string{
			"assumptions.csv": "setting,value\nstart_date,2019-04-01\nyears,2\nblock_weekly_price,3000\nsharing,shared\n",
			"occupancy.csv":   "council,from,rooms_occupied\n",
			"demand.csv":      "council,from,placements\nA,2019-04-01,1.5\nB,2019-04-01,2\nB,2019-02-01,0\n",
			"spotcosts.csv":   "council,from,weekly_cost,annual_inflation\nA,2019-04-01,4000,5%\nB,2019-05-01,3800,0.05\n",
		}, []string{
			`assumptions.csv:5: column value: unknown sharing rule: found "shared"; expected pooled, allocated or allocated_trade`,
			`demand.csv:3: column placements: no spot cost in force: Beta needs placements on 2019-04-01 but its first spot cost is from 2019-05-01; expected a spotcosts.csv row for B with from on or before 2019-04-01`,
		}},
		{"start date not the first", map[string]string{"assumptions.csv": "setting,value\nscenario,Test\nstart_date,15/04/2019\nyears,2\nblock_weekly_price,3000\n"}, []string{
			`assumptions.csv:3: column value: start_date not the first day of a month: found "15/04/2019" (2019-04-15); expected the first day of a month, such as 2019-04-01`,
		}},
		{"years out of range", map[string]string{"assumptions.csv": "setting,value\nscenario,Test\nstart_date,2019-04-01\nyears,45\nblock_weekly_price,3000\n"}, []string{
			`assumptions.csv:4: column value: years out of range: found "45"; expected a whole number of years from 1 to 30`,
		}},
		{"zero years", map[string]string{"assumptions.csv": "setting,value\nstart_date,2019-04-01\nyears,0\nblock_weekly_price,3000\n"}, []string{
			`assumptions.csv:3: column value: years out of range: found "0"; expected a whole number of years from 1 to 30`,
		}},
		{"rates out of sense", map[string]string{"assumptions.csv": "setting,value\nstart_date,2019-04-01\nyears,2\nblock_weekly_price,3000\noccupancy_rate,90\ndiscount_rate,-1%\ndeflator,-150%\n"}, []string{
			`assumptions.csv:5: column value: occupancy_rate out of range: found "90" (9000%); expected from 0% to 100%; did you mean 90%?`,
			`assumptions.csv:6: column value: discount_rate out of range: found "-1%"; expected from 0% to 15% a year`,
			`assumptions.csv:7: column value: deflator out of range: found "-150%"; expected from -10% to 20% a year`,
		}},
		{"bad settings", map[string]string{"assumptions.csv": "setting,value\nstart_date,2019-04-01\nyears,2\nblock_weekly_price,3000\nsettle_at_end,perhaps\nyears,3\nblock_price_date,soon\n"}, []string{
			`assumptions.csv:5: column value: not yes or no: found "perhaps"; expected yes or no`,
			`assumptions.csv:6: column setting: setting years appears twice (first on row 3); expected it once`,
			`assumptions.csv:7: column value: not a date: found "soon"; expected a date such as 2019-04-01 or 01/04/2019`,
		}},
		{"same date twice", map[string]string{
			"rooms.csv":     "from,rooms\n2019-04-01,2\n2020-04-01,3\n01/04/2019,4\n",
			"occupancy.csv": "council,from,rooms_occupied\nA,2019-04-01,1\nB,2019-04-01,1\nB,2020-04-01,1.5\nBeta,2020-04-01,1\n",
		}, []string{
			`rooms.csv:4: column from: row 2 has the same from date, 2019-04-01; expected one number of rooms per date`,
			`occupancy.csv:5: column from: row 4 has the same from date and council, 2020-04-01; expected one occupancy per council per date`,
		}},
		{"councils named twice", map[string]string{"councils.csv": "code,name\nA,Alpha\nB,Beta\nA,Another\nC,alpha\n"}, []string{
			`councils.csv:4: column code: council code "A" is already used on row 2; expected each code and name once`,
			`councils.csv:5: column name: council name "alpha" is already used on row 2; expected each code and name once`,
		}},
		{"no councils", map[string]string{"councils.csv": "code,name\n"}, []string{
			`councils.csv: no councils; expected at least one row under the header`,
		}},
		{"bad shares", map[string]string{"councils.csv": "code,name,share\nA,Alpha,0\nB,Beta,0%\n"}, []string{
			`councils.csv:1: column share: every share is zero; expected at least one positive share, or every share blank to share by pledges`,
		}},
		{"negative share", map[string]string{"councils.csv": "code,name,share\nA,Alpha,60%\nB,Beta,-40%\n"}, []string{
			`councils.csv:3: column share: negative share: found "-40%"; expected zero or more, or blank`,
		}},
		{"bad risks", map[string]string{"risks.csv": "factor,distribution,low,mode,high\n" +
			"occupancy,triangular,0.8,1,1.05\n" +
			"wibble,uniform,0,,1\n" +
			"spot_price,triangular,1.2,1,1.15\n" +
			"grants,beta,0.8,1,1\n" +
			"Occupancy,normal,0.9,1,1.1\n" +
			"block_price,triangular,-0.1,1,1.1\n"}, []string{
			`risks.csv:3: column factor: unknown risk factor: found "wibble"; expected one of occupancy, spot_price, spot_inflation, block_price, block_uplift, ramp_delay, grants, demand, demand_council`,
			`risks.csv:4: column mode: low, mode and high out of order: found 1.2, 1, 1.15; expected low <= mode <= high`,
			`risks.csv:5: column distribution: unknown distribution: found "beta"; expected triangular, uniform or normal`,
			`risks.csv:6: column factor: risk factor occupancy appears twice (first on row 2); expected it once`,
			`risks.csv:7: column low: block_price out of range: found "-0.1"; expected from 0 to 5`,
		}},
		{"a second table", map[string]string{"spot_costs.csv": "council,from,weekly_cost\nA,2019-04-01,1\n"}, []string{
			`spotcosts.csv: a second SpotCosts table (the first is spot_costs.csv); expected one`,
		}},
		{"column twice", map[string]string{"rooms.csv": "from,rooms,Rooms\n2019-04-01,2,2\n2020-04-01,3,3\n"}, []string{
			`rooms.csv:1: column Rooms: column rooms appears twice (first in rooms.csv:1: column rooms); expected it once`,
		}},
	} {
		t.Run(c.name, func(t *testing.T) {
			_, _, err := Decode(csvBook(with(c.over)))
			if err == nil {
				t.Fatalf("no error; want:\n%s", strings.Join(c.want, "\n"))
			}
			var errs *Errors
			if !errors.As(err, &errs) {
				t.Fatalf("error is %T, want *Errors", err)
			}
			got := problems(errs.Problems)
			want := strings.Join(c.want, "\n")
			if got != want {
				t.Errorf("got:\n%s\nwant:\n%s", got, want)
			}
			if err.Error() != want {
				t.Errorf("Error() = %q, want one problem a line", err.Error())
			}
		})
	}
}

// Inputs that look odd but are right.
func TestDecodeValidVariants(t *testing.T) {
	for _, c := range []struct {
		name string
		over map[string]string
	}{
		{"pledge windows that meet", map[string]string{"pledges.csv": "council,from,to,annual_amount\nA,2019-04-01,2020-03-31,100000\nA,2020-04-01,2021-03-31,100000\nB,2019-04-01,2021-03-31,50000\n"}},
		{"a window that began earlier", map[string]string{"pledges.csv": "council,from,to,annual_amount\nA,2017-04-01,2021-03-31,100000\nB,2019-04-01,2025-03-31,50000\n"}},
		{"occupancy at capacity", map[string]string{"occupancy.csv": "council,from,rooms_occupied\nA,2019-04-01,1\nB,2019-04-01,1\nB,2020-04-01,2\n"}},
		{"no rooms occupied before the spot cost", map[string]string{
			"occupancy.csv": "council,from,rooms_occupied\nA,2019-04-01,1\nB,2019-04-01,0\nB,2019-06-01,1\n",
			"spotcosts.csv": "council,from,weekly_cost,annual_inflation\nA,2019-04-01,4000,5%\nB,2019-06-01,3800,0.05\n",
		}},
		{"default occupancy with no pledge yet", map[string]string{
			"occupancy.csv": "council,from,rooms_occupied\n",
			"pledges.csv":   "council,from,to,annual_amount\nA,2019-04-01,2021-03-31,100000\nB,2020-04-01,2021-03-31,50000\n",
			"spotcosts.csv": "council,from,weekly_cost,annual_inflation\nA,2019-04-01,4000,5%\nB,2020-04-01,3800,0.05\n",
		}},
		{"default occupancy with a zero share", map[string]string{
			"occupancy.csv": "council,from,rooms_occupied\n",
			"councils.csv":  "code,name,share\nA,Alpha,100%\nB,Beta,\n",
			"spotcosts.csv": "council,from,weekly_cost,annual_inflation\nA,2019-04-01,4000,5%\n",
		}},
		{"no rooms until the spot cost", map[string]string{
			"occupancy.csv": "council,from,rooms_occupied\n",
			"rooms.csv":     "from,rooms\n2019-04-01,0\n2019-09-01,3\n",
			"spotcosts.csv": "council,from,weekly_cost,annual_inflation\nA,2019-04-01,4000,5%\nB,2019-09-01,3800,0.05\n",
		}},
		{"a value before start_date", map[string]string{"rooms.csv": "from,rooms\n2018-01-01,2\n2020-04-01,3\n"}},
		{"uniform risk without a mode", map[string]string{"risks.csv": "factor,distribution,low,mode,high\nramp_delay,uniform,0,,6\nspot_inflation,triangular,-2%,0,3%\n"}},
	} {
		t.Run(c.name, func(t *testing.T) {
			if _, _, err := Decode(csvBook(with(c.over))); err != nil {
				t.Errorf("unexpected errors:\n%v", err)
			}
		})
	}
}

// A file with many errors reports them all in one run, in the order of the
// sheets of docs/methodology.md §2 and then the checks across rows.
func TestDecodeManyErrors(t *testing.T) {
	files := with(map[string]string{
		"assumptions.csv": "setting,value\nstart_date,2019-04-01\nyears,2\nblock_weekly_price,lots\n",
		"pledges.csv":     "council,from,to,annual_amount\nZ,2019-04-01,2021-03-31,100000\nB,2019-04-01,2019-02-01,\"(5)\"\nA,2019-04-01,2021-03-31,1\nA,2020-04-01,2021-03-31,1\n",
		"rooms.csv":       "from,rooms\n2019-04-01,1.5\n",
		"grants.csv":      "date,amount,description\n30/02/2020,10,x\n",
	})
	_, _, err := Decode(csvBook(files))
	var errs *Errors
	if !errors.As(err, &errs) {
		t.Fatalf("got %v, want *Errors", err)
	}
	want := []string{
		`assumptions.csv:4: column value: not an amount: found "lots"; expected the price of one block room a week, such as 2850 or £2,850.00`,
		`pledges.csv:2: column council: unknown council: found "Z"; expected the code or name of a council in councils.csv (A, B)`,
		`pledges.csv:3: column annual_amount: negative amount: found "(5)"; expected zero or more`,
		`pledges.csv:3: column to: to is before from: from 2019-04-01, to 2019-02-01; expected to on or after from`,
		`rooms.csv:2: column rooms: rooms not a whole number: found "1.5"; expected a whole number of rooms, 0 or more`,
		`grants.csv:2: column date: not a date: found "30/02/2020" (February has no day 30); expected a date such as 2019-04-01 or 01/04/2019`,
		`pledges.csv:5: column from: pledge windows overlap: 2020-04-01 to 2021-03-31 overlaps row 4, 2019-04-01 to 2021-03-31, of the same council, Alpha; expected one pledge at a time per council`,
	}
	if got := problems(errs.Problems); got != strings.Join(want, "\n") {
		t.Errorf("got:\n%s\nwant:\n%s", got, strings.Join(want, "\n"))
	}
}

func TestDecodeWarnings(t *testing.T) {
	files := with(map[string]string{
		"extra.csv":       "a,b\n1,2\n",
		"notes.csv":       "anything\n",
		"pledges.csv":     "council,from,to,annual_amount,owner,notes\nA,2019-04-01,2021-03-31,100000,x,y\nB,2019-04-01,2021-03-31,50000,,\n",
		"assumptions.csv": "setting,value,unit\nstart_date,2019-04-01,date\nyears,2,years\nblock_weekly_price,3000,£\ncolour,blue,\n",
	})
	_, warns, err := Decode(csvBook(files))
	if err != nil {
		t.Fatalf("unexpected errors:\n%v", err)
	}
	want := strings.Join([]string{
		`extra.csv: unknown file, ignored; carecast reads assumptions.csv, councils.csv, pledges.csv, rooms.csv, occupancy.csv, demand.csv, allocations.csv, spotcosts.csv, grants.csv, costs.csv, risks.csv, options.csv, widerbenefits.csv, paper.csv, riskregister.csv, placecodes.csv, accounts.csv, actuals.csv`,
		`pledges.csv:1: column owner: unknown column "owner", ignored; expected columns council, from, to, annual_amount`,
		`assumptions.csv:5: column setting: unknown setting "colour", ignored; expected one of scenario, start_date, years, block_weekly_price, block_price_date, block_uplift, occupancy_rate, discount_rate, deflator, opening_fund_balance, settle_at_end, optimism_bias, max_fill, sharing, journal_prefix, oracle_ledger_id, oracle_source, oracle_category, oracle_segments, unit4_client, unit4_voucher_type, unit4_batch_id, unit4_interface, unit4_period, rag_amber, rag_red, as_at`,
	}, "\n")
	if got := problems(warns); got != want {
		t.Errorf("got:\n%s\nwant:\n%s", got, want)
	}
}

// Names of files, headers and settings match ignoring case, spaces,
// hyphens, underscores and a unit in brackets; columns come in any order.
func TestDecodeLooseNames(t *testing.T) {
	files := baseFiles()
	delete(files, "spotcosts.csv")
	files["Spot Costs.CSV"] = "Annual Inflation (%),Weekly cost (£ a week),From (date),COUNCIL\n5%,4000,2019-04-01,alpha\n0.05,3800,2019-01-01,b\n"
	files["assumptions.csv"] = "Setting,Value\nScenario,Test\nStart Date,2019-04-01\nYEARS,2\nBlock-Weekly-Price (£),\"£3,000\"\nOccupancy rate,90%\n"
	s, warns, err := Decode(csvBook(files))
	if err != nil {
		t.Fatalf("unexpected errors:\n%v", err)
	}
	if len(warns) > 0 {
		t.Errorf("unexpected warnings:\n%s", problems(warns))
	}
	if got := dump(s); got != baseDump {
		t.Errorf("scenario differs:\n%s", golden.Diff(got, baseDump))
	}
}
