package inputs

import (
	"fmt"
	"slices"

	"github.com/carecast/carecast"
)

// silentMistakes warns about an input that is valid but probably not what
// its author meant (docs/methodology.md §2): a council that pays no
// pledge, has no spot price or occupies no room in any month of the
// scheme. Each is located at the council's row of the Councils sheet. They
// are looked for only when the input has no errors, so that each warning
// is about the scenario that will be forecast.
func (d *decoder) silentMistakes() {
	if len(d.errs) > 0 || !d.horizon || !d.councils || d.tabs[tCouncils] == nil {
		return
	}
	s, a := d.s, d.s.Assumptions
	start, end := d.start, d.end
	lastMonth := start.AddMonths(a.Months() - 1)
	period := fmt.Sprintf("from %s to %s", start.Long(), end.Long())

	// held reports whether a step function (rows from a date until the
	// council's next row) is positive on some day of the horizon.
	type step struct {
		from carecast.Date
		pos  bool
	}
	held := func(steps []step) bool {
		for i, st := range steps {
			if !st.pos || st.from.After(end) {
				continue
			}
			if i+1 == len(steps) || steps[i+1].from.After(start) {
				return true
			}
		}
		return false
	}
	stepsOf := func(n int, council func(i int) int, from func(i int) carecast.Date, pos func(i int) bool) [][]step {
		out := make([][]step, len(s.Councils))
		for i := range n {
			c := council(i)
			if c < 0 || c >= len(out) {
				continue
			}
			out[c] = append(out[c], step{from(i), pos(i)})
		}
		for _, xs := range out {
			slices.SortStableFunc(xs, func(x, y step) int { return x.from.Compare(y.from) })
		}
		return out
	}
	spot := stepsOf(len(s.SpotCosts), func(i int) int { return s.SpotCosts[i].Council },
		func(i int) carecast.Date { return s.SpotCosts[i].From }, func(i int) bool { return s.SpotCosts[i].WeeklyCost.Sign() > 0 })
	var occ [][]step
	what := ""
	switch {
	case len(s.Occupancy) > 0:
		occ = stepsOf(len(s.Occupancy), func(i int) int { return s.Occupancy[i].Council },
			func(i int) carecast.Date { return s.Occupancy[i].From }, func(i int) bool { return s.Occupancy[i].RoomsOccupied.Sign() > 0 })
		what = "occupies no block room in any month " + period + " (no Occupancy row above zero in force)"
	case len(s.Demand) > 0:
		occ = stepsOf(len(s.Demand), func(i int) int { return s.Demand[i].Council },
			func(i int) carecast.Date { return s.Demand[i].From }, func(i int) bool { return s.Demand[i].Placements.Sign() > 0 })
		what = "has no demand, so occupies no block room, in any month " + period + " (no Demand row above zero in force)"
	}

	// A pledge pays in the months whose first day lies in [from, to]
	// (docs/methodology.md §4): one of them must be a month of the scheme.
	pays := make([]bool, len(s.Councils))
	for _, p := range s.Pledges {
		if p.Council < 0 || p.Council >= len(pays) || p.AnnualAmount.Sign() <= 0 {
			continue
		}
		first := p.From
		if first.Before(start) {
			first = start
		}
		if first.Day != 1 {
			first = carecast.NewDate(first.Year, first.Month+1, 1)
		}
		if !first.After(p.To) && !first.After(lastMonth) {
			pays[p.Council] = true
		}
	}
	anyShare := false
	for _, c := range s.Councils {
		anyShare = anyShare || c.HasShare
	}
	for c, council := range s.Councils {
		loc := d.loc(d.tabs[tCouncils], d.councilRows[c], 0)
		name := council.Code
		if council.Name != "" && council.Name != council.Code {
			name += " (" + council.Name + ")"
		}
		if !pays[c] {
			d.advise(loc, fmt.Sprintf("council %s pays no pledge in any month %s; expected a Pledges row for it above zero, unless it joins the scheme without paying in", name, period))
		}
		if !held(spot[c]) {
			d.advise(loc, fmt.Sprintf("council %s has no spot price above zero in any month %s, so the scheme avoids no spot purchasing for it; expected a SpotCosts row for it", name, period))
		}
		switch {
		case occ != nil && !held(occ[c]):
			d.advise(loc, fmt.Sprintf("council %s %s; expected rows for it, or leave it out of the Councils sheet", name, what))
		case occ == nil && anyShare && council.Share.Sign() <= 0:
			d.advise(loc, fmt.Sprintf("council %s has no share (the share column is blank or 0 for it), so with no Occupancy rows it occupies no block room in any month; expected a share above zero", name))
		}
	}
	if len(s.Occupancy) == 0 && len(s.Demand) == 0 && a.OccupancyRate.Sign() == 0 && d.tabs[tAssumptions] != nil {
		d.advise(d.tabs[tAssumptions].t.Name, "occupancy_rate is 0 and the Occupancy sheet has no rows, so no council occupies any block room and the scheme avoids no spot purchasing; expected a rate such as 90%, or Occupancy rows")
	}
}

// advise records the warning of a silent mistake.
func (d *decoder) advise(loc, msg string) {
	if len(d.warns) < MaxProblems {
		d.warns = append(d.warns, Problem{Loc: loc, Msg: msg, Silent: true})
	} else {
		d.moreWarns++
	}
}
