package main

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"strings"
	"testing"
)

// scenarioFolder writes a small valid scenario as CSV files, with some
// files replaced.
func scenarioFolder(t testing.TB, over map[string]string) string {
	t.Helper()
	files := map[string]string{
		"assumptions.csv": "setting,value\nscenario,Small\nstart_date,2019-04-01\nyears,2\nblock_weekly_price,3000\n",
		"councils.csv":    "code,name\nA,Alpha\nB,Beta\n",
		"pledges.csv":     "council,from,to,annual_amount\nA,2019-04-01,2021-03-31,100000\nB,2019-04-01,2021-03-31,50000\n",
		"rooms.csv":       "from,rooms\n2019-04-01,2\n",
		"spotcosts.csv":   "council,from,weekly_cost,annual_inflation\nA,2019-04-01,4000,5%\nB,2019-04-01,3800,5%\n",
	}
	for k, v := range over {
		files[k] = v
	}
	dir := t.TempDir()
	for name, body := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func TestValidateArgs(t *testing.T) {
	var got validateOptions
	io := &streams{Out: &bytes.Buffer{}, Err: &bytes.Buffer{}}
	cmd := newValidateCmd(io, func(o *validateOptions, _ *streams) error { got = *o; return nil })
	cmd.SetArgs([]string{"in.xlsx"})
	if err := cmd.Execute(); err != nil {
		t.Fatal(err)
	}
	if want := (validateOptions{Input: "in.xlsx"}); !reflect.DeepEqual(got, want) {
		t.Errorf("got %+v, want %+v", got, want)
	}
	for _, args := range [][]string{{"validate"}, {"validate", "a", "b"}} {
		if code, _, stderr := runCmd(t, false, args...); code != exitUsage {
			t.Errorf("%v: exit %d, want %d; stderr:\n%s", args, code, exitUsage, stderr)
		}
	}
}

func TestValidateOK(t *testing.T) {
	dir := scenarioFolder(t, nil)
	code, stdout, stderr := runCmd(t, false, "validate", dir)
	if code != exitOK || stderr != "" {
		t.Fatalf("exit %d, stderr:\n%s", code, stderr)
	}
	if !strings.HasPrefix(stdout, dir+": OK\n") {
		t.Errorf("stdout does not begin %q:\n%s", dir+": OK", stdout)
	}
	squeezed := regexp.MustCompile(` {2,}`).ReplaceAllString(stdout, " ")
	for _, want := range []string{"\nscenario Small\n", "\nhorizon 1 April 2019 to 31 March 2021 (2 years)\n", "\nblock price £3,000.00 a room a week on 1 April 2019, rising 0% a year\n", "\ncouncils 2\n", "\nrooms 1 row, at most 2 rooms\n", "\noccupancy no rows: 90% of the rooms, shared by council\n", "\ngrants 0 rows, £0.00 in all\n"} {
		if !strings.Contains(squeezed, want) {
			t.Errorf("stdout lacks %q:\n%s", want, stdout)
		}
	}
}

// With Demand rows the summary says occupancy follows demand, with the
// fill and the sharing rule in force, and counts the Demand and
// Allocations rows (counted here from the files).
func TestValidateDemandSummary(t *testing.T) {
	code, stdout, stderr := runCmd(t, false, "validate", demandExample)
	if code != exitOK {
		t.Fatalf("exit %d, stderr:\n%s", code, stderr)
	}
	rows := func(name string) int {
		b, err := os.ReadFile(filepath.Join(demandExample, name))
		if err != nil {
			t.Fatal(err)
		}
		return len(strings.Split(strings.TrimSpace(string(b)), "\n")) - 1
	}
	squeezed := regexp.MustCompile(` {2,}`).ReplaceAllString(stdout, " ")
	for _, want := range []string{
		"\noccupancy from demand: at most 90% of the rooms filled, allocations first, then rooms left empty traded to councils with children waiting (allocated_trade)\n",
		fmt.Sprintf("\ndemand %d rows\n", rows("demand.csv")),
		fmt.Sprintf("\nallocations %d rows\n", rows("allocations.csv")),
		"\nhorizon 1 April 2019 to 31 March 2027 (8 years)\n",
		// No Risks sheet: the appraisal draws the defaults, not nothing.
		"\nrisks no Risks sheet: the default factors apply (docs/methodology.md §8)\n",
	} {
		if !strings.Contains(squeezed, want) {
			t.Errorf("stdout lacks %q:\n%s", want, stdout)
		}
	}
	if strings.Contains(stdout, "shared by council") {
		t.Errorf("stdout says occupancy is the default rate:\n%s", stdout)
	}
}

// Every problem, one a line on stderr, then the count; nothing on stdout.
func TestValidateErrors(t *testing.T) {
	dir := scenarioFolder(t, map[string]string{
		"pledges.csv": "council,from,to,annual_amount\nA,2019-04-01,2021-03-31,-5\nC,2019-04-01,2021-03-31,50000\n",
		"rooms.csv":   "from,rooms,colour\n2019-04-01,2.5,red\n",
	})
	code, stdout, stderr := runCmd(t, false, "validate", dir)
	stderr = inFolder(stderr, dir)
	if code != exitInput {
		t.Errorf("exit %d, want %d", code, exitInput)
	}
	if stdout != "" {
		t.Errorf("stdout %q, want nothing", stdout)
	}
	want := strings.Join([]string{
		`warning: rooms.csv:1: column colour: unknown column "colour", ignored; expected columns from, rooms`,
		`pledges.csv:2: column annual_amount: negative amount: found "-5"; expected zero or more`,
		`pledges.csv:3: column council: unknown council: found "C"; expected the code or name of a council in councils.csv (A, B)`,
		`rooms.csv:2: column rooms: rooms not a whole number: found "2.5"; expected a whole number of rooms, 0 or more`,
		`carecast: ` + dir + `: 3 errors`,
	}, "\n") + "\n"
	if stderr != want {
		t.Errorf("stderr:\n%s\nwant:\n%s", stderr, want)
	}
}

func TestValidateWarningsOnly(t *testing.T) {
	dir := scenarioFolder(t, map[string]string{"extra.csv": "x\n1\n"})
	code, stdout, stderr := runCmd(t, false, "validate", dir)
	stderr = inFolder(stderr, dir)
	if code != exitOK {
		t.Fatalf("exit %d, stderr:\n%s", code, stderr)
	}
	if !strings.HasPrefix(stderr, "warning: extra.csv: unknown file, ignored") {
		t.Errorf("stderr %q, want the warning", stderr)
	}
	if !strings.Contains(stdout, "OK, with 1 warning (on stderr)") {
		t.Errorf("stdout lacks the warning count:\n%s", stdout)
	}
}

// forecast checks the input first and writes nothing when it has errors.
func TestForecastWritesNothingOnInputErrors(t *testing.T) {
	dir := scenarioFolder(t, map[string]string{"rooms.csv": "from,rooms\n2019-04-01,two\n"})
	out := filepath.Join(t.TempDir(), "out")
	code, stdout, stderr := runCmd(t, false, "forecast", dir, "--out", out)
	if code != exitInput {
		t.Errorf("exit %d, want %d; stderr:\n%s", code, exitInput, stderr)
	}
	if !strings.Contains(stderr, `rooms.csv:2: column rooms: not a number: found "two"`) {
		t.Errorf("stderr lacks the problem:\n%s", stderr)
	}
	if stdout != "" {
		t.Errorf("stdout %q, want nothing", stdout)
	}
	if _, err := os.Stat(out); !os.IsNotExist(err) {
		t.Errorf("the output folder was created (%v)", err)
	}
}
