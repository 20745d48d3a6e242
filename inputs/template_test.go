package inputs

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/carecast/carecast"
	"github.com/carecast/carecast/forecast/forecasttest"
	"github.com/carecast/carecast/internal/golden"
	"github.com/xuri/excelize/v2"
)

// The untouched template reads back as the scenario it was written from
// (with the default Risks it adds), with no warning.
func TestTemplateRoundTrip(t *testing.T) {
	p := filepath.Join(t.TempDir(), "inputs.xlsx")
	if err := WriteTemplate(p, BuiltInScenario()); err != nil {
		t.Fatal(err)
	}
	got, warns, err := Load(p)
	if err != nil {
		t.Fatalf("unexpected errors:\n%v", err)
	}
	if len(warns) > 0 {
		t.Errorf("unexpected warnings:\n%s", problems(warns))
	}
	want := BuiltInScenario()
	want.Risks = carecast.DefaultRisks()
	if g, w := dump(got), dump(want); g != w {
		t.Errorf("read back differs:\n%s", golden.Diff(g, w))
	}
	if len(BuiltInScenario().Risks) != 0 {
		t.Errorf("the built-in scenario has Risks; want none")
	}
}

// Generated scenarios (every rule of docs/methodology.md exercised) survive the
// template: written, read back, the same.
func TestTemplateRoundTripGenerated(t *testing.T) {
	n := 6
	if testing.Short() {
		n = 3
	}
	for seed := range uint64(n) {
		s := forecasttest.Generate(rand.New(rand.NewPCG(seed, 7)), forecasttest.Options{})
		t.Run(fmt.Sprintf("seed=%d", seed), func(t *testing.T) {
			p := filepath.Join(t.TempDir(), "g.xlsx")
			if err := WriteTemplate(p, s); err != nil {
				t.Fatal(err)
			}
			got, warns, err := Load(p)
			if err != nil {
				t.Fatalf("unexpected errors:\n%v", err)
			}
			// Generated rates may be unusual (a warning), never wrong.
			if ws := withoutUnusual(warns); len(ws) > 0 {
				t.Errorf("unexpected warnings:\n%s", problems(ws))
			}
			want := *s
			want.Risks = carecast.DefaultRisks()
			if g, w := dump(got), dump(&want); g != w {
				t.Errorf("read back differs:\n%s", golden.Diff(g, w))
			}
		})
	}
}

// The same scenario gives the same bytes.
func TestTemplateDeterministic(t *testing.T) {
	dir := t.TempDir()
	var files [2][]byte
	for i := range files {
		p := filepath.Join(dir, fmt.Sprintf("t%d.xlsx", i))
		if err := WriteTemplate(p, BuiltInScenario()); err != nil {
			t.Fatal(err)
		}
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		files[i] = b
	}
	if !bytes.Equal(files[0], files[1]) {
		t.Error("two templates of the same scenario differ")
	}
	if left, _ := filepath.Glob(filepath.Join(dir, ".*")); len(left) > 0 {
		t.Errorf("temporary files left behind: %v", left)
	}
}

// What an analyst sees: an explaining first sheet with a legend, notes on
// headers, frozen headers, inputs in their own style with £, % and date
// formats, and validation of councils, dates, amounts and rooms.
func TestTemplateLayout(t *testing.T) {
	p := filepath.Join(t.TempDir(), "inputs.xlsx")
	if err := WriteTemplate(p, BuiltInScenario()); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenFile(p)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()

	wantSheets := []string{"About", "Assumptions", "Councils", "Pledges", "Rooms", "Occupancy", "Demand", "Allocations", "SpotCosts", "Grants", "Costs", "Risks", "Options", "WiderBenefits", "Paper", "RiskRegister", "PlaceCodes", "Accounts", "Actuals", "Lists"}
	if got := f.GetSheetList(); !slices.Equal(got, wantSheets) {
		t.Errorf("sheets %v, want %v", got, wantSheets)
	}
	if got := f.GetActiveSheetIndex(); got != 0 {
		t.Errorf("active sheet %d, want 0 (About)", got)
	}

	style := func(sheet, cell string) *excelize.Style {
		t.Helper()
		id, err := f.GetCellStyle(sheet, cell)
		if err != nil {
			t.Fatal(err)
		}
		s, err := f.GetStyle(id)
		if err != nil {
			t.Fatal(err)
		}
		return s
	}
	isInput := func(s *excelize.Style) bool { return len(s.Fill.Color) > 0 && s.Fill.Color[0] == "FFF2CC" }

	// The legend shows the input style.
	rows, _ := f.GetRows("About")
	legend := ""
	for i, r := range rows {
		if len(r) > 0 && r[0] == "Input" {
			legend = fmt.Sprintf("A%d", i+1)
		}
	}
	if legend == "" || !isInput(style("About", legend)) {
		t.Errorf("About: no legend cell in the input style (found %q)", legend)
	}

	for _, sheet := range wantSheets[1 : len(wantSheets)-1] { // all but About and the hidden Lists
		t.Run(sheet, func(t *testing.T) {
			panes, err := f.GetPanes(sheet)
			if err != nil || !panes.Freeze || panes.YSplit != 1 {
				t.Errorf("panes %+v, %v; want the header row frozen", panes, err)
			}
			header, _ := f.GetRows(sheet)
			comments, _ := f.GetComments(sheet)
			noted := map[string]bool{}
			for _, c := range comments {
				noted[c.Cell] = true
			}
			for i, h := range header[0] {
				if ref := cellName(i, 1); !noted[ref] {
					t.Errorf("header %s (%s) has no note", ref, h)
				}
			}
		})
	}

	// Headers carry units.
	if got, _ := f.GetCellValue("Pledges", "D1"); got != "annual_amount (£ a year)" {
		t.Errorf("Pledges!D1 = %q, want the unit in brackets", got)
	}

	for _, c := range []struct {
		sheet, cell string
		format      string // a fragment of the number format, or a built-in id
	}{
		{"Pledges", "D2", "£"},
		{"Pledges", "B2", "dd/mm/yyyy"},
		{"SpotCosts", "C9", "£"},
		{"SpotCosts", "D2", "id10"}, // 0.00%
		{"Grants", "B2", "£"},
		{"Assumptions", "B5", "£"},    // block_weekly_price
		{"Assumptions", "B9", "id10"}, // discount_rate
		{"Assumptions", "B3", "dd/mm/yyyy"},
		{"Rooms", "B2", "id1"},  // whole rooms
		{"Pledges", "A100", ""}, // an empty row below the data is still an input
		{"Occupancy", "C2", ""}, // an empty sheet is ready for input
		{"Councils", "C2", "id10"},
	} {
		s := style(c.sheet, c.cell)
		if !isInput(s) {
			t.Errorf("%s!%s is not in the input style", c.sheet, c.cell)
		}
		got := fmt.Sprintf("id%d", s.NumFmt)
		if s.CustomNumFmt != nil {
			got = *s.CustomNumFmt
		}
		if !strings.Contains(got, c.format) {
			t.Errorf("%s!%s number format %q, want %q", c.sheet, c.cell, got, c.format)
		}
	}
	if s := style("Assumptions", "A5"); isInput(s) {
		t.Error("Assumptions!A5, a setting name, is styled as an input")
	}
	if s := style("Pledges", "A1"); isInput(s) {
		t.Error("Pledges!A1, a header, is styled as an input")
	}

	// Validation: by sheet, the rules on each column.
	rules := func(sheet string) map[string]string {
		dvs, err := f.GetDataValidations(sheet)
		if err != nil {
			t.Fatal(err)
		}
		m := map[string]string{}
		for _, dv := range dvs {
			col := strings.TrimRight(strings.SplitN(dv.Sqref, ":", 2)[0], "0123456789")
			m[col] = dv.Type + " " + dv.Operator + " " + dv.Formula1
		}
		return m
	}
	for _, c := range []struct{ sheet, col, want string }{
		{"Pledges", "A", "list  Councils!$B$2:$B$508"},
		{"Pledges", "B", "date between 61"},
		{"Pledges", "D", "decimal greaterThanOrEqual 0"},
		{"Rooms", "B", "whole between 0"},
		{"Occupancy", "A", "list  Councils!$B$2:$B$508"},
		{"Occupancy", "C", "decimal greaterThanOrEqual 0"},
		{"SpotCosts", "C", "decimal greaterThanOrEqual 0"},
		{"Grants", "A", "date between 61"},
		{"Risks", "B", `list  "triangular,uniform,normal"`},
		{"Actuals", "A", "date between 61"},
		{"Actuals", "B", `list  "occupied_room_days,capacity_room_days,block_cost,pledges,grants,other_costs"`},
		{"Actuals", "C", "list  Councils!$B$2:$B$508"},
	} {
		if got := rules(c.sheet)[c.col]; !strings.HasPrefix(got, c.want) {
			t.Errorf("%s column %s: validation %q, want %q", c.sheet, c.col, got, c.want)
		}
	}
	// Demand's placements are children, not rooms: its message says so.
	dvs, err := f.GetDataValidations("Demand")
	if err != nil {
		t.Fatal(err)
	}
	found := false
	for _, dv := range dvs {
		if strings.HasPrefix(dv.Sqref, "C2:") {
			found = true
			if dv.Type != "decimal" || dv.ErrorTitle == nil || *dv.ErrorTitle != "Placements" || dv.Error == nil ||
				*dv.Error != "Enter a number of placements (children at once), 0 or more." {
				t.Errorf("Demand column C: validation %s, %v: %v", dv.Type, dv.ErrorTitle, dv.Error)
			}
		}
	}
	if !found {
		t.Error("Demand column C has no validation")
	}
}

// The template, as a text dump of its cells (type, stored value, number
// format), notes, validations and panes, against testdata/template.golden.
// Run go test ./inputs -run TemplateGolden -update after a deliberate
// change, and read the diff.
func TestTemplateGolden(t *testing.T) {
	p := filepath.Join(t.TempDir(), "inputs.xlsx")
	if err := WriteTemplate(p, BuiltInScenario()); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenFile(p)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var b strings.Builder
	for _, sheet := range f.GetSheetList() {
		fmt.Fprintf(&b, "== %s\n", sheet)
		panes, _ := f.GetPanes(sheet)
		if panes.Freeze {
			fmt.Fprintf(&b, "frozen above %s\n", panes.TopLeftCell)
		}
		rows, err := f.GetRows(sheet, excelize.Options{RawCellValue: true})
		if err != nil {
			t.Fatal(err)
		}
		for i, r := range rows {
			for j, v := range r {
				if v == "" {
					continue
				}
				ref := cellName(j, i+1)
				typ, _ := f.GetCellType(sheet, ref)
				kind := "text"
				if typ == excelize.CellTypeUnset || typ == excelize.CellTypeNumber {
					kind = "number"
				}
				format := ""
				if id, err := f.GetCellStyle(sheet, ref); err == nil && id != 0 {
					if s, err := f.GetStyle(id); err == nil {
						switch {
						case s.CustomNumFmt != nil:
							format = " [" + *s.CustomNumFmt + "]"
						case s.NumFmt != 0:
							format = fmt.Sprintf(" [format %d]", s.NumFmt)
						}
					}
				}
				fmt.Fprintf(&b, "%s %s %q%s\n", ref, kind, v, format)
			}
		}
		comments, _ := f.GetComments(sheet)
		for _, c := range comments {
			var text strings.Builder
			for _, r := range c.Paragraph {
				text.WriteString(r.Text)
			}
			fmt.Fprintf(&b, "note %s: %s\n", c.Cell, text.String())
		}
		dvs, _ := f.GetDataValidations(sheet)
		for _, dv := range dvs {
			fmt.Fprintf(&b, "valid %s: %s %s %s %s\n", dv.Sqref, dv.Type, dv.Operator, dv.Formula1, dv.Formula2)
		}
	}
	golden.Check(t, filepath.Join("testdata", "template.golden"), []byte(b.String()))
}

// withoutUnusual drops the warnings of plausible but unusual values.
func withoutUnusual(ps []Problem) []Problem {
	var out []Problem
	for _, p := range ps {
		// Generated scenarios may also hold a council that pays nothing,
		// has no spot price or occupies no room (silentMistakes).
		if !strings.HasPrefix(p.Msg, "unusual ") && !p.Silent {
			out = append(out, p)
		}
	}
	return out
}
