package workbook

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/carecast/carecast"
	"github.com/carecast/carecast/forecast"
	"github.com/carecast/carecast/inputs"
	"github.com/carecast/carecast/monitor"
	"github.com/shopspring/decimal"
	"github.com/xuri/excelize/v2"
)

// monitoringCase is a report on the built-in scenario at 30 November
// 2020: its outturn a variation (higher running costs, Havering's
// pledges a tenth lower, occupancy a tenth lower from 1 June 2020), the
// previous report's outturn the plan's, so that every column has figures.
func monitoringCase(t testing.TB, previous bool) *carecast.Monitoring {
	t.Helper()
	s := inputs.BuiltInScenario()
	rb, err := forecast.Run(s)
	if err != nil {
		t.Fatal(err)
	}
	v := *s
	v.Costs = []carecast.Cost{{Description: "Commissioning team", From: s.Assumptions.StartDate, To: s.Assumptions.End(), AnnualAmount: carecast.MustMoney("123456.78")}}
	v.Pledges = append([]carecast.Pledge(nil), s.Pledges...)
	v.Pledges[0].AnnualAmount = carecast.MustMoney("585000")
	for c := range s.Councils {
		// Occupancy falls to 80% of the rooms from 1 June 2020 (by share).
		v.Occupancy = append(v.Occupancy,
			carecast.OccupancyRow{Council: c, From: s.Assumptions.StartDate, RoomsOccupied: decimal.RequireFromString("1.35")},
			carecast.OccupancyRow{Council: c, From: carecast.Date{Year: 2020, Month: 6, Day: 1}, RoomsOccupied: decimal.RequireFromString("2.4")})
	}
	ro, err := forecast.Run(&v)
	if err != nil {
		t.Fatal(err)
	}
	o := monitor.Options{AsAt: carecast.Date{Year: 2020, Month: 11, Day: 30}, Thresholds: s.Assumptions.RAG}
	if previous {
		pm, err := monitor.Build(s.Assumptions.Scenario, s.Councils, monitor.FromResult(rb, monitor.Plan), monitor.FromResult(rb, "o"),
			monitor.Options{AsAt: carecast.Date{Year: 2020, Month: 10, Day: 31}, Thresholds: s.Assumptions.RAG})
		if err != nil {
			t.Fatal(err)
		}
		o.Previous = monitor.PreviousOf(pm)
	}
	m, err := monitor.Build(s.Assumptions.Scenario, s.Councils, monitor.FromResult(rb, monitor.Plan), monitor.FromResult(ro, "o"), o)
	if err != nil {
		t.Fatal(err)
	}
	return m
}

func renderMonitoring(t testing.TB, m *carecast.Monitoring) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := RenderMonitoring(&b, m, carecast.Provenance{Version: "carecast test", Prepared: carecast.Date{Year: 2020, Month: 12, Day: 10}}); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// TestMonitoringWorkbookValues: the Monitoring sheet's figures are the
// report's, the checks hold, and the same report gives the same bytes.
func TestMonitoringWorkbookValues(t *testing.T) {
	m := monitoringCase(t, true)
	data := renderMonitoring(t, m)
	if again := renderMonitoring(t, m); !bytes.Equal(data, again) {
		t.Error("the same report gave different bytes")
	}
	f, err := excelize.OpenReader(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	want := []string{sheetMonitoring, sheetMonCouncil, sheetMonChart, sheetMonChecks, sheetMonFigures, sheetAbout}
	if got := f.GetSheetList(); strings.Join(got, ",") != strings.Join(want, ",") {
		t.Errorf("sheets %v, want %v", got, want)
	}
	rows, err := f.GetRows(sheetMonitoring, excelize.Options{RawCellValue: true})
	if err != nil {
		t.Fatal(err)
	}
	// Every line of the report is on the sheet where planned, its figures
	// to the penny, its label and council as the report has them.
	b := &mbook{m: m, nM: len(m.Outturn.Months), nC: len(m.Councils), prevs: true}
	b.keyCol, b.lastMCol = mcMovement+1, mcMovement
	b.plan()
	for _, v := range m.Lines {
		label, who := v.Line.Label(), carecast.LabelConsortium
		if v.Council >= 0 {
			label, who = v.Line.CouncilLabel(), m.Councils[v.Council].Label()
		}
		r := rows[b.monRow(v.Scope, v.Council, v.Line)-1]
		if r[0] != label || r[1] != who || r[b.keyCol-1] != v.Line.Key() {
			t.Errorf("%s %s %s: the row is %q %q %q", v.Scope, who, label, r[0], r[1], r[b.keyCol-1])
			continue
		}
		for k, x := range lineFigures(&v) {
			if got, err := decimal.NewFromString(r[mcBudget-1+k]); err != nil || !got.Round(2).Equal(x.Decimal()) {
				t.Errorf("%s %s %s: column %d is %s, want %s", v.Scope, who, label, mcBudget+k, r[mcBudget-1+k], x)
			}
		}
		if got := r[mcRAG-1]; got != v.RAG.Word() {
			t.Errorf("%s %s %s: RAG %s, want %s", v.Scope, who, label, got, v.RAG.Word())
		}
		if got := r[mcFavour-1]; got != v.Favour().String() {
			t.Errorf("%s %s %s: %s, want %s", v.Scope, who, label, got, v.Favour())
		}
		if v.HasMovement {
			if got, err := decimal.NewFromString(r[mcMovement-1]); err != nil || !got.Round(2).Equal(v.Movement.Decimal()) {
				t.Errorf("%s %s %s: movement %s, want %s", v.Scope, who, label, r[mcMovement-1], v.Movement)
			}
		}
	}
	if v, _ := f.GetCellValue(sheetMonitoring, cell(3, monRowMaster).String()); v != "TRUE" {
		t.Errorf("master check %q", v)
	}
}

// TestMonitoringWorkbookLibreOffice has LibreOffice recompute every
// formula from scratch (the cached values stripped) and compares each
// with the value carecast wrote, to the penny.
func TestMonitoringWorkbookLibreOffice(t *testing.T) {
	soffice := findSoffice(t)
	inParallel(t)
	for _, previous := range []bool{false, true} {
		dir := t.TempDir()
		data := renderMonitoring(t, monitoringCase(t, previous))
		orig := readBook(t, data)
		stripped, n := stripCachedValues(t, data)
		if n == 0 {
			t.Fatal("no formula values to strip")
		}
		in := filepath.Join(dir, "stripped.xlsx")
		if err := os.WriteFile(in, stripped, 0o644); err != nil {
			t.Fatal(err)
		}
		lo := readBook(t, recalcWithLibreOffice(t, soffice, in, filepath.Join(dir, "lo")))
		compareRecalculated(t, orig, lo)
	}
}
