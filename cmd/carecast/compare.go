package main

import (
	"errors"
	"fmt"
	goio "io"
	"path/filepath"
	"time"

	"github.com/carecast/carecast"
	"github.com/carecast/carecast/charts"
	"github.com/carecast/carecast/forecast"
	"github.com/carecast/carecast/inputs"
	"github.com/carecast/carecast/internal/ledger"
	"github.com/carecast/carecast/reports"
	"github.com/carecast/carecast/workbook"
	"github.com/spf13/cobra"
)

type compareOptions struct {
	Inputs  []string // .xlsx files or folders of CSVs; none: the built-in scenario
	JSON    bool
	OutDir  string // empty: no files
	Risk    bool
	Runs    int
	Seed    uint64
	Workers int // 0: one a core
}

// newCompareCmd builds the command; runF (nil: runCompare) receives the
// parsed options, so that tests can check the flags alone.
func newCompareCmd(io *streams, runF func(*compareOptions, *streams) error) *cobra.Command {
	if runF == nil {
		runF = runCompare
	}
	opts := &compareOptions{}
	cmd := &cobra.Command{
		Use:   "compare [INPUT...]",
		Short: "Options appraisal: each option against business as usual",
		Long: `Compare the options of a scheme against business as usual, as the HM Treasury
Green Book asks a cabinet paper to (docs/methodology.md §9). Business as
usual spot-purchases every placement: its savings are zero by definition,
and its cost is the spot purchasing the placements would need.

With one INPUT, the options are its base case and the options of its
Options sheet (options.csv), each a set of changes to the base case: other
Assumptions settings (optimism_bias among them), councils left out, rooms,
pledges or occupancy scaled. With several INPUTs, each is a whole scenario:
its base case (named by its scenario setting) and its own options. Without
INPUT, the built-in scenario and its worked shortlist.

For each option: pledges, grants, running costs, block cost, void cost,
cost, spot purchasing avoided, savings, NPV, NPV after optimism bias,
occupancy, break-even occupancy, each council's savings and NPV, and the
present value of each wider benefit (never added to the savings). The
options are forecast in parallel, one a core.

With --risk, each option's savings are simulated --runs times, every option
drawing the same random numbers (common random numbers), so that the
differences between options are not noise: P10, P50, P90 and the chance of
a loss. The same --seed gives the same figures on any number of cores.

Output: an aligned table on a terminal, tab-separated text when piped, or
with --json {"options":[{"option","description","input","totals":{...as
'forecast --json', with npv_after_optimism_bias},"councils":[{"code",
"name","savings","npv"}],"risk":{...} (with --risk)}]}. With --out, the
comparison's workbook (compare.xlsx) and charts page (compare.html) are
written there too.

` + exitHelp,
		Example: `  carecast compare                           # the built-in scenario's shortlist
  carecast compare inputs.xlsx               # its base case and Options sheet
  carecast compare smaller.xlsx larger.xlsx --json
  carecast compare inputs.xlsx --risk --runs 20000 --seed 7 --out papers/`,
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Inputs = args
			if opts.Runs < 1 {
				return usageError{fmt.Errorf("--runs must be at least 1, not %d", opts.Runs)}
			}
			if cmd.Flags().Changed("out") && opts.OutDir == "" {
				return usageError{errors.New("--out needs a folder")}
			}
			return runF(opts, io)
		},
	}
	cmd.Flags().BoolVar(&opts.JSON, "json", false, "print the machine-readable comparison")
	cmd.Flags().StringVarP(&opts.OutDir, "out", "o", "", "folder for the comparison's workbook and charts page")
	cmd.Flags().BoolVar(&opts.Risk, "risk", false, "simulate each option with common random numbers: P10, P50, P90 and the chance of a loss")
	cmd.Flags().IntVar(&opts.Runs, "runs", 10000, "Monte Carlo draws for each option, with --risk")
	cmd.Flags().Uint64Var(&opts.Seed, "seed", 1, "seed of the Monte Carlo draws: the same seed, the same figures")
	return cmd
}

// loadCases reads every input and lists its cases; the errors of every
// input are listed before it gives up.
// maxCases bounds the cases compare forecasts and holds at once (about
// 1 MB each; 1,000 options took 1.1 GB): one input's base case and its
// options at most (inputs.MaxOptions), however many inputs give them.
const maxCases = inputs.MaxOptions + 1

func loadCases(inputs []string, io *streams) ([]carecast.Case, error) {
	if len(inputs) == 0 {
		inputs = []string{""}
	}
	var cases []carecast.Case
	var bad []string
	for _, in := range inputs {
		s, err := loadScenario(in, io)
		var ie inputError
		if errors.As(err, &ie) {
			bad = append(bad, ie.Error())
			continue
		}
		if err != nil {
			return nil, err
		}
		name := carecast.BaseCaseName
		if len(inputs) > 1 {
			name = s.Assumptions.Scenario
		}
		cases = append(cases, forecast.Cases(s, in, name)...)
	}
	if len(bad) == 1 {
		return nil, inputError{errors.New(bad[0])}
	}
	if len(bad) > 1 {
		return nil, inputError{fmt.Errorf("%d inputs have errors", len(bad))}
	}
	if len(cases) > maxCases {
		return nil, usageError{fmt.Errorf("the %d inputs hold %s cases (each its base case and options); compare holds at most %s, each a forecast in memory: compare fewer inputs", len(inputs), carecast.GroupThousands(fmt.Sprint(len(cases))), carecast.GroupThousands(fmt.Sprint(maxCases)))}
	}
	return cases, nil
}

func runCompare(opts *compareOptions, io *streams) error {
	cases, err := loadCases(opts.Inputs, io)
	if err != nil {
		return err
	}
	if err := forecast.RunCases(cases, opts.Workers); err != nil {
		return err
	}
	if opts.Risk {
		for _, c := range cases {
			if _, err := forecast.ResolveRisks(c.Scenario); err != nil {
				return inputError{fmt.Errorf("%s: %w", c.Option, err)}
			}
		}
		var bar *progressBar
		if io.ErrTTY && !io.Quiet {
			bar = &progressBar{w: io.Err, total: opts.Runs * len(cases), start: time.Now()}
		}
		err := forecast.SimulateCases(cases, forecast.SimulateOptions{Runs: opts.Runs, Seed: opts.Seed, Workers: opts.Workers, Progress: bar.update})
		bar.finish()
		if errors.Is(err, forecast.ErrTooManyRuns) {
			return usageError{fmt.Errorf("--runs %d: %w; use fewer", opts.Runs, err)}
		}
		if err != nil {
			return err
		}
	}
	if opts.OutDir != "" {
		written, err := writeComparisonOutputs(opts, cases)
		if err != nil {
			return err
		}
		io.wrote(written...)
	}
	switch {
	case opts.JSON:
		return reports.WriteComparisonJSON(io.Out, cases)
	case io.OutTTY:
		return reports.WriteComparison(io.Out, cases)
	default:
		return reports.WriteComparisonTSV(io.Out, cases)
	}
}

// writeComparisonOutputs writes the comparison's workbook and charts page
// into --out, both or neither, never over an input (outputs.go).
func writeComparisonOutputs(opts *compareOptions, cases []carecast.Case) ([]string, error) {
	input := ""
	if len(opts.Inputs) > 0 {
		input = opts.Inputs[0]
	}
	prov, err := provenanceOf(input, cases[0].Scenario)
	if err != nil {
		return nil, err
	}
	out := newOutputs(opts.Inputs...)
	defer out.abort()
	if err := out.stage(filepath.Join(opts.OutDir, workbook.ComparisonFileName), func(w goio.Writer) error {
		return workbook.Encode(w, workbook.Contents{Result: cases[0].Result, Cases: cases,
			Postings: ledger.Build(cases[0].Result).Postings, Provenance: prov})
	}); err != nil {
		return nil, err
	}
	if err := out.stage(filepath.Join(opts.OutDir, charts.ComparisonFileName), func(w goio.Writer) error {
		return charts.RenderComparison(w, cases)
	}); err != nil {
		return nil, err
	}
	return out.commit()
}
