package main

import (
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
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

// size --out writes sizing.xlsx and sizing.html into the folder, and
// nothing over the input.
func TestSizeOut(t *testing.T) {
	dir := t.TempDir()
	code, _, stderr := runCmd(t, false, "size", demandExample, "--min", "34", "--max", "36", "--out", dir)
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	for _, name := range []string{"sizing.xlsx", "sizing.html"} {
		if _, err := os.Stat(filepath.Join(dir, name)); err != nil {
			t.Errorf("no %s: %v (stderr %q)", name, err, stderr)
		}
	}
}

// size --out writes sizing.html beside sizing.xlsx: a charts page whose
// NPV chart marks the size the JSON recommends and the size as given (35,
// the example's largest Rooms row).
func TestSizeOutChartsPage(t *testing.T) {
	dir := t.TempDir()
	code, out, stderr := runCmd(t, false, "size", demandExample, "--min", "30", "--max", "44", "--json", "--out", dir)
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	var z struct {
		Recommended int `json:"recommended"`
	}
	if err := json.Unmarshal([]byte(out), &z); err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"sizing.xlsx", "sizing.html"} {
		if !strings.Contains(stderr, "wrote "+filepath.Join(dir, name)) {
			t.Errorf("stderr %q does not say it wrote %s", stderr, name)
		}
	}
	b, err := os.ReadFile(filepath.Join(dir, "sizing.html"))
	if err != nil {
		t.Fatal(err)
	}
	page := string(b)
	if !strings.HasPrefix(page, "<!DOCTYPE html>") {
		t.Fatal("sizing.html is not a page")
	}
	m := regexp.MustCompile(`(?s)<script type="application/json" id="carecast-chart-data">(.*?)</script>`).FindStringSubmatch(page)
	if m == nil {
		t.Fatal("no data block in sizing.html")
	}
	var data struct {
		Demand []struct {
			ID     string `json:"id"`
			Option struct {
				XAxis []struct {
					Data []string `json:"data"`
				} `json:"xAxis"`
				Series []struct {
					MarkLine *struct {
						Data []struct {
							Name  string `json:"name"`
							XAxis *int   `json:"xAxis"`
						} `json:"data"`
					} `json:"markLine"`
				} `json:"series"`
			} `json:"option"`
		} `json:"demand"`
	}
	if err := json.Unmarshal([]byte(m[1]), &data); err != nil {
		t.Fatal(err)
	}
	if len(data.Demand) != 2 || data.Demand[0].ID != "sizing-npv" || data.Demand[1].ID != "sizing-use" {
		t.Fatalf("charts %+v, want sizing-npv and sizing-use", data.Demand)
	}
	// The marks stand at the categories of the sizes they name.
	marked := map[string]string{}
	npv := data.Demand[0].Option
	for _, s := range npv.Series {
		if s.MarkLine == nil {
			continue
		}
		for _, d := range s.MarkLine.Data {
			if d.XAxis != nil {
				marked[d.Name] = npv.XAxis[0].Data[*d.XAxis]
			}
		}
	}
	want := map[string]string{
		fmt.Sprintf("Recommended: %d rooms", z.Recommended): strconv.Itoa(z.Recommended),
		"As given: 35 rooms": "35",
	}
	if z.Recommended == 35 {
		want = map[string]string{"Recommended, as given: 35 rooms": "35"}
	}
	if fmt.Sprint(marked) != fmt.Sprint(want) {
		t.Errorf("marks %v, want %v", marked, want)
	}
}

// size --out is all or nothing: when sizing.html cannot be written (a full
// disk), the run exits 3 naming it, and the folder keeps the previous
// pair as it was; a new folder gets neither file.
func TestSizeOutAllOrNothing(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "out")
	if code, _, stderr := runCmd(t, false, "size", demandExample, "--min", "34", "--max", "36", "--out", dir); code != exitOK {
		t.Fatalf("first run: exit %d: %s", code, stderr)
	}
	before := snapshot(t, dir)
	if len(before) != 2 {
		t.Fatalf("the first run wrote %d files, want sizing.xlsx and sizing.html", len(before))
	}
	outputHook = func(path string, w io.Writer) io.Writer {
		if filepath.Base(path) == "sizing.html" {
			return &fullDisk{w: w, left: 1000}
		}
		return w
	}
	defer func() { outputHook = nil }()
	code, _, stderr := runCmd(t, false, "size", demandExample, "--min", "30", "--max", "32", "--out", dir)
	if code != 3 || !strings.Contains(stderr, filepath.Join(dir, "sizing.html")) || !strings.Contains(stderr, "no space left") {
		t.Errorf("exit %d, stderr %q; want 3 and a message naming sizing.html and the full disk", code, stderr)
	}
	sameFiles(t, snapshot(t, dir), before)
	fresh := filepath.Join(t.TempDir(), "fresh")
	if code, _, _ := runCmd(t, false, "size", demandExample, "--min", "30", "--max", "32", "--out", fresh); code != 3 {
		t.Errorf("exit %d into a fresh folder, want 3", code)
	}
	if entries, err := os.ReadDir(fresh); err == nil && len(entries) > 0 {
		t.Errorf("the failed run left %d entries in a fresh folder", len(entries))
	}
}
