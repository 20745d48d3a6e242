package render

import (
	"bytes"
	"context"
	"image/color"
	"image/png"
	"testing"
)

// An SVG of 10 by 6 pixels, its left half red, draws at scale 2 to a PNG
// of 20 by 12 pixels, red on the left and white (the background) on the
// right; a second image in the same call keeps its own size.
func TestRasterizeSVGs(t *testing.T) {
	b := startBrowser(t)
	svgs := []string{
		`<svg xmlns="http://www.w3.org/2000/svg" width="10" height="6"><rect width="5" height="6" fill="#ff0000"/></svg>`,
		`<svg xmlns="http://www.w3.org/2000/svg" width="4" height="3"><rect width="4" height="3" fill="#0000ff"/></svg>`,
	}
	pngs, err := b.RasterizeSVGs(context.Background(), svgs, 2)
	if err != nil {
		t.Fatal(err)
	}
	if len(pngs) != 2 {
		t.Fatalf("%d images for 2", len(pngs))
	}
	img, err := png.Decode(bytes.NewReader(pngs[0]))
	if err != nil {
		t.Fatal(err)
	}
	if s := img.Bounds().Size(); s.X != 20 || s.Y != 12 {
		t.Fatalf("size %v, want 20x12", s)
	}
	rgba := func(x, y int) color.RGBA { return color.RGBAModel.Convert(img.At(x, y)).(color.RGBA) }
	if c := rgba(3, 5); c.R != 255 || c.G != 0 || c.B != 0 {
		t.Errorf("left half is %v, want red", c)
	}
	if c := rgba(16, 5); c.R != 255 || c.G != 255 || c.B != 255 {
		t.Errorf("right half is %v, want white", c)
	}
	img2, err := png.Decode(bytes.NewReader(pngs[1]))
	if err != nil {
		t.Fatal(err)
	}
	if s := img2.Bounds().Size(); s.X != 8 || s.Y != 6 {
		t.Errorf("second image is %v, want 8x6", s)
	}
}
