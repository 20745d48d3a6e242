// Package inputstest makes hostile input files for the tests and
// benchmarks of carecast's readers.
package inputstest

import (
	"archive/zip"
	"bytes"
	"io"
	"strings"

	"github.com/xuri/excelize/v2"
)

// NestedWorkbook returns an .xlsx workbook whose Rooms sheet is depth
// elements nested one in another, <x><x>...</x></x>, inside its sheetData:
// a few bytes of zip for each thousand levels, and a parser that keeps a
// stack of open elements (or builds a tree) pays for every one.
func NestedWorkbook(depth int) ([]byte, error) {
	f := excelize.NewFile()
	if err := f.SetSheetName("Sheet1", "Rooms"); err != nil {
		return nil, err
	}
	var base bytes.Buffer
	if err := f.Write(&base); err != nil {
		return nil, err
	}
	zr, err := zip.NewReader(bytes.NewReader(base.Bytes()), int64(base.Len()))
	if err != nil {
		return nil, err
	}
	var out bytes.Buffer
	zw := zip.NewWriter(&out)
	for _, part := range zr.File {
		w, err := zw.CreateHeader(&zip.FileHeader{Name: part.Name, Method: zip.Deflate})
		if err != nil {
			return nil, err
		}
		if part.Name == "xl/worksheets/sheet1.xml" {
			if err := nested(w, depth); err != nil {
				return nil, err
			}
			continue
		}
		rc, err := part.Open()
		if err != nil {
			return nil, err
		}
		_, err = io.Copy(w, rc)
		rc.Close()
		if err != nil {
			return nil, err
		}
	}
	if err := zw.Close(); err != nil {
		return nil, err
	}
	return out.Bytes(), nil
}

func nested(w io.Writer, depth int) error {
	const chunk = 4096
	write := func(s string, n int) error {
		block := strings.Repeat(s, chunk)
		for ; n >= chunk; n -= chunk {
			if _, err := io.WriteString(w, block); err != nil {
				return err
			}
		}
		_, err := io.WriteString(w, strings.Repeat(s, n))
		return err
	}
	if _, err := io.WriteString(w, `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>`); err != nil {
		return err
	}
	if err := write("<x>", depth); err != nil {
		return err
	}
	if err := write("</x>", depth); err != nil {
		return err
	}
	_, err := io.WriteString(w, `</sheetData></worksheet>`)
	return err
}
