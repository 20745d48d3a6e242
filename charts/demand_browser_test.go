package charts

import (
	"context"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/carecast/carecast"
	"github.com/carecast/carecast/forecast"
	"github.com/carecast/carecast/forecast/forecasttest"
	"github.com/carecast/carecast/internal/testtools"
	"github.com/chromedp/chromedp"
)

// writeSizingPage writes the sizing page of z to a temporary file.
func writeSizingPage(t *testing.T, z *carecast.Sizing, s *carecast.Scenario) (string, *chartsPage) {
	t.Helper()
	path := filepath.Join(t.TempDir(), SizingFileName)
	if err := WriteSizing(path, nil, z, s); err != nil {
		t.Fatal(err)
	}
	page, err := buildSizingPage(z, s)
	if err != nil {
		t.Fatal(err)
	}
	return path, page
}

// checkSeriesDrawn checks that each named series of a chart shows in its
// colour on the canvas.
func checkSeriesDrawn(t *testing.T, ctx context.Context, spec chartSpec, ids ...string) {
	t.Helper()
	var colours []string
	for _, id := range ids {
		for _, s := range spec.Option.Series {
			if s.ID == id {
				colours = append(colours, s.ItemStyle.Color)
			}
		}
	}
	if len(colours) != len(ids) {
		t.Fatalf("%s: series %v not all found", spec.ID, ids)
	}
	args, _ := json.Marshal([]any{spec.ID, colours})
	px := eval[canvasPixels](t, ctx, pixelScript+".apply(null, "+string(args)+")")
	for i, n := range px.Counts {
		if n < 40 {
			t.Errorf("%s: series %s (%s) has %d pixels of its colour: not drawn", spec.ID, ids[i], colours[i], n)
		}
	}
}

// The demand example's page draws its eight charts, the overflow and the
// bed-trading chart among them, with no console error and no request out,
// with and without an appraisal; the sizing page draws its two charts,
// with and without risk. With -charts-screenshots, screenshots of each.
func TestDemandAndSizingDrawInChromium(t *testing.T) {
	t.Parallel()
	browser := newBrowser(t)
	s, res := demandResult(t)
	t.Run("demand example", func(t *testing.T) {
		t.Parallel()
		path, page := writePage(t, res, nil)
		ctx, l := openTab(t, browser, path)
		// City of London has no overflow: its series lies flat.
		checkCharts(t, ctx, l, page, path, false)
		checkSeriesDrawn(t, ctx, page.Data.Demand[1], "rule-allocated", "rule-allocated-trade", "rule-pooled")
		checkSeriesDrawn(t, ctx, page.Data.Demand[0], "council-0", "council-3", "council-6")
		if *chartsScreenshots != "" {
			saveScreenshots(t, ctx, path, filepath.Join(*chartsScreenshots, "demand"))
		}
	})
	t.Run("demand example with its appraisal", func(t *testing.T) {
		t.Parallel()
		risks, err := forecast.ResolveRisks(s)
		if err != nil {
			t.Fatal(err)
		}
		sim, err := forecast.Simulate(s, res, risks, forecast.SimulateOptions{Runs: 100, Seed: 1})
		if err != nil {
			t.Fatal(err)
		}
		path, page := writePage(t, res, &carecast.Appraisal{Simulation: sim})
		if len(page.Data.Demand) != 2 || len(page.Data.Appraisal) != 2 {
			t.Fatalf("%d demand and %d appraisal charts", len(page.Data.Demand), len(page.Data.Appraisal))
		}
		ctx, l := openTab(t, browser, path)
		checkCharts(t, ctx, l, page, path, false)
	})
	for seed := uint64(1); seed <= 2; seed++ {
		t.Run(fmt.Sprintf("generated with demand, seed %d", seed), func(t *testing.T) {
			t.Parallel()
			g := forecasttest.Generate(rand.New(rand.NewPCG(seed, 14)), forecasttest.Options{Occupancy: forecasttest.DemandOccupancy})
			r, err := forecast.Run(g)
			if err != nil {
				t.Fatal(err)
			}
			path, page := writePage(t, r, nil)
			ctx, l := openTab(t, browser, path)
			checkCharts(t, ctx, l, page, path, false)
		})
	}
	sweep, err := forecast.Size(s, forecast.SizeOptions{Min: 0, Max: 70, Risk: true, Runs: 50, Seed: 1})
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		name string
		z    *carecast.Sizing
		s    *carecast.Scenario
	}{
		{"sizing by hand", sizingFixture(), nil},
		{"sizing by hand with risk", sizingRiskFixture(), nil},
		{"sizing the example with risk", sweep, s},
	} {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			path, page := writeSizingPage(t, c.z, c.s)
			ctx, l := openTab(t, browser, path)
			checkCharts(t, ctx, l, page, path, true)
			if *chartsScreenshots != "" {
				saveScreenshots(t, ctx, path, filepath.Join(*chartsScreenshots, strings.ReplaceAll(c.name, " ", "-")))
			}
		})
	}
}

// Hostile council names in the demand charts' tooltips, which the further
// script writes as HTML, arrive as text and run nothing.
func TestDemandHostileNamesInChromium(t *testing.T) {
	t.Parallel()
	browser := newBrowser(t)
	res := hostileDemandResult()
	path, page := writePage(t, res, nil)
	ctx, l := openTab(t, browser, path)
	checkCharts(t, ctx, l, page, path, false)
	_, before := l.snapshot()
	ids, _ := json.Marshal([]string{ChartOverflow, ChartBedTrading})
	series, _ := json.Marshal([]string{"council-0", "rule-allocated"})
	tctx, cancel := context.WithTimeout(ctx, 20*time.Second)
	defer cancel()
	got, err := chromedp.Run(tctx, chromedp.Evaluate[appraisalReadBack](appraisalHostileScript+"("+string(ids)+", "+string(series)+")", chromedp.EvalAwaitPromise))
	if err != nil {
		t.Fatal(err)
	}
	if got.Pwned != "undefined" || got.Images != 0 || got.Scripts != 4 {
		t.Errorf("pwned %s, %d img elements, %d scripts: a name ran or became markup", got.Pwned, got.Images, got.Scripts)
	}
	name0 := res.Councils[0].Council.Name
	want := map[string]string{
		ChartOverflow:   "Overflow in 2023/24" + name0 + ": 120.00 room-days, £60,000All councils: 120.00 room-days, £60,000",
		ChartBedTrading: name0 + ": savingsAllocated, no trading (allocated): £1,000",
	}
	for _, c := range got.Charts {
		if c.Subtext != hostileScenario || c.Active != 0 {
			t.Errorf("%s: title %q, %d active elements in the tooltip", c.ID, c.Subtext, c.Active)
		}
		if !strings.HasPrefix(c.Tip, want[c.ID]) {
			t.Errorf("%s: tooltip %q, want it to start %q", c.ID, c.Tip, want[c.ID])
		}
	}
	if len(got.Charts) != 2 {
		t.Errorf("%d charts read back", len(got.Charts))
	}
	_, problems := l.snapshot()
	for _, p := range problems[len(before):] {
		t.Errorf("console after the tooltips: %s", p)
	}
}

// The PNG export takes the demand charts after the forecast's, and the
// sizing page's two charts.
func TestExportDemandAndSizingPNGs(t *testing.T) {
	t.Parallel()
	browser := testtools.Browser(t)
	_, res := demandResult(t)
	path, _ := writePage(t, res, nil)
	images, err := browser.ChartImages(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	ids := PageIDs(res, nil)
	if len(images) != len(ids) || len(ids) != 8 {
		t.Fatalf("%d images, want %d", len(images), len(ids))
	}
	dir := t.TempDir()
	for i, im := range images {
		if want := fmt.Sprintf("%d-%s.png", i+1, ids[i]); im.Name != want {
			t.Errorf("image %d is %s, want %s", i, im.Name, want)
		}
	}
	spath, _ := writeSizingPage(t, sizingRiskFixture(), nil)
	sizing, err := browser.ChartImages(context.Background(), spath)
	if err != nil {
		t.Fatal(err)
	}
	images = append(images[len(images)-2:], sizing...)
	for i, want := range []string{"7-overflow.png", "8-bed-trading.png", "1-sizing-npv.png", "2-sizing-use.png"} {
		if i >= len(images) || images[i].Name != want {
			t.Fatalf("%d images, want %s at %d", len(images), want, i)
		}
		f := filepath.Join(dir, want)
		if err := os.WriteFile(f, images[i].PNG, 0o644); err != nil {
			t.Fatal(err)
		}
		checkPNG(t, f)
	}
}
