package carecast

import "github.com/shopspring/decimal"

// Appraisal under uncertainty (HM Treasury Green Book: sensitivity
// analysis, switching values and, for material risks, Monte Carlo): the
// risk factors a scenario can be varied by, their distributions, and the
// results of the sensitivity and simulation that package forecast computes
// and packages reports, workbook and charts render.

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

// Lean says which way a factor's range leans the savings against the
// central forecast: -1 when its worse end takes away more than its better
// end adds, 1 when its better end adds more than its worse end takes
// away, 0 when they are even. A paper says why the Monte Carlo median
// differs from the central forecast by it.
func (s *Sensitivity) Lean(f FactorSensitivity) int {
	worst, best := f.AtLow.Savings, f.AtHigh.Savings
	if worst.Cmp(best) > 0 {
		worst, best = best, worst
	}
	loss, gain := s.Central.Savings.Sub(worst), best.Sub(s.Central.Savings)
	return gain.Cmp(loss)
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
