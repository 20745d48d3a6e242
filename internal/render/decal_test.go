package render

import (
	"bytes"
	"context"
	"encoding/base64"
	"fmt"
	"image"
	"image/png"
	"regexp"
	"strings"
	"testing"
)

// echartsPattern writes a pattern as ECharts' server-side renderer does.
func echartsPattern(id string, w, h int, transform string, paths ...string) string {
	var b strings.Builder
	fmt.Fprintf(&b, `<pattern width="%d" height="%d" patternUnits="userSpaceOnUse"`, w, h)
	if transform != "" {
		fmt.Fprintf(&b, ` patternTransform="%s"`, transform)
	}
	fmt.Fprintf(&b, ` id="%s">`+"\n<g >\n", id)
	for _, d := range paths {
		fmt.Fprintf(&b, `<path d="%s" fill="rgb(0,0,0)" fill-opacity="0.2"></path>`+"\n", d)
	}
	b.WriteString("</g>\n</pattern>\n")
	return b.String()
}

func echartsSVG(w, h int, body, defs string) string {
	return fmt.Sprintf(`<svg width="%d" height="%d" xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" version="1.1" baseProfile="full" viewBox="0 0 %d %d">`+"\n%s<defs >\n%s</defs>\n</svg>", w, h, w, h, body, defs)
}

// A hatch of stripes 2 high every 7 (ECharts' tile of 1 by 7, its marks
// outside the tile cut off) over a bar from (10, 20) to (15, 34) is the
// two stripes that cross the bar, at y 21 and 28, each 5 wide, clipped to
// the bar; the pattern, no longer used, goes.
func TestFlattenDecalsByHand(t *testing.T) {
	svg := echartsSVG(40, 40,
		`<path d="M10 20l5 0l0 14l-5 0Z" fill="#D55E00" class="zr1-cls-1"></path>`+"\n"+
			`<path d="M10 20l5 0l0 14l-5 0Z" fill="url(#zr1-p0)" class="zr1-cls-2"></path>`+"\n",
		echartsPattern("zr1-p0", 1, 7, "", "M0 -7l1 0l0 2l-1 0Z", "M1 -7l1 0l0 2l-1 0Z", "M0 0l1 0l0 2l-1 0Z", "M1 0l1 0l0 2l-1 0Z"))
	got := flattenDecals(svg)
	want := `<g><clipPath id="zr1-p0-clip1"><path d="M10 20l5 0l0 14l-5 0Z"></path></clipPath><g clip-path="url(#zr1-p0-clip1)"><path d="M10 21h5v2h-5ZM10 28h5v2h-5Z" fill="rgb(0,0,0)" fill-opacity="0.2"></path></g></g>`
	if !strings.Contains(got, want) {
		t.Errorf("the hatched bar is not drawn as its two stripes:\n%s\nwant within it\n%s", got, want)
	}
	if strings.Contains(got, "<pattern") || strings.Contains(got, `fill="url(`) {
		t.Errorf("a pattern is left:\n%s", got)
	}
	if !strings.Contains(got, `<path d="M10 20l5 0l0 14l-5 0Z" fill="#D55E00" class="zr1-cls-1"></path>`) {
		t.Error("the bar's own colour is lost")
	}

	// ECharts' dots: circles of radius 2.4 from their rightmost point; in a
	// tile of 16 by 12, those centred at (12, 3) and (4, 9) fall within it,
	// the rest outside it or of no size. Over one tile, turned 90 degrees,
	// with an outline: the two circles, turned, then the outline unfilled.
	dots := []string{"M6.4 -3A2.4 2.4 0 1 1 6.4 -3.0002", "M22.4 -3A2.4 2.4 0 1 1 22.4 -3.0002", "M0 3A0 0 0 1 1 0 3",
		"M14.4 3A2.4 2.4 0 1 1 14.4 2.9998", "M16 3A0 0 0 1 1 16 3", "M30.4 3A2.4 2.4 0 1 1 30.4 2.9998",
		"M6.4 9A2.4 2.4 0 1 1 6.4 8.9998", "M22.4 9A2.4 2.4 0 1 1 22.4 8.9998"}
	svg = echartsSVG(40, 40,
		`<path d="M-12 0l0 16l12 0l0 -16Z" fill="url(#zr2-p1)" stroke="#ffffff" class="zr2-cls-3"></path>`+"\n",
		echartsPattern("zr2-p1", 16, 12, "rotate(90)", dots...))
	got = flattenDecals(svg)
	want = `<g><clipPath id="zr2-p1-clip1"><path d="M-12 0l0 16l12 0l0 -16Z"></path></clipPath><g clip-path="url(#zr2-p1-clip1)"><path d="M14.4 3A2.4 2.4 0 1 1 14.4 2.9998M6.4 9A2.4 2.4 0 1 1 6.4 8.9998" transform="rotate(90)" fill="rgb(0,0,0)" fill-opacity="0.2"></path></g></g><path d="M-12 0l0 16l12 0l0 -16Z" fill="none" stroke="#ffffff" class="zr2-cls-3"></path>`
	if !strings.Contains(got, want) {
		t.Errorf("the dotted shape is not drawn as its two dots and outline:\n%s\nwant within it\n%s", got, want)
	}
}

// A pattern flattenDecals cannot read (an image in it), or a shape it
// cannot (a curve), keeps its pattern fill: the SVG draws as before.
func TestFlattenDecalsLeavesWhatItCannotRead(t *testing.T) {
	image := `<pattern width="8" height="8" patternUnits="userSpaceOnUse" id="zr3-p0">` + "\n<g >\n" +
		`<image href="data:image/png;base64,AAAA" width="8" height="8"></image>` + "\n</g>\n</pattern>\n"
	svg := echartsSVG(40, 40, `<path d="M0 0l8 0l0 8l-8 0Z" fill="url(#zr3-p0)"></path>`+"\n", image)
	if got := flattenDecals(svg); got != svg {
		t.Errorf("a pattern of an image changed:\n%s", got)
	}
	hatch := echartsPattern("zr3-p1", 1, 7, "", "M0 0l1 0l0 2l-1 0Z")
	svg = echartsSVG(40, 40, `<path d="M0 0C5 5 10 5 20 0Z" fill="url(#zr3-p1)"></path>`+"\n"+
		`<path d="M0 20l8 0l0 8l-8 0Z" fill="url(#zr3-p1)"></path>`+"\n", hatch)
	got := flattenDecals(svg)
	if !strings.Contains(got, `<path d="M0 0C5 5 10 5 20 0Z" fill="url(#zr3-p1)"></path>`) || !strings.Contains(got, `id="zr3-p1"`) {
		t.Errorf("a curve lost its pattern, or the pattern it still uses went:\n%s", got)
	}
	if !strings.Contains(got, `clip-path="url(#zr3-p1-clip1)"`) {
		t.Errorf("the rectangle beside it is not flattened:\n%s", got)
	}
	// A shape with a fill rule is left; one with an opacity passes it to
	// its marks.
	svg = echartsSVG(40, 40, `<path d="M0 20l8 0l0 8l-8 0Z" fill="url(#zr3-p1)" fill-rule="evenodd"></path>`+"\n"+
		`<path d="M10 20l8 0l0 8l-8 0Z" fill="url(#zr3-p1)" fill-opacity="0.5" opacity="0.8"></path>`+"\n", hatch)
	got = flattenDecals(svg)
	if !strings.Contains(got, `fill-rule="evenodd"></path>`) || !strings.Contains(got, `<g opacity="0.4"><clipPath id="zr3-p1-clip1">`) {
		t.Errorf("a fill rule is flattened, or an opacity is lost:\n%s", got)
	}
	// A circle drawn from its leftmost point at (14.4, 6) is centred at
	// (16.8, 6), cut by the tile's edge at 16: the pattern is left.
	svg = echartsSVG(40, 40, `<path d="M0 0l8 0l0 8l-8 0Z" fill="url(#zr3-p2)"></path>`+"\n",
		echartsPattern("zr3-p2", 16, 12, "", "M14.4 6A2.4 2.4 0 1 1 14.4 6.0002"))
	if got := flattenDecals(svg); got != svg {
		t.Errorf("a circle cut by the tile's edge is flattened:\n%s", got)
	}
	// A pattern that outlines a shape as well as filling one stays.
	svg = echartsSVG(40, 40, `<path d="M0 20l8 0l0 8l-8 0Z" fill="url(#zr3-p1)"></path>`+"\n"+
		`<path d="M0 0L20 0" fill="none" stroke="url(#zr3-p1)"></path>`+"\n", hatch)
	if got := flattenDecals(svg); !strings.Contains(got, `id="zr3-p1"`) || !strings.Contains(got, `clip-path="url(#zr3-p1-clip1)"`) {
		t.Errorf("a pattern a stroke still uses went, or the fill beside it is not flattened:\n%s", got)
	}
}

// decalChart is a chart's worth of ECharts' decals: its four patterns
// (hatches turned 30 and -45 degrees, dots, a grid of 48 cells turned 45
// degrees, triangles) over bars of each height and sign, and over a
// legend's rounded icons moved into place with an outline.
func decalChart() string {
	var grid []string
	for _, y := range []int{-7, 0, 7} {
		for x := range 14 {
			grid = append(grid, fmt.Sprintf("M%d %dl1 0l0 1l-1 0Z", x, y))
		}
	}
	for _, y := range []int{-6, 1, 8} {
		grid = append(grid, fmt.Sprintf("M0 %dl1 0l0 6l-1 0Z", y), fmt.Sprintf("M7 %dl1 0l0 6l-1 0Z", y))
	}
	defs := echartsPattern("zr9-p0", 1, 7, "rotate(29.999999999999996)", "M0 -7l1 0l0 2l-1 0Z", "M1 -7l1 0l0 2l-1 0Z", "M0 0l1 0l0 2l-1 0Z", "M1 0l1 0l0 2l-1 0Z") +
		echartsPattern("zr9-p1", 16, 12, "", "M6.4 -3A2.4 2.4 0 1 1 6.4 -3.0002", "M22.4 -3A2.4 2.4 0 1 1 22.4 -3.0002", "M0 3A0 0 0 1 1 0 3",
			"M14.4 3A2.4 2.4 0 1 1 14.4 2.9998", "M16 3A0 0 0 1 1 16 3", "M30.4 3A2.4 2.4 0 1 1 30.4 2.9998", "M6.4 9A2.4 2.4 0 1 1 6.4 8.9998", "M22.4 9A2.4 2.4 0 1 1 22.4 8.9998") +
		echartsPattern("zr9-p2", 7, 14, "rotate(45)", grid...) +
		echartsPattern("zr9-p3", 18, 18, "", "M4.5 -8.125L7.875 -2.875L1.125 -2.875Z", "M22.5 -8.125L25.875 -2.875L19.125 -2.875Z", "M0 0.875L0 6.125Z",
			"M13.5 0.875L16.875 6.125L10.125 6.125Z", "M18 0.875L18 6.125Z", "M31.5 0.875L34.875 6.125L28.125 6.125Z") +
		echartsPattern("zr9-p4", 1, 8, "rotate(-45.0000000001462)", "M0 -8l1 0l0 3l-1 0Z", "M0 0l1 0l0 3l-1 0Z") +
		// Circles drawn from the leftmost point (centre (4, 6)) and the
		// rightmost (centre (12, 6)).
		echartsPattern("zr9-p5", 16, 12, "", "M1.6 6A2.4 2.4 0 1 1 1.6 6.0002", "M14.4 6A2.4 2.4 0 1 1 14.4 5.9998")
	colours := []string{"#0072B2", "#D55E00", "#009E73", "#CC79A7", "#882255", "#E69F00"}
	var body strings.Builder
	for i := range 6 {
		p := fmt.Sprintf("zr9-p%d", i)
		for k, bar := range [][2]float64{{300, -250.3}, {300, -41.7}, {120.5, 96.2}} {
			d := fmt.Sprintf("M%.1f %.1fl44.6 0l0 %.1fl-44.6 0Z", 20+float64(i)*60+float64(k)*15, bar[0], bar[1])
			fmt.Fprintf(&body, `<path d="%s" fill="%s"></path>`+"\n", d, colours[i])
			opacity := ""
			if k == 1 {
				opacity = ` fill-opacity="0.5"` // a series drawn with an opacity
			}
			fmt.Fprintf(&body, `<path d="%s" fill="url(#%s)"%s stroke="#ffffff" class="zr9-cls-1"></path>`+"\n", d, p, opacity)
		}
		icon := "M3.5 0L21.5 0A3.5 3.5 0 0 1 25 3.5L25 10.5A3.5 3.5 0 0 1 21.5 14L3.5 14A3.5 3.5 0 0 1 0 10.5L0 3.5A3.5 3.5 0 0 1 3.5 0Z"
		// Icons moved by fractions of a pixel, off every tile's grid.
		fmt.Fprintf(&body, `<path d="%s" transform="translate(%.2f 340.5)" fill="%s"></path>`+"\n", icon, 20.37+float64(i)*60, colours[i])
		fmt.Fprintf(&body, `<path d="%s" transform="translate(%.2f 340.5)" fill="url(#%s)" stroke="#ffffff" stroke-width="2" class="zr9-cls-1"></path>`+"\n", icon, 20.37+float64(i)*60, p)
	}
	return echartsSVG(420, 360, body.String(), defs)
}

// ECharts' decals drawn as vector look as Chromium draws the patterns:
// at twice the size, the two images differ by less than 0.2 in 255 on
// average and no more than 0.05% of pixels differ much, where leaving the
// decals out altogether changes far more. (Marks laid from the chart's
// origin rather than a moved icon's, or at full strength on a series with
// an opacity, fail it.)
func TestFlattenDecalsDrawsTheSame(t *testing.T) {
	b := startBrowser(t)
	orig := decalChart()
	flat := flattenDecals(orig)
	if strings.Contains(flat, "<pattern") || strings.Contains(flat, `fill="url(`) {
		t.Fatalf("a pattern is left:\n%s", flat)
	}
	bare := regexp.MustCompile(`<path [^>]*fill="url\(#[^>]*></path>\n`).ReplaceAllString(orig, "")
	pngs, err := b.RasterizeSVGs(context.Background(), []string{orig, flat, bare}, 2)
	if err != nil {
		t.Fatal(err)
	}
	imgs := make([]image.Image, len(pngs))
	for i, p := range pngs {
		if imgs[i], err = png.Decode(bytes.NewReader(p)); err != nil {
			t.Fatal(err)
		}
	}
	mean, many := imageDiff(imgs[0], imgs[1])
	t.Logf("patterns against vector: mean difference %.3f, %.3f%% of pixels by more than 48", mean, 100*many)
	if mean >= 0.2 || many > 0.0005 {
		t.Errorf("the vector decals draw unlike the patterns: mean difference %.3f, %.3f%% of pixels by more than 48", mean, 100*many)
	}
	if mean, many := imageDiff(imgs[0], imgs[2]); mean < 4 || many < 0.01 {
		t.Errorf("the decals hardly show (without them: mean difference %.3f, %.3f%% of pixels), so the comparison proves nothing", mean, 100*many)
	}
}

// imageDiff is the mean of the largest channel difference over the
// pixels of two images of one size, and the share of pixels where it is
// over 48.
func imageDiff(a, b image.Image) (mean, many float64) {
	r := a.Bounds()
	var sum, big, n float64
	for y := r.Min.Y; y < r.Max.Y; y++ {
		for x := r.Min.X; x < r.Max.X; x++ {
			r1, g1, b1, _ := a.At(x, y).RGBA()
			r2, g2, b2, _ := b.At(x, y).RGBA()
			d := max(absDiff(r1, r2), absDiff(g1, g2), absDiff(b1, b2)) / 257
			sum += d
			if d > 48 {
				big++
			}
			n++
		}
	}
	return sum / n, big / n
}

func absDiff(p, q uint32) float64 {
	if p > q {
		return float64(p - q)
	}
	return float64(q - p)
}

// Printed, the patterns are bitmaps in the PDF, a tiling pattern of an
// image for every shape they fill; the flattened decals are none. (The
// images are inside patterns, where pdfimages does not look: the PDF's
// objects are counted, which Chromium writes as plain text.)
func TestFlattenDecalsPrintAsVector(t *testing.T) {
	b := startBrowser(t)
	page := func(svg string) []byte {
		return []byte(`<!DOCTYPE html><html><body><img width="360" height="360" src="data:image/svg+xml;base64,` + base64.StdEncoding.EncodeToString([]byte(svg)) + `"></body></html>`)
	}
	images := func(svg string) int {
		pdf, err := b.PrintHTML(context.Background(), page(svg), PDF{})
		if err != nil {
			t.Fatal(err)
		}
		return bytes.Count(pdf, []byte("/Subtype /Image"))
	}
	orig := decalChart()
	if n := images(orig); n < 36 {
		t.Errorf("the patterns print as %d images, expected one or more for each of the 36 shapes they fill (has Chromium changed?)", n)
	} else {
		t.Logf("the patterns print as %d images", n)
	}
	if n := images(flattenDecals(orig)); n != 0 {
		t.Errorf("the flattened decals print as %d images, want none", n)
	}
}

// A path's box, worked out by hand: after Z the pen is back at the
// subpath's start (10, 10), so "l0 -8" reaches (10, 2); an arc whose
// radius (1) is under half its chord (from (0, 0) to (6, 8), 10 long) is
// drawn with SVG's enlarged radius, 5, and its box allows twice that
// around each end.
func TestPathBoxByHand(t *testing.T) {
	for _, c := range []struct {
		d    string
		want [4]float64
	}{
		{"M10 10l4 0l0 4Zl0 -8", [4]float64{10, 2, 14, 14}},
		{"M0 0A1 1 0 0 1 6 8", [4]float64{-10, -10, 16, 18}},
	} {
		segs, ok := parsePath(c.d)
		if !ok {
			t.Fatalf("%q does not parse", c.d)
		}
		if got := pathBox(segs); got != c.want {
			t.Errorf("the box of %q is %v, want %v", c.d, got, c.want)
		}
	}
}
