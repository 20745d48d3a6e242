package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"

	"github.com/carecast/carecast"
	"github.com/carecast/carecast/charts"
	"github.com/carecast/carecast/forecast"
	"github.com/carecast/carecast/internal/render"
	"github.com/carecast/carecast/paper"
	"github.com/spf13/cobra"
)

// chartsFile is the name of the charts page in --out.
const chartsFile = "charts.html"

type chartsOptions struct {
	Input  string // .xlsx file or folder of CSVs; empty: the built-in scenario
	OutDir string // where charts.html goes
	PNGDir string // if set, one PNG per chart goes here
	// Council, with PNGDir, writes the charts of that council's cabinet
	// paper (its code; "consortium" for the consortium's) instead, each
	// with a text file of its caption, source line and alternative text.
	Council string
	Risk    riskOptions
}

// chartsLong is the help of charts.
var chartsLong = `Forecast the scenario and write only its charts: charts.html in --out, one
page that opens in any browser with no network (ECharts is inside it):

  - cumulative savings, for the consortium and each council
  - savings by council and financial year
  - block rooms available against rooms occupied, month by month
  - block contract cost against spot purchasing avoided, by year
  - the pooled fund balance, with its zero line
  - a waterfall from spot purchasing avoided to net savings

When occupancy follows demand (Demand rows), the page adds, with the total
overflow among its key figures:

  - the overflow by council and financial year: room-days of demand the
    block cannot take, still spot-purchased, with the spot cost they carry
  - with Allocations rows, what bed trading is worth: each council's
    savings under each sharing rule side by side, and the consortium's
    savings, NPV, occupancy, void cost and overflow under each

With --risk, or when the input has a Risks sheet, the page adds the
appraisal under uncertainty, as 'carecast forecast' does:

  - a tornado: the savings with each risk at its low and its high, the
    largest swing at the top, with each risk's switching value
  - a fan of cumulative savings month by month across the Monte Carlo runs
    (P10 to P90 and P25 to P75, the median and the forecast)
  - a histogram of the savings across the runs, the losses marked, with
    the probability of a loss

Each chart has a button that saves it as an image, and the page prints on
A4 with a chart to a half page. The colours are told apart by colour-blind
readers, and lines and bars also differ by dash, marker and pattern, so they
survive greyscale printing.

With --out -, the page goes to standard output instead of a file.

With --png DIR, write each chart as a PNG image instead (1600 pixels wide,
for pasting into a Word paper) into DIR, and no page unless --out is given
too: 1-cumulative-savings.png and so on, the demand's and then the
appraisal's after the others (7-overflow.png and 8-bed-trading.png; without
them, 7-tornado.png, 8-savings-fan.png and 9-savings-histogram.png). That draws
the page in headless Chromium, which must be installed (Debian and Ubuntu:
the package chromium); CARECAST_CHROMIUM may name another Chromium or
Chrome.

With --council CODE and --png DIR, write instead the charts of that
council's cabinet paper (as 'carecast paper --council CODE' draws them:
the council against the rest, A4 print size), each as a PNG and beside it
a text file of the same name (.txt) holding its caption, its source line
and its alternative text, to paste under the picture and into Word's Alt
Text: 1-cumulative-savings.png and 1-cumulative-savings.txt, and so on.
'consortium' names the consortium's paper.

INPUT is as for 'carecast forecast'; without it, the built-in scenario.

` + exitHelp

// newChartsCmd builds the command; runF (nil: runCharts) receives the
// parsed options, so that tests can check the flags alone.
func newChartsCmd(io *streams, runF func(*chartsOptions, *streams) error) *cobra.Command {
	if runF == nil {
		runF = runCharts
	}
	opts := &chartsOptions{}
	cmd := &cobra.Command{
		Use:   "charts [INPUT]",
		Short: "Write the charts page for cabinet papers, and optionally PNG images",
		Long:  chartsLong,
		Example: `  carecast charts                            # the built-in scenario, into carecast-out/
  carecast charts inputs.xlsx --out papers/
  carecast charts inputs.xlsx --png images/   # the PNGs only
  carecast charts inputs.xlsx --out papers/ --png papers/images
  carecast charts --risk --runs 2000 --seed 7 # with the tornado, fan and histogram
  carecast charts examples/demand             # with the overflow and bed-trading charts
  carecast charts --council HAV --png png/    # Havering's paper's charts, each with caption, source and alt text`,
		Args: maxArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			if len(args) == 1 {
				opts.Input = args[0]
			}
			outGiven, err := outFlag(cmd, "out")
			if err != nil {
				return err
			}
			if _, err := outFlag(cmd, "png"); err != nil {
				return err
			}
			// --png alone asks for the images only: the page they are
			// drawn from is kept only when --out asks for it too.
			if opts.PNGDir != "" && !outGiven {
				opts.OutDir = ""
			}
			if opts.Council != "" && (opts.PNGDir == "" || outGiven) {
				return usageError{errors.New("--council goes with --png DIR and without --out: it writes a paper's charts as PNG images, not the charts page")}
			}
			return runF(opts, io)
		},
	}
	cmd.Flags().StringVarP(&opts.OutDir, "out", "o", "carecast-out", "folder for charts.html (with --png: only when given); - writes the page to standard output")
	allowStdout(cmd, "out")
	cmd.Flags().StringVar(&opts.PNGDir, "png", "", "write one PNG image per chart into this folder (needs Chromium)")
	cmd.Flags().StringVar(&opts.Council, "council", "", "with --png: the charts of this council's cabinet paper (its code; 'consortium' for the consortium's), each with caption, source and alt text")
	addRiskFlags(cmd, &opts.Risk)
	return cmd
}

func runCharts(opts *chartsOptions, io *streams) error {
	if err := opts.Risk.check(); err != nil {
		return err
	}
	if opts.PNGDir != "" {
		// Say so before any work is done.
		if _, err := render.FindChromium(); err != nil {
			return err
		}
	}
	s, res, err := loadAndRun(opts.Input, io)
	if err != nil {
		return err
	}
	ap, err := appraise(s, res, opts.Risk, io)
	if err != nil {
		return err
	}
	if opts.Council != "" {
		return writePaperCharts(opts, s, res, ap, io)
	}
	var page bytes.Buffer
	if err := charts.Render(&page, res, ap); err != nil {
		return err
	}
	out := newOutputs(opts.Input)
	defer out.abort()
	if opts.OutDir != "" && opts.OutDir != "-" {
		if err := out.stageBytes(filepath.Join(opts.OutDir, chartsFile), page.Bytes()); err != nil {
			return err
		}
	}
	if opts.PNGDir != "" {
		// The browser draws the images from a copy of the page in a
		// private folder: the page in --out appears only with them.
		tmp, err := os.MkdirTemp("", "carecast-charts-")
		if err != nil {
			return err
		}
		defer os.RemoveAll(tmp)
		pagePath := filepath.Join(tmp, chartsFile)
		if err := os.WriteFile(pagePath, page.Bytes(), 0o600); err != nil {
			return err
		}
		ctx := context.Background()
		b, stop, err := startBrowser(ctx)
		if err != nil {
			return err
		}
		defer stop()
		images, err := b.ChartImages(ctx, pagePath)
		if err != nil {
			return err
		}
		for _, im := range images {
			if err := out.stageBytes(filepath.Join(opts.PNGDir, im.Name), im.PNG); err != nil {
				return err
			}
		}
	}
	written, err := out.commit()
	io.wrote(written...)
	if err == nil && opts.OutDir == "-" {
		// The page on standard output, after the images are in place.
		_, err = io.Out.Write(page.Bytes())
	}
	return err
}

// writePaperCharts writes the charts of one council's cabinet paper into
// --png: each figure's PNG, and a .txt of its caption, source line and
// alternative text.
func writePaperCharts(opts *chartsOptions, s *carecast.Scenario, res *carecast.Result, ap *carecast.Appraisal, io *streams) error {
	prov, err := provenanceOf(opts.Input, s)
	if err != nil {
		return err
	}
	in := paper.Inputs{Result: res, Appraisal: ap, Provenance: prov}
	if in.Options, err = optionResults(s, opts.Input); err != nil {
		return err
	}
	if len(s.Demand) > 0 && forecast.LargestRooms(s) > 0 {
		if in.Sizing, err = paperSizing(s, io); err != nil {
			return err
		}
	}
	p, err := paper.BuildOne(in, opts.Council)
	if err != nil {
		return usageError{fmt.Errorf("--council: %w", err)}
	}
	ctx := context.Background()
	b, stop, err := startBrowser(ctx)
	if err != nil {
		return err
	}
	defer stop()
	if err := paper.Draw(ctx, chartDrawer(b, res, ap, in.Sizing), p); err != nil {
		return err
	}
	if err := paper.Rasterize(ctx, b, p); err != nil {
		return err
	}
	out := newOutputs(opts.Input)
	defer out.abort()
	for i, f := range p.Figures() {
		base := filepath.Join(opts.PNGDir, fmt.Sprintf("%d-%s", i+1, f.Name))
		if err := out.stageBytes(base+".png", f.PNG); err != nil {
			return err
		}
		if err := out.stageBytes(base+".txt", []byte(paper.FigureText(f, prov))); err != nil {
			return err
		}
	}
	written, err := out.commit()
	io.wrote(written...)
	return err
}
