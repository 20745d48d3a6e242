package forecast

import (
	"testing"
	"time"

	"github.com/carecast/carecast"
	"github.com/carecast/carecast/inputs"
	"github.com/shopspring/decimal"
)

// Every expected figure in this file is worked out by hand in its comment.

var dec = decimal.RequireFromString

func date(y, m, d int) carecast.Date { return carecast.NewDate(y, time.Month(m), d) }

func money(s string) carecast.Money { return carecast.MustMoney(s) }

// scenario returns one-year assumptions from start with a weekly block price.
func scenario(start carecast.Date, years int, block string) *carecast.Scenario {
	a := carecast.DefaultAssumptions()
	a.Scenario = "test"
	a.StartDate = start
	a.Years = years
	a.BlockWeeklyPrice = dec(block)
	return &carecast.Scenario{Assumptions: a}
}

func run(t *testing.T, s *carecast.Scenario) *carecast.Result {
	t.Helper()
	r, err := Run(s)
	if err != nil {
		t.Fatal(err)
	}
	return r
}

func eqMoney(t *testing.T, what string, got carecast.Money, want string) {
	t.Helper()
	if !got.Equal(money(want)) {
		t.Errorf("%s = %s, want %s", what, got, want)
	}
}

// Two councils, three months. Block £700 a week (£100 a day), 2 rooms; A
// occupies 1 room and B half a room; spot £1,400 a week (£200 a day) for A,
// £1,050 (£150 a day) for B; pledges £12,000 and £6,000 a year (£1,000 and
// £500 a month), so shares are 2/3 and 1/3.
func twoCouncils() *carecast.Scenario {
	s := scenario(date(2021, 1, 1), 1, "700")
	s.Councils = []carecast.Council{{Code: "A", Name: "Alpha"}, {Code: "B", Name: "Beta"}}
	start, end := date(2021, 1, 1), date(2021, 12, 31)
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
		{Council: 0, From: start, WeeklyCost: dec("1400")},
		{Council: 1, From: start, WeeklyCost: dec("1050")},
	}
	return s
}

func TestTwoCouncilsThreeMonths(t *testing.T) {
	r := run(t, twoCouncils())
	type want struct {
		block, void, shared        string
		usedA, usedB, spotA, spotB string
		sharedA, sharedB           string
		savingsA, savingsB, fund   string
		positionA, positionB       string
		capacity, occupied         string
	}
	// January, 31 days: block 2 x 100 x 31 = 6,200; used A 3,100, B 1,550;
	// void 1,550 shared 2/3 : 1/3 = 1,033.333 : 516.666, floors 1,033.33
	// and 516.66 leave 1p, which goes to B (larger fraction). Attributed A
	// 4,133.33, B 2,066.67; spot A 200 x 31 = 6,200, B 0.5 x 150 x 31 =
	// 2,325; savings A 2,066.67, B 258.33. Fund 1,500 - 6,200 = -4,700;
	// positions A 1,000 - 4,133.33, B 500 - 2,066.67.
	// February, 28 days: block 5,600; used 2,800 and 1,400; void 1,400 =
	// 933.333 + 466.666, the 1p again to B; attributed 3,733.33 and
	// 1,866.67; spot 5,600 and 2,100; savings 1,866.67 and 233.33; fund
	// -4,700 + 1,500 - 5,600 = -8,800.
	// March is January again: fund -8,800 + 1,500 - 6,200 = -13,500.
	wants := []want{
		{"6200", "1550", "1550", "3100", "1550", "6200", "2325", "1033.33", "516.67", "2066.67", "258.33", "-4700", "-3133.33", "-1566.67", "62", "46.5"},
		{"5600", "1400", "1400", "2800", "1400", "5600", "2100", "933.33", "466.67", "1866.67", "233.33", "-8800", "-5866.66", "-2933.34", "56", "42"},
		{"6200", "1550", "1550", "3100", "1550", "6200", "2325", "1033.33", "516.67", "2066.67", "258.33", "-13500", "-8999.99", "-4500.01", "62", "46.5"},
	}
	for m, w := range wants {
		mo := r.Months[m]
		t.Run(mo.Start.String(), func(t *testing.T) {
			eqMoney(t, "block cost", mo.BlockCost, w.block)
			eqMoney(t, "void cost", mo.VoidCost, w.void)
			eqMoney(t, "shared cost", mo.SharedCost, w.shared)
			eqMoney(t, "used A", mo.Councils[0].UsedBlock, w.usedA)
			eqMoney(t, "used B", mo.Councils[1].UsedBlock, w.usedB)
			eqMoney(t, "spot A", mo.Councils[0].SpotAvoided, w.spotA)
			eqMoney(t, "spot B", mo.Councils[1].SpotAvoided, w.spotB)
			eqMoney(t, "shared A", mo.Councils[0].SharedCost, w.sharedA)
			eqMoney(t, "shared B", mo.Councils[1].SharedCost, w.sharedB)
			eqMoney(t, "savings A", mo.Councils[0].Savings, w.savingsA)
			eqMoney(t, "savings B", mo.Councils[1].Savings, w.savingsB)
			eqMoney(t, "fund", mo.ClosingFund, w.fund)
			eqMoney(t, "position A", mo.Councils[0].Position, w.positionA)
			eqMoney(t, "position B", mo.Councils[1].Position, w.positionB)
			if !mo.CapacityRoomDays.Equal(dec(w.capacity)) || !mo.OccupiedRoomDays.Equal(dec(w.occupied)) {
				t.Errorf("room-days = %s/%s, want %s/%s", mo.OccupiedRoomDays, mo.CapacityRoomDays, w.occupied, w.capacity)
			}
		})
	}
	// The year: 365 days, block 2 x 100 x 365 = 73,000; used A 36,500, B
	// 18,250; spot A 73,000, B 27,375; savings A + B = 100,375 - 73,000.
	eqMoney(t, "total block cost", r.Total.BlockCost, "73000")
	eqMoney(t, "total spot avoided", r.Total.SpotAvoided, "100375")
	eqMoney(t, "total savings", r.Total.Savings, "27375")
	eqMoney(t, "total pledges", r.Total.Pledges, "18000")
	// Settlement pays back the closing positions: -55,000 in all, the fund.
	eqMoney(t, "closing fund", r.Total.ClosingFund, "-55000")
	eqMoney(t, "settlements", r.Councils[0].Settlement.Add(r.Councils[1].Settlement), "-55000")
	// Break-even: lambda* = 73,000 / 100,375; occupancy 1.5 of 2 rooms, so
	// break-even occupancy = 0.75 x 73,000 / 100,375 = 0.5454545454...
	if got := r.BreakEvenOccupancy; !got.Equal(dec("0.5454545455")) {
		t.Errorf("break-even occupancy = %s, want 0.5454545455", got)
	}
	// One year: NPV is the undiscounted savings.
	eqMoney(t, "NPV", r.NPV, "27375")
}

// A month with a block price anniversary and a room change inside it.
// The block price is £700 a week on 15 March 2020 rising 10% a year, so
// £100 a day until 14 March 2021 and £110 a day from 15 March. One room
// from 1 March, two from 20 March. The spot price is £1,400 a week on 20
// March 2020 rising 5%: £200 a day, £210 a day from 20 March 2021.
func TestAnniversaryAndRoomChangeMidMonth(t *testing.T) {
	s := scenario(date(2021, 3, 1), 1, "700")
	s.Assumptions.BlockPriceDate = date(2020, 3, 15)
	s.Assumptions.BlockUplift = dec("0.10")
	s.Councils = []carecast.Council{{Code: "A"}}
	s.Rooms = []carecast.RoomsRow{{From: date(2021, 3, 1), Rooms: 1}, {From: date(2021, 3, 20), Rooms: 2}}
	s.Occupancy = []carecast.OccupancyRow{{Council: 0, From: date(2021, 3, 1), RoomsOccupied: dec("1")}}
	s.SpotCosts = []carecast.SpotCost{{Council: 0, From: date(2020, 3, 20), WeeklyCost: dec("1400"), AnnualInflation: dec("0.05")}}
	r := run(t, s)
	mo := r.Months[0]
	// Days 1-14: 1 room x 100 x 14 = 1,400; days 15-19: 1 x 110 x 5 = 550;
	// days 20-31: 2 x 110 x 12 = 2,640. Block cost 4,590.
	eqMoney(t, "block cost", mo.BlockCost, "4590")
	if !mo.CapacityRoomDays.Equal(dec("43")) {
		t.Errorf("capacity = %s room-days, want 14 + 5 + 24 = 43", mo.CapacityRoomDays)
	}
	if len(mo.Stretches) != 3 {
		t.Errorf("stretches = %+v, want 3", mo.Stretches)
	}
	// Used: 14 x 100 + 17 x 110 = 3,270; void 1,320.
	eqMoney(t, "used", mo.Councils[0].UsedBlock, "3270")
	eqMoney(t, "void", mo.VoidCost, "1320")
	// Spot: 19 x 200 + 12 x 210 = 6,320.
	eqMoney(t, "spot avoided", mo.Councils[0].SpotAvoided, "6320")
	// April: 30 days, 2 rooms at 110 = 6,600; used 3,300; spot 30 x 210.
	eqMoney(t, "April block cost", r.Months[1].BlockCost, "6600")
	eqMoney(t, "April spot", r.Months[1].Councils[0].SpotAvoided, "6300")
}

// A spot price quoted on 29 February 2020 rises on 1 March in years without
// a 29 February, and on 29 February itself in 2024.
func TestLeapDayAnniversary(t *testing.T) {
	s := scenario(date(2021, 2, 1), 4, "700")
	s.Councils = []carecast.Council{{Code: "A"}}
	s.Rooms = []carecast.RoomsRow{{From: date(2021, 2, 1), Rooms: 1}}
	s.Occupancy = []carecast.OccupancyRow{{Council: 0, From: date(2021, 2, 1), RoomsOccupied: dec("1")}}
	s.SpotCosts = []carecast.SpotCost{{Council: 0, From: date(2020, 2, 29), WeeklyCost: dec("700"), AnnualInflation: dec("0.10")}}
	r := run(t, s)
	// February 2021: 28 days at £100 (no anniversary yet) = 2,800.
	eqMoney(t, "Feb 2021", r.Months[0].Councils[0].SpotAvoided, "2800")
	// March 2021: the first anniversary falls on 1 March: 31 x 110.
	eqMoney(t, "Mar 2021", r.Months[1].Councils[0].SpotAvoided, "3410")
	// February 2024 (month 36): 28 days at 100 x 1.1^3 = 133.1, then 29
	// February at 100 x 1.1^4 = 146.41: 3,726.80 + 146.41 = 3,873.21.
	eqMoney(t, "Feb 2024", r.Months[36].Councils[0].SpotAvoided, "3873.21")
	for _, c := range []struct {
		to   carecast.Date
		want int
	}{
		{date(2021, 2, 28), 0}, {date(2021, 3, 1), 1}, {date(2024, 2, 28), 3},
		{date(2024, 2, 29), 4}, {date(2020, 2, 28), -1},
	} {
		if got := date(2020, 2, 29).WholeYears(c.to); got != c.want {
			t.Errorf("whole years from 2020-02-29 to %s = %d, want %d", c.to, got, c.want)
		}
	}
}

// A grant larger than the month's costs makes the shared cost negative; it
// is shared by largest remainder with ties to the earlier council.
// Three councils pledge £1,200 a year each (equal shares); one room at £700
// a week, no Occupancy rows, so each council occupies 0.9 x 1/3 room.
// April 2021 (30 days): block 3,000; used 900 each; void 300; a £10,000
// grant: shared -9,700, a third each is -3,233.333..., floors -3,233.34
// (sum -9,700.02) leave 2p, which go to the first two councils (equal
// fractions: ties to the earlier). Spot £1,400 a week: 0.3 x 200 x 30 =
// 1,800 each.
func TestNegativeSharedCostAndTieRule(t *testing.T) {
	start := date(2021, 4, 1)
	s := scenario(start, 1, "700")
	for i, code := range []string{"A", "B", "C"} {
		s.Councils = append(s.Councils, carecast.Council{Code: code})
		s.Pledges = append(s.Pledges, carecast.Pledge{Council: i, From: start, To: date(2022, 3, 31), AnnualAmount: carecast.Pounds(1200)})
		s.SpotCosts = append(s.SpotCosts, carecast.SpotCost{Council: i, From: start, WeeklyCost: dec("1400")})
	}
	s.Rooms = []carecast.RoomsRow{{From: start, Rooms: 1}}
	s.Grants = []carecast.Grant{{Date: date(2021, 4, 15), Amount: carecast.Pounds(10000)}}
	r := run(t, s)
	mo := r.Months[0]
	eqMoney(t, "shared", mo.SharedCost, "-9700")
	for c, want := range []struct{ shared, attributed, savings string }{
		{"-3233.33", "-2333.33", "4133.33"},
		{"-3233.33", "-2333.33", "4133.33"},
		{"-3233.34", "-2333.34", "4133.34"},
	} {
		cm := mo.Councils[c]
		eqMoney(t, "used", cm.UsedBlock, "900")
		eqMoney(t, "spot", cm.SpotAvoided, "1800")
		eqMoney(t, "shared part", cm.SharedCost, want.shared)
		eqMoney(t, "attributed", cm.AttributedCost, want.attributed)
		eqMoney(t, "savings", cm.Savings, want.savings)
	}
	if !mo.Councils[0].Share.Equal(dec("0.3333333333")) {
		t.Errorf("share = %s", mo.Councils[0].Share)
	}
}

// Weekly prices are per day /7, rounded once per month: one room at £1,000
// a week for 31 days is 31,000/7 = 4,428.571428... = £4,428.57; half a
// penny rounds away from zero.
func TestDivisionBySevenRoundsOnce(t *testing.T) {
	s := scenario(date(2021, 1, 1), 1, "1000")
	s.Councils = []carecast.Council{{Code: "A"}}
	s.Rooms = []carecast.RoomsRow{{From: date(2021, 1, 1), Rooms: 1}}
	s.Occupancy = []carecast.OccupancyRow{{Council: 0, From: date(2021, 1, 1), RoomsOccupied: dec("0.5")}}
	// 0.5 x 0.07 x 31 / 7 = 0.155: exactly half a penny over 15p.
	s.SpotCosts = []carecast.SpotCost{{Council: 0, From: date(2021, 1, 1), WeeklyCost: dec("0.07")}}
	r := run(t, s)
	eqMoney(t, "block cost", r.Months[0].BlockCost, "4428.57")
	eqMoney(t, "used", r.Months[0].Councils[0].UsedBlock, "2214.29") // 15,500/7 = 2,214.2857
	eqMoney(t, "spot", r.Months[0].Councils[0].SpotAvoided, "0.16")
}

// Instalments: £650,000 a year is round(650,000 x (j+1)/12) -
// round(650,000 x j/12): 54,166.67, 54,166.66, 54,166.67, ... twelve of
// them make 650,000 exactly. A window from 15 April pays from May; `to`
// is inclusive, so a window to 1 June pays in June.
func TestInstalments(t *testing.T) {
	start := date(2021, 4, 1)
	s := scenario(start, 2, "700")
	s.Councils = []carecast.Council{{Code: "A"}, {Code: "B"}}
	s.Pledges = []carecast.Pledge{
		{Council: 0, From: start, To: date(2023, 3, 31), AnnualAmount: carecast.Pounds(650000)},
		{Council: 1, From: date(2021, 4, 15), To: date(2021, 6, 1), AnnualAmount: carecast.Pounds(1000)},
	}
	s.Costs = []carecast.Cost{{From: date(2020, 10, 1), To: date(2021, 5, 31), AnnualAmount: carecast.Pounds(100)}}
	r := run(t, s)
	for m, want := range []string{"54166.67", "54166.66", "54166.67", "54166.67", "54166.66", "54166.67"} {
		eqMoney(t, "instalment", r.Months[m].Councils[0].Pledges, want)
	}
	eqMoney(t, "A's first financial year", r.Councils[0].Years[0].Pledges, "650000")
	eqMoney(t, "A's pledges", r.Councils[0].Total.Pledges, "1300000")
	// B: May instalment j=0: round(83.333) = 83.33; June j=1: 166.67 - 83.33.
	for m, want := range []string{"0", "83.33", "83.34", "0"} {
		eqMoney(t, "B instalment", r.Months[m].Councils[1].Pledges, want)
	}
	// The cost began in October 2020, so April 2021 is its instalment j=6:
	// round(100 x 7/12) - round(100 x 6/12) = 58.33 - 50 = 8.33; May j=7:
	// 66.67 - 58.33 = 8.34.
	eqMoney(t, "cost April", r.Months[0].OtherCosts, "8.33")
	eqMoney(t, "cost May", r.Months[1].OtherCosts, "8.34")
	eqMoney(t, "cost June", r.Months[2].OtherCosts, "0")
}

// NPV: savings in model year k are divided by (1.02 x 1.035)^k = 1.0557^k.
// Two years of the two-council scenario: savings 27,375 a year in both (the
// second year has 365 days too), so NPV = 27,375 + 27,375/1.0557 =
// 27,375 + 25,930.662... = 53,305.66.
func TestNPV(t *testing.T) {
	s := twoCouncils()
	s.Assumptions.Years = 2
	s.Pledges[0].To, s.Pledges[1].To = date(2022, 12, 31), date(2022, 12, 31)
	r := run(t, s)
	eqMoney(t, "savings year 0", r.ModelYears[0].Savings, "27375")
	eqMoney(t, "savings year 1", r.ModelYears[1].Savings, "27375")
	eqMoney(t, "NPV", r.NPV, "53305.66")
	// Councils' NPVs add up to the consortium's.
	eqMoney(t, "council NPVs", r.Councils[0].NPV.Add(r.Councils[1].NPV), "53305.66")
	// A's NPV is within a penny of its savings in model year 0 plus those
	// of model year 1 over 1.0557 (model years are Jan-Dec here, not
	// financial years).
	var a0, a1 carecast.Money
	for m, mo := range r.Months {
		if m < 12 {
			a0 = a0.Add(mo.Councils[0].Savings)
		} else {
			a1 = a1.Add(mo.Councils[0].Savings)
		}
	}
	exact := a0.Decimal().Add(a1.Decimal().DivRound(dec("1.0557"), 10))
	if diff := exact.Sub(r.Councils[0].NPV.Decimal()).Abs(); diff.GreaterThan(dec("0.01")) {
		t.Errorf("A's NPV %s, exact %s", r.Councils[0].NPV, exact)
	}
}

// Default occupancy with shares from the share column: O_c = rate x R x s_c.
// Shares 3 and 1 (normalised 0.75 and 0.25), rate 0.8, 2 rooms at £700 a
// week in April 2021: block 6,000; A occupies 1.2 rooms: used 3,600, B 0.4
// rooms: used 1,200; void 1,200 shared 900 : 300.
func TestShareColumnAndDefaultOccupancy(t *testing.T) {
	start := date(2021, 4, 1)
	s := scenario(start, 1, "700")
	s.Assumptions.OccupancyRate = dec("0.8")
	s.Councils = []carecast.Council{{Code: "A", Share: dec("3"), HasShare: true}, {Code: "B", Share: dec("1"), HasShare: true}}
	s.Rooms = []carecast.RoomsRow{{From: start, Rooms: 2}}
	s.SpotCosts = []carecast.SpotCost{{Council: 0, From: start, WeeklyCost: dec("1400")}, {Council: 1, From: start, WeeklyCost: dec("1400")}}
	r := run(t, s)
	mo := r.Months[0]
	eqMoney(t, "block", mo.BlockCost, "6000")
	eqMoney(t, "used A", mo.Councils[0].UsedBlock, "3600")
	eqMoney(t, "used B", mo.Councils[1].UsedBlock, "1200")
	eqMoney(t, "shared A", mo.Councils[0].SharedCost, "900")
	eqMoney(t, "shared B", mo.Councils[1].SharedCost, "300")
	eqMoney(t, "spot A", mo.Councils[0].SpotAvoided, "7200")
	if !mo.Councils[0].OccupiedRoomDays.Equal(dec("36")) {
		t.Errorf("A occupied %s room-days, want 1.2 x 30 = 36", mo.Councils[0].OccupiedRoomDays)
	}
}

func TestAllocateLargestRemainder(t *testing.T) {
	for _, c := range []struct {
		name    string
		weights []string
		amount  int64
		want    []int64
	}{
		{"equal thirds, tie to earliest", []string{"1", "1", "1"}, 100, []int64{34, 33, 33}},
		{"negative, floors then leftover", []string{"1", "1", "1"}, -100, []int64{-33, -33, -34}},
		{"largest fraction wins", []string{"1", "2"}, 100, []int64{33, 67}},
		{"zero weight gets nothing", []string{"0", "1", "1"}, 3, []int64{0, 2, 1}},
		{"fractional weights", []string{"0.125", "0.875"}, 1, []int64{0, 1}},
	} {
		t.Run(c.name, func(t *testing.T) {
			sh := shares{total: decimal.Zero}
			for _, w := range c.weights {
				sh.w = append(sh.w, dec(w))
				sh.total = sh.total.Add(dec(w))
			}
			got := allocateShares(sh.withShown(), c.amount, nil)
			for i := range got {
				if got[i] != c.want[i] {
					t.Fatalf("got %v, want %v", got, c.want)
				}
			}
		})
	}
}

// The built-in scenario reproduces the seed's headline: eight councils
// pledge £650,000 a year for eight years, £41,600,000 exactly, and once
// all 35 rooms are in use the consortium saves over £1 million a year.
func TestBuiltInHeadline(t *testing.T) {
	r := run(t, inputs.BuiltInScenario())
	eqMoney(t, "pledged", r.Total.Pledges, "41600000")
	if len(r.Councils) != 8 {
		t.Fatalf("%d councils, want 8", len(r.Councils))
	}
	for _, c := range r.Councils {
		eqMoney(t, c.Council.Name+" pledged", c.Total.Pledges, "5200000")
		for _, y := range c.Years {
			eqMoney(t, c.Council.Name+" "+y.FY.String(), y.Pledges, "650000")
		}
	}
	full := 0
	for _, y := range r.Years {
		all35 := true
		for m := y.First; m <= y.Last; m++ {
			for _, st := range r.Months[m].Stretches {
				all35 = all35 && st.Rooms == 35
			}
		}
		if !all35 {
			continue
		}
		full++
		if y.Savings.Cmp(carecast.Pounds(1000000)) <= 0 {
			t.Errorf("%s: savings %s with all 35 rooms in use, want over £1,000,000", y.FY, y.Savings.Format())
		}
	}
	if full != 6 {
		t.Errorf("%d financial years with all 35 rooms, want 6 (2021/22 to 2026/27)", full)
	}
}
