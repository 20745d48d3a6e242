package workbook

import (
	"bytes"
	"strconv"
	"testing"

	"github.com/carecast/carecast"
	"github.com/carecast/carecast/forecast"
	"github.com/carecast/carecast/inputs"
	"github.com/xuri/excelize/v2"
)

// The Sizing sheet holds the sweep, marks the recommended size and the
// size as given, has its chart, and the same sweep gives the same bytes.
func TestSizingWorkbook(t *testing.T) {
	s, _, err := inputs.Load("../examples/demand")
	if err != nil {
		t.Fatal(err)
	}
	z, err := forecast.Size(s, forecast.SizeOptions{Min: 33, Max: 42, Risk: true, Runs: 100, Seed: 3})
	if err != nil {
		t.Fatal(err)
	}
	var a, b bytes.Buffer
	if err := RenderSizing(&a, z); err != nil {
		t.Fatal(err)
	}
	if err := RenderSizing(&b, z); err != nil {
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
	rows, err := f.GetRows(sheetSizing)
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 4+len(z.Sizes) {
		t.Fatalf("%d rows, want the header on row 4 and %d sizes", len(rows), len(z.Sizes))
	}
	marked := map[string]int{}
	for i, p := range z.Sizes {
		row := rows[4+i]
		if row[0] != strconv.Itoa(p.Rooms) {
			t.Errorf("row %d: rooms %s, want %d", 5+i, row[0], p.Rooms)
		}
		raw, _ := f.GetCellValue(sheetSizing, "C"+strconv.Itoa(5+i), excelize.Options{RawCellValue: true})
		if got, _ := carecast.ParseMoney(raw); !got.Equal(p.NPV) {
			t.Errorf("%d rooms: NPV %s, want %s", p.Rooms, raw, p.NPV)
		}
		marked[row[len(row)-1]] = p.Rooms
	}
	if marked["recommended"] != z.Recommended && marked["recommended, as given"] != z.Recommended {
		t.Errorf("recommended %d not marked: %v", z.Recommended, marked)
	}
	if marked["as given"] != 35 && marked["recommended, as given"] != 35 {
		t.Errorf("the size as given (35) not marked: %v", marked)
	}
	if !bytes.Contains(a.Bytes(), []byte("xl/charts/chart1.xml")) {
		t.Error("no chart in the workbook")
	}
	if b, _ := f.GetCellValue(sheetSizing, "L4"); b != "Expected NPV (£)" {
		t.Errorf("L4 = %q, want the expected NPV the chart draws", b)
	}
}
