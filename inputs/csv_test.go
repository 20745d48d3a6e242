package inputs

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/carecast/carecast/internal/golden"
)

func TestReadCSV(t *testing.T) {
	data := "\uFEFFcouncil,from,to,annual_amount\r\n" + // BOM and CRLF, as Excel writes
		"\r\n" + // a blank line
		"A,2019-04-01,2021-03-31,100000\r\n" + // line 3
		",,,\r\n" + // a blank row
		"\"B, the second\",2019-04-01,\"2021-03-31\",\"£50,000\"\r\n" + // line 5
		"\"C\nD\",2019-04-01,2021-03-31,1\r\n" + // a quoted field over lines 6 and 7
		"E,2019-04-01\r\n" // line 8: short
	tab, probs := ReadCSV("pledges.csv", []byte(data))
	if len(probs) > 0 {
		t.Fatalf("problems: %v", probs)
	}
	if got := strings.Join(tab.Header, "|"); got != "council|from|to|annual_amount" || tab.HeaderRow != 1 {
		t.Errorf("header %q on line %d, want council|from|to|annual_amount on line 1", got, tab.HeaderRow)
	}
	want := []struct {
		line  int
		first string
		last  string
	}{{3, "A", "100000"}, {5, "B, the second", "£50,000"}, {6, "C\nD", "1"}, {8, "E", "2019-04-01"}}
	if len(tab.Rows) != len(want) {
		t.Fatalf("got %d rows, want %d", len(tab.Rows), len(want))
	}
	for i, w := range want {
		r := tab.Rows[i]
		if r.Number != w.line || r.Cell(0).Value != w.first || r.Cells[len(r.Cells)-1].Value != w.last {
			t.Errorf("row %d: line %d, %q...%q; want line %d, %q...%q", i, r.Number, r.Cell(0).Value, r.Cells[len(r.Cells)-1].Value, w.line, w.first, w.last)
		}
		if r.Cell(0).Number {
			t.Errorf("row %d: a CSV cell is text, not a number", i)
		}
	}
}

func TestReadCSVProblems(t *testing.T) {
	for _, c := range []struct {
		name string
		data string
		want string
	}{
		{"UTF-16", "\xff\xfec\x00o\x00", "rooms.csv: the file is UTF-16 text; save it as CSV UTF-8 (comma delimited)"},
		{"Windows-1252", "from,rooms\n2019-04-01,2\nnote,\xa3300\n", "rooms.csv:3: not UTF-8 text; save the file as CSV UTF-8 (comma delimited)"},
		{"bare quote", "from,rooms\n2019-04-01,2\n2020-04-01,\"3\"x\n", `rooms.csv:3: malformed CSV: extraneous or missing " in quoted-field; the rest of the file was not read`},
	} {
		t.Run(c.name, func(t *testing.T) {
			_, probs := ReadCSV("rooms.csv", []byte(c.data))
			if got := problems(probs); got != c.want {
				t.Errorf("got %q, want %q", got, c.want)
			}
		})
	}
}

func TestLoadCSVFolder(t *testing.T) {
	files := baseFiles()
	files["README.txt"] = "not a table"
	files["councils.csv"] = "\uFEFF" + files["councils.csv"]
	dir := writeFolder(t, files)
	s, warns, err := Load(dir)
	if err != nil {
		t.Fatalf("unexpected errors:\n%v", err)
	}
	if len(warns) > 0 {
		t.Errorf("unexpected warnings: %v", warns)
	}
	want := strings.Replace(baseDump, `scenario "Test"`, `scenario "Test"`, 1)
	if got := dump(s); got != want {
		t.Errorf("scenario differs:\n%s", golden.Diff(got, want))
	}
}

// The name of the scenario defaults to the folder's or file's name.
func TestLoadDefaultName(t *testing.T) {
	files := baseFiles()
	files["assumptions.csv"] = "setting,value\nstart_date,2019-04-01\nyears,2\nblock_weekly_price,3000\n"
	dir := filepath.Join(t.TempDir(), "north-east")
	if err := os.Mkdir(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	for n, b := range files {
		if err := os.WriteFile(filepath.Join(dir, n), []byte(b), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	s, _, err := Load(dir)
	if err != nil {
		t.Fatal(err)
	}
	if s.Assumptions.Scenario != "north-east" {
		t.Errorf("scenario %q, want north-east", s.Assumptions.Scenario)
	}
}

func TestLoadRefuses(t *testing.T) {
	dir := t.TempDir()
	write := func(name, body string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	missing := filepath.Join(dir, "missing.xlsx")
	csvFile := write("pledges.csv", "council\n")
	xls := write("old.xls", "\xd0\xcf\x11\xe0")
	ods := write("calc.ods", "PK")
	text := write("notes.xlsx", "this is not a workbook")
	for _, c := range []struct{ path, want string }{
		{missing, missing + ": the file does not exist (no file or folder of that name)"},
		{csvFile, csvFile + ": this is one CSV file; give the folder that holds assumptions.csv, councils.csv and the other tables"},
		{xls, xls + ": this is an old-style .xls workbook; save it as an Excel workbook (.xlsx) and try again"},
		{ods, ods + ": this is an OpenDocument spreadsheet; save it as an Excel workbook (.xlsx) and try again"},
		{text, text + ": not an .xlsx workbook (it is not a valid zip archive); save it from Excel or LibreOffice as an Excel workbook (.xlsx)"},
	} {
		t.Run(filepath.Base(c.path), func(t *testing.T) {
			_, _, err := Load(c.path)
			var errs *Errors
			if !errors.As(err, &errs) {
				t.Fatalf("got %v, want *Errors", err)
			}
			if err.Error() != c.want {
				t.Errorf("got %q, want %q", err.Error(), c.want)
			}
		})
	}
}
