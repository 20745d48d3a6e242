package charts

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/carecast/carecast"
)

// demandStudyFixture is a study of two councils by hand: Alpha with a
// dozen children in K2 and Beta with three, a year of returns to March
// 2022 and a year projected.
func demandStudyFixture() *carecast.DemandStudy {
	s := &carecast.DemandStudy{Places: []string{"K2"}, PlaceCodes: carecast.DefaultPlaceCodes(), Runs: 100, Seed: 1,
		Start: carecast.NewDate(2022, time.April, 1), Years: 1, End: carecast.NewDate(2023, time.March, 31)}
	for i, base := range []float64{12, 3.2} {
		c := carecast.CouncilDemand{Code: []string{"ALP", "BET"}[i], Name: []string{"Alpha", "Beta"}[i],
			First: carecast.NewDate(2021, time.April, 1), Last: carecast.NewDate(2022, time.March, 31),
			ReferenceFrom: carecast.NewDate(2021, time.April, 1), ReferenceTo: carecast.NewDate(2022, time.March, 30)}
		for m := 0; m < 12; m++ {
			month := carecast.NewDate(2021, time.April, 1).AddMonths(m)
			c.History = append(c.History, carecast.DemandMonth{Month: month, Days: 30, Children: base + float64(m%3)/10,
				OutOfArea: base / 2, Over20Miles: base / 3})
			month = month.AddMonths(12)
			c.Projection = append(c.Projection, carecast.ProjectedMonth{Month: month, Expected: base + 0.5, P10: base - 1.5, P90: base + 2.5})
		}
		s.Councils = append(s.Councils, c)
	}
	for m := 0; m < 24; m++ {
		month := carecast.NewDate(2021, time.April, 1).AddMonths(m)
		cm := carecast.ConsortiumMonth{Month: month, Projected: m >= 12}
		for _, c := range s.Councils {
			v, _ := c.Placements(month)
			cm.Value += v
		}
		cm.P10, cm.P90 = cm.Value-1, cm.Value+1
		s.Consortium = append(s.Consortium, cm)
	}
	return s
}

// Beta's numbers are all below 5 but its P90: no chart draws them, no
// table or tooltip writes them; its band starts at 5.
func TestDemandStudySmallCounts(t *testing.T) {
	s := demandStudyFixture()
	page, err := buildDemandStudyPage(s, "")
	if err != nil {
		t.Fatal(err)
	}
	if got := DemandStudyIDs(s); len(page.Data.Demand) != 3 || got[2] != "demand-council-2" {
		t.Fatalf("charts %d, ids %v", len(page.Data.Demand), got)
	}
	beta := page.Data.Demand[2]
	series := map[string][]any{}
	for _, se := range beta.Option.Series {
		series[se.ID] = se.Data
	}
	for i := 0; i < 12; i++ {
		if series["history"][i] != "-" {
			t.Errorf("Beta's history month %d drawn: %v", i, series["history"][i])
		}
	}
	for i := 12; i < 24; i++ {
		if series["expected"][i] != "-" {
			t.Errorf("Beta's expected month %d drawn: %v", i, series["expected"][i])
		}
		// P10 1.7, P90 5.7: the band from 5 to 5.7.
		if series["band-base"][i] != json.Number("5.00") || series["band"][i] != json.Number("0.70") {
			t.Errorf("Beta's band month %d: base %v, height %v; want 5.00 and 0.70", i, series["band-base"][i], series["band"][i])
		}
	}
	if _, ok := series["out-of-area"]; ok {
		t.Error("Beta's out-of-area line is drawn, every value below 5")
	}
	// Beta's tooltips and table: no figure but its P90 of 5.7.
	shown := func(l string) bool {
		if i := strings.LastIndex(l, ": "); i >= 0 {
			l = l[i+2:] // the figure, after its label
		}
		l = strings.ReplaceAll(strings.ReplaceAll(l, "fewer than 5", ""), "5.7", "")
		return strings.ContainsAny(l, "0123456789")
	}
	for i, tip := range beta.Tips {
		for _, l := range tip[1:] {
			if shown(l) {
				t.Errorf("Beta's tooltip %d writes a small number: %q", i, l)
			}
		}
	}
	table := page.Demand.Figures[2].Tables[0]
	for _, row := range table.Rows {
		for _, cell := range row[1:] {
			if shown(cell) {
				t.Errorf("Beta's table writes a small number: %v", row)
			}
		}
	}
	if got := table.Rows[0]; strings.Join(got, "|") != "2021/22|fewer than 5|-|-|-|fewer than 5|fewer than 5" {
		t.Errorf("Beta's first row %v", got)
	}
	if got := page.Demand.Figures[1].Tables[0].Rows[1]; strings.Join(got, "|") != "2022/23|-|12.5|10.5|14.5|-|-" {
		t.Errorf("Alpha's projected year %v", got)
	}
	// Nor does the data of the page hold any of Beta's small figures.
	data, _ := json.Marshal(page.Data)
	for _, small := range []string{"3.20", "3.30", "3.40", "3.70", "1.70", "1.60", "1.07"} {
		if bytes.Contains(data, []byte(small)) {
			t.Errorf("the page's data holds %s", small)
		}
	}
}

// The page draws every chart in Chromium, asking the network for nothing
// and logging no problem.
func TestDemandStudyDrawsInChromium(t *testing.T) {
	t.Parallel()
	browser := newBrowser(t)
	s := demandStudyFixture()
	path := filepath.Join(t.TempDir(), DemandStudyFileName)
	var b bytes.Buffer
	if err := RenderDemandStudy(&b, s, "Test scenario"); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, b.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	page, err := buildDemandStudyPage(s, "Test scenario")
	if err != nil {
		t.Fatal(err)
	}
	ctx, l := openTab(t, browser, path)
	checkCharts(t, ctx, l, page, path, false)
	checkSeriesDrawn(t, ctx, page.Data.Demand[1], "history", "expected", "band")
	if *chartsScreenshots != "" {
		saveScreenshots(t, ctx, path, filepath.Join(*chartsScreenshots, "demand-903"))
	}
}
