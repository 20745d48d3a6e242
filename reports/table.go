package reports

import (
	"github.com/carecast/carecast"
	"github.com/shopspring/decimal"
)

// The report layer, after hledger's reports (Hledger/Reports): a Table is
// one report value, built once from a forecast by a builder (tables.go)
// that does all the arithmetic, the rounding included; the terminal and
// tab-separated writers here, the workbook's value cells and the charts
// page's data tables only render it. A new output table is one builder and
// a call to a renderer; a new way of writing tables is one renderer.
//
// One rounding policy: where a table's figures add up (down a column to
// its total, across a row to its total), the builder rounds them to the
// places shown by controlled rounding (round.go), so that what is shown
// adds up both ways. A figure that adds to nothing (a rate, a balance) is
// kept exact and shown to its places. One formatting policy: Cell.Format.

// Unit is what a figure measures; with its number of places it says how
// the figure is written.
type Unit int

const (
	// UnitText is words: a row's label, a note, or a blank cell.
	UnitText Unit = iota
	// UnitMoney is pounds: to 2 places (pence), 0 (pounds), -3
	// (thousands of pounds, shown as thousands under a heading in £000)
	// or -4 (to £10,000, shown as millions to two places under a heading
	// in £m).
	UnitMoney
	// UnitRoomDays is room-days.
	UnitRoomDays
	// UnitRate is a fraction shown as a percentage: 0.9 at 2 places is
	// "90.00%".
	UnitRate
	// UnitCount is a whole number: rooms, runs.
	UnitCount
	// UnitQuantity is a quantity in a unit of its own (a wider benefit's
	// episodes): shown to its places for a reader, exact for a program.
	UnitQuantity
	// UnitDate is a calendar date.
	UnitDate
)

// Scale is the places money is shown to.
type Scale int

const (
	// Pence: pounds and pence, the default.
	Pence Scale = iota
	// Pounds: whole pounds.
	Pounds
	// Thousands: thousands of pounds (£000).
	Thousands
	// Millions: millions of pounds to two places (£m, "1.23"): to the
	// nearest £10,000.
	Millions
)

// Places is the number of decimal places of pounds the scale shows.
func (s Scale) Places() int32 {
	switch s {
	case Pounds:
		return 0
	case Thousands:
		return -3
	case Millions:
		return -4
	}
	return 2
}

// Options say how a builder rounds its table.
type Options struct {
	// Money is the scale of every amount; Pence by default.
	Money Scale
	// Exact leaves every figure as the forecast has it, for a renderer
	// whose output adds the figures itself (a spreadsheet's formulas):
	// the places then only say how a figure is shown.
	Exact bool
	// Actual names a financial year whose months are actual as such
	// ("2019/20 actual", carecast.Year.Label) in the tables by year that
	// mark them; otherwise a year is named alone ("2019/20").
	Actual bool
}

// yearLabel is a financial year's row label under the options.
func (o Options) yearLabel(y carecast.Year) string {
	if o.Actual {
		return y.Label()
	}
	return y.FY.String()
}

// Column is one column of a table: its heading, the unit and places of
// its figures. The first column holds the rows' labels.
type Column struct {
	Head string
	// Key names the column for a program (tab-separated text) where its
	// heading is for a reader: a sharing rule's setting, "allocated".
	Key    string
	Unit   Unit
	Places int32
}

// UnitText is how a heading states the column's unit: "£", "£000",
// "room-days", "%", or "" for words and counts.
func (c Column) UnitText() string { return unitText(c.Unit, c.Places) }

func unitText(u Unit, places int32) string {
	switch u {
	case UnitMoney:
		if places < -3 {
			return "£m"
		}
		if places < 0 {
			return "£000"
		}
		return "£"
	case UnitRoomDays:
		return "room-days"
	case UnitRate:
		return "%"
	}
	return ""
}

// Cell is one entry of a table: words, or a figure with its unit and
// places. A figure's Value is what the table shows: rounded by the
// builder where the table adds up, else exact (and shown to Places).
type Cell struct {
	Unit   Unit
	Places int32
	Value  decimal.Decimal
	Date   carecast.Date // UnitDate
	Text   string        // UnitText
	// Key names a row for a program, in its label cell: "savings".
	Key string
}

// Row is one row of a table, its label first.
type Row []Cell

// Label is the row's label: its first cell's words.
func (r Row) Label() string {
	if len(r) == 0 {
		return ""
	}
	return r[0].Text
}

// Table is one report: a title, its columns, its rows, the totals under
// them (after a rule) and notes on how to read it.
type Table struct {
	Title   string
	Columns []Column
	Rows    []Row
	Totals  []Row
	Notes   []string
}

// AllRows are the rows and then the totals.
func (t *Table) AllRows() []Row {
	return append(append([]Row(nil), t.Rows...), t.Totals...)
}

// Heads are the columns' headings.
func (t *Table) Heads() []string {
	h := make([]string, len(t.Columns))
	for i, c := range t.Columns {
		h[i] = c.Head
	}
	return h
}

// Text is a cell of words ("" is a blank cell).
func Text(s string) Cell { return Cell{Unit: UnitText, Text: s} }

// Figure is a cell with column c's unit and places.
func (c Column) Figure(v decimal.Decimal) Cell { return Cell{Unit: c.Unit, Places: c.Places, Value: v} }

// MoneyCell is an amount to places.
func MoneyCell(m carecast.Money, places int32) Cell {
	return Cell{Unit: UnitMoney, Places: places, Value: m.Decimal()}
}

// RateCell is a rate shown as a percentage to places.
func RateCell(d decimal.Decimal, places int32) Cell {
	return Cell{Unit: UnitRate, Places: places, Value: d}
}

// RoomDaysCell is room-days to two places.
func RoomDaysCell(d decimal.Decimal) Cell { return Cell{Unit: UnitRoomDays, Places: 2, Value: d} }

// CountCell is a whole number.
func CountCell(n int) Cell { return Cell{Unit: UnitCount, Value: decimal.NewFromInt(int64(n))} }

// DateCell is a date.
func DateCell(d carecast.Date) Cell { return Cell{Unit: UnitDate, Date: d} }

// Style is how a renderer writes figures: for a reader (grouped in
// thousands, negatives in brackets: "(1,234.50)") or, Plain, for a
// program ("-1234.50"); Pound puts a pound sign before money, "£1,234.50".
type Style struct {
	Plain bool
	Pound bool
}

// Reader and Program are the two styles of text: a terminal's and a
// pipe's.
var (
	Reader  = Style{}
	Program = Style{Plain: true}
)

// Format writes the cell in style s: the one formatting policy of every
// text output. Money to its places ("1,234.50"; "1,235" of £000 at -3),
// rates as percentages to their places ("90.00%"), room-days and
// quantities to their places, counts whole, dates as UK dates for a
// reader (01/04/2019) and ISO dates for a program (2019-04-01).
func (c Cell) Format(s Style) string {
	switch c.Unit {
	case UnitMoney:
		return formatMoney(c.Value, c.Places, s)
	case UnitRate:
		return carecast.Percent(c.Value, c.Places)
	case UnitRoomDays:
		return formatNumber(c.Value, c.Places, s)
	case UnitCount:
		return formatNumber(c.Value, 0, s)
	case UnitQuantity:
		if s.Plain {
			return c.Value.String()
		}
		return formatNumber(c.Value, c.Places, s)
	case UnitDate:
		if s.Plain {
			return c.Date.String()
		}
		return c.Date.UK()
	}
	return c.Text
}

// formatNumber is d to places, grouped in thousands for a reader.
func formatNumber(d decimal.Decimal, places int32, s Style) string {
	f := carecast.RoundHalfAway(d, places).StringFixed(places)
	if s.Plain {
		return f
	}
	return carecast.GroupThousands(f)
}

// formatMoney writes pounds to places: below zero places as thousands of
// pounds, whole (-3), or millions to the places left (-4: "1.23").
func formatMoney(d decimal.Decimal, places int32, s Style) string {
	shown := places
	if places < 0 {
		unit := (-places + 2) / 3 * 3 // thousands or millions
		d, shown = d.Shift(-unit), unit+places
	}
	d = carecast.RoundHalfAway(d, shown)
	if s.Plain {
		return d.StringFixed(shown)
	}
	f := carecast.GroupThousands(d.Abs().StringFixed(shown))
	if s.Pound {
		f = "£" + f
	}
	if d.Sign() < 0 {
		return "(" + f + ")"
	}
	return f
}

// Strings is the table as text in style s: the headings, then each row
// and total, every cell formatted.
func (t *Table) Strings(s Style) [][]string {
	out := [][]string{t.Heads()}
	for _, r := range t.AllRows() {
		out = append(out, r.Strings(s))
	}
	return out
}

// Strings are the row's cells formatted in style s.
func (r Row) Strings(s Style) []string {
	out := make([]string, len(r))
	for i, c := range r {
		out[i] = c.Format(s)
	}
	return out
}

// pct is a rate as a percentage to two places, as the tables show rates.
func pct(d decimal.Decimal) string { return carecast.Percent(d, carecast.RatePlaces) }

// Select is a copy of the table with only the columns cols, in that
// order.
func (t *Table) Select(cols ...int) *Table {
	out := &Table{Title: t.Title, Notes: t.Notes}
	for _, j := range cols {
		out.Columns = append(out.Columns, t.Columns[j])
	}
	pick := func(rows []Row) []Row {
		var o []Row
		for _, r := range rows {
			n := make(Row, len(cols))
			for k, j := range cols {
				n[k] = r[j]
			}
			o = append(o, n)
		}
		return o
	}
	out.Rows, out.Totals = pick(t.Rows), pick(t.Totals)
	return out
}

// Transpose is the table turned: a row for each column but the first
// (its label the column's heading, its key the column's key), a column
// for each row and total (its heading the row's label), under a first
// column headed head.
func (t *Table) Transpose(head string) *Table {
	out := &Table{Title: t.Title, Notes: t.Notes, Columns: []Column{label(head)}}
	all := t.AllRows()
	for _, r := range all {
		c := Column{Head: r.Label(), Key: r[0].Key}
		if len(r) > 1 {
			c.Unit, c.Places = r[1].Unit, r[1].Places
		}
		out.Columns = append(out.Columns, c)
	}
	for j := 1; j < len(t.Columns); j++ {
		row := Row{Cell{Unit: UnitText, Text: t.Columns[j].Head, Key: t.Columns[j].Key}}
		for _, r := range all {
			row = append(row, r[j])
		}
		out.Rows = append(out.Rows, row)
	}
	return out
}
