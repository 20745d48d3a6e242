package forecast

import (
	"testing"

	"github.com/carecast/carecast"
	"github.com/carecast/carecast/inputs"
	"github.com/shopspring/decimal"
)

// handScenario is small enough to work by hand. Two years from 1 April
// 2019: 366 days, then 365. One council, A. Block £700 a week (£100 a
// day), no uplift; spot £770 a week (£110 a day), no inflation. One room,
// occupied, in the first year; two, both occupied, from 1 April 2020. No
// grants, no running costs.
//
//	room-days  366 + 2 x 365 = 1,096
//	block cost 1,096 x £100 = £109,600
//	spot avoided 1,096 x £110 = £120,560
//	savings £10,960: £3,660 in model year 0 and £7,300 in year 1
//	NPV 3,660 + 7,300 / (1.02 x 1.035) = 3,660 + 6,914.84 = £10,574.84
func handScenario() *carecast.Scenario {
	s := scenario(date(2019, 4, 1), 2, "700")
	s.Councils = []carecast.Council{{Code: "A", Name: "Alpha"}}
	s.Pledges = []carecast.Pledge{{Council: 0, From: date(2019, 4, 1), To: date(2021, 3, 31), AnnualAmount: carecast.Pounds(60000)}}
	s.Rooms = []carecast.RoomsRow{{From: date(2019, 4, 1), Rooms: 1}, {From: date(2020, 4, 1), Rooms: 2}}
	s.Occupancy = []carecast.OccupancyRow{
		{Council: 0, From: date(2019, 4, 1), RoomsOccupied: dec("1")},
		{Council: 0, From: date(2020, 4, 1), RoomsOccupied: dec("2")},
	}
	s.SpotCosts = []carecast.SpotCost{{Council: 0, From: date(2019, 4, 1), WeeklyCost: dec("770")}}
	return s
}

func TestHandScenarioBase(t *testing.T) {
	r := run(t, handScenario())
	eqMoney(t, "savings", r.Total.Savings, "10960")
	eqMoney(t, "npv", r.NPV, "10574.84")
}

// The sensitivity of the hand scenario under the default distributions.
// Savings as functions of each factor, worked by hand:
//
//	occupancy x (x <= 1; above 1 the cap holds it at the rooms):
//	                 120,560x - 109,600, zero at x = 10/11
//	spot_price x:    120,560x - 109,600, zero at 10/11
//	spot_inflation p: the second year's spot at 110(1+p) a day for 730
//	                 room-days: 10,960 + 80,300p, zero at p = -0.136488
//	block_price x:   120,560 - 109,600x, zero at 1.1
//	block_uplift p:  10,960 - 73,000p, zero at 0.150137
//	ramp_delay k:    the second room comes k months late and the second
//	                 child is capped out: £10 a day lost; 6 months (183
//	                 days) is 10,960 - 1,830 = 9,130; even 24 months leaves
//	                 3,660 + 3,650 > 0: not within range
//	grants:          none, so no effect
func TestSensitivityByHand(t *testing.T) {
	sens, err := Sensitivity(appraisalOf(t, handScenario()))
	if err != nil {
		t.Fatal(err)
	}
	eqMoney(t, "central savings", sens.Central.Savings, "10960")
	type want struct {
		factor                  carecast.Factor
		savingsLow, savingsHigh string
		swing                   string
		switching               string // "" not within range
	}
	// In tornado order: by swing, largest first.
	wants := []want{
		{carecast.FactorSpotPrice, "-1096", "29044", "30140", "0.909091"},    // 0.9, 1.15
		{carecast.FactorOccupancy, "-13152", "10960", "24112", "0.909091"},   // 0.8, 1.05 (capped)
		{carecast.FactorBlockPrice, "16440", "0", "16440", "1.1"},            // 0.95, 1.10
		{carecast.FactorSpotInflation, "9354", "13369", "4015", "-0.136488"}, // -0.02, +0.03
		{carecast.FactorBlockUplift, "11690", "9500", "2190", "0.150137"},    // -0.01, +0.02
		{carecast.FactorRampDelay, "10960", "9130", "1830", ""},              // 0, 6
		{carecast.FactorGrants, "10960", "10960", "0", ""},                   // 0.8, 1
	}
	if len(sens.Factors) != len(wants) {
		t.Fatalf("%d factors, want %d", len(sens.Factors), len(wants))
	}
	for i, w := range wants {
		got := sens.Factors[i]
		t.Run(w.factor.String(), func(t *testing.T) {
			if got.Factor != w.factor {
				t.Fatalf("factor %d is %s, want %s", i, got.Factor, w.factor)
			}
			eqMoney(t, "savings at low", got.AtLow.Savings, w.savingsLow)
			eqMoney(t, "savings at high", got.AtHigh.Savings, w.savingsHigh)
			eqMoney(t, "swing", got.Swing, w.swing)
			switch {
			case w.switching == "" && got.Switching.Found:
				t.Errorf("switching value %s, want not within range", got.Switching.Value)
			case w.switching != "" && (!got.Switching.Found || !got.Switching.Value.Equal(dec(w.switching))):
				t.Errorf("switching value %v %s, want %s", got.Switching.Found, got.Switching.Value, w.switching)
			}
		})
	}
}

// NPV at a low by hand: occupancy 0.8 loses 36,600 - 0.8 x 40,260 = 4,392
// in year 0 and 73,000 - 0.8 x 80,300 = 8,760 in year 1:
// -4,392 - 8,760 / 1.0557 = -12,689.81.
func TestSensitivityNPVByHand(t *testing.T) {
	sens, err := Sensitivity(appraisalOf(t, handScenario()))
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range sens.Factors {
		if f.Factor == carecast.FactorOccupancy {
			eqMoney(t, "npv at low", f.AtLow.NPV, "-12689.81")
			eqMoney(t, "npv at high", f.AtHigh.NPV, "10574.84")
		}
	}
}

// The occupancy switching value is the forecast's break-even scale: the
// break-even occupancy over the occupancy rate (docs/methodology.md §7), here with
// default occupancy (no Occupancy rows) and with Occupancy rows.
func TestOccupancySwitchingIsBreakEven(t *testing.T) {
	for name, s := range map[string]*carecast.Scenario{
		"built-in":     inputs.BuiltInScenario(),
		"hand":         handScenario(),
		"two councils": twoCouncils(),
	} {
		t.Run(name, func(t *testing.T) {
			r := run(t, s)
			sens, err := Sensitivity(appraisalOf(t, s))
			if err != nil {
				t.Fatal(err)
			}
			for _, f := range sens.Factors {
				if f.Factor != carecast.FactorOccupancy {
					continue
				}
				if !f.Switching.Found {
					t.Fatalf("no switching value; break-even scale %s", r.BreakEvenScale)
				}
				if d := f.Switching.Value.Sub(r.BreakEvenScale).Abs(); d.GreaterThan(dec("0.001")) {
					t.Errorf("switching value %s, break-even scale %s (occupancy %s / rate %s)",
						f.Switching.Value, r.BreakEvenScale, r.BreakEvenOccupancy, r.Total.OccupancyRate())
				}
			}
		})
	}
}

// A Risks sheet: listed factors take its distributions, the others are
// held at no change; the central case is every factor at its mode.
func TestSensitivityWithRisksSheet(t *testing.T) {
	s := handScenario()
	s.Risks = []carecast.Risk{{Factor: carecast.FactorSpotPrice, Distribution: carecast.Uniform, Low: dec("0.5"), Mode: dec("1.2"), High: dec("2")}}
	sens, err := Sensitivity(appraisalOf(t, s))
	if err != nil {
		t.Fatal(err)
	}
	// Central: spot x 1.2: 144,672 - 109,600.
	eqMoney(t, "central", sens.Central.Savings, "35072")
	first := sens.Factors[0]
	if first.Factor != carecast.FactorSpotPrice {
		t.Fatalf("first factor %s, want spot_price", first.Factor)
	}
	eqMoney(t, "at low", first.AtLow.Savings, "-49320")   // 60,280 - 109,600
	eqMoney(t, "at high", first.AtHigh.Savings, "131520") // 241,120 - 109,600
	for _, f := range sens.Factors[1:] {
		if !f.Swing.IsZero() {
			t.Errorf("%s: swing %s, want 0 (not in the Risks sheet)", f.Factor, f.Swing)
		}
	}
	// Occupancy now breaks even at 109,600 / 144,672.
	for _, f := range sens.Factors {
		if f.Factor == carecast.FactorOccupancy && !f.Switching.Value.Equal(dec("0.757576")) {
			t.Errorf("occupancy switching value %s, want 0.757576", f.Switching.Value)
		}
	}
}

func TestSwitchingRoot(t *testing.T) {
	// A step function of whole months: savings 100 - 30k turn at k = 4.
	f := func(v decimal.Decimal) (int64, error) { return 100 - 30*v.IntPart(), nil }
	got, _ := wholeMonthRoot(dec("0"), dec("96"), true, f)
	if !got.Equal(dec("4")) {
		t.Errorf("whole months: got %s, want 4", got)
	}
	// A curve: savings £10m - x^3 x £10,000 are zero at x = 10.
	cube := func(v decimal.Decimal) (int64, error) {
		x := v.InexactFloat64()
		return int64(1e9 - x*x*x*1e6), nil
	}
	got, _ = falsePosition(dec("1"), dec("50"), 1e9-1e6, 1e9-125e9, cube)
	if !got.Sub(dec("10")).Abs().LessThan(dec("0.000002")) {
		t.Errorf("false position: got %s, want 10", got)
	}
}
