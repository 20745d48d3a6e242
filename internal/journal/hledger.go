package journal

import (
	"bufio"
	"fmt"
	"io"
	"strings"
	"unicode"

	"github.com/carecast/carecast"
)

// Meta is what a file says besides its journals.
type Meta struct {
	Scenario string        // the scenario's name
	Created  carecast.Date // the day the file was prepared (today, or SOURCE_DATE_EPOCH)
}

// hledgerAccount is the hledger account of a line: the ledger's account
// under hledger's top-level type (assets, liabilities, income, expenses),
// a council's position under its code. A council's position is a
// liability of the fund to the council, so its balance, a credit, shows
// negative.
func hledgerAccount(ln Line) string {
	switch ln.Account {
	case carecast.Fund:
		return "assets:Fund"
	case carecast.Position:
		return "liabilities:Council position:" + hledgerName(ln.Code)
	case carecast.GrantIncome:
		return "income:" + string(ln.Account)
	default: // Block contract, Running costs, Shared costs
		return "expenses:" + string(ln.Account)
	}
}

// hledgerName makes a council's code safe as one part of an hledger
// account name: control characters escaped, no colon (which would start
// a sub-account), semicolon or run of spaces (which would end the name),
// and not starting with a bracket (which would make the posting virtual).
func hledgerName(s string) string {
	s = carecast.Printable(s)
	s = strings.Map(func(r rune) rune {
		switch {
		case r == ':' || r == ';':
			return '-'
		case unicode.IsSpace(r):
			return ' '
		}
		return r
	}, s)
	s = strings.Join(strings.Fields(s), " ")
	if s == "" || strings.ContainsRune("([", rune(s[0])) {
		s = "_" + s
	}
	return s
}

// hledgerText makes text safe in an hledger comment or description: one
// line, control characters escaped.
func hledgerText(s string) string {
	return strings.Join(strings.Fields(carecast.Printable(s)), " ")
}

// WriteHledger writes the journals as an hledger journal (hledger's
// journal format, read by 'hledger -f FILE'): a commodity directive for
// GBP, account directives for the accounts used, with the finance system's codes as tags, then one
// transaction a journal, its reference as the code and its period as
// tags, one posting a line in GBP to the penny with the line's reference
// and description as a comment. 'hledger balance' then shows the Fund and
// each council's position (negative: the fund owes it) at the end of the
// journals; with --end, at any date.
func WriteHledger(w io.Writer, js []Journal, meta Meta) error {
	bw := bufio.NewWriter(w)
	fmt.Fprintf(bw, "; The pooled fund's journals, written by carecast journal (docs/methodology.md §16).\n")
	if meta.Scenario != "" {
		fmt.Fprintf(bw, "; Scenario: %s\n", hledgerText(meta.Scenario))
	}
	fmt.Fprintf(bw, "; Read with: hledger -f FILE balance\n\n")
	// The commodity, declared as its amounts are written (two decimal
	// places, no thousands separator), so that hledger's strict mode,
	// which wants every commodity and account declared, reads the file.
	fmt.Fprintf(bw, "commodity 0.00 GBP\n\n")

	// Account directives, in the order of a trial balance, each once.
	type acct struct{ name, codes string }
	var accts []acct
	seen := map[string]bool{}
	for _, a := range carecast.Accounts() {
		for _, j := range js {
			for _, ln := range j.Lines {
				if ln.Account != a {
					continue
				}
				name := hledgerAccount(ln)
				if seen[name] {
					continue
				}
				seen[name] = true
				var tags []string
				for _, t := range [][2]string{{"cost_centre", ln.CostCentre}, {"subjective", ln.Subjective}, {"name", ln.AccountName}} {
					if t[1] != "" {
						tags = append(tags, t[0]+":"+strings.ReplaceAll(hledgerText(t[1]), ",", " "))
					}
				}
				accts = append(accts, acct{name, strings.Join(tags, ", ")})
			}
		}
	}
	for _, a := range accts {
		fmt.Fprintf(bw, "account %s", a.name)
		if a.codes != "" {
			fmt.Fprintf(bw, "  ; %s", a.codes)
		}
		fmt.Fprintln(bw)
	}
	if len(accts) > 0 {
		fmt.Fprintln(bw)
	}

	for _, j := range js {
		basis := "forecast"
		if j.Actual {
			basis = "actual"
		}
		fmt.Fprintf(bw, "%s (%s) %s  ; period:%s, period_number:%d, financial_year:%s, basis:%s\n",
			j.Date, j.Reference, hledgerText(j.Name), j.Period, j.Period.Number, j.Period.FY, basis)
		width := 0
		for _, ln := range j.Lines {
			width = max(width, len([]rune(hledgerAccount(ln))))
		}
		for _, ln := range j.Lines {
			name := hledgerAccount(ln)
			pad := width - len([]rune(name))
			fmt.Fprintf(bw, "    %s%s  %13s GBP  ; %s %s\n", name, strings.Repeat(" ", pad), ln.Amount().String(), ln.Reference, hledgerText(ln.Description))
		}
		fmt.Fprintln(bw)
	}
	return bw.Flush()
}
