package main

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

// Warnings for silent mistakes: printed on stderr by validate and forecast,
// located, with exit status 0 and the outputs written as usual.

// warningLines returns the lines of stderr that are warnings.
func warningLines(stderr string) []string {
	var ws []string
	for _, l := range strings.Split(stderr, "\n") {
		if strings.HasPrefix(l, "warning: ") {
			ws = append(ws, l)
		}
	}
	return ws
}

// checkWarned runs validate and forecast (into a folder) on input and
// checks each exits 0 with exactly want as its warnings, the summary on
// stdout and the outputs written.
func checkWarned(t *testing.T, input string, want []string) {
	t.Helper()
	code, stdout, stderr := runCmd(t, false, "validate", input)
	stderr = inFolder(stderr, input)
	if code != exitOK {
		t.Fatalf("validate: exit %d, stderr:\n%s", code, stderr)
	}
	if got := warningLines(stderr); !slices.Equal(got, want) {
		t.Errorf("validate warnings:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	status := ": OK\n"
	if n := len(want); n > 0 {
		status = ": OK, with " + plural(n, "warning") + " (on stderr)\n"
	}
	if n := len(want); !strings.Contains(stdout, status) {
		t.Errorf("validate stdout does not count %d warnings:\n%s", n, stdout)
	}
	out := filepath.Join(t.TempDir(), "out")
	code, stdout, stderr = runCmd(t, false, "forecast", input, "--out", out)
	stderr = inFolder(stderr, input)
	if code != exitOK {
		t.Fatalf("forecast: exit %d, stderr:\n%s", code, stderr)
	}
	if got := warningLines(stderr); !slices.Equal(got, want) {
		t.Errorf("forecast warnings:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if !strings.Contains(stdout, "Savings\t") {
		t.Errorf("forecast printed no summary:\n%s", stdout)
	}
	if got := dirNames(t, out); !slices.Equal(got, []string{"charts.html", "forecast.xlsx"}) {
		t.Errorf("forecast wrote %v", got)
	}
}

// A council listed but with no pledges, no spot price and no occupancy.
func TestWarnCouncilWithNothing(t *testing.T) {
	in := scenarioFolder(t, map[string]string{
		"councils.csv":  "code,name\nA,Alpha\nB,Beta\nC,Gamma\n",
		"occupancy.csv": "council,from,rooms_occupied\nA,2019-04-01,1\nB,2019-04-01,0.5\nC,2019-04-01,0\n",
	})
	checkWarned(t, in, []string{
		"warning: councils.csv:4: column code: council C (Gamma) pays no pledge in any month from 1 April 2019 to 31 March 2021; expected a Pledges row for it above zero, unless it joins the scheme without paying in",
		"warning: councils.csv:4: column code: council C (Gamma) has no spot price above zero in any month from 1 April 2019 to 31 March 2021, so the scheme avoids no spot purchasing for it; expected a SpotCosts row for it",
		"warning: councils.csv:4: column code: council C (Gamma) occupies no block room in any month from 1 April 2019 to 31 March 2021 (no Occupancy row above zero in force); expected rows for it, or leave it out of the Councils sheet",
	})
}

// Rows that end before the scheme, or start after it, leave a council
// with nothing in any month; a pledge window with no month-start in it
// pays no instalment.
func TestWarnRowsOutsideTheMonths(t *testing.T) {
	in := scenarioFolder(t, map[string]string{
		// B's pledge window holds no first day of a month: no instalment.
		"pledges.csv": "council,from,to,annual_amount\nA,2019-04-01,2021-03-31,100000\nB,2019-05-02,2019-05-31,50000\n",
		// B's spot price is replaced by zero before the scheme starts.
		"spotcosts.csv": "council,from,weekly_cost,annual_inflation\nA,2019-04-01,4000,5%\nB,2018-04-01,3800,5%\nB,2019-01-01,0,0\n",
		"occupancy.csv": "council,from,rooms_occupied\nA,2019-04-01,1\n",
	})
	checkWarned(t, in, []string{
		// The plausibility check sees the zero price too.
		`warning: spotcosts.csv:4: column weekly_cost: unusual weekly_cost: found "0"; most schemes are from £500.00 to £30,000.00 a week; check it`,
		"warning: councils.csv:3: column code: council B (Beta) pays no pledge in any month from 1 April 2019 to 31 March 2021; expected a Pledges row for it above zero, unless it joins the scheme without paying in",
		"warning: councils.csv:3: column code: council B (Beta) has no spot price above zero in any month from 1 April 2019 to 31 March 2021, so the scheme avoids no spot purchasing for it; expected a SpotCosts row for it",
		"warning: councils.csv:3: column code: council B (Beta) occupies no block room in any month from 1 April 2019 to 31 March 2021 (no Occupancy row above zero in force); expected rows for it, or leave it out of the Councils sheet",
	})
}

// Pledges far above the scheme's costs: the fund ends in surplus.
// Block £700 a week (£100 a day) for 2 rooms over the 731 days from 1
// April 2019 to 31 March 2021: £146,200.00. Pledges £100,000 + £50,000 a
// year for two years: £300,000.00, which is £153,800.00 more (105% of
// the costs), the fund's closing balance.
func TestWarnPledgesFarAboveCosts(t *testing.T) {
	in := scenarioFolder(t, map[string]string{
		"assumptions.csv": "setting,value\nscenario,Small\nstart_date,2019-04-01\nyears,2\nblock_weekly_price,700\n",
	})
	checkWarned(t, in, []string{
		"warning: pledges.csv: pledges of £300,000.00 are £153,800.00 more than the scheme's costs net of grants, £146,200.00 (105% of them), so the fund ends £153,800.00 in surplus before settlement; expected pledges close to the costs",
	})
	// At £3,000 a week the costs (£626,571.43) exceed the pledges: no warning.
	checkWarned(t, scenarioFolder(t, nil), nil)
}

// A table read from a hidden sheet is named.
func TestWarnHiddenSheet(t *testing.T) {
	in := filepath.Join(t.TempDir(), "inputs.xlsx")
	if code, _, stderr := runCmd(t, false, "init", in); code != exitOK {
		t.Fatalf("init: exit %d: %s", code, stderr)
	}
	f, err := excelize.OpenFile(in)
	if err != nil {
		t.Fatal(err)
	}
	if err := f.SetSheetVisible("Grants", false); err != nil {
		t.Fatal(err)
	}
	if err := f.Save(); err != nil {
		t.Fatal(err)
	}
	f.Close()
	checkWarned(t, in, []string{
		"warning: Grants: this sheet is hidden in the workbook, and carecast reads it all the same; unhide it (right-click a sheet tab, Unhide) to see the figures used",
	})
	// The built-in template has a hidden Lists sheet of its own, which
	// carecast does not read: no warning for it.
	if _, err := os.Stat(in); err != nil {
		t.Fatal(err)
	}
}
