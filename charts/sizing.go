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
	"github.com/carecast/carecast/internal/atomicfile"
	"github.com/carecast/carecast/reports"
	"github.com/shopspring/decimal"
)

// The charts page of a sizing sweep (sizing.html, 'carecast size --out'):
// the same page, scripts and safety as charts.html, with the NPV against
// the block's size (the recommended size and the size as given marked, the
// reason beside it) and the use of the rooms each size adds against the
// break-even use, block price over spot price (docs/methodology.md §11).
// Its charts are drawn by the further script, every tooltip worked out
// here.

// The charts of the sizing page, in page order.
const (
	ChartSizingNPV = "sizing-npv"
	ChartSizingUse = "sizing-use"
)

// SizingIDs are the ids of the charts in sizing.html, in page order.
var SizingIDs = []string{ChartSizingNPV, ChartSizingUse}

// SizingFileName is the file name of the sizing sweep's charts page.
const SizingFileName = "sizing.html"

// WriteSizing writes the charts page of the sizing sweep z of scenario s
// to path, atomically and never over any of protect.
func WriteSizing(path string, protect []string, z *carecast.Sizing, s *carecast.Scenario) error {
	page, err := buildSizingPage(z, s)
	if err != nil {
		return err
	}
	return atomicfile.WriteFileExcept(path, protect, func(w io.Writer) error {
		return chartsTemplate.Execute(w, page)
	})
}

// RenderSizing writes the sizing sweep's charts page to w; s is the
// scenario swept (for its period), or nil.
func RenderSizing(w io.Writer, z *carecast.Sizing, s *carecast.Scenario) error {
	page, err := buildSizingPage(z, s)
	if err != nil {
		return err
	}
	return chartsTemplate.Execute(w, page)
}

// sizingContext is what the sizing charts share.
type sizingContext struct {
	*chartContext
	z          *carecast.Sizing
	rooms      []string // the x axis: each size's room count
	recommend  int      // index of the recommended size in z.Sizes, -1 if not swept
	given      int      // index of the size as given, -1 if not swept
	expected   string   // "Expected NPV" with risk, "NPV" without
	valueOf    func(carecast.SizePoint) carecast.Money
	ratio      decimal.Decimal // break-even use at the recommended size
	ratioKnown bool
}

func newSizingContext(z *carecast.Sizing) *sizingContext {
	c := &sizingContext{chartContext: &chartContext{scenario: strings.TrimSpace(z.Scenario)}, z: z, recommend: -1, given: -1,
		expected: carecast.LabelNPV, valueOf: func(p carecast.SizePoint) carecast.Money { return p.NPV }}
	if c.scenario == "" {
		c.scenario = "Unnamed scenario"
	}
	if z.Risk {
		c.expected = carecast.LabelExpectedNPV
		c.valueOf = func(p carecast.SizePoint) carecast.Money { return p.MeanNPV }
	}
	for i, p := range z.Sizes {
		c.rooms = append(c.rooms, strconv.Itoa(p.Rooms))
		if p.Rooms == z.Recommended {
			c.recommend = i
			c.ratio, c.ratioKnown = p.CriticalRatio()
		}
		if p.Rooms == z.Largest {
			c.given = i
		}
	}
	return c
}

// roomsText is "1 room" or "35 rooms".
func roomsText(n int) string {
	if n == 1 {
		return "1 room"
	}
	return chartCount(n) + " rooms"
}

func buildSizingPage(z *carecast.Sizing, s *carecast.Scenario) (*chartsPage, error) {
	if z == nil || len(z.Sizes) == 0 {
		return nil, errors.New("charts: no sizes to chart")
	}
	if err := chartsScriptsOK(); err != nil {
		return nil, err
	}
	c := newSizingContext(z)
	first, last := z.Sizes[0].Rooms, z.Sizes[len(z.Sizes)-1].Rooms
	lede := fmt.Sprintf("The scheme forecast at each size of the block from %s to %s, every Rooms row scaled so that a ramp keeps its shape.", chartCount(first), roomsText(last))
	if s != nil {
		a := s.Assumptions
		lede = fmt.Sprintf("The scheme forecast at each size of the block from %s to %s over %s from %s, every Rooms row scaled so that a ramp keeps its shape.",
			chartCount(first), roomsText(last), carecast.YearsText(a.Years), a.StartDate.Long())
	}
	lede += " Money in pounds; NPV is the present value of the savings (docs/methodology.md §7)."
	if z.Risk {
		lede += fmt.Sprintf(" With the risks drawn at random %s at each size, the same draws at every size (common random numbers, seed %d), so that the differences between sizes are not noise.",
			chartTimes(z.Runs), z.Seed)
	}
	page := &chartsPage{
		Title:    c.scenario + ": sizing the block",
		Scenario: c.scenario,
		Kicker:   "Joint commissioning of children's residential care: how many rooms to commission",
		Lede:     lede,
		ECharts:  template.JS(assets.ECharts),
		Script:   template.JS(assets.PageScript),
		Style:    template.CSS(assets.PageStyle),
		Data:     chartsData{Charts: []chartSpec{}},
	}
	page.KeyFigures = []chartKeyFigure{{"Recommended size", roomsText(z.Recommended)}}
	if c.recommend >= 0 {
		page.KeyFigures = append(page.KeyFigures, chartKeyFigure{c.expected + " at " + roomsText(z.Recommended), c.valueOf(z.Sizes[c.recommend]).FormatPounds()})
	}
	page.KeyFigures = append(page.KeyFigures, chartKeyFigure{"Size as given", roomsText(z.Largest)})
	if c.given >= 0 && c.given != c.recommend {
		page.KeyFigures = append(page.KeyFigures, chartKeyFigure{c.expected + " at " + roomsText(z.Largest), c.valueOf(z.Sizes[c.given]).FormatPounds()})
	}
	if c.ratioKnown {
		page.KeyFigures = append(page.KeyFigures, chartKeyFigure{"Break-even use of a room", percent(c.ratio)})
	}
	sec := &chartsSection{ID: "sizing", Heading: "How many rooms to commission"}
	for _, b := range []func(*sizingContext) (chartFigure, chartSpec, error){sizingNPVChart, sizingUseChart} {
		fig, spec, err := b(c)
		if err != nil {
			return nil, err
		}
		sec.Figures = append(sec.Figures, fig)
		page.Data.Demand = append(page.Data.Demand, spec)
	}
	page.Demand = sec
	useFurtherScript(page)
	page.CSP = pagePolicy(page)
	return page, nil
}

// sizeMarks are the mark lines of the recommended size and the size as
// given, each labelled, at their indexes on the category axis (one line
// when they are the same size).
func (c *sizingContext) sizeMarks() []ecMarkPoint {
	var marks []ecMarkPoint
	idx := func(i int) json.Number { return json.Number(strconv.Itoa(i)) }
	switch {
	case c.recommend >= 0 && c.recommend == c.given:
		marks = append(marks, ecMarkPoint{Name: "Recommended, as given: " + roomsText(c.z.Recommended), XAxis: idx(c.recommend),
			LineStyle: &ecLineStyle{Color: okabeGreen, Width: 3, Type: "solid"}})
	default:
		if c.recommend >= 0 {
			marks = append(marks, ecMarkPoint{Name: "Recommended: " + roomsText(c.z.Recommended), XAxis: idx(c.recommend),
				LineStyle: &ecLineStyle{Color: okabeGreen, Width: 3, Type: "solid"}})
		}
		if c.given >= 0 {
			// Below the plot, where the recommended size's label is above.
			marks = append(marks, ecMarkPoint{Name: "As given: " + roomsText(c.z.Largest), XAxis: idx(c.given),
				LineStyle: &ecLineStyle{Color: okabeGrey, Width: 2, Type: "dashed"},
				Label:     &ecLabel{Show: true, Position: "insideStartTop", Color: chartLabelColour, FontWeight: "bold", TextBorderColor: "#ffffff", TextBorderWidth: chartInt(3)}})
		}
	}
	return marks
}

// sizeAxis is the category axis of room counts.
func (c *sizingContext) sizeAxis() ecAxis {
	// About twenty labels at most, at a regular step.
	every := chartInt((len(c.rooms)+19)/20 - 1)
	return ecAxis{Type: "category", Data: c.rooms, Name: "Rooms in the block", NameLocation: "middle", NameGap: 30,
		AxisTick: &ecAxisTick{AlignWithLabel: true, Interval: every}, AxisLabel: &ecAxisLabel{Interval: every},
		AxisLine: &ecAxisLine{OnZero: false}}
}

// sizingNPVChart: the NPV (expected NPV with its P10 to P90 band, with
// risk) at each size, the recommended size and the size as given marked.
func sizingNPVChart(c *sizingContext) (chartFigure, chartSpec, error) {
	id := ChartSizingNPV
	z := c.z
	heading := c.expected + " by size of the block"
	o := c.baseOption(id, heading, legendBottom)
	o.XAxis = []ecAxis{c.sizeAxis()}
	o.Grid[0].Bottom = 92
	o.Grid[0].Right = 40
	o.Legend.SelectedMode = chartBool(false)
	n := len(z.Sizes)
	central, expected, p10, band := make([]any, n), make([]any, n), make([]any, n), make([]any, n)
	tips := make([][]string, n)
	for i, p := range z.Sizes {
		central[i], expected[i] = chartMoney(p.NPV), chartMoney(p.MeanNPV)
		p10[i], band[i] = chartMoney(p.NPVP10), chartMoney(p.NPVP90.Sub(p.NPVP10))
		tips[i] = sizingNPVTip(c, i, p)
	}
	line := func(sid, name, colour string, width int, dash any, data []any) ecSeries {
		return ecSeries{ID: sid, Name: name, Type: "line", Data: data, Symbol: "none", Z: 3,
			ItemStyle: &ecItemStyle{Color: colour},
			LineStyle: &ecLineStyle{Color: colour, Width: width, Type: dash},
			Emphasis:  &ecEmphasis{Disabled: true}}
	}
	marks := &ecMarkLine{
		Silent: true, Symbol: []string{"none", "none"},
		LineStyle: ecLineStyle{Color: okabeBlack, Width: 2, Type: "solid"},
		Label:     ecLabel{Show: true, Position: "insideEndTop", Color: chartLabelColour, FontWeight: "bold", TextBorderColor: "#ffffff", TextBorderWidth: chartInt(3)},
		Data:      append(c.sizeMarks(), ecMarkPoint{Name: "NPV £0", YAxis: "0", LineStyle: &ecLineStyle{Color: okabeBlack, Width: 1, Type: "solid"}}),
	}
	var all [][]any
	if z.Risk {
		const bandName = "P10 to P90 of the NPV"
		main := line("expected", fmt.Sprintf("Expected NPV (mean of %s)", chartRuns(z.Runs)), okabeBlack, 3, "solid", expected)
		main.MarkLine = marks
		o.Series = []ecSeries{
			{ID: "npv-p10", Name: "npv-p10", Type: "line", Data: p10, Stack: "band", StackStrategy: "all",
				Symbol: "none", Silent: true,
				ItemStyle: &ecItemStyle{Color: "transparent"},
				LineStyle: &ecLineStyle{Color: "transparent", Width: 0, Opacity: "0"},
				Emphasis:  &ecEmphasis{Disabled: true}, Tooltip: &ecShow{Show: false}},
			{ID: "npv-band", Name: "npv-band", Type: "line", Data: band, Stack: "band", StackStrategy: "all",
				Symbol: "none", Silent: true,
				ItemStyle: &ecItemStyle{Color: fanOuterColour},
				LineStyle: &ecLineStyle{Color: fanOuterColour, Width: 1},
				AreaStyle: &ecAreaStyle{Color: fanOuterColour, Opacity: "1"},
				Emphasis:  &ecEmphasis{Disabled: true}},
			{ID: "key-band", Name: bandName, Type: "bar", Data: []any{}, ItemStyle: &ecItemStyle{Color: fanOuterColour}},
			main,
			line("central", "NPV of the central forecast", okabeVermilion, 2, []int{10, 5}, central),
		}
		o.Legend.Data = []string{bandName, main.Name, "NPV of the central forecast"}
		all = [][]any{expected, central, p10}
		top := make([]any, n)
		for i, p := range z.Sizes {
			top[i] = chartMoney(p.NPVP90)
		}
		all = append(all, top)
	} else {
		main := line("npv", carecast.LabelNPV, okabeBlack, 3, "solid", central)
		main.Symbol, main.SymbolSize = "circle", 5
		main.MarkLine = marks
		o.Series = []ecSeries{main}
		o.Legend = nil
		o.Grid[0].Bottom = 56
		all = [][]any{central}
	}
	o.Grid[0].Left = chartLabelWidth(nil, all...)

	caption := sizingNPVCaption(c)
	table := sizingTable(c)
	fig := chartFigure{ID: id, Heading: heading, Caption: caption, Note: z.Reason, Class: "sizing", Tables: []*chartTable{table}}
	return fig, chartSpec{ID: id, Kind: id, Option: o, Tips: tips}, nil
}

// sizingNPVTip gives the tooltip lines of the NPV chart at one size.
func sizingNPVTip(c *sizingContext, i int, p carecast.SizePoint) []string {
	z := c.z
	tip := []string{roomsText(p.Rooms)}
	switch {
	case i == c.recommend && i == c.given:
		tip[0] += ": recommended, and the size as given"
	case i == c.recommend:
		tip[0] += ": recommended"
	case i == c.given:
		tip[0] += ": the size as given"
	}
	if z.Risk {
		tip = append(tip,
			fmt.Sprintf("Expected NPV (%s): %s", chartRuns(z.Runs), p.MeanNPV.FormatPounds()),
			fmt.Sprintf("NPV, P10 to P90: %s to %s", p.NPVP10.FormatPounds(), p.NPVP90.FormatPounds()),
			"NPV of the central forecast: "+p.NPV.FormatPounds(),
			carecast.LabelChanceOfLoss+": "+percent(p.LossProbability))
	} else {
		tip = append(tip, carecast.LabelNPV+": "+p.NPV.FormatPounds())
	}
	tip = append(tip, carecast.LabelSavings+": "+p.Savings.FormatPounds(), carecast.LabelOccupancy+": "+percent(p.OccupancyRate))
	return tip
}

// sizingNPVCaption says what the NPV chart shows and how to read its marks.
func sizingNPVCaption(c *sizingContext) string {
	z, n := c.z, len(c.z.Sizes)
	what := carecast.LabelNPV
	if z.Risk {
		what = "expected NPV"
	}
	caption := fmt.Sprintf("The NPV of the scheme at each size of the block, from %s to %s.",
		chartCount(z.Sizes[0].Rooms), roomsText(z.Sizes[n-1].Rooms))
	if z.Risk {
		caption = fmt.Sprintf("The expected NPV of the scheme at each size of the block (the mean over %s), with the band in which the NPV lies in eight runs out of ten (P10 to P90) and, dashed, the NPV of the central forecast.",
			chartRuns(z.Runs))
	}
	caption += " The green line marks the recommended size, the one with the highest " + what + "; the grey dashed line the size as given (the largest Rooms row)."
	if c.given < 0 {
		caption += fmt.Sprintf(" The size as given, %s, is outside the sizes tried.", roomsText(z.Largest))
	}
	return caption
}

// sizingTable is the sweep's figures, folded under the chart: the
// report's sizing table in pounds, each size named with its note ("2
// (recommended)"), a size that adds no rooms' use shown "-".
func sizingTable(c *sizingContext) *chartTable {
	t := reports.Sizing(c.z, reports.Options{Money: reports.Pounds})
	names := []string{carecast.LabelRooms}
	if c.z.Risk {
		names = append(names, carecast.LabelExpectedNPV, carecast.LabelNPVP10, carecast.LabelNPVP90, carecast.LabelChanceOfLoss)
	}
	names = append(names, carecast.LabelNPV, carecast.LabelSavings, carecast.LabelOccupancy, carecast.LabelUseOfRoomsAdded,
		carecast.LabelVoidCost, carecast.LabelOverflow)
	note := reports.SizingColumns(t, carecast.LabelNote)[0]
	use := reports.SizingColumns(t, carecast.LabelUseOfRoomsAdded)[0]
	for _, r := range t.Rows {
		if n := r[note].Text; n != "" {
			r[0] = reports.Text(r[0].Format(reports.Reader) + " (" + n + ")")
		}
		if r[use].Unit == reports.UnitText {
			r[use] = reports.Text("-")
		}
	}
	return tableOf(t.Select(reports.SizingColumns(t, names...)...), "The forecast at each size of the block.", "The figures at each size")
}

// sizingUseChart: at each size, the share of the room-days it adds to the
// size below that are occupied (the chance the added rooms are used),
// against the break-even use (block price over spot price), with the
// block's occupancy and, when demand overflows, the overflow.
func sizingUseChart(c *sizingContext) (chartFigure, chartSpec, error) {
	id := ChartSizingUse
	z := c.z
	heading := "Use of the rooms each size adds"
	o := c.baseOption(id, heading, legendBottom)
	o.XAxis = []ecAxis{c.sizeAxis()}
	o.Grid[0].Bottom = 92
	o.Grid[0].Left = 64
	o.Grid[0].Right = 40
	o.Legend.SelectedMode = chartBool(false)
	pctAxis := valueAxis()
	pctAxis.Name, pctAxis.NameGap, pctAxis.Min, pctAxis.Max = "Per cent", 12, "0", "100"
	o.YAxis = []ecAxis{pctAxis}
	n := len(z.Sizes)
	use, occ, over := make([]any, n), make([]any, n), make([]any, n)
	tips := make([][]string, n)
	overflow := false
	for i, p := range z.Sizes {
		use[i] = "-"
		tip := []string{roomsText(p.Rooms)}
		if i > 0 {
			if u, ok := carecast.MarginalUse(z.Sizes[i-1], p); ok {
				use[i] = json.Number(u.Shift(2).StringFixed(2))
				tip = append(tip, fmt.Sprintf("The room-days added from %s are occupied %s of the time", roomsText(z.Sizes[i-1].Rooms), percent(u)))
			} else {
				tip = append(tip, fmt.Sprintf("No room-days added from %s", roomsText(z.Sizes[i-1].Rooms)))
			}
		}
		// A block of no rooms has no occupancy: a gap in the line, not 0%.
		occ[i] = "-"
		occText := "none (no rooms)"
		if p.CapacityRoomDays.Sign() > 0 {
			occ[i], occText = json.Number(p.OccupancyRate.Shift(2).StringFixed(2)), percent(p.OccupancyRate)
		}
		over[i] = json.Number(p.OverflowRoomDays.String())
		overflow = overflow || p.OverflowRoomDays.Sign() != 0
		tip = append(tip, carecast.LabelOccupancy+" of the block: "+occText,
			carecast.LabelOverflow+": "+roomDays(p.OverflowRoomDays),
			carecast.LabelVoidCost+": "+p.VoidCost.FormatPounds())
		tips[i] = tip
	}
	const useName, occName, overName = carecast.LabelUseOfRoomsAdded, "Occupancy of the block", carecast.LabelOverflow
	bars := ecSeries{ID: "use", Name: useName, Type: "bar", Data: use, BarMaxWidth: 18, BarCatGap: "30%",
		ItemStyle: &ecItemStyle{Color: colourIndigo, Decal: chartHatch()}, Emphasis: &ecEmphasis{Disabled: true}}
	marks := c.sizeMarks()
	if c.ratioKnown {
		marks = append(marks, ecMarkPoint{Name: "Break-even use " + percent(c.ratio) + " (block price / spot price)", YAxis: json.Number(c.ratio.Shift(2).StringFixed(2)),
			LineStyle: &ecLineStyle{Color: okabeVermilion, Width: 2, Type: []int{8, 4}},
			Label:     &ecLabel{Show: true, Position: "insideStartTop", Color: chartLabelColour, FontWeight: "bold", TextBorderColor: "#ffffff", TextBorderWidth: chartInt(3)}})
	}
	bars.MarkLine = &ecMarkLine{
		Silent: true, Symbol: []string{"none", "none"},
		LineStyle: ecLineStyle{Color: okabeBlack, Width: 2, Type: "solid"},
		Label:     ecLabel{Show: true, Position: "insideEndTop", Color: chartLabelColour, FontWeight: "bold", TextBorderColor: "#ffffff", TextBorderWidth: chartInt(3)},
		Data:      marks,
	}
	o.Series = []ecSeries{bars,
		{ID: "occupancy", Name: occName, Type: "line", Data: occ, Symbol: "none", Z: 3,
			ItemStyle: &ecItemStyle{Color: okabeBlack}, LineStyle: &ecLineStyle{Color: okabeBlack, Width: 3, Type: "solid"},
			Emphasis: &ecEmphasis{Disabled: true}},
	}
	if overflow {
		a := valueAxis()
		a.Name, a.NameGap = carecast.LabelOverflow, 12
		a.NameTextStyle = &ecTextStyle{Align: "right"}
		a.SplitLine = &ecSplitLine{Show: false}
		o.YAxis = append(o.YAxis, a)
		o.Grid[0].Right = chartLabelWidth(over)
		o.Series = append(o.Series, ecSeries{ID: "overflow", Name: overName, Type: "line", YAxisIndex: 1, Data: over,
			Symbol: "none", ItemStyle: &ecItemStyle{Color: okabePurple},
			LineStyle: &ecLineStyle{Color: okabePurple, Width: 3, Type: []int{3, 3}}, Emphasis: &ecEmphasis{Disabled: true}})
	}
	caption := "Each bar is the share of the room-days a size adds to the size one room smaller that are occupied in the central forecast: the chance that the rooms added are used. A room pays its way while that chance exceeds block price over spot price (the newsvendor critical ratio, docs/methodology.md §11)"
	if c.ratioKnown {
		caption += fmt.Sprintf(", %s at the recommended size, the dashed line", percent(c.ratio))
	}
	caption += ". The black line is the occupancy of the whole block."
	if overflow {
		caption += " The dotted line, on the right-hand scale, is the overflow: demand the block cannot take, which falls as rooms are added until extra rooms stop being used."
	}
	fig := chartFigure{ID: id, Heading: heading, Caption: caption, Class: "sizing"}
	return fig, chartSpec{ID: id, Kind: id, Option: o, Tips: tips}, nil
}
