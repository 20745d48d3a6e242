package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime/debug"
	"slices"
	"strings"
	"testing"

	"github.com/carecast/carecast/internal/testtools"

	"github.com/carecast/carecast/charts"
)

// Tests of the command line a newcomer expects (--version, files written
// only when asked for, init --csv, plain messages), each at the command
// layer: exit status, stdout, stderr and the files written.

// filesUnder lists every file under dir, relative to it, sorted.
func filesUnder(t *testing.T, dir string) []string {
	t.Helper()
	var got []string
	err := filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if !d.IsDir() {
			rel, _ := filepath.Rel(dir, p)
			got = append(got, rel)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	slices.Sort(got)
	return got
}

func TestVersion(t *testing.T) {
	dir := t.TempDir()
	t.Chdir(dir)
	code, stdout, stderr := runCmd(t, false, "--version")
	if code != exitOK || stderr != "" {
		t.Fatalf("exit %d, stderr %q", code, stderr)
	}
	if !strings.HasPrefix(stdout, "carecast ") || !strings.Contains(stdout, "revision ") {
		t.Errorf("stdout %q: want the version and the revision", stdout)
	}
	if got := filesUnder(t, dir); len(got) > 0 {
		t.Errorf("wrote %v", got)
	}
}

func TestVersionText(t *testing.T) {
	main := debug.Module{Path: "github.com/carecast/carecast", Version: "v1.2.0"}
	for _, c := range []struct {
		name                      string
		bi                        *debug.BuildInfo
		linkVer, linkRev, linkMod string
		want                      string
	}{
		{"the toolchain's record", &debug.BuildInfo{GoVersion: "go1.26.8", Main: main, Settings: []debug.BuildSetting{
			{Key: "vcs.revision", Value: "0123abcd"}, {Key: "vcs.time", Value: "2026-11-29T03:54:20Z"}, {Key: "vcs.modified", Value: "false"},
		}}, "v9.9.9", "deadbeef", "true",
			"carecast v1.2.0\nmodule github.com/carecast/carecast\nrevision 0123abcd of 2026-11-29T03:54:20Z\nbuilt with go1.26.8"},
		{"uncommitted changes", &debug.BuildInfo{Main: main, Settings: []debug.BuildSetting{
			{Key: "vcs.revision", Value: "0123abcd"}, {Key: "vcs.modified", Value: "true"},
		}}, "", "", "",
			"carecast v1.2.0\nmodule github.com/carecast/carecast\nrevision 0123abcd, with uncommitted changes"},
		{"make build in a worktree", &debug.BuildInfo{Main: debug.Module{Path: main.Path, Version: "(devel)"}}, "v1.2.0-3-g0123abc-dirty", "deadbeef", "true",
			"carecast v1.2.0-3-g0123abc-dirty\nmodule github.com/carecast/carecast\nrevision deadbeef, with uncommitted changes"},
		{"make build with no release tag", &debug.BuildInfo{Main: debug.Module{Path: main.Path, Version: "(devel)"}}, "", "deadbeef", "",
			"carecast (devel)\nmodule github.com/carecast/carecast\nrevision deadbeef"},
		{"no record at all", nil, "", "", "",
			"carecast (devel)\nrevision unknown (built without version control information)"},
	} {
		t.Run(c.name, func(t *testing.T) {
			if got := versionText(c.bi, c.bi != nil, c.linkVer, c.linkRev, c.linkMod); got != c.want {
				t.Errorf("got\n%s\nwant\n%s", got, c.want)
			}
		})
	}
}

// forecast --json prints the JSON and writes nothing unless --out is given.
func TestForecastJSONWritesNoFilesUnlessAsked(t *testing.T) {
	dir := t.TempDir()
	t.Chdir(dir)
	code, stdout, stderr := runCmd(t, false, "forecast", "--json")
	if code != exitOK || stderr != "" || !strings.HasPrefix(stdout, "{") {
		t.Fatalf("exit %d, stderr %q, stdout begins %.20q", code, stderr, stdout)
	}
	if got := filesUnder(t, dir); len(got) > 0 {
		t.Errorf("forecast --json wrote %v", got)
	}
	code, stdout2, stderr := runCmd(t, false, "forecast", "--json", "--out", "papers")
	if code != exitOK || stdout2 != stdout {
		t.Fatalf("exit %d, stderr %q; or other JSON with --out", code, stderr)
	}
	if got, want := filesUnder(t, dir), []string{"papers/charts.html", "papers/forecast.xlsx"}; !slices.Equal(got, want) {
		t.Errorf("forecast --json --out papers wrote %v, want %v", got, want)
	}
	if !strings.Contains(stderr, "wrote papers/forecast.xlsx") {
		t.Errorf("stderr %q does not say what was written", stderr)
	}
}

// An empty folder name is a command-line error (exit 2), not a quiet write
// into the current folder.
func TestEmptyFolderIsUsageError(t *testing.T) {
	dir := t.TempDir()
	t.Chdir(dir)
	for _, args := range [][]string{
		{"forecast", "--out", ""},
		{"forecast", "--json", "--out="},
		{"charts", "--out", ""},
		{"charts", "--png", ""},
		{"init", "--csv", ""},
	} {
		t.Run(strings.Join(args, " "), func(t *testing.T) {
			code, stdout, stderr := runCmd(t, false, args...)
			if code != exitUsage {
				t.Errorf("exit %d, want %d", code, exitUsage)
			}
			if stdout != "" || !strings.Contains(stderr, "needs a folder name; it was given empty") {
				t.Errorf("stdout %q, stderr %q", stdout, stderr)
			}
			if got := filesUnder(t, dir); len(got) > 0 {
				t.Errorf("wrote %v", got)
			}
		})
	}
}

// A missing input is named as missing, with exit 1 and nothing written.
func TestForecastMissingInput(t *testing.T) {
	dir := t.TempDir()
	t.Chdir(dir)
	code, stdout, stderr := runCmd(t, false, "forecast", "nosuch.xlsx")
	if code != exitInput || stdout != "" {
		t.Errorf("exit %d, stdout %q", code, stdout)
	}
	if !strings.HasPrefix(stderr, "nosuch.xlsx: the file does not exist") {
		t.Errorf("stderr %q", stderr)
	}
	if got := filesUnder(t, dir); len(got) > 0 {
		t.Errorf("wrote %v", got)
	}
}

// init --csv writes the template as a CSV folder that forecasts exactly as
// the built-in scenario; it keeps a folder with files in it unless --force.
func TestInitCSV(t *testing.T) {
	dir := t.TempDir()
	t.Chdir(dir)
	code, stdout, stderr := runCmd(t, false, "init", "--csv", "scenario")
	if code != exitOK || stdout != "" || !strings.HasPrefix(stderr, "wrote scenario: ") {
		t.Fatalf("exit %d, stdout %q, stderr %q", code, stdout, stderr)
	}
	want := []string{"scenario/accounts.csv", "scenario/actuals.csv", "scenario/allocations.csv", "scenario/assumptions.csv", "scenario/costs.csv", "scenario/councils.csv", "scenario/demand.csv", "scenario/grants.csv",
		"scenario/occupancy.csv", "scenario/options.csv", "scenario/paper.csv", "scenario/placecodes.csv", "scenario/pledges.csv", "scenario/riskregister.csv", "scenario/risks.csv", "scenario/rooms.csv", "scenario/spotcosts.csv",
		"scenario/widerbenefits.csv"}
	if got := filesUnder(t, dir); !slices.Equal(got, want) {
		t.Errorf("wrote %v, want %v", got, want)
	}
	pledges, _ := os.ReadFile("scenario/pledges.csv")
	if !strings.HasPrefix(string(pledges), "council,from (date),to (date),annual_amount (£ a year)\nHavering,2019-04-01,2027-03-31,650000.00\n") {
		t.Errorf("pledges.csv:\n%s", pledges)
	}
	if code, _, stderr := runCmd(t, false, "validate", "scenario"); code != exitOK || stderr != "" {
		t.Errorf("validate: exit %d, stderr:\n%s", code, stderr)
	}
	_, fromCSV, stderr := runCmd(t, false, "forecast", "scenario", "--json")
	_, builtIn, _ := runCmd(t, false, "forecast", "--json")
	if fromCSV == "" || fromCSV != builtIn {
		t.Errorf("the CSV template's forecast differs from the built-in one; stderr:\n%s", stderr)
	}
	// Sensitivity reads its Risks table: the same as the built-in's defaults.
	_, sensCSV, _ := runCmd(t, false, "sensitivity", "scenario", "--json")
	_, sensBuiltIn, _ := runCmd(t, false, "sensitivity", "--json")
	if sensCSV == "" || sensCSV != sensBuiltIn {
		t.Error("the CSV template's sensitivity differs from the built-in one")
	}

	// Again: refused, the files untouched; then --force replaces them.
	os.WriteFile("scenario/rooms.csv", []byte("from,rooms\n2019-04-01,1\n"), 0o644)
	code, _, stderr = runCmd(t, false, "init", "--csv", "scenario")
	if code != exitUsage || !strings.Contains(stderr, "scenario is not empty; use --force") {
		t.Errorf("second init: exit %d, stderr %q", code, stderr)
	}
	if b, _ := os.ReadFile("scenario/rooms.csv"); string(b) != "from,rooms\n2019-04-01,1\n" {
		t.Error("the refused init changed rooms.csv")
	}
	if code, _, stderr = runCmd(t, false, "init", "--csv", "scenario", "--force"); code != exitOK {
		t.Fatalf("init --force: exit %d, stderr %q", code, stderr)
	}
	if _, again, _ := runCmd(t, false, "forecast", "scenario", "--json"); again != builtIn {
		t.Error("after init --force the folder does not forecast as the built-in")
	}
	if got := filesUnder(t, dir); !slices.Equal(got, want) {
		t.Errorf("after --force: %v, want %v (no temporaries)", got, want)
	}

	// FILE and --csv together, or --csv naming a file: command-line errors.
	for _, args := range [][]string{{"init", "x.xlsx", "--csv", "d"}, {"init", "--csv", "scenario/rooms.csv"}} {
		if code, _, stderr := runCmd(t, false, args...); code != exitUsage {
			t.Errorf("%v: exit %d, stderr %q; want %d", args, code, stderr, exitUsage)
		}
	}
}

// charts --png DIR writes only the images; the page too only with --out.
func TestChartsPNGOnly(t *testing.T) {
	testtools.Chromium(t)
	dir, tmp := t.TempDir(), t.TempDir()
	t.Setenv("TMPDIR", tmp)
	t.Chdir(dir)
	code, stdout, stderr := runCmd(t, false, "charts", "--png", "png")
	if code != exitOK || stdout != "" {
		t.Fatalf("exit %d, stdout %q, stderr %q", code, stdout, stderr)
	}
	got := filesUnder(t, dir)
	var want []string
	for i, id := range charts.IDsFor(nil) {
		want = append(want, filepath.Join("png", string(rune('1'+i))+"-"+id+".png"))
	}
	slices.Sort(want)
	if !slices.Equal(got, want) {
		t.Errorf("charts --png png wrote %v, want only %v", got, want)
	}
	if strings.Contains(stderr, "charts.html") {
		t.Errorf("stderr %q mentions a page that was not kept", stderr)
	}
	if left, _ := filepath.Glob(filepath.Join(tmp, "carecast-charts-*")); len(left) > 0 {
		t.Errorf("temporary folders left: %v", left)
	}
}

// The summary says once what happens to the closing balance: settled back
// to the councils, or left in the fund.
func TestSettlementSaidOnce(t *testing.T) {
	for _, c := range []struct {
		settle, want string
	}{
		{"yes", "each council's position is paid back to it (or paid in)"},
		{"no", "none: the closing balance stays in the fund"},
	} {
		t.Run(c.settle, func(t *testing.T) {
			in := scenarioFolder(t, map[string]string{
				"assumptions.csv": "setting,value\nscenario,Small\nstart_date,2019-04-01\nyears,2\nblock_weekly_price,3000\nsettle_at_end," + c.settle + "\n",
			})
			code, stdout, stderr := runCmd(t, true, "forecast", in, "--no-files")
			if code != exitOK || stderr != "" {
				t.Fatalf("exit %d, stderr %q", code, stderr)
			}
			re := regexp.MustCompile(`(?m)^  Settlement +(.*)$`)
			m := re.FindStringSubmatch(stdout)
			if m == nil || m[1] != c.want {
				t.Errorf("settlement line %q, want %q", m, c.want)
			}
			for _, l := range strings.Split(stdout, "\n") {
				if strings.Count(strings.ToLower(l), "at the end") > 1 {
					t.Errorf("circular wording: %q", l)
				}
			}
		})
	}
}

// Issue 18, item 17: 'carecast --version' says the release from the tag
// ("(devel)" alone before). make build stamps git describe of the tags
// vMAJOR.MINOR.PATCH (make version prints it), here in a repository made
// for the test: the tag itself, then commits past it, then changes not
// committed; and the binary says what was stamped.
func TestVersionFromTag(t *testing.T) {
	for _, prog := range []string{"git", "make"} {
		if _, err := exec.LookPath(prog); err != nil {
			t.Skipf("no %s: %v", prog, err)
		}
	}
	makefile, err := filepath.Abs(filepath.Join("..", "..", "Makefile"))
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	sh := func(args ...string) string {
		t.Helper()
		cmd := exec.Command(args[0], args[1:]...)
		cmd.Dir = dir
		cmd.Env = append(os.Environ(), "GIT_CONFIG_GLOBAL=/dev/null", "GIT_AUTHOR_NAME=t", "GIT_AUTHOR_EMAIL=t@example.org",
			"GIT_COMMITTER_NAME=t", "GIT_COMMITTER_EMAIL=t@example.org", "GIT_AUTHOR_DATE=2026-01-01T00:00:00Z", "GIT_COMMITTER_DATE=2026-01-01T00:00:00Z")
		out, err := cmd.CombinedOutput()
		if err != nil {
			t.Fatalf("%v: %v\n%s", args, err, out)
		}
		return strings.TrimSpace(string(out))
	}
	version := func() string { return sh("make", "-s", "-f", makefile, "version") }
	write := func(s string) {
		if err := os.WriteFile(filepath.Join(dir, "f"), []byte(s), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	sh("git", "init", "-q")
	write("1")
	sh("git", "add", "f")
	sh("git", "commit", "-q", "-m", "one")
	if got := version(); got != "" {
		t.Errorf("no tag: make version = %q, want nothing (the binary says (devel))", got)
	}
	sh("git", "tag", "v0.3.0")
	sh("git", "tag", "not-a-release")
	if got := version(); got != "v0.3.0" {
		t.Errorf("at the tag: %q, want v0.3.0", got)
	}
	write("2")
	sh("git", "commit", "-q", "-am", "two")
	head := sh("git", "rev-parse", "--short", "HEAD")
	if got, want := version(), "v0.3.0-1-g"+head; got != want {
		t.Errorf("a commit on: %q, want %q", got, want)
	}
	write("3")
	if got, want := version(), "v0.3.0-1-g"+head+"-dirty"; got != want {
		t.Errorf("with changes: %q, want %q", got, want)
	}

	// The binary says what make stamped.
	defer func(v string) { linkVersion = v }(linkVersion)
	linkVersion = "v0.3.0-1-g" + head
	code, stdout, stderr := runCmd(t, false, "--version")
	if first, _, _ := strings.Cut(stdout, "\n"); code != exitOK || first != "carecast v0.3.0-1-g"+head {
		t.Errorf("exit %d, first line %q, stderr %q; want carecast v0.3.0-1-g%s", code, first, stderr, head)
	}
}
