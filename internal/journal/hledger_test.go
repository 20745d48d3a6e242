package journal_test

import (
	"bytes"
	"encoding/csv"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/carecast/carecast"
	"github.com/carecast/carecast/forecast"
	"github.com/carecast/carecast/forecast/forecasttest"
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

// Generated scenarios with opening balances, grants, running costs, and
// settlement on and off: hledger's balances are the fund and the
// positions at the end of a few months and after the last.
func TestHledgerGenerated(t *testing.T) {
	hledger := testtools.Program(t, "hledger", "hledger")
	for seed := range 6 {
		s := forecasttest.Generate(rand.New(rand.NewPCG(uint64(seed), 21)), forecasttest.Options{MaxCouncils: 5})
		r, err := forecast.Run(s)
		if err != nil {
			t.Fatal(err)
		}
		n := len(r.Months)
		checkHledger(t, hledger, r, []int{0, n / 2, n - 1})
	}
}
