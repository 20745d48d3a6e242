package inputs

import (
	"testing"

	"github.com/carecast/carecast"
)

// TestEveryFactorInTheInputs: every factor of the factor table is in the
// template's Risks sheet (its name, unit and description, and the
// drop-down of names), reads back by its name, and is bounded by its
// range. A new factor needs no case here; TestTemplateRoundTrip reads
// every default distribution back.
func TestEveryFactorInTheInputs(t *testing.T) {
	rows := tableRows(BuiltInScenario())[tRisks]
	if len(rows) != int(carecast.NumFactors) {
		t.Fatalf("%d template Risks rows, want one a factor", len(rows))
	}
	names := riskFactorNames()
	for i, f := range carecast.Factors() {
		row := rows[i]
		if row[0] != f.String() || row[5] != f.Unit().String() || row[6] != f.Description() {
			t.Errorf("%s: template row %v", f, row)
		}
		if names[i] != f.String() {
			t.Errorf("drop-down name %d is %q, want %q", i, names[i], f)
		}
		if got, ok := carecast.ParseFactor(names[i]); !ok || got != f {
			t.Errorf("%q reads back as %v %v", names[i], got, ok)
		}
		b := bound("Risks", f.String()) // panics if the factor has none
		lo, hi := f.Range()
		if !b.Min.Equal(lo) || !b.Max.Equal(hi) || b.Why != f.RangeReason() {
			t.Errorf("%s: bound %s to %s (%q), want the factor's range %s to %s", f, b.Min, b.Max, b.Why, lo, hi)
		}
	}
}
