package main

import (
	"errors"
	"fmt"
	goio "io"
	"path/filepath"

	"github.com/carecast/carecast"
	"github.com/carecast/carecast/charts"
	"github.com/carecast/carecast/forecast"
	"github.com/carecast/carecast/reports"
	"github.com/carecast/carecast/workbook"
	"github.com/spf13/cobra"
)

type sizeOptions struct {
	Input    string // .xlsx file or folder of CSVs; empty: the built-in scenario
	Min, Max int    // room counts; Max -1: twice the largest Rooms row
	MinGiven bool   // --min was given (else the default range may move it)
	Risk     bool
	Runs     int
	Seed     uint64
	JSON     bool
	Out      string // folder for sizing.xlsx; empty: no file
}

// newSizeCmd builds the command; runF (nil: runSize) receives the parsed
// options, so that tests can check the flags alone.
func newSizeCmd(io *streams, runF func(*sizeOptions, *streams) error) *cobra.Command {
	if runF == nil {
		runF = runSize
	}
	opts := &sizeOptions{}
	cmd := &cobra.Command{
		Use:   "size [INPUT]",
		Short: "How many rooms to commission: the forecast at each size of the block",
		Long: `Sweep the size of the block: for each room count N from --min to --max
(default 0 to twice the largest Rooms row, or past 250 rooms the 501
sizes centred on it), every Rooms row is scaled by
N / (the largest Rooms row), rounded half up to whole rooms, so that a
ramp keeps its shape (Allocations rows by the same factor, rounded down,
so that they never exceed the rooms), and the scenario is forecast. For
each N: savings, NPV, NPV after optimism bias, occupancy, void cost and
overflow room-days (demand the block cannot take). With
--risk, the Monte Carlo appraisal at each N: P10, P50 and P90 of the
savings, the expected NPV and the chance of a loss, drawn with the same
random numbers at every N (common random numbers), so that the
differences between sizes are not noise.

It recommends the N with the highest NPV (the highest expected NPV with
--risk) and says why in words: a room pays its way while the chance it
is occupied exceeds block price over spot price (the newsvendor critical
ratio; docs/methodology.md §11). With Demand rows, occupancy follows
demand and the sweep shows where extra rooms stop being used; with
Occupancy rows or the occupancy_rate, occupancy scales with the rooms.

A sweep tries at most 501 sizes, given or by default; with --risk, the
runs' figures of the sizes simulated at once are kept within 1 GiB (fewer
sizes run at once when the runs are many). Sizes run in parallel over the
cores; a progress bar shows on a terminal
when the sweep takes more than a second. An aligned table on a terminal,
tab-separated text when piped. --out DIR also writes two files into DIR,
both or neither: sizing.xlsx, a Sizing sheet of the sweep with the
recommended size and the size as given marked, and a chart of the NPV
(expected NPV with its P10 and P90, with --risk) against rooms; and
sizing.html, a page of charts that opens in any browser with no network:
the NPV against rooms (with --risk the expected NPV and its P10 to P90
band), the recommended size and the size as given marked and the reason
beside them, and the use of the rooms each size adds against the
break-even use, with the occupancy and the overflow.

--json prints {"sizes":[{"rooms","savings","npv",
"npv_after_optimism_bias","occupancy_rate","void_cost",
"overflow_room_days", and with --risk "p10","p50","p90",
"loss_probability"}],"recommended","reason"}.

` + exitHelp,
		Example: `  carecast size examples/demand                 # 0 to twice the largest Rooms row
  carecast size inputs.xlsx --min 20 --max 40 --risk --runs 2000
  carecast size inputs.xlsx --json | jq .recommended
  carecast size inputs.xlsx --risk --out papers/   # also sizing.xlsx and sizing.html`,
		Args: maxArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			if len(args) == 1 {
				opts.Input = args[0]
			}
			switch {
			case opts.Min < 0:
				return usageError{fmt.Errorf("--min must be 0 or more, not %d", opts.Min)}
			case opts.Max >= 0 && opts.Max < opts.Min:
				return usageError{fmt.Errorf("--max %d is below --min %d", opts.Max, opts.Min)}
			case opts.Max > maxSizeRooms:
				return usageError{fmt.Errorf("--max %d: at most 100,000 rooms", opts.Max)}
			case opts.Max >= 0 && opts.Max-opts.Min+1 > forecast.MaxSizes:
				return usageError{fmt.Errorf("--min %d to --max %d is %d sizes; a sweep tries at most %s (each a forecast): narrow the range", opts.Min, opts.Max, opts.Max-opts.Min+1, carecast.GroupThousands(fmt.Sprint(forecast.MaxSizes)))}
			case opts.Runs < 1:
				return usageError{fmt.Errorf("--runs must be at least 1, not %d", opts.Runs)}
			}
			opts.MinGiven = cmd.Flags().Changed("min")
			return runF(opts, io)
		},
	}
	cmd.Flags().IntVar(&opts.Min, "min", 0, "fewest rooms to try")
	cmd.Flags().IntVar(&opts.Max, "max", -1, "most rooms to try (default twice the largest Rooms row)")
	cmd.Flags().BoolVar(&opts.Risk, "risk", false, "the Monte Carlo appraisal at each size, with common random numbers")
	cmd.Flags().IntVarP(&opts.Runs, "runs", "n", 1000, "Monte Carlo runs at each size, with --risk")
	cmd.Flags().Uint64Var(&opts.Seed, "seed", 1, "seed of the random draws: the same seed, the same figures")
	cmd.Flags().BoolVar(&opts.JSON, "json", false, "print the machine-readable sweep")
	cmd.Flags().StringVar(&opts.Out, "out", "", "also write "+workbook.SizingFileName+" and "+charts.SizingFileName+" (its charts page) into this folder")
	return cmd
}

func runSize(opts *sizeOptions, io *streams) error {
	s, err := loadScenario(opts.Input, io)
	if err != nil {
		return err
	}
	largest := forecast.LargestRooms(s)
	if largest == 0 {
		return inputError{errors.New("every Rooms row is zero: there is no block to scale")}
	}
	lo, hi := sizeRange(opts, largest)
	if hi < lo {
		return usageError{fmt.Errorf("--min %d is above the default --max, %d (twice the largest Rooms row)", opts.Min, hi)}
	}
	bar := newProgressBar(io, "Sizing", "sizes", hi-lo+1)
	z, err := forecast.Size(s, forecast.SizeOptions{Min: lo, Max: hi, Risk: opts.Risk, Runs: opts.Runs, Seed: opts.Seed, Progress: bar.update})
	bar.finish()
	if errors.Is(err, forecast.ErrTooManyRuns) {
		return usageError{fmt.Errorf("--runs %d: %w; use fewer", opts.Runs, err)}
	}
	if err != nil {
		return err
	}
	if opts.Out != "" {
		prov, err := provenanceOf(opts.Input, s)
		if err != nil {
			return err
		}
		out := newOutputs(opts.Input)
		defer out.abort()
		if err := out.stage(filepath.Join(opts.Out, workbook.SizingFileName), func(w goio.Writer) error {
			return workbook.RenderSizing(w, z, prov)
		}); err != nil {
			return err
		}
		if err := out.stage(filepath.Join(opts.Out, charts.SizingFileName), func(w goio.Writer) error {
			return charts.RenderSizing(w, z, s)
		}); err != nil {
			return err
		}
		written, err := out.commit()
		if err != nil {
			return err
		}
		io.wrote(written...)
	}
	switch {
	case opts.JSON:
		return reports.WriteSizingJSON(io.Out, z)
	case io.OutTTY:
		return reports.WriteSizing(io.Out, z)
	default:
		return reports.WriteSizingTSV(io.Out, z)
	}
}

// maxSizeRooms is the most rooms size tries, as --max or by default.
const maxSizeRooms = 100000

// sizeRange is the sweep: --min to --max as given; by default 0 (or
// --min) to twice the largest Rooms row, within the caps a given range
// meets: at most maxSizeRooms rooms and forecast.MaxSizes sizes, so that
// past 250 rooms the default is the 501 sizes centred on the largest
// row (a 100,000-room block swept 200,001 sizes by default, 8 minutes,
// although --max 200000 given was refused).
func sizeRange(opts *sizeOptions, largest int) (lo, hi int) {
	lo, hi = opts.Min, opts.Max
	if hi >= 0 {
		return lo, hi
	}
	hi = min(2*largest, maxSizeRooms)
	if hi-lo+1 > forecast.MaxSizes && !opts.MinGiven {
		lo = max(0, min(largest, hi)-(forecast.MaxSizes-1)/2)
	}
	return lo, min(hi, lo+forecast.MaxSizes-1)
}
