package main

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	goio "io"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"time"

	"github.com/carecast/carecast"
	"github.com/carecast/carecast/charts"
	"github.com/carecast/carecast/inputs"
	"github.com/carecast/carecast/reports"
	"github.com/carecast/carecast/ssda903"
	"github.com/carecast/carecast/ssda903/ssda903test"
	"github.com/carecast/carecast/workbook"
	"github.com/shopspring/decimal"
	"github.com/spf13/cobra"
)

// The files 'carecast demand 903 --out DIR' writes.
const (
	demandCSVFile      = "demand.csv"
	scenarioCopyXLSX   = "scenario.xlsx"
	scenarioCopyFolder = "scenario"
)

type demand903Options struct {
	Dirs      []string
	Councils  []string // one a folder; empty: the folders' names
	Places    []string // PLACE codes or categories; empty: K2
	Reference string   // FROM:TO; empty: the last three years of each council's returns
	Horizon   string   // a scenario (.xlsx or CSV folder) giving the horizon, councils and PlaceCodes
	Runs      int
	Seed      uint64
	Out       string // folder; empty: no files
	JSON      bool
}

// newDemandCmd is 'carecast demand', the home of the commands that work
// out demand from the data councils hold; runF (nil: runDemand903)
// receives the parsed options of 'demand 903'.
func newDemandCmd(io *streams, runF func(*demand903Options, *streams) error) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "demand",
		Short: "Demand for placements, from the data councils already hold",
		Long: `Work out each council's demand for placements from the data it already
holds, as Demand rows for a scenario. One source so far:

  carecast demand 903 DIR...     the SSDA903 returns (looked-after children)
  carecast demand example DIR    made-up SSDA903 returns to try it on

` + exitHelp,
		Args: func(cmd *cobra.Command, args []string) error {
			if len(args) > 0 {
				return usageError{fmt.Errorf("unknown command %q for %q", args[0], cmd.CommandPath())}
			}
			return nil
		},
		RunE: func(cmd *cobra.Command, args []string) error { return cmd.Help() },
	}
	cmd.AddCommand(newDemand903Cmd(io, runF))
	cmd.AddCommand(newDemandExampleCmd(io, nil))
	return cmd
}

type demandExampleOptions struct {
	Dir     string
	Horizon string // a scenario whose councils and start date the returns are made for; empty: the built-in
	Years   int
	Seed    uint64
}

// newDemandExampleCmd is 'carecast demand example': made-up SSDA903
// returns, to try 'demand 903' on without personal data.
func newDemandExampleCmd(io *streams, runF func(*demandExampleOptions, *streams) error) *cobra.Command {
	if runF == nil {
		runF = runDemandExample
	}
	opts := &demandExampleOptions{}
	cmd := &cobra.Command{
		Use:   "example DIR",
		Short: "Write made-up SSDA903 returns, to try 'demand 903' on",
		Long: `Write made-up SSDA903 returns into DIR, a folder for each council of the
built-in scenario (or of --horizon INPUT) named by its code, each with a
header and an episodes file a collection year, as the Department
publishes them, for the --years collection years before the scenario
starts. Children enter care, move between placements (children's homes,
fostering, placement with parents, supported living) and leave care by a
fixed daily process, about 150 children in care to a council; nothing in
them is real: every identifier begins FAKE and every postcode is in the
made-up area XX. The same --seed gives the same files.

DIR must not exist, or be empty.

` + exitHelp,
		Example: `  carecast demand example 903/
  carecast demand 903 903/HAV 903/BAD --out demand/`,
		Args: exactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Dir = args[0]
			if opts.Dir == "-" {
				return usageError{errors.New("DIR -: 'carecast demand example' writes a folder of returns, not to standard output; give a folder name (./- for a folder named -)")}
			}
			if opts.Years < 1 || opts.Years > 20 {
				return usageError{fmt.Errorf("--years must be from 1 to 20, not %d", opts.Years)}
			}
			return runF(opts, io)
		},
	}
	cmd.Flags().StringVar(&opts.Horizon, "horizon", "", "a scenario whose councils and start date the returns are made for (default: the built-in)")
	cmd.Flags().IntVar(&opts.Years, "years", 3, "collection years of returns, ending the March before the scenario starts")
	cmd.Flags().Uint64Var(&opts.Seed, "seed", 1, "seed of the made-up children: the same seed, the same files")
	return cmd
}

func runDemandExample(opts *demandExampleOptions, io *streams) error {
	s, err := loadScenario(opts.Horizon, io)
	if err != nil {
		return err
	}
	if entries, err := os.ReadDir(opts.Dir); err == nil && len(entries) > 0 {
		return usageError{fmt.Errorf("%s is not empty; give a new folder", carecast.Printable(opts.Dir))}
	}
	tmp, err := os.MkdirTemp("", "carecast-903-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(tmp)
	start := s.Assumptions.StartDate
	last := start.AddDays(-1).FinancialYear() // the year that ends before the start
	made, err := ssda903test.Write(tmp, ssda903test.Config{Councils: len(s.Councils), FirstYear: int(last) + 2 - opts.Years,
		Years: opts.Years, Seed: opts.Seed, Scale: 0.3, Process: ssda903test.Standard()})
	if err != nil {
		return err
	}
	out := newOutputs(opts.Horizon)
	defer out.abort()
	// A folder a council, named by its file stem: a code such as A/B or
	// ../x names no folder elsewhere.
	stems := carecast.FileStems(s.Councils)
	for i, c := range made {
		entries, err := os.ReadDir(c.Dir)
		if err != nil {
			return err
		}
		for _, e := range entries {
			data, err := os.ReadFile(filepath.Join(c.Dir, e.Name()))
			if err != nil {
				return err
			}
			if err := out.stageBytes(filepath.Join(opts.Dir, stems[i], e.Name()), data); err != nil {
				return err
			}
		}
	}
	if _, err := out.commit(); err != nil {
		return err
	}
	io.note("wrote %s: made-up SSDA903 returns of %d councils, %d collection years each\n", carecast.Printable(opts.Dir), len(made), opts.Years)
	return nil
}

// demand903Long is the help of demand 903.
var demand903Long = `Read each council's SSDA903 returns, the looked-after children return every
English council sends the Department for Education each year, and work out
(docs/methodology.md §17):

- the history: for each council and month, the average number of its
  children at once in the chosen placement types (--place, default K2,
  children's homes), and of them how many were placed outside the
  council's area (PL_LOCATION, or PL_LA against the council's own) and
  more than 20 miles from home (PL_DISTANCE), where the returns say;
- the projection: each council's entries into care, moves between
  categories of placement, birthdays into the next age band and exits,
  counted by age band (under 1, 1 to 4, 5 to 9, 10 to 15, 16 and over)
  over the reference period (--reference, default the last three years of
  its returns), as daily rates; the expected number in the chosen
  placements each month to the end of the horizon, worked out exactly
  from them, and its P10 and P90 over --runs simulations (each drawing
  the rates from their counts, then the children), seeded: the same
  returns and --seed give the same figures;
- Demand rows for a scenario: each month of the horizon, the history where
  the returns cover it, else the projection's expected value; and the
  demand and demand_council risk factors set from the projection's spread.

Each DIR is one council's folder, holding its returns for one or more
years, as the Department publishes them: CSV files with "header" in the
name (header_2019.csv, 2020/header.csv) and with "episodes" in the name
(episodes_2019.csv), in this folder or folders within it; any year's
columns (CHILD, DOB; CHILD, DECOM, PLACE, DEC, and where given
PL_LOCATION, PL_DISTANCE, PL_LA); dates dd/mm/yyyy (yyyy-mm-dd is read too;
a file in US order, month first, is refused). Other files (UASC, reviews,
the social workers' sw_episodes) are not read. The years are combined as
the published demand model (Data to Insight and Social Finance) combines
them: duplicates dropped, and an episode that overlaps the child's next
one shortened to end where the next begins (counted, with a warning).

The council: --council CODE,... names each folder's council in turn;
without it, a folder's own name is its council (903/HAV is HAV). With
--horizon INPUT, each must be a council of that scenario, by code or name.

--horizon INPUT takes the horizon (start_date and years), the councils and
the PlaceCodes table (which category each PLACE code is in) from a
scenario; without it the projection runs 8 years from the month after the
latest date in the returns, and the Department's codes apply. --place
takes PLACE codes or categories (K2,R1 or residential).

The returns are personal data. Nothing carecast writes or says carries a
child's identifier, date of birth or postcode: a problem is named by file,
line and field, quoting only an episode's dates and a PLACE code of the
right shape. Outputs are aggregates, and anything meant for a paper (the
charts page and the workbook) shows fewer than 5 children as "fewer than
5".

A table by council on stdout (tab-separated when piped); --json prints
{"horizon","runs","seed","councils":[{"council","name","places","first",
"last","files","episodes","duplicates","overlaps","reference",
"history":[{"month","days","children","out_of_area","location_unknown",
"over_20_miles","distance_unknown","starts","ends"}],
"projection":[{"month","expected","p10","p90"}]}],"risks","spread",
"states","age_bands","place_codes"}, numbers exact to six places.

--out DIR writes, all or nothing:
  demand.csv     the Demand rows (council, from, placements), a CSV
                 scenario's table as it stands
  demand.html    a page of charts, one a council: history, projection and
                 its P10 to P90 band, and the consortium's
  demand.xlsx    the same as a workbook for a paper: the history and
                 projection by council and month, the rates counted,
                 the PLACE codes, and the provenance
  scenario.xlsx  with --horizon INPUT.xlsx: a copy of the scenario with
                 these Demand rows, its Occupancy emptied (occupancy then
                 follows demand) and the demand risks set; for a CSV
                 folder, the folder scenario/. The input is never written.

` + exitHelp

func newDemand903Cmd(io *streams, runF func(*demand903Options, *streams) error) *cobra.Command {
	if runF == nil {
		runF = runDemand903
	}
	opts := &demand903Options{}
	cmd := &cobra.Command{
		Use:   "903 DIR...",
		Short: "Demand from the councils' SSDA903 returns: history, projection and Demand rows",
		Long:  demand903Long,
		Example: `  carecast demand example 903/                                # made-up returns of the built-in councils, to try it
  carecast demand 903 903/HAV 903/BAD 903/HAC              # each folder's name is its council
  carecast demand 903 returns/havering --council HAV --json | jq '.councils[0].history[-1]'
  carecast demand 903 903/* --horizon inputs.xlsx --out demand/   # then: carecast forecast demand/scenario.xlsx
  carecast demand 903 903/* --place K2,R1 --reference 2019-04-01:2022-03-31 --runs 5000 --seed 7`,
		Args: func(cmd *cobra.Command, args []string) error {
			if len(args) == 0 {
				return usageError{errors.New("give at least one council's folder of SSDA903 returns")}
			}
			return nil
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Dirs = args
			if _, err := outFlag(cmd, "out"); err != nil {
				return err
			}
			if len(opts.Councils) > 0 && len(opts.Councils) != len(args) {
				return usageError{fmt.Errorf("--council names %d councils for %d folders; name one a folder, in the same order", len(opts.Councils), len(args))}
			}
			if opts.Runs < 1 || opts.Runs > ssda903.MaxRuns {
				return usageError{fmt.Errorf("--runs must be from 1 to %d, not %d", ssda903.MaxRuns, opts.Runs)}
			}
			return runF(opts, io)
		},
	}
	cmd.Flags().StringSliceVar(&opts.Councils, "council", nil, "each folder's council, in order (default: the folder's name)")
	cmd.Flags().StringSliceVar(&opts.Places, "place", nil, "PLACE codes or categories counted (default K2)")
	cmd.Flags().StringVar(&opts.Reference, "reference", "", "FROM:TO, the days whose moves set the rates (default: the last three years of each council's returns)")
	cmd.Flags().StringVar(&opts.Horizon, "horizon", "", "a scenario (.xlsx or CSV folder) giving the horizon, councils and PlaceCodes")
	cmd.Flags().IntVarP(&opts.Runs, "runs", "n", ssda903.DefaultRuns, "simulations for the P10 and P90")
	cmd.Flags().Uint64Var(&opts.Seed, "seed", 1, "seed of the simulations: the same seed, the same figures")
	cmd.Flags().StringVar(&opts.Out, "out", "", "also write demand.csv, demand.html, demand.xlsx (and the scenario's copy) into this folder")
	cmd.Flags().BoolVar(&opts.JSON, "json", false, "print the machine-readable history and projection")
	return cmd
}

// parseReference reads FROM:TO, either side may be left out.
func parseReference(v string) (from, to carecast.Date, err error) {
	if strings.TrimSpace(v) == "" {
		return
	}
	a, b, ok := strings.Cut(v, ":")
	bad := usageError{fmt.Errorf("--reference %q: expected FROM:TO, two dates such as 2019-04-01:2022-03-31 (either may be left out)", v)}
	if !ok {
		return from, to, bad
	}
	for _, p := range []struct {
		text string
		d    *carecast.Date
	}{{a, &from}, {b, &to}} {
		if t := strings.TrimSpace(p.text); t != "" {
			d, e := inputs.ParseDate(t)
			if e != nil {
				return from, to, bad
			}
			*p.d = d
		}
	}
	if !from.IsZero() && !to.IsZero() && to.Before(from) {
		return from, to, usageError{fmt.Errorf("--reference %q: TO is before FROM", v)}
	}
	return from, to, nil
}

// placesOf reads --place: PLACE codes of the table, or categories (each
// standing for its codes), in the table's order.
func placesOf(flag []string, table []carecast.PlaceCode) ([]string, error) {
	if len(flag) == 0 {
		return []string{carecast.PlaceCodeK2}, nil
	}
	want := map[string]bool{}
	for _, f := range flag {
		f = strings.TrimSpace(f)
		code := strings.ToUpper(f)
		found := false
		for _, p := range table {
			if p.Code == code {
				want[code], found = true, true
			}
		}
		if !found {
			if cat, ok := carecast.ParsePlaceCategory(f); ok {
				for _, p := range table {
					if p.Category == cat {
						want[p.Code], found = true, true
					}
				}
			}
		}
		if !found {
			var codes []string
			for _, p := range table {
				codes = append(codes, p.Code)
			}
			return nil, usageError{fmt.Errorf("--place %q: not a PLACE code of the PlaceCodes table (%s) nor a category", carecast.Printable(f), strings.Join(codes, ", "))}
		}
	}
	var out []string
	for _, p := range table {
		if want[p.Code] {
			out = append(out, p.Code)
		}
	}
	return out, nil
}

// councilOf finds the scenario's council a folder names, by code or name.
func councilOf(s *carecast.Scenario, name string) (int, bool) {
	k := inputs.Key(name)
	for i, c := range s.Councils {
		if inputs.Key(c.Code) == k || inputs.Key(c.Name) == k {
			return i, true
		}
	}
	return -1, false
}

func runDemand903(opts *demand903Options, io *streams) error {
	from, to, err := parseReference(opts.Reference)
	if err != nil {
		return err
	}
	var s *carecast.Scenario
	if opts.Horizon != "" {
		if s, err = loadScenario(opts.Horizon, io); err != nil {
			return err
		}
	}
	table := carecast.DefaultPlaceCodes()
	if s != nil && len(s.PlaceCodes) > 0 {
		table = s.PlaceCodes
	}
	places, err := placesOf(opts.Places, table)
	if err != nil {
		return err
	}
	// Each folder's council.
	sources := make([]ssda903.Source, len(opts.Dirs))
	index := make([]int, len(opts.Dirs)) // in the scenario's Councils
	seen := map[string]string{}
	for i, dir := range opts.Dirs {
		name := filepath.Base(filepath.Clean(dir))
		if len(opts.Councils) > 0 {
			name = strings.TrimSpace(opts.Councils[i])
		}
		if name == "" || name == "." || name == string(filepath.Separator) {
			return usageError{fmt.Errorf("%s: name its council with --council", carecast.Printable(dir))}
		}
		src := ssda903.Source{Dir: dir, Code: name, Name: name}
		index[i] = i
		if s != nil {
			c, ok := councilOf(s, name)
			if !ok {
				var codes []string
				for _, c := range s.Councils {
					codes = append(codes, c.Code)
				}
				return usageError{fmt.Errorf("%s: %q is not a council of %s (%s); name the folder's council with --council", carecast.Printable(dir), carecast.Printable(name), carecast.Printable(opts.Horizon), strings.Join(codes, ", "))}
			}
			src.Code, src.Name, index[i] = s.Councils[c].Code, s.Councils[c].Name, c
		}
		if prev, dup := seen[inputs.Key(src.Code)]; dup {
			return usageError{fmt.Errorf("%s and %s are both council %s; give each council's returns in one folder", carecast.Printable(prev), carecast.Printable(dir), carecast.Printable(src.Code))}
		}
		seen[inputs.Key(src.Code)] = dir
		sources[i] = src
	}
	o := ssda903.Options{Places: places, PlaceCodes: table, ReferenceFrom: from, ReferenceTo: to, Runs: opts.Runs, Seed: opts.Seed}
	if s != nil {
		o.Start, o.Years = s.Assumptions.StartDate, s.Assumptions.Years
	}
	study, warnings, err := ssda903.Study(sources, o)
	for _, w := range warnings {
		fmt.Fprintln(io.Err, "warning:", carecast.Printable(w.String()))
	}
	var errs *ssda903.Errors
	if errors.As(err, &errs) {
		for _, p := range errs.Problems {
			fmt.Fprintln(io.Err, carecast.Printable(p.String()))
		}
		if errs.More > 0 {
			fmt.Fprintln(io.Err, inputs.MoreLine(errs.More))
		}
		return inputError{fmt.Errorf("the SSDA903 returns: %s", plural(len(errs.Problems)+errs.More, "error"))}
	}
	if err != nil {
		return err
	}
	if opts.Out != "" {
		if err := writeDemandOutputs(opts, io, study, s, index); err != nil {
			return err
		}
	}
	switch {
	case opts.JSON:
		return reports.WriteDemandStudyJSON(io.Out, study)
	case io.OutTTY:
		return reports.WriteDemandStudy(io.Out, study)
	default:
		return reports.WriteDemandStudyTSV(io.Out, study)
	}
}

// demandRows are the Demand rows of the study: for each council and month
// of the horizon, the history where the returns cover the month, else the
// projection's expected value, to six places. index gives each council's
// place in the scenario's Councils.
func demandRows(study *carecast.DemandStudy, index []int) []carecast.DemandRow {
	var rows []carecast.DemandRow
	for i := range study.Councils {
		c := &study.Councils[i]
		for m := study.Start; !m.After(study.End); m = m.AddMonths(1) {
			if v, ok := c.Placements(m); ok {
				rows = append(rows, carecast.DemandRow{Council: index[i], From: m, Placements: decimal.RequireFromString(carecast.Number6(v))})
			}
		}
	}
	return rows
}

// demandRisks are the scenario's risks (or the defaults) with the demand
// factors set from the study's spread.
func demandRisks(s *carecast.Scenario, study *carecast.DemandStudy) []carecast.Risk {
	risks := slices.Clone(s.Risks)
	if len(risks) == 0 {
		risks = carecast.DefaultRisks()
	}
	if study.Spread.Months == 0 {
		return risks
	}
	set := map[carecast.Factor]carecast.Risk{carecast.FactorDemand: study.Demand, carecast.FactorDemandCouncil: study.DemandCouncil}
	for i, r := range risks {
		if v, ok := set[r.Factor]; ok {
			risks[i] = v
			delete(set, r.Factor)
		}
	}
	for _, f := range []carecast.Factor{carecast.FactorDemand, carecast.FactorDemandCouncil} {
		if v, ok := set[f]; ok {
			risks = append(risks, v)
		}
	}
	sort.SliceStable(risks, func(a, b int) bool { return risks[a].Factor < risks[b].Factor })
	return risks
}

// writeDemandOutputs writes the files of --out, all or nothing, never
// over an input.
func writeDemandOutputs(opts *demand903Options, io *streams, study *carecast.DemandStudy, s *carecast.Scenario, index []int) error {
	prepared, err := carecast.PreparedDate(os.Getenv("SOURCE_DATE_EPOCH"), time.Now())
	if err != nil {
		return usageError{err}
	}
	prov := carecast.Provenance{Version: versionLine(buildVersion()), Prepared: prepared}
	prov.Input = "SSDA903 returns in " + strings.Join(opts.Dirs, ", ")
	if opts.Horizon != "" {
		prov.Input += "; horizon, councils and PLACE codes from " + opts.Horizon
	}
	for _, c := range study.Councils {
		prov.Digests = append(prov.Digests, c.Digests...)
	}
	if s != nil {
		prov.Digests = append(prov.Digests, s.Digests...)
	}
	rows := demandRows(study, index)
	out := newOutputs(opts.Horizon)
	// The returns are inputs too: never written over.
	out.tx.Protect = append(out.tx.Protect, opts.Dirs...)
	defer out.abort()
	codes := make([]string, len(study.Councils))
	for i, c := range study.Councils {
		codes[i] = c.Code
	}
	if err := out.stage(filepath.Join(opts.Out, demandCSVFile), func(w goio.Writer) error {
		return writeDemandCSV(w, rows, index, codes)
	}); err != nil {
		return err
	}
	if err := out.stage(filepath.Join(opts.Out, charts.DemandStudyFileName), func(w goio.Writer) error {
		return charts.RenderDemandStudy(w, study, scenarioName(s))
	}); err != nil {
		return err
	}
	if err := out.stage(filepath.Join(opts.Out, workbook.DemandStudyFileName), func(w goio.Writer) error {
		return workbook.RenderDemandStudy(w, study, scenarioName(s), prov)
	}); err != nil {
		return err
	}
	if s != nil {
		// The scenario's own Demand rows stay for the councils whose
		// returns were not given.
		studied := map[int]bool{}
		for _, i := range index {
			studied[i] = true
		}
		all := slices.Clone(rows)
		for _, r := range s.Demand {
			if !studied[r.Council] {
				all = append(all, r)
			}
		}
		cp, err := inputs.CopyWithDemand(opts.Horizon, s, all, demandRisks(s, study))
		if err != nil {
			return fmt.Errorf("%s: %w", carecast.Printable(opts.Horizon), err)
		}
		if cp.Workbook != nil {
			if err := out.stageBytes(filepath.Join(opts.Out, scenarioCopyXLSX), cp.Workbook); err != nil {
				return err
			}
		} else {
			names := make([]string, 0, len(cp.Files))
			for n := range cp.Files {
				names = append(names, n)
			}
			sort.Strings(names)
			for _, n := range names {
				if err := out.stageBytes(filepath.Join(opts.Out, scenarioCopyFolder, n), cp.Files[n]); err != nil {
					return err
				}
			}
		}
	}
	written, err := out.commit()
	if err != nil {
		return err
	}
	io.wrote(written...)
	return nil
}

// scenarioName is the scenario's name, or "" without one.
func scenarioName(s *carecast.Scenario) string {
	if s == nil {
		return ""
	}
	return s.Assumptions.Scenario
}

// writeDemandCSV writes the Demand rows as a scenario's demand.csv.
func writeDemandCSV(w goio.Writer, rows []carecast.DemandRow, index []int, codes []string) error {
	code := map[int]string{}
	for i, c := range index {
		code[c] = codes[i]
	}
	var b bytes.Buffer
	cw := csv.NewWriter(&b)
	cw.Write([]string{"council", "from", "placements"})
	for _, r := range rows {
		cw.Write([]string{code[r.Council], r.From.String(), r.Placements.String()})
	}
	cw.Flush()
	if err := cw.Error(); err != nil {
		return err
	}
	_, err := w.Write(b.Bytes())
	return err
}
