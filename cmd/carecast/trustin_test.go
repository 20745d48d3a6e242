package main

import (
	"os"
	"strings"
	"testing"
)

// The input-validation items of issue 18, each at the command layer: the
// exit status, the located message on stderr, nothing written (refused).

// Item 6: an option's block_price_date went unchecked: 2091-04-01 gave a
// block cost of £9.5m, 9999-12-31 one of £0. It meets the check of the
// Assumptions setting, at the option's cell; and so do start_date and
// years that carry the model past the last date a spreadsheet shows.
func TestIssue18OptionSettingsChecked(t *testing.T) {
	for _, c := range []struct{ value, want string }{
		{"2091-04-01", `options.csv:2: column value: option "Late price": block_price_date 2091-04-01 is outside the model: expected a date from 1969-04-01 (50 years before start_date) to 2021-03-31, the model's last day`},
		{"9999-12-31", `options.csv:2: column value: option "Late price": block_price_date 9999-12-31 is outside the model: expected a date from 1969-04-01 (50 years before start_date) to 2021-03-31, the model's last day`},
	} {
		t.Run(c.value, func(t *testing.T) {
			dir := scenarioFolder(t, map[string]string{"options.csv": "option,setting,value\nLate price,block_price_date," + c.value + "\n"})
			refused(t, dir, c.want)
			refusedCompare(t, dir, c.want)
		})
	}
	t.Run("start_date 9999", func(t *testing.T) {
		dir := scenarioFolder(t, map[string]string{"options.csv": "option,setting,value\nLate,years,8\nLate,start_date,9995-01-01\n"})
		refusedCompare(t, dir, `options.csv:3: column value: option "Late": the model would end on 10002-12-31, after 9999-12-31, the last date a spreadsheet can show; expected an earlier start_date or fewer years`)
	})
	t.Run("sharing allocated without allocations", func(t *testing.T) {
		dir := scenarioFolder(t, map[string]string{
			"demand.csv":  "council,from,placements\nA,2019-04-01,1\nB,2019-04-01,1\n",
			"options.csv": "option,setting,value\nAllocated,sharing,allocated\n",
		})
		refusedCompare(t, dir, `options.csv:2: column option: option "Allocated": sharing is allocated but there are no allocations; expected rows in allocations.csv saying which rooms each council has, or sharing pooled`)
	})
}

// refusedCompare is refused for compare, the command options are for.
func refusedCompare(t *testing.T, dir string, want ...string) {
	t.Helper()
	out := t.TempDir() + "/out"
	code, stdout, stderr := runCmd(t, false, "compare", dir, "--out", out)
	if code != exitInput {
		t.Errorf("compare: exit %d, want %d; stderr:\n%s", code, exitInput, stderr)
	}
	for _, w := range want {
		if !contains(stderr, w+"\n") {
			t.Errorf("compare: stderr lacks %q:\n%s", w, stderr)
		}
	}
	if stdout != "" {
		t.Errorf("compare: stdout %q, want nothing", stdout)
	}
	if exists(out) {
		t.Errorf("compare: the output folder was created")
	}
}

// Item 7: an option named as the base case or business as usual gave two
// columns headed alike with different figures.
func TestIssue18ReservedOptionNames(t *testing.T) {
	for _, name := range []string{"Base case", "business  AS usual", "BaseCase"} {
		t.Run(name, func(t *testing.T) {
			dir := scenarioFolder(t, map[string]string{"options.csv": "option,setting,value\n" + name + ",block_weekly_price,3500\n"})
			want := `options.csv:2: column option: the option name "` + name + `" is carecast's own name for `
			refused(t, dir)
			code, _, stderr := runCmd(t, false, "validate", dir)
			if code != exitInput || !contains(stderr, want) {
				t.Errorf("exit %d, stderr lacks %q:\n%s", code, want, stderr)
			}
		})
	}
}

// Item 11: allocations not used (sharing pooled) were warned as ignored and
// then refused for exceeding the rooms.
func TestIssue18IgnoredAllocationsNotChecked(t *testing.T) {
	dir := scenarioFolder(t, map[string]string{
		"demand.csv":      "council,from,placements\nA,2019-04-01,1\nB,2019-04-01,1\n",
		"allocations.csv": "council,from,rooms\nA,2019-04-01,2\nB,2019-04-01,2\n",
	})
	code, stdout, stderr := runCmd(t, false, "validate", dir)
	if code != exitOK {
		t.Fatalf("exit %d, want %d:\n%s", code, exitOK, stderr)
	}
	if want := "allocations are not used when sharing is pooled"; !contains(stderr, want) || contains(stderr, "allocations above the rooms") {
		t.Errorf("stderr, want the warning %q and no error:\n%s", want, stderr)
	}
	if !contains(stdout, ": OK") {
		t.Errorf("stdout %q", stdout)
	}
}

func contains(s, sub string) bool { return strings.Contains(s, sub) }

func exists(p string) bool {
	_, err := os.Stat(p)
	return !os.IsNotExist(err)
}
