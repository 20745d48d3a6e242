package reports

import (
	"encoding/json"
	"fmt"
	"io"

	"github.com/carecast/carecast"
	"github.com/shopspring/decimal"
)

// The options appraisal of 'carecast compare' (docs/methodology.md §9): one
// column per case, business as usual first.

// ComparisonJSON is the machine-readable options appraisal.
type ComparisonJSON struct {
	Options []ComparisonOptionJSON `json:"options"`
}

// ComparisonOptionJSON is one case: its totals as the forecast's summary
// has them and each council's savings and NPV; Risk only under
// uncertainty.
type ComparisonOptionJSON struct {
	Option      string                  `json:"option"`
	Description string                  `json:"description"`
	Input       string                  `json:"input"`
	Totals      SummaryTotals           `json:"totals"`
	Councils    []ComparisonCouncilJSON `json:"councils"`
	Risk        *ComparisonRiskJSON     `json:"risk,omitempty"`
}

// ComparisonCouncilJSON is one council's savings and NPV under a case.
type ComparisonCouncilJSON struct {
	Code    string         `json:"code"`
	Name    string         `json:"name"`
	Savings carecast.Money `json:"savings"`
	NPV     carecast.Money `json:"npv"`
}

// ComparisonRiskJSON is a case's spread of savings over the horizon, drawn
// with the same random numbers for every case.
type ComparisonRiskJSON struct {
	Runs              int            `json:"runs"`
	Seed              uint64         `json:"seed"`
	P10               carecast.Money `json:"p10"`
	P50               carecast.Money `json:"p50"`
	P90               carecast.Money `json:"p90"`
	Mean              carecast.Money `json:"mean"`
	ProbabilityOfLoss json.Number    `json:"probability_of_loss"`
}

// NewComparisonJSON builds the JSON of an options appraisal.
func NewComparisonJSON(cases []carecast.Case) *ComparisonJSON {
	out := &ComparisonJSON{Options: []ComparisonOptionJSON{}}
	for _, c := range cases {
		o := ComparisonOptionJSON{Option: c.Option, Description: c.Description, Input: c.Input,
			Totals: NewSummaryTotals(c.Result), Councils: []ComparisonCouncilJSON{}}
		for _, cr := range c.Result.Councils {
			o.Councils = append(o.Councils, ComparisonCouncilJSON{Code: cr.Council.Code, Name: cr.Council.Name, Savings: cr.Total.Savings, NPV: cr.NPV})
		}
		if s := c.Simulation; s != nil {
			o.Risk = &ComparisonRiskJSON{Runs: s.Runs, Seed: s.Seed, P10: s.Savings.P10, P50: s.Savings.P50, P90: s.Savings.P90,
				Mean: s.Savings.Mean, ProbabilityOfLoss: number(s.ProbabilityOfLoss())}
		}
		out.Options = append(out.Options, o)
	}
	return out
}

// WriteComparisonJSON writes the JSON of an options appraisal, indented,
// with a final newline.
func WriteComparisonJSON(w io.Writer, cases []carecast.Case) error {
	return writeJSON(w, NewComparisonJSON(cases))
}

// comparisonTable is the options appraisal as rows: a label, business as
// usual, then one column per case. Business as usual spot-purchases every
// placement: its savings are zero by definition and its cost is the spot
// purchasing the first case's placements would need. Cash figures come
// first; the NPV after optimism bias, the wider benefits (never added to
// the savings) and the spread under uncertainty follow, apart.
func comparisonTable(cases []carecast.Case, format func(carecast.Money) string, rate func(decimal.Decimal) string) [][]string {
	var zero carecast.Money
	head := []string{"", carecast.BusinessAsUsual}
	for _, c := range cases {
		head = append(head, c.Option)
	}
	rows := [][]string{head}
	row := func(label, bau string, f func(c carecast.Case) string) {
		r := []string{label, bau}
		for _, c := range cases {
			r = append(r, f(c))
		}
		rows = append(rows, r)
	}
	money := func(label string, bau carecast.Money, f func(r *carecast.Result) carecast.Money) {
		row(label, format(bau), func(c carecast.Case) string { return format(f(c.Result)) })
	}
	bauCost := cases[0].Result.Total.SpotAvoided
	money("Pledges", zero, func(r *carecast.Result) carecast.Money { return r.Total.Pledges })
	money("Grants", zero, func(r *carecast.Result) carecast.Money { return r.Total.Grants })
	money("Running costs", zero, func(r *carecast.Result) carecast.Money { return r.Total.OtherCosts })
	money("Block cost", zero, func(r *carecast.Result) carecast.Money { return r.Total.BlockCost })
	money("Void cost (empty rooms)", zero, func(r *carecast.Result) carecast.Money { return r.Total.VoidCost })
	money("Cost", bauCost, func(r *carecast.Result) carecast.Money { return r.Total.AttributedCost })
	money("Spot purchasing avoided", zero, func(r *carecast.Result) carecast.Money { return r.Total.SpotAvoided })
	money("Savings", zero, func(r *carecast.Result) carecast.Money { return r.Total.Savings })
	money("NPV", zero, func(r *carecast.Result) carecast.Money { return r.NPV })
	money("NPV after optimism bias", zero, func(r *carecast.Result) carecast.Money { return r.NPVAfterOptimismBias })
	row("Optimism bias", "", func(c carecast.Case) string { return rate(c.Scenario.Assumptions.OptimismBias) })
	row("Occupancy", "", func(c carecast.Case) string { return rate(c.Result.Total.OccupancyRate()) })
	row("Break-even occupancy", "", func(c carecast.Case) string {
		if !c.Result.BreakEvenDefined {
			return ""
		}
		return rate(c.Result.BreakEvenOccupancy)
	})
	for _, council := range carecast.CaseCouncils(cases) {
		for _, fig := range []string{"savings", "NPV"} {
			row(council.Label()+": "+fig, format(zero), func(c carecast.Case) string {
				for _, cr := range c.Result.Councils {
					if cr.Council.Code == council.Code {
						if fig == "NPV" {
							return format(cr.NPV)
						}
						return format(cr.Total.Savings)
					}
				}
				return "" // not a member under this case
			})
		}
	}
	for _, m := range carecast.CaseMeasures(cases) {
		row("Wider benefit (present value, not cash): "+m, format(zero), func(c carecast.Case) string {
			for _, w := range c.Result.Wider {
				if w.Benefit.Measure == m {
					return format(w.PresentValue)
				}
			}
			return ""
		})
	}
	if cases[0].Simulation != nil {
		pct := func(label string, f func(s *carecast.Simulation) carecast.Money) {
			row(label, "", func(c carecast.Case) string { return format(f(c.Simulation)) })
		}
		pct("Savings P10", func(s *carecast.Simulation) carecast.Money { return s.Savings.P10 })
		pct("Savings P50", func(s *carecast.Simulation) carecast.Money { return s.Savings.P50 })
		pct("Savings P90", func(s *carecast.Simulation) carecast.Money { return s.Savings.P90 })
		row("Chance of a loss", "", func(c carecast.Case) string { return rate(c.Simulation.ProbabilityOfLoss()) })
	}
	return rows
}

// WriteComparison writes the options appraisal for a terminal: an aligned
// table, one column per case, business as usual first.
func WriteComparison(w io.Writer, cases []carecast.Case) error {
	ew := &errWriter{w: w}
	fmt.Fprintf(ew, "Options appraisal: %d options against business as usual (every placement spot-purchased).\n", len(cases))
	fmt.Fprintf(ew, "Over each option's horizon. Amounts in £, negatives in brackets. Business as usual costs the\n")
	fmt.Fprintf(ew, "spot purchasing of the first option's placements; each option's savings are against it.\n")
	if cases[0].Simulation != nil {
		s := cases[0].Simulation
		fmt.Fprintf(ew, "Uncertainty: %s runs, seed %d, the same draws for every option.\n", carecast.GroupThousands(fmt.Sprint(s.Runs)), s.Seed)
	}
	fmt.Fprintln(ew)
	writeAligned(ew, comparisonTable(cases, carecast.Money.FormatAmount, percent))
	return ew.err
}

// WriteComparisonTSV writes the options appraisal as tab-separated text:
// plain numbers, one column per case.
func WriteComparisonTSV(w io.Writer, cases []carecast.Case) error {
	ew := &errWriter{w: w}
	fmt.Fprintln(ew, "# options")
	writeTSV(ew, comparisonTable(cases, func(m carecast.Money) string { return m.String() },
		func(d decimal.Decimal) string { return d.Round(6).String() }))
	return ew.err
}
