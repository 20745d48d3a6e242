package carecast

// Account is an account of the pooled fund's ledger.
type Account string

// The accounts of the pooled fund. The pool is a pass-through: each month
// the costs and income it records are charged to the councils' positions, so
// only Fund and the positions carry balances from month to month.
const (
	// Fund is the pool's money at the bank. Debit: money in.
	Fund Account = "Fund"
	// Position is a council's position with the pool, one per council.
	// A credit balance is money the pool owes the council.
	Position Account = "Council position"
	// BlockContract collects what the block rooms cost.
	BlockContract Account = "Block contract"
	// RunningCosts collects the pool's running costs (the Costs sheet).
	RunningCosts Account = "Running costs"
	// GrantIncome collects one-off income (the Grants sheet).
	GrantIncome Account = "Grant income"
	// SharedCosts is a clearing account: void block cost plus running costs
	// less grants, shared among the councils.
	SharedCosts Account = "Shared costs"
)

// Posting is one line of a ledger transaction. Amounts are signed: a debit
// is positive, a credit negative, so the postings of every transaction sum
// to zero.
type Posting struct {
	Txn         int // transaction number, from 1
	Date        Date
	Account     Account
	Council     int // index into Scenario.Councils, or -1
	Amount      Money
	Description string
}

// Accounts lists the ledger's accounts in the order of a trial balance:
// Fund, Council position (one per council), then the expense, income and
// clearing accounts.
func Accounts() []Account {
	return []Account{Fund, Position, BlockContract, RunningCosts, GrantIncome, SharedCosts}
}

// PerCouncil reports whether the ledger keeps one such account per
// council (Council position), so that its postings name a council.
func (a Account) PerCouncil() bool { return a == Position }

// ParseAccount finds a ledger account by name, ignoring case, spaces,
// hyphens and underscores ("council_position" is Council position).
func ParseAccount(s string) (Account, bool) {
	for _, a := range Accounts() {
		if normKey(string(a)) == normKey(s) {
			return a, true
		}
	}
	return "", false
}
