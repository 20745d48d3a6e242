package inputs

import (
	"errors"
	"path/filepath"
	"strings"
	"testing"

	"github.com/carecast/carecast"
	"github.com/xuri/excelize/v2"
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

// The template's Accounts sheet as an analyst might spoil it: every
// problem at its cell (a whole row's at the row, as Accounts!10:10),
// all at once, and nothing else. The built-in rows: 2 the Fund, 3 to 10
// the councils' positions (HAV, BAD, COL, HAC, NEW, RED, TOW, WAL), 11
// to 14 Block contract, Running costs, Grant income and Shared costs.
func TestAccountsTemplateEditedErrors(t *testing.T) {
	p := filepath.Join(t.TempDir(), "inputs.xlsx")
	if err := WriteTemplate(p, BuiltInScenario()); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenFile(p)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range []struct{ cell, value string }{
		{"A2", "Bank"},            // no such account
		{"B3", ""},                // Council position with no council
		{"B4", "Barking"},         // no such council
		{"B10", "City of London"}, // COL's name: a second row for COL (row 5)
		{"B11", "HAV"},            // Block contract is kept once
		{"C12", ""},               // no cost centre
		{"D13", " "},              // no subjective
		{"C14", "E\u202e3299"},    // a bidirectional control in a code
		{"E2", "Fund\u2066 bank"}, // and one in the description
	} {
		if err := f.SetCellValue("Accounts", e.cell, e.value); err != nil {
			t.Fatal(err)
		}
	}
	if err := f.Save(); err != nil {
		t.Fatal(err)
	}
	f.Close()
	_, _, err = Load(p)
	var errs *Errors
	if !errors.As(err, &errs) {
		t.Fatalf("got %v, want *Errors", err)
	}
	got := err.Error()
	for _, want := range []string{
		`Accounts!A2: unknown account: found "Bank"; expected a ledger account: Fund, Council position, Block contract, Running costs, Grant income, Shared costs`,
		"Accounts!B3: missing value; Council position is kept per council: expected the council whose position the row codes, by code or name, one row for each council",
		`Accounts!B4: unknown council: found "Barking"; expected the code or name of a council on the Councils sheet (HAV, BAD, COL, HAC, NEW, RED, TOW, WAL)`,
		"Accounts!10:10: a second row for Council position of COL (the first is row 5); expected one",
		`Accounts!B11: Block contract is one account for the fund, not one per council: found "HAV"; expected the council left blank`,
		"Accounts!C12: missing value; expected the finance system's cost centre for the account",
		"Accounts!D13: missing value; expected the finance system's subjective for the account",
		`Accounts!C14: bidirectional control U+202E in the account's cost centre: found "E\u202e3299"; expected only visible characters and spaces`,
		`Accounts!E2: bidirectional control U+2066 in the account's description: found "Fund\u2066 bank"; expected text without it`,
	} {
		if !strings.Contains(got, want) {
			t.Errorf("errors lack %q:\n%s", want, got)
		}
	}
	if n := len(errs.Problems); n != 9 {
		t.Errorf("%d errors, want 9:\n%s", n, got)
	}
}
