package forecast

import (
	"runtime"
	"sync"
	"sync/atomic"

	"github.com/carecast/carecast"
)

// Cases lists the cases of an options appraisal of one input: its base
// case, named name (carecast.BaseCaseName when it is the only input, else
// the scenario's own name), then each of its options applied to it, in
// the order of the Options sheet. Nothing is forecast yet.
func Cases(s *carecast.Scenario, input, name string) []carecast.Case {
	base := *s
	base.Options = nil
	cases := []carecast.Case{{Option: name, Input: input, Scenario: &base}}
	for i := range s.Options {
		o := &s.Options[i]
		cases = append(cases, carecast.Case{Option: o.Name, Description: o.Description, Input: input, Scenario: o.Apply(s)})
	}
	return cases
}

// parallel calls f(i) for i = 0 .. n-1 on up to workers goroutines (0: one
// a core) and returns the error of the lowest i that failed.
func parallel(n, workers int, f func(i int) error) error {
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	workers = max(1, min(workers, n))
	errs := make([]error, n)
	var next atomic.Int64
	var wg sync.WaitGroup
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				i := int(next.Add(1)) - 1
				if i >= n {
					return
				}
				errs[i] = f(i)
			}
		}()
	}
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	return nil
}

// RunCases forecasts every case, in parallel over workers goroutines (0:
// one a core), each Result stored in its own case: the results do not
// depend on the number of workers.
func RunCases(cases []carecast.Case, workers int) error {
	return parallel(len(cases), workers, func(i int) error {
		r, err := Run(cases[i].Scenario)
		cases[i].Result = r
		return err
	})
}

// SimulateCases simulates every case (each already forecast by RunCases)
// with the same seed and runs, so that
// run i of every case draws the same random numbers (common random
// numbers): the differences between options are then not noise. Cases are
// simulated one after another, each spread over opts.Workers; the figures
// are the same on any number of cores. Progress, if set, is told the runs
// done over all the cases.
func SimulateCases(cases []carecast.Case, opts SimulateOptions) error {
	progress := opts.Progress
	for i := range cases {
		o := opts
		if progress != nil {
			done := i * opts.Runs
			o.Progress = func(n int) { progress(done + n) }
		}
		risks, err := ResolveRisks(cases[i].Scenario)
		if err != nil {
			return err
		}
		sim, err := Simulate(cases[i].Scenario, cases[i].Result, risks, o)
		if err != nil {
			return err
		}
		cases[i].Simulation = sim
	}
	return nil
}
