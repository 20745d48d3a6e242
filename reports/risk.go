package reports

import (
	"encoding/json"
	"fmt"
	"io"

	"github.com/carecast/carecast"
	"github.com/shopspring/decimal"
)

// The outputs of 'carecast sensitivity' and 'carecast simulate': JSON,
// aligned tables for a terminal, and tab-separated text. Money in JSON is
// a string with two decimals, as in the summary of docs/methodology.md §13.

// SensitivityJSON is the machine-readable sensitivity analysis.
type SensitivityJSON struct {
	Factors []SensitivityFactorJSON `json:"factors"`
}

// SensitivityFactorJSON is one factor, in tornado order.
type SensitivityFactorJSON struct {
	Factor      string         `json:"factor"`
	Low         json.Number    `json:"low"`
	High        json.Number    `json:"high"`
	SavingsLow  carecast.Money `json:"savings_low"`
	SavingsHigh carecast.Money `json:"savings_high"`
	NPVLow      carecast.Money `json:"npv_low"`
	NPVHigh     carecast.Money `json:"npv_high"`
	// SwitchingValue is null when savings do not reach zero within the
	// range searched.
	SwitchingValue *json.Number `json:"switching_value"`
}

// NewSensitivityJSON builds the JSON of a sensitivity analysis.
func NewSensitivityJSON(s *carecast.Sensitivity) *SensitivityJSON {
	out := &SensitivityJSON{Factors: []SensitivityFactorJSON{}}
	for _, f := range s.Factors {
		j := SensitivityFactorJSON{
			Factor: f.Factor.String(), Low: number(f.Low), High: number(f.High),
			SavingsLow: f.AtLow.Savings, SavingsHigh: f.AtHigh.Savings,
			NPVLow: f.AtLow.NPV, NPVHigh: f.AtHigh.NPV,
		}
		if f.Switching.Found {
			n := number(f.Switching.Value)
			j.SwitchingValue = &n
		}
		out.Factors = append(out.Factors, j)
	}
	return out
}

// WriteSensitivityJSON writes the JSON of a sensitivity analysis, indented,
// with a final newline.
func WriteSensitivityJSON(w io.Writer, s *carecast.Sensitivity) error {
	return writeJSON(w, NewSensitivityJSON(s))
}

func writeJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	return enc.Encode(v)
}

func sensitivityTable(s *carecast.Sensitivity, format func(carecast.Money) string, value func(carecast.Factor, decimal.Decimal) string, switching func(carecast.FactorSensitivity) string) [][]string {
	rows := [][]string{{"Factor", "Low", "High", "Savings at low", "Savings at high", "Swing",
		"NPV at low", "NPV at high", "Switching value"}}
	for _, f := range s.Factors {
		rows = append(rows, []string{f.Factor.String(), value(f.Factor, f.Low), value(f.Factor, f.High),
			format(f.AtLow.Savings), format(f.AtHigh.Savings), format(f.Swing),
			format(f.AtLow.NPV), format(f.AtHigh.NPV), switching(f)})
	}
	return rows
}

// WriteSensitivity writes a sensitivity analysis for a terminal: the
// central case, the tornado table with switching values, and a note on
// how to read it.
func WriteSensitivity(w io.Writer, s *carecast.Sensitivity) error {
	ew := &errWriter{w: w}
	fmt.Fprintf(ew, "Sensitivity: %s\n", carecast.Printable(s.Scenario))
	fmt.Fprintf(ew, "Each factor at its low and its high, every other at its mode. Savings and NPV are\n")
	fmt.Fprintf(ew, "the consortium's over the whole horizon (%s). Amounts in £, negatives in brackets.\n\n", carecast.YearsText(s.Years))
	fmt.Fprintf(ew, "  Central case: savings %s, NPV %s\n\n", s.Central.Savings.Format(), s.Central.NPV.Format())
	writeAligned(ew, sensitivityTable(s, carecast.Money.FormatAmount, carecast.Factor.FormatValue, carecast.FactorSensitivity.SwitchingText))
	fmt.Fprintln(ew)
	fmt.Fprintln(ew, "Factors are in order of swing (a tornado). The switching value is the value of the factor,")
	fmt.Fprintln(ew, "every other at its mode, at which savings over the horizon come to zero (HM Treasury Green")
	fmt.Fprintln(ew, "Book); 'not within range' means they do not within the range searched (see --help).")
	return ew.err
}

// WriteSensitivityTSV writes the same table as tab-separated text: values
// as plain numbers, money in pounds and pence; an empty switching value
// means not within range.
func WriteSensitivityTSV(w io.Writer, s *carecast.Sensitivity) error {
	ew := &errWriter{w: w}
	plain := func(m carecast.Money) string { return m.String() }
	fmt.Fprintln(ew, "# sensitivity")
	fmt.Fprintf(ew, "scenario\t%s\n", tsvField(s.Scenario))
	fmt.Fprintf(ew, "central_savings\t%s\ncentral_npv\t%s\n\n", s.Central.Savings, s.Central.NPV)
	fmt.Fprintln(ew, "# factors")
	rows := [][]string{{"factor", "low", "high", "savings_low", "savings_high", "swing", "npv_low", "npv_high", "switching_value"}}
	rows = append(rows, sensitivityTable(s, plain,
		func(_ carecast.Factor, v decimal.Decimal) string { return v.String() },
		func(f carecast.FactorSensitivity) string {
			if !f.Switching.Found {
				return ""
			}
			return f.Switching.Value.String()
		})[1:]...)
	writeTSV(ew, rows)
	return ew.err
}

// SimulationJSON is the machine-readable Monte Carlo appraisal.
type SimulationJSON struct {
	Runs              int                     `json:"runs"`
	Seed              uint64                  `json:"seed"`
	Savings           PercentilesJSON         `json:"savings"`
	NPV               PercentilesJSON         `json:"npv"`
	ProbabilityOfLoss json.Number             `json:"probability_of_loss"`
	Councils          []SimulationCouncilJSON `json:"councils"`
}

// PercentilesJSON are P10, P50, P90 (Excel's PERCENTILE.INC) and the mean.
type PercentilesJSON struct {
	P10  carecast.Money `json:"p10"`
	P50  carecast.Money `json:"p50"`
	P90  carecast.Money `json:"p90"`
	Mean carecast.Money `json:"mean"`
}

// SimulationCouncilJSON is one council's spread of outcomes.
type SimulationCouncilJSON struct {
	Code    string          `json:"code"`
	Savings PercentilesJSON `json:"savings"`
	NPV     PercentilesJSON `json:"npv"`
}

func percentilesJSON(p carecast.Percentiles) PercentilesJSON {
	return PercentilesJSON{P10: p.P10, P50: p.P50, P90: p.P90, Mean: p.Mean}
}

// NewSimulationJSON builds the JSON of a simulation.
func NewSimulationJSON(s *carecast.Simulation) *SimulationJSON {
	out := &SimulationJSON{
		Runs: s.Runs, Seed: s.Seed, Savings: percentilesJSON(s.Savings), NPV: percentilesJSON(s.NPV),
		ProbabilityOfLoss: number(s.ProbabilityOfLoss()), Councils: []SimulationCouncilJSON{},
	}
	for _, c := range s.Councils {
		out.Councils = append(out.Councils, SimulationCouncilJSON{Code: c.Council.Code,
			Savings: percentilesJSON(c.Savings), NPV: percentilesJSON(c.NPV)})
	}
	return out
}

// WriteSimulationJSON writes the JSON of a simulation, indented, with a
// final newline.
func WriteSimulationJSON(w io.Writer, s *carecast.Simulation) error {
	return writeJSON(w, NewSimulationJSON(s))
}

// fanByYear picks the fan's points at the end of each financial year (and
// the last month, if the horizon ends mid-year).
func fanByYear(s *carecast.Simulation) []carecast.FanPoint {
	var out []carecast.FanPoint
	for i, p := range s.Fan {
		if p.End.Month == 3 && p.End.Day == 31 || i == len(s.Fan)-1 {
			out = append(out, p)
		}
	}
	return out
}

func simulationTables(s *carecast.Simulation, format func(carecast.Money) string, rate func(decimal.Decimal) string) (headline, councils, fan, risks [][]string) {
	headline = [][]string{{"", "P10", "P50", "P90", "Mean", "Forecast"},
		{carecast.LabelSavings, format(s.Savings.P10), format(s.Savings.P50), format(s.Savings.P90), format(s.Savings.Mean), format(s.Forecast.Savings)},
		{carecast.LabelNPV, format(s.NPV.P10), format(s.NPV.P50), format(s.NPV.P90), format(s.NPV.Mean), format(s.Forecast.NPV)},
	}
	councils = [][]string{{carecast.LabelCouncil, carecast.LabelSavingsP10, "P50", "P90", "Mean", carecast.LabelNPVP10, "P50", "P90", "Mean", "P(loss)"}}
	for _, c := range s.Councils {
		councils = append(councils, []string{c.Council.Label(),
			format(c.Savings.P10), format(c.Savings.P50), format(c.Savings.P90), format(c.Savings.Mean),
			format(c.NPV.P10), format(c.NPV.P50), format(c.NPV.P90), format(c.NPV.Mean),
			rate(c.ProbabilityOfLoss(s.Runs))})
	}
	fan = [][]string{{"To", "P10", "P25", "P50", "P75", "P90", "Forecast"}}
	for _, p := range fanByYear(s) {
		fan = append(fan, []string{p.End.String(), format(p.P10), format(p.P25), format(p.P50), format(p.P75), format(p.P90), format(p.Forecast)})
	}
	risks = [][]string{{"Factor", "Distribution", "Low", "Mode", "High"}}
	for _, r := range s.Risks {
		f := r.Factor
		risks = append(risks, []string{f.String(), r.Distribution.String(),
			f.FormatValue(r.Low), f.FormatValue(r.Mode), f.FormatValue(r.High)})
	}
	return headline, councils, fan, risks
}

// WriteSimulation writes a simulation for a terminal: the spread of the
// consortium's savings and NPV, the probability of a loss, each council's
// spread, the fan of cumulative savings at each financial year end, and
// the distributions drawn from.
func WriteSimulation(w io.Writer, s *carecast.Simulation) error {
	ew := &errWriter{w: w}
	fmt.Fprintf(ew, "Monte Carlo simulation: %s\n", carecast.Printable(s.Scenario))
	fmt.Fprintf(ew, "%s runs, seed %d: every factor drawn from its distribution, the model rerun for each.\n",
		carecast.GroupThousands(fmt.Sprint(s.Runs)), s.Seed)
	fmt.Fprintf(ew, "Over the whole horizon (%s). Amounts in £, negatives in brackets; percentiles as\n", carecast.YearsText(s.Years))
	fmt.Fprintf(ew, "Excel's PERCENTILE.INC. Forecast: the deterministic forecast of the scenario as given.\n\n")
	headline, councils, fan, risks := simulationTables(s, carecast.Money.FormatAmount, pct)
	writeAligned(ew, headline)
	fmt.Fprintf(ew, "\n  Probability that savings are negative: %s\n", pct(s.ProbabilityOfLoss()))
	fmt.Fprintln(ew, "\nBy council")
	writeAligned(ew, councils)
	fmt.Fprintln(ew, "\nCumulative savings (fan)")
	writeAligned(ew, fan)
	fmt.Fprintln(ew, "\nDistributions")
	writeAligned(ew, risks)
	return ew.err
}

// WriteSimulationTSV writes the simulation as tab-separated text, the fan
// month by month.
func WriteSimulationTSV(w io.Writer, s *carecast.Simulation) error {
	ew := &errWriter{w: w}
	plain := func(m carecast.Money) string { return m.String() }
	fmt.Fprintln(ew, "# simulation")
	fmt.Fprintf(ew, "scenario\t%s\nruns\t%d\nseed\t%d\nprobability_of_loss\t%s\n\n", tsvField(s.Scenario), s.Runs, s.Seed, s.ProbabilityOfLoss())
	headline, councils, _, _ := simulationTables(s, plain, func(d decimal.Decimal) string { return d.String() })
	fmt.Fprintln(ew, "# consortium")
	headline[0][0] = "figure"
	writeTSV(ew, headline)
	fmt.Fprintln(ew, "\n# councils")
	for i, c := range s.Councils {
		councils[i+1][0] = c.Council.Code
	}
	councils[0] = []string{"council", "savings_p10", "savings_p50", "savings_p90", "savings_mean",
		"npv_p10", "npv_p50", "npv_p90", "npv_mean", "probability_of_loss"}
	writeTSV(ew, councils)
	fmt.Fprintln(ew, "\n# fan")
	fan := [][]string{{"month_end", "p10", "p25", "p50", "p75", "p90", "forecast"}}
	for _, p := range s.Fan {
		fan = append(fan, []string{p.End.String(), plain(p.P10), plain(p.P25), plain(p.P50), plain(p.P75), plain(p.P90), plain(p.Forecast)})
	}
	writeTSV(ew, fan)
	fmt.Fprintln(ew, "\n# risks")
	risks := [][]string{{"factor", "distribution", "low", "mode", "high"}}
	for _, r := range s.Risks {
		risks = append(risks, []string{r.Factor.String(), r.Distribution.String(), r.Low.String(), r.Mode.String(), r.High.String()})
	}
	writeTSV(ew, risks)
	return ew.err
}
