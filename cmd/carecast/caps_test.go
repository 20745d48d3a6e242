package main

import (
	"encoding/json"
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"github.com/carecast/carecast/inputs"
)

// Issue 18, item 12, the commands' part: compare held about 1 MB an option
// with no bound (1,000 options 1.1 GB); the default range of size on a
// 100,000-room block ran 200,001 sizes (8 minutes, 70 with --risk)
// although --max 200000 given was refused; size --risk checked its memory
// bound per simulation while one ran a core.
func TestIssue18ComputeCaps(t *testing.T) {
	t.Run("options", func(t *testing.T) {
		dir := scenarioFolder(t, map[string]string{"options.csv": optionsCSV(inputs.MaxOptions + 1)})
		want := filepath.Join(dir, "options.csv") + `:202: column option: too many options: "Option 201" is option 201; expected at most 200 (each is forecast, and simulated with --risk, in compare and the paper; a business case short-lists a handful)`
		refused(t, dir, want)
		refusedCompare(t, dir, want)
	})
	t.Run("compare's cases", func(t *testing.T) {
		a := scenarioFolder(t, map[string]string{"options.csv": optionsCSV(150)})
		b := scenarioFolder(t, map[string]string{"options.csv": optionsCSV(50)})
		out := filepath.Join(t.TempDir(), "out")
		code, stdout, stderr := runCmd(t, false, "compare", a, b, "--out", out)
		want := "carecast: the 2 inputs hold 202 cases (each its base case and options); compare holds at most 201, each a forecast in memory: compare fewer inputs\n"
		if code != exitUsage || !strings.HasPrefix(stderr, want) || stdout != "" || exists(out) {
			t.Errorf("exit %d, stdout %q, --out made: %v, stderr:\n%s\nwant exit %d and %q", code, stdout, exists(out), stderr, exitUsage, want)
		}
		// One fewer is compared.
		b = scenarioFolder(t, map[string]string{"options.csv": optionsCSV(49)})
		if code, _, stderr := runCmd(t, false, "compare", a, b, "--json"); code != exitOK {
			t.Errorf("201 cases: exit %d: %s", code, stderr)
		}
	})
	t.Run("size range given", func(t *testing.T) {
		code, _, stderr := runCmd(t, false, "size", "--min", "10", "--max", "511")
		want := "carecast: --min 10 to --max 511 is 502 sizes; a sweep tries at most 501 (each a forecast): narrow the range\n"
		if code != exitUsage || !strings.HasPrefix(stderr, want) {
			t.Errorf("exit %d, stderr %q; want %d and %q", code, stderr, exitUsage, want)
		}
	})
	// The default range meets the same caps: the 501 sizes centred on
	// the largest Rooms row past 250 rooms, never more than 100,000 rooms.
	for _, c := range []struct {
		rooms, min     int
		args           []string
		first, last, n int
	}{
		{2000, 0, nil, 1750, 2250, 501},
		{100000, 0, nil, 99750, 100000, 251},
		{2000, 1800, []string{"--min", "1800"}, 1800, 2300, 501},
		{250, 0, nil, 0, 500, 501}, // as before: 0 to twice the largest
		{251, 0, nil, 1, 501, 501},
	} {
		t.Run(fmt.Sprintf("default range, %d rooms %v", c.rooms, c.args), func(t *testing.T) {
			dir := scenarioFolder(t, map[string]string{"rooms.csv": fmt.Sprintf("from,rooms\n2019-04-01,%d\n", c.rooms)})
			code, stdout, stderr := runCmd(t, false, append([]string{"size", dir, "--json"}, c.args...)...)
			if code != exitOK {
				t.Fatalf("exit %d: %s", code, stderr)
			}
			var got struct{ Sizes []struct{ Rooms int } }
			if err := json.Unmarshal([]byte(stdout), &got); err != nil {
				t.Fatal(err)
			}
			if n := len(got.Sizes); n != c.n || got.Sizes[0].Rooms != c.first || got.Sizes[n-1].Rooms != c.last {
				t.Errorf("%d sizes, %d to %d rooms; want %d, %d to %d", n, got.Sizes[0].Rooms, got.Sizes[n-1].Rooms, c.n, c.first, c.last)
			}
		})
	}
	// size --risk: the runs of one simulation over the bound alone are
	// refused before anything runs (2 years, 2 councils: 8 x (24 + 2 x 2
	// + 2) = 240 bytes a run, 4,500,000 runs 1.08 GB; the bound is 1 GiB).
	t.Run("size --risk runs", func(t *testing.T) {
		dir := scenarioFolder(t, nil)
		code, _, stderr := runCmd(t, false, "size", dir, "--min", "1", "--max", "3", "--risk", "--runs", "4500000")
		want := "carecast: --runs 4500000: simulate: too many runs for memory: 4500000 runs of 24 months and 2 councils keep 1.01 GiB of figures, more than the 1 GiB carecast allows; use fewer\n"
		if code != exitUsage || !strings.HasPrefix(stderr, want) {
			t.Errorf("exit %d, stderr %q; want %d and %q", code, stderr, exitUsage, want)
		}
	})
}
