package workbook

import (
	"strings"

	"github.com/xuri/excelize/v2"
)

// The workbook's formulas are written from references, not by joining
// column letters and row numbers: a ref names a cell or a range, on this
// sheet or another, with $ where it is absolute; fn writes a function of
// its arguments.

// ref is a cell (c2 == 0) or a range of cells, columns and rows from 1.
type ref struct {
	sheet          string // "" for the sheet the formula is on
	c1, r1, c2, r2 int
	absCol, absRow bool
}

// cell is the cell in column col of row row: C12.
func cell(col, row int) ref { return ref{c1: col, r1: row} }

// rangeOf is the range from (c1, r1) to (c2, r2): C12:D19.
func rangeOf(c1, r1, c2, r2 int) ref { return ref{c1: c1, r1: r1, c2: c2, r2: r2} }

// column is rows first..last of column col: C12:C19.
func column(col, first, last int) ref { return rangeOf(col, first, col, last) }

// row is columns first..last of row r: C12:K12.
func row(r, first, last int) ref { return rangeOf(first, r, last, r) }

// on is the reference from another sheet: Summary!C12.
func (r ref) on(sheet string) ref { r.sheet = sheet; return r }

// abs makes the reference absolute: $C$12.
func (r ref) abs() ref { r.absCol, r.absRow = true, true; return r }

// fixCol fixes its columns ($C12), fixRow its rows (C$12).
func (r ref) fixCol() ref { r.absCol = true; return r }
func (r ref) fixRow() ref { r.absRow = true; return r }

func (r ref) String() string {
	var b strings.Builder
	if r.sheet != "" {
		b.WriteString(sheetRef(r.sheet))
	}
	corner := func(c, rw int) {
		if r.absCol {
			b.WriteByte('$')
		}
		name, _ := excelize.ColumnNumberToName(c)
		b.WriteString(name)
		if r.absRow {
			b.WriteByte('$')
		}
		b.WriteString(itoa(rw))
	}
	corner(r.c1, r.r1)
	if r.c2 > 0 {
		b.WriteByte(':')
		corner(r.c2, r.r2)
	}
	return b.String()
}

// fn is a function of its arguments: fn("SUM", column(3, 12, 19)) is
// SUM(C12:C19).
func fn(name string, args ...any) string {
	var b strings.Builder
	b.WriteString(name)
	b.WriteByte('(')
	for i, a := range args {
		if i > 0 {
			b.WriteByte(',')
		}
		switch a := a.(type) {
		case ref:
			b.WriteString(a.String())
		case string:
			b.WriteString(a)
		}
	}
	b.WriteByte(')')
	return b.String()
}
