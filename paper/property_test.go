package paper

import (
	"bytes"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/carecast/carecast"
	"github.com/carecast/carecast/forecast"
	"github.com/carecast/carecast/forecast/forecasttest"
)

// Over generated scenarios (1 to 12 councils, joiners and leavers, gaps in
// pledges, negative shared costs, no settlement): every paper builds, its
// Table A adds up and its totals are the forecast's, the councils add up
// to the consortium, and the Word file and the HTML page are written with
// no placeholder where a figure belongs.
func TestPapersOverGeneratedScenarios(t *testing.T) {
	n := 15
	if testing.Short() {
		n = 5
	}
	for seed := range n {
		s := forecasttest.Generate(rand.New(rand.NewPCG(uint64(seed), 13)), forecasttest.Options{})
		res, err := forecast.Run(s)
		if err != nil {
			t.Fatalf("seed %d: %v", seed, err)
		}
		in := Inputs{Result: res, Provenance: Provenance{Version: "v", Input: "generated", Prepared: carecast.NewDate(2025, 1, 2)}}
		papers, err := Build(in)
		if err != nil {
			t.Fatalf("seed %d: %v", seed, err)
		}
		var voidSum, runningSum carecast.Money
		for ci, p := range papers {
			ta := findTable(t, p, "Table A")
			tot := ta.Totals[0]
			if p.Code == Consortium {
				if got := cell(t, tot[3]); !got.Equal(voidSum) || !got.Equal(res.Total.VoidCost) {
					t.Errorf("seed %d: void cost %s; councils' shares of empty rooms add to %s; forecast %s", seed, got, voidSum, res.Total.VoidCost)
				}
				if got := cell(t, tot[4]); !got.Equal(runningSum) {
					t.Errorf("seed %d: running costs less grants %s; councils' shares add to %s", seed, got, runningSum)
				}
			} else {
				c := res.Councils[ci].Total
				for k, want := range map[int]carecast.Money{1: c.Pledges, 2: c.UsedBlock, 5: c.AttributedCost, 6: c.SpotAvoided, 7: c.Savings} {
					if got := cell(t, tot[k]); !got.Equal(want) {
						t.Errorf("seed %d %s: Table A %q total %s, forecast %s", seed, p.Code, ta.Header[k], got, want)
					}
				}
				if !cell(t, tot[3]).Add(cell(t, tot[4])).Equal(c.SharedCost) {
					t.Errorf("seed %d %s: shares %s + %s, shared cost %s", seed, p.Code, tot[3], tot[4], c.SharedCost)
				}
				voidSum = voidSum.Add(cell(t, tot[3]))
				runningSum = runningSum.Add(cell(t, tot[4]))
			}
			if err := Rasterize(t.Context(), fakeBrowser{}, p); err != nil {
				t.Fatal(err)
			}
			var d, h bytes.Buffer
			if err := p.WriteDocx(&d, in.Provenance); err != nil {
				t.Fatalf("seed %d %s: %v", seed, p.Code, err)
			}
			if err := p.WriteHTML(&h); err != nil {
				t.Fatalf("seed %d %s: %v", seed, p.Code, err)
			}
			text := dumpDocx(t, d.Bytes()) + h.String()
			for _, bad := range []string{"%!", "<nil>", "NaN", "Inf"} {
				if strings.Contains(text, bad) {
					t.Errorf("seed %d %s: the paper holds %q", seed, p.Code, bad)
				}
			}
		}
	}
}
