package inputs

import (
	"fmt"
	"sort"
	"strings"

	"github.com/carecast/carecast"
	"github.com/shopspring/decimal"
)

// The Actuals table (docs/methodology.md §15): what actually happened in
// the months to date, one item of one month a row. A month a row names is
// an actual month; its items replace the forecast's.

var actualsSpec = tableSpec{name: "Actuals", file: "actuals.csv", required: false,
	about: "what actually happened in the months to date, which replaces the forecast's figures",
	columns: []colSpec{
		{name: "month", required: true, unit: "date", note: "Any date in the month the row is for (the 1st, say). Every month a row names is an actual month: its figures are these actuals, the rest of the month's figures forecast. No month after the as-at date (the as_at setting)."},
		{name: "item", required: true, note: "What the row gives (pick from the list): occupied_room_days (a council's: room-days its children occupied block rooms in the month), capacity_room_days (room-days of block rooms available), block_cost (£ the provider invoiced for the month, credit notes netted), pledges (a council's: £ it paid into the pool), grants (£ of grant received), other_costs (£ of running costs paid). An item not given keeps its forecast."},
		{name: "council", note: "For occupied_room_days and pledges, the council, by code or name (pick from the list); blank for the other items, which are the consortium's."},
		{name: "value", required: true, unit: "£ or room-days", note: "The actual figure, 0 or more: pounds for block_cost, pledges, grants and other_costs; room-days for occupied_room_days and capacity_room_days."},
	}}

// actualItemList is the items, for the template's drop-down.
func actualItemList() []string {
	var names []string
	for _, i := range carecast.ActualItems() {
		names = append(names, i.String())
	}
	return names
}

// actualItemNames lists the items, for messages.
func actualItemNames() string { return strings.Join(actualItemList(), ", ") }

// maxActualPounds and maxActualRoomDays bound an actual figure of one
// month, far above any real scheme's and within what the engine computes.
var (
	maxActualPounds   = decimal.New(carecast.MaxMonthPence, -2)
	maxActualRoomDays = decimal.NewFromInt(maxRooms * 31)
)

// actuals reads the Actuals table into s.Actuals: each row's month within
// the horizon and not after the as-at date, its item, its council where
// the item is a council's (and none where it is not), its value; one row
// a (month, item, council). It then checks each actual month's occupied
// room-days against its capacity and a spot cost in force, and warns of
// the months before the as-at date that have no rows.
func (d *decoder) actuals() {
	tb, rows := d.rows(tActuals)
	a := &d.s.Assumptions
	if d.asAt != nil {
		// --as-at wins; one that is not a month's last day within the
		// model is the command line's error, for the caller to report
		// (CheckAsAt), and the input's as-at date stands meanwhile.
		t := *a
		t.AsAt = *d.asAt
		if asAtProblem(t) == "" || !d.horizon {
			a.AsAt = *d.asAt
		}
	}
	if tb == nil {
		d.missingActualMonths(nil)
		return
	}
	const cMonth, cItem, cCouncil, cValue = 0, 1, 2, 3
	type key struct {
		month carecast.Date
		item  carecast.ActualItem
		c     int
	}
	first := map[key]int{}
	var asAt carecast.Date // the as-at date the rows are judged by
	if !a.AsAt.IsZero() && asAtProblem(*a) == "" {
		asAt = a.AsAt
	}
	d.cur = tActuals
	defer func() { d.cur = -1 }()
	for _, r := range rows {
		ok := true
		month, okm := d.date(tb, r, cMonth)
		ok = okm
		if okm && d.horizon {
			month = carecast.MonthStart(month)
			switch {
			case month.Before(d.start) || month.After(d.end):
				d.err(d.loc(tb, r.Number, cMonth), fmt.Sprintf("month %s is outside the model: expected a date from %s to %s", month.String()[:7], d.start, d.end))
				ok = false
			case !asAt.IsZero() && month.After(asAt):
				d.err(d.loc(tb, r.Number, cMonth), fmt.Sprintf("month %s is after the as-at date %s: expected no actuals after it (the as_at setting, or --as-at)", month.String()[:7], asAt))
				ok = false
			}
		}
		raw := strings.TrimSpace(tb.cell(r, cItem).Value)
		item, found := carecast.ParseActualItem(raw)
		switch {
		case raw == "":
			d.err(d.loc(tb, r.Number, cItem), "missing value; expected an item: "+actualItemNames())
			ok = false
		case !found:
			d.err(d.loc(tb, r.Number, cItem), fmt.Sprintf("unknown item: found %s; expected one of %s", quote(raw), actualItemNames()))
			ok = false
		}
		council := -1
		blankCouncil := tb.blank(r, cCouncil)
		switch {
		case !found:
		case item.PerCouncil() && blankCouncil:
			d.err(d.loc(tb, r.Number, cCouncil), fmt.Sprintf("missing value; %s is a council's: expected the council, by code or name", item))
			ok = false
		case item.PerCouncil():
			c, okc := d.council(tb, r, cCouncil)
			ok = ok && okc
			council = c
		case !blankCouncil:
			d.err(d.loc(tb, r.Number, cCouncil), fmt.Sprintf("%s is the consortium's, not a council's: found %s; expected the council left blank", item, quote(strings.TrimSpace(tb.cell(r, cCouncil).Value))))
			ok = false
		}
		value, okv := d.actualValue(tb, r, cValue, item, found)
		ok = ok && okv
		if !ok {
			continue
		}
		k := key{month, item, council}
		if prev, dup := first[k]; dup {
			what := item.String()
			if council >= 0 {
				what += " of " + d.s.Councils[council].Code
			}
			d.err(d.loc(tb, r.Number, -1), fmt.Sprintf("a second row for %s in %s (the first is row %d); expected one", what, month.String()[:7], prev))
			continue
		}
		first[k] = r.Number
		d.refs[tActuals] = append(d.refs[tActuals], r.Number)
		d.s.Actuals = append(d.s.Actuals, carecast.Actual{Month: month, Item: item, Council: council, Value: value})
	}
	if d.tableErrs[tActuals] > 0 {
		return
	}
	d.actualMonthChecks()
	d.missingActualMonths(d.s.Actuals)
}

// actualValue reads an Actuals row's value: pounds to pence, or
// room-days; zero or more.
func (d *decoder) actualValue(tb *tab, r Row, c int, item carecast.ActualItem, known bool) (decimal.Decimal, bool) {
	cell := tb.cell(r, c)
	loc := d.loc(tb, r.Number, c)
	money := !known || item.IsMoney()
	parse, expected, limit := ParseAmount, expectAmount, maxActualPounds
	if !money {
		parse, expected, limit = parseQuantity, "a number of room-days, 0 or more", maxActualRoomDays
	}
	v, err := numberCell(cell, parse)
	switch {
	case err != nil:
		d.bad(loc, cell, err, expected)
		return v, false
	case v.Sign() < 0:
		d.err(loc, fmt.Sprintf("negative value: found %s; expected %s", quote(strings.TrimSpace(cell.Value)), strings.Replace(expected, "such as", "zero or more, such as", 1)))
		return v, false
	case v.GreaterThan(limit):
		d.err(loc, fmt.Sprintf("value %s is more than carecast takes for a month (%s); expected %s", quote(strings.TrimSpace(cell.Value)), limit, expected))
		return v, false
	}
	if money {
		v = carecast.MoneyOf(v).Decimal()
	}
	return v, true
}

// actualMonthChecks checks each actual month: the councils' occupied
// room-days (actual, or forecast from the Occupancy rows) not above its
// capacity (actual, or the Rooms rows'), and a council's actual occupied
// room-days with a spot cost in force some day of the month. Without
// Occupancy rows the occupancy of a council not given is derived and is
// checked by the engine; here only a month with every council's given.
func (d *decoder) actualMonthChecks() {
	if !d.horizon || !d.councils || !d.clean(tRooms, tOccupancy, tSpotCosts) {
		return
	}
	s := d.s
	nc := len(s.Councils)
	type month struct {
		occ      []decimal.Decimal
		has      []bool
		row      []int // row of each council's occupancy
		capacity decimal.Decimal
		hasCap   bool
		capRow   int
		firstRow int
	}
	byMonth := map[carecast.Date]*month{}
	var order []carecast.Date
	for i, a := range s.Actuals {
		m := byMonth[a.Month]
		if m == nil {
			m = &month{occ: make([]decimal.Decimal, nc), has: make([]bool, nc), row: make([]int, nc), firstRow: d.ref(tActuals, i)}
			byMonth[a.Month] = m
			order = append(order, a.Month)
		}
		switch a.Item {
		case carecast.ActualOccupiedRoomDays:
			m.occ[a.Council], m.has[a.Council], m.row[a.Council] = a.Value, true, d.ref(tActuals, i)
		case carecast.ActualCapacityRoomDays:
			m.capacity, m.hasCap, m.capRow = a.Value, true, d.ref(tActuals, i)
		}
	}
	firstSpot := make([]carecast.Date, nc)
	for _, sc := range s.SpotCosts {
		if f := firstSpot[sc.Council]; f.IsZero() || sc.From.Before(f) {
			firstSpot[sc.Council] = sc.From
		}
	}
	tb := d.tabs[tActuals]
	explicit := len(s.Occupancy) > 0
	for _, start := range order {
		m := byMonth[start]
		end := carecast.MonthEnd(start)
		total, all := decimal.Zero, true
		row := m.firstRow
		for c := range nc {
			if m.has[c] {
				total = total.Add(m.occ[c])
				row = m.row[c]
				if m.occ[c].Sign() > 0 && (firstSpot[c].IsZero() || firstSpot[c].After(end)) {
					d.err(d.loc(tb, m.row[c], 3), fmt.Sprintf("no spot cost in force: %s occupied %s room-days in %s but has no spot cost in force that month; expected a %s row for %s with from on or before %s",
						s.Councils[c].Label(), m.occ[c], start.String()[:7], d.sheetName(tSpotCosts), s.Councils[c].Code, end))
				}
				continue
			}
			if !explicit {
				all = false
				continue
			}
			total = total.Add(roomDays(occupancySteps(s.Occupancy, c), start, end))
		}
		capacity := m.capacity
		if !m.hasCap {
			capacity = roomDays(roomsSteps(s.Rooms), start, end)
		} else if !m.has[0] || m.capRow > row {
			row = max(row, m.capRow)
		}
		if all && total.GreaterThan(capacity) {
			d.err(d.loc(tb, row, 3), fmt.Sprintf("occupancy above capacity in %s: the councils occupied %s room-days in all but the rooms had %s room-days; expected at most %s", start.String()[:7], total, capacity, capacity))
		}
	}
}

// datedValue is a value from a day on.
type datedValue struct {
	day int
	v   decimal.Decimal
}

// occupancySteps are council c's Occupancy rows as a step function.
func occupancySteps(rows []carecast.OccupancyRow, c int) []datedValue {
	var out []datedValue
	for _, r := range rows {
		if r.Council == c {
			out = append(out, datedValue{r.From.Days(), r.RoomsOccupied})
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].day < out[j].day })
	return out
}

// roomsSteps are the Rooms rows as a step function.
func roomsSteps(rows []carecast.RoomsRow) []datedValue {
	out := make([]datedValue, len(rows))
	for i, r := range rows {
		out[i] = datedValue{r.From.Days(), decimal.NewFromInt(int64(r.Rooms))}
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].day < out[j].day })
	return out
}

// roomDays is the sum over the days from start to end (inclusive) of a
// step function (each value from its day until the next's; zero before
// the first; the last of one day wins).
func roomDays(st []datedValue, start, end carecast.Date) decimal.Decimal {
	lo, hi := start.Days(), end.Days()+1
	total := decimal.Zero
	for i, x := range st {
		until := hi
		if i+1 < len(st) {
			until = min(until, st[i+1].day)
		}
		from := max(x.day, lo)
		if until > from {
			total = total.Add(x.v.Mul(decimal.NewFromInt(int64(until - from))))
		}
	}
	return total
}

// missingActualMonths warns of the months from the start to the as-at
// date that no Actuals row names: their forecast stands.
func (d *decoder) missingActualMonths(rows []carecast.Actual) {
	if !d.horizon {
		return
	}
	asAt := d.s.AsAt()
	if asAt.IsZero() || asAtProblem(d.s.Assumptions) != "" {
		return
	}
	named := map[carecast.Date]bool{}
	for _, a := range rows {
		named[a.Month] = true
	}
	var runs []string
	n := 0
	for m := d.start; !m.After(asAt); {
		if named[m] {
			m = m.AddMonths(1)
			continue
		}
		first := m
		for ; !m.After(asAt) && !named[m]; m = m.AddMonths(1) {
			n++
		}
		last := m.AddMonths(-1)
		if first == last {
			runs = append(runs, first.String()[:7])
		} else {
			runs = append(runs, first.String()[:7]+" to "+last.String()[:7])
		}
	}
	if n == 0 {
		return
	}
	where := d.where(tActuals)
	d.warn(d.sheetName(tActuals), fmt.Sprintf("no actuals %s for %d month%s before the as-at date %s (%s): the forecast stands for %s",
		where, n, plural(n), asAt, strings.Join(runs, ", "), map[bool]string{true: "it", false: "them"}[n == 1]))
}

func plural(n int) string {
	if n == 1 {
		return ""
	}
	return "s"
}

// CheckAsAt says what is wrong with asAt as the as-at date of a
// scenario whose horizon a gives ("" when nothing is): it must be the
// last day of a month within the model. The reader ignores an --as-at
// that is not (Overrides); the command line reports it.
func CheckAsAt(a carecast.Assumptions, asAt carecast.Date) string {
	a.AsAt = asAt
	return asAtProblem(a)
}

// asAtProblem is what is wrong with the as-at date of a, or "".
func asAtProblem(a carecast.Assumptions) string {
	if s := carecast.SettingFor("as_at"); s != nil && s.Check != nil {
		return s.Check(a)
	}
	return ""
}

// actualRows are the Actuals rows as the template holds them.
func actualRows(s *carecast.Scenario) [][]any {
	var rows [][]any
	for _, a := range s.Actuals {
		if a.Item == carecast.ActualSpotAvoided {
			continue
		}
		var council any
		if a.Council >= 0 && a.Council < len(s.Councils) {
			council = s.Councils[a.Council].Label()
		}
		var v any = a.Value
		if a.Item.IsMoney() {
			v = carecast.MoneyOf(a.Value)
		}
		rows = append(rows, []any{a.Month, a.Item.String(), council, v})
	}
	return rows
}
