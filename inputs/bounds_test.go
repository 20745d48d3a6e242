package inputs

import (
	"testing"

	"github.com/shopspring/decimal"
)

// The table is consistent: each usual range lies inside its range, and
// each key names a setting or column once per sheet.
func TestBoundsTable(t *testing.T) {
	seen := map[string]bool{}
	for _, b := range Bounds() {
		if !(b.Min.LessThanOrEqual(b.UsualMin) && b.UsualMin.LessThanOrEqual(b.UsualMax) && b.UsualMax.LessThanOrEqual(b.Max)) {
			t.Errorf("%s %s: usual %s..%s not inside %s..%s", b.Sheet, b.Key, b.UsualMin, b.UsualMax, b.Min, b.Max)
		}
		if k := b.Sheet + " " + b.Key; seen[k] {
			t.Errorf("%s twice", k)
		} else {
			seen[k] = true
		}
		if b.Why == "" {
			t.Errorf("%s %s: no reason given", b.Sheet, b.Key)
		}
	}
}

// What a value out of range, or unusual, is told.
func TestBoundCheck(t *testing.T) {
	for _, c := range []struct {
		sheet, key, raw string
		err, warn       string
	}{
		// 5 typed for 5%: 500% a year, and 5% is in range.
		{"Assumptions", "block_uplift", "5", `block_uplift out of range: found "5" (500% a year); expected from -50% to 50% a year; did you mean 5%?`, ""},
		// -150% typed with its sign: no hint, -1.5% would be a guess.
		{"Assumptions", "deflator", "-150%", `deflator out of range: found "-150%"; expected from -10% to 20% a year`, ""},
		// 60 typed for 60%: 6000%, and 60% is out of range too: no hint.
		{"SpotCosts", "annual_inflation", "60", `annual_inflation out of range: found "60" (6000% a year); expected from -50% to 50% a year`, ""},
		{"Assumptions", "discount_rate", "0.005", "", `unusual discount_rate: found "0.005" (0.5% a year); most schemes are from 1% to 7% a year; check it`},
		{"Assumptions", "discount_rate", "3.5%", "", ""},
		{"Pledges", "annual_amount", "1000000000.01", `annual_amount out of range: found "1000000000.01"; expected from £0.00 to £1,000,000,000.00`, ""},
		{"Pledges", "annual_amount", "150000000", "", `unusual annual_amount: found "150000000"; most schemes are from £0.00 to £100,000,000.00; check it`},
		{"Rooms", "rooms", "0.000000000000000000001", `rooms has too many decimal places: found "0.000000000000000000001"; expected at most 20`, ""},
	} {
		v, err := ParseRate(c.raw)
		if err != nil {
			t.Fatal(err)
		}
		e, w := bound(c.sheet, c.key).check(v, c.raw)
		if e != c.err || w != c.warn {
			t.Errorf("%s %s %q:\n got %q, %q\nwant %q, %q", c.sheet, c.key, c.raw, e, w, c.err, c.warn)
		}
	}
	// Exactly at the limits is in range.
	b := bound("Assumptions", "block_uplift")
	for _, v := range []decimal.Decimal{b.Min, b.Max} {
		if e, _ := b.check(v, v.String()); e != "" {
			t.Errorf("%s: %s", v, e)
		}
	}
}
