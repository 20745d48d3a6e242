package workbook

import (
	"testing"

	"github.com/carecast/carecast"
	"github.com/shopspring/decimal"
)

// The Inputs sheet echoes a Risks row as the input has it: the factor's
// and the distribution's names beside the three values (they were blank:
// the row wrote the factor and distribution as numbers it could not
// show). Worked by hand: spot_price, triangular, 0.9, 1, 1.2.
func TestInputsRisks(t *testing.T) {
	s := handWorkedScenario()
	dd := decimal.RequireFromString
	s.Risks = []carecast.Risk{{Factor: carecast.FactorSpotPrice, Distribution: carecast.Triangular, Low: dd("0.9"), Mode: dd("1"), High: dd("1.2")}}
	_, _, data := buildWorkbook(t, s, t.TempDir())
	in := readBook(t, data).sheet(sheetInputs)
	for r := 1; r < 200; r++ {
		c := in.cell("A" + itoa(r))
		if c == nil || c.v != "Factor" {
			continue
		}
		got := []string{}
		for _, col := range []string{"A", "B", "C", "D", "E"} {
			if x := in.cell(col + itoa(r+1)); x != nil {
				got = append(got, x.v)
			}
		}
		if want := []string{"spot_price", "triangular", "0.9", "1", "1.2"}; len(got) != len(want) || got[0] != want[0] || got[1] != want[1] ||
			got[2] != want[2] || got[3] != want[3] || got[4] != want[4] {
			t.Errorf("the Risks row reads %q, want %q", got, want)
		}
		return
	}
	t.Fatal("no Risks block on the Inputs sheet")
}
