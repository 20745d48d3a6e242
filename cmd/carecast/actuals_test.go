package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/carecast/carecast/forecast"
	"github.com/carecast/carecast/inputs"
	"github.com/carecast/carecast/monitor"
)

// actualsInput is the built-in scenario as CSV with three months of
// actuals: April's invoice less a credit note, Havering's May occupancy
// and pledge, and July's running costs (June has none).
func actualsInput(t *testing.T) string {
	t.Helper()
	dir := initCSV(t)
	rows := "month,item,council,value\n" +
		"2019-04-01,block_cost,,\"£400,000.00\"\n" +
		"2019-05-15,occupied_room_days,HAV,30\n" +
		"2019-05-01,pledges,Havering,60000\n" +
		"2019-07-01,other_costs,,5000\n"
	if err := os.WriteFile(filepath.Join(dir, "actuals.csv"), []byte(rows), 0o644); err != nil {
		t.Fatal(err)
	}
	return dir
}

// forecast --json on an input with Actuals: "as_at" and each year's
// "actual_months"; --monthly adds "months" with exactly the fields of
// docs/methodology.md §15, in its order, which 'monitor --baseline' reads
// back as the forecast it was written from.
func TestForecastJSONActuals(t *testing.T) {
	input := actualsInput(t)
	code, out, stderr := runCmd(t, false, "forecast", input, "--json", "--monthly")
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	if !strings.Contains(stderr, "for 1 month before the as-at date 2019-07-31 (2019-06): the forecast stands for it") {
		t.Errorf("no warning of June: %s", stderr)
	}
	var doc struct {
		AsAt           string `json:"as_at"`
		FinancialYears []struct {
			FY           string `json:"fy"`
			ActualMonths *int   `json:"actual_months"`
		} `json:"financial_years"`
		Months []json.RawMessage `json:"months"`
	}
	if err := json.Unmarshal([]byte(out), &doc); err != nil {
		t.Fatal(err)
	}
	if doc.AsAt != "2019-07-31" {
		t.Errorf("as_at %q", doc.AsAt)
	}
	for i, y := range doc.FinancialYears {
		want := 0
		if i == 0 {
			want = 3 // April, May and July
		}
		if y.ActualMonths == nil || *y.ActualMonths != want {
			t.Errorf("%s actual_months %v, want %d", y.FY, y.ActualMonths, want)
		}
	}
	if len(doc.Months) != 96 {
		t.Fatalf("%d months, want 96", len(doc.Months))
	}
	keys := func(raw json.RawMessage) []string {
		dec := json.NewDecoder(bytes.NewReader(raw))
		var ks []string
		depth := 0
		for {
			tok, err := dec.Token()
			if err != nil {
				break
			}
			switch v := tok.(type) {
			case json.Delim:
				if v == '{' || v == '[' {
					depth++
				} else {
					depth--
				}
			case string:
				if depth == 1 && dec.More() {
					ks = append(ks, v)
					var skip json.RawMessage
					if err := dec.Decode(&skip); err != nil {
						t.Fatal(err)
					}
				}
			}
		}
		return ks
	}
	wantMonth := []string{"month", "actual", "pledges", "grants", "other_costs", "block_cost", "void_cost", "spot_avoided",
		"attributed_cost", "savings", "fund_balance", "capacity_room_days", "occupied_room_days", "councils"}
	if got := keys(doc.Months[1]); !reflect.DeepEqual(got, wantMonth) {
		t.Errorf("a month's fields %v, want %v", got, wantMonth)
	}
	var may struct {
		Month    string `json:"month"`
		Actual   bool   `json:"actual"`
		Councils []json.RawMessage
	}
	if err := json.Unmarshal(doc.Months[1], &may); err != nil {
		t.Fatal(err)
	}
	wantCouncil := []string{"code", "pledges", "attributed_cost", "spot_avoided", "savings", "position", "occupied_room_days"}
	if got := keys(may.Councils[0]); !reflect.DeepEqual(got, wantCouncil) {
		t.Errorf("a council's fields %v, want %v", got, wantCouncil)
	}
	if may.Month != "2019-05" || !may.Actual || !strings.Contains(string(may.Councils[0]), `"pledges": "60000.00"`) ||
		!strings.Contains(string(may.Councils[0]), `"occupied_room_days": 30`) {
		t.Errorf("May: %s", doc.Months[1])
	}

	// Read back as monitor reads a frozen budget: the forecast's own series.
	budget := filepath.Join(t.TempDir(), "budget.json")
	if err := os.WriteFile(budget, []byte(out), 0o600); err != nil {
		t.Fatal(err)
	}
	s, _, err := inputs.Load(input)
	if err != nil {
		t.Fatal(err)
	}
	res, err := forecast.Run(s)
	if err != nil {
		t.Fatal(err)
	}
	got, err := monitor.ReadBaseline(budget, s.Councils, res.Start, len(res.Months))
	if err != nil {
		t.Fatal(err)
	}
	want := monitor.FromResult(res, budget)
	if !reflect.DeepEqual(jsonOf(t, got), jsonOf(t, want)) {
		t.Errorf("the frozen budget reads back as\n%s\nwant\n%s", jsonOf(t, got)[:400], jsonOf(t, want)[:400])
	}
}

func jsonOf(t *testing.T, v any) string {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// Without Actuals rows the summary says nothing of them: no "as_at",
// "actual_months" or "months" (the JSON of a scenario without Actuals is
// what it was); on a terminal the summary says "actuals to date, forecast
// after" only with them; --as-at wins over the input's and must be a
// month's last day; --monthly goes with --json.
func TestForecastActualsFlags(t *testing.T) {
	_, out, _ := runCmd(t, false, "forecast", "--json")
	for _, k := range []string{`"as_at"`, `"actual_months"`, `"months"`} {
		if strings.Contains(out, k) {
			t.Errorf("the built-in's JSON has %s", k)
		}
	}
	input := actualsInput(t)
	_, out, _ = runCmd(t, true, "forecast", input, "--no-files")
	if !strings.Contains(out, "Actuals to 31 July 2019 (3 actual months), forecast after.") {
		t.Errorf("terminal summary lacks the actuals line:\n%s", out[:300])
	}
	code, _, stderr := runCmd(t, false, "forecast", input, "--json", "--as-at", "2019-05-31")
	if code != exitInput || !strings.Contains(stderr, "actuals.csv:5: column month: month 2019-07 is after the as-at date 2019-05-31") {
		t.Errorf("--as-at before the last actual month: exit %d, %s", code, stderr)
	}
	code, out, stderr = runCmd(t, false, "forecast", input, "--json", "--as-at", "2019-09-30")
	if code != exitOK || !strings.Contains(out, `"as_at": "2019-09-30"`) || !strings.Contains(stderr, "(2019-06, 2019-08 to 2019-09)") {
		t.Errorf("--as-at after the last actual month: exit %d, %s", code, stderr)
	}
	for _, args := range [][]string{{"forecast", "--as-at", "2019-05-30"}, {"forecast", "--monthly"}, {"forecast", input, "--as-at", "2030-11-30"}} {
		if code, _, _ := runCmd(t, false, args...); code != exitUsage {
			t.Errorf("%v: exit %d, want %d", args, code, exitUsage)
		}
	}
}
