// Package inputs reads scenarios: a workbook (xlsx) or a folder of CSV files
// laid out as docs/methodology.md §2 says, and the built-in scenario. Both readers turn
// their file into a Book of Tables; one validation path (Decode) turns a Book
// into a carecast.Scenario, or into every problem found, each located at its
// sheet and cell.
package inputs

import (
	"fmt"
	"strings"

	"github.com/carecast/carecast"
)

// Kind says what a Book was read from, which decides how a location is
// written.
type Kind int

const (
	// XLSX locations are written Sheet!B7 (a whole row Sheet!7:7).
	XLSX Kind = iota
	// CSV locations are written pledges.csv:7: column to.
	CSV
	// BuiltIn is the scenario compiled into carecast.
	BuiltIn
)

// Book is an input read but not yet validated: one Table per sheet or file.
type Book struct {
	Path     string // the file or folder read, for messages
	Kind     Kind
	Date1904 bool // xlsx only: serial dates count from 1904-01-01
	Tables   []Table
	// Digests are the SHA-256 of the files read (Read fills them in).
	Digests []carecast.Digest
}

// Table is one sheet (or CSV file): a header row and the rows below it.
type Table struct {
	Name      string // the sheet or file name as found, e.g. "Spot costs" or "spotcosts.csv"
	HeaderRow int    // 1-based row (line) number of the header
	Header    []string
	Rows      []Row // blank rows already skipped
	// Hidden is true for a workbook sheet hidden from view: carecast reads
	// it all the same, and Decode warns that it did.
	Hidden bool
}

// Row is one row of a table.
type Row struct {
	Number int    // 1-based row (line) number in the sheet or file
	Cells  []Cell // by column, aligned with Table.Header (may be shorter)
}

// Cell is one value as stored, never as displayed.
type Cell struct {
	// Value is the stored value: for a number cell its digits exactly as
	// stored ("0.035", "43556", "650000"); for a text cell the text. A date
	// cell is a number cell holding its serial day number. A formula cell is
	// its cached value.
	Value string
	// Number is true for a numeric (or date) cell of a workbook. CSV cells
	// are all text.
	Number bool
}

// Cell returns the cell of row r in column col (an empty text cell where
// the row is short).
func (r Row) Cell(col int) Cell {
	if col < 0 || col >= len(r.Cells) {
		return Cell{}
	}
	return r.Cells[col]
}

// Blank reports whether every cell of the row is empty or white space.
func (r Row) Blank() bool {
	for _, c := range r.Cells {
		if strings.TrimSpace(c.Value) != "" {
			return false
		}
	}
	return true
}

// ColumnName is the spreadsheet letter(s) of a 0-based column: 0 is A, 27 is AB.
func ColumnName(col int) string {
	s := ""
	for col >= 0 {
		s = string(rune('A'+col%26)) + s
		col = col/26 - 1
	}
	return s
}

// Loc locates a cell for a message: Sheet!B7 for a workbook, or
// pledges.csv:7: column to for a CSV file. col < 0 locates the whole row;
// row < 1 the whole sheet.
func (b *Book) Loc(t *Table, row, col int) string {
	switch b.Kind {
	case CSV:
		switch {
		case row < 1:
			return t.Name
		case col < 0 || col >= len(t.Header):
			return fmt.Sprintf("%s:%d", t.Name, row)
		default:
			return fmt.Sprintf("%s:%d: column %s", t.Name, row, strings.TrimSpace(t.Header[col]))
		}
	default:
		switch {
		case row < 1:
			return t.Name
		case col < 0:
			return fmt.Sprintf("%s!%d:%d", sheetRef(t.Name), row, row) // a whole row, as a spreadsheet names it
		default:
			return fmt.Sprintf("%s!%s%d", sheetRef(t.Name), ColumnName(col), row)
		}
	}
}

// sheetRef quotes a sheet name the way a spreadsheet formula does when it
// holds anything but letters, digits and underscores.
func sheetRef(name string) string {
	for _, r := range name {
		if !(r == '_' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9') {
			return "'" + strings.ReplaceAll(name, "'", "''") + "'"
		}
	}
	return name
}
