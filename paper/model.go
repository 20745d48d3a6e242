// Package paper builds the financial implications of a cabinet paper for
// one member council (or for the consortium) from a forecast and its
// appraisal, as a content model that two writers render: a Word document
// (package docx) and an HTML page that headless Chromium prints to an
// accessible PDF. Every figure comes from the forecast; where judgement is
// the author's, the paper leaves a plainly marked prompt.
//
// It imports only the standard library, the root package and this
// project's stdlib-only docx writer.
package paper

import (
	"fmt"
	"strings"

	"github.com/carecast/carecast"
)

// Provenance says what made a paper: the same record as the workbook's.
type Provenance = carecast.Provenance

// Digest is one input file's SHA-256, in hex.
type Digest = carecast.Digest

// Inputs are what a paper is built from.
type Inputs struct {
	Result     *carecast.Result
	Appraisal  *carecast.Appraisal // nil: no appraisal under uncertainty was run
	Provenance Provenance
	// Options are the options of the input's Options sheet, each forecast,
	// appraised beside the scheme as given (Result). None: the input gave
	// no options.
	Options []Option
	// Sizing is the scheme forecast at each size of the block
	// (forecast.Size, central figures); nil: the paper carries no sizing.
	Sizing *carecast.Sizing
	// SizingRisk is the sweep of a few sizes around Sizing's best with the
	// risks drawn (forecast.Size with Risk), to reconcile the central
	// forecast's best size with the expected NPV's; nil: not run.
	SizingRisk *carecast.Sizing
}

// Option is one option of an options appraisal and its forecast.
type Option struct {
	Name, Description string
	Result            *carecast.Result
}

// Consortium is the code of the consortium's own paper.
const Consortium = "consortium"

// Paper is the content of one paper.
type Paper struct {
	// Code is the council's code, or Consortium.
	Code string
	// Stem names the paper's files (FileName): the council's
	// carecast.FileStems, unique among the councils, or
	// carecast.ConsortiumStem.
	Stem     string
	Title    string
	Subtitle string
	// Subject is the Word file's subject; empty: "Financial implications".
	Subject string
	Blocks  []Block
}

// Block is one item of a paper, in reading order.
type Block interface{ block() }

// Heading is a heading of level 1 to 3. Num is its number ("2"), empty
// for an unnumbered heading.
type Heading struct {
	Level int
	Text  string
	Num   string
}

// Para is a paragraph. Num is its number ("2.1"), empty for an unnumbered
// paragraph. A Prompt is where the author must write: it is shown marked.
type Para struct {
	Num    string
	Text   string
	Prompt bool
	Note   bool // smaller explanatory text (under a table)
	// KeepNext keeps the paragraph on the page of what follows (a
	// table it introduces).
	KeepNext bool
}

// Table is a real table: one header row, body rows, total rows. Money
// columns are right-aligned. Width are relative column widths.
type Table struct {
	ID      string // "Table A"
	Title   string
	Header  []string
	Rows    [][]string
	Totals  [][]string
	Right   []bool
	Widths  []int
	Summary string // what the table holds, for assistive technology
}

// shortRows is the most body and total rows a table may have to be kept
// on one page, in the PDF and in Word alike; a longer table breaks
// between rows, its header row repeated.
const shortRows = 16

// short reports whether the table is kept on one page.
func (t *Table) short() bool { return len(t.Rows)+len(t.Totals) <= shortRows }

// Caption is "Table A: Title".
func (t *Table) Caption() string {
	if t.ID == "" {
		return t.Title
	}
	return t.ID + ": " + t.Title
}

// Figure is a chart with a title, a caption that states the finding, the
// basis line, alternative text, and its data table. The paper names the
// chart (Chart, for Council); a Drawer draws it, from the same ECharts
// definition as charts.html, to SVG, and a Rasterizer to PNG for Word.
type Figure struct {
	ID      string // "Figure 1"
	Name    string // a file-safe name, "cumulative-savings"
	Title   string
	Caption string
	Basis   string
	Alt     string
	Chart   string // ChartCumulative and so on
	Council int    // the council's index, or -1 for the consortium
	SVG     string // filled in by a Drawer
	Width   int    // CSS pixels of the SVG
	Height  int
	PNG     []byte // filled in by a Rasterizer
	Data    *Table
}

// The charts a paper draws, by the names the charts package gives them
// (charts.PrintCumulative and so on).
const (
	ChartCumulative = "cumulative-savings" // the council's cumulative savings against the other councils'
	ChartAnnual     = "annual-savings"     // each council's savings by financial year, stacked
	ChartCostSpot   = "block-vs-spot"      // cost against spot purchasing avoided, by financial year
	ChartTornado    = "tornado"
	ChartFan        = "savings-fan"
	ChartSizing     = "sizing-npv"
)

// PageBreak starts a new page (before an appendix).
type PageBreak struct{}

func (Heading) block()   {}
func (Para) block()      {}
func (*Table) block()    {}
func (*Figure) block()   {}
func (PageBreak) block() {}

// Figures returns the paper's figures in order.
func (p *Paper) Figures() []*Figure {
	var fs []*Figure
	for _, b := range p.Blocks {
		if f, ok := b.(*Figure); ok {
			fs = append(fs, f)
		}
	}
	return fs
}

// Tables returns the paper's tables (not the figures' data tables) in
// order.
func (p *Paper) Tables() []*Table {
	var ts []*Table
	for _, b := range p.Blocks {
		if t, ok := b.(*Table); ok {
			ts = append(ts, t)
		}
	}
	return ts
}

// FigureText is what goes with a figure pasted on its own (carecast charts
// --council CODE --png): its caption ("Figure 1: " and its title, then
// what it shows and its basis), a source line naming carecast's version,
// the input and the prepared date, and its alternative text, each a
// paragraph.
func FigureText(f *Figure, prov Provenance) string {
	version, _, _ := strings.Cut(prov.Version, "\n")
	return fmt.Sprintf("%s: %s\n\n%s %s\n\nSource: carecast %s, from %s, prepared %s.\n\nAlt text: %s\n",
		f.ID, f.Title, f.Caption, f.Basis, strings.TrimSpace(version), prov.InputLabel(), prov.Prepared.Long(), f.Alt)
}
