package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"sort"
	"strings"
	"testing"

	"github.com/carecast/carecast"
	"github.com/carecast/carecast/forecast"
	"github.com/carecast/carecast/inputs"
	"github.com/carecast/carecast/internal/testtools"
	"github.com/carecast/carecast/monitor"
	"github.com/shopspring/decimal"
	"github.com/xuri/excelize/v2"
)

func TestMonitorFlags(t *testing.T) {
	for _, c := range []struct {
		args []string
		want monitorOptions
	}{
		{[]string{"in.xlsx"}, monitorOptions{Input: "in.xlsx"}},
		{[]string{"in/", "--as-at", "2020-11-30", "--baseline", "b.json", "--previous", "p.json", "--year", "2020/21", "--json", "-o", "board"},
			monitorOptions{Input: "in/", AsAt: "2020-11-30", Baseline: "b.json", Previous: "p.json", Year: "2020/21", JSON: true, OutDir: "board"}},
		{[]string{"in/", "--amber", "1%", "--red", "3%"}, monitorOptions{Input: "in/", Amber: "1%", Red: "3%"}},
	} {
		t.Run(strings.Join(c.args, " "), func(t *testing.T) {
			var got monitorOptions
			io := &streams{Out: &bytes.Buffer{}, Err: &bytes.Buffer{}}
			cmd := newMonitorCmd(io, func(o *monitorOptions, _ *streams) error { got = *o; return nil })
			cmd.SetArgs(c.args)
			if err := cmd.Execute(); err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(got, c.want) {
				t.Errorf("got %+v, want %+v", got, c.want)
			}
		})
	}
}

func TestParseYearFlag(t *testing.T) {
	for in, want := range map[string]carecast.FinancialYear{"": 0, "2020/21": 2020, "2020-21": 2020, "2020": 2020, "1999/00": 1999, "2020/2021": 2020} {
		if got, err := parseYearFlag(in); err != nil || got != want {
			t.Errorf("%q: %v %v, want %v", in, got, err, want)
		}
	}
	for _, in := range []string{"2020/22", "20/21", "2020/2022", "next"} {
		if _, err := parseYearFlag(in); err == nil {
			t.Errorf("%q: no error", in)
		}
	}
}

// monthlyJSON writes a forecast's months as docs/methodology.md §11 lays
// out 'forecast --json --monthly', from the Result, apart from the
// program's own writer: a budget frozen when it was set.
func monthlyJSON(t *testing.T, r *carecast.Result) string {
	t.Helper()
	var months []any
	for _, m := range r.Months {
		var cs []any
		for i, c := range m.Councils {
			cs = append(cs, map[string]any{"code": r.Councils[i].Council.Code, "pledges": c.Pledges, "attributed_cost": c.AttributedCost,
				"spot_avoided": c.SpotAvoided, "savings": c.Savings, "position": c.Position,
				"occupied_room_days": json.Number(c.OccupiedRoomDays.String())})
		}
		months = append(months, map[string]any{"month": fmt.Sprintf("%04d-%02d", m.Start.Year, int(m.Start.Month)), "actual": false,
			"pledges": m.Pledges, "grants": m.Grants, "other_costs": m.OtherCosts, "block_cost": m.BlockCost,
			"void_cost": m.VoidCost, "spot_avoided": m.SpotAvoided, "attributed_cost": m.AttributedCost,
			"savings": m.Savings, "fund_balance": m.ClosingFund,
			"capacity_room_days": json.Number(m.CapacityRoomDays.String()), "occupied_room_days": json.Number(m.OccupiedRoomDays.String()),
			"councils": cs})
	}
	b, err := json.Marshal(map[string]any{"scenario": r.Scenario.Assumptions.Scenario, "months": months})
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "budget.json")
	if err := os.WriteFile(path, b, 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

// monitorCase is the built-in scenario as CSV with a commissioning team
// costing £120,000 a year from the start, and the budget frozen from the
// built-in scenario without it: the outturn's only change is £10,000 of
// running costs a month.
func monitorCase(t *testing.T) (input, budget string) {
	t.Helper()
	input = initCSV(t)
	if err := os.WriteFile(filepath.Join(input, "costs.csv"), []byte("description,from,to,annual_amount\nCommissioning team,2019-04-01,2027-03-31,120000\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	r, err := forecast.Run(inputs.BuiltInScenario())
	if err != nil {
		t.Fatal(err)
	}
	return input, monthlyJSON(t, r)
}

type monitorJSON struct {
	Scenario     string           `json:"scenario"`
	AsAt         string           `json:"as_at"`
	Year         string           `json:"year"`
	BudgetSource string           `json:"budget_source"`
	Lines        []map[string]any `json:"lines"`
	Explained    []map[string]any `json:"spot_avoided_explained"`
}

// line finds a line of the JSON: council "" is the consortium's.
func (j *monitorJSON) line(t *testing.T, scope, council, line string) map[string]any {
	t.Helper()
	for _, l := range j.Lines {
		c, _ := l["council"].(string)
		if l["scope"] == scope && c == council && l["line"] == line {
			return l
		}
	}
	t.Fatalf("no line %s %q %s", scope, council, line)
	return nil
}

func decodeMonitor(t *testing.T, stdout string) *monitorJSON {
	t.Helper()
	var j monitorJSON
	dec := json.NewDecoder(strings.NewReader(stdout))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&j); err != nil {
		t.Fatalf("%v\n%s", err, stdout)
	}
	return &j
}

// TestMonitorJSON: £10,000 a month more running costs, worked by hand,
// against a frozen budget at 30 November 2020 (2020/21's eighth month,
// the model's twentieth), in the shape of docs/methodology.md §11.
func TestMonitorJSON(t *testing.T) {
	input, budget := monitorCase(t)
	code, stdout, stderr := runCmd(t, false, "monitor", input, "--baseline", budget, "--as-at", "2020-11-30", "--json")
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	j := decodeMonitor(t, stdout)
	if j.AsAt != "2020-11-30" || j.Year != "2020/21" || j.BudgetSource != budget || !strings.HasPrefix(j.Scenario, "North East London") {
		t.Errorf("heading %q %q %q %q", j.Scenario, j.AsAt, j.Year, j.BudgetSource)
	}
	// Two scopes, each of nine consortium lines and five lines for each
	// of the eight councils.
	if len(j.Lines) != 2*(9+8*5) {
		t.Errorf("%d lines, want %d", len(j.Lines), 2*(9+8*5))
	}
	keys := []string{"actual_to_date", "budget", "budget_to_date", "council", "line", "movement", "outturn", "rag", "scope", "variance", "variance_pct", "variance_to_date"}
	for _, l := range j.Lines {
		var got []string
		for k := range l {
			got = append(got, k)
		}
		sort.Strings(got)
		if !reflect.DeepEqual(got, keys) {
			t.Fatalf("line keys %v, want %v", got, keys)
		}
		if l["movement"] != nil {
			t.Errorf("a movement without --previous: %v", l)
		}
	}
	check := func(scope, council, line string, want map[string]any) {
		t.Helper()
		l := j.line(t, scope, council, line)
		for k, w := range want {
			if g := l[k]; !reflect.DeepEqual(g, w) {
				t.Errorf("%s %q %s: %s %v, want %v", scope, council, line, k, g, w)
			}
		}
	}
	// Running costs: none budgeted; eight months to date at £10,000; the
	// outturn the year's twelve. No budget: no percentage, no rating.
	check("year", "", "other_costs", map[string]any{"budget": "0.00", "budget_to_date": "0.00", "actual_to_date": "80000.00",
		"variance_to_date": "80000.00", "outturn": "120000.00", "variance": "120000.00", "variance_pct": nil, "rag": nil})
	check("horizon", "", "other_costs", map[string]any{"actual_to_date": "200000.00", "outturn": "960000.00", "variance": "960000.00"})
	// Pledges, grants and block cost are as budgeted.
	for _, line := range []string{"pledges", "grants", "block_cost", "void_cost", "spot_avoided"} {
		check("year", "", line, map[string]any{"variance_to_date": "0.00", "variance": "0.00", "rag": "green"})
	}
	// The fund pays the costs: £200,000 less at 30 November 2020 (twenty
	// months), £240,000 less at 31 March 2021, and £960,000 less at the
	// horizon's end.
	check("year", "", "closing_fund_balance", map[string]any{"variance_to_date": "-200000.00", "variance": "-240000.00"})
	check("horizon", "", "closing_fund_balance", map[string]any{"variance": "-960000.00"})
	// Savings fall by the costs: 120,000 / 836,026.67 = 14.35% of the
	// year's budgeted savings, red.
	check("year", "", "savings", map[string]any{"budget": "836026.67", "outturn": "716026.67", "variance": "-120000.00",
		"variance_pct": -0.143536, "rag": "red"})
	// The councils' savings and attributed costs add up to the
	// consortium's, as do their positions to the fund.
	for _, scope := range []string{"year", "horizon"} {
		for line, cons := range map[string]string{"savings": "savings", "attributed_cost": "attributed_cost", "position": "closing_fund_balance", "pledges": "pledges", "spot_avoided": "spot_avoided"} {
			for _, field := range []string{"budget", "budget_to_date", "actual_to_date", "variance_to_date", "outturn", "variance"} {
				sum := carecast.Money{}
				for _, l := range j.Lines {
					if c, _ := l["council"].(string); c != "" && l["scope"] == scope && l["line"] == monitorKey(line) {
						sum = sum.Add(carecast.MustMoney(l[field].(string)))
					}
				}
				if want := j.line(t, scope, "", cons)[field].(string); sum.String() != want {
					t.Errorf("%s %s %s: councils sum to %s, the consortium's is %s", scope, line, field, sum, want)
				}
			}
		}
	}
	// No room-days changed: the spot purchasing avoided explained is
	// nothing, consortium first.
	if len(j.Explained) != 9 || j.Explained[0]["council"] != nil || j.Explained[1]["council"] != "HAV" {
		t.Fatalf("explained %v", j.Explained)
	}
	for _, e := range j.Explained {
		if e["volume"] != "0.00" || e["price"] != "0.00" {
			t.Errorf("explained %v, want nothing", e)
		}
	}
}

// monitorKey is the JSON's key of a council line: a council's position is
// its line of the fund's closing balance.
func monitorKey(line string) string {
	if line == "position" {
		return "closing_fund_balance"
	}
	return line
}

// TestMonitorPrevious: with an earlier report, each line's movement is
// its outturn less that report's: the report of October on the plan
// without the costs, so the running costs moved by the year's £120,000.
func TestMonitorPrevious(t *testing.T) {
	input, budget := monitorCase(t)
	plan := initCSV(t)
	code, prev, stderr := runCmd(t, false, "monitor", plan, "--baseline", budget, "--as-at", "2020-10-31", "--json")
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	prevPath := filepath.Join(t.TempDir(), "monitor-2020-10.json")
	if err := os.WriteFile(prevPath, []byte(prev), 0o600); err != nil {
		t.Fatal(err)
	}
	code, stdout, stderr := runCmd(t, false, "monitor", input, "--baseline", budget, "--as-at", "2020-11-30", "--previous", prevPath, "--json")
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	j := decodeMonitor(t, stdout)
	for _, c := range []struct{ scope, line, want string }{
		{"year", "other_costs", "120000.00"}, {"year", "savings", "-120000.00"}, {"year", "pledges", "0.00"},
		{"year", "closing_fund_balance", "-240000.00"}, {"horizon", "other_costs", "960000.00"},
	} {
		if got := j.line(t, c.scope, "", c.line)["movement"]; got != c.want {
			t.Errorf("%s %s: movement %v, want %s", c.scope, c.line, got, c.want)
		}
	}
	// A spoilt previous report is refused at its line.
	bad := strings.Replace(prev, `"scope": "year"`, `"scope": "XXX"`, 1)
	if bad == prev {
		t.Fatal("no line to spoil")
	}
	if err := os.WriteFile(prevPath, []byte(bad), 0o600); err != nil {
		t.Fatal(err)
	}
	code, _, stderr = runCmd(t, false, "monitor", input, "--baseline", budget, "--as-at", "2020-11-30", "--previous", prevPath)
	if code != exitInput || !strings.Contains(stderr, prevPath+": lines[0]: scope \"XXX\"") {
		t.Errorf("exit %d: %s", code, stderr)
	}
}

// TestMonitorTerminalAndPiped: on a terminal the tables say favourable
// and adverse in words; piped, tab-separated lines as the JSON has them.
func TestMonitorTerminalAndPiped(t *testing.T) {
	input, budget := monitorCase(t)
	code, tty, stderr := runCmd(t, true, "monitor", input, "--baseline", budget, "--as-at", "2020-11-30")
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	for _, want := range []string{"30 November 2020", "2020/21", "adverse", "Red"} {
		if !strings.Contains(tty, want) {
			t.Errorf("the terminal's report lacks %q:\n%s", want, tty)
		}
	}
	if strings.Contains(tty, "\t") {
		t.Error("tabs on a terminal")
	}
	code, piped, _ := runCmd(t, false, "monitor", input, "--baseline", budget, "--as-at", "2020-11-30")
	if code != exitOK {
		t.Fatal(code)
	}
	found := false
	for _, l := range strings.Split(piped, "\n") {
		f := strings.Split(l, "\t")
		if len(f) == 13 && f[0] == "year" && f[1] == "" && f[2] == "savings" {
			found = true
			if f[8] != "-120000.00" || f[10] != "red" || f[11] != "adverse" {
				t.Errorf("the year's savings: %q", f)
			}
		}
	}
	if !found {
		t.Errorf("no line of the year's savings:\n%s", piped)
	}
}

func TestMonitorExitStatuses(t *testing.T) {
	input, budget := monitorCase(t)
	notJSON := filepath.Join(t.TempDir(), "notjson.json")
	if err := os.WriteFile(notJSON, []byte("{\"months\": [1,"), 0o600); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		args []string
		want int
		say  string
	}{
		{[]string{"monitor", input, "--as-at", "2020-11-30"}, exitOK, ""},
		{[]string{"monitor"}, exitUsage, ""},
		{[]string{"monitor", input}, exitUsage, "--as-at"},
		{[]string{"monitor", input, "--as-at", "2020-11-15"}, exitUsage, "last day"},
		{[]string{"monitor", input, "--as-at", "2030-11-30"}, exitUsage, "as-at"},
		{[]string{"monitor", input, "--as-at", "2020-11-30", "--year", "2040/41"}, exitUsage, "2040/41"},
		{[]string{"monitor", input, "--as-at", "2020-11-30", "--year", "next"}, exitUsage, "--year"},
		{[]string{"monitor", input, "--as-at", "2020-11-30", "--amber", "6%", "--red", "5%"}, exitUsage, "red"},
		{[]string{"monitor", input, "--as-at", "2020-11-30", "--baseline", ""}, exitUsage, "--baseline"},
		{[]string{"monitor", filepath.Join(t.TempDir(), "missing.xlsx"), "--as-at", "2020-11-30"}, exitInput, ""},
		{[]string{"monitor", input, "--as-at", "2020-11-30", "--baseline", filepath.Join(t.TempDir(), "none.json")}, exitInput, "none.json"},
		{[]string{"monitor", input, "--as-at", "2020-11-30", "--baseline", notJSON}, exitInput, "not JSON"},
		{[]string{"monitor", input, "--as-at", "2020-11-30", "--baseline", budget, "--year", "2019/20"}, exitOK, ""},
	} {
		code, _, stderr := runCmd(t, false, c.args...)
		if code != c.want || !strings.Contains(stderr, c.say) {
			t.Errorf("%q: exit %d, want %d saying %q; stderr %s", c.args[1:], code, c.want, c.say, stderr)
		}
	}
}

// TestMonitorRAGFlags: --amber and --red rate the variances: the year's
// savings 14.35% under budget are amber when red starts above 15%.
func TestMonitorRAGFlags(t *testing.T) {
	input, budget := monitorCase(t)
	code, stdout, stderr := runCmd(t, false, "monitor", input, "--baseline", budget, "--as-at", "2020-11-30", "--json", "--amber", "10%", "--red", "15%")
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	if got := decodeMonitor(t, stdout).line(t, "year", "", "savings")["rag"]; got != "amber" {
		t.Errorf("rag %v, want amber", got)
	}
}

// TestMonitorOut: --out writes monitoring.xlsx, monitoring.docx and
// monitoring.pdf, the same bytes run after run with SOURCE_DATE_EPOCH,
// the workbook's provenance naming the budget read; a previous report in
// the folder is not written over.
func TestMonitorOut(t *testing.T) {
	testtools.Chromium(t)
	t.Setenv("SOURCE_DATE_EPOCH", "1607558400")
	input, budget := monitorCase(t)
	names := []string{"monitoring.xlsx", "monitoring.docx", "monitoring.pdf"}
	var got [2][][]byte
	for i := range got {
		out := filepath.Join(t.TempDir(), "board")
		code, _, stderr := runCmd(t, false, "monitor", input, "--baseline", budget, "--as-at", "2020-11-30", "--out", out)
		if code != exitOK || strings.Count(stderr, "wrote") != 3 {
			t.Fatalf("exit %d: %s", code, stderr)
		}
		for _, name := range names {
			b, err := os.ReadFile(filepath.Join(out, name))
			if err != nil {
				t.Fatal(err)
			}
			got[i] = append(got[i], b)
		}
	}
	for k, name := range names {
		if !bytes.Equal(got[0][k], got[1][k]) {
			t.Errorf("two runs wrote different bytes of %s", name)
		}
	}
	f, err := excelize.OpenReader(bytes.NewReader(got[0][0]))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if list := f.GetSheetList(); len(list) == 0 || list[0] != "Monitoring" {
		t.Errorf("sheets %v", list)
	}
	about, err := f.GetRows("About")
	if err != nil {
		t.Fatal(err)
	}
	var text strings.Builder
	for _, r := range about {
		text.WriteString(strings.Join(r, " ") + "\n")
	}
	if !strings.Contains(text.String(), "budget.json") || !strings.Contains(text.String(), "costs.csv") {
		t.Errorf("About does not name the files read:\n%s", text.String())
	}
	// A previous report saved as monitoring.xlsx in the --out folder is
	// not written over, and nothing is written.
	code, prev, _ := runCmd(t, false, "monitor", input, "--baseline", budget, "--as-at", "2020-10-31", "--json")
	if code != exitOK {
		t.Fatal(code)
	}
	clash := filepath.Join(t.TempDir(), "monitoring.xlsx")
	if err := os.WriteFile(clash, []byte(prev), 0o600); err != nil {
		t.Fatal(err)
	}
	code, _, stderr := runCmd(t, false, "monitor", input, "--baseline", budget, "--previous", clash, "--as-at", "2020-11-30", "--out", filepath.Dir(clash))
	if b, _ := os.ReadFile(clash); code == exitOK || string(b) != prev {
		t.Errorf("exit %d (%s); the previous report now holds %d bytes", code, stderr, len(b))
	}
}

// TestMonitorActuals: with Actuals rows (running costs of £10,000 paid in
// each month from April to November 2020, none budgeted), the plan is the
// input without them, the as-at date the last day of their latest month,
// and the year's running costs are £80,000 to date and at outturn (the
// forecast after November has none), all of it a variance; the savings
// fall by as much.
func TestMonitorActuals(t *testing.T) {
	s := inputs.BuiltInScenario()
	for m := 0; m < 8; m++ {
		s.Actuals = append(s.Actuals, carecast.Actual{Month: carecast.Date{Year: 2020, Month: 4, Day: 1}.AddMonths(m),
			Item: carecast.ActualOtherCosts, Council: -1, Value: decimal.NewFromInt(10000)})
	}
	res, plan, err := forecastAndPlan(s, true)
	if err != nil {
		t.Fatal(err)
	}
	if len(s.Actuals) != 8 {
		t.Fatalf("the plan took the input's Actuals rows: %d left", len(s.Actuals))
	}
	asAt := inputAsAt(res)
	if asAt != (carecast.Date{Year: 2020, Month: 11, Day: 30}) {
		t.Fatalf("as at %s, want 2020-11-30", asAt)
	}
	if !plan.Total.OtherCosts.IsZero() || plan.AsAt != (carecast.Date{}) {
		t.Errorf("the plan has running costs %s and as-at %s", plan.Total.OtherCosts, plan.AsAt)
	}
	m, err := monitor.Build(s.Assumptions.Scenario, s.Councils, monitor.FromResult(plan, monitor.Plan), monitor.FromResult(res, "outturn"),
		monitor.Options{AsAt: asAt, Thresholds: s.Assumptions.RAG})
	if err != nil {
		t.Fatal(err)
	}
	if m.ActualMonths() != 8 {
		t.Errorf("%d actual months, want 8", m.ActualMonths())
	}
	c := m.Find(carecast.ScopeYear, -1, carecast.LineOtherCosts)
	if c.ActualToDate.String() != "80000.00" || c.Outturn.String() != "80000.00" || c.Budget.String() != "0.00" || c.Variance.String() != "80000.00" {
		t.Errorf("running costs: to date %s, outturn %s, budget %s, variance %s", c.ActualToDate, c.Outturn, c.Budget, c.Variance)
	}
	if v := m.Find(carecast.ScopeYear, -1, carecast.LineSavings).Variance; v.String() != "-80000.00" {
		t.Errorf("savings variance %s, want -80000.00", v)
	}
	// An as-at date before the actuals end is refused.
	if after := actualsAfter(s, carecast.Date{Year: 2020, Month: 9, Day: 30}); after != (carecast.Date{Year: 2020, Month: 10, Day: 1}) {
		t.Errorf("actuals after 30 September 2020 from %s, want 2020-10-01", after)
	}
	if after := actualsAfter(s, asAt); !after.IsZero() {
		t.Errorf("actuals after the as-at date from %s", after)
	}
}
