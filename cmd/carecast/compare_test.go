package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"runtime"
	"slices"
	"strings"
	"testing"

	"github.com/carecast/carecast"
	"github.com/carecast/carecast/forecast"
	"github.com/carecast/carecast/inputs"
	"github.com/carecast/carecast/reports"
	"github.com/shopspring/decimal"
)

func TestCompareFlags(t *testing.T) {
	for _, c := range []struct {
		args []string
		want compareOptions
	}{
		{nil, compareOptions{Inputs: []string{}, Runs: 10000, Seed: 1}},
		{[]string{"a.xlsx", "b/", "--json", "--risk", "--runs", "50", "--seed", "4", "--out", "p"},
			compareOptions{Inputs: []string{"a.xlsx", "b/"}, JSON: true, Risk: true, Runs: 50, Seed: 4, OutDir: "p"}},
	} {
		t.Run(strings.Join(c.args, " "), func(t *testing.T) {
			var got compareOptions
			io := &streams{Out: &bytes.Buffer{}, Err: &bytes.Buffer{}}
			cmd := newCompareCmd(io, func(o *compareOptions, _ *streams) error { got = *o; return nil })
			cmd.SetArgs(c.args)
			if err := cmd.Execute(); err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(got, c.want) {
				t.Errorf("got %+v, want %+v", got, c.want)
			}
		})
	}
	for _, args := range [][]string{{"compare", "--runs", "0"}, {"compare", "--out", ""}} {
		if code, _, _ := runCmd(t, false, args...); code != exitUsage {
			t.Errorf("%v: exit %d, want %d", args, code, exitUsage)
		}
	}
}

type compareJSON struct {
	Options []struct {
		Option      string                                      `json:"option"`
		Description string                                      `json:"description"`
		Input       string                                      `json:"input"`
		Totals      json.RawMessage                             `json:"totals"`
		Councils    []struct{ Code, Name, Savings, NPV string } `json:"councils"`
		Risk        *riskJSON                                   `json:"risk"`
	} `json:"options"`
}

type riskJSON struct {
	Runs              int
	Seed              uint64
	P10, P50, P90     string
	Mean              string
	ProbabilityOfLoss json.Number `json:"probability_of_loss"`
}

// forecastTotals is the totals object of 'forecast --json' for s.
func forecastTotals(t *testing.T, s *carecast.Scenario) string {
	t.Helper()
	r, err := forecast.Run(s)
	if err != nil {
		t.Fatal(err)
	}
	b, err := json.Marshal(reports.NewSummaryTotals(r))
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func compact(t *testing.T, raw json.RawMessage) string {
	t.Helper()
	var b bytes.Buffer
	if err := json.Compact(&b, raw); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

// The built-in shortlist: each option's totals are those of a forecast of
// the scenario changed by hand (not through Option.Apply): 8, 16 and 24
// rooms; City of London's rows dropped; a block price of £3,250 with 41%
// optimism bias. The base case and '35 rooms as given' are the built-in
// forecast itself.
func TestCompareBuiltInJSON(t *testing.T) {
	code, stdout, stderr := runCmd(t, false, "compare", "--json")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	var got compareJSON
	if err := json.Unmarshal([]byte(stdout), &got); err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, o := range got.Options {
		names = append(names, o.Option)
	}
	if want := []string{"Base case", "24 rooms", "12 rooms (do minimum)", "City of London stays out", "Dearer provider"}; !slices.Equal(names, want) {
		t.Fatalf("options %q, want %q", names, want)
	}

	base := inputs.BuiltInScenario()
	base.Options = nil
	want := map[string]*carecast.Scenario{"Base case": base}
	rooms := *base
	rooms.Rooms = []carecast.RoomsRow{{From: base.Rooms[0].From, Rooms: 8}, {From: base.Rooms[1].From, Rooms: 16}, {From: base.Rooms[2].From, Rooms: 24}}
	want["24 rooms"] = &rooms
	// 12, 24, 35 rooms x 12/35 = 4.11, 8.23, 12: 4, 8, 12.
	minimum := *base
	minimum.Rooms = []carecast.RoomsRow{{From: base.Rooms[0].From, Rooms: 4}, {From: base.Rooms[1].From, Rooms: 8}, {From: base.Rooms[2].From, Rooms: 12}}
	want["12 rooms (do minimum)"] = &minimum
	out := *base
	out.Councils = slices.Delete(slices.Clone(base.Councils), 2, 3)
	out.Pledges, out.SpotCosts = nil, nil
	for _, p := range base.Pledges {
		switch {
		case p.Council < 2:
			out.Pledges = append(out.Pledges, p)
		case p.Council > 2:
			p.Council--
			out.Pledges = append(out.Pledges, p)
		}
	}
	for _, sc := range base.SpotCosts {
		switch {
		case sc.Council < 2:
			out.SpotCosts = append(out.SpotCosts, sc)
		case sc.Council > 2:
			sc.Council--
			out.SpotCosts = append(out.SpotCosts, sc)
		}
	}
	want["City of London stays out"] = &out
	dearer := *base
	dearer.Assumptions.BlockWeeklyPrice = decimal.RequireFromString("3250")
	want["Dearer provider"] = &dearer

	for _, o := range got.Options {
		if g, w := compact(t, o.Totals), forecastTotals(t, want[o.Option]); g != w {
			t.Errorf("%s: totals\n%s\nwant\n%s", o.Option, g, w)
		}
	}
	if n := len(got.Options[3].Councils); n != 7 {
		t.Errorf("City of London stays out: %d councils, want 7", n)
	}
	for _, c := range got.Options[3].Councils {
		if c.Code == "COL" {
			t.Errorf("City of London is in the option it stays out of")
		}
	}
	// Every option carries the base case's optimism bias, 41%.
	for _, o := range got.Options {
		var tot struct {
			NPV, NPVAfterOptimismBias string
		}
		var raw map[string]json.RawMessage
		if err := json.Unmarshal(o.Totals, &raw); err != nil {
			t.Fatal(err)
		}
		json.Unmarshal(raw["npv"], &tot.NPV)
		json.Unmarshal(raw["npv_after_optimism_bias"], &tot.NPVAfterOptimismBias)
		if decimal.RequireFromString(tot.NPVAfterOptimismBias).Cmp(decimal.RequireFromString(tot.NPV)) >= 0 {
			t.Errorf("%s: NPV after optimism bias %s, not below the NPV %s", o.Option, tot.NPVAfterOptimismBias, tot.NPV)
		}
	}
	// The base case's totals are 'forecast --json''s, byte for byte.
	code, fj, _ := runCmd(t, false, "forecast", "--json")
	if code != 0 {
		t.Fatal("forecast failed")
	}
	var f struct{ Totals json.RawMessage }
	if err := json.Unmarshal([]byte(fj), &f); err != nil {
		t.Fatal(err)
	}
	if compact(t, f.Totals) != compact(t, got.Options[0].Totals) {
		t.Errorf("the base case's totals differ from forecast --json's")
	}
}

// Tab-separated output: one column per option, business as usual first
// with no savings, its cost the spot purchasing of the base case; rates as
// percentages to two places, as the forecast's and the sweep's
// tab-separated output write them (the dearer provider's 41% optimism
// bias; the base case's break-even 69.66%, the terminal's figure).
func TestCompareTSV(t *testing.T) {
	code, stdout, stderr := runCmd(t, false, "compare")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	lines := strings.Split(stdout, "\n")
	if lines[1] != "\tBusiness as usual\tBase case\t24 rooms\t12 rooms (do minimum)\tCity of London stays out\tDearer provider" {
		t.Errorf("header %q", lines[1])
	}
	for _, want := range []string{"\nSavings\t0.00\t11330132.65\t", "\nCost\t50124524.23\t38794391.58\t", "\nNPV after optimism bias\t0.00\t-4129296.11\t",
		"\nOptimism bias\t\t41.00%\t", "\t41.00%\n", "\nBreak-even occupancy\t\t69.66%\t"} {
		if !strings.Contains(stdout, want) {
			t.Errorf("no %q in\n%s", want, stdout)
		}
	}
	code, tty, _ := runCmd(t, true, "compare")
	if code != 0 || !strings.Contains(tty, "Business as usual") || !strings.Contains(tty, "11,330,132.65") {
		t.Errorf("terminal output:\n%s", tty)
	}
}

// Several inputs: each is a whole scenario, named by its scenario setting,
// with its own options.
func TestCompareSeveralInputs(t *testing.T) {
	dir := t.TempDir()
	a, b := filepath.Join(dir, "a"), filepath.Join(dir, "b")
	if code, _, stderr := runCmd(t, false, "init", "--csv", a); code != 0 {
		t.Fatal(stderr)
	}
	s := inputs.BuiltInScenario()
	s.Assumptions.Scenario = "Larger block"
	s.Options = s.Options[:1]
	// The paper's reasons for rejecting the options left out go with them.
	var paper []carecast.PaperRow
	for _, r := range s.Paper {
		if r.Field != carecast.PaperRejected || strings.HasPrefix(r.Value, "24 rooms:") || strings.HasPrefix(r.Value, carecast.BusinessAsUsual+":") {
			paper = append(paper, r)
		}
	}
	s.Paper = paper
	for i := range s.Rooms {
		s.Rooms[i].Rooms += 5
	}
	if err := inputs.WriteTemplateCSV(b, s, false); err != nil {
		t.Fatal(err)
	}
	code, stdout, stderr := runCmd(t, false, "compare", a, b, "--json")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	var got compareJSON
	if err := json.Unmarshal([]byte(stdout), &got); err != nil {
		t.Fatal(err)
	}
	var names, ins []string
	for _, o := range got.Options {
		names = append(names, o.Option)
		ins = append(ins, o.Input)
	}
	if want := []string{inputs.BuiltInName, "24 rooms", "12 rooms (do minimum)", "City of London stays out", "Dearer provider", "Larger block", "24 rooms"}; !slices.Equal(names, want) {
		t.Errorf("options %q, want %q", names, want)
	}
	if want := []string{a, a, a, a, a, b, b}; !slices.Equal(ins, want) {
		t.Errorf("inputs %q, want %q", ins, want)
	}
}

// Every problem of every input at once, the option's row located.
func TestCompareInputErrors(t *testing.T) {
	dir := t.TempDir()
	a := filepath.Join(dir, "a")
	if code, _, stderr := runCmd(t, false, "init", "--csv", a); code != 0 {
		t.Fatal(stderr)
	}
	opts := "option,setting,value\nSmall,rooms_scale,0.1\nOdd,colour,blue\n"
	if err := os.WriteFile(filepath.Join(a, "options.csv"), []byte(opts), 0o644); err != nil {
		t.Fatal(err)
	}
	code, stdout, stderr := runCmd(t, false, "compare", a, filepath.Join(dir, "missing"))
	if code != exitInput || stdout != "" {
		t.Fatalf("exit %d, stdout %q", code, stdout)
	}
	for _, want := range []string{`options.csv:3: column setting: unknown setting "colour" for option "Odd"`, "missing"} {
		if !strings.Contains(stderr, want) {
			t.Errorf("stderr lacks %q:\n%s", want, stderr)
		}
	}
}

// --risk: common random numbers, so an option that changes nothing has the
// base case's spread exactly, and the same seed gives the same figures on
// one core or several.
func TestCompareRisk(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "in")
	if code, _, stderr := runCmd(t, false, "init", "--csv", dir); code != 0 {
		t.Fatal(stderr)
	}
	// An option that changes nothing but its description, third as the
	// built-in's '24 rooms' is second.
	f := filepath.Join(dir, "options.csv")
	opts, err := os.ReadFile(f)
	if err != nil {
		t.Fatal(err)
	}
	head, rest, _ := strings.Cut(string(opts), "\n")
	first, rest2, _ := strings.Cut(rest, "\n")
	second, rest3, _ := strings.Cut(rest2, "\n")
	if err := os.WriteFile(f, []byte(head+"\n"+first+"\n"+second+"\nUnchanged,description,No change\n"+rest3), 0o644); err != nil {
		t.Fatal(err)
	}
	args := []string{"compare", dir, "--json", "--risk", "--runs", "400", "--seed", "5"}
	old := runtime.GOMAXPROCS(1)
	_, one, _ := runCmd(t, false, args...)
	runtime.GOMAXPROCS(4)
	code, four, stderr := runCmd(t, false, args...)
	runtime.GOMAXPROCS(old)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	if one != four {
		t.Errorf("one core and four differ")
	}
	var got compareJSON
	if err := json.Unmarshal([]byte(four), &got); err != nil {
		t.Fatal(err)
	}
	if got.Options[2].Option != "Unchanged" {
		t.Fatalf("options %+v", got.Options)
	}
	base, same := got.Options[0].Risk, got.Options[2].Risk
	if base == nil || same == nil || *base != *same {
		t.Fatalf("base case %+v and 'Unchanged' %+v differ", base, same)
	}
	dec := decimal.RequireFromString
	if base.Runs != 400 || base.Seed != 5 || !(dec(base.P10).Cmp(dec(base.P50)) <= 0 && dec(base.P50).Cmp(dec(base.P90)) <= 0) {
		t.Errorf("risk %+v", base)
	}
	// A dearer provider saves less than the base case.
	if d := got.Options[len(got.Options)-1].Risk; got.Options[len(got.Options)-1].Option != "Dearer provider" || dec(d.P50).Cmp(dec(base.P50)) >= 0 {
		t.Errorf("dearer provider P50 %s not below the base case's %s", d.P50, base.P50)
	}
}
