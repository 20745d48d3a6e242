package reports

import (
	"fmt"
	"io"
	"regexp"
	"strings"
	"unicode/utf8"

	"github.com/carecast/carecast"
)

// The text renderers of tables: aligned for a terminal, tab-separated for
// a program. They hold no arithmetic: every figure is the table's, written
// by Cell.Format.

// WriteSummary writes the headline figures and aligned tables by financial
// year and by council, for a terminal.
func WriteSummary(w io.Writer, r *carecast.Result) error {
	a := r.Scenario.Assumptions
	ew := &errWriter{w: w}
	fmt.Fprintf(ew, "%s\n", carecast.Printable(a.Scenario))
	fmt.Fprintf(ew, "%s to %s (%d years), %d councils. Amounts in £, negatives in brackets.\n",
		r.Start.Long(), r.End.Long(), a.Years, len(r.Councils))
	if line := ActualsLine(r); line != "" {
		fmt.Fprintln(ew, line)
	}
	fmt.Fprintln(ew)
	writeKeyValues(ew, Headline(r), Style{Pound: true})
	fmt.Fprintln(ew, "\nBy financial year")
	writeText(ew, ByYear(r, Options{}), true)
	fmt.Fprintln(ew, "\nBy council")
	writeText(ew, ByCouncil(r, Options{}), true)
	if len(r.Scenario.Demand) > 0 {
		t := Overflow(r, Options{})
		fmt.Fprintf(ew, "\n%s\n", t.Title)
		writeText(ew, t, false)
	}
	if t := Wider(r, Options{}); t != nil {
		fmt.Fprintf(ew, "\n%s\n", t.Title)
		writeText(ew, t, false)
	}
	return ew.err
}

// WriteTSV writes the same figures as tab-separated text for other
// programs: plain numbers in pounds and pence, one table after another,
// each after a line naming it.
func WriteTSV(w io.Writer, r *carecast.Result) error {
	ew := &errWriter{w: w}
	fmt.Fprintln(ew, "# summary")
	fmt.Fprintf(ew, "scenario\t%s\n", tsvField(r.Scenario.Assumptions.Scenario))
	fmt.Fprintf(ew, "start\t%s\nend\t%s\n", r.Start, r.End)
	if !r.AsAt.IsZero() {
		fmt.Fprintf(ew, "as_at\t%s\nactual_months\t%d\n", r.AsAt, r.ActualMonths())
	}
	for _, row := range Headline(r).Rows {
		fmt.Fprintf(ew, "%s\t%s\n", strings.TrimSpace(row.Label()), row[1].Format(Program))
	}
	tables := []struct {
		name string
		t    *Table
	}{{"financial years", ByYear(r, Options{})}, {"councils", ByCouncil(r, Options{})}}
	if len(r.Scenario.Demand) > 0 {
		tables = append(tables, struct {
			name string
			t    *Table
		}{"overflow", Overflow(r, Options{})})
	}
	if t := Wider(r, Options{}); t != nil {
		tables = append(tables, struct {
			name string
			t    *Table
		}{"wider benefits (not cash)", t})
	}
	for _, tb := range tables {
		fmt.Fprintf(ew, "\n# %s\n", tb.name)
		writeTableTSV(ew, tb.t)
	}
	return ew.err
}

// writeKeyValues writes a table of label and value as indented lines,
// the values aligned: the headline figures.
func writeKeyValues(w io.Writer, t *Table, s Style) {
	width := 0
	for _, r := range t.Rows {
		width = max(width, utf8.RuneCountInString(r.Label()))
	}
	for _, r := range t.Rows {
		fmt.Fprintf(w, "  %-*s  %s\n", width, r.Label(), r[1].Format(s))
	}
}

// writeText writes t as an aligned table for a terminal, its headings
// wrapped to its figures' widths when wrap.
func writeText(w io.Writer, t *Table, wrap bool) {
	alignedTable(w, t.Strings(Reader), len(t.Totals), wrap)
}

// writeTableTSV writes t as tab-separated text: the headings (a column's
// key where it has one), then every row and total.
func writeTableTSV(w io.Writer, t *Table) {
	rows := t.Strings(Program)
	for j, c := range t.Columns {
		if c.Key != "" {
			rows[0][j] = c.Key
		}
	}
	writeTSV(w, rows)
}

func writeTSV(w io.Writer, rows [][]string) {
	for _, row := range rows {
		fields := make([]string, len(row))
		for i, c := range row {
			fields[i] = tsvField(c)
		}
		fmt.Fprintln(w, strings.Join(fields, "\t"))
	}
}

// tsvField makes a value safe as one field of tab-separated text that may
// be opened in a spreadsheet. A value starting with =, +, -, @, tab or
// carriage return that is not a number would be read as a formula
// (OWASP's "CSV injection": =HYPERLINK(...) or a DDE call), so it gets a
// single quote in front, which spreadsheets take as "text". Control
// characters are shown escaped (carecast.Printable), so a value stays on
// one line and in one field and cannot drive a terminal.
func tsvField(s string) string {
	if s != "" && strings.ContainsRune("=+-@\t\r", rune(s[0])) && !numeric.MatchString(s) {
		s = "'" + s
	}
	return carecast.Printable(s)
}

// numeric is a plain or formatted number: -1,234.56, +0.03, 12%, 1e-05.
var numeric = regexp.MustCompile(`^[-+]?(\d[\d,]*(\.\d*)?|\.\d+)([eE][-+]?\d+)?%?$`)

// writeAligned writes rows as a table for a terminal: the first column
// left-aligned, the others right-aligned, a rule under the headings.
func writeAligned(w io.Writer, rows [][]string) { alignedTable(w, rows, 0, false) }

// alignedTable writes rows (the headings first) for a terminal: the first
// column left-aligned, the others right-aligned, a rule under the
// headings and another over the last totals rows. With wrap each heading
// is wrapped at its spaces to the width of its column's figures, so that
// the long names of figures do not widen the table.
func alignedTable(w io.Writer, rows [][]string, totals int, wrap bool) {
	rows = printableRows(rows)
	width := func(s string) int { return utf8.RuneCountInString(s) }
	widths := make([]int, len(rows[0]))
	for r, row := range rows {
		for i, c := range row {
			switch {
			case r > 0 || !wrap:
				widths[i] = max(widths[i], width(c))
			default: // a heading that wraps is as wide as its longest word
				for _, word := range headingWords(c) {
					widths[i] = max(widths[i], width(word))
				}
			}
		}
	}
	headings := [][]string{rows[0]}
	if wrap {
		headings = wrapHeadings(rows[0], widths)
	}
	line := func(row []string) {
		var b strings.Builder
		for i, c := range row {
			pad := strings.Repeat(" ", widths[i]-width(c))
			if i == 0 {
				b.WriteString(c + pad)
			} else {
				b.WriteString("  " + pad + c)
			}
		}
		fmt.Fprintln(w, strings.TrimRight(b.String(), " "))
	}
	rule := func() {
		total := 0
		for _, n := range widths {
			total += n + 2
		}
		fmt.Fprintln(w, strings.Repeat("-", total-2))
	}
	for _, h := range headings {
		line(h)
	}
	rule()
	for i, row := range rows[1:] {
		if totals > 0 && i == len(rows)-1-totals {
			rule()
		}
		line(row)
	}
}

// headingWords splits a heading at its spaces, keeping a part in
// brackets whole: "Void cost (empty rooms)" is "Void", "cost", "(empty
// rooms)".
func headingWords(h string) []string {
	var words []string
	depth, start := 0, -1
	for i, r := range h {
		switch {
		case r == ' ' && depth == 0:
			if start >= 0 {
				words = append(words, h[start:i])
				start = -1
			}
			continue
		case r == '(':
			depth++
		case r == ')' && depth > 0:
			depth--
		}
		if start < 0 {
			start = i
		}
	}
	if start >= 0 {
		words = append(words, h[start:])
	}
	return words
}

// wrapHeadings breaks each heading at its spaces into lines no wider than
// its column, and returns the lines of the headings row by row, each
// heading's last line on the last row.
func wrapHeadings(heads []string, widths []int) [][]string {
	lines := make([][]string, len(heads))
	most := 1
	for i, h := range heads {
		var cur string
		for _, word := range headingWords(h) {
			switch {
			case cur == "":
				cur = word
			case utf8.RuneCountInString(cur)+1+utf8.RuneCountInString(word) <= widths[i]:
				cur += " " + word
			default:
				lines[i] = append(lines[i], cur)
				cur = word
			}
		}
		lines[i] = append(lines[i], cur)
		most = max(most, len(lines[i]))
	}
	out := make([][]string, most)
	for r := range out {
		out[r] = make([]string, len(heads))
		for i, l := range lines {
			if k := r - (most - len(l)); k >= 0 {
				out[r][i] = l[k]
			}
		}
	}
	return out
}

// printableRows is rows with every cell through carecast.Printable.
func printableRows(rows [][]string) [][]string {
	out := make([][]string, len(rows))
	for i, row := range rows {
		out[i] = make([]string, len(row))
		for j, c := range row {
			out[i][j] = carecast.Printable(c)
		}
	}
	return out
}

// errWriter remembers the first write error.
type errWriter struct {
	w   io.Writer
	err error
}

func (e *errWriter) Write(p []byte) (int, error) {
	if e.err != nil {
		return 0, e.err
	}
	n, err := e.w.Write(p)
	e.err = err
	return n, err
}

// ActualsLine says, for a forecast with an as-at date, that its figures
// are actuals to date and the forecast after (docs/methodology.md §15):
// "Actuals to 30 November 2020 (20 months), forecast after."; "" without
// one.
func ActualsLine(r *carecast.Result) string {
	if r.AsAt.IsZero() {
		return ""
	}
	n := r.ActualMonths()
	months := "months"
	if n == 1 {
		months = "month"
	}
	return fmt.Sprintf("Actuals to %s (%d actual %s), forecast after.", r.AsAt.Long(), n, months)
}
