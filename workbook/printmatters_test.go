package workbook

import (
	"os/exec"
	"path"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/carecast/carecast"
	"github.com/xuri/excelize/v2"
)

// The workbook prints what matters (issue 21 item 7): the Timeline and
// the Ledger print only their title and a note saying how to print them
// (the default print of the built-in scenario ran to 158 pages); every
// chart lies inside its sheet's print area; and the sheets a reader
// prints name the factors plainly ("Spot price", not spot_price).
func TestWorkbookPrintsWhatMatters(t *testing.T) {
	_, p, data := buildCase(t, wbCases[4], t.TempDir()) // builtin-appraisal
	f, err := excelize.OpenFile(p)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	areas := map[string][4]int{} // sheet: first col, first row, last col, last row
	for _, dn := range f.GetDefinedName() {
		if dn.Name == "_xlnm.Print_Area" {
			areas[dn.Scope] = printArea(t, dn.RefersTo)
		}
	}
	for sheet, want := range map[string][4]int{sheetTimeline: {1, 1, 5, 3}, sheetLedger: {1, 1, 6, 3}} {
		if got := areas[sheet]; got != want {
			t.Errorf("%s: print area %v, want %v (its title and notes only)", sheet, got, want)
		}
	}
	b := readBook(t, data)
	for _, sheet := range []string{sheetTimeline, sheetLedger} {
		if c := b.sheet(sheet).cell("A3"); c == nil || !strings.HasPrefix(c.v, "Not printed with the workbook") {
			t.Errorf("%s!A3 = %v, want the note on how to print it", sheet, c)
		}
	}

	// Each chart's anchor, 0-based rows and columns, against the print
	// area of the sheet whose drawing holds it.
	anchorRE := regexp.MustCompile(`<xdr:from><xdr:col>(\d+)</xdr:col><xdr:colOff>-?\d+</xdr:colOff><xdr:row>(\d+)</xdr:row>.*?<xdr:to><xdr:col>(\d+)</xdr:col><xdr:colOff>(-?\d+)</xdr:colOff><xdr:row>(\d+)</xdr:row><xdr:rowOff>(-?\d+)</xdr:rowOff>`)
	perSheet := map[string]int{}
	for _, s := range b.sheets {
		part := sheetPartOf(t, b, s.name)
		rels := string(b.files[path.Dir(part)+"/_rels/"+path.Base(part)+".rels"])
		m := regexp.MustCompile(`Target="([^"]*drawing\d+\.xml)"`).FindStringSubmatch(rels)
		if m == nil {
			continue
		}
		drawing := path.Clean(path.Join(path.Dir(part), m[1]))
		for _, a := range anchorRE.FindAllStringSubmatch(string(b.files[drawing]), -1) {
			n := make([]int, 6)
			for i := range n {
				n[i], _ = strconv.Atoi(a[i+1])
			}
			area := areas[s.name]
			firstCol, firstRow := n[0]+1, n[1]+1
			// A chart ends in the cell of its "to" anchor, or in the one
			// before it when its offset there is none.
			lastCol, lastRow := n[2]+1, n[4]+1
			if n[3] == 0 {
				lastCol--
			}
			if n[5] == 0 {
				lastRow--
			}
			if firstCol < area[0] || firstRow < area[1] || lastCol > area[2] || lastRow > area[3] {
				t.Errorf("%s: a chart over columns %d-%d, rows %d-%d lies outside the print area %v", s.name, firstCol, lastCol, firstRow, lastRow, area)
			}
			perSheet[s.name]++
		}
	}
	for sheet, want := range map[string]int{sheetCharts: 4, sheetSensitivity: 1, sheetRisk: 2} {
		if perSheet[sheet] != want {
			t.Errorf("%s: %d charts, want %d", sheet, perSheet[sheet], want)
		}
	}

	// No factor labelled by its code name in a printed cell, but on the
	// Inputs sheet, which echoes the input as given.
	for _, s := range b.sheets {
		if s.name == sheetInputs {
			continue
		}
		area := areas[s.name]
		for _, c := range s.cells {
			if c.col > area[2] || c.row > area[3] {
				continue
			}
			for _, fc := range carecast.Factors() {
				if c.v == fc.String() {
					t.Errorf("%s!%s names the factor %s by its code: %q", s.name, c.ref, fc.Label(), c.v)
				}
			}
		}
	}
	sens := b.sheet(sheetSensitivity)
	if c := sens.cell("A12"); c == nil || c.v != carecast.FactorSpotPrice.Label() {
		t.Errorf("Sensitivity!A12 = %v, want %q", c, carecast.FactorSpotPrice.Label())
	}
}

// printArea reads a print area, 'Sheet'!$A$1:$E$3, as its first column
// and row and last column and row.
func printArea(t *testing.T, ref string) [4]int {
	t.Helper()
	m := regexp.MustCompile(`!\$([A-Z]+)\$(\d+):\$([A-Z]+)\$(\d+)$`).FindStringSubmatch(ref)
	if m == nil {
		t.Fatalf("print area %q", ref)
	}
	var out [4]int
	for i, s := range m[1:] {
		if i%2 == 0 {
			n, err := excelize.ColumnNameToNumber(s)
			if err != nil {
				t.Fatal(err)
			}
			out[i] = n
		} else {
			out[i], _ = strconv.Atoi(s)
		}
	}
	return out
}

// Printed through LibreOffice, the built-in scenario's workbook with its
// appraisal runs to a few dozen pages, not 158: the Timeline and the
// Ledger a page each, and the charts of the Sensitivity and Risk sheets
// printed (their titles are in the printed text).
func TestWorkbookDefaultPrintInLibreOffice(t *testing.T) {
	soffice := findSoffice(t)
	inParallel(t)
	pdftotext := findTool(t, "pdftotext", "poppler-utils")
	dir := t.TempDir()
	res, p, data := buildCase(t, wbCases[4], dir)
	pdf := convertWith(t, soffice, p, "pdf", filepath.Join(dir, "pdf"))
	out, err := exec.Command(pdftotext, "-layout", pdf, "-").Output()
	if err != nil {
		t.Fatal(err)
	}
	pages := strings.Split(strings.TrimRight(string(out), "\f"), "\f")
	b := readBook(t, data)
	scenario := res.Scenario.Assumptions.Scenario
	perSheet := map[string]int{}
	for _, page := range pages {
		for _, l := range nonEmpty(page) {
			if !strings.HasPrefix(l, scenario) {
				continue
			}
			for _, s := range b.sheets {
				if strings.HasSuffix(l, " "+s.name) {
					perSheet[s.name]++
				}
			}
			break
		}
	}
	t.Logf("%d pages: %v", len(pages), perSheet)
	if perSheet[sheetTimeline] != 1 || perSheet[sheetLedger] != 1 {
		t.Errorf("Timeline %d pages, Ledger %d; want one each", perSheet[sheetTimeline], perSheet[sheetLedger])
	}
	if len(pages) > 60 {
		t.Errorf("%d pages printed by default, want at most 60", len(pages))
	}
	text := squash(string(out))
	for _, title := range []string{"Tornado: change in the consortium's savings", "Fan: the consortium's cumulative savings by month",
		"Histogram: runs by the consortium's savings", "Not printed with the workbook"} {
		if !strings.Contains(text, squash(title)) {
			t.Errorf("the printed text lacks %q", title)
		}
	}
	if !strings.Contains(text, squash(carecast.FactorSpotPrice.Label())) {
		t.Errorf("the printed text lacks the factor's plain name %q", carecast.FactorSpotPrice.Label())
	}
}
