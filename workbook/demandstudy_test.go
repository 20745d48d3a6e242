package workbook

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/carecast/carecast"
	"github.com/xuri/excelize/v2"
)

// demandStudy is a study of two councils by hand: Alpha with about a
// dozen children in K2, Beta with about three; a year of returns to March
// 2022, a year projected.
func demandStudy() *carecast.DemandStudy {
	s := &carecast.DemandStudy{Places: []string{"K2"}, PlaceCodes: carecast.DefaultPlaceCodes(), Runs: 100, Seed: 1,
		States: []string{"K2", "Foster placements"}, Bands: []string{"under 1", "1 to 4", "5 to 9", "10 to 15", "16 and over"},
		Start: carecast.NewDate(2022, time.April, 1), Years: 1, End: carecast.NewDate(2023, time.March, 31)}
	grid := func(v int) [][]int {
		g := make([][]int, 5)
		for a := range g {
			g[a] = []int{v, 0}
		}
		return g
	}
	for i, base := range []float64{12, 3.2} {
		c := carecast.CouncilDemand{Code: []string{"ALP", "BET"}[i], Name: []string{"Alpha", "Beta"}[i],
			First: carecast.NewDate(2021, time.April, 1), Last: carecast.NewDate(2022, time.March, 31),
			ReferenceFrom: carecast.NewDate(2021, time.April, 1), ReferenceTo: carecast.NewDate(2022, time.March, 30)}
		c.Flows = carecast.DemandFlows{Days: 364, ChildDays: grid(int(base * 364)), Entries: grid(int(base)), Exits: grid(int(base) - 1), AgeUps: grid(0)}
		for a := 0; a < 5; a++ {
			c.Flows.Moves = append(c.Flows.Moves, [][]int{{0, 2}, {1, 0}})
		}
		for m := 0; m < 12; m++ {
			month := carecast.NewDate(2021, time.April, 1).AddMonths(m)
			c.History = append(c.History, carecast.DemandMonth{Month: month, Days: 30, Children: base, OutOfArea: base / 2, Over20Miles: base / 3, Starts: 1, Ends: 1})
			c.Projection = append(c.Projection, carecast.ProjectedMonth{Month: month.AddMonths(12), Expected: base + 0.5, P10: base - 1.5, P90: base + 2.5})
		}
		s.Councils = append(s.Councils, c)
	}
	for m := 0; m < 24; m++ {
		month := carecast.NewDate(2021, time.April, 1).AddMonths(m)
		cm := carecast.ConsortiumMonth{Month: month, Projected: m >= 12}
		for _, c := range s.Councils {
			v, _ := c.Placements(month)
			cm.Value += v
		}
		cm.P10, cm.P90 = cm.Value-1, cm.Value+1
		s.Consortium = append(s.Consortium, cm)
	}
	return s
}

func renderDemandStudy(t *testing.T) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := RenderDemandStudy(&b, demandStudy(), "Test scenario", testProvenance); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// The Demand sheet by council and financial year: Alpha's figures, and
// Beta's below 5 written "fewer than 5", never as a number; the same on
// every sheet; the same study, the same bytes.
func TestDemandStudyWorkbook(t *testing.T) {
	data := renderDemandStudy(t)
	if again := renderDemandStudy(t); !bytes.Equal(data, again) {
		t.Error("the same study gave different bytes")
	}
	f, err := excelize.OpenReader(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if got := strings.Join(f.GetSheetList(), "|"); got != "Demand|Demand by month|Rates|PLACE codes|About" {
		t.Errorf("sheets %s", got)
	}
	rows, _ := f.GetRows(sheetDemandYears)
	find := func(council, fy string) []string {
		for _, r := range rows {
			if len(r) > 1 && r[0] == council && r[1] == fy {
				return r
			}
		}
		t.Fatalf("no row for %s %s", council, fy)
		return nil
	}
	// Alpha 2021/22 from the returns: 12 at once, 6 outside the area, 4
	// over 20 miles, 12 stays begun and ended; 2022/23 projected 12.5
	// (10.5 to 14.5).
	if got := strings.Join(find("Alpha", "2021/22"), "|"); got != "Alpha|2021/22|12.00|-|-|-|6.00|fewer than 5|12|12" {
		t.Errorf("Alpha 2021/22: %s", got)
	}
	if got := strings.Join(find("Alpha", "2022/23"), "|"); got != "Alpha|2022/23|-|12.50|10.50|14.50|-|-|-|-" {
		t.Errorf("Alpha 2022/23: %s", got)
	}
	if got := strings.Join(find("Beta", "2021/22"), "|"); got != "Beta|2021/22|fewer than 5|-|-|-|fewer than 5|fewer than 5|12|12" {
		t.Errorf("Beta 2021/22: %s", got)
	}
	if got := strings.Join(find("Beta", "2022/23"), "|"); got != "Beta|2022/23|-|fewer than 5|fewer than 5|5.70|-|-|-|-" {
		t.Errorf("Beta 2022/23: %s", got)
	}
	if got := strings.Join(find("All councils", "2022/23"), "|"); got != "All councils|2022/23|-|16.20|15.20|17.20" {
		t.Errorf("All councils 2022/23: %s", got)
	}
	// No sheet holds Beta's small figures as numbers.
	for _, sheet := range f.GetSheetList() {
		rs, _ := f.GetRows(sheet)
		for _, r := range rs {
			if len(r) == 0 || r[0] != "Beta" {
				continue
			}
			for _, v := range r[1:] {
				for _, small := range []string{"3.20", "1.60", "1.07", "3.70", "1.70", "2.00", "1.00"} {
					if v == small {
						t.Errorf("%s: Beta's row %v holds %s", sheet, r, small)
					}
				}
			}
		}
	}
	rates, _ := f.GetRows(sheetDemandRates)
	for _, r := range rates {
		if len(r) > 4 && r[0] == "Beta" && (r[4] != "fewer than 5" || r[5] != "fewer than 5") {
			t.Errorf("Rates: Beta's counts %v; want fewer than 5", r)
		}
		if len(r) > 8 && r[0] == "Alpha" && r[2] == "10 to 15" && (r[3] != "4368" || r[4] != "12" || r[7] != "11" || r[8] != "12.04") {
			t.Errorf("Rates: Alpha at 10 to 15 %v; want 4,368 child-days, 12 entries, 11 leaving, 12.04 entries a year", r)
		}
	}
}

// Printed through LibreOffice, every page has the scenario and its sheet
// in the header and "Page N of M" in the footer, and no page is blank.
func TestDemandStudyWorkbookPrintsInLibreOffice(t *testing.T) {
	soffice := findSoffice(t)
	inParallel(t)
	pdftotext := findTool(t, "pdftotext", "poppler-utils")
	dir := t.TempDir()
	path := filepath.Join(dir, DemandStudyFileName)
	if err := os.WriteFile(path, renderDemandStudy(t), 0o644); err != nil {
		t.Fatal(err)
	}
	pdf := convertWith(t, soffice, path, "pdf", filepath.Join(dir, "pdf"))
	out, err := exec.Command(pdftotext, "-layout", pdf, "-").Output()
	if err != nil {
		t.Fatal(err)
	}
	pages := strings.Split(strings.TrimRight(string(out), "\f"), "\f")
	if len(pages) < 5 {
		t.Errorf("%d pages; want one a sheet at least", len(pages))
	}
	for i, page := range pages {
		if !strings.Contains(page, "Test scenario") || !strings.Contains(page, "Page "+itoa(i+1)+" of "+itoa(len(pages))) {
			t.Errorf("page %d lacks its header or footer:\n%s", i+1, page)
		}
	}
	if !strings.Contains(string(out), "fewer than 5") || !strings.Contains(string(out), "Children at once in K2 placements, by council and financial year") {
		t.Error("the printed workbook lacks its title or its small counts")
	}
}
