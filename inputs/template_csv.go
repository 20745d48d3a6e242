package inputs

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"

	"github.com/carecast/carecast"
	"github.com/carecast/carecast/internal/atomicfile"
	"github.com/shopspring/decimal"
)

// TemplateCSV returns the template as a CSV folder's files, by file name:
// the tables of the template workbook (Template), each with the same
// header (units in brackets) and rows, one file a table. Dates are written
// 2019-04-01 and numbers exactly as held, so that reading the folder gives
// back the scenario it was written from.
func TemplateCSV(s *carecast.Scenario) (map[string][]byte, error) {
	files := make(map[string][]byte, nTables)
	var settingRows [][]any
	for _, st := range carecast.Settings() {
		settingRows = append(settingRows, []any{st.Key, templateValue(&st, s.Assumptions), st.Unit, st.Note})
	}
	rows := tableRows(s)
	rows[tAssumptions] = settingRows
	for k := range tables {
		spec := &tables[k]
		var header []string
		for _, c := range spec.columns {
			h := c.name
			if c.unit != "" {
				h += " (" + c.unit + ")"
			}
			header = append(header, h)
		}
		switch k {
		case tAssumptions:
			header = append(header, "unit", "notes")
		case tRisks:
			header = append(header, "unit", "notes")
		}
		var buf bytes.Buffer
		w := csv.NewWriter(&buf)
		if err := w.Write(header); err != nil {
			return nil, err
		}
		for _, row := range rows[k] {
			rec := make([]string, len(row))
			for i, v := range row {
				text, err := csvValue(v)
				if err != nil {
					return nil, fmt.Errorf("%s: %w", spec.file, err)
				}
				rec[i] = text
			}
			if err := w.Write(rec); err != nil {
				return nil, err
			}
		}
		w.Flush()
		if err := w.Error(); err != nil {
			return nil, err
		}
		files[spec.file] = buf.Bytes()
	}
	return files, nil
}

// csvValue writes one template value as CSV text.
func csvValue(v any) (string, error) {
	switch v := v.(type) {
	case nil:
		return "", nil
	case string:
		return v, nil
	case int:
		return strconv.Itoa(v), nil
	case carecast.Date:
		if v.IsZero() {
			return "", nil
		}
		return v.String(), nil
	case decimal.Decimal:
		return v.String(), nil
	case carecast.Money:
		return v.String(), nil
	}
	return "", fmt.Errorf("template: cannot write %T", v)
}

// ErrFolderNotEmpty says a template folder already holds files.
var ErrFolderNotEmpty = errors.New("folder is not empty")

// WriteTemplateCSV writes the template as a folder of CSV files, dir
// (made if need be), which must not hold any file unless force is set.
// Every file is written to a temporary file first (atomicfile) and the
// files are renamed into place only once all are written, so a failure
// while writing leaves the folder as it was.
func WriteTemplateCSV(dir string, s *carecast.Scenario, force bool) error {
	files, err := TemplateCSV(s)
	if err != nil {
		return err
	}
	entries, err := os.ReadDir(dir)
	switch {
	case errors.Is(err, os.ErrNotExist):
		if err := os.MkdirAll(dir, 0o755); err != nil {
			return err
		}
	case err != nil:
		return err
	case len(entries) > 0 && !force:
		return ErrFolderNotEmpty
	}
	var pending []*atomicfile.File
	abort := func() {
		for _, f := range pending {
			f.Abort()
		}
	}
	for _, k := range tables {
		f, err := atomicfile.Create(filepath.Join(dir, k.file))
		if err != nil {
			abort()
			return err
		}
		pending = append(pending, f)
		if _, err := f.Write(files[k.file]); err != nil {
			abort()
			return err
		}
	}
	for i, f := range pending {
		if err := f.Commit(); err != nil {
			abort() // the rest; Abort after Commit does nothing
			return fmt.Errorf("%s: %w (%d of %d files written)", f.Path(), err, i, len(pending))
		}
	}
	return nil
}
