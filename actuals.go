package carecast

import (
	"fmt"

	"github.com/shopspring/decimal"
)

// Actuals and the as-at date (docs/methodology.md §15): what actually
// happened in the months to date, which replaces the forecast's figures
// in those months, the forecast standing for the rest.

// ActualItem is what a row of the Actuals sheet gives for a month.
type ActualItem int

// The items of the Actuals sheet, in the order the sheet's list gives
// them. ActualSpotAvoided is not read from an input: forecast.Settle
// writes it, so that a variation of a scenario (a sensitivity setting, a
// Monte Carlo draw, a size of the block) leaves its actual months as they
// were.
const (
	ActualOccupiedRoomDays ActualItem = iota // per council: room-days its children occupied block rooms
	ActualCapacityRoomDays                   // room-days of block rooms available
	ActualBlockCost                          // £ invoiced by the provider, credit notes netted
	ActualPledges                            // per council: £ it paid into the pool
	ActualGrants                             // £ of grant received
	ActualOtherCosts                         // £ of running costs paid
	ActualSpotAvoided                        // per council: £ of spot purchasing avoided, as settled
	numActualItems
)

var actualItemNames = [numActualItems]string{
	ActualOccupiedRoomDays: "occupied_room_days",
	ActualCapacityRoomDays: "capacity_room_days",
	ActualBlockCost:        "block_cost",
	ActualPledges:          "pledges",
	ActualGrants:           "grants",
	ActualOtherCosts:       "other_costs",
	ActualSpotAvoided:      "spot_avoided",
}

func (i ActualItem) String() string {
	if i < 0 || i >= numActualItems {
		return "unknown"
	}
	return actualItemNames[i]
}

// PerCouncil reports whether a row of the item names a council (the
// occupied room-days and pledges, a council's own), rather than the
// consortium.
func (i ActualItem) PerCouncil() bool {
	return i == ActualOccupiedRoomDays || i == ActualPledges || i == ActualSpotAvoided
}

// IsMoney reports whether the item is an amount in pounds, held to pence;
// the others are room-days.
func (i ActualItem) IsMoney() bool {
	return i != ActualOccupiedRoomDays && i != ActualCapacityRoomDays
}

// ActualItems are the items an Actuals row may give, in the order of the
// sheet's drop-down list.
func ActualItems() []ActualItem {
	return []ActualItem{ActualOccupiedRoomDays, ActualCapacityRoomDays, ActualBlockCost, ActualPledges, ActualGrants, ActualOtherCosts}
}

// ParseActualItem reads an item's name, ignoring case, spaces, hyphens and
// underscores; only the items of ActualItems are read.
func ParseActualItem(s string) (ActualItem, bool) {
	for _, i := range ActualItems() {
		if normKey(i.String()) == normKey(s) {
			return i, true
		}
	}
	return 0, false
}

// Actual is one row of the Actuals sheet: what an item came to in a month.
type Actual struct {
	Month   Date // the first day of the model month the row names
	Item    ActualItem
	Council int // index into Scenario.Councils for a council's item; -1 otherwise
	// Value is room-days, exactly as given, or pounds to pence (IsMoney).
	Value decimal.Decimal
}

// AsAt is the scenario's as-at date: the last day of the last month to
// date. Assumptions.AsAt when set (the as_at setting, or --as-at), else
// the last day of the latest month an Actuals row names; zero when there
// are neither.
func (s *Scenario) AsAt() Date {
	if !s.Assumptions.AsAt.IsZero() {
		return s.Assumptions.AsAt
	}
	var last Date
	for _, a := range s.Actuals {
		if a.Month.After(last) {
			last = a.Month
		}
	}
	if last.IsZero() {
		return last
	}
	return MonthEnd(last)
}

// MonthStart is the first day of the month holding d.
func MonthStart(d Date) Date { return Date{Year: d.Year, Month: d.Month, Day: 1} }

// MonthEnd is the last day of the month holding d.
func MonthEnd(d Date) Date { return NewDate(d.Year, d.Month+1, 1).AddDays(-1) }

// actualSettingRows are the registry's rows of the actuals: the as-at
// date (docs/methodology.md §15).
var actualSettingRows = []Setting{
	{Key: "as_at", Kind: KindDate, Unit: "date",
		DefaultText: "the last day of the latest month of the Actuals rows",
		Help:        "the last day of the last month to date: actuals to it, the forecast after (§15)",
		Note:        "The as-at date: the last day of the last month whose actuals are in (the Actuals sheet). Months to it are actuals to date, those after it the forecast. Blank: the last day of the latest month the Actuals sheet names.",
		Expect:      "the last day of a month within the model, such as 2020-11-30 or 30/11/2020",
		Get:         func(a Assumptions) any { return a.AsAt },
		Set:         func(a *Assumptions, v any) { a.AsAt = v.(Date) },
		Check: func(a Assumptions) string {
			d := a.AsAt
			switch {
			case d.IsZero():
				return ""
			case MonthEnd(d) != d:
				return fmt.Sprintf("as_at %s is not the last day of a month: expected %s, the last day of its month", d, MonthEnd(d))
			case d.Before(MonthEnd(a.StartDate)) || d.After(a.End()):
				return fmt.Sprintf("as_at %s is outside the model: expected the last day of a month from %s to %s", d, MonthEnd(a.StartDate), a.End())
			}
			return ""
		}},
}
