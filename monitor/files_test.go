package monitor_test

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/carecast/carecast"
	"github.com/carecast/carecast/forecast"
	"github.com/carecast/carecast/inputs"
	"github.com/carecast/carecast/monitor"
)

// monthlyJSON writes a forecast's months as docs/methodology.md §11 lays
// out 'forecast --json --monthly', written here from the Result, apart
// from the program's own writer.
func monthlyJSON(r *carecast.Result) map[string]any {
	var months []any
	for _, m := range r.Months {
		var cs []any
		for _, c := range m.Councils {
			cs = append(cs, map[string]any{"pledges": c.Pledges, "attributed_cost": c.AttributedCost,
				"spot_avoided": c.SpotAvoided, "savings": c.Savings, "position": c.Position,
				"occupied_room_days": json.Number(c.OccupiedRoomDays.String())})
		}
		for i := range cs {
			cs[i].(map[string]any)["code"] = r.Councils[i].Council.Code
		}
		months = append(months, map[string]any{"month": fmt.Sprintf("%04d-%02d", m.Start.Year, int(m.Start.Month)), "actual": false,
			"pledges": m.Pledges, "grants": m.Grants, "other_costs": m.OtherCosts, "block_cost": m.BlockCost,
			"void_cost": m.VoidCost, "spot_avoided": m.SpotAvoided, "attributed_cost": m.AttributedCost,
			"savings": m.Savings, "fund_balance": m.ClosingFund,
			"capacity_room_days": json.Number(m.CapacityRoomDays.String()), "occupied_room_days": json.Number(m.OccupiedRoomDays.String()),
			"councils": cs})
	}
	return map[string]any{"scenario": r.Scenario.Assumptions.Scenario, "months": months}
}

func writeJSONFile(t *testing.T, v any) string {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "budget.json")
	if err := os.WriteFile(path, b, 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

// TestReadBaseline: a frozen budget reads back as the forecast it was
// written from, opening balances included.
func TestReadBaseline(t *testing.T) {
	s := inputs.BuiltInScenario()
	s.Assumptions.OpeningFund = carecast.MustMoney("1000.03")
	r, err := forecast.Run(s)
	if err != nil {
		t.Fatal(err)
	}
	path := writeJSONFile(t, monthlyJSON(r))
	got, err := monitor.ReadBaseline(path, s.Councils, r.Start, len(r.Months))
	if err != nil {
		t.Fatal(err)
	}
	want := monitor.FromResult(r, path)
	if !got.OpeningFund.Equal(want.OpeningFund) {
		t.Errorf("opening fund %s, want %s", got.OpeningFund, want.OpeningFund)
	}
	for c := range s.Councils {
		if !got.OpeningPositions[c].Equal(want.OpeningPositions[c]) {
			t.Errorf("council %d opening %s, want %s", c, got.OpeningPositions[c], want.OpeningPositions[c])
		}
	}
	for i := range want.Months {
		g, w := got.Months[i], want.Months[i]
		if g.Start != w.Start || !same(g.Consortium[:], w.Consortium[:]) || !g.Occupied.Equal(w.Occupied) {
			t.Fatalf("month %d: %v, want %v", i, g, w)
		}
		for c := range s.Councils {
			if !same(g.Councils[c][:], w.Councils[c][:]) || !g.CouncilsOccupied[c].Equal(w.CouncilsOccupied[c]) {
				t.Fatalf("month %d council %d: %v, want %v", i, c, g.Councils[c], w.Councils[c])
			}
		}
	}
}

// TestReadBaselineProblems: every problem at once, each located.
func TestReadBaselineProblems(t *testing.T) {
	s := inputs.BuiltInScenario()
	r, err := forecast.Run(s)
	if err != nil {
		t.Fatal(err)
	}
	j := monthlyJSON(r)
	months := j["months"].([]any)
	m3 := months[3].(map[string]any)
	m3["month"] = "2019-08"
	m3["grants"] = "12.345"
	m5 := months[5].(map[string]any)
	cs := m5["councils"].([]any)
	cs[1].(map[string]any)["code"] = "XXX"
	m7 := months[7].(map[string]any)
	m7["councils"].([]any)[0].(map[string]any)["pledges"] = "1.00"
	path := writeJSONFile(t, j)
	_, err = monitor.ReadBaseline(path, s.Councils, r.Start, len(r.Months))
	if err == nil {
		t.Fatal("no error")
	}
	for _, want := range []string{
		path + `: months[3]: month "2019-08"; expected "2019-07"`,
		path + `: months[3]: grants "12.345": expected an amount in pounds and pence`,
		path + `: months[5].councils[1]: council "XXX" is not in the scenario`,
		path + `: months[5]: no figures for council BAD`,
		path + `: months[7]: the councils' pledges add up to`,
	} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("no %q in\n%s", want, err)
		}
	}
	// The wrong number of months; not JSON; no months.
	short := writeJSONFile(t, map[string]any{"months": months[:10]})
	if _, err := monitor.ReadBaseline(short, s.Councils, r.Start, len(r.Months)); err == nil || !strings.Contains(err.Error(), "10 months; expected 96") {
		t.Errorf("short: %v", err)
	}
	bad := filepath.Join(t.TempDir(), "bad.json")
	os.WriteFile(bad, []byte("{\"months\": [1,"), 0o600)
	if _, err := monitor.ReadBaseline(bad, s.Councils, r.Start, len(r.Months)); err == nil || !strings.Contains(err.Error(), bad+": ") {
		t.Errorf("bad: %v", err)
	}
	none := writeJSONFile(t, map[string]any{"totals": 1})
	if _, err := monitor.ReadBaseline(none, s.Councils, r.Start, len(r.Months)); err == nil || !strings.Contains(err.Error(), "forecast --json --monthly") {
		t.Errorf("none: %v", err)
	}
}
