package charts

import (
	"context"
	"fmt"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/carecast/carecast"
	"github.com/carecast/carecast/forecast"
	"github.com/carecast/carecast/inputs"
	"github.com/chromedp/chromedp"
	"github.com/shopspring/decimal"
)

// hostileCases are the built-in shortlist with hostile option names and a
// hostile measure and bearer.
func hostileCases(t testing.TB) []carecast.Case {
	t.Helper()
	s := inputs.BuiltInScenario()
	s.Options = s.Options[:2]
	s.Options[0].Name, s.Options[1].Name = hostileNames[0], hostileNames[2]
	s.WiderBenefits = append(s.WiderBenefits, carecast.WiderBenefit{Measure: hostileNames[1], Bearer: hostileNames[2],
		PerRoomYear: decimal.RequireFromString("0.3"), UnitValue: carecast.Pounds(900)})
	cases := forecast.Cases(s, "", hostileScenario)
	if err := forecast.RunCases(cases, 0); err != nil {
		t.Fatal(err)
	}
	return cases
}

// The comparison's page draws its three charts in Chromium with no
// network; option and measure names are shown as text and run nothing.
func TestComparisonHostileNamesInChromium(t *testing.T) {
	t.Parallel()
	cases := hostileCases(t)
	page, err := buildComparisonPage(cases)
	if err != nil {
		t.Fatal(err)
	}
	if len(page.Data.Charts) != len(ComparisonIDs) {
		t.Fatalf("%d charts, want %d", len(page.Data.Charts), len(ComparisonIDs))
	}
	path := filepath.Join(t.TempDir(), ComparisonFileName)
	if err := WriteComparison(path, nil, cases); err != nil {
		t.Fatal(err)
	}
	browser := newBrowser(t)
	ctx, l := openTab(t, browser, path)
	checkCharts(t, ctx, l, page, path, false)
	got := eval[hostileReadBack](t, ctx, `(function () {
  return { pwned: typeof window.pwned, images: document.querySelectorAll('img').length,
    scripts: document.querySelectorAll('script').length };
})()`)
	if got.Pwned != "undefined" || got.Images != 0 || got.Scripts != 3 {
		t.Errorf("pwned %s, %d images, %d scripts: a name became markup or code", got.Pwned, got.Images, got.Scripts)
	}
	// The wider benefits' tooltip (the base case's bar) names the base
	// case and every measure and bearer as text.
	tctx, cancel := context.WithTimeout(ctx, 20*time.Second)
	defer cancel()
	tip, err := chromedp.Run(tctx, chromedp.Evaluate[tooltipReadBack](showTipScript+"("+fmt.Sprintf("%q", ChartWiderBenefits)+")", chromedp.EvalAwaitPromise))
	if err != nil {
		t.Fatal(err)
	}
	if tip.Active != 0 || tip.Pwned != "undefined" {
		t.Errorf("tooltip: %d active elements, pwned %s", tip.Active, tip.Pwned)
	}
	for _, name := range []string{hostileScenario, hostileNames[1], hostileNames[2]} {
		if !strings.Contains(tip.Text, name) {
			t.Errorf("the tooltip %q does not show %q as text", tip.Text, name)
		}
	}
	// The NPV chart's categories are the options' names, business as usual
	// first.
	cats := page.Data.Charts[0].Option.XAxis[0].Data
	if len(cats) != 4 || cats[0] != carecast.BusinessAsUsual || cats[2] != hostileNames[0] {
		t.Errorf("categories %q", cats)
	}
}
