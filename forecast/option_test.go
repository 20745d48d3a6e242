package forecast

import (
	"testing"

	"github.com/carecast/carecast"
	"github.com/shopspring/decimal"
)

// obScenario: one council over one year from 1 April 2019; one block room
// at £700 a week (£100 a day) in April and May only; the council occupies
// it, spot-purchasing at £1,400 a week (£200 a day); running costs of
// £1,200.06 a year from April to May; a £50 grant in April.
//
// April (30 days): block £3,000.00, spot avoided £6,000.00, running cost
// round(120006/12) = 10001 pence = £100.01, grant £50.00.
// May (31 days): block £3,100.00, spot £6,200.00, running cost
// round(2 x 120006/12) - 10001 = £100.00.
func obScenario(bias string) *carecast.Scenario {
	s := scenario(date(2019, 4, 1), 1, "700")
	s.Assumptions.OptimismBias = dec(bias)
	s.Councils = []carecast.Council{{Code: "A"}}
	s.Rooms = []carecast.RoomsRow{{From: date(2019, 4, 1), Rooms: 1}, {From: date(2019, 6, 1), Rooms: 0}}
	s.Occupancy = []carecast.OccupancyRow{{Council: 0, From: date(2019, 4, 1), RoomsOccupied: dec("1")}, {Council: 0, From: date(2019, 6, 1), RoomsOccupied: dec("0")}}
	s.SpotCosts = []carecast.SpotCost{{Council: 0, From: date(2019, 4, 1), WeeklyCost: dec("1400")}}
	s.Costs = []carecast.Cost{{Description: "team", From: date(2019, 4, 1), To: date(2019, 5, 31), AnnualAmount: money("1200.06")}}
	s.Grants = []carecast.Grant{{Date: date(2019, 4, 10), Amount: money("50")}}
	return s
}

// Optimism bias over two months. Savings are (6,000 - 3,000 - 100.01 + 50)
// + (6,200 - 3,100 - 100) = 2,949.99 + 3,000.00 = £5,949.99, all in model
// year 0, so NPV = £5,949.99.
// b = 0.41: April 6,000 - round(1.41 x 3,100.01 = 4,371.0141) + 50 =
// 6,000 - 4,371.01 + 50 = 1,678.99; May 6,200 - 1.41 x 3,200 = 6,200 -
// 4,512.00 = 1,688.00; NPV after optimism bias £3,366.99.
// b = 0.5: April 1.5 x 3,100.01 = 4,650.015 -> 4,650.02 (half away from
// zero), 6,000 - 4,650.02 + 50 = 1,399.98; May 6,200 - 4,800 = 1,400.00;
// £2,799.98. b = 0: the NPV itself.
func TestOptimismBiasTwoMonths(t *testing.T) {
	for _, c := range []struct{ bias, want string }{{"0", "5949.99"}, {"0.41", "3366.99"}, {"0.5", "2799.98"}} {
		r := run(t, obScenario(c.bias))
		eqMoney(t, "savings", r.Total.Savings, "5949.99")
		eqMoney(t, "NPV", r.NPV, "5949.99")
		eqMoney(t, "NPV after optimism bias "+c.bias, r.NPVAfterOptimismBias, c.want)
		// The cash forecast does not move.
		eqMoney(t, "block cost", r.Total.BlockCost, "6100.00")
		eqMoney(t, "closing fund", r.Total.ClosingFund, "-6250.01") // 50 - 6,100 - 200.01
	}
}

// Optimism bias is discounted like savings: the same two months a year
// later (model year 1) of a two-year scenario are worth 1/(1.02 x 1.035).
// b = 0.41: 3,366.99 / 1.0557 = 3,189.3436 -> £3,189.34.
func TestOptimismBiasDiscounted(t *testing.T) {
	s := obScenario("0.41")
	s.Assumptions.StartDate = date(2018, 4, 1)
	s.Assumptions.Years = 2
	s.Rooms = append([]carecast.RoomsRow{{From: date(2018, 4, 1), Rooms: 0}}, s.Rooms...)
	r := run(t, s)
	eqMoney(t, "NPV after optimism bias", r.NPVAfterOptimismBias, "3189.34")
	// 5,949.99 / 1.0557 = 5,636.0614 -> £5,636.06.
	eqMoney(t, "NPV", r.NPV, "5636.06")
}

// A wider benefit over a joiner's part year. Two councils over two years
// from 1 April 2019, two block rooms; A occupies none; B joins on 1
// October 2019 and occupies 2 rooms. The benefit: 0.5 missing-person
// episodes avoided a room-year, each worth £2,415.
//
// 2019/20, B's part year (183 days: October to March, February 2020 with
// 29 days): a month of d days brings 0.5 x 2d/365 = d/365 episodes, worth
// 2,415 x d/365 = 6.6164383... x d: 31 days 0.084932 episodes, £205.11
// (205.1096); 30 days 0.082192, £198.49 (198.4932); 29 days 0.079452,
// £191.88 (191.8767). Four 31-day months, one 30, one 29: 0.501372
// episodes (183/365 = 0.50137 exactly), £1,210.81.
// 2020/21, a whole year: seven 31-day months (£205.11, 0.084932), four
// 30-day (£198.49, 0.082192) and February 2021 with 28 days (£185.26,
// 0.076712): £2,414.99, 1.000004 episodes (the six-place roundings
// add up to a little over the exact 1).
// Present value: 1,210.81 + 2,414.99/1.035 = 1,210.81 + 2,333.3237 =
// 3,544.1337 -> £3,544.13 (discounted by the real rate only).
func TestWiderBenefitJoinerPartYear(t *testing.T) {
	s := scenario(date(2019, 4, 1), 2, "700")
	s.Councils = []carecast.Council{{Code: "A"}, {Code: "B"}}
	s.Rooms = []carecast.RoomsRow{{From: date(2019, 4, 1), Rooms: 2}}
	s.Occupancy = []carecast.OccupancyRow{{Council: 1, From: date(2019, 10, 1), RoomsOccupied: dec("2")}}
	s.SpotCosts = []carecast.SpotCost{{Council: 0, From: date(2019, 4, 1), WeeklyCost: dec("1400")}, {Council: 1, From: date(2019, 4, 1), WeeklyCost: dec("1400")}}
	s.Pledges = []carecast.Pledge{{Council: 1, From: date(2019, 4, 1), To: date(2021, 3, 31), AnnualAmount: carecast.Pounds(12000)}}
	s.WiderBenefits = []carecast.WiderBenefit{{Measure: "missing-person episodes avoided", Unit: "episodes",
		PerRoomYear: dec("0.5"), UnitValue: money("2415"), Bearer: "police", Source: "University of Portsmouth, 2012"}}
	without := *s
	without.WiderBenefits = nil
	base := run(t, &without)
	r := run(t, s)
	if len(r.Wider) != 1 {
		t.Fatalf("%d wider benefits, want 1", len(r.Wider))
	}
	w := r.Wider[0]
	eqQty := func(what string, got decimal.Decimal, want string) {
		t.Helper()
		if !got.Equal(dec(want)) {
			t.Errorf("%s quantity %s, want %s", what, got, want)
		}
	}
	eqMoney(t, "2019/20 value", w.Years[0].Value, "1210.81")
	eqQty("2019/20", w.Years[0].Quantity, "0.501372")
	eqMoney(t, "2020/21 value", w.Years[1].Value, "2414.99")
	eqQty("2020/21", w.Years[1].Quantity, "1.000004")
	eqMoney(t, "value", w.Value, "3625.80")
	eqQty("total", w.Quantity, "1.501376")
	eqMoney(t, "present value", w.PresentValue, "3544.13")
	eqMoney(t, "A's value", w.Councils[0].Value, "0.00")
	eqMoney(t, "A's present value", w.Councils[0].PresentValue, "0.00")
	eqMoney(t, "B's value", w.Councils[1].Value, "3625.80")
	eqMoney(t, "B's present value", w.Councils[1].PresentValue, "3544.13")
	eqMoney(t, "B's 2019/20", w.Councils[1].Years[0].Value, "1210.81")
	// Never added to a cash figure.
	eqMoney(t, "savings", r.Total.Savings, base.Total.Savings.String())
	eqMoney(t, "NPV", r.NPV, base.NPV.String())
	eqMoney(t, "fund", r.Total.ClosingFund, base.Total.ClosingFund.String())
}

// Leaving out a third council that pledged £18,000 a year (half the pool)
// and occupied nothing gives exactly the two-council forecast: its rows are
// dropped and the shares are 2/3 and 1/3 again, not 1/3 and 1/6.
func TestExcludeCouncilForecast(t *testing.T) {
	three := twoCouncils()
	three.Councils = append(three.Councils, carecast.Council{Code: "C", Name: "Gamma"})
	three.Pledges = append(three.Pledges, carecast.Pledge{Council: 2, From: date(2021, 1, 1), To: date(2021, 12, 31), AnnualAmount: carecast.Pounds(18000)})
	three.SpotCosts = append(three.SpotCosts, carecast.SpotCost{Council: 2, From: date(2021, 1, 1), WeeklyCost: dec("2000")})
	opt := &carecast.Option{ExcludeCouncils: []int{2}}
	got, want := run(t, opt.Apply(three)), run(t, twoCouncils())
	if len(got.Councils) != 2 {
		t.Fatalf("%d councils, want 2", len(got.Councils))
	}
	if !got.Months[0].Councils[0].Share.Equal(dec("0.6666666667")) {
		t.Errorf("A's share %s, want 2/3", got.Months[0].Councils[0].Share)
	}
	eqMoney(t, "savings", got.Total.Savings, want.Total.Savings.String())
	eqMoney(t, "NPV", got.NPV, want.NPV.String())
	for c := range 2 {
		eqMoney(t, "council savings", got.Councils[c].Total.Savings, want.Councils[c].Total.Savings.String())
		eqMoney(t, "council shared cost", got.Councils[c].Total.SharedCost, want.Councils[c].Total.SharedCost.String())
	}
}
