package inputs

import (
	"errors"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/carecast/carecast"
	"github.com/shopspring/decimal"
	"github.com/xuri/excelize/v2"
)

// A new Assumptions setting is one row of carecast's registry: registered
// here, from a test, and nowhere else, it is decoded from the Assumptions
// sheet, bounded (an error outside its bounds, a warning outside its usual
// range), written into the template with its unit, note and validation,
// offered on the Options sheet and overridden by an option, and listed in
// the methodology's tables. The setting is held in the deflator's field,
// for want of a field of its own; its bounds are its own.
func TestNewSettingIsOneRow(t *testing.T) {
	remove := carecast.RegisterSetting(carecast.Setting{
		Key: "test_inflation", Kind: carecast.KindYearlyRate, Unit: "% a year", Option: true,
		Min: "-0.05", Max: "0.05", UsualMin: "0", UsualMax: "0.03", Why: "a test's",
		Help: "a setting a test adds", Note: "A setting a test adds, held as the deflator.",
		Expect: "a rate {range}, such as 1.5%",
		Get:    func(a carecast.Assumptions) any { return a.Deflator },
		Set:    func(a *carecast.Assumptions, v any) { a.Deflator = v.(decimal.Decimal) },
	})
	defer remove()

	// Decoded: given without deflator, it sets the field.
	files := baseFiles()
	files["assumptions.csv"] += "test_inflation,1.5%\n" // line 7
	s, warns, err := Decode(csvBook(files))
	if err != nil {
		t.Fatalf("unexpected errors:\n%v", err)
	}
	if len(warns) > 0 {
		t.Errorf("unexpected warnings:\n%s", problems(warns))
	}
	if want := decimal.RequireFromString("0.015"); !s.Assumptions.Deflator.Equal(want) {
		t.Errorf("deflator %s, want %s from test_inflation", s.Assumptions.Deflator, want)
	}

	// Bounded, by its own bounds: 6% is an error (the deflator's bounds
	// would allow it), 4% a warning; an option's value meets the same
	// checks, at its cell.
	files = baseFiles()
	files["assumptions.csv"] += "test_inflation,6%\n"
	files["options.csv"] = "option,setting,value\nHot,test_inflation,3\n"
	_, _, err = Decode(csvBook(files))
	var errs *Errors
	if !errors.As(err, &errs) {
		t.Fatalf("got %v, want errors", err)
	}
	want := strings.Join([]string{
		`assumptions.csv:7: column value: test_inflation out of range: found "6%"; expected from -5% to 5% a year`,
		`options.csv:2: column value: test_inflation out of range: found "3" (300% a year); expected from -5% to 5% a year; did you mean 3%?`,
	}, "\n")
	if got := problems(errs.Problems); got != want {
		t.Errorf("errors:\n%s\nwant:\n%s", got, want)
	}
	files = baseFiles()
	files["assumptions.csv"] += "test_inflation,4%\n"
	_, warns, err = Decode(csvBook(files))
	if err != nil {
		t.Fatalf("unexpected errors:\n%v", err)
	}
	if got, want := problems(warns), `assumptions.csv:7: column value: unusual test_inflation: found "4%"; most schemes are from 0% to 3% a year; check it`; got != want {
		t.Errorf("warnings:\n%s\nwant:\n%s", got, want)
	}

	// Overridden by an option.
	files = baseFiles()
	files["options.csv"] = "option,setting,value\nHot,test_inflation,3%\n"
	s, _, err = Decode(csvBook(files))
	if err != nil {
		t.Fatalf("unexpected errors:\n%v", err)
	}
	o := s.Options[0]
	if !slices.Equal(o.Keys, []string{"test_inflation"}) {
		t.Errorf("option keys %v, want [test_inflation]", o.Keys)
	}
	if got := o.Apply(s).Assumptions.Deflator; !got.Equal(decimal.RequireFromString("0.03")) {
		t.Errorf("the option's deflator %s, want 0.03", got)
	}
	if !slices.Contains(carecast.AssumptionKeys(), "test_inflation") || !slices.Contains(optionSettings(), "test_inflation") {
		t.Errorf("test_inflation is not among the option settings %v", optionSettings())
	}

	// Templated: its row, note and validation on the Assumptions sheet,
	// on the Options drop-down's list, in the CSV template; and the
	// template reads back with no warning.
	p := filepath.Join(t.TempDir(), "t.xlsx")
	if err := WriteTemplate(p, BuiltInScenario()); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenFile(p)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, _ := f.GetRows("Assumptions", excelize.Options{RawCellValue: true})
	last := rows[len(rows)-1]
	if got, want := strings.Join(last, "|"), "test_inflation|0.02|% a year|A setting a test adds, held as the deflator."; got != want {
		t.Errorf("the template's last setting row %q, want %q", got, want)
	}
	dvs, _ := f.GetDataValidations("Assumptions")
	ref := cellName(1, len(rows))
	found := false
	for _, dv := range dvs {
		if dv.Sqref == ref {
			found = true
			if got := dv.Type + " " + dv.Operator + " " + dv.Formula1 + " " + dv.Formula2; got != "decimal between -0.050000000000000003 0.050000000000000003" {
				t.Errorf("validation of %s: %s", ref, got)
			}
		}
	}
	if !found {
		t.Errorf("no validation on %s", ref)
	}
	lists, _ := f.GetRows("Lists")
	// Column A lists the option settings (column B the Paper table's
	// fields, a longer list): its last filled cell.
	got := ""
	for _, row := range lists {
		if len(row) > 0 && row[0] != "" {
			got = row[0]
		}
	}
	if got != "test_inflation" {
		t.Errorf("the last option setting on the Lists sheet is %q, want test_inflation", got)
	}
	if _, warns, err := Load(p); err != nil || len(warns) > 0 {
		t.Errorf("the template reads back with %v, warnings %v", err, problems(warns))
	}
	csvFiles, err := TemplateCSV(BuiltInScenario())
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(csvFiles["assumptions.csv"]), "\ntest_inflation,0.02,% a year,\"A setting a test adds, held as the deflator.\"\n") {
		t.Errorf("assumptions.csv of the CSV template lacks test_inflation:\n%s", csvFiles["assumptions.csv"])
	}

	// In the methodology's tables.
	if !strings.Contains(settingsTable(), "| `test_inflation` | a setting a test adds | 0% a year | yes |\n") {
		t.Errorf("the settings table lacks test_inflation:\n%s", settingsTable())
	}
	if !strings.Contains(boundsTable(), "| Assumptions | `test_inflation` | from -5% to 5% a year | from 0% to 3% a year | a test's |\n") {
		t.Errorf("the bounds table lacks test_inflation:\n%s", boundsTable())
	}

	remove()
	if carecast.SettingFor("test_inflation") != nil || slices.Contains(optionSettings(), "test_inflation") {
		t.Error("test_inflation is still registered after its removal")
	}
}

// Every row of the registry holds together, and the Options sheet offers
// every setting an option may override, max_fill and sharing among them.
func TestSettingsRegistry(t *testing.T) {
	for _, s := range carecast.Settings() {
		if err := s.Validate(); err != nil {
			t.Error(err)
		}
		if strings.Contains(settingExpect(&s), "{range}") {
			t.Errorf("%s: expect %q keeps its placeholder", s.Key, settingExpect(&s))
		}
	}
	for _, k := range []string{"max_fill", "sharing", "optimism_bias"} {
		if !slices.Contains(carecast.AssumptionKeys(), k) {
			t.Errorf("AssumptionKeys %v lacks %s", carecast.AssumptionKeys(), k)
		}
	}
	if got := settingExpect(carecast.SettingFor("optimism_bias")); got != "a rate from 0% to 200%, such as 41% or 0.41" {
		t.Errorf("optimism_bias expects %q; want its range from its bounds", got)
	}
}
