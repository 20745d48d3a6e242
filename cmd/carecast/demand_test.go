package main

import (
	"archive/zip"
	"bytes"
	"encoding/json"
	"io"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/carecast/carecast/inputs"
)

func TestDemand903Flags(t *testing.T) {
	for _, c := range []struct {
		args []string
		want demand903Options
	}{
		{[]string{"903/HAV"}, demand903Options{Dirs: []string{"903/HAV"}, Runs: 1000, Seed: 1}},
		{[]string{"a", "b", "--council", "HAV,BAD", "--place", "K2,R1", "--reference", "2019-04-01:2022-03-31", "--horizon", "in.xlsx", "-n", "50", "--seed", "7", "--out", "d", "--json"},
			demand903Options{Dirs: []string{"a", "b"}, Councils: []string{"HAV", "BAD"}, Places: []string{"K2", "R1"}, Reference: "2019-04-01:2022-03-31",
				Horizon: "in.xlsx", Runs: 50, Seed: 7, Out: "d", JSON: true}},
	} {
		t.Run(strings.Join(c.args, " "), func(t *testing.T) {
			var got demand903Options
			io := &streams{Out: &bytes.Buffer{}, Err: &bytes.Buffer{}}
			cmd := newDemandCmd(io, func(o *demand903Options, _ *streams) error { got = *o; return nil })
			cmd.SetArgs(append([]string{"903"}, c.args...))
			if err := cmd.Execute(); err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(got, c.want) {
				t.Errorf("options %+v; want %+v", got, c.want)
			}
		})
	}
}

func TestDemand903Usage(t *testing.T) {
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"demand", "903"}, "give at least one council's folder of SSDA903 returns"},
		{[]string{"demand", "903", "a", "b", "--council", "HAV"}, "--council names 1 councils for 2 folders"},
		{[]string{"demand", "903", "a", "--runs", "0"}, "--runs must be from 1 to 100000, not 0"},
		{[]string{"demand", "903", "a", "--reference", "2019-04-01"}, `--reference "2019-04-01": expected FROM:TO`},
		{[]string{"demand", "903", "a", "--reference", "2022-04-01:2019-04-01"}, "TO is before FROM"},
		{[]string{"demand", "903", "a", "--place", "X9"}, `--place "X9": not a PLACE code of the PlaceCodes table`},
		{[]string{"demand", "903", "a/HAV", "b/HAV"}, "are both council HAV"},
		{[]string{"demand", "903", "a/XYZ", "--horizon", "../../examples/demand"}, `"XYZ" is not a council of ../../examples/demand (HAV, BAD, COL, HAC, NEW, RED, TOW, WAL)`},
		{[]string{"demand", "903", "a", "--out", ""}, "--out needs a folder name"},
		{[]string{"demand", "nothing"}, "unknown command"},
	} {
		t.Run(strings.Join(c.args, " "), func(t *testing.T) {
			code, _, stderr := runCmd(t, false, c.args...)
			if code != exitUsage || !strings.Contains(stderr, c.want) {
				t.Errorf("exit %d, stderr %q; want exit %d and %q", code, stderr, exitUsage, c.want)
			}
		})
	}
}

// exampleReturns writes made-up returns of the built-in councils into a
// new folder and returns it and the councils' folders.
func exampleReturns(t *testing.T) (string, []string) {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "903")
	code, _, stderr := runCmd(t, false, "demand", "example", dir)
	if code != exitOK {
		t.Fatalf("demand example: exit %d: %s", code, stderr)
	}
	var dirs []string
	for _, c := range []string{"HAV", "BAD", "COL", "HAC", "NEW", "RED", "TOW", "WAL"} {
		dirs = append(dirs, filepath.Join(dir, c))
	}
	return dir, dirs
}

// The JSON has MODEL §13's fields, and its Demand rows (demand.csv and the
// scenario's copy) are the history and the projection's expected values;
// the copy forecasts, with occupancy following demand.
func TestDemand903Outputs(t *testing.T) {
	_, dirs := exampleReturns(t)
	out := filepath.Join(t.TempDir(), "out")
	scenario := filepath.Join(t.TempDir(), "scenario")
	if code, _, stderr := runCmd(t, false, "init", "--csv", scenario); code != exitOK {
		t.Fatal(stderr)
	}
	args := append([]string{"demand", "903"}, dirs...)
	args = append(args, "--horizon", scenario, "--runs", "100", "--out", out, "--json")
	code, stdout, stderr := runCmd(t, false, args...)
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	var got struct {
		Councils []struct {
			Council, First, Last string
			Places               []string
			Overlaps             int
			History              []map[string]any
			Projection           []map[string]any
		}
	}
	dec := json.NewDecoder(strings.NewReader(stdout))
	dec.UseNumber()
	if err := dec.Decode(&got); err != nil {
		t.Fatal(err)
	}
	if len(got.Councils) != 8 || got.Councils[0].Council != "HAV" || got.Councils[0].Places[0] != "K2" || got.Councils[0].Last != "2019-03-30" {
		t.Fatalf("councils: %+v", got.Councils[0])
	}
	h, p := got.Councils[0].History[0], got.Councils[0].Projection[0]
	for _, k := range []string{"month", "children"} {
		if _, ok := h[k]; !ok {
			t.Errorf("history has no %q: %v", k, h)
		}
	}
	for _, k := range []string{"month", "expected", "p10", "p90"} {
		if _, ok := p[k]; !ok {
			t.Errorf("projection has no %q: %v", k, p)
		}
	}
	if p["month"] != "2019-04" {
		t.Errorf("projection starts %v; want 2019-04, the month after the returns", p["month"])
	}
	// demand.csv: eight councils, 96 months each, the first month of
	// Havering's the projection's expected value.
	csv, _ := os.ReadFile(filepath.Join(out, "demand.csv"))
	lines := strings.Split(strings.TrimSpace(string(csv)), "\n")
	if len(lines) != 1+8*96 || lines[0] != "council,from,placements" {
		t.Fatalf("demand.csv has %d lines, starting %q; want 769, the header first", len(lines), lines[0])
	}
	if want := "HAV,2019-04-01," + p["expected"].(json.Number).String(); lines[1] != want {
		t.Errorf("demand.csv line 2 %q; want %q", lines[1], want)
	}
	copyDemand, _ := os.ReadFile(filepath.Join(out, "scenario", "demand.csv"))
	if !bytes.Equal(copyDemand, csv) {
		t.Error("the scenario's copy has other Demand rows than demand.csv")
	}
	s, _, err := inputs.Load(filepath.Join(out, "scenario"))
	if err != nil {
		t.Fatalf("the scenario's copy: %v", err)
	}
	if len(s.Demand) != 8*96 || len(s.Occupancy) != 0 {
		t.Errorf("the copy has %d Demand rows and %d Occupancy rows; want 768 and none", len(s.Demand), len(s.Occupancy))
	}
	for _, r := range s.Risks {
		if r.Factor.String() == "demand" && (r.Distribution.String() != "normal" || !r.Low.LessThan(r.High)) {
			t.Errorf("the copy's demand risk %+v; want a normal spread about 1", r)
		}
	}
	if code, _, stderr := runCmd(t, false, "forecast", filepath.Join(out, "scenario"), "--json"); code != exitOK {
		t.Errorf("forecast of the copy: exit %d: %s", code, stderr)
	}
	// The input is untouched.
	if b, _ := os.ReadFile(filepath.Join(scenario, "occupancy.csv")); len(b) == 0 {
		t.Error("the input's occupancy.csv was emptied")
	}
}

// The workbook's copy: the template workbook with the projection in its
// Demand sheet, which forecasts; never over the input.
func TestDemand903WorkbookCopy(t *testing.T) {
	_, dirs := exampleReturns(t)
	dir := t.TempDir()
	in := filepath.Join(dir, "inputs.xlsx")
	if code, _, stderr := runCmd(t, false, "init", in); code != exitOK {
		t.Fatal(stderr)
	}
	args := append([]string{"demand", "903"}, dirs[:3]...)
	code, _, stderr := runCmd(t, false, append(args, "--horizon", in, "--runs", "20", "--out", dir)...)
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	s, _, err := inputs.Load(filepath.Join(dir, "scenario.xlsx"))
	if err != nil {
		t.Fatal(err)
	}
	if len(s.Demand) != 3*96 || len(s.Occupancy) != 0 || s.Demand[0].From.String() != "2019-04-01" {
		t.Errorf("the copy: %d Demand rows, %d Occupancy rows; want 288 and none", len(s.Demand), len(s.Occupancy))
	}
	if code, _, stderr := runCmd(t, false, "forecast", filepath.Join(dir, "scenario.xlsx"), "--json"); code != exitOK {
		t.Errorf("forecast of the copy: exit %d: %s", code, stderr)
	}
	// An output over the input is refused, and nothing is written.
	code, _, stderr = runCmd(t, false, append(args, "--horizon", filepath.Join(dir, "scenario.xlsx"), "--runs", "20", "--out", dir)...)
	if code == exitOK || !strings.Contains(stderr, "scenario.xlsx") {
		t.Errorf("writing over the input: exit %d, %s", code, stderr)
	}
}

// The same returns, seed and SOURCE_DATE_EPOCH give the same bytes.
func TestDemand903SameBytes(t *testing.T) {
	t.Setenv("SOURCE_DATE_EPOCH", "1700000000")
	_, dirs := exampleReturns(t)
	var outs [2]string
	var stdouts [2]string
	for i := range outs {
		outs[i] = filepath.Join(t.TempDir(), "out")
		code, stdout, stderr := runCmd(t, false, append(append([]string{"demand", "903"}, dirs[:2]...), "--runs", "50", "--out", outs[i])...)
		if code != exitOK {
			t.Fatalf("exit %d: %s", code, stderr)
		}
		stdouts[i] = stdout
	}
	if stdouts[0] != stdouts[1] {
		t.Error("two runs printed different tables")
	}
	for _, f := range []string{"demand.csv", "demand.html", "demand.xlsx"} {
		a, _ := os.ReadFile(filepath.Join(outs[0], f))
		b, _ := os.ReadFile(filepath.Join(outs[1], f))
		if len(a) == 0 || !bytes.Equal(a, b) {
			t.Errorf("%s differs between two runs (or is empty)", f)
		}
	}
}

// Personal values planted in a return reach no output, message or log.
const (
	secretID       = "ZQX9ID7731"
	secretDOB      = "17/11/2009"
	secretDOBISO   = "2009-11-17"
	secretPostcode = "ZQ9 9QZ"
	secretPlPost   = "ZQ8 8QY"
	secretUPN      = "Q123456789012"
)

// everything reads every file under dir as text, the parts of a
// workbook unzipped.
func everything(t *testing.T, dir string) string {
	t.Helper()
	var b strings.Builder
	filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		b.Write(data)
		if strings.HasSuffix(p, ".xlsx") {
			z, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
			if err != nil {
				t.Fatal(err)
			}
			for _, f := range z.File {
				r, _ := f.Open()
				part, _ := io.ReadAll(r)
				r.Close()
				b.Write(part)
			}
		}
		return nil
	})
	return b.String()
}

func TestDemand903Privacy(t *testing.T) {
	_, dirs := exampleReturns(t)
	// One council's returns gain a child with distinctive personal values,
	// in K2 from 2017 and still there.
	hav := dirs[0]
	add := func(name, line string) {
		f, err := os.OpenFile(filepath.Join(hav, name), os.O_APPEND|os.O_WRONLY, 0)
		if err != nil {
			t.Fatal(err)
		}
		f.WriteString(line)
		f.Close()
	}
	add("header_2019.csv", secretID+",1,"+secretDOB+",WBRI,"+secretUPN+",,\n")
	add("episodes_2019.csv", secretID+",01/06/2017,S,C2,N1,K2,PR4,,,,"+secretPostcode+","+secretPlPost+",SC999999,25.0,E09000026,OUT\n")
	scenario := filepath.Join(t.TempDir(), "inputs.xlsx")
	if code, _, stderr := runCmd(t, false, "init", scenario); code != exitOK {
		t.Fatal(stderr)
	}
	out := filepath.Join(t.TempDir(), "out")
	check := func(what, text string) {
		t.Helper()
		for _, v := range []string{secretID, secretDOB, secretDOBISO, secretPostcode, secretPlPost, secretUPN, "FAKE", "XX1 1XX"} {
			if strings.Contains(text, v) {
				t.Errorf("%s carries %q", what, v)
			}
		}
	}
	for _, extra := range [][]string{{"--json"}, nil, {"--out", out, "--horizon", scenario}} {
		for _, tty := range []bool{false, true} {
			args := append(append([]string{"demand", "903"}, dirs...), "--runs", "20")
			if extra != nil && extra[0] == "--out" {
				os.RemoveAll(out)
			}
			code, stdout, stderr := runCmd(t, tty, append(args, extra...)...)
			if code != exitOK {
				t.Fatalf("%v: exit %d: %s", extra, code, stderr)
			}
			check("stdout", stdout)
			check("stderr", stderr)
		}
	}
	check("the files of --out", everything(t, out))
	// Hostile files: the identifier where a code or a date belongs, the
	// date of birth month first.
	hostile := map[string]string{
		"episodes_2019.csv": "CHILD,DECOM,PLACE,DEC,HOME_POST\n" +
			"FAKE1,01/04/2018," + secretID + ",," + secretPostcode + "\n" +
			"FAKE1," + secretID + ",K2,,\n" +
			"FAKE1,02/04/2018,K2," + secretPostcode + ",\n",
		"header_2019.csv": "CHILD,DOB\nFAKE1,11/29/2009\n" + secretID + "," + secretID + "\n",
	}
	for name, text := range hostile {
		os.WriteFile(filepath.Join(hav, name), []byte(text), 0o644)
	}
	code, stdout, stderr := runCmd(t, false, append(append([]string{"demand", "903"}, dirs...), "--json")...)
	if code != exitInput {
		t.Fatalf("exit %d; want %d: %s", code, exitInput, stderr)
	}
	check("stdout", stdout)
	check("stderr", stderr)
	for _, want := range []string{"header_2019.csv:2: DOB is month first (US order)", "episodes_2019.csv:2: PLACE is not a placement type (not shown", "episodes_2019.csv:3: DECOM is not a date; expected dd/mm/yyyy", "episodes_2019.csv:4: DEC is not a date"} {
		if !strings.Contains(stderr, want) {
			t.Errorf("stderr lacks %q:\n%s", want, stderr)
		}
	}
}
