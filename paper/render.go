package paper

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"regexp"
	"sync"

	"github.com/carecast/carecast"
)

// Rasterizer draws SVG images to PNG at scale times their size: package
// render's Browser.
type Rasterizer interface {
	RasterizeSVGs(ctx context.Context, svgs []string, scale float64) ([][]byte, error)
}

// ChartRequest asks a Drawer for one chart, for one council (its index) or
// the consortium (-1).
type ChartRequest struct {
	Chart   string
	Council int
}

// DrawnChart is a chart drawn as SVG, with its size in CSS pixels.
type DrawnChart struct {
	SVG           string
	Width, Height int
}

// Drawer draws charts as SVG, in the order asked: the charts package's
// ECharts definitions through package render's server-side SVG (the
// command wires them).
type Drawer func(ctx context.Context, reqs []ChartRequest) ([]DrawnChart, error)

// Draw draws every figure of the papers in one call to the drawer, each
// distinct chart once (the consortium's tornado and fan are the same in
// every paper).
func Draw(ctx context.Context, draw Drawer, papers ...*Paper) error {
	var figs []*Figure
	index := map[ChartRequest]int{}
	var reqs []ChartRequest
	for _, p := range papers {
		for _, f := range p.Figures() {
			figs = append(figs, f)
			r := ChartRequest{Chart: f.Chart, Council: f.Council}
			if _, ok := index[r]; !ok {
				index[r] = len(reqs)
				reqs = append(reqs, r)
			}
		}
	}
	if len(reqs) == 0 {
		return nil
	}
	drawn, err := draw(ctx, reqs)
	if err != nil {
		return err
	}
	if len(drawn) != len(reqs) {
		return fmt.Errorf("paper: %d charts drawn for %d asked", len(drawn), len(reqs))
	}
	for _, f := range figs {
		d := drawn[index[ChartRequest{Chart: f.Chart, Council: f.Council}]]
		f.SVG, f.Width, f.Height = d.SVG, d.Width, d.Height
	}
	return nil
}

// Printer prints an HTML page (WriteHTML's) to an A4 PDF, tagged, with an
// outline, MarginInches on every side and FooterTemplate at the foot of
// every page: package render's Browser.PrintHTML with those options.
type Printer func(ctx context.Context, html []byte) ([]byte, error)

// MarginInches is the PDF's margin on every side: 2 cm, as the Word file's.
const MarginInches = 2 / 2.54

// pngScale draws the charts' PNG images at twice their CSS size: 1600
// pixels wide, sharp at the 17 cm of an A4 page's text width.
const pngScale = 2

// Rasterize draws every figure of the papers to PNG in one call to the
// browser, each distinct drawing once (the consortium's tornado and fan
// are the same in every paper).
func Rasterize(ctx context.Context, b Rasterizer, papers ...*Paper) error {
	var figs []*Figure
	index := map[string]int{}
	var svgs []string
	for _, p := range papers {
		for _, f := range p.Figures() {
			figs = append(figs, f)
			if _, ok := index[f.SVG]; !ok {
				index[f.SVG] = len(svgs)
				svgs = append(svgs, f.SVG)
			}
		}
	}
	if len(svgs) == 0 {
		return nil
	}
	pngs, err := b.RasterizeSVGs(ctx, svgs, pngScale)
	if err != nil {
		return err
	}
	for _, f := range figs {
		f.PNG = pngs[index[f.SVG]]
	}
	return nil
}

// Render returns the paper as a Word document and as a PDF. Its figures
// must have been rasterized.
func Render(ctx context.Context, print Printer, p *Paper, prov Provenance) (docxBytes, pdf []byte, err error) {
	var d bytes.Buffer
	if err := p.WriteDocx(&d, prov); err != nil {
		return nil, nil, err
	}
	pdf, err = printPDF(ctx, print, p, prov)
	if err != nil {
		return nil, nil, err
	}
	return d.Bytes(), pdf, nil
}

// printPDF prints the paper's HTML page to PDF, its dates the prepared
// date and its structure numbered in order (the same bytes for the same
// paper). It needs the figures' drawings, not their PNG images.
func printPDF(ctx context.Context, print Printer, p *Paper, prov Provenance) ([]byte, error) {
	var h bytes.Buffer
	if err := p.WriteHTML(&h); err != nil {
		return nil, err
	}
	pdf, err := print(ctx, h.Bytes())
	if err != nil {
		return nil, fmt.Errorf("%s: %w", p.Code, err)
	}
	return renumberPDFNodes(stampPDFDates(pdf, prov.Prepared)), nil
}

// pdfNode is the identifier Chromium gives a tagged PDF's structure
// element, from its accessibility tree: (node00000055).
var pdfNode = regexp.MustCompile(`\(node(\d+)\)`)

// renumberPDFNodes numbers the structure elements' identifiers in the
// order they first appear in the file, keeping each one's length (and so
// the offsets) and every reference to it: Chromium's own numbers depend on
// the order its accessibility tree was built, which varies from run to
// run.
func renumberPDFNodes(pdf []byte) []byte {
	ids := map[string]string{}
	return pdfNode.ReplaceAllFunc(pdf, func(m []byte) []byte {
		digits := string(m[5 : len(m)-1])
		id, ok := ids[digits]
		if !ok {
			id = fmt.Sprintf("%0*d", len(digits), len(ids)+1)
			if len(id) != len(digits) { // more elements than the digits hold: leave it
				id = digits
			}
			ids[digits] = id
		}
		return []byte("(node" + id + ")")
	})
}

// pdfDate is a PDF date as Chromium writes the creation and modification
// dates of its document information: (D:YYYYMMDDHHmmSS+HH'mm').
var pdfDate = regexp.MustCompile(`/(CreationDate|ModDate) \(D:\d{14}[+-]\d{2}'\d{2}'\)`)

// stampPDFDates sets the PDF's creation and modification dates to noon
// UTC on the prepared date, as the Word file's properties, so that the
// same input and SOURCE_DATE_EPOCH give the same PDF. Each date keeps its
// length, so the PDF's cross-reference offsets stay right.
func stampPDFDates(pdf []byte, prepared carecast.Date) []byte {
	stamp := fmt.Sprintf("(D:%04d%02d%02d120000+00'00')", prepared.Year, int(prepared.Month), prepared.Day)
	return pdfDate.ReplaceAllFunc(pdf, func(m []byte) []byte {
		name := m[:bytes.IndexByte(m, ' ')+1]
		return append(append([]byte{}, name...), stamp...)
	})
}

// Rendered is a paper's two files.
type Rendered struct {
	Paper     *Paper
	Docx, PDF []byte
}

// RenderAll renders the papers, drawing their figures first, and returns
// them in order. A nil draw leaves the figures as they are. The PDFs need
// only the drawings and the Word files the PNG images, so the images are
// made while the papers print: the browser's jobs (the images, then each
// paper's print) run two at a time, one browser's tabs keeping two cores
// busy.
func RenderAll(ctx context.Context, b Rasterizer, draw Drawer, print Printer, prov Provenance, papers ...*Paper) ([]Rendered, error) {
	if draw != nil {
		if err := Draw(ctx, draw, papers...); err != nil {
			return nil, err
		}
	}
	out := make([]Rendered, len(papers))
	jobs := []func() error{func() error { return Rasterize(ctx, b, papers...) }}
	for i, p := range papers {
		jobs = append(jobs, func() error {
			pdf, err := printPDF(ctx, print, p, prov)
			out[i] = Rendered{Paper: p, PDF: pdf}
			return err
		})
	}
	errs := make([]error, len(jobs))
	var wg sync.WaitGroup
	sem := make(chan struct{}, 2)
	for i, job := range jobs {
		wg.Add(1)
		sem <- struct{}{}
		go func() {
			defer func() { <-sem; wg.Done() }()
			errs[i] = job()
		}()
	}
	wg.Wait()
	if err := errors.Join(errs...); err != nil {
		return nil, err
	}
	for i, p := range papers {
		var d bytes.Buffer
		if err := p.WriteDocx(&d, prov); err != nil {
			return nil, err
		}
		out[i].Docx = d.Bytes()
	}
	return out, nil
}

// FileName is the paper's file name with the extension: "paper-HAV.docx".
// The stem is the council's carecast.FileStems (unique among the
// councils, only letters, digits, hyphens and underscores, at most
// carecast.MaxStem bytes), so no code can name a file elsewhere, take
// another paper's file or make a name too long.
func (p *Paper) FileName(ext string) string {
	stem := p.Stem
	switch {
	case stem != "":
	case p.Code == Consortium:
		stem = carecast.ConsortiumStem
	default: // a Paper not made by Build or BuildOne
		stem = carecast.FileStems([]carecast.Council{{Code: p.Code}})[0]
	}
	return "paper-" + stem + ext
}
