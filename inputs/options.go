package inputs

import (
	"fmt"
	"math"
	"strings"

	"github.com/carecast/carecast"
	"github.com/shopspring/decimal"
)

// The Options and WiderBenefits sheets (docs/methodology.md §9 and §10).

// optionRef is where an option came from: its first row.
type optionRef struct {
	row  int  // row number of its first row
	bad  bool // one of its rows has an error
	seen map[string]int
}

// options reads the Options sheet: rows with the same option name form one
// option, in order of first appearance.
func (d *decoder) options() {
	tb, rows := d.rows(tOptions)
	if tb == nil {
		return
	}
	const cOption, cSetting, cValue = 0, 1, 2
	byName := map[string]int{}
	tooMany := false
	for _, r := range rows {
		name := strings.TrimSpace(tb.cell(r, cOption).Value)
		if name == "" {
			d.err(d.loc(tb, r.Number, cOption), "missing value; expected the name of the option this row belongs to")
			continue
		}
		i, ok := byName[councilNameKey(name)]
		if !ok && len(d.s.Options) == MaxOptions {
			if !tooMany {
				d.err(d.loc(tb, r.Number, cOption), fmt.Sprintf("too many options: %s is option %s; expected at most %s (each is forecast, and simulated with --risk, in compare and the paper; a business case short-lists a handful)", quote(name), groupInt(MaxOptions+1), groupInt(MaxOptions)))
				tooMany = true
			}
			continue
		}
		if !ok {
			reserved := !d.text(d.loc(tb, r.Number, cOption), "the option's name", name, true) || d.reservedName(tb, r, name)
			i = len(d.s.Options)
			byName[councilNameKey(name)] = i
			d.s.Options = append(d.s.Options, carecast.Option{Name: name, Assumptions: d.s.Assumptions})
			d.optionRefs = append(d.optionRefs, optionRef{row: r.Number, seen: map[string]int{}, bad: reserved})
		}
		o, ref := &d.s.Options[i], &d.optionRefs[i]
		n := len(d.errs)
		d.optionRow(tb, r, o, ref)
		if len(d.errs) > n {
			ref.bad = true
		}
	}
}

// reservedName reports an option named as carecast names the base case
// or business as usual (ignoring case, spaces, hyphens and underscores),
// at its name's cell: its column would be headed as theirs.
func (d *decoder) reservedName(tb *tab, r Row, name string) bool {
	for _, n := range carecast.ReservedOptionNames {
		if Key(n) == Key(name) {
			d.err(d.loc(tb, r.Number, 0), fmt.Sprintf("the option name %s is carecast's own name for %s; expected another name, such as %s", quote(name), strings.ToLower(n), quote(n+" (variant)")))
			return true
		}
	}
	return false
}

// optionRow reads one row of the Options sheet into option o.
func (d *decoder) optionRow(tb *tab, r Row, o *carecast.Option, ref *optionRef) {
	const cSetting, cValue = 1, 2
	raw := strings.TrimSpace(tb.cell(r, cSetting).Value)
	k := Key(raw)
	sloc, vloc := d.loc(tb, r.Number, cSetting), d.loc(tb, r.Number, cValue)
	if k == "" {
		d.err(sloc, fmt.Sprintf("missing value; expected one of %s", strings.Join(optionSettings(), ", ")))
		return
	}
	canon := ""
	for _, s := range optionSettings() {
		if Key(s) == k {
			canon = s
		}
	}
	if canon == "" {
		d.err(sloc, fmt.Sprintf("unknown setting %s for option %s; expected one of %s%s", quote(raw), quote(o.Name), strings.Join(optionSettings(), ", "), didYouMean(raw, optionSettings(), Key)))
		return
	}
	if first, dup := ref.seen[canon]; dup && canon != optExcludeCouncil {
		d.err(sloc, fmt.Sprintf("setting %s appears twice for option %s (first on row %d); expected it once", canon, quote(o.Name), first))
		return
	}
	ref.seen[canon] = r.Number
	cell := tb.cell(r, cValue)
	if canon != optDescription && strings.TrimSpace(cell.Value) == "" {
		d.err(vloc, fmt.Sprintf("missing value of %s for option %s; expected %s", canon, quote(o.Name), optionExpect(canon)))
		return
	}
	switch canon {
	case optDescription:
		v := strings.TrimSpace(cell.Value)
		if d.text(vloc, "the option's description", v, false) {
			o.Description = v
		}
	case optExcludeCouncil:
		if c, ok := d.council(tb, r, cValue); ok {
			if o.Excludes(c) {
				d.err(vloc, fmt.Sprintf("council %s is left out of option %s twice; expected it once", quote(strings.TrimSpace(cell.Value)), quote(o.Name)))
				return
			}
			o.ExcludeCouncils = append(o.ExcludeCouncils, c)
		}
	case optRoomsScale, optPledgeScale, optOccupancyScale:
		v, err := numberCell(cell, ParseRate)
		switch {
		case err != nil:
			d.bad(vloc, cell, err, optionExpect(canon))
			return
		case v.Sign() < 0 || canon == optRoomsScale && v.Sign() == 0:
			d.err(vloc, fmt.Sprintf("%s out of range: found %s; expected %s", canon, quote(strings.TrimSpace(cell.Value)), optionExpect(canon)))
			return
		case !d.bounded(vloc, "Options", canon, v, cell):
			return
		}
		f := decimal.NewNullDecimal(v)
		switch canon {
		case optRoomsScale:
			o.RoomsScale = f
		case optPledgeScale:
			o.PledgeScale = f
		default:
			o.OccupancyScale = f
		}
	default:
		if d.setting(&o.Assumptions, carecast.SettingFor(canon), cell, vloc) {
			o.Keys = append(o.Keys, canon)
		}
	}
}

// optionExpect says what an option setting's value should be.
func optionExpect(key string) string {
	switch key {
	case optExcludeCouncil:
		return "the code or name of a council"
	case optRoomsScale:
		return "a factor above 0, such as 0.7 (rooms are rounded half up to whole rooms)"
	case optPledgeScale, optOccupancyScale:
		return "a factor of 0 or more, such as 0.9"
	}
	return settingExpect(carecast.SettingFor(key))
}

// optionChecks applies each option to the base case and checks what it
// changed against the rules of the other sheets: an option that breaks one
// is an error at its first row. The checks run only on a base case with
// no errors, so that they say something about the option.
func (d *decoder) optionChecks() {
	if len(d.s.Options) == 0 || len(d.errs) > d.tableErrs[tOptions] {
		return
	}
	tb := d.tabs[tOptions]
	for i := range d.s.Options {
		o, ref := &d.s.Options[i], &d.optionRefs[i]
		if ref.bad {
			continue
		}
		t := o.Apply(d.s)
		sub := &decoder{b: d.b, s: t, cur: -1, tabs: d.tabs, councils: true, badSpot: map[int]bool{}, unknownFrom: math.MaxInt,
			horizon: true, start: t.Assumptions.StartDate, end: t.Assumptions.End(),
			optLoc: d.loc(tb, ref.row, 0), optName: o.Name, optCells: map[string]string{}}
		for key, row := range ref.seen {
			sub.optCells[key] = d.loc(tb, row, 2)
		}
		sub.councilRows = make([]int, len(t.Councils))
		sub.appliedChecks()
		d.cur = tOptions
		for _, p := range sub.errs {
			d.err(p.Loc, p.Msg)
		}
		d.cur = -1
	}
}

// appliedChecks are the checks of a scenario an option has changed: the
// rules an option's settings can break.
func (d *decoder) appliedChecks() {
	s := d.s
	if len(s.Councils) == 0 {
		d.err("", "it leaves out every council; expected at least one council to take part")
		return
	}
	anyShare, total := false, decimal.Zero
	for _, c := range s.Councils {
		if c.HasShare {
			anyShare = true
			total = total.Add(c.Share)
		}
	}
	if anyShare && total.Sign() == 0 {
		d.err("", "every council left in has a zero share; expected at least one positive share")
	}
	// The rules across settings, as for the base case's: an option's
	// settings, and the base's under them, meet every check of their keys.
	if !d.settingRules(s.Assumptions, carecast.Settings(), func(key string) string { return d.optCells[key] }, "") {
		return
	}
	if len(s.Occupancy) == 0 && s.Assumptions.OccupancyRate.GreaterThan(decimal.NewFromInt(1)) {
		d.err("", fmt.Sprintf("occupancy_rate above 100%%: %s; expected at most 100%% (lower occupancy_scale)", s.Assumptions.OccupancyRate.Shift(2).String()+"%"))
	}
	for _, r := range s.Rooms {
		if r.Rooms > maxRooms {
			d.err("", fmt.Sprintf("too many rooms from %s: %d; expected at most %d", r.From, r.Rooms, maxRooms))
			return
		}
	}
	// The horizon may have moved: every row must still overlap it.
	for _, p := range s.Pledges {
		d.window(d.tabs[tPledges], Row{}, 1, 2, p.From, p.To, "pledge of "+s.Councils[p.Council].Code)
	}
	for _, c := range s.Costs {
		d.window(d.tabs[tCosts], Row{}, 1, 2, c.From, c.To, "cost")
	}
	for _, g := range s.Grants {
		if g.Date.Before(d.start) || g.Date.After(d.end) {
			d.err("", fmt.Sprintf("a grant is dated outside the model: %s; expected a date from %s to %s", g.Date, d.start, d.end))
		}
	}
	for _, r := range s.Rooms {
		d.inForce(d.tabs[tRooms], Row{}, 0, r.From)
	}
	for _, ct := range councilTables {
		if tb := d.tabs[ct.table()]; tb != nil {
			for _, x := range ct.dated(d) {
				d.inForce(tb, Row{}, 1, carecast.DateFromDays(x.day))
			}
		}
	}
	if len(d.errs) > 0 {
		return
	}
	d.capacity()
	d.spotInForce()
	d.checkHeadroom()
	// Allocations above an option's rooms (a smaller block being sized)
	// are shared in proportion by the engine: not an error here.
	d.demandChecks()
}

// widerBenefits reads the WiderBenefits sheet.
func (d *decoder) widerBenefits() {
	tb, rows := d.rows(tWiderBenefits)
	if tb == nil {
		return
	}
	const cMeasure, cUnit, cPer, cValue, cBearer, cSource = 0, 1, 2, 3, 4, 5
	if len(rows) > MaxWiderBenefits {
		d.err(tb.t.Name, fmt.Sprintf("too many wider benefits: found %s rows; expected at most %s (each is worked out for every council and month; a scheme reports a handful)", groupInt(len(rows)), groupInt(MaxWiderBenefits)))
		return
	}
	for _, r := range rows {
		measure := strings.TrimSpace(tb.cell(r, cMeasure).Value)
		ok := true
		if measure == "" {
			d.err(d.loc(tb, r.Number, cMeasure), "missing value; expected what the benefit is, such as missing-person episodes avoided")
			ok = false
		}
		cell := tb.cell(r, cPer)
		per, err := numberCell(cell, parseQuantity)
		switch {
		case err != nil:
			d.bad(d.loc(tb, r.Number, cPer), cell, err, "the units each occupied block room-year brings, such as 0.5")
			ok = false
		case per.Sign() < 0:
			d.err(d.loc(tb, r.Number, cPer), fmt.Sprintf("negative per_room_year: found %s; expected zero or more", quote(strings.TrimSpace(cell.Value))))
			ok = false
		case !d.boundedAt(tb, r.Number, cPer, "WiderBenefits", "per_room_year", per, cell):
			ok = false
		}
		value, ok2 := d.amount(tb, r, cValue)
		texts := [...]string{cMeasure: measure, cUnit: "", cBearer: "", cSource: ""}
		for _, c := range []int{cMeasure, cUnit, cBearer, cSource} {
			texts[c] = strings.TrimSpace(tb.cell(r, c).Value)
			ok = d.text(d.loc(tb, r.Number, c), "the benefit's "+tb.spec.columns[c].name, texts[c], false) && ok
		}
		if !ok || !ok2 {
			continue
		}
		d.s.WiderBenefits = append(d.s.WiderBenefits, carecast.WiderBenefit{
			Measure: measure, Unit: texts[cUnit],
			PerRoomYear: per, UnitValue: carecast.MoneyOf(value),
			Bearer: texts[cBearer], Source: texts[cSource],
		})
	}
}
