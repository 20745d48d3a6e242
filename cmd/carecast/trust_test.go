package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/carecast/carecast/inputs/inputstest"
	"github.com/xuri/excelize/v2"
)

// The failures of issue 10 on the input side, each at the command layer:
// the exit status, the located message on stderr, nothing written.

// refused runs every command that reads an input on dir and checks that
// each exits 1 with want on stderr, writes nothing to stdout and creates
// no output folder.
func refused(t *testing.T, dir string, want ...string) {
	t.Helper()
	for _, args := range [][]string{
		{"validate", dir},
		{"forecast", dir, "--out", "OUT"},
		{"forecast", dir, "--risk", "--runs", "20", "--out", "OUT"},
		{"sensitivity", dir},
		{"simulate", dir, "--runs", "20"},
		{"charts", dir, "--out", "OUT"},
	} {
		out := filepath.Join(t.TempDir(), "out")
		for i, a := range args {
			if a == "OUT" {
				args[i] = out
			}
		}
		code, stdout, stderr := runCmd(t, false, args...)
		if code != exitInput {
			t.Errorf("%s: exit %d, want %d; stderr:\n%s", args[0], code, exitInput, stderr)
		}
		for _, w := range want {
			if !strings.Contains(stderr, w+"\n") {
				t.Errorf("%s: stderr lacks %q:\n%s", args[0], w, stderr)
			}
		}
		if strings.Contains(stderr, "goroutine") || strings.Contains(stderr, "panic") {
			t.Errorf("%s: a stack trace:\n%s", args[0], stderr)
		}
		if stdout != "" {
			t.Errorf("%s: stdout %q, want nothing", args[0], stdout)
		}
		if _, err := os.Stat(out); !os.IsNotExist(err) {
			t.Errorf("%s: the output folder was created (%v)", args[0], err)
		}
	}
}

const thirtyYears = "setting,value\nscenario,Small\nstart_date,2019-04-01\nyears,30\nblock_weekly_price,3000\n"

// Failure 1: block_uplift typed 2 (200% a year) over 30 years panicked in
// forecast, sensitivity, simulate and charts; and so did a Risks row
// adding 3 (300 points) to the uplift over 20 years.
func TestIssue10PanicOnAcceptedInput(t *testing.T) {
	t.Run("block_uplift 2", func(t *testing.T) {
		dir := scenarioFolder(t, map[string]string{"assumptions.csv": thirtyYears + "block_uplift,2\n"})
		refused(t, dir, `assumptions.csv:6: column value: block_uplift out of range: found "2" (200% a year); expected from -50% to 50% a year; did you mean 2%?`)
	})
	t.Run("risks block_uplift high 3", func(t *testing.T) {
		dir := scenarioFolder(t, map[string]string{
			"assumptions.csv": strings.Replace(thirtyYears, "years,30", "years,20", 1),
			"risks.csv":       "factor,distribution,low,mode,high\nblock_uplift,triangular,0,0,3\n",
		})
		refused(t, dir, `risks.csv:2: column high: block_uplift out of range: found "3" (300% added a year); expected from -50% to 50%; did you mean 3%?`)
	})
}

// Failure 2: figures wrapped round. Spot inflation typed 5 over 14 years,
// a pledge of £92,233,720,368,547,758.08 (2^63 pence), a deflator of
// -99.9999%, and values each in range whose compound is too large.
func TestIssue10FiguresWrapRound(t *testing.T) {
	t.Run("spot inflation 5", func(t *testing.T) {
		dir := scenarioFolder(t, map[string]string{
			"assumptions.csv": strings.Replace(thirtyYears, "years,30", "years,14", 1),
			"spotcosts.csv":   "council,from,weekly_cost,annual_inflation\nA,2019-04-01,4000,5\nB,2019-04-01,3800,5%\n",
		})
		refused(t, dir, `spotcosts.csv:2: column annual_inflation: annual_inflation out of range: found "5" (500% a year); expected from -50% to 50% a year; did you mean 5%?`)
	})
	t.Run("pledge of 2^63 pence", func(t *testing.T) {
		dir := scenarioFolder(t, map[string]string{
			"pledges.csv": "council,from,to,annual_amount\nA,2019-04-01,2021-03-31,92233720368547758.08\nB,2019-04-01,2021-03-31,50000\n",
		})
		refused(t, dir, `pledges.csv:2: column annual_amount: annual_amount out of range: found "92233720368547758.08"; expected from £0.00 to £1,000,000,000.00`)
	})
	t.Run("deflator -99.9999%", func(t *testing.T) {
		dir := scenarioFolder(t, map[string]string{
			"assumptions.csv": "setting,value\nstart_date,2019-04-01\nyears,2\nblock_weekly_price,3000\ndeflator,-99.9999%\n",
		})
		refused(t, dir, `assumptions.csv:5: column value: deflator out of range: found "-99.9999%"; expected from -10% to 20% a year`)
	})
	t.Run("in range, too large together", func(t *testing.T) {
		// £100,000 a week rising 50% a year is £100,000 x 1.5^29, £1.3e10 a
		// week, by the 30th year; for 100,000 rooms that is more than £10
		// trillion a month.
		dir := scenarioFolder(t, map[string]string{
			"assumptions.csv": "setting,value\nstart_date,2019-04-01\nyears,30\nblock_weekly_price,100000\nblock_uplift,50%\n",
			"rooms.csv":       "from,rooms\n2019-04-01,100000\n",
		})
		refused(t, dir, `assumptions.csv:5: column value: the block price grows too large: at 50% a year from 2019-04-01 it reaches £12,783,403,948.86 a week by 2049-03-31, and 100,000 rooms at that price cost more than £10,000,000,000,000.00 a month, the most carecast computes; expected a smaller block_weekly_price, block_uplift or number of rooms`)
	})
}

// Failure 5: with every room occupied the void cost was negative. At
// occupancy_rate 100% it is exactly zero, every year and over the horizon.
func TestIssue10VoidNeverNegative(t *testing.T) {
	dir := scenarioFolder(t, map[string]string{
		"assumptions.csv": "setting,value\nstart_date,2019-04-01\nyears,2\nblock_weekly_price,3000\noccupancy_rate,100%\n",
		"councils.csv":    "code,name\nA,Alpha\nB,Beta\nC,Gamma\n",
		"pledges.csv":     "council,from,to,annual_amount\nA,2019-04-01,2021-03-31,100000\nB,2019-04-01,2021-03-31,50000\nC,2019-04-01,2021-03-31,70000\n",
		"rooms.csv":       "from,rooms\n2019-04-01,3\n",
		"spotcosts.csv":   "council,from,weekly_cost,annual_inflation\nA,2019-04-01,4000,5%\nB,2019-04-01,3800,5%\nC,2019-04-01,3900,5%\n",
	})
	code, stdout, stderr := runCmd(t, false, "forecast", dir, "--json", "--no-files")
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	var s struct {
		Totals         map[string]any
		FinancialYears []map[string]any `json:"financial_years"`
	}
	if err := json.Unmarshal([]byte(stdout), &s); err != nil {
		t.Fatal(err)
	}
	if v := s.Totals["void_cost"]; v != "0.00" {
		t.Errorf("void over the horizon %v, want 0.00", v)
	}
	if len(s.FinancialYears) != 2 {
		t.Fatalf("%d financial years, want 2", len(s.FinancialYears))
	}
	for _, y := range s.FinancialYears {
		if v := y["void_cost"]; v != "0.00" {
			t.Errorf("%v: void %v, want 0.00", y["fy"], v)
		}
	}
}

// Failure 8: occupancy above capacity was reported only once the Rooms
// sheet had no other error; now the checks across sheets run on the rows
// that parsed, up to the date of a row with an error.
func TestIssue10EveryProblemAtOnce(t *testing.T) {
	dir := scenarioFolder(t, map[string]string{
		"rooms.csv":     "from,rooms\n2019-04-01,2\n2020-04-01,two\n",
		"occupancy.csv": "council,from,rooms_occupied\nA,2019-04-01,2\nB,2019-04-01,1\nB,2019-06-01,1\n",
		"spotcosts.csv": "council,from,weekly_cost,annual_inflation\nA,2019-04-01,4000,5%\nA,2020-04-01,lots,5%\n",
	})
	code, _, stderr := runCmd(t, false, "validate", dir)
	stderr = inFolder(stderr, dir)
	want := strings.Join([]string{
		`rooms.csv:3: column rooms: not a number: found "two"; expected a whole number of rooms, 0 or more`,
		`spotcosts.csv:3: column weekly_cost: not an amount: found "lots"; expected an amount in pounds such as 650000 or £650,000.00`,
		`occupancy.csv:3: column rooms_occupied: occupancy above capacity on 2019-04-01: the councils occupy 3 rooms in all but 2 block rooms are available; expected at most 2`,
		`occupancy.csv:3: column rooms_occupied: no spot cost in force: Beta occupies rooms on 2019-04-01 but it has no spotcosts.csv row; expected a spotcosts.csv row for B with from on or before 2019-04-01`,
		`carecast: ` + dir + `: 4 errors`,
	}, "\n") + "\n"
	if code != exitInput || stderr != want {
		t.Errorf("exit %d, stderr:\n%s\nwant:\n%s", code, stderr, want)
	}
}

// Failure 9: dates a spreadsheet cannot show, and codes that differ only
// by an invisible character, are errors at their cells.
func TestIssue10SmallerOnes(t *testing.T) {
	for _, c := range []struct {
		name string
		over map[string]string
		want string
	}{
		{"a date before 1900", map[string]string{"rooms.csv": "from,rooms\n31/12/1899,2\n"},
			`rooms.csv:2: column from: date out of range: found "31/12/1899" (1899-12-31 is outside 1900-01-01 to 9999-12-31, the dates a spreadsheet can show); expected a date such as 2019-04-01 or 01/04/2019`},
		{"a horizon past 9999", map[string]string{"assumptions.csv": "setting,value\nstart_date,9999-06-01\nyears,2\nblock_weekly_price,3000\n"},
			`assumptions.csv:2: column value: the model would end on 10001-05-31, after 9999-12-31, the last date a spreadsheet can show; expected an earlier start_date or fewer years`},
		{"a zero-width space in a code", map[string]string{"councils.csv": "code,name\nA,Alpha\nB,Beta\nA\u200b,Gamma\n"},
			`councils.csv:4: column code: invisible character U+200B in the council's code: found "A\u200b"; expected only visible characters and spaces`},
	} {
		t.Run(c.name, func(t *testing.T) {
			dir := scenarioFolder(t, c.over)
			out := filepath.Join(t.TempDir(), "out")
			code, stdout, stderr := runCmd(t, false, "forecast", dir, "--out", out)
			if code != exitInput || stdout != "" || !strings.Contains(stderr, c.want+"\n") {
				t.Errorf("exit %d, stdout %q, stderr:\n%s\nwant %s", code, stdout, stderr, c.want)
			}
			if _, err := os.Stat(out); !os.IsNotExist(err) {
				t.Errorf("the output folder was created (%v)", err)
			}
		})
	}
}

// Failure 4's workbook and failure 9's: a Rooms sheet of deeply nested XML
// is refused before it is parsed, and a password-protected workbook is
// called one, not "not a valid zip archive".
func TestIssue10HostileWorkbooks(t *testing.T) {
	dir := t.TempDir()
	nested := filepath.Join(dir, "nested.xlsx")
	b, err := inputstest.NestedWorkbook(100_000)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(nested, b, 0o644); err != nil {
		t.Fatal(err)
	}
	locked := filepath.Join(dir, "locked.xlsx")
	if err := excelize.NewFile().SaveAs(locked, excelize.Options{Password: "secret"}); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct{ input, want string }{
		{nested, nested + ": the workbook is malformed: its part xl/worksheets/sheet1.xml nests XML elements more than 64 deep, which no spreadsheet writes; save it again as .xlsx"},
		{locked, locked + ": the workbook is password-protected (encrypted), so carecast cannot read it; open it in Excel or LibreOffice and save a copy without a password"},
	} {
		out := filepath.Join(t.TempDir(), "out")
		code, stdout, stderr := runCmd(t, false, "forecast", c.input, "--out", out)
		if code != exitInput || stdout != "" || !strings.Contains(stderr, c.want+"\n") {
			t.Errorf("exit %d, stdout %q, stderr:\n%s\nwant %s", code, stdout, stderr, c.want)
		}
		if _, err := os.Stat(out); !os.IsNotExist(err) {
			t.Errorf("the output folder was created (%v)", err)
		}
	}
}
