package render

import (
	"context"
	"os"
	"path/filepath"

	"github.com/chromedp/chromedp"
)

// PDF is how a document prints: on A4, portrait unless Landscape, with
// Margin inches on every side (0 gives 0.8 inch, about 2 cm), and a
// header and a footer when their templates are given.
//
// A template is HTML that Chromium fills in: an element of class
// pageNumber, totalPages, title or date receives that value, so a footer
// saying "Page N of M" is
//
//	<div style="font-size:9pt; width:100%; text-align:center">Page <span
//	class="pageNumber"></span> of <span class="totalPages"></span></div>
//
// A template must set its own font size (Chromium's default is 0) and is
// drawn in the margin, so the margin must be tall enough for it.
type PDF struct {
	Landscape      bool
	Margin         float64 // inches
	HeaderTemplate string
	FooterTemplate string
}

// PrintPDF prints the HTML document at htmlPath to PDF and returns its
// bytes. The PDF is tagged (its structure is there for a screen reader)
// and has an outline of the document's headings; backgrounds print. The
// document can load only files (the network is closed). Loading and
// printing each have Timeout.
func (b *Browser) PrintPDF(ctx context.Context, htmlPath string, opts PDF) ([]byte, error) {
	tab, done, err := b.tab(ctx)
	if err != nil {
		return nil, err
	}
	defer done()
	if err := b.open(tab, htmlPath); err != nil {
		return nil, err
	}
	return run(b, tab, "printing "+htmlPath+" to PDF", chromedp.PrintToPDF(opts.options()...))
}

// PrintHTML prints an HTML document held in memory to PDF, as PrintPDF
// does. The document is written to a temporary folder first, so a link in
// it to a file by a relative path finds nothing.
func (b *Browser) PrintHTML(ctx context.Context, html []byte, opts PDF) ([]byte, error) {
	dir, err := os.MkdirTemp("", "carecast-print-")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(dir)
	path := filepath.Join(dir, "document.html")
	if err := os.WriteFile(path, html, 0o600); err != nil {
		return nil, err
	}
	return b.PrintPDF(ctx, path, opts)
}

// options are the chromedp options of a print.
func (p PDF) options() []chromedp.PDFOption {
	margin := p.Margin
	if margin == 0 {
		margin = 0.8
	}
	opts := []chromedp.PDFOption{
		chromedp.PDFPaper(chromedp.PaperA4),
		chromedp.PDFMargin(margin),
		chromedp.PDFPrintBackground(),
		chromedp.PDFOutlineAndTagged(),
		chromedp.PDFStream(),
	}
	if p.Landscape {
		opts = append(opts, chromedp.PDFLandscape())
	}
	if p.HeaderTemplate != "" || p.FooterTemplate != "" {
		// Either template alone turns both on; an empty one prints nothing
		// rather than Chromium's own.
		header, footer := p.HeaderTemplate, p.FooterTemplate
		if header == "" {
			header = "<span></span>"
		}
		if footer == "" {
			footer = "<span></span>"
		}
		opts = append(opts, chromedp.PDFHeaderTemplate(header), chromedp.PDFFooterTemplate(footer))
	}
	return opts
}
