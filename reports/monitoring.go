package reports

import (
	"encoding/json"
	"fmt"
	"io"

	"github.com/carecast/carecast"
	"github.com/shopspring/decimal"
)

// A monitoring report (docs/methodology.md §18) as tables, text and JSON:
// the builders make each table once, with its rounding, for the terminal,
// the tab-separated text, the workbook and the report to the partners'
// board.

// MonitoringJSON is 'carecast monitor --json' (docs/methodology.md §18).
type MonitoringJSON struct {
	Scenario     string               `json:"scenario"`
	AsAt         carecast.Date        `json:"as_at"`
	Year         string               `json:"year"`
	BudgetSource string               `json:"budget_source"`
	Lines        []MonitoringLineJSON `json:"lines"`
	Explained    []MonitoringSpotJSON `json:"spot_avoided_explained"`
}

// MonitoringLineJSON is one line: null where a figure is undefined (no
// budget: no percentage or rating; no previous report: no movement).
type MonitoringLineJSON struct {
	Scope          string          `json:"scope"`
	Council        *string         `json:"council"`
	Line           string          `json:"line"`
	Budget         carecast.Money  `json:"budget"`
	BudgetToDate   carecast.Money  `json:"budget_to_date"`
	ActualToDate   carecast.Money  `json:"actual_to_date"`
	VarianceToDate carecast.Money  `json:"variance_to_date"`
	Outturn        carecast.Money  `json:"outturn"`
	Variance       carecast.Money  `json:"variance"`
	VariancePct    *json.Number    `json:"variance_pct"`
	RAG            *string         `json:"rag"`
	Movement       *carecast.Money `json:"movement"`
}

// MonitoringSpotJSON is the spot purchasing avoided to date explained for
// the consortium (council null) or a council.
type MonitoringSpotJSON struct {
	Council *string        `json:"council"`
	Volume  carecast.Money `json:"volume"`
	Price   carecast.Money `json:"price"`
}

// NewMonitoringJSON builds the JSON of a monitoring report.
func NewMonitoringJSON(m *carecast.Monitoring) *MonitoringJSON {
	j := &MonitoringJSON{Scenario: m.Scenario, AsAt: m.AsAt, Year: m.Year.String(), BudgetSource: m.BudgetSource,
		Lines: []MonitoringLineJSON{}, Explained: []MonitoringSpotJSON{}}
	code := func(c int) *string {
		if c < 0 {
			return nil
		}
		s := m.Councils[c].Code
		return &s
	}
	for _, v := range m.Lines {
		l := MonitoringLineJSON{Scope: v.Scope.String(), Council: code(v.Council), Line: v.Line.Key(),
			Budget: v.Budget, BudgetToDate: v.BudgetToDate, ActualToDate: v.ActualToDate, VarianceToDate: v.VarianceToDate,
			Outturn: v.Outturn, Variance: v.Variance}
		if v.PctDefined {
			n := json.Number(v.Pct.String())
			l.VariancePct = &n
			r := v.RAG.String()
			l.RAG = &r
		}
		if v.HasMovement {
			mv := v.Movement
			l.Movement = &mv
		}
		j.Lines = append(j.Lines, l)
	}
	for _, e := range m.Explained {
		j.Explained = append(j.Explained, MonitoringSpotJSON{Council: code(e.Council), Volume: e.Volume, Price: e.Price})
	}
	return j
}

// WriteMonitoringJSON writes 'carecast monitor --json'.
func WriteMonitoringJSON(w io.Writer, m *carecast.Monitoring) error {
	return writeJSON(w, NewMonitoringJSON(m))
}

// monitoringColumns are the columns of a table of monitoring lines after
// first (the lines' or the councils' names): the money at opt's scale,
// the percentage to pctPlaces, the rating and whether the variance is
// favourable in words, and the movement when there is a previous report.
func monitoringColumns(m *carecast.Monitoring, first Column, opt Options, pctPlaces int32) []Column {
	money := func(head, key string) Column { c := opt.money(head); c.Key = key; return c }
	cols := []Column{first,
		money(carecast.LabelBudget, "budget"), money(carecast.LabelBudgetToDate, "budget_to_date"),
		money(carecast.LabelActualToDate, "actual_to_date"), money(carecast.LabelVarianceToDate, "variance_to_date"),
		money(carecast.LabelOutturn, "outturn"), money(carecast.LabelVariance, "variance"),
		{Head: carecast.LabelVariancePct, Key: "variance_pct", Unit: UnitRate, Places: pctPlaces},
		{Head: carecast.LabelRAG, Key: "rag", Unit: UnitText},
		{Head: carecast.LabelFavour, Key: "favour", Unit: UnitText}}
	if !m.PreviousAsAt.IsZero() {
		cols = append(cols, money(carecast.LabelMovement, "movement"))
	}
	return cols
}

// The columns of a monitoring table, from 1.
const (
	monBudget = 1 + iota
	monBudgetToDate
	monActualToDate
	monVarianceToDate
	monOutturn
	monVariance
	monPct
	monRAG
	monFavour
	monMovement
)

// monitoringRow is a line's row: its label, then its figures in
// monitoringColumns' order.
func monitoringRow(t *Table, label string, v *carecast.Variance) Row {
	cols := t.Columns
	r := Row{Text(label)}
	for _, x := range []carecast.Money{v.Budget, v.BudgetToDate, v.ActualToDate, v.VarianceToDate, v.Outturn, v.Variance} {
		r = append(r, cols[len(r)].Figure(x.Decimal()))
	}
	if v.PctDefined {
		r = append(r, cols[monPct].Figure(v.Pct))
	} else {
		r = append(r, Text("-"))
	}
	r = append(r, Text(v.RAG.Word()), Text(v.Favour().String()))
	if len(cols) > monMovement {
		if v.HasMovement {
			r = append(r, cols[monMovement].Figure(v.Movement.Decimal()))
		} else {
			r = append(r, Text("-"))
		}
	}
	r[0].Key = v.Line.Key()
	return r
}

// roundPair rounds a row's pair of figures (a budget and its variance) to
// the table's places so that they add up to the third (the outturn) as
// shown: the outturn rounded once, the pair shared out to it by the
// largest remainder. Money in pence is left as it is.
func roundPair(r Row, a, b, sum int) {
	places := r[sum].Places
	parts := apportion([]decimal.Decimal{r[a].Value, r[b].Value}, r[sum].Value, places)
	r[a].Value, r[b].Value = parts[0], parts[1]
	r[sum].Value = carecast.RoundHalfAway(r[sum].Value, places)
}

// roundMovement rounds the movement on its own: it adds to nothing shown.
func roundMovement(t *Table, rows []Row) {
	if len(t.Columns) <= monMovement {
		return
	}
	for _, r := range rows {
		if r[monMovement].Unit == UnitMoney {
			r[monMovement].Value = carecast.RoundHalfAway(r[monMovement].Value, r[monMovement].Places)
		}
	}
}

// MonitoringLines is the lines of council c (-1: the consortium) for the
// scope: a row a line, each with its budget, the months to date, the
// outturn and their variances, the percentage, the rating, whether it is
// favourable and the movement since the previous report. Rounded to £000,
// each row's budget and variance add up to its outturn as shown, and its
// budget to date and variance to date to its actual to date.
func MonitoringLines(m *carecast.Monitoring, scope carecast.Scope, c int, opt Options) *Table {
	t := &Table{Title: monitoringTitle(m, scope, m.CouncilLabel(c)),
		Columns: monitoringColumns(m, Column{Head: carecast.LabelLine, Key: "line", Unit: UnitText}, opt, pctPlaces(opt))}
	for _, line := range carecast.MonitorLines() {
		if c >= 0 && !line.Council() {
			continue
		}
		label := line.Label()
		if c >= 0 {
			label = line.CouncilLabel()
		}
		t.Rows = append(t.Rows, monitoringRow(t, label, m.Find(scope, c, line)))
	}
	if !opt.Exact && opt.Money != Pence {
		for _, r := range t.Rows {
			roundPair(r, monBudget, monVariance, monOutturn)
			roundPair(r, monBudgetToDate, monVarianceToDate, monActualToDate)
		}
		roundMovement(t, t.Rows)
	}
	t.Notes = monitoringNotes(m, scope)
	return t
}

// MonitoringByCouncil is one line of the councils (CouncilMonitorLines)
// for the scope, a row a council, the consortium's as the total: the
// councils add up to it. Rounded to £000 it adds up both ways as shown
// (controlled rounding): down each column to the total, and across each
// row, budget and variance to the outturn, budget to date and variance to
// date to the actual to date.
func MonitoringByCouncil(m *carecast.Monitoring, scope carecast.Scope, line carecast.MonitorLine, opt Options) *Table {
	t := &Table{Title: monitoringTitle(m, scope, line.CouncilLabel()+" by council"),
		Columns: monitoringColumns(m, Column{Head: carecast.LabelCouncil, Key: "council", Unit: UnitText}, opt, pctPlaces(opt))}
	for c := range m.Councils {
		r := monitoringRow(t, m.Councils[c].Label(), m.Find(scope, c, line))
		r[0].Key = m.Councils[c].Code
		t.Rows = append(t.Rows, r)
	}
	total := monitoringRow(t, carecast.LabelConsortium, m.Find(scope, -1, line))
	total[0].Key = ""
	t.Totals = []Row{total}
	if !opt.Exact && opt.Money != Pence && len(t.Rows) > 0 {
		gridPair(t, monBudget, monVariance, monOutturn)
		gridPair(t, monBudgetToDate, monVarianceToDate, monActualToDate)
		if len(t.Columns) > monMovement {
			every := true
			for _, r := range t.AllRows() {
				every = every && r[monMovement].Unit == UnitMoney
			}
			if every {
				t.roundColumn(monMovement)
			} else {
				roundMovement(t, t.AllRows())
			}
		}
	}
	t.Notes = monitoringNotes(m, scope)
	return t
}

// gridPair rounds two columns a and b of the rows by controlled rounding,
// each row's pair adding up to its column sum, and the columns to the
// total row; sum holds each row's a + b.
func gridPair(t *Table, a, b, sum int) {
	places := t.Columns[a].Places
	x := make([][]decimal.Decimal, len(t.Rows))
	for i, r := range t.Rows {
		x[i] = []decimal.Decimal{r[a].Value, r[b].Value}
	}
	cells, cols := roundTable(x, places)
	for i, r := range t.Rows {
		r[a].Value, r[b].Value = cells[i][0], cells[i][1]
		r[sum].Value = cells[i][0].Add(cells[i][1])
	}
	tot := t.Totals[0]
	tot[a].Value, tot[b].Value = cols[0], cols[1]
	tot[sum].Value = cols[0].Add(cols[1])
}

// pctPlaces is the places of a percentage: two in pence, one in £000.
func pctPlaces(opt Options) int32 {
	if opt.Money == Thousands {
		return 1
	}
	return 2
}

// monitoringTitle is a table's title: "2020/21: the consortium", "Whole
// horizon: Savings by council".
func monitoringTitle(m *carecast.Monitoring, scope carecast.Scope, what string) string {
	if what == carecast.LabelConsortium {
		what = "the consortium"
	}
	if scope == carecast.ScopeHorizon {
		return fmt.Sprintf("%s, %s to %s: %s", carecast.LabelWholeHorizon, m.Start.FinancialYear(), m.End.FinancialYear(), what)
	}
	return fmt.Sprintf("%s: %s", m.Year, what)
}

// monitoringNotes say how to read a table of lines.
func monitoringNotes(m *carecast.Monitoring, scope carecast.Scope) []string {
	return []string{fmt.Sprintf("To date: the months to %s. RAG: %s.", m.AsAt.Long(), m.Thresholds)}
}

// MonitoringExplained is the spot purchasing avoided to date in the year
// explained as volume and price, a row a council, the consortium's the
// total: room-days budgeted and actual, the variance, its volume and its
// price. Rounded to £000, each row's volume and price add up to its
// variance as shown, and the columns to the total; the room-days to
// hundredths add up to theirs.
func MonitoringExplained(m *carecast.Monitoring, opt Options) *Table {
	money := func(head, key string) Column { c := opt.money(head); c.Key = key; return c }
	days := func(head, key string) Column { c := roomDays(head); c.Key = key; return c }
	t := &Table{Title: fmt.Sprintf("%s to %s in %s, explained", carecast.LabelSpotAvoided, m.AsAt.Long(), m.Year),
		Columns: []Column{{Head: carecast.LabelCouncil, Key: "council", Unit: UnitText},
			days(carecast.LabelDaysBudgeted, "budget_room_days"), days(carecast.LabelDaysActual, "actual_room_days"),
			money(carecast.LabelBudgetToDate, "budget_to_date"), money(carecast.LabelActualToDate, "actual_to_date"),
			money(carecast.LabelVarianceToDate, "variance_to_date"),
			money(carecast.LabelVolume, "volume"), money(carecast.LabelPrice, "price")},
		Notes: []string{"Volume: the room-days more or fewer than budgeted, at the budget's price a room-day; " +
			"price: the room-days used, at the difference between the actual and the budget's price a room-day. " +
			"Volume and price add up to the variance. The consortium's are the councils' added up."}}
	row := func(e carecast.SpotExplained) Row {
		r := Row{Text(m.CouncilLabel(e.Council))}
		r[0].Key = m.CouncilCode(e.Council)
		for j, v := range []decimal.Decimal{e.BudgetDays, e.ActualDays, e.BudgetSpot.Decimal(), e.ActualSpot.Decimal(),
			e.Variance().Decimal(), e.Volume.Decimal(), e.Price.Decimal()} {
			r = append(r, t.Columns[1+j].Figure(v))
		}
		return r
	}
	for _, e := range m.Explained[1:] {
		t.Rows = append(t.Rows, row(e))
	}
	t.Totals = []Row{row(m.Explained[0])}
	if !opt.Exact && len(t.Rows) > 0 {
		t.roundColumn(1)
		t.roundColumn(2)
		if opt.Money != Pence {
			t.roundColumn(3)
			t.roundColumn(4)
			// The variance is the volume plus the price, as shown.
			x := make([][]decimal.Decimal, len(t.Rows))
			for i, r := range t.Rows {
				x[i] = []decimal.Decimal{r[6].Value, r[7].Value}
			}
			cells, cols := roundTable(x, t.Columns[6].Places)
			for i, r := range t.Rows {
				r[6].Value, r[7].Value = cells[i][0], cells[i][1]
				r[5].Value = cells[i][0].Add(cells[i][1])
			}
			tot := t.Totals[0]
			tot[6].Value, tot[7].Value, tot[5].Value = cols[0], cols[1], cols[0].Add(cols[1])
		}
	}
	return t
}

// monitoringTables are the report's tables in reading order: for the
// year, then the whole horizon, the consortium's lines and each of the
// councils' lines by council; then the spot purchasing avoided explained.
func monitoringTables(m *carecast.Monitoring, opt Options) []*Table {
	var ts []*Table
	for _, scope := range []carecast.Scope{carecast.ScopeYear, carecast.ScopeHorizon} {
		ts = append(ts, MonitoringLines(m, scope, -1, opt))
		for _, line := range carecast.CouncilMonitorLines() {
			ts = append(ts, MonitoringByCouncil(m, scope, line, opt))
		}
	}
	return append(ts, MonitoringExplained(m, opt))
}

// MonitoringHeading says what a report is: the as-at date, the year and
// how far into it, the actual months, the budget, and how to read the
// figures.
func MonitoringHeading(m *carecast.Monitoring) []string {
	budget := "the plan (this input forecast without its Actuals rows)"
	if m.BudgetSource != "plan" {
		budget = "frozen in " + carecast.Printable(m.BudgetSource)
	}
	inYear := 0
	for _, mo := range m.Outturn.Months {
		if mo.Start.FinancialYear() == m.Year && !mo.End().After(m.AsAt) {
			inYear++
		}
	}
	lines := []string{
		fmt.Sprintf("Monitoring as at %s: %s, month %d of 12; month %d of the scheme's %d, %d of them actual.",
			m.AsAt.Long(), m.Year, inYear, m.MonthsToDate(), len(m.Outturn.Months), m.ActualMonths()),
		carecast.LabelBudget + ": " + budget + ". Forecast outturn: actual to date and the forecast to the end.",
		"Amounts in £, negatives in brackets. A variance is signed as its figure (more cost is positive); the column after the RAG says whether it is favourable.",
		carecast.LabelRAG + ": " + m.Thresholds.String() + ".",
	}
	if !m.PreviousAsAt.IsZero() {
		lines = append(lines, "Movement: the change in the forecast outturn since the report as at "+m.PreviousAsAt.Long()+".")
	}
	return lines
}

// WriteMonitoring writes a monitoring report for a terminal: what it is,
// then each table aligned, the favourable and adverse named in words.
func WriteMonitoring(w io.Writer, m *carecast.Monitoring) error {
	ew := &errWriter{w: w}
	fmt.Fprintln(ew, carecast.Printable(m.Scenario))
	for _, l := range MonitoringHeading(m) {
		fmt.Fprintln(ew, l)
	}
	for _, t := range monitoringTables(m, Options{}) {
		fmt.Fprintf(ew, "\n%s\n", carecast.Printable(t.Title))
		writeText(ew, t, true)
	}
	return ew.err
}

// WriteMonitoringTSV writes a monitoring report as tab-separated text for
// other programs: every line as the JSON has it (scope, council code,
// line), then the spot purchasing avoided explained.
func WriteMonitoringTSV(w io.Writer, m *carecast.Monitoring) error {
	ew := &errWriter{w: w}
	fmt.Fprintln(ew, "# monitoring")
	fmt.Fprintf(ew, "scenario\t%s\nas_at\t%s\nyear\t%s\nbudget_source\t%s\n", tsvField(m.Scenario), m.AsAt, m.Year, tsvField(m.BudgetSource))
	fmt.Fprintln(ew, "\n# lines")
	heads := []string{"scope", "council", "line", "budget", "budget_to_date", "actual_to_date", "variance_to_date",
		"outturn", "variance", "variance_pct", "rag", "favour", "movement"}
	rows := [][]string{heads}
	for _, v := range m.Lines {
		pct, rag, mv := "", "", ""
		if v.PctDefined {
			pct, rag = v.Pct.String(), v.RAG.String()
		}
		if v.HasMovement {
			mv = v.Movement.String()
		}
		rows = append(rows, []string{v.Scope.String(), m.CouncilCode(v.Council), v.Line.Key(),
			v.Budget.String(), v.BudgetToDate.String(), v.ActualToDate.String(), v.VarianceToDate.String(),
			v.Outturn.String(), v.Variance.String(), pct, rag, v.Favour().String(), mv})
	}
	writeTSV(ew, rows)
	fmt.Fprintln(ew, "\n# spot_avoided_explained")
	writeTableTSV(ew, MonitoringExplained(m, Options{}))
	return ew.err
}

// MonitoringCash is each council's cash and cost since the scheme began,
// to the as-at date: its opening position in the fund (when the fund
// opened with a balance), what it has paid in, less the cost attributed to
// it, its position in the fund at the as-at date, the position the budget
// had for that date and the difference; the consortium's the total, the
// fund. Rounded to £000 it adds up both ways as shown: opening, paid in
// and cost to the position, each column to the total, and the budget and
// the difference to the position.
func MonitoringCash(m *carecast.Monitoring, opt Options) *Table {
	money := func(head, key string) Column { c := opt.money(head); c.Key = key; return c }
	opening := !m.Outturn.OpeningFund.IsZero()
	cols := []Column{{Head: carecast.LabelCouncil, Key: "council", Unit: UnitText}}
	if opening {
		cols = append(cols, money(carecast.LabelOpeningPosition, "opening_position"))
	}
	cols = append(cols, money("Paid in to date", "pledges"), money("Less cost attributed to date", "attributed_cost"),
		money("Position at "+m.AsAt.UK(), "position"), money("Budgeted position", "budget_position"), money(carecast.LabelVariance, "variance"))
	t := &Table{Title: fmt.Sprintf("Cash paid in against cost attributed, %s to %s", m.Start.Long(), m.AsAt.Long()), Columns: cols,
		Notes: []string{"A council's position is what it has paid into the fund less the cost attributed to it" +
			map[bool]string{true: ", after its share of the opening balance", false: ""}[opening] +
			": positive, the fund holds money of the council's; negative, the council owes the fund. The positions add up to the fund's balance."}}
	row := func(c int) Row {
		r := Row{Text(m.CouncilLabel(c))}
		r[0].Key = m.CouncilCode(c)
		var figs []carecast.Money
		if opening {
			figs = append(figs, m.Outturn.Opening(c))
		}
		pos := m.Find(carecast.ScopeHorizon, c, carecast.LineClosingFund)
		figs = append(figs, m.Find(carecast.ScopeHorizon, c, carecast.LinePledges).ActualToDate,
			m.Find(carecast.ScopeHorizon, c, carecast.LineAttributedCost).ActualToDate.Neg(),
			pos.ActualToDate, pos.BudgetToDate, pos.VarianceToDate)
		for _, x := range figs {
			r = append(r, t.Columns[len(r)].Figure(x.Decimal()))
		}
		return r
	}
	for c := range m.Councils {
		t.Rows = append(t.Rows, row(c))
	}
	t.Totals = []Row{row(-1)}
	if !opt.Exact && opt.Money != Pence && len(t.Rows) > 0 {
		n := len(cols)
		t.roundGrid(1, n-4, n-3)
		t.roundColumn(n - 2)
		for _, r := range t.AllRows() {
			r[n-1].Value = r[n-3].Value.Sub(r[n-2].Value)
		}
	}
	return t
}
