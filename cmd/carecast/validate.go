package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"text/tabwriter"

	"github.com/carecast/carecast"
	"github.com/carecast/carecast/forecast"
	"github.com/carecast/carecast/inputs"
	"github.com/spf13/cobra"
)

type validateOptions struct {
	Input string // .xlsx file or folder of CSVs
	JSON  bool   // the problems as records on stdout
}

// newValidateCmd builds the command; runF (nil: runValidate) receives the
// parsed options, so tests can check argument parsing alone.
func newValidateCmd(io *streams, runF func(*validateOptions, *streams) error) *cobra.Command {
	if runF == nil {
		runF = runValidate
	}
	opts := &validateOptions{}
	cmd := &cobra.Command{
		Use:   "validate INPUT",
		Short: "Check an input workbook or CSV folder and list every problem",
		Long: `Check INPUT, an .xlsx workbook or a folder of CSV files laid out as
docs/methodology.md §2 says, without forecasting. Every problem is listed
at once on stderr, one a line, located at its sheet and cell (Pledges!C7)
or file and line (pledges.csv:7: column to), with what was found and what
was expected, followed by the number of errors. Unknown sheets, columns
and settings are warnings: listed, but not errors.

When INPUT has no errors, a short summary of what was read goes to stdout.
'carecast forecast' runs the same checks before it forecasts.

With --json, stdout holds the problems as records instead, whether or not
there are errors, and stderr only the count:

  {"input": "...", "valid": false,
   "errors": [RECORD, ...], "more_errors": 0,
   "warnings": [RECORD, ...], "more_warnings": 0}

where each RECORD is

  {"file": the workbook, or the CSV file in its folder,
   "sheet": the workbook's sheet ("" in a CSV folder),
   "cell": the workbook's cell, such as "C7" ("" when none),
   "row": the row or line, 1 up (0 for a whole sheet or file),
   "column": the column's header ("" when none),
   "message": what is wrong,
   "hint": what was expected, or a likely meaning ("" when none)}

Errors beyond the first 100 (and warnings likewise) are counted in
more_errors (more_warnings), not listed. The exit status is as without
--json.

` + exitHelp,
		Example: `  carecast validate inputs.xlsx
  carecast validate scenario-folder/
  carecast validate inputs.xlsx 2> problems.txt || echo "fix these first"
  carecast validate inputs.xlsx --json | jq -r '.errors[] | "\(.sheet)!\(.cell): \(.message)"'`,
		Args: exactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Input = args[0]
			return runF(opts, io)
		},
	}
	cmd.Flags().BoolVar(&opts.JSON, "json", false, "print the errors and warnings as records on stdout (see above)")
	return cmd
}

func runValidate(opts *validateOptions, io *streams) error {
	s, warnings, err := inputs.Load(opts.Input)
	if err == nil {
		if err = actualsProblems(opts.Input, s); err != nil {
			s = nil
		}
	}
	if opts.JSON {
		return writeValidateJSON(io, opts.Input, s, warnings, err)
	}
	printWarnings(io, warnings)
	if err != nil {
		return listInputErrors(io, opts.Input, err)
	}
	more := forecastWarnings(opts.Input, s)
	printWarnings(io, more)
	warnings = append(warnings, more...)
	return writeValidSummary(io, opts.Input, s, len(warnings))
}

// forecastWarnings are the warnings that need the forecast: pledges far
// above the costs. Validation's errors are all found before, so a
// forecast that fails here is left to 'carecast forecast' to say. The
// wider benefits, which no warning reads, are left out of it: reported
// apart from every cash figure, they cost time and memory in proportion to
// their rows times the councils and years.
func forecastWarnings(input string, s *carecast.Scenario) []inputs.Problem {
	t := *s
	t.WiderBenefits = nil
	res, err := forecast.Run(&t)
	if err != nil {
		return nil
	}
	return surplusWarnings(input, res)
}

// problemJSON is one record of 'validate --json'.
type problemJSON struct {
	File    string `json:"file"`
	Sheet   string `json:"sheet"`
	Cell    string `json:"cell"`
	Row     int    `json:"row"`
	Column  string `json:"column"`
	Message string `json:"message"`
	Hint    string `json:"hint"`
}

// validateJSON is what 'validate --json' prints.
type validateJSON struct {
	Input        string        `json:"input"`
	Valid        bool          `json:"valid"`
	Errors       []problemJSON `json:"errors"`
	MoreErrors   int           `json:"more_errors"`
	Warnings     []problemJSON `json:"warnings"`
	MoreWarnings int           `json:"more_warnings"`
}

// writeValidateJSON prints the problems of an input as records, and
// returns the inputError (exit 1) of its errors, if any.
func writeValidateJSON(io *streams, input string, s *carecast.Scenario, warnings []inputs.Problem, err error) error {
	out := validateJSON{Input: input, Errors: []problemJSON{}, Warnings: []problemJSON{}}
	records := func(ps []inputs.Problem) (rs []problemJSON, more int) {
		rs = []problemJSON{}
		for _, p := range ps {
			if n, ok := inputs.MoreCount(p); ok {
				more += n
				continue
			}
			what, hint := p.Hint()
			rs = append(rs, problemJSON{File: p.File, Sheet: p.Sheet, Cell: p.Cell, Row: p.Row, Column: p.Column, Message: what, Hint: hint})
		}
		return rs, more
	}
	var errs *inputs.Errors
	switch {
	case err == nil:
		out.Valid = true
		warnings = append(warnings, forecastWarnings(input, s)...)
	case errors.As(err, &errs):
		out.Errors, _ = records(errs.Problems)
		out.MoreErrors = errs.More
	default:
		out.Errors = []problemJSON{{File: input, Message: err.Error()}}
	}
	out.Warnings, out.MoreWarnings = records(warnings)
	enc := json.NewEncoder(io.Out)
	enc.SetIndent("", "  ")
	if e := enc.Encode(out); e != nil {
		return e
	}
	if err != nil {
		n := len(out.Errors) + out.MoreErrors
		return inputError{fmt.Errorf("%s: %s", input, plural(n, "error"))}
	}
	return nil
}

// listInputErrors prints every problem of an input on stderr, one a line,
// and returns the inputError (exit 1) that main reports as their count:
// "carecast: inputs.xlsx: 3 errors".
func listInputErrors(io *streams, input string, err error) error {
	var errs *inputs.Errors
	if !errors.As(err, &errs) {
		return inputError{err}
	}
	for _, p := range errs.Problems {
		fmt.Fprintln(io.Err, carecast.Printable(p.Display()))
	}
	if errs.More > 0 {
		fmt.Fprintln(io.Err, inputs.MoreLine(errs.More))
	}
	return inputError{fmt.Errorf("%s: %s", input, plural(errs.Count(), "error"))}
}

// writeValidSummary says briefly what a valid input holds.
func writeValidSummary(io *streams, input string, s *carecast.Scenario, warnings int) error {
	a := s.Assumptions
	tw := tabwriter.NewWriter(io.Out, 0, 4, 2, ' ', 0)
	status := "OK"
	if warnings > 0 {
		status = "OK, with " + plural(warnings, "warning") + " (on stderr)"
	}
	fmt.Fprintf(io.Out, "%s: %s\n", carecast.Printable(input), status)
	fmt.Fprintf(tw, "scenario\t%s\n", carecast.Printable(a.Scenario))
	fmt.Fprintf(tw, "horizon\t%s to %s (%s)\n", a.StartDate.Long(), a.End().Long(), plural(a.Years, "year"))
	fmt.Fprintf(tw, "block price\t£%s a room a week on %s, rising %s a year\n", carecast.GroupThousands(a.BlockWeeklyPrice.StringFixed(2)), a.PriceDate().Long(), percent(a.BlockUplift.String()))
	fmt.Fprintf(tw, "councils\t%d\n", len(s.Councils))
	fmt.Fprintf(tw, "pledges\t%s\n", plural(len(s.Pledges), "row"))
	most := 0
	for _, r := range s.Rooms {
		most = max(most, r.Rooms)
	}
	fmt.Fprintf(tw, "rooms\t%s, at most %s\n", plural(len(s.Rooms), "row"), plural(most, "room"))
	switch {
	case len(s.Demand) > 0:
		fmt.Fprintf(tw, "occupancy\tfrom demand: at most %s of the rooms filled, %s (%s)\n", percent(a.Fill().String()), carecast.SharingWords(a.SharingRule()), a.SharingRule())
		fmt.Fprintf(tw, "demand\t%s\n", plural(len(s.Demand), "row"))
		fmt.Fprintf(tw, "allocations\t%s\n", plural(len(s.Allocations), "row"))
	case len(s.Occupancy) == 0:
		fmt.Fprintf(tw, "occupancy\tno rows: %s of the rooms, shared by council\n", percent(a.OccupancyRate.String()))
	default:
		fmt.Fprintf(tw, "occupancy\t%s\n", plural(len(s.Occupancy), "row"))
	}
	fmt.Fprintf(tw, "spot costs\t%s\n", plural(len(s.SpotCosts), "row"))
	var grants carecast.Money
	for _, g := range s.Grants {
		grants = grants.Add(g.Amount)
	}
	fmt.Fprintf(tw, "grants\t%s, %s in all\n", plural(len(s.Grants), "row"), grants.Format())
	fmt.Fprintf(tw, "costs\t%s\n", plural(len(s.Costs), "row"))
	if len(s.Risks) == 0 { // the appraisal then draws the defaults, not nothing
		fmt.Fprintln(tw, "risks\tno Risks sheet: the default factors apply (docs/methodology.md §8)")
	} else {
		fmt.Fprintf(tw, "risks\t%s\n", plural(len(s.Risks), "factor"))
	}
	return tw.Flush()
}

// percent shows a rate given as a decimal string, "0.035", as "3.5%".
func percent(rate string) string {
	d, err := inputs.ParseRate(rate)
	if err != nil {
		return rate
	}
	return d.Shift(2).String() + "%"
}

// plural is "1 error", "2 errors".
func plural(n int, noun string) string {
	count := carecast.GroupThousands(fmt.Sprint(n))
	if n == 1 {
		return count + " " + noun
	}
	return count + " " + noun + "s"
}
