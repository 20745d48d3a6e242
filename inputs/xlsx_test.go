package inputs

import (
	"archive/zip"
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/carecast/carecast/internal/golden"
	"github.com/xuri/excelize/v2"
)

// rawSheet is one worksheet of a hand-made workbook: its <sheetData> rows,
// written as the XML a spreadsheet program stores.
type rawSheet struct {
	name string
	rows string
}

// rawWorkbook writes a minimal .xlsx from parts written by hand, so a test
// controls exactly how each cell is stored: number cells (dates are
// numbers), formulas with cached values, shared and inline strings,
// booleans, ISO date cells, gaps between rows, and the 1904 date system.
func rawWorkbook(t testing.TB, date1904 bool, shared []string, sheets ...rawSheet) string {
	t.Helper()
	var buf bytes.Buffer
	z := zip.NewWriter(&buf)
	put := func(name, body string) {
		w, err := z.Create(name)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := io.WriteString(w, body); err != nil {
			t.Fatal(err)
		}
	}
	const ns = `xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"`
	var types, rels, list strings.Builder
	for i, s := range sheets {
		fmt.Fprintf(&types, `<Override PartName="/xl/worksheets/sheet%d.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`, i+1)
		fmt.Fprintf(&rels, `<Relationship Id="rId%d" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet%d.xml"/>`, i+1, i+1)
		fmt.Fprintf(&list, `<sheet name="%s" sheetId="%d" r:id="rId%d"/>`, s.name, i+1, i+1)
		put(fmt.Sprintf("xl/worksheets/sheet%d.xml", i+1), `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet `+ns+`><sheetData>`+s.rows+`</sheetData></worksheet>`)
	}
	put("[Content_Types].xml", `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>`+types.String()+`</Types>`)
	put("_rels/.rels", `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`)
	fmt.Fprintf(&rels, `<Relationship Id="rId%d" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>`, len(sheets)+1)
	put("xl/_rels/workbook.xml.rels", `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">`+rels.String()+`</Relationships>`)
	pr := ""
	if date1904 {
		pr = `<workbookPr date1904="1"/>`
	}
	put("xl/workbook.xml", `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><workbook `+ns+`>`+pr+`<sheets>`+list.String()+`</sheets></workbook>`)
	var sst strings.Builder
	for _, s := range shared {
		fmt.Fprintf(&sst, "<si><t>%s</t></si>", s)
	}
	put("xl/sharedStrings.xml", fmt.Sprintf(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="%d" uniqueCount="%d">%s</sst>`, len(shared), len(shared), sst.String()))
	if err := z.Close(); err != nil {
		t.Fatal(err)
	}
	p := filepath.Join(t.TempDir(), "raw.xlsx")
	if err := os.WriteFile(p, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

// Cell writers for rawWorkbook.
func is(ref, s string) string {
	return fmt.Sprintf(`<c r="%s" t="inlineStr"><is><t>%s</t></is></c>`, ref, s)
}
func num(ref, v string) string { return fmt.Sprintf(`<c r="%s"><v>%s</v></c>`, ref, v) }
func row(n int, cells ...string) string {
	return fmt.Sprintf(`<row r="%d">%s</row>`, n, strings.Join(cells, ""))
}

// baseSheets is baseFiles stored as a spreadsheet program stores it. off is
// subtracted from each date serial (1462 for the 1904 system). The shared
// strings are "£3,000.00" (0) and "A" (1).
func baseSheets(off int) []rawSheet {
	d := func(ref string, serial int) string { return num(ref, fmt.Sprint(serial-off)) }
	const apr19, jan19, apr20, mar21, jun19 = 43556, 43466, 43922, 44286, 43631
	return []rawSheet{
		{"About", row(1, is("A1", "anything at all"))},
		{"Assumptions", row(1, is("A1", "setting"), is("B1", "value")) +
			row(2, is("A2", "scenario"), is("B2", "Test")) +
			row(3, is("A3", "start_date"), d("B3", apr19)) +
			row(4, is("A4", "years"), `<c r="B4"><f>1+1</f><v>2</v></c>`) + // a formula, by its cached value
			row(5, is("A5", "block_weekly_price"), `<c r="B5" t="s"><v>0</v></c>`) + // a shared string
			row(6, is("A6", "occupancy_rate"), num("B6", "0.90000000000000002")) + // a double as Excel writes it
			row(7, is("A7", "settle_at_end"), `<c r="B7" t="b"><v>1</v></c>`)}, // a boolean
		{"councils", row(1, is("A1", "Code"), is("B1", "Name (full)")) +
			row(2, `<c r="A2" t="s"><v>1</v></c>`, is("B2", "Alpha")) +
			row(3, is("A3", "B"), is("B3", "Beta"))},
		{"Pledges", row(1, is("A1", "council"), is("B1", "from"), is("C1", "to"), is("D1", "annual_amount (£ a year)")) +
			row(2, is("A2", "A"), d("B2", apr19), is("C2", "31/03/2021"), `<c r="D2"><f>50000*2</f><v>100000</v></c>`) +
			row(3, is("A3", "Beta"), `<c r="B3" t="d"><v>2019-04-01T00:00:00</v></c>`, d("C3", mar21), is("D3", "£50,000.00"))},
		{"Rooms", row(1, is("A1", "from"), is("B1", "rooms"), is("C1", "comment")) +
			row(2, d("A2", apr19), num("B2", "2"), is("C2", "phase 1")) +
			row(7, d("A7", apr20), num("B7", "3"))}, // blank rows 3 to 6
		{"Occupancy", row(1, is("A1", "council"), is("B1", "from"), is("C1", "rooms_occupied")) +
			row(2, is("A2", "A"), d("B2", apr19), num("C2", "1")) +
			row(3, is("A3", "B"), d("B3", apr19), num("C3", "1")) +
			row(4, is("A4", "B"), d("B4", apr20), num("C4", "1.5"))},
		{"Spot costs", row(1, is("A1", "Council"), is("B1", "From"), is("C1", "Weekly cost (£)"), is("D1", "Annual inflation (%)")) +
			row(2, is("A2", "A"), d("B2", apr19), num("C2", "4000"), num("D2", "0.050000000000000003")) +
			row(3, is("A3", "B"), d("B3", jan19), num("C3", "3800"), is("D3", "5%"))},
		{"Grants", row(1, is("A1", "date"), is("B1", "amount"), is("C1", "description")) +
			row(2, d("A2", jun19), is("B2", "£10,000"), is("C2", "DfE"))},
		{"Costs", row(1, is("A1", "description"), is("B1", "from"), is("C1", "to"), is("D1", "annual_amount")) +
			row(2, is("A2", "Team"), d("B2", apr19), d("C2", mar21), num("D2", "12000"))},
	}
}

// A workbook as spreadsheet programs store it reads as the same scenario
// as the CSV files, in both date systems.
func TestReadXLSXTyped(t *testing.T) {
	for _, c := range []struct {
		name     string
		date1904 bool
		off      int
	}{{"1900 dates", false, 0}, {"1904 dates", true, 1462}} {
		t.Run(c.name, func(t *testing.T) {
			p := rawWorkbook(t, c.date1904, []string{"£3,000.00", "A"}, baseSheets(c.off)...)
			s, warns, err := Load(p)
			if err != nil {
				t.Fatalf("unexpected errors:\n%v", err)
			}
			if len(warns) > 0 {
				t.Errorf("unexpected warnings:\n%s", problems(warns))
			}
			if got := dump(s); got != baseDump {
				t.Errorf("scenario differs:\n%s", golden.Diff(got, baseDump))
			}
		})
	}
}

// Text that looks like a serial number is not a date; a number cell is.
// Locations are sheet and cell, a sheet name with a space quoted.
func TestReadXLSXErrors(t *testing.T) {
	sheets := baseSheets(0)
	for i := range sheets {
		switch sheets[i].name {
		case "Pledges":
			sheets[i].rows = strings.Replace(sheets[i].rows, num("B2", "43556"), is("B2", "43556"), 1)
			sheets[i].rows = strings.Replace(sheets[i].rows, is("D3", "£50,000.00"), `<c r="D3" t="e"><f>1/0</f><v>#DIV/0!</v></c>`, 1)
		case "Spot costs":
			sheets[i].rows = strings.Replace(sheets[i].rows, num("C2", "4000"), num("C2", "-4000"), 1)
		case "Rooms":
			sheets[i].rows += row(8, is("A8", "2021-04-01"), num("B8", "3.5"), is("D8", "x"))
		}
	}
	p := rawWorkbook(t, false, []string{"£3,000.00", "A"}, sheets...)
	_, _, err := Load(p)
	var errs *Errors
	if !errors.As(err, &errs) {
		t.Fatalf("got %v, want *Errors", err)
	}
	want := strings.Join([]string{
		`Pledges!B2: not a date: found "43556"; expected a date such as 2019-04-01 or 01/04/2019`,
		`Pledges!D3: the cell holds the spreadsheet error #DIV/0!; expected an amount in pounds such as 650000 or £650,000.00`,
		`Rooms!B8: rooms not a whole number: found "3.5"; expected a whole number of rooms, 0 or more`,
		`Rooms!A8: from 2021-04-01 is after the last day of the model, 2021-03-31; expected a date on or before it`,
		`'Spot costs'!C2: negative amount: found "-4000"; expected zero or more`,
	}, "\n")
	if got := err.Error(); got != want {
		t.Errorf("got:\n%s\nwant:\n%s", got, want)
	}
}

// Malformed and oversized files are refused with a message, never a panic
// or a hang.
func TestReadXLSXRefuses(t *testing.T) {
	dir := t.TempDir()
	good := filepath.Join(dir, "good.xlsx")
	if err := WriteTemplate(good, BuiltInScenario()); err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile(good)
	if err != nil {
		t.Fatal(err)
	}
	truncated := filepath.Join(dir, "truncated.xlsx")
	if err := os.WriteFile(truncated, data[:len(data)/2], 0o644); err != nil {
		t.Fatal(err)
	}
	// A zip bomb: a sheet that unzips to more than the limit from a
	// file of a few hundred kilobytes.
	bomb := filepath.Join(dir, "bomb.xlsx")
	{
		var buf bytes.Buffer
		z := zip.NewWriter(&buf)
		w, err := z.Create("xl/worksheets/sheet1.xml")
		if err != nil {
			t.Fatal(err)
		}
		if _, err := io.CopyN(w, zeros{}, MaxWorkbookBytes+1); err != nil {
			t.Fatal(err)
		}
		if err := z.Close(); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(bomb, buf.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	// A zip that holds no workbook.
	empty := filepath.Join(dir, "empty.xlsx")
	{
		var buf bytes.Buffer
		z := zip.NewWriter(&buf)
		w, _ := z.Create("hello.txt")
		io.WriteString(w, "hello")
		z.Close()
		if err := os.WriteFile(empty, buf.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	for _, c := range []struct{ path, want string }{
		{truncated, "not an .xlsx workbook (it is not a valid zip archive)"},
		{bomb, "the workbook is too large: unzipped it holds more than the 256 MB carecast reads"},
		{empty, "the workbook is malformed and cannot be read"},
	} {
		t.Run(filepath.Base(c.path), func(t *testing.T) {
			_, _, err := Load(c.path)
			var errs *Errors
			if !errors.As(err, &errs) {
				t.Fatalf("got %v, want *Errors", err)
			}
			if !strings.Contains(err.Error(), c.want) || !strings.HasPrefix(err.Error(), c.path+": ") {
				t.Errorf("got %q, want %q at %s", err.Error(), c.want, c.path)
			}
		})
	}
}

type zeros struct{}

func (zeros) Read(p []byte) (int, error) {
	clear(p)
	return len(p), nil
}

// An analyst's edits to the template, read back with their locations.
func TestTemplateEditedErrors(t *testing.T) {
	p := filepath.Join(t.TempDir(), "inputs.xlsx")
	if err := WriteTemplate(p, BuiltInScenario()); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenFile(p)
	if err != nil {
		t.Fatal(err)
	}
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	must(f.SetSheetName("SpotCosts", "Spot costs"))
	must(f.SetCellValue("Pledges", "D3", -650000))   // Barking and Dagenham's pledge
	must(f.SetCellValue("Rooms", "B3", 24.5))        // not whole rooms
	must(f.SetCellValue("Pledges", "A4", "Hackny"))  // a typo
	must(f.SetCellValue("Spot costs", "B2", "soon")) // not a date
	must(f.SetCellValue("Assumptions", "B3", 43570)) // 2019-04-15
	must(f.SetCellValue("Councils", "D1", "Leader")) // an extra column
	must(f.SetCellValue("Occupancy", "A2", "Havering"))
	must(f.SetCellValue("Occupancy", "B2", 43556))
	must(f.SetCellValue("Occupancy", "C2", 13)) // 12 rooms in the first year
	must(f.Save())
	must(f.Close())
	_, warns, err := Load(p)
	var errs *Errors
	if !errors.As(err, &errs) {
		t.Fatalf("got %v, want *Errors", err)
	}
	want := strings.Join([]string{
		`Assumptions!B3: start_date not the first day of a month: found 2019-04-15; expected the first day of a month, such as 2019-04-01`,
		`Pledges!D3: negative amount: found "-650000"; expected zero or more`,
		`Pledges!A4: unknown council: found "Hackny"; expected the code or name of a council on the Councils sheet (HAV, BAD, COL, HAC, NEW, RED, TOW, WAL); did you mean Hackney?`,
		`Rooms!B3: rooms not a whole number: found "24.5"; expected a whole number of rooms, 0 or more`,
		`'Spot costs'!B2: not a date: found "soon"; expected a date such as 2019-04-01 or 01/04/2019`,
	}, "\n")
	if got := err.Error(); got != want {
		t.Errorf("got:\n%s\nwant:\n%s", got, want)
	}
	if got, want := problems(warns), `Councils!D1: unknown column "Leader", ignored; expected columns code, name, share`; got != want {
		t.Errorf("warnings:\n%s\nwant:\n%s", got, want)
	}
}

// The sheet reader on XML as various programs write it.
func TestParseSheet(t *testing.T) {
	sst := []string{"council", "Havering", "43556"}
	for _, c := range []struct {
		name, xml string
		want      string // header | rows, each cell value/N for a number cell
		err       string
	}{
		{"references omitted",
			`<sheetData><row><c t="s"><v>0</v></c><c><is><t>from</t></is></c></row><row><c t="s"><v>1</v></c><c><v>43556</v></c></row></sheetData>`,
			"1:council,from | 2:Havering,43556/N", ""},
		{"rich and phonetic text",
			`<sheetData><row r="3"><c r="B3" t="inlineStr"><is><r><t>coun</t></r><r><t xml:space="preserve">cil </t></r><rPh><t>x</t></rPh></is></c></row><row r="9"><c r="B9" t="s"><v>2</v></c></row></sheetData>`,
			"3:,council  | 9:,43556", ""},
		{"cells right of the header are dropped",
			`<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>a</t></is></c></row><row r="2"><c r="A2"><v>1</v></c><c r="Z2"><v>2</v></c></row><row r="3"><c r="Z3"><v>2</v></c></row></sheetData>`,
			"1:a | 2:1/N", ""},
		{"types", `<sheetData><row r="1"><c r="A1"><v>1</v></c><c r="E1"><v>5</v></c></row><row r="2"><c r="A2" t="b"><v>1</v></c><c r="B2" t="e"><v>#N/A</v></c><c r="C2" t="str"><f>A1</f><v>12</v></c><c r="D2" t="n"><f>1+1</f><v>2</v></c><c r="E2" t="d"><v>2019-04-01T00:00:00</v></c><c r="F2" s="3"/></row></sheetData>`,
			"1:1,,,,5 | 2:TRUE,#N/A,12,2/N,2019-04-01T00:00:00", ""},
		{"escaped text", `<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>Barking &amp; Dagenham</t></is></c></row></sheetData>`,
			"1:Barking & Dagenham", ""},
		{"bad shared string", `<sheetData><row r="1"><c r="A1" t="s"><v>7</v></c></row></sheetData>`, "", `cell A1 names shared string "7", which does not exist`},
		{"bad row number", `<sheetData><row r="0"><c r="A1"><v>1</v></c></row></sheetData>`, "", `row number "0" is out of range`},
		{"bad reference", `<sheetData><row r="1"><c r="1A"><v>1</v></c></row></sheetData>`, "", `cell reference "1A" is malformed`},
		{"beyond column XFD", `<sheetData><row r="1"><c r="XFE1"><v>1</v></c></row></sheetData>`, "", `cell reference "XFE1" is malformed`},
		{"malformed XML", `<sheetData><row r="1"><c r="A1"><v>1</c></row></sheetData>`, "", "the sheet's XML is malformed"},
	} {
		t.Run(c.name, func(t *testing.T) {
			data := `<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">` + c.xml + `</worksheet>`
			tab, err := parseSheet("S", []byte(data), sst, MaxRows)
			if c.err != "" {
				if err == nil || !strings.Contains(err.Error(), c.err) {
					t.Errorf("error %v, want %q", err, c.err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			show := func(n int, cells []Cell) string {
				var vs []string
				for _, c := range cells {
					v := c.Value
					if c.Number {
						v += "/N"
					}
					vs = append(vs, v)
				}
				return fmt.Sprintf("%d:%s", n, strings.Join(vs, ","))
			}
			var hdr []Cell
			for _, h := range tab.Header {
				hdr = append(hdr, Cell{Value: h})
			}
			parts := []string{show(tab.HeaderRow, hdr)}
			for _, r := range tab.Rows {
				parts = append(parts, show(r.Number, r.Cells))
			}
			if got := strings.Join(parts, " | "); got != c.want {
				t.Errorf("got %q, want %q", got, c.want)
			}
		})
	}
}

// A problem with a whole row of a workbook (no one cell) is located as a
// spreadsheet names a row, Allocations!2:2, which Excel's Name Box goes
// to; "Allocations!2" is no reference at all. A cell stays Sheet!C2 and
// a CSV row allocations.csv:2.
func TestLocWholeRow(t *testing.T) {
	tb := &Table{Name: "Allocations", Header: []string{"council", "from", "rooms"}}
	x := &Book{Kind: XLSX}
	if got := x.Loc(tb, 2, -1); got != "Allocations!2:2" {
		t.Errorf("row: %q, want Allocations!2:2", got)
	}
	if got := x.Loc(tb, 2, 2); got != "Allocations!C2" {
		t.Errorf("cell: %q, want Allocations!C2", got)
	}
	c := &Book{Kind: CSV}
	if got := c.Loc(&Table{Name: "allocations.csv", Header: tb.Header}, 2, -1); got != "allocations.csv:2" {
		t.Errorf("CSV row: %q, want allocations.csv:2", got)
	}
}
