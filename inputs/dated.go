package inputs

import (
	"fmt"
	"strings"

	"github.com/carecast/carecast"
	"github.com/shopspring/decimal"
)

// The per-council dated tables: a council and a from date in their first
// two columns, then the values that hold for the council from that date
// until its next row. Each is one entry of councilTables, which is all that
// reading the table, checking its dates and writing it into the template
// need: a new such table (Actuals, say) is a row type in carecast, its
// tableSpec in schema.go and an entry here.

// councilTable is a per-council dated table, whatever its row type.
type councilTable interface {
	// table is the table's index in tables.
	table() int
	// perDate is what a row gives, for the message of two rows of a
	// council on one date.
	perDate() string
	// decode reads the table's rows into the scenario.
	decode(d *decoder)
	// dated lists the scenario's rows by council and day, for the checks
	// across rows.
	dated(d *decoder) []dated
	// templateRows are the rows as the template writes them; ref names a
	// council.
	templateRows(s *carecast.Scenario, ref func(int) any) [][]any
}

// perCouncil is a councilTable of rows of type T.
type perCouncil[T any] struct {
	k int
	// what is what a row gives, for the message of two rows of a council
	// on one date: "expected one occupancy per council per date".
	what string
	// rows is the scenario's slice of the table's rows; at says a row's
	// council and from date; cells are its values after those two, as the
	// template writes them.
	rows  func(*carecast.Scenario) *[]T
	at    func(T) (council int, from carecast.Date)
	cells func(T) []any
	// read reads the values of row r (its columns after from) into a row
	// of council c from from, reporting what is wrong; ok is false on an
	// error.
	read func(d *decoder, tb *tab, r Row, c int, from carecast.Date) (v T, ok bool)
	// bad, when set, notes a row with an error: whether its council and
	// its from date were read.
	bad func(d *decoder, c int, councilOK bool, from carecast.Date, fromOK bool)
}

func (p *perCouncil[T]) table() int      { return p.k }
func (p *perCouncil[T]) perDate() string { return p.what }

func (p *perCouncil[T]) decode(d *decoder) {
	tb, rows := d.rows(p.k)
	if tb == nil {
		return
	}
	const cCouncil, cFrom = 0, 1
	// Sized once: a table of a million rows is not copied as it grows.
	*p.rows(d.s) = make([]T, 0, len(rows))
	d.refs[p.k] = make([]int, 0, len(rows))
	for _, r := range rows {
		c, ok1 := d.council(tb, r, cCouncil)
		from, ok2 := d.date(tb, r, cFrom)
		v, ok3 := p.read(d, tb, r, c, from)
		if ok2 && !d.inForce(tb, r, cFrom, from) {
			continue
		}
		if ok1 && ok2 && ok3 {
			rs := p.rows(d.s)
			*rs = append(*rs, v)
			d.refs[p.k] = append(d.refs[p.k], r.Number)
		} else if p.bad != nil {
			p.bad(d, c, ok1, from, ok2)
		}
	}
}

func (p *perCouncil[T]) dated(d *decoder) []dated {
	rows := *p.rows(d.s)
	xs := make([]dated, len(rows))
	for i, r := range rows {
		c, from := p.at(r)
		xs[i] = dated{c, from.Days(), d.ref(p.k, i), i}
	}
	return xs
}

func (p *perCouncil[T]) templateRows(s *carecast.Scenario, ref func(int) any) [][]any {
	var out [][]any
	for _, r := range *p.rows(s) {
		c, from := p.at(r)
		out = append(out, append([]any{ref(c), from}, p.cells(r)...))
	}
	return out
}

// demandPlaces is the precision of a Demand row's placements: derived
// occupancy is held to six decimal places and must never exceed demand.
const demandPlaces = 6

// councilTables are the per-council dated tables, in the order of tables.
var councilTables = []councilTable{
	&perCouncil[carecast.OccupancyRow]{k: tOccupancy, what: "occupancy per council",
		rows:  func(s *carecast.Scenario) *[]carecast.OccupancyRow { return &s.Occupancy },
		at:    func(r carecast.OccupancyRow) (int, carecast.Date) { return r.Council, r.From },
		cells: func(r carecast.OccupancyRow) []any { return []any{r.RoomsOccupied} },
		read: func(d *decoder, tb *tab, r Row, c int, from carecast.Date) (carecast.OccupancyRow, bool) {
			n, ok := d.quantity(tb, r, 2, false)
			return carecast.OccupancyRow{Council: c, From: from, RoomsOccupied: n}, ok
		},
		// Capacity is not judged from the date of a row with an error.
		bad: func(d *decoder, _ int, _ bool, from carecast.Date, fromOK bool) { d.unknownAfter(from, fromOK) },
	},
	&perCouncil[carecast.DemandRow]{k: tDemand, what: "demand per council",
		rows:  func(s *carecast.Scenario) *[]carecast.DemandRow { return &s.Demand },
		at:    func(r carecast.DemandRow) (int, carecast.Date) { return r.Council, r.From },
		cells: func(r carecast.DemandRow) []any { return []any{r.Placements} },
		read: func(d *decoder, tb *tab, r Row, c int, from carecast.Date) (carecast.DemandRow, bool) {
			const cPlacements = 2
			n, ok := d.quantityOf(tb, r, cPlacements, false, "placements", "placements (children at once)")
			if ok && !n.Equal(n.Round(demandPlaces)) {
				d.err(d.loc(tb, r.Number, cPlacements), fmt.Sprintf("too many decimal places: found %s; expected a number of placements to at most %d decimal places", quote(strings.TrimSpace(tb.cell(r, cPlacements).Value)), demandPlaces))
				ok = false
			}
			return carecast.DemandRow{Council: c, From: from, Placements: n}, ok
		},
	},
	&perCouncil[carecast.AllocationRow]{k: tAllocations, what: "allocation per council",
		rows:  func(s *carecast.Scenario) *[]carecast.AllocationRow { return &s.Allocations },
		at:    func(r carecast.AllocationRow) (int, carecast.Date) { return r.Council, r.From },
		cells: func(r carecast.AllocationRow) []any { return []any{r.Rooms} },
		read: func(d *decoder, tb *tab, r Row, c int, from carecast.Date) (carecast.AllocationRow, bool) {
			n, ok := d.quantity(tb, r, 2, true)
			return carecast.AllocationRow{Council: c, From: from, Rooms: int(n.IntPart())}, ok
		},
	},
	&perCouncil[carecast.SpotCost]{k: tSpotCosts, what: "spot cost per council",
		rows:  func(s *carecast.Scenario) *[]carecast.SpotCost { return &s.SpotCosts },
		at:    func(r carecast.SpotCost) (int, carecast.Date) { return r.Council, r.From },
		cells: func(r carecast.SpotCost) []any { return []any{r.WeeklyCost, r.AnnualInflation} },
		read: func(d *decoder, tb *tab, r Row, c int, from carecast.Date) (carecast.SpotCost, bool) {
			const cWeekly, cInfl = 2, 3
			w, ok := d.amount(tb, r, cWeekly)
			infl, okInfl := decimal.Zero, true
			if !tb.blank(r, cInfl) {
				infl, okInfl = d.rate(tb, r, cInfl)
				if okInfl {
					okInfl = d.boundedAt(tb, r.Number, cInfl, "SpotCosts", "annual_inflation", infl, tb.cell(r, cInfl))
				}
			}
			return carecast.SpotCost{Council: c, From: from, WeeklyCost: w, AnnualInflation: infl}, ok && okInfl
		},
		// A council with a row in error is not judged for want of a spot
		// cost: that row may be the one it lacks.
		bad: func(d *decoder, c int, councilOK bool, _ carecast.Date, _ bool) {
			if councilOK {
				d.badSpot[c] = true
			}
		},
	},
}
