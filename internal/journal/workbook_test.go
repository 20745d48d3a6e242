package journal_test

import (
	"bytes"
	"strconv"
	"testing"

	"github.com/carecast/carecast"
	"github.com/carecast/carecast/forecast"
	"github.com/carecast/carecast/inputs"
	"github.com/carecast/carecast/internal/journal"
	"github.com/carecast/carecast/internal/ledger"
	"github.com/carecast/carecast/workbook"
	"github.com/shopspring/decimal"
	"github.com/xuri/excelize/v2"
)

// The forecast workbook's Ledger sheet and the journals are the same
// postings: the built-in scenario's workbook is written as 'carecast
// forecast' writes it, its Ledger sheet read back cell by cell (from row
// 5, under the headings Txn, Date, Account, Council, Amount (£),
// Description), and each row is the journals' line at the same place,
// the whole horizon's journals in order: the same transaction, account,
// council, amount (a debit positive) and description, dated within the
// line's journal's month (the journal itself is dated the month's last
// day; the sheet keeps each posting's own date).
func TestWorkbookLedgerIsTheJournals(t *testing.T) {
	r, err := forecast.Run(inputs.BuiltInScenario())
	if err != nil {
		t.Fatal(err)
	}
	l := ledger.Build(r)
	var b bytes.Buffer
	if err := workbook.Encode(&b, workbook.Contents{Result: r, Postings: l.Postings}); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(&b)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := f.GetRows("Ledger", excelize.Options{RawCellValue: true})
	if err != nil {
		t.Fatal(err)
	}
	const first = 4 // row 5: the first posting, under the headings of row 4
	if got := rows[first-1]; len(got) < 6 || got[0] != "Txn" || got[2] != "Account" || got[4] != "Amount (£)" {
		t.Fatalf("the Ledger sheet's headings are %q", got)
	}
	js := build(t, r, journal.Options{From: 0, To: len(r.Months) - 1, Prefix: "CC"})
	n := 0
	for _, j := range js {
		mo := r.Months[j.Month]
		for _, ln := range j.Lines {
			i := first + n
			n++
			if i >= len(rows) {
				t.Fatalf("the Ledger sheet ends at row %d; the journals have more lines", len(rows))
			}
			row := append(rows[i], make([]string, 6)...)
			txn, _ := strconv.Atoi(row[0])
			serial, _ := strconv.Atoi(row[1])
			d, derr := inputs.DateFromSerial(decimal.NewFromInt(int64(serial)), false)
			amount, aerr := carecast.ParseMoney(row[4])
			if txn != ln.Txn || row[2] != string(ln.Account) || row[3] != ln.Code || row[5] != ln.Description ||
				aerr != nil || !amount.Equal(ln.Amount()) || derr != nil || d.Before(mo.Start) || d.After(mo.End) {
				t.Fatalf("Ledger row %d %q; the journals' line %d is %s: txn %d, %s %s, %s, %q, in %s",
					i+1, row[:6], n, ln.Reference, ln.Txn, ln.Account, ln.Code, ln.Amount(), ln.Description, j.Period)
			}
		}
	}
	if extra := len(rows) - first - n; extra > 0 {
		t.Errorf("the Ledger sheet has %d rows more than the journals' %d lines", extra, n)
	}
	if n != len(l.Postings) {
		t.Errorf("the journals have %d lines, the ledger %d postings", n, len(l.Postings))
	}
}
