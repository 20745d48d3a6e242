package carecast

import (
	"github.com/shopspring/decimal"
)

// Option is one option of the Options sheet: a variation on the base case
// for an options appraisal (HM Treasury Green Book). Apply turns the base
// scenario into the option's.
type Option struct {
	Name        string
	Description string
	// Keys are the Assumptions settings the option overrides, by their
	// canonical names (block_weekly_price, optimism_bias, ...), in the order
	// given; Assumptions holds their values (its other fields are unused).
	Keys        []string
	Assumptions Assumptions
	// ExcludeCouncils are indices into the base scenario's Councils of the
	// councils that take no part.
	ExcludeCouncils []int
	// RoomsScale multiplies every Rooms row, rounded half up to whole rooms;
	// PledgeScale every pledge's annual amount, rounded to pence;
	// OccupancyScale every Occupancy row (occupancy_rate when there are
	// none). Unset scales leave their rows alone.
	RoomsScale, PledgeScale, OccupancyScale decimal.NullDecimal
}

// Excludes reports whether the option leaves out council c of the base.
func (o *Option) Excludes(c int) bool {
	for _, x := range o.ExcludeCouncils {
		if x == c {
			return true
		}
	}
	return false
}

// Apply returns the option's scenario: s with the option's settings, its
// councils left out and its scales applied, in that order (occupancy_scale
// scales the option's own occupancy_rate). s is not changed; rows the option
// does not touch are shared with it. The result carries no Options. An
// option with nothing set gives a scenario equal to s but for its Options.
func (o *Option) Apply(s *Scenario) *Scenario {
	t := *s
	t.Options = nil
	for _, k := range o.Keys {
		SetAssumption(&t.Assumptions, o.Assumptions, k)
	}

	if len(o.ExcludeCouncils) > 0 {
		newIdx := make([]int, len(s.Councils))
		t.Councils = nil
		for c, council := range s.Councils {
			newIdx[c] = -1
			if !o.Excludes(c) {
				newIdx[c] = len(t.Councils)
				t.Councils = append(t.Councils, council)
			}
		}
		t.Pledges = keepCouncils(s.Pledges, newIdx)
		t.Occupancy = keepCouncils(s.Occupancy, newIdx)
		t.SpotCosts = keepCouncils(s.SpotCosts, newIdx)
		t.Demand = keepCouncils(s.Demand, newIdx)
		t.Allocations = keepCouncils(s.Allocations, newIdx)
		t.Actuals = keepActuals(s.Actuals, newIdx)
	}

	if f := o.RoomsScale; f.Valid {
		rows := make([]RoomsRow, len(t.Rooms))
		for i, r := range t.Rooms {
			r.Rooms = int(ScaleRooms(r.Rooms, f.Decimal))
			rows[i] = r
		}
		t.Rooms = rows
	}
	if f := o.PledgeScale; f.Valid {
		rows := make([]Pledge, len(t.Pledges))
		for i, p := range t.Pledges {
			p.AnnualAmount = MoneyOf(p.AnnualAmount.Decimal().Mul(f.Decimal))
			rows[i] = p
		}
		t.Pledges = rows
	}
	if f := o.OccupancyScale; f.Valid {
		switch {
		case len(t.Demand) > 0:
			// Occupancy follows demand: scale the placements (to six places).
			rows := make([]DemandRow, len(t.Demand))
			for i, r := range t.Demand {
				r.Placements = r.Placements.Mul(f.Decimal).Round(6)
				rows[i] = r
			}
			t.Demand = rows
		case len(t.Occupancy) == 0:
			t.Assumptions.OccupancyRate = t.Assumptions.OccupancyRate.Mul(f.Decimal)
		default:
			rows := make([]OccupancyRow, len(t.Occupancy))
			for i, r := range t.Occupancy {
				r.RoomsOccupied = r.RoomsOccupied.Mul(f.Decimal)
				rows[i] = r
			}
			t.Occupancy = rows
		}
	}
	return &t
}

// councilRow is a row of a per-council table (Pledges, Occupancy, ...):
// its Council field, by pointer.
type councilRow[T any] interface {
	*T
	councilRef() *int
}

func (r *Pledge) councilRef() *int        { return &r.Council }
func (r *OccupancyRow) councilRef() *int  { return &r.Council }
func (r *SpotCost) councilRef() *int      { return &r.Council }
func (r *DemandRow) councilRef() *int     { return &r.Council }
func (r *AllocationRow) councilRef() *int { return &r.Council }

// keepCouncils returns the rows of the councils kept, renumbered: newIdx
// maps a council of rows to its new index, or -1 for a council left out.
// rows is not changed.
func keepCouncils[T any, P councilRow[T]](rows []T, newIdx []int) []T {
	var out []T
	for _, r := range rows {
		c := P(&r).councilRef()
		if *c = newIdx[*c]; *c >= 0 {
			out = append(out, r)
		}
	}
	return out
}

// keepActuals returns the Actuals rows of the consortium and of the
// councils kept, renumbered as keepCouncils does: an option keeps the
// actuals to date (docs/methodology.md §15), less those of a council it
// leaves out.
func keepActuals(rows []Actual, newIdx []int) []Actual {
	var out []Actual
	for _, r := range rows {
		if r.Council >= 0 {
			if r.Council = newIdx[r.Council]; r.Council < 0 {
				continue
			}
		}
		out = append(out, r)
	}
	return out
}

// ScaleRooms is rooms x f rounded half up to a whole room (f >= 0).
func ScaleRooms(rooms int, f decimal.Decimal) int64 {
	return decimal.NewFromInt(int64(rooms)).Mul(f).Add(decimal.New(5, -1)).Floor().IntPart()
}

// BaseCaseName names the base case of a scenario with options, and
// BusinessAsUsualName the option of doing without the scheme (spot
// purchasing every placement) that outputs compare it with.
const (
	BaseCaseName        = "Base case"
	BusinessAsUsualName = "Business as usual"
)

// ReservedOptionNames are the names an option may not take: outputs give
// them to columns and rows of their own.
var ReservedOptionNames = []string{BaseCaseName, BusinessAsUsualName}
