// Package ledger keeps the pooled fund's books: every pledge, grant, block
// payment and running cost as balanced postings, each council's position,
// and the settlement that closes the fund at the end (docs/methodology.md §6).
//
// The pool is a pass-through. Each month:
//
//   - on the first day, each council's pledge instalment comes in
//     (Dr Fund, Cr that council's Position);
//   - on its own date, each grant comes in (Dr Fund, Cr Grant income);
//   - on the last day, the block contract and the running costs are paid
//     (Dr Block contract, Cr Fund; Dr Running costs, Cr Fund), and then
//     attributed: the block rooms each council used are charged to it
//     (Dr Position, Cr Block contract) and the void cost goes to Shared
//     costs (Dr Shared costs, Cr Block contract); running costs go to
//     Shared costs (Dr Shared costs, Cr Running costs) and grants come off
//     them (Dr Grant income, Cr Shared costs); finally Shared costs are
//     charged to the councils by the month's shares (Dr Position, Cr Shared
//     costs).
//
// So after each month only the Fund and the councils' positions carry
// balances, and the positions sum to the fund. An opening fund balance is
// posted on the first day (Dr Fund, Cr each Position by its part); with
// settle_at_end each council's closing position is paid back on the last
// day of the horizon (Dr Position, Cr Fund; a negative amount is money the
// council pays in), which closes the fund at zero.
//
// Amounts are signed, a debit positive and a credit negative, so the
// postings of every transaction sum to zero. A council's position is
// reported as the amount the pool owes it: minus the balance of its
// Position account. Zero postings are left out, and so are transactions
// with nothing to post.
package ledger

import (
	"fmt"
	"sort"

	"github.com/carecast/carecast"
)

// Descriptions of the transactions.
const (
	DescOpening    = "Opening fund balance"
	DescPledge     = "Pledge instalment"
	DescGrant      = "Grant received"
	DescBlock      = "Block contract payment"
	DescRunning    = "Running costs paid"
	DescUsed       = "Block rooms used"
	DescVoid       = "Void block cost shared"
	DescRunningAtt = "Running costs shared"
	DescGrantAtt   = "Grants shared"
	DescShared     = "Shared costs charged by share"
	DescSettlement = "Settlement at the end"
)

// Ledger is the pooled fund's postings over a forecast, in date order.
type Ledger struct {
	Postings []carecast.Posting
	// Councils is the number of councils, for the Position accounts.
	Councils int
	// monthEnd[m] is the number of postings up to and including month m's
	// attribution: the postings before any settlement. openingEnd is the
	// number of postings of the opening balance (none without one).
	monthEnd   []int
	openingEnd int
	txns       int
}

// Build posts a forecast's monthly figures. It posts what the Result says
// and no more: the checks that the books then balance and agree with the
// Result are Check and the package's tests.
func Build(r *carecast.Result) *Ledger {
	nc := len(r.Councils)
	if nc == 0 && len(r.Months) > 0 {
		nc = len(r.Months[0].Councils)
	}
	l := &Ledger{Councils: nc, monthEnd: make([]int, len(r.Months))}
	// Postings: per council-month a pledge, a used-block and a shared-cost
	// line, and about ten more a month.
	l.Postings = make([]carecast.Posting, 0, len(r.Months)*(3*nc+12)+2*nc+2)

	// Opening balance, on the first day.
	if len(r.Months) > 0 {
		b := l.begin(r.Start, DescOpening)
		b.post(carecast.Fund, -1, r.Months[0].OpeningFund)
		for c := range r.Councils {
			b.post(carecast.Position, c, r.Councils[c].OpeningPosition.Neg())
		}
		b.end()
	}
	l.openingEnd = len(l.Postings)

	grants := grantsByDate(r)
	gi := 0
	for m := range r.Months {
		mo := &r.Months[m]
		l.receipts(mo)
		if r.Scenario == nil {
			// A Result without a Scenario: the month's grants on the
			// first day.
			b := l.begin(mo.Start, DescGrant)
			b.post(carecast.Fund, -1, mo.Grants)
			b.post(carecast.GrantIncome, -1, mo.Grants.Neg())
			b.end()
		} else {
			gi = l.grants(mo, grants, gi)
		}
		l.payments(mo)
		l.attribution(mo)
		l.monthEnd[m] = len(l.Postings)
	}

	// Settlement on the last day of the horizon.
	b := l.begin(r.End, DescSettlement)
	var paid carecast.Money
	for c := range r.Councils {
		b.post(carecast.Position, c, r.Councils[c].Settlement)
		paid = paid.Add(r.Councils[c].Settlement)
	}
	b.post(carecast.Fund, -1, paid.Neg())
	b.end()
	return l
}

// receipts posts the month's pledges, on its first day.
func (l *Ledger) receipts(mo *carecast.Month) {
	for c := range mo.Councils {
		b := l.begin(mo.Start, DescPledge)
		b.post(carecast.Fund, -1, mo.Councils[c].Pledges)
		b.post(carecast.Position, c, mo.Councils[c].Pledges.Neg())
		b.end()
	}
}

// grants posts the grants of the month on their own dates, from
// grants[gi] (in date order), and returns the index of the first grant
// after the month.
func (l *Ledger) grants(mo *carecast.Month, grants []carecast.Grant, gi int) int {
	for ; gi < len(grants) && !grants[gi].Date.After(mo.End); gi++ {
		g := grants[gi]
		if g.Date.Before(mo.Start) {
			continue // before the horizon: not the pool's
		}
		desc := DescGrant
		if g.Description != "" {
			desc += ": " + g.Description
		}
		b := l.begin(g.Date, desc)
		b.post(carecast.Fund, -1, g.Amount)
		b.post(carecast.GrantIncome, -1, g.Amount.Neg())
		b.end()
	}
	return gi
}

// payments posts the block contract and the running costs, paid on the
// month's last day.
func (l *Ledger) payments(mo *carecast.Month) {
	b := l.begin(mo.End, DescBlock)
	b.post(carecast.BlockContract, -1, mo.BlockCost)
	b.post(carecast.Fund, -1, mo.BlockCost.Neg())
	b.end()
	b = l.begin(mo.End, DescRunning)
	b.post(carecast.RunningCosts, -1, mo.OtherCosts)
	b.post(carecast.Fund, -1, mo.OtherCosts.Neg())
	b.end()
}

// attribution charges the month's costs to the councils on its last day:
// the block rooms each used to its position, the void cost, running costs
// and grants to Shared costs, which is then shared out.
func (l *Ledger) attribution(mo *carecast.Month) {
	b := l.begin(mo.End, DescUsed)
	for c := range mo.Councils {
		b.post(carecast.Position, c, mo.Councils[c].UsedBlock)
	}
	b.desc = DescVoid
	b.post(carecast.SharedCosts, -1, mo.VoidCost)
	b.desc = DescUsed
	b.post(carecast.BlockContract, -1, mo.BlockCost.Neg())
	b.end()
	b = l.begin(mo.End, DescRunningAtt)
	b.post(carecast.SharedCosts, -1, mo.OtherCosts)
	b.post(carecast.RunningCosts, -1, mo.OtherCosts.Neg())
	b.end()
	b = l.begin(mo.End, DescGrantAtt)
	b.post(carecast.GrantIncome, -1, mo.Grants)
	b.post(carecast.SharedCosts, -1, mo.Grants.Neg())
	b.end()
	b = l.begin(mo.End, DescShared)
	for c := range mo.Councils {
		b.post(carecast.Position, c, mo.Councils[c].SharedCost)
	}
	b.post(carecast.SharedCosts, -1, mo.SharedCost.Neg())
	b.end()
}

// grantsByDate returns the scenario's grants in date order (the order of
// the Grants sheet among grants of one date).
func grantsByDate(r *carecast.Result) []carecast.Grant {
	if r.Scenario == nil {
		return nil
	}
	gs := append([]carecast.Grant(nil), r.Scenario.Grants...)
	sort.SliceStable(gs, func(i, j int) bool { return gs[i].Date.Before(gs[j].Date) })
	return gs
}

// txn builds one transaction; it takes a number only if it posts anything.
type txn struct {
	l     *Ledger
	date  carecast.Date
	desc  string
	first int
}

func (l *Ledger) begin(d carecast.Date, desc string) txn {
	return txn{l: l, date: d, desc: desc, first: len(l.Postings)}
}

func (t *txn) post(a carecast.Account, council int, amount carecast.Money) {
	if amount.IsZero() {
		return
	}
	t.l.Postings = append(t.l.Postings, carecast.Posting{
		Txn: t.l.txns + 1, Date: t.date, Account: a, Council: council, Amount: amount, Description: t.desc,
	})
}

func (t *txn) end() {
	if len(t.l.Postings) > t.first {
		t.l.txns++
	}
}

// Transactions returns the number of transactions.
func (l *Ledger) Transactions() int { return l.txns }

// Transaction returns the postings of transaction n (from 1).
func (l *Ledger) Transaction(n int) []carecast.Posting {
	i := sort.Search(len(l.Postings), func(i int) bool { return l.Postings[i].Txn >= n })
	j := i
	for j < len(l.Postings) && l.Postings[j].Txn == n {
		j++
	}
	return l.Postings[i:j]
}

// Unbalanced returns the numbers of the transactions whose postings do not
// sum to zero: none, for a ledger built from a sound Result.
func (l *Ledger) Unbalanced() []int {
	var bad []int
	var sum carecast.Money
	for i, p := range l.Postings {
		sum = sum.Add(p.Amount)
		if i+1 == len(l.Postings) || l.Postings[i+1].Txn != p.Txn {
			if !sum.IsZero() {
				bad = append(bad, p.Txn)
			}
			sum = carecast.Money{}
		}
	}
	return bad
}

// Balances are the balances of every account at a point in the books.
// Debit balances are positive.
type Balances struct {
	Fund          carecast.Money
	Positions     []carecast.Money // balance of each council's Position account
	BlockContract carecast.Money
	RunningCosts  carecast.Money
	GrantIncome   carecast.Money
	SharedCosts   carecast.Money
}

// OwedTo is what the pool owes council c: minus its Position balance
// (negative: the council owes the pool).
func (b Balances) OwedTo(c int) carecast.Money { return b.Positions[c].Neg() }

// Total is the sum of every balance: zero when the books balance.
func (b Balances) Total() carecast.Money {
	t := b.Fund.Add(b.BlockContract).Add(b.RunningCosts).Add(b.GrantIncome).Add(b.SharedCosts)
	for _, p := range b.Positions {
		t = t.Add(p)
	}
	return t
}

// Clearing is the sum of the absolute balances of the expense, income and
// clearing accounts, which the month's attribution empties: zero after
// every month.
func (b Balances) Clearing() carecast.Money {
	var t carecast.Money
	for _, x := range []carecast.Money{b.BlockContract, b.RunningCosts, b.GrantIncome, b.SharedCosts} {
		if x.Sign() < 0 {
			x = x.Neg()
		}
		t = t.Add(x)
	}
	return t
}

func (b *Balances) add(p carecast.Posting) {
	switch p.Account {
	case carecast.Fund:
		b.Fund = b.Fund.Add(p.Amount)
	case carecast.Position:
		b.Positions[p.Council] = b.Positions[p.Council].Add(p.Amount)
	case carecast.BlockContract:
		b.BlockContract = b.BlockContract.Add(p.Amount)
	case carecast.RunningCosts:
		b.RunningCosts = b.RunningCosts.Add(p.Amount)
	case carecast.GrantIncome:
		b.GrantIncome = b.GrantIncome.Add(p.Amount)
	case carecast.SharedCosts:
		b.SharedCosts = b.SharedCosts.Add(p.Amount)
	default:
		panic(fmt.Sprintf("ledger: unknown account %q", p.Account))
	}
}

func (l *Ledger) balancesOf(ps []carecast.Posting) Balances {
	b := Balances{Positions: make([]carecast.Money, l.Councils)}
	for _, p := range ps {
		b.add(p)
	}
	return b
}

func (b Balances) clone() Balances {
	b.Positions = append([]carecast.Money(nil), b.Positions...)
	return b
}

// AfterMonth returns the balances after month m's postings (before any
// settlement).
func (l *Ledger) AfterMonth(m int) Balances { return l.balancesOf(l.Postings[:l.monthEnd[m]]) }

// MonthEnds returns the balances after each month's postings, in one pass.
func (l *Ledger) MonthEnds() []Balances {
	out := make([]Balances, len(l.monthEnd))
	b := Balances{Positions: make([]carecast.Money, l.Councils)}
	i := 0
	for m, end := range l.monthEnd {
		for ; i < end; i++ {
			b.add(l.Postings[i])
		}
		out[m] = b.clone()
	}
	return out
}

// Closing returns the balances after every posting, settlement included.
func (l *Ledger) Closing() Balances { return l.balancesOf(l.Postings) }

// Through returns the balances after every posting dated on or before d.
// On the horizon's last day that includes the settlement.
func (l *Ledger) Through(d carecast.Date) Balances {
	n := sort.Search(len(l.Postings), func(i int) bool { return l.Postings[i].Date.After(d) })
	return l.balancesOf(l.Postings[:n])
}

// Line is one line of a trial balance: an account (of a council, for a
// Position; Council is -1 otherwise) with its balance as a debit or a
// credit, one of them zero.
type Line struct {
	Account carecast.Account
	Council int
	Debit   carecast.Money
	Credit  carecast.Money
}

// TrialBalance lists every account with its balance, Fund first, then the
// councils' positions in order, then the expense, income and clearing
// accounts. Its debits and credits are equal when the books balance.
func (b Balances) TrialBalance() []Line {
	lines := make([]Line, 0, 5+len(b.Positions))
	add := func(a carecast.Account, c int, x carecast.Money) {
		ln := Line{Account: a, Council: c}
		if x.Sign() >= 0 {
			ln.Debit = x
		} else {
			ln.Credit = x.Neg()
		}
		lines = append(lines, ln)
	}
	add(carecast.Fund, -1, b.Fund)
	for c, x := range b.Positions {
		add(carecast.Position, c, x)
	}
	add(carecast.BlockContract, -1, b.BlockContract)
	add(carecast.RunningCosts, -1, b.RunningCosts)
	add(carecast.GrantIncome, -1, b.GrantIncome)
	add(carecast.SharedCosts, -1, b.SharedCosts)
	return lines
}

// Check verifies the books against the Result they were built from and
// returns every disagreement found: each transaction balances; after each
// month the expense, income and clearing accounts are empty, the fund is
// the month's closing fund and each position the council's; the positions
// at the end are the councils' closing positions; after settlement each
// position is the closing position less the settlement, and the fund is
// what is left (zero with settle_at_end).
func (l *Ledger) Check(r *carecast.Result) []error {
	var errs []error
	bad := func(f string, args ...any) { errs = append(errs, fmt.Errorf(f, args...)) }
	for _, n := range l.Unbalanced() {
		var sum carecast.Money
		for _, p := range l.Transaction(n) {
			sum = sum.Add(p.Amount)
		}
		bad("transaction %d (%s) sums to %s", n, l.Transaction(n)[0].Description, sum)
	}
	ends := l.MonthEnds()
	for m, b := range ends {
		mo := &r.Months[m]
		if !b.Clearing().IsZero() {
			bad("%s: accounts left uncleared after attribution: block %s, running %s, grants %s, shared %s",
				mo.End, b.BlockContract, b.RunningCosts, b.GrantIncome, b.SharedCosts)
		}
		if !b.Fund.Equal(mo.ClosingFund) {
			bad("%s: fund %s in the ledger, %s in the forecast", mo.End, b.Fund, mo.ClosingFund)
		}
		for c := range mo.Councils {
			if got := b.OwedTo(c); !got.Equal(mo.Councils[c].Position) {
				bad("%s: council %d's position %s in the ledger, %s in the forecast", mo.End, c, got, mo.Councils[c].Position)
			}
		}
	}
	if len(ends) > 0 {
		last := ends[len(ends)-1]
		for c, cr := range r.Councils {
			if got := last.OwedTo(c); !got.Equal(cr.ClosingPosition) {
				bad("council %d's closing position %s in the ledger, %s in the forecast", c, got, cr.ClosingPosition)
			}
		}
	}
	cl := l.Closing()
	left := r.Total.ClosingFund
	for c, cr := range r.Councils {
		left = left.Sub(cr.Settlement)
		if want := cr.ClosingPosition.Sub(cr.Settlement); !cl.OwedTo(c).Equal(want) {
			bad("council %d's position after settlement %s, want %s", c, cl.OwedTo(c), want)
		}
	}
	if !cl.Fund.Equal(left) {
		bad("fund after settlement %s, want %s", cl.Fund, left)
	}
	if r.Scenario != nil && r.Scenario.Assumptions.SettleAtEnd && !cl.Fund.IsZero() {
		bad("fund after settlement %s, want zero", cl.Fund)
	}
	return errs
}

// SpanKind says what a Span of the books holds.
type SpanKind int

const (
	// OpeningSpan is the opening fund balance, posted on the first day.
	OpeningSpan SpanKind = iota
	// MonthSpan is one month's receipts, payments and attribution.
	MonthSpan
	// SettlementSpan is the settlement on the last day of the horizon.
	SettlementSpan
)

// Span is a run of the books, l.Postings[From:To]: the opening balance,
// one month, or the settlement. Each balances on its own, being whole
// transactions.
type Span struct {
	Kind     SpanKind
	Month    int // the month it falls in: 0 for the opening balance, the last for settlement
	From, To int
}

// Spans divides the books into the opening balance, each month in order
// and the settlement: every posting in exactly one span, in order. The
// opening balance and the settlement are there only when they post
// anything; a month is there even when it posts nothing (From == To).
func (l *Ledger) Spans() []Span {
	spans := make([]Span, 0, len(l.monthEnd)+2)
	if l.openingEnd > 0 {
		spans = append(spans, Span{Kind: OpeningSpan, From: 0, To: l.openingEnd})
	}
	from := l.openingEnd
	for m, end := range l.monthEnd {
		spans = append(spans, Span{Kind: MonthSpan, Month: m, From: from, To: end})
		from = end
	}
	if from < len(l.Postings) {
		spans = append(spans, Span{Kind: SettlementSpan, Month: max(len(l.monthEnd)-1, 0), From: from, To: len(l.Postings)})
	}
	return spans
}
