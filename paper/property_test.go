package paper

import (
	"bytes"
	"fmt"
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
			ta := findTable(t, p, "Table A1")
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

// Over generated scenarios whose occupancy follows demand (every sharing
// rule, with and without Allocations rows), every paper carries the
// sizing result and, with allocations, bed trading: the proposal's row is
// the forecast as given, the size marked highest is the sweep's NPV
// maximum, the consortium's bed-trading table adds up to the forecast's
// savings under each rule, and the files hold no placeholder.
func TestSizingAndTradingOverGeneratedScenarios(t *testing.T) {
	n := 10
	if testing.Short() {
		n = 3
	}
	sized, traded := 0, 0
	defer func() {
		if sized < n/2 || traded == 0 {
			t.Errorf("%d of %d scenarios sized, %d with bed trading: the generator no longer exercises them", sized, n, traded)
		}
	}()
	for seed := range n {
		s := forecasttest.Generate(rand.New(rand.NewPCG(uint64(seed), 14)), forecasttest.Options{MaxCouncils: 6, Occupancy: forecasttest.DemandOccupancy})
		res, err := forecast.Run(s)
		if err != nil {
			t.Fatalf("seed %d: %v", seed, err)
		}
		largest := forecast.LargestRooms(s)
		if largest == 0 {
			continue
		}
		z, err := forecast.Size(s, forecast.SizeOptions{Min: 0, Max: 2 * largest})
		if err != nil {
			t.Fatalf("seed %d: %v", seed, err)
		}
		sized++
		if len(res.Sharing) > 0 {
			traded++
		}
		in := Inputs{Result: res, Sizing: z, Provenance: Provenance{Version: "v", Input: "generated", Prepared: carecast.NewDate(2025, 1, 2)}}
		papers, err := Build(in)
		if err != nil {
			t.Fatalf("seed %d: %v", seed, err)
		}
		best := z.Sizes[0]
		for _, p := range z.Sizes {
			if p.NPV.Cmp(best.NPV) > 0 {
				best = p
			}
		}
		for _, p := range papers {
			tb := findTitled(t, p, "The scheme at other sizes of the block")
			found := map[string]bool{}
			for _, row := range tb.Rows {
				if strings.Contains(row[0], "as proposed") {
					found["proposed"] = true
					if !cell(t, row[2]).Equal(res.NPV) {
						t.Errorf("seed %d %s: the proposal's NPV %s, the forecast's %s", seed, p.Code, row[2], res.NPV)
					}
				}
				if strings.Contains(row[0], "highest NPV") {
					found["best"] = true
					if !strings.HasPrefix(row[0], fmt.Sprint(best.Rooms)+",") || !cell(t, row[2]).Equal(best.NPV) {
						t.Errorf("seed %d %s: marked %v, the sweep's highest NPV is %s at %d rooms", seed, p.Code, row, best.NPV, best.Rooms)
					}
				}
			}
			if !found["proposed"] || !found["best"] {
				t.Errorf("seed %d %s: the sizing table marks %v", seed, p.Code, found)
			}
			if len(res.Sharing) > 0 && p.Code == Consortium {
				tc := findTitled(t, p, "Each council's savings with and without trading")
				if !cell(t, tc.Totals[0][1]).Equal(res.Sharing[0].Savings) || !cell(t, tc.Totals[0][2]).Equal(res.Sharing[1].Savings) {
					t.Errorf("seed %d: consortium totals %v; forecast %s and %s", seed, tc.Totals[0], res.Sharing[0].Savings, res.Sharing[1].Savings)
				}
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
