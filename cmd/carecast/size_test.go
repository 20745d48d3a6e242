package main

import (
	"encoding/csv"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

const demandExample = "../../examples/demand"

// scaledExample copies the example folder with its Rooms rows scaled to n
// rooms at the largest (35), rounded half up, and its Allocations rows by
// the same factor rounded down, worked here from the CSV text rather than
// by the command.
func scaledExample(t *testing.T, n int) string {
	t.Helper()
	dir := t.TempDir()
	entries, err := os.ReadDir(demandExample)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		b, err := os.ReadFile(filepath.Join(demandExample, e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		if e.Name() == "rooms.csv" || e.Name() == "allocations.csv" {
			recs, err := csv.NewReader(strings.NewReader(string(b))).ReadAll()
			if err != nil {
				t.Fatal(err)
			}
			last := len(recs[0]) - 1 // rooms is the last column of both
			for _, r := range recs[1:] {
				v, err := strconv.Atoi(r[last])
				if err != nil {
					t.Fatal(err)
				}
				if e.Name() == "rooms.csv" {
					r[last] = strconv.Itoa((2*v*n + 35) / 70) // v x n/35, half up
				} else {
					r[last] = strconv.Itoa(v * n / 35) // rounded down
				}
			}
			var sb strings.Builder
			w := csv.NewWriter(&sb)
			w.WriteAll(recs)
			b = []byte(sb.String())
		}
		if err := os.WriteFile(filepath.Join(dir, e.Name()), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// 'carecast size' on the demand example agrees with 'carecast forecast'
// run on the example scaled by hand at each room count, to the penny; the
// recommended size is the sweep's NPV maximum.
func TestSizeAgreesWithForecast(t *testing.T) {
	code, out, stderr := runCmd(t, false, "size", demandExample, "--min", "26", "--max", "40", "--json")
	if code != exitOK {
		t.Fatalf("size: exit %d: %s", code, stderr)
	}
	var z struct {
		Sizes       []map[string]any `json:"sizes"`
		Recommended int              `json:"recommended"`
		Reason      string           `json:"reason"`
	}
	dec := json.NewDecoder(strings.NewReader(out))
	dec.UseNumber()
	if err := dec.Decode(&z); err != nil {
		t.Fatal(err)
	}
	if len(z.Sizes) != 15 {
		t.Fatalf("%d sizes, want 26 to 40", len(z.Sizes))
	}
	best, bestNPV := -1, 0.0
	for _, p := range z.Sizes {
		n, _ := strconv.Atoi(fmt.Sprint(p["rooms"]))
		code, fout, ferr := runCmd(t, false, "forecast", scaledExample(t, n), "--json")
		if code != exitOK {
			t.Fatalf("forecast at %d rooms: exit %d: %s", n, code, ferr)
		}
		var f struct {
			Totals map[string]any `json:"totals"`
		}
		d := json.NewDecoder(strings.NewReader(fout))
		d.UseNumber()
		if err := d.Decode(&f); err != nil {
			t.Fatal(err)
		}
		for _, k := range []string{"savings", "npv", "npv_after_optimism_bias", "void_cost", "occupancy_rate", "overflow_room_days"} {
			if fmt.Sprint(p[k]) != fmt.Sprint(f.Totals[k]) {
				t.Errorf("%d rooms: size %s %v, forecast %v", n, k, p[k], f.Totals[k])
			}
		}
		npv, _ := strconv.ParseFloat(fmt.Sprint(p["npv"]), 64)
		if best < 0 || npv > bestNPV {
			best, bestNPV = n, npv
		}
	}
	if z.Recommended != best {
		t.Errorf("recommended %d rooms, but the NPV is highest at %d", z.Recommended, best)
	}
	if !strings.Contains(z.Reason, "newsvendor") || !strings.Contains(z.Reason, fmt.Sprintf("%d rooms", best)) {
		t.Errorf("reason %q does not give the size and the critical ratio", z.Reason)
	}
}

// With --risk the sweep draws with common random numbers: the same seed
// gives the same figures; the recommendation is the expected NPV's maximum.
func TestSizeRisk(t *testing.T) {
	args := []string{"size", demandExample, "--min", "30", "--max", "34", "--risk", "--runs", "200", "--json"}
	code, out, stderr := runCmd(t, false, args...)
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	_, again, _ := runCmd(t, false, args...)
	if out != again {
		t.Error("the same seed gave different figures")
	}
	for _, k := range []string{`"p10"`, `"p50"`, `"p90"`, `"loss_probability"`} {
		if !strings.Contains(out, k) {
			t.Errorf("no %s in %s", k, out)
		}
	}
	if !strings.Contains(out, "expected NPV over 200 runs") {
		t.Errorf("the reason does not name the expected NPV: %s", out)
	}
	code, _, _ = runCmd(t, false, "size", demandExample, "--min", "5", "--max", "4")
	if code != exitUsage {
		t.Errorf("--max below --min: exit %d, want %d", code, exitUsage)
	}
}

// With Demand and Allocations rows the forecast's summary shows the same
// scenario under each sharing rule; the built-in (Occupancy rows) does not.
func TestForecastSharingTable(t *testing.T) {
	code, out, stderr := runCmd(t, false, "forecast", demandExample, "--out", t.TempDir())
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	if !strings.Contains(out, "\n# sharing rules\nfigure\tallocated\tallocated_trade\tpooled\nSavings\t") {
		t.Errorf("no sharing-rules table in:\n%s", out)
	}
	if !strings.Contains(out, "\n# overflow\n") {
		t.Error("no overflow table")
	}
	_, out, _ = runCmd(t, false, "forecast", "--out", t.TempDir())
	if strings.Contains(out, "sharing rules") || strings.Contains(out, "overflow") {
		t.Error("the built-in shows a sharing or overflow table")
	}
}

// size --out writes sizing.xlsx into the folder, and nothing over the input.
func TestSizeOut(t *testing.T) {
	dir := t.TempDir()
	code, _, stderr := runCmd(t, false, "size", demandExample, "--min", "34", "--max", "36", "--out", dir)
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	if _, err := os.Stat(filepath.Join(dir, "sizing.xlsx")); err != nil {
		t.Errorf("no sizing.xlsx: %v (stderr %q)", err, stderr)
	}
}
