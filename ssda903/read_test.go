package ssda903

import (
	"bufio"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/carecast/carecast"
)

// Personal values planted in hostile files: none may reach a message.
const (
	plantedID       = "ZQX9ID7731"
	plantedDOB      = "17/11/2009"
	plantedUSDOB    = "11/29/2009"
	plantedPostcode = "ZQ9 9QZ"
)

// studyErrors runs a study of one council's files that must fail, and
// returns its messages, one a line.
func studyErrors(t *testing.T, files map[string]string) []string {
	t.Helper()
	dir := writeFiles(t, files)
	_, warnings, err := Study([]Source{{Dir: dir, Code: "TST"}}, Options{Runs: 5})
	var e *Errors
	if !errors.As(err, &e) {
		t.Fatalf("Study: %v; want *Errors", err)
	}
	var lines []string
	for _, p := range e.Problems {
		lines = append(lines, strings.TrimPrefix(p.String(), dir+string(filepath.Separator)))
	}
	if e.More > 0 {
		lines = append(lines, fmt.Sprintf("... and %d more", e.More))
	}
	for _, w := range warnings {
		lines = append(lines, "warning: "+strings.TrimPrefix(w.String(), dir+string(filepath.Separator)))
	}
	for _, l := range lines {
		for _, v := range []string{plantedID, plantedDOB, plantedUSDOB, plantedPostcode, "FAKE"} {
			if strings.Contains(l, v) {
				t.Errorf("a message quotes a personal value %q: %s", v, l)
			}
		}
	}
	return lines
}

func wantLines(t *testing.T, got, want []string) {
	t.Helper()
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("messages:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

const goodHeader = "CHILD,DOB\nFAKE1,01/06/2008\nFAKE2,01/06/2008\n"

func TestHostileColumns(t *testing.T) {
	got := studyErrors(t, map[string]string{
		"header.csv": goodHeader,
		// The wrong table's columns.
		"episodes_2019.csv": "CHILD,SEX,DOB\nFAKE1,1,01/06/2008\n",
		// No header row at all: the first row is a child's, and is not
		// quoted back.
		"episodes_2020.csv": plantedID + ",01/04/2019,S,C2,N1,K2,PR4,,,," + plantedPostcode + ",XX9 9XX,SC1\n",
		// A column twice.
		"episodes_2021.csv": "CHILD,DECOM,PLACE,DEC,PLACE\nFAKE1,01/04/2020,K2,,K2\n",
	})
	wantLines(t, got, []string{
		"episodes_2019.csv:1: missing columns DECOM, PLACE, DEC; the first row must be the Department's column names for the Episodes table (CHILD, DECOM, PLACE, DEC, ...)",
		"episodes_2020.csv:1: missing columns CHILD, DECOM, PLACE, DEC; the first row must be the Department's column names for the Episodes table (CHILD, DECOM, PLACE, DEC, ...)",
		"episodes_2021.csv:1: column PLACE appears twice (columns 3 and 5); expected it once",
	})
}

func TestHostileDates(t *testing.T) {
	got := studyErrors(t, map[string]string{
		"header.csv": "CHILD,DOB\nFAKE1,01/06/2008\nFAKE2," + plantedUSDOB + "\nFAKE3,01/06/2008\n",
		// Month first throughout: said once, at its first day above 12.
		"episodes_2019.csv": "CHILD,DECOM,PLACE,DEC\nFAKE1,04/01/2019,K2,04/05/2019\nFAKE1,04/05/2019,U4,04/25/2019\nFAKE3,05/13/2019,K2,\n",
		"episodes_2020.csv": "CHILD,DECOM,PLACE,DEC\n" +
			"FAKE1,04/05/2019,K2,01/03/2019\n" + // DEC before DECOM
			"FAKE1,31/02/2020,K2,\n" + // no such day: quoted, it is the shape of a date
			"FAKE1," + plantedID + ",K2,\n" + // not quoted
			"FAKE1," + plantedDOB + "x,K2,\n" + // not quoted
			"FAKE1,,K2,\n" +
			"FAKE3,01/01/2020,K2,2020-02-01\n", // yyyy-mm-dd is read
	})
	wantLines(t, got, []string{
		"header.csv:3: DOB is month first (US order); the Department publishes dd/mm/yyyy: export the file again with UK dates (day first). The file's other checks wait until then.",
		"episodes_2019.csv:3: DEC 04/25/2019 is month first (US order), as 1 more in this file are; the Department publishes dd/mm/yyyy: export the file again with UK dates (day first). The file's other checks wait until then.",
		"episodes_2020.csv:2: DEC 2019-03-01 is before DECOM 2019-05-04",
		"episodes_2020.csv:3: DECOM 31/02/2020 is not a date; expected dd/mm/yyyy",
		"episodes_2020.csv:4: DECOM is not a date; expected dd/mm/yyyy",
		"episodes_2020.csv:5: DECOM is not a date; expected dd/mm/yyyy",
		"episodes_2020.csv:6: DECOM is blank; expected the date the episode began, dd/mm/yyyy",
	})
}

func TestHostileFields(t *testing.T) {
	got := studyErrors(t, map[string]string{
		"header.csv": "CHILD,DOB\nFAKE1,01/06/2008\nFAKE2,31/02/2008\nFAKE1,01/06/2008\n,01/01/2010\n",
		"episodes.csv": "CHILD,DECOM,PLACE,DEC,PL_LOCATION,PL_DISTANCE\n" +
			"FAKE1,01/04/2019,K9,,,\n" + // unknown, but the shape of a code: quoted
			"FAKE1,02/04/2019," + plantedID + ",,,\n" +
			"FAKE1,03/04/2019," + plantedPostcode + ",,,\n" +
			"FAKE1,04/04/2019,,,,\n" +
			"FAKE1,05/04/2019,K2,," + plantedID + ",\n" +
			"FAKE1,06/04/2019,K2,,IN," + plantedPostcode + "\n" +
			"FAKE1,07/04/2019,K2,,IN,-3\n" +
			"FAKE9,08/04/2019,K2,,,\n" + // no header row
			strings.Repeat("x", 70) + ",01/04/2019,K2,,,\n" +
			"FAKE1,09/04/2019,k2,,out,25\n", // lower case is read
	})
	wantLines(t, got, []string{
		"header.csv:3: DOB is not a date; expected dd/mm/yyyy",
		"header.csv:4: a second row for the same CHILD in this file (the first is line 2); expected one a child",
		"header.csv:5: CHILD is blank; expected the child's identifier",
		"episodes.csv:2: unknown PLACE code K9; expected one of the PlaceCodes table (docs/methodology.md §17); add a new code to the PlaceCodes sheet of the scenario given by --horizon",
		"episodes.csv:3: PLACE is not a placement type (not shown: a PLACE code is a letter and a letter or digit, such as K2)",
		"episodes.csv:4: PLACE is not a placement type (not shown: a PLACE code is a letter and a letter or digit, such as K2)",
		"episodes.csv:5: PLACE is blank; expected a placement type such as K2",
		"episodes.csv:6: PL_LOCATION is not IN or OUT (not shown); expected IN (inside the council's area), OUT or blank",
		"episodes.csv:7: PL_DISTANCE is not a distance in miles (not shown); expected a number such as 12.5, or blank",
		"episodes.csv:8: PL_DISTANCE is not a distance in miles (not shown); expected a number such as 12.5, or blank",
		"episodes.csv:10: CHILD is longer than 64 characters; expected the child's identifier",
		"episodes.csv:9: CHILD has no row in any header file, so the child's age is not known; every child in the episodes needs a header row with its DOB",
	})
}

func TestHostileFolders(t *testing.T) {
	dir := writeFiles(t, map[string]string{
		"a/header.csv":          goodHeader,
		"b/episodes.csv":        "CHILD,DECOM,PLACE,DEC\nFAKE1,01/04/2019,K2,\n",
		"c/header.csv":          goodHeader,
		"c/header_episodes.csv": "x\n",
		"c/episodes.xlsx":       "not a workbook",
		"c/sw_episodes.csv":     "CHILD,SW_ID,SW_DECOM\n", // the social workers' table: not read
		"d/header.csv":          "\xff\xfeC\x00",
		"d/episodes.csv":        "",
	})
	var lines []string
	_, _, err := Study([]Source{{Dir: filepath.Join(dir, "a")}, {Dir: filepath.Join(dir, "b")}, {Dir: filepath.Join(dir, "c")}, {Dir: filepath.Join(dir, "d")}, {Dir: filepath.Join(dir, "none")}}, Options{Runs: 5})
	var e *Errors
	if !errors.As(err, &e) {
		t.Fatalf("Study: %v; want *Errors", err)
	}
	for _, p := range e.Problems {
		lines = append(lines, strings.TrimPrefix(p.String(), dir+string(filepath.Separator)))
	}
	wantLines(t, lines, []string{
		`a: no episodes file: expected a CSV file with "episodes" in its name (episodes_2019.csv), one a year`,
		`b: no header file: expected a CSV file with "header" in its name (header_2019.csv), one a year; the children's ages come from it`,
		`c/episodes.xlsx: a spreadsheet, not CSV; save it as CSV (UTF-8) as the Department publishes the return`,
		`c/header_episodes.csv: the name says both "header" and "episodes"; name each file for one table, e.g. header_2019.csv and episodes_2019.csv`,
		`c: no episodes file: expected a CSV file with "episodes" in its name (episodes_2019.csv), one a year`,
		`d/header.csv: the file is UTF-16; save it as CSV (UTF-8)`,
		`d/episodes.csv: the file is empty; expected the Episodes table with a first row of column names (CHILD, DECOM, PLACE, DEC, PL_LOCATION, PL_DISTANCE, PL_LA)`,
		`none: no such folder`,
	})
}

// TestHostileMillionRows: a file of more rows than any council's return
// is refused at the row past the limit, without reading the rest.
func TestHostileMillionRows(t *testing.T) {
	if testing.Short() {
		t.Skip("writes a file of a million rows")
	}
	dir := t.TempDir()
	f, err := os.Create(filepath.Join(dir, "episodes.csv"))
	if err != nil {
		t.Fatal(err)
	}
	w := bufio.NewWriter(f)
	w.WriteString("CHILD,DECOM,PLACE,DEC\n")
	for i := range MaxRows + 5 {
		fmt.Fprintf(w, "%s%d,01/04/2019,K2,\n", plantedID, i)
	}
	w.Flush()
	f.Close()
	os.WriteFile(filepath.Join(dir, "header.csv"), []byte(goodHeader), 0o644)
	_, _, err = Study([]Source{{Dir: dir}}, Options{Runs: 5})
	var e *Errors
	if !errors.As(err, &e) {
		t.Fatalf("Study: %v; want *Errors", err)
	}
	// Every child lacks a header row: those are listed up to the limit,
	// the rest counted; the row past the limit is named first.
	want := filepath.Join(dir, "episodes.csv") + ":1000002: more than 1,000,000 rows; one council's return for a year holds a few thousand, so this is not one; the rest of the file is not read"
	if e.Problems[0].String() != want {
		t.Errorf("first problem %q; want %q", e.Problems[0], want)
	}
	if len(e.Problems) != MaxProblems || e.More != MaxRows+1-MaxProblems {
		t.Errorf("%d problems listed and %d more; want %d and %d", len(e.Problems), e.More, MaxProblems, MaxRows+1-MaxProblems)
	}
	if strings.Contains(e.Error(), plantedID) {
		t.Error("a message quotes a child's identifier")
	}
}

func TestParseDate(t *testing.T) {
	for _, c := range []struct {
		in   string
		want string
		res  int
	}{
		{"01/04/2019", "2019-04-01", dateOK},
		{"1/4/2019", "2019-04-01", dateOK},
		{"01-04-2019", "2019-04-01", dateOK},
		{"01.04.2019", "2019-04-01", dateOK},
		{"2019-04-01", "2019-04-01", dateOK},
		{"01/04/2019 00:00", "2019-04-01", dateOK},
		{"01/04/2019 00:00:00", "2019-04-01", dateOK},
		{"29/02/2020", "2020-02-29", dateOK},
		{"", "", dateBlank},
		{"04/25/2019", "", dateUS},
		{"29/02/2019", "", dateBad},
		{"01/04/19", "", dateBad},
		{"01/04-2019", "", dateBad},
		{"13/13/2019", "", dateBad},
		{"01/04/2019 12:30", "", dateBad},
		{"1234567", "", dateBad},
		{"01/04/2019x", "", dateBad},
	} {
		d, res := parseDate(c.in)
		if res != c.res || (res == dateOK && dayString(d) != c.want) {
			t.Errorf("parseDate(%q) = %s, %d; want %s, %d", c.in, dayString(d), res, c.want, c.res)
		}
	}
	if dayOf(carecast.NewDate(2019, 4, 1)) != daysFromCivil(2019, 4, 1) {
		t.Error("daysFromCivil disagrees with carecast.Date.Days")
	}
}
