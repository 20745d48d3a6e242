package workbook

import (
	"strings"
	"testing"

	"github.com/carecast/carecast"
	"github.com/carecast/carecast/inputs"
	"github.com/shopspring/decimal"
	"github.com/xuri/excelize/v2"
)

// The Timeline and the Pooled fund shade the actual months and head them
// Actual (issue 19 item 2): with Actuals rows for the first 15 months of
// the built-in scenario (its running costs, April 2019 to June 2020),
// row 12 heads each month Actual or Forecast, 2019/20 Actual, 2020/21 "3
// actual months" and the whole horizon "15 actual months"; every figure
// of an actual month stands on grey and no forecast month's does; the
// note names the as-at date. Without Actuals, row 12 is empty.
func TestTimelineShadesActualMonths(t *testing.T) {
	s := inputs.BuiltInScenario()
	const actual = 15
	for m := range actual {
		s.Actuals = append(s.Actuals, carecast.Actual{Month: s.Assumptions.StartDate.AddMonths(m),
			Item: carecast.ActualOtherCosts, Council: -1, Value: decimal.NewFromInt(1000)})
	}
	res, p, _ := buildWorkbook(t, s, t.TempDir())
	if res.ActualMonths() != actual {
		t.Fatalf("%d actual months, want %d", res.ActualMonths(), actual)
	}
	f, err := excelize.OpenFile(p)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	nY, nM := len(res.Years), len(res.Months)
	colFY0 := 7
	colM0 := colFY0 + nY + 1
	grey := func(sheet, ref string) bool {
		id, err := f.GetCellStyle(sheet, ref)
		if err != nil {
			t.Fatal(err)
		}
		st, err := f.GetStyle(id)
		if err != nil {
			t.Fatal(err)
		}
		return len(st.Fill.Color) == 1 && strings.EqualFold(st.Fill.Color[0], colourActual)
	}
	for _, sheet := range []string{sheetTimeline, sheetFund} {
		get := func(col, row int) string {
			v, err := f.GetCellValue(sheet, cell(col, row).String())
			if err != nil {
				t.Fatal(err)
			}
			return v
		}
		if got := get(1, rowActual); got != "Actual or forecast (actual months shaded)" {
			t.Errorf("%s!A%d = %q", sheet, rowActual, got)
		}
		for want, col := range map[string]int{"15 actual months": 5, "Actual": colFY0, "3 actual months": colFY0 + 1, "Forecast": colFY0 + 2} {
			if got := get(col, rowActual); got != want {
				t.Errorf("%s!%s = %q, want %q", sheet, cell(col, rowActual), got, want)
			}
		}
		note := get(1, 2)
		if !strings.Contains(note, "Actual months (15, to the as-at date 30 June 2020) are shaded grey") {
			t.Errorf("%s: the note %q does not say which months are actual", sheet, note)
		}
		// Every written cell of a month column, the axis down: grey in
		// an actual month, not in a forecast one.
		rows, err := f.GetRows(sheet)
		if err != nil {
			t.Fatal(err)
		}
		shaded := 0
		for r := rowStart; r <= len(rows); r++ {
			for m := range nM {
				c := colM0 + m
				if c > len(rows[r-1]) || rows[r-1][c-1] == "" {
					continue
				}
				ref := cell(c, r).String()
				want := m < actual
				if r == rowActual {
					if w := map[bool]string{true: "Actual", false: "Forecast"}[want]; rows[r-1][c-1] != w {
						t.Errorf("%s!%s = %q, want %q", sheet, ref, rows[r-1][c-1], w)
					}
				}
				if got := grey(sheet, ref); got != want {
					t.Errorf("%s!%s (month %d): shaded %v, want %v", sheet, ref, m+1, got, want)
				}
				if want {
					shaded++
				}
			}
		}
		if shaded < actual*5 {
			t.Errorf("%s: %d cells shaded in the actual months; want a column of figures each", sheet, shaded)
		}
	}

	// Without Actuals: nothing in row 12, nothing shaded.
	_, p, _ = buildWorkbook(t, inputs.BuiltInScenario(), t.TempDir())
	g, err := excelize.OpenFile(p)
	if err != nil {
		t.Fatal(err)
	}
	defer g.Close()
	for _, sheet := range []string{sheetTimeline, sheetFund} {
		rows, err := g.GetRows(sheet)
		if err != nil {
			t.Fatal(err)
		}
		for _, v := range rows[rowActual-1] {
			if v != "" {
				t.Errorf("%s: row %d holds %q without Actuals", sheet, rowActual, v)
			}
		}
	}
}
