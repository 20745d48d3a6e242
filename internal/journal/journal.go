// Package journal turns the pooled fund's books (package ledger) into
// journals for a general ledger (docs/methodology.md §16): one journal a
// month, dated its last day, holding that month's postings; the opening
// balance and the settlement in journals of their own. Each journal
// balances, each line is a debit or a credit to the penny, and each line
// has a reference that is the same on every run on the same input.
//
// Build makes the journals once, as a value; the formats (WriteCSV,
// WriteHledger, WriteOracle, WriteUnit4) only render it. A line carries
// the finance system's codes for its account from the scenario's Accounts
// table, and without that table the ledger's own account names stand.
package journal

import (
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/carecast/carecast"
	"github.com/carecast/carecast/internal/ledger"
)

// Kind says what a journal holds.
type Kind int

const (
	// Opening is the opening fund balance, dated the first day.
	Opening Kind = iota
	// Monthly is one month's receipts, payments and attribution, dated
	// the month's last day.
	Monthly
	// Settlement pays each council's closing position back to it, dated
	// the last day of the horizon.
	Settlement
)

// Period is a calendar month with its place in the UK financial year.
type Period struct {
	Year   int
	Month  time.Month
	FY     carecast.FinancialYear
	Number int // 1 to 12, April = 1
}

// PeriodOf is the period d falls in.
func PeriodOf(d carecast.Date) Period {
	return Period{Year: d.Year, Month: d.Month, FY: d.FinancialYear(), Number: (int(d.Month)+8)%12 + 1}
}

// String is the period as 2020-11.
func (p Period) String() string { return fmt.Sprintf("%04d-%02d", p.Year, int(p.Month)) }

// Journal is one balanced journal: the postings of one span of the books.
type Journal struct {
	Kind   Kind
	Month  int           // index of the month it falls in
	Date   carecast.Date // its date: the month's last day; the opening balance, the first day
	Period Period
	// Actual is true when the journal's month is an actual month (the
	// input's Actuals rows name it, carecast.Month.Actual): its postings
	// are the month's actual figures rather than the forecast. The
	// opening balance and the settlement take their month's.
	Actual bool
	// Reference names the journal, the same on every run: the prefix,
	// the period and O, M or S for its kind, as CC-2020-11-M.
	Reference string
	// Name says what the journal is, in words.
	Name  string
	Lines []Line
}

// Line is one posting of a journal: a debit or a credit to one account.
type Line struct {
	Account carecast.Account
	Council int    // index into the scenario's councils, or -1
	Code    string // the council's code, or ""
	// CostCentre, Subjective and AccountName are the finance system's
	// codes for the account (and council), from the Accounts table;
	// blank without one.
	CostCentre, Subjective, AccountName string
	// Description says what the posting is (the ledger's words).
	Description string
	// Debit and Credit are whole pence, one of them zero, neither negative.
	Debit, Credit carecast.Money
	// Reference is the journal's reference and the line's number in it,
	// as CC-2020-11-M-0001.
	Reference string
	// Txn is the ledger's transaction number.
	Txn int
}

// Amount is the line as a signed amount: debit positive, credit negative.
func (ln Line) Amount() carecast.Money { return ln.Debit.Sub(ln.Credit) }

// Options choose the months and name the journals.
type Options struct {
	// From and To are the first and last months (indices into the
	// Result's months) whose journals are written, inclusive. The opening
	// balance goes with the first month, the settlement with the last.
	From, To int
	// Prefix begins every reference; DefaultPrefix when blank.
	Prefix string
}

// DefaultPrefix begins the references when no prefix is set.
const DefaultPrefix = "CC"

// MissingCodeError lists the postings' accounts that the Accounts table
// does not map: an input error.
type MissingCodeError struct {
	Missing []string // "Council position for council HAV", one per account and council
}

func (e *MissingCodeError) Error() string {
	return "Accounts: no row maps " + strings.Join(e.Missing, "; no row maps ") +
		"; add a row for each (account, council, cost_centre, subjective, description), or remove the Accounts table to use the ledger's own account names"
}

// Build makes the journals of the months opts chooses from the books l
// kept for r. With an Accounts table (r.Scenario.Accounts) every line
// takes its account's codes, and an account with no row is a
// *MissingCodeError naming each such account and council.
func Build(r *carecast.Result, l *ledger.Ledger, opts Options) ([]Journal, error) {
	if opts.From < 0 || opts.To >= len(r.Months) || opts.From > opts.To {
		return nil, fmt.Errorf("journal: months %d to %d are not within the horizon's %d months", opts.From, opts.To, len(r.Months))
	}
	prefix := opts.Prefix
	if prefix == "" {
		prefix = DefaultPrefix
	}
	codes := councilCodes(r)
	m := newMapper(r)
	var out []Journal
	for _, sp := range l.Spans() {
		if sp.Month < opts.From || sp.Month > opts.To || sp.From == sp.To {
			continue
		}
		mo := &r.Months[sp.Month]
		j := Journal{Month: sp.Month, Date: mo.End, Actual: mo.Actual}
		switch sp.Kind {
		case ledger.OpeningSpan:
			j.Kind, j.Date = Opening, mo.Start
			j.Name = "Pooled fund opening balance"
		case ledger.MonthSpan:
			j.Kind = Monthly
			j.Name = "Pooled fund, " + mo.Start.Month.String() + " " + fmt.Sprint(mo.Start.Year)
		case ledger.SettlementSpan:
			j.Kind = Settlement
			j.Name = "Pooled fund settlement"
		}
		j.Period = PeriodOf(j.Date)
		j.Reference = prefix + "-" + j.Period.String() + "-" + string("OMS"[j.Kind])
		j.Lines = make([]Line, 0, sp.To-sp.From)
		for i, p := range l.Postings[sp.From:sp.To] {
			ln := Line{
				Account: p.Account, Council: p.Council, Description: p.Description, Txn: p.Txn,
				Reference: fmt.Sprintf("%s-%04d", j.Reference, i+1),
			}
			if p.Council >= 0 && p.Council < len(codes) {
				ln.Code = codes[p.Council]
			}
			if p.Amount.Sign() >= 0 {
				ln.Debit = p.Amount
			} else {
				ln.Credit = p.Amount.Neg()
			}
			m.codes(&ln)
			j.Lines = append(j.Lines, ln)
		}
		out = append(out, j)
	}
	if len(m.missing) > 0 {
		return nil, &MissingCodeError{Missing: m.missing}
	}
	return out, nil
}

func councilCodes(r *carecast.Result) []string {
	var codes []string
	switch {
	case len(r.Councils) > 0:
		for _, c := range r.Councils {
			codes = append(codes, c.Council.Code)
		}
	case r.Scenario != nil:
		for _, c := range r.Scenario.Councils {
			codes = append(codes, c.Code)
		}
	}
	return codes
}

// mapper finds each line's codes in the Accounts table and remembers the
// accounts it lacks, each once.
type mapper struct {
	rows    map[accountKey]carecast.AccountCode
	active  bool
	seen    map[accountKey]bool
	missing []string
}

type accountKey struct {
	account carecast.Account
	council int
}

func newMapper(r *carecast.Result) *mapper {
	m := &mapper{rows: map[accountKey]carecast.AccountCode{}, seen: map[accountKey]bool{}}
	if r.Scenario != nil && len(r.Scenario.Accounts) > 0 {
		m.active = true
		for _, a := range r.Scenario.Accounts {
			m.rows[accountKey{a.Account, a.Council}] = a
		}
	}
	return m
}

func (m *mapper) codes(ln *Line) {
	if !m.active {
		return
	}
	k := accountKey{ln.Account, -1}
	if ln.Account.PerCouncil() {
		k.council = ln.Council
	}
	a, ok := m.rows[k]
	if !ok {
		if !m.seen[k] {
			m.seen[k] = true
			what := string(ln.Account)
			if k.council >= 0 {
				what += " for council " + ln.Code
			}
			m.missing = append(m.missing, what)
		}
		return
	}
	ln.CostCentre, ln.Subjective, ln.AccountName = a.CostCentre, a.Subjective, a.Description
}

// ErrNoMonths is returned by Months for a Result with no months.
var ErrNoMonths = errors.New("the forecast has no months")

// Months returns the indices of the months that hold from and to (zero
// dates: the first and the last month of the horizon), for Options.
func Months(r *carecast.Result, from, to carecast.Date) (first, last int, err error) {
	n := len(r.Months)
	if n == 0 {
		return 0, 0, ErrNoMonths
	}
	find := func(d carecast.Date, what string, dflt int) (int, error) {
		if d.IsZero() {
			return dflt, nil
		}
		for i := range r.Months {
			if !d.Before(r.Months[i].Start) && !d.After(r.Months[i].End) {
				return i, nil
			}
		}
		return 0, fmt.Errorf("--%s %s is outside the horizon, %s to %s", what, d, r.Start, r.End)
	}
	if first, err = find(from, "from", 0); err != nil {
		return 0, 0, err
	}
	if last, err = find(to, "to", n-1); err != nil {
		return 0, 0, err
	}
	if first > last {
		return 0, 0, fmt.Errorf("--from %s is after --to %s", r.Months[first].Start.String()[:7], r.Months[last].Start.String()[:7])
	}
	return first, last, nil
}
