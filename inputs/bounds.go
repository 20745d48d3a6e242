package inputs

import (
	"fmt"
	"math"
	"strings"
	"time"

	"github.com/carecast/carecast"
	"github.com/shopspring/decimal"
)

// Plausibility bounds (docs/methodology.md §12). Every number an input
// holds has a range: outside it the value is an error at its cell, with a
// hint where the value looks like a percentage typed without its % sign
// ("found 5 (500% a year); did you mean 5%?"); inside the range but
// outside what schemes usually see, it is a warning. The ranges also keep
// every figure the engine computes within what it holds exactly (pence in
// an int64, with headroom for 30 years, a thousand councils and
// indexation): see checkHeadroom for the check across values.

// Unit is how a bounded value reads.
type Unit int

const (
	UnitYearlyRate Unit = iota // a rate a year: 0.035 is 3.5% a year
	UnitRate                   // a proportion: 0.9 is 90%
	UnitPoints                 // points added to a yearly rate: 0.01 is one percentage point
	UnitPounds                 // an amount in pounds
	UnitWeekly                 // pounds a week
	UnitRooms                  // a number of rooms
	UnitMultiple               // a multiple: 1.1 is 10% more
	UnitMonths                 // whole months
	UnitCount                  // a count of rows
)

// Bound is the range of one input value. Outside [Min, Max] the value is
// an error; inside it but outside [UsualMin, UsualMax], a warning.
type Bound struct {
	Key                string // the setting or column; a risk factor's name for the Risks sheet
	Sheet              string // where it is typed
	Unit               Unit
	Min, Max           decimal.Decimal
	UsualMin, UsualMax decimal.Decimal
	Why                string // the reason for the range, for docs and messages
}

func dec(s string) decimal.Decimal { return decimal.RequireFromString(s) }

// Bounds returns every bound, in the order docs/methodology.md §12 lists
// them: the Assumptions settings' (carecast's registry of settings,
// carecast.Settings), then those of the other tables (tableBounds), then
// the Risks sheet's, by factor (Sheet "Risks", Key the factor): low, mode
// and high alike, by the ranges of carecast's factor table.
func Bounds() []Bound {
	var bs []Bound
	for _, s := range carecast.Settings() {
		if b, ok := settingBound(&s); ok {
			bs = append(bs, *b)
		}
	}
	bs = append(bs, tableBounds...)
	return append(bs, factorBounds...)
}

// tableBounds are the bounds of the values of every table but Assumptions
// and Risks.
var tableBounds = []Bound{
	{"share", "Councils", UnitCount, dec("0"), dec("1000000"), dec("0"), dec("1000000"),
		"a share or a weight; shares are scaled to sum to 100%"},
	{"councils", "Councils", UnitCount, dec("1"), dec("1000"), dec("1"), dec("200"),
		"England has 153 upper-tier councils"},
	{"annual_amount", "Pledges", UnitPounds, dec("0"), dec("1000000000"), dec("0"), dec("100000000"),
		"a council's pledge is millions of pounds a year, not billions"},
	{"rooms", "Rooms", UnitRooms, dec("0"), dec("100000"), dec("0"), dec("2000"),
		"a consortium's block contract is tens or hundreds of rooms"},
	{"rooms_occupied", "Occupancy", UnitRooms, dec("0"), dec("100000"), dec("0"), dec("2000"),
		"at most the rooms available"},
	{"placements", "Demand", UnitRooms, dec("0"), dec("100000"), dec("0"), dec("2000"),
		"children at once needing a placement: tens, for one council"},
	{"rooms", "Allocations", UnitRooms, dec("0"), dec("100000"), dec("0"), dec("2000"),
		"at most the rooms available"},
	{"weekly_cost", "SpotCosts", UnitWeekly, dec("0"), dec("100000"), dec("500"), dec("30000"),
		"a spot placement costs a few thousand pounds a week (NCERCC 2020: £3,970 on average in 2018/19)"},
	{"annual_inflation", "SpotCosts", UnitYearlyRate, dec("-0.5"), dec("0.5"), dec("-0.05"), dec("0.15"),
		"placement prices rose about 6% a year to 2018/19 (NCERCC 2020)"},
	{"amount", "Grants", UnitPounds, dec("0"), dec("1000000000"), dec("0"), dec("100000000"),
		"a grant is at most millions of pounds"},
	{"annual_amount", "Costs", UnitPounds, dec("0"), dec("1000000000"), dec("0"), dec("100000000"),
		"running costs of the pool, millions of pounds a year at most"},
	{"rooms_scale", "Options", UnitMultiple, dec("0"), dec("100"), dec("0.1"), dec("10"), "a multiple of the rooms"},
	{"pledge_scale", "Options", UnitMultiple, dec("0"), dec("100"), dec("0"), dec("10"), "a multiple of the pledges"},
	{"occupancy_scale", "Options", UnitMultiple, dec("0"), dec("10"), dec("0.5"), dec("1.2"), "a multiple of the occupancy, which may not exceed the rooms"},
	{"per_room_year", "WiderBenefits", UnitCount, dec("0"), dec("1000"), dec("0"), dec("100"), "units a room-year brings: a handful of episodes, not thousands"},
	{"unit_value", "WiderBenefits", UnitPounds, dec("0"), dec("100000000"), dec("0"), dec("10000000"), "what one unit is worth: thousands of pounds, not billions"},
}

// factorBounds are the Risks sheet's bounds.
var factorBounds = riskBounds()

// riskBounds are the Risks sheet's bounds, one a factor, from the factor
// table (carecast.Factor.Range and UsualRange).
func riskBounds() []Bound {
	units := map[carecast.Unit]Unit{carecast.UnitMultiple: UnitMultiple, carecast.UnitPoints: UnitPoints, carecast.UnitMonths: UnitMonths}
	var bs []Bound
	for _, f := range carecast.Factors() {
		lo, hi := f.Range()
		ulo, uhi := f.UsualRange()
		bs = append(bs, Bound{f.String(), "Risks", units[f.Unit()], lo, hi, ulo, uhi, f.RangeReason()})
	}
	return bs
}

// Dates are bounded to those a spreadsheet can show: 1 January 1900 to
// 31 December 9999, and the horizon must end by then too.
var (
	MinDate = carecast.Date{Year: 1900, Month: time.January, Day: 1}
	MaxDate = carecast.Date{Year: 9999, Month: time.December, Day: 31}
)

// MaxPlaces bounds the decimal places of a number: a spreadsheet holds 15
// significant digits, and the engine's exact arithmetic grows with them.
const MaxPlaces = 20

// bound returns the bound of key on sheet.
func bound(sheet, key string) *Bound {
	if sheet == "Assumptions" {
		if s := carecast.SettingFor(key); s != nil {
			if b, ok := settingBound(s); ok {
				return b
			}
		}
	}
	for _, bs := range [][]Bound{tableBounds, factorBounds} {
		for i := range bs {
			if bs[i].Sheet == sheet && bs[i].Key == key {
				return &bs[i]
			}
		}
	}
	panic("inputs: no bound for " + sheet + " " + key)
}

// show writes a value in its unit: "500% a year", "£120,000.00 a week".
func (b *Bound) show(v decimal.Decimal) string {
	switch b.Unit {
	case UnitYearlyRate:
		return percent(v) + " a year"
	case UnitRate:
		return percent(v)
	case UnitPoints:
		return percent(v) + " added a year"
	case UnitPounds:
		return carecast.MoneyOf(v).Format()
	case UnitWeekly:
		return carecast.MoneyOf(v).Format() + " a week"
	case UnitMultiple:
		return v.String() + " times"
	case UnitMonths:
		return v.String() + " months"
	}
	return v.String()
}

// percent writes a proportion as a percentage: 0.035 is 3.5%.
func percent(v decimal.Decimal) string { return v.Shift(2).String() + "%" }

// rangeText says the range, "from -50% to 50% a year".
func (b *Bound) rangeText(lo, hi decimal.Decimal) string {
	switch b.Unit {
	case UnitYearlyRate:
		return fmt.Sprintf("from %s to %s a year", percent(lo), percent(hi))
	case UnitRate, UnitPoints:
		return fmt.Sprintf("from %s to %s", percent(lo), percent(hi))
	case UnitPounds, UnitWeekly:
		s := fmt.Sprintf("from %s to %s", carecast.MoneyOf(lo).Format(), carecast.MoneyOf(hi).Format())
		if b.Unit == UnitWeekly {
			s += " a week"
		}
		return s
	}
	return fmt.Sprintf("from %s to %s", lo, hi)
}

// Range is the range as a person reads it, for docs.
func (b *Bound) Range() string { return b.rangeText(b.Min, b.Max) }

// Usual is the usual range as a person reads it, for docs.
func (b *Bound) Usual() string { return b.rangeText(b.UsualMin, b.UsualMax) }

// check says what is wrong with v, typed as raw: an error outside the
// range (with a hint where v/100 would be in it), a warning outside the
// usual range. The text is worded only when there is something to say.
func (b *Bound) check(v decimal.Decimal, raw string) (errMsg, warnMsg string) {
	out := v.Exponent() < -MaxPlaces || v.LessThan(b.Min) || v.GreaterThan(b.Max)
	if !out && !v.LessThan(b.UsualMin) && !v.GreaterThan(b.UsualMax) {
		return "", ""
	}
	found := quote(strings.TrimSpace(raw))
	if v.Exponent() < -MaxPlaces {
		return fmt.Sprintf("%s has too many decimal places: found %s; expected at most %d", b.Key, found, MaxPlaces), ""
	}
	if out {
		msg := fmt.Sprintf("%s out of range: found %s%s; expected %s", b.Key, found, b.aside(v, found), b.rangeText(b.Min, b.Max))
		if b.percentish() && !strings.Contains(found, "%") {
			if p := v.Shift(-2); !p.LessThan(b.Min) && !p.GreaterThan(b.Max) {
				msg += fmt.Sprintf("; did you mean %s%%?", v.String())
			}
		}
		return msg, ""
	}
	return "", fmt.Sprintf("unusual %s: found %s%s; most schemes are %s; check it", b.Key, found, b.aside(v, found), b.rangeText(b.UsualMin, b.UsualMax))
}

// aside spells out a proportion typed without a % sign: " (500% a year)".
func (b *Bound) aside(v decimal.Decimal, found string) string {
	if !b.percentish() || strings.Contains(found, "%") {
		return ""
	}
	return " (" + b.show(v) + ")"
}

// percentish reports whether the value is a proportion a user may type as
// a percentage without its % sign.
func (b *Bound) percentish() bool {
	return b.Unit == UnitYearlyRate || b.Unit == UnitRate || b.Unit == UnitPoints
}

// bounded checks v against the bound of key on sheet, reporting at loc;
// it returns false on an error.
func (d *decoder) bounded(loc, sheet, key string, v decimal.Decimal, cell Cell) bool {
	return d.boundedBy(loc, bound(sheet, key), v, cell)
}

// boundedBy checks v against b, reporting at loc; it returns false on an
// error.
func (d *decoder) boundedBy(loc string, b *Bound, v decimal.Decimal, cell Cell) bool {
	e, w := b.check(v, cell.Value)
	if e != "" {
		d.err(loc, e)
		return false
	}
	if w != "" {
		d.warn(loc, w)
	}
	return true
}

// boundedAt is bounded for spec column c of a row of tb, locating the
// cell only when there is something to say (a table may have millions of
// rows).
func (d *decoder) boundedAt(tb *tab, row, c int, sheet, key string, v decimal.Decimal, cell Cell) bool {
	b := bound(sheet, key)
	e, w := b.check(v, cell.Value)
	switch {
	case e != "":
		d.err(d.loc(tb, row, c), e)
		return false
	case w != "":
		d.warn(d.loc(tb, row, c), w)
	}
	return true
}

// dateInRange checks a date is one a spreadsheet can show.
func dateInRange(v carecast.Date) error {
	if v.Before(MinDate) || v.After(MaxDate) {
		return fmt.Errorf("date out of range: %s is outside %s to %s, the dates a spreadsheet can show", v, MinDate, MaxDate)
	}
	return nil
}

// peakFactor is the largest (1+u)^n over the whole years n from d to the
// days of [from, to]: how much a price quoted on d has grown at its peak.
func peakFactor(d carecast.Date, u decimal.Decimal, from, to carecast.Date) float64 {
	g, _ := decimal.NewFromInt(1).Add(u).Float64()
	a, b := d.WholeYears(from), d.WholeYears(to)
	return math.Max(math.Pow(g, float64(a)), math.Pow(g, float64(b)))
}

// checkHeadroom checks, across values, that the figures the engine will
// compute fit: the block cost of the most rooms at the block price at its
// peak, and each council's spot cost of the most rooms at its spot price
// at its peak, must each be within MaxMonthPence a month. A bound per cell
// cannot promise that alone (£100,000 a week rising 50% a year for 30
// years is £19bn a week), so the error names the values that compound.
func (d *decoder) checkHeadroom() {
	if !d.horizon {
		return
	}
	most := 0
	for _, r := range d.s.Rooms {
		most = max(most, r.Rooms)
	}
	if most == 0 {
		return
	}
	a := d.s.Assumptions
	// A month is at most 31 days: a room's month at a weekly price p is
	// p x 31/7 pounds, p x 3100/7 pence.
	limit := float64(carecast.MaxMonthPence) / (float64(most) * 3100 / 7)
	over := func(p decimal.Decimal, peak float64) (float64, bool) {
		pf, _ := p.Float64()
		x := pf * peak
		return x, x > limit || math.IsInf(x, 0) || math.IsNaN(x)
	}
	what := func(weekly float64, u decimal.Decimal) string {
		peak := d.end
		if u.Sign() < 0 {
			peak = d.start
		}
		return fmt.Sprintf("it reaches %s a week by %s, and %s rooms at that price cost more than %s a month, the most carecast computes", compact(weekly), peak, carecast.GroupThousands(fmt.Sprint(most)), carecast.Pence(carecast.MaxMonthPence).Format())
	}
	if x, bad := over(a.BlockWeeklyPrice, peakFactor(a.PriceDate(), a.BlockUplift, d.start, d.end)); bad {
		loc := d.assumptionLoc("block_uplift")
		if loc == "" {
			loc = d.assumptionLoc("block_weekly_price")
		}
		d.err(loc, fmt.Sprintf("the block price grows too large: at %s a year from %s %s; expected a smaller block_weekly_price, block_uplift or number of rooms", percent(a.BlockUplift), a.PriceDate(), what(x, a.BlockUplift)))
	}
	for i, r := range d.s.SpotCosts {
		if x, bad := over(r.WeeklyCost, peakFactor(r.From, r.AnnualInflation, maxDate(r.From, d.start), d.end)); bad {
			d.err(d.loc(d.tabs[tSpotCosts], d.ref(tSpotCosts, i), 3), fmt.Sprintf("the spot cost grows too large: at %s a year from %s %s; expected a smaller weekly_cost, annual_inflation or number of rooms", percent(r.AnnualInflation), r.From, what(x, r.AnnualInflation)))
		}
	}
}

func maxDate(a, b carecast.Date) carecast.Date {
	if a.After(b) {
		return a
	}
	return b
}

// compact writes a large amount of pounds briefly: "£6.2e+17".
func compact(x float64) string {
	if x < 1e12 {
		return carecast.MoneyOf(decimal.NewFromFloat(x)).Format()
	}
	return fmt.Sprintf("£%.3g", x)
}

// assumptionLoc locates the value of a setting given on the Assumptions
// sheet, or "" when it is not given.
func (d *decoder) assumptionLoc(key string) string {
	tb := d.tabs[tAssumptions]
	if tb == nil || !tb.ok {
		return ""
	}
	for _, r := range tb.t.Rows {
		if Key(tb.cell(r, 0).Value) == Key(key) {
			return d.loc(tb, r.Number, 1)
		}
	}
	return ""
}
