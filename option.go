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

// AssumptionKeys are the canonical names of the Assumptions settings an
// option may override, in the order of the Assumptions sheet.
var AssumptionKeys = []string{
	"scenario", "start_date", "years", "block_weekly_price", "block_price_date",
	"block_uplift", "occupancy_rate", "discount_rate", "deflator",
	"opening_fund_balance", "settle_at_end", "optimism_bias",
}

// SetAssumption copies the setting key from src to dst; it reports whether
// key is an Assumptions setting.
func SetAssumption(dst *Assumptions, src Assumptions, key string) bool {
	switch key {
	case "scenario":
		dst.Scenario = src.Scenario
	case "start_date":
		dst.StartDate = src.StartDate
	case "years":
		dst.Years = src.Years
	case "block_weekly_price":
		dst.BlockWeeklyPrice = src.BlockWeeklyPrice
	case "block_price_date":
		dst.BlockPriceDate = src.BlockPriceDate
	case "block_uplift":
		dst.BlockUplift = src.BlockUplift
	case "occupancy_rate":
		dst.OccupancyRate = src.OccupancyRate
	case "discount_rate":
		dst.DiscountRate = src.DiscountRate
	case "deflator":
		dst.Deflator = src.Deflator
	case "opening_fund_balance":
		dst.OpeningFund = src.OpeningFund
	case "settle_at_end":
		dst.SettleAtEnd = src.SettleAtEnd
	case "optimism_bias":
		dst.OptimismBias = src.OptimismBias
	case "max_fill":
		dst.MaxFill = src.MaxFill
	case "sharing":
		dst.Sharing = src.Sharing
	default:
		return false
	}
	return true
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
		t.Pledges = nil
		for _, p := range s.Pledges {
			if p.Council = newIdx[p.Council]; p.Council >= 0 {
				t.Pledges = append(t.Pledges, p)
			}
		}
		t.Occupancy = nil
		for _, r := range s.Occupancy {
			if r.Council = newIdx[r.Council]; r.Council >= 0 {
				t.Occupancy = append(t.Occupancy, r)
			}
		}
		t.SpotCosts = nil
		for _, r := range s.SpotCosts {
			if r.Council = newIdx[r.Council]; r.Council >= 0 {
				t.SpotCosts = append(t.SpotCosts, r)
			}
		}
		t.Demand = nil
		for _, r := range s.Demand {
			if r.Council = newIdx[r.Council]; r.Council >= 0 {
				t.Demand = append(t.Demand, r)
			}
		}
		t.Allocations = nil
		for _, r := range s.Allocations {
			if r.Council = newIdx[r.Council]; r.Council >= 0 {
				t.Allocations = append(t.Allocations, r)
			}
		}
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

// ScaleRooms is rooms x f rounded half up to a whole room (f >= 0).
func ScaleRooms(rooms int, f decimal.Decimal) int64 {
	return decimal.NewFromInt(int64(rooms)).Mul(f).Add(decimal.New(5, -1)).Floor().IntPart()
}

// BaseCaseName names the base case of a scenario with options.
const BaseCaseName = "Base case"
