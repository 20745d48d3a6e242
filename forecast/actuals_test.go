package forecast

import (
	"testing"

	"github.com/carecast/carecast"
)

// actualsExample is the worked example of docs/methodology.md §15: two
// councils and two rooms from 1 April 2019 at £700 a room-week (£100 a
// day); A occupies 1 room and B half a room; A's spot price is £1,400 a
// week (£200 a day), quoted on 16 May 2018 with 10% a year, so £1,540 (£220
// a day) from 16 May 2019; B's £2,100 a week (£300 a day); pledges
// £12,000 and £6,000 a year (£1,000 and £500 a month); running costs
// £1,200 a year (£100 a month). May 2019 is an actual month: the
// provider invoiced £6,200.00 and credited £300.00 (block_cost
// £5,900.00), A's children occupied 40 room-days, A paid £1,200.00 in,
// the running costs came to £130.00; B's occupancy and pledge, the
// capacity and the grants are not given, so their forecasts stand.
func actualsExample() *carecast.Scenario {
	s := scenario(date(2019, 4, 1), 1, "700")
	start, end := date(2019, 4, 1), date(2020, 3, 31)
	s.Councils = []carecast.Council{{Code: "A", Name: "Alpha"}, {Code: "B", Name: "Beta"}}
	s.Pledges = []carecast.Pledge{
		{Council: 0, From: start, To: end, AnnualAmount: carecast.Pounds(12000)},
		{Council: 1, From: start, To: end, AnnualAmount: carecast.Pounds(6000)},
	}
	s.Rooms = []carecast.RoomsRow{{From: start, Rooms: 2}}
	s.Occupancy = []carecast.OccupancyRow{
		{Council: 0, From: start, RoomsOccupied: dec("1")},
		{Council: 1, From: start, RoomsOccupied: dec("0.5")},
	}
	s.SpotCosts = []carecast.SpotCost{
		{Council: 0, From: date(2018, 5, 16), WeeklyCost: dec("1400"), AnnualInflation: dec("0.1")},
		{Council: 1, From: start, WeeklyCost: dec("2100")},
	}
	s.Costs = []carecast.Cost{{Description: "team", From: start, To: end, AnnualAmount: carecast.Pounds(1200)}}
	may := date(2019, 5, 1)
	s.Actuals = []carecast.Actual{
		{Month: date(2019, 5, 20), Item: carecast.ActualBlockCost, Council: -1, Value: dec("5900.00")},
		{Month: may, Item: carecast.ActualOccupiedRoomDays, Council: 0, Value: dec("40")},
		{Month: may, Item: carecast.ActualPledges, Council: 0, Value: dec("1200")},
		{Month: may, Item: carecast.ActualOtherCosts, Council: -1, Value: dec("130")},
	}
	for i := range s.Actuals {
		s.Actuals[i].Month = carecast.MonthStart(s.Actuals[i].Month)
	}
	return s
}

func TestActualMonthByHand(t *testing.T) {
	s := actualsExample()
	r := run(t, s)
	if got, want := r.AsAt, date(2019, 5, 31); got != want {
		t.Errorf("as at %s, want %s", got, want)
	}
	for m, mo := range r.Months {
		if mo.Actual != (m == 1) {
			t.Errorf("month %d: actual %v", m, mo.Actual)
		}
	}
	if got := r.Years[0].ActualMonths; got != 1 {
		t.Errorf("actual months in 2019/20: %d, want 1", got)
	}
	// May, 31 days. Capacity (forecast) 2 x 31 = 62 room-days; A 40
	// (actual), B 0.5 x 31 = 15.5 (forecast): 55.5, within it.
	// Used block: 5,900 x 40 / 62 = 3,806.4516 -> 3,806.45 (A);
	// 5,900 x 15.5 / 62 = 1,475.00 (B); void 5,900 - 5,281.45 = 618.55.
	// Spot avoided: A's mean weekly price over May is (15 x 1,400 + 16 x
	// 1,540) / 31 = 45,640 / 31, so 40 x 45,640 / (31 x 7) = 8,412.903 ->
	// 8,412.90; B 15.5 x 300 = 4,650.00.
	// Shares from the pledges as paid: 1,200 and 500, 12/17 and 5/17.
	// Shared cost 618.55 + 130.00 = 748.55 = 74,855p: A 898,260/17 =
	// 52,838.82 -> 52,838 and B 374,275/17 = 22,016.18 -> 22,016 leave 1p,
	// to A (larger remainder): 528.39 and 220.16.
	// Attributed A 3,806.45 + 528.39 = 4,334.84, B 1,475.00 + 220.16 =
	// 1,695.16 (together 6,030.00 = 5,900 + 130). Savings A 8,412.90 -
	// 4,334.84 = 4,078.06; B 4,650.00 - 1,695.16 = 2,954.84; 7,032.90.
	// Fund: April -4,600.00 (1,500 - 6,000 - 100), May 1,700 - 5,900 - 130
	// = -4,330.00, -8,930.00.
	may := r.Months[1]
	for _, c := range []struct {
		what string
		got  carecast.Money
		want string
	}{
		{"block", may.BlockCost, "5900.00"},
		{"used", may.UsedBlock, "5281.45"},
		{"void", may.VoidCost, "618.55"},
		{"other", may.OtherCosts, "130.00"},
		{"pledges", may.Pledges, "1700.00"},
		{"spot", may.SpotAvoided, "13062.90"},
		{"shared", may.SharedCost, "748.55"},
		{"attributed", may.AttributedCost, "6030.00"},
		{"savings", may.Savings, "7032.90"},
		{"fund", may.ClosingFund, "-8930.00"},
		{"A used", may.Councils[0].UsedBlock, "3806.45"},
		{"B used", may.Councils[1].UsedBlock, "1475.00"},
		{"A spot", may.Councils[0].SpotAvoided, "8412.90"},
		{"B spot", may.Councils[1].SpotAvoided, "4650.00"},
		{"A shared", may.Councils[0].SharedCost, "528.39"},
		{"B shared", may.Councils[1].SharedCost, "220.16"},
		{"A attributed", may.Councils[0].AttributedCost, "4334.84"},
		{"B attributed", may.Councils[1].AttributedCost, "1695.16"},
		{"A savings", may.Councils[0].Savings, "4078.06"},
		{"B savings", may.Councils[1].Savings, "2954.84"},
		{"A pledges", may.Councils[0].Pledges, "1200.00"},
		{"B pledges", may.Councils[1].Pledges, "500.00"},
	} {
		eqMoney(t, "May "+c.what, c.got, c.want)
	}
	if !may.CapacityRoomDays.Equal(dec("62")) || !may.OccupiedRoomDays.Equal(dec("55.5")) {
		t.Errorf("May room-days: capacity %s occupied %s, want 62 and 55.5", may.CapacityRoomDays, may.OccupiedRoomDays)
	}
	if !may.Councils[1].OccupiedRoomDays.Equal(dec("15.5")) {
		t.Errorf("May B occupied %s, want its forecast 15.5", may.Councils[1].OccupiedRoomDays)
	}

	// Every forecast month is the forecast's without the Actuals, but for
	// the fund carried from May.
	s.Actuals = nil
	plain := run(t, s)
	for m := range r.Months {
		if m == 1 {
			continue
		}
		got, want := r.Months[m].Figures, plain.Months[m].Figures
		got.OpeningFund, got.ClosingFund, want.OpeningFund, want.ClosingFund = zeroMoney, zeroMoney, zeroMoney, zeroMoney
		if !figuresEqual(got, want) {
			t.Errorf("month %d: %+v, want the forecast's %+v", m, got, want)
		}
	}
	// The forecast May for contrast: block 6,200.00; A's spot priced day
	// by day, 15 x 200 + 16 x 220 = 6,520.00.
	eqMoney(t, "forecast May block", plain.Months[1].BlockCost, "6200.00")
	eqMoney(t, "forecast May A spot", plain.Months[1].Councils[0].SpotAvoided, "6520.00")
}

var zeroMoney carecast.Money

// figuresEqual compares two months' figures, money by value.
func figuresEqual(a, b carecast.Figures) bool {
	ms := [][2]carecast.Money{{a.Pledges, b.Pledges}, {a.Grants, b.Grants}, {a.OtherCosts, b.OtherCosts},
		{a.BlockCost, b.BlockCost}, {a.UsedBlock, b.UsedBlock}, {a.VoidCost, b.VoidCost}, {a.SpotAvoided, b.SpotAvoided},
		{a.SharedCost, b.SharedCost}, {a.AttributedCost, b.AttributedCost}, {a.Savings, b.Savings},
		{a.OverflowCost, b.OverflowCost}, {a.OpeningFund, b.OpeningFund}, {a.ClosingFund, b.ClosingFund}}
	for _, m := range ms {
		if !m[0].Equal(m[1]) {
			return false
		}
	}
	return a.CapacityRoomDays.Equal(b.CapacityRoomDays) && a.OccupiedRoomDays.Equal(b.OccupiedRoomDays) &&
		a.OverflowRoomDays.Equal(b.OverflowRoomDays)
}
