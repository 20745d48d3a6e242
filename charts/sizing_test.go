package charts

import (
	"bytes"
	"fmt"
	"reflect"
	"strconv"
	"strings"
	"testing"

	"github.com/carecast/carecast"
	"github.com/carecast/carecast/forecast"
	"github.com/carecast/carecast/inputs"
	"github.com/shopspring/decimal"
)

// sizingFixture is a sweep made by hand, so that every figure its charts
// show can be worked out on paper: sizes 0 to 4 rooms, 100 room-days a
// room, occupied 0, 90, 170, 230 and 260 room-days (so the rooms each
// size adds are used 90%, 80%, 60% and 30% of the time), a block cost of
// £10 a room-day and spot purchasing avoided of £14 an occupied room-day
// (block price over spot price 10/14, 71.4%), NPV £0, £500, £700, £600 and
// £300: the highest at 2 rooms. The size as given is 3 rooms.
func sizingFixture() *carecast.Sizing {
	occupied := []int64{0, 90, 170, 230, 260}
	npv := []int64{0, 500, 700, 600, 300}
	z := &carecast.Sizing{Scenario: "Sizing fixture", Largest: 3, Recommended: 2, Reason: "2 rooms has the highest NPV (a reason in words)."}
	for n := range 5 {
		capacity := decimal.NewFromInt(int64(100 * n))
		occ := decimal.NewFromInt(occupied[n])
		z.Sizes = append(z.Sizes, carecast.SizePoint{Rooms: n, NPV: carecast.Pounds(npv[n]), MeanNPV: carecast.Pounds(npv[n]),
			Savings: carecast.Pounds(2 * npv[n]), CapacityRoomDays: capacity, OccupiedRoomDays: occ,
			BlockCost: carecast.Pounds(1000 * int64(n)), SpotAvoided: carecast.Pounds(14 * occupied[n]),
			OccupancyRate:    carecast.DivRound(occ, decimal.Max(capacity, decimal.NewFromInt(1)), 10),
			OverflowRoomDays: decimal.NewFromInt(max(0, 200-occupied[n]))})
	}
	return z
}

// sizingRiskFixture is the fixture from 1 room with risk: expected NPV
// £400, £650, £660 and £200 (the highest at 3 rooms, the size as given),
// NPV P10 £100 below the mean and P90 £150 above it.
func sizingRiskFixture() *carecast.Sizing {
	z := sizingFixture()
	z.Sizes = z.Sizes[1:]
	z.Risk, z.Runs, z.Seed, z.Recommended = true, 200, 7, 3
	for i, mean := range []int64{400, 650, 660, 200} {
		p := &z.Sizes[i]
		p.MeanNPV, p.NPVP10, p.NPVP90 = carecast.Pounds(mean), carecast.Pounds(mean-100), carecast.Pounds(mean+150)
		p.LossProbability = decimal.RequireFromString("0.025")
	}
	return z
}

func sizingPage(t *testing.T, z *carecast.Sizing) *chartsPage {
	t.Helper()
	page, err := buildSizingPage(z, nil)
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, c := range page.Data.Demand {
		ids = append(ids, c.ID)
	}
	if !reflect.DeepEqual(ids, SizingIDs) {
		t.Fatalf("charts %v, want %v", ids, SizingIDs)
	}
	if len(page.Data.Charts) != 0 || page.Data.Charts == nil {
		t.Errorf("the page script's list is %v, want empty (not null)", page.Data.Charts)
	}
	return page
}

// marksOf are the x-axis marks of a chart: each mark's name and the
// category it stands at.
func marksOf(o ecOption) map[string]string {
	out := map[string]string{}
	for _, s := range o.Series {
		if s.MarkLine == nil {
			continue
		}
		for _, d := range s.MarkLine.Data {
			if d.XAxis != "" {
				i, _ := strconv.Atoi(string(d.XAxis))
				out[d.Name] = o.XAxis[0].Data[i]
			}
		}
	}
	return out
}

func TestSizingChartsByHand(t *testing.T) {
	z := sizingFixture()
	page := sizingPage(t, z)
	npv := demandChart(t, page, ChartSizingNPV)
	o := npv.Option
	if got := strings.Join(o.XAxis[0].Data, " "); got != "0 1 2 3 4" {
		t.Errorf("sizes %q", got)
	}
	if len(o.Series) != 1 {
		t.Fatalf("%d series without risk, want the NPV", len(o.Series))
	}
	if got := strings.Join(seriesValues(t, o.Series[0]), " "); got != "0.00 500.00 700.00 600.00 300.00" {
		t.Errorf("NPV %s", got)
	}
	want := map[string]string{"Recommended: 2 rooms": "2", "As given: 3 rooms": "3"}
	if got := marksOf(o); !reflect.DeepEqual(got, want) {
		t.Errorf("marks %v, want %v", got, want)
	}
	if got := npv.Tips[2]; !reflect.DeepEqual(got, []string{"2 rooms: recommended", "NPV: £700", "Savings: £1,400", "Occupancy: 85.0%"}) {
		t.Errorf("tooltip at 2 rooms %q", got)
	}
	fig := page.Demand.Figures[0]
	if fig.Note != z.Reason {
		t.Errorf("the note beside the chart is %q, want the reason", fig.Note)
	}
	if got := fig.Tables[0].Rows[2]; !reflect.DeepEqual(got, []string{"2 (recommended)", "£700", "£1,400", "85.00%", "80.00%", "£0", "30.00"}) {
		t.Errorf("table row %q", got)
	}

	use := demandChart(t, page, ChartSizingUse)
	u := use.Option
	got := []string{}
	for _, v := range u.Series[0].Data {
		switch v := v.(type) {
		case string:
			got = append(got, v)
		default:
			got = append(got, string(v.(interface{ String() string }).String()))
		}
	}
	if strings.Join(got, " ") != "- 90.00 80.00 60.00 30.00" {
		t.Errorf("use of the rooms added %v", got)
	}
	var breakEven ecMarkPoint
	for _, d := range u.Series[0].MarkLine.Data {
		if d.YAxis != "" {
			breakEven = d
		}
	}
	if breakEven.YAxis != "71.43" || breakEven.Name != "Break-even use 71.4% (block price / spot price)" {
		t.Errorf("break-even mark %+v, want 10/14 = 71.43%%", breakEven)
	}
	if got := marksOf(u); !reflect.DeepEqual(got, want) {
		t.Errorf("marks on the use chart %v, want %v", got, want)
	}
	// Occupancy of the block: 90/100, 170/200, 230/300, 260/400; none at
	// no rooms (a gap, not 0%).
	var occ []string
	for _, v := range u.Series[1].Data {
		occ = append(occ, fmt.Sprint(v))
	}
	if strings.Join(occ, " ") != "- 90.00 85.00 76.67 65.00" {
		t.Errorf("occupancy of the block %v", occ)
	}
	if len(u.YAxis) != 2 || len(u.Series) != 3 || strings.Join(seriesValues(t, u.Series[2]), " ") != "200 110 30 0 0" {
		t.Errorf("the overflow is not on a second axis as 200 110 30 0 0")
	}
	keys := map[string]string{}
	for _, k := range page.KeyFigures {
		keys[k.Label] = k.Value
	}
	for k, v := range map[string]string{"Recommended size": "2 rooms", "NPV at 2 rooms": "£700", "Size as given": "3 rooms",
		"NPV at 3 rooms": "£600", "Break-even use of a room": "71.4%"} {
		if keys[k] != v {
			t.Errorf("key figure %q is %q, want %q", k, keys[k], v)
		}
	}
}

func TestSizingChartsWithRiskByHand(t *testing.T) {
	z := sizingRiskFixture()
	page := sizingPage(t, z)
	spec := demandChart(t, page, ChartSizingNPV)
	o := spec.Option
	byID := map[string][]string{}
	for _, s := range o.Series {
		if len(s.Data) > 0 {
			byID[s.ID] = seriesValues(t, s)
		}
	}
	for id, want := range map[string]string{
		"npv-p10":  "300.00 550.00 560.00 100.00",
		"npv-band": "250.00 250.00 250.00 250.00",
		"expected": "400.00 650.00 660.00 200.00",
		"central":  "500.00 700.00 600.00 300.00",
	} {
		if got := strings.Join(byID[id], " "); got != want {
			t.Errorf("%s: %s, want %s", id, got, want)
		}
	}
	// The recommended size is the size as given: one mark, at "3".
	if got, want := marksOf(o), map[string]string{"Recommended, as given: 3 rooms": "3"}; !reflect.DeepEqual(got, want) {
		t.Errorf("marks %v, want %v", got, want)
	}
	if got := spec.Tips[2]; !reflect.DeepEqual(got, []string{"3 rooms: recommended, and the size as given", "Expected NPV (200 runs): £660",
		"NPV, P10 to P90: £560 to £810", "NPV of the central forecast: £600", "Chance of a loss: 2.5%", "Savings: £1,200", "Occupancy: 76.7%"}) {
		t.Errorf("tooltip %q", got)
	}
	if !strings.Contains(page.Lede, "200 times at each size") || !strings.Contains(page.Lede, "seed 7") {
		t.Errorf("lede %q", page.Lede)
	}
	// A size as given outside the sweep is not marked, and the caption
	// says so.
	z.Largest = 10
	page = sizingPage(t, z)
	if got := marksOf(page.Data.Demand[0].Option); !reflect.DeepEqual(got, map[string]string{"Recommended: 3 rooms": "3"}) {
		t.Errorf("marks %v", got)
	}
	if !strings.Contains(page.Demand.Figures[0].Caption, "The size as given, 10 rooms, is outside the sizes tried.") {
		t.Errorf("caption %q", page.Demand.Figures[0].Caption)
	}
}

// On the demand example, the recommended size's mark stands at the
// highest point of the line drawn (the NPV, or the expected NPV with
// risk), found here from the chart's own data, and the size as given at
// 35 rooms.
func TestSizingChartsOnTheExample(t *testing.T) {
	s, _, err := inputs.Load("../examples/demand")
	if err != nil {
		t.Fatal(err)
	}
	for _, risk := range []bool{false, true} {
		z, err := forecast.Size(s, forecast.SizeOptions{Min: 30, Max: 44, Risk: risk, Runs: 40, Seed: 3})
		if err != nil {
			t.Fatal(err)
		}
		page := sizingPage(t, z)
		o := page.Data.Demand[0].Option
		line := "npv"
		if risk {
			line = "expected"
		}
		var values []string
		for _, ser := range o.Series {
			if ser.ID == line {
				values = seriesValues(t, ser)
			}
		}
		best := 0
		for i, v := range values {
			if decimal.RequireFromString(v).GreaterThan(decimal.RequireFromString(values[best])) {
				best = i
			}
		}
		marks := marksOf(o)
		if z.Recommended == 35 {
			if marks["Recommended, as given: 35 rooms"] != "35" || o.XAxis[0].Data[best] != "35" {
				t.Errorf("risk %v: marks %v, highest at %s", risk, marks, o.XAxis[0].Data[best])
			}
			continue
		}
		if want := strconv.Itoa(z.Recommended); marks["Recommended: "+want+" rooms"] != want || o.XAxis[0].Data[best] != want {
			t.Errorf("risk %v: marks %v, the line highest at %s, recommended %d", risk, marks, o.XAxis[0].Data[best], z.Recommended)
		}
		if marks["As given: 35 rooms"] != "35" {
			t.Errorf("risk %v: marks %v, want the size as given at 35", risk, marks)
		}
	}
}

// The sizing page: its own kicker and lede, the scenario's name escaped,
// the further script, the same bytes every time.
func TestSizingPage(t *testing.T) {
	z := sizingFixture()
	z.Scenario = hostileScenario
	var a, b bytes.Buffer
	if err := RenderSizing(&a, z, nil); err != nil {
		t.Fatal(err)
	}
	if err := RenderSizing(&b, z, nil); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(a.Bytes(), b.Bytes()) {
		t.Error("two renderings differ")
	}
	page := a.String()
	if n := strings.Count(page, "<script"); n != 4 {
		t.Errorf("%d <script elements, want 4", n)
	}
	for _, bad := range []string{"<img src=x", "window.pwned=1</script>"} {
		if strings.Contains(page, bad) {
			t.Errorf("the page holds %q as markup", bad)
		}
	}
	for _, want := range []string{"how many rooms to commission", "The scheme forecast at each size of the block from 0 to 4 rooms", `<p class="chart-note">2 rooms has the highest NPV (a reason in words).</p>`} {
		if !strings.Contains(page, want) {
			t.Errorf("the page lacks %q", want)
		}
	}
	if _, err := buildSizingPage(&carecast.Sizing{}, nil); err == nil {
		t.Error("an empty sweep made a page")
	}
}
