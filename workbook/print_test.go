package workbook

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"fmt"
	"io"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/carecast/carecast/internal/testtools"

	"github.com/carecast/carecast"
	"github.com/xuri/excelize/v2"
)

// printCases are the scenarios printed: the built-in one and one with
// joiners and leavers (councils whose pledges start and end mid-horizon).
// examples/demand adds the Overflow and Bed trading sheets.
var printCases = []wbCase{wbCases[3], wbCases[1], wbCases[5]}

// Every sheet prints as a document: A4 landscape, the scenario and the
// sheet in the header, "Page N of M" in the footer, fitted one page wide
// or at a fixed scale of at least 60%, a print area, and print titles on
// the sheets longer or wider than a page; the timelines' column breaks
// fall where a financial year's months start.
func TestWorkbookPrintSetup(t *testing.T) {
	for _, tc := range printCases {
		t.Run(tc.name, func(t *testing.T) {
			res, path, _ := buildCase(t, tc, t.TempDir())
			f, err := excelize.OpenFile(path)
			if err != nil {
				t.Fatal(err)
			}
			defer f.Close()
			scenario := headerText(res.Scenario.Assumptions.Scenario)
			names := map[string]string{}
			for _, dn := range f.GetDefinedName() {
				names[dn.Scope+"|"+dn.Name] = dn.RefersTo
			}
			for _, sheet := range f.GetSheetList() {
				pl, err := f.GetPageLayout(sheet)
				if err != nil {
					t.Fatal(err)
				}
				if pl.Orientation == nil || *pl.Orientation != "landscape" || pl.Size == nil || *pl.Size != 9 {
					t.Errorf("%s: orientation %v size %v, want landscape A4 (9)", sheet, deref(pl.Orientation), deref(pl.Size))
				}
				props, err := f.GetSheetProps(sheet)
				if err != nil {
					t.Fatal(err)
				}
				fitted := props.FitToPage != nil && *props.FitToPage && pl.FitToWidth != nil && *pl.FitToWidth == 1
				scaled := pl.AdjustTo != nil && *pl.AdjustTo >= minScale && *pl.AdjustTo <= 100
				if !fitted && !scaled {
					t.Errorf("%s: neither fitted to a page wide nor at a scale of at least %d%% (scale %v)", sheet, minScale, deref(pl.AdjustTo))
				}
				hf, err := f.GetHeaderFooter(sheet)
				if err != nil {
					t.Fatal(err)
				}
				if !strings.Contains(hf.OddHeader, scenario) || !strings.HasSuffix(hf.OddHeader, "&R"+headerText(sheet)) {
					t.Errorf("%s: header %q lacks the scenario or the sheet", sheet, hf.OddHeader)
				}
				if !strings.Contains(hf.OddFooter, "&CPage &P of &N") {
					t.Errorf("%s: footer %q lacks Page N of M", sheet, hf.OddFooter)
				}
				if names[sheet+"|_xlnm.Print_Area"] == "" {
					t.Errorf("%s: no print area", sheet)
				}
			}
			for sheet, want := range map[string]string{
				sheetTimeline: "'Timeline'!$A:$C,'Timeline'!$4:$12", sheetFund: "'Pooled fund'!$A:$C,'Pooled fund'!$4:$12",
				sheetLedger: "'Ledger'!$4:$4", sheetChecks: "'Checks'!$6:$6", sheetCouncil: "'Council'!$7:$7",
			} {
				if got := names[sheet+"|_xlnm.Print_Titles"]; got != want {
					t.Errorf("%s: print titles %q, want %q", sheet, got, want)
				}
			}
			// The timeline's column breaks: each financial year's months
			// start a page (the breaks before them are at column
			// indexes, 0-based, of the first month of each year).
			b := readBook(t, mustRead(t, path))
			part := b.files[sheetPartOf(t, b, sheetTimeline)]
			var fyStarts []int
			colM0 := 5 + 2 + len(res.Years) + 1
			for m := range res.Months {
				if m == 0 || res.Months[m].FY != res.Months[m-1].FY {
					fyStarts = append(fyStarts, colM0+m-1) // the break id: columns before it
				}
			}
			got := breakIDs(t, string(part), "colBreaks")
			for _, id := range fyStarts {
				if !contains(got, id) {
					t.Errorf("Timeline: no page break before the months of a financial year (column break %d); breaks %v", id, got)
				}
			}
		})
	}
}

// No chart on the Charts sheet crosses a page break, and each fits the
// page it is on.
func TestWorkbookChartsKeepToTheirPages(t *testing.T) {
	_, path, _ := buildCase(t, wbCases[3], t.TempDir())
	b := readBook(t, mustRead(t, path))
	breaks := breakIDs(t, string(b.files[sheetPartOf(t, b, sheetCharts)]), "rowBreaks")
	anchorRE := regexp.MustCompile(`<xdr:from><xdr:col>\d+</xdr:col><xdr:colOff>-?\d+</xdr:colOff><xdr:row>(\d+)</xdr:row>.*?<xdr:to><xdr:col>\d+</xdr:col><xdr:colOff>-?\d+</xdr:colOff><xdr:row>(\d+)</xdr:row>`)
	var anchors [][]string
	for name, body := range b.files {
		if strings.HasPrefix(name, "xl/drawings/drawing") && strings.HasSuffix(name, ".xml") {
			anchors = append(anchors, anchorRE.FindAllStringSubmatch(string(body), -1)...)
		}
	}
	if len(anchors) != 4 {
		t.Fatalf("%d chart anchors, want 4", len(anchors))
	}
	for _, a := range anchors {
		from, _ := strconv.Atoi(a[1]) // 0-based rows
		to, _ := strconv.Atoi(a[2])
		for _, id := range breaks { // a page ends after row id (1-based)
			if from < id && id <= to {
				t.Errorf("a chart over rows %d-%d is cut by the page break after row %d", from+1, to+1, id)
			}
		}
		if float64(to-from+1)*defaultRowPt > pageHeightPt {
			t.Errorf("a chart over rows %d-%d is taller than a page", from+1, to+1)
		}
	}
	if len(breaks) != 3 {
		t.Errorf("row breaks %v, want one before each chart but the first", breaks)
	}
}

// Printed through LibreOffice, every page carries the scenario and its
// sheet in the header and "Page N of M" in the footer, and every label of
// the Summary, the Council view and the Inputs is there whole.
func TestWorkbookPrintsInLibreOffice(t *testing.T) {
	soffice := findSoffice(t)
	inParallel(t)
	pdftotext := findTool(t, "pdftotext", "poppler-utils")
	for _, tc := range printCases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			dir := t.TempDir()
			res, path, data := buildCase(t, tc, dir)
			pdf := convertWith(t, soffice, path, "pdf", filepath.Join(dir, "pdf"))
			out, err := exec.Command(pdftotext, "-layout", pdf, "-").Output()
			if err != nil {
				t.Fatal(err)
			}
			pages := strings.Split(strings.TrimRight(string(out), "\f"), "\f")
			t.Logf("%s: %d pages", tc.name, len(pages))
			b := readBook(t, data)
			scenario := res.Scenario.Assumptions.Scenario
			perSheet := map[string]int{}
			for i, page := range pages {
				lines := nonEmpty(page)
				if len(lines) < 2 {
					t.Errorf("page %d: empty", i+1)
					continue
				}
				// The header is the line that starts with the scenario (a
				// chart's labels may come before it in the text).
				head, sheet := "", ""
				for _, l := range lines {
					if strings.HasPrefix(l, scenario) {
						head = l
						break
					}
				}
				for _, s := range b.sheets {
					if strings.HasSuffix(head, " "+s.name) {
						sheet = s.name
					}
				}
				if sheet == "" {
					t.Errorf("page %d: no header line with the scenario and a sheet's name", i+1)
				}
				perSheet[sheet]++
				want := fmt.Sprintf("Page %d of %d", i+1, len(pages))
				if !strings.Contains(lines[len(lines)-1], want) {
					t.Errorf("page %d: footer %q lacks %q", i+1, lines[len(lines)-1], want)
				}
			}
			t.Logf("%s: pages by sheet %v", tc.name, perSheet)
			text := squash(string(out))
			for _, sheet := range []string{sheetSummary, sheetCouncil, sheetInputs, sheetAbout, sheetOverflow, sheetTrading} {
				s := b.sheet(sheet)
				if s == nil {
					continue // only with Demand (and Allocations) rows
				}
				for _, c := range s.cells {
					if c.col != 1 || c.t != "inlineStr" && c.t != "s" {
						continue
					}
					if !strings.Contains(text, squash(c.v)) {
						t.Errorf("%s!%s: the label %q is not whole in the printed text", sheet, c.ref, c.v)
					}
				}
			}
		})
	}
}

// The council view recalculates in LibreOffice for each council in turn:
// with its code in C3 and every cached value stripped, LibreOffice's
// figures are the council's own, as the forecast (and --json) gives them.
func TestWorkbookCouncilViewRecalculates(t *testing.T) {
	soffice := findSoffice(t)
	inParallel(t)
	for _, tc := range printCases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			dir := t.TempDir()
			res, _, data := buildCase(t, tc, dir)
			orig := readBook(t, data)
			stripped, _ := stripCachedValues(t, data)
			part := sheetPartOf(t, orig, sheetCouncil)
			first := res.Councils[0].Council.Code
			var ins []string
			for c, cr := range res.Councils {
				copyPath := filepath.Join(dir, fmt.Sprintf("council%d.xlsx", c))
				body := replaceInPart(t, stripped, part, `<c r="C3"`, ">"+xmlText(first)+"<", ">"+xmlText(cr.Council.Code)+"<")
				if err := os.WriteFile(copyPath, body, 0o644); err != nil {
					t.Fatal(err)
				}
				ins = append(ins, copyPath)
			}
			outs := recalcManyWithLibreOffice(t, soffice, ins, filepath.Join(dir, "lo"))
			for c, cr := range res.Councils {
				lo := readBook(t, outs[c])
				s := lo.sheet(sheetCouncil)
				row := func(label string) int {
					for i, l := range (&book{plan: &layout{}}).councilLines() {
						if l.label == label {
							return councilFirstRow + i
						}
					}
					t.Fatalf("no line %q", label)
					return 0
				}
				check := func(label string, col int, want carecast.Money) {
					name, _ := excelize.ColumnNumberToName(col)
					ref := name + strconv.Itoa(row(label))
					cell := s.cell(ref)
					got, ok := 0.0, false
					if cell != nil {
						got, ok = cell.num()
					}
					if !ok || math.Abs(got-penceCell(want.PenceInt())) > 0.005 {
						t.Errorf("%s: Council!%s (%s) = %v, want %s", cr.Council.Code, ref, label, cell, want)
					}
				}
				check(carecast.LabelPledges, 3, cr.Total.Pledges)
				check(carecast.LabelUsedBlock, 3, cr.Total.UsedBlock)
				check(carecast.LabelAttributedCost, 3, cr.Total.AttributedCost)
				check(carecast.LabelSpotAvoided, 3, cr.Total.SpotAvoided)
				check(carecast.LabelSavings, 3, cr.Total.Savings)
				check(carecast.LabelNPV+" (the consortium's NPV shared to the penny)", 3, cr.NPV)
				check(carecast.LabelSettlement+" (positive: paid to the council)", 3, cr.Settlement)
				for y, fy := range cr.Years {
					check(carecast.LabelPledges, 4+y, fy.Pledges)
					check(carecast.LabelAttributedCost, 4+y, fy.AttributedCost)
					check(carecast.LabelSpotAvoided, 4+y, fy.SpotAvoided)
					check(carecast.LabelSavings, 4+y, fy.Savings)
				}
				if name := s.cell("C4"); name == nil || name.v != cr.Council.Name {
					t.Errorf("%s: Council!C4 = %v, want %q", cr.Council.Code, name, cr.Council.Name)
				}
				checks := lo.sheet(sheetChecks)
				if m := checks.cell("C" + strconv.Itoa(checksMasterRow)); m == nil || m.v != "1" && m.v != "TRUE" {
					t.Errorf("%s: the master check does not hold with this council chosen: %v", cr.Council.Code, m)
				}
			}
		})
	}
}

func mustRead(t *testing.T, path string) []byte {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return data
}

// sheetPartOf is the package part that holds a sheet.
func sheetPartOf(t *testing.T, b *xbook, name string) string {
	t.Helper()
	wb := string(b.files["xl/workbook.xml"])
	m := regexp.MustCompile(`<sheet name="` + regexp.QuoteMeta(name) + `" sheetId="\d+" r:id="(rId\d+)"`).FindStringSubmatch(wb)
	if m == nil {
		t.Fatalf("no sheet %q in workbook.xml", name)
	}
	rels := string(b.files["xl/_rels/workbook.xml.rels"])
	r := regexp.MustCompile(`<Relationship Id="` + m[1] + `" [^>]*Target="([^"]+)"`).FindStringSubmatch(rels)
	if r == nil {
		r = regexp.MustCompile(`<Relationship [^>]*Target="([^"]+)"[^>]* Id="` + m[1] + `"`).FindStringSubmatch(rels)
	}
	if r == nil {
		t.Fatalf("no part for %s (%s)", name, m[1])
	}
	return "xl/" + strings.TrimPrefix(r[1], "/xl/")
}

// breakIDs are the ids of a sheet's row or column page breaks (a page
// ends after that row or column).
func breakIDs(t *testing.T, sheetXML, kind string) []int {
	t.Helper()
	m := regexp.MustCompile(`<` + kind + `[^>]*>(.*?)</` + kind + `>`).FindStringSubmatch(sheetXML)
	if m == nil {
		return nil
	}
	var ids []int
	for _, id := range regexp.MustCompile(`<brk id="(\d+)"`).FindAllStringSubmatch(m[1], -1) {
		n, _ := strconv.Atoi(id[1])
		ids = append(ids, n)
	}
	return ids
}

func contains(xs []int, x int) bool {
	for _, y := range xs {
		if y == x {
			return true
		}
	}
	return false
}

// findTool finds a program the test needs, or skips (fails when
// CARECAST_REQUIRE_TOOLS is set) naming the Debian package.
func findTool(t *testing.T, name, pkg string) string {
	t.Helper()
	return testtools.Program(t, pkg, name)
}

// convertWith has LibreOffice convert in to format in outDir and returns
// the path written (the package's shared LibreOffice: testtools).
func convertWith(t *testing.T, soffice, in, format, outDir string) string {
	t.Helper()
	return testtools.LibreOffice(t).Convert(t, format, outDir, in)[0]
}

// recalcManyWithLibreOffice is recalcWithLibreOffice for several files in
// one LibreOffice request, to the shared LibreOffice set to recalculate
// every formula on load.
func recalcManyWithLibreOffice(t *testing.T, soffice string, ins []string, outDir string) [][]byte {
	t.Helper()
	var outs [][]byte
	for _, out := range testtools.LibreOfficeRecalculating(t).Convert(t, "xlsx", outDir, ins...) {
		outs = append(outs, mustRead(t, out))
	}
	return outs
}

// replaceInPart returns a copy of the package with, in part, the first
// old after the first marker replaced by new.
func replaceInPart(t *testing.T, data []byte, part, marker, old, new string) []byte {
	t.Helper()
	return rewritePart(t, data, part, func(body string) string {
		i := strings.Index(body, marker)
		if i < 0 {
			t.Fatalf("%s: no %q", part, marker)
		}
		j := strings.Index(body[i:], old)
		if j < 0 {
			t.Fatalf("%s: no %q after %q", part, old, marker)
		}
		return body[:i+j] + new + body[i+j+len(old):]
	})
}

func xmlText(s string) string {
	var b strings.Builder
	_ = xml.EscapeText(&b, []byte(s))
	return b.String()
}

func nonEmpty(page string) []string {
	var out []string
	for _, l := range strings.Split(page, "\n") {
		if strings.TrimSpace(l) != "" {
			out = append(out, strings.TrimSpace(l))
		}
	}
	return out
}

// squash folds every run of white space to one space.
func squash(s string) string { return strings.Join(strings.Fields(s), " ") }

// rewritePart returns a copy of the package with part's text rewritten.
func rewritePart(t *testing.T, data []byte, part string, rewrite func(string) string) []byte {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	found := false
	for _, f := range zr.File {
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		body, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			t.Fatal(err)
		}
		if f.Name == part {
			body, found = []byte(rewrite(string(body))), true
		}
		w, err := zw.Create(f.Name)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := w.Write(body); err != nil {
			t.Fatal(err)
		}
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	if !found {
		t.Fatalf("no part %s", part)
	}
	return buf.Bytes()
}

func deref[T any](p *T) any {
	if p == nil {
		return nil
	}
	return *p
}
