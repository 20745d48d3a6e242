package inputs

import (
	"errors"
	"fmt"
	"math"
	"path/filepath"
	"strings"

	"github.com/carecast/carecast"
	"github.com/shopspring/decimal"
)

// Decode validates a Book, from either reader, and turns it into a
// Scenario: the one validation path of carecast. Rows keep the order of
// the input; council indices are positions in Scenario.Councils; settings
// not given take the defaults of docs/methodology.md §2. Every problem found is
// reported at once: err is an *Errors listing them all, each located at
// its sheet and cell. Warnings (unknown sheets, columns and settings) come
// back whatever happens.
func Decode(b *Book) (*carecast.Scenario, []Problem, error) {
	return DecodeWith(b, Overrides{})
}

// Overrides are settings given on the command line, which win over the
// input's: --as-at.
type Overrides struct {
	// AsAt, when not zero, is the as-at date (docs/methodology.md §15):
	// an Actuals row after it is an error at its row.
	AsAt carecast.Date
}

// DecodeWith is Decode with the command line's overrides.
func DecodeWith(b *Book, o Overrides) (*carecast.Scenario, []Problem, error) {
	d := &decoder{b: b, s: &carecast.Scenario{}, cur: -1, badSpot: map[int]bool{}, unknownFrom: math.MaxInt}
	if !o.AsAt.IsZero() {
		d.asAt = &o.AsAt
	}
	d.decode()
	if d.moreWarns > 0 {
		d.warns = append(d.warns, Problem{Msg: MoreLine(d.moreWarns) + " warnings"})
	}
	b.locate(d.warns)
	if len(d.errs) > 0 {
		b.locate(d.errs)
		return nil, d.warns, &Errors{Path: b.Path, Problems: d.errs, More: d.more}
	}
	d.s.Digests = b.Digests
	return d.s, d.warns, nil
}

// decoder holds the state of one Decode.
type decoder struct {
	b           *Book
	s           *carecast.Scenario
	warns, errs []Problem
	// more and moreWarns count those beyond MaxProblems, not kept.
	more, moreWarns int

	tabs      [nTables]*tab
	cur       int          // the table being decoded, for tableErrs
	tableErrs [nTables]int // errors found in each table's rows

	horizon    bool // start_date and years are valid
	start, end carecast.Date

	councils  bool           // the Councils sheet could be read
	councilOf map[string]int // normalised code or name -> index

	// Councils with a SpotCosts row that has an error.
	badSpot map[int]bool
	// unknownFrom is the first day from which a Rooms or Occupancy row
	// with an error would have applied (math.MinInt when its date is
	// unknown too): capacity is not judged from then on.
	unknownFrom int
	// second marks a table given twice.
	second [nTables]bool

	// Where each row of the scenario came from, for cross-row checks:
	// refs[k][i] is the row number of the i-th row table k gave the
	// scenario (see ref).
	refs        [nTables][]int
	councilRows []int
	optionRefs  []optionRef

	// optLoc and optName, when set, locate every error at an option's row
	// and name the option: the checks of a scenario the option changed.
	// optCells are the option's own value cells, by setting: an error
	// located at one stays there.
	optLoc, optName string
	optCells        map[string]string

	// asAt is --as-at, when given: it wins over the as_at setting.
	asAt *carecast.Date
}

// tab is a table matched to its spec, with its columns found.
type tab struct {
	t    *Table
	spec *tableSpec
	col  []int // per spec column: its index in t.Header, or -1
	ok   bool  // every required column is present
}

func (d *decoder) err(loc, msg string) {
	if d.optLoc != "" {
		if loc == "" || !d.optCell(loc) {
			loc = d.optLoc
		}
		msg = "option " + quote(d.optName) + ": " + msg
	}
	if len(d.errs) < MaxProblems {
		d.errs = append(d.errs, Problem{Loc: loc, Msg: msg})
	} else {
		d.more++
	}
	if d.cur >= 0 {
		d.tableErrs[d.cur]++
	}
}

// optCell reports whether loc is one of the option's own cells.
func (d *decoder) optCell(loc string) bool {
	for _, c := range d.optCells {
		if c == loc {
			return true
		}
	}
	return false
}

// counted counts an error without its message when MaxProblems are kept
// already, and says so: a check that may find millions can skip wording
// them.
func (d *decoder) counted() bool {
	if len(d.errs) < MaxProblems {
		return false
	}
	d.more++
	if d.cur >= 0 {
		d.tableErrs[d.cur]++
	}
	return true
}

func (d *decoder) warn(loc, msg string) {
	if len(d.warns) < MaxProblems {
		d.warns = append(d.warns, Problem{Loc: loc, Msg: msg})
	} else {
		d.moreWarns++
	}
}

// loc locates spec column c of a row of tb; c < 0 locates the row.
func (d *decoder) loc(tb *tab, row, c int) string {
	if c < 0 {
		return d.b.Loc(tb.t, row, -1)
	}
	return d.b.Loc(tb.t, row, tb.col[c])
}

// where says where table k is: "on the Councils sheet", "in councils.csv".
func (d *decoder) where(k int) string {
	if d.b.Kind == CSV {
		return "in " + tables[k].file
	}
	return "on the " + tables[k].name + " sheet"
}

// sheetName is how messages name a table: its sheet, or its CSV file.
func (d *decoder) sheetName(k int) string {
	if d.b.Kind == CSV {
		return tables[k].file
	}
	return tables[k].name
}

func (d *decoder) decode() {
	d.matchTables()
	d.assumptions()
	d.councilsTable()
	d.pledges()
	d.rooms()
	for _, ct := range councilTables {
		ct.decode(d)
	}
	d.grants()
	d.costs()
	d.risks()
	d.options()
	d.widerBenefits()
	d.paper()
	d.riskRegister()
	d.placeCodes()
	d.accounts()
	d.actuals()
	d.cur = -1
	d.crossChecks()
	d.optionChecks()
	d.silentMistakes()
}

// matchTables finds each table of docs/methodology.md §2 among the book's sheets and
// the columns of each.
func (d *decoder) matchTables() {
	for i := range d.b.Tables {
		t := &d.b.Tables[i]
		k := tableFor(t.Name, d.b.Kind)
		if k < 0 {
			name := t.Name
			if d.b.Kind == CSV {
				name = strings.TrimSuffix(strings.ToLower(name), ".csv")
			}
			if !ignoredSheets[Key(name)] {
				what, list := "sheet", tableNames()
				var known []string
				for _, spec := range tables {
					if d.b.Kind == CSV {
						known = append(known, spec.file)
					} else {
						known = append(known, spec.name)
					}
				}
				if d.b.Kind == CSV {
					what, list = "file", fileNames()
				}
				d.warn(t.Name, fmt.Sprintf("unknown %s, ignored; carecast reads %s%s", what, list, didYouMean(t.Name, known, csvKey)))
			}
			continue
		}
		if prev := d.tabs[k]; prev != nil {
			d.second[k] = true
			d.cur = k
			d.err(t.Name, fmt.Sprintf("a second %s table (the first is %s); expected one", tables[k].name, prev.t.Name))
			d.cur = -1
			continue
		}
		tb := &tab{t: t, spec: &tables[k]}
		d.tabs[k] = tb
		if t.Hidden {
			d.warn(t.Name, "this sheet is hidden in the workbook, and carecast reads it all the same; unhide it (right-click a sheet tab, Unhide) to see the figures used")
		}
		d.columns(tb)
	}
	for k := range tables {
		spec := &tables[k]
		if d.tabs[k] != nil || !spec.required {
			continue
		}
		what := "sheet " + spec.name
		if d.b.Kind == CSV {
			what = "file " + spec.file
		}
		d.err(d.b.Path, fmt.Sprintf("missing %s (%s); expected it with columns %s", what, spec.about, columnList(spec)))
	}
}

// csvKey is Key of a sheet or CSV file name, less a .csv.
func csvKey(s string) string {
	if strings.HasSuffix(strings.ToLower(s), ".csv") {
		s = s[:len(s)-4]
	}
	return Key(s)
}

func fileNames() string {
	names := make([]string, nTables)
	for i, t := range tables {
		names[i] = t.file
	}
	return strings.Join(names, ", ")
}

func columnList(spec *tableSpec) string {
	names := make([]string, len(spec.columns))
	for i, c := range spec.columns {
		names[i] = c.name
	}
	return strings.Join(names, ", ")
}

// columns matches a table's header to its spec.
func (d *decoder) columns(tb *tab) {
	tb.col = make([]int, len(tb.spec.columns))
	for i := range tb.col {
		tb.col[i] = -1
	}
	for j, h := range tb.t.Header {
		k := Key(h)
		if k == "" {
			continue
		}
		found := false
		for i, c := range tb.spec.columns {
			if Key(c.name) != k {
				continue
			}
			found = true
			if tb.col[i] >= 0 {
				d.err(d.b.Loc(tb.t, tb.t.HeaderRow, j), fmt.Sprintf("column %s appears twice (first in %s); expected it once", c.name, d.b.Loc(tb.t, tb.t.HeaderRow, tb.col[i])))
				break
			}
			tb.col[i] = j
		}
		if !found && !ignoredColumns[k] {
			var names []string
			for _, c := range tb.spec.columns {
				names = append(names, c.name)
			}
			d.warn(d.b.Loc(tb.t, tb.t.HeaderRow, j), fmt.Sprintf("unknown column %s, ignored; expected columns %s%s", quote(strings.TrimSpace(h)), columnList(tb.spec), didYouMean(h, names, Key)))
		}
	}
	tb.ok = true
	if d.titleAbove(tb) {
		return
	}
	for i, c := range tb.spec.columns {
		if !c.required || tb.col[i] >= 0 {
			continue
		}
		tb.ok = false
		found := "found no header row"
		if len(tb.t.Header) > 0 {
			var hs []string
			for _, h := range tb.t.Header {
				if h = strings.TrimSpace(h); h != "" {
					hs = append(hs, h)
				}
			}
			found = "found columns " + strings.Join(hs, ", ")
		}
		d.err(tb.t.Name, fmt.Sprintf("missing column %s; %s", c.name, found))
	}
}

// titleAbove reports a table whose headers lie below its first row that
// is not blank (a title typed above them, say): a required column is
// missing from that row and one of the next few holds every required
// column. It says so once, rather than a missing column at a time.
func (d *decoder) titleAbove(tb *tab) bool {
	missing := false
	for i, c := range tb.spec.columns {
		missing = missing || c.required && tb.col[i] < 0
	}
	if !missing {
		return false
	}
	for _, r := range tb.t.Rows[:min(len(tb.t.Rows), 5)] {
		have := map[string]bool{}
		for _, c := range r.Cells {
			have[Key(c.Value)] = true
		}
		all := true
		for _, c := range tb.spec.columns {
			all = all && (!c.required || have[Key(c.name)])
		}
		if all {
			tb.ok = false
			d.err(tb.t.Name, fmt.Sprintf("headers are expected in row %d, the first that is not blank; row %d holds %s: delete the rows above it (a title, say)", tb.t.HeaderRow, r.Number, columnList(tb.spec)))
			return true
		}
	}
	return false
}

// swappedWindows reports a table whose every row (two or more) with both
// dates has to before from: the from and to columns swapped, said once at
// the header rather than at each row (window then says nothing more).
func (d *decoder) swappedWindows(tb *tab, rows []Row, cFrom, cTo int) bool {
	n, swapped := 0, 0
	for _, r := range rows {
		from, err1 := d.dateCell(tb.cell(r, cFrom))
		to, err2 := d.dateCell(tb.cell(r, cTo))
		if err1 != nil || err2 != nil {
			continue
		}
		n++
		if from.After(to) {
			swapped++
		}
	}
	if n < 2 || swapped < n {
		return false
	}
	d.err(d.loc(tb, tb.t.HeaderRow, cTo), fmt.Sprintf("to is before from on every row (%d rows): the from and to columns look swapped; expected from, the first day, then to, the last", n))
	return true
}

// rows returns the table's rows to decode, or nil when the table is
// absent or lacks a required column, and notes the table for tableErrs.
func (d *decoder) rows(k int) (*tab, []Row) {
	d.cur = k
	tb := d.tabs[k]
	if tb == nil || !tb.ok {
		return nil, nil
	}
	return tb, tb.t.Rows
}

// ref is the row number of the i-th row table k gave the scenario; 0 for
// a row of a scenario an option made, which has no row of its own.
func (d *decoder) ref(k, i int) int {
	if i < len(d.refs[k]) {
		return d.refs[k][i]
	}
	return 0
}

// cell is spec column c of row r.
func (tb *tab) cell(r Row, c int) Cell {
	if tb.col[c] < 0 {
		return Cell{}
	}
	return r.Cell(tb.col[c])
}

func (tb *tab) blank(r Row, c int) bool { return strings.TrimSpace(tb.cell(r, c).Value) == "" }

// What each kind of value should look like, for messages.
const (
	expectDate   = "a date such as 2019-04-01 or 01/04/2019"
	expectAmount = "an amount in pounds such as 650000 or £650,000.00"
	expectRate   = "a rate such as 3.5% or 0.035"
	expectNumber = "a number"
)

// bad reports a value that does not parse: what is wrong, what was found,
// what was expected.
func (d *decoder) bad(loc string, c Cell, err error, expected string) {
	if err == errEmpty {
		d.err(loc, "missing value; expected "+expected)
		return
	}
	if errorLiteral(c.Value) {
		d.err(loc, fmt.Sprintf("the cell holds the spreadsheet error %s; expected %s", strings.TrimSpace(c.Value), expected))
		return
	}
	what, detail, _ := strings.Cut(err.Error(), ": ")
	msg := what + ": found " + quote(strings.TrimSpace(c.Value))
	if detail != "" {
		msg += " (" + detail + ")"
	}
	d.err(loc, msg+"; expected "+expected)
}

// dateCell reads a date: a date cell's serial number, or text.
func (d *decoder) dateCell(c Cell) (carecast.Date, error) {
	if c.Number {
		n, err := NumberCell(c.Value)
		if err != nil {
			return carecast.Date{}, err
		}
		v, err := DateFromSerial(n, d.b.Date1904)
		if err != nil {
			return v, err
		}
		return v, dateInRange(v)
	}
	v, err := ParseDate(c.Value)
	if err != nil {
		return v, err
	}
	return v, dateInRange(v)
}

// numberCell reads a number cell as stored, or text with parse.
func numberCell(c Cell, parse func(string) (decimal.Decimal, error)) (decimal.Decimal, error) {
	if c.Number {
		return NumberCell(c.Value)
	}
	return parse(c.Value)
}

// parseQuantity reads a plain number typed as text, such as 12, 1,200 or
// 2.5.
func parseQuantity(s string) (decimal.Decimal, error) {
	t := strings.TrimSpace(s)
	if t == "" {
		return decimal.Decimal{}, errEmpty
	}
	neg := takeSign(&t) < 0
	digits, err := ungroup(t)
	if err != nil {
		return decimal.Decimal{}, fmt.Errorf("not a number")
	}
	v, err := decimal.NewFromString(digits)
	if err != nil {
		return decimal.Decimal{}, fmt.Errorf("not a number")
	}
	if neg {
		v = v.Neg()
	}
	return v, nil
}

// date reads spec column c of row r as a required date.
func (d *decoder) date(tb *tab, r Row, c int) (carecast.Date, bool) {
	cell := tb.cell(r, c)
	v, err := d.dateCell(cell)
	if err != nil {
		d.bad(d.loc(tb, r.Number, c), cell, err, expectDate)
		return v, false
	}
	return v, true
}

// amount reads a required amount of money, zero or more.
func (d *decoder) amount(tb *tab, r Row, c int) (decimal.Decimal, bool) {
	cell := tb.cell(r, c)
	v, err := numberCell(cell, ParseAmount)
	if err != nil {
		d.bad(d.loc(tb, r.Number, c), cell, err, expectAmount)
		return v, false
	}
	if v.Sign() < 0 {
		d.err(d.loc(tb, r.Number, c), fmt.Sprintf("negative amount: found %s; expected zero or more", quote(strings.TrimSpace(cell.Value))))
		return v, false
	}
	return v, d.boundedAt(tb, r.Number, c, tb.spec.name, tb.spec.columns[c].name, v, cell)
}

// rate reads a required rate.
func (d *decoder) rate(tb *tab, r Row, c int) (decimal.Decimal, bool) {
	cell := tb.cell(r, c)
	v, err := numberCell(cell, ParseRate)
	if err != nil {
		d.bad(d.loc(tb, r.Number, c), cell, err, expectRate)
		return v, false
	}
	return v, true
}

// quantity reads a required number of rooms, zero or more; whole says it
// must be a whole number. quantityOf is quantity for a number of what
// (placements, say, rather than rooms).
func (d *decoder) quantity(tb *tab, r Row, c int, whole bool) (decimal.Decimal, bool) {
	return d.quantityOf(tb, r, c, whole, "rooms", "rooms")
}

func (d *decoder) quantityOf(tb *tab, r Row, c int, whole bool, what, expectWhat string) (decimal.Decimal, bool) {
	cell := tb.cell(r, c)
	expected := "a number of " + expectWhat + ", 0 or more"
	if whole {
		expected = "a whole number of " + expectWhat + ", 0 or more"
	}
	v, err := numberCell(cell, parseQuantity)
	if err != nil {
		d.bad(d.loc(tb, r.Number, c), cell, err, expected)
		return v, false
	}
	switch {
	case v.Sign() < 0:
		d.err(d.loc(tb, r.Number, c), fmt.Sprintf("negative number of %s: found %s; expected %s", what, quote(strings.TrimSpace(cell.Value)), expected))
		return v, false
	case whole && !v.IsInteger():
		d.err(d.loc(tb, r.Number, c), fmt.Sprintf("rooms not a whole number: found %s; expected %s", quote(strings.TrimSpace(cell.Value)), expected))
		return v, false
	}
	return v, d.boundedAt(tb, r.Number, c, tb.spec.name, tb.spec.columns[c].name, v, cell)
}

// maxRooms bounds a number of rooms (Bounds), far above any real scheme.
const maxRooms = 100000

// councilNameKey normalises a council code or name for lookup: case and
// runs of spaces are ignored.
func councilNameKey(s string) string { return strings.ToLower(strings.Join(strings.Fields(s), " ")) }

// council reads a required reference to a council, by code or name.
func (d *decoder) council(tb *tab, r Row, c int) (int, bool) {
	cell := tb.cell(r, c)
	v := strings.TrimSpace(cell.Value)
	if v == "" {
		d.err(d.loc(tb, r.Number, c), "missing value; expected the code or name of a council "+d.where(tCouncils))
		return 0, false
	}
	if !d.councils {
		return 0, false // the Councils sheet is missing or broken: reported there
	}
	i, ok := d.councilOf[councilNameKey(v)]
	if !ok {
		var names []string
		for _, c := range d.s.Councils {
			names = append(names, c.Code, c.Name)
		}
		d.err(d.loc(tb, r.Number, c), fmt.Sprintf("unknown council: found %s; expected the code or name of a council %s (%s)%s", quote(v), d.where(tCouncils), d.councilCodes(), didYouMean(v, names, councilNameKey)))
		return 0, false
	}
	return i, true
}

// councilCodes lists the first few council codes, for messages.
func (d *decoder) councilCodes() string {
	var codes []string
	for i, c := range d.s.Councils {
		if i == 8 {
			codes = append(codes, "...")
			break
		}
		codes = append(codes, c.Code)
	}
	return strings.Join(codes, ", ")
}

// assumptions reads the Assumptions sheet into s.Assumptions, filling the
// defaults of docs/methodology.md §2.
func (d *decoder) assumptions() {
	a := carecast.DefaultAssumptions()
	fileName := strings.TrimSuffix(filepath.Base(d.b.Path), filepath.Ext(d.b.Path))
	a.Scenario = fileName
	d.horizon = true
	defer func() {
		d.s.Assumptions = a
		if d.horizon {
			d.start, d.end = a.StartDate, a.End()
		}
	}()
	tb, rows := d.rows(tAssumptions)
	if tb == nil {
		d.horizon = false // reported already; no horizon to check rows against
		return
	}
	const cSetting, cValue = 0, 1
	settings := carecast.Settings()
	type given struct {
		row  Row
		cell Cell
	}
	values := make([]*given, len(settings))
	type entry struct {
		i     int // index in settings
		row   Row
		dup   bool // the setting's second row
		blank bool // a required setting left blank
	}
	var order []entry // settings given, in row order
	for _, r := range rows {
		k := Key(tb.cell(r, cSetting).Value)
		if k == "" {
			if !tb.blank(r, cValue) {
				d.warn(d.loc(tb, r.Number, cValue), "a value with no setting, ignored")
			}
			continue
		}
		i := settingFor(settings, k)
		if i < 0 {
			keys := make([]string, len(settings))
			for j, s := range settings {
				keys[j] = s.Key
			}
			raw := tb.cell(r, cSetting).Value
			d.warn(d.loc(tb, r.Number, cSetting), fmt.Sprintf("unknown setting %s, ignored; expected one of %s%s", quote(strings.TrimSpace(raw)), strings.Join(keys, ", "), didYouMean(raw, keys, Key)))
			continue
		}
		s := &settings[i]
		if values[i] != nil {
			order = append(order, entry{i: i, row: r, dup: true})
			continue
		}
		if tb.blank(r, cValue) {
			if s.Required {
				order = append(order, entry{i: i, row: r, blank: true})
			}
			continue // blank: the default
		}
		values[i] = &given{r, tb.cell(r, cValue)}
		order = append(order, entry{i: i, row: r})
	}
	for i, s := range settings {
		if values[i] == nil && s.Required && !d.settingSeen(tb, s.Key) {
			d.err(tb.t.Name, fmt.Sprintf("missing setting %s (%s); expected a row with setting %s and its value, %s", s.Key, s.Unit, s.Key, settingExpect(&s)))
		}
	}
	for _, e := range order {
		s, g := &settings[e.i], values[e.i]
		if e.blank {
			d.err(d.loc(tb, e.row.Number, cValue), fmt.Sprintf("missing value of %s; expected %s", s.Key, settingExpect(s)))
			continue
		}
		if e.dup {
			d.err(d.loc(tb, e.row.Number, cSetting), fmt.Sprintf("setting %s appears twice (first on row %d); expected it once", s.Key, g.row.Number))
			continue
		}
		if !d.setting(&a, s, g.cell, d.loc(tb, g.row.Number, cValue)) && s.Horizon {
			d.horizon = false
		}
	}
	if a.Scenario == fileName {
		// No scenario setting: the input's name must do as a name.
		d.text(tb.t.Name, "the scenario's name, taken from the input's name as no scenario setting is given", a.Scenario, true)
	}
	if a.BlockPriceDate.IsZero() {
		a.BlockPriceDate = a.StartDate
	}
	if d.horizon {
		d.horizon = d.settingRules(a, settings, d.assumptionLoc, tb.t.Name)
	}
}

// settingSeen reports whether a setting has a row (perhaps blank).
func (d *decoder) settingSeen(tb *tab, key string) bool {
	for _, r := range tb.t.Rows {
		if Key(tb.cell(r, 0).Value) == Key(key) {
			return true
		}
	}
	return false
}

// councilsTable reads the Councils sheet.
func (d *decoder) councilsTable() {
	tb, rows := d.rows(tCouncils)
	d.councilOf = map[string]int{}
	if tb == nil {
		return
	}
	d.councils = true
	const cCode, cName, cShare = 0, 1, 2
	type owner struct{ row int }
	used := map[string]owner{}
	anyShare := false
	total := decimal.Zero
	for _, r := range rows {
		c := carecast.Council{
			Code: strings.TrimSpace(tb.cell(r, cCode).Value),
			Name: strings.TrimSpace(tb.cell(r, cName).Value),
		}
		idx := len(d.s.Councils)
		if c.Code == "" {
			d.err(d.loc(tb, r.Number, cCode), "missing value; expected a short unique code for the council, such as HAV")
		}
		// A code or name with an invisible character (a zero-width space,
		// a byte-order mark, a control character) looks like another and
		// is not: refused at its cell, as is anything an output cannot
		// carry (textProblem).
		for _, f := range []struct {
			col  int
			what string
			v    *string
		}{{cCode, "code", &c.Code}, {cName, "name", &c.Name}} {
			if !d.text(d.loc(tb, r.Number, f.col), "the council's "+f.what, *f.v, true) {
				*f.v = ""
			}
		}
		for _, f := range []struct {
			col  int
			what string
			v    string
		}{{cCode, "code", c.Code}, {cName, "name", c.Name}} {
			k := councilNameKey(f.v)
			if k == "" {
				continue
			}
			if o, ok := used[k]; ok {
				if o.row != r.Number {
					d.err(d.loc(tb, r.Number, f.col), fmt.Sprintf("council %s %s is already used on row %d; expected each code and name once", f.what, quote(f.v), o.row))
				}
				continue
			}
			used[k] = owner{r.Number}
			d.councilOf[k] = idx
		}
		if !tb.blank(r, cShare) {
			cell := tb.cell(r, cShare)
			v, err := numberCell(cell, ParseRate)
			switch {
			case err != nil:
				d.bad(d.loc(tb, r.Number, cShare), cell, err, "a share such as 25% or 0.25, or blank")
			case v.Sign() < 0:
				d.err(d.loc(tb, r.Number, cShare), fmt.Sprintf("negative share: found %s; expected zero or more, or blank", quote(strings.TrimSpace(cell.Value))))
			case !d.boundedAt(tb, r.Number, cShare, "Councils", "share", v, cell):
			default:
				c.Share, c.HasShare = v, true
				anyShare = true
				total = total.Add(v)
			}
		}
		d.s.Councils = append(d.s.Councils, c)
		d.councilRows = append(d.councilRows, r.Number)
	}
	if len(rows) == 0 {
		d.err(tb.t.Name, "no councils; expected at least one row under the header")
		d.councils = false // no reference can be checked
	}
	if b, n := bound("Councils", "councils"), decimal.NewFromInt(int64(len(d.s.Councils))); n.GreaterThan(b.Max) {
		d.err(tb.t.Name, fmt.Sprintf("too many councils: found %d; expected at most %s (%s)", len(d.s.Councils), b.Max, b.Why))
		d.councils = false
	} else if n.GreaterThan(b.UsualMax) {
		d.warn(tb.t.Name, fmt.Sprintf("unusual number of councils: found %d; most schemes have at most %s (%s); check it", len(d.s.Councils), b.UsualMax, b.Why))
	}
	if anyShare && total.Sign() == 0 && d.tableErrs[tCouncils] == 0 {
		d.err(d.loc(tb, tb.t.HeaderRow, cShare), "every share is zero; expected at least one positive share, or every share blank to share by pledges")
	}
}

// window checks a [from, to] window: from not after to, and not wholly
// outside the model. what names the row ("pledge", "cost").
func (d *decoder) window(tb *tab, r Row, cFrom, cTo int, from, to carecast.Date, what string) bool {
	switch {
	case from.After(to):
		d.err(d.loc(tb, r.Number, cTo), fmt.Sprintf("to is before from: from %s, to %s; expected to on or after from", from, to))
		return false
	case !d.horizon:
		return true
	case to.Before(d.start):
		d.err(d.loc(tb, r.Number, cTo), fmt.Sprintf("the %s ends before the model starts: to %s is before start_date %s; expected a window that overlaps the model, %s to %s", what, to, d.start, d.start, d.end))
		return false
	case from.After(d.end):
		d.err(d.loc(tb, r.Number, cFrom), fmt.Sprintf("the %s begins after the model ends: from %s is after its last day, %s; expected a window that overlaps the model, %s to %s", what, from, d.end, d.start, d.end))
		return false
	}
	return true
}

// inForce checks that a dated row's from is not after the model's last
// day, when it would never be in force.
func (d *decoder) inForce(tb *tab, r Row, c int, from carecast.Date) bool {
	if d.horizon && from.After(d.end) {
		d.err(d.loc(tb, r.Number, c), fmt.Sprintf("from %s is after the last day of the model, %s; expected a date on or before it", from, d.end))
		return false
	}
	return true
}

func (d *decoder) pledges() {
	tb, rows := d.rows(tPledges)
	if tb == nil {
		return
	}
	const cCouncil, cFrom, cTo, cAmount = 0, 1, 2, 3
	swapped := d.swappedWindows(tb, rows, cFrom, cTo)
	for _, r := range rows {
		c, ok1 := d.council(tb, r, cCouncil)
		from, ok2 := d.date(tb, r, cFrom)
		to, ok3 := d.date(tb, r, cTo)
		amt, ok4 := d.amount(tb, r, cAmount)
		if swapped || ok2 && ok3 && !d.window(tb, r, cFrom, cTo, from, to, "pledge") {
			continue
		}
		if ok1 && ok2 && ok3 && ok4 {
			d.s.Pledges = append(d.s.Pledges, carecast.Pledge{Council: c, From: from, To: to, AnnualAmount: carecast.MoneyOf(amt)})
			d.refs[tPledges] = append(d.refs[tPledges], r.Number)
		}
	}
}

func (d *decoder) rooms() {
	tb, rows := d.rows(tRooms)
	if tb == nil {
		return
	}
	const cFrom, cRooms = 0, 1
	d.s.Rooms = make([]carecast.RoomsRow, 0, len(rows))
	d.refs[tRooms] = make([]int, 0, len(rows))
	for _, r := range rows {
		from, ok1 := d.date(tb, r, cFrom)
		n, ok2 := d.quantity(tb, r, cRooms, true)
		if ok1 && !d.inForce(tb, r, cFrom, from) {
			continue
		}
		if ok1 && ok2 {
			d.s.Rooms = append(d.s.Rooms, carecast.RoomsRow{From: from, Rooms: int(n.IntPart())})
			d.refs[tRooms] = append(d.refs[tRooms], r.Number)
		} else {
			d.unknownAfter(from, ok1)
		}
	}
	if len(rows) == 0 {
		d.err(tb.t.Name, "no rows; expected at least one row giving the block rooms available from a date")
	}
}

// unknownAfter notes a Rooms or Occupancy row with an error, from its date
// if that is known.
func (d *decoder) unknownAfter(from carecast.Date, known bool) {
	if !known {
		d.unknownFrom = math.MinInt
		return
	}
	d.unknownFrom = min(d.unknownFrom, from.Days())
}

func (d *decoder) grants() {
	tb, rows := d.rows(tGrants)
	if tb == nil {
		return
	}
	const cDate, cAmount, cDesc = 0, 1, 2
	for _, r := range rows {
		date, ok1 := d.date(tb, r, cDate)
		amt, ok2 := d.amount(tb, r, cAmount)
		if ok1 && d.horizon && (date.Before(d.start) || date.After(d.end)) {
			d.err(d.loc(tb, r.Number, cDate), fmt.Sprintf("the grant is dated outside the model: %s; expected a date from %s to %s", date, d.start, d.end))
			continue
		}
		desc := strings.TrimSpace(tb.cell(r, cDesc).Value)
		ok3 := d.text(d.loc(tb, r.Number, cDesc), "the grant's description", desc, false)
		if ok1 && ok2 && ok3 {
			d.s.Grants = append(d.s.Grants, carecast.Grant{Date: date, Amount: carecast.MoneyOf(amt), Description: desc})
		}
	}
}

func (d *decoder) costs() {
	tb, rows := d.rows(tCosts)
	if tb == nil {
		return
	}
	const cDesc, cFrom, cTo, cAmount = 0, 1, 2, 3
	swapped := d.swappedWindows(tb, rows, cFrom, cTo)
	for _, r := range rows {
		from, ok1 := d.date(tb, r, cFrom)
		to, ok2 := d.date(tb, r, cTo)
		amt, ok3 := d.amount(tb, r, cAmount)
		if swapped || ok1 && ok2 && !d.window(tb, r, cFrom, cTo, from, to, "cost") {
			continue
		}
		desc := strings.TrimSpace(tb.cell(r, cDesc).Value)
		ok4 := d.text(d.loc(tb, r.Number, cDesc), "the cost's description", desc, false)
		if ok1 && ok2 && ok3 && ok4 {
			d.s.Costs = append(d.s.Costs, carecast.Cost{Description: desc, From: from, To: to, AnnualAmount: carecast.MoneyOf(amt)})
		}
	}
}

// risks reads the Risks sheet: the factor and distribution by name, the
// numbers in the factor's unit, then carecast.Risk.Validate, the one check
// of a Risks row, located at the cell it names; a factor listed twice is
// an error on its second row.
func (d *decoder) risks() {
	tb, rows := d.rows(tRisks)
	if tb == nil {
		return
	}
	const cFactor, cDist, cLow, cMode, cHigh = 0, 1, 2, 3, 4
	seen := map[carecast.Factor]int{}
	for _, r := range rows {
		ok := true
		fcell := strings.TrimSpace(tb.cell(r, cFactor).Value)
		names := carecast.FactorNames(false)
		factor, known := carecast.ParseFactor(fcell)
		switch {
		case fcell == "":
			d.err(d.loc(tb, r.Number, cFactor), "missing value; expected one of "+names)
			ok = false
		case !known:
			d.err(d.loc(tb, r.Number, cFactor), fmt.Sprintf("unknown risk factor: found %s; expected one of %s", quote(fcell), names))
			ok = false
		case seen[factor] != 0:
			d.err(d.loc(tb, r.Number, cFactor), fmt.Sprintf("risk factor %s appears twice (first on row %d); expected it once", factor, seen[factor]))
			ok = false
		default:
			seen[factor] = r.Number
		}
		dcell := strings.TrimSpace(tb.cell(r, cDist).Value)
		dist, known := carecast.ParseDistribution(dcell)
		switch {
		case dcell == "":
			d.err(d.loc(tb, r.Number, cDist), "missing value; expected "+carecast.DistributionNames())
			ok = false
		case !known:
			d.err(d.loc(tb, r.Number, cDist), fmt.Sprintf("unknown distribution: found %s; expected %s", quote(dcell), carecast.DistributionNames()))
			ok = false
		}
		num := func(c int) (decimal.Decimal, bool) {
			cell := tb.cell(r, c)
			v, err := numberCell(cell, ParseRate)
			if err != nil {
				d.bad(d.loc(tb, r.Number, c), cell, err, "a number in the factor's unit, such as 0.9, 1.05 or 2%")
				return v, false
			}
			return v, true
		}
		// A uniform distribution's mode may be left blank: the midpoint.
		midpoint := tb.blank(r, cMode) && dist == carecast.Uniform
		low, okl := num(cLow)
		mode, okm := decimal.Zero, true
		if !midpoint {
			mode, okm = num(cMode)
		}
		high, okh := num(cHigh)
		if midpoint && okl && okh {
			mode = low.Add(high).Div(decimal.NewFromInt(2))
		}
		if !(ok && okl && okm && okh) {
			continue
		}
		risk := carecast.Risk{Factor: factor, Distribution: dist, Low: low, Mode: mode, High: high}
		// Values out of the factor's range are left to its bounds, which
		// quote the cell as typed.
		if err := risk.Validate(); err != nil && !errors.Is(err, carecast.ErrOutOfRange) {
			var re *carecast.RiskError
			col := cFactor
			if errors.As(err, &re) {
				col = columnIndex(tRisks, re.Field)
			}
			d.err(d.loc(tb, r.Number, col), err.Error())
			continue
		}
		inRange := true
		for _, x := range []struct {
			c int
			v decimal.Decimal
		}{{cLow, low}, {cMode, mode}, {cHigh, high}} {
			if x.c == cMode && midpoint {
				continue
			}
			inRange = d.boundedAt(tb, r.Number, x.c, "Risks", factor.String(), x.v, tb.cell(r, x.c)) && inRange
		}
		if !inRange {
			continue
		}
		d.s.Risks = append(d.s.Risks, risk)
	}
}
