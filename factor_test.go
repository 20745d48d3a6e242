package carecast

import (
	"errors"
	"os"
	"strings"
	"testing"

	"github.com/shopspring/decimal"
)

// TestEveryFactorIsComplete walks the factor table: a new factor that
// misses a name, a label, a unit, a description, a default distribution
// or a search range, or whose name does not read back, fails here rather
// than in an output.
func TestEveryFactorIsComplete(t *testing.T) {
	names, labels := map[string]bool{}, map[string]bool{}
	for _, f := range Factors() {
		row := factorTable[f]
		if row.name == "" || row.label == "" || row.description == "" {
			t.Errorf("factor %d: name %q, label %q, description %q: want all three", f, row.name, row.label, row.description)
			continue
		}
		if names[row.name] || labels[row.label] {
			t.Errorf("%s: name or label %q used twice", f, row.label)
		}
		names[row.name], labels[row.label] = true, true
		if row.name != strings.ToLower(row.name) || strings.ContainsAny(row.name, " -") {
			t.Errorf("%s: a name is lower case with underscores", f)
		}

		// The name reads back, however a spreadsheet user writes it.
		for _, s := range []string{f.String(), strings.ToUpper(f.String()), strings.ReplaceAll(f.String(), "_", " "), " " + f.String() + "\t"} {
			if got, ok := ParseFactor(s); !ok || got != f {
				t.Errorf("ParseFactor(%q) = %v %v, want %v", s, got, ok, f)
			}
		}
		if !strings.Contains(FactorNames(false), f.String()) || !strings.Contains(FactorNames(true), f.String()) {
			t.Errorf("%s is missing from the list of names", f)
		}

		// Its unit is one of the three, and says whether it adds.
		switch u := f.Unit(); u {
		case UnitMultiple, UnitPoints, UnitMonths:
			if f.Additive() != (u != UnitMultiple) {
				t.Errorf("%s: additive %v with unit %s", f, f.Additive(), u)
			}
		default:
			t.Errorf("%s: unit %d is not one of the three", f, u)
		}

		// The default distribution is valid, holds no change, and lies
		// within the switching-value search (a horizon of 8 years).
		r := f.DefaultRisk()
		if err := r.Validate(); err != nil {
			t.Errorf("%s: default %v: %v", f, r, err)
		}
		n := f.Neutral()
		if r.Low.GreaterThan(n) || r.High.LessThan(n) {
			t.Errorf("%s: default %s to %s does not hold no change, %s", f, r.Low, r.High, n)
		}
		min, max := f.Range()
		umin, umax := f.UsualRange()
		if !min.LessThan(max) || umin.LessThan(min) || umax.GreaterThan(max) || umin.GreaterThan(r.Mode) || umax.LessThan(r.Mode) ||
			f.RangeReason() == "" {
			t.Errorf("%s: range %s to %s, usual %s to %s (%q): want the usual inside the range, around the default mode %s",
				f, min, max, umin, umax, f.RangeReason(), r.Mode)
		}
		lo, hi := f.SearchRange(96)
		if !lo.LessThan(hi) || r.Low.LessThan(lo) || r.High.GreaterThan(hi) {
			t.Errorf("%s: search range %s to %s does not take in the default %s to %s", f, lo, hi, r.Low, r.High)
		}

		// Every way a value is written says its unit.
		mark := map[Unit]string{UnitMultiple: "x", UnitPoints: " points", UnitMonths: " month"}[f.Unit()]
		for what, s := range map[string]string{
			"value": f.FormatValue(r.High), "range": f.FormatRange(r.Low, r.High), "switching value": f.FormatSwitching(r.High),
		} {
			if !strings.Contains(s, mark) {
				t.Errorf("%s: %s %q does not say %q", f, what, s, mark)
			}
		}
	}
	if len(names) != int(NumFactors) {
		t.Errorf("%d complete factors, want %d", len(names), NumFactors)
	}
	if got := DefaultRisks(); len(got) != int(NumFactors) {
		t.Errorf("%d default risks, want one a factor", len(got))
	}
}

func TestEveryDistributionReadsBack(t *testing.T) {
	for _, d := range Distributions() {
		for _, s := range []string{d.String(), strings.ToUpper(d.String()), " " + d.String()} {
			if got, ok := ParseDistribution(s); !ok || got != d {
				t.Errorf("ParseDistribution(%q) = %v %v, want %v", s, got, ok, d)
			}
		}
	}
	if got, want := DistributionNames(), "triangular, uniform or normal"; got != want {
		t.Errorf("DistributionNames() = %q, want %q", got, want)
	}
	if _, ok := ParseDistribution("beta"); ok {
		t.Error(`ParseDistribution("beta") should fail`)
	}
}

func TestFactorFormats(t *testing.T) {
	d := decimal.RequireFromString
	for _, c := range []struct {
		got, want string
	}{
		{FactorOccupancy.FormatRange(d("0.8"), d("1.05")), "x0.80 to x1.05"},
		{FactorSpotInflation.FormatRange(d("-0.02"), d("0.03")), "-2.0 to +3.0 points"},
		{FactorRampDelay.FormatRange(d("0"), d("6")), "0 to 6 months"},
		{FactorSpotPrice.FormatSwitching(d("0.731234")), "x0.7312"},
		{FactorBlockUplift.FormatSwitching(d("0.0425")), "+4.25 points"},
		{FactorBlockUplift.FormatSwitching(d("0")), "+0.00 points"},
		{FactorRampDelay.FormatSwitching(d("7")), "7 months"},
		{FactorGrants.Unit().Word(), "multiple"},
		{FactorSpotInflation.Unit().String(), "points"},
		{FactorBlockPrice.Unit().String(), "x"},
		{FactorRampDelay.Label(), "Ramp-up delay"},
	} {
		if c.got != c.want {
			t.Errorf("got %q, want %q", c.got, c.want)
		}
	}
}

// TestRiskValidate is the one check of a Risks row: each rule, and the
// column it names.
func TestRiskValidate(t *testing.T) {
	d := decimal.RequireFromString
	for _, c := range []struct {
		r     Risk
		field string // "" valid
		want  string
	}{
		{Risk{FactorOccupancy, Triangular, d("0.8"), d("1"), d("1.05")}, "", ""},
		{Risk{FactorSpotInflation, Normal, d("-0.5"), d("0"), d("0.5")}, "", ""},
		{Risk{NumFactors, Uniform, d("0"), d("0"), d("0")}, "factor", "unknown risk factor"},
		{Risk{FactorGrants, Distribution(7), d("0"), d("0"), d("0")}, "distribution", "unknown distribution"},
		{Risk{FactorGrants, Uniform, d("1.2"), d("1"), d("1.15")}, "mode", "low, mode and high out of order: found 1.2, 1, 1.15; expected low <= mode <= high"},
		{Risk{FactorBlockPrice, Uniform, d("-0.1"), d("1"), d("1.15")}, "low", "block_price out of range: found -0.1; expected from 0 to 5"},
		{Risk{FactorRampDelay, Uniform, d("-1"), d("0"), d("2")}, "low", "ramp_delay out of range"},
		{Risk{FactorBlockUplift, Uniform, d("-0.2"), d("0"), d("0.6")}, "high", "block_uplift out of range: found 0.6; expected from -0.5 to 0.5"},
		{Risk{FactorGrants, Uniform, d("0"), d("101"), d("101")}, "mode", "grants out of range"},
	} {
		err := c.r.Validate()
		var re *RiskError
		switch {
		case c.field == "" && err != nil:
			t.Errorf("%v: %v, want valid", c.r, err)
		case c.field == "":
		case !errors.As(err, &re) || re.Field != c.field || !strings.Contains(err.Error(), c.want):
			t.Errorf("%v: %v, want a RiskError on %s saying %q", c.r, err, c.field, c.want)
		case errors.Is(err, ErrOutOfRange) != strings.Contains(c.want, "out of range"):
			t.Errorf("%v: %v: ErrOutOfRange %v", c.r, err, errors.Is(err, ErrOutOfRange))
		}
	}
}

// TestEveryFactorIsDocumented: docs/methodology.md, which the help texts
// cite for the factors' sources, names every factor.
func TestEveryFactorIsDocumented(t *testing.T) {
	doc, err := os.ReadFile("docs/methodology.md")
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range Factors() {
		if !strings.Contains(string(doc), "`"+f.String()+"`") {
			t.Errorf("docs/methodology.md does not name %s", f)
		}
	}
}
