package forecasttest

import (
	"fmt"
	"time"

	"github.com/carecast/carecast"
	"github.com/shopspring/decimal"
)

// National returns a deterministic national-scale scenario for benchmarks:
// councils members (e.g. 150, about every English children's services
// authority) over years years (at most 30) from 1 April 2019, each with one
// pledge window over the whole horizon, a spot price of its own quoted
// mid-month, and an Occupancy row every 1 April. Prices are realistic for
// 2019 (NCERCC 2020; docs/methodology.md §14): a block room at £3,000 a week rising 2% a year, spot
// placements at £3,800 to £4,700 a week rising 4% to 8% a year. The rooms
// grow from two to three a council over the first three years; each
// council occupies 80% to 99% of its part of them, so the total never
// exceeds the capacity. One grant a year for the first five years, and one
// running cost over the whole horizon.
func National(councils, years int) *carecast.Scenario {
	councils, years = max(councils, 1), min(max(years, 1), 30)
	start := carecast.Date{Year: 2019, Month: time.April, Day: 1}
	a := carecast.DefaultAssumptions()
	a.Scenario = fmt.Sprintf("National scale: %d councils, %d years", councils, years)
	a.StartDate = start
	a.Years = years
	a.BlockWeeklyPrice = decimal.NewFromInt(3000)
	a.BlockPriceDate = start
	a.BlockUplift = decimal.RequireFromString("0.02")
	end := a.End()
	s := &carecast.Scenario{Assumptions: a}

	rooms := func(y int) int { return 2*councils + min(y, 2)*councils/2 }
	for y := range years {
		s.Rooms = append(s.Rooms, carecast.RoomsRow{From: start.AddMonths(12 * y), Rooms: rooms(y)})
	}
	for c := range councils {
		s.Councils = append(s.Councils, carecast.Council{Code: fmt.Sprintf("N%03d", c+1), Name: fmt.Sprintf("Council %03d", c+1)})
		// £400,000 to £900,000 a year, odd pence so that instalments round.
		s.Pledges = append(s.Pledges, carecast.Pledge{
			Council: c, From: start, To: end,
			AnnualAmount: carecast.Pence(40_000_000 + int64(c*7919%500_000)*100 + int64(c%97)),
		})
		s.SpotCosts = append(s.SpotCosts, carecast.SpotCost{
			Council: c, From: start.AddDays(-1 - c%28),
			WeeklyCost:      decimal.New(380_000+int64(c*3701%90_000), -2),
			AnnualInflation: decimal.New(int64(40+c%41), -3),
		})
		for y := range years {
			// Hundredths of a room: rooms/councils x (80% to 99%), floored.
			pct := int64(80 + (7*c+3*y)%20)
			h := int64(rooms(y)) * pct / int64(councils)
			s.Occupancy = append(s.Occupancy, carecast.OccupancyRow{
				Council: c, From: start.AddMonths(12 * y), RoomsOccupied: decimal.New(h, -2),
			})
		}
	}
	for y := range min(years, 5) {
		s.Grants = append(s.Grants, carecast.Grant{
			Date:        start.AddMonths(12*y + 6).AddDays(14),
			Amount:      carecast.Pounds(int64(250_000 * councils / 8)),
			Description: fmt.Sprintf("Innovation grant, year %d", y+1),
		})
	}
	s.Costs = []carecast.Cost{{
		Description: "Commissioning team", From: start, To: end,
		AnnualAmount: carecast.Pounds(int64(20_000 * councils)),
	}}
	return s
}
