package render

import (
	"bytes"
	"context"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/carecast/carecast/internal/atomicfile"
	"github.com/chromedp/chromedp"
)

// PNG export: charts.html opened in headless Chromium with the network
// closed, each chart drawn to a PNG by ECharts itself (getDataURL), at a
// size that reads well pasted into a Word paper.

// The width of an exported chart in CSS pixels, and its pixel ratio: 1600
// pixels wide, sharp at the 16 cm of a portrait A4 paper's text width. The
// height keeps the chart's shape on the page (900 pixels for most).
const (
	PNGWidth      = 800
	PNGPixelRatio = 2
)

// chartsReadyScript says how many charts the page drew once every chart
// on it has drawn, and "" until then: the page script marks its charts'
// end with data-charts-ready, the further script the end of the demand
// (or sizing) charts with data-demand-charts-ready and of the appraisal's
// with data-appraisal-charts-ready.
const chartsReadyScript = `(function () {
  var root = document.documentElement;
  var drawn = root.getAttribute('data-charts-ready');
  if (drawn === null) { return ''; }
  var data = JSON.parse(document.getElementById('carecast-chart-data').textContent);
  var total = Number(drawn);
  var lists = [['demand', 'data-demand-charts-ready'], ['appraisal', 'data-appraisal-charts-ready']];
  for (var i = 0; i < lists.length; i++) {
    if (!data[lists[i][0]]) { continue; }
    var more = root.getAttribute(lists[i][1]);
    if (more === null) { return ''; }
    total += Number(more);
  }
  return String(total);
})()`

// chartsIDsScript lists the ids of the charts in the page's data block,
// in page order.
const chartsIDsScript = `(function () {
  var data = JSON.parse(document.getElementById('carecast-chart-data').textContent);
  return data.charts.concat(data.demand || [], data.appraisal || []).map(function (c) { return c.id; });
})()`

// WaitForCharts waits, up to timeout, until every chart on the charts page
// open in the tab ctx has drawn, and returns how many did.
func WaitForCharts(ctx context.Context, timeout time.Duration) (int, error) {
	tctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	ready, err := chromedp.Run(tctx, chromedp.Poll[string](chartsReadyScript,
		chromedp.WithPollingInterval(50*time.Millisecond), chromedp.WithPollingTimeout(timeout)))
	if err != nil {
		return 0, err
	}
	return strconv.Atoi(ready)
}

// waitForCharts is WaitForCharts within Timeout, with the message of a
// browser that does not answer; what says what it waits for.
func (b *Browser) waitForCharts(ctx context.Context, what string) (int, error) {
	ready, err := run(b, ctx, what, chromedp.Poll[string](chartsReadyScript,
		chromedp.WithPollingInterval(50*time.Millisecond), chromedp.WithPollingTimeout(Timeout)))
	if err != nil {
		return 0, err
	}
	return strconv.Atoi(ready)
}

// exportScript draws each chart (by id) at a fixed width, in the shape it
// has on the page, and returns PNG data URLs, without the toolbox.
const exportScript = `(function (ids, w, ratio) {
  return ids.map(function (id) {
    var el = document.getElementById(id);
    var chart = el && echarts.getInstanceByDom(el);
    if (!chart) { return ''; }
    var h = Math.round(w * el.clientHeight / Math.max(1, el.clientWidth));
    chart.resize({ width: w, height: h });
    return chart.getDataURL({ type: 'png', pixelRatio: ratio, backgroundColor: '#ffffff', excludeComponents: ['toolbox'] });
  });
})`

// ExportChartPNGs opens charts.html (written by charts.Write) in headless
// Chromium and writes one PNG per chart on the page into dir, named
// "1-cumulative-savings.png" and so on in page order (charts.PageIDs: the
// demand's and the appraisal's charts, when the page has them, after the
// forecast's),
// atomically and never over any of protect. It returns the paths written.
// Without Chromium it returns an error wrapping ErrNoChromium.
func ExportChartPNGs(ctx context.Context, htmlPath, dir string, protect []string) ([]string, error) {
	b, err := Start(ctx)
	if err != nil {
		return nil, err
	}
	defer b.Close()
	return b.ChartPNGs(ctx, htmlPath, dir, protect)
}

// ChartPNGs is ExportChartPNGs in this browser, in a tab of its own.
func (b *Browser) ChartPNGs(ctx context.Context, htmlPath, dir string, protect []string) ([]string, error) {
	images, err := b.ChartImages(ctx, htmlPath)
	if err != nil {
		return nil, err
	}
	var written []string
	for _, im := range images {
		path := filepath.Join(dir, im.Name)
		if err := atomicfile.WriteFileExcept(path, protect, func(w io.Writer) error {
			_, err := w.Write(im.PNG)
			return err
		}); err != nil {
			return written, err
		}
		written = append(written, path)
	}
	return written, nil
}

// Image is one chart drawn as a PNG, with the file name ExportChartPNGs
// gives it.
type Image struct {
	Name string
	PNG  []byte
}

// ExportChartImages is ExportChartPNGs returning the images rather than
// writing them, for a caller that writes them with its other outputs.
func ExportChartImages(ctx context.Context, htmlPath string) ([]Image, error) {
	b, err := Start(ctx)
	if err != nil {
		return nil, err
	}
	defer b.Close()
	return b.ChartImages(ctx, htmlPath)
}

// ChartImages is ExportChartImages in this browser, in a tab of its own.
func (b *Browser) ChartImages(ctx context.Context, htmlPath string) ([]Image, error) {
	bctx, done, err := b.tab(ctx)
	if err != nil {
		return nil, err
	}
	defer done()
	if err := b.open(bctx, htmlPath); err != nil {
		return nil, err
	}
	drawn, err := b.waitForCharts(bctx, "waiting for the charts of "+htmlPath+" to draw")
	if err != nil {
		return nil, err
	}
	chartIDs, err := run(b, bctx, "reading the charts of "+htmlPath, chromedp.Evaluate[[]string](chartsIDsScript))
	if err != nil {
		return nil, err
	}
	if drawn != len(chartIDs) {
		return nil, fmt.Errorf("only %d of the %d charts in %s drew", drawn, len(chartIDs), htmlPath)
	}
	for _, id := range chartIDs {
		// The ids name files: only ours, never a path.
		if !chartIDPattern.MatchString(id) {
			return nil, fmt.Errorf("%s holds a chart id %q that cannot name a file", htmlPath, id)
		}
	}
	ids, err := json.Marshal(chartIDs)
	if err != nil {
		return nil, err
	}
	call := fmt.Sprintf("%s(%s, %d, %d)", exportScript, ids, PNGWidth, PNGPixelRatio)
	urls, err := run(b, bctx, "drawing the charts as PNG", chromedp.Evaluate[[]string](call))
	if err != nil {
		return nil, err
	}
	if len(urls) != len(chartIDs) {
		return nil, fmt.Errorf("drawing the charts as PNG: got %d images, want %d", len(urls), len(chartIDs))
	}
	var images []Image
	for i, id := range chartIDs {
		png, err := decodePNGDataURL(urls[i])
		if err != nil {
			return nil, fmt.Errorf("chart %s: %w", id, err)
		}
		images = append(images, Image{Name: fmt.Sprintf("%d-%s.png", i+1, id), PNG: png})
	}
	return images, nil
}

// chartIDPattern is what a chart's id looks like.
var chartIDPattern = regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*$`)

var pngSignature = []byte("\x89PNG\r\n\x1a\n")

// decodePNGDataURL returns the bytes of a data:image/png;base64 URL.
func decodePNGDataURL(u string) ([]byte, error) {
	const prefix = "data:image/png;base64,"
	if !strings.HasPrefix(u, prefix) {
		return nil, errors.New("the browser gave no PNG image")
	}
	b, err := base64.StdEncoding.DecodeString(u[len(prefix):])
	if err != nil {
		return nil, fmt.Errorf("the browser's PNG image: %w", err)
	}
	if !bytes.HasPrefix(b, pngSignature) {
		return nil, errors.New("the browser's image is not a PNG")
	}
	return b, nil
}
