package journal

import (
	"encoding/csv"
	"fmt"
	"io"
	"regexp"
	"strings"

	"github.com/carecast/carecast"
)

// CSVHeader is the header row of the csv format, one column a field of
// docs/methodology.md §16.
var CSVHeader = []string{
	"journal", "date", "period", "period_number", "financial_year", "basis",
	"account", "council", "cost_centre", "subjective", "account_description",
	"description", "debit", "credit", "reference",
}

// WriteCSV writes the journals as CSV (RFC 4180, UTF-8, a header row),
// one line a posting, the journals in order. Amounts are pounds to the
// penny with no separators (1234.56), the side not taken 0.00.
func WriteCSV(w io.Writer, js []Journal) error {
	cw := csv.NewWriter(w)
	if err := cw.Write(CSVHeader); err != nil {
		return err
	}
	for _, j := range js {
		basis := "forecast"
		if j.Actual {
			basis = "actual"
		}
		head := []string{j.Reference, j.Date.String(), j.Period.String(), fmt.Sprint(j.Period.Number), j.Period.FY.String(), basis}
		for _, ln := range j.Lines {
			rec := append(head[:len(head):len(head)],
				string(ln.Account), textField(ln.Code), textField(ln.CostCentre), textField(ln.Subjective), textField(ln.AccountName),
				textField(ln.Description), ln.Debit.String(), ln.Credit.String(), textField(ln.Reference))
			if err := cw.Write(rec); err != nil {
				return err
			}
		}
	}
	cw.Flush()
	return cw.Error()
}

// textField makes text from an input safe as a CSV field that may be
// opened in a spreadsheet: a value starting with =, +, -, @, tab or
// carriage return that is not a number would be read as a formula
// (OWASP, "CSV injection"), so it gets a single quote in front, which
// spreadsheets take as "text"; control characters are shown escaped
// (carecast.Printable), so a field stays on one line.
func textField(s string) string {
	if s != "" && strings.ContainsRune("=+-@\t\r", rune(s[0])) && !numeric.MatchString(s) {
		s = "'" + s
	}
	return carecast.Printable(s)
}

// numeric is a plain or formatted number: -1,234.56, +0.03, 12%.
var numeric = regexp.MustCompile(`^[-+]?(\d[\d,]*(\.\d*)?|\.\d+)([eE][-+]?\d+)?%?$`)
