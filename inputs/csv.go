package inputs

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"unicode/utf8"
)

// maxCSVBytes bounds what a CSV folder may hold in the tables carecast
// reads: far above any real scenario (a national one is a few megabytes),
// far below what would exhaust memory.
const maxCSVBytes = 256 << 20

// ReadCSVFolder reads a folder of CSV files, one table a file (docs/methodology.md §2):
// assumptions.csv, councils.csv and so on, names matched as sheet names are.
// Files that are not .csv are ignored; a .csv file that is no table is
// listed without content, for Decode to warn about. Problems that stop a
// file being read (not UTF-8, a broken quote) come back as *Errors.
func ReadCSVFolder(dir string) (*Book, error) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil, fileError(dir, err)
	}
	b := &Book{Path: dir, Kind: CSV}
	var probs []Problem
	var total int64
	rows := 0 // table rows read so far, against MaxRows
	names := make([]string, 0, len(entries))
	for _, e := range entries {
		if !e.IsDir() && strings.EqualFold(filepath.Ext(e.Name()), ".csv") {
			names = append(names, e.Name())
		}
	}
	sort.Strings(names)
	for _, name := range names {
		if tableFor(name, CSV) < 0 {
			b.Tables = append(b.Tables, Table{Name: name})
			continue
		}
		p := filepath.Join(dir, name)
		tooLarge := fmt.Sprintf("too large: the tables of a folder may hold at most %d MB", maxCSVBytes>>20)
		data, err := readRegular(p, maxCSVBytes-total, tooLarge)
		if err != nil {
			var re *readError
			if errors.As(err, &re) {
				probs = append(probs, Problem{Loc: name, Msg: re.msg})
				if re.msg == tooLarge {
					break
				}
				continue
			}
			probs = append(probs, Problem{Loc: name, Msg: fmt.Sprintf("cannot read: %v", err)})
			continue
		}
		total += int64(len(data))
		// A line a row, less the header: counted before the rows are read.
		if lines := bytes.Count(data, []byte{'\n'}); rows+lines-1 > MaxRows {
			probs = append(probs, Problem{Loc: name, Msg: tooManyRows(rows + lines - 1)})
			b.Tables = append(b.Tables, Table{Name: name}) // unread, but named
			break
		}
		t, tp := ReadCSV(name, data)
		rows += len(t.Rows)
		probs = append(probs, tp...)
		b.Tables = append(b.Tables, t)
	}
	if len(probs) > 0 {
		return b, &Errors{Path: dir, Problems: probs}
	}
	return b, nil
}

// ReadCSV reads one CSV file's bytes into a Table named name: the first
// non-blank record is the header, blank records are skipped, and each row
// keeps the line number it starts on. The text must be UTF-8, with or
// without a byte-order mark. Problems that stop the reading come back
// located at their line; the rows read before them are kept.
func ReadCSV(name string, data []byte) (Table, []Problem) {
	t := Table{Name: name}
	switch {
	case bytes.HasPrefix(data, []byte{0xFF, 0xFE}) || bytes.HasPrefix(data, []byte{0xFE, 0xFF}):
		return t, []Problem{{Loc: name, Msg: "the file is UTF-16 text; save it as CSV UTF-8 (comma delimited)"}}
	}
	data = bytes.TrimPrefix(data, []byte("\uFEFF"))
	if !utf8.Valid(data) {
		line := 1 + bytes.Count(data[:firstInvalid(data)], []byte("\n"))
		return t, []Problem{{Loc: fmt.Sprintf("%s:%d", name, line), Msg: "not UTF-8 text; save the file as CSV UTF-8 (comma delimited)"}}
	}
	// One row a line at most: sized once, a file of millions of rows is
	// not copied as it grows.
	t.Rows = make([]Row, 0, bytes.Count(data, []byte{'\n'})+1)
	r := csv.NewReader(bytes.NewReader(data))
	r.FieldsPerRecord = -1
	r.ReuseRecord = false
	for {
		rec, err := r.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			var pe *csv.ParseError
			if errors.As(err, &pe) {
				return t, []Problem{{Loc: fmt.Sprintf("%s:%d", name, pe.Line), Msg: fmt.Sprintf("malformed CSV: %v; the rest of the file was not read", pe.Err)}}
			}
			return t, []Problem{{Loc: name, Msg: fmt.Sprintf("malformed CSV: %v", err)}}
		}
		line, _ := r.FieldPos(0)
		cells := make([]Cell, len(rec))
		for i, v := range rec {
			cells[i] = Cell{Value: v}
		}
		row := Row{Number: line, Cells: cells}
		if row.Blank() {
			continue
		}
		if t.Header == nil {
			t.HeaderRow = line
			t.Header = rec
			continue
		}
		t.Rows = append(t.Rows, row)
	}
	return t, nil
}

// firstInvalid is the offset of the first byte that is not UTF-8.
func firstInvalid(b []byte) int {
	for i := 0; i < len(b); {
		r, n := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && n <= 1 {
			return i
		}
		i += n
	}
	return len(b)
}
