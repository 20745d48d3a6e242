package reports

import (
	"encoding/json"
	"fmt"
	"io"
	"strings"

	"github.com/carecast/carecast"
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

// Comparison is the options appraisal as a table: a row a figure, a column
// for business as usual and then one a case. Business as usual
// spot-purchases every placement: its savings are zero by definition and
// its cost is the spot purchasing the first case's placements would need.
// Cash figures come first; the NPV after optimism bias, the rates, each
// council's savings and NPV (blank where it is not a member), the wider
// benefits' present values (never added to the savings) and the spread
// under uncertainty follow, apart. Rows are named for a program by their
// label cells' keys.
func Comparison(cases []carecast.Case, opt Options) *Table {
	t := &Table{Title: "Options appraisal", Columns: []Column{label(""), opt.money(carecast.BusinessAsUsual)}}
	for _, c := range cases {
		t.Columns = append(t.Columns, opt.money(c.Option))
	}
	places := opt.Money.Places()
	row := func(key, name string, bau Cell, f func(c carecast.Case) Cell) {
		r := Row{Cell{Unit: UnitText, Text: name, Key: key}, bau}
		for _, c := range cases {
			r = append(r, f(c))
		}
		t.Rows = append(t.Rows, r)
	}
	money := func(key, name string, bau carecast.Money, f func(r *carecast.Result) carecast.Money) {
		row(key, name, MoneyCell(bau, places), func(c carecast.Case) Cell { return MoneyCell(f(c.Result), places) })
	}
	var zero carecast.Money
	bauCost := cases[0].Result.Total.SpotAvoided
	money("pledges", carecast.LabelPledges, zero, func(r *carecast.Result) carecast.Money { return r.Total.Pledges })
	money("grants", carecast.LabelGrants, zero, func(r *carecast.Result) carecast.Money { return r.Total.Grants })
	money("other_costs", carecast.LabelRunningCosts, zero, func(r *carecast.Result) carecast.Money { return r.Total.OtherCosts })
	money("block_cost", carecast.LabelBlockCost, zero, func(r *carecast.Result) carecast.Money { return r.Total.BlockCost })
	money("void_cost", carecast.LabelVoidCost, zero, func(r *carecast.Result) carecast.Money { return r.Total.VoidCost })
	money("cost", carecast.LabelCost, bauCost, func(r *carecast.Result) carecast.Money { return r.Total.AttributedCost })
	money("spot_avoided", carecast.LabelSpotAvoided, zero, func(r *carecast.Result) carecast.Money { return r.Total.SpotAvoided })
	money("savings", carecast.LabelSavings, zero, func(r *carecast.Result) carecast.Money { return r.Total.Savings })
	money("npv", carecast.LabelNPV, zero, func(r *carecast.Result) carecast.Money { return r.NPV })
	money("npv_after_optimism_bias", carecast.LabelNPVAfterOptimismBias, zero, func(r *carecast.Result) carecast.Money { return r.NPVAfterOptimismBias })
	row("optimism_bias", carecast.LabelOptimismBias, Text(""), func(c carecast.Case) Cell { return RateCell(c.Scenario.Assumptions.OptimismBias, carecast.RatePlaces) })
	row("occupancy_rate", carecast.LabelOccupancy, Text(""), func(c carecast.Case) Cell { return RateCell(c.Result.Total.OccupancyRate(), carecast.RatePlaces) })
	row("break_even_occupancy", carecast.LabelBreakEven, Text(""), func(c carecast.Case) Cell {
		if !c.Result.BreakEvenDefined {
			return Text("")
		}
		return RateCell(c.Result.BreakEvenOccupancy, carecast.RatePlaces)
	})
	for _, council := range carecast.CaseCouncils(cases) {
		for _, fig := range []string{strings.ToLower(carecast.LabelSavings), carecast.LabelNPV} {
			row(council.Code+":"+strings.ToLower(fig), council.Label()+": "+fig, MoneyCell(zero, places), func(c carecast.Case) Cell {
				cr := c.Result.CouncilResult(council.Code)
				switch {
				case cr == nil:
					return Text("") // not a member under this case
				case fig == carecast.LabelNPV:
					return MoneyCell(cr.NPV, places)
				}
				return MoneyCell(cr.Total.Savings, places)
			})
		}
	}
	for _, m := range carecast.CaseMeasures(cases) {
		row("wider:"+m, "Wider benefit (present value, not cash): "+m, MoneyCell(zero, places), func(c carecast.Case) Cell {
			for _, w := range c.Result.Wider {
				if w.Benefit.Measure == m {
					return MoneyCell(w.PresentValue, places)
				}
			}
			return Text("")
		})
	}
	if cases[0].Simulation != nil {
		spread := func(key, name string, f func(s *carecast.Simulation) carecast.Money) {
			row(key, name, Text(""), func(c carecast.Case) Cell { return MoneyCell(f(c.Simulation), places) })
		}
		spread("p10", carecast.LabelSavingsP10, func(s *carecast.Simulation) carecast.Money { return s.Savings.P10 })
		spread("p50", carecast.LabelSavingsP50, func(s *carecast.Simulation) carecast.Money { return s.Savings.P50 })
		spread("p90", carecast.LabelSavingsP90, func(s *carecast.Simulation) carecast.Money { return s.Savings.P90 })
		row("probability_of_loss", carecast.LabelChanceOfLoss, Text(""), func(c carecast.Case) Cell { return RateCell(c.Simulation.ProbabilityOfLoss(), carecast.RatePlaces) })
	}
	return t
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
	writeText(ew, Comparison(cases, Options{}), false)
	return ew.err
}

// WriteComparisonTSV writes the options appraisal as tab-separated text:
// plain numbers, one column per case.
func WriteComparisonTSV(w io.Writer, cases []carecast.Case) error {
	ew := &errWriter{w: w}
	fmt.Fprintln(ew, "# options")
	writeTableTSV(ew, Comparison(cases, Options{}))
	return ew.err
}
