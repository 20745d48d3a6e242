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
	"github.com/shopspring/decimal"
)

// TemplateCSV returns the template as a CSV folder's files, by file name:
// the tables of the template workbook (Template), each with the same
// header (units in brackets) and rows, one file a table. Dates are written
// 2019-04-01 and numbers exactly as held, so that reading the folder gives
// back the scenario it was written from.
func TemplateCSV(s *carecast.Scenario) (map[string][]byte, error) {
	files := make(map[string][]byte, nTables)
	values := settingValues(s.Assumptions)
	var settingRows [][]any
	for _, st := range settings {
		settingRows = append(settingRows, []any{st.key, values[st.key], st.unit, st.note})
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

// WriteTemplateCSV writes the template as a folder of CSV files, dir, which
// must not exist or be empty unless force is set. The files are written
// into a temporary folder beside dir first; a new dir is that folder
// renamed into place, so it appears whole or not at all, and into an
// existing dir each file is renamed over its namesake.
func WriteTemplateCSV(dir string, s *carecast.Scenario, force bool) error {
	files, err := TemplateCSV(s)
	if err != nil {
		return err
	}
	entries, err := os.ReadDir(dir)
	exists := err == nil
	switch {
	case err != nil && !errors.Is(err, os.ErrNotExist):
		return err
	case exists && len(entries) > 0 && !force:
		return ErrFolderNotEmpty
	}
	clean := filepath.Clean(dir)
	tmp, err := os.MkdirTemp(filepath.Dir(clean), "."+filepath.Base(clean)+".tmp-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(tmp) // nothing left once renamed
	for _, k := range tables {
		if err := os.WriteFile(filepath.Join(tmp, k.file), files[k.file], 0o644); err != nil {
			return err
		}
	}
	if !exists {
		if err := os.Chmod(tmp, 0o755); err != nil {
			return err
		}
		return os.Rename(tmp, clean)
	}
	for _, k := range tables {
		if err := os.Rename(filepath.Join(tmp, k.file), filepath.Join(clean, k.file)); err != nil {
			return err
		}
	}
	return nil
}
