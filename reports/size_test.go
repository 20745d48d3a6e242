package reports

import (
	"bytes"
	"strings"
	"testing"

	"github.com/carecast/carecast"
	"github.com/shopspring/decimal"
)

// The sweep as tab-separated text writes each rate as the rest of the
// summaries do, as a percentage to two places, so a row's occupancy and
// its chance of a loss read alike: 0.88373 is 88.37%, 0.025 is 2.50%.
func TestSizingTSVRates(t *testing.T) {
	d := decimal.RequireFromString
	z := &carecast.Sizing{Risk: true, Runs: 1000, Recommended: 2, Reason: "why", Sizes: []carecast.SizePoint{
		{Rooms: 1, Savings: carecast.Pounds(10), NPV: carecast.Pounds(9), NPVAfterOptimismBias: carecast.Pounds(9), OccupancyRate: d("0.9"),
			OverflowRoomDays: d("12.5"), LossProbability: d("0.025")},
		{Rooms: 2, Savings: carecast.Pounds(20), NPV: carecast.Pounds(18), NPVAfterOptimismBias: carecast.Pounds(18), OccupancyRate: d("0.88373"),
			OverflowRoomDays: d("1234.5"), LossProbability: d("0")},
	}}
	var b bytes.Buffer
	if err := WriteSizingTSV(&b, z); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{
		"\n1\t10.00\t9.00\t9.00\t90.00%\t0.00\t12.50\t0.00\t0.00\t0.00\t0.00\t2.50%\n",
		"\n2\t20.00\t18.00\t18.00\t88.37%\t0.00\t1234.50\t0.00\t0.00\t0.00\t0.00\t0.00%\n",
	} {
		if !strings.Contains(b.String(), want) {
			t.Errorf("TSV lacks %q:\n%s", want, b.String())
		}
	}
}
