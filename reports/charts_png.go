package reports

import (
	"bytes"
	"context"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/chromedp/chromedp"
)

// PNG export: charts.html opened in headless Chromium with the network
// closed, each chart drawn to a PNG by ECharts itself (getDataURL), at a
// size that reads well pasted into a Word paper.

// ErrNoChromium is returned when no Chromium is installed.
var ErrNoChromium = errors.New("drawing the charts as PNG images needs Chromium, and none was found: install the Debian package chromium (sudo apt-get install chromium), or set CARECAST_CHROMIUM to the path of a Chromium or Chrome browser")

// The width of an exported chart in CSS pixels, and its pixel ratio: 1600
// pixels wide, sharp at the 16 cm of a portrait A4 paper's text width. The
// height keeps the chart's shape on the page (900 pixels for most).
const (
	pngWidth      = 800
	pngPixelRatio = 2
)

// chromiumCandidates are where FindChromium looks, in order.
var chromiumCandidates = []string{"/usr/bin/chromium", "chromium", "chromium-browser", "google-chrome", "google-chrome-stable"}

// FindChromium returns the path of the browser that draws the PNG images:
// $CARECAST_CHROMIUM if set, else Debian's /usr/bin/chromium, else the
// first of chromium, chromium-browser, google-chrome on the PATH.
func FindChromium() (string, error) {
	if p := os.Getenv("CARECAST_CHROMIUM"); p != "" {
		if _, err := exec.LookPath(p); err != nil {
			return "", fmt.Errorf("CARECAST_CHROMIUM=%s cannot be run (%v); %w", p, err, ErrNoChromium)
		}
		return p, nil
	}
	for _, name := range chromiumCandidates {
		if p, err := exec.LookPath(name); err == nil {
			return p, nil
		}
	}
	return "", ErrNoChromium
}

// headlessChromium returns a chromedp context for a new headless Chromium
// with a fresh profile in profileDir and every network host unresolvable:
// the page can load only files. Cancel the context to stop the browser.
func headlessChromium(parent context.Context, exe, profileDir string) (context.Context, context.CancelFunc) {
	opts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(exe),
		chromedp.UserDataDir(profileDir),
		chromedp.NoFirstRun,
		chromedp.NoDefaultBrowserCheck,
		chromedp.Headless,
		chromedp.DisableGPU,
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-extensions", true),
		chromedp.Flag("disable-default-apps", true),
		chromedp.Flag("disable-dev-shm-usage", true),
		chromedp.Flag("disable-breakpad", true),
		chromedp.Flag("metrics-recording-only", true),
		chromedp.Flag("no-proxy-server", true),
		chromedp.Flag("host-resolver-rules", "MAP * ~NOTFOUND, EXCLUDE localhost"),
		chromedp.Flag("force-color-profile", "srgb"),
		chromedp.Flag("font-render-hinting", "none"),
		chromedp.Flag("password-store", "basic"),
		chromedp.Flag("use-mock-keychain", true),
		chromedp.WindowSize(1000, 900),
		chromedp.CombinedOutput(io.Discard),
	}
	if os.Geteuid() == 0 {
		// Chromium refuses to run as root with its sandbox.
		opts = append(opts, chromedp.NoSandbox)
	}
	actx, acancel := chromedp.NewExecAllocator(parent, opts...)
	bctx, bcancel := chromedp.NewContext(actx)
	return bctx, func() { bcancel(); acancel() }
}

// fileURL is the file:// address of path.
func fileURL(path string) (string, error) {
	abs, err := filepath.Abs(path)
	if err != nil {
		return "", err
	}
	return (&url.URL{Scheme: "file", Path: filepath.ToSlash(abs)}).String(), nil
}

// chartsReadyScript says how many charts the page drew once every chart
// on it has drawn, and "" until then: the page script marks its charts'
// end with data-charts-ready, the appraisal script its own with
// data-appraisal-charts-ready.
const chartsReadyScript = `(function () {
  var root = document.documentElement;
  var drawn = root.getAttribute('data-charts-ready');
  if (drawn === null) { return ''; }
  var data = JSON.parse(document.getElementById('carecast-chart-data').textContent);
  if (!data.appraisal) { return drawn; }
  var more = root.getAttribute('data-appraisal-charts-ready');
  return more === null ? '' : String(Number(drawn) + Number(more));
})()`

// chartsIDsScript lists the ids of the charts in the page's data block,
// in page order.
const chartsIDsScript = `(function () {
  var data = JSON.parse(document.getElementById('carecast-chart-data').textContent);
  return data.charts.concat(data.appraisal || []).map(function (c) { return c.id; });
})()`

// openCharts loads charts.html into the browser of ctx and waits until
// every chart has drawn. It returns the number of charts drawn.
func openCharts(ctx context.Context, htmlPath string, timeout time.Duration) (int, error) {
	u, err := fileURL(htmlPath)
	if err != nil {
		return 0, err
	}
	if err := chromedp.Do(ctx); err != nil { // start the browser, with no timeout
		return 0, fmt.Errorf("starting Chromium: %w", err)
	}
	tctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	if err := chromedp.Do(tctx, chromedp.EmulateViewport(1000, 900), chromedp.Navigate(u)); err != nil {
		return 0, fmt.Errorf("opening %s in Chromium: %w", htmlPath, err)
	}
	ready, err := chromedp.Run(tctx, chromedp.Poll[string](chartsReadyScript,
		chromedp.WithPollingInterval(50*time.Millisecond), chromedp.WithPollingTimeout(timeout)))
	if err != nil {
		return 0, fmt.Errorf("waiting for the charts of %s to draw: %w", htmlPath, err)
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

// ExportChartPNGs opens charts.html (written by WriteCharts) in headless
// Chromium and writes one PNG per chart on the page into dir, named
// "1-cumulative-savings.png" and so on in page order (ChartIDsFor: the
// appraisal's charts, when the page has them, after the forecast's),
// atomically and never over any of protect. It returns the paths written.
// Without Chromium it returns an error wrapping ErrNoChromium.
func ExportChartPNGs(ctx context.Context, htmlPath, dir string, protect []string) ([]string, error) {
	exe, err := FindChromium()
	if err != nil {
		return nil, err
	}
	profile, err := os.MkdirTemp("", "carecast-chromium-")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(profile)
	bctx, cancel := headlessChromium(ctx, exe, profile)
	defer cancel()
	drawn, err := openCharts(bctx, htmlPath, 60*time.Second)
	if err != nil {
		return nil, err
	}
	tctx, tcancel := context.WithTimeout(bctx, 60*time.Second)
	defer tcancel()
	chartIDs, err := chromedp.Run(tctx, chromedp.Evaluate[[]string](chartsIDsScript))
	if err != nil {
		return nil, fmt.Errorf("reading the charts of %s: %w", htmlPath, err)
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
	call := fmt.Sprintf("%s(%s, %d, %d)", exportScript, ids, pngWidth, pngPixelRatio)
	urls, err := chromedp.Run(tctx, chromedp.Evaluate[[]string](call))
	if err != nil {
		return nil, fmt.Errorf("drawing the charts as PNG: %w", err)
	}
	if len(urls) != len(chartIDs) {
		return nil, fmt.Errorf("drawing the charts as PNG: got %d images, want %d", len(urls), len(chartIDs))
	}
	var written []string
	for i, id := range chartIDs {
		png, err := decodePNGDataURL(urls[i])
		if err != nil {
			return written, fmt.Errorf("chart %s: %w", id, err)
		}
		path := filepath.Join(dir, fmt.Sprintf("%d-%s.png", i+1, id))
		if err := WriteFileAtomic(path, protect, func(w io.Writer) error {
			_, err := w.Write(png)
			return err
		}); err != nil {
			return written, err
		}
		written = append(written, path)
	}
	return written, nil
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
