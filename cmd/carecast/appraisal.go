package main

import (
	"errors"
	"fmt"

	"github.com/carecast/carecast"
	"github.com/carecast/carecast/forecast"
	"github.com/spf13/cobra"
)

// riskOptions are the flags that ask a report command for the appraisal
// under uncertainty beside the forecast.
type riskOptions struct {
	Risk bool   // --risk: appraise even without a Risks sheet
	Runs int    // --runs
	Seed uint64 // --seed
}

// addRiskFlags adds --risk, --runs and --seed to a report command.
func addRiskFlags(cmd *cobra.Command, o *riskOptions) {
	cmd.Flags().BoolVar(&o.Risk, "risk", false, "add the sensitivity and Monte Carlo appraisal (automatic when the input has a Risks sheet)")
	cmd.Flags().IntVar(&o.Runs, "runs", 10000, "Monte Carlo draws for the appraisal")
	cmd.Flags().Uint64Var(&o.Seed, "seed", 1, "seed of the Monte Carlo draws: the same seed, the same figures")
}

// check reports bad risk flags as a usage error.
func (o riskOptions) check() error {
	if o.Runs < 1 {
		return usageError{fmt.Errorf("--runs must be at least 1, not %d", o.Runs)}
	}
	return nil
}

// appraise computes the appraisal of s, whose forecast is res, when asked
// for (--risk) or when the scenario has a Risks sheet; otherwise it returns
// nil. The risks are resolved once, and the forecast is not run again.
// Progress goes to stderr on a terminal.
func appraise(s *carecast.Scenario, res *carecast.Result, o riskOptions, io *streams) (*carecast.Appraisal, error) {
	if !o.Risk && len(s.Risks) == 0 {
		return nil, nil
	}
	risks, err := forecast.ResolveRisks(s)
	if err != nil {
		return nil, inputError{err}
	}
	sens, err := sensitivityWithBar(s, res, risks, io)
	if err != nil {
		return nil, err
	}
	sim, err := simulateWithBar(s, res, risks, o.Runs, o.Seed, io)
	if err != nil {
		return nil, err
	}
	return &carecast.Appraisal{Sensitivity: sens, Simulation: sim}, nil
}

// simulateWithBar runs the Monte Carlo simulation of s, whose forecast is
// base, with a progress bar on stderr when it is a terminal; too many runs
// for the scenario is a usage error.
func simulateWithBar(s *carecast.Scenario, base *carecast.Result, risks []carecast.Risk, runs int, seed uint64, io *streams) (*carecast.Simulation, error) {
	bar := newProgressBar(io, "Simulating", "runs", runs)
	sim, err := forecast.Simulate(s, base, risks, forecast.SimulateOptions{Runs: runs, Seed: seed, Progress: bar.update})
	bar.finish()
	if errors.Is(err, forecast.ErrTooManyRuns) {
		return nil, usageError{fmt.Errorf("--runs %d: %w; use fewer", runs, err)}
	}
	return sim, err
}

// loadForAppraisal loads the scenario of input (the built-in one when
// empty), resolves its risks (a bad one is an input error) and runs its
// forecast: what sensitivity and simulate start from.
func loadForAppraisal(input string, io *streams) (*carecast.Scenario, *carecast.Result, []carecast.Risk, error) {
	s, err := loadScenario(input, io)
	if err != nil {
		return nil, nil, nil, err
	}
	risks, err := forecast.ResolveRisks(s)
	if err != nil {
		return nil, nil, nil, inputError{err}
	}
	base, err := forecast.Run(s)
	if err != nil {
		return nil, nil, nil, err
	}
	return s, base, risks, nil
}

// loadAndRun loads the scenario of input (the built-in one when empty)
// and runs its forecast.
func loadAndRun(input string, io *streams) (*carecast.Scenario, *carecast.Result, error) {
	s, err := loadScenario(input, io)
	if err != nil {
		return nil, nil, err
	}
	res, err := forecast.Run(s)
	if err != nil {
		return nil, nil, err
	}
	return s, res, nil
}
