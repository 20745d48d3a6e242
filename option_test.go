package carecast

import (
	"testing"

	"github.com/shopspring/decimal"
)

func nd(s string) decimal.NullDecimal { return decimal.NewNullDecimal(decimal.RequireFromString(s)) }

// rooms_scale rounds each Rooms row half up to a whole room: 3 x 0.5 =
// 1.5 -> 2, 5 x 0.5 = 2.5 -> 3, 7 x 0.5 = 3.5 -> 4, 35 x 0.7 = 24.5 -> 25,
// 35 x 24/35 (0.6857142857) = 23.9999999995 -> 24, 1 x 0.49 -> 0.
func TestRoomsScaleHalfUp(t *testing.T) {
	for _, c := range []struct {
		rooms int
		f     string
		want  int
	}{{3, "0.5", 2}, {5, "0.5", 3}, {7, "0.5", 4}, {35, "0.7", 25}, {35, "0.6857142857", 24}, {1, "0.49", 0}, {12, "2", 24}, {0, "3", 0}} {
		s := &Scenario{Rooms: []RoomsRow{{From: Date{2019, 4, 1}, Rooms: c.rooms}}}
		o := Option{RoomsScale: nd(c.f)}
		got := o.Apply(s)
		if got.Rooms[0].Rooms != c.want {
			t.Errorf("%d rooms x %s = %d rooms, want %d", c.rooms, c.f, got.Rooms[0].Rooms, c.want)
		}
		if s.Rooms[0].Rooms != c.rooms {
			t.Errorf("Apply changed the base: %d rooms, want %d", s.Rooms[0].Rooms, c.rooms)
		}
	}
}

// pledge_scale rounds each annual amount to pence, half away from zero:
// £1,000.01 x 0.5 = £500.005 -> £500.01; £650,000 x 0.333 = £216,450.00;
// £100.03 x 0.25 = £25.0075 -> £25.01; £0.01 x 0.4 = £0.004 -> £0.00.
func TestPledgeScalePence(t *testing.T) {
	for _, c := range []struct{ amount, f, want string }{
		{"1000.01", "0.5", "500.01"}, {"650000", "0.333", "216450.00"}, {"100.03", "0.25", "25.01"}, {"0.01", "0.4", "0.00"},
	} {
		s := &Scenario{Pledges: []Pledge{{AnnualAmount: MustMoney(c.amount)}}}
		got := (&Option{PledgeScale: nd(c.f)}).Apply(s).Pledges[0].AnnualAmount
		if got.String() != c.want {
			t.Errorf("£%s x %s = £%s, want £%s", c.amount, c.f, got, c.want)
		}
	}
}

// exclude_council drops the council, its Pledges, Occupancy and SpotCosts
// rows and its share; the others keep theirs, renumbered.
func TestExcludeCouncilDropsRowsAndShares(t *testing.T) {
	d := decimal.RequireFromString
	day := Date{2019, 4, 1}
	s := &Scenario{
		Councils: []Council{{Code: "A", Share: d("0.5"), HasShare: true}, {Code: "B", Share: d("0.3"), HasShare: true}, {Code: "C", Share: d("0.2"), HasShare: true}},
		Pledges:  []Pledge{{Council: 0, AnnualAmount: Pounds(1)}, {Council: 1, AnnualAmount: Pounds(2)}, {Council: 2, AnnualAmount: Pounds(3)}},
		Occupancy: []OccupancyRow{{Council: 2, From: day, RoomsOccupied: d("1")}, {Council: 1, From: day, RoomsOccupied: d("2")},
			{Council: 0, From: day, RoomsOccupied: d("3")}},
		SpotCosts: []SpotCost{{Council: 1, From: day, WeeklyCost: d("10")}, {Council: 2, From: day, WeeklyCost: d("20")}},
		Options:   []Option{{Name: "x"}},
	}
	got := (&Option{ExcludeCouncils: []int{1}}).Apply(s)
	if len(got.Councils) != 2 || got.Councils[0].Code != "A" || got.Councils[1].Code != "C" {
		t.Fatalf("councils %+v, want A and C", got.Councils)
	}
	if !got.Councils[0].Share.Equal(d("0.5")) || !got.Councils[1].Share.Equal(d("0.2")) {
		t.Errorf("shares %s and %s, want 0.5 and 0.2 (the engine normalises them to 5/7 and 2/7)", got.Councils[0].Share, got.Councils[1].Share)
	}
	if len(got.Pledges) != 2 || got.Pledges[0].Council != 0 || !got.Pledges[0].AnnualAmount.Equal(Pounds(1)) ||
		got.Pledges[1].Council != 1 || !got.Pledges[1].AnnualAmount.Equal(Pounds(3)) {
		t.Errorf("pledges %+v, want A's £1 and C's £3 (as council 1)", got.Pledges)
	}
	if len(got.Occupancy) != 2 || got.Occupancy[0].Council != 1 || !got.Occupancy[0].RoomsOccupied.Equal(d("1")) ||
		got.Occupancy[1].Council != 0 || !got.Occupancy[1].RoomsOccupied.Equal(d("3")) {
		t.Errorf("occupancy %+v, want C's 1 (as council 1) then A's 3", got.Occupancy)
	}
	if len(got.SpotCosts) != 1 || got.SpotCosts[0].Council != 1 || !got.SpotCosts[0].WeeklyCost.Equal(d("20")) {
		t.Errorf("spot costs %+v, want C's £20 as council 1", got.SpotCosts)
	}
	if got.Options != nil {
		t.Errorf("the option's scenario carries options")
	}
	if len(s.Councils) != 3 || s.Pledges[1].Council != 1 || s.Occupancy[0].Council != 2 || len(s.Options) != 1 {
		t.Errorf("Apply changed the base scenario")
	}
}

// Settings override the base's in the order given; occupancy_scale then
// scales the option's own occupancy_rate (0.8 x 0.75 = 0.6).
func TestOptionSettings(t *testing.T) {
	base := &Scenario{Assumptions: DefaultAssumptions()}
	var over Assumptions
	over.OccupancyRate = decimal.RequireFromString("0.8")
	over.OptimismBias = decimal.RequireFromString("0.41")
	over.Scenario = "ignored: not a key"
	o := &Option{Keys: []string{"occupancy_rate", "optimism_bias"}, Assumptions: over, OccupancyScale: nd("0.75")}
	got := o.Apply(base).Assumptions
	if !got.OccupancyRate.Equal(decimal.RequireFromString("0.6")) || !got.OptimismBias.Equal(decimal.RequireFromString("0.41")) {
		t.Errorf("occupancy_rate %s, optimism_bias %s; want 0.6 and 0.41", got.OccupancyRate, got.OptimismBias)
	}
	if got.Scenario != "" || !got.DiscountRate.Equal(base.Assumptions.DiscountRate) {
		t.Errorf("a setting not overridden changed: %+v", got)
	}
	for _, k := range AssumptionKeys() {
		var a Assumptions
		if !SetAssumption(&a, DefaultAssumptions(), k) {
			t.Errorf("SetAssumption does not know %s", k)
		}
	}
}

// An option keeps the actuals to date (docs/methodology.md §15): the
// consortium's rows all, a council's renumbered, those of a council it
// leaves out dropped; the base's rows unchanged.
func TestOptionKeepsActuals(t *testing.T) {
	d := decimal.RequireFromString
	may := Date{2019, 5, 1}
	s := &Scenario{
		Councils: []Council{{Code: "A"}, {Code: "B"}, {Code: "C"}},
		Actuals: []Actual{
			{Month: may, Item: ActualBlockCost, Council: -1, Value: d("5900")},
			{Month: may, Item: ActualOccupiedRoomDays, Council: 1, Value: d("40")},
			{Month: may, Item: ActualPledges, Council: 2, Value: d("1200")},
			{Month: may, Item: ActualOccupiedRoomDays, Council: 0, Value: d("7")},
		},
	}
	if got := (&Option{RoomsScale: nd("2")}).Apply(s); len(got.Actuals) != 4 {
		t.Errorf("an option without exclusions keeps %d rows, want 4", len(got.Actuals))
	}
	got := (&Option{ExcludeCouncils: []int{1}}).Apply(s).Actuals
	want := []Actual{s.Actuals[0], {Month: may, Item: ActualPledges, Council: 1, Value: d("1200")}, s.Actuals[3]}
	if len(got) != len(want) {
		t.Fatalf("%d rows, want %d: %+v", len(got), len(want), got)
	}
	for i := range want {
		if got[i].Month != want[i].Month || got[i].Item != want[i].Item || got[i].Council != want[i].Council || !got[i].Value.Equal(want[i].Value) {
			t.Errorf("row %d: %+v, want %+v", i, got[i], want[i])
		}
	}
	if s.Actuals[2].Council != 2 || len(s.Actuals) != 4 {
		t.Errorf("Apply changed the base's Actuals: %+v", s.Actuals)
	}
}
