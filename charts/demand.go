package charts

import (
	"encoding/json"
	"fmt"
	"strings"

	"github.com/carecast/carecast"
	"github.com/carecast/carecast/reports"
	"github.com/shopspring/decimal"
)

// Demand on the charts page (docs/methodology.md §11): when occupancy
// follows demand, a section after the forecast's charts with the overflow
// (demand the block cannot take, still spot-purchased) by council and
// financial year, and what bed trading is worth (Result.Sharing: each
// council's savings under each sharing rule). A scenario without overflow
// or Sharing has no section, and its page is as it was.
//
// The section's charts are drawn by the further script (charts_risk.js),
// as the appraisal's are: every amount in a tooltip is worked out here,
// from the decimal figures, and reaches the page as text.

// The charts of the demand section, in page order. Their ids are fixed
// and name the PNG files of 'carecast charts --png'.
const (
	ChartOverflow   = "overflow"
	ChartBedTrading = "bed-trading"
)

// PageIDs are the ids of the charts on the forecast's page, in page
// order: IDs, then the overflow chart when the forecast has overflow and
// the bed-trading chart when it compares sharing rules, then the
// appraisal's (IDsFor).
func PageIDs(res *carecast.Result, ap *carecast.Appraisal) []string {
	ids := append([]string(nil), IDs...)
	if res != nil && hasOverflow(res) {
		ids = append(ids, ChartOverflow)
	}
	if res != nil && len(res.Sharing) > 0 {
		ids = append(ids, ChartBedTrading)
	}
	return append(ids, IDsFor(ap)[len(IDs):]...)
}

// hasOverflow says whether any month of the forecast has overflow.
func hasOverflow(res *carecast.Result) bool {
	return res.Total.OverflowRoomDays.Sign() != 0 || !res.Total.OverflowCost.IsZero()
}

// roomDays writes room-days as the tables do: two places, thousands
// separated, "14,826.70".
func roomDays(d decimal.Decimal) string { return carecast.GroupThousands(d.StringFixed(2)) }

// percent writes a rate (0.9) as a percentage to one place, "90.0%", as
// the charts' captions and tooltips state rates.
func percent(d decimal.Decimal) string { return carecast.Percent(d, 1) }

// tableOf renders a report table (package reports) as a chart's data
// table: money with a pound sign, the totals row named All councils. It
// holds no arithmetic: the table's figures are shown as it rounds them.
func tableOf(t *reports.Table, caption, summary string) *chartTable {
	ct := &chartTable{Caption: caption, Summary: summary, Head: t.Heads(), Totals: len(t.Totals) > 0}
	style := reports.Style{Pound: true}
	for _, r := range t.Rows {
		ct.Rows = append(ct.Rows, r.Strings(style))
	}
	for _, r := range t.Totals {
		row := r.Strings(style)
		row[0] = carecast.LabelAllCouncils
		ct.Rows = append(ct.Rows, row)
	}
	return ct
}

// sharingRuleName is the rule's name for a reader, with its setting:
// "Allocated, then traded (allocated_trade)".
func sharingRuleName(rule string) string {
	if n := carecast.SharingLabel(rule); n != rule {
		return n + " (" + rule + ")"
	}
	return rule
}

// Each rule's colour and pattern, so that the bars differ in greyscale.
var sharingRuleStyles = map[string]func() *ecItemStyle{
	carecast.SharingAllocated: func() *ecItemStyle { return &ecItemStyle{Color: okabeVermilion, Decal: chartHatch()} },
	carecast.SharingAllocatedTrade: func() *ecItemStyle {
		return &ecItemStyle{Color: okabeBlue}
	},
	carecast.SharingPooled: func() *ecItemStyle {
		return &ecItemStyle{Color: okabeGreen, Decal: &ecDecalPattern{Symbol: "circle", SymbolSize: "0.6", DashArrayX: []int{6, 6}, DashArrayY: []int{6, 6},
			Rotation: "0", Color: "rgba(0,0,0,0.35)"}}
	},
}

// addDemand adds the demand section to the page when the forecast has
// overflow or compares sharing rules; otherwise it leaves the page as it is.
func addDemand(page *chartsPage, c *chartContext) error {
	res := c.res
	overflow, sharing := hasOverflow(res), len(res.Sharing) > 0
	if !overflow && !sharing {
		return nil
	}
	sec := &chartsSection{ID: "demand", Heading: "Demand, overflow and bed trading"}
	intro := "Here occupancy follows each council's demand for placements: the block's usable rooms go to the councils' children by the sharing rule in force: " +
		strings.ToLower(sharingRuleName(res.Scenario.Assumptions.SharingRule())) + "."
	if overflow {
		intro += " Children the block cannot take are still placed spot: that overflow is shown apart, as it costs the same with and without the scheme and so cancels out of the savings."
	}
	sec.Intro = []string{intro}
	if overflow {
		page.KeyFigures = append(page.KeyFigures,
			chartKeyFigure{carecast.LabelOverflow, roomDays(res.Total.OverflowRoomDays)},
			chartKeyFigure{carecast.LabelOverflowCost, res.Total.OverflowCost.FormatPounds()})
		fig, spec, err := overflowChart(c)
		if err != nil {
			return err
		}
		sec.Figures = append(sec.Figures, fig)
		page.Data.Demand = append(page.Data.Demand, spec)
	}
	if sharing {
		fig, spec, err := bedTradingChart(c)
		if err != nil {
			return err
		}
		sec.Figures = append(sec.Figures, fig)
		page.Data.Demand = append(page.Data.Demand, spec)
	}
	page.Demand = sec
	useFurtherScript(page)
	return nil
}

// overflowChart: the overflow room-days of each council in each financial
// year, stacked, with the spot cost they carry in the tooltip and the
// table under the chart.
func overflowChart(c *chartContext) (chartFigure, chartSpec, error) {
	id := ChartOverflow
	res := c.res
	o := c.baseOption(id, carecast.LabelOverflow+" by council and financial year", legendRight)
	o.Aria.Decal.Show = true
	o.Tooltip.AxisPointer = &ecAxisPointer{Type: "shadow"}
	o.XAxis = []ecAxis{c.fyAxis()}
	o.YAxis[0].Name = "Room-days"
	o.YAxis[0].NameGap = 12
	tips := make([][]string, len(res.Years))
	for y, f := range res.Years {
		tips[y] = []string{"Overflow in " + f.FY.String()}
	}
	for i, cr := range res.Councils {
		if len(cr.Years) != len(res.Years) {
			return chartFigure{}, chartSpec{}, fmt.Errorf("charts: council %s has %d financial years, the forecast %d", c.councils[i], len(cr.Years), len(res.Years))
		}
		data := make([]any, len(cr.Years))
		for y, f := range cr.Years {
			data[y] = json.Number(f.OverflowRoomDays.String())
			if f.OverflowRoomDays.Sign() != 0 || !f.OverflowCost.IsZero() {
				tips[y] = append(tips[y], fmt.Sprintf("%s: %s room-days, %s", c.councils[i], roomDays(f.OverflowRoomDays), f.OverflowCost.FormatPounds()))
			}
		}
		o.Series = append(o.Series, c.councilBar(i, "overflow", data))
	}
	for y, f := range res.Years {
		tips[y] = append(tips[y], fmt.Sprintf("All councils: %s room-days, %s", roomDays(f.OverflowRoomDays), f.OverflowCost.FormatPounds()))
	}
	// The table: each council's overflow over the whole period and its
	// spot cost, adding up as shown (the report's rounding).
	nY := len(res.Years)
	ov := reports.Overflow(res, reports.Options{Money: reports.Pounds}).Select(0, nY+1, nY+2)
	ov.Columns[1].Head = carecast.LabelOverflow
	table := tableOf(ov, "Each council's overflow over the whole period and the spot cost it carries.", "")
	for i := len(c.councils) - 1; i >= 0; i-- {
		o.Legend.Data = append(o.Legend.Data, c.councils[i])
	}
	days := 0
	for _, m := range res.Months {
		days += m.Days
	}
	caption := fmt.Sprintf("Each bar is a financial year; its parts are the room-days of each council's children who needed a placement the block could not give, and who were placed spot instead: %s room-days over the whole period (%s children at any one time, on average), at a spot cost of %s.",
		roomDays(res.Total.OverflowRoomDays), carecast.DivRound(res.Total.OverflowRoomDays, decimal.NewFromInt(int64(max(days, 1))), 1).StringFixed(1),
		res.Total.OverflowCost.FormatPounds())
	fig := chartFigure{ID: id, Heading: carecast.LabelOverflow, Caption: caption, Tables: []*chartTable{table}}
	return fig, chartSpec{ID: id, Kind: id, Option: o, Tips: tips}, nil
}

// bedTradingChart: each council's savings under each sharing rule, side
// by side, with the consortium's figures under each rule in the table.
func bedTradingChart(c *chartContext) (chartFigure, chartSpec, error) {
	id := ChartBedTrading
	res := c.res
	o := c.baseOption(id, "What bed trading is worth: each council's savings under each sharing rule", legendBottom)
	o.Tooltip.AxisPointer = &ecAxisPointer{Type: "shadow"}
	o.Title.TextStyle.Width = 900
	o.XAxis = []ecAxis{{Type: "category", Data: c.councils, AxisTick: &ecAxisTick{AlignWithLabel: true},
		AxisLabel: &ecAxisLabel{Width: 84, Overflow: "break", LineHeight: 15}}}
	if len(c.councils) <= 12 {
		o.XAxis[0].AxisLabel.Interval = chartInt(0) // every council named
	} else {
		o.XAxis[0].AxisLabel.HideOverlap = true
	}
	o.Grid[0].Bottom = 96
	tips := make([][]string, len(res.Councils))
	for i := range res.Councils {
		tips[i] = []string{c.councils[i] + ": savings"}
	}
	var all [][]any
	for k, run := range res.Sharing {
		if len(run.CouncilSavings) != len(res.Councils) {
			return chartFigure{}, chartSpec{}, fmt.Errorf("charts: the sharing rule %s has %d councils, the forecast %d", run.Rule, len(run.CouncilSavings), len(res.Councils))
		}
		data := make([]any, len(run.CouncilSavings))
		for i, m := range run.CouncilSavings {
			data[i] = chartMoney(m)
			tips[i] = append(tips[i], sharingRuleName(run.Rule)+": "+m.FormatPounds())
		}
		all = append(all, data)
		style := &ecItemStyle{Color: chartCouncilColours[k%len(chartCouncilColours)]}
		if f, ok := sharingRuleStyles[run.Rule]; ok {
			style = f()
		}
		o.Series = append(o.Series, ecSeries{ID: "rule-" + strings.ReplaceAll(run.Rule, "_", "-"), Name: sharingRuleName(run.Rule),
			Type: "bar", Data: data, BarMaxWidth: 28, BarGap: "8%", ItemStyle: style, Emphasis: &ecEmphasis{Focus: "series"}})
	}
	o.Grid[0].Left = chartLabelWidth(nil, all...)
	table, councils := bedTradingTables(res)
	fig := chartFigure{ID: id, Heading: "What bed trading is worth", Caption: bedTradingCaption(c, res.Sharing), Tables: []*chartTable{table, councils}}
	return fig, chartSpec{ID: id, Kind: id, Option: o, Tips: tips}, nil
}

// bedTradingTables are the bed-trading chart's data tables, from the
// reports' tables in pounds: the consortium a row a rule (the rule in
// force marked) and each council's savings a column a rule, adding up to
// the consortium's under each as shown.
func bedTradingTables(res *carecast.Result) (rules, councils *chartTable) {
	opt := reports.Options{Money: reports.Pounds}
	rt := reports.SharingRules(res.Sharing, opt).Transpose(carecast.LabelSharingRule)
	for _, r := range rt.Rows {
		r[0].Text = sharingRuleName(r[0].Key)
		if r[0].Key == res.Scenario.Assumptions.SharingRule() {
			r[0].Text += ", in force"
		}
	}
	names := make([]carecast.Council, len(res.Councils))
	for i, cr := range res.Councils {
		names[i] = cr.Council
	}
	ct := reports.SharingCouncils(names, res.Sharing, opt)
	for j := 1; j < len(ct.Columns); j++ {
		ct.Columns[j].Head = sharingRuleName(ct.Columns[j].Key)
	}
	return tableOf(rt, "The consortium under each sharing rule, the rest of the scenario the same.", ""),
		tableOf(ct, "Each council's savings under each sharing rule.", "Each council's savings under each rule")
}

// bedTradingCaption says how to read the chart and what trading saves:
// trading after allocation against allocation alone, and pooling.
func bedTradingCaption(c *chartContext, runs []carecast.SharingRun) string {
	caption := "Each council's savings over " + c.period + " under each rule for who may use the block's rooms, the rest of the scenario the same: rooms reserved to each council with no trading; the same allocations with rooms left empty traded to councils with children waiting; and every room open to any council's child."
	by := map[string]carecast.SharingRun{}
	for _, r := range runs {
		by[r.Rule] = r
	}
	alloc, ok1 := by[carecast.SharingAllocated]
	trade, ok2 := by[carecast.SharingAllocatedTrade]
	if ok1 && ok2 {
		diff := trade.Savings.Sub(alloc.Savings)
		more := diff.FormatPounds() + " more than"
		switch diff.Sign() {
		case 0:
			more = "no more than"
		case -1:
			more = diff.Neg().FormatPounds() + " less than"
		}
		caption += fmt.Sprintf(" Trading unused rooms after allocation saves the consortium %s allocation without trading (%s against %s), and fills %s of the rooms against %s.",
			more, trade.Savings.FormatPounds(), alloc.Savings.FormatPounds(), percent(trade.OccupancyRate), percent(alloc.OccupancyRate))
	}
	if pooled, ok := by[carecast.SharingPooled]; ok && ok1 {
		caption += fmt.Sprintf(" Pooling every room would save %s, %s more than allocation without trading.",
			pooled.Savings.FormatPounds(), pooled.Savings.Sub(alloc.Savings).FormatPounds())
	}
	return caption
}
