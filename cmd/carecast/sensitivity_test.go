package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"slices"
	"strings"
	"testing"
)

func TestSensitivityFlags(t *testing.T) {
	for _, c := range []struct {
		args []string
		want sensitivityOptions
	}{
		{nil, sensitivityOptions{}},
		{[]string{"in.xlsx", "--json"}, sensitivityOptions{Input: "in.xlsx", JSON: true}},
	} {
		t.Run(strings.Join(c.args, " "), func(t *testing.T) {
			var got sensitivityOptions
			io := &streams{Out: &bytes.Buffer{}, Err: &bytes.Buffer{}}
			cmd := newSensitivityCmd(io, func(o *sensitivityOptions, _ *streams) error { got = *o; return nil })
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

// writeCSVScenario writes a folder of CSV files: one council in 2 rooms,
// occupying 1.5, block £700 a week (£100 a day), spot £1,400 (£200 a day),
// over 2021 (365 days): block £73,000, spot avoided £109,500, savings
// £36,500. risks, if not empty, is risks.csv.
func writeCSVScenario(t *testing.T, risks string) string {
	t.Helper()
	dir := t.TempDir()
	files := map[string]string{
		"assumptions.csv": "setting,value\nscenario,CSV test\nblock_weekly_price,700\nyears,1\nstart_date,2021-01-01\n",
		"councils.csv":    "code,name\nA,Alpha\n",
		"pledges.csv":     "council,from,to,annual_amount\nA,2021-01-01,2021-12-31,12000\n",
		"rooms.csv":       "from,rooms\n2021-01-01,2\n",
		"occupancy.csv":   "council,from,rooms_occupied\nA,2021-01-01,1.5\n",
		"spot_costs.csv":  "council,from,weekly_cost,annual_inflation\nA,2021-01-01,1400,0\n",
	}
	if risks != "" {
		files["risks.csv"] = risks
	}
	for name, body := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

var twoDecimals = regexp.MustCompile(`^-?[0-9]+\.[0-9]{2}$`)

// The JSON has exactly the keys of the contract: money as strings with two
// decimals, low and high numbers, the switching value a number or null.
func TestSensitivityJSON(t *testing.T) {
	code, stdout, stderr := runCmd(t, false, "sensitivity", "--json")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	var top map[string][]map[string]any
	if err := json.Unmarshal([]byte(stdout), &top); err != nil || len(top) != 1 || top["factors"] == nil {
		t.Fatalf("want {\"factors\": [...]}, got %v (%v)", stdout, err)
	}
	keys := []string{"factor", "high", "low", "npv_high", "npv_low", "savings_high", "savings_low", "switching_value"}
	var names []string
	for _, f := range top["factors"] {
		got := make([]string, 0, len(f))
		for k := range f {
			got = append(got, k)
		}
		slices.Sort(got)
		if !slices.Equal(got, keys) {
			t.Errorf("keys %v, want %v", got, keys)
		}
		for _, k := range []string{"savings_low", "savings_high", "npv_low", "npv_high"} {
			if s, ok := f[k].(string); !ok || !twoDecimals.MatchString(s) {
				t.Errorf("%s %s = %#v, want a string with two decimals", f["factor"], k, f[k])
			}
		}
		for _, k := range []string{"low", "high"} {
			if _, ok := f[k].(float64); !ok {
				t.Errorf("%s %s = %#v, want a number", f["factor"], k, f[k])
			}
		}
		if _, ok := f["switching_value"].(float64); !ok && f["switching_value"] != nil {
			t.Errorf("%s switching_value = %#v, want a number or null", f["factor"], f["switching_value"])
		}
		names = append(names, f["factor"].(string))
	}
	slices.Sort(names)
	if want := []string{"block_price", "block_uplift", "grants", "occupancy", "ramp_delay", "spot_inflation", "spot_price"}; !slices.Equal(names, want) {
		t.Errorf("factors %v, want %v", names, want)
	}
}

// A Risks sheet read from risks.csv: spot_price uniform 0.5 / 1 / 2, the
// other factors held. Savings are 109,500x - 73,000: -18,250 at 0.5 and
// 146,000 at 2, zero at 2/3. Occupancy is held at 1 but still has its
// switching value, 73,000 / 109,500 = 0.666667; it is capped at 2 rooms
// (x 4/3), not reached.
func TestSensitivityRisksSheet(t *testing.T) {
	dir := writeCSVScenario(t, "factor,distribution,low,mode,high\nspot_price,uniform,0.5,1,2\n")
	code, stdout, stderr := runCmd(t, false, "sensitivity", "--json", dir)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	var got struct {
		Factors []struct {
			Factor      string   `json:"factor"`
			SavingsLow  string   `json:"savings_low"`
			SavingsHigh string   `json:"savings_high"`
			Switching   *float64 `json:"switching_value"`
		} `json:"factors"`
	}
	if err := json.Unmarshal([]byte(stdout), &got); err != nil {
		t.Fatal(err)
	}
	first := got.Factors[0]
	if first.Factor != "spot_price" || first.SavingsLow != "-18250.00" || first.SavingsHigh != "146000.00" ||
		first.Switching == nil || *first.Switching != 0.666667 {
		t.Errorf("first factor %+v, want spot_price -18250.00 146000.00 switching 0.666667", first)
	}
	for _, f := range got.Factors[1:] {
		if f.SavingsLow != "36500.00" || f.SavingsHigh != "36500.00" {
			t.Errorf("%s: %s to %s, want held at 36500.00", f.Factor, f.SavingsLow, f.SavingsHigh)
		}
		if f.Factor == "occupancy" && (f.Switching == nil || *f.Switching != 0.666667) {
			t.Errorf("occupancy switching value %v, want 0.666667", f.Switching)
		}
	}
}

func TestSensitivityText(t *testing.T) {
	code, stdout, _ := runCmd(t, true, "sensitivity")
	for _, want := range []string{"Central case: savings £11,330,132.65", "Switching value", "not within range", "x0.7740"} {
		if code != 0 || !strings.Contains(stdout, want) {
			t.Errorf("terminal output lacks %q:\n%s", want, stdout)
		}
	}
	code, stdout, _ = runCmd(t, false, "sensitivity")
	lines := strings.Split(stdout, "\n")
	if code != 0 || !slices.Contains(lines, "factor\tlow\thigh\tsavings_low\tsavings_high\tswing\tnpv_low\tnpv_high\tswitching_value") {
		t.Errorf("tab-separated output lacks its header:\n%s", stdout)
	}
}

func TestRiskExitStatuses(t *testing.T) {
	bad := writeCSVScenario(t, "factor,distribution,low,mode,high\nweather,uniform,1,1,2\n")
	for _, c := range []struct {
		args []string
		want int
	}{
		{[]string{"sensitivity", "a", "b"}, exitUsage},
		{[]string{"sensitivity", filepath.Join(t.TempDir(), "missing.xlsx")}, exitInput},
		{[]string{"sensitivity", bad}, exitInput},
		{[]string{"simulate", "--runs", "0"}, exitUsage},
		{[]string{"simulate", "--runs", "x"}, exitUsage},
		{[]string{"simulate", "--seed", "-1"}, exitUsage},
		{[]string{"simulate", bad}, exitInput},
		{[]string{"simulate", "--runs", "10", "--json"}, exitOK},
		{[]string{"simulate", "--runs", "3000000"}, exitUsage}, // 2.5 GB
	} {
		t.Run(strings.Join(c.args, " "), func(t *testing.T) {
			if code, _, stderr := runCmd(t, false, c.args...); code != c.want {
				t.Errorf("exit %d, want %d; stderr:\n%s", code, c.want, stderr)
			}
		})
	}
}
