package inputs

import (
	"fmt"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"
)

// bigWorkbook writes a valid workbook whose Occupancy sheet has n rows: 50
// councils over 30 years, each with a row every five days, stored as a
// spreadsheet program stores them (date cells as serial numbers with a
// date format, council names as shared strings).
func bigWorkbook(b testing.TB, n int) string {
	b.Helper()
	const councils = 50
	f := excelize.NewFile()
	defer f.Close()
	must := func(err error) {
		if err != nil {
			b.Fatal(err)
		}
	}
	dateFmt := "dd/mm/yyyy"
	dateStyle, err := f.NewStyle(&excelize.Style{CustomNumFmt: &dateFmt})
	must(err)
	start := 43556 // 2019-04-01
	sheet := func(name string, rows [][]any) {
		_, err := f.NewSheet(name)
		must(err)
		for i, r := range rows {
			cell, _ := excelize.CoordinatesToCellName(1, i+1)
			must(f.SetSheetRow(name, cell, &r))
		}
	}
	// Dates outside the stream are plain number cells: their format does
	// not change what is stored.
	date := func(serial int) int { return serial }
	sheet("Assumptions", [][]any{{"setting", "value"}, {"start_date", date(start)}, {"years", 30}, {"block_weekly_price", 3000}})
	code := func(c int) string { return fmt.Sprintf("C%02d", c) }
	councilRows := [][]any{{"code", "name"}}
	pledges := [][]any{{"council", "from", "to", "annual_amount"}}
	spots := [][]any{{"council", "from", "weekly_cost", "annual_inflation"}}
	for c := range councils {
		councilRows = append(councilRows, []any{code(c), "Council " + code(c)})
		pledges = append(pledges, []any{code(c), date(start), date(start + 10956), 650000})
		spots = append(spots, []any{code(c), date(start), 4000, 0.05})
	}
	sheet("Councils", councilRows)
	sheet("Pledges", pledges)
	sheet("SpotCosts", spots)
	sheet("Rooms", [][]any{{"from", "rooms"}, {date(start), 1000}})
	_, err = f.NewSheet("Occupancy")
	must(err)
	sw, err := f.NewStreamWriter("Occupancy")
	must(err)
	must(sw.SetRow("A1", []any{"council", "from", "rooms_occupied"}))
	for i := range n {
		c, k := i%councils, i/councils
		cell, _ := excelize.CoordinatesToCellName(1, i+2)
		// 0 to 9.5 rooms each: at most 500 of the 1000 rooms.
		must(sw.SetRow(cell, []any{code(c), excelize.Cell{StyleID: dateStyle, Value: start + 5*k}, float64((i*7)%20) / 2}))
	}
	must(sw.Flush())
	must(f.DeleteSheet("Sheet1"))
	p := filepath.Join(b.TempDir(), "big.xlsx")
	must(f.SaveAs(p))
	return p
}

// peakHeap samples the heap in use while fn runs and returns the most seen,
// after collecting what came before.
func peakHeap(fn func()) uint64 {
	runtime.GC()
	var peak uint64
	var mu sync.Mutex
	done := make(chan struct{})
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		var m runtime.MemStats
		for {
			runtime.ReadMemStats(&m)
			mu.Lock()
			peak = max(peak, m.HeapInuse)
			mu.Unlock()
			select {
			case <-done:
				return
			case <-time.After(5 * time.Millisecond):
			}
		}
	}()
	fn()
	close(done)
	wg.Wait()
	return peak
}

// BenchmarkLoad100kOccupancy reads and validates a workbook with a
// 100,000-row Occupancy sheet (issue 3: under 3 s and 300 MB). peak-heap-MB
// is the most heap in use seen during a run.
func BenchmarkLoad100kOccupancy(b *testing.B) {
	p := bigWorkbook(b, 100000)
	b.ReportAllocs()
	var peak uint64
	for b.Loop() {
		peak = max(peak, peakHeap(func() {
			s, _, err := Load(p)
			if err != nil {
				b.Fatal(err)
			}
			if len(s.Occupancy) != 100000 {
				b.Fatalf("%d occupancy rows, want 100000", len(s.Occupancy))
			}
		}))
	}
	b.ReportMetric(float64(peak)/(1<<20), "peak-heap-MB")
}

// BenchmarkLoadCSV100kOccupancy is the same scenario as CSV files.
func BenchmarkLoadCSV100kOccupancy(b *testing.B) {
	files := with(nil)
	var occ strings.Builder
	occ.WriteString("council,from,rooms_occupied\n")
	councils := strings.Builder{}
	councils.WriteString("code,name\n")
	spots := strings.Builder{}
	spots.WriteString("council,from,weekly_cost,annual_inflation\n")
	pledges := strings.Builder{}
	pledges.WriteString("council,from,to,annual_amount\n")
	for c := range 50 {
		fmt.Fprintf(&councils, "C%02d,Council C%02d\n", c, c)
		fmt.Fprintf(&spots, "C%02d,2019-04-01,4000,5%%\n", c)
		fmt.Fprintf(&pledges, "C%02d,2019-04-01,2049-03-31,650000\n", c)
	}
	for i := range 100000 {
		c, k := i%50, i/50
		d := date(2019, 4, 1).AddDays(5 * k)
		fmt.Fprintf(&occ, "C%02d,%s,%s\n", c, d.UK(), fmt.Sprint(float64((i*7)%20)/2))
	}
	files["assumptions.csv"] = "setting,value\nstart_date,2019-04-01\nyears,30\nblock_weekly_price,3000\n"
	files["councils.csv"] = councils.String()
	files["pledges.csv"] = pledges.String()
	files["spotcosts.csv"] = spots.String()
	files["rooms.csv"] = "from,rooms\n2019-04-01,1000\n"
	files["occupancy.csv"] = occ.String()
	delete(files, "grants.csv")
	delete(files, "costs.csv")
	dir := writeFolder(b, files)
	b.ReportAllocs()
	for b.Loop() {
		if _, _, err := Load(dir); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkLoadCSVDemandRows reads and validates a CSV folder whose Demand
// file has 200,000 rows (92 councils, a row a day each), the shape of
// issue 18's million-row input, and reports the memory a table row takes:
// B/row allocated in all, and peak-B/row, the most heap in use during a
// run over the rows (the target: under 2 KB a row, so that MaxRows rows
// are validated within 1.5 GB).
func BenchmarkLoadCSVDemandRows(b *testing.B) {
	const councils, rows = 92, 200_000
	var cs, pl, sp, dm strings.Builder
	cs.WriteString("code,name\n")
	pl.WriteString("council,from,to,annual_amount\n")
	sp.WriteString("council,from,weekly_cost,annual_inflation\n")
	dm.WriteString("council,from,placements\n")
	for c := range councils {
		fmt.Fprintf(&cs, "C%d,Council %d\n", c, c)
		fmt.Fprintf(&pl, "C%d,2019-04-01,2049-03-31,100000\n", c)
		fmt.Fprintf(&sp, "C%d,2019-04-01,4000,2%%\n", c)
	}
	for i := range rows {
		fmt.Fprintf(&dm, "C%d,%s,1.5\n", i%councils, date(2019, 4, 1).AddDays(i/councils))
	}
	dir := writeFolder(b, map[string]string{
		"assumptions.csv": "setting,value\nstart_date,2019-04-01\nyears,30\nblock_weekly_price,3000\n",
		"councils.csv":    cs.String(), "pledges.csv": pl.String(), "spotcosts.csv": sp.String(),
		"rooms.csv": "from,rooms\n2019-04-01,200\n", "demand.csv": dm.String(),
	})
	b.ReportAllocs()
	var peak uint64
	var alloc uint64
	for b.Loop() {
		var m0, m1 runtime.MemStats
		runtime.ReadMemStats(&m0)
		peak = max(peak, peakHeap(func() {
			s, _, err := Load(dir)
			if err != nil {
				b.Fatal(err)
			}
			if len(s.Demand) != rows {
				b.Fatalf("%d demand rows, want %d", len(s.Demand), rows)
			}
		}))
		runtime.ReadMemStats(&m1)
		alloc = m1.TotalAlloc - m0.TotalAlloc
	}
	b.ReportMetric(float64(alloc)/rows, "B/row")
	b.ReportMetric(float64(peak)/rows, "peak-B/row")
}
