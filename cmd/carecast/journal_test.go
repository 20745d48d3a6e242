package main

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"regexp"
	"strings"
	"testing"

	"github.com/carecast/carecast"
	"github.com/carecast/carecast/internal/testtools"
)

func TestJournalFlags(t *testing.T) {
	for _, c := range []struct {
		args []string
		want journalOptions
	}{
		{nil, journalOptions{Format: "csv"}},
		{[]string{"in.xlsx", "--from", "2020-04", "--to", "31/03/2021", "--format", "csv", "-o", "j.csv"},
			journalOptions{Input: "in.xlsx", From: "2020-04", To: "31/03/2021", Format: "csv", Out: "j.csv"}},
	} {
		t.Run(strings.Join(c.args, " "), func(t *testing.T) {
			var got journalOptions
			io := &streams{Out: &bytes.Buffer{}, Err: &bytes.Buffer{}}
			cmd := newJournalCmd(io, func(o *journalOptions, _ *streams) error { got = *o; return nil })
			cmd.SetArgs(c.args)
			if err := cmd.Execute(); err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(got, c.want) {
				t.Errorf("got %+v, want %+v", got, c.want)
			}
		})
	}
	for _, c := range []struct {
		args []string
		msg  string
	}{
		{[]string{"journal", "--format", "xml"}, `--format "xml": expected one of`},
		{[]string{"journal", "--out", ""}, "--out needs a file name"},
		{[]string{"journal", "--from", "Nov 2019x"}, `--from "Nov 2019x": expected a date`},
		{[]string{"journal", "--to", "2030-01"}, "--to 2030-01-01 is outside the horizon, 2019-04-01 to 2027-03-31"},
		{[]string{"journal", "--from", "2020-05", "--to", "2020-04"}, "--from 2020-05 is after --to 2020-04"},
		{[]string{"journal", "a", "b"}, "accepts at most 1 arg"},
	} {
		code, stdout, stderr := runCmd(t, false, c.args...)
		if code != exitUsage || stdout != "" || !strings.Contains(stderr, c.msg) {
			t.Errorf("%v: exit %d, stderr %q; want exit %d saying %q and nothing on stdout", c.args, code, stderr, exitUsage, c.msg)
		}
	}
}

// The built-in scenario's November 2019 on stdout: one journal, 8
// pledges (16 lines), the block payment (2), the block rooms used by 8
// councils with the void cost (10) and the shared cost charged to 8
// councils (9); no grant in November and no running costs. The same run
// gives the same bytes, and --out writes them to a file.
func TestJournalBuiltInNovember(t *testing.T) {
	code, stdout, stderr := runCmd(t, false, "journal", "--from", "2019-11-30", "--to", "2019-11")
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	recs, err := csv.NewReader(strings.NewReader(stdout)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if got, want := len(recs)-1, 16+2+10+9; got != want {
		t.Errorf("%d lines, want %d", got, want)
	}
	for _, rec := range recs[1:] {
		if rec[0] != "CC-2019-11-M" || rec[1] != "2019-11-30" || rec[2] != "2019-11" || rec[3] != "8" || rec[4] != "2019/20" {
			t.Errorf("line %v: want journal CC-2019-11-M of 30 November 2019, period 2019-11, number 8 of 2019/20", rec)
			break
		}
	}
	_, again, _ := runCmd(t, false, "journal", "--from", "2019-11", "--to", "2019-11-01")
	if again != stdout {
		t.Error("a second run gives different bytes")
	}

	dir := t.TempDir()
	out := filepath.Join(dir, "nov.csv")
	code, stdout2, stderr := runCmd(t, false, "journal", "--from", "2019-11", "--to", "2019-11", "--out", out)
	if code != exitOK || stdout2 != "" || !strings.Contains(stderr, "wrote "+out) {
		t.Fatalf("--out: exit %d, stdout %q, stderr %q", code, stdout2, stderr)
	}
	if b, err := os.ReadFile(out); err != nil || string(b) != stdout {
		t.Errorf("--out wrote %d bytes (%v), want the %d of stdout", len(b), err, len(stdout))
	}
}

// --out never writes over the input.
func TestJournalNotOverInput(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "in")
	if code, _, stderr := runCmd(t, false, "init", "--csv", dir); code != exitOK {
		t.Fatalf("init --csv: %s", stderr)
	}
	target := filepath.Join(dir, "councils.csv")
	before, _ := os.ReadFile(target)
	code, _, stderr := runCmd(t, false, "journal", dir, "--out", target)
	if code == exitOK {
		t.Errorf("journal --out over the input: exit 0, want an error")
	}
	after, _ := os.ReadFile(target)
	if !bytes.Equal(before, after) {
		t.Errorf("the input was written over (%s)", stderr)
	}
}

// --format hledger: the built-in scenario's April 2019 as one hledger
// transaction, its reference as the code.
func TestJournalHledgerFormat(t *testing.T) {
	code, stdout, stderr := runCmd(t, false, "journal", "--format", "hledger", "--from", "2019-04", "--to", "2019-04")
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	for _, want := range []string{
		"; Scenario: North East London Commissioning Partnership (illustrative)\n",
		"account liabilities:Council position:HAV  ; cost_centre:PF100, subjective:B2101, name:Pooled fund: HAV's position (illustrative)\n",
		"2019-04-30 (CC-2019-04-M) Pooled fund, April 2019  ; period:2019-04, period_number:1, financial_year:2019/20, basis:forecast\n",
		"    assets:Fund                            54166.67 GBP  ; CC-2019-04-M-0001 Pledge instalment\n",
	} {
		if !strings.Contains(stdout, want) {
			t.Errorf("the hledger journal lacks %q", want)
		}
	}
	if n := strings.Count(stdout, "(CC-"); n != 1 {
		t.Errorf("%d transactions, want 1", n)
	}
}

// initCSV writes the built-in scenario's template as CSV files and sets
// the Assumptions settings given (key, value, ...) in assumptions.csv.
func initCSV(t *testing.T, settings ...string) string {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "in")
	if code, _, stderr := runCmd(t, false, "init", "--csv", dir); code != exitOK {
		t.Fatalf("init --csv: %s", stderr)
	}
	file := filepath.Join(dir, "assumptions.csv")
	b, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	text := string(b)
	for i := 0; i+1 < len(settings); i += 2 {
		key, value := settings[i], settings[i+1]
		start := strings.Index(text, "\n"+key+",")
		if start < 0 {
			t.Fatalf("assumptions.csv has no row %s", key)
		}
		rest := text[start+1+len(key)+1:]
		old, _, _ := strings.Cut(rest, ",")
		text = text[:start+1+len(key)+1] + value + rest[len(old):]
	}
	if err := os.WriteFile(file, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	return dir
}

// Oracle's and Unit4's formats say which of the council's own settings
// are missing, and write nothing; a setting too long for its field is an
// error at its cell, as any bad input is.
func TestJournalFormatsNeedSettings(t *testing.T) {
	for _, c := range []struct {
		args []string
		msg  string
	}{
		{[]string{"journal", "--format", "oracle"}, "--format oracle needs the Assumptions settings oracle_ledger_id, oracle_source and oracle_category ("},
		{[]string{"journal", "--format", "unit4"}, "--format unit4 needs the Assumptions settings unit4_client, unit4_voucher_type and unit4_batch_id ("},
	} {
		out := filepath.Join(t.TempDir(), "j")
		code, stdout, stderr := runCmd(t, false, append(c.args, "--out", out)...)
		if code != exitInput || stdout != "" || !strings.Contains(stderr, c.msg) {
			t.Errorf("%v: exit %d, stderr %q; want exit 1 saying %q", c.args, code, stderr, c.msg)
		}
		if _, err := os.Stat(out); !os.IsNotExist(err) {
			t.Errorf("%v: wrote %s", c.args, out)
		}
	}
	dir := initCSV(t, "oracle_source", "Children's residential pooled fund", "unit4_client", "HV£", "oracle_ledger_id", "30000000210802.9")
	code, _, stderr := runCmd(t, false, "validate", dir)
	stderr = inFolder(stderr, dir)
	for _, want := range []string{
		`: column value: oracle_source too long: found "Children's residential pooled fund", 34 characters; expected at most 25`,
		`: column value: unit4_client holds '£': found "HV£"; expected printable ASCII`,
		`: column value: oracle_ledger_id holds '.': found "30000000210802.9"; expected digits only, up to 18`,
	} {
		// Located at the setting's row of assumptions.csv, whatever its number.
		if code != exitInput || !regexp.MustCompile(`(?m)^assumptions\.csv:\d+`+regexp.QuoteMeta(want)).MatchString(stderr) {
			t.Errorf("validate: exit %d, stderr lacks %q:\n%s", code, want, stderr)
		}
	}
}

// With the council's settings in the template's Assumptions (and its
// illustrative Accounts rows), Oracle's and Unit4's formats write the
// built-in scenario's November 2020: 37 rows or records, the settings in
// their places. (internal/journal's tests hold every field against the
// published layouts.)
func TestJournalOracleUnit4(t *testing.T) {
	dir := initCSV(t, "oracle_ledger_id", "300000002108029", "oracle_source", "Pooled fund", "oracle_category", "Adjustment",
		"unit4_client", "HV", "unit4_voucher_type", "GJ", "unit4_batch_id", "NELCP", "journal_prefix", "NELCP")
	t.Setenv("SOURCE_DATE_EPOCH", "1765065600") // 7 December 2025
	code, stdout, stderr := runCmd(t, false, "journal", dir, "--format", "oracle", "--from", "2020-11", "--to", "2020-11")
	if code != exitOK {
		t.Fatalf("oracle: exit %d: %s", code, stderr)
	}
	rows := strings.Split(strings.TrimSuffix(stdout, "\n"), "\n")
	if len(rows) != 37 || !strings.HasPrefix(rows[0], "NEW,300000002108029,2020/11/30,Pooled fund,Adjustment,GBP,2025/12/07,A,PF100,C1010,") {
		t.Errorf("oracle: %d rows, the first %q", len(rows), rows[0])
	}
	code, stdout, stderr = runCmd(t, false, "journal", dir, "--format", "unit4", "--from", "2020-11", "--to", "2020-11")
	if code != exitOK {
		t.Fatalf("unit4: exit %d: %s", code, stderr)
	}
	recs := strings.Split(strings.TrimSuffix(stdout, "\n"), "\n")
	if len(recs) != 37 || len(recs[0]) != 2060 || !strings.HasPrefix(recs[0], "NELCP"+strings.Repeat(" ", 20)+"BI") ||
		strings.TrimSpace(recs[0][102:127]) != "C1010" || strings.TrimSpace(recs[0][127:152]) != "PF100" {
		t.Errorf("unit4: %d records, the first %q", len(recs), recs[0][:160])
	}
}

// An Accounts table without a council's position: the journals say which
// account and council lack a row, and write nothing.
func TestJournalMissingAccount(t *testing.T) {
	dir := initCSV(t)
	file := filepath.Join(dir, "accounts.csv")
	b, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	var keep []string
	for _, line := range strings.SplitAfter(string(b), "\n") {
		if !strings.Contains(line, ",Hackney,") && !strings.HasPrefix(line, "Grant income,") {
			keep = append(keep, line)
		}
	}
	if err := os.WriteFile(file, []byte(strings.Join(keep, "")), 0o644); err != nil {
		t.Fatal(err)
	}
	code, stdout, stderr := runCmd(t, false, "journal", dir, "--from", "2019-04", "--to", "2019-04")
	want := "Accounts: no row maps Council position for council HAC; no row maps Grant income; add a row for each"
	if code != exitInput || stdout != "" || !strings.Contains(stderr, want) {
		t.Errorf("exit %d, stdout %d bytes, stderr %q; want exit 1 saying %q", code, len(stdout), stderr, want)
	}
}

// The same input gives the same bytes in every format, run after run
// (SOURCE_DATE_EPOCH fixing Oracle's creation date), on stdout and in
// --out alike.
func TestJournalSameBytes(t *testing.T) {
	dir := initCSV(t, "oracle_ledger_id", "300000002108029", "oracle_source", "Pooled fund", "oracle_category", "Adjustment",
		"unit4_client", "HV", "unit4_voucher_type", "GJ", "unit4_batch_id", "NELCP")
	t.Setenv("SOURCE_DATE_EPOCH", "1765065600")
	for _, format := range journalFormats {
		args := []string{"journal", dir, "--format", format, "--from", "2020-03", "--to", "2020-05"}
		_, a, errA := runCmd(t, false, args...)
		_, b, _ := runCmd(t, false, args...)
		out := filepath.Join(t.TempDir(), "j")
		code, _, stderr := runCmd(t, false, append(args, "--out", out)...)
		c, err := os.ReadFile(out)
		switch {
		case a == "" || code != exitOK || err != nil:
			t.Errorf("%s: exit %d, %v: %s%s", format, code, err, errA, stderr)
		case a != b || string(c) != a:
			t.Errorf("%s: two runs or stdout and --out differ", format)
		}
	}
}

// From an input with every other setting, the ledger ID alone missing
// stops --format oracle and the batch ID alone stops --format unit4:
// exit 1, the setting named, nothing written; the other format, and csv
// and hledger, still write.
func TestJournalOneSettingMissing(t *testing.T) {
	all := []string{"oracle_ledger_id", "300000002108029", "oracle_source", "Pooled fund", "oracle_category", "Adjustment",
		"unit4_client", "HV", "unit4_voucher_type", "GJ", "unit4_batch_id", "NELCP"}
	for _, c := range []struct {
		drop, format, other, msg string
	}{
		{"oracle_ledger_id", "oracle", "unit4", "--format oracle needs the Assumptions setting oracle_ledger_id (the ledger's ID in Oracle Fusion: each council's own, so carecast has no default)"},
		{"unit4_batch_id", "unit4", "oracle", "--format unit4 needs the Assumptions setting unit4_batch_id (the batch ID GL07 is ordered for: each council's own, so carecast has no default)"},
	} {
		var settings []string
		for i := 0; i < len(all); i += 2 {
			if all[i] != c.drop {
				settings = append(settings, all[i], all[i+1])
			}
		}
		dir := initCSV(t, settings...)
		out := filepath.Join(t.TempDir(), "j")
		code, stdout, stderr := runCmd(t, false, "journal", dir, "--format", c.format, "--from", "2020-11", "--to", "2020-11", "--out", out)
		if code != exitInput || stdout != "" || !strings.Contains(stderr, c.msg) {
			t.Errorf("without %s: exit %d, stderr %q; want exit 1 saying %q", c.drop, code, stderr, c.msg)
		}
		if _, err := os.Stat(out); !os.IsNotExist(err) {
			t.Errorf("without %s: --format %s wrote %s", c.drop, c.format, out)
		}
		for _, f := range []string{c.other, "csv", "hledger"} {
			if code, stdout, stderr := runCmd(t, false, "journal", dir, "--format", f, "--from", "2020-11", "--to", "2020-11"); code != exitOK || stdout == "" {
				t.Errorf("without %s: --format %s: exit %d, %s", c.drop, f, code, stderr)
			}
		}
	}
}

// An input with an Actuals table (actuals.csv): April 2019 is an actual
// month, in which Havering paid £60,000 in and the provider invoiced
// £250,000. April's journal posts those figures and says basis actual,
// May's is the forecast's; every journal balances; and hledger's fund
// and Havering's position at the end of April are those of 'forecast
// --json --monthly' on the same input.
func TestJournalActualsFromInput(t *testing.T) {
	dir := initCSV(t)
	if err := os.WriteFile(filepath.Join(dir, "actuals.csv"),
		[]byte("month,item,council,value\n2019-04-01,pledges,HAV,60000\n2019-04-15,block_cost,,250000\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	code, stdout, stderr := runCmd(t, false, "journal", dir, "--from", "2019-04", "--to", "2019-05")
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	recs, err := csv.NewReader(strings.NewReader(stdout)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	sums := map[string]int64{}
	pledge, block := "", ""
	for _, rec := range recs[1:] {
		if want := map[bool]string{true: "actual", false: "forecast"}[rec[2] == "2019-04"]; rec[5] != want {
			t.Fatalf("line %s: basis %s, want %s", rec[14], rec[5], want)
		}
		if rec[2] == "2019-04" && rec[7] == "HAV" && rec[11] == "Pledge instalment" {
			pledge = rec[13]
		}
		if rec[2] == "2019-04" && rec[6] == "Block contract" && rec[11] == "Block contract payment" {
			block = rec[12]
		}
		dr, err1 := carecast.ParseMoney(rec[12])
		cr, err2 := carecast.ParseMoney(rec[13])
		if err1 != nil || err2 != nil {
			t.Fatalf("line %s: debit %q, credit %q", rec[14], rec[12], rec[13])
		}
		sums[rec[0]] += dr.PenceInt() - cr.PenceInt()
	}
	if pledge != "60000.00" || block != "250000.00" {
		t.Errorf("April: HAV's pledge credited %q, the block payment debited %q; want 60000.00 and 250000.00", pledge, block)
	}
	if len(sums) != 2 || sums["CC-2019-04-M"] != 0 || sums["CC-2019-05-M"] != 0 {
		t.Errorf("journals' debits less credits, in pence: %v; want April and May, each 0", sums)
	}

	hledger := testtools.Program(t, "hledger", "hledger")
	file := filepath.Join(t.TempDir(), "fund.journal")
	if code, _, stderr := runCmd(t, false, "journal", dir, "--format", "hledger", "--out", file); code != exitOK {
		t.Fatalf("--format hledger: exit %d: %s", code, stderr)
	}
	out, err := exec.Command(hledger, "-f", file, "balance", "--flat", "--no-total", "-O", "csv", "--end", "2019-05-01").Output()
	if err != nil {
		t.Fatalf("hledger: %v", err)
	}
	code, js, stderr := runCmd(t, false, "forecast", dir, "--json", "--monthly")
	if code != exitOK {
		t.Fatalf("forecast --json --monthly: exit %d: %s", code, stderr)
	}
	var f struct {
		Months []struct {
			Month       string `json:"month"`
			Actual      bool   `json:"actual"`
			FundBalance string `json:"fund_balance"`
			Councils    []struct {
				Code     string `json:"code"`
				Position string `json:"position"`
			} `json:"councils"`
		} `json:"months"`
	}
	if err := json.Unmarshal([]byte(js), &f); err != nil {
		t.Fatal(err)
	}
	apr := f.Months[0]
	if apr.Month != "2019-04" || !apr.Actual || apr.Councils[0].Code != "HAV" {
		t.Fatalf("forecast's first month %+v: want April 2019, actual, HAV first", apr)
	}
	text := string(out)
	for _, want := range []string{
		`"assets:Fund","` + apr.FundBalance + ` GBP"`,
		`"liabilities:Council position:HAV","-` + apr.Councils[0].Position + ` GBP"`,
	} {
		if !strings.Contains(text, want) {
			t.Errorf("hledger's balances at the end of April lack %s:\n%s", want, text)
		}
	}
}
