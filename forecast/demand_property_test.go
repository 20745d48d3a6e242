package forecast_test

import (
	"fmt"
	"math/rand/v2"
	"testing"

	"github.com/carecast/carecast"
	"github.com/carecast/carecast/forecast"
	"github.com/carecast/carecast/forecast/forecasttest"
	"github.com/shopspring/decimal"
)

// Properties of occupancy derived from demand, over generated scenarios
// with Demand rows (and Allocations rows for the allocated rules), checked
// day by day from the rows rather than through the engine's own sums.

func generatedDemand(seed uint64) *carecast.Scenario {
	return forecasttest.Generate(rand.New(rand.NewPCG(seed, 14)), forecasttest.Options{MaxCouncils: 8, MaxYears: 3, Occupancy: forecasttest.DemandOccupancy})
}

// stepAt is the value of a council's rows (council -1: any) in force on d.
func stepAt[T any](rows []T, c int, d carecast.Date, get func(T) (int, carecast.Date, decimal.Decimal)) decimal.Decimal {
	v, at := decimal.Zero, carecast.Date{}
	for _, r := range rows {
		rc, from, x := get(r)
		if (c < 0 || rc == c) && !from.After(d) && (at.IsZero() || !from.Before(at)) {
			v, at = x, from
		}
	}
	return v
}

func demandOf(r carecast.DemandRow) (int, carecast.Date, decimal.Decimal) {
	return r.Council, r.From, r.Placements
}
func occOf(r carecast.OccupancyRow) (int, carecast.Date, decimal.Decimal) {
	return r.Council, r.From, r.RoomsOccupied
}
func roomsOf(r carecast.RoomsRow) (int, carecast.Date, decimal.Decimal) {
	return -1, r.From, decimal.NewFromInt(int64(r.Rooms))
}
func allocOf(r carecast.AllocationRow) (int, carecast.Date, decimal.Decimal) {
	return r.Council, r.From, decimal.NewFromInt(int64(r.Rooms))
}

func TestDemandProperties(t *testing.T) {
	for seed := range uint64(80) {
		s := generatedDemand(seed)
		t.Run(fmt.Sprintf("seed=%d %s", seed, s.Assumptions.Sharing), func(t *testing.T) {
			res, err := forecast.Run(s)
			if err != nil {
				t.Fatal(err)
			}
			der := forecast.DeriveOccupancy(s)
			fill := s.Assumptions.Fill()
			c := &checker{t: t}
			// Day by day: occupancy within max_fill x rooms, within each
			// council's demand (and, allocated, within its allocation).
			for m, mo := range res.Months {
				demandDays := make([]decimal.Decimal, len(s.Councils))
				for d := mo.Start; !d.After(mo.End); d = d.AddDays(1) {
					total := decimal.Zero
					for k := range s.Councils {
						o := stepAt(der.Occupancy, k, d, occOf)
						dem := stepAt(s.Demand, k, d, demandOf)
						demandDays[k] = demandDays[k].Add(dem)
						total = total.Add(o)
						if o.GreaterThan(dem) || o.Sign() < 0 {
							c.errorf("%s council %d: occupies %s of demand %s", d, k, o, dem)
						}
						if s.Assumptions.Sharing == carecast.SharingAllocated {
							if a := fill.Mul(stepAt(s.Allocations, k, d, allocOf)); o.GreaterThan(a) {
								c.errorf("%s council %d: occupies %s, allocated %s x max_fill", d, k, o, a)
							}
						}
					}
					if lim := fill.Mul(stepAt(s.Rooms, -1, d, roomsOf)); total.GreaterThan(lim) {
						c.errorf("%s: occupancy %s above max_fill x rooms %s", d, total, lim)
					}
				}
				// Occupancy plus overflow is demand, council by council.
				for k, cm := range mo.Councils {
					c.eqDec(fmt.Sprintf("month %d council %d occupied + overflow", m, k), cm.OccupiedRoomDays.Add(cm.OverflowRoomDays), demandDays[k])
				}
			}
		})
	}
}

// With demand far above capacity, pooled sharing fills max_fill of the
// rooms, every month, exactly; and trading rooms after allocation never
// saves less than keeping to the allocations.
func TestDemandFarAboveCapacityAndTrading(t *testing.T) {
	for seed := range uint64(60) {
		s := generatedDemand(seed)
		t.Run(fmt.Sprintf("seed=%d", seed), func(t *testing.T) {
			big := *s
			big.Assumptions.Sharing = carecast.SharingPooled
			big.Demand = nil
			for k := range s.Councils {
				// Every council needs 10,000 placements from long before the start.
				big.Demand = append(big.Demand, carecast.DemandRow{Council: k, From: s.Assumptions.StartDate.AddDays(-1), Placements: decimal.NewFromInt(10000)})
			}
			big.SpotCosts = append([]carecast.SpotCost(nil), s.SpotCosts...)
			for k := range s.Councils {
				big.SpotCosts = append(big.SpotCosts, carecast.SpotCost{Council: k, From: s.Assumptions.StartDate.AddDays(-400), WeeklyCost: decimal.NewFromInt(3000)})
			}
			res, err := forecast.Run(&big)
			if err != nil {
				t.Fatal(err)
			}
			c := &checker{t: t}
			for _, mo := range res.Months {
				c.eqDec(mo.Start.String()+" occupied", mo.OccupiedRoomDays, s.Assumptions.Fill().Mul(mo.CapacityRoomDays))
			}

			if len(s.Allocations) == 0 {
				return
			}
			alloc, trade := *s, *s
			alloc.Assumptions.Sharing, trade.Assumptions.Sharing = carecast.SharingAllocated, carecast.SharingAllocatedTrade
			ra, err := forecast.Run(&alloc)
			if err != nil {
				t.Fatal(err)
			}
			rt, err := forecast.Run(&trade)
			if err != nil {
				t.Fatal(err)
			}
			if rt.Total.Savings.Cmp(ra.Total.Savings) < 0 {
				t.Errorf("allocated_trade saves %s, less than allocated %s", rt.Total.Savings, ra.Total.Savings)
			}
			if rt.Total.OverflowRoomDays.GreaterThan(ra.Total.OverflowRoomDays) {
				t.Errorf("allocated_trade overflows %s room-days, more than allocated %s", rt.Total.OverflowRoomDays, ra.Total.OverflowRoomDays)
			}
		})
	}
}
