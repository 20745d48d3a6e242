package charts

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"image"
	"image/png"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/carecast/carecast/internal/testtools"

	"github.com/carecast/carecast"
	"github.com/carecast/carecast/forecast"
	"github.com/carecast/carecast/forecast/forecasttest"
	"github.com/carecast/carecast/inputs"
	"github.com/carecast/carecast/internal/render"
	"github.com/chromedp/cdproto/log"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"
)

// These tests open charts.html in Debian's Chromium with every network
// host unresolvable, as CI does (.ci/run installs chromium and sets
// CARECAST_REQUIRE_TOOLS=1, so there they fail rather than skip).

var chartsScreenshots = flag.String("charts-screenshots", "", "save screenshots of the built-in scenario's charts.html, its print and its PNG export into this folder, to look at (with its appraisal: in appraisal/, the hand-made appraisal in appraisal-fixture/)")

// browserLog records every request the page makes and every console
// message, exception and browser log entry of warning level or worse.
type browserLog struct {
	mu       sync.Mutex
	requests []string
	problems []string
}

func (l *browserLog) listen(ev any) {
	l.mu.Lock()
	defer l.mu.Unlock()
	switch e := ev.(type) {
	case *network.EventRequestWillBeSent:
		l.requests = append(l.requests, e.Request.URL)
	case *runtime.EventConsoleAPICalled:
		switch e.Type {
		case runtime.ConsoleAPICalledTypeError, runtime.ConsoleAPICalledTypeWarning, runtime.ConsoleAPICalledTypeAssert:
			var parts []string
			for _, a := range e.Args {
				if a.Value != nil {
					parts = append(parts, string(a.Value))
				} else {
					parts = append(parts, a.Description)
				}
			}
			l.problems = append(l.problems, fmt.Sprintf("console.%s: %s", e.Type, strings.Join(parts, " ")))
		}
	case *runtime.EventExceptionThrown:
		msg := e.ExceptionDetails.Text
		if e.ExceptionDetails.Exception != nil {
			msg += " " + e.ExceptionDetails.Exception.Description
		}
		l.problems = append(l.problems, "exception: "+msg)
	case *log.EventEntryAdded:
		if e.Entry.Level == log.EntryLevelError || e.Entry.Level == log.EntryLevelWarning {
			l.problems = append(l.problems, fmt.Sprintf("browser log %s (%s): %s %s", e.Entry.Level, e.Entry.Source, e.Entry.Text, e.Entry.URL))
		}
	}
}

func (l *browserLog) snapshot() (requests, problems []string) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return append([]string(nil), l.requests...), append([]string(nil), l.problems...)
}

// newBrowser is the package's shared headless Chromium (testtools.Browser,
// the network closed), for openTab.
func newBrowser(t *testing.T) context.Context {
	t.Helper()
	return testtools.Browser(t).Context()
}

// openTab opens path in a tab of the browser, logging from before the
// navigation, and waits for the page to load. The tab is one kept open by
// an earlier test when there is one (tabs): a new tab, and closing it,
// took about 0.3 s each, a quarter of opening a charts page.
func openTab(t *testing.T, browser context.Context, path string) (context.Context, *browserLog) {
	t.Helper()
	return openTabAt(t, browser, path, 1000, 900)
}

// openTabAt is openTab in a window width by height CSS pixels.
func openTabAt(t *testing.T, browser context.Context, path string, width, height int64) (context.Context, *browserLog) {
	t.Helper()
	tab, err := takeTab(browser)
	if err != nil {
		t.Fatal(err)
	}
	l := &browserLog{}
	tab.log.Store(l)
	t.Cleanup(func() { tab.done(t.Failed()) })
	u, err := render.FileURL(path)
	if err != nil {
		t.Fatal(err)
	}
	tctx, tcancel := context.WithTimeout(tab.ctx, 30*time.Second)
	defer tcancel()
	if err := chromedp.Do(tctx, chromedp.EmulateViewport(width, height), chromedp.Navigate(u)); err != nil {
		t.Fatalf("opening %s: %v", path, err)
	}
	return tab.ctx, l
}

// testTab is a tab of the shared browser that openTab gives a test: its
// listener writes into the log of the page open in it (none between
// tests).
type testTab struct {
	browser context.Context
	ctx     context.Context
	cancel  context.CancelFunc
	log     atomic.Pointer[browserLog]
}

// tabs are the tabs kept open between tests, at most maxTestTabs.
var tabs struct {
	mu   sync.Mutex
	idle []*testTab
}

const maxTestTabs = 4

// takeTab gives a tab of browser kept open, or opens one.
func takeTab(browser context.Context) (*testTab, error) {
	tabs.mu.Lock()
	for len(tabs.idle) > 0 {
		tab := tabs.idle[len(tabs.idle)-1]
		tabs.idle = tabs.idle[:len(tabs.idle)-1]
		if tab.browser == browser && tab.ctx.Err() == nil {
			tabs.mu.Unlock()
			return tab, nil
		}
		tab.cancel()
	}
	tabs.mu.Unlock()
	tab := &testTab{browser: browser}
	tab.ctx, tab.cancel = chromedp.NewContext(browser)
	if err := chromedp.Do(tab.ctx); err != nil {
		tab.cancel()
		return nil, err
	}
	if err := chromedp.Listen(tab.ctx, func(ev any) {
		if l := tab.log.Load(); l != nil {
			l.listen(ev)
		}
	}); err != nil {
		tab.cancel()
		return nil, err
	}
	return tab, nil
}

// done ends a test's use of the tab: it stops logging and leaves the page
// for a blank one, so that nothing of the page reaches the next test's
// log (the browser reports a tab's events in order, and the blank page
// has loaded after the last of them), and keeps the tab for the next
// test; a tab whose test failed, or that does not go blank, is closed.
func (tab *testTab) done(failed bool) {
	tab.log.Store(nil)
	if !failed && tab.ctx.Err() == nil {
		tctx, cancel := context.WithTimeout(tab.ctx, 10*time.Second)
		err := chromedp.Do(tctx, chromedp.Navigate("about:blank"))
		cancel()
		if err == nil {
			tabs.mu.Lock()
			if len(tabs.idle) < maxTestTabs {
				tabs.idle = append(tabs.idle, tab)
				tabs.mu.Unlock()
				return
			}
			tabs.mu.Unlock()
		}
	}
	tab.cancel()
}

// waitForCharts waits until the page says every chart has drawn, and
// returns how many did.
func waitForCharts(t *testing.T, ctx context.Context) int {
	t.Helper()
	n, err := render.WaitForCharts(ctx, 25*time.Second)
	if err != nil {
		t.Fatalf("the charts never said they were ready: %v", err)
	}
	return n
}

func eval[T any](t *testing.T, ctx context.Context, expr string) T {
	t.Helper()
	tctx, cancel := context.WithTimeout(ctx, 20*time.Second)
	defer cancel()
	v, err := chromedp.Run(tctx, chromedp.Evaluate[T](expr))
	if err != nil {
		t.Fatalf("evaluating %.80s...: %v", expr, err)
	}
	return v
}

// pixelScript reads a chart's canvas: how many pixels hold ink at all,
// and how many are close to each of the given colours.
const pixelScript = `(function (id, colours) {
  var el = document.getElementById(id);
  var canvas = el && el.querySelector('canvas');
  if (!canvas) { return { found: false, width: 0, height: 0, inked: 0, counts: [] }; }
  var d = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
  var want = colours.map(function (c) {
    return [parseInt(c.slice(1, 3), 16), parseInt(c.slice(3, 5), 16), parseInt(c.slice(5, 7), 16)];
  });
  var counts = want.map(function () { return 0; });
  var inked = 0;
  for (var i = 0; i < d.length; i += 4) {
    if (d[i + 3] === 0) { continue; }
    var r = d[i], g = d[i + 1], b = d[i + 2];
    if (r < 245 || g < 245 || b < 245) { inked++; }
    for (var k = 0; k < want.length; k++) {
      if (Math.abs(r - want[k][0]) <= 10 && Math.abs(g - want[k][1]) <= 10 && Math.abs(b - want[k][2]) <= 10) { counts[k]++; }
    }
  }
  return { found: true, width: canvas.width, height: canvas.height, inked: inked, counts: counts };
})`

type canvasPixels struct {
	Found  bool  `json:"found"`
	Width  int   `json:"width"`
	Height int   `json:"height"`
	Inked  int   `json:"inked"`
	Counts []int `json:"counts"`
}

// seriesColours are the colours of a chart's visible series, as drawn.
func seriesColours(o ecOption) (names, colours []string) {
	for _, s := range o.Series {
		if s.ItemStyle == nil || s.ItemStyle.Color == "" || s.ItemStyle.Color == "transparent" {
			continue
		}
		names = append(names, s.Name)
		colours = append(colours, s.ItemStyle.Color)
	}
	return names, colours
}

// checkChartsDrew checks that every chart drew its series, that the page
// made no request beyond its own file and logged no problem.
func checkChartsDrew(t *testing.T, ctx context.Context, l *browserLog, page *chartsPage, htmlPath string) {
	t.Helper()
	checkCharts(t, ctx, l, page, htmlPath, true)
}

// checkCharts is checkChartsDrew; with bySeries false it checks that each
// canvas has ink, not that each series shows (a council that saves nothing
// draws its line along the axis).
func checkCharts(t *testing.T, ctx context.Context, l *browserLog, page *chartsPage, htmlPath string, bySeries bool) {
	t.Helper()
	specs := append(append(append([]chartSpec(nil), page.Data.Charts...), page.Data.Demand...), page.Data.Appraisal...)
	if n := waitForCharts(t, ctx); n != len(specs) {
		t.Errorf("%d charts drew, want %d", n, len(specs))
	}
	for _, spec := range specs {
		names, colours := seriesColours(spec.Option)
		args, _ := json.Marshal([]any{spec.ID, colours})
		call := pixelScript + ".apply(null, " + string(args) + ")"
		px := eval[canvasPixels](t, ctx, call)
		if !px.Found {
			t.Errorf("%s: no canvas", spec.ID)
			continue
		}
		total := px.Width * px.Height
		if px.Inked*100 < total {
			t.Errorf("%s: only %d of %d pixels inked: blank", spec.ID, px.Inked, total)
		}
		for i, n := range px.Counts {
			if bySeries && n < 40 {
				t.Errorf("%s: series %q (%s) has %d pixels of its colour: not drawn", spec.ID, names[i], colours[i], n)
			}
		}
	}
	want, err := render.FileURL(htmlPath)
	if err != nil {
		t.Fatal(err)
	}
	requests, problems := l.snapshot()
	for _, r := range requests {
		if r != want {
			t.Errorf("the page requested %s", r)
		}
	}
	if len(requests) == 0 {
		t.Error("no request logged, not even the page: is the log working?")
	}
	for _, p := range problems {
		t.Errorf("console: %s", p)
	}
}

func writePage(t *testing.T, res *carecast.Result, ap *carecast.Appraisal) (string, *chartsPage) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "charts.html")
	if err := Write(path, nil, res, ap); err != nil {
		t.Fatal(err)
	}
	page, err := buildChartsPage(res, ap)
	if err != nil {
		t.Fatal(err)
	}
	return path, page
}

func builtInResult(t testing.TB) *carecast.Result {
	t.Helper()
	res, err := forecast.Run(inputs.BuiltInScenario())
	if err != nil {
		t.Fatal(err)
	}
	return res
}

func TestChartsDrawInChromium(t *testing.T) {
	t.Parallel()
	browser := newBrowser(t)
	for _, c := range []struct {
		name string
		res  func(testing.TB) *carecast.Result
	}{
		{"built-in scenario", builtInResult},
		{"hand-made fixture", func(testing.TB) *carecast.Result { return chartFixture("Fixture scenario") }},
		{"monitoring example, with actuals", monitoringResult},
	} {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			path, page := writePage(t, c.res(t), nil)
			ctx, l := openTab(t, browser, path)
			checkChartsDrew(t, ctx, l, page, path)
			if c.name == "built-in scenario" {
				checkNegativesInBrackets(t, ctx)
			}
			if strings.HasPrefix(c.name, "monitoring") {
				checkActualsTooltip(t, ctx)
			}
			if c.name == "built-in scenario" && *chartsScreenshots != "" {
				saveScreenshots(t, ctx, path, *chartsScreenshots)
			}
		})
	}
}

// checkActualsTooltip shows the pooled fund's tooltip at the as-at
// month (November 2020, index 19) and after it: the fund is listed once,
// though the actual months are a second series of the same name.
func checkActualsTooltip(t *testing.T, ctx context.Context) {
	t.Helper()
	for _, c := range []struct {
		index int
		month string
	}{{19, "Nov 2020"}, {30, "Oct 2021"}} {
		// Through the forecast series, which has every month (the solid
		// copy has none after the as-at month).
		eval[bool](t, ctx, fmt.Sprintf(`(function () {
  var c = echarts.getInstanceByDom(document.getElementById('%s'));
  var i = c.getOption().series.findIndex(function (s) { return s.id === 'fund'; });
  c.dispatchAction({ type: 'showTip', seriesIndex: i, dataIndex: %d });
  return true;
})()`, ChartPooledFund, c.index))
		time.Sleep(300 * time.Millisecond) // the tooltip is redrawn after the axis pointer moves
		got := eval[string](t, ctx, fmt.Sprintf(`(function () {
  var text = '';
  document.getElementById('%s').querySelectorAll('div').forEach(function (d) {
    if (d.style.position === 'absolute' && d.textContent.indexOf('£') >= 0) { text = d.textContent; }
  });
  return text;
})()`, ChartPooledFund))
		if !strings.HasPrefix(got, c.month) || strings.Count(got, "Closing fund balance") != 1 {
			t.Errorf("the tooltip at month %d is %q: want %s and the fund named once", c.index, got, c.month)
		}
	}
}

// checkNegativesInBrackets asks the drawn waterfall how it writes money:
// the label of a cost bar and the axis, as finance officers write a
// negative, "(£35,619,428)", and a positive "£1,234".
func checkNegativesInBrackets(t *testing.T, ctx context.Context) {
	t.Helper()
	got := eval[[]string](t, ctx, `(function () {
  var o = echarts.getInstanceByDom(document.getElementById('`+ChartSavingsWaterfall+`')).getOption();
  var cost = o.series.filter(function (s) { return s.id === 'cost'; })[0];
  return [cost.label.formatter({ value: -35619427.84 }), o.yAxis[0].axisLabel.formatter(-2000000), o.yAxis[0].axisLabel.formatter(1234)];
})()`)
	want := []string{"(£35,619,428)", "(£2,000,000)", "£1,234"}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("the waterfall writes money as %q, want %q", got, want)
	}
}

// builtInAppraisal is the appraisal of the built-in scenario: its
// sensitivity analysis and a simulation of 2,000 runs.
func builtInAppraisal(t testing.TB) *carecast.Appraisal {
	t.Helper()
	s := inputs.BuiltInScenario()
	res, err := forecast.Run(s)
	if err != nil {
		t.Fatal(err)
	}
	risks, err := forecast.ResolveRisks(s)
	if err != nil {
		t.Fatal(err)
	}
	sens, err := forecast.Sensitivity(s, res, risks)
	if err != nil {
		t.Fatal(err)
	}
	sim, err := forecast.Simulate(s, res, risks, forecast.SimulateOptions{Runs: 2000, Seed: 1})
	if err != nil {
		t.Fatal(err)
	}
	return &carecast.Appraisal{Sensitivity: sens, Simulation: sim}
}

// The page with an appraisal draws all nine charts, with no console error
// and no request out: the built-in scenario with its real appraisal, and
// the hand-made fixtures (whose tornado has bars on both sides of the
// centre and both ends on one side, and whose histogram has a loss).
func TestChartsAppraisalDrawInChromium(t *testing.T) {
	t.Parallel()
	browser := newBrowser(t)
	for _, c := range []struct {
		name, shots string
		res         func(testing.TB) *carecast.Result
		ap          func(testing.TB) *carecast.Appraisal
	}{
		{"built-in scenario", "appraisal", builtInResult, builtInAppraisal},
		{"hand-made fixture", "appraisal-fixture", func(testing.TB) *carecast.Result { return chartFixture("Fixture scenario") },
			func(testing.TB) *carecast.Appraisal { return appraisalFixture() }},
		{"nothing varies", "appraisal-degenerate", func(testing.TB) *carecast.Result { return chartFixture("Fixture scenario") },
			func(testing.TB) *carecast.Appraisal { return degenerateAppraisal() }},
	} {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			path, page := writePage(t, c.res(t), c.ap(t))
			if n := len(page.Data.Appraisal); n != 3 {
				t.Fatalf("%d appraisal charts, want 3", n)
			}
			ctx, l := openTab(t, browser, path)
			// Where nothing varies, the tornado has no bars to show.
			checkCharts(t, ctx, l, page, path, c.shots != "appraisal-degenerate")
			if *chartsScreenshots != "" {
				saveScreenshots(t, ctx, path, filepath.Join(*chartsScreenshots, c.shots))
			}
		})
	}
	// A generated scenario of another shape, with an appraisal of few
	// runs: each canvas inked (a series may lie flat on its axis).
	for seed := uint64(1); seed <= 1; seed++ {
		t.Run(fmt.Sprintf("generated seed %d", seed), func(t *testing.T) {
			t.Parallel()
			s := forecasttest.Generate(rand.New(rand.NewPCG(seed, 11)), forecasttest.Options{})
			res, err := forecast.Run(s)
			if err != nil {
				t.Fatal(err)
			}
			risks, err := forecast.ResolveRisks(s)
			if err != nil {
				t.Fatal(err)
			}
			sens, err := forecast.Sensitivity(s, res, risks)
			if err != nil {
				t.Fatal(err)
			}
			sim, err := forecast.Simulate(s, res, risks, forecast.SimulateOptions{Runs: 200, Seed: seed})
			if err != nil {
				t.Fatal(err)
			}
			path, page := writePage(t, res, &carecast.Appraisal{Sensitivity: sens, Simulation: sim})
			ctx, l := openTab(t, browser, path)
			checkCharts(t, ctx, l, page, path, false)
		})
	}
}

// Scenarios of every shape draw: random valid ones (no occupancy rows,
// councils that save nothing or lose money, one year or many) and the
// national scale, 150 councils over 30 years.
func TestChartsDrawForGeneratedScenarios(t *testing.T) {
	t.Parallel()
	browser := newBrowser(t)
	type scenario struct {
		name string
		s    *carecast.Scenario
	}
	var cases []scenario
	for seed := int64(1); seed <= 3; seed++ {
		r := rand.New(rand.NewPCG(uint64(seed), 7))
		cases = append(cases, scenario{fmt.Sprintf("generated seed %d", seed), forecasttest.Generate(r, forecasttest.Options{})})
	}
	cases = append(cases, scenario{"national, 150 councils over 30 years", forecasttest.National(150, 30)})
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			res, err := forecast.Run(c.s)
			if err != nil {
				t.Fatal(err)
			}
			path, page := writePage(t, res, nil)
			ctx, l := openTab(t, browser, path)
			checkCharts(t, ctx, l, page, path, false)
		})
	}
}

// The request log is not vacuous: a page that reaches for the network is
// caught, though no host resolves.
func TestBrowserLogCatchesRequests(t *testing.T) {
	t.Parallel()
	browser := newBrowser(t)
	path := filepath.Join(t.TempDir(), "leaky.html")
	leaky := `<!DOCTYPE html><title>leaky</title><img src="http://example.com/pixel.png"><script>fetch('https://cdn.example.org/lib.js').catch(function () {});</script>`
	if err := os.WriteFile(path, []byte(leaky), 0o644); err != nil {
		t.Fatal(err)
	}
	ctx, l := openTab(t, browser, path)
	eval[bool](t, ctx, `true`)
	deadline := time.Now().Add(10 * time.Second)
	for {
		requests, _ := l.snapshot()
		joined := strings.Join(requests, " ")
		if strings.Contains(joined, "example.com/pixel.png") && strings.Contains(joined, "cdn.example.org/lib.js") {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("the log caught %v, want both outside requests", requests)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// hostileScript reads back, in the browser, what the hostile names became.
const hostileScript = `(function () {
  var chart = echarts.getInstanceByDom(document.getElementById('annual-savings'));
  var opt = chart.getOption();
  return {
    pwned: typeof window.pwned,
    images: document.querySelectorAll('img').length,
    scripts: document.querySelectorAll('script').length,
    title: document.title,
    heading: document.getElementById('scenario-name').textContent,
    subtext: opt.title[0].subtext,
    series: opt.series.map(function (s) { return s.name; })
  };
})()`

type hostileReadBack struct {
	Pwned   string   `json:"pwned"`
	Images  int      `json:"images"`
	Scripts int      `json:"scripts"`
	Title   string   `json:"title"`
	Heading string   `json:"heading"`
	Subtext string   `json:"subtext"`
	Series  []string `json:"series"`
}

// showTipScript shows the tooltip of a chart's first category and returns
// the tooltip's text and how many elements other than text styling it
// holds that could run code.
const showTipScript = `(function (id) {
  var el = document.getElementById(id);
  var chart = echarts.getInstanceByDom(el);
  chart.dispatchAction({ type: 'showTip', seriesIndex: 0, dataIndex: 0 });
  return new Promise(function (resolve) {
    setTimeout(function () {
      var tip = null;
      el.querySelectorAll('div').forEach(function (d) {
        if (d.style.zIndex === '9999999' || (d.style.position === 'absolute' && d.textContent)) { tip = d; }
      });
      resolve({
        text: tip ? tip.textContent : '',
        active: tip ? tip.querySelectorAll('img,script,iframe,object,embed').length : -1,
        pwned: typeof window.pwned
      });
    }, 200);
  });
})`

type tooltipReadBack struct {
	Text   string `json:"text"`
	Active int    `json:"active"`
	Pwned  string `json:"pwned"`
}

func TestChartsHostileNamesInChromium(t *testing.T) {
	t.Parallel()
	browser := newBrowser(t)
	res := chartFixture(hostileScenario, hostileNames...)
	path, page := writePage(t, res, nil)
	ctx, l := openTab(t, browser, path)
	checkChartsDrew(t, ctx, l, page, path)
	_, before := l.snapshot()

	got := eval[hostileReadBack](t, ctx, hostileScript)
	if got.Pwned != "undefined" {
		t.Errorf("window.pwned is %s: a name ran as code", got.Pwned)
	}
	if got.Images != 0 {
		t.Errorf("%d img elements: a name became markup", got.Images)
	}
	if got.Scripts != 3 {
		t.Errorf("%d script elements, want 3", got.Scripts)
	}
	if got.Heading != hostileScenario {
		t.Errorf("heading %q, want the name as text %q", got.Heading, hostileScenario)
	}
	if want := hostileScenario + ": charts"; got.Title != want {
		t.Errorf("title %q, want %q", got.Title, want)
	}
	if got.Subtext != hostileScenario {
		t.Errorf("chart title %q, want %q", got.Subtext, hostileScenario)
	}
	if strings.Join(got.Series, "\n") != strings.Join(hostileNames, "\n") {
		t.Errorf("series %q, want %q", got.Series, hostileNames)
	}

	// ECharts writes tooltips as HTML: the names must arrive as text.
	for _, id := range []string{ChartAnnualSavings, ChartCumulativeSavings} {
		t.Run("tooltip of "+id, func(t *testing.T) {
			tctx, cancel := context.WithTimeout(ctx, 20*time.Second)
			defer cancel()
			call := showTipScript + "(" + fmt.Sprintf("%q", id) + ")"
			tip, err := chromedp.Run(tctx, chromedp.Evaluate[tooltipReadBack](call, chromedp.EvalAwaitPromise))
			if err != nil {
				t.Fatal(err)
			}
			if tip.Active != 0 {
				t.Errorf("the tooltip holds %d active elements", tip.Active)
			}
			if tip.Pwned != "undefined" {
				t.Errorf("window.pwned is %s after the tooltip", tip.Pwned)
			}
			for _, name := range hostileNames {
				if !strings.Contains(tip.Text, name) {
					t.Errorf("the tooltip %q does not show %q as text", tip.Text, name)
				}
			}
		})
	}
	_, problems := l.snapshot()
	for _, p := range problems[len(before):] {
		t.Errorf("console after the tooltips: %s", p)
	}
}

// appraisalHostileScript reads back, in the browser, the appraisal charts'
// titles and the tooltip of each (of a series by id, its first item),
// shown one after the other.
const appraisalHostileScript = `(function (ids, seriesIDs) {
  var shown = [];
  function next(i, resolve) {
    if (i === ids.length) {
      resolve({ pwned: typeof window.pwned, scripts: document.querySelectorAll('script').length,
        images: document.querySelectorAll('img').length, charts: shown });
      return;
    }
    var el = document.getElementById(ids[i]);
    var chart = echarts.getInstanceByDom(el);
    var s = chart.getOption().series.map(function (x) { return x.id; }).indexOf(seriesIDs[i]);
    chart.dispatchAction({ type: 'showTip', seriesIndex: s, dataIndex: 0 });
    setTimeout(function () {
      var tip = null;
      el.querySelectorAll('div').forEach(function (d) {
        if (d.style.zIndex === '9999999' || (d.style.position === 'absolute' && d.textContent)) { tip = d; }
      });
      shown.push({ id: ids[i], subtext: chart.getOption().title[0].subtext,
        tip: tip ? tip.textContent : '', active: tip ? tip.querySelectorAll('img,script,iframe,object,embed').length : -1 });
      next(i + 1, resolve);
    }, 200);
  }
  return new Promise(function (resolve) { next(0, resolve); });
})`

type appraisalReadBack struct {
	Pwned   string `json:"pwned"`
	Scripts int    `json:"scripts"`
	Images  int    `json:"images"`
	Charts  []struct {
		ID      string `json:"id"`
		Subtext string `json:"subtext"`
		Tip     string `json:"tip"`
		Active  int    `json:"active"`
	} `json:"charts"`
}

// With an appraisal, the hostile names stay text: in the heading, in the
// new charts' titles and in their tooltips, which the appraisal script
// writes as HTML; nothing of theirs runs. The tooltips hold no name of a
// scenario today, so the test puts the names into the first of each, to
// check that the script shows whatever it is given as text.
func TestChartsAppraisalHostileNamesInChromium(t *testing.T) {
	t.Parallel()
	browser := newBrowser(t)
	page, err := buildChartsPage(chartFixture(hostileScenario, hostileNames...), appraisalFixture())
	if err != nil {
		t.Fatal(err)
	}
	for i := range page.Data.Appraisal {
		tip := page.Data.Appraisal[i].Tips[0]
		page.Data.Appraisal[i].Tips[0] = append([]string{tip[0]}, append(append([]string(nil), hostileNames...), tip[1:]...)...)
	}
	path := filepath.Join(t.TempDir(), "charts.html")
	var b bytes.Buffer
	if err := chartsTemplate.Execute(&b, page); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, b.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	ctx, l := openTab(t, browser, path)
	checkChartsDrew(t, ctx, l, page, path)
	_, before := l.snapshot()
	heading := eval[string](t, ctx, `document.getElementById('scenario-name').textContent`)
	if heading != hostileScenario {
		t.Errorf("heading %q, want the name as text", heading)
	}
	ids, _ := json.Marshal([]string{ChartTornado, ChartSavingsFan, ChartSavingsHistogram})
	series, _ := json.Marshal([]string{"below-outer", "p50", "losses"})
	tctx, cancel := context.WithTimeout(ctx, 20*time.Second)
	defer cancel()
	call := appraisalHostileScript + "(" + string(ids) + ", " + string(series) + ")"
	got, err := chromedp.Run(tctx, chromedp.Evaluate[appraisalReadBack](call, chromedp.EvalAwaitPromise))
	if err != nil {
		t.Fatal(err)
	}
	if got.Pwned != "undefined" || got.Images != 0 {
		t.Errorf("window.pwned is %s, %d img elements: a name ran or became markup", got.Pwned, got.Images)
	}
	if got.Scripts != 4 {
		t.Errorf("%d script elements, want 4", got.Scripts)
	}
	// The first tooltip of each: block price (the largest swing), the
	// first month, the first bin (a loss); its lines run together as
	// text, the names after the first.
	names := strings.Join(hostileNames, "")
	want := map[string]string{
		ChartTornado:          "Block price" + names + "With the block price 5% lower than assumed",
		ChartSavingsFan:       "Savings to 30 April 2023" + names + "P90: £850",
		ChartSavingsHistogram: "A loss: from (£4,000) under £0" + names + "1 run (5.0%)",
	}
	for _, c := range got.Charts {
		if c.Subtext != hostileScenario {
			t.Errorf("%s: title %q, want the name as text", c.ID, c.Subtext)
		}
		if c.Active != 0 {
			t.Errorf("%s: the tooltip holds %d active elements", c.ID, c.Active)
		}
		if !strings.HasPrefix(c.Tip, want[c.ID]) {
			t.Errorf("%s: tooltip %q, want it to start %q", c.ID, c.Tip, want[c.ID])
		}
	}
	if len(got.Charts) != 3 {
		t.Errorf("%d appraisal charts read back, want 3", len(got.Charts))
	}
	_, problems := l.snapshot()
	for _, p := range problems[len(before):] {
		t.Errorf("console after the tooltips: %s", p)
	}
}

// The export writes every chart on the page, the appraisal's after the
// forecast's.
func TestExportChartPNGs(t *testing.T) {
	t.Parallel()
	ap := appraisalFixture()
	path, _ := writePage(t, chartFixture("PNG export"), ap)
	dir := t.TempDir()
	files, err := testtools.Browser(t).ChartPNGs(context.Background(), path, dir, []string{path})
	if err != nil {
		t.Fatal(err)
	}
	ids := IDsFor(ap)
	if len(files) != len(ids) || len(ids) != 9 {
		t.Fatalf("%d files, want %d", len(files), len(ids))
	}
	for i, f := range files {
		if want := filepath.Join(dir, fmt.Sprintf("%d-%s.png", i+1, ids[i])); f != want {
			t.Errorf("file %d is %s, want %s", i, f, want)
		}
		checkPNG(t, f)
	}
}

// checkPNG checks an exported chart: 1600 pixels wide, not blank.
func checkPNG(t *testing.T, path string) {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	img, err := png.Decode(bytes.NewReader(b))
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	bounds := img.Bounds()
	if bounds.Dx() != 2*render.PNGWidth || bounds.Dy() < 800 {
		t.Errorf("%s: %dx%d, want %d wide and at least 800 high", path, bounds.Dx(), bounds.Dy(), 2*render.PNGWidth)
	}
	inked, colours := inkedPixels(img)
	if total := bounds.Dx() * bounds.Dy(); inked*50 < total {
		t.Errorf("%s: %d of %d pixels inked: blank", path, inked, total)
	}
	if colours < 8 {
		t.Errorf("%s: %d colours: blank", path, colours)
	}
}

// inkedPixels counts the pixels of img darker than near-white in any
// channel, and its colours to 4 bits a channel. It reads the PNG
// decoder's own image types directly (the same colours as At gives, without
// boxing each pixel), and keeps the colours seen in a table of 4,096 rather
// than a map: a tenth of the time on an exported chart.
func inkedPixels(img image.Image) (inked, colours int) {
	var seen [1 << 12]bool
	rgb := func(x, y int) (r, g, b uint32) {
		r, g, b, _ = img.At(x, y).RGBA()
		return r, g, b
	}
	switch m := img.(type) {
	case *image.NRGBA:
		rgb = func(x, y int) (r, g, b uint32) {
			r, g, b, _ = m.NRGBAAt(x, y).RGBA()
			return r, g, b
		}
	case *image.RGBA:
		rgb = func(x, y int) (r, g, b uint32) {
			r, g, b, _ = m.RGBAAt(x, y).RGBA()
			return r, g, b
		}
	}
	b := img.Bounds()
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			r, g, bl := rgb(x, y)
			if r < 0xf000 || g < 0xf000 || bl < 0xf000 {
				inked++
			}
			k := r>>12<<8 | g>>12<<4 | bl>>12
			if !seen[k] {
				seen[k] = true
				colours++
			}
		}
	}
	return inked, colours
}

// saveScreenshots keeps a screenshot of the whole page, its print and its
// PNG export in dir, to look at by eye.
func saveScreenshots(t *testing.T, ctx context.Context, htmlPath, dir string) {
	t.Helper()
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	shot, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "charts-page.png"), shot, 0o644); err != nil {
		t.Fatal(err)
	}
	// A browser's own printing tells the page with beforeprint, so that
	// the charts take the page's width; printing through the DevTools
	// protocol does not, so the test does, and undoes it after.
	eval[bool](t, ctx, `window.dispatchEvent(new Event('beforeprint')), true`)
	pdf, err := chromedp.Run(ctx, chromedp.PrintToPDF(chromedp.PDFPaper(chromedp.PaperA4), chromedp.PDFPrintBackground()))
	if err != nil {
		t.Fatal(err)
	}
	eval[bool](t, ctx, `window.dispatchEvent(new Event('afterprint')), true`)
	if err := os.WriteFile(filepath.Join(dir, "charts-print.pdf"), pdf, 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := render.ExportChartPNGs(context.Background(), htmlPath, dir, nil); err != nil {
		t.Fatal(err)
	}
	t.Logf("screenshots in %s", dir)
}
