package carecast

import (
	"errors"
	"fmt"
	"strings"

	"github.com/shopspring/decimal"
)

// Factor is a risk factor: a way of varying a whole scenario at once, for
// the appraisal under uncertainty (HM Treasury Green Book: sensitivity
// analysis, switching values and Monte Carlo; docs/methodology.md §8).
// Everything that reads, writes or labels a factor takes it from one row
// of factorTable, so a new factor is a constant, a row and its effect on
// the engine (forecast.Apply and the float path).
type Factor int

// The risk factors, in the order reports list them. What each does to a
// scenario is forecast.Apply's.
const (
	// FactorOccupancy multiplies every council's occupancy, capped at the
	// rooms available.
	FactorOccupancy Factor = iota
	// FactorSpotPrice multiplies every spot weekly cost.
	FactorSpotPrice
	// FactorSpotInflation adds points to every spot annual_inflation.
	FactorSpotInflation
	// FactorBlockPrice multiplies block_weekly_price.
	FactorBlockPrice
	// FactorBlockUplift adds points to block_uplift.
	FactorBlockUplift
	// FactorRampDelay delays every increase in the rooms after the first
	// Rooms row by whole months.
	FactorRampDelay
	// FactorGrants multiplies every grant.
	FactorGrants
	// FactorDemand multiplies every council's demand (Demand rows), one
	// draw a run common to all councils; no effect without Demand rows.
	FactorDemand
	// FactorDemandCouncil multiplies each council's demand by a value drawn
	// for that council separately in a Monte Carlo run (after every other
	// draw, so theirs keep their random numbers); one value for every
	// council in a sensitivity analysis. No effect without Demand rows.
	FactorDemandCouncil

	// NumFactors is the number of risk factors.
	NumFactors
)

// factorInfo is a factor's row of the table.
type factorInfo struct {
	name        string // in a Risks sheet and the JSON, "spot_price"
	label       string // for people, at the start of a sentence, "Spot price"
	unit        Unit
	description string // what a value does, for help texts and sheet notes
	// varies says what the factor varies in plain words, with no code
	// names, for a printed table; subject is what it varies in a sentence
	// ("spot prices 10% lower than assumed": FactorBasis.Change).
	varies, subject string
	// low, mode and high are the default triangular distribution, used
	// when a scenario has no Risks sheet (DefaultRisks).
	low, mode, high string
	// searchLow and searchHigh are the range searched for a switching
	// value (the horizon, for a factor in months).
	searchLow, searchHigh string
	// min and max are the values a Risks row may hold (Risk.Validate, and
	// the reader's plausibility bounds, docs/methodology.md §12); usualMin
	// and usualMax what schemes usually see (outside them, a warning);
	// why says so.
	min, max, usualMin, usualMax string
	why                          string
}

// factorTable describes every factor. The defaults are what a finance
// officer would find a reasonable spread, each triangular around no
// change (sources: docs/methodology.md §8 and §14):
//   - occupancy 0.8 / 1 / 1.05: independent providers report 80-85%
//     occupancy (ICHA, 2020), so a fifth of the forecast occupancy may go
//     unfilled; a little better is possible when councils trade beds.
//   - spot_price 0.9 / 1 / 1.15 and spot_inflation -0.02 / 0 / +0.03:
//     placement prices rose about 6% a year to 2018/19 (NCERCC), and
//     external unit costs 25-30% in three years after 2021 (Cross Regional
//     Project): the upside risk is larger than the downside.
//   - block_price 0.95 / 1 / 1.10 and block_uplift -0.01 / 0 / +0.02: a
//     contracted price moves less than the spot market; the Green Book's
//     optimism bias expects costs to come out higher than planned.
//   - ramp_delay 0 / 0 / 6 months: rooms arrive late, never early
//     (optimism bias on durations).
//   - grants 0.8 / 1 / 1: part of a grant may depend on an evaluation (the
//     DfE Innovation Programme held back £53,000 of £835,750).
//   - demand 0.85 / 1 / 1.2 and demand_council 0.7 / 1 / 1.3 (with Demand
//     rows only): the number of children in residential care has grown
//     faster than forecasts in most years since 2015, so the upside is the
//     larger; one council's count is a handful of children, whose swings
//     (about a third either way) are far wider than the consortium's.
//
// Switching values are searched for from 0 to 5 times the scenario's
// multiples (100 times for grants), 50 percentage points either way of a
// rate, and over the whole horizon for a delay.
var factorTable = [NumFactors]factorInfo{
	FactorOccupancy: {name: "occupancy", label: "Occupancy", unit: UnitMultiple,
		description: "multiplies every council's occupancy, capped at the rooms available",
		varies:      "the rooms occupied, every council's alike, at most every room", subject: "occupancy",
		low: "0.8", mode: "1", high: "1.05", searchLow: "0", searchHigh: "5",
		min: "0", max: "2", usualMin: "0.5", usualMax: "1.2", why: "a multiple of the occupancy, capped at the rooms"},
	FactorSpotPrice: {name: "spot_price", label: "Spot price", unit: UnitMultiple,
		description: "multiplies every spot weekly cost",
		varies:      "every council's spot price a week (shown: the average of their first prices)", subject: "spot prices",
		low: "0.9", mode: "1", high: "1.15", searchLow: "0", searchHigh: "5",
		min: "0", max: "5", usualMin: "0.5", usualMax: "2", why: "a multiple of the spot prices"},
	FactorSpotInflation: {name: "spot_inflation", label: "Spot price inflation", unit: UnitPoints,
		description: "added to every spot annual_inflation (0.01 = one percentage point)",
		varies:      "how fast every council's spot price rises each year (shown: their average)", subject: "spot prices",
		low: "-0.02", mode: "0", high: "0.03", searchLow: "-0.5", searchHigh: "0.5",
		min: "-0.5", max: "0.5", usualMin: "-0.1", usualMax: "0.1", why: "points added to spot inflation"},
	FactorBlockPrice: {name: "block_price", label: "Block price", unit: UnitMultiple,
		description: "multiplies block_weekly_price",
		varies:      "the block price a room a week", subject: "the block price",
		low: "0.95", mode: "1", high: "1.10", searchLow: "0", searchHigh: "5",
		min: "0", max: "5", usualMin: "0.5", usualMax: "2", why: "a multiple of the block price"},
	FactorBlockUplift: {name: "block_uplift", label: "Block price uplift", unit: UnitPoints,
		description: "added to block_uplift (0.01 = one percentage point)",
		varies:      "how fast the block price rises each year", subject: "the block price",
		low: "-0.01", mode: "0", high: "0.02", searchLow: "-0.5", searchHigh: "0.5",
		min: "-0.5", max: "0.5", usualMin: "-0.1", usualMax: "0.1", why: "points added to the block uplift"},
	FactorRampDelay: {name: "ramp_delay", label: "Ramp-up delay", unit: UnitMonths,
		description: "whole months by which every increase in rooms after the first Rooms row is delayed",
		varies:      "when the rooms after the first arrive", subject: "new rooms",
		low: "0", mode: "0", high: "6",
		min: "0", max: "360", usualMin: "0", usualMax: "36", why: "months by which new rooms come late"},
	FactorGrants: {name: "grants", label: "Grants", unit: UnitMultiple,
		description: "multiplies every grant",
		varies:      "every grant", subject: "grants",
		low: "0.8", mode: "1", high: "1", searchLow: "0", searchHigh: "100",
		min: "0", max: "100", usualMin: "0", usualMax: "2", why: "a multiple of the grants"},
	FactorDemand: {name: "demand", label: "Demand", unit: UnitMultiple,
		description: "multiplies every council's demand (Demand rows), one draw for all councils",
		varies:      "every council's demand for places, all together", subject: "demand",
		low: "0.85", mode: "1", high: "1.2", searchLow: "0", searchHigh: "5",
		min: "0", max: "10", usualMin: "0.5", usualMax: "2", why: "a multiple of every council's demand"},
	FactorDemandCouncil: {name: "demand_council", label: "Demand of each council", unit: UnitMultiple,
		description: "multiplies each council's demand (Demand rows), drawn for each council separately",
		varies:      "each council's demand for places, each on its own", subject: "each council's demand",
		low: "0.7", mode: "1", high: "1.3", searchLow: "0", searchHigh: "5",
		min: "0", max: "10", usualMin: "0.3", usualMax: "3", why: "a multiple of one council's demand"},
}

// DemandFactor reports whether the factor varies demand, and so has an
// effect only on a scenario with Demand rows.
func (f Factor) DemandFactor() bool { return f == FactorDemand || f == FactorDemandCouncil }

// Factors returns every risk factor in order.
func Factors() []Factor { return upTo(NumFactors) }

// upTo is 0, 1, ..., n-1 of an enumeration.
func upTo[T ~int](n T) []T {
	out := make([]T, n)
	for i := range out {
		out[i] = T(i)
	}
	return out
}

// Valid reports whether f is one of the factors.
func (f Factor) Valid() bool { return f >= 0 && f < NumFactors }

// String is the factor's name in a Risks sheet and the JSON, "spot_price".
func (f Factor) String() string {
	if !f.Valid() {
		return fmt.Sprintf("Factor(%d)", int(f))
	}
	return factorTable[f].name
}

// Label is the factor's name for people, at the start of a sentence:
// "Spot price".
func (f Factor) Label() string {
	if !f.Valid() {
		return f.String()
	}
	return factorTable[f].label
}

// Unit says how the factor's values read.
func (f Factor) Unit() Unit { return factorTable[f].unit }

// Varies says what the factor varies in plain words, with no code names,
// for a printed table: "the block price a room a week".
func (f Factor) Varies() string { return factorTable[f].varies }

// Description is what a value of the factor does, for help texts and
// sheet notes.
func (f Factor) Description() string { return factorTable[f].description }

// Additive reports whether the factor is added (points, months) rather
// than multiplied.
func (f Factor) Additive() bool { return f.Unit() != UnitMultiple }

// Neutral is the value that leaves a scenario as it is: 1 for a factor
// that multiplies, 0 for one that adds.
func (f Factor) Neutral() decimal.Decimal {
	if f.Additive() {
		return decimal.Zero
	}
	return decimal.NewFromInt(1)
}

// FormatValue writes a value of the factor as a finance officer reads it:
// "x0.90", "+3.0 points", "6 months".
func (f Factor) FormatValue(v decimal.Decimal) string { return f.Unit().Format(v) }

// FormatRange writes a low and a high: "x0.80 to x1.05", "-2.0 to +3.0
// points", "0 to 6 months".
func (f Factor) FormatRange(lo, hi decimal.Decimal) string { return f.Unit().FormatRange(lo, hi) }

// FormatSwitching writes a switching value, with more places than
// FormatValue: "x0.7312", "+4.25 points", "7 months".
func (f Factor) FormatSwitching(v decimal.Decimal) string { return f.Unit().FormatSwitching(v) }

// DefaultRisk is the factor's distribution when a scenario has no Risks
// sheet (see factorTable for the sources).
func (f Factor) DefaultRisk() Risk {
	t := factorTable[f]
	d := decimal.RequireFromString
	return Risk{Factor: f, Distribution: Triangular, Low: d(t.low), Mode: d(t.mode), High: d(t.high)}
}

// Range is the least and the greatest value a Risks row may give the
// factor (docs/methodology.md §12).
func (f Factor) Range() (lo, hi decimal.Decimal) {
	t := factorTable[f]
	return decimal.RequireFromString(t.min), decimal.RequireFromString(t.max)
}

// UsualRange is the range of values schemes usually see: a value outside
// it is allowed, with a warning.
func (f Factor) UsualRange() (lo, hi decimal.Decimal) {
	t := factorTable[f]
	return decimal.RequireFromString(t.usualMin), decimal.RequireFromString(t.usualMax)
}

// RangeReason says what the factor's values are, for the ranges' notes.
func (f Factor) RangeReason() string { return factorTable[f].why }

// SearchRange is the range searched for the factor's switching value, for
// a horizon of months: see factorTable.
func (f Factor) SearchRange(months int) (lo, hi decimal.Decimal) {
	if f.Unit() == UnitMonths {
		return decimal.Zero, decimal.NewFromInt(int64(months))
	}
	t := factorTable[f]
	return decimal.RequireFromString(t.searchLow), decimal.RequireFromString(t.searchHigh)
}

// ParseFactor reads a factor's name, ignoring case, spaces, hyphens and
// underscores as the Risks sheet's other keys are read (docs/methodology.md §2): "Spot price" is
// spot_price.
func ParseFactor(s string) (Factor, bool) {
	k := normKey(s)
	for _, f := range Factors() {
		if normKey(f.String()) == k {
			return f, true
		}
	}
	return 0, false
}

// FactorNames lists the factors' names for a message or a note:
// "occupancy, spot_price, ..., ramp_delay, grants"; with or, the last
// joined by "or" instead.
func FactorNames(or bool) string {
	names := make([]string, NumFactors)
	for i, f := range Factors() {
		names[i] = f.String()
	}
	return list(names, or)
}

// list joins names with commas, the last with " or " when or is set.
func list(names []string, or bool) string {
	if !or || len(names) < 2 {
		return strings.Join(names, ", ")
	}
	return strings.Join(names[:len(names)-1], ", ") + " or " + names[len(names)-1]
}

// Unit is how a factor's values read.
type Unit int

const (
	// UnitMultiple multiplies an input: 1 is no change, "x0.95".
	UnitMultiple Unit = iota
	// UnitPoints is added to an annual rate: 0.01 is one percentage
	// point, "+1.0 points".
	UnitPoints
	// UnitMonths is whole months of delay, "3 months".
	UnitMonths
)

// String is the unit's short name, as the Risks sheet's unit column has
// it: "x", "points" or "months".
func (u Unit) String() string {
	switch u {
	case UnitPoints:
		return "points"
	case UnitMonths:
		return "months"
	}
	return "x"
}

// Word is the unit in a word, for a table's Unit column: "multiple",
// "points" or "months".
func (u Unit) Word() string {
	if u == UnitMultiple {
		return "multiple"
	}
	return u.String()
}

// Format writes a value: "x0.90" for a multiple, "+3.0 points" for points
// added to a rate, "6 months" for a delay.
func (u Unit) Format(v decimal.Decimal) string {
	switch u {
	case UnitPoints:
		s := v.Shift(2).StringFixed(1)
		if v.Sign() > 0 {
			s = "+" + s
		}
		return s + " points"
	case UnitMonths:
		if v.Equal(decimal.NewFromInt(1)) {
			return "1 month"
		}
		return v.String() + " months"
	}
	return "x" + v.StringFixed(2)
}

// FormatRange writes a low and a high: "x0.80 to x1.05", "-2.0 to +3.0
// points", "0 to 6 months".
func (u Unit) FormatRange(lo, hi decimal.Decimal) string {
	switch u {
	case UnitPoints:
		return strings.TrimSuffix(u.Format(lo), " points") + " to " + u.Format(hi)
	case UnitMonths:
		return lo.String() + " to " + hi.String() + " months"
	}
	return u.Format(lo) + " to " + u.Format(hi)
}

// FormatSwitching writes a switching value, with more places than Format:
// "x0.7312", "+4.25 points", "7 months".
func (u Unit) FormatSwitching(v decimal.Decimal) string {
	switch u {
	case UnitPoints:
		s := v.Shift(2).StringFixed(2)
		if v.Sign() >= 0 {
			s = "+" + s
		}
		return s + " points"
	case UnitMonths:
		return u.Format(v)
	}
	return "x" + v.StringFixed(4)
}

// Distribution is the shape of a risk factor's uncertainty.
type Distribution int

const (
	// Triangular: low, mode (the most likely value) and high.
	Triangular Distribution = iota
	// Uniform: any value from low to high equally likely; mode is the
	// central value of a sensitivity analysis.
	Uniform
	// Normal: mode is the mean, low and high the 5th and 95th
	// percentiles, so sigma = (high - low) / (2 x 1.6448536...).
	Normal

	numDistributions
)

var distributionNames = [numDistributions]string{Triangular: "triangular", Uniform: "uniform", Normal: "normal"}

// Distributions returns every distribution in order.
func Distributions() []Distribution { return upTo(numDistributions) }

// Valid reports whether d is one of the distributions.
func (d Distribution) Valid() bool { return d >= 0 && d < numDistributions }

// String is the distribution's name in a Risks sheet, "triangular".
func (d Distribution) String() string {
	if !d.Valid() {
		return fmt.Sprintf("Distribution(%d)", int(d))
	}
	return distributionNames[d]
}

// ParseDistribution reads a distribution's name, ignoring case and spaces.
func ParseDistribution(s string) (Distribution, bool) {
	k := normKey(s)
	for _, d := range Distributions() {
		if d.String() == k {
			return d, true
		}
	}
	return 0, false
}

// DistributionNames lists the distributions for a message or a note:
// "triangular, uniform or normal".
func DistributionNames() string {
	names := make([]string, numDistributions)
	for i, d := range Distributions() {
		names[i] = d.String()
	}
	return list(names, true)
}

func normKey(s string) string {
	return strings.Map(func(r rune) rune {
		switch r {
		case ' ', '-', '_', '\t':
			return -1
		}
		return r
	}, strings.ToLower(strings.TrimSpace(s)))
}

// RiskError is a Risks row that does not hold together. Field is the
// column at fault ("factor", "distribution", "low", "mode" or "high"), so
// that a reader can name the cell. A value outside the factor's Range
// wraps ErrOutOfRange.
type RiskError struct {
	Field string
	Msg   string
	Err   error
}

func (e *RiskError) Error() string { return e.Msg }
func (e *RiskError) Unwrap() error { return e.Err }

// ErrOutOfRange is a Risks value outside its factor's Range.
var ErrOutOfRange = errors.New("out of range")

// Validate is the one check of a Risks row, used by the reader (with the
// cell) and by forecast.ResolveRisks (for a scenario built in code): a
// known factor and distribution; low <= mode <= high; each value within
// the factor's Range. It returns a *RiskError. The reader reports a value
// out of range with its plausibility bounds, which hold the same Range and
// quote the cell as typed.
func (r Risk) Validate() error {
	bad := func(field, format string, args ...any) error {
		return &RiskError{Field: field, Msg: fmt.Sprintf(format, args...)}
	}
	switch {
	case !r.Factor.Valid():
		return bad("factor", "unknown risk factor: found %s; expected one of %s", r.Factor, FactorNames(false))
	case !r.Distribution.Valid():
		return bad("distribution", "unknown distribution: found %s; expected %s", r.Distribution, DistributionNames())
	case r.Low.GreaterThan(r.Mode) || r.Mode.GreaterThan(r.High):
		return bad("mode", "low, mode and high out of order: found %s, %s, %s; expected low <= mode <= high", r.Low, r.Mode, r.High)
	}
	lo, hi := r.Factor.Range()
	for _, v := range []struct {
		field string
		v     decimal.Decimal
	}{{"low", r.Low}, {"mode", r.Mode}, {"high", r.High}} {
		if v.v.LessThan(lo) || v.v.GreaterThan(hi) {
			return &RiskError{Field: v.field, Err: ErrOutOfRange,
				Msg: fmt.Sprintf("%s out of range: found %s; expected from %s to %s", r.Factor, v.v, lo, hi)}
		}
	}
	return nil
}

// DefaultRisks are the distributions used when a scenario has no Risks
// sheet, one per factor in order (see factorTable).
func DefaultRisks() []Risk {
	rs := make([]Risk, NumFactors)
	for i, f := range Factors() {
		rs[i] = f.DefaultRisk()
	}
	return rs
}
