package journal_test

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/carecast/carecast"
	"github.com/carecast/carecast/forecast"
	"github.com/carecast/carecast/forecast/forecasttest"
	"github.com/carecast/carecast/inputs"
	"github.com/carecast/carecast/internal/journal"
)

// This file holds the journal formats of the finance systems against
// their published layouts, transcribed below field by field from the
// documents (docs/methodology.md §16 cites them), not from carecast's
// output.

// glInterfaceSpec is the GL_INTERFACE sheet of Oracle Fusion's journal
// import template, column by column. Order and headings: the template's
// GL_INTERFACE sheet (JournalImportTemplate.xlsm, Oracle Fusion Cloud
// Financials, File-Based Data Import for Financials, "Journal Import";
// "Don't change the order of the columns in the template", How Journal
// Import Data Is Processed). The table column each loads, its type,
// length and NOT NULL: Oracle Fusion Cloud Financials, Tables and Views,
// GL_INTERFACE (docs.oracle.com/en/cloud/saas/financials/24d/oedmf/
// glinterface-8261.html). Required: NOT NULL in the table, or starred in
// the template (Ledger ID, which the template asks for and the table
// leaves nullable for LEDGER_NAME's sake).
type glColumn struct {
	heading, column, typ string
	length               int // characters for VARCHAR2, digits for NUMBER; 0: not limited
	required             bool
}

func glInterfaceSpec() []glColumn {
	spec := []glColumn{
		{"Status Code", "STATUS", "VARCHAR2", 50, true},
		{"Ledger ID", "LEDGER_ID", "NUMBER", 18, true},
		{"Effective Date of Transaction", "ACCOUNTING_DATE", "DATE", 0, true},
		{"Journal Source", "USER_JE_SOURCE_NAME", "VARCHAR2", 25, true},
		{"Journal Category", "USER_JE_CATEGORY_NAME", "VARCHAR2", 25, true},
		{"Currency Code", "CURRENCY_CODE", "VARCHAR2", 15, true},
		{"Journal Entry Creation Date", "DATE_CREATED", "DATE", 0, true},
		{"Actual Flag", "ACTUAL_FLAG", "VARCHAR2", 1, true},
	}
	for i := 1; i <= 30; i++ {
		spec = append(spec, glColumn{fmt.Sprintf("Segment%d", i), fmt.Sprintf("SEGMENT%d", i), "VARCHAR2", 25, false})
	}
	spec = append(spec,
		glColumn{"Entered Debit Amount", "ENTERED_DR", "NUMBER", 0, false},
		glColumn{"Entered Credit Amount", "ENTERED_CR", "NUMBER", 0, false},
		glColumn{"Converted Debit Amount", "ACCOUNTED_DR", "NUMBER", 0, false},
		glColumn{"Converted Credit Amount", "ACCOUNTED_CR", "NUMBER", 0, false},
		glColumn{"REFERENCE1 (Batch Name)", "REFERENCE1", "VARCHAR2", 100, false},
		glColumn{"REFERENCE2 (Batch Description)", "REFERENCE2", "VARCHAR2", 240, false},
		glColumn{"REFERENCE3", "REFERENCE3", "VARCHAR2", 100, false},
		glColumn{"REFERENCE4 (Journal Entry Name)", "REFERENCE4", "VARCHAR2", 100, false},
		glColumn{"REFERENCE5 (Journal Entry Description)", "REFERENCE5", "VARCHAR2", 240, false},
		glColumn{"REFERENCE6 (Journal Entry Reference)", "REFERENCE6", "VARCHAR2", 100, false},
		glColumn{"REFERENCE7 (Journal Entry Reversal flag)", "REFERENCE7", "VARCHAR2", 100, false},
		glColumn{"REFERENCE8 (Journal Entry Reversal Period)", "REFERENCE8", "VARCHAR2", 100, false},
		glColumn{"REFERENCE9 (Journal Reversal Method)", "REFERENCE9", "VARCHAR2", 100, false},
		glColumn{"REFERENCE10 (Journal Entry Line Description)", "REFERENCE10", "VARCHAR2", 240, false},
	)
	for i := 1; i <= 10; i++ {
		spec = append(spec, glColumn{fmt.Sprintf("Reference column %d", i), fmt.Sprintf("REFERENCE%d", 20+i), "VARCHAR2", 240, false})
	}
	spec = append(spec,
		glColumn{"Statistical Amount", "STAT_AMOUNT", "NUMBER", 0, false},
		glColumn{"Currency Conversion Type", "USER_CURRENCY_CONVERSION_TYPE", "VARCHAR2", 30, false},
		glColumn{"Currency Conversion Date", "CURRENCY_CONVERSION_DATE", "DATE", 0, false},
		glColumn{"Currency Conversion Rate", "CURRENCY_CONVERSION_RATE", "NUMBER", 0, false},
		glColumn{"Interface Group Identifier", "GROUP_ID", "NUMBER", 18, false},
		glColumn{"Context field for Journal Entry Line DFF", "ATTRIBUTE_CATEGORY", "VARCHAR2", 150, false},
	)
	for i := 1; i <= 20; i++ {
		dff := "Journal Entry Line DFF"
		if i > 10 {
			dff = "Captured Information DFF"
		}
		spec = append(spec, glColumn{fmt.Sprintf("ATTRIBUTE%d Value for %s", i, dff), fmt.Sprintf("ATTRIBUTE%d", i), "VARCHAR2", 150, false})
	}
	return append(spec,
		glColumn{"Context field for Captured Information DFF", "ATTRIBUTE_CATEGORY3", "VARCHAR2", 150, false},
		glColumn{"Average Journal Flag", "AVERAGE_JOURNAL_FLAG", "VARCHAR2", 1, false},
		glColumn{"Clearing Company", "ORIGINATING_BAL_SEG_VALUE", "VARCHAR2", 25, false},
		glColumn{"Ledger Name", "LEDGER_NAME", "VARCHAR2", 30, false},
		glColumn{"Encumbrance Type ID", "ENCUMBRANCE_TYPE_ID", "NUMBER", 18, false},
		glColumn{"Reconciliation Reference", "JGZZ_RECON_REF", "VARCHAR2", 240, false},
		glColumn{"Period Name", "PERIOD_NAME", "VARCHAR2", 15, false},
	)
}

// unit4Spec is Unit4 ERP's batch input record for GL07 (the Agresso 5.5
// format, "Agresso-5-5-Format.xlsx"), as London Borough of Hounslow
// publishes it for the files its Unit4 ERP imports (the repository
// https://github.com/LBHounslow/agresso: its overview page quotes the
// format's rows 1, 18, 20, 21, 24, 25, 27 and 66 with their positions,
// and its JournalEntry entity class gives every field with its type, width and the
// format's description). Type: A text, N a number with a leading sign, D
// a date YYYYMMDD. From and To: positions, from 1. Mandatory: for a
// general ledger line, by the descriptions ("Must be in the company
// register", "Currency code must be filled in", "Account can be blank for
// AP and AR", "This must be a valid transaction type").
type u4Field struct {
	n         int
	name, typ string
	length    int
	from, to  int
	mandatory bool
}

var unit4Spec = []u4Field{
	{1, "batch_id", "A", 25, 1, 25, true},
	{2, "interface", "A", 25, 26, 50, true},
	{3, "voucher_type", "A", 25, 51, 75, true},
	{4, "trans_type", "A", 2, 76, 77, true},
	{5, "client", "A", 25, 78, 102, true},
	{6, "account", "A", 25, 103, 127, true},
	{7, "dim_1", "A", 25, 128, 152, false},
	{8, "dim_2", "A", 25, 153, 177, false},
	{9, "dim_3", "A", 25, 178, 202, false},
	{10, "dim_4", "A", 25, 203, 227, false},
	{11, "dim_5", "A", 25, 228, 252, false},
	{12, "dim_6", "A", 25, 253, 277, false},
	{13, "dim_7", "A", 25, 278, 302, false},
	{14, "tax_code", "A", 25, 303, 327, false},
	{15, "tax_system", "A", 25, 328, 352, false},
	{16, "currency", "A", 25, 353, 377, true},
	{17, "dc_flag", "N", 2, 378, 379, false},
	{18, "cur_amount", "N", 20, 380, 399, true},
	{19, "amount", "N", 20, 400, 419, true},
	{20, "number_1", "N", 11, 420, 430, false},
	{21, "value_1", "N", 20, 431, 450, false},
	{22, "value_2", "N", 20, 451, 470, false},
	{23, "value_3", "N", 20, 471, 490, false},
	{24, "description", "A", 255, 491, 745, false},
	{25, "trans_date", "D", 8, 746, 753, true},
	{26, "voucher_date", "D", 8, 754, 761, true},
	{27, "voucher_no", "N", 15, 762, 776, false},
	{28, "period", "N", 6, 777, 782, false},
	{29, "tax_id", "A", 1, 783, 783, false},
	{30, "ext_inv_ref", "A", 100, 784, 883, false},
	{31, "ext_ref", "A", 255, 884, 1138, false},
	{32, "due_date", "D", 8, 1139, 1146, false},
	{33, "disc_date", "D", 8, 1147, 1154, false},
	{34, "discount", "N", 20, 1155, 1174, false},
	{35, "commitment", "A", 25, 1175, 1199, false},
	{36, "order_id", "N", 15, 1200, 1214, false},
	{37, "kid", "A", 27, 1215, 1241, false},
	{38, "pay_transfer", "A", 2, 1242, 1243, false},
	{39, "status", "A", 1, 1244, 1244, false},
	{40, "apar_type", "A", 1, 1245, 1245, false},
	{41, "apar_id", "A", 25, 1246, 1270, false},
	{42, "pay_flag", "N", 1, 1271, 1271, false},
	{43, "voucher_ref", "N", 15, 1272, 1286, false},
	{44, "sequence_ref", "N", 9, 1287, 1295, false},
	{45, "intrule_id", "A", 25, 1296, 1320, false},
	{46, "factor_short", "A", 25, 1321, 1345, false},
	{47, "responsible", "A", 25, 1346, 1370, false},
	{48, "apar_name", "A", 255, 1371, 1625, false},
	{49, "address", "A", 160, 1626, 1785, false},
	{50, "province", "A", 40, 1786, 1825, false},
	{51, "place", "A", 40, 1826, 1865, false},
	{52, "bank_account", "A", 35, 1866, 1900, false},
	{53, "pay_method", "A", 2, 1901, 1902, false},
	{54, "vat_reg_no", "A", 25, 1903, 1927, false},
	{55, "zip_code", "A", 15, 1928, 1942, false},
	{56, "curr_licence", "A", 3, 1943, 1945, false},
	{57, "account2", "A", 25, 1946, 1970, false},
	{58, "base_amount", "N", 20, 1971, 1990, false},
	{59, "base_curr", "N", 20, 1991, 2010, false},
	{60, "pay_temp_id", "A", 4, 2011, 2014, false},
	{61, "allocation_key", "N", 3, 2015, 2017, false},
	{62, "period_no", "N", 2, 2018, 2019, false},
	{63, "clearing_code", "A", 13, 2020, 2032, false},
	{64, "swift", "A", 11, 2033, 2043, false},
	{65, "arrive_id", "N", 15, 2044, 2058, false},
	{66, "bank_acc_type", "A", 2, 2059, 2060, false},
}

// The transcription holds together: the fields follow one another, each
// as wide as its positions, to 2,060 characters (the format's record:
// "Every row in the journal.dat file needs to be a total of 2060
// characters"), and the rows the published extract quotes with their
// positions are as quoted there.
func TestUnit4SpecTranscription(t *testing.T) {
	next := 1
	for i, f := range unit4Spec {
		if f.n != i+1 || f.from != next || f.to-f.from+1 != f.length {
			t.Errorf("field %d %s: from %d to %d, length %d; the previous ends at %d", f.n, f.name, f.from, f.to, f.length, next-1)
		}
		next = f.to + 1
	}
	if next-1 != 2060 {
		t.Errorf("the record ends at %d, want 2060", next-1)
	}
	quoted := map[int][3]int{1: {25, 1, 25}, 18: {20, 380, 399}, 20: {11, 420, 430}, 21: {20, 431, 450},
		24: {255, 491, 745}, 25: {8, 746, 753}, 27: {15, 762, 776}, 66: {2, 2059, 2060}}
	for n, q := range quoted {
		f := unit4Spec[n-1]
		if [3]int{f.length, f.from, f.to} != q {
			t.Errorf("field %d %s: length %d from %d to %d; the extract says %v", n, f.name, f.length, f.from, f.to, q)
		}
	}
}

// withAccounts is the built-in scenario with an Accounts table: the Fund
// at cost centre PF100, subjective 1001; each council's position at
// PF100 and its own subjective 4101 to 4108; the expense, income and
// clearing accounts at PF100 with subjectives 5001, 5002, 8001 and 5999.
func withAccounts() *carecast.Scenario {
	s := inputs.BuiltInScenario()
	s.Accounts = []carecast.AccountCode{
		{Account: carecast.Fund, Council: -1, CostCentre: "PF100", Subjective: "1001", Description: "Pooled fund: bank"},
		{Account: carecast.BlockContract, Council: -1, CostCentre: "PF100", Subjective: "5001", Description: "Block contract"},
		{Account: carecast.RunningCosts, Council: -1, CostCentre: "PF100", Subjective: "5002", Description: "Running costs"},
		{Account: carecast.GrantIncome, Council: -1, CostCentre: "PF100", Subjective: "8001", Description: "Grant income"},
		{Account: carecast.SharedCosts, Council: -1, CostCentre: "PF100", Subjective: "5999", Description: "Shared costs (clearing)"},
	}
	for c, co := range s.Councils {
		s.Accounts = append(s.Accounts, carecast.AccountCode{Account: carecast.Position, Council: c,
			CostCentre: "PF100", Subjective: fmt.Sprintf("41%02d", c+1), Description: "Position: " + co.Name})
	}
	s.Assumptions.Journal = carecast.JournalSettings{
		Prefix: "NELCP", OracleLedgerID: "300000002108029", OracleSource: "Pooled fund", OracleCategory: "Adjustment",
		OracleSegments: "01, cost_centre, subjective, 000000",
		Unit4Client:    "HV", Unit4VoucherType: "GJ", Unit4BatchID: "NELCP-2020", Unit4Interface: "BI",
	}
	return s
}

func builtWithAccounts(t *testing.T) (*carecast.Result, []journal.Journal) {
	t.Helper()
	r, err := forecast.Run(withAccounts())
	if err != nil {
		t.Fatal(err)
	}
	return r, build(t, r, journal.Options{From: 0, To: len(r.Months) - 1, Prefix: "NELCP"})
}

var (
	oracleDate = regexp.MustCompile(`^(\d{4})/(\d{2})/(\d{2})$`)
	number     = regexp.MustCompile(`^-?(\d+)(\.\d+)?$`)
	u4Number   = regexp.MustCompile(`^-?\d+$`)
)

func validDate(y, m, d string) bool {
	yy, _ := strconv.Atoi(y)
	mm, _ := strconv.Atoi(m)
	dd, _ := strconv.Atoi(d)
	return carecast.NewDate(yy, time.Month(mm), dd) == carecast.Date{Year: yy, Month: time.Month(mm), Day: dd}
}

// The built-in scenario's journals in Oracle's format, every field of
// every row held against glInterfaceSpec: the columns in the template's
// order (its headings are carecast's), each row as many fields as the
// template has columns, the required ones filled, text within its
// length, dates as the template's YYYY/MM/DD, numbers as numbers; then
// what the columns mean: status NEW, actual flag A, GBP, the settings,
// the segments as oracle_segments orders them, one of the entered debit
// and credit on each row, and each journal (REFERENCE4) balanced.
func TestOracleLayout(t *testing.T) {
	spec := glInterfaceSpec()
	if len(journal.OracleColumns) != len(spec) {
		t.Fatalf("%d columns, the template has %d", len(journal.OracleColumns), len(spec))
	}
	for i, c := range spec {
		if journal.OracleColumns[i] != c.heading {
			t.Errorf("column %d is %q, the template's is %q", i+1, journal.OracleColumns[i], c.heading)
		}
	}
	r, js := builtWithAccounts(t)
	var b bytes.Buffer
	created := date(2026, 12, 7)
	if err := journal.WriteOracle(&b, js, journal.Meta{Created: created}, r.Scenario.Assumptions.Journal); err != nil {
		t.Fatal(err)
	}
	recs, err := csv.NewReader(&b).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	lines := 0
	for _, j := range js {
		lines += len(j.Lines)
	}
	if len(recs) != lines {
		t.Fatalf("%d rows, want one a line, %d", len(recs), lines)
	}
	col := map[string]int{}
	for i, c := range spec {
		col[c.column] = i
	}
	var errs []error
	bad := func(row int, f string, a ...any) {
		if len(errs) < 20 {
			errs = append(errs, fmt.Errorf("row %d: "+f, append([]any{row + 1}, a...)...))
		}
	}
	sums := map[string]int64{}
	for n, rec := range recs {
		if len(rec) != len(spec) {
			bad(n, "%d fields, want %d", len(rec), len(spec))
			continue
		}
		for i, c := range spec {
			v := rec[i]
			switch {
			case v == "" && c.required:
				bad(n, "%s (%s) is required and blank", c.column, c.heading)
			case v == "":
			case c.typ == "VARCHAR2" && utf8.RuneCountInString(v) > c.length:
				bad(n, "%s holds %d characters, VARCHAR2(%d)", c.column, utf8.RuneCountInString(v), c.length)
			case c.typ == "DATE":
				m := oracleDate.FindStringSubmatch(v)
				if m == nil || !validDate(m[1], m[2], m[3]) {
					bad(n, "%s %q is not a date YYYY/MM/DD", c.column, v)
				}
			case c.typ == "NUMBER":
				m := number.FindStringSubmatch(v)
				if m == nil || c.length > 0 && len(m[1]) > c.length {
					bad(n, "%s %q is not a NUMBER(%d)", c.column, v, c.length)
				}
			}
		}
		for key, want := range map[string]string{
			"STATUS": "NEW", "ACTUAL_FLAG": "A", "CURRENCY_CODE": "GBP", "LEDGER_ID": "300000002108029",
			"USER_JE_SOURCE_NAME": "Pooled fund", "USER_JE_CATEGORY_NAME": "Adjustment", "DATE_CREATED": "2026/12/07",
			"SEGMENT1": "01", "SEGMENT2": "PF100", "SEGMENT4": "000000", "SEGMENT5": "",
		} {
			if rec[col[key]] != want {
				bad(n, "%s %q, want %q", key, rec[col[key]], want)
			}
		}
		dr, cr := rec[col["ENTERED_DR"]], rec[col["ENTERED_CR"]]
		if (dr == "") == (cr == "") {
			bad(n, "ENTERED_DR %q and ENTERED_CR %q: want exactly one", dr, cr)
			continue
		}
		amount, err := carecast.ParseMoney(dr + cr)
		if err != nil || amount.Sign() <= 0 {
			bad(n, "amount %q: want pounds above zero", dr+cr)
			continue
		}
		if cr != "" {
			amount = amount.Neg()
		}
		sums[rec[col["REFERENCE4"]]] += amount.PenceInt()
	}
	for ref, s := range sums {
		if s != 0 {
			errs = append(errs, fmt.Errorf("journal %s: debits less credits %d pence", ref, s))
		}
	}
	if err := errors.Join(errs...); err != nil {
		t.Error(err)
	}
	// April 2019's first line: Havering's pledge arrives in the Fund
	// (1001); its second credits Havering's position (4101).
	first, second := recs[0], recs[1]
	if first[col["ACCOUNTING_DATE"]] != "2019/04/30" || first[col["SEGMENT3"]] != "1001" || first[col["ENTERED_DR"]] != "54166.67" ||
		first[col["REFERENCE4"]] != "NELCP-2019-04-M" || first[col["REFERENCE21"]] != "NELCP-2019-04-M-0001" ||
		first[col["REFERENCE10"]] != "Pledge instalment" {
		t.Errorf("first row %q", first[:8])
	}
	if second[col["SEGMENT3"]] != "4101" || second[col["ENTERED_CR"]] != "54166.67" || second[col["REFERENCE10"]] != "Pledge instalment, HAV" {
		t.Errorf("second row: segment 3 %q, credit %q, description %q; want 4101, 54166.67 and Havering's pledge",
			second[col["SEGMENT3"]], second[col["ENTERED_CR"]], second[col["REFERENCE10"]])
	}
}

// The built-in scenario's journals in Unit4's format, every field of
// every record read by unit4Spec (not by carecast's own table): each
// record 2,060 characters of printable ASCII; numbers a leading sign and
// digits, dates YYYYMMDD, within their widths; the mandatory fields of a
// general ledger line filled; then what the fields mean: trans_type GL,
// GBP, the settings, account the subjective and dim_1 the cost centre,
// dc_flag 1 for a debit and -1 for a credit, amount and cur_amount the
// same pence, each voucher balanced.
func TestUnit4Layout(t *testing.T) {
	if len(journal.Unit4Fields) != len(unit4Spec) {
		t.Fatalf("%d fields, the format has %d", len(journal.Unit4Fields), len(unit4Spec))
	}
	for i, f := range unit4Spec {
		if g := journal.Unit4Fields[i]; g.Name != f.name || g.Width != f.length || g.From != f.from {
			t.Errorf("field %d is %+v, the format's is %s, %d wide from %d", i+1, g, f.name, f.length, f.from)
		}
	}
	r, js := builtWithAccounts(t)
	var b bytes.Buffer
	if err := journal.WriteUnit4(&b, js, r.Scenario.Assumptions.Journal); err != nil {
		t.Fatal(err)
	}
	text := b.String()
	if !strings.HasSuffix(text, "\n") {
		t.Fatal("the file does not end with a line end")
	}
	records := strings.Split(strings.TrimSuffix(text, "\n"), "\n")
	lines := 0
	for _, j := range js {
		lines += len(j.Lines)
	}
	if len(records) != lines {
		t.Fatalf("%d records, want one a line, %d", len(records), lines)
	}
	var errs []error
	bad := func(n int, f string, a ...any) {
		if len(errs) < 20 {
			errs = append(errs, fmt.Errorf("record %d: "+f, append([]any{n + 1}, a...)...))
		}
	}
	sums := map[string]int64{}
	for n, rec := range records {
		if len(rec) != 2060 {
			bad(n, "%d characters, want 2060", len(rec))
			continue
		}
		if i := strings.IndexFunc(rec, func(r rune) bool { return r < ' ' || r > '~' }); i >= 0 {
			bad(n, "a character outside printable ASCII at %d", i+1)
		}
		field := map[string]string{}
		for _, f := range unit4Spec {
			raw := rec[f.from-1 : f.to]
			v := strings.TrimRight(raw, " ")
			field[f.name] = v
			switch {
			case v == "" && f.mandatory:
				bad(n, "%s (positions %d-%d) is mandatory and blank", f.name, f.from, f.to)
			case v == "":
			case strings.HasPrefix(raw, " "):
				bad(n, "%s %q does not start at position %d", f.name, raw, f.from)
			case f.typ == "N" && !u4Number.MatchString(v):
				bad(n, "%s %q is not a number with a leading sign", f.name, v)
			case f.typ == "D" && (len(v) != 8 || !validDate(v[:4], v[4:6], v[6:])):
				bad(n, "%s %q is not a date YYYYMMDD", f.name, v)
			}
		}
		for key, want := range map[string]string{
			"trans_type": "GL", "currency": "GBP", "client": "HV", "voucher_type": "GJ", "batch_id": "NELCP-2020",
			"interface": "BI", "dim_1": "PF100", "dim_2": "",
		} {
			if field[key] != want {
				bad(n, "%s %q, want %q", key, field[key], want)
			}
		}
		amount, _ := strconv.ParseInt(field["amount"], 10, 64)
		if field["cur_amount"] != field["amount"] || amount == 0 ||
			field["dc_flag"] != map[bool]string{true: "1", false: "-1"}[amount > 0] {
			bad(n, "amount %s, cur_amount %s, dc_flag %s: want the same pence, above zero with dc_flag 1 or below with -1",
				field["amount"], field["cur_amount"], field["dc_flag"])
		}
		sums[field["voucher_no"]] += amount
	}
	for v, s := range sums {
		if s != 0 {
			errs = append(errs, fmt.Errorf("voucher %s: amounts sum to %d pence", v, s))
		}
	}
	if err := errors.Join(errs...); err != nil {
		t.Error(err)
	}
	// November 2020's journal: voucher 2020111, period 202008 (period 8
	// of 2020/21), dated 30 November 2020; its first line Havering's
	// pledge into the Fund, 5,416,666 pence.
	found := false
	for _, rec := range records {
		if strings.TrimSpace(rec[761:776]) != "2020111" {
			continue
		}
		found = true
		if got := [5]string{strings.TrimSpace(rec[776:782]), rec[745:753], strings.TrimSpace(rec[102:127]),
			strings.TrimSpace(rec[399:419]), strings.TrimSpace(rec[783:883])}; got != [5]string{"202008", "20201130", "1001", "5416666", "NELCP-2020-11-M-0001"} {
			t.Errorf("November 2020's first record: period, date, account, amount, reference %q", got)
		}
		break
	}
	if !found {
		t.Error("no record of voucher 2020111, November 2020's journal")
	}
}

// A format that needs a council's own settings, or the Accounts table,
// says which when they are missing.
func TestFormatsNeedSettings(t *testing.T) {
	r, js := builtWithAccounts(t)
	set := r.Scenario.Assumptions.Journal
	set.OracleLedgerID, set.OracleCategory = "", ""
	err := journal.WriteOracle(&bytes.Buffer{}, js, journal.Meta{}, set)
	if err == nil || !strings.Contains(err.Error(), "--format oracle needs the Assumptions settings oracle_ledger_id and oracle_category") {
		t.Errorf("without a ledger ID and category: %v", err)
	}
	set.Unit4Client = ""
	err = journal.WriteUnit4(&bytes.Buffer{}, js, set)
	if err == nil || !strings.Contains(err.Error(), "--format unit4 needs the Assumptions setting unit4_client (") {
		t.Errorf("without a client: %v", err)
	}
	noAccounts := inputs.BuiltInScenario()
	noAccounts.Accounts = nil
	plain, err := forecast.Run(noAccounts)
	if err != nil {
		t.Fatal(err)
	}
	js = build(t, plain, journal.Options{From: 0, To: 0})
	err = journal.WriteUnit4(&bytes.Buffer{}, js, withAccounts().Assumptions.Journal)
	if err == nil || !strings.Contains(err.Error(), "--format unit4 needs the Accounts sheet") {
		t.Errorf("without an Accounts table: %v", err)
	}
}

// BenchmarkWrite writes a national-scale scenario's journals (150
// councils, 30 years) in each format.
func BenchmarkWrite(b *testing.B) {
	s := forecasttest.National(150, 30)
	for _, a := range carecast.Accounts() {
		if !a.PerCouncil() {
			s.Accounts = append(s.Accounts, carecast.AccountCode{Account: a, Council: -1, CostCentre: "PF100", Subjective: "S" + string(a)[:4]})
		}
	}
	for c := range s.Councils {
		s.Accounts = append(s.Accounts, carecast.AccountCode{Account: carecast.Position, Council: c, CostCentre: "PF100", Subjective: fmt.Sprintf("B%04d", c)})
	}
	s.Assumptions.Journal = withAccounts().Assumptions.Journal
	r, err := forecast.Run(s)
	if err != nil {
		b.Fatal(err)
	}
	js := build(b, r, journal.Options{From: 0, To: len(r.Months) - 1})
	set := s.Assumptions.Journal
	for _, c := range []struct {
		name  string
		write func(*bytes.Buffer) error
	}{
		{"csv", func(w *bytes.Buffer) error { return journal.WriteCSV(w, js) }},
		{"hledger", func(w *bytes.Buffer) error { return journal.WriteHledger(w, js, journal.Meta{}) }},
		{"oracle", func(w *bytes.Buffer) error { return journal.WriteOracle(w, js, journal.Meta{}, set) }},
		{"unit4", func(w *bytes.Buffer) error { return journal.WriteUnit4(w, js, set) }},
	} {
		b.Run(c.name, func(b *testing.B) {
			var w bytes.Buffer
			b.ReportAllocs()
			for b.Loop() {
				w.Reset()
				if err := c.write(&w); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(w.Len())/1e6, "MB")
		})
	}
}

// Each of a council's own settings, missing alone, is named alone, with
// what it is, and nothing is written; csv and hledger need none of them.
func TestEachSettingNamed(t *testing.T) {
	r, js := builtWithAccounts(t)
	for _, c := range []struct {
		unset func(*carecast.JournalSettings)
		msg   string
	}{
		{func(s *carecast.JournalSettings) { s.OracleLedgerID = "" }, "--format oracle needs the Assumptions setting oracle_ledger_id (the ledger's ID in Oracle Fusion: each council's own"},
		{func(s *carecast.JournalSettings) { s.OracleSource = " " }, "--format oracle needs the Assumptions setting oracle_source (the journal source set up for these journals: each council's own"},
		{func(s *carecast.JournalSettings) { s.OracleCategory = "" }, "--format oracle needs the Assumptions setting oracle_category (their journal category: each council's own"},
		{func(s *carecast.JournalSettings) { s.Unit4Client = "" }, "--format unit4 needs the Assumptions setting unit4_client (the company (client) in Unit4 ERP: each council's own"},
		{func(s *carecast.JournalSettings) { s.Unit4VoucherType = "" }, "--format unit4 needs the Assumptions setting unit4_voucher_type (the transaction type set up for these journals: each council's own"},
		{func(s *carecast.JournalSettings) { s.Unit4BatchID = "" }, "--format unit4 needs the Assumptions setting unit4_batch_id (the batch ID GL07 is ordered for: each council's own"},
	} {
		set := r.Scenario.Assumptions.Journal
		c.unset(&set)
		var b bytes.Buffer
		var err error
		if strings.Contains(c.msg, "oracle") {
			err = journal.WriteOracle(&b, js, journal.Meta{}, set)
		} else {
			err = journal.WriteUnit4(&b, js, set)
		}
		var se *journal.SettingsError
		if !errors.As(err, &se) || !strings.HasPrefix(err.Error(), c.msg) || b.Len() != 0 {
			t.Errorf("error %v, %d bytes written; want a *SettingsError beginning %q and nothing written", err, b.Len(), c.msg)
		}
	}
	if err := journal.WriteCSV(&bytes.Buffer{}, js); err != nil {
		t.Error(err)
	}
	if err := journal.WriteHledger(&bytes.Buffer{}, js, journal.Meta{}); err != nil {
		t.Error(err)
	}
}

// csvFieldsInDocs is the csv format's field list as docs/methodology.md
// §16 documents it ("**csv** ... writes these fields with a header row:
// `journal, date, ...`").
func csvFieldsInDocs(t *testing.T) []string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("..", "..", "docs", "methodology.md"))
	if err != nil {
		t.Fatal(err)
	}
	m := regexp.MustCompile("\\*\\*csv\\*\\*[^`]*`([^`]*)`").FindSubmatch(b)
	if m == nil {
		t.Fatal("docs/methodology.md documents no csv fields")
	}
	var fields []string
	for _, f := range strings.Split(string(m[1]), ",") {
		fields = append(fields, strings.TrimSpace(f))
	}
	return fields
}

// The csv format field by field against its layout in
// docs/methodology.md §16: the header row is the documented fields in
// order; on every line of the built-in scenario's journals (with its
// Accounts table) the journal is its reference (CC, the period, O, M or
// S) and its lines are together; the date is the month's last day (the
// opening balance's, the first); the period is the date's month, its
// number the place in the financial year from April = 1, the financial
// year as 2019/20; the basis forecast; the account one of the ledger's
// six; the council a council's code for Council position and blank
// otherwise; the codes the template's illustrative ones the docs list
// (cost centre PF100; subjective C1010 the bank, B2101 to B2108 the
// councils' positions in order, E3201 the block contract, E3202 running
// costs, I8101 grants, E3299 shared costs); a description; a debit or a
// credit in pounds to the penny, the other 0.00; the reference the
// journal's and the line's number in it, from 0001. Without the Accounts
// table the codes are blank.
func TestCSVLayout(t *testing.T) {
	fields := csvFieldsInDocs(t)
	if !slices.Equal(fields, journal.CSVHeader) {
		t.Fatalf("the header is %q; docs/methodology.md documents %q", journal.CSVHeader, fields)
	}
	s := inputs.BuiltInScenario()
	r, err := forecast.Run(s)
	if err != nil {
		t.Fatal(err)
	}
	subjective := map[carecast.Account]string{carecast.Fund: "C1010", carecast.BlockContract: "E3201", carecast.RunningCosts: "E3202",
		carecast.GrantIncome: "I8101", carecast.SharedCosts: "E3299"}
	council := map[string]int{}
	for c, co := range s.Councils {
		council[co.Code] = c
	}
	var errs []error
	bad := func(n int, f string, a ...any) {
		if len(errs) < 20 {
			errs = append(errs, fmt.Errorf("line %d: "+f, append([]any{n}, a...)...))
		}
	}
	ref := regexp.MustCompile(`^CC-(\d{4}-\d{2})-([OMS])$`)
	pounds := regexp.MustCompile(`^\d+\.\d{2}$`)
	for _, withTable := range []bool{true, false} {
		if !withTable {
			r.Scenario.Accounts = nil
		}
		recs, err := csv.NewReader(strings.NewReader(csvOf(t, build(t, r, journal.Options{From: 0, To: len(r.Months) - 1})))).ReadAll()
		if err != nil {
			t.Fatal(err)
		}
		if !slices.Equal(recs[0], fields) {
			t.Errorf("header row %q, want %q", recs[0], fields)
		}
		done := map[string]bool{}
		prev, seq := "", 0
		for n, rec := range recs[1:] {
			n += 2
			if len(rec) != len(fields) {
				bad(n, "%d fields, want %d", len(rec), len(fields))
				continue
			}
			f := map[string]string{}
			for i, name := range fields {
				f[name] = rec[i]
			}
			m := ref.FindStringSubmatch(f["journal"])
			if m == nil {
				bad(n, "journal %q: want CC-YYYY-MM-O, M or S", f["journal"])
				continue
			}
			if f["journal"] != prev {
				if done[f["journal"]] {
					bad(n, "journal %s's lines are not together", f["journal"])
				}
				done[prev], prev, seq = true, f["journal"], 0
			}
			seq++
			tm, err := time.Parse(time.DateOnly, f["date"])
			d := carecast.NewDate(tm.Year(), tm.Month(), tm.Day())
			switch {
			case err != nil:
				bad(n, "date %q: want YYYY-MM-DD", f["date"])
			case m[2] == "O" && d.Day != 1, m[2] != "O" && d.AddDays(1).Day != 1:
				bad(n, "%s dated %s: want the month's first day for the opening balance, its last otherwise", f["journal"], d)
			}
			fy := d.Year
			if d.Month < time.April {
				fy--
			}
			if want := [4]string{m[1], f["date"][:7], fmt.Sprint((int(d.Month)+8)%12 + 1), fmt.Sprintf("%d/%02d", fy, (fy+1)%100)}; [4]string{f["period"], f["period"], f["period_number"], f["financial_year"]} != want {
				bad(n, "period %s, number %s, financial year %s; want %s, %s, %s", f["period"], f["period_number"], f["financial_year"], want[1], want[2], want[3])
			}
			if f["basis"] != "forecast" {
				bad(n, "basis %q, want forecast", f["basis"])
			}
			a, ok := carecast.ParseAccount(f["account"])
			if !ok || string(a) != f["account"] {
				bad(n, "account %q: want one of the ledger's", f["account"])
			}
			c, isCouncil := council[f["council"]]
			if isCouncil != (a == carecast.Position) {
				bad(n, "account %s, council %q: want a council's code for Council position alone", a, f["council"])
			}
			want := [2]string{"PF100", subjective[a]}
			if a == carecast.Position {
				want[1] = fmt.Sprintf("B21%02d", c+1)
			}
			if !withTable {
				want = [2]string{}
			}
			if [2]string{f["cost_centre"], f["subjective"]} != want || (f["account_description"] == "") == withTable {
				bad(n, "%s %s coded %q %q %q; want %q", a, f["council"], f["cost_centre"], f["subjective"], f["account_description"], want)
			}
			if f["description"] == "" {
				bad(n, "no description")
			}
			if !pounds.MatchString(f["debit"]) || !pounds.MatchString(f["credit"]) || (f["debit"] == "0.00") == (f["credit"] == "0.00") {
				bad(n, "debit %q, credit %q: want one of them pounds above zero to the penny, the other 0.00", f["debit"], f["credit"])
			}
			if want := fmt.Sprintf("%s-%04d", f["journal"], seq); f["reference"] != want {
				bad(n, "reference %q, want %q", f["reference"], want)
			}
		}
		if err := csvBalances(csvOf(t, build(t, r, journal.Options{From: 0, To: len(r.Months) - 1}))); err != nil {
			errs = append(errs, err)
		}
	}
	if err := errors.Join(errs...); err != nil {
		t.Error(err)
	}
}
