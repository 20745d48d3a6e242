package inputs

import (
	"github.com/carecast/carecast"
	"github.com/shopspring/decimal"
)

// The built-in scenario: the North East London Commissioning Partnership as
// the seed articles describe it. Every figure's source is in README.md
// ("Where the built-in figures come from").

// BuiltInName is the built-in scenario's name.
const BuiltInName = "North East London Commissioning Partnership (illustrative)"

// builtInCouncils are the eight authorities, Havering first as the lead
// (Havering Cabinet, agenda item 19054), each with an illustrative 2019
// spot price per week. They average £3,562.50, the spot equivalent of the
// expected "20% reduction in the average weekly cost of a placement"
// against a block price of £2,850 (Barking and Dagenham Cabinet, 13
// November 2018, item 51), a little below the 2018/19 national average
// for independent homes of £3,970 (NCERCC / Revolution Consulting, 2020).
var builtInCouncils = []struct {
	code, name string
	spotWeekly string
}{
	{"HAV", "Havering", "3500"},
	{"BAD", "Barking and Dagenham", "3500"},
	{"COL", "City of London", "3700"},
	{"HAC", "Hackney", "3600"},
	{"NEW", "Newham", "3550"},
	{"RED", "Redbridge", "3500"},
	{"TOW", "Tower Hamlets", "3600"},
	{"WAL", "Waltham Forest", "3550"},
}

// BuiltInScenario returns the built-in scenario, a fresh copy each call.
func BuiltInScenario() *carecast.Scenario {
	d := decimal.RequireFromString
	start := carecast.Date{Year: 2019, Month: 4, Day: 1}
	end := carecast.Date{Year: 2027, Month: 3, Day: 31}
	a := carecast.DefaultAssumptions()
	a.Scenario = BuiltInName
	a.StartDate = start
	a.Years = 8
	// £5.2m a year over 35 rooms is about £2,850 per room-week (docs/methodology.md
	// §14: the seed's £5.2m a year spread over its 35 rooms).
	a.BlockWeeklyPrice = d("2850")
	a.BlockPriceDate = start
	// The block price rises with the deflator: held constant in real terms.
	a.BlockUplift = d("0.02")

	s := &carecast.Scenario{Assumptions: a}
	for i, c := range builtInCouncils {
		s.Councils = append(s.Councils, carecast.Council{Code: c.code, Name: c.name})
		// £650,000 a year from each council for eight years (local press
		// report of the scheme; docs/methodology.md §14).
		s.Pledges = append(s.Pledges, carecast.Pledge{
			Council: i, From: start, To: end, AnnualAmount: carecast.Pounds(650000),
		})
		// Placement prices rise about 5% a year, the default of children's
		// services demand models (NCERCC / Revolution Consulting 2020 saw about 6%).
		s.SpotCosts = append(s.SpotCosts, carecast.SpotCost{
			Council: i, From: start, WeeklyCost: d(c.spotWeekly), AnnualInflation: d("0.05"),
		})
	}
	// 35 rooms secured over three years, available from April 2019 (seed
	// 001): 12, then 24, then 35, each April.
	s.Rooms = []carecast.RoomsRow{
		{From: start, Rooms: 12},
		{From: carecast.Date{Year: 2020, Month: 4, Day: 1}, Rooms: 24},
		{From: carecast.Date{Year: 2021, Month: 4, Day: 1}, Rooms: 35},
	}
	// Department for Education Innovation Programme: £782,750 over three
	// years (Havering Cabinet, agenda item 19054), paid here in three April
	// instalments. The further £53,000 depends on an evaluation and is left
	// out.
	s.Grants = []carecast.Grant{
		{Date: start, Amount: carecast.Pence(26091700), Description: "DfE Innovation Programme, year 1 of 3"},
		{Date: carecast.Date{Year: 2020, Month: 4, Day: 1}, Amount: carecast.Pence(26091700), Description: "DfE Innovation Programme, year 2 of 3"},
		{Date: carecast.Date{Year: 2021, Month: 4, Day: 1}, Amount: carecast.Pence(26091600), Description: "DfE Innovation Programme, year 3 of 3"},
	}
	s.Options = builtInOptions()
	// Children placed far from home go missing more often; a missing-person
	// investigation costs £2,415 (University of Portsmouth, 2012; £1,325 in
	// its modelled medium-risk case). How many episodes a room nearer home
	// avoids is not sourced: 0.5 a room-year is an illustrative assumption.
	s.WiderBenefits = []carecast.WiderBenefit{{
		Measure:     "Missing-person episodes avoided",
		Unit:        "episodes (illustrative quantity: replace with local data)",
		PerRoomYear: d("0.5"),
		UnitValue:   carecast.Pounds(2415),
		Bearer:      "Police (non-cashable)",
		Source:      "Unit value: £2,415 a missing-person investigation (University of Portsmouth, 2012; £1,325 in its modelled medium-risk case). Quantity: an illustrative assumption of 0.5 episodes a room-year, to be replaced with local data.",
	}}
	return s
}

// builtInOptions is the worked shortlist of the built-in scenario, each
// against business as usual (HM Treasury Green Book: business as usual, a
// do-minimum, the preferred option and another viable alternative): fewer
// rooms, the rooms as contracted, a council staying out, and a dearer
// provider with the Green Book's 41% upper bound of optimism bias for
// outsourcing.
func builtInOptions() []carecast.Option {
	d := decimal.RequireFromString
	var dearer carecast.Assumptions
	dearer.BlockWeeklyPrice = d("3250")
	dearer.OptimismBias = d("0.41")
	return []carecast.Option{
		{Name: "24 rooms", Description: "A smaller block: 24 rooms at full size instead of 35 (8, 16, then 24), the same pledges",
			RoomsScale: decimal.NewNullDecimal(d("0.6857142857"))},
		{Name: "35 rooms as given", Description: "The block as contracted: 12, 24, then 35 rooms"},
		{Name: "City of London stays out", Description: "One council stays out and keeps spot-purchasing; the other seven share the 35 rooms",
			ExcludeCouncils: []int{2}},
		{Name: "Dearer provider", Description: "A provider at £3,250 a room a week, with the Green Book's 41% optimism bias for outsourcing",
			Keys: []string{"block_weekly_price", "optimism_bias"}, Assumptions: dearer},
	}
}
