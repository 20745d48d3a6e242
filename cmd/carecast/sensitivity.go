package main

import (
	"fmt"
	"github.com/carecast/carecast"
	"github.com/carecast/carecast/forecast"
	"github.com/carecast/carecast/reports"
	"github.com/spf13/cobra"
	"strings"
)

type sensitivityOptions struct {
	Input string // .xlsx file or folder of CSVs; empty: the built-in scenario
	JSON  bool
}

// newSensitivityCmd builds the command; runF (nil: runSensitivity)
// receives the parsed options, so that tests can check the flags alone.
func newSensitivityCmd(io *streams, runF func(*sensitivityOptions, *streams) error) *cobra.Command {
	if runF == nil {
		runF = runSensitivity
	}
	opts := &sensitivityOptions{}
	cmd := &cobra.Command{
		Use:   "sensitivity [INPUT]",
		Short: "Sensitivity analysis: each risk factor at its low and high, with switching values",
		Long: `Vary one risk factor at a time, as HM Treasury's Green Book expects: each
factor at its low and at its high with every other at its mode, giving the
consortium's savings and NPV over the whole horizon by the exact engine,
sorted by swing (a tornado); and each factor's switching value, the value at
which savings over the horizon come to zero.

The factors (a Risks sheet, or risks.csv, gives each a distribution:
factor, distribution, low, mode, high), what each does, its default
without a Risks sheet (triangular low / mode / high; sources in
docs/methodology.md §14) and the range searched for its switching value
on each side of the mode:
` + factorsHelp() + `
With a Risks sheet, a factor it does not list is held at no change.

Where savings change sign the value is found to 6 decimal places
(whole months for ramp_delay: the least delay at which savings are no
longer positive); the nearer to the mode if both sides have one; else "not
within range". The occupancy switching value is the forecast's break-even
occupancy divided by its occupancy rate. A progress bar shows on stderr,
when it is a terminal, once the analysis has taken a second.

--json prints {"factors":[{"factor","low","high","savings_low",
"savings_high","npv_low","npv_high","switching_value"}]}, money as strings
with two decimals, switching_value a number or null.

` + exitHelp,
		Example: `  carecast sensitivity                       # the built-in scenario
  carecast sensitivity inputs.xlsx
  carecast sensitivity inputs.xlsx --json | jq '.factors[0]'`,
		Args: maxArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			if len(args) == 1 {
				opts.Input = args[0]
			}
			return runF(opts, io)
		},
	}
	cmd.Flags().BoolVar(&opts.JSON, "json", false, "print the machine-readable table")
	return cmd
}

func runSensitivity(opts *sensitivityOptions, io *streams) error {
	s, base, risks, err := loadForAppraisal(opts.Input, io)
	if err != nil {
		return err
	}
	sens, err := sensitivityWithBar(s, base, risks, io)
	if err != nil {
		return err
	}
	switch {
	case opts.JSON:
		return reports.WriteSensitivityJSON(io.Out, sens)
	case io.OutTTY:
		return reports.WriteSensitivity(io.Out, sens)
	default:
		return reports.WriteSensitivityTSV(io.Out, sens)
	}
}

// factorsHelp lists every factor of the factor table for the help text:
// its name, what it does, its default distribution and the range searched
// for its switching value.
func factorsHelp() string {
	var b strings.Builder
	for _, f := range carecast.Factors() {
		r := f.DefaultRisk()
		lo, hi := f.SearchRange(0)
		search := fmt.Sprintf("%s to %s", lo, hi)
		if f.Unit() == carecast.UnitMonths {
			search = "0 to the whole horizon"
		}
		lines := wrapWords(f.Description(), 58)
		lines = append(lines, fmt.Sprintf("default %s / %s / %s; searched %s", r.Low, r.Mode, r.High, search))
		for i, l := range lines {
			name := ""
			if i == 0 {
				name = f.String()
			}
			fmt.Fprintf(&b, "  %-16s%s\n", name, l)
		}
	}
	return strings.TrimSuffix(b.String(), "\n")
}

// wrapWords breaks s into lines of at most width characters, at spaces.
func wrapWords(s string, width int) []string {
	var lines []string
	line := ""
	for _, w := range strings.Fields(s) {
		if line != "" && len(line)+1+len(w) > width {
			lines = append(lines, line)
			line = ""
		}
		if line != "" {
			line += " "
		}
		line += w
	}
	return append(lines, line)
}

// sensitivityWithBar is forecast.Sensitivity with a progress bar on a
// terminal.
func sensitivityWithBar(s *carecast.Scenario, base *carecast.Result, risks []carecast.Risk, io *streams) (*carecast.Sensitivity, error) {
	bar := newProgressBar(io, "Sensitivity", "factors", len(forecast.FactorsFor(s)))
	sens, err := forecast.SensitivityProgress(s, base, risks, bar.update)
	bar.finish()
	return sens, err
}
