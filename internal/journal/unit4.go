package journal

import (
	"bufio"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/carecast/carecast"
)

// Unit4Field is a field of Unit4 ERP's batch input record (the file GL07
// reads into ACRBATCHINPUT): its name, its width in characters and its
// first position (from 1). Every record is all the fields, each padded
// with spaces on the right to its width.
type Unit4Field struct {
	Name  string
	Width int
	From  int
}

// Unit4Fields is the record, in order: 66 fields, 2,060 characters
// (docs/methodology.md §16 gives the source).
var Unit4Fields = unit4Fields()

func unit4Fields() []Unit4Field {
	widths := []struct {
		name  string
		width int
	}{
		{"batch_id", 25}, {"interface", 25}, {"voucher_type", 25}, {"trans_type", 2}, {"client", 25}, {"account", 25},
		{"dim_1", 25}, {"dim_2", 25}, {"dim_3", 25}, {"dim_4", 25}, {"dim_5", 25}, {"dim_6", 25}, {"dim_7", 25},
		{"tax_code", 25}, {"tax_system", 25}, {"currency", 25}, {"dc_flag", 2}, {"cur_amount", 20}, {"amount", 20},
		{"number_1", 11}, {"value_1", 20}, {"value_2", 20}, {"value_3", 20}, {"description", 255},
		{"trans_date", 8}, {"voucher_date", 8}, {"voucher_no", 15}, {"period", 6}, {"tax_id", 1},
		{"ext_inv_ref", 100}, {"ext_ref", 255}, {"due_date", 8}, {"disc_date", 8}, {"discount", 20},
		{"commitment", 25}, {"order_id", 15}, {"kid", 27}, {"pay_transfer", 2}, {"status", 1}, {"apar_type", 1},
		{"apar_id", 25}, {"pay_flag", 1}, {"voucher_ref", 15}, {"sequence_ref", 9}, {"intrule_id", 25},
		{"factor_short", 25}, {"responsible", 25}, {"apar_name", 255}, {"address", 160}, {"province", 40},
		{"place", 40}, {"bank_account", 35}, {"pay_method", 2}, {"vat_reg_no", 25}, {"zip_code", 15},
		{"curr_licence", 3}, {"account2", 25}, {"base_amount", 20}, {"base_curr", 20}, {"pay_temp_id", 4},
		{"allocation_key", 3}, {"period_no", 2}, {"clearing_code", 13}, {"swift", 11}, {"arrive_id", 15},
		{"bank_acc_type", 2},
	}
	fields := make([]Unit4Field, len(widths))
	from := 1
	for i, w := range widths {
		fields[i] = Unit4Field{Name: w.name, Width: w.width, From: from}
		from += w.width
	}
	return fields
}

// Unit4RecordLength is the length of a record, less its line end.
const Unit4RecordLength = 2060

// Unit4VoucherNo is a journal's voucher number: its year and month and a
// last digit for its kind, 0 the opening balance, 1 a month, 2 the
// settlement (November 2020's journal is 2020111). GL07 takes the lines of
// one voucher number as one transaction; with transaction numbers
// assigned by GL07 they are numbered from the voucher series.
func Unit4VoucherNo(j Journal) int64 {
	return int64(j.Period.Year*100+int(j.Period.Month))*10 + int64(j.Kind)
}

// Unit4Period is a journal's period as unit4_period says: 202008 for
// November 2020 in the financial year (the default), 202011 in the
// calendar, or blank.
func Unit4Period(j Journal, how string) string {
	switch how {
	case carecast.Unit4PeriodCalendar:
		return fmt.Sprintf("%04d%02d", j.Period.Year, int(j.Period.Month))
	case carecast.Unit4PeriodNone:
		return ""
	}
	return fmt.Sprintf("%04d%02d", int(j.Period.FY), j.Period.Number)
}

// typographic spells a few typographic characters in ASCII.
var typographic = strings.NewReplacer("£", "GBP ", "–", "-", "—", "-", "‘", "'", "’", "'", "“", `"`, "”", `"`, "…", "...")

// plainText makes free text fit a fixed-width ASCII field: control
// characters escaped, a few typographic characters spelt in ASCII, any
// other character outside printable ASCII a question mark, and cut to
// width.
func plainText(s string, width int) string {
	s = typographic.Replace(carecast.Printable(s))
	s = strings.Map(func(r rune) rune {
		if r < ' ' || r > '~' {
			return '?'
		}
		return r
	}, s)
	s = strings.Join(strings.Fields(s), " ")
	if len(s) > width {
		s = s[:width]
	}
	return s
}

// WriteUnit4 writes the journals as a Unit4 ERP batch input file for GL07
// (Unit4Fields, fixed width, printable ASCII, one record a line ended by
// a newline): trans_type GL, the client, voucher type, batch ID and
// interface the council's settings, account the Accounts table's
// subjective and dim_1 its cost centre, currency GBP, dc_flag 1 for a
// debit and -1 for a credit, cur_amount and amount in pence with a minus
// for a credit, the journal's date as trans_date and voucher_date, its
// voucher number (Unit4VoucherNo), the period as unit4_period says, the
// line's reference in ext_inv_ref and the journal's in ext_ref.
func WriteUnit4(w io.Writer, js []Journal, set carecast.JournalSettings) error {
	if err := needSettings("unit4", need{"unit4_client", set.Unit4Client, "the company (client) in Unit4 ERP"},
		need{"unit4_voucher_type", set.Unit4VoucherType, "the transaction type set up for these journals"},
		need{"unit4_batch_id", set.Unit4BatchID, "the batch ID GL07 is ordered for"},
		need{"unit4_interface", set.Unit4Interface, "the external system, usually BI"}); err != nil {
		return err
	}
	if err := needCodes("unit4", js); err != nil {
		return err
	}
	bw := bufio.NewWriterSize(w, 1<<16)
	rec := make([]byte, Unit4RecordLength+1)
	field := func(name string) Unit4Field {
		for _, f := range Unit4Fields {
			if f.Name == name {
				return f
			}
		}
		panic("journal: no Unit4 field " + name)
	}
	// The fields carecast fills, each with its value for a line.
	type fill struct {
		f     Unit4Field
		value func(j *Journal, ln *Line) string
	}
	var date, voucher, period, pence, dc string
	fills := []fill{
		{field("batch_id"), func(*Journal, *Line) string { return set.Unit4BatchID }},
		{field("interface"), func(*Journal, *Line) string { return set.Unit4Interface }},
		{field("voucher_type"), func(*Journal, *Line) string { return set.Unit4VoucherType }},
		{field("trans_type"), func(*Journal, *Line) string { return "GL" }},
		{field("client"), func(*Journal, *Line) string { return set.Unit4Client }},
		{field("account"), func(_ *Journal, ln *Line) string { return ln.Subjective }},
		{field("dim_1"), func(_ *Journal, ln *Line) string { return ln.CostCentre }},
		{field("currency"), func(*Journal, *Line) string { return "GBP" }},
		{field("dc_flag"), func(*Journal, *Line) string { return dc }},
		{field("cur_amount"), func(*Journal, *Line) string { return pence }},
		{field("amount"), func(*Journal, *Line) string { return pence }},
		{field("trans_date"), func(*Journal, *Line) string { return date }},
		{field("voucher_date"), func(*Journal, *Line) string { return date }},
		{field("voucher_no"), func(*Journal, *Line) string { return voucher }},
		{field("period"), func(*Journal, *Line) string { return period }},
		{field("ext_inv_ref"), func(_ *Journal, ln *Line) string { return ln.Reference }},
		{field("ext_ref"), func(j *Journal, _ *Line) string { return j.Reference }},
	}
	description := field("description")
	for ji := range js {
		j := &js[ji]
		date = fmt.Sprintf("%04d%02d%02d", j.Date.Year, int(j.Date.Month), j.Date.Day)
		voucher = strconv.FormatInt(Unit4VoucherNo(*j), 10)
		period = Unit4Period(*j, set.Unit4Period)
		for li := range j.Lines {
			ln := &j.Lines[li]
			for i := range rec {
				rec[i] = ' '
			}
			rec[Unit4RecordLength] = '\n'
			dc = "1"
			amount := ln.Debit
			if ln.Credit.Sign() > 0 {
				dc, amount = "-1", ln.Credit.Neg()
			}
			pence = strconv.FormatInt(amount.PenceInt(), 10)
			// A code or number that does not fit its field, or is not
			// printable ASCII, is an error rather than cut.
			for _, fl := range fills {
				v := fl.value(j, ln)
				if len(v) > fl.f.Width || strings.IndexFunc(v, func(r rune) bool { return r < ' ' || r > '~' }) >= 0 {
					return &SettingsError{Format: "unit4", Msg: fmt.Sprintf("cannot put %q in %s: it holds %d characters of printable ASCII at most", v, fl.f.Name, fl.f.Width)}
				}
				copy(rec[fl.f.From-1:], v)
			}
			copy(rec[description.From-1:], plainText(lineText(*ln), description.Width))
			if _, err := bw.Write(rec); err != nil {
				return err
			}
		}
	}
	return bw.Flush()
}
