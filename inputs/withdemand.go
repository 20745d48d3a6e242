package inputs

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/carecast/carecast"
	"github.com/shopspring/decimal"
	"github.com/xuri/excelize/v2"
)

// A copy of a scenario with its demand replaced ('carecast demand 903
// --horizon INPUT --out DIR'): the input's own workbook or CSV files, as
// they are, but for three tables. Demand holds the rows given (the
// projection); Occupancy is emptied, since a scenario has Occupancy rows
// or Demand rows, not both (docs/methodology.md §11); Risks holds the
// risks given. The input itself is never written.

// Copy is the copy's content: a workbook, or the files of a CSV folder by
// name.
type Copy struct {
	Workbook []byte
	Files    map[string][]byte
}

// CopyWithDemand copies the scenario s read from input (an .xlsx workbook
// or a folder of CSV files) with its Demand rows, its Occupancy emptied and
// its Risks rows replaced. Councils are named by code.
func CopyWithDemand(input string, s *carecast.Scenario, demand []carecast.DemandRow, risks []carecast.Risk) (*Copy, error) {
	code := func(i int) string { return s.Councils[i].Code }
	demandRows := make([][]any, len(demand))
	for i, d := range demand {
		demandRows[i] = []any{code(d.Council), d.From, d.Placements}
	}
	riskRows := make([][]any, len(risks))
	for i, r := range risks {
		riskRows[i] = []any{r.Factor.String(), r.Distribution.String(), r.Low, r.Mode, r.High}
	}
	fi, err := os.Stat(input)
	if err != nil {
		return nil, err
	}
	replace := map[int][][]any{tDemand: demandRows, tOccupancy: nil, tRisks: riskRows}
	if fi.IsDir() {
		return copyCSV(input, replace)
	}
	return copyXLSX(input, replace)
}

// copyCSV copies every CSV file of the folder, with the tables of replace
// written afresh (their columns as the template's).
func copyCSV(dir string, replace map[int][][]any) (*Copy, error) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil, err
	}
	c := &Copy{Files: map[string][]byte{}}
	for _, e := range entries {
		name := e.Name()
		if e.IsDir() || !strings.EqualFold(filepath.Ext(name), ".csv") {
			continue
		}
		if _, ok := replace[tableFor(name, CSV)]; ok {
			continue
		}
		data, err := readRegular(filepath.Join(dir, name), maxCSVBytes, "too large")
		if err != nil {
			return nil, err
		}
		c.Files[name] = data
	}
	for k, rows := range replace {
		var b bytes.Buffer
		w := csv.NewWriter(&b)
		spec := &tables[k]
		head := make([]string, len(spec.columns))
		for i, col := range spec.columns {
			head[i] = col.name
		}
		w.Write(head)
		for _, row := range rows {
			rec := make([]string, len(row))
			for i, v := range row {
				text, err := csvValue(v)
				if err != nil {
					return nil, err
				}
				rec[i] = text
			}
			w.Write(rec)
		}
		w.Flush()
		if err := w.Error(); err != nil {
			return nil, err
		}
		c.Files[spec.file] = b.Bytes()
	}
	return c, nil
}

// copyXLSX copies the workbook with the tables of replace emptied below
// their header rows and their rows written in, each value under its
// column; a table the workbook lacks is added as a sheet.
func copyXLSX(path string, replace map[int][][]any) (c *Copy, err error) {
	defer func() {
		if r := recover(); r != nil {
			c, err = nil, fmt.Errorf("the workbook cannot be copied: %v", r)
		}
	}()
	b, err := ReadXLSX(path)
	if err != nil {
		return nil, err
	}
	data, err := readRegular(path, MaxWorkbookBytes, "too large")
	if err != nil {
		return nil, err
	}
	f, err := excelize.OpenReader(bytes.NewReader(data), excelize.Options{UnzipSizeLimit: MaxWorkbookBytes, UnzipXMLSizeLimit: MaxWorkbookBytes})
	if err != nil {
		return nil, err
	}
	defer f.Close()
	dateFmt := "dd/mm/yyyy"
	dateStyle, err := f.NewStyle(&excelize.Style{CustomNumFmt: &dateFmt})
	if err != nil {
		return nil, err
	}
	found := map[int]*Table{}
	for i := range b.Tables {
		t := &b.Tables[i]
		if k := tableFor(t.Name, XLSX); k >= 0 {
			if _, ok := replace[k]; ok && found[k] == nil {
				found[k] = t
			}
		}
	}
	for _, k := range []int{tOccupancy, tDemand, tRisks} {
		rows := replace[k]
		spec := &tables[k]
		t := found[k]
		if t == nil && len(rows) == 0 {
			continue
		}
		if err := replaceRows(f, b.Date1904, t, spec, rows, dateStyle); err != nil {
			return nil, err
		}
	}
	var out bytes.Buffer
	if err := f.Write(&out); err != nil {
		return nil, err
	}
	return &Copy{Workbook: out.Bytes()}, nil
}

// replaceRows writes rows into table t of f (nil: a new sheet of spec's,
// its header in row 1), each value in the column of spec's it belongs to
// (a column the sheet lacks is added after the last), once the old rows
// are emptied.
func replaceRows(f *excelize.File, date1904 bool, t *Table, spec *tableSpec, rows [][]any, dateStyle int) error {
	if t == nil {
		// A sheet of its own, its header in row 1.
		if _, err := f.NewSheet(spec.name); err != nil {
			return err
		}
		t = &Table{Name: spec.name, HeaderRow: 1}
		for i, col := range spec.columns {
			t.Header = append(t.Header, col.name)
			cell, _ := excelize.CoordinatesToCellName(i+1, 1)
			if err := f.SetCellValue(spec.name, cell, col.name); err != nil {
				return err
			}
		}
	}
	// Each column of the spec where the sheet has it; a column it
	// lacks is added after the last.
	cols := make([]int, len(spec.columns))
	for i, col := range spec.columns {
		cols[i] = -1
		for j, h := range t.Header {
			if Key(h) == Key(col.name) {
				cols[i] = j
				break
			}
		}
		if cols[i] < 0 {
			cols[i] = len(t.Header)
			t.Header = append(t.Header, col.name)
			cell, _ := excelize.CoordinatesToCellName(cols[i]+1, t.HeaderRow)
			if err := f.SetCellValue(t.Name, cell, col.name); err != nil {
				return err
			}
		}
	}
	// The old rows emptied, cell by cell, keeping the sheet's styles.
	for _, r := range t.Rows {
		for j := range max(len(r.Cells), len(t.Header)) {
			cell, _ := excelize.CoordinatesToCellName(j+1, r.Number)
			if err := f.SetCellValue(t.Name, cell, nil); err != nil {
				return err
			}
		}
	}
	for n, row := range rows {
		for i, v := range row {
			cell, _ := excelize.CoordinatesToCellName(cols[i]+1, t.HeaderRow+1+n)
			switch v := v.(type) {
			case carecast.Date:
				if err := f.SetCellValue(t.Name, cell, SerialFromDate(v, date1904)); err != nil {
					return err
				}
				if err := f.SetCellStyle(t.Name, cell, cell, dateStyle); err != nil {
					return err
				}
			case decimal.Decimal:
				// A number cell: six places or fewer go through
				// float64 and back unchanged.
				if err := f.SetCellValue(t.Name, cell, v.InexactFloat64()); err != nil {
					return err
				}
			default:
				text, err := csvValue(v)
				if err != nil {
					return err
				}
				if err := f.SetCellValue(t.Name, cell, text); err != nil {
					return err
				}
			}
		}
	}
	return nil
}
