package journal_test

import (
	"encoding/csv"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/carecast/carecast"
	"github.com/carecast/carecast/forecast"
	"github.com/carecast/carecast/inputs"
	"github.com/carecast/carecast/internal/journal"
	"github.com/shopspring/decimal"
)

// withActuals is s with Actuals rows giving every item of its first k
// months (docs/methodology.md §15), each different from the forecast: a council's
// occupied room-days nine tenths of the forecast's (so within the
// capacity, and none where no spot price is in force), the block cost
// less a credit note of up to £1,000, each council's pledge up to £500
// more, the running costs up to £200 more, the grants as forecast.
func withActuals(t testing.TB, s *carecast.Scenario, k int, rng *rand.Rand) *carecast.Scenario {
	t.Helper()
	plain, err := forecast.Run(s)
	if err != nil {
		t.Fatal(err)
	}
	pence := func(n int64) decimal.Decimal { return decimal.New(rng.Int64N(n), -2) }
	a := *s
	a.Actuals = nil
	for _, mo := range plain.Months[:k] {
		add := func(item carecast.ActualItem, c int, v decimal.Decimal) {
			a.Actuals = append(a.Actuals, carecast.Actual{Month: mo.Start, Item: item, Council: c, Value: v})
		}
		add(carecast.ActualCapacityRoomDays, -1, mo.CapacityRoomDays)
		add(carecast.ActualBlockCost, -1, decimal.Max(decimal.Zero, mo.BlockCost.Decimal().Sub(pence(100000))))
		add(carecast.ActualGrants, -1, mo.Grants.Decimal())
		add(carecast.ActualOtherCosts, -1, mo.OtherCosts.Decimal().Add(pence(20000)))
		for c, cm := range mo.Councils {
			add(carecast.ActualOccupiedRoomDays, c, cm.OccupiedRoomDays.Mul(decimal.RequireFromString("0.9")).Truncate(1))
			add(carecast.ActualPledges, c, cm.Pledges.Decimal().Add(pence(50000)))
		}
	}
	return &a
}

// actualFund is the fund at the end of month k-1 worked out from the
// Actuals rows alone, when they give every item of months 0 to k-1: the
// opening balance, plus the pledges and grants, less the block and
// running costs.
func actualFund(s *carecast.Scenario) carecast.Money {
	f := s.Assumptions.OpeningFund.Decimal()
	for _, a := range s.Actuals {
		switch a.Item {
		case carecast.ActualPledges, carecast.ActualGrants:
			f = f.Add(a.Value)
		case carecast.ActualBlockCost, carecast.ActualOtherCosts:
			f = f.Sub(a.Value)
		}
	}
	return carecast.MoneyOf(f)
}

// builtInWithActuals is the built-in scenario with Actuals for April
// 2019 to November 2020 (as at 30 November 2020).
func builtInWithActuals(t testing.TB) *carecast.Result {
	t.Helper()
	s := withActuals(t, inputs.BuiltInScenario(), 20, rand.New(rand.NewPCG(11, 20)))
	r, err := forecast.Run(s)
	if err != nil {
		t.Fatal(err)
	}
	if r.AsAt != date(2020, 11, 30) {
		t.Fatalf("as at %s, want 2020-11-30", r.AsAt)
	}
	return r
}

// The journals of a scenario with Actuals post the actual months'
// figures: the built-in scenario as at 30 November 2020. Every journal
// balances and the Fund's lines move as the fund (checkJournals); the
// journals of April 2019 to November 2020 are actual (basis actual in
// the csv), December 2020's on forecast; November 2020's journal posts
// each council's pledge as its Actuals row gives it, the block cost and
// running costs as invoiced and paid; and the Fund's lines from the
// start to November 2020 add up to the fund worked out from the Actuals
// rows alone.
func TestActualsJournals(t *testing.T) {
	r := builtInWithActuals(t)
	js := build(t, r, journal.Options{From: 0, To: len(r.Months) - 1})
	if err := checkJournals(r, js); err != nil {
		t.Error(err)
	}
	var fund carecast.Money
	for _, j := range js {
		if want := j.Date.Before(date(2020, 12, 1)); j.Actual != want {
			t.Errorf("%s: actual %v, want %v", j.Reference, j.Actual, want)
		}
		if !j.Actual {
			continue
		}
		for _, ln := range j.Lines {
			if ln.Account == carecast.Fund {
				fund = fund.Add(ln.Amount())
			}
		}
	}
	if want := actualFund(r.Scenario); !fund.Equal(want) {
		t.Errorf("the Fund's lines to November 2020 sum to %s; the Actuals rows give %s", fund, want)
	}

	// November 2020 (month 19).
	nov := 19
	given := map[string]carecast.Money{}
	for _, a := range r.Scenario.Actuals {
		if a.Month != date(2020, 11, 1) {
			continue
		}
		key := a.Item.String()
		if a.Council >= 0 {
			key += " " + r.Scenario.Councils[a.Council].Code
		}
		given[key] = carecast.MoneyOf(a.Value)
	}
	var j *journal.Journal
	for i := range js {
		if js[i].Month == nov && js[i].Kind == journal.Monthly {
			j = &js[i]
		}
	}
	if j == nil || j.Reference != "CC-2020-11-M" {
		t.Fatal("no journal CC-2020-11-M")
	}
	pledges, block, running := 0, 0, 0
	for _, ln := range j.Lines {
		switch {
		case ln.Account == carecast.Position && strings.HasPrefix(ln.Description, "Pledge"):
			pledges++
			if want := given["pledges "+ln.Code]; !ln.Credit.Equal(want) {
				t.Errorf("%s: %s's pledge credited %s; its Actuals row gives %s", ln.Reference, ln.Code, ln.Credit, want)
			}
		case ln.Account == carecast.BlockContract && !ln.Debit.IsZero():
			block++
			if want := given["block_cost"]; !ln.Debit.Equal(want) {
				t.Errorf("%s: block contract debited %s; invoiced %s", ln.Reference, ln.Debit, want)
			}
		case ln.Account == carecast.RunningCosts && !ln.Debit.IsZero():
			running++
			if want := given["other_costs"]; !ln.Debit.Equal(want) {
				t.Errorf("%s: running costs debited %s; paid %s", ln.Reference, ln.Debit, want)
			}
		}
	}
	if pledges != 8 || block != 1 || running != 1 {
		t.Errorf("November 2020: %d pledges, %d block payments, %d running costs; want 8, 1, 1", pledges, block, running)
	}

	// The csv says which months are actual.
	recs, err := csv.NewReader(strings.NewReader(csvOf(t, js))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	count := map[string]int{}
	for _, rec := range recs[1:] {
		want := "forecast"
		if rec[1] < "2020-12" {
			want = "actual"
		}
		if rec[5] != want {
			t.Fatalf("line %s dated %s: basis %s, want %s", rec[14], rec[1], rec[5], want)
		}
		count[rec[5]]++
	}
	t.Logf("lines: %v", count)
	if err := csvBalances(csvOf(t, js)); err != nil {
		t.Error(err)
	}
}
