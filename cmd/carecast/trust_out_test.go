package main

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/carecast/carecast/forecast"
	"github.com/carecast/carecast/internal/testtools"
	"github.com/carecast/carecast/paper"
	"github.com/xuri/excelize/v2"
)

// optionsCSV is an Options table of n options, each scaling the pledges.
func optionsCSV(n int) string {
	var b strings.Builder
	b.WriteString("option,setting,value\n")
	for i := 1; i <= n; i++ {
		fmt.Fprintf(&b, "Option %d,pledge_scale,%d.%02d\n", i, 1+i/100, i%100)
	}
	return b.String()
}

// Issue 18, item 5: compare --out panicked (index out of range in the
// workbook's options plan) once the options reached the first input's
// column count: 18 options on a 1-year scheme, 109 on 8 years. Now the
// workbook has a column an option, each headed by its name.
func TestIssue18CompareManyOptions(t *testing.T) {
	for _, c := range []struct{ years, options int }{{1, 18}, {1, 40}, {8, 109}} {
		t.Run(fmt.Sprintf("%d years, %d options", c.years, c.options), func(t *testing.T) {
			to := fmt.Sprintf("%d-03-31", 2019+c.years)
			dir := scenarioFolder(t, map[string]string{
				"assumptions.csv": fmt.Sprintf("setting,value\nscenario,Small\nstart_date,2019-04-01\nyears,%d\nblock_weekly_price,3000\n", c.years),
				"pledges.csv":     "council,from,to,annual_amount\nA,2019-04-01," + to + ",100000\nB,2019-04-01," + to + ",50000\n",
				"options.csv":     optionsCSV(c.options),
			})
			out := filepath.Join(t.TempDir(), "out")
			code, stdout, stderr := runCmd(t, false, "compare", dir, "--out", out)
			if code != 0 {
				t.Fatalf("exit %d: %s", code, stderr)
			}
			if rows := strings.Count(stdout, "\n"); rows < 2 {
				t.Errorf("stdout has %d lines", rows)
			}
			f, err := excelize.OpenFile(filepath.Join(out, "compare.xlsx"))
			if err != nil {
				t.Fatal(err)
			}
			defer f.Close()
			// Business as usual in C, the base case in D, option k in D+k.
			for k, want := range map[int]string{0: "Base case", 1: "Option 1", c.options: fmt.Sprintf("Option %d", c.options)} {
				col, _ := excelize.ColumnNumberToName(4 + k)
				if got, _ := f.GetCellValue("Options", col+"4"); got != want {
					t.Errorf("Options!%s4 = %q, want %q", col, got, want)
				}
			}
			if got := strings.Join(dirNames(t, out), " "); got != "compare.html compare.xlsx" {
				t.Errorf("--out holds %s", got)
			}
		})
	}
}

// Issue 18, item 5: a panic is a bug, exit 3 (never 2, the usage status
// Go gives an unrecovered panic), with a message saying where.
func TestIssue18PanicExitsThree(t *testing.T) {
	outputHook = func(path string, w io.Writer) io.Writer { panic("boom in the output") }
	defer func() { outputHook = nil }()
	out := filepath.Join(t.TempDir(), "out")
	code, _, stderr := runCmd(t, false, "forecast", "--out", out)
	if code != exitInternal {
		t.Errorf("exit %d, want %d", code, exitInternal)
	}
	if want := "carecast: internal error (a bug in carecast; please report it with the command line): boom in the output (at carecast/trust_out_test.go:"; !strings.HasPrefix(stderr, want) {
		t.Errorf("stderr:\n%s\nwant it to begin %q", stderr, want)
	}
	if strings.Contains(stderr, "goroutine") || strings.Count(stderr, "\n") != 1 {
		t.Errorf("stderr holds more than one line:\n%s", stderr)
	}
	if es, _ := os.ReadDir(out); len(es) != 0 {
		t.Errorf("--out holds %d entries after the panic", len(es))
	}
}

// councilsFolder is a scenario folder of councils with these codes, each
// pledging and paying a spot price.
func councilsFolder(t *testing.T, codes ...string) string {
	t.Helper()
	councils := "code,name\n"
	pledges := "council,from,to,annual_amount\n"
	spot := "council,from,weekly_cost,annual_inflation\n"
	for i, c := range codes {
		councils += fmt.Sprintf("%s,Council %d\n", c, i+1)
		pledges += fmt.Sprintf("Council %d,2019-04-01,2021-03-31,%d\n", i+1, 50000+10000*i)
		spot += fmt.Sprintf("Council %d,2019-04-01,4000,5%%\n", i+1)
	}
	return scenarioFolder(t, map[string]string{"councils.csv": councils, "pledges.csv": pledges, "spotcosts.csv": spot})
}

// Issue 18, items 3 and 8: council codes that made one file name (A/B and
// A.B both paper-A-B; Consortium and the consortium's paper-consortium),
// and a code of 240 or 250 characters (file name too long, after 17 s), lost
// papers or failed. Now every council has its own pair of files, named
// by carecast.FileStems, and the count is the councils and the consortium.
func TestIssue18PapersUniquePerCouncil(t *testing.T) {
	t.Parallel() // with the package's other long browser runs, in tabs of the shared browser
	testtools.Chromium(t)
	long := strings.Repeat("L", 250) // paper-L...L.docx: 261 bytes
	dir := councilsFolder(t, "Consortium", "A/B", "A.B", "A-B", long)
	if code, _, stderr := runCmd(t, false, "validate", dir); code != exitOK {
		t.Fatalf("validate: exit %d: %s", code, stderr)
	}
	out := filepath.Join(t.TempDir(), "papers")
	code, _, stderr := runCmd(t, false, "paper", dir, "--runs", "50", "--no-size", "--out", out)
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	stems := []string{"Consortium-2", "A-B-2", "A-B-3", "A-B", strings.Repeat("L", 64), "consortium"}
	var want []string
	for _, s := range stems {
		want = append(want, "paper-"+s+".docx", "paper-"+s+".pdf")
	}
	slices.Sort(want)
	if got := dirNames(t, out); !slices.Equal(got, want) {
		t.Fatalf("wrote %v\nwant %v (5 councils and the consortium)", got, want)
	}
	if n := strings.Count(stderr, "wrote "); n != 12 {
		t.Errorf("%d 'wrote' lines, want 12:\n%s", n, stderr)
	}
	// Each council's paper is its own: its name begins the subtitle.
	for i, s := range stems[:5] {
		if text := paperText(t, filepath.Join(out, "paper-"+s+".docx")); !strings.Contains(text, fmt.Sprintf("Council %d. Small, ", i+1)) {
			t.Errorf("paper-%s.docx is not Council %d's paper", s, i+1)
		}
	}
	if text := paperText(t, filepath.Join(out, "paper-consortium.docx")); !strings.Contains(text, "The consortium of 5 councils, for the partners' cabinets.") {
		t.Error("paper-consortium.docx is not the consortium's paper")
	}
}

// Issue 18, item 3, without Chromium: the papers Build makes are one per
// council and the consortium's, each with its own file name.
func TestIssue18PaperFileNames(t *testing.T) {
	dir := councilsFolder(t, "Consortium", "A/B", "A.B", "A-B", "a-b-2")
	s, err := loadScenario(dir, &streams{Out: io.Discard, Err: io.Discard})
	if err != nil {
		t.Fatal(err)
	}
	res, err := forecast.Run(s)
	if err != nil {
		t.Fatal(err)
	}
	papers, err := paper.Build(paper.Inputs{Result: res})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, p := range papers {
		got = append(got, p.FileName(".pdf")+" "+p.Code)
	}
	want := []string{
		"paper-Consortium-2.pdf Consortium", "paper-A-B-3.pdf A/B", "paper-A-B-4.pdf A.B",
		"paper-A-B.pdf A-B", "paper-a-b-2.pdf a-b-2", "paper-consortium.pdf consortium",
	}
	if !slices.Equal(got, want) {
		t.Errorf("papers:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	// --council picks a council by its code as written, then the
	// consortium, then a code ignoring case.
	for code, want := range map[string]string{"Consortium": "Consortium", "consortium": "consortium", "a.b": "A.B", "A-B-2": "a-b-2"} {
		p, err := paper.BuildOne(paper.Inputs{Result: res}, code)
		if err != nil || p.Code != want {
			t.Errorf("--council %s: %v, %v; want %s's paper", code, p.Code, err, want)
		}
	}
}

// Issue 18, item 8: a council code of 240 characters, which validate
// accepts, is carried by every output (file names per council are cut to
// carecast.MaxStem; see TestIssue18PapersUniquePerCouncil for the papers).
func TestIssue18LongCouncilCode(t *testing.T) {
	long := strings.Repeat("L", 240)
	dir := councilsFolder(t, long, "B")
	out := filepath.Join(t.TempDir(), "out")
	for _, args := range [][]string{
		{"validate", dir},
		{"forecast", dir, "--out", out},
		{"charts", dir, "--out", out},
		{"size", dir, "--max", "3", "--out", out},
		{"compare", dir, "--out", out},
		{"journal", dir, "--out", filepath.Join(out, "journal.csv")},
	} {
		code, _, stderr := runCmd(t, false, args...)
		if code != exitOK {
			t.Errorf("%s: exit %d: %s", args[0], code, stderr)
		}
	}
	b, err := os.ReadFile(filepath.Join(out, "journal.csv"))
	if err != nil || !strings.Contains(string(b), long) {
		t.Errorf("journal.csv does not name the council by its code (%v)", err)
	}
	// demand example writes a folder a council, named by its file stem
	// (a code such as A/B or ../x names no folder elsewhere).
	dir = councilsFolder(t, long, "../x", "A/B")
	returns := filepath.Join(t.TempDir(), "903")
	if code, _, stderr := runCmd(t, false, "demand", "example", returns, "--horizon", dir, "--years", "1"); code != exitOK {
		t.Fatalf("demand example: exit %d: %s", code, stderr)
	}
	if got, want := strings.Join(dirNames(t, returns), " "), "---x A-B "+strings.Repeat("L", 64); got != want {
		t.Errorf("demand example wrote %s; want %s", got, want)
	}
	if es, _ := os.ReadDir(filepath.Dir(returns)); len(es) != 1 {
		t.Errorf("demand example wrote %d entries beside its folder", len(es))
	}
}
