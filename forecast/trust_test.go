package forecast

import (
	"errors"
	"testing"

	"github.com/carecast/carecast"
)

// Three councils each occupy one of three rooms at £1 a week. In April
// 2021 (30 days) each council's used block cost is 30/7 = £4.2857...,
// 428.57 pence, which rounds to 429 on its own; the block cost is 3 x 30/7
// = £12.857..., 1285.71 pence, rounding to 1286. Rounded one by one the
// councils would use 1287 pence, a void of -1p. With the rooms full, the
// 1286 pence are shared by largest remainder: 428 each (1284), and the 2
// left over to the two earliest councils (the remainders tie), so void is
// exactly zero.
func TestFullRoomsVoidIsZero(t *testing.T) {
	start := date(2021, 4, 1)
	s := scenario(start, 1, "1")
	s.Councils = []carecast.Council{{Code: "A"}, {Code: "B"}, {Code: "C"}}
	s.Rooms = []carecast.RoomsRow{{From: start, Rooms: 3}}
	for c := range 3 {
		s.Occupancy = append(s.Occupancy, carecast.OccupancyRow{Council: c, From: start, RoomsOccupied: dec("1")})
		s.SpotCosts = append(s.SpotCosts, carecast.SpotCost{Council: c, From: start, WeeklyCost: dec("2")})
	}
	r := run(t, s)
	april := r.Months[0]
	eqMoney(t, "April block cost", april.BlockCost, "12.86")
	eqMoney(t, "April void cost", april.VoidCost, "0")
	for c, want := range []string{"4.29", "4.29", "4.28"} {
		eqMoney(t, "April used block of "+s.Councils[c].Code, april.Councils[c].UsedBlock, want)
	}
	for _, mo := range r.Months {
		if !mo.VoidCost.IsZero() {
			t.Errorf("%s: void %s, want 0 with every room occupied", mo.Start, mo.VoidCost)
		}
	}
	eqMoney(t, "void over the year", r.Total.VoidCost, "0")
}

// The same full rooms without Occupancy rows: occupancy_rate 100%, shares
// by pledges 1:1:1. Each council uses a third of the rooms, so the same
// figures as above.
func TestFullRoomsDefaultOccupancy(t *testing.T) {
	start := date(2021, 4, 1)
	s := scenario(start, 1, "1")
	s.Assumptions.OccupancyRate = dec("1")
	s.Councils = []carecast.Council{{Code: "A"}, {Code: "B"}, {Code: "C"}}
	s.Rooms = []carecast.RoomsRow{{From: start, Rooms: 3}}
	for c := range 3 {
		s.Pledges = append(s.Pledges, carecast.Pledge{Council: c, From: start, To: date(2022, 3, 31), AnnualAmount: carecast.Pounds(1200)})
		s.SpotCosts = append(s.SpotCosts, carecast.SpotCost{Council: c, From: start, WeeklyCost: dec("2")})
	}
	r := run(t, s)
	for c, want := range []string{"4.29", "4.29", "4.28"} {
		eqMoney(t, "April used block of "+s.Councils[c].Code, r.Months[0].Councils[c].UsedBlock, want)
	}
	eqMoney(t, "void over the year", r.Total.VoidCost, "0")
}

// A block price rising 200% a year for 30 years is £3,000 x 3^29 a week by
// the last year, 6.9e13 pounds: the engine says which figure outgrew it
// rather than wrapping round or panicking.
func TestOverflowIsAnError(t *testing.T) {
	s := twoCouncils()
	s.Assumptions.Years = 30
	s.Assumptions.BlockUplift = dec("2")
	s.Pledges[0].To, s.Pledges[1].To = date(2050, 12, 31), date(2050, 12, 31)
	_, err := Run(s)
	var oe *OverflowError
	if !errors.As(err, &oe) {
		t.Fatalf("Run: %v, want an OverflowError", err)
	}
	if oe.Figure != "Block cost" || oe.Month.IsZero() {
		t.Errorf("overflow of %q in %s, want the block cost in a month", oe.Figure, oe.Month)
	}
}

// A scenario near the bounds: spot placements at £100,000 a week rising
// 50% a year for 30 years fit (£100,000 x 1.5^29 x 2 rooms x 31/7 is
// £1.1e11 a month), but the sensitivity's search for a switching value
// adds 50 points to the inflation: £100,000 x 2^29 x 2 x 31/7 is £4.8e14
// a month, beyond the engine. The sensitivity says so, naming the figure,
// rather than wrapping round.
func TestSensitivityOverflowIsAnError(t *testing.T) {
	s := twoCouncils()
	s.Assumptions.Years = 30
	for i := range s.Pledges {
		s.Pledges[i].To = date(2050, 12, 31)
	}
	for i := range s.SpotCosts {
		s.SpotCosts[i].WeeklyCost = dec("100000")
		s.SpotCosts[i].AnnualInflation = dec("0.5")
	}
	r := run(t, s)
	risks, err := ResolveRisks(s)
	if err != nil {
		t.Fatal(err)
	}
	_, err = Sensitivity(s, r, risks)
	var oe *OverflowError
	if !errors.As(err, &oe) {
		t.Fatalf("Sensitivity: %v, want an OverflowError", err)
	}
}
