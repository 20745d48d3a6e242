package render

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"strings"

	"github.com/chromedp/chromedp"
)

// rasterScript draws each SVG (base64) to a canvas at the given scale of
// its own width and height, on white, and returns the PNG data URLs.
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

// RasterizeSVGs draws SVG documents, each with its width and height
// attributes, to PNG images at scale times that size (2 for print), in one
// tab and one call. The drawings load nothing: an SVG that refers to
// anything outside itself draws without it.
func (b *Browser) RasterizeSVGs(ctx context.Context, svgs []string, scale float64) ([][]byte, error) {
	if len(svgs) == 0 {
		return nil, nil
	}
	enc := make([]string, len(svgs))
	for i, s := range svgs {
		enc[i] = base64.StdEncoding.EncodeToString([]byte(s))
	}
	list, err := json.Marshal(enc)
	if err != nil {
		return nil, err
	}
	tab, done, err := b.tab(ctx)
	if err != nil {
		return nil, err
	}
	defer done()
	var expr strings.Builder
	fmt.Fprintf(&expr, "%s(%s, %g)", rasterScript, list, scale)
	// A batch of images: twice Timeout (2 minutes by default).
	urls, err := runFor(b, tab, 2*Timeout, "drawing SVG images", chromedp.Evaluate[[]string](expr.String(), chromedp.EvalAwaitPromise))
	if err != nil {
		return nil, err
	}
	if len(urls) != len(svgs) {
		return nil, fmt.Errorf("drawing SVG images in Chromium: %d images back for %d", len(urls), len(svgs))
	}
	out := make([][]byte, len(urls))
	for i, u := range urls {
		if out[i], err = decodePNGDataURL(u); err != nil {
			return nil, err
		}
	}
	return out, nil
}
