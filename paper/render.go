package paper

import (
	"bytes"
	"fmt"
	"strings"
)

// Browser draws and prints: package reports' headless Chromium.
type Browser interface {
	// RasterizeSVGs draws SVG images to PNG at scale times their size.
	RasterizeSVGs(svgs []string, scale float64) ([][]byte, error)
	// PrintPDF prints an HTML page to an A4 PDF, tagged, with an outline
	// and the footer template on every page.
	PrintPDF(html []byte, footer string) ([]byte, error)
}

// pngScale draws the charts' PNG images at twice their CSS size: 1600
// pixels wide, sharp at the 17 cm of an A4 page's text width.
const pngScale = 2

// Rasterize draws every figure of the papers to PNG in one call to the
// browser.
func Rasterize(b Browser, papers ...*Paper) error {
	var figs []*Figure
	var svgs []string
	for _, p := range papers {
		for _, f := range p.Figures() {
			figs = append(figs, f)
			svgs = append(svgs, f.SVG)
		}
	}
	if len(svgs) == 0 {
		return nil
	}
	pngs, err := b.RasterizeSVGs(svgs, pngScale)
	if err != nil {
		return err
	}
	for i, f := range figs {
		f.PNG = pngs[i]
	}
	return nil
}

// Render returns the paper as a Word document and as a PDF. Its figures
// must have been rasterized.
func Render(b Browser, p *Paper, prov Provenance) (docxBytes, pdf []byte, err error) {
	var d bytes.Buffer
	if err := p.WriteDocx(&d, prov); err != nil {
		return nil, nil, err
	}
	var h bytes.Buffer
	if err := p.WriteHTML(&h); err != nil {
		return nil, nil, err
	}
	pdf, err = b.PrintPDF(h.Bytes(), FooterTemplate)
	if err != nil {
		return nil, nil, fmt.Errorf("%s: %w", p.Code, err)
	}
	return d.Bytes(), pdf, nil
}

// FileName is the paper's file name with the extension: "paper-HAV.docx".
// A character of the code that is not a letter, digit, hyphen or
// underscore becomes a hyphen, so no code can name a file elsewhere.
func (p *Paper) FileName(ext string) string {
	code := strings.Map(func(r rune) rune {
		switch {
		case r >= 'a' && r <= 'z', r >= 'A' && r <= 'Z', r >= '0' && r <= '9', r == '-', r == '_':
			return r
		}
		return '-'
	}, p.Code)
	return "paper-" + code + ext
}
