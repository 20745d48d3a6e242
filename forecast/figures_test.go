package forecast_test

import (
	"fmt"
	"testing"

	"github.com/carecast/carecast"
	"github.com/carecast/carecast/forecast"
	"github.com/carecast/carecast/inputs"
	"github.com/shopspring/decimal"
)

// The void and running parts of each council's shared cost add up: to its
// shared cost, council by council; to the void cost and the running costs
// less grants, across the councils; month by month and year by year.
func TestVoidAndRunningShares(t *testing.T) {
	for seed := range uint64(60) {
		s := generated(seed)
		t.Run(fmt.Sprintf("seed=%d", seed), func(t *testing.T) {
			r, err := forecast.Run(s)
			if err != nil {
				t.Fatal(err)
			}
			c := &checker{t: t}
			for _, mo := range r.Months {
				var void, running carecast.Money
				for k, cm := range mo.Councils {
					c.eq(fmt.Sprintf("%s council %d void + running", mo.Start, k), cm.VoidShare.Add(cm.RunningShare), cm.SharedCost)
					void, running = void.Add(cm.VoidShare), running.Add(cm.RunningShare)
					if cm.Share.IsZero() && !cm.VoidShare.IsZero() {
						c.errorf("%s council %d has no share but %s of the void", mo.Start, k, cm.VoidShare)
					}
				}
				c.eq(mo.Start.String()+" councils' void shares", void, mo.VoidCost)
				c.eq(mo.Start.String()+" councils' running shares", running, mo.RunningLessGrants())
				for k, v := range mo.VoidShares() {
					c.eq(fmt.Sprintf("%s VoidShares()[%d]", mo.Start, k), v, mo.Councils[k].VoidShare)
				}
			}
			for k, cr := range r.Councils {
				var void, running carecast.Money
				for i, y := range r.Years {
					var v, rn carecast.Money
					for _, mo := range r.Months[y.First : y.Last+1] {
						v, rn = v.Add(mo.Councils[k].VoidShare), rn.Add(mo.Councils[k].RunningShare)
					}
					c.eq(fmt.Sprintf("council %d %s void share", k, y.FY), cr.Years[i].VoidShare, v)
					c.eq(fmt.Sprintf("council %d %s running share", k, y.FY), cr.Years[i].RunningShare, rn)
					void, running = void.Add(v), running.Add(rn)
				}
				c.eq(fmt.Sprintf("council %d void share", k), cr.Total.VoidShare, void)
				c.eq(fmt.Sprintf("council %d running share", k), cr.Total.RunningShare, running)
			}
		})
	}
}

// A council's break-even occupancy, by two routes that do not use the
// engine's: the formula with each month's shares as shown (to 10 places),
// and a forecast with every council's occupancy scaled by the council's
// break-even scale, at which its savings come to zero but for the
// rounding of each month's figures to pence.
func TestCouncilBreakEven(t *testing.T) {
	s := inputs.BuiltInScenario()
	r, err := forecast.Run(s)
	if err != nil {
		t.Fatal(err)
	}
	tot := r.Total
	for k, cr := range r.Councils {
		if !cr.BreakEvenDefined {
			t.Fatalf("council %d: break-even not defined", k)
		}
		// The formula, in decimals, with the shares as shown.
		var a, f decimal.Decimal
		for _, m := range r.Months {
			cm := m.Councils[k]
			a = a.Add(cm.SpotAvoided.Decimal()).Sub(cm.UsedBlock.Decimal()).Add(cm.Share.Mul(m.UsedBlock.Decimal()))
			f = f.Add(cm.Share.Mul(m.BlockCost.Add(m.OtherCosts).Sub(m.Grants).Decimal()))
		}
		want := carecast.DivRound(f.Mul(tot.OccupiedRoomDays), a.Mul(tot.CapacityRoomDays), 10)
		if d := cr.BreakEvenOccupancy.Sub(want).Abs(); d.GreaterThan(decimal.New(1, -8)) {
			t.Errorf("council %d break-even %s, the formula with shares as shown %s", k, cr.BreakEvenOccupancy, want)
		}
		if want := carecast.DivRound(cr.BreakEvenScale.Mul(tot.OccupiedRoomDays), tot.CapacityRoomDays, 10); cr.BreakEvenOccupancy.Sub(want).Abs().GreaterThan(decimal.New(1, -9)) {
			t.Errorf("council %d break-even %s, scale %s x occupancy rate gives %s", k, cr.BreakEvenOccupancy, cr.BreakEvenScale, want)
		}

		// At the break-even scale the council saves nothing, to within the
		// pence each month's rounding moves: used block and spot avoided
		// half a penny each, its share of the void and of the shared cost
		// a penny each.
		x := *s
		x.Assumptions.OccupancyRate = s.Assumptions.OccupancyRate.Mul(cr.BreakEvenScale)
		rx, err := forecast.Run(&x)
		if err != nil {
			t.Fatal(err)
		}
		got := rx.Councils[k].Total.Savings
		if limit := carecast.Pence(int64(3 * len(r.Months))); got.Decimal().Abs().GreaterThan(limit.Decimal()) {
			t.Errorf("council %d at its break-even scale %s saves %s, want within %s of nothing", k, cr.BreakEvenScale, got, limit)
		}
	}
	// Havering (spot £3,500) breaks even at a higher occupancy than the
	// City of London (spot £3,700): the same share of the block, cheaper
	// spot placements avoided.
	if !r.Councils[0].BreakEvenOccupancy.GreaterThan(r.Councils[2].BreakEvenOccupancy) {
		t.Errorf("Havering breaks even at %s, the City of London at %s: want Havering higher", r.Councils[0].BreakEvenOccupancy, r.Councils[2].BreakEvenOccupancy)
	}
}

// A council that uses nothing has no break-even occupancy; one council
// alone breaks even where the consortium does.
func TestCouncilBreakEvenEdges(t *testing.T) {
	s := inputs.BuiltInScenario()
	s.Councils, s.Pledges, s.SpotCosts = s.Councils[:1], s.Pledges[:1], s.SpotCosts[:1]
	s.Options = nil
	r, err := forecast.Run(s)
	if err != nil {
		t.Fatal(err)
	}
	cr := r.Councils[0]
	if !cr.BreakEvenDefined || cr.BreakEvenOccupancy.Sub(r.BreakEvenOccupancy).Abs().GreaterThan(decimal.New(1, -9)) {
		t.Errorf("one council breaks even at %s (defined %v), the consortium at %s", cr.BreakEvenOccupancy, cr.BreakEvenDefined, r.BreakEvenOccupancy)
	}
	s.Assumptions.OccupancyRate = decimal.Zero
	if r, err = forecast.Run(s); err != nil {
		t.Fatal(err)
	}
	if r.Councils[0].BreakEvenDefined {
		t.Errorf("nothing occupied: break-even %s defined", r.Councils[0].BreakEvenOccupancy)
	}
}

// What the built-in's pledges commit each council to, and its first full
// year, by hand: £650,000 a year from April 2019 to March 2027, eight
// financial years; 35 rooms from 1 April 2021, so 2021/22 is the first
// year with every room.
func TestCommitmentAndFullYear(t *testing.T) {
	s := inputs.BuiltInScenario()
	s.Pledges = append(s.Pledges, carecast.Pledge{Council: 1, From: carecast.Date{Year: 2030, Month: 1, Day: 1}, To: carecast.Date{Year: 2031, Month: 1, Day: 1}, AnnualAmount: carecast.Pounds(1)})
	s.Pledges[3].AnnualAmount = carecast.Pounds(0)
	r, err := forecast.Run(s)
	if err != nil {
		t.Fatal(err)
	}
	want := carecast.Commitment{Low: carecast.Pounds(650000), High: carecast.Pounds(650000),
		First: carecast.Date{Year: 2019, Month: 4, Day: 1}, Last: carecast.Date{Year: 2027, Month: 3, Day: 31}, Years: 8, Defined: true}
	if got := r.Councils[0].Commitment; !got.Low.Equal(want.Low) || !got.High.Equal(want.High) || got.First != want.First || got.Last != want.Last || got.Years != want.Years || !got.Defined {
		t.Errorf("Havering's commitment %+v, want %+v", got, want)
	}
	// A row after the horizon still counts among the annual amounts.
	if got := r.Councils[1].Commitment; !got.Low.Equal(carecast.Pounds(1)) || !got.High.Equal(carecast.Pounds(650000)) {
		t.Errorf("Barking and Dagenham's amounts %s to %s, want £1 to £650,000", got.Low, got.High)
	}
	if got := r.Councils[3].Commitment; got.Defined || got.Years != 0 {
		t.Errorf("Hackney pledges nothing: commitment %+v", got)
	}
	if r.MostRooms != 35 || r.FullYear != 2 || r.Years[r.FullYear].FY.String() != "2021/22" {
		t.Errorf("most rooms %d, full year %d; want 35 and 2 (2021/22)", r.MostRooms, r.FullYear)
	}
	s.Rooms = s.Rooms[:2]
	s.Rooms[1].From = carecast.Date{Year: 2026, Month: 6, Day: 1}
	if r, err = forecast.Run(s); err != nil {
		t.Fatal(err)
	}
	if r.MostRooms != 24 || r.FullYear != -1 {
		t.Errorf("24 rooms from June 2026: most rooms %d, full year %d; want 24 and none (-1)", r.MostRooms, r.FullYear)
	}
}

// Each council's part of the grants (CouncilMonth.GrantShare): the
// councils' parts add up to the month's grants, each is the grants times
// its share as shown to within a penny (none without a share), and its
// years and total are its months summed. On the built-in scenario the
// parts are those of Money.Allocate by the shares as shown (the route the
// paper took before the engine held them).
func TestGrantShares(t *testing.T) {
	check := func(t *testing.T, r *carecast.Result, allocate bool) {
		c := &checker{t: t}
		penny := decimal.New(1, -2)
		for _, mo := range r.Months {
			var sum carecast.Money
			weights := make([]decimal.Decimal, len(mo.Councils))
			for k, cm := range mo.Councils {
				sum = sum.Add(cm.GrantShare)
				weights[k] = cm.Share
				if d := cm.GrantShare.Decimal().Sub(mo.Grants.Decimal().Mul(cm.Share)).Abs(); d.GreaterThan(penny) {
					c.errorf("%s council %d: %s of grants %s at share %s", mo.Start, k, cm.GrantShare, mo.Grants, cm.Share)
				}
			}
			c.eq(mo.Start.String()+" councils' grant shares", sum, mo.Grants)
			if allocate && !mo.Grants.IsZero() {
				for k, want := range mo.Grants.Allocate(weights...) {
					c.eq(fmt.Sprintf("%s council %d grant share, allocated", mo.Start, k), mo.Councils[k].GrantShare, want)
				}
			}
		}
		for k, cr := range r.Councils {
			var total carecast.Money
			for i, y := range r.Years {
				var g carecast.Money
				for _, mo := range r.Months[y.First : y.Last+1] {
					g = g.Add(mo.Councils[k].GrantShare)
				}
				c.eq(fmt.Sprintf("council %d %s grant share", k, y.FY), cr.Years[i].GrantShare, g)
				c.eq(fmt.Sprintf("council %d %s savings less grants", k, y.FY), cr.Years[i].SavingsLessGrants(), cr.Years[i].Savings.Sub(g))
				total = total.Add(g)
			}
			c.eq(fmt.Sprintf("council %d grant share", k), cr.Total.GrantShare, total)
		}
	}
	r, err := forecast.Run(inputs.BuiltInScenario())
	if err != nil {
		t.Fatal(err)
	}
	if r.Total.Grants.IsZero() {
		t.Fatal("the built-in scenario has no grants to share")
	}
	check(t, r, true)
	grants := 0
	for seed := range uint64(60) {
		s := generated(seed)
		r, err := forecast.Run(s)
		if err != nil {
			t.Fatal(err)
		}
		if !r.Total.Grants.IsZero() {
			grants++
		}
		t.Run(fmt.Sprintf("seed=%d", seed), func(t *testing.T) { check(t, r, false) })
	}
	if grants < 10 {
		t.Errorf("only %d of 60 generated scenarios have grants", grants)
	}
}

// Each council's cash position and the councils' together are their
// years' pledges and spot purchasing avoided, the net effect and its
// running total; the worst year, the deepest point and the year the
// budget is back above nil found by a scan of the years; the councils'
// settlements summed.
func TestCashPositions(t *testing.T) {
	for seed := range uint64(40) {
		s := generated(seed)
		t.Run(fmt.Sprintf("seed=%d", seed), func(t *testing.T) {
			r, err := forecast.Run(s)
			if err != nil {
				t.Fatal(err)
			}
			c := &checker{t: t}
			scan := func(who string, p carecast.CashPosition, pledges, spot func(i int) carecast.Money) {
				worst, deepest, back := -1, -1, -1
				var cum, low carecast.Money
				for i := range r.Years {
					y := p.Years[i]
					net := spot(i).Sub(pledges(i))
					cum = cum.Add(net)
					c.eq(fmt.Sprintf("%s year %d pledges", who, i), y.Pledges, pledges(i))
					c.eq(fmt.Sprintf("%s year %d spot", who, i), y.SpotAvoided, spot(i))
					c.eq(fmt.Sprintf("%s year %d net", who, i), y.Net, net)
					c.eq(fmt.Sprintf("%s year %d cumulative", who, i), y.Cumulative, cum)
					if net.Sign() < 0 && (worst < 0 || net.Cmp(spot(worst).Sub(pledges(worst))) < 0) {
						worst = i
					}
					if cum.Sign() < 0 && (deepest < 0 || cum.Cmp(low) < 0) {
						deepest, low = i, cum
					}
				}
				for i := len(r.Years) - 1; i >= 0 && p.Years[i].Cumulative.Sign() >= 0; i-- {
					back = i
				}
				if p.Worst != worst || p.Deepest != deepest || p.BackFrom != back || !p.DeepestAmount.Equal(low) {
					c.errorf("%s: worst %d deepest %d (%s) back from %d; the scan finds %d, %d (%s), %d", who, p.Worst, p.Deepest, p.DeepestAmount, p.BackFrom, worst, deepest, low, back)
				}
			}
			scan("consortium", r.Cash, func(i int) carecast.Money { return r.Years[i].Pledges }, func(i int) carecast.Money { return r.Years[i].SpotAvoided })
			var set carecast.Money
			for _, cr := range r.Councils {
				scan(cr.Council.Code, cr.Cash, func(i int) carecast.Money { return cr.Years[i].Pledges }, func(i int) carecast.Money { return cr.Years[i].SpotAvoided })
				set = set.Add(cr.Settlement)
			}
			c.eq("settlement", r.Settlement, set)
		})
	}
}

// What trading unused rooms is worth (Result.TradingWorth): on
// examples/demand the savings with trading less those without, the
// consortium's and each council's, the councils adding up to the
// consortium's; nothing without Demand and Allocations.
func TestTradingWorth(t *testing.T) {
	s, _, err := inputs.Load("../examples/demand")
	if err != nil {
		t.Fatal(err)
	}
	r, err := forecast.Run(s)
	if err != nil {
		t.Fatal(err)
	}
	alloc, trade := r.SharingRunOf(carecast.SharingAllocated), r.SharingRunOf(carecast.SharingAllocatedTrade)
	if alloc == nil || trade == nil || alloc.Rule != carecast.SharingAllocated {
		t.Fatalf("runs %v", r.Sharing)
	}
	c := &checker{t: t}
	c.eq("consortium", r.TradingWorth, trade.Savings.Sub(alloc.Savings))
	var sum carecast.Money
	for k, cr := range r.Councils {
		c.eq(cr.Council.Code, cr.TradingWorth, trade.CouncilSavings[k].Sub(alloc.CouncilSavings[k]))
		sum = sum.Add(cr.TradingWorth)
	}
	c.eq("councils", sum, r.TradingWorth)
	if r.TradingWorth.IsZero() {
		t.Error("trading is worth nothing in examples/demand")
	}
	b, err := forecast.Run(inputs.BuiltInScenario())
	if err != nil {
		t.Fatal(err)
	}
	if !b.TradingWorth.IsZero() || b.SharingRunOf(carecast.SharingAllocated) != nil {
		t.Error("trading is worth something without Demand and Allocations")
	}
}
