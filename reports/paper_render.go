package reports

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"os"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
)

// Browser is one headless Chromium, with the network closed, reused for
// many documents: it draws SVG images to PNG and prints HTML pages to PDF.
type Browser struct {
	ctx     context.Context
	cancel  context.CancelFunc
	profile string
	timeout time.Duration
	// tabs are the browser's tabs for printing: PrintPDF may be called
	// from as many goroutines at once.
	tabs chan context.Context
}

// browserTabs is how many pages print at once: two keep both cores of a
// small machine busy.
const browserTabs = 2

// NewBrowser starts a headless Chromium (see FindChromium). Close it when
// done.
func NewBrowser(parent context.Context) (*Browser, error) {
	exe, err := FindChromium()
	if err != nil {
		return nil, err
	}
	dir, err := os.MkdirTemp("", "carecast-chromium-")
	if err != nil {
		return nil, err
	}
	ctx, cancel := headlessChromium(parent, exe, dir)
	b := &Browser{ctx: ctx, cancel: cancel, profile: dir, timeout: 60 * time.Second, tabs: make(chan context.Context, browserTabs)}
	if err := chromedp.Do(ctx, chromedp.Navigate("about:blank")); err != nil {
		b.Close()
		return nil, fmt.Errorf("starting Chromium: %w", err)
	}
	b.tabs <- ctx
	for i := 1; i < browserTabs; i++ {
		tab, _ := chromedp.NewContext(ctx) // closed with the browser
		if err := chromedp.Do(tab, chromedp.Navigate("about:blank")); err != nil {
			b.Close()
			return nil, fmt.Errorf("opening a tab in Chromium: %w", err)
		}
		b.tabs <- tab
	}
	return b, nil
}

// Close stops the browser and removes its profile.
func (b *Browser) Close() {
	b.cancel()
	os.RemoveAll(b.profile)
}

// rasterScript draws each SVG to a canvas at the given scale and returns
// the PNG data URLs.
const rasterScript = `(async function (list, scale) {
  const out = [];
  for (const s of list) {
    const img = new Image();
    img.src = 'data:image/svg+xml;base64,' + s;
    await img.decode();
    const w = img.naturalWidth, h = img.naturalHeight;
    const c = document.createElement('canvas');
    c.width = Math.round(w * scale);
    c.height = Math.round(h * scale);
    const g = c.getContext('2d');
    g.fillStyle = '#ffffff';
    g.fillRect(0, 0, c.width, c.height);
    g.scale(scale, scale);
    g.drawImage(img, 0, 0, w, h);
    out.push(c.toDataURL('image/png'));
  }
  return out;
})`

// RasterizeSVGs draws SVG images (each with its width and height
// attributes) to PNG at scale times their size (2 for print), in one call
// to the browser.
func (b *Browser) RasterizeSVGs(svgs []string, scale float64) ([][]byte, error) {
	enc := make([]string, len(svgs))
	for i, s := range svgs {
		enc[i] = base64.StdEncoding.EncodeToString([]byte(s))
	}
	list, err := json.Marshal(enc)
	if err != nil {
		return nil, err
	}
	tab := <-b.tabs
	defer func() { b.tabs <- tab }()
	ctx, cancel := context.WithTimeout(tab, b.timeout)
	defer cancel()
	expr := fmt.Sprintf("%s(%s, %g)", rasterScript, list, scale)
	urls, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](expr, chromedp.EvalAwaitPromise))
	if err != nil {
		return nil, fmt.Errorf("drawing the charts in Chromium: %w", err)
	}
	if len(urls) != len(svgs) {
		return nil, fmt.Errorf("drawing the charts in Chromium: %d images back for %d", len(urls), len(svgs))
	}
	out := make([][]byte, len(urls))
	for i, u := range urls {
		png, err := decodePNGDataURL(u)
		if err != nil {
			return nil, err
		}
		out[i] = png
	}
	return out, nil
}

// imagesReadyScript waits until every image on the page has decoded.
const imagesReadyScript = `Promise.all(Array.from(document.images).map(function (i) { return i.decode().catch(function () {}); })).then(function () { return document.fonts.ready; }).then(function () { return true; })`

// PrintPDF prints an HTML page to PDF on A4 as the page's CSS lays it out,
// tagged for accessibility, with a document outline from its headings and
// footer (a Chromium footer template: pageNumber and totalPages spans) on
// every page. It is safe to call from several goroutines.
func (b *Browser) PrintPDF(html []byte, footer string) ([]byte, error) {
	tab := <-b.tabs
	defer func() { b.tabs <- tab }()
	ctx, cancel := context.WithTimeout(tab, b.timeout)
	defer cancel()
	t := true
	var pdf []byte
	err := chromedp.Do(ctx,
		chromedp.Navigate("about:blank"),
		chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
			tree, err := cdp.Call(ctx, tg, page.GetFrameTree, cdp.Empty{})
			if err != nil {
				return err
			}
			_, err = cdp.Call(ctx, tg, page.SetDocumentContent, page.SetDocumentContentParams{FrameID: tree.FrameTree.Frame.ID, HTML: string(html)})
			return err
		}),
		chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
			_, err := chromedp.Evaluate[bool](imagesReadyScript, chromedp.EvalAwaitPromise)(ctx, tg)
			return err
		}),
		chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
			res, err := cdp.Call(ctx, tg, page.PrintToPDF, page.PrintToPDFParams{
				PaperWidth: 8.2677, PaperHeight: 11.6929,
				PreferCSSPageSize:       &t,
				PrintBackground:         &t,
				DisplayHeaderFooter:     &t,
				HeaderTemplate:          "<span></span>",
				FooterTemplate:          footer,
				GenerateTaggedPDF:       &t,
				GenerateDocumentOutline: &t,
			})
			pdf = res.Data
			return err
		}),
	)
	if err != nil {
		return nil, fmt.Errorf("printing the paper in Chromium: %w", err)
	}
	return pdf, nil
}
