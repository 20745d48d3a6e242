package workbook

import (
	"bytes"
	"encoding/xml"
	"io"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/carecast/carecast"
	"github.com/xuri/excelize/v2"
)

const ledgerHeaderRow = 4

// ledgerMarker stands in the Ledger's first posting row as excelize writes
// the sheet; the package's zip writer replaces that row with every posting
// (ledgerRows). The postings are most of the workbook's cells, and
// excelize's stream writer allocates about 1.5 KB a row: written directly
// they cost next to nothing, and the sheet's panes, header and table are
// still excelize's.
const ledgerMarker = "carecast:ledger-postings"

// writeLedger writes the Ledger sheet: the pooled fund's postings as an
// Excel table, streamed (see ledgerMarker).
func (b *book) writeLedger() error {
	sw, err := b.newStream(sheetLedger, 12, map[int]float64{1: 8, 3: 18, 4: 10, 5: 16, 6: 44})
	if err != nil {
		return err
	}
	if err := sw.SetPanes(&excelize.Panes{Freeze: true, YSplit: ledgerHeaderRow,
		TopLeftCell: cell(1, ledgerHeaderRow+1).String(), ActivePane: "bottomLeft"}); err != nil {
		return err
	}
	rw := b.rowWriter(sw, 6)
	rw.text(1, "Ledger: the pooled fund's postings", roleTitle)
	rw.endAt(1)
	if err := b.writeStubNotes(rw, sw, sheetLedger, "Each transaction's postings sum to zero: a debit is positive, a credit negative. "+
		"The Fund account's debit balance is the money in the pool; a council's Position account's credit balance is what the pool owes it."); err != nil {
		return err
	}
	for i, h := range []string{"Txn", "Date", "Account", carecast.LabelCouncil, "Amount (£)", "Description"} {
		rw.text(i+1, h, roleHeading)
	}
	rw.endAt(ledgerHeaderRow)
	b.ledStyles = [4]int{b.st.id(roleImport, fmtInt), b.st.id(roleImport, fmtDate),
		b.st.id(roleImport, fmtGeneral), b.st.id(roleImport, fmtMoney)}
	if len(b.postings) > 0 {
		rw.text(1, ledgerMarker, roleText)
		rw.endAt(ledgerHeaderRow + 1)
		no := false
		if err := sw.AddTable(&excelize.Table{
			Range: rangeOf(1, ledgerHeaderRow, 6, b.plan.ledger.last).String(), Name: "Postings",
			StyleName: "TableStyleLight9", ShowRowStripes: &no,
		}); err != nil {
			return err
		}
	}
	return rw.close()
}

// ledgerRows writes the postings as the Ledger's rows of SpreadsheetML.
func (b *book) ledgerRows(w io.Writer) error {
	ints, dates, text, money := b.ledStyles[0], b.ledStyles[1], b.ledStyles[2], b.ledStyles[3]
	codes := make([]string, b.nC)
	for c, cr := range b.res.Councils {
		codes[c] = cr.Council.Code
	}
	escaped := map[string][]byte{}
	var buf []byte
	num := func(col byte, r, style int, v float64) {
		buf = append(buf, `<c r="`...)
		buf = append(buf, col)
		buf = strconv.AppendInt(buf, int64(r), 10)
		buf = append(buf, `" s="`...)
		buf = strconv.AppendInt(buf, int64(style), 10)
		buf = append(buf, `"><v>`...)
		buf = strconv.AppendFloat(buf, v, 'f', -1, 64)
		buf = append(buf, `</v></c>`...)
	}
	str := func(col byte, r, style int, s string) {
		if s == "" {
			return
		}
		x, ok := escaped[s]
		if !ok {
			x = inlineString(s)
			escaped[s] = x
		}
		buf = append(buf, `<c r="`...)
		buf = append(buf, col)
		buf = strconv.AppendInt(buf, int64(r), 10)
		buf = append(buf, `" s="`...)
		buf = strconv.AppendInt(buf, int64(style), 10)
		buf = append(buf, `" t="inlineStr">`...)
		buf = append(buf, x...)
		buf = append(buf, `</c>`...)
	}
	for i, p := range b.postings {
		r := ledgerHeaderRow + 1 + i
		buf = append(buf, `<row r="`...)
		buf = strconv.AppendInt(buf, int64(r), 10)
		buf = append(buf, `">`...)
		num('A', r, ints, float64(p.Txn))
		num('B', r, dates, excelDate(p.Date))
		str('C', r, text, string(p.Account))
		if p.Council >= 0 && p.Council < len(codes) {
			str('D', r, text, codes[p.Council])
		}
		num('E', r, money, penceCell(p.Amount.PenceInt()))
		str('F', r, text, p.Description)
		buf = append(buf, `</row>`...)
		if len(buf) >= 1<<16 || i == len(b.postings)-1 {
			if _, err := w.Write(buf); err != nil {
				return err
			}
			buf = buf[:0]
		}
	}
	return nil
}

// maxCellText is the most characters a cell holds in Excel.
const maxCellText = 32767

// inlineString is <is><t>s</t></is>, escaped, keeping spaces at the ends
// and cut to what a cell holds.
func inlineString(s string) []byte {
	if utf8.RuneCountInString(s) > maxCellText {
		s = string([]rune(s)[:maxCellText])
	}
	var sb bytes.Buffer
	sb.WriteString("<is><t")
	if strings.TrimSpace(s) != s {
		sb.WriteString(` xml:space="preserve"`)
	}
	sb.WriteString(">")
	_ = xml.EscapeText(&sb, []byte(s))
	sb.WriteString("</t></is>")
	return sb.Bytes()
}

// ledgerLayout is where the Ledger's postings stand: the first and last
// posting rows (last < first when there are none).
type ledgerLayout struct{ first, last int }
