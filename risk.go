package carecast

import (
	"fmt"
	"strings"

	"github.com/shopspring/decimal"
)

// Appraisal under uncertainty (HM Treasury Green Book: sensitivity
// analysis, switching values and, for material risks, Monte Carlo): the
// risk factors a scenario can be varied by, their distributions, and the
// results of the sensitivity and simulation that package forecast computes
// and packages reports, workbook and charts render.

// Factor is a risk factor: a way of varying a whole scenario at once.
type Factor int

// The risk factors, in the order reports list them.
const (
	// FactorOccupancy multiplies every council's occupancy, capped at the
	// rooms available: with Occupancy rows, each O_c is scaled and, on any
	// stretch of days where the total would exceed the rooms, the total is
	// scaled down to the rooms; without them, occupancy_rate is scaled and
	// capped at 1.
	FactorOccupancy Factor = iota
	// FactorSpotPrice multiplies every spot weekly cost.
	FactorSpotPrice
	// FactorSpotInflation adds points to every spot annual_inflation
	// (0.01 is one percentage point).
	FactorSpotInflation
	// FactorBlockPrice multiplies block_weekly_price.
	FactorBlockPrice
	// FactorBlockUplift adds points to block_uplift.
	FactorBlockUplift
	// FactorRampDelay delays every increase in the rooms after the first
	// Rooms row by whole months; decreases are not delayed.
	FactorRampDelay
	// FactorGrants multiplies every grant.
	FactorGrants

	// NumFactors is the number of risk factors.
	NumFactors
)

var factorNames = [NumFactors]string{"occupancy", "spot_price", "spot_inflation", "block_price", "block_uplift", "ramp_delay", "grants"}

// Factors returns every risk factor in order.
func Factors() []Factor {
	fs := make([]Factor, NumFactors)
	for i := range fs {
		fs[i] = Factor(i)
	}
	return fs
}

// String is the factor's name in a Risks sheet, "spot_price".
func (f Factor) String() string {
	if f < 0 || f >= NumFactors {
		return fmt.Sprintf("Factor(%d)", int(f))
	}
	return factorNames[f]
}

// ParseFactor reads a factor's name, ignoring case, spaces, hyphens and
// underscores as the Risks sheet's other keys are read (docs/methodology.md §2):
// "Spot price" is spot_price.
func ParseFactor(s string) (Factor, bool) {
	k := normKey(s)
	for f, n := range factorNames {
		if normKey(n) == k {
			return Factor(f), true
		}
	}
	return 0, false
}

// Additive reports whether the factor is added (points, months) rather
// than multiplied.
func (f Factor) Additive() bool {
	return f == FactorSpotInflation || f == FactorBlockUplift || f == FactorRampDelay
}

// Neutral is the value that leaves a scenario as it is: 1 for a factor
// that multiplies, 0 for one that adds.
func (f Factor) Neutral() decimal.Decimal {
	if f.Additive() {
		return decimal.Zero
	}
	return decimal.NewFromInt(1)
}

// Unit says how a value of the factor reads: "x" (a multiple), "points"
// (added to an annual rate, 0.01 a percentage point) or "months".
func (f Factor) Unit() string {
	switch f {
	case FactorSpotInflation, FactorBlockUplift:
		return "points"
	case FactorRampDelay:
		return "months"
	}
	return "x"
}

// Description is a line for help texts and sheet notes.
func (f Factor) Description() string {
	switch f {
	case FactorOccupancy:
		return "multiplies every council's occupancy, capped at the rooms available"
	case FactorSpotPrice:
		return "multiplies every spot weekly cost"
	case FactorSpotInflation:
		return "added to every spot annual_inflation (0.01 = one percentage point)"
	case FactorBlockPrice:
		return "multiplies block_weekly_price"
	case FactorBlockUplift:
		return "added to block_uplift (0.01 = one percentage point)"
	case FactorRampDelay:
		return "whole months by which every increase in rooms after the first Rooms row is delayed"
	case FactorGrants:
		return "multiplies every grant"
	}
	return ""
}

// Distributions of a Risks row.
const (
	// Triangular: low, mode (the most likely value) and high.
	Triangular = "triangular"
	// Uniform: any value from low to high equally likely; mode is the
	// central value of a sensitivity analysis.
	Uniform = "uniform"
	// Normal: mode is the mean, low and high the 5th and 95th percentiles,
	// so sigma = (high - low) / (2 x 1.6448536...).
	Normal = "normal"
)

// ParseDistribution reads a distribution's name, ignoring case and spaces.
func ParseDistribution(s string) (string, bool) {
	switch normKey(s) {
	case Triangular:
		return Triangular, true
	case Uniform:
		return Uniform, true
	case Normal:
		return Normal, true
	}
	return "", false
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

// Validate checks a Risks row: a known factor and distribution, low <=
// mode <= high, and no negative ramp delay.
func (r Risk) Validate() error {
	f, ok := ParseFactor(r.Factor)
	if !ok {
		return fmt.Errorf("unknown risk factor %q (one of %s)", r.Factor, strings.Join(factorNames[:], ", "))
	}
	if _, ok := ParseDistribution(r.Distribution); !ok {
		return fmt.Errorf("unknown distribution %q (triangular, uniform or normal)", r.Distribution)
	}
	if r.Low.GreaterThan(r.Mode) || r.Mode.GreaterThan(r.High) {
		return fmt.Errorf("%s: low %s, mode %s, high %s: need low <= mode <= high", f, r.Low, r.Mode, r.High)
	}
	if f == FactorRampDelay && r.Low.Sign() < 0 {
		return fmt.Errorf("ramp_delay: low %s: a delay cannot be negative", r.Low)
	}
	return nil
}

// DefaultRisks are the distributions used when a scenario has no Risks
// sheet: what a finance officer would find a reasonable spread, each
// triangular around no change. Sources (docs/methodology.md §8 and §14):
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
func DefaultRisks() []Risk {
	d := decimal.RequireFromString
	row := func(f Factor, lo, mode, hi string) Risk {
		return Risk{Factor: f.String(), Distribution: Triangular, Low: d(lo), Mode: d(mode), High: d(hi)}
	}
	return []Risk{
		row(FactorOccupancy, "0.8", "1", "1.05"),
		row(FactorSpotPrice, "0.9", "1", "1.15"),
		row(FactorSpotInflation, "-0.02", "0", "0.03"),
		row(FactorBlockPrice, "0.95", "1", "1.10"),
		row(FactorBlockUplift, "-0.01", "0", "0.02"),
		row(FactorRampDelay, "0", "0", "6"),
		row(FactorGrants, "0.8", "1", "1"),
	}
}

// Outcome is what a forecast comes to over the whole horizon: the
// consortium's savings and their net present value (docs/methodology.md §7).
type Outcome struct {
	Savings Money
	NPV     Money
}

// Sensitivity is a one-at-a-time sensitivity analysis: each factor at its
// low and its high with every other at its mode, by the exact engine.
type Sensitivity struct {
	Scenario string // its name
	Years    int    // the horizon
	// Risks are the distributions used, one per factor in Factor order.
	Risks []Risk
	// Central is the forecast with every factor at its mode.
	Central Outcome
	// Factors are sorted by swing, largest first (a tornado); ties keep
	// Factor order.
	Factors []FactorSensitivity
}

// FactorSensitivity is one factor's line of a sensitivity analysis.
type FactorSensitivity struct {
	Factor        Factor
	Risk          Risk            // its distribution
	Low, High     decimal.Decimal // the values tried (Risk.Low, Risk.High)
	AtLow, AtHigh Outcome
	Swing         Money // |AtHigh.Savings - AtLow.Savings|
	Switching     SwitchingValue
}

// SwitchingValue is the value of a factor, others at their modes, at which
// the consortium's savings over the horizon come to zero. Found is false
// when they do not within the range searched ("not within range").
type SwitchingValue struct {
	Found bool
	Value decimal.Decimal
	// SearchLow and SearchHigh are the range searched.
	SearchLow, SearchHigh decimal.Decimal
}

// Percentiles summarise a simulated amount: P10, P50 and P90 as Excel's
// PERCENTILE.INC computes them (linear interpolation at rank p x (n-1)),
// and the mean.
type Percentiles struct {
	P10, P50, P90, Mean Money
}

// FanPoint is the spread of the consortium's cumulative savings at the end
// of one month across the runs of a simulation.
type FanPoint struct {
	Month                   int  // period index
	End                     Date // last day of the month
	P10, P25, P50, P75, P90 Money
	Forecast                Money // the deterministic forecast's cumulative savings
}

// Histogram counts the runs of a simulation by the consortium's savings
// over the horizon: Counts[i] runs in [Edges[i], Edges[i+1]), the last bin
// closed. Bins are of equal, round width.
type Histogram struct {
	Edges  []Money // len(Counts)+1
	Counts []int
}

// CouncilSimulation is one council's spread of outcomes.
type CouncilSimulation struct {
	Council Council
	Index   int // position in the Councils sheet
	Savings Percentiles
	NPV     Percentiles
	Losses  int // runs in which its savings were negative
}

// ProbabilityOfLoss is the share of runs in which the council's savings
// were negative, to six places.
func (c CouncilSimulation) ProbabilityOfLoss(runs int) decimal.Decimal {
	return probability(c.Losses, runs)
}

// Simulation is a Monte Carlo appraisal: the scenario rerun for draws of
// every factor from its distribution.
type Simulation struct {
	Scenario string // its name
	Years    int    // the horizon
	Runs     int
	Seed     uint64
	// Risks are the distributions drawn from, one per factor in Factor order.
	Risks []Risk
	// Forecast is the deterministic forecast of the scenario as given.
	Forecast Outcome

	Savings  Percentiles // the consortium's savings over the horizon
	NPV      Percentiles
	Losses   int // runs in which the consortium's savings were negative
	Councils []CouncilSimulation

	// Fan is the cumulative consortium savings by month, P10 to P90.
	Fan []FanPoint
	// Histogram is of the consortium's savings over the horizon.
	Histogram Histogram
}

// ProbabilityOfLoss is the share of runs in which the consortium's savings
// over the horizon were negative, to six places.
func (s *Simulation) ProbabilityOfLoss() decimal.Decimal { return probability(s.Losses, s.Runs) }

func probability(k, n int) decimal.Decimal {
	if n <= 0 {
		return decimal.Zero
	}
	return DivRound(decimal.NewFromInt(int64(k)), decimal.NewFromInt(int64(n)), 6)
}
