package inputs

import (
	"fmt"
	"sort"

	"github.com/carecast/carecast"
	"github.com/shopspring/decimal"
)

// The checks across rows: duplicate dates, overlapping pledge windows,
// occupancy above capacity and occupancy with no spot cost in force. Each
// sorts the rows once and sweeps them, so its time grows with the number of
// rows (n log n), never with the number of days.

func (d *decoder) crossChecks() {
	d.duplicateDates()
	d.pledgeOverlaps()
	if !d.horizon {
		return
	}
	d.capacity()
	d.spotInForce()
	d.checkHeadroom()
	d.demandChecks()
	if d.allocationsUsed() {
		d.allocationCapacity()
	}
}

// clean reports whether the tables named decoded without an error, so a
// check across them sees every row.
func (d *decoder) clean(ks ...int) bool {
	for _, k := range ks {
		if d.tabs[k] == nil && tables[k].required || d.tabs[k] != nil && !d.tabs[k].ok || d.tableErrs[k] > 0 {
			return false
		}
	}
	return true
}

// present reports whether the tables named are there with their required
// columns, so a check across them can run on the rows that parsed.
func (d *decoder) present(ks ...int) bool {
	for _, k := range ks {
		if d.tabs[k] == nil && tables[k].required || d.tabs[k] != nil && !d.tabs[k].ok || d.second[k] {
			return false
		}
	}
	return true
}

// dated is a dated row of one council (council -1 for Rooms) for sorting.
type dated struct {
	council int
	day     int // carecast.Date.Days()
	row     int // row number in the sheet
	i       int // index in the scenario's slice
}

// sortDated orders by council, then day, then row.
func sortDated(xs []dated) {
	sort.Slice(xs, func(a, b int) bool {
		x, y := xs[a], xs[b]
		if x.council != y.council {
			return x.council < y.council
		}
		if x.day != y.day {
			return x.day < y.day
		}
		return x.row < y.row
	})
}

// duplicateDates finds two rows of Rooms, or of one council in Occupancy
// or SpotCosts, with the same from date: which holds would be ambiguous.
func (d *decoder) duplicateDates() {
	check := func(k int, xs []dated, what string) {
		d.cur = k
		sortDated(xs)
		for j := 1; j < len(xs); j++ {
			p, x := xs[j-1], xs[j]
			if p.council == x.council && p.day == x.day {
				if d.counted() {
					continue
				}
				whose := ""
				if x.council >= 0 {
					whose = " and council"
				}
				d.err(d.loc(d.tabs[k], x.row, 1-boolInt(x.council < 0)), fmt.Sprintf("row %d has the same from date%s, %s; expected one %s per date", p.row, whose, carecast.DateFromDays(x.day), what))
			}
		}
		d.cur = -1
	}
	if d.tabs[tRooms] != nil {
		xs := make([]dated, len(d.s.Rooms))
		for i, r := range d.s.Rooms {
			xs[i] = dated{-1, r.From.Days(), d.ref(tRooms, i), i}
		}
		check(tRooms, xs, "number of rooms")
	}
	for _, ct := range councilTables {
		if k := ct.table(); d.tabs[k] != nil {
			check(k, ct.dated(d), ct.perDate())
		}
	}
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}

// pledgeOverlaps finds pledge windows of one council that overlap.
func (d *decoder) pledgeOverlaps() {
	if d.tabs[tPledges] == nil {
		return
	}
	xs := make([]dated, len(d.s.Pledges))
	for i, p := range d.s.Pledges {
		xs[i] = dated{p.Council, p.From.Days(), d.ref(tPledges, i), i}
	}
	sortDated(xs)
	latest := -1 // index into xs of the window reaching furthest so far
	for j, x := range xs {
		if latest >= 0 && xs[latest].council != x.council {
			latest = -1
		}
		p := d.s.Pledges[x.i]
		if latest >= 0 {
			q := d.s.Pledges[xs[latest].i]
			if !p.From.After(q.To) {
				d.err(d.loc(d.tabs[tPledges], x.row, 1), fmt.Sprintf("pledge windows overlap: %s to %s overlaps row %d, %s to %s, of the same council, %s; expected one pledge at a time per council", p.From, p.To, xs[latest].row, q.From, q.To, d.s.Councils[p.Council].Label()))
			}
		}
		if latest < 0 || p.To.After(d.s.Pledges[xs[latest].i].To) {
			latest = j
		}
	}
}

// capacity finds the first day on which the councils together occupy more
// rooms than are available. Rooms and Occupancy rows are step functions
// (docs/methodology.md §3): sweeping their dates in order, the total changes only on
// a row's date, so only those dates (and start_date) need checking.
//
// It runs on the rows that parsed, even when other rows of either sheet
// have errors, so every problem is reported at once; but not from the
// date of a row with an error (d.unknownFrom), after which the rooms or
// occupancy are not known.
func (d *decoder) capacity() {
	if len(d.s.Occupancy) == 0 || !d.present(tRooms, tOccupancy) {
		return
	}
	type event struct {
		day  int
		occ  bool // an Occupancy row, else a Rooms row
		i    int
		row  int
		sort int
	}
	evs := make([]event, 0, len(d.s.Rooms)+len(d.s.Occupancy))
	for i, r := range d.s.Rooms {
		evs = append(evs, event{r.From.Days(), false, i, d.ref(tRooms, i), 0})
	}
	for i, o := range d.s.Occupancy {
		evs = append(evs, event{o.From.Days(), true, i, d.ref(tOccupancy, i), 1})
	}
	sort.Slice(evs, func(a, b int) bool {
		x, y := evs[a], evs[b]
		if x.day != y.day {
			return x.day < y.day
		}
		if x.sort != y.sort {
			return x.sort < y.sort
		}
		return x.row < y.row
	})
	occ := make([]decimal.Decimal, len(d.s.Councils))
	total := decimal.Zero
	rooms := 0
	startDay, endDay := d.start.Days(), d.end.Days()
	for j := 0; j < len(evs); {
		day := evs[j].day
		// Before start_date every row up to it applies at once.
		last := j
		for ; j < len(evs) && (evs[j].day == day || evs[j].day <= startDay); j++ {
			e := evs[j]
			if e.occ {
				o := d.s.Occupancy[e.i]
				total = total.Sub(occ[o.Council]).Add(o.RoomsOccupied)
				occ[o.Council] = o.RoomsOccupied
			} else {
				rooms = d.s.Rooms[e.i].Rooms
			}
			last = j
		}
		day = max(evs[last].day, startDay)
		if day > endDay || day >= d.unknownFrom {
			return
		}
		if total.GreaterThan(decimal.NewFromInt(int64(rooms))) {
			// Blame the row that tipped it: the last occupancy row of the
			// day, else the rooms row.
			e := evs[last]
			loc := d.loc(d.tabs[tRooms], e.row, 1)
			if e.occ {
				loc = d.loc(d.tabs[tOccupancy], e.row, 2)
			}
			d.cur = tOccupancy
			d.err(loc, fmt.Sprintf("occupancy above capacity on %s: the councils occupy %s rooms in all but %d block rooms are available; expected at most %d", carecast.DateFromDays(day), total, rooms, rooms))
			d.cur = -1
			return
		}
	}
}

// spotInForce finds, for each council, the first day in the model on which
// it occupies rooms with no spot cost in force: before its earliest
// SpotCosts row. With no Occupancy rows the default occupancy,
// occupancy_rate x rooms x share, is what it occupies.
//
// It runs on the rows that parsed (see capacity), but leaves out a council
// one of whose SpotCosts rows has an error: that row may be the one it
// lacks.
func (d *decoder) spotInForce() {
	if !d.present(tOccupancy, tSpotCosts) || !d.councils {
		return
	}
	const never = 1 << 40
	firstSpot := make([]int, len(d.s.Councils))
	for c := range firstSpot {
		firstSpot[c] = never
	}
	for _, s := range d.s.SpotCosts {
		firstSpot[s.Council] = min(firstSpot[s.Council], s.From.Days())
	}
	for c := range d.badSpot {
		firstSpot[c] = -never // a row with an error: not judged
	}
	startDay, endDay := d.start.Days(), d.end.Days()
	spotName := d.sheetName(tSpotCosts)
	why := func(c int) string {
		if firstSpot[c] == never {
			return "it has no " + spotName + " row"
		}
		return fmt.Sprintf("its first spot cost is from %s", carecast.DateFromDays(firstSpot[c]))
	}
	// Rows of Occupancy, or of Demand (whose overflow is spot-purchased
	// and whose occupancy is derived from it): a council with a positive
	// value needs a spot cost in force.
	k, verb := tOccupancy, "occupies rooms"
	n := len(d.s.Occupancy)
	value := func(i int) (int, carecast.Date, decimal.Decimal) {
		o := d.s.Occupancy[i]
		return o.Council, o.From, o.RoomsOccupied
	}
	if n == 0 && len(d.s.Demand) > 0 {
		if !d.clean(tDemand) {
			return
		}
		k, verb, n = tDemand, "needs placements", len(d.s.Demand)
		value = func(i int) (int, carecast.Date, decimal.Decimal) {
			o := d.s.Demand[i]
			return o.Council, o.From, o.Placements
		}
	}
	if n > 0 {
		xs := make([]dated, n)
		for i := range xs {
			c, from, _ := value(i)
			xs[i] = dated{c, from.Days(), d.ref(k, i), i}
		}
		sortDated(xs)
		for j := 0; j < len(xs); j++ {
			x := xs[j]
			until := endDay
			if j+1 < len(xs) && xs[j+1].council == x.council {
				until = xs[j+1].day - 1
			}
			if _, _, v := value(x.i); v.Sign() <= 0 {
				continue
			}
			lo := max(x.day, startDay)
			hi := min(until, endDay, firstSpot[x.council]-1)
			if lo > hi {
				continue
			}
			c := d.s.Councils[x.council]
			d.cur = k
			d.err(d.loc(d.tabs[k], x.row, 2), fmt.Sprintf("no spot cost in force: %s %s on %s but %s; expected a %s row for %s with from on or before %s", c.Label(), verb, carecast.DateFromDays(lo), why(x.council), spotName, c.Code, carecast.DateFromDays(lo)))
			d.cur = -1
			// Report a council once.
			for j+1 < len(xs) && xs[j+1].council == x.council {
				j++
			}
		}
		return
	}
	if d.tabs[tOccupancy] != nil && !d.tabs[tOccupancy].ok || d.s.Assumptions.OccupancyRate.Sign() <= 0 || !d.clean(tCouncils, tPledges, tRooms) {
		return
	}
	d.defaultOccupancySpot(firstSpot, why)
}

// defaultOccupancySpot is spotInForce for the default occupancy: a council
// occupies rooms on a day when rooms are available and its share of month
// is positive (docs/methodology.md §4).
func (d *decoder) defaultOccupancySpot(firstSpot []int, why func(int) string) {
	s := d.s
	months := s.Assumptions.Months()
	startDay := d.start.Days()
	anyShare := false
	for _, c := range s.Councils {
		anyShare = anyShare || c.HasShare
	}
	// positive[c][m]: council c pays a positive instalment in month m;
	// paying[m]: some council does.
	var positive [][]bool
	var paying []bool
	if !anyShare {
		positive = make([][]bool, len(s.Councils))
		for c := range positive {
			positive[c] = make([]bool, months)
		}
		paying = make([]bool, months)
		twelve := decimal.NewFromInt(12)
		for _, p := range s.Pledges {
			a := p.AnnualAmount.Decimal()
			j := 0
			for m := 0; m < months; m++ {
				ms := d.start.AddMonths(m)
				if ms.Before(p.From) || ms.After(p.To) {
					continue
				}
				inst := carecast.DivRound(a.Mul(decimal.NewFromInt(int64(j+1))), twelve, 2).Sub(carecast.DivRound(a.Mul(decimal.NewFromInt(int64(j))), twelve, 2))
				j++
				if inst.Sign() > 0 {
					positive[p.Council][m] = true
					paying[m] = true
				}
			}
		}
	}
	rooms := append([]carecast.RoomsRow(nil), s.Rooms...)
	sort.SliceStable(rooms, func(a, b int) bool { return rooms[a].From.Before(rooms[b].From) })
	for c, council := range s.Councils {
		if firstSpot[c] <= startDay {
			continue
		}
		if anyShare && (!council.HasShare || council.Share.Sign() <= 0) {
			continue
		}
		for m := 0; m < months; m++ {
			ms := d.start.AddMonths(m)
			if ms.Days() >= firstSpot[c] {
				break
			}
			if !anyShare && paying[m] && !positive[c][m] {
				continue // a zero share this month
			}
			me := min(d.start.AddMonths(m+1).Days()-1, firstSpot[c]-1)
			day, ok := firstWithRooms(rooms, ms.Days(), me)
			if !ok {
				continue
			}
			d.err(d.loc(d.tabs[tCouncils], d.councilRows[c], 0), fmt.Sprintf("no spot cost in force: %s occupies block rooms from %s at the default occupancy (occupancy_rate, as %s has no rows) but %s; expected a %s row for %s with from on or before %s", council.Label(), carecast.DateFromDays(day), d.sheetName(tOccupancy), why(c), d.sheetName(tSpotCosts), council.Code, carecast.DateFromDays(day)))
			break
		}
	}
}

// firstWithRooms returns the first day in [lo, hi] with rooms available,
// rooms sorted by From.
func firstWithRooms(rooms []carecast.RoomsRow, lo, hi int) (int, bool) {
	// The row in force on lo: the last with From <= lo (the last of equal
	// dates wins, as in the input order).
	i := sort.Search(len(rooms), func(k int) bool { return rooms[k].From.Days() > lo }) - 1
	if i >= 0 && rooms[i].Rooms > 0 {
		return lo, true
	}
	for k := i + 1; k < len(rooms); k++ {
		day := rooms[k].From.Days()
		if day > hi {
			break
		}
		if rooms[k].Rooms > 0 && (k+1 == len(rooms) || rooms[k+1].From.Days() != day) {
			return day, true
		}
	}
	return 0, false
}

// demandChecks are the checks of occupancy derived from demand
// (docs/methodology.md §11): Occupancy and Demand rows are not both given;
// allocations never exceed the rooms available; the sharing rule has what
// it needs.
func (d *decoder) demandChecks() {
	a := d.s.Assumptions
	if len(d.s.Demand) > 0 && len(d.s.Occupancy) > 0 {
		d.cur = tDemand
		d.err(d.loc(d.tabs[tDemand], d.ref(tDemand, 0), -1), fmt.Sprintf("%s has rows too; expected rows in %s or in %s, not both (occupancy is either given or derived from demand)", d.sheetName(tOccupancy), d.sheetName(tOccupancy), d.sheetName(tDemand)))
		d.cur = -1
	}
	allocated := a.SharingRule() != carecast.SharingPooled
	switch {
	case len(d.s.Demand) > 0 && allocated && len(d.s.Allocations) == 0 && d.clean(tAllocations):
		d.err(d.where(tAllocations), fmt.Sprintf("sharing is %s but there are no allocations; expected rows in %s saying which rooms each council has, or sharing pooled", a.SharingRule(), d.sheetName(tAllocations)))
	case len(d.s.Demand) == 0 && len(d.s.Allocations) > 0:
		d.warn(d.loc(d.tabs[tAllocations], d.ref(tAllocations, 0), -1), fmt.Sprintf("allocations are used only with demand, and %s has no rows; ignored", d.sheetName(tDemand)))
	case len(d.s.Demand) > 0 && !allocated && len(d.s.Allocations) > 0:
		d.warn(d.loc(d.tabs[tAllocations], d.ref(tAllocations, 0), -1), "allocations are not used when sharing is pooled (the default); set sharing to allocated or allocated_trade to use them")
	}
}

// allocationsUsed reports whether the scenario's allocations are used:
// with Demand rows and a sharing rule that allocates. Allocations not used
// are warned about (demandChecks), and not checked as if they were.
func (d *decoder) allocationsUsed() bool {
	return len(d.s.Demand) > 0 && d.s.Assumptions.SharingRule() != carecast.SharingPooled
}

// allocationCapacity reports every date on which the allocations together
// exceed the rooms available, at the row that tipped them over: the last
// Allocations row of the day, else the Rooms row.
func (d *decoder) allocationCapacity() {
	if len(d.s.Allocations) == 0 || !d.clean(tRooms, tAllocations) {
		return
	}
	type event struct {
		day, i, row int
		alloc       bool
	}
	evs := make([]event, 0, len(d.s.Rooms)+len(d.s.Allocations))
	for i, r := range d.s.Rooms {
		evs = append(evs, event{r.From.Days(), i, d.ref(tRooms, i), false})
	}
	for i, r := range d.s.Allocations {
		evs = append(evs, event{r.From.Days(), i, d.ref(tAllocations, i), true})
	}
	sort.Slice(evs, func(a, b int) bool {
		x, y := evs[a], evs[b]
		if x.day != y.day {
			return x.day < y.day
		}
		if x.alloc != y.alloc {
			return !x.alloc
		}
		return x.row < y.row
	})
	alloc := make([]int, len(d.s.Councils))
	lastRow := make([]int, len(d.s.Councils)) // the council's allocation row in force
	total, rooms := 0, 0
	startDay, endDay := d.start.Days(), d.end.Days()
	for j := 0; j < len(evs); {
		day := evs[j].day
		last := j
		for ; j < len(evs) && (evs[j].day == day || evs[j].day <= startDay); j++ {
			e := evs[j]
			if e.alloc {
				r := d.s.Allocations[e.i]
				total += r.Rooms - alloc[r.Council]
				alloc[r.Council], lastRow[r.Council] = r.Rooms, e.row
			} else {
				rooms = d.s.Rooms[e.i].Rooms
			}
			last = j
		}
		day = max(evs[last].day, startDay)
		if day > endDay {
			return
		}
		if total <= rooms {
			continue
		}
		e := evs[last]
		row := e.row
		if !e.alloc {
			// The rooms fell below the allocations: blame the latest
			// allocation in force.
			row = -1
			for c, r := range lastRow {
				if alloc[c] > 0 && r > row {
					row = r
				}
			}
		}
		d.cur = tAllocations
		d.err(d.loc(d.tabs[tAllocations], row, 2), fmt.Sprintf("allocations above the rooms available on %s: %d rooms are allocated in all but %d block rooms are available; expected at most %d", carecast.DateFromDays(day), total, rooms, rooms))
		d.cur = -1
	}
}
