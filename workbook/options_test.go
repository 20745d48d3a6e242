package workbook

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/carecast/carecast"
	"github.com/carecast/carecast/forecast"
	"github.com/carecast/carecast/inputs"
	"github.com/carecast/carecast/internal/ledger"
)

// builtInCases are the built-in scenario's base case and shortlist,
// forecast.
func builtInCases(t testing.TB) []carecast.Case {
	t.Helper()
	cases := forecast.Cases(inputs.BuiltInScenario(), "", carecast.BaseCaseName)
	if err := forecast.RunCases(cases, 0); err != nil {
		t.Fatal(err)
	}
	return cases
}

// The comparison's workbook: the Options sheet (business as usual first,
// its cost, savings and councils' sums as formulas, checks tying the base
// case to the Summary) and the Wider benefits sheet recalculate in
// LibreOffice to the penny, with every check holding.
func TestComparisonLibreOfficeRecalculates(t *testing.T) {
	soffice := findSoffice(t)
	inParallel(t)
	cases := builtInCases(t)
	dir := t.TempDir()
	path := filepath.Join(dir, ComparisonFileName)
	if err := WriteComparison(path, nil, cases, Contents{Postings: ledger.Build(cases[0].Result).Postings}); err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	orig := readBook(t, data)
	for _, name := range []string{sheetOptions, sheetWider} {
		if orig.sheet(name) == nil {
			t.Fatalf("no %s sheet", name)
		}
	}
	// Business as usual: no savings; its cost the base case's spot
	// purchasing (£50,124,524.23); the base case saves £11,330,132.65.
	opt := orig.sheet(sheetOptions)
	for ref, want := range map[string]string{"C13": "0", "C11": "50124524.23", "D13": "11330132.65", "D12": "50124524.23"} {
		if c := opt.cell(ref); c == nil || c.v != want {
			t.Errorf("Options!%s = %+v, want %s", ref, c, want)
		}
	}
	stripped, n := stripCachedValues(t, data)
	if n == 0 {
		t.Fatal("no formula values to strip")
	}
	in := filepath.Join(dir, "stripped.xlsx")
	if err := os.WriteFile(in, stripped, 0o644); err != nil {
		t.Fatal(err)
	}
	out := recalcWithLibreOffice(t, soffice, in, filepath.Join(dir, "lo"))
	lo := readBook(t, out)
	compareRecalculated(t, orig, lo)
	if c := lo.sheet(sheetChecks).cell("C4"); c == nil || c.v != "1" {
		t.Errorf("master check in LibreOffice: %+v, want TRUE", c)
	}
}
