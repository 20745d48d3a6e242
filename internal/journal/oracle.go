package journal

import (
	"bufio"
	"encoding/csv"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"

	"github.com/carecast/carecast"
)

// OracleColumns are the columns of Oracle Fusion's journal import, in
// their order: the GL_INTERFACE sheet of the file-based data import
// template (JournalImportTemplate.xlsm), which loads the GL_INTERFACE
// table. Oracle's guide to the template: "Don't change the order of the
// columns"; a column not used is left empty, not removed
// (docs/methodology.md §16 gives the sources).
var OracleColumns = oracleColumns()

func oracleColumns() []string {
	cols := []string{"Status Code", "Ledger ID", "Effective Date of Transaction", "Journal Source",
		"Journal Category", "Currency Code", "Journal Entry Creation Date", "Actual Flag"}
	for i := 1; i <= 30; i++ {
		cols = append(cols, fmt.Sprintf("Segment%d", i))
	}
	cols = append(cols, "Entered Debit Amount", "Entered Credit Amount", "Converted Debit Amount", "Converted Credit Amount",
		"REFERENCE1 (Batch Name)", "REFERENCE2 (Batch Description)", "REFERENCE3",
		"REFERENCE4 (Journal Entry Name)", "REFERENCE5 (Journal Entry Description)", "REFERENCE6 (Journal Entry Reference)",
		"REFERENCE7 (Journal Entry Reversal flag)", "REFERENCE8 (Journal Entry Reversal Period)", "REFERENCE9 (Journal Reversal Method)",
		"REFERENCE10 (Journal Entry Line Description)")
	for i := 1; i <= 10; i++ {
		cols = append(cols, fmt.Sprintf("Reference column %d", i))
	}
	cols = append(cols, "Statistical Amount", "Currency Conversion Type", "Currency Conversion Date", "Currency Conversion Rate",
		"Interface Group Identifier", "Context field for Journal Entry Line DFF")
	for i := 1; i <= 20; i++ {
		dff := "Journal Entry Line DFF"
		if i > 10 {
			dff = "Captured Information DFF"
		}
		cols = append(cols, fmt.Sprintf("ATTRIBUTE%d Value for %s", i, dff))
	}
	return append(cols, "Context field for Captured Information DFF", "Average Journal Flag", "Clearing Company",
		"Ledger Name", "Encumbrance Type ID", "Reconciliation Reference", "Period Name")
}

// column indices of OracleColumns that carecast fills.
const (
	oStatus      = 0
	oLedgerID    = 1
	oDate        = 2
	oSource      = 3
	oCategory    = 4
	oCurrency    = 5
	oCreated     = 6
	oActual      = 7
	oSegment1    = 8
	oDebit       = 38
	oCredit      = 39
	oBatchName   = 42
	oBatchDesc   = 43
	oJournalName = 45
	oJournalDesc = 46
	oJournalRef  = 47
	oLineDesc    = 51
	oReference21 = 52 // "Reference column 1": GL_INTERFACE.REFERENCE21
)

// SettingsError says which Assumptions settings a format needs and the
// input lacks, or what else it needs: an input error.
type SettingsError struct {
	Format string
	Msg    string
}

func (e *SettingsError) Error() string { return "--format " + e.Format + " " + e.Msg }

// need is a setting a format needs: its key, its value and what it is.
type need struct{ key, value, what string }

// needSettings reports the settings whose values are blank.
func needSettings(format string, needs ...need) error {
	var keys, whats []string
	for _, n := range needs {
		if strings.TrimSpace(n.value) == "" {
			keys = append(keys, n.key)
			whats = append(whats, n.what)
		}
	}
	if len(keys) == 0 {
		return nil
	}
	return &SettingsError{Format: format, Msg: fmt.Sprintf("needs the Assumptions setting%s %s (%s: each council's own, so carecast has no default); add a row setting, value for each",
		plural(len(keys)), listAnd(keys), listAnd(whats))}
}

func plural(n int) string {
	if n == 1 {
		return ""
	}
	return "s"
}

func listAnd(xs []string) string {
	if len(xs) < 2 {
		return strings.Join(xs, "")
	}
	return strings.Join(xs[:len(xs)-1], ", ") + " and " + xs[len(xs)-1]
}

// needCodes reports journals whose lines have no finance system codes:
// the input has no Accounts table.
func needCodes(format string, js []Journal) error {
	for _, j := range js {
		for _, ln := range j.Lines {
			if ln.CostCentre == "" && ln.Subjective == "" {
				return &SettingsError{Format: format, Msg: "needs the Accounts sheet (accounts.csv): the finance system's cost centre and subjective for each account of the ledger, which its lines must carry"}
			}
		}
	}
	return nil
}

// OracleSettings are the Oracle Fusion values of a council.
type OracleSettings struct {
	LedgerID, Source, Category string
	Segments                   []string // what goes in SEGMENT1...: cost_centre, subjective or a fixed value
}

// OracleSettingsOf reads them from the journal settings.
func OracleSettingsOf(s carecast.JournalSettings) OracleSettings {
	return OracleSettings{LedgerID: strings.TrimSpace(s.OracleLedgerID), Source: s.OracleSource, Category: s.OracleCategory, Segments: s.OracleSegmentList()}
}

// oracleDate is the template's date format, YYYY/MM/DD.
func oracleDate(d carecast.Date) string {
	return fmt.Sprintf("%04d/%02d/%02d", d.Year, int(d.Month), d.Day)
}

// cut shortens free text to n characters, the width of its column.
func cut(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	return string([]rune(s)[:n])
}

// lineText is a line's description with its council, for formats with no
// council column.
func lineText(ln Line) string {
	t := ln.Description
	if ln.Code != "" {
		t += ", " + ln.Code
	}
	return strings.Join(strings.Fields(carecast.Printable(t)), " ")
}

// WriteOracle writes the journals as the CSV file of Oracle Fusion's
// journal import (GlInterface.csv, zipped and loaded by the Load
// Interface File for Import process, then Import Journals): one row a
// line, in OracleColumns' order, no header row. Each journal is a batch
// and a journal of its own (REFERENCE1 and REFERENCE4, its reference),
// the line's reference in Reference column 1 (REFERENCE21). The ledger,
// source and category are the council's settings; the segments are the
// Accounts table's codes as oracle_segments orders them; amounts are
// entered in GBP, pounds to the penny, the debit or the credit.
func WriteOracle(w io.Writer, js []Journal, meta Meta, set carecast.JournalSettings) error {
	o := OracleSettingsOf(set)
	if err := needSettings("oracle", need{"oracle_ledger_id", o.LedgerID, "the ledger's ID in Oracle Fusion"},
		need{"oracle_source", o.Source, "the journal source set up for these journals"},
		need{"oracle_category", o.Category, "their journal category"}); err != nil {
		return err
	}
	if err := needCodes("oracle", js); err != nil {
		return err
	}
	bw := bufio.NewWriter(w)
	cw := csv.NewWriter(bw)
	rec := make([]string, len(OracleColumns))
	for _, j := range js {
		for _, ln := range j.Lines {
			clear(rec)
			rec[oStatus] = "NEW"
			rec[oLedgerID] = o.LedgerID
			rec[oDate] = oracleDate(j.Date)
			rec[oSource] = o.Source
			rec[oCategory] = o.Category
			rec[oCurrency] = "GBP"
			rec[oCreated] = oracleDate(meta.Created)
			rec[oActual] = "A"
			for i, seg := range o.Segments {
				v := seg
				switch seg {
				case carecast.SegmentCostCentre:
					v = ln.CostCentre
				case carecast.SegmentSubjective:
					v = ln.Subjective
				}
				if utf8.RuneCountInString(v) > 25 {
					return &SettingsError{Format: "oracle", Msg: fmt.Sprintf("cannot put %q in SEGMENT%d (%s of %s): a segment holds at most 25 characters", v, i+1, seg, ln.Account)}
				}
				rec[oSegment1+i] = v
			}
			if ln.Debit.Sign() > 0 {
				rec[oDebit] = ln.Debit.String()
			} else {
				rec[oCredit] = ln.Credit.String()
			}
			name := cut(carecast.Printable(j.Name), 240)
			rec[oBatchName] = j.Reference
			rec[oBatchDesc] = name
			rec[oJournalName] = j.Reference
			rec[oJournalDesc] = name
			rec[oJournalRef] = j.Reference
			rec[oLineDesc] = cut(lineText(ln), 240)
			rec[oReference21] = ln.Reference
			if err := cw.Write(rec); err != nil {
				return err
			}
		}
	}
	cw.Flush()
	if err := cw.Error(); err != nil {
		return err
	}
	return bw.Flush()
}
