package monitor

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
	gotime "time"

	"github.com/carecast/carecast"
	"github.com/shopspring/decimal"
)

// maxFileBytes bounds a budget or a previous report read: a forecast of
// 1,000 councils over 30 years month by month is under 200 MB.
const maxFileBytes = 256 << 20

// maxProblems is how many problems of a file are listed.
const maxProblems = 20

// FileError is a budget or previous report that cannot be used: every
// problem found, each located in the file.
type FileError struct {
	Path     string
	Problems []string
}

func (e *FileError) Error() string {
	return strings.Join(e.Problems, "\n")
}

// problems gathers a file's problems, each located.
type problems struct {
	path string
	list []string
}

func (p *problems) add(where, format string, args ...any) {
	if len(p.list) == maxProblems {
		p.list = append(p.list, fmt.Sprintf("%s: and more problems, not listed", p.path))
	}
	if len(p.list) > maxProblems {
		return
	}
	at := p.path
	if where != "" {
		at += ": " + where
	}
	p.list = append(p.list, at+": "+fmt.Sprintf(format, args...))
}

func (p *problems) err() error {
	if len(p.list) == 0 {
		return nil
	}
	return &FileError{Path: p.path, Problems: p.list}
}

// readJSON decodes a file of at most maxFileBytes into v.
func readJSON(path string, v any) error {
	f, err := os.Open(path)
	if err != nil {
		return &FileError{Path: path, Problems: []string{fmt.Sprintf("%s: %v", path, errors.Unwrap(err))}}
	}
	defer f.Close()
	dec := json.NewDecoder(io.LimitReader(f, maxFileBytes+1))
	dec.UseNumber()
	if err := dec.Decode(v); err != nil {
		what := err.Error()
		var se *json.SyntaxError
		if errors.As(err, &se) {
			what = fmt.Sprintf("not JSON at byte %d: %v", se.Offset, se)
		} else if errors.Is(err, io.ErrUnexpectedEOF) {
			what = "not JSON: it ends before its last value is closed"
		}
		return &FileError{Path: path, Problems: []string{fmt.Sprintf("%s: %s", path, what)}}
	}
	return nil
}

// ReadBaseline reads a budget frozen as 'carecast forecast --json
// --monthly' wrote it, for the councils of the scenario monitored (by
// code, in its order) over its months (from start, n of them). Every
// problem is reported at once, located by the month and the field.
func ReadBaseline(path string, councils []carecast.Council, start carecast.Date, n int) (*carecast.MonitorSeries, error) {
	var raw struct {
		Months []map[string]json.RawMessage `json:"months"`
	}
	if err := readJSON(path, &raw); err != nil {
		return nil, err
	}
	p := &problems{path: path}
	if raw.Months == nil {
		p.add("", `no "months": expected the output of 'carecast forecast --json --monthly'`)
		return nil, p.err()
	}
	if len(raw.Months) != n {
		p.add("months", "%d months; expected %d, the scenario's months from %s", len(raw.Months), n, monthText(start))
	}
	index := map[string]int{}
	for i, c := range councils {
		index[c.Code] = i
	}
	s := &carecast.MonitorSeries{Source: path, OpeningPositions: make([]carecast.Money, len(councils))}
	for _, c := range councils {
		s.Councils = append(s.Councils, c.Code)
	}
	for i := 0; i < min(n, len(raw.Months)); i++ {
		want := start.AddMonths(i)
		mm := carecast.MonitorMonth{Start: want, Councils: make([]carecast.LineFigures, len(councils)),
			CouncilsOccupied: make([]decimal.Decimal, len(councils))}
		where := fmt.Sprintf("months[%d]", i)
		fields := raw.Months[i]
		var month string
		if err := json.Unmarshal(fields["month"], &month); err != nil || month != monthText(want) {
			p.add(where, "month %s; expected %q", string(fields["month"]), monthText(want))
		}
		if a, ok := fields["actual"]; ok {
			if err := json.Unmarshal(a, &mm.Actual); err != nil {
				p.add(where, "actual %s; expected true or false", string(a))
			}
		}
		for _, l := range carecast.MonitorLines() {
			key := l.Key()
			if l == carecast.LineClosingFund {
				key = "fund_balance"
			}
			mm.Consortium[l] = money(p, where, fields, key)
		}
		mm.Occupied = number(p, where, fields, "occupied_room_days")
		baselineCouncils(p, where, fields, councils, index, &mm)
		s.Months = append(s.Months, mm)
	}
	if err := p.err(); err != nil {
		return nil, err
	}
	// The opening balances: the first month's closing less its movement.
	m0 := s.Months[0]
	c0 := m0.Consortium
	s.OpeningFund = c0[carecast.LineClosingFund].Sub(c0[carecast.LinePledges].Add(c0[carecast.LineGrants]).
		Sub(c0[carecast.LineBlockCost]).Sub(c0[carecast.LineOtherCosts]))
	for c := range councils {
		f := m0.Councils[c]
		s.OpeningPositions[c] = f[carecast.LineClosingFund].Sub(f[carecast.LinePledges].Sub(f[carecast.LineAttributedCost]))
	}
	return s, nil
}

// baselineCouncils reads the councils' figures of a month of a frozen
// budget (fields, at where) into mm: each council once and every one of
// the scenario's councils, their figures adding up to the consortium's.
func baselineCouncils(p *problems, where string, fields map[string]json.RawMessage, councils []carecast.Council, index map[string]int, mm *carecast.MonitorMonth) {
	var cs []map[string]json.RawMessage
	if err := json.Unmarshal(fields["councils"], &cs); err != nil {
		p.add(where, `"councils" is not a list of councils`)
	}
	seen := make([]bool, len(councils))
	var sums carecast.LineFigures
	for k, cf := range cs {
		cw := fmt.Sprintf("%s.councils[%d]", where, k)
		var code string
		if err := json.Unmarshal(cf["code"], &code); err != nil {
			p.add(cw, "no council code")
			continue
		}
		c, ok := index[code]
		switch {
		case !ok:
			p.add(cw, "council %q is not in the scenario", code)
			continue
		case seen[c]:
			p.add(cw, "council %q again", code)
			continue
		}
		seen[c] = true
		for _, l := range carecast.CouncilMonitorLines() {
			key := l.Key()
			if l == carecast.LineClosingFund {
				key = "position"
			}
			mm.Councils[c][l] = money(p, cw, cf, key)
			sums[l] = sums[l].Add(mm.Councils[c][l])
		}
		mm.CouncilsOccupied[c] = number(p, cw, cf, "occupied_room_days")
	}
	for c, ok := range seen {
		if !ok && cs != nil {
			p.add(where, "no figures for council %s", councils[c].Code)
		}
	}
	if len(cs) == len(councils) {
		for _, l := range carecast.CouncilMonitorLines() {
			if !sums[l].Equal(mm.Consortium[l]) {
				p.add(where, "the councils' %s add up to %s, not the consortium's %s", l.Key(), sums[l], mm.Consortium[l])
			}
		}
	}
}

// monthText is a month as the JSON names it: "2019-04".
func monthText(d carecast.Date) string { return fmt.Sprintf("%04d-%02d", d.Year, int(d.Month)) }

// money reads an amount: a string of pounds with two decimals.
func money(p *problems, where string, fields map[string]json.RawMessage, key string) carecast.Money {
	raw, ok := fields[key]
	if !ok {
		p.add(where, "no %q", key)
		return carecast.Money{}
	}
	var s string
	if err := json.Unmarshal(raw, &s); err != nil {
		p.add(where, "%s %s: expected an amount as a string, such as \"1234.50\"", key, string(raw))
		return carecast.Money{}
	}
	d, err := decimal.NewFromString(s)
	if err != nil || d.Exponent() < -2 || len(s) > 24 {
		p.add(where, "%s %q: expected an amount in pounds and pence, such as \"1234.50\"", key, s)
		return carecast.Money{}
	}
	return carecast.MoneyOf(d)
}

// number reads a number (room-days).
func number(p *problems, where string, fields map[string]json.RawMessage, key string) decimal.Decimal {
	raw, ok := fields[key]
	if !ok {
		p.add(where, "no %q", key)
		return decimal.Zero
	}
	d, err := decimal.NewFromString(string(raw))
	if err != nil || len(raw) > 40 {
		p.add(where, "%s %s: expected a number", key, string(raw))
		return decimal.Zero
	}
	return d
}

// Previous is an earlier monitoring report ('carecast monitor --json'):
// its as-at date, the financial year it monitored, and each line's
// outturn.
type Previous struct {
	Path    string
	AsAt    carecast.Date
	Year    string
	outturn map[lineKey]carecast.Money
}

// lineKey names a line of a report: its scope, council code ("" for the
// consortium) and line.
type lineKey struct {
	scope, council, line string
}

// ReadPrevious reads an earlier 'carecast monitor --json'.
func ReadPrevious(path string) (*Previous, error) {
	var raw struct {
		AsAt  string                       `json:"as_at"`
		Year  string                       `json:"year"`
		Lines []map[string]json.RawMessage `json:"lines"`
	}
	if err := readJSON(path, &raw); err != nil {
		return nil, err
	}
	p := &problems{path: path}
	prev := &Previous{Path: path, Year: raw.Year, outturn: map[lineKey]carecast.Money{}}
	t, err := parseDate(raw.AsAt)
	if err != nil {
		p.add("as_at", "%q: expected a date such as \"2020-10-31\" (the output of 'carecast monitor --json')", raw.AsAt)
	}
	prev.AsAt = t
	if raw.Lines == nil {
		p.add("", `no "lines": expected the output of 'carecast monitor --json'`)
	}
	for i, l := range raw.Lines {
		where := fmt.Sprintf("lines[%d]", i)
		var k lineKey
		var council *string
		if json.Unmarshal(l["scope"], &k.scope) != nil || (k.scope != "year" && k.scope != "horizon") {
			p.add(where, "scope %s: expected \"year\" or \"horizon\"", string(l["scope"]))
		}
		if json.Unmarshal(l["council"], &council) != nil {
			p.add(where, "council %s: expected a council's code or null", string(l["council"]))
		} else if council != nil {
			k.council = *council
		}
		if json.Unmarshal(l["line"], &k.line) != nil {
			p.add(where, "no line")
		}
		prev.outturn[k] = money(p, where, l, "outturn")
	}
	if err := p.err(); err != nil {
		return nil, err
	}
	return prev, nil
}

// parseDate reads an ISO date.
func parseDate(s string) (carecast.Date, error) {
	var y, m, d int
	if _, err := fmt.Sscanf(s, "%4d-%2d-%2d", &y, &m, &d); err != nil || len(s) != 10 {
		return carecast.Date{}, errors.New("not a date")
	}
	t := carecast.Date{Year: y, Month: gotime.Month(m), Day: d}
	if !t.IsValid() {
		return carecast.Date{}, errors.New("not a date")
	}
	return t, nil
}

// movement is a line's outturn less the previous report's: only for a
// line the previous report has, and for the year only when it monitored
// the same year.
func (p *Previous) movement(m *carecast.Monitoring, v carecast.Variance) (carecast.Money, bool) {
	if v.Scope == carecast.ScopeYear && p.Year != m.Year.String() {
		return carecast.Money{}, false
	}
	prev, ok := p.outturn[lineKey{v.Scope.String(), m.CouncilCode(v.Council), v.Line.Key()}]
	if !ok {
		return carecast.Money{}, false
	}
	return v.Outturn.Sub(prev), true
}

// PreviousOf is a report as the previous report of a later one: what
// ReadPrevious reads from its JSON.
func PreviousOf(m *carecast.Monitoring) *Previous {
	p := &Previous{Path: "", AsAt: m.AsAt, Year: m.Year.String(), outturn: map[lineKey]carecast.Money{}}
	for _, v := range m.Lines {
		p.outturn[lineKey{v.Scope.String(), m.CouncilCode(v.Council), v.Line.Key()}] = v.Outturn
	}
	return p
}
