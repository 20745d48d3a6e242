package charts

import (
	"encoding/json"
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"github.com/carecast/carecast"
	"github.com/carecast/carecast/forecast"
	"github.com/carecast/carecast/inputs"
)

// seriesOf is the series of a chart by id.
func seriesOf(t *testing.T, o ecOption, id string) ecSeries {
	t.Helper()
	for _, s := range o.Series {
		if s.ID == id {
			return s
		}
	}
	t.Fatalf("no series %s", id)
	return ecSeries{}
}

// checkActualSplit checks that the monthly series id is drawn as the
// forecast over the whole horizon, dashed unless wantDash says otherwise,
// with a solid copy of the same name holding months 0..last and null
// after.
func checkActualSplit(t *testing.T, o ecOption, id string, last int, wantDash any) {
	t.Helper()
	full := seriesOf(t, o, id)
	actual := seriesOf(t, o, id+"-actual")
	if full.Name != actual.Name {
		t.Errorf("%s: the actual months are named %q, the forecast %q: the legend would list two", id, actual.Name, full.Name)
	}
	if fmt.Sprint(full.LineStyle.Type) != fmt.Sprint(wantDash) {
		t.Errorf("%s: the forecast is drawn %v, want %v", id, full.LineStyle.Type, wantDash)
	}
	if actual.LineStyle.Type != "solid" || actual.LineStyle.Color != full.LineStyle.Color || actual.LineStyle.Width != full.LineStyle.Width {
		t.Errorf("%s: the actual months are drawn %+v, the forecast %+v", id, *actual.LineStyle, *full.LineStyle)
	}
	if actual.Tooltip == nil || actual.Tooltip.Show || full.Tooltip != nil {
		t.Errorf("%s: the tooltip should list each month once, from the forecast series", id)
	}
	if len(actual.Data) != len(full.Data) {
		t.Fatalf("%s: %d actual values, %d forecast", id, len(actual.Data), len(full.Data))
	}
	for m := range full.Data {
		if full.Data[m] == nil {
			t.Errorf("%s: month %d has no forecast value", id, m)
		}
		switch {
		case m <= last && actual.Data[m] != full.Data[m]:
			t.Errorf("%s: month %d is %v actual, %v in the forecast series", id, m, actual.Data[m], full.Data[m])
		case m > last && actual.Data[m] != nil:
			t.Errorf("%s: month %d, after the as-at date, is drawn solid (%v)", id, m, actual.Data[m])
		}
	}
}

// checkAsAtLine checks that a series marks the as-at date at month index
// last with the label want.
func checkAsAtLine(t *testing.T, s ecSeries, last int, want string) {
	t.Helper()
	if s.MarkLine == nil {
		t.Fatalf("%s: no as-at line", s.ID)
	}
	var found bool
	for _, d := range s.MarkLine.Data {
		if d.Name == want {
			found = true
			if d.XAxis != json.Number(fmt.Sprint(last)) {
				t.Errorf("%s: the as-at line is at month %s, want %d", s.ID, d.XAxis, last)
			}
		}
	}
	if !found {
		t.Errorf("%s: no mark line %q in %+v", s.ID, want, s.MarkLine.Data)
	}
}

// The hand-made fixture with an as-at date of 30 September 2023 (month
// 5, the sixth from April 2023): its fund closes month m at £5,000 m -
// £10,000, so the solid line ends at £15,000.00 in September and the
// dashed line runs all 24 months.
func TestChartsActualsFixture(t *testing.T) {
	res := chartFixture("Fixture with actuals")
	res.AsAt = carecast.Date{Year: 2023, Month: 9, Day: 30}
	page, err := buildChartsPage(res, nil)
	if err != nil {
		t.Fatal(err)
	}
	fund := chartByID(t, page, ChartPooledFund)
	checkActualSplit(t, fund, "fund", 5, "dashed")
	if got := seriesOf(t, fund, "fund-actual").Data[5]; got != json.Number("15000.00") {
		t.Errorf("the last actual month's fund is %v, want 15000.00", got)
	}
	checkAsAtLine(t, seriesOf(t, fund, "fund-actual"), 5, "As at 30 September 2023")
	// The zero line stays on the forecast series.
	if ml := seriesOf(t, fund, "fund").MarkLine; ml == nil || ml.Data[0].Name != "Zero balance" {
		t.Errorf("the zero line has gone: %+v", ml)
	}
	cum := chartByID(t, page, ChartCumulativeSavings)
	checkActualSplit(t, cum, "consortium", 5, "dashed")
	// Alpha's line, solid without actuals, is dashed in the forecast;
	// Beta's keeps its dashes; each is solid in the actual months.
	checkActualSplit(t, cum, "council-0", 5, "dashed")
	checkActualSplit(t, cum, "council-1", 5, "dashed")
	checkAsAtLine(t, seriesOf(t, cum, "council-0-actual"), 5, "As at 30 September 2023")
	rooms := chartByID(t, page, ChartRooms)
	checkActualSplit(t, rooms, "capacity", 5, "dashed")
	checkActualSplit(t, rooms, "occupied", 5, "dashed")
	checkAsAtLine(t, seriesOf(t, rooms, "capacity-actual"), 5, "As at 30 September 2023")
	for _, f := range page.Figures[:5] {
		if f.ID == ChartAnnualSavings || f.ID == ChartBlockVsSpot {
			continue
		}
		if !strings.Contains(f.Caption, "Months to the as-at date, 30 September 2023, are actuals, drawn solid") {
			t.Errorf("%s: the caption does not say how actuals are drawn: %q", f.ID, f.Caption)
		}
	}
	// The charts by year and the waterfall are as they were.
	plain := fixturePage(t)
	for _, id := range []string{ChartAnnualSavings, ChartBlockVsSpot, ChartSavingsWaterfall} {
		a, _ := json.Marshal(chartByID(t, page, id).Series)
		b, _ := json.Marshal(chartByID(t, plain, id).Series)
		if string(a) != string(b) {
			t.Errorf("%s changed with actuals", id)
		}
	}
}

// Without an as-at date no chart has a second series of actuals.
func TestChartsNoActualsNoSplit(t *testing.T) {
	for _, c := range fixturePage(t).Data.Charts {
		for _, s := range c.Option.Series {
			if strings.HasSuffix(s.ID, "-actual") {
				t.Errorf("%s: series %s without actuals", c.ID, s.ID)
			}
		}
	}
}

// examples/monitoring is the built-in scheme in month 20, as at 30
// November 2020: months 0 to 19 (April 2019 to November 2020) are solid,
// the engine marks them, and not month 20, as actual.
func TestChartsActualsMonitoringExample(t *testing.T) {
	res := monitoringResult(t)
	if want := (carecast.Date{Year: 2020, Month: 11, Day: 30}); res.AsAt != want {
		t.Fatalf("as at %v, want %v", res.AsAt, want)
	}
	const last = 19
	if !res.Months[last].Actual || res.Months[last+1].Actual || res.ActualMonths() == 0 {
		t.Fatalf("months %d and %d: actual %v and %v", last, last+1, res.Months[last].Actual, res.Months[last+1].Actual)
	}
	page, err := buildChartsPage(res, nil)
	if err != nil {
		t.Fatal(err)
	}
	fund := chartByID(t, page, ChartPooledFund)
	if got := fund.XAxis[0].Data[last]; got != "Nov 2020" {
		t.Errorf("month %d is labelled %q, want Nov 2020", last, got)
	}
	checkActualSplit(t, fund, "fund", last, "dashed")
	checkAsAtLine(t, seriesOf(t, fund, "fund-actual"), last, "As at 30 November 2020")
	if got, want := seriesOf(t, fund, "fund-actual").Data[last], chartMoney(res.Months[last].ClosingFund); got != want {
		t.Errorf("the fund at the as-at date is %v, want %v", got, want)
	}
	cum := chartByID(t, page, ChartCumulativeSavings)
	checkActualSplit(t, cum, "consortium", last, "dashed")
	for i := range res.Councils {
		dash := chartCouncilDashes[i%len(chartCouncilDashes)]
		if dash == "solid" {
			dash = "dashed"
		}
		checkActualSplit(t, cum, fmt.Sprintf("council-%d", i), last, dash)
	}
	rooms := chartByID(t, page, ChartRooms)
	checkActualSplit(t, rooms, "occupied", last, "dashed")
	checkAsAtLine(t, seriesOf(t, rooms, "capacity-actual"), last, "As at 30 November 2020")
}

// monitoringResult is the forecast of examples/monitoring.
func monitoringResult(t testing.TB) *carecast.Result {
	t.Helper()
	s, _, err := inputs.Load(filepath.Join("..", "examples", "monitoring"))
	if err != nil {
		t.Fatal(err)
	}
	res, err := forecast.Run(s)
	if err != nil {
		t.Fatal(err)
	}
	return res
}
