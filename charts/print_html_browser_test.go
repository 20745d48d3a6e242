package charts

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/carecast/carecast/internal/render"
	"github.com/carecast/carecast/internal/testtools"
)

// charts.html printed keeps every chart's legend and axis labels (issue 21
// item 6). The page, with the appraisal's charts, is opened in a window
// 800 pixels wide, as a reader's might be, and printed to A4 by Chromium
// (Page.printToPDF tells the page with beforeprint, as a browser's print
// dialogue does); pdftotext reads the PDF back. Each chart's canvas prints
// its text as text, in the order painted: axis labels, legend and, last,
// the title. So the text between one chart's title and the next (the
// captions taken out) is that chart's, and it must hold the chart's legend
// entries, the names of its axes and marked lines, and the first label of
// a category axis.
//
// Before the fix, beforeprint resized each chart to 680 pixels wide in its
// box's shape on screen (760 x 480 in this window: 430 pixels tall) with
// ECharts' animation, so the page printed the layout of the screen cut to a
// print box 378 pixels (100 mm) tall: this test then found "Waltham For"
// and "Tower Hamle" in the cut legends, and no "Rooms available", "Block
// cost", "Total" or "2019/20" (the x axis under the bars) at all.
func TestChartsPagePrintKeepsLegendsAndAxes(t *testing.T) {
	t.Parallel()
	pdftotext := testtools.Program(t, "poppler-utils", "pdftotext")
	path, page := writePage(t, builtInResult(t), builtInAppraisal(t))

	specs := append(append(append([]chartSpec{}, page.Data.Charts...), page.Data.Demand...), page.Data.Appraisal...)
	figures := page.Figures
	if page.Appraisal != nil {
		figures = append(append([]chartFigure{}, figures...), page.Appraisal.Figures...)
	}

	ctx, _ := openTabAt(t, newBrowser(t), path, 800, 600)
	tctx, tcancel := context.WithTimeout(ctx, 60*time.Second)
	defer tcancel()
	if n, err := render.WaitForCharts(tctx, 30*time.Second); err != nil || n != len(specs) {
		t.Fatalf("%d of %d charts drew (%v)", n, len(specs), err)
	}
	eval[bool](t, tctx, `window.addEventListener('beforeprint', function () { window.sawBeforePrint = true; }), true`)
	pdf, err := chromedp.Run(tctx, chromedp.PrintToPDF(chromedp.PDFPaper(chromedp.PaperA4), chromedp.PDFPreferCSSPageSize(), chromedp.PDFPrintBackground()))
	if err != nil {
		t.Fatal(err)
	}
	if !eval[bool](t, tctx, `window.sawBeforePrint === true`) {
		t.Error("printing did not tell the page with beforeprint: the charts were not redrawn for paper")
	}
	pdfPath := filepath.Join(t.TempDir(), "charts.pdf")
	if err := os.WriteFile(pdfPath, pdf, 0o644); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command(pdftotext, "-raw", pdfPath, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext: %v", err)
	}
	text := strings.Join(strings.Fields(string(out)), " ")
	// On paper there is no button to press: the footer does not point
	// to one (it does on screen).
	if strings.Contains(text, "button") {
		t.Error("the printed page tells the reader to press a chart's button")
	}
	// The captions are the page's text, not the charts': out of the way.
	for _, f := range figures {
		text = strings.Replace(text, strings.Join(strings.Fields(f.Heading+". "+f.Caption), " "), "", 1)
	}
	from := 0
	for _, spec := range specs {
		o := spec.Option
		title := o.Title.Text
		at := strings.Index(text[from:], title)
		if at < 0 {
			t.Errorf("%s: its title %q is not in the printed text after the previous chart's", spec.ID, title)
			continue
		}
		chart := text[from : from+at]
		from += at + len(title)
		want := printedLabels(o)
		if len(want) == 0 {
			t.Errorf("%s: only %q to look for", spec.ID, want)
		}
		var missing []string
		for _, w := range want {
			if !strings.Contains(chart, w) {
				missing = append(missing, w)
			}
		}
		if missing != nil {
			t.Errorf("%s: %q missing from the printed chart, whose text is %q", spec.ID, missing, chart)
		}
	}
}

// printedLabels are the texts a chart with option o must show in print:
// its legend's entries (the legend's list, or every series' name), the
// names of its marked lines and of its axes, and the first label of each
// category axis that labels every category in plain text (the tornado's
// labels are rich text, in parts).
func printedLabels(o ecOption) []string {
	var want []string
	seen := map[string]bool{}
	add := func(s string) {
		s = strings.Join(strings.Fields(s), " ")
		if s != "" && !seen[s] {
			seen[s] = true
			want = append(want, s)
		}
	}
	if o.Legend != nil {
		if o.Legend.Data != nil {
			for _, d := range o.Legend.Data {
				add(d)
			}
		} else {
			for _, s := range o.Series {
				add(s.Name)
			}
		}
	}
	for _, s := range o.Series {
		if s.MarkLine != nil && s.MarkLine.Label.Show {
			for _, d := range s.MarkLine.Data {
				add(d.Name)
			}
		}
	}
	for _, a := range append(append([]ecAxis{}, o.XAxis...), o.YAxis...) {
		add(a.Name)
		if a.Type == "category" && len(a.Data) > 0 && (a.AxisLabel == nil || a.AxisLabel.Rich == nil && (a.AxisLabel.Interval == nil || *a.AxisLabel.Interval == 0)) {
			add(a.Data[0])
		}
	}
	return want
}
