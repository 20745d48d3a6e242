package charts

import (
	"encoding/json"
	"errors"
	"fmt"
	"html/template"
	"io"
	"strconv"
	"strings"

	"github.com/carecast/carecast"
	"github.com/carecast/carecast/charts/assets"
)

// The charts page of the demand study (demand.html, 'carecast demand 903
// --out'; docs/methodology.md §17): for the consortium and then each
// council, the average number of children at once in the chosen placement
// types, month by month, from the SSDA903 returns and projected over the
// horizon with the band in which eight runs in ten fall. It is meant for
// a paper, so a number of children below carecast.SmallCount is never
// drawn or written: the chart shades the zone below it ("fewer than 5")
// and leaves the line out there, and the tables and tooltips say "fewer
// than 5". The same page, scripts and safety as charts.html.

// DemandStudyFileName is the file name of the demand study's charts page.
const DemandStudyFileName = "demand.html"

// The chart ids: the consortium's, then each council's by its position.
const ChartDemandConsortium = "demand-consortium"

// demandCouncilID is the id of council i's chart.
func demandCouncilID(i int) string { return fmt.Sprintf("demand-council-%d", i+1) }

// DemandStudyIDs are the ids of the charts in demand.html, in page order.
func DemandStudyIDs(s *carecast.DemandStudy) []string {
	ids := []string{ChartDemandConsortium}
	for i := range s.Councils {
		ids = append(ids, demandCouncilID(i))
	}
	return ids
}

// demandKind is the kind of every chart of the page: the further script
// writes its axis in whole numbers.
const demandKind = "demand-903"

// RenderDemandStudy writes the demand study's charts page to w; scenario
// is the name of the scenario whose horizon it covers, or "".
func RenderDemandStudy(w io.Writer, s *carecast.DemandStudy, scenario string) error {
	page, err := buildDemandStudyPage(s, scenario)
	if err != nil {
		return err
	}
	return chartsTemplate.Execute(w, page)
}

// demandSeries is one line of a demand chart: a value a month, or none
// (a gap) where the month has none or it is too small to show.
type demandMonth struct {
	month                        carecast.Date
	value, p10, p90              float64
	projected, known             bool
	out, far, outKnown, farKnown bool
	outV, farV                   float64
}

// demandContext is what the page's charts share: the months of the axis.
type demandContext struct {
	*chartContext
	s      *carecast.DemandStudy
	months []carecast.Date
}

func buildDemandStudyPage(s *carecast.DemandStudy, scenario string) (*chartsPage, error) {
	if s == nil || len(s.Councils) == 0 || len(s.Consortium) == 0 {
		return nil, errors.New("charts: no demand to chart")
	}
	if err := chartsScriptsOK(); err != nil {
		return nil, err
	}
	name := strings.TrimSpace(scenario)
	title := "Demand from the SSDA903 returns"
	if name == "" {
		name = title
	} else {
		title = name + ": demand from the SSDA903 returns"
	}
	c := &demandContext{chartContext: &chartContext{scenario: name}, s: s}
	// The axis: the history's last six years before the first month
	// projected (earlier months count only the children still in care
	// when the returns began), then the horizon.
	firstProjected := s.End
	for _, m := range s.Consortium {
		if m.Projected {
			firstProjected = m.Month
			break
		}
	}
	from := s.Consortium[0].Month
	if six := firstProjected.AddMonths(-72); six.After(from) {
		from = six
	}
	if s.Start.Before(from) && !s.Start.Before(s.Consortium[0].Month) {
		from = s.Start
	}
	for m := from; !m.After(s.End); m = m.AddMonths(1) {
		c.months = append(c.months, m)
		c.chartContext.months = append(c.chartContext.months, fmt.Sprintf("%.3s %d", m.Month, m.Year))
	}
	years := (len(c.months) + 11) / 12
	c.interval = 12*((years+11)/12) - 1
	places := joinWords(s.Places)
	lede := fmt.Sprintf("The average number of each council's children at once in %s placements, month by month from its SSDA903 returns, and projected to %s: the expected number, with the band in which eight runs in ten of %s fall (docs/methodology.md §17). Fewer than %d children are not shown.",
		places, s.End.Long(), chartRuns(s.Runs), carecast.SmallCount)
	page := &chartsPage{
		Title:    title,
		Scenario: name,
		Kicker:   "Joint commissioning of children's residential care: demand from the councils' own returns",
		Lede:     lede,
		ECharts:  template.JS(assets.ECharts),
		Script:   template.JS(assets.PageScript),
		Style:    template.CSS(assets.PageStyle),
		Data:     chartsData{Charts: []chartSpec{}},
	}
	// Key figures: the consortium now and at the end of the horizon.
	var recent []carecast.ConsortiumMonth
	for _, m := range s.Consortium {
		if !m.Projected {
			recent = append(recent, m)
		}
	}
	if n := len(recent); n > 0 {
		recent = recent[max(0, n-12):]
		sum := 0.0
		for _, m := range recent {
			sum += m.Value
		}
		page.KeyFigures = append(page.KeyFigures, chartKeyFigure{"Children at once, the last 12 months of the returns", carecast.CountText(sum/float64(len(recent)), 1)})
	}
	last := s.Consortium[len(s.Consortium)-1]
	if last.Projected {
		page.KeyFigures = append(page.KeyFigures, chartKeyFigure{"Expected in " + monthYear(last.Month), carecast.CountText(last.Value, 1)},
			chartKeyFigure{"P10 to P90", carecast.CountText(last.P10, 1) + " to " + carecast.CountText(last.P90, 1)})
	}
	page.KeyFigures = append(page.KeyFigures, chartKeyFigure{"Councils", strconv.Itoa(len(s.Councils))})
	sec := &chartsSection{ID: "demand-903", Heading: "Demand by council"}
	sec.Intro = []string{fmt.Sprintf("Each council's returns are combined over the years as the published demand model (Data to Insight and Social Finance) combines them. The projection moves each council's children between placements, into care and out of it, at the daily rates of its reference period, by age band; %s.", spreadWords(s))}
	specs := []struct {
		id, heading string
		data        []demandMonth
		council     *carecast.CouncilDemand
	}{{ChartDemandConsortium, carecast.LabelAllCouncils, c.consortiumMonths(), nil}}
	for i := range s.Councils {
		cd := &s.Councils[i]
		specs = append(specs, struct {
			id, heading string
			data        []demandMonth
			council     *carecast.CouncilDemand
		}{demandCouncilID(i), cd.Name, c.councilMonths(cd), cd})
	}
	for _, sp := range specs {
		fig, spec := c.demandChart(sp.id, sp.heading, sp.data, sp.council)
		sec.Figures = append(sec.Figures, fig)
		page.Data.Demand = append(page.Data.Demand, spec)
	}
	page.Demand = sec
	useFurtherScript(page)
	page.CSP = pagePolicy(page)
	return page, nil
}

// spreadWords says how the demand risks were set, for the page.
func spreadWords(s *carecast.DemandStudy) string {
	if s.Spread.Months == 0 {
		return "the horizon holds no month projected, so the demand risks are not set"
	}
	return fmt.Sprintf("its spread sets the risks demand (normal, %s to %s at the 5th and 95th percentiles) and demand_council (%s to %s)",
		s.Demand.Low, s.Demand.High, s.DemandCouncil.Low, s.DemandCouncil.High)
}

func monthYear(d carecast.Date) string { return fmt.Sprintf("%s %d", d.Month, d.Year) }

// joinWords writes K2 or K2 and R1.
func joinWords(p []string) string {
	if len(p) <= 1 {
		return strings.Join(p, "")
	}
	return strings.Join(p[:len(p)-1], ", ") + " and " + p[len(p)-1]
}

func (c *demandContext) consortiumMonths() []demandMonth {
	out := make([]demandMonth, len(c.months))
	for i, m := range c.months {
		out[i].month = m
		for _, cm := range c.s.Consortium {
			if cm.Month == m {
				out[i] = demandMonth{month: m, value: cm.Value, p10: cm.P10, p90: cm.P90, projected: cm.Projected, known: true}
			}
		}
	}
	return out
}

func (c *demandContext) councilMonths(cd *carecast.CouncilDemand) []demandMonth {
	out := make([]demandMonth, len(c.months))
	for i, m := range c.months {
		out[i].month = m
		for _, h := range cd.History {
			if h.Month == m {
				out[i] = demandMonth{month: m, value: h.Children, p10: h.Children, p90: h.Children, known: true,
					outV: h.OutOfArea, farV: h.Over20Miles, outKnown: h.LocationUnknown == 0, farKnown: h.DistanceUnknown == 0, out: true, far: true}
			}
		}
		for _, p := range cd.Projection {
			if p.Month == m {
				out[i] = demandMonth{month: m, value: p.Expected, p10: p.P10, p90: p.P90, projected: true, known: true}
			}
		}
	}
	return out
}

// shown is a number of children as a chart may draw it: itself, or a gap
// below the smallest count shown.
func shown(x float64, ok bool) any {
	if !ok || carecast.Suppressed(x) {
		return "-"
	}
	return json.Number(strconv.FormatFloat(x, 'f', 2, 64))
}

// demandChart is one chart: the history (a solid line), the projection's
// expected value (dashed) and its P10 to P90 band, with the zone below
// the smallest count shown shaded.
func (c *demandContext) demandChart(id, heading string, data []demandMonth, cd *carecast.CouncilDemand) (chartFigure, chartSpec) {
	places := joinWords(c.s.Places)
	o := c.baseOption(id, heading+": children at once in "+places+" placements", legendBottom)
	o.XAxis = []ecAxis{c.monthAxis()}
	o.YAxis[0].Name = "Children"
	o.YAxis[0].NameGap = 12
	o.YAxis[0].MinInterval = "1"
	o.Grid[0].Left = 56
	o.Grid[0].Right = 40
	o.Legend.SelectedMode = chartBool(false)
	n := len(data)
	hist, expected, base, band, floor, outs, fars := make([]any, n), make([]any, n), make([]any, n), make([]any, n), make([]any, n), make([]any, n), make([]any, n)
	tips := make([][]string, n)
	anyOut, anyFar, anyBand := false, false, false
	for i, d := range data {
		floor[i] = json.Number(strconv.Itoa(carecast.SmallCount))
		hist[i], expected[i], base[i], band[i], outs[i], fars[i] = "-", "-", "-", "-", "-", "-"
		tip := []string{monthYear(d.month)}
		switch {
		case !d.known:
			tip = append(tip, "No returns for this month")
		case d.projected:
			expected[i] = shown(d.value, true)
			if !carecast.Suppressed(d.p90) {
				lo := max(d.p10, float64(carecast.SmallCount))
				base[i] = json.Number(strconv.FormatFloat(lo, 'f', 2, 64))
				band[i] = json.Number(strconv.FormatFloat(d.p90-lo, 'f', 2, 64))
				anyBand = true
			}
			tip[0] += " (projected)"
			tip = append(tip, "Expected: "+carecast.CountText(d.value, 1),
				"P10 to P90: "+carecast.CountText(d.p10, 1)+" to "+carecast.CountText(d.p90, 1))
		default:
			hist[i] = shown(d.value, true)
			tip = append(tip, "Children at once: "+carecast.CountText(d.value, 1))
			if d.out && d.outKnown {
				outs[i] = shown(d.outV, true)
				anyOut = anyOut || !carecast.Suppressed(d.outV)
				tip = append(tip, "Outside the council's area: "+carecast.CountText(d.outV, 1))
			}
			if d.far && d.farKnown {
				fars[i] = shown(d.farV, true)
				anyFar = anyFar || !carecast.Suppressed(d.farV)
				tip = append(tip, "More than 20 miles from home: "+carecast.CountText(d.farV, 1))
			}
		}
		tips[i] = tip
	}
	line := func(sid, name, colour string, width int, dash any, values []any) ecSeries {
		return ecSeries{ID: sid, Name: name, Type: "line", Data: values, Symbol: "none", Z: 3,
			ItemStyle: &ecItemStyle{Color: colour},
			LineStyle: &ecLineStyle{Color: colour, Width: width, Type: dash},
			Emphasis:  &ecEmphasis{Disabled: true}}
	}
	const bandName = "P10 to P90 (projected)"
	smallName := fmt.Sprintf("Fewer than %d: not shown", carecast.SmallCount)
	o.Series = []ecSeries{
		{ID: "small", Name: smallName, Type: "line", Data: floor, Symbol: "none", Silent: true,
			ItemStyle: &ecItemStyle{Color: "#e6e6e6"}, LineStyle: &ecLineStyle{Color: "#bdbdbd", Width: 1, Type: "dashed"},
			AreaStyle: &ecAreaStyle{Color: "#e6e6e6", Opacity: "1"}, Emphasis: &ecEmphasis{Disabled: true}, Tooltip: &ecShow{Show: false}},
	}
	legend := []string{smallName}
	if anyBand {
		o.Series = append(o.Series,
			ecSeries{ID: "band-base", Name: "band-base", Type: "line", Data: base, Stack: "band", StackStrategy: "all",
				Symbol: "none", Silent: true, ItemStyle: &ecItemStyle{Color: "transparent"},
				LineStyle: &ecLineStyle{Color: "transparent", Width: 0, Opacity: "0"},
				Emphasis:  &ecEmphasis{Disabled: true}, Tooltip: &ecShow{Show: false}},
			ecSeries{ID: "band", Name: bandName, Type: "line", Data: band, Stack: "band", StackStrategy: "all",
				Symbol: "none", Silent: true, ItemStyle: &ecItemStyle{Color: fanOuterColour},
				LineStyle: &ecLineStyle{Color: fanOuterColour, Width: 1},
				AreaStyle: &ecAreaStyle{Color: fanOuterColour, Opacity: "1"}, Emphasis: &ecEmphasis{Disabled: true}})
		legend = append(legend, bandName)
	}
	o.Series = append(o.Series, line("history", "From the returns", okabeBlack, 3, "solid", hist),
		line("expected", "Projected, expected", okabeBlue, 3, []int{8, 4}, expected))
	legend = append(legend, "From the returns", "Projected, expected")
	if anyOut {
		o.Series = append(o.Series, line("out-of-area", "Outside the council's area", okabeVermilion, 2, "dotted", outs))
		legend = append(legend, "Outside the council's area")
	}
	if anyFar {
		o.Series = append(o.Series, line("over-20-miles", "Over 20 miles from home", okabeGreen, 2, []int{2, 4, 8, 4}, fars))
		legend = append(legend, "Over 20 miles from home")
	}
	o.Legend.Data = legend
	o.Grid[0].Bottom = 92
	caption := demandCaption(places, cd, anyOut, anyFar)
	table := c.demandTable(heading, data, cd)
	fig := chartFigure{ID: id, Heading: heading, Caption: caption, Class: "sizing", Tables: []*chartTable{table}}
	return fig, chartSpec{ID: id, Kind: demandKind, Option: o, Tips: tips}
}

// demandCaption says what a demand chart shows: the returns, the
// projection and its band, the out-of-area lines where drawn, and the
// suppressed small counts.
func demandCaption(places string, cd *carecast.CouncilDemand, anyOut, anyFar bool) string {
	caption := fmt.Sprintf("The average number of children at once in %s placements each month: from the returns (solid), then projected (dashed, the expected number, in the band where eight runs in ten fall).", places)
	if cd == nil {
		caption += " All councils added together; the band is of the sum over the runs."
	} else {
		caption += fmt.Sprintf(" Returns from %s to %s; rates from %s to %s.", cd.First.Long(), cd.Last.Long(), cd.ReferenceFrom.Long(), cd.ReferenceTo.Long())
		if anyOut || anyFar {
			caption += " Dotted and dash-dotted: those placed outside the council's area and more than 20 miles from home, where the returns say."
		}
	}
	caption += fmt.Sprintf(" Fewer than %d children are not shown: the shaded zone.", carecast.SmallCount)
	return caption
}

// demandTable is the chart's figures by financial year, folded under it:
// each year's average of its months shown.
func (c *demandContext) demandTable(heading string, data []demandMonth, cd *carecast.CouncilDemand) *chartTable {
	t := &chartTable{Caption: heading + ": children at once, the average of each financial year's months (April to March).", Summary: "The figures by financial year",
		Head: []string{carecast.LabelFinancialYear, "From the returns", "Projected, expected", "P10", "P90"}}
	if cd != nil {
		t.Head = append(t.Head, "Outside the area", "Over 20 miles")
	}
	type acc struct {
		n, np, no, nf                int
		hist, exp, p10, p90, out, fa float64
	}
	var order []carecast.FinancialYear
	sums := map[carecast.FinancialYear]*acc{}
	for _, d := range data {
		if !d.known {
			continue
		}
		fy := d.month.FinancialYear()
		a := sums[fy]
		if a == nil {
			a = &acc{}
			sums[fy] = a
			order = append(order, fy)
		}
		if d.projected {
			a.np++
			a.exp += d.value
			a.p10 += d.p10
			a.p90 += d.p90
			continue
		}
		a.n++
		a.hist += d.value
		if d.out && d.outKnown {
			a.no++
			a.out += d.outV
		}
		if d.far && d.farKnown {
			a.nf++
			a.fa += d.farV
		}
	}
	avg := func(sum float64, n int) string {
		if n == 0 {
			return "-"
		}
		return carecast.CountText(sum/float64(n), 1)
	}
	for _, fy := range order {
		a := sums[fy]
		row := []string{fy.String(), avg(a.hist, a.n), avg(a.exp, a.np), avg(a.p10, a.np), avg(a.p90, a.np)}
		if cd != nil {
			row = append(row, avg(a.out, a.no), avg(a.fa, a.nf))
		}
		t.Rows = append(t.Rows, row)
	}
	return t
}
