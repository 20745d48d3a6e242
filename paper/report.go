package paper

import "github.com/carecast/carecast/reports"

// The paper's tables of figures come from the report layer (package
// reports): a builder there makes each table, its totals and its rounding
// included, from the forecast; these two functions only lay it out as a
// paper's table, with a title, column widths and a summary for assistive
// technology.

// fromReport is a table of the report layer as a paper's table: a column's
// heading states its unit ("Savings (£)"), figures are right-aligned and
// written as a reader reads them ("(1,234.50)").
func fromReport(t *reports.Table, widths []int, summary string) *Table {
	pt := &Table{Title: t.Title, Widths: widths, Summary: summary}
	for _, c := range t.Columns {
		h := c.Head
		if c.Unit == reports.UnitMoney {
			h += " (" + c.UnitText() + ")"
		}
		pt.Header = append(pt.Header, h)
		pt.Right = append(pt.Right, c.Unit != reports.UnitText)
	}
	for _, r := range t.Rows {
		pt.Rows = append(pt.Rows, r.Strings(reports.Reader))
	}
	for _, r := range t.Totals {
		pt.Totals = append(pt.Totals, r.Strings(reports.Reader))
	}
	return pt
}

// gridFromReport lays out a table by financial year, as a council's
// budget tables are: with at most ten years, turned, one column a year and
// the total last, its lines (the table's columns) as rows, the last
// totals of them in bold, its unit ("£000") heading the lines; with more,
// one row a year as the table has them.
func gridFromReport(t *reports.Table, totals int) *Table {
	if len(t.Rows) > 10 {
		pt := fromReport(t, nil, "")
		pt.Header = t.Heads()
		return pt
	}
	tt := t.Transpose(t.Columns[1].UnitText())
	pt := fromReport(tt, []int{28}, "")
	pt.Header = tt.Heads()
	for range t.AllRows() {
		pt.Widths = append(pt.Widths, 9)
	}
	n := len(pt.Rows) - totals
	pt.Rows, pt.Totals = pt.Rows[:n], pt.Rows[n:]
	return pt
}
