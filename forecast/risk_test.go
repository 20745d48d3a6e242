package forecast

import (
	"math"
	"reflect"
	"strings"
	"testing"

	"github.com/carecast/carecast"
	"github.com/carecast/carecast/inputs"
)

func TestDelayRooms(t *testing.T) {
	r := func(y, m, d, rooms int) carecast.RoomsRow {
		return carecast.RoomsRow{From: date(y, m, d), Rooms: rooms}
	}
	for _, c := range []struct {
		name string
		rows []carecast.RoomsRow
		k    int
		want []carecast.RoomsRow
	}{
		{"built-in ramp, 6 months", []carecast.RoomsRow{r(2019, 4, 1, 12), r(2020, 4, 1, 24), r(2021, 4, 1, 35)}, 6,
			[]carecast.RoomsRow{r(2019, 4, 1, 12), r(2020, 10, 1, 24), r(2021, 10, 1, 35)}},
		{"the first row is never delayed", []carecast.RoomsRow{r(2019, 4, 1, 12)}, 6, []carecast.RoomsRow{r(2019, 4, 1, 12)}},
		{"a decrease is not delayed", []carecast.RoomsRow{r(2019, 4, 1, 10), r(2019, 6, 1, 20), r(2020, 1, 1, 15)}, 3,
			[]carecast.RoomsRow{r(2019, 4, 1, 10), r(2019, 9, 1, 20), r(2020, 1, 1, 15)}},
		{"a delayed increase overtaken by a later decrease is superseded", []carecast.RoomsRow{r(2019, 4, 1, 10), r(2019, 6, 1, 20), r(2019, 8, 1, 15)}, 3,
			[]carecast.RoomsRow{r(2019, 4, 1, 10), r(2019, 8, 1, 15)}},
		{"rows out of order", []carecast.RoomsRow{r(2020, 4, 1, 24), r(2019, 4, 1, 12)}, 2,
			[]carecast.RoomsRow{r(2019, 4, 1, 12), r(2020, 6, 1, 24)}},
		{"31 January plus one month is 29 February", []carecast.RoomsRow{r(2019, 4, 1, 1), r(2020, 1, 31, 2)}, 1,
			[]carecast.RoomsRow{r(2019, 4, 1, 1), r(2020, 2, 29, 2)}},
	} {
		t.Run(c.name, func(t *testing.T) {
			if got := delayRooms(c.rows, c.k); !reflect.DeepEqual(got, c.want) {
				t.Errorf("got %v, want %v", got, c.want)
			}
		})
	}
}

// Two councils in 2 rooms: A 1 room, B 0.5 from 1 January; from 1 March
// B occupies 1. Scaled by 1.5: 1.5 + 0.75 = 2.25 > 2 in January and
// February, so capped to 2 in proportion (4/3 and 2/3); from March
// 1.5 + 1.5 = 3 > 2, capped to 1 and 1.
func TestCapOccupancy(t *testing.T) {
	occ := []carecast.OccupancyRow{
		{Council: 0, From: date(2021, 1, 1), RoomsOccupied: dec("1")},
		{Council: 1, From: date(2021, 1, 1), RoomsOccupied: dec("0.5")},
		{Council: 1, From: date(2021, 3, 1), RoomsOccupied: dec("1")},
	}
	rooms := []carecast.RoomsRow{{From: date(2021, 1, 1), Rooms: 2}}
	got := capOccupancy(occ, rooms, 2, dec("1.5"))
	want := []carecast.OccupancyRow{
		{Council: 0, From: date(2021, 1, 1), RoomsOccupied: dec("1.333333333333")},
		{Council: 1, From: date(2021, 1, 1), RoomsOccupied: dec("0.666666666666")},
		{Council: 0, From: date(2021, 3, 1), RoomsOccupied: dec("1")},
		{Council: 1, From: date(2021, 3, 1), RoomsOccupied: dec("1")},
	}
	if len(got) != len(want) {
		t.Fatalf("got %v, want %v", got, want)
	}
	for i := range want {
		if got[i].Council != want[i].Council || got[i].From != want[i].From || !got[i].RoomsOccupied.Equal(want[i].RoomsOccupied) {
			t.Errorf("row %d: got %v, want %v", i, got[i], want[i])
		}
	}
	// At 1.2 January fits (1.2 + 0.6 = 1.8): scaled, not capped.
	got = capOccupancy(occ, rooms, 2, dec("1.2"))
	if !got[0].RoomsOccupied.Equal(dec("1.2")) || !got[1].RoomsOccupied.Equal(dec("0.6")) {
		t.Errorf("at 1.2: got %v", got[:2])
	}
}

func TestApply(t *testing.T) {
	s := inputs.BuiltInScenario()
	s.Grants[0].Amount = carecast.MustMoney("100.05")
	x := Neutral()
	x[carecast.FactorSpotPrice] = dec("1.1")
	x[carecast.FactorSpotInflation] = dec("0.01")
	x[carecast.FactorBlockPrice] = dec("0.9")
	x[carecast.FactorBlockUplift] = dec("-0.95") // held at -0.9
	x[carecast.FactorGrants] = dec("0.5")
	x[carecast.FactorOccupancy] = dec("1.2") // 0.9 x 1.2 = 1.08, capped at 1
	x[carecast.FactorRampDelay] = dec("2.5") // 3 months
	got := Apply(s, x)
	for _, c := range []struct{ what, got, want string }{
		{"spot weekly cost", got.SpotCosts[0].WeeklyCost.String(), "3850"},
		{"spot inflation", got.SpotCosts[0].AnnualInflation.String(), "0.06"},
		{"block price", got.Assumptions.BlockWeeklyPrice.String(), "2565"},
		{"block uplift", got.Assumptions.BlockUplift.String(), "-0.9"},
		{"grant", got.Grants[0].Amount.String(), "50.03"}, // 50.025 half away from zero
		{"occupancy rate", got.Assumptions.OccupancyRate.String(), "1"},
		{"second rooms row", got.Rooms[1].From.String(), "2020-07-01"},
		{"the input is unchanged", s.SpotCosts[0].WeeklyCost.String() + " " + s.Rooms[1].From.String(), "3500 2020-04-01"},
	} {
		if c.got != c.want {
			t.Errorf("%s: got %s, want %s", c.what, c.got, c.want)
		}
	}
	// Neutral changes nothing that the engine reads.
	a, b := run(t, s), run(t, Apply(s, Neutral()))
	if !a.Total.Savings.Equal(b.Total.Savings) || !a.NPV.Equal(b.NPV) {
		t.Errorf("neutral: savings %s npv %s, want %s %s", b.Total.Savings, b.NPV, a.Total.Savings, a.NPV)
	}
}

func TestResolveRisks(t *testing.T) {
	s := inputs.BuiltInScenario()
	got, err := ResolveRisks(s)
	if err != nil {
		t.Fatal(err)
	}
	want := carecast.DefaultRisks()
	for f := range want {
		if carecast.Factor(f).DemandFactor() {
			// No Demand rows: the demand factors are held at no change.
			want[f].Low, want[f].Mode, want[f].High = dec("1"), dec("1"), dec("1")
		}
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("without a Risks sheet: got %v, want the defaults", got)
	}
	s.Risks = []carecast.Risk{{Factor: carecast.FactorRampDelay, Distribution: carecast.Normal, Low: dec("0"), Mode: dec("2"), High: dec("4")}}
	got, err = ResolveRisks(s)
	if err != nil {
		t.Fatal(err)
	}
	if r := got[carecast.FactorRampDelay]; r.Factor != carecast.FactorRampDelay || r.Distribution != carecast.Normal || !r.Mode.Equal(dec("2")) {
		t.Errorf("listed factor: got %+v", r)
	}
	if r := got[carecast.FactorOccupancy]; !r.Low.Equal(dec("1")) || !r.High.Equal(dec("1")) {
		t.Errorf("unlisted factor: got %+v, want held at 1", r)
	}
	for _, c := range []struct {
		risks []carecast.Risk
		want  string
	}{
		{[]carecast.Risk{{Factor: carecast.NumFactors, Distribution: carecast.Uniform}}, `unknown risk factor`},
		{[]carecast.Risk{{Factor: carecast.FactorGrants, Distribution: carecast.Normal + 1}}, `unknown distribution`},
		{[]carecast.Risk{{Factor: carecast.FactorGrants, Distribution: carecast.Uniform, Low: dec("1"), Mode: dec("0.5"), High: dec("2")}}, "expected low <= mode <= high"},
		{[]carecast.Risk{{Factor: carecast.FactorRampDelay, Distribution: carecast.Uniform, Low: dec("-1"), Mode: dec("0"), High: dec("2")}}, "ramp_delay out of range"},
		{[]carecast.Risk{{Factor: carecast.FactorGrants, Distribution: carecast.Uniform}, {Factor: carecast.FactorGrants, Distribution: carecast.Uniform}}, "more than once"},
	} {
		s.Risks = c.risks
		if _, err := ResolveRisks(s); err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%v: got error %v, want one saying %q", c.risks, err, c.want)
		}
	}
}

func TestQuantile(t *testing.T) {
	for _, c := range []struct {
		d    dist
		u    float64
		want float64
	}{
		{dist{carecast.Triangular, 0, 1, 2}, 0.5, 1},
		{dist{carecast.Triangular, 0, 1, 2}, 0.125, 0.5}, // sqrt(0.125 x 2 x 1)
		{dist{carecast.Triangular, 0, 1, 2}, 0.875, 1.5},
		{dist{carecast.Triangular, 0.8, 1, 1.05}, 0.8, 1}, // F(mode) = 0.2/0.25
		{dist{carecast.Triangular, 0, 0, 6}, 0.75, 3},     // 6 - sqrt(0.25 x 36)
		{dist{carecast.Triangular, 1, 1, 1}, 0.3, 1},
		{dist{carecast.Uniform, 0.8, 1, 1.2}, 0.25, 0.9},
		{dist{carecast.Normal, 0.8, 1, 1.2}, 0.5, 1},
		{dist{carecast.Normal, 0.8, 1, 1.2}, 0.95, 1.2}, // high is the 95th percentile
		{dist{carecast.Normal, 0.8, 1, 1.2}, 0.05, 0.8},
		{dist{carecast.Normal, 1, 1, 1}, 0.9, 1},
	} {
		if got := c.d.quantile(c.u); math.Abs(got-c.want) > 1e-9 {
			t.Errorf("%+v at %g: got %g, want %g", c.d, c.u, got, c.want)
		}
	}
}

func TestParseFactor(t *testing.T) {
	for _, f := range carecast.Factors() {
		for _, name := range []string{f.String(), strings.ToUpper(f.String()), strings.ReplaceAll(f.String(), "_", " ")} {
			if got, ok := carecast.ParseFactor(name); !ok || got != f {
				t.Errorf("ParseFactor(%q) = %v %v, want %v", name, got, ok, f)
			}
		}
	}
	if _, ok := carecast.ParseFactor("inflation"); ok {
		t.Error(`ParseFactor("inflation") should fail`)
	}
}
