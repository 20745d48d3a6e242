package charts

import (
	"errors"
	"fmt"
	"html/template"
	"io"

	"github.com/carecast/carecast"
	"github.com/carecast/carecast/charts/assets"
	"github.com/carecast/carecast/internal/atomicfile"
)

// The charts page of an options appraisal (compare.html): the same page,
// scripts and safety as charts.html, with three charts of the options.
// Option and measure names are data in the JSON block, drawn by ECharts as
// text.

// The charts of the comparison page, in page order.
const (
	ChartNPVByOption        = "npv-by-option"
	ChartCumulativeByOption = "cumulative-savings-by-option"
	ChartWiderBenefits      = "wider-benefits"
)

// ComparisonIDs are the ids of the charts in compare.html, in page order.
var ComparisonIDs = []string{ChartNPVByOption, ChartCumulativeByOption, ChartWiderBenefits}

// ComparisonFileName is the file name of the comparison's charts page.
const ComparisonFileName = "compare.html"

// WriteComparison writes the charts page of an options appraisal to path,
// atomically and never over any of protect.
func WriteComparison(path string, protect []string, cases []carecast.Case) error {
	page, err := buildComparisonPage(cases)
	if err != nil {
		return err
	}
	return atomicfile.WriteFileExcept(path, protect, func(w io.Writer) error {
		return chartsTemplate.Execute(w, page)
	})
}

// RenderComparison writes the comparison's charts page to w.
func RenderComparison(w io.Writer, cases []carecast.Case) error {
	page, err := buildComparisonPage(cases)
	if err != nil {
		return err
	}
	return chartsTemplate.Execute(w, page)
}

// optionColours colour the options, business as usual first.
var optionColours = []string{okabeGrey, okabeBlue, okabeVermilion, okabeGreen, okabePurple, colourOchre, colourIndigo, colourWine, okabeBlack}

func buildComparisonPage(cases []carecast.Case) (*chartsPage, error) {
	if len(cases) == 0 || cases[0].Result == nil {
		return nil, errors.New("charts: no options to compare")
	}
	if err := chartsScriptsOK(); err != nil {
		return nil, err
	}
	c := newChartContext(cases[0].Result)
	page := &chartsPage{
		Title:    c.scenario + ": options appraisal",
		Scenario: c.scenario,
		Period:   fmt.Sprintf("%s to %s", cases[0].Result.Start.Long(), cases[0].Result.End.Long()),
		CSP:      chartsPolicy(),
		ECharts:  template.JS(assets.ECharts),
		Script:   template.JS(assets.PageScript),
		Style:    template.CSS(assets.PageStyle),
	}
	for _, cs := range cases {
		page.KeyFigures = append(page.KeyFigures, chartKeyFigure{carecast.LabelNPV + ": " + cs.Option, cs.Result.NPV.FormatPounds()})
	}
	for _, b := range []func(*chartContext, []carecast.Case) (chartFigure, chartSpec){npvByOptionChart, cumulativeByOptionChart, widerBenefitsChart} {
		fig, spec := b(c, cases)
		page.Figures = append(page.Figures, fig)
		page.Data.Charts = append(page.Data.Charts, spec)
	}
	return page, nil
}

// npvByOptionChart: each option's NPV beside its NPV after optimism bias,
// business as usual (nil by definition) first.
func npvByOptionChart(c *chartContext, cases []carecast.Case) (chartFigure, chartSpec) {
	id := ChartNPVByOption
	o := c.baseOption(id, "NPV by option, with and without optimism bias", legendBottom)
	o.Aria.Decal.Show = true
	o.Tooltip.AxisPointer = &ecAxisPointer{Type: "shadow"}
	names := []string{carecast.BusinessAsUsual}
	npv, ob := []any{chartMoney(carecast.Money{})}, []any{chartMoney(carecast.Money{})}
	for _, cs := range cases {
		names = append(names, cs.Option)
		npv = append(npv, chartMoney(cs.Result.NPV))
		ob = append(ob, chartMoney(cs.Result.NPVAfterOptimismBias))
	}
	o.XAxis = []ecAxis{{Type: "category", Data: names, AxisTick: &ecAxisTick{AlignWithLabel: true},
		AxisLabel: &ecAxisLabel{Interval: chartInt(0), Width: 110, Overflow: "break"}}}
	o.Grid[0].Bottom = 110
	o.Series = []ecSeries{
		{ID: "npv", Name: carecast.LabelNPV, Type: "bar", Data: npv, BarMaxWidth: 48, ItemStyle: &ecItemStyle{Color: okabeBlue}},
		{ID: "npv-ob", Name: carecast.LabelNPVAfterOptimismBias, Type: "bar", Data: ob, BarMaxWidth: 48, ItemStyle: &ecItemStyle{Color: colourOchre}},
	}
	fig := chartFigure{ID: id, Heading: "NPV by option, with and without optimism bias",
		Caption: "Each option's net present value against business as usual (nil by definition), and the same with the scheme's costs uplifted by the option's optimism bias (HM Treasury Green Book). The cash forecast does not change."}
	return fig, chartSpec{ID: id, Kind: ChartAnnualSavings, Option: o}
}

// cumulativeByOptionChart: savings to date, month by month, one line an
// option, on the months of the first.
func cumulativeByOptionChart(c *chartContext, cases []carecast.Case) (chartFigure, chartSpec) {
	id := ChartCumulativeByOption
	o := c.baseOption(id, "Cumulative savings by option", legendRight)
	o.XAxis = []ecAxis{c.monthAxis()}
	index := map[string]int{}
	for i, m := range c.months {
		index[m] = i
	}
	for i, cs := range cases {
		data := make([]any, len(c.months))
		var run carecast.Money
		for _, m := range cs.Result.Months {
			run = run.Add(m.Savings)
			if k, ok := index[fmt.Sprintf("%.3s %d", m.Start.Month, m.Start.Year)]; ok {
				data[k] = chartMoney(run)
			}
		}
		s := chartCouncilLine(i, cs.Option, data)
		s.ID = fmt.Sprintf("option-%d", i)
		o.Series = append(o.Series, s)
	}
	fig := chartFigure{ID: id, Heading: "Cumulative savings by option",
		Caption: "Each option's savings against business as usual, added up month by month. Business as usual is the zero line."}
	return fig, chartSpec{ID: id, Kind: ChartCumulativeSavings, Option: o}
}

// widerBenefitsChart: the present value of each wider benefit by option,
// stacked by measure and bearer. Not cash: never added to the savings.
func widerBenefitsChart(c *chartContext, cases []carecast.Case) (chartFigure, chartSpec) {
	id := ChartWiderBenefits
	o := c.baseOption(id, "Wider benefits by measure and bearer (present value, not cash)", legendBottom)
	o.Aria.Decal.Show = true
	o.Tooltip.AxisPointer = &ecAxisPointer{Type: "shadow"}
	var names []string
	for _, cs := range cases {
		names = append(names, cs.Option)
	}
	o.XAxis = []ecAxis{{Type: "category", Data: names, AxisTick: &ecAxisTick{AlignWithLabel: true},
		AxisLabel: &ecAxisLabel{Interval: chartInt(0), Width: 110, Overflow: "break"}}}
	o.Grid[0].Bottom = 110
	type key struct{ measure, bearer string }
	var keys []key
	seen := map[key]bool{}
	for _, cs := range cases {
		for _, w := range cs.Result.Wider {
			k := key{w.Benefit.Measure, w.Benefit.Bearer}
			if !seen[k] {
				seen[k] = true
				keys = append(keys, k)
			}
		}
	}
	for j, k := range keys {
		data := make([]any, len(cases))
		for i, cs := range cases {
			data[i] = chartMoney(carecast.Money{})
			for _, w := range cs.Result.Wider {
				if w.Benefit.Measure == k.measure && w.Benefit.Bearer == k.bearer {
					data[i] = chartMoney(w.PresentValue)
				}
			}
		}
		name := k.measure
		if k.bearer != "" {
			name += ": " + k.bearer
		}
		o.Series = append(o.Series, ecSeries{ID: fmt.Sprintf("benefit-%d", j), Name: name, Type: "bar", Data: data,
			Stack: "wider", BarMaxWidth: 48, ItemStyle: &ecItemStyle{Color: optionColours[(j+1)%len(optionColours)]}})
	}
	fig := chartFigure{ID: id, Heading: "Wider benefits by measure and bearer",
		Caption: "The present value of each wider benefit under each option, by measure and who bears it. These are not cash and are never added to the savings or the NPV."}
	return fig, chartSpec{ID: id, Kind: ChartAnnualSavings, Option: o}
}
