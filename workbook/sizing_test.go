package workbook

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/carecast/carecast"
	"github.com/carecast/carecast/forecast"
	"github.com/carecast/carecast/inputs"
	"github.com/carecast/carecast/reports"
	"github.com/xuri/excelize/v2"
)

// sizingSweep is a short sweep of examples/demand with risk.
func sizingSweep(t *testing.T) *carecast.Sizing {
	t.Helper()
	s, _, err := inputs.Load("../examples/demand")
	if err != nil {
		t.Fatal(err)
	}
	z, err := forecast.Size(s, forecast.SizeOptions{Min: 33, Max: 42, Risk: true, Runs: 100, Seed: 3})
	if err != nil {
		t.Fatal(err)
	}
	return z
}

// The Sizing sheet holds the sweep, marks the recommended size (the
// highest expected NPV among its own cells) and the size as given, the
// chart has a sheet of its own, the About sheet has the provenance, and
// the same sweep gives the same bytes.
func TestSizingWorkbook(t *testing.T) {
	z := sizingSweep(t)
	var a, b bytes.Buffer
	if err := RenderSizing(&a, z, testProvenance); err != nil {
		t.Fatal(err)
	}
	if err := RenderSizing(&b, z, testProvenance); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(a.Bytes(), b.Bytes()) {
		t.Error("the same sweep gave different bytes")
	}
	f, err := excelize.OpenReader(bytes.NewReader(a.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if got, want := strings.Join(f.GetSheetList(), ","), "Sizing,Sizing chart,About"; got != want {
		t.Errorf("sheets %s, want %s", got, want)
	}
	rows, err := f.GetRows(sheetSizing)
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != sizingHeadRow+len(z.Sizes) {
		t.Fatalf("%d rows, want the headings on row %d and %d sizes", len(rows), sizingHeadRow, len(z.Sizes))
	}
	colOf := map[string]string{}
	for i, h := range rows[sizingHeadRow-1] {
		colOf[h] = colName(i + 1)
	}
	money := func(col string, r int) carecast.Money {
		raw, _ := f.GetCellValue(sheetSizing, col+strconv.Itoa(r), excelize.Options{RawCellValue: true})
		m, err := carecast.ParseMoney(raw)
		if err != nil {
			t.Fatalf("%s%d: %q is not money", col, r, raw)
		}
		return m
	}
	marked := map[string]int{}
	best, bestRooms := carecast.Money{}, -1
	for i, p := range z.Sizes {
		r := sizingHeadRow + 1 + i
		row := rows[r-1]
		if row[0] != strconv.Itoa(p.Rooms) {
			t.Errorf("row %d: rooms %s, want %d", r, row[0], p.Rooms)
		}
		for head, want := range map[string]carecast.Money{
			"NPV (£)": p.NPV, "Savings (£)": p.Savings, "Expected NPV (£)": p.MeanNPV,
			"Void cost (empty rooms) (£)": p.VoidCost, "NPV P10 (£)": p.NPVP10, "NPV P90 (£)": p.NPVP90,
		} {
			if got := money(colOf[head], r); !got.Equal(want) {
				t.Errorf("%d rooms: %s %s, want %s", p.Rooms, head, got, want)
			}
		}
		if mean := money(colOf["Expected NPV (£)"], r); bestRooms < 0 || mean.Cmp(best) > 0 {
			best, bestRooms = mean, p.Rooms
		}
		marked[row[sizingColNote-1]] = p.Rooms
	}
	if bestRooms != z.Recommended {
		t.Errorf("the highest expected NPV on the sheet is at %d rooms; recommended %d", bestRooms, z.Recommended)
	}
	if marked["recommended"] != z.Recommended && marked["recommended, as given"] != z.Recommended {
		t.Errorf("recommended %d not marked: %v", z.Recommended, marked)
	}
	if marked["as given"] != 35 && marked["recommended, as given"] != 35 {
		t.Errorf("the size as given (35) not marked: %v", marked)
	}
	if !strings.Contains(rows[3][0], "Recommended: "+strconv.Itoa(z.Recommended)+" rooms. "+z.Reason) {
		t.Errorf("A4 = %q, want the recommendation and its reason", rows[3][0])
	}
	// The chart is on its own sheet and draws the expected NPV column.
	x := readBook(t, a.Bytes())
	chart := string(x.files["xl/charts/chart1.xml"])
	if !strings.Contains(chart, "Sizing!$"+colOf["Expected NPV (£)"]+"$7:$") {
		t.Errorf("the chart does not draw the expected NPV (column %s)", colOf["Expected NPV (£)"])
	}
	if !strings.Contains(string(x.files[sheetPartOf(t, x, sheetSizingChart)]), "<drawing") {
		t.Error("the chart is not on the Sizing chart sheet")
	}
	// The About sheet: the version, the input's SHA-256 and the prepared date.
	about, _ := f.GetRows(sheetAbout)
	text := fmt.Sprint(about)
	for _, want := range []string{testProvenance.Version, testProvenance.Digests[0].SHA256, testProvenance.Prepared.Long(), z.Scenario} {
		if !strings.Contains(text, want) {
			t.Errorf("the About sheet lacks %q", want)
		}
	}
	core := string(x.files["docProps/core.xml"])
	if !strings.Contains(core, ">2026-11-29T00:00:00Z</dcterms:created>") {
		t.Errorf("created is not the prepared date: %s", core)
	}
	// Every sheet prints as the forecast workbook's do.
	names := map[string]string{}
	for _, dn := range f.GetDefinedName() {
		names[dn.Scope+"|"+dn.Name] = dn.RefersTo
	}
	for _, sheet := range f.GetSheetList() {
		pl, _ := f.GetPageLayout(sheet)
		if pl.Orientation == nil || *pl.Orientation != "landscape" || pl.Size == nil || *pl.Size != 9 {
			t.Errorf("%s: not A4 landscape", sheet)
		}
		props, _ := f.GetSheetProps(sheet)
		fitted := props.FitToPage != nil && *props.FitToPage && pl.FitToWidth != nil && *pl.FitToWidth == 1
		scaled := pl.AdjustTo != nil && *pl.AdjustTo >= minScale && *pl.AdjustTo <= 100
		if !fitted && !scaled {
			t.Errorf("%s: neither fitted a page wide nor at %d%% or more", sheet, minScale)
		}
		hf, _ := f.GetHeaderFooter(sheet)
		if !strings.Contains(hf.OddHeader, headerText(z.Scenario)) || !strings.HasSuffix(hf.OddHeader, "&R"+headerText(sheet)) ||
			!strings.Contains(hf.OddFooter, "&CPage &P of &N") {
			t.Errorf("%s: header %q footer %q", sheet, hf.OddHeader, hf.OddFooter)
		}
		if names[sheet+"|_xlnm.Print_Area"] == "" {
			t.Errorf("%s: no print area", sheet)
		}
	}
	if got := names[sheetSizing+"|_xlnm.Print_Titles"]; got != "'Sizing'!$6:$6" {
		t.Errorf("Sizing: print titles %q, want the headings", got)
	}
}

// Printed through LibreOffice, every page of the sizing workbook has the
// scenario and its sheet in the header and "Page N of M" in the footer;
// the chart has one page to itself; the marks and the headings are whole.
func TestSizingWorkbookPrintsInLibreOffice(t *testing.T) {
	soffice := findSoffice(t)
	inParallel(t)
	pdftotext := findTool(t, "pdftotext", "poppler-utils")
	z := sizingSweep(t)
	dir := t.TempDir()
	path := filepath.Join(dir, SizingFileName)
	var buf bytes.Buffer
	if err := RenderSizing(&buf, z, testProvenance); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	pdf := convertWith(t, soffice, path, "pdf", filepath.Join(dir, "pdf"))
	out, err := exec.Command(pdftotext, "-layout", pdf, "-").Output()
	if err != nil {
		t.Fatal(err)
	}
	pages := strings.Split(strings.TrimRight(string(out), "\f"), "\f")
	perSheet := map[string]int{}
	sizingPage := ""
	for i, page := range pages {
		lines := nonEmpty(page)
		if len(lines) < 2 {
			t.Fatalf("page %d: empty", i+1)
		}
		sheet := ""
		for _, l := range lines {
			if strings.HasPrefix(l, z.Scenario) {
				for _, s := range []string{sheetSizing, sheetSizingChart, sheetAbout} {
					if strings.HasSuffix(l, " "+s) {
						sheet = s
					}
				}
				break
			}
		}
		if sheet == "" {
			t.Errorf("page %d: no header with the scenario and a sheet", i+1)
		}
		perSheet[sheet]++
		if sheet == sheetSizing {
			sizingPage = page
		}
		if want := fmt.Sprintf("Page %d of %d", i+1, len(pages)); !strings.Contains(lines[len(lines)-1], want) {
			t.Errorf("page %d: footer %q lacks %q", i+1, lines[len(lines)-1], want)
		}
	}
	t.Logf("%d pages: %v", len(pages), perSheet)
	if perSheet[sheetSizingChart] != 1 || perSheet[sheetSizing] != 1 || perSheet[sheetAbout] != 1 {
		t.Errorf("pages by sheet %v, want one each (ten sizes fit a page)", perSheet)
	}
	// The marks whole; the headings wrap, so each of their words whole.
	text := squash(string(out))
	words := map[string]bool{}
	for _, w := range strings.Fields(text) {
		words[w] = true
	}
	for _, want := range []string{"recommended", "as given"} {
		if !strings.Contains(text, want) {
			t.Errorf("the printed text lacks %q whole", want)
		}
	}
	// The mark in the Sizing sheet's Note column, not cut by the width of
	// its column ("recommende" over "d"); the chart's title has it too.
	if !slices.Contains(strings.Fields(sizingPage), "recommended") {
		t.Errorf("the Sizing page lacks the mark %q whole:\n%s", "recommended", sizingPage)
	}
	for _, c := range sizingColumns(reports.Sizing(z, reports.Options{Exact: true})) {
		for _, w := range strings.Fields(c.head) {
			if !words[w] {
				t.Errorf("the heading %q: the word %q is not whole in the printed text", c.head, w)
			}
		}
	}
}
