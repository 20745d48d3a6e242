package inputs

import (
	"fmt"
	"strings"

	"github.com/carecast/carecast"
)

// The Accounts table (docs/methodology.md §16): each ledger account's
// codes in the finance system the journals go to, one row a council for
// the account the ledger keeps per council (Council position). Optional:
// without it the ledger's own account names stand.

var accountsSpec = tableSpec{name: "Accounts", file: "accounts.csv", required: false,
	about: "the finance system's codes for the ledger's accounts, for the journals of carecast journal",
	columns: []colSpec{
		{name: "account", required: true, note: "A ledger account (pick from the list): " + accountNames() + ". Council position is kept per council: one row for each council."},
		{name: "council", note: "For Council position, the council whose position the row codes, by code or name. Blank for the other accounts."},
		{name: "cost_centre", required: true, note: "The finance system's cost centre for the account (Oracle: a segment, by oracle_segments; Unit4: dim_1). At most 25 characters for Oracle and Unit4."},
		{name: "subjective", required: true, note: "The finance system's subjective, its account code (Oracle: a segment, by oracle_segments; Unit4: account). At most 25 characters for Oracle and Unit4."},
		{name: "description", note: "The finance system's name for the codes, for people: the journals show it beside them."},
	}}

// accountNames lists the ledger's accounts, for notes and messages.
func accountNames() string {
	var names []string
	for _, a := range carecast.Accounts() {
		names = append(names, string(a))
	}
	return strings.Join(names, ", ")
}

// accountList is the ledger's accounts, for the template's drop-down.
func accountList() []string {
	var names []string
	for _, a := range carecast.Accounts() {
		names = append(names, string(a))
	}
	return names
}

// accounts reads the Accounts table into s.Accounts: each row's account
// by name, its council where the account is per council (and none where
// it is not), its codes; one row an account (and council).
func (d *decoder) accounts() {
	tb, rows := d.rows(tAccounts)
	if tb == nil {
		return
	}
	const cAccount, cCouncil, cCost, cSubj, cDesc = 0, 1, 2, 3, 4
	type key struct {
		a carecast.Account
		c int
	}
	first := map[key]int{}
	for _, r := range rows {
		ok := true
		raw := strings.TrimSpace(tb.cell(r, cAccount).Value)
		a, found := carecast.ParseAccount(raw)
		switch {
		case raw == "":
			d.err(d.loc(tb, r.Number, cAccount), "missing value; expected a ledger account: "+accountNames())
			ok = false
		case !found:
			d.err(d.loc(tb, r.Number, cAccount), fmt.Sprintf("unknown account: found %s; expected a ledger account: %s", quote(raw), accountNames()))
			ok = false
		}
		council := -1
		blankCouncil := tb.blank(r, cCouncil)
		switch {
		case !ok:
		case a.PerCouncil() && blankCouncil:
			d.err(d.loc(tb, r.Number, cCouncil), fmt.Sprintf("missing value; %s is kept per council: expected the council whose position the row codes, by code or name, one row for each council", a))
			ok = false
		case a.PerCouncil():
			c, okc := d.council(tb, r, cCouncil) // reports an unknown council
			ok = okc
			council = c
		case !blankCouncil:
			d.err(d.loc(tb, r.Number, cCouncil), fmt.Sprintf("%s is one account for the fund, not one per council: found %s; expected the council left blank", a, quote(strings.TrimSpace(tb.cell(r, cCouncil).Value))))
			ok = false
		}
		codes := [5]string{}
		for _, c := range []int{cCost, cSubj, cDesc} {
			v := strings.TrimSpace(tb.cell(r, c).Value)
			codes[c] = v
			name := tb.spec.columns[c].name
			if v == "" && c != cDesc {
				d.err(d.loc(tb, r.Number, c), fmt.Sprintf("missing value; expected the finance system's %s for the account", strings.ReplaceAll(name, "_", " ")))
				ok = false
				continue
			}
			ok = d.text(d.loc(tb, r.Number, c), "the account's "+strings.ReplaceAll(name, "_", " "), v, c != cDesc) && ok
		}
		if !ok {
			continue
		}
		k := key{a, council}
		if prev, dup := first[k]; dup {
			what := string(a)
			if council >= 0 {
				what += " of " + d.s.Councils[council].Code
			}
			d.err(d.loc(tb, r.Number, -1), fmt.Sprintf("a second row for %s (the first is row %d); expected one", what, prev))
			continue
		}
		first[k] = r.Number
		d.s.Accounts = append(d.s.Accounts, carecast.AccountCode{
			Account: a, Council: council, CostCentre: codes[cCost], Subjective: codes[cSubj], Description: codes[cDesc],
		})
	}
}

// accountRows are the Accounts table's rows as the template holds them.
func accountRows(s *carecast.Scenario) [][]any {
	var rows [][]any
	for _, a := range s.Accounts {
		var council any
		if a.Council >= 0 && a.Council < len(s.Councils) {
			council = s.Councils[a.Council].Label()
		}
		rows = append(rows, []any{string(a.Account), council, a.CostCentre, a.Subjective, a.Description})
	}
	return rows
}

// builtInAccounts are the built-in scenario's Accounts rows: illustrative
// codes in the shape of a council's ledger, one cost centre for the pooled
// fund (PF100) and a subjective for each account, one a council for the
// councils' positions.
func builtInAccounts(s *carecast.Scenario) []carecast.AccountCode {
	rows := []carecast.AccountCode{
		{Account: carecast.Fund, Council: -1, CostCentre: "PF100", Subjective: "C1010", Description: "Pooled fund: bank (illustrative)"},
	}
	for c, co := range s.Councils {
		rows = append(rows, carecast.AccountCode{Account: carecast.Position, Council: c, CostCentre: "PF100",
			Subjective: fmt.Sprintf("B21%02d", c+1), Description: "Pooled fund: " + co.Code + "'s position (illustrative)"})
	}
	return append(rows,
		carecast.AccountCode{Account: carecast.BlockContract, Council: -1, CostCentre: "PF100", Subjective: "E3201", Description: "Residential care: block contract (illustrative)"},
		carecast.AccountCode{Account: carecast.RunningCosts, Council: -1, CostCentre: "PF100", Subjective: "E3202", Description: "Commissioning: running costs (illustrative)"},
		carecast.AccountCode{Account: carecast.GrantIncome, Council: -1, CostCentre: "PF100", Subjective: "I8101", Description: "Government grants (illustrative)"},
		carecast.AccountCode{Account: carecast.SharedCosts, Council: -1, CostCentre: "PF100", Subjective: "E3299", Description: "Shared costs: clearing (illustrative)"},
	)
}
