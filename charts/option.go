package charts

import "encoding/json"

// The ECharts option objects of charts.html, as plain Go structs that
// encoding/json writes. They hold data only: no field is ever JavaScript.
// The page's own script (reports/assets/charts.js) adds the formatters, by
// chart kind, after JSON.parse. go-echarts is not used to write them: its
// renderer writes strings unescaped into a script and turns strings marked
// "__f__" into code, and names in a scenario are data.
//
// Field names are ECharts' (https://echarts.apache.org/en/option.html).

type ecOption struct {
	Animation bool        `json:"animation"`
	TextStyle ecTextStyle `json:"textStyle"`
	Aria      ecAria      `json:"aria"`
	Title     ecTitle     `json:"title"`
	Toolbox   ecToolbox   `json:"toolbox"`
	Tooltip   ecTooltip   `json:"tooltip"`
	Legend    *ecLegend   `json:"legend,omitempty"`
	Grid      []ecGrid    `json:"grid"`
	XAxis     []ecAxis    `json:"xAxis"`
	YAxis     []ecAxis    `json:"yAxis"`
	// AxisPointer links the pointers of charts with two grids.
	AxisPointer *ecAxisPointerLink `json:"axisPointer,omitempty"`
	Series      []ecSeries         `json:"series"`
}

type ecTextStyle struct {
	Align      string `json:"align,omitempty"`
	FontFamily string `json:"fontFamily,omitempty"`
	FontSize   int    `json:"fontSize,omitempty"`
	FontWeight string `json:"fontWeight,omitempty"`
	Color      string `json:"color,omitempty"`
	Width      int    `json:"width,omitempty"`
	Overflow   string `json:"overflow,omitempty"`
}

// ecAria turns on ECharts' accessibility: a description of the chart for
// screen readers, and decal patterns on bars so that series differ in
// greyscale and to colour-blind readers.
type ecAria struct {
	Enabled bool    `json:"enabled"`
	Decal   ecDecal `json:"decal"`
}

type ecDecal struct {
	Show bool `json:"show"`
}

type ecTitle struct {
	Show         *bool       `json:"show,omitempty"` // nil: shown
	Text         string      `json:"text"`
	Subtext      string      `json:"subtext"`
	Left         int         `json:"left"`
	Top          int         `json:"top"`
	ItemGap      int         `json:"itemGap"`
	TextStyle    ecTextStyle `json:"textStyle"`
	SubtextStyle ecTextStyle `json:"subtextStyle"`
}

type ecToolbox struct {
	Show    bool             `json:"show"`
	Right   int              `json:"right"`
	Top     int              `json:"top"`
	Feature ecToolboxFeature `json:"feature"`
}

type ecToolboxFeature struct {
	SaveAsImage ecSaveAsImage `json:"saveAsImage"`
}

type ecSaveAsImage struct {
	Show              bool     `json:"show"`
	Title             string   `json:"title"`
	Name              string   `json:"name"` // file name, without .png
	Type              string   `json:"type"`
	PixelRatio        int      `json:"pixelRatio"`
	BackgroundColor   string   `json:"backgroundColor"`
	ExcludeComponents []string `json:"excludeComponents"`
}

type ecTooltip struct {
	Trigger     string         `json:"trigger"`
	AxisPointer *ecAxisPointer `json:"axisPointer,omitempty"`
	Confine     bool           `json:"confine"`
}

type ecAxisPointer struct {
	Type string `json:"type"`
}

type ecLegend struct {
	Type      string       `json:"type,omitempty"`
	Orient    string       `json:"orient,omitempty"`
	Top       any          `json:"top,omitempty"`
	Bottom    *int         `json:"bottom,omitempty"`
	Left      any          `json:"left,omitempty"`
	Right     *int         `json:"right,omitempty"`
	ItemGap   int          `json:"itemGap,omitempty"`
	TextStyle *ecTextStyle `json:"textStyle,omitempty"`
	Data      []string     `json:"data,omitempty"` // nil: every series
	// SelectedMode false: the legend is a key only, clicking hides nothing.
	SelectedMode *bool `json:"selectedMode,omitempty"`
}

// ecGrid places a plot; a field is pixels (int) or a percentage ("55%").
type ecGrid struct {
	Left   any `json:"left"`
	Right  any `json:"right"`
	Top    any `json:"top"`
	Bottom any `json:"bottom,omitempty"`
	Height any `json:"height,omitempty"`
}

type ecAxisPointerLink struct {
	Link []ecAxisPointerLinkItem `json:"link"`
}

type ecAxisPointerLinkItem struct {
	XAxisIndex string `json:"xAxisIndex"`
}

type ecAxis struct {
	Type          string       `json:"type"`
	GridIndex     int          `json:"gridIndex,omitempty"`
	Name          string       `json:"name,omitempty"`
	NameLocation  string       `json:"nameLocation,omitempty"`
	NameGap       int          `json:"nameGap,omitempty"`
	NameTextStyle *ecTextStyle `json:"nameTextStyle,omitempty"`
	Data          []string     `json:"data,omitempty"`
	BoundaryGap   *bool        `json:"boundaryGap,omitempty"`
	AxisLabel     *ecAxisLabel `json:"axisLabel,omitempty"`
	AxisTick      *ecAxisTick  `json:"axisTick,omitempty"`
	SplitLine     *ecSplitLine `json:"splitLine,omitempty"`
	AxisLine      *ecAxisLine  `json:"axisLine,omitempty"`
	// Inverse runs a category axis top down.
	Inverse bool `json:"inverse,omitempty"`
	// Min, Max and Interval fix a value axis's range and ticks.
	Min         json.Number `json:"min,omitempty"`
	Max         json.Number `json:"max,omitempty"`
	Interval    json.Number `json:"interval,omitempty"`
	MinInterval json.Number `json:"minInterval,omitempty"`
	SplitNumber int         `json:"splitNumber,omitempty"`
}

type ecAxisLabel struct {
	Show        *bool  `json:"show,omitempty"`
	Interval    *int   `json:"interval,omitempty"`
	HideOverlap bool   `json:"hideOverlap,omitempty"` // on a narrow page, drop labels that would collide
	Width       int    `json:"width,omitempty"`
	Overflow    string `json:"overflow,omitempty"`
	LineHeight  int    `json:"lineHeight,omitempty"`
	Margin      int    `json:"margin,omitempty"`
	// ShowMinLabel and ShowMaxLabel false hide the labels at the ends of
	// an axis whose range is fixed at amounts that are not round.
	ShowMinLabel *bool  `json:"showMinLabel,omitempty"`
	ShowMaxLabel *bool  `json:"showMaxLabel,omitempty"`
	Align        string `json:"align,omitempty"`
	// Rich styles the parts of a label marked {name|text}: only labels
	// this package writes, never a name from a scenario.
	Rich map[string]ecRichStyle `json:"rich,omitempty"`
}

// ecRichStyle is the style of one part of a rich-text label.
type ecRichStyle struct {
	FontSize   int    `json:"fontSize,omitempty"`
	FontWeight string `json:"fontWeight,omitempty"`
	Color      string `json:"color,omitempty"`
	LineHeight int    `json:"lineHeight,omitempty"`
}

type ecAxisTick struct {
	Show           *bool `json:"show,omitempty"`
	AlignWithLabel bool  `json:"alignWithLabel,omitempty"`
	Interval       *int  `json:"interval,omitempty"`
}

type ecSplitLine struct {
	Show      bool         `json:"show"`
	LineStyle *ecLineStyle `json:"lineStyle,omitempty"`
}

type ecAxisLine struct {
	OnZero    bool         `json:"onZero"`
	LineStyle *ecLineStyle `json:"lineStyle,omitempty"`
}

type ecSeries struct {
	ID            string         `json:"id"`
	Name          string         `json:"name"`
	Type          string         `json:"type"`
	XAxisIndex    int            `json:"xAxisIndex,omitempty"`
	YAxisIndex    int            `json:"yAxisIndex,omitempty"`
	Data          []any          `json:"data"`
	Stack         string         `json:"stack,omitempty"`
	StackStrategy string         `json:"stackStrategy,omitempty"`
	Step          string         `json:"step,omitempty"`
	Symbol        string         `json:"symbol,omitempty"`
	SymbolSize    int            `json:"symbolSize,omitempty"`
	ShowSymbol    *bool          `json:"showSymbol,omitempty"`
	Z             int            `json:"z,omitempty"`
	Silent        bool           `json:"silent,omitempty"`
	BarMaxWidth   int            `json:"barMaxWidth,omitempty"`
	BarWidth      string         `json:"barWidth,omitempty"`
	BarGap        string         `json:"barGap,omitempty"`
	BarCatGap     string         `json:"barCategoryGap,omitempty"`
	ItemStyle     *ecItemStyle   `json:"itemStyle,omitempty"`
	LineStyle     *ecLineStyle   `json:"lineStyle,omitempty"`
	AreaStyle     *ecAreaStyle   `json:"areaStyle,omitempty"`
	Label         *ecLabel       `json:"label,omitempty"`
	EndLabel      *ecLabel       `json:"endLabel,omitempty"`
	LabelLayout   *ecLabelLayout `json:"labelLayout,omitempty"`
	Emphasis      *ecEmphasis    `json:"emphasis,omitempty"`
	Tooltip       *ecShow        `json:"tooltip,omitempty"`
	MarkLine      *ecMarkLine    `json:"markLine,omitempty"`
}

type ecItemStyle struct {
	Color       string          `json:"color,omitempty"`
	BorderColor string          `json:"borderColor,omitempty"`
	BorderWidth *int            `json:"borderWidth,omitempty"`
	Decal       *ecDecalPattern `json:"decal,omitempty"`
}

// ecDecalPattern is a pattern drawn over a bar's colour.
type ecDecalPattern struct {
	Symbol     string      `json:"symbol"`
	SymbolSize json.Number `json:"symbolSize"`
	DashArrayX []int       `json:"dashArrayX"`
	DashArrayY []int       `json:"dashArrayY"`
	Rotation   json.Number `json:"rotation"`
	Color      string      `json:"color"`
}

type ecLineStyle struct {
	Color string `json:"color,omitempty"`
	Width int    `json:"width,omitempty"`
	// Type is "solid", "dashed", "dotted" or a dash array such as [8, 3].
	Type    any         `json:"type,omitempty"`
	Opacity json.Number `json:"opacity,omitempty"`
}

type ecAreaStyle struct {
	Color   string      `json:"color,omitempty"`
	Opacity json.Number `json:"opacity,omitempty"`
}

type ecLabel struct {
	Show            bool   `json:"show"`
	Position        string `json:"position,omitempty"`
	Distance        int    `json:"distance,omitempty"`
	Color           string `json:"color,omitempty"`
	FontSize        int    `json:"fontSize,omitempty"`
	FontWeight      string `json:"fontWeight,omitempty"`
	TextBorderWidth *int   `json:"textBorderWidth,omitempty"`
	TextBorderColor string `json:"textBorderColor,omitempty"`
	BackgroundColor string `json:"backgroundColor,omitempty"`
	Padding         int    `json:"padding,omitempty"`
	// Formatter is an ECharts string template such as "{b}" (the data
	// item's name), never code and never a name from a scenario.
	Formatter string `json:"formatter,omitempty"`
}

type ecLabelLayout struct {
	MoveOverlap string `json:"moveOverlap,omitempty"`
}

type ecEmphasis struct {
	Disabled bool   `json:"disabled,omitempty"`
	Focus    string `json:"focus,omitempty"`
}

type ecShow struct {
	Show bool `json:"show"`
}

type ecMarkLine struct {
	Silent    bool          `json:"silent"`
	Symbol    []string      `json:"symbol"`
	LineStyle ecLineStyle   `json:"lineStyle"`
	Label     ecLabel       `json:"label"`
	Data      []ecMarkPoint `json:"data"`
}

// ecMarkPoint is where a mark line goes: across at YAxis or up at XAxis.
type ecMarkPoint struct {
	Name      string       `json:"name"`
	XAxis     json.Number  `json:"xAxis,omitempty"`
	YAxis     json.Number  `json:"yAxis,omitempty"`
	Label     *ecLabel     `json:"label,omitempty"`
	LineStyle *ecLineStyle `json:"lineStyle,omitempty"`
}

// chartEcItem is one data item with a style of its own.
type chartEcItem struct {
	Value any      `json:"value"`
	Label *ecLabel `json:"label,omitempty"`
}

// chartTextItem is a data item of an appraisal chart: Text is its label,
// worked out to the pound here and shown by the appraisal script's label
// formatter as text.
type chartTextItem struct {
	Value     any          `json:"value"`
	Text      string       `json:"text,omitempty"`
	ItemStyle *ecItemStyle `json:"itemStyle,omitempty"`
	Label     *ecLabel     `json:"label,omitempty"`
}
