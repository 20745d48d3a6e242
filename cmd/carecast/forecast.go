package main

import (
	"fmt"
	"path/filepath"

	"github.com/carecast/carecast"
	"github.com/carecast/carecast/forecast"
	"github.com/carecast/carecast/inputs"
	"github.com/carecast/carecast/internal/ledger"
	"github.com/carecast/carecast/reports"
	"github.com/spf13/cobra"
)

type forecastOptions struct {
	Input   string // .xlsx file or folder of CSVs; empty: the built-in scenario
	JSON    bool
	OutDir  string
	NoFiles bool
	Risk    riskOptions
	// AsAt is --as-at: the as-at date, a month's last day; it wins over
	// the input's (docs/methodology.md §15). Empty: the input's.
	AsAt string
	// Monthly is --monthly: --json adds every month's figures.
	Monthly bool
}

// newForecastCmd builds the command; runF (nil: runForecast) receives the
// parsed options, so tests can check flag parsing alone.
func newForecastCmd(io *streams, runF func(*forecastOptions, *streams) error) *cobra.Command {
	if runF == nil {
		runF = runForecast
	}
	opts := &forecastOptions{}
	cmd := &cobra.Command{
		Use:   "forecast [INPUT]",
		Short: "Forecast savings month by month and write the workbook and charts",
		Long: `Forecast the scheme month by month over its horizon
(docs/methodology.md §3-§7): what each council and the consortium spend on
block rooms, what spot purchasing they avoid, what they save, the pooled
fund and its settlement, and the net present value at the Green Book
discount rate.

INPUT is an .xlsx workbook or a folder of CSV files laid out as
docs/methodology.md §2 says ('carecast init' writes a template). Without
INPUT, the built-in scenario: the North East London Commissioning
Partnership (see README.md).

The summary goes to stdout: aligned tables on a terminal, tab-separated
text when piped, or the JSON of docs/methodology.md §13 with --json. File
outputs go into --out (default carecast-out): forecast.xlsx (the workbook
for finance officers) and charts.html (charts for cabinet papers). With
--json, files are written only when --out is given; --no-files writes
none. The input is checked first; if it has errors they are all listed on
stderr and nothing is written.

With --risk, or when the input has a Risks sheet, the workbook and charts
also carry the appraisal under uncertainty: the sensitivity of 'carecast
sensitivity' and the Monte Carlo simulation of 'carecast simulate', each
with a progress bar on stderr when it is a terminal.

When occupancy follows demand (Demand rows, docs/methodology.md §11), the
summary adds the overflow, demand the block cannot take and so still
spot-purchased, by council and financial year in room-days and spot cost,
apart from the savings (it costs the same with and without the scheme);
with Allocations rows too, the same scenario under each sharing rule side
by side: what trading unused rooms between councils is worth. The
workbook adds its Overflow and Bed trading sheets, the charts page their
charts, and --json "overflow_room_days" in its totals and "sharing".

With an Actuals sheet (docs/methodology.md §15), the months it names are
actual months: their figures are what actually happened, the rest
forecast; the summary says "Actuals to ... , forecast after", --json gains
"as_at" and each financial year's "actual_months". The as-at date is the
last day of the latest actual month, or the as_at setting, or --as-at
(which wins); an Actuals row after it is an input error. --json --monthly
adds "months", every month's figures for the consortium and each council:
a budget frozen so, 'carecast monitor --baseline' reads back.

` + exitHelp,
		Example: `  carecast forecast                          # the built-in scenario
  carecast forecast inputs.xlsx --out papers/
  carecast forecast scenario-folder/ --json | jq .totals.savings   # writes no files
  carecast forecast inputs.xlsx --risk --runs 100000 --seed 7
  carecast forecast examples/demand --out papers/   # demand: overflow and bed trading
  carecast forecast inputs.xlsx --as-at 2020-11-30 --json --monthly > budget.json`,
		Args: maxArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			if len(args) == 1 {
				opts.Input = args[0]
			}
			outGiven, err := outFlag(cmd, "out")
			if err != nil {
				return err
			}
			// The JSON is for other programs: it writes files only when
			// asked to, so that 'forecast --json | jq' leaves nothing behind.
			if opts.JSON && !outGiven {
				opts.NoFiles = true
			}
			if err := opts.Risk.check(); err != nil {
				return err
			}
			if opts.Monthly && !opts.JSON {
				return usageError{fmt.Errorf("--monthly goes with --json: carecast forecast INPUT --json --monthly")}
			}
			if _, err := parseAsAtFlag(opts.AsAt); err != nil {
				return err
			}
			return runF(opts, io)
		},
	}
	cmd.Flags().BoolVar(&opts.JSON, "json", false, "print the machine-readable summary (docs/methodology.md §13); files only with --out")
	cmd.Flags().StringVarP(&opts.OutDir, "out", "o", "carecast-out", "folder for the workbook and charts")
	cmd.Flags().BoolVar(&opts.NoFiles, "no-files", false, "print the summary only; write no files")
	cmd.Flags().StringVar(&opts.AsAt, "as-at", "", "the as-at date, a month's last day such as 2020-11-30 (default: the input's; docs/methodology.md §15)")
	cmd.Flags().BoolVar(&opts.Monthly, "monthly", false, "with --json, add every month's figures (\"months\")")
	addRiskFlags(cmd, &opts.Risk)
	return cmd
}

// loadScenario reads INPUT (or the built-in scenario), printing warnings to
// stderr. Input errors come back as an inputError with every problem listed.
func loadScenario(input string, io *streams) (*carecast.Scenario, error) {
	return loadScenarioAt(input, carecast.Date{}, io)
}

// loadScenarioAt is loadScenario with --as-at (zero: none), which wins
// over the input's as-at date: an Actuals row after it is an input error.
func loadScenarioAt(input string, asAt carecast.Date, io *streams) (*carecast.Scenario, error) {
	if input == "" {
		s := inputs.BuiltInScenario()
		if !asAt.IsZero() {
			if msg := inputs.CheckAsAt(s.Assumptions, asAt); msg != "" {
				return nil, usageError{fmt.Errorf("--as-at: %s", msg)}
			}
			s.Assumptions.AsAt = asAt
		}
		return s, nil
	}
	s, warnings, err := inputs.LoadWith(input, inputs.Overrides{AsAt: asAt})
	printWarnings(io, warnings)
	if err == nil && !asAt.IsZero() {
		if msg := inputs.CheckAsAt(s.Assumptions, asAt); msg != "" {
			return nil, usageError{fmt.Errorf("--as-at: %s", msg)}
		}
	}
	if err == nil {
		err = actualsProblems(input, s)
	}
	if err != nil {
		return nil, listInputErrors(io, input, err)
	}
	return s, nil
}

func runForecast(opts *forecastOptions, io *streams) error {
	asAt, err := parseAsAtFlag(opts.AsAt)
	if err != nil {
		return err
	}
	s, err := loadScenarioAt(opts.Input, asAt, io)
	if err != nil {
		return err
	}
	res, err := forecast.Run(s)
	if err != nil {
		return err
	}
	printWarnings(io, surplusWarnings(opts.Input, res))
	if !opts.NoFiles {
		ap, err := appraise(s, res, opts.Risk, io)
		if err != nil {
			return err
		}
		postings := ledger.Build(res).Postings
		prov, err := provenanceOf(opts.Input, s)
		if err != nil {
			return err
		}
		written, err := writeOutputs(opts, res, postings, ap, prov)
		if err != nil {
			return err
		}
		io.wrote(written...)
	}
	if opts.JSON {
		return reports.WriteJSONWith(io.Out, res, reports.JSONOptions{Monthly: opts.Monthly})
	}
	if line := reports.ActualsLine(res); line != "" && !io.OutTTY && !io.Quiet {
		fmt.Fprintln(io.Err, line) // the summary says it on a terminal
	}
	// With Demand and Allocations rows: the same scenario under each
	// sharing rule, side by side (what bed trading is worth).
	cmp := res.Sharing
	if io.OutTTY {
		if err := reports.WriteSummary(io.Out, res); err != nil {
			return err
		}
		return reports.WriteSharing(io.Out, s.Councils, cmp)
	}
	if err := reports.WriteTSV(io.Out, res); err != nil {
		return err
	}
	return reports.WriteSharingTSV(io.Out, s.Councils, cmp)
}

// outputPath is name inside the --out folder.
func outputPath(opts *forecastOptions, name string) string {
	return filepath.Join(opts.OutDir, name)
}
