package journal_test

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/carecast/carecast"
	"github.com/carecast/carecast/forecast"
	"github.com/carecast/carecast/forecast/forecasttest"
	"github.com/carecast/carecast/inputs"
	"github.com/carecast/carecast/internal/journal"
	"github.com/carecast/carecast/internal/ledger"
)

func money(s string) carecast.Money { return carecast.MustMoney(s) }

func date(y, m, d int) carecast.Date { return carecast.NewDate(y, time.Month(m), d) }

// cm is one council-month of a hand-built Result.
type cm struct{ pledges, used, shared, position string }

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

// twoCouncils is worked by hand (as in package ledger's tests): councils
// A and B, January and February 2021, an opening fund of £100 split
// £60 : £40.
//
// January: pledges A 1,000, B 500; a £300 grant on 15 January; block
// 1,200 of which A used 600 and B 300, void 300; running costs 90. Shared
// cost 300 + 90 - 300 = 90, A 60 and B 30. Fund 100 + 1,500 + 300 -
// 1,200 - 90 = 610; positions A 400, B 210.
//
// February: the same pledges, no grant; block 1,200, A used 700, B 400,
// void 100; running costs 90. Shared 190: A 126.67, B 63.33. Fund 820;
// positions A 573.33, B 246.67, paid back at the end.
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

func build(t testing.TB, r *carecast.Result, opts journal.Options) []journal.Journal {
	t.Helper()
	js, err := journal.Build(r, ledger.Build(r), opts)
	if err != nil {
		t.Fatal(err)
	}
	return js
}

func csvOf(t testing.TB, js []journal.Journal) string {
	t.Helper()
	var b bytes.Buffer
	if err := journal.WriteCSV(&b, js); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

func TestPeriodOf(t *testing.T) {
	for _, c := range []struct {
		d      carecast.Date
		period string
		number int
		fy     string
	}{
		{date(2020, 4, 30), "2020-04", 1, "2020/21"},
		{date(2020, 11, 30), "2020-11", 8, "2020/21"},
		{date(2020, 12, 31), "2020-12", 9, "2020/21"},
		{date(2021, 1, 1), "2021-01", 10, "2020/21"},
		{date(2021, 3, 31), "2021-03", 12, "2020/21"},
	} {
		p := journal.PeriodOf(c.d)
		if p.String() != c.period || p.Number != c.number || p.FY.String() != c.fy {
			t.Errorf("PeriodOf(%s) = %s, %d, %s; want %s, %d, %s", c.d, p, p.Number, p.FY, c.period, c.number, c.fy)
		}
	}
}

// The opening balance and January, then February and the settlement, of
// the books worked by hand, line by line.
func TestCSVTwoCouncils(t *testing.T) {
	const header = "journal,date,period,period_number,financial_year,basis,account,council,cost_centre,subjective,account_description,description,debit,credit,reference\n"
	r := twoCouncils()
	got := csvOf(t, build(t, r, journal.Options{From: 0, To: 0}))
	lines := strings.SplitAfter(got, "\n")
	// 1 header, 3 opening lines, 21 January lines, and the empty string
	// after the last newline.
	if len(lines) != 1+3+21+1 {
		t.Fatalf("%d lines, want 25:\n%s", len(lines)-1, got)
	}
	wantStart := header +
		"CC-2021-01-O,2021-01-01,2021-01,10,2020/21,forecast,Fund,,,,,Opening fund balance,100.00,0.00,CC-2021-01-O-0001\n" +
		"CC-2021-01-O,2021-01-01,2021-01,10,2020/21,forecast,Council position,A,,,,Opening fund balance,0.00,60.00,CC-2021-01-O-0002\n" +
		"CC-2021-01-O,2021-01-01,2021-01,10,2020/21,forecast,Council position,B,,,,Opening fund balance,0.00,40.00,CC-2021-01-O-0003\n" +
		"CC-2021-01-M,2021-01-31,2021-01,10,2020/21,forecast,Fund,,,,,Pledge instalment,1000.00,0.00,CC-2021-01-M-0001\n" +
		"CC-2021-01-M,2021-01-31,2021-01,10,2020/21,forecast,Council position,A,,,,Pledge instalment,0.00,1000.00,CC-2021-01-M-0002\n" +
		"CC-2021-01-M,2021-01-31,2021-01,10,2020/21,forecast,Fund,,,,,Pledge instalment,500.00,0.00,CC-2021-01-M-0003\n" +
		"CC-2021-01-M,2021-01-31,2021-01,10,2020/21,forecast,Council position,B,,,,Pledge instalment,0.00,500.00,CC-2021-01-M-0004\n" +
		"CC-2021-01-M,2021-01-31,2021-01,10,2020/21,forecast,Fund,,,,,Grant received: DfE,300.00,0.00,CC-2021-01-M-0005\n" +
		"CC-2021-01-M,2021-01-31,2021-01,10,2020/21,forecast,Grant income,,,,,Grant received: DfE,0.00,300.00,CC-2021-01-M-0006\n"
	if !strings.HasPrefix(got, wantStart) {
		t.Errorf("the opening balance and January begin\n%s\nwant\n%s", got[:min(len(got), len(wantStart)+200)], wantStart)
	}
	// January's last line: the shared cost of £90 credited back out of
	// Shared costs.
	if want := "CC-2021-01-M,2021-01-31,2021-01,10,2020/21,forecast,Shared costs,,,,,Shared costs charged by share,0.00,90.00,CC-2021-01-M-0021\n"; lines[24] != want {
		t.Errorf("January's last line\n%swant\n%s", lines[24], want)
	}

	got = csvOf(t, build(t, r, journal.Options{From: 1, To: 1}))
	lines = strings.SplitAfter(got, "\n")
	if len(lines) != 1+17+3+1 {
		t.Fatalf("%d lines, want 21 (February and the settlement):\n%s", len(lines)-1, got)
	}
	wantEnd := "CC-2021-02-S,2021-02-28,2021-02,11,2020/21,forecast,Council position,A,,,,Settlement at the end,573.33,0.00,CC-2021-02-S-0001\n" +
		"CC-2021-02-S,2021-02-28,2021-02,11,2020/21,forecast,Council position,B,,,,Settlement at the end,246.67,0.00,CC-2021-02-S-0002\n" +
		"CC-2021-02-S,2021-02-28,2021-02,11,2020/21,forecast,Fund,,,,,Settlement at the end,0.00,820.00,CC-2021-02-S-0003\n"
	if !strings.HasSuffix(got, wantEnd) {
		t.Errorf("the settlement\n%s\nwant\n%s", strings.Join(lines[len(lines)-4:], ""), wantEnd)
	}
	// February's shared cost: A 126.67 and B 63.33 debited.
	if want := "CC-2021-02-M,2021-02-28,2021-02,11,2020/21,forecast,Council position,A,,,,Shared costs charged by share,126.67,0.00,CC-2021-02-M-0015\n"; lines[15] != want {
		t.Errorf("February line 15\n%swant\n%s", lines[15], want)
	}
}

// A prefix names every reference; the same books give the same bytes.
func TestReferences(t *testing.T) {
	r := twoCouncils()
	a := csvOf(t, build(t, r, journal.Options{From: 0, To: 1, Prefix: "NELCP"}))
	b := csvOf(t, build(t, twoCouncils(), journal.Options{From: 0, To: 1, Prefix: "NELCP"}))
	if a != b {
		t.Error("two runs on the same books differ")
	}
	recs, err := csv.NewReader(strings.NewReader(a)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	seen := map[string]bool{}
	for _, rec := range recs[1:] {
		ref := rec[len(rec)-1]
		if !strings.HasPrefix(ref, "NELCP-2021-0") || seen[ref] {
			t.Errorf("reference %q: want a unique NELCP-2021-0... reference", ref)
		}
		seen[ref] = true
	}
	if len(seen) != 3+21+17+3 {
		t.Errorf("%d references, want 44", len(seen))
	}
}

func TestMonths(t *testing.T) {
	r := twoCouncils()
	for _, c := range []struct {
		from, to    carecast.Date
		first, last int
		err         string
	}{
		{carecast.Date{}, carecast.Date{}, 0, 1, ""},
		{date(2021, 2, 14), carecast.Date{}, 1, 1, ""},
		{carecast.Date{}, date(2021, 1, 31), 0, 0, ""},
		{date(2020, 12, 31), carecast.Date{}, 0, 0, "--from 2020-12-31 is outside the horizon, 2021-01-01 to 2021-02-28"},
		{carecast.Date{}, date(2021, 3, 1), 0, 0, "--to 2021-03-01 is outside the horizon, 2021-01-01 to 2021-02-28"},
		{date(2021, 2, 1), date(2021, 1, 1), 0, 0, "--from 2021-02 is after --to 2021-01"},
	} {
		first, last, err := journal.Months(r, c.from, c.to)
		switch {
		case c.err != "" && (err == nil || err.Error() != c.err):
			t.Errorf("Months(%s, %s): error %v, want %q", c.from, c.to, err, c.err)
		case c.err == "" && (err != nil || first != c.first || last != c.last):
			t.Errorf("Months(%s, %s) = %d, %d, %v; want %d, %d", c.from, c.to, first, last, err, c.first, c.last)
		}
	}
}

// checkJournals holds the journals of r, the whole horizon, against the
// forecast: each journal balances; each line is one debit or one credit
// of whole pence; the Fund lines of each month sum to the month's fund
// movement (pledges + grants - block cost - running costs), those of the
// opening balance to the opening fund, those of the settlement to minus
// what is paid back; and the Council position lines of each council over
// all the months sum to minus its closing position.
func checkJournals(r *carecast.Result, js []journal.Journal) error {
	var errs []error
	bad := func(f string, a ...any) { errs = append(errs, fmt.Errorf(f, a...)) }
	positions := make([]carecast.Money, len(r.Councils))
	monthly := 0
	for _, j := range js {
		var dr, cr, fund carecast.Money
		for _, ln := range j.Lines {
			if ln.Debit.Sign() < 0 || ln.Credit.Sign() < 0 || ln.Debit.IsZero() == ln.Credit.IsZero() {
				bad("%s: line %s has debit %s and credit %s; want exactly one above zero", j.Reference, ln.Reference, ln.Debit, ln.Credit)
			}
			if !ln.Debit.Equal(carecast.MoneyOf(ln.Debit.Decimal())) || !ln.Credit.Equal(carecast.MoneyOf(ln.Credit.Decimal())) {
				bad("%s: line %s is not whole pence", j.Reference, ln.Reference)
			}
			dr, cr = dr.Add(ln.Debit), cr.Add(ln.Credit)
			switch ln.Account {
			case carecast.Fund:
				fund = fund.Add(ln.Amount())
			case carecast.Position:
				if j.Kind != journal.Settlement {
					positions[ln.Council] = positions[ln.Council].Add(ln.Amount())
				}
			}
		}
		if !dr.Equal(cr) {
			bad("%s: debits %s, credits %s", j.Reference, dr, cr)
		}
		mo := &r.Months[j.Month]
		if j.Actual != mo.Actual {
			bad("%s: actual %v, but its month's %v", j.Reference, j.Actual, mo.Actual)
		}
		var want carecast.Money
		switch j.Kind {
		case journal.Opening:
			want = mo.OpeningFund
			if j.Date != r.Start {
				bad("%s dated %s, want %s", j.Reference, j.Date, r.Start)
			}
		case journal.Monthly:
			monthly++
			want = mo.FundMovement()
			if j.Date != mo.End {
				bad("%s dated %s, want %s", j.Reference, j.Date, mo.End)
			}
		case journal.Settlement:
			for _, c := range r.Councils {
				want = want.Sub(c.Settlement)
			}
		}
		if !fund.Equal(want) {
			bad("%s: Fund lines sum to %s, want %s", j.Reference, fund, want)
		}
	}
	// A month that posts nothing has no journal; one that posts anything
	// has one.
	posting := 0
	for _, mo := range r.Months {
		if !mo.Pledges.IsZero() || !mo.Grants.IsZero() || !mo.BlockCost.IsZero() || !mo.OtherCosts.IsZero() {
			posting++
		}
	}
	if monthly < posting {
		bad("%d monthly journals, but %d months post something", monthly, posting)
	}
	for c, cr := range r.Councils {
		if got := positions[c].Neg(); !got.Equal(cr.ClosingPosition) {
			bad("council %s: position lines sum to %s owed, want the closing position %s", cr.Council.Code, got, cr.ClosingPosition)
		}
	}
	return errors.Join(errs...)
}

func TestTwoCouncilsBalance(t *testing.T) {
	r := twoCouncils()
	if err := checkJournals(r, build(t, r, journal.Options{From: 0, To: 1})); err != nil {
		t.Error(err)
	}
}

func TestBuiltInJournals(t *testing.T) {
	r, err := forecast.Run(inputs.BuiltInScenario())
	if err != nil {
		t.Fatal(err)
	}
	js := build(t, r, journal.Options{From: 0, To: len(r.Months) - 1})
	// 96 months and the settlement; no opening balance.
	if len(js) != 97 || js[0].Kind != journal.Monthly || js[96].Kind != journal.Settlement {
		t.Fatalf("%d journals, want 96 monthly and the settlement", len(js))
	}
	if err := checkJournals(r, js); err != nil {
		t.Error(err)
	}
	// April 2019: eight pledges of £54,166.67 (650,000 / 12, the first
	// instalment rounding up), the first DfE grant of £260,917 on 1 April
	// (782,750 over three years, its first part rounding up); the
	// postings are the ledger's, 2 a pledge, 2 for the grant, then the
	// payments and attribution.
	apr := js[0]
	if apr.Reference != "CC-2019-04-M" || apr.Date != date(2019, 4, 30) || apr.Period.Number != 1 {
		t.Errorf("first journal %s dated %s, period %d; want CC-2019-04-M, 2019-04-30, 1", apr.Reference, apr.Date, apr.Period.Number)
	}
	var pledged carecast.Money
	for _, ln := range apr.Lines {
		if ln.Account == carecast.Position && ln.Description == ledger.DescPledge {
			pledged = pledged.Add(ln.Credit)
			if !ln.Credit.Equal(money("54166.67")) {
				t.Errorf("%s's April pledge credited %s, want 54166.67", ln.Code, ln.Credit)
			}
		}
	}
	if !pledged.Equal(money("433333.36")) {
		t.Errorf("April's pledges %s, want 8 x 54,166.67 = 433,333.36", pledged)
	}
}

// 100 generated scenarios (forecasttest: opening balances, grants,
// running costs, settlement on and off, occupancy given or derived from
// demand, a third with Actuals): every journal balances, and the Fund's
// lines move as the fund; with Actuals, its lines to the as-at date add
// up to the fund the Actuals rows give.
func TestGeneratedJournals(t *testing.T) {
	n := 100
	if testing.Short() {
		n = 25
	}
	actual := 0
	for seed := range n {
		r := generatedResult(t, seed)
		js := build(t, r, journal.Options{From: 0, To: len(r.Months) - 1})
		if err := checkJournals(r, js); err != nil {
			t.Errorf("seed %d: %v", seed, err)
		}
		// The CSV's own columns balance month by month as well.
		if err := csvBalances(csvOf(t, js)); err != nil {
			t.Errorf("seed %d: %v", seed, err)
		}
		// With Actuals, the Fund's lines of the actual months (before any
		// settlement) add up to the fund the Actuals rows give.
		if len(r.Scenario.Actuals) == 0 {
			continue
		}
		actual++
		var fund carecast.Money
		for _, j := range js {
			if j.Actual && j.Kind != journal.Settlement { // the settlement empties the fund
				for _, ln := range j.Lines {
					if ln.Account == carecast.Fund {
						fund = fund.Add(ln.Amount())
					}
				}
			}
		}
		if want := actualFund(r.Scenario); !fund.Equal(want) {
			t.Errorf("seed %d: the Fund's lines to %s sum to %s; the Actuals rows give %s", seed, r.AsAt, fund, want)
		}
	}
	if actual == 0 {
		t.Error("no generated scenario has Actuals")
	}
}

// generatedResult is the forecast of generated scenario seed: 1 to 8
// councils over 1 to 4 years (forecasttest), every fourth with occupancy
// following demand, every third (seeds 1, 4, 7, ...) with Actuals for
// its first months (withActuals: every item, none as forecast).
func generatedResult(t testing.TB, seed int) *carecast.Result {
	t.Helper()
	opts := forecasttest.Options{MaxCouncils: 8}
	if seed%4 == 3 {
		opts.Occupancy = forecasttest.DemandOccupancy
	}
	rng := rand.New(rand.NewPCG(uint64(seed), 20))
	s := forecasttest.Generate(rng, opts)
	if seed%3 == 1 {
		months := s.Assumptions.Years * 12
		s = withActuals(t, s, 1+rng.IntN(months), rng)
	}
	r, err := forecast.Run(s)
	if err != nil {
		t.Fatalf("seed %d: %v", seed, err)
	}
	return r
}

// csvBalances reads a csv journal back and checks that each journal's
// debits equal its credits, in pence, and that each line has exactly one.
func csvBalances(text string) error {
	recs, err := csv.NewReader(strings.NewReader(text)).ReadAll()
	if err != nil {
		return err
	}
	col := map[string]int{}
	for i, h := range recs[0] {
		col[h] = i
	}
	sums := map[string]int64{}
	var order []string
	for _, rec := range recs[1:] {
		dr, err1 := carecast.ParseMoney(rec[col["debit"]])
		cr, err2 := carecast.ParseMoney(rec[col["credit"]])
		if err := errors.Join(err1, err2); err != nil {
			return err
		}
		if dr.IsZero() == cr.IsZero() {
			return fmt.Errorf("line %s: debit %s, credit %s", rec[col["reference"]], dr, cr)
		}
		j := rec[col["journal"]]
		if _, ok := sums[j]; !ok {
			order = append(order, j)
		}
		sums[j] += dr.PenceInt() - cr.PenceInt()
	}
	for _, j := range order {
		if sums[j] != 0 {
			return fmt.Errorf("journal %s: debits less credits %d pence", j, sums[j])
		}
	}
	return nil
}

func BenchmarkBuild(b *testing.B) {
	r, err := forecast.Run(forecasttest.National(150, 30))
	if err != nil {
		b.Fatal(err)
	}
	l := ledger.Build(r)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := journal.Build(r, l, journal.Options{From: 0, To: len(r.Months) - 1}); err != nil {
			b.Fatal(err)
		}
	}
}

// A council whose code is a formula comes out of the CSV as text (a
// single quote in front, as OWASP recommends for CSV injection), and a
// control character in a grant's description escaped.
func TestCSVDefusesFormulas(t *testing.T) {
	r := twoCouncils()
	r.Councils[0].Council.Code = "=cmd|' /C calc'!A0"
	r.Scenario.Grants[0].Description = "DfE\x1b[2J"
	got := csvOf(t, build(t, r, journal.Options{From: 0, To: 0}))
	recs, err := csv.NewReader(strings.NewReader(got)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	// Line 2 of the opening balance credits council A.
	if got, want := recs[2][7], "'=cmd|' /C calc'!A0"; got != want {
		t.Errorf("council %q, want %q", got, want)
	}
	if got, want := recs[8][11], `Grant received: DfE\x1b[2J`; got != want {
		t.Errorf("description %q, want %q", got, want)
	}
}

// With an Accounts table each line carries its account's codes (a
// council's position, its council's row); a posting whose account, or
// whose account and council, has no row is an error naming each, once,
// in the order the journals first post them, and no journals are made.
// Only what the months chosen post needs a row: February has no grant.
func TestAccountCodes(t *testing.T) {
	r := twoCouncils()
	full := []carecast.AccountCode{
		{Account: carecast.Fund, Council: -1, CostCentre: "PF100", Subjective: "C1010", Description: "Bank"},
		{Account: carecast.Position, Council: 0, CostCentre: "PF100", Subjective: "B2101", Description: "A's position"},
		{Account: carecast.Position, Council: 1, CostCentre: "PF100", Subjective: "B2102", Description: "B's position"},
		{Account: carecast.BlockContract, Council: -1, CostCentre: "PF200", Subjective: "E3201"},
		{Account: carecast.RunningCosts, Council: -1, CostCentre: "PF100", Subjective: "E3202"},
		{Account: carecast.GrantIncome, Council: -1, CostCentre: "PF100", Subjective: "I8101"},
		{Account: carecast.SharedCosts, Council: -1, CostCentre: "PF100", Subjective: "E3299"},
	}
	r.Scenario.Accounts = full
	js := build(t, r, journal.Options{From: 0, To: 1})
	// The opening balance: Fund, A's position, B's position.
	for i, want := range [][3]string{{"PF100", "C1010", "Bank"}, {"PF100", "B2101", "A's position"}, {"PF100", "B2102", "B's position"}} {
		ln := js[0].Lines[i]
		if got := [3]string{ln.CostCentre, ln.Subjective, ln.AccountName}; got != want {
			t.Errorf("opening line %d (%s %s): codes %q, want %q", i+1, ln.Account, ln.Code, got, want)
		}
	}
	for _, j := range js {
		for _, ln := range j.Lines {
			if ln.Account == carecast.BlockContract && (ln.CostCentre != "PF200" || ln.Subjective != "E3201" || ln.AccountName != "") {
				t.Errorf("%s: Block contract coded %q %q %q, want PF200 E3201 and no name", ln.Reference, ln.CostCentre, ln.Subjective, ln.AccountName)
			}
		}
	}

	// Without B's position and Grant income.
	r.Scenario.Accounts = slices.DeleteFunc(slices.Clone(full), func(a carecast.AccountCode) bool {
		return a.Account == carecast.GrantIncome || a.Account == carecast.Position && a.Council == 1
	})
	for _, c := range []struct {
		from, to int
		missing  []string
	}{
		{0, 1, []string{"Council position for council B", "Grant income"}},
		{1, 1, []string{"Council position for council B"}},
	} {
		js, err := journal.Build(r, ledger.Build(r), journal.Options{From: c.from, To: c.to})
		var mc *journal.MissingCodeError
		if !errors.As(err, &mc) || js != nil {
			t.Fatalf("months %d to %d: %d journals, error %v; want none and a *MissingCodeError", c.from, c.to, len(js), err)
		}
		if !slices.Equal(mc.Missing, c.missing) {
			t.Errorf("months %d to %d: missing %q, want %q", c.from, c.to, mc.Missing, c.missing)
		}
	}
	_, err := journal.Build(r, ledger.Build(r), journal.Options{From: 0, To: 1})
	want := "Accounts: no row maps Council position for council B; no row maps Grant income; " +
		"add a row for each (account, council, cost_centre, subjective, description), or remove the Accounts table to use the ledger's own account names"
	if err == nil || err.Error() != want {
		t.Errorf("error %v\nwant %s", err, want)
	}
}
