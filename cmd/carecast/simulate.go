package main

import (
	"fmt"

	"github.com/carecast/carecast/reports"
	"github.com/spf13/cobra"
)

type simulateOptions struct {
	Input string // .xlsx file or folder of CSVs; empty: the built-in scenario
	JSON  bool
	Runs  int
	Seed  uint64
}

// newSimulateCmd builds the command; runF (nil: runSimulate) receives the
// parsed options, so that tests can check the flags alone.
func newSimulateCmd(io *streams, runF func(*simulateOptions, *streams) error) *cobra.Command {
	if runF == nil {
		runF = runSimulate
	}
	opts := &simulateOptions{}
	cmd := &cobra.Command{
		Use:   "simulate [INPUT]",
		Short: "Monte Carlo appraisal: the spread of savings and NPV, and the chance of a loss",
		Long: `Draw every risk factor from its distribution --runs times and rerun the model
for each draw (Monte Carlo, as the Green Book expects where risks are
material). Reports P10, P50 and P90 (as Excel's PERCENTILE.INC computes
them) and the mean of the savings over the whole horizon and of their NPV,
for the consortium and each council, the probability that the consortium's
savings are negative, and a fan of cumulative savings (P10 to P90) at each
financial year end; tab-separated output has the fan month by month.

The factors and their distributions are those of 'carecast sensitivity'
(see its help): a Risks sheet or risks.csv, else the documented defaults.
Triangular and uniform draw between low and high; normal has the mode as
its mean and low and high as its 5th and 95th percentiles; ramp_delay draws
are rounded to whole months.

The same --seed gives the same figures on any machine and any number of
cores: each run draws from its own generator, seeded from the seed and the
run's number. Simulation uses a fast float64 form of the model, which the
tests hold to within £1 of the exact engine. A progress bar shows on a
terminal when a simulation takes more than a second.

--json prints {"runs","seed","savings":{"p10","p50","p90","mean"},
"npv":{...},"probability_of_loss","councils":[{"code","savings":{...},
"npv":{...}}]}, money as strings with two decimals.

` + exitHelp,
		Example: `  carecast simulate                          # the built-in scenario, 10,000 runs
  carecast simulate inputs.xlsx --runs 100000 --seed 42
  carecast simulate inputs.xlsx --json | jq .probability_of_loss`,
		Args: maxArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			if len(args) == 1 {
				opts.Input = args[0]
			}
			if opts.Runs < 1 {
				return usageError{fmt.Errorf("--runs must be at least 1, not %d", opts.Runs)}
			}
			return runF(opts, io)
		},
	}
	cmd.Flags().BoolVar(&opts.JSON, "json", false, "print the machine-readable summary")
	cmd.Flags().IntVarP(&opts.Runs, "runs", "n", 10000, "number of draws")
	cmd.Flags().Uint64Var(&opts.Seed, "seed", 1, "seed of the random draws: the same seed, the same figures")
	return cmd
}

func runSimulate(opts *simulateOptions, io *streams) error {
	s, base, risks, err := loadForAppraisal(opts.Input, io)
	if err != nil {
		return err
	}
	sim, err := simulateWithBar(s, base, risks, opts.Runs, opts.Seed, io)
	if err != nil {
		return err
	}
	switch {
	case opts.JSON:
		return reports.WriteSimulationJSON(io.Out, sim)
	case io.OutTTY:
		return reports.WriteSimulation(io.Out, sim)
	default:
		return reports.WriteSimulationTSV(io.Out, sim)
	}
}
