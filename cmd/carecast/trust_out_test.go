package main

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

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
