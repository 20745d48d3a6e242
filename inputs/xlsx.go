package inputs

import (
	"archive/zip"
	"errors"
	"fmt"
	"os"
	"strconv"
	"strings"

	"github.com/xuri/excelize/v2"
)

// Limits on a workbook, against zip bombs: excelize's defaults allow 16 GB
// unzipped. A national scenario is a few megabytes.
const (
	// MaxWorkbookBytes bounds the workbook file and everything in it
	// unzipped.
	MaxWorkbookBytes = 256 << 20
	// maxSheetXMLBytes is the largest sheet excelize holds in memory; a
	// larger one is unzipped to a temporary file and streamed.
	maxSheetXMLBytes = 64 << 20
)

// ReadXLSX reads a workbook into a Book: every sheet carecast knows, by
// its stored values (never the displayed text), with each numeric cell
// marked so that a date cell's serial number reads as a date, and the
// workbook's 1904 date system flag. Formula cells read as their cached
// values. Sheets carecast does not know are listed without content.
// A file that is not a workbook, too large, or malformed comes back as
// *Errors with one clear problem; excelize's panics are recovered here.
func ReadXLSX(path string) (b *Book, err error) {
	defer func() {
		if r := recover(); r != nil {
			b, err = nil, oneError(path, fmt.Sprintf("the workbook is malformed and cannot be read (%v); open it in Excel or LibreOffice and save it again as .xlsx", r))
		}
	}()
	fi, err := os.Stat(path)
	if err != nil {
		return nil, fileError(path, err)
	}
	if fi.Size() > MaxWorkbookBytes {
		return nil, oneError(path, fmt.Sprintf("the workbook is too large: %d MB, more than the %d MB carecast reads", fi.Size()>>20, MaxWorkbookBytes>>20))
	}
	f, err := excelize.OpenFile(path, excelize.Options{
		UnzipSizeLimit:    MaxWorkbookBytes,
		UnzipXMLSizeLimit: maxSheetXMLBytes,
		RawCellValue:      true,
		TmpDir:            os.TempDir(),
	})
	if err != nil {
		return nil, oneError(path, openErrorMessage(err))
	}
	defer f.Close()

	b = &Book{Path: path, Kind: XLSX}
	if props, err := f.GetWorkbookProps(); err == nil && props.Date1904 != nil {
		b.Date1904 = *props.Date1904
	}
	var probs []Problem
	for _, name := range f.GetSheetList() {
		if tableFor(name, XLSX) < 0 {
			b.Tables = append(b.Tables, Table{Name: name})
			continue
		}
		t, err := readSheet(f, name)
		if err != nil {
			probs = append(probs, Problem{Loc: name, Msg: fmt.Sprintf("cannot read the sheet: %v", err)})
			continue
		}
		b.Tables = append(b.Tables, t)
	}
	if len(probs) > 0 {
		return b, &Errors{Path: path, Problems: probs}
	}
	return b, nil
}

// openErrorMessage words excelize's reasons for refusing a file.
func openErrorMessage(err error) string {
	switch {
	case errors.Is(err, zip.ErrFormat), errors.Is(err, zip.ErrAlgorithm), errors.Is(err, zip.ErrChecksum):
		return "not an .xlsx workbook (it is not a valid zip archive); save it from Excel or LibreOffice as an Excel workbook (.xlsx)"
	case errors.Is(err, excelize.ErrWorkbookFileFormat):
		return "not an .xlsx workbook: an old .xls file or a password-protected workbook; save it as an Excel workbook (.xlsx) without a password"
	case errors.Is(err, excelize.ErrWorkbookPassword):
		return "the workbook is password protected; save a copy without a password"
	case strings.Contains(err.Error(), "unzip size exceeds"):
		return fmt.Sprintf("the workbook is too large: unzipped it holds more than the %d MB carecast reads", MaxWorkbookBytes>>20)
	}
	return fmt.Sprintf("the workbook is malformed and cannot be read (%v); open it in Excel or LibreOffice and save it again as .xlsx", err)
}

// readSheet reads one sheet's stored values. Rows are streamed first, and
// only then is each cell that looks like a number asked its type, which
// makes excelize load the sheet: a text cell holding "43556" is text, a
// number cell holding it is a date serial in a date column.
func readSheet(f *excelize.File, name string) (Table, error) {
	rows, err := f.GetRows(name, excelize.Options{RawCellValue: true})
	if err != nil {
		return Table{}, err
	}
	t := Table{Name: name}
	for i, rec := range rows {
		row := Row{Number: i + 1, Cells: make([]Cell, len(rec))}
		for j, v := range rec {
			row.Cells[j] = Cell{Value: v}
		}
		if row.Blank() {
			continue
		}
		if t.Header == nil {
			t.HeaderRow = row.Number
			t.Header = rec
			continue
		}
		for j := range row.Cells {
			c := &row.Cells[j]
			if !looksNumeric(c.Value) {
				continue
			}
			ref, err := excelize.CoordinatesToCellName(j+1, row.Number)
			if err != nil {
				return Table{}, err
			}
			typ, err := f.GetCellType(name, ref)
			if err != nil {
				return Table{}, err
			}
			c.Number = typ == excelize.CellTypeUnset || typ == excelize.CellTypeNumber
		}
		t.Rows = append(t.Rows, row)
	}
	return t, nil
}

// looksNumeric reports whether a stored value could be a number cell's.
func looksNumeric(v string) bool {
	if v == "" {
		return false
	}
	_, err := strconv.ParseFloat(v, 64)
	return err == nil
}
