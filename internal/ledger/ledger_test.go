package ledger_test

import (
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/carecast/carecast"
	"github.com/carecast/carecast/internal/ledger"
)

func money(s string) carecast.Money { return carecast.MustMoney(s) }

func date(y, m, d int) carecast.Date { return carecast.NewDate(y, time.Month(m), d) }

// cm is one council-month of a hand-built Result.
type cm struct{ pledges, used, shared, position string }

// month builds a Month from hand-worked figures: attributed cost, savings
// and the consortium's figures follow from the councils'.
func month(m int, start carecast.Date, opening, grants, block, other string, councils ...cm) carecast.Month {
	mo := carecast.Month{Index: m, Start: start, End: start.AddMonths(1).AddDays(-1)}
	mo.Grants, mo.BlockCost, mo.OtherCosts = money(grants), money(block), money(other)
	mo.OpeningFund = money(opening)
	for _, c := range councils {
		x := carecast.CouncilMonth{Pledges: money(c.pledges), UsedBlock: money(c.used), SharedCost: money(c.shared), Position: money(c.position)}
		x.AttributedCost = x.UsedBlock.Add(x.SharedCost)
		mo.Councils = append(mo.Councils, x)
		mo.Pledges = mo.Pledges.Add(x.Pledges)
		mo.UsedBlock = mo.UsedBlock.Add(x.UsedBlock)
		mo.SharedCost = mo.SharedCost.Add(x.SharedCost)
	}
	mo.VoidCost = mo.BlockCost.Sub(mo.UsedBlock)
	mo.ClosingFund = mo.OpeningFund.Add(mo.FundMovement())
	return mo
}

// twoCouncils is a Result worked by hand: councils A and B, January and
// February 2021, an opening fund of £100 split £60 : £40.
//
// January: pledges A 1,000, B 500; a £300 grant on 15 January; block
// 1,200 of which A used 600 and B 300, void 300; running costs 90.
// Shared cost 300 + 90 - 300 = 90, A 60 and B 30 (shares 2:1). Fund
// 100 + 1,500 + 300 - 1,200 - 90 = 610. Positions A 60 + 1,000 - 660 =
// 400, B 40 + 500 - 330 = 210 (sum 610).
//
// February: the same pledges, no grant; block 1,200, A used 700 and B
// 400, void 100; running costs 90. Shared 190: A 126.67, B 63.33. Fund
// 610 + 1,500 - 1,290 = 820. Positions A 400 + 1,000 - 826.67 = 573.33,
// B 210 + 500 - 463.33 = 246.67 (sum 820). Settled at the end.
func twoCouncils() *carecast.Result {
	s := &carecast.Scenario{Assumptions: carecast.DefaultAssumptions()}
	s.Assumptions.StartDate = date(2021, 1, 1)
	s.Councils = []carecast.Council{{Code: "A"}, {Code: "B"}}
	s.Grants = []carecast.Grant{{Date: date(2021, 1, 15), Amount: money("300"), Description: "DfE"}}
	r := &carecast.Result{Scenario: s, Start: date(2021, 1, 1), End: date(2021, 2, 28)}
	r.Months = []carecast.Month{
		month(0, date(2021, 1, 1), "100", "300", "1200", "90",
			cm{"1000", "600", "60", "400"}, cm{"500", "300", "30", "210"}),
		month(1, date(2021, 2, 1), "610", "0", "1200", "90",
			cm{"1000", "700", "126.67", "573.33"}, cm{"500", "400", "63.33", "246.67"}),
	}
	r.Total.ClosingFund = money("820")
	r.Councils = []carecast.CouncilResult{
		{Council: s.Councils[0], Index: 0, OpeningPosition: money("60"), ClosingPosition: money("573.33"), Settlement: money("573.33")},
		{Council: s.Councils[1], Index: 1, OpeningPosition: money("40"), ClosingPosition: money("246.67"), Settlement: money("246.67")},
	}
	return r
}

// row is a posting written out by hand: "txn date account council amount".
type row struct {
	txn     int
	date    string
	account carecast.Account
	council int
	amount  string
	desc    string
}

const (
	fund     = carecast.Fund
	position = carecast.Position
	block    = carecast.BlockContract
	running  = carecast.RunningCosts
	grant    = carecast.GrantIncome
	shared   = carecast.SharedCosts
)

func TestBuildTwoCouncils(t *testing.T) {
	want := []row{
		{1, "2021-01-01", fund, -1, "100", ledger.DescOpening},
		{1, "2021-01-01", position, 0, "-60", ledger.DescOpening},
		{1, "2021-01-01", position, 1, "-40", ledger.DescOpening},
		{2, "2021-01-01", fund, -1, "1000", ledger.DescPledge},
		{2, "2021-01-01", position, 0, "-1000", ledger.DescPledge},
		{3, "2021-01-01", fund, -1, "500", ledger.DescPledge},
		{3, "2021-01-01", position, 1, "-500", ledger.DescPledge},
		{4, "2021-01-15", fund, -1, "300", ledger.DescGrant + ": DfE"},
		{4, "2021-01-15", grant, -1, "-300", ledger.DescGrant + ": DfE"},
		{5, "2021-01-31", block, -1, "1200", ledger.DescBlock},
		{5, "2021-01-31", fund, -1, "-1200", ledger.DescBlock},
		{6, "2021-01-31", running, -1, "90", ledger.DescRunning},
		{6, "2021-01-31", fund, -1, "-90", ledger.DescRunning},
		{7, "2021-01-31", position, 0, "600", ledger.DescUsed},
		{7, "2021-01-31", position, 1, "300", ledger.DescUsed},
		{7, "2021-01-31", shared, -1, "300", ledger.DescVoid},
		{7, "2021-01-31", block, -1, "-1200", ledger.DescUsed},
		{8, "2021-01-31", shared, -1, "90", ledger.DescRunningAtt},
		{8, "2021-01-31", running, -1, "-90", ledger.DescRunningAtt},
		{9, "2021-01-31", grant, -1, "300", ledger.DescGrantAtt},
		{9, "2021-01-31", shared, -1, "-300", ledger.DescGrantAtt},
		{10, "2021-01-31", position, 0, "60", ledger.DescShared},
		{10, "2021-01-31", position, 1, "30", ledger.DescShared},
		{10, "2021-01-31", shared, -1, "-90", ledger.DescShared},
		// February: no grant, so no grant transactions.
		{11, "2021-02-01", fund, -1, "1000", ledger.DescPledge},
		{11, "2021-02-01", position, 0, "-1000", ledger.DescPledge},
		{12, "2021-02-01", fund, -1, "500", ledger.DescPledge},
		{12, "2021-02-01", position, 1, "-500", ledger.DescPledge},
		{13, "2021-02-28", block, -1, "1200", ledger.DescBlock},
		{13, "2021-02-28", fund, -1, "-1200", ledger.DescBlock},
		{14, "2021-02-28", running, -1, "90", ledger.DescRunning},
		{14, "2021-02-28", fund, -1, "-90", ledger.DescRunning},
		{15, "2021-02-28", position, 0, "700", ledger.DescUsed},
		{15, "2021-02-28", position, 1, "400", ledger.DescUsed},
		{15, "2021-02-28", shared, -1, "100", ledger.DescVoid},
		{15, "2021-02-28", block, -1, "-1200", ledger.DescUsed},
		{16, "2021-02-28", shared, -1, "90", ledger.DescRunningAtt},
		{16, "2021-02-28", running, -1, "-90", ledger.DescRunningAtt},
		{17, "2021-02-28", position, 0, "126.67", ledger.DescShared},
		{17, "2021-02-28", position, 1, "63.33", ledger.DescShared},
		{17, "2021-02-28", shared, -1, "-190", ledger.DescShared},
		{18, "2021-02-28", position, 0, "573.33", ledger.DescSettlement},
		{18, "2021-02-28", position, 1, "246.67", ledger.DescSettlement},
		{18, "2021-02-28", fund, -1, "-820", ledger.DescSettlement},
	}
	l := ledger.Build(twoCouncils())
	if len(l.Postings) != len(want) {
		t.Errorf("%d postings, want %d", len(l.Postings), len(want))
	}
	for i := range min(len(want), len(l.Postings)) {
		p, w := l.Postings[i], want[i]
		if p.Txn != w.txn || p.Date.String() != w.date || p.Account != w.account || p.Council != w.council ||
			!p.Amount.Equal(money(w.amount)) || p.Description != w.desc {
			t.Errorf("posting %d = {%d %s %s %d %s %q}, want %+v", i, p.Txn, p.Date, p.Account, p.Council, p.Amount, p.Description, w)
		}
	}
	if got := l.Transactions(); got != 18 {
		t.Errorf("%d transactions, want 18", got)
	}
	if got := l.Transaction(7); len(got) != 4 || !got[2].Amount.Equal(money("300")) {
		t.Errorf("transaction 7 = %+v, want the four lines of January's block attribution", got)
	}
	if errs := l.Check(twoCouncils()); len(errs) > 0 {
		t.Errorf("Check: %v", errs)
	}
}

func TestBalances(t *testing.T) {
	l := ledger.Build(twoCouncils())
	type want struct{ fund, a, b string }
	for _, c := range []struct {
		name string
		got  ledger.Balances
		want want
	}{
		{"after January", l.AfterMonth(0), want{"610", "400", "210"}},
		{"after February", l.AfterMonth(1), want{"820", "573.33", "246.67"}},
		{"month ends, February", l.MonthEnds()[1], want{"820", "573.33", "246.67"}},
		{"after settlement", l.Closing(), want{"0", "0", "0"}},
		// 15 January: 100 + 1,500 + 300 in; positions 60 + 1,000 and 40 + 500.
		{"through 15 January", l.Through(date(2021, 1, 15)), want{"1900", "1060", "540"}},
		{"through the last day", l.Through(date(2021, 2, 28)), want{"0", "0", "0"}},
	} {
		t.Run(c.name, func(t *testing.T) {
			if !c.got.Fund.Equal(money(c.want.fund)) || !c.got.OwedTo(0).Equal(money(c.want.a)) || !c.got.OwedTo(1).Equal(money(c.want.b)) {
				t.Errorf("fund, A, B = %s, %s, %s; want %s, %s, %s", c.got.Fund, c.got.OwedTo(0), c.got.OwedTo(1), c.want.fund, c.want.a, c.want.b)
			}
			if !c.got.Total().IsZero() {
				t.Errorf("balances sum to %s, want 0", c.got.Total())
			}
		})
	}
	// On 15 January the grant sits in Grant income until the month's
	// attribution: a credit of 300.
	mid := l.Through(date(2021, 1, 15))
	if !mid.GrantIncome.Equal(money("-300")) || !mid.Clearing().Equal(money("300")) {
		t.Errorf("grant income %s, clearing %s mid-month; want -300 and 300", mid.GrantIncome, mid.Clearing())
	}
	for m, b := range l.MonthEnds() {
		if !b.Clearing().IsZero() {
			t.Errorf("month %d: clearing accounts hold %s", m, b.Clearing())
		}
	}
}

func TestTrialBalance(t *testing.T) {
	l := ledger.Build(twoCouncils())
	got := l.AfterMonth(0).TrialBalance()
	// After January: Fund debit 610; positions credit 400 and 210; the
	// other accounts empty.
	want := []ledger.Line{
		{Account: fund, Council: -1, Debit: money("610")},
		{Account: position, Council: 0, Credit: money("400")},
		{Account: position, Council: 1, Credit: money("210")},
		{Account: block, Council: -1},
		{Account: running, Council: -1},
		{Account: grant, Council: -1},
		{Account: shared, Council: -1},
	}
	if len(got) != len(want) {
		t.Fatalf("%d lines, want %d", len(got), len(want))
	}
	var dr, cr carecast.Money
	for i := range want {
		g, w := got[i], want[i]
		if g.Account != w.Account || g.Council != w.Council || !g.Debit.Equal(w.Debit) || !g.Credit.Equal(w.Credit) {
			t.Errorf("line %d = %+v, want %+v", i, g, w)
		}
		dr, cr = dr.Add(g.Debit), cr.Add(g.Credit)
	}
	if !dr.Equal(cr) {
		t.Errorf("debits %s, credits %s", dr, cr)
	}
}

// A large grant makes February's shared cost negative (credited to the
// councils), B ends owing the pool and pays in at settlement, and a
// council that pledges nothing gets no pledge postings.
func TestNegativeSharedCostAndPayingIn(t *testing.T) {
	s := &carecast.Scenario{Assumptions: carecast.DefaultAssumptions()}
	s.Councils = []carecast.Council{{Code: "A"}, {Code: "B"}}
	s.Grants = []carecast.Grant{
		{Date: date(2020, 12, 31), Amount: money("999")}, // before the horizon: not posted
		{Date: date(2021, 2, 10), Amount: money("2000")},
		{Date: date(2021, 2, 3), Amount: money("0.01")},
	}
	r := &carecast.Result{Scenario: s, Start: date(2021, 1, 1), End: date(2021, 2, 28)}
	// January: only A pledges, 1,000; block 900, A used 600, B 300, void
	// 0; no costs. Fund 100. Positions A 400, B -300.
	// February: A pledges 1,000; grants 2,000.01; block 900, all used by
	// A; shared -2,000.01: A -1,000.01, B -1,000 (say). Fund 100 + 1,000
	// + 2,000.01 - 900 = 2,200.01. Positions A 400 + 1,000 - (900 -
	// 1,000.01) = 1,500.01; B -300 + 1,000 = 700. Sum 2,200.01.
	r.Months = []carecast.Month{
		month(0, date(2021, 1, 1), "0", "0", "900", "0", cm{"1000", "600", "0", "400"}, cm{"0", "300", "0", "-300"}),
		month(1, date(2021, 2, 1), "100", "2000.01", "900", "0", cm{"1000", "900", "-1000.01", "1500.01"}, cm{"0", "0", "-1000", "700"}),
	}
	r.Total.ClosingFund = r.Months[1].ClosingFund
	r.Councils = []carecast.CouncilResult{
		{ClosingPosition: money("1500.01"), Settlement: money("1500.01")},
		{Index: 1, ClosingPosition: money("700"), Settlement: money("700")},
	}
	l := ledger.Build(r)
	if errs := l.Check(r); len(errs) > 0 {
		t.Fatalf("Check: %v", errs)
	}
	var grants []string
	for _, p := range l.Postings {
		if p.Council == 1 && strings.HasPrefix(p.Description, ledger.DescPledge) {
			t.Errorf("a pledge posting for B, who pledges nothing: %+v", p)
		}
		if p.Account == fund && strings.HasPrefix(p.Description, ledger.DescGrant) {
			grants = append(grants, p.Date.String()+" "+p.Amount.String())
		}
		if p.Amount.IsZero() {
			t.Errorf("a zero posting: %+v", p)
		}
	}
	if got, want := strings.Join(grants, ", "), "2021-02-03 0.01, 2021-02-10 2000.00"; got != want {
		t.Errorf("grants posted %s, want %s (in date order, none before the horizon)", got, want)
	}
	// February's shared costs: Dr Position A -1,000.01, B -1,000; Cr
	// Shared costs -(-2,000.01), a debit.
	var sharedLines []string
	for _, p := range l.Postings {
		if p.Description == ledger.DescShared && p.Date == date(2021, 2, 28) {
			sharedLines = append(sharedLines, string(p.Account)+" "+p.Amount.String())
		}
	}
	if got, want := strings.Join(sharedLines, ", "), "Council position -1000.01, Council position -1000.00, Shared costs 2000.01"; got != want {
		t.Errorf("February's shared costs: %s, want %s", got, want)
	}
}

// Without settlement nothing is paid back: the fund keeps its balance
// and there is no settlement transaction.
func TestNoSettlement(t *testing.T) {
	r := twoCouncils()
	r.Scenario.Assumptions.SettleAtEnd = false
	for c := range r.Councils {
		r.Councils[c].Settlement = carecast.Money{}
	}
	l := ledger.Build(r)
	if errs := l.Check(r); len(errs) > 0 {
		t.Fatalf("Check: %v", errs)
	}
	if got := l.Closing().Fund; !got.Equal(money("820")) {
		t.Errorf("closing fund %s, want 820", got)
	}
	if last := l.Postings[len(l.Postings)-1]; last.Description == ledger.DescSettlement {
		t.Errorf("a settlement posting without settle_at_end: %+v", last)
	}
	if got := l.Transactions(); got != 17 {
		t.Errorf("%d transactions, want 17", got)
	}
}

// Check finds a Result whose figures do not hang together.
func TestCheckFindsDisagreements(t *testing.T) {
	for _, c := range []struct {
		name   string
		break_ func(*carecast.Result)
		want   string
	}{
		{"void cost off by a penny", func(r *carecast.Result) { r.Months[0].VoidCost = money("300.01") }, "sums to 0.01"},
		{"closing fund wrong", func(r *carecast.Result) { r.Months[1].ClosingFund = money("819") }, "fund 820.00 in the ledger, 819.00 in the forecast"},
		{"position wrong", func(r *carecast.Result) { r.Months[0].Councils[1].Position = money("211") }, "council 1's position 210.00 in the ledger, 211.00"},
		{"shared cost not allocated in full", func(r *carecast.Result) { r.Months[0].Councils[0].SharedCost = money("59.99") }, "sums to -0.01"},
		{"month's grants not the Grants sheet's", func(r *carecast.Result) { r.Months[0].Grants = money("299") }, "uncleared after attribution: block 0.00, running 0.00, grants -1.00, shared 1.00"},
		{"settlement short", func(r *carecast.Result) { r.Councils[0].Settlement = money("573") }, "want zero"},
	} {
		t.Run(c.name, func(t *testing.T) {
			r := twoCouncils()
			c.break_(r)
			errs := ledger.Build(r).Check(r)
			var msgs []string
			for _, e := range errs {
				msgs = append(msgs, e.Error())
			}
			if !strings.Contains(strings.Join(msgs, "\n"), c.want) {
				t.Errorf("Check = %q, want a message containing %q", msgs, c.want)
			}
		})
	}
}

// The hand-built books divide into the opening balance (3 postings),
// January (21: two pledges, the grant, two payments, the 4-line block
// attribution, running costs, grants and the 3-line shared charge),
// February (17: no grant) and the settlement (3).
func TestSpans(t *testing.T) {
	l := ledger.Build(twoCouncils())
	want := []ledger.Span{
		{Kind: ledger.OpeningSpan, Month: 0, From: 0, To: 3},
		{Kind: ledger.MonthSpan, Month: 0, From: 3, To: 24},
		{Kind: ledger.MonthSpan, Month: 1, From: 24, To: 41},
		{Kind: ledger.SettlementSpan, Month: 1, From: 41, To: 44},
	}
	got := l.Spans()
	if !slices.Equal(got, want) {
		t.Errorf("Spans() = %+v\nwant %+v", got, want)
	}
	// Without an opening balance or settlement: the months alone.
	r := twoCouncils()
	r.Months[0].OpeningFund = carecast.Money{}
	for c := range r.Councils {
		r.Councils[c].OpeningPosition = carecast.Money{}
		r.Councils[c].Settlement = carecast.Money{}
	}
	got = ledger.Build(r).Spans()
	if len(got) != 2 || got[0] != (ledger.Span{Kind: ledger.MonthSpan, Month: 0, From: 0, To: 21}) || got[1].Kind != ledger.MonthSpan {
		t.Errorf("without opening balance or settlement: Spans() = %+v, want January [0, 21) and February", got)
	}
}
