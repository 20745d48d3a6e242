package main

import (
	"github.com/carecast/carecast"
	"github.com/carecast/carecast/forecast"
	"github.com/carecast/carecast/reports"
	"github.com/spf13/cobra"
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
factor, distribution, low, mode, high):
  occupancy       multiplies every council's occupancy, capped at the rooms
  spot_price      multiplies every spot weekly cost
  spot_inflation  points added to every spot annual_inflation (0.01 = 1%)
  block_price     multiplies block_weekly_price
  block_uplift    points added to block_uplift
  ramp_delay      whole months by which every increase in rooms after the
                  first Rooms row comes late (decreases are not delayed)
  grants          multiplies every grant

Without a Risks sheet, the defaults (triangular low / mode / high):
  occupancy 0.8 / 1 / 1.05 (providers report 80-85% occupancy, ICHA 2020);
  spot_price 0.9 / 1 / 1.15 and spot_inflation -0.02 / 0 / +0.03 (prices
  rose about 6% a year to 2019, and 25-30% in three years after 2021);
  block_price 0.95 / 1 / 1.10 and block_uplift -0.01 / 0 / +0.02 (Green
  Book optimism bias: costs come out higher); ramp_delay 0 / 0 / 6 months;
  grants 0.8 / 1 / 1 (part of a grant may depend on an evaluation).
With a Risks sheet, a factor it does not list is held at no change.

A switching value is searched for on each side of the mode, within 0 to 5
times the scenario's occupancy and prices, -50 to +50 points of inflation
and uplift, 0 to the whole horizon for ramp_delay, and 0 to 100 times the
grants. Where savings change sign the value is found to 6 decimal places
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
	s, err := loadScenario(opts.Input, io)
	if err != nil {
		return err
	}
	risks, err := forecast.ResolveRisks(s)
	if err != nil {
		return inputError{err}
	}
	base, err := forecast.Run(s)
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

// sensitivityWithBar is forecast.Sensitivity with a progress bar on a
// terminal.
func sensitivityWithBar(s *carecast.Scenario, base *carecast.Result, risks []carecast.Risk, io *streams) (*carecast.Sensitivity, error) {
	bar := newProgressBar(io, "Sensitivity", "factors", int(carecast.NumFactors))
	sens, err := forecast.SensitivityProgress(s, base, risks, bar.update)
	bar.finish()
	return sens, err
}
