package forecast

import (
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/carecast/carecast"
	"github.com/carecast/carecast/forecast/forecasttest"
	"github.com/shopspring/decimal"
)

// ownActuals are the Actuals rows that give every item of months 0 to
// k-1 as the forecast r has it: its own monthly figures.
func ownActuals(r *carecast.Result, k int) []carecast.Actual {
	var rows []carecast.Actual
	for _, mo := range r.Months[:k] {
		add := func(item carecast.ActualItem, c int, v decimal.Decimal) {
			rows = append(rows, carecast.Actual{Month: mo.Start, Item: item, Council: c, Value: v})
		}
		add(carecast.ActualCapacityRoomDays, -1, mo.CapacityRoomDays)
		add(carecast.ActualBlockCost, -1, mo.BlockCost.Decimal())
		add(carecast.ActualGrants, -1, mo.Grants.Decimal())
		add(carecast.ActualOtherCosts, -1, mo.OtherCosts.Decimal())
		for c, cm := range mo.Councils {
			add(carecast.ActualOccupiedRoomDays, c, cm.OccupiedRoomDays)
			add(carecast.ActualPledges, c, cm.Pledges.Decimal())
		}
	}
	return rows
}

// firstDays moves every date on which a price, the rooms or an occupancy
// changes to the first day of its month: the rooms, occupancy and spot
// rows, and the block price's date (so its anniversaries too). In force
// all month are then the values the scenario had on the month's last day,
// so a valid scenario stays valid. With whole, the block price becomes a
// whole number of pence a day (a multiple of 7p a week) with no uplift.
func firstDays(s *carecast.Scenario, whole bool) *carecast.Scenario {
	t := *s
	t.Rooms = append([]carecast.RoomsRow(nil), s.Rooms...)
	for i := range t.Rooms {
		t.Rooms[i].From = carecast.MonthStart(t.Rooms[i].From)
	}
	t.Occupancy = append([]carecast.OccupancyRow(nil), s.Occupancy...)
	for i := range t.Occupancy {
		t.Occupancy[i].From = carecast.MonthStart(t.Occupancy[i].From)
	}
	t.SpotCosts = append([]carecast.SpotCost(nil), s.SpotCosts...)
	for i := range t.SpotCosts {
		t.SpotCosts[i].From = carecast.MonthStart(t.SpotCosts[i].From)
	}
	t.Assumptions.BlockPriceDate = carecast.MonthStart(t.Assumptions.PriceDate())
	if whole {
		sevens := t.Assumptions.BlockWeeklyPrice.Div(decimal.RequireFromString("0.07")).Round(0)
		t.Assumptions.BlockWeeklyPrice = sevens.Mul(decimal.RequireFromString("0.07"))
		t.Assumptions.BlockUplift = decimal.Zero
	}
	return &t
}

// Actuals equal to a forecast's own monthly figures, in scenarios whose
// prices, rooms and occupancy change only on a month's first day,
// reproduce that forecast: with a block price of whole pence a day, every
// figure to the penny (each council's, the fund's, the NPVs); with any
// block price, every consortium figure, each council's spot purchasing
// avoided and occupancy, and each council's used block cost within a
// penny (the invoice is whole pence where the forecast's block cost is
// exact: docs/methodology.md §15).
func TestOwnActualsReproduceTheForecast(t *testing.T) {
	for seed := range forecasttest.Cases[uint64](80, 16) {
		r := rand.New(rand.NewPCG(seed, 19))
		whole := seed%2 == 0
		s := firstDays(forecasttest.Generate(r, forecasttest.Options{Occupancy: forecasttest.ExplicitOccupancy}), whole)
		t.Run(fmt.Sprintf("seed %d whole %v", seed, whole), func(t *testing.T) {
			plain := run(t, s)
			k := 1 + r.IntN(len(plain.Months))
			a := *s
			a.Actuals = ownActuals(plain, k)
			got := run(t, &a)
			if got.AsAt != plain.Months[k-1].End {
				t.Errorf("as at %s, want %s", got.AsAt, plain.Months[k-1].End)
			}
			for m := range got.Months {
				g, w := &got.Months[m], &plain.Months[m]
				if g.Actual != (m < k) {
					t.Fatalf("month %d actual %v", m, g.Actual)
				}
				gf, wf := g.Figures, w.Figures
				if !whole {
					// The consortium's used block cost is the councils'
					// (each within a penny, below), and so the void and
					// shared cost; the rest is exact.
					gf.UsedBlock, gf.VoidCost, gf.SharedCost = zeroMoney, zeroMoney, zeroMoney
					wf.UsedBlock, wf.VoidCost, wf.SharedCost = zeroMoney, zeroMoney, zeroMoney
				}
				if !figuresEqual(gf, wf) {
					t.Fatalf("month %d: %+v\nwant %+v", m, g.Figures, w.Figures)
				}
				for c := range g.Councils {
					gc, wc := g.Councils[c], w.Councils[c]
					if !gc.SpotAvoided.Equal(wc.SpotAvoided) || !gc.OccupiedRoomDays.Equal(wc.OccupiedRoomDays) || !gc.Pledges.Equal(wc.Pledges) {
						t.Fatalf("month %d council %d: spot %s occupied %s pledges %s, want %s %s %s", m, c,
							gc.SpotAvoided, gc.OccupiedRoomDays, gc.Pledges, wc.SpotAvoided, wc.OccupiedRoomDays, wc.Pledges)
					}
					d := gc.UsedBlock.Sub(wc.UsedBlock).PenceInt()
					if whole && (d != 0 || !gc.AttributedCost.Equal(wc.AttributedCost) || !gc.Position.Equal(wc.Position)) {
						t.Fatalf("month %d council %d: used %s attributed %s position %s, want %s %s %s", m, c,
							gc.UsedBlock, gc.AttributedCost, gc.Position, wc.UsedBlock, wc.AttributedCost, wc.Position)
					}
					if d < -1 || d > 1 {
						t.Fatalf("month %d council %d: used %s, want %s within a penny", m, c, gc.UsedBlock, wc.UsedBlock)
					}
				}
			}
			if !got.NPV.Equal(plain.NPV) || !got.Total.Savings.Equal(plain.Total.Savings) {
				t.Errorf("NPV %s savings %s, want %s %s", got.NPV, got.Total.Savings, plain.NPV, plain.Total.Savings)
			}
			if whole {
				for c := range got.Councils {
					if g, w := got.Councils[c], plain.Councils[c]; !g.NPV.Equal(w.NPV) || !g.Settlement.Equal(w.Settlement) {
						t.Errorf("council %d: NPV %s settlement %s, want %s %s", c, g.NPV, g.Settlement, w.NPV, w.Settlement)
					}
				}
			}
		})
	}
}

// Where occupancy changes inside a month, an actual month prices the
// room-days at the month's mean spot price, as the day-by-day pattern is
// not known. In the worked example's May, A occupies 1 room to the 15th
// and none after: the forecast prices its 15 room-days at £200 a day,
// £3,000.00; given the same 15 room-days as actuals, they are priced at
// May's mean, (15 x 200 + 16 x 220) / 31 = 6,520 / 31 a day: 15 x 6,520 /
// 31 = 3,154.8387 -> £3,154.84. Its used block cost is the same (the block
// price does not change in May): 6,200 x 15 / 62 = 1,500.00.
func TestActualMonthMidMonthChange(t *testing.T) {
	s := actualsExample()
	s.Actuals = nil
	s.Occupancy = append(s.Occupancy, carecast.OccupancyRow{Council: 0, From: date(2019, 5, 16), RoomsOccupied: dec("0")},
		carecast.OccupancyRow{Council: 0, From: date(2019, 6, 1), RoomsOccupied: dec("1")})
	plain := run(t, s)
	eqMoney(t, "forecast A spot", plain.Months[1].Councils[0].SpotAvoided, "3000.00")
	eqMoney(t, "forecast A used", plain.Months[1].Councils[0].UsedBlock, "1500.00")
	s.Actuals = ownActuals(plain, 2)
	got := run(t, s)
	eqMoney(t, "actual A spot", got.Months[1].Councils[0].SpotAvoided, "3154.84")
	eqMoney(t, "actual A used", got.Months[1].Councils[0].UsedBlock, "1500.00")
	eqMoney(t, "actual B spot", got.Months[1].Councils[1].SpotAvoided, plain.Months[1].Councils[1].SpotAvoided.String())
	eqMoney(t, "actual savings", got.Months[1].Savings, plain.Months[1].Savings.Add(carecast.MustMoney("154.84")).String())
	if !figuresEqual(got.Months[0].Figures, plain.Months[0].Figures) {
		t.Errorf("April differs: %+v, want %+v", got.Months[0].Figures, plain.Months[0].Figures)
	}
}

// withOwnActuals is s with Actuals giving some items of its first k
// months as its forecast has them, a few altered: some councils'
// occupancy and pledges left out, the block cost less a credit note.
func withOwnActuals(t *testing.T, s *carecast.Scenario, r *rand.Rand) *carecast.Scenario {
	t.Helper()
	plain := run(t, s)
	k := 1 + r.IntN(len(plain.Months))
	a := *s
	for _, row := range ownActuals(plain, k) {
		switch {
		case row.Item.PerCouncil() && r.IntN(3) == 0:
			continue // its forecast stands
		case row.Item == carecast.ActualBlockCost && r.IntN(2) == 0:
			row.Value = decimal.Max(decimal.Zero, row.Value.Sub(decimal.New(r.Int64N(100000), -2)))
		}
		a.Actuals = append(a.Actuals, row)
	}
	if len(a.Actuals) == 0 {
		a.Actuals = ownActuals(plain, 1)
	}
	return &a
}

// flows are a month's figures but for the fund and the overflow.
func flows(f carecast.Figures) carecast.Figures {
	f.OpeningFund, f.ClosingFund = zeroMoney, zeroMoney
	f.OverflowRoomDays, f.OverflowCost = decimal.Zero, zeroMoney
	return f
}

// actualsScenarios are generated scenarios with actuals, of every kind of
// occupancy.
func actualsScenarios(t *testing.T, n uint64) map[string]*carecast.Scenario {
	out := map[string]*carecast.Scenario{"worked example": actualsExample()}
	for seed := range forecasttest.Cases(n, max(n/5, 2)) {
		r := rand.New(rand.NewPCG(seed, 23))
		mode := []forecasttest.OccupancyMode{forecasttest.ExplicitOccupancy, forecasttest.DefaultOccupancy, forecasttest.DemandOccupancy}[seed%3]
		s := forecasttest.Generate(r, forecasttest.Options{Occupancy: mode})
		out[fmt.Sprintf("generated %d", seed)] = withOwnActuals(t, s, r)
	}
	return out
}

// No setting of the risk factors moves an actual month: Run(Apply(s, x))
// has the actual months of Run(s), figure for figure; the float path's
// draw has their savings to the penny, the exact mode the savings and NPV
// of Run(Apply(s, x)).
func TestActualMonthsFixedUnderSettings(t *testing.T) {
	for name, s := range actualsScenarios(t, 30) {
		base := run(t, s)
		ms := newExactModels(s)
		for xname, x := range settings() {
			t.Run(name+" "+xname, func(t *testing.T) {
				res := run(t, Apply(s, x))
				for m := range res.Months {
					if !base.Months[m].Actual {
						continue
					}
					// The flows: the fund carries the forecast months before,
					// and the overflow is forecast demand, reported apart.
					g, w := flows(res.Months[m].Figures), flows(base.Months[m].Figures)
					if !figuresEqual(g, w) {
						t.Fatalf("month %d moved: %+v, want %+v", m, res.Months[m].Figures, base.Months[m].Figures)
					}
					for c := range res.Months[m].Councils {
						g, w := res.Months[m].Councils[c], base.Months[m].Councils[c]
						if !g.Savings.Equal(w.Savings) || !g.AttributedCost.Equal(w.AttributedCost) || !g.SpotAvoided.Equal(w.SpotAvoided) || !g.OccupiedRoomDays.Equal(w.OccupiedRoomDays) {
							t.Fatalf("month %d council %d moved: %+v, want %+v", m, c, g, w)
						}
					}
				}
				f, err := newFastModel(s, rampMonths(x[carecast.FactorRampDelay], s.Assumptions.Months()))
				if err != nil {
					t.Fatal(err)
				}
				o := f.newOutcome()
				fx := floatSetting(x)
				f.eval(&fx, o)
				for m := range res.Months {
					if base.Months[m].Actual && o.monthSavings[m] != float64(base.Months[m].Savings.PenceInt()) {
						t.Fatalf("float path month %d: %.0f pence, want %s", m, o.monthSavings[m], base.Months[m].Savings)
					}
				}
				agree(t, s, x)
				got, err := ms.outcome(x)
				if err != nil {
					t.Fatal(err)
				}
				if !got.Savings.Equal(res.Total.Savings) || !got.NPV.Equal(res.NPV) {
					t.Errorf("exact mode: savings %s NPV %s, want %s %s", got.Savings, got.NPV, res.Total.Savings, res.NPV)
				}
			})
		}
	}
}

// A Monte Carlo simulation draws over the forecast months only: every
// draw's savings in an actual month are the forecast's.
func TestSimulateKeepsActualMonths(t *testing.T) {
	s := forecasttest.National(12, 6)
	plain := run(t, s)
	s.Actuals = ownActuals(plain, 20)
	s.Actuals = s.Actuals[:len(s.Actuals)-3] // some of the last month's items left to the forecast
	base := run(t, s)
	sim, err := Simulate(s, base, carecast.DefaultRisks(), SimulateOptions{Runs: 200, Seed: 7, Workers: 1})
	if err != nil {
		t.Fatal(err)
	}
	var actualSavings int64
	last := -1
	for m, mo := range base.Months {
		if mo.Actual {
			actualSavings += mo.Savings.PenceInt()
			last = m
		}
	}
	// The fan of cumulative savings: at the last actual month every draw
	// has the same cumulative savings when all months to it are actual.
	if last < 0 || base.ActualMonths() != last+1 {
		t.Fatalf("want the months to the as-at date all actual: %d of %d", base.ActualMonths(), last+1)
	}
	found := false
	for _, p := range sim.Fan {
		if p.Month != last {
			continue
		}
		found = true
		want := carecast.Pence(actualSavings)
		for _, v := range []carecast.Money{p.P10, p.P50, p.P90} {
			if math.Abs(v.Sub(want).Decimal().InexactFloat64()) > 0.005 {
				t.Errorf("fan at month %d: %+v, want every draw at %s", last, p, want)
			}
		}
	}
	if !found {
		t.Errorf("no fan point at month %d", last)
	}
}

// An actual month worked out by actualOnly, the route of Settle and of the
// float path's fixed months, has the money of Run's, figure for figure,
// whether its Actuals give every figure (a settled scenario's do: the
// forecast's block cost and council costs are then not worked out) or
// leave some to the forecast; and so have the float path's fixed months.
func TestActualOnlyIsRun(t *testing.T) {
	scenarios := actualsScenarios(t, 30)
	national := forecasttest.National(12, 6)
	national.Actuals = ownActuals(run(t, national), 20)
	scenarios["national"] = national
	routes := map[bool]int{} // months by whether every figure was given
	for name, s := range scenarios {
		base := run(t, s)
		settled, err := Settle(s)
		if err != nil {
			t.Fatal(err)
		}
		for way, v := range map[string]*carecast.Scenario{"as given": s, "settled": settled} {
			t.Run(name+" "+way, func(t *testing.T) {
				e, err := newEngine(v)
				if err != nil {
					t.Fatal(err)
				}
				mc := e.newMonthCalc()
				pos := make([]int64, e.nc)
				for m := range e.months {
					if !e.isActual(m) {
						continue
					}
					given := e.actual[m].given()
					if way == "settled" && !given {
						t.Errorf("month %d of the settled scenario leaves a figure to the forecast", m)
					}
					routes[given]++
					var mo carecast.Month
					var ms sums
					if _, err := mc.actualOnly(&mo, m, &ms, pos, true); err != nil {
						t.Fatal(err)
					}
					w := &base.Months[m]
					if !mo.Actual || mo.Start != w.Start || mo.End != w.End || mo.FY != w.FY {
						t.Fatalf("month %d: actual %v from %s to %s in %v, want %s to %s in %v", m, mo.Actual, mo.Start, mo.End, mo.FY, w.Start, w.End, w.FY)
					}
					if g, w := flows(ms.figures(0, 0)), flows(w.Figures); !figuresEqual(g, w) {
						t.Fatalf("month %d (given %v): %+v\nwant %+v", m, given, g, w)
					}
					for c := range mo.Councils {
						g, w := mo.Councils[c], w.Councils[c]
						g.Position, w.Position = zeroMoney, zeroMoney // the forecast months before move it
						g.OverflowRoomDays, g.OverflowCost = w.OverflowRoomDays, w.OverflowCost
						if !councilMonthsEqual(g, w) {
							t.Fatalf("month %d (given %v) council %d: %+v\nwant %+v", m, given, c, g, w)
						}
					}
				}
				_, council, month, err := e.fixedMonths()
				if err != nil {
					t.Fatal(err)
				}
				for m := range e.months {
					if !e.isActual(m) {
						continue
					}
					if g, w := month[m], base.Months[m].Savings.PenceInt(); g != w {
						t.Errorf("fixed month %d: savings %d pence, want %d", m, g, w)
					}
					for c := range e.nc {
						if g, w := council[m*e.nc+c], base.Months[m].Councils[c].Savings.PenceInt(); g != float64(w) {
							t.Errorf("fixed month %d council %d: savings %.0f pence, want %d", m, c, g, w)
						}
					}
				}
			})
		}
	}
	if routes[true] == 0 || routes[false] == 0 {
		t.Errorf("months with every figure given %d, with some left to the forecast %d: want both", routes[true], routes[false])
	}
}

// councilMonthsEqual compares a council's month figure by figure.
func councilMonthsEqual(a, b carecast.CouncilMonth) bool {
	return a.Share.Equal(b.Share) && a.Pledges.Equal(b.Pledges) && a.UsedBlock.Equal(b.UsedBlock) &&
		a.SpotAvoided.Equal(b.SpotAvoided) && a.SharedCost.Equal(b.SharedCost) && a.AttributedCost.Equal(b.AttributedCost) &&
		a.Savings.Equal(b.Savings) && a.VoidShare.Equal(b.VoidShare) && a.RunningShare.Equal(b.RunningShare) &&
		a.OccupiedRoomDays.Equal(b.OccupiedRoomDays) && a.Position.Equal(b.Position) &&
		a.OverflowRoomDays.Equal(b.OverflowRoomDays) && a.OverflowCost.Equal(b.OverflowCost)
}

// A float model leaves out the terms and shares of its actual months,
// which no draw reads: each draw, of the model and of its delays
// (withDelay), is the same to the last bit as that of a model with every
// month's terms and shares built and the same fixed months (withTerms).
func TestFixedMonthsNeedNoTerms(t *testing.T) {
	scenarios := actualsScenarios(t, 20)
	national := forecasttest.National(12, 6)
	national.Actuals = ownActuals(run(t, national), 20)
	scenarios["national"] = national
	left := 0
	for name, s := range scenarios {
		f, err := newFastModel(s, 0)
		if err != nil {
			t.Fatal(err)
		}
		for m := range f.months {
			if f.isFixed(m) && f.cOff[m*f.nc+f.nc] != f.cOff[m*f.nc] {
				t.Errorf("%s: actual month %d has terms", name, m)
			}
		}
		for xname, x := range settings() {
			k := rampMonths(x[carecast.FactorRampDelay], s.Assumptions.Months())
			g := f
			if k > 0 {
				if g, err = f.withDelay(k); err != nil {
					t.Fatal(err)
				}
			}
			delayed, err := newFastModel(s, k)
			if err != nil {
				t.Fatal(err)
			}
			h := withTerms(t, delayed)
			for m := range h.months {
				if h.isFixed(m) && h.cOff[m*h.nc+h.nc] > h.cOff[m*h.nc] {
					left++
				}
			}
			fx := floatSetting(x)
			got, want := g.newOutcome(), h.newOutcome()
			g.eval(&fx, got)
			h.eval(&fx, want)
			if got.savings != want.savings || got.npv != want.npv || !slices.Equal(got.council, want.council) ||
				!slices.Equal(got.councilNPV, want.councilNPV) || !slices.Equal(got.monthSavings, want.monthSavings) {
				t.Errorf("%s %s: savings %v npv %v; with every month's terms %v %v", name, xname, got.savings, got.npv, want.savings, want.npv)
			}
		}
	}
	if left == 0 {
		t.Error("no actual month had terms to leave out")
	}
}

// withTerms is f built again with every month's terms and shares, its
// actual months' too, and f's fixed months.
func withTerms(t *testing.T, f *fastModel) *fastModel {
	t.Helper()
	e := *f.e
	e.actual = nil
	g, err := buildFast(&e, nil, false)
	if err != nil {
		t.Fatal(err)
	}
	g.fixed, g.fixedSav, g.fixedMonth = f.fixed, f.fixedSav, f.fixedMonth
	g.twins()
	return g
}
