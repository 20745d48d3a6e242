package charts

import (
	"bytes"
	"errors"
	"fmt"
	"html/template"
	"strings"

	"github.com/carecast/carecast"
	"github.com/carecast/carecast/charts/assets"
)

// Charts for print: a cabinet paper's charts are charts.html's, drawn by
// the same option builders, parameterised by council (the council's line
// or bars set against the rest) and by print size (no title or save
// button, since the paper captions each chart; text no smaller than 12
// pixels, 9.6 points at the 17 cm of an A4 text width). PrintPage lays them
// out on one page that package render opens in Chromium, where ECharts
// itself draws each to SVG on the server side.

// The charts a paper may ask for.
const (
	PrintCumulative = ChartCumulativeSavings // a council's cumulative savings against the rest
	PrintAnnual     = ChartAnnualSavings     // the councils' savings by financial year, stacked
	PrintCostSpot   = ChartBlockVsSpot       // cost against spot purchasing avoided, by financial year
	PrintTornado    = "tornado"
	PrintFan        = "savings-fan"
	PrintSizing     = "sizing-npv"
)

// PrintWidth is the width, in CSS pixels, at which a chart is drawn for
// print: 800 pixels over the 17 cm of an A4 page's text width, so that
// 12 pixels print at 9.6 points.
const PrintWidth = 800

// PrintRequest asks for one chart for one council (its index in the
// Councils sheet) or, with Council -1, for the consortium.
type PrintRequest struct {
	Chart   string
	Council int
}

// PrintChart is a chart laid out on the print page: the id of its element
// and its size in CSS pixels.
type PrintChart struct {
	ID            string
	Width, Height int
}

// printGrey draws the other councils: 4.5:1 against white.
const printGrey = "#767676"

// PrintPage returns a page holding the charts asked for, at print size,
// and where each is on it. ap and z may be nil when no request needs them.
func PrintPage(res *carecast.Result, ap *carecast.Appraisal, z *carecast.Sizing, reqs []PrintRequest) ([]byte, []PrintChart, error) {
	if res == nil || res.Scenario == nil {
		return nil, nil, errors.New("charts: no forecast")
	}
	if err := chartsScriptsOK(); err != nil {
		return nil, nil, err
	}
	c := newChartContext(res)
	page := &chartsPage{DrawLater: true,
		Title: c.scenario + ": charts for print", Scenario: c.scenario,
		ECharts: template.JS(assets.ECharts), Script: template.JS(assets.PageScript), Style: template.CSS(assets.PageStyle),
	}
	var further []chartFigure
	var out []PrintChart
	for i, r := range reqs {
		fig, spec, kind, err := printSpec(c, ap, z, r)
		if err != nil {
			return nil, nil, err
		}
		id := fmt.Sprintf("print-%d-%s", i, r.Chart)
		fig.ID, spec.ID = id, id
		h := printHeight(r.Chart)
		out = append(out, PrintChart{ID: id, Width: PrintWidth, Height: h})
		printOption(&spec.Option)
		switch kind {
		case "page":
			page.Figures = append(page.Figures, fig)
			page.Data.Charts = append(page.Data.Charts, spec)
		case "appraisal":
			further = append(further, fig)
			page.Data.Appraisal = append(page.Data.Appraisal, spec)
		default:
			further = append(further, fig)
			page.Data.Demand = append(page.Data.Demand, spec)
		}
	}
	if len(page.Data.Appraisal) > 0 || len(page.Data.Demand) > 0 {
		page.Demand = &chartsSection{ID: "print", Heading: "Charts for print", Figures: further}
		useFurtherScript(page)
	}
	page.CSP = pagePolicy(page)
	var b bytes.Buffer
	if err := chartsTemplate.Execute(&b, page); err != nil {
		return nil, nil, err
	}
	return b.Bytes(), out, nil
}

// printHeight is a chart's height at print size.
func printHeight(chart string) int {
	switch chart {
	case PrintCumulative:
		return 560
	case PrintTornado:
		return 480
	}
	return 440
}

// printOption sets an option for print: no title or save button (the
// paper captions the chart), no animation, text at 12 pixels or more.
func printOption(o *ecOption) {
	o.Title.Show = chartBool(false)
	o.Toolbox.Show = false
	top := 16
	if o.Legend != nil && o.Legend.Orient == "vertical" {
		o.Legend.Top = 24
	}
	for i := range o.Grid {
		if t, ok := o.Grid[i].Top.(int); ok && t >= 60 {
			o.Grid[i].Top = t - 60 + top
		}
	}
	if o.TextStyle.FontSize < 13 {
		o.TextStyle.FontSize = 13
	}
}

// printSpec builds one chart with charts.html's builder, parameterised by
// council, and says which script draws it.
func printSpec(c *chartContext, ap *carecast.Appraisal, z *carecast.Sizing, r PrintRequest) (chartFigure, chartSpec, string, error) {
	if r.Council >= len(c.councils) {
		return chartFigure{}, chartSpec{}, "", fmt.Errorf("charts: no council %d", r.Council)
	}
	switch r.Chart {
	case PrintCumulative:
		fig, spec, err := cumulativeSavingsChart(c)
		if err == nil && r.Council >= 0 {
			highlightCouncil(&spec.Option, c, r.Council)
		}
		return fig, spec, "page", err
	case PrintAnnual:
		fig, spec, err := annualSavingsChart(c)
		if err == nil && r.Council >= 0 {
			highlightCouncil(&spec.Option, c, r.Council)
		}
		return fig, spec, "page", err
	case PrintCostSpot:
		fig, spec, err := blockVsSpotChart(c)
		if err == nil && r.Council >= 0 {
			councilCostSpot(&spec.Option, c, r.Council)
		}
		return fig, spec, "page", err
	case PrintTornado:
		if ap == nil || ap.Sensitivity == nil {
			return chartFigure{}, chartSpec{}, "", errors.New("charts: the tornado needs a sensitivity analysis")
		}
		fig, spec, err := tornadoChart(c, ap.Sensitivity)
		return fig, spec, "appraisal", err
	case PrintFan:
		if ap == nil || ap.Simulation == nil {
			return chartFigure{}, chartSpec{}, "", errors.New("charts: the fan needs a Monte Carlo simulation")
		}
		fig, spec, err := savingsFanChart(c, ap.Simulation)
		return fig, spec, "appraisal", err
	case PrintSizing:
		if z == nil {
			return chartFigure{}, chartSpec{}, "", errors.New("charts: the sizing chart needs a sizing sweep")
		}
		fig, spec, err := sizingNPVChart(newSizingContext(z))
		return fig, spec, "demand", err
	}
	return chartFigure{}, chartSpec{}, "", fmt.Errorf("charts: no chart %q for print", r.Chart)
}

// highlightCouncil sets council k against the rest: its own colour, the
// others one grey, thin and behind, named once in the legend as "Other
// councils", rather than eight lines or bars each to be told apart.
func highlightCouncil(o *ecOption, c *chartContext, k int) {
	own := fmt.Sprintf("council-%d", k)
	others := "Other councils"
	first := true
	for i := range o.Series {
		s := &o.Series[i]
		if !strings.HasPrefix(s.ID, "council-") || s.ID == own {
			if s.ID == own {
				s.Z = 4
				if s.LineStyle != nil {
					s.LineStyle.Width = 4
					s.LineStyle.Type = "solid"
				}
			}
			continue
		}
		s.Name = others
		if s.ItemStyle != nil {
			s.ItemStyle.Color = printGrey
			s.ItemStyle.Decal = nil
		}
		if s.LineStyle != nil {
			s.LineStyle.Color, s.LineStyle.Width, s.LineStyle.Type = printGrey, 1, "solid"
			s.Symbol = "none"
		}
		s.Emphasis = nil
		first = false
	}
	if o.Legend != nil {
		o.Legend.Data = nil
		for _, s := range o.Series {
			if s.ID == "consortium" || s.ID == own {
				o.Legend.Data = append(o.Legend.Data, s.Name)
			}
		}
		if !first {
			o.Legend.Data = append(o.Legend.Data, others)
		}
	}
}

// councilCostSpot makes the cost-and-spot chart a council's: its
// attributed cost (its used rooms and its shares of the empty rooms and
// running costs less grants) against the spot purchasing it avoids.
func councilCostSpot(o *ecOption, c *chartContext, k int) {
	cr := c.res.Councils[k]
	cost := make([]any, len(cr.Years))
	spot := make([]any, len(cr.Years))
	for y, f := range cr.Years {
		cost[y], spot[y] = chartMoney(f.AttributedCost), chartMoney(f.SpotAvoided)
	}
	for i := range o.Series {
		switch o.Series[i].ID {
		case "block-cost":
			o.Series[i].Name, o.Series[i].Data = carecast.LabelAttributedCost, cost
		case "spot-avoided":
			o.Series[i].Data = spot
		}
	}
}
