package main

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"

	"github.com/carecast/carecast"
	"github.com/carecast/carecast/board"
	"github.com/carecast/carecast/forecast"
	"github.com/carecast/carecast/inputs"
	"github.com/carecast/carecast/internal/render"
	"github.com/carecast/carecast/monitor"
	"github.com/carecast/carecast/paper"
	"github.com/carecast/carecast/reports"
	"github.com/carecast/carecast/workbook"
	"github.com/shopspring/decimal"
	"github.com/spf13/cobra"
)

type monitorOptions struct {
	Input    string // .xlsx file or folder of CSVs
	AsAt     string // the as-at date; empty: the input's
	Baseline string // a frozen budget (forecast --json --monthly); empty: the plan
	Previous string // an earlier monitor --json; empty: none
	Year     string // the financial year; empty: the as-at date's
	JSON     bool
	OutDir   string // folder for monitoring.xlsx, .docx and .pdf; empty: no files
	// Amber and Red are the RAG thresholds; empty: the input's rag_amber
	// and rag_red.
	Amber, Red string
}

// newMonitorCmd builds the command; runF (nil: runMonitor) receives the
// parsed options, so tests can check flag parsing alone.
func newMonitorCmd(io *streams, runF func(*monitorOptions, *streams) error) *cobra.Command {
	if runF == nil {
		runF = runMonitor
	}
	opts := &monitorOptions{}
	cmd := &cobra.Command{
		Use:   "monitor INPUT",
		Short: "Report the forecast outturn against the budget: variances, RAG, movement",
		Long: `Report the scheme's budget monitoring at the as-at date
(docs/methodology.md §18): for the financial year holding it (or --year)
and for the whole horizon, for the consortium and each council, line by
line (pledges, grants, running costs, block cost, void cost, spot
purchasing avoided, attributed cost, savings, and the fund's closing
balance, a council's being its position in the fund): the budget, the
budget to date, the actual to date and its variance, the forecast outturn
(actual to date and the forecast to the end) and its variance in pounds
and as a percentage of the budget, rated green, amber or red.

The budget is the plan: the same input forecast without its Actuals rows;
or, with --baseline, a budget frozen when it was set (the output of
'carecast forecast --json --monthly', saved). A variance is signed as its
figure (more savings is positive, more cost is positive) and the report
says in words whether it is favourable. RAG: green below 2%, amber 2% to
5%, red above 5% of the budget, unless the input's rag_amber and rag_red
or --amber and --red say otherwise. With --previous (an earlier 'carecast
monitor --json', saved) each line also has its movement: the change in
its outturn since then. The spot purchasing avoided to date is explained
as volume (more or fewer room-days than budgeted, at the budget's price)
and price (the room-days used, at the change in price), which add up to
its variance.

The as-at date is the last day of the latest month with Actuals rows, or
the input's as_at setting, or --as-at (which wins): a month's last day.

The report goes to stdout: aligned tables on a terminal, tab-separated
text when piped, or with --json the JSON of docs/methodology.md §18.
--out DIR also writes monitoring.xlsx (the Monitoring sheet with live
formulas over the monthly figures, a Council view, a variance chart and
Checks), and the report to the partners' board as monitoring.docx and
monitoring.pdf (two to four pages: the RAG table, the outturn against
budget by council, the fund and the cash each council has paid in against
the cost attributed to it, the main variances explained, and a prompt for
the actions); all or nothing, never over a file read. The PDF is printed
by headless Chromium, which must be installed (Debian and Ubuntu: the
package chromium).

` + exitHelp,
		Example: `  carecast monitor examples/monitoring
  carecast monitor inputs.xlsx --as-at 2020-11-30 --out board-2020-11/
  carecast forecast inputs.xlsx --json --monthly > budget-2020-21.json   # freeze the budget
  carecast monitor inputs.xlsx --baseline budget-2020-21.json
  carecast monitor inputs.xlsx --json > monitor-2020-11.json
  carecast monitor inputs.xlsx --previous monitor-2020-10.json --amber 1% --red 3%`,
		Args: exactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Input = args[0]
			if _, err := outFlag(cmd, "out"); err != nil {
				return err
			}
			for _, name := range []string{"baseline", "previous"} {
				if f := cmd.Flags().Lookup(name); f.Changed && f.Value.String() == "" {
					return usageError{fmt.Errorf("--%s needs a file name; it was given empty", name)}
				}
			}
			return runF(opts, io)
		},
	}
	cmd.Flags().StringVar(&opts.AsAt, "as-at", "", "the as-at date, a month's last day such as 2020-11-30 (default: the input's)")
	cmd.Flags().StringVar(&opts.Baseline, "baseline", "", "a frozen budget: a saved 'carecast forecast --json --monthly' (default: the plan)")
	cmd.Flags().StringVar(&opts.Previous, "previous", "", "an earlier 'carecast monitor --json', for each line's movement")
	cmd.Flags().StringVar(&opts.Year, "year", "", "the financial year to monitor, such as 2020/21 (default: the as-at date's)")
	cmd.Flags().BoolVar(&opts.JSON, "json", false, "print the JSON of docs/methodology.md §18")
	cmd.Flags().StringVarP(&opts.OutDir, "out", "o", "", "folder for monitoring.xlsx, monitoring.docx and monitoring.pdf (default: no files)")
	cmd.Flags().StringVar(&opts.Amber, "amber", "", "a variance of at least this share of the budget is amber, such as 2% (default: the input's rag_amber)")
	cmd.Flags().StringVar(&opts.Red, "red", "", "a variance above this share of the budget is red, such as 5% (default: the input's rag_red)")
	return cmd
}

// fyFlag is a financial year as typed: 2020/21, 2020-21 or 2020.
var fyFlag = regexp.MustCompile(`^(\d{4})(?:[/-](\d{2}|\d{4}))?$`)

// parseYearFlag reads --year.
func parseYearFlag(v string) (carecast.FinancialYear, error) {
	v = strings.TrimSpace(v)
	if v == "" {
		return 0, nil
	}
	bad := usageError{fmt.Errorf("--year %q: expected a financial year such as 2020/21", v)}
	m := fyFlag.FindStringSubmatch(v)
	if m == nil {
		return 0, bad
	}
	y, _ := strconv.Atoi(m[1])
	if m[2] != "" {
		next, _ := strconv.Atoi(m[2])
		if len(m[2]) == 2 && next != (y+1)%100 || len(m[2]) == 4 && next != y+1 {
			return 0, bad
		}
	}
	return carecast.FinancialYear(y), nil
}

// parseThresholds reads --amber and --red over the input's settings.
func parseThresholds(opts *monitorOptions, a carecast.Assumptions) (carecast.RAGThresholds, error) {
	t := a.RAG
	for _, f := range []struct {
		name, v string
		to      *decimal.Decimal
	}{{"amber", opts.Amber, &t.Amber}, {"red", opts.Red, &t.Red}} {
		if strings.TrimSpace(f.v) == "" {
			continue
		}
		r, err := inputs.ParseRate(f.v)
		if err != nil || r.Sign() < 0 || r.GreaterThan(decimal.NewFromInt(1)) {
			return t, usageError{fmt.Errorf("--%s %q: expected a share of the budget from 0%% to 100%%, such as 2%% or 0.02", f.name, f.v)}
		}
		*f.to = r
	}
	if t.Red.LessThan(t.Amber) {
		return t, usageError{fmt.Errorf("the red threshold %s is below the amber %s: expected red at least amber", carecast.Percent(t.Red, 2), carecast.Percent(t.Amber, 2))}
	}
	return t, nil
}

// parseAsAtFlag reads --as-at: a month's last day.
func parseAsAtFlag(v string) (carecast.Date, error) {
	v = strings.TrimSpace(v)
	if v == "" {
		return carecast.Date{}, nil
	}
	d, err := inputs.ParseDate(v)
	if err != nil || d.AddDays(1).Day != 1 {
		return carecast.Date{}, usageError{fmt.Errorf("--as-at %q: expected a month's last day, such as 2020-11-30 or 30/11/2020", v)}
	}
	return d, nil
}

func runMonitor(opts *monitorOptions, st *streams) error {
	asAt, err := parseAsAtFlag(opts.AsAt)
	if err != nil {
		return err
	}
	year, err := parseYearFlag(opts.Year)
	if err != nil {
		return err
	}
	s, err := loadScenarioAt(opts.Input, asAt, st)
	if err != nil {
		return err
	}
	thresholds, err := parseThresholds(opts, s.Assumptions)
	if err != nil {
		return err
	}
	res, plan, err := forecastAndPlan(s, opts.Baseline == "")
	if err != nil {
		return err
	}
	if !asAt.IsZero() {
		if after := actualsAfter(s, asAt); !after.IsZero() {
			return usageError{fmt.Errorf("--as-at %s: the input has Actuals rows for months after it, from %s; give a later date or leave those rows out", asAt, after.Long())}
		}
	} else {
		if asAt = inputAsAt(res); asAt.IsZero() {
			return usageError{errors.New("no as-at date: the input has no Actuals rows and no as_at setting; give --as-at, such as --as-at 2020-11-30")}
		}
	}
	var budget *carecast.MonitorSeries
	if opts.Baseline == "" {
		budget = monitor.FromResult(plan, monitor.Plan)
	} else if budget, err = monitor.ReadBaseline(opts.Baseline, s.Councils, res.Start, len(res.Months)); err != nil {
		return fileError(st, err)
	}
	var prev *monitor.Previous
	if opts.Previous != "" {
		if prev, err = monitor.ReadPrevious(opts.Previous); err != nil {
			return fileError(st, err)
		}
	}
	m, err := monitor.Build(s.Assumptions.Scenario, s.Councils, budget, monitor.FromResult(res, "outturn"),
		monitor.Options{AsAt: asAt, Year: year, Thresholds: thresholds, Previous: prev})
	if err != nil {
		return usageError{err}
	}
	if opts.OutDir != "" {
		if err := writeMonitoring(opts, s, m, st); err != nil {
			return err
		}
	}
	switch {
	case opts.JSON:
		return reports.WriteMonitoringJSON(st.Out, m)
	case st.OutTTY:
		return reports.WriteMonitoring(st.Out, m)
	}
	return reports.WriteMonitoringTSV(st.Out, m)
}

// fileError lists the problems of a budget or previous report on stderr:
// an input error (exit 1).
func fileError(st *streams, err error) error {
	var fe *monitor.FileError
	if !errors.As(err, &fe) {
		return inputError{err}
	}
	for _, p := range fe.Problems {
		fmt.Fprintln(st.Err, carecast.Printable(p))
	}
	return inputError{fmt.Errorf("%s: %s", fe.Path, plural(len(fe.Problems), "problem"))}
}

// forecastAndPlan forecasts the scenario and, when withPlan, the plan
// (planOf) at the same time; with no Actuals rows the plan is the
// forecast.
func forecastAndPlan(s *carecast.Scenario, withPlan bool) (res, plan *carecast.Result, err error) {
	p := planOf(s)
	if !withPlan || p == s {
		res, err = forecast.Run(s)
		return res, res, err
	}
	var perr error
	done := make(chan struct{})
	go func() {
		defer close(done)
		plan, perr = forecast.Run(p)
	}()
	res, err = forecast.Run(s)
	<-done
	return res, plan, errors.Join(err, perr)
}

// planOf is the scenario without its Actuals rows (and so without an
// as-at date): the plan as approved.
func planOf(s *carecast.Scenario) *carecast.Scenario {
	if len(s.Actuals) == 0 && s.Assumptions.AsAt.IsZero() {
		return s
	}
	p := *s
	p.Actuals = nil
	p.Assumptions.AsAt = carecast.Date{}
	return &p
}

// inputAsAt is the as-at date the input gives: its as_at setting, or the
// last day of its latest actual month; zero when it gives neither.
func inputAsAt(res *carecast.Result) carecast.Date { return res.AsAt }

// actualsAfter is the first month after asAt that an Actuals row of s
// names, or zero: the outturn cannot be reported as at a date before its
// actuals end.
func actualsAfter(s *carecast.Scenario, asAt carecast.Date) carecast.Date {
	var first carecast.Date
	for _, a := range s.Actuals {
		if a.Month.After(asAt) && (first.IsZero() || a.Month.Before(first)) {
			first = a.Month
		}
	}
	return first
}

// writeMonitoring writes the file outputs of 'carecast monitor' into
// --out, all or nothing and never over a file read, and lists them on
// stderr.
func writeMonitoring(opts *monitorOptions, s *carecast.Scenario, m *carecast.Monitoring, st *streams) error {
	prov, err := provenanceOf(opts.Input, s)
	if err != nil {
		return err
	}
	for _, path := range []string{opts.Baseline, opts.Previous} {
		if path == "" {
			continue
		}
		d, err := fileDigest(path)
		if err != nil {
			return inputError{err}
		}
		prov.Digests = append(prov.Digests, d)
	}
	// The report to the board, printed by Chromium, first: it is the
	// output that may fail for want of a program.
	ctx := context.Background()
	br, stop, err := startBrowser(ctx)
	if err != nil {
		return err
	}
	defer stop()
	print := func(ctx context.Context, html []byte) ([]byte, error) {
		return br.PrintHTML(ctx, html, render.PDF{Margin: paper.MarginInches, FooterTemplate: paper.FooterTemplate})
	}
	docxBytes, pdf, err := paper.Render(ctx, print, board.Build(m, prov), prov)
	if err != nil {
		return err
	}
	out := newOutputs(opts.Input, opts.Baseline, opts.Previous)
	defer out.abort()
	if err := out.stage(filepath.Join(opts.OutDir, workbook.MonitoringFileName), func(w io.Writer) error {
		return workbook.RenderMonitoring(w, m, prov)
	}); err != nil {
		return err
	}
	for _, f := range []struct {
		ext  string
		data []byte
	}{{".docx", docxBytes}, {".pdf", pdf}} {
		if err := out.stageBytes(filepath.Join(opts.OutDir, board.FileName+f.ext), f.data); err != nil {
			return err
		}
	}
	written, err := out.commit()
	if err != nil {
		return err
	}
	st.wrote(written...)
	return nil
}

// fileDigest is the SHA-256 of a file read beside the input (a frozen
// budget, a previous report), named by its base name.
func fileDigest(path string) (carecast.Digest, error) {
	f, err := os.Open(path)
	if err != nil {
		return carecast.Digest{}, err
	}
	defer f.Close()
	h := sha256.New()
	if _, err := io.Copy(h, f); err != nil {
		return carecast.Digest{}, err
	}
	return carecast.Digest{Name: filepath.Base(path), SHA256: hex.EncodeToString(h.Sum(nil))}, nil
}
