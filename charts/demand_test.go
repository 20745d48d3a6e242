package charts

import (
	"bytes"
	"encoding/json"
	"math/rand/v2"
	"reflect"
	"strconv"
	"strings"
	"testing"

	"github.com/carecast/carecast"
	"github.com/carecast/carecast/forecast"
	"github.com/carecast/carecast/forecast/forecasttest"
	"github.com/carecast/carecast/inputs"
	"github.com/shopspring/decimal"
)

// demandResult is the forecast of the worked example with demand,
// allocations and trading.
func demandResult(t testing.TB) (*carecast.Scenario, *carecast.Result) {
	t.Helper()
	s, _, err := inputs.Load("../examples/demand")
	if err != nil {
		t.Fatal(err)
	}
	res, err := forecast.Run(s)
	if err != nil {
		t.Fatal(err)
	}
	return s, res
}

// demandChart is the demand section's chart with the id.
func demandChart(t *testing.T, page *chartsPage, id string) chartSpec {
	t.Helper()
	for _, c := range page.Data.Demand {
		if c.ID == id {
			if c.Kind != id {
				t.Errorf("chart %s: kind %q", id, c.Kind)
			}
			return c
		}
	}
	t.Fatalf("no demand chart %s", id)
	return chartSpec{}
}

// sumNumbers adds the json.Numbers of series, index by index.
func sumNumbers(t *testing.T, series []ecSeries) []decimal.Decimal {
	t.Helper()
	var out []decimal.Decimal
	for _, s := range series {
		for i, v := range seriesValues(t, s) {
			if i == len(out) {
				out = append(out, decimal.Zero)
			}
			out[i] = out[i].Add(decimal.RequireFromString(v))
		}
	}
	return out
}

// The example's overflow chart: each council's bars are its overflow by
// financial year, added up here from the months (an independent route to
// the forecast's yearly totals), and the stacks come to the consortium's
// overflow each year and over the whole period.
func TestOverflowChartOnTheExample(t *testing.T) {
	_, res := demandResult(t)
	page, err := buildChartsPage(res, nil)
	if err != nil {
		t.Fatal(err)
	}
	if got, want := PageIDs(res, nil), append(append([]string(nil), IDs...), ChartOverflow, ChartBedTrading); !reflect.DeepEqual(got, want) {
		t.Errorf("PageIDs %v, want %v", got, want)
	}
	if page.Demand == nil || len(page.Demand.Figures) != 2 {
		t.Fatal("no demand section with two charts")
	}
	spec := demandChart(t, page, ChartOverflow)
	o := spec.Option
	if len(o.Series) != len(res.Councils) {
		t.Fatalf("%d series, want one a council", len(o.Series))
	}
	fyIndex := map[carecast.FinancialYear]int{}
	for y, f := range res.Years {
		fyIndex[f.FY] = y
	}
	for i, s := range o.Series {
		byYear := make([]decimal.Decimal, len(res.Years))
		for _, m := range res.Months {
			y := fyIndex[m.FY]
			byYear[y] = byYear[y].Add(m.Councils[i].OverflowRoomDays)
		}
		for y, v := range seriesValues(t, s) {
			if !decimal.RequireFromString(v).Equal(byYear[y]) {
				t.Errorf("%s in %s: %s room-days, the months add up to %s", s.Name, res.Years[y].FY, v, byYear[y])
			}
		}
	}
	total := decimal.Zero
	for y, v := range sumNumbers(t, o.Series) {
		if !v.Equal(res.Years[y].OverflowRoomDays) {
			t.Errorf("%s: the stack comes to %s, the year's overflow is %s", res.Years[y].FY, v, res.Years[y].OverflowRoomDays)
		}
		total = total.Add(v)
	}
	if !total.Equal(res.Total.OverflowRoomDays) || total.Sign() <= 0 {
		t.Errorf("the bars come to %s, the overflow is %s", total, res.Total.OverflowRoomDays)
	}
	// The tooltip of the first year ends with the consortium's overflow and
	// its spot cost, the cost added up here from the months.
	var cost carecast.Money
	for _, m := range res.Months[res.Years[0].First : res.Years[0].Last+1] {
		for _, cm := range m.Councils {
			cost = cost.Add(cm.OverflowCost)
		}
	}
	tip := spec.Tips[0]
	if want := "All councils: " + roomDays(res.Years[0].OverflowRoomDays) + " room-days, " + cost.FormatPounds(); tip[len(tip)-1] != want {
		t.Errorf("the first year's tooltip ends %q, want %q", tip[len(tip)-1], want)
	}
	// The key figures carry the total overflow and its cost.
	var found int
	for _, k := range page.KeyFigures {
		if k.Label == carecast.LabelOverflow && k.Value == roomDays(total) {
			found++
		}
		if k.Label == "Spot cost of the overflow" && k.Value == res.Total.OverflowCost.FormatPounds() {
			found++
		}
	}
	if found != 2 {
		t.Errorf("key figures %v lack the overflow %s and its cost", page.KeyFigures, roomDays(total))
	}
	// The table's last row is the consortium's.
	rows := page.Demand.Figures[0].Tables[0].Rows
	if last := rows[len(rows)-1]; last[1] != roomDays(total) || last[2] != res.Total.OverflowCost.FormatPounds() {
		t.Errorf("the table's total row is %v", last)
	}
}

// The example's bed-trading chart: one series a sharing rule, each bar a
// council's savings under that rule. The rule in force's bars are the
// forecast's own councils' savings; the allocated rule's are those of the
// example forecast again with sharing set to allocated (a second route);
// every rule's bars add up to its consortium savings.
func TestBedTradingChartOnTheExample(t *testing.T) {
	s, res := demandResult(t)
	page, err := buildChartsPage(res, nil)
	if err != nil {
		t.Fatal(err)
	}
	spec := demandChart(t, page, ChartBedTrading)
	o := spec.Option
	if len(o.Series) != 3 || len(res.Sharing) != 3 {
		t.Fatalf("%d series for %d rules, want 3", len(o.Series), len(res.Sharing))
	}
	if got := o.XAxis[0].Data; !reflect.DeepEqual(got, []string{"Havering", "Barking and Dagenham", "City of London", "Hackney", "Newham", "Redbridge", "Tower Hamlets", "Waltham Forest"}) {
		t.Errorf("categories %v", got)
	}
	alt := *s
	alt.Assumptions.Sharing = carecast.SharingAllocated
	allocated, err := forecast.Run(&alt)
	if err != nil {
		t.Fatal(err)
	}
	for k, ser := range o.Series {
		rule := res.Sharing[k].Rule
		if want := sharingRuleName(rule); ser.Name != want {
			t.Errorf("series %d is %q, want %q", k, ser.Name, want)
		}
		values := seriesValues(t, ser)
		sum := decimal.Zero
		for i, v := range values {
			sum = sum.Add(decimal.RequireFromString(v))
			var want carecast.Money
			switch rule {
			case s.Assumptions.SharingRule():
				want = res.Councils[i].Total.Savings
			case carecast.SharingAllocated:
				want = allocated.Councils[i].Total.Savings
			default:
				want = res.Sharing[k].CouncilSavings[i]
			}
			if v != want.String() {
				t.Errorf("%s, %s: %s, want %s", rule, o.XAxis[0].Data[i], v, want)
			}
		}
		if !sum.Equal(res.Sharing[k].Savings.Decimal()) {
			t.Errorf("%s: the bars come to %s, the consortium saves %s", rule, sum, res.Sharing[k].Savings)
		}
	}
	// Trading never saves less than allocation alone; the caption says by
	// how much, worked out here from the two forecasts.
	more := res.Total.Savings.Sub(allocated.Total.Savings)
	if more.Sign() < 0 {
		t.Errorf("trading saves %s less than allocation", more)
	}
	caption := page.Demand.Figures[1].Caption
	if want := "saves the consortium " + more.FormatPounds() + " more than allocation without trading (" + res.Total.Savings.FormatPounds() + " against " + allocated.Total.Savings.FormatPounds() + ")"; !strings.Contains(caption, want) {
		t.Errorf("caption %q lacks %q", caption, want)
	}
	// The table has a row a rule, the one in force marked, with the
	// consortium's savings, occupancy and void cost.
	table := page.Demand.Figures[1].Tables[0]
	if len(table.Rows) != 3 {
		t.Fatalf("%d rows", len(table.Rows))
	}
	if row := table.Rows[1]; row[0] != "Allocated, then traded (allocated_trade), in force" || row[1] != res.Total.Savings.FormatPounds() ||
		row[3] != carecast.Percent(res.Total.OccupancyRate(), 2) || row[4] != res.Total.VoidCost.FormatPounds() {
		t.Errorf("the row of the rule in force is %v", row)
	}
	if row := table.Rows[0]; row[1] != allocated.Total.Savings.FormatPounds() || row[4] != allocated.Total.VoidCost.FormatPounds() {
		t.Errorf("the allocated row is %v", row)
	}
	// The second table gives the bars: a council a row, a rule a column,
	// and the consortium's savings under each rule at the foot. Shown to
	// the pound, each council's savings are its own rounded down or up, and
	// they add up to the consortium's as shown (Waltham Forest's £1,318,491.52
	// pooled shows £1,318,491 so that the eight add up to £11,208,594).
	councils := page.Demand.Figures[1].Tables[1]
	if len(councils.Rows) != len(res.Councils)+1 || len(councils.Head) != 4 {
		t.Fatalf("the councils' table is %d rows by %d columns", len(councils.Rows), len(councils.Head))
	}
	pounds := func(s string) int64 {
		n, err := strconv.ParseInt(strings.NewReplacer("£", "", ",", "", "(", "-", ")", "").Replace(s), 10, 64)
		if err != nil {
			t.Fatalf("%q: %v", s, err)
		}
		return n
	}
	for k, run := range res.Sharing {
		var sum int64
		for i := range res.Councils {
			got, exact := pounds(councils.Rows[i][k+1]), run.CouncilSavings[i].Decimal()
			if d := decimal.NewFromInt(got); d.LessThan(exact.Floor()) || d.GreaterThan(exact.Ceil()) {
				t.Errorf("%s, %s: %d in the table for %s", run.Rule, res.Councils[i].Council.Name, got, exact)
			}
			sum += got
		}
		if got := councils.Rows[len(res.Councils)][k+1]; got != run.Savings.FormatPounds() || pounds(got) != sum {
			t.Errorf("%s: the table's total is %s, the councils add to %d, the consortium saves %s", run.Rule, got, sum, run.Savings.FormatPounds())
		}
	}
	if got := councils.Rows[len(res.Councils)-1][3]; got != "£1,318,491" {
		t.Errorf("Waltham Forest pooled: %s", got)
	}
	// The tooltip of each council lists its savings under each rule.
	if got, want := spec.Tips[0][1], "Allocated, no trading (allocated): "+allocated.Councils[0].Total.Savings.FormatPounds(); got != want {
		t.Errorf("tooltip line %q, want %q", got, want)
	}
}

// overflowFixture is the hand-made fixture with overflow: Alpha has 10
// room-days of overflow a month at £500 a room-day in the first year, Beta
// 4 room-days a month at £600 in the second. By hand: 2023/24 120
// room-days (Alpha), £60,000; 2024/25 48 room-days (Beta), £28,800; in
// all 168 room-days, £88,800.
func overflowFixture(names ...string) *carecast.Result {
	res := chartFixture("Overflow fixture", names...)
	for m := range res.Months {
		month := &res.Months[m]
		i, days, price := 0, int64(10), int64(500)
		if m >= 12 {
			i, days, price = 1, 4, 600
		}
		month.Councils[i].OverflowRoomDays = decimal.NewFromInt(days)
		month.Councils[i].OverflowCost = carecast.Pounds(days * price)
		month.OverflowRoomDays = decimal.NewFromInt(days)
		month.OverflowCost = carecast.Pounds(days * price)
	}
	res.Total.OverflowRoomDays, res.Total.OverflowCost = decimal.Zero, carecast.Money{}
	for y := range res.Years {
		year := &res.Years[y]
		year.OverflowRoomDays, year.OverflowCost = decimal.Zero, carecast.Money{}
		for _, m := range res.Months[year.First : year.Last+1] {
			year.OverflowRoomDays = year.OverflowRoomDays.Add(m.OverflowRoomDays)
			year.OverflowCost = year.OverflowCost.Add(m.OverflowCost)
		}
		res.Total.OverflowRoomDays = res.Total.OverflowRoomDays.Add(year.OverflowRoomDays)
		res.Total.OverflowCost = res.Total.OverflowCost.Add(year.OverflowCost)
		for i := range res.Councils {
			cf := carecast.CouncilFigures{FY: year.FY}
			for _, m := range res.Months[year.First : year.Last+1] {
				cf.Add(m.Councils[i])
			}
			res.Councils[i].Years[y] = cf
			res.Councils[i].Total.OverflowRoomDays = res.Councils[i].Total.OverflowRoomDays.Add(cf.OverflowRoomDays)
			res.Councils[i].Total.OverflowCost = res.Councils[i].Total.OverflowCost.Add(cf.OverflowCost)
		}
	}
	return res
}

func TestOverflowChartByHand(t *testing.T) {
	res := overflowFixture()
	page, err := buildChartsPage(res, nil)
	if err != nil {
		t.Fatal(err)
	}
	if got, want := PageIDs(res, nil), append(append([]string(nil), IDs...), ChartOverflow); !reflect.DeepEqual(got, want) {
		t.Errorf("PageIDs %v, want %v (no sharing rules, no bed-trading chart)", got, want)
	}
	spec := demandChart(t, page, ChartOverflow)
	alpha, beta := seriesValues(t, spec.Option.Series[0]), seriesValues(t, spec.Option.Series[1])
	if strings.Join(alpha, " ") != "120 0" || strings.Join(beta, " ") != "0 48" {
		t.Errorf("Alpha %v, Beta %v; want 120 0 and 0 48", alpha, beta)
	}
	want := [][]string{
		{"Overflow in 2023/24", "Alpha: 120.00 room-days, £60,000", "All councils: 120.00 room-days, £60,000"},
		{"Overflow in 2024/25", "Beta: 48.00 room-days, £28,800", "All councils: 48.00 room-days, £28,800"},
	}
	if !reflect.DeepEqual(spec.Tips, want) {
		t.Errorf("tooltips %q, want %q", spec.Tips, want)
	}
	wantRows := [][]string{{"Alpha", "120.00", "£60,000"}, {"Beta", "48.00", "£28,800"}, {"All councils", "168.00", "£88,800"}}
	if got := page.Demand.Figures[0].Tables[0].Rows; !reflect.DeepEqual(got, wantRows) {
		t.Errorf("table %q, want %q", got, wantRows)
	}
	// 168 room-days over the 731 days of April 2023 to March 2025: 0.2
	// children at a time.
	if c := page.Demand.Figures[0].Caption; !strings.Contains(c, "168.00 room-days over the whole period (0.2 children at any one time, on average), at a spot cost of £88,800") {
		t.Errorf("caption %q", c)
	}
}

// A scenario without overflow or sharing rules (the built-in, on its
// Occupancy rows) has no demand section, key figure or further script:
// its page is as it was.
func TestNoDemandSectionWithoutDemand(t *testing.T) {
	res := builtInResult(t)
	if hasOverflow(res) || res.Sharing != nil {
		t.Fatal("the built-in scenario has overflow or sharing rules")
	}
	var b bytes.Buffer
	if err := Render(&b, res, nil); err != nil {
		t.Fatal(err)
	}
	page := b.String()
	for _, s := range []string{`class="demand"`, `"demand":`, `id="` + ChartOverflow + `"`, `id="` + ChartBedTrading + `"`, carecast.LabelOverflow, "<table", "data-demand"} {
		if strings.Contains(page, s) {
			t.Errorf("the built-in's page holds %q", s)
		}
	}
	if n := strings.Count(page, "<script"); n != 3 {
		t.Errorf("%d scripts, want 3", n)
	}
	if got := PageIDs(res, nil); !reflect.DeepEqual(got, IDs) {
		t.Errorf("PageIDs %v, want %v", got, IDs)
	}
}

// hostileDemandResult is the overflow fixture with hostile council names,
// among them a formula a spreadsheet would run, and the sharing rules.
func hostileDemandResult() *carecast.Result {
	names := []string{"<script>window.pwned=1</script>", `=HYPERLINK("http://example.com","x")`, hostileNames[2], hostileNames[3]}
	res := overflowFixture(names...)
	res.Scenario.Assumptions.Scenario = hostileScenario
	for k, rule := range forecast.SharingRules {
		run := carecast.SharingRun{Rule: rule, OccupancyRate: decimal.RequireFromString("0.8")}
		for i := range names {
			m := carecast.Pounds(int64(1000*(k+1) - 300*i))
			run.CouncilSavings = append(run.CouncilSavings, m)
			run.Savings = run.Savings.Add(m)
		}
		res.Sharing = append(res.Sharing, run)
	}
	res.Scenario.Assumptions.Sharing = carecast.SharingAllocatedTrade
	return res
}

// Hostile names reach the demand section as text: in the data block as
// JSON strings, in the tables escaped, never as markup.
func TestDemandHostileNamesAreEscaped(t *testing.T) {
	res := hostileDemandResult()
	var b bytes.Buffer
	if err := Render(&b, res, nil); err != nil {
		t.Fatal(err)
	}
	page := b.String()
	if n := strings.Count(page, "<script"); n != 4 {
		t.Errorf("%d <script elements, want the data block, ECharts, the page script and the further script", n)
	}
	if n := strings.Count(strings.ToLower(page), "</script"); n != 4 {
		t.Errorf("%d </script tags, want 4", n)
	}
	for _, bad := range []string{"<img src=x", "window.pwned=1</script>", "<!-- comment"} {
		if strings.Contains(page, bad) {
			t.Errorf("the page holds %q as markup", bad)
		}
	}
	if !strings.Contains(page, `<th scope="row">&lt;script&gt;window.pwned=1&lt;/script&gt;</th>`) {
		t.Error("the overflow table does not hold the council's name escaped")
	}
	if !strings.Contains(page, `<th scope="row">=HYPERLINK(&#34;http://example.com&#34;,&#34;x&#34;)</th>`) {
		t.Error("the overflow table does not hold the formula as text")
	}
	m := dataBlock.FindStringSubmatch(page)
	if m == nil {
		t.Fatal("no data block")
	}
	var data chartsData
	if err := json.Unmarshal([]byte(m[1]), &data); err != nil {
		t.Fatal(err)
	}
	if len(data.Demand) != 2 || !reflect.DeepEqual(data.Demand[1].Option.XAxis[0].Data, []string{"<script>window.pwned=1</script>", `=HYPERLINK("http://example.com","x")`, hostileNames[2], hostileNames[3]}) {
		t.Errorf("the bed-trading chart's councils are not the names as strings")
	}
}

// The demand section's page is the same bytes every time, and the policy
// names the further script.
func TestDemandPageDeterministicAndPolicy(t *testing.T) {
	_, res := demandResult(t)
	var a, b bytes.Buffer
	if err := Render(&a, res, nil); err != nil {
		t.Fatal(err)
	}
	if err := Render(&b, res, nil); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(a.Bytes(), b.Bytes()) {
		t.Error("two renderings differ")
	}
	page, err := buildChartsPage(res, nil)
	if err != nil {
		t.Fatal(err)
	}
	if page.CSP != chartsRiskPolicy() {
		t.Error("the page's policy does not name the further script")
	}
}

// Over generated scenarios with occupancy from demand (any sharing rule,
// one council or many, one year or several): the overflow chart's stacks
// come to each year's overflow, its bars to the councils' and the
// bed-trading chart's bars to each rule's consortium savings; the demand
// section is there exactly when there is overflow or a comparison.
func TestDemandChartsOverGeneratedScenarios(t *testing.T) {
	for seed := uint64(1); seed <= 12; seed++ {
		s := forecasttest.Generate(rand.New(rand.NewPCG(seed, 14)), forecasttest.Options{Occupancy: forecasttest.DemandOccupancy})
		res, err := forecast.Run(s)
		if err != nil {
			t.Fatal(err)
		}
		page, err := buildChartsPage(res, nil)
		if err != nil {
			t.Fatalf("seed %d: %v", seed, err)
		}
		want := PageIDs(res, nil)[len(IDs):]
		var got []string
		for _, c := range page.Data.Demand {
			got = append(got, c.ID)
		}
		if strings.Join(got, " ") != strings.Join(want, " ") || (len(got) == 0) != (page.Demand == nil) {
			t.Errorf("seed %d: demand charts %v, want %v", seed, got, want)
		}
		for _, spec := range page.Data.Demand {
			switch spec.ID {
			case ChartOverflow:
				for y, v := range sumNumbers(t, spec.Option.Series) {
					if !v.Equal(res.Years[y].OverflowRoomDays) {
						t.Errorf("seed %d, %s: stack %s, overflow %s", seed, res.Years[y].FY, v, res.Years[y].OverflowRoomDays)
					}
				}
				for i, ser := range spec.Option.Series {
					sum := decimal.Zero
					for _, v := range seriesValues(t, ser) {
						sum = sum.Add(decimal.RequireFromString(v))
					}
					if !sum.Equal(res.Councils[i].Total.OverflowRoomDays) {
						t.Errorf("seed %d, %s: bars %s, overflow %s", seed, ser.Name, sum, res.Councils[i].Total.OverflowRoomDays)
					}
				}
			case ChartBedTrading:
				for k, ser := range spec.Option.Series {
					sum := decimal.Zero
					for _, v := range seriesValues(t, ser) {
						sum = sum.Add(decimal.RequireFromString(v))
					}
					if !sum.Equal(res.Sharing[k].Savings.Decimal()) {
						t.Errorf("seed %d, %s: bars %s, savings %s", seed, res.Sharing[k].Rule, sum, res.Sharing[k].Savings)
					}
				}
			}
		}
	}
}
