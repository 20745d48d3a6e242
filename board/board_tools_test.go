package board

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/carecast/carecast/internal/render"
	"github.com/carecast/carecast/internal/testtools"
	"github.com/carecast/carecast/paper"
)

// pdfPages checks a PDF's pages: A4, two to four of them, each saying
// "Page i of n" at its foot; it returns their number and the text.
func pdfPages(t *testing.T, path string) (int, string) {
	t.Helper()
	info := testtools.Run(t, "pdfinfo", path)
	if !regexp.MustCompile(`(?m)^Page size:.*\(A4\)`).MatchString(info) {
		t.Errorf("%s is not A4:\n%s", path, info)
	}
	var pages int
	if _, err := fmt.Sscan(regexp.MustCompile(`(?m)^Pages:\s+(\d+)`).FindStringSubmatch(info)[1], &pages); err != nil || pages < 2 || pages > 4 {
		t.Errorf("%s: %d pages (%v), want two to four", path, pages, err)
	}
	for i := 1; i <= pages; i++ {
		pt := testtools.Run(t, "pdftotext", "-layout", "-f", fmt.Sprint(i), "-l", fmt.Sprint(i), path, "-")
		if want := fmt.Sprintf("Page %d of %d", i, pages); !strings.Contains(pt, want) {
			t.Errorf("%s page %d does not say %q", filepath.Base(path), i, want)
		}
	}
	return pages, strings.Join(strings.Fields(testtools.Run(t, "pdftotext", path, "-")), " ")
}

// TestReportInChromiumAndWriter prints the report as 'carecast monitor
// --out' does: a tagged A4 PDF of two to four pages numbered "Page N of
// M", holding the figures; LibreOffice Writer prints the Word file as the
// same number of pages.
func TestReportInChromiumAndWriter(t *testing.T) {
	testtools.Program(t, "poppler-utils", "pdfinfo")
	b := testtools.Browser(t)
	p := Build(runningCosts(t), testProv)
	print := func(ctx context.Context, html []byte) ([]byte, error) {
		return b.PrintHTML(ctx, html, render.PDF{Margin: paper.MarginInches, FooterTemplate: paper.FooterTemplate})
	}
	d, pdf, err := paper.Render(context.Background(), print, p, testProv)
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	pp, dp := filepath.Join(dir, "monitoring.pdf"), filepath.Join(dir, "monitoring.docx")
	if err := os.WriteFile(pp, pdf, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(dp, d, 0o644); err != nil {
		t.Fatal(err)
	}
	if info := testtools.Run(t, "pdfinfo", pp); !strings.Contains(info, "Tagged:          yes") {
		t.Errorf("the PDF is not tagged:\n%s", info)
	}
	if !bytes.Contains(pdf, []byte("/Outlines")) {
		t.Error("the PDF has no outline")
	}
	ours, text := pdfPages(t, pp)
	for _, want := range []string{"1 Summary", "savings of £716,027 against a budget of £836,027", "Table 1: 2020/21: the consortium (£000)",
		"Table 3: Cash paid in against cost attributed", "4 Main variances explained", "Author to complete", "Page 1 of"} {
		if !strings.Contains(text, want) {
			t.Errorf("the PDF does not hold %q", want)
		}
	}
	out := filepath.Join(dir, "writer")
	testtools.LibreOffice(t).Convert(t, "pdf", out, dp)
	pages, wtext := pdfPages(t, filepath.Join(out, "monitoring.pdf"))
	if pages != ours {
		t.Errorf("Writer prints the Word file as %d pages, the PDF has %d", pages, ours)
	}
	for _, want := range []string{"savings of £716,027", "Table 3", "Author to complete"} {
		if !strings.Contains(wtext, want) {
			t.Errorf("Writer's print does not hold %q", want)
		}
	}
}
