package charts

import (
	"bytes"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"html"
	"io"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"strings"
	"testing"

	"github.com/carecast/carecast"
	"github.com/carecast/carecast/internal/golden"
	"github.com/shopspring/decimal"
)

// chartFixture is a small forecast made by hand, so that every figure the
// charts show can be worked out on paper: two councils over two financial
// years from April 2023.
//
//   - Alpha saves £1,000.25 a month; Beta loses £200.10 a month for six
//     months, then saves £300.00 a month.
//   - 10 block rooms in the first year (12 from 11 September 2023: 10 rooms
//     for 10 days and 12 for 20 days of September), 12 in the second;
//     7.5 rooms occupied throughout.
//   - Block cost £20,000.00 a month (£18,000.00 of it for rooms in use),
//     spot purchasing avoided £21,000.35 a month.
//   - The fund closes month m at £5,000 m - £10,000.
//   - Over the two years: running costs £803.00, a grant of £5,000.00.
func chartFixture(scenario string, names ...string) *carecast.Result {
	if len(names) == 0 {
		names = []string{"Alpha", "Beta"}
	}
	start := carecast.Date{Year: 2023, Month: 4, Day: 1}
	res := &carecast.Result{
		Scenario: &carecast.Scenario{Assumptions: carecast.Assumptions{Scenario: scenario, StartDate: start, Years: 2, SettleAtEnd: true}},
		Start:    start,
		End:      carecast.Date{Year: 2025, Month: 3, Day: 31},
	}
	for i, n := range names {
		c := carecast.Council{Code: string(rune('A' + i)), Name: n}
		res.Scenario.Councils = append(res.Scenario.Councils, c)
		res.Councils = append(res.Councils, carecast.CouncilResult{Council: c, Index: i})
	}
	var fund carecast.Money
	for m := 0; m < 24; m++ {
		first := start.AddMonths(m)
		last := start.AddMonths(m + 1).AddDays(-1)
		days := last.Days() - first.Days() + 1
		rooms := int64(10)
		if m >= 12 {
			rooms = 12
		}
		capacity := decimal.NewFromInt(rooms * int64(days))
		if m == 5 { // September 2023: 10 rooms for 10 days, 12 for 20
			capacity = decimal.NewFromInt(10*10 + 12*20)
		}
		fund = carecast.Pounds(5000*int64(m) - 10000)
		month := carecast.Month{
			Index: m, Start: first, End: last, Days: days, FY: first.FinancialYear(), ModelYear: m / 12,
			Figures: carecast.Figures{
				BlockCost:        carecast.Pounds(20000),
				UsedBlock:        carecast.Pounds(18000),
				VoidCost:         carecast.Pounds(2000),
				SpotAvoided:      carecast.MustMoney("21000.35"),
				CapacityRoomDays: capacity,
				OccupiedRoomDays: decimal.RequireFromString("7.5").Mul(decimal.NewFromInt(int64(days))),
				ClosingFund:      fund,
			},
		}
		for i := range names {
			var s carecast.Money
			switch {
			case i == 0:
				s = carecast.MustMoney("1000.25")
			case m < 6:
				s = carecast.MustMoney("-200.10")
			default:
				s = carecast.Pounds(300)
			}
			if i > 1 {
				s = carecast.Pounds(int64(100 * i))
			}
			month.Councils = append(month.Councils, carecast.CouncilMonth{Savings: s})
			month.Savings = month.Savings.Add(s)
		}
		res.Months = append(res.Months, month)
	}
	for y := 0; y < 2; y++ {
		year := carecast.Year{FY: carecast.FinancialYear(2023 + y), First: 12 * y, Last: 12*y + 11}
		year.OpeningFund = carecast.Pounds(-15000 + 60000*int64(y))
		for _, m := range res.Months[12*y : 12*y+12] {
			year.Figures.Add(m.Figures)
		}
		res.Years = append(res.Years, year)
		for i := range res.Councils {
			cf := carecast.CouncilFigures{FY: year.FY}
			for _, m := range res.Months[12*y : 12*y+12] {
				cf.Add(m.Councils[i])
			}
			res.Councils[i].Years = append(res.Councils[i].Years, cf)
		}
	}
	res.Total = res.Years[0].Figures
	res.Total.Add(res.Years[1].Figures)
	// Running costs and the grant appear only in the totals: the waterfall
	// reads nothing else.
	res.Total.OtherCosts = carecast.Pounds(803)
	res.Total.Grants = carecast.Pounds(5000)
	res.Total.SharedCost = res.Total.VoidCost.Add(res.Total.OtherCosts).Sub(res.Total.Grants)
	res.Total.AttributedCost = res.Total.UsedBlock.Add(res.Total.SharedCost)
	res.Total.Savings = res.Total.SpotAvoided.Sub(res.Total.AttributedCost)
	res.NPV = carecast.MustMoney("27500.49")
	return res
}

// seriesValues are the values of a series as the JSON will hold them.
func seriesValues(t *testing.T, s ecSeries) []string {
	t.Helper()
	var out []string
	for _, v := range s.Data {
		switch v := v.(type) {
		case json.Number:
			out = append(out, string(v))
		case chartEcItem:
			out = append(out, string(v.Value.(json.Number)))
		default:
			t.Fatalf("series %s: a value of type %T", s.Name, v)
		}
	}
	return out
}

func chartByID(t *testing.T, page *chartsPage, id string) ecOption {
	t.Helper()
	for _, c := range page.Data.Charts {
		if c.ID == id {
			if c.Kind != id {
				t.Errorf("chart %s: kind %q, want %q", id, c.Kind, id)
			}
			return c.Option
		}
	}
	t.Fatalf("no chart %s", id)
	return ecOption{}
}

func fixturePage(t *testing.T) *chartsPage {
	t.Helper()
	page, err := buildChartsPage(chartFixture("Fixture scenario"), nil)
	if err != nil {
		t.Fatal(err)
	}
	return page
}

func TestChartsOrderAndTitles(t *testing.T) {
	page := fixturePage(t)
	var ids []string
	for i, c := range page.Data.Charts {
		ids = append(ids, c.ID)
		if page.Figures[i].ID != c.ID {
			t.Errorf("figure %d is %s, chart %s", i, page.Figures[i].ID, c.ID)
		}
		if got := c.Option.Title.Subtext; got != "Fixture scenario" {
			t.Errorf("%s: title's subtext %q, want the scenario's name", c.ID, got)
		}
		if c.Option.Animation {
			t.Errorf("%s: animated", c.ID)
		}
		if !c.Option.Toolbox.Feature.SaveAsImage.Show {
			t.Errorf("%s: no save-as-image button", c.ID)
		}
	}
	if !reflect.DeepEqual(ids, IDs) {
		t.Errorf("charts %v, want %v", ids, IDs)
	}
	if got, want := page.Period, "1 April 2023 to 31 March 2025"; got != want {
		t.Errorf("period %q, want %q", got, want)
	}
}

// Every figure below is worked out from the fixture's description.
func TestChartFigures(t *testing.T) {
	page := fixturePage(t)
	last := func(v []string) string { return v[len(v)-1] }

	t.Run("cumulative savings", func(t *testing.T) {
		o := chartByID(t, page, ChartCumulativeSavings)
		if len(o.Series) != 3 {
			t.Fatalf("%d series, want consortium and two councils", len(o.Series))
		}
		total, alpha, beta := seriesValues(t, o.Series[0]), seriesValues(t, o.Series[1]), seriesValues(t, o.Series[2])
		for _, c := range []struct {
			name      string
			got, want string
		}{
			{"Alpha, April 2023", alpha[0], "1000.25"},
			{"Alpha, March 2025: 24 x 1,000.25", last(alpha), "24006.00"},
			{"Beta, September 2023: 6 x -200.10", beta[5], "-1200.60"},
			{"Beta, March 2025: -1,200.60 + 18 x 300", last(beta), "4199.40"},
			{"consortium, April 2023", total[0], "800.15"},
			{"consortium, March 2025", last(total), "28205.40"},
		} {
			if c.got != c.want {
				t.Errorf("%s: got %s, want %s", c.name, c.got, c.want)
			}
		}
		if o.Series[1].Name != "Alpha" || o.Series[2].Name != "Beta" || o.Series[0].Name != "Consortium" {
			t.Errorf("series names %q, %q, %q", o.Series[0].Name, o.Series[1].Name, o.Series[2].Name)
		}
		if got := o.XAxis[1].Data; len(got) != 24 || got[0] != "Apr 2023" || got[23] != "Mar 2025" {
			t.Errorf("month axis %v", got)
		}
		if o.Series[1].YAxisIndex != 1 || o.Series[0].YAxisIndex != 0 {
			t.Errorf("councils on y-axis %d, consortium on %d: want 1 and 0", o.Series[1].YAxisIndex, o.Series[0].YAxisIndex)
		}
	})

	t.Run("annual savings", func(t *testing.T) {
		o := chartByID(t, page, ChartAnnualSavings)
		if got, want := o.XAxis[0].Data, []string{"2023/24", "2024/25"}; !reflect.DeepEqual(got, want) {
			t.Errorf("years %v, want %v", got, want)
		}
		for i, want := range [][]string{
			{"12003.00", "12003.00"}, // 12 x 1,000.25
			{"599.40", "3600.00"},    // 6 x -200.10 + 6 x 300; 12 x 300
		} {
			if got := seriesValues(t, o.Series[i]); !reflect.DeepEqual(got, want) {
				t.Errorf("%s: got %v, want %v", o.Series[i].Name, got, want)
			}
			if o.Series[i].Stack == "" || o.Series[i].Type != "bar" {
				t.Errorf("%s: not a stacked bar", o.Series[i].Name)
			}
		}
		if !o.Aria.Decal.Show {
			t.Error("bars have no decal patterns")
		}
		if got, want := o.Legend.Data, []string{"Beta", "Alpha"}; !reflect.DeepEqual(got, want) {
			t.Errorf("legend %v, want %v (top down, as stacked)", got, want)
		}
	})

	t.Run("rooms", func(t *testing.T) {
		o := chartByID(t, page, ChartRooms)
		capacity, occupied := seriesValues(t, o.Series[0]), seriesValues(t, o.Series[1])
		for _, c := range []struct {
			name      string
			got, want string
		}{
			{"capacity, April 2023", capacity[0], "10.00"},
			{"capacity, September 2023: (100 + 240) / 30", capacity[5], "11.33"},
			{"capacity, April 2024", capacity[12], "12.00"},
			{"occupied, February 2024 (29 days)", occupied[10], "7.50"},
		} {
			if c.got != c.want {
				t.Errorf("%s: got %s, want %s", c.name, c.got, c.want)
			}
		}
	})

	t.Run("block against spot", func(t *testing.T) {
		o := chartByID(t, page, ChartBlockVsSpot)
		if got, want := seriesValues(t, o.Series[0]), []string{"240000.00", "240000.00"}; !reflect.DeepEqual(got, want) {
			t.Errorf("block cost %v, want %v", got, want)
		}
		if got, want := seriesValues(t, o.Series[1]), []string{"252004.20", "252004.20"}; !reflect.DeepEqual(got, want) {
			t.Errorf("spot avoided %v, want %v (12 x 21,000.35)", got, want)
		}
	})

	t.Run("pooled fund", func(t *testing.T) {
		o := chartByID(t, page, ChartPooledFund)
		v := seriesValues(t, o.Series[0])
		if v[0] != "-10000.00" || v[2] != "0.00" || last(v) != "105000.00" {
			t.Errorf("fund %s, %s, ..., %s; want -10000.00, 0.00, ..., 105000.00", v[0], v[2], last(v))
		}
		ml := o.Series[0].MarkLine
		if ml == nil || len(ml.Data) != 1 || ml.Data[0].YAxis != "0" {
			t.Errorf("no zero line: %+v", ml)
		}
	})

	t.Run("waterfall", func(t *testing.T) {
		o := chartByID(t, page, ChartSavingsWaterfall)
		// Spot 24 x 21,000.35 = 504,008.40; in use 24 x 18,000; empty
		// 24 x 2,000; running costs 803; grant 5,000; net 28,205.40.
		want := map[string][]string{
			"categories": {"Spot purchasing avoided", "Used block cost", "Void cost (empty rooms)", "Running costs", "Grants", "Savings"},
			"base":       {"0", "504008.40", "72008.40", "24008.40", "23205.40", "0"},
			"total":      {"504008.40", "0", "0", "0", "0", "28205.40"},
			"cost":       {"0", "-432000.00", "-48000.00", "-803.00", "0", "0"},
			"income":     {"0", "0", "0", "0", "5000.00", "0"},
		}
		got := map[string][]string{"categories": o.XAxis[0].Data}
		for _, s := range o.Series {
			got[s.ID] = seriesValues(t, s)
			if s.Stack != "waterfall" || s.StackStrategy != "all" {
				t.Errorf("%s: stack %q, strategy %q", s.ID, s.Stack, s.StackStrategy)
			}
		}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("got  %v\nwant %v", got, want)
		}
		if b := o.Series[0]; b.ItemStyle.Color != "transparent" || b.Tooltip == nil || b.Tooltip.Show {
			t.Errorf("the base is not transparent and silent: %+v", b)
		}
	})
}

func TestWaterfallLeavesOutWhatIsNotThere(t *testing.T) {
	for _, c := range []struct {
		name                     string
		spot, used, void, grants int64
		wantCats                 []string
		wantBase                 []string
	}{
		{
			name: "no running costs or grants", spot: 1000, used: 600, void: 100,
			wantCats: []string{"Spot purchasing avoided", "Used block cost", "Void cost (empty rooms)", "Savings"},
			wantBase: []string{"0", "1000.00", "400.00", "0"},
		},
		{
			// 100 - 80 = 20, then -50 crosses zero to -30, +10 to -20.
			name: "savings below zero", spot: 100, used: 80, void: 50, grants: 10,
			wantCats: []string{"Spot purchasing avoided", "Used block cost", "Void cost (empty rooms)", "Grants", "Savings"},
			wantBase: []string{"0", "100.00", "20.00", "-30.00", "0"},
		},
	} {
		t.Run(c.name, func(t *testing.T) {
			res := chartFixture("W")
			res.Total = carecast.Figures{
				SpotAvoided: carecast.Pounds(c.spot), UsedBlock: carecast.Pounds(c.used),
				VoidCost: carecast.Pounds(c.void), Grants: carecast.Pounds(c.grants),
				Savings: carecast.Pounds(c.spot - c.used - c.void + c.grants),
			}
			page, err := buildChartsPage(res, nil)
			if err != nil {
				t.Fatal(err)
			}
			o := chartByID(t, page, ChartSavingsWaterfall)
			if got := o.XAxis[0].Data; !reflect.DeepEqual(got, c.wantCats) {
				t.Errorf("categories %v, want %v", got, c.wantCats)
			}
			if got := seriesValues(t, o.Series[0]); !reflect.DeepEqual(got, c.wantBase) {
				t.Errorf("base %v, want %v", got, c.wantBase)
			}
		})
	}
}

func TestWaterfallRefusesTotalsThatDoNotAddUp(t *testing.T) {
	res := chartFixture("W")
	res.Total.Savings = res.Total.Savings.Add(carecast.Pence(1))
	if _, err := buildChartsPage(res, nil); err == nil || !strings.Contains(err.Error(), "waterfall") {
		t.Errorf("got %v, want an error about the waterfall", err)
	}
}

// Money reaches the page as JSON numbers written from the decimal string:
// no float64 on the way, so no 0.30000000000000004.
func TestChartMoneyIsExact(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"0.30", "0.30"},
		{"1234567.89", "1234567.89"},
		{"-0.01", "-0.01"},
		{"12345678901234.57", "12345678901234.57"},
	} {
		t.Run(c.in, func(t *testing.T) {
			b, err := json.Marshal(chartMoney(carecast.MustMoney(c.in)))
			if err != nil {
				t.Fatal(err)
			}
			if string(b) != c.want {
				t.Errorf("got %s, want %s", b, c.want)
			}
		})
	}
	if got, want := carecast.MustMoney("-11330132.65").FormatPounds(), "(£11,330,133)"; got != want {
		t.Errorf("key figure: got %s, want %s", got, want)
	}
}

func renderFixture(t *testing.T, res *carecast.Result) string {
	t.Helper()
	var b bytes.Buffer
	if err := Render(&b, res, nil); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

var dataBlock = regexp.MustCompile(`(?s)<script type="application/json" id="carecast-chart-data">(.*?)</script>`)

// The page's data block parses back to exactly the options built: what
// JSON.parse will see.
func TestChartsDataBlockRoundTrips(t *testing.T) {
	res := chartFixture(hostileScenario, hostileNames...)
	html := renderFixture(t, res)
	m := dataBlock.FindStringSubmatch(html)
	if m == nil {
		t.Fatal("no data block")
	}
	var got, want any
	if err := json.Unmarshal([]byte(m[1]), &got); err != nil {
		t.Fatalf("the data block is not JSON: %v", err)
	}
	page, err := buildChartsPage(res, nil)
	if err != nil {
		t.Fatal(err)
	}
	b, _ := json.Marshal(page.Data)
	if err := json.Unmarshal(b, &want); err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got, want) {
		t.Error("the data block does not parse back to the options")
	}
}

// Names that would be code if they were not escaped.
const hostileScenario = `</script><script>window.pwned=1</script> "Council's" <img src=x onerror=window.pwned=1>`

var hostileNames = []string{
	`</script><script>window.pwned=1</script>`,
	`__f__function(){window.pwned=1}__f__`,
	`<img src=x onerror=window.pwned=1>`,
	`"Quoted" & 'single' \ back\slash <!-- comment`,
}

// Without a browser: the hostile names never reach the HTML as markup.
func TestChartsHostileNamesAreEscaped(t *testing.T) {
	html := renderFixture(t, chartFixture(hostileScenario, hostileNames...))
	if n := strings.Count(html, "<script"); n != 3 {
		t.Errorf("%d <script elements, want the data block, ECharts and the page script", n)
	}
	if n := strings.Count(strings.ToLower(html), "</script"); n != 3 {
		t.Errorf("%d </script tags, want 3", n)
	}
	for _, bad := range []string{"<img src=x", "window.pwned=1</script>", "<!-- comment"} {
		if strings.Contains(html, bad) {
			t.Errorf("the page holds %q as markup", bad)
		}
	}
	// The data block holds the names as JSON strings, with < > & escaped.
	m := dataBlock.FindStringSubmatch(html)
	if m == nil {
		t.Fatal("no data block")
	}
	if strings.ContainsAny(m[1], "<>") {
		t.Error("the data block holds < or >")
	}
	if !strings.Contains(m[1], `"__f__function(){window.pwned=1}__f__"`) {
		t.Error("the __f__ name is not a plain JSON string")
	}
	// The title and heading hold the scenario's name as text.
	if !strings.Contains(html, "<h1 id=\"scenario-name\">&lt;/script&gt;&lt;script&gt;window.pwned=1&lt;/script&gt; &#34;Council&#39;s&#34; &lt;img src=x onerror=window.pwned=1&gt;</h1>") {
		t.Error("the heading does not hold the escaped name")
	}
}

// The Content-Security-Policy names the SHA-256 of exactly the two scripts
// on the page, so that no other script can run.
func TestChartsCSPMatchesScripts(t *testing.T) {
	page := renderFixture(t, chartFixture("CSP"))
	csp := regexp.MustCompile(`<meta http-equiv="Content-Security-Policy" content="([^"]*)">`).FindStringSubmatch(page)
	if csp == nil {
		t.Fatal("no Content-Security-Policy")
	}
	policy := html.UnescapeString(csp[1])
	scripts := regexp.MustCompile(`(?s)<script>(.*?)</script>`).FindAllStringSubmatch(page, -1)
	if len(scripts) != 2 {
		t.Fatalf("%d inline scripts, want 2", len(scripts))
	}
	for i, s := range scripts {
		sum := sha256.Sum256([]byte(s[1]))
		h := "'sha256-" + base64.StdEncoding.EncodeToString(sum[:]) + "'"
		if !strings.Contains(policy, h) {
			t.Errorf("script %d's hash %s is not in the policy %q", i, h, policy)
		}
	}
	for _, want := range []string{"default-src 'none'", "base-uri 'none'"} {
		if !strings.Contains(policy, want) {
			t.Errorf("policy %q lacks %s", policy, want)
		}
	}
	if strings.Contains(policy, "unsafe-inline';") && strings.Contains(policy, "script-src 'unsafe-inline'") {
		t.Error("the policy lets any inline script run")
	}
}

func TestChartCheckInline(t *testing.T) {
	for _, c := range []struct {
		code string
		ok   bool
	}{
		{"var a = 1;", true},
		{"", false},
		{"x = '</script>'", false},
		{"x = '</SCRIPT >'", false},
		{"<!-- x", false},
		{"a < b && c > d", true},
	} {
		t.Run(c.code, func(t *testing.T) {
			if err := chartCheckInline(c.code); (err == nil) != c.ok {
				t.Errorf("got %v, want ok %v", err, c.ok)
			}
		})
	}
}

// The same forecast gives the same bytes.
func TestChartsDeterministic(t *testing.T) {
	a := renderFixture(t, chartFixture("Same"))
	b := renderFixture(t, chartFixture("Same"))
	if a != b {
		t.Error("two renderings differ")
	}
}

// The options of the fixture, as a golden file: a change to any chart's
// look shows in review. Its figures are checked by hand in the tests above.
func TestChartsGolden(t *testing.T) {
	got, err := chartsJSON(chartFixture("Fixture scenario"), nil)
	if err != nil {
		t.Fatal(err)
	}
	golden.Check(t, filepath.Join("testdata", "charts_fixture.golden.json"), got)
}

func TestWriteChartsRefusesInput(t *testing.T) {
	dir := t.TempDir()
	in := filepath.Join(dir, "charts.html")
	if err := os.WriteFile(in, []byte("input"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := Write(in, []string{in}, chartFixture("X"), nil); err == nil {
		t.Error("wrote over the input")
	}
	out := filepath.Join(dir, "out.html")
	if err := Write(out, []string{in}, chartFixture("X"), nil); err != nil {
		t.Fatal(err)
	}
	if b, _ := os.ReadFile(out); !bytes.HasPrefix(b, []byte("<!DOCTYPE html>")) {
		t.Error("out.html is not the page")
	}
}

// BenchmarkRenderCharts renders charts.html for the built-in scenario
// (eight councils, 96 months), ECharts included.
func BenchmarkRenderCharts(b *testing.B) {
	res := builtInResult(b)
	b.ReportAllocs()
	for b.Loop() {
		if err := Render(io.Discard, res, nil); err != nil {
			b.Fatal(err)
		}
	}
}

// The key figures carry the NPV after optimism bias beside the NPV, with
// the bias it applies, as forecast --json does.
func TestKeyFiguresNPVAfterOptimismBias(t *testing.T) {
	res := chartFixture("Biased")
	res.Scenario.Assumptions.OptimismBias = decimal.RequireFromString("0.41")
	res.NPV = carecast.MustMoney("1000000.00")
	res.NPVAfterOptimismBias = carecast.MustMoney("-250000.49")
	page := html.UnescapeString(renderFixture(t, res))
	for _, want := range []string{"NPV after optimism bias (41% on costs)", "(£250,000)", "£1,000,000"} {
		if !strings.Contains(page, want) {
			t.Errorf("the page lacks %q", want)
		}
	}
}
