package workbook

import "github.com/xuri/excelize/v2"

// rowWriter gathers one row's cells and writes them to a stream, reusing
// its buffers. A sheet written top to bottom uses end, which writes the
// row at the writer's current row and moves down; a write that fails is
// kept (err) and every later one does nothing, so a sheet writer checks
// for an error once, at its end. A sheet laid out at fixed rows uses endAt.
type rowWriter struct {
	sw    *excelize.StreamWriter
	st    *styles
	cells []excelize.Cell
	vals  []interface{}
	used  []bool
	max   int
	row   int   // the row end writes next, from 1
	err   error // the first failed write
	// lastRow is the last row written; blocks are the [first, last] rows
	// that a page break must not cut (see block); finish, when set, is
	// told both before the stream is flushed (book.finishPage).
	lastRow int
	blocks  [][2]int
	finish  func(sw *excelize.StreamWriter, blocks [][2]int, lastRow int) error
	// shade, when set, marks the columns (shade[col-1]) whose cells are
	// shaded as an actual month's (styles.shaded).
	shade []bool
}

// rowWriter is a row writer for a sheet of this book: closing it puts the
// sheet's page breaks in.
func (b *book) rowWriter(sw *excelize.StreamWriter, width int) *rowWriter {
	w := newRowWriter(sw, b.st, width)
	w.finish = b.finishPage
	return w
}

// block writes rows through write as one block that printing keeps on one
// page (when it fits one).
func (w *rowWriter) block(write func()) {
	first := w.row
	write()
	if w.row > first {
		w.blocks = append(w.blocks, [2]int{first, w.row - 1})
	}
}

func newRowWriter(sw *excelize.StreamWriter, st *styles, width int) *rowWriter {
	return &rowWriter{sw: sw, st: st, row: 1,
		cells: make([]excelize.Cell, width), vals: make([]interface{}, width), used: make([]bool, width)}
}

func (w *rowWriter) grow(col int) {
	for len(w.cells) < col {
		w.cells = append(w.cells, excelize.Cell{})
		w.vals = append(w.vals, nil)
		w.used = append(w.used, false)
	}
	if col > w.max {
		w.max = col
	}
}

// cell sets column col (1-based) to a number, with its formula if any.
func (w *rowWriter) cell(col, style int, formula string, v float64) {
	w.grow(col)
	w.cells[col-1] = excelize.Cell{StyleID: style, Formula: formula, Value: v}
	w.used[col-1] = true
}

// any sets column col to any value excelize writes (a string, a bool).
func (w *rowWriter) any(col, style int, formula string, v interface{}) {
	w.grow(col)
	w.cells[col-1] = excelize.Cell{StyleID: style, Formula: formula, Value: v}
	w.used[col-1] = true
}

// str sets column col to a string in the given style; "" leaves it empty.
func (w *rowWriter) str(col, style int, s string) {
	if s == "" {
		return
	}
	w.any(col, style, "", s)
}

// text sets a label in the style of role r.
func (w *rowWriter) text(col int, s string, r role) {
	if s == "" {
		return
	}
	w.any(col, w.st.id(r, fmtGeneral), "", s)
}

// end writes the row gathered as the current row, with excelize's row
// options if any (a height), and moves to the next row. After a failed
// write it only moves on.
func (w *rowWriter) end(opts ...excelize.RowOpts) {
	err := w.flushOpts(w.row, opts...)
	if w.err == nil {
		w.err = err
	}
	w.row++
}

// endAt is end for the row numbered r; the next row is r+1.
func (w *rowWriter) endAt(r int, opts ...excelize.RowOpts) {
	w.row = r
	w.end(opts...)
}

// close flushes the stream, or returns the first failed write.
func (w *rowWriter) close() error {
	if w.err != nil {
		return w.err
	}
	if w.finish != nil {
		if err := w.finish(w.sw, w.blocks, w.lastRow); err != nil {
			return err
		}
	}
	return w.sw.Flush()
}

// headings writes a row of column headings as row r, tall enough for a
// heading that wraps to two lines.
func (w *rowWriter) headings(r int, hs ...string) {
	for i, h := range hs {
		w.text(i+1, h, roleHeading)
	}
	w.endAt(r, tallRow)
}

// skip leaves n rows empty.
func (w *rowWriter) skip(n int) { w.row += n }

// flushOpts writes the row gathered as row number r, with excelize's row
// options (a height), and clears it. It writes nothing after a failed write.
func (w *rowWriter) flushOpts(r int, opts ...excelize.RowOpts) error {
	if w.max == 0 {
		return nil
	}
	for i := 0; i < w.max; i++ {
		if w.used[i] {
			if i < len(w.shade) && w.shade[i] {
				w.cells[i].StyleID = w.st.shaded(w.cells[i].StyleID)
			}
			w.vals[i] = &w.cells[i]
		} else {
			w.vals[i] = nil
		}
	}
	var err error
	if w.err == nil {
		err = w.sw.SetRow("A"+itoa(r), w.vals[:w.max], opts...)
	}
	w.lastRow = max(w.lastRow, r)
	for i := 0; i < w.max; i++ {
		w.used[i] = false
		w.vals[i] = nil
	}
	w.max = 0
	return err
}
