package render

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/chromedp/chromedp"
)

// SVG by ECharts' own server-side renderer: a charts page (charts.html, or
// the print page of a paper's charts) is opened, each chart draws there as
// it does for a reader, and then each chart's option, formatters and all,
// is drawn again by an instance with renderer 'svg' and ssr true at the
// size asked, whose renderToSVGString is the chart as SVG text: the same
// definition as the page's, as vector for a PDF and for Word's PNG.

// SVGChart names a chart on a page (its element's id) and the size to draw
// it at, in CSS pixels.
type SVGChart struct {
	ID            string
	Width, Height int
}

// ssrScript draws each chart again on the server side as SVG: ” for an
// id that drew nothing.
const ssrScript = `(function (list) {
  return list.map(function (c) {
    var option = (window.carecastChartOptions || {})[c.id];
    if (!option) {
      var el = document.getElementById(c.id);
      var chart = el && echarts.getInstanceByDom(el);
      if (!chart) { return ''; }
      option = chart.getOption();
    }
    var ssr = echarts.init(null, null, { renderer: 'svg', ssr: true, width: c.w, height: c.h, locale: 'EN' });
    ssr.setOption(option);
    var svg = ssr.renderToSVGString();
    ssr.dispose();
    return svg;
  });
})`

// ChartsSVG opens a charts page held in memory and returns the charts
// asked for as SVG, in order, their decal patterns drawn as shapes
// (flattenDecals), so that they print as vector.
func (b *Browser) ChartsSVG(ctx context.Context, page []byte, charts []SVGChart) ([]string, error) {
	if len(charts) == 0 {
		return nil, nil
	}
	dir, err := os.MkdirTemp("", "carecast-charts-")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(dir)
	path := filepath.Join(dir, "charts.html")
	if err := os.WriteFile(path, page, 0o600); err != nil {
		return nil, err
	}
	bctx, done, err := b.tab(ctx)
	if err != nil {
		return nil, err
	}
	defer done()
	if err := b.open(bctx, path); err != nil {
		return nil, err
	}
	if _, err := b.waitForCharts(bctx, "waiting for the charts to draw"); err != nil {
		return nil, err
	}
	var args []map[string]any
	for _, c := range charts {
		if !chartIDPattern.MatchString(c.ID) {
			return nil, fmt.Errorf("a chart id %q is not one of ours", c.ID)
		}
		args = append(args, map[string]any{"id": c.ID, "w": c.Width, "h": c.Height})
	}
	js, err := json.Marshal(args)
	if err != nil {
		return nil, err
	}
	svgs, err := run(b, bctx, "drawing the charts as SVG", chromedp.Evaluate[[]string](ssrScript+"("+string(js)+")"))
	if err != nil {
		return nil, err
	}
	if len(svgs) != len(charts) {
		return nil, fmt.Errorf("drawing the charts as SVG: got %d, want %d", len(svgs), len(charts))
	}
	for i, s := range svgs {
		if !strings.HasPrefix(s, "<svg") {
			return nil, fmt.Errorf("chart %s did not draw", charts[i].ID)
		}
		svgs[i] = flattenDecals(s)
	}
	return svgs, nil
}
