package inputs_test

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/carecast/carecast/inputs"
	"github.com/carecast/carecast/inputs/inputstest"
	"github.com/xuri/excelize/v2"
)

func readOne(t testing.TB, p string) string {
	t.Helper()
	_, err := inputs.ReadXLSX(p)
	if err == nil {
		t.Fatalf("%s was read", p)
	}
	return err.Error()
}

// A workbook whose Rooms sheet nests elements a thousand deep is refused
// before it is parsed, saying why.
func TestNestedWorkbookRefused(t *testing.T) {
	b, err := inputstest.NestedWorkbook(1000)
	if err != nil {
		t.Fatal(err)
	}
	p := filepath.Join(t.TempDir(), "nested.xlsx")
	if err := os.WriteFile(p, b, 0o644); err != nil {
		t.Fatal(err)
	}
	want := p + ": the workbook is malformed: its part xl/worksheets/sheet1.xml nests XML elements more than 64 deep, which no spreadsheet writes; save it again as .xlsx"
	if got := readOne(t, p); got != want {
		t.Errorf("got %q\nwant %q", got, want)
	}
}

// A password-protected workbook (Office wraps it, encrypted, in a
// compound file) is said to be one.
func TestPasswordProtectedWorkbook(t *testing.T) {
	p := filepath.Join(t.TempDir(), "locked.xlsx")
	f := excelize.NewFile()
	if err := f.SaveAs(p, excelize.Options{Password: "secret"}); err != nil {
		t.Fatal(err)
	}
	if got := readOne(t, p); !strings.Contains(got, "the workbook is password-protected (encrypted)") {
		t.Errorf("got %q", got)
	}
}

// The nested-XML workbooks of issue 10, about 160 KB and 335 KB of zip
// (160 MB and 340 MB of XML unzipped), refused: the first for its depth,
// the second for its unzipped size. Run with
// go test ./inputs -run '^$' -bench NestedWorkbook -benchmem
// (and /usr/bin/time -v for the peak).
func BenchmarkNestedWorkbook(b *testing.B) {
	for _, depth := range []int{23_300_000, 49_600_000} {
		data, err := inputstest.NestedWorkbook(depth)
		if err != nil {
			b.Fatal(err)
		}
		p := filepath.Join(b.TempDir(), "nested.xlsx")
		if err := os.WriteFile(p, data, 0o644); err != nil {
			b.Fatal(err)
		}
		b.Run(fmt.Sprintf("%dKB", len(data)>>10), func(b *testing.B) {
			for b.Loop() {
				if msg := readOne(b, p); !strings.Contains(msg, "nests XML elements") && !strings.Contains(msg, "too large") {
					b.Fatal(msg)
				}
			}
		})
	}
}

// A 50 MB rooms.csv of one row repeated (issue 10): 3,846,000 rows, every
// one after the first an error, listed up to 100 and counted.
func BenchmarkDuplicateRows(b *testing.B) {
	dir := b.TempDir()
	files := map[string]string{
		"assumptions.csv": "setting,value\nstart_date,2019-04-01\nyears,2\nblock_weekly_price,3000\n",
		"councils.csv":    "code,name\nA,Alpha\n",
		"pledges.csv":     "council,from,to,annual_amount\nA,2019-04-01,2021-03-31,100000\n",
		"spotcosts.csv":   "council,from,weekly_cost,annual_inflation\nA,2019-04-01,4000,5%\n",
		"rooms.csv":       "from,rooms\n" + strings.Repeat("2019-04-01,2\n", 3_846_000),
	}
	for name, body := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(body), 0o644); err != nil {
			b.Fatal(err)
		}
	}
	for b.Loop() {
		_, _, err := inputs.Load(dir)
		var errs *inputs.Errors
		if !errors.As(err, &errs) || errs.Count() != 3_845_999 || len(errs.Problems) != inputs.MaxProblems {
			b.Fatalf("%v", err)
		}
	}
}
