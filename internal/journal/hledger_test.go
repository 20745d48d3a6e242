package journal_test

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/carecast/carecast"
	"github.com/carecast/carecast/forecast"
	"github.com/carecast/carecast/inputs"
	"github.com/carecast/carecast/internal/journal"
	"github.com/carecast/carecast/internal/ledger"
	"github.com/carecast/carecast/internal/testtools"
)

// hledgerBalances runs 'hledger -f file balance' (flat, to the day before
// end when end is set) and returns each account's balance in pence.
func hledgerBalances(t *testing.T, hledger, file string, end carecast.Date) map[string]int64 {
	t.Helper()
	args := []string{"-f", file, "balance", "--flat", "--no-total", "-O", "csv"}
	if !end.IsZero() {
		args = append(args, "--end", end.String())
	}
	cmd := exec.Command(hledger, args...)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("hledger %s: %v\n%s", strings.Join(args, " "), err, stderr.String())
	}
	recs, err := csv.NewReader(bytes.NewReader(out)).ReadAll()
	if err != nil {
		t.Fatalf("hledger's CSV: %v\n%s", err, out)
	}
	bal := map[string]int64{}
	for _, rec := range recs[1:] {
		amount, ok := strings.CutSuffix(rec[1], " GBP")
		m, err := carecast.ParseMoney(amount)
		if !ok || err != nil {
			t.Fatalf("hledger balance %q of %s: want an amount in GBP", rec[1], rec[0])
		}
		bal[rec[0]] = m.PenceInt()
	}
	return bal
}

// writeHledgerFile writes the whole horizon's journals of r as an hledger
// journal in a temporary file.
func writeHledgerFile(t *testing.T, r *carecast.Result) string {
	t.Helper()
	js := build(t, r, journal.Options{From: 0, To: len(r.Months) - 1})
	var b bytes.Buffer
	if err := journal.WriteHledger(&b, js, journal.Meta{Scenario: r.Scenario.Assumptions.Scenario}); err != nil {
		t.Fatal(err)
	}
	file := filepath.Join(t.TempDir(), "fund.journal")
	if err := os.WriteFile(file, b.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	return file
}

// checkHledger has hledger read the journals of r and holds its balances
// at the end of each month in months against the forecast: the Fund is
// the month's closing fund and each council's position (a liability,
// negative in hledger) is minus its position; nothing else has a balance.
// After the last day (the settlement) the balances are those left by
// settlement: nothing, with settle_at_end.
func checkHledger(t *testing.T, hledger string, r *carecast.Result, months []int) {
	t.Helper()
	file := writeHledgerFile(t, r)
	for _, m := range months {
		mo := &r.Months[m]
		got := hledgerBalances(t, hledger, file, mo.End.AddDays(1))
		want := map[string]int64{}
		if !mo.ClosingFund.IsZero() {
			want["assets:Fund"] = mo.ClosingFund.PenceInt()
		}
		for c, cm := range mo.Councils {
			if !cm.Position.IsZero() {
				want["liabilities:Council position:"+r.Councils[c].Council.Code] = -cm.Position.PenceInt()
			}
		}
		if m == len(r.Months)-1 {
			// The settlement, on the last day, is within --end.
			want = map[string]int64{}
			cl := ledger.Build(r).Closing()
			if !cl.Fund.IsZero() {
				want["assets:Fund"] = cl.Fund.PenceInt()
			}
			for c := range r.Councils {
				if p := cl.OwedTo(c); !p.IsZero() {
					want["liabilities:Council position:"+r.Councils[c].Council.Code] = -p.PenceInt()
				}
			}
		}
		if len(got) != len(want) {
			t.Errorf("%s: hledger shows %d balances, want %d: %v", mo.End, len(got), len(want), got)
		}
		for a, w := range want {
			if got[a] != w {
				t.Errorf("%s: hledger's %s is %s, want %s", mo.End, a, carecast.Pence(got[a]), carecast.Pence(w))
			}
		}
	}
}

// hledger reads the built-in scenario's journals, and its balances at the
// end of April 2019, March 2020 (£3,672,745.59 in the fund, as the README
// says), March 2023 and February 2027 are the fund and the councils'
// positions, to the penny; after the settlement of March 2027 nothing is
// left.
func TestHledgerBuiltIn(t *testing.T) {
	hledger := testtools.Program(t, "hledger", "hledger")
	r, err := forecast.Run(inputs.BuiltInScenario())
	if err != nil {
		t.Fatal(err)
	}
	if got := r.Months[11].ClosingFund; !got.Equal(money("3672745.59")) {
		t.Fatalf("the fund at the end of March 2020 is %s, want 3,672,745.59", got)
	}
	checkHledger(t, hledger, r, []int{0, 11, 47, 94, 95})
	file := writeHledgerFile(t, r)
	if got := hledgerBalances(t, hledger, file, date(2020, 4, 1)); got["assets:Fund"] != 367274559 {
		t.Errorf("hledger's Fund on 31 March 2020 is %s, want 3,672,745.59", carecast.Pence(got["assets:Fund"]))
	}
}

// hledgerMonthly runs 'hledger -f file balance -H -M' over the horizon of
// r: each account's balance at the end of every month, in pence, the
// months in the horizon's order (one hledger run for them all).
func hledgerMonthly(t *testing.T, hledger, file string, r *carecast.Result) map[string][]int64 {
	t.Helper()
	args := []string{"-f", file, "balance", "--flat", "-H", "-M", "-E", "--no-total", "-O", "csv",
		"-b", r.Start.String(), "-e", r.End.AddDays(1).String()}
	cmd := exec.Command(hledger, args...)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("hledger %s: %v\n%s", strings.Join(args, " "), err, stderr.String())
	}
	recs, err := csv.NewReader(bytes.NewReader(out)).ReadAll()
	if err != nil {
		t.Fatalf("hledger's CSV: %v\n%s", err, out)
	}
	// The header names the months: "account","2019-04",...
	if len(recs[0]) != 1+len(r.Months) {
		t.Fatalf("hledger shows %d months, want the horizon's %d: %q", len(recs[0])-1, len(r.Months), recs[0])
	}
	for m, h := range recs[0][1:] {
		if want := r.Months[m].Start.String()[:7]; h != want {
			t.Fatalf("hledger's column %d is %q, want %s", m+1, h, want)
		}
	}
	bal := map[string][]int64{}
	for _, rec := range recs[1:] {
		row := make([]int64, len(r.Months))
		for m, v := range rec[1:] {
			if v == "0" {
				continue
			}
			amount, ok := strings.CutSuffix(v, " GBP")
			p, err := carecast.ParseMoney(amount)
			if !ok || err != nil {
				t.Fatalf("hledger's %s at %s is %q: want an amount in GBP", rec[0], recs[0][m+1], v)
			}
			row[m] = p.PenceInt()
		}
		bal[rec[0]] = row
	}
	return bal
}

// checkHledgerMonthly has hledger read the journals of r and holds its
// balance at the end of every month against the forecast, to the penny:
// assets:Fund the fund's closing balance, each council's position account
// minus its position (what the fund owes it), and the expense, income and
// clearing accounts nothing; at the end of the last month, after the
// settlement, what settlement leaves (nothing, with settle_at_end). It
// returns hledger's balances.
func checkHledgerMonthly(t *testing.T, hledger string, r *carecast.Result, label string) map[string][]int64 {
	t.Helper()
	file := writeHledgerFile(t, r)
	bal := hledgerMonthly(t, hledger, file, r)
	n := len(r.Months)
	want := map[string][]int64{"assets:Fund": make([]int64, n)}
	pos := func(c int) string { return "liabilities:Council position:" + r.Councils[c].Council.Code }
	for c := range r.Councils {
		want[pos(c)] = make([]int64, n)
	}
	for m, mo := range r.Months {
		want["assets:Fund"][m] = mo.ClosingFund.PenceInt()
		for c, cm := range mo.Councils {
			want[pos(c)][m] = -cm.Position.PenceInt()
		}
	}
	cl := ledger.Build(r).Closing()
	want["assets:Fund"][n-1] = cl.Fund.PenceInt()
	for c := range r.Councils {
		want[pos(c)][n-1] = -cl.OwedTo(c).PenceInt()
	}
	for a, got := range bal {
		w, ok := want[a]
		if !ok {
			w = make([]int64, n) // expenses and income: nothing at a month's end
		}
		for m := range n {
			if got[m] != w[m] {
				t.Errorf("%s: hledger's %s at the end of %s is %s, want %s",
					label, a, r.Months[m].Start.String()[:7], carecast.Pence(got[m]), carecast.Pence(w[m]))
				break
			}
		}
	}
	for a, w := range want {
		if _, ok := bal[a]; !ok && slices.ContainsFunc(w, func(p int64) bool { return p != 0 }) {
			t.Errorf("%s: hledger shows no %s", label, a)
		}
	}
	return bal
}

// The property over 100 generated scenarios (those of
// TestGeneratedJournals: 1 to 8 councils, opening balances, grants,
// running costs, settlement on and off, occupancy given or following
// demand, a third with Actuals for their first months): hledger reads
// each one's hledger journal, and at the end of every month its balances
// are the forecast's, to the penny (checkHledgerMonthly); with Actuals,
// its fund at the as-at date is the fund the Actuals rows give.
func TestHledgerGenerated(t *testing.T) {
	hledger := testtools.Program(t, "hledger", "hledger")
	const scenarios = 100
	var mu sync.Mutex
	months, postings, actual := 0, 0, 0
	// The scenarios in parallel, a subtest each: most of the time is
	// hledger starting, once a scenario.
	t.Run("scenarios", func(t *testing.T) {
		for seed := range scenarios {
			t.Run(fmt.Sprint(seed), func(t *testing.T) {
				t.Parallel()
				r := generatedResult(t, seed)
				label := fmt.Sprintf("seed %d", seed)
				bal := checkHledgerMonthly(t, hledger, r, label)
				if len(r.Scenario.Actuals) > 0 {
					checkActualFund(t, r, bal, label)
				}
				n := len(r.Months)
				lines := 0
				for _, j := range build(t, r, journal.Options{From: 0, To: n - 1}) {
					lines += len(j.Lines)
				}
				mu.Lock()
				defer mu.Unlock()
				months += n
				postings += lines
				if len(r.Scenario.Actuals) > 0 {
					actual++
				}
			})
		}
	})
	t.Logf("%d scenarios (%d with Actuals), %d month ends, %d postings read by hledger", scenarios, actual, months, postings)
}

// checkActualFund holds hledger's fund at the end of the as-at month
// against the fund worked out from the Actuals rows alone (before a
// settlement on that day, which empties it).
func checkActualFund(t *testing.T, r *carecast.Result, bal map[string][]int64, label string) {
	t.Helper()
	m := len(r.Months) - 1
	for m > 0 && r.Months[m].End != r.AsAt {
		m--
	}
	if m == len(r.Months)-1 {
		return
	}
	if got, want := bal["assets:Fund"][m], actualFund(r.Scenario).PenceInt(); got != want {
		t.Errorf("%s: hledger's fund at %s is %s; the Actuals rows give %s", label, r.AsAt, carecast.Pence(got), carecast.Pence(want))
	}
}

// A scenario with Actuals (the built-in as at 30 November 2020, every
// item of April 2019 to November 2020 given and none as forecast): the
// journals post the actual months' figures, and hledger's balances at the
// end of every month are still the fund and the councils' positions; its
// fund on 30 November 2020 is the one the Actuals rows give, which is not
// the plan's.
func TestHledgerActuals(t *testing.T) {
	hledger := testtools.Program(t, "hledger", "hledger")
	r := builtInWithActuals(t)
	bal := checkHledgerMonthly(t, hledger, r, "built-in with Actuals")
	checkActualFund(t, r, bal, "built-in with Actuals")
	plan, err := forecast.Run(inputs.BuiltInScenario())
	if err != nil {
		t.Fatal(err)
	}
	got := bal["assets:Fund"][19]
	if plan := plan.Months[19].ClosingFund.PenceInt(); got == plan {
		t.Errorf("hledger's fund on 30 November 2020 is the plan's, %s", carecast.Pence(plan))
	}
	t.Logf("the fund on 30 November 2020: %s with Actuals (%s planned)", carecast.Pence(got), plan.Months[19].ClosingFund)
}

// runHledger runs hledger with args and returns its standard output.
func runHledger(t *testing.T, hledger string, args ...string) []byte {
	t.Helper()
	cmd := exec.Command(hledger, args...)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("hledger %s: %v\n%s%s", strings.Join(args, " "), err, stderr.String(), out)
	}
	return out
}

// The hledger format field by field, as hledger itself reads the file
// (hledger's journal format, hledger.org/1.25/journal.html): the
// built-in scenario's journals, with its Accounts table, pass hledger's
// strict checks (every account and commodity declared) and its check
// that dates are in order; 'hledger print -O csv' gives back every
// posting, and each field is the journal's: one transaction a journal,
// its date, its reference as the code, its name as the description, its
// period as tags; each posting the line's account as docs/methodology.md
// §16 names it (assets:Fund, liabilities:Council position:HAV,
// expenses:Block contract, expenses:Running costs, income:Grant income,
// expenses:Shared costs), its debit as a positive amount or its credit
// as a negative one in GBP, and the line's reference and description as
// its comment. The account directives carry the Accounts table's codes
// as tags, which hledger's queries find.
func TestHledgerFields(t *testing.T) {
	hledger := testtools.Program(t, "hledger", "hledger")
	r, err := forecast.Run(inputs.BuiltInScenario())
	if err != nil {
		t.Fatal(err)
	}
	if len(r.Scenario.Accounts) == 0 {
		t.Fatal("the built-in scenario has no Accounts table")
	}
	js := build(t, r, journal.Options{From: 0, To: len(r.Months) - 1})
	var b bytes.Buffer
	if err := journal.WriteHledger(&b, js, journal.Meta{Scenario: r.Scenario.Assumptions.Scenario}); err != nil {
		t.Fatal(err)
	}
	file := filepath.Join(t.TempDir(), "fund.journal")
	if err := os.WriteFile(file, b.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	runHledger(t, hledger, "-f", file, "check", "--strict", "ordereddates")

	recs, err := csv.NewReader(bytes.NewReader(runHledger(t, hledger, "-f", file, "print", "-O", "csv"))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	head := []string{"txnidx", "date", "date2", "status", "code", "description", "comment", "account", "amount", "commodity", "credit", "debit", "posting-status", "posting-comment"}
	if !slices.Equal(recs[0], head) {
		t.Fatalf("hledger print's columns %q, want %q", recs[0], head)
	}
	account := map[carecast.Account]string{
		carecast.Fund: "assets:Fund", carecast.BlockContract: "expenses:Block contract", carecast.RunningCosts: "expenses:Running costs",
		carecast.GrantIncome: "income:Grant income", carecast.SharedCosts: "expenses:Shared costs",
	}
	row := 1
	for n, j := range js {
		tags := fmt.Sprintf("period:%s, period_number:%d, financial_year:%s, basis:forecast", j.Period, j.Period.Number, j.Period.FY)
		for _, ln := range j.Lines {
			if row >= len(recs) {
				t.Fatalf("hledger reads %d postings; the journals have more", len(recs)-1)
			}
			rec := recs[row]
			row++
			acct := account[ln.Account]
			if ln.Account == carecast.Position {
				acct = "liabilities:Council position:" + ln.Code
			}
			amount := ln.Debit.String()
			if ln.Debit.IsZero() {
				amount = ln.Credit.Neg().String()
			}
			want := []string{fmt.Sprint(n + 1), j.Date.String(), "", "", j.Reference, j.Name, tags, acct, amount, "GBP",
				map[bool]string{true: "", false: ln.Credit.String()}[ln.Credit.IsZero()],
				map[bool]string{true: "", false: ln.Debit.String()}[ln.Debit.IsZero()],
				"", ln.Reference + " " + ln.Description}
			if !slices.Equal(rec, want) {
				t.Fatalf("posting %d: hledger reads\n%q\nwant\n%q", row-1, rec, want)
			}
		}
	}
	if row != len(recs) {
		t.Errorf("hledger reads %d postings, the journals have %d", len(recs)-1, row-1)
	}

	// The Accounts table's codes, as tags of the account directives:
	// hledger finds an account by its cost centre and subjective (the
	// Fund, COL's position and Shared costs; each query a run of hledger).
	for _, a := range r.Scenario.Accounts {
		if a.Subjective != "C1010" && a.Subjective != "B2103" && a.Subjective != "E3299" {
			continue
		}
		acct := account[a.Account]
		if a.Account == carecast.Position {
			acct = "liabilities:Council position:" + r.Scenario.Councils[a.Council].Code
		}
		out := runHledger(t, hledger, "-f", file, "accounts", "tag:subjective=^"+a.Subjective+"$", "tag:cost_centre=^"+a.CostCentre+"$")
		if got := strings.TrimSpace(string(out)); got != acct {
			t.Errorf("hledger's accounts with subjective %s and cost centre %s: %q, want %q", a.Subjective, a.CostCentre, got, acct)
		}
	}
}
