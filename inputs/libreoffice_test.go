package inputs_test

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/carecast/carecast/internal/testtools"

	"github.com/carecast/carecast"
	"github.com/carecast/carecast/inputs"
	"github.com/carecast/carecast/internal/golden"
)

// needSoffice finds LibreOffice, or skips the test on a developer machine
// without it. With CARECAST_REQUIRE_TOOLS set (as .ci/run sets it) a
// missing LibreOffice fails the test instead.
func needSoffice(t *testing.T) string {
	t.Helper()
	return testtools.Soffice(t)
}

// Cells of a flat ODF spreadsheet (.fods), typed as a spreadsheet user
// types them.
func str(s string) string {
	return `<table:table-cell office:value-type="string"><text:p>` + s + `</text:p></table:table-cell>`
}
func flt(v string) string {
	return `<table:table-cell office:value-type="float" office:value="` + v + `"><text:p>` + v + `</text:p></table:table-cell>`
}
func dat(iso string) string {
	return `<table:table-cell table:style-name="cdate" office:value-type="date" office:date-value="` + iso + `"><text:p>` + iso + `</text:p></table:table-cell>`
}
func gbp(v string) string {
	return `<table:table-cell table:style-name="cgbp" office:value-type="currency" office:currency="GBP" office:value="` + v + `"><text:p>£` + v + `</text:p></table:table-cell>`
}
func pct(v string) string {
	return `<table:table-cell table:style-name="cpct" office:value-type="percentage" office:value="` + v + `"><text:p>` + v + `</text:p></table:table-cell>`
}
func formula(f, cached string) string {
	return `<table:table-cell table:style-name="cgbp" table:formula="of:=` + f + `" office:value-type="currency" office:currency="GBP" office:value="` + cached + `"><text:p>` + cached + `</text:p></table:table-cell>`
}

const empty = `<table:table-cell/>`

func tr(cells ...string) string {
	return "<table:table-row>" + strings.Join(cells, "") + "</table:table-row>\n"
}

// typedSheets is the scenario of the test as sheets of typed cells; the
// same data as typedCSV. Sheet and header names are spelt loosely, rows
// are blank here and there, a column is extra, a formula holds an amount.
var typedSheets = []struct{ name, rows string }{
	{"Read me", tr(str("A scenario typed into LibreOffice Calc"))},
	{"Assumptions", tr(str("Setting"), str("Value"), str("Notes")) +
		tr(str("scenario"), str("LibreOffice test")) +
		tr(str("start_date"), dat("2019-04-01")) +
		tr(str("years"), flt("3")) +
		tr(str("block_weekly_price"), gbp("2850")) +
		tr(str("block_price_date"), str("01/04/2019")) +
		tr(str("block_uplift"), pct("0.02")) +
		tr(empty) +
		tr(str("occupancy_rate"), pct("0.9")) +
		tr(str("discount_rate"), str("3.5%")) +
		tr(str("deflator"), flt("0.02")) +
		tr(str("opening_fund_balance"), str("(1,200)")) +
		tr(str("settle_at_end"), str("yes"))},
	{"councils", tr(str("Code"), str("Name"), str("Share (%)")) +
		tr(str("HAV"), str("Havering"), pct("0.5")) +
		tr(str("BAD"), str("Barking and Dagenham"), pct("0.3")) +
		tr(str("RED"), str("Redbridge"), pct("0.2"))},
	{"Pledges", tr(str("Council"), str("From"), str("To"), str("Annual amount (£)")) +
		tr(str("Havering"), dat("2019-04-01"), dat("2022-03-31"), gbp("650000")) +
		tr(str("BAD"), dat("2019-04-01"), str("31/03/2022"), formula("325000*2", "650000")) +
		tr(str("Redbridge"), str("2019-04-01"), dat("2020-03-31"), str("£650,000.00")) +
		tr(str("RED"), dat("2020-04-01"), dat("2022-03-31"), gbp("500000.5"))},
	{"Rooms", tr(str("From (date)"), str("Rooms"), str("Remarks")) +
		tr(dat("2019-04-01"), flt("8"), str("first phase")) +
		tr(empty) + tr(empty) +
		tr(dat("2020-04-01"), flt("10"))},
	{"Occupancy", tr(str("council"), str("from"), str("rooms_occupied")) +
		tr(str("HAV"), dat("2019-04-01"), flt("3")) +
		tr(str("BAD"), dat("2019-04-01"), flt("2.5")) +
		tr(str("RED"), dat("2019-04-01"), flt("1")) +
		tr(str("HAV"), dat("2020-04-01"), flt("4")) +
		tr(str("RED"), str("15/07/2020"), flt("2"))},
	{"Spot costs", tr(str("Council"), str("From (date)"), str("Weekly cost (£)"), str("Annual inflation (%)")) +
		tr(str("HAV"), dat("2019-04-01"), gbp("3500"), pct("0.05")) +
		tr(str("BAD"), dat("2018-10-01"), gbp("3650.5"), pct("0.045")) +
		tr(str("RED"), dat("2019-04-01"), str("£3,700.00"), str("5%"))},
	{"Grants", tr(str("date"), str("amount"), str("description")) +
		tr(dat("2019-04-01"), gbp("260917"), str("DfE year 1")) +
		tr(dat("2020-04-01"), gbp("260917"), str("DfE year 2"))},
	{"Costs", tr(str("description"), str("from"), str("to"), str("annual_amount (£ a year)")) +
		tr(str("Commissioning team"), dat("2019-04-01"), dat("2022-03-31"), gbp("24000"))},
}

// typedCSV is typedSheets as CSV text.
var typedCSV = map[string]string{
	"assumptions.csv": "setting,value,notes\nscenario,LibreOffice test\nstart_date,2019-04-01\nyears,3\nblock_weekly_price,2850\nblock_price_date,01/04/2019\nblock_uplift,2%\noccupancy_rate,90%\ndiscount_rate,3.5%\ndeflator,0.02\nopening_fund_balance,\"(1,200)\"\nsettle_at_end,yes\n",
	"councils.csv":    "code,name,share\nHAV,Havering,50%\nBAD,Barking and Dagenham,30%\nRED,Redbridge,20%\n",
	"pledges.csv":     "council,from,to,annual_amount\nHavering,2019-04-01,2022-03-31,650000\nBAD,2019-04-01,31/03/2022,650000\nRedbridge,2019-04-01,2020-03-31,\"£650,000.00\"\nRED,2020-04-01,2022-03-31,500000.50\n",
	"rooms.csv":       "from,rooms,remarks\n2019-04-01,8,first phase\n2020-04-01,10\n",
	"occupancy.csv":   "council,from,rooms_occupied\nHAV,2019-04-01,3\nBAD,2019-04-01,2.5\nRED,2019-04-01,1\nHAV,2020-04-01,4\nRED,15/07/2020,2\n",
	"spotcosts.csv":   "council,from,weekly_cost,annual_inflation\nHAV,2019-04-01,3500,5%\nBAD,2018-10-01,3650.50,4.5%\nRED,2019-04-01,\"£3,700.00\",5%\n",
	"grants.csv":      "date,amount,description\n2019-04-01,260917,DfE year 1\n2020-04-01,260917,DfE year 2\n",
	"costs.csv":       "description,from,to,annual_amount\nCommissioning team,2019-04-01,2022-03-31,24000\n",
}

// fods writes the typed spreadsheet; nullDate is the spreadsheet's day
// zero (1899-12-30, or 1904-01-01 for the 1904 date system).
func fods(nullDate string) string {
	var b strings.Builder
	b.WriteString(`<?xml version="1.0" encoding="UTF-8"?>
<office:document xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:number="urn:oasis:names:tc:opendocument:xmlns:datastyle:1.0" xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0" xmlns:of="urn:oasis:names:tc:opendocument:xmlns:of:1.2" office:version="1.2" office:mimetype="application/vnd.oasis.opendocument.spreadsheet">
<office:styles>
<number:date-style style:name="NDate"><number:day number:style="long"/><number:text>/</number:text><number:month number:style="long"/><number:text>/</number:text><number:year number:style="long"/></number:date-style>
<number:currency-style style:name="NGBP"><number:currency-symbol number:language="en" number:country="GB">£</number:currency-symbol><number:number number:decimal-places="2" number:min-integer-digits="1" number:grouping="true"/></number:currency-style>
<number:percentage-style style:name="NPct"><number:number number:decimal-places="1" number:min-integer-digits="1"/><number:text>%</number:text></number:percentage-style>
</office:styles>
<office:automatic-styles>
<style:style style:name="cdate" style:family="table-cell" style:data-style-name="NDate"/>
<style:style style:name="cgbp" style:family="table-cell" style:data-style-name="NGBP"/>
<style:style style:name="cpct" style:family="table-cell" style:data-style-name="NPct"/>
</office:automatic-styles>
<office:body><office:spreadsheet>
`)
	fmt.Fprintf(&b, `<table:calculation-settings><table:null-date table:date-value="%s"/></table:calculation-settings>`+"\n", nullDate)
	for _, s := range typedSheets {
		fmt.Fprintf(&b, "<table:table table:name=%q>\n%s</table:table>\n", s.name, s.rows)
	}
	b.WriteString("</office:spreadsheet></office:body></office:document>\n")
	return b.String()
}

// A workbook written by a real spreadsheet program, LibreOffice Calc, from
// typed cells (dates, currency, percentages, a formula), in both date
// systems, reads as the same scenario as the same data in CSV files, and
// forecasts the same to the penny.
func TestLibreOfficeWorkbook(t *testing.T) {
	soffice := needSoffice(t)
	dir := t.TempDir()
	names := map[string]string{"dates1900": "1899-12-30", "dates1904": "1904-01-01"}
	var srcs []string
	for name, null := range names {
		p := filepath.Join(dir, name+".fods")
		if err := os.WriteFile(p, []byte(fods(null)), 0o644); err != nil {
			t.Fatal(err)
		}
		srcs = append(srcs, p)
	}
	// The template too, to be opened and saved again by LibreOffice.
	tplDir := filepath.Join(dir, "tpl")
	if err := os.Mkdir(tplDir, 0o755); err != nil {
		t.Fatal(err)
	}
	tpl := filepath.Join(tplDir, "template.xlsx")
	if err := inputs.WriteTemplate(tpl, inputs.BuiltInScenario()); err != nil {
		t.Fatal(err)
	}
	srcs = append(srcs, tpl)
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	profile := "file://" + filepath.ToSlash(filepath.Join(dir, "lo-profile"))
	args := append([]string{"-env:UserInstallation=" + profile, "--headless", "--norestore", "--convert-to", "xlsx", "--outdir", dir}, srcs...)
	cmd := exec.CommandContext(ctx, soffice, args...)
	cmd.Env = append(os.Environ(), "HOME="+dir)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("soffice: %v\n%s", err, out)
	}

	csvDir := filepath.Join(dir, "csv")
	if err := os.Mkdir(csvDir, 0o755); err != nil {
		t.Fatal(err)
	}
	for n, body := range typedCSV {
		if err := os.WriteFile(filepath.Join(csvDir, n), []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	fromCSV, csvWarns, err := inputs.Load(csvDir)
	if err != nil {
		t.Fatalf("the CSV files: %v", err)
	}
	for name := range names {
		t.Run(name, func(t *testing.T) {
			p := filepath.Join(dir, name+".xlsx")
			b, err := inputs.Read(p)
			if err != nil {
				t.Fatal(err)
			}
			if want := name == "dates1904"; b.Date1904 != want {
				t.Errorf("Date1904 = %v, want %v", b.Date1904, want)
			}
			s, warns, err := inputs.Decode(b)
			if err != nil {
				t.Fatalf("unexpected errors:\n%v", err)
			}
			if g, w := len(warns), len(csvWarns); g != w || g != 1 {
				t.Errorf("%d warnings (%v), want 1 like the CSV's (%v): the Remarks column", g, warns, csvWarns)
			}
			if g, w := inputs.Dump(s), inputs.Dump(fromCSV); g != w {
				t.Errorf("the workbook reads differently from the CSV files:\ngot:\n%s\nwant:\n%s", g, w)
			}
			if g, w := forecastJSON(t, s), forecastJSON(t, fromCSV); g != w {
				t.Error("the workbook's forecast differs from the CSV files'")
			}
		})
	}
	// The template, saved again by LibreOffice, is still the built-in
	// scenario: a real spreadsheet program reads what carecast writes.
	t.Run("template", func(t *testing.T) {
		s, warns, err := inputs.Load(filepath.Join(dir, "template.xlsx"))
		if err != nil {
			t.Fatalf("unexpected errors:\n%v", err)
		}
		if len(warns) > 0 {
			t.Errorf("unexpected warnings: %v", warns)
		}
		// The template carries the default Risks beside the built-in scenario.
		builtIn := inputs.BuiltInScenario()
		builtIn.Risks = carecast.DefaultRisks()
		if g, w := inputs.Dump(s), inputs.Dump(builtIn); g != w {
			t.Errorf("the template saved by LibreOffice reads differently:\n%s", golden.Diff(g, w))
		}
		if g, w := forecastJSON(t, s), forecastJSON(t, inputs.BuiltInScenario()); g != w {
			t.Error("the template saved by LibreOffice forecasts differently from the built-in scenario")
		}
	})
	// The CSV files themselves, checked by hand: the shares, the formula's
	// pledge, the sub-pound amounts and the UK dates.
	want := []string{
		`council "HAV" "Havering" share 0.5 true`,
		`council "BAD" "Barking and Dagenham" share 0.3 true`,
		"pledge 1 2019-04-01 2022-03-31 650000.00",
		"pledge 2 2020-04-01 2022-03-31 500000.50",
		"occupancy 2 2020-07-15 2",
		"spot 1 2018-10-01 3650.5 0.045",
		"open -1200.00",
	}
	text := inputs.Dump(fromCSV)
	for _, w := range want {
		if !strings.Contains(text, w) {
			t.Errorf("the CSV scenario lacks %q:\n%s", w, text)
		}
	}
}
