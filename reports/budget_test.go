package reports

import (
	"fmt"
	"testing"

	"github.com/carecast/carecast"
	"github.com/carecast/carecast/forecast"
	"github.com/carecast/carecast/inputs"
	"github.com/shopspring/decimal"
)

// budgetResults are the forecasts the budget tables are tested on: the
// built-in scenario, with an opening fund balance and not settled at the
// end, and examples/demand.
func budgetResults(t *testing.T) map[string]*carecast.Result {
	t.Helper()
	out := map[string]*carecast.Result{"demand": demandExample(t)}
	for name, edit := range map[string]func(*carecast.Scenario){
		"built-in":     func(*carecast.Scenario) {},
		"opening fund": func(s *carecast.Scenario) { s.Assumptions.OpeningFund = carecast.MustMoney("123456.78") },
		"not settled":  func(s *carecast.Scenario) { s.Assumptions.SettleAtEnd = false },
	} {
		s := inputs.BuiltInScenario()
		edit(s)
		r, err := forecast.Run(s)
		if err != nil {
			t.Fatal(err)
		}
		out[name] = r
	}
	return out
}

var thousand = decimal.NewFromInt(1000)

// within says whether a figure rounded to £000 is its exact value rounded
// down or up.
func within(rounded, exact decimal.Decimal) bool {
	return rounded.Mod(thousand).IsZero() && rounded.Sub(exact).Abs().LessThan(thousand)
}

// A budget's cash by financial year: to the penny, each year's lines are
// the engine's (pledges out, spot purchasing avoided) and the net effect
// over the term is, by another route, the savings plus the opening
// position (the settlement returns what was paid in beyond the cost
// attributed, after the opening balance). In £000 it adds up both ways as
// shown: each year's net effect is its lines, each line's total its
// years, the net effect to date their running total; every cell is its
// exact value rounded down or up, and the net effect over the term the
// exact one rounded once.
func TestCashByYear(t *testing.T) {
	for name, r := range budgetResults(t) {
		settled := r.Scenario.Assumptions.SettleAtEnd
		for c := -1; c < len(r.Councils); c++ {
			who := fmt.Sprintf("%s, council %d", name, c)
			ex, k := CashByYear(r, c, Options{Exact: true}), CashByYear(r, c, Options{Money: Thousands})
			savings, opening := r.Total.Savings, r.Total.OpeningFund
			if c >= 0 {
				savings, opening = r.Councils[c].Total.Savings, r.Councils[c].OpeningPosition
			}
			for i, y := range r.Years {
				pl, sp := y.Pledges, y.SpotAvoided
				if c >= 0 {
					pl, sp = r.Councils[c].Years[i].Pledges, r.Councils[c].Years[i].SpotAvoided
				}
				if row := ex.Rows[i]; !row[1].Value.Equal(pl.Neg().Decimal()) || !row[2].Value.Equal(sp.Decimal()) {
					t.Errorf("%s %s: %s and %s, want %s and %s", who, y.FY, row[1].Value, row[2].Value, pl.Neg(), sp)
				}
			}
			net := ex.Totals[0][4].Value
			if want := savings.Decimal(); settled && !net.Equal(want.Add(opening.Decimal())) {
				t.Errorf("%s: net effect over the term %s, want savings %s + opening %s", who, net, want, opening)
			}
			if !settled && ex.Totals[0][3].Unit != UnitText {
				t.Errorf("%s: a settlement total where the fund is not settled", who)
			}
			cols := make([]decimal.Decimal, 3)
			cum := decimal.Zero
			for i, row := range k.Rows {
				sum := decimal.Zero
				for j := 1; j <= 3; j++ {
					if row[j].Unit == UnitText {
						if j != 3 || (settled && i == len(k.Rows)-1) {
							t.Errorf("%s row %d column %d is blank", who, i, j)
						}
						continue
					}
					if j == 3 && (!settled || i != len(k.Rows)-1) {
						t.Errorf("%s row %d has a settlement", who, i)
					}
					if !within(row[j].Value, ex.Rows[i][j].Value) {
						t.Errorf("%s row %d column %d: %s is not %s rounded to £000", who, i, j, row[j].Value, ex.Rows[i][j].Value)
					}
					sum, cols[j-1] = sum.Add(row[j].Value), cols[j-1].Add(row[j].Value)
				}
				cum = cum.Add(sum)
				if !row[4].Value.Equal(sum) || !row[5].Value.Equal(cum) {
					t.Errorf("%s row %d: net %s to date %s, its lines add to %s and %s", who, i, row[4].Value, row[5].Value, sum, cum)
				}
			}
			tot := k.Totals[0]
			for j := 1; j <= 3; j++ {
				if tot[j].Unit != UnitText && !tot[j].Value.Equal(cols[j-1]) {
					t.Errorf("%s: column %d total %s, its years add to %s", who, j, tot[j].Value, cols[j-1])
				}
			}
			if want := carecast.RoundHalfAway(net, -3); !tot[4].Value.Equal(want) || !tot[4].Value.Equal(cum) {
				t.Errorf("%s: net over the term %s, want %s rounded once (%s) and the years' %s", who, tot[4].Value, net, want, cum)
			}
		}
	}
}

// The savings by year with the grants apart: to the penny, a council's
// grants are its share (CouncilFigures.GrantShare), the councils' add up
// to the consortium's grants year by year, and the rest is the savings
// less them. In £000 the savings and the grants each add up to their
// total rounded once, and the rest is their difference row by row and in
// total.
func TestSavingsByYear(t *testing.T) {
	for name, r := range budgetResults(t) {
		grants := make([]decimal.Decimal, len(r.Years))
		for c := -1; c < len(r.Councils); c++ {
			who := fmt.Sprintf("%s, council %d", name, c)
			ex, k := SavingsByYear(r, c, Options{Exact: true}), SavingsByYear(r, c, Options{Money: Thousands})
			for i, row := range ex.Rows {
				if !row[3].Value.Equal(row[1].Value.Sub(row[2].Value)) {
					t.Errorf("%s row %d: %s less %s is not %s", who, i, row[1].Value, row[2].Value, row[3].Value)
				}
				if c >= 0 {
					grants[i] = grants[i].Add(row[2].Value)
				} else if want := r.Years[i].Grants.Decimal(); !row[2].Value.Equal(want) {
					t.Errorf("%s row %d: grants %s, want %s", who, i, row[2].Value, want)
				}
			}
			for j := 1; j <= 2; j++ {
				sum := decimal.Zero
				for i, row := range k.Rows {
					if !within(row[j].Value, ex.Rows[i][j].Value) {
						t.Errorf("%s row %d column %d: %s is not %s rounded", who, i, j, row[j].Value, ex.Rows[i][j].Value)
					}
					sum = sum.Add(row[j].Value)
				}
				if want := carecast.RoundHalfAway(ex.Totals[0][j].Value, -3); !sum.Equal(want) || !k.Totals[0][j].Value.Equal(want) {
					t.Errorf("%s column %d: %s and total %s, want %s", who, j, sum, k.Totals[0][j].Value, want)
				}
			}
			for i, row := range k.AllRows() {
				if !row[3].Value.Equal(row[1].Value.Sub(row[2].Value)) {
					t.Errorf("%s row %d: %s less %s is not %s", who, i, row[1].Value, row[2].Value, row[3].Value)
				}
			}
		}
		for i, y := range r.Years {
			if !grants[i].Equal(y.Grants.Decimal()) {
				t.Errorf("%s %s: the councils' grants add to %s, the year's are %s", name, y.FY, grants[i], y.Grants)
			}
		}
	}
}

// A council's position by year runs from its opening position, each
// year's pledges less attributed cost added, to its closing position
// (another route than the engine's month-end positions); the councils'
// positions add up to the closing fund and their settlements to
// Result.Settlement.
func TestPositions(t *testing.T) {
	for name, r := range budgetResults(t) {
		for c, cr := range r.Councils {
			tb := PositionByYear(r, c, Options{})
			pos := tb.Rows[0][4].Value
			if !pos.Equal(cr.OpeningPosition.Decimal()) {
				t.Errorf("%s %s: opening %s, want %s", name, cr.Council.Code, pos, cr.OpeningPosition)
			}
			for i, row := range tb.Rows[1:] {
				pos = pos.Add(row[1].Value).Sub(row[2].Value)
				if !row[3].Value.Equal(row[1].Value.Sub(row[2].Value)) || !row[4].Value.Equal(pos) {
					t.Errorf("%s %s year %d: position %s, the years give %s", name, cr.Council.Code, i, row[4].Value, pos)
				}
			}
			if tot := tb.Totals[0]; !tot[4].Value.Equal(pos) || !tot[4].Value.Equal(cr.ClosingPosition.Decimal()) {
				t.Errorf("%s %s: closing %s, the years give %s", name, cr.Council.Code, tot[4].Value, pos)
			}
			set := tb.Totals[1][4]
			if r.Scenario.Assumptions.SettleAtEnd != (set.Unit == UnitMoney) || (set.Unit == UnitMoney && !set.Value.Equal(cr.Settlement.Decimal())) {
				t.Errorf("%s %s: settlement %q", name, cr.Council.Code, set.Format(Reader))
			}
		}
		tot := Positions(r, Options{}).Totals[0]
		if !tot[4].Value.Equal(r.Total.ClosingFund.Decimal()) || !tot[5].Value.Equal(r.Settlement.Decimal()) {
			t.Errorf("%s: positions %s and settlements %s, want the closing fund %s and %s", name, tot[4].Value, tot[5].Value, r.Total.ClosingFund, r.Settlement)
		}
	}
}

// What trading is worth to each council: the difference of its savings
// with and without trading; the councils add up to the consortium's
// savings under each rule (SharingRun.Savings, summed by the engine).
func TestSharingTrade(t *testing.T) {
	r := demandExample(t)
	alloc, trade := &r.Sharing[0], &r.Sharing[1]
	if alloc.Rule != carecast.SharingAllocated || trade.Rule != carecast.SharingAllocatedTrade {
		t.Fatalf("rules %s, %s", alloc.Rule, trade.Rule)
	}
	tb := SharingTrade(r, Options{})
	for _, row := range tb.AllRows() {
		if !row[3].Value.Equal(row[2].Value.Sub(row[1].Value)) {
			t.Errorf("%s: %s less %s is not %s", row.Label(), row[2].Value, row[1].Value, row[3].Value)
		}
	}
	if tot := tb.Totals[0]; !tot[1].Value.Equal(alloc.Savings.Decimal()) || !tot[2].Value.Equal(trade.Savings.Decimal()) || !tot[3].Value.Equal(r.TradingWorth.Decimal()) {
		t.Errorf("totals %s, %s and %s, want %s, %s and %s", tot[1].Value, tot[2].Value, tot[3].Value, alloc.Savings, trade.Savings, r.TradingWorth)
	}
	if SharingTrade(budgetResults(t)["built-in"], Options{}) != nil {
		t.Error("a table of trading without Demand and Allocations")
	}
	k := SharingTrade(r, Options{Money: Thousands})
	for _, row := range k.AllRows() {
		if !row[1].Value.Mod(thousand).IsZero() || !row[3].Value.Equal(row[2].Value.Sub(row[1].Value)) {
			t.Errorf("£000 %s: %s, %s, %s", row.Label(), row[1].Value, row[2].Value, row[3].Value)
		}
	}
}

// Options side by side: in £m each row adds across as shown (the cost
// under the option is the cost under business as usual less the savings,
// both to the nearest £10,000), each figure its own rounded half away
// from zero; a council outside an option takes no part; business as usual
// carries no optimism bias. Worked by hand.
func TestOptionsCompared(t *testing.T) {
	os := []OptionFigures{
		{Name: "BAU", BAU: true, TakesPart: true, BAUCost: m("50124524.23")},
		{Name: "Base", TakesPart: true, BAUCost: m("50124524.23"), Savings: m("11330132.65"), NPV: m("9000733.18"),
			NPVAfterOptimismBias: m("-4129296.11"), OptimismBias: d("0.31"), WiderPresentValue: m("234191.65")},
		{Name: "Without us"},
	}
	tb := OptionsCompared("t", os, OptionColumns{AfterBias: true, Bias: true, Wider: true}, Options{Money: Millions})
	want := [][]string{
		{"BAU", "50.12", "50.12", "0.00", "0.00", "0.00", "", "0.00"},
		// 50.12 - 11.33 = 38.79 (the cost exact, 38,794,391.58, also 38.79).
		{"Base", "50.12", "38.79", "11.33", "9.00", "(4.13)", "31.00%", "0.23"},
		{"Without us", "takes no part", "", "", "", "", "", ""},
	}
	for i, row := range tb.Rows {
		if got := row.Strings(Reader); fmt.Sprint(got) != fmt.Sprint(want[i]) {
			t.Errorf("row %d: %q, want %q", i, got, want[i])
		}
	}
	if h := tb.Heads(); h[1] != carecast.LabelCostUnderBAU || h[6] != carecast.LabelOptimismBias || tb.Columns[1].UnitText() != "£m" {
		t.Errorf("headings %q, unit %s", h, tb.Columns[1].UnitText())
	}
	// 1.235m less 0.004m: 1.24 and 0.00 (half away), so 1.24 under the
	// option though it is 1,231,000 exactly.
	tb = OptionsCompared("t", []OptionFigures{{Name: "x", TakesPart: true, BAUCost: m("1235000"), Savings: m("4000")}}, OptionColumns{}, Options{Money: Millions})
	if got := fmt.Sprint(tb.Rows[0].Strings(Reader)); got != "[x 1.24 1.24 0.00 0.00]" {
		t.Errorf("got %s", got)
	}
}

// The wider benefits of each council (WiderOf) add up, benefit by benefit,
// to the consortium's: value and present value to the penny, quantity
// exactly; the source of each value is shown.
func TestWiderOfAddsUp(t *testing.T) {
	r := budgetResults(t)["built-in"]
	all := WiderOf(r, -1, Options{})
	if all == nil || len(all.Rows) == 0 {
		t.Fatal("the built-in scenario has no wider benefits")
	}
	sums := make([][]decimal.Decimal, len(all.Rows))
	for i := range sums {
		sums[i] = make([]decimal.Decimal, 7)
	}
	for c := range r.Councils {
		for i, row := range WiderOf(r, c, Options{}).Rows {
			for j := 4; j < 7; j++ {
				sums[i][j] = sums[i][j].Add(row[j].Value)
			}
		}
	}
	for i, row := range all.Rows {
		if row[3].Text != r.Wider[i].Benefit.Source {
			t.Errorf("%s: source %q", row.Label(), row[3].Text)
		}
		for j := 4; j < 7; j++ {
			if !sums[i][j].Equal(row[j].Value) {
				t.Errorf("%s %s: the councils add to %s, the consortium's %s", row.Label(), all.Columns[j].Head, sums[i][j], row[j].Value)
			}
		}
	}
	if WiderOf(demandExample(t), -1, Options{}) != nil && len(demandExample(t).Wider) == 0 {
		t.Error("a wider benefits table without wider benefits")
	}
}
