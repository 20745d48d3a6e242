package charts

import (
	"bytes"
	"context"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/carecast/carecast"
	"github.com/carecast/carecast/forecast"
	"github.com/carecast/carecast/inputs"
	"github.com/carecast/carecast/internal/render"
	"github.com/carecast/carecast/internal/testtools"
)

var printSVGDir = flag.String("print-svg", "", "write the print charts' SVG into this folder, to look at")

// A paper's charts come from charts.html's definitions through ECharts'
// server-side SVG renderer: every chart a paper asks for draws, the
// council's own line or bars stand out against the others in grey, the
// title and save button are gone (the paper captions the chart), and no
// text is set below 12 pixels (9.6 pt at the 17 cm of an A4 text width).
func TestPrintChartsSVG(t *testing.T) {
	t.Parallel()
	testtools.Chromium(t)
	s := inputs.BuiltInScenario()
	res, err := forecast.Run(s)
	if err != nil {
		t.Fatal(err)
	}
	ap := builtInAppraisal(t)
	z, err := forecast.Size(s, forecast.SizeOptions{Min: 30, Max: 40})
	if err != nil {
		t.Fatal(err)
	}
	reqs := []PrintRequest{{PrintCumulative, 0}, {PrintCostSpot, 0}, {PrintAnnual, -1}, {PrintCostSpot, -1}, {PrintTornado, -1}, {PrintFan, -1}, {PrintSizing, -1}}
	page, charts, err := PrintPage(res, ap, z, reqs)
	if err != nil {
		t.Fatal(err)
	}
	b := testtools.Browser(t)
	var want []render.SVGChart
	for _, c := range charts {
		want = append(want, render.SVGChart{ID: c.ID, Width: c.Width, Height: c.Height})
	}
	svgs, err := b.ChartsSVG(context.Background(), page, want)
	if err != nil {
		t.Fatal(err)
	}
	fontSize := regexp.MustCompile(`font-size[:=]"?\s*(\d+(?:\.\d+)?)px`)
	for i, svg := range svgs {
		r := reqs[i]
		if *printSVGDir != "" {
			os.WriteFile(filepath.Join(*printSVGDir, fmt.Sprintf("%d-%s.svg", i, r.Chart)), []byte(svg), 0o644)
		}
		if !strings.HasPrefix(svg, "<svg") || !strings.Contains(svg, fmt.Sprintf(`width="%d"`, charts[i].Width)) {
			t.Errorf("%s: not an SVG of width %d: %.80s", r.Chart, charts[i].Width, svg)
		}
		for _, m := range fontSize.FindAllStringSubmatch(svg, -1) {
			var px float64
			fmt.Sscan(m[1], &px)
			if px < 12 {
				t.Errorf("%s: text at %spx, below 12", r.Chart, m[1])
			}
		}
		if strings.Contains(svg, "Save as image") || strings.Contains(svg, "Cumulative savings, April") {
			t.Errorf("%s: the save button or the title is drawn", r.Chart)
		}
	}
	if !strings.Contains(svgs[0], "Other councils") || !strings.Contains(svgs[0], "Havering") || !strings.Contains(svgs[0], printGrey) {
		t.Errorf("the council's cumulative savings do not set Havering against the other councils")
	}
	if !strings.Contains(svgs[1], carecast.LabelAttributedCost) {
		t.Errorf("Havering's cost against spot purchasing is not its attributed cost")
	}
	// The print page draws nothing on the page, keeping each option for
	// the SVG (data-draw-later): the same SVG, byte for byte, as the
	// page drawn on canvas first and its charts' options read back.
	drawn := bytes.Replace(page, []byte(" data-draw-later"), nil, 1)
	if bytes.Equal(drawn, page) {
		t.Fatal("the print page is not marked data-draw-later")
	}
	again, err := b.ChartsSVG(context.Background(), drawn, want)
	if err != nil {
		t.Fatal(err)
	}
	for i := range svgs {
		if again[i] != svgs[i] {
			t.Errorf("%s: the SVG drawn from the kept option differs from the chart drawn on the page", reqs[i].Chart)
		}
	}
}
