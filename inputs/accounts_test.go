package inputs

import (
	"strings"
	"testing"

	"github.com/carecast/carecast"
)

// An Accounts table as an analyst types it: accounts named any way
// spaces, case and underscores allow, councils by code or name, a
// description optional.
func TestAccountsValid(t *testing.T) {
	files := with(map[string]string{"accounts.csv": "account,council,cost_centre,subjective,description\n" +
		"Fund,,PF100,C1010,Pooled fund bank\n" + // 2
		"council_position,A,PF100,B2101,\n" + // 3
		"COUNCIL POSITION,Beta,PF100,B2102,Beta's position\n" + // 4
		"Block contract,,PF100,E3201,\n"}) // 5
	s, warns, err := Decode(csvBook(files))
	if err != nil {
		t.Fatal(err)
	}
	if len(warns) > 0 {
		t.Errorf("warnings: %s", problems(warns))
	}
	want := []carecast.AccountCode{
		{Account: carecast.Fund, Council: -1, CostCentre: "PF100", Subjective: "C1010", Description: "Pooled fund bank"},
		{Account: carecast.Position, Council: 0, CostCentre: "PF100", Subjective: "B2101"},
		{Account: carecast.Position, Council: 1, CostCentre: "PF100", Subjective: "B2102", Description: "Beta's position"},
		{Account: carecast.BlockContract, Council: -1, CostCentre: "PF100", Subjective: "E3201"},
	}
	if len(s.Accounts) != len(want) {
		t.Fatalf("%d accounts, want %d: %+v", len(s.Accounts), len(want), s.Accounts)
	}
	for i := range want {
		if s.Accounts[i] != want[i] {
			t.Errorf("row %d: %+v, want %+v", i+2, s.Accounts[i], want[i])
		}
	}
}

// Every problem of an Accounts row, at its cell, all at once.
func TestAccountsErrors(t *testing.T) {
	files := with(map[string]string{"accounts.csv": "account,council,cost_centre,subjective,description\n" +
		"Bank,,PF100,C1010,\n" + // 2: no such account
		"Council position,,PF100,B2101,\n" + // 3: no council
		"Council position,Zeta,PF100,B2101,\n" + // 4: unknown council
		"Fund,A,PF100,C1010,\n" + // 5: Fund is not per council
		"Block contract,,,E3201,\n" + // 6: no cost centre
		"Running costs,,PF100,,\n" + // 7: no subjective
		"Council position,A,PF100,B2101,\n" + // 8
		"council position,Alpha,PF200,B2199,\n" + // 9: A again
		"Grant income,,PF\u202e100,I8101,\n"}) // 10: a bidirectional control
	_, _, err := Decode(csvBook(files))
	if err == nil {
		t.Fatal("no error")
	}
	got := err.Error()
	for _, want := range []string{
		`accounts.csv:2: column account: unknown account: found "Bank"; expected a ledger account: Fund, Council position, Block contract, Running costs, Grant income, Shared costs`,
		"accounts.csv:3: column council: missing value; Council position is kept per council: expected the council whose position the row codes, by code or name, one row for each council",
		`accounts.csv:4: column council: unknown council: found "Zeta"`,
		`accounts.csv:5: column council: Fund is one account for the fund, not one per council: found "A"; expected the council left blank`,
		"accounts.csv:6: column cost_centre: missing value; expected the finance system's cost centre for the account",
		"accounts.csv:7: column subjective: missing value; expected the finance system's subjective for the account",
		"accounts.csv:9: a second row for Council position of A (the first is row 8); expected one",
		"accounts.csv:10: column cost_centre: ",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("errors lack %q:\n%s", want, got)
		}
	}
	if n := strings.Count(got, "\n") + 1; n != 8 {
		t.Errorf("%d errors, want 8:\n%s", n, got)
	}
}

// The template carries the built-in scenario's illustrative Accounts
// rows, and reading it back gives them again (TestTemplateRoundTrip
// compares the whole scenario); here, that they are all there: the five
// accounts kept once and a position for each of the eight councils.
func TestBuiltInAccounts(t *testing.T) {
	s := BuiltInScenario()
	if got, want := len(s.Accounts), 5+8; got != want {
		t.Fatalf("%d Accounts rows, want %d", got, want)
	}
	seen := map[carecast.Account]int{}
	for _, a := range s.Accounts {
		seen[a.Account]++
		if a.Account.PerCouncil() != (a.Council >= 0) || a.CostCentre == "" || a.Subjective == "" {
			t.Errorf("row %+v", a)
		}
	}
	for _, a := range carecast.Accounts() {
		if want := map[bool]int{true: 8, false: 1}[a.PerCouncil()]; seen[a] != want {
			t.Errorf("%s: %d rows, want %d", a, seen[a], want)
		}
	}
}
