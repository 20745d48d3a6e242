package monitor_test

import (
	"testing"

	"github.com/carecast/carecast"
	"github.com/carecast/carecast/monitor"
	"github.com/shopspring/decimal"
)

var thresholds = carecast.RAGThresholds{Amber: decimal.RequireFromString("0.02"), Red: decimal.RequireFromString("0.05")}

// series is an empty series of n months from start for the councils.
func series(source string, start carecast.Date, n int, councils ...string) *carecast.MonitorSeries {
	s := &carecast.MonitorSeries{Source: source, Councils: councils, OpeningPositions: make([]carecast.Money, len(councils))}
	for i := range n {
		s.Months = append(s.Months, carecast.MonitorMonth{Start: start.AddMonths(i),
			Councils: make([]carecast.LineFigures, len(councils)), CouncilsOccupied: make([]decimal.Decimal, len(councils))})
	}
	return s
}

// set puts a council's flow of line in month i and adds it to the
// consortium's; occupied room-days likewise.
func set(s *carecast.MonitorSeries, i, c int, line carecast.MonitorLine, pounds string, days string) {
	m := &s.Months[i]
	v := carecast.MustMoney(pounds)
	m.Councils[c][line] = m.Councils[c][line].Add(v)
	m.Consortium[line] = m.Consortium[line].Add(v)
	if days != "" {
		d := decimal.RequireFromString(days)
		m.CouncilsOccupied[c] = m.CouncilsOccupied[c].Add(d)
		m.Occupied = m.Occupied.Add(d)
	}
}

func money(s string) carecast.Money { return carecast.MustMoney(s) }

var (
	apr2020     = carecast.Date{Year: 2020, Month: 4, Day: 1}
	nov30       = carecast.Date{Year: 2020, Month: 11, Day: 30}
	twoCouncils = []carecast.Council{{Code: "HAV", Name: "Havering"}, {Code: "BAD", Name: "Barking and Dagenham"}}
)

// TestSpotExplainedByHand is the worked example of docs/methodology.md
// §18. Havering budgeted 1,000 room-days to date at £500 a day
// (£500,000); it used 900 at £510 (£459,000): £41,000 less spot
// purchasing avoided, of which volume (900 - 1,000) x £500 = -£50,000
// and price 900 x (£510 - £500) = £9,000. Barking and Dagenham budgeted
// 3 room-days for £1,000.00 (£333.33... a day) and used 4 for £1,400.00:
// £400.00 more, volume (4 - 3) x £333.333... = £333.33 to the penny, and
// the price the rest, £66.67 (4 x (£350 - £333.333...) = £66.666...).
// The consortium's are the councils' added up.
func TestSpotExplainedByHand(t *testing.T) {
	budget := series(monitor.Plan, apr2020, 12, "HAV", "BAD")
	outturn := series("outturn", apr2020, 12, "HAV", "BAD")
	// Spread over two months to date and one after (which does not count).
	set(budget, 0, 0, carecast.LineSpotAvoided, "200000", "400")
	set(budget, 7, 0, carecast.LineSpotAvoided, "300000", "600")
	set(budget, 8, 0, carecast.LineSpotAvoided, "999999", "999")
	set(outturn, 0, 0, carecast.LineSpotAvoided, "153000", "300")
	set(outturn, 7, 0, carecast.LineSpotAvoided, "306000", "600")
	set(outturn, 8, 0, carecast.LineSpotAvoided, "1", "1")
	set(budget, 3, 1, carecast.LineSpotAvoided, "1000", "3")
	set(outturn, 3, 1, carecast.LineSpotAvoided, "1400", "4")
	m, err := monitor.Build("test", twoCouncils, budget, outturn, monitor.Options{AsAt: nov30, Thresholds: thresholds})
	if err != nil {
		t.Fatal(err)
	}
	want := []struct {
		council                 int
		variance, volume, price string
	}{
		{-1, "-40600", "-49666.67", "9066.67"},
		{0, "-41000", "-50000", "9000"},
		{1, "400", "333.33", "66.67"},
	}
	if len(m.Explained) != 3 {
		t.Fatalf("%d explained, want 3", len(m.Explained))
	}
	for i, w := range want {
		e := m.Explained[i]
		if e.Council != w.council || !e.Variance().Equal(money(w.variance)) || !e.Volume.Equal(money(w.volume)) || !e.Price.Equal(money(w.price)) {
			t.Errorf("explained %d: council %d variance %s volume %s price %s; want council %d variance %s volume %s price %s",
				i, e.Council, e.Variance(), e.Volume, e.Price, w.council, w.variance, w.volume, w.price)
		}
	}
	// The variance to date of the spot purchasing avoided is the same.
	if v := m.Find(carecast.ScopeYear, -1, carecast.LineSpotAvoided); !v.VarianceToDate.Equal(money("-40600")) {
		t.Errorf("variance to date %s, want -40600.00", v.VarianceToDate)
	}
}

// TestExplainedNoBudgetDays: with no room-days budgeted there is no
// budget price, and the variance is all volume.
func TestExplainedNoBudgetDays(t *testing.T) {
	budget := series(monitor.Plan, apr2020, 12, "HAV", "BAD")
	outturn := series("outturn", apr2020, 12, "HAV", "BAD")
	set(outturn, 2, 0, carecast.LineSpotAvoided, "5000", "10")
	m, err := monitor.Build("test", twoCouncils, budget, outturn, monitor.Options{AsAt: nov30, Thresholds: thresholds})
	if err != nil {
		t.Fatal(err)
	}
	if e := m.Explained[1]; !e.Volume.Equal(money("5000")) || !e.Price.IsZero() {
		t.Errorf("volume %s price %s, want 5000.00 and 0.00", e.Volume, e.Price)
	}
}

// TestLinesByHand works a year's lines by hand: a budget of £100,000 of
// pledges from each council a month for 2020/21, of which Barking and
// Dagenham's November instalment is paid in December (late), and running
// costs £10,000 a month budgeted, £10,300 actual to date and forecast
// after.
func TestLinesByHand(t *testing.T) {
	budget := series(monitor.Plan, apr2020, 24, "HAV", "BAD")
	outturn := series("outturn", apr2020, 24, "HAV", "BAD")
	for i := range 24 {
		for c := range 2 {
			set(budget, i, c, carecast.LinePledges, "100000", "")
			if !(c == 1 && i == 7) {
				set(outturn, i, c, carecast.LinePledges, "100000", "")
			}
		}
		if i == 8 {
			set(outturn, i, 1, carecast.LinePledges, "100000", "")
		}
		budget.Months[i].Consortium[carecast.LineOtherCosts] = money("10000")
		outturn.Months[i].Consortium[carecast.LineOtherCosts] = money("10300")
	}
	// The fund: pledges less running costs, month by month, opening at
	// £50,000 split equally.
	for _, s := range []*carecast.MonitorSeries{budget, outturn} {
		s.OpeningFund, s.OpeningPositions = money("50000"), []carecast.Money{money("25000"), money("25000")}
		fund, pos := s.OpeningFund, append([]carecast.Money{}, s.OpeningPositions...)
		for i := range s.Months {
			m := &s.Months[i]
			fund = fund.Add(m.Consortium[carecast.LinePledges]).Sub(m.Consortium[carecast.LineOtherCosts])
			m.Consortium[carecast.LineClosingFund] = fund
			for c := range 2 {
				// Each council bears half the running costs.
				half := m.Consortium[carecast.LineOtherCosts].Decimal().Div(decimal.NewFromInt(2))
				m.Councils[c][carecast.LineAttributedCost] = carecast.MoneyOf(half)
				pos[c] = pos[c].Add(m.Councils[c][carecast.LinePledges]).Sub(carecast.MoneyOf(half))
				m.Councils[c][carecast.LineClosingFund] = pos[c]
			}
		}
	}
	m, err := monitor.Build("test", twoCouncils, budget, outturn, monitor.Options{AsAt: nov30, Thresholds: thresholds})
	if err != nil {
		t.Fatal(err)
	}
	if m.Year != 2020 || m.MonthsToDate() != 8 {
		t.Fatalf("year %s, %d months to date; want 2020/21 and 8", m.Year, m.MonthsToDate())
	}
	check := func(scope carecast.Scope, c int, line carecast.MonitorLine, budget, btd, atd, outturn, pct string, rag carecast.RAG) {
		t.Helper()
		v := m.Find(scope, c, line)
		if v == nil {
			t.Fatalf("no %s %d %s", scope, c, line.Key())
		}
		got := []carecast.Money{v.Budget, v.BudgetToDate, v.ActualToDate, v.Outturn, v.VarianceToDate, v.Variance}
		wantM := []carecast.Money{money(budget), money(btd), money(atd), money(outturn), money(atd).Sub(money(btd)), money(outturn).Sub(money(budget))}
		for k := range got {
			if !got[k].Equal(wantM[k]) {
				t.Errorf("%s %d %s: figure %d = %s, want %s", scope, c, line.Key(), k, got[k], wantM[k])
			}
		}
		if pct == "" {
			if v.PctDefined {
				t.Errorf("%s %d %s: pct %s, want none", scope, c, line.Key(), v.Pct)
			}
		} else if !v.PctDefined || !v.Pct.Equal(decimal.RequireFromString(pct)) {
			t.Errorf("%s %d %s: pct %s, want %s", scope, c, line.Key(), v.Pct, pct)
		}
		if v.RAG != rag {
			t.Errorf("%s %d %s: RAG %s, want %s", scope, c, line.Key(), v.RAG, rag)
		}
	}
	// Pledges for the year: 12 x £200,000 budget; to date 8 x £200,000
	// budgeted, £100,000 short actual; outturn on budget (paid in December).
	check(carecast.ScopeYear, -1, carecast.LinePledges, "2400000", "1600000", "1500000", "2400000", "0", carecast.RAGGreen)
	check(carecast.ScopeYear, 1, carecast.LinePledges, "1200000", "800000", "700000", "1200000", "0", carecast.RAGGreen)
	// Running costs: 3% over budget: amber; over the horizon the same 3%.
	check(carecast.ScopeYear, -1, carecast.LineOtherCosts, "120000", "80000", "82400", "123600", "0.03", carecast.RAGAmber)
	check(carecast.ScopeHorizon, -1, carecast.LineOtherCosts, "240000", "80000", "82400", "247200", "0.03", carecast.RAGAmber)
	// No grants: no budget, no percentage, no rating.
	check(carecast.ScopeYear, -1, carecast.LineGrants, "0", "0", "0", "0", "", carecast.RAGNone)
	// The fund at 31 March 2021: £50,000 + 12 x (£200,000 - £10,000) =
	// £2,330,000 budgeted; the outturn £3,600 less. To date (30 November):
	// £50,000 + 8 x £190,000 = £1,570,000 budgeted, £1,467,600 actual
	// (£100,000 late and £2,400 more running costs).
	check(carecast.ScopeYear, -1, carecast.LineClosingFund, "2330000", "1570000", "1467600", "2326400", "-0.001545", carecast.RAGGreen)
	// Barking and Dagenham's position: £25,000 + 12 x £95,000 = £1,165,000;
	// to date £25,000 + 8 x £95,000 = £785,000 budgeted; £100,000 late and
	// £1,200 more cost: £683,800; the year's outturn £1,163,200.
	check(carecast.ScopeYear, 1, carecast.LineClosingFund, "1165000", "785000", "683800", "1163200", "-0.001545", carecast.RAGGreen)
	// The horizon: 24 months, the fund closing at £50,000 + 24 x £190,000.
	check(carecast.ScopeHorizon, -1, carecast.LineClosingFund, "4610000", "1570000", "1467600", "4602800", "-0.001562", carecast.RAGGreen)

	// The year 2021/22 seen from 30 November 2020: nothing to date; its
	// opening balance (31 March 2021) is the balance to date.
	m2, err := monitor.Build("test", twoCouncils, budget, outturn, monitor.Options{AsAt: nov30, Year: 2021, Thresholds: thresholds})
	if err != nil {
		t.Fatal(err)
	}
	v := m2.Find(carecast.ScopeYear, -1, carecast.LineClosingFund)
	if !v.BudgetToDate.Equal(money("2330000")) || !v.ActualToDate.Equal(money("2326400")) {
		t.Errorf("2021/22 fund to date: budget %s actual %s, want 2330000 and 2326400", v.BudgetToDate, v.ActualToDate)
	}
	if v := m2.Find(carecast.ScopeYear, -1, carecast.LinePledges); !v.BudgetToDate.IsZero() || !v.ActualToDate.IsZero() {
		t.Errorf("2021/22 pledges to date %s and %s, want none", v.BudgetToDate, v.ActualToDate)
	}
}

// TestRate: the thresholds' edges, exactly.
func TestRate(t *testing.T) {
	for _, tc := range []struct {
		variance, budget string
		want             carecast.RAG
	}{
		{"1.99", "100", carecast.RAGGreen},
		{"-1.99", "-100", carecast.RAGGreen},
		{"2", "100", carecast.RAGAmber},
		{"-2", "100", carecast.RAGAmber},
		{"5", "-100", carecast.RAGAmber},
		{"5.01", "100", carecast.RAGRed},
		{"-5.01", "100", carecast.RAGRed},
		{"0", "0", carecast.RAGNone},
		{"1", "0", carecast.RAGNone},
	} {
		if got := thresholds.Rate(money(tc.variance), money(tc.budget)); got != tc.want {
			t.Errorf("Rate(%s, %s) = %s, want %s", tc.variance, tc.budget, got, tc.want)
		}
	}
}

// TestBuildRefuses: an as-at date that is not a month's last day within
// the horizon, a year outside it, series that do not match.
func TestBuildRefuses(t *testing.T) {
	b := series(monitor.Plan, apr2020, 12, "HAV", "BAD")
	o := series("o", apr2020, 12, "HAV", "BAD")
	for _, tc := range []struct {
		name string
		o    monitor.Options
		b    *carecast.MonitorSeries
	}{
		{"mid-month", monitor.Options{AsAt: carecast.Date{Year: 2020, Month: 11, Day: 29}}, b},
		{"before", monitor.Options{AsAt: carecast.Date{Year: 2020, Month: 3, Day: 31}}, b},
		{"after", monitor.Options{AsAt: carecast.Date{Year: 2021, Month: 4, Day: 30}}, b},
		{"year", monitor.Options{AsAt: nov30, Year: 2022}, b},
		{"months", monitor.Options{AsAt: nov30}, series(monitor.Plan, apr2020, 11, "HAV", "BAD")},
		{"councils", monitor.Options{AsAt: nov30}, series(monitor.Plan, apr2020, 12, "BAD", "HAV")},
	} {
		if _, err := monitor.Build("t", twoCouncils, tc.b, o, tc.o); err == nil {
			t.Errorf("%s: no error", tc.name)
		}
	}
}
