package paper

import (
	"strings"
	"testing"

	"github.com/carecast/carecast"
	"github.com/carecast/carecast/forecast"
	"github.com/carecast/carecast/inputs"
	"github.com/shopspring/decimal"
)

// With Actuals to 31 December 2020 (issue 19 item 2), the built-in
// scheme's months April 2019 to December 2020 are actual: 2019/20 whole
// (12 months), 2020/21 to December (9 of its 12: part actual), 21 in
// all. The paper's tables by financial year say so, and a note under the
// budget table names the as-at date; the years after read as before.
func TestPaperPastYearsSayActual(t *testing.T) {
	s := inputs.BuiltInScenario()
	// A month is actual when an Actuals row names it: the running costs
	// of each month April 2019 to December 2020, nil.
	for m := carecast.NewDate(2019, 4, 1); m.Before(carecast.NewDate(2021, 1, 1)); m = m.AddMonths(1) {
		s.Actuals = append(s.Actuals, carecast.Actual{Month: m, Item: carecast.ActualOtherCosts, Council: -1, Value: decimal.Zero})
	}
	res, err := forecast.Run(s)
	if err != nil {
		t.Fatal(err)
	}
	if n := res.ActualMonths(); n != 21 {
		t.Fatalf("%d actual months, want 21", n)
	}
	in := Inputs{Result: res, Provenance: Provenance{Version: "v0.0.0-test", Prepared: carecast.NewDate(2025, 11, 29)}}
	for _, code := range []string{"HAV", Consortium} {
		p, err := BuildOne(in, code)
		if err != nil {
			t.Fatal(err)
		}
		want := []string{"2019/20 actual", "2020/21 part actual", "2021/22", "2022/23", "2023/24", "2024/25", "2025/26", "2026/27"}
		// The budget table's years are its columns; Appendix A's its rows.
		if got := findTable(t, p, "Table 3").Header; strings.Join(got[1:len(got)-1], "|") != strings.Join(want, "|") {
			t.Errorf("%s Table 3: years %q, want %q", code, got, want)
		}
		var years []string
		for _, row := range findTable(t, p, "Table A1").Rows {
			years = append(years, row[0])
		}
		if strings.Join(years, "|") != strings.Join(want, "|") {
			t.Errorf("%s Table A1: years %q, want %q", code, years, want)
		}
		found := false
		for _, bl := range p.Blocks {
			if para, ok := bl.(Para); ok && para.Note && strings.Contains(para.Text, "The years marked actual are the figures recorded to 31 December 2020 (the as-at date, 21 months of Actuals); the rest is forecast.") {
				found = true
			}
		}
		if !found {
			t.Errorf("%s: no note names the as-at date", code)
		}
	}
	// Without an as-at date nothing says actual.
	p, err := BuildOne(builtIn(), "HAV")
	if err != nil {
		t.Fatal(err)
	}
	var text strings.Builder
	for _, tb := range p.Tables() {
		for _, row := range tb.Rows {
			text.WriteString(strings.Join(row, " "))
		}
	}
	if strings.Contains(text.String(), "actual") {
		t.Errorf("without actuals a table says actual")
	}
}
