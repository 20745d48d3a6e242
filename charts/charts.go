// Package charts writes the charts page (charts.html): an html/template
// page with the ECharts library and its own scripts embedded (package
// assets), so that it draws offline. Package render turns its charts into
// PNG images.
package charts

import (
	"bytes"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"html/template"
	"io"
	"regexp"
	"strings"
	"sync"

	"github.com/carecast/carecast"
	"github.com/carecast/carecast/charts/assets"
	"github.com/carecast/carecast/internal/atomicfile"
	"github.com/shopspring/decimal"
)

// charts.html: one self-contained page of the forecast's charts for cabinet
// papers. ECharts is inside the file, so it draws with no network. Names in
// the scenario are data: the page is an html/template, the chart options are
// JSON in a <script type="application/json"> block that the page's fixed
// script reads with JSON.parse, and a Content-Security-Policy lets only the
// page's own two scripts run (by their SHA-256), so even markup that slipped
// through could run nothing.

// The charts, in page order. Their ids are fixed (the same bytes for the
// same input) and name the PNG files of 'carecast charts --png'.
const (
	ChartCumulativeSavings = "cumulative-savings"
	ChartAnnualSavings     = "annual-savings"
	ChartRooms             = "rooms"
	ChartBlockVsSpot       = "block-vs-spot"
	ChartPooledFund        = "pooled-fund"
	ChartSavingsWaterfall  = "savings-waterfall"
)

// IDs are the ids of the charts in charts.html, in page order.
var IDs = []string{
	ChartCumulativeSavings, ChartAnnualSavings, ChartRooms,
	ChartBlockVsSpot, ChartPooledFund, ChartSavingsWaterfall,
}

// Okabe-Ito's palette, which colour-blind readers can tell apart, less its
// three light colours (orange #E69F00, sky blue #56B4E9 and yellow
// #F0E442 are below 3:1 against white, the least WCAG 2.2 asks of the
// parts of a chart, 1.4.11): in their place a dark ochre, Paul Tol's
// indigo and his wine, each at least 3:1 (TestChartColoursContrast).
// Series also differ by line dash and symbol (lines) and by decal
// pattern (bars), so the charts survive greyscale printing.
const (
	okabeBlack     = "#000000"
	colourOchre    = "#9C6B00"
	colourIndigo   = "#332288"
	okabeGreen     = "#009E73"
	colourWine     = "#882255"
	okabeBlue      = "#0072B2"
	okabeVermilion = "#D55E00"
	okabePurple    = "#CC79A7"
	okabeGrey      = "#6E6E6E"
)

// chartCouncilColours colour the councils in the order of the Councils sheet.
var chartCouncilColours = []string{
	okabeBlue, okabeVermilion, okabeGreen, okabePurple,
	colourOchre, colourIndigo, okabeGrey, colourWine,
}

// chartCouncilDashes and chartCouncilSymbols tell council lines apart without colour.
var chartCouncilDashes = []any{"solid", "dashed", "dotted", []int{12, 4, 3, 4}}

var chartCouncilSymbols = []string{
	"circle", "rect", "triangle", "diamond",
	"emptyCircle", "emptyRect", "emptyTriangle", "emptyDiamond",
}

const chartLabelColour = "#1a1a1a"

const chartFont = "Arial, 'Liberation Sans', 'DejaVu Sans', Helvetica, sans-serif"

// Write writes charts.html for the forecast to path, atomically and
// never over any of protect (the input files). ap, when not nil, is the
// appraisal under uncertainty of the same scenario: the page then ends with
// its charts (IDsFor). With ap nil the page is the forecast's
// alone.
func Write(path string, protect []string, res *carecast.Result, ap *carecast.Appraisal) error {
	page, err := buildChartsPage(res, ap)
	if err != nil {
		return err
	}
	return atomicfile.WriteFileExcept(path, protect, func(w io.Writer) error {
		return chartsTemplate.Execute(w, page)
	})
}

// Render writes the charts page for the forecast, and the appraisal
// if ap is not nil, to w.
func Render(w io.Writer, res *carecast.Result, ap *carecast.Appraisal) error {
	page, err := buildChartsPage(res, ap)
	if err != nil {
		return err
	}
	return chartsTemplate.Execute(w, page)
}

var chartsTemplate = template.Must(template.New("charts.html").Parse(assets.PageTemplate))

// chartsPage is what the template fills in. Strings are text: html/template
// escapes each for where it stands.
type chartsPage struct {
	Title      string // <title>
	Scenario   string
	Period     string
	KeyFigures []chartKeyFigure
	Figures    []chartFigure
	Data       chartsData // JSON, escaped for a script element
	CSP        string
	ECharts    template.JS
	Script     template.JS
	Style      template.CSS
	// Appraisal is the section of the appraisal under uncertainty, nil
	// without one; its script and style come only with it, so that a page
	// without an appraisal is the same as before there were any.
	Appraisal *chartsAppraisal
	// Kicker and Lede, when set, replace the forecast page's line above
	// the heading and the period line under it (the sizing page's).
	Kicker, Lede string
	// Demand is the section of the charts of demand (overflow and bed
	// trading) or of sizing, nil without them. Its charts, like the
	// appraisal's, are drawn by the further script (RiskScript), which
	// with its style comes only with one of them, so that a page without
	// either is the same as before there were any.
	Demand     *chartsSection
	RiskScript template.JS
	RiskStyle  template.CSS
	// DrawLater marks a page opened only to draw its charts as SVG on the
	// server side (PrintPage, for the paper): the script keeps each
	// chart's option and draws nothing on the page, which would be drawn
	// once on a canvas only to be drawn again.
	DrawLater bool
}

// chartsSection is a section of charts drawn by the further script, with
// an introduction, key figures and, under a chart, a note and a table.
type chartsSection struct {
	ID, Heading string
	Intro       []string
	KeyFigures  []chartKeyFigure
	Figures     []chartFigure
}

// chartTable is the data of a chart as a table, for readers who cannot
// see it: Head names the columns, and the first cell of each row is the
// row's heading. With Summary set it is folded under that summary.
type chartTable struct {
	Caption string
	Summary string
	Head    []string
	Rows    [][]string
	Totals  bool // the last row is the total, in bold
}

type chartKeyFigure struct{ Label, Value string }

// chartFigure is the HTML around one chart: its box and a caption for
// readers of the page (the chart's own title is inside the chart, so that
// a saved image carries it).
type chartFigure struct {
	ID      string
	Heading string
	Caption string
	Tall    bool // two panels: a taller box
	// Class is a further class of the chart's box, for a shape of its own
	// (appraisal charts only).
	Class string
	// Note is said beside the chart, and Tables give its data (the
	// further script's charts only).
	Note   string
	Tables []*chartTable
}

// chartsData is the JSON data block: one entry per chart. The forecast's
// charts are drawn by the page script (charts.js), the appraisal's by the
// appraisal script (charts_risk.js).
type chartsData struct {
	Charts    []chartSpec `json:"charts"`
	Demand    []chartSpec `json:"demand,omitempty"`
	Appraisal []chartSpec `json:"appraisal,omitempty"`
}

// chartSpec is one chart. Kind picks the page script's fixed formatters
// (pounds or rooms) and label rules; it is one of IDsFor(ap).
type chartSpec struct {
	ID     string   `json:"id"`
	Kind   string   `json:"kind"`
	Option ecOption `json:"option"`
	// Tips are the lines of the tooltip of each data index, worked out
	// here to the pound, shown as text (appraisal charts only).
	Tips [][]string `json:"tips,omitempty"`
}

func buildChartsPage(res *carecast.Result, ap *carecast.Appraisal) (*chartsPage, error) {
	if res == nil || res.Scenario == nil {
		return nil, errors.New("charts: no forecast")
	}
	if err := chartsScriptsOK(); err != nil {
		return nil, err
	}
	c := newChartContext(res)
	builders := []func(*chartContext) (chartFigure, chartSpec, error){
		cumulativeSavingsChart, annualSavingsChart, roomsChart,
		blockVsSpotChart, pooledFundChart, savingsWaterfallChart,
	}
	page := &chartsPage{
		Title:    c.scenario + ": charts",
		Scenario: c.scenario,
		Period:   fmt.Sprintf("%s to %s", res.Start.Long(), res.End.Long()),
		CSP:      chartsPolicy(),
		ECharts:  template.JS(assets.ECharts),
		Script:   template.JS(assets.PageScript),
		Style:    template.CSS(assets.PageStyle),
	}
	page.KeyFigures = []chartKeyFigure{
		{carecast.LabelSpotAvoided, res.Total.SpotAvoided.FormatPounds()},
		{carecast.LabelAttributedCost, res.Total.AttributedCost.FormatPounds()},
		{carecast.LabelSavings, res.Total.Savings.FormatPounds()},
		{carecast.LabelNPV, res.NPV.FormatPounds()},
		{carecast.LabelNPVAfterOptimismBias + " (" + res.Scenario.Assumptions.OptimismBias.Shift(2).String() + "% on costs)", res.NPVAfterOptimismBias.FormatPounds()},
	}
	for _, b := range builders {
		fig, spec, err := b(c)
		if err != nil {
			return nil, err
		}
		page.Figures = append(page.Figures, fig)
		page.Data.Charts = append(page.Data.Charts, spec)
	}
	if err := addDemand(page, c); err != nil {
		return nil, err
	}
	if err := addAppraisal(page, c, ap); err != nil {
		return nil, err
	}
	page.CSP = pagePolicy(page)
	return page, nil
}

// chartScriptBreakers are what would end or confuse an inline script element.
var chartScriptBreakers = regexp.MustCompile(`(?i)</script|<!--|<script`)

// chartCheckInline refuses code that cannot sit inside <script>...</script>
// as it is.
func chartCheckInline(code string) error {
	if strings.TrimSpace(code) == "" {
		return errors.New("it is empty (run 'make assets')")
	}
	if loc := chartScriptBreakers.FindStringIndex(code); loc != nil {
		return fmt.Errorf("it holds %q at byte %d", code[loc[0]:loc[1]], loc[0])
	}
	return nil
}

// chartsScriptsOK checks once that the embedded scripts can be inlined.
var chartsScriptsOK = sync.OnceValue(func() error {
	for _, c := range []struct{ name, code string }{{"ECharts", assets.ECharts}, {"page script", assets.PageScript}, {"appraisal script", assets.RiskScript}} {
		if err := chartCheckInline(c.code); err != nil {
			return fmt.Errorf("charts: the embedded %s cannot be inlined: %w", c.name, err)
		}
	}
	return nil
})

// chartsPolicy is the policy for the embedded scripts, hashed once.
var chartsPolicy = sync.OnceValue(func() string { return chartsCSP(assets.ECharts, assets.PageScript) })

// pagePolicy is the policy of a page: with the further script when the
// page has it.
func pagePolicy(page *chartsPage) string {
	if page.RiskScript != "" {
		return chartsRiskPolicy()
	}
	return chartsPolicy()
}

// useFurtherScript puts the further script and its style on the page.
func useFurtherScript(page *chartsPage) {
	page.RiskScript = template.JS(assets.RiskScript)
	page.RiskStyle = template.CSS(assets.RiskStyle)
}

// chartsCSP is the page's Content-Security-Policy: nothing from the network,
// and only the two inline scripts with these exact contents may run (no
// other script element, no onerror= attribute).
func chartsCSP(scripts ...string) string {
	var b strings.Builder
	b.WriteString("default-src 'none'; script-src")
	for _, s := range scripts {
		sum := sha256.Sum256([]byte(s))
		b.WriteString(" 'sha256-" + base64.StdEncoding.EncodeToString(sum[:]) + "'")
	}
	b.WriteString("; style-src 'unsafe-inline'; img-src data: blob:; base-uri 'none'; form-action 'none'")
	return b.String()
}

// chartContext holds what every chart needs: labels and series styles.
type chartContext struct {
	res      *carecast.Result
	scenario string
	period   string   // "April 2019 to March 2027"
	months   []string // x-axis labels, "Apr 2019"
	fys      []string // "2019/20"
	councils []string // labels, in the order of the Councils sheet
	interval int      // month-axis label interval: every k years
	// asAt is the index of the month that holds the as-at date, the last
	// actual month; -1 without one (no Actuals).
	asAt int
}

func newChartContext(res *carecast.Result) *chartContext {
	c := &chartContext{res: res, scenario: strings.TrimSpace(res.Scenario.Assumptions.Scenario)}
	if c.scenario == "" {
		c.scenario = "Unnamed scenario"
	}
	c.period = fmt.Sprintf("%s %d to %s %d", res.Start.Month, res.Start.Year, res.End.Month, res.End.Year)
	for _, m := range res.Months {
		c.months = append(c.months, fmt.Sprintf("%.3s %d", m.Start.Month, m.Start.Year))
	}
	for _, y := range res.Years {
		c.fys = append(c.fys, y.FY.String())
	}
	for _, cr := range res.Councils {
		c.councils = append(c.councils, cr.Council.Label())
	}
	// A label every year up to 12 years, then every two or three years.
	years := (len(res.Months) + 11) / 12
	c.interval = 12*((years+11)/12) - 1
	c.asAt = -1
	if !res.AsAt.IsZero() {
		for m, month := range res.Months {
			if month.End.Compare(res.AsAt) <= 0 {
				c.asAt = m
			}
		}
	}
	return c
}

// withActuals draws a monthly line's actual months solid and its forecast
// months dashed (docs/methodology.md §15): s, dashed where it was solid,
// runs the whole horizon and keeps the tooltip, and a solid copy with the
// actual months only (null after the as-at month) is drawn over it, with
// no tooltip, so that each month is listed once. Both have the same name,
// so the legend lists the line once and hides both together; the legend
// draws the first of them, the solid copy when solidKey. mark puts the
// as-at line on the copy. Without actuals s is returned as it is.
func (c *chartContext) withActuals(s ecSeries, solidKey bool, mark *ecMarkLine) []ecSeries {
	if c.asAt < 0 {
		return []ecSeries{s}
	}
	actual := s
	actual.ID = s.ID + "-actual"
	actual.Data = make([]any, len(s.Data))
	copy(actual.Data, s.Data[:min(c.asAt+1, len(s.Data))])
	ls := *s.LineStyle
	ls.Type = "solid"
	actual.LineStyle = &ls
	actual.Symbol = "none"
	actual.SymbolSize = 0
	actual.AreaStyle = nil
	actual.MarkLine = mark
	actual.Silent = true
	actual.Tooltip = &ecShow{Show: false}
	actual.Z = s.Z + 1
	forecast := s
	if s.LineStyle != nil && s.LineStyle.Type == "solid" {
		fs := *s.LineStyle
		fs.Type = "dashed"
		forecast.LineStyle = &fs
	}
	if solidKey {
		return []ecSeries{actual, forecast}
	}
	return []ecSeries{forecast, actual}
}

// asAtLine marks the as-at date on the month axis, labelled at position
// (an ECharts mark line label position) unless position is "".
func (c *chartContext) asAtLine(position string) *ecMarkLine {
	if c.asAt < 0 {
		return nil
	}
	return &ecMarkLine{
		Silent: true, Symbol: []string{"none", "none"},
		LineStyle: ecLineStyle{Color: okabeGrey, Width: 2, Type: "solid"},
		Label: ecLabel{Show: position != "", Position: position, Color: chartLabelColour, TextBorderWidth: chartInt(0),
			BackgroundColor: "rgba(255,255,255,0.85)", Padding: 2, Formatter: "{b}"},
		Data: []ecMarkPoint{{Name: "As at " + c.res.AsAt.Long(), XAxis: json.Number(fmt.Sprint(c.asAt))}},
	}
}

// actualsNote is what a monthly chart's caption adds with actuals.
func (c *chartContext) actualsNote() string {
	if c.asAt < 0 {
		return ""
	}
	return " Months to the as-at date, " + c.res.AsAt.Long() + ", are actuals, drawn solid; the forecast after it is dashed."
}

// chartLabelWidth is a generous width in pixels for the pound labels of a
// value axis that holds these amounts: "(£12,000,000)" at 13px.
func chartLabelWidth(first []any, more ...[]any) int {
	widest := 0
	for _, list := range append([][]any{first}, more...) {
		for _, v := range list {
			n, ok := v.(json.Number)
			if !ok {
				continue
			}
			s := string(n)
			brackets := 0
			if strings.HasPrefix(s, "-") {
				s, brackets = s[1:], 2
			}
			digits, _, _ := strings.Cut(s, ".")
			// "£", the digits and their commas, the brackets of a negative,
			// and a digit to spare for the axis rounding up to the next tick.
			w := brackets + 1 + len(digits) + (len(digits)-1)/3 + 1
			widest = max(widest, w)
		}
	}
	return 16 + 8*widest
}

// money is an amount as a JSON number written from its decimal string,
// never through float64.
func chartMoney(m carecast.Money) json.Number { return json.Number(m.String()) }

func chartBool(b bool) *bool { return &b }
func chartInt(i int) *int    { return &i }

// Where a chart's legend goes.
const (
	legendNone   = iota
	legendBottom // a row under the chart, for a few series
	legendRight  // a column at the right, for one series per council
)

// baseOption is what every chart shares: fonts, title, toolbox, grid,
// legend.
func (c *chartContext) baseOption(id, heading string, legend int) ecOption {
	o := ecOption{
		Animation: false,
		TextStyle: ecTextStyle{FontFamily: chartFont, FontSize: 13, Color: "#1a1a1a"},
		Aria:      ecAria{Enabled: true},
		Title: ecTitle{
			Text:         heading,
			Subtext:      c.scenario,
			Left:         8,
			Top:          6,
			ItemGap:      6,
			TextStyle:    ecTextStyle{FontFamily: chartFont, FontSize: 17, FontWeight: "bold", Color: "#000000", Width: 720, Overflow: "truncate"},
			SubtextStyle: ecTextStyle{FontFamily: chartFont, FontSize: 13, Color: "#333333", Width: 720, Overflow: "truncate"},
		},
		Toolbox: ecToolbox{Show: true, Right: 12, Top: 8, Feature: ecToolboxFeature{SaveAsImage: ecSaveAsImage{
			Show: true, Title: "Save as image", Name: "carecast-" + id, Type: "png",
			PixelRatio: 2, BackgroundColor: "#ffffff", ExcludeComponents: []string{"toolbox"},
		}}},
		Tooltip: ecTooltip{Trigger: "axis", Confine: true},
		Grid:    []ecGrid{{Left: 16, Right: 28, Top: 80, Bottom: 36}},
		YAxis:   []ecAxis{valueAxis()},
	}
	switch legend {
	case legendBottom:
		o.Legend = &ecLegend{Bottom: chartInt(6), Left: "center", ItemGap: 24}
		o.Grid[0].Bottom = 68
	case legendRight:
		o.Legend = &ecLegend{Type: "scroll", Orient: "vertical", Right: chartInt(8), Top: 84, Bottom: chartInt(24), ItemGap: 10,
			TextStyle: &ecTextStyle{Width: 150, Overflow: "truncate"}}
		o.Grid[0].Right = 200
	}
	return o
}

// valueAxis is the value axis of a plot, with light dashed grid lines.
func valueAxis() ecAxis {
	return ecAxis{Type: "value",
		SplitLine: &ecSplitLine{Show: true, LineStyle: &ecLineStyle{Color: "#d9d9d9", Type: "dashed"}},
	}
}

// monthAxis is the category axis of the monthly charts.
func (c *chartContext) monthAxis() ecAxis {
	return ecAxis{Type: "category", Data: c.months, BoundaryGap: chartBool(false),
		AxisLabel: &ecAxisLabel{Interval: chartInt(c.interval), HideOverlap: true},
		AxisTick:  &ecAxisTick{Interval: chartInt(c.interval)},
	}
}

// fyAxis is the category axis of the charts by financial year.
func (c *chartContext) fyAxis() ecAxis {
	return ecAxis{Type: "category", Data: c.fys, AxisTick: &ecAxisTick{AlignWithLabel: true}}
}

// chartCouncilLine styles council i's line so that it differs from its
// neighbours in colour, dash and symbol.
func chartCouncilLine(i int, name string, data []any) ecSeries {
	return ecSeries{
		ID: fmt.Sprintf("council-%d", i), Name: name, Type: "line", Data: data,
		Symbol: chartCouncilSymbols[i%len(chartCouncilSymbols)], SymbolSize: 7,
		ItemStyle: &ecItemStyle{Color: chartCouncilColours[i%len(chartCouncilColours)]},
		LineStyle: &ecLineStyle{Color: chartCouncilColours[i%len(chartCouncilColours)], Width: 2, Type: chartCouncilDashes[i%len(chartCouncilDashes)]},
		Emphasis:  &ecEmphasis{Focus: "series"},
	}
}

// councilBar is council i's part of a stack of bars, one a council.
func (c *chartContext) councilBar(i int, stack string, data []any) ecSeries {
	// A white edge between the parts, unless there are so many that the
	// edges would wash out the colours.
	border := 1
	if len(c.councils) > 12 {
		border = 0
	}
	return ecSeries{
		ID: fmt.Sprintf("council-%d", i), Name: c.councils[i], Type: "bar", Data: data,
		Stack: stack, BarMaxWidth: 64,
		ItemStyle: &ecItemStyle{Color: chartCouncilColours[i%len(chartCouncilColours)], BorderColor: "#ffffff", BorderWidth: chartInt(border)},
		Emphasis:  &ecEmphasis{Focus: "series"},
	}
}

// cumulativeSavingsChart: savings to date, month by month, for the
// consortium and each council.
func cumulativeSavingsChart(c *chartContext) (chartFigure, chartSpec, error) {
	id := ChartCumulativeSavings
	res := c.res
	o := c.baseOption(id, "Cumulative savings, "+c.period, legendRight)
	// Two panels on one time axis, each on its own scale: the consortium
	// above, the councils below, where a shared scale would flatten them.
	o.Grid = []ecGrid{
		{Left: 16, Right: 200, Top: 100, Height: "27%"},
		{Left: 16, Right: 200, Top: "56%", Bottom: 36},
	}
	top := c.monthAxis()
	top.AxisLabel.Show = chartBool(false)
	top.AxisTick.Show = chartBool(false)
	bottom := c.monthAxis()
	bottom.GridIndex = 1
	o.XAxis = []ecAxis{top, bottom}
	panel := func(grid int, name string) ecAxis {
		a := valueAxis()
		a.GridIndex = grid
		a.Name = name
		a.NameGap = 14
		a.NameTextStyle = &ecTextStyle{Align: "left", FontWeight: "bold", FontSize: 14, Color: "#000000"}
		return a
	}
	o.YAxis = []ecAxis{panel(0, carecast.LabelConsortium), panel(1, "Each council")}
	o.AxisPointer = &ecAxisPointerLink{Link: []ecAxisPointerLinkItem{{XAxisIndex: "all"}}}
	total := make([]any, len(res.Months))
	perCouncil := make([][]any, len(res.Councils))
	var run carecast.Money
	runs := make([]carecast.Money, len(res.Councils))
	for m, month := range res.Months {
		run = run.Add(month.Savings)
		total[m] = chartMoney(run)
		if len(month.Councils) != len(res.Councils) {
			return chartFigure{}, chartSpec{}, fmt.Errorf("charts: month %d has %d councils, the forecast %d", m, len(month.Councils), len(res.Councils))
		}
		for i, cm := range month.Councils {
			runs[i] = runs[i].Add(cm.Savings)
			perCouncil[i] = append(perCouncil[i], chartMoney(runs[i]))
		}
	}
	// Both panels start where the wider labels end, so that a month lies
	// at the same place in both.
	left := chartLabelWidth(total, perCouncil...)
	o.Grid[0].Left, o.Grid[1].Left = left, left
	o.Series = append(o.Series, c.withActuals(ecSeries{
		ID: "consortium", Name: carecast.LabelConsortium, Type: "line", Data: total,
		Symbol: "none", Z: 3,
		ItemStyle: &ecItemStyle{Color: okabeBlack},
		LineStyle: &ecLineStyle{Color: okabeBlack, Width: 4, Type: "solid"},
		Emphasis:  &ecEmphasis{Focus: "series"},
	}, true, c.asAtLine(""))...)
	for i, name := range c.councils {
		s := chartCouncilLine(i, name, perCouncil[i])
		s.XAxisIndex, s.YAxisIndex = 1, 1
		var mark *ecMarkLine
		if i == 0 {
			mark = c.asAtLine("insideEndTop")
		}
		o.Series = append(o.Series, c.withActuals(s, false, mark)...)
	}
	fig := chartFigure{ID: id, Heading: carecast.LabelCumulativeSaving, Tall: true,
		Caption: "Savings to date at the end of each month: the spot purchasing the block rooms avoided, less the cost attributed to each council (block rooms in use, its share of empty rooms and running costs, net of grants). The upper panel is the consortium; the lower panel shows each council on its own scale, each line with its own colour, dash and marker." + c.actualsNote()}
	return fig, chartSpec{ID: id, Kind: id, Option: o}, nil
}

// annualSavingsChart: savings by council by financial year, stacked.
func annualSavingsChart(c *chartContext) (chartFigure, chartSpec, error) {
	id := ChartAnnualSavings
	res := c.res
	o := c.baseOption(id, "Savings by council and financial year", legendRight)
	o.Aria.Decal.Show = true
	o.Tooltip.AxisPointer = &ecAxisPointer{Type: "shadow"}
	o.XAxis = []ecAxis{c.fyAxis()}
	for i, cr := range res.Councils {
		if len(cr.Years) != len(res.Years) {
			return chartFigure{}, chartSpec{}, fmt.Errorf("charts: council %s has %d financial years, the forecast %d", c.councils[i], len(cr.Years), len(res.Years))
		}
		data := make([]any, len(cr.Years))
		for y, f := range cr.Years {
			data[y] = chartMoney(f.Savings)
		}
		o.Series = append(o.Series, c.councilBar(i, "savings", data))
	}
	// The legend lists the councils top down as the stack shows them.
	for i := len(c.councils) - 1; i >= 0; i-- {
		o.Legend.Data = append(o.Legend.Data, c.councils[i])
	}
	fig := chartFigure{ID: id, Heading: "Savings by council and financial year",
		Caption: "Each bar is a financial year (April to March); its parts are the councils' savings in that year, stacked. A part below the line is a council that paid more than the spot purchasing it avoided."}
	return fig, chartSpec{ID: id, Kind: id, Option: o}, nil
}

// roomsChart: block rooms available against rooms occupied, as monthly
// averages (room-days over the days of the month).
func roomsChart(c *chartContext) (chartFigure, chartSpec, error) {
	id := ChartRooms
	res := c.res
	o := c.baseOption(id, "Block rooms available and occupied, monthly average", legendBottom)
	o.XAxis = []ecAxis{c.monthAxis()}
	o.YAxis[0].Name = carecast.LabelRooms
	o.YAxis[0].NameGap = 12
	capacity := make([]any, len(res.Months))
	occupied := make([]any, len(res.Months))
	for m, month := range res.Months {
		if month.Days <= 0 {
			return chartFigure{}, chartSpec{}, fmt.Errorf("charts: month %d has %d days", m, month.Days)
		}
		days := decimal.NewFromInt(int64(month.Days))
		capacity[m] = json.Number(carecast.DivRound(month.CapacityRoomDays, days, 2).StringFixed(2))
		occupied[m] = json.Number(carecast.DivRound(month.OccupiedRoomDays, days, 2).StringFixed(2))
	}
	o.Series = append(c.withActuals(ecSeries{
		ID: "capacity", Name: "Rooms available", Type: "line", Data: capacity, Step: "middle",
		Symbol:    "none",
		ItemStyle: &ecItemStyle{Color: okabeBlack},
		LineStyle: &ecLineStyle{Color: okabeBlack, Width: 2, Type: "dashed"},
		AreaStyle: &ecAreaStyle{Color: "#bdbdbd", Opacity: "0.35"},
	}, false, c.asAtLine("insideStartTop")), c.withActuals(ecSeries{
		ID: "occupied", Name: "Rooms occupied", Type: "line", Data: occupied, Step: "middle",
		Symbol: "none", Z: 3,
		ItemStyle: &ecItemStyle{Color: okabeBlue},
		LineStyle: &ecLineStyle{Color: okabeBlue, Width: 3, Type: "solid"},
		AreaStyle: &ecAreaStyle{Color: okabeBlue, Opacity: "0.25"},
	}, true, nil)...)
	fig := chartFigure{ID: id, Heading: "Block rooms available and occupied",
		Caption: "The average number of block rooms available in each month (room-days over the days of the month) against the average occupied by children placed by the councils. The gap between them is empty rooms, paid for all the same." + c.actualsNote()}
	return fig, chartSpec{ID: id, Kind: id, Option: o}, nil
}

// blockVsSpotChart: what the block rooms cost against the spot purchasing
// they avoided, by financial year.
func blockVsSpotChart(c *chartContext) (chartFigure, chartSpec, error) {
	id := ChartBlockVsSpot
	res := c.res
	o := c.baseOption(id, carecast.LabelBlockCost+" and spot purchasing avoided", legendBottom)
	o.Aria.Decal.Show = true
	o.Tooltip.AxisPointer = &ecAxisPointer{Type: "shadow"}
	o.XAxis = []ecAxis{c.fyAxis()}
	block := make([]any, len(res.Years))
	spot := make([]any, len(res.Years))
	for y, f := range res.Years {
		block[y] = chartMoney(f.BlockCost)
		spot[y] = chartMoney(f.SpotAvoided)
	}
	o.Series = []ecSeries{
		{ID: "block-cost", Name: carecast.LabelBlockCost, Type: "bar", Data: block, BarMaxWidth: 40, BarGap: "10%",
			ItemStyle: &ecItemStyle{Color: okabeVermilion}},
		{ID: "spot-avoided", Name: carecast.LabelSpotAvoided, Type: "bar", Data: spot, BarMaxWidth: 40,
			ItemStyle: &ecItemStyle{Color: okabeBlue}},
	}
	fig := chartFigure{ID: id, Heading: carecast.LabelBlockCost + " and spot purchasing avoided",
		Caption: "What the consortium pays for the block rooms in each financial year, occupied or not, against what the placements in them would have cost spot-purchased at each council's own price."}
	return fig, chartSpec{ID: id, Kind: id, Option: o}, nil
}

// pooledFundChart: the pooled fund's balance at the end of each month,
// before any settlement, with the zero line drawn.
func pooledFundChart(c *chartContext) (chartFigure, chartSpec, error) {
	id := ChartPooledFund
	res := c.res
	o := c.baseOption(id, carecast.LabelClosingFund+" at the end of each month", legendNone)
	o.XAxis = []ecAxis{c.monthAxis()}
	o.XAxis[0].AxisLine = &ecAxisLine{OnZero: false}
	data := make([]any, len(res.Months))
	for m, month := range res.Months {
		data[m] = chartMoney(month.ClosingFund)
	}
	o.Series = c.withActuals(ecSeries{
		ID: "fund", Name: carecast.LabelClosingFund, Type: "line", Data: data, Symbol: "none",
		ItemStyle: &ecItemStyle{Color: okabeGreen},
		LineStyle: &ecLineStyle{Color: okabeGreen, Width: 3, Type: "solid"},
		AreaStyle: &ecAreaStyle{Color: okabeGreen, Opacity: "0.18"},
		MarkLine: &ecMarkLine{
			Silent: true, Symbol: []string{"none", "none"},
			LineStyle: ecLineStyle{Color: okabeBlack, Width: 2, Type: "solid"},
			Label:     ecLabel{Show: true, Position: "insideStartTop", Color: chartLabelColour, TextBorderWidth: chartInt(0)},
			Data:      []ecMarkPoint{{Name: "Zero balance", YAxis: "0"}},
		},
	}, true, c.asAtLine("insideStartTop"))
	caption := "The balance of the pooled fund at the end of each month: pledges and grants paid in, less the block cost and running costs paid out. Below the zero line the fund is overdrawn."
	if res.Scenario.Assumptions.SettleAtEnd {
		caption += " The balance left at the end is paid back to the councils."
	}
	caption += c.actualsNote()
	fig := chartFigure{ID: id, Heading: carecast.LabelClosingFund, Caption: caption}
	return fig, chartSpec{ID: id, Kind: id, Option: o}, nil
}

// chartWaterfallStep is one bar of the waterfall.
type chartWaterfallStep struct {
	name   string
	amount carecast.Money // signed: what the step adds to savings
	total  bool           // drawn from zero
}

// savingsWaterfallChart: the consortium over the whole horizon, from the
// spot purchasing avoided to savings. ECharts has no waterfall type:
// each bar stands on a transparent base in one stack ("all" strategy, so
// that the base and the bar add whatever their signs).
func savingsWaterfallChart(c *chartContext) (chartFigure, chartSpec, error) {
	id := ChartSavingsWaterfall
	t := c.res.Total
	steps := []chartWaterfallStep{
		{name: carecast.LabelSpotAvoided, amount: t.SpotAvoided, total: true},
		{name: carecast.LabelUsedBlock, amount: t.UsedBlock.Neg()},
		{name: carecast.LabelVoidCost, amount: t.VoidCost.Neg()},
		{name: carecast.LabelRunningCosts, amount: t.OtherCosts.Neg()},
		{name: carecast.LabelGrants, amount: t.Grants},
		{name: carecast.LabelSavings, amount: t.Savings, total: true},
	}
	// The steps must take spot purchasing avoided to savings exactly.
	sum := carecast.Sum(t.SpotAvoided, t.UsedBlock.Neg(), t.VoidCost.Neg(), t.OtherCosts.Neg(), t.Grants)
	if !sum.Equal(t.Savings) {
		return chartFigure{}, chartSpec{}, fmt.Errorf("charts: the waterfall's steps come to %s, savings are %s", sum, t.Savings)
	}
	o := c.baseOption(id, "From spot purchasing avoided to savings, "+c.period, legendBottom)
	o.Tooltip = ecTooltip{Trigger: "item", Confine: true}
	o.Legend.Data = []string{carecast.LabelTotal, carecast.LabelCost, carecast.LabelIncome}
	var cats []string
	var base, totals, costs, income []any
	// A series with no bar in a category has a zero there, not a gap: the
	// "all" stack adds each series to the one before it, and a gap would
	// break the sum for every series above it.
	none := chartEcItem{Value: json.Number("0"), Label: &ecLabel{Show: false}}
	var run carecast.Money // savings so far
	for _, s := range steps {
		if !s.total && s.amount.IsZero() {
			continue // a cost or income the scenario does not have
		}
		cats = append(cats, s.name)
		switch {
		case s.total:
			base = append(base, json.Number("0"))
			totals = append(totals, chartWaterfallItem(s.amount))
			costs = append(costs, none)
			income = append(income, none)
			run = s.amount
		case s.amount.Sign() < 0:
			base = append(base, chartMoney(run))
			totals = append(totals, none)
			costs = append(costs, chartWaterfallItem(s.amount))
			income = append(income, none)
			run = run.Add(s.amount)
		default:
			base = append(base, chartMoney(run))
			totals = append(totals, none)
			costs = append(costs, none)
			income = append(income, chartWaterfallItem(s.amount))
			run = run.Add(s.amount)
		}
	}
	o.XAxis = []ecAxis{{Type: "category", Data: cats, AxisTick: &ecAxisTick{AlignWithLabel: true},
		AxisLabel: &ecAxisLabel{Interval: chartInt(0), Width: 110, Overflow: "break", LineHeight: 16}}}
	// Costs are hatched and income dotted, so that they differ in greyscale.
	hatch := &ecDecalPattern{Symbol: "rect", SymbolSize: "1", DashArrayX: []int{1, 0}, DashArrayY: []int{3, 5},
		Rotation: "-0.7853981634", Color: "rgba(0,0,0,0.3)"}
	dots := &ecDecalPattern{Symbol: "circle", SymbolSize: "0.6", DashArrayX: []int{6, 6}, DashArrayY: []int{6, 6},
		Rotation: "0", Color: "rgba(0,0,0,0.3)"}
	bar := func(sid, name, colour string, decal *ecDecalPattern, data []any) ecSeries {
		return ecSeries{ID: sid, Name: name, Type: "bar", Data: data, Stack: "waterfall", StackStrategy: "all",
			BarMaxWidth: 90, ItemStyle: &ecItemStyle{Color: colour, Decal: decal},
			Label: &ecLabel{Show: true, FontWeight: "bold", Color: chartLabelColour}}
	}
	o.Series = []ecSeries{
		{ID: "base", Name: "base", Type: "bar", Data: base, Stack: "waterfall", StackStrategy: "all",
			Silent: true, BarMaxWidth: 90,
			ItemStyle: &ecItemStyle{Color: "transparent", BorderColor: "transparent", BorderWidth: chartInt(0)},
			Emphasis:  &ecEmphasis{Disabled: true}, Tooltip: &ecShow{Show: false}},
		bar("total", carecast.LabelTotal, okabeBlue, nil, totals),
		bar("cost", carecast.LabelCost, okabeVermilion, hatch, costs),
		bar("income", carecast.LabelIncome, okabeGreen, dots, income),
	}
	fig := chartFigure{ID: id, Heading: "From spot purchasing avoided to savings",
		Caption: "The consortium over the whole period: the spot purchasing the block rooms avoided, less the used block cost, the void cost of the empty rooms and the running costs, plus grants, leaves the savings."}
	return fig, chartSpec{ID: id, Kind: id, Option: o}, nil
}

// chartWaterfallItem labels a bar above it when it rises and below when it falls.
func chartWaterfallItem(m carecast.Money) chartEcItem {
	pos := "top"
	if m.Sign() < 0 {
		pos = "bottom"
	}
	return chartEcItem{Value: chartMoney(m), Label: &ecLabel{Show: true, Position: pos}}
}

// chartsJSON is the data block as the page holds it, for tests.
func chartsJSON(res *carecast.Result, ap *carecast.Appraisal) ([]byte, error) {
	page, err := buildChartsPage(res, ap)
	if err != nil {
		return nil, err
	}
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetIndent("", "  ")
	err = enc.Encode(page.Data)
	return b.Bytes(), err
}
