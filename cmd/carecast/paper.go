package main

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"strings"
	"sync"

	"github.com/carecast/carecast"
	"github.com/carecast/carecast/charts"
	"github.com/carecast/carecast/forecast"
	"github.com/carecast/carecast/internal/render"
	"github.com/carecast/carecast/paper"
	"github.com/spf13/cobra"
)

type paperOptions struct {
	Input   string // .xlsx file or folder of CSVs; empty: the built-in scenario
	Council string // a council's code; empty: every council and the consortium
	OutDir  string
	Risk    riskOptions
	// Size asks for the sizing result (the scheme at each size of the
	// block), NoSize leaves it out; neither: it is there when occupancy
	// follows demand (the input has Demand rows).
	Size, NoSize bool
}

// newPaperCmd builds the command; runF (nil: runPaper) receives the parsed
// options, so tests can check flag parsing alone.
func newPaperCmd(io *streams, runF func(*paperOptions, *streams) error) *cobra.Command {
	if runF == nil {
		runF = runPaper
	}
	opts := &paperOptions{}
	cmd := &cobra.Command{
		Use:   "paper [INPUT]",
		Short: "Write each council's cabinet paper in Word and PDF",
		Long: `Forecast the scenario, appraise it under uncertainty, and write a cabinet
paper for each member council: paper-CODE.docx, to edit in Word from the
council's template, and paper-CODE.pdf, an accessible PDF (tagged, with an
outline and "Page N of M" on every page). Without --council, one pair per
council and paper-consortium.docx and .pdf for the consortium, addressed
to the partners' cabinets. CODE is the council's code with any character
but a letter, digit, hyphen or underscore made a hyphen, cut to 64
characters; a council whose name that makes is taken (A/B and A.B, or a
council coded Consortium) adds -2, -3, ..., so every council has its own
pair.

Each paper follows English cabinet-report practice. A decision block
(meeting and date, portfolio holder, lead officer and contact, wards, key
decision, preferred option, budget line, medium-term financial plan
reference) comes first, then: Summary (what the council pays, its worst
year for cash and the settlement at the end, the savings beside the Monte
Carlo median and mean, the recurring saving apart from one-off grants);
Recommendations; Reasons; Background; Options considered (business as
usual first, each with why it is rejected, the options in £m on the same
footing); Financial implications (the council's budget by financial year
in £000, the assumptions, switching values in pounds a week, percentages
and months); Legal; Risks (the prudent figure for budgeting, a risk
register); Equalities; Consultation; Background papers. The body is at
most six A4 pages; the figures to the penny, the consortium and the
options, the charts (each with alternative text and its data table) and
method and provenance are appendices.

The author's words come from the input's optional Paper sheet (paper.csv:
council, field, value; a blank council is every paper) and RiskRegister
sheet (risk, likelihood, impact, mitigation, owner); 'carecast init'
writes both with example rows. What they do not give stays a marked
prompt. The Paper sheet's prudent_figure (P50, the default, or P10) is the
Monte Carlo percentile the paper budgets on.

When occupancy follows demand (the input has Demand rows), or with
--size, the Options section also carries the sizing result: the scheme's
central forecast at each size of the block from none to twice the largest
Rooms row, as 'carecast size' sweeps it, with the size proposed, the size
with the highest NPV and the reason in words (the chance the added rooms
are used against block price over spot price); beside it, the sizes
around that best with the risks drawn (1,000 runs at each, as 'carecast
size --risk' draws them), so that the paper says why the two differ when
they do. --no-size leaves it out. With Demand and Allocations rows, the
Options section also says what trading unused rooms between councils is
worth to the council and to the consortium, under each sharing rule.

The Word file uses Word's own Heading 1-3, Normal and Table Grid styles, so
a council template can restyle it; its header rows repeat across pages and
its paragraphs are numbered. The same input and SOURCE_DATE_EPOCH give the
same bytes. The PDF and the chart images are drawn by headless Chromium,
which must be installed (Debian and Ubuntu: the package chromium);
CARECAST_CHROMIUM may name another Chromium or Chrome.

INPUT is as for 'carecast forecast'; without it, the built-in scenario.

` + exitHelp,
		Example: `  carecast paper                             # every council and the consortium, into carecast-out/
  carecast paper inputs.xlsx --council HAV --out papers/
  carecast paper examples/demand --council HAV   # with the sizing result and bed trading
  carecast paper inputs.xlsx --size              # the sizing result without Demand rows
  SOURCE_DATE_EPOCH=1700000000 carecast paper --runs 2000 --seed 7`,
		Args: maxArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			if len(args) == 1 {
				opts.Input = args[0]
			}
			if err := opts.Risk.check(); err != nil {
				return err
			}
			if opts.Size && opts.NoSize {
				return usageError{errors.New("--size and --no-size: give one or the other")}
			}
			return runF(opts, io)
		},
	}
	cmd.Flags().StringVar(&opts.Council, "council", "", "write the paper of this council only (its code); 'consortium' for the consortium's")
	cmd.Flags().StringVarP(&opts.OutDir, "out", "o", "carecast-out", "folder for the papers")
	cmd.Flags().BoolVar(&opts.Size, "size", false, "carry the sizing result (automatic when the input has Demand rows)")
	cmd.Flags().BoolVar(&opts.NoSize, "no-size", false, "leave the sizing result out")
	addRiskFlags(cmd, &opts.Risk)
	return cmd
}

func runPaper(opts *paperOptions, io *streams) error {
	s, err := loadScenario(opts.Input, io)
	if err != nil {
		return err
	}
	res, err := forecast.Run(s)
	if err != nil {
		return err
	}
	prov, err := provenanceOf(opts.Input, s)
	if err != nil {
		return err
	}
	// The paper always carries the appraisal: the chance of a loss, Table C
	// and D, the tornado and the fan.
	risk := opts.Risk
	risk.Risk = true
	ap, err := appraise(s, res, risk, io)
	if err != nil {
		return err
	}
	in := paper.Inputs{Result: res, Appraisal: ap, Provenance: prov}
	if in.Options, err = optionResults(s, opts.Input); err != nil {
		return err
	}
	if opts.Size || (!opts.NoSize && len(s.Demand) > 0 && forecast.LargestRooms(s) > 0) {
		if in.Sizing, err = paperSizing(s, io); err != nil {
			return err
		}
		if in.SizingRisk, err = paperSizingRisk(s, in.Sizing, opts.Risk.Seed); err != nil {
			return err
		}
	}
	var papers []*paper.Paper
	if opts.Council != "" {
		p, err := paper.BuildOne(in, opts.Council)
		if err != nil {
			return usageError{fmt.Errorf("--council: %w", err)}
		}
		papers = append(papers, p)
	} else if papers, err = paper.Build(in); err != nil {
		return err
	}
	ctx := context.Background()
	b, stop, err := startBrowser(ctx)
	if err != nil {
		return err
	}
	defer stop()
	rendered, err := renderPapers(ctx, b, io, chartDrawer(b, res, ap, in.Sizing), prov, papers)
	if err != nil {
		return err
	}
	// Every paper of the run, all or nothing (outputs.go).
	out := newOutputs(opts.Input)
	defer out.abort()
	names := map[string]bool{}
	for _, r := range rendered {
		// Unique by carecast.FileStems; a clash would lose a paper.
		if k := strings.ToLower(r.Paper.FileName("")); names[k] {
			return fmt.Errorf("two papers would be named %s", r.Paper.FileName(".*"))
		} else {
			names[k] = true
		}
		for _, f := range []struct {
			name string
			data []byte
		}{{r.Paper.FileName(".docx"), r.Docx}, {r.Paper.FileName(".pdf"), r.PDF}} {
			if err := out.stageBytes(filepath.Join(opts.OutDir, f.name), f.data); err != nil {
				return err
			}
		}
	}
	written, err := out.commit()
	io.wrote(written...)
	return err
}

// renderPapers renders the papers in the browser (paper.RenderAll), their
// charts drawn by draw. On a terminal, a bar counts the papers printed
// (two at a time, in two tabs) once the charts are drawn; it shows after
// a second.
func renderPapers(ctx context.Context, b *render.Browser, io *streams, draw paper.Drawer, prov paper.Provenance, papers []*paper.Paper) ([]paper.Rendered, error) {
	bar := newProgressBar(io, "Printing", "papers", len(papers))
	var barMu sync.Mutex
	printed := 0
	progress := func(n int) {
		barMu.Lock()
		defer barMu.Unlock()
		printed += n
		bar.update(printed)
	}
	print := func(ctx context.Context, html []byte) ([]byte, error) {
		pdf, err := b.PrintHTML(ctx, html, render.PDF{Margin: paper.MarginInches, FooterTemplate: paper.FooterTemplate})
		if err == nil {
			progress(1)
		}
		return pdf, err
	}
	drawThenShow := func(ctx context.Context, reqs []paper.ChartRequest) ([]paper.DrawnChart, error) {
		drawn, err := draw(ctx, reqs)
		progress(0)
		return drawn, err
	}
	rendered, err := paper.RenderAll(ctx, b, drawThenShow, print, prov, papers...)
	bar.finish()
	return rendered, err
}

// optionResults forecasts the options of the input's Options sheet, in
// parallel, for the paper's Options considered (the base case is the
// forecast the paper already has).
func optionResults(s *carecast.Scenario, input string) ([]paper.Option, error) {
	cases := forecast.Cases(s, input, carecast.BaseCaseName)[1:]
	if err := forecast.RunCases(cases, 0); err != nil {
		return nil, err
	}
	var out []paper.Option
	for _, c := range cases {
		out = append(out, paper.Option{Name: c.Option, Description: c.Description, Result: c.Result})
	}
	return out, nil
}

// paperSizing sweeps the block from no rooms to twice the largest Rooms
// row, as 'carecast size' does by default (within its caps: sizeRange), central figures only, with a
// progress bar on a terminal once it takes a second.
func paperSizing(s *carecast.Scenario, io *streams) (*carecast.Sizing, error) {
	largest := forecast.LargestRooms(s)
	if largest == 0 {
		return nil, inputError{errors.New("--size: every Rooms row is zero: there is no block to size")}
	}
	lo, hi := sizeRange(&sizeOptions{Max: -1}, largest)
	bar := newProgressBar(io, "Sizing", "sizes", hi-lo+1)
	z, err := forecast.Size(s, forecast.SizeOptions{Min: lo, Max: hi, Progress: bar.update})
	bar.finish()
	return z, err
}

// sizingRiskRuns are the Monte Carlo runs at each size of the paper's
// sweep with the risks drawn, as 'carecast size --risk' draws by default.
const sizingRiskRuns = 1000

// paperSizingRisk sweeps the sizes around the central forecast's best,
// three rooms below to two above, with the risks drawn (the same draws
// at every size), so that the paper reconciles the central forecast's
// best size with the expected NPV's, as 'carecast size --risk' would.
func paperSizingRisk(s *carecast.Scenario, z *carecast.Sizing, seed uint64) (*carecast.Sizing, error) {
	lo := max(0, z.Recommended-3)
	return forecast.Size(s, forecast.SizeOptions{Min: lo, Max: z.Recommended + 2, Risk: true, Runs: sizingRiskRuns, Seed: seed})
}

// chartDrawer draws a paper's charts from charts.html's definitions
// (charts.PrintPage, parameterised by council and print size) to SVG, by
// ECharts' server-side renderer in the browser (render.ChartsSVG).
func chartDrawer(b *render.Browser, res *carecast.Result, ap *carecast.Appraisal, z *carecast.Sizing) paper.Drawer {
	return func(ctx context.Context, reqs []paper.ChartRequest) ([]paper.DrawnChart, error) {
		pr := make([]charts.PrintRequest, len(reqs))
		for i, r := range reqs {
			pr[i] = charts.PrintRequest{Chart: r.Chart, Council: r.Council}
		}
		page, laid, err := charts.PrintPage(res, ap, z, pr)
		if err != nil {
			return nil, err
		}
		sc := make([]render.SVGChart, len(laid))
		for i, c := range laid {
			sc[i] = render.SVGChart{ID: c.ID, Width: c.Width, Height: c.Height}
		}
		svgs, err := b.ChartsSVG(ctx, page, sc)
		if err != nil {
			return nil, err
		}
		out := make([]paper.DrawnChart, len(svgs))
		for i, svg := range svgs {
			out[i] = paper.DrawnChart{SVG: svg, Width: laid[i].Width, Height: laid[i].Height}
		}
		return out, nil
	}
}
