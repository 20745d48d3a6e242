package reports

import (
	"bytes"
	"encoding/json"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/carecast/carecast"
	"github.com/carecast/carecast/forecast"
	"github.com/carecast/carecast/forecast/forecasttest"
	"github.com/carecast/carecast/monitor"
	"github.com/shopspring/decimal"
)

var ragDefaults = carecast.RAGThresholds{Amber: decimal.RequireFromString("0.02"), Red: decimal.RequireFromString("0.05")}

// monitoringOf is a report of a generated scenario against a variation of
// it (running costs up, occupancy down, the first council paying less),
// with itself as the previous report's outturn shifted, so that every
// column has figures.
func monitoringOf(t *testing.T, seed uint64) *carecast.Monitoring {
	t.Helper()
	s := forecasttest.Generate(rand.New(rand.NewPCG(seed, 21)), forecasttest.Options{MaxCouncils: 8})
	rb, err := forecast.Run(s)
	if err != nil {
		t.Fatal(err)
	}
	v := *s
	v.Occupancy = append([]carecast.OccupancyRow(nil), s.Occupancy...)
	for i := range v.Occupancy {
		v.Occupancy[i].RoomsOccupied = v.Occupancy[i].RoomsOccupied.Mul(decimal.RequireFromString("0.85")).Round(3)
	}
	v.Costs = append([]carecast.Cost(nil), s.Costs...)
	for i := range v.Costs {
		v.Costs[i].AnnualAmount = v.Costs[i].AnnualAmount.Add(carecast.Pence(123457))
	}
	ro, err := forecast.Run(&v)
	if err != nil {
		t.Fatal(err)
	}
	asAt := rb.Months[len(rb.Months)/2].End
	m, err := monitor.Build(s.Assumptions.Scenario, s.Councils, monitor.FromResult(rb, monitor.Plan), monitor.FromResult(ro, "o"),
		monitor.Options{AsAt: asAt, Thresholds: ragDefaults})
	if err != nil {
		t.Fatal(err)
	}
	return m
}

// TestMonitoringTablesAddUp: in £000, as shown, every table of a
// monitoring report adds up: the councils to the consortium down each
// column, and across each row the budget and the variance to the
// outturn, the budget to date and the variance to date to the actual to
// date, the volume and the price to the variance.
func TestMonitoringTablesAddUp(t *testing.T) {
	for seed := range uint64(60) {
		m := monitoringOf(t, seed)
		for _, opt := range []Options{{}, {Money: Thousands}} {
			for _, tb := range monitoringTables(m, opt) {
				explained := strings.HasSuffix(tb.Title, "explained")
				across := [][3]int{{monBudget, monVariance, monOutturn}, {monBudgetToDate, monVarianceToDate, monActualToDate}}
				if explained {
					across = [][3]int{{6, 7, 5}}
				}
				for _, r := range tb.AllRows() {
					for _, a := range across {
						if !r[a[0]].Value.Add(r[a[1]].Value).Equal(r[a[2]].Value) {
							t.Fatalf("seed %d %v %s, %s: %s + %s != %s", seed, opt, tb.Title, r.Label(), r[a[0]].Value, r[a[1]].Value, r[a[2]].Value)
						}
					}
				}
				if len(tb.Totals) == 0 {
					continue
				}
				for j, col := range tb.Columns {
					if col.Unit != UnitMoney && col.Unit != UnitRoomDays {
						continue
					}
					sum := decimal.Zero
					for _, r := range tb.Rows {
						sum = sum.Add(r[j].Value)
					}
					if !sum.Equal(tb.Totals[0][j].Value) {
						t.Fatalf("seed %d %v %s, %s: councils %s, total %s", seed, opt, tb.Title, col.Head, sum, tb.Totals[0][j].Value)
					}
					// Every figure is at its places.
					for _, r := range tb.AllRows() {
						if r[j].Unit == col.Unit && !r[j].Value.Equal(carecast.RoundHalfAway(r[j].Value, col.Places)) {
							t.Fatalf("seed %d %s: %s not at %d places", seed, tb.Title, r[j].Value, col.Places)
						}
					}
				}
			}
		}
	}
}

// TestMonitoringJSONShape: the keys of docs/methodology.md §18 in order,
// null where a figure is undefined.
func TestMonitoringJSONShape(t *testing.T) {
	m := monitoringOf(t, 3)
	var b bytes.Buffer
	if err := WriteMonitoringJSON(&b, m); err != nil {
		t.Fatal(err)
	}
	out := b.String()
	for _, k := range []string{`"scenario"`, `"as_at"`, `"year"`, `"budget_source"`, `"lines"`, `"spot_avoided_explained"`} {
		if !strings.Contains(out, k) {
			t.Errorf("no %s", k)
		}
	}
	var got struct {
		Lines []map[string]json.RawMessage `json:"lines"`
	}
	if err := json.Unmarshal(b.Bytes(), &got); err != nil {
		t.Fatal(err)
	}
	if len(got.Lines) != len(m.Lines) {
		t.Fatalf("%d lines, want %d", len(got.Lines), len(m.Lines))
	}
	first := got.Lines[0]
	for _, k := range []string{"scope", "council", "line", "budget", "budget_to_date", "actual_to_date", "variance_to_date", "outturn", "variance", "variance_pct", "rag", "movement"} {
		if _, ok := first[k]; !ok {
			t.Errorf("a line has no %q", k)
		}
	}
	if len(first) != 12 {
		t.Errorf("a line has %d keys, want 12", len(first))
	}
	if string(first["council"]) != "null" || string(first["movement"]) != "null" || string(first["scope"]) != `"year"` {
		t.Errorf("first line: council %s movement %s scope %s", first["council"], first["movement"], first["scope"])
	}
	// The order of the keys is the contract's.
	i := strings.Index(out, `"budget"`)
	for _, k := range []string{`"budget_to_date"`, `"actual_to_date"`, `"variance_to_date"`, `"outturn"`, `"variance"`, `"variance_pct"`, `"rag"`, `"movement"`} {
		j := strings.Index(out[i:], k)
		if j < 0 {
			t.Fatalf("%s not after the budget", k)
		}
		i += j
	}
}
