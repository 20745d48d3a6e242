package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

// runCmd runs a command line against buffers.
func runCmd(t *testing.T, tty bool, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errb bytes.Buffer
	code = run(args, &streams{Out: &out, Err: &errb, OutTTY: tty})
	return code, out.String(), errb.String()
}

var defaultRisk = riskOptions{Runs: 10000, Seed: 1}

func TestForecastFlags(t *testing.T) {
	for _, c := range []struct {
		args []string
		want forecastOptions
	}{
		{nil, forecastOptions{OutDir: "carecast-out", Risk: defaultRisk}},
		{[]string{"in.xlsx", "--json", "--out", "papers"}, forecastOptions{Input: "in.xlsx", JSON: true, OutDir: "papers", Risk: defaultRisk}},
		{[]string{"--json"}, forecastOptions{JSON: true, OutDir: "carecast-out", NoFiles: true, Risk: defaultRisk}},
		{[]string{"-o", "x", "--no-files", "folder/"}, forecastOptions{Input: "folder/", OutDir: "x", NoFiles: true, Risk: defaultRisk}},
		{[]string{"--risk", "--runs", "500", "--seed", "9"}, forecastOptions{OutDir: "carecast-out", Risk: riskOptions{Risk: true, Runs: 500, Seed: 9}}},
	} {
		t.Run(strings.Join(c.args, " "), func(t *testing.T) {
			var got forecastOptions
			io := &streams{Out: &bytes.Buffer{}, Err: &bytes.Buffer{}}
			cmd := newForecastCmd(io, func(o *forecastOptions, _ *streams) error { got = *o; return nil })
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

func TestExitStatuses(t *testing.T) {
	for _, c := range []struct {
		args []string
		want int
	}{
		{[]string{"forecast", "--no-files", "--json"}, exitOK},
		{[]string{"forecast", "a", "b"}, exitUsage},
		{[]string{"forecast", "--no-such-flag"}, exitUsage},
		{[]string{"no-such-command"}, exitUsage},
		{[]string{"forecast", "--risk", "--runs", "0"}, exitUsage},
		{[]string{"forecast", "--no-files", filepath.Join(t.TempDir(), "missing.xlsx")}, exitInput},
	} {
		t.Run(strings.Join(c.args, " "), func(t *testing.T) {
			if code, _, stderr := runCmd(t, false, c.args...); code != c.want {
				t.Errorf("exit %d, want %d; stderr:\n%s", code, c.want, stderr)
			}
		})
	}
}

// The JSON summary of the built-in scenario: the seed's headline.
func TestForecastJSON(t *testing.T) {
	code, stdout, stderr := runCmd(t, false, "forecast", "--json", "--no-files")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	var s struct {
		Scenario string `json:"scenario"`
		Start    string `json:"start"`
		End      string `json:"end"`
		Years    int    `json:"years"`
		Currency string `json:"currency"`
		Totals   map[string]any
		Councils []map[string]any
	}
	if err := json.Unmarshal([]byte(stdout), &s); err != nil {
		t.Fatal(err)
	}
	if s.Start != "2019-04-01" || s.End != "2027-03-31" || s.Years != 8 || s.Currency != "GBP" {
		t.Errorf("header %+v", s)
	}
	if got := s.Totals["pledges"]; got != "41600000.00" {
		t.Errorf("pledges %v, want \"41600000.00\" (8 x £650,000 x 8)", got)
	}
	if len(s.Councils) != 8 || s.Councils[0]["pledges"] != "5200000.00" {
		t.Errorf("councils %v", s.Councils)
	}
	// Every field of docs/methodology.md §13 is present.
	for _, k := range []string{"pledges", "grants", "other_costs", "block_cost", "void_cost", "spot_avoided",
		"attributed_cost", "savings", "npv", "closing_fund_balance", "capacity_room_days",
		"occupied_room_days", "occupancy_rate", "break_even_occupancy"} {
		if _, ok := s.Totals[k]; !ok {
			t.Errorf("totals lack %s", k)
		}
	}
}

// On a terminal, aligned tables; piped, tab-separated text.
func TestForecastTerminalAndPiped(t *testing.T) {
	_, tty, _ := runCmd(t, true, "forecast", "--no-files")
	if !strings.Contains(tty, "  Pledges   ") || !strings.Contains(tty, "£41,600,000.00") || strings.Contains(tty, "\t") {
		t.Errorf("terminal summary:\n%s", tty)
	}
	_, piped, _ := runCmd(t, false, "forecast", "--no-files")
	if !strings.Contains(piped, "Pledges\t41600000.00\n") || !strings.Contains(piped, "# councils\n") {
		t.Errorf("piped summary:\n%s", piped)
	}
}

// Outputs go into --out and the command says where.
func TestForecastWritesIntoOut(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "out")
	code, _, stderr := runCmd(t, false, "forecast", "--out", dir)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	if _, err := os.Stat(dir); err != nil {
		t.Fatal(err)
	}
}

// The workbook is never written over the input, even when they share a name.
func TestForecastNeverOverwritesInput(t *testing.T) {
	dir := t.TempDir()
	in := filepath.Join(dir, "forecast.xlsx")
	if code, _, stderr := runCmd(t, false, "init", in); code != 0 {
		t.Fatalf("init: exit %d: %s", code, stderr)
	}
	before, _ := os.ReadFile(in)
	code, _, stderr := runCmd(t, false, "forecast", in, "--out", dir)
	if code == 0 || !strings.Contains(stderr, "input") {
		t.Errorf("exit %d, stderr %s: want a refusal naming the input", code, stderr)
	}
	after, _ := os.ReadFile(in)
	if !bytes.Equal(before, after) {
		t.Error("the input workbook changed")
	}
}

// Same inputs, same outputs, byte for byte.
func TestForecastOutputsAreDeterministic(t *testing.T) {
	a, b := filepath.Join(t.TempDir(), "a"), filepath.Join(t.TempDir(), "b")
	for _, dir := range []string{a, b} {
		if code, _, stderr := runCmd(t, false, "forecast", "--out", dir); code != 0 {
			t.Fatalf("exit %d: %s", code, stderr)
		}
	}
	for _, name := range []string{"forecast.xlsx", "charts.html"} {
		x, err1 := os.ReadFile(filepath.Join(a, name))
		y, err2 := os.ReadFile(filepath.Join(b, name))
		if err1 != nil || err2 != nil {
			t.Fatalf("%s: %v %v", name, err1, err2)
		}
		if !bytes.Equal(x, y) {
			t.Errorf("%s differs between two runs", name)
		}
	}
}

// forecast --help tells a finance officer what a demand scenario adds
// (the overflow, apart from savings, and what bed trading is worth, in
// each output) and shows the worked example to run.
func TestForecastHelpDemand(t *testing.T) {
	code, out, _ := runCmd(t, false, "forecast", "--help")
	if code != exitOK {
		t.Fatalf("exit %d", code)
	}
	text := strings.Join(strings.Fields(out), " ")
	for _, want := range []string{
		"docs/methodology.md §11", "overflow", "apart from the savings", "sharing rule", "Bed trading",
		`"overflow_room_days"`, `"sharing"`, "carecast forecast examples/demand",
	} {
		if !strings.Contains(text, want) {
			t.Errorf("forecast --help lacks %q:\n%s", want, out)
		}
	}
}
